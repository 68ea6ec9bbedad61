use gen_runtime::{generator, yield_, Generator};

#[generator]
fn numbers() -> impl Generator<Yield = u32, Return = impl std::fmt::Debug> {
    yield_!(1);
    5
}

fn main() {
    let _ = numbers();
}
