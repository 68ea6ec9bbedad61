use gen_runtime::{generator, yield_};

// The state moves between resumes: a raw pointer into it would dangle.
#[generator]
fn dangling() -> impl Iterator<Item = u32> {
    let v = 5u32;
    let p = std::ptr::addr_of!(v);
    yield_!(1);
    yield_!(unsafe { *p });
}

fn main() {}
