#[generator]
fn doubled(n: u32) -> impl Stream<Item = u32> {
    for i in 0..n {
        let d = double(i).await;
        yield_!(d + 1);
    }
}
