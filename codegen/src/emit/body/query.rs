//! The query-form request codec of awsQuery and ec2Query: `write_query` for structures and unions,
//! writing `Key.Nested.member.1=value` pairs with the runtime's `query` module.
//!
//! awsQuery wraps list items in `member` (or the list member's `xmlName`) unless the list is
//! `@xmlFlattened`, and writes map entries as `Key.entry.N.key`/`.value`. ec2Query always
//! flattens lists. Both send an empty list as `Key=`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{codec_impl, Directions};
use crate::emit::types::ident;
use crate::ir::http::TimestampFormat;
use crate::ir::{Field, Module, Struct, Ty, TyKind, Union};

/// Which query dialect to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    AwsQuery,
    Ec2,
}

/// `write_query` for a structure of the `types` module.
pub fn struct_codec(d: &Directions, s: &Struct, dialect: Dialect) -> TokenStream {
    if s.name.module != Module::Types || !d.write.contains(&s.name) {
        return TokenStream::new();
    }
    let name = format_ident!("{}", s.name.name);
    let body = write_members(&s.fields, &quote!(self), dialect);
    let writer = quote! {
        #[doc(hidden)]
        #[allow(deprecated)]
        pub fn write_query(&self, w: &mut crate::query::QueryWriter, key: &mut crate::query::QueryKey) {
            #body
        }
    };
    codec_impl(&name, Some(writer), None)
}

/// `write_query` for a union: the set member, as a structure member would be.
pub fn union_codec(d: &Directions, u: &Union, dialect: Dialect) -> TokenStream {
    if !d.write.contains(&u.name) {
        return TokenStream::new();
    }
    let name = format_ident!("{}", u.name.name);
    let arms = u.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.name);
        let segment = v.xml_name.as_str();
        match &v.ty {
            None => quote! {
                #name::#variant => {
                    let mark = key.push(#segment);
                    w.pair(key.as_str(), "");
                    key.truncate(mark);
                }
            },
            Some(ty) => {
                let write = write_value(ty, &quote!(value), dialect);
                quote! {
                    #name::#variant(value) => {
                        let mark = key.push(#segment);
                        #write
                        key.truncate(mark);
                    }
                }
            }
        }
    });
    let writer = quote! {
        #[doc(hidden)]
        pub fn write_query(&self, w: &mut crate::query::QueryWriter, key: &mut crate::query::QueryKey) {
            match self {
                #(#arms)*
                #name::Unknown(_) => {}
            }
        }
    };
    codec_impl(&name, Some(writer), None)
}

/// Statements writing the set members of `receiver` under `key` to `w`.
pub fn write_members(fields: &[Field], receiver: &TokenStream, dialect: Dialect) -> TokenStream {
    let members = fields.iter().map(|f| {
        let field = ident(&f.name);
        let segment = f.query_name.as_str();
        let write = write_value(&f.ty, &quote!(value), dialect);
        let write = quote! {
            let mark = key.push(#segment);
            #write
            key.truncate(mark);
        };
        if f.optional {
            quote!(if let ::std::option::Option::Some(value) = &#receiver.#field { #write })
        } else {
            quote!({ let value = &#receiver.#field; #write })
        }
    });
    quote!(#(#members)*)
}

/// Statements writing `value` (a `&T`) under `key`.
fn write_value(ty: &Ty, value: &TokenStream, dialect: Dialect) -> TokenStream {
    match &ty.kind {
        TyKind::Struct(_) | TyKind::Union(_) => quote!(#value.write_query(w, key);),
        TyKind::Unit => quote!(w.pair(key.as_str(), "");),
        TyKind::List { item, sparse } => {
            let write = write_value(item, &quote!(item), dialect);
            let write = if *sparse { quote!(if let ::std::option::Option::Some(item) = item { #write }) } else { write };
            let flattened = ty.xml.flattened || dialect == Dialect::Ec2;
            let wrap = (!flattened).then(|| {
                let member = item.xml.name.as_str();
                quote!(key.push(#member);)
            });
            quote! {
                if #value.is_empty() {
                    w.empty(key.as_str());
                }
                let list_mark = key.as_str().len();
                #wrap
                let items_mark = key.as_str().len();
                for (i, item) in (1usize..).zip(#value.iter()) {
                    key.push_index(i);
                    #write
                    key.truncate(items_mark);
                }
                key.truncate(list_mark);
            }
        }
        TyKind::Map { key: key_ty, value: item, sparse } => {
            let key_name = key_ty.xml.name.as_str();
            let value_name = item.xml.name.as_str();
            let key_text = super::xml::text_of(key_ty, &quote!(entry_key), TimestampFormat::DateTime);
            let write = write_value(item, &quote!(item), dialect);
            let write = if *sparse { quote!(if let ::std::option::Option::Some(item) = item { #write }) } else { write };
            let wrap = (!ty.xml.flattened).then(|| quote!(key.push("entry");));
            quote! {
                let map_mark = key.as_str().len();
                #wrap
                let entries_mark = key.as_str().len();
                for (i, (entry_key, item)) in (1usize..).zip(#value.iter()) {
                    key.push_index(i);
                    let entry_mark = key.as_str().len();
                    key.push(#key_name);
                    w.pair(key.as_str(), #key_text);
                    key.truncate(entry_mark);
                    key.push(#value_name);
                    #write
                    key.truncate(entries_mark);
                }
                key.truncate(map_mark);
            }
        }
        _ => {
            let text = super::xml::text_of(ty, value, TimestampFormat::DateTime);
            quote!(w.pair(key.as_str(), #text);)
        }
    }
}
