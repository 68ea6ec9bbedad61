fn buffered(refills: usize, seed: u64) -> impl Iterator<Item = u64> {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    enum __BufferedState<T0, T1, T2, T3> {
        Start { refills: T0, seed: T1 },
        Suspend0 { __held: T2, buf: T3 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::iter::<
        u64,
        _,
        _,
    >(
        __BufferedState::Start {
            refills: refills,
            seed: seed,
        },
        #[inline(always)]
        |__state, __arg| {
            if let __BufferedState::Start { .. } = __state {
                let __taken = ::gen_runtime::__private::replace(
                    __state,
                    __BufferedState::Poisoned,
                );
                let __BufferedState::Start { refills, seed } = __taken else {
                    ::gen_runtime::__private::discard(__taken);
                    ::gen_runtime::__private::unreachable_state()
                };
                {
                    ::gen_runtime::__private::starting();
                    let refills = refills;
                    let seed = seed;
                    #[allow(unused_mut)]
                    let mut buf = [0u64; 64];
                    #[allow(unused_mut)]
                    let mut x = seed;
                    {
                        #[allow(unused_mut)]
                        let mut __iter1 = ::gen_runtime::__private::IntoIterator::into_iter(
                            0..refills,
                        );
                        loop {
                            match ::gen_runtime::__private::Iterator::next(
                                &mut __iter1,
                            ) {
                                ::gen_runtime::__private::Some(_) => {
                                    for slot in buf.iter_mut() {
                                        x = xorshift(x);
                                        *slot = x;
                                    }
                                    {
                                        #[allow(unused_mut)]
                                        let mut __iter2 = 0;
                                        loop {
                                            match ::gen_runtime::__private::next_below(
                                                &mut __iter2,
                                                64,
                                            ) {
                                                ::gen_runtime::__private::Some(i) => {
                                                    let __yielded: u64 = buf[i] ^ i as u64;
                                                    *__state = __BufferedState::Suspend0 {
                                                        __held: ::gen_runtime::__private::Some((
                                                            __iter2,
                                                            __iter1,
                                                            x,
                                                        )),
                                                        buf: buf,
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
                                }
                                ::gen_runtime::__private::None => {
                                    break;
                                }
                            }
                        }
                    }
                    {
                        let __returned: () = ();
                        *__state = __BufferedState::Returned;
                        return ::gen_runtime::__private::GeneratorState::Complete(
                            __returned,
                        );
                    }
                }
            }
            if let __BufferedState::Suspend0 { __held, buf: buf } = __state {
                let ::gen_runtime::__private::Some((__iter2, __iter1, x)) = ::gen_runtime::__private::take(
                    __held,
                ) else {
                    *__state = __BufferedState::Poisoned;
                    return ::gen_runtime::__private::GeneratorState::Complete(());
                };
                let __result = '__resume: {
                    {
                        #[allow(unused_mut)]
                        let mut x = x;
                        {
                            #[allow(unused_mut)]
                            let mut __iter1 = __iter1;
                            {
                                {
                                    {
                                        #[allow(unused_mut)]
                                        let mut __iter2 = __iter2;
                                        { {} }
                                        loop {
                                            match ::gen_runtime::__private::next_below(
                                                &mut __iter2,
                                                64,
                                            ) {
                                                ::gen_runtime::__private::Some(i) => {
                                                    let __yielded: u64 = (*buf)[i] ^ i as u64;
                                                    *__held = ::gen_runtime::__private::Some((
                                                        __iter2,
                                                        __iter1,
                                                        x,
                                                    ));
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
                                }
                            }
                            loop {
                                match ::gen_runtime::__private::Iterator::next(
                                    &mut __iter1,
                                ) {
                                    ::gen_runtime::__private::Some(_) => {
                                        for slot in (*buf).iter_mut() {
                                            x = xorshift(x);
                                            *slot = x;
                                        }
                                        {
                                            #[allow(unused_mut)]
                                            let mut __iter2 = 0;
                                            loop {
                                                match ::gen_runtime::__private::next_below(
                                                    &mut __iter2,
                                                    64,
                                                ) {
                                                    ::gen_runtime::__private::Some(i) => {
                                                        let __yielded: u64 = (*buf)[i] ^ i as u64;
                                                        *__held = ::gen_runtime::__private::Some((
                                                            __iter2,
                                                            __iter1,
                                                            x,
                                                        ));
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
                                    }
                                    ::gen_runtime::__private::None => {
                                        break;
                                    }
                                }
                            }
                        }
                        {
                            let __returned: () = ();
                            let __complete = ::gen_runtime::__private::GeneratorState::Complete(
                                __returned,
                            );
                            break '__resume __complete;
                        }
                    }
                };
                *__state = __BufferedState::Returned;
                return __result;
            }
            return ::gen_runtime::__private::GeneratorState::Complete(());
        },
    )
}
