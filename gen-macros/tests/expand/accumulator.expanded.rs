fn acc() -> impl Generator<u32, Yield = u32, Return = u32> {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    enum __AccState<T0> {
        Start {},
        Suspend0 { total: T0 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::coroutine::<
        u32,
        u32,
        u32,
        _,
        _,
    >(
        __AccState::Start {},
        #[inline(always)]
        |__state, __arg| {
            let __from = ::gen_runtime::__private::replace(
                __state,
                __AccState::Poisoned,
            );
            match __from {
                __AccState::Start {} => {
                    ::gen_runtime::__private::starting();
                    #[allow(unused_mut)]
                    let mut total = 0;
                    loop {
                        {
                            let __yielded: u32 = total;
                            *__state = __AccState::Suspend0 {
                                total: total,
                            };
                            return ::gen_runtime::__private::GeneratorState::Yielded(
                                __yielded,
                            );
                        }
                    }
                }
                __from => {
                    match __from {
                        __AccState::Suspend0 { total } => {
                            #[allow(unused_mut)]
                            let mut total = total;
                            {
                                let x = __arg;
                                if x == 0 {
                                    {
                                        let __returned: u32 = total;
                                        *__state = __AccState::Returned;
                                        return ::gen_runtime::__private::GeneratorState::Complete(
                                            __returned,
                                        );
                                    };
                                }
                                total += x;
                            }
                            loop {
                                {
                                    let __yielded: u32 = total;
                                    *__state = __AccState::Suspend0 {
                                        total: total,
                                    };
                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                        __yielded,
                                    );
                                }
                            }
                        }
                        __from => {
                            if let __AccState::Returned = __from {
                                *__state = __AccState::Returned;
                                ::gen_runtime::__private::resumed_after_completion()
                            }
                            ::gen_runtime::__private::resumed_after_panic()
                        }
                    }
                }
            }
        },
    )
}
