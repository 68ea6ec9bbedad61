use gen_runtime::{generator, yield_, Generator};

#[generator]
fn numbers(v: Vec<u32>) -> impl Generator<bool, Yield = u32> {
    for x in v {
        match x {
            n if yield_!(n) => {}
            _ => {}
        }
    }
}

fn main() {
    let _ = numbers(vec![1]);
}
