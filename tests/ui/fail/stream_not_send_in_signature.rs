// A `Send` stream holding a `RefCell` borrow guard across an `.await`.
use std::cell::RefCell;
use std::rc::Rc;

use gen_runtime::{generator, yield_, Stream};

async fn tick() {}

#[generator]
fn counts(cell: Rc<RefCell<u32>>) -> impl Stream<Item = u32> + Send {
    let n = *cell.borrow();
    tick().await;
    yield_!(n);
}

fn main() {
    let _ = counts(Rc::new(RefCell::new(1)));
}
