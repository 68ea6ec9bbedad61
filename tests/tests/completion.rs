//! What happens after the end: iterators are fused (also after a panic), `resume` on a
//! finished or poisoned `Generator` panics with a message that says which.

use std::cell::Cell;
use std::iter::FusedIterator;
use std::num::ParseIntError;
use std::panic::{catch_unwind, AssertUnwindSafe};

#[path = "common/panic_text.rs"]
mod panic_text;
use panic_text::panic_text;

use gen_runtime::{generator, yield_, Generator, GeneratorState};

// ---------------------------------------------------------------------------------------
// iterator kind

#[generator]
fn two() -> impl Iterator<Item = u32> {
    yield_!(1);
    yield_!(2);
}

#[test]
fn iterator_returns_none_forever_after_completion() {
    let mut it = two();
    assert_eq!(it.next(), Some(1));
    assert_eq!(it.next(), Some(2));
    for _ in 0..10 {
        assert_eq!(it.next(), None);
    }
}

// Spelled out on purpose: the signature shows the caller may rely on fusing.
#[allow(clippy::implied_bounds_in_impls)]
#[generator]
fn two_fused() -> impl Iterator<Item = u32> + FusedIterator {
    yield_!(1);
    yield_!(2);
}

fn assert_fused<I: FusedIterator>(_: &I) {}

/// The fused trait alone names the kind too (as clippy's `implied_bounds_in_impls` asks).
#[generator]
fn two_fused_alone() -> impl FusedIterator<Item = u32> {
    yield_!(1);
    yield_!(2);
}

#[test]
fn fused_iterator_alone_is_an_iterator() {
    let mut it = two_fused_alone();
    assert_fused(&it);
    assert_eq!(it.by_ref().collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(it.next(), None);
}

#[test]
fn iterator_is_fused_iterator() {
    let mut it = two_fused();
    assert_fused(&it);
    assert_eq!(it.by_ref().collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
}

#[generator]
fn early_return_iter(stop: bool) -> impl Iterator<Item = u32> {
    yield_!(1);
    if stop {
        return;
    }
    yield_!(2);
}

#[test]
fn iterator_fused_after_early_return() {
    let mut it = early_return_iter(true);
    assert_eq!(it.next(), Some(1));
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
    assert_eq!(early_return_iter(false).collect::<Vec<_>>(), vec![1, 2]);
}

#[generator]
fn panics_after_one(fail: bool) -> impl Iterator<Item = u32> {
    yield_!(1);
    if fail {
        panic!("boom");
    }
    yield_!(2);
}

#[test]
fn iterator_returns_none_after_panic() {
    let mut it = panics_after_one(true);
    assert_eq!(it.next(), Some(1));
    let err = catch_unwind(AssertUnwindSafe(|| it.next())).unwrap_err();
    assert_eq!(panic_text(err), "boom");
    for _ in 0..3 {
        assert_eq!(it.next(), None);
    }
    assert_eq!(panics_after_one(false).collect::<Vec<_>>(), vec![1, 2]);
}

#[generator]
fn panics_immediately(fail: bool) -> impl Iterator<Item = u32> {
    if fail {
        panic!("first resume panics with {}", 42);
    }
    yield_!(7);
}

#[test]
fn iterator_returns_none_after_panic_on_first_resume() {
    let mut it = panics_immediately(true);
    let err = catch_unwind(AssertUnwindSafe(|| it.next())).unwrap_err();
    assert_eq!(panic_text(err), "first resume panics with 42");
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
}

// ---------------------------------------------------------------------------------------
// laziness

#[generator]
fn counted<'a>(calls: &'a Cell<u32>) -> impl Iterator<Item = u32> + 'a {
    calls.set(calls.get() + 1);
    yield_!(calls.get());
    calls.set(calls.get() + 1);
}

#[test]
fn calling_runs_nothing_and_end_runs_once() {
    let calls = Cell::new(0);
    let mut it = counted(&calls);
    assert_eq!(calls.get(), 0, "calling the function must not run the body");
    assert_eq!(it.next(), Some(1));
    assert_eq!(calls.get(), 1);
    assert_eq!(it.next(), None);
    assert_eq!(calls.get(), 2);
    assert_eq!(it.next(), None);
    assert_eq!(calls.get(), 2, "the body's tail must not run again");
}

// ---------------------------------------------------------------------------------------
// generator kind

#[generator]
fn gen_two() -> impl Generator<Yield = u32, Return = ()> {
    yield_!(1);
    yield_!(2);
}

#[test]
fn generator_resume_after_complete_panics() {
    let mut g = gen_two();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(g.resume(()), GeneratorState::Yielded(2));
    assert_eq!(g.resume(()), GeneratorState::Complete(()));
    let err = catch_unwind(AssertUnwindSafe(|| g.resume(()))).unwrap_err();
    assert_eq!(panic_text(err), "generator resumed after completion");
}

#[test]
fn generator_keeps_reporting_completion_on_repeated_resume() {
    let mut g = gen_two();
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(g.resume(()), GeneratorState::Yielded(2));
    assert_eq!(g.resume(()), GeneratorState::Complete(()));
    // The body never panicked: every later resume must keep naming completion as the
    // reason, not report the previous "resumed after completion" panic as a body panic.
    for _ in 0..3 {
        let err = catch_unwind(AssertUnwindSafe(|| g.resume(()))).unwrap_err();
        let msg = panic_text(err);
        assert!(msg.contains("after completion"), "message was {:?}", msg);
    }
}

#[generator]
fn gen_panics(fail: bool) -> impl Generator<Yield = u32, Return = ()> {
    yield_!(1);
    if fail {
        panic!("inner failure");
    }
    yield_!(2);
}

#[test]
fn generator_resume_after_panic_panics() {
    let mut g = gen_panics(true);
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    let err = catch_unwind(AssertUnwindSafe(|| g.resume(()))).unwrap_err();
    assert_eq!(panic_text(err), "inner failure");
    let err = catch_unwind(AssertUnwindSafe(|| g.resume(()))).unwrap_err();
    let msg = panic_text(err);
    assert!(msg.contains("after panicking"), "message was {:?}", msg);
    assert!(!msg.contains("after completion"), "message was {:?}", msg);

    let mut ok = gen_panics(false);
    assert_eq!(ok.resume(()), GeneratorState::Yielded(1));
    assert_eq!(ok.resume(()), GeneratorState::Yielded(2));
    assert_eq!(ok.resume(()), GeneratorState::Complete(()));
}

#[generator]
fn gen_with_return(n: u32) -> impl Generator<Yield = u32, Return = String> {
    for i in 0..n {
        if i == 2 {
            return format!("early at {}", i);
        }
        yield_!(i);
    }
    format!("done after {}", n)
}

#[test]
fn generator_return_value_then_panics_after_completion() {
    let mut g = gen_with_return(1);
    assert_eq!(g.resume(()), GeneratorState::Yielded(0));
    assert_eq!(
        g.resume(()),
        GeneratorState::Complete("done after 1".to_string())
    );
    let msg = panic_text(catch_unwind(AssertUnwindSafe(|| g.resume(()))).unwrap_err());
    assert!(msg.contains("after completion"), "message was {:?}", msg);

    let mut g = gen_with_return(5);
    assert_eq!(g.resume(()), GeneratorState::Yielded(0));
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    assert_eq!(
        g.resume(()),
        GeneratorState::Complete("early at 2".to_string())
    );
    let msg = panic_text(catch_unwind(AssertUnwindSafe(|| g.resume(()))).unwrap_err());
    assert!(msg.contains("after completion"), "message was {:?}", msg);
}

#[generator]
fn parse_all(
    items: Vec<&'static str>,
) -> impl Generator<Yield = i32, Return = Result<usize, ParseIntError>> {
    let mut count = 0;
    for s in items {
        let n: i32 = s.parse()?;
        yield_!(n);
        count += 1;
    }
    Ok(count)
}

#[test]
fn question_mark_completes_the_generator() {
    let mut g = parse_all(vec!["1", "x", "3"]);
    assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    match g.resume(()) {
        GeneratorState::Complete(Err(e)) => assert_eq!(e, "x".parse::<i32>().unwrap_err()),
        other => panic!("expected Complete(Err(..)), got {:?}", other),
    }
    let msg = panic_text(catch_unwind(AssertUnwindSafe(|| g.resume(()))).unwrap_err());
    assert!(msg.contains("after completion"), "message was {:?}", msg);

    let mut g = parse_all(vec!["4", "5"]);
    assert_eq!(g.resume(()), GeneratorState::Yielded(4));
    assert_eq!(g.resume(()), GeneratorState::Yielded(5));
    assert_eq!(g.resume(()), GeneratorState::Complete(Ok(2)));
}
