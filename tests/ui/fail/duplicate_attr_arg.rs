// Each `generator` argument may be given once: the second `resume` is reported.
use gen_runtime::{generator, yield_, Generator};

#[generator(resume = first, resume = second)]
fn echo() -> impl Generator<u32, Yield = u32> {
    yield_!(1);
}

fn main() {
    let _ = echo();
}
