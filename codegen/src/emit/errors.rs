//! Error structures (`Display`, `Error`) and each operation's error enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::body::Directions;
use super::structs::{allow_deprecated, emit_struct};
use super::types::{ident, type_path};
use crate::ir::{Crate, Operation, Struct};

pub fn emit_error_struct(krate: &Crate, d: &Directions, s: &Struct) -> TokenStream {
    let base = emit_struct(krate, d, s);
    let reader = super::protocol::supported(krate).then(|| super::protocol::error_reader(krate, s));
    let (Some(info), Some(metadata)) = (&s.error, &s.metadata) else { return base };
    let name = format_ident!("{}", s.name.name);
    let meta = ident(&metadata.field);
    let code = &info.code;
    let modeled = modeled_message(s, quote!(self));
    let message = match modeled {
        Some(modeled) => quote!(#modeled.or_else(|| self.#meta.message())),
        None => quote!(self.#meta.message()),
    };
    // A member called `message` keeps its own accessor, which the trait's `message()` backs up.
    let message_accessor = (!s.fields.iter().any(|f| f.name == "message")).then(|| {
        quote! {
            /// The human-readable message the service sent with the error: the modeled member,
            /// else whatever the response carried it under.
            pub fn message(&self) -> ::std::option::Option<&str> {
                crate::error::ProvideErrorMetadata::message(self)
            }
        }
    });
    let status = info.http_status.map(|status| {
        quote! {
            /// The HTTP status code the service uses for this error.
            pub const HTTP_STATUS: u16 = #status;
        }
    });
    let retryable = info.retryable;
    let throttling = info.throttling;
    let fault = &info.fault;
    let allow_deprecated = allow_deprecated(s);
    // A `@sensitive` message (or error) is never printed: `Display` gives the code alone, and
    // only an explicit `message()` call reads the text.
    let display_body = if super::structs::redacts_message(s) {
        quote! {
            f.write_str(#code)?;
            if crate::error::ProvideErrorMetadata::message(self).is_some() {
                f.write_str(": *** Sensitive Data Redacted ***")?;
            }
            ::std::result::Result::Ok(())
        }
    } else {
        quote! {
            f.write_str(#code)?;
            if let ::std::option::Option::Some(message) = crate::error::ProvideErrorMetadata::message(self) {
                ::std::write!(f, ": {message}")?;
            }
            ::std::result::Result::Ok(())
        }
    };
    quote! {
        #base

        impl #name {
            /// The error's code on the wire: the shape's name.
            pub const CODE: &'static str = #code;
            /// Whether the fault lies with the caller (`client`) or the service (`server`).
            pub const FAULT: &'static str = #fault;
            /// Whether the model marks this error as retryable.
            pub const RETRYABLE: bool = #retryable;
            /// Whether the model marks this error as throttling (`@retryable(throttling: true)`).
            pub const THROTTLING: bool = #throttling;
            #status
            #message_accessor
            #reader
        }

        #allow_deprecated
        impl crate::error::ProvideErrorMetadata for #name {
            fn meta(&self) -> &crate::error::ErrorMetadata {
                &self.#meta
            }

            fn code(&self) -> ::std::option::Option<&str> {
                ::std::option::Option::Some(Self::CODE)
            }

            fn message(&self) -> ::std::option::Option<&str> {
                #message
            }

            fn is_throttling(&self) -> bool {
                Self::THROTTLING || crate::error::is_throttling_code(Self::CODE)
            }

            fn is_retryable(&self) -> bool {
                Self::RETRYABLE || crate::error::ProvideErrorMetadata::is_throttling(self)
            }
        }

        impl crate::error::RequestId for #name {
            fn request_id(&self) -> ::std::option::Option<&str> {
                self.#meta.request_id()
            }

            fn extended_request_id(&self) -> ::std::option::Option<&str> {
                self.#meta.extended_request_id()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display_body
            }
        }

        impl ::std::error::Error for #name {}
    }
}

/// An `Option<&str>` expression reading the modeled message member of `value` (empty counts as
/// absent); `None` when the error has no message member.
fn modeled_message(s: &Struct, value: TokenStream) -> Option<TokenStream> {
    let field = s.error.as_ref().and_then(|e| e.message_field).map(|i| &s.fields[i])?;
    let name = ident(&field.name);
    Some(if field.optional {
        quote!(#value.#name.as_deref().filter(|m| !m.is_empty()))
    } else {
        quote!(::std::option::Option::Some(#value.#name.as_str()).filter(|m| !m.is_empty()))
    })
}

pub fn emit_operation_error(op: &Operation) -> TokenStream {
    let name = format_ident!("{}", op.error_name);
    let doc = format!(" Every error `{}` can return.", op.name);
    let variants: Vec<_> = op.errors.iter().map(|e| format_ident!("{}", e.variant)).collect();
    let types: Vec<_> = op.errors.iter().map(|e| type_path(&e.ty)).collect();
    let codes: Vec<_> = op.errors.iter().map(|e| e.code.as_str()).collect();
    let variant_docs = op.errors.iter().map(|e| format!(" The service returned `{}`.", e.code));
    let predicates = op.errors.iter().map(|e| {
        let variant = format_ident!("{}", e.variant);
        let method = format_ident!("{}", crate::ir::naming::predicate(&e.variant));
        let doc = format!(" Whether this is [`{}::{}`].", op.error_name, e.variant);
        quote! {
            #[doc = #doc]
            pub fn #method(&self) -> bool {
                ::std::matches!(self, #name::#variant(_))
            }
        }
    });
    // The variants of the runtime's own errors, whose types have `code()`, `message()` and `meta()`.
    let mut runtime = vec![
        ("Unhandled", quote!(crate::error::UnmodeledError), " An error the model does not declare for this operation."),
        (
            "InvalidResponse",
            quote!(crate::error::InvalidResponseError),
            " A response that could not be read: malformed JSON, a wrong type, a bad header. It\n keeps the code, message and request ID the response did carry.",
        ),
    ];
    if op.checksum.as_ref().is_some_and(|c| !c.response_algorithms.is_empty()) {
        runtime.push((
            "ChecksumMismatch",
            quote!(crate::checksums::ChecksumMismatch),
            " A successful response whose body does not match the checksum header the service\n sent with it: the body was damaged on the way.",
        ));
    }
    let runtime_variants: Vec<_> = runtime.iter().map(|(variant, _, _)| format_ident!("{}", variant)).collect();
    let runtime_decls = runtime.iter().zip(&runtime_variants).map(|((_, ty, doc), variant)| {
        let lines = doc.lines();
        quote!(#(#[doc = #lines])* #variant(#ty),)
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#[doc = #variant_docs] #variants(#types),)*
            #(#runtime_decls)*
        }

        impl #name {
            /// The error code: the modeled error's shape name, or what the service sent.
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#name::#variants(_) => ::std::option::Option::Some(#codes),)*
                    #(#name::#runtime_variants(error) => error.code(),)*
                }
            }

            /// The service's human-readable message, under whichever key it sent it; never a
            /// diagnostic of ours (an `InvalidResponse` keeps that in `diagnostic()`).
            pub fn message(&self) -> ::std::option::Option<&str> {
                crate::error::ProvideErrorMetadata::message(self)
            }

            /// The request ID the service assigned, for every kind of error.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                crate::error::RequestId::request_id(self)
            }

            /// The code, message and request IDs as the response carried them.
            pub fn meta(&self) -> &crate::error::ErrorMetadata {
                crate::error::ProvideErrorMetadata::meta(self)
            }

            #(#predicates)*
        }

        impl crate::error::ProvideErrorMetadata for #name {
            fn meta(&self) -> &crate::error::ErrorMetadata {
                match self {
                    #(#name::#variants(error) => crate::error::ProvideErrorMetadata::meta(error),)*
                    #(#name::#runtime_variants(error) => error.meta(),)*
                }
            }

            fn code(&self) -> ::std::option::Option<&str> {
                #name::code(self)
            }

            fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#name::#variants(error) => crate::error::ProvideErrorMetadata::message(error),)*
                    #(#name::#runtime_variants(error) => error.message(),)*
                }
            }

            fn is_throttling(&self) -> bool {
                match self {
                    #(#name::#variants(error) => crate::error::ProvideErrorMetadata::is_throttling(error),)*
                    #(#name::#runtime_variants(error) => crate::error::ProvideErrorMetadata::is_throttling(error),)*
                }
            }

            fn is_retryable(&self) -> bool {
                match self {
                    #(#name::#variants(error) => crate::error::ProvideErrorMetadata::is_retryable(error),)*
                    #(#name::#runtime_variants(error) => crate::error::ProvideErrorMetadata::is_retryable(error),)*
                }
            }
        }

        impl crate::error::RequestId for #name {
            fn request_id(&self) -> ::std::option::Option<&str> {
                crate::error::ProvideErrorMetadata::meta(self).request_id()
            }

            fn extended_request_id(&self) -> ::std::option::Option<&str> {
                crate::error::ProvideErrorMetadata::meta(self).extended_request_id()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#name::#variants(error) => ::std::fmt::Display::fmt(error, f),)*
                    #(#name::#runtime_variants(error) => ::std::fmt::Display::fmt(error, f),)*
                }
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(#name::#variants(error) => ::std::option::Option::Some(error),)*
                    #(#name::#runtime_variants(error) => ::std::option::Option::Some(error),)*
                }
            }
        }

        #(
            impl ::std::convert::From<#types> for #name {
                fn from(error: #types) -> Self {
                    #name::#variants(error)
                }
            }
        )*
    }
}
