//! The service's protocol, decided once: what each protocol puts on the wire and how.

use super::http::TimestampFormat;
use crate::smithy::traits::{Traits, TraitsExt};

/// The protocols a service can speak, by their Smithy traits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`: HTTP bindings, JSON bodies.
    RestJson1,
    /// `aws.protocols#awsJson1_0`: `POST /`, `X-Amz-Target`, JSON bodies.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`: as 1.0, with another content type.
    AwsJson1_1,
    /// `aws.protocols#restXml`: HTTP bindings, XML bodies; `no_error_wrapping` drops the
    /// `<ErrorResponse>` around an error's `<Error>`.
    RestXml { no_error_wrapping: bool },
    /// `aws.protocols#awsQuery`: form-encoded requests, XML responses wrapped in `<OpResult>`.
    AwsQuery,
    /// `aws.protocols#ec2Query`: form-encoded requests with EC2's names, unwrapped XML responses.
    Ec2Query,
    /// A protocol without a wire layer here (such as `smithy.protocols#rpcv2Cbor`), by its trait name.
    Unsupported(String),
    /// The service names no protocol.
    None,
}

/// How a request or response body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    Json,
    Xml,
    /// `application/x-www-form-urlencoded` pairs (awsQuery and ec2Query requests).
    Query,
}

/// Reads a protocol's options from the service's traits.
type FromTraits = fn(&Traits) -> Protocol;

const TRAITS: &[(&str, FromTraits)] = &[
    ("aws.protocols#restJson1", |_| Protocol::RestJson1),
    ("aws.protocols#awsJson1_0", |_| Protocol::AwsJson1_0),
    ("aws.protocols#awsJson1_1", |_| Protocol::AwsJson1_1),
    ("aws.protocols#restXml", |traits| Protocol::RestXml {
        no_error_wrapping: traits
            .get("aws.protocols#restXml")
            .and_then(|v| v.get("noErrorWrapping"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false),
    }),
    ("aws.protocols#awsQuery", |_| Protocol::AwsQuery),
    ("aws.protocols#ec2Query", |_| Protocol::Ec2Query),
    ("smithy.protocols#rpcv2Cbor", |_| Protocol::Unsupported("rpcv2Cbor".to_string())),
];

impl Protocol {
    /// The service's protocol: the first protocol trait it carries, in the order above.
    pub fn of_service(traits: &Traits) -> Protocol {
        TRAITS.iter().find(|(id, _)| traits.has(id)).map_or(Protocol::None, |(_, make)| make(traits))
    }

    /// The protocol's short name, as its trait spells it.
    pub fn name(&self) -> &str {
        match self {
            Protocol::RestJson1 => "restJson1",
            Protocol::AwsJson1_0 => "awsJson1_0",
            Protocol::AwsJson1_1 => "awsJson1_1",
            Protocol::RestXml { .. } => "restXml",
            Protocol::AwsQuery => "awsQuery",
            Protocol::Ec2Query => "ec2Query",
            Protocol::Unsupported(name) => name,
            Protocol::None => "none",
        }
    }

    /// Whether the generator writes `serialize_request` and `parse_response` for it.
    pub fn has_wire_layer(&self) -> bool {
        !matches!(self, Protocol::Unsupported(_) | Protocol::None)
    }

    /// Whether the HTTP binding traits (labels, query, headers, payload) and `jsonName` apply.
    /// A service without a protocol keeps them, so its types document where members travel.
    pub fn honours_http_bindings(&self) -> bool {
        matches!(self, Protocol::RestJson1 | Protocol::RestXml { .. } | Protocol::None)
    }

    /// How request bodies are written.
    pub fn request_format(&self) -> Option<BodyFormat> {
        match self {
            Protocol::RestJson1 | Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => Some(BodyFormat::Json),
            Protocol::RestXml { .. } => Some(BodyFormat::Xml),
            Protocol::AwsQuery | Protocol::Ec2Query => Some(BodyFormat::Query),
            Protocol::Unsupported(_) | Protocol::None => None,
        }
    }

    /// How response (and error) bodies are read.
    pub fn response_format(&self) -> Option<BodyFormat> {
        match self {
            Protocol::RestJson1 | Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => Some(BodyFormat::Json),
            Protocol::RestXml { .. } | Protocol::AwsQuery | Protocol::Ec2Query => Some(BodyFormat::Xml),
            Protocol::Unsupported(_) | Protocol::None => None,
        }
    }

    /// Whether any body of the protocol is XML.
    pub fn uses_xml(&self) -> bool {
        self.response_format() == Some(BodyFormat::Xml) || self.request_format() == Some(BodyFormat::Xml)
    }

    /// Whether any body of the protocol is JSON.
    pub fn uses_json(&self) -> bool {
        self.response_format() == Some(BodyFormat::Json)
    }

    /// The timestamp format of a body member without `@timestampFormat`.
    pub fn body_timestamp_format(&self) -> TimestampFormat {
        match self.response_format() {
            Some(BodyFormat::Json) => TimestampFormat::EpochSeconds,
            _ => TimestampFormat::DateTime,
        }
    }
}
