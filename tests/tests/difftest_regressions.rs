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
