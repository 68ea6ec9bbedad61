//! Every control-flow construct a generator body may use, each checked against the exact
//! sequence it must yield (a literal, or the same algorithm written in plain Rust).

use gen_runtime::{generator, yield_, Generator, GeneratorState};

// ---------------------------------------------------------------------------------------
// straight-line code

#[generator]
fn straight_line() -> impl Iterator<Item = i32> {
    yield_!(1);
    let x = 10;
    yield_!(x);
    let y = x * 3;
    yield_!(y + 2);
    yield_!(x + y);
}

#[test]
fn straight_line_yields() {
    assert_eq!(straight_line().collect::<Vec<_>>(), vec![1, 10, 32, 40]);
}

// ---------------------------------------------------------------------------------------
// nested blocks (including a block expression with a yield inside a `let` initialiser)

#[generator]
fn nested_blocks(k: i32) -> impl Iterator<Item = i32> {
    let a = k;
    {
        let b = a + 1;
        yield_!(b);
        {
            let c = b * 2;
            yield_!(c);
            yield_!(a + b + c);
        }
        yield_!(b);
    }
    let d = {
        let e = a * 10;
        yield_!(e);
        e + 1
    };
    yield_!(d);
}

#[test]
fn nested_blocks_yields() {
    // a = 5, b = 6, c = 12, e = 50, d = 51
    assert_eq!(
        nested_blocks(5).collect::<Vec<_>>(),
        vec![6, 12, 23, 6, 50, 51]
    );
}

// ---------------------------------------------------------------------------------------
// if / else if / else

#[generator]
fn fizzbuzz(n: u32) -> impl Iterator<Item = String> {
    for i in 1..=n {
        if i % 15 == 0 {
            yield_!(String::from("FizzBuzz"));
        } else if i % 3 == 0 {
            yield_!(String::from("Fizz"));
        } else if i % 5 == 0 {
            yield_!(String::from("Buzz"));
            yield_!(String::from("(five)"));
        } else {
            let s = i.to_string();
            yield_!(s.clone());
        }
    }
}

fn fizzbuzz_plain(n: u32) -> Vec<String> {
    let mut out = Vec::new();
    for i in 1..=n {
        if i % 15 == 0 {
            out.push(String::from("FizzBuzz"));
        } else if i % 3 == 0 {
            out.push(String::from("Fizz"));
        } else if i % 5 == 0 {
            out.push(String::from("Buzz"));
            out.push(String::from("(five)"));
        } else {
            let s = i.to_string();
            out.push(s.clone());
        }
    }
    out
}

#[test]
fn if_else_chain_yields() {
    assert_eq!(fizzbuzz(16).collect::<Vec<_>>(), fizzbuzz_plain(16));
    assert_eq!(
        fizzbuzz(5).collect::<Vec<_>>(),
        vec!["1", "2", "Fizz", "4", "Buzz", "(five)"]
    );
}

// ---------------------------------------------------------------------------------------
// if let (binding held across yields), if let ... else if let ... else

#[generator]
fn if_let(xs: Vec<Option<String>>) -> impl Iterator<Item = String> {
    for x in xs {
        if let Some(s) = x {
            yield_!(s.clone());
            yield_!(s.to_uppercase());
        } else {
            yield_!(String::from("-"));
        }
    }
}

#[generator]
fn if_let_chain(pairs: Vec<(Option<u8>, Option<u8>)>) -> impl Iterator<Item = u32> {
    for (a, b) in pairs {
        if let Some(x) = a {
            yield_!(x as u32);
        } else if let Some(y) = b {
            yield_!(100 + y as u32);
            yield_!(200 + y as u32);
        } else {
            yield_!(999);
        }
    }
}

#[test]
fn if_let_yields() {
    let input = vec![Some("ab".to_string()), None, Some("c".to_string())];
    assert_eq!(
        if_let(input).collect::<Vec<_>>(),
        vec!["ab", "AB", "-", "c", "C"]
    );
    let pairs = vec![
        (Some(1), Some(2)),
        (None, Some(3)),
        (None, None),
        (Some(4), None),
    ];
    assert_eq!(
        if_let_chain(pairs).collect::<Vec<_>>(),
        vec![1, 103, 203, 999, 4]
    );
}

// ---------------------------------------------------------------------------------------
// match with bindings, `@` patterns, guards and yields inside arms

#[generator]
fn classify(xs: Vec<Option<i32>>) -> impl Iterator<Item = String> {
    for x in xs {
        match x {
            None => yield_!(String::from("none")),
            Some(n) if n < 0 => {
                yield_!(format!("neg {}", n));
                yield_!(format!("abs {}", -n));
            }
            Some(0) => {}
            Some(n @ 1..=9) => yield_!(format!("digit {}", n)),
            Some(n) => {
                let half = n / 2;
                yield_!(format!("big {}", n));
                yield_!(format!("half {}", half));
            }
        }
    }
}

fn classify_plain(xs: Vec<Option<i32>>) -> Vec<String> {
    let mut out = Vec::new();
    for x in xs {
        match x {
            None => out.push(String::from("none")),
            Some(n) if n < 0 => {
                out.push(format!("neg {}", n));
                out.push(format!("abs {}", -n));
            }
            Some(0) => {}
            Some(n @ 1..=9) => out.push(format!("digit {}", n)),
            Some(n) => {
                let half = n / 2;
                out.push(format!("big {}", n));
                out.push(format!("half {}", half));
            }
        }
    }
    out
}

#[test]
fn match_yields() {
    let input = vec![
        Some(3),
        None,
        Some(-4),
        Some(0),
        Some(42),
        Some(9),
        Some(10),
    ];
    assert_eq!(
        classify(input.clone()).collect::<Vec<_>>(),
        classify_plain(input)
    );
    assert_eq!(
        classify(vec![Some(-1), Some(11)]).collect::<Vec<_>>(),
        vec!["neg -1", "abs 1", "big 11", "half 5"]
    );
}

// ---------------------------------------------------------------------------------------
// loop with break

#[generator]
fn loop_break(limit: u32) -> impl Iterator<Item = u32> {
    let mut i = 0;
    loop {
        if i >= limit {
            break;
        }
        yield_!(i);
        i += 3;
    }
    yield_!(999);
}

#[test]
fn loop_with_break_yields() {
    assert_eq!(loop_break(10).collect::<Vec<_>>(), vec![0, 3, 6, 9, 999]);
    assert_eq!(loop_break(0).collect::<Vec<_>>(), vec![999]);
}

// ---------------------------------------------------------------------------------------
// while

#[generator]
fn collatz(mut n: u64) -> impl Iterator<Item = u64> {
    while n != 1 {
        yield_!(n);
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
    }
    yield_!(1);
}

#[test]
fn while_yields() {
    assert_eq!(
        collatz(6).collect::<Vec<_>>(),
        vec![6, 3, 10, 5, 16, 8, 4, 2, 1]
    );
    assert_eq!(collatz(1).collect::<Vec<_>>(), vec![1]);
}

// ---------------------------------------------------------------------------------------
// while let, popping from a Vec argument moved in

#[generator]
fn drain_rev(mut v: Vec<i32>) -> impl Iterator<Item = i32> {
    while let Some(x) = v.pop() {
        yield_!(x * 10);
        if x % 2 == 0 {
            yield_!(v.len() as i32);
        }
    }
}

#[test]
fn while_let_yields() {
    // pop 4 -> 40, len 3; pop 3 -> 30; pop 2 -> 20, len 1; pop 1 -> 10
    assert_eq!(
        drain_rev(vec![1, 2, 3, 4]).collect::<Vec<_>>(),
        vec![40, 3, 30, 20, 1, 10]
    );
    assert_eq!(drain_rev(Vec::new()).count(), 0);
}

// ---------------------------------------------------------------------------------------
// for over a range, over a Vec moved in by value, over a borrowed slice argument

#[generator]
fn for_range(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        yield_!(i * i);
    }
    for j in (0..10).step_by(4) {
        yield_!(j + 1000);
    }
}

#[generator]
fn for_vec(v: Vec<String>) -> impl Iterator<Item = String> {
    for s in v {
        let len = s.len();
        yield_!(s);
        yield_!(len.to_string());
    }
}

#[generator]
fn for_slice<'a>(xs: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    for &x in xs {
        if x > 0 {
            yield_!(x);
        }
    }
    for w in xs.windows(2) {
        yield_!(w[0] + w[1]);
    }
}

#[test]
fn for_over_range_yields() {
    assert_eq!(
        for_range(4).collect::<Vec<_>>(),
        vec![0, 1, 4, 9, 1000, 1004, 1008]
    );
}

#[test]
fn for_over_vec_by_value_yields() {
    let v = vec!["a".to_string(), "bcd".to_string()];
    assert_eq!(for_vec(v).collect::<Vec<_>>(), vec!["a", "1", "bcd", "3"]);
}

#[test]
fn for_over_borrowed_slice_yields() {
    let data = vec![3u32, 0, 5];
    let got: Vec<u32> = for_slice(&data).collect();
    assert_eq!(got, vec![3, 5, 3, 5]);
    // The slice is still usable afterwards: it was only borrowed.
    assert_eq!(data, [3, 0, 5]);
}

// ---------------------------------------------------------------------------------------
// labelled break / continue across nested loops

#[generator]
fn labelled(n: u32) -> impl Iterator<Item = (u32, u32)> {
    'outer: for i in 0..n {
        'inner: for j in 0..n {
            if j > i {
                continue 'outer;
            }
            if i + j >= 5 {
                break 'outer;
            }
            if j == 1 {
                yield_!((i, 100));
                continue 'inner;
            }
            yield_!((i, j));
        }
        yield_!((i, 999));
    }
    yield_!((777, 777));
}

fn labelled_plain(n: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    'outer: for i in 0..n {
        'inner: for j in 0..n {
            if j > i {
                continue 'outer;
            }
            if i + j >= 5 {
                break 'outer;
            }
            if j == 1 {
                out.push((i, 100));
                continue 'inner;
            }
            out.push((i, j));
        }
        out.push((i, 999));
    }
    out.push((777, 777));
    out
}

#[test]
fn labelled_break_continue_yields() {
    for n in 0..6 {
        assert_eq!(
            labelled(n).collect::<Vec<_>>(),
            labelled_plain(n),
            "n = {}",
            n
        );
    }
    assert_eq!(
        labelled(3).collect::<Vec<_>>(),
        vec![
            (0, 0),
            (1, 0),
            (1, 100),
            (2, 0),
            (2, 100),
            (2, 2),
            (2, 999),
            (777, 777)
        ]
    );
}

// ---------------------------------------------------------------------------------------
// `break 'label value` out of a labelled loop through a nested for

#[generator]
fn break_with_value(n: u32, lim: u32) -> impl Iterator<Item = u32> {
    let r = 'outer: loop {
        for i in 0..n {
            if i * i > lim {
                break 'outer i;
            }
            yield_!(i);
        }
    };
    yield_!(r * 100);
}

#[generator]
fn break_with_value_rounds(n: u32) -> impl Iterator<Item = u32> {
    let mut round = 0;
    let r = 'outer: loop {
        round += 1;
        for i in 0..n {
            if i * round > n {
                break 'outer i + 10 * round;
            }
            yield_!(i);
        }
        yield_!(500 + round);
    };
    yield_!(r * 100);
}

fn break_with_value_rounds_plain(n: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut round = 0;
    let r = 'outer: loop {
        round += 1;
        for i in 0..n {
            if i * round > n {
                break 'outer i + 10 * round;
            }
            out.push(i);
        }
        out.push(500 + round);
    };
    out.push(r * 100);
    out
}

#[test]
fn break_label_with_value_yields() {
    assert_eq!(
        break_with_value(10, 10).collect::<Vec<_>>(),
        vec![0, 1, 2, 3, 400]
    );
    assert_eq!(
        break_with_value_rounds(4).collect::<Vec<_>>(),
        break_with_value_rounds_plain(4)
    );
    // round 1: 0..4 all pass (max 3 <= 4) then 501; round 2: 0,1,2 then 3*2 > 4 -> 3 + 20
    assert_eq!(
        break_with_value_rounds(4).collect::<Vec<_>>(),
        vec![0, 1, 2, 3, 501, 0, 1, 2, 2300]
    );
}

// ---------------------------------------------------------------------------------------
// destructuring lets (tuple and struct patterns) holding values across yields

struct Point {
    x: i32,
    y: i32,
}

#[generator]
fn destructure(p: Point, pair: (String, u8)) -> impl Iterator<Item = String> {
    let (name, count) = pair;
    let Point { x, y: py } = p;
    yield_!(name.clone());
    yield_!(format!("{},{}", x, py));
    for _ in 0..count {
        yield_!(name.clone());
    }
    let (mut a, b) = (x * 2, py * 2);
    yield_!(format!("{}", a + b));
    a += 1;
    yield_!(format!("{} {}", a, name));
}

#[test]
fn destructuring_let_yields() {
    let got: Vec<String> = destructure(Point { x: 1, y: 2 }, ("hi".to_string(), 2)).collect();
    assert_eq!(got, vec!["hi", "1,2", "hi", "hi", "6", "3 hi"]);
}

// ---------------------------------------------------------------------------------------
// let-else

#[generator]
fn let_else(opt: Option<u32>) -> impl Iterator<Item = u32> {
    yield_!(0);
    let Some(x) = opt else {
        return;
    };
    yield_!(x);
    yield_!(x + 1);
}

#[generator]
fn let_else_yield_in_else(opt: Option<u32>) -> impl Iterator<Item = u32> {
    let Some(x) = opt else {
        yield_!(99);
        return;
    };
    yield_!(x);
}

#[test]
fn let_else_yields() {
    assert_eq!(let_else(Some(5)).collect::<Vec<_>>(), vec![0, 5, 6]);
    assert_eq!(let_else(None).collect::<Vec<_>>(), vec![0]);
    assert_eq!(let_else_yield_in_else(Some(7)).collect::<Vec<_>>(), vec![7]);
    assert_eq!(let_else_yield_in_else(None).collect::<Vec<_>>(), vec![99]);
}

// ---------------------------------------------------------------------------------------
// shadowing with a different type across yields

#[generator]
fn shadowing() -> impl Iterator<Item = String> {
    let x = 1u32;
    yield_!(x.to_string());
    let x = "two";
    yield_!(x.to_string());
    let x = vec![3u8, 3];
    yield_!(format!("{:?}", x));
    let x = x.len() as f64 + 0.5;
    yield_!(x.to_string());
}

#[generator]
fn shadowing_inner_block() -> impl Iterator<Item = String> {
    let x = 1u32;
    {
        let x = "inner";
        yield_!(x.to_string());
    }
    // The outer `x` is visible again, with its own type and value.
    yield_!((x + 1).to_string());
}

#[test]
fn shadowing_yields() {
    assert_eq!(
        shadowing().collect::<Vec<_>>(),
        vec!["1", "two", "[3, 3]", "2.5"]
    );
    assert_eq!(
        shadowing_inner_block().collect::<Vec<_>>(),
        vec!["inner", "2"]
    );
}

// ---------------------------------------------------------------------------------------
// early return inside a nested loop

#[generator]
fn early_return(grid: Vec<Vec<i32>>) -> impl Iterator<Item = i32> {
    for row in grid {
        for v in row {
            if v < 0 {
                return;
            }
            yield_!(v);
        }
        yield_!(0);
    }
    yield_!(1000);
}

#[test]
fn early_return_in_nested_loop_yields() {
    assert_eq!(
        early_return(vec![vec![1, 2], vec![3, -1, 4], vec![5]]).collect::<Vec<_>>(),
        vec![1, 2, 0, 3]
    );
    assert_eq!(
        early_return(vec![vec![1], vec![2]]).collect::<Vec<_>>(),
        vec![1, 0, 2, 0, 1000]
    );
}

// ---------------------------------------------------------------------------------------
// generators that never yield

#[generator]
fn no_yield_at_all() -> impl Iterator<Item = u32> {}

#[generator]
fn no_yield_at_runtime(n: u32) -> impl Iterator<Item = u32> {
    if n > 100 {
        yield_!(n);
    }
}

#[test]
fn never_yielding_generator_is_empty() {
    assert_eq!(no_yield_at_all().collect::<Vec<_>>(), Vec::<u32>::new());
    assert_eq!(
        no_yield_at_runtime(3).collect::<Vec<_>>(),
        Vec::<u32>::new()
    );
    assert_eq!(no_yield_at_runtime(101).collect::<Vec<_>>(), vec![101]);
}

// ---------------------------------------------------------------------------------------
// generic fn with bounds and a where clause

#[generator]
fn evens<T: Copy, I>(it: I) -> impl Iterator<Item = T>
where
    I: IntoIterator<Item = T>,
{
    for (i, x) in it.into_iter().enumerate() {
        if i % 2 == 0 {
            yield_!(x);
        }
    }
}

#[test]
fn generic_fn_with_where_clause_yields() {
    assert_eq!(
        evens(vec![10, 11, 12, 13, 14]).collect::<Vec<_>>(),
        vec![10, 12, 14]
    );
    assert_eq!(evens("abcde".chars()).collect::<String>(), "ace");
    assert_eq!(evens(Vec::<u8>::new()).count(), 0);
}

// ---------------------------------------------------------------------------------------
// explicit lifetime, borrowing from the argument

#[generator]
fn words<'a>(s: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    for w in s.split_whitespace() {
        yield_!(w);
    }
}

#[test]
fn explicit_lifetime_borrowing_argument_yields() {
    let text = String::from("  the quick\tbrown   fox ");
    let got: Vec<&str> = words(&text).collect();
    assert_eq!(got, vec!["the", "quick", "brown", "fox"]);
    // The items borrow from `text`, not from the generator: they outlive it.
    let first = {
        let mut it = words(&text);
        it.next().unwrap()
    };
    assert_eq!(first, "the");
}

// ---------------------------------------------------------------------------------------
// yields in expression positions (SPEC: conditions, scrutinees, arguments, initialisers);
// in an iterator a yield evaluates to `()`

fn pair(a: u32, _unit: ()) -> u32 {
    a * 2
}

#[generator]
fn yields_in_expressions(n: u32) -> impl Iterator<Item = u32> {
    let () = yield_!(1);
    if {
        yield_!(2);
        n > 0
    } {
        yield_!(3);
    }
    match yield_!(4) {
        () => yield_!(5),
    }
    let x = pair(n, yield_!(6));
    yield_!(x);
    let v = [yield_!(8), yield_!(9)];
    yield_!(v.len() as u32 + 100);
}

#[test]
fn yields_in_expression_positions() {
    assert_eq!(
        yields_in_expressions(7).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5, 6, 14, 8, 9, 102]
    );
    assert_eq!(
        yields_in_expressions(0).collect::<Vec<_>>(),
        vec![1, 2, 4, 5, 6, 0, 8, 9, 102]
    );
}

// ---------------------------------------------------------------------------------------
// regression (found by tools/difftest): two hidden bindings of one name carried together

#[generator]
fn three_xs(seed: u32) -> impl Iterator<Item = u32> {
    let x = seed;
    for round in 0..2 {
        let x = x + 10 * (round + 1);
        {
            let x = x + 100;
            yield_!(x);
        }
        yield_!(x);
    }
    yield_!(x);
}

#[test]
fn each_hidden_binding_keeps_its_own_value() {
    assert_eq!(three_xs(1).collect::<Vec<_>>(), [111, 11, 121, 21, 1]);
}

/// Code after a loop that yields is emitted once, however many ways lead to it (the
/// loop's end and each resume inside it), so a closure created there has one type.
#[generator]
fn closure_after_loop(n: u32) -> impl Iterator<Item = u32> {
    for i in 0..n {
        yield_!(i);
    }
    let add = move |x: u32| x + n;
    yield_!(add(1));
    if n > 1 {
        yield_!(add(2));
    }
    let tail = gen_runtime::gen_iter! { yield 7; yield 8; };
    for t in tail {
        yield_!(add(t));
    }
}

#[test]
fn closures_after_a_loop_that_yields_have_one_type() {
    assert_eq!(closure_after_loop(0).collect::<Vec<_>>(), [1, 7, 8]);
    assert_eq!(
        closure_after_loop(2).collect::<Vec<_>>(),
        [0, 1, 3, 4, 9, 10]
    );
}

/// A shadow that is held across yields, of a binding assigned again after the shadow's
/// block: each arm declares the outer binding only where it is used. (Found by
/// tools/difftest: E0282 on the unused declaration.)
#[generator]
fn held_shadow(seed: i64) -> impl gen_runtime::Generator<i64, Yield = i64, Return = i64> {
    let mut buf = [seed; 2];
    {
        let buf = buf;
        yield_!(buf[0]);
        yield_!(0);
    }
    buf = [5; 2];
    buf[0] + buf[1]
}

#[test]
fn a_held_shadow_leaves_the_outer_binding_to_its_later_assignment() {
    use gen_runtime::{Generator, GeneratorState::*};
    let mut g = held_shadow(4);
    assert_eq!(g.resume(0), Yielded(4));
    assert_eq!(g.resume(0), Yielded(0));
    assert_eq!(g.resume(0), Complete(10));
}

/// A binding renamed because a later one hides it while it is carried (the loop reads
/// the outer `x` again each time round), next to yield-free code that binds the same name
/// itself (a `let`, a closure parameter, a `for` pattern, an `if let`): there the name is
/// the inner binding. (Found by tools/difftest.)
#[generator]
fn renamed_beside_native_shadows(n: usize) -> impl Iterator<Item = usize> {
    let x = n;
    yield_!(x);
    let mut total = 0;
    for i in 0..n {
        let x = i * 10;
        total += x;
    }
    let twice = |x: usize| x * 2;
    for x in [1, 2] {
        total += twice(x);
    }
    if let Some(x) = Some(100) {
        total += x;
    }
    let mut k = 0;
    loop {
        let x = x + total + k;
        yield_!(x);
        k += 1;
        if k == 2 {
            break;
        }
    }
}

#[test]
fn renames_stop_where_yield_free_code_binds_the_name() {
    // 2; then total = (0 + 10) + (2 + 4) + 100, and x = 2 + 116 + k
    assert_eq!(
        renamed_beside_native_shadows(2).collect::<Vec<_>>(),
        [2, 118, 119]
    );
}

// ---------------------------------------------------------------------------------------
// a local moved into an inner loop's input and assigned again on the only path round

fn pop_last(mut v: Vec<u32>) -> (Option<u32>, Vec<u32>) {
    let last = v.pop();
    (last, v)
}

/// The shape `.await` lowers to in a stream: `it` moves into the inner loop's input, and
/// only the arm that goes round the outer loop again assigns it (the other breaks out).
/// It was carried across the inner yield after the move: "use of moved value".
#[generator]
fn moved_into_an_inner_loop(v: Vec<u32>) -> impl Iterator<Item = u32> {
    let mut it = v;
    loop {
        let next;
        {
            let mut input = Some(pop_last(it));
            loop {
                match input.take() {
                    Some(r) => {
                        next = r;
                        break;
                    }
                    None => yield_!(0),
                }
            }
        }
        match next {
            (Some(x), rest) => {
                it = rest;
                yield_!(x);
            }
            _ => break,
        }
    }
}

#[test]
fn a_local_moved_into_an_inner_loop_goes_round_the_outer_one() {
    assert_eq!(
        moved_into_an_inner_loop(vec![1, 2, 3]).collect::<Vec<_>>(),
        [3, 2, 1]
    );
    assert_eq!(moved_into_an_inner_loop(vec![]).count(), 0);
}

struct Bag {
    v: Vec<u32>,
    count: u32,
}

impl Bag {
    /// README, Limits: a value partly moved before a yield cannot be carried across it;
    /// taken apart first, its fields travel on their own.
    #[generator]
    fn drain(self) -> impl Iterator<Item = u32> {
        let Bag { v, count } = self;
        for x in v {
            yield_!(x);
        }
        yield_!(count);
    }
}

#[test]
fn a_value_taken_apart_before_a_loop_carries_its_other_fields() {
    let bag = Bag {
        v: vec![1, 2],
        count: 9,
    };
    assert_eq!(bag.drain().collect::<Vec<_>>(), [1, 2, 9]);
}

/// A yield inside an `unsafe` block: the block stays whole (the body keeps its locals in
/// place), in every kind.
#[generator]
fn reads_through_a_pointer(p: *const u32) -> impl Iterator<Item = u32> {
    // SAFETY: the caller keeps `*p` alive and unaliased by writes while iterating.
    unsafe {
        yield_!(*p);
        yield_!(*p + 1);
    }
}

#[generator]
fn resumed_inside_unsafe(p: *const u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    // SAFETY: as above.
    let r = unsafe { yield_!(*p) + *p };
    r
}

#[test]
fn yields_inside_unsafe_blocks() {
    let x = 5u32;
    assert_eq!(reads_through_a_pointer(&x).collect::<Vec<_>>(), [5, 6]);
    let mut g = resumed_inside_unsafe(&x);
    assert_eq!(g.resume(0), GeneratorState::Yielded(5));
    assert_eq!(g.resume(9), GeneratorState::Complete(14));
    let s = gen_runtime::gen_stream! {
        let v = [1u32, 2];
        let p = v.as_ptr();
        // SAFETY: `v` outlives the block and is not written.
        unsafe {
            yield *p;
            yield *p.add(1);
        }
    };
    assert_eq!(
        futures::executor::block_on(futures::StreamExt::collect::<Vec<_>>(s)),
        [1, 2]
    );
}

/// A generator with more states than a `u8` tag holds (`Start`, 260 suspension points,
/// `Returned`, `Poisoned`), in a loop: its tag is wider.
#[generator]
#[rustfmt::skip]
fn many_states(rounds: u64) -> impl Iterator<Item = u64> {
    for round in 0..rounds {
        let n = round * 1000;
        yield_!(n); yield_!(n + 1); yield_!(n + 2); yield_!(n + 3); yield_!(n + 4); yield_!(n + 5); yield_!(n + 6); yield_!(n + 7); yield_!(n + 8); yield_!(n + 9); yield_!(n + 10); yield_!(n + 11); yield_!(n + 12); yield_!(n + 13); yield_!(n + 14); yield_!(n + 15); yield_!(n + 16); yield_!(n + 17); yield_!(n + 18); yield_!(n + 19);
        yield_!(n + 20); yield_!(n + 21); yield_!(n + 22); yield_!(n + 23); yield_!(n + 24); yield_!(n + 25); yield_!(n + 26); yield_!(n + 27); yield_!(n + 28); yield_!(n + 29); yield_!(n + 30); yield_!(n + 31); yield_!(n + 32); yield_!(n + 33); yield_!(n + 34); yield_!(n + 35); yield_!(n + 36); yield_!(n + 37); yield_!(n + 38); yield_!(n + 39);
        yield_!(n + 40); yield_!(n + 41); yield_!(n + 42); yield_!(n + 43); yield_!(n + 44); yield_!(n + 45); yield_!(n + 46); yield_!(n + 47); yield_!(n + 48); yield_!(n + 49); yield_!(n + 50); yield_!(n + 51); yield_!(n + 52); yield_!(n + 53); yield_!(n + 54); yield_!(n + 55); yield_!(n + 56); yield_!(n + 57); yield_!(n + 58); yield_!(n + 59);
        yield_!(n + 60); yield_!(n + 61); yield_!(n + 62); yield_!(n + 63); yield_!(n + 64); yield_!(n + 65); yield_!(n + 66); yield_!(n + 67); yield_!(n + 68); yield_!(n + 69); yield_!(n + 70); yield_!(n + 71); yield_!(n + 72); yield_!(n + 73); yield_!(n + 74); yield_!(n + 75); yield_!(n + 76); yield_!(n + 77); yield_!(n + 78); yield_!(n + 79);
        yield_!(n + 80); yield_!(n + 81); yield_!(n + 82); yield_!(n + 83); yield_!(n + 84); yield_!(n + 85); yield_!(n + 86); yield_!(n + 87); yield_!(n + 88); yield_!(n + 89); yield_!(n + 90); yield_!(n + 91); yield_!(n + 92); yield_!(n + 93); yield_!(n + 94); yield_!(n + 95); yield_!(n + 96); yield_!(n + 97); yield_!(n + 98); yield_!(n + 99);
        yield_!(n + 100); yield_!(n + 101); yield_!(n + 102); yield_!(n + 103); yield_!(n + 104); yield_!(n + 105); yield_!(n + 106); yield_!(n + 107); yield_!(n + 108); yield_!(n + 109); yield_!(n + 110); yield_!(n + 111); yield_!(n + 112); yield_!(n + 113); yield_!(n + 114); yield_!(n + 115); yield_!(n + 116); yield_!(n + 117); yield_!(n + 118); yield_!(n + 119);
        yield_!(n + 120); yield_!(n + 121); yield_!(n + 122); yield_!(n + 123); yield_!(n + 124); yield_!(n + 125); yield_!(n + 126); yield_!(n + 127); yield_!(n + 128); yield_!(n + 129); yield_!(n + 130); yield_!(n + 131); yield_!(n + 132); yield_!(n + 133); yield_!(n + 134); yield_!(n + 135); yield_!(n + 136); yield_!(n + 137); yield_!(n + 138); yield_!(n + 139);
        yield_!(n + 140); yield_!(n + 141); yield_!(n + 142); yield_!(n + 143); yield_!(n + 144); yield_!(n + 145); yield_!(n + 146); yield_!(n + 147); yield_!(n + 148); yield_!(n + 149); yield_!(n + 150); yield_!(n + 151); yield_!(n + 152); yield_!(n + 153); yield_!(n + 154); yield_!(n + 155); yield_!(n + 156); yield_!(n + 157); yield_!(n + 158); yield_!(n + 159);
        yield_!(n + 160); yield_!(n + 161); yield_!(n + 162); yield_!(n + 163); yield_!(n + 164); yield_!(n + 165); yield_!(n + 166); yield_!(n + 167); yield_!(n + 168); yield_!(n + 169); yield_!(n + 170); yield_!(n + 171); yield_!(n + 172); yield_!(n + 173); yield_!(n + 174); yield_!(n + 175); yield_!(n + 176); yield_!(n + 177); yield_!(n + 178); yield_!(n + 179);
        yield_!(n + 180); yield_!(n + 181); yield_!(n + 182); yield_!(n + 183); yield_!(n + 184); yield_!(n + 185); yield_!(n + 186); yield_!(n + 187); yield_!(n + 188); yield_!(n + 189); yield_!(n + 190); yield_!(n + 191); yield_!(n + 192); yield_!(n + 193); yield_!(n + 194); yield_!(n + 195); yield_!(n + 196); yield_!(n + 197); yield_!(n + 198); yield_!(n + 199);
        yield_!(n + 200); yield_!(n + 201); yield_!(n + 202); yield_!(n + 203); yield_!(n + 204); yield_!(n + 205); yield_!(n + 206); yield_!(n + 207); yield_!(n + 208); yield_!(n + 209); yield_!(n + 210); yield_!(n + 211); yield_!(n + 212); yield_!(n + 213); yield_!(n + 214); yield_!(n + 215); yield_!(n + 216); yield_!(n + 217); yield_!(n + 218); yield_!(n + 219);
        yield_!(n + 220); yield_!(n + 221); yield_!(n + 222); yield_!(n + 223); yield_!(n + 224); yield_!(n + 225); yield_!(n + 226); yield_!(n + 227); yield_!(n + 228); yield_!(n + 229); yield_!(n + 230); yield_!(n + 231); yield_!(n + 232); yield_!(n + 233); yield_!(n + 234); yield_!(n + 235); yield_!(n + 236); yield_!(n + 237); yield_!(n + 238); yield_!(n + 239);
        yield_!(n + 240); yield_!(n + 241); yield_!(n + 242); yield_!(n + 243); yield_!(n + 244); yield_!(n + 245); yield_!(n + 246); yield_!(n + 247); yield_!(n + 248); yield_!(n + 249); yield_!(n + 250); yield_!(n + 251); yield_!(n + 252); yield_!(n + 253); yield_!(n + 254); yield_!(n + 255); yield_!(n + 256); yield_!(n + 257); yield_!(n + 258); yield_!(n + 259);
    }
}

#[test]
fn more_states_than_a_byte_counts() {
    let all: Vec<u64> = many_states(2).collect();
    assert_eq!(all.len(), 520);
    assert_eq!(all[..3], [0, 1, 2]);
    assert_eq!(all[259..262], [259, 1000, 1001]);
    assert_eq!(all[519], 1259);
}

// ---------------------------------------------------------------------------------------
// a loop that resume arms enter again

/// Each resume arm inside the inner loop ends by entering that loop again; its `continue
/// 'outer` and `break 'outer` leave to labels each arm has of its own.
#[generator]
fn inner_loop_jumps_out(n: u32) -> impl Iterator<Item = u32> {
    'outer: for i in 0..n {
        let mut j = 0;
        loop {
            yield_!(i * 10 + j);
            j += 1;
            if j == 2 {
                continue 'outer;
            }
            yield_!(100 + i * 10 + j);
            if i == 2 {
                break 'outer;
            }
        }
    }
    yield_!(999);
}

/// The same loop with no jump out of it, entered again by the arms of its two yields.
#[generator]
fn inner_loop_entered_again(n: u32) -> impl Iterator<Item = u32> {
    let mut total = 0;
    for i in 0..n {
        let mut j = 0;
        while j < 3 {
            yield_!(i * 10 + j);
            total += j;
            j += 1;
            yield_!(100 + total);
        }
    }
    yield_!(total);
}

#[test]
fn loops_entered_again_from_their_yields() {
    assert_eq!(
        inner_loop_jumps_out(4).collect::<Vec<_>>(),
        [0, 101, 1, 10, 111, 11, 20, 121, 999]
    );
    let mut want = Vec::new();
    let mut total = 0;
    for i in 0..3 {
        let mut j = 0;
        while j < 3 {
            want.push(i * 10 + j);
            total += j;
            j += 1;
            want.push(100 + total);
        }
    }
    want.push(total);
    assert_eq!(inner_loop_entered_again(3).collect::<Vec<_>>(), want);
}
