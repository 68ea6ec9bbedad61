//! README, Limits: a method taking `self` that the macro does not know is taken to borrow
//! its receiver. In a branch block laid out flat (a move beside it needs its own copy of
//! the code after the block), the value is then dropped where the block ended, and rustc
//! reports the move there. `Job::finish(job)` says it.
use gen_runtime::{generator, yield_};

struct Job(Vec<u32>);

impl Job {
    fn finish(self) -> usize {
        self.0.len()
    }
}

struct Noisy;

impl Drop for Noisy {
    fn drop(&mut self) {}
}

#[generator]
fn run(c: bool, d: bool) -> impl Iterator<Item = usize> {
    let o = Noisy;
    let mut n = 0;
    if c {
        let job = Job(vec![1]);
        if d {
            drop(o);
        }
        n = job.finish();
    }
    yield_!(n);
}

#[generator]
fn run_explicit(c: bool, d: bool) -> impl Iterator<Item = usize> {
    let o = Noisy;
    let mut n = 0;
    if c {
        let job = Job(vec![1]);
        if d {
            drop(o);
        }
        n = Job::finish(job);
    }
    yield_!(n);
}

fn main() {
    let _ = run(true, false);
    let _ = run_explicit(true, false);
}
