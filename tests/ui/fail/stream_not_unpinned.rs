// A stream that borrows its own locals is `!Unpin`: `StreamExt::next` needs it pinned
// (`std::pin::pin!(s)`).
use futures::StreamExt;
use gen_runtime::{generator, yield_, Stream};

async fn tick() {}

#[generator]
fn words() -> impl Stream<Item = usize> {
    let text = String::from("a b");
    for w in text.split(' ') {
        tick().await;
        yield_!(w.len());
    }
}

fn main() {
    futures::executor::block_on(async {
        let mut s = words();
        while let Some(n) = s.next().await {
            let _ = n;
        }
    });
}
