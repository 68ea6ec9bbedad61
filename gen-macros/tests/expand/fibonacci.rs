#[generator]
fn fibonacci(n: usize) -> impl Iterator<Item = u64> {
    let (mut a, mut b) = (0, 1);
    for _ in 0..n {
        yield_!(a);
        (a, b) = (b, a + b);
    }
}
