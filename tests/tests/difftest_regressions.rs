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
