#[generator]
fn value_loop(n: u32) -> impl Iterator<Item = u32> {
    let r = 'outer: loop {
        for i in 0..n {
            if i * i > 10 {
                break 'outer i;
            }
            yield_!(i);
        }
    };
    yield_!(r * 100);
}
