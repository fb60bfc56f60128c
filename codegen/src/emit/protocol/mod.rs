//! Each operation's wire layer: `serialize_request`, `parse_response` and the error dispatch.
//! This module writes what every protocol shares; one module per protocol writes its request,
//! response and error envelopes.

mod aws_json;
mod query;
mod rest_json;
mod rest_xml;
mod xml_errors;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::bindings::{self, RequestParts};
use super::types::{ident, type_path};
use crate::ir::{Crate, Operation, OperationError, Protocol, Struct, TypeName};

/// Whether the crate gets a wire layer.
pub fn supported(krate: &Crate) -> bool {
    krate.service.protocol.has_wire_layer()
}

/// Whether error responses name two codes: an `awsQueryCompatible` JSON service sends its
/// awsQuery code in `x-amzn-query-error` beside the JSON error type, and the dispatch falls back
/// on the type when the model knows the error by it alone (botocore models carry no awsQuery
/// codes).
pub fn query_compatible(krate: &Crate) -> bool {
    krate.service.query_compatible && krate.service.protocol.uses_json()
}

/// What a protocol module writes for one operation.
struct Envelope {
    /// How the request is built (`None`: the operation cannot be called under this protocol).
    request: Option<RequestParts>,
    /// Statements filling `out` from a successful response.
    output: TokenStream,
    /// Statements defining `meta` (the error's `ErrorMetadata`) and `members` (the part of the
    /// body an error's `from_response` reads) from `headers` and `body`.
    error_metadata: TokenStream,
}

fn envelope(krate: &Crate, op: &Operation, input: &Struct, output: &Struct) -> Envelope {
    match &krate.service.protocol {
        Protocol::RestJson1 => rest_json::envelope(krate, op, input, output),
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => aws_json::envelope(krate, op, input, output),
        Protocol::RestXml { .. } => rest_xml::envelope(krate, op, input, output),
        Protocol::AwsQuery | Protocol::Ec2Query => query::envelope(krate, op, input, output),
        Protocol::Unsupported(_) | Protocol::None => unreachable!("operation_functions checks for a wire layer"),
    }
}

/// Statements filling `out` with an error's body members from `body` (what `error_metadata`
/// put in `members`).
fn error_members(krate: &Crate, s: &Struct) -> TokenStream {
    match &krate.service.protocol {
        Protocol::RestJson1 | Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => rest_json::error_members(s),
        Protocol::RestXml { .. } => rest_xml::error_members(s),
        Protocol::AwsQuery | Protocol::Ec2Query => query::error_members(s),
        Protocol::Unsupported(_) | Protocol::None => TokenStream::new(),
    }
}

fn find_struct<'a>(krate: &'a Crate, op_type: &TypeName) -> &'a Struct {
    krate.structure(op_type).expect("operation inputs and outputs are lowered")
}

/// `serialize_request`, `parse_response` (and `host_prefix`) for one operation.
pub fn operation_functions(krate: &Crate, op: &Operation) -> TokenStream {
    if !supported(krate) {
        return TokenStream::new();
    }
    let input = find_struct(krate, &op.input);
    let output = find_struct(krate, &op.output);
    let Envelope { request, output: read_output, error_metadata } = envelope(krate, op, input, output);
    let Some(parts) = request else { return TokenStream::new() };
    let input_ty = format_ident!("{}Input", op.name);
    let output_ty = format_ident!("{}Output", op.name);
    let error_ty = format_ident!("{}", op.error_name);
    let request = bindings::request(input, &parts);
    let host_prefix = op.host_prefix.as_ref().map(|p| bindings::host_prefix(input, p, &input_ty));
    let keep_metadata = output.metadata.as_ref().map(|m| {
        let field = ident(&m.field);
        quote!(out.#field = crate::error::Metadata(crate::wire::response_metadata(headers));)
    });
    let dispatch = error_dispatch(op, &error_metadata, query_compatible(krate));
    let validate_checksum = op.checksum.as_ref().filter(|c| !c.response_algorithms.is_empty()).map(|c| {
        let algorithms = c.response_algorithms.iter().map(|a| format_ident!("{}", a.variant()));
        quote! {
            crate::checksums::validate_response_checksum(headers, body, &[#(crate::checksums::ChecksumAlgorithm::#algorithms),*])
                .map_err(#error_ty::ChecksumMismatch)?;
        }
    });
    let response_doc = format!(
        " Reads the HTTP response of `{}`: the output for a 2xx status, else the error the response names (modeled, or [`{}::Unhandled`]).",
        op.name, op.error_name
    );
    let request_doc = format!(
        " Builds the HTTP request for `{}`: `{} {}` with the input's members bound as the model says.",
        op.name, parts.method, parts.uri
    );
    let token = input.fields.iter().find(|f| f.is_filled_token());
    let serialize = match token {
        None => quote! {
            #[doc = #request_doc]
            ///
            /// The URI holds the path and query only; the caller adds the endpoint.
            #[allow(deprecated, unused_mut, unused_variables)]
            pub fn serialize_request(input: &#input_ty) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::SerializeError> {
                #request
            }
        },
        Some(f) => {
            let name = ident(&f.name);
            let with_doc = format!(" [`serialize_request`], with `token` called for the idempotency token `{}` when it is unset.", f.member_name);
            quote! {
                #[doc = #request_doc]
                ///
                /// The URI holds the path and query only; the caller adds the endpoint. An unset
                /// idempotency token is filled with a fresh random UUID.
                pub fn serialize_request(input: &#input_ty) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::SerializeError> {
                    serialize_request_with_token(input, crate::wire::idempotency_token)
                }

                #[doc = #with_doc]
                #[allow(deprecated, unused_mut, unused_variables)]
                pub fn serialize_request_with_token(
                    input: &#input_ty,
                    token: impl ::std::ops::FnOnce() -> ::std::string::String,
                ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::SerializeError> {
                    let filled;
                    let input = if input.#name.is_none() {
                        let mut copy = input.clone();
                        copy.#name = ::std::option::Option::Some(token());
                        filled = copy;
                        &filled
                    } else {
                        input
                    };
                    #request
                }
            }
        }
    };
    quote! {
        #serialize

        #host_prefix

        #[doc = #response_doc]
        pub fn parse_response<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<#output_ty, #error_ty> {
            let status = response.status().as_u16();
            let headers = response.headers();
            let body = response.body().as_ref();
            if !response.status().is_success() {
                return ::std::result::Result::Err(parse_error(status, headers, body));
            }
            #validate_checksum
            parse_output(status, headers, body).map_err(|e| {
                let meta = crate::error::ErrorMetadata::new(::std::option::Option::None, ::std::option::Option::None, crate::wire::response_metadata(headers));
                #error_ty::InvalidResponse(crate::error::InvalidResponseError::new(status, meta, e))
            })
        }

        #[allow(deprecated, unused_mut, unused_variables)]
        fn parse_output(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> ::std::result::Result<#output_ty, crate::error::DeserializeError> {
            let mut out = #output_ty::default();
            #keep_metadata
            #read_output
            ::std::result::Result::Ok(out)
        }

        #[allow(unused_variables)]
        fn parse_error(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> #error_ty {
            #dispatch
        }
    }
}

/// The body of `parse_error`: the protocol finds the code, message and request IDs, then the
/// matching modeled error reads its members. A body the protocol cannot read (empty, or a
/// proxy's text or HTML) has no members, but the code from the header still names the error.
/// With `two_codes` (see [`query_compatible`]) the error is the one the awsQuery code names,
/// else the one the JSON error type names.
fn error_dispatch(op: &Operation, error_metadata: &TokenStream, two_codes: bool) -> TokenStream {
    let error_ty = format_ident!("{}", op.error_name);
    let (find_code, code) = if two_codes {
        let known = op.errors.iter().flat_map(wire_codes);
        let find = quote!(let code = crate::json::query_compatible_code(&meta, headers, members, &[#(#known),*]););
        (find, quote!(code.as_deref()))
    } else {
        (TokenStream::new(), quote!(meta.code()))
    };
    let arms = op.errors.iter().map(|e| {
        let codes = wire_codes(e);
        let variant = format_ident!("{}", e.variant);
        let path = type_path(&e.ty);
        quote!(#(::std::option::Option::Some(#codes))|* => #path::from_response(status, headers, members, &meta).map(#error_ty::#variant),)
    });
    let unhandled = quote!(#error_ty::Unhandled(crate::error::UnmodeledError::new(meta)));
    if op.errors.is_empty() {
        return quote! {
            #error_metadata
            #unhandled
        };
    }
    quote! {
        #error_metadata
        #find_code
        let result = match #code {
            #(#arms)*
            _ => return #unhandled,
        };
        result.unwrap_or_else(|e| #error_ty::InvalidResponse(crate::error::InvalidResponseError::new(status, meta, e)))
    }
}

/// The codes that name a modeled error on the wire.
fn wire_codes(e: &OperationError) -> impl Iterator<Item = &String> {
    std::iter::once(&e.code).chain(&e.other_codes)
}

/// `from_response` on an error structure, which the operations' `parse_error` calls: the members
/// the response carries, the message from `meta` when the modeled member is absent, and `meta`.
pub fn error_reader(krate: &Crate, s: &Struct) -> TokenStream {
    let bound = bindings::response_bindings(s);
    let members = error_members(krate, s);
    let message = s.error.as_ref().and_then(|e| e.message_field).map(|i| {
        let name = ident(&s.fields[i].name);
        if s.fields[i].optional {
            quote! {
                if ::std::matches!(out.#name.as_deref(), ::std::option::Option::None | ::std::option::Option::Some("")) {
                    if let ::std::option::Option::Some(message) = meta.message() {
                        out.#name = ::std::option::Option::Some(message.to_owned());
                    }
                }
            }
        } else {
            quote! {
                if out.#name.is_empty() {
                    if let ::std::option::Option::Some(message) = meta.message() {
                        out.#name = message.to_owned();
                    }
                }
            }
        }
    });
    let keep = s.metadata.as_ref().map(|m| {
        let field = ident(&m.field);
        quote!(out.#field = crate::error::Metadata(meta.clone());)
    });
    quote! {
        #[doc(hidden)]
        #[allow(deprecated, unused_mut, unused_variables)]
        pub fn from_response(
            status: u16,
            headers: &::http::HeaderMap,
            body: &[u8],
            meta: &crate::error::ErrorMetadata,
        ) -> ::std::result::Result<Self, crate::error::DeserializeError> {
            let mut out = Self::default();
            #members
            #bound
            #message
            #keep
            ::std::result::Result::Ok(out)
        }
    }
}
