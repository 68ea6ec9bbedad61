//! Syntax walks shared by the phases: finding suspension points, the bindings a pattern
//! introduces, and the free variables a yield-free fragment reads or moves.
//!
//! ```text
//! uses(`f(&a, b.len(), c)`)  ==  [a: Borrow, b: Borrow, c: Move]
//! ```
//!
//! Closures, `async` blocks and `const` blocks are their own scope for suspension points;
//! nested items are never entered.

use crate::tokens::{self, map_idents};
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::spanned::Spanned;
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

/// Does the expression contain a suspension point of this generator (not counting
/// closures, async blocks, const blocks and items, which are their own scope)?
pub fn contains_yield(expr: &Expr) -> bool {
    let mut finder = Finder(0);
    finder.visit_expr(expr);
    finder.0 > 0
}

pub fn stmt_contains_yield(stmt: &syn::Stmt) -> bool {
    suspension_points(std::slice::from_ref(stmt)) > 0
}

/// How many suspension points the statements write, outside closures, `async` blocks
/// and items (one inside the argument of a `yield_!` is not counted).
pub fn suspension_points(stmts: &[syn::Stmt]) -> usize {
    let mut finder = Finder(0);
    stmts.iter().for_each(|s| finder.visit_stmt(s));
    finder.0
}

struct Finder(usize);

impl<'a> Visit<'a> for Finder {
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    fn visit_expr_const(&mut self, _: &'a syn::ExprConst) {}
    fn visit_item(&mut self, _: &'a syn::Item) {}
    fn visit_expr_yield(&mut self, y: &'a syn::ExprYield) {
        self.0 += 1;
        visit::visit_expr_yield(self, y);
    }
    /// A suspension point in a stream; elsewhere the normalizer reports it.
    fn visit_expr_await(&mut self, a: &'a syn::ExprAwait) {
        self.0 += 1;
        visit::visit_expr_await(self, a);
    }
    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        if yield_macro(mac).is_some() {
            self.0 += 1;
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

/// The bindings of a pattern that bind a literal's value (`x @ 0`, `c @ 'a'..='z'`,
/// `n @ (1 | 2)`): a primitive, without drop glue.
pub fn literal_bindings(pat: &Pat) -> Vec<Ident> {
    fn literal(p: &Pat) -> bool {
        match p {
            Pat::Lit(_) | Pat::Range(_) => true,
            Pat::Or(o) => o.cases.iter().all(literal),
            Pat::Paren(p) => literal(&p.pat),
            _ => false,
        }
    }
    struct Find(Vec<Ident>);
    impl<'a> Visit<'a> for Find {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            if p.subpat.as_ref().is_some_and(|(_, sub)| literal(sub)) {
                self.0.push(p.ident.clone());
            }
            visit::visit_pat_ident(self, p);
        }
    }
    let mut find = Find(Vec::new());
    find.visit_pat(pat);
    find.0
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

/// Methods whose result borrows the receiver (`v.iter()`): a binding initialized by one
/// is borrow-like.
const BORROW_RETURNING: &[&str] = &[
    "as_bytes",
    "as_deref",
    "as_deref_mut",
    "as_mut",
    "as_mut_slice",
    "as_mut_str",
    "as_ref",
    "as_slice",
    "as_str",
    "borrow",
    "borrow_mut",
    "bytes",
    "char_indices",
    "chars",
    "chunks",
    "chunks_exact",
    "chunks_mut",
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
    "lock",
    "match_indices",
    "matches",
    "range",
    "range_mut",
    "rsplit",
    "rsplitn",
    "split",
    "split_ascii_whitespace",
    "split_at",
    "split_at_mut",
    "split_terminator",
    "split_whitespace",
    "splitn",
    "strip_prefix",
    "strip_suffix",
    "trim",
    "trim_end",
    "trim_end_matches",
    "trim_matches",
    "trim_start",
    "trim_start_matches",
    "values",
    "values_mut",
    "windows",
];

/// Is `name!` one of the standard library's macros, none of which expands to an `.await`?
/// (Any other macro in a stream's body may: `join!`, `select!`, `pending!`, a user's.)
pub fn never_awaits(name: &str) -> bool {
    const OTHERS: &[&str] = &[
        "addr_of",
        "addr_of_mut",
        "cfg",
        "column",
        "compile_error",
        "concat",
        "dbg",
        "env",
        "file",
        "include",
        "include_bytes",
        "include_str",
        "line",
        "module_path",
        "option_env",
        "stringify",
        "vec",
    ];
    OTHERS.contains(&name) || FORMAT_MACROS.iter().any(|&(m, _)| m == name)
}

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

/// Is `init` an expression whose value borrows from something (`&x`, `x.iter()`,
/// `v.first().unwrap()`, `if c { &a } else { &b }`, `(&a, &b)`)?
pub fn is_borrow_like(init: &Expr) -> bool {
    borrowing_part(init).is_some()
        || vec_elements(init).is_some_and(|v| v.iter().any(is_borrow_like))
}

/// The expressions of `e`, if it is `vec![a, b]` or `vec![e; n]` and they parse.
pub fn vec_elements(e: &Expr) -> Option<Vec<Expr>> {
    match e {
        Expr::Macro(m) if m.mac.path.segments.last()?.ident == "vec" => vec_args(&m.mac),
        _ => None,
    }
}

/// The expressions of a `vec!` invocation's arguments (`a, b` or `e; n`), if they parse.
pub fn vec_args(mac: &syn::Macro) -> Option<Vec<Expr>> {
    mac.parse_body_with(|input: syn::parse::ParseStream| {
        if input.is_empty() {
            return Ok(Vec::new());
        }
        let first: Expr = input.parse()?;
        if input.parse::<Option<syn::Token![;]>>()?.is_some() {
            let n: Expr = input.parse()?;
            return Ok(vec![first, n]);
        }
        let mut all = vec![first];
        while input.parse::<Option<syn::Token![,]>>()?.is_some() && !input.is_empty() {
            all.push(input.parse()?);
        }
        Ok(all)
    })
    .ok()
}

/// The part of `init` that borrows: `&x`, `x.iter()` (the method call), or `None`.
pub fn borrowing_part(init: &Expr) -> Option<&Expr> {
    match init {
        Expr::Reference(_) => Some(init),
        Expr::Paren(p) => borrowing_part(&p.expr),
        Expr::MethodCall(m) => {
            let name = m.method.to_string();
            if BORROW_RETURNING.contains(&name.as_str()) {
                Some(init)
            } else if is_adapter(&m.method) || passes_borrow(&m.method) {
                borrowing_part(&m.receiver)
            } else {
                None
            }
        }
        Expr::If(i) => block_tail(&i.then_branch)
            .and_then(borrowing_part)
            .or_else(|| i.else_branch.as_ref().and_then(|(_, e)| borrowing_part(e))),
        Expr::Block(b) => block_tail(&b.block).and_then(borrowing_part),
        Expr::Match(m) => m.arms.iter().find_map(|a| borrowing_part(&a.body)),
        Expr::Tuple(t) => t.elems.iter().find_map(borrowing_part),
        // `Some(&x)`, `Wrapper(&x)`, `S { r: &x }`: a value built around a borrow holds it.
        Expr::Call(c) if is_constructor(&c.func) => c.args.iter().find_map(borrowing_part),
        Expr::Struct(st) => st.fields.iter().find_map(|f| borrowing_part(&f.expr)),
        Expr::Array(a) => a.elems.iter().find_map(borrowing_part),
        _ => None,
    }
}

/// A tuple struct or variant (`Some`, `Wrapper`): what it returns holds its arguments.
/// (Not `Type::new(&x)`, which often keeps a copy or a clone, not the borrow.)
fn is_constructor(func: &Expr) -> bool {
    let Expr::Path(p) = func else { return false };
    p.path
        .segments
        .last()
        .is_some_and(|last| last.ident.to_string().starts_with(char::is_uppercase))
}

/// The expression of `{ e }`, a block of nothing else.
pub fn only_tail(b: &syn::ExprBlock) -> Option<&Expr> {
    match b.block.stmts.as_slice() {
        [syn::Stmt::Expr(e, None)] if b.label.is_none() && b.attrs.is_empty() => Some(e),
        _ => None,
    }
}

/// The tail expression of a block, if it has one.
fn block_tail(b: &syn::Block) -> Option<&Expr> {
    match b.stmts.last() {
        Some(syn::Stmt::Expr(e, None)) => Some(e),
        _ => None,
    }
}

/// Methods whose result holds what their receiver borrows (`v.first().unwrap()`,
/// `v.iter().max()`, `it.peek()`).
fn passes_borrow(method: &syn::Ident) -> bool {
    const PASSES: &[&str] = &[
        "expect",
        "find",
        "max",
        "max_by",
        "max_by_key",
        "min",
        "min_by",
        "min_by_key",
        "next",
        "next_back",
        "nth",
        "peek",
        "unwrap",
        "unwrap_or",
        "unwrap_or_default",
    ];
    PASSES.contains(&method.to_string().as_str())
}

/// Is `method` one of the standard library's iterator adapters, whose result holds the
/// iterator it is called on (`v.iter().enumerate()` borrows `v` as `v.iter()` does)?
pub fn is_adapter(method: &syn::Ident) -> bool {
    const ADAPTERS: &[&str] = &[
        "chain",
        "cloned",
        "copied",
        "cycle",
        "enumerate",
        "filter",
        "filter_map",
        "flat_map",
        "flatten",
        "fuse",
        "inspect",
        "map",
        "map_while",
        "peekable",
        "rev",
        "scan",
        "skip",
        "skip_while",
        "step_by",
        "take",
        "take_while",
        "zip",
    ];
    ADAPTERS.contains(&method.to_string().as_str())
}

/// Is `expr` a place (`x`, `x.f`, `x[i]`, `*x`): what a borrow of it borrows is a local,
/// not a temporary?
pub fn is_place(expr: &Expr) -> bool {
    match expr {
        Expr::Path(_) => true,
        Expr::Field(f) => is_place(&f.base),
        Expr::Index(i) => is_place(&i.expr),
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => true,
        _ => false,
    }
}

/// After `stmts` run, does the local `name` hold its whole value or none of it, as the
/// analyses see its uses: every mention of it borrows a place rooted at it (`&x`,
/// `&mut x.f`, a std formatting macro's argument), assigns to such a place (`x = e`,
/// `x.n += 1`), uses the whole value (`f(x)`, `let y = x`: a move, or a copy of a value
/// without drop glue), reads a field or an element by value (`x.id`, `x[i]`: taken for a
/// copy, as everywhere), or calls a method on it (taken to borrow it unless the standard
/// library's method consumes it, as everywhere: a user's method taking `self`, or a
/// field moved by `let`, is then rustc's E0382 at the drop where the value's scope ends,
/// the README's limits); and no `let` of the block itself binds the name again (one in a
/// nested block or arm hides it only there). The uses that answer no bind or move parts
/// the analyses do not follow: `match x`, `if let … = x`, `x?`, `*x`, a use inside a
/// closure or an `async` block, or another macro that names it.
pub fn whole_or_moved(stmts: &[syn::Stmt], name: &Ident) -> bool {
    whole_or_moved_where(stmts, None, name)
}

/// [`whole_or_moved`] for one expression (a `match` arm's body).
pub fn whole_or_moved_in(expr: &Expr, name: &Ident) -> bool {
    whole_or_moved_where(&[], Some(expr), name)
}

fn whole_or_moved_where(stmts: &[syn::Stmt], expr: Option<&Expr>, name: &Ident) -> bool {
    struct Uses<'n> {
        name: &'n Ident,
        moved: bool,
        /// Inside a closure or an `async` block: a use there is a capture.
        captured: usize,
    }
    impl Uses<'_> {
        fn rooted_here(&self, place: &Expr) -> bool {
            match place {
                Expr::Path(p) => p.path.is_ident(self.name),
                Expr::Field(f) => self.rooted_here(&f.base),
                Expr::Paren(p) => self.rooted_here(&p.expr),
                _ => false,
            }
        }
    }
    impl<'a> Visit<'a> for Uses<'_> {
        fn visit_expr_reference(&mut self, r: &'a syn::ExprReference) {
            if !self.rooted_here(&r.expr) {
                visit::visit_expr_reference(self, r);
            }
        }
        fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
            if !self.rooted_here(&a.left) {
                self.visit_expr(&a.left);
            }
            self.visit_expr(&a.right);
        }
        fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
            let compound = !matches!(
                b.op,
                syn::BinOp::Add(_)
                    | syn::BinOp::Sub(_)
                    | syn::BinOp::Mul(_)
                    | syn::BinOp::Div(_)
                    | syn::BinOp::Rem(_)
                    | syn::BinOp::And(_)
                    | syn::BinOp::Or(_)
                    | syn::BinOp::BitXor(_)
                    | syn::BinOp::BitAnd(_)
                    | syn::BinOp::BitOr(_)
                    | syn::BinOp::Shl(_)
                    | syn::BinOp::Shr(_)
                    | syn::BinOp::Eq(_)
                    | syn::BinOp::Lt(_)
                    | syn::BinOp::Le(_)
                    | syn::BinOp::Ne(_)
                    | syn::BinOp::Ge(_)
                    | syn::BinOp::Gt(_)
            );
            if !(compound && self.rooted_here(&b.left)) {
                self.visit_expr(&b.left);
            }
            self.visit_expr(&b.right);
        }
        fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
            self.moved |= self.captured > 0 && p.path.is_ident(self.name);
        }
        fn visit_expr(&mut self, e: &'a Expr) {
            let operand = match e {
                Expr::Match(m) => Some(&*m.expr),
                Expr::Let(l) => Some(&*l.expr),
                Expr::Try(t) => Some(&*t.expr),
                Expr::Unary(u) => Some(&*u.expr),
                _ => None,
            };
            self.moved |= operand.is_some_and(|o| self.rooted_here(o));
            visit::visit_expr(self, e);
        }
        fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
            if c.capture.is_some() {
                self.moved |= tokens::mentions(&c.body.to_token_stream(), self.name);
            } else {
                self.captured += 1;
                visit::visit_expr_closure(self, c);
                self.captured -= 1;
            }
        }
        fn visit_expr_async(&mut self, a: &'a syn::ExprAsync) {
            if a.capture.is_some() {
                self.moved |= tokens::mentions(&a.block.to_token_stream(), self.name);
            } else {
                self.captured += 1;
                visit::visit_expr_async(self, a);
                self.captured -= 1;
            }
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            if !tokens::mentions(&mac.tokens, self.name) {
                return;
            }
            let name = mac.path.segments.last().map(|s| s.ident.to_string());
            let formats = name
                .as_deref()
                .is_some_and(|n| FORMAT_MACROS.iter().any(|(m, _)| *m == n));
            if formats {
                return;
            }
            let parsed = if yield_macro(mac).is_some() {
                mac.parse_body::<Expr>().ok().map(|e| vec![e])
            } else if name.as_deref() == Some("vec") {
                vec_args(mac)
            } else {
                None
            };
            match parsed {
                Some(exprs) => exprs.iter().for_each(|e| self.visit_expr(e)),
                None => self.moved = true,
            }
        }
    }
    // A `let` of the name in the block itself hides the local up to the block's end (a
    // pattern in a nested block or arm only there, where the analyses tell them apart).
    let rebound = stmts.iter().any(|s| {
        matches!(s, syn::Stmt::Local(l) if pat_bindings(&l.pat, true).iter().any(|b| b.ident == *name))
    });
    let mut uses = Uses {
        name,
        moved: rebound,
        captured: 0,
    };
    stmts.iter().for_each(|s| uses.visit_stmt(s));
    if let Some(e) = expr {
        uses.visit_expr(e);
    }
    !uses.moved
}

/// Does `stmt` hold an item, a pattern that binds `name`, or a struct literal or pattern
/// that names the field `name` in shorthand (`S { name }`): places where the identifier
/// `name` is not only the local?
pub fn has_item_or_shorthand(stmt: &syn::Stmt, name: &Ident) -> bool {
    struct Find<'n>(&'n Ident, bool);
    impl<'a> Visit<'a> for Find<'_> {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            self.1 |= p.ident == *self.0;
            visit::visit_pat_ident(self, p);
        }
        fn visit_item(&mut self, _: &'a syn::Item) {
            self.1 = true;
        }
        fn visit_field_value(&mut self, f: &'a syn::FieldValue) {
            self.1 |= f.colon_token.is_none()
                && matches!(&f.member, syn::Member::Named(m) if m == self.0);
            visit::visit_field_value(self, f);
        }
        fn visit_field_pat(&mut self, f: &'a syn::FieldPat) {
            self.1 |= f.colon_token.is_none()
                && matches!(&f.member, syn::Member::Named(m) if m == self.0);
            visit::visit_field_pat(self, f);
        }
    }
    let mut find = Find(name, false);
    find.visit_stmt(stmt);
    find.1
}

/// Does evaluating `expr` make a temporary that lives to the end of its statement and
/// matters there: one it borrows (`&make()`, `&format!(…)`), or a guard of the standard
/// library's locks and cells that a method is called on (`m.lock().unwrap().pop()`,
/// `queue.borrow_mut().pop()`)? Closures and blocks are not looked into (their
/// temporaries end inside them).
pub fn holds_temporary(expr: &Expr) -> bool {
    struct Finder(bool);
    impl<'a> Visit<'a> for Finder {
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_block(&mut self, _: &'a syn::Block) {}
        fn visit_expr_reference(&mut self, r: &'a syn::ExprReference) {
            self.0 |= borrows_temporary(&r.expr);
            visit::visit_expr_reference(self, r);
        }
        fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
            self.0 |= makes_guard(&m.receiver);
            visit::visit_expr_method_call(self, m);
        }
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            if let Some(args) = statement_scoped_args(mac) {
                args.iter().for_each(|a| self.visit_expr(a));
            }
        }
    }
    let mut f = Finder(false);
    f.visit_expr(expr);
    f.0
}

/// The argument expressions of a std macro whose expansion is an expression around them,
/// so that their temporaries live to the end of the enclosing statement as a call's
/// arguments do: `vec![…]`, `matches!`'s scrutinee, `dbg!`, `assert_eq!`/`assert_ne!`
/// (a `match` on their borrows), and the `format_args!`-based `write!`, `writeln!`,
/// `print!`, `println!`, `eprint!`, `eprintln!`, `format_args!`. `None` for any other
/// macro: `format!`, `assert!` and the `debug_` forms are blocks or `if` conditions, whose
/// temporaries end inside them, and a user's macro is not looked into.
fn statement_scoped_args(mac: &syn::Macro) -> Option<Vec<Expr>> {
    const CALL_LIKE: &[&str] = &[
        "dbg",
        "assert_eq",
        "assert_ne",
        "write",
        "writeln",
        "print",
        "println",
        "eprint",
        "eprintln",
        "format_args",
    ];
    let name = mac.path.segments.last()?.ident.to_string();
    match name.as_str() {
        "vec" => vec_args(mac),
        "matches" => mac
            .parse_body_with(|input: syn::parse::ParseStream| {
                let scrutinee: Expr = input.parse()?;
                input.parse::<proc_macro2::TokenStream>()?;
                Ok(vec![scrutinee])
            })
            .ok(),
        n if CALL_LIKE.contains(&n) => mac
            .parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated)
            .ok()
            .map(|args| args.into_iter().collect()),
        _ => None,
    }
}

/// `&e` of an `e` that is a temporary: not a place, and not a constant that is promoted
/// to a static (`&3`, `&[1, 2]`).
fn borrows_temporary(e: &Expr) -> bool {
    !is_place(e) && !matches!(e, Expr::Lit(_) | Expr::Array(_))
}

/// Is `e` (a method's receiver) a guard made by the standard library's locks and cells,
/// maybe unwrapped: `m.lock()`, `m.lock().unwrap()`, `c.borrow_mut()`?
fn makes_guard(e: &Expr) -> bool {
    const GUARDS: &[&str] = &[
        "lock",
        "try_lock",
        "read",
        "write",
        "try_read",
        "try_write",
        "borrow",
        "borrow_mut",
        "try_borrow",
        "try_borrow_mut",
    ];
    match e {
        Expr::MethodCall(m) if GUARDS.iter().any(|g| m.method == g) => true,
        Expr::MethodCall(m) if m.method == "unwrap" || m.method == "expect" => {
            makes_guard(&m.receiver)
        }
        Expr::Paren(p) => makes_guard(&p.expr),
        _ => false,
    }
}

/// A `let` initializer whose temporary lives as long as the binding (temporary lifetime
/// extension): `&make()`, and such a borrow inside a struct, tuple or array literal.
pub fn extends_temporary(init: &Expr) -> bool {
    match init {
        Expr::Reference(r) => borrows_temporary(&r.expr) || extends_temporary(&r.expr),
        Expr::Struct(s) => s.fields.iter().any(|f| extends_temporary(&f.expr)),
        Expr::Tuple(t) => t.elems.iter().any(extends_temporary),
        Expr::Array(a) => a.elems.iter().any(extends_temporary),
        Expr::Paren(p) => extends_temporary(&p.expr),
        Expr::Cast(c) => extends_temporary(&c.expr),
        _ => false,
    }
}

/// Does the block create a value of a type of its own (a closure, an `async` block, a
/// nested generator), which two copies of the code would make two types of?
pub fn creates_unique_type(block: &syn::Block) -> bool {
    struct Finder(bool);
    impl<'a> Visit<'a> for Finder {
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {
            self.0 = true;
        }
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {
            self.0 = true;
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            self.0 |= is_generator_macro(m)
                || m.tokens
                    .clone()
                    .into_iter()
                    .any(|t| matches!(&t, TokenTree::Ident(i) if i == "async" || i == "move"));
        }
    }
    let mut f = Finder(false);
    f.visit_block(block);
    f.0
}

/// `for pat in source body`, built rather than parsed: the source may be any expression
/// (`return`, which would take the body as its value if printed and parsed again).
pub fn for_loop(pat: syn::Pat, source: Expr, body: syn::Block) -> syn::ExprForLoop {
    syn::ExprForLoop {
        attrs: Vec::new(),
        label: None,
        for_token: Default::default(),
        pat: Box::new(pat),
        in_token: Default::default(),
        expr: Box::new(source),
        body,
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

/// Does a condition contain a `let` (`if let`, let chains)?
pub fn has_let(cond: &Expr) -> bool {
    match cond {
        Expr::Let(_) => true,
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            has_let(&b.left) || has_let(&b.right)
        }
        Expr::Paren(p) => has_let(&p.expr),
        _ => false,
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

/// `for await pat in s { … }` (marked by [`mark_for_await`]) → a loop over the stream,
/// pinned where it stands, that awaits each item (nested `async` blocks too):
///
/// ```text
/// { let mut s = pin!(stream_source(s)); 'l: while let Some(pat) = next_item(s.as_mut()).await { … } }
/// ```
pub fn desugar_for_await(block: &mut syn::Block, krate: &TokenStream) {
    struct Desugar<'k>(&'k TokenStream);
    impl VisitMut for Desugar<'_> {
        fn visit_item_mut(&mut self, _: &mut syn::Item) {}
        fn visit_expr_mut(&mut self, expr: &mut Expr) {
            visit_mut::visit_expr_mut(self, expr);
            let Expr::ForLoop(f) = expr else {
                return;
            };
            let Some(at) = f
                .attrs
                .iter()
                .position(|a| a.path().is_ident(tokens::FOR_AWAIT))
            else {
                return;
            };
            let span = f.attrs[at].path().span();
            f.attrs.remove(at);
            let (krate, attrs, label, pat, body) = (self.0, &f.attrs, &f.label, &f.pat, &f.body);
            let source = &f.expr;
            let sspan = syn::spanned::Spanned::span(&**source);
            let krate_here = tokens::respan(krate.clone(), sspan);
            let pinned = Ident::new("__awaited", Span::mixed_site());
            let next = quote::quote_spanned!(span=> .await);
            *expr = syn::parse_quote! {{
                let mut #pinned = ::core::pin::pin!(#krate_here::__private::stream_source(#source));
                #(#attrs)*
                #label while let #krate::__private::Some(#pat) =
                    #krate::__private::next_item(#pinned.as_mut()) #next
                #body
            }};
        }
    }
    Desugar(krate).visit_block_mut(block);
}

/// Does the body use `?` (outside closures, async blocks and items)?
pub fn has_try(block: &syn::Block) -> bool {
    struct Finder(bool);
    impl<'a> Visit<'a> for Finder {
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_expr_try(&mut self, _: &'a syn::ExprTry) {
            self.0 = true;
        }
    }
    let mut f = Finder(false);
    f.visit_block(block);
    f.0
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

pub fn replace_self_in_block(block: &mut syn::Block) {
    visit_mut::visit_block_mut(&mut ReplaceSelf, block);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn borrows(e: &str) -> bool {
        is_borrow_like(&syn::parse_str::<Expr>(e).unwrap())
    }

    #[test]
    fn borrows_seen_through_methods_branches_and_aggregates() {
        assert!(borrows("&v"));
        assert!(borrows("s.as_bytes()"));
        assert!(borrows("v.first().unwrap()"));
        assert!(borrows("v.iter().max().unwrap()"));
        assert!(borrows("if c { &a } else { &b }"));
        assert!(borrows("match k { 0 => &a, _ => &b }"));
        assert!(borrows("(&a, &b)"));
        assert!(borrows("[&a, &b]"));
        assert!(borrows("vec![&a, &b]"));
        assert!(borrows("Some(&a)"));
        assert!(!borrows("V::new(1, &log)"));
        assert!(borrows("S { r: &a }"));
        assert!(!borrows("Some(a)"));
        assert!(!borrows("f(&a)"));
        assert!(!borrows("v.len()"));
        assert!(!borrows("v.clone()"));
        assert!(!borrows("if c { 1 } else { 2 }"));
        assert!(!borrows("vec![a, b]"));
        assert!(!borrows("x.unwrap()"));
    }

    #[test]
    fn bindings_of_a_literals_value() {
        let lits = |p: &str| -> Vec<String> {
            let pat = syn::parse::Parser::parse_str(Pat::parse_multi, p).unwrap();
            literal_bindings(&pat)
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(lits("x @ 0"), ["x"]);
        assert_eq!(lits("(a @ 'a'..='z', b, n @ (1 | 2))"), ["a", "n"]);
        assert!(lits("Some(b)").is_empty());
        assert!(lits("s @ Some(_)").is_empty());
    }

    #[test]
    fn values_kept_whole_or_moved_by_the_statements_after_their_let() {
        let kept = |code: &str| {
            let block: syn::Block = syn::parse_str(&format!("{{ {code} }}")).unwrap();
            whole_or_moved(&block.stmts, &Ident::new("x", Span::call_site()))
        };
        assert!(kept("f(&x); g(&mut x.f);"));
        assert!(kept("x = make(); x.n += 1; println!(\"{}\", x.n);"));
        assert!(kept(
            "yield_!(vid(&x)); let v = vec![&x]; let c = || vid(&x);"
        ));
        assert!(kept("if c { y = &x; } else { yield_!(1); }"));
        assert!(kept("f(y);"));
        assert!(kept("x += 1;"));
        assert!(kept("if c { f(x); }"));
        assert!(kept("let y = x;"));
        assert!(kept("yield_!(consume(x));"));
        assert!(kept("let n = x.id + x[2];"));
        assert!(kept("x.items.clear(); let n = x.len();"));
        assert!(!kept("match x { _ => {} }"));
        assert!(!kept("if let Some(v) = x {}"));
        assert!(!kept("let c = move || vid(&x);"));
        assert!(!kept("let c = || consume(x);"));
        assert!(!kept("let x = 2;"));
        assert!(kept("if c { let x = 2; f(x); } g(&x);"));
        assert!(!kept("my_macro!(&x);"));
    }

    #[test]
    fn temporaries_that_live_to_the_end_of_the_statement() {
        let holds = |e: &str| holds_temporary(&syn::parse_str::<Expr>(e).unwrap());
        assert!(holds("len(&make())"));
        assert!(holds("m.lock().unwrap().pop()"));
        assert!(holds("vec![vid(&V::new(2)), 1].len()"));
        assert!(holds("std::vec![&make(); 2]"));
        assert!(!holds("vec![vid(&v), 1].len()"));
        assert!(holds("(matches!(vid(&V::new(2)), 0 | 1) as i64)"));
        assert!(!holds("matches!(vid(&v), 0 | 1)"));
        assert!(holds("dbg!(vid(&make()))"));
        assert!(holds("write!(w, \"{}\", vid(&make())).is_ok()"));
        assert!(holds("println!(\"{x} {}\", x = 1, vid(&make()))"));
        assert!(!holds("format!(\"{}\", vid(&make())).len()"));
        assert!(!holds("my_macro!(vid(&make()))"));
        assert!(
            !holds("format!(\"{}\", &make())"),
            "a block: they end inside it"
        );
        assert!(!holds("len(&3)"));
        assert!(!holds("|| len(&make())"));
    }
}
