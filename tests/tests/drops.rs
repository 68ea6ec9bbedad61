//! Drop semantics: a generator drops exactly the values it holds, exactly once, at the
//! same points plain Rust would.

use std::panic::{catch_unwind, AssertUnwindSafe};

use gen_runtime::{generator, yield_};

#[path = "common/drop_log.rs"]
mod drop_log;
use drop_log::{new_log, snapshot, Log, D};

fn sorted(mut v: Vec<&'static str>) -> Vec<&'static str> {
    v.sort_unstable();
    v
}

/// Takes a value by move; it is dropped at the end of this function.
fn consume(d: D) -> &'static str {
    d.0
}

// ---------------------------------------------------------------------------------------
// dropping at every suspension point

#[generator]
fn holder(_arg: D, log: Log) -> impl Iterator<Item = u32> {
    let a = D("a", log.clone());
    yield_!(1); // holds: _arg, a
    let b = D("b", log.clone());
    yield_!(2); // holds: _arg, a, b
    drop(a);
    yield_!(3); // holds: _arg, b
    let c = D("c", log.clone());
    yield_!(4); // holds: _arg, b, c
    let _ = (&b, &c);
}

/// The same body in plain Rust, with the yields replaced by log entries.
fn holder_plain(_arg: D, log: Log) {
    let a = D("a", log.clone());
    log.borrow_mut().push("yield 1");
    let b = D("b", log.clone());
    log.borrow_mut().push("yield 2");
    drop(a);
    log.borrow_mut().push("yield 3");
    let c = D("c", log.clone());
    log.borrow_mut().push("yield 4");
    let _ = (&b, &c);
}

/// Runs `holder`, takes `k` items, drops it; returns (log before the drop, log after).
fn holder_dropped_after(k: usize) -> (Vec<&'static str>, Vec<&'static str>) {
    let log = new_log();
    let mut it = holder(D("arg", log.clone()), log.clone());
    // Lazy: nothing ran, nothing dropped.
    assert!(snapshot(&log).is_empty());
    for i in 1..=k {
        assert_eq!(it.next(), Some(i as u32));
    }
    let before = snapshot(&log);
    drop(it);
    (before, snapshot(&log))
}

#[test]
fn drop_before_first_resume_drops_arguments_once() {
    let (before, after) = holder_dropped_after(0);
    assert_eq!(before, Vec::<&str>::new());
    assert_eq!(after, vec!["arg"]);
}

#[test]
fn drop_at_each_suspension_point_drops_each_value_once() {
    // (items taken, dropped while running, dropped by the drop of the generator)
    let cases: [(usize, &[&str], &[&str]); 5] = [
        (0, &[], &["arg"]),
        (1, &[], &["a", "arg"]),
        (2, &[], &["a", "arg", "b"]),
        (3, &["a"], &["arg", "b"]),
        (4, &["a"], &["arg", "b", "c"]),
    ];
    for (k, while_running, on_drop) in cases {
        let (before, after) = holder_dropped_after(k);
        assert_eq!(before, while_running, "dropped while running, k = {}", k);
        assert!(after.starts_with(&before), "k = {}", k);
        // The SPEC does not fix the order among values dropped together; compare as sets,
        // which still catches leaks (missing) and double drops (duplicates).
        assert_eq!(
            sorted(after[before.len()..].to_vec()),
            on_drop,
            "dropped with the generator, k = {}",
            k
        );
    }
}

#[test]
fn run_to_end_drops_everything_once_in_plain_rust_order() {
    let log = new_log();
    let mut it = holder(D("arg", log.clone()), log.clone());
    let mut n = 0;
    for i in it.by_ref() {
        n += 1;
        assert_eq!(i, n);
        log.borrow_mut()
            .push(["yield 1", "yield 2", "yield 3", "yield 4"][i as usize - 1]);
    }
    // Completion ends the body: everything it held is gone already.
    let at_completion = snapshot(&log);
    // Further calls and the final drop drop nothing more.
    assert_eq!(it.next(), None);
    drop(it);
    assert_eq!(snapshot(&log), at_completion);

    let plain_log = new_log();
    holder_plain(D("arg", plain_log.clone()), plain_log.clone());
    assert_eq!(
        snapshot(&plain_log),
        vec!["yield 1", "yield 2", "a", "yield 3", "yield 4", "c", "b", "arg"]
    );
    assert_eq!(at_completion, snapshot(&plain_log));
}

// ---------------------------------------------------------------------------------------
// panics

#[generator]
fn panicky(_arg: D, log: Log, fail_at: u32) -> impl Iterator<Item = u32> {
    let _a = D("a", log.clone());
    if fail_at == 0 {
        panic!("boom 0");
    }
    yield_!(1);
    {
        let _b = D("b", log.clone());
        yield_!(2);
        if fail_at == 2 {
            panic!("boom 2");
        }
    }
    yield_!(3);
    if fail_at == 3 {
        panic!("boom 3");
    }
}

#[test]
fn panic_in_body_drops_held_values_once() {
    // (fail_at, items before the panic, values the body held when it panicked)
    let cases: [(u32, u32, &[&str]); 3] = [
        (0, 0, &["a", "arg"]),
        (2, 2, &["a", "arg", "b"]),
        (3, 3, &["a", "arg", "b"]),
    ];
    for (fail_at, items, held) in cases {
        let log = new_log();
        let mut it = panicky(D("arg", log.clone()), log.clone(), fail_at);
        for i in 1..=items {
            assert_eq!(it.next(), Some(i));
        }
        let r = catch_unwind(AssertUnwindSafe(|| it.next()));
        assert!(r.is_err(), "fail_at = {}", fail_at);
        // Poisoned: no more items, and nothing is dropped a second time.
        assert_eq!(it.next(), None);
        drop(it);
        assert_eq!(sorted(snapshot(&log)), held, "fail_at = {}", fail_at);
    }
}

#[test]
fn panic_unwinding_drops_values_like_plain_rust() {
    // In plain Rust, a panic drops the frame's locals during unwinding; the generator's
    // locals must be gone by the time the panic reaches the caller.
    let log = new_log();
    let mut it = panicky(D("arg", log.clone()), log.clone(), 2);
    assert_eq!(it.next(), Some(1));
    assert_eq!(it.next(), Some(2));
    let r = catch_unwind(AssertUnwindSafe(|| it.next()));
    assert!(r.is_err());
    let after_panic = sorted(snapshot(&log));
    drop(it);
    assert_eq!(sorted(snapshot(&log)), vec!["a", "arg", "b"]);
    assert_eq!(after_panic, vec!["a", "arg", "b"]);
}

// ---------------------------------------------------------------------------------------
// never-read guards live to the end of their block

#[generator]
fn guarded(log: Log) -> impl Iterator<Item = u32> {
    {
        let _guard = D("guard", log.clone());
        yield_!(1);
        yield_!(2);
    }
    yield_!(3);
}

#[test]
fn unread_guard_lives_to_end_of_block() {
    let log = new_log();
    let mut it = guarded(log.clone());
    assert_eq!(it.next(), Some(1));
    assert!(snapshot(&log).is_empty());
    assert_eq!(it.next(), Some(2));
    assert!(snapshot(&log).is_empty(), "guard dropped too early");
    assert_eq!(it.next(), Some(3));
    assert_eq!(snapshot(&log), vec!["guard"]);
    assert_eq!(it.next(), None);
    drop(it);
    assert_eq!(snapshot(&log), vec!["guard"]);
}

#[test]
fn unread_guard_dropped_with_suspended_generator() {
    let log = new_log();
    let mut it = guarded(log.clone());
    assert_eq!(it.next(), Some(1));
    drop(it);
    assert_eq!(snapshot(&log), vec!["guard"]);
}

/// A `Vec` of values with a drop of their own, never read after the loop: held to the end
/// of its block, as a guard is. (A `Vec<u64>` there is freed at once: `size.rs`.)
#[generator]
fn vec_of_guards(log: Log) -> impl Iterator<Item = u32> {
    let mut held: Vec<D> = Vec::new();
    for i in 0..2 {
        held.push(D("held", log.clone()));
        yield_!(i);
    }
    yield_!(10);
    yield_!(11);
}

#[test]
fn unread_vec_of_droppable_values_lives_to_end_of_block() {
    let log = new_log();
    let mut it = vec_of_guards(log.clone());
    assert_eq!(it.by_ref().take(4).collect::<Vec<_>>(), [0, 1, 10, 11]);
    assert!(snapshot(&log).is_empty(), "dropped too early");
    assert_eq!(it.next(), None);
    assert_eq!(snapshot(&log), ["held", "held"]);
}

#[generator]
fn underscore_pattern(log: Log) -> impl Iterator<Item = u32> {
    // `let _ = value` binds nothing: the temporary is dropped at the end of the statement.
    let _ = D("underscore", log.clone());
    yield_!(1);
    let _kept = D("kept", log.clone());
    yield_!(2);
}

#[test]
fn wildcard_let_drops_immediately_named_underscore_binding_does_not() {
    let log = new_log();
    let mut it = underscore_pattern(log.clone());
    assert_eq!(it.next(), Some(1));
    assert_eq!(snapshot(&log), vec!["underscore"]);
    assert_eq!(it.next(), Some(2));
    assert_eq!(snapshot(&log), vec!["underscore"]);
    assert_eq!(it.next(), None);
    assert_eq!(snapshot(&log), vec!["underscore", "kept"]);
}

#[generator]
fn guard_per_iteration(log: Log) -> impl Iterator<Item = usize> {
    for i in 0..3 {
        let _g = D(["g0", "g1", "g2"][i], log.clone());
        yield_!(i);
    }
}

#[test]
fn loop_body_guard_dropped_each_iteration() {
    let log = new_log();
    let mut it = guard_per_iteration(log.clone());
    assert_eq!(it.next(), Some(0));
    assert!(snapshot(&log).is_empty());
    assert_eq!(it.next(), Some(1));
    assert_eq!(snapshot(&log), vec!["g0"]);
    assert_eq!(it.next(), Some(2));
    assert_eq!(snapshot(&log), vec!["g0", "g1"]);
    drop(it);
    assert_eq!(snapshot(&log), vec!["g0", "g1", "g2"]);
}

// ---------------------------------------------------------------------------------------
// moved values are not dropped again

#[generator]
fn mover(log: Log) -> impl Iterator<Item = &'static str> {
    let a = D("a", log.clone());
    yield_!("start");
    let name = consume(a);
    yield_!(name);
    yield_!("end");
}

#[test]
fn value_moved_into_function_is_dropped_there_only() {
    for k in 0..=4 {
        let log = new_log();
        let mut it = mover(log.clone());
        let expected_items = ["start", "a", "end"];
        for item in expected_items.iter().take(k) {
            assert_eq!(it.next(), Some(*item));
        }
        if k >= 2 {
            // consume() ran before the second item was produced.
            assert_eq!(snapshot(&log), vec!["a"]);
        } else {
            assert!(snapshot(&log).is_empty());
        }
        if k == 4 {
            assert_eq!(it.next(), None);
        }
        drop(it);
        let expected: Vec<&str> = if k == 0 { vec![] } else { vec!["a"] };
        assert_eq!(snapshot(&log), expected, "k = {}", k);
    }
}

#[generator]
fn maybe_move(log: Log, do_move: bool) -> impl Iterator<Item = u32> {
    let a = D("a", log.clone());
    if do_move {
        consume(a);
    }
    yield_!(1);
    yield_!(2);
}

#[test]
fn conditionally_moved_value_dropped_once() {
    for do_move in [false, true] {
        for k in 0..=3 {
            let log = new_log();
            let mut it = maybe_move(log.clone(), do_move);
            for i in 1..=k.min(2) {
                assert_eq!(it.next(), Some(i));
            }
            if k == 3 {
                assert_eq!(it.next(), None);
            }
            // Moved on one way only: as in plain Rust, `a` drops when moved, or else when
            // the body ends (k = 3) or the suspended generator is dropped. Exactly once.
            let expect_now: Vec<&str> = if (k >= 1 && do_move) || k == 3 {
                vec!["a"]
            } else {
                vec![]
            };
            assert_eq!(
                snapshot(&log),
                expect_now,
                "do_move = {}, k = {}",
                do_move,
                k
            );
            drop(it);
            let expect_end: Vec<&str> = if k == 0 { vec![] } else { vec!["a"] };
            assert_eq!(
                snapshot(&log),
                expect_end,
                "do_move = {}, k = {}",
                do_move,
                k
            );
        }
    }
}

#[generator]
fn for_over_owned(ds: Vec<D>) -> impl Iterator<Item = &'static str> {
    for d in ds {
        yield_!(d.0);
    }
}

#[test]
fn partially_iterated_owned_vec_drops_rest_once() {
    let log = new_log();
    let ds = vec![
        D("d0", log.clone()),
        D("d1", log.clone()),
        D("d2", log.clone()),
    ];
    let mut it = for_over_owned(ds);
    assert_eq!(it.next(), Some("d0"));
    // `yield_!(d.0)` reads a field by value: `d` stays whole and lives to the end of the
    // loop body, as in plain Rust.
    assert_eq!(snapshot(&log), Vec::<&str>::new());
    assert_eq!(it.next(), Some("d1"));
    assert_eq!(snapshot(&log), vec!["d0"]);
    // Dropped while suspended: the current `d`, then the rest of the vector.
    drop(it);
    assert_eq!(snapshot(&log), vec!["d0", "d1", "d2"]);
}

// ---------------------------------------------------------------------------------------
// arguments that are never used

#[generator]
fn unused_args(_a: D, _: D) -> impl Iterator<Item = u32> {
    yield_!(1);
}

#[test]
fn unused_arguments_dropped_when_dropped_before_first_resume() {
    let log = new_log();
    let it = unused_args(D("x", log.clone()), D("y", log.clone()));
    assert!(
        snapshot(&log).is_empty(),
        "calling the function must run nothing"
    );
    drop(it);
    assert_eq!(sorted(snapshot(&log)), vec!["x", "y"]);
}

#[test]
fn unused_arguments_dropped_once_when_run_to_end() {
    let log = new_log();
    let mut it = unused_args(D("x", log.clone()), D("y", log.clone()));
    assert_eq!(it.next(), Some(1));
    assert!(
        snapshot(&log).is_empty(),
        "arguments live until the body ends"
    );
    assert_eq!(it.next(), None);
    assert_eq!(sorted(snapshot(&log)), vec!["x", "y"]);
    drop(it);
    assert_eq!(sorted(snapshot(&log)), vec!["x", "y"]);
}

/// A temporary of an operand evaluated before a yield in the same expression lives to the
/// end of its statement, across the suspension point, as in plain Rust (the body keeps
/// its locals in place).
fn len_of(_: &D) -> u32 {
    1
}

#[generator]
fn temporary_before_a_yield(log: Log) -> impl Iterator<Item = u32> {
    let x = len_of(&D("temporary", log.clone())) + {
        yield_!(0);
        0
    };
    log.borrow_mut().push("after the statement");
    yield_!(x);
}

#[test]
fn temporaries_end_with_their_statement() {
    let log = new_log();
    let mut it = temporary_before_a_yield(log.clone());
    assert_eq!(it.next(), Some(0));
    assert_eq!(snapshot(&log), Vec::<&str>::new());
    assert_eq!(it.next(), Some(1));
    assert_eq!(snapshot(&log), ["temporary", "after the statement"]);

    // Internal iteration (`fold`) drops it at the same point.
    let log = new_log();
    temporary_before_a_yield(log.clone()).for_each(|_| log.borrow_mut().push("item"));
    assert_eq!(
        snapshot(&log),
        ["item", "temporary", "after the statement", "item"]
    );
}

// README, Limits: where the ways through a move only meet later (a move before a `break`,
// branches of an `if let`), a value that may have been moved is dropped at the next
// suspension point instead of at the end of its block, still exactly once. These tests
// pin that documented behaviour (plain Rust drops `o` when the body ends).

#[generator]
fn moved_before_a_break(log: Log, c: bool) -> impl Iterator<Item = u32> {
    let o = D("o", log.clone());
    for i in 0..3 {
        if c && i == 1 {
            drop(o);
            break;
        }
    }
    yield_!(1);
    yield_!(2);
}

#[generator]
fn moved_in_an_if_let(log: Log, x: Option<u32>) -> impl Iterator<Item = u32> {
    let o = D("o", log.clone());
    if let Some(n) = x {
        drop(o);
        yield_!(n);
    }
    yield_!(1);
}

#[test]
fn a_maybe_moved_value_where_ways_meet_later_drops_at_the_next_suspension_point() {
    let log = new_log();
    // Not moved: plain Rust would drop `o` after the last item; here it goes at the yield.
    let mut it = moved_before_a_break(log.clone(), false);
    assert_eq!(it.next(), Some(1));
    assert_eq!(snapshot(&log), ["o"]);
    assert_eq!(it.collect::<Vec<_>>(), [2]);
    assert_eq!(snapshot(&log), ["o"], "once");
    // Moved: dropped by the move, as in plain Rust.
    let log = new_log();
    let mut it = moved_before_a_break(log.clone(), true);
    assert_eq!(it.next(), Some(1));
    assert_eq!(snapshot(&log), ["o"]);
    drop(it);
    assert_eq!(snapshot(&log), ["o"], "once");

    let log = new_log();
    let mut it = moved_in_an_if_let(log.clone(), None);
    assert_eq!(it.next(), Some(1));
    assert_eq!(
        snapshot(&log),
        ["o"],
        "dropped at the yield after the if let"
    );
    assert_eq!(it.next(), None);
    assert_eq!(snapshot(&log), ["o"], "once");
    let log = new_log();
    assert_eq!(
        moved_in_an_if_let(log.clone(), Some(7)).collect::<Vec<_>>(),
        [7, 1]
    );
    assert_eq!(snapshot(&log), ["o"], "once");
}

/// A documented difference: the temporaries of the tail expression of a branch that is
/// split (here `match len_of(&D("tmp", …))` ending the `else` block, whose way moves `o`)
/// drop before the branch's own locals, as in edition 2024. Edition 2021 drops them after
/// (`g` then `tmp`).
#[generator]
#[allow(clippy::match_single_binding)] // the shape under test
fn tail_temporary_of_a_split_branch(log: Log, c: bool) -> impl Iterator<Item = u32> {
    let o = D("o", log.clone());
    if c {
        drop(o);
    } else {
        let _g = D("g", log.clone());
        match len_of(&D("tmp", log.clone())) {
            _ => {}
        }
    }
    yield_!(1);
}

#[test]
fn a_split_branchs_tail_temporaries_drop_before_its_locals() {
    let log = new_log();
    let mut g = tail_temporary_of_a_split_branch(log.clone(), false);
    assert_eq!(g.next(), Some(1));
    assert_eq!(snapshot(&log), ["tmp", "g"]);
    assert_eq!(g.next(), None);
    assert_eq!(snapshot(&log), ["tmp", "g", "o"]);
}

/// The same for the body's own tail expression: its temporaries (here `tmp`, made by
/// the `match` that ends the body) drop before the body's locals, as in edition 2024,
/// in every kind. Edition 2021 drops them after (`a` then `tmp`; difftest `--drops
/// --streams --all-constructs --seed 36107` p242).
macro_rules! tail_temporary_of_the_body {
    ($name:ident -> $($kind:tt)+) => {
        #[generator]
        #[allow(clippy::match_single_binding)] // the shape under test
        fn $name(log: Log) -> $($kind)+ {
            let _a = D("a", log.clone());
            yield_!(1);
            match len_of(&D("tmp", log.clone())) {
                _ => {}
            }
        }
    };
}
tail_temporary_of_the_body!(tail_temporary_of_the_body -> impl Iterator<Item = u32>);
tail_temporary_of_the_body!(
    tail_temporary_of_the_body_stream -> impl gen_runtime::Stream<Item = u32>
);

#[test]
fn the_bodys_tail_temporaries_drop_before_its_locals() {
    let log = new_log();
    let mut g = tail_temporary_of_the_body(log.clone());
    assert_eq!(g.next(), Some(1));
    assert!(snapshot(&log).is_empty());
    assert_eq!(g.next(), None);
    assert_eq!(snapshot(&log), ["tmp", "a"]);

    let log = new_log();
    let s = tail_temporary_of_the_body_stream(log.clone());
    let items = futures::executor::block_on(futures::StreamExt::collect::<Vec<u32>>(s));
    assert_eq!(items, [1]);
    assert_eq!(snapshot(&log), ["tmp", "a"]);
}
