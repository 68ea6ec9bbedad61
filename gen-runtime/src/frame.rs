//! The frame that does not move: bodies compiled to an `async` block.
//!
//! A body that keeps a borrow of one of its own locals across a suspension point (`for
//! line in text.lines() { yield_!(…) }`, `rx.recv().await`), creates a closure or an
//! async block in a loop that it holds across one, or keeps a temporary alive across one,
//! needs its locals to stay where they are between resumes. rustc already compiles such
//! bodies, with exactly plain Rust's borrow rules and drops, when they are `async`
//! blocks: the macro writes the body as one, each `yield_!(v)` an `.await` of a
//! [`Yield`] future, and these drivers run it.
//!
//! A yield hands its value to the driver through a [`Channel`] that lives on the
//! driver's stack for the duration of one poll. The `async` block reaches it through the
//! task's waker: the driver polls the block with a waker of its own ([`VTABLE`]) whose
//! data points to a [`Frame`] (the channel, the real waker, and which driver this is);
//! every other use of that waker is forwarded to the real one. Nothing is allocated per
//! item, and there is no thread-local state.
//!
//! - Streams keep the `async` block inline: a stream is pinned before it is polled, so
//!   the block never moves once it exists. It is created at the first poll.
//! - Iterators and `Generator`s move between resumes: their `async` block is boxed once,
//!   at the first resume (the one allocation such a generator makes).
//!
//! This module's `unsafe` blocks: reading the [`Frame`] behind a waker, the vtable
//! functions, and the stream's pin projection. Each says why it holds.

#[cfg(feature = "alloc")]
use crate::GeneratorState;
use core::cell::Cell;
use core::fmt;
use core::future::Future;
use core::marker::{PhantomData, PhantomPinned};
use core::pin::Pin;
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use futures_core::{FusedStream, Stream};

/// Where a yield puts its value and finds the next resume argument, for one poll.
struct Channel<Y, R> {
    out: Cell<Option<Y>>,
    resume: Cell<Option<R>>,
}

/// What the driver's waker points to.
struct Frame<'a> {
    /// The waker of the task polling the generator (a no-op one for iterators).
    real: &'a Waker,
    /// A `*const Channel<Y, R>` for the driver's `Y` and `R`.
    channel: *const (),
    /// Which driver: the address of the `async` block it runs, so a yield polled under
    /// another generator's waker is told apart (and panics) rather than misreading the
    /// channel's types.
    id: usize,
}

/// The vtable of the driver's waker. Its data is a `*const Frame`.
static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, wake, wake_by_ref, drop_frame);

// The waker exists only as a borrowed `&Waker` in the `Context` of one poll, while the
// `Frame` it points to is alive on the driver's stack; nothing can own it without
// `clone`, which hands out the real waker instead. So `wake` and `drop` of it are never
// called on an owned copy, and `data` is a valid `*const Frame` whenever these run.

fn clone(data: *const ()) -> RawWaker {
    // SAFETY: `data` is the `*const Frame` of a live poll (see above).
    #[allow(unsafe_code)]
    let frame = unsafe { &*data.cast::<Frame<'_>>() };
    let real = core::mem::ManuallyDrop::new(frame.real.clone());
    RawWaker::new(real.data(), real.vtable())
}

fn wake(data: *const ()) {
    wake_by_ref(data);
}

fn wake_by_ref(data: *const ()) {
    // SAFETY: as in `clone`.
    #[allow(unsafe_code)]
    let frame = unsafe { &*data.cast::<Frame<'_>>() };
    frame.real.wake_by_ref();
}

fn drop_frame(_: *const ()) {}

/// Polls `future` once with a waker that leads its yields to `channel`.
fn poll_with<F: Future + ?Sized, Y, R>(
    future: Pin<&mut F>,
    id: usize,
    channel: &Channel<Y, R>,
    real: &Waker,
) -> Poll<F::Output> {
    let frame = Frame {
        real,
        channel: core::ptr::from_ref(channel).cast(),
        id,
    };
    let raw = RawWaker::new(core::ptr::from_ref(&frame).cast(), &VTABLE);
    // SAFETY: `VTABLE`'s functions uphold `RawWaker`'s contract for this data while
    // `frame` lives, which outlives the waker (dropped without running `drop_frame`, a
    // no-op anyway, at the end of this function).
    #[allow(unsafe_code)]
    let waker = core::mem::ManuallyDrop::new(unsafe { Waker::from_raw(raw) });
    future.poll(&mut Context::from_waker(&waker))
}

/// The channel of driver `id`, if `cx` is that driver's.
fn channel<'c, Y, R>(cx: &'c Context<'_>, id: usize) -> &'c Channel<Y, R> {
    let waker = cx.waker();
    assert!(
        core::ptr::eq(waker.vtable(), &VTABLE),
        "a generator's yield was polled outside its generator"
    );
    // SAFETY: a waker with this vtable is only made by `poll_with`, whose `data` is a
    // `*const Frame` alive for the poll, which `cx` borrows.
    #[allow(unsafe_code)]
    let frame = unsafe { &*waker.data().cast::<Frame<'_>>() };
    assert!(
        frame.id == id,
        "a generator's yield was polled inside another generator"
    );
    // SAFETY: driver `id` made this channel as a `Channel<Y, R>` with the `Y` and `R` of
    // the `Co<Y, R>` the yield came from (`Co::new` is only called by the drivers, with
    // their own types), and it lives on the driver's stack for this poll.
    #[allow(unsafe_code)]
    unsafe {
        &*frame.channel.cast::<Channel<Y, R>>()
    }
}

/// The handle a body uses to yield: `Co::yield_(&co, v).await` is `yield_!(v)`.
pub struct Co<Y, R> {
    id: usize,
    _types: PhantomData<fn(Y) -> R>,
}

impl<Y, R> Clone for Co<Y, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Y, R> Copy for Co<Y, R> {}

impl<Y, R> Co<Y, R> {
    fn new(id: usize) -> Self {
        Co {
            id,
            _types: PhantomData,
        }
    }

    /// Suspends with `value`; the future's output is the next resume argument.
    pub fn yield_(&self, value: Y) -> Yield<Y, R> {
        Yield {
            value: Some(value),
            id: self.id,
            _types: PhantomData,
        }
    }

    /// A stream body's last value: `()`, or `Ok(())` with `?` in it (checked here, where
    /// the macro puts the body's first `?`, rather than at the whole stream).
    pub fn end<E: StreamEnd<Y>>(&self, end: E) -> E {
        end
    }

    /// The first resume argument (`#[generator(resume = name)]`).
    pub fn first(&self) -> First<Y, R> {
        First {
            id: self.id,
            _types: PhantomData,
        }
    }
}

impl<Y, R> fmt::Debug for Co<Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Co").finish_non_exhaustive()
    }
}

/// `yield_!(v)` in a body compiled to an `async` block: hands `v` out at its first poll,
/// and completes with the resume argument at the next.
#[must_use = "a yield does nothing unless awaited"]
pub struct Yield<Y, R> {
    value: Option<Y>,
    id: usize,
    _types: PhantomData<fn() -> R>,
}

// Nothing is pinned inside: the value is moved out by `Option::take`.
impl<Y, R> Unpin for Yield<Y, R> {}

impl<Y, R> Future for Yield<Y, R> {
    type Output = R;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R> {
        let this = self.get_mut();
        let channel = channel::<Y, R>(cx, this.id);
        match this.value.take() {
            Some(value) => {
                channel.out.set(Some(value));
                Poll::Pending
            }
            None => match channel.resume.take() {
                Some(r) => Poll::Ready(r),
                None => unreachable!("a generator resumed without its argument"),
            },
        }
    }
}

impl<Y, R> fmt::Debug for Yield<Y, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Yield").finish_non_exhaustive()
    }
}

/// The first resume argument, read at once.
#[must_use = "does nothing unless awaited"]
pub struct First<Y, R> {
    id: usize,
    _types: PhantomData<fn(Y) -> R>,
}

impl<Y, R> Unpin for First<Y, R> {}

impl<Y, R> Future for First<Y, R> {
    type Output = R;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R> {
        match channel::<Y, R>(cx, self.id).resume.take() {
            Some(r) => Poll::Ready(r),
            None => unreachable!("the first resume argument was taken twice"),
        }
    }
}

/// What a stream body's `async` block returns: `()`, or with `?` in the body a
/// `Result<(), E>` whose error the stream yields as its last item (`Err(e)`).
#[diagnostic::on_unimplemented(
    message = "`?` in a stream needs items of type `Result<T, E>`: this one yields `{Y}`",
    label = "the error of this `?` would be the stream's last item",
    note = "yield `Ok(v)` and let `?` end the stream with `Err(e)`, or handle the error and `return`"
)]
pub trait StreamEnd<Y> {
    /// The last item, if any.
    fn last(self) -> Option<Y>;
}

impl<Y> StreamEnd<Y> for () {
    fn last(self) -> Option<Y> {
        None
    }
}

impl<T, E> StreamEnd<Result<T, E>> for Result<(), E> {
    fn last(self) -> Option<Result<T, E>> {
        self.err().map(Err)
    }
}

enum State<A, M, F> {
    /// The arguments and what makes the `async` block of them.
    Start(A, M),
    Running(F),
    Done,
    /// A resume panicked.
    Poisoned,
}

/// Marks the state `Poisoned` if the poll it guards panics.
struct Poison<'a, A, M, F>(&'a mut State<A, M, F>);

impl<A, M, F> Drop for Poison<'_, A, M, F> {
    fn drop(&mut self) {
        *self.0 = State::Poisoned;
    }
}

#[cfg(feature = "alloc")]
/// An iterator or `Generator` whose body is an `async` block, boxed at the first resume.
pub struct CoGen<Y, R, A, M, F> {
    state: State<A, M, Pin<crate::__private::Box<F>>>,
    /// The address of the boxed `async` block, taken when it is made (a reference to it
    /// would be a retag of a future that may borrow from itself).
    id: usize,
    _types: PhantomData<fn(R) -> Y>,
}

/// The frame is boxed and pinned there; the arguments and the closure that makes the
/// frame are never pinned. So it is `Unpin` whatever it holds, as `Gen` is.
#[cfg(feature = "alloc")]
impl<Y, R, A, M, F> Unpin for CoGen<Y, R, A, M, F> {}

#[cfg(feature = "alloc")]
impl<Y, R, A, M, F> fmt::Debug for CoGen<Y, R, A, M, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CoGen").finish_non_exhaustive()
    }
}

#[cfg(feature = "alloc")]
impl<Y, R, A, M, F> CoGen<Y, R, A, M, F>
where
    M: FnOnce(A, Co<Y, R>) -> F,
    F: Future,
{
    /// One resume: `Yielded`, `Complete`, or `None` once finished (or after a panic).
    fn step(&mut self, arg: R) -> Option<GeneratorState<Y, F::Output>> {
        if let State::Start(..) = self.state {
            let State::Start(args, make) = core::mem::replace(&mut self.state, State::Done) else {
                unreachable!()
            };
            let mut boxed = crate::__private::Box::<F>::new_uninit();
            self.id = boxed.as_ptr().addr();
            boxed.write(make(args, Co::new(self.id)));
            // SAFETY: written on the line above.
            #[allow(unsafe_code)]
            let boxed = unsafe { boxed.assume_init() };
            self.state = State::Running(crate::__private::Box::into_pin(boxed));
        }
        if !matches!(self.state, State::Running(_)) {
            return None;
        }
        let id = self.id;
        let channel = Channel {
            out: Cell::new(None),
            resume: Cell::new(Some(arg)),
        };
        let guard = Poison(&mut self.state);
        let State::Running(future) = &mut *guard.0 else {
            unreachable!()
        };
        let polled = poll_with(future.as_mut(), id, &channel, Waker::noop());
        core::mem::forget(guard);
        match polled {
            Poll::Ready(done) => {
                self.state = State::Done;
                Some(GeneratorState::Complete(done))
            }
            Poll::Pending => match channel.out.take() {
                Some(y) => Some(GeneratorState::Yielded(y)),
                None => panic!("a generator's body awaited something other than a yield"),
            },
        }
    }
}

#[cfg(feature = "alloc")]
impl<Y, A, M, F> Iterator for CoGen<Y, (), A, M, F>
where
    M: FnOnce(A, Co<Y, ()>) -> F,
    F: Future<Output = ()>,
{
    type Item = Y;

    fn next(&mut self) -> Option<Y> {
        match self.step(())? {
            GeneratorState::Yielded(y) => Some(y),
            GeneratorState::Complete(()) => None,
        }
    }
}

#[cfg(feature = "alloc")]
impl<Y, A, M, F> core::iter::FusedIterator for CoGen<Y, (), A, M, F>
where
    M: FnOnce(A, Co<Y, ()>) -> F,
    F: Future<Output = ()>,
{
}

#[cfg(feature = "alloc")]
impl<Y, R, A, M, F> crate::Generator<R> for CoGen<Y, R, A, M, F>
where
    M: FnOnce(A, Co<Y, R>) -> F,
    F: Future,
{
    type Yield = Y;
    type Return = F::Output;

    fn resume(&mut self, arg: R) -> GeneratorState<Y, F::Output> {
        let poisoned = matches!(self.state, State::Poisoned);
        match self.step(arg) {
            Some(s) => s,
            None if poisoned => crate::__private::resumed_after_panic(),
            None => crate::__private::resumed_after_completion(),
        }
    }
}

#[cfg(feature = "alloc")]
/// Builds an iterator or `Generator` whose body is an `async` block.
pub fn co_gen<R, Y, A, M, F>(args: A, make: M) -> CoGen<Y, R, A, M, F>
where
    M: FnOnce(A, Co<Y, R>) -> F,
    F: Future,
{
    CoGen {
        state: State::Start(args, make),
        id: 0,
        _types: PhantomData,
    }
}

/// A stream whose body is an `async` block, kept inline: created at the first poll and
/// never moved after (the stream is pinned then).
pub struct CoStream<Y, A, M, F> {
    /// Structurally pinned in the `Running` state. In an `UnsafeCell`: a `&CoStream`
    /// (`is_terminated`, `Debug`) must not claim the bytes of a future that may hold a
    /// `&mut` into itself; only `poll_next`, through `Pin<&mut Self>`, reaches them.
    state: core::cell::UnsafeCell<State<A, M, F>>,
    /// `Ready(None)` or the last item has been answered, or a poll panicked.
    done: bool,
    _pinned: PhantomPinned,
    _types: PhantomData<fn() -> Y>,
}

// SAFETY: a `&CoStream` gives access to `done` only; `state` is reached through
// `Pin<&mut CoStream>` alone, so sharing a `&CoStream` between threads shares nothing
// of it.
#[allow(unsafe_code)]
unsafe impl<Y, A, M, F> Sync for CoStream<Y, A, M, F> {}

impl<Y, A, M, F> fmt::Debug for CoStream<Y, A, M, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CoStream").finish_non_exhaustive()
    }
}

impl<Y, A, M, F> Stream for CoStream<Y, A, M, F>
where
    M: FnOnce(A, Co<Y, ()>) -> F,
    F: Future,
    F::Output: StreamEnd<Y>,
{
    type Item = Y;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Y>> {
        // SAFETY: the future in `Running` is structurally pinned: it is created in place
        // below, polled through `Pin::new_unchecked` of its place, and only ever dropped
        // in place (by overwriting the state, or with the stream). `CoStream` is `!Unpin`
        // (`PhantomPinned`), has no `Drop` impl, and moves `A` and `M` out of `Start`
        // only, which are not pinned.
        #[allow(unsafe_code)]
        let this = unsafe { self.get_unchecked_mut() };
        let id = this.state.get().addr();
        let state = this.state.get_mut();
        if let State::Start(..) = state {
            let State::Start(args, make) = core::mem::replace(state, State::Done) else {
                unreachable!()
            };
            *state = State::Running(make(args, Co::new(id)));
        }
        let guard = Poison(state);
        let State::Running(future) = &mut *guard.0 else {
            core::mem::forget(guard);
            this.done = true;
            return Poll::Ready(None);
        };
        // SAFETY: see above; the future is not moved while pinned.
        #[allow(unsafe_code)]
        let future = unsafe { Pin::new_unchecked(future) };
        let channel = Channel {
            out: Cell::new(None),
            resume: Cell::new(Some(())),
        };
        let polled = poll_with(future, id, &channel, cx.waker());
        core::mem::forget(guard);
        match polled {
            Poll::Ready(end) => {
                *this.state.get_mut() = State::Done;
                this.done = true;
                Poll::Ready(end.last())
            }
            Poll::Pending => match channel.out.take() {
                Some(y) => Poll::Ready(Some(y)),
                None => Poll::Pending,
            },
        }
    }
}

impl<Y, A, M, F> FusedStream for CoStream<Y, A, M, F>
where
    M: FnOnce(A, Co<Y, ()>) -> F,
    F: Future,
    F::Output: StreamEnd<Y>,
{
    fn is_terminated(&self) -> bool {
        self.done
    }
}

/// Builds a stream whose body is an `async` block. (That its output is a [`StreamEnd`]
/// is checked at the body's first `?`, by [`Co::end`], and not again here.)
pub fn co_stream<Y, A, M, F>(args: A, make: M) -> CoStream<Y, A, M, F>
where
    M: FnOnce(A, Co<Y, ()>) -> F,
    F: Future,
{
    CoStream {
        state: core::cell::UnsafeCell::new(State::Start(args, make)),
        done: false,
        _pinned: PhantomPinned,
        _types: PhantomData,
    }
}

/// `StreamExt::next` for a pinned stream: what `yield_from!` awaits in a body compiled to
/// an `async` block.
pub fn next_item<S: Stream + ?Sized>(stream: Pin<&mut S>) -> NextItem<'_, S> {
    NextItem { stream }
}

/// The future of [`next_item`].
#[must_use = "does nothing unless awaited"]
pub struct NextItem<'s, S: ?Sized> {
    stream: Pin<&'s mut S>,
}

impl<S: Stream + ?Sized> Future for NextItem<'_, S> {
    type Output = Option<S::Item>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        self.stream.as_mut().poll_next(cx)
    }
}

impl<S: ?Sized> fmt::Debug for NextItem<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NextItem").finish_non_exhaustive()
    }
}
