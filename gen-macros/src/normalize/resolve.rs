//! Names resolved once: every fragment of the IR gets its [`Flow`], the uses of the
//! generator's locals by binding id inside the control flow of the fragment itself.
//!
//! ```text
//! let x = make();            Let x            (binding 0)
//! { let x = 1; f(x); }       Native: Seq[]    (the inner `x` is the block's own)
//! if c(&x) { drop(x); }      Native: Seq[Use(0 Borrow), Branch[Use(0 Read), Seq[]]]
//! ```
//!
//! Names bound inside a fragment (its own `let`s, patterns, closure parameters) hide the
//! generator's bindings of the same name; closures and async blocks capture what they use
//! (a `move` one by value), and their own control flow is not the generator's.

use crate::ir::{At, Binding, BindingId, Block, Body, Flow, Stmt, Use, UseKind};
use crate::scope;
use crate::tokens;
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use std::collections::HashSet;
use syn::visit::{self, Visit};
use syn::{Expr, Pat};

/// Fills in the flow of every fragment of the body, and adds a binding for each field of
/// a binding that some fragment names ([`Binding::field_of`]).
pub fn resolve(body: &mut Body) {
    let mut env = Env {
        first_field: body.bindings.len(),
        ..Env::default()
    };
    block(&mut body.block, &body.bindings, &mut env);
    for (parent, field) in env.fields {
        let p = &body.bindings[parent];
        let base = p.ident.to_string();
        let base = base.trim_start_matches("r#").trim_start_matches('_');
        body.bindings.push(Binding {
            ident: Ident::new(
                &format!("__{base}_{}", field.trim_start_matches("r#")),
                Span::mixed_site(),
            ),
            mutable: p.mutable,
            deferred: false,
            borrow_like: false,
            ty: None,
            borrows: None,
            borrows_temporary: false,
            owned: false,
            plain: false,
            large: false,
            temporary: false,
            field_of: Some((parent, field)),
        });
    }
}

/// The bindings visible by name, innermost last, and the fields named so far.
#[derive(Default)]
struct Env<'o> {
    /// Names visible from outside the code walked ([`flow_in`]'s), searched after
    /// `names`: borrowed, not copied for each fragment.
    outer: &'o [(String, BindingId)],
    names: Vec<(String, BindingId)>,
    fields: Vec<(BindingId, String)>,
    /// The id of the first field binding.
    first_field: BindingId,
}

impl Env<'_> {
    fn len(&self) -> usize {
        self.names.len()
    }

    fn truncate(&mut self, n: usize) {
        self.names.truncate(n);
    }

    /// The binding standing for `field` of `parent`.
    fn field(&mut self, parent: BindingId, field: &str) -> BindingId {
        let found = self
            .fields
            .iter()
            .position(|(p, f)| *p == parent && f == field);
        let i = found.unwrap_or_else(|| {
            self.fields.push((parent, field.to_owned()));
            self.fields.len() - 1
        });
        self.first_field + i
    }
}

fn declare(env: &mut Env<'_>, bindings: &[Binding], ids: &[BindingId]) {
    env.names
        .extend(ids.iter().map(|&b| (bindings[b].ident.to_string(), b)));
}

fn block(b: &mut Block, bindings: &[Binding], env: &mut Env<'_>) {
    let mark = env.len();
    declare(env, bindings, &b.prelude);
    for s in &mut b.stmts {
        stmt(s, bindings, env);
    }
    env.truncate(mark);
}

fn stmt(s: &mut Stmt, bindings: &[Binding], env: &mut Env<'_>) {
    match s {
        Stmt::Native(f) | Stmt::End { drop: f, .. } => {
            f.flow = Resolver::run(env, |r| r.visit_stmt(&f.syn));
        }
        Stmt::Let {
            init,
            diverge,
            binds,
            ..
        } => {
            if let Some(i) = init {
                i.flow = Resolver::run(env, |r| r.visit_expr(&i.syn));
            }
            if let Some(d) = diverge {
                d.flow = Resolver::run(env, |r| r.visit_block(&d.syn));
            }
            declare(env, bindings, binds);
        }
        Stmt::Yield { value, bind, .. } => {
            value.flow = Resolver::run(env, |r| r.visit_expr(&value.syn));
            if let Some((_, binds)) = bind {
                declare(env, bindings, binds);
            }
        }
        Stmt::If { cond, then, els } => {
            cond.flow = Resolver::run(env, |r| r.visit_expr(&cond.syn));
            block(then, bindings, env);
            if let Some(e) = els {
                block(e, bindings, env);
            }
        }
        Stmt::Match { scrutinee, arms } => {
            scrutinee.flow = Resolver::run(env, |r| r.visit_expr(&scrutinee.syn));
            for arm in arms {
                if let Some(g) = &mut arm.guard {
                    let mark = env.len();
                    declare(env, bindings, &arm.body.prelude);
                    g.flow = Resolver::run(env, |r| r.visit_expr(&g.syn));
                    env.truncate(mark);
                }
                block(&mut arm.body, bindings, env);
            }
        }
        Stmt::Loop { body, .. } | Stmt::Labeled { body, .. } | Stmt::Block(body) => {
            block(body, bindings, env);
        }
        Stmt::Return(e) => {
            if let Some(e) = e {
                e.flow = Resolver::run(env, |r| r.visit_expr(&e.syn));
            }
        }
        Stmt::Join { .. } => {}
    }
}

/// Builds the flow of one fragment.
struct Resolver<'e, 'o> {
    env: &'e mut Env<'o>,
    /// Names the fragment binds itself, innermost scope last.
    inner: Vec<Vec<String>>,
    out: Vec<Flow>,
    /// Collecting free names instead ([`free_uses`]).
    free: Option<Vec<(String, UseKind)>>,
    /// The arguments of `yield_!`/`yield_from!` are code too ([`changes`]).
    see_yields: bool,
}

impl<'e, 'o> Resolver<'e, 'o> {
    fn run(env: &'e mut Env<'o>, f: impl FnOnce(&mut Self)) -> Flow {
        let mut r = Resolver {
            env,
            inner: vec![Vec::new()],
            out: Vec::new(),
            free: None,
            see_yields: false,
        };
        f(&mut r);
        seq(r.out)
    }

    fn lookup(&self, name: &str) -> Option<BindingId> {
        if self.inner.iter().flatten().any(|n| n == name) {
            return None;
        }
        self.env
            .names
            .iter()
            .rev()
            .chain(self.env.outer.iter().rev())
            .find(|(n, _)| n == name)
            .map(|&(_, b)| b)
    }

    fn use_name(&mut self, name: &str, path: Vec<String>, kind: UseKind, at: Span) {
        if let Some(free) = &mut self.free {
            if !self.inner.iter().flatten().any(|n| n == name) {
                free.push((name.to_owned(), kind));
            }
            return;
        }
        if let Some(binding) = self.lookup(name) {
            let field = path.first().map(|f| self.env.field(binding, f));
            self.out.push(Flow::Use(Use {
                binding,
                path,
                kind,
                field,
                at: At(Some(at)),
            }));
        }
    }

    /// The flow `f` pushes, on its own.
    fn sub(&mut self, f: impl FnOnce(&mut Self)) -> Flow {
        let saved = std::mem::take(&mut self.out);
        f(self);
        seq(std::mem::replace(&mut self.out, saved))
    }

    /// Runs `f` in a scope of its own, where `names` are bound.
    fn scoped(&mut self, names: Vec<String>, f: impl FnOnce(&mut Self)) {
        self.inner.push(names);
        f(self);
        self.inner.pop();
    }

    fn bind(&mut self, pat: &Pat, irrefutable: bool) {
        let names = scope::pat_bindings(pat, irrefutable)
            .into_iter()
            .map(|b| b.ident.to_string());
        if let Some(scope) = self.inner.last_mut() {
            scope.extend(names);
        }
    }

    /// A place read, borrowed or written as `kind`: `x.a.b` is a use of the path `a.b`
    /// of `x`; through an index or a dereference, the base is only borrowed.
    fn place(&mut self, expr: &Expr, kind: UseKind) {
        let mut path = Vec::new();
        let mut at = expr;
        loop {
            match at {
                Expr::Field(f) => {
                    path.push(match &f.member {
                        syn::Member::Named(n) => n.to_string(),
                        syn::Member::Unnamed(i) => i.index.to_string(),
                    });
                    at = &f.base;
                }
                Expr::Paren(p) => at = &p.expr,
                // `into_iter({ x.items })` (the braces say where rustc reports an error)
                // moves what `into_iter(x.items)` moves.
                Expr::Block(b) if kind == UseKind::Move && path.is_empty() => {
                    match scope::only_tail(b) {
                        Some(tail) => at = tail,
                        None => {
                            self.visit_expr(at);
                            return;
                        }
                    }
                }
                Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
                    path.reverse();
                    let ident = &p.path.segments[0].ident;
                    self.use_name(&ident.to_string(), path, kind, ident.span());
                    return;
                }
                Expr::Index(i) => {
                    self.place(&i.expr, UseKind::Borrow);
                    self.visit_expr(&i.index);
                    return;
                }
                Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                    self.place(&u.expr, UseKind::Borrow);
                    return;
                }
                other => {
                    self.visit_expr(other);
                    return;
                }
            }
        }
    }

    /// An `if`/`while` condition: its uses, and the names its `let`s bind for the branch
    /// it guards (`let P = e`, `let P = e && c`, chains).
    fn cond(&mut self, cond: &Expr) -> Vec<String> {
        match cond {
            Expr::Let(l) => {
                self.visit_expr(&l.expr);
                names_of(&l.pat)
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                let mut names = self.cond(&b.left);
                self.inner.push(names.clone());
                names.extend(self.cond(&b.right));
                self.inner.pop();
                names
            }
            Expr::Paren(p) => self.cond(&p.expr),
            other => {
                self.visit_expr(other);
                Vec::new()
            }
        }
    }

    /// A closure or async block: what it captures, used when it is created (by value for
    /// a `move` one); its own jumps and returns are not the generator's.
    fn capture(&mut self, moving: bool, f: impl FnOnce(&mut Self)) {
        let flow = self.sub(f);
        let mut uses = Vec::new();
        flow.uses(&mut |u| uses.push(u.clone()));
        for mut u in uses {
            if moving {
                u.kind = UseKind::Read;
            }
            self.out.push(Flow::Use(u));
        }
    }

    /// Identifiers in raw macro tokens, as uses of `kind` (inline format arguments as
    /// borrows).
    fn tokens(&mut self, tokens: TokenStream, kind: UseKind) {
        self.tokens_binding(tokens, kind, Vec::new());
    }

    /// [`Self::tokens`], knowing the names that a `let x` / `let mut x` earlier in the
    /// tokens (or in an enclosing group of them) binds, from the `;` that ends it on:
    /// those are the tokens' own locals (`assert!({ let mut w = …; write!(w, …) … })`),
    /// not uses of the body's.
    fn tokens_binding(&mut self, tokens: TokenStream, kind: UseKind, mut bound: Vec<String>) {
        let mut pending = Vec::new();
        // A closure's parameters (`|(i, c)| i + c`): the names between its bars, bound in
        // its body, which runs to the next `,` or `;` here (or to the end of the tokens).
        let mut params: Option<Vec<String>> = None;
        let mut closure: Vec<String> = Vec::new();
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let punct = |j: Option<usize>, c: char| {
            j.and_then(|j| trees.get(j))
                .is_some_and(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == c))
        };
        for (i, tt) in trees.iter().enumerate() {
            if let Some(names) = &mut params {
                match tt {
                    TokenTree::Punct(p) if p.as_char() == '|' => {
                        closure = params.take().unwrap_or_default();
                    }
                    TokenTree::Ident(id) => names.push(id.to_string()),
                    TokenTree::Group(g) => {
                        let mut found = HashSet::new();
                        tokens::names_in(&g.stream(), &mut found);
                        names.extend(found);
                    }
                    _ => {}
                }
                continue;
            }
            if matches!(tt, TokenTree::Punct(p) if p.as_char() == '|') && opens_closure(&trees, i) {
                params = Some(Vec::new());
                continue;
            }
            if closure
                .iter()
                .any(|c| matches!(tt, TokenTree::Ident(id) if id == c))
            {
                continue;
            }
            match tt {
                TokenTree::Ident(ident) => {
                    // `x.field`, and the later segments of a path (`stream::iter`).
                    let after = punct(i.checked_sub(1), '.')
                        || (punct(i.checked_sub(1), ':') && punct(i.checked_sub(2), ':'));
                    let before = punct(Some(i + 1), '!') || punct(Some(i + 1), ':');
                    // `'a`: a lifetime or label, not a name.
                    let lifetime = punct(i.checked_sub(1), '\'');
                    let name = ident.to_string();
                    let is_let = |j: Option<usize>| {
                        j.and_then(|j| trees.get(j))
                            .is_some_and(|t| matches!(t, TokenTree::Ident(k) if k == "let"))
                    };
                    let declared = is_let(i.checked_sub(1))
                        || (is_let(i.checked_sub(2))
                            && matches!(i.checked_sub(1).and_then(|j| trees.get(j)),
                                Some(TokenTree::Ident(m)) if m == "mut"));
                    if declared && name != "mut" {
                        pending.push(name);
                        continue;
                    }
                    if bound.contains(&name) {
                        continue;
                    }
                    if !after && !before && !lifetime && name != "_" && !scope::is_reserved(&name) {
                        // `x.f`: a use of the field (a method call `x.m()` is one of `x`).
                        let call = matches!(trees.get(i + 3), Some(TokenTree::Group(g))
                            if g.delimiter() == proc_macro2::Delimiter::Parenthesis);
                        let field = match (punct(Some(i + 1), '.'), trees.get(i + 2)) {
                            (true, Some(t @ (TokenTree::Ident(_) | TokenTree::Literal(_))))
                                if !call =>
                            {
                                vec![t.to_string()]
                            }
                            _ => Vec::new(),
                        };
                        self.use_name(&name, field, kind, tt.span());
                    }
                }
                TokenTree::Group(g) => {
                    let mut inner = bound.clone();
                    inner.extend(closure.iter().cloned());
                    self.tokens_binding(g.stream(), kind, inner);
                }
                TokenTree::Literal(lit) => {
                    let text = lit.to_string();
                    if text.starts_with('"') || text.starts_with('r') {
                        for name in tokens::format_args_in(&text) {
                            self.use_name(&name, Vec::new(), UseKind::Borrow, lit.span());
                        }
                    }
                }
                TokenTree::Punct(p) => {
                    if p.as_char() == ';' {
                        bound.append(&mut pending);
                    }
                    if matches!(p.as_char(), ',' | ';') {
                        closure.clear();
                    }
                }
            }
        }
    }
}

/// Does the `|` at `trees[i]` open a closure's parameters? It does at the start of the
/// tokens, after `move`, and after punctuation other than `|` (`a || b`) and `?`
/// (`x? | y`); after a name, a literal or a group it is an operator.
fn opens_closure(trees: &[TokenTree], i: usize) -> bool {
    match i.checked_sub(1).map(|j| &trees[j]) {
        None => true,
        Some(TokenTree::Ident(id)) => id == "move",
        Some(TokenTree::Punct(p)) => !matches!(p.as_char(), '|' | '?'),
        Some(_) => false,
    }
}

fn names_of(pat: &Pat) -> Vec<String> {
    scope::pat_bindings(pat, false)
        .into_iter()
        .map(|b| b.ident.to_string())
        .collect()
}

fn seq(mut flows: Vec<Flow>) -> Flow {
    match flows.len() {
        0 => Flow::Done,
        1 => flows.pop().unwrap_or_default(),
        _ => Flow::Seq(flows),
    }
}

impl Flow {
    /// Calls `f` on every use, in order.
    pub fn uses(&self, f: &mut dyn FnMut(&Use)) {
        match self {
            Flow::Use(u) => f(u),
            Flow::Seq(v) | Flow::Branch(v) => v.iter().for_each(|x| x.uses(f)),
            Flow::Match(arms) => arms.iter().for_each(|(g, b)| {
                g.uses(f);
                b.uses(f);
            }),
            Flow::Loop { body, .. } | Flow::Labeled { body, .. } => body.uses(f),
            Flow::Done
            | Flow::Break(_)
            | Flow::Continue(_)
            | Flow::Return
            | Flow::MayReturn
            | Flow::MayJump => {}
        }
    }
}

impl Flow {
    /// Does every way through it leave by a jump (`return`, `break`, `continue`)?
    pub fn diverges(&self) -> bool {
        match self {
            Flow::Return | Flow::Break(_) | Flow::Continue(_) => true,
            Flow::Seq(v) => v.iter().any(Flow::diverges),
            Flow::Branch(v) => !v.is_empty() && v.iter().all(Flow::diverges),
            Flow::Match(arms) => !arms.is_empty() && arms.iter().all(|(_, b)| b.diverges()),
            _ => false,
        }
    }
}

fn label_of(label: Option<&syn::Label>) -> Option<String> {
    label.map(|l| l.name.ident.to_string())
}

impl<'a> Visit<'a> for Resolver<'_, '_> {
    fn visit_item(&mut self, _: &'a syn::Item) {}

    fn visit_pat(&mut self, _: &'a Pat) {}

    fn visit_block(&mut self, b: &'a syn::Block) {
        self.scoped(Vec::new(), |r| visit::visit_block(r, b));
    }

    fn visit_local(&mut self, local: &'a syn::Local) {
        let irrefutable = match &local.init {
            Some(init) => {
                self.visit_expr(&init.expr);
                match &init.diverge {
                    Some((_, d)) => {
                        let d = self.sub(|r| r.visit_expr(d));
                        self.out.push(Flow::Branch(vec![Flow::Done, d]));
                        false
                    }
                    None => true,
                }
            }
            None => true,
        };
        self.bind(&local.pat, irrefutable);
    }

    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        if scope::yield_macro(mac).is_some() {
            if self.see_yields {
                if let Ok(e) = mac.parse_body::<Expr>() {
                    self.visit_expr(&e);
                }
            }
            return;
        }
        if scope::is_generator_macro(mac) {
            // A generator of its own, moving what it uses from here.
            let parsed = syn::parse::Parser::parse2(syn::Block::parse_within, mac.tokens.clone());
            if let Ok(stmts) = parsed {
                self.capture(true, |r| {
                    r.scoped(Vec::new(), |r| stmts.iter().for_each(|s| r.visit_stmt(s)));
                });
                return;
            }
        }
        let name = mac.path.segments.last().map(|s| s.ident.to_string());
        // `vec![a, &g]`, `vec![e; n]`: expressions, used as they are written.
        if name.as_deref() == Some("vec") {
            if let Some(args) = scope::vec_args(mac) {
                args.iter().for_each(|a| self.visit_expr(a));
                return;
            }
        }
        let formats = name.is_some_and(|n| scope::FORMAT_MACROS.iter().any(|(m, _)| *m == n));
        let kind = if formats {
            UseKind::Borrow
        } else {
            UseKind::Read
        };
        self.tokens(mac.tokens.clone(), kind);
        if tokens::may_jump(mac.tokens.clone()) {
            self.out.push(Flow::MayJump);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
                self.place(expr, UseKind::Read);
            }
            Expr::Field(_) => self.place(expr, UseKind::Read),
            Expr::Reference(r) => self.place(&r.expr, UseKind::Borrow),
            Expr::RawAddr(r) => self.place(&r.expr, UseKind::Borrow),
            Expr::Index(_) => self.place(expr, UseKind::Borrow),
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                self.place(&u.expr, UseKind::Borrow);
            }
            Expr::MethodCall(m) => {
                self.place(&m.receiver, receiver_kind(&m.method));
                m.args.iter().for_each(|a| self.visit_expr(a));
            }
            // `IntoIterator::into_iter(x.items)`, as a `for` loop is normalised.
            Expr::Call(c)
                if matches!(&*c.func, Expr::Path(p)
                    if p.path.segments.last().is_some_and(|s| s.ident == "into_iter")) =>
            {
                c.args.iter().for_each(|a| self.place(a, UseKind::Move));
            }
            // A local called (a closure) is used in place; calling an `FnOnce` one moves
            // it, which a read after the point would then report.
            Expr::Call(c) if matches!(&*c.func, Expr::Path(p) if p.path.get_ident().is_some()) => {
                self.place(&c.func, UseKind::Borrow);
                c.args.iter().for_each(|a| self.visit_expr(a));
            }
            Expr::Assign(a) => {
                self.visit_expr(&a.right);
                self.place(&a.left, UseKind::Assign);
            }
            Expr::Binary(b) if scope::is_compound_assign(&b.op) => {
                self.visit_expr(&b.right);
                self.place(&b.left, UseKind::Borrow);
            }
            Expr::Binary(b) if scope::is_comparison(&b.op) => {
                self.place(&b.left, UseKind::Borrow);
                self.place(&b.right, UseKind::Borrow);
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
                self.visit_expr(&b.left);
                let right = self.sub(|r| r.visit_expr(&b.right));
                self.out.push(Flow::Branch(vec![right, Flow::Done]));
            }
            Expr::If(i) => {
                let mut then = Flow::Done;
                self.scoped(Vec::new(), |r| {
                    let names = r.cond(&i.cond);
                    then = r.sub(|r| r.scoped(names, |r| r.visit_block(&i.then_branch)));
                });
                let els = match &i.else_branch {
                    Some((_, e)) => self.sub(|r| r.visit_expr(e)),
                    None => Flow::Done,
                };
                self.out.push(Flow::Branch(vec![then, els]));
            }
            Expr::Match(m) => {
                self.visit_expr(&m.expr);
                let arms = m
                    .arms
                    .iter()
                    .map(|arm| {
                        let (mut guard, mut body) = (Flow::Done, Flow::Done);
                        self.scoped(names_of(&arm.pat), |r| {
                            if let Some((_, g)) = &arm.guard {
                                guard = r.sub(|r| r.visit_expr(g));
                            }
                            body = r.sub(|r| r.visit_expr(&arm.body));
                        });
                        (guard, body)
                    })
                    .collect();
                self.out.push(Flow::Match(arms));
            }
            Expr::While(w) => {
                let body = self.sub(|r| {
                    r.scoped(Vec::new(), |r| {
                        let names = r.cond(&w.cond);
                        let then = r.sub(|r| r.scoped(names, |r| r.visit_block(&w.body)));
                        r.out.push(Flow::Branch(vec![then, Flow::Break(None)]));
                    });
                });
                self.out.push(Flow::Loop {
                    label: label_of(w.label.as_ref()),
                    body: Box::new(body),
                });
            }
            Expr::ForLoop(f) => {
                self.place(&f.expr, UseKind::Move);
                let then = self.sub(|r| {
                    r.scoped(names_of_irrefutable(&f.pat), |r| r.visit_block(&f.body));
                });
                self.out.push(Flow::Loop {
                    label: label_of(f.label.as_ref()),
                    body: Box::new(Flow::Branch(vec![then, Flow::Break(None)])),
                });
            }
            Expr::Loop(l) => {
                let body = self.sub(|r| r.visit_block(&l.body));
                self.out.push(Flow::Loop {
                    label: label_of(l.label.as_ref()),
                    body: Box::new(body),
                });
            }
            Expr::Block(b) => {
                let body = self.sub(|r| r.visit_block(&b.block));
                match label_of(b.label.as_ref()) {
                    Some(label) => self.out.push(Flow::Labeled {
                        label,
                        body: Box::new(body),
                    }),
                    None => self.out.push(body),
                }
            }
            Expr::Break(b) => {
                if let Some(v) = &b.expr {
                    self.visit_expr(v);
                }
                let label = b.label.as_ref().map(|l| l.ident.to_string());
                self.out.push(Flow::Break(label));
            }
            Expr::Continue(c) => {
                let label = c.label.as_ref().map(|l| l.ident.to_string());
                self.out.push(Flow::Continue(label));
            }
            Expr::Return(r) => {
                if let Some(v) = &r.expr {
                    self.visit_expr(v);
                }
                self.out.push(Flow::Return);
            }
            Expr::Try(t) => {
                self.visit_expr(&t.expr);
                self.out.push(Flow::MayReturn);
            }
            Expr::Closure(c) => {
                let names = c.inputs.iter().flat_map(names_of_irrefutable).collect();
                self.capture(c.capture.is_some(), |r| {
                    r.scoped(names, |r| r.visit_expr(&c.body));
                });
            }
            Expr::Async(a) => {
                self.capture(a.capture.is_some(), |r| r.visit_block(&a.block));
            }
            Expr::Const(_) => {}
            Expr::Let(l) => {
                self.visit_expr(&l.expr);
                self.bind(&l.pat, false);
            }
            _ => visit::visit_expr(self, expr),
        }
    }
}

/// How a method call uses its receiver: by value for the standard library's consuming
/// methods (`into_iter`, `unwrap`, iterator adapters, …), otherwise in place. Which one a
/// user type's method takes is not written at the call: in place is the guess whose
/// failure is a compile error (a value moved by the call and carried after it), not a
/// value dropped early.
fn receiver_kind(method: &syn::Ident) -> UseKind {
    let name = method.to_string();
    if name.starts_with("into_") {
        UseKind::Move
    } else if CONSUMING_METHODS.contains(&name.as_str()) {
        UseKind::Read
    } else {
        UseKind::Borrow
    }
}

/// Methods of the standard library that take `self` by value.
const CONSUMING_METHODS: &[&str] = &[
    "all",
    "and",
    "and_then",
    "any",
    "chain",
    "cloned",
    "collect",
    "copied",
    "count",
    "cycle",
    "enumerate",
    "err",
    "expect",
    "expect_err",
    "filter",
    "filter_map",
    "find_map",
    "flat_map",
    "flatten",
    "fold",
    "for_each",
    "fuse",
    "inspect",
    "join",
    "last",
    "map",
    "map_err",
    "map_or",
    "map_or_else",
    "max",
    "max_by",
    "max_by_key",
    "min",
    "min_by",
    "min_by_key",
    "ok",
    "ok_or",
    "ok_or_else",
    "or",
    "or_else",
    "partition",
    "peekable",
    "product",
    "reduce",
    "rev",
    "scan",
    "skip",
    "skip_while",
    "step_by",
    "sum",
    "take",
    "take_while",
    "unwrap",
    "unwrap_err",
    "unwrap_or",
    "unwrap_or_default",
    "unwrap_or_else",
    "unzip",
    "zip",
];

/// The bindings of `env` that `code` (suspension points included) may move or assign as
/// a whole, and whether it always leaves by a jump (`return`, `break`, `continue`).
pub fn changes(env: &[(String, BindingId)], code: &Expr) -> (HashSet<(BindingId, bool)>, bool) {
    changed(env, |r| r.visit_expr(code))
}

/// [`changes`] of a block.
pub fn changes_block(
    env: &[(String, BindingId)],
    code: &syn::Block,
) -> (HashSet<(BindingId, bool)>, bool) {
    changed(env, |r| r.visit_block(code))
}

/// Each binding read by value or assigned, with whether its last such use assigns it
/// (it then holds a value, where a read may have moved it out).
fn changed(
    env: &[(String, BindingId)],
    walk: impl FnOnce(&mut Resolver<'_, '_>),
) -> (HashSet<(BindingId, bool)>, bool) {
    let flow = flow_in(env, true, walk);
    let mut last = std::collections::HashMap::new();
    flow.uses(&mut |u| {
        if u.path.is_empty() && u.kind != UseKind::Borrow {
            last.insert(u.binding, u.kind == UseKind::Assign);
        }
    });
    (last.into_iter().collect(), flow.diverges())
}

/// The flow of code outside the IR, against the bindings visible by name (`see_yields`:
/// with what the arguments of `yield_!` do).
fn flow_in(
    env: &[(String, BindingId)],
    see_yields: bool,
    walk: impl FnOnce(&mut Resolver<'_, '_>),
) -> Flow {
    let mut env = Env {
        outer: env,
        names: Vec::new(),
        fields: Vec::new(),
        first_field: usize::MAX / 2,
    };
    let mut r = Resolver {
        env: &mut env,
        inner: vec![Vec::new()],
        out: Vec::new(),
        free: None,
        see_yields,
    };
    walk(&mut r);
    seq(r.out)
}

/// The bindings of `env` that `code` uses in a way `keep` keeps.
fn used(
    env: &[(String, BindingId)],
    code: &Expr,
    keep: impl Fn(&Use) -> bool,
) -> HashSet<BindingId> {
    let mut found = HashSet::new();
    flow_in(env, false, |r| r.visit_expr(code)).uses(&mut |u| {
        if keep(u) {
            found.insert(u.binding);
        }
    });
    found
}

/// The bindings of `env` that `code` borrows (in place, or through a reference it makes).
pub fn borrows(env: &[(String, BindingId)], code: &Expr) -> HashSet<BindingId> {
    used(env, code, |u| u.kind == UseKind::Borrow)
}

/// The bindings of `env` that `code` uses at all.
pub fn uses(env: &[(String, BindingId)], code: &Expr) -> HashSet<BindingId> {
    used(env, code, |_| true)
}

/// The names a block uses without binding them itself, in first-use order, with how.
/// (What the yields' arguments name counts: `yield_from!(inner(log.clone()))`.)
pub fn free_uses(block: &syn::Block) -> Vec<(String, UseKind)> {
    let mut env = Env::default();
    let mut r = Resolver {
        env: &mut env,
        inner: vec![Vec::new()],
        out: Vec::new(),
        free: Some(Vec::new()),
        see_yields: true,
    };
    r.visit_block(block);
    r.free.unwrap_or_default()
}

/// The variables a `gen_iter!` body uses from its environment, in first-use order: free
/// lowercase names that are not only called like functions.
pub fn captures(block: &syn::Block) -> Vec<Ident> {
    struct Callees(HashSet<String>, HashSet<String>);
    impl<'a> Visit<'a> for Callees {
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_expr(&mut self, e: &'a Expr) {
            match e {
                Expr::Call(c) => {
                    if let Expr::Path(p) = &*c.func {
                        if let Some(i) = p.path.get_ident() {
                            self.0.insert(i.to_string());
                        }
                    } else {
                        self.visit_expr(&c.func);
                    }
                    c.args.iter().for_each(|a| self.visit_expr(a));
                }
                Expr::Path(p) => {
                    if let Some(i) = p.path.get_ident() {
                        self.1.insert(i.to_string());
                    }
                }
                _ => visit::visit_expr(self, e),
            }
        }
    }
    let mut callees = Callees(HashSet::new(), HashSet::new());
    callees.visit_block(block);
    let only_called: HashSet<&String> = callees.0.difference(&callees.1).collect();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (name, _) in free_uses(block) {
        let lower = name.starts_with(|c: char| c.is_lowercase() || c == '_');
        if lower
            && !only_called.contains(&name)
            && !scope::is_reserved(&name)
            && seen.insert(name.clone())
        {
            // Keywords (`type`, `_`) are no captures; a raw identifier keeps its `r#`.
            let ident = match name.strip_prefix("r#") {
                Some(raw) => syn::parse_str::<Ident>(&name)
                    .ok()
                    .map(|_| Ident::new_raw(raw, Span::call_site())),
                None if name == "self" => Some(Ident::new("self", Span::call_site())),
                None => syn::parse_str::<Ident>(&name).ok(),
            };
            out.extend(ident);
        }
    }
    out
}

fn names_of_irrefutable(pat: &Pat) -> Vec<String> {
    scope::pat_bindings(pat, true)
        .into_iter()
        .map(|b| b.ident.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// The flow of a statement with `x` and `y` as the generator's bindings 0 and 1, as text.
    fn flow(stmt: TokenStream) -> String {
        let mut env = Env {
            names: vec![("x".to_owned(), 0), ("y".to_owned(), 1)],
            ..Env::default()
        };
        let s: syn::Stmt = syn::parse2(stmt).unwrap();
        let f = Resolver::run(&mut env, |r| r.visit_stmt(&s));
        show(&f)
    }

    fn show(f: &Flow) -> String {
        let list = |v: &[Flow]| v.iter().map(show).collect::<Vec<_>>().join(" ");
        match f {
            Flow::Use(u) => {
                let kind = match u.kind {
                    UseKind::Borrow => "&",
                    UseKind::Read => "",
                    UseKind::Move => "move ",
                    UseKind::Assign => "=",
                };
                let path: String = u.path.iter().map(|p| format!(".{p}")).collect();
                format!("{kind}{}{path}", ["x", "y"][u.binding])
            }
            Flow::Done => "()".to_owned(),
            Flow::Seq(v) => format!("[{}]", list(v)),
            Flow::Branch(v) => format!("branch({})", list(v)),
            Flow::Match(arms) => format!(
                "match({})",
                arms.iter()
                    .map(|(g, b)| format!("{} => {}", show(g), show(b)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Flow::Loop { label, body } => {
                format!("loop{}({})", label.as_deref().unwrap_or(""), show(body))
            }
            Flow::Labeled { label, body } => format!("block{label}({})", show(body)),
            Flow::Break(l) => format!("break{}", l.as_deref().unwrap_or("")),
            Flow::Continue(l) => format!("continue{}", l.as_deref().unwrap_or("")),
            Flow::Return => "return".to_owned(),
            Flow::MayReturn => "?".to_owned(),
            Flow::MayJump => "jump".to_owned(),
        }
    }

    #[test]
    fn uses_are_places_with_their_kind() {
        assert_eq!(flow(quote!(f(x.a.0, &y.b);)), "[x.a.0 &y.b]");
        assert_eq!(flow(quote!(x.f = y;)), "[y =x.f]");
        assert_eq!(flow(quote!(x = x + 1;)), "[x =x]");
        assert_eq!(flow(quote!(y[x] += 1;)), "[&y x]");
        assert_eq!(flow(quote!(x.len();)), "&x");
        assert_eq!(flow(quote!(x.into_bytes();)), "move x");
        assert_eq!(flow(quote!(x.unwrap();)), "x");
        assert_eq!(flow(quote!(x.custom();)), "&x");
        assert_eq!(
            flow(quote!(for v in y.items {})),
            "[move y.items loop(branch(() break))]"
        );
        // The braces a lowered loop puts around its source move what the source moves.
        assert_eq!(flow(quote!(into_iter({ y.items });)), "move y.items");
        // `vec!`'s arguments are expressions: `&g` only borrows.
        assert_eq!(flow(quote!(let v = vec![f(&x), y];)), "[&x y]");
        assert_eq!(flow(quote!(let v = vec![x; y];)), "[x y]");
    }

    #[test]
    fn a_let_inside_macro_tokens_binds_its_own_name() {
        // `x` after its `let` in the tokens is the tokens' own; before the `;`, the
        // body's (`let x = x + 1`).
        assert_eq!(
            flow(quote!(assert!({ let mut x = y; x += 1; x > 0 });)),
            "&y"
        );
        assert_eq!(flow(quote!(assert!({ let x = x + 1; x > 0 });)), "&x");
        // The binding ends with its group.
        assert_eq!(flow(quote!(assert!({ let x = 1; x } > x);)), "&x");
        let body: syn::Block = syn::parse_quote!({
            assert!({
                let mut w = String::new();
                write!(w, "{}", acc).unwrap();
                true
            });
        });
        let names: Vec<String> = captures(&body).iter().map(ToString::to_string).collect();
        assert_eq!(names, ["acc"]);
    }

    #[test]
    fn closure_parameters_in_macro_tokens_are_the_closures_own() {
        // `x` is the closure's up to the `,` that ends it, the generator's after it.
        assert_eq!(flow(quote!(println!("{}", f(|x| x + 1), y);)), "&y");
        assert_eq!(flow(quote!(println!("{}", f(|(x, _)| x), x);)), "&x");
        assert_eq!(flow(quote!(println!("{}", f(move || x));)), "&x");
        // `|` between operands is an operator.
        assert_eq!(flow(quote!(println!("{}", y | x);)), "[&y &x]");
    }

    #[test]
    fn a_way_says_whether_it_ends_assigned() {
        let env = vec![("o".to_string(), 0)];
        let assigned: Expr = syn::parse_quote!({
            drop(o);
            o = make();
        });
        let moved: Expr = syn::parse_quote!({
            o = make();
            drop(o);
        });
        assert_eq!(changes(&env, &assigned).0, HashSet::from([(0, true)]));
        assert_eq!(changes(&env, &moved).0, HashSet::from([(0, false)]));
    }

    #[test]
    fn inner_bindings_hide_the_generators() {
        assert_eq!(
            flow(quote!({
                let x = 1;
                g(x, y);
            })),
            "y"
        );
        assert_eq!(flow(quote!(let z = |x: u8| x + y;)), "y");
        assert_eq!(flow(quote!(let z = move || x;)), "x");
        assert_eq!(flow(quote!(let z = || drop(&x);)), "&x");
        assert_eq!(
            flow(quote!(if let Some(x) = y { f(x) } else { g(x) })),
            "[y branch(() x)]"
        );
        assert_eq!(
            flow(quote!(for x in 0..3 {
                h(x, y);
            })),
            "loop(branch(y break))"
        );
        // A nested generator moves what it uses; its own bindings are its own.
        assert_eq!(
            flow(quote!(let it = gen_iter! { for y in 0..x { yield y; } };)),
            "x"
        );
    }

    #[test]
    fn control_flow_of_the_fragment() {
        assert_eq!(
            flow(quote!(if c && x.is_some() {
                drop(y);
                return;
            })),
            "[&x branch([y return] ())]"
        );
        assert_eq!(
            flow(quote!(while x > 0 {
                x -= 1;
            })),
            "loop([&x branch(&x break)])"
        );
        assert_eq!(
            flow(quote!(match x { Some(v) if v > y => 1, _ => { break 'a; } };)),
            "[x match(&y => (), () => breaka)]"
        );
        assert_eq!(flow(quote!(let v = f(x?);)), "[x ?]");
        assert_eq!(flow(quote!(m!(x, continue);)), "[x jump]");
        assert_eq!(flow(quote!(println!("{x}", y);)), "[&x &y]");
        assert_eq!(flow(quote!(println!("{}", y.a, x.len());)), "[&y.a &x]");
    }
}
