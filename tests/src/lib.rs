//! Integration tests for gen-runtime live in `tests/`; this crate has no library code.
