// A stream of `u32` yielding a `String`.
use gen_runtime::{generator, yield_, Stream};

#[generator]
fn numbers() -> impl Stream<Item = u32> {
    yield_!(1);
    yield_!(String::from("two"));
}

fn main() {
    let _ = numbers();
}
