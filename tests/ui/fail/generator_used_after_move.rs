// A generator value used after it was moved by `collect`.
use gen_runtime::{generator, yield_};

#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    yield_!(1);
    yield_!(2);
}

fn main() {
    let mut it = numbers();
    let all: Vec<u32> = it.collect();
    let _ = it.next();
    let _ = all;
}
