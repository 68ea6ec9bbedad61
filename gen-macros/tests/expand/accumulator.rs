#[generator]
fn acc() -> impl Generator<u32, Yield = u32, Return = u32> {
    let mut total = 0;
    loop {
        let x = yield_!(total);
        if x == 0 {
            return total;
        }
        total += x;
    }
}
