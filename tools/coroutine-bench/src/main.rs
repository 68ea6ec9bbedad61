//! Three of the benchmarks' workloads — (a) Fibonacci, (e) many three-yield generators,
//! (h) the tree walk with a yield after its loop — as a hand-written iterator, a
//! gen-runtime generator and a nightly `#[coroutine]` with the same body, timed in one
//! process (best of N runs). Nightly only; a rough check of where rustc's own lowering
//! lands, not part of the criterion suite. Run from this directory:
//!
//! ```sh
//! RUSTFLAGS="-C llvm-args=-align-all-functions=6 -C llvm-args=-align-all-nofallthru-blocks=5" \
//!   cargo +nightly run --release
//! ```

#![feature(coroutines, coroutine_trait)]

use std::hint::black_box;
use std::ops::{Coroutine, CoroutineState};
use std::pin::Pin;
use std::time::{Duration, Instant};

use gen_runtime::{generator, yield_};

/// A pinned (or `Unpin`) coroutine as an iterator.
struct CoIter<C>(C);

impl<C: Coroutine<Yield = u64, Return = ()> + Unpin> Iterator for CoIter<C> {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        match Pin::new(&mut self.0).resume(()) {
            CoroutineState::Yielded(v) => Some(v),
            CoroutineState::Complete(()) => None,
        }
    }
}

fn drain<I: Iterator<Item = u64>>(it: I) -> u64 {
    let mut sum = 0u64;
    for x in it {
        sum = sum.wrapping_add(x);
    }
    sum
}

// (a) ------------------------------------------------------------------------------------

struct Fib {
    a: u64,
    b: u64,
    left: std::ops::Range<usize>,
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

#[generator]
fn fib(n: usize) -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        yield_!(a);
        (a, b) = (b, a.wrapping_add(b));
    }
}

fn fib_nightly(n: usize) -> impl Iterator<Item = u64> {
    CoIter(
        #[coroutine]
        move || {
            let (mut a, mut b) = (0u64, 1u64);
            for _ in 0..n {
                yield a;
                (a, b) = (b, a.wrapping_add(b));
            }
        },
    )
}

#[inline(never)]
fn a_hand(n: usize) -> u64 {
    drain(Fib {
        a: 0,
        b: 1,
        left: 0..n,
    })
}
#[inline(never)]
fn a_gen(n: usize) -> u64 {
    drain(fib(n))
}
#[inline(never)]
fn a_nightly(n: usize) -> u64 {
    drain(fib_nightly(n))
}

// (e) ------------------------------------------------------------------------------------

struct Three {
    i: u64,
    step: u8,
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

#[generator]
fn three(i: u64) -> impl Iterator<Item = u64> {
    yield_!(i);
    yield_!(i * 2);
    yield_!(i * 3);
}

fn three_nightly(i: u64) -> impl Iterator<Item = u64> {
    CoIter(
        #[coroutine]
        move || {
            yield i;
            yield i * 2;
            yield i * 3;
        },
    )
}

#[inline(never)]
fn e_hand(m: u64) -> u64 {
    (0..m).fold(0u64, |s, i| {
        s.wrapping_add(drain(Three {
            i: black_box(i),
            step: 0,
        }))
    })
}
#[inline(never)]
fn e_gen(m: u64) -> u64 {
    (0..m).fold(0u64, |s, i| s.wrapping_add(drain(three(black_box(i)))))
}
#[inline(never)]
fn e_nightly(m: u64) -> u64 {
    (0..m).fold(0u64, |s, i| {
        s.wrapping_add(drain(three_nightly(black_box(i))))
    })
}

// (h) ------------------------------------------------------------------------------------

struct InOrderThenCount<'a> {
    tree: &'a [u32],
    stack: Vec<usize>,
    i: usize,
    done: bool,
}

impl Iterator for InOrderThenCount<'_> {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        if self.done {
            return None;
        }
        let n = self.tree.len();
        while self.i < n {
            self.stack.push(self.i);
            self.i = 2 * self.i + 1;
        }
        match self.stack.pop() {
            Some(j) => {
                self.i = 2 * j + 2;
                Some(u64::from(self.tree[j]))
            }
            None => {
                self.done = true;
                Some(n as u64)
            }
        }
    }
}

#[generator]
fn inorder_then_count(tree: &[u32]) -> impl Iterator<Item = u64> + '_ {
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

fn inorder_then_count_nightly(tree: &[u32]) -> impl Iterator<Item = u64> + '_ {
    // Pinned in a box: the body holds its `Vec` across yields, in place.
    CoIter(Box::pin(
        #[coroutine]
        move || {
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
                        yield u64::from(tree[j]);
                        i = 2 * j + 2;
                    }
                    None => break,
                }
            }
            yield n as u64;
        },
    ))
}

#[inline(never)]
fn h_hand(t: &[u32]) -> u64 {
    drain(InOrderThenCount {
        tree: t,
        stack: Vec::with_capacity(64),
        i: 0,
        done: false,
    })
}
#[inline(never)]
fn h_gen(t: &[u32]) -> u64 {
    drain(inorder_then_count(t))
}
#[inline(never)]
fn h_nightly(t: &[u32]) -> u64 {
    drain(inorder_then_count_nightly(t))
}

// ----------------------------------------------------------------------------------------

fn best<A: Copy>(f: fn(A) -> u64, arg: A, runs: u32) -> (Duration, u64) {
    let mut best = Duration::MAX;
    let mut result = 0;
    for _ in 0..runs {
        let start = Instant::now();
        result = black_box(f(black_box(arg)));
        best = best.min(start.elapsed());
    }
    (best, result)
}

fn row<A: Copy>(name: &str, contenders: [fn(A) -> u64; 3], arg: A, runs: u32) {
    let [(hand, r0), (gen, r1), (nightly, r2)] = contenders.map(|f| best(f, arg, runs));
    assert!(r0 == r1 && r1 == r2, "{name}: results differ");
    let ratio = |d: Duration| d.as_secs_f64() / hand.as_secs_f64();
    println!(
        "| {name} | {hand:.2?} | {:.2}× | {:.2}× |",
        ratio(gen),
        ratio(nightly)
    );
}

fn main() {
    let tree: Vec<u32> = (0..(1u32 << 20))
        .map(|i| i.wrapping_mul(2_654_435_761))
        .collect();
    println!("| workload | hand | gen_runtime | nightly coroutine |");
    println!("|---|---:|---:|---:|");
    row("a_fibonacci", [a_hand, a_gen, a_nightly], 10_000_000, 30);
    row("e_create_many", [e_hand, e_gen, e_nightly], 1_000_000, 50);
    let walks: [fn(&[u32]) -> u64; 3] = [h_hand, h_gen, h_nightly];
    row("h_tree_then_count", walks, &tree[..], 20);
}
