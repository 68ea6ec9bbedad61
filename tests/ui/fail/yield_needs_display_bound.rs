// Formatting a `T` that is not `Display` to yield it.
use gen_runtime::{generator, yield_};

#[generator]
fn labels<T>(items: Vec<T>) -> impl Iterator<Item = String> {
    for x in items {
        yield_!(format!("item {x}"));
    }
}

fn main() {
    let _ = labels(vec![1]);
}
