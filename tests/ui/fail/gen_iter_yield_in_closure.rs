use gen_runtime::gen_iter;

fn main() {
    let v = vec![1u32, 2];
    let it = gen_iter! {
        v.into_iter().for_each(|x| yield x);
    };
    let _ = it;
}
