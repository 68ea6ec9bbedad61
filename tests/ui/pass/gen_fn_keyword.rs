//! `gen_fn!` accepts the `yield` keyword, several fns in one invocation, and `yield_!`.
#![deny(warnings)]

use gen_runtime::{gen_fn, yield_};

gen_fn! {
    fn countdown(from: u32) -> impl Iterator<Item = u32> {
        let mut n = from;
        while n > 0 {
            yield n;
            n -= 1;
        }
    }

    fn pairs(n: u32) -> impl Iterator<Item = (u32, u32)> {
        for i in 0..n {
            for j in i + 1..n {
                yield (i, j);
            }
        }
    }

    fn mixed() -> impl Iterator<Item = u8> {
        yield 1;
        yield_!(2);
    }
}

fn main() {
    assert_eq!(countdown(3).collect::<Vec<_>>(), [3, 2, 1]);
    assert_eq!(pairs(3).collect::<Vec<_>>(), [(0, 1), (0, 2), (1, 2)]);
    assert_eq!(mixed().collect::<Vec<_>>(), [1, 2]);
}
