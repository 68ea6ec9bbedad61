//! README, Limits: a method taking `self` that the macro does not know is taken to borrow
//! its receiver, so the value is still carried across the next yield and rustc reports
//! the move. `Job::finish(job)` says it.
use gen_runtime::{generator, yield_};

struct Job(Vec<u32>);

impl Job {
    fn finish(self) -> u32 {
        self.0.len() as u32
    }
}

#[generator]
fn run(job: Job) -> impl Iterator<Item = u32> {
    let n = job.finish();
    yield_!(n);
}

#[generator]
fn run_explicit(job: Job) -> impl Iterator<Item = u32> {
    let n = Job::finish(job);
    yield_!(n);
}

fn main() {
    let _ = run(Job(vec![1]));
    let _ = run_explicit(Job(vec![1]));
}
