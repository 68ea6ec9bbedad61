//! Internal iteration: `fold`, `for_each`, `sum`, `count`, `last`, `max` and the adapters'
//! folds must hand out what `next` does, drop the same values at the same points, and let
//! the consumer touch what the generator touched between its items. (A plain copy of the
//! body for `fold`, tried and taken back in session 7, failed the tests from
//! `a_consumer_may_borrow_what_a_scrutinee_borrowed` on.)

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU32, Ordering};

use gen_runtime::{gen_iter, generator, yield_, yield_from};

#[path = "common/drop_log.rs"]
mod drop_log;
use drop_log::{new_log, snapshot, Log, D};

#[generator]
fn everything(n: u32) -> impl Iterator<Item = u32> + Clone {
    // A labelled loop with `continue` and `break` to the outer label.
    'outer: for i in 0..n {
        for j in 0..n {
            if j > i {
                continue 'outer;
            }
            if i + j >= 7 {
                break 'outer;
            }
            yield_!(10 * i + j);
        }
    }
    // A loop that produces a value, with a yield inside.
    let mut k = 0;
    let found = loop {
        k += 1;
        yield_!(100 + k);
        if k * k > n {
            break k;
        }
    };
    // `yield_from!` and the `()` a yield evaluates to.
    yield_from!(vec![found, found + 1]);
    let unit: () = yield_!(200);
    #[allow(clippy::let_unit_value)]
    let () = unit;
    // A shadowed binding across a yield, and a match with yields in its arms.
    let x = n;
    yield_!(x);
    let x = x * 2;
    match x % 3 {
        0 => yield_!(300),
        1 => {
            yield_!(301);
            yield_!(302);
        }
        _ => {}
    }
    if n > 4 {
        return;
    }
    yield_!(x);
}

#[test]
fn fold_hands_out_what_next_does() {
    for n in 0..9 {
        let stepped: Vec<u32> = everything(n).collect();
        let mut by_for_each = Vec::new();
        everything(n).for_each(|v| by_for_each.push(v));
        assert_eq!(by_for_each, stepped, "n = {n}");
        let by_fold = everything(n).fold(Vec::new(), |mut v, x| {
            v.push(x);
            v
        });
        assert_eq!(by_fold, stepped, "n = {n}");
        assert_eq!(everything(n).sum::<u32>(), stepped.iter().sum::<u32>());
    }
    assert_eq!(
        everything(3).collect::<Vec<_>>(),
        [0, 10, 11, 20, 21, 22, 101, 102, 2, 3, 200, 3, 300, 6]
    );
}

#[test]
fn fold_after_next_goes_on_where_next_stopped() {
    let mut it = everything(3);
    assert_eq!(it.next(), Some(0));
    assert_eq!(it.next(), Some(10));
    let rest: Vec<u32> = it.fold(Vec::new(), |mut v, x| {
        v.push(x);
        v
    });
    assert_eq!(rest, [11, 20, 21, 22, 101, 102, 2, 3, 200, 3, 300, 6]);

    // Finished: the initial value comes back untouched.
    let mut done = everything(0);
    while done.next().is_some() {}
    assert_eq!(done.fold(7u32, |a, x| a + x), 7);
}

#[test]
fn adapters_fold_through_the_generator() {
    assert_eq!(everything(3).map(u64::from).sum::<u64>(), 801);
    assert_eq!(everything(3).filter(|x| x % 2 == 0).count(), 9);
    assert_eq!(everything(3).last(), Some(6));
    assert_eq!(everything(3).max(), Some(300));
    assert_eq!(everything(3).min(), Some(0));
    let mut chained = Vec::new();
    everything(1)
        .chain(everything(0))
        .enumerate()
        .for_each(|(i, x)| chained.push((i, x)));
    assert_eq!(
        chained,
        everything(1)
            .chain(everything(0))
            .enumerate()
            .collect::<Vec<_>>()
    );
    // A clone taken part-way folds from where it was taken.
    let mut it = everything(3);
    it.nth(5);
    let fork = it.clone();
    assert_eq!(fork.sum::<u32>(), it.sum::<u32>());
    // Boxed, `fold` goes through `next`: the same items.
    let boxed: Box<dyn Iterator<Item = u32>> = Box::new(everything(3));
    assert_eq!(boxed.sum::<u32>(), 801);
}

struct Grid {
    rows: Vec<Vec<u32>>,
}

impl Grid {
    #[generator]
    fn cells(&self) -> impl Iterator<Item = u32> + '_ {
        for row in &self.rows {
            for &c in row {
                yield_!(c);
            }
        }
    }
}

#[test]
fn methods_and_blocks_fold_too() {
    let g = Grid {
        rows: vec![vec![1, 2], vec![], vec![3]],
    };
    assert_eq!(g.cells().sum::<u32>(), 6);
    assert_eq!(g.cells().map(|c| c * 10).collect::<Vec<_>>(), [10, 20, 30]);

    let words = vec!["ab", "c"];
    let chars = gen_iter! {
        for w in words {
            for c in w.chars() {
                yield c;
            }
            yield '/';
        }
    };
    let mut s = String::new();
    chars.for_each(|c| s.push(c));
    assert_eq!(s, "ab/c/");
}

#[generator]
fn guarded(log: Log) -> impl Iterator<Item = u32> {
    let _outer = D("outer", log.clone());
    for i in 0..3 {
        let _inner = D(["inner0", "inner1", "inner2"][i as usize], log.clone());
        yield_!(i);
    }
    let _after = D("after", log.clone());
    yield_!(9);
}

#[test]
fn folding_drops_locals_once_in_order() {
    let log = new_log();
    let sum = guarded(log.clone()).fold(0, |a, x| {
        log.borrow_mut().push("item");
        a + x
    });
    assert_eq!(sum, 12);
    assert_eq!(
        snapshot(&log),
        ["item", "inner0", "item", "inner1", "item", "inner2", "item", "after", "outer"]
    );
}

#[test]
fn a_panicking_consumer_unwinds_the_generator() {
    let log = new_log();
    let it = guarded(log.clone());
    let result = catch_unwind(AssertUnwindSafe(|| {
        it.for_each(|x| {
            if x == 1 {
                panic!("consumer");
            }
        });
    }));
    assert!(result.is_err());
    assert_eq!(snapshot(&log), ["inner0", "inner1", "outer"]);
}

/// A work queue the consumer adds to. As in plain Rust, the scrutinee's `RefMut` is a
/// temporary that lives through the loop body, across the yield: a consumer that wants
/// the queue while the generator is suspended ends it first (`let v = …; v`).
#[generator]
fn drain_holding(queue: &RefCell<Vec<u32>>) -> impl Iterator<Item = u32> + '_ {
    while let Some(x) = queue.borrow_mut().pop() {
        yield_!(x);
    }
}

#[generator]
fn drain(queue: &RefCell<Vec<u32>>) -> impl Iterator<Item = u32> + '_ {
    while let Some(x) = {
        let next = queue.borrow_mut().pop();
        next
    } {
        yield_!(x);
    }
}

#[test]
fn a_scrutinee_temporary_lives_through_its_loop_body() {
    let queue = RefCell::new(vec![1, 2]);
    let mut held = Vec::new();
    drain_holding(&queue).for_each(|x| held.push((x, queue.try_borrow_mut().is_err())));
    assert_eq!(held, [(2, true), (1, true)]);

    let queue = RefCell::new(vec![3]);
    let mut seen = Vec::new();
    drain(&queue).for_each(|x| {
        seen.push(x);
        if x > 0 {
            queue.borrow_mut().push(x - 1);
        }
    });
    assert_eq!(seen, [3, 2, 1, 0]);
}

struct Counter {
    n: u32,
    _log: D,
}

/// `c` is moved before the first yield (`drop(c)`): not carried, so dropped there, and
/// the consumer may borrow the cell mutably; `d`, never read again, lives to the end of
/// the body, as in plain Rust.
#[generator]
fn read_then_more(cell: &RefCell<Counter>, log: Log) -> impl Iterator<Item = u32> + '_ {
    let c = cell.borrow();
    let d = D("kept", log.clone());
    let n = c.n;
    drop(c);
    yield_!(n);
    log.borrow_mut().push("after the first yield");
    yield_!(100);
}

#[test]
fn values_dropped_at_a_suspension_point_are_dropped_when_folding_too() {
    let log = new_log();
    let cell = RefCell::new(Counter {
        n: 1,
        _log: D("cell", log.clone()),
    });
    let mut seen = Vec::new();
    read_then_more(&cell, log.clone()).for_each(|x| {
        seen.push(x);
        cell.borrow_mut().n += 1;
        log.borrow_mut().push("item");
    });
    assert_eq!(seen, [1, 100]);
    assert_eq!(cell.borrow().n, 3);
    assert_eq!(
        snapshot(&log),
        ["item", "after the first yield", "item", "kept"]
    );
}

#[test]
fn a_block_may_call_a_closure_it_borrows() {
    let mut counter = 0;
    let mut next_id = || {
        counter += 1;
        counter
    };
    let ids = gen_iter! {
        for _ in 0..3 {
            yield next_id();
        }
    };
    assert_eq!(ids.sum::<u32>(), 6);
}

#[generator]
fn squares(n: u32) -> impl Iterator<Item = u32> {
    let sq;
    for i in 0..n {
        sq = i * i;
        yield_!(sq);
    }
}

#[test]
fn a_deferred_binding_assigned_in_a_loop_folds() {
    assert_eq!(
        squares(4).fold(Vec::new(), |mut v, x| {
            v.push(x);
            v
        }),
        [0, 1, 4, 9]
    );
}

#[generator]
fn next_id() -> impl Iterator<Item = u32> {
    let id = {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        NEXT.fetch_add(1, Ordering::SeqCst)
    };
    yield_!(id);
}

#[test]
fn an_item_in_the_body_exists_once() {
    let mut ids: Vec<u32> = next_id().chain(next_id()).collect();
    next_id().for_each(|x| ids.push(x));
    ids.push(next_id().sum::<u32>());
    assert_eq!(ids, [0, 1, 2, 3]);
}
