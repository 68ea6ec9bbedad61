//! Every borrowing shape of a body that keeps its locals in place, with nothing Miri
//! cannot run (no threads, files or runtime): `cargo +nightly miri test -p gen-tests
//! --test frames_miri` checks the runtime's `unsafe` code under them (add
//! `MIRIFLAGS=-Zmiri-tree-borrows` for the other aliasing model). The same shapes run in
//! plain tests everywhere else.

use futures::executor::block_on;
use futures::{AsyncBufReadExt, Stream, StreamExt};
use gen_runtime::{gen_iter, gen_stream, generator, yield_, Generator, GeneratorState};
use std::cell::RefCell;
use std::io::BufRead;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[generator]
fn shapes(text: String) -> impl Iterator<Item = usize> {
    let v = vec![1usize, 2];
    for x in &v {
        yield_!(*x + v.len());
    }
    let mut w = [10usize, 20];
    for x in w.iter_mut() {
        *x += 1;
        yield_!(*x);
    }
    for word in text.split_whitespace() {
        yield_!(word.len());
    }
    let mut counter = 0;
    let r = &mut counter;
    yield_!(0);
    *r += 5;
    yield_!(counter);
}

#[test]
fn iterator_shapes() {
    let got: Vec<usize> = shapes("a bb".into()).collect();
    assert_eq!(got, [3, 4, 11, 21, 1, 2, 0, 5]);
}

#[generator]
fn remade(rounds: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut totals = [0u32; 2];
    for i in 0..rounds {
        let slot = &mut totals[(i % 2) as usize];
        let got = yield_!(*slot);
        *slot += got;
    }
    totals.iter().sum()
}

#[test]
fn generator_moved_between_resumes() {
    let mut g = remade(3);
    assert_eq!(g.resume(0), GeneratorState::Yielded(0));
    // Moved after the frame exists: the frame is boxed, the move carries the box.
    let mut moved = Box::new(g);
    assert_eq!(moved.resume(1), GeneratorState::Yielded(0));
    assert_eq!(moved.resume(2), GeneratorState::Yielded(1));
    assert_eq!(moved.resume(3), GeneratorState::Complete(1 + 2 + 3));
}

#[generator]
fn read_lines(input: &'static [u8]) -> impl Iterator<Item = String> {
    let mut reader = std::io::Cursor::new(input);
    let mut buf = String::new();
    while reader.read_line(&mut buf).unwrap() > 0 {
        yield_!(buf.trim_end().to_owned());
        buf.clear();
    }
}

#[generator]
fn read_lines_async(input: &'static [u8]) -> impl Stream<Item = String> {
    let mut reader = futures::io::Cursor::new(input);
    let mut buf = String::new();
    while reader.read_line(&mut buf).await.unwrap() > 0 {
        yield_!(buf.trim_end().to_owned());
        buf.clear();
    }
}

#[test]
fn readers_with_a_buffer() {
    assert_eq!(read_lines(b"a\nbc\n").collect::<Vec<_>>(), ["a", "bc"]);
    assert_eq!(
        block_on(read_lines_async(b"a\nbc\n").collect::<Vec<_>>()),
        ["a", "bc"]
    );
}

#[generator]
fn relay(v: Vec<u32>, log: Rc<RefCell<Vec<u32>>>) -> impl Stream<Item = u32> {
    let mut s = futures::stream::iter(v);
    while let Some(x) = s.next().await {
        log.borrow_mut().push(x);
        yield_!(x);
    }
}

#[test]
fn stream_moved_before_its_first_poll_and_dropped_mid_way() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let s = relay(vec![1, 2, 3], log.clone());
    // Moved before the first poll: nothing exists to point to yet.
    let moved = Box::new(s);
    let mut s = pin!(*moved);
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(2)));
    assert_eq!(*log.borrow(), [1, 2]);
}

#[test]
fn expressions_that_borrow() {
    let text = String::from("x yy");
    let it = gen_iter! {
        let text = text;
        for w in text.split(' ') {
            yield w.len();
        }
    };
    assert_eq!(it.collect::<Vec<_>>(), [1, 2]);
    let v = vec![5u32, 6];
    let s = gen_stream! {
        let v = v;
        for x in &v {
            yield *x;
        }
    };
    assert_eq!(block_on(s.collect::<Vec<_>>()), [5, 6]);
    async fn len_of(s: &str) -> usize {
        s.len()
    }
    let s = gen_stream! {
        for i in 0..2 {
            yield len_of(&format!("page {i}")).await;
        }
    };
    assert_eq!(block_on(s.collect::<Vec<_>>()), [6, 6]);
}

#[test]
fn dropped_while_suspended_and_after_a_panic() {
    let mut it = shapes("a b c".into());
    assert_eq!(it.next(), Some(3));
    drop(it);
    let mut g = remade(2);
    let _ = g.resume(0);
    drop(g);
    #[generator]
    fn panics(text: String) -> impl Iterator<Item = usize> {
        for w in text.split(' ') {
            assert!(w != "boom", "boom");
            yield_!(w.len());
        }
    }
    let mut it = panics("a boom".into());
    assert_eq!(it.next(), Some(1));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| it.next()));
    assert!(caught.is_err());
    assert_eq!(it.next(), None, "fused after a panic");
}

/// The shapes found later: a closure that borrows a local, borrows through `unwrap` and
/// in a tuple, a temporary held across its yield, a future given a reference local.
#[generator]
fn later_shapes(seed: u32) -> impl Iterator<Item = u32> {
    let mut acc = seed;
    let mut add = |k: u32| {
        acc += k;
        acc
    };
    yield_!(add(1));
    yield_!(add(2));
    let v = [seed, 7];
    let top = v.iter().max().unwrap();
    let pair = (&v[0], &acc);
    yield_!(*top);
    yield_!(*pair.0 + *pair.1);
    yield_!(String::from("four").as_str().len() as u32);
}

#[test]
fn later_borrowing_shapes() {
    assert_eq!(later_shapes(3).collect::<Vec<_>>(), [4, 6, 7, 9, 4]);
    let mut it = later_shapes(3);
    assert_eq!(it.next(), Some(4));
    let mut it = Box::new(it);
    assert_eq!(it.next(), Some(6));
    drop(it);
    async fn total(a: &[u32]) -> u32 {
        a.iter().sum()
    }
    let s = gen_stream! {
        let v = vec![1u32, 2];
        let r = &v;
        let x = total(r).await;
        yield x;
    };
    assert_eq!(block_on(s.collect::<Vec<_>>()), [3]);
}
