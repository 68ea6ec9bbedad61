//! A yield after which nothing runs: for the iterator kind it stores the finished state
//! rather than a state of its own (resuming it would only complete). These tests check
//! that a user sees no difference: what runs on the last resume, drops, clones, panics,
//! and the yields after which something does run. (The generator kind keeps the state
//! of its last yield: `completion.rs` checks that the resume after it completes and only
//! the next one panics.)

#[path = "common/drop_log.rs"]
mod drop_log;
#[path = "common/panic_text.rs"]
mod panic_text;

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use drop_log::{new_log, snapshot, Log, D};
use panic_text::panic_text;

use gen_runtime::{generator, yield_};

#[generator]
fn three(i: u64) -> impl Iterator<Item = u64> + Clone {
    yield_!(i);
    yield_!(i * 2);
    yield_!(i * 3);
}

#[test]
fn three_in_a_row_then_none_forever() {
    let mut it = three(7);
    assert_eq!(it.next(), Some(7));
    assert_eq!(it.next(), Some(14));
    assert_eq!(it.next(), Some(21));
    for _ in 0..5 {
        assert_eq!(it.next(), None);
    }
}

#[test]
fn clones_around_the_last_yield() {
    let mut it = three(5);
    it.next();
    it.next();
    let before_last = it.clone();
    assert_eq!(it.next(), Some(15));
    let after_last = it.clone();
    assert_eq!(before_last.collect::<Vec<_>>(), [15]);
    assert_eq!(after_last.clone().count(), 0);
    assert_eq!(it.next(), None);
}

/// The last yield is the last statement of an `if` branch, of a `match` arm, before a
/// `return;` and at the end of the body: every way out completes at once.
#[generator]
fn branches(n: u32) -> impl Iterator<Item = u32> {
    if n == 0 {
        yield_!(100);
        return;
    }
    match n % 2 {
        0 => {
            yield_!(n);
        }
        _ => {
            if n > 10 {
                yield_!(n * 10);
            } else {
                yield_!(n * 20);
            }
        }
    }
}

#[test]
fn last_yields_in_branches() {
    assert_eq!(branches(0).collect::<Vec<_>>(), [100]);
    assert_eq!(branches(4).collect::<Vec<_>>(), [4]);
    assert_eq!(branches(13).collect::<Vec<_>>(), [130]);
    assert_eq!(branches(3).collect::<Vec<_>>(), [60]);
    let mut it = branches(3);
    assert_eq!(it.next(), Some(60));
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
}

/// Code after the last yield runs on the resume after it, once.
#[generator]
fn effect_after<'a>(calls: &'a Cell<u32>) -> impl Iterator<Item = u32> + 'a {
    yield_!(1);
    yield_!(2);
    calls.set(calls.get() + 1);
}

#[test]
fn code_after_the_last_yield_runs_on_the_next_resume() {
    let calls = Cell::new(0);
    let mut it = effect_after(&calls);
    assert_eq!(it.next(), Some(1));
    assert_eq!(it.next(), Some(2));
    assert_eq!(
        calls.get(),
        0,
        "nothing after the yield runs before resuming"
    );
    assert_eq!(it.next(), None);
    assert_eq!(calls.get(), 1);
    assert_eq!(it.next(), None);
    assert_eq!(calls.get(), 1);
}

/// A guard in scope at the last yield drops on the resume after it, not at the yield.
#[generator]
fn guarded(log: Log) -> impl Iterator<Item = u32> {
    let _outer = D("outer", log.clone());
    {
        let _inner = D("inner", log.clone());
        yield_!(1);
    }
    yield_!(2);
}

#[test]
fn guards_drop_after_the_last_resume() {
    let log = new_log();
    let mut it = guarded(log.clone());
    assert_eq!(it.next(), Some(1));
    assert!(snapshot(&log).is_empty());
    assert_eq!(it.next(), Some(2));
    assert_eq!(snapshot(&log), ["inner"]);
    assert_eq!(it.next(), None);
    assert_eq!(snapshot(&log), ["inner", "outer"]);
}

#[test]
fn a_guard_held_at_the_last_yield_drops_with_the_generator() {
    let log = new_log();
    let mut it = guarded(log.clone());
    it.next();
    it.next();
    drop(it);
    assert_eq!(snapshot(&log), ["inner", "outer"]);
}

/// A value moved into the yield is not held after it: a generator dropped after its last
/// yield drops nothing more.
#[generator]
fn hands_over(log: Log) -> impl Iterator<Item = D> {
    let d = D("first", log.clone());
    yield_!(d);
    yield_!(D("second", log));
}

#[test]
fn moved_values_are_the_callers() {
    let log = new_log();
    let mut it = hands_over(log.clone());
    let first = it.next().expect("first");
    let second = it.next().expect("second");
    assert!(snapshot(&log).is_empty());
    drop(it);
    assert!(snapshot(&log).is_empty());
    drop(second);
    drop(first);
    assert_eq!(snapshot(&log), ["second", "first"]);
}

/// A panic after the last yield happens on the resume after it; the iterator is then
/// finished.
#[generator]
fn panics_after_last(fail: bool) -> impl Iterator<Item = u32> {
    yield_!(1);
    if fail {
        panic!("after the last yield");
    }
}

#[test]
fn a_panic_after_the_last_yield_waits_for_the_resume() {
    let mut it = panics_after_last(true);
    assert_eq!(it.next(), Some(1));
    let err = catch_unwind(AssertUnwindSafe(|| it.next())).expect_err("must panic");
    assert_eq!(panic_text(err), "after the last yield");
    assert_eq!(it.next(), None);
    assert_eq!(panics_after_last(false).collect::<Vec<_>>(), [1]);
}
