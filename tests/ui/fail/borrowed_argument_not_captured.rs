// Edition 2021: `impl Iterator` does not capture the lifetime of a borrowed argument
// unless the signature says so (`+ '_`).
use gen_runtime::{generator, yield_};

#[generator]
fn evens(v: &[u32]) -> impl Iterator<Item = u32> {
    for &x in v {
        if x % 2 == 0 {
            yield_!(x);
        }
    }
}

fn main() {
    let _ = evens(&[1, 2]);
}
