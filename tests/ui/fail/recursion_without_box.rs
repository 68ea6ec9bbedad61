// A generator that yields from itself needs a boxed return type: its state would contain
// itself (E0720).
use gen_runtime::{generator, yield_, yield_from};

#[generator]
fn countdown(n: u32) -> impl Iterator<Item = u32> {
    if n > 0 {
        yield_!(n);
        yield_from!(countdown(n - 1));
    }
}

fn main() {
    let _ = countdown(3);
}
