//! The Rust-shaped intermediate representation: every name, type and doc decided, ready to emit.

pub mod auth;
pub mod checksum;
pub mod docs;
pub mod endpoint;
pub mod http;
mod lower;
pub mod naming;
mod optionality;
pub mod protocol;

pub use protocol::{BodyFormat, Protocol};

pub use lower::{lower, Selection, DEFAULT_CRATE_VERSION};

use serde_json::Value;

use crate::smithy::traits::Bounds;

/// Everything one generated crate contains.
#[derive(Debug, Clone)]
pub struct Crate {
    pub name: String,
    /// The crate's semantic version, as `Cargo.toml` states it.
    pub version: String,
    pub service: Service,
    pub operations: Vec<Operation>,
    pub structs: Vec<Struct>,
    pub enums: Vec<Enum>,
    pub int_enums: Vec<IntEnum>,
    pub unions: Vec<Union>,
}

impl Crate {
    /// The structure named `name`.
    pub fn structure(&self, name: &TypeName) -> Option<&Struct> {
        self.structs.iter().find(|s| &s.name == name)
    }
}

#[derive(Debug, Clone)]
pub struct Service {
    pub shape_id: String,
    pub name: String,
    /// The service's shape name, as the awsJson protocols put it in `X-Amz-Target`.
    pub wire_name: String,
    pub title: Option<String>,
    pub sdk_id: Option<String>,
    pub version: Option<String>,
    pub protocol: Protocol,
    /// `smithy.api#xmlNamespace` of the service: the namespace of restXml request bodies.
    pub xml_namespace: Option<XmlNamespace>,
    /// `aws.auth#sigv4` `name`: the service name SigV4 signs requests with.
    pub signing_name: Option<String>,
    /// `aws.api#service` `endpointPrefix`: the service's part of its endpoints' host names.
    pub endpoint_prefix: Option<String>,
    /// `aws.protocols#awsQueryCompatible`: a JSON service that also names its errors the way its
    /// awsQuery predecessor did, in the `x-amzn-query-error` header.
    pub query_compatible: bool,
    pub docs: Option<String>,
    /// `smithy.rules#endpointRuleSet`: how the service's endpoint is resolved.
    pub endpoint_rules: Option<endpoint::EndpointRules>,
}

/// `smithy.api#xmlNamespace`: an `xmlns` (or `xmlns:prefix`) attribute on the element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNamespace {
    pub uri: String,
    pub prefix: Option<String>,
}

/// How a member travels in XML: its element (or attribute) name and the XML traits on it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XmlMember {
    /// `@xmlName`, else the member's name (`member`, `key` and `value` for collections).
    pub name: String,
    /// Whether `name` comes from `@xmlName`.
    pub renamed: bool,
    pub namespace: Option<XmlNamespace>,
    /// `@xmlAttribute`: an attribute of the enclosing element, not a child element.
    pub attribute: bool,
    /// `@xmlFlattened`: list items or map entries repeat in the enclosing element, unwrapped.
    pub flattened: bool,
}

/// Where a generated type lives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Module {
    /// `crate::types`, one file per type under `src/types/`.
    Types,
    /// `crate::types::error`, one file per error under `src/types/error/`.
    Errors,
    /// `crate::operation::<module>`, in `src/operation/<module>.rs`.
    Operation(String),
}

/// A named Rust type and where it is defined.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypeName {
    pub module: Module,
    pub name: String,
    /// File stem (types and errors) inside the module's folder.
    pub file: String,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub shape_id: String,
    pub name: String,
    pub module: String,
    pub docs: Option<String>,
    pub http: Option<Http>,
    /// The `smithy.api#endpoint` host prefix, with `{label}` placeholders.
    pub host_prefix: Option<http::HostPrefix>,
    /// `smithy.api#httpChecksumRequired`: the request carries `Content-MD5` (unless `checksum`
    /// asks for a flexible checksum instead).
    pub checksum_required: bool,
    /// `aws.protocols#httpChecksum`: flexible request checksums and response validation.
    pub checksum: Option<checksum::HttpChecksum>,
    /// Which schemes authenticate the call (none: it is anonymous).
    pub auth: auth::OperationAuth,
    /// Headers with fixed values sent on every request (a service customization: Glacier's API
    /// version, API Gateway's `Accept`).
    pub constant_headers: Vec<(String, String)>,
    /// Glacier's upload checksums: the body's SHA-256 and tree hash in headers.
    pub tree_hash_checksums: bool,
    /// `smithy.api#requestCompression` naming gzip: large request bodies are sent gzipped.
    pub gzip_request: bool,
    /// `aws.customizations#s3UnwrappedXmlOutput`: the response's root element is the output's
    /// one member, not a wrapper around it.
    pub unwrapped_xml_output: bool,
    /// The operation's shape name, as the awsJson protocols put it in `X-Amz-Target`.
    pub wire_name: String,
    pub input: TypeName,
    pub output: TypeName,
    pub error_name: String,
    pub errors: Vec<OperationError>,
    /// The values the operation gives the endpoint rule set's parameters.
    pub endpoint_params: Vec<endpoint::OperationEndpointParam>,
}

impl Operation {
    /// Whether the request carries `Content-MD5`: `@httpChecksumRequired`, unless
    /// `httpChecksum` gives the request a flexible checksum instead.
    pub fn content_md5(&self) -> bool {
        self.checksum_required && !self.checksum.as_ref().is_some_and(checksum::HttpChecksum::checksums_requests)
    }
}

/// `smithy.api#http`, parsed.
#[derive(Debug, Clone)]
pub struct Http {
    pub method: http::HttpMethod,
    pub uri: http::UriPattern,
    pub code: u16,
}

#[derive(Debug, Clone)]
pub struct OperationError {
    pub variant: String,
    pub ty: TypeName,
    /// The error's code on the wire (see [`ErrorInfo::code`]).
    pub code: String,
    /// Other codes that name this error: its shape name, where `code` is an `awsQueryError`
    /// code that a JSON response may not carry.
    pub other_codes: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Struct {
    pub shape_id: String,
    pub name: TypeName,
    pub docs: Option<String>,
    pub fields: Vec<Field>,
    pub error: Option<ErrorInfo>,
    pub sensitive: bool,
    /// Members left out of the Rust type, with the reason given in its docs.
    pub omitted: Vec<(String, String)>,
    /// The element name of the structure as a whole XML body: `@xmlName`, else the shape name.
    pub xml_name: String,
    pub xml_namespace: Option<XmlNamespace>,
    /// Response metadata the structure keeps beside its members: operation outputs keep the
    /// request IDs, errors also the code and message as the response sent them.
    pub metadata: Option<Metadata>,
}

/// What response metadata a structure keeps, and in which (private) field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The field's name, which no member can take (see [`naming::METADATA_FIELD`]).
    pub field: String,
    pub kind: MetadataKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetadataKind {
    /// An operation output: `crate::error::ResponseMetadata`.
    Response,
    /// An error structure: `crate::error::ErrorMetadata`.
    Error,
}

#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// The error's code on the wire: the shape name, or its `awsQueryError` code for the query
    /// protocols.
    pub code: String,
    pub fault: String,
    pub http_status: Option<u16>,
    /// Index into `fields` of the human-readable message, if the error has one.
    pub message_field: Option<usize>,
    pub retryable: bool,
    /// `@retryable(throttling: true)`: the service is shedding load.
    pub throttling: bool,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// Rust identifier, already escaped (`r#type`, `self_value`).
    pub name: String,
    /// The member name in the model, used in validation paths and as the default JSON key.
    pub member_name: String,
    /// The key in a JSON body (`@jsonName` or the member name).
    pub json_name: String,
    /// The key prefix in an awsQuery or ec2Query request: `@xmlName` or the member name for
    /// awsQuery; `@ec2QueryName`, else the capitalized `@xmlName` or member name, for ec2Query.
    pub query_name: String,
    pub ty: Ty,
    pub optional: bool,
    pub boxed: bool,
    pub required: bool,
    pub docs: Option<String>,
    /// A non-null `smithy.api#default`.
    pub default: Option<Value>,
    /// Our `smelt.api#documentedDefault`: documentation only.
    pub documented_default: Option<Value>,
    pub http: HttpBinding,
    pub deprecated: bool,
    /// `smithy.api#idempotencyToken`: filled with a fresh token when unset.
    pub idempotency_token: bool,
    /// An idempotency token that is no `Option` (a `@required` member of a structure without
    /// `@input`): the builder fills it with a fresh token when it was not set, so `build()`
    /// never demands it.
    pub builder_fills_token: bool,
    /// The value an unset or empty string label takes (a service customization: Glacier's `-`).
    pub label_default: Option<String>,
    /// The value goes into the URI without its resource-type prefix (Route 53's IDs).
    pub trims_resource_id: bool,
    /// The member names the endpoint the request goes to (Machine Learning's `Predict`).
    pub endpoint_override: bool,
}

impl Field {
    /// Whether `serialize_request` fills this member with a fresh token when it is unset: an
    /// optional string with `@idempotencyToken`.
    pub fn is_filled_token(&self) -> bool {
        self.idempotency_token && self.optional && matches!(self.ty.kind, TyKind::String)
    }

    /// Whether a value can lack this member: `@required` with no `@default` to fall back on.
    pub fn can_be_missing(&self) -> bool {
        self.required && self.default.is_none() && !self.builder_fills_token
    }

    /// The default a user can read from the crate, from either trait.
    pub fn any_default(&self) -> Option<&Value> {
        self.default.as_ref().or(self.documented_default.as_ref())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBinding {
    Body,
    Label,
    Query(String),
    QueryParams,
    Header(String),
    PrefixHeaders(String),
    Payload,
    ResponseCode,
}

/// A member's type, with the constraints its target (or the member) puts on it.
#[derive(Debug, Clone)]
pub struct Ty {
    pub kind: TyKind,
    pub shape_id: String,
    pub constraints: Constraints,
    /// `smithy.api#timestampFormat` of the member, else of its target; without either, a
    /// timestamp takes its location's format (see [`Protocol::body_timestamp_format`]).
    pub timestamp_format: Option<http::TimestampFormat>,
    /// `smithy.api#mediaType` of the target (strings and blobs).
    pub media_type: Option<String>,
    /// `smithy.api#streaming` on the target: a streaming blob or an event stream union.
    pub streaming: bool,
    /// How the member this type came from travels in XML.
    pub xml: XmlMember,
}

impl Ty {
    /// Whether values of this type travel as a stream of events, which this generator does not model.
    pub fn is_event_stream(&self) -> bool {
        matches!(self.kind, TyKind::Union(_)) && self.streaming
    }

    /// Whether a value of this type shows `@sensitive` data when printed with a derived `Debug`:
    /// the type is sensitive itself (the member, or the shape it targets), or it is a list or map
    /// whose items, keys or values are. Structures and unions redact their own sensitive members,
    /// so a member targeting one is not counted here.
    pub fn contains_sensitive(&self) -> bool {
        self.constraints.sensitive
            || match &self.kind {
                TyKind::List { item, .. } => item.contains_sensitive(),
                TyKind::Map { key, value, .. } => key.contains_sensitive() || value.contains_sensitive(),
                _ => false,
            }
    }
}

#[derive(Debug, Clone)]
pub enum TyKind {
    String,
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Blob { streaming: bool },
    Document,
    Unit,
    Struct(TypeName),
    Enum(TypeName),
    IntEnum(TypeName),
    Union(TypeName),
    List { item: Box<Ty>, sparse: bool },
    Map { key: Box<Ty>, value: Box<Ty>, sparse: bool },
}

#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub length: Option<Bounds>,
    pub range: Option<Bounds>,
    pub pattern: Option<String>,
    /// Whether the generated crate's regex engine (`regex-lite`) accepts `pattern`.
    pub pattern_checkable: bool,
    pub unique_items: bool,
    pub sensitive: bool,
}

impl Constraints {
    /// The pattern, when the generated code can check it.
    pub fn checked_pattern(&self) -> Option<&str> {
        self.pattern.as_deref().filter(|_| self.pattern_checkable)
    }
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub shape_id: String,
    pub name: TypeName,
    pub docs: Option<String>,
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub name: String,
    pub value: String,
    pub docs: Option<String>,
    pub deprecated: bool,
}

#[derive(Debug, Clone)]
pub struct IntEnum {
    pub shape_id: String,
    pub name: TypeName,
    pub docs: Option<String>,
    pub variants: Vec<IntEnumVariant>,
}

#[derive(Debug, Clone)]
pub struct IntEnumVariant {
    pub name: String,
    pub value: i32,
    pub docs: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Union {
    pub shape_id: String,
    pub name: TypeName,
    pub docs: Option<String>,
    pub variants: Vec<UnionVariant>,
    /// `@sensitive` on the union shape: every member's value is redacted in `Debug`.
    pub sensitive: bool,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub name: String,
    pub member_name: String,
    pub json_name: String,
    /// The element name in XML: `@xmlName` or the member name.
    pub xml_name: String,
    /// `None` for members targeting `smithy.api#Unit`.
    pub ty: Option<Ty>,
    pub boxed: bool,
    pub docs: Option<String>,
}
