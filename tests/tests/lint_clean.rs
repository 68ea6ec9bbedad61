//! Generated code must be clean under `clippy::pedantic` as well as `rustc`'s own
//! warnings: users who enable pedantic lints in their crate must not see them fire on
//! code they did not write. CI runs `cargo clippy --workspace --all-targets -- -D
//! warnings`, which turns every pedantic warning here into an error.
#![deny(warnings)]
#![warn(clippy::all, clippy::pedantic)]

use std::num::ParseIntError;

use gen_runtime::{
    gen_fn, gen_iter, generator, yield_, yield_from, Generator, GeneratorExt, GeneratorState,
};

// ---------------------------------------------------------------------------------------
// Iterators

/// A free function with loop state.
#[generator]
fn fibonacci(n: usize) -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0, 1);
    for _ in 0..n {
        yield_!(a);
        (a, b) = (b, a + b);
    }
}

/// A loop with a yield after it: that last yield stores the finished state. A loop with
/// two yields carries the first-resume flag beside its state.
#[generator]
fn fibonacci_then_next(n: usize) -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        yield_!(a);
        (a, b) = (b, a + b);
    }
    yield_!(a);
}

/// Last yields with nothing after them, in a branch before `return;` and at the end.
#[generator]
fn last_in_branch(early: bool) -> impl Iterator<Item = u32> {
    if early {
        yield_!(1);
        return;
    }
    yield_!(2);
    yield_!(3);
}

#[generator]
fn pairs(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        yield_!(i);
        yield_!(i + 1);
    }
}

/// A generic function with a bound.
#[generator]
fn repeat<T: Clone>(value: T, times: usize) -> impl Iterator<Item = T> {
    for _ in 0..times {
        yield_!(value.clone());
    }
}

/// Borrows from an argument across yields.
#[generator]
fn evens<'a>(items: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    for &x in items {
        if x % 2 == 0 {
            yield_!(x);
        }
    }
}

/// `while`, `if`/`else`, `match`, labelled loops, `break` with a value.
#[generator]
fn control(n: u32) -> impl Iterator<Item = u32> {
    let mut i = 0;
    while i < n {
        match i % 3 {
            0 => yield_!(i),
            1 => {
                if i > 3 {
                    yield_!(i * 10);
                } else {
                    yield_!(i * 100);
                }
            }
            _ => {}
        }
        i += 1;
    }
    let found = 'search: loop {
        for j in 0..n {
            if j * j > n {
                break 'search j;
            }
            yield_!(j);
        }
        break 0;
    };
    yield_!(found);
}

/// A buffer kept in place in its state while the loops around the yield run, beside a
/// guard and a counter that travel by value.
#[generator]
fn refills(rounds: u32) -> impl Iterator<Item = u64> {
    let _guard = String::from("held");
    let mut buf = [0u64; 16];
    let mut seed = 7u64;
    for _ in 0..rounds {
        for slot in &mut buf {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            *slot = seed;
        }
        for i in 0..buf.len() {
            buf[i] ^= 1;
            yield_!(buf[i]);
        }
    }
    if buf.iter().all(|&v| v == 0) {
        return;
    }
    yield_!(buf.iter().fold(0, |a, &b| a ^ b));
}

/// Strings moved through the state.
#[generator]
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut count = 0;
    for w in text.split_whitespace() {
        count += 1;
        yield_!(w.to_uppercase());
    }
    yield_!(format!("{count} words"));
}

/// Delegation to any `IntoIterator`.
#[generator]
fn chained(v: Vec<u32>) -> impl Iterator<Item = u32> {
    yield_!(0);
    yield_from!(v);
    yield_from!(evens(&[1, 2, 3, 4]).collect::<Vec<_>>());
    yield_!(u32::MAX);
}

/// Clone exposed in the signature.
#[generator]
fn cloneable(n: u32) -> impl Iterator<Item = u32> + Clone {
    for i in 0..n {
        yield_!(i);
    }
}

/// A recursive boxed iterator.
#[generator]
fn countdown(n: u32) -> Box<dyn Iterator<Item = u32>> {
    if n > 0 {
        yield_!(n);
        yield_from!(countdown(n - 1));
    }
}

// ---------------------------------------------------------------------------------------
// Methods

/// A container whose generators borrow `self`.
pub struct Grid {
    cells: Vec<Vec<u8>>,
}

impl Grid {
    /// Every cell, row by row.
    #[generator]
    fn cells(&self) -> impl Iterator<Item = (usize, usize, u8)> + '_ {
        for (r, row) in self.cells.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                yield_!((r, c, v));
            }
        }
    }

    /// Consumes `self`.
    #[generator]
    fn into_rows(self) -> impl Iterator<Item = Vec<u8>> {
        for row in self.cells {
            yield_!(row);
        }
    }
}

/// A trait implemented with a generator method.
trait Source {
    fn values(&self) -> Box<dyn Iterator<Item = i64> + '_>;
}

impl Source for Grid {
    #[generator]
    fn values(&self) -> Box<dyn Iterator<Item = i64> + '_> {
        for (_, _, v) in self.cells() {
            yield_!(i64::from(v));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Resumable generators

/// Yields the running total; completes when sent 0.
#[generator]
fn accumulator() -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            return total;
        }
        total += x;
    }
}

/// Binds the first resume argument.
#[generator(resume = first)]
fn echo() -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut last = first;
    let mut sum = first;
    while last != 0 {
        last = yield_!(last * 2);
        sum += last;
    }
    sum
}

/// `?` completes the generator with the error.
#[generator]
fn parse_all(
    inputs: Vec<String>,
) -> impl Generator<Yield = u32, Return = Result<u32, ParseIntError>> {
    let mut sum = 0;
    for s in inputs {
        let v: u32 = s.trim().parse()?;
        sum += v;
        yield_!(v);
    }
    Ok(sum)
}

/// `?` on an `Option`.
#[generator]
fn firsts(v: Vec<Vec<u32>>) -> impl Generator<Yield = u32, Return = Option<u32>> {
    let mut last = 0;
    for inner in v {
        last = *inner.first()?;
        yield_!(last);
    }
    Some(last)
}

/// Delegation to another generator, using its return value.
#[generator]
fn delegate() -> impl Generator<u32, Yield = u32, Return = u32> {
    let inner = yield_from!(accumulator());
    let x = yield_!(inner);
    inner + x
}

/// Yields in argument and operand position.
#[generator]
fn expressions(base: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let a = base + yield_!(1);
    let b = u32::max(a, yield_!(2));
    let c = if yield_!(3) > 0 { a } else { b };
    a + b + c
}

/// A boxed resumable generator.
#[generator]
fn boxed_acc(limit: u32) -> Box<dyn Generator<u32, Yield = u32, Return = ()>> {
    let mut total = 0;
    while total < limit {
        total += yield_!(total);
    }
}

/// Identical continuations after two suspension points, `continue`, `while` with a
/// yield in its condition, `if let` / `let … else`, `match` on a yielded value, an
/// unused guard binding, a non-yielding closure.
#[generator]
fn shapes(limit: u32) -> impl Generator<u32, Yield = u32, Return = Vec<u32>> {
    let mut out = Vec::new();
    let _guard = String::from("held");
    let double = |x: u32| x * 2;
    if limit > 1 {
        yield_!(1);
    } else {
        yield_!(2);
    }
    out.push(limit);
    let mut i = 0;
    while yield_!(i) < limit {
        i += 1;
        if i % 2 == 1 {
            continue;
        }
        out.push(double(i));
    }
    if let Some(&last) = out.last() {
        yield_!(last);
    }
    let Some(&first) = out.first() else {
        return out;
    };
    match yield_!(first) {
        0 => out.push(0),
        n => {
            let m = n.min(limit);
            out.push(yield_!(m));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The keyword forms

gen_fn! {
    /// `gen_fn!` with the `yield` keyword.
    fn squares(n: u32) -> impl Iterator<Item = u32> {
        for i in 1..=n {
            yield i * i;
        }
    }

    /// A second item in the same `gen_fn!`, resumable.
    fn doubler() -> impl Generator<u32, Yield = u32, Return = ()> {
        let mut x = yield 0;
        while x != 0 {
            x = yield x * 2;
        }
    }
}

/// A value with drop glue.
struct Token(usize);

impl Drop for Token {
    fn drop(&mut self) {
        self.0 = 0;
    }
}

/// A value moved in one arm of a `match` whose other arms bind names: the code after it
/// is compiled once per arm, and the bindings that may own a value (here a reference and
/// a `u8`) are dropped where their arm ends.
#[generator]
fn bound_arms(names: Token, pick: &Option<u8>) -> impl Iterator<Item = usize> + '_ {
    match pick {
        Some(n) => yield_!(format!("{n}").len()),
        None => {
            let taken = names;
            yield_!(taken.0);
            return;
        }
    }
    match *pick {
        Some(b) if b > 1 => yield_!(format!("{b}{b}").len()),
        _ => drop(names),
    }
    yield_!(0);
}

// ---------------------------------------------------------------------------------------

#[test]
fn iterators() {
    let names = || Token(1);
    assert_eq!(
        bound_arms(names(), &Some(12)).collect::<Vec<_>>(),
        [2, 4, 0]
    );
    assert_eq!(bound_arms(names(), &Some(1)).collect::<Vec<_>>(), [1, 0]);
    assert_eq!(bound_arms(names(), &None).collect::<Vec<_>>(), [1]);
    assert_eq!(fibonacci(6).collect::<Vec<_>>(), [0, 1, 1, 2, 3, 5]);
    assert_eq!(fibonacci_then_next(3).collect::<Vec<_>>(), [0, 1, 1, 2]);
    assert_eq!(pairs(2).collect::<Vec<_>>(), [0, 1, 1, 2]);
    assert_eq!(last_in_branch(true).collect::<Vec<_>>(), [1]);
    assert_eq!(last_in_branch(false).collect::<Vec<_>>(), [2, 3]);
    assert_eq!(repeat('a', 2).collect::<String>(), "aa");
    assert_eq!(evens(&[1, 2, 3, 4]).collect::<Vec<_>>(), [2, 4]);
    assert_eq!(
        control(7).collect::<Vec<_>>(),
        [0, 100, 3, 40, 6, 0, 1, 2, 3]
    );
    assert_eq!(words("a bc").collect::<Vec<_>>(), ["A", "BC", "2 words"]);
    let r: Vec<u64> = refills(2).collect();
    assert_eq!(r.len(), 33);
    assert_eq!(r[32], r[16..32].iter().fold(0, |a, &b| a ^ b));
    assert_eq!(chained(vec![7]).collect::<Vec<_>>(), [0, 7, 2, 4, u32::MAX]);
    let c = cloneable(3);
    assert_eq!(c.clone().sum::<u32>(), 3);
    assert_eq!(c.count(), 3);
    assert_eq!(countdown(3).collect::<Vec<_>>(), [3, 2, 1]);
}

#[test]
fn methods() {
    let g = Grid {
        cells: vec![vec![1, 2], vec![3]],
    };
    assert_eq!(
        g.cells().collect::<Vec<_>>(),
        [(0, 0, 1), (0, 1, 2), (1, 0, 3)]
    );
    assert_eq!(g.values().sum::<i64>(), 6);
    assert_eq!(g.into_rows().count(), 2);
}

#[test]
fn resumable() {
    let mut acc = accumulator();
    assert_eq!(acc.resume(9), GeneratorState::Yielded(0));
    assert_eq!(acc.resume(2), GeneratorState::Yielded(2));
    assert_eq!(acc.resume(0), GeneratorState::Complete(2));

    let mut ech = echo();
    assert_eq!(ech.resume(3), GeneratorState::Yielded(6));
    assert_eq!(ech.resume(0), GeneratorState::Complete(3));

    assert_eq!(
        parse_all(vec!["1".into(), " 2 ".into()]).run(),
        (vec![1, 2], Ok(3))
    );
    assert!(parse_all(vec!["x".into()]).run().1.is_err());

    assert_eq!(
        firsts(vec![vec![1], vec![2, 3]]).run(),
        (vec![1, 2], Some(2))
    );
    assert_eq!(firsts(vec![vec![1], vec![]]).run(), (vec![1], None));

    let mut del = delegate();
    assert_eq!(del.resume(0), GeneratorState::Yielded(0));
    assert_eq!(del.resume(4), GeneratorState::Yielded(4));
    assert_eq!(del.resume(0), GeneratorState::Yielded(4));
    assert_eq!(del.resume(1), GeneratorState::Complete(5));

    let mut expr = expressions(10);
    assert_eq!(expr.resume(0), GeneratorState::Yielded(1));
    assert_eq!(expr.resume(5), GeneratorState::Yielded(2));
    assert_eq!(expr.resume(20), GeneratorState::Yielded(3));
    assert_eq!(expr.resume(1), GeneratorState::Complete(15 + 20 + 15));

    let mut boxed = boxed_acc(5);
    assert_eq!(boxed.resume(0), GeneratorState::Yielded(0));
    assert_eq!(boxed.resume(3), GeneratorState::Yielded(3));
    assert_eq!(boxed.resume(3), GeneratorState::Complete(()));
}

#[test]
fn more_shapes() {
    let mut g = shapes(3);
    let mut seen = Vec::new();
    let mut ret = None;
    for arg in [0, 0, 0, 0, 9, 7, 8, 5] {
        match g.resume(arg) {
            GeneratorState::Yielded(y) => seen.push(y),
            GeneratorState::Complete(r) => ret = Some(r),
        }
    }
    // `if`: 1; `while` yields i = 0, 1, 2 (2 pushes 4), 9 ends it; `if let`: 4 (its
    // resume value 7 unused); `match yield_!(3)` gets 8, yields min(8, 3) = 3, gets 5.
    assert_eq!(seen, [1, 0, 1, 2, 4, 3, 3]);
    assert_eq!(ret, Some(vec![3, 4, 5]));
}

#[test]
fn keyword_forms() {
    assert_eq!(squares(3).collect::<Vec<_>>(), [1, 4, 9]);

    let mut d = doubler();
    assert_eq!(d.resume(0), GeneratorState::Yielded(0));
    assert_eq!(d.resume(4), GeneratorState::Yielded(8));
    assert_eq!(d.resume(0), GeneratorState::Complete(()));

    let v = vec![String::from("x"), String::from("yz")];
    let n = 1;
    let it = gen_iter! {
        for s in v {
            if s.len() > n {
                yield s.len();
            }
        }
        yield 0;
    };
    assert_eq!(it.collect::<Vec<_>>(), [2, 0]);
}

// ---------------------------------------------------------------------------------------
// Streams

async fn halve(x: u64) -> u64 {
    std::future::ready(x / 2).await
}

/// Awaits in a loop, in an argument and in a condition, with a large local in place.
#[gen_runtime::generator]
fn halves(n: u64) -> impl gen_runtime::Stream<Item = u64> {
    let mut buf = [0u64; 32];
    for i in 0..n {
        buf[usize::try_from(i % 32).unwrap_or(0)] = halve(i).await;
        if halve(i).await > 1 {
            yield_!(buf[0] + halve(i * 4).await);
        }
    }
}

/// Delegation and recursion through a pinned box.
#[gen_runtime::generator]
fn nested(depth: u32) -> std::pin::Pin<Box<dyn gen_runtime::Stream<Item = u32>>> {
    yield_!(depth);
    if depth > 0 {
        yield_from!(nested(depth - 1));
    }
}

#[test]
fn streams() {
    use futures::StreamExt;
    let got: Vec<u64> = futures::executor::block_on(halves(6).collect());
    // Only 4 and 5 halve to more than 1; buf[0] holds halve(0).
    assert_eq!(got, [8, 10]);
    let got: Vec<u32> = futures::executor::block_on(nested(2).collect());
    assert_eq!(got, [2, 1, 0]);
    let k = 3;
    let s = gen_runtime::gen_stream! {
        for i in 0..k {
            yield halve(i * 2).await;
        }
    };
    let got: Vec<u64> = futures::executor::block_on(s.collect());
    assert_eq!(got, [0, 1, 2]);
}
