use gen_runtime::{generator, yield_};

#[generator]
fn numbers() -> impl Iterator {
    yield_!(1);
}

#[generator(resume = x)]
fn resumed() -> impl Iterator<Item = u32> {
    yield_!(1);
}

fn main() {}
