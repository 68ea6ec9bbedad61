//! Emission for a body whose locals stay in place ([`Body::frame`]): the body as written,
//! as an `async` block that the runtime drives, each suspension point an `.await`.
//!
//! ```text
//! fn lines(text: String) -> impl Iterator<Item = String> {
//!     co_gen::<(), String, _, _, _>((text,), move |(text,), __co| async move {
//!         let text = text;
//!         for line in text.lines() { Co::yield_(&__co, line.to_uppercase()).await; }
//!     })
//! }
//! ```
//!
//! rustc compiles the block as it compiles any `async` block: borrows of its own locals
//! across suspension points, drops, temporaries and closures are plain Rust's, checked by
//! rustc's own borrow checker. The runtime keeps a stream's block inline (a stream is
//! pinned) and boxes an iterator's or a `Generator`'s once, at its first resume.

use crate::args::{Kind, Signature};
use crate::ir::Body;
use crate::scope::{self, YieldMacro};
use crate::tokens;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Stmt};

/// The expression the generated fn returns. `captures`: the expression forms
/// (`gen_iter!`, `gen_stream!`), whose `move` closure captures what the body uses, as
/// `async move` does, rather than taking parameters.
pub fn generator(body: &Body, sig: &Signature, captures: bool) -> TokenStream {
    let krate = &sig.krate;
    let co = Ident::new("__co", Span::mixed_site());
    let mut block = body.source.clone();
    let mut rewrite = Rewrite {
        kind: sig.kind,
        krate,
        co: &co,
        tries: None,
    };
    rewrite.visit_block_mut(&mut block);
    let (fields, values, lets): (Vec<&Ident>, Vec<&TokenStream>, Vec<TokenStream>) = if captures {
        // `self` is `__self` in the body.
        let this = body
            .params
            .iter()
            .any(|(_, v)| v.to_string() == "self")
            .then(|| {
                let this = scope::self_ident(Span::call_site());
                quote!(let #this = self;)
            });
        (Vec::new(), Vec::new(), this.into_iter().collect())
    } else {
        let lets = body.param_lets.iter().map(|(pat, field)| {
            quote! {
                #[allow(unused_mut, unused_variables, clippy::used_underscore_binding)]
                let #pat = #field;
            }
        });
        (
            body.params.iter().map(|(f, _)| f).collect(),
            body.params.iter().map(|(_, v)| v).collect(),
            lets.collect(),
        )
    };
    let resume = body
        .resume
        .as_ref()
        .map(|name| quote!(let #name = #krate::__private::Co::first(&#co).await;));
    let stmts = &block.stmts;
    // With `?` in a stream, the block ends `Ok(())`: an error ends the stream with
    // `Err(e)` as its last item.
    let inner = if let (Kind::Stream, Some(at)) = (sig.kind, rewrite.tries) {
        let krate_at = tokens::respan(krate.clone(), at);
        let end = quote_spanned!(at=> #krate_at::__private::Co::end(&#co, ::core::result::Result::Ok(())));
        quote! {
            { #(#stmts)* }
            #[allow(unreachable_code)]
            #end
        }
    } else {
        quote!(#(#stmts)*)
    };
    let y = ty_or_infer(sig.yield_ty.as_ref());
    let constructor = match sig.kind {
        Kind::Iterator => quote!(co_gen::<(), #y, _, _, _>),
        Kind::Generator => {
            let r = ty_or_infer(sig.resume_ty.as_ref());
            quote!(co_gen::<#r, #y, _, _, _>)
        }
        Kind::Stream => quote!(co_stream::<#y, _, _, _>),
    };
    // What borrowck says about the body as a whole lands on the user's code: the end of
    // the `async` block (where its locals drop) at the body's closing brace, the handle
    // (whose type holds the yielded type's lifetimes) at the return type.
    let mut frame = proc_macro2::Group::new(
        proc_macro2::Delimiter::Brace,
        quote! {
            #resume
            #(#lets)*
            #inner
        },
    );
    frame.set_span(body.end);
    let mut co_param = co.clone();
    co_param.set_span(co.span().located_at(sig.ret_span));
    let call = quote! {
        #krate::__private::#constructor(
            (#(#values,)*),
            move |(#(#fields,)*), #co_param| async move #frame,
        )
    };
    let value = match (sig.boxed, sig.kind) {
        (false, _) => call,
        (true, Kind::Stream) => quote!(#krate::__private::Box::pin(#call)),
        (true, _) => quote!(#krate::__private::Box::new(#call)),
    };
    let value = tokens::respan_outside(value, sig.ret_span);
    if sig.kind == Kind::Stream {
        return value;
    }
    // Clippy's lints about values held across an `.await` would speak of awaits the user
    // did not write: in an iterator or a `Generator` each is a yield.
    let held = Ident::new("__generator", Span::mixed_site());
    let tail = tokens::respan_outside(quote!(#held), sig.ret_span);
    quote! {{
        #[allow(
            clippy::await_holding_lock,
            clippy::await_holding_refcell_ref,
            clippy::await_holding_invalid_type
        )]
        let #held = #value;
        #tail
    }}
}

fn ty_or_infer(ty: Option<&syn::Type>) -> TokenStream {
    ty.map_or_else(|| quote!(_), quote::ToTokens::to_token_stream)
}

/// Rewrites each suspension point of the body into an `.await` of the runtime's yield.
struct Rewrite<'a> {
    kind: Kind,
    krate: &'a TokenStream,
    co: &'a Ident,
    /// The body's first `?` of its own.
    tries: Option<Span>,
}

impl Rewrite<'_> {
    /// `Co::yield_(&__co, value).await`, spanned at the value.
    fn yield_(&self, value: &Expr) -> Expr {
        let (krate, co) = (self.krate, self.co);
        let span = value.span();
        let krate = tokens::respan(krate.clone(), span);
        syn::parse_quote_spanned!(span=> #krate::__private::Co::yield_(&#co, #value).await)
    }

    /// `yield_from!(source)`: every item of an iterator or a stream; a `Generator`'s yields
    /// with the resume arguments passed through, evaluating to its return value.
    fn yield_from(&self, source: &Expr) -> Expr {
        let krate = self.krate;
        let span = source.span();
        let krate_here = tokens::respan(krate.clone(), span);
        let item = Ident::new("__item", Span::mixed_site());
        let each = self.yield_(&syn::parse_quote!(#item));
        match self.kind {
            Kind::Iterator => Expr::ForLoop(scope::for_loop(
                syn::parse_quote!(#item),
                source.clone(),
                syn::parse_quote!({ #each; }),
            )),
            Kind::Stream => {
                let pinned = Ident::new("__inner", Span::mixed_site());
                syn::parse_quote! {{
                    let mut #pinned = ::core::pin::pin!(
                        #krate_here::__private::stream_source(#source)
                    );
                    while let #krate::__private::Some(#item) =
                        #krate::__private::next_item(#pinned.as_mut()).await
                    {
                        #each;
                    }
                }}
            }
            Kind::Generator => {
                let (inner, sent) = (
                    Ident::new("__inner", Span::mixed_site()),
                    Ident::new("__sent", Span::mixed_site()),
                );
                let done = Ident::new("__done", Span::mixed_site());
                let y = Ident::new("__delegated", Span::mixed_site());
                let each = self.yield_(&syn::parse_quote!(#y));
                syn::parse_quote_spanned! {span=> {
                    let mut #inner = #source;
                    let mut #sent = #krate_here::__private::first_resume();
                    loop {
                        match #krate_here::Generator::resume(&mut #inner, #sent) {
                            #krate::__private::GeneratorState::Yielded(#y) => #sent = #each,
                            #krate::__private::GeneratorState::Complete(#done) => break #done,
                        }
                    }
                }}
            }
        }
    }

    /// The expression a suspension macro stands for, if `mac` is one.
    fn suspension(&mut self, mac: &syn::Macro) -> Option<Expr> {
        let which = scope::yield_macro(mac)?;
        let mut value: Expr = if mac.tokens.is_empty() {
            let span = mac.path.span();
            syn::parse_quote_spanned!(span=> ())
        } else {
            // A malformed argument was reported by normalize; this is not reached then.
            mac.parse_body().ok()?
        };
        self.visit_expr_mut(&mut value);
        Some(match which {
            YieldMacro::Yield => self.yield_(&value),
            YieldMacro::YieldFrom => self.yield_from(&value),
        })
    }
}

impl VisitMut for Rewrite<'_> {
    // Their own scopes: yields there were reported; `?` and `return` there are theirs.
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_expr_async_mut(&mut self, _: &mut syn::ExprAsync) {}
    fn visit_expr_const_mut(&mut self, _: &mut syn::ExprConst) {}

    fn visit_stmt_mut(&mut self, stmt: &mut Stmt) {
        if let Stmt::Macro(m) = stmt {
            if let Some(e) = self.suspension(&m.mac) {
                let semi = m.semi_token.unwrap_or_default();
                *stmt = Stmt::Expr(e, Some(semi));
                return;
            }
        }
        visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Macro(m) => match self.suspension(&m.mac) {
                Some(e) => *expr = e,
                None => visit_mut::visit_expr_macro_mut(self, m),
            },
            Expr::Yield(y) => {
                let value: Expr = match y.expr.take() {
                    Some(mut v) => {
                        self.visit_expr_mut(&mut v);
                        *v
                    }
                    None => syn::parse_quote_spanned!(y.yield_token.span=> ()),
                };
                *expr = self.yield_(&value);
            }
            Expr::Try(t) => {
                self.tries.get_or_insert(t.question_token.span);
                visit_mut::visit_expr_try_mut(self, t);
            }
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    /// A stream's yields inside another macro's arguments (`tokio::select!` arms): the
    /// same await, in the tokens the macro expands in place.
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        if !scope::is_generator_macro(mac) {
            mac.tokens = self.yields_in_tokens(std::mem::take(&mut mac.tokens));
        }
    }
}

impl Rewrite<'_> {
    /// `yield_!(v)` and `yield v` (up to the next `,` or `;` at its level) in raw tokens.
    fn yields_in_tokens(&mut self, tokens: TokenStream) -> TokenStream {
        use proc_macro2::{Delimiter, Group, TokenTree};
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out: Vec<TokenTree> = Vec::with_capacity(trees.len());
        let mut i = 0;
        while i < trees.len() {
            let after_dot =
                i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '.');
            // `yield_from!(source)`: the loop it stands for, which the macro's expansion
            // runs in place like the rest of its arguments.
            if let (TokenTree::Ident(id), Some(TokenTree::Punct(bang)), Some(TokenTree::Group(g))) =
                (&trees[i], trees.get(i + 1), trees.get(i + 2))
            {
                if id == "yield_from" && bang.as_char() == '!' && !after_dot {
                    let source = self.yields_in_tokens(g.stream());
                    if let Ok(source) = syn::parse2::<Expr>(source) {
                        let delegation = self.yield_from(&source);
                        out.push(TokenTree::Group(Group::new(
                            Delimiter::Parenthesis,
                            quote::ToTokens::into_token_stream(delegation),
                        )));
                        i += 3;
                        continue;
                    }
                }
            }
            let value = match (&trees[i], trees.get(i + 1), trees.get(i + 2)) {
                (TokenTree::Ident(id), Some(TokenTree::Punct(bang)), Some(TokenTree::Group(g)))
                    if id == "yield_" && bang.as_char() == '!' && !after_dot =>
                {
                    i += 3;
                    Some(g.stream())
                }
                (TokenTree::Ident(id), _, _) if id == "yield" && !after_dot => {
                    let end = trees[i + 1..]
                        .iter()
                        .position(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',' || p.as_char() == ';'))
                        .map_or(trees.len(), |p| i + 1 + p);
                    let value: TokenStream = trees[i + 1..end].iter().cloned().collect();
                    i = end;
                    Some(value)
                }
                _ => None,
            };
            if let Some(value) = value {
                // Tokens, not parsed: a macro's arguments need not be expressions.
                let value = self.yields_in_tokens(value);
                let value = if value.is_empty() { quote!(()) } else { value };
                let (krate, co) = (self.krate, self.co);
                out.push(TokenTree::Group(Group::new(
                    Delimiter::Parenthesis,
                    quote!(#krate::__private::Co::yield_(&#co, (#value)).await),
                )));
                continue;
            }
            out.push(match &trees[i] {
                TokenTree::Group(g) => {
                    let mut ng = Group::new(g.delimiter(), self.yields_in_tokens(g.stream()));
                    ng.set_span(g.span());
                    TokenTree::Group(ng)
                }
                other => other.clone(),
            });
            i += 1;
        }
        out.into_iter().collect()
    }
}
