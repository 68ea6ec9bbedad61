// The signature promises `Send`, and the body holds an `Rc` across a yield.
use std::rc::Rc;

use gen_runtime::{generator, yield_};

#[generator]
fn shared(n: u32) -> impl Iterator<Item = u32> + Send {
    let rc = Rc::new(n);
    yield_!(*rc);
    yield_!(*rc + 1);
}

fn main() {
    let _ = shared(1);
}
