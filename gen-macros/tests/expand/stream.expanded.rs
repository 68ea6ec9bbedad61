fn doubled(n: u32) -> impl Stream<Item = u32> {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    #[repr(u8)]
    enum __DoubledState<T0, T1> {
        Start { n: T0 },
        Suspend0 { __iter1: T1 },
        Suspend1 { __iter1: T1 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::stream::<
        u32,
        _,
        _,
        _,
    >(
        (__DoubledState::Start { n: n }, true),
        <::gen_runtime::__private::Chain<_, ()>>::Empty,
        #[inline(always)]
        |__gen, mut __pinned, __arg| {
            let __fresh = ::gen_runtime::__private::replace(&mut __gen.1, false);
            let __state = &mut __gen.0;
            let __from = ::gen_runtime::__private::replace(
                __state,
                __DoubledState::Poisoned,
            );
            if __fresh {
                let __DoubledState::Start { n } = __from else {
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
                                let __value2;
                                {
                                    ::gen_runtime::__private::Pin::set(
                                        &mut __pinned,
                                        ::gen_runtime::__private::Chain::Here(
                                            ::gen_runtime::__private::IntoFuture::into_future({
                                                double(i)
                                            }),
                                        ),
                                    );
                                    loop {
                                        match ::gen_runtime::__private::poll_future(
                                            ::gen_runtime::__private::here(
                                                ::gen_runtime::__private::Some(
                                                    ::gen_runtime::__private::Pin::as_mut(&mut __pinned),
                                                ),
                                            ),
                                            __arg,
                                        ) {
                                            ::gen_runtime::__private::Poll::Ready(__ready) => {
                                                ::gen_runtime::__private::Pin::set(
                                                    &mut __pinned,
                                                    ::gen_runtime::__private::Chain::Empty,
                                                );
                                                __value2 = __ready;
                                                break;
                                            }
                                            ::gen_runtime::__private::Poll::Pending => {
                                                *__state = __DoubledState::Suspend0 {
                                                    __iter1: __iter1,
                                                };
                                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                                    ::gen_runtime::__private::Poll::Pending,
                                                );
                                            }
                                        }
                                    }
                                }
                                let d = __value2;
                                {
                                    let __yielded: u32 = d + 1;
                                    *__state = __DoubledState::Suspend1 {
                                        __iter1: __iter1,
                                    };
                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                        ::gen_runtime::__private::Poll::Ready(__yielded),
                                    );
                                }
                            }
                            ::gen_runtime::__private::None => {
                                break;
                            }
                        }
                    }
                }
                {
                    let __returned: () = ();
                    *__state = __DoubledState::Returned;
                    return ::gen_runtime::__private::GeneratorState::Complete(
                        __returned,
                    );
                }
            }
            match __from {
                __DoubledState::Suspend0 { __iter1 } => {
                    #[allow(unused_mut)]
                    let mut __iter1 = __iter1;
                    {
                        {
                            let __value2;
                            {
                                { {} }
                                loop {
                                    match ::gen_runtime::__private::poll_future(
                                        ::gen_runtime::__private::here(
                                            ::gen_runtime::__private::Some(
                                                ::gen_runtime::__private::Pin::as_mut(&mut __pinned),
                                            ),
                                        ),
                                        __arg,
                                    ) {
                                        ::gen_runtime::__private::Poll::Ready(__ready) => {
                                            ::gen_runtime::__private::Pin::set(
                                                &mut __pinned,
                                                ::gen_runtime::__private::Chain::Empty,
                                            );
                                            __value2 = __ready;
                                            break;
                                        }
                                        ::gen_runtime::__private::Poll::Pending => {
                                            *__state = __DoubledState::Suspend0 {
                                                __iter1: __iter1,
                                            };
                                            return ::gen_runtime::__private::GeneratorState::Yielded(
                                                ::gen_runtime::__private::Poll::Pending,
                                            );
                                        }
                                    }
                                }
                            }
                            let d = __value2;
                            {
                                let __yielded: u32 = d + 1;
                                *__state = __DoubledState::Suspend1 {
                                    __iter1: __iter1,
                                };
                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                    ::gen_runtime::__private::Poll::Ready(__yielded),
                                );
                            }
                        }
                    }
                }
                __from => {
                    match __from {
                        __DoubledState::Suspend1 { __iter1 } => {
                            {
                                #[allow(unused_mut)]
                                let mut __iter1 = __iter1;
                                { {} }
                                loop {
                                    match ::gen_runtime::__private::Iterator::next(
                                        &mut __iter1,
                                    ) {
                                        ::gen_runtime::__private::Some(i) => {
                                            let __value2;
                                            {
                                                ::gen_runtime::__private::Pin::set(
                                                    &mut __pinned,
                                                    ::gen_runtime::__private::Chain::Here(
                                                        ::gen_runtime::__private::IntoFuture::into_future({
                                                            double(i)
                                                        }),
                                                    ),
                                                );
                                                loop {
                                                    match ::gen_runtime::__private::poll_future(
                                                        ::gen_runtime::__private::here(
                                                            ::gen_runtime::__private::Some(
                                                                ::gen_runtime::__private::Pin::as_mut(&mut __pinned),
                                                            ),
                                                        ),
                                                        __arg,
                                                    ) {
                                                        ::gen_runtime::__private::Poll::Ready(__ready) => {
                                                            ::gen_runtime::__private::Pin::set(
                                                                &mut __pinned,
                                                                ::gen_runtime::__private::Chain::Empty,
                                                            );
                                                            __value2 = __ready;
                                                            break;
                                                        }
                                                        ::gen_runtime::__private::Poll::Pending => {
                                                            *__state = __DoubledState::Suspend0 {
                                                                __iter1: __iter1,
                                                            };
                                                            return ::gen_runtime::__private::GeneratorState::Yielded(
                                                                ::gen_runtime::__private::Poll::Pending,
                                                            );
                                                        }
                                                    }
                                                }
                                            }
                                            let d = __value2;
                                            {
                                                let __yielded: u32 = d + 1;
                                                *__state = __DoubledState::Suspend1 {
                                                    __iter1: __iter1,
                                                };
                                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                                    ::gen_runtime::__private::Poll::Ready(__yielded),
                                                );
                                            }
                                        }
                                        ::gen_runtime::__private::None => {
                                            break;
                                        }
                                    }
                                }
                            }
                            {
                                let __returned: () = ();
                                *__state = __DoubledState::Returned;
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
