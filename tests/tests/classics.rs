//! Classic generator programs from CPython's `Lib/test/test_generators.py` (and PEP 255),
//! translated. Recursion and chains of generators use the boxed kinds.

use gen_runtime::{generator, yield_, yield_from};

// ---------------------------------------------------------------------------------------
// PEP 255: binary tree built from a sorted sequence, traversed in order

#[derive(Debug)]
struct Node {
    label: char,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
}

/// `tree(list)` from PEP 255: the middle element at the root, halves below.
fn tree(list: &[char]) -> Option<Box<Node>> {
    if list.is_empty() {
        return None;
    }
    let i = list.len() / 2;
    Some(Box::new(Node {
        label: list[i],
        left: tree(&list[..i]),
        right: tree(&list[i + 1..]),
    }))
}

/// The recursive generator of PEP 255:
///
/// ```python
/// def inorder(t):
///     if t:
///         for x in inorder(t.left):
///             yield x
///         yield t.label
///         for x in inorder(t.right):
///             yield x
/// ```
#[generator]
fn inorder<'a>(t: Option<&'a Node>) -> Box<dyn Iterator<Item = char> + 'a> {
    if let Some(t) = t {
        for x in inorder(t.left.as_deref()) {
            yield_!(x);
        }
        yield_!(t.label);
        yield_from!(inorder(t.right.as_deref()));
    }
}

/// PEP 255's non-recursive version, with an explicit stack of borrowed nodes.
#[generator]
fn inorder_stack<'a>(node: Option<&'a Node>) -> impl Iterator<Item = char> + 'a {
    let mut stack: Vec<&'a Node> = Vec::new();
    let mut node = node;
    while let Some(mut n) = node {
        while let Some(left) = n.left.as_deref() {
            stack.push(n);
            n = left;
        }
        yield_!(n.label);
        while n.right.is_none() {
            match stack.pop() {
                Some(parent) => n = parent,
                None => return,
            }
            yield_!(n.label);
        }
        node = n.right.as_deref();
    }
}

#[test]
fn pep255_tree_traversal() {
    let letters: Vec<char> = ('A'..='Z').collect();
    let t = tree(&letters);
    let alphabet: String = letters.iter().collect();
    assert_eq!(inorder(t.as_deref()).collect::<String>(), alphabet);
    assert_eq!(inorder_stack(t.as_deref()).collect::<String>(), alphabet);
    // The root is the middle letter.
    assert_eq!(t.as_ref().map(|n| n.label), Some('N'));
    assert_eq!(inorder(None).count(), 0);
    assert_eq!(inorder_stack(None).count(), 0);
    for len in 0..=letters.len() {
        let t = tree(&letters[..len]);
        let want: String = letters[..len].iter().collect();
        assert_eq!(inorder(t.as_deref()).collect::<String>(), want);
        assert_eq!(inorder_stack(t.as_deref()).collect::<String>(), want);
    }
}

// ---------------------------------------------------------------------------------------
// combinations: `gcomb` from test_generators.py

/// ```python
/// def gcomb(x, k):
///     if k > len(x): return
///     if k == 0: yield []
///     else:
///         first, rest = x[0], x[1:]
///         for c in gcomb(rest, k-1):
///             c.insert(0, first)
///             yield c
///         for c in gcomb(rest, k):
///             yield c
/// ```
#[generator]
fn gcomb(x: Vec<u32>, k: usize) -> Box<dyn Iterator<Item = Vec<u32>>> {
    if k > x.len() {
        return;
    }
    if k == 0 {
        yield_!(Vec::new());
    } else {
        let first = x[0];
        let rest = x[1..].to_vec();
        for mut c in gcomb(rest.clone(), k - 1) {
            c.insert(0, first);
            yield_!(c);
        }
        yield_from!(gcomb(rest, k));
    }
}

#[test]
fn gcomb_combinations() {
    let seq = vec![1, 2, 3, 4];
    let all: Vec<Vec<Vec<u32>>> = (0..=5).map(|k| gcomb(seq.clone(), k).collect()).collect();
    assert_eq!(all[0], vec![Vec::<u32>::new()]);
    assert_eq!(all[1], vec![vec![1], vec![2], vec![3], vec![4]]);
    assert_eq!(
        all[2],
        vec![
            vec![1, 2],
            vec![1, 3],
            vec![1, 4],
            vec![2, 3],
            vec![2, 4],
            vec![3, 4]
        ]
    );
    assert_eq!(
        all[3],
        vec![vec![1, 2, 3], vec![1, 2, 4], vec![1, 3, 4], vec![2, 3, 4]]
    );
    assert_eq!(all[4], vec![vec![1, 2, 3, 4]]);
    assert!(all[5].is_empty());
}

// ---------------------------------------------------------------------------------------
// N-queens by generators

fn safe(placed: &[usize], col: usize) -> bool {
    let row = placed.len();
    placed
        .iter()
        .enumerate()
        .all(|(r, &c)| c != col && row - r != c.abs_diff(col))
}

/// Every way to complete `placed` (one column per filled row) to `n` queens.
#[generator]
fn queens(n: usize, placed: Vec<usize>) -> Box<dyn Iterator<Item = Vec<usize>>> {
    // `yield_!(placed); return;` followed by the loop fails to compile (E0382, use of moved
    // value `placed`: the `return` after the yield is not seen to end its liveness):
    // reported as a macro bug.
    if placed.len() == n {
        yield_!(placed);
    } else {
        for col in 0..n {
            if safe(&placed, col) {
                let mut next = placed.clone();
                next.push(col);
                yield_from!(queens(n, next));
            }
        }
    }
}

fn is_solution(n: usize, cols: &[usize]) -> bool {
    cols.len() == n && (0..n).all(|r| safe(&cols[..r], cols[r]))
}

#[test]
fn n_queens_counts() {
    let expected = [
        (1, 1),
        (2, 0),
        (3, 0),
        (4, 2),
        (5, 10),
        (6, 4),
        (7, 40),
        (8, 92),
    ];
    for (n, count) in expected {
        let solutions: Vec<Vec<usize>> = queens(n, Vec::new()).collect();
        assert_eq!(solutions.len(), count, "n = {n}");
        assert!(solutions.iter().all(|s| is_solution(n, s)));
    }
}

#[test]
fn n_queens_solutions_in_order() {
    assert_eq!(
        queens(4, Vec::new()).collect::<Vec<_>>(),
        vec![vec![1, 3, 0, 2], vec![2, 0, 3, 1]]
    );
    assert_eq!(
        queens(6, Vec::new()).collect::<Vec<_>>(),
        vec![
            vec![1, 3, 5, 0, 2, 4],
            vec![2, 5, 1, 4, 0, 3],
            vec![3, 0, 4, 1, 5, 2],
            vec![4, 2, 0, 5, 3, 1],
        ]
    );
    // Laziness: the first solution for n = 8 without searching for the rest.
    assert_eq!(
        queens(8, Vec::new()).next(),
        Some(vec![0, 4, 7, 5, 2, 6, 1, 3])
    );
}

// ---------------------------------------------------------------------------------------
// Hamming numbers by merging generators (`m235` from test_generators.py)

/// Parameters may use the alias; the return type must spell the boxed kind out, since the
/// attribute cannot see through a type alias.
type Ints = Box<dyn Iterator<Item = u64>>;

/// ```python
/// def times(n, g):
///     for i in g:
///         yield n * i
/// ```
#[generator]
fn times(n: u64, g: Ints) -> Box<dyn Iterator<Item = u64>> {
    for i in g {
        yield_!(n * i);
    }
}

/// ```python
/// def merge(g, h):
///     ng = next(g); nh = next(h)
///     while 1:
///         if ng < nh:   yield ng; ng = next(g)
///         elif ng > nh: yield nh; nh = next(h)
///         else:         yield ng; ng = next(g); nh = next(h)
/// ```
/// (stopping when either input ends)
#[generator]
fn merge(g: Ints, h: Ints) -> Box<dyn Iterator<Item = u64>> {
    let (mut g, mut h) = (g, h);
    let (Some(mut ng), Some(mut nh)) = (g.next(), h.next()) else {
        return;
    };
    loop {
        let next = if ng < nh {
            yield_!(ng);
            (g.next(), Some(nh))
        } else if ng > nh {
            yield_!(nh);
            (Some(ng), h.next())
        } else {
            yield_!(ng);
            (g.next(), h.next())
        };
        match next {
            (Some(a), Some(b)) => (ng, nh) = (a, b),
            _ => return,
        }
    }
}

/// ```python
/// def m235():
///     yield 1
///     me_times2 = times(2, m235())
///     me_times3 = times(3, m235())
///     me_times5 = times(5, m235())
///     for i in merge(merge(me_times2, me_times3), me_times5):
///         yield i
/// ```
#[generator]
fn m235() -> Box<dyn Iterator<Item = u64>> {
    yield_!(1);
    let me_times2 = times(2, m235());
    let me_times3 = times(3, m235());
    let me_times5 = times(5, m235());
    yield_from!(merge(merge(me_times2, me_times3), me_times5));
}

#[test]
fn hamming_numbers() {
    assert_eq!(
        m235().take(20).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 24, 25, 27, 30, 32, 36]
    );
    let plain: Vec<u64> = (1..=100u64)
        .filter(|&n| {
            let mut n = n;
            for p in [2, 3, 5] {
                while n % p == 0 {
                    n /= p;
                }
            }
            n == 1
        })
        .collect();
    assert_eq!(m235().take(plain.len()).collect::<Vec<_>>(), plain);
}

// ---------------------------------------------------------------------------------------
// prime sieve by chaining generators

/// ```python
/// def intsfrom(i):
///     while 1:
///         yield i
///         i += 1
/// ```
#[generator]
fn intsfrom(i: u64) -> Box<dyn Iterator<Item = u64>> {
    let mut i = i;
    loop {
        yield_!(i);
        i += 1;
    }
}

/// ```python
/// def exclude_multiples(n, ints):
///     for i in ints:
///         if i % n:
///             yield i
/// ```
#[generator]
fn exclude_multiples(n: u64, ints: Ints) -> Box<dyn Iterator<Item = u64>> {
    for i in ints {
        if i % n != 0 {
            yield_!(i);
        }
    }
}

/// ```python
/// def sieve(ints):
///     prime = next(ints)
///     yield prime
///     not_divisible_by_prime = exclude_multiples(prime, ints)
///     for p in sieve(not_divisible_by_prime):
///         yield p
/// ```
#[generator]
fn sieve(ints: Ints) -> Box<dyn Iterator<Item = u64>> {
    let mut ints = ints;
    let Some(prime) = ints.next() else {
        return;
    };
    yield_!(prime);
    let not_divisible_by_prime = exclude_multiples(prime, ints);
    yield_from!(sieve(not_divisible_by_prime));
}

#[test]
fn prime_sieve() {
    assert_eq!(
        sieve(intsfrom(2)).take(10).collect::<Vec<_>>(),
        vec![2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    );
    // A finite input ends the chain.
    assert_eq!(
        sieve(Box::new(2..30)).collect::<Vec<_>>(),
        vec![2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    );
    assert_eq!(sieve(intsfrom(2)).nth(99), Some(541));
}

// ---------------------------------------------------------------------------------------
// Fibonacci and `firstn`

/// ```python
/// def firstn(g, n):
///     return [next(g) for i in range(n)]
/// ```
fn firstn<I: Iterator>(g: I, n: usize) -> Vec<I::Item> {
    g.take(n).collect()
}

/// ```python
/// def fib():
///     a, b = 0, 1
///     while 1:
///         yield b
///         a, b = b, a+b
/// ```
#[generator]
fn fib() -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0u64, 1u64);
    loop {
        yield_!(b);
        (a, b) = (b, a + b);
    }
}

#[test]
fn fibonacci_firstn() {
    assert_eq!(
        firstn(fib(), 17),
        vec![1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597]
    );
}
