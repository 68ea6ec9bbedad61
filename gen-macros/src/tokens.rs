//! Walks of raw token streams, which syn does not parse: macro arguments and the tokens
//! the emitter has printed.
//!
//! ```text
//! mentions(`println!("{x}", y)`, "x") == true      (an inline format argument)
//! rename_tokens(`f(x, y)`, [x → x_1]) == `f(x_1, y)`
//! ```

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};

/// The first `yield_!`, `yield_from!` or `yield` in raw macro tokens, if any, and with
/// `awaits` the first `.await` outside an `async` block.
pub fn suspension_in_tokens(tokens: TokenStream, awaits: bool) -> Option<(Span, &'static str)> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    // `async { x.await }` in the tokens is a future of its own (`spawn!(async { … })`).
    let awaits = awaits
        && !trees
            .iter()
            .any(|t| matches!(t, TokenTree::Ident(id) if id == "async"));
    for (i, tt) in trees.iter().enumerate() {
        match tt {
            TokenTree::Ident(id)
                if awaits
                    && id == "await"
                    && i > 0
                    && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '.') =>
            {
                return Some((id.span(), ".await"));
            }
            TokenTree::Ident(id) => {
                let bang =
                    matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                if id == "yield_" && bang {
                    return Some((id.span(), "yield_!"));
                }
                if id == "yield_from" && bang {
                    return Some((id.span(), "yield_from!"));
                }
                if id == "yield" {
                    return Some((id.span(), "yield"));
                }
            }
            TokenTree::Group(g) => {
                if let Some(found) = suspension_in_tokens(g.stream(), awaits) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

/// The names a string literal's inline format arguments capture: `{name…}` arguments,
/// and `name$` widths and precisions inside a placeholder (`"{x} {y:?} {:w$}"`; `{{` is a
/// literal brace).
pub fn format_args_in(text: &str) -> Vec<String> {
    let is_name = |s: &str| {
        s.starts_with(|c: char| c == '_' || c.is_alphabetic())
            && s.chars().all(|c| c == '_' || c.is_alphanumeric())
    };
    let mut names = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '{' {
            continue;
        }
        if chars.peek() == Some(&'{') {
            chars.next();
            continue;
        }
        let mut placeholder = String::new();
        for c in chars.by_ref() {
            if c == '}' {
                break;
            }
            placeholder.push(c);
        }
        let (argument, spec) = placeholder.split_once(':').unwrap_or((&placeholder, ""));
        if is_name(argument.trim()) {
            names.push(argument.trim().to_owned());
        }
        // `{:width$}`, `{:.precision$}`: the name just before each `$`.
        for piece in spec.split('$').rev().skip(1) {
            let start = piece
                .rfind(|c: char| !(c == '_' || c.is_alphanumeric()))
                .map_or(0, |i| i + 1);
            if is_name(&piece[start..]) {
                names.push(piece[start..].to_owned());
            }
        }
    }
    names
}

/// The attribute `for await pat in s { … }` is rewritten to before parsing: syn (and
/// stable Rust) have no `for await`.
pub const FOR_AWAIT: &str = "__gen_for_await";

/// `for await` → `#[__gen_for_await] for`, in the tokens of `gen_fn!`, `gen_stream!` and
/// `gen_iter!` (where a stream loop is then reported), before they are parsed.
pub fn mark_for_await(tokens: TokenStream) -> TokenStream {
    let mut trees = tokens.into_iter().peekable();
    let mut out: Vec<TokenTree> = Vec::new();
    while let Some(tt) = trees.next() {
        match tt {
            TokenTree::Ident(f)
                if f == "for"
                    && matches!(trees.peek(), Some(TokenTree::Ident(a)) if a == "await") =>
            {
                let Some(TokenTree::Ident(a)) = trees.next() else {
                    unreachable!("peeked an identifier")
                };
                let attr = Ident::new(FOR_AWAIT, a.span());
                // Before its label, if it has one (`'l: for await …`).
                let labelled = out.len() >= 2
                    && matches!(&out[out.len() - 1], TokenTree::Punct(p) if p.as_char() == ':')
                    && matches!(&out[out.len() - 2], TokenTree::Ident(_))
                    && matches!(out.get(out.len().wrapping_sub(3)), Some(TokenTree::Punct(p)) if p.as_char() == '\'');
                let label: Vec<TokenTree> = if labelled {
                    out.split_off(out.len() - 3)
                } else {
                    Vec::new()
                };
                out.extend(quote::quote_spanned!(a.span()=> #[#attr]));
                out.extend(label);
                out.push(TokenTree::Ident(f));
            }
            // The group's stream is walked once the group is gone, so that it is not
            // shared (a shared stream is copied to be walked).
            TokenTree::Group(g) => {
                let (delimiter, span, stream) = (g.delimiter(), g.span(), g.stream());
                drop(g);
                let mut ng = Group::new(delimiter, mark_for_await(stream));
                ng.set_span(span);
                out.push(TokenTree::Group(ng));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// An expression's own tokens reported at `span`, what it contains left where it is:
/// the top-level tokens and the delimiters of its groups, not their contents. (rustc
/// reports an error about the value of `path(args)` as a whole from its first token to
/// its closing parenthesis.)
pub fn respan_outside(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tt| {
            match &mut tt {
                TokenTree::Group(g) => {
                    let mut ng = proc_macro2::Group::new(g.delimiter(), g.stream());
                    ng.set_span(g.span().located_at(span));
                    tt = TokenTree::Group(ng);
                }
                other => other.set_span(other.span().located_at(span)),
            }
            tt
        })
        .collect()
}

/// The same tokens with exactly `span` (resolution and place), recursively.
pub fn respan_all(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tt| {
            if let TokenTree::Group(g) = &tt {
                let mut ng = proc_macro2::Group::new(g.delimiter(), respan_all(g.stream(), span));
                ng.set_span(span);
                tt = TokenTree::Group(ng);
            } else {
                tt.set_span(span);
            }
            tt
        })
        .collect()
}

/// `{ expr }`, the braces at `span`: an argument that rustc reports at `span`, whatever
/// the tokens of `expr` (its value is `expr`'s, its temporaries end with it).
pub fn at_block(expr: syn::Expr, span: Span) -> syn::Expr {
    syn::Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block: syn::Block {
            brace_token: syn::token::Brace(span),
            stmts: vec![syn::Stmt::Expr(expr, None)],
        },
    })
}

/// `func({ arg })`, every token of it at `span` but `arg`'s own (see [`at_block`]).
/// (An `arg` that would not read back as a block's expression, as the bare path `crate`,
/// stays as it is.)
pub fn call_at(func: TokenStream, arg: syn::Expr, span: Span) -> syn::Expr {
    let func = respan_all(func, span);
    let mut call: syn::ExprCall = syn::parse_quote_spanned!(span=> #func(()));
    let reads_back = syn::parse2::<syn::Block>(quote::quote!({ #arg }))
        .is_ok_and(|b| matches!(b.stmts.as_slice(), [syn::Stmt::Expr(_, None)]));
    call.args[0] = if reads_back { at_block(arg, span) } else { arg };
    syn::Expr::Call(call)
}

/// The same tokens, resolved as before but reported at `span` (recursively).
pub fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tt| {
            if let TokenTree::Group(g) = &tt {
                let mut ng = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                ng.set_span(g.span().located_at(span));
                tt = TokenTree::Group(ng);
            } else {
                tt.set_span(tt.span().located_at(span));
            }
            tt
        })
        .collect()
}

/// Given an identifier and the tokens before and after it, its replacement (if any).
pub type IdentMap<'f> =
    dyn FnMut(&Ident, Option<&TokenTree>, Option<&TokenTree>) -> Option<Ident> + 'f;

/// Rewrites identifiers in raw macro tokens (which syn cannot see into): `f` gets each
/// identifier with the tokens around it and returns its replacement, if any. Groups are
/// walked recursively and keep their spans.
pub fn map_idents(tokens: TokenStream, f: &mut IdentMap<'_>) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    for (i, tt) in trees.iter().enumerate() {
        match tt {
            TokenTree::Ident(id) => {
                let prev = i.checked_sub(1).map(|p| &trees[p]);
                let replaced = f(id, prev, trees.get(i + 1));
                out.push(replaced.map_or_else(|| tt.clone(), TokenTree::Ident));
            }
            TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(g.delimiter(), map_idents(g.stream(), f));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            other => out.push(other.clone()),
        }
    }
    out.into_iter().collect()
}

/// `x . f` in raw macro tokens → the local of a field carried on its own.
pub fn rewrite_field_tokens(
    tokens: TokenStream,
    fields: &[(String, String, Ident)],
) -> TokenStream {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        if let (TokenTree::Ident(x), Some(TokenTree::Punct(dot)), Some(f)) =
            (&trees[i], trees.get(i + 1), trees.get(i + 2))
        {
            let after_dot =
                i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '.');
            let field = f.to_string();
            let found = fields
                .iter()
                .find(|(name, fname, _)| x == name && *fname == field);
            if let (false, '.', Some((_, _, local))) = (after_dot, dot.as_char(), found) {
                out.push(TokenTree::Ident(local.clone()));
                i += 3;
                continue;
            }
        }
        out.push(match &trees[i] {
            TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(
                    g.delimiter(),
                    rewrite_field_tokens(g.stream(), fields),
                );
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

pub fn rename_tokens(tokens: TokenStream, renames: &[(String, Ident)]) -> TokenStream {
    use proc_macro2::{Spacing, TokenTree};
    map_idents(tokens, &mut |id, prev, next| {
        let after_dot = matches!(prev, Some(TokenTree::Punct(p)) if p.as_char() == '.');
        // `format!("{y}", y = y + 1)`: the name of a named argument is not the binding.
        let named_argument = matches!(prev, Some(TokenTree::Punct(p)) if p.as_char() == ',')
            && matches!(next, Some(TokenTree::Punct(p))
                if p.as_char() == '=' && p.spacing() == Spacing::Alone);
        if after_dot || named_argument {
            return None;
        }
        renames
            .iter()
            .find(|(from, _)| id == from)
            .map(|(_, to)| to.clone())
    })
}

/// Marks `seen[i]` for each `names[i]` that occurs in the tokens: as an identifier, or as
/// an inline format argument (`"{name}"`, `"{:name$}"`), in groups too.
pub fn mark_mentions(tokens: &TokenStream, names: &[Ident], seen: &mut [bool]) {
    if seen.iter().all(|&s| s) {
        return;
    }
    for tt in tokens.clone() {
        match tt {
            TokenTree::Group(g) => mark_mentions(&g.stream(), names, seen),
            other => mark_token(&other, names, seen),
        }
    }
}

/// [`mark_mentions`] of one token that is not a group: an identifier, or a literal's
/// inline format arguments.
fn mark_token(tt: &TokenTree, names: &[Ident], seen: &mut [bool]) {
    match tt {
        TokenTree::Ident(i) => {
            for (name, s) in names.iter().zip(seen.iter_mut()) {
                *s |= i == name;
            }
        }
        TokenTree::Literal(l) => {
            for arg in format_args_in(&l.to_string()) {
                for (name, s) in names.iter().zip(seen.iter_mut()) {
                    *s |= *name == arg;
                }
            }
        }
        TokenTree::Group(_) | TokenTree::Punct(_) => {}
    }
}

/// Every name [`mark_mentions`] can find in the tokens: each identifier, and each inline
/// format argument.
pub fn names_in(tokens: &TokenStream, out: &mut std::collections::HashSet<String>) {
    for tt in tokens.clone() {
        match tt {
            TokenTree::Ident(i) => {
                out.insert(i.to_string());
            }
            TokenTree::Group(g) => names_in(&g.stream(), out),
            TokenTree::Literal(l) => out.extend(format_args_in(&l.to_string())),
            TokenTree::Punct(_) => {}
        }
    }
}

/// [`mark_mentions`] on tokens the caller owns, handed back unchanged. Nothing is copied:
/// walking a shared stream copies each token (an identifier's name is allocated again),
/// where this one moves each group's stream out, walks it and puts it back.
pub fn scan_mentions(tokens: TokenStream, names: &[Ident], seen: &mut [bool]) -> TokenStream {
    if seen.iter().all(|&s| s) {
        return tokens;
    }
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => {
                let (delimiter, span, stream) = (g.delimiter(), g.span(), g.stream());
                drop(g);
                let mut group = Group::new(delimiter, scan_mentions(stream, names, seen));
                group.set_span(span);
                TokenTree::Group(group)
            }
            other => {
                mark_token(&other, names, seen);
                other
            }
        })
        .collect()
}

/// `{ parts… }`, moving the parts in (`quote!({ #a #b })` copies each stream it
/// interpolates).
pub fn braced(parts: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let mut inner = TokenStream::new();
    inner.extend(parts);
    TokenTree::Group(Group::new(Delimiter::Brace, inner)).into()
}

/// Does `name` occur in the tokens ([`mark_mentions`])?
pub fn mentions(tokens: &TokenStream, name: &Ident) -> bool {
    let mut seen = [false];
    mark_mentions(tokens, std::slice::from_ref(name), &mut seen);
    seen[0]
}

/// Does the token stream hold a token that may jump out of where it stands?
pub fn may_jump(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => i == "break" || i == "continue" || i == "return",
        TokenTree::Punct(p) => p.as_char() == '?',
        TokenTree::Group(g) => may_jump(g.stream()),
        TokenTree::Literal(_) => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn format_args_are_arguments_widths_and_precisions() {
        assert_eq!(
            format_args_in(r#""{a} {b:?} {{c}} {} {0} {:w$} {d:>x$.p$} {_e}""#),
            ["a", "b", "w", "d", "p", "x", "_e"]
        );
        assert!(format_args_in(r#""no {{braces}} here""#).is_empty());
    }

    #[test]
    fn mentions_see_groups_and_inline_format_arguments() {
        let x = Ident::new("x", Span::call_site());
        assert!(mentions(&quote!(f(g(x))), &x));
        assert!(mentions(&quote!(println!("{x:?}")), &x));
        assert!(!mentions(&quote!(f(y, "x")), &x));
        let renamed = rename_tokens(
            quote!(f(x, y.x)),
            &[("x".to_owned(), Ident::new("x_1", Span::call_site()))],
        );
        assert_eq!(renamed.to_string(), "f (x_1 , y . x)");
    }

    #[test]
    fn owned_scans_find_what_mentions_finds_and_give_the_tokens_back() {
        let names = ["x", "y", "w", "z"].map(|n| Ident::new(n, Span::call_site()));
        let code = quote!(
            {
                f(g(x));
                println!("{y:?} {:w$}", 1)
            }[z2]
        );
        let mut expected = [false; 4];
        mark_mentions(&code, &names, &mut expected);
        assert_eq!(expected, [true, true, true, false]);
        let mut seen = [false; 4];
        let back = scan_mentions(code.clone(), &names, &mut seen);
        assert_eq!(seen, expected);
        assert_eq!(back.to_string(), code.to_string());
        let mut found = std::collections::HashSet::new();
        names_in(&code, &mut found);
        for (name, &mentioned) in names.iter().zip(&expected) {
            assert_eq!(found.contains(&name.to_string()), mentioned, "{name}");
        }
        let parts = [quote!(let a = 1;), quote!(f(a)), TokenStream::new()];
        assert_eq!(
            braced(parts).to_string(),
            quote!({
                let a = 1;
                f(a)
            })
            .to_string()
        );
    }
}
