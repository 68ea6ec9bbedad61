// In an iterator, `yield_from!` takes an `IntoIterator`: a `Generator` is not one.
use gen_runtime::{generator, yield_, yield_from, Generator};

#[generator]
fn inner() -> impl Generator<Yield = u32, Return = ()> {
    yield_!(1);
}

#[generator]
fn outer() -> impl Iterator<Item = u32> {
    yield_from!(inner());
}

fn main() {
    let _ = outer();
}
