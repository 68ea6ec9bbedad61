// A `Generator` yields its `Yield` type: a `&str` where `Yield = u32` is reported on the
// yielded value.
use gen_runtime::{generator, yield_, Generator};

#[generator]
fn numbers() -> impl Generator<Yield = u32, Return = ()> {
    yield_!(1);
    yield_!("two");
}

fn main() {
    let _ = numbers();
}
