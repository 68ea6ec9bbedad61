//! Benchmarks only: see `benches/generators.rs` and README.md.
