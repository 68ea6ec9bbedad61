//! The proc macros' entry points: the pipeline run on each input, and what is emitted when
//! the input is wrong.
//!
//! ```text
//! #[generator] fn f(..) -> impl Iterator<Item = T> { body }
//!   → args::signature → normalize → cfg::build → dataflow::analyze
//!   → coroutine::generator (locals in place) or emit::Emitter (a state machine)
//! ```

use crate::args::{self, Attr, Kind, Signature};
use crate::diagnostics::Errors;
use crate::emit::{boxed_as_declared, ty_or_infer, Emitter};
use crate::normalize;
use crate::scope;
use crate::tokens;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use std::collections::BTreeMap;
use syn::parse::{Parse, ParseStream};
use syn::Pat;

/// `#[generator(…)] fn …`
pub fn expand_attribute(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let attr = match syn::parse2::<Attr>(attr) {
        Ok(a) => a,
        Err(e) => {
            errors.push(e);
            Attr::default()
        }
    };
    match syn::parse2::<GenFn>(tokens::mark_for_await(item)) {
        Ok(f) => expand_fn(attr, f, errors),
        Err(e) => e.to_compile_error(),
    }
}

/// `gen_fn! { fn a() … fn b() … }`
pub fn expand_gen_fn(input: TokenStream) -> TokenStream {
    struct Many(Vec<GenFn>);
    impl Parse for Many {
        fn parse(input: ParseStream) -> syn::Result<Self> {
            let mut v = Vec::new();
            while !input.is_empty() {
                v.push(input.parse()?);
            }
            Ok(Many(v))
        }
    }
    match syn::parse2::<Many>(tokens::mark_for_await(input)) {
        Ok(Many(fns)) => fns
            .into_iter()
            .map(|mut f| {
                // `#[generator(…)]` on an item inside `gen_fn!` configures it.
                let mut errors = Errors::default();
                let mut attr = Attr::default();
                f.attrs.retain(|a| {
                    if a.path().is_ident("generator") {
                        match a.meta.require_list().and_then(|l| l.parse_args::<Attr>()) {
                            Ok(parsed) => attr = parsed,
                            Err(e) if matches!(a.meta, syn::Meta::Path(_)) => drop(e),
                            Err(e) => errors.push(e),
                        }
                        false
                    } else {
                        true
                    }
                });
                expand_fn(attr, f, errors)
            })
            .collect(),
        Err(e) => e.to_compile_error(),
    }
}

/// `gen_iter! { … }`: an `impl Iterator` expression that moves what it uses into itself.
///
/// ```text
/// gen_iter! { for x in v { yield x * k; } }
/// // becomes, with the captures `v` and `k` as the fields of `Start`:
/// { enum __GenIterState<…> { Start { v: T0, k: T1 }, … }  iter(Start { v, k }, |state, arg| …) }
/// ```
pub fn expand_gen_iter(input: TokenStream) -> TokenStream {
    expand_block(input, Kind::Iterator)
}

/// `gen_stream! { … }`: the same, as an `impl Stream` where `.await` is allowed.
pub fn expand_gen_stream(input: TokenStream) -> TokenStream {
    expand_block(input, Kind::Stream)
}

/// An iterator or stream expression from statements.
fn expand_block(input: TokenStream, kind: Kind) -> TokenStream {
    let (krate, block) = match syn::parse2::<StmtsBlock>(tokens::mark_for_await(input)) {
        Ok(b) => (
            b.krate
                .map_or_else(|| quote!(::gen_runtime), |p| p.to_token_stream()),
            b.block,
        ),
        Err(e) => {
            let e = e.to_compile_error();
            return quote!({ #e ::gen_runtime::__private::failed::<(), (), ()>() });
        }
    };
    let mut errors = Errors::default();
    let marks = used_marks(&block);
    let inputs: syn::punctuated::Punctuated<syn::FnArg, syn::Token![,]> =
        normalize::captures(&block)
            .into_iter()
            .map(|name| -> syn::FnArg {
                if name == "self" {
                    syn::parse_quote!(self)
                } else {
                    syn::parse_quote!(mut #name: _)
                }
            })
            .collect();
    let mut sig = Signature {
        kind,
        yield_ty: None,
        return_ty: Some(syn::parse_quote!(())),
        resume_ty: Some(syn::parse_quote!(())),
        krate: krate.clone(),
        resume_name: None,
        boxed: false,
        ret_span: proc_macro2::Span::call_site(),
    };
    // A yield in a match guard or a macro's arguments is not one of `body.yields` when the
    // body keeps its locals in place.
    let yields_anywhere = crate::tokens::suspension_in_tokens(block.to_token_stream(), false)
        .is_some_and(|(_, what)| what != ".await");
    let (body, _) = normalize::normalize(&sig, &inputs, block, &mut errors);
    if kind == Kind::Stream && body.yields == body.pending.len() && !yields_anywhere {
        // A stream that never yields: its items are `()`, as async-stream's are.
        sig.yield_ty = Some(syn::parse_quote!(()));
    }
    let cfg = crate::cfg::build(&body);
    let live = crate::dataflow::analyze(&body, &cfg);
    if !errors.is_empty() {
        let errors = errors.into_compile_errors();
        return quote!({ #errors #(#marks)* #krate::__private::failed::<(), _, ()>() });
    }
    if body.frame || live.frame {
        let inner = crate::coroutine::generator(&body, &sig, true);
        return quote!({ #(#marks)* #inner });
    }
    let name = if kind == Kind::Stream {
        "__GenStreamState"
    } else {
        "__GenIterState"
    };
    let enum_ident = Ident::new(name, Span::mixed_site());
    let inner = Emitter::new(&body, &live, &sig, enum_ident).generator();
    quote!({ #(#marks)* #inner })
}

/// Statements, as the inside of a block, after an optional `crate = path;` naming the
/// runtime (for crates that re-export it).
struct StmtsBlock {
    krate: Option<syn::Path>,
    block: syn::Block,
}

impl Parse for StmtsBlock {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let krate = if input.peek(syn::Token![crate]) && input.peek2(syn::Token![=]) {
            input.parse::<syn::Token![crate]>()?;
            input.parse::<syn::Token![=]>()?;
            let path = input.call(syn::Path::parse_mod_style)?;
            input.parse::<syn::Token![;]>()?;
            Some(path)
        } else {
            None
        };
        let stmts = syn::Block::parse_within(input)?;
        Ok(StmtsBlock {
            krate,
            block: syn::Block {
                brace_token: Default::default(),
                stmts,
            },
        })
    }
}

/// A free fn, method or trait-impl method: attributes, visibility, signature, body.
pub struct GenFn {
    attrs: Vec<syn::Attribute>,
    vis: syn::Visibility,
    defaultness: Option<syn::Token![default]>,
    sig: syn::Signature,
    block: syn::Block,
}

impl Parse for GenFn {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(syn::Attribute::parse_outer)?;
        let vis = input.parse()?;
        let defaultness = input.parse()?;
        let sig: syn::Signature = input.parse()?;
        if let Some(semi) = input.parse::<Option<syn::Token![;]>>()? {
            return Err(syn::Error::new(
                semi.span,
                "a generator needs a body: put `#[generator]` on the method in the `impl` \
                 block, and declare the trait's method as returning `impl Iterator<Item = T>` \
                 (or `impl Generator<…>`) without the attribute",
            ));
        }
        let block = input.parse()?;
        Ok(GenFn {
            attrs,
            vis,
            defaultness,
            sig,
            block,
        })
    }
}

fn expand_fn(attr: Attr, f: GenFn, mut errors: Errors) -> TokenStream {
    let sig_info = args::signature(attr, &f.sig, &mut errors);
    if let Some(a) = &f.sig.asyncness {
        errors.error(
            a.span,
            "a generator fn cannot be `async`: remove `async` and return \
             `impl Stream<Item = T>`, and the body may `.await` (an async generator is a stream)",
        );
    }
    if let Some(c) = &f.sig.constness {
        errors.error(
            c.span,
            "a generator fn cannot be `const`: remove `const` (creating a generator runs no \
             code, so there is nothing to evaluate at compile time)",
        );
    }
    let marks = used_marks(&f.block);
    let Some(sig_info) = sig_info else {
        return fallback(&f, errors, None, &marks);
    };
    let (body, params) =
        normalize::normalize(&sig_info, &f.sig.inputs, f.block.clone(), &mut errors);
    let cfg = crate::cfg::build(&body);
    let live = crate::dataflow::analyze(&body, &cfg);
    if !errors.is_empty() {
        return fallback(&f, errors, Some(&sig_info), &marks);
    }
    // At the function's name: rustc's notes on the state ("required because it appears
    // within the type `__FooState<…>`") land there, not on the attribute.
    let enum_ident = format_ident!(
        "__{}State",
        pascal(&f.sig.ident.to_string()),
        span = Span::mixed_site().located_at(f.sig.ident.span())
    );
    let inner = if body.frame || live.frame {
        crate::coroutine::generator(&body, &sig_info, false)
    } else {
        Emitter::new(&body, &live, &sig_info, enum_ident).generator()
    };
    let GenFn {
        attrs,
        vis,
        defaultness,
        mut sig,
        ..
    } = f;
    sig.inputs = params.inputs.into_iter().collect();
    quote! {
        #(#attrs)*
        #vis #defaultness #sig {
            #(#marks)*
            #inner
        }
    }
}

/// On error: the errors, plus the fn with its signature and a body that type-checks as
/// any return type, so the caller sees one error, not a cascade.
fn fallback(
    f: &GenFn,
    errors: Errors,
    sig_info: Option<&Signature>,
    marks: &[TokenStream],
) -> TokenStream {
    let GenFn {
        attrs,
        vis,
        defaultness,
        sig,
        ..
    } = f;
    let errors = errors.into_compile_errors();
    let body = match sig_info {
        Some(s) => {
            let krate = &s.krate;
            let r = ty_or_infer(s.resume_ty.as_ref());
            let y = ty_or_infer(s.yield_ty.as_ref());
            let t = ty_or_infer(s.return_ty.as_ref());
            boxed_as_declared(s, quote!(#krate::__private::failed::<#r, #y, #t>()))
        }
        // `impl Iterator` with no `Item`, say: a never-running stand-in that has every kind
        // (resumed with the generator's resume type, when one is written).
        None if matches!(&f.sig.output, syn::ReturnType::Type(_, t) if matches!(**t, syn::Type::ImplTrait(_))) =>
        {
            let r = match &f.sig.output {
                syn::ReturnType::Type(_, t) => args::resume_type(t),
                syn::ReturnType::Default => None,
            };
            let r = r.map_or_else(|| quote!(()), ToTokens::into_token_stream);
            quote!(::gen_runtime::__private::failed::<#r, (), ()>())
        }
        None => quote!(::core::unreachable!()),
    };
    let mut sig = sig.clone();
    // The stand-in body is not `const`, nor its type wrong in ways already reported.
    sig.constness = None;
    if let syn::ReturnType::Type(_, ty) = &mut sig.output {
        args::sanitize(ty);
    }
    // Patterns in parameters might be what failed; plain names keep the signature valid.
    for (i, input) in sig.inputs.iter_mut().enumerate() {
        if let syn::FnArg::Typed(t) = input {
            if !matches!(&*t.pat, Pat::Ident(_)) {
                let name = format_ident!("_arg{}", i, span = Span::mixed_site());
                *t.pat = syn::parse_quote!(#name);
            } else if let Pat::Ident(p) = &mut *t.pat {
                p.mutability = None;
                let name = format_ident!(
                    "_{}",
                    p.ident.to_string().trim_start_matches("r#"),
                    span = p.ident.span()
                );
                p.ident = name;
            }
        }
    }
    quote! {
        #errors
        #(#attrs)*
        #[allow(unreachable_code, clippy::diverging_sub_expression)]
        #vis #defaultness #sig {
            #(#marks)*
            #body
        }
    }
}

/// `yield_! { @mark }` for each distinct path the body invokes the macros by, so the
/// user's `use gen_runtime::yield_;` counts as used.
fn used_marks(block: &syn::Block) -> Vec<TokenStream> {
    struct Marks(BTreeMap<String, syn::Path>);
    impl<'a> syn::visit::Visit<'a> for Marks {
        fn visit_item(&mut self, _: &'a syn::Item) {}
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            if scope::yield_macro(mac).is_some() {
                self.0
                    .entry(mac.path.to_token_stream().to_string())
                    .or_insert_with(|| mac.path.clone());
            } else {
                // `println!("{}", yield_!(x))` is an error of its own; the import is used.
                self.tokens(mac.tokens.clone());
            }
        }
    }
    impl Marks {
        /// `yield_!`/`yield_from!` invocations in raw tokens, with the path before the `!`.
        fn tokens(&mut self, tokens: TokenStream) {
            let trees: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
            for (i, tt) in trees.iter().enumerate() {
                if let proc_macro2::TokenTree::Group(g) = tt {
                    self.tokens(g.stream());
                    continue;
                }
                let bang = matches!(trees.get(i + 1), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '!');
                let is_yield = matches!(tt, proc_macro2::TokenTree::Ident(id) if id == "yield_" || id == "yield_from");
                if !(bang && is_yield) {
                    continue;
                }
                // Walk back over `a::b::` to the start of the path.
                let mut start = i;
                while start >= 3
                    && matches!(&trees[start - 1], proc_macro2::TokenTree::Punct(p) if p.as_char() == ':')
                    && matches!(&trees[start - 2], proc_macro2::TokenTree::Punct(p) if p.as_char() == ':')
                    && matches!(&trees[start - 3], proc_macro2::TokenTree::Ident(_))
                {
                    start -= 3;
                }
                let path: TokenStream = trees[start..=i].iter().cloned().collect();
                if let Ok(path) = syn::parse2::<syn::Path>(path) {
                    self.0
                        .entry(path.to_token_stream().to_string())
                        .or_insert(path);
                }
            }
        }
    }
    let mut marks = Marks(BTreeMap::new());
    syn::visit::Visit::visit_block(&mut marks, block);
    marks
        .0
        .values()
        .map(|path| quote!(#path! { @__gen_runtime_mark_used }))
        .collect()
}

fn pascal(name: &str) -> String {
    let name = name.trim_start_matches("r#");
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Malformed or unusual input never panics: it expands to tokens that parse as items
    /// (a `compile_error!` beside the fn when something is wrong).
    #[test]
    fn never_panics_on_odd_input() {
        let cases = [
            quote!(
                fn f() -> impl Iterator<Item = u8> {
                    yield_!();
                }
            ),
            quote!(
                fn f() -> impl Iterator<Item = u8> {
                    yield_!(,);
                }
            ),
            quote!(
                fn f() -> impl Iterator<Item = u8> {
                    let r#type = 1;
                    yield_!(r#type);
                    yield_!(r#type);
                }
            ),
            quote!(
                async fn f() -> impl Iterator<Item = u8> {
                    yield_!(1);
                }
            ),
            quote!(
                fn f() {
                    yield_!(1);
                }
            ),
            quote!(
                fn f() -> Box<dyn Iterator<Item = u8>> {
                    yield_!(1);
                }
            ),
            quote!(
                fn f() -> impl Iterator {
                    yield_!(1);
                }
            ),
            quote!(
                fn f() -> impl Iterator<Item = u8> {
                    break;
                    yield_!(1);
                    continue 'nowhere;
                }
            ),
            quote!(
                fn f() -> impl Iterator<Item = u8> {
                    let f = || yield_!(1);
                    match x {
                        _ if yield_!(2) => {}
                    }
                }
            ),
            quote!(
                fn f() -> impl Iterator<Item = u8> {
                    println!("{}", yield_!(1));
                }
            ),
            quote!(
                fn f((a, b): (u8, u8), _: u8) -> impl Iterator<Item = u8> {
                    yield_!(a);
                    yield_!(b);
                }
            ),
            quote!(
                fn f() -> impl Generator<Yield = u8> {
                    yield_from!(g());
                }
            ),
            quote!(
                fn f() -> impl Iterator<Item = u8> {
                    'a: {
                        if c {
                            break 'a;
                        }
                        yield_!(1);
                    }
                }
            ),
        ];
        for case in cases {
            let out = expand_attribute(TokenStream::new(), case.clone());
            if let Err(e) = syn::parse2::<syn::File>(out.clone()) {
                panic!("expansion of `{case}` does not parse ({e}):\n{out}");
            }
        }
        assert!(syn::parse2::<syn::File>(expand_attribute(
            quote!(bogus),
            quote!(
                fn f() {}
            )
        ))
        .is_ok());
        assert!(syn::parse2::<syn::File>(expand_gen_fn(quote!(fn))).is_ok());
    }
}
