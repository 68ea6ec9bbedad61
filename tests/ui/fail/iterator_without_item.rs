use gen_runtime::{generator, yield_};

#[generator]
fn numbers() -> impl Iterator {
    yield_!(1);
}

fn main() {}
