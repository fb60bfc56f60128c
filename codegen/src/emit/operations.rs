//! One module per operation: its input, output, error enum and HTTP facts.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::errors::emit_operation_error;
use super::body::Directions;
use super::structs::emit_struct;
use super::types::type_path;
use crate::ir::auth::{ApiKeyLocation, AuthScheme};
use crate::ir::{Crate, Module, Operation, TypeName};

pub fn emit_operation(krate: &Crate, d: &Directions, op: &Operation) -> TokenStream {
    let name = format_ident!("{}", op.name);
    let docs = doc_attrs(op.docs.as_deref());
    let owned = |t: &TypeName| t.module == Module::Operation(op.module.clone());
    let io = [(&op.input, "Input"), (&op.output, "Output")].map(|(t, suffix)| {
        if owned(t) {
            let s = krate.structure(t).expect("owned structures are lowered");
            emit_struct(krate, d, s)
        } else {
            let alias = format_ident!("{}{}", op.name, suffix);
            let path = type_path(t);
            let doc = format!(" The {} of `{}`: a structure the model shares with other operations.", suffix.to_lowercase(), op.name);
            quote!(#[doc = #doc] pub type #alias = #path;)
        }
    });
    let [input, output] = io;
    let error = emit_operation_error(op);
    let wire = super::protocol::operation_functions(krate, op);
    let http = op.http.as_ref().map(|h| {
        let (method, uri, code) = (h.method.as_str(), h.uri.to_string(), proc_macro2::Literal::u16_unsuffixed(h.code));
        quote! {
            /// The HTTP method of the request.
            pub const METHOD: &'static str = #method;
            /// The request URI pattern, with `{label}` placeholders.
            pub const URI: &'static str = #uri;
            /// The HTTP status code of a successful response.
            pub const SUCCESS_CODE: u16 = #code;
        }
    });
    let op_name = &op.name;
    let endpoint_params = super::endpoint::operation_params(krate, op);
    let operation_impl = (!wire.is_empty()).then(|| {
        let (input_ty, output_ty, error_ty) = (format_ident!("{}Input", op.name), format_ident!("{}Output", op.name), format_ident!("{}", op.error_name));
        let host_prefix = op.host_prefix.as_ref().map(|_| {
            quote! {
                fn host_prefix(input: &Self::Input) -> ::std::result::Result<::std::option::Option<::std::string::String>, crate::error::SerializeError> {
                    host_prefix(input).map(::std::option::Option::Some)
                }
            }
        });
        let endpoint_params = krate.service.endpoint_rules.is_some().then(|| {
            quote! {
                fn endpoint_params(input: &Self::Input, base: crate::endpoint::Params) -> crate::endpoint::Params {
                    endpoint_params(input, base)
                }
            }
        });
        let auth_schemes = op.auth.schemes.iter().map(auth_scheme);
        let optional_auth = op.auth.optional.then(|| quote!(const OPTIONAL_AUTH: bool = true;));
        let unsigned_payload = op.auth.unsigned_payload.then(|| quote!(const UNSIGNED_PAYLOAD: bool = true;));
        quote! {
            impl crate::operation::Operation for #name {
                type Input = #input_ty;
                type Output = #output_ty;
                type Error = #error_ty;
                const NAME: &'static str = #op_name;
                const AUTH_SCHEMES: &'static [crate::auth::AuthScheme] = &[#(#auth_schemes),*];
                #optional_auth
                #unsigned_payload

                fn serialize_request(input: &Self::Input) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::SerializeError> {
                    serialize_request(input)
                }

                fn parse_response<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<Self::Output, Self::Error> {
                    parse_response(response)
                }

                #host_prefix
                #endpoint_params
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct #name;

        impl #name {
            /// The operation's name in the model.
            pub const NAME: &'static str = #op_name;
            #http
        }

        #input
        #output
        #error
        #wire
        #endpoint_params
        #operation_impl
    }
}

/// The `crate::auth::AuthScheme` value of a scheme.
fn auth_scheme(scheme: &AuthScheme) -> TokenStream {
    match scheme {
        AuthScheme::SigV4 { signing_name } => quote!(crate::auth::AuthScheme::SigV4 { signing_name: #signing_name }),
        AuthScheme::SigV4a { signing_name } => quote!(crate::auth::AuthScheme::SigV4a { signing_name: #signing_name }),
        AuthScheme::HttpBearer => quote!(crate::auth::AuthScheme::HttpBearer),
        AuthScheme::HttpApiKey { name, location, scheme } => {
            let location = match location {
                ApiKeyLocation::Header => quote!(crate::auth::ApiKeyLocation::Header),
                ApiKeyLocation::Query => quote!(crate::auth::ApiKeyLocation::Query),
            };
            let scheme = match scheme {
                Some(s) => quote!(::std::option::Option::Some(#s)),
                None => quote!(::std::option::Option::None),
            };
            quote!(crate::auth::AuthScheme::HttpApiKey { name: #name, location: #location, scheme: #scheme })
        }
        AuthScheme::HttpBasic => quote!(crate::auth::AuthScheme::HttpBasic),
        AuthScheme::HttpDigest => quote!(crate::auth::AuthScheme::HttpDigest),
    }
}
