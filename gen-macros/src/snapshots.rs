//! Expansion snapshots: every fixture in `tests/expand/*.rs` is run through the pipeline
//! in-process, pretty-printed with `prettyplease` and compared with the checked-in
//! `*.expanded.rs`. `GEN_SNAPSHOTS=overwrite cargo test -p gen-macros` rewrites them; a
//! missing snapshot fails the test (and is written when overwriting).

use quote::ToTokens;
use std::path::Path;

/// Expands every `#[generator]` fn and `gen_fn!` invocation at the top level of a file.
fn expand_file(source: &str) -> String {
    let file: syn::File = syn::parse_str(source).expect("fixture parses");
    let mut out = proc_macro2::TokenStream::new();
    for item in file.items {
        match item {
            syn::Item::Fn(mut f) => {
                let pos = f.attrs.iter().position(|a| {
                    a.path()
                        .segments
                        .last()
                        .is_some_and(|s| s.ident == "generator")
                });
                match pos {
                    Some(i) => {
                        let attr = f.attrs.remove(i);
                        let args = match attr.meta {
                            syn::Meta::List(l) => l.tokens,
                            _ => proc_macro2::TokenStream::new(),
                        };
                        out.extend(crate::expand::expand_attribute(args, f.into_token_stream()));
                    }
                    None => f.to_tokens(&mut out),
                }
            }
            syn::Item::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "gen_fn") =>
            {
                out.extend(crate::expand::expand_gen_fn(m.mac.tokens));
            }
            other => other.to_tokens(&mut out),
        }
    }
    let expanded: syn::File = syn::parse2(out).expect("expansion parses as a file");
    prettyplease::unparse(&expanded)
}

#[test]
fn expansion_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let overwrite = std::env::var("GEN_SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    let mut fixtures: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/expand exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "rs")
                && !p.to_string_lossy().ends_with(".expanded.rs")
        })
        .collect();
    fixtures.sort();
    let mut failures = Vec::new();
    let fixtures_len = fixtures.len();
    for fixture in fixtures {
        let source = std::fs::read_to_string(&fixture).unwrap();
        let actual = expand_file(&source);
        let snapshot = fixture.with_extension("expanded.rs");
        match std::fs::read_to_string(&snapshot) {
            Ok(expected) if expected == actual => {}
            _ if overwrite => std::fs::write(&snapshot, &actual).unwrap(),
            Ok(_) => failures.push(format!("{} differs from its snapshot", fixture.display())),
            Err(_) => failures.push(format!("{} has no snapshot", fixture.display())),
        }
    }
    assert!(
        fixtures_len >= 6,
        "expected at least six fixtures in {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{}\n(rerun with GEN_SNAPSHOTS=overwrite to accept)",
        failures.join("\n")
    );
}

/// DESIGN.md shows the fibonacci expansion; it must be the current one.
#[test]
fn design_shows_the_current_fibonacci_expansion() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let design = std::fs::read_to_string(root.join("../DESIGN.md")).unwrap();
    let source = std::fs::read_to_string(root.join("tests/expand/fibonacci.rs")).unwrap();
    assert!(
        design.contains(&expand_file(&source)),
        "DESIGN.md's expansion of fibonacci is stale: paste tests/expand/fibonacci.expanded.rs"
    );
}
