//! Edition 2024: `impl Trait` captures lifetimes without `+ '_`, `gen` is a keyword, and
//! temporaries in tail expressions and `if let` end earlier. The expansion must work the
//! same.
#![deny(warnings)]

use gen_runtime::{Generator, GeneratorState, gen_iter, generator, yield_, yield_from};

struct Bag {
    items: Vec<u32>,
}

impl Bag {
    /// No `+ '_`: edition 2024 captures the borrow of `self` by itself.
    #[generator]
    fn evens(&self) -> impl Iterator<Item = &u32> {
        for x in &self.items {
            if *x % 2 == 0 {
                yield_!(x);
            }
        }
    }
}

#[generator]
fn words(s: &str) -> impl Iterator<Item = &str> {
    for w in s.split(' ') {
        yield_!(w);
    }
}

#[generator]
fn acc() -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            return total;
        }
        total += x;
    }
}

#[generator]
fn twice() -> impl Generator<u32, Yield = u32, Return = u32> {
    let r = yield_from!(acc());
    r * 2
}

#[test]
fn borrowing_generators_need_no_lifetime_bound() {
    let b = Bag {
        items: vec![1, 2, 3, 4],
    };
    assert_eq!(b.evens().copied().collect::<Vec<_>>(), [2, 4]);
    assert_eq!(words("a b c").collect::<Vec<_>>(), ["a", "b", "c"]);
}

#[test]
fn coroutines_and_delegation() {
    let mut g = twice();
    assert_eq!(g.resume(1), GeneratorState::Yielded(0));
    assert_eq!(g.resume(5), GeneratorState::Yielded(5));
    assert_eq!(g.resume(0), GeneratorState::Complete(10));
}

#[test]
fn gen_iter_expression() {
    let v = vec![1, 2];
    let it = gen_iter! {
        for x in v {
            yield x * 10;
        }
    };
    assert_eq!(it.collect::<Vec<_>>(), [10, 20]);
}

impl Bag {
    /// A stream borrowing `self` across its awaits, without `+ '_`.
    #[generator]
    fn slowly(&self) -> impl gen_runtime::Stream<Item = u32> {
        for x in &self.items {
            let doubled = std::future::ready(*x * 2).await;
            yield_!(doubled);
        }
    }
}

#[test]
fn streams_capture_and_await_the_same() {
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};
    let bag = Bag {
        items: vec![1, 2, 3],
    };
    let mut s = pin!(bag.slowly());
    let mut cx = Context::from_waker(Waker::noop());
    let mut got = Vec::new();
    while let Poll::Ready(Some(x)) = gen_runtime::Stream::poll_next(s.as_mut(), &mut cx) {
        got.push(x);
    }
    assert_eq!(got, [2, 4, 6]);
    let n = 5;
    let mut s = pin!(gen_runtime::gen_stream! {
        yield std::future::ready(n).await;
    });
    assert_eq!(
        gen_runtime::Stream::poll_next(s.as_mut(), &mut cx),
        Poll::Ready(Some(5))
    );
}

/// As a new user writes it: a local `String` borrowed by its lines across each yield.
#[generator]
fn lines_of(path: &str) -> impl Iterator<Item = String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    for line in text.lines() {
        yield_!(line.to_uppercase());
    }
}

#[test]
fn lines_of_a_local_string_as_written() {
    let path = std::env::temp_dir().join(format!("gen-runtime-2024-{}", std::process::id()));
    std::fs::write(&path, "a\nb c\n").unwrap();
    let got: Vec<String> = lines_of(path.to_str().unwrap()).collect();
    assert_eq!(got, ["A", "B C"]);
}
