use gen_runtime::{generator, yield_};

#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    let _fut = async {
        yield_!(1);
    };
    yield_!(2);
}

fn main() {
    let _ = numbers();
}
