//! A generator is `Clone` when everything it holds is `Clone`; a clone of a suspended
//! generator continues independently from the same point. That makes forking at a choice
//! point (backtracking search) possible.

use gen_runtime::{generator, yield_, Generator, GeneratorState};

use GeneratorState::{Complete, Yielded};

// ---------------------------------------------------------------------------------------
// iterators

#[generator]
fn squares(n: u32) -> impl Iterator<Item = u32> + Clone {
    for i in 0..n {
        yield_!(i * i);
    }
}

#[test]
fn clone_of_suspended_iterator_continues_independently() {
    let mut a = squares(6);
    assert_eq!(a.next(), Some(0));
    assert_eq!(a.next(), Some(1));
    let mut b = a.clone();
    assert_eq!(a.next(), Some(4));
    assert_eq!(a.next(), Some(9));
    // `b` is still where `a` was when it was cloned.
    assert_eq!(b.next(), Some(4));
    let c = b.clone();
    assert_eq!(a.collect::<Vec<_>>(), vec![16, 25]);
    assert_eq!(b.collect::<Vec<_>>(), vec![9, 16, 25]);
    assert_eq!(c.collect::<Vec<_>>(), vec![9, 16, 25]);
}

#[test]
fn clone_before_start_and_after_end() {
    let fresh = squares(3);
    let copy = fresh.clone();
    assert_eq!(fresh.collect::<Vec<_>>(), vec![0, 1, 4]);
    assert_eq!(copy.collect::<Vec<_>>(), vec![0, 1, 4]);

    let mut done = squares(1);
    assert_eq!(done.next(), Some(0));
    assert_eq!(done.next(), None);
    let mut copy = done.clone();
    assert_eq!(copy.next(), None);
    assert_eq!(done.next(), None);
}

/// Owned, growing state held across the yields: a `String` and a `Vec`.
#[generator]
fn prefixes(word: String) -> impl Iterator<Item = (String, Vec<char>)> + Clone {
    let mut acc = String::new();
    let mut seen = Vec::new();
    for c in word.chars().collect::<Vec<_>>() {
        acc.push(c);
        seen.push(c);
        yield_!((acc.clone(), seen.clone()));
    }
}

#[test]
fn clone_deep_copies_held_state() {
    let mut a = prefixes("abcd".to_string());
    assert_eq!(a.next(), Some(("a".to_string(), vec!['a'])));
    let b = a.clone();
    let rest_a: Vec<String> = a.map(|(s, _)| s).collect();
    let rest_b: Vec<(String, Vec<char>)> = b.collect();
    assert_eq!(rest_a, vec!["ab", "abc", "abcd"]);
    assert_eq!(
        rest_b,
        vec![
            ("ab".to_string(), vec!['a', 'b']),
            ("abc".to_string(), vec!['a', 'b', 'c']),
            ("abcd".to_string(), vec!['a', 'b', 'c', 'd']),
        ]
    );
}

#[test]
fn clone_at_every_point_gives_the_suffix() {
    let all: Vec<u32> = squares(8).collect();
    let mut g = squares(8);
    for k in 0..=all.len() {
        assert_eq!(g.clone().collect::<Vec<_>>(), all[k..].to_vec(), "k = {k}");
        g.next();
    }
}

/// `tee` by cloning: consecutive differences of a generated sequence.
#[generator]
fn triangular() -> impl Iterator<Item = u64> + Clone {
    let mut n = 0;
    let mut t = 0;
    loop {
        yield_!(t);
        n += 1;
        t += n;
    }
}

#[test]
fn tee_by_clone() {
    let a = triangular();
    let mut b = a.clone();
    b.next();
    let diffs: Vec<u64> = a.zip(b).map(|(x, y)| y - x).take(6).collect();
    assert_eq!(diffs, vec![1, 2, 3, 4, 5, 6]);
}

// ---------------------------------------------------------------------------------------
// coroutines

#[generator]
fn running_sum() -> impl Generator<i32, Yield = i32, Return = i32> + Clone {
    let mut sum = 0;
    loop {
        let x = yield_!(sum);
        if x == 0 {
            return sum;
        }
        sum += x;
    }
}

#[test]
fn clone_of_suspended_coroutine_takes_its_own_inputs() {
    let mut a = running_sum();
    assert_eq!(a.resume(0), Yielded(0));
    assert_eq!(a.resume(10), Yielded(10));
    let mut b = a.clone();
    assert_eq!(a.resume(1), Yielded(11));
    assert_eq!(b.resume(100), Yielded(110));
    assert_eq!(a.resume(2), Yielded(13));
    assert_eq!(b.resume(0), Complete(110));
    assert_eq!(a.resume(0), Complete(13));
}

// ---------------------------------------------------------------------------------------
// backtracking: fork the search at each choice point

/// Walks the items; at each one it yields its index and is told whether to take it.
/// Completes with the chosen items when they sum to `target`, `None` otherwise (pruning
/// as soon as the sum is too large).
#[generator]
fn subset_sum(
    items: Vec<u32>,
    target: u32,
) -> impl Generator<bool, Yield = usize, Return = Option<Vec<u32>>> + Clone {
    let mut chosen = Vec::new();
    let mut sum = 0;
    for i in 0..items.len() {
        if sum > target {
            return None;
        }
        let take = yield_!(i);
        if take {
            chosen.push(items[i]);
            sum += items[i];
        }
    }
    if sum == target {
        Some(chosen)
    } else {
        None
    }
}

/// Depth-first: resume with `arg`; at a choice point fork, take the item on the original
/// and skip it on the fork.
fn explore<G>(mut g: G, arg: bool, solutions: &mut Vec<Vec<u32>>, forks: &mut usize)
where
    G: Generator<bool, Yield = usize, Return = Option<Vec<u32>>> + Clone,
{
    match g.resume(arg) {
        Yielded(_) => {
            let fork = g.clone();
            *forks += 1;
            explore(g, true, solutions, forks);
            explore(fork, false, solutions, forks);
        }
        Complete(Some(s)) => solutions.push(s),
        Complete(None) => {}
    }
}

/// The same search in plain Rust, in the same order.
fn subset_sum_plain(items: &[u32], target: u32, chosen: &mut Vec<u32>, out: &mut Vec<Vec<u32>>) {
    let sum: u32 = chosen.iter().sum();
    if sum > target {
        return;
    }
    match items.split_first() {
        None => {
            if sum == target {
                out.push(chosen.clone());
            }
        }
        Some((&first, rest)) => {
            chosen.push(first);
            subset_sum_plain(rest, target, chosen, out);
            chosen.pop();
            subset_sum_plain(rest, target, chosen, out);
        }
    }
}

#[test]
fn backtracking_by_forking_at_choice_points() {
    let items = vec![3, 34, 4, 12, 5, 2];
    let mut solutions = Vec::new();
    let mut forks = 0;
    // The first resume argument is dropped: it only runs up to the first choice.
    explore(
        subset_sum(items.clone(), 9),
        false,
        &mut solutions,
        &mut forks,
    );
    assert_eq!(solutions, vec![vec![3, 4, 2], vec![4, 5]]);
    assert!(forks < 63, "pruning cut the tree: {forks} forks");

    let mut plain = Vec::new();
    subset_sum_plain(&items, 9, &mut Vec::new(), &mut plain);
    assert_eq!(solutions, plain);

    for target in 0..=60 {
        let mut got = Vec::new();
        let mut forks = 0;
        explore(
            subset_sum(items.clone(), target),
            false,
            &mut got,
            &mut forks,
        );
        let mut want = Vec::new();
        subset_sum_plain(&items, target, &mut Vec::new(), &mut want);
        assert_eq!(got, want, "target = {target}");
    }
}

#[test]
fn fork_then_resume_the_clone_for_the_other_branch() {
    let mut g = subset_sum(vec![5, 7], 7);
    assert_eq!(g.resume(false), Yielded(0));
    let mut skip_first = g.clone();
    // take 5: then 7 would overshoot, skipping it leaves 5 != 7
    assert_eq!(g.resume(true), Yielded(1));
    let mut take_both = g.clone();
    assert_eq!(g.resume(false), Complete(None));
    assert_eq!(take_both.resume(true), Complete(None));
    // skip 5, take 7
    assert_eq!(skip_first.resume(false), Yielded(1));
    assert_eq!(skip_first.resume(true), Complete(Some(vec![7])));
}
