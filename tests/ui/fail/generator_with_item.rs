// `Item` belongs to iterators: a generator names its yields `Yield`.
use gen_runtime::{generator, yield_, Generator};

#[generator]
fn numbers() -> impl Generator<u32, Item = u32> {
    yield_!(1);
}

fn main() {
    let _ = numbers();
}
