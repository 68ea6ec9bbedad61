fn guarded(m: &Mutex<Vec<u32>>, cmds: Vec<Cmd>) -> impl Iterator<Item = u32> + '_ {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    #[repr(u8)]
    enum __GuardedState<T0, T1, T2, T3, T4, T5> {
        Start { m: T0, cmds: T1 },
        Suspend0 { __iter1: T2, _guard: T3, m: T4 },
        Suspend1 { x: T5, __iter1: T2, _guard: T3, m: T4 },
        Suspend2 { __iter1: T2, _guard: T3, m: T4 },
        Suspend3 { _guard: T3 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::iter::<
        u32,
        _,
        _,
    >(
        (
            __GuardedState::Start {
                m: m,
                cmds: cmds,
            },
            true,
        ),
        #[inline(always)]
        |__gen, __arg| {
            let __fresh = ::gen_runtime::__private::replace(&mut __gen.1, false);
            let __state = &mut __gen.0;
            '__dispatch1: {
                let (m, held_guard) = '__join0: {
                    if __fresh {
                        let __GuardedState::Start { m, cmds } = ::gen_runtime::__private::replace(
                            __state,
                            __GuardedState::Poisoned,
                        ) else { ::gen_runtime::__private::unreachable_state() };
                        ::gen_runtime::__private::starting();
                        let m = m;
                        let cmds = cmds;
                        let _guard = Guard::new();
                        {
                            #[allow(unused_mut)]
                            let mut __iter1 = ::gen_runtime::__private::IntoIterator::into_iter({
                                cmds
                            });
                            loop {
                                match ::gen_runtime::__private::Iterator::next(
                                    &mut __iter1,
                                ) {
                                    ::gen_runtime::__private::Some(cmd) => {
                                        match cmd {
                                            Cmd::Push(x) => {
                                                let __yielded: u32 = x;
                                                #[allow(clippy::used_underscore_binding)]
                                                {
                                                    *__state = __GuardedState::Suspend0 {
                                                        m: m,
                                                        _guard: _guard,
                                                        __iter1: __iter1,
                                                    };
                                                }
                                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                                    __yielded,
                                                );
                                            }
                                            Cmd::Twice(x) if x > 10 => {
                                                let __yielded: u32 = x;
                                                #[allow(clippy::used_underscore_binding)]
                                                {
                                                    *__state = __GuardedState::Suspend1 {
                                                        m: m,
                                                        _guard: _guard,
                                                        __iter1: __iter1,
                                                        x: x,
                                                    };
                                                }
                                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                                    __yielded,
                                                );
                                            }
                                            Cmd::Stop => {
                                                {
                                                    let __returned: () = ();
                                                    *__state = __GuardedState::Returned;
                                                    return ::gen_runtime::__private::GeneratorState::Complete(
                                                        __returned,
                                                    );
                                                };
                                            }
                                            _ => {}
                                        }
                                    }
                                    ::gen_runtime::__private::None => {
                                        break;
                                    }
                                }
                            }
                        }
                        #[allow(clippy::used_underscore_binding)]
                        {
                            break '__join0 (m, _guard);
                        }
                    }
                    if let __GuardedState::Suspend0 { .. } = __state {
                        let __taken = ::gen_runtime::__private::replace(
                            __state,
                            __GuardedState::Poisoned,
                        );
                        let __GuardedState::Suspend0 {
                            m,
                            _guard: held_guard,
                            __iter1,
                        } = __taken else {
                            ::gen_runtime::__private::discard(__taken);
                            ::gen_runtime::__private::unreachable_state()
                        };
                        {
                            let m = m;
                            #[allow(unused_variables)]
                            let _guard = ::gen_runtime::__private::identity(held_guard);
                            {
                                #[allow(unused_mut)]
                                let mut __iter1 = __iter1;
                                { { {} } }
                                loop {
                                    match ::gen_runtime::__private::Iterator::next(
                                        &mut __iter1,
                                    ) {
                                        ::gen_runtime::__private::Some(cmd) => {
                                            match cmd {
                                                Cmd::Push(x) => {
                                                    let __yielded: u32 = x;
                                                    #[allow(clippy::used_underscore_binding)]
                                                    {
                                                        *__state = __GuardedState::Suspend0 {
                                                            m: m,
                                                            _guard: _guard,
                                                            __iter1: __iter1,
                                                        };
                                                    }
                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                        __yielded,
                                                    );
                                                }
                                                Cmd::Twice(x) if x > 10 => {
                                                    let __yielded: u32 = x;
                                                    #[allow(clippy::used_underscore_binding)]
                                                    {
                                                        *__state = __GuardedState::Suspend1 {
                                                            m: m,
                                                            _guard: _guard,
                                                            __iter1: __iter1,
                                                            x: x,
                                                        };
                                                    }
                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                        __yielded,
                                                    );
                                                }
                                                Cmd::Stop => {
                                                    {
                                                        let __returned: () = ();
                                                        *__state = __GuardedState::Returned;
                                                        return ::gen_runtime::__private::GeneratorState::Complete(
                                                            __returned,
                                                        );
                                                    };
                                                }
                                                _ => {}
                                            }
                                        }
                                        ::gen_runtime::__private::None => {
                                            break;
                                        }
                                    }
                                }
                            }
                            #[allow(clippy::used_underscore_binding)]
                            {
                                break '__join0 (m, _guard);
                            }
                        }
                    }
                    if let __GuardedState::Suspend1 { .. } = __state {
                        let __taken = ::gen_runtime::__private::replace(
                            __state,
                            __GuardedState::Poisoned,
                        );
                        let __GuardedState::Suspend1 {
                            m,
                            _guard: held_guard,
                            __iter1,
                            x,
                        } = __taken else {
                            ::gen_runtime::__private::discard(__taken);
                            ::gen_runtime::__private::unreachable_state()
                        };
                        {
                            let m = m;
                            #[allow(unused_variables)]
                            let _guard = ::gen_runtime::__private::identity(held_guard);
                            {
                                #[allow(unused_mut)]
                                let mut __iter1 = __iter1;
                                {
                                    {
                                        {
                                            let x = x;
                                            {
                                                let __yielded: u32 = x;
                                                #[allow(clippy::used_underscore_binding)]
                                                {
                                                    *__state = __GuardedState::Suspend2 {
                                                        m: m,
                                                        _guard: _guard,
                                                        __iter1: __iter1,
                                                    };
                                                }
                                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                                    __yielded,
                                                );
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    if let __GuardedState::Suspend2 { .. } = __state {
                        let __taken = ::gen_runtime::__private::replace(
                            __state,
                            __GuardedState::Poisoned,
                        );
                        let __GuardedState::Suspend2 {
                            m,
                            _guard: held_guard,
                            __iter1,
                        } = __taken else {
                            ::gen_runtime::__private::discard(__taken);
                            ::gen_runtime::__private::unreachable_state()
                        };
                        {
                            let m = m;
                            #[allow(unused_variables)]
                            let _guard = ::gen_runtime::__private::identity(held_guard);
                            {
                                #[allow(unused_mut)]
                                let mut __iter1 = __iter1;
                                { { {} } }
                                loop {
                                    match ::gen_runtime::__private::Iterator::next(
                                        &mut __iter1,
                                    ) {
                                        ::gen_runtime::__private::Some(cmd) => {
                                            match cmd {
                                                Cmd::Push(x) => {
                                                    let __yielded: u32 = x;
                                                    #[allow(clippy::used_underscore_binding)]
                                                    {
                                                        *__state = __GuardedState::Suspend0 {
                                                            m: m,
                                                            _guard: _guard,
                                                            __iter1: __iter1,
                                                        };
                                                    }
                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                        __yielded,
                                                    );
                                                }
                                                Cmd::Twice(x) if x > 10 => {
                                                    let __yielded: u32 = x;
                                                    #[allow(clippy::used_underscore_binding)]
                                                    {
                                                        *__state = __GuardedState::Suspend1 {
                                                            m: m,
                                                            _guard: _guard,
                                                            __iter1: __iter1,
                                                            x: x,
                                                        };
                                                    }
                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                        __yielded,
                                                    );
                                                }
                                                Cmd::Stop => {
                                                    {
                                                        let __returned: () = ();
                                                        *__state = __GuardedState::Returned;
                                                        return ::gen_runtime::__private::GeneratorState::Complete(
                                                            __returned,
                                                        );
                                                    };
                                                }
                                                _ => {}
                                            }
                                        }
                                        ::gen_runtime::__private::None => {
                                            break;
                                        }
                                    }
                                }
                            }
                            #[allow(clippy::used_underscore_binding)]
                            {
                                break '__join0 (m, _guard);
                            }
                        }
                    }
                    break '__dispatch1;
                };
                {
                    let m = m;
                    #[allow(unused_variables)]
                    let _guard = ::gen_runtime::__private::identity(held_guard);
                    let total = m.lock().unwrap().len() as u32;
                    {
                        let __yielded: u32 = total;
                        #[allow(clippy::used_underscore_binding)]
                        {
                            *__state = __GuardedState::Suspend3 {
                                _guard: _guard,
                            };
                        }
                        return ::gen_runtime::__private::GeneratorState::Yielded(
                            __yielded,
                        );
                    }
                }
            }
            if let __GuardedState::Suspend3 { .. } = __state {
                let __taken = ::gen_runtime::__private::replace(
                    __state,
                    __GuardedState::Poisoned,
                );
                let __GuardedState::Suspend3 { _guard: held_guard } = __taken else {
                    ::gen_runtime::__private::discard(__taken);
                    ::gen_runtime::__private::unreachable_state()
                };
                {
                    #[allow(unused_variables)]
                    let _guard = ::gen_runtime::__private::identity(held_guard);
                    {
                        let __returned: () = ();
                        *__state = __GuardedState::Returned;
                        return ::gen_runtime::__private::GeneratorState::Complete(
                            __returned,
                        );
                    }
                }
            }
            return ::gen_runtime::__private::GeneratorState::Complete(());
        },
    )
}
