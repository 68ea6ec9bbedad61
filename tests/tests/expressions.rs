//! Yields anywhere an expression may stand. Every generator here is paired with the same
//! expression written in plain Rust, where each `yield_!(label)` is replaced by a call
//! that records `label` and returns the value the driver would resume with. Both versions
//! record their side effects in a shared log; the logs (including where each suspension
//! happened) and the results must be identical.

use std::cell::RefCell;
use std::rc::Rc;

use gen_runtime::{generator, yield_, Generator, GeneratorState};

use GeneratorState::{Complete, Yielded};

type Log = Rc<RefCell<Vec<&'static str>>>;

/// The value the driver resumes a generator with after it yields `label`.
fn answer(label: &str) -> i64 {
    match label {
        "b" => 2,
        "d" => 4,
        "e" => 5,
        "yes" => 1,
        "no" => 0,
        "neg" => -3,
        _ => 7,
    }
}

fn note(log: &Log, label: &'static str) {
    log.borrow_mut().push(label);
}

/// Records `label` and returns `v`.
fn val(log: &Log, label: &'static str, v: i64) -> i64 {
    note(log, label);
    v
}

/// The plain-Rust stand-in for `yield_!(label)`.
fn y(log: &Log, label: &'static str) -> i64 {
    note(log, label);
    answer(label)
}

/// Runs a generator to completion, recording each yielded label in `log` and answering it
/// with [`answer`]. The first resume argument is a dummy (it is dropped).
fn run<G>(mut g: G, log: &Log) -> i64
where
    G: Generator<i64, Yield = &'static str, Return = i64>,
{
    let mut arg = -999;
    loop {
        match g.resume(arg) {
            Yielded(label) => {
                note(log, label);
                arg = answer(label);
            }
            Complete(r) => return r,
        }
    }
}

/// Runs `gen` and `plain` on fresh logs and checks both against the expected log and value.
fn check<G>(
    gen: impl FnOnce(Log) -> G,
    plain: impl FnOnce(&Log) -> i64,
    expected_log: &[&str],
    expected: i64,
) where
    G: Generator<i64, Yield = &'static str, Return = i64>,
{
    let glog = Log::default();
    let plog = Log::default();
    assert!(glog.borrow().is_empty());
    let g = gen(glog.clone());
    assert!(glog.borrow().is_empty(), "calling a generator runs nothing");
    let got = run(g, &glog);
    let want = plain(&plog);
    assert_eq!(
        *plog.borrow(),
        expected_log,
        "plain Rust log (test is wrong)"
    );
    assert_eq!(want, expected, "plain Rust value (test is wrong)");
    assert_eq!(*glog.borrow(), expected_log, "generator log");
    assert_eq!(got, expected, "generator value");
}

fn f3(log: &Log, a: i64, b: i64, c: i64) -> i64 {
    note(log, "f");
    a * 100 + b * 10 + c
}

fn g1(log: &Log, a: i64) -> i64 {
    note(log, "g");
    a + 1
}

// ---------------------------------------------------------------------------------------
// call arguments

#[generator]
fn call_args(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    f3(&log, val(&log, "a", 1), yield_!("b"), val(&log, "c", 3))
}

fn call_args_plain(log: &Log) -> i64 {
    f3(log, val(log, "a", 1), y(log, "b"), val(log, "c", 3))
}

#[test]
fn yield_in_call_argument_runs_in_order() {
    check(call_args, call_args_plain, &["a", "b", "c", "f"], 123);
}

#[generator]
fn call_args_two_yields(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    f3(&log, yield_!("b"), val(&log, "c", 3), yield_!("d"))
}

fn call_args_two_yields_plain(log: &Log) -> i64 {
    f3(log, y(log, "b"), val(log, "c", 3), y(log, "d"))
}

#[test]
fn two_yields_in_call_arguments() {
    check(
        call_args_two_yields,
        call_args_two_yields_plain,
        &["b", "c", "d", "f"],
        234,
    );
}

#[generator]
fn nested_call_args(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    f3(
        &log,
        g1(&log, yield_!("b")),
        yield_!("d"),
        val(&log, "c", 3),
    )
}

fn nested_call_args_plain(log: &Log) -> i64 {
    f3(log, g1(log, y(log, "b")), y(log, "d"), val(log, "c", 3))
}

#[test]
fn nested_call_runs_before_later_yield() {
    check(
        nested_call_args,
        nested_call_args_plain,
        &["b", "g", "d", "c", "f"],
        343,
    );
}

#[generator]
fn nested_call_value(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    g1(&log, g1(&log, yield_!("b")))
}

#[test]
fn nested_call_value_flows() {
    check(
        nested_call_value,
        |log| g1(log, g1(log, y(log, "b"))),
        &["b", "g", "g"],
        4,
    );
}

// ---------------------------------------------------------------------------------------
// method receivers and arguments

#[derive(Clone, Debug)]
struct Acc {
    log: Log,
    total: i64,
}

impl Acc {
    fn new(log: &Log, label: &'static str) -> Acc {
        note(log, label);
        Acc {
            log: log.clone(),
            total: 0,
        }
    }

    fn add(mut self, x: i64) -> Acc {
        note(&self.log, "add");
        self.total = self.total * 10 + x;
        self
    }

    fn done(self) -> i64 {
        note(&self.log, "done");
        self.total
    }
}

#[generator]
fn method_chain(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    Acc::new(&log, "new")
        .add(yield_!("b"))
        .add(val(&log, "c", 3))
        .add(yield_!("d"))
        .done()
}

fn method_chain_plain(log: &Log) -> i64 {
    Acc::new(log, "new")
        .add(y(log, "b"))
        .add(val(log, "c", 3))
        .add(y(log, "d"))
        .done()
}

#[test]

fn yields_in_method_chain_run_in_order() {
    check(
        method_chain,
        method_chain_plain,
        &["new", "b", "add", "c", "add", "d", "add", "done"],
        234,
    );
}

#[generator]
fn method_single_yield(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    Acc::new(&log, "new").add(yield_!("b")).add(1).done()
}

#[test]
fn yield_in_method_argument() {
    check(
        method_single_yield,
        |log| Acc::new(log, "new").add(y(log, "b")).add(1).done(),
        &["new", "b", "add", "add", "done"],
        21,
    );
}

#[generator]
fn yield_as_receiver(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let _ = log;
    yield_!("neg").abs().pow(2) + yield_!("b").max(yield_!("e"))
}

#[test]
fn yield_as_method_receiver() {
    check(
        yield_as_receiver,
        |log| y(log, "neg").abs().pow(2) + y(log, "b").max(y(log, "e")),
        &["neg", "b", "e"],
        14,
    );
}

// ---------------------------------------------------------------------------------------
// binary operators

#[generator]
fn binary_ops(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    val(&log, "a", 1) + yield_!("b") * val(&log, "c", 3) - yield_!("d") / 2
}

#[test]
fn yields_as_binary_operands() {
    check(
        binary_ops,
        |log| val(log, "a", 1) + y(log, "b") * val(log, "c", 3) - y(log, "d") / 2,
        &["a", "b", "c", "d"],
        5,
    );
}

#[generator]
fn binary_one_yield(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    val(&log, "a", 1) + yield_!("b") * val(&log, "c", 3) - val(&log, "a", 4) / 2
}

#[test]
fn yield_as_binary_operand() {
    check(
        binary_one_yield,
        |log| val(log, "a", 1) + y(log, "b") * val(log, "c", 3) - val(log, "a", 4) / 2,
        &["a", "b", "c", "a"],
        5,
    );
}

#[generator]
fn comparison(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let lt = yield_!("b") < val(&log, "c", 3);
    let eq = val(&log, "a", 4) == yield_!("d");
    i64::from(lt) * 10 + i64::from(eq)
}

#[test]
fn yields_in_comparisons() {
    check(
        comparison,
        |log| {
            let lt = y(log, "b") < val(log, "c", 3);
            let eq = val(log, "a", 4) == y(log, "d");
            i64::from(lt) * 10 + i64::from(eq)
        },
        &["b", "c", "a", "d"],
        11,
    );
}

// ---------------------------------------------------------------------------------------
// `&&` / `||` short-circuit: the right side's yield must not happen

#[generator]
fn short_circuit(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let a = val(&log, "false", 0) != 0 && yield_!("skipped-and") > 0;
    let b = val(&log, "true", 1) != 0 || yield_!("skipped-or") > 0;
    let c = val(&log, "true", 1) != 0 && yield_!("yes") > 0;
    let d = val(&log, "false", 0) != 0 || yield_!("no") > 0;
    let e = yield_!("no") > 0 && val(&log, "unreached", 1) > 0;
    let f = yield_!("yes") > 0 || val(&log, "unreached", 1) > 0;
    let g = yield_!("no") > 0 || yield_!("yes") > 0 && yield_!("no") > 0;
    i64::from(a) + i64::from(b) * 10 + i64::from(c) * 100 + i64::from(d) * 1000
        - i64::from(e) * 10_000
        + i64::from(f) * 100_000
        + i64::from(g) * 1_000_000
}

fn short_circuit_plain(log: &Log) -> i64 {
    let a = val(log, "false", 0) != 0 && y(log, "skipped-and") > 0;
    let b = val(log, "true", 1) != 0 || y(log, "skipped-or") > 0;
    let c = val(log, "true", 1) != 0 && y(log, "yes") > 0;
    let d = val(log, "false", 0) != 0 || y(log, "no") > 0;
    let e = y(log, "no") > 0 && val(log, "unreached", 1) > 0;
    let f = y(log, "yes") > 0 || val(log, "unreached", 1) > 0;
    let g = y(log, "no") > 0 || y(log, "yes") > 0 && y(log, "no") > 0;
    i64::from(a) + i64::from(b) * 10 + i64::from(c) * 100 + i64::from(d) * 1000
        - i64::from(e) * 10_000
        + i64::from(f) * 100_000
        + i64::from(g) * 1_000_000
}

#[test]
fn short_circuit_skips_right_side_yields() {
    check(
        short_circuit,
        short_circuit_plain,
        &[
            "false", "true", "true", "yes", "false", "no", "no", "yes", "no", "yes", "no",
        ],
        100_110,
    );
}

#[generator]
fn short_circuit_in_condition(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let mut n = 0;
    for i in 0..4 {
        if i % 2 == 0 && yield_!("yes") > 0 {
            n += 1;
        }
        if i > 1 || yield_!("no") > 0 {
            n += 10;
        }
    }
    note(&log, "end");
    n
}

#[test]
fn short_circuit_in_if_condition() {
    check(
        short_circuit_in_condition,
        |log| {
            let mut n = 0;
            for i in 0..4 {
                if i % 2 == 0 && y(log, "yes") > 0 {
                    n += 1;
                }
                if i > 1 || y(log, "no") > 0 {
                    n += 10;
                }
            }
            note(log, "end");
            n
        },
        &["yes", "no", "no", "yes", "end"],
        22,
    );
}

// ---------------------------------------------------------------------------------------
// compound assignment and assignment

#[generator]
fn compound(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let mut x = val(&log, "a", 1);
    x += yield_!("b");
    x *= yield_!("d");
    x -= val(&log, "c", 3);
    // `arr[1] += yield_!("e")` and `arr[2] = yield_!("b") * 100` fail to compile (E0384,
    // "cannot assign twice to immutable variable value"): reported as a macro bug.
    let mut arr = [0i64; 3];
    arr[1] = yield_!("e");
    let mut pair = (0i64, 0i64);
    pair.1 = yield_!("b") * 100;
    pair.0 += yield_!("d");
    x * 1000 + arr[1] + pair.0 * 10 + pair.1
}

#[test]
fn yields_in_compound_assignment() {
    check(
        compound,
        |log| {
            let mut x = val(log, "a", 1);
            x += y(log, "b");
            x *= y(log, "d");
            x -= val(log, "c", 3);
            let mut arr = [0i64; 3];
            arr[1] = y(log, "e");
            let mut pair = (0i64, 0i64);
            pair.1 = y(log, "b") * 100;
            pair.0 += y(log, "d");
            x * 1000 + arr[1] + pair.0 * 10 + pair.1
        },
        &["a", "b", "d", "c", "e", "b", "d"],
        9245,
    );
}

// ---------------------------------------------------------------------------------------
// conditions: `if` with a block condition, `while` conditions

#[generator]
fn conditions(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let mut n = 0;
    if {
        yield_!("cond");
        note(&log, "after-cond");
        n == 0
    } {
        n += 1;
    }
    if yield_!("no") > 0 {
        n += 100;
    } else if yield_!("yes") > 0 {
        n += 10;
    }
    // `let mut budget = yield_!("d");` gets a false `unused_mut` warning when the binding
    // is only mutated after a later yield: reported as a macro bug.
    let d = yield_!("d");
    let mut budget = d;
    while yield_!("tick") > 0 && budget > 0 {
        budget -= 1;
        n += 1000;
    }
    n
}

// The same shape as the generator: a block with a suspension point as `if` condition.
#[allow(clippy::blocks_in_conditions)]
fn conditions_plain(log: &Log) -> i64 {
    let mut n = 0;
    if {
        y(log, "cond");
        note(log, "after-cond");
        n == 0
    } {
        n += 1;
    }
    if y(log, "no") > 0 {
        n += 100;
    } else if y(log, "yes") > 0 {
        n += 10;
    }
    let d = y(log, "d");
    let mut budget = d;
    while y(log, "tick") > 0 && budget > 0 {
        budget -= 1;
        n += 1000;
    }
    n
}

#[test]
fn yields_in_if_and_while_conditions() {
    check(
        conditions,
        conditions_plain,
        &[
            "cond",
            "after-cond",
            "no",
            "yes",
            "d",
            "tick",
            "tick",
            "tick",
            "tick",
            "tick",
        ],
        4011,
    );
}

// ---------------------------------------------------------------------------------------
// match scrutinees and arms

#[generator]
fn scrutinee(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let a = match yield_!("b") {
        2 => val(&log, "two", 20),
        _ => val(&log, "other", 0),
    };
    let b = match (yield_!("d"), val(&log, "c", 3)) {
        (4, c) => c + yield_!("e"),
        _ => -1,
    };
    let c = match yield_!("neg") {
        n if n < 0 => yield_!("d") * n,
        n => n,
    };
    a * 10_000 + b * 100 + c
}

#[test]
fn yields_in_match_scrutinee_guard_and_arm() {
    check(
        scrutinee,
        |log| {
            let a = match y(log, "b") {
                2 => val(log, "two", 20),
                _ => val(log, "other", 0),
            };
            let b = match (y(log, "d"), val(log, "c", 3)) {
                (4, c) => c + y(log, "e"),
                _ => -1,
            };
            let c = match y(log, "neg") {
                n if n < 0 => y(log, "d") * n,
                n => n,
            };
            a * 10_000 + b * 100 + c
        },
        &["b", "two", "d", "c", "e", "neg", "d"],
        200_788,
    );
}

// ---------------------------------------------------------------------------------------
// struct, tuple and array literals

#[derive(Debug, PartialEq)]
struct Point {
    x: i64,
    y: i64,
    z: i64,
}

#[generator]
fn literals(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let p = Point {
        x: val(&log, "a", 1),
        y: yield_!("b"),
        z: val(&log, "c", 3),
    };
    let t = (yield_!("d"), val(&log, "a", 1), yield_!("e"));
    let arr = [val(&log, "c", 3), yield_!("b"), yield_!("d")];
    let rep = [yield_!("e"); 3];
    p.x * 100
        + p.y * 10
        + p.z
        + (t.0 + t.1 + t.2) * 1000
        + arr.iter().sum::<i64>() * 10_000
        + rep.iter().sum::<i64>() * 1_000_000
}

fn literals_plain(log: &Log) -> i64 {
    let p = Point {
        x: val(log, "a", 1),
        y: y(log, "b"),
        z: val(log, "c", 3),
    };
    let t = (y(log, "d"), val(log, "a", 1), y(log, "e"));
    let arr = [val(log, "c", 3), y(log, "b"), y(log, "d")];
    let rep = [y(log, "e"); 3];
    p.x * 100
        + p.y * 10
        + p.z
        + (t.0 + t.1 + t.2) * 1000
        + arr.iter().sum::<i64>() * 10_000
        + rep.iter().sum::<i64>() * 1_000_000
}

#[test]
fn yields_in_struct_tuple_array_literals() {
    check(
        literals,
        literals_plain,
        &["a", "b", "c", "d", "a", "e", "c", "b", "d", "e"],
        15_000_000 + 90_000 + 10_000 + 123,
    );
}

#[generator]
fn struct_update(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let base = Point { x: 1, y: 2, z: 3 };
    let p = Point {
        y: yield_!("e"),
        ..base
    };
    note(&log, "built");
    p.x * 100 + p.y * 10 + p.z
}

#[test]
fn yield_in_struct_update_literal() {
    check(
        struct_update,
        |log| {
            let base = Point { x: 1, y: 2, z: 3 };
            let p = Point {
                y: y(log, "e"),
                ..base
            };
            note(log, "built");
            p.x * 100 + p.y * 10 + p.z
        },
        &["e", "built"],
        153,
    );
}

// ---------------------------------------------------------------------------------------
// `let … else` with a yield in the initializer

fn positive(x: i64) -> Option<i64> {
    (x > 0).then_some(x)
}

#[generator]
fn let_else(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let Some(a) = positive(yield_!("b")) else {
        note(&log, "else-a");
        return -1;
    };
    let Some(b) = positive(yield_!("neg")) else {
        note(&log, "else-b");
        return a * 10 + yield_!("d");
    };
    a + b
}

#[test]
fn yield_in_let_else_initializer() {
    check(
        let_else,
        |log| {
            let Some(a) = positive(y(log, "b")) else {
                note(log, "else-a");
                return -1;
            };
            let Some(b) = positive(y(log, "neg")) else {
                note(log, "else-b");
                return a * 10 + y(log, "d");
            };
            a + b
        },
        &["b", "neg", "else-b", "d"],
        24,
    );
}

// ---------------------------------------------------------------------------------------
// value-producing if / match / loop / block with yields inside

#[generator]
fn value_blocks(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let a = if yield_!("yes") > 0 {
        let t = yield_!("b");
        t * 10
    } else {
        0
    } + val(&log, "c", 3);
    let b = match a {
        23 => yield_!("d") + 1,
        _ => 0,
    };
    let mut tries = 0;
    let c = loop {
        tries += 1;
        let r = yield_!("no");
        if tries == 3 || r > 0 {
            break r + tries * 100;
        }
    };
    let d = 'outer: {
        for i in 0..10 {
            if yield_!("b") + i >= 4 {
                break 'outer i;
            }
        }
        -1
    };
    let e = {
        let u = yield_!("e");
        u * u
    };
    a * 1_000_000 + b * 10_000 + c * 10 + d + e * 100
}

fn value_blocks_plain(log: &Log) -> i64 {
    let a = if y(log, "yes") > 0 {
        let t = y(log, "b");
        t * 10
    } else {
        0
    } + val(log, "c", 3);
    let b = match a {
        23 => y(log, "d") + 1,
        _ => 0,
    };
    let mut tries = 0;
    let c = loop {
        tries += 1;
        let r = y(log, "no");
        if tries == 3 || r > 0 {
            break r + tries * 100;
        }
    };
    let d = 'outer: {
        for i in 0..10 {
            if y(log, "b") + i >= 4 {
                break 'outer i;
            }
        }
        -1
    };
    let e = {
        let u = y(log, "e");
        u * u
    };
    a * 1_000_000 + b * 10_000 + c * 10 + d + e * 100
}

#[test]
fn yields_in_value_producing_if_match_loop_block() {
    check(
        value_blocks,
        value_blocks_plain,
        &["yes", "b", "c", "d", "no", "no", "no", "b", "b", "b", "e"],
        23_000_000 + 50_000 + 3000 + 2 + 2500,
    );
}

// ---------------------------------------------------------------------------------------
// yields in unary, cast, index, range and reference positions

#[generator]
fn misc_positions(log: Log) -> impl Generator<i64, Yield = &'static str, Return = i64> {
    let data = vec![10i64, 20, 30, 40, 50, 60];
    let neg = -yield_!("b");
    let cast = yield_!("e") as u8 as i64;
    let idx = data[yield_!("b") as usize];
    let sum: i64 = data[yield_!("b") as usize..yield_!("d") as usize]
        .iter()
        .sum();
    let r = *&yield_!("d");
    note(&log, "end");
    neg + cast * 10 + idx * 100 + sum * 10_000 + r * 10_000_000
}

// `*&…` on purpose: a yield under a reference and a deref.
#[allow(clippy::deref_addrof)]
#[test]
fn yields_in_unary_cast_index_range_reference() {
    check(
        misc_positions,
        |log| {
            let data = [10i64, 20, 30, 40, 50, 60];
            let neg = -y(log, "b");
            let cast = y(log, "e") as u8 as i64;
            let idx = data[y(log, "b") as usize];
            let sum: i64 = data[y(log, "b") as usize..y(log, "d") as usize]
                .iter()
                .sum();
            let r = *&y(log, "d");
            note(log, "end");
            neg + cast * 10 + idx * 100 + sum * 10_000 + r * 10_000_000
        },
        &["b", "e", "b", "b", "d", "d", "end"],
        -2 + 50 + 3000 + 700_000 + 40_000_000,
    );
}

// Regressions found by tools/difftest: a delegation result kept across a later yield in
// the same expression, nested yields, and a yield in a `break` value.
mod difftest_regressions {
    use gen_runtime::{generator, yield_, yield_from, Generator, GeneratorState};

    #[generator]
    fn inner(seed: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        let a = yield_!(seed);
        a + 1
    }

    fn mix(a: i64, b: i64) -> i64 {
        a * 10 + b
    }

    #[generator]
    fn outer(seed: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
        let x: i64 = yield_from!(inner(seed)).wrapping_add(yield_!(seed));
        let y: i64 = yield_from!(inner(seed)) ^ yield_!(seed);
        let z: i64 = mix(yield_from!(inner(seed)), yield_!(seed));
        let w = yield_!(yield_!(x) + 1);
        let v = 'v: loop {
            if w > 0 {
                break 'v yield_!(w);
            }
            break 0;
        };
        x + y + z + w + v
    }

    #[test]
    fn delegation_results_nested_yields_and_break_values() {
        let mut g = outer(3);
        let mut trace = vec![];
        for i in 1.. {
            match g.resume(i) {
                GeneratorState::Yielded(y) => trace.push(y),
                GeneratorState::Complete(r) => {
                    trace.push(r);
                    break;
                }
            }
        }
        // x = 3 + 3, y = 5 ^ 5, z = mix(7, 7), w = 8 + 1, v = 10.
        assert_eq!(trace, [3, 3, 3, 3, 3, 3, 6, 9, 9, 6 + 77 + 9 + 10]);
    }
}

/// As rustc does for primitive operands: the value first, then the place's index.
/// (Found by tools/difftest against nightly coroutines.)
#[generator]
fn assigned_place_with_yields(seed: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    let mut a = [0i64; 2];
    a[yield_!(10) as usize % 2] += yield_!(20);
    a[yield_!(30) as usize % 2] = yield_!(40) + seed;
    a[0] * 100 + a[1]
}

#[test]
fn an_assignment_evaluates_its_value_before_its_place() {
    let mut g = assigned_place_with_yields(3);
    let trace: Vec<_> = (1..6).map(|r| g.resume(r)).collect();
    assert_eq!(
        trace,
        [
            GeneratorState::Yielded(20),
            GeneratorState::Yielded(10),
            GeneratorState::Yielded(40),
            GeneratorState::Yielded(30),
            // Resumed with 2, 3, 4, 5: a[3 % 2] += 2, then a[5 % 2] = 4 + 3.
            GeneratorState::Complete(7),
        ]
    );
}

#[generator]
fn inner_plus_100(k: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    let r = yield_!(k);
    r + 100
}

/// `place = yield_!(v)` and `place = yield_from!(g)` with a suspension point in the place:
/// the value first, then the index. (Found by tools/difftest.)
#[generator]
fn yields_in_assigned_places(seed: i64) -> impl Generator<i64, Yield = i64, Return = i64> {
    let mut a = [0i64; 2];
    a[yield_!(10) as usize % 2] = yield_!(20);
    a[yield_!(30) as usize % 2] = gen_runtime::yield_from!(inner_plus_100(seed));
    a[0] * 1000 + a[1]
}

#[test]
fn suspension_points_in_an_assigned_place_come_after_the_value() {
    let mut g = yields_in_assigned_places(7);
    let trace: Vec<_> = (1..6).map(|r| g.resume(r)).collect();
    // Resumed with 2, 3, 4, 5: a[3 % 2] = 2; the inner generator returns 4 + 100, which
    // lands in a[5 % 2].
    assert_eq!(
        trace,
        [
            Yielded(20),
            Yielded(10),
            Yielded(7),
            Yielded(30),
            Complete(104)
        ]
    );
}
