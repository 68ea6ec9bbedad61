//! Cases reduced from `tools/difftest` runs, kept once they pass. Each asserts the trace a
//! nightly `#[coroutine]` closure with the same body produces when resumed with 1, 2, 3, …
//! (the first argument is dropped, as gen-runtime does).

use gen_runtime::{generator, yield_, yield_from, Generator, GeneratorState};

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
