fn countdown(from: u32) -> impl Iterator<Item = u32> {
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    enum __CountdownState<T0, T1> {
        Start { from: T0 },
        Suspend0 { n: T1 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::iter::<
        u32,
        _,
        _,
    >(
        __CountdownState::Start {
            from: from,
        },
        #[inline(always)]
        |__state, __arg| {
            let __from = ::gen_runtime::__private::replace(
                __state,
                __CountdownState::Poisoned,
            );
            match __from {
                __CountdownState::Start { from } => {
                    ::gen_runtime::__private::starting();
                    let from = from;
                    #[allow(unused_mut)]
                    let mut n = from;
                    loop {
                        if n > 0 {
                            {
                                let __yielded: u32 = n;
                                *__state = __CountdownState::Suspend0 { n: n };
                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                    __yielded,
                                );
                            }
                        } else {
                            break;
                        }
                    }
                    {
                        let __returned: () = ();
                        *__state = __CountdownState::Returned;
                        return ::gen_runtime::__private::GeneratorState::Complete(
                            __returned,
                        );
                    }
                }
                __from => {
                    match __from {
                        __CountdownState::Suspend0 { n } => {
                            #[allow(unused_mut)]
                            let mut n = n;
                            {
                                {
                                    n -= 1;
                                }
                            }
                            loop {
                                if n > 0 {
                                    {
                                        let __yielded: u32 = n;
                                        *__state = __CountdownState::Suspend0 { n: n };
                                        return ::gen_runtime::__private::GeneratorState::Yielded(
                                            __yielded,
                                        );
                                    }
                                } else {
                                    break;
                                }
                            }
                            {
                                let __returned: () = ();
                                *__state = __CountdownState::Returned;
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
