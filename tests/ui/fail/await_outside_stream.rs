use gen_runtime::{gen_iter, generator, yield_, Generator};

async fn one() -> u32 {
    1
}

// Only a stream may wait for a future; the error says how to make one.
#[generator]
fn iterator() -> impl Iterator<Item = u32> {
    yield_!(one().await);
}

#[generator]
fn coroutine() -> impl Generator<Yield = u32, Return = ()> {
    let x = one().await;
    yield_!(x);
}

fn main() {
    let _ = gen_iter! {
        yield one().await;
    };
}
