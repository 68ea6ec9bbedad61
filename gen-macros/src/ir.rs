//! The intermediate form between [`normalize`](crate::normalize) and
//! [`emit`](crate::emit): structured control flow whose leaves are yield-free Rust.
//!
//! ```text
//! for x in v { if x > 0 { yield_!(x); } }
//! // becomes
//! Block [ Let iter = IntoIterator::into_iter(v),
//!         Loop [ Match next(&mut iter) { Some(x) => [ If x > 0 [ Yield x ] ], None => [ break; ] } ] ]
//! ```
//!
//! Only statements that contain a suspension point are taken apart; everything else is a
//! [`Stmt::Native`] fragment emitted as written, with its own spans.

use proc_macro2::Ident;

pub type BindingId = usize;

/// How to reach a suspension point from the root block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Statement `i` of the current block.
    Stmt(usize),
    Then,
    Else,
    Arm(usize),
    /// The body of a `loop`, labelled block or plain block.
    Body,
}

/// The blocks a path goes through, each with the index of the statement on the path; the
/// last is the suspension or join point itself. (A path that leaves the IR stops there.)
pub fn path_blocks<'a>(body: &'a Body, path: &[Step]) -> Vec<(&'a Block, usize)> {
    let mut out = Vec::new();
    let mut block = &body.block;
    let mut steps = path.iter();
    while let Some(&Step::Stmt(i)) = steps.next() {
        let Some(stmt) = block.stmts.get(i) else {
            break;
        };
        out.push((block, i));
        block = match (stmt, steps.next()) {
            (Stmt::If { then, .. }, Some(Step::Then)) => then,
            (Stmt::If { els: Some(els), .. }, Some(Step::Else)) => els,
            (Stmt::Match { arms, .. }, Some(&Step::Arm(a))) => match arms.get(a) {
                Some(arm) => &arm.body,
                None => break,
            },
            (
                Stmt::Loop { body, .. } | Stmt::Labeled { body, .. } | Stmt::Block(body),
                Some(Step::Body),
            ) => body,
            _ => break,
        };
    }
    out
}

/// The step closure's own names (its parameters, and the locals the emitted code binds
/// around user code): no field of a state is named so, or binding it would hide them.
pub const RESERVED: &[&str] = &["__state", "__arg", "__yielded", "__returned", "__held"];

/// The step closure's resume argument (a stream's: the task's `Context`), named alike by
/// the normalizer's code and the emitter's closure.
pub fn arg_ident() -> Ident {
    Ident::new("__arg", proc_macro2::Span::mixed_site())
}

/// The step closure's parameter holding a stream's pinned slot.
pub fn pinned_ident() -> Ident {
    Ident::new("__pinned", proc_macro2::Span::mixed_site())
}

/// A local variable introduced by a `let`, a match arm, a `for` pattern, a parameter or
/// the normalizer itself. Shadowed bindings are distinct.
#[derive(Clone, Debug)]
pub struct Binding {
    pub ident: Ident,
    pub mutable: bool,
    /// Declared without an initializer (`let x;`, the result slots of value-producing
    /// control flow): initialized only by a later assignment.
    pub deferred: bool,
    /// Its initializer borrows (`&e`, `e.iter()`, a `ref` pattern): when nothing reads it
    /// after a suspension point it is not worth carrying.
    pub borrow_like: bool,
    /// The declared type, when the `let` had one and binds exactly this name.
    pub ty: Option<syn::Type>,
    /// The generator local this binding's initializer borrows (`&v`, `v.iter()` on an
    /// owned `v`), with the borrowing expression: carrying both is a self-borrow.
    pub borrows: Option<(BindingId, proc_macro2::TokenStream)>,
    /// Its initializer borrows a temporary (`&make()`, `make().iter()`), which lives as
    /// long as the binding.
    pub borrows_temporary: bool,
    /// Known to own its value (a by-value parameter of a concrete type, `vec![…]`, …):
    /// `v.iter()` on it borrows the generator's own state.
    pub owned: bool,
    /// Its declared type or initializer shows a type without drop glue (`let mut i = 0;`,
    /// `n: usize`, `x as u64`, `&T`): when nothing reads it after a suspension point,
    /// nothing can tell when it is dropped, so it is not carried.
    pub plain: bool,
    /// Its declared type or initializer is an array of at least [`LARGE_ARRAY`] elements:
    /// big enough that moving it on every resume costs more than updating it in place.
    pub large: bool,
    /// An operand the normalizer evaluated early into a local (`f(a(), yield_!(b))`):
    /// plain Rust's temporary, used once where it stood; it is not kept for its drop.
    pub temporary: bool,
    /// A field of another binding, carried on its own where that binding is partly moved
    /// (`for x in self.items { … }` and then `self.count`): `(binding, field)`.
    pub field_of: Option<(BindingId, String)>,
}

impl Binding {
    /// Is it worth keeping for its drop when nothing reads it: not a value the source
    /// shows has no drop glue, not a borrow, not the normalizer's temporary?
    pub fn kept_for_its_drop(&self) -> bool {
        !self.plain && !self.borrow_like && !self.temporary
    }
}

/// A yield-free piece of the user's code in the IR, with what it does to the generator's
/// locals ([`Flow`]), filled in once by normalize's name resolution.
#[derive(Clone)]
pub struct Frag<T> {
    pub syn: T,
    pub flow: Flow,
}

impl<T> From<T> for Frag<T> {
    fn from(syn: T) -> Self {
        Frag {
            syn,
            flow: Flow::default(),
        }
    }
}

impl<T> Frag<T> {
    pub fn new(syn: T) -> Self {
        syn.into()
    }
}

impl<T> std::ops::Deref for Frag<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.syn
    }
}

/// How a yield-free fragment uses the generator's locals (by binding id), inside the
/// control flow it has of its own: what the control-flow graph is built from.
///
/// ```text
/// if x.len() > 2 { drop(y); return; }   →   Seq[ Use(x: Borrow), If[ Seq[Use(y: Read), Return], Seq[] ] ]
/// ```
#[derive(Clone, Debug, Default)]
pub enum Flow {
    Use(Use),
    #[default]
    Done,
    Seq(Vec<Flow>),
    /// One of the alternatives runs (`if`, `&&`, `||`; an empty `Seq` is "nothing").
    Branch(Vec<Flow>),
    /// A `match` after its scrutinee: each arm's guard (a failed one tries the next arm),
    /// then its body.
    Match(Vec<(Flow, Flow)>),
    Loop {
        label: Option<String>,
        body: Box<Flow>,
    },
    Labeled {
        label: String,
        body: Box<Flow>,
    },
    Break(Option<String>),
    Continue(Option<String>),
    /// `return` (its value evaluated before) and `?` on its error path.
    Return,
    /// May complete or go on (`?`).
    MayReturn,
    /// Macro tokens that may `break`, `continue` or `return` anywhere.
    MayJump,
}

/// A use of (a place inside) a local of the generator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Use {
    pub binding: BindingId,
    /// Field names from the local to the place (`x.a.0` → `["a", "0"]`).
    pub path: Vec<String>,
    pub kind: UseKind,
    /// The binding standing for the first field of the path ([`Binding::field_of`]).
    pub field: Option<BindingId>,
    /// Where the user wrote it.
    pub at: At,
}

/// Where a use is written, for what rustc reports about it; not part of what the use is
/// (two uses that differ only here are equal).
#[derive(Clone, Copy, Debug, Default)]
pub struct At(pub Option<proc_macro2::Span>);

impl PartialEq for At {
    fn eq(&self, _: &At) -> bool {
        true
    }
}

impl Eq for At {}

/// How a fragment uses a place.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UseKind {
    /// Read through a reference or in place: the value stays where it is.
    Borrow,
    /// Read by value: moved, or copied if its type is `Copy`.
    Read,
    /// Moved: read by value where only ownership makes sense (the source of a `for`
    /// loop, the receiver of an `into_*` method).
    Move,
    /// Overwritten as a whole: `x = …`, `x.f = …`.
    Assign,
}

/// The array length from which a binding counts as large.
pub const LARGE_ARRAY: u64 = 16;

pub struct Body {
    pub block: Block,
    pub bindings: Vec<Binding>,
    /// Number of suspension points (`Stmt::Yield::id` ranges over `0..yields`).
    pub yields: usize,
    /// Number of join points (`Stmt::Join::id` ranges over `0..joins`).
    pub joins: usize,
    /// Number of scope ends ([`Stmt::End`]).
    pub ends: usize,
    /// Items declared at statement level in split blocks, hoisted so every arm sees them.
    pub items: Vec<syn::Item>,
    /// Hygienic names of the parameters, in order: the fields of the `Start` state.
    pub params: Vec<(Ident, proc_macro2::TokenStream)>,
    /// Streams: the number of `.await`s and `yield_from!`s, each a level of the pinned
    /// slot that holds what it polls.
    pub awaits: usize,
    /// Streams: the suspension points that wait for a future (they hand out `Pending`,
    /// not a value), in increasing order.
    pub pending: Vec<usize>,
    /// Something keeps a borrow of a local or of a temporary across a suspension point,
    /// or a closure made in a loop is held across one: the body needs a frame that does
    /// not move (an `async` block), not a state that moves between resumes.
    pub frame: bool,
    /// The body as written (with `self` renamed), for that frame.
    pub source: syn::Block,
    /// Each parameter's pattern and the field of `Start` it is bound from.
    pub param_lets: Vec<(syn::Pat, Ident)>,
    /// `#[generator(resume = name)]`.
    pub resume: Option<Ident>,
    /// The end of the body (its closing brace), where falling off it completes.
    pub end: proc_macro2::Span,
}

#[derive(Default)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    /// Bindings in scope from the block's start (match-arm and `for` patterns).
    pub prelude: Vec<BindingId>,
}

pub enum Stmt {
    /// A yield-free statement, emitted verbatim (after `return`/`break`/`continue` rewriting).
    Native(Frag<syn::Stmt>),
    /// A yield-free `let`, kept apart because it introduces bindings.
    Let {
        pat: syn::Pat,
        ty: Option<Box<syn::Type>>,
        init: Option<Frag<syn::Expr>>,
        diverge: Option<Frag<syn::Block>>,
        binds: Vec<BindingId>,
    },
    /// A suspension point. `bind` receives the resume argument; `at` is where the
    /// suspension stands in the source (an error about the resume value lands there).
    Yield {
        id: usize,
        at: proc_macro2::Span,
        value: Frag<syn::Expr>,
        bind: Option<(syn::Pat, Vec<BindingId>)>,
    },
    If {
        cond: Frag<syn::Expr>,
        then: Block,
        els: Option<Block>,
    },
    Match {
        scrutinee: Frag<syn::Expr>,
        arms: Vec<Arm>,
    },
    Loop {
        label: Option<syn::Lifetime>,
        body: Block,
        /// Where `break 'label value` stores its value when the loop's value is used.
        slot: Option<Ident>,
    },
    /// A labelled block expression `'a: { … }` containing a suspension point.
    Labeled {
        label: syn::Lifetime,
        body: Block,
        slot: Option<Ident>,
    },
    Block(Block),
    /// Completion: `return e`, the tail expression, or falling off the end.
    Return(Option<Frag<syn::Expr>>),
    /// Where several paths meet after a statement that contains suspension points (outside
    /// every loop): the code after it is emitted once, and each path jumps to it.
    Join {
        id: usize,
    },
    /// The end of a local's scope that the lowering moved (a branch block laid out flat,
    /// an arm whose bindings are in scope in its copy of the rest): `drop` (`drop(x);`)
    /// runs there if the local certainly still holds its whole value, which the analyses
    /// decide (`Stmt::End::id` ranges over `0..ends`).
    End {
        id: usize,
        drop: Frag<syn::Stmt>,
    },
}

pub struct Arm {
    pub pat: syn::Pat,
    pub guard: Option<Frag<syn::Expr>>,
    pub body: Block,
}

/// A yield-free piece of the user's syntax inside the IR.
#[derive(Clone, Copy)]
pub enum Fragment<'a> {
    Stmt(&'a Frag<syn::Stmt>),
    Expr(&'a Frag<syn::Expr>),
    Block(&'a Frag<syn::Block>),
}

impl<'a> Fragment<'a> {
    pub fn flow(self) -> &'a Flow {
        match self {
            Fragment::Stmt(f) => &f.flow,
            Fragment::Expr(f) => &f.flow,
            Fragment::Block(f) => &f.flow,
        }
    }
}

impl Stmt {
    /// A yield-free statement (its flow filled in later by name resolution).
    pub fn native(stmt: syn::Stmt) -> Stmt {
        Stmt::Native(stmt.into())
    }
}

impl Block {
    /// Calls `f` on every yield-free fragment, in source order, with the IR statement it
    /// belongs to.
    pub fn fragments<'a>(&'a self, f: &mut dyn FnMut(&'a Stmt, Fragment<'a>)) {
        for stmt in &self.stmts {
            match stmt {
                Stmt::Native(s) | Stmt::End { drop: s, .. } => f(stmt, Fragment::Stmt(s)),
                Stmt::Let { init, diverge, .. } => {
                    if let Some(i) = init {
                        f(stmt, Fragment::Expr(i));
                    }
                    if let Some(d) = diverge {
                        f(stmt, Fragment::Block(d));
                    }
                }
                Stmt::Yield { value, .. } => f(stmt, Fragment::Expr(value)),
                Stmt::If { cond, then, els } => {
                    f(stmt, Fragment::Expr(cond));
                    then.fragments(f);
                    if let Some(e) = els {
                        e.fragments(f);
                    }
                }
                Stmt::Match { scrutinee, arms } => {
                    f(stmt, Fragment::Expr(scrutinee));
                    for arm in arms {
                        if let Some(g) = &arm.guard {
                            f(stmt, Fragment::Expr(g));
                        }
                        arm.body.fragments(f);
                    }
                }
                Stmt::Loop { body, .. } | Stmt::Labeled { body, .. } | Stmt::Block(body) => {
                    body.fragments(f);
                }
                Stmt::Return(e) => {
                    if let Some(e) = e {
                        f(stmt, Fragment::Expr(e));
                    }
                }
                Stmt::Join { .. } => {}
            }
        }
    }
}

/// Puts a [`Stmt::Join`] after each statement where paths meet: one outside every loop
/// that contains a loop or a branch with a suspension point inside, so that it can be left
/// both by the code that enters it and by the resume arms of the suspension points in it.
///
/// ```text
/// for x in v { yield_!(x); }   rest…
/// // becomes
/// for x in v { yield_!(x); }   Join(0)   rest…
/// ```
pub fn insert_joins(block: &mut Block, joins: &mut usize) {
    let mut i = 0;
    while i < block.stmts.len() {
        match &mut block.stmts[i] {
            Stmt::If { then, els, .. } => {
                insert_joins(then, joins);
                if let Some(e) = els {
                    insert_joins(e, joins);
                }
            }
            Stmt::Match { arms, .. } => arms
                .iter_mut()
                .for_each(|a| insert_joins(&mut a.body, joins)),
            Stmt::Labeled { body, .. } | Stmt::Block(body) => insert_joins(body, joins),
            _ => {}
        }
        // At the end of a nested block the join after the enclosing statement serves;
        // before a lone completion there is too little to share.
        let rest = &block.stmts[i + 1..];
        if meets(&block.stmts[i]) && !matches!(rest, [] | [Stmt::Return(_)]) {
            block.stmts.insert(i + 1, Stmt::Join { id: *joins });
            *joins += 1;
            i += 1;
        }
        i += 1;
    }
}

/// Is there more than one way out of this statement, at least one of them after a
/// suspension point?
fn meets(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::If { then, els, .. } => suspends(then) || els.as_ref().is_some_and(suspends),
        Stmt::Match { arms, .. } => arms.iter().any(|a| suspends(&a.body)),
        Stmt::Loop { body, .. } | Stmt::Labeled { body, .. } => suspends(body),
        Stmt::Block(b) => b.stmts.iter().any(meets),
        _ => false,
    }
}

fn suspends(block: &Block) -> bool {
    block.stmts.iter().any(|s| match s {
        Stmt::Yield { .. } => true,
        Stmt::If { then, els, .. } => suspends(then) || els.as_ref().is_some_and(suspends),
        Stmt::Match { arms, .. } => arms.iter().any(|a| suspends(&a.body)),
        Stmt::Loop { body, .. } | Stmt::Labeled { body, .. } | Stmt::Block(body) => suspends(body),
        _ => false,
    })
}

impl<T: quote::ToTokens> quote::ToTokens for Frag<T> {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        self.syn.to_tokens(tokens);
    }
}
