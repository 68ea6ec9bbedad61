fn fibonacci(n: usize) -> impl Iterator<Item = u64> {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    enum __FibonacciState<T0, T1, T2, T3> {
        Start { n: T0 },
        Suspend0 { __iter1: T1, b: T2, a: T3 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::iter::<
        u64,
        _,
        _,
    >(
        __FibonacciState::Start { n: n },
        #[inline(always)]
        |__state, __arg| {
            let __from = ::gen_runtime::__private::replace(
                __state,
                __FibonacciState::Poisoned,
            );
            match __from {
                __FibonacciState::Start { n } => {
                    ::gen_runtime::__private::starting();
                    let n = n;
                    #[allow(unused_mut)]
                    let (mut a, mut b) = (0, 1);
                    {
                        #[allow(unused_mut)]
                        let mut __iter1 = ::gen_runtime::__private::IntoIterator::into_iter(
                            0..n,
                        );
                        loop {
                            match ::gen_runtime::__private::Iterator::next(
                                &mut __iter1,
                            ) {
                                ::gen_runtime::__private::Some(_) => {
                                    let __yielded: u64 = a;
                                    *__state = __FibonacciState::Suspend0 {
                                        a: a,
                                        b: b,
                                        __iter1: __iter1,
                                    };
                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                        __yielded,
                                    );
                                }
                                ::gen_runtime::__private::None => {
                                    break;
                                }
                            }
                        }
                    }
                    {
                        let __returned: () = ();
                        *__state = __FibonacciState::Returned;
                        return ::gen_runtime::__private::GeneratorState::Complete(
                            __returned,
                        );
                    }
                }
                __from => {
                    match __from {
                        __FibonacciState::Suspend0 { a, b, __iter1 } => {
                            #[allow(unused_mut)]
                            let mut a = a;
                            #[allow(unused_mut)]
                            let mut b = b;
                            {
                                #[allow(unused_mut)]
                                let mut __iter1 = __iter1;
                                {
                                    {
                                        (a, b) = (b, a + b);
                                    }
                                }
                                loop {
                                    match ::gen_runtime::__private::Iterator::next(
                                        &mut __iter1,
                                    ) {
                                        ::gen_runtime::__private::Some(_) => {
                                            let __yielded: u64 = a;
                                            *__state = __FibonacciState::Suspend0 {
                                                a: a,
                                                b: b,
                                                __iter1: __iter1,
                                            };
                                            return ::gen_runtime::__private::GeneratorState::Yielded(
                                                __yielded,
                                            );
                                        }
                                        ::gen_runtime::__private::None => {
                                            break;
                                        }
                                    }
                                }
                            }
                            {
                                let __returned: () = ();
                                *__state = __FibonacciState::Returned;
                                return ::gen_runtime::__private::GeneratorState::Complete(
                                    __returned,
                                );
                            }
                        }
                        _ => {
                            return ::gen_runtime::__private::GeneratorState::Complete(());
                        }
                    }
                }
            }
        },
    )
}
