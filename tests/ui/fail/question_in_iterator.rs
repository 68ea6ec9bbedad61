// `?` in an iterator: an iterator returns `()`, which cannot hold the error.
use gen_runtime::{generator, yield_};

#[generator]
fn parse_all(lines: Vec<String>) -> impl Iterator<Item = u32> {
    for line in lines {
        let n: u32 = line.parse()?;
        yield_!(n);
    }
}

fn main() {
    let _ = parse_all(vec![]);
}
