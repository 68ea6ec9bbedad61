// The signature promises `Clone`, and the body holds a value that is not `Clone`
// across a yield.
use gen_runtime::{generator, yield_};

struct Counter {
    n: u32,
}

#[generator]
fn counting() -> impl Iterator<Item = u32> + Clone {
    let mut c = Counter { n: 0 };
    loop {
        c.n += 1;
        yield_!(c.n);
    }
}

fn main() {
    let _ = counting();
}
