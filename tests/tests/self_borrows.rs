//! A body may borrow its own locals across suspension points, as plain Rust code and
//! `async` blocks may: such a body keeps its locals in place (an `async` block the runtime
//! drives; one allocation for an iterator or a `Generator`, none for a stream).

use futures::{Stream, StreamExt};
use gen_runtime::{gen_fn, gen_iter, gen_stream, generator, yield_, Generator, GeneratorState};
use std::io::BufRead;

#[generator]
fn lines_of(path: &str) -> impl Iterator<Item = String> + '_ {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    for line in text.lines() {
        yield_!(line.to_uppercase());
    }
}

#[generator]
fn doubled(mut rx: tokio::sync::mpsc::Receiver<u32>) -> impl Stream<Item = u32> {
    while let Some(x) = rx.recv().await {
        yield_!(x * 2);
    }
}

fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("gen-runtime-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn lines_of_a_local_string() {
    let path = temp_file("lines", "one\ntwo\n");
    let got: Vec<String> = lines_of(path.to_str().unwrap()).collect();
    assert_eq!(got, ["ONE", "TWO"]);
}

#[test]
fn a_stream_awaits_a_receiver_it_owns() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let got: Vec<u32> = rt.block_on(async {
        let (tx, rx) = tokio::sync::mpsc::channel(2);
        let feeder = tokio::spawn(async move {
            for x in 1..=5 {
                tx.send(x).await.unwrap();
            }
        });
        let got = doubled(rx).collect().await;
        feeder.await.unwrap();
        got
    });
    assert_eq!(got, [2, 4, 6, 8, 10]);
}

#[generator]
fn shared_and_mutable() -> impl Iterator<Item = u32> {
    let v = vec![1, 2, 3];
    for x in &v {
        // The referent is read while the borrow is held across the yield.
        yield_!(*x + v.len() as u32);
    }
    let mut w = [10, 20];
    for x in w.iter_mut() {
        *x += 1;
        yield_!(*x);
    }
    yield_!(w.iter().sum());
    let text = String::from("a bb ccc");
    for word in text.split_whitespace() {
        yield_!(word.len() as u32);
    }
    let mut counter = 0;
    let r = &mut counter;
    yield_!(100);
    *r += 1;
    yield_!(counter);
}

#[test]
fn borrows_of_locals_across_yields() {
    let got: Vec<u32> = shared_and_mutable().collect();
    assert_eq!(got, [4, 5, 6, 11, 21, 32, 1, 2, 3, 100, 1]);
}

#[generator]
fn remade_each_iteration(rounds: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut totals = [0u32; 2];
    for i in 0..rounds {
        // A borrow re-made on each iteration and held across the yield inside it.
        let slot = &mut totals[(i % 2) as usize];
        let got = yield_!(*slot);
        *slot += got;
    }
    totals.iter().sum()
}

#[test]
fn a_borrow_remade_in_a_loop_and_resume_values() {
    let mut g = remade_each_iteration(4);
    let mut seen = Vec::new();
    let mut arg = 0;
    loop {
        match g.resume(arg) {
            GeneratorState::Yielded(y) => seen.push(y),
            GeneratorState::Complete(total) => {
                assert_eq!(total, 1 + 2 + 3 + 4);
                break;
            }
        }
        arg += 1;
    }
    assert_eq!(seen, [0, 0, 1, 2]);
}

#[generator]
fn read_lines(path: std::path::PathBuf) -> impl Iterator<Item = String> {
    let mut reader = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut buf = String::new();
    while reader.read_line(&mut buf).unwrap() > 0 {
        yield_!(buf.trim_end().to_owned());
        buf.clear();
    }
}

#[generator]
fn read_lines_async(path: std::path::PathBuf) -> impl Stream<Item = String> {
    use tokio::io::AsyncBufReadExt;
    let file = tokio::fs::File::open(path).await.unwrap();
    let mut reader = tokio::io::BufReader::new(file);
    let mut buf = String::new();
    while reader.read_line(&mut buf).await.unwrap() > 0 {
        yield_!(buf.trim_end().to_owned());
        buf.clear();
    }
}

#[test]
fn a_reader_reads_into_a_buffer_it_owns() {
    let path = temp_file("reader", "x\nyy\n");
    assert_eq!(read_lines(path.clone()).collect::<Vec<_>>(), ["x", "yy"]);
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let got: Vec<String> = rt.block_on(read_lines_async(path).collect());
    assert_eq!(got, ["x", "yy"]);
}

#[generator]
fn relay(v: Vec<u32>) -> impl Stream<Item = u32> {
    let mut s = futures::stream::iter(v);
    while let Some(x) = s.next().await {
        yield_!(x + 1);
    }
}

#[test]
fn a_stream_drains_a_local_stream() {
    let got: Vec<u32> = futures::executor::block_on(relay(vec![1, 2]).collect());
    assert_eq!(got, [2, 3]);
}

gen_fn! {
    fn words_of(text: String) -> impl Iterator<Item = usize> {
        for w in text.split(',') {
            yield w.len();
        }
    }
}

struct Doc {
    title: String,
}

impl Doc {
    #[generator]
    fn title_words(&self) -> impl Iterator<Item = String> + '_ {
        let lower = self.title.to_lowercase();
        for w in lower.split(' ') {
            yield_!(w.to_owned());
        }
    }
}

#[test]
fn every_form() {
    assert_eq!(words_of("a,bb".into()).collect::<Vec<_>>(), [1, 2]);
    let doc = Doc {
        title: "Hello World".into(),
    };
    assert_eq!(doc.title_words().collect::<Vec<_>>(), ["hello", "world"]);
    let text = String::from("p q");
    let it = gen_iter! {
        let text = text;
        for w in text.split(' ') {
            yield w.to_owned();
        }
    };
    assert_eq!(it.collect::<Vec<_>>(), ["p", "q"]);
    let v = vec![5u32, 6];
    let s = gen_stream! {
        let v = v;
        for x in &v {
            yield *x;
        }
    };
    assert_eq!(futures::executor::block_on(s.collect::<Vec<_>>()), [5, 6]);
}

#[test]
fn temporaries_borrowed_by_an_await_live_through_it() {
    async fn fetch(url: &str) -> usize {
        url.len()
    }
    let s = gen_stream! {
        for i in 0..3 {
            let len = fetch(&format!("https://x/page/{i}")).await;
            yield len;
        }
    };
    assert_eq!(
        futures::executor::block_on(s.collect::<Vec<_>>()),
        [16, 16, 16]
    );
}

/// An iterator adapter keeps the borrow of what it adapts: `buf.iter().enumerate()`,
/// `.zip(…)`, `.rev()`, `.map(…)` over a local, held across yields and awaits.
#[generator]
fn adapted(rounds: u32) -> impl Iterator<Item = (usize, u64)> {
    let mut buf = [0u64; 3];
    for r in 0..rounds {
        for slot in buf.iter_mut() {
            *slot += u64::from(r) + 1;
        }
        for (i, v) in buf.iter().enumerate() {
            yield_!((i, *v));
        }
        let names = [String::from("a"), String::from("bb")];
        let lens = names.iter().map(|s| s.len() as u64).rev();
        for (i, n) in lens.zip(buf.iter()).map(|(l, v)| (l as usize, *v)) {
            yield_!((i, n));
        }
    }
}

#[generator]
fn adapted_stream(words: Vec<String>) -> impl Stream<Item = String> {
    let mut seen = String::new();
    for (i, w) in words.iter().enumerate().skip(1) {
        seen.push_str(w);
        futures::future::ready(()).await;
        yield_!(format!("{i}:{w}:{seen}"));
    }
}

#[test]
fn iterator_adapters_over_locals() {
    assert_eq!(
        adapted(2).collect::<Vec<_>>(),
        [
            (0, 1),
            (1, 1),
            (2, 1),
            (2, 1),
            (1, 1),
            (0, 3),
            (1, 3),
            (2, 3),
            (2, 3),
            (1, 3)
        ]
    );
    let words = vec!["x".to_owned(), "y".to_owned(), "z".to_owned()];
    let got: Vec<String> = futures::executor::block_on(adapted_stream(words).collect());
    assert_eq!(got, ["1:y:y", "2:z:yz"]);
}

// Borrows the macro sees through: more of the standard library's borrowing methods, a
// borrow passed through `unwrap`, `max`, `next`, a borrow chosen by a branch, and borrows
// gathered in a tuple or an array (each compared with nightly's static coroutine).

#[generator]
fn borrowing_methods(seed: i64) -> impl Iterator<Item = i64> {
    let mut v = vec![seed, 2];
    let m = v.as_mut_slice();
    yield_!(0);
    m[0] += 1;
    let s = String::from(" ab");
    let t = s.trim_start();
    let b = t.as_bytes();
    yield_!(b[0] as i64);
    let (h, rest) = v.split_at(1);
    yield_!(h[0] + rest[0] + t.len() as i64);
}

#[generator]
fn borrows_through_unwrap(seed: i64) -> impl Iterator<Item = i64> {
    let mut v = [seed, 2];
    let r = v.iter().max().unwrap();
    yield_!(0);
    yield_!(*r);
    let m = v.first_mut().unwrap();
    yield_!(1);
    *m += 1;
    let s = String::from("a bc");
    let w = s.split(' ').nth(1).unwrap_or("");
    yield_!(v[0]);
    yield_!(w.len() as i64);
}

#[generator]
fn borrows_chosen_or_gathered(seed: i64) -> impl Iterator<Item = i64> {
    let a = seed;
    let b = 2;
    let r = if seed > 0 { &a } else { &b };
    let t = (&a, &b);
    let arr = [&b, &a];
    let mut v = vec![&a, &b];
    v.push(&b);
    let first = Some(&a);
    yield_!(0);
    yield_!(*r);
    yield_!(*t.0 + *t.1 + *arr[0] * 10);
    yield_!(*v[0] - *v[1] + *v[2] - 2);
    yield_!(first.map_or(0, |x| *x * 100));
}

#[test]
fn borrows_through_std_methods_branches_and_aggregates() {
    assert_eq!(borrowing_methods(3).collect::<Vec<_>>(), [0, 97, 8]);
    assert_eq!(
        borrows_through_unwrap(3).collect::<Vec<_>>(),
        [0, 3, 1, 4, 2]
    );
    assert_eq!(
        borrows_chosen_or_gathered(3).collect::<Vec<_>>(),
        [0, 3, 25, 1, 300]
    );
    assert_eq!(
        borrows_chosen_or_gathered(-1).collect::<Vec<_>>(),
        [0, 2, 21, -3, -100]
    );
}
