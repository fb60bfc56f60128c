//! What AWS SDKs do for Glacier, API Gateway, Machine Learning and Route 53, as traits of ours on
//! their models.

use serde_json::{json, Value};

use super::{CONSTANT_HEADER, ENDPOINT_OVERRIDE, LABEL_DEFAULT, TREE_HASH, TRIM_RESOURCE_ID};
use crate::smithy::traits::{TraitsExt, HTTP_HEADER, HTTP_LABEL, HTTP_QUERY};
use crate::smithy::{shape_name, Model, ShapeType};

pub const GLACIER: &str = "com.amazonaws.glacier#Glacier";
pub const API_GATEWAY: &str = "com.amazonaws.apigateway#BackplaneControlService";
pub const MACHINE_LEARNING: &str = "com.amazonaws.machinelearning#AmazonML_20141212";
pub const ROUTE_53_SDK_ID: &str = "Route 53";

/// The shapes of Route 53's IDs, which its responses prefix with the resource type.
const ROUTE_53_ID_SHAPES: [&str; 3] = ["ResourceId", "DelegationSetId", "ChangeId"];

/// Every operation gets a header with a fixed value.
fn constant_header(model: &mut Model, name: &str, value: &str) {
    for shape in model.shapes.values_mut().filter(|s| s.kind == ShapeType::Operation) {
        let headers = shape.traits.entry(CONSTANT_HEADER.to_string()).or_insert_with(|| json!([]));
        if let Some(list) = headers.as_array_mut() {
            list.push(json!({ "name": name, "value": value }));
        }
    }
}

/// Glacier wants its API version in `X-Amz-Glacier-Version`, takes `-` for "my account" when
/// `accountId` is unset or empty, and wants SHA-256 checksums of uploaded payloads (the
/// operations whose input has the `x-amz-sha256-tree-hash` header).
pub fn glacier(model: &mut Model, service: &str) {
    let version = model.shape(service).and_then(|s| s.version.clone()).unwrap_or_default();
    constant_header(model, "X-Amz-Glacier-Version", &version);
    let mut uploads = Vec::new();
    for (id, shape) in model.shapes.iter_mut().filter(|(_, s)| s.kind == ShapeType::Structure) {
        for (name, member) in shape.members.iter_mut() {
            if name == "accountId" && member.traits.has(HTTP_LABEL) {
                member.traits.insert(LABEL_DEFAULT.to_string(), json!("-"));
            }
            if member.traits.string(HTTP_HEADER).is_some_and(|h| h.eq_ignore_ascii_case("x-amz-sha256-tree-hash")) {
                uploads.push(id.clone());
            }
        }
    }
    for shape in model.shapes.values_mut().filter(|s| s.kind == ShapeType::Operation) {
        if shape.input.as_ref().is_some_and(|input| uploads.contains(&input.target)) {
            shape.traits.insert(TREE_HASH.to_string(), json!({}));
        }
    }
}

/// API Gateway answers in JSON only when asked to.
pub fn api_gateway(model: &mut Model, _service: &str) {
    constant_header(model, "Accept", "application/json");
}

/// Machine Learning's `Predict` goes to the endpoint its input names, not the client's.
pub fn machine_learning(model: &mut Model) {
    let input = model.shape("com.amazonaws.machinelearning#Predict").and_then(|op| op.input.clone());
    if let Some(shape) = input.and_then(|i| model.shapes.get_mut(&i.target)) {
        if let Some((_, member)) = shape.members.iter_mut().find(|(name, _)| name == "PredictEndpoint") {
            member.traits.insert(ENDPOINT_OVERRIDE.to_string(), json!({}));
        }
    }
}

/// Route 53 answers with IDs such as `/hostedzone/Z1D633PJN98FT9`, `/change/C2682N5HXP0BZ4` and
/// `/delegationset/N1PA6795SAMPLE`, and callers pass them back as they got them; the URI wants
/// the bare ID, so the prefix is dropped (as botocore and aws-sdk-rust do) from the members that
/// target those ID shapes and go into a label or the query.
pub fn route_53(model: &mut Model) {
    for shape in model.shapes.values_mut().filter(|s| s.kind == ShapeType::Structure) {
        for (_, member) in shape.members.iter_mut() {
            let in_uri = member.traits.has(HTTP_LABEL) || member.traits.has(HTTP_QUERY);
            if in_uri && ROUTE_53_ID_SHAPES.contains(&shape_name(&member.target)) {
                member.traits.insert(TRIM_RESOURCE_ID.to_string(), Value::Object(Default::default()));
            }
        }
    }
}
