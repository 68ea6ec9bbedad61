// An iterator is resumed with `()`: the value of `yield_!` cannot be a `u32`.
use gen_runtime::{generator, yield_};

#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    let got: u32 = yield_!(1u32);
    yield_!(got);
}

fn main() {
    let _ = numbers();
}
