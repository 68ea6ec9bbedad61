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
fn is_reserved(name: &str) -> bool {
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
const BORROWING_METHODS: &[&str] = &[
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
const FORMAT_MACROS: &[(&str, Option<usize>)] = &[
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

/// The free names a yield-free statement with no `break`/`continue` in it may leave moved:
/// those it moves somewhere not followed, on every path from there, by `x = …;` as a
/// statement of the same or an enclosing block (`while c { push(x); x = f(); }` leaves
/// `x` assigned). Conservatively, also every name a pattern inside it binds.
pub fn moves_left(stmt: &syn::Stmt) -> HashSet<String> {
    fn moves(uses: Uses) -> HashSet<String> {
        names(uses, UseKind::Move)
    }
    /// What a block's statements leave moved: an assignment undoes the moves of the
    /// statements before it in the same block, not those before the block.
    fn block(stmts: &[syn::Stmt]) -> HashSet<String> {
        let mut left = HashSet::new();
        for s in stmts {
            match s {
                syn::Stmt::Expr(Expr::Assign(a), _) => {
                    left.extend(expr(&a.right));
                    match assigned_local(a) {
                        Some(i) => {
                            left.remove(&i.to_string());
                        }
                        None => left.extend(moves(Uses::of_expr(&a.left))),
                    }
                }
                syn::Stmt::Expr(e, _) => left.extend(expr(e)),
                other => left.extend(moves(Uses::of_stmt(other))),
            }
        }
        left
    }
    fn expr(e: &Expr) -> HashSet<String> {
        let mut left = HashSet::new();
        match e {
            Expr::If(i) => {
                left.extend(expr(&i.cond));
                left.extend(block(&i.then_branch.stmts));
                if let Some((_, els)) = &i.else_branch {
                    left.extend(expr(els));
                }
            }
            Expr::While(w) => {
                left.extend(expr(&w.cond));
                left.extend(block(&w.body.stmts));
            }
            Expr::Loop(l) => left.extend(block(&l.body.stmts)),
            Expr::ForLoop(f) => {
                left.extend(expr(&f.expr));
                left.extend(block(&f.body.stmts));
            }
            Expr::Block(b) if b.label.is_none() => left.extend(block(&b.block.stmts)),
            Expr::Match(m) => {
                left.extend(expr(&m.expr));
                for arm in &m.arms {
                    if let Some((_, g)) = &arm.guard {
                        left.extend(expr(g));
                    }
                    left.extend(expr(&arm.body));
                }
            }
            other => left.extend(moves(Uses::of_expr(other))),
        }
        left
    }
    struct Bound<'a>(&'a mut HashSet<String>);
    impl<'ast> Visit<'ast> for Bound<'_> {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            self.0.insert(p.ident.to_string());
            visit::visit_pat_ident(self, p);
        }
    }
    let mut left = block(std::slice::from_ref(stmt));
    Bound(&mut left).visit_stmt(stmt);
    left
}

/// The free names a yield-free expression assigns as a whole (`x = …`) on every path
/// through it. An `if` without `else`, a `while` or `for` body, the right of `&&`/`||`,
/// a match guard and a closure may not run; arms and branches count what they all
/// assign. Anything else counts every assignment inside it, as before: rustc rejects a
/// read of a name it does not see assigned, so over-counting can only keep a value that
/// is never read.
pub fn assigned_surely(e: &Expr) -> HashSet<String> {
    fn block(stmts: &[syn::Stmt]) -> HashSet<String> {
        stmts.iter().flat_map(assigned_surely_stmt).collect()
    }
    fn both(a: HashSet<String>, b: &HashSet<String>) -> HashSet<String> {
        a.into_iter().filter(|n| b.contains(n)).collect()
    }
    match e {
        Expr::Assign(a) => {
            let mut sure = assigned_surely(&a.right);
            sure.extend(assigned_local(a).map(Ident::to_string));
            sure
        }
        Expr::If(i) => {
            let mut sure = assigned_surely(&i.cond);
            if let Some((_, els)) = &i.else_branch {
                sure.extend(both(block(&i.then_branch.stmts), &assigned_surely(els)));
            }
            sure
        }
        Expr::While(w) => assigned_surely(&w.cond),
        Expr::ForLoop(f) => assigned_surely(&f.expr),
        Expr::Match(m) => {
            let mut arms = m.arms.iter().map(|arm| assigned_surely(&arm.body));
            let first = arms.next().unwrap_or_default();
            let mut sure = arms.fold(first, |acc, a| both(acc, &a));
            sure.extend(assigned_surely(&m.expr));
            sure
        }
        Expr::Block(b) if b.label.is_none() => block(&b.block.stmts),
        Expr::Unsafe(u) => block(&u.block.stmts),
        Expr::Paren(p) => assigned_surely(&p.expr),
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
            assigned_surely(&b.left)
        }
        Expr::Closure(_) | Expr::Async(_) => HashSet::new(),
        other => names(Uses::of_expr(other), UseKind::Assign),
    }
}

/// What a yield-free statement has surely assigned ([`assigned_surely`]) at every `break`
/// inside it, `None` if it has none: `if c { x = 1; break 'a; }` has assigned `x` where
/// it leaves. A `break` in a nested loop, or in an expression of another kind, counts as
/// leaving where that construct starts.
pub fn assigned_at_breaks(s: &syn::Stmt) -> Option<HashSet<String>> {
    fn breaks(tokens: TokenStream) -> bool {
        crate::inplace::mentions(tokens, "break")
    }
    fn block(stmts: &[syn::Stmt], mut sure: HashSet<String>, out: &mut Option<HashSet<String>>) {
        for s in stmts {
            if !breaks(quote::ToTokens::to_token_stream(s)) {
                sure.extend(assigned_surely_stmt(s));
                continue;
            }
            match s {
                syn::Stmt::Expr(Expr::Break(_), _) => {
                    meet(out, &sure);
                    return;
                }
                syn::Stmt::Expr(e, _) => expr(e, &sure, out),
                _ => meet(out, &sure),
            }
            sure.extend(assigned_surely_stmt(s));
        }
    }
    fn expr(e: &Expr, sure: &HashSet<String>, out: &mut Option<HashSet<String>>) {
        match e {
            Expr::Break(_) => meet(out, sure),
            Expr::If(i) if !breaks(quote::ToTokens::to_token_stream(&i.cond)) => {
                let mut sure = sure.clone();
                sure.extend(assigned_surely(&i.cond));
                block(&i.then_branch.stmts, sure.clone(), out);
                if let Some((_, els)) = &i.else_branch {
                    expr(els, &sure, out);
                }
            }
            Expr::Block(b) => block(&b.block.stmts, sure.clone(), out),
            Expr::Match(m) if !breaks(quote::ToTokens::to_token_stream(&m.expr)) => {
                let mut sure = sure.clone();
                sure.extend(assigned_surely(&m.expr));
                for arm in &m.arms {
                    if breaks(quote::ToTokens::to_token_stream(&arm.body)) {
                        expr(&arm.body, &sure, out);
                    }
                }
            }
            _ if breaks(quote::ToTokens::to_token_stream(e)) => meet(out, sure),
            _ => {}
        }
    }
    let mut out = None;
    block(std::slice::from_ref(s), HashSet::new(), &mut out);
    out
}

/// Where the `break`s of a yield-free statement go outside it. (A `break` in a loop or to
/// a label inside the statement stays inside it; closures and items are not looked into.)
#[derive(Default, Debug, PartialEq, Eq)]
pub struct BreakTargets {
    /// A `break` without a label leaves the statement for the enclosing loop.
    pub unlabelled: bool,
    /// The labels of the outer loops and blocks it breaks out of.
    pub labels: Vec<String>,
    /// A `break` in macro tokens: it may leave for any of them.
    pub unknown: bool,
    /// A `continue` leaves the statement (for one of the enclosing loops).
    pub continues: bool,
}

impl BreakTargets {
    /// Its only jumps out are unlabelled `break`s.
    pub fn only_unlabelled_breaks(&self) -> bool {
        self.unlabelled && !self.unknown && self.labels.is_empty() && !self.continues
    }

    /// Does a `break` leave for this loop or block (`innermost_loop`: the first loop
    /// outside the statement)?
    pub fn leave(&self, label: Option<&str>, innermost_loop: bool) -> bool {
        self.unknown
            || (self.unlabelled && innermost_loop)
            || label.is_some_and(|l| self.labels.iter().any(|x| x == l))
    }
}

pub fn break_targets(s: &syn::Stmt) -> BreakTargets {
    struct Targets {
        loops: usize,
        inner: Vec<String>,
        out: BreakTargets,
    }
    impl Targets {
        fn enter(&mut self, label: Option<&syn::Label>, walk: impl FnOnce(&mut Self)) {
            if let Some(l) = label {
                self.inner.push(l.name.ident.to_string());
            }
            walk(self);
            if label.is_some() {
                self.inner.pop();
            }
        }
    }
    impl<'a> Visit<'a> for Targets {
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_expr_loop(&mut self, l: &'a syn::ExprLoop) {
            self.loops += 1;
            self.enter(l.label.as_ref(), |t| visit::visit_expr_loop(t, l));
            self.loops -= 1;
        }
        fn visit_expr_while(&mut self, w: &'a syn::ExprWhile) {
            self.loops += 1;
            self.enter(w.label.as_ref(), |t| visit::visit_expr_while(t, w));
            self.loops -= 1;
        }
        fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
            self.visit_expr(&f.expr);
            self.loops += 1;
            self.enter(f.label.as_ref(), |t| t.visit_block(&f.body));
            self.loops -= 1;
        }
        fn visit_expr_block(&mut self, b: &'a syn::ExprBlock) {
            self.enter(b.label.as_ref(), |t| visit::visit_expr_block(t, b));
        }
        fn visit_expr_break(&mut self, b: &'a syn::ExprBreak) {
            match &b.label {
                Some(l) => {
                    let name = l.ident.to_string();
                    if !self.inner.contains(&name) {
                        self.out.labels.push(name);
                    }
                }
                None if self.loops == 0 => self.out.unlabelled = true,
                None => {}
            }
            visit::visit_expr_break(self, b);
        }
        fn visit_expr_continue(&mut self, c: &'a syn::ExprContinue) {
            self.out.continues |= match &c.label {
                Some(l) => !self.inner.contains(&l.ident.to_string()),
                None => self.loops == 0,
            };
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            // A `break` in macro tokens goes somewhere the walk cannot tell.
            let tokens = m.tokens.clone();
            self.out.unknown |= crate::inplace::mentions(tokens.clone(), "break")
                || crate::inplace::mentions(tokens, "continue");
        }
    }
    let mut t = Targets {
        loops: 0,
        inner: Vec::new(),
        out: BreakTargets::default(),
    };
    t.visit_stmt(s);
    t.out
}

/// [`assigned_surely`] for a statement.
pub fn assigned_surely_stmt(s: &syn::Stmt) -> HashSet<String> {
    match s {
        syn::Stmt::Expr(e, _) => assigned_surely(e),
        syn::Stmt::Local(l) => l
            .init
            .as_ref()
            .map(|i| assigned_surely(&i.expr))
            .unwrap_or_default(),
        syn::Stmt::Item(_) => HashSet::new(),
        syn::Stmt::Macro(_) => names(Uses::of_stmt(s), UseKind::Assign),
    }
}

/// The names used in one way.
fn names(uses: Uses, kind: UseKind) -> HashSet<String> {
    uses.list
        .into_iter()
        .filter(|(_, k)| *k == kind)
        .map(|(n, _)| n)
        .collect()
}

/// The local `x` of `x = …`: an assignment of a whole local (not of a field, an element
/// or through a reference).
pub fn assigned_local(a: &syn::ExprAssign) -> Option<&Ident> {
    match &*a.left {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident(),
        _ => None,
    }
}

/// `out ∩= at`, where `None` is "no constraint yet" (the meet over the ways out of
/// something, before the first one is seen).
pub(crate) fn meet<T: Clone + Eq + std::hash::Hash>(out: &mut Option<HashSet<T>>, at: &HashSet<T>) {
    *out = Some(match out.take() {
        Some(o) => o.intersection(at).cloned().collect(),
        None => at.clone(),
    });
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

fn is_comparison(op: &syn::BinOp) -> bool {
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

    fn left(stmt: TokenStream) -> Vec<String> {
        let stmt: syn::Stmt = syn::parse2(stmt).unwrap();
        // Callees are names too; only the locals of the cases matter here.
        let mut names: Vec<String> = moves_left(&stmt)
            .into_iter()
            .filter(|n| ["x", "y", "v", "it"].contains(&n.as_str()))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn assignments_on_every_path() {
        use quote::quote;
        let sure = |e: TokenStream| {
            let e: Expr = syn::parse2(e).unwrap();
            let mut names: Vec<String> = assigned_surely(&e).into_iter().collect();
            names.sort();
            names
        };
        assert_eq!(
            sure(quote!(if c {
                x = 1;
                y = 2;
            } else {
                x = 3;
            })),
            ["x"]
        );
        assert_eq!(
            sure(quote!(match m {
                A => x = 1,
                B => {
                    x = 2;
                    y = 1;
                }
            })),
            ["x"]
        );
        assert_eq!(
            sure(quote!({
                x = 1;
                if c {
                    y = 2;
                }
            })),
            ["x"]
        );
        assert!(sure(quote!(while c {
            x = 1;
        }))
        .is_empty());
        assert!(sure(quote!(
            c && {
                x = 1;
                true
            }
        ))
        .is_empty());
        assert!(sure(quote!(|| x = 1)).is_empty());
        // A `loop` counts every assignment, as rustc sees one before each `break`.
        assert_eq!(
            sure(quote!(loop {
                if c {
                    x = 1;
                    break;
                }
            })),
            ["x"]
        );
    }

    #[test]
    fn assignments_where_a_statement_breaks() {
        use quote::quote;
        let at = |s: TokenStream| {
            let s: syn::Stmt = syn::parse2(s).unwrap();
            assigned_at_breaks(&s).map(|names| {
                let mut names: Vec<String> = names.into_iter().collect();
                names.sort();
                names
            })
        };
        assert_eq!(
            at(quote!(if c {
                x = 1;
                break 'a;
            })),
            Some(vec!["x".to_owned()])
        );
        assert_eq!(
            at(quote!(if c {
                x = 1;
                if d {
                    break;
                }
                y = 2;
                break;
            })),
            Some(vec!["x".to_owned()])
        );
        assert_eq!(
            at(quote!(if c {
                break;
            } else {
                x = 1;
            })),
            Some(vec![])
        );
        assert_eq!(at(quote!(x = 1;)), None);
    }

    #[test]
    fn where_breaks_go() {
        use quote::quote;
        let targets = |s: TokenStream| {
            let t = break_targets(&syn::parse2(s).unwrap());
            assert!(!t.unknown);
            (t.unlabelled, t.labels)
        };
        assert_eq!(
            targets(quote!(if c {
                break;
            })),
            (true, vec![])
        );
        assert_eq!(
            targets(quote!(if c {
                break 'a;
            })),
            (false, vec!["a".to_owned()])
        );
        // Inside the statement's own loops and labels, or a closure: no way out.
        assert_eq!(
            targets(quote!(for x in v {
                if x {
                    break;
                }
            })),
            (false, vec![])
        );
        assert_eq!(
            targets(quote!('b: {
                if c {
                    break 'b;
                }
            })),
            (false, vec![])
        );
        assert_eq!(
            targets(quote!(let f = || loop { break; };)),
            (false, vec![])
        );
        assert_eq!(
            targets(quote!(while c {
                if d {
                    break 'outer;
                }
            })),
            (false, vec!["outer".to_owned()])
        );
        // `continue`s that leave the statement; only unlabelled `break`s are followed.
        let of = |s: TokenStream| break_targets(&syn::parse2(s).unwrap());
        let t = of(quote!(if c {
            continue;
        }));
        assert!(t.continues && !t.only_unlabelled_breaks());
        let t = of(quote!(for x in v {
            if x {
                continue;
            }
            if y {
                continue 'outer;
            }
        }));
        assert!(t.continues, "'outer is outside the statement");
        let t = of(quote!('a: loop {
            continue 'a;
        }));
        assert!(!t.continues);
        assert!(of(quote!(if c {
            break;
        }))
        .only_unlabelled_breaks());
        assert!(!of(quote!(if c {
            break 'a;
        }))
        .only_unlabelled_breaks());
    }

    #[test]
    fn a_move_is_undone_by_a_later_assignment_in_its_block_only() {
        use quote::quote;
        assert!(left(quote!(while c(&y) {
            push(x);
            x = f();
        }))
        .is_empty());
        assert!(left(quote!({
            if c() {
                push(x);
            }
            x = f();
        }))
        .is_empty());
        assert_eq!(
            left(quote!(if c() {
                push(x);
            })),
            ["x"]
        );
        assert_eq!(
            left(quote!({
                push(x);
                if c() {
                    x = f();
                }
            })),
            ["x"]
        );
        assert_eq!(left(quote!(x = g(x, y);)), ["y"]);
        // Patterns bind names: conservatively left moved too.
        assert_eq!(
            left(quote!(for v in it {
                push(x);
                x = v;
            })),
            ["it", "v"]
        );
    }
}
