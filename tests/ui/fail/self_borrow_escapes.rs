//! A reference to a local of the generator cannot leave it: not as a yielded item, not
//! as the return value.
use gen_runtime::{generator, yield_, Generator};

#[generator]
fn words<'a>(src: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let owned = src.to_uppercase();
    for w in owned.split(' ') {
        yield_!(w);
    }
}

#[generator]
fn last<'a>(src: &'a str) -> impl Generator<Yield = (), Return = &'a str> + 'a {
    let owned = src.to_uppercase();
    let r = owned.as_str();
    yield_!(());
    r
}

fn main() {
    let _ = words("a b");
    let _ = last("a b");
}
