// A stream: a local mutated while a borrow of it is held across a yield and an await.
use gen_runtime::{generator, yield_, Stream};

async fn tick() {}

#[generator]
fn firsts() -> impl Stream<Item = u32> {
    let mut v = vec![1, 2, 3];
    let first = &v[0];
    yield_!(*first);
    tick().await;
    v.push(4);
    yield_!(*first);
}

fn main() {
    let _ = firsts();
}
