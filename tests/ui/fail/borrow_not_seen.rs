//! README, Limits: a method of the user's own type that returns a borrow of its receiver,
//! carried across a yield, is not seen as a borrow: rustc reports the move of the value
//! it borrows. `(&doc).sections()` says it, and compiles.
use gen_runtime::{generator, yield_};

struct Doc {
    parts: Vec<String>,
}

impl Doc {
    fn sections(&self) -> std::slice::Iter<'_, String> {
        self.parts.iter()
    }
}

#[generator]
fn unseen(doc: Doc) -> impl Iterator<Item = usize> {
    let it = doc.sections();
    for s in it {
        yield_!(s.len());
    }
}

#[generator]
fn written_out(doc: Doc) -> impl Iterator<Item = usize> {
    let it = (&doc).sections();
    for s in it {
        yield_!(s.len());
    }
}

fn main() {
    let _ = unseen(Doc { parts: vec![] });
    let _ = written_out(Doc { parts: vec![] });
}
