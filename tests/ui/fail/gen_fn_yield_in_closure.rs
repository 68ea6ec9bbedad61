use gen_runtime::gen_fn;

gen_fn! {
    fn numbers(v: Vec<u32>) -> impl Iterator<Item = u32> {
        v.into_iter().for_each(|x| yield x);
    }
}

fn main() {
    let _ = numbers(vec![1]);
}
