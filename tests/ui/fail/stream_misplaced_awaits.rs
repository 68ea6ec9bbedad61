use gen_runtime::{generator, yield_, Stream};

async fn ready(x: u32) -> u32 {
    x
}

// Awaits the lowering cannot reach: in a match guard, in another macro's arguments.
#[generator]
fn misplaced(v: Vec<u32>) -> impl Stream<Item = u32> {
    for x in v {
        match x {
            n if ready(n).await > 1 => yield_!(n),
            _ => println!("{}", ready(x).await),
        }
    }
}

fn main() {}
