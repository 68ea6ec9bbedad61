fn value_loop(n: u32) -> impl Iterator<Item = u32> {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    #[repr(u8)]
    enum __ValueLoopState<T0, T1, T2> {
        Start { n: T0 },
        Suspend0 { __iter2: T1, n: T2 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::iter::<
        u32,
        _,
        _,
    >(
        (__ValueLoopState::Start { n: n }, true),
        #[inline(always)]
        |__gen, __arg| {
            let __fresh = ::gen_runtime::__private::replace(&mut __gen.1, false);
            let __state = &mut __gen.0;
            let (__value1,) = '__join0: {
                let __from = ::gen_runtime::__private::replace(
                    __state,
                    __ValueLoopState::Poisoned,
                );
                if __fresh {
                    let __ValueLoopState::Start { n } = __from else {
                        ::gen_runtime::__private::unreachable_state()
                    };
                    ::gen_runtime::__private::starting();
                    let n = n;
                    let __value1;
                    'outer: loop {
                        {
                            #[allow(unused_mut)]
                            let mut __iter2 = ::gen_runtime::__private::IntoIterator::into_iter(
                                0..n,
                            );
                            loop {
                                match ::gen_runtime::__private::Iterator::next(
                                    &mut __iter2,
                                ) {
                                    ::gen_runtime::__private::Some(i) => {
                                        if i * i > 10 {
                                            {
                                                __value1 = i;
                                                break 'outer;
                                            };
                                        }
                                        {
                                            let __yielded: u32 = i;
                                            *__state = __ValueLoopState::Suspend0 {
                                                n: n,
                                                __iter2: __iter2,
                                            };
                                            return ::gen_runtime::__private::GeneratorState::Yielded(
                                                __yielded,
                                            );
                                        }
                                    }
                                    ::gen_runtime::__private::None => {
                                        break;
                                    }
                                }
                            }
                        }
                    }
                    {
                        break '__join0 (__value1,);
                    }
                }
                match __from {
                    __ValueLoopState::Suspend0 { n, __iter2 } => {
                        let n = n;
                        let __value1;
                        '__break1: {
                            {
                                {
                                    #[allow(unused_mut)]
                                    let mut __iter2 = __iter2;
                                    { {} }
                                    loop {
                                        match ::gen_runtime::__private::Iterator::next(
                                            &mut __iter2,
                                        ) {
                                            ::gen_runtime::__private::Some(i) => {
                                                if i * i > 10 {
                                                    {
                                                        __value1 = i;
                                                        break '__break1;
                                                    };
                                                }
                                                {
                                                    let __yielded: u32 = i;
                                                    *__state = __ValueLoopState::Suspend0 {
                                                        n: n,
                                                        __iter2: __iter2,
                                                    };
                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                        __yielded,
                                                    );
                                                }
                                            }
                                            ::gen_runtime::__private::None => {
                                                break;
                                            }
                                        }
                                    }
                                }
                            }
                            'outer: loop {
                                {
                                    #[allow(unused_mut)]
                                    let mut __iter2 = ::gen_runtime::__private::IntoIterator::into_iter(
                                        0..n,
                                    );
                                    loop {
                                        match ::gen_runtime::__private::Iterator::next(
                                            &mut __iter2,
                                        ) {
                                            ::gen_runtime::__private::Some(i) => {
                                                if i * i > 10 {
                                                    {
                                                        __value1 = i;
                                                        break 'outer;
                                                    };
                                                }
                                                {
                                                    let __yielded: u32 = i;
                                                    *__state = __ValueLoopState::Suspend0 {
                                                        n: n,
                                                        __iter2: __iter2,
                                                    };
                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                        __yielded,
                                                    );
                                                }
                                            }
                                            ::gen_runtime::__private::None => {
                                                break;
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        {
                            break '__join0 (__value1,);
                        }
                    }
                    _ => {
                        return ::gen_runtime::__private::GeneratorState::Complete(());
                    }
                }
            };
            {
                let __value1 = __value1;
                let r = __value1;
                {
                    let __yielded: u32 = r * 100;
                    *__state = __ValueLoopState::Returned;
                    return ::gen_runtime::__private::GeneratorState::Yielded(__yielded);
                }
            }
        },
    )
}
