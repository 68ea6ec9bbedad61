//! gen-runtime against hand-written state machines, std adapters and peer crates.
//!
//! Every workload is a criterion group; its contenders are benchmark ids inside it:
//!
//! - `hand`: a hand-written `Iterator` / state-machine struct (the limit);
//! - `std`: std adapters, where they fit the workload naturally;
//! - `gen_runtime`: this workspace's `#[generator]`;
//! - `genawaiter`: `genawaiter::stack` (async/await, allocation-free, pinned on a `Shelf`);
//! - `next_gen`: `next_gen` (async/await, stack-pinned with `mk_gen!`);
//! - `corosensei`: stackful coroutines (each runs on its own mmap'ed stack);
//! - `futures_unfold`, `async_stream`: the stream workload (i) only:
//!   `futures::stream::unfold` and `async_stream::stream!`.
//!
//! Sizes: `GEN_BENCH_QUICK=1` divides every size by 100, `GEN_BENCH_DIV=N` by `N`.
//! The `size_of` of each contender's generator value (every workload but (e) and (f)) is
//! printed and written to `<target>/criterion/sizes.json`, next to criterion's own output.

use std::future::Future;
use std::hint::black_box;
use std::path::PathBuf;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

use criterion::Criterion;
use gen_runtime::Stream;

// ---------------------------------------------------------------------------------------
// Sizes

#[derive(Clone, Copy, Debug)]
struct Sizes {
    /// (a) Fibonacci numbers summed.
    fib: usize,
    /// (b) integers run through the filter/map loop.
    filter: u64,
    /// (c) nodes of the complete binary tree.
    tree: usize,
    /// (d) refills of the 64-element buffer.
    refills: usize,
    /// (e) generators created.
    many: u64,
    /// (f) values fed to the running-sum coroutine.
    feed: u64,
    /// (g) Fibonacci numbers before the yield after the loop.
    tail: usize,
    /// (i) futures awaited by the stream, one item yielded after each.
    ticks: u64,
    /// (j) lines of the text walked by `lines()`.
    lines: usize,
    /// (k) items of the `select!` loop.
    selects: u64,
}

fn divisor() -> usize {
    if let Some(d) = std::env::var("GEN_BENCH_DIV")
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
    {
        return d.max(1);
    }
    match std::env::var("GEN_BENCH_QUICK") {
        Ok(v) if !v.is_empty() && v != "0" => 100,
        _ => 1,
    }
}

fn sizes() -> Sizes {
    let d = divisor();
    Sizes {
        fib: 10_000_000 / d,
        filter: 10_000_000 / d as u64,
        tree: (1 << 20) / d,
        refills: 100_000 / d,
        many: 1_000_000 / d as u64,
        feed: 10_000_000 / d as u64,
        tail: 10_000_000 / d,
        ticks: 1_000_000 / d as u64,
        lines: 1_000_000 / d,
        selects: 1_000_000 / d as u64,
    }
}

// ---------------------------------------------------------------------------------------
// Shared bits

#[inline]
fn xorshift(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

/// (b): which integers pass, and what they become.
#[inline]
fn keep(x: u64) -> bool {
    x % 3 == 1
}

#[inline]
fn transform(x: u64) -> u64 {
    x.wrapping_mul(x) ^ (x >> 3)
}

/// (d): what each buffered element is turned into when yielded.
#[inline]
fn mix(v: u64, i: usize) -> u64 {
    v.rotate_left(i as u32) ^ i as u64
}

/// Every iterator contender is consumed the same way: external iteration with `next`.
#[inline]
fn drain_sum<I: Iterator<Item = u64>>(it: I) -> u64 {
    let mut sum = 0u64;
    for x in it {
        sum = sum.wrapping_add(x);
    }
    sum
}

/// (i): the future every stream contender awaits, once per item. Ready on its first poll,
/// except for every 8th (`i % 8 == 0`): that one answers `Pending` once (waking the task,
/// as a future must), then is ready. Unpin (two plain fields), so the hand-written stream
/// polls it with `Pin::new`.
pub struct Tick {
    i: u64,
    waited: bool,
}

#[inline]
fn tick(i: u64) -> Tick {
    Tick { i, waited: false }
}

impl Future for Tick {
    type Output = u64;
    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if self.i % 8 == 0 && !self.waited {
            self.waited = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(xorshift(self.i | 1))
    }
}

/// Every stream contender is consumed the same way: pinned on the driver's stack, polled
/// with a no-op waker until `Ready(None)`. The result is the wrapping sum of the items plus
/// the number of `Pending` answers, so the check before the timings also catches a
/// contender that skips the `Pending` path (`n / 8` rounded up of them).
#[inline]
fn drain_stream<S: Stream<Item = u64>>(s: S) -> u64 {
    let mut s = pin!(s);
    let mut cx = Context::from_waker(Waker::noop());
    let mut sum = 0u64;
    let mut pending = 0u64;
    loop {
        match s.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(x)) => sum = sum.wrapping_add(x),
            Poll::Ready(None) => return sum.wrapping_add(pending),
            Poll::Pending => pending += 1,
        }
    }
}

fn tree_values(n: usize) -> Vec<u32> {
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    (0..n)
        .map(|_| {
            x = xorshift(x);
            (x >> 40) as u32
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// hand: hand-written state machines

mod hand {
    use super::{keep, mix, tick, transform, xorshift, Tick};
    use gen_runtime::Stream;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    // Each holds what a hand translation of the generator's loops holds: the same
    // `Range` iterators where the generator runs `for _ in 0..n`.

    pub struct Fib {
        pub a: u64,
        pub b: u64,
        pub left: std::ops::Range<usize>,
    }

    impl Fib {
        pub fn new(n: usize) -> Self {
            Fib {
                a: 0,
                b: 1,
                left: 0..n,
            }
        }
    }

    impl Iterator for Fib {
        type Item = u64;
        #[inline]
        fn next(&mut self) -> Option<u64> {
            self.left.next()?;
            let a = self.a;
            (self.a, self.b) = (self.b, self.a.wrapping_add(self.b));
            Some(a)
        }
    }

    /// (a) in the order the generator runs it: each call first makes the update the last
    /// item left for it (`(a, b) = (b, a + b)` after the yield), then tests the range. Not
    /// a limit: it shows what the order of the source costs by itself.
    pub struct FibYieldOrder {
        pub a: u64,
        pub b: u64,
        pub left: std::ops::Range<usize>,
        pub started: bool,
    }

    impl FibYieldOrder {
        pub fn new(n: usize) -> Self {
            FibYieldOrder {
                a: 0,
                b: 1,
                left: 0..n,
                started: false,
            }
        }
    }

    impl Iterator for FibYieldOrder {
        type Item = u64;
        #[inline]
        fn next(&mut self) -> Option<u64> {
            if self.started {
                (self.a, self.b) = (self.b, self.a.wrapping_add(self.b));
            }
            self.started = true;
            self.left.next()?;
            Some(self.a)
        }
    }

    /// (g): (a)'s loop, then one more yield after it: the next number.
    pub struct FibThenNext {
        pub fib: Fib,
        pub done: bool,
    }

    impl FibThenNext {
        pub fn new(n: usize) -> Self {
            FibThenNext {
                fib: Fib::new(n),
                done: false,
            }
        }
    }

    impl Iterator for FibThenNext {
        type Item = u64;
        #[inline]
        fn next(&mut self) -> Option<u64> {
            if self.done {
                return None;
            }
            self.fib.next().or_else(|| {
                self.done = true;
                Some(self.fib.a)
            })
        }
    }

    pub struct FilterMap {
        pub i: u64,
        pub n: u64,
    }

    impl Iterator for FilterMap {
        type Item = u64;
        #[inline]
        fn next(&mut self) -> Option<u64> {
            while self.i < self.n {
                let x = self.i;
                self.i += 1;
                if keep(x) {
                    return Some(transform(x));
                }
            }
            None
        }
    }

    pub struct InOrder<'a> {
        pub tree: &'a [u32],
        pub stack: Vec<usize>,
        pub i: usize,
    }

    impl<'a> InOrder<'a> {
        pub fn new(tree: &'a [u32]) -> Self {
            InOrder {
                tree,
                stack: Vec::with_capacity(64),
                i: 0,
            }
        }
    }

    impl Iterator for InOrder<'_> {
        type Item = u64;
        #[inline]
        fn next(&mut self) -> Option<u64> {
            let n = self.tree.len();
            while self.i < n {
                self.stack.push(self.i);
                self.i = 2 * self.i + 1;
            }
            let j = self.stack.pop()?;
            self.i = 2 * j + 2;
            Some(u64::from(self.tree[j]))
        }
    }

    /// (h): (c)'s walk, then the node count after it.
    pub struct InOrderThenCount<'a> {
        pub walk: InOrder<'a>,
        pub done: bool,
    }

    impl Iterator for InOrderThenCount<'_> {
        type Item = u64;
        #[inline]
        fn next(&mut self) -> Option<u64> {
            if self.done {
                return None;
            }
            match self.walk.next() {
                Some(v) => Some(v),
                None => {
                    self.done = true;
                    Some(self.walk.tree.len() as u64)
                }
            }
        }
    }

    pub struct Buffered {
        pub buf: [u64; 64],
        pub idx: std::ops::Range<usize>,
        pub refills_left: std::ops::Range<usize>,
        pub x: u64,
    }

    impl Buffered {
        pub fn new(refills: usize, seed: u64) -> Self {
            Buffered {
                buf: [0; 64],
                idx: 64..64,
                refills_left: 0..refills,
                x: seed,
            }
        }
    }

    impl Iterator for Buffered {
        type Item = u64;
        #[inline]
        fn next(&mut self) -> Option<u64> {
            let i = match self.idx.next() {
                Some(i) => i,
                None => {
                    self.refills_left.next()?;
                    // `x` in a local while refilling: through `self`, LLVM keeps it in
                    // memory next to the buffer it writes (1.45× slower on this machine).
                    let mut x = self.x;
                    for slot in self.buf.iter_mut() {
                        x = xorshift(x);
                        *slot = x;
                    }
                    self.x = x;
                    self.idx = 1..64;
                    0
                }
            };
            Some(mix(self.buf[i], i))
        }
    }

    pub struct Three {
        pub i: u64,
        pub step: u8,
    }

    impl Iterator for Three {
        type Item = u64;
        #[inline]
        fn next(&mut self) -> Option<u64> {
            let v = match self.step {
                0 => self.i,
                1 => self.i * 2,
                2 => self.i * 3,
                _ => return None,
            };
            self.step += 1;
            Some(v)
        }
    }

    /// (e) as a hand translation usually reads: one enum variant per point the iterator
    /// can stop at, each call setting the next one. Not a limit: `Three`'s counter is
    /// what the hand-written limit does instead, and this shows what the counter wins.
    pub enum ThreeStates {
        First(u64),
        Second(u64),
        Third(u64),
        Done,
    }

    impl Iterator for ThreeStates {
        type Item = u64;
        #[inline]
        fn next(&mut self) -> Option<u64> {
            match *self {
                ThreeStates::First(i) => {
                    *self = ThreeStates::Second(i);
                    Some(i)
                }
                ThreeStates::Second(i) => {
                    *self = ThreeStates::Third(i);
                    Some(i * 2)
                }
                ThreeStates::Third(i) => {
                    *self = ThreeStates::Done;
                    Some(i * 3)
                }
                ThreeStates::Done => None,
            }
        }
    }

    pub struct RunningSum {
        pub sum: u64,
    }

    /// (i): the stream's loop by hand. `fut` is the `Tick` being awaited (`None` between
    /// items); `Tick` is `Unpin`, so `Pin<&mut Self>` derefs to `&mut Self` and the future
    /// is polled in place with `Pin::new`, no `unsafe` and no pin projection crate.
    pub struct Ticks {
        pub left: std::ops::Range<u64>,
        pub fut: Option<Tick>,
    }

    impl Ticks {
        pub fn new(n: u64) -> Self {
            Ticks {
                left: 0..n,
                fut: None,
            }
        }
    }

    impl Stream for Ticks {
        type Item = u64;
        #[inline]
        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
            let this = self.get_mut();
            let fut = match &mut this.fut {
                Some(fut) => fut,
                None => match this.left.next() {
                    Some(i) => this.fut.insert(tick(i)),
                    None => return Poll::Ready(None),
                },
            };
            match Pin::new(fut).poll(cx) {
                Poll::Ready(v) => {
                    this.fut = None;
                    Poll::Ready(Some(transform(v)))
                }
                Poll::Pending => Poll::Pending,
            }
        }
    }

    impl RunningSum {
        #[inline]
        pub fn resume(&mut self, x: u64) -> u64 {
            self.sum = self.sum.wrapping_add(x);
            self.sum
        }
    }
}

// ---------------------------------------------------------------------------------------
// std: adapters

mod std_adapters {
    use super::{keep, mix, transform, xorshift};

    pub fn fib(n: usize) -> impl Iterator<Item = u64> {
        (0..n).scan((0u64, 1u64), |st, _| {
            let a = st.0;
            *st = (st.1, st.0.wrapping_add(st.1));
            Some(a)
        })
    }

    pub fn filter_map(n: u64) -> impl Iterator<Item = u64> {
        (0..n).filter(|&x| keep(x)).map(transform)
    }

    pub fn buffered(refills: usize, seed: u64) -> impl Iterator<Item = u64> {
        let mut x = seed;
        (0..refills).flat_map(move |_| {
            let mut buf = [0u64; 64];
            for slot in buf.iter_mut() {
                x = xorshift(x);
                *slot = x;
            }
            buf.into_iter().enumerate().map(|(i, v)| mix(v, i))
        })
    }

    pub fn three(i: u64) -> impl Iterator<Item = u64> {
        [i, i * 2, i * 3].into_iter()
    }
}

// ---------------------------------------------------------------------------------------
// gen_runtime

mod gen_rt {
    use super::{keep, mix, tick, transform, xorshift};
    use gen_runtime::{generator, yield_, Generator, Stream};

    #[generator]
    pub fn fib(n: usize) -> impl Iterator<Item = u64> {
        let (mut a, mut b) = (0u64, 1u64);
        for _ in 0..n {
            yield_!(a);
            (a, b) = (b, a.wrapping_add(b));
        }
    }

    /// (a) written in the hand-written iterator's order: the item is saved, the update
    /// made, and the saved item yielded. Not the workload's body: it shows that the gap
    /// between `gen_runtime` and `hand` on (a) is the order of the source.
    #[generator]
    pub fn fib_update_first(n: usize) -> impl Iterator<Item = u64> {
        let (mut a, mut b) = (0u64, 1u64);
        for _ in 0..n {
            let item = a;
            (a, b) = (b, a.wrapping_add(b));
            yield_!(item);
        }
    }

    #[generator]
    pub fn fib_then_next(n: usize) -> impl Iterator<Item = u64> {
        let (mut a, mut b) = (0u64, 1u64);
        for _ in 0..n {
            yield_!(a);
            (a, b) = (b, a.wrapping_add(b));
        }
        yield_!(a);
    }

    #[generator]
    pub fn filter_map(n: u64) -> impl Iterator<Item = u64> {
        for x in 0..n {
            if keep(x) {
                yield_!(transform(x));
            }
        }
    }

    #[generator]
    pub fn inorder(tree: &[u32]) -> impl Iterator<Item = u64> + '_ {
        let n = tree.len();
        let mut stack: Vec<usize> = Vec::with_capacity(64);
        let mut i = 0usize;
        loop {
            while i < n {
                stack.push(i);
                i = 2 * i + 1;
            }
            match stack.pop() {
                Some(j) => {
                    yield_!(u64::from(tree[j]));
                    i = 2 * j + 2;
                }
                None => break,
            }
        }
    }

    #[generator]
    pub fn inorder_then_count(tree: &[u32]) -> impl Iterator<Item = u64> + '_ {
        let n = tree.len();
        let mut stack: Vec<usize> = Vec::with_capacity(64);
        let mut i = 0usize;
        loop {
            while i < n {
                stack.push(i);
                i = 2 * i + 1;
            }
            match stack.pop() {
                Some(j) => {
                    yield_!(u64::from(tree[j]));
                    i = 2 * j + 2;
                }
                None => break,
            }
        }
        yield_!(n as u64);
    }

    #[generator]
    pub fn buffered(refills: usize, seed: u64) -> impl Iterator<Item = u64> {
        let mut buf = [0u64; 64];
        let mut x = seed;
        for _ in 0..refills {
            for slot in buf.iter_mut() {
                x = xorshift(x);
                *slot = x;
            }
            for i in 0..64 {
                yield_!(mix(buf[i], i));
            }
        }
    }

    #[generator]
    pub fn three(i: u64) -> impl Iterator<Item = u64> {
        yield_!(i);
        yield_!(i * 2);
        yield_!(i * 3);
    }

    #[generator(resume = first)]
    pub fn running_sum() -> impl Generator<u64, Yield = u64, Return = ()> {
        let mut sum = 0u64;
        let mut x = first;
        loop {
            sum = sum.wrapping_add(x);
            x = yield_!(sum);
        }
    }

    #[generator]
    pub fn ticks(n: u64) -> impl Stream<Item = u64> {
        for i in 0..n {
            let v = tick(i).await;
            yield_!(transform(v));
        }
    }
}

// ---------------------------------------------------------------------------------------
// futures::stream::unfold: the futures crate's adapter, an async closure per item

mod futures_unfold {
    use super::{tick, transform};
    use gen_runtime::Stream;

    /// The seed is the loop's `Range`; each step's future awaits one `Tick`.
    pub fn ticks(n: u64) -> impl Stream<Item = u64> {
        futures::stream::unfold(0..n, |mut left| async move {
            let i = left.next()?;
            let v = tick(i).await;
            Some((transform(v), left))
        })
    }
}

// ---------------------------------------------------------------------------------------
// async-stream: `stream!`, the body an async block that yields through a thread-local slot

mod async_stream_impl {
    use super::{tick, transform};
    use gen_runtime::Stream;

    pub fn ticks(n: u64) -> impl Stream<Item = u64> {
        async_stream::stream! {
            for i in 0..n {
                let v = tick(i).await;
                yield transform(v);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// genawaiter (stack flavour): async producers, state pinned on a `Shelf`

mod genawaiter_stack {
    use super::{keep, mix, transform, xorshift};
    use genawaiter::stack::Co;

    pub async fn fib(co: Co<'_, u64>, n: usize) {
        let (mut a, mut b) = (0u64, 1u64);
        for _ in 0..n {
            co.yield_(a).await;
            (a, b) = (b, a.wrapping_add(b));
        }
    }

    pub async fn fib_then_next(co: Co<'_, u64>, n: usize) {
        let (mut a, mut b) = (0u64, 1u64);
        for _ in 0..n {
            co.yield_(a).await;
            (a, b) = (b, a.wrapping_add(b));
        }
        co.yield_(a).await;
    }

    pub async fn filter_map(co: Co<'_, u64>, n: u64) {
        for x in 0..n {
            if keep(x) {
                co.yield_(transform(x)).await;
            }
        }
    }

    pub async fn inorder(co: Co<'_, u64>, tree: &[u32]) {
        let n = tree.len();
        let mut stack: Vec<usize> = Vec::with_capacity(64);
        let mut i = 0usize;
        loop {
            while i < n {
                stack.push(i);
                i = 2 * i + 1;
            }
            match stack.pop() {
                Some(j) => {
                    co.yield_(u64::from(tree[j])).await;
                    i = 2 * j + 2;
                }
                None => break,
            }
        }
    }

    pub async fn buffered(co: Co<'_, u64>, refills: usize, seed: u64) {
        let mut buf = [0u64; 64];
        let mut x = seed;
        for _ in 0..refills {
            for slot in buf.iter_mut() {
                x = xorshift(x);
                *slot = x;
            }
            for (i, &v) in buf.iter().enumerate() {
                co.yield_(mix(v, i)).await;
            }
        }
    }

    pub async fn three(co: Co<'_, u64>, i: u64) {
        co.yield_(i).await;
        co.yield_(i * 2).await;
        co.yield_(i * 3).await;
    }

    /// genawaiter drops the first resume argument, so the driver primes it with `resume_with(0)`.
    pub async fn running_sum(co: Co<'_, u64, u64>) {
        let mut sum = 0u64;
        let mut x = co.yield_(0).await;
        loop {
            sum = sum.wrapping_add(x);
            x = co.yield_(sum).await;
        }
    }
}

/// `genawaiter::stack::let_gen_using!` without the macro, so that the `Shelf` (which holds
/// the whole state) stays nameable for `size_of_val`.
macro_rules! genawaiter_gen {
    ($shelf:ident, $gen:ident, $producer:expr) => {
        genawaiter_gen!($shelf, $gen, $producer, _shelf_size);
    };
    ($shelf:ident, $gen:ident, $producer:expr, $size:ident) => {
        let mut $shelf = genawaiter::stack::Shelf::new();
        let $size = std::mem::size_of_val(&$shelf);
        // SAFETY: what `let_gen_using!` expands to: the shelf is a local that outlives the
        // generator and is never touched again while `$gen` exists.
        #[allow(unused_mut)]
        let mut $gen = unsafe { genawaiter::stack::Gen::new(&mut $shelf, $producer) };
    };
}

// ---------------------------------------------------------------------------------------
// next-gen

mod next_gen_impl {
    use super::{keep, mix, transform, xorshift};
    use next_gen::generator;

    #[generator(yield(u64))]
    pub fn fib(n: usize) {
        let (mut a, mut b) = (0u64, 1u64);
        for _ in 0..n {
            yield_!(a);
            (a, b) = (b, a.wrapping_add(b));
        }
    }

    #[generator(yield(u64))]
    pub fn fib_then_next(n: usize) {
        let (mut a, mut b) = (0u64, 1u64);
        for _ in 0..n {
            yield_!(a);
            (a, b) = (b, a.wrapping_add(b));
        }
        yield_!(a);
    }

    #[generator(yield(u64))]
    pub fn filter_map(n: u64) {
        for x in 0..n {
            if keep(x) {
                yield_!(transform(x));
            }
        }
    }

    #[generator(yield(u64))]
    pub fn inorder(tree: &[u32]) {
        let n = tree.len();
        let mut stack: Vec<usize> = Vec::with_capacity(64);
        let mut i = 0usize;
        loop {
            while i < n {
                stack.push(i);
                i = 2 * i + 1;
            }
            match stack.pop() {
                Some(j) => {
                    yield_!(u64::from(tree[j]));
                    i = 2 * j + 2;
                }
                None => break,
            }
        }
    }

    #[generator(yield(u64))]
    pub fn buffered(refills: usize, seed: u64) {
        let mut buf = [0u64; 64];
        let mut x = seed;
        for _ in 0..refills {
            for slot in buf.iter_mut() {
                x = xorshift(x);
                *slot = x;
            }
            for (i, &v) in buf.iter().enumerate() {
                yield_!(mix(v, i));
            }
        }
    }

    #[generator(yield(u64))]
    pub fn three(i: u64) {
        yield_!(i);
        yield_!(i * 2);
        yield_!(i * 3);
    }

    #[generator(yield(u64), resume(u64) as first)]
    pub fn running_sum() {
        let mut sum = 0u64;
        let mut x = first;
        loop {
            sum = sum.wrapping_add(x);
            x = yield_!(sum);
        }
    }
}

// ---------------------------------------------------------------------------------------
// corosensei: stackful; the closure runs on its own stack and must be 'static

mod coro {
    use super::{keep, mix, transform, xorshift};
    use corosensei::stack::DefaultStack;
    use corosensei::{Coroutine, CoroutineResult, Yielder};
    use std::rc::Rc;

    pub type Iter = Coroutine<(), u64, (), DefaultStack>;

    /// Drives a `Coroutine<(), u64, ()>` as an iterator, the way the other contenders are.
    pub struct CoIter<'c>(pub &'c mut Iter);

    impl Iterator for CoIter<'_> {
        type Item = u64;
        #[inline]
        fn next(&mut self) -> Option<u64> {
            if self.0.done() {
                return None;
            }
            match self.0.resume(()) {
                CoroutineResult::Yield(v) => Some(v),
                CoroutineResult::Return(()) => None,
            }
        }
    }

    pub fn fib(n: usize) -> Iter {
        Coroutine::new(move |y: &Yielder<(), u64>, ()| {
            let (mut a, mut b) = (0u64, 1u64);
            for _ in 0..n {
                y.suspend(a);
                (a, b) = (b, a.wrapping_add(b));
            }
        })
    }

    pub fn fib_then_next(n: usize) -> Iter {
        Coroutine::new(move |y: &Yielder<(), u64>, ()| {
            let (mut a, mut b) = (0u64, 1u64);
            for _ in 0..n {
                y.suspend(a);
                (a, b) = (b, a.wrapping_add(b));
            }
            y.suspend(a);
        })
    }

    pub fn filter_map(n: u64) -> Iter {
        Coroutine::new(move |y: &Yielder<(), u64>, ()| {
            for x in 0..n {
                if keep(x) {
                    y.suspend(transform(x));
                }
            }
        })
    }

    pub fn inorder(tree: Rc<Vec<u32>>) -> Iter {
        Coroutine::new(move |y: &Yielder<(), u64>, ()| {
            let n = tree.len();
            let mut stack: Vec<usize> = Vec::with_capacity(64);
            let mut i = 0usize;
            loop {
                while i < n {
                    stack.push(i);
                    i = 2 * i + 1;
                }
                match stack.pop() {
                    Some(j) => {
                        y.suspend(u64::from(tree[j]));
                        i = 2 * j + 2;
                    }
                    None => break,
                }
            }
        })
    }

    pub fn buffered(refills: usize, seed: u64) -> Iter {
        Coroutine::new(move |y: &Yielder<(), u64>, ()| {
            let mut buf = [0u64; 64];
            let mut x = seed;
            for _ in 0..refills {
                for slot in buf.iter_mut() {
                    x = xorshift(x);
                    *slot = x;
                }
                for (i, &v) in buf.iter().enumerate() {
                    y.suspend(mix(v, i));
                }
            }
        })
    }

    /// (e) reuses one stack for every coroutine (`with_stack` / `into_stack`), the way
    /// corosensei is meant to be used when coroutines are short-lived; a fresh
    /// `Coroutine::new` per item would mmap and munmap a stack each time.
    pub fn three(stack: DefaultStack, i: u64) -> Iter {
        Coroutine::with_stack(stack, move |y: &Yielder<(), u64>, ()| {
            y.suspend(i);
            y.suspend(i * 2);
            y.suspend(i * 3);
        })
    }

    pub fn running_sum() -> Coroutine<u64, u64, ()> {
        Coroutine::new(|y: &Yielder<u64, u64>, first: u64| {
            let mut sum = 0u64;
            let mut x = first;
            loop {
                sum = sum.wrapping_add(x);
                x = y.suspend(sum);
            }
        })
    }
}

// ---------------------------------------------------------------------------------------
// size_of of each contender's generator value

fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    // The workspace's target directory: this package sits one level below the root.
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .unwrap_or(manifest)
        .join("target")
        .join("criterion")
}

/// The `size_of` of genawaiter's shelf and of next-gen's pinned generator for one
/// workload: `peer_sizes!(|co| genawaiter_stack::fib(co, 1), fib(1))`.
macro_rules! peer_sizes {
    ($producer:expr, $next_gen:ident($($arg:expr),*)) => {{
        genawaiter_gen!(shelf, g, $producer, gena);
        drop(g);
        use next_gen_impl::$next_gen;
        next_gen::mk_gen!(let ng = $next_gen($($arg),*));
        let size = size_of_val(&*ng);
        // next-gen 0.1.1 aborts ("a `YieldSlot` was about to dangle") when a generator
        // that never ran is dropped in a release build: run it to its end first.
        drain_sum(ng.gen_into_iter());
        (gena, size)
    }};
}

fn record_sizes() {
    use std::mem::size_of_val;

    let tree = tree_values(15);
    let rc_tree = std::rc::Rc::new(tree.clone());
    let mut rows: Vec<(&str, Vec<(&str, usize)>)> = Vec::new();

    // (a)
    {
        let (gena, ng_size) = peer_sizes!(|co| genawaiter_stack::fib(co, 1), fib(1));
        rows.push((
            "a_fibonacci",
            vec![
                ("hand", size_of_val(&hand::Fib::new(1))),
                (
                    "hand_yield_order",
                    size_of_val(&hand::FibYieldOrder::new(1)),
                ),
                ("std", size_of_val(&std_adapters::fib(1))),
                ("gen_runtime", size_of_val(&gen_rt::fib(1))),
                (
                    "gen_runtime_update_first",
                    size_of_val(&gen_rt::fib_update_first(1)),
                ),
                ("genawaiter", gena),
                ("next_gen", ng_size),
                ("corosensei", size_of_val(&coro::fib(1))),
            ],
        ));
    }
    // (b)
    {
        let (gena, ng_size) = peer_sizes!(|co| genawaiter_stack::filter_map(co, 1), filter_map(1));
        rows.push((
            "b_filter_map",
            vec![
                ("hand", size_of_val(&hand::FilterMap { i: 0, n: 1 })),
                ("std", size_of_val(&std_adapters::filter_map(1))),
                ("gen_runtime", size_of_val(&gen_rt::filter_map(1))),
                ("genawaiter", gena),
                ("next_gen", ng_size),
                ("corosensei", size_of_val(&coro::filter_map(1))),
            ],
        ));
    }
    // (c)
    {
        let t: &[u32] = &tree;
        let (gena, ng_size) = peer_sizes!(|co| genawaiter_stack::inorder(co, t), inorder(t));
        rows.push((
            "c_tree_inorder",
            vec![
                ("hand", size_of_val(&hand::InOrder::new(t))),
                ("gen_runtime", size_of_val(&gen_rt::inorder(t))),
                ("genawaiter", gena),
                ("next_gen", ng_size),
                ("corosensei", size_of_val(&coro::inorder(rc_tree.clone()))),
            ],
        ));
    }
    // (d)
    {
        let (gena, ng_size) =
            peer_sizes!(|co| genawaiter_stack::buffered(co, 1, 1), buffered(1, 1));
        rows.push((
            "d_buffer64",
            vec![
                ("hand", size_of_val(&hand::Buffered::new(1, 1))),
                ("std", size_of_val(&std_adapters::buffered(1, 1))),
                ("gen_runtime", size_of_val(&gen_rt::buffered(1, 1))),
                ("genawaiter", gena),
                ("next_gen", ng_size),
                ("corosensei", size_of_val(&coro::buffered(1, 1))),
            ],
        ));
    }

    // (g)
    {
        let (gena, ng_size) = peer_sizes!(
            |co| genawaiter_stack::fib_then_next(co, 1),
            fib_then_next(1)
        );
        rows.push((
            "g_loop_then_tail",
            vec![
                ("hand", size_of_val(&hand::FibThenNext::new(1))),
                ("gen_runtime", size_of_val(&gen_rt::fib_then_next(1))),
                ("genawaiter", gena),
                ("next_gen", ng_size),
                ("corosensei", size_of_val(&coro::fib_then_next(1))),
            ],
        ));
    }
    // (h)
    rows.push((
        "h_tree_then_count",
        vec![
            (
                "hand",
                size_of_val(&hand::InOrderThenCount {
                    walk: hand::InOrder::new(&[]),
                    done: false,
                }),
            ),
            ("gen_runtime", size_of_val(&gen_rt::inorder_then_count(&[]))),
        ],
    ));
    // (i): the stream values, before their first poll (each is pinned where it is polled,
    // so this is what the driver's frame holds).
    rows.push((
        "i_stream_await",
        vec![
            ("hand", size_of_val(&hand::Ticks::new(1))),
            ("futures_unfold", size_of_val(&futures_unfold::ticks(1))),
            ("gen_runtime", size_of_val(&gen_rt::ticks(1))),
            ("async_stream", size_of_val(&async_stream_impl::ticks(1))),
        ],
    ));
    // (j), (k): the generator values before their first resume or poll.
    {
        genawaiter_gen!(
            shelf,
            g,
            |co| lines_walk::lines_genawaiter(co, String::new()),
            gena
        );
        drop(g);
        use lines_walk::lines_next_gen;
        next_gen::mk_gen!(let ng = lines_next_gen(String::new()));
        let ng_size = size_of_val(&*ng);
        // As in `peer_sizes!`: run it to its end before it is dropped.
        drain_sum(ng.gen_into_iter());
        rows.push((
            "j_lines",
            vec![
                ("hand", size_of_val(&lines_walk::Lines::new(String::new()))),
                (
                    "gen_runtime",
                    size_of_val(&lines_walk::lines(String::new())),
                ),
                (
                    "gen_runtime_stream",
                    size_of_val(&lines_walk::lines_stream(String::new())),
                ),
                ("genawaiter", gena),
                ("next_gen", ng_size),
                (
                    "async_stream",
                    size_of_val(&lines_walk::lines_async_stream(String::new())),
                ),
            ],
        ));
    }
    rows.push((
        "k_select_loop",
        vec![
            ("hand", size_of_val(&lines_walk::Select::new(1))),
            ("gen_runtime", size_of_val(&lines_walk::select_loop(1))),
            (
                "async_stream",
                size_of_val(&lines_walk::select_loop_async_stream(1)),
            ),
        ],
    ));
    let notes = [
        (
            "genawaiter",
            "size of the stack::Shelf holding the pinned future and airlock; the Gen handle itself is one pointer",
        ),
        (
            "next_gen",
            "size of the stack-pinned GeneratorFn that mk_gen! creates",
        ),
        (
            "corosensei",
            "size of the Coroutine handle only: the live state sits on its own separately mmap'ed stack (1 MiB by default)",
        ),
        (
            "std",
            "(c) has no natural std adapter and is left out",
        ),
        (
            "futures_unfold",
            "(i): the futures::stream::Unfold value: an enum of the seed (a Range) or the step future, which holds the seed while it runs",
        ),
        (
            "async_stream",
            "(i): the AsyncStream value: the async block's state machine (holding the Range, the Tick and the yield sender) and a done flag",
        ),
    ];

    println!("size_of each contender's generator value, in bytes:");
    let mut json = String::from("{\n  \"sizes\": {\n");
    for (w, (workload, cols)) in rows.iter().enumerate() {
        println!("  {workload}:");
        json.push_str(&format!("    \"{workload}\": {{"));
        for (c, (contender, bytes)) in cols.iter().enumerate() {
            println!("    {contender:<14} {bytes:>6}");
            let sep = if c + 1 < cols.len() { ", " } else { "" };
            json.push_str(&format!("\"{contender}\": {bytes}{sep}"));
        }
        let sep = if w + 1 < rows.len() { "," } else { "" };
        json.push_str(&format!("}}{sep}\n"));
    }
    json.push_str("  },\n  \"notes\": {\n");
    for (i, (k, v)) in notes.iter().enumerate() {
        let sep = if i + 1 < notes.len() { "," } else { "" };
        json.push_str(&format!("    \"{k}\": \"{v}\"{sep}\n"));
    }
    // When this run started: report.py flags estimates older than this as stale.
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    json.push_str(&format!(
        "  }},\n  \"divisor\": {},\n  \"run_started_unix\": {started}\n}}\n",
        divisor()
    ));

    let dir = criterion_dir();
    let path = dir.join("sizes.json");
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, json)) {
        Ok(()) => println!("(written to {})", path.display()),
        Err(e) => eprintln!("could not write {}: {e}", path.display()),
    }
}

// ---------------------------------------------------------------------------------------
// Correctness: every contender of a workload must agree before anything is timed

/// Checks the drivers themselves (calling the generators from here too would give each
/// `next` a second caller, and change what LLVM inlines into the driver).
fn check(s: Sizes, tree: &[u32], rc_tree: &std::rc::Rc<Vec<u32>>) {
    let n = s.fib.min(1000);
    let expect = a_hand(n);
    assert_eq!(a_hand_yield_order(n), expect);
    assert_eq!(a_std(n), expect);
    assert_eq!(a_gen_runtime(n), expect);
    assert_eq!(a_gen_runtime_update_first(n), expect);
    assert_eq!(a_genawaiter(n), expect);
    assert_eq!(a_next_gen(n), expect);
    assert_eq!(a_corosensei(n), expect);

    let n = s.filter.min(1000);
    let expect = b_hand(n);
    assert_eq!(b_std(n), expect);
    assert_eq!(b_gen_runtime(n), expect);
    assert_eq!(b_genawaiter(n), expect);
    assert_eq!(b_next_gen(n), expect);
    assert_eq!(b_corosensei(n), expect);

    let expect = c_hand(tree);
    // In-order of the implicit tree, checked against a recursive walk.
    fn rec(t: &[u32], i: usize, out: &mut u64) {
        if i < t.len() {
            rec(t, 2 * i + 1, out);
            *out = out.wrapping_add(u64::from(t[i]));
            rec(t, 2 * i + 2, out);
        }
    }
    let mut r = 0;
    rec(tree, 0, &mut r);
    assert_eq!(expect, r);
    let mut firsts = hand::InOrder::new(&tree[..7]);
    assert_eq!(firsts.next(), Some(u64::from(tree[3])));
    assert_eq!(firsts.next(), Some(u64::from(tree[1])));
    assert_eq!(c_gen_runtime(tree), expect);
    assert_eq!(c_genawaiter(tree), expect);
    assert_eq!(c_next_gen(tree), expect);
    assert_eq!(c_corosensei(rc_tree.clone()), expect);

    let r = s.refills.min(20);
    let expect = d_hand(r, 7);
    assert_eq!(hand::Buffered::new(r, 7).count(), 64 * r);
    assert_eq!(d_std(r, 7), expect);
    assert_eq!(d_gen_runtime(r, 7), expect);
    assert_eq!(d_genawaiter(r, 7), expect);
    assert_eq!(d_next_gen(r, 7), expect);
    assert_eq!(d_corosensei(r, 7), expect);

    let m = s.many.min(1000);
    let expect = e_hand(m);
    assert_eq!(expect, (0..m).map(|i| 6 * i).sum::<u64>());
    assert_eq!(e_hand_states(m), expect);
    assert_eq!(e_std(m), expect);
    assert_eq!(e_gen_runtime(m), expect);
    assert_eq!(e_genawaiter(m), expect);
    assert_eq!(e_next_gen(m), expect);
    assert_eq!(e_corosensei(m), expect);

    let n = s.tail.min(90);
    let expect = g_hand(n);
    assert_eq!(
        hand::FibThenNext::new(5).collect::<Vec<_>>(),
        [0, 1, 1, 2, 3, 5]
    );
    assert_eq!(expect, a_hand(n + 1));
    assert_eq!(g_gen_runtime(n), expect);
    assert_eq!(g_genawaiter(n), expect);
    assert_eq!(g_next_gen(n), expect);
    assert_eq!(g_corosensei(n), expect);

    let expect = h_hand(tree);
    assert_eq!(expect, c_hand(tree).wrapping_add(tree.len() as u64));
    assert_eq!(h_gen_runtime(tree), expect);

    let n = s.ticks.min(1000);
    let expect = i_hand(n);
    // The items by a plain loop, plus one `Pending` per `i % 8 == 0`.
    let items = (0..n).fold(0u64, |sum, i| sum.wrapping_add(transform(xorshift(i | 1))));
    assert_eq!(expect, items.wrapping_add(n.div_ceil(8)));
    assert_eq!(i_futures_unfold(n), expect);
    assert_eq!(i_gen_runtime(n), expect);
    assert_eq!(i_async_stream(n), expect);

    let text = lines_text(s.lines.min(1000));
    let expect = j_hand(text.clone());
    let by_lines = text.lines().map(line_value).fold(0u64, u64::wrapping_add);
    assert_eq!(expect, by_lines);
    assert_eq!(j_gen_runtime(text.clone()), expect);
    assert_eq!(j_gen_runtime_stream(text.clone()), expect);
    assert_eq!(j_genawaiter(text.clone()), expect);
    assert_eq!(j_next_gen(text.clone()), expect);
    assert_eq!(j_async_stream(text), expect);

    let n = s.selects.min(1000);
    let expect = k_hand(n);
    assert_eq!(k_gen_runtime(n), expect);
    assert_eq!(k_async_stream(n), expect);

    let small = Sizes {
        fib: s.fib.min(1000),
        filter: s.filter.min(1000),
        refills: s.refills.min(20),
        tail: s.tail.min(1000),
        ..s
    };
    for &(workload, contender, f) in SHAPES {
        let expect = measured(&format!("{workload}/hand"), small, tree, String::new());
        assert_eq!(
            Some(shape(f, small, tree)),
            expect,
            "{workload}/{contender}"
        );
    }

    let n = s.feed.min(1000);
    let expect = f_hand(n);
    assert_eq!(f_gen_runtime(n), expect);
    assert_eq!(f_genawaiter(n), expect);
    assert_eq!(f_next_gen(n), expect);
    assert_eq!(f_corosensei(n), expect);
}

// ---------------------------------------------------------------------------------------
// (j): walking a local `String` by `lines()`, and (k): a `select!` loop in a stream.

/// (j)'s text: `n` lines of 0 to 39 lowercase letters.
fn lines_text(n: usize) -> String {
    let mut text = String::new();
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..n {
        x = xorshift(x);
        let len = (x % 40) as usize;
        text.extend((0..len).map(|k| char::from(b'a' + ((x >> k) % 26) as u8)));
        text.push('\n');
    }
    text
}

/// (j)'s item: a line's length and its first byte.
#[inline]
fn line_value(line: &str) -> u64 {
    line.len() as u64 * 31 + u64::from(line.as_bytes().first().copied().unwrap_or(0))
}

mod lines_walk {
    use super::{line_value, tick, transform, Tick};
    use futures::FutureExt;
    use gen_runtime::{generator, yield_, Stream};
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    /// (j) by hand: the text and the offset of the next line; `lines()` cannot be kept
    /// beside the `String` it borrows, so the walk is written with `find`.
    pub struct Lines {
        text: String,
        pos: usize,
    }

    impl Lines {
        pub fn new(text: String) -> Self {
            Lines { text, pos: 0 }
        }
    }

    impl Iterator for Lines {
        type Item = u64;
        #[inline]
        fn next(&mut self) -> Option<u64> {
            let rest = self.text.get(self.pos..).filter(|r| !r.is_empty())?;
            let (line, used) = match rest.find('\n') {
                Some(end) => (&rest[..end], end + 1),
                None => (rest, rest.len()),
            };
            self.pos += used;
            Some(line_value(line))
        }
    }

    #[generator]
    pub fn lines(text: String) -> impl Iterator<Item = u64> {
        for line in text.lines() {
            yield_!(line_value(line));
        }
    }

    #[generator]
    pub fn lines_stream(text: String) -> impl Stream<Item = u64> {
        for line in text.lines() {
            yield_!(line_value(line));
        }
    }

    pub async fn lines_genawaiter(co: genawaiter::stack::Co<'_, u64>, text: String) {
        for line in text.lines() {
            co.yield_(line_value(line)).await;
        }
    }

    #[next_gen::generator(yield(u64))]
    pub fn lines_next_gen(text: String) {
        for line in text.lines() {
            yield_!(line_value(line));
        }
    }

    pub fn lines_async_stream(text: String) -> impl Stream<Item = u64> {
        async_stream::stream! {
            for line in text.lines() {
                yield line_value(line);
            }
        }
    }

    /// (k) by hand: the two futures of the current round, polled in order; the first
    /// ready one wins the round and both are dropped.
    pub struct Select {
        a: u64,
        b: u64,
        left: u64,
        round: Option<(Tick, Tick)>,
    }

    impl Select {
        pub fn new(n: u64) -> Self {
            Select {
                a: 0,
                b: 1 << 32,
                left: n,
                round: None,
            }
        }
    }

    impl Stream for Select {
        type Item = u64;
        #[inline]
        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
            let this = self.get_mut();
            if this.left == 0 {
                return Poll::Ready(None);
            }
            let (ta, tb) = this
                .round
                .get_or_insert_with(|| (tick(this.a), tick(this.b)));
            let won = if let Poll::Ready(v) = Pin::new(ta).poll(cx) {
                this.a += 1;
                v
            } else if let Poll::Ready(v) = Pin::new(tb).poll(cx) {
                this.b += 3;
                v
            } else {
                return Poll::Pending;
            };
            this.round = None;
            this.left -= 1;
            Poll::Ready(Some(transform(won)))
        }
    }

    #[generator]
    pub fn select_loop(n: u64) -> impl Stream<Item = u64> {
        let (mut a, mut b) = (0u64, 1u64 << 32);
        for _ in 0..n {
            let won = futures::select_biased! {
                v = tick(a).fuse() => {
                    a += 1;
                    v
                }
                v = tick(b).fuse() => {
                    b += 3;
                    v
                }
            };
            yield_!(transform(won));
        }
    }

    pub fn select_loop_async_stream(n: u64) -> impl Stream<Item = u64> {
        async_stream::stream! {
            let (mut a, mut b) = (0u64, 1u64 << 32);
            for _ in 0..n {
                let won = futures::select_biased! {
                    v = tick(a).fuse() => {
                        a += 1;
                        v
                    }
                    v = tick(b).fuse() => {
                        b += 3;
                        v
                    }
                };
                yield transform(won);
            }
        }
    }
}

#[inline(never)]
fn j_hand(text: String) -> u64 {
    drain_sum(lines_walk::Lines::new(text))
}

#[inline(never)]
fn j_gen_runtime(text: String) -> u64 {
    drain_sum(lines_walk::lines(text))
}

#[inline(never)]
fn j_gen_runtime_stream(text: String) -> u64 {
    drain_stream(lines_walk::lines_stream(text))
}

#[inline(never)]
fn j_genawaiter(text: String) -> u64 {
    genawaiter_gen!(shelf, g, |co| lines_walk::lines_genawaiter(co, text));
    drain_sum((&mut g).into_iter())
}

#[inline(never)]
fn j_next_gen(text: String) -> u64 {
    use lines_walk::lines_next_gen;
    next_gen::mk_gen!(let g = lines_next_gen(text));
    drain_sum(g.gen_into_iter())
}

#[inline(never)]
fn j_async_stream(text: String) -> u64 {
    drain_stream(lines_walk::lines_async_stream(text))
}

#[inline(never)]
fn k_hand(n: u64) -> u64 {
    drain_stream(lines_walk::Select::new(n))
}

#[inline(never)]
fn k_gen_runtime(n: u64) -> u64 {
    drain_stream(lines_walk::select_loop(n))
}

#[inline(never)]
fn k_async_stream(n: u64) -> u64 {
    drain_stream(lines_walk::select_loop_async_stream(n))
}

// ---------------------------------------------------------------------------------------
// gen_runtime, other shapes: the same workloads written the other ways people write them
// (`while` / `while let`, `loop` with an early `break`, `let … else`, `continue`, an
// iterator over a local held across the yield). Each is measured against the same
// hand-written iterator as its workload's `gen_runtime` (benches/README.md).

mod shapes {
    use super::{keep, mix, transform, xorshift};
    use gen_runtime::{generator, yield_};

    /// (a) with a counter and `while`.
    #[generator]
    pub fn fib_while(n: usize) -> impl Iterator<Item = u64> {
        let (mut a, mut b) = (0u64, 1u64);
        let mut i = 0;
        while i < n {
            yield_!(a);
            (a, b) = (b, a.wrapping_add(b));
            i += 1;
        }
    }

    /// (a) with `loop` and an early `break`.
    #[generator]
    pub fn fib_loop_break(n: usize) -> impl Iterator<Item = u64> {
        let (mut a, mut b) = (0u64, 1u64);
        let mut i = 0;
        loop {
            if i == n {
                break;
            }
            yield_!(a);
            (a, b) = (b, a.wrapping_add(b));
            i += 1;
        }
    }

    /// (b) with a counter and `while`.
    #[generator]
    pub fn filter_map_while(n: u64) -> impl Iterator<Item = u64> {
        let mut x = 0;
        while x < n {
            if keep(x) {
                yield_!(transform(x));
            }
            x += 1;
        }
    }

    /// (b) skipping with `continue`.
    #[generator]
    pub fn filter_map_continue(n: u64) -> impl Iterator<Item = u64> {
        for x in 0..n {
            if !keep(x) {
                continue;
            }
            yield_!(transform(x));
        }
    }

    /// (c) with `while let` over the stack, the left spine pushed before and after.
    #[generator]
    pub fn inorder_while_let(tree: &[u32]) -> impl Iterator<Item = u64> + '_ {
        let n = tree.len();
        let mut stack: Vec<usize> = Vec::with_capacity(64);
        let mut i = 0usize;
        while i < n {
            stack.push(i);
            i = 2 * i + 1;
        }
        while let Some(j) = stack.pop() {
            yield_!(u64::from(tree[j]));
            i = 2 * j + 2;
            while i < n {
                stack.push(i);
                i = 2 * i + 1;
            }
        }
    }

    /// (c) with `loop` and `let … else { break }`.
    #[generator]
    pub fn inorder_let_else(tree: &[u32]) -> impl Iterator<Item = u64> + '_ {
        let n = tree.len();
        let mut stack: Vec<usize> = Vec::with_capacity(64);
        let mut i = 0usize;
        loop {
            while i < n {
                stack.push(i);
                i = 2 * i + 1;
            }
            let Some(j) = stack.pop() else { break };
            yield_!(u64::from(tree[j]));
            i = 2 * j + 2;
        }
    }

    /// (d) yielding from an iterator over the local buffer, held across each yield.
    #[generator]
    pub fn buffered_iter(refills: usize, seed: u64) -> impl Iterator<Item = u64> {
        let mut buf = [0u64; 64];
        let mut x = seed;
        for _ in 0..refills {
            for slot in buf.iter_mut() {
                x = xorshift(x);
                *slot = x;
            }
            for (i, v) in buf.iter().enumerate() {
                yield_!(mix(*v, i));
            }
        }
    }

    /// (d) with an index and `while`.
    #[generator]
    pub fn buffered_while(refills: usize, seed: u64) -> impl Iterator<Item = u64> {
        let mut buf = [0u64; 64];
        let mut x = seed;
        let mut r = 0;
        while r < refills {
            for slot in buf.iter_mut() {
                x = xorshift(x);
                *slot = x;
            }
            let mut i = 0;
            while i < 64 {
                yield_!(mix(buf[i], i));
                i += 1;
            }
            r += 1;
        }
    }

    /// (g) with `while`.
    #[generator]
    pub fn fib_then_next_while(n: usize) -> impl Iterator<Item = u64> {
        let (mut a, mut b) = (0u64, 1u64);
        let mut i = 0;
        while i < n {
            yield_!(a);
            (a, b) = (b, a.wrapping_add(b));
            i += 1;
        }
        yield_!(a);
    }

    /// (h) with `while let`.
    #[generator]
    pub fn inorder_then_count_while_let(tree: &[u32]) -> impl Iterator<Item = u64> + '_ {
        let n = tree.len();
        let mut stack: Vec<usize> = Vec::with_capacity(64);
        let mut i = 0usize;
        while i < n {
            stack.push(i);
            i = 2 * i + 1;
        }
        while let Some(j) = stack.pop() {
            yield_!(u64::from(tree[j]));
            i = 2 * j + 2;
            while i < n {
                stack.push(i);
                i = 2 * i + 1;
            }
        }
        yield_!(n as u64);
    }

    /// (h) with `loop` and `let … else { break }`.
    #[generator]
    pub fn inorder_then_count_let_else(tree: &[u32]) -> impl Iterator<Item = u64> + '_ {
        let n = tree.len();
        let mut stack: Vec<usize> = Vec::with_capacity(64);
        let mut i = 0usize;
        loop {
            while i < n {
                stack.push(i);
                i = 2 * i + 1;
            }
            let Some(j) = stack.pop() else { break };
            yield_!(u64::from(tree[j]));
            i = 2 * j + 2;
        }
        yield_!(n as u64);
    }
}

/// The other shapes (`shapes`), by `GEN_BENCH_RUN` name: workload, contender, driver.
#[allow(clippy::type_complexity)]
const SHAPES: &[(&str, &str, fn(Sizes, &[u32]) -> u64)] = &[
    ("a_fibonacci", "gen_runtime_while", |s, _| {
        drain_sum(shapes::fib_while(black_box(s.fib)))
    }),
    ("a_fibonacci", "gen_runtime_loop_break", |s, _| {
        drain_sum(shapes::fib_loop_break(black_box(s.fib)))
    }),
    ("b_filter_map", "gen_runtime_while", |s, _| {
        drain_sum(shapes::filter_map_while(black_box(s.filter)))
    }),
    ("b_filter_map", "gen_runtime_continue", |s, _| {
        drain_sum(shapes::filter_map_continue(black_box(s.filter)))
    }),
    ("c_tree_inorder", "gen_runtime_while_let", |_, t| {
        drain_sum(shapes::inorder_while_let(t))
    }),
    ("c_tree_inorder", "gen_runtime_let_else", |_, t| {
        drain_sum(shapes::inorder_let_else(t))
    }),
    ("d_buffer64", "gen_runtime_iter", |s, _| {
        drain_sum(shapes::buffered_iter(black_box(s.refills), 7))
    }),
    ("d_buffer64", "gen_runtime_while", |s, _| {
        drain_sum(shapes::buffered_while(black_box(s.refills), 7))
    }),
    ("g_loop_then_tail", "gen_runtime_while", |s, _| {
        drain_sum(shapes::fib_then_next_while(black_box(s.tail)))
    }),
    ("h_tree_then_count", "gen_runtime_while_let", |_, t| {
        drain_sum(shapes::inorder_then_count_while_let(t))
    }),
    ("h_tree_then_count", "gen_runtime_let_else", |_, t| {
        drain_sum(shapes::inorder_then_count_let_else(t))
    }),
];

/// One shape, never inlined (as the drivers below).
#[inline(never)]
fn shape(f: fn(Sizes, &[u32]) -> u64, s: Sizes, t: &[u32]) -> u64 {
    f(s, t)
}

// ---------------------------------------------------------------------------------------
// Drivers: one function per contender, never inlined, so that criterion and callgrind
// (`GEN_BENCH_RUN`) run the same machine code, and each contender is compiled on its own
// rather than inside whatever calls it (inlined into one caller, a contender's code
// changes with its neighbours': register pressure, layout).

#[inline(never)]
fn a_hand(n: usize) -> u64 {
    drain_sum(hand::Fib::new(n))
}

#[inline(never)]
fn a_hand_yield_order(n: usize) -> u64 {
    drain_sum(hand::FibYieldOrder::new(n))
}

#[inline(never)]
fn a_std(n: usize) -> u64 {
    drain_sum(std_adapters::fib(n))
}

#[inline(never)]
fn a_gen_runtime(n: usize) -> u64 {
    drain_sum(gen_rt::fib(n))
}

#[inline(never)]
fn a_gen_runtime_update_first(n: usize) -> u64 {
    drain_sum(gen_rt::fib_update_first(n))
}

#[inline(never)]
fn a_corosensei(n: usize) -> u64 {
    drain_sum(coro::CoIter(&mut coro::fib(n)))
}

#[inline(never)]
fn b_hand(n: u64) -> u64 {
    drain_sum(hand::FilterMap { i: 0, n })
}

#[inline(never)]
fn b_std(n: u64) -> u64 {
    drain_sum(std_adapters::filter_map(n))
}

#[inline(never)]
fn b_gen_runtime(n: u64) -> u64 {
    drain_sum(gen_rt::filter_map(n))
}

#[inline(never)]
fn b_corosensei(n: u64) -> u64 {
    drain_sum(coro::CoIter(&mut coro::filter_map(n)))
}

#[inline(never)]
fn c_hand(tree: &[u32]) -> u64 {
    drain_sum(hand::InOrder::new(tree))
}

#[inline(never)]
fn c_gen_runtime(tree: &[u32]) -> u64 {
    drain_sum(gen_rt::inorder(tree))
}

#[inline(never)]
fn c_corosensei(tree: std::rc::Rc<Vec<u32>>) -> u64 {
    drain_sum(coro::CoIter(&mut coro::inorder(tree)))
}

#[inline(never)]
fn d_hand(refills: usize, seed: u64) -> u64 {
    drain_sum(hand::Buffered::new(refills, seed))
}

#[inline(never)]
fn d_std(refills: usize, seed: u64) -> u64 {
    drain_sum(std_adapters::buffered(refills, seed))
}

#[inline(never)]
fn d_gen_runtime(refills: usize, seed: u64) -> u64 {
    drain_sum(gen_rt::buffered(refills, seed))
}

#[inline(never)]
fn d_corosensei(refills: usize, seed: u64) -> u64 {
    drain_sum(coro::CoIter(&mut coro::buffered(refills, seed)))
}

#[inline(never)]
fn g_hand(n: usize) -> u64 {
    drain_sum(hand::FibThenNext::new(n))
}

#[inline(never)]
fn g_gen_runtime(n: usize) -> u64 {
    drain_sum(gen_rt::fib_then_next(n))
}

#[inline(never)]
fn g_corosensei(n: usize) -> u64 {
    drain_sum(coro::CoIter(&mut coro::fib_then_next(n)))
}

#[inline(never)]
fn h_hand(tree: &[u32]) -> u64 {
    drain_sum(hand::InOrderThenCount {
        walk: hand::InOrder::new(tree),
        done: false,
    })
}

#[inline(never)]
fn h_gen_runtime(tree: &[u32]) -> u64 {
    drain_sum(gen_rt::inorder_then_count(tree))
}

#[inline(never)]
fn i_hand(n: u64) -> u64 {
    drain_stream(hand::Ticks::new(n))
}

#[inline(never)]
fn i_futures_unfold(n: u64) -> u64 {
    drain_stream(futures_unfold::ticks(n))
}

#[inline(never)]
fn i_gen_runtime(n: u64) -> u64 {
    drain_stream(gen_rt::ticks(n))
}

#[inline(never)]
fn i_async_stream(n: u64) -> u64 {
    drain_stream(async_stream_impl::ticks(n))
}

// ---------------------------------------------------------------------------------------
// Drivers for the contenders whose generator must live in the driver's frame

use next_gen::generator::GeneratorExt as _;

#[inline(never)]
fn a_genawaiter(n: usize) -> u64 {
    genawaiter_gen!(shelf, g, |co| genawaiter_stack::fib(co, n));
    drain_sum((&mut g).into_iter())
}

#[inline(never)]
fn a_next_gen(n: usize) -> u64 {
    use next_gen_impl::fib;
    next_gen::mk_gen!(let g = fib(n));
    drain_sum(g.gen_into_iter())
}

#[inline(never)]
fn b_genawaiter(n: u64) -> u64 {
    genawaiter_gen!(shelf, g, |co| genawaiter_stack::filter_map(co, n));
    drain_sum((&mut g).into_iter())
}

#[inline(never)]
fn b_next_gen(n: u64) -> u64 {
    use next_gen_impl::filter_map;
    next_gen::mk_gen!(let g = filter_map(n));
    drain_sum(g.gen_into_iter())
}

#[inline(never)]
fn c_genawaiter(tree: &[u32]) -> u64 {
    genawaiter_gen!(shelf, g, |co| genawaiter_stack::inorder(co, tree));
    drain_sum((&mut g).into_iter())
}

#[inline(never)]
fn c_next_gen(tree: &[u32]) -> u64 {
    use next_gen_impl::inorder;
    next_gen::mk_gen!(let g = inorder(tree));
    drain_sum(g.gen_into_iter())
}

#[inline(never)]
fn d_genawaiter(refills: usize, seed: u64) -> u64 {
    genawaiter_gen!(shelf, g, |co| genawaiter_stack::buffered(co, refills, seed));
    drain_sum((&mut g).into_iter())
}

#[inline(never)]
fn d_next_gen(refills: usize, seed: u64) -> u64 {
    use next_gen_impl::buffered;
    next_gen::mk_gen!(let g = buffered(refills, seed));
    drain_sum(g.gen_into_iter())
}

#[inline(never)]
fn g_genawaiter(n: usize) -> u64 {
    genawaiter_gen!(shelf, g, |co| genawaiter_stack::fib_then_next(co, n));
    drain_sum((&mut g).into_iter())
}

#[inline(never)]
fn g_next_gen(n: usize) -> u64 {
    use next_gen_impl::fib_then_next;
    next_gen::mk_gen!(let g = fib_then_next(n));
    drain_sum(g.gen_into_iter())
}

#[inline(never)]
fn e_hand(m: u64) -> u64 {
    let mut sum = 0u64;
    for i in 0..m {
        sum = sum.wrapping_add(drain_sum(hand::Three {
            i: black_box(i),
            step: 0,
        }));
    }
    sum
}

#[inline(never)]
fn e_hand_states(m: u64) -> u64 {
    let mut sum = 0u64;
    for i in 0..m {
        sum = sum.wrapping_add(drain_sum(hand::ThreeStates::First(black_box(i))));
    }
    sum
}

#[inline(never)]
fn e_std(m: u64) -> u64 {
    let mut sum = 0u64;
    for i in 0..m {
        sum = sum.wrapping_add(drain_sum(std_adapters::three(black_box(i))));
    }
    sum
}

#[inline(never)]
fn e_gen_runtime(m: u64) -> u64 {
    let mut sum = 0u64;
    for i in 0..m {
        sum = sum.wrapping_add(drain_sum(gen_rt::three(black_box(i))));
    }
    sum
}

#[inline(never)]
fn e_genawaiter(m: u64) -> u64 {
    let mut sum = 0u64;
    for i in 0..m {
        let i = black_box(i);
        genawaiter_gen!(shelf, g, |co| genawaiter_stack::three(co, i));
        sum = sum.wrapping_add(drain_sum((&mut g).into_iter()));
    }
    sum
}

#[inline(never)]
fn e_next_gen(m: u64) -> u64 {
    use next_gen_impl::three;
    let mut sum = 0u64;
    for i in 0..m {
        let i = black_box(i);
        next_gen::mk_gen!(let g = three(i));
        sum = sum.wrapping_add(drain_sum(g.gen_into_iter()));
    }
    sum
}

#[inline(never)]
fn e_corosensei(m: u64) -> u64 {
    let mut stack = Some(corosensei::stack::DefaultStack::default());
    let mut sum = 0u64;
    for i in 0..m {
        let mut co = coro::three(stack.take().expect("stack"), black_box(i));
        sum = sum.wrapping_add(drain_sum(coro::CoIter(&mut co)));
        stack = Some(co.into_stack());
    }
    sum
}

/// (f): every contender returns the xor of all the running sums it yielded.
#[inline(never)]
fn f_hand(n: u64) -> u64 {
    let mut g = hand::RunningSum { sum: 0 };
    let mut acc = 0u64;
    for v in 0..n {
        acc ^= g.resume(black_box(v));
    }
    acc
}

#[inline(never)]
fn f_gen_runtime(n: u64) -> u64 {
    use gen_runtime::{Generator, GeneratorState};
    let mut g = gen_rt::running_sum();
    let mut acc = 0u64;
    for v in 0..n {
        match g.resume(black_box(v)) {
            GeneratorState::Yielded(s) => acc ^= s,
            GeneratorState::Complete(()) => unreachable!(),
        }
    }
    acc
}

#[inline(never)]
fn f_genawaiter(n: u64) -> u64 {
    use genawaiter::GeneratorState;
    genawaiter_gen!(shelf, g, genawaiter_stack::running_sum);
    // The first resume argument is lost in genawaiter: prime with one resume.
    g.resume_with(0);
    let mut acc = 0u64;
    for v in 0..n {
        match g.resume_with(black_box(v)) {
            GeneratorState::Yielded(s) => acc ^= s,
            GeneratorState::Complete(()) => unreachable!(),
        }
    }
    acc
}

#[inline(never)]
fn f_next_gen(n: u64) -> u64 {
    use next_gen::prelude::GeneratorState;
    use next_gen_impl::running_sum;
    next_gen::mk_gen!(let mut g = running_sum());
    let mut acc = 0u64;
    for v in 0..n {
        match g.as_mut().resume(black_box(v)) {
            GeneratorState::Yielded(s) => acc ^= s,
            GeneratorState::Returned(()) => unreachable!(),
        }
    }
    acc
}

#[inline(never)]
fn f_corosensei(n: u64) -> u64 {
    use corosensei::CoroutineResult;
    let mut g = coro::running_sum();
    let mut acc = 0u64;
    for v in 0..n {
        match g.resume(black_box(v)) {
            CoroutineResult::Yield(s) => acc ^= s,
            CoroutineResult::Return(()) => unreachable!(),
        }
    }
    // A suspended corosensei coroutine is unwound on drop; `force_unwind` says so plainly.
    g.force_unwind();
    acc
}

// ---------------------------------------------------------------------------------------
// The benchmarks

fn benches(c: &mut Criterion) {
    let s = sizes();
    let tree = tree_values(s.tree);
    let rc_tree = std::rc::Rc::new(tree.clone());
    println!("sizes (divisor {}): {s:?}", divisor());
    check(s, &tree, &rc_tree);
    record_sizes();

    {
        let mut g = c.benchmark_group("a_fibonacci");
        let n = s.fib;
        g.bench_function("hand", |b| b.iter(|| a_hand(black_box(n))));
        g.bench_function("hand_yield_order", |b| {
            b.iter(|| a_hand_yield_order(black_box(n)))
        });
        g.bench_function("std", |b| b.iter(|| a_std(black_box(n))));
        g.bench_function("gen_runtime", |b| b.iter(|| a_gen_runtime(black_box(n))));
        g.bench_function("gen_runtime_update_first", |b| {
            b.iter(|| a_gen_runtime_update_first(black_box(n)))
        });
        g.bench_function("genawaiter", |b| b.iter(|| a_genawaiter(black_box(n))));
        g.bench_function("next_gen", |b| b.iter(|| a_next_gen(black_box(n))));
        g.bench_function("corosensei", |b| b.iter(|| a_corosensei(black_box(n))));
        g.finish();
    }

    {
        let mut g = c.benchmark_group("b_filter_map");
        let n = s.filter;
        g.bench_function("hand", |b| b.iter(|| b_hand(black_box(n))));
        g.bench_function("std", |b| b.iter(|| b_std(black_box(n))));
        g.bench_function("gen_runtime", |b| b.iter(|| b_gen_runtime(black_box(n))));
        g.bench_function("genawaiter", |b| b.iter(|| b_genawaiter(black_box(n))));
        g.bench_function("next_gen", |b| b.iter(|| b_next_gen(black_box(n))));
        g.bench_function("corosensei", |b| b.iter(|| b_corosensei(black_box(n))));
        g.finish();
    }

    {
        let mut g = c.benchmark_group("c_tree_inorder");
        let t: &[u32] = &tree;
        g.bench_function("hand", |b| b.iter(|| c_hand(black_box(t))));
        g.bench_function("gen_runtime", |b| b.iter(|| c_gen_runtime(black_box(t))));
        g.bench_function("genawaiter", |b| b.iter(|| c_genawaiter(black_box(t))));
        g.bench_function("next_gen", |b| b.iter(|| c_next_gen(black_box(t))));
        g.bench_function("corosensei", |b| {
            b.iter(|| c_corosensei(black_box(rc_tree.clone())))
        });
        g.finish();
    }

    {
        let mut g = c.benchmark_group("d_buffer64");
        let r = s.refills;
        g.bench_function("hand", |b| b.iter(|| d_hand(black_box(r), black_box(7))));
        g.bench_function("std", |b| b.iter(|| d_std(black_box(r), black_box(7))));
        g.bench_function("gen_runtime", |b| {
            b.iter(|| d_gen_runtime(black_box(r), black_box(7)))
        });
        g.bench_function("genawaiter", |b| {
            b.iter(|| d_genawaiter(black_box(r), black_box(7)))
        });
        g.bench_function("next_gen", |b| {
            b.iter(|| d_next_gen(black_box(r), black_box(7)))
        });
        g.bench_function("corosensei", |b| {
            b.iter(|| d_corosensei(black_box(r), black_box(7)))
        });
        g.finish();
    }

    {
        let mut g = c.benchmark_group("e_create_many");
        let m = s.many;
        g.bench_function("hand", |b| b.iter(|| e_hand(black_box(m))));
        g.bench_function("hand_states", |b| b.iter(|| e_hand_states(black_box(m))));
        g.bench_function("std", |b| b.iter(|| e_std(black_box(m))));
        g.bench_function("gen_runtime", |b| b.iter(|| e_gen_runtime(black_box(m))));
        g.bench_function("genawaiter", |b| b.iter(|| e_genawaiter(black_box(m))));
        g.bench_function("next_gen", |b| b.iter(|| e_next_gen(black_box(m))));
        g.bench_function("corosensei", |b| b.iter(|| e_corosensei(black_box(m))));
        g.finish();
    }

    {
        let mut g = c.benchmark_group("f_resume_sum");
        let n = s.feed;
        g.bench_function("hand", |b| b.iter(|| f_hand(black_box(n))));
        g.bench_function("gen_runtime", |b| b.iter(|| f_gen_runtime(black_box(n))));
        g.bench_function("genawaiter", |b| b.iter(|| f_genawaiter(black_box(n))));
        g.bench_function("next_gen", |b| b.iter(|| f_next_gen(black_box(n))));
        g.bench_function("corosensei", |b| b.iter(|| f_corosensei(black_box(n))));
        g.finish();
    }

    {
        let mut g = c.benchmark_group("g_loop_then_tail");
        let n = s.tail;
        g.bench_function("hand", |b| b.iter(|| g_hand(black_box(n))));
        g.bench_function("gen_runtime", |b| b.iter(|| g_gen_runtime(black_box(n))));
        g.bench_function("genawaiter", |b| b.iter(|| g_genawaiter(black_box(n))));
        g.bench_function("next_gen", |b| b.iter(|| g_next_gen(black_box(n))));
        g.bench_function("corosensei", |b| b.iter(|| g_corosensei(black_box(n))));
        g.finish();
    }

    {
        let mut g = c.benchmark_group("h_tree_then_count");
        let t: &[u32] = &tree;
        g.bench_function("hand", |b| b.iter(|| h_hand(black_box(t))));
        g.bench_function("gen_runtime", |b| b.iter(|| h_gen_runtime(black_box(t))));
        g.finish();
    }

    {
        let mut g = c.benchmark_group("i_stream_await");
        let n = s.ticks;
        g.bench_function("hand", |b| b.iter(|| i_hand(black_box(n))));
        g.bench_function("futures_unfold", |b| {
            b.iter(|| i_futures_unfold(black_box(n)))
        });
        g.bench_function("gen_runtime", |b| b.iter(|| i_gen_runtime(black_box(n))));
        g.bench_function("async_stream", |b| b.iter(|| i_async_stream(black_box(n))));
        g.finish();
    }

    {
        let mut g = c.benchmark_group("j_lines");
        let text = lines_text(s.lines);
        let run = |f: fn(String) -> u64| {
            let text = text.clone();
            move |b: &mut criterion::Bencher| {
                b.iter_batched(
                    || text.clone(),
                    |t| f(black_box(t)),
                    criterion::BatchSize::LargeInput,
                )
            }
        };
        g.bench_function("hand", run(j_hand));
        g.bench_function("gen_runtime", run(j_gen_runtime));
        g.bench_function("gen_runtime_stream", run(j_gen_runtime_stream));
        g.bench_function("genawaiter", run(j_genawaiter));
        g.bench_function("next_gen", run(j_next_gen));
        g.bench_function("async_stream", run(j_async_stream));
        g.finish();
    }

    {
        let mut g = c.benchmark_group("k_select_loop");
        let n = s.selects;
        g.bench_function("hand", |b| b.iter(|| k_hand(black_box(n))));
        g.bench_function("gen_runtime", |b| b.iter(|| k_gen_runtime(black_box(n))));
        g.bench_function("async_stream", |b| b.iter(|| k_async_stream(black_box(n))));
        g.finish();
    }

    for &(workload, contender, f) in SHAPES {
        let mut g = c.benchmark_group(workload);
        let t: &[u32] = &tree;
        g.bench_function(contender, |b| {
            b.iter(|| shape(f, black_box(s), black_box(t)))
        });
        g.finish();
    }
}

/// `GEN_BENCH_RUN=WORKLOAD/CONTENDER`: run that one contender once, outside criterion,
/// for instruction counts (`benches/instructions.py` runs it under callgrind).
fn run_once(which: &str) -> Option<u64> {
    let s = sizes();
    let tree = if which.starts_with("c_") || which.starts_with("h_") {
        tree_values(s.tree)
    } else {
        Vec::new()
    };
    let text = if which.starts_with("j_") {
        lines_text(s.lines)
    } else {
        String::new()
    };
    measured(which, s, black_box(&tree), black_box(text))
}

/// The contender alone: callgrind counts only inside this function.
#[inline(never)]
fn measured(which: &str, s: Sizes, t: &[u32], text: String) -> Option<u64> {
    Some(black_box(match which {
        "a_fibonacci/hand" => a_hand(black_box(s.fib)),
        "a_fibonacci/gen_runtime" => a_gen_runtime(black_box(s.fib)),
        "a_fibonacci/hand_yield_order" => a_hand_yield_order(black_box(s.fib)),
        "a_fibonacci/gen_runtime_update_first" => a_gen_runtime_update_first(black_box(s.fib)),
        "b_filter_map/hand" => b_hand(black_box(s.filter)),
        "b_filter_map/gen_runtime" => b_gen_runtime(black_box(s.filter)),
        "c_tree_inorder/hand" => c_hand(t),
        "c_tree_inorder/gen_runtime" => c_gen_runtime(t),
        "d_buffer64/hand" => d_hand(black_box(s.refills), 7),
        "d_buffer64/gen_runtime" => d_gen_runtime(black_box(s.refills), 7),
        "e_create_many/hand" => e_hand(black_box(s.many)),
        "e_create_many/gen_runtime" => e_gen_runtime(black_box(s.many)),
        "e_create_many/hand_states" => e_hand_states(black_box(s.many)),
        "f_resume_sum/hand" => f_hand(black_box(s.feed)),
        "f_resume_sum/gen_runtime" => f_gen_runtime(black_box(s.feed)),
        "g_loop_then_tail/hand" => g_hand(black_box(s.tail)),
        "g_loop_then_tail/gen_runtime" => g_gen_runtime(black_box(s.tail)),
        "h_tree_then_count/hand" => h_hand(t),
        "h_tree_then_count/gen_runtime" => h_gen_runtime(t),
        "i_stream_await/hand" => i_hand(black_box(s.ticks)),
        "i_stream_await/gen_runtime" => i_gen_runtime(black_box(s.ticks)),
        "i_stream_await/futures_unfold" => i_futures_unfold(black_box(s.ticks)),
        "i_stream_await/async_stream" => i_async_stream(black_box(s.ticks)),
        "j_lines/hand" => j_hand(text),
        "j_lines/gen_runtime" => j_gen_runtime(text),
        "j_lines/gen_runtime_stream" => j_gen_runtime_stream(text),
        "j_lines/genawaiter" => j_genawaiter(text),
        "j_lines/next_gen" => j_next_gen(text),
        "j_lines/async_stream" => j_async_stream(text),
        "k_select_loop/hand" => k_hand(black_box(s.selects)),
        "k_select_loop/gen_runtime" => k_gen_runtime(black_box(s.selects)),
        "k_select_loop/async_stream" => k_async_stream(black_box(s.selects)),
        _ => {
            let (workload, contender) = which.split_once('/')?;
            let &(_, _, f) = SHAPES
                .iter()
                .find(|&&(w, c, _)| w == workload && c == contender)?;
            shape(f, s, t)
        }
    }))
}

fn main() {
    if let Ok(which) = std::env::var("GEN_BENCH_RUN") {
        match run_once(&which) {
            Some(result) => println!("{which}: {result}"),
            None => {
                eprintln!(
                    "GEN_BENCH_RUN: no contender {which:?} (hand and gen_runtime of a_… to i_…)"
                );
                std::process::exit(2);
            }
        }
        return;
    }
    // Full-size workloads take tens of milliseconds per iteration: criterion's minimum of
    // 10 samples keeps a full run in minutes. `--sample-size N` on the command line wins.
    let samples = if divisor() >= 100 { 20 } else { 10 };
    let mut c = Criterion::default()
        .sample_size(samples)
        .configure_from_args();
    benches(&mut c);
    c.final_summary();
}
