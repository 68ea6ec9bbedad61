// `gen_iter!` infers its item type from the first yield: a later yield of another type is
// reported on that value.
use gen_runtime::gen_iter;

fn main() {
    let it = gen_iter! {
        yield 1u32;
        yield "two";
    };
    let _ = it;
}
