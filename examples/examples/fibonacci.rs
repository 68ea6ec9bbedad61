//! The classic generator example: the Fibonacci sequence, produced lazily.
//!
//! In Python:
//!
//! ```python
//! def fibonacci(n):
//!     a, b = 0, 1
//!     for _ in range(n):
//!         yield a
//!         a, b = b, a + b
//! ```
//!
//! Run with `cargo run --example fibonacci`; prints 0 1 1 2 3 5 8 13 21 34, one per line.

use gen_runtime::{generator, yield_};

/// Yields the first `n` Fibonacci numbers, starting from 0.
#[generator]
fn fibonacci(n: usize) -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0, 1);
    for _ in 0..n {
        yield_!(a);
        (a, b) = (b, a + b);
    }
}

fn main() {
    for x in fibonacci(10) {
        println!("{x}");
    }
}
