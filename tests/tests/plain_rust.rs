//! Generators against the same body in plain Rust: every drop, in order and at the same
//! moment relative to the yields, after running to the end and after being dropped while
//! suspended after k resumes, for every k, in the iterator, `Generator` and stream kinds.
//!
//! `same_body!` writes one body four times: as an iterator, a `Generator`, a stream, and
//! a plain function whose `yield_!(v)` logs `yield v` and, once the run's budget of
//! yields is spent, unwinds (which drops what is live there, as dropping a suspended
//! generator must).

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static BUDGET: Cell<Option<usize>> = const { Cell::new(None) };
}

fn log(entry: String) {
    LOG.with(|l| l.borrow_mut().push(entry));
}

fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Logs its creation and its drop.
pub struct Noisy {
    pub id: u32,
    pub other: u32,
}

impl Noisy {
    pub fn new(id: u32) -> Self {
        log(format!("new {id}"));
        Noisy { id, other: id * 10 }
    }
}

impl Drop for Noisy {
    fn drop(&mut self) {
        log(format!("drop {}", self.id));
    }
}

/// A value with fields of every sort, to be taken apart.
pub struct Bag {
    pub items: Vec<Noisy>,
    pub count: u32,
    pub tag: Noisy,
}

impl Bag {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Bag {
            items: vec![Noisy::new(1), Noisy::new(2)],
            count: 7,
            tag: Noisy::new(3),
        }
    }
}

/// A condition the macro cannot see through.
pub fn flag(v: bool) -> bool {
    std::hint::black_box(v)
}

pub fn consume(n: Noisy) {
    log(format!("consume {}", n.id));
}

struct Stop;

/// The plain body's `yield_!`.
pub fn plain_yield(v: u32) {
    log(format!("yield {v}"));
    let left = BUDGET.with(Cell::get);
    if let Some(left) = left {
        if left == 0 {
            std::panic::resume_unwind(Box::new(Stop));
        }
        BUDGET.with(|b| b.set(Some(left - 1)));
    }
}

/// The plain body run to the end (`None`) or unwound at its `k + 1`-th yield.
fn plain_run(k: Option<usize>, run: &dyn Fn()) -> Vec<String> {
    take_log();
    // `k` yields are handed out; the next one stops.
    BUDGET.with(|b| b.set(k.map(|k| k - 1)));
    let result = catch_unwind(AssertUnwindSafe(run));
    BUDGET.with(|b| b.set(None));
    if let Err(payload) = result {
        assert!(payload.is::<Stop>(), "the plain body panicked");
    }
    take_log()
}

/// Compares a generator with the plain body: run to the end, and dropped after each
/// number of resumes (`resume` resumes once, logging what it gets, and says whether
/// there was an item).
fn compare<G>(what: &str, make: &dyn Fn() -> G, resume: &dyn Fn(&mut G) -> bool, plain: &dyn Fn()) {
    let expected = plain_run(None, plain);
    take_log();
    let mut g = make();
    let mut items = 0;
    while resume(&mut g) {
        items += 1;
    }
    drop(g);
    assert_eq!(take_log(), expected, "{what}: run to the end");
    // Dropped before its first resume: only the arguments, made and dropped.
    let mut g = Some(make());
    drop(g.take());
    let unresumed = take_log();
    for k in 1..=items {
        let expected = plain_run(Some(k), plain);
        let mut g = make();
        for _ in 0..k {
            assert!(resume(&mut g));
        }
        drop(g);
        assert_eq!(take_log(), expected, "{what}: dropped after {k} resumes");
    }
    assert!(
        !unresumed.iter().any(|e| e.starts_with("yield")),
        "{what}: ran before a resume"
    );
}

fn poll_once<S: futures::Stream<Item = u32>>(s: &mut std::pin::Pin<Box<S>>) -> bool {
    let waker = futures::task::noop_waker();
    let mut cx = std::task::Context::from_waker(&waker);
    match s.as_mut().poll_next(&mut cx) {
        std::task::Poll::Ready(Some(v)) => {
            log(format!("yield {v}"));
            true
        }
        std::task::Poll::Ready(None) => false,
        std::task::Poll::Pending => panic!("these bodies never wait"),
    }
}

/// One body, four ways, run with each list of arguments (made afresh for each run).
macro_rules! same_body {
    ($name:ident ($($p:ident: $t:ty),*) for [$(($($arg:expr),*)),+] $body:block) => {
        mod $name {
            #![allow(unused_variables, unused_mut, unused_assignments, clippy::all)]
            pub mod iterator {
                use gen_runtime::{generator, yield_};
                use crate::*;
                #[generator]
                pub fn run($($p: $t),*) -> impl Iterator<Item = u32> $body
            }
            pub mod coroutine {
                use gen_runtime::{generator, yield_, Generator};
                use crate::*;
                #[generator]
                pub fn run($($p: $t),*) -> impl Generator<Yield = u32, Return = ()> $body
            }
            pub mod stream {
                use gen_runtime::{generator, yield_, Stream};
                use crate::*;
                #[generator]
                pub fn run($($p: $t),*) -> impl Stream<Item = u32> $body
            }
            pub mod plain {
                use crate::*;
                macro_rules! yield_ {
                    ($e:expr) => {
                        plain_yield($e)
                    };
                }
                pub fn run($($p: $t),*) $body
            }
            #[test]
            fn same_drops_as_plain_rust() {
                #[allow(unused_imports)]
                use crate::*;
                use gen_runtime::{Generator, GeneratorState};
                $(
                let plain = || plain::run($($arg),*);
                crate::compare(
                    "iterator",
                    &|| iterator::run($($arg),*),
                    &|g| g.next().map(|v| crate::log(format!("yield {v}"))).is_some(),
                    &plain,
                );
                crate::compare(
                    "Generator",
                    &|| coroutine::run($($arg),*),
                    &|g| match g.resume(()) {
                        GeneratorState::Yielded(v) => {
                            crate::log(format!("yield {v}"));
                            true
                        }
                        GeneratorState::Complete(()) => false,
                    },
                    &plain,
                );
                crate::compare(
                    "stream",
                    &|| Box::pin(stream::run($($arg),*)),
                    &crate::poll_once,
                    &plain,
                );
                )+
            }
        }
    };
}

// A value read through a field stays whole: the field is copied out, and the value (a
// parameter and a local here) lives to the end of the body.
same_body!(field_reads(arg: Noisy) for [(Noisy::new(9))] {
    let a = Noisy::new(1);
    yield_!(a.id + arg.id);
    log("after".into());
    yield_!(a.other);
    let b = Noisy::new(2);
    if b.id > 1 {
        yield_!(b.other);
    }
});

// A method call on a value borrows it unless the method is one of std's consuming ones.
same_body!(method_receivers(n: u32) for [(3)] {
    let v = vec![Noisy::new(1), Noisy::new(2)];
    yield_!(v.len() as u32);
    let it = v.into_iter();
    let total: u32 = it.map(|x| x.id).sum();
    yield_!(total + n);
});

// Guards never read again live to the end of their block; values moved before a yield
// are not carried.
same_body!(guards_and_moves(n: u32) for [(2)] {
    let _guard = Noisy::new(1);
    let moved = Noisy::new(2);
    consume(moved);
    for i in 0..n {
        let inner = Noisy::new(10 + i);
        yield_!(inner.id);
    }
    {
        let _scoped = Noisy::new(3);
        yield_!(100);
    }
    yield_!(200);
});

// A value partly moved (its `items`, by a `for` loop) before a yield and read after it:
// the fields named later are carried on their own, and drop where the rest of the value
// would in plain Rust.
same_body!(partly_moved(bag: Bag) for [(Bag::new())] {
    for x in bag.items {
        yield_!(x.id);
    }
    yield_!(bag.count);
    log(format!("count {}", bag.count));
    yield_!(bag.tag.id);
});

// A `self`-consuming method, the same way; a field the body never names after the move
// (`tag` here) cannot be carried, and is dropped at the first suspension point after it.
impl Bag {
    #[gen_runtime::generator]
    fn drain(self) -> impl Iterator<Item = u32> {
        for x in self.items {
            gen_runtime::yield_!(x.id);
        }
        gen_runtime::yield_!(self.count);
    }
}

#[test]
fn a_self_consuming_method_keeps_the_fields_it_reads() {
    take_log();
    let got: Vec<u32> = Bag::new().drain().collect();
    assert_eq!(got, [1, 2, 7]);
    assert_eq!(
        take_log(),
        ["new 1", "new 2", "new 3", "drop 3", "drop 1", "drop 2"]
    );
}

#[test]
fn nested_gen_iter_with_its_own_loop() {
    use gen_runtime::gen_iter;
    let v: Vec<u32> = gen_iter! {
        for i in 0..3u32 {
            let w: Vec<u32> = gen_iter! { for j in 0..i { yield j * 10; } }.collect();
            yield w.iter().sum::<u32>() + i;
        }
    }
    .collect();
    assert_eq!(v, [0, 1, 12]);
}

// A value moved on one way only keeps a drop flag in plain Rust: the rest of the block
// is lowered once per way, each knowing whether the value is there.
same_body!(moved_on_one_branch(f: bool, g: bool) for [(false, true), (true, false), (true, true)] {
    let b = Noisy::new(2);
    if flag(f) {
        consume(b);
    }
    yield_!(1);
    log("after".into());
    let c = Noisy::new(3);
    match flag(g) {
        true => consume(c),
        false => {}
    }
    yield_!(2);
    let d: Noisy;
    if flag(!f) {
        d = Noisy::new(4);
    }
    yield_!(3);
});

// The same where the branch that moves holds a suspension point, and in a loop.
same_body!(moved_on_a_branch_that_yields(f: bool) for [(true), (false)] {
    let a = Noisy::new(1);
    let b = Noisy::new(2);
    if flag(f) {
        consume(a);
        yield_!(1);
    } else {
        yield_!(2);
    }
    yield_!(3);
    for i in 0..2 {
        let e = Noisy::new(10 + i);
        if flag(i == 0) {
            consume(e);
        }
        yield_!(4 + i);
    }
    yield_!(b.id);
});

// The branches suspend and the code after them does not: where the ways meet, a value
// moved on one of them still drops where plain Rust drops it, after that code.
same_body!(moved_on_a_branch_then_no_more_yields(f: bool) for [(true), (false)] {
    let a = Noisy::new(1);
    if flag(f) {
        consume(a);
        yield_!(1);
    } else {
        yield_!(2);
    }
    log("after".into());
    let c = Noisy::new(3);
});

// The same in a loop's body, whose values end with each pass.
same_body!(moved_in_a_loop_on_a_branch_then_no_more_yields(n: u32) for [(3)] {
    for i in 0..n {
        let e = Noisy::new(10 + i);
        if flag(i % 2 == 0) {
            consume(e);
            yield_!(4);
        } else {
            yield_!(5);
        }
        log(format!("end of pass {i}"));
        let _f = Noisy::new(20 + i);
    }
});

// Eighteen statements that each split the code after them (as above): every one keeps
// plain Rust's drop, past the sixteenth.
macro_rules! splits_in_a_row {
    ($($n:literal)+) => {
        same_body!(eighteen_splits(f: bool) for [(true), (false)] {
            $({
                let a = Noisy::new($n);
                if flag(f) {
                    consume(a);
                    yield_!($n);
                } else {
                    yield_!(100 + $n);
                }
                log(format!("after {}", $n));
            })+
        });
    };
}
splits_in_a_row!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18);

// Yields inside the arguments of std macros, left to right, each macro keeping its
// meaning: `vec!` moves its elements, the formatting macros borrow theirs, `assert!`
// evaluates its message only when it fails.
same_body!(yields_in_macro_arguments(n: u32) for [(3)] {
    let v = vec![
        {
            yield_!(1);
            Noisy::new(10)
        },
        {
            yield_!(2);
            Noisy::new(11)
        },
    ];
    log(format!("{} {}", v.len(), {
        yield_!(3);
        n
    }));
    assert!(
        {
            yield_!(4);
            true
        },
        "{}",
        {
            yield_!(5);
            "never evaluated"
        }
    );
    assert_eq!(
        {
            yield_!(6);
            n
        },
        3
    );
    let m = matches!(
        Some({
            yield_!(7);
            n
        }),
        Some(3)
    );
    yield_!(if m { 8 } else { 9 });
});

// Yields in match guards: a false guard tries the next arm, the scrutinee is evaluated
// once, and a value held across them drops where plain Rust drops it.
same_body!(yields_in_match_guards(k: u32) for [(0), (2), (7)] {
    let held = Noisy::new(1);
    for x in 0..3 {
        match x {
            n if {
                yield_!(10 + n);
                n == k
            } =>
            {
                yield_!(100 + n)
            }
            n if n % 2 == 0 => yield_!(200 + n),
            _ => {}
        }
    }
    consume(held);
    yield_!(300);
});

// A closure made in a loop and used after a yield in it (it holds a value with a drop):
// one closure expression, one type (the body keeps its locals in place).
same_body!(closures_made_in_loops(n: u32) for [(3)] {
    let mut total = 0;
    for i in 1..=n {
        let held = Noisy::new(i);
        let f = move |x: u32| x * i + held.other;
        yield_!(f(1));
        total += f(2);
    }
    yield_!(total);
});
