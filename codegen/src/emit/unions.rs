//! Unions: a Rust enum with a variant per member and an `Unknown` for members added later.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::types::rust_type;
use crate::ir::Union;

pub fn emit_union(u: &Union) -> TokenStream {
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
    let serialize_arms = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let key = &v.json_name;
        match v.ty {
            None => quote!(#name::#ident => map.serialize_entry(#key, &crate::primitives::Unit)?,),
            Some(_) => quote!(#name::#ident(value) => map.serialize_entry(#key, value)?,),
        }
    });
    let deserialize_arms = u.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let key = &v.json_name;
        match &v.ty {
            None => quote!(#key => map.next_value::<::std::option::Option<crate::primitives::Unit>>()?.map(|_| #name::#ident),),
            Some(ty) => {
                let ty = rust_type(ty);
                let ty = if v.boxed { quote!(::std::boxed::Box<#ty>) } else { ty };
                quote!(#key => map.next_value::<::std::option::Option<#ty>>()?.map(#name::#ident),)
            }
        }
    });
    let validation = super::validation::union_validation(u);
    let expecting = format!("a `{}` object with exactly one member set", u.name.name);
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

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::{Error as _, SerializeMap as _};
                let mut map = serializer.serialize_map(::std::option::Option::Some(1))?;
                match self {
                    #(#serialize_arms)*
                    #name::Unknown(member) => {
                        return ::std::result::Result::Err(S::Error::custom(::std::format!("cannot send unknown union member `{}`", member.as_str())));
                    }
                }
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct UnionVisitor;

                impl<'de> ::serde::de::Visitor<'de> for UnionVisitor {
                    type Value = #name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#name, A::Error> {
                        use ::serde::de::Error as _;
                        let mut found = ::std::option::Option::None;
                        while let ::std::option::Option::Some(key) = map.next_key::<::std::string::String>()? {
                            let value = match key.as_str() {
                                #(#deserialize_arms)*
                                "__type" => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                    ::std::option::Option::None
                                }
                                other => map
                                    .next_value::<::std::option::Option<::serde::de::IgnoredAny>>()?
                                    .map(|_| #name::Unknown(crate::primitives::UnknownVariantValue::new(other))),
                            };
                            if let ::std::option::Option::Some(value) = value {
                                if found.replace(value).is_some() {
                                    return ::std::result::Result::Err(A::Error::custom(#expecting));
                                }
                            }
                        }
                        found.ok_or_else(|| A::Error::custom(#expecting))
                    }
                }

                deserializer.deserialize_map(UnionVisitor)
            }
        }
    }
}
