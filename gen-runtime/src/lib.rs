//! Python-style generators on stable Rust.
//!
//! A function containing `yield_!(value)` is compiled by [`generator`] into an explicit
//! state machine: a function-local `enum` with one variant per suspension point, holding
//! exactly the locals that live across it, driven by a step closure. No heap allocation,
//! no threads, no async runtime, no `unsafe` (streams pin the future they await, in two
//! projections inside this crate).
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
//! The same function can be written with the `yield` keyword inside [`gen_fn!`]:
//!
//! ```
//! use gen_runtime::gen_fn;
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
//! assert_eq!(countdown(3).collect::<Vec<_>>(), [3, 2, 1]);
//! ```
//!
//! See the README for the full feature list, how the expansion looks, and the limits.
#![no_std]
#![deny(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;

use core::fmt;
use core::iter::FusedIterator;

mod stream;
pub use stream::GenStream;

/// The stream trait the stream kind implements (`futures_core::Stream`, re-exported).
pub use futures_core::Stream;

/// Stream generators are fused: after `Ready(None)` they answer `Ready(None)` forever,
/// and `is_terminated` says so (expose it as `-> impl FusedStream<Item = T>`).
pub use futures_core::FusedStream;

/// Turns a function whose body uses [`yield_!`] into a generator.
///
/// The return type picks the kind: `impl Iterator<Item = Y>` gives an iterator,
/// `impl Generator<R, Yield = Y, Return = T>` a resumable coroutine.
///
/// ```
/// use gen_runtime::{generator, yield_};
///
/// struct Tree { items: Vec<u32> }
///
/// impl Tree {
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
/// let t = Tree { items: vec![1, 2, 3, 4] };
/// assert_eq!(t.evens().collect::<Vec<_>>(), [2, 4]);
/// ```
pub use gen_macros::generator;

/// Defines one or more generator functions that use the `yield` keyword.
///
/// ```
/// gen_runtime::gen_fn! {
///     fn pairs(n: u32) -> impl Iterator<Item = (u32, u32)> {
///         for i in 0..n {
///             for j in i + 1..n {
///                 yield (i, j);
///             }
///         }
///     }
/// }
///
/// assert_eq!(pairs(3).collect::<Vec<_>>(), [(0, 1), (0, 2), (1, 2)]);
/// ```
pub use gen_macros::gen_fn;

/// An `impl Iterator` expression written with the `yield` keyword. Like `async move`, it
/// moves the variables it uses into itself.
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

/// Adapters for generators resumed with `()`.
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

/// Fails to compile outside a generator: the [`generator`] attribute and [`gen_fn!`]
/// rewrite every `yield_!(value)` in the body they transform.
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

/// Fails to compile outside a generator: the [`generator`] attribute and [`gen_fn!`]
/// rewrite every `yield_from!(source)` in the body they transform.
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
    pub use crate::stream::{here, later, poll_future, poll_stream, stream, stream_source, Chain};
    pub use crate::{Gen, GeneratorState};
    pub use core::compile_error;
    pub use core::convert::identity;
    pub use core::default::Default;
    pub use core::future::IntoFuture;
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
