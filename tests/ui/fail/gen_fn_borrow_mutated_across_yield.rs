// `gen_fn!`: a local mutated while a borrow of it is held across a yield.
use gen_runtime::gen_fn;

gen_fn! {
    fn firsts() -> impl Iterator<Item = u32> {
        let mut v = vec![1, 2, 3];
        let first = &v[0];
        yield *first;
        v.clear();
        yield *first;
    }
}

fn main() {
    let _ = firsts();
}
