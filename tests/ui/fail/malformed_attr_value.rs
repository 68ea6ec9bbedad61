use gen_runtime::{generator, yield_, Generator};

#[generator(resume)]
fn numbers() -> impl Generator<u32, Yield = u32> {
    yield_!(1);
}

fn main() {
    let _ = numbers();
}
