// The caller resumes a `Generator<u32, …>` with a `&str`.
use gen_runtime::{generator, yield_, Generator};

#[generator]
fn echo() -> impl Generator<u32, Yield = u32, Return = ()> {
    let mut n = 0;
    loop {
        n = yield_!(n);
    }
}

fn main() {
    let mut g = echo();
    let _ = g.resume("one");
}
