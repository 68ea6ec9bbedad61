#[generator]
pub fn three(i: u64) -> impl Iterator<Item = u64> {
    yield_!(i);
    yield_!(i * 2);
    yield_!(i * 3);
}
