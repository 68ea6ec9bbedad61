//! Re-exports gen-runtime as `rt`: a crate that offers generators to its own users.

pub use gen_runtime as rt;
