//! awsJson1_0 and awsJson1_1: `POST /`, `X-Amz-Target: Service.Operation`, every member in a
//! JSON body under its member name; errors as restJson1 sends them.

use proc_macro2::TokenStream;
use quote::quote;

use super::{rest_json, Envelope};
use crate::emit::bindings::RequestParts;
use crate::emit::body::json;
use crate::ir::http::{HttpMethod, UriPattern};
use crate::ir::{Crate, Operation, Protocol, Struct};

pub(super) fn envelope(krate: &Crate, op: &Operation, input: &Struct, output: &Struct) -> Envelope {
    let content_type = match krate.service.protocol {
        Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
        _ => "application/x-amz-json-1.1",
    };
    let target = format!("{}.{}", krate.service.wire_name, op.wire_name);
    let mut request = RequestParts::new(HttpMethod::Post, UriPattern::root(), json::write_body(&input.fields, content_type), op);
    request.headers = quote!(crate::wire::insert_header(&mut headers, "X-Amz-Target", #target, "")?;);
    let output = if output.fields.is_empty() { TokenStream::new() } else { json::read_body(&output.fields) };
    Envelope { request: Some(request), output, error_metadata: rest_json::error_metadata(krate) }
}
