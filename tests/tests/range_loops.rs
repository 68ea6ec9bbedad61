//! `for` loops over a range whose end is a literal or a constant path keep only the
//! range's start in the state; they must still behave exactly as `Range` does.

use std::cell::Cell;

use gen_runtime::{generator, yield_, Generator, GeneratorState};

#[generator]
fn squares() -> impl Iterator<Item = u32> + Clone {
    for i in 0..5 {
        yield_!(i * i);
    }
}

#[generator]
fn empty_range() -> impl Iterator<Item = i64> {
    for i in 5..3 {
        yield_!(i);
    }
    yield_!(-1);
}

#[generator]
fn up_to_max(from: u8) -> impl Iterator<Item = u8> {
    // `u8::MAX` itself is excluded, and the start never steps past it.
    for b in from..u8::MAX {
        yield_!(b);
    }
}

#[generator]
fn letters() -> impl Iterator<Item = char> {
    for c in 'a'..'e' {
        yield_!(c);
    }
}

struct Grid;

impl Grid {
    const SIDE: usize = 3;

    #[generator]
    fn cells(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        for y in 0..Self::SIDE {
            for x in 0..Self::SIDE {
                yield_!((x, y));
            }
        }
    }
}

#[generator]
fn start_evaluated_once(calls: &Cell<u32>) -> impl Iterator<Item = u32> + '_ {
    for i in {
        calls.set(calls.get() + 1);
        7
    }..10
    {
        yield_!(i);
    }
}

/// The start is the first resume value after the priming one.
#[generator]
fn start_from_resume() -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut sum = 0;
    for i in yield_!(100)..4 {
        sum += yield_!(i);
    }
    sum
}

#[generator]
fn counted(n: usize) -> impl Iterator<Item = usize> {
    for i in 0..n {
        yield_!(i);
    }
}

#[generator]
fn counted_to_constant() -> impl Iterator<Item = usize> {
    for i in 0..64 {
        yield_!(i);
    }
}

#[test]
fn constant_end_ranges_step_like_range() {
    assert_eq!(squares().collect::<Vec<_>>(), [0, 1, 4, 9, 16]);
    assert_eq!(empty_range().collect::<Vec<_>>(), [-1]);
    assert_eq!(
        up_to_max(250).collect::<Vec<_>>(),
        [250, 251, 252, 253, 254]
    );
    assert_eq!(up_to_max(255).count(), 0);
    assert_eq!(letters().collect::<String>(), "abcd");
    assert_eq!(
        Grid.cells().collect::<Vec<_>>(),
        [
            (0, 0),
            (1, 0),
            (2, 0),
            (0, 1),
            (1, 1),
            (2, 1),
            (0, 2),
            (1, 2),
            (2, 2)
        ]
    );
    let calls = Cell::new(0);
    assert_eq!(start_evaluated_once(&calls).collect::<Vec<_>>(), [7, 8, 9]);
    assert_eq!(calls.get(), 1);
}

#[test]
fn a_clone_continues_from_the_same_step() {
    let mut g = squares();
    assert_eq!(g.next(), Some(0));
    assert_eq!(g.next(), Some(1));
    let h = g.clone();
    assert_eq!(g.collect::<Vec<_>>(), [4, 9, 16]);
    assert_eq!(h.collect::<Vec<_>>(), [4, 9, 16]);
}

#[test]
fn the_start_may_come_from_a_yield() {
    let mut g = start_from_resume();
    assert!(matches!(g.resume(0), GeneratorState::Yielded(100)));
    assert!(matches!(g.resume(1), GeneratorState::Yielded(1)));
    assert!(matches!(g.resume(10), GeneratorState::Yielded(2)));
    assert!(matches!(g.resume(20), GeneratorState::Yielded(3)));
    assert!(matches!(g.resume(30), GeneratorState::Complete(60)));
}

#[test]
fn a_constant_end_is_not_held_in_the_state() {
    assert_eq!(counted(3).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(counted_to_constant().count(), 64);
    // `Range<usize>` against its start alone, each beside a one-byte discriminant.
    assert_eq!(std::mem::size_of_val(&counted(3)), 24);
    assert_eq!(std::mem::size_of_val(&counted_to_constant()), 16);
}

#[generator]
fn with_jumps() -> impl Iterator<Item = i32> {
    'outer: for i in -2..6 {
        if i == 0 {
            continue;
        }
        for mut j in 0..3u8 {
            j += 10;
            if i == 4 {
                break 'outer;
            }
            if j == 12 {
                break;
            }
            yield_!(i * 100 + i32::from(j));
        }
    }
    for _ in 0..2 {
        yield_!(-1);
    }
}

#[test]
fn jumps_patterns_and_typed_or_negative_bounds() {
    // The same loops run as plain Rust, for the expected items.
    let mut expected = Vec::new();
    'outer: for i in -2..6 {
        if i == 0 {
            continue;
        }
        for mut j in 0..3u8 {
            j += 10;
            if i == 4 {
                break 'outer;
            }
            if j == 12 {
                break;
            }
            expected.push(i * 100 + i32::from(j));
        }
    }
    expected.extend([-1, -1]);
    assert_eq!(with_jumps().collect::<Vec<_>>(), expected);
    assert_eq!(expected[..4], [-190, -189, -90, -89]);
}
