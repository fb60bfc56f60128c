//! Rustdoc attributes from Markdown text.

use proc_macro2::TokenStream;
use quote::quote;

/// One `#[doc]` attribute per line, which prettyplease prints as `///` comments.
pub fn doc_attrs(markdown: Option<&str>) -> TokenStream {
    let Some(markdown) = markdown else { return TokenStream::new() };
    let lines = markdown.lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") });
    quote!(#(#[doc = #lines])*)
}

/// Doc attributes from plain lines we write ourselves.
pub fn doc_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> TokenStream {
    let lines = lines.into_iter().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") });
    quote!(#(#[doc = #lines])*)
}
