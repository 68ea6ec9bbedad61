use gen_runtime::{generator, yield_};

// Known limitation (README, "Limits"): code after a loop that yields is emitted once per
// way of reaching it, so a closure created there has a different type in each copy.
#[generator]
fn after_loop(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        yield_!(i);
    }
    let add_one = |x: u32| x + 1;
    yield_!(add_one(1));
    yield_!(add_one(2));
}

fn main() {}
