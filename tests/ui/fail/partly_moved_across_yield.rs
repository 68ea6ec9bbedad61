//! README, Limits: a value partly moved before a suspension point, and read after it,
//! cannot be carried in the state. Taking it apart first (`let Bag { v, count } = self;`)
//! compiles.
use gen_runtime::{generator, yield_};

struct Bag {
    v: Vec<u32>,
    count: u32,
}

impl Bag {
    #[generator]
    fn drain(self) -> impl Iterator<Item = u32> {
        for x in self.v {
            yield_!(x);
        }
        yield_!(self.count);
    }
}

fn main() {
    let _ = Bag { v: vec![1], count: 1 }.drain();
}
