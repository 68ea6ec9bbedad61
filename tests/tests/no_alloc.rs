//! Generators allocate nothing: creating, running and dropping an iterator, a coroutine
//! and a stream (polled by hand) makes no heap allocation on the thread that runs them.
//! A body that borrows its own locals across a suspension point allocates its frame once
//! per iterator or `Generator` value, and never in a stream.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use gen_runtime::{generator, yield_, Generator, GeneratorState, Stream};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; the count is a const-initialised
// thread-local `Cell`, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[generator]
fn fibonacci(n: usize) -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0, 1);
    for _ in 0..n {
        yield_!(a);
        (a, b) = (b, a + b);
    }
}

#[generator]
fn running_sum() -> impl Generator<u64, Yield = u64, Return = u64> {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            return total;
        }
        total += x;
    }
}

async fn double(x: u64) -> u64 {
    x * 2
}

#[generator]
fn doubled(n: u64) -> impl Stream<Item = u64> {
    for i in 0..n {
        yield_!(double(i).await);
    }
}

#[test]
fn iterators_coroutines_and_streams_allocate_nothing() {
    let mut sum = 0;
    let n = allocations_during(|| sum = fibonacci(50).sum());
    assert_eq!((n, sum), (0, 20_365_011_073));

    let mut last = GeneratorState::Yielded(0);
    let n = allocations_during(|| {
        let mut g = running_sum();
        for x in [0, 1, 2, 3, 0] {
            last = g.resume(x);
        }
    });
    assert_eq!((n, last), (0, GeneratorState::Complete(6)));

    let mut total = 0;
    let n = allocations_during(|| {
        let mut s = pin!(doubled(10));
        let mut cx = Context::from_waker(Waker::noop());
        while let Poll::Ready(Some(x)) = s.as_mut().poll_next(&mut cx) {
            total += x;
        }
    });
    assert_eq!((n, total), (0, 90));

    // The counter counts: a Vec allocates.
    assert_eq!(
        allocations_during(|| drop(std::hint::black_box(vec![1u8]))),
        1
    );
}

/// Borrows its local across each yield: the frame is allocated once per generator value.
#[generator]
fn digits_of(n: u64) -> impl Iterator<Item = u32> {
    let text = [n, n + 1];
    for d in text.iter() {
        yield_!((*d % 10) as u32);
    }
}

/// Awaits a future that borrows its local: kept in the pinned stream itself.
#[generator]
fn sums(n: u64) -> impl Stream<Item = u64> {
    let items = [n, n * 2];
    for i in 0..2 {
        yield_!(total(&items[..=i]).await);
    }
}

async fn total(items: &[u64]) -> u64 {
    items.iter().sum()
}

#[test]
fn a_frame_is_allocated_once_per_iterator_and_never_by_a_stream() {
    let mut got = Vec::with_capacity(8);
    let n = allocations_during(|| got.extend(digits_of(41)));
    assert_eq!((n, &got[..]), (1, &[1, 2][..]));
    let n = allocations_during(|| {
        for _ in 0..3 {
            let mut it = digits_of(7);
            std::hint::black_box(it.next());
        }
    });
    assert_eq!(
        n, 3,
        "one allocation per generator value, whatever it yields"
    );
    // Created but never resumed: nothing.
    assert_eq!(allocations_during(|| drop(digits_of(1))), 0);

    let mut total_seen = 0;
    let n = allocations_during(|| {
        let mut s = pin!(sums(5));
        let mut cx = Context::from_waker(Waker::noop());
        while let Poll::Ready(Some(x)) = s.as_mut().poll_next(&mut cx) {
            total_seen += x;
        }
    });
    assert_eq!((n, total_seen), (0, 5 + 15));
}
