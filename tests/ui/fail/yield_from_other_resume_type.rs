// `yield_from!` of a generator resumed with `String` inside one resumed with `u32`.
use gen_runtime::{generator, yield_, yield_from, Generator};

#[generator]
fn inner() -> impl Generator<String, Yield = u32, Return = ()> {
    yield_!(1);
}

#[generator]
fn outer() -> impl Generator<u32, Yield = u32, Return = ()> {
    yield_from!(inner());
}

fn main() {
    let _ = outer();
}
