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
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            /// A member this version of the crate does not know, named as received.
            Unknown(crate::primitives::UnknownVariantValue),
        }

        #validation

        #codec
    }
}
