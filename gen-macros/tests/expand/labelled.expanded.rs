fn labelled(n: u32) -> impl Iterator<Item = (u32, u32)> {
    yield_! {
        @ __gen_runtime_mark_used
    }
    #[derive(Clone)]
    #[allow(clippy::large_enum_variant)]
    #[repr(u8)]
    enum __LabelledState<T0, T1, T2, T3, T4> {
        Start { n: T0 },
        Suspend0 { __iter2: T1, i: T2, __iter1: T3, n: T4 },
        Suspend1 { __iter2: T1, i: T2, __iter1: T3, n: T4 },
        Suspend2 { __iter1: T3, n: T4 },
        Returned,
        Poisoned,
    }
    ::gen_runtime::__private::iter::<
        (u32, u32),
        _,
        _,
    >(
        (__LabelledState::Start { n: n }, true),
        #[inline(always)]
        |__gen, __arg| {
            let __fresh = ::gen_runtime::__private::replace(&mut __gen.1, false);
            let __state = &mut __gen.0;
            '__join0: {
                let __from = ::gen_runtime::__private::replace(
                    __state,
                    __LabelledState::Poisoned,
                );
                if __fresh {
                    let __LabelledState::Start { n } = __from else {
                        ::gen_runtime::__private::unreachable_state()
                    };
                    ::gen_runtime::__private::starting();
                    let n = n;
                    {
                        #[allow(unused_mut)]
                        let mut __iter1 = ::gen_runtime::__private::IntoIterator::into_iter(
                            0..n,
                        );
                        'outer: loop {
                            match ::gen_runtime::__private::Iterator::next(
                                &mut __iter1,
                            ) {
                                ::gen_runtime::__private::Some(i) => {
                                    {
                                        #[allow(unused_mut)]
                                        let mut __iter2 = ::gen_runtime::__private::IntoIterator::into_iter(
                                            0..n,
                                        );
                                        loop {
                                            match ::gen_runtime::__private::Iterator::next(
                                                &mut __iter2,
                                            ) {
                                                ::gen_runtime::__private::Some(j) => {
                                                    if j > i {
                                                        continue 'outer;
                                                    }
                                                    if i + j >= 5 {
                                                        break 'outer;
                                                    }
                                                    if j == 1 {
                                                        {
                                                            let __yielded: (u32, u32) = (i, 100);
                                                            *__state = __LabelledState::Suspend0 {
                                                                n: n,
                                                                __iter1: __iter1,
                                                                i: i,
                                                                __iter2: __iter2,
                                                            };
                                                            return ::gen_runtime::__private::GeneratorState::Yielded(
                                                                __yielded,
                                                            );
                                                        }
                                                    }
                                                    {
                                                        let __yielded: (u32, u32) = (i, j);
                                                        *__state = __LabelledState::Suspend1 {
                                                            n: n,
                                                            __iter1: __iter1,
                                                            i: i,
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
                                    {
                                        let __yielded: (u32, u32) = (i, 999);
                                        *__state = __LabelledState::Suspend2 {
                                            n: n,
                                            __iter1: __iter1,
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
                    {
                        break '__join0;
                    }
                }
                match __from {
                    __LabelledState::Suspend0 { n, __iter1, i, __iter2 } => {
                        let n = n;
                        {
                            #[allow(unused_mut)]
                            let mut __iter1 = __iter1;
                            '__break1: {
                                '__continue1: {
                                    {
                                        {
                                            let i = i;
                                            {
                                                #[allow(unused_mut)]
                                                let mut __iter2 = __iter2;
                                                '__continue2: {
                                                    {
                                                        {
                                                            {
                                                                { break '__continue2 };
                                                            }
                                                        }
                                                    }
                                                }
                                                loop {
                                                    match ::gen_runtime::__private::Iterator::next(
                                                        &mut __iter2,
                                                    ) {
                                                        ::gen_runtime::__private::Some(j) => {
                                                            if j > i {
                                                                { break '__continue1 };
                                                            }
                                                            if i + j >= 5 {
                                                                { break '__break1 };
                                                            }
                                                            if j == 1 {
                                                                {
                                                                    let __yielded: (u32, u32) = (i, 100);
                                                                    *__state = __LabelledState::Suspend0 {
                                                                        n: n,
                                                                        __iter1: __iter1,
                                                                        i: i,
                                                                        __iter2: __iter2,
                                                                    };
                                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                                        __yielded,
                                                                    );
                                                                }
                                                            }
                                                            {
                                                                let __yielded: (u32, u32) = (i, j);
                                                                *__state = __LabelledState::Suspend1 {
                                                                    n: n,
                                                                    __iter1: __iter1,
                                                                    i: i,
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
                                            {
                                                let __yielded: (u32, u32) = (i, 999);
                                                *__state = __LabelledState::Suspend2 {
                                                    n: n,
                                                    __iter1: __iter1,
                                                };
                                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                                    __yielded,
                                                );
                                            }
                                        }
                                    }
                                }
                                'outer: loop {
                                    match ::gen_runtime::__private::Iterator::next(
                                        &mut __iter1,
                                    ) {
                                        ::gen_runtime::__private::Some(i) => {
                                            {
                                                #[allow(unused_mut)]
                                                let mut __iter2 = ::gen_runtime::__private::IntoIterator::into_iter(
                                                    0..n,
                                                );
                                                loop {
                                                    match ::gen_runtime::__private::Iterator::next(
                                                        &mut __iter2,
                                                    ) {
                                                        ::gen_runtime::__private::Some(j) => {
                                                            if j > i {
                                                                continue 'outer;
                                                            }
                                                            if i + j >= 5 {
                                                                break 'outer;
                                                            }
                                                            if j == 1 {
                                                                {
                                                                    let __yielded: (u32, u32) = (i, 100);
                                                                    *__state = __LabelledState::Suspend0 {
                                                                        n: n,
                                                                        __iter1: __iter1,
                                                                        i: i,
                                                                        __iter2: __iter2,
                                                                    };
                                                                    return ::gen_runtime::__private::GeneratorState::Yielded(
                                                                        __yielded,
                                                                    );
                                                                }
                                                            }
                                                            {
                                                                let __yielded: (u32, u32) = (i, j);
                                                                *__state = __LabelledState::Suspend1 {
                                                                    n: n,
                                                                    __iter1: __iter1,
                                                                    i: i,
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
                                            {
                                                let __yielded: (u32, u32) = (i, 999);
                                                *__state = __LabelledState::Suspend2 {
                                                    n: n,
                                                    __iter1: __iter1,
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
                            break '__join0;
                        }
                    }
                    __from => {
                        match __from {
                            __LabelledState::Suspend1 { n, __iter1, i, __iter2 } => {
                                let n = n;
                                {
                                    #[allow(unused_mut)]
                                    let mut __iter1 = __iter1;
                                    '__break3: {
                                        '__continue3: {
                                            {
                                                {
                                                    let i = i;
                                                    {
                                                        #[allow(unused_mut)]
                                                        let mut __iter2 = __iter2;
                                                        { {} }
                                                        loop {
                                                            match ::gen_runtime::__private::Iterator::next(
                                                                &mut __iter2,
                                                            ) {
                                                                ::gen_runtime::__private::Some(j) => {
                                                                    if j > i {
                                                                        { break '__continue3 };
                                                                    }
                                                                    if i + j >= 5 {
                                                                        { break '__break3 };
                                                                    }
                                                                    if j == 1 {
                                                                        {
                                                                            let __yielded: (u32, u32) = (i, 100);
                                                                            *__state = __LabelledState::Suspend0 {
                                                                                n: n,
                                                                                __iter1: __iter1,
                                                                                i: i,
                                                                                __iter2: __iter2,
                                                                            };
                                                                            return ::gen_runtime::__private::GeneratorState::Yielded(
                                                                                __yielded,
                                                                            );
                                                                        }
                                                                    }
                                                                    {
                                                                        let __yielded: (u32, u32) = (i, j);
                                                                        *__state = __LabelledState::Suspend1 {
                                                                            n: n,
                                                                            __iter1: __iter1,
                                                                            i: i,
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
                                                    {
                                                        let __yielded: (u32, u32) = (i, 999);
                                                        *__state = __LabelledState::Suspend2 {
                                                            n: n,
                                                            __iter1: __iter1,
                                                        };
                                                        return ::gen_runtime::__private::GeneratorState::Yielded(
                                                            __yielded,
                                                        );
                                                    }
                                                }
                                            }
                                        }
                                        'outer: loop {
                                            match ::gen_runtime::__private::Iterator::next(
                                                &mut __iter1,
                                            ) {
                                                ::gen_runtime::__private::Some(i) => {
                                                    {
                                                        #[allow(unused_mut)]
                                                        let mut __iter2 = ::gen_runtime::__private::IntoIterator::into_iter(
                                                            0..n,
                                                        );
                                                        loop {
                                                            match ::gen_runtime::__private::Iterator::next(
                                                                &mut __iter2,
                                                            ) {
                                                                ::gen_runtime::__private::Some(j) => {
                                                                    if j > i {
                                                                        continue 'outer;
                                                                    }
                                                                    if i + j >= 5 {
                                                                        break 'outer;
                                                                    }
                                                                    if j == 1 {
                                                                        {
                                                                            let __yielded: (u32, u32) = (i, 100);
                                                                            *__state = __LabelledState::Suspend0 {
                                                                                n: n,
                                                                                __iter1: __iter1,
                                                                                i: i,
                                                                                __iter2: __iter2,
                                                                            };
                                                                            return ::gen_runtime::__private::GeneratorState::Yielded(
                                                                                __yielded,
                                                                            );
                                                                        }
                                                                    }
                                                                    {
                                                                        let __yielded: (u32, u32) = (i, j);
                                                                        *__state = __LabelledState::Suspend1 {
                                                                            n: n,
                                                                            __iter1: __iter1,
                                                                            i: i,
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
                                                    {
                                                        let __yielded: (u32, u32) = (i, 999);
                                                        *__state = __LabelledState::Suspend2 {
                                                            n: n,
                                                            __iter1: __iter1,
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
                                    break '__join0;
                                }
                            }
                            __from => {
                                match __from {
                                    __LabelledState::Suspend2 { n, __iter1 } => {
                                        let n = n;
                                        {
                                            #[allow(unused_mut)]
                                            let mut __iter1 = __iter1;
                                            { {} }
                                            'outer: loop {
                                                match ::gen_runtime::__private::Iterator::next(
                                                    &mut __iter1,
                                                ) {
                                                    ::gen_runtime::__private::Some(i) => {
                                                        {
                                                            #[allow(unused_mut)]
                                                            let mut __iter2 = ::gen_runtime::__private::IntoIterator::into_iter(
                                                                0..n,
                                                            );
                                                            loop {
                                                                match ::gen_runtime::__private::Iterator::next(
                                                                    &mut __iter2,
                                                                ) {
                                                                    ::gen_runtime::__private::Some(j) => {
                                                                        if j > i {
                                                                            continue 'outer;
                                                                        }
                                                                        if i + j >= 5 {
                                                                            break 'outer;
                                                                        }
                                                                        if j == 1 {
                                                                            {
                                                                                let __yielded: (u32, u32) = (i, 100);
                                                                                *__state = __LabelledState::Suspend0 {
                                                                                    n: n,
                                                                                    __iter1: __iter1,
                                                                                    i: i,
                                                                                    __iter2: __iter2,
                                                                                };
                                                                                return ::gen_runtime::__private::GeneratorState::Yielded(
                                                                                    __yielded,
                                                                                );
                                                                            }
                                                                        }
                                                                        {
                                                                            let __yielded: (u32, u32) = (i, j);
                                                                            *__state = __LabelledState::Suspend1 {
                                                                                n: n,
                                                                                __iter1: __iter1,
                                                                                i: i,
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
                                                        {
                                                            let __yielded: (u32, u32) = (i, 999);
                                                            *__state = __LabelledState::Suspend2 {
                                                                n: n,
                                                                __iter1: __iter1,
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
                                        {
                                            break '__join0;
                                        }
                                    }
                                    _ => {
                                        return ::gen_runtime::__private::GeneratorState::Complete(());
                                    }
                                }
                            }
                        }
                    }
                }
            }
            {
                {
                    let __yielded: (u32, u32) = (777, 777);
                    *__state = __LabelledState::Returned;
                    return ::gen_runtime::__private::GeneratorState::Yielded(__yielded);
                }
            }
        },
    )
}
