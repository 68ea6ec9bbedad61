#[generator]
fn expressions(v: Vec<u32>) -> impl Generator<u32, Yield = u32, Return = Option<u32>> {
    let mut sum = 0;
    sum += yield_!(1);
    let x = f(g(), yield_!(2), h());
    let ok = sum > 0 && yield_!(x) > 0;
    let first = v.first().copied()?;
    if ok { Some(sum + first) } else { None }
}
