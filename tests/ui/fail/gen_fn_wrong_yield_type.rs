// `gen_fn!`: the `yield` keyword with a value of the wrong type.
use gen_runtime::gen_fn;

gen_fn! {
    fn numbers() -> impl Iterator<Item = u32> {
        yield 1;
        yield "two";
    }
}

fn main() {
    let _ = numbers();
}
