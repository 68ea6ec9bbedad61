// `yield_from!` evaluates to the inner generator's return value, a `String` here.
use gen_runtime::{generator, yield_, yield_from, Generator};

#[generator]
fn inner() -> impl Generator<Yield = u32, Return = String> {
    yield_!(1);
    String::from("done")
}

#[generator]
fn outer() -> impl Generator<Yield = u32, Return = u32> {
    let n: u32 = yield_from!(inner());
    n
}

fn main() {
    let _ = outer();
}
