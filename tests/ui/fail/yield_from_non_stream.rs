// In a stream, `yield_from!` takes another stream: a `Vec` is not one.
use gen_runtime::{generator, yield_from, Stream};

#[generator]
fn numbers() -> impl Stream<Item = u32> {
    yield_from!(vec![1, 2, 3]);
}

fn main() {
    let _ = numbers();
}
