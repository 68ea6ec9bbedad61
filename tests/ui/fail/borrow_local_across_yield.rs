use gen_runtime::{generator, yield_};

#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    let v = vec![1, 2, 3];
    for x in &v {
        yield_!(*x);
    }
}

fn main() {
    let _ = numbers();
}
