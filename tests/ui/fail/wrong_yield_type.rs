use gen_runtime::{generator, yield_};

#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    yield_!(1);
    yield_!("text");
}

fn main() {
    let _ = numbers();
}
