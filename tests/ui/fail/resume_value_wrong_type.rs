// A `Generator<u32, …>` is resumed with `u32`s: the value of `yield_!` is not a `String`.
use gen_runtime::{generator, yield_, Generator};

#[generator]
fn echo() -> impl Generator<u32, Yield = u32, Return = ()> {
    let text: String = yield_!(1);
    yield_!(text.len() as u32);
}

fn main() {
    let _ = echo();
}
