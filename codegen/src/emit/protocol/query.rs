//! awsQuery and ec2Query: `POST /` with a form body (`Action`, `Version`, then the input's
//! members as dotted keys), XML responses (awsQuery wraps the output's members in
//! `<OperationResult>` inside `<OperationResponse>`; ec2Query puts them in the response element
//! itself), and XML errors.

use proc_macro2::TokenStream;
use quote::quote;

use super::{xml_errors, Envelope};
use crate::emit::bindings::{self, RequestParts};
use crate::emit::body::{query, xml};
use crate::ir::http::TimestampFormat;
use crate::ir::http::{HttpMethod, UriPattern};
use crate::ir::{Crate, Operation, Protocol, Struct};

const TIMESTAMPS: TimestampFormat = TimestampFormat::DateTime;

fn dialect(krate: &Crate) -> query::Dialect {
    match krate.service.protocol {
        Protocol::Ec2Query => query::Dialect::Ec2,
        _ => query::Dialect::AwsQuery,
    }
}

pub(super) fn envelope(krate: &Crate, op: &Operation, input: &Struct, output: &Struct) -> Envelope {
    let action = &op.wire_name;
    let version = krate.service.version.as_deref().unwrap_or_default();
    let write = query::write_members(&input.fields, &quote!(input), dialect(krate));
    let content_type = bindings::content_type("application/x-www-form-urlencoded");
    let body = quote! {
        let mut writer = crate::query::QueryWriter::new(#action, #version);
        {
            let mut key = crate::query::QueryKey::new("");
            let (w, key) = (&mut writer, &mut key);
            #write
        }
        let body = writer.into_bytes();
        #content_type
    };
    let request = RequestParts::new(HttpMethod::Post, UriPattern::root(), body, op);
    Envelope { request: Some(request), output: response_members(krate, op, output), error_metadata: xml_errors::metadata() }
}

/// The output's members, from `<OpResponse><OpResult>` (awsQuery) or `<OpResponse>` (ec2Query).
fn response_members(krate: &Crate, op: &Operation, output: &Struct) -> TokenStream {
    if output.fields.is_empty() && output.metadata.is_none() {
        return TokenStream::new();
    }
    let read = xml::read_members(&output.fields, TIMESTAMPS);
    // Without an `x-amzn-RequestId` header, awsQuery's `<ResponseMetadata><RequestId>` names the request.
    let request_id = output.metadata.as_ref().map(|m| {
        let field = crate::emit::types::ident(&m.field);
        quote! {
            "ResponseMetadata" => {
                while let ::std::option::Option::Some(mut id) = result.next_tag()? {
                    if id.start().local_name() == "RequestId" && out.#field.request_id().is_none() {
                        let ids = crate::error::ResponseMetadata::new(::std::option::Option::Some(id.text()?), out.#field.extended_request_id().map(str::to_owned));
                        out.#field = crate::error::Metadata(ids);
                    }
                }
            }
        }
    });
    let inside = match dialect(krate) {
        query::Dialect::Ec2 => quote!(let el = &mut root; #read),
        query::Dialect::AwsQuery => {
            let result = format!("{}Result", op.wire_name);
            // An output with members must have come in its `<OpResult>`.
            let (seen, saw, require) = if output.fields.is_empty() {
                (TokenStream::new(), TokenStream::new(), TokenStream::new())
            } else {
                (
                    quote!(let mut has_result = false;),
                    quote!(has_result = true;),
                    quote! {
                        if !has_result {
                            return ::std::result::Result::Err(crate::error::DeserializeError::new(::std::concat!("the response has no <", #result, "> element")));
                        }
                    },
                )
            };
            quote! {
                #seen
                while let ::std::option::Option::Some(mut result) = root.next_tag()? {
                    match result.start().local_name() {
                        #result => {
                            #saw
                            let el = &mut result;
                            #read
                        }
                        #request_id
                        _ => {}
                    }
                }
                #require
            }
        }
    };
    let response = format!("{}Response", op.wire_name);
    quote! {
        if let ::std::option::Option::Some(mut doc) = crate::xml::Document::for_body(body)? {
            let mut root = doc.root()?;
            root.expect_name(#response)?;
            #inside
        }
    }
}

/// An error's members, from its `<Error>` element.
pub(super) fn error_members(s: &Struct) -> TokenStream {
    xml_errors::members(&s.fields, TIMESTAMPS)
}
