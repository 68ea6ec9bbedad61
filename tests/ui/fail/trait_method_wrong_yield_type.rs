// A trait method implemented as a generator yields an `i64` where the trait says `u32`.
use gen_runtime::{generator, yield_};

trait Numbers {
    fn numbers(&self) -> impl Iterator<Item = u32>;
}

struct Evens;

impl Numbers for Evens {
    #[generator]
    fn numbers(&self) -> impl Iterator<Item = u32> {
        yield_!(-2i64);
    }
}

fn main() {
    let _ = Evens.numbers();
}
