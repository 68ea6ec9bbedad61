use gen_runtime::generator;

// rustc rejects the `yield` keyword before any attribute runs (E0658): `#[generator]`
// bodies use `yield_!(…)`, `gen_fn!` bodies may use `yield`.
#[generator]
fn numbers() -> impl Iterator<Item = u32> {
    yield 1;
}

fn main() {
    let _ = numbers();
}
