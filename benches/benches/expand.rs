//! How long the macro takes: the whole pipeline (parse, normalize, CFG, dataflow, emit) run
//! in-process on a 300-line generator with 40 suspension points. Target: < 20 ms.
//!
//! gen-macros is a proc-macro crate, which nothing can link; its phase modules only use
//! syn/quote/proc-macro2, so they are compiled into this bench directly.
#![allow(dead_code, unused_imports, clippy::all, clippy::pedantic)]

#[path = "../../gen-macros/src/args.rs"]
mod args;
#[path = "../../gen-macros/src/cfg.rs"]
mod cfg;
#[path = "../../gen-macros/src/coroutine.rs"]
mod coroutine;
#[path = "../../gen-macros/src/dataflow.rs"]
mod dataflow;
#[path = "../../gen-macros/src/diagnostics.rs"]
mod diagnostics;
#[path = "../../gen-macros/src/emit.rs"]
mod emit;
#[path = "../../gen-macros/src/expand.rs"]
mod expand;
#[path = "../../gen-macros/src/inplace.rs"]
mod inplace;
#[path = "../../gen-macros/src/ir.rs"]
mod ir;
#[path = "../../gen-macros/src/normalize/mod.rs"]
mod normalize;
#[path = "../../gen-macros/src/scope.rs"]
mod scope;
#[path = "../../gen-macros/src/tokens.rs"]
mod tokens;

use criterion::{criterion_group, Criterion};
use proc_macro2::TokenStream;
use std::hint::black_box;

/// About 300 lines with 40 `yield_!`: loops, branches, matches, yields in expressions.
/// As an iterator (`iterator`), each yield's value is `()`, so where the generator uses
/// it the iterator uses a block that yields and then gives a number; its expansion also
/// carries the body a second time, as plain code for `fold`.
fn big_generator(iterator: bool) -> String {
    // `yield_!(e)` where its resume value is used, as an `u64`.
    let resumed = |e: &str| {
        if iterator {
            format!("{{ yield_!({e}); 1 }}")
        } else {
            format!("yield_!({e})")
        }
    };
    let mut body = String::from("let mut acc = 0u64;\nlet mut v: Vec<u64> = Vec::new();\n");
    for k in 0..10 {
        body.push_str(&format!(
            "for i in 0..n {{
    let x{k} = i * {k} + acc;
    if x{k} % 3 == 0 {{
        acc += {r1};
    }} else if x{k} % 3 == 1 {{
        v.push(x{k});
        let w = f(x{k}, {r2});
        acc = acc.wrapping_add(w);
    }} else {{
        match v.pop() {{
            Some(last) if last > {k} => {{
                yield_!(last);
            }}
            Some(last) => acc += last,
            None => {{
                let z = {r3} * 2;
                acc ^= z;
            }}
        }}
    }}
    if acc > 1_000_000 {{
        break;
    }}
    let _pad{k}a = acc + 1;
    let _pad{k}b = acc + 2;
    let _pad{k}c = acc + 3;
    let _pad{k}d = acc + 4;
    let _pad{k}e = acc + 5;
}}
",
            r1 = resumed(&format!("x{k}")),
            r2 = resumed(&format!("acc + {k}")),
            r3 = resumed("0"),
        ));
    }
    if iterator {
        format!("fn big(n: u64) -> impl Iterator<Item = u64> {{\n{body}}}")
    } else {
        body.push_str("acc\n");
        format!("fn big(n: u64) -> impl Generator<u64, Yield = u64, Return = u64> {{\n{body}}}")
    }
}

fn expand(c: &mut Criterion) {
    for (name, iterator) in [
        ("expand_300_lines_40_yields", false),
        ("expand_300_lines_40_yields_iterator", true),
    ] {
        let source = big_generator(iterator);
        let lines = source.lines().count();
        let yields = source.matches("yield_!").count();
        eprintln!("{name}: a {lines}-line generator with {yields} suspension points");
        let tokens: TokenStream = source.parse().unwrap();
        let out = expand::expand_attribute(TokenStream::new(), tokens.clone());
        let text = out.to_string();
        assert!(
            !text.contains("compile_error"),
            "the benchmark input must expand cleanly"
        );
        eprintln!(
            "expansion: {} tokens of text, {} bytes",
            out.into_iter().count(),
            text.len()
        );
        c.bench_function(name, |b| {
            b.iter(|| expand::expand_attribute(TokenStream::new(), black_box(tokens.clone())))
        });
    }
}

criterion_group!(benches, expand);

/// `GEN_EXPAND_COUNT=N`: expand each body `N` times and stop, for a count of
/// instructions (`python3 benches/instructions.py --expand`); otherwise criterion's
/// timing.
fn main() {
    let count = std::env::var("GEN_EXPAND_COUNT").ok();
    if let Some(n) = count.and_then(|n| n.parse::<usize>().ok()) {
        let mut tokens = 0;
        for iterator in [false, true] {
            let source: TokenStream = big_generator(iterator).parse().unwrap();
            for _ in 0..n {
                let out = expand::expand_attribute(TokenStream::new(), black_box(source.clone()));
                tokens += out.into_iter().count();
            }
        }
        println!("{tokens} top-level tokens");
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
