//! Suspension points in loops whose arm updates long-lived locals in place, in the state,
//! instead of moving the state out and back (see gen-macros' `inplace` phase): the same
//! values, drops, panics and clones as every other arm. Only states that hold a large
//! array go in place, so most generators here start with an unused `_pad` array (of a
//! type of its own: an unread array of integers has no drop to wait for, so it is not
//! carried at all).

use std::panic::{catch_unwind, AssertUnwindSafe};

use gen_runtime::{generator, yield_, Generator, GeneratorState};

#[path = "common/drop_log.rs"]
mod drop_log;
use drop_log::{new_log, snapshot, Log, D};

/// Not a primitive, so that an unread `[Pad(0); 16]` lives to the end of its block.
#[derive(Clone, Copy)]
struct Pad(#[allow(dead_code)] u8);

fn xorshift(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

/// A buffer refilled in place and read across yields (the benchmark's workload).
#[generator]
fn buffered(refills: usize, seed: u64) -> impl Iterator<Item = u64> {
    let mut buf = [0u64; 16];
    let mut x = seed;
    for _ in 0..refills {
        for slot in buf.iter_mut() {
            x = xorshift(x);
            *slot = x;
        }
        for i in 0..16 {
            yield_!(buf[i] ^ i as u64);
        }
    }
}

fn buffered_plain(refills: usize, seed: u64) -> Vec<u64> {
    let mut out = Vec::new();
    let mut x = seed;
    for _ in 0..refills {
        let mut buf = [0u64; 16];
        for slot in buf.iter_mut() {
            x = xorshift(x);
            *slot = x;
        }
        out.extend(buf.iter().enumerate().map(|(i, v)| v ^ i as u64));
    }
    out
}

#[test]
fn a_buffer_updated_in_place_yields_what_plain_code_computes() {
    assert_eq!(buffered(3, 7).collect::<Vec<_>>(), buffered_plain(3, 7));
    assert_eq!(buffered(0, 7).count(), 0);
}

/// `v` is kept in place by both loops' yields and carried by the one between them.
#[generator]
fn phases() -> impl Iterator<Item = usize> {
    let _pad = [Pad(0); 16];
    let mut v = Vec::new();
    for i in 0..3 {
        v.push(i);
        yield_!(v.len());
    }
    yield_!(v.len() * 10);
    for i in 0..2 {
        v.push(i + 10);
        yield_!(v.len() + v[v.len() - 1]);
    }
}

#[test]
fn leaving_and_reentering_in_place_states_keeps_the_values() {
    assert_eq!(phases().collect::<Vec<_>>(), [1, 2, 3, 30, 14, 16]);
}

/// `old` is kept in place (only borrowed); `n` and `young`, younger and used by value,
/// travel by value. A never-read `_guard` stays in place untouched.
#[generator]
fn kept_and_travelling(log: Log) -> impl Iterator<Item = usize> {
    let _pad = [Pad(0); 16];
    let _guard = D("guard", log.clone());
    let old = vec![D("old", log.clone())];
    let mut n = 0;
    let young = D("young", log.clone());
    while n < 2 {
        n += 1;
        yield_!(n + old.len());
    }
    drop(young);
    yield_!(0);
}

#[test]
fn completion_drops_travelling_locals_before_kept_ones_as_plain_rust_does() {
    let log = new_log();
    let mut g = kept_and_travelling(log.clone());
    assert_eq!(g.next(), Some(2));
    assert_eq!(g.next(), Some(3));
    assert!(snapshot(&log).is_empty());
    assert_eq!(g.next(), Some(0));
    assert_eq!(snapshot(&log), ["young"]);
    assert_eq!(g.next(), None);
    // Plain Rust drops `old` then `_guard` at the end of the body: youngest first.
    assert_eq!(snapshot(&log), ["young", "old", "guard"]);
    drop(g);
    assert_eq!(snapshot(&log), ["young", "old", "guard"]);
}

#[test]
fn a_generator_dropped_in_an_in_place_state_drops_each_local_once_youngest_first() {
    let log = new_log();
    let mut g = kept_and_travelling(log.clone());
    assert_eq!(g.next(), Some(2));
    assert_eq!(g.next(), Some(3));
    drop(g);
    assert_eq!(snapshot(&log), ["young", "old", "guard"]);
}

/// Panics on the resume after `panic_at` values; `kept` is in place when it does.
#[generator]
fn panicky(log: Log, panic_at: usize) -> impl Iterator<Item = usize> {
    let _pad = [Pad(0); 16];
    // (Not `vec![…]`: a local named inside a macro's tokens cannot stay in place.)
    let kept = [D("kept", log.clone())];
    let mut i = 0;
    loop {
        if i == panic_at {
            panic!("boom");
        }
        i += 1;
        yield_!(i * kept.len());
    }
}

#[test]
fn a_panic_in_an_in_place_arm_fuses_the_iterator_and_drops_once() {
    let log = new_log();
    let mut g = panicky(log.clone(), 2);
    assert_eq!(g.next(), Some(1));
    assert_eq!(g.next(), Some(2));
    let caught = catch_unwind(AssertUnwindSafe(|| g.next()));
    assert!(caught.is_err());
    assert!(
        snapshot(&log).is_empty(),
        "the kept value is still in the state"
    );
    assert_eq!(g.next(), None);
    assert_eq!(
        snapshot(&log),
        ["kept"],
        "the poisoned state drops what it kept"
    );
    assert_eq!(g.next(), None);
    drop(g);
    assert_eq!(snapshot(&log), ["kept"]);
}

/// A running history kept in place.
#[generator(resume = first)]
fn history() -> impl Generator<u32, Yield = usize, Return = u32> {
    let _pad = [Pad(0); 16];
    let mut seen = Vec::new();
    let mut x = first;
    while x != 0 {
        seen.push(x);
        assert!(x != 99, "refused");
        x = yield_!(seen.len());
    }
    seen.iter().sum()
}

#[test]
fn a_resumable_generator_with_a_kept_history_completes_with_it() {
    let mut g = history();
    assert_eq!(g.resume(5), GeneratorState::Yielded(1));
    assert_eq!(g.resume(6), GeneratorState::Yielded(2));
    assert_eq!(g.resume(0), GeneratorState::Complete(11));
    let after = catch_unwind(AssertUnwindSafe(|| g.resume(1)));
    let message = after.unwrap_err();
    assert_eq!(
        message.downcast_ref::<&str>(),
        Some(&"generator resumed after completion")
    );
}

#[test]
fn a_resumable_generator_poisoned_in_an_in_place_arm_says_so() {
    let mut g = history();
    assert_eq!(g.resume(5), GeneratorState::Yielded(1));
    assert!(catch_unwind(AssertUnwindSafe(|| g.resume(99))).is_err());
    for _ in 0..2 {
        let again = catch_unwind(AssertUnwindSafe(|| g.resume(1))).unwrap_err();
        assert_eq!(
            again.downcast_ref::<&str>(),
            Some(&"generator resumed after panicking")
        );
    }
}

#[generator]
fn counter_with_log(limit: usize) -> impl Iterator<Item = Vec<usize>> + Clone {
    let _pad = [Pad(0); 16];
    let mut seen = Vec::new();
    for i in 0..limit {
        seen.push(i);
        yield_!(seen.clone());
    }
}

#[test]
fn a_clone_of_an_in_place_state_continues_independently() {
    let mut a = counter_with_log(3);
    assert_eq!(a.next(), Some(vec![0]));
    let mut b = a.clone();
    assert_eq!(a.next(), Some(vec![0, 1]));
    assert_eq!(a.next(), Some(vec![0, 1, 2]));
    assert_eq!(a.next(), None);
    assert_eq!(b.next(), Some(vec![0, 1]));
    assert_eq!(b.collect::<Vec<_>>(), [vec![0, 1, 2]]);
}

/// Indexing, compound assignment through an index, `&mut`, assignment and method calls
/// all see the kept local as the place it is.
#[generator]
fn places(n: u32) -> impl Iterator<Item = u64> {
    let _pad = [Pad(0); 16];
    let mut arr = [1u64, 2, 3];
    for i in 0..n {
        arr[(i % 3) as usize] += 10;
        bump(&mut arr);
        if i == 1 {
            arr = [0, 0, 0];
        }
        yield_!(arr.iter().sum::<u64>());
    }
}

fn bump(a: &mut [u64; 3]) {
    for v in a.iter_mut() {
        *v += 1;
    }
}

#[test]
fn kept_locals_behave_as_places() {
    // [11,2,3] → [12,3,4] = 19; [12,13,4] → reset → 0; [0,0,10] → [1,1,11] = 13
    assert_eq!(places(3).collect::<Vec<_>>(), [19, 0, 13]);
}

/// `return` of a read of a kept array, from inside its loop. (Found by tools/difftest: the
/// value was rewritten into a place twice.)
#[generator]
fn returns_from_the_array() -> impl Generator<i64, Yield = i64, Return = i64> {
    let buf = [1i64; 16];
    loop {
        yield_!(3);
        return buf[0] + buf.len() as i64;
    }
}

#[test]
fn a_return_value_reads_the_kept_array_once_dereferenced() {
    let mut g = returns_from_the_array();
    assert_eq!(g.resume(0), GeneratorState::Yielded(3));
    assert_eq!(g.resume(0), GeneratorState::Complete(17));
}

/// A large array parameter (large by its declared type) stays in place too.
#[generator]
fn panicky_param(kept: [Option<D>; 16], panic_at: usize) -> impl Iterator<Item = usize> {
    let mut i = 0;
    loop {
        if i == panic_at {
            panic!("boom");
        }
        i += 1;
        yield_!(i + kept.len());
    }
}

#[test]
fn a_large_array_parameter_is_kept_in_place() {
    let log = new_log();
    let kept = std::array::from_fn(|j| (j == 0).then(|| D("param", log.clone())));
    let mut g = panicky_param(kept, 1);
    assert_eq!(g.next(), Some(17));
    assert!(catch_unwind(AssertUnwindSafe(|| g.next())).is_err());
    assert!(
        snapshot(&log).is_empty(),
        "the kept parameter is still in the state"
    );
    assert_eq!(g.next(), None);
    assert_eq!(snapshot(&log), ["param"]);
}
