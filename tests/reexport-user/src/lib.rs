//! No code: the tests use gen-runtime through `gen_reexport::rt` only.
