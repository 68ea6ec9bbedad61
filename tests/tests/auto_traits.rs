//! Auto traits follow the held state: a generator is `Send`/`Sync` when everything it holds
//! across its suspension points is, and every kind is `Unpin` (the state is an ordinary
//! enum, never self-referential). `impl Trait` return types leak auto traits, so these
//! are checked on the values callers get. The negative case (an `Rc` held across a yield)
//! is the compile-fail case `ui/fail/rc_across_yield_not_send.rs`.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use gen_runtime::{
    gen_fn, gen_iter, gen_stream, generator, yield_, yield_from, Generator, GeneratorExt,
};

fn assert_send<T: Send>(_: &T) {}
fn assert_sync<T: Sync>(_: &T) {}
fn assert_unpin<T: Unpin>(_: &T) {}

/// All three, for the common case.
fn assert_send_sync_unpin<T: Send + Sync + Unpin>(t: &T) {
    assert_send(t);
    assert_sync(t);
    assert_unpin(t);
}

// ---------------------------------------------------------------------------------------
// Send + Sync data

#[generator]
fn strings(words: Vec<String>) -> impl Iterator<Item = String> {
    let suffix = String::from("!");
    for w in words {
        yield_!(w + &suffix);
    }
}

#[generator]
fn shared(counter: Arc<Mutex<u32>>, n: u32) -> impl Iterator<Item = u32> {
    for _ in 0..n {
        let v = {
            let mut g = counter.lock().unwrap();
            *g += 1;
            *g
        };
        yield_!(v);
    }
}

#[generator]
fn borrowed<'a>(items: &'a [u64]) -> impl Iterator<Item = u64> + 'a {
    for &x in items {
        yield_!(x * 2);
    }
}

#[generator]
fn summing() -> impl Generator<u32, Yield = u32, Return = Vec<u32>> {
    let mut seen = Vec::new();
    loop {
        let x = yield_!(seen.len() as u32);
        if x == 0 {
            return seen;
        }
        seen.push(x);
    }
}

gen_fn! {
    fn keyword(n: u32) -> impl Iterator<Item = Box<u32>> {
        let mut b = Box::new(0);
        while *b < n {
            yield b.clone();
            *b += 1;
        }
    }
}

#[test]
fn iterators_of_send_sync_data_are_send_and_sync() {
    let it = strings(vec!["a".into(), "b".into()]);
    assert_send_sync_unpin(&it);
    // Moved to another thread, mid-way.
    let mut it = it;
    assert_eq!(it.next().as_deref(), Some("a!"));
    let rest = std::thread::spawn(move || it.collect::<Vec<_>>())
        .join()
        .unwrap();
    assert_eq!(rest, ["b!"]);

    let counter = Arc::new(Mutex::new(0));
    let it = shared(counter.clone(), 3);
    assert_send_sync_unpin(&it);
    let got = std::thread::spawn(move || it.collect::<Vec<_>>())
        .join()
        .unwrap();
    assert_eq!(got, [1, 2, 3]);
    assert_eq!(*counter.lock().unwrap(), 3);

    let data = [1, 2, 3];
    let it = borrowed(&data);
    assert_send_sync_unpin(&it);
    std::thread::scope(|s| {
        let got = s.spawn(move || it.collect::<Vec<_>>()).join().unwrap();
        assert_eq!(got, [2, 4, 6]);
    });

    let it = keyword(2);
    assert_send_sync_unpin(&it);
    assert_eq!(it.map(|b| *b).collect::<Vec<_>>(), [0, 1]);
}

#[test]
fn coroutines_of_send_sync_data_are_send_and_sync() {
    let mut g = summing();
    assert_send_sync_unpin(&g);
    g.resume(0);
    g.resume(5);
    let got = std::thread::spawn(move || {
        g.resume(6);
        g.resume(0)
    })
    .join()
    .unwrap();
    assert_eq!(got, gen_runtime::GeneratorState::Complete(vec![5, 6]));
}

#[test]
fn gen_iter_of_send_sync_captures_is_send_and_sync() {
    let v = vec![String::from("x"), String::from("y")];
    let it = gen_iter! {
        for s in v {
            yield s.len();
        }
    };
    assert_send_sync_unpin(&it);
    assert_eq!(
        std::thread::spawn(move || it.sum::<usize>())
            .join()
            .unwrap(),
        2
    );
}

// ---------------------------------------------------------------------------------------
// Not-Send data that does not live across a suspension point

/// The `Rc` is created, used and dropped before the first yield: it is not part of any
/// suspended state, so the generator is still `Send`.
#[generator]
fn rc_before_first_yield(n: u32) -> impl Iterator<Item = u32> {
    let start = {
        let rc = Rc::new(n);
        *rc + 1
    };
    for i in 0..3 {
        yield_!(start + i);
    }
}

/// Same, with the `Rc` a plain local of the body (not in a block) whose last use precedes
/// the first yield.
#[generator]
fn rc_local_dead_before_yield(n: u32) -> impl Iterator<Item = u32> {
    let rc = Rc::new(n);
    let start = *rc * 10;
    drop(rc);
    yield_!(start);
    yield_!(start + 1);
}

/// A `Cell` (Send but not Sync) held across yields: Send, not required to be Sync.
#[generator]
fn cell_across_yields(n: u32) -> impl Iterator<Item = u32> {
    let c = Cell::new(n);
    for _ in 0..2 {
        yield_!(c.get());
        c.set(c.get() + 1);
    }
}

#[test]
fn a_not_send_local_that_dies_before_the_first_yield_keeps_it_send() {
    let it = rc_before_first_yield(4);
    assert_send(&it);
    assert_sync(&it);
    assert_eq!(
        std::thread::spawn(move || it.collect::<Vec<_>>())
            .join()
            .unwrap(),
        [5, 6, 7]
    );

    let it = rc_local_dead_before_yield(2);
    assert_send(&it);
    assert_eq!(it.collect::<Vec<_>>(), [20, 21]);
}

#[test]
fn a_send_but_not_sync_local_makes_it_send() {
    let it = cell_across_yields(1);
    assert_send(&it);
    assert_unpin(&it);
    assert_eq!(
        std::thread::spawn(move || it.collect::<Vec<_>>())
            .join()
            .unwrap(),
        [1, 2]
    );
}

// ---------------------------------------------------------------------------------------
// Unpin, whatever is held

/// Holds an `Rc` across yields: not Send, but still Unpin.
#[generator]
fn rc_across_yields(n: u32) -> impl Iterator<Item = u32> {
    let rc = Rc::new(n);
    yield_!(*rc);
    yield_!(*rc + 1);
}

#[generator]
fn rc_pair(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    let rc = Rc::new(n);
    yield_!(*rc);
    yield_!(*rc + 1);
    *rc * 10
}

#[generator]
fn delegating(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    let rc = Rc::new(n);
    let inner = yield_from!(rc_pair(*rc));
    inner + *rc
}

#[generator]
fn boxed(n: u32) -> Box<dyn Iterator<Item = u32>> {
    if n > 0 {
        yield_!(n);
        yield_from!(boxed(n - 1));
    }
}

/// Holds a `!Unpin` value across a yield: the generator is `Unpin` all the same, since
/// nothing in it is ever pinned (as nightly's movable coroutines are).
#[generator]
fn pinned_inside() -> impl Generator<Yield = u32, Return = ()> + Unpin {
    let marker = std::marker::PhantomPinned;
    yield_!(1);
    let _ = &marker;
    yield_!(2);
}

/// The same in a body that keeps its locals in place (boxed frame).
#[generator]
fn pinned_inside_in_place() -> impl Iterator<Item = u32> + Unpin {
    let marker = std::marker::PhantomPinned;
    let v = [1, 2];
    for x in &v {
        let _ = &marker;
        yield_!(*x);
    }
}

/// Whether the type of the expression is `Unpin`, for a concrete (or opaque) type at the
/// call site: the inherent-looking method of `Probe<T>` exists only when `T: Unpin`, the
/// one of `&Probe<T>` always, and method lookup tries the former first.
macro_rules! is_unpin {
    ($e:expr) => {{
        struct Probe<T>(std::marker::PhantomData<T>);
        #[allow(dead_code)] // each use leaves one of the two traits unused
        trait Yes {
            fn unpin(&self) -> bool {
                true
            }
        }
        impl<T: Unpin> Yes for Probe<T> {}
        #[allow(dead_code)]
        trait No {
            fn unpin(&self) -> bool {
                false
            }
        }
        impl<T> No for &Probe<T> {}
        fn probe<T>(_: &T) -> Probe<T> {
            Probe(std::marker::PhantomData)
        }
        (&probe(&$e)).unpin()
    }};
}

#[test]
fn holding_a_value_that_is_not_unpin_leaves_them_unpin() {
    assert!(is_unpin!(1u8));
    assert!(!is_unpin!(std::marker::PhantomPinned));
    let mut boxed: Box<dyn Generator<Yield = u32, Return = ()> + Unpin> = Box::new(pinned_inside());
    assert_eq!(boxed.resume(()), gen_runtime::GeneratorState::Yielded(1));
    assert_eq!(boxed.resume(()), gen_runtime::GeneratorState::Yielded(2));
    let it = pinned_inside_in_place();
    assert!(is_unpin!(it));
    assert_eq!(it.collect::<Vec<_>>(), [1, 2]);
}

/// Streams keep what they pin: one awaiting a future that is not `Unpin` is not `Unpin`;
/// one that keeps its locals in place never is.
#[test]
fn streams_are_unpin_only_when_what_they_pin_is() {
    async fn later(x: u32) -> u32 {
        x
    }
    let awaits = gen_stream! {
        yield later(1).await;
    };
    assert!(!is_unpin!(awaits));
    let plain = gen_stream! {
        yield 1u32;
    };
    assert!(is_unpin!(plain));
    let v = vec![1u32];
    let in_place = gen_stream! {
        let v = v;
        for x in &v {
            yield *x;
        }
    };
    assert!(!is_unpin!(in_place));
}

#[test]
fn every_kind_is_unpin() {
    let it = rc_across_yields(1);
    assert_unpin(&it);
    assert_eq!(it.collect::<Vec<_>>(), [1, 2]);

    let g = delegating(3);
    assert_unpin(&g);
    assert_eq!(g.run(), (vec![3, 4], 33));

    let rc = Rc::new(5);
    let it = gen_iter! {
        yield *rc;
        yield *rc * 2;
    };
    assert_unpin(&it);
    assert_eq!(it.collect::<Vec<_>>(), [5, 10]);

    let it = boxed(3);
    assert_unpin(&it);
    assert_eq!(it.collect::<Vec<_>>(), [3, 2, 1]);

    let it = keyword(1);
    assert_unpin(&it);

    let it = delegating(1).iter();
    assert_unpin(&it);
}

// ---------------------------------------------------------------------------------------
// In-place states and join points hold the same data, so the same auto traits

/// A buffer updated in place beside a `String` travelling by value, and a join point
/// after the loop.
#[generator]
fn in_place_buffer(n: usize) -> impl Iterator<Item = usize> {
    let mut buf = [0usize; 32];
    let mut note = String::new();
    for i in 0..n {
        buf[i % 32] += i;
        note.push('x');
        yield_!(buf[i % 32] + note.len());
    }
    let total: usize = buf.iter().sum();
    yield_!(total);
}

/// The same with an `Rc` in place: not `Send`, still `Unpin`.
#[generator]
fn in_place_rc(n: usize) -> impl Iterator<Item = usize> {
    let mut buf = [0usize; 32];
    let shared = Rc::new(7);
    for i in 0..n {
        buf[i % 32] += *shared;
        yield_!(buf[i % 32]);
    }
}

#[test]
fn in_place_states_follow_what_they_hold() {
    let g = in_place_buffer(3);
    assert_send_sync_unpin(&g);
    assert_eq!(g.collect::<Vec<_>>(), [1, 3, 5, 3]);
    let r = in_place_rc(2);
    assert_unpin(&r);
    assert_eq!(r.collect::<Vec<_>>(), [7, 7]);
}
