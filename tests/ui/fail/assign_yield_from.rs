use gen_runtime::{generator, yield_, yield_from, Generator};

// Not supported yet: `place = yield_from!(…)` (`let x = yield_from!(…);` works).
#[generator]
fn inner() -> impl Generator<Yield = u32, Return = u32> {
    yield_!(1);
    7
}

#[generator]
fn outer() -> impl Generator<Yield = u32, Return = u32> {
    let x;
    x = yield_from!(inner());
    x
}

fn main() {
    let _ = outer();
}
