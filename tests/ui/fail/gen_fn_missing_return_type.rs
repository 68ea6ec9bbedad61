// `gen_fn!`: a generator fn without a return type.
use gen_runtime::gen_fn;

gen_fn! {
    fn numbers() {
        yield 1u32;
    }
}

fn main() {}
