//! restJson1: the HTTP binding traits, and JSON bodies (`jsonName` keys).

use proc_macro2::TokenStream;
use quote::quote;

use super::Envelope;
use crate::emit::bindings::{self, RequestParts};
use crate::emit::body::json;
use crate::ir::{Crate, Field, HttpBinding, Operation, Struct, TyKind};

pub(super) fn envelope(krate: &Crate, op: &Operation, input: &Struct, output: &Struct) -> Envelope {
    let request = op.http.as_ref().map(|http| RequestParts::new(http.method.clone(), http.uri.clone(), request_body(input), op));
    Envelope { request, output: response_members(output), error_metadata: error_metadata(krate) }
}

fn body_fields(s: &Struct) -> Vec<Field> {
    s.fields.iter().filter(|f| f.http == HttpBinding::Body).cloned().collect()
}

/// The payload, else a JSON object of the body members (none: no body at all).
fn request_body(input: &Struct) -> TokenStream {
    if let Some(payload) = input.fields.iter().find(|f| f.http == HttpBinding::Payload) {
        // An unset structure payload is `{}`; an unset union or document payload sends nothing.
        let empty = matches!(payload.ty.kind, TyKind::Struct(_)).then(json::empty_payload);
        return bindings::payload_body(payload, json::payload_write(&payload.ty), empty, "application/json");
    }
    let fields = body_fields(input);
    if fields.is_empty() {
        return quote!(let body = ::std::vec::Vec::new(););
    }
    json::write_body(&fields, "application/json")
}

/// The body members (or the payload), then the members bound to headers and the status code.
fn response_members(s: &Struct) -> TokenStream {
    let fields = body_fields(s);
    let body = (!fields.is_empty()).then(|| json::read_body(&fields));
    let bound = bindings::response_bindings(s);
    let payload = s.fields.iter().find(|f| f.http == HttpBinding::Payload).map(|f| bindings::payload_read(f, json::payload_read(f)));
    quote!(#body #bound #payload)
}

/// The JSON protocols' error envelope: the code from `X-Amzn-ErrorType`, `code` or `__type` (or,
/// for an `awsQueryCompatible` service, `x-amzn-query-error`); a body that is no JSON object has
/// no members.
pub(super) fn error_metadata(krate: &Crate) -> TokenStream {
    let query_compatible = super::query_compatible(krate);
    quote! {
        let (meta, is_object) = crate::json::error_metadata(headers, body, #query_compatible);
        let members: &[u8] = if is_object { body } else { &[] };
    }
}

/// An error's body members, from the JSON object in `body`.
pub(super) fn error_members(s: &Struct) -> TokenStream {
    let fields = body_fields(s);
    if fields.is_empty() {
        return TokenStream::new();
    }
    json::read_body(&fields)
}
