use gen_runtime::{generator, yield_};

// Known shortcoming: the macro reports the argument and the missing `Item`, and rustc
// reports the signature (E0107) as well.
#[generator]
fn numbers() -> impl Iterator<u32> {
    yield_!(1);
}

fn main() {
    let _ = numbers();
}
