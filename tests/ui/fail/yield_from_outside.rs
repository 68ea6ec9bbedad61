use gen_runtime::yield_from;

fn plain() {
    yield_from!(0..3);
}

fn main() {
    plain();
}
