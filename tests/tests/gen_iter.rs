//! `gen_iter! { … }`: an `impl Iterator` expression that moves its captures into itself.

use gen_runtime::gen_iter;
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn captured_vec_is_consumed_by_a_for_loop() {
    let v = vec![String::from("a"), String::from("b")];
    let it = gen_iter! {
        for s in v {
            yield s + "!";
        }
    };
    assert_eq!(it.collect::<Vec<_>>(), ["a!", "b!"]);
}

#[test]
fn captured_value_is_used_after_several_yields() {
    let base = 10;
    let label = String::from("end");
    let it = gen_iter! {
        yield base.to_string();
        yield (base + 1).to_string();
        yield format!("{label} {}", base + 2);
    };
    assert_eq!(it.collect::<Vec<_>>(), ["10", "11", "end 12"]);
}

#[test]
fn captured_reference_borrows_from_the_caller() {
    let data = [3, 1, 4, 1, 5];
    let slice = &data[..];
    let evens = gen_iter! {
        for &x in slice {
            if x % 2 == 1 {
                yield x;
            }
        }
    };
    assert_eq!(evens.collect::<Vec<_>>(), [3, 1, 1, 5]);
    assert_eq!(data.len(), 5);
}

#[test]
fn capture_is_moved_in_and_dropped_with_the_iterator() {
    let log = Rc::new(RefCell::new(Vec::new()));
    struct D(Rc<RefCell<Vec<&'static str>>>);
    impl Drop for D {
        fn drop(&mut self) {
            self.0.borrow_mut().push("dropped");
        }
    }
    let d = D(log.clone());
    let mut it = gen_iter! {
        let _held = d;
        yield 1;
        yield 2;
    };
    assert_eq!(it.next(), Some(1));
    assert!(log.borrow().is_empty());
    drop(it);
    assert_eq!(*log.borrow(), ["dropped"]);
}

struct Counter {
    step: u32,
}

impl Counter {
    fn multiples(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        gen_iter! {
            for i in 1..=n {
                yield i * self.step;
            }
        }
    }
}

#[test]
fn self_is_captured_in_a_method() {
    let c = Counter { step: 3 };
    assert_eq!(c.multiples(4).collect::<Vec<_>>(), [3, 6, 9, 12]);
}

#[test]
fn functions_called_in_the_body_are_not_captured() {
    fn double(x: u32) -> u32 {
        x * 2
    }
    let n = 3;
    let it = gen_iter! {
        let mut i = 0;
        while i < n {
            yield double(i);
            i += 1;
        }
    };
    assert_eq!(it.collect::<Vec<_>>(), [0, 2, 4]);
}

#[test]
fn closure_parameters_inside_macro_arguments_are_not_captured() {
    // `i` and `c` name nothing outside: they are the closures' own, up to the `,` that
    // ends each closure (difftest --borrows --seed 35108 p164: E0425). After that comma,
    // `x` is the captured local again.
    let v: Vec<usize> = vec![3, 4];
    let x: usize = 5;
    let it = gen_iter! {
        let first = format!("{}", v.iter().enumerate().map(|(i, c)| i + c).sum::<usize>());
        yield first;
        yield format!("{} {}", v.iter().map(|x| x * 2).sum::<usize>(), x);
        yield format!("{}", v.iter().map(move |c| c * x).sum::<usize>());
    };
    assert_eq!(it.collect::<Vec<_>>(), ["8", "14 5", "35"]);
}
