use gen_runtime::{gen_stream, yield_from};

// Type errors land on the user's expressions: a value that is not a future, a source
// that is not a stream.
fn main() {
    let n = 3u32;
    let _ = gen_stream! {
        let x = n.await;
        yield x;
    };
    let _ = gen_stream! {
        yield_from!(0..n);
        yield 1u32;
    };
}
