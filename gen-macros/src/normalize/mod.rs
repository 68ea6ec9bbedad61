//! The body → [`ir`]: only statements that contain a suspension point are taken apart.
//!
//! ```text
//! for x in v { yield_!(x) }          let mut iter = IntoIterator::into_iter(v);
//!                              →     loop { match Iterator::next(&mut iter) {
//!                                        Some(x) => { yield x } None => break } }
//! let r = if c { yield_!(1); 2 }     let slot; if c { yield 1; slot = 2; } else { slot = 3; }
//!         else { 3 };          →     let r = slot;
//! ```
//!
//! Over a range with a constant end (`for i in a..64`) the loop keeps only the start:
//! `let mut iter = a;`, stepped by `next_below(&mut iter, 64)`.
//! `while`, `while let` and `if let` become `loop`/`match` the same way; the tail
//! expression and `return` become [`Stmt::Return`]; parameters become `let`s reading the
//! fields of the `Start` state.

mod resolve;

pub use resolve::captures;

use crate::args::{Kind, Signature};
use crate::diagnostics::Errors;
#[cfg(test)]
use crate::ir::Fragment;
use crate::ir::{arg_ident, pinned_ident, Arm, Binding, BindingId, Block, Body, Stmt};
use crate::scope::{self, YieldMacro};
use crate::tokens;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{parse_quote, parse_quote_spanned, Expr, FnArg, Pat};

pub struct Normalizer<'e> {
    errors: &'e mut Errors,
    kind: Kind,
    /// The resume type, where the signature names it.
    resume_ty: Option<syn::Type>,
    krate: TokenStream,
    bindings: Vec<Binding>,
    /// Bindings visible by name, innermost last; blocks truncate it on exit.
    env: Vec<(String, BindingId)>,
    yields: usize,
    temps: usize,
    items: Vec<syn::Item>,
    awaits: usize,
    pending: Vec<usize>,
    /// Bindings below this id are parameters.
    first_local: BindingId,
    /// Statements split so far ([`Normalizer::split`]).
    splits: usize,
    /// The suspension points copied by those splits ([`MAX_SPLIT_COPIES`]).
    split_copies: usize,
    /// Scope ends written so far ([`Stmt::End`]).
    ends: usize,
    /// Something keeps a borrow of a local or a temporary across a suspension point
    /// ([`Body::frame`]).
    frame: bool,
    param_lets: Vec<(Pat, Ident)>,
}

/// What the emitted fn takes in place of each parameter, and the parameter list itself.
pub struct Params {
    /// `(field of Start, expression moved into it)`.
    pub fields: Vec<(Ident, TokenStream)>,
    /// The fn's inputs with `mut` stripped and patterns replaced by hygienic names.
    pub inputs: Vec<FnArg>,
}

pub fn normalize(
    sig: &Signature,
    inputs: &syn::punctuated::Punctuated<FnArg, syn::Token![,]>,
    mut block: syn::Block,
    errors: &mut Errors,
) -> (Body, Params) {
    let (kind, krate, resume) = (sig.kind, sig.krate.clone(), sig.resume_name.as_ref());
    scope::desugar_for_await(&mut block, &krate);
    let suspends_in_macro = check_placement(&block, kind, errors);
    scope::replace_self_in_block(&mut block);
    let source = block.clone();
    let end = block.brace_token.span.close();
    // `?` in a stream ends it with the error as its last item, as async-stream's
    // `try_stream!` does: the body keeps its locals in place, where that is plain Rust.
    let mut n = Normalizer {
        errors,
        kind,
        resume_ty: sig.resume_ty.clone(),
        krate,
        bindings: Vec::new(),
        env: Vec::new(),
        yields: 0,
        temps: 0,
        items: Vec::new(),
        awaits: 0,
        pending: Vec::new(),
        first_local: 0,
        splits: 0,
        split_copies: 0,
        ends: 0,
        frame: suspends_in_macro || (kind == Kind::Stream && scope::has_try(&source)),
        param_lets: Vec::new(),
    };
    let mut root = Block::default();
    let params = n.params(inputs, &mut root);
    n.first_local = n.bindings.len();
    if let Some(name) = resume {
        // The first resume argument, handed to the Start arm like a parameter.
        let pat: Pat = parse_quote!(#name);
        let binds = n.declare(&pat, None, None);
        root.stmts.push(Stmt::Let {
            pat,
            ty: None,
            init: Some(
                Expr::Path(syn::ExprPath {
                    attrs: vec![],
                    qself: None,
                    path: arg_ident().into(),
                })
                .into(),
            ),
            diverge: None,
            binds,
        });
    }
    n.body(block, &mut root);
    let mut joins = 0;
    crate::ir::insert_joins(&mut root, &mut joins);
    let mut body = Body {
        block: root,
        bindings: n.bindings,
        yields: n.yields,
        joins,
        ends: n.ends,
        items: n.items,
        params: params.fields.clone(),
        awaits: n.awaits,
        pending: n.pending,
        frame: n.frame,
        source,
        param_lets: n.param_lets,
        resume: resume.cloned(),
        end,
    };
    resolve::resolve(&mut body);
    (body, params)
}

/// Reports every suspension point no lowering can reach: inside closures, `async` blocks
/// and `const` blocks, and `.await` outside a stream. Returns whether one stands where only
/// a body that keeps its locals in place reaches it: in a match guard, or inside another
/// macro's arguments (`vec![yield_!(a)]`, `tokio::select!` arms), whose expansion then
/// runs in place; in a stream, also any macro but the standard library's (`join!(a, b)`,
/// `select_biased! { … }`), which may expand to an `.await` of its own.
fn check_placement(block: &syn::Block, kind: Kind, errors: &mut Errors) -> bool {
    /// A scope of its own, where a suspension point cannot be lowered.
    #[derive(Clone, Copy)]
    enum Context {
        Closure,
        Async,
        Const,
        Guard,
    }
    struct Check<'e> {
        errors: &'e mut Errors,
        context: Vec<Context>,
        kind: Kind,
        in_place: bool,
    }
    impl Check<'_> {
        /// A suspension point here: fine in the body and (in place) in a guard.
        fn suspends(&mut self, span: Span, what: &str) {
            let (place, instead) = match self.context.last() {
                None => return,
                Some(Context::Guard) => {
                    self.in_place = true;
                    return;
                }
                Some(Context::Closure) => (
                    "a closure",
                    "; write a `for` loop in the body in place of the closure \
                     (`for x in v { … }`), or call the closure and yield its result"
                        .to_owned(),
                ),
                Some(Context::Async) => (
                    "an async block",
                    format!(", which is a future of its own: move the `{what}` out of it"),
                ),
                Some(Context::Const) => (
                    "a const block",
                    format!(", which runs at compile time: move the `{what}` out of it"),
                ),
            };
            self.errors.error(
                span,
                format!(
                    "`{what}` inside {place}: a generator can only suspend in its own body, \
                     not in {place}{instead}"
                ),
            );
        }

        /// `.await` outside a stream, where the normalizer does not see it.
        fn await_outside_stream(&mut self, span: Span) {
            let what = self.kind.noun();
            self.errors.error(
                span,
                format!(
                    "`.await` in {what}: only a stream can wait for a future; return \
                     `impl Stream<Item = T>` (or write `gen_stream! {{ … }}`) to make this \
                     generator an async one"
                ),
            );
        }

        fn own_body(&self) -> bool {
            self.context.iter().all(|c| matches!(c, Context::Guard))
        }
    }
    impl<'a> Visit<'a> for Check<'_> {
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
            self.context.push(Context::Closure);
            syn::visit::visit_expr_closure(self, c);
            self.context.pop();
        }
        fn visit_expr_async(&mut self, a: &'a syn::ExprAsync) {
            self.context.push(Context::Async);
            syn::visit::visit_expr_async(self, a);
            self.context.pop();
        }
        fn visit_expr_const(&mut self, c: &'a syn::ExprConst) {
            self.context.push(Context::Const);
            syn::visit::visit_expr_const(self, c);
            self.context.pop();
        }
        fn visit_expr_unsafe(&mut self, u: &'a syn::ExprUnsafe) {
            // An `unsafe` block cannot be split across resume arms: it stays whole, where
            // the body keeps its locals in place.
            if self.own_body() && scope::contains_yield(&Expr::Unsafe(u.clone())) {
                self.in_place = true;
            }
            syn::visit::visit_expr_unsafe(self, u);
        }
        fn visit_arm(&mut self, arm: &'a syn::Arm) {
            self.visit_pat(&arm.pat);
            if let Some((_, guard)) = &arm.guard {
                self.context.push(Context::Guard);
                self.visit_expr(guard);
                self.context.pop();
            }
            self.visit_expr(&arm.body);
        }
        fn visit_expr_yield(&mut self, y: &'a syn::ExprYield) {
            self.suspends(y.yield_token.span, "yield");
            syn::visit::visit_expr_yield(self, y);
        }
        fn visit_expr_await(&mut self, a: &'a syn::ExprAwait) {
            // A closure's or a const block's `.await` is rustc's to judge, an async
            // block's is that block's.
            if matches!(self.context.last(), Some(Context::Guard)) {
                if self.kind == Kind::Stream {
                    self.in_place = true;
                } else {
                    self.await_outside_stream(a.await_token.span);
                }
            }
            syn::visit::visit_expr_await(self, a);
        }
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            if let Some(which) = scope::yield_macro(mac) {
                let what = match which {
                    YieldMacro::Yield => "yield_!",
                    YieldMacro::YieldFrom => "yield_from!",
                };
                self.suspends(mac.path.span(), what);
                // What its argument holds (`yield_!(vec![yield_!(1)].len())`).
                if let Ok(e) = mac.parse_body::<Expr>() {
                    self.visit_expr(&e);
                }
                return;
            }
            // A nested `gen_iter!` is a generator of its own: its yields are its own.
            if scope::is_generator_macro(mac) {
                return;
            }
            if !self.own_body() {
                // Inside a closure or an async block: rustc judges its own awaits, and
                // a yield there is misplaced.
                if let Some((span, what)) = tokens::suspension_in_tokens(mac.tokens.clone(), false)
                {
                    self.suspends(span, what);
                }
                return;
            }
            // Another macro's arguments are opaque tokens: the macro's expansion runs in
            // place, its yields (and `yield_from!`s) awaits of the runtime's, its awaits a
            // stream's own.
            let Some((span, what)) = tokens::suspension_in_tokens(mac.tokens.clone(), true) else {
                // Its expansion, not its arguments, may await (`join!(a, b)`).
                let name = mac.path.segments.last().map(|s| s.ident.to_string());
                if self.kind == Kind::Stream && !name.is_some_and(|n| scope::never_awaits(&n)) {
                    self.in_place = true;
                }
                return;
            };
            match what {
                ".await" if self.kind != Kind::Stream => self.await_outside_stream(span),
                _ => self.in_place = true,
            }
        }
    }
    let mut check = Check {
        errors,
        context: Vec::new(),
        kind,
        in_place: false,
    };
    check.visit_block(block);
    check.in_place
}

/// What a `yield_!(…)`, `yield_from!(…)` or `yield …` expression hands out.
enum Suspend {
    /// The value, and where the suspension stands (for errors about its resume value).
    Yield(Expr, Span),
    YieldFrom(Expr),
    /// `e.await`: the future `e` and the span of `await`.
    Await(Expr, Span),
}

impl Normalizer<'_> {
    fn temp(&mut self, what: &str) -> Ident {
        self.temps += 1;
        // Hygiene keeps these apart from user code in the output; the double underscore
        // keeps them apart from user names in the analysis, which compares names.
        Ident::new(&format!("__{what}{}", self.temps), Span::mixed_site())
    }

    fn params(
        &mut self,
        inputs: &syn::punctuated::Punctuated<FnArg, syn::Token![,]>,
        root: &mut Block,
    ) -> Params {
        let mut fields = Vec::new();
        let mut new_inputs = Vec::new();
        // Field names of `Start`: distinct, and never one of the step closure's own names.
        let mut taken: std::collections::HashSet<String> = crate::ir::RESERVED
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let mut unique = |name: String| {
            let mut name = name;
            // A keyword (`r#type` without its `r#`) is no field name: `type_`.
            while !taken.insert(name.clone()) || syn::parse_str::<Ident>(&name).is_err() {
                name.push('_');
            }
            Ident::new(&name, Span::mixed_site())
        };
        for (i, input) in inputs.iter().enumerate() {
            match input {
                FnArg::Receiver(r) => {
                    let this = scope::self_ident(r.self_token.span);
                    let field = unique("__self".to_owned());
                    let by_value_mut = r.reference.is_none() && r.mutability.is_some();
                    let mut r2 = r.clone();
                    if by_value_mut {
                        r2.mutability = None;
                    }
                    new_inputs.push(FnArg::Receiver(r2));
                    fields.push((field.clone(), quote!(self)));
                    let pat: Pat = if by_value_mut {
                        parse_quote!(mut #this)
                    } else {
                        parse_quote!(#this)
                    };
                    self.let_param(root, pat, None, &field, r.reference.is_none());
                }
                FnArg::Typed(t) => {
                    let mut t2 = t.clone();
                    let (field, value) = match &*t.pat {
                        Pat::Ident(p) if p.subpat.is_none() && p.by_ref.is_none() => {
                            let mut p2 = p.clone();
                            p2.mutability = None;
                            t2.pat = Box::new(Pat::Ident(p2));
                            let field =
                                unique(p.ident.to_string().trim_start_matches("r#").to_owned());
                            // Moving the argument into `Start` is the macro's doing, not a use
                            // of the user's (maybe `_`-prefixed) parameter.
                            let mut ident = p.ident.clone();
                            ident.set_span(Span::mixed_site().resolved_at(ident.span()));
                            (field, quote!(#ident))
                        }
                        _ => {
                            let field = unique(format!("arg{i}"));
                            t2.pat = Box::new(parse_quote!(#field));
                            (field.clone(), quote!(#field))
                        }
                    };
                    new_inputs.push(FnArg::Typed(t2));
                    fields.push((field.clone(), value));
                    let pat: Pat = match &*t.pat {
                        Pat::Wild(_) => {
                            let hold = format_ident!("_arg{}", i, span = Span::mixed_site());
                            parse_quote!(#hold)
                        }
                        p => p.clone(),
                    };
                    let owned =
                        !matches!(&*t.ty, syn::Type::Reference(_) | syn::Type::ImplTrait(_))
                            && !is_single_uppercase(&t.ty);
                    self.let_param(root, pat, Some(&t.ty), &field, owned);
                }
            }
        }
        Params {
            fields,
            inputs: new_inputs,
        }
    }

    fn let_param(
        &mut self,
        root: &mut Block,
        pat: Pat,
        ty: Option<&syn::Type>,
        field: &Ident,
        owned: bool,
    ) {
        let init: Expr = parse_quote!(#field);
        self.param_lets.push((pat.clone(), field.clone()));
        let binds = self.declare(&pat, ty, Some(&init));
        for &b in &binds {
            self.bindings[b].owned = owned;
        }
        root.stmts.push(Stmt::Let {
            pat,
            ty: None,
            init: Some(init.into()),
            diverge: None,
            binds,
        });
    }

    /// Registers the bindings of an irrefutable pattern (`let`, `for`, parameters), where
    /// every name is a binding, and makes them visible by name.
    fn declare(
        &mut self,
        pat: &Pat,
        ty: Option<&syn::Type>,
        init: Option<&Expr>,
    ) -> Vec<BindingId> {
        self.declare_in(scope::pat_bindings(pat, true), ty, init)
    }

    /// The same for a refutable pattern (match arms, `if let`, `let … else`), where a
    /// lone uppercase name (`None`, `MAX`) is a constant or a unit variant.
    fn declare_refutable(&mut self, pat: &Pat, init: Option<&Expr>) -> Vec<BindingId> {
        self.declare_in(scope::pat_bindings(pat, false), None, init)
    }

    fn declare_in(
        &mut self,
        found: Vec<scope::PatBinding>,
        ty: Option<&syn::Type>,
        init: Option<&Expr>,
    ) -> Vec<BindingId> {
        let single = found.len() == 1;
        let borrow_like = init.is_some_and(scope::is_borrow_like);
        // What it is made of may hold a borrow too (`let it = (&doc).sections(); for s in
        // it { … }`: the loop's iterator holds `it`'s borrow of `doc`).
        let inherited = init.map(|e| {
            resolve::uses(&self.env, e)
                .into_iter()
                .map(|u| &self.bindings[u])
                .fold((None, false), |(b, t), u| {
                    (b.or_else(|| u.borrows.clone()), t || u.borrows_temporary)
                })
        });
        let (inherited, inherited_temporary) = inherited.unwrap_or_default();
        let borrows = init.and_then(|e| self.borrowed_local(e)).or(inherited);
        let owned = init.is_some_and(|e| {
            matches!(
                e,
                Expr::Macro(_) | Expr::Array(_) | Expr::Struct(_) | Expr::Lit(_) | Expr::Call(_)
            )
        });
        let mut ids = Vec::new();
        for b in found {
            let id = self.bindings.len();
            self.bindings.push(Binding {
                ident: b.ident.clone(),
                mutable: b.mutable,
                deferred: init.is_none(),
                borrow_like: borrow_like || b.by_ref,
                ty: if single { ty.cloned() } else { None },
                borrows: borrows.clone(),
                borrows_temporary: inherited_temporary
                    || init.is_some_and(scope::extends_temporary),
                owned,
                plain: single && (ty.map_or_else(|| init.is_some_and(plain_init), plain_type)),
                large: single && (ty.is_some_and(large_type) || init.is_some_and(large_init)),
                temporary: false,
                field_of: None,
            });
            self.env.push((b.ident.to_string(), id));
            ids.push(id);
        }
        ids
    }

    /// `&v`, `&mut v[..]`, or `v.iter()` on a known-owned `v`: which local is borrowed.
    fn borrowed_local(&self, init: &Expr) -> Option<(BindingId, TokenStream)> {
        // `v.first().unwrap()`, `if c { &a } else { &b }`, `(&a, &b)`: the part that borrows.
        let part = match init {
            Expr::MethodCall(m) if !scope::is_adapter(&m.method) => scope::borrowing_part(init),
            Expr::If(_)
            | Expr::Match(_)
            | Expr::Tuple(_)
            | Expr::Array(_)
            | Expr::Block(_)
            | Expr::Call(_)
            | Expr::Struct(_) => scope::borrowing_part(init),
            _ => None,
        };
        if let Some(part) = part.filter(|p| !std::ptr::eq(*p, init)) {
            let (id, _) = self.borrowed_local(part)?;
            return Some((id, init.to_token_stream()));
        }
        let (root, certain) = match init {
            // `&v` always borrows the local; `&v.field` only when `v` owns (not a reference).
            Expr::Reference(r) => (
                scope::place_root(&r.expr)?,
                matches!(&*r.expr, Expr::Path(_)),
            ),
            // `v.iter().enumerate()`: what the adapted iterator borrows.
            Expr::MethodCall(m) if scope::is_adapter(&m.method) => {
                let (id, _) = self.borrowed_local(&m.receiver)?;
                return Some((id, init.to_token_stream()));
            }
            Expr::MethodCall(m) if scope::is_borrow_like(init) => {
                (scope::place_root(&m.receiver)?, false)
            }
            // `(&doc).sections()`: a borrow written out, whatever the method.
            Expr::MethodCall(m) if matches!(unparen(&m.receiver), Expr::Reference(_)) => {
                (scope::place_root(&m.receiver)?, true)
            }
            // Raw pointers to a local dangle once the state moves: `&raw const v`,
            // `addr_of!(v)`, `&v as *const _`.
            Expr::RawAddr(r) => (
                scope::place_root(&r.expr)?,
                matches!(&*r.expr, Expr::Path(_)),
            ),
            Expr::Cast(c) if matches!(&*c.expr, Expr::Reference(_)) => {
                let (id, _) = self.borrowed_local(&c.expr)?;
                return Some((id, init.to_token_stream()));
            }
            Expr::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "addr_of" || s.ident == "addr_of_mut") =>
            {
                let place: Expr = m.mac.parse_body().ok()?;
                let id = self.lookup(&scope::place_root(&place)?.to_string())?;
                return Some((id, init.to_token_stream()));
            }
            // `|k| k ^ acc`, `async { acc }`: a closure or async block that is not `move`
            // borrows the locals it names.
            // `vec![&a, &b]`: what its first borrowing element borrows.
            Expr::Macro(_) => {
                let elements = scope::vec_elements(init)?;
                let (id, _) = elements.iter().find_map(|e| self.borrowed_local(e))?;
                return Some((id, init.to_token_stream()));
            }
            Expr::Closure(c) if c.capture.is_none() => return self.captured_local(init),
            Expr::Async(a) if a.capture.is_none() => return self.captured_local(init),
            _ => return None,
        };
        let id = self.lookup(&root.to_string())?;
        (certain || !self.is_reference(id)).then(|| (id, init.to_token_stream()))
    }

    /// A local (not a reference) that a closure or async block names.
    fn captured_local(&self, init: &Expr) -> Option<(BindingId, TokenStream)> {
        let id = resolve::uses(&self.env, init)
            .into_iter()
            .filter(|&u| !self.is_reference(u))
            .min()?;
        Some((id, init.to_token_stream()))
    }

    /// Is the binding known to be a reference (a `&T` parameter or `&self`, a `let` of a
    /// reference type, a borrow), so that borrowing through it borrows no local?
    fn is_reference(&self, id: BindingId) -> bool {
        let b = &self.bindings[id];
        b.borrow_like
            || matches!(b.ty, Some(syn::Type::Reference(_)))
            || (id < self.first_local && b.ty.is_none() && !b.owned)
    }

    fn lookup(&self, name: &str) -> Option<BindingId> {
        self.env
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|&(_, id)| id)
    }

    fn body(&mut self, block: syn::Block, root: &mut Block) {
        let (stmts, tail) = split_tail(block.stmts);
        self.seq(stmts, End::Body(tail), &mut root.stmts);
    }

    /// Statements in order, then what ends them. A statement after which a local may or
    /// may not hold a value, depending on the way taken through it, is followed by a
    /// suspension point: the rest of the block is lowered once per way ([`Self::split`]).
    fn seq(&mut self, stmts: Vec<syn::Stmt>, end: End, out: &mut Vec<Stmt>) {
        let mut stmts = stmts.into_iter();
        while let Some(stmt) = stmts.next() {
            if self.is_scope_end(&stmt) {
                out.push(Stmt::End {
                    id: self.ends,
                    drop: stmt.into(),
                });
                self.ends += 1;
                continue;
            }
            if self.split_here(&stmt, stmts.as_slice(), &end) {
                self.split(stmt, stmts.collect(), &end, out);
                return;
            }
            self.stmt(stmt, out);
        }
        self.end(end, out);
    }

    /// The drop written where a local's moved scope ends, which [`Self::seq`] turns into
    /// a [`Stmt::End`] ([`Self::is_scope_end`]).
    fn scope_end(&self, x: &Ident) -> syn::Stmt {
        let krate = &self.krate;
        let drop = quote_spanned!(Span::mixed_site()=> #krate::__private::drop);
        parse_quote!(#drop(#x);)
    }

    /// The drop [`Self::scope_end`] writes (`#krate::__private::drop(x);`).
    fn is_scope_end(&self, stmt: &syn::Stmt) -> bool {
        let syn::Stmt::Expr(Expr::Call(call), Some(_)) = stmt else {
            return false;
        };
        let Expr::Path(func) = &*call.func else {
            return false;
        };
        let names: Vec<String> = func
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        names.ends_with(&["__private".to_string(), "drop".to_string()])
            && call.args.len() == 1
            && matches!(&call.args[0], Expr::Path(p) if p.path.get_ident().is_some())
    }

    fn end(&mut self, end: End, out: &mut Vec<Stmt>) {
        match end {
            End::Nothing => {}
            End::Slot(slot, Some(e)) => self.expr_into(e, &slot, out),
            End::Slot(slot, None) => out.push(Stmt::native(parse_quote!(#slot = ();))),
            End::Body(Some(e)) if scope::contains_yield(&e) => {
                let statement_like = match &e {
                    Expr::While(_) | Expr::ForLoop(_) => true,
                    Expr::Loop(l) => !scope::has_valued_break(&l.body),
                    _ => false,
                };
                if self.kind != Kind::Generator || statement_like {
                    self.expr_stmt(e, out);
                    out.push(Stmt::Return(None));
                } else {
                    let slot = self.slot(out);
                    self.expr_into(e, &slot, out);
                    out.push(Stmt::Return(Some(crate::ir::Frag::<Expr>::new(
                        parse_quote!(#slot),
                    ))));
                }
            }
            End::Body(Some(e)) => out.push(Stmt::Return(Some(e.into()))),
            End::Body(None) => out.push(Stmt::Return(None)),
        }
    }

    /// Does a local worth keeping for its drop hold a value after some ways through
    /// `stmt` (an `if`, or a `match` whose bindings the rest does not name) and not after
    /// others, with a suspension point in it or after it in its block?
    ///
    /// ```text
    /// let b = make(); if c { drop(b); } yield_!(1);
    /// ```
    ///
    /// In plain Rust `b` then has a drop flag, which a state cannot test: split, each way
    /// knows.
    fn split_here(&self, stmt: &syn::Stmt, rest: &[syn::Stmt], end: &End) -> bool {
        let syn::Stmt::Expr(e @ (Expr::If(_) | Expr::Match(_)), _) = stmt else {
            return false;
        };
        if self.splits >= MAX_SPLITS {
            return false;
        }
        let ways: Vec<&Expr> = match e {
            Expr::If(i) => {
                if scope::has_let(&i.cond) {
                    return false;
                }
                let mut ways: Vec<&Expr> = vec![];
                ways.extend(i.else_branch.as_ref().map(|(_, e)| &**e));
                ways
            }
            Expr::Match(m) => {
                if !m.arms.iter().all(|a| arm_splits(a, rest, end)) {
                    return false;
                }
                m.arms.iter().map(|a| &*a.body).collect()
            }
            _ => return false,
        };
        // A suspension point in the statement makes the code after it a join point too
        // (`ir::insert_joins`), where the ways meet.
        let suspends = scope::stmt_contains_yield(stmt)
            || rest.iter().any(scope::stmt_contains_yield)
            || end.suspends();
        if !suspends || self.split_copies + split_copies(e, rest, end) > MAX_SPLIT_COPIES {
            return false;
        }
        let mut summaries: Vec<(std::collections::HashSet<(BindingId, bool)>, bool)> = ways
            .iter()
            .map(|w| resolve::changes(&self.env, w))
            .collect();
        if let Expr::If(i) = e {
            summaries.push(resolve::changes_block(&self.env, &i.then_branch));
            if i.else_branch.is_none() {
                summaries.push(Default::default());
            }
        }
        let going: Vec<_> = summaries
            .iter()
            .filter(|(_, diverges)| !diverges)
            .map(|(c, _)| c)
            .collect();
        let Some(first) = going.first() else {
            return false;
        };
        let worth = |&(b, _): &(BindingId, bool)| {
            let b = &self.bindings[b];
            b.kept_for_its_drop()
        };
        if going
            .iter()
            .any(|c| c.symmetric_difference(first).any(worth))
        {
            return true;
        }
        // Every way leaves the same locals changed, but one of them is itself such a
        // statement (`if a { if c { drop(b); } } else { … }`): split here too, so that
        // [`Self::way`] lays that branch out flat and splits again inside it.
        let nested = |stmts: &[syn::Stmt]| {
            flat_drops(stmts, rest, end).is_some()
                && stmts.iter().enumerate().any(|(i, s)| {
                    // Only an `if` or a `match` splits: the code after it is copied
                    // for those alone.
                    matches!(s, syn::Stmt::Expr(Expr::If(_) | Expr::Match(_), _)) && {
                        let after: Vec<syn::Stmt> =
                            stmts[i + 1..].iter().chain(rest).cloned().collect();
                        self.split_here(s, &after, end)
                    }
                })
        };
        let branch = |e: &Expr| match e {
            Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => nested(&b.block.stmts),
            Expr::Block(_) => false,
            other => nested(&[syn::Stmt::Expr(other.clone(), None)]),
        };
        match e {
            Expr::If(i) => {
                nested(&i.then_branch.stmts)
                    || i.else_branch.as_ref().is_some_and(|(_, e)| branch(e))
            }
            _ => ways.iter().any(|w| branch(w)),
        }
    }

    /// `S; rest` → one way through `S` after another, each followed by its own copy of
    /// the rest of the block.
    ///
    /// ```text
    /// if c { drop(b); } rest   →   if c { { drop(b); } rest } else { rest }
    /// ```
    fn split(&mut self, stmt: syn::Stmt, rest: Vec<syn::Stmt>, end: &End, out: &mut Vec<Stmt>) {
        self.splits += 1;
        let syn::Stmt::Expr(e, _) = &stmt else {
            unreachable!("split_here took only expressions")
        };
        self.split_copies += split_copies(e, &rest, end);
        let syn::Stmt::Expr(e, _) = stmt else {
            unreachable!("split_here took only expressions")
        };
        match e {
            Expr::If(i) => {
                let cond = self.value(*i.cond, out);
                let then_way = Expr::Block(syn::ExprBlock {
                    attrs: Vec::new(),
                    label: None,
                    block: i.then_branch,
                });
                let then = self.way(Some(then_way), &rest, end);
                let els = self.way(i.else_branch.map(|(_, e)| *e), &rest, end);
                out.push(Stmt::If {
                    cond: cond.into(),
                    then,
                    els: Some(els),
                });
            }
            Expr::Match(m) => {
                // A temporary of the scrutinee lives to the end of the `match`, across the
                // yields of its arms (`match dv(&D(1)) { … }`).
                self.frame |= scope::holds_temporary(&m.expr);
                let scrutinee = self.value(*m.expr, out);
                let by_ref = matches!(scrutinee, Expr::Reference(_));
                let mut arms = Vec::new();
                for arm in m.arms {
                    // The arm's bindings are in scope in its copy of the rest too: those
                    // that own their value are dropped where the arm's own code ends.
                    let mark = self.env.len();
                    let prelude = self.declare_refutable(&arm.pat, Some(&scrutinee));
                    let owned: Vec<Ident> = if by_ref {
                        Vec::new()
                    } else {
                        owned_bindings(&arm.pat)
                    };
                    for &b in prelude.iter().filter(|_| by_ref) {
                        self.bindings[b].borrow_like = true;
                    }
                    let body = self.with_drops(*arm.body, &owned, &rest, end);
                    let mut body = self.way(Some(body), &rest, end);
                    body.prelude = prelude;
                    self.env.truncate(mark);
                    arms.push(Arm {
                        pat: arm.pat,
                        guard: arm.guard.map(|(_, g)| (*g).into()),
                        body,
                    });
                }
                out.push(Stmt::Match {
                    scrutinee: scrutinee.into(),
                    arms,
                });
            }
            _ => unreachable!("split_here took only `if` and `match`"),
        }
    }

    /// An arm's body followed by the drops of the bindings `owned` (youngest first), as
    /// one block: its statements when it can be laid out flat, else the body as a block
    /// of its own, so that its locals drop before the bindings.
    fn with_drops(&self, body: Expr, owned: &[Ident], rest: &[syn::Stmt], end: &End) -> Expr {
        if owned.is_empty() {
            return body;
        }
        let mut stmts = match body {
            Expr::Block(blk)
                if blk.label.is_none()
                    && blk.attrs.is_empty()
                    && flat_drops(&blk.block.stmts, rest, end).is_some() =>
            {
                statements(blk.block.stmts)
            }
            other => vec![syn::Stmt::Expr(other, Some(Default::default()))],
        };
        stmts.extend(owned.iter().rev().map(|x| self.scope_end(x)));
        parse_quote!({ #(#stmts)* })
    }

    /// One way through a split statement (its code as a statement of its own, its value
    /// unused), then the rest of the block.
    fn way(&mut self, code: Option<Expr>, rest: &[syn::Stmt], end: &End) -> Block {
        let mark = self.env.len();
        let mut b = Block::default();
        let mut stmts = Vec::new();
        // A way that always leaves (`return`, `break`, `continue`) never runs the rest: a
        // copy of it would be dead code, with `.await`s whose futures no code gives a
        // type.
        let leaves = code
            .as_ref()
            .is_some_and(|c| resolve::changes(&self.env, c).1);
        let (rest, end) = if leaves {
            (&[][..], &End::Nothing)
        } else {
            (rest, end)
        };
        let flat = match &code {
            Some(Expr::Block(blk)) if blk.label.is_none() && blk.attrs.is_empty() => {
                flat_layout(&blk.block.stmts, rest, end)
            }
            _ => None,
        };
        match code {
            // `else if`: a statement of its own, split again if it needs to be.
            Some(e @ Expr::If(_)) => stmts.push(syn::Stmt::Expr(e, Some(Default::default()))),
            // A block that declares nothing the rest could see is its statements, then
            // the drops of its values at its end, then the rest: a statement in it that
            // needs a split again (`if a { if b { drop(o); } }`) splits the rest too.
            Some(Expr::Block(blk)) if flat.is_some() => {
                let (laid_out, drops) = flat.unwrap_or_default();
                stmts.extend(statements(laid_out.unwrap_or(blk.block.stmts)));
                stmts.extend(drops.iter().map(|x| self.scope_end(x)));
            }
            Some(Expr::Block(blk)) if blk.label.is_none() && blk.attrs.is_empty() => {
                let inner = self.block(
                    syn::Block {
                        brace_token: blk.block.brace_token,
                        stmts: statements(blk.block.stmts),
                    },
                    Vec::new(),
                );
                b.stmts.push(Stmt::Block(inner));
            }
            Some(other) => stmts.push(syn::Stmt::Expr(other, Some(Default::default()))),
            None => {}
        }
        stmts.extend(rest.iter().cloned());
        self.seq(stmts, end.clone(), &mut b.stmts);
        self.env.truncate(mark);
        b
    }
    /// A fresh deferred local for the value of split control flow.
    fn slot(&mut self, out: &mut Vec<Stmt>) -> Ident {
        let slot = self.temp("value");
        let pat: Pat = parse_quote!(#slot);
        let binds = self.declare(&pat, None, None);
        out.push(Stmt::Let {
            pat,
            ty: None,
            init: None,
            diverge: None,
            binds,
        });
        slot
    }

    fn block(&mut self, block: syn::Block, prelude: Vec<BindingId>) -> Block {
        let mark = self.env.len();
        let mut out = Block {
            stmts: Vec::new(),
            prelude,
        };
        self.seq(block.stmts, End::Nothing, &mut out.stmts);
        self.env.truncate(mark);
        out
    }

    /// Lowers a block that was the body of an arm or branch, already in a scope whose
    /// prelude bindings were declared by the caller (the caller truncates `env`).
    fn arm_body(&mut self, body: Expr, prelude: Vec<BindingId>) -> Block {
        match body {
            Expr::Block(b) if b.label.is_none() => self.block(b.block, prelude),
            other => {
                let mut out = Block {
                    stmts: Vec::new(),
                    prelude,
                };
                self.expr_stmt(other, &mut out.stmts);
                out
            }
        }
    }

    fn stmt(&mut self, stmt: syn::Stmt, out: &mut Vec<Stmt>) {
        match stmt {
            syn::Stmt::Item(item) => self.items.push(item),
            syn::Stmt::Local(local) => self.local(local, out),
            syn::Stmt::Expr(e, _) if scope::contains_yield(&e) => self.expr_stmt(e, out),
            syn::Stmt::Macro(m) if scope::yield_macro(&m.mac).is_some() => {
                let e = Expr::Macro(syn::ExprMacro {
                    attrs: m.attrs,
                    mac: m.mac,
                });
                self.expr_stmt(e, out);
            }
            other => out.push(Stmt::native(other)),
        }
    }

    /// `let pat: ty = init else diverge;` with no suspension point in it.
    fn push_let(
        &mut self,
        pat: Pat,
        ty: Option<Box<syn::Type>>,
        init: Expr,
        diverge: Option<syn::Block>,
        out: &mut Vec<Stmt>,
    ) {
        let binds = if diverge.is_some() {
            self.declare_refutable(&pat, Some(&init))
        } else {
            self.declare(&pat, ty.as_deref(), Some(&init))
        };
        out.push(Stmt::Let {
            pat,
            ty,
            init: Some(init.into()),
            diverge: diverge.map(Into::into),
            binds,
        });
    }

    fn local(&mut self, local: syn::Local, out: &mut Vec<Stmt>) {
        let (pat, ty) = match local.pat {
            Pat::Type(t) => (*t.pat, Some(t.ty)),
            p => (p, None),
        };
        let Some(init) = local.init else {
            let binds = self.declare(&pat, ty.as_deref(), None);
            out.push(Stmt::Let {
                pat,
                ty,
                init: None,
                diverge: None,
                binds,
            });
            return;
        };
        let diverge = init.diverge.map(|(_, e)| match *e {
            Expr::Block(b) => b.block,
            other => parse_quote!({ #other }),
        });
        let expr = *init.expr;
        if let Some(d) = diverge.as_ref().filter(|d| block_contains_yield(d)) {
            // let P = e else { … };  →  let (x, y) = match e { P => (x, y), _ => { … } };
            let found = scope::pat_bindings(&pat, false);
            let names: Vec<&Ident> = found.iter().map(|b| &b.ident).collect();
            let muts = found.iter().map(|b| b.mutable.then(|| quote!(mut)));
            let tuple: Pat = parse_quote!((#(#muts #names,)*));
            let plain = strip_binding_modes(pat.clone());
            let init: Expr = parse_quote!(match #expr { #plain => (#(#names,)*), _ => #d });
            let local = syn::Local {
                attrs: local.attrs,
                let_token: local.let_token,
                pat: tuple,
                init: Some(syn::LocalInit {
                    eq_token: init_eq(),
                    expr: Box::new(init),
                    diverge: None,
                }),
                semi_token: local.semi_token,
            };
            self.local(local, out);
            return;
        }
        if !scope::contains_yield(&expr) {
            self.push_let(pat, ty, expr, diverge, out);
            return;
        }
        match (self.suspend(&expr), diverge) {
            (Some(Suspend::Yield(value, at)), None) => {
                let value = self.value(value, out);
                let binds = self.declare(&pat, ty.as_deref(), None);
                self.mark_initialized(&binds);
                let id = self.next_yield();
                out.push(Stmt::Yield {
                    at,
                    id,
                    value: value.into(),
                    bind: Some((with_type(pat, ty), binds)),
                });
            }
            (_, diverge) => {
                let at = expr.span();
                let slot = self.slot(out);
                self.expr_into(expr, &slot, out);
                // Its value, of the wrong type for the pattern: reported at the expression.
                let mut slot_at = slot.clone();
                slot_at.set_span(Span::mixed_site().located_at(at));
                self.push_let(pat, ty, parse_quote!(#slot_at), diverge, out);
            }
        }
    }

    fn mark_initialized(&mut self, binds: &[BindingId]) {
        for &b in binds {
            self.bindings[b].deferred = false;
        }
    }

    fn next_yield(&mut self) -> usize {
        self.yields += 1;
        self.yields - 1
    }

    /// Recognises a suspension point standing alone: `yield_!(e)`, `yield e`, `yield_from!(e)`.
    fn suspend(&mut self, expr: &Expr) -> Option<Suspend> {
        let suspend = self.suspend_of(expr);
        // `yield_!(len(&make()))`: the temporary lives to the end of the statement, across
        // the yield, as in plain Rust: the body runs where it does not move.
        if let Some(Suspend::Yield(value, _)) = &suspend {
            self.frame |= scope::holds_temporary(value);
        }
        suspend
    }

    fn suspend_of(&mut self, expr: &Expr) -> Option<Suspend> {
        match expr {
            Expr::Macro(m) => {
                let which = scope::yield_macro(&m.mac)?;
                // `yield_!()` yields `()`, spanned on the call so a type error lands there.
                let span = m.mac.path.span();
                let unit = || parse_quote_spanned!(span=> ());
                let value = if m.mac.tokens.is_empty() {
                    Ok(unit())
                } else {
                    m.mac.parse_body_with(|input: syn::parse::ParseStream| {
                        let value: Expr = input.parse()?;
                        let comma = input.parse::<Option<syn::Token![,]>>()?;
                        if let Some(comma) = comma.filter(|_| !input.is_empty()) {
                            let name = m.mac.path.segments.last().map(|s| s.ident.to_string());
                            let name = name.unwrap_or_default();
                            return Err(syn::Error::new(
                                comma.span,
                                format!(
                                    "`{name}!` takes one expression: to yield several values at \
                                     once, yield a tuple (`{name}!((a, b))`)"
                                ),
                            ));
                        }
                        Ok(value)
                    })
                };
                let value = match value {
                    Ok(v) => v,
                    Err(e) => {
                        self.errors.push(e);
                        unit()
                    }
                };
                Some(match which {
                    // At its parentheses: a conversion rustc suggests goes after them.
                    YieldMacro::Yield => Suspend::Yield(value, m.mac.delimiter.span().join()),
                    YieldMacro::YieldFrom => Suspend::YieldFrom(value),
                })
            }
            Expr::Yield(y) => Some(Suspend::Yield(
                y.expr
                    .as_deref()
                    .cloned()
                    .unwrap_or_else(|| parse_quote!(())),
                y.yield_token.span,
            )),
            Expr::Paren(p) => self.suspend_of(&p.expr),
            Expr::Await(a) => Some(Suspend::Await((*a.base).clone(), a.await_token.span)),
            _ => None,
        }
    }

    /// A statement-position expression that contains a suspension point.
    fn expr_stmt(&mut self, expr: Expr, out: &mut Vec<Stmt>) {
        if !scope::contains_yield(&expr) {
            out.push(Stmt::native(syn::Stmt::Expr(
                expr,
                Some(Default::default()),
            )));
            return;
        }
        if let Some(suspend) = self.suspend(&expr) {
            self.suspension(suspend, None, out);
            return;
        }
        match expr {
            Expr::If(e) => self.if_(e, None, out),
            Expr::Match(m) => self.match_(m, None, out),
            Expr::Loop(l) => {
                self.frame |= scope::creates_unique_type(&l.body);
                let body = self.block(l.body, Vec::new());
                out.push(Stmt::Loop {
                    label: l.label.map(|l| l.name),
                    body,
                    slot: None,
                });
            }
            Expr::While(w) => self.while_(w, out),
            Expr::ForLoop(f) => self.for_(f, out),
            Expr::Block(b) if b.label.is_some() => {
                let body = self.block(b.block, Vec::new());
                out.push(Stmt::Labeled {
                    label: b.label.map(|l| l.name).unwrap_or_else(|| unreachable!()),
                    body,
                    slot: None,
                });
            }
            Expr::Block(b) => {
                let block = self.block(b.block, Vec::new());
                out.push(Stmt::Block(block));
            }
            Expr::Assign(a) if self.suspend(&a.right).is_some() => match self.suspend(&a.right) {
                Some(Suspend::Yield(value, at)) => self.yield_into(value, at, *a.left, out),
                Some(suspend) => {
                    // The value first, then the place, as in any assignment.
                    let slot = self.slot(out);
                    self.suspension(suspend, Some(&slot), out);
                    let place = self.value(*a.left, out);
                    out.push(Stmt::native(parse_quote!(#place = #slot;)));
                }
                None => self.unsupported(&a.right),
            },
            Expr::Paren(p) => self.expr_stmt(*p.expr, out),
            Expr::Return(r) => {
                let value = r.expr.map(|e| self.value(*e, out));
                out.push(Stmt::Return(value.map(Into::into)));
            }
            Expr::Break(mut b) if b.expr.as_deref().is_some_and(scope::contains_yield) => {
                // `break 'l yield_!(x)`: suspend first, then break with the resumed value.
                if let Some(value) = b.expr.take() {
                    b.expr = Some(Box::new(self.value(*value, out)));
                }
                out.push(Stmt::native(syn::Stmt::Expr(
                    Expr::Break(b),
                    Some(Default::default()),
                )));
            }
            other => {
                let e = self.value(other, out);
                out.push(Stmt::native(syn::Stmt::Expr(e, Some(Default::default()))));
            }
        }
    }

    /// A suspension point standing alone, its value stored in `slot` (or dropped).
    fn suspension(&mut self, suspend: Suspend, slot: Option<&Ident>, out: &mut Vec<Stmt>) {
        match (suspend, slot) {
            (Suspend::Yield(value, at), Some(slot)) => {
                self.yield_into(value, at, parse_quote!(#slot), out);
            }
            (Suspend::Yield(value, at), None) => {
                // `yield_!(yield_!(x))`: the inner suspension comes first.
                let value = self.value(value, out);
                let id = self.next_yield();
                out.push(Stmt::Yield {
                    at,
                    id,
                    value: value.into(),
                    bind: None,
                });
            }
            (Suspend::YieldFrom(source), slot) => self.yield_from(source, slot, out),
            (Suspend::Await(future, span), slot) => self.await_(future, span, slot, out),
        }
    }

    /// An expression with suspension points inside it, evaluated left to right: operands
    /// before the last suspension point are spilled to temporaries (stable places such as
    /// locals and literals are left in place), control flow writes a slot.
    ///
    /// ```text
    /// f(a(), yield_!(b), c())   →   let t1 = a(); let t2 = yield b; f(t1, t2, c())
    /// ```
    fn value(&mut self, mut expr: Expr, out: &mut Vec<Stmt>) -> Expr {
        if !scope::contains_yield(&expr) {
            return expr;
        }
        match self.suspend(&expr) {
            Some(Suspend::Yield(v, at)) => {
                let v = self.value(v, out);
                let tmp = self.temp("resumed");
                let pat: Pat = parse_quote!(#tmp);
                let binds = self.declare(&pat, None, None);
                self.mark_initialized(&binds);
                let id = self.next_yield();
                out.push(Stmt::Yield {
                    at,
                    id,
                    value: v.into(),
                    bind: Some((pat, binds)),
                });
                return parse_quote!(#tmp);
            }
            Some(Suspend::YieldFrom(_) | Suspend::Await(..)) | None => {}
        }
        let short_circuit = match &expr {
            Expr::Binary(b) => match b.op {
                syn::BinOp::And(_) => Some(true),
                syn::BinOp::Or(_) => Some(false),
                _ => None,
            },
            _ => None,
        };
        if let (Some(and), Expr::Binary(b)) = (short_circuit, &expr) {
            // a && b  →  if a { b } else { false };   a || b  →  if a { true } else { b }
            let (l, r) = (&b.left, &b.right);
            expr = if and {
                parse_quote!(if #l { #r } else { false })
            } else {
                parse_quote!(if #l { true } else { #r })
            };
        }
        if matches!(
            expr,
            Expr::If(_)
                | Expr::Match(_)
                | Expr::Loop(_)
                | Expr::Block(_)
                | Expr::While(_)
                | Expr::ForLoop(_)
        ) || matches!(
            self.suspend(&expr),
            Some(Suspend::YieldFrom(_) | Suspend::Await(..))
        ) {
            let slot = self.slot(out);
            self.expr_into(expr, &slot, out);
            return parse_quote!(#slot);
        }
        let assigns = match &expr {
            Expr::Assign(_) => true,
            Expr::Binary(b) => scope::is_compound_assign(&b.op),
            _ => false,
        };
        if assigns {
            self.assignment(&mut expr, out);
            return expr;
        }
        let Some(children) = operands(&mut expr) else {
            self.unsupported(&expr);
            return expr;
        };
        let last = children
            .iter()
            .rposition(|c| scope::contains_yield(c))
            .unwrap_or(0);
        for (i, child) in children.into_iter().enumerate() {
            if i > last {
                break;
            }
            self.lower_in_place(child, out);
            if i < last && !is_stable(child) {
                self.spill(child, out);
            }
        }
        expr
    }

    /// Lowers the suspension points inside `expr`, where it stands.
    fn lower_in_place(&mut self, expr: &mut Expr, out: &mut Vec<Stmt>) {
        if scope::contains_yield(expr) {
            let taken = std::mem::replace(expr, parse_quote!(()));
            *expr = self.value(taken, out);
        }
    }

    /// Evaluates `expr` now, into a temporary that takes its place.
    fn spill(&mut self, expr: &mut Expr, out: &mut Vec<Stmt>) {
        // A temporary it borrows lives to the end of the statement, past the suspension.
        self.frame |= scope::holds_temporary(expr);
        let tmp = self.temp("operand");
        let taken = std::mem::replace(expr, parse_quote!(#tmp));
        let pat: Pat = parse_quote!(#tmp);
        let binds = self.declare(&pat, None, Some(&taken));
        for &b in &binds {
            self.bindings[b].temporary = true;
        }
        out.push(Stmt::Let {
            pat,
            ty: None,
            init: Some(taken.into()),
            diverge: None,
            binds,
        });
    }

    /// `place = value` and `place op= value` with suspension points: as rustc does for
    /// primitive operands, the value is evaluated first, then the place, then the write.
    ///
    /// ```text
    /// a[yield_!(i)] += yield_!(v)   →   let t1 = yield v; let t2 = yield i; a[t2] += t1
    /// ```
    fn assignment(&mut self, expr: &mut Expr, out: &mut Vec<Stmt>) {
        let (place, value) = match expr {
            Expr::Assign(a) => (&mut a.left, &mut a.right),
            Expr::Binary(b) => (&mut b.left, &mut b.right),
            _ => return,
        };
        self.lower_in_place(value, out);
        if scope::contains_yield(place) {
            if !is_stable(value) {
                self.spill(value, out);
            }
            // The place itself is written, not read: only what it contains is lowered.
            self.lower_in_place(place, out);
        }
    }

    /// `place = yield_!(value)`: the resume argument lands in a temporary, then the place.
    fn yield_into(&mut self, value: Expr, at: Span, place: Expr, out: &mut Vec<Stmt>) {
        let value = self.value(value, out);
        let mark = self.env.len();
        let tmp = self.temp("resumed");
        let pat: Pat = parse_quote!(#tmp);
        let binds = self.declare(&pat, None, None);
        self.mark_initialized(&binds);
        let id = self.next_yield();
        let mut block = Block::default();
        block.stmts.push(Stmt::Yield {
            at,
            id,
            value: value.into(),
            bind: Some((pat, binds)),
        });
        // Then the suspension points in the place (`a[yield_!(i)] = yield_!(v)`).
        let place = self.value(place, &mut block.stmts);
        block.stmts.push(Stmt::native(parse_quote!(#place = #tmp;)));
        self.env.truncate(mark);
        out.push(Stmt::Block(block));
    }

    fn unsupported(&mut self, expr: &Expr) {
        if let Expr::Unsafe(u) = expr {
            // Kept whole in a body that keeps its locals in place ([`check_placement`]).
            if self.frame {
                return;
            }
            self.errors.error(
                u.unsafe_token.span,
                "a suspension point inside an `unsafe` block is not supported yet: \
                 keep `unsafe { … }` around the unsafe operations only, outside `yield_!` \
                 (`let v = unsafe { *p }; yield_!(v);`)",
            );
            return;
        }
        self.errors.error_spanned(
            expr,
            "a suspension point inside this expression is not supported yet: bind it to a local first \
             (`let v = yield_!(…);`, `let v = yield_from!(…);`) and use the local",
        );
    }

    /// `yield_from!(source)`: every item of an `IntoIterator` in an iterator; delegation
    /// with resume arguments passed through in a generator.
    fn yield_from(&mut self, source: Expr, slot: Option<&Ident>, out: &mut Vec<Stmt>) {
        let item = Ident::new("__item", Span::mixed_site());
        match self.kind {
            Kind::Stream => self.yield_from_stream(source, slot, out),
            Kind::Iterator => {
                // An item of the wrong type is reported at the source.
                let mut yielded = item.clone();
                yielded.set_span(Span::mixed_site().located_at(source.span()));
                let for_loop = scope::for_loop(
                    parse_quote!(#item),
                    source,
                    parse_quote!({ yield #yielded; }),
                );
                self.for_(for_loop, out);
                if let Some(slot) = slot {
                    out.push(Stmt::native(parse_quote!(#slot = ();)));
                }
            }
            Kind::Generator => {
                // { let mut inner = source; let mut sent = Default::default();
                //   loop { match Generator::resume(&mut inner, sent) {
                //       Yielded(y) => { let r = yield y; sent = r; }
                //       Complete(done) => { slot = done; break; } } } }
                let krate = self.krate.clone();
                let mark = self.env.len();
                let mut scope_block = Block::default();
                let source_span = source.span();
                let inner = self.temp("inner");
                let sent = self.temp("sent");
                let inner_pat: Pat = parse_quote!(mut #inner);
                let binds = self.declare(&inner_pat, None, Some(&source));
                scope_block.stmts.push(Stmt::Let {
                    pat: inner_pat,
                    ty: None,
                    init: Some(source.into()),
                    diverge: None,
                    binds,
                });
                let sent_pat: Pat = parse_quote!(mut #sent);
                // Spanned on the source, so a resume type without `Default` is reported there.
                let krate_here = tokens::respan(krate.clone(), source_span);
                let sent_init: Expr =
                    parse_quote_spanned!(source_span=> #krate_here::__private::first_resume());
                let binds = self.declare(&sent_pat, None, Some(&sent_init));
                scope_block.stmts.push(Stmt::Let {
                    pat: sent_pat,
                    ty: None,
                    init: Some(sent_init.into()),
                    diverge: None,
                    binds,
                });

                let arm_mark = self.env.len();
                let y = Ident::new("__delegated", Span::mixed_site());
                let y_pat: Pat = parse_quote!(#krate::__private::GeneratorState::Yielded(#y));
                let prelude = self.declare(&y_pat, None, None);
                self.mark_initialized(&prelude);
                let resumed = self.temp("resumed");
                let r_pat: Pat = parse_quote!(#resumed);
                let r_binds = self.declare(&r_pat, None, None);
                self.mark_initialized(&r_binds);
                let id = self.next_yield();
                let yielded_arm = Arm {
                    pat: y_pat,
                    guard: None,
                    body: Block {
                        stmts: vec![
                            Stmt::Yield {
                                at: Span::mixed_site(),
                                id,
                                value: crate::ir::Frag::<Expr>::new(parse_quote!(#y)),
                                bind: Some((r_pat, r_binds)),
                            },
                            Stmt::native(parse_quote!(#sent = #resumed;)),
                        ],
                        prelude,
                    },
                };
                self.env.truncate(arm_mark);
                let done = Ident::new("__done", Span::mixed_site());
                // Its return value, of the wrong type where it is stored: at the source.
                let mut done_here = done.clone();
                done_here.set_span(Span::mixed_site().located_at(source_span));
                let c_pat: Pat = parse_quote!(#krate::__private::GeneratorState::Complete(#done));
                let prelude = self.declare(&c_pat, None, None);
                self.mark_initialized(&prelude);
                let finish: syn::Stmt = match slot {
                    Some(slot) => parse_quote!({ #slot = #done_here; break; }),
                    None => parse_quote!({ let _ = #done; break; }),
                };
                let complete_arm = Arm {
                    pat: c_pat,
                    guard: None,
                    body: Block {
                        stmts: vec![Stmt::native(finish)],
                        prelude,
                    },
                };
                self.env.truncate(arm_mark);
                // Spanned at the source, so "not a Generator" points at the user's expression.
                // A wrong kind or resume type is reported at the source.
                // Every token of the call at one span: the loop is printed once per way into
                // it (the first resume and the one after each yield), and rustc keeps one
                // error per span and predicate.
                let at = Span::mixed_site().located_at(source_span);
                let krate_at = tokens::respan_all(krate.clone(), at);
                let (mut inner_here, mut sent_here) = (inner.clone(), sent.clone());
                inner_here.set_span(at);
                sent_here.set_span(at);
                // With the resume type named, a generator resumed with another type is
                // not a `Generator<R>`: said at the source, not as a mismatched argument.
                let resume = self.resume_ty.iter();
                let scrutinee: Expr = syn::parse_quote_spanned!(at=> #krate_at::__private::delegate::<_, #(#resume)*>(&mut #inner_here, #sent_here));
                scope_block.stmts.push(Stmt::Loop {
                    label: None,
                    body: Block {
                        stmts: vec![Stmt::Match {
                            scrutinee: scrutinee.into(),
                            arms: vec![yielded_arm, complete_arm],
                        }],
                        prelude: vec![],
                    },
                    // Written by the `Complete` arm before the only `break`.
                    slot: slot.cloned(),
                });
                self.env.truncate(mark);
                out.push(Stmt::Block(scope_block));
            }
        }
    }

    /// A new level of a stream's pinned slot: the expression that stores `inner` there, and
    /// the projection to it (`Some(Pin<&mut …>)` while it is stored).
    ///
    /// ```text
    /// level 2:  Chain::Next(Chain::Next(Chain::Here(inner)))
    ///           here(later(later(Some(Pin::as_mut(&mut __pinned)))))
    /// ```
    fn level(&mut self, inner: Expr) -> (TokenStream, TokenStream) {
        let krate = &self.krate;
        let pinned = pinned_ident();
        let mut store = quote!(#krate::__private::Chain::Here(#inner));
        let mut project =
            quote!(#krate::__private::Some(#krate::__private::Pin::as_mut(&mut #pinned)));
        for _ in 0..self.awaits {
            store = quote!(#krate::__private::Chain::Next(#store));
            project = quote!(#krate::__private::later(#project));
        }
        self.awaits += 1;
        (store, quote!(#krate::__private::here(#project)))
    }

    /// `Pin::set(&mut __pinned, value);` (dropping the old value in place).
    fn set_pinned(&self, value: TokenStream) -> syn::Stmt {
        let (krate, pinned) = (&self.krate, pinned_ident());
        parse_quote!(#krate::__private::Pin::set(&mut #pinned, #value);)
    }

    /// `Poll::Pending => <suspend>`: a suspension point that waits, where the stream
    /// hands out `Pending`.
    fn pending_arm(&mut self) -> Arm {
        let id = self.next_yield();
        self.pending.push(id);
        let krate = &self.krate;
        Arm {
            pat: parse_quote!(#krate::__private::Poll::Pending),
            guard: None,
            body: Block {
                stmts: vec![Stmt::Yield {
                    at: Span::mixed_site(),
                    id,
                    value: crate::ir::Frag::<Expr>::new(parse_quote!(())),
                    bind: None,
                }],
                prelude: Vec::new(),
            },
        }
    }

    /// `future.await` in a stream. The future goes into the pinned slot, at a level of its
    /// own, and is polled there until it is ready; in between the stream is `Pending`.
    ///
    /// ```text
    /// { Pin::set(…, Chain::Here(IntoFuture::into_future(future)));
    ///   loop { match poll_future(here(Some(Pin::as_mut(&mut __pinned))), __arg) {
    ///       Poll::Ready(ready) => { Pin::set(…, Chain::Empty); slot = ready; break; }
    ///       Poll::Pending => yield Pending } } }
    /// ```
    fn await_(&mut self, future: Expr, span: Span, slot: Option<&Ident>, out: &mut Vec<Stmt>) {
        if self.kind != Kind::Stream {
            let what = self.kind.noun();
            self.errors.error(
                span,
                format!(
                    "`.await` in {what}: only a stream can wait for a future; return \
                     `impl Stream<Item = T>` (or write `gen_stream! {{ … }}`) to make this \
                     generator an async one"
                ),
            );
            return;
        }
        let future = self.value(future, out);
        self.check_awaited_borrow(&future);
        let krate = self.krate.clone();
        // Every token of the calls at one span, `.await`'s (where plain Rust says "is not
        // a future"), the future in a block there: rustc keeps one error per span and
        // predicate.
        let at = Span::mixed_site().located_at(span);
        let krate_at = tokens::respan_all(krate.clone(), at);
        let into = tokens::call_at(
            quote!(#krate::__private::IntoFuture::into_future),
            future,
            at,
        );
        let (store, project) = self.level(into);
        let ready = Ident::new("__ready", Span::mixed_site());
        // The future is dropped in place as soon as it is ready, as `.await` drops it.
        let clear = self.set_pinned(quote!(#krate::__private::Chain::Empty));
        let finish: syn::Stmt = match slot {
            Some(slot) => parse_quote!({ #clear #slot = #ready; break; }),
            None => parse_quote!({ #clear let _ = #ready; break; }),
        };
        let ready_arm = self.arm(
            parse_quote!(#krate::__private::Poll::Ready(#ready)),
            Stmt::native(finish),
        );
        let pending_arm = self.pending_arm();
        let project = tokens::respan_all(project.into_token_stream(), at);
        let mut arg = arg_ident();
        arg.set_span(at);
        let scrutinee: Expr =
            parse_quote_spanned!(at=> #krate_at::__private::poll_future(#project, #arg));
        // The loop's only `break` is the `Ready` arm's, which writes the slot.
        out.push(poll_loop(
            self.set_pinned(store),
            scrutinee,
            vec![ready_arm, pending_arm],
            slot,
        ));
    }

    /// A match arm running `stmt`, with the bindings of `pat` in scope.
    fn arm(&mut self, pat: Pat, stmt: Stmt) -> Arm {
        let mark = self.env.len();
        let prelude = self.declare(&pat, None, None);
        self.mark_initialized(&prelude);
        self.env.truncate(mark);
        Arm {
            pat,
            guard: None,
            body: Block {
                stmts: vec![stmt],
                prelude,
            },
        }
    }

    /// A future that borrows a local of the stream (`it.next()`, `(&mut fut)`, `f(&x)`) or
    /// a temporary (`fetch(&format!(…))`) holds the borrow across the suspension points of
    /// its `.await`: the body needs a frame that does not move.
    fn check_awaited_borrow(&mut self, future: &Expr) {
        if scope::holds_temporary(future) {
            self.frame = true;
            return;
        }
        if resolve::borrows(&self.env, future)
            .into_iter()
            .any(|id| !self.is_reference(id))
        {
            self.frame = true;
        }
        // `let r = &v; total(r).await`: the future holds what `r` borrows.
        if resolve::uses(&self.env, future)
            .into_iter()
            .any(|id| self.bindings[id].borrows.is_some() || self.bindings[id].borrows_temporary)
        {
            self.frame = true;
        }
    }

    /// `yield_from!(inner)` in a stream: the inner stream goes into the pinned slot and is
    /// drained there, each of its items yielded, each of its `Pending`s handed on.
    fn yield_from_stream(&mut self, source: Expr, slot: Option<&Ident>, out: &mut Vec<Stmt>) {
        let source = self.value(source, out);
        let krate = self.krate.clone();
        // Every token of the calls at one span, the source in a block there: rustc keeps
        // one error per span and predicate.
        let at = Span::mixed_site().located_at(source.span());
        let krate_at = tokens::respan_all(krate.clone(), at);
        let checked = tokens::call_at(quote!(#krate::__private::stream_source), source, at);
        let (store, project) = self.level(checked);
        let item = Ident::new("__item", Span::mixed_site());
        let id = self.next_yield();
        let item_arm = self.arm(
            parse_quote!(#krate::__private::Poll::Ready(#krate::__private::Some(#item))),
            Stmt::Yield {
                at: Span::mixed_site(),
                id,
                value: crate::ir::Frag::<Expr>::new(parse_quote!(#item)),
                bind: None,
            },
        );
        let clear = self.set_pinned(quote!(#krate::__private::Chain::Empty));
        let end_arm = self.arm(
            parse_quote!(#krate::__private::Poll::Ready(#krate::__private::None)),
            Stmt::native(parse_quote!({ #clear break; })),
        );
        let pending_arm = self.pending_arm();
        let mut arg = arg_ident();
        arg.set_span(at);
        let project = tokens::respan_all(project.into_token_stream(), at);
        let scrutinee: Expr =
            parse_quote_spanned!(at=> #krate_at::__private::poll_stream(#project, #arg));
        out.push(poll_loop(
            self.set_pinned(store),
            scrutinee,
            vec![item_arm, end_arm, pending_arm],
            None,
        ));
        if let Some(slot) = slot {
            out.push(Stmt::native(parse_quote!(#slot = ();)));
        }
    }

    fn if_(&mut self, e: syn::ExprIf, slot: Option<&Ident>, out: &mut Vec<Stmt>) {
        let then_block = syn::Expr::Block(syn::ExprBlock {
            attrs: vec![],
            label: None,
            block: e.then_branch,
        });
        let els = e.else_branch.map(|(_, els)| *els);
        if let Expr::Let(mut l) = *e.cond {
            self.frame |= scope::holds_temporary(&l.expr);
            let scrutinee = self.value(*l.expr, out);
            *l.expr = scrutinee;
            let mark = self.env.len();
            let prelude = self.declare_refutable(&l.pat, Some(&l.expr));
            let then = self.branch(then_block, slot, prelude);
            self.env.truncate(mark);
            let wild: Pat = parse_quote!(_);
            let other = match els {
                Some(els) => self.branch(els, slot, Vec::new()),
                None => self.unit_branch(slot),
            };
            out.push(Stmt::Match {
                scrutinee: (*l.expr).into(),
                arms: vec![
                    Arm {
                        pat: *l.pat,
                        guard: None,
                        body: then,
                    },
                    Arm {
                        pat: wild,
                        guard: None,
                        body: other,
                    },
                ],
            });
            return;
        }
        let cond = self.value(*e.cond, out);
        let then = self.branch(then_block, slot, Vec::new());
        let els = match els {
            Some(els) => Some(self.branch(els, slot, Vec::new())),
            None if slot.is_some() => Some(self.unit_branch(slot)),
            None => None,
        };
        out.push(Stmt::If {
            cond: cond.into(),
            then,
            els,
        });
    }

    fn unit_branch(&mut self, slot: Option<&Ident>) -> Block {
        let mut b = Block::default();
        if let Some(slot) = slot {
            b.stmts.push(Stmt::native(parse_quote!(#slot = ();)));
        }
        b
    }

    /// An `if` branch or `match` arm body, writing its value into `slot` when given.
    fn branch(&mut self, body: Expr, slot: Option<&Ident>, prelude: Vec<BindingId>) -> Block {
        match slot {
            None => self.arm_body(body, prelude),
            Some(slot) => {
                let mut b = Block {
                    stmts: Vec::new(),
                    prelude,
                };
                self.expr_into(body, slot, &mut b.stmts);
                b
            }
        }
    }

    fn match_(&mut self, mut m: syn::ExprMatch, slot: Option<&Ident>, out: &mut Vec<Stmt>) {
        // The scrutinee's temporaries live through the arms, across their suspension points.
        self.frame |= scope::holds_temporary(&m.expr);
        let scrutinee = self.value(*m.expr, out);
        *m.expr = scrutinee;
        let by_ref = matches!(&*m.expr, Expr::Reference(_));
        let mut arms = Vec::new();
        for arm in m.arms {
            let mark = self.env.len();
            let prelude = self.declare_refutable(&arm.pat, Some(&m.expr));
            if by_ref {
                for &b in &prelude {
                    self.bindings[b].borrow_like = true;
                }
            }
            let body = self.branch(*arm.body, slot, prelude);
            self.env.truncate(mark);
            arms.push(Arm {
                pat: arm.pat,
                guard: arm.guard.map(|(_, g)| (*g).into()),
                body,
            });
        }
        out.push(Stmt::Match {
            scrutinee: (*m.expr).into(),
            arms,
        });
    }

    fn while_(&mut self, w: syn::ExprWhile, out: &mut Vec<Stmt>) {
        // A closure made in the loop and held across its suspension point would be made
        // by two copies of the loop's code: two types.
        self.frame |= scope::creates_unique_type(&w.body);
        if let Expr::Let(l) = &*w.cond {
            self.frame |= scope::holds_temporary(&l.expr);
        }
        let brk = || Block {
            stmts: vec![Stmt::native(parse_quote!(break;))],
            prelude: vec![],
        };
        let body_expr = Expr::Block(syn::ExprBlock {
            attrs: vec![],
            label: None,
            block: w.body,
        });
        // The condition is evaluated inside the loop, so its suspension points repeat too.
        let mark = self.env.len();
        let mut stmts = Vec::new();
        if let Expr::Let(l) = *w.cond {
            let scrutinee = self.value(*l.expr, &mut stmts);
            let inner = self.env.len();
            let prelude = self.declare_refutable(&l.pat, Some(&scrutinee));
            let then = self.arm_body(body_expr, prelude);
            self.env.truncate(inner);
            stmts.push(Stmt::Match {
                scrutinee: scrutinee.into(),
                arms: vec![
                    Arm {
                        pat: *l.pat,
                        guard: None,
                        body: then,
                    },
                    Arm {
                        pat: parse_quote!(_),
                        guard: None,
                        body: brk(),
                    },
                ],
            });
        } else {
            let cond = self.value(*w.cond, &mut stmts);
            let then = self.arm_body(body_expr, Vec::new());
            stmts.push(Stmt::If {
                cond: cond.into(),
                then,
                els: Some(brk()),
            });
        }
        self.env.truncate(mark);
        out.push(Stmt::Loop {
            label: w.label.map(|l| l.name),
            body: Block {
                stmts,
                prelude: vec![],
            },
            slot: None,
        });
    }

    fn for_(&mut self, f: syn::ExprForLoop, out: &mut Vec<Stmt>) {
        self.frame |= scope::creates_unique_type(&f.body) || scope::holds_temporary(&f.expr);
        let krate = self.krate.clone();
        let source_span = f.expr.span();
        // `for i in a..END`, `END` a constant: the loop keeps only the start.
        let (source, end) = match constant_end_range(&f.expr) {
            Some((start, end)) => (self.value(start, out), Some(end)),
            None => (self.value(*f.expr, out), None),
        };
        let mark = self.env.len();
        let iter = self.temp("iter");
        // Every token of the loop's calls at one span, so that rustc reports "not an
        // iterator" once: it keeps one error per span and predicate.
        let at = Span::mixed_site().located_at(source_span);
        let krate_at = tokens::respan_all(krate.clone(), at);
        let init: Expr = match end {
            Some(_) => source.clone(),
            // A range (nearly always an iterator) reads better as it stands.
            None if matches!(source, Expr::Range(_)) => {
                let krate_here = tokens::respan(krate.clone(), source_span);
                parse_quote_spanned!(source_span=> #krate_here::__private::IntoIterator::into_iter(#source))
            }
            None => tokens::call_at(
                quote!(#krate::__private::IntoIterator::into_iter),
                source.clone(),
                at,
            ),
        };
        let iter_pat: Pat = parse_quote!(mut #iter);
        let binds = self.declare(&iter_pat, None, Some(&source));
        // `into_iter(&v)` borrows exactly as `&v` does.
        if let Some(b) = binds.first() {
            self.bindings[*b].borrow_like = scope::is_borrow_like(&source);
        }
        let mut scope_block = Block::default();
        scope_block.stmts.push(Stmt::Let {
            pat: iter_pat,
            ty: None,
            init: Some(init.into()),
            diverge: None,
            binds,
        });
        let inner_mark = self.env.len();
        let prelude = self.declare(&f.pat, None, Some(&source));
        if scope::is_borrow_like(&source) {
            for &b in &prelude {
                self.bindings[b].borrow_like = true;
            }
        }
        let pat = *f.pat;
        let body = self.block(f.body, prelude);
        self.env.truncate(inner_mark);
        let some_arm = Arm {
            pat: parse_quote!(#krate::__private::Some(#pat)),
            guard: None,
            body,
        };
        let none_arm = Arm {
            pat: parse_quote!(#krate::__private::None),
            guard: None,
            body: Block {
                stmts: vec![Stmt::native(parse_quote!(break;))],
                prelude: vec![],
            },
        };
        let next: Expr = match end {
            Some(end) => parse_quote!(#krate::__private::next_below(&mut #iter, #end)),
            None => {
                let mut iter_here = iter.clone();
                iter_here.set_span(at);
                parse_quote_spanned!(at=> #krate_at::__private::Iterator::next(&mut #iter_here))
            }
        };
        scope_block.stmts.push(Stmt::Loop {
            label: f.label.map(|l| l.name),
            body: Block {
                stmts: vec![Stmt::Match {
                    scrutinee: next.into(),
                    arms: vec![some_arm, none_arm],
                }],
                prelude: vec![],
            },
            slot: None,
        });
        self.env.truncate(mark);
        out.push(Stmt::Block(scope_block));
    }

    /// Lowers a value-producing expression that contains a suspension point so that its
    /// value ends up in `slot`.
    fn expr_into(&mut self, expr: Expr, slot: &Ident, out: &mut Vec<Stmt>) {
        if !scope::contains_yield(&expr) {
            // `slot = { e };` would trip `unused_braces`: assign `e` itself.
            let expr = match &expr {
                Expr::Block(b) => scope::only_tail(b).cloned().unwrap_or(expr),
                _ => expr,
            };
            out.push(Stmt::native(parse_quote!(#slot = #expr;)));
            return;
        }
        if let Some(suspend) = self.suspend(&expr) {
            self.suspension(suspend, Some(slot), out);
            return;
        }
        match expr {
            Expr::If(e) => self.if_(e, Some(slot), out),
            Expr::Match(m) => self.match_(m, Some(slot), out),
            Expr::Loop(l) => {
                self.frame |= scope::creates_unique_type(&l.body);
                let body = self.block(l.body, Vec::new());
                out.push(Stmt::Loop {
                    label: l.label.map(|l| l.name),
                    body,
                    slot: Some(slot.clone()),
                });
            }
            Expr::Block(b) if b.label.is_some() => {
                let mark = self.env.len();
                let mut body = Block::default();
                self.block_into(b.block, slot, &mut body);
                self.env.truncate(mark);
                out.push(Stmt::Labeled {
                    label: b.label.map(|l| l.name).unwrap_or_else(|| unreachable!()),
                    body,
                    slot: Some(slot.clone()),
                });
            }
            Expr::Block(b) => {
                let mark = self.env.len();
                let mut body = Block::default();
                self.block_into(b.block, slot, &mut body);
                self.env.truncate(mark);
                out.push(Stmt::Block(body));
            }
            Expr::Paren(p) => self.expr_into(*p.expr, slot, out),
            e @ (Expr::While(_) | Expr::ForLoop(_)) => {
                self.expr_stmt(e, out);
                out.push(Stmt::native(parse_quote!(#slot = ();)));
            }
            // Diverging: nothing to store.
            e @ (Expr::Break(_) | Expr::Return(_)) => self.expr_stmt(e, out),
            other => {
                let e = self.value(other, out);
                out.push(Stmt::native(parse_quote!(#slot = #e;)));
            }
        }
    }

    fn block_into(&mut self, block: syn::Block, slot: &Ident, body: &mut Block) {
        let (stmts, tail) = split_tail(block.stmts);
        self.seq(stmts, End::Slot(slot.clone(), tail), &mut body.stmts);
    }
}

/// What follows a block's statements: the body's completion, the block's value stored in
/// a slot, or nothing.
#[derive(Clone)]
enum End {
    Nothing,
    Body(Option<Expr>),
    Slot(Ident, Option<Expr>),
}

impl End {
    /// The value it evaluates, if any.
    fn expr(&self) -> Option<&Expr> {
        match self {
            End::Body(Some(e)) | End::Slot(_, Some(e)) => Some(e),
            _ => None,
        }
    }

    fn suspends(&self) -> bool {
        self.expr().is_some_and(scope::contains_yield)
    }
}

/// The tokens of `stmts` and then of `end`'s value: what a name must not occur in.
fn code_after(stmts: &[&[syn::Stmt]], end: &End) -> TokenStream {
    let mut out: TokenStream = stmts
        .iter()
        .flat_map(|s| s.iter())
        .map(|s| s.to_token_stream())
        .collect();
    out.extend(end.expr().map(|e| e.to_token_stream()));
    out
}

/// The name and written type of `let x` / `let x: T` (no `ref`, no `@` pattern).
fn simple_binding(pat: &Pat) -> Option<(&Ident, Option<&syn::Type>)> {
    match pat {
        Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => Some((&p.ident, None)),
        Pat::Type(t) => match &*t.pat {
            Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                Some((&p.ident, Some(&*t.ty)))
            }
            _ => None,
        },
        _ => None,
    }
}

/// A statement that binds no name in its block: no `let` (but `let _ = e;`, which drops
/// its value at once), no item, no macro that might expand to them (the standard
/// library's expression macros do not).
fn declares_nothing(stmt: &syn::Stmt) -> bool {
    match stmt {
        syn::Stmt::Local(l) => {
            let wild = match &l.pat {
                Pat::Wild(_) => true,
                Pat::Type(t) => matches!(&*t.pat, Pat::Wild(_)),
                _ => false,
            };
            wild && l.init.as_ref().is_some_and(|i| i.diverge.is_none())
        }
        syn::Stmt::Item(_) => false,
        syn::Stmt::Macro(m) => m.mac.path.segments.last().is_some_and(|s| {
            scope::never_awaits(&s.ident.to_string()) || scope::yield_macro(&m.mac).is_some()
        }),
        syn::Stmt::Expr(..) => true,
    }
}

/// Can a branch's block be laid out flat before the rest of its block, and which of its
/// locals must then be dropped where it ends (youngest first)? Each statement declares
/// nothing, or plain values the rest does not name, or one value whose uses in the block
/// after its `let` the analyses follow ([`scope::whole_or_moved`]).
fn flat_drops(stmts: &[syn::Stmt], rest: &[syn::Stmt], end: &End) -> Option<Vec<Ident>> {
    flat_layout(stmts, rest, end).map(|(_, drops)| drops)
}

/// [`flat_drops`], with the block's statements as they are laid out where that differs
/// (`Some`): a value whose name the rest of the enclosing block mentions (another binding
/// it would hide there) gets a hygienic name of its own in the block (`let mut pa = pa;`
/// in a branch, then `pa` after it).
fn flat_layout(
    stmts: &[syn::Stmt],
    rest: &[syn::Stmt],
    end: &End,
) -> Option<(Option<Vec<syn::Stmt>>, Vec<Ident>)> {
    let mut after: Option<TokenStream> = None;
    let mut renamed: Option<Vec<syn::Stmt>> = None;
    let mut drops = Vec::new();
    for i in 0..stmts.len() {
        let current = renamed.as_deref().unwrap_or(stmts);
        if declares_nothing(&current[i]) || declares_plain_unseen(&current[i], rest, end) {
            continue;
        }
        let syn::Stmt::Local(local) = &current[i] else {
            return None;
        };
        let (ident, _) = simple_binding(&local.pat)?;
        let ident = ident.clone();
        let simple = local
            .init
            .as_ref()
            .is_some_and(|init| init.diverge.is_none());
        if !simple || ident == "self" || !scope::whole_or_moved(&current[i + 1..], &ident) {
            return None;
        }
        let after = after.get_or_insert_with(|| code_after(&[rest], end));
        if tokens::mentions(after, &ident) {
            let fresh = format!("__flat_{}", ident.to_string().trim_start_matches("r#"));
            let laid_out = renamed.get_or_insert_with(|| stmts.to_vec());
            drops.push(rename_after_let(&mut laid_out[i..], &ident, &fresh)?);
        } else {
            drops.push(ident);
        }
    }
    drops.reverse();
    Some((renamed, drops))
}

/// Renames the binding of `stmts[0]` (a `let` of one name) and its mentions in the
/// statements after it to `fresh`, each at its own place with mixed-site hygiene, and
/// returns the new binding; `None` where a mention could not be renamed (an inline format
/// argument, a struct literal's shorthand field, an item).
fn rename_after_let(stmts: &mut [syn::Stmt], old: &Ident, fresh: &str) -> Option<Ident> {
    let hygienic = |at: Span| Ident::new(fresh, at.resolved_at(Span::mixed_site()));
    let (first, later) = stmts.split_first_mut()?;
    let syn::Stmt::Local(local) = first else {
        return None;
    };
    let pat_ident = match &mut local.pat {
        Pat::Ident(p) => &mut p.ident,
        Pat::Type(t) => match &mut *t.pat {
            Pat::Ident(p) => &mut p.ident,
            _ => return None,
        },
        _ => return None,
    };
    *pat_ident = hygienic(pat_ident.span());
    let binding = pat_ident.clone();
    if later.iter().any(|s| scope::has_item_or_shorthand(s, old)) {
        return None;
    }
    let tokens: TokenStream = later.iter().map(ToTokens::to_token_stream).collect();
    let renamed = tokens::map_idents(tokens, &mut |id, prev, _| {
        let after_punct = matches!(prev, Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '.' || p.as_char() == ':');
        (id == old && !after_punct).then(|| hygienic(id.span()))
    });
    if tokens::mentions(&renamed, old) {
        return None;
    }
    let parsed = syn::parse::Parser::parse2(syn::Block::parse_within, renamed).ok()?;
    if parsed.len() != later.len() {
        return None;
    }
    later.iter_mut().zip(parsed).for_each(|(s, p)| *s = p);
    Some(binding)
}

/// A `let` of one name whose type has no drop glue (`let r: i64 = …`, `let n = 3;`),
/// a name the rest of the body after the block does not mention: the block's statements
/// can run in the enclosing sequence unchanged (nothing to drop at the block's end, and
/// no later code sees the name).
fn declares_plain_unseen(stmt: &syn::Stmt, rest: &[syn::Stmt], end: &End) -> bool {
    let syn::Stmt::Local(local) = stmt else {
        return false;
    };
    let Some((ident, ty)) = simple_binding(&local.pat) else {
        return false;
    };
    let plain = match (ty, &local.init) {
        (Some(ty), _) => plain_type(ty),
        (None, Some(init)) => init.diverge.is_none() && plain_init(&init.expr),
        (None, None) => false,
    };
    plain && !tokens::mentions(&code_after(&[rest], end), ident)
}

/// Can a `match` arm be one way of a split? Its bindings are then in scope in its copy of
/// the rest, so the rest must not name them; and those that may own a value are dropped
/// where the arm's code ends by a scope end, so the arm's uses of them must be ones the
/// analyses follow ([`scope::whole_or_moved`]).
fn arm_splits(arm: &syn::Arm, rest: &[syn::Stmt], end: &End) -> bool {
    let bindings = scope::pat_bindings(&arm.pat, false);
    if bindings.is_empty() {
        return true;
    }
    let after = code_after(&[rest], end);
    let named_after = bindings.iter().any(|b| tokens::mentions(&after, &b.ident));
    !named_after
        && owned_bindings(&arm.pat)
            .iter()
            .all(|b| scope::whole_or_moved_in(&arm.body, b))
}

/// The bindings of a pattern that may own a value with drop glue: not `ref`, not a
/// literal's value (`x @ 0`).
fn owned_bindings(pat: &Pat) -> Vec<Ident> {
    let literal = scope::literal_bindings(pat);
    scope::pat_bindings(pat, false)
        .into_iter()
        .filter(|b| !b.by_ref && !literal.contains(&b.ident))
        .map(|b| b.ident)
        .collect()
}

/// At most this many statements are split per body: each lowers the rest of its block
/// once per way through it. A statement in the rest is split again in each copy, and
/// counts once per copy (difftest `--drops --seed 33011` p270 split one `match` three
/// times and reached the sixteenth split before its last move); what bounds the states,
/// and so rustc's time, is [`MAX_SPLIT_COPIES`].
const MAX_SPLITS: usize = 32;

/// At most this many suspension points copied by splits in a body: each is a state of
/// its own, and rustc's time grows with them (a body of 53 yields whose splits made 282
/// states compiled in two minutes while each state had type parameters of its own; with
/// one per local and this budget it has 162 states and compiles in about a second). The
/// budget goes to the splits in source order: 64 left a later branch's move unsplit in
/// bodies of four nested matches (difftest `--drops --seed 13013` p131).
const MAX_SPLIT_COPIES: usize = 128;

/// The suspension points a split of `e` (an `if` or a `match`) followed by `rest` adds:
/// every way after the first has its own copy of the rest.
fn split_copies(e: &Expr, rest: &[syn::Stmt], end: &End) -> usize {
    let ways = match e {
        Expr::Match(m) => m.arms.len(),
        _ => 2,
    };
    let end = end.expr().map_or(0, |e| {
        scope::suspension_points(&[syn::Stmt::Expr(e.clone(), None)])
    });
    ways.saturating_sub(1) * (scope::suspension_points(rest) + end)
}

/// A block's statements with its tail expression as one more statement (its value
/// unused): the block laid out in a sequence.
fn statements(stmts: Vec<syn::Stmt>) -> Vec<syn::Stmt> {
    let (mut inner, tail) = split_tail(stmts);
    inner.extend(tail.map(|t| syn::Stmt::Expr(t, Some(Default::default()))));
    inner
}

/// The statements of a block and its tail expression.
fn split_tail(mut stmts: Vec<syn::Stmt>) -> (Vec<syn::Stmt>, Option<Expr>) {
    let tail = match stmts.last() {
        Some(syn::Stmt::Expr(_, None)) => match stmts.pop() {
            Some(syn::Stmt::Expr(e, None)) => Some(e),
            _ => None,
        },
        _ => None,
    };
    (stmts, tail)
}

/// The operands of an expression in evaluation order, or `None` where spilling is not
/// supported (macros, closures, …).
fn operands(expr: &mut Expr) -> Option<Vec<&mut Expr>> {
    Some(match expr {
        Expr::Call(c) => std::iter::once(&mut *c.func)
            .chain(c.args.iter_mut())
            .collect(),
        Expr::MethodCall(m) => std::iter::once(&mut *m.receiver)
            .chain(m.args.iter_mut())
            .collect(),
        Expr::Binary(b) => vec![&mut *b.left, &mut *b.right],
        Expr::Unary(u) => vec![&mut *u.expr],
        Expr::Tuple(t) => t.elems.iter_mut().collect(),
        Expr::Array(a) => a.elems.iter_mut().collect(),
        Expr::Struct(s) => {
            let rest = s.rest.as_deref_mut();
            s.fields
                .iter_mut()
                .map(|f| &mut f.expr)
                .chain(rest)
                .collect()
        }
        Expr::Field(f) => vec![&mut *f.base],
        Expr::Index(i) => vec![&mut *i.expr, &mut *i.index],
        Expr::Cast(c) => vec![&mut *c.expr],
        Expr::Paren(p) => vec![&mut *p.expr],
        Expr::Reference(r) => vec![&mut *r.expr],
        Expr::Assign(a) => vec![&mut *a.left, &mut *a.right],
        Expr::Try(t) => vec![&mut *t.expr],
        Expr::Repeat(r) => vec![&mut *r.expr],
        Expr::Range(r) => r
            .start
            .as_deref_mut()
            .into_iter()
            .chain(r.end.as_deref_mut())
            .collect(),
        _ => return None,
    })
}

/// Places nothing outside can change while the generator is suspended: literals, locals,
/// paths, and fields, derefs and borrows of those. They need no temporary.
fn is_stable(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(_) | Expr::Path(_) => true,
        Expr::Field(f) => is_stable(&f.base),
        Expr::Paren(p) => is_stable(&p.expr),
        Expr::Reference(r) => is_stable(&r.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => is_stable(&u.expr),
        _ => false,
    }
}

/// `{ store; loop { match scrutinee { arms } } }`: what an `.await` or a stream's
/// `yield_from!` lowers to, its loop left by the arm that writes `slot`.
fn poll_loop(store: syn::Stmt, scrutinee: Expr, arms: Vec<Arm>, slot: Option<&Ident>) -> Stmt {
    Stmt::Block(Block {
        stmts: vec![
            Stmt::native(store),
            Stmt::Loop {
                label: None,
                body: Block {
                    stmts: vec![Stmt::Match {
                        scrutinee: scrutinee.into(),
                        arms,
                    }],
                    prelude: Vec::new(),
                },
                slot: slot.cloned(),
            },
        ],
        prelude: Vec::new(),
    })
}

fn init_eq() -> syn::Token![=] {
    Default::default()
}

fn block_contains_yield(block: &syn::Block) -> bool {
    block.stmts.iter().any(scope::stmt_contains_yield)
}

fn unparen(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => unparen(&p.expr),
        other => other,
    }
}

/// `mut x` → `x`: the `match` arm only moves the values out; the tuple pattern takes `mut`.
fn strip_binding_modes(mut pat: Pat) -> Pat {
    struct Strip;
    impl syn::visit_mut::VisitMut for Strip {
        fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
            p.mutability = None;
            syn::visit_mut::visit_pat_ident_mut(self, p);
        }
    }
    syn::visit_mut::VisitMut::visit_pat_mut(&mut Strip, &mut pat);
    pat
}

fn with_type(pat: Pat, ty: Option<Box<syn::Type>>) -> Pat {
    match ty {
        Some(ty) => Pat::Type(syn::PatType {
            attrs: vec![],
            pat: Box::new(pat),
            colon_token: Default::default(),
            ty,
        }),
        None => pat,
    }
}

/// `[T; 64]`, or a type that holds one by value (`([u8; 32], usize)`, not `&[T; 64]`).
fn large_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Array(a) => long(&a.len) || large_type(&a.elem),
        syn::Type::Tuple(t) => t.elems.iter().any(large_type),
        syn::Type::Paren(p) => large_type(&p.elem),
        syn::Type::Group(g) => large_type(&g.elem),
        _ => false,
    }
}

/// A type whose drop nobody can observe, as written: a primitive scalar, a reference, a
/// raw pointer, an array or tuple of them, or std's owning containers of them (`String`,
/// `Vec<T>`, `VecDeque<T>`, `Box<T>`, `Option<T>`), whose drop only frees memory. (A user
/// type named `u32` or `Vec` would shadow std's only in a module that declares it; such
/// code is not worth the doubt.)
fn plain_type(ty: &syn::Type) -> bool {
    const SCALARS: &[&str] = &[
        "bool", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16",
        "u32", "u64", "u128", "usize", "str", "String",
    ];
    const CONTAINERS: &[&str] = &["Vec", "VecDeque", "Box", "Option"];
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else {
                return false;
            };
            let name = last.ident.to_string();
            match &last.arguments {
                syn::PathArguments::None => {
                    SCALARS.contains(&name.as_str())
                        && (p.path.segments.len() == 1 || name == "String")
                }
                syn::PathArguments::AngleBracketed(a) if CONTAINERS.contains(&name.as_str()) => {
                    let mut types = a.args.iter().map(|arg| match arg {
                        syn::GenericArgument::Type(t) => Some(t),
                        _ => None,
                    });
                    a.args.len() == 1 && types.all(|t| t.is_some_and(plain_type))
                }
                _ => false,
            }
        }
        syn::Type::Reference(_) | syn::Type::Ptr(_) => true,
        syn::Type::Array(a) => plain_type(&a.elem),
        syn::Type::Slice(a) => plain_type(&a.elem),
        syn::Type::Tuple(t) => t.elems.iter().all(plain_type),
        syn::Type::Paren(p) => plain_type(&p.elem),
        syn::Type::Group(g) => plain_type(&g.elem),
        _ => false,
    }
}

/// An initializer whose value has no drop glue: a literal, a negated one, a cast
/// (`as` yields only scalars and pointers), or an array or tuple of those.
fn plain_init(init: &Expr) -> bool {
    match init {
        Expr::Lit(_) | Expr::Cast(_) => true,
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => matches!(&*u.expr, Expr::Lit(_)),
        Expr::Repeat(r) => plain_init(&r.expr),
        Expr::Array(a) => a.elems.iter().all(plain_init),
        Expr::Tuple(t) => t.elems.iter().all(plain_init),
        Expr::Paren(p) => plain_init(&p.expr),
        _ => false,
    }
}

/// `[0u64; 64]` or an array literal of as many elements.
fn large_init(init: &Expr) -> bool {
    match init {
        Expr::Repeat(r) => long(&r.len),
        Expr::Array(a) => a.elems.len() as u64 >= crate::ir::LARGE_ARRAY,
        Expr::Paren(p) => large_init(&p.expr),
        Expr::Tuple(t) => t.elems.iter().any(large_init),
        _ => false,
    }
}

/// An array length written as an integer literal of at least [`crate::ir::LARGE_ARRAY`].
fn long(len: &Expr) -> bool {
    matches!(len, Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(n), .. })
        if n.base10_parse::<u64>().is_ok_and(|n| n >= crate::ir::LARGE_ARRAY))
}

fn is_single_uppercase(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.qself.is_none() && p.path.get_ident().is_some_and(|i| {
        let s = i.to_string();
        s.len() <= 2 && s.starts_with(|c: char| c.is_uppercase())
    }))
}

/// `a..END` (in parentheses or not) whose end is an integer, `char` or byte literal or a
/// path of more than one segment (`Self::LEN`, `u8::MAX`): the same value at every step,
/// so a `for` loop over it can keep the start alone and name the end at each step.
fn constant_end_range(source: &Expr) -> Option<(Expr, Expr)> {
    let mut inner = source;
    while let Expr::Paren(p) = inner {
        inner = &p.expr;
    }
    if let Expr::Range(syn::ExprRange {
        attrs,
        start: Some(start),
        limits: syn::RangeLimits::HalfOpen(_),
        end: Some(end),
    }) = inner
    {
        let constant = match &**end {
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(_) | syn::Lit::Char(_) | syn::Lit::Byte(_),
                attrs,
            }) => attrs.is_empty(),
            Expr::Path(p) => p.attrs.is_empty() && (p.qself.is_some() || p.path.segments.len() > 1),
            _ => false,
        };
        if constant && attrs.is_empty() {
            return Some(((**start).clone(), (**end).clone()));
        }
    }
    None
}

/// The IR of an iterator body without parameters (for unit tests of later phases).
#[cfg(test)]
pub fn normalize_block(body: TokenStream) -> Body {
    let (body, errors) = normalize_kind(Kind::Iterator, body);
    assert_eq!(errors, "");
    body
}

/// The IR of a body of any kind without parameters, and its errors as text.
#[cfg(test)]
pub fn normalize_kind(kind: Kind, body: TokenStream) -> (Body, String) {
    let block: syn::Block = syn::parse2(body).unwrap();
    let mut errors = Errors::default();
    let inputs = syn::punctuated::Punctuated::new();
    let sig = Signature {
        kind,
        yield_ty: None,
        return_ty: None,
        resume_ty: None,
        krate: quote!(::gen_runtime),
        resume_name: None,
        boxed: false,
        ret_span: proc_macro2::Span::call_site(),
    };
    let (body, _) = normalize(&sig, &inputs, block, &mut errors);
    (body, errors.into_compile_errors().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact rendering of the IR: one letter per statement kind, nesting in brackets.
    fn shape(block: &Block) -> String {
        block
            .stmts
            .iter()
            .map(|s| match s {
                Stmt::Native(_) => "n".to_owned(),
                Stmt::Let { .. } => "l".to_owned(),
                Stmt::Yield { .. } => "Y".to_owned(),
                Stmt::Join { .. } => "J".to_owned(),
                Stmt::End { .. } => "E".to_owned(),
                Stmt::If { then, els, .. } => {
                    format!(
                        "if[{}|{}]",
                        shape(then),
                        els.as_ref().map(shape).unwrap_or_default()
                    )
                }
                Stmt::Match { arms, .. } => {
                    format!(
                        "match[{}]",
                        arms.iter()
                            .map(|a| shape(&a.body))
                            .collect::<Vec<_>>()
                            .join("|")
                    )
                }
                Stmt::Loop { body, .. } => format!("loop[{}]", shape(body)),
                Stmt::Labeled { body, .. } => format!("label[{}]", shape(body)),
                Stmt::Block(b) => format!("{{{}}}", shape(b)),
                Stmt::Return(_) => "R".to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn lower(body: TokenStream) -> String {
        shape(&normalize_block(body).block)
    }

    #[test]
    fn an_await_polls_its_future_in_the_pinned_slot_and_suspends_while_pending() {
        let (body, errors) = normalize_kind(
            Kind::Stream,
            quote!({
                let x = f().await;
                yield_!(x);
                yield_from!(g(x.await));
            }),
        );
        assert_eq!(errors, "");
        // `let x = f().await`: a result slot, then { store; loop { match poll { Ready =>
        // take it and break | Pending => suspend } } }, where paths meet, then the `let`.
        assert_eq!(
            shape(&body.block),
            "l {n loop[match[n|Y]]} J l Y l {n loop[match[n|Y]]} J {n loop[match[Y|n|Y]]} R"
        );
        // Suspension points 0, 2 and 4 wait; 1 is the user's yield, 3 hands on an item of
        // the inner stream.
        assert_eq!(body.yields, 5);
        assert_eq!(body.pending, [0, 2, 4]);
        assert_eq!(body.awaits, 3, "one level per `.await` and `yield_from!`");
        let mut store = String::new();
        body.block.fragments(&mut |_, f| {
            if let Fragment::Stmt(s) = f {
                let t = s.to_token_stream().to_string();
                if store.is_empty() && t.contains("Chain :: Here") {
                    store = t;
                }
            }
        });
        assert!(
            store.contains("Pin :: set (& mut __pinned , :: gen_runtime :: __private :: Chain :: Here (:: gen_runtime :: __private :: IntoFuture :: into_future ({ f () })))"),
            "{store}"
        );
    }

    #[test]
    fn awaits_outside_a_stream_are_errors_and_borrowing_awaits_need_a_frame() {
        let (_, text) = normalize_kind(
            Kind::Iterator,
            quote!({
                yield_!(f().await);
            }),
        );
        assert!(
            text.contains("`.await` in an iterator: only a stream"),
            "{text}"
        );
        let frame = |body: TokenStream| {
            let (body, text) = normalize_kind(Kind::Stream, body);
            assert_eq!(text, "");
            body.frame
        };
        // A future that borrows a local of the stream, or a temporary.
        assert!(frame(quote!({
            let mut rx = channel();
            let v = rx.recv().await;
            yield_!(v);
        })));
        assert!(frame(quote!({
            let n = fetch(&format!("{}", 1)).await;
            yield_!(n);
        })));
        // Through a reference parameter or a reference local, the future borrows what the
        // reference points to; a future that owns what it uses borrows nothing.
        assert!(!frame(quote!({
            let r = &mut outer;
            yield_!(r.recv().await);
            yield_!(sleep(ms).await);
        })));
    }

    #[test]
    fn only_statements_with_yields_are_taken_apart() {
        assert_eq!(
            lower(quote!({
                let a = 1;
                for x in 0..a {
                    f(x);
                }
                yield_!(a);
            })),
            "l n Y R"
        );
        assert_eq!(
            lower(quote!({
                for x in v {
                    yield_!(x);
                }
            })),
            "{l loop[match[Y|n]]} R"
        );
        assert_eq!(
            lower(quote!({
                while c() {
                    yield_!(1);
                }
            })),
            "loop[if[Y|n]] R"
        );
        assert_eq!(
            lower(quote!({
                if let Some(x) = o {
                    yield_!(x);
                }
            })),
            "match[Y|] R"
        );
    }

    #[test]
    fn a_statement_after_which_a_value_may_be_gone_splits_the_rest_within_a_budget() {
        let yields = |body: TokenStream| normalize_block(body).yields;
        // Each way has its own copy of the rest: two yields each.
        assert_eq!(
            lower(quote!({
                let b = make();
                if c {
                    drop(b);
                }
                yield_!(1);
                yield_!(2);
            })),
            "l if[n Y Y R|Y Y R]"
        );
        // Every way moves `b` on some ways only: the outer `if` splits so that each inner
        // one can.
        let nested = quote!({
            let b = make();
            if a {
                if c {
                    drop(b);
                }
            } else if d {
                drop(b);
            }
            yield_!(1);
        });
        assert_eq!(yields(nested), 4);
        // A split that would copy more than the budget of suspension points is not made.
        let many: Vec<TokenStream> = (0..MAX_SPLIT_COPIES as u64)
            .map(|i| quote!(yield_!(#i);))
            .collect();
        let within = quote!({
            let b = make();
            if c {
                drop(b);
            }
            #(#many)*
        });
        assert_eq!(yields(within), 2 * MAX_SPLIT_COPIES);
        let over = quote!({
            let b = make();
            if c {
                drop(b);
            }
            #(#many)*
            yield_!(0);
        });
        assert_eq!(yields(over), MAX_SPLIT_COPIES + 1);
    }

    #[test]
    fn a_value_that_would_hide_a_name_of_the_rest_is_renamed_in_its_block() {
        let layout = |block: TokenStream, rest: TokenStream| {
            let block: syn::Block = syn::parse2(block).unwrap();
            let rest: syn::Block = syn::parse2(rest).unwrap();
            flat_layout(&block.stmts, &rest.stmts, &End::Nothing).map(|(stmts, drops)| {
                let stmts = stmts.unwrap_or(block.stmts.clone());
                let stmts: TokenStream = stmts.iter().map(ToTokens::to_token_stream).collect();
                (
                    stmts.to_string(),
                    drops.iter().map(ToString::to_string).collect::<Vec<_>>(),
                )
            })
        };
        let rest = quote!({
            f(pa);
        });
        assert_eq!(
            layout(
                quote!({
                    let mut pa = pa;
                    g(&pa, pa.len());
                    pa = make();
                }),
                rest.clone()
            ),
            Some((
                "let mut __flat_pa = pa ; g (& __flat_pa , __flat_pa . len ()) ; __flat_pa = make () ;"
                    .to_owned(),
                vec!["__flat_pa".to_owned()]
            ))
        );
        // A mention it cannot rename, or one it cannot tell from the local (a field or
        // a path segment of the same name): the block stays whole.
        for block in [
            quote!({
                let pa = make();
                g(o.pa);
            }),
            quote!({
                let pa = make();
                println!("{pa}");
            }),
            quote!({
                let pa = make();
                let s = S { pa };
            }),
        ] {
            assert_eq!(layout(block, rest.clone()), None);
        }
    }

    #[test]
    fn a_branch_block_is_laid_out_flat_with_the_drops_of_its_values() {
        let drops = |block: TokenStream, rest: TokenStream| {
            let block: syn::Block = syn::parse2(block).unwrap();
            let rest: syn::Block = syn::parse2(rest).unwrap();
            flat_drops(&block.stmts, &rest.stmts, &End::Nothing)
                .map(|d| d.iter().map(|i| i.to_string()).collect::<Vec<_>>())
        };
        assert_eq!(
            drops(
                quote!({
                    f();
                }),
                quote!({})
            ),
            Some(vec![])
        );
        assert_eq!(
            drops(
                quote!({
                    let n: usize = 1;
                    f(n);
                }),
                quote!({})
            ),
            Some(vec![])
        );
        assert_eq!(
            drops(
                quote!({
                    let _ = make();
                }),
                quote!({})
            ),
            Some(vec![]),
            "`let _ = e;` drops its value at once"
        );
        // Youngest first, as a block's end drops them.
        assert_eq!(
            drops(
                quote!({
                    let a = a;
                    if c {
                        drop(o);
                    }
                    let g = make();
                }),
                quote!({
                    yield_!(1);
                })
            ),
            Some(vec!["g".to_owned(), "a".to_owned()])
        );
        // Moved whole after its `let`: its drop is a scope end, which runs only where
        // the analyses find it still there.
        assert_eq!(
            drops(
                quote!({
                    let g = make();
                    consume(g);
                }),
                quote!({})
            ),
            Some(vec!["g".to_owned()])
        );
        // Used in a way whose effect the analyses do not follow (a closure's capture), or
        // bound by a pattern: the block stays whole.
        assert_eq!(
            drops(
                quote!({
                    let g = make();
                    let f = || consume(g);
                }),
                quote!({})
            ),
            None
        );
        assert_eq!(
            drops(
                quote!({
                    let a = make();
                }),
                quote!({
                    f(a);
                })
            ),
            Some(vec!["__flat_a".to_owned()]),
            "renamed: the rest's `a` is another binding"
        );
        assert_eq!(
            drops(
                quote!({
                    let (a, b) = make();
                }),
                quote!({})
            ),
            None
        );
        assert_eq!(
            drops(
                quote!({
                    let Some(a) = o else {
                        return;
                    };
                }),
                quote!({})
            ),
            None
        );
    }

    #[test]
    fn ranges_with_a_constant_end_keep_only_their_start() {
        let ends =
            |e: Expr| constant_end_range(&e).map(|(start, end)| quote!(#start, #end).to_string());
        assert_eq!(ends(parse_quote!(0..64)), Some("0 , 64".to_owned()));
        assert_eq!(
            ends(parse_quote!((x + 1..64u8))),
            Some("x + 1 , 64u8".to_owned())
        );
        assert_eq!(
            ends(parse_quote!(a..Self::LEN)),
            Some("a , Self :: LEN".to_owned())
        );
        assert_eq!(ends(parse_quote!('a'..'z')), Some("'a' , 'z'".to_owned()));
        // A local may change inside the loop; `..=` and open ranges are left alone.
        for e in [
            parse_quote!(0..n),
            parse_quote!(0..N),
            parse_quote!(0..=63),
            parse_quote!(0..),
            parse_quote!(0..-1),
            parse_quote!(v),
        ] {
            assert_eq!(ends(e), None);
        }
    }

    #[test]
    fn values_of_split_control_flow_go_through_a_slot() {
        assert_eq!(
            lower(quote!({
                let r = if c {
                    yield_!(1);
                    2
                } else {
                    3
                };
            })),
            // The join: where the branch that yields meets the one that does not.
            "l if[{Y n}|n] J l R"
        );
        // Operands before the suspension point are spilled, stable places are not.
        assert_eq!(
            lower(quote!({
                f(a(), x, yield_!(b), c());
            })),
            "l Y n R"
        );
    }
}
