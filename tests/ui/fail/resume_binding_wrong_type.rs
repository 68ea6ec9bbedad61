// `resume = first` binds the first resume argument, a `u32` here, used as a `&str`.
use gen_runtime::{generator, yield_, Generator};

#[generator(resume = first)]
fn echo() -> impl Generator<u32, Yield = usize, Return = ()> {
    let name: &str = first;
    yield_!(name.len());
}

fn main() {
    let _ = echo();
}
