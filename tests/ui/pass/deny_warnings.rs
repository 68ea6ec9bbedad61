//! Generated code must compile warning-free in a crate that denies warnings.
#![deny(warnings)]

use gen_runtime::{generator, yield_};

/// A free function.
#[generator]
fn fibonacci(n: usize) -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0, 1);
    for _ in 0..n {
        yield_!(a);
        (a, b) = (b, a + b);
    }
}

/// A generic function: the type parameter and its bound carry over.
#[generator]
fn repeat<T: Clone>(value: T, times: usize) -> impl Iterator<Item = T> {
    for _ in 0..times {
        yield_!(value.clone());
    }
}

/// A lifetime parameter: borrowing from an argument across yields is fine.
#[generator]
fn evens<'a>(items: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let mut i = 0;
    while i < items.len() {
        let x = items[i];
        i += 1;
        if x % 2 != 0 {
            continue;
        }
        match x {
            0 => yield_!(0),
            _ => {
                yield_!(x);
            }
        }
    }
}

struct Counter {
    limit: u32,
}

impl Counter {
    /// An inherent method borrowing `self`.
    #[generator]
    fn up_to(&self, step: u32) -> impl Iterator<Item = u32> + '_ {
        let mut n = 0;
        'outer: loop {
            if n >= self.limit {
                break 'outer;
            }
            yield_!(n);
            n += step;
        }
    }
}

fn main() {
    assert_eq!(
        fibonacci(10).collect::<Vec<_>>(),
        [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    );
    assert_eq!(repeat("a", 3).collect::<Vec<_>>(), ["a", "a", "a"]);
    assert_eq!(evens(&[0, 1, 2, 3, 4]).collect::<Vec<_>>(), [0, 2, 4]);
    let c = Counter { limit: 7 };
    assert_eq!(c.up_to(3).collect::<Vec<_>>(), [0, 3, 6]);
}
