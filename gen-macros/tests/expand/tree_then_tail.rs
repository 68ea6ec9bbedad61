#[generator]
pub fn inorder_then_len(tree: &[u32]) -> impl Iterator<Item = u64> + '_ {
    let n = tree.len();
    let mut stack: Vec<usize> = Vec::with_capacity(64);
    let mut i = 0usize;
    loop {
        while i < n {
            stack.push(i);
            i = 2 * i + 1;
        }
        match stack.pop() {
            Some(j) => {
                yield_!(u64::from(tree[j]));
                i = 2 * j + 2;
            }
            None => break,
        }
    }
    yield_!(n as u64);
}
