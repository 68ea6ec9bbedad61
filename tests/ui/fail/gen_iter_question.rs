// `?` in `gen_iter!`, an iterator, which returns `()`.
use gen_runtime::gen_iter;

fn main() {
    let lines = vec![String::from("1")];
    let it = gen_iter! {
        for line in lines {
            yield line.parse::<u32>()?;
        }
    };
    let _ = it;
}
