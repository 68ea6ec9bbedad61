// A local moved before a yield and used after it.
use gen_runtime::{generator, yield_};

#[generator]
fn lines() -> impl Iterator<Item = String> {
    let text = String::from("a");
    yield_!(text);
    yield_!(text);
}

fn main() {
    let _ = lines();
}
