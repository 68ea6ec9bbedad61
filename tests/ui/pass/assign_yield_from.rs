// `place = yield_from!(…)` assigns the inner generator's return value to the place.
use gen_runtime::{generator, yield_, yield_from, Generator, GeneratorState};

#[generator]
fn inner(k: u32) -> impl Generator<Yield = u32, Return = u32> {
    yield_!(k);
    k * 10
}

#[generator]
fn outer() -> impl Generator<Yield = u32, Return = [u32; 2]> {
    let x;
    x = yield_from!(inner(1));
    let mut pair = [0, 0];
    pair[1] = yield_from!(inner(2));
    pair[0] = x;
    pair
}

fn main() {
    let mut g = outer();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(g.resume(()), GeneratorState::Yielded(2));
    assert_eq!(g.resume(()), GeneratorState::Complete([10, 20]));
}
