use gen_runtime::{generator, yield_};

#[generator]
fn pairs() -> impl Iterator<Item = (u32, u32)> {
    yield_!(1, 2);
}

fn main() {
    let _ = pairs();
}
