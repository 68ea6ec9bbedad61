fn expressions(v: Vec<u32>) -> impl Generator<u32, Yield = u32, Return = Option<u32>> {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    enum __ExpressionsState<T0, T1, T2, T3> {
        Start { v: T0 },
        Suspend0 { sum: T1, v: T2 },
        Suspend1 { __operand3: T3, sum: T1, v: T2 },
        Suspend2 { sum: T1, v: T2 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::coroutine::<
        u32,
        u32,
        Option<u32>,
        _,
        _,
    >(
        __ExpressionsState::Start { v: v },
        #[inline(always)]
        |__state, __arg| {
            let (v, sum, __value6) = '__join0: {
                let __from = ::gen_runtime::__private::replace(
                    __state,
                    __ExpressionsState::Poisoned,
                );
                match __from {
                    __ExpressionsState::Start { v } => {
                        let v = v;
                        #[allow(unused_mut)]
                        let mut sum = 0;
                        {
                            let __yielded: u32 = 1;
                            *__state = __ExpressionsState::Suspend0 {
                                v: v,
                                sum: sum,
                            };
                            return ::gen_runtime::__private::GeneratorState::Yielded(
                                __yielded,
                            );
                        }
                    }
                    __from => {
                        match __from {
                            __ExpressionsState::Suspend0 { v, sum } => {
                                let v = v;
                                #[allow(unused_mut)]
                                let mut sum = sum;
                                let __resumed1 = __arg;
                                sum += __resumed1;
                                let __operand3 = g();
                                {
                                    let __yielded: u32 = 2;
                                    *__state = __ExpressionsState::Suspend1 {
                                        v: v,
                                        sum: sum,
                                        __operand3: __operand3,
                                    };
                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                        __yielded,
                                    );
                                }
                            }
                            __from => {
                                match __from {
                                    __ExpressionsState::Suspend1 { v, sum, __operand3 } => {
                                        let v = v;
                                        #[allow(unused_mut)]
                                        let mut sum = sum;
                                        let __value2;
                                        let __operand3 = __operand3;
                                        let __resumed4 = __arg;
                                        __value2 = f(__operand3, __resumed4, h());
                                        let x = __value2;
                                        let __value6;
                                        if sum > 0 {
                                            {
                                                {
                                                    let __yielded: u32 = x;
                                                    *__state = __ExpressionsState::Suspend2 {
                                                        v: v,
                                                        sum: sum,
                                                    };
                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                        __yielded,
                                                    );
                                                }
                                            }
                                        } else {
                                            __value6 = false;
                                        }
                                        {
                                            break '__join0 (v, sum, __value6);
                                        }
                                    }
                                    __from => {
                                        match __from {
                                            __ExpressionsState::Suspend2 { v, sum } => {
                                                let v = v;
                                                #[allow(unused_mut)]
                                                let mut sum = sum;
                                                let __value6;
                                                {
                                                    {
                                                        let __resumed7 = __arg;
                                                        __value6 = __resumed7 > 0;
                                                    }
                                                }
                                                {
                                                    break '__join0 (v, sum, __value6);
                                                }
                                            }
                                            __from => {
                                                if let __ExpressionsState::Returned = __from {
                                                    *__state = __ExpressionsState::Returned;
                                                    ::gen_runtime::__private::resumed_after_completion()
                                                }
                                                ::gen_runtime::__private::resumed_after_panic()
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            };
            {
                let v = v;
                #[allow(unused_mut)]
                let mut sum = sum;
                let __value5;
                let __value6 = __value6;
                __value5 = __value6;
                let ok = __value5;
                let first = match ::gen_runtime::__private::Try::branch(
                    v.first().copied(),
                ) {
                    ::gen_runtime::__private::ControlFlow::Continue(__output) => __output,
                    ::gen_runtime::__private::ControlFlow::Break(__residual) => {
                        let __returned: Option<u32> = ::gen_runtime::__private::FromResidual::from_residual(
                            __residual,
                        );
                        *__state = __ExpressionsState::Returned;
                        return ::gen_runtime::__private::GeneratorState::Complete(
                            __returned,
                        );
                    }
                };
                {
                    let __returned: Option<u32> = if ok {
                        Some(sum + first)
                    } else {
                        None
                    };
                    *__state = __ExpressionsState::Returned;
                    return ::gen_runtime::__private::GeneratorState::Complete(
                        __returned,
                    );
                }
            }
        },
    )
}
