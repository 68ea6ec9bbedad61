use std::rc::Rc;

use gen_runtime::{generator, yield_};

fn assert_send<T: Send>(_: &T) {}

#[generator]
fn shared(n: u32) -> impl Iterator<Item = u32> {
    let rc = Rc::new(n);
    yield_!(*rc);
    yield_!(*rc + 1);
}

fn main() {
    let it = shared(1);
    assert_send(&it);
}
