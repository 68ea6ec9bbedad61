//! Which carried locals a resume arm updates in place, in the state, instead of moving
//! the whole state out and back on every resume.
//!
//! ```text
//! let mut buf = [0u64; 64];      // body level, never moved, only used through places
//! let mut x = seed;              // moved (`xorshift(x)`): travels by value
//! loop { …; yield_!(buf[i]); … }
//! // Suspend0 { __held: Option<(x,)>, buf } is matched by reference; its arm runs
//! //     let Some((x,)) = take(__held) else { /* poisoned */ };
//! //     … (*buf)[i] …  *__held = Some((x,)); return Yielded(…);
//! ```
//!
//! It is worth it only for a suspension point inside a loop (its arm usually stores the
//! same state again) whose kept bindings include a large one, an array of 16 or more
//! elements by its type or initializer: small states are faster moved in registers than
//! reached through references (measured on the benchmarks' tree walk, where keeping a
//! `Vec` and two integers in place cost 1.37× against 0.99× moved). A carried binding
//! stays in place when:
//! - it is declared in the body's own block (or is a parameter), so no code the arm runs
//!   declares it again, and it lives until the generator completes;
//! - its name is bound nowhere else, so every use of the name in the arm is this binding
//!   (the emitter rewrites `x` into the place `(*x)`);
//! - it is never used by value (which could be a move out of the state), nor inside a
//!   closure, an async block or another macro's tokens (which the rewrite cannot see).
//!
//! The kept bindings are a prefix of the carried ones, oldest first, so that the younger
//! ones, travelling by value, still drop before them as in plain Rust.

use crate::dataflow::Liveness;
use crate::ir::UseKind;
use crate::ir::{path_blocks, Step};
use crate::ir::{BindingId, Body, Fragment, Stmt};
use crate::scope::pat_bindings;
use crate::tokens::mentions;
use proc_macro2::{Ident, TokenStream};
use quote::ToTokens;
use syn::visit::{self, Visit};

/// Per suspension point, the carried bindings its arm keeps in place, oldest first
/// (empty: the arm moves the state out as a whole).
pub fn plan(body: &Body, live: &Liveness) -> Vec<Vec<BindingId>> {
    let mut cache: Vec<Option<bool>> = vec![None; body.bindings.len()];
    live.points
        .iter()
        .map(|point| {
            let Some(point) = point else {
                return Vec::new();
            };
            if !in_loop(body, &point.path) {
                return Vec::new();
            }
            let kept: Vec<BindingId> = point
                .carried
                .iter()
                .take_while(|&&(b, depth)| {
                    depth == 1 && *cache[b].get_or_insert_with(|| stays(body, b))
                })
                .map(|&(b, _)| b)
                .collect();
            // Small states move faster than they are reached through references.
            if kept.iter().any(|&b| body.bindings[b].large) {
                kept
            } else {
                Vec::new()
            }
        })
        .collect()
}

/// Does the path to a suspension point go through the body of a `loop`?
pub(crate) fn in_loop(body: &Body, path: &[Step]) -> bool {
    let on_path = path_blocks(body, path);
    let outer = on_path.len().saturating_sub(1);
    on_path[..outer]
        .iter()
        .any(|&(block, i)| matches!(block.stmts[i], Stmt::Loop { .. }))
}

/// Can binding `b` stay in the state while its arm runs?
fn stays(body: &Body, b: BindingId) -> bool {
    if body.bindings[b].field_of.is_some() {
        return false;
    }
    let name = &body.bindings[b].ident;
    if body
        .bindings
        .iter()
        .enumerate()
        .any(|(other, x)| other != b && x.ident == *name)
    {
        return false;
    }
    let mut ok = true;
    body.block.fragments(&mut |stmt, fragment| {
        if !ok {
            return;
        }
        let own_init = matches!(stmt, Stmt::Let { binds, .. } if binds.contains(&b));
        let mut scan = match fragment {
            Fragment::Stmt(s) => Opaque::new(name, |v| v.visit_stmt(s)),
            Fragment::Expr(e) => Opaque::new(name, |v| v.visit_expr(e)),
            Fragment::Block(k) => Opaque::new(name, |v| v.visit_block(k)),
        };
        let mut moved = false;
        fragment
            .flow()
            .uses(&mut |u| moved |= u.binding == b && u.kind == UseKind::Read);
        scan.found |= moved && !own_init;
        ok = !scan.found;
    });
    ok
}

/// Finds a name where the in-place rewrite cannot follow it: bound by a pattern, or
/// mentioned inside a closure, an async block or macro tokens.
struct Opaque<'n> {
    name: &'n Ident,
    found: bool,
}

impl<'n> Opaque<'n> {
    fn new(name: &'n Ident, walk: impl FnOnce(&mut Self)) -> Self {
        let mut o = Opaque { name, found: false };
        walk(&mut o);
        o
    }

    fn tokens(&mut self, tokens: TokenStream) {
        self.found |= mentions(&tokens, self.name);
    }
}

impl<'a> Visit<'a> for Opaque<'_> {
    fn visit_item(&mut self, _: &'a syn::Item) {}

    fn visit_pat(&mut self, pat: &'a syn::Pat) {
        self.found |= pat_bindings(pat, true)
            .iter()
            .any(|p| p.ident == *self.name);
    }

    fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
        self.tokens(c.to_token_stream());
    }

    fn visit_expr_async(&mut self, a: &'a syn::ExprAsync) {
        self.tokens(a.to_token_stream());
    }

    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        self.tokens(mac.tokens.clone());
    }

    fn visit_expr(&mut self, e: &'a syn::Expr) {
        if !self.found {
            visit::visit_expr(self, e);
        }
    }
}

/// The kept bindings of each point, by name (for tests and snapshots of the plan).
#[cfg(test)]
fn kept_names(body: &Body, plan: &[Vec<BindingId>]) -> Vec<Vec<String>> {
    plan[..body.yields]
        .iter()
        .map(|kept| {
            kept.iter()
                .map(|&b| body.bindings[b].ident.to_string())
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn kept(body: TokenStream) -> Vec<Vec<String>> {
        let body = crate::normalize::normalize_block(quote!({ #body }));
        let cfg = crate::cfg::build(&body);
        let live = crate::dataflow::analyze(&body, &cfg);
        kept_names(&body, &plan(&body, &live))
    }

    #[test]
    fn a_buffer_read_through_places_stays_and_moved_values_travel() {
        let k = kept(quote! {
            let mut buf = [0u64; 64];
            let mut x = 1u64;
            for r in 0..3 {
                for slot in buf.iter_mut() { x = step(x); *slot = x; }
                for i in 0..64 { yield_!(buf[i] ^ r); }
            }
        });
        // `x` is passed by value: it and everything younger travels by value.
        assert_eq!(k, [vec!["buf".to_owned()]]);
    }

    #[test]
    fn points_outside_loops_move_their_state() {
        let k = kept(quote! {
            let v = vec![1];
            yield_!(v.len());
            yield_!(v.len());
        });
        assert_eq!(k, [Vec::<String>::new(), Vec::new()]);
    }

    /// What the arm of a yield in a loop keeps of `a` (a large array) and `b`, given `stmt`
    /// before the loop and `body` in it.
    fn keeps(stmt: TokenStream, body: TokenStream) -> Vec<String> {
        let k = kept(quote! {
            let a = [0u8; 16];
            let b = vec![2];
            #stmt
            loop { yield_!(a.len() + b.len()); #body }
        });
        k.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn names_the_rewrite_cannot_follow_travel() {
        let both = ["a".to_owned(), "b".to_owned()];
        assert_eq!(keeps(quote!(), quote!()), both);
        assert_eq!(keeps(quote!(), quote!(b.push(3);)), both);
        // Shadowed: the older `b` is hidden, and it ends the prefix.
        assert_eq!(keeps(quote!(let b = 7;), quote!()), ["a"]);
        // Bound again by a pattern in yield-free code, even in another scope.
        assert_eq!(
            keeps(
                quote!(),
                quote!(if let Some(b) = f() {
                    g(b);
                })
            ),
            ["a"]
        );
        // Mentioned in macro tokens, an inline format argument, a closure, an async block.
        assert_eq!(keeps(quote!(), quote!(assert!(b.is_empty());)), ["a"]);
        assert_eq!(keeps(quote!(), quote!(println!("{b:?}");)), ["a"]);
        assert_eq!(keeps(quote!(), quote!(let n = || b.len();)), ["a"]);
        assert_eq!(keeps(quote!(), quote!(let n = async { b.len() };)), ["a"]);
        // Used by value; an older binding used so stops the younger one too.
        assert_eq!(keeps(quote!(), quote!(consume(b);)), ["a"]);
        assert_eq!(keeps(quote!(), quote!(let c = a;)), Vec::<String>::new());
    }

    #[test]
    fn only_states_holding_a_large_array_stay_in_place() {
        let first = |stmt: TokenStream| {
            let k = kept(quote!(#stmt let v = vec![1]; loop { yield_!(v.len() + a.len()); }));
            k.into_iter().next().unwrap_or_default()
        };
        assert_eq!(first(quote!(let a = [0u64; 16];)), ["a", "v"]);
        assert_eq!(first(quote!(let a: [u8; 64] = make();)), ["a", "v"]);
        assert_eq!(first(quote!(let a: ([u8; 64], u8) = make();)), ["a", "v"]);
        assert_eq!(
            first(quote!(let a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];)),
            ["a", "v"]
        );
        // Small: moved by value, faster than through references.
        assert!(first(quote!(let a = [0u64; 15];)).is_empty());
        assert!(first(quote!(let a = [0u64; N];)).is_empty());
        assert!(first(quote!(let a: &[u8; 64] = make();)).is_empty());
        assert!(first(quote!(let a = vec![0u64; 64];)).is_empty());
    }

    #[test]
    fn bindings_declared_inside_the_loop_travel() {
        let k = kept(quote! {
            let a = [0u8; 16];
            loop {
                let c = [0u8; 16];
                yield_!(a.len() + c.len());
            }
        });
        assert_eq!(k, [vec!["a".to_owned()]]);
    }

    #[test]
    fn a_binding_moved_anywhere_travels() {
        let k = kept(quote! {
            let s = String::new();
            let t = String::new();
            loop {
                yield_!(s.len() + t.len());
                if t.is_empty() { drop(s); return; }
            }
        });
        assert_eq!(k, [Vec::<String>::new()]);
    }
}
