//! A structure member's traits: `required`, the HTTP bindings of `location`/`locationName`, body
//! names, XML details, and the member-level flags botocore has.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::model::{MemberRef, Shape as BotoShape};
use super::shapes::{deprecated, xml_namespace};
use super::Context;
use crate::error::{Error, Result};
use crate::smithy::ast::{Member, Shape};
use crate::smithy::traits::{
    DEPRECATED, DOCUMENTATION, EC2_QUERY_NAME, HTTP_HEADER, HTTP_LABEL, HTTP_PAYLOAD, HTTP_PREFIX_HEADERS, HTTP_QUERY,
    HTTP_QUERY_PARAMS, HTTP_RESPONSE_CODE, IDEMPOTENCY_TOKEN, JSON_NAME, MEDIA_TYPE, REQUIRED, SENSITIVE, STREAMING,
    TIMESTAMP_FORMAT, XML_ATTRIBUTE, XML_FLATTENED, XML_NAME, XML_NAMESPACE,
};

/// botocore's `timestampFormat` values → Smithy's.
pub fn timestamp_format(botocore: &str) -> Option<&'static str> {
    match botocore {
        "iso8601" => Some("date-time"),
        "rfc822" => Some("http-date"),
        "unixTimestamp" => Some("epoch-seconds"),
        _ => None,
    }
}

/// Copies of target shapes with one more shape-level trait, for flags botocore sets on a member
/// but Smithy (and lowering) read from the target: `streaming` → `@streaming` and `jsonvalue` →
/// `@mediaType("application/json")`.
#[derive(Default)]
pub struct Extra {
    /// New shape ID → (the ID of the shape it copies, the trait it adds, the trait's value).
    copies: BTreeMap<String, (String, &'static str, Value)>,
    /// Lowercased names taken: the context's, and the copies'.
    taken: BTreeSet<String>,
}

impl Extra {
    fn copy_with(&mut self, cx: &Context, base: &str, prefix: &str, trait_id: &'static str, value: Value) -> String {
        if let Some((id, _)) = self.copies.iter().find(|(_, (b, t, _))| b == &cx.id(base) && *t == trait_id) {
            return id.clone();
        }
        if self.taken.is_empty() {
            self.taken = cx.taken.clone();
        }
        let mut name = format!("{prefix}{base}");
        let mut n = 2;
        while self.taken.contains(&name.to_ascii_lowercase()) {
            name = format!("{prefix}{base}{n}");
            n += 1;
        }
        self.taken.insert(name.to_ascii_lowercase());
        let id = cx.local_id(&name);
        self.copies.insert(id.clone(), (cx.id(base), trait_id, value));
        id
    }

    /// The copies, built from the converted shapes they copy; a copy of a shape that does not
    /// exist is left out, so the member's target is reported missing by the load checks.
    pub fn build(self, shapes: &BTreeMap<String, Shape>) -> Vec<(String, Shape)> {
        self.copies
            .into_iter()
            .filter_map(|(id, (base, trait_id, value))| {
                let mut shape = shapes.get(&base)?.clone();
                shape.traits.insert(trait_id.to_string(), value);
                Some((id, shape))
            })
            .collect()
    }
}

/// One member of a structure or union, with its traits.
pub fn structure_member(
    cx: &Context,
    owner: &str,
    shape: &BotoShape,
    name: &str,
    member: &MemberRef,
    extra: &mut Extra,
) -> Result<Member> {
    let target_shape = cx.file.shapes.get(&member.shape);
    let mut target = cx.id(&member.shape);
    let mut traits = BTreeMap::new();
    if let Some(docs) = &member.documentation {
        traits.insert(DOCUMENTATION.to_string(), json!(docs));
    }
    if shape.required.iter().any(|r| r == name) {
        traits.insert(REQUIRED.to_string(), json!({}));
    }
    let bound = binding(owner, name, member, target_shape, &mut traits)?;
    if !bound {
        body_name(cx, name, member, &mut traits);
    }
    if shape.payload.as_deref() == Some(name) {
        traits.insert(HTTP_PAYLOAD.to_string(), json!({}));
    }
    if let Some(format) = &member.timestamp_format {
        let smithy = timestamp_format(format).ok_or_else(|| Error::BotocoreMemberValue {
            shape: owner.to_string(),
            member: name.to_string(),
            key: "timestampFormat",
            value: format.clone(),
            expected: "iso8601, rfc822 or unixTimestamp",
        })?;
        traits.insert(TIMESTAMP_FORMAT.to_string(), json!(smithy));
    }
    xml_traits(cx, member, target_shape, &mut traits);
    flags(member, &mut traits);
    let target_streams = target_shape.is_some_and(|t| t.streaming);
    if member.streaming && !target_streams {
        target = extra.copy_with(cx, &member.shape, "Streaming", STREAMING, json!({}));
    }
    if member.jsonvalue {
        target = extra.copy_with(cx, &member.shape, "Json", MEDIA_TYPE, json!("application/json"));
    }
    Ok(Member { target, traits })
}

/// `location` → the HTTP binding trait; whether the member is bound outside the body.
fn binding(
    owner: &str,
    name: &str,
    member: &MemberRef,
    target: Option<&BotoShape>,
    traits: &mut BTreeMap<String, Value>,
) -> Result<bool> {
    let Some(location) = &member.location else { return Ok(false) };
    let wire = member.location_name.as_deref().unwrap_or(name);
    match location.as_str() {
        "uri" => {
            traits.insert(HTTP_LABEL.to_string(), json!({}));
            // Smithy requires labels to be required; a path cannot leave them out either.
            traits.insert(REQUIRED.to_string(), json!({}));
        }
        "querystring" if target.is_some_and(|t| t.kind == "map") => {
            traits.insert(HTTP_QUERY_PARAMS.to_string(), json!({}));
        }
        "querystring" => {
            traits.insert(HTTP_QUERY.to_string(), json!(wire));
        }
        "header" => {
            traits.insert(HTTP_HEADER.to_string(), json!(wire));
        }
        "headers" => {
            traits.insert(HTTP_PREFIX_HEADERS.to_string(), json!(member.location_name.as_deref().unwrap_or("")));
        }
        "statusCode" => {
            traits.insert(HTTP_RESPONSE_CODE.to_string(), json!({}));
        }
        other => {
            return Err(Error::BotocoreMemberValue {
                shape: owner.to_string(),
                member: name.to_string(),
                key: "location",
                value: other.to_string(),
                expected: "uri, querystring, header, headers or statusCode",
            })
        }
    }
    Ok(true)
}

/// `locationName` on a body member renames it on the wire: `@jsonName` for the JSON protocols,
/// `@xmlName` for the XML and query ones; `queryName` is EC2's own query key.
fn body_name(cx: &Context, name: &str, member: &MemberRef, traits: &mut BTreeMap<String, Value>) {
    if let Some(wire) = member.location_name.as_ref().filter(|n| *n != name) {
        let trait_id = if cx.protocol.names_are_xml() { XML_NAME } else { JSON_NAME };
        traits.insert(trait_id.to_string(), json!(wire));
    }
    if let Some(query) = &member.query_name {
        traits.insert(EC2_QUERY_NAME.to_string(), json!(query));
    }
}

fn xml_traits(cx: &Context, member: &MemberRef, target: Option<&BotoShape>, traits: &mut BTreeMap<String, Value>) {
    if member.xml_attribute {
        traits.insert(XML_ATTRIBUTE.to_string(), json!({}));
    }
    if let Some(ns) = &member.xml_namespace {
        traits.insert(XML_NAMESPACE.to_string(), xml_namespace(ns));
    }
    let flattened_target = target.is_some_and(|t| t.flattened && (t.kind == "list" || t.kind == "map"));
    if member.flattened || (flattened_target && cx.protocol.names_are_xml()) {
        traits.insert(XML_FLATTENED.to_string(), json!({}));
    }
}

/// The member-level flags that carry over as they are.
fn flags(member: &MemberRef, traits: &mut BTreeMap<String, Value>) {
    if member.idempotency_token {
        traits.insert(IDEMPOTENCY_TOKEN.to_string(), json!({}));
    }
    if member.deprecated || member.deprecated_message.is_some() {
        traits.insert(DEPRECATED.to_string(), deprecated(member.deprecated_message.as_deref(), member.deprecated_since.as_deref()));
    }
    if member.host_label {
        traits.insert("smithy.api#hostLabel".to_string(), json!({}));
    }
    if member.event_payload {
        traits.insert("smithy.api#eventPayload".to_string(), json!({}));
    }
    if member.event_header {
        traits.insert("smithy.api#eventHeader".to_string(), json!({}));
    }
    if member.sensitive {
        traits.insert(SENSITIVE.to_string(), json!({}));
    }
}
