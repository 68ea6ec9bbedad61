// `?` in a `Generator<Return = u32>`: a `u32` cannot hold the error.
use gen_runtime::{generator, yield_, Generator};

#[generator]
fn parse_all(lines: Vec<String>) -> impl Generator<Yield = u32, Return = u32> {
    let mut count = 0;
    for line in lines {
        let n: u32 = line.parse()?;
        yield_!(n);
        count += 1;
    }
    count
}

fn main() {
    let _ = parse_all(vec![]);
}
