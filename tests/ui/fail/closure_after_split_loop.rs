use gen_runtime::{generator, yield_};

// Known limitation (README, "Limits"): inside a loop, code after an inner loop that
// yields is emitted once per way of reaching it, so a closure created there has a
// different type in each copy. (After a loop at the top of the body it works.)
#[generator]
fn after_inner_loop(n: u32) -> impl Iterator<Item = u32> {
    for k in 0..n {
        for i in 0..k {
            yield_!(i);
        }
        let add_one = |x: u32| x + 1;
        yield_!(add_one(k));
        yield_!(add_one(k + 1));
    }
}

fn main() {}
