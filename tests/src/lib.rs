//! Integration tests for gen-runtime live in `tests/`; this crate has no library code.
//!
//! The README's Rust examples run as this crate's doctests, so that what a user copies
//! from it compiles and does what it says.

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
mod readme {}
