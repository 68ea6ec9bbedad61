//! The attribute and the signature → what kind of generator to build.
//!
//! ```text
//! #[generator(crate = my::rt, resume = first)]
//! fn f(..) -> impl Generator<u32, Yield = u8, Return = bool>
//! // gives
//! Signature { kind: Generator, resume: u32, yield_ty: u8, return_ty: bool, krate: my::rt, .. }
//! ```

use crate::diagnostics::Errors;
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::parse::{Parse, ParseStream};
use syn::{GenericArgument, PathArguments, ReturnType, Token, Type, TypeParamBound};

/// What `#[generator(…)]` says.
#[derive(Default)]
pub struct Attr {
    pub krate: Option<syn::Path>,
    pub resume: Option<syn::Ident>,
}

impl Parse for Attr {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut attr = Attr::default();
        while !input.is_empty() {
            let key: syn::Ident = input.call(syn::ext::IdentExt::parse_any)?;
            let name = key.to_string();
            if name != "crate" && name != "resume" {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown `generator` argument `{key}`: expected `crate = path` or `resume = name`"),
                ));
            }
            let form = if name == "crate" {
                "`crate = path`"
            } else {
                "`resume = name`"
            };
            if !input.peek(Token![=]) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("expected {form}: `{key}` needs a value"),
                ));
            }
            input.parse::<Token![=]>()?;
            let duplicate = || {
                syn::Error::new(
                    key.span(),
                    format!("duplicate `{key}` argument: give {form} once"),
                )
            };
            if name == "crate" {
                if attr.krate.is_some() {
                    return Err(duplicate());
                }
                attr.krate = Some(input.parse()?);
            } else {
                if attr.resume.is_some() {
                    return Err(duplicate());
                }
                attr.resume = Some(input.parse()?);
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(attr)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Iterator,
    Generator,
    /// An async generator: `.await` suspends too, resumed with the task's `Context`.
    Stream,
}

impl Kind {
    /// The trait the return type names.
    pub fn trait_name(self) -> &'static str {
        match self {
            Kind::Iterator => "Iterator",
            Kind::Generator => "Generator",
            Kind::Stream => "Stream",
        }
    }

    /// The kind in a sentence: "an iterator", "a `Generator`", "a stream".
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Iterator => "an iterator",
            Kind::Generator => "a `Generator`",
            Kind::Stream => "a stream",
        }
    }
}

/// The types the emitted code names; `None` where the user's type is not nameable
/// inside a body (it contains `impl Trait` or `_`), so inference fills it in.
pub struct Signature {
    pub kind: Kind,
    pub yield_ty: Option<Type>,
    pub return_ty: Option<Type>,
    pub resume_ty: Option<Type>,
    pub krate: TokenStream,
    pub resume_name: Option<syn::Ident>,
    /// `Box<dyn …>` (`Pin<Box<dyn Stream …>>`): the state machine is boxed (recursive
    /// generators).
    pub boxed: bool,
    /// Where the return type is written: what rustc says about the returned value as a
    /// whole (not `Send`, capturing a lifetime) is said there.
    pub ret_span: proc_macro2::Span,
}

const EXPECTED: &str = "expected `impl Iterator<Item = T>`, `impl Generator<R, Yield = Y, Return = T>`, `impl Stream<Item = T>` or one of them boxed (`Box<dyn Iterator<…>>`, `Pin<Box<dyn Stream<…>>>`) as the return type of a generator";

pub fn signature(attr: Attr, sig: &syn::Signature, errors: &mut Errors) -> Option<Signature> {
    let krate = attr
        .krate
        .map_or_else(|| quote!(::gen_runtime), |p| p.to_token_stream());
    let ty = match &sig.output {
        ReturnType::Type(_, ty) => ty,
        ReturnType::Default => {
            errors.error(
                sig.ident.span(),
                format!("{EXPECTED}; this fn returns `()`: add `-> impl Iterator<Item = T>`"),
            );
            return None;
        }
    };
    let (kind, args, boxed) = match classify(ty) {
        Some(found) => found,
        None => {
            // A box of the wrong shape: say which shape the kind takes.
            let message = match boxed_trait(ty).map(|(pinned, kind, _)| (pinned, kind)) {
                Some((false, Kind::Stream)) => "a boxed stream must be pinned to be polled: \
                    write `Pin<Box<dyn Stream<Item = T> + '_>>`"
                    .to_owned(),
                Some((true, _)) => "only a boxed stream is pinned: write `Box<dyn Iterator<Item \
                    = T> + '_>` (or `Box<dyn Generator<…>>`) without `Pin`"
                    .to_owned(),
                _ => format!("{EXPECTED}, written out: a type alias is not seen through"),
            };
            errors.error_spanned(ty, message);
            return None;
        }
    };
    let mut sig = Signature {
        kind,
        yield_ty: None,
        return_ty: None,
        resume_ty: None,
        krate,
        resume_name: attr.resume,
        boxed,
        ret_span: syn::spanned::Spanned::span(&**ty),
    };
    let mut yield_seen = false;
    let mut resume_seen = false;
    let mut unexpected = false;
    for arg in args {
        match arg {
            GenericArgument::AssocType(a)
                if (a.ident == "Item" && kind != Kind::Generator)
                    || (a.ident == "Yield" && kind == Kind::Generator) =>
            {
                yield_seen = true;
                sig.yield_ty = nameable(&a.ty);
            }
            GenericArgument::AssocType(a) if a.ident == "Return" && kind == Kind::Generator => {
                sig.return_ty = nameable(&a.ty);
                if sig.return_ty.is_none() {
                    errors.error_spanned(
                        &a.ty,
                        "a generator's `Return` type must be written out: replace `impl Trait` \
                         and `_` in it with the concrete type (`Return = u32`)",
                    );
                }
            }
            GenericArgument::Type(t) if kind == Kind::Generator && !resume_seen => {
                resume_seen = true;
                sig.resume_ty = nameable(t);
            }
            GenericArgument::Type(t) if kind != Kind::Generator => {
                unexpected = true;
                let name = kind.trait_name();
                errors.error_spanned(
                    t,
                    format!(
                        "`{name}` takes its item type by name: write `{name}<Item = {}>`",
                        t.to_token_stream()
                    ),
                );
            }
            GenericArgument::AssocType(a) if !valid_arg(kind, arg) => {
                unexpected = true;
                let fix = match kind {
                    Kind::Iterator => "an iterator names its items `Item = T`",
                    Kind::Stream => "a stream names its items `Item = T`",
                    Kind::Generator => {
                        "a generator names its yields `Yield = Y` and its result `Return = T`"
                    }
                };
                errors.error_spanned(
                    &a.ident,
                    format!(
                        "`{}` is not an associated type of this trait: {fix}",
                        a.ident
                    ),
                );
            }
            other => {
                unexpected = true;
                errors.error_spanned(other, format!("unexpected argument: {EXPECTED}"));
            }
        }
    }
    if unexpected {
        return None;
    }
    if !yield_seen {
        let name = if kind == Kind::Generator {
            "Yield"
        } else {
            "Item"
        };
        errors.error_spanned(ty, format!("missing `{name} = …`: {EXPECTED}"));
        return None;
    }
    if kind != Kind::Generator {
        // Where a tail value is said not to be `()`: "expected due to" the return type.
        let at = sig.ret_span;
        sig.return_ty = Some(syn::parse_quote_spanned!(at=> ()));
        sig.resume_ty = Some(syn::parse_quote!(()));
        if let Some(name) = &sig.resume_name {
            let what = kind.noun();
            errors.error(
                name.span(),
                format!(
                    "`resume = …` needs an `impl Generator<R, Yield = Y, Return = T>` return \
                     type: {what} is resumed with `()`, so there is no argument to bind; remove \
                     `resume = …`"
                ),
            );
        }
    } else {
        if sig.return_ty.is_none() {
            let at = sig.ret_span;
            sig.return_ty = Some(syn::parse_quote_spanned!(at=> ()));
        }
        if !resume_seen {
            sig.resume_ty = Some(syn::parse_quote!(()));
        }
    }
    Some(sig)
}

/// Finds `Iterator<…>` / `Generator<…>` / `Stream<…>` among the bounds of `impl …`,
/// `Box<dyn …>` or (streams) `Pin<Box<dyn …>>`.
fn classify(ty: &Type) -> Option<(Kind, Vec<&GenericArgument>, bool)> {
    match ty {
        Type::ImplTrait(imp) => {
            let (kind, args) = trait_of(&imp.bounds)?;
            Some((kind, args, false))
        }
        // `Pin<Box<dyn Stream …>>` for streams, `Box<dyn …>` for the others.
        _ => {
            let (pinned, kind, args) = boxed_trait(ty)?;
            (pinned == (kind == Kind::Stream)).then_some((kind, args, true))
        }
    }
}

/// `Box<dyn Trait…>` or `Pin<Box<dyn Trait…>>` of a generator trait: whether it is
/// pinned, the kind and the trait's arguments.
fn boxed_trait(ty: &Type) -> Option<(bool, Kind, Vec<&GenericArgument>)> {
    let (pinned, inner) = match single_arg(ty, "Pin") {
        Some(inner) => (true, inner),
        None => (false, ty),
    };
    let Type::TraitObject(obj) = single_arg(inner, "Box")? else {
        return None;
    };
    let (kind, args) = trait_of(&obj.bounds)?;
    Some((pinned, kind, args))
}

/// `T` of `Name<T>` (by any path).
fn single_arg<'t>(ty: &'t Type, name: &str) -> Option<&'t Type> {
    let Type::Path(p) = ty else {
        return None;
    };
    let last = p.path.segments.last().filter(|_| p.qself.is_none())?;
    if last.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(a) = &last.arguments else {
        return None;
    };
    match a.args.first()? {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

/// The generator trait among `bounds`, with its arguments.
fn trait_of(
    bounds: &syn::punctuated::Punctuated<TypeParamBound, syn::Token![+]>,
) -> Option<(Kind, Vec<&GenericArgument>)> {
    bounds.iter().find_map(|bound| {
        let TypeParamBound::Trait(t) = bound else {
            return None;
        };
        let last = t.path.segments.last()?;
        let kind = trait_kind(&last.ident)?;
        let args = match &last.arguments {
            PathArguments::AngleBracketed(a) => a.args.iter().collect(),
            _ => Vec::new(),
        };
        Some((kind, args))
    })
}

/// The kind a return-type trait names: `Iterator`, `Generator` or `Stream`, or the fused
/// flavours the first and last also implement (by any path).
fn trait_kind(ident: &syn::Ident) -> Option<Kind> {
    if ident == "Iterator" || ident == "FusedIterator" {
        Some(Kind::Iterator)
    } else if ident == "Generator" {
        Some(Kind::Generator)
    } else if ident == "Stream" || ident == "FusedStream" {
        Some(Kind::Stream)
    } else {
        None
    }
}

fn valid_arg(kind: Kind, arg: &GenericArgument) -> bool {
    match arg {
        GenericArgument::AssocType(a) => matches!(
            (kind, a.ident.to_string().as_str()),
            (Kind::Iterator | Kind::Stream, "Item") | (Kind::Generator, "Yield" | "Return")
        ),
        GenericArgument::Type(_) => kind == Kind::Generator,
        _ => false,
    }
}

/// Drops the arguments [`signature`] rejected from an `impl Iterator`/`impl Generator`
/// return type, so the stand-in fn beside the error adds no second error of rustc's.
pub fn sanitize(ty: &mut Type) {
    let bounds = match ty {
        Type::ImplTrait(imp) => &mut imp.bounds,
        _ => return,
    };
    for bound in bounds.iter_mut() {
        let TypeParamBound::Trait(t) = bound else {
            continue;
        };
        let Some(last) = t.path.segments.last_mut() else {
            continue;
        };
        let Some(kind) = trait_kind(&last.ident) else {
            continue;
        };
        if let PathArguments::AngleBracketed(a) = &mut last.arguments {
            a.args = std::mem::take(&mut a.args)
                .into_iter()
                .filter(|arg| valid_arg(kind, arg))
                .collect();
            if a.args.is_empty() {
                last.arguments = PathArguments::None;
            }
        }
    }
}

/// The resume type `R` of an `impl Generator<R, …>` return type, if one is written (for
/// the stand-in body beside an error elsewhere in the signature).
pub fn resume_type(ty: &Type) -> Option<Type> {
    match classify(ty)? {
        (Kind::Generator, args, _) => args.into_iter().find_map(|a| match a {
            GenericArgument::Type(t) => nameable(t),
            _ => None,
        }),
        (Kind::Iterator | Kind::Stream, ..) => None,
    }
}

/// The type if it can be written inside the body, `None` if it hides an `impl Trait`.
fn nameable(ty: &Type) -> Option<Type> {
    struct Finder(bool);
    impl<'a> syn::visit::Visit<'a> for Finder {
        fn visit_type_impl_trait(&mut self, _: &'a syn::TypeImplTrait) {
            self.0 = true;
        }
        fn visit_type_infer(&mut self, _: &'a syn::TypeInfer) {
            self.0 = true;
        }
    }
    let mut f = Finder(false);
    syn::visit::Visit::visit_type(&mut f, ty);
    (!f.0).then(|| ty.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(ret: TokenStream) -> Result<(Kind, String, String, String), String> {
        let sig: syn::Signature = syn::parse2(quote!(fn f() #ret)).unwrap();
        let mut errors = Errors::default();
        let sig = signature(Attr::default(), &sig, &mut errors);
        let text = |t: &Option<Type>| {
            t.as_ref()
                .map_or("_".to_owned(), |t| t.to_token_stream().to_string())
        };
        match sig {
            Some(s) if errors.is_empty() => Ok((
                s.kind,
                text(&s.resume_ty),
                text(&s.yield_ty),
                text(&s.return_ty),
            )),
            _ => Err(errors.into_compile_errors().to_string()),
        }
    }

    #[test]
    fn return_type_picks_the_kind() {
        let k = kind_of(quote!(-> impl Iterator<Item = u64> + '_)).unwrap();
        assert_eq!(k, (Kind::Iterator, "()".into(), "u64".into(), "()".into()));
        let k = kind_of(quote!(-> impl Generator<u32, Yield = &'a str, Return = bool>)).unwrap();
        assert_eq!(
            k,
            (
                Kind::Generator,
                "u32".into(),
                "& 'a str".into(),
                "bool".into()
            )
        );
        let k = kind_of(quote!(-> impl Generator<Yield = impl Display>)).unwrap();
        assert_eq!(k, (Kind::Generator, "()".into(), "_".into(), "()".into()));
        let k = kind_of(quote!(-> impl futures::Stream<Item = u8> + Send + '_)).unwrap();
        assert_eq!(k, (Kind::Stream, "()".into(), "u8".into(), "()".into()));
        let k = kind_of(quote!(-> Pin<Box<dyn Stream<Item = String> + 'a>>)).unwrap();
        assert_eq!(k, (Kind::Stream, "()".into(), "String".into(), "()".into()));
        let k = kind_of(quote!(-> impl FusedStream<Item = u8>)).unwrap();
        assert_eq!(k, (Kind::Stream, "()".into(), "u8".into(), "()".into()));
        let k = kind_of(quote!(-> impl core::iter::FusedIterator<Item = u8>)).unwrap();
        assert_eq!(k, (Kind::Iterator, "()".into(), "u8".into(), "()".into()));
    }

    #[test]
    fn boxes_of_the_wrong_shape_say_which_shape_the_kind_takes() {
        let err = kind_of(quote!(-> Box<dyn Stream<Item = u8>>)).unwrap_err();
        assert!(err.contains("must be pinned"), "{err}");
        let err = kind_of(quote!(-> Pin<Box<dyn Iterator<Item = u8>>>)).unwrap_err();
        assert!(err.contains("only a boxed stream is pinned"), "{err}");
        let err = kind_of(quote!(-> Pin<Box<u8>>)).unwrap_err();
        assert!(err.contains("impl Stream<Item = T>"), "{err}");
    }

    #[test]
    fn other_return_types_are_rejected_with_the_accepted_forms() {
        for ret in [
            quote!(-> Vec<u8>),
            quote!(),
            quote!(-> impl Iterator),
            quote!(-> Box<u8>),
        ] {
            let err = kind_of(ret).unwrap_err();
            assert!(err.contains("impl Iterator<Item = T>"), "{err}");
        }
    }

    #[test]
    fn misnamed_arguments_say_what_to_write_and_are_dropped_from_the_stand_in() {
        let err = kind_of(quote!(-> impl Iterator<u32>)).unwrap_err();
        assert!(err.contains("write `Iterator<Item = u32>`"), "{err}");
        let err = kind_of(quote!(-> impl Generator<u32, Item = u32>)).unwrap_err();
        assert!(err.contains("names its yields `Yield = Y`"), "{err}");
        assert!(!err.contains("missing"), "one error, not two: {err}");
        let mut ty: Type = syn::parse_quote!(impl Generator<u32, Item = u32, Return = u8> + Send);
        sanitize(&mut ty);
        assert_eq!(
            ty.to_token_stream().to_string(),
            quote!(impl Generator<u32, Return = u8> + Send).to_string()
        );
        let mut ty: Type = syn::parse_quote!(impl Iterator<u32>);
        sanitize(&mut ty);
        assert_eq!(ty.to_token_stream().to_string(), "impl Iterator");
    }

    #[test]
    fn attribute_arguments_need_a_value_and_come_once() {
        let err = |t: TokenStream| syn::parse2::<Attr>(t).err().map(|e| e.to_string());
        assert_eq!(
            err(quote!(resume)).as_deref(),
            Some("expected `resume = name`: `resume` needs a value")
        );
        assert_eq!(
            err(quote!(crate = a, crate = b)).as_deref(),
            Some("duplicate `crate` argument: give `crate = path` once")
        );
        assert_eq!(err(quote!(resume = r, crate = ::x)), None);
    }
}
