//! The text of a panic payload, for the tests that catch panics.

use std::any::Any;

/// `panic!("literal")` gives a `&str` payload, formatted panics a `String`.
pub fn panic_text(payload: Box<dyn Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        panic!("panic payload is neither &str nor String")
    }
}
