//! Helpers shared by the integration tests.

use gen_runtime::{Generator, GeneratorState};

/// Resumes `g` with each of `inputs` in turn, recording every state up to the first
/// `Complete`.
pub fn drive<G, R>(
    g: &mut G,
    inputs: impl IntoIterator<Item = R>,
) -> Vec<GeneratorState<G::Yield, G::Return>>
where
    G: Generator<R>,
{
    let mut out = Vec::new();
    for r in inputs {
        let s = g.resume(r);
        let done = matches!(s, GeneratorState::Complete(_));
        out.push(s);
        if done {
            break;
        }
    }
    out
}
