//! An async generator: a stream that walks a paginated API one item at a time.
//!
//! `fetch_page` stands in for a network call (it is `Pending` once, as real I/O would
//! be). The stream awaits one page, yields its items, and asks for the next page only
//! when the consumer wants more: `take(5)` below fetches two pages, not four.
//!
//! Run with `cargo run --example pages`.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::StreamExt;
use gen_runtime::{generator, yield_, Stream};

/// `Pending` on its first poll (waking the task), then ready: what I/O looks like to a stream.
struct Io(bool);

impl Future for Io {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

thread_local! {
    static REQUESTS: Cell<u32> = const { Cell::new(0) };
}

/// Page `n` of a 4-page listing of 3 items each, and the next page's number.
async fn fetch_page(n: u32) -> (Vec<String>, Option<u32>) {
    REQUESTS.with(|r| r.set(r.get() + 1));
    Io(false).await;
    let items = (0..3).map(|i| format!("item {}", n * 3 + i)).collect();
    (items, (n < 3).then_some(n + 1))
}

/// Every item of the listing, fetching pages as they are needed.
#[generator]
fn items(first: u32) -> impl Stream<Item = String> {
    let mut page = Some(first);
    while let Some(n) = page {
        let (items, next) = fetch_page(n).await;
        for item in items {
            yield_!(item);
        }
        page = next;
    }
}

fn main() {
    let first: Vec<String> = futures::executor::block_on(items(0).take(5).collect());
    println!("{first:?}");
    println!("requests: {}", REQUESTS.with(Cell::get));
    let all = futures::executor::block_on(items(0).count());
    println!("{all} items in all");
}
