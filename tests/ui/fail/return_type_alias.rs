use gen_runtime::{generator, yield_};

// The return type is read as written: an alias is not seen through.
type Numbers = Box<dyn Iterator<Item = u32>>;

#[generator]
fn numbers() -> Numbers {
    yield_!(1);
}

fn main() {
    let _ = numbers();
}
