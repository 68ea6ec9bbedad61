// A `Generator<Return = u32>` whose body ends without a value.
use gen_runtime::{generator, yield_, Generator};

#[generator]
fn numbers() -> impl Generator<Yield = u32, Return = u32> {
    yield_!(1);
    yield_!(2);
}

fn main() {
    let _ = numbers();
}
