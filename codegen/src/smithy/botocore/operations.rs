//! botocore operations → Smithy operation shapes, and `@input`/`@output` on the structures only
//! one operation uses.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::model::{Operation, ShapeRef};
use super::shapes::{deprecated, xml_namespace};
use super::{blank, Context};
use crate::error::Result;
use crate::smithy::ast::{Shape, ShapeType, Target};
use crate::smithy::traits::{
    DEPRECATED, DOCUMENTATION, ENDPOINT, HTTP, HTTP_CHECKSUM_REQUIRED, INPUT, OUTPUT, REQUEST_COMPRESSION, XML_NAME,
    XML_NAMESPACE,
};

/// Adds an operation shape per botocore operation to `shapes`, and marks the input and output
/// structures.
pub fn convert_all(cx: &Context, shapes: &mut BTreeMap<String, Shape>) -> Result<()> {
    let uses = reference_counts(cx);
    for (name, op) in &cx.file.operations {
        let operation = convert(cx, op);
        for (reference, trait_id) in [(&op.input, INPUT), (&op.output, OUTPUT)] {
            let Some(reference) = reference else { continue };
            let id = cx.id(&reference.shape);
            if let Some(shape) = shapes.get_mut(&id).filter(|s| s.kind == ShapeType::Structure) {
                if uses.get(reference.shape.as_str()) == Some(&1) && !shape.traits.contains_key(crate::smithy::traits::ERROR) {
                    shape.traits.insert(trait_id.to_string(), json!({}));
                }
                if trait_id == INPUT {
                    root_element(reference, shape);
                }
            }
        }
        shapes.insert(cx.local_id(name), operation);
    }
    Ok(())
}

/// How often each shape is referenced: by members, lists, maps, and operations.
fn reference_counts<'a>(cx: &Context<'a>) -> BTreeMap<&'a str, usize> {
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for shape in cx.file.shapes.values() {
        let members = shape.members.iter().map(|(_, m)| m).chain(&shape.member).chain(&shape.key).chain(&shape.value);
        for member in members {
            *uses.entry(member.shape.as_str()).or_default() += 1;
        }
    }
    for op in cx.file.operations.values() {
        for reference in op.input.iter().chain(&op.output).chain(&op.errors) {
            *uses.entry(reference.shape.as_str()).or_default() += 1;
        }
    }
    uses
}

/// A REST-XML input's `locationName`/`xmlNamespace`: the root element of its body.
fn root_element(reference: &ShapeRef, shape: &mut Shape) {
    if let Some(name) = &reference.location_name {
        shape.traits.insert(XML_NAME.to_string(), json!(name));
    }
    if let Some(ns) = &reference.xml_namespace {
        shape.traits.insert(XML_NAMESPACE.to_string(), xml_namespace(ns));
    }
}

fn convert(cx: &Context, op: &Operation) -> Shape {
    let mut shape = blank(ShapeType::Operation);
    shape.input = op.input.as_ref().map(|r| Target { target: cx.id(&r.shape) });
    shape.output = op.output.as_ref().map(|r| Target { target: cx.id(&r.shape) });
    shape.errors = op.errors.iter().map(|r| Target { target: cx.id(&r.shape) }).collect();
    let traits = &mut shape.traits;
    if let Some(docs) = &op.documentation {
        traits.insert(DOCUMENTATION.to_string(), json!(docs));
    }
    if op.deprecated || op.deprecated_message.is_some() {
        traits.insert(DEPRECATED.to_string(), deprecated(op.deprecated_message.as_deref(), None));
    }
    if cx.protocol.is_rest() {
        if let Some(http) = http_trait(cx, op) {
            traits.insert(HTTP.to_string(), http);
        }
    }
    if let Some(prefix) = op.endpoint.as_ref().and_then(|e| e.host_prefix.as_ref()) {
        traits.insert(ENDPOINT.to_string(), json!({ "hostPrefix": prefix }));
    }
    let checksum_required = op.http_checksum.as_ref().and_then(|c| c.get("requestChecksumRequired")).and_then(Value::as_bool);
    if op.http_checksum_required || checksum_required == Some(true) {
        traits.insert(HTTP_CHECKSUM_REQUIRED.to_string(), json!({}));
    }
    if let Some(checksum) = &op.http_checksum {
        traits.insert("aws.protocols#httpChecksum".to_string(), checksum.clone());
    }
    if let Some(compression) = &op.request_compression {
        traits.insert(REQUEST_COMPRESSION.to_string(), compression.clone());
    }
    if op.idempotent {
        traits.insert("smithy.api#idempotent".to_string(), json!({}));
    }
    if op.readonly {
        traits.insert("smithy.api#readonly".to_string(), json!({}));
    }
    // `auth` lists the operation's schemes in order; `smithy.api#noAuth` alone means anonymous,
    // beside others that it may also go unsigned.
    let listed: Vec<&String> = op.auth.iter().flatten().filter(|s| *s != "smithy.api#noAuth").collect();
    let lists_no_auth = op.auth.as_ref().is_some_and(|a| a.iter().any(|s| s == "smithy.api#noAuth"));
    if op.authtype.as_deref() == Some("none") || (lists_no_auth && listed.is_empty()) {
        traits.insert("smithy.api#auth".to_string(), json!([]));
    } else if op.auth.is_some() {
        traits.insert("smithy.api#auth".to_string(), json!(listed));
        if lists_no_auth {
            traits.insert("smithy.api#optionalAuth".to_string(), json!({}));
        }
    }
    if op.authtype.as_deref() == Some("v4-unsigned-body") {
        traits.insert("aws.auth#unsignedPayload".to_string(), json!({}));
    }
    shape
}

/// `http` → `@http`: the method, the request URI with each label renamed from its wire name
/// (botocore's `locationName`) to the member it binds, and the response code.
fn http_trait(cx: &Context, op: &Operation) -> Option<Value> {
    let http = op.http.as_ref()?;
    let mut value = Map::new();
    value.insert("method".to_string(), json!(http.method.as_deref().unwrap_or("POST")));
    let uri = http.request_uri.as_deref().unwrap_or("/");
    value.insert("uri".to_string(), json!(label_members(cx, op, uri)));
    value.insert("code".to_string(), json!(http.response_code.unwrap_or(200)));
    Some(Value::Object(value))
}

fn label_members(cx: &Context, op: &Operation, uri: &str) -> String {
    let input = op.input.as_ref().and_then(|r| cx.file.shapes.get(&r.shape));
    let wire_to_member: BTreeMap<&str, &str> = input
        .map(|shape| {
            shape
                .members
                .iter()
                .filter(|(_, m)| m.location.as_deref() == Some("uri"))
                .map(|(name, m)| (m.location_name.as_deref().unwrap_or(name.as_str()), name.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let (path, query) = match uri.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (uri, None),
    };
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| {
            let Some(inner) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else { return segment.to_string() };
            let (wire, greedy) = inner.strip_suffix('+').map_or((inner, ""), |w| (w, "+"));
            let member = wire_to_member.get(wire).copied().unwrap_or(wire);
            format!("{{{member}{greedy}}}")
        })
        .collect();
    let path = segments.join("/");
    match query {
        Some(query) => format!("{path}?{query}"),
        None => path,
    }
}
