//! Random program generator: an AST of i64 generator bodies, emitted twice
//! (gen-runtime `#[generator]` and nightly `#[coroutine]` closure).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum World {
    Stable,
    Nightly,
}

pub enum Expr {
    Var(String),
    Lit(i64),
    Add(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Xor(Box<Expr>, Box<Expr>),
    Mix(Box<Expr>, Box<Expr>),
    /// `yield_!(e) + k` (`--iterators`: `{ yield_!(e); k }`, which has no resume value)
    Yield(Box<Expr>, i64),
    YieldFrom(Box<Expr>),
    If(Box<Cond>, Box<Expr>, Box<Expr>),
    /// `a[(e).rem_euclid(N) as usize]` (or `a[k]` for a literal `k < N`)
    ArrGet(String, i64, Box<Expr>),
    /// `(a.len() as i64)`
    ArrLen(String),
    /// `a.iter().copied().fold(0i64, i64::wrapping_add)` (`true`: `a.iter().sum::<i64>()`,
    /// which wraps too: the generated crates build without overflow checks)
    ArrSum(String, bool),
    /// `peek(&a, e)`
    Peek(String, Box<Expr>),
    /// `--iterators`: `a.into_iter().fold(0i64, i64::wrapping_add)`, a use by value
    ArrMove(String),
    /// `--iterators`: `(e1 ^ e2 ^ …)` over every binding in scope, each used by value
    /// (arrays as [`Expr::ArrMove`]), so that gen-runtime holds nothing after it
    Consume(Vec<Expr>),
    /// `--streams`: `f(e).await`, or with a guard id `fg(e, D(id, log.clone())).await`
    /// (a future that owns a drop-logging value)
    Await(Box<Expr>, Option<i64>),
    /// `--streams`: `dv(&g)`, a read of a guard by reference
    GuardRead(String),
    /// `--streams`: `dv(&D(id, log.clone()))`, a temporary guard (lives to the end of the
    /// enclosing statement in Rust)
    TempGuard(i64),
    /// `--drops`: a by-value read of a `Copy` field of an owned value, the path as written
    /// (`o3.id`, `bg4.count`, `bg4.tag.id`, `bg4.items.id`)
    Field(String),
    /// `--drops`: `vid(&o3)`, a read by reference (also of a field: `vid(&bg4.tag)`)
    VRef(String),
    /// `--drops`: `vid(&V::new(id, &log))`, a temporary value (lives to the end of the
    /// enclosing statement in Rust)
    TempV(i64),
    /// `--drops`: `consume(o3)` (moves `o3`, which is dropped inside the call); only as the
    /// whole value of `acc = …consume(o3)…;` or `yield_!(consume(o3));`
    Take(String),
    /// `--all-constructs`: a std macro whose arguments may yield (see [`Mac`]), as an
    /// expression.
    Mac(Mac, Vec<Expr>),
}

/// `--all-constructs`: the std macros generated with yields (and awaits) in their
/// arguments, each used so that its value reaches the trace.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Mac {
    /// `vec![e1, e2, …].iter().fold(0i64, |s, v| mix(s, *v))` (order-sensitive)
    Vec,
    /// `format!("{}", e).parse::<i64>().unwrap()` (the value back)
    Format,
    /// `(matches!(e, 0 | 1) as i64)`
    Matches,
    /// `{ let mut w = String::new(); write!(w, "{}", e).unwrap(); w.parse::<i64>().unwrap() }`
    Write,
    /// statement `assert!((e) >= i64::MIN);`
    Assert,
    /// statement `assert_eq!(0i64 & (e1), 0i64 & (e2));`
    AssertEq,
}

/// `(e).rem_euclid(m) == v`; `--streams`: `m == 0` is `e < v`, `m == -1` is `e > v`
/// (`while f(k).await < n`, `if f(k).await > v`)
pub struct Cond(pub Expr, pub i64, pub i64);

/// A `match` arm: the value, the name it binds (`x7 @ 1`), the guard, the block.
pub type Arm = (i64, Option<String>, Option<Cond>, Vec<Stmt>);

pub enum Stmt {
    Let(String, Expr),
    AccAdd(Expr),
    If(Cond, Vec<Stmt>, Vec<Stmt>),
    /// `match (e).rem_euclid(m) { v [if guard] => { … } … _ => { … } }`; an arm with a
    /// name binds the scrutinee's value (`x7 @ 1 if … x7 … =>`), which its guard and block
    /// read.
    Match(Expr, i64, Vec<Arm>, Vec<Stmt>),
    /// label, body, break condition at end
    Loop(Option<String>, Vec<Stmt>, Cond),
    While(Option<String>, Cond, Vec<Stmt>),
    For(Option<String>, String, i64, Vec<Stmt>),
    /// let name = 'label: loop { body; if cond { break 'label value } }
    LetLoop(String, String, Vec<Stmt>, Cond, Expr),
    Break(Option<String>, Option<Expr>),
    Continue(Option<String>),
    /// `return e;` (`--iterators`: `{ let _ = e; return; }`); `None`: `return;`
    /// (`--iterators` only, right after a [`Stmt::YieldStmt`])
    Return(Option<Expr>),
    /// A plain yield statement, `yield_!(e);` (`--iterators`: the form a last yield
    /// must have)
    YieldStmt(Expr),
    /// Top of the body only: `let mut a = <init>;`
    ArrDecl(String, i64, ArrInit),
    /// `let d; if c { …; d = e1; } else { …; d = e2; }` (`--deferred`): with no `else`
    /// (or no assignment in it) `d` is never read; the assignment is first or last in
    /// its branch.
    Deferred(String, Cond, Vec<Stmt>, Vec<Stmt>),
    /// `d = e;`
    Assign(String, Expr),
    /// `a[(idx).rem_euclid(N) as usize] = val;` (value first, then the place, as in Rust)
    ArrSet(String, i64, Expr, Expr),
    /// `a[(idx).rem_euclid(N) as usize] op= val;`
    ArrOp(String, i64, Expr, &'static str, Expr),
    /// `a = [e; N];`
    ArrFill(String, i64, Expr),
    /// `a.reverse();` / `a.sort();`
    ArrMethod(String, &'static str),
    /// `a.swap(i, j);`
    ArrSwap(String, i64, Expr, Expr),
    /// `poke(&mut a, k, v);`
    Poke(String, Expr, Expr),
    /// `for v in a.iter_mut() { *v = (*v ^ e).wrapping_mul(3); }` (e yield-free, no arrays)
    ArrIterMut(String, String, Expr),
    /// `let mut a = a;` in a nested block: a copy that hides the array to the block's end
    ArrShadow(String),
    /// `--streams`: `f(e).await;` (the expression is an [`Expr::Await`])
    AwaitStmt(Expr),
    /// `--streams`: `yield_from!(inner(e, log.clone()));`
    YieldFromStmt(Expr),
    /// `--streams`: `let g = D(id, log.clone());`, a guard that logs its drop
    Guard(String, i64),
    /// `--streams`: `drop(g);` (only in the block that declared `g`, unconditionally);
    /// `--drops`: `drop(o);` of an owned value (any place where it may be moved)
    DropGuard(String),
    /// `--drops`: `let mut o = V::new(id, &log);` (a new binding, or one that shadows a
    /// binding of the same name)
    VDecl(String, i64),
    /// `--drops`: `let mut bg = Bag::new(a, b, &log);` (`items` has id `a`, `tag` id `b`,
    /// `count` is `a`)
    BagDecl(String, i64, i64),
    /// `--drops`: `let _gN = V::new(id, &log);` (never read: lives to the end of its block),
    /// or with `None` `let _ = V::new(id, &log);` (dropped at once)
    Unread(Option<String>, i64),
    /// `--drops`: `place = V::new(id, &log);` (`o3` or `bg4.items`; drops the old value
    /// first, if there is one)
    VAssign(String, i64),
    /// `--drops`: `bg = Bag::new(a, b, &log);`
    BagAssign(String, i64, i64),
    /// `--drops`: `let mut new = place;`, a move into a new binding (perhaps of the same
    /// name: `let mut o3 = o3;`), or a partial move out of a bag (`let mut o5 = bg4.items;`)
    LetMove(String, String),
    /// `--drops`: statements emitted in the enclosing block, without braces (a value
    /// declared before the loop that follows it)
    Seq(Vec<Stmt>),
    /// `--all-constructs`: `assert!(…);` / `assert_eq!(…, …);` ([`Mac::Assert`],
    /// [`Mac::AssertEq`]) with yields in the arguments
    MacCall(Mac, Vec<Expr>),
}

/// Triage (`--avoid yield-from-captures`, `--streams`): a `gen_stream!` body starts with
/// `let log = log;` (a local named only inside `yield_from!` is not moved into the block).
pub static AVOID_YIELD_FROM_CAPTURES: AtomicBool = AtomicBool::new(false);

/// `--avoid yield-temp-guards`: set when a program is emitted with a temporary guard inside
/// a yield's argument (main.rs draws it again); the depth of yield arguments being emitted.
pub static YIELD_TEMP_GUARD: AtomicBool = AtomicBool::new(false);
static IN_YIELD_ARG: AtomicUsize = AtomicUsize::new(0);
/// `--avoid scrutinee-temp-guards`: set when a program is emitted with a temporary guard in
/// a `match` scrutinee (main.rs draws it again).
pub static SCRUTINEE_TEMP_GUARD: AtomicBool = AtomicBool::new(false);
static IN_SCRUTINEE: AtomicUsize = AtomicUsize::new(0);

/// `--streams`: how the gen-runtime side spells the stream.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum StreamForm {
    /// `#[generator] fn pN(…) -> impl Stream<Item = i64>` with `yield_!(e)`
    Attr,
    /// `fn pN(…) -> impl Stream<Item = i64> { gen_stream! { … } }` with `yield e`
    Block,
    /// `gen_fn! { fn pN(…) -> impl Stream<Item = i64> { … } }` with `yield e`
    GenFn,
}

/// How a top-level (or block-local) array is initialized.
pub enum ArrInit {
    /// `[e; N]`
    Repeat(Expr),
    /// `: [i64; N] = [e; N]`
    Typed(Expr),
    /// `[d0i64, d1, …]`, N digits
    List(Vec<i64>),
}

/// A generated program: its top-of-body declarations (arrays, scalars; before `acc` and
/// `fuel`), the body, and what it returns at the end.
pub struct Program {
    /// Array parameters after `seed` (`mut a: [i64; N]`), with the multiplier `k` of the
    /// argument `start` passes: `std::array::from_fn(|j| (seed ^ j as i64).wrapping_mul(k))`.
    pub params: Vec<(String, i64, i64)>,
    pub pre: Vec<Stmt>,
    /// `let mut fuel` is declared before `let mut acc` (so it can be kept in place).
    pub fuel_first: bool,
    /// Array reads as method receivers are written `i64::m(a[k], …)` (read in place)
    /// rather than `(a[k]).m(…)` (which gen-runtime counts as a use by value).
    pub fn_form: bool,
    pub body: Vec<Stmt>,
    pub tail: Expr,
    /// How the body ends (always [`Tail::Value`] in the default mode).
    pub end: Tail,
    /// `--iterators`: an `impl Iterator<Item = i64>` / `Coroutine<(), Return = ()>` program.
    pub iterators: bool,
    /// `--streams`: an `impl Stream<Item = i64>` program (with `iterators` set too), and
    /// the spelling of its gen-runtime side.
    pub stream: Option<StreamForm>,
    /// `--drops`: the program takes the drop log (`log: Log`; streams always do), holds
    /// values with a logging `Drop`, and delegates to `inner_d`.
    pub drops: bool,
    /// `--drops`: parameters of type `V` after `log` (name, id of the value `start`
    /// passes). The closure forms (nightly, async-stream, `gen_stream!`) move each into a
    /// local first (`let mut pa = pa;`), as an `async fn` does.
    pub vparams: Vec<(String, i64)>,
    /// `--avoid stream-item-type` (`--streams`): a `gen_stream!` body always starts with
    /// `if false { yield 0i64; }`, which gives its items a type when its only yields stand
    /// in match guards or macro arguments (gen-runtime infers `()` then).
    pub item_hint: bool,
    /// `--streams`, statistics only: awaits, guards (declared, temporary, in futures).
    pub awaits: usize,
    pub guards: usize,
    /// Statistics only: declares arrays / a large one / seed still read in the body.
    pub arrays: usize,
    pub large: bool,
}

/// The end of a program's body.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Tail {
    /// `tail` as the body's value (the generator kind: the return value).
    Value,
    /// `--iterators`: `let _ = tail;`.
    Discard,
    /// `--iterators`: `yield_!(tail);` as the last statement.
    Yield,
    /// `--iterators`: `yield_!(tail); return;`.
    YieldReturn,
    /// `--iterators`: nothing after the body's last generated statement (so a trailing
    /// `if`/`match` whose branches end in yields ends the body).
    Omit,
}

impl Stmt {
    /// `--drops`: declares an owned value in the enclosing block (a `let` of a `V` or a
    /// bag, perhaps in a [`Stmt::Seq`]).
    fn declares_owned(&self) -> bool {
        match self {
            Stmt::VDecl(..) | Stmt::BagDecl(..) | Stmt::LetMove(..) => true,
            Stmt::Seq(v) => v.iter().any(Stmt::declares_owned),
            _ => false,
        }
    }
}

impl Expr {
    /// `--avoid yield-temps`: the temporaries in this expression become literals (their ids).
    fn strip_temps(&mut self) {
        match self {
            Expr::TempV(id) | Expr::TempGuard(id) => *self = Expr::Lit(*id),
            _ => self.each_sub(&mut Expr::strip_temps),
        }
    }

    /// `--avoid yield-temps`: the arguments of the yields and `yield_from!`s in this
    /// expression lose their temporaries.
    fn strip_yield_temps(&mut self) {
        match self {
            Expr::Yield(a, _) | Expr::YieldFrom(a) => a.strip_temps(),
            _ => self.each_sub(&mut Expr::strip_yield_temps),
        }
    }

    /// `--avoid macro-yield-args`: the std macros in this expression become literals.
    fn strip_macros(&mut self) {
        match self {
            Expr::Mac(..) => *self = Expr::Lit(7),
            _ => self.each_sub(&mut Expr::strip_macros),
        }
    }

    /// `--avoid macro-yield-args`: no std macro in the argument of a yield or of
    /// `yield_from!` in this expression.
    fn strip_yield_macros(&mut self) {
        match self {
            Expr::Yield(a, _) | Expr::YieldFrom(a) => a.strip_macros(),
            _ => self.each_sub(&mut Expr::strip_yield_macros),
        }
    }

    /// `--all-constructs`: a `yield_from!` in a std macro's arguments (`in_mac`) becomes a
    /// yield of its argument: gen-runtime rejects it there ("`yield_from!` inside the
    /// arguments of `write!` is not supported").
    fn no_macro_yield_from(&mut self, in_mac: bool) {
        match self {
            Expr::YieldFrom(a) if in_mac => {
                let a = std::mem::replace(a, Box::new(Expr::Lit(0)));
                *self = Expr::Yield(a, 0);
                self.each_sub(&mut |e| e.no_macro_yield_from(true));
            }
            Expr::Mac(_, args) => args.iter_mut().for_each(|a| a.no_macro_yield_from(true)),
            _ => self.each_sub(&mut |e| e.no_macro_yield_from(in_mac)),
        }
    }

    /// `f` on each direct subexpression.
    fn each_sub(&mut self, f: &mut dyn FnMut(&mut Expr)) {
        match self {
            Expr::Var(_)
            | Expr::Lit(_)
            | Expr::ArrLen(_)
            | Expr::ArrSum(..)
            | Expr::ArrMove(_)
            | Expr::GuardRead(_)
            | Expr::TempGuard(_)
            | Expr::Field(_)
            | Expr::VRef(_)
            | Expr::TempV(_)
            | Expr::Take(_) => {}
            Expr::Add(a, b) | Expr::Mul(a, b) | Expr::Xor(a, b) | Expr::Mix(a, b) => {
                f(a);
                f(b);
            }
            Expr::Yield(a, _)
            | Expr::YieldFrom(a)
            | Expr::ArrGet(_, _, a)
            | Expr::Peek(_, a)
            | Expr::Await(a, _) => f(a),
            Expr::If(c, a, b) => {
                f(&mut c.0);
                f(a);
                f(b);
            }
            Expr::Consume(es) | Expr::Mac(_, es) => es.iter_mut().for_each(f),
        }
    }
}

impl Stmt {
    /// `e` on each expression of this statement (and of the blocks in it), except the
    /// argument of a yield statement or of a stream's `yield_from!` statement, which gets `y`.
    fn each_expr(&mut self, e: &mut dyn FnMut(&mut Expr), y: &mut dyn FnMut(&mut Expr)) {
        let block =
            |b: &mut Vec<Stmt>, e: &mut dyn FnMut(&mut Expr), y: &mut dyn FnMut(&mut Expr)| {
                for s in b {
                    s.each_expr(e, y);
                }
            };
        match self {
            Stmt::YieldStmt(a) | Stmt::YieldFromStmt(a) => y(a),
            Stmt::Let(_, x) | Stmt::AccAdd(x) | Stmt::Assign(_, x) | Stmt::ArrFill(_, _, x) => e(x),
            Stmt::AwaitStmt(x) | Stmt::ArrIterMut(_, _, x) => e(x),
            Stmt::Return(x) | Stmt::Break(_, x) => x.iter_mut().for_each(e),
            Stmt::If(c, t, f) | Stmt::Deferred(_, c, t, f) => {
                e(&mut c.0);
                block(t, e, y);
                block(f, e, y);
            }
            Stmt::Match(sc, _, arms, def) => {
                e(sc);
                for (_, _, g, b) in arms {
                    if let Some(g) = g {
                        e(&mut g.0);
                    }
                    block(b, e, y);
                }
                block(def, e, y);
            }
            Stmt::Loop(_, b, c) | Stmt::While(_, c, b) => {
                e(&mut c.0);
                block(b, e, y);
            }
            Stmt::For(_, _, _, b) | Stmt::Seq(b) => block(b, e, y),
            Stmt::LetLoop(_, _, b, c, v) => {
                block(b, e, y);
                e(&mut c.0);
                e(v);
            }
            Stmt::ArrDecl(_, _, ArrInit::Repeat(x) | ArrInit::Typed(x)) => e(x),
            Stmt::ArrSet(_, _, i, v)
            | Stmt::ArrOp(_, _, i, _, v)
            | Stmt::ArrSwap(_, _, i, v)
            | Stmt::Poke(_, i, v) => {
                e(i);
                e(v);
            }
            Stmt::MacCall(_, es) => es.iter_mut().for_each(e),
            Stmt::Continue(_)
            | Stmt::ArrDecl(..)
            | Stmt::ArrMethod(..)
            | Stmt::ArrShadow(_)
            | Stmt::Guard(..)
            | Stmt::DropGuard(_)
            | Stmt::VDecl(..)
            | Stmt::BagDecl(..)
            | Stmt::Unread(..)
            | Stmt::VAssign(..)
            | Stmt::BagAssign(..)
            | Stmt::LetMove(..) => {}
        }
    }
}

impl Program {
    /// `e` on each expression of the program, `y` on the arguments of yield statements
    /// (and on a yielded tail).
    fn each_expr(&mut self, e: &mut dyn FnMut(&mut Expr), y: &mut dyn FnMut(&mut Expr)) {
        for s in self.pre.iter_mut().chain(self.body.iter_mut()) {
            s.each_expr(e, y);
        }
        if matches!(self.end, Tail::Yield | Tail::YieldReturn) {
            y(&mut self.tail);
        } else {
            e(&mut self.tail);
        }
    }

    /// `--avoid yield-temps`: the arguments of the yields and `yield_from!`s (and a
    /// yielded tail) lose their temporaries, which become literals (their ids): both
    /// worlds get the same program without a temporary that lives across the yield it is
    /// an argument of.
    pub fn strip_yield_temps(&mut self) {
        self.each_expr(&mut Expr::strip_yield_temps, &mut Expr::strip_temps);
    }

    /// `--avoid macro-yield-args`: no std macro in the argument of a yield or of
    /// `yield_from!` (they become literals).
    pub fn strip_yield_macros(&mut self) {
        self.each_expr(&mut Expr::strip_yield_macros, &mut Expr::strip_macros);
    }

    /// `--avoid scrutinee-temps`: no temporary in a `match` scrutinee (they become literals).
    pub fn strip_scrutinee_temps(&mut self) {
        fn stmts(b: &mut [Stmt]) {
            for s in b {
                match s {
                    Stmt::Match(sc, _, arms, def) => {
                        sc.strip_temps();
                        for (_, _, _, b) in arms {
                            stmts(b);
                        }
                        stmts(def);
                    }
                    Stmt::If(_, t, f) | Stmt::Deferred(_, _, t, f) => {
                        stmts(t);
                        stmts(f);
                    }
                    Stmt::Loop(_, b, _)
                    | Stmt::While(_, _, b)
                    | Stmt::For(_, _, _, b)
                    | Stmt::Seq(b)
                    | Stmt::LetLoop(_, _, b, _, _) => stmts(b),
                    _ => {}
                }
            }
        }
        stmts(&mut self.pre);
        stmts(&mut self.body);
    }

    /// `--all-constructs`: no `yield_from!` in a std macro's arguments (see
    /// [`Expr::no_macro_yield_from`]).
    pub fn no_macro_yield_from(&mut self) {
        self.each_expr(&mut |x| x.no_macro_yield_from(false), &mut |x| {
            x.no_macro_yield_from(false)
        });
        fn stmts(b: &mut [Stmt]) {
            for s in b {
                match s {
                    Stmt::MacCall(_, es) => es.iter_mut().for_each(|x| x.no_macro_yield_from(true)),
                    Stmt::If(_, t, f) | Stmt::Deferred(_, _, t, f) => {
                        stmts(t);
                        stmts(f);
                    }
                    Stmt::Match(_, _, arms, def) => {
                        for (_, _, _, b) in arms {
                            stmts(b);
                        }
                        stmts(def);
                    }
                    Stmt::Loop(_, b, _)
                    | Stmt::While(_, _, b)
                    | Stmt::For(_, _, _, b)
                    | Stmt::Seq(b)
                    | Stmt::LetLoop(_, _, b, _, _) => stmts(b),
                    _ => {}
                }
            }
        }
        stmts(&mut self.pre);
        stmts(&mut self.body);
    }

    /// The body's last statement is a plain yield statement (`yield_!(e);`, perhaps
    /// followed by `return;`).
    pub fn ends_with_yield(&self) -> bool {
        match self.end {
            Tail::Yield | Tail::YieldReturn => true,
            Tail::Omit => matches!(self.body.last(), Some(Stmt::YieldStmt(_))),
            Tail::Value | Tail::Discard => false,
        }
    }

    /// The plain yield statements after which nothing runs and that use every binding in
    /// scope by value ([`Expr::Consume`], so gen-runtime holds nothing there): each is the
    /// last statement of its block or followed by `return;`, on a path (through `if`
    /// branches, `match` arms) outside loops up to the end of the body. Mirrors
    /// gen-runtime's `liveness::only_completes` on the generated shapes (an estimate:
    /// `--in-place-stats` counts the real ones in the expansion).
    pub fn last_yields(&self) -> usize {
        fn count(b: &[Stmt], at_end: bool) -> usize {
            let mut n = 0;
            for (i, s) in b.iter().enumerate() {
                let then_done = match b.get(i + 1) {
                    None => at_end,
                    Some(Stmt::Return(None)) => true,
                    Some(_) => false,
                };
                n += match s {
                    Stmt::YieldStmt(Expr::Consume(_)) => usize::from(then_done),
                    Stmt::If(_, t, e) => count(t, then_done) + count(e, then_done),
                    Stmt::Match(_, _, arms, def) => {
                        arms.iter()
                            .map(|(_, _, _, a)| count(a, then_done))
                            .sum::<usize>()
                            + count(def, then_done)
                    }
                    _ => 0,
                };
            }
            n
        }
        match self.end {
            Tail::Yield | Tail::YieldReturn if matches!(self.tail, Expr::Consume(_)) => {
                1 + count(&self.body, false)
            }
            Tail::Yield | Tail::YieldReturn => count(&self.body, false),
            Tail::Omit => count(&self.body, true),
            Tail::Value | Tail::Discard => count(&self.body, false),
        }
    }
}

pub struct LoopCtx {
    label: Option<String>,
    value: bool,
    /// `--drops`: owned values (indices into `Gen::owned`) moved right before a `break`
    /// to this loop: maybe moved after it.
    moved: Vec<usize>,
}

/// `--drops`: what is known of an owned value (or of a bag's `items`) at a point of the
/// body, over every path that reaches it.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum St {
    Live,
    /// moved on some paths: never read again, only assigned
    Maybe,
    Moved,
}

impl St {
    fn join(self, o: St) -> St {
        if self == o {
            self
        } else {
            St::Maybe
        }
    }
}

/// `--drops`: an owned value in scope: a `V` or a `Bag` (`items: V, count: i64, tag: V`;
/// a struct without `Drop`, so `items` can be moved out of it).
#[derive(Clone, Debug)]
pub struct Owned {
    name: String,
    bag: bool,
    /// the binding as a whole
    st: St,
    /// a bag's `items` (`Moved` when the bag is)
    items: St,
    /// `Gen::loops.len()` where it was declared: it may be moved only at that depth (or
    /// right before a `break` out of every loop entered since)
    depth: usize,
    /// `Gen::level` where it was declared (`--avoid cond-moves`: moved and assigned after
    /// a move only at that level, so never maybe moved)
    level: usize,
}

/// `--drops` statistics: how many of each construct were generated.
#[derive(Default, Clone, Debug)]
pub struct DropStats {
    pub decls: usize,
    pub bags: usize,
    pub params: usize,
    pub unread: usize,
    pub shadows: usize,
    pub reassigns: usize,
    pub moves: usize,
    pub branch_moves: usize,
    pub arm_moves: usize,
    pub break_moves: usize,
    pub partial_moves: usize,
    pub field_reads: usize,
    pub ref_reads: usize,
    pub temps: usize,
    pub loop_decls: usize,
}

impl DropStats {
    pub fn add(&mut self, o: &DropStats) {
        self.decls += o.decls;
        self.bags += o.bags;
        self.params += o.params;
        self.unread += o.unread;
        self.shadows += o.shadows;
        self.reassigns += o.reassigns;
        self.moves += o.moves;
        self.branch_moves += o.branch_moves;
        self.arm_moves += o.arm_moves;
        self.break_moves += o.break_moves;
        self.partial_moves += o.partial_moves;
        self.field_reads += o.field_reads;
        self.ref_reads += o.ref_reads;
        self.temps += o.temps;
        self.loop_decls += o.loop_decls;
    }
}

pub struct Gen<'r> {
    rng: &'r mut Rng,
    scope: Vec<String>,
    loops: Vec<LoopCtx>,
    fresh: usize,
    /// Arrays in scope: name, length.
    arrays: Vec<(String, i64)>,
    /// The array borrowed by the statement being generated (`poke(&mut a, …)`,
    /// `for v in a.iter_mut()`, `a.swap(…)`): its arguments read other arrays only.
    busy: Option<String>,
    /// Array reads may be generated (off in `return` values with `avoid_return_arrays`).
    arr_ok: bool,
    /// This program may shadow an array (`let mut a = a;`) or declare one in a block.
    arr_shadow: bool,
    /// `--iterators`: the yields that end the body (outside loops) use every binding in
    /// scope by value ([`Expr::Consume`]), so gen-runtime's last-yield emission applies.
    consume: bool,
    /// The scope and the arrays at the end of the block generated last (for what is
    /// emitted after its statements in the same Rust block: the body's tail, the yield
    /// of `if c { …; yield_!(e); return; }`).
    end_scope: (Vec<String>, Vec<(String, i64)>),
    /// `--streams`: guards in scope (name, depth of the block that declared them).
    guards: Vec<(String, u32)>,
    /// `--streams`: the last guard id handed out (ids are per program, from 1).
    guard_id: i64,
    /// `--streams`: no yields or `yield_from!` here, only awaits (the argument of a yield
    /// or of `yield_from!`: awaits inside a yield's argument, not yields).
    await_only: bool,
    /// `--streams` statistics: awaits and guards generated.
    n_awaits: usize,
    n_guards: usize,
    /// `--drops`: owned values declared so far in the enclosing blocks, oldest first (a
    /// shadowed one stays, hidden by the later one of its name).
    owned: Vec<Owned>,
    /// `--drops`: the owned values the last `block` declared at its top level (their
    /// names), and the names `visible` leaves out: what is generated after a block but
    /// emitted at its end (a loop's `if c { break; }`, the yield of `if c { …; yield_!(e);
    /// return; }`) sees the block's bindings, not the ones they hide.
    last_block_owned: Vec<String>,
    hide: Vec<String>,
    /// `--drops` statistics.
    pub dstats: DropStats,
    /// `--drops`: how many branches (`if`/`else` blocks, `match` arms) enclose the
    /// statement being generated.
    level: usize,
    /// `--drops`: values with a logging `Drop` (see [`Gen::drop_stmt`]). Every extra draw
    /// is behind this flag: without it a seed generates the same programs as before.
    pub drops: bool,
    /// Triage (`--avoid cond-moves`, `--drops`): owned values are moved only
    /// unconditionally (no move in a branch, a match arm or before a `break`), so none is
    /// ever maybe-moved.
    pub avoid_cond_moves: bool,
    /// Triage (`--avoid field-reads`, `--drops`): owned values are read by reference only
    /// (`vid(&o3)`), never through a field by value (`o3.id`).
    pub avoid_field_reads: bool,
    /// Triage (`--avoid partial-moves`, `--drops`): no `let o = bg.items;`.
    pub avoid_partial_moves: bool,
    /// Triage (`--avoid jumps-moved`, `--drops`): no `continue` and no labelled `break`
    /// of a loop while a value declared before it may have been moved (before the loop or
    /// in it), and no suspension point between a move and the labelled `break` after it
    /// (`yield_!(consume(o)); break 'l;`).
    pub avoid_jumps_moved: bool,
    /// Triage (`--avoid break-moves`, `--drops`): no move right before a `break` (so no
    /// value is maybe moved after a loop).
    pub avoid_break_moves: bool,
    /// Triage (`--avoid nested-moves`, `--drops`): a value is moved (or assigned after a
    /// move) at most one branch deeper than its `let`: in `if c { drop(o); }`, not in
    /// `if c { if d { drop(o); } }`.
    pub avoid_nested_moves: bool,
    /// Triage (`--avoid yield-temps`, `--drops` and `--streams`): no temporary
    /// (`vid(&V::new(…))`, `dv(&D(…))`) in the argument of a yield or of `yield_from!`
    /// (they become literals after the program is drawn, see [`Program::strip_yield_temps`]).
    pub avoid_yield_temps: bool,
    /// Triage (`--avoid macro-yield-args`, `--all-constructs`): no std macro in the
    /// argument of a yield or of `yield_from!` (they become literals after the program is
    /// drawn, see [`Program::strip_yield_macros`]).
    pub avoid_macro_yield_args: bool,
    /// Triage (`--avoid stream-item-type`, `--streams`): see [`Program::item_hint`].
    pub avoid_stream_item_type: bool,
    /// Triage (`--avoid branch-assigns`, `--drops`): a value is assigned again only in the
    /// branch of its `let`, never in a nested `if`/`match` branch (where a sibling branch
    /// may move it: U).
    pub avoid_branch_assigns: bool,
    /// Triage (`--avoid scrutinee-temps`, `--drops`, `--streams`): no temporary in a `match`
    /// scrutinee (see [`Program::strip_scrutinee_temps`]).
    pub avoid_scrutinee_temps: bool,
    /// Triage (`--avoid bound-arm-moves`, `--drops --all-constructs`): no value declared
    /// outside a `match` arm that binds a name (`x7 @ 1 if … =>`) is moved or assigned after
    /// a move in it (gen-runtime keeps no drop flag there: a documented limit).
    pub avoid_bound_arm_moves: bool,
    /// `--all-constructs`: the branch levels of the binding arms being generated.
    bind_levels: Vec<usize>,
    /// Triage (`--avoid reassign-moved`, `--drops`): only values that are there on every
    /// path are assigned again (`o = V::new(…);` drops the old one), never a moved or
    /// maybe-moved one.
    pub avoid_reassign_moved: bool,
    /// Triage (`--avoid shadowed-values`, `--drops`): no `let mut o3 = V::new(…);` that
    /// hides a value of the same name still there (`let mut o3 = o3;` stays).
    pub avoid_shadowed_values: bool,
    /// Percentage of programs that declare arrays.
    pub array_pct: u64,
    /// `--streams`: stream bodies (`.await`, `yield_from!` of a helper stream, guards).
    /// Implies the iterator kind's grammar; every extra draw is behind this flag.
    pub streams: bool,
    /// Triage (`--avoid temp-guards`, `--streams`): no temporary guards in expressions.
    pub avoid_temp_guards: bool,
    /// Triage (`--avoid future-guards`, `--streams`): no futures that own a guard.
    pub avoid_future_guards: bool,
    /// Triage (`--avoid drop-guards`, `--streams`): no `drop(g);`.
    pub avoid_drop_guards: bool,
    /// Triage (`--avoid yield-temp-guards`, `--streams`): no temporary guards inside a
    /// yield's argument (`yield_!(dv(&D(1, log.clone())))`).
    pub avoid_yield_temp_guards: bool,
    /// `--streams`: generating a yield's argument.
    in_yield_arg: bool,
    pub yields_in_guards: bool,
    /// `--all-constructs`: std macros with yields in their arguments ([`Expr::Mac`],
    /// [`Stmt::MacCall`]) and match arms that bind the value their guard reads. Its draws
    /// are behind this flag.
    pub macros: bool,
    pub nested_yield: bool,
    /// `--iterators`: programs of the iterator kind (no resume values, no `yield_from!`,
    /// no return value). Every extra random draw is behind this flag, so the default
    /// mode generates the same programs for a seed as before.
    pub iterators: bool,
    pub yield_in_break: bool,
    /// `--deferred`: deferred bindings ([`Stmt::Deferred`]). Its draws are behind this
    /// flag too.
    pub deferred: bool,
    /// Triage (`--avoid place-yields`): no yields in the index of an assigned element.
    pub avoid_place_yields: bool,
    /// Triage (`--avoid return-arrays`): `return` values never read an array.
    pub avoid_return_arrays: bool,
    /// Triage (`--avoid assign-yield-from`): no `a[k] = yield_from!(…);`.
    pub avoid_assign_yield_from: bool,
    /// Triage (`--avoid shadow-arrays`): no `let mut a = a;`, no block-local arrays.
    pub avoid_shadow_arrays: bool,
    /// Triage (`--avoid break-before-return`, `--iterators`): no `break`/`continue` of an
    /// enclosing loop in the `…` of `if c { …; yield_!(e); return; }`.
    pub avoid_break_before_return: bool,
    /// Triage (`--avoid unread-end`, `--iterators`): every way out reads `acc` and the
    /// arrays: the body always ends by yielding its tail (never `let _ = tail;` or
    /// nothing), and `if c { …; yield_!(e); return; }` yields the tail too.
    pub avoid_unread_end: bool,
}

const MAX_DEPTH: u32 = 3;

impl<'r> Gen<'r> {
    pub fn new(rng: &'r mut Rng) -> Self {
        Gen {
            rng,
            scope: vec!["seed".into(), "acc".into()],
            loops: vec![],
            fresh: 0,
            arrays: vec![],
            busy: None,
            arr_ok: true,
            arr_shadow: false,
            consume: false,
            end_scope: (vec![], vec![]),
            guards: vec![],
            guard_id: 0,
            await_only: false,
            n_awaits: 0,
            n_guards: 0,
            owned: vec![],
            dstats: DropStats::default(),
            last_block_owned: vec![],
            hide: vec![],
            level: 0,
            drops: false,
            avoid_cond_moves: false,
            avoid_field_reads: false,
            avoid_partial_moves: false,
            avoid_shadowed_values: false,
            avoid_reassign_moved: false,
            avoid_jumps_moved: false,
            avoid_break_moves: false,
            avoid_nested_moves: false,
            avoid_yield_temps: false,
            avoid_macro_yield_args: false,
            avoid_stream_item_type: false,
            avoid_branch_assigns: false,
            avoid_scrutinee_temps: false,
            avoid_bound_arm_moves: false,
            bind_levels: vec![],
            array_pct: 50,
            streams: false,
            avoid_temp_guards: false,
            avoid_future_guards: false,
            avoid_drop_guards: false,
            avoid_yield_temp_guards: false,
            in_yield_arg: false,
            yields_in_guards: false,
            macros: false,
            nested_yield: false,
            iterators: false,
            yield_in_break: false,
            deferred: false,
            avoid_place_yields: false,
            avoid_return_arrays: false,
            avoid_assign_yield_from: false,
            avoid_shadow_arrays: false,
            avoid_break_before_return: false,
            avoid_unread_end: false,
        }
    }
    fn fresh(&mut self, p: &str) -> String {
        self.fresh += 1;
        format!("{p}{}", self.fresh)
    }
    fn var(&mut self) -> String {
        let i = self.rng.below(self.scope.len() as u64) as usize;
        self.scope[i].clone()
    }

    pub fn expr(&mut self, d: u32, allow_yield: bool) -> Expr {
        let leaf = d >= 2 || self.rng.chance(35);
        if self.streams {
            if let Some(e) = self.stream_expr(d, leaf, allow_yield) {
                return e;
            }
        }
        if self.drops && self.rng.chance(if leaf { 16 } else { 5 }) {
            if let Some(e) = self.owned_expr() {
                return e;
            }
        }
        if leaf && self.has_arrays() && self.rng.chance(30) {
            return self.arr_read(d, allow_yield);
        }
        if leaf {
            return if self.rng.chance(65) {
                Expr::Var(self.var())
            } else {
                Expr::Lit(self.rng.below(10) as i64)
            };
        }
        if self.macros && allow_yield && self.rng.chance(10) {
            return self.mac_expr(d);
        }
        let b = |g: &mut Self, ay| Box::new(g.expr(d + 1, ay));
        let k = self.rng.below(if allow_yield { 9 } else { 5 });
        // `--iterators`: a yield where the default mode has `yield_from!`
        let k = if self.iterators && !self.streams && k == 8 {
            5
        } else {
            k
        };
        if self.await_only && k >= 5 {
            // the argument of a yield: an await where a yield would be
            return self.await_expr(d, allow_yield);
        }
        match k {
            0 => Expr::Add(b(self, allow_yield), b(self, allow_yield)),
            1 => Expr::Mul(b(self, allow_yield), b(self, allow_yield)),
            2 => Expr::Xor(b(self, allow_yield), b(self, allow_yield)),
            3 => Expr::Mix(b(self, allow_yield), b(self, allow_yield)),
            4 => {
                let c = self.cond(d + 1, allow_yield);
                Expr::If(Box::new(c), b(self, allow_yield), b(self, allow_yield))
            }
            5 | 6 | 7 => {
                let a = self.yield_arg(d + 1, allow_yield);
                Expr::Yield(Box::new(a), self.rng.below(3) as i64)
            }
            _ if self.streams => {
                let a = self.yield_arg(d + 1, false);
                Expr::YieldFrom(Box::new(a))
            }
            _ => Expr::YieldFrom(b(self, false)),
        }
    }

    /// `--all-constructs`: a std macro used as an expression, its arguments with yields
    /// (the whole expression may yield: [`Gen::expr`] draws it only where a yield may stand).
    fn mac_expr(&mut self, d: u32) -> Expr {
        let m = [Mac::Vec, Mac::Format, Mac::Matches, Mac::Write][self.rng.below(4) as usize];
        let n = if m == Mac::Vec {
            1 + self.rng.below(3)
        } else {
            1
        };
        let args = (0..n).map(|_| self.mac_arg(d + 1)).collect();
        Expr::Mac(m, args)
    }

    /// `--all-constructs`: an argument of a std macro, often a yield (`yield_!(e)`, which
    /// in streams may be an await instead).
    fn mac_arg(&mut self, d: u32) -> Expr {
        if !self.await_only && self.rng.chance(60) {
            let a = self.yield_arg(d + 1, true);
            return Expr::Yield(Box::new(a), self.rng.below(3) as i64);
        }
        self.expr(d, true)
    }

    /// `--all-constructs`: `assert!((e) >= i64::MIN);` or `assert_eq!(0i64 & (e1), 0i64 &
    /// (e2));`, the arguments with yields.
    fn mac_stmt(&mut self) -> Stmt {
        if self.rng.chance(50) {
            Stmt::MacCall(Mac::Assert, vec![self.mac_arg(1)])
        } else {
            Stmt::MacCall(Mac::AssertEq, vec![self.mac_arg(1), self.mac_arg(1)])
        }
    }

    /// The argument of a yield (or, `--streams`, of `yield_from!`): nested yields only
    /// with `nested_yield`; in streams, awaits (`yield_!(f(k).await)`) where yields may
    /// stand. Outside `--streams` the same draws as `expr(d, allow_yield && nested_yield)`.
    fn yield_arg(&mut self, d: u32, allow_yield: bool) -> Expr {
        if self.streams && !self.await_only {
            let nested = allow_yield && self.nested_yield;
            let save = std::mem::replace(&mut self.await_only, !nested);
            let in_arg = std::mem::replace(&mut self.in_yield_arg, true);
            let e = self.expr(d, true);
            self.await_only = save;
            self.in_yield_arg = in_arg;
            e
        } else {
            self.expr(d, allow_yield && self.nested_yield)
        }
    }

    /// `--streams`: an await, a guard read or a temporary guard, sometimes.
    fn stream_expr(&mut self, d: u32, leaf: bool, allow_yield: bool) -> Option<Expr> {
        if allow_yield && self.rng.chance(if leaf { 5 } else { 12 }) {
            return Some(self.await_expr(d, allow_yield));
        }
        if !self.guards.is_empty() && self.rng.chance(6) {
            let i = self.rng.below(self.guards.len() as u64) as usize;
            return Some(Expr::GuardRead(self.guards[i].0.clone()));
        }
        if !self.avoid_temp_guards
            && (!self.avoid_yield_temp_guards || !self.in_yield_arg)
            && self.rng.chance(3)
        {
            self.n_guards += 1;
            return Some(Expr::TempGuard(self.next_guard()));
        }
        None
    }

    fn push_loop(&mut self, label: Option<String>, value: bool) {
        self.loops.push(LoopCtx {
            label,
            value,
            moved: vec![],
        });
    }

    /// Leaves a loop: `--drops`: what was moved before a `break` to it is maybe moved now.
    fn pop_loop(&mut self) {
        let l = self.loops.pop().expect("in a loop");
        for i in l.moved {
            let o = &mut self.owned[i];
            o.st = o.st.join(St::Moved);
            o.items = o.items.join(St::Moved);
        }
    }

    /// `--drops`: the owned values' states before branches (entered: `level` counts them
    /// until `join` or `leave`).
    fn snap(&mut self) -> Vec<Owned> {
        self.level += 1;
        self.owned.clone()
    }

    /// `--drops`: after branches that all leave the body (the states stay as in `snap`).
    fn leave(&mut self, snap: &[Owned]) {
        self.branch_end(snap);
        self.level -= 1;
    }

    /// `--drops`: the states at the end of a branch; `snap` (taken before it) is put back
    /// for the next branch.
    fn branch_end(&mut self, snap: &[Owned]) -> Vec<Owned> {
        let mut after = std::mem::replace(&mut self.owned, snap.to_vec());
        after.truncate(snap.len());
        after
    }

    /// `--drops`: the states after branches that ended as `ends` (each from `branch_end`).
    fn join(&mut self, ends: Vec<Vec<Owned>>) {
        self.level -= 1;
        let Some((first, rest)) = ends.split_first() else {
            return;
        };
        for (i, o) in self.owned.iter_mut().enumerate() {
            o.st = first[i].st;
            o.items = first[i].items;
            for e in rest {
                o.st = o.st.join(e[i].st);
                o.items = o.items.join(e[i].items);
            }
        }
    }

    /// `--drops`: the owned values that can be named here (not hidden by a later binding
    /// of the same name) and satisfy `f`, as indices into `owned`.
    fn visible(&self, f: impl Fn(&Owned) -> bool) -> Vec<usize> {
        let mut seen: Vec<&str> = self.hide.iter().map(String::as_str).collect();
        let mut v = vec![];
        for (i, o) in self.owned.iter().enumerate().rev() {
            if seen.contains(&o.name.as_str()) {
                continue;
            }
            seen.push(&o.name);
            if f(o) {
                v.push(i);
            }
        }
        v.reverse();
        v
    }

    /// `--drops`: one of `visible(f)`, at random.
    fn pick(&mut self, f: impl Fn(&Owned) -> bool) -> Option<usize> {
        let v = self.visible(f);
        self.choose(v)
    }

    /// One of `v`, at random.
    fn choose(&mut self, v: Vec<usize>) -> Option<usize> {
        if v.is_empty() {
            None
        } else {
            Some(v[self.rng.below(v.len() as u64) as usize])
        }
    }

    /// `--drops`: the whole value can be moved here (never at a deeper loop than its
    /// declaration's, where the next iteration would see it moved; with `--avoid
    /// cond-moves` only in the branch that declared it).
    fn movable(&self, o: &Owned) -> bool {
        o.st == St::Live && o.items == St::Live && self.settable(o)
    }

    /// `--drops`: `movable`, in a branch entered here (`if c { <move>; … }`, a `match` arm):
    /// with `--avoid nested-moves`, only a value declared at this branch level.
    fn movable_in_branch(&self, o: &Owned) -> bool {
        self.movable(o) && (!self.avoid_nested_moves || o.level == self.level)
    }

    /// `--drops`: the state of the value can change here (moved, or assigned after a
    /// move): declared at this loop depth (and `--avoid cond-moves`: in this branch).
    fn settable(&self, o: &Owned) -> bool {
        o.depth == self.loops.len()
            && (!self.avoid_cond_moves || o.level == self.level)
            && (!self.avoid_nested_moves || self.level <= o.level + 1)
            && (!self.avoid_bound_arm_moves || self.bind_levels.iter().all(|&l| l <= o.level))
    }

    /// `--drops`: a value declared before loop `t` (`loops[t]`) is not there on every path
    /// (moved, maybe moved, or a bag whose `items` may be).
    fn moved_outside(&self, t: usize) -> bool {
        self.owned
            .iter()
            .any(|o| o.depth <= t && (o.st != St::Live || o.items != St::Live))
    }

    /// `--drops`: a new owned value in scope (declared by the statement being generated).
    fn own(&mut self, name: &str, bag: bool) {
        self.owned.push(Owned {
            name: name.to_string(),
            bag,
            st: St::Live,
            items: St::Live,
            depth: self.loops.len(),
            level: self.level,
        });
    }

    /// `--drops`: a read of an owned value (`o3.id`, `vid(&o3)`, `bg4.count`,
    /// `bg4.tag.id`, `vid(&bg4.items)`, …), or a temporary `vid(&V::new(id, &log))`.
    fn owned_expr(&mut self) -> Option<Expr> {
        if !self.avoid_temp_guards && self.rng.chance(12) {
            self.dstats.temps += 1;
            return Some(Expr::TempV(self.next_guard()));
        }
        let i = self.pick(|o| o.st == St::Live)?;
        let o = self.owned[i].clone();
        // a `V` place
        let place = if !o.bag {
            o.name.clone()
        } else {
            match self.rng.below(3) {
                0 if !self.avoid_field_reads => {
                    self.dstats.field_reads += 1;
                    return Some(Expr::Field(format!("{}.count", o.name)));
                }
                1 if o.items == St::Live => format!("{}.items", o.name),
                _ => format!("{}.tag", o.name),
            }
        };
        Some(if self.avoid_field_reads || self.rng.chance(40) {
            self.dstats.ref_reads += 1;
            Expr::VRef(place)
        } else {
            self.dstats.field_reads += 1;
            Expr::Field(format!("{place}.id"))
        })
    }

    /// `--drops`: a statement that moves owned value `i` (which `movable` allows here) and
    /// marks it moved: `drop(o3);`, `acc = acc…consume(o3);`, `yield_!(consume(o3));`,
    /// or with `bind` `let mut o7 = o3;` (a new binding, which the caller's block must
    /// end: a branch of its own). A bag is dropped.
    fn move_stmt(&mut self, i: usize, bind: bool) -> Stmt {
        self.move_stmt_in(i, bind, true)
    }

    /// `move_stmt`; without `yields`, never `yield_!(consume(o3));`.
    fn move_stmt_in(&mut self, i: usize, bind: bool, yields: bool) -> Stmt {
        self.dstats.moves += 1;
        let o = &mut self.owned[i];
        o.st = St::Moved;
        o.items = St::Moved;
        let name = o.name.clone();
        if o.bag {
            return Stmt::DropGuard(name);
        }
        match self.rng.below(10) {
            0..=3 => Stmt::DropGuard(name),
            4..=5 => Stmt::AccAdd(Expr::Take(name)),
            6..=7 if yields => Stmt::YieldStmt(Expr::Take(name)),
            _ if bind => {
                // into a new binding, perhaps of the same name (`let mut o3 = o3;`)
                let new = if self.rng.chance(40) {
                    name.clone()
                } else {
                    self.fresh("o")
                };
                self.own(&new, false);
                Stmt::LetMove(new, name)
            }
            _ => Stmt::DropGuard(name),
        }
    }

    /// `--drops`: `if c { <move of owned value i>; break ['l] [v]; }`, where `i` was
    /// declared before the loop the `break` leaves (the outermost loop entered since): the
    /// value is maybe moved after that loop. `None` if the loop cannot be named.
    fn move_break(&mut self, i: usize) -> Option<Stmt> {
        let t = self.owned[i].depth;
        let inner = t + 1 == self.loops.len();
        let label = self.loops[t].label.clone();
        if !inner && label.is_none() {
            return None;
        }
        let c = self.cond_a(1, true);
        let mut lab = if inner && self.rng.chance(50) {
            None
        } else {
            label
        };
        if lab.is_some() && self.avoid_jumps_moved && self.moved_outside(t) {
            if !inner {
                return None;
            }
            lab = None;
        }
        let yields = !(self.avoid_jumps_moved && lab.is_some());
        let m = self.move_stmt_in(i, false, yields);
        // the `break` value is evaluated after the move
        let v = if self.loops[t].value {
            let ay = self.yield_in_break && yields;
            Some(self.expr_a(1, ay))
        } else {
            None
        };
        // on the path that goes on, the value is still there
        self.owned[i].st = St::Live;
        self.owned[i].items = St::Live;
        self.loops[t].moved.push(i);
        self.dstats.break_moves += 1;
        Some(Stmt::If(c, vec![m, Stmt::Break(lab, v)], vec![]))
    }

    /// `--drops`: a loop (`loop`, `for`), its body generated by `body` with the loop
    /// entered; `Stmt::Loop` ends with `if c { break; }`.
    fn drop_loop(&mut self, body: impl FnOnce(&mut Self, Option<String>) -> Vec<Stmt>) -> Stmt {
        let l = self.label();
        if self.rng.chance(50) {
            self.push_loop(l.clone(), false);
            let b = body(self, l.clone());
            self.pop_loop();
            let c = self.after_block(|g| g.cond(1, true));
            Stmt::Loop(l, b, c)
        } else {
            let i = self.fresh("i");
            let k = 1 + self.rng.below(4) as i64;
            self.scope.push(i.clone());
            self.push_loop(l.clone(), false);
            let b = body(self, l.clone());
            self.pop_loop();
            self.scope.pop();
            Stmt::For(l, i, k, b)
        }
    }

    /// `--drops`: the statements of owned values (`V`: an id and the log; `Bag`: two `V`s
    /// and a count), none at all without `--drops`. `None`: draw another.
    fn drop_stmt(&mut self, d: u32) -> Option<Stmt> {
        let nested = d < MAX_DEPTH;
        let cond_moves = !self.avoid_cond_moves;
        let break_moves = cond_moves && !self.avoid_break_moves;
        Some(match self.rng.below(19) {
            0..=2 => {
                let name = self.fresh("o");
                self.own(&name, false);
                self.dstats.decls += 1;
                Stmt::VDecl(name, self.next_guard())
            }
            3 | 17 => {
                let name = self.fresh("bg");
                self.own(&name, true);
                self.dstats.bags += 1;
                let a = self.next_guard();
                let decl = Stmt::BagDecl(name.clone(), a, self.next_guard());
                if self.avoid_partial_moves || self.rng.chance(60) {
                    return Some(decl);
                }
                // and at once a partial move out of it
                self.dstats.partial_moves += 1;
                let i = self.owned.len() - 1;
                self.owned[i].items = St::Moved;
                let new = self.fresh("o");
                self.own(&new, false);
                Stmt::Seq(vec![decl, Stmt::LetMove(new, format!("{name}.items"))])
            }
            4 => {
                // a guard never read, or `let _ =` (dropped at once)
                self.dstats.unread += 1;
                let name = if self.rng.chance(75) {
                    Some(self.fresh("_g"))
                } else {
                    None
                };
                Stmt::Unread(name, self.next_guard())
            }
            5 => {
                // shadowing: `let mut o3 = V::new(…);` (the old `o3` lives on, hidden) or
                // `let mut o3 = o3;` (moved into the new binding)
                let i = self.pick(|o| !o.bag)?;
                let name = self.owned[i].name.clone();
                let by_move = self.movable(&self.owned[i]);
                if self.avoid_shadowed_values && !(by_move && self.owned[i].st == St::Live) {
                    return None;
                }
                self.dstats.shadows += 1;
                if by_move && (self.avoid_shadowed_values || self.rng.chance(30)) {
                    self.dstats.moves += 1;
                    self.owned[i].st = St::Moved;
                    self.owned[i].items = St::Moved;
                    self.own(&name, false);
                    Stmt::LetMove(name.clone(), name)
                } else {
                    self.own(&name, false);
                    Stmt::VDecl(name, self.next_guard())
                }
            }
            6 | 7 => {
                // reassignment (drops the old value first, if it is there); at a deeper
                // loop only of a value that is there (the state stays what it was)
                // (`--avoid branch-assigns`: only in the branch of the value's `let`)
                let v = self.visible(|o| {
                    (self.settable(o) || o.st == St::Live)
                        && (!self.avoid_branch_assigns || o.level == self.level)
                });
                let i = self.choose(v)?;
                let o = self.owned[i].clone();
                // (`--avoid reassign-moved`: as at a deeper loop)
                let free = self.settable(&o) && !self.avoid_reassign_moved;
                if !free && o.st != St::Live {
                    return None;
                }
                self.dstats.reassigns += 1;
                if !o.bag {
                    self.owned[i].st = St::Live;
                    return Some(Stmt::VAssign(o.name, self.next_guard()));
                }
                if o.st == St::Live && (free || o.items == St::Live) && self.rng.chance(50) {
                    self.owned[i].items = St::Live;
                    return Some(Stmt::VAssign(
                        format!("{}.items", o.name),
                        self.next_guard(),
                    ));
                }
                if !free && o.items != St::Live {
                    return None;
                }
                self.owned[i].st = St::Live;
                self.owned[i].items = St::Live;
                let a = self.next_guard();
                Stmt::BagAssign(o.name, a, self.next_guard())
            }
            8 => {
                // an unconditional move
                let v = self.visible(|o| self.movable(o));
                let i = self.choose(v)?;
                self.move_stmt(i, true)
            }
            9 | 10 if nested && cond_moves => {
                // `if c { <move>; … } [else { … }]`: moved on one branch only
                let v = self.visible(|o| self.movable_in_branch(o));
                let i = self.choose(v)?;
                self.dstats.branch_moves += 1;
                let c = self.cond(0, true);
                self.if_stmt_moving(d, c, 40, Some(i))
            }
            11 if nested && cond_moves => {
                // a `match` with one arm that moves
                let v = self.visible(|o| self.movable_in_branch(o));
                let i = self.choose(v)?;
                self.dstats.arm_moves += 1;
                let scrut = self.expr(0, true);
                self.match_stmt_moving(d, scrut, Some(i))
            }
            12 if break_moves && !self.loops.is_empty() => {
                // a move right before a `break` out of the loops entered since the value's `let`
                let here = self.loops.len();
                let i = self.pick(|o| o.st == St::Live && o.items == St::Live && o.depth < here)?;
                return self.move_break(i);
            }
            13 | 18 if !self.avoid_partial_moves => {
                // a partial move out of a bag: `let mut o5 = bg4.items;` (`count` and `tag`
                // can still be read, `bg4` is not dropped as a whole)
                let v = self.visible(|o| o.bag && self.movable(o));
                let i = self.choose(v)?;
                self.dstats.partial_moves += 1;
                self.owned[i].items = St::Moved;
                let new = self.fresh("o");
                let place = format!("{}.items", self.owned[i].name);
                self.own(&new, false);
                Stmt::LetMove(new, place)
            }
            14 | 15 if nested => {
                // a value declared right before a loop that holds it, and (with conditional
                // moves) moves it before a `break` out of it
                let name = self.fresh("o");
                self.own(&name, false);
                let i = self.owned.len() - 1;
                self.dstats.decls += 1;
                let decl = Stmt::VDecl(name, self.next_guard());
                let lp = self.drop_loop(|g, _| {
                    let mut b = g.block(d + 1);
                    if break_moves {
                        // after the statements of the body that declare nothing (the
                        // `if` and its condition then see what they would at the start)
                        let at = g.rng.below(b.len() as u64 + 1) as usize;
                        let at = b[..at].iter().position(Stmt::declares_owned).unwrap_or(at);
                        if let Some(s) = g.move_break(i) {
                            b.insert(at, s);
                        }
                    }
                    b
                });
                Stmt::Seq(vec![decl, lp])
            }
            16 if nested => {
                // a value declared at the top of a loop body (dropped at each iteration's end)
                self.dstats.loop_decls += 1;
                self.drop_loop(|g, _| {
                    let save = g.owned.len();
                    let name = g.fresh("o");
                    g.own(&name, false);
                    g.dstats.decls += 1;
                    let decl = Stmt::VDecl(name, g.next_guard());
                    let mut b = g.block(d + 1);
                    b.insert(0, decl);
                    g.owned.truncate(save);
                    b
                })
            }
            _ => return None,
        })
    }

    fn next_guard(&mut self) -> i64 {
        self.guard_id += 1;
        self.guard_id
    }

    /// `--streams`: `f(e).await` / `fg(e, D(id, log.clone())).await`; the argument may
    /// hold awaits itself (and yields, unless in a yield's argument).
    fn await_expr(&mut self, d: u32, allow_yield: bool) -> Expr {
        self.n_awaits += 1;
        let arg = if d >= 2 || self.rng.chance(45) {
            if self.rng.chance(65) {
                Expr::Var(self.var())
            } else {
                Expr::Lit(self.rng.below(10) as i64)
            }
        } else {
            self.expr(d + 1, allow_yield)
        };
        let g = if !self.avoid_future_guards && self.rng.chance(20) {
            self.n_guards += 1;
            Some(self.next_guard())
        } else {
            None
        };
        Expr::Await(Box::new(arg), g)
    }

    /// `--streams`: the statements particular to streams (`None`: draw another).
    fn stream_stmt(&mut self, d: u32) -> Option<Stmt> {
        let nested = d < MAX_DEPTH;
        Some(match self.rng.below(11) {
            0 | 1 => Stmt::AwaitStmt(self.await_expr(0, true)),
            2 => {
                let e = self.await_expr(0, true);
                let name = self.fresh("x");
                self.scope.push(name.clone());
                Stmt::Let(name, e)
            }
            3 if nested => {
                // `while f(e).await < n { … }`
                let l = self.label();
                let e = self.await_expr(1, true);
                let c = Cond(e, 0, self.rng.below(16) as i64);
                self.while_stmt(d, l, c)
            }
            4 if nested => {
                // `if f(e).await > v { … } [else { … }]`
                let e = self.await_expr(1, true);
                let c = Cond(e, -1, self.rng.below(16) as i64);
                self.if_stmt(d, c, 50)
            }
            5 if nested => {
                let scrut = self.await_expr(0, true);
                self.match_stmt(d, scrut)
            }
            6 => {
                let a = self.yield_arg(1, false);
                Stmt::YieldFromStmt(a)
            }
            7 | 8 => {
                let name = self.fresh("g");
                self.guards.push((name.clone(), d));
                self.n_guards += 1;
                Stmt::Guard(name, self.next_guard())
            }
            9 if !self.avoid_drop_guards => {
                let mine: Vec<usize> = (0..self.guards.len())
                    .filter(|&i| self.guards[i].1 == d)
                    .collect();
                if mine.is_empty() {
                    return None;
                }
                let i = mine[self.rng.below(mine.len() as u64) as usize];
                Stmt::DropGuard(self.guards.remove(i).0)
            }
            _ => return None,
        })
    }

    /// `match (scrut).rem_euclid(m) { 0 => { … } … _ => { … } }`
    fn match_stmt(&mut self, d: u32, scrut: Expr) -> Stmt {
        self.match_stmt_moving(d, scrut, None)
    }

    /// `match_stmt`; `--drops`: with `mv`, one arm (perhaps `_`) starts by moving that
    /// owned value (`consume(o3)`, `drop(o3)`, …).
    fn match_stmt_moving(&mut self, d: u32, scrut: Expr, mv: Option<usize>) -> Stmt {
        let m = 2 + self.rng.below(3) as i64;
        // the arm that moves (`m - 1`: the `_` arm)
        let j = mv.map(|_| self.rng.below(m as u64) as i64);
        // `--avoid bound-arm-moves`: a `match` with arms that bind moves nothing declared
        // outside it, in any arm (gen-runtime splits no paths at such a `match`)
        let bind_ok =
            self.macros && (!self.avoid_bound_arm_moves || mv.is_none() && self.rng.chance(50));
        let snap = self.snap();
        let fence = bind_ok && self.avoid_bound_arm_moves;
        if fence {
            self.bind_levels.push(self.level);
        }
        let mut ends = vec![];
        let mut arms = vec![];
        for v in 0..m - 1 {
            if Some(v) == j || self.rng.chance(70) {
                let guarded = self.rng.chance(35);
                // `--all-constructs`: `x7 @ v if … x7 … =>`, the guard and the block read x7
                let bind = if guarded && bind_ok && self.rng.chance(60) {
                    let x = self.fresh("x");
                    self.scope.push(x.clone());
                    Some(x)
                } else {
                    None
                };
                let g = if guarded {
                    let ay = self.yields_in_guards && self.rng.chance(30);
                    Some(match &bind {
                        // the bound value in the guard, yielded when yields are drawn
                        Some(x) if ay && self.rng.chance(75) => {
                            let a = self.yield_arg(2, false);
                            let y = Expr::Yield(
                                Box::new(Expr::Xor(Box::new(Expr::Var(x.clone())), Box::new(a))),
                                0,
                            );
                            let m = 2 + self.rng.below(3) as i64;
                            Cond(y, m, self.rng.below(m as u64) as i64)
                        }
                        _ => self.cond(1, ay),
                    })
                } else {
                    None
                };
                if bind.is_some() {
                    self.bind_levels.push(self.level);
                }
                let b = self.arm_block(d, mv.filter(|_| Some(v) == j));
                if bind.is_some() {
                    self.bind_levels.pop();
                    self.scope.pop();
                }
                ends.push(self.branch_end(&snap));
                arms.push((v, bind, g, b));
            }
        }
        let def = self.arm_block(d, mv.filter(|_| Some(m - 1) == j));
        ends.push(self.branch_end(&snap));
        if fence {
            self.bind_levels.pop();
        }
        self.join(ends);
        Stmt::Match(scrut, m, arms, def)
    }

    /// A branch's block; `--drops`: with `mv`, it starts by moving that owned value.
    fn arm_block(&mut self, d: u32, mv: Option<usize>) -> Vec<Stmt> {
        match mv {
            None => self.block(d + 1),
            Some(i) => {
                let m = self.move_stmt(i, true);
                let mut b = self.block(d + 1);
                b.insert(0, m);
                b
            }
        }
    }

    /// The arrays that may be read here.
    fn readable(&self) -> Vec<(String, i64)> {
        if !self.arr_ok {
            return vec![];
        }
        self.arrays
            .iter()
            .filter(|(a, _)| Some(a) != self.busy.as_ref())
            .cloned()
            .collect()
    }

    fn has_arrays(&self) -> bool {
        !self.readable().is_empty()
    }

    /// A readable array (requires `has_arrays()`).
    fn pick_array(&mut self) -> (String, i64) {
        let r = self.readable();
        r[self.rng.below(r.len() as u64) as usize].clone()
    }

    /// `f` with array `a` mutably borrowed: no reads of it.
    fn with_busy<T>(&mut self, a: &str, f: impl FnOnce(&mut Self) -> T) -> T {
        let save = self.busy.replace(a.to_string());
        let t = f(self);
        self.busy = save;
        t
    }

    /// An index expression (reduced modulo the length when emitted).
    fn index(&mut self, d: u32, allow_yield: bool) -> Expr {
        if d >= 2 {
            // a plain leaf, never another array read: keeps the nesting finite
            if self.rng.chance(60) {
                Expr::Var(self.var())
            } else {
                Expr::Lit(self.rng.below(10) as i64)
            }
        } else {
            self.expr(d + 1, allow_yield)
        }
    }

    /// A read of an array in scope (requires `has_arrays()`).
    fn arr_read(&mut self, d: u32, allow_yield: bool) -> Expr {
        let (a, n) = self.pick_array();
        match self.rng.below(10) {
            0..=5 => Expr::ArrGet(a, n, Box::new(self.index(d, allow_yield))),
            6 => Expr::ArrLen(a),
            7 => Expr::ArrSum(a, self.rng.chance(50)),
            _ => Expr::Peek(a, Box::new(self.index(d, allow_yield))),
        }
    }

    /// An expression that, in programs with arrays, is often an array read: for the
    /// places the arrays must reach (shadowing, break values, returns, yields).
    fn expr_a(&mut self, d: u32, allow_yield: bool) -> Expr {
        if self.has_arrays() && self.rng.chance(50) {
            self.arr_read(d, allow_yield)
        } else {
            self.expr(d, allow_yield)
        }
    }

    /// A condition that, in programs with arrays, often tests an array read.
    fn cond_a(&mut self, d: u32, allow_yield: bool) -> Cond {
        let m = 2 + self.rng.below(3) as i64;
        let v = self.rng.below(m as u64) as i64;
        Cond(self.expr_a(d, allow_yield), m, v)
    }

    fn arr_init(&mut self, n: i64, allow_yield: bool) -> ArrInit {
        match self.rng.below(10) {
            0..=4 => ArrInit::Repeat(self.expr(1, allow_yield)),
            5..=7 => ArrInit::Typed(self.expr(1, allow_yield)),
            _ => ArrInit::List((0..n).map(|_| self.rng.below(10) as i64).collect()),
        }
    }

    fn arr_len(&mut self) -> i64 {
        if self.rng.chance(12) {
            4 + self.rng.below(12) as i64 // small: below gen-runtime's in-place threshold
        } else {
            [16, 16, 17, 20, 24, 32][self.rng.below(6) as usize]
        }
    }

    /// A whole program. About `array_pct`% of them declare one or two arrays at the top.
    pub fn program(&mut self) -> Program {
        if self.iterators {
            self.consume = self.rng.chance(50);
        }
        let mut pre = vec![];
        let mut params = vec![];
        let (mut fuel_first, mut fn_form) = (false, false);
        if self.rng.chance(self.array_pct) {
            // `seed` is read by the `let mut acc = seed;` after the arrays. Kept read in
            // the body only sometimes: a parameter is the oldest carried binding, and one
            // used by value stops every younger one from staying in place.
            let keep_seed = self.rng.chance(20);
            self.scope = vec!["seed".into()];
            let count = 1 + self.rng.below(2);
            // 0: no scalar, 1: a scalar before the arrays, 2: after them
            let scalar = [0, 0, 1, 2, 2][self.rng.below(5) as usize];
            let scalar_stmt = |g: &mut Self| {
                let e = g.expr(1, false);
                let name = g.fresh("s");
                g.scope.push(name.clone());
                Stmt::Let(name, e)
            };
            if scalar == 1 {
                pre.push(scalar_stmt(self));
            }
            for k in 0..count {
                let n = self.arr_len();
                let init = self.arr_init(n, false);
                let name = self.fresh(if k == 0 { "buf" } else { "t" });
                self.arrays.push((name.clone(), n));
                if k == 0 && self.rng.chance(25) {
                    // a parameter instead (stays in place like a body-level binding)
                    params.push((name, n, 1 + self.rng.below(9) as i64));
                } else {
                    pre.push(Stmt::ArrDecl(name, n, init));
                }
            }
            if scalar == 2 {
                pre.push(scalar_stmt(self));
            }
            if !keep_seed {
                self.scope.retain(|s| s != "seed");
            }
            self.scope.push("acc".into());
            fuel_first = self.rng.chance(50);
            fn_form = self.rng.chance(85);
            self.arr_shadow = self.rng.chance(20) && !self.avoid_shadow_arrays;
        }
        let arrays = self.arrays.len();
        let large = self.arrays.iter().any(|&(_, n)| n >= 16);
        let stream = if self.streams {
            Some(
                [StreamForm::Attr, StreamForm::Block, StreamForm::GenFn]
                    [self.rng.below(3) as usize],
            )
        } else {
            None
        };
        let mut vparams = vec![];
        if self.drops {
            // parameters with a logging `Drop`, the oldest locals of the body
            let n = [0, 0, 0, 1, 1, 1, 1, 2][self.rng.below(8) as usize];
            for (name, id) in [("pa", 901), ("pb", 902)].into_iter().take(n) {
                self.own(name, false);
                self.dstats.params += 1;
                vparams.push((name.to_string(), id));
            }
        }
        let body = self.block(0);
        let end = if !self.iterators {
            Tail::Value
        } else {
            match self.rng.below(20) {
                0..=8 => Tail::Yield,
                9 | 10 => Tail::YieldReturn,
                11..=14 if !self.avoid_unread_end => Tail::Discard,
                15.. if !self.avoid_unread_end => Tail::Omit,
                _ => Tail::Yield,
            }
        };
        let tail = if self.consume {
            let (scope, arrays) = std::mem::take(&mut self.end_scope);
            Self::consume_of(&scope, &arrays)
        } else {
            self.tail_expr()
        };
        let mut p = Program {
            params,
            pre,
            fuel_first,
            fn_form,
            body,
            tail,
            end,
            iterators: self.iterators,
            stream,
            drops: self.drops,
            vparams,
            item_hint: self.avoid_stream_item_type,
            awaits: self.n_awaits,
            guards: self.n_guards,
            arrays,
            large,
        };
        if self.avoid_yield_temps {
            p.strip_yield_temps();
        }
        if self.macros {
            p.no_macro_yield_from();
        }
        if self.avoid_macro_yield_args {
            p.strip_yield_macros();
        }
        if self.avoid_scrutinee_temps {
            p.strip_scrutinee_temps();
        }
        p
    }

    /// `acc`, with every array in scope folded in: a lost write shows in the return value.
    fn tail_expr(&self) -> Expr {
        let mut t = Expr::Var("acc".into());
        for (a, _) in &self.arrays {
            t = Expr::Xor(Box::new(t), Box::new(Expr::ArrSum(a.clone(), false)));
        }
        t
    }

    /// `--iterators`: every binding in scope (and `fuel`), each used by value.
    fn consume_all(&self) -> Expr {
        Self::consume_of(&self.scope, &self.arrays)
    }

    fn consume_of(scope: &[String], arrays: &[(String, i64)]) -> Expr {
        let mut names: Vec<&str> = vec!["acc", "fuel"];
        for v in scope {
            if !names.contains(&v.as_str()) {
                names.push(v);
            }
        }
        let mut es: Vec<Expr> = names.into_iter().map(|v| Expr::Var(v.into())).collect();
        let mut seen = vec![];
        for (a, _) in arrays.iter().rev() {
            // a shadowed array is one binding in scope (the visible one)
            if !seen.contains(a) {
                seen.push(a.clone());
                es.push(Expr::ArrMove(a.clone()));
            }
        }
        Expr::Consume(es)
    }

    fn cond(&mut self, d: u32, allow_yield: bool) -> Cond {
        if self.streams && allow_yield && self.rng.chance(8) {
            // `f(e).await < v` / `f(e).await > v`
            let e = self.await_expr(d, true);
            let m = if self.rng.chance(50) { 0 } else { -1 };
            return Cond(e, m, self.rng.below(16) as i64);
        }
        let m = 2 + self.rng.below(3) as i64;
        let v = self.rng.below(m as u64) as i64;
        Cond(self.expr(d, allow_yield), m, v)
    }

    fn label(&mut self) -> Option<String> {
        if self.rng.chance(40) {
            Some(self.fresh("'l"))
        } else {
            None
        }
    }

    /// `'l: while c { … }`.
    fn while_stmt(&mut self, d: u32, l: Option<String>, c: Cond) -> Stmt {
        self.push_loop(l.clone(), false);
        let b = self.block(d + 1);
        self.pop_loop();
        Stmt::While(l, c, b)
    }

    /// `if c { … } [else { … }]`, the `else` drawn with `else_pct` percent chance.
    fn if_stmt(&mut self, d: u32, c: Cond, else_pct: u64) -> Stmt {
        self.if_stmt_moving(d, c, else_pct, None)
    }

    /// `if_stmt`; `--drops`: with `mv`, the `then` block starts by moving that owned value.
    fn if_stmt_moving(&mut self, d: u32, c: Cond, else_pct: u64, mv: Option<usize>) -> Stmt {
        let snap = self.snap();
        let t = self.arm_block(d, mv);
        let mut ends = vec![self.branch_end(&snap)];
        let e = if self.rng.chance(else_pct) {
            self.block(d + 1)
        } else {
            vec![]
        };
        ends.push(self.branch_end(&snap));
        self.join(ends);
        Stmt::If(c, t, e)
    }

    pub fn block(&mut self, d: u32) -> Vec<Stmt> {
        let n = 1 + self.rng.below(if d == 0 { 5 } else { 3 });
        let save = self.scope.len();
        let save_arrays = self.arrays.len();
        let save_guards = self.guards.len();
        let save_owned = self.owned.len();
        let mut v: Vec<Stmt> = (0..n).map(|_| self.stmt(d)).collect();
        if self.iterators && self.rng.chance(35) {
            // blocks ending in a plain yield: last yields (in branches, at the end)
            let e = if self.consume && self.loops.is_empty() {
                self.consume_all()
            } else {
                let ay = self.nested_yield;
                self.expr_a(1, ay)
            };
            v.push(Stmt::YieldStmt(e));
        }
        if self.consume {
            self.end_scope = (self.scope.clone(), self.arrays.clone());
        }
        self.scope.truncate(save);
        self.arrays.truncate(save_arrays);
        self.guards.truncate(save_guards);
        self.last_block_owned = self.owned[save_owned..]
            .iter()
            .map(|o| o.name.clone())
            .collect();
        self.owned.truncate(save_owned);
        v
    }

    /// `--drops`: `f` with the names the last block declared left out of `visible` (see
    /// `hide`).
    fn after_block<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let names = std::mem::take(&mut self.last_block_owned);
        let save = self.hide.len();
        self.hide.extend(names);
        let t = f(self);
        self.hide.truncate(save);
        t
    }

    /// `let d; if c { …; d = e; } [else { …; d = e; }]`.
    fn deferred_stmt(&mut self, d: u32) -> Stmt {
        let name = self.fresh("d");
        let c = self.cond(0, true);
        let branch = |g: &mut Self| {
            let mut b = g.block(d + 1);
            let e = g.after_block(|g| g.expr(0, true));
            let at = if g.rng.chance(60) { b.len() } else { 0 };
            b.insert(at, Stmt::Assign(name.clone(), e));
            b
        };
        let snap = self.snap();
        let t = branch(self);
        let mut ends = vec![self.branch_end(&snap)];
        let both = self.rng.chance(70);
        let e = if both { branch(self) } else { vec![] };
        ends.push(self.branch_end(&snap));
        self.join(ends);
        if both {
            self.scope.push(name.clone());
        }
        Stmt::Deferred(name, c, t, e)
    }

    fn stmt(&mut self, d: u32) -> Stmt {
        let nested = d < MAX_DEPTH;
        if self.deferred && nested && self.rng.chance(10) {
            return self.deferred_stmt(d);
        }
        if self.drops && self.rng.chance(30) {
            if let Some(s) = self.drop_stmt(d) {
                return s;
            }
        }
        if self.streams && self.rng.chance(25) {
            if let Some(s) = self.stream_stmt(d) {
                return s;
            }
        }
        if self.macros && self.rng.chance(6) {
            return self.mac_stmt();
        }
        loop {
            let k = self.rng.below(if self.has_arrays() { 22 } else { 16 });
            return match k {
                0 | 1 => {
                    let e = self.expr(0, true);
                    let name = self.fresh("x");
                    self.scope.push(name.clone());
                    Stmt::Let(name, e)
                }
                2 => {
                    // shadowing: `let x = x + 1;` (never acc/seed, which must stay as they are)
                    let locals: Vec<String> = self
                        .scope
                        .iter()
                        .filter(|s| *s != "acc" && *s != "seed")
                        .cloned()
                        .collect();
                    if locals.is_empty() {
                        continue;
                    }
                    let x = locals[self.rng.below(locals.len() as u64) as usize].clone();
                    let e = Expr::Add(
                        Box::new(Expr::Var(x.clone())),
                        Box::new(self.expr_a(1, true)),
                    );
                    Stmt::Let(x, e)
                }
                3 | 4 => Stmt::AccAdd(self.expr(0, true)),
                5 => Stmt::YieldStmt(self.yield_arg(1, true)),
                6 if nested => {
                    let c = self.cond(0, true);
                    self.if_stmt(d, c, 60)
                }
                7 if nested => {
                    let scrut = self.expr(0, true);
                    self.match_stmt(d, scrut)
                }
                8 if nested => {
                    let l = self.label();
                    self.push_loop(l.clone(), false);
                    let b = self.block(d + 1);
                    self.pop_loop();
                    let c = self.after_block(|g| g.cond(1, true));
                    Stmt::Loop(l, b, c)
                }
                9 if nested => {
                    let l = self.label();
                    let c = self.cond(1, true);
                    self.while_stmt(d, l, c)
                }
                10 if nested => {
                    let l = self.label();
                    let i = self.fresh("i");
                    let k = 1 + self.rng.below(4) as i64;
                    self.scope.push(i.clone());
                    self.push_loop(l.clone(), false);
                    let b = self.block(d + 1);
                    self.pop_loop();
                    self.scope.pop();
                    Stmt::For(l, i, k, b)
                }
                // (`--avoid jumps-moved`: a value loop ends with `break 'v e`)
                11 if nested
                    && !(self.avoid_jumps_moved && self.moved_outside(self.loops.len())) =>
                {
                    let l = self.fresh("'v");
                    let name = self.fresh("x");
                    self.push_loop(Some(l.clone()), true);
                    let b = self.block(d + 1);
                    self.pop_loop();
                    let ay = self.yield_in_break;
                    let (c, v) = self.after_block(|g| (g.cond_a(1, true), g.expr_a(1, ay)));
                    self.scope.push(name.clone());
                    Stmt::LetLoop(name, l, b, c, v)
                }
                12 | 13 if !self.loops.is_empty() => {
                    // break/continue to the innermost loop or a labelled outer loop
                    let labelled: Vec<usize> = (0..self.loops.len())
                        .filter(|&i| self.loops[i].label.is_some())
                        .collect();
                    let target = if !labelled.is_empty() && self.rng.chance(50) {
                        labelled[self.rng.below(labelled.len() as u64) as usize]
                    } else {
                        self.loops.len() - 1
                    };
                    let lab = if target == self.loops.len() - 1 && self.rng.chance(50) {
                        None
                    } else {
                        self.loops[target].label.clone()
                    };
                    let lab = if lab.is_none() && target != self.loops.len() - 1 {
                        continue;
                    } else {
                        lab
                    };
                    // `--avoid jumps-moved`
                    let lab = if (lab.is_some() || k == 13)
                        && self.avoid_jumps_moved
                        && self.moved_outside(target)
                    {
                        if k == 13 || target != self.loops.len() - 1 {
                            continue;
                        }
                        None
                    } else {
                        lab
                    };
                    let c = self.cond_a(1, true);
                    let s = if k == 12 {
                        let ay = self.yield_in_break;
                        let v = if self.loops[target].value {
                            Some(self.expr_a(1, ay))
                        } else {
                            None
                        };
                        Stmt::Break(lab, v)
                    } else {
                        Stmt::Continue(lab)
                    };
                    // always conditional, so the rest of the block stays reachable
                    Stmt::If(c, vec![s], vec![])
                }
                14 => {
                    let c = self.cond_a(1, true);
                    let save = self.arr_ok;
                    self.arr_ok &= !self.avoid_return_arrays;
                    let e = self.expr_a(1, true);
                    self.arr_ok = save;
                    Stmt::If(c, vec![Stmt::Return(Some(e))], vec![])
                }
                15 if self.iterators => {
                    // `if c { …; yield_!(e); return; }`: a last yield before a `return;`
                    let c = self.cond_a(1, true);
                    // what the yield can see: the enclosing scope, then the prefix's
                    self.end_scope = (self.scope.clone(), self.arrays.clone());
                    // `--drops`: every path through the block returns: what it moves stays
                    // as it was after the `if`
                    let snap = self.snap();
                    let mut b = if nested && self.rng.chance(50) {
                        let hide = if self.avoid_break_before_return {
                            std::mem::take(&mut self.loops)
                        } else {
                            vec![]
                        };
                        let b = self.block(d + 1);
                        if self.avoid_break_before_return {
                            self.loops = hide;
                        }
                        b
                    } else {
                        vec![]
                    };
                    let ay = self.nested_yield;
                    if b.is_empty() {
                        self.last_block_owned.clear();
                    }
                    let e = self.after_block(|g| {
                        if g.consume && g.loops.is_empty() {
                            let (scope, arrays) = std::mem::take(&mut g.end_scope);
                            Self::consume_of(&scope, &arrays)
                        } else if g.avoid_unread_end {
                            g.tail_expr()
                        } else {
                            g.expr_a(1, ay)
                        }
                    });
                    self.leave(&snap);
                    b.push(Stmt::YieldStmt(e));
                    b.push(Stmt::Return(None));
                    Stmt::If(c, b, vec![])
                }
                15 => {
                    let e = Expr::YieldFrom(Box::new(self.expr(1, false)));
                    let name = self.fresh("x");
                    self.scope.push(name.clone());
                    Stmt::Let(name, e)
                }
                // ----- arrays (only generated when one is in scope)
                16 | 17 => {
                    // a write; its value is often a resume value (`a[k] = yield_!(e);`)
                    let (a, n) = self.pick_array();
                    let v = match self.rng.below(10) {
                        0..=2 => Expr::Yield(Box::new(self.expr(1, self.nested_yield)), 0),
                        3 if self.iterators => Expr::Yield(Box::new(self.expr(1, false)), 0),
                        3 if !self.avoid_assign_yield_from => {
                            Expr::YieldFrom(Box::new(self.expr(1, false)))
                        }
                        _ => loop {
                            let e = self.expr(0, true);
                            if !(self.avoid_assign_yield_from && matches!(e, Expr::YieldFrom(_))) {
                                break e;
                            }
                        },
                    };
                    let i = self.index(0, !self.avoid_place_yields);
                    Stmt::ArrSet(a, n, i, v)
                }
                18 => {
                    let (a, n) = self.pick_array();
                    let op = ["+=", "-=", "^="][self.rng.below(3) as usize];
                    let v = self.expr(0, true);
                    let i = self.index(0, !self.avoid_place_yields);
                    Stmt::ArrOp(a, n, i, op, v)
                }
                19 if nested && self.rng.chance(30) => {
                    // a scan: `for i in 0..k { …; yield_!(a[i]) }`
                    let (a, n) = self.pick_array();
                    let l = self.label();
                    let i = self.fresh("i");
                    let k = 1 + self.rng.below(5) as i64;
                    self.scope.push(i.clone());
                    self.push_loop(l.clone(), false);
                    let mut b = self.block(d + 1);
                    b.push(Stmt::YieldStmt(Expr::ArrGet(
                        a,
                        n,
                        Box::new(Expr::Var(i.clone())),
                    )));
                    self.pop_loop();
                    self.scope.pop();
                    Stmt::For(l, i, k, b)
                }
                19 => {
                    // yields that read the arrays; sometimes keeping the resume value
                    let ay = self.nested_yield;
                    let e = self.arr_read(1, ay);
                    if self.rng.chance(40) {
                        let name = self.fresh("r");
                        self.scope.push(name.clone());
                        Stmt::Let(name, Expr::Yield(Box::new(e), 0))
                    } else {
                        Stmt::YieldStmt(e)
                    }
                }
                20 => {
                    let (a, n) = self.pick_array();
                    let py = !self.avoid_place_yields;
                    match self.rng.below(10) {
                        0..=2 => Stmt::ArrFill(a, n, self.expr(1, true)),
                        3 => Stmt::ArrMethod(a, "reverse"),
                        4 => Stmt::ArrMethod(a, "sort"),
                        5 => {
                            let (i, j) = self.with_busy(&a, |g| (g.index(1, py), g.index(1, py)));
                            Stmt::ArrSwap(a, n, i, j)
                        }
                        6 | 7 => {
                            let (i, v) = self.with_busy(&a, |g| (g.expr(1, py), g.expr(1, py)));
                            Stmt::Poke(a, i, v)
                        }
                        _ => {
                            let e = self.with_busy(&a, |g| g.expr(1, false));
                            Stmt::ArrIterMut(a, self.fresh("v"), e)
                        }
                    }
                }
                21 if d > 0 && self.arr_shadow => {
                    if self.rng.chance(50) {
                        // a copy hiding the array to the end of this block
                        let (a, _) = self.pick_array();
                        Stmt::ArrShadow(a)
                    } else {
                        // an array local to this block (it never stays in place)
                        let n = self.arr_len();
                        let init = self.arr_init(n, true);
                        let name = self.fresh("b");
                        self.arrays.push((name.clone(), n));
                        Stmt::ArrDecl(name, n, init)
                    }
                }
                _ => continue,
            };
        }
    }
}

// ------------------------------------------------------------------------------ emission

pub struct Emit {
    pub w: World,
    pub out: String,
    ind: usize,
    /// See [`Program::fn_form`].
    fn_form: bool,
    /// See [`Program::iterators`].
    iter: bool,
    /// `--streams` (see [`Program::stream`]).
    stream: bool,
    /// Yields are spelled with the keyword (`yield e`): the nightly world, and the
    /// stream reference (async-stream) and gen-runtime's `gen_stream!` / `gen_fn!`.
    kw: bool,
    /// `--drops` (see [`Program::drops`]): `yield_from!` delegates to `inner_d`, which
    /// holds a value with a logging `Drop`.
    drops: bool,
}

impl Emit {
    pub fn new(w: World) -> Self {
        Emit {
            w,
            out: String::new(),
            ind: 1,
            fn_form: false,
            iter: false,
            stream: false,
            kw: w == World::Nightly,
            drops: false,
        }
    }
    fn line(&mut self, s: &str) {
        for _ in 0..self.ind {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// `(a).m(rest)`, or `i64::m(a, rest)` for an array element when `fn_form`.
    fn call(&self, a: &Expr, m: &str, rest: &str) -> String {
        if self.fn_form && matches!(a, Expr::ArrGet(..)) {
            format!("i64::{m}({}, {rest})", self.expr(a))
        } else {
            format!("({}).{m}({rest})", self.expr(a))
        }
    }

    /// `(i).rem_euclid(N) as usize`, or just `k` for a literal below `N`.
    fn index(&self, i: &Expr, n: i64) -> String {
        match i {
            Expr::Lit(k) if *k < n => format!("{k}"),
            _ => format!("{} as usize", self.call(i, "rem_euclid", &format!("{n}"))),
        }
    }

    pub fn expr(&self, e: &Expr) -> String {
        match e {
            Expr::Var(v) => v.clone(),
            Expr::Lit(n) => format!("{n}i64"),
            Expr::Add(a, b) => self.call(a, "wrapping_add", &self.expr(b)),
            Expr::Mul(a, b) => self.call(a, "wrapping_mul", &self.expr(b)),
            Expr::Xor(a, b) => format!("({} ^ {})", self.expr(a), self.expr(b)),
            Expr::Mix(a, b) => format!("mix({}, {})", self.expr(a), self.expr(b)),
            Expr::Yield(a, k) if self.iter => match self.kw {
                false => format!("{{ yield_!({}); {k}i64 }}", self.yield_arg(a)),
                true => format!("{{ {}; {k}i64 }}", self.yield_kw(a)),
            },
            Expr::Yield(a, k) => {
                let y = match self.w {
                    World::Stable => format!("yield_!({})", self.yield_arg(a)),
                    World::Nightly => format!("(yield {})", self.yield_arg(a)),
                };
                if *k == 0 {
                    y
                } else {
                    format!("({y} + {k})")
                }
            }
            Expr::YieldFrom(a) if self.stream => format!("{{ {}; 1i64 }}", self.yield_from(a)),
            Expr::YieldFrom(a) => {
                // `--drops`: the helper holds a value with a logging `Drop`
                let inner = if self.drops {
                    format!("inner_d({}, log.clone())", self.expr(a))
                } else {
                    format!("inner({})", self.expr(a))
                };
                match self.w {
                    World::Stable => format!("yield_from!({inner})"),
                    World::Nightly => format!(
                        "{{ let mut __inner = Box::pin({inner}); let mut __arg: i64 = 0; loop {{ match __inner.as_mut().resume(__arg) {{ CoroutineState::Yielded(__y) => {{ __arg = yield __y; }} CoroutineState::Complete(__r) => break __r, }} }} }}"
                    ),
                }
            }
            Expr::If(c, a, b) => format!(
                "(if {} {{ {} }} else {{ {} }})",
                self.cond(c),
                self.expr(a),
                self.expr(b)
            ),
            Expr::ArrGet(a, n, i) => format!("{a}[{}]", self.index(i, *n)),
            Expr::ArrLen(a) => format!("({a}.len() as i64)"),
            Expr::ArrSum(a, false) => format!("{a}.iter().copied().fold(0i64, i64::wrapping_add)"),
            Expr::ArrSum(a, true) => format!("{a}.iter().sum::<i64>()"),
            Expr::Peek(a, i) => format!("peek(&{a}, {})", self.expr(i)),
            Expr::ArrMove(a) => format!("{a}.into_iter().fold(0i64, i64::wrapping_add)"),
            Expr::Consume(es) => {
                let es: Vec<String> = es.iter().map(|e| self.expr(e)).collect();
                format!("({})", es.join(" ^ "))
            }
            Expr::Await(a, None) => format!("f({}).await", self.expr(a)),
            Expr::Await(a, Some(g)) => format!("fg({}, D({g}, log.clone())).await", self.expr(a)),
            Expr::GuardRead(g) => format!("dv(&{g})"),
            Expr::TempGuard(g) => {
                if IN_YIELD_ARG.load(Relaxed) > 0 {
                    YIELD_TEMP_GUARD.store(true, Relaxed);
                }
                if IN_SCRUTINEE.load(Relaxed) > 0 {
                    SCRUTINEE_TEMP_GUARD.store(true, Relaxed);
                }
                format!("dv(&D({g}, log.clone()))")
            }
            Expr::Field(p) => p.clone(),
            Expr::VRef(p) => format!("vid(&{p})"),
            Expr::TempV(id) => format!("vid(&V::new({id}, &log))"),
            Expr::Take(x) => format!("consume({x})"),
            Expr::Mac(m, args) => {
                let a: Vec<String> = args.iter().map(|e| self.mac_arg(e)).collect();
                match m {
                    Mac::Vec => format!("vec![{}].iter().fold(0i64, |s, v| mix(s, *v))", a.join(", ")),
                    Mac::Format => format!("format!(\"{{}}\", {}).parse::<i64>().unwrap()", a[0]),
                    Mac::Matches => format!("(matches!({}, 0 | 1) as i64)", a[0]),
                    Mac::Write => format!(
                        "{{ let mut w = String::new(); write!(w, \"{{}}\", {}).unwrap(); w.parse::<i64>().unwrap() }}",
                        a[0]
                    ),
                    Mac::Assert | Mac::AssertEq => unreachable!("statements"),
                }
            }
        }
    }

    /// An argument of a std macro: a yield keeps its own form (`yield_!(e)`, `(yield e)`,
    /// `{ yield_!(e); k }`).
    fn mac_arg(&self, e: &Expr) -> String {
        self.expr(e)
    }

    /// A yield's argument (`--avoid yield-temp-guards` notes a temporary guard there).
    fn yield_arg(&self, a: &Expr) -> String {
        IN_YIELD_ARG.fetch_add(1, Relaxed);
        let s = self.expr(a);
        IN_YIELD_ARG.fetch_sub(1, Relaxed);
        s
    }

    /// `yield a` (the keyword form). In the stream reference, an argument that yields itself
    /// (nested yields, `--all-constructs`) is evaluated first, `match a { __v => yield __v
    /// }`: async-stream's `yield` borrows its sender mutably for the whole statement
    /// (E0499). A `match`, not a `let`: the temporaries of `a` live on through the yield,
    /// as they do in plain Rust (a `let` ended them before it, `--drops --streams
    /// --all-constructs --seed 21005` p109).
    fn yield_kw(&self, a: &Expr) -> String {
        let a = self.yield_arg(a);
        if self.stream && self.w == World::Nightly && a.contains("yield") {
            format!("match {a} {{ __v => yield __v }}")
        } else {
            format!("yield {a}")
        }
    }

    /// `--streams`: `yield_from!(inner(a, log.clone()))`, or in the reference (async-stream,
    /// which has no `yield_from`) a loop polling the pinned inner stream and yielding its items.
    fn yield_from(&self, a: &Expr) -> String {
        match self.w {
            World::Stable => format!("yield_from!(inner({}, log.clone()))", self.expr(a)),
            World::Nightly => format!(
                "{{ let mut __s = Box::pin(inner({}, log.clone())); while let Some(__y) = std::future::poll_fn(|__cx| Stream::poll_next(__s.as_mut(), __cx)).await {{ yield __y; }} }}",
                self.expr(a)
            ),
        }
    }
    fn cond(&self, c: &Cond) -> String {
        if c.1 == 0 {
            return format!("{} < {}", self.expr(&c.0), c.2);
        }
        if c.1 == -1 {
            return format!("{} > {}", self.expr(&c.0), c.2);
        }
        format!(
            "{} == {}",
            self.call(&c.0, "rem_euclid", &format!("{}", c.1)),
            c.2
        )
    }
    fn lab(l: &Option<String>) -> String {
        l.as_ref().map(|l| format!("{l}: ")).unwrap_or_default()
    }
    fn fuel(&mut self) {
        self.line(if self.iter {
            "if fuel == 0 { return; }"
        } else {
            "if fuel == 0 { return acc; }"
        });
        self.line("fuel -= 1;");
    }
    pub fn block(&mut self, b: &[Stmt]) {
        self.ind += 1;
        for s in b {
            self.stmt(s);
        }
        self.ind -= 1;
    }
    /// `if c { t } else { e }` (no `else` when `e` is empty).
    fn if_else(&mut self, c: &Cond, t: &[Stmt], e: &[Stmt]) {
        let l = format!("if {} {{", self.cond(c));
        self.line(&l);
        self.block(t);
        if e.is_empty() {
            self.line("}");
        } else {
            self.line("} else {");
            self.block(e);
            self.line("}");
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Let(n, e) => {
                let l = format!("let {n}: i64 = {};", self.expr(e));
                self.line(&l)
            }
            Stmt::AccAdd(e) => {
                let l = format!("acc = acc.wrapping_mul(3).wrapping_add({});", self.expr(e));
                self.line(&l)
            }
            Stmt::Deferred(name, c, t, e) => {
                self.line(&format!("let {name}: i64;"));
                self.if_else(c, t, e);
            }
            Stmt::Assign(name, e) => {
                let l = format!("{name} = {};", self.expr(e));
                self.line(&l)
            }
            Stmt::YieldStmt(e) => {
                let l = match (self.kw, self.iter) {
                    (false, _) => format!("yield_!({});", self.yield_arg(e)),
                    (true, false) => format!("(yield {});", self.yield_arg(e)),
                    (true, true) => format!("{};", self.yield_kw(e)),
                };
                self.line(&l)
            }
            Stmt::If(c, t, e) => self.if_else(c, t, e),
            Stmt::Match(sc, m, arms, def) => {
                IN_SCRUTINEE.fetch_add(1, Relaxed);
                let sc = self.expr(sc);
                IN_SCRUTINEE.fetch_sub(1, Relaxed);
                let l = format!("match ({sc}).rem_euclid({m}) {{");
                self.line(&l);
                self.ind += 1;
                for (v, x, g, b) in arms {
                    let pat = match x {
                        Some(x) => format!("{x} @ {v}"),
                        None => format!("{v}"),
                    };
                    let l = match g {
                        Some(g) => format!("{pat} if {} => {{", self.cond(g)),
                        None => format!("{pat} => {{"),
                    };
                    self.line(&l);
                    self.block(b);
                    self.line("}");
                }
                self.line("_ => {");
                self.block(def);
                self.line("}");
                self.ind -= 1;
                self.line("}");
            }
            Stmt::Loop(l, b, c) => {
                self.line(&format!("{}loop {{", Self::lab(l)));
                self.ind += 1;
                self.fuel();
                self.ind -= 1;
                self.block(b);
                self.ind += 1;
                let x = format!("if {} {{ break; }}", self.cond(c));
                self.line(&x);
                self.ind -= 1;
                self.line("}");
            }
            Stmt::While(l, c, b) => {
                let x = format!("{}while {} {{", Self::lab(l), self.cond(c));
                self.line(&x);
                self.ind += 1;
                self.fuel();
                self.ind -= 1;
                self.block(b);
                self.line("}");
            }
            Stmt::For(l, i, k, b) => {
                self.line(&format!("{}for {i} in 0..{k}i64 {{", Self::lab(l)));
                self.ind += 1;
                self.fuel();
                self.ind -= 1;
                self.block(b);
                self.line("}");
            }
            Stmt::LetLoop(n, l, b, c, v) => {
                self.line(&format!("let {n}: i64 = {l}: loop {{"));
                self.ind += 1;
                self.fuel();
                self.ind -= 1;
                self.block(b);
                self.ind += 1;
                let x = format!("if {} {{ break {l} {}; }}", self.cond(c), self.expr(v));
                self.line(&x);
                self.ind -= 1;
                self.line("};");
            }
            Stmt::Break(l, v) => {
                let mut x = "break".to_string();
                if let Some(l) = l {
                    x += " ";
                    x += l;
                }
                if let Some(v) = v {
                    x += " ";
                    x += &self.expr(v);
                }
                x += ";";
                self.line(&x)
            }
            Stmt::Continue(l) => match l {
                Some(l) => self.line(&format!("continue {l};")),
                None => self.line("continue;"),
            },
            Stmt::Return(Some(e)) if self.iter => {
                let x = format!("{{ let _ = {}; return; }}", self.expr(e));
                self.line(&x)
            }
            Stmt::Return(Some(e)) => {
                let x = format!("return {};", self.expr(e));
                self.line(&x)
            }
            Stmt::Return(None) => self.line("return;"),
            Stmt::ArrDecl(a, n, init) => {
                let x = match init {
                    ArrInit::Repeat(e) => format!("let mut {a} = [{}; {n}];", self.expr(e)),
                    ArrInit::Typed(e) => {
                        format!("let mut {a}: [i64; {n}] = [{}; {n}];", self.expr(e))
                    }
                    ArrInit::List(ds) => {
                        let ds: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
                        format!(
                            "let mut {a} = [{}i64{}];",
                            ds[0],
                            ds[1..].iter().map(|d| format!(", {d}")).collect::<String>()
                        )
                    }
                };
                self.line(&x)
            }
            Stmt::ArrSet(a, n, i, v) => {
                let x = format!("{a}[{}] = {};", self.index(i, *n), self.expr(v));
                self.line(&x)
            }
            Stmt::ArrOp(a, n, i, op, v) => {
                let x = format!("{a}[{}] {op} {};", self.index(i, *n), self.expr(v));
                self.line(&x)
            }
            Stmt::ArrFill(a, n, e) => {
                let x = format!("{a} = [{}; {n}];", self.expr(e));
                self.line(&x)
            }
            Stmt::ArrMethod(a, m) => self.line(&format!("{a}.{m}();")),
            Stmt::ArrSwap(a, n, i, j) => {
                let x = format!("{a}.swap({}, {});", self.index(i, *n), self.index(j, *n));
                self.line(&x)
            }
            Stmt::Poke(a, i, v) => {
                let x = format!("poke(&mut {a}, {}, {});", self.expr(i), self.expr(v));
                self.line(&x)
            }
            Stmt::ArrIterMut(a, v, e) => {
                let x = format!(
                    "for {v} in {a}.iter_mut() {{ *{v} = (*{v} ^ {}).wrapping_mul(3); }}",
                    self.expr(e)
                );
                self.line(&x)
            }
            Stmt::ArrShadow(a) => self.line(&format!("let mut {a} = {a};")),
            Stmt::AwaitStmt(e) => {
                let x = format!("{};", self.expr(e));
                self.line(&x)
            }
            Stmt::YieldFromStmt(a) => {
                let x = format!("{};", self.yield_from(a));
                self.line(&x)
            }
            Stmt::Guard(g, id) => self.line(&format!("let {g} = D({id}, log.clone());")),
            Stmt::DropGuard(g) => self.line(&format!("drop({g});")),
            Stmt::VDecl(n, id) => self.line(&format!("let mut {n} = V::new({id}, &log);")),
            Stmt::BagDecl(n, a, b) => {
                self.line(&format!("let mut {n} = Bag::new({a}, {b}, &log);"))
            }
            Stmt::Unread(Some(n), id) => self.line(&format!("let {n} = V::new({id}, &log);")),
            Stmt::Unread(None, id) => self.line(&format!("let _ = V::new({id}, &log);")),
            Stmt::VAssign(p, id) => self.line(&format!("{p} = V::new({id}, &log);")),
            Stmt::BagAssign(n, a, b) => self.line(&format!("{n} = Bag::new({a}, {b}, &log);")),
            Stmt::LetMove(n, p) => self.line(&format!("let mut {n} = {p};")),
            Stmt::MacCall(m, args) => {
                let a: Vec<String> = args.iter().map(|e| self.mac_arg(e)).collect();
                let x = match m {
                    Mac::Assert => format!("assert!(({}) >= i64::MIN);", a[0]),
                    Mac::AssertEq => format!("assert_eq!(0i64 & ({}), 0i64 & ({}));", a[0], a[1]),
                    _ => unreachable!("expressions"),
                };
                self.line(&x)
            }
            Stmt::Seq(v) => {
                for s in v {
                    self.stmt(s);
                }
            }
        }
    }
}

/// Emit one program `pN` as a module source for the given world.
pub fn emit_program(w: World, n: usize, p: &Program) -> String {
    let mut e = Emit::new(w);
    e.fn_form = p.fn_form;
    e.iter = p.iterators;
    e.stream = p.stream.is_some();
    e.drops = p.drops;
    e.kw = w == World::Nightly || matches!(p.stream, Some(StreamForm::Block | StreamForm::GenFn));
    // `--drops`: a closure or block form captures only what its body names: it moves its
    // `V` parameters into locals first, as an `async fn` does (`let mut pa = pa;`), so that
    // they live as long as in a function form
    let closure = w == World::Nightly || p.stream == Some(StreamForm::Block);
    if closure {
        for (a, _) in &p.vparams {
            e.line(&format!("let mut {a} = {a};"));
        }
    }
    e.ind = 0;
    e.block(&p.pre);
    e.ind = 1;
    if p.fuel_first {
        e.line("let mut fuel: i64 = 40;");
        e.line("let mut acc: i64 = seed;");
    } else {
        e.line("let mut acc: i64 = seed;");
        e.line("let mut fuel: i64 = 40;");
    }
    e.ind -= 1;
    e.block(&p.body);
    e.ind += 1;
    let tail = e.expr(&p.tail);
    match p.end {
        Tail::Value => e.line(&tail),
        Tail::Discard => e.line(&format!("let _ = {tail};")),
        Tail::Yield | Tail::YieldReturn => {
            e.line(&match e.kw {
                false => format!("yield_!({tail});"),
                true => format!("yield {tail};"),
            });
            if p.end == Tail::YieldReturn {
                e.line("return;");
            }
        }
        Tail::Omit => {}
    }
    let body = e.out;
    // `--drops`: `log` (streams always take it), then the `V` parameters
    let log_param = if p.drops && p.stream.is_none() {
        ", log: Log"
    } else {
        ""
    };
    let vparams: String = p
        .vparams
        .iter()
        .map(|(a, _)| {
            if closure {
                format!(", {a}: V")
            } else {
                format!(", mut {a}: V")
            }
        })
        .collect();
    let params: String = p
        .params
        .iter()
        .map(|(a, n, _)| format!(", mut {a}: [i64; {n}]"))
        .collect();
    let params = format!("{log_param}{vparams}{params}");
    let log_arg = if p.drops && p.stream.is_none() {
        ", log.clone()"
    } else {
        ""
    };
    let vargs: String = p
        .vparams
        .iter()
        .map(|(_, id)| format!(", V::new({id}, &log)"))
        .collect();
    let args: String = p
        .params
        .iter()
        .map(|(_, _, k)| format!(", std::array::from_fn(|j| (seed ^ j as i64).wrapping_mul({k}))"))
        .collect();
    let args = format!("{log_arg}{vargs}{args}");
    let start_log = if p.drops && p.stream.is_none() {
        ", log: Log"
    } else {
        ""
    };
    // `start(seed)` is what `main` drives: it passes the array arguments.
    if let Some(form) = p.stream {
        // async-stream and `gen_stream!` take the item type from the yields: a body without
        // one would be a stream of `()`
        let hint = form == StreamForm::Block && p.item_hint;
        let body = if (w == World::Nightly || form == StreamForm::Block) && !body.contains("yield")
            || w == World::Stable && hint
        {
            format!("    if false {{ yield 0i64; }}\n{body}")
        } else {
            body
        };
        let uses = if p.drops {
            "use crate::{consume, dv, f, fg, inner, mix, peek, poke, vid, Bag, Log, D, V};"
        } else {
            "use crate::{dv, f, fg, inner, mix, peek, poke, Log, D};"
        };
        // (`write!` of `--all-constructs`)
        let uses = format!("use std::fmt::Write as _;\n{uses}");
        let start = if p.vparams.is_empty() {
            format!("pub fn start(seed: i64, log: Log) -> impl Stream<Item = i64> {{ p{n}(seed, log{args}) }}")
        } else {
            format!("pub fn start(seed: i64, log: Log) -> impl Stream<Item = i64> {{ p{n}(seed, log.clone(){args}) }}")
        };
        let sig = format!("pub fn p{n}(seed: i64, log: Log{params}) -> impl Stream<Item = i64>");
        return match (w, form) {
            (World::Stable, StreamForm::Attr) => format!(
                "#![allow(warnings)]\nuse gen_runtime::{{generator, yield_, yield_from, Stream}};\n{uses}\n\n{start}\n\n#[generator]\n{sig} {{\n{body}}}\n"
            ),
            (World::Stable, StreamForm::Block) => format!(
                "#![allow(warnings)]\nuse gen_runtime::{{gen_stream, yield_from, Stream}};\n{uses}\n\n{start}\n\n{sig} {{\n    gen_stream! {{\n{}{body}    }}\n}}\n",
                // `--avoid yield-from-captures`: `log` named outside `yield_from!` too, so
                // `gen_stream!` moves it in
                if AVOID_YIELD_FROM_CAPTURES.load(Relaxed) {
                    "    let log = log;\n"
                } else {
                    ""
                }
            ),
            (World::Stable, StreamForm::GenFn) => format!(
                "#![allow(warnings)]\nuse gen_runtime::{{gen_fn, yield_from, Stream}};\n{uses}\n\ngen_fn! {{\n{sig} {{\n{body}}}\n}}\n\n{start}\n"
            ),
            (World::Nightly, _) => format!(
                "#![allow(warnings)]\nuse futures_core::Stream;\n{uses}\n\n{start}\n\n{sig} {{\n    async_stream::stream! {{\n{body}    }}\n}}\n"
            ),
        };
    }
    let uses = match (p.drops, p.iterators) {
        (false, false) => "use crate::{inner, mix, peek, poke};",
        (false, true) => "use crate::{mix, peek, poke};",
        (true, false) => "use crate::{consume, inner_d, mix, peek, poke, vid, Bag, Log, V};",
        (true, true) => "use crate::{consume, mix, peek, poke, vid, Bag, Log, V};",
    };
    // (`write!` of `--all-constructs`)
    let uses = format!("use std::fmt::Write as _;\n{uses}");
    match w {
        World::Stable if p.iterators => format!(
            "#![allow(warnings)]\nuse gen_runtime::{{generator, yield_}};\n{uses}\n\npub fn start(seed: i64{start_log}) -> impl Iterator<Item = i64> {{ p{n}(seed{args}) }}\n\n#[generator]\npub fn p{n}(seed: i64{params}) -> impl Iterator<Item = i64> {{\n{body}}}\n"
        ),
        World::Nightly if p.iterators => format!(
            "#![allow(warnings)]\nuse std::ops::{{Coroutine, CoroutineState}};\n{uses}\n\npub fn start(seed: i64{start_log}) -> impl Coroutine<(), Yield = i64, Return = ()> {{ p{n}(seed{args}) }}\n\npub fn p{n}(seed: i64{params}) -> impl Coroutine<(), Yield = i64, Return = ()> {{\n    #[coroutine]\n    static move || {{\n{body}    }}\n}}\n"
        ),
        World::Stable => format!(
            "#![allow(warnings)]\nuse gen_runtime::{{generator, yield_, yield_from, Generator, GeneratorState}};\n{uses}\n\npub fn start(seed: i64{start_log}) -> impl Generator<i64, Yield = i64, Return = i64> {{ p{n}(seed{args}) }}\n\n#[generator]\npub fn p{n}(seed: i64{params}) -> impl Generator<i64, Yield = i64, Return = i64> {{\n{body}}}\n"
        ),
        World::Nightly => format!(
            "#![allow(warnings)]\nuse std::ops::{{Coroutine, CoroutineState}};\n{uses}\n\npub fn start(seed: i64{start_log}) -> impl Coroutine<i64, Yield = i64, Return = i64> {{ p{n}(seed{args}) }}\n\npub fn p{n}(seed: i64{params}) -> impl Coroutine<i64, Yield = i64, Return = i64> {{\n    #[coroutine]\n    static move |_first: i64| {{\n{body}    }}\n}}\n"
        ),
    }
}
