//! `--borrows`: random generator bodies that borrow their own locals across suspension
//! points (shared and mutable references, borrowing iterators in `for` loops, fields,
//! re-borrows in loops, locals reassigned after their borrows' last use), emitted as
//! gen-runtime programs (stable) and as nightly `static` coroutines (iterators,
//! generators) or `async_stream::stream!` (streams), run and compared. See README.md,
//! "Borrows".
//!
//! Every program is valid Rust by construction: the generator keeps a model of the
//! locals, the loans each borrowing local (a holder) holds, and which holders may still
//! be used. A place is read only when no live holder borrows it mutably, and written,
//! moved or borrowed mutably only when no live holder borrows it at all; a holder is
//! "ended" (never mentioned again) before its place is mutated. Holders made outside a
//! loop are never ended inside it (they are live at the loop head), and a holder ended
//! in one branch of an `if` is ended after the `if`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Constructs `--avoid` can leave out (with `--borrows`).
pub const AVOIDABLE: &[&str] = &[
    "chain-borrows",
    "branch-borrows",
    "aggregate-borrows",
    "unlisted-methods",
    "closures",
    "vec-guard-refs",
    "macro-closures",
    "await-through-refs",
];

/// The `--borrows` run's options (parsed in main.rs).
pub struct Opts {
    pub programs: usize,
    pub seed: u64,
    pub batch: usize,
    pub work: PathBuf,
    pub runtime: PathBuf,
    pub avoid: Vec<String>,
}

/// Steps (resumes, `next` calls, polls) per run before `TIMEOUT`.
const STEPS: usize = 300;
const SEEDS: [i64; 2] = [0, 17];

pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0xB0BB_1E55_0DD5_EED5)
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
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
}

// Markers in a generated body: `Y0 e Y1` is a yield of `e`, `F0 src F1` a
// `yield_from!(src)` statement (iterator kind).
const Y0: char = '\u{1}';
const Y1: char = '\u{2}';
const F0: char = '\u{3}';
const F1: char = '\u{4}';

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// `impl Iterator<Item = i64>` / `Coroutine<(), Yield = i64, Return = ()>`
    Iter,
    /// `impl Generator<i64, Yield = i64, Return = i64>` / `Coroutine<i64, …>`
    Gen,
    /// `impl Stream<Item = i64>` / `async_stream::stream!`
    Stream,
}

/// How the gen-runtime side spells the program.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Form {
    /// `#[generator] fn` with `yield_!(e)`
    Attr,
    /// `gen_fn! { fn … }` with `yield e`
    GenFn,
    /// `fn … { gen_iter! { … } }` / `gen_stream!` with `yield e`
    Block,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    A,
    B,
    S,
    G,
}
const FIELDS: [Field; 4] = [Field::A, Field::B, Field::S, Field::G];
impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::A => "a",
            Field::B => "b",
            Field::S => "s",
            Field::G => "g",
        }
    }
    fn pt(self) -> Pt {
        match self {
            Field::A => Pt::Int,
            Field::B => Pt::Vec,
            Field::S => Pt::Str,
            Field::G => Pt::Guard,
        }
    }
}

/// A place: a local (for a reference or an iterator: what it points to), or one of the
/// fields of a `P`. An index borrows the whole place, as rustc's borrow checker sees it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Place {
    root: usize,
    field: Option<Field>,
}
fn whole(root: usize) -> Place {
    Place { root, field: None }
}
fn overlap(a: Place, b: Place) -> bool {
    a.root == b.root && (a.field.is_none() || b.field.is_none() || a.field == b.field)
}

/// What a reference points to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pt {
    Int,
    Vec,
    /// `[i64]`, maybe empty (read through `peek`, `len`, `iter`)
    Slice,
    Arr(usize),
    Str,
    /// `str`
    StrSlice,
    /// `[u8]` (`s.as_bytes()`)
    Bytes,
    P,
    Guard,
}

/// What a borrowing iterator hands out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum It {
    /// `&i64` (`v.iter()`, `.rev()`, `.skip(1)`)
    Shared,
    /// `&mut i64` (`v.iter_mut()`)
    Mut,
    /// `(usize, &i64)` (`v.iter().enumerate()`)
    Enum,
    /// `&str` (`s.split(' ')`, `s.split_whitespace()`)
    Words,
    /// `char` (`s.chars()`)
    Chars,
    /// `&[i64]` (`v.windows(2)`, `v.chunks(2)`)
    Windows,
    /// `i64` (`v.iter().copied()`, `.map(|e| e * 2)`)
    Copied,
    /// `(usize, char)` (`s.char_indices()`)
    CharIdx,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Int,
    Usize,
    Char,
    Vec,
    Arr(usize),
    Str,
    P,
    Guard,
    /// `&T` / `&mut T`
    Ref(bool, Pt),
    /// `Option<&i64>`
    Opt,
    /// `Vec<&i64>` / `[&i64; 2]` of two borrows (aggregate-borrows)
    Refs,
    Iter(It),
    /// A closure that captures a place by reference (`true`: `FnMut`, by `&mut`)
    Clo(bool),
    /// The hidden iterator of a `for` loop (holds the loop's loans)
    Loop,
}
impl Ty {
    fn owned(self) -> bool {
        matches!(
            self,
            Ty::Int | Ty::Vec | Ty::Arr(_) | Ty::Str | Ty::P | Ty::Guard
        )
    }
    /// Holds a guard (its drop is logged): moved only where it was declared, never
    /// assigned again after a move.
    fn guarded(self) -> bool {
        matches!(self, Ty::P | Ty::Guard)
    }
}

struct Local {
    name: String,
    ty: Ty,
    mutable: bool,
    /// Not moved out.
    init: bool,
    /// A holder that may still be used (owned locals: always).
    alive: bool,
    in_scope: bool,
    depth: usize,
    loop_depth: usize,
    /// What it borrows: (place, mutably).
    loans: Vec<(Place, bool)>,
    /// Being used by the expression under construction (no other use inside it).
    busy: bool,
    /// A guarded value that was moved: never assigned again.
    no_reinit: bool,
    /// Yields emitted before it was made; `crossed`: used after a later yield.
    born: usize,
}

struct Avoid {
    unwrap: bool,
    branch: bool,
    tuple: bool,
    unlisted: bool,
    closures: bool,
    /// No `&g` of a guard inside `vec![…]`.
    vec_guard_refs: bool,
    /// No closures inside `format!(…)` / `vec![…]` arguments.
    format_closures: bool,
    /// Futures awaited borrow locals only as `&v` / `&mut v`, not through a reference
    /// local (`fr(r, k).await`).
    await_refs: bool,
}

/// Statistics of one program.
#[derive(Default, Clone)]
pub struct Stats {
    pub yields: usize,
    pub borrows: usize,
    pub mut_borrows: usize,
    pub borrow_loops: usize,
    /// A holder used after a yield emitted after it was made, or a borrowing `for`
    /// loop whose body yields: a borrow live across a suspension point.
    pub crossed: bool,
    /// Places mutated or moved after a holder of theirs was ended.
    pub after_end: usize,
    pub guards: usize,
    pub awaits: usize,
}

pub struct Prog {
    pub kind: Kind,
    pub form: Form,
    /// Generator kind: `#[generator(resume = r0)]` / `|r0: i64|`.
    pub resume: bool,
    pub body: String,
    pub stats: Stats,
    /// A short-borrow program (see `Gen::short`).
    pub short: bool,
}

struct Gen<'r> {
    rng: &'r mut Rng,
    kind: Kind,
    av: Avoid,
    l: Vec<Local>,
    depth: usize,
    loop_depth: usize,
    names: usize,
    guard_ids: i64,
    yields: usize,
    stats: Stats,
    /// Statements left in the program.
    budget: usize,
    /// The enclosing loops' labels, innermost last (`None`: unlabelled).
    labels: Vec<Option<String>>,
    /// A short-borrow program: suspension points only outside loops, in statements of
    /// their own, and every borrow ends before each (gen-runtime keeps its explicit
    /// state machine; a borrow across a suspension point would need the frame).
    short: bool,
    /// Generating a `format!` / `vec!` argument with `--avoid macro-closures`: reads
    /// without closures.
    no_closures: bool,
}

type Snap = Vec<(bool, bool)>;

impl<'r> Gen<'r> {
    fn chance(&mut self, p: u64) -> bool {
        self.rng.chance(p)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.rng.below(n)
    }
    fn pick<T: Clone>(&mut self, v: &[T]) -> T {
        v[self.rng.below(v.len() as u64) as usize].clone()
    }
    fn lit(&mut self) -> i64 {
        self.below(9) as i64 + 1
    }
    fn fresh(&mut self, prefix: &str) -> String {
        self.names += 1;
        format!("{prefix}{}", self.names)
    }
    fn ind(&self) -> String {
        "    ".repeat(self.depth + 1)
    }

    fn declare(&mut self, name: String, ty: Ty, mutable: bool, loans: Vec<(Place, bool)>) -> usize {
        // A holder hidden by a new binding of its name can no longer be used.
        for x in self.l.iter_mut() {
            if !name.is_empty() && x.in_scope && x.name == name && !x.ty.owned() {
                x.alive = false;
            }
        }
        self.l.push(Local {
            name,
            ty,
            mutable,
            init: true,
            alive: true,
            in_scope: true,
            depth: self.depth,
            loop_depth: self.loop_depth,
            loans,
            busy: false,
            no_reinit: false,
            born: self.yields,
        });
        self.l.len() - 1
    }

    fn visible(&self, id: usize) -> bool {
        let x = &self.l[id];
        x.in_scope
            && !x.name.is_empty()
            && !self.l[id + 1..]
                .iter()
                .any(|y| y.in_scope && y.name == x.name)
    }

    fn usable(&self, id: usize) -> bool {
        let x = &self.l[id];
        x.in_scope && x.alive && x.init && !x.busy && self.visible(id)
    }

    /// A holder's loans are in force while it may be used, or while a re-borrow made
    /// through it (a loan of the holder itself) is.
    fn active(&self, h: usize) -> bool {
        let x = &self.l[h];
        x.in_scope
            && (x.alive
                || (h + 1..self.l.len()).any(|c| {
                    self.l[c].in_scope
                        && self.l[c].loans.iter().any(|(q, _)| q.root == h)
                        && self.active(c)
                }))
    }

    fn loan_conflict(&self, p: Place, want_mut: bool) -> bool {
        (0..self.l.len()).any(|h| {
            !self.l[h].loans.is_empty()
                && self.l[h]
                    .loans
                    .iter()
                    .any(|&(q, m)| overlap(p, q) && (want_mut || m))
                && self.active(h)
        })
    }

    fn readable(&self, p: Place) -> bool {
        self.usable(p.root) && !self.loan_conflict(p, false)
    }

    fn writable(&self, p: Place) -> bool {
        let x = &self.l[p.root];
        let may = match x.ty {
            Ty::Ref(m, _) => m,
            Ty::Iter(_) | Ty::Clo(true) => x.mutable,
            t if t.owned() => x.mutable,
            _ => false,
        };
        may && self.usable(p.root) && !self.loan_conflict(p, true)
    }

    fn has_children(&self, id: usize) -> bool {
        (id + 1..self.l.len())
            .any(|h| self.l[h].loans.iter().any(|(q, _)| q.root == id) && self.active(h))
    }

    fn endable(&self, id: usize) -> bool {
        let x = &self.l[id];
        !x.ty.owned()
            && x.ty != Ty::Loop
            && x.alive
            && x.in_scope
            && !x.busy
            && x.loop_depth == self.loop_depth
            && !self.has_children(id)
    }

    /// A use of a holder (statistics: a use after a later yield).
    fn touch(&mut self, id: usize) {
        if self.l[id].born < self.yields && !self.l[id].ty.owned() {
            self.stats.crossed = true;
        }
    }

    /// The loans a new borrow of `p` holds: through a shared reference, the
    /// reference's own loans (narrowed to a field); through a mutable one, a loan of
    /// the reference itself.
    fn loans_of(&self, p: Place, mutable: bool) -> Vec<(Place, bool)> {
        let x = &self.l[p.root];
        match x.ty {
            Ty::Ref(false, _) => x
                .loans
                .iter()
                .map(|&(q, _)| {
                    (
                        Place {
                            root: q.root,
                            field: q.field.or(p.field),
                        },
                        false,
                    )
                })
                .collect(),
            _ => vec![(p, mutable)],
        }
    }

    fn snap(&self) -> Snap {
        self.l.iter().map(|x| (x.alive, x.init)).collect()
    }
    fn restore(&mut self, s: &Snap) {
        for (x, &(a, i)) in self.l.iter_mut().zip(s) {
            x.alive = a;
            x.init = i;
        }
    }
    /// After the branches of an `if`/`match`: ended or moved in any branch is ended or
    /// moved after it.
    fn join(&mut self, states: &[Snap]) {
        let n = states.iter().map(Vec::len).min().unwrap_or(0);
        for i in 0..n {
            self.l[i].alive = states.iter().all(|s| s[i].0);
            self.l[i].init = states.iter().all(|s| s[i].1);
        }
    }

    fn enter(&mut self) -> usize {
        self.depth += 1;
        self.l.len()
    }
    fn exit(&mut self, mark: usize) {
        for x in &mut self.l[mark..] {
            x.in_scope = false;
            x.alive = false;
        }
        self.depth -= 1;
    }

    // ---------------------------------------------------------------- expressions

    fn idx(&mut self, len: &str) -> String {
        let e = self.expr(1, false);
        format!("i64::rem_euclid({e}, {len} as i64) as usize")
    }

    /// A read of local `id` (an `i64` expression), if it can be read now.
    fn read_of(&mut self, id: usize, y: bool) -> Option<String> {
        let name = self.l[id].name.clone();
        let ty = self.l[id].ty;
        let w = whole(id);
        let _ = y;
        match ty {
            Ty::Int if self.readable(w) => Some(name),
            Ty::Usize | Ty::Char if self.usable(id) => Some(format!("({name} as i64)")),
            Ty::Vec | Ty::Arr(_) if self.readable(w) => Some(self.read_seq(&name, ty, false)),
            Ty::Str if self.readable(w) => Some(self.read_str(&format!("&{name}"), &name)),
            Ty::Guard if self.readable(w) => Some(format!("dv(&{name})")),
            Ty::P => {
                let fs: Vec<Field> = FIELDS
                    .iter()
                    .copied()
                    .filter(|&f| {
                        self.readable(Place {
                            root: id,
                            field: Some(f),
                        })
                    })
                    .collect();
                if fs.is_empty() {
                    return None;
                }
                let f = self.pick(&fs);
                Some(self.read_field(&name, f))
            }
            Ty::Ref(_, pt) if self.readable(w) => {
                self.touch(id);
                Some(match pt {
                    Pt::Int => format!("(*{name})"),
                    Pt::Vec => self.read_seq(&name, Ty::Vec, true),
                    Pt::Arr(n) => self.read_seq(&name, Ty::Arr(n), true),
                    Pt::Slice => match self.below(3) {
                        0 => format!("({name}.len() as i64)"),
                        1 => format!("{name}.iter().sum::<i64>()"),
                        _ => {
                            let e = self.expr(1, false);
                            format!("peek({name}, {e})")
                        }
                    },
                    Pt::Str => self.read_str(&name, &name),
                    Pt::StrSlice => match self.below(3) {
                        0 => format!("wsum({name})"),
                        1 => format!("({name}.len() as i64)"),
                        _ => format!("{name}.parse::<i64>().unwrap_or({})", self.lit()),
                    },
                    Pt::Bytes => match if self.no_closures { 0 } else { self.below(2) } {
                        0 => format!("({name}.len() as i64)"),
                        _ => format!("{name}.iter().map(|b| *b as i64).sum::<i64>()"),
                    },
                    Pt::P => {
                        let f = self.pick(&FIELDS);
                        self.read_field(&name, f)
                    }
                    Pt::Guard => format!("dv({name})"),
                })
            }
            Ty::Refs if self.usable(id) => {
                self.touch(id);
                let e = self.expr(1, false);
                Some(format!("(*{name}[i64::rem_euclid({e}, 2) as usize])"))
            }
            Ty::Opt if self.usable(id) => {
                self.touch(id);
                let k = self.lit();
                Some(match if self.no_closures { 0 } else { self.below(2) } {
                    0 => format!("{name}.copied().unwrap_or({k})"),
                    _ => format!("{name}.map_or({k}, |e| *e * 2)"),
                })
            }
            Ty::Iter(It::Shared | It::Copied) if self.no_closures && self.writable(w) => {
                self.touch(id);
                let k = self.lit();
                Some(match ty {
                    Ty::Iter(It::Copied) => format!("{name}.next().unwrap_or({k})"),
                    _ => format!("{name}.next().copied().unwrap_or({k})"),
                })
            }
            Ty::Iter(_) if self.no_closures => None,
            Ty::Iter(it) if self.writable(w) => {
                self.touch(id);
                let k = self.lit();
                Some(match it {
                    It::Shared => match self.below(2) {
                        0 => format!("{name}.next().copied().unwrap_or({k})"),
                        _ => format!("{name}.next().map_or({k}, |e| *e + 1)"),
                    },
                    It::Mut => {
                        format!("{name}.next().map_or({k}, |e| {{ *e = e.wrapping_mul(3); *e }})")
                    }
                    It::Enum => format!("{name}.next().map_or({k}, |(i, e)| i as i64 * 10 + *e)"),
                    It::Words => format!("{name}.next().map_or({k}, wsum)"),
                    It::Chars => format!("{name}.next().map_or({k}, |c| c as i64)"),
                    It::Windows => format!(
                        "{name}.next().map_or({k}, |w| w.iter().sum::<i64>() + w.len() as i64)"
                    ),
                    It::Copied => format!("{name}.next().unwrap_or({k})"),
                    It::CharIdx => {
                        format!("{name}.next().map_or({k}, |(i, c)| i as i64 + c as i64)")
                    }
                })
            }
            Ty::Clo(m) if self.usable(id) && (!m || self.writable(w)) => {
                self.touch(id);
                self.l[id].busy = true;
                let e = self.expr(1, false);
                self.l[id].busy = false;
                Some(format!("{name}({e})"))
            }
            _ => None,
        }
    }

    /// A read of a `Vec<i64>` / `[i64; N]` (`r`: through a reference named `name`).
    fn read_seq(&mut self, name: &str, ty: Ty, r: bool) -> String {
        let amp = if r { "" } else { "&" };
        match self.below(5) {
            0 | 1 => {
                let i = match ty {
                    Ty::Arr(n) => {
                        let e = self.expr(1, false);
                        format!("i64::rem_euclid({e}, {n}) as usize")
                    }
                    _ => self.idx(&format!("{name}.len()")),
                };
                format!("{name}[{i}]")
            }
            2 => format!("({name}.len() as i64)"),
            3 => format!("{name}.iter().sum::<i64>()"),
            _ => {
                let e = self.expr(1, false);
                format!("peek({amp}{name}, {e})")
            }
        }
    }

    /// A read of a `String` (`r`: how to pass it as `&str`).
    fn read_str(&mut self, r: &str, name: &str) -> String {
        match self.below(3) {
            0 => format!("wsum({r})"),
            1 => format!("({name}.len() as i64)"),
            _ => format!("({name}.split(' ').count() as i64)"),
        }
    }

    fn read_field(&mut self, base: &str, f: Field) -> String {
        match f {
            Field::A => format!("{base}.a"),
            Field::B => {
                let b = format!("{base}.b");
                self.read_seq(&b, Ty::Vec, false)
            }
            Field::S => format!("wsum(&{base}.s)"),
            Field::G => format!("dv(&{base}.g)"),
        }
    }

    fn atom(&mut self, y: bool, prefer_holders: bool) -> String {
        let mut cands: Vec<usize> = (0..self.l.len())
            .filter(|&i| self.usable(i) && self.l[i].ty != Ty::Loop)
            .collect();
        if prefer_holders && self.chance(80) {
            let hs: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|&i| !self.l[i].ty.owned() || self.l[i].name.starts_with('e'))
                .collect();
            if !hs.is_empty() {
                // The newest holders first: a borrow made, then read after a yield.
                if self.chance(60) {
                    for &id in hs.iter().rev().take(3) {
                        if self.chance(70) {
                            if let Some(e) = self.read_of(id, y) {
                                return e;
                            }
                        }
                    }
                }
                cands = hs;
            }
        }
        for _ in 0..4 {
            if cands.is_empty() || self.chance(8) {
                break;
            }
            let id = self.pick(&cands);
            if let Some(e) = self.read_of(id, y) {
                return e;
            }
        }
        if self.chance(50) {
            "seed".to_string()
        } else {
            self.lit().to_string()
        }
    }

    fn yield_expr(&mut self, d: u32) -> String {
        // (async-stream cannot nest its yields)
        let nested = d > 1 && self.kind != Kind::Stream && self.chance(10);
        let e = self.expr(d.saturating_sub(1), nested);
        self.yields += 1;
        self.stats.yields += 1;
        match self.kind {
            Kind::Gen => format!("{Y0}{e}{Y1}"),
            _ => {
                let k = self.lit();
                format!("{{ {Y0}{e}{Y1}; {k} }}")
            }
        }
    }

    /// A stream's `.await` in an expression: the test future, or one that borrows a
    /// local (`fr(&v, k)`).
    fn await_expr(&mut self, d: u32) -> String {
        self.stats.awaits += 1;
        self.yields += 1;
        if self.chance(50) {
            if let Some((arg, _)) = self.slice_arg(false) {
                let e = self.expr(d.saturating_sub(1), false);
                return format!("fr({arg}, {e}).await");
            }
        }
        let e = self.expr(d.saturating_sub(1), false);
        format!("f({e}).await")
    }

    /// A `&[i64]` argument (`&v`, `&a`, `&p.b`, a reference), or with `mutable` a
    /// `&mut Vec<i64>` one: the text and the place it borrows.
    fn slice_arg(&mut self, mutable: bool) -> Option<(String, Place)> {
        let mut c: Vec<(String, Place)> = vec![];
        for id in 0..self.l.len() {
            if !self.usable(id) {
                continue;
            }
            let n = self.l[id].name.clone();
            let w = whole(id);
            let ok = |g: &Self, p: Place| {
                if mutable {
                    g.writable(p)
                } else {
                    g.readable(p)
                }
            };
            match self.l[id].ty {
                Ty::Vec if ok(self, w) => {
                    c.push((format!("&{}{n}", if mutable { "mut " } else { "" }), w))
                }
                Ty::Arr(_) if !mutable && ok(self, w) => c.push((format!("&{n}"), w)),
                Ty::P => {
                    let p = Place {
                        root: id,
                        field: Some(Field::B),
                    };
                    if ok(self, p) {
                        c.push((format!("&{}{n}.b", if mutable { "mut " } else { "" }), p));
                    }
                }
                Ty::Ref(m, Pt::Vec) if (m || !mutable) && !self.av.await_refs && ok(self, w) => {
                    c.push((n, w))
                }
                Ty::Ref(_, Pt::Slice | Pt::Arr(_))
                    if !mutable && !self.av.await_refs && ok(self, w) =>
                {
                    c.push((n, w))
                }
                _ => {}
            }
        }
        if c.is_empty() {
            return None;
        }
        let (t, p) = self.pick(&c);
        if !self.l[p.root].ty.owned() {
            self.touch(p.root);
        }
        Some((t, p))
    }

    fn expr(&mut self, d: u32, y: bool) -> String {
        let y = y && !self.short;
        if d == 0 {
            return self.atom(false, false);
        }
        match self.below(12) {
            0..=3 => self.atom(y, false),
            4 => {
                let (a, b) = (self.expr(d - 1, y), self.expr(d - 1, y));
                format!("({a} + {b})")
            }
            5 => {
                let (a, b) = (self.expr(d - 1, y), self.expr(d - 1, y));
                format!("mix({a}, {b})")
            }
            6 => {
                let (a, b) = (self.expr(d - 1, y), self.expr(d - 1, y));
                format!("({a} ^ {b})")
            }
            7 => {
                let a = self.expr(d - 1, y);
                format!("({a} * {})", self.lit())
            }
            8 | 9 if y => {
                if self.kind == Kind::Stream && self.chance(50) {
                    self.await_expr(d)
                } else {
                    self.yield_expr(d)
                }
            }
            10 if y && self.kind == Kind::Stream => self.await_expr(d),
            _ => self.atom(y, true),
        }
    }

    fn cond(&mut self, y: bool) -> String {
        let e = self.expr(2, y);
        let m = 2 + self.below(3) as i64;
        let v = self.below(m as u64) as i64;
        format!("i64::rem_euclid({e}, {m}) == {v}")
    }

    // ---------------------------------------------------------------- statements

    fn new_vec(&mut self) -> String {
        let n = 1 + self.below(4);
        let hide: Vec<usize> = if self.av.vec_guard_refs {
            (0..self.l.len())
                .filter(|&i| self.l[i].ty == Ty::Guard && !self.l[i].busy)
                .collect()
        } else {
            vec![]
        };
        for &i in &hide {
            self.l[i].busy = true;
        }
        let nc = self.no_closures;
        self.no_closures = self.av.format_closures;
        let es: Vec<String> = (0..n).map(|_| self.expr(1, false)).collect();
        self.no_closures = nc;
        for &i in &hide {
            self.l[i].busy = false;
        }
        format!("vec![{}]", es.join(", "))
    }
    fn new_str(&mut self) -> String {
        const WORDS: &[&str] = &["ab", "c", "de f", "7", "ghi", "12 3", "x  y", "42"];
        if self.chance(40) {
            let nc = self.no_closures;
            self.no_closures = self.av.format_closures;
            let (a, b) = (self.expr(1, false), self.expr(1, false));
            self.no_closures = nc;
            format!("format!(\"{{}} {{}}\", {a}, {b})")
        } else {
            let n = 1 + self.below(3);
            let ws: Vec<&str> = (0..n).map(|_| self.pick(WORDS)).collect();
            format!("String::from(\"{}\")", ws.join(" "))
        }
    }
    fn new_guard(&mut self) -> String {
        self.guard_ids += 1;
        self.stats.guards += 1;
        format!("D({}, log.clone())", self.guard_ids)
    }
    fn new_p(&mut self) -> String {
        let a = self.expr(1, false);
        let b = self.new_vec();
        let s = self.new_str();
        let g = self.new_guard();
        format!("P {{ a: {a}, b: {b}, s: {s}, g: {g} }}")
    }
    fn new_value(&mut self, ty: Ty) -> String {
        match ty {
            Ty::Int => self.expr(2, false),
            Ty::Vec => self.new_vec(),
            Ty::Arr(n) => {
                let e = self.expr(1, false);
                format!("[{e}; {n}]")
            }
            Ty::Str => self.new_str(),
            Ty::P => self.new_p(),
            Ty::Guard => self.new_guard(),
            _ => unreachable!(),
        }
    }

    /// `let mut v: Vec<i64> = …;` and the like.
    fn s_decl(&mut self) -> Option<String> {
        let ty = match self.below(10) {
            0..=2 => Ty::Int,
            3 | 4 => Ty::Vec,
            5 => Ty::Arr(2 + self.below(4) as usize),
            6 | 7 => Ty::Str,
            8 => Ty::P,
            _ => Ty::Guard,
        };
        let (prefix, tyname) = match ty {
            Ty::Int => ("x", "i64".to_string()),
            Ty::Vec => ("v", "Vec<i64>".to_string()),
            Ty::Arr(n) => ("a", format!("[i64; {n}]")),
            Ty::Str => ("s", "String".to_string()),
            Ty::P => ("p", "P".to_string()),
            _ => ("g", "D".to_string()),
        };
        let v = self.new_value(ty);
        // Sometimes shadow an `i64` (reading the old one).
        let name = if ty == Ty::Int && self.chance(15) {
            let olds: Vec<usize> = (0..self.l.len())
                .filter(|&i| {
                    self.l[i].ty == Ty::Int && self.visible(i) && self.l[i].name.starts_with('x')
                })
                .collect();
            if olds.is_empty() {
                self.fresh(prefix)
            } else {
                let o = self.pick(&olds);
                self.l[o].name.clone()
            }
        } else {
            self.fresh(prefix)
        };
        let mutable = ty != Ty::Guard || self.chance(50);
        let m = if mutable { "mut " } else { "" };
        let line = format!("let {m}{name}: {tyname} = {v};");
        self.declare(name, ty, mutable, vec![]);
        Some(line)
    }

    /// The places a new borrow can take: (text after `&`/`&mut `, place, pointee,
    /// statement to put before it).
    fn borrow_places(&mut self, mutable: bool) -> Vec<(String, Place, Pt, String)> {
        let mut c = vec![];
        for id in 0..self.l.len() {
            if !self.usable(id) {
                continue;
            }
            let n = self.l[id].name.clone();
            let w = whole(id);
            let ok = |g: &Self, p: Place| {
                if mutable {
                    g.writable(p)
                } else {
                    g.readable(p)
                }
            };
            match self.l[id].ty {
                Ty::Int if ok(self, w) => c.push((n.clone(), w, Pt::Int, String::new())),
                Ty::Vec if ok(self, w) => {
                    c.push((n.clone(), w, Pt::Vec, String::new()));
                    // `IndexMut` does not let the range read the vector
                    let range = if mutable || self.chance(50) {
                        String::new()
                    } else {
                        format!("{n}.len() / 2")
                    };
                    c.push((format!("{n}[{range}..]"), w, Pt::Slice, String::new()));
                    c.push((format!("{n}[IX]"), w, Pt::Int, n.clone()));
                }
                Ty::Arr(k) if ok(self, w) => {
                    c.push((n.clone(), w, Pt::Arr(k), String::new()));
                    c.push((format!("{n}[..]"), w, Pt::Slice, String::new()));
                    c.push((format!("{n}[IXA{k}]"), w, Pt::Int, String::new()));
                }
                Ty::Str if ok(self, w) => {
                    c.push((n.clone(), w, Pt::Str, String::new()));
                    if !mutable {
                        // (a string is never empty, and ASCII)
                        let r = self.pick(&["..", "1.."]);
                        c.push((format!("{n}[{r}]"), w, Pt::StrSlice, String::new()));
                    }
                }
                Ty::Guard if ok(self, w) => c.push((n.clone(), w, Pt::Guard, String::new())),
                Ty::P => {
                    if ok(self, w) {
                        c.push((n.clone(), w, Pt::P, String::new()));
                    }
                    for f in FIELDS {
                        let p = Place {
                            root: id,
                            field: Some(f),
                        };
                        if ok(self, p) {
                            c.push((format!("{n}.{}", f.name()), p, f.pt(), String::new()));
                            if f == Field::B {
                                c.push((format!("{n}.b[IX]"), p, Pt::Int, format!("{n}.b")));
                            }
                        }
                    }
                }
                Ty::Ref(m, pt) if (m || !mutable) && ok(self, w) => {
                    c.push((format!("*{n}"), w, pt, String::new()));
                    match pt {
                        Pt::Vec => c.push((format!("{n}[IX]"), w, Pt::Int, n.clone())),
                        Pt::Arr(k) => c.push((format!("{n}[IXA{k}]"), w, Pt::Int, String::new())),
                        Pt::P => {
                            for f in FIELDS {
                                c.push((
                                    format!("{n}.{}", f.name()),
                                    Place {
                                        root: id,
                                        field: Some(f),
                                    },
                                    f.pt(),
                                    String::new(),
                                ));
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        c
    }

    /// Fill in an index placeholder: `IX` (a `Vec`, `len` the place's text) or
    /// `IXA{n}` (an array of length n). A mutable index into a `Vec` takes its index
    /// from a `let` before (`IndexMut` does not let the index read the vector).
    fn fill_index(
        &mut self,
        text: &str,
        len_of: &str,
        mutable: bool,
        root: usize,
        pre: &mut String,
    ) -> String {
        if let Some(p) = text.find("[IXA") {
            let n: String = text[p + 4..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            self.l[root].busy = true;
            let e = self.expr(1, false);
            self.l[root].busy = false;
            return format!("{}[i64::rem_euclid({e}, {n}) as usize]", &text[..p]);
        }
        if let Some(p) = text.find("[IX]") {
            if mutable {
                let ix = self.fresh("ix");
                let i = self.idx(&format!("{len_of}.len()"));
                pre.push_str(&format!("let {ix} = {i};\n{}", self.ind()));
                self.declare(ix.clone(), Ty::Usize, false, vec![]);
                return format!("{}[{ix}]", &text[..p]);
            }
            let i = self.idx(&format!("{len_of}.len()"));
            return format!("{}[{i}]", &text[..p]);
        }
        text.to_string()
    }

    /// `let r = &place;` / `let m = &mut place;` (and, by category, borrows the macro
    /// may not see).
    fn s_borrow(&mut self) -> Option<String> {
        if self.chance(25) {
            if let Some(s) = self.s_method_borrow() {
                return Some(s);
            }
        }
        if !self.av.branch && self.chance(8) {
            if let Some(s) = self.s_branch_borrow() {
                return Some(s);
            }
        }
        if !self.av.tuple && self.chance(8) {
            let s = if self.chance(50) {
                self.s_tuple_borrow()
            } else {
                self.s_aggregate_borrow()
            };
            if s.is_some() {
                return s;
            }
        }
        if self.chance(8) {
            let c: Vec<usize> = (0..self.l.len())
                .filter(|&i| {
                    matches!(self.l[i].ty, Ty::Ref(false, _))
                        && self.usable(i)
                        && !self.l[i].loans.is_empty()
                })
                .collect();
            if !c.is_empty() {
                let id = self.pick(&c);
                self.touch(id);
                let (ty, loans, old) = (
                    self.l[id].ty,
                    self.l[id].loans.clone(),
                    self.l[id].name.clone(),
                );
                let name = self.fresh("r");
                self.stats.borrows += 1;
                self.declare(name.clone(), ty, false, loans);
                return Some(format!("let {name} = {old};"));
            }
        }
        let mutable = self.chance(45);
        let c = self.borrow_places(mutable);
        if c.is_empty() {
            return None;
        }
        let (text, place, pt, len_of) = self.pick(&c);
        let mut pre = String::new();
        let text = self.fill_index(&text, &len_of, mutable, place.root, &mut pre);
        if !self.l[place.root].ty.owned() {
            self.touch(place.root);
        }
        let loans = self.loans_of(place, mutable);
        let name = self.shadow_or_fresh(if mutable { "m" } else { "r" }, Ty::Ref(mutable, pt));
        let reassignable = self.chance(20);
        let mm = if reassignable { "mut " } else { "" };
        let amp = if mutable { "&mut " } else { "&" };
        let annot = if self.chance(20) {
            match pt {
                Pt::Int => format!(": {amp}i64"),
                Pt::Vec => format!(": {amp}Vec<i64>"),
                Pt::Slice => format!(": {amp}[i64]"),
                Pt::Str => format!(": {amp}String"),
                Pt::StrSlice => format!(": {amp}str"),
                _ => String::new(),
            }
        } else {
            String::new()
        };
        self.stats.borrows += 1;
        self.stats.mut_borrows += usize::from(mutable);
        self.declare(name.clone(), Ty::Ref(mutable, pt), reassignable, loans);
        Some(format!("{pre}let {mm}{name}{annot} = {amp}{text};"))
    }

    /// Reuse the name of a dead holder of the same type (shadowing) now and then.
    fn shadow_or_fresh(&mut self, prefix: &str, ty: Ty) -> String {
        if self.chance(20) {
            let olds: Vec<usize> = (0..self.l.len())
                .filter(|&i| {
                    self.l[i].ty == ty
                        && self.visible(i)
                        && !self.l[i].busy
                        && !self.has_children(i)
                        && self.l[i].loop_depth == self.loop_depth
                })
                .collect();
            if !olds.is_empty() {
                let o = self.pick(&olds);
                return self.l[o].name.clone();
            }
        }
        self.fresh(prefix)
    }

    /// Borrows through the standard library's borrowing methods: `v.as_slice()`,
    /// `s.as_str()`, `s.trim()`, `v.first()`, `v.get(i)`; by category `v.first().unwrap()`
    /// and the like (chain-borrows) and methods outside gen-macros' list
    /// (unlisted-methods).
    fn s_method_borrow(&mut self) -> Option<String> {
        let mut c: Vec<(usize, u8)> = vec![];
        for id in 0..self.l.len() {
            if !self.usable(id) {
                continue;
            }
            let w = whole(id);
            match self.l[id].ty {
                Ty::Vec if self.readable(w) => {
                    c.extend([(id, 0), (id, 1), (id, 2)]);
                    if !self.av.unwrap {
                        c.push((id, 3));
                    }
                    if !self.av.unwrap && self.writable(w) {
                        c.push((id, 4));
                    }
                    if !self.av.unlisted && self.writable(w) {
                        c.push((id, 5));
                    }
                    if !self.av.unlisted && !self.av.tuple {
                        c.push((id, 6));
                    }
                }
                Ty::P if self.writable(w) => c.push((id, 20)),
                Ty::Ref(true, Pt::P) if self.writable(w) => c.push((id, 21)),
                Ty::Str if self.readable(w) => {
                    c.extend([(id, 10), (id, 11)]);
                    if !self.av.unwrap {
                        c.push((id, 12));
                    }
                    if !self.av.unlisted {
                        c.extend([(id, 13), (id, 14)]);
                    }
                }
                _ => {}
            }
        }
        if c.is_empty() {
            return None;
        }
        let (id, k) = self.pick(&c);
        let n = self.l[id].name.clone();
        let w = whole(id);
        let (prefix, ty, init, mutable) = match k {
            0 => (
                "r",
                Ty::Ref(false, Pt::Slice),
                format!("{n}.as_slice()"),
                false,
            ),
            1 => (
                "o",
                Ty::Opt,
                if self.chance(50) {
                    format!("{n}.first()")
                } else {
                    format!("{n}.last()")
                },
                false,
            ),
            2 => {
                let i = self.idx(&format!("{n}.len()"));
                ("o", Ty::Opt, format!("{n}.get({i})"), false)
            }
            3 => {
                let init = match self.below(4) {
                    0 => format!("{n}.first().unwrap()"),
                    1 => format!("{n}.last().unwrap()"),
                    2 => format!("{n}.iter().max().unwrap()"),
                    _ => {
                        let i = self.idx(&format!("{n}.len()"));
                        format!("{n}.get({i}).unwrap()")
                    }
                };
                ("r", Ty::Ref(false, Pt::Int), init, false)
            }
            4 => {
                let init = if self.chance(50) {
                    format!("{n}.first_mut().unwrap()")
                } else {
                    format!("{n}.last_mut().unwrap()")
                };
                ("m", Ty::Ref(true, Pt::Int), init, true)
            }
            5 => (
                "m",
                Ty::Ref(true, Pt::Slice),
                format!("{n}.as_mut_slice()"),
                true,
            ),
            6 => {
                // `let (h, t) = v.split_at(v.len() / 2);`
                let (h, t) = (self.fresh("r"), self.fresh("r"));
                self.stats.borrows += 2;
                self.declare(
                    h.clone(),
                    Ty::Ref(false, Pt::Slice),
                    false,
                    vec![(w, false)],
                );
                self.declare(
                    t.clone(),
                    Ty::Ref(false, Pt::Slice),
                    false,
                    vec![(w, false)],
                );
                return Some(format!("let ({h}, {t}) = {n}.split_at({n}.len() / 2);"));
            }
            10 => (
                "r",
                Ty::Ref(false, Pt::StrSlice),
                format!("{n}.as_str()"),
                false,
            ),
            11 => (
                "r",
                Ty::Ref(false, Pt::StrSlice),
                format!("{n}.trim()"),
                false,
            ),
            12 => (
                "r",
                Ty::Ref(false, Pt::StrSlice),
                format!("{n}.split(' ').next().unwrap_or(\"\")"),
                false,
            ),
            13 => (
                "r",
                Ty::Ref(false, Pt::StrSlice),
                format!("{n}.trim_start()"),
                false,
            ),
            20 => (
                "m",
                Ty::Ref(true, Pt::Int),
                format!("(&mut {n}).am()"),
                true,
            ),
            21 => ("m", Ty::Ref(true, Pt::Int), format!("{n}.am()"), true),
            _ => (
                "r",
                Ty::Ref(false, Pt::Bytes),
                format!("{n}.as_bytes()"),
                false,
            ),
        };
        let name = self.fresh(prefix);
        self.stats.borrows += 1;
        self.stats.mut_borrows += usize::from(mutable);
        self.declare(name.clone(), ty, false, vec![(w, mutable)]);
        Some(format!("let {name} = {init};"))
    }

    /// `let r = if c { &x } else { &y };` (branch-borrows).
    fn s_branch_borrow(&mut self) -> Option<String> {
        let mutable = self.chance(40);
        let c: Vec<(String, Place, Pt, String)> = self
            .borrow_places(mutable)
            .into_iter()
            .filter(|(t, _, pt, _)| *pt == Pt::Int && !t.contains("[IX"))
            .collect();
        if c.len() < 2 {
            return None;
        }
        let a = self.pick(&c);
        let b = self.pick(&c);
        if mutable && overlap(a.1, b.1) {
            return None;
        }
        let amp = if mutable { "&mut " } else { "&" };
        let mut loans = self.loans_of(a.1, mutable);
        loans.extend(self.loans_of(b.1, mutable));
        let init = match self.below(3) {
            0 => {
                let cnd = self.cond(false);
                format!("if {cnd} {{ {amp}{} }} else {{ {amp}{} }}", a.0, b.0)
            }
            1 => {
                let e = self.expr(1, false);
                format!(
                    "match i64::rem_euclid({e}, 2) {{ 0 => {amp}{}, _ => {amp}{} }}",
                    a.0, b.0
                )
            }
            _ => {
                loans = self.loans_of(a.1, mutable);
                format!("{{ {amp}{} }}", a.0)
            }
        };
        let name = self.fresh(if mutable { "m" } else { "r" });
        self.stats.borrows += 1;
        self.stats.mut_borrows += usize::from(mutable);
        self.declare(name.clone(), Ty::Ref(mutable, Pt::Int), false, loans);
        Some(format!("let {name} = {init};"))
    }

    /// `let o = Some(&x);`, `let rs = vec![&x, &y];` (aggregate-borrows).
    fn s_aggregate_borrow(&mut self) -> Option<String> {
        let c: Vec<(String, Place, Pt, String)> = self
            .borrow_places(false)
            .into_iter()
            .filter(|(t, _, pt, _)| *pt == Pt::Int && !t.contains("[IX"))
            .collect();
        if c.is_empty() {
            return None;
        }
        let a = self.pick(&c);
        let b = self.pick(&c);
        let mut loans = self.loans_of(a.1, false);
        self.stats.borrows += 1;
        if self.chance(35) {
            let name = self.fresh("o");
            self.declare(name.clone(), Ty::Opt, false, loans);
            return Some(format!("let {name} = Some(&{});", a.0));
        }
        loans.extend(self.loans_of(b.1, false));
        let name = self.fresh("rs");
        self.declare(name.clone(), Ty::Refs, false, loans);
        Some(if self.chance(50) {
            format!("let {name} = vec![&{}, &{}];", a.0, b.0)
        } else {
            format!("let {name} = [&{}, &{}];", a.0, b.0)
        })
    }

    /// `let (r, q) = (&x, &mut y);` (aggregate-borrows).
    fn s_tuple_borrow(&mut self) -> Option<String> {
        let ma = self.chance(40);
        let mb = self.chance(40);
        let ca = self.borrow_places(ma);
        let ca: Vec<_> = ca
            .into_iter()
            .filter(|(t, ..)| !t.contains("[IX"))
            .collect();
        if ca.is_empty() {
            return None;
        }
        let a = self.pick(&ca);
        let loans_a = self.loans_of(a.1, ma);
        let na = self.fresh(if ma { "m" } else { "r" });
        // Unnamed until the second place is chosen (which must not go through it).
        let ida = self.declare(String::new(), Ty::Ref(ma, a.2), false, loans_a);
        let cb: Vec<_> = self
            .borrow_places(mb)
            .into_iter()
            .filter(|(t, ..)| !t.contains("[IX"))
            .collect();
        if cb.is_empty() {
            self.l[ida].alive = false;
            self.l[ida].in_scope = false;
            return None;
        }
        let b = self.pick(&cb);
        self.l[ida].name = na.clone();
        let loans_b = self.loans_of(b.1, mb);
        let nb = self.fresh(if mb { "m" } else { "r" });
        self.declare(nb.clone(), Ty::Ref(mb, b.2), false, loans_b);
        self.stats.borrows += 2;
        let (aa, ab) = (
            if ma { "&mut " } else { "&" },
            if mb { "&mut " } else { "&" },
        );
        Some(format!("let ({na}, {nb}) = ({aa}{}, {ab}{});", a.0, b.0))
    }

    /// Iterator sources over a borrowed place: (text, loans, what it hands out).
    fn iter_sources(&mut self, for_loop: bool) -> Vec<(String, Vec<(Place, bool)>, It)> {
        let mut c = vec![];
        for id in 0..self.l.len() {
            if !self.usable(id) {
                continue;
            }
            let n = self.l[id].name.clone();
            let w = whole(id);
            let ty = self.l[id].ty;
            let seqs: Vec<(String, Place)> = match ty {
                Ty::Vec | Ty::Arr(_) => vec![(n.clone(), w)],
                Ty::P => vec![(
                    format!("{n}.b"),
                    Place {
                        root: id,
                        field: Some(Field::B),
                    },
                )],
                Ty::Ref(_, Pt::Vec | Pt::Slice | Pt::Arr(_)) => vec![(n.clone(), w)],
                Ty::Ref(_, Pt::P) => vec![(
                    format!("{n}.b"),
                    Place {
                        root: id,
                        field: Some(Field::B),
                    },
                )],
                _ => vec![],
            };
            for (t, p) in seqs {
                if self.readable(p) {
                    let l = self.loans_of(p, false);
                    c.push((format!("{t}.iter()"), l.clone(), It::Shared));
                    if for_loop && matches!(ty, Ty::Vec | Ty::Arr(_)) {
                        c.push((format!("&{t}"), l.clone(), It::Shared));
                    }
                    c.push((format!("{t}.iter().enumerate()"), l.clone(), It::Enum));
                    let ad = self.pick(&[".rev()", ".skip(1)", ".step_by(2)", ".take(2)"]);
                    c.push((format!("{t}.iter(){ad}"), l.clone(), It::Shared));
                    c.push((format!("{t}.iter().copied()"), l.clone(), It::Copied));
                    c.push((format!("{t}.iter().map(|e| e * 2)"), l.clone(), It::Copied));
                    c.push((
                        format!("{t}.iter().filter(|e| **e % 2 == 0)"),
                        l.clone(),
                        It::Shared,
                    ));
                    if for_loop && matches!(ty, Ty::Ref(false, _)) && !t.contains('.') {
                        c.push((t.clone(), l.clone(), It::Shared));
                    }
                    c.push((format!("{t}.windows(2)"), l.clone(), It::Windows));
                    c.push((format!("{t}.chunks(2)"), l.clone(), It::Windows));
                    if !self.av.unlisted {
                        c.push((format!("{t}.chunks_exact(1)"), l.clone(), It::Windows));
                    }
                }
                let mutable_ok = match ty {
                    Ty::Ref(m, _) => m,
                    _ => true,
                };
                if mutable_ok && self.writable(p) {
                    let l = self.loans_of(p, true);
                    c.push((format!("{t}.iter_mut()"), l.clone(), It::Mut));
                    if for_loop && matches!(ty, Ty::Vec | Ty::Arr(_)) {
                        c.push((format!("&mut {t}"), l.clone(), It::Mut));
                    }
                }
            }
            // A user method returning a borrow: `(&p).bs()`, or through a reference `r.bs()`.
            let user = match ty {
                Ty::P => Some(format!("(&{n})")),
                Ty::Ref(_, Pt::P) => Some(n.clone()),
                _ => None,
            };
            if let Some(recv) = user {
                if self.readable(w) {
                    let l = self.loans_of(w, false);
                    c.push((format!("{recv}.bs()"), l.clone(), It::Shared));
                    c.push((format!("{recv}.sw()"), l, It::Words));
                }
            }
            let strs: Vec<(String, Place)> = match ty {
                Ty::Str => vec![(n.clone(), w)],
                Ty::P => vec![(
                    format!("{n}.s"),
                    Place {
                        root: id,
                        field: Some(Field::S),
                    },
                )],
                Ty::Ref(_, Pt::Str | Pt::StrSlice) => vec![(n.clone(), w)],
                _ => vec![],
            };
            for (t, p) in strs {
                if self.readable(p) {
                    let l = self.loans_of(p, false);
                    c.push((format!("{t}.split(' ')"), l.clone(), It::Words));
                    c.push((format!("{t}.split_whitespace()"), l.clone(), It::Words));
                    c.push((format!("{t}.chars()"), l.clone(), It::Chars));
                    c.push((format!("{t}.bytes()"), l.clone(), It::Chars));
                    c.push((format!("{t}.lines()"), l.clone(), It::Words));
                    c.push((format!("{t}.char_indices()"), l.clone(), It::CharIdx));
                    if !self.av.unlisted {
                        c.push((format!("{t}.rsplit(' ')"), l.clone(), It::Words));
                    }
                }
            }
        }
        c
    }

    /// `let mut it = v.iter();` and the like.
    fn s_iter(&mut self) -> Option<String> {
        let c = self.iter_sources(false);
        if c.is_empty() {
            return None;
        }
        let (src, loans, it) = self.pick(&c);
        for &(p, _) in &loans {
            if !self.l[p.root].ty.owned() {
                self.touch(p.root);
            }
        }
        let name = self.fresh("it");
        self.stats.borrows += 1;
        self.stats.mut_borrows += usize::from(it == It::Mut);
        self.declare(name.clone(), Ty::Iter(it), true, loans);
        Some(format!("let mut {name} = {src};"))
    }

    /// Element bindings of a `for` / `while let` over an iterator handing out `it`.
    fn elems(&mut self, it: It) -> String {
        match it {
            It::Shared | It::Mut | It::Words | It::Windows => {
                let n = self.fresh("e");
                let pt = match it {
                    It::Words => Pt::StrSlice,
                    It::Windows => Pt::Slice,
                    _ => Pt::Int,
                };
                self.declare(n.clone(), Ty::Ref(it == It::Mut, pt), false, vec![]);
                n
            }
            It::Enum => {
                let (i, e) = (self.fresh("i"), self.fresh("e"));
                self.declare(i.clone(), Ty::Usize, false, vec![]);
                self.declare(e.clone(), Ty::Ref(false, Pt::Int), false, vec![]);
                format!("({i}, {e})")
            }
            It::Chars => {
                let c = self.fresh("c");
                self.declare(c.clone(), Ty::Char, false, vec![]);
                c
            }
            It::CharIdx => {
                let (i, c) = (self.fresh("i"), self.fresh("c"));
                self.declare(i.clone(), Ty::Usize, false, vec![]);
                self.declare(c.clone(), Ty::Char, false, vec![]);
                format!("({i}, {c})")
            }
            It::Copied => {
                let n = self.fresh("e");
                self.declare(n.clone(), Ty::Int, false, vec![]);
                n
            }
        }
    }

    /// A loop body: holders made outside stay live through it; afterwards every local
    /// is as before the loop.
    fn loop_body(&mut self, d: u32, head: impl FnOnce(&mut Self) -> String) -> (String, String) {
        let s = self.snap();
        let mark = self.enter();
        self.loop_depth += 1;
        let label = if self.chance(20) {
            Some(self.fresh("'l"))
        } else {
            None
        };
        self.labels.push(label.clone());
        let pat = head(self);
        // Most loop bodies yield what the loop's borrow hands out.
        let mut body = String::new();
        if self.chance(65) && self.budget > 0 {
            self.budget -= 1;
            let s = self.s_yield().unwrap_or_default();
            body = format!("{}{s}\n", self.ind());
        }
        let k = 1 + self.below(3) as usize;
        body.push_str(&self.stmts(d, k));
        self.labels.pop();
        self.loop_depth -= 1;
        self.exit(mark);
        self.restore(&s);
        // The label goes before the loop keyword: `'l3: for … in … {`.
        let pat = match label {
            Some(l) => format!("{l}\u{5}{pat}"),
            None => pat,
        };
        (pat, body)
    }

    /// Splits `label\u{5}pat` into (`'l3: `, pat).
    fn label_of(pat: &str) -> (String, String) {
        match pat.split_once('\u{5}') {
            Some((l, p)) => (format!("{l}: "), p.to_string()),
            None => (String::new(), pat.to_string()),
        }
    }

    /// `for e in v.iter() { … }` and the like: the loop's iterator borrows the place
    /// for the whole loop.
    fn s_for_borrow(&mut self, d: u32) -> Option<String> {
        let c = self.iter_sources(true);
        let mut c2 = c.clone();
        if !c.is_empty() && self.chance(15) {
            // zip of two sources that can be borrowed together
            let a = self.pick(&c);
            let b = self.pick(&c);
            let ok =
                a.1.iter()
                    .all(|&(p, m)| b.1.iter().all(|&(q, n)| !overlap(p, q) || (!m && !n)));
            let simple = |t: &str| t.ends_with(".iter()") || t.ends_with(".iter_mut()");
            if ok && simple(&a.0) && simple(&b.0) {
                let mut loans = a.1.clone();
                loans.extend(b.1.clone());
                let ea = if a.2 == It::Mut { It::Mut } else { It::Shared };
                let eb = if b.2 == It::Mut { It::Mut } else { It::Shared };
                let src = format!("{}.zip({})", a.0, b.0);
                return Some(self.emit_for(d, src, loans, vec![ea, eb]));
            }
        }
        if c2.is_empty() {
            return None;
        }
        let (src, loans, it) = {
            let i = self.below(c2.len() as u64) as usize;
            c2.swap_remove(i)
        };
        Some(self.emit_for(d, src, loans, vec![it]))
    }

    fn emit_for(&mut self, d: u32, src: String, loans: Vec<(Place, bool)>, its: Vec<It>) -> String {
        for &(p, _) in &loans {
            if !self.l[p.root].ty.owned() {
                self.touch(p.root);
            }
        }
        self.stats.borrows += 1;
        self.stats.borrow_loops += 1;
        let hidden = self.declare(String::new(), Ty::Loop, false, loans);
        let before = self.yields;
        let (pat, body) = self.loop_body(d, |g| {
            if its.len() == 2 {
                let a = g.elems(its[0]);
                let b = g.elems(its[1]);
                format!("({a}, {b})")
            } else {
                g.elems(its[0])
            }
        });
        if self.yields > before {
            self.stats.crossed = true;
        }
        self.l[hidden].alive = false;
        self.l[hidden].in_scope = false;
        let ind = self.ind();
        let (l, pat) = Self::label_of(&pat);
        format!("{l}for {pat} in {src} {{\n{body}{ind}}}")
    }

    /// `while let Some(e) = it.next() { … }` over an iterator local.
    fn s_while_let(&mut self, d: u32) -> Option<String> {
        let c: Vec<usize> = (0..self.l.len())
            .filter(|&i| {
                matches!(self.l[i].ty, Ty::Iter(_))
                    && self.writable(whole(i))
                    && self.l[i].loop_depth == self.loop_depth
            })
            .collect();
        if c.is_empty() {
            return None;
        }
        let id = self.pick(&c);
        let Ty::Iter(it) = self.l[id].ty else {
            unreachable!()
        };
        self.touch(id);
        let name = self.l[id].name.clone();
        self.l[id].busy = true;
        let before = self.yields;
        let (pat, body) = self.loop_body(d, |g| g.elems(it));
        self.l[id].busy = false;
        if self.yields > before {
            self.stats.crossed = true;
        }
        let ind = self.ind();
        let (l, pat) = Self::label_of(&pat);
        Some(format!(
            "{l}while let Some({pat}) = {name}.next() {{\n{body}{ind}}}"
        ))
    }

    /// `for k in 0..n { … }`: borrows made in the body are made again each iteration.
    fn s_range_for(&mut self, d: u32) -> Option<String> {
        let n = 1 + self.below(3);
        let (pat, body) = self.loop_body(d, |g| {
            let k = g.fresh("k");
            g.declare(k.clone(), Ty::Int, false, vec![]);
            k
        });
        let ind = self.ind();
        let (l, pat) = Self::label_of(&pat);
        Some(format!("{l}for {pat} in 0..{n}i64 {{\n{body}{ind}}}"))
    }

    /// `loop { if fuel == 0 { break; } fuel -= 1; …; if c { break; } }`
    fn s_loop(&mut self, d: u32) -> Option<String> {
        let (pat, body) = self.loop_body(d, |_| String::new());
        let c = self.cond(false);
        let ind = self.ind();
        let (l, _) = Self::label_of(&pat);
        Some(format!(
            "{l}loop {{\n{ind}    if fuel == 0 {{ break; }}\n{ind}    fuel -= 1;\n{body}{ind}    if {c} {{ break; }}\n{ind}}}"
        ))
    }

    fn branch(&mut self, d: u32) -> (String, Snap) {
        let mark = self.enter();
        let k = 1 + self.below(3) as usize;
        let body = self.stmts(d, k);
        self.exit(mark);
        (body, self.snap())
    }

    fn s_if(&mut self, d: u32) -> Option<String> {
        let yc = self.chance(30);
        let c = self.cond(yc);
        let s0 = self.snap();
        let (a, sa) = self.branch(d);
        self.restore(&s0);
        let ind = self.ind();
        if self.chance(30) {
            self.join(&[sa, s0]);
            return Some(format!("if {c} {{\n{a}{ind}}}"));
        }
        let (b, sb) = self.branch(d);
        self.join(&[sa, sb]);
        Some(format!("if {c} {{\n{a}{ind}}} else {{\n{b}{ind}}}"))
    }

    fn s_match(&mut self, d: u32) -> Option<String> {
        let yc = self.chance(30);
        let e = self.expr(2, yc);
        let s0 = self.snap();
        let mut arms = vec![];
        let mut states = vec![];
        for k in 0..3 {
            self.restore(&s0);
            let (b, s) = self.branch(d);
            let ind = self.ind();
            let pat = if k == 2 {
                "_".to_string()
            } else {
                k.to_string()
            };
            arms.push(format!("{ind}    {pat} => {{\n{b}{ind}    }}\n"));
            states.push(s);
        }
        self.join(&states);
        let ind = self.ind();
        Some(format!(
            "match i64::rem_euclid({e}, 3) {{\n{}{ind}}}",
            arms.concat()
        ))
    }

    fn s_block(&mut self, d: u32) -> Option<String> {
        let mark = self.enter();
        let k = 1 + self.below(3) as usize;
        let body = self.stmts(d, k);
        self.exit(mark);
        let ind = self.ind();
        Some(format!("{{\n{body}{ind}}}"))
    }

    /// Short-borrow programs: every holder ends at a suspension point.
    fn end_all(&mut self) {
        if self.short {
            for x in self.l.iter_mut() {
                if !x.ty.owned() && x.ty != Ty::Loop {
                    x.alive = false;
                }
            }
        }
    }

    /// A yield statement whose value is read through live borrows when there are any.
    fn s_yield(&mut self) -> Option<String> {
        if self.short && self.loop_depth > 0 {
            return None;
        }
        let e = if self.chance(70) {
            let a = self.atom(false, true);
            if self.chance(40) {
                let b = self.expr(1, false);
                format!("mix({a}, {b})")
            } else {
                a
            }
        } else {
            self.expr(2, false)
        };
        self.yields += 1;
        self.stats.yields += 1;
        self.end_all();
        if self.kind == Kind::Gen && self.chance(45) {
            let y = self.fresh("y");
            self.declare(y.clone(), Ty::Int, false, vec![]);
            return Some(format!("let {y} = {Y0}{e}{Y1};"));
        }
        Some(format!("{Y0}{e}{Y1};"))
    }

    /// Writes through a live `&mut`: `*m += e;`, `m.push(e);`, `m.a = e;`, …
    fn s_write_through(&mut self) -> Option<String> {
        self.write_through(None)
    }

    /// A write through `on` (or through any live `&mut`).
    fn write_through(&mut self, on: Option<usize>) -> Option<String> {
        let c: Vec<usize> = (0..self.l.len())
            .filter(|&i| matches!(self.l[i].ty, Ty::Ref(true, _)) && self.writable(whole(i)))
            .filter(|&i| on.is_none_or(|h| h == i))
            .collect();
        if c.is_empty() {
            return None;
        }
        let id = self.pick(&c);
        self.touch(id);
        let n = self.l[id].name.clone();
        let Ty::Ref(_, pt) = self.l[id].ty else {
            unreachable!()
        };
        let y = self.kind != Kind::Iter || self.chance(50);
        let ind = self.ind();
        Some(match pt {
            Pt::Int => {
                let e = self.expr(2, y);
                match self.below(3) {
                    0 => format!("*{n} = {e};"),
                    1 => format!("*{n} += {e};"),
                    _ => format!("*{n} = (*{n}).wrapping_mul(3) ^ {e};"),
                }
            }
            Pt::Vec | Pt::Slice | Pt::Arr(_) => {
                self.l[id].busy = true;
                let e = self.expr(2, y);
                let s = match (pt, self.below(5)) {
                    (Pt::Vec, 0) => format!("{n}.push({e});"),
                    (Pt::Vec, 1) => {
                        self.l[id].busy = false;
                        let i = self.idx(&format!("{n}.len()"));
                        let ix = self.fresh("ix");
                        format!("{{\n{ind}    let {ix} = {i};\n{ind}    {n}[{ix}] = {e};\n{ind}}}")
                    }
                    (Pt::Vec, 2) => format!("if {n}.len() > 1 {{ {n}.pop(); }}"),
                    (Pt::Arr(k), 1) => {
                        let i = self.expr(1, false);
                        format!("{n}[i64::rem_euclid({i}, {k}) as usize] = {e};")
                    }
                    (_, 3) => format!("{n}.{}();", self.pick(&["sort", "reverse"])),
                    _ => {
                        let k = self.expr(1, false);
                        format!("poke({n}, {k}, {e});")
                    }
                };
                self.l[id].busy = false;
                s
            }
            Pt::Str => {
                self.l[id].busy = true;
                let s = match self.below(3) {
                    0 => format!("{n}.push_str(\" {}\");", self.pick(&["z", "9", "qq r"])),
                    1 => format!("{n}.push('{}');", self.pick(&["w", "5", " "])),
                    _ => {
                        let v = self.new_str();
                        format!("*{n} = {v};")
                    }
                };
                self.l[id].busy = false;
                s
            }
            Pt::P => {
                self.l[id].busy = true;
                let s = match self.below(5) {
                    0 => {
                        let e = self.expr(2, y);
                        format!("{n}.a += {e};")
                    }
                    1 => {
                        let e = self.expr(2, y);
                        format!("{n}.b.push({e});")
                    }
                    2 => format!("{n}.s.push_str(\" {}\");", self.pick(&["o", "8"])),
                    3 => {
                        let g = self.new_guard();
                        format!("{n}.g = {g};")
                    }
                    _ => {
                        let p = self.new_p();
                        format!("*{n} = {p};")
                    }
                };
                self.l[id].busy = false;
                s
            }
            Pt::Guard => {
                let g = self.new_guard();
                format!("*{n} = {g};")
            }
            Pt::StrSlice | Pt::Bytes => return None,
        })
    }

    /// Mutate, reassign or re-initialise an owned local (often right after ending the
    /// holders that borrowed it: "after the borrow's last use").
    fn s_mutate(&mut self, borrowed: bool) -> Option<String> {
        let owned: Vec<usize> = (0..self.l.len())
            .filter(|&i| {
                self.l[i].ty.owned()
                    && self.l[i].mutable
                    && self.l[i].in_scope
                    && self.visible(i)
                    && !self.l[i].busy
            })
            .filter(|&i| {
                !borrowed
                    || (0..self.l.len())
                        .any(|h| self.active(h) && self.l[h].loans.iter().any(|(q, _)| q.root == i))
            })
            .collect();
        if owned.is_empty() {
            return None;
        }
        let id = self.pick(&owned);
        // End the holders that borrow it, if they can be ended here.
        let blockers: Vec<usize> = (0..self.l.len())
            .filter(|&h| self.active(h) && self.l[h].loans.iter().any(|(q, _)| q.root == id))
            .collect();
        if !blockers.is_empty() {
            // Children of the blockers first: only plain cases.
            if !blockers.iter().all(|&h| self.endable(h)) {
                return None;
            }
            for &h in &blockers {
                self.l[h].alive = false;
            }
            self.stats.after_end += 1;
        }
        let n = self.l[id].name.clone();
        let ty = self.l[id].ty;
        if !self.l[id].init {
            if ty.guarded() || self.l[id].no_reinit {
                return None;
            }
            let v = self.new_value(ty);
            self.l[id].init = true;
            return Some(format!("{n} = {v};"));
        }
        let y = self.kind != Kind::Iter || self.chance(50);
        let ind = self.ind();
        Some(match ty {
            Ty::Int => {
                let e = self.expr(2, y);
                match self.below(3) {
                    0 => format!("{n} = {e};"),
                    1 => format!("{n} += {e};"),
                    _ => format!("{n} = {n}.wrapping_mul(5) ^ {e};"),
                }
            }
            Ty::Vec => match self.below(6) {
                0 => {
                    let v = self.new_vec();
                    format!("{n} = {v};")
                }
                1 => {
                    self.l[id].busy = true;
                    let e = self.expr(2, y);
                    self.l[id].busy = false;
                    format!("{n}.push({e});")
                }
                2 => {
                    let i = self.idx(&format!("{n}.len()"));
                    let ix = self.fresh("ix");
                    self.l[id].busy = true;
                    let e = self.expr(2, y);
                    self.l[id].busy = false;
                    format!("{{\n{ind}    let {ix} = {i};\n{ind}    {n}[{ix}] = {e};\n{ind}}}")
                }
                3 => format!("{n}.{}();", self.pick(&["sort", "reverse"])),
                4 => format!("if {n}.len() > 1 {{ {n}.pop(); }}"),
                _ => {
                    self.l[id].busy = true;
                    let (k, e) = (self.expr(1, false), self.expr(2, y));
                    self.l[id].busy = false;
                    format!("poke(&mut {n}, {k}, {e});")
                }
            },
            Ty::Arr(k) => match self.below(3) {
                0 => {
                    let e = self.expr(1, false);
                    format!("{n} = [{e}; {k}];")
                }
                1 => {
                    self.l[id].busy = true;
                    let (i, e) = (self.expr(1, false), self.expr(2, y));
                    self.l[id].busy = false;
                    format!("{n}[i64::rem_euclid({i}, {k}) as usize] = {e};")
                }
                _ => format!("{n}.{}();", self.pick(&["sort", "reverse"])),
            },
            Ty::Str => match self.below(3) {
                0 => {
                    let v = self.new_str();
                    format!("{n} = {v};")
                }
                1 => format!("{n}.push_str(\" {}\");", self.pick(&["k", "31", "u v"])),
                _ => format!("{n}.push('{}');", self.pick(&["t", "0"])),
            },
            Ty::P => {
                let f = self.pick(&FIELDS);
                if !self.writable(Place {
                    root: id,
                    field: Some(f),
                }) {
                    return None;
                }
                match (f, self.below(4)) {
                    (_, 0) if self.writable(whole(id)) => {
                        let p = self.new_p();
                        format!("{n} = {p};")
                    }
                    (Field::A, _) => {
                        let e = self.expr(2, y);
                        format!("{n}.a = {e};")
                    }
                    (Field::B, _) => {
                        let e = self.expr(1, false);
                        format!("{n}.b.push({e});")
                    }
                    (Field::S, _) => format!("{n}.s.push_str(\" {}\");", self.pick(&["m", "6"])),
                    (Field::G, _) => {
                        let g = self.new_guard();
                        format!("{n}.g = {g};")
                    }
                }
            }
            Ty::Guard => {
                let g = self.new_guard();
                format!("{n} = {g};")
            }
            _ => return None,
        })
    }

    /// Move a local out (`let q = v;`, `drop(g);`, `vsum(v)`), once nothing borrows it.
    /// Guarded values only in the block that declared them, unconditionally.
    fn s_move(&mut self) -> Option<String> {
        let c: Vec<usize> = (0..self.l.len())
            .filter(|&i| {
                let x = &self.l[i];
                matches!(x.ty, Ty::Vec | Ty::Str | Ty::P | Ty::Guard)
                    && x.init
                    && x.loop_depth == self.loop_depth
                    && (!x.ty.guarded() || x.depth == self.depth)
                    && self.usable(i)
                    && !self.loan_conflict(whole(i), true)
                    && x.name != "pv"
            })
            .collect();
        if c.is_empty() {
            return None;
        }
        let id = self.pick(&c);
        let n = self.l[id].name.clone();
        let ty = self.l[id].ty;
        self.l[id].init = false;
        if ty.guarded() {
            self.l[id].no_reinit = true;
        }
        Some(match (ty, self.below(3)) {
            (Ty::Vec, 0) if self.l[id].mutable => format!("acc = acc ^ vsum({n});").to_string(),
            (_, 1) => format!("drop({n});"),
            _ => {
                let q = self.fresh("q");
                let mutable = self.chance(50);
                self.declare(q.clone(), ty, mutable, vec![]);
                format!("let {}{q} = {n};", if mutable { "mut " } else { "" })
            }
        })
        .filter(|s| !s.starts_with("acc") || self.acc_writable())
        .or_else(|| Some(format!("drop({n});")))
    }

    fn acc_writable(&self) -> bool {
        (0..self.l.len())
            .any(|i| self.l[i].name == "acc" && self.visible(i) && self.writable(whole(i)))
    }

    fn s_acc(&mut self) -> Option<String> {
        if !self.acc_writable() {
            return None;
        }
        let e = if self.chance(60) {
            self.atom(self.kind != Kind::Iter, true)
        } else {
            self.expr(2, true)
        };
        Some(format!("acc = acc.wrapping_mul(3).wrapping_add({e});"))
    }

    /// `let w = it.next().unwrap_or("");` and the like: a borrow handed out by an
    /// iterator local, which outlives the iterator's use.
    fn s_next(&mut self) -> Option<String> {
        let c: Vec<usize> = (0..self.l.len())
            .filter(|&i| {
                matches!(self.l[i].ty, Ty::Iter(It::Shared | It::Words | It::Mut))
                    && self.writable(whole(i))
            })
            .collect();
        if c.is_empty() {
            return None;
        }
        let id = self.pick(&c);
        self.touch(id);
        let n = self.l[id].name.clone();
        let Ty::Iter(it) = self.l[id].ty else {
            unreachable!()
        };
        let loans: Vec<(Place, bool)> = self.l[id].loans.clone();
        match it {
            It::Words => {
                let w = self.fresh("w");
                self.declare(w.clone(), Ty::Ref(false, Pt::StrSlice), false, loans);
                Some(format!("let {w} = {n}.next().unwrap_or(\"\");"))
            }
            It::Shared => {
                let o = self.fresh("o");
                self.declare(o.clone(), Ty::Opt, false, loans);
                Some(format!("let {o} = {n}.next();"))
            }
            _ => {
                // `if let Some(e) = it.next() { *e += …; }`
                let s0 = self.snap();
                let mark = self.enter();
                let e = self.fresh("e");
                // `e` borrows what the iterator borrows (`v.iter_mut()`: `v`, mutably)
                self.declare(e.clone(), Ty::Ref(true, Pt::Int), false, loans);
                let k = 1 + self.below(2) as usize;
                let body = self.stmts(1, k);
                self.exit(mark);
                let s1 = self.snap();
                self.join(&[s0, s1]);
                let ind = self.ind();
                Some(format!(
                    "if let Some({e}) = {n}.next() {{\n{ind}    *{e} += 1;\n{body}{ind}}}"
                ))
            }
        }
    }

    /// `if let Some(e) = v.get(i) { … }`, `match v.first() { Some(e) => { … } None => … }`,
    /// `let Some(e) = v.last() else { … };`, `if let Some(e) = v.last_mut() { … }`: a
    /// binding that borrows through a pattern.
    fn s_if_let(&mut self, d: u32) -> Option<String> {
        let mut c: Vec<(String, Vec<(Place, bool)>, bool)> = vec![];
        for id in 0..self.l.len() {
            if !self.usable(id) {
                continue;
            }
            let n = self.l[id].name.clone();
            let seq = match self.l[id].ty {
                Ty::Vec => Some((n.clone(), whole(id))),
                Ty::P => Some((
                    format!("{n}.b"),
                    Place {
                        root: id,
                        field: Some(Field::B),
                    },
                )),
                Ty::Ref(_, Pt::Vec | Pt::Slice) => Some((n.clone(), whole(id))),
                Ty::Iter(It::Shared) if self.writable(whole(id)) => {
                    c.push((format!("{n}.next()"), self.l[id].loans.clone(), false));
                    None
                }
                _ => None,
            };
            let Some((t, p)) = seq else { continue };
            if self.readable(p) {
                let l = self.loans_of(p, false);
                let i = self.idx(&format!("{t}.len()"));
                for src in [
                    format!("{t}.first()"),
                    format!("{t}.last()"),
                    format!("{t}.get({i})"),
                ] {
                    c.push((src, l.clone(), false));
                }
                if !self.av.unwrap {
                    c.push((format!("{t}.iter().rev().next()"), l.clone(), false));
                }
            }
            let mutable_ok = match self.l[id].ty {
                Ty::Ref(m, _) => m,
                _ => self.l[id].mutable,
            };
            if mutable_ok && self.writable(p) {
                let l = self.loans_of(p, true);
                c.push((format!("{t}.last_mut()"), l.clone(), true));
                c.push((format!("{t}.first_mut()"), l, true));
            }
        }
        if c.is_empty() {
            return None;
        }
        let (src, loans, m) = self.pick(&c);
        for &(p, _) in &loans {
            if !self.l[p.root].ty.owned() {
                self.touch(p.root);
            }
        }
        self.stats.borrows += 1;
        self.stats.mut_borrows += usize::from(m);
        let ind = self.ind();
        let form = self.below(3);
        if form == 2 && !m {
            // let-else: `e` lives to the end of this block
            let e = self.fresh("e");
            let els = match self.kind {
                Kind::Gen => {
                    let v = self.expr(1, false);
                    format!("return {v};")
                }
                _ => "return;".to_string(),
            };
            self.declare(e.clone(), Ty::Ref(false, Pt::Int), false, loans);
            return Some(format!("let Some({e}) = {src} else {{ {els} }};"));
        }
        let s0 = self.snap();
        let mark = self.enter();
        let e = self.fresh("e");
        self.declare(e.clone(), Ty::Ref(m, Pt::Int), false, loans);
        let mut body = String::new();
        if self.chance(60) {
            let y = self.s_yield().unwrap_or_default();
            body = format!("{}{y}\n", self.ind());
        }
        let k = 1 + self.below(3) as usize;
        body.push_str(&self.stmts(d, k));
        self.exit(mark);
        let s1 = self.snap();
        self.restore(&s0);
        if form == 1 {
            let (b, s2) = self.branch(d);
            self.join(&[s1, s2]);
            return Some(format!(
                "match {src} {{\n{ind}    Some({e}) => {{\n{body}{ind}    }}\n{ind}    None => {{\n{b}{ind}    }}\n{ind}}}"
            ));
        }
        self.join(&[s0, s1]);
        Some(format!("if let Some({e}) = {src} {{\n{body}{ind}}}"))
    }

    /// `r = &y;` for a `let mut r = &x;` declared in this block.
    fn s_reassign_ref(&mut self) -> Option<String> {
        let c: Vec<usize> = (0..self.l.len())
            .filter(|&i| {
                matches!(self.l[i].ty, Ty::Ref(..))
                    && self.l[i].mutable
                    && self.l[i].depth == self.depth
                    && self.endable(i)
                    && self.visible(i)
            })
            .collect();
        if c.is_empty() {
            return None;
        }
        let id = self.pick(&c);
        let Ty::Ref(m, pt) = self.l[id].ty else {
            unreachable!()
        };
        // The old borrow ends here.
        let old = std::mem::take(&mut self.l[id].loans);
        self.l[id].alive = false;
        let cands: Vec<_> = self
            .borrow_places(m)
            .into_iter()
            .filter(|(t, _, p, _)| *p == pt && !t.contains("[IX"))
            .collect();
        if cands.is_empty() {
            self.l[id].loans = old;
            self.l[id].alive = true;
            return None;
        }
        let (t, p, _, _) = self.pick(&cands);
        self.l[id].loans = self.loans_of(p, m);
        self.l[id].alive = true;
        self.l[id].born = self.yields;
        let n = self.l[id].name.clone();
        self.stats.after_end += 1;
        Some(format!("{n} = {}{t};", if m { "&mut " } else { "&" }))
    }

    /// Closures that capture a local by reference (closures).
    fn s_closure(&mut self) -> Option<String> {
        let mut c: Vec<(usize, Option<Field>, bool)> = vec![];
        for id in 0..self.l.len() {
            if !self.usable(id) {
                continue;
            }
            match self.l[id].ty {
                Ty::Int | Ty::Vec => {
                    if self.readable(whole(id)) {
                        c.push((id, None, false));
                    }
                    if self.writable(whole(id)) {
                        c.push((id, None, true));
                    }
                }
                Ty::P => {
                    let p = Place {
                        root: id,
                        field: Some(Field::A),
                    };
                    if self.readable(p) {
                        c.push((id, Some(Field::A), false));
                    }
                    if self.writable(p) {
                        c.push((id, Some(Field::A), true));
                    }
                }
                _ => {}
            }
        }
        if c.is_empty() {
            return None;
        }
        let (id, f, m) = self.pick(&c);
        let n = self.l[id].name.clone();
        let body = match (self.l[id].ty, f, m) {
            (Ty::Int, _, false) => format!("k.wrapping_mul(3) ^ {n}"),
            (Ty::Int, _, true) => format!("{{ {n} = {n}.wrapping_add(k); {n} }}"),
            (Ty::Vec, _, false) => format!("k + {n}.len() as i64 + {n}[0]"),
            (Ty::Vec, _, true) => format!("{{ {n}.push(k); {n}.len() as i64 }}"),
            (_, _, false) => format!("k ^ {n}.a"),
            (_, _, true) => format!("{{ {n}.a += k; {n}.a }}"),
        };
        let name = self.fresh("c");
        let place = Place { root: id, field: f };
        self.declare(name.clone(), Ty::Clo(m), m, vec![(place, m)]);
        self.stats.borrows += 1;
        Some(format!(
            "let {}{name} = |k: i64| {body};",
            if m { "mut " } else { "" }
        ))
    }

    fn s_return(&mut self) -> Option<String> {
        let c = self.cond(false);
        Some(match self.kind {
            Kind::Gen => {
                let e = self.expr(2, false);
                format!("if {c} {{ return {e}; }}")
            }
            _ => format!("if {c} {{ return; }}"),
        })
    }

    fn s_break(&mut self) -> Option<String> {
        if self.loop_depth == 0 {
            return None;
        }
        let c = self.cond(false);
        let labels: Vec<String> = self.labels.iter().flatten().cloned().collect();
        let target = if !labels.is_empty() && self.chance(50) {
            format!(" {}", self.pick(&labels))
        } else {
            String::new()
        };
        Some(format!(
            "if {c} {{ {}{target}; }}",
            self.pick(&["break", "continue"])
        ))
    }

    /// `yield_from!(v.iter().copied());` (iterator kind)
    fn s_yield_from(&mut self) -> Option<String> {
        if self.short {
            return None;
        }
        let c: Vec<_> = self
            .iter_sources(false)
            .into_iter()
            .filter(|(_, _, it)| matches!(it, It::Shared | It::Copied | It::Words | It::Chars))
            .collect();
        if c.is_empty() {
            return None;
        }
        let (src, _, it) = self.pick(&c);
        let src = match it {
            It::Shared => format!("{src}.map(|e| *e * 2)"),
            It::Copied => src,
            It::Words => format!("{src}.map(wsum)"),
            _ => format!("{src}.map(|c| c as i64)"),
        };
        self.yields += 1;
        self.stats.yields += 1;
        Some(format!("{F0}{src}{F1};"))
    }

    /// Stream statements: `f(e).await;`, `let x = fr(&v, e).await;`,
    /// `let x = fm(&mut v, e).await;` (a future that borrows a local mutably).
    fn s_await(&mut self) -> Option<String> {
        if self.short && self.loop_depth > 0 {
            return None;
        }
        let s = self.s_await_inner();
        if s.is_some() {
            self.end_all();
        }
        s
    }

    fn s_await_inner(&mut self) -> Option<String> {
        self.stats.awaits += 1;
        self.yields += 1;
        match self.below(3) {
            0 => {
                let e = self.expr(2, false);
                Some(format!("f({e}).await;"))
            }
            1 => {
                let (arg, p) = self.slice_arg(false)?;
                let e = self.expr(1, false);
                let _ = p;
                let x = self.fresh("x");
                self.declare(x.clone(), Ty::Int, true, vec![]);
                Some(format!("let mut {x}: i64 = fr({arg}, {e}).await;"))
            }
            _ => {
                let (arg, p) = self.slice_arg(true)?;
                self.l[p.root].busy = true;
                let e = self.expr(1, false);
                self.l[p.root].busy = false;
                let x = self.fresh("x");
                self.declare(x.clone(), Ty::Int, true, vec![]);
                Some(format!("let mut {x}: i64 = fm({arg}, {e}).await;"))
            }
        }
    }

    fn stmt(&mut self, d: u32) -> String {
        for _ in 0..30 {
            let before = self.l.len();
            // End a holder now and then (its last use was before).
            if self.chance(18) {
                let e: Vec<usize> = (0..self.l.len()).filter(|&i| self.endable(i)).collect();
                if !e.is_empty() {
                    let h = self.pick(&e);
                    self.l[h].alive = false;
                }
            }
            let r = self.below(100);
            let s = match r {
                0..=5 => self.s_decl(),
                6..=18 => self.s_borrow(),
                19..=22 => self.s_iter(),
                23..=40 => self.s_yield(),
                41..=49 => self.s_write_through(),
                50..=53 => self.s_mutate(false),
                54..=58 => self.s_mutate(true),
                59..=66 if d > 0 => self.s_for_borrow(d - 1),
                67..=68 if d > 0 => self.s_range_for(d - 1),
                69 if d > 0 => self.s_loop(d - 1),
                70..=71 if d > 0 => self.s_while_let(d - 1),
                72..=74 if d > 0 => self.s_if(d - 1),
                75 if d > 0 => self.s_match(d - 1),
                97..=99 if d > 0 => self.s_if_let(d - 1),
                76..=77 if d > 0 => self.s_block(d - 1),
                78..=81 => self.s_acc(),
                82..=83 => self.s_move(),
                84..=86 => self.s_next(),
                87..=88 => self.s_reassign_ref(),
                89 if !self.av.closures => self.s_closure(),
                90 => self.s_return(),
                91 => self.s_break(),
                92..=94 if self.kind == Kind::Iter => self.s_yield_from(),
                92..=96 if self.kind == Kind::Stream => self.s_await(),
                _ => None,
            };
            if let Some(mut s) = s {
                // A borrow just made: often a yield, then a use of it after the yield.
                let new = (before..self.l.len())
                    .rev()
                    .find(|&i| !self.l[i].ty.owned() && self.l[i].ty != Ty::Loop && self.usable(i));
                if let Some(h) = new.filter(|_| !self.short && self.chance(35)) {
                    if let Some(y) = self.s_yield() {
                        let ind = self.ind();
                        s.push_str(&format!("\n{ind}{y}"));
                        let u = if matches!(self.l[h].ty, Ty::Ref(true, _)) && self.chance(60) {
                            self.write_through(Some(h))
                        } else {
                            None
                        };
                        let u = u.or_else(|| {
                            let r = self.read_of(h, false)?;
                            Some(if self.acc_writable() {
                                format!("acc = acc.wrapping_mul(3).wrapping_add({r});")
                            } else {
                                self.yields += 1;
                                self.stats.yields += 1;
                                format!("{Y0}{r}{Y1};")
                            })
                        });
                        if let Some(u) = u {
                            s.push_str(&format!("\n{ind}{u}"));
                        }
                    }
                }
                return s;
            }
        }
        let e = self.expr(1, false);
        if self.short && self.loop_depth > 0 {
            return format!("acc ^= {e};").replace("acc ^=", "let _ =");
        }
        self.yields += 1;
        self.stats.yields += 1;
        self.end_all();
        format!("{Y0}{e}{Y1};")
    }

    fn stmts(&mut self, d: u32, n: usize) -> String {
        let mut out = String::new();
        for _ in 0..n {
            if self.budget == 0 {
                break;
            }
            self.budget -= 1;
            let s = self.stmt(d);
            let ind = self.ind();
            out.push_str(&format!("{ind}{s}\n"));
        }
        out
    }
}

fn avoid_of(avoid: &[String]) -> Avoid {
    let has = |n: &str| avoid.iter().any(|a| a == n);
    Avoid {
        unwrap: has("chain-borrows"),
        branch: has("branch-borrows"),
        tuple: has("aggregate-borrows"),
        unlisted: has("unlisted-methods"),
        closures: has("closures"),
        vec_guard_refs: has("vec-guard-refs"),
        format_closures: has("macro-closures"),
        await_refs: has("await-through-refs"),
    }
}

pub fn program(rng: &mut Rng, avoid: &[String]) -> Prog {
    let kind = match rng.below(10) {
        0..=3 => Kind::Iter,
        4..=7 => Kind::Gen,
        _ => Kind::Stream,
    };
    let form = match (kind, rng.below(4)) {
        (_, 0 | 1) => Form::Attr,
        (_, 2) => Form::GenFn,
        (Kind::Gen, _) => Form::Attr,
        _ => Form::Block,
    };
    let resume = kind == Kind::Gen && form == Form::Attr && rng.chance(25);
    let mut g = Gen {
        rng,
        kind,
        av: avoid_of(avoid),
        l: vec![],
        depth: 0,
        loop_depth: 0,
        names: 0,
        guard_ids: 0,
        yields: 0,
        stats: Stats::default(),
        budget: 0,
        labels: vec![],
        short: false,
        no_closures: false,
    };
    g.short = g.chance(35);
    g.declare("seed".into(), Ty::Int, false, vec![]);
    g.declare("pv".into(), Ty::Vec, true, vec![]);
    if resume {
        g.declare("r0".into(), Ty::Int, false, vec![]);
    }
    let mut body = String::from("    let mut acc: i64 = seed;\n    let mut fuel: i64 = 40;\n");
    g.declare("acc".into(), Ty::Int, true, vec![]);
    let pre = 1 + g.below(3);
    for _ in 0..pre {
        let s = g.s_decl().unwrap_or_default();
        body.push_str(&format!("    {s}\n"));
    }
    g.budget = 10 + g.below(20) as usize;
    let n = 4 + g.below(8) as usize;
    body.push_str(&g.stmts(3, n));
    while g.budget > 0 {
        body.push_str(&g.stmts(3, 1));
    }
    // The end reads `acc`: holders that still borrow it end before.
    let acc = g.l.iter().position(|x| x.name == "acc").unwrap();
    if !g.readable(whole(acc)) {
        for x in g.l.iter_mut() {
            if !x.ty.owned() && x.ty != Ty::Loop {
                x.alive = false;
            }
        }
    }
    let e = g.expr(2, false);
    match kind {
        Kind::Gen => body.push_str(&format!("    mix(acc, {e})\n")),
        _ => {
            if g.chance(70) {
                body.push_str(&format!("    {Y0}mix(acc, {e}){Y1};\n"));
                g.stats.yields += 1;
            }
        }
    }
    Prog {
        kind,
        form,
        resume,
        body,
        stats: g.stats,
        short: g.short,
    }
}

// -------------------------------------------------------------------- emission

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum World {
    Stable,
    Nightly,
}

fn render(body: &str, keyword: bool, nightly: bool) -> String {
    let (y0, y1) = if keyword {
        ("(yield ", ")")
    } else {
        ("yield_!(", ")")
    };
    let (f0, f1) = if nightly {
        ("for yf in ", " { yield yf; }")
    } else {
        ("yield_from!(", ")")
    };
    body.replace(Y0, y0)
        .replace(Y1, y1)
        .replace(F0, f0)
        .replace(F1, f1)
}

fn emit(w: World, n: usize, p: &Prog) -> String {
    let params = "seed: i64, log: Log, mut pv: Vec<i64>";
    let args = "seed, log, vec![seed, 3, seed ^ 5]";
    let head = "#![allow(warnings)]\nuse crate::*;\n";
    match w {
        World::Stable => {
            let keyword = p.form != Form::Attr;
            let mut body = render(&p.body, keyword, false);
            // `gen_iter!` / `gen_stream!` take the item type from the yields.
            if p.form == Form::Block && !p.body.contains(Y0) && !p.body.contains(F0) {
                body = format!("    if false {{ yield 0i64; }}\n{body}");
            }
            let (ret, wrap) = match p.kind {
                Kind::Iter => ("impl Iterator<Item = i64>", "It"),
                Kind::Gen => ("impl Generator<i64, Yield = i64, Return = i64>", "Ge"),
                Kind::Stream => ("impl Stream<Item = i64>", "St"),
            };
            let start = match p.kind {
                Kind::Stream => format!("pub fn start(seed: i64, log: Log) -> impl Steppable {{ St(Box::pin(p{n}({args}))) }}\n"),
                _ => format!("pub fn start(seed: i64, log: Log) -> impl Steppable {{ {wrap}(p{n}({args})) }}\n"),
            };
            let func = match p.form {
                Form::Attr => {
                    let attr = if p.resume {
                        "#[generator(resume = r0)]"
                    } else {
                        "#[generator]"
                    };
                    format!("{attr}\npub fn p{n}({params}) -> {ret} {{\n{body}}}\n")
                }
                Form::GenFn => {
                    format!("gen_fn! {{\npub fn p{n}({params}) -> {ret} {{\n{body}}}\n}}\n")
                }
                Form::Block => {
                    let mac = if p.kind == Kind::Stream {
                        "gen_stream"
                    } else {
                        "gen_iter"
                    };
                    format!("pub fn p{n}({params}) -> {ret} {{\n{mac}! {{\n{body}}}\n}}\n")
                }
            };
            format!("{head}use gen_runtime::{{generator, gen_fn, gen_iter, gen_stream, yield_, yield_from, Generator, GeneratorState, Stream}};\n\n{start}\n{func}")
        }
        World::Nightly => {
            let mut body = render(&p.body, true, true);
            let (ret, wrap, open, close) = match p.kind {
                Kind::Iter => (
                    "impl Coroutine<(), Yield = i64, Return = ()>",
                    "It",
                    "#[coroutine]\nstatic move || {",
                    "}",
                ),
                Kind::Gen => (
                    "impl Coroutine<i64, Yield = i64, Return = i64>",
                    "Ge",
                    if p.resume {
                        "#[coroutine]\nstatic move |r0: i64| {"
                    } else {
                        "#[coroutine]\nstatic move |_first: i64| {"
                    },
                    "}",
                ),
                Kind::Stream => (
                    "impl Stream<Item = i64>",
                    "St",
                    "async_stream::stream! {",
                    "}",
                ),
            };
            if p.kind == Kind::Stream && !p.body.contains(Y0) && !p.body.contains(F0) {
                body = format!("    if false {{ yield 0i64; }}\n{body}");
            }
            format!(
                "{head}use std::ops::{{Coroutine, CoroutineState}};\nuse futures_core::Stream;\n\npub fn start(seed: i64, log: Log) -> impl Steppable {{ {wrap}(Box::pin(p{n}({args}))) }}\n\npub fn p{n}({params}) -> {ret} {{\n{open}\n{body}{close}\n}}\n"
            )
        }
    }
}

const COMMON: &str = r#"
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// The drop log: guard ids in the order they were dropped (one per run).
pub type Log = std::rc::Rc<std::cell::RefCell<Vec<i64>>>;

/// A guard: logs its id when dropped.
pub struct D(pub i64, pub Log);
impl Drop for D {
    fn drop(&mut self) {
        self.1.borrow_mut().push(self.0);
    }
}
pub fn dv(d: &D) -> i64 {
    d.0
}
pub struct P {
    pub a: i64,
    pub b: Vec<i64>,
    pub s: String,
    pub g: D,
}
/// Methods of a user type that return borrows of `self` (the macro cannot see them:
/// the body writes the borrow out, `(&p).bs()`, as the README says).
impl P {
    pub fn bs(&self) -> std::slice::Iter<'_, i64> {
        self.b.iter()
    }
    pub fn sw(&self) -> std::str::SplitWhitespace<'_> {
        self.s.split_whitespace()
    }
    pub fn am(&mut self) -> &mut i64 {
        &mut self.a
    }
}
pub fn mix(a: i64, b: i64) -> i64 {
    a.wrapping_mul(31).wrapping_add(b) ^ 5
}
pub fn peek(a: &[i64], k: i64) -> i64 {
    if a.is_empty() { k } else { a[k.rem_euclid(a.len() as i64) as usize] }
}
pub fn poke(a: &mut [i64], k: i64, v: i64) {
    if !a.is_empty() {
        let i = k.rem_euclid(a.len() as i64) as usize;
        a[i] = a[i].wrapping_mul(5).wrapping_add(v);
    }
}
pub fn wsum(s: &str) -> i64 {
    s.bytes().fold(0i64, |h, b| h.wrapping_mul(31).wrapping_add(b as i64))
}
pub fn vsum(v: Vec<i64>) -> i64 {
    v.iter().fold(0i64, |h, x| h.wrapping_mul(7).wrapping_add(*x))
}

/// `Pending` `k.rem_euclid(3)` times (waking the waker), then a value from `k`.
pub struct F {
    waits: u32,
    v: i64,
}
impl Future for F {
    type Output = i64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<i64> {
        if self.waits == 0 {
            return Poll::Ready(self.v);
        }
        self.waits -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
pub fn f(k: i64) -> F {
    F { waits: k.rem_euclid(3) as u32, v: (k.wrapping_mul(7) ^ 5).rem_euclid(16) }
}
/// The same, reading a borrowed slice when ready.
pub struct FR<'a> {
    waits: u32,
    a: &'a [i64],
    k: i64,
}
impl Future for FR<'_> {
    type Output = i64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<i64> {
        if self.waits == 0 {
            return Poll::Ready(peek(self.a, self.k).wrapping_add(self.a.len() as i64));
        }
        self.waits -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
pub fn fr(a: &[i64], k: i64) -> FR<'_> {
    FR { waits: k.rem_euclid(3) as u32, a, k }
}
/// The same, pushing onto a mutably borrowed vector when ready.
pub struct FM<'a> {
    waits: u32,
    v: &'a mut Vec<i64>,
    x: i64,
}
impl Future for FM<'_> {
    type Output = i64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<i64> {
        if self.waits == 0 {
            let x = self.x;
            self.v.push(x);
            return Poll::Ready(self.v.len() as i64);
        }
        self.waits -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
pub fn fm(v: &mut Vec<i64>, x: i64) -> FM<'_> {
    FM { waits: x.rem_euclid(3) as u32, v, x }
}

pub enum Step {
    Item(String),
    End(String),
}
/// One program, driven a step at a time (`k`: the step's number, the resume value).
pub trait Steppable {
    fn step(&mut self, k: i64) -> Step;
    /// Iterators: the items and the end through `for_each` (internal iteration).
    fn fold_items(self) -> Option<String>
    where
        Self: Sized,
    {
        None
    }
}

fn flush(log: &Log, seen: &mut usize, out: &mut String) {
    let l = log.borrow();
    for d in &l[*seen..] {
        out.push_str(&format!("~{d} "));
    }
    *seen = l.len();
}

/// Steps until the end (or `cut` steps, then drops the program): each item, `P` per
/// pending poll, the end (`R…`), `~id` per guard dropped during the step before it,
/// `|` where the program is dropped. Also the items and end alone, and the steps.
fn one<T: Steppable>(make: &impl Fn(i64, Log) -> T, seed: i64, cut: Option<usize>) -> (String, String, usize) {
    let log = Log::default();
    let mut g = make(seed, log.clone());
    let (mut out, mut items, mut seen, mut steps) = (String::new(), String::new(), 0usize, 0usize);
    loop {
        if steps == STEPS {
            out.push_str("TIMEOUT ");
            items.push_str("TIMEOUT");
            break;
        }
        if Some(steps) == cut {
            out.push_str("CUT ");
            break;
        }
        steps += 1;
        match g.step(steps as i64) {
            Step::Item(s) => {
                if s != "P" {
                    items.push_str(&s);
                    items.push(' ');
                }
                out.push_str(&s);
                out.push(' ');
            }
            Step::End(s) => {
                items.push('R');
                out.push_str(&s);
                out.push(' ');
                flush(&log, &mut seen, &mut out);
                break;
            }
        }
        flush(&log, &mut seen, &mut out);
    }
    out.push('|');
    drop(g);
    flush(&log, &mut seen, &mut out);
    (out.trim_end().to_string(), items, steps)
}

/// A full run for one seed, then runs cut after a third and two thirds of its steps.
pub fn run<T: Steppable>(make: impl Fn(i64, Log) -> T, seed: i64) -> String {
    let full = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| one(&make, seed, None)));
    let Ok((mut out, items, n)) = full else {
        return "PANIC".to_string();
    };
    let folded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| make(seed, Log::default()).fold_items()))
        .unwrap_or_else(|_| Some("PANIC".to_string()));
    if let Some(f) = folded {
        if f != items {
            out.push_str(&format!(" FOLDED {f}"));
        }
    }
    let mut cuts = vec![n / 3, 2 * n / 3];
    cuts.dedup();
    for c in cuts {
        if c > 0 && c < n {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| one(&make, seed, Some(c))))
                .map(|r| r.0)
                .unwrap_or_else(|_| "PANIC".to_string());
            out.push_str(&format!(" [cut {c}] {r}"));
        }
    }
    out
}

fn poll_step<S: Stream<Item = i64> + ?Sized>(s: Pin<&mut S>) -> Option<Option<i64>> {
    let mut cx = Context::from_waker(Waker::noop());
    match s.poll_next(&mut cx) {
        Poll::Pending => None,
        Poll::Ready(r) => Some(r),
    }
}

pub struct St<S>(pub Pin<Box<S>>);
impl<S: Stream<Item = i64>> Steppable for St<S> {
    fn step(&mut self, _k: i64) -> Step {
        match poll_step(self.0.as_mut()) {
            None => Step::Item("P".to_string()),
            Some(Some(y)) => Step::Item(y.to_string()),
            Some(None) => {
                let mut s = String::from("R");
                for _ in 0..3 {
                    match poll_step(self.0.as_mut()) {
                        Some(None) => s.push_str(" N"),
                        Some(Some(y)) => s.push_str(&format!(" !{y}")),
                        None => s.push_str(" !P"),
                    }
                }
                Step::End(s)
            }
        }
    }
}
"#;

const STABLE: &str = r#"
use gen_runtime::{Generator, GeneratorState, Stream};

pub struct It<I>(pub I);
impl<I: Iterator<Item = i64>> Steppable for It<I> {
    fn step(&mut self, _k: i64) -> Step {
        match self.0.next() {
            Some(y) => Step::Item(y.to_string()),
            None => {
                let mut s = String::from("R");
                for _ in 0..3 {
                    match self.0.next() {
                        None => s.push_str(" N"),
                        Some(y) => s.push_str(&format!(" !{y}")),
                    }
                }
                Step::End(s)
            }
        }
    }
    fn fold_items(self) -> Option<String> {
        struct Stop;
        let mut out = String::new();
        let mut n = 0;
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.0.for_each(|y| {
                if n == STEPS {
                    std::panic::resume_unwind(Box::new(Stop));
                }
                n += 1;
                out.push_str(&format!("{y} "));
            })
        }));
        match run {
            Ok(()) if n < STEPS => out.push('R'),
            Ok(()) => out.push_str("TIMEOUT"),
            Err(e) if e.is::<Stop>() => out.push_str("TIMEOUT"),
            Err(e) => std::panic::resume_unwind(e),
        }
        Some(out)
    }
}

pub struct Ge<G>(pub G);
impl<G: Generator<i64, Yield = i64, Return = i64>> Steppable for Ge<G> {
    fn step(&mut self, k: i64) -> Step {
        match self.0.resume(k) {
            GeneratorState::Yielded(y) => Step::Item(y.to_string()),
            GeneratorState::Complete(r) => Step::End(format!("R{r}")),
        }
    }
}
"#;

const NIGHTLY: &str = r#"
use futures_core::Stream;
use std::ops::{Coroutine, CoroutineState};

pub struct It<G>(pub Pin<Box<G>>);
impl<G: Coroutine<(), Yield = i64, Return = ()>> Steppable for It<G> {
    fn step(&mut self, _k: i64) -> Step {
        match self.0.as_mut().resume(()) {
            CoroutineState::Yielded(y) => Step::Item(y.to_string()),
            CoroutineState::Complete(()) => Step::End("R N N N".to_string()),
        }
    }
}

pub struct Ge<G>(pub Pin<Box<G>>);
impl<G: Coroutine<i64, Yield = i64, Return = i64>> Steppable for Ge<G> {
    fn step(&mut self, k: i64) -> Step {
        match self.0.as_mut().resume(k) {
            CoroutineState::Yielded(y) => Step::Item(y.to_string()),
            CoroutineState::Complete(r) => Step::End(format!("R{r}")),
        }
    }
}
"#;

fn wname(w: World) -> &'static str {
    match w {
        World::Stable => "stable",
        World::Nightly => "nightly",
    }
}

fn write_crate(
    w: World,
    dir: &Path,
    runtime: &Path,
    ids: &[usize],
    srcs: &BTreeMap<usize, (String, String)>,
) {
    let _ = fs::remove_dir_all(dir.join("src"));
    fs::create_dir_all(dir.join("src")).unwrap();
    let deps = match w {
        World::Stable => format!(
            "gen-runtime = {{ path = {:?} }}\n",
            runtime.display().to_string()
        ),
        World::Nightly => "async-stream = \"0.3\"\nfutures-core = \"0.3\"\n".to_string(),
    };
    let name = format!("difftest_borrows_{}", wname(w));
    fs::write(
        dir.join("Cargo.toml"),
        format!("[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{deps}\n[profile.dev]\ndebug = false\noverflow-checks = false\n"),
    )
    .unwrap();
    if w == World::Stable && !dir.join("Cargo.lock").exists() {
        let _ = fs::copy(runtime.join("../Cargo.lock"), dir.join("Cargo.lock"));
    }
    let mut main = String::new();
    if w == World::Nightly {
        main.push_str("#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]\n");
    }
    main.push_str("#![allow(warnings)]\n");
    main.push_str(&format!("pub const STEPS: usize = {STEPS};\n"));
    main.push_str(COMMON);
    main.push_str(if w == World::Stable { STABLE } else { NIGHTLY });
    for &i in ids {
        main.push_str(&format!("mod p{i};\n"));
        let (s, n) = &srcs[&i];
        fs::write(
            dir.join(format!("src/p{i}.rs")),
            if w == World::Stable { s } else { n },
        )
        .unwrap();
    }
    main.push_str("\nfn main() {\n    std::panic::set_hook(Box::new(|_| {}));\n");
    for &i in ids {
        main.push_str(&format!(
            "    println!(\"p{i}: {}\", {});\n",
            SEEDS
                .iter()
                .map(|s| format!("[s={s}] {{}}"))
                .collect::<Vec<_>>()
                .join(" "),
            SEEDS
                .iter()
                .map(|s| format!("run(p{i}::start, {s})"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    main.push_str("}\n");
    fs::write(dir.join("src/main.rs"), main).unwrap();
}

fn cargo(w: World, dir: &Path, target: &Path, run: bool) -> (bool, String, String) {
    let mut c = Command::new("cargo");
    if w == World::Nightly {
        c.arg("+nightly");
    }
    c.arg(if run { "run" } else { "build" })
        .arg("-q")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"));
    c.env("CARGO_TARGET_DIR", target);
    c.env_remove("RUSTUP_TOOLCHAIN");
    c.env_remove("CARGO");
    c.env_remove("RUSTC");
    let o = c.output().expect("spawn cargo");
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Split rustc stderr into per-program error texts (by `src/pN.rs` locations).
fn attribute_errors(stderr: &str) -> BTreeMap<usize, String> {
    let mut m: BTreeMap<usize, String> = BTreeMap::new();
    for chunk in stderr.split("\nerror").map(|c| format!("error{c}")) {
        if !chunk.contains("error[") && !chunk.contains("error:") {
            continue;
        }
        let mut rest = chunk.as_str();
        let mut first = None;
        while let Some(p) = rest.find("src/p") {
            let t = &rest[p + 5..];
            let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
            if !digits.is_empty() && t[digits.len()..].starts_with(".rs") {
                first = Some(digits.parse::<usize>().unwrap());
                break;
            }
            rest = t;
        }
        if let Some(i) = first {
            let e = m.entry(i).or_default();
            if e.len() < 8000 {
                e.push_str(&chunk);
                e.push('\n');
            }
        }
    }
    m
}

/// Build the crate, dropping programs that fail to compile: (remaining ids, failures).
fn build_pruned(
    w: World,
    dir: &Path,
    target: &Path,
    runtime: &Path,
    mut ids: Vec<usize>,
    srcs: &BTreeMap<usize, (String, String)>,
) -> (Vec<usize>, BTreeMap<usize, String>) {
    let mut fails = BTreeMap::new();
    for _round in 0..30 {
        write_crate(w, dir, runtime, &ids, srcs);
        let (ok, _, err) = cargo(w, dir, target, false);
        if ok {
            return (ids, fails);
        }
        let bad = attribute_errors(&err);
        if bad.is_empty() {
            eprintln!(
                "[{}] unattributable build error, checking programs one by one",
                wname(w)
            );
            let mut good = vec![];
            for &i in &ids {
                write_crate(w, dir, runtime, &[i], srcs);
                let (ok, _, err) = cargo(w, dir, target, false);
                if ok {
                    good.push(i);
                } else {
                    fails.insert(i, err);
                }
            }
            write_crate(w, dir, runtime, &good, srcs);
            let (ok, _, err) = cargo(w, dir, target, false);
            assert!(ok, "build still failing:\n{err}");
            return (good, fails);
        }
        for (i, e) in bad {
            ids.retain(|&x| x != i);
            fails.insert(i, e);
        }
    }
    panic!("too many build rounds");
}

/// `--borrows`: generate, build, run and compare. Returns whether everything agreed.
pub fn run(o: &Opts) -> bool {
    let work = o.work.join("borrows");
    fs::create_dir_all(&work).unwrap();
    let fail_dir = work.join("failures");
    let _ = fs::remove_dir_all(&fail_dir);
    fs::create_dir_all(&fail_dir).unwrap();
    let runtime = fs::canonicalize(&o.runtime).unwrap_or_else(|_| o.runtime.clone());
    let mut rng = Rng::new(o.seed);
    let mut srcs = BTreeMap::new();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = Stats::default();
    let (mut crossed, mut resume_bound, mut short) = (0, 0, 0);
    for n in 0..o.programs {
        let p = program(&mut rng, &o.avoid);
        *kinds
            .entry(format!("{:?}/{:?}", p.kind, p.form))
            .or_default() += 1;
        crossed += usize::from(p.stats.crossed);
        resume_bound += usize::from(p.resume);
        short += usize::from(p.short);
        total.yields += p.stats.yields;
        total.borrows += p.stats.borrows;
        total.mut_borrows += p.stats.mut_borrows;
        total.borrow_loops += p.stats.borrow_loops;
        total.after_end += p.stats.after_end;
        total.guards += p.stats.guards;
        total.awaits += p.stats.awaits;
        srcs.insert(n, (emit(World::Stable, n, &p), emit(World::Nightly, n, &p)));
    }
    let (mut agree, mut mismatches, mut cf_s, mut cf_n, mut timeouts, mut panics) =
        (0, 0, 0, 0, 0, 0);
    let mut report = String::new();
    let all: Vec<usize> = (0..o.programs).collect();
    for chunk in all.chunks(o.batch.max(1)) {
        eprintln!("batch {}..={}", chunk[0], chunk[chunk.len() - 1]);
        let mut ids: BTreeMap<World, Vec<usize>> = BTreeMap::new();
        for w in [World::Stable, World::Nightly] {
            let (ok, fails) = build_pruned(
                w,
                &work.join(wname(w)),
                &work.join(format!("target-{}", wname(w))),
                &runtime,
                chunk.to_vec(),
                &srcs,
            );
            for (i, e) in &fails {
                if w == World::Stable {
                    cf_s += 1;
                } else {
                    cf_n += 1;
                }
                fs::write(fail_dir.join(format!("p{i}.stable.rs")), &srcs[i].0).unwrap();
                fs::write(fail_dir.join(format!("p{i}.nightly.rs")), &srcs[i].1).unwrap();
                fs::write(fail_dir.join(format!("p{i}.{}-error.txt", wname(w))), e).unwrap();
                report.push_str(&format!("COMPILE FAILURE ({}) p{i}:\n{e}\n", wname(w)));
            }
            ids.insert(w, ok);
        }
        let both: Vec<usize> = ids[&World::Stable]
            .iter()
            .copied()
            .filter(|i| ids[&World::Nightly].contains(i))
            .collect();
        let mut outs = vec![];
        for w in [World::Stable, World::Nightly] {
            let dir = work.join(wname(w));
            write_crate(w, &dir, &runtime, &both, &srcs);
            let (ok, out, err) = cargo(w, &dir, &work.join(format!("target-{}", wname(w))), true);
            if !ok {
                eprintln!("run failed ({}):\n{err}", wname(w));
            }
            outs.push(out);
        }
        let ls: Vec<&str> = outs[0].lines().collect();
        let ln: Vec<&str> = outs[1].lines().collect();
        for (k, &i) in both.iter().enumerate() {
            let a = ls.get(k).copied().unwrap_or("<missing>");
            let b = ln.get(k).copied().unwrap_or("<missing>");
            timeouts += usize::from(b.contains("TIMEOUT"));
            panics += usize::from(b.contains("PANIC") || a.contains("PANIC"));
            if a == b {
                agree += 1;
            } else {
                mismatches += 1;
                fs::write(fail_dir.join(format!("p{i}.stable.rs")), &srcs[&i].0).unwrap();
                fs::write(fail_dir.join(format!("p{i}.nightly.rs")), &srcs[&i].1).unwrap();
                fs::write(
                    fail_dir.join(format!("p{i}.mismatch.txt")),
                    format!("stable:  {a}\nnightly: {b}\n"),
                )
                .unwrap();
                report.push_str(&format!("MISMATCH p{i}:\n  stable:  {a}\n  nightly: {b}\n"));
            }
        }
    }
    report.push_str(&format!(
        "borrows: programs={} seed={} avoid={:?} agree={agree} mismatches={mismatches} compile_failures_stable={cf_s} compile_failures_nightly={cf_n}\n",
        o.programs, o.seed, o.avoid
    ));
    report.push_str(&format!(
        "kinds/forms: {kinds:?}; resume bound: {resume_bound}; short-borrow programs: {short}\nprograms with a borrow live across a suspension point: {crossed}; borrows: {} ({} mutable, {} borrowing for loops); mutations after a borrow's last use: {}; yields: {}; awaits: {}; guards: {}; runs with TIMEOUT: {timeouts}; with PANIC: {panics}\nfailures written to {}\n",
        total.borrows, total.mut_borrows, total.borrow_loops, total.after_end, total.yields, total.awaits, total.guards,
        fail_dir.display()
    ));
    fs::write(work.join("report.txt"), &report).unwrap();
    print!("{report}");
    mismatches + cf_s + cf_n == 0
}
