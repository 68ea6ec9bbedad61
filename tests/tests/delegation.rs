//! `yield_from!`: in an iterator it yields every item of any `IntoIterator` and evaluates to
//! `()`; in a generator it delegates to another generator, passing every resume argument
//! through, and evaluates to that generator's return value. Boxed return types make
//! recursive generators possible.

use gen_runtime::{generator, yield_, yield_from, Generator, GeneratorState};

use GeneratorState::{Complete, Yielded};

mod common;
use common::drive;

// ---------------------------------------------------------------------------------------
// iterators: any IntoIterator

#[generator]
fn evens(below: u32) -> impl Iterator<Item = u32> {
    let mut i = 0;
    while i < below {
        yield_!(i);
        i += 2;
    }
}

#[generator]
fn from_everything(v: Vec<u32>) -> impl Iterator<Item = u32> {
    yield_!(1000);
    yield_from!(v);
    yield_!(2000);
    yield_from!(5..8);
    yield_from!(evens(7));
    yield_from!(Vec::<u32>::new());
    yield_from!(Some(42));
    yield_from!(std::iter::empty::<u32>());
    yield_!(3000);
}

#[test]
fn iterator_yield_from_any_into_iterator() {
    assert_eq!(
        from_everything(vec![10, 11, 12]).collect::<Vec<_>>(),
        vec![1000, 10, 11, 12, 2000, 5, 6, 7, 0, 2, 4, 6, 42, 3000]
    );
}

#[generator]
fn yield_from_is_unit(n: u32) -> impl Iterator<Item = u32> {
    let () = yield_from!(0..n);
    let unit = yield_from!(vec![n; 2]);
    let () = unit;
    yield_!(99);
}

#[test]
fn iterator_yield_from_evaluates_to_unit() {
    assert_eq!(
        yield_from_is_unit(3).collect::<Vec<_>>(),
        vec![0, 1, 2, 3, 3, 99]
    );
}

#[generator]
fn flatten_strings(words: Vec<String>) -> impl Iterator<Item = char> {
    for w in words {
        if w.is_empty() {
            continue;
        }
        yield_from!(w.chars().collect::<Vec<_>>());
        yield_!('|');
    }
}

#[test]
fn iterator_yield_from_in_loop() {
    let words = vec!["ab".to_string(), String::new(), "cde".to_string()];
    assert_eq!(
        flatten_strings(words).collect::<String>(),
        "ab|cde|".to_string()
    );
}

#[generator]
fn yield_from_is_lazy(
    log: std::rc::Rc<std::cell::RefCell<Vec<String>>>,
) -> impl Iterator<Item = u32> {
    log.borrow_mut().push("start".to_string());
    let l = log.clone();
    yield_from!((0..3).inspect(move |x| l.borrow_mut().push(format!("inner {x}"))));
    log.borrow_mut().push("end".to_string());
}

#[test]
fn iterator_yield_from_pulls_one_item_per_next() {
    let log = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut it = yield_from_is_lazy(log.clone());
    assert!(log.borrow().is_empty());
    assert_eq!(it.next(), Some(0));
    assert_eq!(*log.borrow(), vec!["start", "inner 0"]);
    assert_eq!(it.next(), Some(1));
    assert_eq!(*log.borrow(), vec!["start", "inner 0", "inner 1"]);
    assert_eq!(it.next(), Some(2));
    assert_eq!(it.next(), None);
    assert_eq!(
        *log.borrow(),
        vec!["start", "inner 0", "inner 1", "inner 2", "end"]
    );
    assert_eq!(it.next(), None);
}

// ---------------------------------------------------------------------------------------
// generators: delegation with resume arguments and return values

#[generator]
fn adder(label: &'static str) -> impl Generator<u32, Yield = String, Return = u32> {
    let a = yield_!(format!("{label}: first"));
    let b = yield_!(format!("{label}: got {a}"));
    a + b
}

#[generator]
fn delegator() -> impl Generator<u32, Yield = String, Return = (u32, u32)> {
    let before = yield_!("outer: start".to_string());
    let r = yield_from!(adder("inner"));
    let after = yield_!(format!("outer: inner returned {r}"));
    (r, before + after)
}

#[test]
fn generator_yield_from_passes_resume_and_returns_value() {
    let mut g = delegator();
    assert_eq!(
        drive(&mut g, [999, 100, 101, 102, 103, 104]),
        vec![
            Yielded("outer: start".to_string()),
            // `adder` is primed by the delegation itself: 100 is `before`
            Yielded("inner: first".to_string()),
            Yielded("inner: got 101".to_string()),
            Yielded("outer: inner returned 203".to_string()),
            Complete((203, 100 + 103)),
        ]
    );
}

#[generator]
fn immediate(v: u32) -> impl Generator<u32, Yield = String, Return = u32> {
    v * 2
}

#[generator]
fn delegates_to_empty() -> impl Generator<u32, Yield = String, Return = u32> {
    let a = yield_from!(immediate(4));
    let b = yield_from!(immediate(a));
    let c = yield_!(format!("a={a} b={b}"));
    a + b + c
}

#[test]
fn generator_yield_from_that_completes_without_yielding() {
    let mut g = delegates_to_empty();
    assert_eq!(
        drive(&mut g, [0, 5]),
        vec![Yielded("a=8 b=16".to_string()), Complete(29)]
    );
}

#[generator]
fn sum_of_two_delegations() -> impl Generator<u32, Yield = String, Return = u32> {
    // Written `yield_from!(adder("x")) * 1000 + yield_from!(adder("y"))` this fails to
    // compile (E0284, "type annotations needed" on the `*`): reported as a macro bug.
    let x = yield_from!(adder("x"));
    x * 1000 + yield_from!(adder("y"))
}

#[test]
fn generator_yield_from_in_expression() {
    let mut g = sum_of_two_delegations();
    assert_eq!(
        drive(&mut g, [0, 1, 2, 3, 4]),
        vec![
            Yielded("x: first".to_string()),
            Yielded("x: got 1".to_string()),
            Yielded("y: first".to_string()),
            Yielded("y: got 3".to_string()),
            Complete(3 * 1000 + 7),
        ]
    );
}

// three levels deep: top → middle → leaf (twice)

#[generator]
fn leaf(tag: u32) -> impl Generator<u32, Yield = String, Return = u32> {
    let p = yield_!(format!("leaf{tag}:first"));
    let q = yield_!(format!("leaf{tag}:second p={p}"));
    p * 1000 + q
}

#[generator]
fn middle(seed: u32) -> impl Generator<u32, Yield = String, Return = u32> {
    let a = yield_!(format!("mid:start seed={seed}"));
    let l1 = yield_from!(leaf(1));
    let b = yield_!(format!("mid:between a={a} l1={l1}"));
    let l2 = yield_from!(leaf(2));
    a + b + l1 + l2
}

#[generator]
fn top() -> impl Generator<u32, Yield = String, Return = String> {
    let x = yield_!("top:start".to_string());
    let m = yield_from!(middle(x));
    let y = yield_!(format!("top:after middle={m}"));
    format!("x={x} m={m} y={y}")
}

#[test]
fn nested_delegation_three_levels() {
    let mut g = top();
    let trace = drive(&mut g, [999, 100, 101, 102, 103, 104, 105, 106, 107, 108]);
    let y = |s: &str| Yielded::<String, String>(s.to_string());
    // l1 = 102 * 1000 + 103, l2 = 105 * 1000 + 106, m = 101 + 104 + l1 + l2
    assert_eq!(
        trace,
        vec![
            y("top:start"),
            y("mid:start seed=100"),
            y("leaf1:first"),
            y("leaf1:second p=102"),
            y("mid:between a=101 l1=102103"),
            y("leaf2:first"),
            y("leaf2:second p=105"),
            y("top:after middle=207414"),
            Complete("x=100 m=207414 y=107".to_string()),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// boxed kinds: recursion

#[derive(Debug)]
enum Tree {
    Leaf,
    Node(Box<Tree>, u32, Box<Tree>),
}

impl Tree {
    fn node(l: Tree, v: u32, r: Tree) -> Tree {
        Tree::Node(Box::new(l), v, Box::new(r))
    }

    /// A balanced search tree holding `lo..hi`.
    fn balanced(lo: u32, hi: u32) -> Tree {
        if lo >= hi {
            return Tree::Leaf;
        }
        let mid = lo + (hi - lo) / 2;
        Tree::node(Tree::balanced(lo, mid), mid, Tree::balanced(mid + 1, hi))
    }
}

#[generator]
fn inorder<'a>(t: &'a Tree) -> Box<dyn Iterator<Item = u32> + 'a> {
    if let Tree::Node(left, v, right) = t {
        yield_from!(inorder(left));
        yield_!(*v);
        yield_from!(inorder(right));
    }
}

#[test]
fn boxed_recursive_inorder_traversal() {
    let t = Tree::node(
        Tree::node(Tree::Leaf, 1, Tree::node(Tree::Leaf, 2, Tree::Leaf)),
        5,
        Tree::node(Tree::node(Tree::Leaf, 7, Tree::Leaf), 9, Tree::Leaf),
    );
    assert_eq!(inorder(&t).collect::<Vec<_>>(), vec![1, 2, 5, 7, 9]);
    assert_eq!(inorder(&Tree::Leaf).count(), 0);
    let big = Tree::balanced(0, 100);
    assert_eq!(
        inorder(&big).collect::<Vec<_>>(),
        (0..100).collect::<Vec<_>>()
    );
}

#[generator]
fn permutations(items: Vec<u32>) -> Box<dyn Iterator<Item = Vec<u32>>> {
    if items.is_empty() {
        yield_!(Vec::new());
        return;
    }
    for i in 0..items.len() {
        let mut rest = items.clone();
        let first = rest.remove(i);
        for mut p in permutations(rest) {
            p.insert(0, first);
            yield_!(p);
        }
    }
}

#[test]
fn boxed_recursive_permutations() {
    assert_eq!(
        permutations(vec![1, 2, 3]).collect::<Vec<_>>(),
        vec![
            vec![1, 2, 3],
            vec![1, 3, 2],
            vec![2, 1, 3],
            vec![2, 3, 1],
            vec![3, 1, 2],
            vec![3, 2, 1],
        ]
    );
    assert_eq!(
        permutations(vec![]).collect::<Vec<_>>(),
        vec![Vec::<u32>::new()]
    );
    assert_eq!(permutations(vec![1, 2, 3, 4, 5]).count(), 120);
}

#[generator]
fn nested_sum(depth: u32) -> Box<dyn Generator<u32, Yield = u32, Return = u32>> {
    let x = yield_!(depth);
    if depth == 0 {
        return x;
    }
    let inner = yield_from!(nested_sum(depth - 1));
    x + inner
}

#[test]
fn boxed_recursive_generator_delegation() {
    let mut g = nested_sum(2);
    assert_eq!(
        drive(&mut g, [999, 100, 101, 102, 103]),
        vec![
            Yielded(2),
            Yielded(1),
            Yielded(0),
            Complete(100 + 101 + 102)
        ]
    );
    let mut g = nested_sum(0);
    assert_eq!(drive(&mut g, [1, 7]), vec![Yielded(0), Complete(7)]);
}

#[test]
fn boxed_generator_is_a_trait_object() {
    let mut gens: Vec<Box<dyn Generator<u32, Yield = u32, Return = u32>>> =
        vec![nested_sum(0), nested_sum(1)];
    assert_eq!(gens[0].resume(0), Yielded(0));
    assert_eq!(gens[1].resume(0), Yielded(1));
    assert_eq!(gens[0].resume(5), Complete(5));
    assert_eq!(gens[1].resume(5), Yielded(0));
    assert_eq!(gens[1].resume(6), Complete(11));
}

#[generator]
fn assign_results(n: u32) -> impl Generator<u32, Yield = u32, Return = Vec<u32>> {
    let mut results = vec![0; n as usize];
    for i in 0..n {
        results[i as usize] = yield_from!(nested_sum(i));
    }
    results
}

#[test]
fn yield_from_result_assigned_to_a_place() {
    let mut g = assign_results(2);
    // nested_sum(0) yields 0 and returns the next resume argument (4); nested_sum(1)
    // yields 1, takes 9, delegates to nested_sum(0), which returns 6: 9 + 6.
    assert_eq!(
        drive(&mut g, [99, 4, 9, 6]),
        vec![Yielded(0), Yielded(1), Yielded(0), Complete(vec![4, 9 + 6])]
    );
}

// `yield_from!` inside another macro's arguments: the macro's expansion runs in place, with
// the delegation where the argument stands, left to right (the body keeps its locals in
// place, as for any yield there).

#[allow(clippy::useless_vec)] // `vec!` is the macro under test.
#[generator]
fn delegating_in_macro_arguments() -> impl Iterator<Item = u32> {
    let v = vec![yield_from!(0..2u32), ()];
    yield_!(v.len() as u32);
    let s = format!("{:?}", yield_from!([7u32, 8]));
    yield_!(s.len() as u32);
}

#[generator]
fn answers_once() -> impl Generator<u32, Yield = u32, Return = u32> {
    let r = yield_!(1);
    r * 10
}

#[allow(clippy::useless_vec)] // `vec!` is the macro under test.
#[generator]
fn delegating_generator_in_vec() -> impl Generator<u32, Yield = u32, Return = u32> {
    let v = vec![yield_from!(answers_once()), 5];
    v.iter().sum()
}

fn delegating_stream_in_vec() -> impl futures::Stream<Item = u32> {
    gen_runtime::gen_stream! {
        let n = vec![yield_from!(futures::stream::iter([1u32, 2]))].len() as u32;
        yield n + 10;
    }
}

#[test]
fn yield_from_inside_macro_arguments() {
    use futures::StreamExt;
    assert_eq!(
        delegating_in_macro_arguments().collect::<Vec<_>>(),
        [0, 1, 2, 7, 8, 2]
    );
    let mut g = delegating_generator_in_vec();
    assert_eq!(g.resume(0), Yielded(1));
    // The resume argument goes to the inner generator, whose return value is the element.
    assert_eq!(g.resume(2), Complete(25));
    assert_eq!(
        futures::executor::block_on(delegating_stream_in_vec().collect::<Vec<_>>()),
        [1, 2, 11]
    );
}
