//! The state enum, the step closure and the runtime wrapper.
//!
//! ```text
//! fn fib(n: usize) -> impl Iterator<Item = u64> {
//!     enum __FibState<T0, T1, T2, T3> { Start { n: T0 }, Suspend0 { b: T1, a: T2, iter: T3 }, Returned, Poisoned }
//!     ::gen_runtime::__private::iter::<u64, _, _>(__FibState::Start { n }, |__state, __arg| {
//!         let __from = ::gen_runtime::__private::replace(__state, __FibState::Poisoned);
//!         match __from {
//!             __FibState::Start { n } => { /* the body, up to each yield */ }
//!             __from => match __from {
//!                 __FibState::Suspend0 { iter, a, b } => { /* rest of the loop body, then the loop */ }
//!                 _ => return Complete(()), // Returned, Poisoned
//!             },
//!         }
//!     })
//! }
//! ```
//!
//! A yield evaluates its value, stores the carried locals in the next state and returns
//! `Yielded`. The resume arm of a suspension point is its continuation: the rest of each
//! enclosing block, and for each enclosing loop the rest of its body followed by the loop
//! itself, so loops stay real Rust loops. `break`/`continue` that leave the rest of a
//! loop body become breaks out of labelled blocks.
//!
//! A continuation stops at the first join point ([`Stmt::Join`]) it reaches: it breaks
//! out of that join's labelled block with the live locals, and the code after the join is
//! emitted once, after the block:
//!
//! ```text
//! let (a, b) = '__join0: { match state { Start => { …; break '__join0 (a, b) }, Suspend0 => … } };
//! /* the code after the loop, once */
//! ```
//!
//! Each state is tested on its own (a `match` nested in the previous one's catch-all, or
//! one `if let` after another when the state is tested by reference), so a discriminant
//! kept in a field's niche costs a comparison per test rather than a full decode. States
//! first constructed after a join are tested after that join's code (the earlier tests
//! pass them on with `break '__dispatchN`), so each arm comes after the code that
//! constructs its state. An in-place arm ([`inplace`]) matches its state by reference.
//!
//! A generator with a yield in a loop and more than one suspension point keeps
//! `(state, bool)`: the flag says "not resumed yet" and replaces the test for `Start`, so
//! that LLVM can peel the first resume off the consumer's loop, and its enum is
//! `#[repr(u8)]`. The step closure is `#[inline(always)]`.

use crate::args::{Kind, Signature};
use crate::dataflow::{self, Liveness, Point};
use crate::inplace;
use crate::ir::{BindingId, Block, Body, Stmt};
use crate::scope;
use crate::tokens::{self, mark_mentions, mentions, rename_tokens, rewrite_field_tokens};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap, HashSet};
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Pat};

/// A loop printed for a resume arm that enters it again ([`Emitter::reentered_loop`]).
#[derive(Clone)]
struct Reentered {
    tokens: TokenStream,
    diverges: bool,
    /// The names it mentions ([`tokens::names_in`]).
    names: std::rc::Rc<HashSet<String>>,
}

/// A loop or labelled block that `break`/`continue` in emitted code may target.
struct LoopFrame {
    label: Option<syn::Lifetime>,
    is_block: bool,
    slot: Option<Ident>,
    /// `None`: the real loop encloses the code. `Some`: the code is the rest of its body,
    /// emitted outside it; `break` leaves `brk`, `continue` leaves `cont`.
    split: Option<(syn::Lifetime, syn::Lifetime)>,
    label_used: Cell<bool>,
    broke: Cell<bool>,
    continued: Cell<bool>,
}

impl LoopFrame {
    fn new(
        label: Option<syn::Lifetime>,
        is_block: bool,
        slot: Option<Ident>,
        split: Option<(syn::Lifetime, syn::Lifetime)>,
    ) -> Self {
        LoopFrame {
            label,
            is_block,
            slot,
            split,
            label_used: Cell::new(false),
            broke: Cell::new(false),
            continued: Cell::new(false),
        }
    }
}

pub struct Emitter<'a> {
    body: &'a Body,
    live: &'a Liveness,
    sig: &'a Signature,
    krate: TokenStream,
    enum_ident: Ident,
    state: Ident,
    arg: Ident,
    loops: Vec<LoopFrame>,
    labels: usize,
    /// Per suspension point, where its state is first constructed: `Some(stage)` once it
    /// is, with the stage `None` for code before any join, `Some(j)` after join `j`.
    first_stage: Vec<Option<Option<usize>>>,
    /// The suspension points in the order their states were first constructed.
    order: Vec<usize>,
    /// The stage of the code being emitted.
    stage: Option<usize>,
    /// Field name of each carried binding, per suspension point.
    fields: Vec<HashMap<BindingId, Ident>>,
    /// Bindings in scope where code is being emitted, in declaration order.
    env: Vec<BindingId>,
    /// Per suspension point, the carried bindings its arm keeps in place ([`inplace`]).
    kept: Vec<Vec<BindingId>>,
    /// The in-place arm being emitted, if any, and whether it has completed somewhere.
    in_place: Option<(usize, bool)>,
    /// The kept bindings the in-place arm being emitted reads or writes.
    places_used: HashSet<BindingId>,
    /// Join points some emitted code jumps to.
    joined: Vec<bool>,
    /// Per suspension point, whether its yield stores `Returned` rather than a state of
    /// its own ([`dataflow::only_completes`]; iterators and streams, which answer a
    /// finished state as they answer the end: a `Generator` resumed then must complete).
    finishing: Vec<bool>,
    /// Some emitted yield stores `Returned`.
    yields_finish: bool,
    held: Ident,
    /// Each loop a resume arm enters again, as printed for the locals in scope around
    /// it, with the names it mentions: the resume arms of one loop's suspension points
    /// print the same loop ([`Self::reentered_loop`]).
    reentered: HashMap<(*const Stmt, Vec<BindingId>), Reentered>,
    /// The outermost loop frame a `break` or `continue` printed since it was reset left.
    lowest_jump: usize,
}

impl<'a> Emitter<'a> {
    pub fn new(body: &'a Body, live: &'a Liveness, sig: &'a Signature, enum_ident: Ident) -> Self {
        let fields = live
            .points
            .iter()
            .map(|p| {
                let mut taken: HashSet<String> = crate::ir::RESERVED
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect();
                let mut map = HashMap::new();
                for &(b, _) in p.iter().flat_map(|p| p.carried.iter()) {
                    let ident = body.bindings[b].ident.to_string();
                    let raw = ident.starts_with("r#");
                    let base = ident.trim_start_matches("r#").to_owned();
                    let mut name = base.clone();
                    let mut n = 1;
                    while !taken.insert(name.clone()) {
                        name = format!("{base}_{n}");
                        n += 1;
                    }
                    let field = if raw && n == 1 {
                        Ident::new_raw(&name, Span::mixed_site())
                    } else {
                        Ident::new(&name, Span::mixed_site())
                    };
                    map.insert(b, field);
                }
                map
            })
            .collect();
        let state_at = enum_ident.span();
        Emitter {
            body,
            live,
            sig,
            krate: sig.krate.clone(),
            enum_ident,
            // The state's type, which borrowck names, is said at the function's name.
            state: Ident::new("__state", Span::mixed_site().located_at(state_at)),
            arg: crate::ir::arg_ident(),
            loops: Vec::new(),
            labels: 0,
            first_stage: vec![None; body.yields],
            order: Vec::new(),
            stage: None,
            fields,
            env: Vec::new(),
            kept: inplace::plan(body, live),
            in_place: None,
            places_used: HashSet::new(),
            joined: vec![false; body.joins],
            finishing: live.points[..body.yields]
                .iter()
                .map(|p| {
                    sig.kind != Kind::Generator
                        && p.as_ref()
                            .is_some_and(|p| dataflow::only_completes(body, p))
                })
                .collect(),
            yields_finish: false,
            held: Ident::new("__held", Span::mixed_site()),
            reentered: HashMap::new(),
            lowest_jump: usize::MAX,
        }
    }

    /// Suspension or join point `k`, which the emitted code reaches (liveness analysed it).
    fn point(&self, k: usize) -> &'a Point {
        self.live.points[k]
            .as_ref()
            .unwrap_or_else(|| unreachable!())
    }

    /// `field: local`, binding `b`'s field in the state of point `k`, in a pattern or a
    /// struct expression.
    fn field_entry(&self, k: usize, b: BindingId) -> TokenStream {
        let (field, mut value) = (&self.fields[k][&b], self.carried_value(b));
        // Moved before the point and read after it: rustc's "value used here after move"
        // belongs at that read.
        if let Some(&at) = self.point(k).used_after_move.get(&b) {
            value = tokens::respan(value, at);
        }
        quote!(#field: #value)
    }

    /// What goes into the state for carried binding `b` where code is being emitted: the
    /// local, or for a field carried on its own where its binding is still whole, the
    /// field (`__self.count`).
    fn carried_value(&self, b: BindingId) -> TokenStream {
        match &self.body.bindings[b].field_of {
            Some((parent, field)) if !self.env.contains(&b) => {
                let parent = self.local_ident(*parent);
                let member = member(field);
                quote!(#parent.#member)
            }
            _ => self.local_ident(b).into_token_stream(),
        }
    }

    /// `replace(state, Poisoned)`: the state taken out while user code runs.
    fn take_state(&self) -> TokenStream {
        let (e, krate, state) = (&self.enum_ident, &self.krate, &self.state);
        quote!(#krate::__private::replace(#state, #e::Poisoned))
    }

    /// `let State::Variant { fields } = source else { unreachable_state() };`: the state
    /// the dispatcher has already told apart.
    fn unpack(
        &self,
        variant: &TokenStream,
        fields: TokenStream,
        source: TokenStream,
    ) -> TokenStream {
        self.unpack_else(variant, fields, source, TokenStream::new())
    }

    /// The same, binding every field, with the state taken out into a local first: the
    /// `else` then forgets the state instead of dropping it. (Dropped there, the taken
    /// state's address goes to its drop glue, and LLVM then keeps it in memory, copying
    /// the whole state on every resume: the benchmarks' (h), 4.7x the hand-written time.)
    fn unpack_all(&self, variant: &TokenStream, fields: TokenStream) -> TokenStream {
        let taken = Ident::new("__taken", Span::mixed_site());
        let krate = &self.krate;
        let take = self.take_state();
        let forget = quote!(#krate::__private::discard(#taken););
        let unpack = self.unpack_else(variant, fields, quote!(#taken), forget);
        quote!(let #taken = #take; #unpack)
    }

    /// `let State::Variant { fields } = source else { first; unreachable_state() };`
    fn unpack_else(
        &self,
        variant: &TokenStream,
        fields: TokenStream,
        source: TokenStream,
        first: TokenStream,
    ) -> TokenStream {
        let (e, krate) = (&self.enum_ident, &self.krate);
        quote! {
            let #e::#variant { #fields } = #source else {
                #first
                #krate::__private::unreachable_state()
            };
        }
    }

    /// `#[allow(clippy::used_underscore_binding)]` when point `k` carries a local named
    /// `_x`: moving `_guard` into the state, or out to a join, is a read the user did not
    /// write. (An attribute cannot stand on an assignment or a `break`, so it goes on a
    /// block round them.)
    fn underscore_allow(&self, k: usize) -> Option<TokenStream> {
        let point = self.point(k);
        point
            .carried
            .iter()
            .any(|&(b, _)| is_user_underscore(&self.local_ident(b)))
            .then(|| quote!(#[allow(clippy::used_underscore_binding)]))
    }

    /// The carried bindings of point `k` that travel by value, youngest first.
    fn travelling(&self, k: usize) -> impl Iterator<Item = BindingId> + '_ {
        let point = self.point(k);
        point
            .carried
            .iter()
            .rev()
            .map(|&(b, _)| b)
            .filter(move |b| !self.kept[k].contains(b))
    }

    /// The expression the generated fn returns.
    pub fn generator(mut self) -> TokenStream {
        let e = self.enum_ident.clone();
        let krate = self.krate.clone();
        let (state, arg) = (self.state.clone(), self.arg.clone());

        let start_fields: Vec<&Ident> = self.body.params.iter().map(|(f, _)| f).collect();
        let start_values: Vec<&TokenStream> = self.body.params.iter().map(|(_, v)| v).collect();
        let (start_body, _) = self.block(&self.body.block);
        // Every arm some emitted code reaches: resume arms of the states it constructs,
        // join arms of the join points it jumps to.
        let mut arms = BTreeMap::new();
        let mut joins = BTreeMap::new();
        loop {
            let state = self.order.iter().copied().find(|k| !arms.contains_key(k));
            let join = (0..self.body.joins).find(|&j| self.joined[j] && !joins.contains_key(&j));
            if let Some(k) = state {
                // Its arm constructs states in its own stage, after it.
                self.stage = self.first_stage[k].flatten();
                let arm = self.resume_arm(k);
                arms.insert(k, arm);
            } else if let Some(j) = join {
                self.stage = Some(j);
                let arm = self.resume_arm(self.body.yields + j);
                joins.insert(j, arm);
            } else {
                break;
            }
        }

        // The enum: Start, the constructed suspension points, Returned, Poisoned.
        let mut params = Vec::new();
        let mut variants = Vec::new();
        // Each type parameter stands at the local it holds: what rustc says of a held
        // value's type ("type parameter would need to implement `Clone`") lands there.
        let next_param = |params: &mut Vec<Ident>, at: Span| {
            let p = format_ident!(
                "T{}",
                params.len(),
                span = Span::mixed_site().located_at(at)
            );
            params.push(p.clone());
            p
        };
        let start_tys: Vec<Ident> = start_fields
            .iter()
            .map(|f| next_param(&mut params, f.span()))
            .collect();
        variants.push(quote!(Start { #(#start_fields: #start_tys,)* }));
        let mut param_of: HashMap<BindingId, Ident> = HashMap::new();
        for &k in arms.keys() {
            let name = suspend_ident(k);
            let point = self.point(k);
            // Youngest first: a dropped state drops its fields in reverse declaration order.
            // In place, the travelling bindings (the youngest) are held together in front.
            let kept = &self.kept[k];
            let held = (!kept.is_empty()).then_some(&self.held);
            // A local has one type wherever it is carried: one parameter serves every
            // state that holds it (rustc's coherence check of the derived `Clone` grows
            // faster than the number of parameters). The travelling tuple has its own.
            let fields: Vec<(&Ident, Span, Option<BindingId>)> = held
                .into_iter()
                .map(|h| (h, h.span(), None))
                .chain(
                    point
                        .carried
                        .iter()
                        .rev()
                        .filter(|(b, _)| held.is_none() || kept.contains(b))
                        .map(|&(b, _)| {
                            (
                                &self.fields[k][&b],
                                self.body.bindings[b].ident.span(),
                                Some(b),
                            )
                        }),
                )
                .collect();
            let tys: Vec<Ident> = fields
                .iter()
                .map(|&(_, at, b)| match b {
                    Some(b) => param_of
                        .entry(b)
                        .or_insert_with(|| next_param(&mut params, at))
                        .clone(),
                    None => next_param(&mut params, at),
                })
                .collect();
            let fields = fields.iter().map(|&(f, _, _)| f);
            variants.push(quote!(#name { #(#fields: #tys,)* }));
        }
        let generics = if params.is_empty() {
            quote!()
        } else {
            quote!(<#(#params),*>)
        };
        // A state's arm comes after the code that first constructs it (or rustc cannot
        // infer its fields' types where the arm uses them): states first constructed
        // after a join point are dispatched after that join's code, by later matches.
        let stage_of = |k: usize| self.first_stage[k].flatten();
        let staged = arms.keys().any(|&k| stage_of(k).is_some());
        // With an in-place arm, or later stages, the dispatcher tests the state by
        // reference, and the other arms move their state out themselves.
        let by_ref = staged || arms.keys().any(|&k| !self.kept[k].is_empty());
        // With a yield in a loop and more than one state to resume, the consumer's loop
        // meets every state at its head, and LLVM keeps the dispatcher there (with one
        // state it peels the first resume off and fuses the rest into one loop). A flag
        // beside the state that says "not resumed yet", cleared on the first resume, is a
        // value that stops changing after one iteration: LLVM peels that first resume,
        // and the `Start` test leaves the loop (a Fibonacci loop with one yield after it:
        // 12.0 million instructions for 10^6 items without the flag, 1.75 million with
        // it, as without the yield after the loop). It costs a byte, so only these
        // generators have it. It follows the state in a tuple: `(state, flag)`.
        // (A yield that stores `Returned` counts: the consumer's loop meets that state too.)
        let resumed = arms.len() + usize::from(self.yields_finish);
        let looping = self
            .live
            .points
            .iter()
            .flatten()
            .any(|p| inplace::in_loop(self.body, &p.path));
        let fresh = (resumed >= 2 && looping).then(|| Ident::new("__fresh", Span::mixed_site()));
        // With a yield in a loop, `Start` runs once among many resumes: a cold call at its
        // head makes LLVM lay the test for it out of the way of the resumed states (the
        // `[u64; 64]` buffer of the benchmarks' (d): 1.26x the hand-written time without
        // it, 1.05x with it). Without loops the generator may well start as often as it
        // resumes (three yields in a row).
        let start_body = if looping {
            quote!(#krate::__private::starting(); #start_body)
        } else {
            start_body
        };
        // The dispatcher tests the states one at a time rather than in one `match`: where
        // the enum keeps its discriminant in a niche of a field (a `Vec`'s capacity, say),
        // testing for one state is a comparison or two, while a `match` decodes the whole
        // discriminant first. Each arm diverges (by `return`, or a jump to a join point),
        // so the next test sees only the states not yet handled. With a plain tag LLVM
        // merges the tests back into one switch. By reference the tests are one `if let`
        // after another; by value, nested matches (below).
        let from = Ident::new("__from", Span::mixed_site());
        // An arm's locals end at the body's closing brace ("dropped here while still
        // borrowed").
        let end = self.body.end;
        let at_end = move |code: TokenStream| -> TokenStream {
            let mut trees = code.clone().into_iter();
            let group = match (trees.next(), trees.next()) {
                (Some(proc_macro2::TokenTree::Group(g)), None)
                    if g.delimiter() == proc_macro2::Delimiter::Brace =>
                {
                    g
                }
                _ => proc_macro2::Group::new(proc_macro2::Delimiter::Brace, code),
            };
            let mut g = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, group.stream());
            g.set_span(end);
            g.into_token_stream()
        };
        let by_value = |name: TokenStream, fields: TokenStream, code: TokenStream| {
            let code = at_end(code);
            if by_ref {
                let unpack = self.unpack_all(&name, fields);
                quote! {
                    if let #e::#name { .. } = #state {
                        #unpack
                        #code
                    }
                }
            } else {
                quote!(#e::#name { #fields } => #code)
            }
        };
        let start_arm = match &fresh {
            // Tested by the flag: the state is `Start` exactly when it is set.
            Some(fresh) => {
                let source = if by_ref {
                    self.take_state()
                } else {
                    quote!(#from)
                };
                let unpack = self.unpack(&quote!(Start), quote!(#(#start_fields,)*), source);
                let code = at_end(quote!(#unpack #start_body));
                quote!(if #fresh #code)
            }
            None => by_value(
                quote!(Start),
                quote!(#(#start_fields,)*),
                quote!({ #start_body }),
            ),
        };
        let mut staged_arms: BTreeMap<Option<usize>, Vec<TokenStream>> = BTreeMap::new();
        for &k in &self.order {
            let Some((fields, code)) = arms.remove(&k) else {
                continue;
            };
            let name = suspend_ident(k);
            let arm = if self.kept[k].is_empty() {
                by_value(quote!(#name), fields, code)
            } else {
                let code = at_end(code);
                quote!(if let #e::#name { #fields } = #state #code)
            };
            staged_arms.entry(stage_of(k)).or_default().push(arm);
        }
        let arms = staged_arms.remove(&None).unwrap_or_default();
        let (scrutinee, take) = if by_ref {
            (quote!(#state), quote!())
        } else {
            let take = self.take_state();
            (quote!(#from), quote!(let #from = #take;))
        };
        // What the tests leave: the finished states. Only the generator kind tells them
        // apart (a test for every other state would make LLVM decode the whole
        // discriminant again).
        let (constructor, types, done) = match self.sig.kind {
            Kind::Iterator | Kind::Stream => {
                let y = ty_or_infer(self.sig.yield_ty.as_ref());
                let (constructor, types) = if self.sig.kind == Kind::Stream {
                    (quote!(stream), quote!(#y, _, _, _))
                } else {
                    (quote!(iter), quote!(#y, _, _))
                };
                (
                    constructor,
                    types,
                    quote!(return #krate::__private::GeneratorState::Complete(());),
                )
            }
            Kind::Generator => {
                let r = ty_or_infer(self.sig.resume_ty.as_ref());
                let y = ty_or_infer(self.sig.yield_ty.as_ref());
                let t = ty_or_infer(self.sig.return_ty.as_ref());
                (quote!(coroutine), quote!(#r, #y, #t, _, _), {
                    // Taken out of the state by value, `Returned` goes back in.
                    let restore = (!by_ref).then(|| quote!(*#state = #e::Returned;));
                    quote! {
                        if let #e::Returned = #scrutinee {
                            #restore
                            #krate::__private::resumed_after_completion()
                        }
                        #krate::__private::resumed_after_panic()
                    }
                })
            }
        };
        let items = &self.body.items;
        // Every arm leaves by `return` or by a jump to a join point; each join point's
        // code follows the labelled block that the jumps leave, in program order.
        // Each stage but the last hands the states it does not know to the next; the last
        // ends with the finished states.
        let later: Vec<Option<usize>> = staged_arms.keys().copied().collect();
        let tail = |after: Option<usize>| match later.iter().find(|&&s| s > after) {
            Some(&s) => {
                let label = stage_label(s);
                quote!(break #label;)
            }
            None => done.clone(),
        };
        let mut step = if by_ref {
            let rest = tail(None);
            quote! {
                #start_arm
                #(#arms)*
                #rest
            }
        } else {
            // By value, each `match` hands the states it does not know on to the next one
            // nested in it (one `if let` after another on the same local would let rustc
            // read the discriminant once, and LLVM decode all of it).
            let tested: Vec<&TokenStream> = match fresh {
                Some(_) => arms.iter().collect(),
                None => [&start_arm].into_iter().chain(&arms).collect(),
            };
            let mut nested = if tested.is_empty() {
                done.clone()
            } else if mentions(&done, &from) {
                quote!(#from => { #done })
            } else {
                quote!(_ => { #done })
            };
            for (n, arm) in tested.iter().enumerate().rev() {
                nested = quote!(match #from { #arm #nested });
                if n > 0 {
                    nested = quote!(#from => #nested);
                }
            }
            let start = fresh.is_some().then_some(&start_arm);
            quote!(#take #start #nested)
        };
        for (j, (held, code)) in joins {
            let label = join_label(j);
            step = if held.is_empty() {
                quote!(#label: { #step } #code)
            } else {
                quote!(let (#held) = #label: { #step }; #code)
            };
            if let Some(arms) = staged_arms.get(&Some(j)) {
                let label = stage_label(Some(j));
                let rest = tail(Some(j));
                step = quote! {
                    #label: { #step }
                    #(#arms)*
                    #rest
                };
            }
        }
        let start = quote!(#e::Start { #(#start_fields: #start_values,)* });
        // A stream's step also takes its pinned slot, and builds from its empty value: one
        // `Chain` level per `.await` and `yield_from!`, the last ending in `()`.
        let (pinned, pinned_start) = if self.sig.kind == Kind::Stream {
            let levels = self.body.awaits;
            let mut ty = quote!(());
            for _ in 0..levels {
                ty = quote!(#krate::__private::Chain<_, #ty>);
            }
            let empty = if levels == 0 {
                quote!(())
            } else {
                quote!(<#ty>::Empty)
            };
            let name = if levels == 0 {
                quote!(_)
            } else {
                let name = crate::ir::pinned_ident();
                quote!(mut #name)
            };
            (Some(quote!(#name,)), Some(quote!(#empty,)))
        } else {
            (None, None)
        };
        // `#[inline(always)]` on the step closure: `Gen::next` is its only caller, but with
        // a few states and loops the closure outgrows LLVM's inlining threshold, and every
        // item then costs a call with the state in memory (the buffer of the benchmarks'
        // (d): 1.45× the hand-written instructions without it, 1.30× with it; a tree walk
        // with a yield after its loop: 11.6 against 7.7 million). A debug build of the
        // tests crate takes 5% longer.
        // A resume's locals end at the body's closing brace ("dropped here while still
        // borrowed").
        let both = Ident::new("__gen", Span::mixed_site());
        let mut step_block = proc_macro2::Group::new(
            proc_macro2::Delimiter::Brace,
            match &fresh {
                Some(fresh) => quote! {
                    let #fresh = #krate::__private::replace(&mut #both.1, false);
                    let #state = &mut #both.0;
                    #step
                },
                None => step,
            },
        );
        step_block.set_span(self.body.end);
        let call = match &fresh {
            Some(_) => {
                quote! {
                    #krate::__private::#constructor::<#types>(
                        (#start, true),
                        #pinned_start
                        #[inline(always)] |#both, #pinned #arg| #step_block,
                    )
                }
            }
            None => quote! {
                #krate::__private::#constructor::<#types>(
                    #start,
                    #pinned_start
                    #[inline(always)] |#state, #pinned #arg| #step_block,
                )
            },
        };
        // The generators with the flag also get a plain tag: with a niche-encoded one each
        // variant lays its fields out around the niche on its own (a `Vec` at offset 0 in
        // one variant, 8 in the next), LLVM cannot keep the enum in registers, and every
        // resume copies it through memory with loads the store buffer cannot forward (a
        // tree walk with a yield after its loop: 14.7 ms against 3.5 ms with the tag, for
        // 8 more bytes; each variant's fields then sit in declaration order).
        // (`Start`, the states, `Returned` and `Poisoned` must fit the tag.)
        let repr = fresh.is_some().then(|| {
            if variants.len() + 2 <= 256 {
                quote!(#[repr(u8)])
            } else {
                quote!(#[repr(u16)])
            }
        });
        let call = tokens::respan_outside(boxed_as_declared(self.sig, call), self.sig.ret_span);
        quote! {
            #(#items)*
            #[derive(Clone)]
            #[allow(clippy::large_enum_variant)]
            #repr
            enum #e #generics {
                #(#variants,)*
                Returned,
                Poisoned,
            }
            #call
        }
    }

    // ----- statements -----------------------------------------------------------------

    fn block(&mut self, block: &Block) -> (TokenStream, bool) {
        let mark = self.env.len();
        self.env.extend(&block.prelude);
        let out = self.stmts(&block.stmts);
        self.env.truncate(mark);
        out
    }

    /// Emits statements up to the first that never falls through (a yield, a return).
    fn stmts(&mut self, stmts: &[Stmt]) -> (TokenStream, bool) {
        let mut out = TokenStream::new();
        for (i, stmt) in stmts.iter().enumerate() {
            if let Stmt::Let {
                init: None, binds, ..
            } = stmt
            {
                // A declaration without a value is kept only where the code after it in
                // this arm mentions it: otherwise its type could not be inferred.
                let decl = self.stmt(stmt).0;
                self.env.extend(binds);
                let (rest, diverges) = self.stmts(&stmts[i + 1..]);
                let names: Vec<Ident> = binds.iter().map(|&b| self.local_ident(b)).collect();
                let mut seen = vec![false; names.len()];
                let rest = tokens::scan_mentions(rest, &names, &mut seen);
                if seen.contains(&true) {
                    out.extend(decl);
                }
                out.extend(rest);
                return (out, diverges);
            }
            let (tokens, diverges) = self.stmt(stmt);
            if let Stmt::Let { binds, .. } = stmt {
                self.env.extend(binds);
            }
            out.extend(tokens);
            if diverges {
                return (out, true);
            }
        }
        (out, false)
    }

    fn stmt(&mut self, stmt: &Stmt) -> (TokenStream, bool) {
        match stmt {
            Stmt::Native(s) => {
                let diverges = matches!(
                    &s.syn,
                    syn::Stmt::Expr(Expr::Return(_) | Expr::Break(_) | Expr::Continue(_), _)
                );
                let mut s = s.syn.clone();
                self.rewrite(|r| r.visit_stmt_mut(&mut s));
                (s.into_token_stream(), diverges)
            }
            Stmt::Let {
                pat,
                ty,
                init,
                diverge,
                binds,
            } => {
                let pat = self.renamed_pat(pat, binds);
                let ty = ty.as_ref().map(|t| quote!(: #t));
                let init = init.as_ref().map(|i| {
                    let mut i = i.syn.clone();
                    self.rewrite(|r| r.visit_expr_mut(&mut i));
                    quote!(= #i)
                });
                let diverge = diverge.as_ref().map(|d| {
                    let mut d = d.syn.clone();
                    self.rewrite(|r| r.visit_block_mut(&mut d));
                    quote!(else #d)
                });
                let allow = binds
                    .iter()
                    .any(|&b| self.body.bindings[b].mutable)
                    .then(|| quote!(#[allow(unused_mut)]));
                (quote!(#allow let #pat #ty #init #diverge;), false)
            }
            Stmt::Yield { id, value, at, .. } => (self.suspend(*id, value, *at), true),
            Stmt::Join { id } => (self.join(*id), true),
            Stmt::End { id, drop } if self.live.ends[*id] => {
                let mut s = drop.syn.clone();
                self.rewrite(|r| r.visit_stmt_mut(&mut s));
                (s.into_token_stream(), false)
            }
            Stmt::End { .. } => (TokenStream::new(), false),
            Stmt::If { cond, then, els } => {
                let mut cond = cond.syn.clone();
                self.rewrite(|r| r.visit_expr_mut(&mut cond));
                let (then, then_d) = self.block(then);
                let (els, els_d) = match els {
                    Some(b) => {
                        let (t, d) = self.block(b);
                        (quote!(else { #t }), d)
                    }
                    None => (quote!(), false),
                };
                (quote!(if #cond { #then } #els), then_d && els_d)
            }
            Stmt::Match { scrutinee, arms } => {
                let mut scrutinee = scrutinee.syn.clone();
                self.rewrite(|r| r.visit_expr_mut(&mut scrutinee));
                let mut all = !arms.is_empty();
                let arms: Vec<TokenStream> = arms
                    .iter()
                    .map(|arm| {
                        let pat = self.renamed_pat(&arm.pat, &arm.body.prelude);
                        // The arm's bindings are in scope in its guard as in its body,
                        // under the names the pattern gives them.
                        let mark = self.env.len();
                        self.env.extend(&arm.body.prelude);
                        let guard = arm.guard.as_ref().map(|g| {
                            let mut g = g.syn.clone();
                            self.rewrite(|r| r.visit_expr_mut(&mut g));
                            quote!(if #g)
                        });
                        let (body, d) = self.stmts(&arm.body.stmts);
                        self.env.truncate(mark);
                        all &= d;
                        quote!(#pat #guard => { #body })
                    })
                    .collect();
                (quote!(match #scrutinee { #(#arms)* }), all)
            }
            Stmt::Loop { label, body, slot } => {
                self.native_loop(label.as_ref(), body, slot.as_ref(), false)
            }
            Stmt::Labeled { label, body, slot } => {
                self.native_loop(Some(label), body, slot.as_ref(), true)
            }
            Stmt::Block(b) => {
                let (t, d) = self.block(b);
                (quote!({ #t }), d)
            }
            Stmt::Return(e) => (self.complete(e.as_deref()), true),
        }
    }

    fn native_loop(
        &mut self,
        label: Option<&syn::Lifetime>,
        body: &Block,
        slot: Option<&Ident>,
        is_block: bool,
    ) -> (TokenStream, bool) {
        self.loops.push(LoopFrame::new(
            label.cloned(),
            is_block,
            slot.cloned(),
            None,
        ));
        let (tokens, body_d) = self.block(body);
        let frame = self.loops.pop().unwrap_or_else(|| unreachable!());
        let label = label
            .filter(|_| frame.label_used.get())
            .map(|l| quote!(#l:));
        if is_block {
            (quote!(#label { #tokens }), body_d && !frame.broke.get())
        } else {
            let kw = Ident::new("loop", Span::mixed_site());
            (quote!(#label #kw { #tokens }), !frame.broke.get())
        }
    }

    /// `{ let y = value; *state = SuspendK { … }; return Yielded(y); }`
    fn suspend(&mut self, id: usize, value: &Expr, yield_at: Span) -> TokenStream {
        if self.first_stage[id].is_none() && !self.finishing[id] {
            self.first_stage[id] = Some(self.stage);
            self.order.push(id);
        }
        let mut value = value.clone();
        self.rewrite(|r| r.visit_expr_mut(&mut value));
        let (e, krate, state) = (&self.enum_ident, &self.krate, &self.state);
        let point = self.point(id);
        // What borrowck says of the store ("assignment requires that `x` is borrowed for
        // …", "move out of `x` occurs here") is said at the yield, but for a value used
        // after it was moved, which is said at that use.
        let field = |b: BindingId| {
            let entry = self.field_entry(id, b);
            if point.used_after_move.contains_key(&b) {
                entry
            } else {
                tokens::respan(entry, yield_at)
            }
        };
        let travelling: Vec<Ident> = self.travelling(id).map(|b| self.local_ident(b)).collect();
        let held_field = &self.held;
        let held = quote!(#krate::__private::Some((#(#travelling,)*)));
        let name = suspend_ident(id);
        let mut store = match self.in_place {
            // Nothing left to run: the generator is as good as finished, and the
            // dispatcher has one state fewer to test (three yields in a row, the
            // benchmarks' (e): four states became a jump table, 1.49x the hand-written
            // time; three are compared, 1.24x).
            _ if self.finishing[id] => {
                self.yields_finish = true;
                quote!(*#state = #e::Returned;)
            }
            // Back into the same state: only the travelling locals go back.
            Some((k, _)) if k == id => quote!(*#held_field = #held;),
            _ if self.kept[id].is_empty() => {
                let fields: Vec<TokenStream> =
                    point.carried.iter().map(|&(b, _)| field(b)).collect();
                quote!(*#state = #e::#name { #(#fields,)* };)
            }
            _ => {
                let kept: Vec<TokenStream> = self.kept[id].iter().map(|&b| field(b)).collect();
                quote!(*#state = #e::#name { #held_field: #held, #(#kept,)* };)
            }
        };
        store = tokens::respan_outside(store, yield_at);
        if self.in_place.is_some_and(|(k, _)| k != id) {
            let leave = self.leave_in_place(id);
            store = quote!(#leave #store);
        }
        if let Some(allow) = self.underscore_allow(id) {
            store = quote!(#allow { #store });
        }
        if self.body.pending.binary_search(&id).is_ok() {
            // A stream waiting for the future it polls.
            return quote! {{
                #store
                return #krate::__private::GeneratorState::Yielded(#krate::__private::Poll::Pending);
            }};
        }
        let y = Ident::new("__yielded", Span::mixed_site());
        let ty = self.sig.yield_ty.as_ref().map(|t| quote!(: #t));
        // Handed out at the yielded value: a value of the wrong type is reported there
        // (in `gen_iter!`, whose item type the first yield decides, too).
        let at = value.span();
        let krate_at = tokens::respan(krate.clone(), at);
        let mut y_at = y.clone();
        y_at.set_span(Span::mixed_site().located_at(at));
        let ret = if self.sig.kind == Kind::Stream {
            quote_spanned!(at=> #krate_at::__private::GeneratorState::Yielded(
                #krate_at::__private::Poll::Ready(#y_at)))
        } else {
            quote_spanned!(at=> #krate_at::__private::GeneratorState::Yielded(#y_at))
        };
        quote! {{
            let #y #ty = #value;
            #store
            return #ret;
        }}
    }

    /// Leaving the in-place state being emitted for point `to`: the kept locals that `to`
    /// carries are moved out of the state first; the others drop with the rest of it.
    fn leave_in_place(&self, to: usize) -> TokenStream {
        let Some((k, _)) = self.in_place else {
            return TokenStream::new();
        };
        let carried = &self.point(to).carried;
        let kept: Vec<TokenStream> = self.kept[k]
            .iter()
            .filter(|&&b| carried.iter().any(|&(c, _)| c == b))
            .map(|&b| self.field_entry(k, b))
            .collect();
        let from = suspend_ident(k);
        self.unpack(&quote!(#from), quote!(#(#kept,)* ..), self.take_state())
    }

    /// `break '__joinJ (carried locals…)`: on to the code after join point `j`.
    fn join(&mut self, j: usize) -> TokenStream {
        self.joined[j] = true;
        let k = self.body.yields + j;
        let leave = self.leave_in_place(k);
        let point = self.point(k);
        let values: Vec<TokenStream> = point
            .carried
            .iter()
            .map(|&(b, _)| self.carried_value(b))
            .collect();
        let label = join_label(j);
        let value = (!values.is_empty()).then(|| quote!((#(#values,)*)));
        let allow = self.underscore_allow(k);
        quote!(#allow { #leave break #label #value; })
    }

    /// `{ let r = value; *state = Returned; return Complete(r); }`
    fn complete(&mut self, value: Option<&Expr>) -> TokenStream {
        let value = value.map(|v| {
            let mut v = v.clone();
            self.rewrite(|rw| rw.visit_expr_mut(&mut v));
            v
        });
        self.completion(value)
    }

    /// [`complete`](Self::complete) with a value already rewritten for where it stands.
    fn completion(&mut self, value: Option<Expr>) -> TokenStream {
        self.completion_at(value, None)
    }

    /// [`completion`](Self::completion), with the return type's annotation reported at
    /// `ty_at` when given.
    fn completion_at(&mut self, value: Option<Expr>, ty_at: Option<Span>) -> TokenStream {
        let r = Ident::new("__returned", Span::mixed_site());
        let (value, span) = match value {
            Some(v) => {
                let span = v.span();
                (v.into_token_stream(), span)
            }
            // Falling off the end: a missing return value is reported at the body's end.
            None => (quote_spanned!(self.body.end=> ()), self.body.end),
        };
        let (e, krate, state) = (&self.enum_ident, &self.krate, &self.state);
        let ty = self.sig.return_ty.as_ref().map(|t| match ty_at {
            Some(at) => {
                let t = tokens::respan(t.to_token_stream(), at);
                quote!(: #t)
            }
            None => quote!(: #t),
        });
        let ret = quote_spanned!(span=> #krate::__private::GeneratorState::Complete(#r));
        if let Some((_, completed)) = &mut self.in_place {
            // The arm stores `Returned` once the travelling locals have dropped.
            *completed = true;
            // (A label followed by a `::path` would read as a labelled block.)
            let (done, state) = (resume_label(), Ident::new("__complete", Span::mixed_site()));
            return quote! {{
                let #r #ty = #value;
                let #state = #ret;
                break #done #state;
            }};
        }
        quote! {{
            let #r #ty = #value;
            *#state = #e::Returned;
            return #ret;
        }}
    }

    /// The name a binding has in emitted code.
    fn local_ident(&self, b: BindingId) -> Ident {
        let binding = &self.body.bindings[b];
        if self.live.renamed.contains(&b) {
            // One name per binding: two hidden `x`s may be carried by the same state.
            format_ident!(
                "_shadowed_{}_{}",
                binding.ident.to_string().trim_start_matches("r#"),
                b,
                span = Span::mixed_site()
            )
        } else {
            binding.ident.clone()
        }
    }

    fn renamed_pat(&self, pat: &Pat, binds: &[BindingId]) -> Pat {
        let renames: Vec<(String, Ident)> = binds
            .iter()
            .filter(|b| self.live.renamed.contains(b))
            .map(|&b| (self.body.bindings[b].ident.to_string(), self.local_ident(b)))
            .collect();
        if renames.is_empty() {
            return pat.clone();
        }
        struct Rename(Vec<(String, Ident)>);
        impl VisitMut for Rename {
            fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
                if let Some((_, to)) = self.0.iter().find(|(from, _)| p.ident == from) {
                    p.ident = to.clone();
                }
                visit_mut::visit_pat_ident_mut(self, p);
            }
        }
        let mut pat = pat.clone();
        Rename(renames).visit_pat_mut(&mut pat);
        pat
    }

    // ----- resume arms ----------------------------------------------------------------

    /// `SuspendK { fields } => { continuation }`
    fn resume_arm(&mut self, k: usize) -> (TokenStream, TokenStream) {
        let body = self.body;
        let point = self.point(k);
        let binders = |bs: &mut dyn Iterator<Item = BindingId>| -> Vec<TokenStream> {
            bs.map(|b| {
                let field = &self.fields[k][&b];
                let held = binder(field);
                if held == *field {
                    quote!(#field)
                } else {
                    quote!(#field: #held)
                }
            })
            .collect()
        };
        let (mut entries, prologue) = if k >= self.body.yields {
            // A join point: its values come as a tuple, oldest first.
            let held = point
                .carried
                .iter()
                .map(|(b, _)| binder(&self.fields[k][b]).into_token_stream());
            (held.collect(), quote!())
        } else if self.kept[k].is_empty() {
            (
                binders(&mut point.carried.iter().map(|&(b, _)| b)),
                quote!(),
            )
        } else {
            // In place: the kept fields are bound by reference, under the locals' own
            // names; the travelling ones are taken out of `__held`.
            let travelling: Vec<Ident> = self
                .travelling(k)
                .map(|b| binder(&self.fields[k][&b]))
                .collect();
            let held = &self.held;
            let (krate, state, e) = (&self.krate, &self.state, &self.enum_ident);
            let poisoned = match self.sig.kind {
                Kind::Iterator | Kind::Stream => {
                    quote!(return #krate::__private::GeneratorState::Complete(()))
                }
                Kind::Generator => quote!(#krate::__private::resumed_after_panic()),
            };
            let prologue = quote! {
                // Taken while the arm runs: a panic leaves it empty, the state poisoned.
                let #krate::__private::Some((#(#travelling,)*)) = #krate::__private::take(#held) else {
                    *#state = #e::Poisoned;
                    #poisoned
                };
            };
            self.in_place = Some((k, false));
            self.places_used.clear();
            (vec![quote!(#held)], prologue)
        };

        // Walk down the path: the blocks, loops and the suspension point itself.
        enum Level<'b> {
            Block(&'b Block, usize, usize),
            Loop(&'b Stmt),
        }
        let on_path = crate::ir::path_blocks(body, &point.path);
        let mut levels = Vec::new();
        for (n, &(block, i)) in on_path.iter().enumerate() {
            levels.push(Level::Block(block, i, n + 1));
            let stmt = &block.stmts[i];
            if n + 1 < on_path.len() && matches!(stmt, Stmt::Loop { .. } | Stmt::Labeled { .. }) {
                levels.push(Level::Loop(stmt));
            }
        }
        let target = on_path
            .last()
            .map(|&(block, i)| &block.stmts[i])
            .filter(|stmt| matches!(stmt, Stmt::Yield { .. } | Stmt::Join { .. }));

        // Outer loops are split around the continuation: give each a pair of labels.
        for level in &levels {
            if let Level::Loop(stmt) = level {
                let (label, slot, is_block) = match stmt {
                    Stmt::Loop { label, slot, .. } => (label.clone(), slot.clone(), false),
                    Stmt::Labeled { label, slot, .. } => (Some(label.clone()), slot.clone(), true),
                    _ => unreachable!(),
                };
                self.labels += 1;
                let brk =
                    syn::Lifetime::new(&format!("'__break{}", self.labels), Span::mixed_site());
                let cont =
                    syn::Lifetime::new(&format!("'__continue{}", self.labels), Span::mixed_site());
                self.loops
                    .push(LoopFrame::new(label, is_block, slot, Some((brk, cont))));
            }
        }

        // The resume argument lands in the yield's binding (a stream's `yield` gives `()`;
        // its resume argument is the task's context, for the futures it polls).
        let mut code = match target {
            Some(Stmt::Yield {
                bind: Some((pat, binds)),
                at,
                ..
            }) => {
                // Where the resume argument is used at the wrong type, say so at the yield.
                let arg = if self.sig.kind == Kind::Stream {
                    quote_spanned!(*at=> ())
                } else {
                    let mut arg = self.arg.clone();
                    arg.set_span(Span::mixed_site().located_at(*at));
                    arg.into_token_stream()
                };
                let pat = self.renamed_pat(pat, binds);
                let allow = binds
                    .iter()
                    .any(|&b| self.body.bindings[b].mutable)
                    .then(|| quote!(#[allow(unused_mut)]));
                quote!(#allow let #pat = #arg;)
            }
            _ => quote!(),
        };
        let mut diverges = false;
        let resume_binds: Vec<BindingId> = match target {
            Some(Stmt::Yield {
                bind: Some((_, binds)),
                ..
            }) => binds.clone(),
            _ => Vec::new(),
        };
        let mut in_scope: Vec<(BindingId, usize)> = point
            .carried
            .iter()
            .chain(point.redeclare.iter())
            .copied()
            .collect();
        in_scope.sort_by_key(|&(b, _)| b);
        // Which of the locals `rebinds` asks about (carried ones read later, redeclared
        // ones) occur in `code`: each piece of it is scanned once as it is added, until
        // all are found, not the whole of it once per local and level.
        let asked: Vec<Ident> = point
            .carried
            .iter()
            .filter(|(b, _)| point.read_later.contains(b))
            .chain(point.redeclare.iter())
            .map(|&(b, _)| self.local_ident(b))
            .collect();
        let mut seen = vec![false; asked.len()];
        code = tokens::scan_mentions(code, &asked, &mut seen);
        let mut innermost = true;
        let mut current_depth = usize::MAX;
        for level in levels.iter().rev() {
            match *level {
                Level::Block(block, idx, depth) => {
                    current_depth = depth;
                    self.env = in_scope
                        .iter()
                        .filter(|(_, d)| *d <= depth)
                        .map(|&(b, _)| b)
                        .collect();
                    if innermost {
                        self.env.extend(&resume_binds);
                        innermost = false;
                    }
                    let rest = if diverges {
                        quote!()
                    } else {
                        let (rest, d) = self.stmts(&block.stmts[idx + 1..]);
                        diverges = d;
                        rest
                    };
                    let rest = tokens::scan_mentions(rest, &asked, &mut seen);
                    let rebinds = self.rebinds(k, depth, &|local| {
                        asked.iter().zip(&seen).any(|(a, &s)| s && a == local)
                    });
                    // The names this block binds hide outer bindings of the same name:
                    // what was seen of them so far does not speak for the outer ones.
                    for (b, _) in point
                        .carried
                        .iter()
                        .chain(point.redeclare.iter())
                        .filter(|&&(b, d)| d == depth && !self.kept[k].contains(&b))
                    {
                        let name = self.local_ident(*b);
                        for (a, s) in asked.iter().zip(seen.iter_mut()) {
                            if *a == name {
                                *s = false;
                            }
                        }
                    }
                    code = tokens::braced([rebinds, code, rest]);
                }
                Level::Loop(stmt) => {
                    let frame = self.loops.pop().unwrap_or_else(|| unreachable!());
                    let (brk, cont) = frame.split.clone().unwrap_or_else(|| unreachable!());
                    let child = if frame.continued.get() {
                        mark_mentions(&cont.to_token_stream(), &asked, &mut seen);
                        quote!(#cont: { #code })
                    } else {
                        code
                    };
                    let reenter = !diverges || frame.continued.get();
                    current_depth -= 1;
                    self.env = in_scope
                        .iter()
                        .filter(|(_, d)| *d <= current_depth)
                        .map(|&(b, _)| b)
                        .collect();
                    let (again, again_d) = match stmt {
                        Stmt::Loop { .. } if reenter => {
                            let again = self.reentered_loop(stmt);
                            for (a, s) in asked.iter().zip(seen.iter_mut()) {
                                *s |= again.names.contains(&a.to_string());
                            }
                            (again.tokens, again.diverges)
                        }
                        _ => (quote!(), diverges),
                    };
                    code = if frame.broke.get() {
                        mark_mentions(&brk.to_token_stream(), &asked, &mut seen);
                        quote!(#brk: { #child #again })
                    } else {
                        quote!(#child #again)
                    };
                    diverges = again_d && !frame.broke.get();
                }
            }
        }
        if self.in_place.is_some() {
            // Kept fields are bound by reference under the locals' own names; one the
            // arm never mentions (a guard, say) is not bound at all.
            entries.extend(self.kept[k].iter().map(|&b| {
                if self.places_used.contains(&b) {
                    self.field_entry(k, b)
                } else {
                    let field = &self.fields[k][&b];
                    quote!(#field: _)
                }
            }));
        }
        let code = match self.in_place.take() {
            // The generator completed: the travelling locals drop at the end of the
            // labelled block, then the kept ones with the state, oldest last.
            Some((_, true)) => {
                let (state, e) = (&self.state, &self.enum_ident);
                let (done, result) = (resume_label(), Ident::new("__result", Span::mixed_site()));
                quote! {{
                    #prologue
                    let #result = #done: { #code };
                    *#state = #e::Returned;
                    return #result;
                }}
            }
            Some((_, false)) => quote!({ #prologue #code }),
            None => code,
        };
        (quote!(#(#entries,)*), code)
    }

    /// A loop a resume arm enters again after the rest of its body. Printed once for the
    /// locals in scope around it: what it prints depends on nothing else, unless its code
    /// jumps out of it to an enclosing loop (whose labels are this arm's own) or the arm
    /// runs in place (its fields are places of this state). Printing again what was
    /// printed changes nothing: the states a print marks as constructed (`first_stage`,
    /// `joined`) are marked already.
    fn reentered_loop(&mut self, stmt: &Stmt) -> Reentered {
        let key = (std::ptr::from_ref(stmt), self.env.clone());
        if let Some(hit) = self.reentered.get(&key) {
            return hit.clone();
        }
        let base = self.loops.len();
        let outer = std::mem::replace(&mut self.lowest_jump, usize::MAX);
        let (tokens, diverges) = self.stmt(stmt);
        let jumped_out = self.lowest_jump < base;
        self.lowest_jump = self.lowest_jump.min(outer);
        let mut names = HashSet::new();
        tokens::names_in(&tokens, &mut names);
        let printed = Reentered {
            tokens,
            diverges,
            names: std::rc::Rc::new(names),
        };
        if !jumped_out && self.in_place.is_none() {
            self.reentered.insert(key, printed.clone());
        }
        printed
    }

    /// `let [mut] x = x;` for the carried locals of the block at `depth`, in declaration
    /// order; `let x;` for those assigned only after resuming.
    /// `mentioned`: does the code after the rebinds mention this local?
    fn rebinds(&self, k: usize, depth: usize, mentioned: &dyn Fn(&Ident) -> bool) -> TokenStream {
        let point = self.point(k);
        let mut out = TokenStream::new();
        let mut entries: Vec<(BindingId, bool)> = point
            .carried
            .iter()
            .filter(|(b, d)| *d == depth && !self.kept[k].contains(b))
            .map(|&(b, _)| (b, true))
            .chain(
                point
                    .redeclare
                    .iter()
                    .filter(|(_, d)| *d == depth)
                    .map(|&(b, _)| (b, false)),
            )
            .collect();
        entries.sort_by_key(|(b, _)| *b);
        for (b, carried) in entries {
            let binding = &self.body.bindings[b];
            let local = self.local_ident(b);
            let allow = binding.mutable.then(|| quote!(#[allow(unused_mut)]));
            let mutability = binding.mutable.then(|| quote!(mut));
            if carried {
                let held = binder(&self.fields[k][&b]);
                // Carried only to be dropped at its block's end, as in plain Rust.
                let read = point.read_later.contains(&b) && mentioned(&local);
                let unused = (!read).then(|| quote!(#[allow(unused_variables)]));
                // `let _guard = held;` is a binding with no effect to clippy's pedantic
                // lints; moving through `identity` says it is deliberate.
                let value = if is_user_underscore(&local) {
                    let krate = &self.krate;
                    quote!(#krate::__private::identity(#held))
                } else {
                    quote!(#held)
                };
                out.extend(quote!(#allow #unused let #mutability #local = #value;));
            } else if mentioned(&local) {
                let ty = binding.ty.as_ref().map(|t| quote!(: #t));
                out.extend(quote!(#allow let #mutability #local #ty;));
            }
        }
        out
    }

    fn rewrite(&mut self, f: impl FnOnce(&mut Rewriter<'_, 'a>)) {
        // Carried bindings that had to be renamed, where they are visible by name (no
        // later binding in `env` has the same name). In an in-place arm, kept bindings
        // are references to the state's fields. Only those bindings are looked at.
        let mut renames = Vec::new();
        let mut places = Vec::new();
        // Fields carried on their own, where their binding is not: `x.f` is the local.
        let fields: Vec<(String, String, Ident)> = self
            .env
            .iter()
            .filter_map(|&b| {
                let (parent, field) = self.body.bindings[b].field_of.as_ref()?;
                let parent_name = self.body.bindings[*parent].ident.to_string();
                let hidden = self.env.iter().any(|&c| {
                    c == *parent || (c > b && self.body.bindings[c].ident == parent_name)
                });
                (!hidden).then(|| (parent_name, field.clone(), self.local_ident(b)))
            })
            .collect();
        let kept = self.in_place.map_or(&[][..], |(k, _)| &self.kept[k]);
        if !self.live.renamed.is_empty() || !kept.is_empty() {
            let bindings = &self.body.bindings;
            for (i, &b) in self.env.iter().enumerate().rev() {
                let renamed = self.live.renamed.contains(&b);
                if !(renamed || kept.contains(&b))
                    || self.env[i + 1..]
                        .iter()
                        .any(|&c| bindings[c].ident == bindings[b].ident)
                {
                    continue;
                }
                let name = bindings[b].ident.to_string();
                if renamed {
                    renames.push((name, self.local_ident(b)));
                } else {
                    places.push((name, b));
                }
            }
        }
        let mut r = Rewriter {
            em: self,
            local: Vec::new(),
            renames,
            places,
            fields,
            bound: vec![Vec::new()],
            closures: 0,
        };
        f(&mut r);
    }
}

/// The renamed names that the format string of a std formatting macro captures inline
/// (`{y}`, `{y:?}`, `{:w$}`), with their new names, each once, leaving out names the
/// invocation already passes by name (`y = …`).
fn inline_format_captures(mac: &syn::Macro, renames: &[(String, Ident)]) -> Vec<(String, Ident)> {
    let position = mac
        .path
        .segments
        .last()
        .and_then(|last| scope::format_string_position(&last.ident.to_string()));
    let Some(position) = position else {
        return Vec::new();
    };
    let parser = syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated;
    let Ok(args) = syn::parse::Parser::parse2(parser, mac.tokens.clone()) else {
        return Vec::new();
    };
    let Some(Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(format),
        ..
    })) = args.iter().nth(position)
    else {
        return Vec::new();
    };
    let named: Vec<String> = args
        .iter()
        .filter_map(|a| match a {
            Expr::Assign(a) => match &*a.left {
                Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let mut out: Vec<(String, Ident)> = Vec::new();
    for name in tokens::format_args_in(&format.token().to_string()) {
        if named.contains(&name) || out.iter().any(|(n, _)| *n == name) {
            continue;
        }
        if let Some((_, to)) = renames.iter().find(|(from, _)| *from == name) {
            out.push((name, to.clone()));
        }
    }
    out
}

/// A field name as written after a dot (`count`, `0`).
fn member(field: &str) -> syn::Member {
    match field.parse::<u32>() {
        Ok(index) => syn::Member::Unnamed(syn::Index {
            index,
            span: Span::call_site(),
        }),
        Err(_) => syn::Member::Named(match field.strip_prefix("r#") {
            Some(raw) => Ident::new_raw(raw, Span::call_site()),
            None => Ident::new(field, Span::call_site()),
        }),
    }
}

fn member_name(m: &syn::Member) -> String {
    match m {
        syn::Member::Named(n) => n.to_string(),
        syn::Member::Unnamed(i) => i.index.to_string(),
    }
}

/// The hygienic local a resume arm binds a state field to: the field's own name, except
/// that `_`-prefixed names lose the underscore (a read of `_x` is a lint in pedantic
/// clippy, and these are read once, by the rebinding).
fn binder(field: &Ident) -> Ident {
    if is_user_underscore(field) {
        let name = field.to_string();
        format_ident!("held{}", name, span = Span::mixed_site())
    } else {
        field.clone()
    }
}

/// `_x`, but not the expansion's own `__x`.
fn is_user_underscore(ident: &Ident) -> bool {
    ident
        .to_string()
        .strip_prefix('_')
        .is_some_and(|rest| !rest.starts_with('_'))
}

/// The block a match leaves for the states that a later match dispatches.
fn stage_label(after: Option<usize>) -> syn::Lifetime {
    let j = after.map_or(0, |j| j + 1);
    syn::Lifetime::new(&format!("'__dispatch{j}"), Span::mixed_site())
}

/// The block whose value is the carried locals at join point `j`.
fn join_label(j: usize) -> syn::Lifetime {
    syn::Lifetime::new(&format!("'__join{j}"), Span::mixed_site())
}

/// The block an in-place arm breaks out of when the generator completes.
fn resume_label() -> syn::Lifetime {
    syn::Lifetime::new("'__resume", Span::mixed_site())
}

fn suspend_ident(k: usize) -> Ident {
    format_ident!("Suspend{}", k)
}

/// The generator value as the signature returns it: itself, `Box::new(…)` for a
/// `Box<dyn …>`, `Box::pin(…)` for a `Pin<Box<dyn Stream …>>`.
pub fn boxed_as_declared(sig: &Signature, value: TokenStream) -> TokenStream {
    let krate = &sig.krate;
    match (sig.boxed, sig.kind) {
        (false, _) => value,
        (true, Kind::Stream) => quote!(#krate::__private::Box::pin(#value)),
        (true, _) => quote!(#krate::__private::Box::new(#value)),
    }
}

pub fn ty_or_infer(ty: Option<&syn::Type>) -> TokenStream {
    ty.map_or_else(|| quote!(_), |t| t.to_token_stream())
}

/// Rewrites a yield-free fragment for where it is emitted: `return` completes the
/// generator; `break`/`continue` that leave a split loop jump out of labelled blocks.
struct Rewriter<'r, 'a> {
    em: &'r mut Emitter<'a>,
    /// Loops and labelled blocks inside the fragment itself: (label, is_block).
    local: Vec<(Option<String>, bool)>,
    /// Free occurrences of these names refer to renamed bindings.
    renames: Vec<(String, Ident)>,
    /// Free occurrences of these names become the place `(*name)`: kept in place, the
    /// binding is a reference into the state.
    places: Vec<(String, BindingId)>,
    /// `x.f` becomes the local of a field carried on its own: `(x, f, local)`.
    fields: Vec<(String, String, Ident)>,
    /// Names the fragment binds itself, innermost scope last: where one is in scope, the
    /// name is that binding, not the renamed or kept one.
    bound: Vec<Vec<String>>,
    /// Inside closures and async blocks: `return`, `?`, `break` and `continue` are theirs.
    closures: usize,
}

impl Rewriter<'_, '_> {
    fn hidden(&self, name: &Ident) -> bool {
        self.bound.iter().flatten().any(|n| name == n)
    }

    /// The names a pattern binds, into the innermost scope.
    fn bind(&mut self, pat: &Pat) {
        let names = scope::pat_bindings(pat, true)
            .into_iter()
            .map(|b| b.ident.to_string());
        if let Some(scope) = self.bound.last_mut() {
            scope.extend(names);
        }
    }

    /// Runs `f` in a new scope whose bindings are `pats`'.
    fn scoped(&mut self, pats: &[&Pat], f: impl FnOnce(&mut Self)) {
        self.bound.push(Vec::new());
        for pat in pats {
            self.bind(pat);
        }
        f(self);
        self.bound.pop();
    }

    fn target(&self, label: Option<&syn::Lifetime>) -> Option<usize> {
        match label {
            Some(l) => {
                let name = l.ident.to_string();
                if self.local.iter().any(|(n, _)| n.as_deref() == Some(&name)) {
                    return None;
                }
                self.em
                    .loops
                    .iter()
                    .rposition(|f| f.label.as_ref().is_some_and(|fl| fl.ident == name))
            }
            None => {
                if self.local.iter().any(|(_, is_block)| !is_block) {
                    return None;
                }
                self.em.loops.iter().rposition(|f| !f.is_block)
            }
        }
    }

    fn jump(&mut self, expr: &mut Expr) {
        let (label, value, is_continue) = match expr {
            Expr::Break(b) => (b.label.clone(), b.expr.take(), false),
            Expr::Continue(c) => (c.label.clone(), None, true),
            _ => return,
        };
        let Some(i) = self.target(label.as_ref()) else {
            if let (Expr::Break(b), Some(v)) = (&mut *expr, value) {
                b.expr = Some(v);
            }
            return;
        };
        self.em.lowest_jump = self.em.lowest_jump.min(i);
        let frame = &self.em.loops[i];
        if label.is_some() {
            frame.label_used.set(true);
        }
        let store = match (&frame.slot, value) {
            (Some(slot), Some(v)) => Some(quote!(#slot = #v;)),
            (None, Some(v)) => {
                // Not a split value loop: keep the value where it was.
                if let Expr::Break(b) = expr {
                    b.expr = Some(v);
                }
                None
            }
            _ => None,
        };
        let jump = match &frame.split {
            None => {
                if is_continue {
                    frame.continued.set(true);
                    quote!(continue #label)
                } else {
                    frame.broke.set(true);
                    quote!(break #label)
                }
            }
            Some((brk, cont)) => {
                if is_continue {
                    frame.continued.set(true);
                    quote!(break #cont)
                } else {
                    frame.broke.set(true);
                    quote!(break #brk)
                }
            }
        };
        if store.is_none() && frame.split.is_none() {
            return;
        }
        *expr = syn::parse_quote!({ #store #jump });
    }
}

impl Rewriter<'_, '_> {
    /// Visits a condition whose `let`s bind names for the branch it guards (`let P = e`,
    /// `let P = e && c`, chains): the scrutinees and conditions, and the patterns into `pats`.
    fn visit_let_chain(&mut self, cond: &mut Expr, pats: &mut Vec<Pat>) {
        match cond {
            Expr::Let(l) => {
                self.visit_expr_mut(&mut l.expr);
                pats.push((*l.pat).clone());
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.visit_let_chain(&mut b.left, pats);
                // Later conditions see the names earlier `let`s bound.
                let refs: Vec<Pat> = pats.clone();
                let refs: Vec<&Pat> = refs.iter().collect();
                self.scoped(&refs, |r| r.visit_let_chain(&mut b.right, pats));
            }
            Expr::Paren(p) => self.visit_let_chain(&mut p.expr, pats),
            other => self.visit_expr_mut(other),
        }
    }
}

impl VisitMut for Rewriter<'_, '_> {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    fn visit_field_value_mut(&mut self, f: &mut syn::FieldValue) {
        // `S { x }` with a renamed `x` must become `S { x: renamed }`. (A kept binding
        // is never used by value, so never in a shorthand.)
        if f.colon_token.is_none() && !self.renames.is_empty() {
            f.colon_token = Some(Default::default());
        }
        visit_mut::visit_field_value_mut(self, f);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        let fields: Vec<(String, String, Ident)> = self
            .fields
            .iter()
            .filter(|(x, _, _)| !self.bound.iter().flatten().any(|n| n == x))
            .cloned()
            .collect();
        if !fields.is_empty() {
            mac.tokens = rewrite_field_tokens(std::mem::take(&mut mac.tokens), &fields);
        }
        let renames: Vec<(String, Ident)> = self
            .renames
            .iter()
            .filter(|(from, _)| !self.bound.iter().flatten().any(|n| n == from))
            .cloned()
            .collect();
        if !renames.is_empty() {
            let captured = inline_format_captures(mac, &renames);
            mac.tokens = rename_tokens(std::mem::take(&mut mac.tokens), &renames);
            if !captured.is_empty() {
                // `format!("{y}")` names `y` inside the string, out of the renamer's
                // reach: pass it explicitly, `format!("{y}", y = y_1)`.
                let trailing = matches!(
                    mac.tokens.clone().into_iter().last(),
                    Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == ','
                );
                let comma = (!trailing).then(|| quote!(,));
                let args = captured.iter().map(|(name, to)| {
                    let name = Ident::new(name, Span::call_site());
                    quote!(#name = #to)
                });
                let tokens = &mac.tokens;
                mac.tokens = quote!(#tokens #comma #(#args),*);
            }
        }
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        self.scoped(&[], |r| visit_mut::visit_block_mut(r, block));
    }

    fn visit_local_mut(&mut self, local: &mut syn::Local) {
        // The initializer (and `else`) see the names before the `let` binds them.
        if let Some(init) = &mut local.init {
            self.visit_expr_mut(&mut init.expr);
            if let Some((_, diverge)) = &mut init.diverge {
                self.visit_expr_mut(diverge);
            }
        }
        self.bind(&local.pat);
    }

    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        let pat = arm.pat.clone();
        self.scoped(&[&pat], |r| {
            if let Some((_, guard)) = &mut arm.guard {
                r.visit_expr_mut(guard);
            }
            r.visit_expr_mut(&mut arm.body);
        });
    }

    fn visit_expr_closure_mut(&mut self, c: &mut syn::ExprClosure) {
        let inputs: Vec<Pat> = c.inputs.iter().cloned().collect();
        let pats: Vec<&Pat> = inputs.iter().collect();
        self.closures += 1;
        self.scoped(&pats, |r| r.visit_expr_mut(&mut c.body));
        self.closures -= 1;
    }

    fn visit_expr_async_mut(&mut self, a: &mut syn::ExprAsync) {
        self.closures += 1;
        self.visit_block_mut(&mut a.block);
        self.closures -= 1;
    }

    fn visit_expr_const_mut(&mut self, _: &mut syn::ExprConst) {}

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        let own = self.closures == 0;
        if let Expr::Field(f) = &*expr {
            if let Expr::Path(p) = &*f.base {
                let found = p
                    .path
                    .get_ident()
                    .filter(|i| !self.hidden(i))
                    .and_then(|i| {
                        let field = member_name(&f.member);
                        self.fields
                            .iter()
                            .find(|(x, name, _)| i == x && *name == field)
                    });
                if let Some((_, _, local)) = found {
                    *expr = syn::parse_quote!(#local);
                    return;
                }
            }
        }
        match expr {
            Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
                let seg = &mut p.path.segments[0];
                if self.hidden(&seg.ident) {
                    return;
                }
                if let Some((_, to)) = self.renames.iter().find(|(from, _)| seg.ident == from) {
                    seg.ident = to.clone();
                } else if let Some(&(_, b)) = self.places.iter().find(|(n, _)| seg.ident == n) {
                    self.em.places_used.insert(b);
                    let star = syn::Token![*](Span::mixed_site());
                    let local = &seg.ident;
                    *expr = syn::parse_quote_spanned!(Span::mixed_site()=> (#star #local));
                }
            }
            Expr::Return(r) if own => {
                if let Some(v) = &mut r.expr {
                    self.visit_expr_mut(v);
                }
                let value = r.expr.take().map(|v| *v);
                let tokens = self.em.completion(value);
                *expr = syn::parse_quote!(#tokens);
            }
            Expr::Break(b) if own => {
                if let Some(v) = &mut b.expr {
                    self.visit_expr_mut(v);
                }
                self.jump(expr);
            }
            Expr::Continue(_) if own => self.jump(expr),
            Expr::Try(t) if own => {
                // e?  →  match Try::branch(e) { Continue(v) => v, Break(r) => complete(from_residual(r)) }
                self.visit_expr_mut(&mut t.expr);
                // The runtime's paths too: an error about them is an error about this `?`.
                let krate = tokens::respan(self.em.krate.clone(), t.question_token.span);
                let inner = &t.expr;
                let at = Span::mixed_site().located_at(t.question_token.span);
                let v = Ident::new("__output", at);
                let r = Ident::new("__residual", at);
                let residual: Expr = syn::parse_quote_spanned!(t.question_token.span=>
                    #krate::__private::FromResidual::from_residual(#r));
                // The `Return` type that cannot hold the error: reported at the `?` too.
                let complete = self
                    .em
                    .completion_at(Some(residual), Some(t.question_token.span));
                *expr = syn::parse_quote_spanned!(t.question_token.span=>
                    match #krate::__private::Try::branch(#inner) {
                        #krate::__private::ControlFlow::Continue(#v) => #v,
                        #krate::__private::ControlFlow::Break(#r) => #complete,
                    }
                );
            }
            Expr::Loop(l) => {
                self.local
                    .push((l.label.as_ref().map(|l| l.name.ident.to_string()), false));
                visit_mut::visit_expr_loop_mut(self, l);
                self.local.pop();
            }
            Expr::While(w) => {
                self.local
                    .push((w.label.as_ref().map(|l| l.name.ident.to_string()), false));
                let mut pats = Vec::new();
                self.visit_let_chain(&mut w.cond, &mut pats);
                let refs: Vec<&Pat> = pats.iter().collect();
                self.scoped(&refs, |r| r.visit_block_mut(&mut w.body));
                self.local.pop();
            }
            Expr::ForLoop(f) => {
                self.visit_expr_mut(&mut f.expr);
                self.local
                    .push((f.label.as_ref().map(|l| l.name.ident.to_string()), false));
                let pat = (*f.pat).clone();
                self.scoped(&[&pat], |r| r.visit_block_mut(&mut f.body));
                self.local.pop();
            }
            // `if let P = e { then } else { … }`: P's names scope over `then` only.
            Expr::If(i) if scope::has_let(&i.cond) => {
                let mut pats = Vec::new();
                self.visit_let_chain(&mut i.cond, &mut pats);
                let refs: Vec<&Pat> = pats.iter().collect();
                self.scoped(&refs, |r| r.visit_block_mut(&mut i.then_branch));
                if let Some((_, els)) = &mut i.else_branch {
                    self.visit_expr_mut(els);
                }
            }
            Expr::Block(b) if b.label.is_some() => {
                self.local
                    .push((b.label.as_ref().map(|l| l.name.ident.to_string()), true));
                visit_mut::visit_expr_block_mut(self, b);
                self.local.pop();
            }
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }
}
