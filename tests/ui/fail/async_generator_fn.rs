use gen_runtime::{generator, yield_};

#[generator]
async fn numbers() -> impl Iterator<Item = u32> {
    yield_!(1);
}

fn main() {}
