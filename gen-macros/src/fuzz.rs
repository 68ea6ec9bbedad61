//! The macro never panics: thousands of generated and mutated token streams go through
//! the whole pipeline, which must answer with tokens (maybe a `compile_error!`), never a
//! panic. Deterministic (a fixed-seed xorshift), so a failure reproduces.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use std::panic::{catch_unwind, AssertUnwindSafe};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens of every sort, for the arguments of macro invocations: the macro must not
/// choke on any of them (`_`, keywords, lifetimes, raw identifiers, literals of every
/// kind, punctuation, nested groups).
fn soup(rng: &mut Rng, depth: usize) -> String {
    const TOKENS: &[&str] = &[
        "_",
        "x",
        "y",
        "self",
        "Self",
        "crate",
        "super",
        "async",
        "await",
        "move",
        "yield",
        "fn",
        "struct",
        "mut",
        "ref",
        "dyn",
        "impl",
        "for",
        "in",
        "loop",
        "match",
        "if",
        "else",
        "return",
        "break",
        "continue",
        "let",
        "'a",
        "'static",
        "'b:",
        "r#type",
        "r#match",
        "1",
        "1u8",
        "1.5e3",
        "0x_ff",
        "'c'",
        "b'c'",
        "'\\''",
        "\"s\"",
        "b\"s\"",
        "r\"raw\"",
        "r#\"raw\"#",
        "c\"c\"",
        "true",
        "=>",
        "::",
        "?",
        "|",
        "#",
        "$",
        "..=",
        "->",
        ",",
        ";",
        "=",
        "==",
        "!",
        ".",
        "&",
        "*",
        "@",
        "yield_!",
        "yield_",
        "yield_from!",
        "x.f",
        "x.0",
        "\"{x}\"",
        "\"{y:?} {}\"",
    ];
    (0..rng.below(6))
        .map(|_| match rng.below(8) {
            0 if depth > 0 => format!("( {} )", soup(rng, depth - 1)),
            1 if depth > 0 => format!("[ {} ]", soup(rng, depth - 1)),
            2 if depth > 0 => format!("{{ {} }}", soup(rng, depth - 1)),
            _ => TOKENS[rng.below(TOKENS.len())].to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A macro invocation of some known or unknown macro with arbitrary arguments.
fn invocation(rng: &mut Rng) -> String {
    const MACROS: &[&str] = &[
        "matches",
        "vec",
        "println",
        "format",
        "assert",
        "assert_eq",
        "write",
        "dbg",
        "tokio::select",
        "gen_iter",
        "gen_stream",
        "yield_",
        "yield_from",
        "unknown",
        "gen_runtime::yield_",
    ];
    let name = MACROS[rng.below(MACROS.len())];
    let args = soup(rng, 2);
    match rng.below(3) {
        0 => format!("{name}!({args});"),
        1 => format!("let m = {name}![{args}];"),
        _ => format!("{name}! {{ {args} }}"),
    }
}

/// Random statement trees built from constructs the lowering handles.
fn statement(rng: &mut Rng, depth: usize) -> String {
    if rng.below(6) == 0 {
        return invocation(rng);
    }
    let leaf = [
        "yield_!(x);",
        "let x = x + 1;",
        "let y = yield_!(x);",
        "x += yield_!(1);",
        "f(a(), yield_!(b), c());",
        "if x > 3 { return; }",
        "break;",
        "continue;",
        "let v = vec![1, 2];",
        "for i in &v { yield_!(*i); }",
        "let Some(z) = o else { return; };",
        "let r = (yield_!(1))?;",
        "yield_from!(0..x);",
        "let _g = lock();",
        "x = match x { 0 => yield_!(0), n => n };",
        "let x = \"s\";",
        // In-place states: a large array, written and read around yields.
        "buf[1] += yield_!(buf[0]);",
        "buf = [x; 16];",
        "yield_!(buf.len() as u32);",
        // Streams (elsewhere, an error each).
        "let a = f(x).await;",
        "x += g(f(x).await).await;",
        "if ready(c).await { yield_!(x); }",
        "while let Some(v) = it.next().await { yield_!(v); }",
        "yield_from!(inner(x));",
        // Expressions that bind loosely, where the lowering puts them in new places.
        "let y = return && yield_!(x) > 0;",
        "let y = (break) || yield_!(x) == 0;",
        "f(return, yield_!(1));",
        "x = yield_!(return);",
        "let y = { return } + yield_!(1);",
        "yield_from!(return);",
        "if return { yield_!(1); }",
        "match break { _ => yield_!(1) }",
        "let z = S { a: return, b: yield_!(1) };",
        "x += loop { break yield_!(1); };",
        "let y = async { 1 }.await + yield_!(2);",
        "let w = yield_!(x) as u8 as u32 + { yield_!(1); 2 };",
    ];
    if depth == 0 || rng.below(3) == 0 {
        return leaf[rng.below(leaf.len())].to_owned();
    }
    let body: String = (0..1 + rng.below(3))
        .map(|_| statement(rng, depth - 1))
        .collect();
    let other: String = (0..rng.below(2))
        .map(|_| statement(rng, depth - 1))
        .collect();
    match rng.below(8) {
        0 => format!("if c {{ {body} }} else {{ {other} }}"),
        1 => format!("loop {{ {body} }}"),
        2 => format!("'a: loop {{ {body} break 'a; }}"),
        3 => format!("while x < 10 {{ {body} }}"),
        4 => format!("for i in 0..x {{ {body} }}"),
        5 => format!("match x {{ 0 => {{ {body} }} _ if c => {{ {other} }} _ => {{}} }}"),
        6 => format!("let w = 'b: {{ {body} break 'b 1; }};"),
        _ => format!("{{ {body} }}"),
    }
}

fn mutate(rng: &mut Rng, tokens: TokenStream) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    match rng.below(5) {
        0 if !trees.is_empty() => {
            let cut = rng.below(trees.len());
            trees.truncate(cut);
        }
        1 if trees.len() > 1 => {
            let (i, j) = (rng.below(trees.len()), rng.below(trees.len()));
            trees.swap(i, j);
        }
        2 if !trees.is_empty() => {
            let i = rng.below(trees.len());
            trees.remove(i);
        }
        _ => {}
    }
    trees
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) if rng.below(3) == 0 => {
                let mut ng = Group::new(g.delimiter(), mutate(rng, g.stream()));
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            other => other,
        })
        .collect()
}

#[test]
fn pipeline_never_panics() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let signatures = [
        "fn f(x: u32, c: bool, o: Option<u32>) -> impl Iterator<Item = u32>",
        "fn f(mut x: u32, c: bool, o: Option<u32>) -> impl Generator<u32, Yield = u32, Return = Option<u32>>",
        "fn f(&self, x: u32, c: bool, o: Option<u32>) -> Box<dyn Iterator<Item = u32> + '_>",
        "fn f(x: u32, c: bool, o: Option<u32>) -> impl Stream<Item = u32>",
        "fn f(x: u32, c: bool, o: Option<u32>) -> Pin<Box<dyn Stream<Item = u32> + '_>>",
    ];
    for round in 0..3000 {
        let body: String = (0..1 + rng.below(4))
            .map(|_| statement(&mut rng, 3))
            .collect();
        let sig = signatures[rng.below(signatures.len())];
        let source = format!("{sig} {{ let mut buf = [0u32; 16]; {body} }}");
        let tokens: TokenStream = source.parse().expect("generated source tokenizes");
        let tokens = if round % 2 == 0 {
            tokens
        } else {
            mutate(&mut rng, tokens)
        };
        let input = tokens.clone();
        let result = catch_unwind(AssertUnwindSafe(|| {
            if round % 7 == 0 {
                crate::expand::expand_gen_iter(TokenStream::from_iter([TokenTree::Group(
                    Group::new(Delimiter::None, input),
                )]))
            } else if round % 13 == 0 {
                crate::expand::expand_gen_fn(input)
            } else if round % 11 == 0 {
                crate::expand::expand_gen_stream(TokenStream::from_iter([TokenTree::Group(
                    Group::new(Delimiter::None, input),
                )]))
            } else {
                crate::expand::expand_attribute(TokenStream::new(), input)
            }
        }));
        match result {
            Ok(out) => {
                // `gen_fn! {}` defines nothing; everything else expands to something.
                assert!(
                    !out.is_empty() || (round % 13 == 0 && tokens.is_empty()),
                    "empty expansion for {tokens}"
                );
                if round % 7 != 0 && round % 11 != 0 && round % 13 != 0 {
                    // Whatever the input, the output is well-formed items.
                    if let Err(e) = syn::parse2::<syn::File>(out.clone()) {
                        panic!("expansion does not parse ({e}):\n{tokens}\n=>\n{out}");
                    }
                }
            }
            Err(_) => panic!("the pipeline panicked on:\n{tokens}"),
        }
    }
}

/// Bodies of `gen_iter!` and `gen_stream!` made of statements only (as users write them),
/// full of macro invocations with odd tokens.
#[test]
fn expression_forms_never_panic_on_macro_tokens() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for round in 0..1500 {
        let body: String = (0..1 + rng.below(4))
            .map(|_| statement(&mut rng, 2))
            .collect();
        let body = format!("let x = 1; let o = Some(2); {body} yield x;");
        let Ok(tokens) = body.parse::<TokenStream>() else {
            continue;
        };
        let input = tokens.clone();
        let result = catch_unwind(AssertUnwindSafe(|| {
            if round % 2 == 0 {
                crate::expand::expand_gen_iter(input)
            } else {
                crate::expand::expand_gen_stream(input)
            }
        }));
        match result {
            Ok(out) => assert!(!out.is_empty(), "empty expansion for {tokens}"),
            Err(_) => panic!("the pipeline panicked on:\n{tokens}"),
        }
    }
    // The shape that panicked: a `_` inside a macro invocation of an expression form.
    let out = crate::expand::expand_gen_iter(quote::quote!(
        let b = matches!(x, Some(_));
        yield b;
    ));
    assert!(!out.to_string().contains("compile_error"), "{out}");
}
