use gen_runtime::{generator, yield_};

// An iterator is resumed with `()`: there is no resume argument to bind.
#[generator(resume = x)]
fn resumed() -> impl Iterator<Item = u32> {
    yield_!(1);
}

fn main() {}
