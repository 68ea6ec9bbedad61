//! Compile-pass and compile-fail cases, checked with trybuild in one batch.
//!
//! Regenerate the expected `.stderr` files after an intended change to a diagnostic:
//! `TRYBUILD=overwrite cargo test -p gen-tests --test ui`, then read the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
