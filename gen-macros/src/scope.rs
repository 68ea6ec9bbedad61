//! Syntax walks shared by the phases: finding suspension points, the bindings a pattern
//! introduces, and the free variables a yield-free fragment reads or moves.
//!
//! ```text
//! uses(`f(&a, b.len(), c)`)  ==  [a: Borrow, b: Borrow, c: Move]
//! ```
//!
//! Closures, `async` blocks and `const` blocks are their own scope for suspension points;
//! nested items are never entered.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use std::collections::HashSet;
use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Pat};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum YieldMacro {
    Yield,
    YieldFrom,
}

/// Is this macro call `yield_!` or `yield_from!` (by any path)?
pub fn yield_macro(mac: &syn::Macro) -> Option<YieldMacro> {
    let last = mac.path.segments.last()?;
    if last.ident == "yield_" {
        Some(YieldMacro::Yield)
    } else if last.ident == "yield_from" {
        Some(YieldMacro::YieldFrom)
    } else {
        None
    }
}

/// Is this `gen_iter!` (or another macro that builds a generator of its own)?
pub fn is_generator_macro(mac: &syn::Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "gen_iter" || s.ident == "gen_stream")
}

/// The first `yield_!`, `yield_from!` or `yield` in raw macro tokens, if any, and with
/// `awaits` the first `.await` outside an `async` block.
pub fn suspension_in_tokens(tokens: TokenStream, awaits: bool) -> Option<(Span, &'static str)> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    // `async { x.await }` in the tokens is a future of its own (`spawn!(async { … })`).
    let awaits = awaits
        && !trees
            .iter()
            .any(|t| matches!(t, TokenTree::Ident(id) if id == "async"));
    for (i, tt) in trees.iter().enumerate() {
        match tt {
            TokenTree::Ident(id)
                if awaits
                    && id == "await"
                    && i > 0
                    && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '.') =>
            {
                return Some((id.span(), ".await"));
            }
            TokenTree::Ident(id) => {
                let bang =
                    matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                if id == "yield_" && bang {
                    return Some((id.span(), "yield_!"));
                }
                if id == "yield_from" && bang {
                    return Some((id.span(), "yield_from!"));
                }
                if id == "yield" {
                    return Some((id.span(), "yield"));
                }
            }
            TokenTree::Group(g) => {
                if let Some(found) = suspension_in_tokens(g.stream(), awaits) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

/// Does the expression contain a suspension point of this generator (not counting
/// closures, async blocks, const blocks and items, which are their own scope)?
pub fn contains_yield(expr: &Expr) -> bool {
    let mut finder = Finder(false);
    finder.visit_expr(expr);
    finder.0
}

pub fn stmt_contains_yield(stmt: &syn::Stmt) -> bool {
    let mut finder = Finder(false);
    finder.visit_stmt(stmt);
    finder.0
}

struct Finder(bool);

impl<'a> Visit<'a> for Finder {
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    fn visit_expr_const(&mut self, _: &'a syn::ExprConst) {}
    fn visit_item(&mut self, _: &'a syn::Item) {}
    fn visit_expr_yield(&mut self, _: &'a syn::ExprYield) {
        self.0 = true;
    }
    /// A suspension point in a stream; elsewhere the normalizer reports it.
    fn visit_expr_await(&mut self, _: &'a syn::ExprAwait) {
        self.0 = true;
    }
    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        if yield_macro(mac).is_some() {
            self.0 = true;
        }
    }
}

/// Does a `break value` appear in the block (outside closures and items)?
pub fn has_valued_break(block: &syn::Block) -> bool {
    struct Breaks(bool);
    impl<'a> Visit<'a> for Breaks {
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_expr_break(&mut self, b: &'a syn::ExprBreak) {
            self.0 |= b.expr.is_some();
            visit::visit_expr_break(self, b);
        }
    }
    let mut b = Breaks(false);
    b.visit_block(block);
    b.0
}

/// One name a pattern binds.
#[derive(Clone, Debug)]
pub struct PatBinding {
    pub ident: Ident,
    pub mutable: bool,
    pub by_ref: bool,
}

/// The bindings of a pattern, in order.
///
/// In an irrefutable pattern (`let` without `else`, `for`, parameters) every name is a
/// binding; in a refutable one a lone uppercase name is taken for a constant or a unit
/// variant (`None`, `MAX`), as nothing else can tell them apart before name resolution.
pub fn pat_bindings(pat: &Pat, irrefutable: bool) -> Vec<PatBinding> {
    let mut out = Vec::new();
    collect_pat(pat, irrefutable, &mut out);
    out
}

fn collect_pat(pat: &Pat, irrefutable: bool, out: &mut Vec<PatBinding>) {
    let mut each = |p: &Pat| collect_pat(p, irrefutable, out);
    match pat {
        Pat::Ident(p) => {
            let is_path = !irrefutable
                && p.by_ref.is_none()
                && p.mutability.is_none()
                && p.subpat.is_none()
                && p.ident.to_string().starts_with(|c: char| c.is_uppercase());
            if !is_path {
                out.push(PatBinding {
                    ident: p.ident.clone(),
                    mutable: p.mutability.is_some(),
                    by_ref: p.by_ref.is_some(),
                });
            }
            if let Some((_, sub)) = &p.subpat {
                collect_pat(sub, irrefutable, out);
            }
        }
        Pat::Or(p) => {
            if let Some(first) = p.cases.first() {
                each(first);
            }
        }
        Pat::Paren(p) => each(&p.pat),
        Pat::Reference(p) => each(&p.pat),
        Pat::Slice(p) => p.elems.iter().for_each(each),
        Pat::Struct(p) => p.fields.iter().for_each(|f| each(&f.pat)),
        Pat::Tuple(p) => p.elems.iter().for_each(each),
        Pat::TupleStruct(p) => p.elems.iter().for_each(each),
        Pat::Type(p) => each(&p.pat),
        _ => {}
    }
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
    let uses = Uses::of_block(block);
    for (name, _) in uses.list {
        let lower = name.starts_with(|c: char| c.is_lowercase() || c == '_');
        if lower && !only_called.contains(&name) && !is_reserved(&name) && seen.insert(name.clone())
        {
            out.push(if name == "self" {
                Ident::new("self", Span::call_site())
            } else {
                Ident::new(&name, Span::call_site())
            });
        }
    }
    out
}

/// Keywords and primitive types, which macro tokens are full of and no variable is named.
pub(crate) fn is_reserved(name: &str) -> bool {
    const RESERVED: &[&str] = &[
        "as", "async", "await", "bool", "break", "char", "const", "continue", "crate", "dyn",
        "else", "enum", "extern", "f32", "f64", "false", "fn", "for", "i8", "i16", "i32", "i64",
        "i128", "if", "impl", "in", "isize", "let", "loop", "match", "mod", "move", "mut", "pub",
        "ref", "return", "static", "str", "struct", "super", "trait", "true", "type", "u8", "u16",
        "u32", "u64", "u128", "unsafe", "use", "usize", "where", "while", "yield",
    ];
    RESERVED.contains(&name)
}

/// How a fragment uses a free variable.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UseKind {
    /// Read through a reference or in place: the value stays where it is.
    Borrow,
    /// Possibly moved out (by-value argument, `let y = x`, a consuming method, …).
    Move,
    /// Overwritten as a whole: `x = …`.
    Assign,
}

/// Methods that take `&self`/`&mut self` in the standard library: a receiver of one of
/// these is not moved. Any other method may consume its receiver.
pub(crate) const BORROWING_METHODS: &[&str] = &[
    "as_bytes",
    "as_mut",
    "as_ref",
    "as_slice",
    "as_str",
    "borrow",
    "borrow_mut",
    "bytes",
    "capacity",
    "char_indices",
    "chars",
    "chunks",
    "clear",
    "clone",
    "cmp",
    "contains",
    "contains_key",
    "ends_with",
    "entry",
    "eq",
    "extend",
    "fetch_add",
    "fetch_sub",
    "first",
    "first_mut",
    "fmt",
    "get",
    "get_mut",
    "hash",
    "insert",
    "is_empty",
    "is_none",
    "is_ok",
    "is_err",
    "is_some",
    "iter",
    "iter_mut",
    "keys",
    "last",
    "last_mut",
    "len",
    "lines",
    "load",
    "lock",
    "ne",
    "next",
    "next_back",
    "partial_cmp",
    "peek",
    "pop",
    "pop_back",
    "pop_front",
    "push",
    "push_back",
    "push_front",
    "push_str",
    "read",
    "remove",
    "replace",
    "resume",
    "retain",
    "reverse",
    "set",
    "sort",
    "sort_by",
    "sort_by_key",
    "sort_unstable",
    "split",
    "split_whitespace",
    "starts_with",
    "store",
    "swap",
    "to_owned",
    "to_string",
    "to_vec",
    "trim",
    "truncate",
    "values",
    "values_mut",
    "windows",
    "write",
];

/// Methods whose result borrows the receiver (`v.iter()`): a binding initialized by one
/// is borrow-like.
const BORROW_RETURNING: &[&str] = &[
    "as_mut",
    "as_ref",
    "as_slice",
    "as_str",
    "bytes",
    "char_indices",
    "chars",
    "chunks",
    "drain",
    "first",
    "first_mut",
    "get",
    "get_mut",
    "iter",
    "iter_mut",
    "keys",
    "last",
    "last_mut",
    "lines",
    "split",
    "split_whitespace",
    "trim",
    "values",
    "values_mut",
    "windows",
];

/// Macros that only take references to their arguments, with the position of their
/// format string among the arguments (`matches!` has none).
pub(crate) const FORMAT_MACROS: &[(&str, Option<usize>)] = &[
    ("assert", Some(1)),
    ("assert_eq", Some(2)),
    ("assert_ne", Some(2)),
    ("debug_assert", Some(1)),
    ("debug_assert_eq", Some(2)),
    ("debug_assert_ne", Some(2)),
    ("eprint", Some(0)),
    ("eprintln", Some(0)),
    ("format", Some(0)),
    ("format_args", Some(0)),
    ("matches", None),
    ("panic", Some(0)),
    ("print", Some(0)),
    ("println", Some(0)),
    ("todo", Some(0)),
    ("unimplemented", Some(0)),
    ("unreachable", Some(0)),
    ("write", Some(1)),
    ("writeln", Some(1)),
];

/// Where a std formatting macro named `name` takes its format string, if it takes one.
pub fn format_string_position(name: &str) -> Option<usize> {
    FORMAT_MACROS
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|&(_, position)| position)
}

/// Is `init` an expression whose value borrows from something (`&x`, `x.iter()`)?
pub fn is_borrow_like(init: &Expr) -> bool {
    match init {
        Expr::Reference(_) => true,
        Expr::Paren(p) => is_borrow_like(&p.expr),
        Expr::MethodCall(m) => BORROW_RETURNING.contains(&m.method.to_string().as_str()),
        _ => false,
    }
}

/// If `expr` is a plain local `x` (or `&x`, `x.f`, …), its name.
pub fn place_root(expr: &Expr) -> Option<&Ident> {
    match expr {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident(),
        Expr::Field(f) => place_root(&f.base),
        Expr::Index(i) => place_root(&i.expr),
        Expr::Paren(p) => place_root(&p.expr),
        Expr::Reference(r) => place_root(&r.expr),
        _ => None,
    }
}

/// The free variables of a fragment, with how each is used, in source order.
#[derive(Default)]
pub struct Uses {
    pub list: Vec<(String, UseKind)>,
    scopes: Vec<HashSet<String>>,
    move_closures: usize,
}

impl Uses {
    pub fn of_expr(expr: &Expr) -> Self {
        let mut u = Uses::default();
        u.visit_expr(expr);
        u
    }

    pub fn of_stmt(stmt: &syn::Stmt) -> Self {
        let mut u = Uses::default();
        u.visit_stmt(stmt);
        u
    }

    pub fn of_block(block: &syn::Block) -> Self {
        let mut u = Uses::default();
        u.visit_block(block);
        u
    }

    fn bound(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.contains(name))
    }

    fn record(&mut self, ident: &Ident, kind: UseKind) {
        let name = ident.to_string();
        if !self.bound(&name) {
            let kind = if self.move_closures > 0 {
                UseKind::Move
            } else {
                kind
            };
            self.list.push((name, kind));
        }
    }

    fn bind_pat(&mut self, pat: &Pat, irrefutable: bool) {
        // Patterns may read constants and paths, never locals; only bindings matter.
        let names = pat_bindings(pat, irrefutable)
            .into_iter()
            .map(|b| b.ident.to_string());
        if let Some(scope) = self.scopes.last_mut() {
            scope.extend(names);
        } else {
            self.scopes.push(names.collect());
        }
    }

    fn place(&mut self, expr: &Expr, kind: UseKind) {
        match expr {
            Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
                self.record(p.path.get_ident().unwrap_or_else(|| unreachable!()), kind);
            }
            Expr::Field(f) => self.place(&f.base, kind),
            Expr::Index(i) => {
                self.place(&i.expr, kind);
                self.visit_expr(&i.index);
            }
            Expr::Paren(p) => self.place(&p.expr, kind),
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                self.place(&u.expr, UseKind::Borrow);
            }
            other => self.visit_expr(other),
        }
    }

    fn scan_tokens(&mut self, tokens: TokenStream, kind: UseKind) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tt) in trees.iter().enumerate() {
            match tt {
                TokenTree::Ident(ident) => {
                    let punct_at = |j: Option<usize>, c: char| {
                        j.and_then(|j| trees.get(j))
                            .is_some_and(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == c))
                    };
                    // `x.field`, and the later segments of a path (`stream::iter`).
                    let after_dot = punct_at(i.checked_sub(1), '.')
                        || (punct_at(i.checked_sub(1), ':') && punct_at(i.checked_sub(2), ':'));
                    let before_path_or_bang = matches!(
                        trees.get(i + 1),
                        Some(TokenTree::Punct(p)) if p.as_char() == '!' || p.as_char() == ':'
                    );
                    if !after_dot && !before_path_or_bang && !is_reserved(&ident.to_string()) {
                        self.record(ident, kind);
                    }
                }
                TokenTree::Group(g) => self.scan_tokens(g.stream(), kind),
                TokenTree::Literal(lit) => {
                    // Inline format arguments: "{name}" / "{name:?}".
                    let text = lit.to_string();
                    if text.starts_with('"') || text.starts_with('r') {
                        for name in format_args_in(&text) {
                            self.record(&Ident::new(&name, lit.span()), UseKind::Borrow);
                        }
                    }
                }
                TokenTree::Punct(_) => {}
            }
        }
    }
}

/// The names a string literal's inline format arguments capture: `{name…}` arguments,
/// and `name$` widths and precisions inside a placeholder (`"{x} {y:?} {:w$}"`; `{{` is a
/// literal brace).
pub fn format_args_in(text: &str) -> Vec<String> {
    let is_name = |s: &str| {
        s.starts_with(|c: char| c == '_' || c.is_alphabetic())
            && s.chars().all(|c| c == '_' || c.is_alphanumeric())
    };
    let mut names = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '{' {
            continue;
        }
        if chars.peek() == Some(&'{') {
            chars.next();
            continue;
        }
        let mut placeholder = String::new();
        for c in chars.by_ref() {
            if c == '}' {
                break;
            }
            placeholder.push(c);
        }
        let (argument, spec) = placeholder.split_once(':').unwrap_or((&placeholder, ""));
        if is_name(argument.trim()) {
            names.push(argument.trim().to_owned());
        }
        // `{:width$}`, `{:.precision$}`: the name just before each `$`.
        for piece in spec.split('$').rev().skip(1) {
            let start = piece
                .rfind(|c: char| !(c == '_' || c.is_alphanumeric()))
                .map_or(0, |i| i + 1);
            if is_name(&piece[start..]) {
                names.push(piece[start..].to_owned());
            }
        }
    }
    names
}

impl<'a> Visit<'a> for Uses {
    fn visit_item(&mut self, _: &'a syn::Item) {}

    fn visit_block(&mut self, block: &'a syn::Block) {
        self.scopes.push(HashSet::new());
        visit::visit_block(self, block);
        self.scopes.pop();
    }

    fn visit_local(&mut self, local: &'a syn::Local) {
        if let Some(init) = &local.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
        let irrefutable = !matches!(&local.init, Some(i) if i.diverge.is_some());
        self.bind_pat(&local.pat, irrefutable);
    }

    fn visit_arm(&mut self, arm: &'a syn::Arm) {
        self.scopes.push(HashSet::new());
        self.bind_pat(&arm.pat, false);
        if let Some((_, guard)) = &arm.guard {
            self.visit_expr(guard);
        }
        self.visit_expr(&arm.body);
        self.scopes.pop();
    }

    fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
        self.scopes.push(HashSet::new());
        for input in &c.inputs {
            self.bind_pat(input, true);
        }
        let moving = c.capture.is_some();
        self.move_closures += usize::from(moving);
        self.visit_expr(&c.body);
        self.move_closures -= usize::from(moving);
        self.scopes.pop();
    }

    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        self.visit_expr(&f.expr);
        self.scopes.push(HashSet::new());
        self.bind_pat(&f.pat, true);
        self.visit_block(&f.body);
        self.scopes.pop();
    }

    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        let name = mac.path.segments.last().map(|s| s.ident.to_string());
        let kind = match name {
            Some(n) if FORMAT_MACROS.iter().any(|(m, _)| *m == n) => UseKind::Borrow,
            _ => UseKind::Move,
        };
        self.scan_tokens(mac.tokens.clone(), kind);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
                if let Some(ident) = p.path.get_ident() {
                    self.record(ident, UseKind::Move);
                }
            }
            Expr::Reference(r) => self.place(&r.expr, UseKind::Borrow),
            Expr::MethodCall(m) => {
                let borrows = BORROWING_METHODS.contains(&m.method.to_string().as_str());
                let kind = if borrows {
                    UseKind::Borrow
                } else {
                    UseKind::Move
                };
                self.place(&m.receiver, kind);
                for arg in &m.args {
                    self.visit_expr(arg);
                }
            }
            Expr::Assign(a) => {
                match assigned_local(a) {
                    Some(ident) => self.record(ident, UseKind::Assign),
                    None => self.place(&a.left, UseKind::Borrow),
                }
                self.visit_expr(&a.right);
            }
            Expr::Binary(b) if is_compound_assign(&b.op) => {
                self.place(&b.left, UseKind::Borrow);
                self.visit_expr(&b.right);
            }
            Expr::Binary(b) if is_comparison(&b.op) => {
                self.place(&b.left, UseKind::Borrow);
                self.place(&b.right, UseKind::Borrow);
            }
            Expr::Index(i) => {
                self.place(&i.expr, UseKind::Borrow);
                self.visit_expr(&i.index);
            }
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                self.place(&u.expr, UseKind::Borrow);
            }
            Expr::Field(f) => self.place(&f.base, UseKind::Move),
            Expr::Let(l) => {
                // `if let` / `while let` in a fragment: the bindings scope over the body,
                // which the walk reaches next; keep them bound to the end of the fragment.
                self.visit_expr(&l.expr);
                self.bind_pat(&l.pat, false);
            }
            _ => visit::visit_expr(self, expr),
        }
    }
}

/// The local `x` of `x = …`: an assignment of a whole local (not of a field, an element
/// or through a reference).
pub fn assigned_local(a: &syn::ExprAssign) -> Option<&Ident> {
    match &*a.left {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident(),
        _ => None,
    }
}

pub fn is_compound_assign(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

pub(crate) fn is_comparison(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_))
}

/// The same tokens, resolved as before but reported at `span` (recursively).
pub fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tt| {
            if let TokenTree::Group(g) = &tt {
                let mut ng = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                ng.set_span(g.span().located_at(span));
                tt = TokenTree::Group(ng);
            } else {
                tt.set_span(tt.span().located_at(span));
            }
            tt
        })
        .collect()
}

/// The hygienic stand-in for `self` inside a generator body.
pub fn self_ident(span: Span) -> Ident {
    Ident::new("__self", Span::mixed_site().located_at(span))
}

/// Replaces the `self` value (not `self::` paths, not inside nested items) by a hygienic
/// local, since the body runs inside a closure where `self` cannot be captured by move.
pub struct ReplaceSelf;

impl VisitMut for ReplaceSelf {
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}

    fn visit_expr_path_mut(&mut self, p: &mut syn::ExprPath) {
        if p.qself.is_none() && p.path.segments.len() == 1 && p.path.segments[0].ident == "self" {
            let span = p.path.segments[0].ident.span();
            p.path.segments[0].ident = self_ident(span);
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = replace_self_tokens(std::mem::take(&mut mac.tokens));
    }
}

fn replace_self_tokens(tokens: TokenStream) -> TokenStream {
    map_idents(tokens, &mut |id, _, next| {
        let is_path = matches!(next, Some(TokenTree::Punct(p)) if p.as_char() == ':');
        (id == "self" && !is_path).then(|| self_ident(id.span()))
    })
}

/// Given an identifier and the tokens before and after it, its replacement (if any).
pub type IdentMap<'f> =
    dyn FnMut(&Ident, Option<&TokenTree>, Option<&TokenTree>) -> Option<Ident> + 'f;

/// Rewrites identifiers in raw macro tokens (which syn cannot see into): `f` gets each
/// identifier with the tokens around it and returns its replacement, if any. Groups are
/// walked recursively and keep their spans.
pub fn map_idents(tokens: TokenStream, f: &mut IdentMap<'_>) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    for (i, tt) in trees.iter().enumerate() {
        match tt {
            TokenTree::Ident(id) => {
                let prev = i.checked_sub(1).map(|p| &trees[p]);
                let replaced = f(id, prev, trees.get(i + 1));
                out.push(replaced.map_or_else(|| tt.clone(), TokenTree::Ident));
            }
            TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(g.delimiter(), map_idents(g.stream(), f));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            other => out.push(other.clone()),
        }
    }
    out.into_iter().collect()
}

pub fn replace_self_in_block(block: &mut syn::Block) {
    visit_mut::visit_block_mut(&mut ReplaceSelf, block);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_args_are_arguments_widths_and_precisions() {
        assert_eq!(
            format_args_in(r#""{a} {b:?} {{c}} {} {0} {:w$} {d:>x$.p$} {_e}""#),
            ["a", "b", "w", "d", "p", "x", "_e"]
        );
        assert!(format_args_in(r#""no {{braces}} here""#).is_empty());
    }
}
