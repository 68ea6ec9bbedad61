pub fn inorder(tree: &[u32]) -> impl Iterator<Item = u64> + '_ {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    enum __InorderState<T0, T1, T2, T3, T4> {
        Start { tree: T0 },
        Suspend0 { j: T1, stack: T2, n: T3, tree: T4 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::iter::<
        u64,
        _,
        _,
    >(
        __InorderState::Start {
            tree: tree,
        },
        #[inline(always)]
        |__state, __arg| {
            let __from = ::gen_runtime::__private::replace(
                __state,
                __InorderState::Poisoned,
            );
            match __from {
                __InorderState::Start { tree } => {
                    ::gen_runtime::__private::starting();
                    let tree = tree;
                    let n = tree.len();
                    #[allow(unused_mut)]
                    let mut stack: Vec<usize> = Vec::with_capacity(64);
                    #[allow(unused_mut)]
                    let mut i = 0usize;
                    loop {
                        while i < n {
                            stack.push(i);
                            i = 2 * i + 1;
                        }
                        match stack.pop() {
                            Some(j) => {
                                let __yielded: u64 = u64::from(tree[j]);
                                *__state = __InorderState::Suspend0 {
                                    tree: tree,
                                    n: n,
                                    stack: stack,
                                    j: j,
                                };
                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                    __yielded,
                                );
                            }
                            None => {
                                break;
                            }
                        }
                    }
                    {
                        let __returned: () = ();
                        *__state = __InorderState::Returned;
                        return ::gen_runtime::__private::GeneratorState::Complete(
                            __returned,
                        );
                    }
                }
                __from => {
                    match __from {
                        __InorderState::Suspend0 { tree, n, stack, j } => {
                            let tree = tree;
                            let n = n;
                            #[allow(unused_mut)]
                            let mut stack = stack;
                            #[allow(unused_mut)]
                            let mut i;
                            {
                                {
                                    let j = j;
                                    i = 2 * j + 2;
                                }
                            }
                            loop {
                                while i < n {
                                    stack.push(i);
                                    i = 2 * i + 1;
                                }
                                match stack.pop() {
                                    Some(j) => {
                                        let __yielded: u64 = u64::from(tree[j]);
                                        *__state = __InorderState::Suspend0 {
                                            tree: tree,
                                            n: n,
                                            stack: stack,
                                            j: j,
                                        };
                                        return ::gen_runtime::__private::GeneratorState::Yielded(
                                            __yielded,
                                        );
                                    }
                                    None => {
                                        break;
                                    }
                                }
                            }
                            {
                                let __returned: () = ();
                                *__state = __InorderState::Returned;
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
