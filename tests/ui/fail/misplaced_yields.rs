use gen_runtime::{generator, yield_, yield_from};

// Every misplaced suspension point is reported in one compile: in closures, async blocks
// and const blocks, which are scopes of their own.
#[generator]
fn misplaced(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let f = |x: u32| yield_!(x);
    let g = || yield_from!(0..3);
    let _fut = async { yield_!(2) };
    let _unit = const { yield_!(3) };
    let _ = (f, g, v);
}

fn main() {}
