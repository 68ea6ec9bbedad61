// In an `impl Generator<u32, …>`, `yield_from!` takes a `Generator<u32>`: a range is an
// iterator (loop over it and `yield_!` each item instead).
use gen_runtime::{generator, yield_from, Generator};

#[generator]
fn numbers() -> impl Generator<u32, Yield = u32, Return = ()> {
    yield_from!(0..3u32);
}

fn main() {
    let _ = numbers();
}
