//! A value that records its name in a shared log when dropped, for the drop tests.

use std::cell::RefCell;
use std::rc::Rc;

pub type Log = Rc<RefCell<Vec<&'static str>>>;

/// Records its name in the shared log when dropped.
pub struct D(pub &'static str, pub Log);

impl Drop for D {
    fn drop(&mut self) {
        self.1.borrow_mut().push(self.0);
    }
}

impl D {
    /// A `D` made from a borrow of the log (it keeps a clone).
    #[allow(dead_code)]
    pub fn new(name: &'static str, log: &Log) -> D {
        D(name, log.clone())
    }
}

pub fn new_log() -> Log {
    Rc::new(RefCell::new(Vec::new()))
}

pub fn snapshot(log: &Log) -> Vec<&'static str> {
    log.borrow().clone()
}
