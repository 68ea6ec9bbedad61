// `yield_from!` of an iterator of `&str` in an iterator of `u32`.
use gen_runtime::{generator, yield_from};

#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    yield_from!(vec!["one", "two"]);
}

fn main() {
    let _ = numbers();
}
