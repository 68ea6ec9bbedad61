// `gen_fn!`: `yield` in an iterator evaluates to `()`, not to a `u32`.
use gen_runtime::gen_fn;

gen_fn! {
    fn numbers() -> impl Iterator<Item = u32> {
        let got: u32 = yield 1;
        yield got;
    }
}

fn main() {
    let _ = numbers();
}
