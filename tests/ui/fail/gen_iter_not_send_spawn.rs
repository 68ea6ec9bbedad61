// A `gen_iter!` holding an `Rc` across a yield, sent to another thread.
use std::rc::Rc;

use gen_runtime::gen_iter;

fn main() {
    let it = gen_iter! {
        let rc = Rc::new(1u32);
        yield *rc;
        yield *rc + 1;
    };
    std::thread::spawn(move || it.sum::<u32>());
}
