// An iterator returns `()`: a tail expression with a value has nowhere to go.
use gen_runtime::{generator, yield_};

#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    yield_!(1);
    2
}

fn main() {
    let _ = numbers();
}
