// `gen_iter!` yields references into a local `String`: the iterator cannot hand out
// borrows of its own state.
use gen_runtime::gen_iter;

fn main() {
    let it = gen_iter! {
        let text = String::from("a b");
        for w in text.split(' ') {
            yield w;
        }
    };
    let v: Vec<&str> = it.collect();
    let _ = v;
}
