//! Customizations as model transforms: what AWS SDKs change in one service's model before they
//! generate it, applied before lowering and selected per service, so that everything downstream
//! (the request, the `URI` constant, the API surface, `cargo xtask diff`) sees the same operation.
//!
//! A customization Smithy has no trait for is written as one of ours
//! ([`CONSTANT_HEADER`], [`LABEL_DEFAULT`], ...), which lowering reads like any other trait.

use std::borrow::Cow;

use serde_json::Value;

use super::Model;

mod aws;
mod s3;

/// An operation's header with a fixed value, sent on every request: `{"name": …, "value": …}`
/// (a list of them).
pub const CONSTANT_HEADER: &str = "smelt.customizations#constantHeaders";
/// The value an unset or empty string label takes (Glacier's `-` for "this account").
pub const LABEL_DEFAULT: &str = "smelt.customizations#labelDefault";
/// The operation uploads a payload whose SHA-256 and tree hash go in headers (Glacier).
pub const TREE_HASH: &str = "smelt.customizations#treeHashChecksums";
/// A string member naming the endpoint the request goes to, instead of the client's (Machine
/// Learning's `Predict`).
pub const ENDPOINT_OVERRIDE: &str = "smelt.customizations#endpointOverride";
/// A string member whose value goes into the URI without its resource-type prefix
/// (`/hostedzone/Z1` → `Z1`: Route 53's IDs).
pub const TRIM_RESOURCE_ID: &str = "smelt.customizations#trimResourceId";

/// The model as the generator should see it for `service`: the model itself when no
/// customization applies, else a changed copy.
pub fn for_service<'m>(model: &'m Model, service: &str) -> Cow<'m, Model> {
    let sdk_id = model.shape(service).and_then(|s| s.traits.get(super::traits::AWS_SERVICE)).and_then(|v| v.get("sdkId")).and_then(Value::as_str);
    match (service, sdk_id) {
        (s3::SERVICE, _) => s3::strip_bucket_from_path(model, service),
        (aws::GLACIER, _) => changed(model, |m| aws::glacier(m, service)),
        (aws::API_GATEWAY, _) => changed(model, |m| aws::api_gateway(m, service)),
        (aws::MACHINE_LEARNING, _) => changed(model, aws::machine_learning),
        // By SDK ID: the botocore front end names Route 53's service shape otherwise.
        (_, Some(aws::ROUTE_53_SDK_ID)) => changed(model, aws::route_53),
        _ => Cow::Borrowed(model),
    }
}

fn changed(model: &Model, change: impl FnOnce(&mut Model)) -> Cow<'_, Model> {
    let mut copy = model.clone();
    change(&mut copy);
    Cow::Owned(copy)
}
