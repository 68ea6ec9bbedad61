//! `impl Generator<R, Yield = Y, Return = T>` coroutines: `yield_!(v)` evaluates to the
//! argument of the `resume` that wakes the generator, the first argument is dropped unless
//! `#[generator(resume = name)]` binds it, and `return`, the tail expression and `?`
//! complete it with a value.

use std::num::ParseIntError;

use gen_runtime::{generator, yield_, Generator, GeneratorState};

use GeneratorState::{Complete, Yielded};

mod common;
use common::drive;

// ---------------------------------------------------------------------------------------
// running average: yields the average of everything fed so far

#[generator]
fn running_average() -> impl Generator<f64, Yield = f64, Return = ()> {
    let mut total = 0.0;
    let mut count = 0u32;
    let mut average = 0.0;
    loop {
        let x = yield_!(average);
        total += x;
        count += 1;
        average = total / f64::from(count);
    }
}

#[test]
fn running_average_yields_average_after_each_number() {
    let mut g = running_average();
    // The first resume only primes the coroutine: its argument is dropped.
    assert_eq!(g.resume(12345.0), Yielded(0.0));
    assert_eq!(g.resume(10.0), Yielded(10.0));
    assert_eq!(g.resume(30.0), Yielded(20.0));
    assert_eq!(g.resume(5.0), Yielded(15.0));
    assert_eq!(g.resume(15.0), Yielded(15.0));
    assert_eq!(g.resume(-65.0), Yielded(-1.0));
}

// ---------------------------------------------------------------------------------------
// line parser: fed characters, yields each completed line

#[generator]
fn line_parser() -> impl Generator<char, Yield = Option<String>, Return = ()> {
    let mut line = String::new();
    let mut out: Option<String> = None;
    loop {
        let c = yield_!(out.take());
        if c == '\n' {
            out = Some(std::mem::take(&mut line));
        } else {
            line.push(c);
        }
    }
}

#[test]
fn line_parser_yields_completed_lines() {
    let mut g = line_parser();
    assert_eq!(g.resume('!'), Yielded(None));
    let mut lines = Vec::new();
    for c in "hello\nworld\n\nlast line\nunterminated".chars() {
        match g.resume(c) {
            Yielded(Some(l)) => lines.push(l),
            Yielded(None) => {}
            Complete(()) => unreachable!("the parser never completes"),
        }
    }
    assert_eq!(lines, vec!["hello", "world", "", "last line"]);
}

#[test]
fn line_parser_trace() {
    let mut g = line_parser();
    let trace = drive(&mut g, ['x', 'a', 'b', '\n', 'c', '\n']);
    assert_eq!(
        trace,
        vec![
            Yielded(None),
            Yielded(None),
            Yielded(None),
            Yielded(Some("ab".to_string())),
            Yielded(None),
            Yielded(Some("c".to_string())),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// accumulator: returns its total when fed 0

#[generator]
fn accumulator() -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            return total;
        }
        total += x;
    }
}

#[test]
fn accumulator_returns_total_when_fed_zero() {
    let mut g = accumulator();
    let trace = drive(&mut g, [999, 1, 2, 3, 4, 0, 7]);
    assert_eq!(
        trace,
        vec![
            Yielded(0),
            Yielded(1),
            Yielded(3),
            Yielded(6),
            Yielded(10),
            Complete(10),
        ]
    );
}

#[test]
fn accumulator_zero_right_away() {
    let mut g = accumulator();
    assert_eq!(g.resume(5), Yielded(0));
    assert_eq!(g.resume(0), Complete(0));
}

// ---------------------------------------------------------------------------------------
// `#[generator(resume = first)]` binds the first resume argument

#[generator(resume = first)]
fn echo_from_first() -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut last = first;
    let mut sum = first;
    while last != 0 {
        last = yield_!(last * 10);
        sum += last;
    }
    sum
}

#[test]
fn resume_binding_receives_first_argument() {
    let mut g = echo_from_first();
    assert_eq!(
        drive(&mut g, [7, 8, 9, 0]),
        vec![Yielded(70), Yielded(80), Yielded(90), Complete(24)]
    );
    let mut g = echo_from_first();
    assert_eq!(g.resume(0), Complete(0));
}

#[generator(resume = name)]
fn greeter(prefix: &'static str) -> impl Generator<String, Yield = String, Return = Vec<String>> {
    let mut seen = vec![name.clone()];
    let mut current = name;
    loop {
        let next = yield_!(format!("{prefix} {current}"));
        if next.is_empty() {
            return seen;
        }
        seen.push(next.clone());
        current = next;
    }
}

#[test]
fn resume_binding_with_arguments_and_owned_values() {
    let mut g = greeter("hello");
    assert_eq!(
        g.resume("ann".to_string()),
        Yielded("hello ann".to_string())
    );
    assert_eq!(
        g.resume("bob".to_string()),
        Yielded("hello bob".to_string())
    );
    assert_eq!(
        g.resume(String::new()),
        Complete(vec!["ann".to_string(), "bob".to_string()])
    );
}

// ---------------------------------------------------------------------------------------
// return values: `return v;` and the tail expression

#[generator]
fn returns_early(stop_at: u32) -> impl Generator<Yield = u32, Return = &'static str> {
    for i in 0..10 {
        if i == stop_at {
            return "stopped";
        }
        yield_!(i);
    }
    "ran out"
}

#[test]
fn return_statement_and_tail_expression_complete() {
    let mut g = returns_early(2);
    assert_eq!(
        drive(&mut g, [(); 10]),
        vec![Yielded(0), Yielded(1), Complete("stopped")]
    );
    let mut g = returns_early(0);
    assert_eq!(g.resume(()), Complete("stopped"));
    let mut g = returns_early(100);
    let trace = drive(&mut g, [(); 20]);
    assert_eq!(trace.len(), 11);
    assert_eq!(trace[9], Yielded(9));
    assert_eq!(trace[10], Complete("ran out"));
}

#[generator]
fn tail_block(n: u32) -> impl Generator<Yield = u32, Return = (u32, String)> {
    let mut acc = 0;
    for i in 1..=n {
        acc += i;
        yield_!(acc);
    }
    let label = if acc > 5 { "big" } else { "small" };
    (acc, label.to_string())
}

#[test]
fn tail_expression_tuple() {
    let mut g = tail_block(3);
    assert_eq!(
        drive(&mut g, [(); 10]),
        vec![
            Yielded(1),
            Yielded(3),
            Yielded(6),
            Complete((6, "big".to_string()))
        ]
    );
    let mut g = tail_block(0);
    assert_eq!(g.resume(()), Complete((0, "small".to_string())));
}

#[generator]
fn return_with_resume_value() -> impl Generator<i32, Yield = (), Return = i32> {
    let a = yield_!(());
    let b = yield_!(());
    return a * 100 + b;
}

#[test]
fn return_uses_resume_values() {
    let mut g = return_with_resume_value();
    assert_eq!(
        drive(&mut g, [-1, 4, 2]),
        vec![Yielded(()), Yielded(()), Complete(402)]
    );
}

// ---------------------------------------------------------------------------------------
// `?` on Result with a `From` conversion of the error

#[derive(Debug, PartialEq)]
enum MyError {
    Parse(String),
    Negative(i64),
}

impl From<ParseIntError> for MyError {
    fn from(e: ParseIntError) -> Self {
        MyError::Parse(e.to_string())
    }
}

#[generator]
fn parse_all(
    inputs: Vec<&'static str>,
) -> impl Generator<Yield = i64, Return = Result<i64, MyError>> {
    let mut sum = 0;
    for s in inputs {
        let n: i64 = s.parse()?;
        if n < 0 {
            return Err(MyError::Negative(n));
        }
        sum += n;
        yield_!(n);
    }
    Ok(sum)
}

#[test]
fn question_mark_on_result_converts_error() {
    let mut g = parse_all(vec!["1", "22", "x", "4"]);
    let trace = drive(&mut g, [(); 10]);
    assert_eq!(
        trace,
        vec![
            Yielded(1),
            Yielded(22),
            Complete(Err(MyError::Parse(
                "invalid digit found in string".to_string()
            ))),
        ]
    );

    let mut g = parse_all(vec!["1", "2", "3"]);
    assert_eq!(
        drive(&mut g, [(); 10]),
        vec![Yielded(1), Yielded(2), Yielded(3), Complete(Ok(6))]
    );

    let mut g = parse_all(vec!["5", "-3"]);
    assert_eq!(
        drive(&mut g, [(); 10]),
        vec![Yielded(5), Complete(Err(MyError::Negative(-3)))]
    );

    let mut g = parse_all(vec![""]);
    assert_eq!(
        g.resume(()),
        Complete(Err(MyError::Parse(
            "cannot parse integer from empty string".to_string()
        )))
    );
}

// ---------------------------------------------------------------------------------------
// `?` on Option

#[generator]
fn first_chars(words: Vec<&'static str>) -> impl Generator<Yield = char, Return = Option<usize>> {
    let mut count = 0;
    for w in words {
        let c = w.chars().next()?;
        yield_!(c);
        count += 1;
    }
    Some(count)
}

#[test]
fn question_mark_on_option() {
    let mut g = first_chars(vec!["ab", "cd", "", "ef"]);
    assert_eq!(
        drive(&mut g, [(); 10]),
        vec![Yielded('a'), Yielded('c'), Complete(None)]
    );
    let mut g = first_chars(vec!["xy", "z"]);
    assert_eq!(
        drive(&mut g, [(); 10]),
        vec![Yielded('x'), Yielded('z'), Complete(Some(2))]
    );
}

// ---------------------------------------------------------------------------------------
// `(yield_!(x))?`: the resume value itself is a Result / Option

#[generator]
fn sum_until_err(
) -> impl Generator<Result<i32, ParseIntError>, Yield = i32, Return = Result<i32, MyError>> {
    let mut sum = 0;
    loop {
        let n = (yield_!(sum))?;
        if n == 0 {
            return Ok(sum);
        }
        sum += n;
    }
}

#[test]
fn question_mark_on_resume_value_result() {
    let mut g = sum_until_err();
    assert_eq!(g.resume(Ok(1000)), Yielded(0));
    assert_eq!(g.resume(Ok(3)), Yielded(3));
    assert_eq!(g.resume("4".parse()), Yielded(7));
    assert_eq!(
        g.resume("four".parse::<i32>()),
        Complete(Err(MyError::Parse(
            "invalid digit found in string".to_string()
        )))
    );

    let mut g = sum_until_err();
    assert_eq!(g.resume(Ok(1)), Yielded(0));
    assert_eq!(g.resume(Ok(5)), Yielded(5));
    assert_eq!(g.resume(Ok(0)), Complete(Ok(5)));
}

#[generator]
fn product_until_none() -> impl Generator<Option<u64>, Yield = u64, Return = Option<u64>> {
    let mut product = 1;
    loop {
        let f = (yield_!(product))?;
        if f == 1 {
            return Some(product);
        }
        product *= f;
    }
}

#[test]
fn question_mark_on_resume_value_option() {
    let mut g = product_until_none();
    assert_eq!(
        drive(&mut g, [None, Some(2), Some(3), Some(7), None, Some(5)]),
        vec![
            Yielded(1),
            Yielded(2),
            Yielded(6),
            Yielded(42),
            Complete(None)
        ]
    );
    let mut g = product_until_none();
    assert_eq!(
        drive(&mut g, [None, Some(2), Some(3), Some(1)]),
        vec![Yielded(1), Yielded(2), Yielded(6), Complete(Some(6))]
    );
}

#[generator]
fn question_in_argument() -> impl Generator<Option<i32>, Yield = i32, Return = Option<i32>> {
    let a = yield_!(0);
    let total = i32::max(a?, (yield_!(1))?) + (yield_!(2))?;
    Some(total)
}

#[test]
fn question_mark_inside_expressions() {
    // the first resume argument is dropped; `a` is the second.
    let mut g = question_in_argument();
    assert_eq!(
        drive(&mut g, [Some(-50), Some(4), Some(9), Some(100)]),
        vec![Yielded(0), Yielded(1), Yielded(2), Complete(Some(109))]
    );
    // `a?` short-circuits before the second yield
    let mut g = question_in_argument();
    assert_eq!(
        drive(&mut g, [Some(1), None, Some(9), Some(100)]),
        vec![Yielded(0), Complete(None)]
    );
}

#[generator]
fn two_tries() -> impl Generator<Option<i32>, Yield = i32, Return = Option<i32>> {
    let total = (yield_!(1))? + (yield_!(2))?;
    Some(total)
}

#[test]

fn question_mark_on_first_operand_short_circuits() {
    let mut g = two_tries();
    assert_eq!(g.resume(Some(0)), Yielded(1));
    // `(yield_!(1))?` sees None: the generator must complete before `yield_!(2)`.
    assert_eq!(g.resume(None), Complete(None));
}

#[test]

fn question_mark_on_yield_short_circuits_before_later_yields() {
    // the second `?` short-circuits before the third yield
    let mut g = question_in_argument();
    assert_eq!(
        drive(&mut g, [Some(1), Some(2), None, Some(100)]),
        vec![Yielded(0), Yielded(1), Complete(None)]
    );
}

// ---------------------------------------------------------------------------------------
// a generic coroutine over the resume type

#[generator]
fn collect_n<T>(n: usize) -> impl Generator<T, Yield = usize, Return = Vec<T>> {
    let mut items = Vec::new();
    while items.len() < n {
        let item = yield_!(items.len());
        items.push(item);
    }
    items
}

#[test]
fn generic_resume_type() {
    let mut g = collect_n::<&str>(3);
    assert_eq!(g.resume("dropped"), Yielded(0));
    assert_eq!(g.resume("a"), Yielded(1));
    assert_eq!(g.resume("b"), Yielded(2));
    assert_eq!(g.resume("c"), Complete(vec!["a", "b", "c"]));
}
