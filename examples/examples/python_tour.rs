//! Python's generator idioms and their Rust, side by side: the Python in a comment, the
//! Rust below it.
//!
//! Run with `cargo run --example python_tour`; each section prints what the Python prints.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use futures::StreamExt;
use gen_runtime::{
    gen_iter, gen_stream, generator, yield_, yield_from, Generator, GeneratorExt, GeneratorState,
    Stream,
};

// ---------------------------------------------------------------------------------------
// A generator function
//
//     def countdown(n):
//         while n > 0:
//             yield n
//             n -= 1
//
//     list(countdown(3))                 # [3, 2, 1]

#[generator]
fn countdown(mut n: u32) -> impl Iterator<Item = u32> {
    while n > 0 {
        yield_!(n);
        n -= 1;
    }
}

fn generator_function() -> Vec<u32> {
    countdown(3).collect()
}

// ---------------------------------------------------------------------------------------
// A generator expression
//
//     squares = (x * x for x in range(10) if x % 2 == 0)
//     sum(squares)                       # 120

fn generator_expression() -> u32 {
    let squares = gen_iter! {
        for x in 0..10 {
            if x % 2 == 0 {
                yield x * x;
            }
        }
    };
    // (Rust's own `(0..10).filter(…).map(…)` says the same; `gen_iter!` earns its keep when
    // the body has state and branches, as in the sections below.)
    squares.sum()
}

// ---------------------------------------------------------------------------------------
// An infinite sequence, cut with islice
//
//     def primes():
//         found = []
//         n = 2
//         while True:
//             if all(n % p for p in found):
//                 found.append(n)
//                 yield n
//             n += 1
//
//     list(itertools.islice(primes(), 8))   # [2, 3, 5, 7, 11, 13, 17, 19]

#[generator]
fn primes() -> impl Iterator<Item = u64> {
    let mut found: Vec<u64> = Vec::new();
    let mut n = 2;
    loop {
        if found.iter().all(|p| n % p != 0) {
            found.push(n);
            yield_!(n);
        }
        n += 1;
    }
}

fn infinite_sequence() -> Vec<u64> {
    primes().take(8).collect()
}

// ---------------------------------------------------------------------------------------
// send(): values flow into the generator
//
//     def averager():
//         total, count, average = 0.0, 0, None
//         while True:
//             x = yield average
//             total += x
//             count += 1
//             average = total / count
//
//     avg = averager()
//     next(avg)                          # prime it: runs to the first yield
//     avg.send(10)                       # 10.0
//     avg.send(30)                       # 20.0
//     avg.send(5)                        # 15.0

#[generator]
fn averager() -> impl Generator<f64, Yield = Option<f64>, Return = ()> {
    let (mut total, mut count) = (0.0, 0.0);
    let mut average = None;
    loop {
        let x = yield_!(average);
        total += x;
        count += 1.0;
        average = Some(total / count);
    }
}

fn send() -> Vec<Option<f64>> {
    let mut avg = averager();
    // The first resume runs to the first yield, like next(); its argument is dropped.
    let mut seen = Vec::new();
    for x in [0.0, 10.0, 30.0, 5.0] {
        if let GeneratorState::Yielded(average) = avg.resume(x) {
            seen.push(average);
        }
    }
    seen
}

// ---------------------------------------------------------------------------------------
// yield from, and the inner generator's return value
//
//     def read_chunk(chunk):
//         for word in chunk.split():
//             yield word
//         return len(chunk.split())
//
//     def read_all(chunks):
//         total = 0
//         for chunk in chunks:
//             total += yield from read_chunk(chunk)
//         return total
//
//     g = read_all(["a b", "c d e"])
//     list(g)                            # ['a', 'b', 'c', 'd', 'e']; g returns 5

#[generator]
fn read_chunk(chunk: &'static str) -> impl Generator<Yield = &'static str, Return = usize> {
    let mut count = 0;
    for word in chunk.split_whitespace() {
        yield_!(word);
        count += 1;
    }
    count
}

#[generator]
fn read_all(chunks: Vec<&'static str>) -> impl Generator<Yield = &'static str, Return = usize> {
    let mut total = 0;
    for chunk in chunks {
        total += yield_from!(read_chunk(chunk));
    }
    total
}

fn delegation() -> (Vec<&'static str>, usize) {
    read_all(vec!["a b", "c d e"]).run()
}

// ---------------------------------------------------------------------------------------
// close(): a suspended generator cleans up
//
//     def numbered(lines):
//         try:
//             for i, line in enumerate(lines):
//                 yield f"{i}: {line}"
//         finally:
//             print("closed")
//
//     g = numbered(["alpha", "beta", "gamma"])
//     next(g)                            # '0: alpha'
//     g.close()                          # prints "closed"
//
// In Rust, dropping the generator is close(): it drops the locals it holds, so a guard's
// `Drop` is the `finally`. A guard that is never read lives to the end of its block, as
// in any Rust function.

struct Finally<F: FnMut()>(F);

impl<F: FnMut()> Drop for Finally<F> {
    fn drop(&mut self) {
        (self.0)();
    }
}

#[generator]
fn numbered(
    lines: Vec<&'static str>,
    log: Rc<RefCell<Vec<String>>>,
) -> impl Iterator<Item = String> {
    let _finally = Finally(move || log.borrow_mut().push("closed".to_string()));
    for (i, line) in lines.into_iter().enumerate() {
        yield_!(format!("{i}: {line}"));
    }
}

fn close() -> Vec<String> {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut g = numbered(vec!["alpha", "beta", "gamma"], log.clone());
    let first = g.next().unwrap();
    log.borrow_mut().push(first);
    drop(g);
    log.take()
}

// ---------------------------------------------------------------------------------------
// A pipeline of generators, each pulling from the one before
//
//     def parse(lines):
//         for line in lines:
//             level, _, message = line.partition(": ")
//             yield level, message
//
//     def only(level, records):
//         for lvl, message in records:
//             if lvl == level:
//                 yield message
//
//     errors = only("ERROR", parse(log))
//     next(errors)                       # 'disk full'

#[generator]
fn parse<'a>(
    lines: impl Iterator<Item = &'a str> + 'a,
) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    for line in lines {
        if let Some((level, message)) = line.split_once(": ") {
            yield_!((level, message));
        }
    }
}

#[generator]
fn only<'a>(
    wanted: &'a str,
    records: impl Iterator<Item = (&'a str, &'a str)> + 'a,
) -> impl Iterator<Item = &'a str> + 'a {
    for (level, message) in records {
        if level == wanted {
            yield_!(message);
        }
    }
}

fn pipeline() -> Vec<&'static str> {
    let log = "INFO: started\nERROR: disk full\nWARN: slow\nERROR: retry failed\nINFO: done";
    only("ERROR", parse(log.lines())).collect()
}

// ---------------------------------------------------------------------------------------
// itertools-style combinators, each a few lines
//
//     itertools.pairwise([1, 4, 9, 16])                # (1, 4) (4, 9) (9, 16)
//     itertools.accumulate([1, 2, 3, 4])               # 1 3 6 10
//     [(k, len(list(g))) for k, g in itertools.groupby("aaabccdd")]
//                                                      # a 3, b 1, c 2, d 2

#[generator]
fn pairwise<I>(mut items: I) -> impl Iterator<Item = (I::Item, I::Item)>
where
    I: Iterator,
    I::Item: Clone,
{
    let Some(mut previous) = items.next() else {
        return;
    };
    for item in items {
        yield_!((previous, item.clone()));
        previous = item;
    }
}

#[generator]
fn accumulate<I>(items: I) -> impl Iterator<Item = I::Item>
where
    I: Iterator,
    I::Item: Copy + std::ops::Add<Output = I::Item>,
{
    let mut total = None;
    for item in items {
        let next = match total {
            Some(sum) => sum + item,
            None => item,
        };
        total = Some(next);
        yield_!(next);
    }
}

#[generator]
fn group_lengths<I>(items: I) -> impl Iterator<Item = (I::Item, usize)>
where
    I: Iterator,
    I::Item: PartialEq,
{
    let mut current: Option<(I::Item, usize)> = None;
    for item in items {
        match current {
            Some((key, n)) if key == item => current = Some((key, n + 1)),
            Some(group) => {
                current = Some((item, 1));
                yield_!(group);
            }
            None => current = Some((item, 1)),
        }
    }
    if let Some(group) = current {
        yield_!(group);
    }
}

fn combinators() -> String {
    let pairs: Vec<(u32, u32)> = pairwise([1, 4, 9, 16].into_iter()).collect();
    let sums: Vec<u32> = accumulate([1, 2, 3, 4].into_iter()).collect();
    let groups: Vec<(char, usize)> = group_lengths("aaabccdd".chars()).collect();
    format!("{pairs:?} {sums:?} {groups:?}")
}

// ---------------------------------------------------------------------------------------
// An async generator, consumed by an event loop
//
//     async def ticks(n, period):
//         for i in range(n):
//             await asyncio.sleep(period)
//             yield i
//
//     async def main():
//         return [t async for t in ticks(3, 0.01)]
//
//     asyncio.run(main())                # [0, 1, 2]

fn ticks(n: u32, period: Duration) -> impl Stream<Item = u32> {
    gen_stream! {
        for i in 0..n {
            tokio::time::sleep(period).await;
            yield i;
        }
    }
}

fn async_generator() -> Vec<u32> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime");
    runtime.block_on(async {
        let mut collected = Vec::new();
        let mut ticks = std::pin::pin!(ticks(3, Duration::from_millis(10)));
        while let Some(t) = ticks.next().await {
            collected.push(t);
        }
        collected
    })
}

fn main() {
    println!("generator function:   {:?}", generator_function());
    println!("generator expression: {}", generator_expression());
    println!("infinite sequence:    {:?}", infinite_sequence());
    println!("send:                 {:?}", send());
    println!("yield from:           {:?}", delegation());
    println!("close:                {:?}", close());
    println!("pipeline:             {:?}", pipeline());
    println!("combinators:          {}", combinators());
    println!("async generator:      {:?}", async_generator());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_section_prints_what_python_prints() {
        assert_eq!(generator_function(), [3, 2, 1]);
        assert_eq!(generator_expression(), 120);
        assert_eq!(infinite_sequence(), [2, 3, 5, 7, 11, 13, 17, 19]);
        assert_eq!(send(), [None, Some(10.0), Some(20.0), Some(15.0)]);
        assert_eq!(delegation(), (vec!["a", "b", "c", "d", "e"], 5));
        assert_eq!(close(), ["0: alpha", "closed"]);
        assert_eq!(pipeline(), ["disk full", "retry failed"]);
        assert_eq!(
            combinators(),
            "[(1, 4), (4, 9), (9, 16)] [1, 3, 6, 10] [('a', 3), ('b', 1), ('c', 2), ('d', 2)]"
        );
        assert_eq!(async_generator(), [0, 1, 2]);
    }
}
