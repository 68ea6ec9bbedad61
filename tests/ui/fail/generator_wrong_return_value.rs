// The tail expression of a `Generator<Return = u32>` is a `&str`.
use gen_runtime::{generator, yield_, Generator};

#[generator]
fn numbers() -> impl Generator<Yield = u32, Return = u32> {
    yield_!(1);
    "done"
}

fn main() {
    let _ = numbers();
}
