//! Dataflow over the [`cfg`](crate::cfg), iterated to a fixpoint, and what each
//! suspension point carries.
//!
//! ```text
//! live(b)     backward, may:  some path on reads b before overwriting it
//! mentioned   backward, may:  some path on uses b at all (reads or assigns it)
//! init(b)     forward, must:  b has a value on every path here
//! moved(b)    forward, may:   some path here read b by value since its last assignment
//! ```
//!
//! Carry at a point = in scope ∧ init ∧ (live ∨ (¬moved ∧ ¬borrow-like ∧ ¬plain)): what is
//! read after resuming is kept; a value that may own drop glue and was never moved (a
//! guard) lives to its scope's end; a value moved before the point is not carried.

use crate::cfg::{Cfg, Effect, NodeId, Site};
use crate::ir::{path_blocks, BindingId, Body, Step, Stmt, UseKind};
use std::collections::{HashMap, HashSet};

/// A set of bindings.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Bits(Vec<u64>);

impl Bits {
    pub fn empty(n: usize) -> Self {
        Bits(vec![0; n.div_ceil(64)])
    }

    pub fn full(n: usize) -> Self {
        let mut b = Bits(vec![u64::MAX; n.div_ceil(64)]);
        if n % 64 != 0 {
            if let Some(last) = b.0.last_mut() {
                *last = (1 << (n % 64)) - 1;
            }
        }
        b
    }

    pub fn has(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    pub fn set(&mut self, i: usize, on: bool) {
        if on {
            self.0[i / 64] |= 1 << (i % 64);
        } else {
            self.0[i / 64] &= !(1 << (i % 64));
        }
    }

    fn join(&mut self, other: &[u64], must: bool) {
        for (a, b) in self.0.iter_mut().zip(other) {
            if must {
                *a &= b;
            } else {
                *a |= b;
            }
        }
    }
}

/// One gen/kill analysis over bindings.
pub struct Analysis {
    pub forward: bool,
    /// Paths meet by intersection (`true`) or union.
    pub must: bool,
    /// How one effect changes the set.
    pub transfer: fn(&Effect, &mut Bits),
    /// Facts do not flow through suspension and join points: the set at a point says
    /// what the code up to the next point does (one resume arm's code, which stops there).
    pub stops_at_points: bool,
}

/// What a fixpoint walks besides the nodes' effects, the same for every analysis of one
/// graph: computed once.
pub struct Edges {
    preds: Vec<Vec<NodeId>>,
    /// Paths from unreached nodes do not exist: they never take part in a meet.
    reached: Vec<bool>,
}

impl Edges {
    pub fn of(cfg: &Cfg) -> Self {
        Edges {
            preds: cfg.preds(),
            reached: cfg.reached(),
        }
    }
}

/// The fixpoint: for each node, the set before its effects (in the direction of the
/// analysis: for a backward one, the set after them in program order, before walking
/// them backwards).
#[cfg(test)]
pub fn solve(cfg: &Cfg, n: usize, a: &Analysis) -> Vec<Bits> {
    solve_on(cfg, &Edges::of(cfg), n, a)
}

/// [`solve`] with the graph's [`Edges`] at hand.
pub fn solve_on(cfg: &Cfg, edges: &Edges, n: usize, a: &Analysis) -> Vec<Bits> {
    let Edges { preds, reached } = edges;
    let start = if a.forward { cfg.entry } else { cfg.exit };
    // Unreached nodes start at the top of the lattice, so they constrain nothing.
    let top = if a.must {
        Bits::full(n)
    } else {
        Bits::empty(n)
    };
    let mut entry = vec![top.clone(); cfg.nodes.len()];
    entry[start] = Bits::empty(n);
    // The sets after each node's effects, one row of `words` per node.
    let words = top.0.len();
    let mut exit: Vec<u64> = entry.iter().flat_map(|b| b.0.iter().copied()).collect();
    let row = |i: usize| i * words..(i + 1) * words;
    // A worklist, seeded in the direction of the analysis: a node is visited again only
    // when the set flowing into it changed.
    let mut work: std::collections::VecDeque<usize> = if a.forward {
        (0..cfg.nodes.len()).collect()
    } else {
        (0..cfg.nodes.len()).rev().collect()
    };
    let mut queued = vec![true; cfg.nodes.len()];
    let mut cut = vec![false; cfg.nodes.len()];
    if a.stops_at_points {
        cfg.sites
            .iter()
            .flatten()
            .for_each(|site| cut[site.node] = true);
    }
    // The nodes a node's set comes from, and those it flows to, in the analysis's
    // direction.
    let (from, to) = (
        |node: NodeId| {
            if a.forward {
                &preds[node]
            } else {
                &cfg.nodes[node].succ
            }
        },
        |node: NodeId| {
            if a.forward {
                &cfg.nodes[node].succ
            } else {
                &preds[node]
            }
        },
    );
    // One scratch set: the fixpoint allocates nothing per node.
    let mut out = Bits::empty(n);
    while let Some(node) = work.pop_front() {
        queued[node] = false;
        let mut inputs = from(node).iter().filter(|&&i| reached[i]);
        if let (false, Some(&first)) = (node == start, inputs.next()) {
            let inp = &mut entry[node];
            inp.0.copy_from_slice(&exit[row(first)]);
            for &i in inputs {
                inp.join(&exit[row(i)], a.must);
            }
        }
        if cut[node] {
            out.0.copy_from_slice(&top.0);
        } else {
            out.0.copy_from_slice(&entry[node].0);
            let effects = &cfg.nodes[node].effects;
            if a.forward {
                effects.iter().for_each(|e| (a.transfer)(e, &mut out));
            } else {
                effects.iter().rev().for_each(|e| (a.transfer)(e, &mut out));
            }
        }
        if out.0[..] != exit[row(node)] {
            exit[row(node)].copy_from_slice(&out.0);
            for &m in to(node) {
                if !std::mem::replace(&mut queued[m], true) {
                    work.push_back(m);
                }
            }
        }
    }
    entry
}

/// Read later: a use gens (the field it names too), overwriting the whole binding (or
/// declaring it) kills.
pub const LIVE: Analysis = Analysis {
    forward: false,
    must: false,
    stops_at_points: false,
    transfer: |e, s| match e {
        Effect::Use(u) if u.kind == UseKind::Assign && u.path.is_empty() => s.set(u.binding, false),
        Effect::Use(u) => {
            s.set(u.binding, true);
            if let Some(f) = u.field {
                s.set(f, true);
            }
        }
        Effect::Declare(bs, _) => bs.iter().for_each(|&b| s.set(b, false)),
        Effect::End(b) => s.set(*b, false),
    },
};

/// Read later as a whole (not only through its fields).
pub const WHOLE_LIVE: Analysis = Analysis {
    forward: false,
    must: false,
    stops_at_points: false,
    transfer: |e, s| match e {
        Effect::Use(u) if u.kind == UseKind::Assign && u.path.is_empty() => s.set(u.binding, false),
        Effect::Use(u) if u.path.is_empty() => s.set(u.binding, true),
        Effect::Use(_) => {}
        Effect::Declare(bs, _) => bs.iter().for_each(|&b| s.set(b, false)),
        Effect::End(b) => s.set(*b, false),
    },
};

/// Used at all (assignments included) by the code after the point, up to the next point:
/// what a resume arm has to declare.
pub const MENTIONED: Analysis = Analysis {
    forward: false,
    must: false,
    stops_at_points: true,
    transfer: |e, s| match e {
        Effect::Use(u) => s.set(u.binding, true),
        Effect::End(b) => s.set(*b, true),
        Effect::Declare(bs, _) => bs.iter().for_each(|&b| s.set(b, false)),
    },
};

/// Has a value on every path.
pub const INIT: Analysis = Analysis {
    forward: true,
    must: true,
    stops_at_points: false,
    transfer: |e, s| match e {
        Effect::Use(u) if u.kind == UseKind::Assign && u.path.is_empty() => s.set(u.binding, true),
        Effect::Use(_) => {}
        Effect::Declare(bs, init) => bs.iter().for_each(|&b| s.set(b, *init)),
        Effect::End(b) => s.set(*b, false),
    },
};

/// Read by value as a whole (maybe moved) on some path since its last assignment. (A
/// whole value read by value is moved, or copied if its type is `Copy`, which then has
/// no drop glue to keep: either way nothing is lost by not carrying it. A field read by
/// value leaves the rest of the value where it is.)
pub const MOVED: Analysis = Analysis {
    forward: true,
    must: false,
    stops_at_points: false,
    transfer: |e, s| match e {
        Effect::Use(u) if matches!(u.kind, UseKind::Read | UseKind::Move) && u.path.is_empty() => {
            s.set(u.binding, true);
        }
        Effect::Use(u) if u.kind == UseKind::Assign && u.path.is_empty() => s.set(u.binding, false),
        Effect::Use(_) => {}
        Effect::Declare(bs, _) => bs.iter().for_each(|&b| s.set(b, false)),
        Effect::End(b) => s.set(*b, true),
    },
};

/// Partly moved on some path: a field certainly moved ([`UseKind::Move`]) since the
/// binding was last assigned as a whole. It cannot be carried whole.
pub const PART_MOVED: Analysis = Analysis {
    forward: true,
    must: false,
    stops_at_points: false,
    transfer: |e, s| match e {
        Effect::Use(u) if u.kind == UseKind::Move && !u.path.is_empty() => s.set(u.binding, true),
        Effect::Use(u) if u.kind == UseKind::Assign && u.path.is_empty() => s.set(u.binding, false),
        Effect::Use(_) | Effect::End(_) => {}
        Effect::Declare(bs, _) => bs.iter().for_each(|&b| s.set(b, false)),
    },
};

/// A field read or moved as a whole (by value) on some path, by the binding that stands
/// for it ([`crate::ir::Binding::field_of`]).
pub const FIELD_MOVED: Analysis = Analysis {
    forward: true,
    must: false,
    stops_at_points: false,
    transfer: |e, s| match e {
        Effect::Use(u) if u.path.len() == 1 => {
            if let Some(f) = u.field {
                match u.kind {
                    UseKind::Read | UseKind::Move => s.set(f, true),
                    UseKind::Assign => s.set(f, false),
                    UseKind::Borrow => {}
                }
            }
        }
        Effect::Use(_) | Effect::Declare(..) | Effect::End(_) => {}
    },
};

/// Does resuming the point complete at once, with nothing to do and nothing to drop? It
/// carries nothing, takes no resume argument, and on its path (outside every loop) no
/// statement follows it before a plain `return` or the end of the body. For the iterator
/// kind such a state behaves exactly like the finished one, and the yield can store that.
pub fn only_completes(body: &Body, point: &Point) -> bool {
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
            Some(Stmt::Native(s)) if matches!(&s.syn, syn::Stmt::Expr(syn::Expr::Return(_), _)) => {
                let syn::Stmt::Expr(syn::Expr::Return(r), _) = &s.syn else {
                    unreachable!()
                };
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
    /// The in-scope bindings the continuation may read.
    pub read_later: HashSet<BindingId>,
    /// Carried bindings that may have been moved before the point and are read after it
    /// (a use after a move, which rustc rejects): where the nearest read is written, so
    /// that rustc's "value used here after move" points there.
    pub used_after_move: HashMap<BindingId, proc_macro2::Span>,
}

pub struct Liveness {
    /// The suspension points, then the join points (join `j` is `points[yields + j]`).
    pub points: Vec<Option<Point>>,
    /// Carried while hidden by a later binding of the same name: emitted under another name.
    pub renamed: HashSet<BindingId>,
    /// Some point carries a borrow of a local or of a temporary: the body needs a frame
    /// that does not move ([`crate::ir::Body::frame`]).
    pub frame: bool,
    /// For each scope end ([`crate::ir::Stmt::End`]): its local certainly holds its whole
    /// value there, so its `drop` runs. Where it may have moved (ways that meet before
    /// the end), nothing runs and the local drops with the enclosing scope.
    pub ends: Vec<bool>,
}

/// Where each of `bindings` is next used after `from`, nearest first (breadth first
/// over the graph).
fn nearest_uses(
    cfg: &Cfg,
    from: NodeId,
    bindings: &[BindingId],
) -> HashMap<BindingId, proc_macro2::Span> {
    let mut found = HashMap::new();
    if bindings.is_empty() {
        return found;
    }
    let mut seen = vec![false; cfg.nodes.len()];
    let mut queue = std::collections::VecDeque::from([from]);
    while let Some(n) = queue.pop_front() {
        if std::mem::replace(&mut seen[n], true) {
            continue;
        }
        for effect in &cfg.nodes[n].effects {
            if let Effect::Use(u) = effect {
                if let (true, Some(at)) = (bindings.contains(&u.binding), u.at.0) {
                    found.entry(u.binding).or_insert(at);
                }
            }
        }
        if found.len() == bindings.len() {
            break;
        }
        queue.extend(&cfg.nodes[n].succ);
    }
    found
}

/// What each point carries, from the fixpoints of the analyses.
pub fn analyze(body: &Body, cfg: &Cfg) -> Liveness {
    let n = body.bindings.len();
    let edges = Edges::of(cfg);
    let live = solve_on(cfg, &edges, n, &LIVE);
    let init = solve_on(cfg, &edges, n, &INIT);
    let moved = solve_on(cfg, &edges, n, &MOVED);
    let part_moved = solve_on(cfg, &edges, n, &PART_MOVED);
    let reached = &edges.reached;
    // Only a value that a state would hold for its drop: one without drop glue (or a
    // borrow) is not carried across a suspension point, so a resume arm has no value to
    // drop, and its scope's end is unobservable.
    let ends: Vec<bool> = cfg
        .ends
        .iter()
        .map(|end| {
            end.is_some_and(|(node, b)| {
                let binding = &body.bindings[b];
                reached[node]
                    && init[node].has(b)
                    && !moved[node].has(b)
                    && !part_moved[node].has(b)
                    && binding.kept_for_its_drop()
            })
        })
        .collect();
    // A scope end whose drop does not run names nothing: without it in the graph, a
    // resume arm does not declare a local only that drop would have named.
    let mut printed = cfg.clone();
    for (end, &runs) in cfg.ends.iter().zip(&ends) {
        if let (Some((node, b)), false) = (end, runs) {
            printed.nodes[*node]
                .effects
                .retain(|e| *e != Effect::End(*b));
        }
    }
    // The same edges: only effects were taken out.
    let mentioned = solve_on(&printed, &edges, n, &MENTIONED);
    let whole_live = solve_on(cfg, &edges, n, &WHOLE_LIVE);
    let field_moved = solve_on(cfg, &edges, n, &FIELD_MOVED);
    let mut renamed = HashSet::new();
    let mut frame = false;
    let points = cfg
        .sites
        .iter()
        .map(|site| {
            let Site { node, env, path } = site.as_ref()?;
            let node = *node;
            let mut carried = Vec::new();
            let mut redeclare = Vec::new();
            let mut read_later = HashSet::new();
            // Code that never runs carries nothing.
            let env = if reached[node] { &env[..] } else { &[] };
            for (i, &(b, depth)) in env.iter().enumerate() {
                let binding = &body.bindings[b];
                let visible = !env[i + 1..]
                    .iter()
                    .any(|&(c, _)| body.bindings[c].ident == binding.ident);
                let is_live = live[node].has(b);
                if is_live {
                    read_later.insert(b);
                }
                let hold = !moved[node].has(b) && binding.kept_for_its_drop();
                if init[node].has(b) && part_moved[node].has(b) && !whole_live[node].has(b) {
                    // Partly moved: the fields read later, or named and never moved,
                    // are carried on their own; the fields the body never names are
                    // dropped here.
                    for (v, field) in body.bindings.iter().enumerate() {
                        let of_b = field.field_of.as_ref().is_some_and(|(p, _)| *p == b);
                        if of_b && (live[node].has(v) || !field_moved[node].has(v)) {
                            carried.push((v, depth));
                            if live[node].has(v) {
                                read_later.insert(v);
                            }
                        }
                    }
                    continue;
                }
                if init[node].has(b) && (is_live || hold) {
                    carried.push((b, depth));
                    if !visible {
                        renamed.insert(b);
                    }
                } else if is_live || mentioned[node].has(b) {
                    redeclare.push((b, depth));
                }
            }
            // A carried value that borrows a local still in scope, or a temporary: the
            // body needs a frame that does not move.
            frame |= carried.iter().any(|&(b, _)| {
                let binding = &body.bindings[b];
                binding.borrows_temporary
                    || binding
                        .borrows
                        .as_ref()
                        .is_some_and(|(borrowed, _)| env.iter().any(|&(x, _)| x == *borrowed))
            });
            let after_move: Vec<BindingId> = carried
                .iter()
                .map(|&(b, _)| b)
                .filter(|&b| moved[node].has(b) && live[node].has(b))
                .collect();
            let used_after_move = nearest_uses(cfg, node, &after_move);
            Some(Point {
                path: path.clone(),
                carried,
                redeclare,
                read_later,
                used_after_move,
            })
        })
        .collect();
    Liveness {
        points,
        renamed,
        frame,
        ends,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cfg::Node;
    use crate::ir::Use;

    fn use_(b: BindingId, kind: UseKind) -> Effect {
        Effect::Use(Use {
            binding: b,
            path: Vec::new(),
            kind,
            field: None,
            at: crate::ir::At::default(),
        })
    }

    /// A graph from `(effects, successors)` per node; node 0 is the entry, 1 the exit.
    fn graph(nodes: Vec<(Vec<Effect>, Vec<usize>)>) -> Cfg {
        Cfg {
            nodes: nodes
                .into_iter()
                .map(|(effects, succ)| Node { effects, succ })
                .collect(),
            entry: 0,
            exit: 1,
            sites: Vec::new(),
            ends: Vec::new(),
        }
    }

    fn members(b: &Bits, n: usize) -> Vec<usize> {
        (0..n).filter(|&i| b.has(i)).collect()
    }

    #[test]
    fn liveness_reaches_back_round_a_loop_and_stops_at_overwrites() {
        // 0: declare a, b → 2 (loop head) → 3: read a; 3 → 2 and 4: b = …; read b → 1
        let g = graph(vec![
            (vec![Effect::Declare(vec![0, 1], true)], vec![2]),
            (vec![], vec![]),
            (vec![], vec![3]),
            (vec![use_(0, UseKind::Borrow)], vec![2, 4]),
            (
                vec![use_(1, UseKind::Assign), use_(1, UseKind::Read)],
                vec![1],
            ),
        ]);
        let live = solve(&g, 2, &LIVE);
        assert_eq!(members(&live[2], 2), [0], "a is read again round the loop");
        assert_eq!(
            members(&live[4], 2),
            Vec::<usize>::new(),
            "b is overwritten first"
        );
        // Before its effects (walking backwards: after them), node 4 reads b.
        let mentioned = solve(&g, 2, &MENTIONED);
        assert_eq!(members(&mentioned[3], 2), [0, 1]);
    }

    #[test]
    fn mentions_are_counted_up_to_the_next_point_only() {
        // 0 → 2 (a point) → 3: assign a → 4 (another point) → 5: read b → 1
        let mut g = graph(vec![
            (vec![], vec![2]),
            (vec![], vec![]),
            (vec![], vec![3]),
            (vec![use_(0, UseKind::Assign)], vec![4]),
            (vec![], vec![5]),
            (vec![use_(1, UseKind::Read)], vec![1]),
        ]);
        g.sites = [2, 4]
            .map(|node| {
                Some(Site {
                    node,
                    env: Vec::new(),
                    path: Vec::new(),
                })
            })
            .into();
        let mentioned = solve(&g, 2, &MENTIONED);
        assert_eq!(
            members(&mentioned[2], 2),
            [0],
            "b is the next arm's business"
        );
        assert_eq!(members(&mentioned[4], 2), [1]);
        assert_eq!(members(&mentioned[0], 2), Vec::<usize>::new());
        // Liveness goes on through the points.
        assert_eq!(members(&solve(&g, 2, &LIVE)[2], 2), [1]);
    }

    #[test]
    fn nearest_uses_search_forward_from_the_point_only() {
        let at = |b: BindingId| {
            Effect::Use(Use {
                binding: b,
                path: Vec::new(),
                kind: UseKind::Read,
                field: None,
                at: crate::ir::At(Some(proc_macro2::Span::call_site())),
            })
        };
        // 0: read c → 2 (the point) → 3 | 4;  3: read a → 1;  4: read b → 1
        let g = graph(vec![
            (vec![at(2)], vec![2]),
            (vec![], vec![]),
            (vec![], vec![3, 4]),
            (vec![at(0)], vec![1]),
            (vec![at(1)], vec![1]),
        ]);
        let found = nearest_uses(&g, 2, &[0, 1, 2]);
        let mut keys: Vec<_> = found.keys().copied().collect();
        keys.sort_unstable();
        assert_eq!(keys, [0, 1], "c is read only before the point");
        assert!(nearest_uses(&g, 2, &[]).is_empty());
        // A use without a place written (the runtime's own) is not one to point at.
        let g = graph(vec![
            (vec![use_(0, UseKind::Read)], vec![1]),
            (vec![], vec![]),
        ]);
        assert!(nearest_uses(&g, 0, &[0]).is_empty());
    }

    #[test]
    fn a_scope_end_is_no_read_and_leaves_nothing_behind() {
        // 0: declare a → 2 | 3;  2: read a (a move) → 4;  3 → 4;  4: end of a → 5 → 1
        let g = graph(vec![
            (vec![Effect::Declare(vec![0], true)], vec![2, 3]),
            (vec![], vec![]),
            (vec![use_(0, UseKind::Read)], vec![4]),
            (vec![], vec![4]),
            (vec![Effect::End(0)], vec![5]),
            (vec![], vec![1]),
        ]);
        assert_eq!(
            members(&solve(&g, 1, &MOVED)[4], 1),
            [0],
            "moved on one way"
        );
        assert_eq!(members(&solve(&g, 1, &MOVED)[5], 1), [0]);
        assert_eq!(members(&solve(&g, 1, &INIT)[5], 1), Vec::<usize>::new());
        assert_eq!(
            members(&solve(&g, 1, &LIVE)[3], 1),
            Vec::<usize>::new(),
            "the end does not read it"
        );
        assert_eq!(
            members(&solve(&g, 1, &MENTIONED)[3], 1),
            [0],
            "its drop names it"
        );
    }

    #[test]
    fn a_scope_end_drops_on_the_ways_that_still_hold_the_value() {
        // The branch block is laid out flat (the move of `o` in it needs a split), so
        // `g`'s drop is a scope end in each way's copy: it runs where `g` is still there.
        let body = crate::normalize::normalize_block(quote::quote!({
            let o = make();
            if c {
                let g = make();
                if d {
                    drop(o);
                    drop(g);
                }
                yield_!(1);
            }
            yield_!(2);
        }));
        let cfg = crate::cfg::build(&body);
        assert_eq!(body.ends, 2);
        assert!(cfg.ends.iter().all(Option::is_some));
        assert_eq!(analyze(&body, &cfg).ends, [false, true]);
    }

    #[test]
    fn init_must_hold_on_every_path_and_moves_on_any() {
        // 0: declare a (init), d (deferred) → 2 | 3;  2: d = …; read a → 4;  3 → 4
        let g = graph(vec![
            (
                vec![
                    Effect::Declare(vec![0], true),
                    Effect::Declare(vec![1], false),
                ],
                vec![2, 3],
            ),
            (vec![], vec![]),
            (
                vec![use_(1, UseKind::Assign), use_(0, UseKind::Read)],
                vec![4],
            ),
            (vec![], vec![4]),
            (vec![], vec![1]),
        ]);
        let init = solve(&g, 2, &INIT);
        assert_eq!(members(&init[4], 2), [0], "d is assigned on one path only");
        let moved = solve(&g, 2, &MOVED);
        assert_eq!(members(&moved[4], 2), [0], "a may have moved");
        assert_eq!(members(&moved[3], 2), Vec::<usize>::new());
        // A node nothing reaches constrains nothing.
        let g = graph(vec![
            (vec![Effect::Declare(vec![0], true)], vec![2]),
            (vec![], vec![]),
            (vec![], vec![1]),
            (vec![Effect::Declare(vec![0], false)], vec![2]),
        ]);
        assert_eq!(members(&solve(&g, 1, &INIT)[2], 1), [0]);
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
mod carry_tests {
    use super::*;
    use quote::quote;

    fn carried(body: proc_macro2::TokenStream) -> Vec<Vec<String>> {
        let body = crate::normalize::normalize_block(body);
        let live = analyze(&body, &crate::cfg::build(&body));
        (0..body.yields)
            .map(|k| carried_names(&body, &live, k))
            .collect()
    }

    fn completing(body: proc_macro2::TokenStream) -> Vec<bool> {
        let body = crate::normalize::normalize_block(body);
        let live = analyze(&body, &crate::cfg::build(&body));
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
        // Moved on one branch, assigned on the other: the rest of the block is lowered
        // once per way (yield 3 after each), and each way knows what it holds.
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
        assert_eq!(c, [vec![], vec![], vec!["d"], vec!["d"]]);
        // Assigned on one way through an `if`: the rest of the block is lowered once per
        // way (yields 1-3 where `d` was assigned again, 4-6 where it was not). Moved on a
        // way that leaves the labelled block by a `break`: maybe moved after the block.
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
        let d = || "d".to_owned();
        let e = || "e".to_owned();
        assert_eq!(
            c,
            [
                vec![d()],
                vec![d(), e()],
                vec![d()],
                vec![],
                vec![e()],
                vec![]
            ]
        );
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
