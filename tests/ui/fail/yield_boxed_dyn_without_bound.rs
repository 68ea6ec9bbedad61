// Items are `Box<dyn Display>`: a `T` without `T: Display + 'static` cannot be boxed into one.
use std::fmt::Display;

use gen_runtime::{generator, yield_};

#[generator]
fn boxed<T>(items: Vec<T>) -> impl Iterator<Item = Box<dyn Display>> {
    for x in items {
        yield_!(Box::new(x));
    }
}

fn main() {
    let _ = boxed(vec![1]);
}
