//! This crate does not depend on gen-runtime: `::gen_runtime` does not resolve here, so
//! each macro must be told where the runtime is (`crate = path`).

use futures::StreamExt;
use gen_reexport::rt::{self, yield_, Generator, GeneratorState};

#[rt::generator(crate = gen_reexport::rt)]
fn evens(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        if i % 2 == 0 {
            yield_!(i);
        }
    }
}

#[rt::generator(crate = gen_reexport::rt)]
fn echo() -> impl Generator<u32, Yield = u32, Return = ()> {
    let mut x = 0;
    for _ in 0..2 {
        x = yield_!(x + 1);
    }
}

rt::gen_fn! {
    #[generator(crate = gen_reexport::rt)]
    fn twice(x: u32) -> impl Iterator<Item = u32> {
        yield x;
        yield x;
    }
}

#[test]
fn every_macro_names_the_runtime_it_is_given() {
    assert_eq!(evens(5).collect::<Vec<_>>(), [0, 2, 4]);
    let mut g = echo();
    assert_eq!(g.resume(7), GeneratorState::Yielded(1));
    assert_eq!(g.resume(9), GeneratorState::Yielded(10));
    assert_eq!(g.resume(0), GeneratorState::Complete(()));
    assert_eq!(twice(3).collect::<Vec<_>>(), [3, 3]);

    let words = vec!["a", "bb"];
    let it = rt::gen_iter! {
        crate = gen_reexport::rt;
        for w in words {
            yield w.len();
        }
    };
    assert_eq!(it.collect::<Vec<_>>(), [1, 2]);

    let text = String::from("x yy");
    let borrowing = rt::gen_iter! {
        crate = gen_reexport::rt;
        let text = text;
        for w in text.split(' ') {
            yield w.len();
        }
    };
    assert_eq!(borrowing.collect::<Vec<_>>(), [1, 2]);

    let s = rt::gen_stream! {
        crate = gen_reexport::rt;
        for i in 0..3u32 {
            yield async move { i * 2 }.await;
        }
    };
    assert_eq!(
        futures::executor::block_on(s.collect::<Vec<_>>()),
        [0, 2, 4]
    );
}
