pub fn three(i: u64) -> impl Iterator<Item = u64> {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    enum __ThreeState<T0, T1> {
        Start { i: T0 },
        Suspend0 { i: T1 },
        Suspend1 { i: T1 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::iter::<
        u64,
        _,
        _,
    >(
        __ThreeState::Start { i: i },
        #[inline(always)]
        |__state, __arg| {
            let __from = ::gen_runtime::__private::replace(
                __state,
                __ThreeState::Poisoned,
            );
            match __from {
                __ThreeState::Start { i } => {
                    let i = i;
                    {
                        let __yielded: u64 = i;
                        *__state = __ThreeState::Suspend0 { i: i };
                        return ::gen_runtime::__private::GeneratorState::Yielded(
                            __yielded,
                        );
                    }
                }
                __from => {
                    match __from {
                        __ThreeState::Suspend0 { i } => {
                            let i = i;
                            {
                                let __yielded: u64 = i * 2;
                                *__state = __ThreeState::Suspend1 { i: i };
                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                    __yielded,
                                );
                            }
                        }
                        __from => {
                            match __from {
                                __ThreeState::Suspend1 { i } => {
                                    let i = i;
                                    {
                                        let __yielded: u64 = i * 3;
                                        *__state = __ThreeState::Returned;
                                        return ::gen_runtime::__private::GeneratorState::Yielded(
                                            __yielded,
                                        );
                                    }
                                }
                                _ => {
                                    return ::gen_runtime::__private::GeneratorState::Complete(());
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
