//! Unions: a Rust enum with a variant per member and an `Unknown` for members added later.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::types::rust_type;
use super::body::Directions;
use crate::ir::Union;

pub fn emit_union(krate: &crate::ir::Crate, d: &Directions, u: &Union) -> TokenStream {
    let name = format_ident!("{}", u.name.name);
    let docs = doc_attrs(u.docs.as_deref());
    let variant_defs = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let docs = doc_attrs(v.docs.as_deref());
        match &v.ty {
            None => quote!(#docs #ident,),
            Some(ty) => {
                let ty = rust_type(ty);
                let ty = if v.boxed { quote!(::std::boxed::Box<#ty>) } else { ty };
                quote!(#docs #ident(#ty),)
            }
        }
    });
    let validation = super::validation::union_validation(u);
    let codec = super::body::union_codec(krate, d, u);
    let redacted = u.sensitive || u.variants.iter().any(|v| v.ty.as_ref().is_some_and(crate::ir::Ty::contains_sensitive));
    let derive_debug = (!redacted).then(|| quote!(Debug,));
    let debug_impl = redacted.then(|| debug_impl(u));
    quote! {
        #docs
        #[derive(#derive_debug Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            /// A member this version of the crate does not know, named as received.
            Unknown(crate::primitives::UnknownVariantValue),
        }

        #debug_impl

        #validation

        #codec
    }
}

/// `Debug` that names the variant but prints a `@sensitive` member's value as a placeholder
/// (every member's, when the union itself is `@sensitive`).
fn debug_impl(u: &Union) -> TokenStream {
    let name = format_ident!("{}", u.name.name);
    let arms = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let label = v.name.trim_start_matches("r#");
        match &v.ty {
            None => quote!(#name::#ident => f.write_str(#label),),
            Some(ty) if u.sensitive || ty.contains_sensitive() => {
                quote!(#name::#ident(_) => f.debug_tuple(#label).field(&"*** Sensitive Data Redacted ***").finish(),)
            }
            Some(_) => quote!(#name::#ident(value) => f.debug_tuple(#label).field(value).finish(),),
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#arms)*
                    #name::Unknown(value) => f.debug_tuple("Unknown").field(value).finish(),
                }
            }
        }
    }
}
