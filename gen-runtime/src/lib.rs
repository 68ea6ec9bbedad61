//! Python-style generators on stable Rust.
//!
//! Write a function that hands out values with [`yield_!`] (or the `yield` keyword inside
//! [`gen_fn!`]), and a proc macro compiles it into an explicit state machine: a
//! function-local `enum` with one variant per suspension point, holding exactly the
//! locals that live across it, and a step function that moves from one to the next. The
//! result is an ordinary [`Iterator`], a resumable [`Generator`] (Python's `send`), or,
//! with `.await` in the body, a [`Stream`]: lazy, fused, with no heap allocation, no
//! threads and no runtime. The crate is `no_std`.
//!
//! ```
//! use gen_runtime::{generator, yield_};
//!
//! #[generator]
//! fn fibonacci(n: usize) -> impl Iterator<Item = u64> {
//!     let (mut a, mut b) = (0, 1);
//!     for _ in 0..n {
//!         yield_!(a);
//!         (a, b) = (b, a + b);
//!     }
//! }
//!
//! let first: Vec<u64> = fibonacci(10).collect();
//! assert_eq!(first, [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]);
//! ```
//!
//! # Four ways to write one
//!
//! | form | what it is | how to yield |
//! |---|---|---|
//! | [`#[generator]`](generator) on a `fn` or method | the body stays real Rust: rustfmt and rust-analyzer keep working | `yield_!(v)` |
//! | [`gen_fn! { fn … }`](gen_fn!) | one or more `fn` items, taken as tokens | `yield v` (or `yield_!(v)`) |
//! | [`gen_iter! { … }`](gen_iter!) | an `impl Iterator` expression that moves what it uses, like `async move` | `yield v` |
//! | [`gen_stream! { … }`](gen_stream!) | an `impl Stream` expression, `.await` allowed | `yield v` |
//!
//! Stable rustc rejects the `yield` keyword in anything an attribute sees, hence the two
//! spellings:
//!
//! ```
//! use gen_runtime::{gen_fn, gen_iter};
//!
//! gen_fn! {
//!     fn countdown(from: u32) -> impl Iterator<Item = u32> {
//!         let mut n = from;
//!         while n > 0 {
//!             yield n;
//!             n -= 1;
//!         }
//!     }
//! }
//!
//! let evens = gen_iter! {
//!     for n in countdown(6) {
//!         if n % 2 == 0 {
//!             yield n;
//!         }
//!     }
//! };
//! assert_eq!(evens.collect::<Vec<_>>(), [6, 4, 2]);
//! ```
//!
//! # The return type picks the kind
//!
//! | the function returns | the caller gets |
//! |---|---|
//! | `impl Iterator<Item = Y>` (with `+ 'a`, `+ Clone`, `+ Send` as needed; also `impl FusedIterator<Item = Y>`) | an iterator, fused |
//! | `impl Generator<R, Yield = Y, Return = T>` (`R` defaults to `()`) | a coroutine: `yield_!(v)` evaluates to the next [`resume`](Generator::resume) argument |
//! | `impl Stream<Item = Y>` (also `impl FusedStream<Item = Y>`) | an async generator: `.await` allowed in the body |
//! | `Box<dyn Iterator<Item = Y> + 'a>`, `Box<dyn Generator<…> + 'a>`, `Pin<Box<dyn Stream<Item = Y> + 'a>>` | the same, boxed, for recursion |
//!
//! ```
//! use gen_runtime::{generator, yield_, Generator, GeneratorState};
//!
//! /// Python's averager: each value sent in updates the average it yields.
//! #[generator(resume = first)]
//! fn averager() -> impl Generator<f64, Yield = f64, Return = ()> {
//!     let (mut total, mut count) = (first, 1.0);
//!     loop {
//!         let next = yield_!(total / count);
//!         total += next;
//!         count += 1.0;
//!     }
//! }
//!
//! let mut avg = averager();
//! assert_eq!(avg.resume(10.0), GeneratorState::Yielded(10.0));
//! assert_eq!(avg.resume(30.0), GeneratorState::Yielded(20.0));
//! ```
//!
//! # Inside the body
//!
//! - `yield_!(v)` (`yield v`) suspends, handing out `v`; it may stand anywhere an
//!   expression may: statements, `let` initialisers, conditions, `match` scrutinees and
//!   arms, call arguments, operands, inside every kind of loop, with labels,
//!   `break`/`continue` and `break 'l value`.
//! - [`yield_from!(g)`](yield_from!) yields every item of `g` (an `IntoIterator` in an
//!   iterator, a `Generator` in a generator, a `Stream` in a stream) and evaluates to `g`'s
//!   return value.
//! - `return v;`, a tail expression and `?` complete the generator (`?` needs a `Return`
//!   type of `Result` or `Option`).
//! - In a stream, `.await` anywhere a yield may stand.
//!
//! # What to expect at run time
//!
//! - Calling the function runs nothing: the arguments move into the generator.
//! - A suspended generator holds exactly the locals still live at its suspension point,
//!   and dropping it drops each of them once, as plain Rust would (so dropping it is
//!   Python's `close()`: a guard's `Drop` is the `finally`). A binding that is never read
//!   (`let _guard = m.lock();`) lives to the end of its block.
//! - An iterator answers `None` forever after its end or after a panic; a generator's
//!   `resume` after completion, or after a panic, panics with a message that says which.
//! - A generator is `Clone` when everything it holds is (write `+ Clone` in the return
//!   type), and a clone of a suspended generator continues independently; it is `Send`
//!   when everything it holds across its suspension points is.
//! - Its size is that of its largest suspension point's locals plus a tag. A stream
//!   also holds the future it is awaiting, pinned in place; it needs no runtime, so any
//!   executor polls it.
//! - A body that borrows one of its own locals across a suspension point (or keeps a
//!   temporary, or a closure made in a loop, across one) keeps its locals in place: it is
//!   compiled to an `async` block that the generator drives. A stream keeps that block
//!   inline; an iterator or a `Generator` allocates it once, at its first resume. Other
//!   bodies allocate nothing.
//!
//! # Limits
//!
//! The README lists every limit with its error message and a workaround. The main ones:
//!
//! A body may borrow its own locals across a suspension point, as an `async` block may;
//! rustc's borrow rules still hold, so a borrow that would dangle is rustc's own error, on
//! your code (here, a reference to a local handed out as an item):
//!
//! ```
//! use gen_runtime::{generator, yield_};
//!
//! #[generator]
//! fn lengths() -> impl Iterator<Item = usize> {
//!     let text = String::from("a bb ccc");
//!     for word in text.split(' ') {
//!         yield_!(word.len());
//!     }
//! }
//!
//! assert_eq!(lengths().collect::<Vec<_>>(), [1, 2, 3]);
//! ```
//!
//! ```compile_fail,E0597
//! use gen_runtime::{generator, yield_};
//!
//! #[generator]
//! fn words<'a>(src: &'a str) -> impl Iterator<Item = &'a str> + 'a {
//!     let upper = src.to_uppercase();
//!     for word in upper.split(' ') {
//!         yield_!(word);
//!     }
//! }
//! ```
//!
//! Under `#[generator]` the `yield` keyword is rejected by rustc before the macro runs
//! (write `yield_!`, or use `gen_fn!`):
//!
//! ```compile_fail
//! use gen_runtime::generator;
//!
//! #[generator]
//! fn one() -> impl Iterator<Item = u32> {
//!     yield 1;
//! }
//! ```
//!
//! A closure (or an `async` block) inside the body is a scope of its own, so a
//! `yield_!` in it is an error:
//!
//! ```compile_fail
//! use gen_runtime::{generator, yield_};
//!
//! #[generator]
//! fn each(items: Vec<u32>) -> impl Iterator<Item = u32> {
//!     items.into_iter().for_each(|x| yield_!(x));
//! }
//! ```
//!
//! The return type is read as written, so a type alias for it is not seen through:
//!
//! ```compile_fail
//! use gen_runtime::{generator, yield_};
//!
//! type Numbers = Box<dyn Iterator<Item = u32>>;
//!
//! #[generator]
//! fn numbers() -> Numbers {
//!     yield_!(1);
//! }
//! ```
//!
//! # Cargo features
//!
//! - `alloc` (default): boxed generators (`Box<dyn …>` return types, [`Generator`] for
//!   `Box<G>`) and [`GeneratorExt::run`]. Without it the crate needs only `core`.
#![no_std]
#![deny(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;

use core::fmt;
use core::iter::FusedIterator;

mod frame;
mod stream;
#[cfg(feature = "alloc")]
pub use frame::CoGen;
pub use frame::CoStream;
pub use stream::GenStream;

/// The trait a stream generator implements: `futures_core::Stream`, re-exported so that
/// a signature can name it without another dependency.
///
/// ```
/// use gen_runtime::{generator, yield_, Stream};
///
/// #[generator]
/// fn ticks(n: u32) -> impl Stream<Item = u32> {
///     for i in 0..n {
///         yield_!(i);
///     }
/// }
///
/// assert_eq!(ticks(3).size_hint(), (0, None));
/// ```
pub use futures_core::Stream;

/// Stream generators are fused: after `Ready(None)` they answer `Ready(None)` forever,
/// and `is_terminated` says so (expose it as `-> impl FusedStream<Item = T>`).
///
/// ```
/// use core::pin::pin;
/// use core::task::{Context, Poll, Waker};
/// use gen_runtime::{generator, yield_, FusedStream, Stream};
///
/// #[generator]
/// fn one() -> impl FusedStream<Item = u8> {
///     yield_!(1);
/// }
///
/// let mut s = pin!(one());
/// let mut cx = Context::from_waker(Waker::noop());
/// assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(Some(1)));
/// assert!(!s.is_terminated());
/// assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(None));
/// assert!(s.is_terminated());
/// assert_eq!(s.as_mut().poll_next(&mut cx), Poll::Ready(None));
/// ```
pub use futures_core::FusedStream;

/// Turns a function whose body uses [`yield_!`] into a generator.
///
/// # Accepted functions
///
/// Free functions, inherent methods and trait-impl methods, with any receiver (`&self`,
/// `&mut self`, `self`), generic parameters with bounds and `where` clauses,
/// lifetimes, `mut` parameters and any visibility. Not `async fn` or `const fn` (write
/// `-> impl Stream<Item = T>` for an async generator), and not a trait method without a
/// body.
///
/// # The return type picks the kind
///
/// | return type | kind |
/// |---|---|
/// | `impl Iterator<Item = Y>`, `impl FusedIterator<Item = Y>` | an iterator, fused |
/// | `impl Generator<R, Yield = Y, Return = T>` | a coroutine resumed with `R` (default `()`) |
/// | `impl Stream<Item = Y>`, `impl FusedStream<Item = Y>` | an async generator (`.await` allowed) |
/// | `Box<dyn Iterator<Item = Y> + 'a>` | a boxed iterator (for recursion) |
/// | `Box<dyn Generator<R, Yield = Y, Return = T> + 'a>` | a boxed coroutine |
/// | `Pin<Box<dyn Stream<Item = Y> + 'a>>` | a boxed stream |
///
/// Bounds may follow (`+ 'a`, `+ Clone`, `+ Send`); the generator must then meet them.
/// Anything else, a type alias included, is a compile error that lists these forms.
///
/// # Arguments
///
/// - `resume = name`: a coroutine's first `resume` argument is bound to `name` (without
///   it, that first argument is dropped, as Python's first `next()` primes a generator).
/// - `crate = path`: the path generated code uses for this crate, for crates that
///   re-export it (default `::gen_runtime`).
///
/// ```
/// use gen_runtime::{generator, yield_, Generator, GeneratorState};
///
/// struct Tree {
///     items: Vec<u32>,
/// }
///
/// impl Tree {
///     /// An iterator that borrows `self`.
///     #[generator]
///     fn evens(&self) -> impl Iterator<Item = u32> + '_ {
///         for &x in self.items.iter() {
///             if x % 2 == 0 {
///                 yield_!(x);
///             }
///         }
///     }
/// }
///
/// /// A coroutine: each resume argument is added to the total it yields.
/// #[generator(resume = first)]
/// fn adder() -> impl Generator<u32, Yield = u32, Return = ()> {
///     let mut total = first;
///     loop {
///         total += yield_!(total);
///     }
/// }
///
/// let t = Tree { items: vec![1, 2, 3, 4] };
/// assert_eq!(t.evens().collect::<Vec<_>>(), [2, 4]);
///
/// let mut sum = adder();
/// assert_eq!(sum.resume(5), GeneratorState::Yielded(5));
/// assert_eq!(sum.resume(2), GeneratorState::Yielded(7));
/// ```
///
/// A recursive generator returns a boxed one:
///
/// ```
/// use gen_runtime::{generator, yield_, yield_from};
///
/// #[generator]
/// fn permutations(items: Vec<u32>) -> Box<dyn Iterator<Item = Vec<u32>>> {
///     if items.len() <= 1 {
///         yield_!(items);
///         return;
///     }
///     for i in 0..items.len() {
///         let mut rest = items.clone();
///         let first = rest.remove(i);
///         for mut tail in permutations(rest) {
///             tail.insert(0, first);
///             yield_!(tail);
///         }
///     }
/// }
///
/// assert_eq!(permutations(vec![1, 2, 3]).count(), 6);
/// ```
pub use gen_macros::generator;

/// Defines one or more generator functions that use the `yield` keyword.
///
/// Takes `fn` items as tokens, so the body is not parsed by rustc before the macro
/// rewrites it, and `yield v` works on stable. It accepts what [`macro@generator`] accepts
/// (the same signatures and return types); put `#[generator(resume = name)]` or
/// `#[generator(crate = path)]` on an item to pass arguments. `yield_!(v)` works too.
///
/// ```
/// use gen_runtime::{gen_fn, Generator, GeneratorExt};
///
/// gen_fn! {
///     /// Every pair `(i, j)` with `i < j < n`.
///     pub fn pairs(n: u32) -> impl Iterator<Item = (u32, u32)> {
///         for i in 0..n {
///             for j in i + 1..n {
///                 yield (i, j);
///             }
///         }
///     }
///
///     /// The same pairs, then how many there were.
///     fn counted(n: u32) -> impl Generator<Yield = (u32, u32), Return = usize> {
///         let mut count = 0;
///         for pair in pairs(n) {
///             yield pair;
///             count += 1;
///         }
///         count
///     }
/// }
///
/// assert_eq!(pairs(3).collect::<Vec<_>>(), [(0, 1), (0, 2), (1, 2)]);
/// assert_eq!(counted(3).run().1, 3);
/// ```
pub use gen_macros::gen_fn;

/// An `impl Iterator` expression written with the `yield` keyword.
///
/// The body is a block's statements. Like `async move`, it moves the variables it uses
/// into itself (write `let v = &v;` before it to capture a reference instead), so it can
/// be returned from a function or stored. It is `Send` when what it holds is.
///
/// ```
/// use gen_runtime::gen_iter;
///
/// let words = vec!["a", "bb", "ccc"];
/// let min = 2;
/// let long = gen_iter! {
///     for w in words {
///         if w.len() >= min {
///             yield w.len();
///         }
///     }
/// };
/// assert_eq!(long.collect::<Vec<_>>(), [2, 3]);
/// ```
pub use gen_macros::gen_iter;

/// An `impl Stream` expression written with the `yield` keyword, where `.await` is
/// allowed. Like `async move`, it moves the variables it uses into itself.
///
/// The stream allocates nothing and needs no runtime: any executor polls it, or poll it
/// by hand as here.
///
/// ```
/// use gen_runtime::{gen_stream, Stream};
/// use core::pin::pin;
/// use core::task::{Context, Poll, Waker};
///
/// async fn double(x: u32) -> u32 {
///     x * 2
/// }
///
/// let n = 3;
/// let s = gen_stream! {
///     for i in 0..n {
///         yield double(i).await;
///     }
/// };
/// let mut s = pin!(s);
/// let mut cx = Context::from_waker(Waker::noop());
/// let mut out = Vec::new();
/// while let Poll::Ready(Some(x)) = s.as_mut().poll_next(&mut cx) {
///     out.push(x);
/// }
/// assert_eq!(out, [0, 2, 4]);
/// ```
pub use gen_macros::gen_stream;

/// The result of resuming a [`Generator`]: it either yielded a value or completed.
///
/// ```
/// use gen_runtime::GeneratorState;
///
/// let s: GeneratorState<u8, &str> = GeneratorState::Yielded(1);
/// assert_eq!(s, GeneratorState::Yielded(1));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GeneratorState<Y, R> {
    /// The generator suspended with a value.
    Yielded(Y),
    /// The generator finished with a return value.
    Complete(R),
}

/// A resumable computation: each [`resume`](Generator::resume) runs it up to its next
/// `yield`, handing in a value of type `R`.
///
/// ```
/// use gen_runtime::{generator, yield_, Generator, GeneratorState};
///
/// #[generator]
/// fn two() -> impl Generator<Yield = u8, Return = &'static str> {
///     yield_!(1);
///     yield_!(2);
///     "done"
/// }
///
/// let mut g = two();
/// assert_eq!(g.resume(()), GeneratorState::Yielded(1));
/// assert_eq!(g.resume(()), GeneratorState::Yielded(2));
/// assert_eq!(g.resume(()), GeneratorState::Complete("done"));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a generator resumed with `{R}`",
    label = "expected a `Generator<{R}>`",
    note = "`yield_from!` in a generator delegates to a generator resumed with the same type; \
            loop over an iterator and `yield_!` each item instead"
)]
pub trait Generator<R = ()> {
    /// The type of the values the generator yields.
    type Yield;
    /// The type of the value the generator completes with.
    type Return;
    /// Runs the generator until its next suspension point or its end.
    ///
    /// # Panics
    ///
    /// When called after the generator completed, or after a previous `resume`
    /// panicked; the message says which.
    fn resume(&mut self, arg: R) -> GeneratorState<Self::Yield, Self::Return>;
}

impl<G: Generator<R> + ?Sized, R> Generator<R> for &mut G {
    type Yield = G::Yield;
    type Return = G::Return;
    fn resume(&mut self, arg: R) -> GeneratorState<G::Yield, G::Return> {
        (**self).resume(arg)
    }
}

#[cfg(feature = "alloc")]
impl<G: Generator<R> + ?Sized, R> Generator<R> for alloc::boxed::Box<G> {
    type Yield = G::Yield;
    type Return = G::Return;
    fn resume(&mut self, arg: R) -> GeneratorState<G::Yield, G::Return> {
        (**self).resume(arg)
    }
}

/// Adapters for generators resumed with `()`, implemented for every such [`Generator`].
///
/// ```
/// use gen_runtime::{generator, yield_, Generator, GeneratorExt};
///
/// #[generator]
/// fn lines() -> impl Generator<Yield = &'static str, Return = usize> {
///     yield_!("a");
///     yield_!("b");
///     2
/// }
///
/// assert_eq!(lines().iter().collect::<Vec<_>>(), ["a", "b"]);
/// assert_eq!(lines().run(), (vec!["a", "b"], 2));
/// ```
pub trait GeneratorExt: Generator<()> {
    /// Iterates the yields of a generator resumed with `()`, ignoring its return value.
    /// Use `(&mut g).iter()` to take some items and continue with `g` afterwards.
    ///
    /// ```
    /// use gen_runtime::{generator, yield_, Generator, GeneratorExt};
    ///
    /// #[generator]
    /// fn count() -> impl Generator<Yield = u32, Return = &'static str> {
    ///     for i in 0..5 {
    ///         yield_!(i);
    ///     }
    ///     "done"
    /// }
    ///
    /// let mut g = count();
    /// let first: Vec<u32> = (&mut g).iter().take(2).collect();
    /// assert_eq!(first, [0, 1]);
    /// let rest: Vec<u32> = g.iter().collect();
    /// assert_eq!(rest, [2, 3, 4]);
    /// ```
    fn iter(self) -> Iter<Self>
    where
        Self: Sized,
    {
        Iter {
            generator: Some(self),
        }
    }

    /// Runs a generator resumed with `()` to its end: every yield, in order, and the
    /// return value.
    ///
    /// ```
    /// use gen_runtime::{generator, yield_, Generator, GeneratorExt};
    ///
    /// #[generator]
    /// fn squares(n: u32) -> impl Generator<Yield = u32, Return = u32> {
    ///     let mut sum = 0;
    ///     for i in 1..=n {
    ///         yield_!(i * i);
    ///         sum += i * i;
    ///     }
    ///     sum
    /// }
    ///
    /// assert_eq!(squares(3).run(), (vec![1, 4, 9], 14));
    /// ```
    #[cfg(feature = "alloc")]
    fn run(mut self) -> (alloc::vec::Vec<Self::Yield>, Self::Return)
    where
        Self: Sized,
    {
        let mut yields = alloc::vec::Vec::new();
        loop {
            match self.resume(()) {
                GeneratorState::Yielded(y) => yields.push(y),
                GeneratorState::Complete(r) => return (yields, r),
            }
        }
    }
}

impl<G: Generator<()> + ?Sized> GeneratorExt for G {}

/// The iterator of [`GeneratorExt::iter`]: the yields of a generator, until it completes.
///
/// ```
/// use gen_runtime::{generator, yield_, Generator, GeneratorExt};
///
/// #[generator]
/// fn pair() -> impl Generator<Yield = u8, Return = ()> {
///     yield_!(1);
///     yield_!(2);
/// }
///
/// let mut it = pair().iter();
/// assert_eq!(it.next(), Some(1));
/// assert_eq!(it.next(), Some(2));
/// assert_eq!(it.next(), None);
/// assert_eq!(it.next(), None);
/// ```
#[derive(Clone, Debug)]
pub struct Iter<G> {
    generator: Option<G>,
}

impl<G: Generator<()>> Iterator for Iter<G> {
    type Item = G::Yield;
    fn next(&mut self) -> Option<G::Yield> {
        match self.generator.as_mut()?.resume(()) {
            GeneratorState::Yielded(y) => Some(y),
            GeneratorState::Complete(_) => {
                self.generator = None;
                None
            }
        }
    }
}

impl<G: Generator<()>> FusedIterator for Iter<G> {}

/// The value every generated function returns: a state enum and the step function that
/// advances it. Users see it only as `impl Iterator` or `impl Generator`.
///
/// It is `Clone` when the state and step are, which makes a generator `Clone` when
/// everything it holds is:
///
/// ```
/// use gen_runtime::{generator, yield_};
///
/// #[generator]
/// fn letters() -> impl Iterator<Item = char> + Clone {
///     for c in ['a', 'b', 'c'] {
///         yield_!(c);
///     }
/// }
///
/// let mut it = letters();
/// assert_eq!(it.next(), Some('a'));
/// let fork = it.clone();
/// assert_eq!(it.collect::<String>(), "bc");
/// assert_eq!(fork.collect::<String>(), "bc");
/// ```
#[derive(Clone)]
pub struct Gen<S, F> {
    state: S,
    step: F,
}

impl<S, F> fmt::Debug for Gen<S, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gen").finish_non_exhaustive()
    }
}

/// Nothing in an iterator or a `Generator` is ever pinned: its state moves between
/// resumes. So it is `Unpin` whatever it holds (`Box<dyn Generator<…> + Unpin>` takes
/// one holding a `PhantomPinned`), as nightly's movable coroutines are.
impl<S, F> Unpin for Gen<S, F> {}

impl<S, F, R, Y, T> Generator<R> for Gen<S, F>
where
    F: FnMut(&mut S, R) -> GeneratorState<Y, T>,
{
    type Yield = Y;
    type Return = T;
    #[inline]
    fn resume(&mut self, arg: R) -> GeneratorState<Y, T> {
        (self.step)(&mut self.state, arg)
    }
}

impl<S, F, Y> Iterator for Gen<S, F>
where
    F: FnMut(&mut S, ()) -> GeneratorState<Y, ()>,
{
    type Item = Y;
    #[inline]
    fn next(&mut self) -> Option<Y> {
        match (self.step)(&mut self.state, ()) {
            GeneratorState::Yielded(y) => Some(y),
            GeneratorState::Complete(()) => None,
        }
    }
}

/// Iterator generators answer every call after their end (or after a panic) with `None`.
impl<S, F, Y> FusedIterator for Gen<S, F> where F: FnMut(&mut S, ()) -> GeneratorState<Y, ()> {}

/// Suspends a generator, handing out a value; evaluates to the next resume argument.
///
/// Only meaningful in the body of a [`macro@generator`] function, [`gen_fn!`],
/// [`gen_iter!`] or [`gen_stream!`], which rewrite it: in an iterator or a stream it
/// evaluates to `()`, in an `impl Generator<R, …>` to the `R` passed to the next
/// [`resume`](Generator::resume). It may stand anywhere an expression may.
///
/// ```
/// use gen_runtime::{generator, yield_, Generator, GeneratorState};
///
/// #[generator]
/// fn echo() -> impl Generator<&'static str, Yield = usize, Return = ()> {
///     let mut word = yield_!(0);
///     while !word.is_empty() {
///         word = yield_!(word.len());
///     }
/// }
///
/// let mut g = echo();
/// assert_eq!(g.resume("ignored"), GeneratorState::Yielded(0));
/// assert_eq!(g.resume("four"), GeneratorState::Yielded(4));
/// assert_eq!(g.resume(""), GeneratorState::Complete(()));
/// ```
///
/// Anywhere else it fails to compile, with a message that says so:
///
/// ```compile_fail
/// fn not_a_generator() {
///     gen_runtime::yield_!(1);
/// }
/// ```
#[macro_export]
macro_rules! yield_ {
    (@__gen_runtime_mark_used) => {};
    ($($tokens:tt)*) => {
        $crate::__private::compile_error! {
            "`yield_!` used outside a generator: it works only in the body of a `#[generator]` fn or `gen_fn!`, not in closures or nested items"
        }
    };
}

/// Yields every item of another generator, iterator or stream, and evaluates to its
/// return value: Python's `yield from`.
///
/// In an iterator, the argument is anything `IntoIterator` with the same item type; in an
/// `impl Generator<R, …>`, a `Generator<R>` with the same yield type, whose resume
/// arguments pass straight through (it is started with `R::default()`, as Python's
/// `yield from` primes with `next()`); in a stream, a `Stream`. Only meaningful in a
/// generator's body, like [`yield_!`].
///
/// ```
/// use gen_runtime::{generator, yield_, yield_from, Generator, GeneratorExt};
///
/// #[generator]
/// fn words(line: &'static str) -> impl Generator<Yield = &'static str, Return = usize> {
///     let mut count = 0;
///     for w in line.split_whitespace() {
///         yield_!(w);
///         count += 1;
///     }
///     count
/// }
///
/// #[generator]
/// fn all_words(lines: Vec<&'static str>) -> impl Generator<Yield = &'static str, Return = usize> {
///     let mut total = 0;
///     for line in lines {
///         total += yield_from!(words(line));
///     }
///     total
/// }
///
/// assert_eq!(all_words(vec!["a b", "c"]).run(), (vec!["a", "b", "c"], 3));
/// ```
///
/// Anywhere else it fails to compile:
///
/// ```compile_fail
/// fn not_a_generator() {
///     gen_runtime::yield_from!(0..3);
/// }
/// ```
#[macro_export]
macro_rules! yield_from {
    (@__gen_runtime_mark_used) => {};
    ($($tokens:tt)*) => {
        $crate::__private::compile_error! {
            "`yield_from!` used outside a generator: it works only in the body of a `#[generator]` fn or `gen_fn!`, not in closures or nested items"
        }
    };
}

/// Not public API: what the generated code calls. May change in any release.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "alloc")]
    pub use crate::frame::co_gen;
    pub use crate::frame::{co_stream, next_item, Co, StreamEnd};
    pub use crate::stream::{here, later, poll_future, poll_stream, stream, stream_source, Chain};
    pub use crate::{Gen, GeneratorState};
    pub use core::compile_error;
    pub use core::convert::identity;
    pub use core::default::Default;
    pub use core::future::IntoFuture;
    pub use core::mem::drop;
    pub use core::pin::Pin;
    pub use core::task::{Context, Poll};

    #[cfg(feature = "alloc")]
    pub use alloc::boxed::Box;
    pub use core::iter::{IntoIterator, Iterator};
    pub use core::mem::{replace, take};
    pub use core::ops::ControlFlow;
    pub use core::option::Option::{None, Some};

    use core::convert::Infallible;
    use core::marker::PhantomData;

    /// Without the `alloc` feature, an iterator or `Generator` whose body keeps its
    /// locals in place cannot box its frame: this bound says so.
    #[cfg(not(feature = "alloc"))]
    #[diagnostic::on_unimplemented(
        message = "this generator keeps its locals in a frame that does not move (it borrows one across a suspension point), which an iterator or `Generator` allocates once: enable gen-runtime's `alloc` feature",
        label = "needs the `alloc` feature"
    )]
    pub trait FrameNeedsAlloc {}

    /// See [`FrameNeedsAlloc`].
    #[cfg(not(feature = "alloc"))]
    pub fn co_gen<R, Y, A, M, F>(_args: A, _make: M) -> Failed<R, Y, F::Output>
    where
        M: FnOnce(A, crate::frame::Co<Y, R>) -> F + FrameNeedsAlloc,
        F: core::future::Future,
    {
        failed()
    }

    /// Builds an iterator generator; the bound lets rustc infer the closure's signature.
    #[inline]
    pub fn iter<Y, S, F>(state: S, step: F) -> Gen<S, F>
    where
        F: FnMut(&mut S, ()) -> GeneratorState<Y, ()>,
    {
        Gen { state, step }
    }

    /// Builds a resumable generator.
    #[inline]
    pub fn coroutine<R, Y, T, S, F>(state: S, step: F) -> Gen<S, F>
    where
        F: FnMut(&mut S, R) -> GeneratorState<Y, T>,
    {
        Gen { state, step }
    }

    /// Stand-in for `core::ops::Try` (unstable): how `?` inside a generator body splits a
    /// value into what continues and what completes the generator.
    pub trait Try {
        type Output;
        type Residual;
        fn branch(self) -> ControlFlow<Self::Residual, Self::Output>;
    }

    /// Stand-in for `core::ops::FromResidual` (unstable): builds the generator's return
    /// value from what `?` short-circuited with.
    #[diagnostic::on_unimplemented(
        message = "`?` in a generator needs a `Return` type of `Result` or `Option` to complete with",
        label = "this generator's `Return` type cannot hold the error of `?`"
    )]
    pub trait FromResidual<R> {
        fn from_residual(residual: R) -> Self;
    }

    impl<T, E> Try for Result<T, E> {
        type Output = T;
        type Residual = Result<Infallible, E>;
        #[inline]
        fn branch(self) -> ControlFlow<Result<Infallible, E>, T> {
            match self {
                Ok(v) => ControlFlow::Continue(v),
                Err(e) => ControlFlow::Break(Err(e)),
            }
        }
    }

    impl<T> Try for Option<T> {
        type Output = T;
        type Residual = Option<Infallible>;
        #[inline]
        fn branch(self) -> ControlFlow<Option<Infallible>, T> {
            match self {
                Some(v) => ControlFlow::Continue(v),
                None => ControlFlow::Break(None),
            }
        }
    }

    impl<T, E, F: From<E>> FromResidual<Result<Infallible, E>> for Result<T, F> {
        #[inline]
        fn from_residual(residual: Result<Infallible, E>) -> Self {
            match residual {
                Err(e) => Err(From::from(e)),
                Ok(never) => match never {},
            }
        }
    }

    impl<T> FromResidual<Option<Infallible>> for Option<T> {
        #[inline]
        fn from_residual(_: Option<Infallible>) -> Self {
            None
        }
    }

    /// The body of a generator whose expansion failed: it type-checks as the declared
    /// return type so the caller sees the real error, not a cascade. Never runs.
    pub struct Failed<R, Y, T>(PhantomData<fn(R) -> (Y, T)>);

    pub fn failed<R, Y, T>() -> Failed<R, Y, T> {
        Failed(PhantomData)
    }

    impl<R, Y, T> Clone for Failed<R, Y, T> {
        fn clone(&self) -> Self {
            Failed(PhantomData)
        }
    }

    impl<R, Y, T> Iterator for Failed<R, Y, T> {
        type Item = Y;
        fn next(&mut self) -> Option<Y> {
            unreachable!("a generator that failed to compile")
        }
    }

    impl<R, Y, T> crate::Generator<R> for Failed<R, Y, T> {
        type Yield = Y;
        type Return = T;
        fn resume(&mut self, _: R) -> GeneratorState<Y, T> {
            unreachable!("a generator that failed to compile")
        }
    }

    impl<R, Y, T> crate::Stream for Failed<R, Y, T> {
        type Item = Y;
        fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Y>> {
            unreachable!("a generator that failed to compile")
        }
    }

    #[cold]
    #[inline(never)]
    #[track_caller]
    pub fn resumed_after_completion() -> ! {
        panic!("generator resumed after completion")
    }

    #[cold]
    #[inline(never)]
    #[track_caller]
    pub fn resumed_after_panic() -> ! {
        panic!("generator resumed after panicking")
    }

    /// One resume of the generator `yield_from!` delegates to.
    #[inline]
    pub fn delegate<G: crate::Generator<R> + ?Sized, R>(
        inner: &mut G,
        arg: R,
    ) -> GeneratorState<G::Yield, G::Return> {
        inner.resume(arg)
    }

    /// The argument `yield_from!` starts an inner generator with: `R::default()`.
    #[inline]
    pub fn first_resume<R: FirstResume>() -> R {
        R::first()
    }

    #[diagnostic::on_unimplemented(
        message = "`yield_from!` starts the inner generator with `{Self}::default()`, but `{Self}` does not implement `Default`",
        label = "this generator's first resume argument would be `{Self}::default()`",
        note = "implement or derive `Default` for `{Self}`, or drive the inner generator with your own loop of `resume` calls"
    )]
    pub trait FirstResume {
        fn first() -> Self;
    }

    impl<T: Default> FirstResume for T {
        #[inline]
        fn first() -> T {
            T::default()
        }
    }

    /// Called first thing in the `Start` arm of a generator with a loop: that arm runs
    /// once, and the call tells LLVM so (a `#[cold]` call makes its block unlikely). The
    /// dispatcher's test for `Start` then falls through to the resumed states, and the
    /// call itself is removed, having no effect.
    #[cold]
    #[inline(never)]
    pub fn starting() {}

    /// Forgets a state an arm took out and found to be another variant (which never
    /// happens): dropping it there would hand its address to the state's drop glue, and
    /// LLVM would then keep every taken state in memory.
    #[inline(always)]
    pub fn discard<S>(state: S) {
        core::mem::forget(state);
    }

    /// The next item of `start..end`, advancing `start`: a `for` loop over a range whose
    /// end is a literal or a constant keeps only `start` in the generator's state, and
    /// LLVM sees the end (`buf[i]` in `for i in 0..64` needs no bounds check).
    #[inline(always)]
    pub fn next_below<T: Copy>(start: &mut T, end: T) -> Option<T>
    where
        core::ops::Range<T>: Iterator<Item = T>,
    {
        let mut range = *start..end;
        let next = range.next();
        *start = range.start;
        next
    }

    /// An arm moved its state out and found another variant: never happens, since the
    /// dispatcher matched that variant just before.
    #[cold]
    #[inline(never)]
    pub fn unreachable_state() -> ! {
        unreachable!("generator state changed under its own arm")
    }
}
