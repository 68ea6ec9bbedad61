pub fn inorder_then_len(tree: &[u32]) -> impl Iterator<Item = u64> + '_ {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    #[repr(u8)]
    enum __InorderThenLenState<T0, T1, T2, T3, T4> {
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
        (
            __InorderThenLenState::Start {
                tree: tree,
            },
            true,
        ),
        #[inline(always)]
        |__gen, __arg| {
            let __fresh = ::gen_runtime::__private::replace(&mut __gen.1, false);
            let __state = &mut __gen.0;
            let (n,) = '__join0: {
                let __from = ::gen_runtime::__private::replace(
                    __state,
                    __InorderThenLenState::Poisoned,
                );
                if __fresh {
                    let __InorderThenLenState::Start { tree } = __from else {
                        ::gen_runtime::__private::unreachable_state()
                    };
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
                                *__state = __InorderThenLenState::Suspend0 {
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
                        break '__join0 (n,);
                    }
                }
                match __from {
                    __InorderThenLenState::Suspend0 { tree, n, stack, j } => {
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
                                    *__state = __InorderThenLenState::Suspend0 {
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
                            break '__join0 (n,);
                        }
                    }
                    _ => {
                        return ::gen_runtime::__private::GeneratorState::Complete(());
                    }
                }
            };
            {
                let n = n;
                {
                    let __yielded: u64 = n as u64;
                    *__state = __InorderThenLenState::Returned;
                    return ::gen_runtime::__private::GeneratorState::Yielded(__yielded);
                }
            }
        },
    )
}
