#[generator]
fn buffered(refills: usize, seed: u64) -> impl Iterator<Item = u64> {
    let mut buf = [0u64; 64];
    let mut x = seed;
    for _ in 0..refills {
        for slot in buf.iter_mut() {
            x = xorshift(x);
            *slot = x;
        }
        for i in 0..64 {
            yield_!(buf[i] ^ i as u64);
        }
    }
}
