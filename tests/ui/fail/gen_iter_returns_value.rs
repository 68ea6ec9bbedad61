// `gen_iter!` is an iterator, which returns `()`: `return` with a value is a mistake.
use gen_runtime::gen_iter;

fn main() {
    let limit = 3u32;
    let it = gen_iter! {
        for i in 0..10u32 {
            if i == limit {
                return i;
            }
            yield i;
        }
    };
    let _ = it;
}
