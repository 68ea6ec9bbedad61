// A boxed recursive generator over a borrowed tree: `Box<dyn Iterator>` means
// `+ 'static`, and the body borrows `tree` (the fix is `+ '_`).
use gen_runtime::{generator, yield_, yield_from};

struct Tree {
    value: u32,
    children: Vec<Tree>,
}

#[generator]
fn walk(tree: &Tree) -> Box<dyn Iterator<Item = u32>> {
    yield_!(tree.value);
    for child in &tree.children {
        yield_from!(walk(child));
    }
}

fn main() {
    let t = Tree {
        value: 1,
        children: vec![],
    };
    let _ = walk(&t);
}
