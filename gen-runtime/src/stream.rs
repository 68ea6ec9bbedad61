//! The stream kind: a state machine that also suspends at each `.await`.
//!
//! The generated step function is the same as the other kinds', with two more inputs: the
//! task's [`Context`] (its resume argument) and the slot where the future being awaited
//! (or the stream `yield_from!` is draining) lives. That slot is the only pinned part of a
//! stream: the state enum still moves its locals out and back on each resume, as in an
//! iterator, which is sound because no local is ever borrowed across a suspension point.
//!
//! At most one future is awaited at a time, so the slot is one [`Chain`]: a nested enum
//! with one level per `.await` (and `yield_from!`) in the body, as large as the largest
//! of them.
//!
//! This module holds the crate's only `unsafe` code: the two pin projections below.

use crate::GeneratorState;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use futures_core::{FusedStream, Stream};

/// The value a stream generator returns: a state enum, the step function that advances
/// it, and the pinned slot of the future being awaited. Users see it only as
/// `impl Stream` (or `impl FusedStream`).
///
/// It is [`Unpin`] when the futures it awaits are, [`Send`] when they and the locals it
/// holds are, and `Clone` when everything it holds is:
///
/// ```
/// use gen_runtime::{gen_stream, Stream};
///
/// fn assert_send<T: Send>(_: &T) {}
///
/// async fn ready(x: u32) -> u32 {
///     x
/// }
///
/// let s = gen_stream! {
///     yield ready(1).await;
///     yield 2;
/// };
/// assert_send(&s);
/// assert_eq!(s.size_hint(), (0, None));
/// ```
#[derive(Clone)]
pub struct GenStream<S, P, F> {
    /// Structurally pinned: never moved while the stream is pinned, dropped in place.
    pinned: P,
    /// Not pinned: the step function moves its fields freely.
    state: S,
    step: F,
    /// The stream has answered `Ready(None)` ([`FusedStream`]).
    done: bool,
}

impl<S, P, F> fmt::Debug for GenStream<S, P, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GenStream").finish_non_exhaustive()
    }
}

impl<S, P, F, Y> Stream for GenStream<S, P, F>
where
    F: FnMut(&mut S, Pin<&mut P>, &mut Context<'_>) -> GeneratorState<Poll<Y>, ()>,
{
    type Item = Y;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Y>> {
        // SAFETY: `pinned` is the only structurally pinned field. Nothing moves it out of
        // a pinned `GenStream`: the struct has no `Drop` impl and hands out no `&mut P`,
        // and `GenStream` is `Unpin` only when `P` is (the auto impl). `state` and `step`
        // are not pinned; the `&mut` to them below is never used to reach `pinned`.
        #[allow(unsafe_code)]
        let this = unsafe { self.get_unchecked_mut() };
        #[allow(unsafe_code)]
        let pinned = unsafe { Pin::new_unchecked(&mut this.pinned) };
        match (this.step)(&mut this.state, pinned, cx) {
            GeneratorState::Yielded(Poll::Ready(y)) => Poll::Ready(Some(y)),
            GeneratorState::Yielded(Poll::Pending) => Poll::Pending,
            GeneratorState::Complete(()) => {
                this.done = true;
                Poll::Ready(None)
            }
        }
    }
}

/// A stream generator answers every poll after its end (or after a panic) with
/// `Ready(None)`; `is_terminated` says so once it has.
impl<S, P, F, Y> FusedStream for GenStream<S, P, F>
where
    F: FnMut(&mut S, Pin<&mut P>, &mut Context<'_>) -> GeneratorState<Poll<Y>, ()>,
{
    fn is_terminated(&self) -> bool {
        self.done
    }
}

/// Builds a stream generator; the bound lets rustc infer the closure's signature.
#[inline]
pub fn stream<Y, S, P, F>(state: S, pinned: P, step: F) -> GenStream<S, P, F>
where
    F: FnMut(&mut S, Pin<&mut P>, &mut Context<'_>) -> GeneratorState<Poll<Y>, ()>,
{
    GenStream {
        pinned,
        state,
        step,
        done: false,
    }
}

/// The slot of the future a stream awaits: `Empty` between awaits, `Here(f)` while the
/// first `.await` of the body waits for `f`, `Next(…)` for the later ones.
#[derive(Clone, Debug)]
pub enum Chain<A, B> {
    /// Nothing is being awaited.
    Empty,
    /// This level's future (or inner stream).
    Here(A),
    /// A later level's.
    Next(B),
}

/// This level's future, pinned, if it is the one in the slot.
#[inline(always)]
pub fn here<A, B>(slot: Option<Pin<&mut Chain<A, B>>>) -> Option<Pin<&mut A>> {
    // SAFETY: a projection to a field of the pinned enum. `Chain` has no `Drop` impl, is
    // `Unpin` only when `A` and `B` are, and moves no variant's field out while pinned: a
    // new value is only ever written with `Pin::set`, which drops the old one in place.
    #[allow(unsafe_code)]
    match unsafe { slot?.get_unchecked_mut() } {
        Chain::Here(a) => Some(unsafe { Pin::new_unchecked(a) }),
        _ => None,
    }
}

/// The later levels, pinned, if one of them is in the slot.
#[inline(always)]
pub fn later<A, B>(slot: Option<Pin<&mut Chain<A, B>>>) -> Option<Pin<&mut B>> {
    // SAFETY: as in `here`.
    #[allow(unsafe_code)]
    match unsafe { slot?.get_unchecked_mut() } {
        Chain::Next(b) => Some(unsafe { Pin::new_unchecked(b) }),
        _ => None,
    }
}

/// What `yield_from!` drains in a stream: any [`Stream`] (checked here, so that an error
/// points at the argument).
#[inline(always)]
pub fn stream_source<T: Stream>(source: T) -> T {
    source
}

/// Polls the awaited future the generated code projected to. `None` never happens: the
/// code that stores a future polls the same level.
#[inline(always)]
pub fn poll_future<F: Future>(slot: Option<Pin<&mut F>>, cx: &mut Context<'_>) -> Poll<F::Output> {
    match slot {
        Some(f) => f.poll(cx),
        None => super::__private::unreachable_state(),
    }
}

/// Polls the stream `yield_from!` drains, like [`poll_future`].
#[inline(always)]
pub fn poll_stream<T: Stream>(
    slot: Option<Pin<&mut T>>,
    cx: &mut Context<'_>,
) -> Poll<Option<T::Item>> {
    match slot {
        Some(s) => s.poll_next(cx),
        None => super::__private::unreachable_state(),
    }
}
