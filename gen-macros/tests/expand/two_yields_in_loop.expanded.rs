fn pairs(n: u32) -> impl Iterator<Item = (u32, bool)> {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    #[repr(u8)]
    enum __PairsState<T0, T1, T2> {
        Start { n: T0 },
        Suspend0 { i: T1, __iter1: T2 },
        Suspend1 { __iter1: T2 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::iter::<
        (u32, bool),
        _,
        _,
    >(
        (__PairsState::Start { n: n }, true),
        #[inline(always)]
        |__gen, __arg| {
            let __fresh = ::gen_runtime::__private::replace(&mut __gen.1, false);
            let __state = &mut __gen.0;
            let __from = ::gen_runtime::__private::replace(
                __state,
                __PairsState::Poisoned,
            );
            if __fresh {
                let __PairsState::Start { n } = __from else {
                    ::gen_runtime::__private::unreachable_state()
                };
                ::gen_runtime::__private::starting();
                let n = n;
                {
                    #[allow(unused_mut)]
                    let mut __iter1 = ::gen_runtime::__private::IntoIterator::into_iter(
                        0..n,
                    );
                    loop {
                        match ::gen_runtime::__private::Iterator::next(&mut __iter1) {
                            ::gen_runtime::__private::Some(i) => {
                                let __yielded: (u32, bool) = (i, false);
                                *__state = __PairsState::Suspend0 {
                                    __iter1: __iter1,
                                    i: i,
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
                    *__state = __PairsState::Returned;
                    return ::gen_runtime::__private::GeneratorState::Complete(
                        __returned,
                    );
                }
            }
            match __from {
                __PairsState::Suspend0 { __iter1, i } => {
                    #[allow(unused_mut)]
                    let mut __iter1 = __iter1;
                    {
                        {
                            let i = i;
                            {
                                let __yielded: (u32, bool) = (i, true);
                                *__state = __PairsState::Suspend1 {
                                    __iter1: __iter1,
                                };
                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                    __yielded,
                                );
                            }
                        }
                    }
                }
                __from => {
                    match __from {
                        __PairsState::Suspend1 { __iter1 } => {
                            {
                                #[allow(unused_mut)]
                                let mut __iter1 = __iter1;
                                { {} }
                                loop {
                                    match ::gen_runtime::__private::Iterator::next(
                                        &mut __iter1,
                                    ) {
                                        ::gen_runtime::__private::Some(i) => {
                                            let __yielded: (u32, bool) = (i, false);
                                            *__state = __PairsState::Suspend0 {
                                                __iter1: __iter1,
                                                i: i,
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
                                *__state = __PairsState::Returned;
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
