//! `#[generator]` on methods (`&self`, `&mut self`, `self`, trait impls) and `gen_fn!`
//! defining several functions with the `yield` keyword.

use gen_runtime::{gen_fn, generator, yield_};

struct Bag {
    items: Vec<u32>,
    counter: u32,
}

impl Bag {
    fn new(items: Vec<u32>) -> Self {
        Bag { items, counter: 0 }
    }

    /// Borrows `self` across yields, through a method call.
    #[generator]
    fn evens(&self) -> impl Iterator<Item = u32> + '_ {
        for &x in self.items.iter() {
            if x % 2 == 0 {
                yield_!(x);
            }
        }
    }

    /// Borrows a field of `self` across yields with `&self.field`.
    #[generator]
    fn refs(&self) -> impl Iterator<Item = &u32> + '_ {
        for x in &self.items {
            yield_!(x);
        }
        yield_!(&self.counter);
    }

    /// Mutates a field between yields.
    #[generator]
    fn tick(&mut self, n: u32) -> impl Iterator<Item = u32> + '_ {
        for i in 0..n {
            self.counter += 1;
            yield_!(self.counter * 10 + i);
        }
        self.items.push(self.counter);
    }

    /// Consumes `self`.
    #[generator]
    fn into_pairs(self) -> impl Iterator<Item = (usize, u32)> {
        let offset = self.counter;
        for (i, x) in self.items.into_iter().enumerate() {
            yield_!((i, x + offset));
        }
    }
}

#[test]
fn method_taking_ref_self() {
    let b = Bag::new(vec![1, 2, 3, 4, 6]);
    assert_eq!(b.evens().collect::<Vec<_>>(), vec![2, 4, 6]);
    // Two borrowing generators at once.
    let mut x = b.evens();
    let mut y = b.evens();
    assert_eq!(x.next(), Some(2));
    assert_eq!(y.next(), Some(2));
    assert_eq!(x.next(), Some(4));
    assert_eq!(
        b.refs().copied().collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 6, 0]
    );
}

#[test]
fn method_taking_mut_self_partially_consumed() {
    let mut b = Bag::new(vec![7]);
    {
        let mut it = b.tick(5);
        assert_eq!(it.next(), Some(10));
        assert_eq!(it.next(), Some(21));
        // dropped here, suspended after the second yield
    }
    assert_eq!(b.counter, 2);
    // The code after the loop never ran.
    assert_eq!(b.items, vec![7]);
}

#[test]
fn method_taking_mut_self_run_to_end() {
    let mut b = Bag::new(vec![]);
    assert_eq!(b.tick(3).collect::<Vec<_>>(), vec![10, 21, 32]);
    assert_eq!(b.counter, 3);
    assert_eq!(b.items, vec![3]);
    // A second generator continues from the mutated state.
    assert_eq!(b.tick(1).collect::<Vec<_>>(), vec![40]);
    assert_eq!(b.counter, 4);
    assert_eq!(b.items, vec![3, 4]);
}

#[test]
fn method_taking_self_by_value() {
    let mut b = Bag::new(vec![5, 6]);
    b.counter = 100;
    assert_eq!(b.into_pairs().collect::<Vec<_>>(), vec![(0, 105), (1, 106)]);
}

// ---------------------------------------------------------------------------------------
// trait-impl method (return-position `impl Trait` in traits, Rust 1.75)

trait Source {
    fn items(&self) -> impl Iterator<Item = u32> + '_;
}

struct Range3 {
    start: u32,
}

impl Source for Range3 {
    #[generator]
    fn items(&self) -> impl Iterator<Item = u32> + '_ {
        yield_!(self.start);
        yield_!(self.start + 1);
        yield_!(self.start + 2);
    }
}

impl Source for Bag {
    #[generator]
    fn items(&self) -> impl Iterator<Item = u32> + '_ {
        for &x in self.items.iter().rev() {
            yield_!(x);
        }
    }
}

fn sum_all<S: Source>(s: &S) -> u32 {
    s.items().sum()
}

#[test]
fn trait_impl_method() {
    let r = Range3 { start: 7 };
    assert_eq!(r.items().collect::<Vec<_>>(), vec![7, 8, 9]);
    assert_eq!(sum_all(&r), 24);
    let b = Bag::new(vec![1, 2, 3]);
    assert_eq!(Source::items(&b).collect::<Vec<_>>(), vec![3, 2, 1]);
    assert_eq!(sum_all(&b), 6);
}

// ---------------------------------------------------------------------------------------
// gen_fn! with two functions and the `yield` keyword

gen_fn! {
    fn squares(n: u32) -> impl Iterator<Item = u32> {
        for i in 0..n {
            yield i * i;
        }
    }

    fn interleave(a: Vec<char>, b: Vec<char>) -> impl Iterator<Item = char> {
        let mut rest = b.into_iter();
        for x in a {
            yield x;
            if let Some(y) = rest.next() {
                yield y;
            }
        }
        for y in rest {
            yield y;
        }
    }
}

gen_fn! {
    /// Doc comments and visibility pass through.
    pub(crate) fn tagged<'a>(tag: &'a str, n: usize) -> impl Iterator<Item = String> + 'a {
        let mut i = 0;
        while i < n {
            yield format!("{}{}", tag, i);
            i += 1;
        }
        yield_!(format!("{}-end", tag));
    }
}

#[test]
fn gen_fn_defines_two_functions() {
    assert_eq!(squares(5).collect::<Vec<_>>(), vec![0, 1, 4, 9, 16]);
    assert_eq!(
        interleave(vec!['a', 'b', 'c'], vec!['1']).collect::<String>(),
        "a1bc"
    );
    assert_eq!(
        interleave(vec!['a'], vec!['1', '2', '3']).collect::<String>(),
        "a123"
    );
}

#[test]
fn gen_fn_with_lifetime_visibility_and_mixed_yield_spellings() {
    let tag = String::from("t");
    assert_eq!(
        tagged(&tag, 2).collect::<Vec<_>>(),
        vec!["t0", "t1", "t-end"]
    );
}
