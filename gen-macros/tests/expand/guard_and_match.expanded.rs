fn guarded(m: &Mutex<Vec<u32>>, cmds: Vec<Cmd>) -> impl Iterator<Item = u32> + '_ {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    enum __GuardedState<T0, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> {
        Start { m: T0, cmds: T1 },
        Suspend0 { __held: T2, _guard: T3, m: T4 },
        Suspend1 { __held: T5, _guard: T6, m: T7 },
        Suspend2 { __held: T8, _guard: T9, m: T10 },
        Suspend3 { _guard: T11, m: T12 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::iter::<
        u32,
        _,
        _,
    >(
        __GuardedState::Start {
            m: m,
            cmds: cmds,
        },
        |__state, __arg| {
            match __state {
                __GuardedState::Start { .. } => {
                    let __GuardedState::Start { m, cmds } = ::gen_runtime::__private::replace(
                        __state,
                        __GuardedState::Poisoned,
                    ) else { ::gen_runtime::__private::unreachable_state() };
                    {
                        let m = m;
                        let cmds = cmds;
                        let _guard = Guard::new();
                        {
                            #[allow(unused_mut)]
                            let mut __iter1 = ::gen_runtime::__private::IntoIterator::into_iter(
                                cmds,
                            );
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
                                                        __held: ::gen_runtime::__private::Some((__iter1,)),
                                                        m: m,
                                                        _guard: _guard,
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
                                                        __held: ::gen_runtime::__private::Some((x, __iter1)),
                                                        m: m,
                                                        _guard: _guard,
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
                        let total = m.lock().unwrap().len() as u32;
                        {
                            let __yielded: u32 = total;
                            #[allow(clippy::used_underscore_binding)]
                            {
                                *__state = __GuardedState::Suspend3 {
                                    m: m,
                                    _guard: _guard,
                                };
                            }
                            return ::gen_runtime::__private::GeneratorState::Yielded(
                                __yielded,
                            );
                        }
                    }
                }
                __GuardedState::Suspend0 { __held, m: m, _guard: _ } => {
                    let ::gen_runtime::__private::Some((__iter1,)) = ::gen_runtime::__private::take(
                        __held,
                    ) else {
                        *__state = __GuardedState::Poisoned;
                        return ::gen_runtime::__private::GeneratorState::Complete(());
                    };
                    let __result = '__resume: {
                        {
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
                                                    *__held = ::gen_runtime::__private::Some((__iter1,));
                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                        __yielded,
                                                    );
                                                }
                                                Cmd::Twice(x) if x > 10 => {
                                                    let __yielded: u32 = x;
                                                    #[allow(clippy::used_underscore_binding)]
                                                    {
                                                        let __GuardedState::Suspend0 { m: m, _guard: _guard, .. } = ::gen_runtime::__private::replace(
                                                            __state,
                                                            __GuardedState::Poisoned,
                                                        ) else { ::gen_runtime::__private::unreachable_state() };
                                                        *__state = __GuardedState::Suspend1 {
                                                            __held: ::gen_runtime::__private::Some((x, __iter1)),
                                                            m: m,
                                                            _guard: _guard,
                                                        };
                                                    }
                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                        __yielded,
                                                    );
                                                }
                                                Cmd::Stop => {
                                                    {
                                                        let __returned: () = ();
                                                        let __complete = ::gen_runtime::__private::GeneratorState::Complete(
                                                            __returned,
                                                        );
                                                        break '__resume __complete;
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
                            let total = (*m).lock().unwrap().len() as u32;
                            {
                                let __yielded: u32 = total;
                                #[allow(clippy::used_underscore_binding)]
                                {
                                    let __GuardedState::Suspend0 { m: m, _guard: _guard, .. } = ::gen_runtime::__private::replace(
                                        __state,
                                        __GuardedState::Poisoned,
                                    ) else { ::gen_runtime::__private::unreachable_state() };
                                    *__state = __GuardedState::Suspend3 {
                                        m: m,
                                        _guard: _guard,
                                    };
                                }
                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                    __yielded,
                                );
                            }
                        }
                    };
                    *__state = __GuardedState::Returned;
                    __result
                }
                __GuardedState::Suspend1 { __held, m: _, _guard: _ } => {
                    let ::gen_runtime::__private::Some((x, __iter1)) = ::gen_runtime::__private::take(
                        __held,
                    ) else {
                        *__state = __GuardedState::Poisoned;
                        return ::gen_runtime::__private::GeneratorState::Complete(());
                    };
                    {
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
                                                let __GuardedState::Suspend1 { m: m, _guard: _guard, .. } = ::gen_runtime::__private::replace(
                                                    __state,
                                                    __GuardedState::Poisoned,
                                                ) else { ::gen_runtime::__private::unreachable_state() };
                                                *__state = __GuardedState::Suspend2 {
                                                    __held: ::gen_runtime::__private::Some((__iter1,)),
                                                    m: m,
                                                    _guard: _guard,
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
                __GuardedState::Suspend2 { __held, m: m, _guard: _ } => {
                    let ::gen_runtime::__private::Some((__iter1,)) = ::gen_runtime::__private::take(
                        __held,
                    ) else {
                        *__state = __GuardedState::Poisoned;
                        return ::gen_runtime::__private::GeneratorState::Complete(());
                    };
                    let __result = '__resume: {
                        {
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
                                                        let __GuardedState::Suspend2 { m: m, _guard: _guard, .. } = ::gen_runtime::__private::replace(
                                                            __state,
                                                            __GuardedState::Poisoned,
                                                        ) else { ::gen_runtime::__private::unreachable_state() };
                                                        *__state = __GuardedState::Suspend0 {
                                                            __held: ::gen_runtime::__private::Some((__iter1,)),
                                                            m: m,
                                                            _guard: _guard,
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
                                                        let __GuardedState::Suspend2 { m: m, _guard: _guard, .. } = ::gen_runtime::__private::replace(
                                                            __state,
                                                            __GuardedState::Poisoned,
                                                        ) else { ::gen_runtime::__private::unreachable_state() };
                                                        *__state = __GuardedState::Suspend1 {
                                                            __held: ::gen_runtime::__private::Some((x, __iter1)),
                                                            m: m,
                                                            _guard: _guard,
                                                        };
                                                    }
                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                        __yielded,
                                                    );
                                                }
                                                Cmd::Stop => {
                                                    {
                                                        let __returned: () = ();
                                                        let __complete = ::gen_runtime::__private::GeneratorState::Complete(
                                                            __returned,
                                                        );
                                                        break '__resume __complete;
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
                            let total = (*m).lock().unwrap().len() as u32;
                            {
                                let __yielded: u32 = total;
                                #[allow(clippy::used_underscore_binding)]
                                {
                                    let __GuardedState::Suspend2 { m: m, _guard: _guard, .. } = ::gen_runtime::__private::replace(
                                        __state,
                                        __GuardedState::Poisoned,
                                    ) else { ::gen_runtime::__private::unreachable_state() };
                                    *__state = __GuardedState::Suspend3 {
                                        m: m,
                                        _guard: _guard,
                                    };
                                }
                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                    __yielded,
                                );
                            }
                        }
                    };
                    *__state = __GuardedState::Returned;
                    __result
                }
                __GuardedState::Suspend3 { .. } => {
                    let __GuardedState::Suspend3 { m, _guard: held_guard } = ::gen_runtime::__private::replace(
                        __state,
                        __GuardedState::Poisoned,
                    ) else { ::gen_runtime::__private::unreachable_state() };
                    {
                        #[allow(unused_variables)]
                        let m = m;
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
                __GuardedState::Returned | __GuardedState::Poisoned => {
                    ::gen_runtime::__private::GeneratorState::Complete(())
                }
            }
        },
    )
}
