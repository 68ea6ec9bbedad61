//! README, Limits: a field moved into a binding is taken for a copy of a `Copy` field. In
//! a branch block laid out flat (a move beside it needs its own copy of the code after
//! the block), the value is dropped where the block ended, and rustc reports the partial
//! move there. `std::mem::take` or a destructuring `let` says it.
use gen_runtime::{generator, yield_};

struct Noisy;

impl Drop for Noisy {
    fn drop(&mut self) {}
}

struct Bag {
    items: Vec<u32>,
    name: String,
}

#[generator]
fn unseen(c: bool, d: bool) -> impl Iterator<Item = usize> {
    let o = Noisy;
    let mut n = 0;
    if c {
        let bag = Bag { items: vec![1], name: String::new() };
        let items = bag.items;
        if d {
            drop(o);
        }
        n = items.len();
    }
    yield_!(n);
}

#[generator]
fn written_out(c: bool, d: bool) -> impl Iterator<Item = usize> {
    let o = Noisy;
    let mut n = 0;
    if c {
        let Bag { items, name } = Bag { items: vec![1], name: String::new() };
        if d {
            drop(o);
        }
        n = items.len() + name.len();
    }
    yield_!(n);
}

fn main() {
    let _ = unseen(true, false);
    let _ = written_out(true, false);
}
