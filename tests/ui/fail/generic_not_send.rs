// The signature promises `Send`, and the body holds a `T` across a yield without
// `T: Send`.
use gen_runtime::{generator, yield_};

#[generator]
fn repeat<T: Clone>(value: T, n: usize) -> impl Iterator<Item = T> + Send {
    for _ in 0..n {
        yield_!(value.clone());
    }
}

fn main() {
    let _ = repeat(1u32, 2);
}
