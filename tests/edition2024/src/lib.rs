//! Edition 2024 tests live in `tests/`.
