//! Cases reduced from `tools/difftest` runs, kept once they pass. Each asserts the trace a
//! nightly `#[coroutine]` closure with the same body produces when resumed with 1, 2, 3, …
//! (the first argument is dropped, as gen-runtime does).

use gen_runtime::{generator, yield_, yield_from, Generator, GeneratorState};

#[path = "common/drop_log.rs"]
mod drop_log;
use drop_log::{new_log, snapshot, Log, D};

/// difftest's delegation helper, the same in both worlds.
#[generator]
fn inner(k: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    let mut s = k;
    for i in 0..(k.rem_euclid(3) + 1) {
        let r = yield_!(s.wrapping_add(i));
        s = s.wrapping_mul(7).wrapping_add(r);
    }
    s
}

/// Resumes with 1, 2, 3, … and records every yield, then the return value.
fn trace<G: Generator<i64, Yield = i64, Return = i64>>(mut g: G) -> (Vec<i64>, i64) {
    let mut yields = Vec::new();
    for k in 1..=200 {
        match g.resume(k) {
            GeneratorState::Yielded(y) => yields.push(y),
            GeneratorState::Complete(r) => return (yields, r),
        }
    }
    panic!("no completion after 200 resumes");
}

/// `buf[i] = yield_from!(…)` in a loop whose state keeps the 16-element `buf` in place
/// (rejected as "not supported yet" before `place = yield_from!(…)` was supported).
#[generator]
fn assign_from_inner_in_place() -> impl Generator<i64, Yield = i64, Return = i64> {
    let mut buf = [0i64; 16];
    for i in 0..3i64 {
        buf[i as usize] = yield_from!(inner(i));
        yield_!(buf[i as usize]);
    }
    buf.iter().copied().fold(0i64, i64::wrapping_add)
}

#[test]
fn yield_from_into_an_element_of_an_array_kept_in_place() {
    assert_eq!(
        trace(assign_from_inner_in_place()),
        (vec![0, 2, 1, 12, 82, 2, 22, 157, 1094], 1178)
    );
}

// ---------------------------------------------------------------------------------------
// From `difftest --iterators` (each also failed to compile in the generator kind): a
// `break`/`continue` nested before a certain exit of the code after a yield.

/// A `return` after a nested `break`: the `break` leaves for the rest of the outer loop,
/// which reads `x` (it was taken for dead: "cannot find value `x`").
#[generator]
fn break_before_return(seed: i64) -> impl Iterator<Item = i64> {
    let x = seed;
    for k in 0..3 {
        loop {
            yield_!(x + k);
            if k < 2 {
                break;
            }
            return;
        }
    }
}

/// An assignment after a nested `continue`: the `continue` path skips it and reads the
/// old value at the loop head (it was taken as overwritten on every path: "used binding
/// is possibly-uninitialized").
#[generator]
fn assign_after_continue(seed: i64) -> impl Iterator<Item = i64> {
    let mut a = seed;
    for k in 0..3 {
        yield_!(a);
        if k == 0 {
            continue;
        }
        a = 10 + k;
    }
}

/// The same two shapes in the generator kind, with labelled jumps.
#[generator]
fn labelled_jumps_before_exits(seed: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    let mut a = seed;
    let x = seed * 2;
    'outer: for k in 0..4 {
        loop {
            let r = yield_!(a + x);
            if r == 2 {
                continue 'outer;
            }
            a = r;
            if k == 3 {
                return a;
            }
            break 'outer;
        }
    }
    a + x
}

#[test]
fn jumps_nested_before_certain_exits() {
    // Traces of the nightly coroutines with the same bodies.
    assert_eq!(break_before_return(0).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(break_before_return(17).collect::<Vec<_>>(), [17, 18, 19]);
    assert_eq!(assign_after_continue(0).collect::<Vec<_>>(), [0, 0, 11]);
    assert_eq!(assign_after_continue(17).collect::<Vec<_>>(), [17, 17, 11]);
    // Resumed with 1, 2, 3, …: the first argument is dropped; 2 continues 'outer with
    // `a` unchanged, 3 sets `a` and breaks out.
    assert_eq!(trace(labelled_jumps_before_exits(5)), (vec![15, 15], 13));
}

// ---------------------------------------------------------------------------------------
// From `difftest --iterators` (bug H) and its relatives: a local moved on one path and
// assigned on another, never read after the yield that follows. Each was carried there
// as if assigned on every path ("cannot find value", "use of moved value"); now it is
// dropped where the paths meet, as a possibly-moved value is.

/// Moved (a by-value read the macro cannot tell from a move) on the `then` branch,
/// assigned on the `else` branch, yields in both (difftest's program, reduced).
#[generator]
fn moved_then_assigned_else(seed: u32) -> impl Iterator<Item = u32> {
    let mut acc = seed;
    let y = acc + 1;
    if seed == 0 {
        yield_!(y);
    } else {
        acc = acc * 3 + {
            yield_!(2);
            2
        };
    }
    yield_!(12);
}

/// Moved, then assigned inside a condition that may not run.
#[generator]
#[allow(unused_assignments)] // as in plain Rust: the second value is only dropped
fn assigned_if(log: Log, c: bool) -> impl Iterator<Item = u32> {
    let mut d = D("first", log.clone());
    drop(d);
    if c {
        d = D("second", log.clone());
    }
    yield_!(1);
    yield_!(2);
}

/// Moved before a `break` out of a labelled block, assigned on the way through it.
#[generator]
fn assigned_unless_broken(log: Log, c: bool) -> impl Iterator<Item = u32> {
    let mut d = D("first", log.clone());
    'b: {
        if c {
            drop(d);
            break 'b;
        }
        d = D("second", log.clone());
        yield_!(0);
    }
    yield_!(1);
    yield_!(2);
}

#[test]
fn moved_on_one_path_assigned_on_another() {
    // Nightly: 1 12 for seed 0, 2 12 otherwise.
    assert_eq!(moved_then_assigned_else(0).collect::<Vec<_>>(), [1, 12]);
    assert_eq!(moved_then_assigned_else(4).collect::<Vec<_>>(), [2, 12]);

    for c in [false, true] {
        let log = new_log();
        let mut g = assigned_if(log.clone(), c);
        assert_eq!(g.next(), Some(1));
        // Assigned again on one way only: as in plain Rust (a drop flag), the second
        // value lives to the end of the body.
        assert_eq!(snapshot(&log), ["first"]);
        assert_eq!(g.collect::<Vec<_>>(), [2]);
        let expected: &[&str] = if c { &["first", "second"] } else { &["first"] };
        assert_eq!(snapshot(&log), expected, "dropped exactly once");
    }

    let log = new_log();
    let mut g = assigned_unless_broken(log.clone(), true);
    assert_eq!(g.next(), Some(1));
    assert_eq!(snapshot(&log), ["first"]);
    assert_eq!(g.collect::<Vec<_>>(), [2]);
    assert_eq!(snapshot(&log), ["first"]);

    let log = new_log();
    let mut g = assigned_unless_broken(log.clone(), false);
    assert_eq!(g.next(), Some(0));
    // The first value was overwritten; the second is carried across the yield inside.
    assert_eq!(snapshot(&log), ["first"]);
    assert_eq!(g.next(), Some(1));
    assert_eq!(snapshot(&log), ["first", "second"]);
    assert_eq!(g.collect::<Vec<_>>(), [2]);
    assert_eq!(snapshot(&log), ["first", "second"]);
}

/// Moved and assigned again in the same iteration of a yield-free loop: assigned after
/// it, so carried to the end of its block as plain Rust keeps it.
#[generator]
fn reassigned_in_a_loop(log: Log, rounds: usize) -> impl Iterator<Item = usize> {
    let mut d = D("0", log.clone());
    let names = ["1", "2", "3"];
    for name in names.iter().take(rounds) {
        drop(d);
        d = D(name, log.clone());
    }
    yield_!(1);
    yield_!(2);
}

#[test]
fn a_value_moved_and_assigned_in_one_loop_body_lives_to_its_block_end() {
    let log = new_log();
    let mut g = reassigned_in_a_loop(log.clone(), 2);
    assert_eq!(g.next(), Some(1));
    assert_eq!(snapshot(&log), ["0", "1"]);
    assert_eq!(g.next(), Some(2));
    assert_eq!(snapshot(&log), ["0", "1"]);
    assert_eq!(g.next(), None);
    assert_eq!(snapshot(&log), ["0", "1", "2"]);
}

// ---------------------------------------------------------------------------------------
// Deferred bindings (`let x;`) assigned on some paths only, or before a `break`.

/// Assigned only if `c`, never read: possibly uninitialized where the yield suspends, so
/// not carried ("used binding is possibly-uninitialized" before), and dropped there when
/// it was assigned.
#[generator]
#[allow(unused_assignments, unused_variables)] // as in plain Rust: `d` is only dropped
fn assigned_if_c(log: Log, c: bool) -> impl Iterator<Item = u32> {
    let d: D;
    if c {
        d = D("d", log.clone());
    }
    yield_!(1);
    yield_!(2);
}

/// Assigned inside a loop with a yield, just before its only `break`: assigned after the
/// loop ("isn't initialized" before).
#[generator]
fn assigned_before_break() -> impl Iterator<Item = u32> {
    let x;
    let mut k = 0;
    loop {
        yield_!(k);
        k += 1;
        if k < 3 {
            continue;
        }
        x = k * 10;
        break;
    }
    yield_!(100);
    yield_!(x);
}

/// The search loop with no yield inside: assigned on its only way out.
#[generator]
fn found_by_a_plain_loop(start: u32) -> impl Iterator<Item = u32> {
    let found;
    let mut k = start;
    loop {
        k += 1;
        if k % 7 == 0 {
            found = k;
            break;
        }
    }
    yield_!(0);
    yield_!(found);
}

/// Assigned on both ways out of a labelled block, one of them a `break` in a yield-free
/// `if` ("isn't initialized" while the `break` counted as leaving before the assignment).
#[generator]
fn assigned_on_both_exits(c: bool) -> impl Iterator<Item = u32> {
    let x;
    'a: {
        if c {
            x = 1;
            break 'a;
        }
        yield_!(0);
        x = 2;
    }
    yield_!(x);
}

/// Assigned before a `break 'a` out of an inner loop, and before the outer loop's own
/// `break`: the inner loop's end (`None => break`) does not leave the outer loop
/// ("isn't initialized" before).
#[generator]
fn assigned_before_breaks_out_of_nested_loops(c: u32) -> impl Iterator<Item = u32> {
    let x;
    'a: loop {
        for i in 0..3 {
            if i == c {
                x = i;
                break 'a;
            }
            yield_!(i);
        }
        x = 99;
        break;
    }
    yield_!(x);
}

#[test]
fn deferred_bindings_assigned_on_some_paths() {
    let runs: Vec<Vec<u32>> = (0..4)
        .map(|c| assigned_before_breaks_out_of_nested_loops(c).collect())
        .collect();
    assert_eq!(
        runs,
        [vec![0], vec![0, 1], vec![0, 1, 2], vec![0, 1, 2, 99]]
    );
    assert_eq!(assigned_on_both_exits(true).collect::<Vec<_>>(), [1]);
    assert_eq!(assigned_on_both_exits(false).collect::<Vec<_>>(), [0, 2]);
    for c in [false, true] {
        let log = new_log();
        let mut g = assigned_if_c(log.clone(), c);
        assert_eq!(g.next(), Some(1));
        // Assigned on one way only: kept to the end of the body, as plain Rust keeps it.
        assert_eq!(snapshot(&log), Vec::<&str>::new());
        assert_eq!(g.collect::<Vec<_>>(), [2]);
        let expected: &[&str] = if c { &["d"] } else { &[] };
        assert_eq!(snapshot(&log), expected);
    }
    assert_eq!(
        assigned_before_break().collect::<Vec<_>>(),
        [0, 1, 2, 100, 30]
    );
    assert_eq!(found_by_a_plain_loop(8).collect::<Vec<_>>(), [0, 14]);
}

fn peek(a: &[i64], k: i64) -> i64 {
    a[k.rem_euclid(a.len() as i64) as usize]
}

/// Reduced from `difftest --iterators --seed 70` (p274), failing with "cannot find value
/// `acc`" during this session's liveness work: the join after the valued loop `'v10` saw
/// that `'l13`'s `break` lands before the `return`, while the yield inside `'l13` did
/// not, so the two disagreed on whether `acc` (read only after the `if`) is live.
#[generator]
fn break_lands_before_return(seed: i64) -> impl Iterator<Item = i64> {
    let s1: i64 = if seed.rem_euclid(2) == 0 { seed } else { 5 };
    let buf2 = [s1.wrapping_mul(31).wrapping_add(s1) ^ 5; 17];
    let mut acc: i64 = seed;
    match seed.wrapping_mul({
        yield_!(peek(&buf2, acc));
        0i64
    }) {
        _ => {
            if seed.rem_euclid(2) == 0 {
                let _x11: i64 = 'v10: loop {
                    let _x12: i64 = {
                        yield_!(seed ^ 2);
                        2
                    };
                    if buf2[s1.rem_euclid(17) as usize].rem_euclid(3) == 1 {
                        break 'v10 0;
                    }
                };
                loop {
                    yield_!(7);
                    if peek(&buf2, seed).rem_euclid(4) == 1 {
                        break;
                    }
                }
                return;
            }
            acc = acc.wrapping_mul(3).wrapping_add(
                {
                    yield_!(buf2[2]);
                    0i64
                }
                .wrapping_add(s1),
            );
            let _ = acc;
        }
    }
}

#[test]
fn a_break_that_lands_before_a_return() {
    // The traces of the nightly coroutine with the same body.
    let first: Vec<i64> = break_lands_before_return(0).take(20).collect();
    assert_eq!(first[0], 5);
    assert!(first[1..].iter().all(|&y| y == 2), "{first:?}");
    assert_eq!(break_lands_before_return(1).collect::<Vec<_>>(), [165, 165]);
    assert_eq!(
        break_lands_before_return(17).collect::<Vec<_>>(),
        [165, 165]
    );
}

// ---------------------------------------------------------------------------------------
// From `difftest --drops`, `--borrows` and `--streams` (temporary guards): each trace is
// plain Rust's (nightly's coroutine or async-stream with the same body): the items, with
// what was dropped during each resume.

/// Resumes an iterator to its end: each item, then what its resume dropped (`~name`).
fn drops_of<I: Iterator<Item = i64>>(it: I, log: &Log) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = it;
    loop {
        let item = it.next();
        out.push(item.map_or("end".to_string(), |i| i.to_string()));
        out.extend(log.borrow_mut().drain(..).map(|d| format!("~{d}")));
        if item.is_none() {
            return out;
        }
    }
}

/// The same for a stream, polled with a waker that does nothing.
fn stream_drops_of<S: gen_runtime::Stream<Item = i64>>(s: S, log: &Log) -> Vec<String> {
    use std::task::{Context, Poll, Waker};
    let mut s = Box::pin(s);
    let mut cx = Context::from_waker(Waker::noop());
    let mut out = Vec::new();
    loop {
        let item = match s.as_mut().poll_next(&mut cx) {
            Poll::Ready(item) => item,
            Poll::Pending => panic!("nothing here waits"),
        };
        out.push(item.map_or("end".to_string(), |i| i.to_string()));
        out.extend(log.borrow_mut().drain(..).map(|d| format!("~{d}")));
        if item.is_none() {
            return out;
        }
    }
}

fn d_id(d: &D) -> i64 {
    d.0.len() as i64
}

/// A temporary in the yielded expression lives to the end of the yield's statement: the
/// consumer has the item before it drops (`--streams`, temporary guards; `--drops`).
#[generator]
fn temporary_in_yield_iter(log: Log) -> impl Iterator<Item = i64> {
    yield_!(d_id(&D("tmp", log.clone())));
    yield_!(10);
}

#[generator]
fn temporary_in_yield_stream(log: Log) -> impl gen_runtime::Stream<Item = i64> {
    yield_!(d_id(&D("tmp", log.clone())));
    yield_!(10);
}

#[test]
fn a_temporary_in_a_yield_lives_until_the_next_resume() {
    let log = new_log();
    let want = ["3", "10", "~tmp", "end"];
    assert_eq!(drops_of(temporary_in_yield_iter(log.clone()), &log), want);
    assert_eq!(
        stream_drops_of(temporary_in_yield_stream(log.clone()), &log),
        want
    );
    // Dropped while suspended at that yield, the generator drops the temporary.
    let mut it = temporary_in_yield_iter(log.clone());
    assert_eq!(it.next(), Some(3));
    assert!(snapshot(&log).is_empty());
    drop(it);
    assert_eq!(snapshot(&log), ["tmp"]);
}

/// `vec![f(&g)]` only borrows `g`, which lives to the end of the body (`--borrows`: it was
/// taken for moved and dropped at the first yield).
#[generator]
fn borrowed_in_vec(log: Log) -> impl Iterator<Item = i64> {
    let g = D("guard", log.clone());
    let v = vec![d_id(&g)];
    yield_!(v[0]);
    yield_!(2);
}

#[test]
fn a_local_borrowed_inside_vec_is_not_moved() {
    let log = new_log();
    assert_eq!(
        drops_of(borrowed_in_vec(log.clone()), &log),
        ["5", "2", "end", "~guard"]
    );
}

/// A move in an `if` nested in another branch keeps the drop flag (`--drops`, seed 401).
#[generator]
fn moved_in_nested_if(seed: i64, log: Log) -> impl Iterator<Item = i64> {
    let o = D("o", log.clone());
    if seed < 5 {
        if seed == 3 {
            drop(o);
        }
    }
    yield_!(2);
}

#[test]
fn a_value_moved_in_a_nested_if_drops_where_plain_rust_drops_it() {
    let log = new_log();
    // Outer branch taken, inner not: `o` lives to the end of the body.
    assert_eq!(
        drops_of(moved_in_nested_if(0, log.clone()), &log),
        ["2", "end", "~o"]
    );
    // Moved in the inner branch, before the yield.
    assert_eq!(
        drops_of(moved_in_nested_if(3, log.clone()), &log),
        ["2", "~o", "end"]
    );
    // Neither: the same as the first.
    assert_eq!(
        drops_of(moved_in_nested_if(17, log.clone()), &log),
        ["2", "end", "~o"]
    );
}

/// A closure that is not `move` borrows what it names: held across a yield, the locals it
/// borrows stay where they are (`--borrows`: E0597 before).
#[generator]
fn closure_across_yield(seed: i64) -> impl Iterator<Item = i64> {
    let acc = seed;
    let c = |k: i64| k ^ acc;
    yield_!(0);
    yield_!(c(1));
}

#[generator]
fn mutating_closure_across_yield(seed: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    let mut acc = seed;
    let mut c = |k: i64| {
        acc += k;
        acc
    };
    let r = yield_!(c(1));
    yield_!(c(r));
    acc
}

#[test]
fn closures_that_borrow_locals_are_held_across_yields() {
    assert_eq!(closure_across_yield(3).collect::<Vec<_>>(), [0, 2]);
    // nightly: 4 (3 + 1), then 6 (4 + the resume value 2), returns 6.
    assert_eq!(trace(mutating_closure_across_yield(3)), (vec![4, 6], 6));
}

async fn total(a: &[i64]) -> i64 {
    a.iter().sum()
}

/// A future given a reference local holds what that local borrows across its `.await`
/// (`--borrows`: E0597 when the reference was not read after the await).
#[generator]
fn await_through_reference() -> impl gen_runtime::Stream<Item = i64> {
    let v: Vec<i64> = vec![1, 2];
    let r = &v;
    let x = total(r).await;
    yield_!(x);
}

#[test]
fn a_future_holding_a_reference_local_is_awaited() {
    let log = new_log();
    assert_eq!(
        stream_drops_of(await_through_reference(), &log),
        ["3", "end"]
    );
}

/// `gen_iter!` and `gen_stream!` move in what only a `yield_from!` names (`--streams`:
/// E0373 "closure may outlive the current function" before).
fn delegating_iter(v: std::rc::Rc<Vec<i64>>) -> impl Iterator<Item = i64> {
    gen_runtime::gen_iter! {
        yield_from!(v.to_vec());
    }
}

fn delegating_stream(v: std::rc::Rc<Vec<i64>>) -> impl gen_runtime::Stream<Item = i64> {
    gen_runtime::gen_stream! {
        yield_from!(futures::stream::iter(v.to_vec()));
    }
}

#[test]
fn block_forms_capture_what_yield_from_names() {
    let v = std::rc::Rc::new(vec![1, 2]);
    assert_eq!(delegating_iter(v.clone()).collect::<Vec<_>>(), [1, 2]);
    let log = new_log();
    assert_eq!(
        stream_drops_of(delegating_stream(v), &log),
        ["1", "2", "end"]
    );
}

/// A value hidden by a later `let` of its name lives to the end of its block, also when it
/// was read before (`--drops`, M: it was dropped at the next yield).
#[generator]
fn hidden_after_a_read(log: Log) -> impl Iterator<Item = i64> {
    let o = D("first", log.clone());
    let x = d_id(&o);
    let o = D("second", log.clone());
    yield_!(d_id(&o));
    yield_!(x);
}

#[test]
fn a_hidden_value_read_before_lives_to_its_block_end() {
    let log = new_log();
    assert_eq!(
        drops_of(hidden_after_a_read(log.clone()), &log),
        ["6", "5", "end", "~second", "~first"]
    );
    // Dropped while suspended: both, youngest first.
    let mut it = hidden_after_a_read(log.clone());
    assert_eq!(it.next(), Some(6));
    drop(it);
    assert_eq!(snapshot(&log), ["second", "first"]);
}

/// A yield inside a macro's arguments inside a yield's argument (`--all-constructs`:
/// "`yield_!` used outside a generator" before). nightly: `1 1 R0` resumed with 1, 2, 3.
#[generator]
fn yield_in_vec_in_yield() -> impl Generator<i64, Yield = i64, Return = i64> {
    yield_!(vec![yield_!(1)].len() as i64);
    0
}

#[test]
fn a_yield_in_a_macro_in_a_yield() {
    assert_eq!(trace(yield_in_vec_in_yield()), (vec![1, 1], 0));
}

/// `gen_stream!` whose only yields are in a macro's arguments and a match guard takes its
/// item type from them (`--streams --all-constructs`: its items were `()`).
fn yields_only_in_macro_and_guard(seed: i64) -> impl gen_runtime::Stream<Item = i64> {
    gen_runtime::gen_stream! {
        let x = i64::from(matches!({ yield 3i64; 1i64 }, 0 | 1));
        let y = match seed { 0 if { yield 4i64 + x; true } => 1, _ => 2 };
        let _ = y;
    }
}

#[test]
fn a_stream_whose_yields_are_in_a_macro_and_a_guard() {
    let log = new_log();
    assert_eq!(
        stream_drops_of(yields_only_in_macro_and_guard(0), &log),
        ["3", "5", "end"]
    );
    assert_eq!(
        stream_drops_of(yields_only_in_macro_and_guard(1), &log),
        ["3", "end"]
    );
}

/// Assigned on one branch, moved on the other: each way knows what it holds (`--drops`,
/// seed 403, p162: the new value was dropped at the yield).
#[generator]
fn assigned_or_moved(log: Log, c: bool) -> impl Iterator<Item = i64> {
    let mut o = D("old", log.clone());
    if c {
        o = D("new", log.clone());
    } else {
        drop(o);
    }
    yield_!(1);
}

#[test]
fn a_value_assigned_on_one_branch_and_moved_on_the_other() {
    let log = new_log();
    assert_eq!(
        drops_of(assigned_or_moved(log.clone(), true), &log),
        ["1", "~old", "end", "~new"]
    );
    assert_eq!(
        drops_of(assigned_or_moved(log.clone(), false), &log),
        ["1", "~old", "end"]
    );
}

/// A temporary of a `match` scrutinee lives to the end of the `match`, across the yields
/// of its arms (`--streams --seed 916`, p92: it was dropped before the arm's item).
#[generator]
fn scrutinee_temporary(seed: i64, log: Log) -> impl Iterator<Item = i64> {
    let x = seed;
    match d_id(&D("tmp", log.clone())) {
        0 => {
            yield_!(7);
        }
        _ => {
            yield_!(x);
        }
    }
    yield_!(5);
}

#[test]
fn a_scrutinee_temporary_lives_across_the_arms_yields() {
    let log = new_log();
    assert_eq!(
        drops_of(scrutinee_temporary(0, log.clone()), &log),
        ["0", "5", "~tmp", "end"]
    );
}

/// A move in an `if` inside a branch block that declares plain locals keeps its drop flag
/// after the block (`--drops --iterators --seed 9702`, p197: dropped at the next yield).
#[generator]
fn moved_in_a_block_with_plain_lets(log: Log, c: bool, d: bool) -> impl Iterator<Item = i64> {
    let o = D("o", log.clone());
    if c {
        yield_!(1);
    } else {
        if d {
            drop(o);
        }
        let r: i64 = 2;
        yield_!(r);
    }
    yield_!(3);
}

#[test]
fn a_move_in_a_block_with_plain_lets_keeps_its_flag() {
    let log = new_log();
    let run = |c, d| drops_of(moved_in_a_block_with_plain_lets(log.clone(), c, d), &log);
    assert_eq!(run(false, false), ["2", "3", "end", "~o"]);
    assert_eq!(run(false, true), ["2", "~o", "3", "end"]);
    assert_eq!(run(true, false), ["1", "3", "end", "~o"]);
}

/// A value made by `Type::new(…, &x)` is not taken to hold the borrow: it is kept to the
/// end of its block like any other unread value (`--drops --iterators --seed 9702`, p103:
/// a shadowing `let mut pa = V::new(1, &log);` was dropped at the yield).
#[generator]
fn made_with_a_borrowed_argument(log: Log) -> impl Iterator<Item = i64> {
    let g = D::new("made", &log);
    yield_!(1);
    let _ = g.0;
}

#[test]
fn a_value_made_from_a_borrow_lives_to_its_block_end() {
    let log = new_log();
    assert_eq!(
        drops_of(made_with_a_borrowed_argument(log.clone()), &log),
        ["1", "end", "~made"]
    );
}

/// A value moved before a loop that yields and hides its name with a `let` of its own,
/// then assigned again after the loop (`--drops --iterators --seed 524`, p122: E0282 "type
/// annotations needed", as the resume arm inside the loop declared the outer name it
/// never assigns).
#[generator]
fn hidden_in_a_loop_after_a_move(log: Log, c: bool, rounds: usize) -> impl Iterator<Item = i64> {
    let mut o = D::new("first", &log);
    if c {
        drop(o);
        let mut i = 0;
        while i < rounds {
            let o = D::new("inner", &log);
            yield_!(o.0.len() as i64);
            i += 1;
        }
    }
    o = D::new("second", &log);
    yield_!(9);
    yield_!(o.0.len() as i64);
}

#[test]
fn a_name_hidden_in_a_yielding_loop_is_assigned_again_after_it() {
    let log = new_log();
    let run = |c, rounds| drops_of(hidden_in_a_loop_after_a_move(log.clone(), c, rounds), &log);
    assert_eq!(run(false, 2), ["9", "~first", "6", "end", "~second"]);
    assert_eq!(run(true, 0), ["9", "~first", "6", "end", "~second"]);
    assert_eq!(
        run(true, 2),
        ["5", "~first", "5", "~inner", "9", "~inner", "6", "end", "~second"]
    );
}

/// Moved on some ways through each branch of an `if` whose branches leave the same
/// locals changed: the outer statement is split too, so each inner one splits the code
/// after it (`--drops --seed 9809`, p273: a value moved in a guarded arm of a `match`
/// inside the one arm of another was dropped at the next yield).
#[generator]
fn moved_on_some_ways_through_each_branch(log: Log, a: bool, c: bool) -> impl Iterator<Item = i64> {
    let o = D::new("o", &log);
    if a {
        if c {
            drop(o);
        }
    } else {
        yield_!(1);
        if !c {
            drop(o);
        }
    }
    yield_!(2);
    yield_!(3);
}

/// The same in a `match` of one arm around one with a guard.
#[generator]
fn moved_in_a_guarded_arm_inside_a_lone_arm(log: Log, k: i64) -> impl Iterator<Item = i64> {
    let o = D::new("o", &log);
    match k.rem_euclid(2) {
        _ => {
            yield_!(1);
            match k {
                1 if o.0.len() == 1 => {
                    drop(o);
                }
                _ => {}
            }
        }
    }
    yield_!(2);
}

#[test]
fn a_move_nested_in_branches_that_all_move_keeps_its_flag() {
    let log = new_log();
    let run = |a, c| {
        drops_of(
            moved_on_some_ways_through_each_branch(log.clone(), a, c),
            &log,
        )
    };
    assert_eq!(run(true, false), ["2", "3", "end", "~o"]);
    assert_eq!(run(true, true), ["2", "~o", "3", "end"]);
    assert_eq!(run(false, true), ["1", "2", "3", "end", "~o"]);
    assert_eq!(run(false, false), ["1", "2", "~o", "3", "end"]);

    let run = |k| {
        drops_of(
            moved_in_a_guarded_arm_inside_a_lone_arm(log.clone(), k),
            &log,
        )
    };
    assert_eq!(run(0), ["1", "2", "end", "~o"]);
    assert_eq!(run(1), ["1", "2", "~o", "end"]);
}

/// The same inside `vec![…]`, an expression around its arguments (`--drops
/// --all-constructs --seed 9811`, p298: dropped before the yield handed out its value).
#[generator]
#[allow(clippy::useless_vec)] // the shape under test
fn temporary_in_vec_in_yield(log: Log) -> impl Iterator<Item = i64> {
    yield_!(vec![d_id(&D("tmp", log.clone())), 1].iter().sum::<i64>());
    yield_!(10);
}

#[test]
fn a_temporary_inside_vec_in_a_yield_lives_until_the_next_resume() {
    let log = new_log();
    assert_eq!(
        drops_of(temporary_in_vec_in_yield(log.clone()), &log),
        ["4", "10", "~tmp", "end"]
    );
}

/// The same inside the other std macros whose expansion is an expression around their
/// arguments: `matches!`'s scrutinee, and the `format_args!` of `write!` (`--drops
/// --iterators --all-constructs --seed 16024`, p117: dropped before the yield handed out
/// its value). `format!` is a block: its temporary drops inside it, before the yield.
#[generator]
fn temporaries_in_macros_in_yields(log: Log) -> impl Iterator<Item = i64> {
    use std::fmt::Write as _;
    yield_!(matches!(d_id(&D("m", log.clone())), 0 | 1) as i64);
    let mut w = String::new();
    yield_!(write!(w, "{}", d_id(&D("w", log.clone()))).is_ok() as i64);
    yield_!(format!("{}", d_id(&D("f", log.clone()))).len() as i64);
    yield_!(w.parse::<i64>().unwrap());
}

#[generator]
fn temporaries_in_macros_in_yields_stream(log: Log) -> impl gen_runtime::Stream<Item = i64> {
    use std::fmt::Write as _;
    yield_!(matches!(d_id(&D("m", log.clone())), 0 | 1) as i64);
    let mut w = String::new();
    yield_!(write!(w, "{}", d_id(&D("w", log.clone()))).is_ok() as i64);
    yield_!(format!("{}", d_id(&D("f", log.clone()))).len() as i64);
    yield_!(w.parse::<i64>().unwrap());
}

#[generator]
fn temporaries_in_macros_in_yields_gen(log: Log) -> impl Generator<i64, Yield = i64, Return = i64> {
    let first = yield_!(matches!(d_id(&D("m", log.clone())), 0 | 1) as i64);
    first + 10
}

#[test]
fn temporaries_inside_matches_and_write_in_a_yield_live_until_the_next_resume() {
    let log = new_log();
    let want = ["1", "1", "~m", "1", "~w", "~f", "1", "end"];
    assert_eq!(
        drops_of(temporaries_in_macros_in_yields(log.clone()), &log),
        want
    );
    assert_eq!(
        stream_drops_of(temporaries_in_macros_in_yields_stream(log.clone()), &log),
        want
    );
    let log = new_log();
    let mut g = temporaries_in_macros_in_yields_gen(log.clone());
    assert_eq!(g.resume(0), GeneratorState::Yielded(1));
    assert!(snapshot(&log).is_empty());
    assert_eq!(g.resume(5), GeneratorState::Complete(15));
    assert_eq!(snapshot(&log), ["m"]);
    // Dropped while suspended there, the generator drops the temporary.
    let log = new_log();
    let mut it = temporaries_in_macros_in_yields(log.clone());
    assert_eq!(it.next(), Some(1));
    assert!(snapshot(&log).is_empty());
    drop(it);
    assert_eq!(snapshot(&log), ["m"]);
}

/// A move in a branch whose block also declares a value with drop glue: the block is laid
/// out flat, its value dropped where the block ends, so the code after it still knows
/// whether the moved value is there (`--drops --seed 13005` p178, `--seed 13009` p230:
/// dropped at the next yield instead).
#[generator]
fn moved_in_a_block_that_declares_a_guard(log: Log, c: bool, d: bool) -> impl Iterator<Item = i64> {
    let o = D::new("o", &log);
    if c {
        yield_!(1);
    } else {
        if d {
            drop(o);
        }
        let _g = D::new("g", &log);
        yield_!(2);
    }
    yield_!(3);
}

/// The same where the block begins by taking a parameter over (`let mut pa = pa;` in
/// `--drops --seed 9817` p377). A value the block names again after its `let` keeps the
/// block whole (the limit the README names).
#[generator]
fn moved_in_a_block_that_takes_a_parameter(
    log: Log,
    a: D,
    c: bool,
    d: bool,
) -> impl Iterator<Item = i64> {
    let o = D::new("o", &log);
    if c {
        let _a = a;
        if d {
            drop(o);
        }
        yield_!(1);
    }
    yield_!(2);
}

#[test]
fn a_move_in_a_block_that_declares_values_keeps_its_flag() {
    let log = new_log();
    let run = |c, d| {
        drops_of(
            moved_in_a_block_that_declares_a_guard(log.clone(), c, d),
            &log,
        )
    };
    assert_eq!(run(true, false), ["1", "3", "end", "~o"]);
    assert_eq!(run(false, false), ["2", "3", "~g", "end", "~o"]);
    assert_eq!(run(false, true), ["2", "~o", "3", "~g", "end"]);

    let run = |c, d| {
        let a = D::new("a", &log);
        drops_of(
            moved_in_a_block_that_takes_a_parameter(log.clone(), a, c, d),
            &log,
        )
    };
    assert_eq!(run(true, false), ["1", "2", "~a", "end", "~o"]);
    assert_eq!(run(true, true), ["1", "~o", "2", "~a", "end"]);
    assert_eq!(run(false, false), ["2", "end", "~o", "~a"]);
}

/// A branch block whose value is only borrowed or assigned after its `let` is laid out
/// flat too: the value is certainly there where the block ends, and the move beside it
/// gets its split (`--drops --iterators --seed 17014` p278: a borrow, and `--seed
/// 17021` p158: an assignment; the moved parameter was dropped at the next yield).
#[generator]
fn moved_beside_a_borrowed_value(log: Log, pa: D, c: bool, d: bool) -> impl Iterator<Item = i64> {
    if c {
        yield_!(1);
    } else {
        let o = D::new("o", &log);
        if d {
            drop(pa);
            yield_!(d_id(&o));
        }
    }
    yield_!(3);
}

#[generator]
#[allow(unused_assignments)] // the shape under test: `b1` is replaced unread
fn moved_beside_a_reassigned_value(log: Log, pa: D, k: i64, d: bool) -> impl Iterator<Item = i64> {
    match k {
        0 => {
            let mut b = D::new("b1", &log);
            b = D::new("b2", &log);
            if d {
                drop(pa);
                yield_!(d_id(&b));
            }
        }
        _ => {
            yield_!(5);
        }
    }
    yield_!(10);
}

#[test]
fn a_move_beside_a_value_only_borrowed_or_assigned_keeps_its_flag() {
    let log = new_log();
    let run = |c, d| {
        let pa = D::new("pa", &log);
        drops_of(moved_beside_a_borrowed_value(log.clone(), pa, c, d), &log)
    };
    assert_eq!(run(true, false), ["1", "3", "end", "~pa"]);
    assert_eq!(run(false, false), ["3", "~o", "end", "~pa"]);
    assert_eq!(run(false, true), ["1", "~pa", "3", "~o", "end"]);

    let run = |k, d| {
        let pa = D::new("pa", &log);
        drops_of(moved_beside_a_reassigned_value(log.clone(), pa, k, d), &log)
    };
    assert_eq!(run(0, false), ["10", "~b1", "~b2", "end", "~pa"]);
    assert_eq!(run(0, true), ["2", "~b1", "~pa", "10", "~b2", "end"]);
    assert_eq!(run(1, false), ["5", "10", "end", "~pa"]);
    // Dropped at its first yield, each generator drops what it holds, once.
    let pa = D::new("pa", &log);
    let mut it = moved_beside_a_reassigned_value(log.clone(), pa, 0, true);
    assert_eq!(it.next(), Some(2));
    log.borrow_mut().clear();
    drop(it);
    assert_eq!(snapshot(&log), ["b2"]);
}

/// A branch block whose own local is moved on some ways is laid out flat too: the local's
/// drop where the block ended runs on the ways where it still holds its value, and the
/// parameter moved beside it keeps its flag (`--drops --iterators --seed 13018` p246:
/// dropped at the next yield).
#[generator]
fn moved_beside_a_local_moved_on_some_ways(
    pa: D,
    pb: D,
    c: bool,
    k: i64,
) -> impl Iterator<Item = i64> {
    if c {
        let o1 = pb;
        match k {
            0 => {
                drop(o1);
                yield_!(1);
            }
            1 => {
                drop(pa);
                yield_!(2);
            }
            _ => {
                yield_!(3);
            }
        }
        yield_!(4);
    }
    yield_!(5);
}

#[generator]
fn moved_beside_a_local_moved_on_some_ways_stream(
    pa: D,
    pb: D,
    c: bool,
    k: i64,
) -> impl gen_runtime::Stream<Item = i64> {
    if c {
        let o1 = pb;
        match k {
            0 => {
                drop(o1);
                yield_!(1);
            }
            1 => {
                drop(pa);
                yield_!(2);
            }
            _ => {
                yield_!(3);
            }
        }
        yield_!(4);
    }
    yield_!(5);
}

#[test]
fn a_local_moved_on_some_ways_of_a_flat_block_drops_where_the_block_ended() {
    let log = new_log();
    let p = |n| D::new(n, &log);
    // The same body as a plain function prints: 5 ~pb ~pa | ~pb 1 4 5 ~pa |
    // ~pa 2 4 ~pb 5 | 3 4 ~pb 5 ~pa.
    let cases: [(bool, i64, &[&str]); 4] = [
        (false, 0, &["5", "end", "~pb", "~pa"]),
        (true, 0, &["1", "~pb", "4", "5", "end", "~pa"]),
        (true, 1, &["2", "~pa", "4", "5", "~pb", "end"]),
        (true, 2, &["3", "4", "5", "~pb", "end", "~pa"]),
    ];
    for (c, k, want) in cases {
        let it = moved_beside_a_local_moved_on_some_ways(p("pa"), p("pb"), c, k);
        assert_eq!(drops_of(it, &log), want, "iterator, c = {c}, k = {k}");
        let s = moved_beside_a_local_moved_on_some_ways_stream(p("pa"), p("pb"), c, k);
        assert_eq!(stream_drops_of(s, &log), want, "stream, c = {c}, k = {k}");
    }
    // Dropped while suspended at the `4`, each drops what it holds, once.
    let mut it = moved_beside_a_local_moved_on_some_ways(p("pa"), p("pb"), true, 1);
    assert_eq!((it.next(), it.next()), (Some(2), Some(4)));
    log.borrow_mut().clear();
    drop(it);
    assert_eq!(snapshot(&log), ["pb"]);
}

/// A method of a value's own, which might take `self`.
trait Touch {
    fn touch(&self) -> i64;
}

impl Touch for D {
    fn touch(&self) -> i64 {
        d_id(self)
    }
}

/// A branch block whose value gets a method call is laid out flat too: the call is taken
/// to borrow it (unless the standard library's method consumes it), as everywhere.
#[generator]
fn moved_beside_a_value_with_a_method_call(
    log: Log,
    c: bool,
    d: bool,
) -> impl Iterator<Item = i64> {
    let o = D::new("o", &log);
    if c {
        let g = D::new("g", &log);
        let n = g.touch();
        if d {
            drop(o);
        }
        yield_!(n);
    }
    yield_!(10);
}

/// A macro of the user's own, whose tokens the analyses do not look into.
macro_rules! touch {
    ($e:expr) => {
        $e.touch()
    };
}

/// The limit that remains (README, "Drop flags only where ways meet in one block"): a
/// branch block whose value a macro of the user's names stays whole, since the analyses
/// do not see what the macro does with it (its tokens are taken to move the value, which
/// then drops at the yield); the value moved beside it drops at the next yield after the
/// block, once.
#[generator]
fn moved_beside_a_value_a_macro_names(log: Log, c: bool, d: bool) -> impl Iterator<Item = i64> {
    let o = D::new("o", &log);
    if c {
        let g = D::new("g", &log);
        let n = touch!(g);
        if d {
            drop(o);
        }
        yield_!(n);
    }
    yield_!(10);
}

#[test]
fn a_move_beside_a_value_with_a_method_call_keeps_its_flag() {
    let log = new_log();
    let run = |c, d| {
        drops_of(
            moved_beside_a_value_with_a_method_call(log.clone(), c, d),
            &log,
        )
    };
    assert_eq!(run(true, false), ["1", "10", "~g", "end", "~o"]);
    assert_eq!(run(true, true), ["1", "~o", "10", "~g", "end"]);
    assert_eq!(run(false, false), ["10", "end", "~o"]);

    let run = |c, d| drops_of(moved_beside_a_value_a_macro_names(log.clone(), c, d), &log);
    // Plain Rust: 1 | 10 ~g | end ~o, and 1 ~o | 10 ~g | end.
    assert_eq!(run(true, false), ["1", "~g", "10", "~o", "end"]);
    assert_eq!(run(true, true), ["1", "~o", "~g", "10", "end"]);
    assert_eq!(run(false, false), ["10", "end", "~o"]);
}

/// A branch block whose value hides a binding the code after the block names (`let pa =
/// …` in a branch, the parameter `pa` after it) is laid out flat under a name of its
/// own (`--drops --seed 19007` p80, `--seed 13017` p399: the value moved beside it was
/// dropped at the next yield).
#[generator]
fn moved_beside_a_hiding_value(
    log: Log,
    pa: D,
    pb: D,
    c: bool,
    d: bool,
) -> impl Iterator<Item = i64> {
    if c {
        let pa = D::new("inner", &log);
        if d {
            drop(pb);
        }
        yield_!(d_id(&pa));
    }
    yield_!(d_id(&pa));
}

#[test]
fn a_move_beside_a_value_that_hides_a_parameter_keeps_its_flag() {
    let log = new_log();
    let run = |c, d| {
        let (pa, pb) = (D::new("pa", &log), D::new("pb", &log));
        drops_of(moved_beside_a_hiding_value(log.clone(), pa, pb, c, d), &log)
    };
    assert_eq!(run(true, false), ["5", "2", "~inner", "end", "~pb", "~pa"]);
    assert_eq!(run(true, true), ["5", "~pb", "2", "~inner", "end", "~pa"]);
    assert_eq!(run(false, false), ["2", "end", "~pb", "~pa"]);
}

/// A branch block whose value is moved into a same-named `let` in a nested block (`let
/// mut o5 = o5;` in an inner branch) is laid out flat too: the inner `let` hides it only
/// there (`--drops --iterators --seed 22033` p199: the value moved beside it was dropped
/// at the next yield).
#[generator]
fn moved_beside_a_value_rebound_inside(log: Log, c: bool, d: bool) -> impl Iterator<Item = i64> {
    let o = D::new("o", &log);
    if c {
        yield_!(1);
    } else {
        let g = D::new("g", &log);
        if d {
            drop(o);
            let g = g;
            yield_!(d_id(&g));
        }
    }
    yield_!(10);
}

#[test]
fn a_move_beside_a_value_rebound_in_a_nested_block_keeps_its_flag() {
    let log = new_log();
    let run = |c, d| drops_of(moved_beside_a_value_rebound_inside(log.clone(), c, d), &log);
    assert_eq!(run(true, false), ["1", "10", "end", "~o"]);
    assert_eq!(run(false, false), ["10", "~g", "end", "~o"]);
    assert_eq!(run(false, true), ["1", "~o", "10", "~g", "end"]);
}

/// `let _ = make();` in a branch block binds nothing (its value drops at once): the block
/// is laid out flat as one without it (`--drops --iterators --seed 15010` p148: the
/// parameter moved in a sibling arm was dropped at the last yield).
#[generator]
fn moved_beside_a_let_underscore(log: Log, pa: D, k: i64) -> impl Iterator<Item = i64> {
    if k >= 0 {
        match k {
            0 => {
                yield_!(1);
            }
            _ => {
                drop(pa);
                yield_!(2);
            }
        }
        let _ = D::new("t", &log);
    }
    yield_!(10);
}

#[test]
fn a_move_beside_a_let_underscore_keeps_its_flag() {
    let log = new_log();
    let run = |k| {
        drops_of(
            moved_beside_a_let_underscore(log.clone(), D::new("pa", &log), k),
            &log,
        )
    };
    assert_eq!(run(0), ["1", "10", "~t", "end", "~pa"]);
    assert_eq!(run(1), ["2", "~pa", "10", "~t", "end"]);
}

/// A `let` inside another macro's arguments binds a name of those tokens' own: a
/// `gen_iter!` or `gen_stream!` does not capture it from outside (`--drops --streams
/// --all-constructs --seed 26011` p105: E0425 "cannot find value `w`").
#[test]
fn a_let_inside_a_macros_arguments_is_not_captured() {
    use std::fmt::Write as _;
    let acc = 12i64;
    let it = gen_runtime::gen_iter! {
        assert!({ let mut w = String::new(); write!(w, "{}", acc).unwrap(); w.len() == 2 });
        yield acc;
    };
    assert_eq!(it.collect::<Vec<_>>(), [12]);
    let s = gen_runtime::gen_stream! {
        assert!({ let mut w = String::new(); write!(w, "{}", acc).unwrap(); w.len() == 2 });
        yield acc + 1;
    };
    let log = new_log();
    assert_eq!(stream_drops_of(s, &log), ["13", "end"]);
}

/// The same with a value that has no drop glue (`let x5: i64 = x5 + 1;`) and a yield
/// after it in the block: a state does not carry it, so nothing drops it where the
/// block ends (`--drops --seed 15013` p393: E0381, a drop of a value the resume arm did
/// not have).
#[generator]
fn moved_beside_a_hiding_plain_value(o: D, c: bool, k: i64) -> impl Iterator<Item = i64> {
    let x5: i64 = 3;
    match k {
        1 => {
            let x5: i64 = x5 + 1;
            std::hint::black_box(&x5);
            if c {
                drop(o);
            }
            yield_!(4);
        }
        _ => {}
    }
    yield_!(x5);
}

#[test]
fn a_plain_value_beside_a_move_needs_no_drop_where_its_block_ends() {
    let log = new_log();
    let run = |c, k| {
        drops_of(
            moved_beside_a_hiding_plain_value(D::new("o", &log), c, k),
            &log,
        )
    };
    assert_eq!(run(true, 1), ["4", "~o", "3", "end"]);
    assert_eq!(run(false, 1), ["4", "3", "end", "~o"]);
    assert_eq!(run(false, 0), ["3", "end", "~o"]);
}

/// A `match` whose arms bind names splits too, when the code after it does not name
/// them: a literal's binding (`x @ 0`) needs nothing more, and a binding that owns its
/// value, only borrowed in its arm, is dropped where the arm's code ends (`--drops
/// --all-constructs --seed 13012` p231, `--seed 17020` p169: the parameter moved in
/// another arm was dropped at the next yield).
#[generator]
fn moved_beside_a_literal_binding(pa: D, k: i64) -> impl Iterator<Item = i64> {
    match k {
        x @ 0 if k >= 0 => {
            yield_!(x + 1);
        }
        _ => {
            drop(pa);
            yield_!(7);
        }
    }
    yield_!(10);
}

#[generator]
fn moved_beside_an_owned_binding(pa: D, o: Option<D>) -> impl gen_runtime::Stream<Item = i64> {
    match o {
        Some(d) => {
            let e = d_id(&d);
            yield_!(e);
        }
        None => {
            drop(pa);
            yield_!(0);
        }
    }
    yield_!(10);
}

/// An arm that moves its binding splits too: the binding's drop where the arm ends runs
/// only on the ways where it still holds its value (here none).
#[generator]
fn moved_beside_a_moved_binding(pa: D, o: Option<D>) -> impl Iterator<Item = i64> {
    match o {
        Some(d) => {
            drop(d);
            yield_!(1);
        }
        None => {
            drop(pa);
            yield_!(0);
        }
    }
    yield_!(10);
}

#[test]
fn a_move_in_a_match_whose_arms_bind_names_keeps_its_flag() {
    let log = new_log();
    let pa = || D::new("pa", &log);
    let run = |k| drops_of(moved_beside_a_literal_binding(pa(), k), &log);
    assert_eq!(run(0), ["1", "10", "end", "~pa"]);
    assert_eq!(run(1), ["7", "~pa", "10", "end"]);

    let run = |o| stream_drops_of(moved_beside_an_owned_binding(pa(), o), &log);
    assert_eq!(
        run(Some(D::new("dd", &log))),
        ["2", "10", "~dd", "end", "~pa"]
    );
    assert_eq!(run(None), ["0", "~pa", "10", "end"]);

    let run = |o| drops_of(moved_beside_a_moved_binding(pa(), o), &log);
    assert_eq!(
        run(Some(D::new("dd", &log))),
        ["1", "~dd", "10", "end", "~pa"]
    );
    assert_eq!(run(None), ["0", "~pa", "10", "end"]);
}

/// A way through a split statement that always returns gets no copy of the code after
/// it. The `match` splits (one way that goes on moves `o`, the other does not); a copy of
/// the code after it on the way that returns would be dead code, and its `.await` would
/// still take a level of the stream's pinned slot that no emitted code stores a future
/// in, leaving that level's type unknown: E0282 "type annotations needed" (`--drops
/// --streams --seed 13019` p85, `--seed 13015` p135 and p143).
#[generator]
fn awaits_after_a_way_that_returns(log: Log, k: i64) -> impl gen_runtime::Stream<Item = i64> {
    let o = D::new("o", &log);
    match k {
        0 => {
            drop(o);
            yield_!(1);
            return;
        }
        1 => drop(o),
        _ => {}
    }
    let x = std::future::ready(k + 2).await;
    yield_!(x);
}

#[test]
fn an_await_after_a_way_that_returns_compiles_once() {
    let log = new_log();
    let run = |k| stream_drops_of(awaits_after_a_way_that_returns(log.clone(), k), &log);
    assert_eq!(run(0), ["1", "~o", "end"]);
    assert_eq!(run(1), ["3", "~o", "end"]);
    assert_eq!(run(2), ["4", "end", "~o"]);
}

/// A `match` guard names its arm's binding. Where the binding is carried under a name of
/// its own, because a later `let` of its name hides it, the guard uses that name too
/// (`--drops --all-constructs --seed 32104` p177: E0425 at the guard).
#[generator]
fn guard_of_a_renamed_arm_binding(
    log: Log,
    k: i64,
) -> impl Generator<i64, Yield = i64, Return = i64> {
    let acc: i64 = k;
    let o = D::new("o", &log);
    if k >= 0 {
        match yield_!(1) {
            x @ 0 if (x).wrapping_add(8) == 8 => {
                drop(o);
                let x: i64 = (x).wrapping_add(acc);
                assert_eq!(x, acc);
            }
            x @ 2 if x == 2 => {
                yield_!(20);
            }
            _ => {
                yield_!(30);
            }
        }
    }
    yield_!(acc);
    acc + 1
}

#[test]
fn a_guard_sees_its_arm_binding_under_its_carried_name() {
    // Resumed with `resumes` in turn (the first is dropped): each item or the return
    // value, then what that resume dropped.
    let run = |k, resumes: &[i64]| {
        let log = new_log();
        let mut g = guard_of_a_renamed_arm_binding(log.clone(), k);
        let mut out = Vec::new();
        for &r in resumes {
            let step = match g.resume(r) {
                GeneratorState::Yielded(y) => y.to_string(),
                GeneratorState::Complete(c) => format!("return {c}"),
            };
            out.push(step);
            out.extend(log.borrow_mut().drain(..).map(|d| format!("~{d}")));
        }
        out
    };
    assert_eq!(run(3, &[0, 0, 0]), ["1", "3", "~o", "return 4"]);
    assert_eq!(run(3, &[0, 2, 0, 0]), ["1", "20", "3", "return 4", "~o"]);
    assert_eq!(run(3, &[0, 5, 0, 0]), ["1", "30", "3", "return 4", "~o"]);
    assert_eq!(run(-1, &[0, 0]), ["-1", "return 0", "~o"]);
}
