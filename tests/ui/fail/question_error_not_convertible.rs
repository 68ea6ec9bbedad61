// `?` on a `ParseIntError` in a generator returning `Result<_, MyError>`, with no
// `From<ParseIntError> for MyError`.
use gen_runtime::{generator, yield_, Generator};

#[derive(Debug)]
struct MyError;

#[generator]
fn parse_all(lines: Vec<String>) -> impl Generator<Yield = u32, Return = Result<(), MyError>> {
    for line in lines {
        let n: u32 = line.parse()?;
        yield_!(n);
    }
    Ok(())
}

fn main() {
    let _ = parse_all(vec![]);
}
