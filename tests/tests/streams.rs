//! The stream kind: `impl Stream<Item = T>` generators and `gen_stream!`, where `.await`
//! suspends the stream with `Pending` until the future it waits for is ready.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use futures::executor::block_on;
use futures::StreamExt;
use gen_runtime::{gen_stream, generator, yield_, yield_from, FusedStream, Stream};

#[path = "common/drop_log.rs"]
mod drop_log;
use drop_log::{new_log, snapshot, D};

/// Ready after answering `Pending` `waits` times (waking the task each time).
struct After {
    waits: u32,
    value: u32,
}

impl Future for After {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.waits == 0 {
            return Poll::Ready(self.value);
        }
        self.waits -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn after(waits: u32, value: u32) -> After {
    After { waits, value }
}

/// Every poll's answer, up to and including the first `Ready(None)`.
fn polls<S: Stream>(s: S) -> Vec<Poll<Option<S::Item>>> {
    let mut s = pin!(s);
    let mut cx = Context::from_waker(Waker::noop());
    let mut out = Vec::new();
    loop {
        let p = s.as_mut().poll_next(&mut cx);
        let done = matches!(p, Poll::Ready(None));
        out.push(p);
        if done || out.len() > 1000 {
            return out;
        }
    }
}

fn items<S: Stream>(s: S) -> Vec<S::Item> {
    block_on(s.collect())
}

#[generator]
fn waits_then_yields(n: u32) -> impl FusedStream<Item = u32> {
    for i in 0..n {
        let x = after(i, i * 10).await;
        yield_!(x + 1);
    }
}

#[test]
fn each_pending_future_makes_the_stream_pending_and_items_come_in_order() {
    use Poll::{Pending, Ready};
    assert_eq!(
        polls(waits_then_yields(3)),
        [
            Ready(Some(1)),
            Pending,
            Ready(Some(11)),
            Pending,
            Pending,
            Ready(Some(21)),
            Ready(None)
        ]
    );
    assert_eq!(items(waits_then_yields(4)), [1, 11, 21, 31]);
}

async fn double(x: u32) -> u32 {
    after(1, x * 2).await
}

#[test]
fn async_fns_are_awaited_and_a_stream_is_lazy() {
    let ran = Rc::new(Cell::new(0));
    let r = ran.clone();
    let s = gen_stream! {
        r.set(r.get() + 1);
        for i in 1..=3 {
            yield double(i).await;
        }
    };
    assert_eq!(ran.get(), 0, "nothing runs before the first poll");
    assert_eq!(items(s), [2, 4, 6]);
    assert_eq!(ran.get(), 1);
}

/// Records the address it is polled and dropped at.
struct Pinned {
    log: Rc<RefCell<Vec<(&'static str, usize)>>>,
    waits: u32,
}

impl Future for Pinned {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        let at = &*self as *const Self as usize;
        self.log.borrow_mut().push(("poll", at));
        if self.waits == 0 {
            return Poll::Ready(());
        }
        self.waits -= 1;
        Poll::Pending
    }
}

impl Drop for Pinned {
    fn drop(&mut self) {
        let at = self as *const Self as usize;
        self.log.borrow_mut().push(("drop", at));
    }
}

#[test]
fn an_awaited_future_never_moves_from_its_first_poll_to_its_drop() {
    for stop_after in [2, 10] {
        let log = Rc::new(RefCell::new(Vec::new()));
        let l = log.clone();
        let s = gen_stream! {
            let big = [7u64; 32];
            yield big[0];
            Pinned { log: l, waits: 3 }.await;
            yield big[31] + 1;
        };
        let mut s = Box::pin(s);
        let mut cx = Context::from_waker(Waker::noop());
        let mut answers = Vec::new();
        for _ in 0..stop_after {
            let p = s.as_mut().poll_next(&mut cx);
            answers.push(p);
            if answers.last() == Some(&Poll::Ready(None)) {
                break;
            }
        }
        // Move the box (not the pinned stream) and drop it.
        let moved = s;
        drop(moved);
        let log = log.borrow();
        let kinds: Vec<&str> = log.iter().map(|(k, _)| *k).collect();
        if stop_after == 2 {
            // Dropped while waiting: the future is dropped where it was polled.
            assert_eq!(answers, [Poll::Ready(Some(7)), Poll::Pending]);
            assert_eq!(kinds, ["poll", "drop"]);
        } else {
            assert_eq!(
                answers,
                [
                    Poll::Ready(Some(7)),
                    Poll::Pending,
                    Poll::Pending,
                    Poll::Pending,
                    Poll::Ready(Some(8)),
                    Poll::Ready(None)
                ]
            );
            assert_eq!(kinds, ["poll", "poll", "poll", "poll", "drop"]);
        }
        let first = log[0].1;
        assert!(log.iter().all(|&(_, at)| at == first), "{log:?}");
    }
}

#[test]
fn a_stream_dropped_while_waiting_drops_what_it_holds_exactly_once() {
    let log = new_log();
    let l = log.clone();
    let s = gen_stream! {
        let a = D("a", l.clone());
        yield 1;
        let b = D("b", l.clone());
        after(5, 0).await;
        drop(b);
        yield 2;
        drop(a);
    };
    let mut s = Box::pin(s);
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Pending);
    assert!(snapshot(&log).is_empty());
    drop(s);
    // Younger first, as plain Rust drops locals.
    assert_eq!(snapshot(&log), ["b", "a"]);
}

#[test]
fn a_ready_future_is_dropped_before_the_code_after_its_await() {
    let log = new_log();
    let l = log.clone();
    let s = gen_stream! {
        let guard = D("future", l.clone());
        let x = async move {
            let _g = guard;
            5
        }
        .await;
        l.borrow_mut().push("after");
        yield x;
    };
    assert_eq!(items(s), [5]);
    assert_eq!(snapshot(&log), ["future", "after"]);
}

#[generator]
fn inner(from: u32) -> impl Stream<Item = u32> {
    yield_!(from);
    after(2, 0).await;
    yield_!(from + 1);
}

#[generator]
fn outer() -> impl Stream<Item = u32> {
    yield_!(0);
    yield_from!(inner(10));
    let unit: () = yield_from!(inner(20));
    yield_!(99);
    unit
}

#[test]
fn yield_from_drains_an_inner_stream_and_hands_on_its_pendings() {
    use Poll::{Pending, Ready};
    assert_eq!(
        polls(outer()),
        [
            Ready(Some(0)),
            Ready(Some(10)),
            Pending,
            Pending,
            Ready(Some(11)),
            Ready(Some(20)),
            Pending,
            Pending,
            Ready(Some(21)),
            Ready(Some(99)),
            Ready(None)
        ]
    );
    // Any stream, not only ours.
    let s = gen_stream! {
        yield_from!(futures::stream::iter(vec![3, 4]));
        yield 5;
    };
    assert_eq!(items(s), [3, 4, 5]);
}

#[generator]
fn countdown(n: u32) -> Pin<Box<dyn Stream<Item = u32>>> {
    if n > 0 {
        yield_!(after(1, n).await);
        yield_from!(countdown(n - 1));
    }
}

#[test]
fn boxed_streams_recurse() {
    assert_eq!(items(countdown(4)), [4, 3, 2, 1]);
}

async fn is_even(x: u32) -> bool {
    after(1, x).await % 2 == 0
}

#[generator]
fn awaits_in_expressions(v: Vec<u32>) -> impl Stream<Item = u32> {
    // Arguments, left to right, with a local between them.
    let sum = after(1, 1).await + v.len() as u32 + after(2, 100).await;
    yield_!(sum);
    // Conditions, scrutinees, `while let`.
    for x in v.clone() {
        if is_even(x).await {
            yield_!(x);
        }
        match after(0, x).await {
            3 => yield_!(300),
            _ => {}
        }
    }
    // A local stream is polled by value (`it.next().await` would borrow it).
    let mut it = futures::stream::iter(v.clone());
    while let (Some(x), rest) = it.into_future().await {
        it = rest;
        yield_!(x * 1000);
    }
    // A yield in a stream evaluates to `()`.
    let unit: () = yield_!(7);
    let () = unit;
    // An await inside an await.
    yield_!(after(0, after(1, 8).await).await);
}

#[test]
fn awaits_stand_where_expressions_stand() {
    assert_eq!(
        items(awaits_in_expressions(vec![1, 2, 3, 4])),
        [105, 2, 300, 4, 1000, 2000, 3000, 4000, 7, 8]
    );
}

struct Counter {
    step: u32,
}

impl Counter {
    #[generator]
    fn multiples(&self, n: u32) -> impl Stream<Item = u32> + '_ {
        for i in 0..n {
            yield_!(after(1, i).await * self.step);
        }
    }
}

#[test]
fn methods_borrow_self_across_awaits() {
    let c = Counter { step: 3 };
    assert_eq!(items(c.multiples(4)), [0, 3, 6, 9]);
}

#[test]
fn a_completed_or_panicked_stream_answers_none() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut s = pin!(waits_then_yields(1));
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
    assert!(!s.is_terminated());
    for _ in 0..3 {
        assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(None));
        assert!(s.is_terminated());
    }

    let s = gen_stream! {
        yield 1;
        after(1, 0).await;
        let v: Vec<u32> = Vec::new();
        yield v[0];
    };
    let mut s = Box::pin(s);
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Pending);
    let panicked = catch_unwind(AssertUnwindSafe(|| s.as_mut().poll_next(&mut cx)));
    assert!(panicked.is_err());
    assert!(
        !s.is_terminated(),
        "not until it has answered `Ready(None)`"
    );
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(None));
    assert!(s.is_terminated());
}

fn is_send<T: Send>(_: &T) {}

#[test]
fn streams_are_send_when_what_they_hold_is() {
    let v = vec![1u32, 2];
    let s = gen_stream! {
        for x in v {
            yield double(x).await;
        }
    };
    is_send(&s);
    assert_eq!(items(s), [2, 4]);
}

#[test]
fn a_stream_holding_clone_futures_is_clone() {
    #[generator]
    fn readies() -> impl Stream<Item = u32> + Clone {
        for i in 0..3 {
            yield_!(std::future::ready(i).await);
        }
    }
    let mut cx = Context::from_waker(Waker::noop());
    let mut s = Box::pin(readies());
    assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(0)));
    let fork = (*s).clone();
    assert_eq!(items(s), [1, 2]);
    assert_eq!(items(fork), [1, 2]);
}

#[test]
fn large_locals_across_awaits_keep_their_values() {
    let s = gen_stream! {
        let mut buf = [0u64; 64];
        for round in 0..3u64 {
            for (i, slot) in buf.iter_mut().enumerate() {
                *slot = round * 100 + i as u64;
            }
            for i in 0..64 {
                if i % 21 == 0 {
                    after(1, 0).await;
                    yield buf[i];
                }
            }
        }
    };
    assert_eq!(
        items(s),
        [0, 21, 42, 63, 100, 121, 142, 163, 200, 221, 242, 263]
    );
}

#[test]
fn the_state_holds_the_largest_awaited_future_once() {
    // Two awaits of a 64-byte future: one slot, as large as one of them.
    struct Big([u64; 8]);
    impl Future for Big {
        type Output = u64;
        fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u64> {
            Poll::Ready(self.0[0])
        }
    }
    let s = gen_stream! {
        yield Big([1; 8]).await;
        yield Big([2; 8]).await;
    };
    let size = std::mem::size_of_val(&s);
    assert!(size <= 64 + 16, "{size} bytes");
    assert_eq!(items(s), [1, 2]);
}

// A stream generator awaiting an async fn (the crate docs show it).
async fn fetch(id: u32) -> String {
    format!("page {id}")
}

#[generator]
fn pages(ids: Vec<u32>) -> impl Stream<Item = String> {
    for id in ids {
        let page = fetch(id).await;
        if !page.is_empty() {
            yield_!(page);
        }
    }
}

#[test]
fn the_readme_example() {
    let all: Vec<String> = futures::executor::block_on(pages(vec![1, 2]).collect());
    assert_eq!(all, ["page 1", "page 2"]);
}

#[test]
fn user_names_do_not_meet_the_expansions() {
    // Names the lowering of `.await` and `yield_from!` uses for its own locals.
    let ready = 1u32;
    let item = 2u32;
    let pinned = 3u32;
    let arg = 4u32;
    let s = gen_stream! {
        let cx = after(1, ready).await;
        let state = after(0, item).await;
        yield cx + state + pinned + arg;
        yield_from!(futures::stream::iter([ready, item]));
    };
    assert_eq!(items(s), [10, 1, 2]);
}
