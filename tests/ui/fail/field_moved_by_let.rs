//! README, Limits: a field moved into a binding is not seen as a move (it could be a copy
//! of a `Copy` field), so the rest of the value is held across the yield whole and rustc
//! reports the partial move. `std::mem::take` or a destructuring `let` says it.
use gen_runtime::{generator, yield_};

struct Bag {
    items: Vec<u32>,
    count: u32,
}

#[generator]
fn unseen(bag: Bag) -> impl Iterator<Item = u32> {
    let items = bag.items;
    yield_!(items.len() as u32);
    yield_!(bag.count);
}

#[generator]
fn written_out(bag: Bag) -> impl Iterator<Item = u32> {
    let Bag { items, count } = bag;
    yield_!(items.len() as u32);
    yield_!(count);
}

fn main() {
    let _ = unseen(Bag { items: vec![], count: 0 });
    let _ = written_out(Bag { items: vec![], count: 0 });
}
