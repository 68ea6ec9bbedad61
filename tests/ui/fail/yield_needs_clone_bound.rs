// Yielding a copy of a `T` that is not `Clone`: `x.clone()` clones the reference, and the
// fix is a `T: Clone` bound.
use gen_runtime::{generator, yield_};

#[generator]
fn twice<T>(items: Vec<T>) -> impl Iterator<Item = T> {
    for x in &items {
        yield_!(x.clone());
    }
}

fn main() {
    let _ = twice(vec![1]);
}
