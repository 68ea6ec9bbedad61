use gen_runtime::yield_;

fn plain() -> u32 {
    yield_!(1);
    0
}

fn main() {
    let _ = plain();
}
