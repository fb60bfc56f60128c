//! What AWS SDKs do for particular services beyond their models, in one place: each is a small
//! change to an operation's request, chosen by the service's shape ID.

use quote::quote;

use super::bindings::RequestParts;
use super::runtime::Section;
use super::types::ident;
use crate::ir::{Crate, HttpBinding, Operation, Struct};

const GLACIER: &str = "com.amazonaws.glacier#Glacier";
const API_GATEWAY: &str = "com.amazonaws.apigateway#BackplaneControlService";
const MACHINE_LEARNING: &str = "com.amazonaws.machinelearning#AmazonML_20141212";

/// Route 53, by its SDK ID: the botocore front end names the service shape otherwise.
const ROUTE_53_SDK_ID: &str = "Route 53";

/// The shapes of Route 53's IDs, which its responses prefix with the resource type.
const ROUTE_53_ID_SHAPES: [&str; 3] = ["ResourceId", "DelegationSetId", "ChangeId"];

fn is_route_53(krate: &Crate) -> bool {
    krate.service.sdk_id.as_deref() == Some(ROUTE_53_SDK_ID)
}

/// Runtime sections the service's customizations use (their dependencies come with them).
pub fn runtime_sections(krate: &Crate) -> &'static [Section] {
    match krate.service.shape_id.as_str() {
        GLACIER => &[Section::Glacier],
        _ if is_route_53(krate) => &[Section::Route53],
        _ => &[],
    }
}

/// Applies the service's customizations to one operation's request.
pub fn customize(krate: &Crate, op: &Operation, input: &Struct, parts: &mut RequestParts) {
    match krate.service.shape_id.as_str() {
        GLACIER => glacier(krate, input, parts),
        API_GATEWAY => {
            let headers = &parts.headers;
            parts.headers = quote!(#headers crate::wire::insert_header(&mut headers, "Accept", "application/json", "")?;);
        }
        MACHINE_LEARNING if op.wire_name == "Predict" => predict_endpoint(input, parts),
        _ if is_route_53(krate) => route_53_ids(input, parts),
        _ => {}
    }
}

/// Route 53 answers with IDs such as `/hostedzone/Z1D633PJN98FT9`, `/change/C2682N5HXP0BZ4` and
/// `/delegationset/N1PA6795SAMPLE`, and callers pass them back as they got them; the URI wants
/// the bare ID, so the prefix is dropped (as botocore and aws-sdk-rust do).
fn route_53_ids(input: &Struct, parts: &mut RequestParts) {
    let is_id = |f: &&crate::ir::Field| {
        matches!(f.http, HttpBinding::Label | HttpBinding::Query(_))
            && matches!(f.ty.kind, crate::ir::TyKind::String)
            && ROUTE_53_ID_SHAPES.contains(&crate::smithy::shape_name(&f.ty.shape_id))
    };
    parts.trimmed_ids.extend(input.fields.iter().filter(is_id).map(|f| f.member_name.clone()));
}

/// Glacier wants its API version in `X-Amz-Glacier-Version`, takes `-` for "my account" when
/// `accountId` is unset or empty, and wants SHA-256 checksums of uploaded payloads.
fn glacier(krate: &Crate, input: &Struct, parts: &mut RequestParts) {
    let version = krate.service.version.as_deref().unwrap_or_default();
    let headers = &parts.headers;
    parts.headers = quote!(#headers crate::wire::insert_header(&mut headers, "X-Amz-Glacier-Version", #version, "")?;);
    if input.fields.iter().any(|f| f.member_name == "accountId" && f.http == HttpBinding::Label) {
        parts.label_defaults.push(("accountId".to_string(), "-".to_string()));
    }
    let uploads_payload = input.fields.iter().any(|f| f.http == HttpBinding::Header("x-amz-sha256-tree-hash".to_string()));
    if uploads_payload {
        let finish = &parts.finish;
        parts.finish = quote!(#finish crate::wire::glacier_checksums(&mut headers, &body)?;);
    }
}

/// Machine Learning's `Predict` goes to the endpoint its input names, not the client's.
fn predict_endpoint(input: &Struct, parts: &mut RequestParts) {
    let Some(field) = input.fields.iter().find(|f| f.member_name == "PredictEndpoint") else { return };
    let name = ident(&field.name);
    let value = if field.optional { quote!(input.#name.as_deref()) } else { quote!(::std::option::Option::Some(input.#name.as_str())) };
    let finish = &parts.finish;
    parts.finish = quote! {
        #finish
        if let ::std::option::Option::Some(endpoint) = #value.filter(|e| !e.is_empty()) {
            let mut pointed = ::http::Request::new(());
            *pointed.uri_mut() = uri;
            crate::wire::apply_endpoint(&mut pointed, endpoint, "")?;
            uri = pointed.into_parts().0.uri;
        }
    };
}
