// A stream returns `()`: a `gen_stream!` that ends with a value.
use gen_runtime::gen_stream;

fn main() {
    let s = gen_stream! {
        yield 1u32;
        "done"
    };
    let _ = s;
}
