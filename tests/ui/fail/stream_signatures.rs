use gen_runtime::{generator, yield_, Stream};
use std::pin::Pin;

// A boxed stream must be pinned to be polled.
#[generator]
fn unpinned() -> Box<dyn Stream<Item = u32>> {
    yield_!(1);
}

// Only streams are pinned when boxed.
#[generator]
fn pinned_iterator() -> Pin<Box<dyn Iterator<Item = u32>>> {
    yield_!(1);
}

// A stream takes its item type by name.
#[generator]
fn positional() -> impl Stream<u32> {
    yield_!(1);
}

// A stream is resumed with `()`: there is no argument to bind.
#[generator(resume = first)]
fn resumed() -> impl Stream<Item = u32> {
    yield_!(1);
}

fn main() {}
