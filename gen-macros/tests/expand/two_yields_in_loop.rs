#[generator]
fn pairs(n: u32) -> impl Iterator<Item = (u32, bool)> {
    for i in 0..n {
        yield_!((i, false));
        yield_!((i, true));
    }
}
