//! What a user of async-stream writes, written with `gen_stream!` (or `#[generator]` /
//! `gen_fn!`) and the same body: `yield` in loops and branches, `?` ending the stream with
//! the error, `for await`, streams made by functions and consumed by others, a stream
//! that never yields, a stream that borrows what it owns across `.await`.

use futures::executor::block_on;
use futures::{pin_mut, Stream, StreamExt};
use gen_runtime::{gen_fn, gen_stream, generator, yield_, FusedStream};

fn zero_to_three() -> impl Stream<Item = u32> {
    gen_stream! {
        for i in 0..3 {
            yield i;
        }
    }
}

fn double<S: Stream<Item = u32>>(input: S) -> impl Stream<Item = u32> {
    gen_stream! {
        for await value in input {
            yield value * 2;
        }
    }
}

#[test]
fn streams_made_by_functions_and_consumed_by_others() {
    let s = double(zero_to_three());
    pin_mut!(s);
    let mut got = Vec::new();
    block_on(async {
        while let Some(v) = s.next().await {
            got.push(v);
        }
    });
    assert_eq!(got, [0, 2, 4]);
}

#[derive(Debug, PartialEq)]
enum Error {
    Parse(String),
    TooBig(u32),
}

impl From<std::num::ParseIntError> for Error {
    fn from(e: std::num::ParseIntError) -> Self {
        Error::Parse(e.to_string())
    }
}

#[generator]
fn numbers(text: &'static str) -> impl FusedStream<Item = Result<u32, Error>> {
    for word in text.split(' ') {
        let n: u32 = word.parse()?;
        if n > 100 {
            Err(Error::TooBig(n))?;
        }
        yield_!(Ok(n));
    }
}

#[test]
fn question_mark_yields_the_error_last_and_ends_the_stream() {
    let got: Vec<_> = block_on(numbers("1 2 x 4").collect());
    assert_eq!(
        got,
        [
            Ok(1),
            Ok(2),
            Err(Error::Parse("invalid digit found in string".into()))
        ]
    );
    assert_eq!(
        block_on(numbers("1 200 3").collect::<Vec<_>>()),
        [Ok(1), Err(Error::TooBig(200))]
    );
    assert_eq!(block_on(numbers("5 6").collect::<Vec<_>>()), [Ok(5), Ok(6)]);
    // After the error: `None`, and fused.
    let s = numbers("x");
    pin_mut!(s);
    block_on(async {
        assert!(matches!(s.next().await, Some(Err(Error::Parse(_)))));
        assert_eq!(s.next().await, None);
        assert!(s.is_terminated());
        assert_eq!(s.next().await, None);
    });
}

#[test]
fn question_mark_in_gen_stream_infers_the_error_type() {
    let s = gen_stream! {
        for word in ["7", "8", "nine"] {
            let n: u32 = word.parse()?;
            yield Ok::<u32, Error>(n);
        }
    };
    let got: Vec<Result<u32, Error>> = block_on(s.collect());
    assert_eq!(got.len(), 3);
    assert_eq!(got[..2], [Ok(7), Ok(8)]);
    assert!(matches!(got[2], Err(Error::Parse(_))));
}

/// A stream holding a value with a `Drop`: the error ends it and drops what it holds.
struct Guard(std::rc::Rc<std::cell::RefCell<Vec<&'static str>>>);

impl Drop for Guard {
    fn drop(&mut self) {
        self.0.borrow_mut().push("dropped");
    }
}

#[test]
fn an_error_drops_what_the_stream_holds() {
    let log = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let l = log.clone();
    let s = gen_stream! {
        let _guard = Guard(l);
        yield Ok::<u32, Error>(1);
        Err(Error::TooBig(2))?;
        yield Ok(3);
    };
    pin_mut!(s);
    block_on(async {
        assert_eq!(s.next().await, Some(Ok(1)));
        assert!(log.borrow().is_empty());
        assert_eq!(s.next().await, Some(Err(Error::TooBig(2))));
        assert_eq!(*log.borrow(), ["dropped"]);
        assert_eq!(s.next().await, None);
    });
}

gen_fn! {
    fn labelled(rows: Vec<Vec<u32>>) -> impl Stream<Item = u32> {
        let rows = futures::stream::iter(rows);
        'rows: for await row in rows {
            for await x in futures::stream::iter(row) {
                if x == 0 {
                    continue 'rows;
                }
                if x > 50 {
                    break 'rows;
                }
                yield x;
            }
        }
    }
}

#[test]
fn for_await_with_labels_break_and_continue() {
    let rows = vec![vec![1, 2], vec![0, 3], vec![4, 60, 5], vec![6]];
    assert_eq!(block_on(labelled(rows).collect::<Vec<_>>()), [1, 2, 4]);
}

#[test]
fn for_await_needs_no_unpin() {
    // An `async` block's stream is `!Unpin`: `for await` pins it in place.
    let inner = gen_stream! {
        let x = async { 5u32 }.await;
        yield x;
        yield x + 1;
    };
    let outer = gen_stream! {
        for await v in inner {
            yield v * 10;
        }
    };
    assert_eq!(block_on(outer.collect::<Vec<_>>()), [50, 60]);
}

#[test]
fn a_stream_without_a_yield_yields_unit_items() {
    let s = gen_stream! {
        let _ = async { 1 }.await;
    };
    let got: Vec<()> = block_on(s.collect());
    assert!(got.is_empty());
}

#[test]
fn yields_in_branches_matches_and_early_returns() {
    let s = gen_stream! {
        for i in 0..10u32 {
            match i % 3 {
                0 => yield i,
                1 => {
                    if i > 6 {
                        return;
                    }
                }
                _ => yield async move { i * 100 }.await,
            }
        }
    };
    assert_eq!(block_on(s.collect::<Vec<_>>()), [0, 200, 3, 500, 6]);
}

#[test]
fn accepting_connections_from_a_listener_it_owns() {
    use tokio::io::AsyncWriteExt;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .unwrap();
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let incoming = gen_stream! {
            loop {
                let (socket, _) = listener.accept().await?;
                yield Ok::<_, std::io::Error>(socket);
            }
        };
        let clients = tokio::spawn(async move {
            for _ in 0..2 {
                let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
                c.write_all(b"hi").await.unwrap();
            }
        });
        let accepted: Vec<_> = incoming.take(2).collect().await;
        assert!(accepted.iter().all(Result::is_ok));
        assert_eq!(accepted.len(), 2);
        clients.await.unwrap();
    });
}

#[generator]
fn ticker(mut rx: tokio::sync::mpsc::Receiver<u32>) -> impl Stream<Item = String> {
    let mut interval = tokio::time::interval(std::time::Duration::from_secs(3600));
    let mut ticks = 0;
    loop {
        tokio::select! {
            biased;
            v = rx.recv() => match v {
                Some(v) => yield_!(format!("got {v}")),
                None => break,
            },
            _ = interval.tick() => {
                ticks += 1;
                yield_!(format!("tick {ticks}"));
            }
        }
    }
    yield_!(format!("done after {ticks} tick"));
}

#[test]
fn tokio_select_with_yields_in_its_arms_and_after_it() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let got: Vec<String> = rt.block_on(async {
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        tx.send(1).await.unwrap();
        tx.send(2).await.unwrap();
        let s = ticker(rx);
        pin_mut!(s);
        let mut got = vec![s.next().await.unwrap(), s.next().await.unwrap()];
        // Nothing left to receive yet: the interval's first tick is due at once.
        got.push(s.next().await.unwrap());
        drop(tx);
        got.extend(s.collect::<Vec<_>>().await);
        got
    });
    assert_eq!(got, ["got 1", "got 2", "tick 1", "done after 1 tick"]);
}

#[test]
fn joins_timeouts_and_futures_select() {
    use futures::FutureExt;
    use std::time::Duration;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let got: Vec<i32> = rt.block_on(
        gen_stream! {
            let (a, b) = futures::join!(async { 1 }, async { 2 });
            yield a + b;
            let (c, d) = tokio::join!(async { 3 }, async { 4 });
            yield c * d;
            for i in 0..2 {
                let r = tokio::time::timeout(Duration::from_secs(5), async move { i + 10 }).await;
                yield r.unwrap();
            }
            let mut fast = Box::pin(async { 6 }).fuse();
            let mut slow = Box::pin(tokio::time::sleep(Duration::from_secs(3600))).fuse();
            futures::select! {
                x = fast => yield x,
                _ = slow => yield -1,
            }
        }
        .collect(),
    );
    assert_eq!(got, [3, 12, 10, 11, 6]);
}

#[test]
#[allow(clippy::useless_vec)] // `vec!` is the macro whose arguments await and yield
fn awaits_and_yields_in_guards_and_macro_arguments() {
    async fn ready(x: u32) -> u32 {
        x
    }
    let s = gen_stream! {
        for x in 0..4u32 {
            match x {
                n if ready(n).await > 1 => yield n * 10,
                _ => yield format!("{}", ready(x).await).len() as u32,
            }
        }
        let v = vec![ready(5).await, { yield 6; 7 }];
        yield v.iter().sum::<u32>();
    };
    assert_eq!(block_on(s.collect::<Vec<_>>()), [1, 1, 20, 30, 6, 12]);
}

/// A macro whose expansion awaits, with no `.await` or yield among its arguments:
/// `join!`, `select_biased!`, and a user's own.
#[generator]
fn awaiting_macros(n: u32) -> impl Stream<Item = u32> {
    use futures::FutureExt;
    macro_rules! twice {
        ($f:expr) => {
            $f.await + $f.await
        };
    }
    for i in 0..n {
        let (a, b) = futures::join!(async { i }, async { 10 * i });
        yield_!(a + b);
        let won = futures::select_biased! {
            x = async { i + 100 }.fuse() => x,
            y = futures::future::pending::<u32>().fuse() => y,
        };
        yield_!(won);
        let mut waited = false;
        let ready = futures::future::poll_fn(|cx| {
            if waited {
                std::task::Poll::Ready(())
            } else {
                waited = true;
                cx.waker().wake_by_ref();
                std::task::Poll::Pending
            }
        });
        ready.await;
        yield_!(twice!(async { i + 1 }));
    }
}

#[test]
fn macros_that_await_in_their_expansion() {
    let got: Vec<u32> = block_on(awaiting_macros(2).collect());
    assert_eq!(got, [0, 100, 2, 11, 101, 4]);
    let got: Vec<u32> = block_on(
        gen_stream! {
            let (a, b) = tokio::join!(async { 3 }, async { 4 });
            yield a * b;
        }
        .collect(),
    );
    assert_eq!(got, [12]);
}
