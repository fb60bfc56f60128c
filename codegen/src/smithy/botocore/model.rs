//! Serde types of botocore's `service-2.json`, only the keys the conversion reads. Unknown keys
//! (paginator hints, endpoint discovery, context parameters, ...) are ignored.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{Number, Value};

/// A whole botocore model: `{"metadata": {...}, "operations": {...}, "shapes": {...}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceFile {
    pub metadata: Metadata,
    #[serde(default)]
    pub operations: BTreeMap<String, Operation>,
    #[serde(default)]
    pub shapes: BTreeMap<String, Shape>,
    pub documentation: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    pub protocol: Option<String>,
    #[serde(default)]
    pub protocols: Vec<String>,
    pub json_version: Option<String>,
    pub target_prefix: Option<String>,
    pub service_id: Option<String>,
    pub endpoint_prefix: Option<String>,
    pub signing_name: Option<String>,
    pub signature_version: Option<String>,
    pub api_version: Option<String>,
    pub service_full_name: Option<String>,
    pub xml_namespace: Option<String>,
    pub aws_query_compatible: Option<Value>,
    #[serde(default)]
    pub auth: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    pub http: Option<Http>,
    pub input: Option<ShapeRef>,
    pub output: Option<ShapeRef>,
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    pub documentation: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    pub deprecated_message: Option<String>,
    pub endpoint: Option<Endpoint>,
    #[serde(default, rename = "httpChecksumRequired")]
    pub http_checksum_required: bool,
    pub http_checksum: Option<Value>,
    #[serde(default)]
    pub idempotent: bool,
    #[serde(default)]
    pub readonly: bool,
    /// `none`, `v4`, `v4-unsigned-body`, ...
    pub authtype: Option<String>,
    pub auth: Option<Vec<String>>,
    #[serde(rename = "requestcompression")]
    pub request_compression: Option<Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Http {
    pub method: Option<String>,
    pub request_uri: Option<String>,
    pub response_code: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    pub host_prefix: Option<String>,
}

/// An operation's input, output or error: `{"shape": "Name"}`, plus the XML root name of a
/// REST-XML input.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShapeRef {
    pub shape: String,
    pub location_name: Option<String>,
    pub xml_namespace: Option<XmlNamespace>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct XmlNamespace {
    pub uri: Option<String>,
    pub prefix: Option<String>,
}

/// A member of a structure, or the `member`/`key`/`value` of a list or map.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberRef {
    pub shape: String,
    pub location: Option<String>,
    pub location_name: Option<String>,
    pub query_name: Option<String>,
    pub documentation: Option<String>,
    #[serde(default)]
    pub jsonvalue: bool,
    pub timestamp_format: Option<String>,
    #[serde(default)]
    pub xml_attribute: bool,
    pub xml_namespace: Option<XmlNamespace>,
    #[serde(default)]
    pub flattened: bool,
    #[serde(default)]
    pub idempotency_token: bool,
    #[serde(default)]
    pub deprecated: bool,
    pub deprecated_message: Option<String>,
    pub deprecated_since: Option<String>,
    #[serde(default)]
    pub streaming: bool,
    #[serde(default)]
    pub host_label: bool,
    #[serde(default, rename = "eventpayload")]
    pub event_payload: bool,
    #[serde(default, rename = "eventheader")]
    pub event_header: bool,
    #[serde(default)]
    pub sensitive: bool,
}

/// One botocore shape; keys that do not apply to its type are absent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, deserialize_with = "ordered")]
    pub members: Vec<(String, MemberRef)>,
    pub member: Option<MemberRef>,
    pub key: Option<MemberRef>,
    pub value: Option<MemberRef>,
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<String>>,
    pub min: Option<Number>,
    pub max: Option<Number>,
    pub pattern: Option<String>,
    pub documentation: Option<String>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub deprecated: bool,
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub exception: bool,
    #[serde(default)]
    pub fault: bool,
    pub error: Option<ErrorInfo>,
    pub retryable: Option<Retryable>,
    #[serde(default)]
    pub union: bool,
    #[serde(default)]
    pub document: bool,
    #[serde(default)]
    pub eventstream: bool,
    #[serde(default)]
    pub streaming: bool,
    #[serde(default)]
    pub requires_length: bool,
    pub timestamp_format: Option<String>,
    #[serde(default)]
    pub flattened: bool,
    pub xml_namespace: Option<XmlNamespace>,
    pub location_name: Option<String>,
    pub payload: Option<String>,
}

/// `error` of an exception shape: its code on the wire, HTTP status and whose fault it is.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorInfo {
    pub code: Option<String>,
    pub http_status_code: Option<u64>,
    pub sender_fault: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Retryable {
    #[serde(default)]
    pub throttling: bool,
}

/// Peeks at the top-level keys only, to tell a botocore model from a Smithy JSON AST.
#[derive(Deserialize)]
pub struct TopLevel {
    pub smithy: Option<serde::de::IgnoredAny>,
    pub metadata: Option<serde::de::IgnoredAny>,
    pub operations: Option<serde::de::IgnoredAny>,
    pub shapes: Option<serde::de::IgnoredAny>,
}

/// Deserializes a JSON object into a vector, keeping the document's key order (member order
/// becomes field order in the generated structs).
fn ordered<'de, D, T>(deserializer: D) -> Result<Vec<(String, T)>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct InOrder<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for InOrder<T> {
        type Value = Vec<(String, T)>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object of members")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut members = Vec::new();
            while let Some(entry) = map.next_entry()? {
                members.push(entry);
            }
            Ok(members)
        }
    }
    deserializer.deserialize_map(InOrder(PhantomData))
}
