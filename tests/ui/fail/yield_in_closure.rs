use gen_runtime::{generator, yield_};

#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    let f = || {
        yield_!(1);
    };
    f();
    yield_!(2);
}

fn main() {
    let _ = numbers();
}
