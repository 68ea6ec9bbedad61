use gen_runtime::{generator, yield_};

// `yield_!()` yields `()`, which an iterator of `u32` cannot hand out.
#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    yield_!();
}

fn main() {
    let _ = numbers();
}
