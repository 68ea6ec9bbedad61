//! A generator written with the `yield` keyword inside `gen_fn!`.
//!
//! Stable rustc rejects `yield` in any code an attribute macro sees, so `gen_fn!` takes
//! the function as tokens instead; the body is otherwise ordinary Rust.
//!
//! Run with `cargo run --example countdown_gen_fn`; prints 5 4 3 2 1 and then "liftoff!".

use gen_runtime::gen_fn;

gen_fn! {
    /// Counts down from `from` to 1.
    fn countdown(from: u32) -> impl Iterator<Item = u32> {
        let mut n = from;
        while n > 0 {
            yield n;
            n -= 1;
        }
    }
}

fn main() {
    for n in countdown(5) {
        println!("{n}");
    }
    println!("liftoff!");
}
