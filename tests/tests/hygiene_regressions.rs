//! Regressions: user names that equal the expansion's own names.
#![deny(warnings)]

use gen_runtime::{generator, yield_, Generator, GeneratorState};

#[generator(resume = first)]
fn param_named_arg(__arg: u32) -> impl Generator<u32, Yield = u32, Return = u32> {
    let x = yield_!(__arg + first);
    x + __arg
}

#[test]
fn a_parameter_named_like_the_resume_argument_keeps_both_apart() {
    let mut g = param_named_arg(1);
    assert_eq!(g.resume(10), GeneratorState::Yielded(11));
    assert_eq!(g.resume(5), GeneratorState::Complete(6));
}

#[generator]
fn param_named_state(__state: u32) -> impl Iterator<Item = u32> {
    yield_!(__state);
    yield_!(__state + 1);
}

#[test]
fn a_parameter_named_like_the_state_binding_works() {
    assert_eq!(param_named_state(4).collect::<Vec<_>>(), [4, 5]);
}

struct Wrap(u32);

impl Wrap {
    #[generator]
    fn with_this(&self, this: u32) -> impl Iterator<Item = u32> + '_ {
        yield_!(self.0);
        yield_!(this);
        yield_!(self.0 + this);
    }
}

#[generator]
fn arg_and_pattern(arg1: u32, (a, b): (u32, u32)) -> impl Iterator<Item = u32> {
    yield_!(a + b);
    yield_!(arg1);
}

#[test]
fn start_fields_never_collide() {
    assert_eq!(Wrap(1).with_this(10).collect::<Vec<_>>(), [1, 10, 11]);
    assert_eq!(arg_and_pattern(7, (1, 2)).collect::<Vec<_>>(), [3, 7]);
}

#[generator]
fn user_iter_local(n: u32) -> impl Iterator<Item = u32> {
    let mut iter1 = 0;
    for i in 0..n {
        iter1 += 1;
        yield_!(i);
    }
    yield_!(iter1 * 100);
}

#[test]
fn a_local_named_like_a_temporary_is_its_own() {
    assert_eq!(user_iter_local(3).collect::<Vec<_>>(), [0, 1, 2, 300]);
}

#[generator]
fn braces() -> impl Generator<u32, Yield = u32, Return = u32> {
    let c = if yield_!(3) > 0 { 1 } else { 2 };
    c
}

#[test]
fn value_branches_do_not_warn_about_braces() {
    let mut g = braces();
    assert_eq!(g.resume(0), GeneratorState::Yielded(3));
    assert_eq!(g.resume(9), GeneratorState::Complete(1));
}

/// A shadowed binding that lives across a yield is renamed in the expansion; a format
/// string that names it inline (`{y}`) gets it passed by name.
#[generator]
fn shadowed_in_format_strings(n: u32) -> impl Iterator<Item = String> {
    let y = n;
    let width = 4;
    {
        let y = y + 10;
        yield_!(format!("inner {y}"));
    }
    yield_!(format!("outer {y} {y:?} {{y}} [{:>width$}]", y));
    let mut s = String::new();
    {
        use std::fmt::Write;
        let width = 2;
        write!(s, "{y:0width$}").unwrap();
        yield_!(s.clone());
    }
    assert_eq!(y, n, "assert {y}");
    yield_!(format!("{y} {w}", w = width, y = y + 1));
}

#[test]
fn inline_format_arguments_see_renamed_bindings() {
    assert_eq!(
        shadowed_in_format_strings(1).collect::<Vec<_>>(),
        ["inner 11", "outer 1 1 {y} [   1]", "01", "2 4"]
    );
}
