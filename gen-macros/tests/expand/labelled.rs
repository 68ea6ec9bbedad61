#[generator]
fn labelled(n: u32) -> impl Iterator<Item = (u32, u32)> {
    'outer: for i in 0..n {
        'inner: for j in 0..n {
            if j > i {
                continue 'outer;
            }
            if i + j >= 5 {
                break 'outer;
            }
            if j == 1 {
                yield_!((i, 100));
                continue 'inner;
            }
            yield_!((i, j));
        }
        yield_!((i, 999));
    }
    yield_!((777, 777));
}
