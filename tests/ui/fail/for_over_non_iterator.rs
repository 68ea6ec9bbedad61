// A `for` loop with a yield in its body, over a value that is not an iterator.
use gen_runtime::{generator, yield_};

#[generator]
fn numbers(n: u32) -> impl Iterator<Item = u32> {
    for x in n {
        yield_!(x);
    }
}

fn main() {
    let _ = numbers(3);
}
