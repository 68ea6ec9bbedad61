//! Implementation detail of [`gen-runtime`](https://docs.rs/gen-runtime): the proc macros
//! that compile generator functions into explicit state machines. Depend on `gen-runtime`,
//! not on this crate.
//!
//! The crate is a small compiler, one phase per module, data flowing one way; `expand`
//! runs the phases in this order on each macro input, and no phase uses a later one:
//!
//! 1. `args`: the attribute and the signature → which kind of generator, its types.
//! 2. `normalize`: the body → `ir`, a tree of yield-free Rust fragments and the
//!    control flow that contains suspension points (`for`/`while`/`if let` desugared,
//!    the rest of a block lowered once per way where a drop flag would be needed, with
//!    a scope end, `ir::Stmt::End`, where such a way moved a local's scope);
//!    names are resolved once there, each fragment getting its `ir::Flow` (its uses of
//!    the generator's locals by binding id, inside its own control flow). It also says
//!    whether the body must keep its locals in place (`ir::Body::frame`).
//! 3. `cfg`: one control-flow graph of the IR and the fragments' flows.
//! 4. `dataflow`: liveness, initialisation and moves to a fixpoint on that graph, and
//!    from them which locals each suspension point carries and which scope ends drop.
//! 5. `inplace`: which of those a resume arm updates in place, in the state.
//! 6. `emit`: the state enum, the step closure and the runtime wrapper; or `coroutine`,
//!    for a body that keeps its locals in place: the body as an `async` block.
//!
//! `scope` holds the syntax walks the phases share, `tokens` the walks of raw token
//! streams; `diagnostics` collects errors.
#![forbid(unsafe_code)]

mod args;
mod cfg;
mod coroutine;
mod dataflow;
mod diagnostics;
mod emit;
mod expand;
#[cfg(test)]
mod fuzz;
mod inplace;
mod ir;
mod normalize;
mod scope;
#[cfg(test)]
mod snapshots;
mod tokens;

use proc_macro::TokenStream;

/// Turns a function that uses `yield_!` into a generator. See the `gen-runtime` docs.
#[proc_macro_attribute]
pub fn generator(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand_attribute(attr.into(), item.into()).into()
}

/// An `impl Iterator` expression written with `yield`. See the `gen-runtime` docs.
#[proc_macro]
pub fn gen_iter(input: TokenStream) -> TokenStream {
    expand::expand_gen_iter(input.into()).into()
}

/// An `impl Stream` expression written with `yield` and `.await`. See the `gen-runtime`
/// docs.
#[proc_macro]
pub fn gen_stream(input: TokenStream) -> TokenStream {
    expand::expand_gen_stream(input.into()).into()
}

/// Defines generator functions that use the `yield` keyword. See the `gen-runtime` docs.
#[proc_macro]
pub fn gen_fn(input: TokenStream) -> TokenStream {
    expand::expand_gen_fn(input.into()).into()
}
