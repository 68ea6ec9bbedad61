use gen_runtime::{generator, yield_, yield_from, Generator};

// `yield_from!` in a resumable generator starts the inner one with `R::default()`.
struct Command;

#[generator]
fn inner() -> impl Generator<Command, Yield = u32> {
    yield_!(1);
}

#[generator]
fn outer() -> impl Generator<Command, Yield = u32> {
    yield_from!(inner());
}

fn main() {
    let _ = outer();
}
