//! Typed access to the traits the generator understands.

use std::collections::BTreeMap;

use serde_json::Value;

pub const DOCUMENTATION: &str = "smithy.api#documentation";
pub const REQUIRED: &str = "smithy.api#required";
pub const DEFAULT: &str = "smithy.api#default";
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
pub const INPUT: &str = "smithy.api#input";
pub const OUTPUT: &str = "smithy.api#output";
pub const ERROR: &str = "smithy.api#error";
pub const HTTP_ERROR: &str = "smithy.api#httpError";
pub const HTTP: &str = "smithy.api#http";
pub const LENGTH: &str = "smithy.api#length";
pub const RANGE: &str = "smithy.api#range";
pub const PATTERN: &str = "smithy.api#pattern";
pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
pub const SENSITIVE: &str = "smithy.api#sensitive";
pub const SPARSE: &str = "smithy.api#sparse";
pub const ENUM: &str = "smithy.api#enum";
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
pub const JSON_NAME: &str = "smithy.api#jsonName";
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
pub const STREAMING: &str = "smithy.api#streaming";
pub const DEPRECATED: &str = "smithy.api#deprecated";
pub const TITLE: &str = "smithy.api#title";
pub const UNIT_TYPE: &str = "smithy.api#unitType";
pub const RETRYABLE: &str = "smithy.api#retryable";
pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
pub const ENDPOINT: &str = "smithy.api#endpoint";
pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
pub const HTTP_CHECKSUM_REQUIRED: &str = "smithy.api#httpChecksumRequired";
pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
pub const AWS_SERVICE: &str = "aws.api#service";
pub const XML_NAME: &str = "smithy.api#xmlName";
pub const XML_ATTRIBUTE: &str = "smithy.api#xmlAttribute";
pub const XML_FLATTENED: &str = "smithy.api#xmlFlattened";
pub const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
pub const EC2_QUERY_NAME: &str = "aws.protocols#ec2QueryName";
pub const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";
pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
/// Our own trait: a default the service documents but the model must not make a `smithy.api#default`.
pub const DOCUMENTED_DEFAULT: &str = "smelt.api#documentedDefault";

/// The protocol traits we recognise on a service, in order of preference.
pub const PROTOCOLS: &[(&str, &str)] = &[
    ("aws.protocols#restJson1", "restJson1"),
    ("aws.protocols#awsJson1_0", "awsJson1_0"),
    ("aws.protocols#awsJson1_1", "awsJson1_1"),
    ("aws.protocols#restXml", "restXml"),
    ("aws.protocols#awsQuery", "awsQuery"),
    ("aws.protocols#ec2Query", "ec2Query"),
    ("smithy.protocols#rpcv2Cbor", "rpcv2Cbor"),
];

/// Lower and upper bounds of `@length` or `@range`, kept as JSON numbers so big ones stay exact.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bounds {
    pub min: Option<serde_json::Number>,
    pub max: Option<serde_json::Number>,
}

pub type Traits = BTreeMap<String, Value>;

/// Read-only helpers over a trait map.
pub trait TraitsExt {
    fn has(&self, id: &str) -> bool;
    fn string(&self, id: &str) -> Option<&str>;
    fn documentation(&self) -> Option<&str>;
    fn bounds(&self, id: &str) -> Option<Bounds>;
    /// `None`: no `@default`; `Some(Value::Null)`: `@default(null)`; otherwise the default value.
    fn default_value(&self) -> Option<&Value>;
}

impl TraitsExt for Traits {
    fn has(&self, id: &str) -> bool {
        self.contains_key(id)
    }

    fn string(&self, id: &str) -> Option<&str> {
        self.get(id).and_then(Value::as_str)
    }

    fn documentation(&self) -> Option<&str> {
        self.string(DOCUMENTATION)
    }

    fn bounds(&self, id: &str) -> Option<Bounds> {
        let value = self.get(id)?;
        let number = |key: &str| value.get(key).and_then(|v| v.as_number().cloned());
        Some(Bounds { min: number("min"), max: number("max") })
    }

    fn default_value(&self) -> Option<&Value> {
        self.get(DEFAULT)
    }
}
