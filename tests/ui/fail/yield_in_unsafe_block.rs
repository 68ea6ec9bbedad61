use gen_runtime::{generator, yield_};

// Not supported yet: the pieces of an `unsafe` block cannot be split across resume arms.
#[generator]
fn in_unsafe(p: *const u32) -> impl Iterator<Item = u32> {
    unsafe {
        yield_!(*p);
    }
}

fn main() {}
