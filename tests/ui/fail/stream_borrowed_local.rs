use futures::StreamExt;
use gen_runtime::{generator, yield_, Stream};

// A future that borrows a local of the stream cannot be awaited: the state moves.
#[generator]
fn relay(v: Vec<u32>) -> impl Stream<Item = u32> {
    let mut it = futures::stream::iter(v);
    while let Some(x) = it.next().await {
        yield_!(x);
    }
}

fn main() {}
