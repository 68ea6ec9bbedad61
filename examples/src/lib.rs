//! Runnable examples: `cargo run --example NAME`. The library holds what an example needs
//! but is not the point of it.

pub mod site;
