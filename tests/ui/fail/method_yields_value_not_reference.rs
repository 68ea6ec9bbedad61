// A method whose items are references yields a value: rustc says to borrow it.
use gen_runtime::{generator, yield_};

struct Bag {
    items: Vec<u32>,
}

impl Bag {
    #[generator]
    fn doubled(&self) -> impl Iterator<Item = &u32> + '_ {
        for x in &self.items {
            yield_!(*x * 2);
        }
    }
}

fn main() {
    let bag = Bag { items: vec![1] };
    let _ = bag.doubled();
}
