//! A borrow of a local held across a yield, then the local mutated while the borrow is
//! still used: rustc's own borrow error, on the user's code.
use gen_runtime::{generator, yield_};

#[generator]
fn grows() -> impl Iterator<Item = u32> {
    let mut v = vec![1, 2, 3];
    let first = &v[0];
    yield_!(1);
    v.push(2);
    println!("{first}");
}

#[generator]
fn moved_while_borrowed() -> impl Iterator<Item = usize> {
    let text = String::from("a b");
    let mut words = text.split(' ');
    yield_!(0);
    drop(text);
    yield_!(words.next().map_or(0, str::len));
}

#[generator]
fn aliased() -> impl Iterator<Item = u32> {
    let mut n = 0;
    let a = &mut n;
    yield_!(1);
    let b = &mut n;
    *a += 1;
    *b += 1;
}

fn main() {
    let _ = grows();
    let _ = moved_while_borrowed();
    let _ = aliased();
}
