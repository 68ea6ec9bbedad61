//! Random program generator: an AST of i64 generator bodies, emitted twice
//! (gen-runtime `#[generator]` and nightly `#[coroutine]` closure).

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
    /// `yield_!(e) + k`
    Yield(Box<Expr>, i64),
    YieldFrom(Box<Expr>),
    If(Box<Cond>, Box<Expr>, Box<Expr>),
}

/// `(e).rem_euclid(m) == v`
pub struct Cond(pub Expr, pub i64, pub i64);

pub enum Stmt {
    Let(String, Expr),
    AccAdd(Expr),
    ExprStmt(Expr),
    If(Cond, Vec<Stmt>, Vec<Stmt>),
    Match(Expr, i64, Vec<(i64, Option<Cond>, Vec<Stmt>)>, Vec<Stmt>),
    /// label, body, break condition at end
    Loop(Option<String>, Vec<Stmt>, Cond),
    While(Option<String>, Cond, Vec<Stmt>),
    For(Option<String>, String, i64, Vec<Stmt>),
    /// let name = 'label: loop { body; if cond { break 'label value } }
    LetLoop(String, String, Vec<Stmt>, Cond, Expr),
    Break(Option<String>, Option<Expr>),
    Continue(Option<String>),
    Return(Expr),
}

pub struct LoopCtx {
    label: Option<String>,
    value: bool,
}

pub struct Gen<'r> {
    rng: &'r mut Rng,
    scope: Vec<String>,
    loops: Vec<LoopCtx>,
    fresh: usize,
    pub yields_in_guards: bool,
    pub nested_yield: bool,
    pub yield_in_break: bool,
}

const MAX_DEPTH: u32 = 3;

impl<'r> Gen<'r> {
    pub fn new(rng: &'r mut Rng) -> Self {
        Gen { rng, scope: vec!["seed".into(), "acc".into()], loops: vec![], fresh: 0, yields_in_guards: false, nested_yield: false, yield_in_break: false }
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
        if leaf {
            return if self.rng.chance(65) { Expr::Var(self.var()) } else { Expr::Lit(self.rng.below(10) as i64) };
        }
        let b = |g: &mut Self, ay| Box::new(g.expr(d + 1, ay));
        let k = self.rng.below(if allow_yield { 9 } else { 5 });
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
                let ay = allow_yield && self.nested_yield;
                Expr::Yield(b(self, ay), self.rng.below(3) as i64)
            }
            _ => Expr::YieldFrom(b(self, false)),
        }
    }

    fn cond(&mut self, d: u32, allow_yield: bool) -> Cond {
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

    pub fn block(&mut self, d: u32) -> Vec<Stmt> {
        let n = 1 + self.rng.below(if d == 0 { 5 } else { 3 });
        let save = self.scope.len();
        let v = (0..n).map(|_| self.stmt(d)).collect();
        self.scope.truncate(save);
        v
    }

    fn stmt(&mut self, d: u32) -> Stmt {
        let nested = d < MAX_DEPTH;
        loop {
            let k = self.rng.below(16);
            return match k {
                0 | 1 => {
                    let e = self.expr(0, true);
                    let name = self.fresh("x");
                    self.scope.push(name.clone());
                    Stmt::Let(name, e)
                }
                2 => {
                    // shadowing: `let x = x + 1;` (never acc/seed, which must stay as they are)
                    let locals: Vec<String> =
                        self.scope.iter().filter(|s| *s != "acc" && *s != "seed").cloned().collect();
                    if locals.is_empty() {
                        continue;
                    }
                    let x = locals[self.rng.below(locals.len() as u64) as usize].clone();
                    let e = Expr::Add(Box::new(Expr::Var(x.clone())), Box::new(self.expr(1, true)));
                    Stmt::Let(x, e)
                }
                3 | 4 => Stmt::AccAdd(self.expr(0, true)),
                5 => {
                    let ay = self.nested_yield;
                    Stmt::ExprStmt(Expr::Yield(Box::new(self.expr(1, ay)), 0))
                }
                6 if nested => {
                    let c = self.cond(0, true);
                    let t = self.block(d + 1);
                    let e = if self.rng.chance(60) { self.block(d + 1) } else { vec![] };
                    Stmt::If(c, t, e)
                }
                7 if nested => {
                    let scrut = self.expr(0, true);
                    let m = 2 + self.rng.below(3) as i64;
                    let mut arms = vec![];
                    for v in 0..m - 1 {
                        if self.rng.chance(70) {
                            let g = if self.rng.chance(35) {
                                let ay = self.yields_in_guards && self.rng.chance(30);
                                Some(self.cond(1, ay))
                            } else {
                                None
                            };
                            let b = self.block(d + 1);
                            arms.push((v, g, b));
                        }
                    }
                    let def = self.block(d + 1);
                    Stmt::Match(scrut, m, arms, def)
                }
                8 if nested => {
                    let l = self.label();
                    self.loops.push(LoopCtx { label: l.clone(), value: false });
                    let b = self.block(d + 1);
                    self.loops.pop();
                    let c = self.cond(1, true);
                    Stmt::Loop(l, b, c)
                }
                9 if nested => {
                    let l = self.label();
                    let c = self.cond(1, true);
                    self.loops.push(LoopCtx { label: l.clone(), value: false });
                    let b = self.block(d + 1);
                    self.loops.pop();
                    Stmt::While(l, c, b)
                }
                10 if nested => {
                    let l = self.label();
                    let i = self.fresh("i");
                    let k = 1 + self.rng.below(4) as i64;
                    self.scope.push(i.clone());
                    self.loops.push(LoopCtx { label: l.clone(), value: false });
                    let b = self.block(d + 1);
                    self.loops.pop();
                    self.scope.pop();
                    Stmt::For(l, i, k, b)
                }
                11 if nested => {
                    let l = self.fresh("'v");
                    let name = self.fresh("x");
                    self.loops.push(LoopCtx { label: Some(l.clone()), value: true });
                    let b = self.block(d + 1);
                    self.loops.pop();
                    let c = self.cond(1, true);
                    let ay = self.yield_in_break;
                    let v = self.expr(1, ay);
                    self.scope.push(name.clone());
                    Stmt::LetLoop(name, l, b, c, v)
                }
                12 | 13 if !self.loops.is_empty() => {
                    // break/continue to the innermost loop or a labelled outer loop
                    let labelled: Vec<usize> =
                        (0..self.loops.len()).filter(|&i| self.loops[i].label.is_some()).collect();
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
                    let lab = if lab.is_none() && target != self.loops.len() - 1 { continue } else { lab };
                    let c = self.cond(1, true);
                    let s = if k == 12 {
                        let ay = self.yield_in_break;
                        let v = if self.loops[target].value { Some(self.expr(1, ay)) } else { None };
                        Stmt::Break(lab, v)
                    } else {
                        Stmt::Continue(lab)
                    };
                    // always conditional, so the rest of the block stays reachable
                    Stmt::If(c, vec![s], vec![])
                }
                14 => {
                    let c = self.cond(1, true);
                    let e = self.expr(1, true);
                    Stmt::If(c, vec![Stmt::Return(e)], vec![])
                }
                15 => {
                    let e = Expr::YieldFrom(Box::new(self.expr(1, false)));
                    let name = self.fresh("x");
                    self.scope.push(name.clone());
                    Stmt::Let(name, e)
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
}

impl Emit {
    pub fn new(w: World) -> Self {
        Emit { w, out: String::new(), ind: 1 }
    }
    fn line(&mut self, s: &str) {
        for _ in 0..self.ind {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    pub fn expr(&self, e: &Expr) -> String {
        match e {
            Expr::Var(v) => v.clone(),
            Expr::Lit(n) => format!("{n}i64"),
            Expr::Add(a, b) => format!("({}).wrapping_add({})", self.expr(a), self.expr(b)),
            Expr::Mul(a, b) => format!("({}).wrapping_mul({})", self.expr(a), self.expr(b)),
            Expr::Xor(a, b) => format!("({} ^ {})", self.expr(a), self.expr(b)),
            Expr::Mix(a, b) => format!("mix({}, {})", self.expr(a), self.expr(b)),
            Expr::Yield(a, k) => {
                let y = match self.w {
                    World::Stable => format!("yield_!({})", self.expr(a)),
                    World::Nightly => format!("(yield {})", self.expr(a)),
                };
                if *k == 0 {
                    y
                } else {
                    format!("({y} + {k})")
                }
            }
            Expr::YieldFrom(a) => match self.w {
                World::Stable => format!("yield_from!(inner({}))", self.expr(a)),
                World::Nightly => format!(
                    "{{ let mut __inner = Box::pin(inner({})); let mut __arg: i64 = 0; loop {{ match __inner.as_mut().resume(__arg) {{ CoroutineState::Yielded(__y) => {{ __arg = yield __y; }} CoroutineState::Complete(__r) => break __r, }} }} }}",
                    self.expr(a)
                ),
            },
            Expr::If(c, a, b) => format!("(if {} {{ {} }} else {{ {} }})", self.cond(c), self.expr(a), self.expr(b)),
        }
    }
    fn cond(&self, c: &Cond) -> String {
        format!("({}).rem_euclid({}) == {}", self.expr(&c.0), c.1, c.2)
    }
    fn lab(l: &Option<String>) -> String {
        l.as_ref().map(|l| format!("{l}: ")).unwrap_or_default()
    }
    fn fuel(&mut self) {
        self.line("if fuel == 0 { return acc; }");
        self.line("fuel -= 1;");
    }
    pub fn block(&mut self, b: &[Stmt]) {
        self.ind += 1;
        for s in b {
            self.stmt(s);
        }
        self.ind -= 1;
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
            Stmt::ExprStmt(e) => {
                let l = format!("{};", self.expr(e));
                self.line(&l)
            }
            Stmt::If(c, t, e) => {
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
            Stmt::Match(sc, m, arms, def) => {
                let l = format!("match ({}).rem_euclid({m}) {{", self.expr(sc));
                self.line(&l);
                self.ind += 1;
                for (v, g, b) in arms {
                    let l = match g {
                        Some(g) => format!("{v} if {} => {{", self.cond(g)),
                        None => format!("{v} => {{"),
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
            Stmt::Return(e) => {
                let x = format!("return {};", self.expr(e));
                self.line(&x)
            }
        }
    }
}

/// Emit one program `pN` as a module source for the given world.
pub fn emit_program(w: World, n: usize, body: &[Stmt]) -> String {
    let mut e = Emit::new(w);
    e.ind = 1;
    e.line("let mut acc: i64 = seed;");
    e.line("let mut fuel: i64 = 40;");
    e.ind -= 1;
    e.block(body);
    e.ind += 1;
    e.line("acc");
    let body = e.out;
    match w {
        World::Stable => format!(
            "#![allow(warnings)]\nuse gen_runtime::{{generator, yield_, yield_from, Generator, GeneratorState}};\nuse crate::{{inner, mix}};\n\n#[generator]\npub fn p{n}(seed: i64) -> impl Generator<i64, Yield = i64, Return = i64> {{\n{body}}}\n"
        ),
        World::Nightly => format!(
            "#![allow(warnings)]\nuse std::ops::{{Coroutine, CoroutineState}};\nuse crate::{{inner, mix}};\n\npub fn p{n}(seed: i64) -> impl Coroutine<i64, Yield = i64, Return = i64> {{\n    #[coroutine]\n    static move |_first: i64| {{\n{body}    }}\n}}\n"
        ),
    }
}
