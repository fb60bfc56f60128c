//! String enums and intEnums: a variant per value plus a forward-compatible `Unknown`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use crate::ir::{Enum, IntEnum};

pub fn emit_enum(e: &Enum) -> TokenStream {
    let name = format_ident!("{}", e.name.name);
    let docs = doc_attrs(e.docs.as_deref());
    let variants: Vec<_> = e.variants.iter().map(|v| format_ident!("{}", v.name)).collect();
    let values: Vec<_> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let variant_defs = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let doc = v.docs.clone().unwrap_or_else(|| format!("`{}`", v.value));
        let docs = doc_attrs(Some(&doc));
        let deprecated = v.deprecated.then(|| quote!(#[deprecated]));
        quote!(#docs #deprecated #ident,)
    });
    let allow_deprecated = e.variants.iter().any(|v| v.deprecated).then(|| quote!(#[allow(deprecated)]));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            /// A value this version of the crate does not know; it is kept as received.
            Unknown(crate::primitives::UnknownVariantValue),
        }

        #allow_deprecated
        impl #name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#name::#variants => #values,)*
                    #name::Unknown(value) => value.as_str(),
                }
            }

            /// Every value this version of the crate knows.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        #allow_deprecated
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => #name::#variants,)*
                    other => #name::Unknown(crate::primitives::UnknownVariantValue::new(other)),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                #name::from(value.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, <Self as ::std::str::FromStr>::Err> {
                ::std::result::Result::Ok(#name::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// An empty unknown value: what a required member becomes when a response omits it.
        impl ::std::default::Default for #name {
            fn default() -> Self {
                #name::Unknown(crate::primitives::UnknownVariantValue::new(""))
            }
        }




    }
}

pub fn emit_int_enum(e: &IntEnum) -> TokenStream {
    let name = format_ident!("{}", e.name.name);
    let docs = doc_attrs(e.docs.as_deref());
    let variants: Vec<_> = e.variants.iter().map(|v| format_ident!("{}", v.name)).collect();
    let values: Vec<_> = e.variants.iter().map(|v| Literal::i32_unsuffixed(v.value)).collect();
    let variant_defs = e.variants.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let doc = v.docs.clone().unwrap_or_else(|| format!("`{}`", v.value));
        let docs = doc_attrs(Some(&doc));
        quote!(#docs #ident,)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            /// A value this version of the crate does not know; it is kept as received.
            Unknown(i32),
        }

        impl #name {
            /// The value as it appears on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    #(#name::#variants => #values,)*
                    #name::Unknown(value) => *value,
                }
            }

            /// Every value this version of the crate knows.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => #name::#variants,)*
                    other => #name::Unknown(other),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        /// Zero: what a required member becomes when a response omits it.
        impl ::std::default::Default for #name {
            fn default() -> Self {
                #name::from(0)
            }
        }




    }
}
