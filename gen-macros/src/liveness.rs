//! Which locals each suspension point carries.
//!
//! ```text
//! let g = m.lock();   // never read again: carried, so it lives to its block's end
//! let v = make();
//! consume(v);         // moved: not carried
//! let n = 3;
//! yield_!(1);         // carries g and n (n is read below)
//! print(n);
//! ```
//!
//! Carry = in scope ∧ initialized ∧ (read later ∨ (never moved ∧ not a borrow ∧ maybe
//! dropped)). "Maybe dropped": its type, as written, may have drop glue (`let i = 0;`,
//! `n: usize` have none: nobody can tell when they die).
//! "Read later" is decided on the continuation: the rest of every enclosing block and,
//! for enclosing loops, the whole loop again — exactly the code the resume arm runs.

use crate::diagnostics::Errors;
use crate::inplace;
use crate::ir::{BindingId, Block, Body, Fragment, Stmt};
use crate::scope::{self, UseKind, Uses};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

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

/// Does resuming the point complete at once, with nothing to do and nothing to drop? It
/// carries nothing, takes no resume argument, and on its path (outside every loop) no
/// statement follows it before a plain `return` or the end of the body. For the iterator
/// kind such a state behaves exactly like the finished one, and the yield can store that.
pub(crate) fn only_completes(body: &Body, point: &Point) -> bool {
    if !point.carried.is_empty() || !point.redeclare.is_empty() {
        return false;
    }
    let on_path = path_blocks(body, &point.path);
    match on_path.last() {
        Some(&(block, i)) if matches!(block.stmts[i], Stmt::Yield { bind: None, .. }) => {}
        _ => return false,
    }
    for &(block, i) in on_path.iter().rev() {
        if matches!(block.stmts[i], Stmt::Loop { .. } | Stmt::Labeled { .. }) {
            return false;
        }
        match block.stmts[i + 1..].first() {
            None => {}
            Some(Stmt::Return(None)) => return true,
            Some(Stmt::Native(syn::Stmt::Expr(syn::Expr::Return(r), _))) => {
                return r.expr.is_none() && r.attrs.is_empty();
            }
            Some(_) => return false,
        }
    }
    // The body always ends in a `Return`: this is not reached.
    false
}

pub struct Point {
    pub path: Vec<Step>,
    /// Carried bindings, oldest first, with the depth of the block that declares them.
    pub carried: Vec<(BindingId, usize)>,
    /// In scope and read later but not yet initialized (`let x;` assigned after resuming).
    pub redeclare: Vec<(BindingId, usize)>,
    /// The in-scope bindings the continuation may read (ignoring where it diverges).
    pub read_later: HashSet<BindingId>,
}

pub struct Liveness {
    /// The suspension points, then the join points (join `j` is `points[yields + j]`).
    pub points: Vec<Option<Point>>,
    /// Carried while hidden by a later binding of the same name: emitted under another name.
    pub renamed: HashSet<BindingId>,
}

pub fn analyze(body: &Body, errors: &mut Errors) -> Liveness {
    let mut name_ids = HashMap::new();
    let name_of = body
        .bindings
        .iter()
        .map(|b| {
            let next = name_ids.len();
            *name_ids.entry(b.ident.to_string()).or_insert(next)
        })
        .collect();
    let mut w = Walker {
        body,
        name_ids,
        name_of,
        uses: RefCell::default(),
        env: Vec::new(),
        depth: 0,
        moved: HashSet::new(),
        init: HashSet::new(),
        jumps: RefCell::default(),
        targets: RefCell::default(),
        left: RefCell::default(),
        exits: Vec::new(),
        referenced: HashSet::new(),
        path: Vec::new(),
        frames: Vec::new(),
        points: (0..body.yields + body.joins).map(|_| None).collect(),
        renamed: HashSet::new(),
        reported: HashSet::new(),
        errors,
    };
    w.block(&body.block);
    Liveness {
        points: w.points,
        renamed: w.renamed,
    }
}

/// A use of a name that some binding has, by name id.
type Use = (usize, UseKind);

/// A fragment's uses, in source order.
type UseList = Rc<[Use]>;

/// The forward state at a point of the walk: the walker's `init` and `moved`.
type State = (HashSet<BindingId>, HashSet<BindingId>);

/// Where branches meet: assigned on every one, moved on any.
fn merge((mut init, mut moved): State, (other_init, other_moved): State) -> State {
    init.retain(|b| other_init.contains(b));
    moved.extend(other_moved);
    (init, moved)
}

/// The state at the jumps out of a loop or labelled block.
#[derive(Default)]
struct Jumps {
    /// The loop's or block's label, and whether it is a loop (an unlabelled `break`
    /// leaves the innermost loop).
    label: Option<String>,
    is_loop: bool,
    /// Moved at some jump.
    moved: HashSet<BindingId>,
    /// Assigned at every `break` (`None`: none yet).
    init: Option<HashSet<BindingId>>,
}

#[derive(Clone, Copy)]
enum Frame<'a> {
    /// Inside statement `idx` of `block`, at a depth.
    Block(&'a Block, usize, usize),
    /// Inside the body of this loop statement.
    Loop(&'a Stmt),
}

struct Walker<'a, 'e> {
    body: &'a Body,
    /// Each distinct binding name, numbered.
    name_ids: HashMap<String, usize>,
    /// The name id of each binding.
    name_of: Vec<usize>,
    /// The uses of each fragment, by address: every suspension point walks its
    /// continuation again, and with it the same fragments.
    uses: RefCell<HashMap<(usize, u8), UseList>>,
    /// By statement address: does it contain a `break`/`continue` (`jumps_in`).
    jumps: RefCell<HashMap<usize, bool>>,
    /// By statement address: where its jumps go (`scope::break_targets`).
    targets: RefCell<HashMap<usize, Rc<scope::BreakTargets>>>,
    /// By statement address: the names it may leave moved (`scope::moves_left`, `None`
    /// when it jumps).
    left: RefCell<HashMap<usize, Option<Rc<HashSet<String>>>>>,
    /// In-scope bindings in declaration order, with their block depth.
    env: Vec<(BindingId, usize)>,
    depth: usize,
    /// Possibly moved out: by a use on some path walked so far, not assigned again since.
    moved: HashSet<BindingId>,
    /// Deferred bindings that are definitely assigned.
    init: HashSet<BindingId>,
    /// One per enclosing loop or labelled block: what the `break`s and `continue`s walked
    /// inside it leave behind, for the code after it.
    exits: Vec<Jumps>,
    referenced: HashSet<BindingId>,
    path: Vec<Step>,
    frames: Vec<Frame<'a>>,
    points: Vec<Option<Point>>,
    renamed: HashSet<BindingId>,
    reported: HashSet<BindingId>,
    errors: &'e mut Errors,
}

impl<'a> Walker<'a, '_> {
    fn visible(&self, name: &str) -> Option<BindingId> {
        self.name_ids.get(name).and_then(|&n| self.visible_id(n))
    }

    fn visible_id(&self, name: usize) -> Option<BindingId> {
        self.env
            .iter()
            .rev()
            .map(|&(b, _)| b)
            .find(|&b| self.name_of[b] == name)
    }

    fn memo(&self, key: (usize, u8), uses: impl FnOnce() -> Uses) -> UseList {
        if let Some(list) = self.uses.borrow().get(&key) {
            return list.clone();
        }
        // Names no binding has resolve to nothing anywhere: leave them out.
        let list: UseList = uses()
            .list
            .into_iter()
            .filter_map(|(name, kind)| self.name_ids.get(&name).map(|&n| (n, kind)))
            .collect();
        self.uses.borrow_mut().insert(key, list.clone());
        list
    }

    fn uses_of_expr(&self, e: &syn::Expr) -> UseList {
        self.memo((std::ptr::from_ref(e) as usize, 0), || Uses::of_expr(e))
    }

    fn uses_of_stmt(&self, s: &syn::Stmt) -> UseList {
        self.memo((std::ptr::from_ref(s) as usize, 1), || Uses::of_stmt(s))
    }

    fn uses_of_block(&self, b: &syn::Block) -> UseList {
        self.memo((std::ptr::from_ref(b) as usize, 2), || Uses::of_block(b))
    }

    fn apply(&mut self, uses: &[Use]) {
        for &(name, kind) in uses {
            let Some(b) = self.visible_id(name) else {
                continue;
            };
            self.referenced.insert(b);
            match kind {
                UseKind::Move => {
                    self.moved.insert(b);
                }
                // Maybe not on every path: the fragment's walk decides what it initializes
                // (`initialize`), and only `x = …;` on its own undoes a move (`native`).
                UseKind::Assign | UseKind::Borrow => {}
            }
        }
    }

    /// Deferred bindings the fragment assigns on every path through it are initialized.
    fn initialize(&mut self, uses: &[Use], sure: impl FnOnce() -> HashSet<String>) {
        if uses.iter().any(|&(_, k)| k == UseKind::Assign) {
            for name in sure() {
                if let Some(b) = self.visible(&name) {
                    self.init.insert(b);
                }
            }
        }
    }

    /// The uses of an expression fragment, and what it initializes.
    fn expr(&mut self, e: &syn::Expr) {
        let uses = self.uses_of_expr(e);
        self.apply(&uses);
        self.initialize(&uses, || scope::assigned_surely(e));
    }

    fn declare(&mut self, binds: &[BindingId]) {
        for &b in binds {
            self.env.push((b, self.depth));
        }
    }

    fn block(&mut self, block: &'a Block) {
        let mark = self.env.len();
        self.depth += 1;
        self.declare(&block.prelude);
        for (i, stmt) in block.stmts.iter().enumerate() {
            self.path.push(Step::Stmt(i));
            self.frames.push(Frame::Block(block, i, self.depth));
            self.stmt(stmt);
            self.frames.pop();
            self.path.pop();
        }
        self.depth -= 1;
        self.env.truncate(mark);
    }

    fn nested(&mut self, step: Step, block: &'a Block) {
        self.path.push(step);
        self.block(block);
        self.path.pop();
    }

    fn stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Native(s) => self.native(s),
            Stmt::Let {
                init,
                diverge,
                binds,
                ..
            } => {
                if let Some(init) = init {
                    self.expr(init);
                }
                if let Some(d) = diverge {
                    self.apply(&self.uses_of_block(d));
                }
                self.declare(binds);
            }
            Stmt::Join { id } => self.record(self.body.yields + id, &[]),
            Stmt::Yield { id, value, bind } => {
                self.expr(value);
                self.record(*id, bind.as_ref().map(|(_, b)| b.as_slice()).unwrap_or(&[]));
                if let Some((_, binds)) = bind {
                    self.declare(binds);
                }
            }
            Stmt::If { cond, then, els } => {
                self.expr(cond);
                let before = (self.init.clone(), self.moved.clone());
                self.nested(Step::Then, then);
                let after_then = self.branch_end(&before);
                if let Some(els) = els {
                    self.nested(Step::Else, els);
                }
                self.join(after_then);
            }
            Stmt::Match { scrutinee, arms } => {
                self.expr(scrutinee);
                let before = (self.init.clone(), self.moved.clone());
                let mut out: Option<State> = None;
                for (i, arm) in arms.iter().enumerate() {
                    if let Some(g) = &arm.guard {
                        self.apply(&self.uses_of_expr(g));
                    }
                    self.nested(Step::Arm(i), &arm.body);
                    let end = self.branch_end(&before);
                    out = Some(match out {
                        Some(o) => merge(o, end),
                        None => end,
                    });
                }
                if let Some(state) = out {
                    (self.init, self.moved) = state;
                }
            }
            Stmt::Loop { body, slot, label } => {
                // A move anywhere in the body reaches every point of it through the back edge.
                let outer: HashSet<BindingId> = self.env.iter().map(|&(b, _)| b).collect();
                for b in self.moves_in(body) {
                    if outer.contains(&b) {
                        self.moved.insert(b);
                    }
                }
                let before = self.init.clone();
                self.frames.push(Frame::Loop(stmt));
                self.exits.push(Jumps {
                    label: label.as_ref().map(|l| l.ident.to_string()),
                    is_loop: true,
                    ..Jumps::default()
                });
                self.nested(Step::Body, body);
                // Only a `break` leaves a `loop`: what was assigned at every one of them
                // is assigned after it.
                self.init = self.leave().unwrap_or(before);
                if let Some(slot) = slot {
                    if let Some(b) = self.visible(&slot.to_string()) {
                        self.init.insert(b);
                    }
                }
            }
            Stmt::Labeled { body, slot, label } => {
                self.frames.push(Frame::Loop(stmt));
                self.exits.push(Jumps {
                    label: Some(label.ident.to_string()),
                    ..Jumps::default()
                });
                self.nested(Step::Body, body);
                // Falling off its end or breaking out of it.
                if let Some(at_breaks) = self.leave() {
                    self.init.retain(|b| at_breaks.contains(b));
                }
                if let Some(slot) = slot {
                    if let Some(b) = self.visible(&slot.to_string()) {
                        self.init.insert(b);
                    }
                }
            }
            Stmt::Block(b) => self.nested(Step::Body, b),
            Stmt::Return(e) => {
                if let Some(e) = e {
                    self.expr(e);
                }
            }
        }
    }

    fn jumps_in(&self, s: &syn::Stmt) -> bool {
        let key = std::ptr::from_ref(s) as usize;
        *self
            .jumps
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| jumps_in(s))
    }

    fn targets(&self, s: &syn::Stmt) -> Rc<scope::BreakTargets> {
        let key = std::ptr::from_ref(s) as usize;
        self.targets
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| Rc::new(scope::break_targets(s)))
            .clone()
    }

    fn moves_left(&self, s: &syn::Stmt) -> Option<Rc<HashSet<String>>> {
        let key = std::ptr::from_ref(s) as usize;
        if let Some(left) = self.left.borrow().get(&key) {
            return left.clone();
        }
        let left = (!self.jumps_in(s)).then(|| Rc::new(scope::moves_left(s)));
        self.left.borrow_mut().insert(key, left.clone());
        left
    }

    fn native(&mut self, s: &syn::Stmt) {
        let uses = self.uses_of_stmt(s);
        if self.jumps_in(s) {
            // What the statement has surely assigned where it breaks (a `continue` goes
            // back to the loop's head, not past it), before its uses apply.
            let at_breaks = scope::assigned_at_breaks(s).map(|names| {
                let mut init = self.init.clone();
                init.extend(names.iter().filter_map(|n| self.visible(n)));
                init
            });
            self.apply(&uses);
            self.initialize(&uses, || scope::assigned_surely_stmt(s));
            self.jump(s, at_breaks.as_ref());
            return;
        }
        // Moved here, not before: assigned again inside the statement on every path
        // after the move, they are not moved after it (`while c { push(x); x = f(); }`).
        let fresh: Vec<BindingId> = uses
            .iter()
            .filter(|&&(_, k)| k == UseKind::Move)
            .filter_map(|&(n, _)| self.visible_id(n))
            .filter(|b| !self.moved.contains(b))
            .collect();
        self.apply(&uses);
        self.initialize(&uses, || scope::assigned_surely_stmt(s));
        if let Some(b) = whole_assignment(s).and_then(|i| self.visible(&i.to_string())) {
            self.moved.remove(&b);
        } else if !fresh.is_empty() {
            if let Some(left) = self.moves_left(s) {
                for b in fresh {
                    if !left.contains(&self.body.bindings[b].ident.to_string()) {
                        self.moved.remove(&b);
                    }
                }
            }
        }
    }

    /// A statement with a `break` or `continue`: what it moved reaches the code after
    /// every enclosing loop and block; what it had assigned where it breaks (`at_breaks`)
    /// bounds what is assigned after the ones it leaves.
    fn jump(&mut self, s: &syn::Stmt, at_breaks: Option<&HashSet<BindingId>>) {
        let targets = at_breaks.map(|_| self.targets(s)).unwrap_or_default();
        let mut innermost_loop = true;
        for j in self.exits.iter_mut().rev() {
            j.moved.extend(self.moved.iter().copied());
            let leaves = targets.leave(j.label.as_deref(), j.is_loop && innermost_loop);
            innermost_loop &= !j.is_loop;
            if let (true, Some(init)) = (leaves, at_breaks) {
                scope::meet(&mut j.init, init);
            }
        }
    }

    /// The state at the end of a branch, and the state before it restored for the next.
    fn branch_end(&mut self, before: &State) -> State {
        (
            std::mem::replace(&mut self.init, before.0.clone()),
            std::mem::replace(&mut self.moved, before.1.clone()),
        )
    }

    /// Where the branch just walked meets an earlier one.
    fn join(&mut self, other: State) {
        let now = (
            std::mem::take(&mut self.init),
            std::mem::take(&mut self.moved),
        );
        (self.init, self.moved) = merge(now, other);
    }

    /// Out of a loop or labelled block: what its jumps moved is moved after it too; what
    /// was assigned at all its `break`s (`None`: it has none).
    fn leave(&mut self) -> Option<HashSet<BindingId>> {
        self.frames.pop();
        let exits = self.exits.pop().unwrap_or_default();
        self.moved.extend(exits.moved);
        exits.init
    }

    /// Bindings (resolved in the current scope) that some yield-free fragment inside
    /// `block` may leave moved.
    fn moves_in(&self, block: &Block) -> Vec<BindingId> {
        let mut moved = Vec::new();
        block.fragments(&mut |_, fragment| {
            let (uses, left) = match fragment {
                Fragment::Stmt(s) => (self.uses_of_stmt(s), self.moves_left(s)),
                Fragment::Expr(e) => (self.uses_of_expr(e), None),
                Fragment::Block(b) => (self.uses_of_block(b), None),
            };
            moved.extend(
                uses.iter()
                    .filter(|(_, k)| *k == UseKind::Move)
                    .filter_map(|&(n, _)| self.visible_id(n))
                    .filter(|&b| {
                        left.as_ref().map_or(true, |l| {
                            l.contains(&self.body.bindings[b].ident.to_string())
                        })
                    }),
            );
        });
        moved
    }

    fn record(&mut self, id: usize, resume_binds: &[BindingId]) {
        let (live, assigned) = self.continuation_reads(resume_binds);
        let mut carried = Vec::new();
        let mut redeclare = Vec::new();
        for &(b, depth) in &self.env {
            let binding = &self.body.bindings[b];
            let visible = self.visible_id(self.name_of[b]) == Some(b);
            let init = !binding.deferred || self.init.contains(&b);
            let read_later = live.contains(&b);
            let hold = !self.moved.contains(&b)
                && !binding.borrow_like
                && !binding.plain
                && (visible || !self.referenced.contains(&b));
            // A hidden binding is named under another name; then it must be renamed everywhere.
            if init && (read_later || hold) {
                carried.push((b, depth));
                if !visible {
                    self.renamed.insert(b);
                }
            } else if read_later || assigned.contains(&b) {
                // Written (or, uninitialized, read) after resuming: declared again, empty.
                redeclare.push((b, depth));
            }
        }
        for &(b, _) in &carried {
            let Some((borrowed, borrow)) = &self.body.bindings[b].borrows else {
                continue;
            };
            let in_scope = self.env.iter().any(|&(x, _)| x == *borrowed);
            if in_scope && self.reported.insert(b) {
                let name = &self.body.bindings[*borrowed].ident;
                self.errors.error_spanned(
                    borrow,
                    format!(
                        "`{name}` is a local of this generator and is borrowed across a suspension point; \
                         a generator's state moves between resumes, so a reference or pointer into it \
                         would dangle. Use `{name}` by value instead (`for x in {name}` / `.into_iter()`, \
                         or copy out what you need before the yield), index into it, \
                         or take it as a reference parameter (`{name}: &[T]`)"
                    ),
                );
            }
        }
        self.points[id] = Some(Point {
            path: self.path.clone(),
            carried,
            redeclare,
            read_later: live,
        });
    }

    /// Bindings of the current scope read by the code that runs after resuming.
    fn continuation_reads(
        &self,
        resume_binds: &[BindingId],
    ) -> (HashSet<BindingId>, HashSet<BindingId>) {
        let n = self.body.bindings.len();
        let mut reads = Reads {
            walker: self,
            shadow: vec![Vec::new()],
            shadowed: vec![0; self.name_ids.len()],
            found: vec![false; n],
            assigned: vec![false; n],
            killed: vec![false; n],
            max_depth: self.depth,
            jumps: false,
            nest: 0,
            loops_inside: 0,
            loop_kills: Vec::new(),
            breaking: false,
            frame_loop: false,
        };
        let innermost = self.frames.len().saturating_sub(1);
        // Per frame: is it inside a loop of the frames (where an unlabelled `break` goes)?
        let mut loops_above = Vec::with_capacity(self.frames.len());
        let mut any = false;
        for frame in &self.frames {
            loops_above.push(any);
            any |= matches!(frame, Frame::Loop(Stmt::Loop { .. }));
        }
        // Where the code after the suspension point certainly leaves the enclosing
        // statements: later code of those frames never runs.
        let mut exit: Option<Exit> = None;
        for (level, frame) in self.frames.iter().enumerate().rev() {
            reads.frame_loop = loops_above[level];
            match *frame {
                Frame::Block(block, idx, depth) => {
                    // Leaving a block: its bindings no longer hide outer ones.
                    reads.max_depth = depth;
                    if exit.is_some() {
                        continue;
                    }
                    reads.push_scope();
                    if level == innermost {
                        reads.bind(resume_binds);
                    }
                    exit = reads.stmts(&block.stmts[idx + 1..]);
                    // A `break`/`continue` nested before the exit (`if c { break; }
                    // return;`) may leave for code the exit skips: walk on as if none.
                    if reads.jumps {
                        exit = None;
                    }
                    reads.pop_scope();
                }
                Frame::Loop(stmt) => {
                    reads.max_depth -= 1;
                    // Some path broke out of this loop: it goes on after the loop.
                    let broke =
                        matches!(stmt, Stmt::Loop { .. }) && std::mem::take(&mut reads.breaking);
                    match (exit, stmt) {
                        // `break`/`continue` skip labelled blocks; `return` leaves everything.
                        (Some(Exit::Return), _) | (_, Stmt::Labeled { .. }) => {}
                        (Some(Exit::Break), _) => exit = None,
                        (None | Some(Exit::Continue), Stmt::Loop { body, .. }) => {
                            exit = None;
                            // Its `break`s land after it: walked anyway.
                            reads.loops_inside += 1;
                            reads.block(body);
                            reads.loops_inside -= 1;
                        }
                        (None | Some(Exit::Continue), _) => {}
                    }
                    if matches!(stmt, Stmt::Loop { .. }) {
                        // Past the loop, the paths that broke out of it join again.
                        for b in std::mem::take(&mut reads.loop_kills) {
                            reads.killed[b] = false;
                        }
                        if broke {
                            exit = None;
                        }
                    }
                }
            }
        }
        let set = |v: Vec<bool>| -> HashSet<BindingId> {
            v.into_iter()
                .enumerate()
                .filter_map(|(b, x)| x.then_some(b))
                .collect()
        };
        (set(reads.found), set(reads.assigned))
    }
}

/// Does the statement contain a `break` or a `continue` (anywhere: in a closure or an
/// inner loop too, which only makes the analysis more careful)?
fn jumps_in(stmt: &syn::Stmt) -> bool {
    let tokens = quote::ToTokens::to_token_stream(stmt);
    inplace::mentions(tokens.clone(), "break") || inplace::mentions(tokens, "continue")
}

/// The local a statement overwrites as a whole: `x = …;` on its own (an assignment nested
/// in a condition, a loop or a block may not run). On every path through it, when the
/// statement has no `break`/`continue`: both callers have already asked.
fn whole_assignment(stmt: &syn::Stmt) -> Option<&proc_macro2::Ident> {
    match stmt {
        syn::Stmt::Expr(syn::Expr::Assign(a), _) => scope::assigned_local(a),
        _ => None,
    }
}

/// How a statement certainly leaves its block (unlabelled `break`/`continue` only).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Exit {
    Return,
    Break,
    Continue,
}

impl Exit {
    fn of(stmt: &Stmt) -> Option<Exit> {
        match stmt {
            Stmt::Return(_) => Some(Exit::Return),
            Stmt::Native(syn::Stmt::Expr(e, _)) => match e {
                syn::Expr::Return(_) => Some(Exit::Return),
                syn::Expr::Break(b) if b.label.is_none() => Some(Exit::Break),
                syn::Expr::Continue(c) if c.label.is_none() => Some(Exit::Continue),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Resolves the reads of continuation code against the scope at the suspension point,
/// minus names the continuation binds itself.
struct Reads<'w, 'a, 'e> {
    walker: &'w Walker<'a, 'e>,
    /// Name ids the continuation binds itself, per scope.
    shadow: Vec<Vec<usize>>,
    /// For each name id, how many entries of `shadow` bind it.
    shadowed: Vec<u32>,
    /// By binding id: read by the continuation.
    found: Vec<bool>,
    /// Bindings the continuation overwrites as a whole (`x = …`).
    assigned: Vec<bool>,
    /// Overwritten on every path so far: later reads see the new value, not the carried one.
    killed: Vec<bool>,
    /// Bindings of deeper blocks than this are out of scope where the reads happen.
    max_depth: usize,
    /// A `break` or `continue` other than a certain exit has been walked: the code after
    /// the walked statements may run without them (no exit is certain, and assignments
    /// no longer overwrite on every path).
    jumps: bool,
    /// How deep in nested blocks of the walked code the walk is.
    nest: usize,
    /// How many loops the walk is in the body of (loops of the walked code, or the loop
    /// of a frame walked round again): an unlabelled `break` lands in code it covers.
    loops_inside: usize,
    /// Overwritten on every path that goes on, but not on those that `break` out of the
    /// innermost loop: no longer overwritten once the walk is past that loop.
    loop_kills: Vec<BindingId>,
    /// A `break` walked so far leaves the innermost loop of the frames: what is
    /// overwritten from here on goes to `loop_kills`, and the walk goes on after that
    /// loop whatever the exit.
    breaking: bool,
    /// The walk is inside a loop of the frames (one it has not walked past yet).
    frame_loop: bool,
}

impl Reads<'_, '_, '_> {
    fn resolve(&self, name: usize) -> Option<BindingId> {
        let walker = self.walker;
        walker
            .env
            .iter()
            .rev()
            .find(|&&(b, d)| d <= self.max_depth && walker.name_of[b] == name)
            .map(|&(b, _)| b)
    }

    fn uses(&mut self, uses: &[Use]) {
        for &(name, kind) in uses {
            if self.shadowed[name] > 0 {
                continue;
            }
            let Some(b) = self.resolve(name) else {
                continue;
            };
            if kind == UseKind::Assign {
                self.assigned[b] = true;
            } else if !self.killed[b] {
                self.found[b] = true;
            }
        }
    }

    fn push_scope(&mut self) {
        self.shadow.push(Vec::new());
    }

    fn pop_scope(&mut self) {
        for n in self.shadow.pop().unwrap_or_default() {
            self.shadowed[n] -= 1;
        }
    }

    fn bind(&mut self, binds: &[BindingId]) {
        let walker = self.walker;
        if let Some(scope) = self.shadow.last_mut() {
            for &b in binds {
                let n = walker.name_of[b];
                scope.push(n);
                self.shadowed[n] += 1;
            }
        }
    }

    fn block(&mut self, block: &Block) {
        // A nested block may not run: what it overwrites is not overwritten after it.
        self.branch(block);
    }

    /// Walks a nested block, then restores what is overwritten to before it; returns what
    /// was overwritten at its end, and how it certainly leaves (if it does).
    fn branch(&mut self, block: &Block) -> (Vec<bool>, Option<Exit>) {
        let killed = self.killed.clone();
        let loop_kills = self.loop_kills.len();
        self.push_scope();
        self.bind(&block.prelude);
        self.nest += 1;
        let exit = self.stmts(&block.stmts);
        self.nest -= 1;
        self.pop_scope();
        self.loop_kills.truncate(loop_kills);
        (std::mem::replace(&mut self.killed, killed), exit)
    }

    /// After an `if` or `match`: what every branch that goes on overwrote is overwritten.
    /// A branch that `return`s never reaches later code; one that `break`s reaches the
    /// code after the loop, where the overwrite no longer counts ([`Self::loop_kills`]).
    fn meet(&mut self, branches: Vec<(Vec<bool>, Option<Exit>)>) {
        let on = |exit: Option<Exit>| matches!(exit, None | Some(Exit::Continue));
        let mut going = branches.iter().filter(|(_, e)| on(*e)).map(|(k, _)| k);
        let Some(first) = going.next() else {
            return;
        };
        let mut both = first.clone();
        for k in going {
            for (b, x) in both.iter_mut().zip(k) {
                *b &= *x;
            }
        }
        let breaks: Vec<&Vec<bool>> = branches
            .iter()
            .filter(|(_, e)| *e == Some(Exit::Break))
            .map(|(k, _)| k)
            .collect();
        for (b, &now) in both.iter().enumerate() {
            if now {
                let scoped = self.breaking || breaks.iter().any(|k| !k[b]);
                self.kill(b, scoped);
            }
        }
    }

    /// `b` is overwritten from here on; `in_loop`: only until the walk leaves the
    /// innermost loop.
    fn kill(&mut self, b: BindingId, in_loop: bool) {
        if !self.killed[b] {
            self.killed[b] = true;
            if in_loop {
                self.loop_kills.push(b);
            }
        }
    }

    /// Walks statements in order; stops at one that certainly leaves the block.
    fn stmts(&mut self, stmts: &[Stmt]) -> Option<Exit> {
        for stmt in stmts {
            let exit = Exit::of(stmt);
            // Any `break`/`continue` but a certain exit of the walked code itself.
            if let Stmt::Native(s) = stmt {
                let certain = self.nest == 0 && exit.is_some();
                if !certain && self.walker.jumps_in(s) {
                    // Only unlabelled `break`s are followed: a labelled one or a `continue`
                    // makes the rest uncertain, the same at every point, so that points
                    // before and inside a loop agree on what it reads.
                    let breaks = self.walker.targets(s).only_unlabelled_breaks();
                    if breaks && self.loops_inside > 0 {
                        // Lands after a loop of this walk: right where the walk goes next.
                    } else if breaks && self.frame_loop {
                        // Leaves the innermost loop of the frames: the paths that go on
                        // still pass what follows, until that loop is left.
                        self.breaking = true;
                    } else {
                        self.jumps = true;
                    }
                }
            }
            self.stmt(stmt);
            if exit.is_some() {
                return exit;
            }
        }
        None
    }

    fn stmt(&mut self, stmt: &Stmt) {
        {
            match stmt {
                Stmt::Join { .. } => {}
                Stmt::Native(s) => {
                    self.uses(&self.walker.uses_of_stmt(s));
                    // `x = …;` on its own overwrites `x` for everything after it (unless
                    // a jump before it skips it).
                    let walker = self.walker;
                    let target = whole_assignment(s)
                        .filter(|_| !self.jumps)
                        .and_then(|i| walker.name_ids.get(&i.to_string()).copied());
                    if let Some(b) = target
                        .filter(|&n| self.shadowed[n] == 0)
                        .and_then(|n| self.resolve(n))
                    {
                        self.kill(b, self.breaking);
                    }
                }
                Stmt::Let {
                    init,
                    diverge,
                    binds,
                    ..
                } => {
                    if let Some(i) = init {
                        self.uses(&self.walker.uses_of_expr(i));
                    }
                    if let Some(d) = diverge {
                        self.uses(&self.walker.uses_of_block(d));
                    }
                    self.bind(binds);
                }
                Stmt::Yield { value, bind, .. } => {
                    self.uses(&self.walker.uses_of_expr(value));
                    if let Some((_, binds)) = bind {
                        self.bind(binds);
                    }
                }
                Stmt::If { cond, then, els } => {
                    self.uses(&self.walker.uses_of_expr(cond));
                    let then = self.branch(then);
                    let els = match els {
                        Some(e) => self.branch(e),
                        None => (self.killed.clone(), None),
                    };
                    self.meet(vec![then, els]);
                }
                Stmt::Match { scrutinee, arms } => {
                    self.uses(&self.walker.uses_of_expr(scrutinee));
                    let mut ends = Vec::new();
                    for arm in arms {
                        self.push_scope();
                        self.bind(&arm.body.prelude);
                        if let Some(g) = &arm.guard {
                            self.uses(&self.walker.uses_of_expr(g));
                        }
                        self.pop_scope();
                        ends.push(self.branch(&arm.body));
                    }
                    self.meet(ends);
                }
                Stmt::Loop { body, .. } => {
                    self.loops_inside += 1;
                    self.block(body);
                    self.loops_inside -= 1;
                }
                Stmt::Labeled { body, .. } | Stmt::Block(body) => self.block(body),
                Stmt::Return(e) => {
                    if let Some(e) = e {
                        self.uses(&self.walker.uses_of_expr(e));
                    }
                }
            }
        }
    }
}

/// Names of the bindings, for tests and diagnostics.
#[cfg(test)]
pub fn carried_names(body: &Body, live: &Liveness, id: usize) -> Vec<String> {
    let names: std::collections::HashMap<BindingId, String> = body
        .bindings
        .iter()
        .enumerate()
        .map(|(i, b)| (i, b.ident.to_string()))
        .collect();
    live.points[id]
        .as_ref()
        .map(|p| p.carried.iter().map(|(b, _)| names[b].clone()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn carried(body: proc_macro2::TokenStream) -> Vec<Vec<String>> {
        let body = crate::normalize::normalize_block(body);
        let mut errors = Errors::default();
        let live = analyze(&body, &mut errors);
        assert!(errors.is_empty());
        (0..body.yields)
            .map(|k| carried_names(&body, &live, k))
            .collect()
    }

    fn completing(body: proc_macro2::TokenStream) -> Vec<bool> {
        let body = crate::normalize::normalize_block(body);
        let mut errors = Errors::default();
        let live = analyze(&body, &mut errors);
        assert!(errors.is_empty());
        live.points[..body.yields]
            .iter()
            .map(|p| p.as_ref().is_some_and(|p| only_completes(&body, p)))
            .collect()
    }

    #[test]
    fn last_yields_with_nothing_after_them_only_complete() {
        let c = completing(quote!({
            yield_!(1);
            if c {
                yield_!(2);
                return;
            }
            match m {
                0 => yield_!(3),
                _ => {
                    yield_!(4);
                }
            }
        }));
        assert_eq!(c, [false, true, true, true]);
    }

    #[test]
    fn yields_with_work_guards_loops_or_resume_values_after_them_do_not() {
        let c = completing(quote!({
            let _guard = lock();
            yield_!(1);
        }));
        assert_eq!(c, [false]);
        let c = completing(quote!({
            yield_!(1);
            note();
        }));
        assert_eq!(c, [false]);
        let c = completing(quote!({
            for x in v {
                yield_!(x);
            }
        }));
        assert_eq!(c, [false]);
        let c = completing(quote!({
            let r = yield_!(1);
        }));
        assert_eq!(c, [false]);
        let c = completing(quote!({
            'a: {
                yield_!(1);
            }
        }));
        assert_eq!(c, [false]);
    }

    #[test]
    fn guards_are_carried_moved_values_are_not() {
        let c = carried(quote!({
            let _guard = lock();
            let v = make();
            consume(v);
            let n = 3;
            yield_!(1);
            print(n);
        }));
        assert_eq!(c, [vec!["_guard", "n"]]);
    }

    #[test]
    fn a_move_on_any_path_is_undone_only_by_an_assignment_on_every_path() {
        // Moved on one branch, assigned on the other: moved where they meet.
        let c = carried(quote!({
            let mut d = make();
            if c {
                consume(d);
                yield_!(1);
            } else {
                d = make();
                yield_!(2);
            }
            yield_!(3);
        }));
        assert_eq!(c, [vec![], vec!["d"], vec![]]);
        // Assigned in a condition, or after a jump out of the block: maybe still moved.
        let c = carried(quote!({
            let mut d = make();
            consume(d);
            if c {
                d = make();
            }
            yield_!(1);
            let mut e = make();
            'b: {
                if c {
                    consume(e);
                    break 'b;
                }
                e = make();
                yield_!(2);
            }
            yield_!(3);
        }));
        assert_eq!(c, [vec![], vec!["e"], vec![]]);
        // `x = …;` on its own is on every path.
        let c = carried(quote!({
            let mut d = make();
            consume(d);
            d = make();
            yield_!(1);
        }));
        assert_eq!(c, [vec!["d"]]);
    }

    #[test]
    fn moves_undone_on_every_path_inside_a_statement_and_plain_values() {
        // Moved and assigned again in the same loop body: assigned after the loop.
        let c = carried(quote!({
            let mut d = make();
            let mut e = make();
            while c() {
                consume(d);
                d = make();
                consume(e);
                if c() {
                    e = make();
                }
            }
            yield_!(1);
        }));
        assert_eq!(c, [vec!["d"]]);
        // Values without drop glue are carried only when read (`i`, below).
        let c = carried(quote!({
            let mut i = 0usize;
            let k: u32 = f();
            let s = x as u64;
            let g = make();
            yield_!(1);
            i += 1;
        }));
        assert_eq!(c, [vec!["i", "g"]]);
    }

    #[test]
    fn dead_borrows_are_dropped_and_reads_keep_values() {
        let c = carried(quote!({
            let s = String::new();
            let r = &s;
            use_it(r);
            yield_!(1);
            yield_!(s.len());
        }));
        assert_eq!(c, [vec!["s"], vec!["s"]]);
    }

    #[test]
    fn a_value_moved_and_assigned_again_on_every_path_round_the_loop_is_not_carried() {
        // The `await` shape: `it` moves into the inner loop's input, and only the arm
        // that goes round again assigns it; the other breaks out.
        let c = carried(quote!({
            let mut it = make();
            loop {
                let v;
                {
                    let mut f = Some(split(it));
                    loop {
                        match f.take() {
                            Some(r) => {
                                v = r;
                                break;
                            }
                            None => {
                                yield_!(0);
                            }
                        }
                    }
                }
                match v {
                    (Some(x), rest) => {
                        it = rest;
                        yield_!(x);
                    }
                    _ => break,
                }
            }
        }));
        assert_eq!(c, [vec!["f"], vec!["it"]]);
        // After the loop the path that broke out joins: `it` is read there, not assigned.
        let c = carried(quote!({
            let mut it = make();
            loop {
                yield_!(0);
                match next() {
                    Some(r) => it = r,
                    None => break,
                }
            }
            consume(it);
        }));
        assert_eq!(c, [vec!["it"]]);
    }

    #[test]
    fn loop_back_edge_moves_are_seen() {
        let c = carried(quote!({
            let a = make();
            let mut i = 0;
            loop {
                yield_!(i);
                i += 1;
                if i > 3 {
                    consume(a);
                    break;
                }
            }
        }));
        // `a` is read after resuming (on the path that consumes it), so it is kept.
        assert_eq!(c, [vec!["a", "i"]]);
    }

    #[test]
    fn value_of_yield_is_evaluated_before_moving() {
        let c = carried(quote!({
            let s = make();
            let t = make();
            yield_!(s);
            yield_!(t);
        }));
        assert_eq!(c, [vec!["t"], vec![]]);
    }
}
