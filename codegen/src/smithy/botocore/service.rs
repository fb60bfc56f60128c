//! `metadata` → the service shape: protocol, `aws.api#service`, SigV4, title, version, XML namespace.

use serde_json::{json, Map, Value};

use super::model::Metadata;
use super::protocol::WireProtocol;
use super::{blank, Context};
use crate::smithy::ast::{Shape, ShapeType, Target};
use crate::smithy::traits::{AWS_QUERY_COMPATIBLE, AWS_SERVICE, DOCUMENTATION, TITLE, XML_NAMESPACE};

/// The service shape's ID and the shape, binding every operation of the model.
pub fn service_shape(cx: &Context) -> (String, Shape) {
    let metadata = &cx.file.metadata;
    let mut shape = blank(ShapeType::Service);
    shape.version = metadata.api_version.clone();
    shape.operations = cx.file.operations.keys().map(|name| Target { target: cx.local_id(name) }).collect();
    let traits = &mut shape.traits;
    traits.insert(cx.protocol.trait_id().to_string(), json!({}));

    let mut service = Map::new();
    if let Some(sdk_id) = &metadata.service_id {
        service.insert("sdkId".to_string(), json!(sdk_id));
    }
    if let Some(prefix) = &metadata.endpoint_prefix {
        service.insert("endpointPrefix".to_string(), json!(prefix));
    }
    traits.insert(AWS_SERVICE.to_string(), Value::Object(service));

    let name = metadata.signing_name.as_ref().or(metadata.endpoint_prefix.as_ref());
    if signs_with_sigv4(cx) {
        traits.insert("aws.auth#sigv4".to_string(), json!({ "name": name }));
    }
    // The other schemes `metadata.auth` may list, and their order when it lists several.
    for scheme in &metadata.auth {
        match scheme.as_str() {
            "aws.auth#sigv4a" => traits.insert(scheme.clone(), json!({ "name": name })),
            "smithy.api#httpBearerAuth" => traits.insert(scheme.clone(), json!({})),
            _ => None,
        };
    }
    if metadata.auth.len() > 1 {
        traits.insert("smithy.api#auth".to_string(), json!(metadata.auth));
    }
    if let Some(title) = &metadata.service_full_name {
        traits.insert(TITLE.to_string(), json!(title));
    }
    if let Some(docs) = &cx.file.documentation {
        traits.insert(DOCUMENTATION.to_string(), json!(docs));
    }
    if let Some(uri) = &metadata.xml_namespace {
        traits.insert(XML_NAMESPACE.to_string(), json!({ "uri": uri }));
    }
    if metadata.aws_query_compatible.is_some() {
        traits.insert(AWS_QUERY_COMPATIBLE.to_string(), json!({}));
    }
    (cx.local_id(&cx.service_name), shape)
}

/// SigV4 when the model lists it among its auth schemes or signs with `v4`/`s3v4`.
fn signs_with_sigv4(cx: &Context) -> bool {
    let metadata = &cx.file.metadata;
    metadata.auth.iter().any(|a| a == "aws.auth#sigv4")
        || metadata.signature_version.as_deref().is_some_and(|v| v == "v4" || v == "s3v4")
}

/// The service shape's name: the `X-Amz-Target` prefix for the JSON protocols, else the
/// service ID with only its letters and digits.
pub fn service_name(metadata: &Metadata, protocol: WireProtocol) -> String {
    if protocol.uses_target_prefix() {
        // Kept even when it is not a Smithy identifier: the header must carry it unchanged.
        if let Some(prefix) = metadata.target_prefix.as_ref().filter(|p| !p.is_empty() && !p.contains(['#', '$'])) {
            return prefix.clone();
        }
    }
    let source = metadata.service_id.as_deref().or(metadata.endpoint_prefix.as_deref()).unwrap_or("Service");
    let name: String = source.chars().filter(char::is_ascii_alphanumeric).collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("Service{name}")
    }
}
