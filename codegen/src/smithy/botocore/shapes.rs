//! botocore shapes → Smithy shapes with their shape-level traits.

use std::collections::BTreeMap;

use serde_json::{json, Number, Value};

use super::members::{self, Extra};
use super::model::{MemberRef, Shape as BotoShape, XmlNamespace};
use super::{blank, Context};
use crate::error::{Error, Result};
use crate::smithy::ast::{Member, Shape, ShapeType};
use crate::smithy::traits::{
    AWS_QUERY_ERROR, DEPRECATED, DOCUMENTATION, ENUM, ERROR, HTTP_ERROR, HTTP_HEADER, HTTP_LABEL, HTTP_PREFIX_HEADERS,
    HTTP_QUERY, HTTP_QUERY_PARAMS, HTTP_RESPONSE_CODE, LENGTH, PATTERN, RANGE, RETRYABLE, SENSITIVE, STREAMING,
    TIMESTAMP_FORMAT, XML_ATTRIBUTE, XML_NAME, XML_NAMESPACE,
};

/// Every botocore shape, converted, plus the shapes member-level traits needed (see
/// [`members::Extra`]).
pub fn convert_all(cx: &Context) -> Result<BTreeMap<String, Shape>> {
    let mut extra = Extra::default();
    let mut out = BTreeMap::new();
    for (name, shape) in &cx.file.shapes {
        out.insert(cx.id(name), convert(cx, name, shape, &mut extra)?);
    }
    for (id, shape) in extra.build(&out) {
        out.entry(id).or_insert(shape);
    }
    Ok(out)
}

fn convert(cx: &Context, name: &str, shape: &BotoShape, extra: &mut Extra) -> Result<Shape> {
    let kind = kind_of(name, shape)?;
    let mut out = blank(kind);
    match kind {
        ShapeType::Structure | ShapeType::Union => {
            for (member_name, member) in &shape.members {
                out.members.push((member_name.clone(), members::structure_member(cx, name, shape, member_name, member, extra)?));
            }
            for required in &shape.required {
                if !shape.members.iter().any(|(n, _)| n == required) {
                    return Err(Error::BotocoreUnknownMember { shape: name.to_string(), key: "required", member: required.clone() });
                }
            }
            if cx.protocol.names_are_xml() {
                drop_shadowed_deprecated(&mut out.members);
            }
            if let Some(payload) = &shape.payload {
                if !shape.members.iter().any(|(n, _)| n == payload) {
                    return Err(Error::BotocoreUnknownMember { shape: name.to_string(), key: "payload", member: payload.clone() });
                }
            }
        }
        ShapeType::List => out.member = shape.member.as_ref().map(|m| collection_member(cx, m)),
        ShapeType::Map => {
            out.key = shape.key.as_ref().map(|m| collection_member(cx, m));
            out.value = shape.value.as_ref().map(|m| collection_member(cx, m));
        }
        _ => {}
    }
    out.traits = shape_traits(cx, name, shape, kind)?;
    Ok(out)
}

fn kind_of(name: &str, shape: &BotoShape) -> Result<ShapeType> {
    Ok(match shape.kind.as_str() {
        "structure" if shape.document => ShapeType::Document,
        "structure" if shape.union || shape.eventstream => ShapeType::Union,
        "structure" => ShapeType::Structure,
        "string" | "character" => ShapeType::String,
        "blob" => ShapeType::Blob,
        "boolean" => ShapeType::Boolean,
        "byte" => ShapeType::Byte,
        "short" => ShapeType::Short,
        "integer" => ShapeType::Integer,
        "long" => ShapeType::Long,
        "float" => ShapeType::Float,
        "double" => ShapeType::Double,
        "bigdecimal" => ShapeType::BigDecimal,
        "biginteger" => ShapeType::BigInteger,
        "timestamp" => ShapeType::Timestamp,
        "list" => ShapeType::List,
        "map" => ShapeType::Map,
        other => return Err(Error::BotocoreShapeType { shape: name.to_string(), kind: other.to_string() }),
    })
}

/// A list's `member` or a map's `key`/`value`: its target, and its XML name.
fn collection_member(cx: &Context, member: &MemberRef) -> Member {
    let mut traits = BTreeMap::new();
    if let Some(name) = &member.location_name {
        traits.insert(XML_NAME.to_string(), json!(name));
    }
    if let Some(ns) = &member.xml_namespace {
        traits.insert(XML_NAMESPACE.to_string(), xml_namespace(ns));
    }
    Member { target: cx.id(&member.shape), traits }
}

fn shape_traits(cx: &Context, name: &str, shape: &BotoShape, kind: ShapeType) -> Result<BTreeMap<String, Value>> {
    let mut traits = BTreeMap::new();
    if let Some(docs) = &shape.documentation {
        traits.insert(DOCUMENTATION.to_string(), json!(docs));
    }
    if shape.sensitive {
        traits.insert(SENSITIVE.to_string(), json!({}));
    }
    if shape.deprecated || shape.deprecated_message.is_some() {
        traits.insert(DEPRECATED.to_string(), deprecated(shape.deprecated_message.as_deref(), None));
    }
    if let Some(values) = &shape.enum_values {
        traits.insert(ENUM.to_string(), enum_definitions(values));
    }
    if let Some(pattern) = &shape.pattern {
        traits.insert(PATTERN.to_string(), json!(pattern));
    }
    if let Some(bounds) = bounds(shape.min.as_ref(), shape.max.as_ref(), kind) {
        traits.insert(bounds.0.to_string(), bounds.1);
    }
    if let Some(format) = &shape.timestamp_format {
        let smithy = members::timestamp_format(format)
            .ok_or_else(|| Error::shape(cx.id(name), format!("`timestampFormat` `{format}` is not iso8601, rfc822 or unixTimestamp")))?;
        traits.insert(TIMESTAMP_FORMAT.to_string(), json!(smithy));
    }
    if shape.streaming || shape.eventstream {
        traits.insert(STREAMING.to_string(), json!({}));
    }
    if shape.requires_length {
        traits.insert("smithy.api#requiresLength".to_string(), json!({}));
    }
    if let Some(ns) = &shape.xml_namespace {
        traits.insert(XML_NAMESPACE.to_string(), xml_namespace(ns));
    }
    if let Some(xml_name) = shape.location_name.as_ref().filter(|n| *n != name) {
        traits.insert(XML_NAME.to_string(), json!(xml_name));
    }
    if let Some(retryable) = &shape.retryable {
        let value = if retryable.throttling { json!({ "throttling": true }) } else { json!({}) };
        traits.insert(RETRYABLE.to_string(), value);
    }
    error_traits(name, shape, &mut traits);
    Ok(traits)
}

/// `exception` (with `fault` for the server's) → `@error`; `error.httpStatusCode` → `@httpError`;
/// `error.code`, when it is not the shape's name → `awsQueryError` (the code awsQuery and
/// query-compatible services send).
fn error_traits(name: &str, shape: &BotoShape, traits: &mut BTreeMap<String, Value>) {
    if !shape.exception && shape.error.is_none() {
        return;
    }
    let info = shape.error.clone().unwrap_or_default();
    let status = info.http_status_code;
    let server = shape.fault || (info.sender_fault != Some(true) && status.is_some_and(|s| s >= 500));
    traits.insert(ERROR.to_string(), json!(if server { "server" } else { "client" }));
    if let Some(status) = status {
        traits.insert(HTTP_ERROR.to_string(), json!(status));
    }
    if let Some(code) = info.code.as_ref().filter(|c| *c != name) {
        let status = status.unwrap_or(if server { 500 } else { 400 });
        traits.insert(AWS_QUERY_ERROR.to_string(), json!({ "code": code, "httpResponseCode": status }));
    }
}

/// The legacy `@enum` trait with values only: lowering names each variant after its value, as
/// Smithy's conversion of such a trait does (see the README's "botocore models").
fn enum_definitions(values: &[String]) -> Value {
    let mut seen = std::collections::BTreeSet::new();
    let definitions: Vec<Value> = values.iter().filter(|v| seen.insert(v.as_str())).map(|v| json!({ "value": v })).collect();
    Value::Array(definitions)
}

/// `min`/`max` → `@length` on strings, blobs, lists and maps, `@range` on numbers.
pub(crate) fn bounds(min: Option<&Number>, max: Option<&Number>, kind: ShapeType) -> Option<(&'static str, Value)> {
    if min.is_none() && max.is_none() {
        return None;
    }
    let (trait_id, whole) = match kind {
        ShapeType::String | ShapeType::Blob | ShapeType::List | ShapeType::Set | ShapeType::Map => (LENGTH, true),
        ShapeType::Byte
        | ShapeType::Short
        | ShapeType::Integer
        | ShapeType::Long
        | ShapeType::Float
        | ShapeType::Double
        | ShapeType::BigInteger
        | ShapeType::BigDecimal => (RANGE, false),
        _ => return None,
    };
    let mut value = serde_json::Map::new();
    for (key, bound) in [("min", min), ("max", max)] {
        if let Some(n) = bound {
            value.insert(key.to_string(), Value::Number(if whole { whole_number(n) } else { n.clone() }));
        }
    }
    Some((trait_id, Value::Object(value)))
}

/// `1.0` → `1`: a length is a count, which some models write as a float.
fn whole_number(n: &Number) -> Number {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && (0.0..9.0e15).contains(&f) => Number::from(f as u64),
        _ => n.clone(),
    }
}

pub(crate) fn xml_namespace(ns: &XmlNamespace) -> Value {
    let mut value = serde_json::Map::new();
    value.insert("uri".to_string(), json!(ns.uri.clone().unwrap_or_default()));
    if let Some(prefix) = &ns.prefix {
        value.insert("prefix".to_string(), json!(prefix));
    }
    Value::Object(value)
}

pub(crate) fn deprecated(message: Option<&str>, since: Option<&str>) -> Value {
    let mut value = serde_json::Map::new();
    if let Some(message) = message {
        value.insert("message".to_string(), json!(message));
    }
    if let Some(since) = since {
        value.insert("since".to_string(), json!(since));
    }
    Value::Object(value)
}

/// S3's deprecated notification shapes have a deprecated scalar member and its replacement, a
/// flattened list, under the same XML element name (`Event` and `Events`, both `<Event>`), which
/// no reader can tell apart. The deprecated member is left out (see the README's "botocore
/// models"); members sharing a name where none is deprecated are kept, for validation to judge.
fn drop_shadowed_deprecated(members: &mut Vec<(String, Member)>) {
    let element = |name: &str, member: &Member| -> Option<String> {
        let bound = [HTTP_HEADER, HTTP_LABEL, HTTP_QUERY, HTTP_QUERY_PARAMS, HTTP_PREFIX_HEADERS, HTTP_RESPONSE_CODE, XML_ATTRIBUTE];
        if bound.iter().any(|t| member.traits.contains_key(*t)) {
            return None;
        }
        Some(member.traits.get(XML_NAME).and_then(Value::as_str).unwrap_or(name).to_string())
    };
    let mut by_element: BTreeMap<String, Vec<(bool, String)>> = BTreeMap::new();
    for (name, member) in members.iter() {
        if let Some(element) = element(name, member) {
            by_element.entry(element).or_default().push((member.traits.contains_key(DEPRECATED), name.clone()));
        }
    }
    let shadowed: Vec<String> = by_element
        .into_values()
        .filter(|group| group.len() > 1 && group.iter().any(|(deprecated, _)| !deprecated))
        .flat_map(|group| group.into_iter().filter(|(deprecated, _)| *deprecated).map(|(_, name)| name))
        .collect();
    members.retain(|(name, _)| !shadowed.contains(name));
}
