//! Differential tester: gen-runtime `#[generator]` (stable) vs nightly `#[coroutine]` closures
//! (`--streams`: gen-runtime streams vs `async_stream::stream!`). See README.md.

mod borrow;
mod gen;

use gen::{emit_program, Gen, Rng, World};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

const RESUMES: usize = 200;

/// Constructs `--avoid` can leave out, to look past a known bug while triaging.
const AVOIDABLE: &[&str] = &[
    "place-yields",
    "return-arrays",
    "assign-yield-from",
    "shadow-arrays",
    "break-before-return",
    "unread-end",
    "temp-guards",
    "future-guards",
    "drop-guards",
    "cond-moves",
    "field-reads",
    "partial-moves",
    "shadowed-values",
    "jumps-moved",
    "reassign-moved",
    "break-moves",
    "nested-moves",
    "yield-temps",
    "macro-yield-args",
    "stream-item-type",
    "branch-assigns",
    "bound-arm-moves",
    "scrutinee-temps",
    "yield-temp-guards",
    "yield-from-captures",
    "scrutinee-temp-guards",
];

/// `--runtime`: the gen-runtime crate the stable world depends on.
static RUNTIME: OnceLock<PathBuf> = OnceLock::new();
/// `--iterators`: the programs are of the iterator kind (another driver).
static ITERATORS: OnceLock<bool> = OnceLock::new();
/// `--streams`: the programs are streams, the reference is async-stream (built on stable).
static STREAMS: OnceLock<bool> = OnceLock::new();
/// `--drops`: the programs hold values with a logging `Drop`; the trace has every drop,
/// and each program also runs dropped after k = 0, 1, 2, … resumes.
static DROPS: OnceLock<bool> = OnceLock::new();
/// `--iterators`: how many times the driver calls `next()` after the first `None`.
const AFTER_END: usize = 3;
/// `--streams`: at most this many polls (each await may answer `Pending` twice).
const POLLS: usize = 1000;

fn streams() -> bool {
    *STREAMS.get().expect("mode set")
}

fn drops() -> bool {
    *DROPS.get().expect("mode set")
}

/// The name of a world in directories, file names and the report.
fn wname(w: World) -> &'static str {
    match (w, streams()) {
        (World::Stable, _) => "stable",
        (World::Nightly, false) => "nightly",
        (World::Nightly, true) => "reference",
    }
}
const SEEDS: [i64; 2] = [0, 17];

struct Opts {
    programs: usize,
    seed: u64,
    batch: usize,
    all: bool,
    in_place_stats: bool,
    iterators: bool,
    /// `--streams`: stream programs against async-stream.
    streams: bool,
    /// `--deferred`: also `let d;` bindings assigned in branches (see `Gen::deferred`).
    deferred: bool,
    /// `--drops`: values with a logging `Drop` (see `Gen::drops`), drops in the trace.
    drops: bool,
    /// `--borrows`: bodies that borrow their locals across yields (see borrow.rs).
    borrows: bool,
    /// `--max-suspensions N`: draw a program again when it has more than N suspension
    /// points (0: no limit; default 40 with `--streams --drops`, whose expansions grow
    /// fastest, else 0).
    max_suspensions: usize,
    arrays: u64,
    avoid: Vec<String>,
    work: PathBuf,
    /// The gen-runtime crate the stable world depends on (inside its workspace).
    runtime: PathBuf,
}

fn parse_args() -> Opts {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
    let mut o = Opts {
        programs: 200,
        seed: 1,
        batch: 100,
        all: false,
        in_place_stats: false,
        iterators: false,
        streams: false,
        deferred: false,
        drops: false,
        borrows: false,
        max_suspensions: usize::MAX,
        arrays: 50,
        avoid: vec![],
        work: root.join("target-work"),
        runtime: root.join("../../gen-runtime"),
    };
    let a: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < a.len() {
        let v = a.get(i + 1).cloned().unwrap_or_default();
        match a[i].as_str() {
            "--programs" => o.programs = v.parse().expect("--programs N"),
            "--seed" => o.seed = v.parse().expect("--seed N"),
            "--batch" => o.batch = v.parse().expect("--batch N"),
            "--arrays" => o.arrays = v.parse().expect("--arrays PCT"),
            "--avoid" => {
                o.avoid = v.split(',').map(str::to_string).collect();
                for a in &o.avoid {
                    assert!(
                        AVOIDABLE.contains(&a.as_str()) || borrow::AVOIDABLE.contains(&a.as_str()),
                        "--avoid: one of {AVOIDABLE:?}"
                    );
                }
            }
            "--max-suspensions" => o.max_suspensions = v.parse().expect("--max-suspensions N"),
            "--work" => o.work = PathBuf::from(v),
            "--runtime" => o.runtime = PathBuf::from(v),
            "--all-constructs" => {
                o.all = true;
                i += 1;
                continue;
            }
            "--in-place-stats" => {
                o.in_place_stats = true;
                i += 1;
                continue;
            }
            "--iterators" => {
                o.iterators = true;
                i += 1;
                continue;
            }
            "--deferred" => {
                o.deferred = true;
                i += 1;
                continue;
            }
            "--streams" => {
                o.streams = true;
                i += 1;
                continue;
            }
            "--drops" => {
                o.drops = true;
                i += 1;
                continue;
            }
            "--borrows" => {
                o.borrows = true;
                i += 1;
                continue;
            }
            "-h" | "--help" => {
                println!("difftest [--programs N] [--seed S] [--batch B] [--arrays PCT] [--avoid place-yields,return-arrays,assign-yield-from,shadow-arrays,break-before-return,unread-end,temp-guards,future-guards,drop-guards,cond-moves,field-reads,partial-moves,shadowed-values,jumps-moved,reassign-moved,break-moves,nested-moves,yield-temps,macro-yield-args,stream-item-type,branch-assigns,bound-arm-moves,scrutinee-temps,yield-temp-guards,yield-from-captures,scrutinee-temp-guards] [--in-place-stats] [--iterators] [--streams] [--drops] [--borrows] [--deferred] [--max-suspensions N] [--work DIR] [--runtime DIR] [--all-constructs]");
                std::process::exit(0);
            }
            x => panic!("unknown argument {x}"),
        }
        i += 2;
    }
    if o.max_suspensions == usize::MAX {
        o.max_suspensions = if o.streams && o.drops { 40 } else { 0 };
    }
    o
}

const MIX: &str = "pub fn mix(a: i64, b: i64) -> i64 { a.wrapping_mul(31).wrapping_add(b) ^ 5 }
pub fn peek(a: &[i64], k: i64) -> i64 { a[k.rem_euclid(a.len() as i64) as usize] }
pub fn poke(a: &mut [i64], k: i64, v: i64) { let i = k.rem_euclid(a.len() as i64) as usize; a[i] = a[i].wrapping_mul(5).wrapping_add(v); }
";

fn stable_prelude() -> String {
    format!(
        "{MIX}
#[gen_runtime::generator]
pub fn inner(k: i64) -> impl gen_runtime::Generator<i64, Yield = i64, Return = i64> {{
    let mut s = k;
    for i in 0..(k.rem_euclid(3) + 1) {{
        let r = gen_runtime::yield_!(s.wrapping_add(i));
        s = s.wrapping_mul(7).wrapping_add(r);
    }}
    s
}}

fn drive<G: gen_runtime::Generator<i64, Yield = i64, Return = i64>>(mut g: G) -> String {{
    use gen_runtime::GeneratorState::*;
    let mut out = String::new();
    for k in 1..={RESUMES} as i64 {{
        match g.resume(k) {{
            Yielded(y) => out.push_str(&format!(\"{{y}} \")),
            Complete(r) => {{ out.push_str(&format!(\"R{{r}}\")); return out; }}
        }}
    }}
    out.push_str(\"TIMEOUT\");
    out
}}
"
    )
}

fn nightly_prelude() -> String {
    format!(
        "{MIX}
pub fn inner(k: i64) -> impl std::ops::Coroutine<i64, Yield = i64, Return = i64> {{
    #[coroutine]
    move |_first: i64| {{
        let mut s = k;
        for i in 0..(k.rem_euclid(3) + 1) {{
            let r = yield s.wrapping_add(i);
            s = s.wrapping_mul(7).wrapping_add(r);
        }}
        s
    }}
}}

fn drive<G: std::ops::Coroutine<i64, Yield = i64, Return = i64>>(g: G) -> String {{
    use std::ops::CoroutineState::*;
    let mut g = Box::pin(g);
    let mut out = String::new();
    for k in 1..={RESUMES} as i64 {{
        match g.as_mut().resume(k) {{
            Yielded(y) => out.push_str(&format!(\"{{y}} \")),
            Complete(r) => {{ out.push_str(&format!(\"R{{r}}\")); return out; }}
        }}
    }}
    out.push_str(\"TIMEOUT\");
    out
}}
"
    )
}

/// `--iterators`: every item, then `R` at the first `None`, then ` N` for each of the
/// `AFTER_END` calls after it that return `None` again (` !v` for one that yields `v`).
fn stable_prelude_iter() -> String {
    format!(
        "{MIX}
fn drive<I: Iterator<Item = i64>>(mut it: I) -> String {{
    let mut out = String::new();
    for _ in 0..{RESUMES} {{
        match it.next() {{
            Some(y) => out.push_str(&format!(\"{{y}} \")),
            None => {{
                out.push('R');
                for _ in 0..{AFTER_END} {{
                    match it.next() {{
                        None => out.push_str(\" N\"),
                        Some(y) => out.push_str(&format!(\" !{{y}}\")),
                    }}
                }}
                return out;
            }}
        }}
    }}
    out.push_str(\"TIMEOUT\");
    out
}}

/// The same trace from `for_each` (internal iteration, through `Iterator::fold`): stopped
/// by an unwind that skips the panic hook after {RESUMES} items, as `drive` stops.
fn drive_fold<I: Iterator<Item = i64>>(it: I) -> String {{
    struct Stop;
    let mut out = String::new();
    let mut n = 0;
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {{
        it.for_each(|y| {{
            if n == {RESUMES} {{
                std::panic::resume_unwind(Box::new(Stop));
            }}
            n += 1;
            out.push_str(&format!(\"{{y}} \"));
        }})
    }}));
    match run {{
        Ok(()) if n < {RESUMES} => {{
            out.push('R');
            for _ in 0..{AFTER_END} {{
                out.push_str(\" N\");
            }}
        }}
        Ok(()) => out.push_str(\"TIMEOUT\"),
        Err(e) if e.is::<Stop>() => out.push_str(\"TIMEOUT\"),
        Err(e) => std::panic::resume_unwind(e),
    }}
    out
}}

/// The trace by `next`, checked against the trace by `for_each`: where they differ, both.
fn trace<I: Iterator<Item = i64>>(make: impl Fn() -> I) -> String {{
    let by_next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drive(make())))
        .unwrap_or_else(|_| \"PANIC\".to_string());
    let by_fold = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drive_fold(make())))
        .unwrap_or_else(|_| \"PANIC\".to_string());
    if by_next == by_fold {{
        by_next
    }} else {{
        format!(\"{{by_next}} FOLDED {{by_fold}}\")
    }}
}}
"
    )
}

/// `--iterators`: the same trace; a completed coroutine is not resumed again, the driver
/// appends what a fused iterator gives.
fn nightly_prelude_iter() -> String {
    format!(
        "{MIX}
fn drive<G: std::ops::Coroutine<(), Yield = i64, Return = ()>>(g: G) -> String {{
    use std::ops::CoroutineState::*;
    let mut g = Box::pin(g);
    let mut out = String::new();
    for _ in 0..{RESUMES} {{
        match g.as_mut().resume(()) {{
            Yielded(y) => out.push_str(&format!(\"{{y}} \")),
            Complete(()) => {{
                out.push('R');
                for _ in 0..{AFTER_END} {{
                    out.push_str(\" N\");
                }}
                return out;
            }}
        }}
    }}
    out.push_str(\"TIMEOUT\");
    out
}}

fn trace<G: std::ops::Coroutine<(), Yield = i64, Return = ()>>(make: impl Fn() -> G) -> String {{
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drive(make())))
        .unwrap_or_else(|_| \"PANIC\".to_string())
}}
"
    )
}

/// `--streams`: what both worlds share: the drop log, guards, the test future, the driver.
fn stream_common() -> String {
    format!(
        "{MIX}
use std::future::Future;
use std::pin::Pin;
use std::task::{{Context, Poll, Waker}};

/// The drop log: guard ids in the order they were dropped (one per run, no global state).
pub type Log = std::rc::Rc<std::cell::RefCell<Vec<i64>>>;

/// A guard: logs its id when dropped.
pub struct D(pub i64, pub Log);
impl Drop for D {{
    fn drop(&mut self) {{
        self.1.borrow_mut().push(self.0);
    }}
}}
pub fn dv(d: &D) -> i64 {{
    d.0
}}

/// The test future: `Pending` `k.rem_euclid(3)` times (waking the waker each time), then
/// `Ready` with a value in 0..16 derived from `k`. Unpin; `fg` also owns a guard, dropped
/// with the future.
pub struct F {{
    waits: u32,
    v: i64,
    _g: Option<D>,
}}
impl Future for F {{
    type Output = i64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<i64> {{
        if self.waits == 0 {{
            return Poll::Ready(self.v);
        }}
        self.waits -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }}
}}
pub fn f(k: i64) -> F {{
    F {{ waits: k.rem_euclid(3) as u32, v: (k.wrapping_mul(7) ^ 5).rem_euclid(16), _g: None }}
}}
pub fn fg(k: i64, g: D) -> F {{
    F {{ waits: k.rem_euclid(3) as u32, v: (k.wrapping_mul(7) ^ 5).rem_euclid(16), _g: Some(g) }}
}}

fn flush(log: &Log, seen: &mut usize, out: &mut String) {{
    let l = log.borrow();
    for d in &l[*seen..] {{
        out.push_str(&format!(\"~{{d}} \"));
    }}
    *seen = l.len();
}}

/// Polls with a no-op waker until `Ready(None)` (then {AFTER_END} more polls), or until
/// `cut` polls, then drops the stream. Trace: `P` per `Pending`, the item per
/// `Ready(Some)`, `R` at the first `Ready(None)` (` N` per later one), `~id` per guard
/// dropped during the poll before it, `|` where the stream is dropped. Also returns the
/// number of polls up to the end.
fn drive<S: Stream<Item = i64>>(s: S, log: &Log, cut: Option<usize>) -> (String, usize) {{
    let mut s = Box::pin(s);
    let mut cx = Context::from_waker(Waker::noop());
    let mut out = String::new();
    let mut seen = 0;
    let mut polls = 0;
    loop {{
        if polls == {POLLS} {{
            out.push_str(\"TIMEOUT \");
            break;
        }}
        if Some(polls) == cut {{
            out.push_str(\"CUT \");
            break;
        }}
        polls += 1;
        match s.as_mut().poll_next(&mut cx) {{
            Poll::Pending => out.push_str(\"P \"),
            Poll::Ready(Some(y)) => out.push_str(&format!(\"{{y}} \")),
            Poll::Ready(None) => {{
                out.push('R');
                for _ in 0..{AFTER_END} {{
                    match s.as_mut().poll_next(&mut cx) {{
                        Poll::Ready(None) => out.push_str(\" N\"),
                        Poll::Ready(Some(y)) => out.push_str(&format!(\" !{{y}}\")),
                        Poll::Pending => out.push_str(\" !P\"),
                    }}
                }}
                out.push(' ');
                flush(log, &mut seen, &mut out);
                break;
            }}
        }}
        flush(log, &mut seen, &mut out);
    }}
    out.push('|');
    drop(s);
    flush(log, &mut seen, &mut out);
    (out.trim_end().to_string(), polls)
}}
{run}",
        run = if drops() {
            DROPS_STREAM_RUN
        } else {
            STREAM_RUN
        }
    )
}

/// `--streams` without `--drops`: a full run of one program for one seed, then runs cut at
/// a third and two thirds of it.
const STREAM_RUN: &str = r#"
/// A full run of one program for one seed, then runs cut at a third and two thirds of it.
fn run<S: Stream<Item = i64>>(start: impl Fn(i64, Log) -> S, seed: i64) -> String {
    let one = |cut: Option<usize>| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let log = Log::default();
            drive(start(seed, log.clone()), &log, cut)
        }))
        .unwrap_or_else(|_| ("PANIC".to_string(), 0))
    };
    let (mut out, n) = one(None);
    let mut cuts = vec![n / 3, 2 * n / 3];
    cuts.dedup();
    for c in cuts {
        if c > 0 && c < n {
            out.push_str(&format!(" [cut {c}] {}", one(Some(c)).0));
        }
    }
    out
}
"#;

/// `--streams --drops`: a full run, then one dropped after each cut (`run_cuts`), after k
/// polls for k = 0, 1, 2, … while the stream is not finished.
const DROPS_STREAM_RUN: &str = r#"
fn run<S: Stream<Item = i64>>(start: impl Fn(i64, Log) -> S, seed: i64) -> String {
    run_cuts(|cut: Option<usize>| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let log = Log::default();
            let (t, polls) = drive(start(seed, log.clone()), &log, cut);
            // the cuts: after 0 ..= polls - 1 polls (the last poll ends the stream)
            (t, polls.saturating_sub(1))
        }))
        .unwrap_or_else(|_| ("PANIC".to_string(), 0))
    })
    .0
}
"#;

/// `--drops`: what every world and kind shares: the logging value `V`, the `Bag` it can be
/// moved out of, and the cuts.
const DROPS_COMMON: &str = r#"
/// `--drops`: a value with a logging `Drop`: its id goes to the log when it is dropped.
pub struct V {
    pub id: i64,
    pub log: Log,
}
impl V {
    pub fn new(id: i64, log: &Log) -> V {
        V { id, log: log.clone() }
    }
}
impl Drop for V {
    fn drop(&mut self) {
        self.log.borrow_mut().push(self.id);
    }
}
/// No `Drop` of its own: `items` can be moved out, `count` and `tag` read after that.
/// Dropped as a whole: `items`, then `tag`.
pub struct Bag {
    pub items: V,
    pub count: i64,
    pub tag: V,
}
impl Bag {
    pub fn new(a: i64, b: i64, log: &Log) -> Bag {
        Bag { items: V::new(a, log), count: a, tag: V::new(b, log) }
    }
}
/// A read by reference.
pub fn vid(v: &V) -> i64 {
    v.id
}
/// A move: `v` is dropped inside the call.
pub fn consume(v: V) -> i64 {
    v.id
}

/// The cut points of a run that suspended `n` times: dropped after k = 0, 1, 2, …
/// resumes (every k up to 12, then 0..=6 and a sample up to `n`).
fn cuts(n: usize) -> Vec<usize> {
    if n <= 12 {
        return (0..=n).collect();
    }
    let mut v: Vec<usize> = (0..=6).collect();
    v.extend([n / 3, n / 2, 2 * n / 3, n - 1, n]);
    v.sort();
    v.dedup();
    v
}

/// A full run (`one(None)`: its trace and how many times it suspended), then one run
/// dropped after each cut: ` [k] |~…`, what dropping it dropped. The trace up to the
/// cut must be the full run's prefix (` [k] DIVERGED …` otherwise). Also returns the full
/// run's trace.
fn run_cuts(one: impl Fn(Option<usize>) -> (String, usize)) -> (String, String) {
    let (full, n) = one(None);
    let mut out = full.clone();
    for k in cuts(n) {
        let (t, _) = one(Some(k));
        match t.split_once("CUT ") {
            Some((pre, rest)) if full.starts_with(pre) => out.push_str(&format!(" [{k}] {rest}")),
            _ => out.push_str(&format!(" [{k}] DIVERGED {t}")),
        }
    }
    (out, full)
}
"#;

/// `--drops`, generator and iterator kinds: the log and its flush (streams have them in
/// `stream_common`).
const DROPS_LOG: &str = r#"
/// The drop log: ids in the order they were dropped (one per run, no global state).
pub type Log = std::rc::Rc<std::cell::RefCell<Vec<i64>>>;

fn flush(log: &Log, seen: &mut usize, out: &mut String) {
    let l = log.borrow();
    for d in &l[*seen..] {
        out.push_str(&format!("~{d} "));
    }
    *seen = l.len();
}
"#;

/// `--drops`, generator kind, gen-runtime's side: the helper `inner_d` (`inner` holding a
/// value with a logging `Drop`), the driver and the runs.
const DROPS_GEN_STABLE: &str = r#"
#[gen_runtime::generator]
pub fn inner_d(k: i64, log: Log) -> impl gen_runtime::Generator<i64, Yield = i64, Return = i64> {
    let _g = V::new(1000 + k.rem_euclid(10), &log);
    let mut s = k;
    for i in 0..(k.rem_euclid(3) + 1) {
        let r = gen_runtime::yield_!(s.wrapping_add(i));
        s = s.wrapping_mul(7).wrapping_add(r);
    }
    s
}

/// Resumes with 1, 2, 3, … until it completes, or until `cut` resumes (then drops it).
/// Trace: each yield, `R<v>` at the end, `~id` for each value dropped during the resume
/// before it, `|` where the generator is dropped, then what that dropped. Also returns
/// how many times it yielded.
fn drive_d<G: gen_runtime::Generator<i64, Yield = i64, Return = i64>>(mut g: G, log: &Log, cut: Option<usize>) -> (String, usize) {
    use gen_runtime::GeneratorState::*;
    let mut out = String::new();
    let mut seen = 0;
    let mut yields = 0;
    loop {
        if Some(yields) == cut {
            out.push_str("CUT ");
            break;
        }
        if yields == RESUMES {
            out.push_str("TIMEOUT ");
            break;
        }
        match g.resume(yields as i64 + 1) {
            Yielded(y) => {
                yields += 1;
                out.push_str(&format!("{y} "));
            }
            Complete(r) => {
                out.push_str(&format!("R{r} "));
                flush(log, &mut seen, &mut out);
                break;
            }
        }
        flush(log, &mut seen, &mut out);
    }
    out.push('|');
    drop(g);
    flush(log, &mut seen, &mut out);
    (out.trim_end().to_string(), yields)
}

fn run<G: gen_runtime::Generator<i64, Yield = i64, Return = i64>>(start: impl Fn(i64, Log) -> G, seed: i64) -> String {
    run_cuts(|cut| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let log = Log::default();
            drive_d(start(seed, log.clone()), &log, cut)
        }))
        .unwrap_or_else(|_| ("PANIC".to_string(), 0))
    })
    .0
}
"#;

/// `--drops`, generator kind, nightly: the same with a coroutine.
const DROPS_GEN_NIGHTLY: &str = r#"
pub fn inner_d(k: i64, log: Log) -> impl std::ops::Coroutine<i64, Yield = i64, Return = i64> {
    #[coroutine]
    move |_first: i64| {
        let _g = V::new(1000 + k.rem_euclid(10), &log);
        let mut s = k;
        for i in 0..(k.rem_euclid(3) + 1) {
            let r = yield s.wrapping_add(i);
            s = s.wrapping_mul(7).wrapping_add(r);
        }
        s
    }
}

fn drive_d<G: std::ops::Coroutine<i64, Yield = i64, Return = i64>>(g: G, log: &Log, cut: Option<usize>) -> (String, usize) {
    use std::ops::CoroutineState::*;
    let mut g = Box::pin(g);
    let mut out = String::new();
    let mut seen = 0;
    let mut yields = 0;
    loop {
        if Some(yields) == cut {
            out.push_str("CUT ");
            break;
        }
        if yields == RESUMES {
            out.push_str("TIMEOUT ");
            break;
        }
        match g.as_mut().resume(yields as i64 + 1) {
            Yielded(y) => {
                yields += 1;
                out.push_str(&format!("{y} "));
            }
            Complete(r) => {
                out.push_str(&format!("R{r} "));
                flush(log, &mut seen, &mut out);
                break;
            }
        }
        flush(log, &mut seen, &mut out);
    }
    out.push('|');
    drop(g);
    flush(log, &mut seen, &mut out);
    (out.trim_end().to_string(), yields)
}

fn run<G: std::ops::Coroutine<i64, Yield = i64, Return = i64>>(start: impl Fn(i64, Log) -> G, seed: i64) -> String {
    run_cuts(|cut| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let log = Log::default();
            drive_d(start(seed, log.clone()), &log, cut)
        }))
        .unwrap_or_else(|_| ("PANIC".to_string(), 0))
    })
    .0
}
"#;

/// `--drops --iterators`, gen-runtime's side: `next` until `None` (then AFTER_END more),
/// or until `cut` items; and the same run through `for_each`, which must give the same
/// trace (` FOLDED …` otherwise, up to a `TIMEOUT`).
const DROPS_ITER_STABLE: &str = r#"
fn drive_d<I: Iterator<Item = i64>>(mut it: I, log: &Log, cut: Option<usize>) -> (String, usize) {
    let mut out = String::new();
    let mut seen = 0;
    let mut items = 0;
    loop {
        if Some(items) == cut {
            out.push_str("CUT ");
            break;
        }
        if items == RESUMES {
            out.push_str("TIMEOUT ");
            break;
        }
        match it.next() {
            Some(y) => {
                items += 1;
                out.push_str(&format!("{y} "));
            }
            None => {
                out.push_str("R ");
                flush(log, &mut seen, &mut out);
                for _ in 0..AFTER_END {
                    match it.next() {
                        None => out.push_str("N "),
                        Some(y) => out.push_str(&format!("!{y} ")),
                    }
                }
                flush(log, &mut seen, &mut out);
                break;
            }
        }
        flush(log, &mut seen, &mut out);
    }
    out.push('|');
    drop(it);
    flush(log, &mut seen, &mut out);
    (out.trim_end().to_string(), items)
}

/// The full run through `for_each` (internal iteration, `Iterator::fold`), stopped after
/// RESUMES items by an unwind that skips the panic hook.
fn drive_fold_d<I: Iterator<Item = i64>>(it: I, log: &Log) -> String {
    struct Stop;
    let mut out = String::new();
    let mut seen = 0;
    let mut n = 0;
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        it.for_each(|y| {
            if n == RESUMES {
                std::panic::resume_unwind(Box::new(Stop));
            }
            n += 1;
            out.push_str(&format!("{y} "));
            flush(log, &mut seen, &mut out);
        })
    }));
    match run {
        Ok(()) if n < RESUMES => {
            out.push_str("R ");
            flush(log, &mut seen, &mut out);
            for _ in 0..AFTER_END {
                out.push_str("N ");
            }
        }
        Ok(()) => out.push_str("TIMEOUT "),
        Err(e) if e.is::<Stop>() => out.push_str("TIMEOUT "),
        Err(e) => std::panic::resume_unwind(e),
    }
    out.push('|');
    flush(log, &mut seen, &mut out);
    out.trim_end().to_string()
}

fn run<I: Iterator<Item = i64>>(start: impl Fn(i64, Log) -> I, seed: i64) -> String {
    let one = |cut| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let log = Log::default();
            drive_d(start(seed, log.clone()), &log, cut)
        }))
        .unwrap_or_else(|_| ("PANIC".to_string(), 0))
    };
    let (out, full) = run_cuts(one);
    let folded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let log = Log::default();
        drive_fold_d(start(seed, log.clone()), &log)
    }))
    .unwrap_or_else(|_| "PANIC".to_string());
    let upto = |t: &str| t.split("TIMEOUT").next().unwrap_or("").to_string();
    if upto(&folded) == upto(&full) {
        out
    } else {
        format!("{out} FOLDED {folded}")
    }
}
"#;

/// `--drops --iterators`, nightly: a completed coroutine is not resumed again, the driver
/// appends what a fused iterator gives.
const DROPS_ITER_NIGHTLY: &str = r#"
fn drive_d<G: std::ops::Coroutine<(), Yield = i64, Return = ()>>(g: G, log: &Log, cut: Option<usize>) -> (String, usize) {
    use std::ops::CoroutineState::*;
    let mut g = Box::pin(g);
    let mut out = String::new();
    let mut seen = 0;
    let mut items = 0;
    loop {
        if Some(items) == cut {
            out.push_str("CUT ");
            break;
        }
        if items == RESUMES {
            out.push_str("TIMEOUT ");
            break;
        }
        match g.as_mut().resume(()) {
            Yielded(y) => {
                items += 1;
                out.push_str(&format!("{y} "));
            }
            Complete(()) => {
                out.push_str("R ");
                flush(log, &mut seen, &mut out);
                for _ in 0..AFTER_END {
                    out.push_str("N ");
                }
                flush(log, &mut seen, &mut out);
                break;
            }
        }
        flush(log, &mut seen, &mut out);
    }
    out.push('|');
    drop(g);
    flush(log, &mut seen, &mut out);
    (out.trim_end().to_string(), items)
}

fn run<G: std::ops::Coroutine<(), Yield = i64, Return = ()>>(start: impl Fn(i64, Log) -> G, seed: i64) -> String {
    run_cuts(|cut| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let log = Log::default();
            drive_d(start(seed, log.clone()), &log, cut)
        }))
        .unwrap_or_else(|_| ("PANIC".to_string(), 0))
    })
    .0
}
"#;

/// `--drops`: the prelude's additions for a world and kind.
fn drops_prelude(w: World, iterators: bool) -> String {
    let (log, kind) = match (w, iterators, streams()) {
        (_, _, true) => ("", ""),
        (World::Stable, false, _) => (DROPS_LOG, DROPS_GEN_STABLE),
        (World::Nightly, false, _) => (DROPS_LOG, DROPS_GEN_NIGHTLY),
        (World::Stable, true, _) => (DROPS_LOG, DROPS_ITER_STABLE),
        (World::Nightly, true, _) => (DROPS_LOG, DROPS_ITER_NIGHTLY),
    };
    format!("{log}{DROPS_COMMON}{kind}")
        .replace("RESUMES", &RESUMES.to_string())
        .replace("AFTER_END", &AFTER_END.to_string())
}

/// `--streams`: gen-runtime's side: the helper stream `inner` (a guard, yields, awaits).
fn stable_prelude_stream() -> String {
    format!(
        "use gen_runtime::{{generator, yield_, Stream}};
{}
#[generator]
pub fn inner(k: i64, log: Log) -> impl Stream<Item = i64> {{
    let _g = D(1000 + k.rem_euclid(10), log);
    let mut s = k;
    for i in 0..(k.rem_euclid(3) + 1) {{
        yield_!(s.wrapping_add(i));
        s = s.wrapping_mul(7).wrapping_add(f(s.wrapping_add(i)).await);
    }}
}}
",
        stream_common()
    )
}

/// `--streams`: the reference: the same `inner` with `async_stream::stream!`.
fn reference_prelude_stream() -> String {
    format!(
        "use futures_core::Stream;
{}
pub fn inner(k: i64, log: Log) -> impl Stream<Item = i64> {{
    async_stream::stream! {{
        let _g = D(1000 + k.rem_euclid(10), log);
        let mut s = k;
        for i in 0..(k.rem_euclid(3) + 1) {{
            yield s.wrapping_add(i);
            s = s.wrapping_mul(7).wrapping_add(f(s.wrapping_add(i)).await);
        }}
    }}
}}
",
        stream_common()
    )
}

fn write_crate(w: World, dir: &Path, ids: &[usize], srcs: &BTreeMap<usize, (String, String)>) {
    let _ = fs::remove_dir_all(dir.join("src"));
    fs::create_dir_all(dir.join("src")).unwrap();
    let rt = RUNTIME
        .get()
        .expect("runtime path set")
        .canonicalize()
        .expect("--runtime: no such directory");
    let deps = match w {
        World::Stable => format!(
            "gen-runtime = {{ path = {:?} }}\n",
            rt.display().to_string()
        ),
        World::Nightly if streams() => {
            "async-stream = \"0.3\"\nfutures-core = \"0.3\"\n".to_string()
        }
        World::Nightly => String::new(),
    };
    let name = match w {
        World::Stable => "difftest_stable",
        World::Nightly => "difftest_nightly",
    };
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{deps}\n[profile.dev]\ndebug = false\noverflow-checks = false\n"
        ),
    )
    .unwrap();
    if w == World::Stable && !dir.join("Cargo.lock").exists() {
        let lock = rt.join("../Cargo.lock");
        let _ = fs::copy(lock, dir.join("Cargo.lock"));
    }
    let mut main = String::new();
    if w == World::Nightly && !streams() {
        main.push_str("#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]\n");
    }
    main.push_str("#![allow(warnings)]\n");
    let iterators = *ITERATORS.get().expect("mode set");
    main.push_str(&match (w, iterators) {
        (World::Stable, _) if streams() => stable_prelude_stream(),
        (World::Nightly, _) if streams() => reference_prelude_stream(),
        (World::Stable, false) => stable_prelude(),
        (World::Nightly, false) => nightly_prelude(),
        (World::Stable, true) => stable_prelude_iter(),
        (World::Nightly, true) => nightly_prelude_iter(),
    });
    if drops() {
        main.push_str(&drops_prelude(w, iterators));
    }
    for &i in ids {
        main.push_str(&format!("mod p{i};\n"));
        let (s, n) = &srcs[&i];
        fs::write(
            dir.join(format!("src/p{i}.rs")),
            if w == World::Stable { s } else { n },
        )
        .unwrap();
    }
    main.push_str("\nfn main() {\n");
    for &i in ids {
        if streams() || drops() {
            main.push_str(&format!("    {{ let mut l = String::from(\"p{i}:\"); for s in {SEEDS:?} {{ l.push_str(&format!(\" [s={{s}}] {{}}\", run(p{i}::start, s))); }} println!(\"{{l}}\"); }}\n"));
            continue;
        }
        let t = if iterators {
            format!("trace(|| p{i}::start(s))")
        } else {
            format!("std::panic::catch_unwind(|| drive(p{i}::start(s))).unwrap_or_else(|_| \"PANIC\".to_string())")
        };
        main.push_str(&format!("    {{ let mut l = String::from(\"p{i}:\"); for s in {SEEDS:?} {{ let t = {t}; l.push_str(&format!(\" [s={{s}}] {{t}}\")); }} println!(\"{{l}}\"); }}\n"));
    }
    main.push_str("}\n");
    fs::write(dir.join("src/main.rs"), main).unwrap();
}

fn cargo(w: World, dir: &Path, target: &Path, run: bool) -> (bool, String, String) {
    let mut c = Command::new("cargo");
    if w == World::Nightly && !streams() {
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

/// `--in-place-stats`: how many programs of the (built) stable crate have an in-place
/// resume arm, and how many have a yield that stores the finished state (`--iterators`:
/// a last yield), read off its macro expansion (nightly `-Zunpretty=expanded`).
fn in_place_count(dir: &Path, target: &Path) -> Option<(usize, usize)> {
    let mut c = Command::new("cargo");
    c.arg("+nightly")
        .arg("rustc")
        .arg("-q")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .args(["--", "-Zunpretty=expanded"]);
    c.env("CARGO_TARGET_DIR", target);
    c.env_remove("RUSTUP_TOOLCHAIN");
    c.env_remove("CARGO");
    c.env_remove("RUSTC");
    let o = c.output().ok()?;
    if !o.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&o.stdout);
    let mods: Vec<&str> = text.split("\nmod p").skip(1).collect();
    // An in-place arm takes the travelling locals out of the state's `__held` field.
    let in_place = mods.iter().filter(|m| m.contains("__held")).count();
    // A last yield: `*__state = __PNState::Returned; return …::Yielded(__yielded);`
    let finishing = mods
        .iter()
        .filter(|m| {
            m.split("State::Returned;").skip(1).any(|rest| {
                rest.trim_start()
                    .starts_with("return ::gen_runtime::__private::GeneratorState::Yielded")
            })
        })
        .count();
    Some((in_place, finishing))
}

/// Where two trace lines first differ: the run (`[s=0]`, and `[k]`, a run dropped after k
/// resumes, or `[cut n]`) and a few tokens on each side before and after.
fn first_diff(a: &str, b: &str) -> String {
    let (ta, tb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let i = (0..ta.len().max(tb.len()))
        .find(|&i| ta.get(i) != tb.get(i))
        .unwrap_or(0);
    let mut run = String::new();
    for t in ta[..i.min(ta.len())].iter() {
        if t.starts_with("[s=") {
            run = t.to_string();
        } else if t.starts_with('[') {
            run = format!("{} {t}", run.split(' ').next().unwrap_or(""));
        }
    }
    let from = i.saturating_sub(6);
    let side = |t: &[&str]| {
        let to = (i + 6).min(t.len());
        t[from.min(t.len())..to].join(" ")
    };
    format!("in {run} at token {i}: `{}` vs `{}`", side(&ta), side(&tb))
}

/// The suspension points of a program's stable source (`yield_!`, `yield`, `yield_from!`,
/// `.await`), counted in the text of its generator function.
fn suspensions(src: &str) -> usize {
    let body = src.find("fn p").map_or(src, |i| &src[i..]);
    body.matches("yield").count() + body.matches(".await").count()
}

/// Split rustc stderr into per-program error texts (by `src/pN.rs` locations).
fn attribute_errors(stderr: &str) -> BTreeMap<usize, String> {
    let mut m: BTreeMap<usize, String> = BTreeMap::new();
    for chunk in stderr.split("\nerror").map(|c| format!("error{c}")) {
        if !chunk.contains("error[") && !chunk.contains("error:") {
            continue;
        }
        let mut ids = vec![];
        let mut rest = chunk.as_str();
        while let Some(p) = rest.find("src/p") {
            let t = &rest[p + 5..];
            let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
            if !digits.is_empty() && t[digits.len()..].starts_with(".rs") {
                ids.push(digits.parse::<usize>().unwrap());
            }
            rest = t;
        }
        if let Some(&i) = ids.first() {
            let e = m.entry(i).or_default();
            if e.len() < 6000 {
                e.push_str(&chunk);
                e.push('\n');
            }
        }
    }
    m
}

/// Build the crate, dropping programs that fail to compile. Returns (remaining ids, failures).
fn build_pruned(
    w: World,
    dir: &Path,
    target: &Path,
    mut ids: Vec<usize>,
    srcs: &BTreeMap<usize, (String, String)>,
) -> (Vec<usize>, BTreeMap<usize, String>) {
    let mut fails = BTreeMap::new();
    for _round in 0..20 {
        write_crate(w, dir, &ids, srcs);
        let (ok, _, err) = cargo(w, dir, target, false);
        if ok {
            return (ids, fails);
        }
        let bad = attribute_errors(&err);
        if bad.is_empty() {
            // unattributable error: test programs one at a time
            eprintln!(
                "[{}] unattributable build error, checking programs individually",
                wname(w)
            );
            let mut good = vec![];
            for &i in &ids {
                write_crate(w, dir, &[i], srcs);
                let (ok, _, err) = cargo(w, dir, target, false);
                if ok {
                    good.push(i);
                } else {
                    fails.insert(i, err);
                }
            }
            write_crate(w, dir, &good, srcs);
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

fn main() {
    let o = parse_args();
    if o.borrows {
        let ok = borrow::run(&borrow::Opts {
            programs: o.programs,
            seed: o.seed,
            batch: o.batch,
            work: o.work.clone(),
            runtime: o.runtime.clone(),
            avoid: o.avoid.clone(),
        });
        std::process::exit(if ok { 0 } else { 1 });
    }
    RUNTIME.set(o.runtime.clone()).unwrap();
    ITERATORS.set(o.iterators || o.streams).unwrap();
    STREAMS.set(o.streams).unwrap();
    DROPS.set(o.drops).unwrap();
    gen::AVOID_YIELD_FROM_CAPTURES.store(
        o.avoid.iter().any(|a| a == "yield-from-captures"),
        std::sync::atomic::Ordering::Relaxed,
    );
    let work = o.work.clone();
    let (ref_dir, ref_target) = (
        work.join(wname(World::Nightly)),
        work.join(format!("target-{}", wname(World::Nightly))),
    );
    fs::create_dir_all(&work).unwrap();
    let fail_dir = work.join("failures");
    let _ = fs::remove_dir_all(&fail_dir);
    fs::create_dir_all(&fail_dir).unwrap();
    let mut rng = Rng::new(o.seed);
    let mut srcs = BTreeMap::new();
    let (mut with_arrays, mut with_large) = (0, 0);
    // `--iterators`: programs whose body ends with a plain yield statement, programs with
    // at least one yield after which nothing runs, and the number of those yields
    let (mut ends_yield, mut with_last, mut last_yields) = (0, 0, 0);
    // `--streams`: awaits and guards generated, programs with an await, gen-runtime forms
    let (mut n_awaits, mut n_guards, mut with_awaits) = (0, 0, 0);
    let mut forms: BTreeMap<String, usize> = BTreeMap::new();
    // `--drops`: the constructs generated
    let mut dstats = gen::DropStats::default();
    // `--max-suspensions`, `--avoid yield-temp-guards`: programs drawn again
    let mut redrawn = 0;
    let avoid_yield_temp_guards = o.avoid.iter().any(|a| a == "yield-temp-guards");
    let avoid_scrutinee_temp_guards = o.avoid.iter().any(|a| a == "scrutinee-temp-guards");
    for n in 0..o.programs {
        // `--max-suspensions`: programs with more suspension points are drawn again
        let (p, g_dstats) = loop {
            let mut g = Gen::new(&mut rng);
            g.yields_in_guards = o.all;
            g.macros = o.all;
            g.nested_yield = o.all;
            g.yield_in_break = o.all;
            g.iterators = o.iterators || o.streams;
            g.streams = o.streams;
            g.avoid_temp_guards = o.avoid.iter().any(|a| a == "temp-guards");
            g.avoid_future_guards = o.avoid.iter().any(|a| a == "future-guards");
            g.avoid_drop_guards = o.avoid.iter().any(|a| a == "drop-guards");
            g.deferred = o.deferred;
            g.drops = o.drops;
            g.avoid_cond_moves = o.avoid.iter().any(|a| a == "cond-moves");
            g.avoid_field_reads = o.avoid.iter().any(|a| a == "field-reads");
            g.avoid_partial_moves = o.avoid.iter().any(|a| a == "partial-moves");
            g.avoid_shadowed_values = o.avoid.iter().any(|a| a == "shadowed-values");
            g.avoid_reassign_moved = o.avoid.iter().any(|a| a == "reassign-moved");
            g.avoid_jumps_moved = o.avoid.iter().any(|a| a == "jumps-moved");
            g.avoid_break_moves = o.avoid.iter().any(|a| a == "break-moves");
            g.avoid_nested_moves = o.avoid.iter().any(|a| a == "nested-moves");
            g.avoid_yield_temps = o.avoid.iter().any(|a| a == "yield-temps");
            g.avoid_macro_yield_args = o.avoid.iter().any(|a| a == "macro-yield-args");
            g.avoid_stream_item_type = o.avoid.iter().any(|a| a == "stream-item-type");
            g.avoid_branch_assigns = o.avoid.iter().any(|a| a == "branch-assigns");
            g.avoid_bound_arm_moves = o.avoid.iter().any(|a| a == "bound-arm-moves");
            g.avoid_scrutinee_temps = o.avoid.iter().any(|a| a == "scrutinee-temps");
            g.avoid_yield_temp_guards = avoid_yield_temp_guards;
            g.array_pct = o.arrays;
            g.avoid_place_yields = o.avoid.iter().any(|a| a == "place-yields");
            g.avoid_return_arrays = o.avoid.iter().any(|a| a == "return-arrays");
            g.avoid_assign_yield_from = o.avoid.iter().any(|a| a == "assign-yield-from");
            g.avoid_shadow_arrays = o.avoid.iter().any(|a| a == "shadow-arrays");
            g.avoid_break_before_return = o.avoid.iter().any(|a| a == "break-before-return");
            g.avoid_unread_end = o.avoid.iter().any(|a| a == "unread-end");
            let p = g.program();
            gen::YIELD_TEMP_GUARD.store(false, std::sync::atomic::Ordering::Relaxed);
            gen::SCRUTINEE_TEMP_GUARD.store(false, std::sync::atomic::Ordering::Relaxed);
            let src = emit_program(World::Stable, n, &p);
            // `--avoid yield-temp-guards`: no temporary guard inside a yield's argument;
            // `--avoid scrutinee-temp-guards`: none in a `match` scrutinee
            let temp_in_yield = avoid_yield_temp_guards
                && gen::YIELD_TEMP_GUARD.load(std::sync::atomic::Ordering::Relaxed);
            let temp_in_scrutinee = avoid_scrutinee_temp_guards
                && gen::SCRUTINEE_TEMP_GUARD.load(std::sync::atomic::Ordering::Relaxed);
            if !temp_in_yield
                && !temp_in_scrutinee
                && (o.max_suspensions == 0 || suspensions(&src) <= o.max_suspensions)
            {
                break (p, g.dstats);
            }
            redrawn += 1;
        };
        with_arrays += usize::from(p.arrays > 0);
        with_large += usize::from(p.large);
        n_awaits += p.awaits;
        dstats.add(&g_dstats);
        n_guards += p.guards;
        with_awaits += usize::from(p.awaits > 0);
        if let Some(f) = p.stream {
            *forms.entry(format!("{f:?}")).or_insert(0usize) += 1;
        }
        ends_yield += usize::from(p.ends_with_yield());
        let l = p.last_yields();
        with_last += usize::from(l > 0);
        last_yields += l;
        srcs.insert(
            n,
            (
                emit_program(World::Stable, n, &p),
                emit_program(World::Nightly, n, &p),
            ),
        );
    }
    let (mut mismatches, mut cf_stable, mut cf_nightly, mut agree) = (0, 0, 0, 0);
    let mut in_place: Option<(usize, usize)> = o.in_place_stats.then_some((0, 0));
    let mut report = String::new();
    // `DIFFTEST_ONLY=3,17`: build and run only those programs (to look again at what a
    // run reported; the others are still drawn, so the numbers stay the same).
    let only: Option<Vec<usize>> = std::env::var("DIFFTEST_ONLY")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect());
    let all: Vec<usize> = (0..o.programs)
        .filter(|n| only.as_ref().is_none_or(|o| o.contains(n)))
        .collect();
    // seconds: stable builds, reference builds, runs (with their last build)
    let mut times = [0f64; 3];
    let start = Instant::now();
    for chunk in all.chunks(o.batch.max(1)) {
        eprintln!("batch {}..={}", chunk[0], chunk[chunk.len() - 1]);
        let t0 = Instant::now();
        let (ids_s, fs_) = build_pruned(
            World::Stable,
            &work.join("stable"),
            &work.join("target-stable"),
            chunk.to_vec(),
            &srcs,
        );
        let t1 = Instant::now();
        let (ids_n, fn_) =
            build_pruned(World::Nightly, &ref_dir, &ref_target, chunk.to_vec(), &srcs);
        let t2 = Instant::now();
        times[0] += (t1 - t0).as_secs_f64();
        times[1] += (t2 - t1).as_secs_f64();
        for (i, e) in &fs_ {
            cf_stable += 1;
            fs::write(fail_dir.join(format!("p{i}.stable.rs")), &srcs[i].0).unwrap();
            fs::write(
                fail_dir.join(format!("p{i}.{}.rs", wname(World::Nightly))),
                &srcs[i].1,
            )
            .unwrap();
            fs::write(fail_dir.join(format!("p{i}.stable-error.txt")), e).unwrap();
            report.push_str(&format!(
                "COMPILE FAILURE (stable/gen-runtime) p{i}:\n{e}\n"
            ));
        }
        for (i, e) in &fn_ {
            cf_nightly += 1;
            let r = wname(World::Nightly);
            fs::write(fail_dir.join(format!("p{i}.{r}.rs")), &srcs[i].1).unwrap();
            fs::write(fail_dir.join(format!("p{i}.{r}-error.txt")), e).unwrap();
            report.push_str(&format!("COMPILE FAILURE ({r}) p{i}:\n{e}\n"));
        }
        let both: Vec<usize> = ids_s
            .iter()
            .copied()
            .filter(|i| ids_n.contains(i))
            .collect();
        // (a crate written again is built again: only where a program failed on the
        // other side)
        if both != ids_s {
            write_crate(World::Stable, &work.join("stable"), &both, &srcs);
        }
        if both != ids_n {
            write_crate(World::Nightly, &ref_dir, &both, &srcs);
        }
        if let Some(n) = &mut in_place {
            match in_place_count(&work.join("stable"), &work.join("target-expand")) {
                Some((k, f)) => {
                    n.0 += k;
                    n.1 += f;
                }
                None => eprintln!("--in-place-stats: expansion failed"),
            }
        }
        let t3 = Instant::now();
        let (oks, outs, errs) = cargo(
            World::Stable,
            &work.join("stable"),
            &work.join("target-stable"),
            true,
        );
        let (okn, outn, errn) = cargo(World::Nightly, &ref_dir, &ref_target, true);
        times[2] += t3.elapsed().as_secs_f64();
        if !oks || !okn {
            eprintln!(
                "run failed: stable ok={oks} {} ok={okn}\n{errs}\n{errn}",
                wname(World::Nightly)
            );
        }
        let ls: Vec<&str> = outs.lines().collect();
        let ln: Vec<&str> = outn.lines().collect();
        for (k, &i) in both.iter().enumerate() {
            let a = ls.get(k).copied().unwrap_or("<missing>");
            let b = ln.get(k).copied().unwrap_or("<missing>");
            if a == b {
                agree += 1;
            } else {
                mismatches += 1;
                let r = wname(World::Nightly);
                fs::write(fail_dir.join(format!("p{i}.stable.rs")), &srcs[&i].0).unwrap();
                fs::write(fail_dir.join(format!("p{i}.{r}.rs")), &srcs[&i].1).unwrap();
                let d = first_diff(a, b);
                fs::write(
                    fail_dir.join(format!("p{i}.mismatch.txt")),
                    format!("stable:  {a}\n{r}: {b}\nfirst difference {d}\n"),
                )
                .unwrap();
                report.push_str(&format!(
                    "MISMATCH p{i}:\n  stable:  {a}\n  {r}: {b}\n  first difference {d}\n"
                ));
            }
        }
    }
    let summary = format!(
        "programs={} seed={} all_constructs={} drops={} avoid={:?} with_arrays={with_arrays} (large={with_large}) agree={agree} mismatches={mismatches} compile_failures_stable={cf_stable} compile_failures_{}={cf_nightly}\nfailures written to {}\n",
        o.programs,
        o.seed,
        o.all,
        o.drops,
        o.avoid,
        wname(World::Nightly),
        fail_dir.display()
    );
    report.push_str(&summary);
    if o.max_suspensions > 0 || avoid_yield_temp_guards || avoid_scrutinee_temp_guards {
        report.push_str(&format!(
            "max_suspensions={} (and --avoid yield-temp-guards, scrutinee-temp-guards): {redrawn} programs drawn again\n",
            o.max_suspensions
        ));
    }
    if o.streams {
        report.push_str(&format!("streams: forms {forms:?}; programs with an await: {with_awaits}; awaits: {n_awaits}; guards (declared, temporary, owned by futures): {n_guards}\n"));
    }
    if o.drops {
        report.push_str(&format!("drops: {dstats:?}\n"));
    }
    let total = start.elapsed().as_secs_f64();
    report.push_str(&format!(
        "time: {total:.0} s ({:.0} s per 100 programs): builds {:.0} s stable, {:.0} s {}, runs {:.0} s\n",
        total * 100.0 / o.programs.max(1) as f64,
        times[0],
        times[1],
        wname(World::Nightly),
        times[2]
    ));
    if o.max_suspensions > 0 {
        report.push_str(&format!(
            "max_suspensions={}: {redrawn} programs drawn again\n",
            o.max_suspensions
        ));
    }
    if o.iterators || o.streams {
        report.push_str(&format!("iterators: body ends with a plain yield statement: {ends_yield}; with a yield after which nothing runs: {with_last} ({last_yields} such yields)\n"));
    }
    if let Some((n, f)) = in_place {
        report.push_str(&format!("in_place={n} (programs compiled on both sides whose expansion has an in-place resume arm)\n"));
        if o.iterators || o.streams {
            report.push_str(&format!("finishing={f} (programs compiled on both sides whose expansion has a yield that stores the finished state)\n"));
        }
    }
    fs::write(work.join("report.txt"), &report).unwrap();
    print!("{report}");
    if mismatches + cf_stable + cf_nightly > 0 {
        std::process::exit(1);
    }
}
