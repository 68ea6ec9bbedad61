// A generator fn cannot be `const`: the error points at `const` and says to remove it.
use gen_runtime::{generator, yield_};

#[generator]
const fn numbers() -> impl Iterator<Item = u32> {
    yield_!(1);
}

fn main() {
    let _ = numbers();
}
