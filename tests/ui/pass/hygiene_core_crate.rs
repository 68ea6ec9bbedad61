//! Hygiene: the crate root renames a crate to `core` (`extern crate … as core;`), so
//! `::core` and `core::` no longer mean the standard `core`. Generated code must name
//! everything through `::gen_runtime` (or built-in `$crate` paths), never `core`.
#![deny(warnings)]

extern crate gen_runtime as core;

use gen_runtime::{gen_fn, gen_iter, generator, yield_, yield_from, Generator, GeneratorExt};

#[generator]
fn numbers(n: u32) -> impl Iterator<Item = u32> + Clone {
    for i in 0..n {
        yield_!(i);
    }
    yield_from!(vec![100, 200]);
}

#[generator]
fn parse_all(
    inputs: Vec<&'static str>,
) -> impl Generator<Yield = u32, Return = Result<u32, std::num::ParseIntError>> {
    let mut sum = 0;
    for s in inputs {
        let v: u32 = s.parse()?;
        sum += v;
        yield_!(v);
    }
    Ok(sum)
}

#[generator]
fn boxed(n: u32) -> Box<dyn Iterator<Item = u32>> {
    if n > 0 {
        yield_!(n);
        yield_from!(boxed(n - 1));
    }
}

gen_fn! {
    fn echo() -> impl Generator<u32, Yield = u32, Return = u32> {
        let a = yield 1;
        let b = yield a + 1;
        a + b
    }
}

fn main() {
    // `core` here is gen_runtime.
    let _: core::GeneratorState<u8, u8> = core::GeneratorState::Yielded(0);

    let it = numbers(3);
    assert_eq!(it.clone().collect::<Vec<_>>(), [0, 1, 2, 100, 200]);
    assert_eq!(it.count(), 5);

    assert_eq!(parse_all(vec!["1", "2"]).run(), (vec![1, 2], Ok(3)));
    let (ys, r) = parse_all(vec!["1", "x", "2"]).run();
    assert_eq!(ys, [1]);
    assert!(r.is_err());

    assert_eq!(boxed(3).collect::<Vec<_>>(), [3, 2, 1]);

    let mut g = echo();
    assert_eq!(g.resume(0), gen_runtime::GeneratorState::Yielded(1));
    assert_eq!(g.resume(5), gen_runtime::GeneratorState::Yielded(6));
    assert_eq!(g.resume(7), gen_runtime::GeneratorState::Complete(12));

    let v = vec![1, 2];
    let it = gen_iter! {
        for x in v {
            yield x * 2;
        }
    };
    assert_eq!(it.collect::<Vec<_>>(), [2, 4]);
}
