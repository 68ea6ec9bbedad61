use gen_runtime::{generator, yield_};

#[generator(bogus)]
fn numbers() -> impl Iterator<Item = u32> {
    yield_!(1);
}

fn main() {
    let _ = numbers();
}
