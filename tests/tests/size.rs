//! The state machine is as small as the live state at its largest suspension point plus
//! a discriminant: no boxing, no extra copies of dead locals.

use gen_runtime::{generator, yield_};

#[generator]
fn fib(n: usize) -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        yield_!(a);
        let t = a + b;
        a = b;
        b = t;
    }
}

/// What a hand-written fibonacci iterator would hold.
#[allow(dead_code)]
struct Hand {
    range: std::ops::Range<usize>,
    a: u64,
    b: u64,
}

#[test]
fn fib_yields_right_numbers() {
    assert_eq!(
        fib(10).collect::<Vec<_>>(),
        vec![0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    );
    assert_eq!(fib(0).count(), 0);
    assert_eq!(fib(90).last(), Some(1_779_979_416_004_714_189));
}

#[test]
fn fib_is_no_bigger_than_hand_written_plus_discriminant() {
    let g = fib(10);
    let size = std::mem::size_of_val(&g);
    assert!(
        size <= std::mem::size_of::<Hand>() + 8,
        "size_of fib generator = {}, hand-written = {}",
        size,
        std::mem::size_of::<Hand>()
    );
}

#[generator]
fn tiny() -> impl Iterator<Item = u8> {
    yield_!(1);
    yield_!(2);
}

#[test]
fn generator_holding_nothing_is_just_a_discriminant() {
    assert_eq!(tiny().collect::<Vec<_>>(), vec![1, 2]);
    // No box, no captured environment: only the state tag remains.
    assert!(
        std::mem::size_of_val(&tiny()) <= 2,
        "size = {}",
        std::mem::size_of_val(&tiny())
    );
}

#[generator]
fn scoped_buffer() -> impl Iterator<Item = u64> {
    let sum: u64 = {
        let buf = [1u8; 1024];
        buf.iter().map(|&x| x as u64).sum()
    };
    yield_!(sum);
    yield_!(sum * 2);
}

#[test]
fn locals_whose_scope_ended_are_not_held() {
    assert_eq!(scoped_buffer().collect::<Vec<_>>(), vec![1024, 2048]);
    // `buf` went out of scope before the first yield: it must not be in the state.
    let size = std::mem::size_of_val(&scoped_buffer());
    assert!(size <= 16, "size = {}", size);
}

/// Never read after their yields, and of types without drop glue: nothing can observe
/// when they are dropped, so no state holds them. (`_guard` would be held.)
#[generator]
fn unread_plain_locals(n: u64) -> impl Iterator<Item = u8> {
    let _count = 5u64;
    let _scale: f64 = 2.0;
    let _table = [0u32; 64];
    let _half = n as u32;
    yield_!(1);
    yield_!(2);
}

/// Never read after the loop, and of std containers of plain values, whose drop only
/// frees memory: the state after the loop does not hold them. (A `Vec` of values with a
/// drop of their own is held to the end of its block: `drops.rs`.)
#[generator]
fn scratch_after_loop(n: u64) -> impl Iterator<Item = u64> {
    let mut scratch: Vec<u64> = Vec::with_capacity(4);
    let mut names: Option<Box<String>> = None;
    for i in 0..n {
        scratch.push(i);
        names = Some(Box::new(format!("{i}")));
        yield_!(i);
    }
    yield_!(scratch.len() as u64 + u64::from(names.is_some()));
    yield_!(100);
    yield_!(200);
}

/// The containers are read before the first yield only: no suspension point holds them.
#[generator]
fn scratch_before_yields(k: u64) -> impl Iterator<Item = u64> {
    let scratch: Vec<u64> = (0..k).collect();
    let name: Option<Box<String>> = Some(Box::new(format!("{k}")));
    let total = scratch.iter().sum::<u64>() + u64::from(name.is_some());
    yield_!(total);
    yield_!(100);
}

#[test]
fn unread_containers_of_plain_values_are_not_held() {
    assert_eq!(scratch_before_yields(4).collect::<Vec<_>>(), [7, 100]);
    // Carried, the `Vec` and the box would add 32 bytes to the yields' states.
    assert_eq!(
        std::mem::size_of_val(&scratch_before_yields(4)),
        std::mem::size_of::<u64>() * 2,
        "Start holds `k`; no suspension point holds anything"
    );
    assert_eq!(
        scratch_after_loop(3).collect::<Vec<_>>(),
        [0, 1, 2, 4, 100, 200]
    );
    let mut g = scratch_after_loop(2);
    assert_eq!(g.by_ref().take(3).collect::<Vec<_>>(), [0, 1, 3]);
    // Past the loop, the states hold nothing: the `Vec` and the `Option<Box<String>>`
    // were freed at the yield after the loop. `n`, the loop's range, the `Vec` and the
    // `Option` are only held by the loop's state (plus the first-resume flag and tag).
    assert!(
        std::mem::size_of_val(&g) <= 8 + 16 + 24 + 8 + 8,
        "{}",
        std::mem::size_of_val(&g)
    );
}

#[test]
fn unread_locals_without_drop_glue_are_not_held() {
    assert_eq!(unread_plain_locals(7).collect::<Vec<_>>(), vec![1, 2]);
    // `n` is read by the first segment only; the others are never read.
    assert_eq!(
        std::mem::size_of_val(&unread_plain_locals(7)),
        std::mem::size_of::<u64>() * 2,
        "Start holds `n`; no suspension point holds anything"
    );
}
