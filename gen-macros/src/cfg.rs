//! One control-flow graph of the normalised body: the IR's statements and, inside its
//! yield-free fragments, their own control flow ([`Flow`]), down to single uses.
//!
//! ```text
//! let a = f();            n0: Declare(a)  → n1
//! if c(&a) { drop(a); }   n1: Use(&a)     → n2, n3     n2: Use(a) → n3
//! yield_!(1);             n3: (point 0)   → n4
//! ```
//!
//! Closures and macro invocations are opaque: their uses happen where they stand, and a
//! macro whose tokens may jump gets an edge to every target it could reach.

use crate::ir::{BindingId, Block, Body, Flow, Step, Stmt, Use};

pub type NodeId = usize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Use(Use),
    /// Bindings come into scope (`let`, a pattern, a resumed value); `init` when they get
    /// a value there.
    Declare(Vec<BindingId>, bool),
    /// A binding's scope ends ([`Stmt::End`]): whatever it still holds is dropped. Not a
    /// read; no value after it.
    End(BindingId),
}

#[derive(Default, Debug, Clone)]
pub struct Node {
    pub effects: Vec<Effect>,
    pub succ: Vec<NodeId>,
}

/// Where a suspension or join point stands.
#[derive(Clone)]
pub struct Site {
    /// Its node, which has no effects: the state before it is the state at the point.
    pub node: NodeId,
    /// The bindings in scope, in declaration order, with the depth of their block.
    pub env: Vec<(BindingId, usize)>,
    pub path: Vec<Step>,
}

#[derive(Clone)]
pub struct Cfg {
    pub nodes: Vec<Node>,
    pub entry: NodeId,
    /// Completion: every `return`, `?` and the end of the body lead here.
    pub exit: NodeId,
    /// The suspension points, then the join points (join `j` is `sites[yields + j]`);
    /// `None` for one in code that never runs.
    pub sites: Vec<Option<Site>>,
    /// The node of each scope end ([`Stmt::End`]) with its binding; `None` for one that
    /// never runs or names no local.
    pub ends: Vec<Option<(NodeId, BindingId)>>,
}

impl Cfg {
    /// Which nodes some path from the entry reaches.
    pub fn reached(&self) -> Vec<bool> {
        let mut reached = vec![false; self.nodes.len()];
        let mut stack = vec![self.entry];
        while let Some(n) = stack.pop() {
            if !std::mem::replace(&mut reached[n], true) {
                stack.extend(&self.nodes[n].succ);
            }
        }
        reached
    }

    pub fn preds(&self) -> Vec<Vec<NodeId>> {
        let mut preds = vec![Vec::new(); self.nodes.len()];
        for (n, node) in self.nodes.iter().enumerate() {
            for &s in &node.succ {
                preds[s].push(n);
            }
        }
        preds
    }
}

pub fn build(body: &Body) -> Cfg {
    let mut b = Builder {
        bindings: &body.bindings,
        nodes: vec![Node::default(), Node::default()],
        cur: 0,
        targets: Vec::new(),
        env: Vec::new(),
        depth: 0,
        path: Vec::new(),
        sites: (0..body.yields + body.joins).map(|_| None).collect(),
        yields: body.yields,
        ends: vec![None; body.ends],
    };
    b.block(&body.block, true);
    let end = b.cur;
    b.edge(end, EXIT);
    Cfg {
        nodes: b.nodes,
        entry: 0,
        exit: EXIT,
        sites: b.sites,
        ends: b.ends,
    }
}

const EXIT: NodeId = 1;

/// Where `break`/`continue` go from inside a loop or labelled block.
struct Target {
    label: Option<String>,
    is_loop: bool,
    brk: NodeId,
    cont: NodeId,
}

struct Builder<'a> {
    bindings: &'a [crate::ir::Binding],
    nodes: Vec<Node>,
    /// The node statements are added to.
    cur: NodeId,
    targets: Vec<Target>,
    env: Vec<(BindingId, usize)>,
    depth: usize,
    path: Vec<Step>,
    sites: Vec<Option<Site>>,
    yields: usize,
    ends: Vec<Option<(NodeId, BindingId)>>,
}

impl Builder<'_> {
    fn node(&mut self) -> NodeId {
        self.nodes.push(Node::default());
        self.nodes.len() - 1
    }

    fn edge(&mut self, from: NodeId, to: NodeId) {
        if !self.nodes[from].succ.contains(&to) {
            self.nodes[from].succ.push(to);
        }
    }

    /// A new node after `from`.
    fn after(&mut self, from: NodeId) -> NodeId {
        let n = self.node();
        self.edge(from, n);
        n
    }

    fn effect(&mut self, e: Effect) {
        let cur = self.cur;
        self.nodes[cur].effects.push(e);
    }

    fn declare(&mut self, binds: &[BindingId], init: bool) {
        if binds.is_empty() {
            return;
        }
        self.effect(Effect::Declare(binds.to_vec(), init));
        self.env.extend(binds.iter().map(|&b| (b, self.depth)));
    }

    /// After a jump: what follows is never reached.
    fn diverge(&mut self) {
        self.cur = self.node();
    }

    fn target(&self, label: Option<&str>) -> Option<&Target> {
        self.targets.iter().rev().find(|t| match label {
            Some(l) => t.label.as_deref() == Some(l),
            None => t.is_loop,
        })
    }

    fn jump(&mut self, label: Option<&str>, cont: bool) {
        let to = self
            .target(label)
            .map_or(EXIT, |t| if cont { t.cont } else { t.brk });
        let cur = self.cur;
        self.edge(cur, to);
        self.diverge();
    }

    fn point(&mut self, k: usize) {
        let node = self.after(self.cur);
        self.sites[k] = Some(Site {
            node,
            env: self.env.clone(),
            path: self.path.clone(),
        });
        self.cur = self.after(node);
    }

    /// Runs `f` inside a loop (`is_loop`) or labelled block; the graph goes on after it.
    fn breakable(&mut self, label: Option<String>, is_loop: bool, f: impl FnOnce(&mut Self)) {
        let head = self.after(self.cur);
        let brk = self.node();
        self.targets.push(Target {
            label,
            is_loop,
            brk,
            cont: head,
        });
        self.cur = head;
        f(self);
        let end = self.cur;
        self.edge(end, if is_loop { head } else { brk });
        self.targets.pop();
        self.cur = brk;
    }

    /// One of the alternatives runs (`f` builds each), from the current node; the graph
    /// goes on after them.
    fn branch<T>(&mut self, alternatives: &[T], mut f: impl FnMut(&mut Self, &T)) {
        let start = self.cur;
        let join = self.node();
        for alt in alternatives {
            self.cur = self.after(start);
            f(self, alt);
            let end = self.cur;
            self.edge(end, join);
        }
        self.cur = join;
    }

    fn flow(&mut self, f: &Flow) {
        match f {
            Flow::Use(u) => self.effect(Effect::Use(u.clone())),
            Flow::Done => {}
            Flow::Seq(v) => v.iter().for_each(|x| self.flow(x)),
            Flow::Branch(alts) => self.branch(alts, Self::flow),
            Flow::Match(arms) => {
                self.arms(arms.len(), &mut |b, i, part| match part {
                    Part::Guard => b.flow(&arms[i].0),
                    Part::Body => b.flow(&arms[i].1),
                    Part::Pattern => {}
                });
            }
            Flow::Loop { label, body } => self.breakable(label.clone(), true, |b| b.flow(body)),
            Flow::Labeled { label, body } => {
                self.breakable(Some(label.clone()), false, |b| b.flow(body));
            }
            Flow::Break(l) => self.jump(l.as_deref(), false),
            Flow::Continue(l) => self.jump(l.as_deref(), true),
            Flow::Return => {
                let cur = self.cur;
                self.edge(cur, EXIT);
                self.diverge();
            }
            Flow::MayReturn => {
                let cur = self.cur;
                self.edge(cur, EXIT);
            }
            Flow::MayJump => {
                let cur = self.cur;
                let all: Vec<NodeId> = self.targets.iter().flat_map(|t| [t.brk, t.cont]).collect();
                for t in all.into_iter().chain([EXIT]) {
                    self.edge(cur, t);
                }
            }
        }
    }

    /// The arms of a `match`: each is tried after the ones before it failed (their
    /// pattern, or their guard), then runs its guard and its body.
    fn arms(&mut self, n: usize, each: &mut dyn FnMut(&mut Self, usize, Part)) {
        let join = self.node();
        let mut tried = self.cur;
        for i in 0..n {
            self.cur = self.after(tried);
            each(self, i, Part::Pattern);
            each(self, i, Part::Guard);
            let guarded = self.cur;
            self.cur = self.after(guarded);
            each(self, i, Part::Body);
            let end = self.cur;
            self.edge(end, join);
            // The next arm: after this one's pattern or guard failed.
            let next = self.node();
            self.edge(tried, next);
            self.edge(guarded, next);
            tried = next;
        }
        self.cur = join;
    }

    fn block(&mut self, block: &Block, declare_prelude: bool) {
        let mark = self.env.len();
        self.depth += 1;
        if declare_prelude {
            self.declare(&block.prelude, true);
        } else {
            self.env
                .extend(block.prelude.iter().map(|&b| (b, self.depth)));
        }
        for (i, s) in block.stmts.iter().enumerate() {
            self.path.push(Step::Stmt(i));
            self.stmt(s);
            self.path.pop();
        }
        self.depth -= 1;
        self.env.truncate(mark);
    }

    /// After a loop or labelled block whose value is used: `break 'l value` has stored
    /// the value in its slot.
    fn assign_slot(&mut self, slot: Option<&proc_macro2::Ident>) {
        let Some(slot) = slot else {
            return;
        };
        let found = self
            .env
            .iter()
            .rev()
            .find(|&&(b, _)| self.bindings[b].ident == *slot);
        if let Some(&(binding, _)) = found {
            self.effect(Effect::Use(Use {
                binding,
                path: Vec::new(),
                kind: crate::ir::UseKind::Assign,
                field: None,
                at: crate::ir::At::default(),
            }));
        }
    }

    fn nested(&mut self, step: Step, block: &Block, declare_prelude: bool) {
        self.path.push(step);
        self.block(block, declare_prelude);
        self.path.pop();
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Native(f) => self.flow(&f.flow),
            Stmt::Let {
                init,
                diverge,
                binds,
                ..
            } => {
                if let Some(i) = init {
                    self.flow(&i.flow);
                }
                if let Some(d) = diverge {
                    let start = self.cur;
                    self.cur = self.after(start);
                    self.flow(&d.flow);
                    self.cur = self.after(start);
                }
                self.declare(binds, init.is_some());
            }
            Stmt::Yield {
                id, value, bind, ..
            } => {
                self.flow(&value.flow);
                self.point(*id);
                if let Some((_, binds)) = bind {
                    self.declare(binds, true);
                }
            }
            Stmt::Join { id } => self.point(self.yields + id),
            Stmt::End { id, drop } => {
                let mut binding = None;
                drop.flow
                    .uses(&mut |u| binding = binding.or(Some(u.binding)));
                if let Some(b) = binding {
                    let node = self.after(self.cur);
                    self.nodes[node].effects.push(Effect::End(b));
                    self.ends[*id] = Some((node, b));
                    self.cur = node;
                }
            }
            Stmt::If { cond, then, els } => {
                self.flow(&cond.flow);
                let branches = [(Step::Then, Some(then)), (Step::Else, els.as_ref())];
                self.branch(&branches, |b, &(step, block)| {
                    if let Some(block) = block {
                        b.nested(step, block, true);
                    }
                });
            }
            Stmt::Match { scrutinee, arms } => {
                self.flow(&scrutinee.flow);
                let mark = self.env.len();
                self.arms(arms.len(), &mut |b, i, part| match part {
                    Part::Pattern => {
                        b.env.truncate(mark);
                        b.depth += 1;
                        b.declare(&arms[i].body.prelude, true);
                        b.depth -= 1;
                    }
                    Part::Guard => {
                        if let Some(g) = &arms[i].guard {
                            b.flow(&g.flow);
                        }
                        b.env.truncate(mark);
                    }
                    Part::Body => b.nested(Step::Arm(i), &arms[i].body, false),
                });
            }
            Stmt::Loop { label, body, slot } => {
                let label = label.as_ref().map(|l| l.ident.to_string());
                self.breakable(label, true, |b| b.nested(Step::Body, body, true));
                self.assign_slot(slot.as_ref());
            }
            Stmt::Labeled { label, body, slot } => {
                let label = Some(label.ident.to_string());
                self.breakable(label, false, |b| b.nested(Step::Body, body, true));
                self.assign_slot(slot.as_ref());
            }
            Stmt::Block(body) => self.nested(Step::Body, body, true),
            Stmt::Return(e) => {
                if let Some(e) = e {
                    self.flow(&e.flow);
                }
                let cur = self.cur;
                self.edge(cur, EXIT);
                self.diverge();
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Part {
    Pattern,
    Guard,
    Body,
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// The graph of a body as text: one line per reachable node with effects or more than
    /// one successor... kept simple: the number of sites and which are reachable.
    fn sites(body: proc_macro2::TokenStream) -> Vec<bool> {
        let body = crate::normalize::normalize_block(body);
        let cfg = build(&body);
        cfg.sites.iter().map(Option::is_some).collect()
    }

    #[test]
    fn every_point_has_a_site() {
        assert_eq!(
            sites(quote!({
                for x in v {
                    yield_!(x);
                }
                yield_!(0);
            })),
            [true, true, true]
        );
    }
}
