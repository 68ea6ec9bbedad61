//! Generators with a yield in a loop and another suspension point besides (code after
//! the loop, a second yield in it): their state carries a "not resumed yet" flag beside
//! the enum, which the first resume clears and which decides whether `Start` runs. These
//! tests check that the flag changes nothing a user can see: the first resume, panics on
//! it, clones before and after it, drops, resume arguments. (A last yield with nothing
//! after it has no state of its own, so the tails here have two yields, or code after
//! their yield, or a guard still in scope.)

#[path = "common/drop_log.rs"]
mod drop_log;
#[path = "common/panic_text.rs"]
mod panic_text;

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use drop_log::{new_log, snapshot, Log, D};
use panic_text::panic_text;

use gen_runtime::{generator, yield_, Generator, GeneratorState};

/// The first `n` Fibonacci numbers, then the next two times 1000.
#[generator]
fn fib_then_next(n: usize) -> impl Iterator<Item = u64> + Clone {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        yield_!(a);
        (a, b) = (b, a + b);
    }
    yield_!(a * 1000);
    yield_!(b * 1000);
}

#[test]
fn loop_then_tail_yields_in_order() {
    assert_eq!(
        fib_then_next(6).collect::<Vec<_>>(),
        vec![0, 1, 1, 2, 3, 5, 8000, 13000]
    );
    assert_eq!(fib_then_next(1).collect::<Vec<_>>(), vec![0, 1000, 1000]);
    // The loop never runs: the first resume goes straight to the tail.
    assert_eq!(fib_then_next(0).collect::<Vec<_>>(), vec![0, 1000]);
}

#[test]
fn loop_then_tail_is_fused() {
    let mut it = fib_then_next(1);
    assert_eq!(it.next(), Some(0));
    assert_eq!(it.next(), Some(1000));
    assert_eq!(it.next(), Some(1000));
    for _ in 0..3 {
        assert_eq!(it.next(), None);
    }
}

#[test]
fn clone_before_the_first_resume_starts_from_the_beginning() {
    let fresh = fib_then_next(4);
    let copy = fresh.clone();
    assert_eq!(fresh.collect::<Vec<_>>(), vec![0, 1, 1, 2, 3000, 5000]);
    assert_eq!(copy.collect::<Vec<_>>(), vec![0, 1, 1, 2, 3000, 5000]);
}

#[test]
fn clone_after_the_first_resume_continues_from_there() {
    let mut it = fib_then_next(4);
    assert_eq!(it.next(), Some(0));
    assert_eq!(it.next(), Some(1));
    let copy = it.clone();
    assert_eq!(it.collect::<Vec<_>>(), vec![1, 2, 3000, 5000]);
    assert_eq!(copy.collect::<Vec<_>>(), vec![1, 2, 3000, 5000]);
}

#[generator]
fn counts_calls<'a>(calls: &'a Cell<u32>, n: u32) -> impl Iterator<Item = u32> + 'a {
    calls.set(calls.get() + 1);
    for i in 0..n {
        yield_!(i);
    }
    yield_!(calls.get() * 100);
    yield_!(calls.get() * 1000);
}

#[test]
fn creating_runs_nothing_and_start_runs_once() {
    let calls = Cell::new(0);
    let it = counts_calls(&calls, 2);
    assert_eq!(calls.get(), 0);
    assert_eq!(it.collect::<Vec<_>>(), vec![0, 1, 100, 1000]);
    assert_eq!(calls.get(), 1);
}

#[generator]
fn panics_first(fail: bool) -> impl Iterator<Item = u32> {
    if fail {
        panic!("first resume of a flagged generator");
    }
    for i in 0..2 {
        yield_!(i);
    }
    yield_!(10);
    yield_!(11);
}

#[test]
fn iterator_returns_none_after_a_panic_on_the_first_resume() {
    let mut it = panics_first(true);
    let err = catch_unwind(AssertUnwindSafe(|| it.next())).unwrap_err();
    assert_eq!(panic_text(err), "first resume of a flagged generator");
    // Not fresh any more, and poisoned: `Start` does not run again.
    for _ in 0..3 {
        assert_eq!(it.next(), None);
    }
    assert_eq!(panics_first(false).collect::<Vec<_>>(), vec![0, 1, 10, 11]);
}

#[generator]
fn sums_until_zero(fail_first: bool) -> impl Generator<u32, Yield = u32, Return = u32> {
    if fail_first {
        panic!("no start");
    }
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            break;
        }
        total += x;
    }
    let last = yield_!(total * 10);
    total + last
}

#[test]
fn generator_kind_with_the_flag_passes_resume_arguments() {
    let mut g = sums_until_zero(false);
    // The first argument is dropped (no `resume = name`).
    assert_eq!(g.resume(99), GeneratorState::Yielded(0));
    assert_eq!(g.resume(3), GeneratorState::Yielded(3));
    assert_eq!(g.resume(4), GeneratorState::Yielded(7));
    assert_eq!(g.resume(0), GeneratorState::Yielded(70));
    assert_eq!(g.resume(5), GeneratorState::Complete(12));
    let err = catch_unwind(AssertUnwindSafe(|| g.resume(1))).unwrap_err();
    assert!(panic_text(err).contains("after completion"));
}

#[test]
fn generator_kind_panicking_on_the_first_resume_reports_it_next_time() {
    let mut g = sums_until_zero(true);
    let err = catch_unwind(AssertUnwindSafe(|| g.resume(1))).unwrap_err();
    assert_eq!(panic_text(err), "no start");
    let err = catch_unwind(AssertUnwindSafe(|| g.resume(1))).unwrap_err();
    let msg = panic_text(err);
    assert!(msg.contains("after panicking"), "message was {msg:?}");
}

#[generator]
fn guarded(log: Log, n: u32) -> impl Iterator<Item = u32> {
    let _outer = D("outer", log.clone());
    for i in 0..n {
        let _inner = D("inner", log.clone());
        yield_!(i);
    }
    yield_!(99);
    log.borrow_mut().push("end");
}

#[test]
fn drops_are_the_same_with_the_flag() {
    let log = new_log();
    assert_eq!(guarded(log.clone(), 2).collect::<Vec<_>>(), vec![0, 1, 99]);
    assert_eq!(snapshot(&log), ["inner", "inner", "end", "outer"]);

    // Dropped before the first resume: only the arguments (the log handle) go.
    let log = new_log();
    drop(guarded(log.clone(), 2));
    assert!(snapshot(&log).is_empty());

    // Dropped inside the loop and at the tail.
    let log = new_log();
    let mut it = guarded(log.clone(), 2);
    assert_eq!(it.next(), Some(0));
    drop(it);
    assert_eq!(snapshot(&log), ["inner", "outer"]);
    let log = new_log();
    let mut it = guarded(log.clone(), 1);
    assert_eq!(it.next(), Some(0));
    assert_eq!(it.next(), Some(99));
    drop(it);
    assert_eq!(snapshot(&log), ["inner", "outer"]);
}

#[test]
fn the_flag_costs_one_word_at_most() {
    // Largest state: `a`, `b` and the `Range<usize>` of the loop (32 bytes), plus the
    // discriminant, plus the flag (each padded to a word here).
    let size = std::mem::size_of_val(&fib_then_next(3));
    assert!(size <= 48, "size = {size}");
}

/// Two yields in one loop, no code after it: the state is tested by value.
#[generator]
fn pairs(n: u32) -> impl Iterator<Item = (u32, bool)> {
    for i in 0..n {
        yield_!((i, false));
        yield_!((i, true));
    }
}

#[test]
fn two_yields_in_a_loop() {
    assert_eq!(
        pairs(2).collect::<Vec<_>>(),
        vec![(0, false), (0, true), (1, false), (1, true)]
    );
    assert_eq!(pairs(0).count(), 0);
}

/// A large array updated in place, with a yield after its loop.
#[generator]
fn buffer_then_total(rounds: u32) -> impl Iterator<Item = u64> {
    let mut buf = [0u64; 32];
    let mut total = 0u64;
    for r in 0..rounds {
        for (k, slot) in buf.iter_mut().enumerate() {
            *slot = u64::from(r) * 100 + k as u64;
        }
        for i in 0..buf.len() {
            total += buf[i];
            yield_!(buf[i]);
        }
    }
    yield_!(total);
}

#[test]
fn in_place_state_with_the_flag() {
    let all: Vec<u64> = buffer_then_total(2).collect();
    assert_eq!(all.len(), 65);
    assert_eq!(&all[..3], &[0, 1, 2]);
    assert_eq!(&all[32..35], &[100, 101, 102]);
    let expected: u64 = (0..32).sum::<u64>() + (100..132).sum::<u64>();
    assert_eq!(all[64], expected);
    assert_eq!(buffer_then_total(0).collect::<Vec<_>>(), vec![0]);
}

/// A `Vec` held across the loop's yields and the one after it: these states get a plain
/// tag (`#[repr(u8)]`) besides the flag.
#[generator]
fn walk_then_count(tree: &[u32]) -> impl Iterator<Item = u32> + '_ {
    let n = tree.len();
    let mut stack: Vec<usize> = Vec::new();
    let mut i = 0usize;
    loop {
        while i < n {
            stack.push(i);
            i = 2 * i + 1;
        }
        match stack.pop() {
            Some(j) => {
                yield_!(tree[j]);
                i = 2 * j + 2;
            }
            None => break,
        }
    }
    yield_!(u32::try_from(n).unwrap_or(u32::MAX));
}

#[test]
fn vec_held_across_the_loop_and_the_tail() {
    // In order: 3 1 4 0 5 2 6, then the count.
    let tree = [10, 11, 12, 13, 14, 15, 16];
    assert_eq!(
        walk_then_count(&tree).collect::<Vec<_>>(),
        vec![13, 11, 14, 10, 15, 12, 16, 7]
    );
    assert_eq!(walk_then_count(&[]).collect::<Vec<_>>(), vec![0]);
    let big: Vec<u32> = (0..1023).collect();
    assert_eq!(walk_then_count(&big).count(), 1024);
    assert_eq!(walk_then_count(&big).last(), Some(1023));
}

#[generator]
fn holds_a_vec_of_guards(log: Log) -> impl Iterator<Item = usize> {
    let guards = vec![D("a", log.clone()), D("b", log.clone())];
    for i in 0..guards.len() {
        yield_!(i);
    }
    yield_!(guards.len());
    log.borrow_mut().push("end");
}

#[test]
fn a_vec_in_the_tagged_state_drops_once() {
    let log = new_log();
    assert_eq!(
        holds_a_vec_of_guards(log.clone()).collect::<Vec<_>>(),
        vec![0, 1, 2]
    );
    assert_eq!(snapshot(&log), ["end", "a", "b"]);

    for stop in 1..=3 {
        let log = new_log();
        let mut it = holds_a_vec_of_guards(log.clone());
        for _ in 0..stop {
            assert!(it.next().is_some());
        }
        assert!(snapshot(&log).is_empty());
        drop(it);
        assert_eq!(snapshot(&log), ["a", "b"], "dropped after {stop} items");
    }
}
