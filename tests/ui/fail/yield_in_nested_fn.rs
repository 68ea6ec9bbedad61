use gen_runtime::{generator, yield_};

// A nested item is not part of the generator: its `yield_!` is the runtime's stub.
#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    fn helper() -> u32 {
        yield_!(1);
        2
    }
    yield_!(helper());
}

fn main() {
    let _ = numbers();
}
