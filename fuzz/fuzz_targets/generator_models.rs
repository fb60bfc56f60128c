//! The generator on structure-aware models: the fuzzer's bytes are read (through `arbitrary`) as
//! a small Smithy model, namely a service under one of the six AWS protocols, 1-3 operations with
//! input and output structures, and up to 8 shapes of any type whose members carry traits the
//! generator reads, right or wrong for where they sit. That model, written as the JSON AST, goes
//! to `codegen::generate`. Most draws are valid models, so lowering and emission are reached;
//! libFuzzer's coverage feedback then steers towards new trait and shape combinations.
#![no_main]

use arbitrary::Arbitrary;
use serde_json::{json, Map, Value};

const NS: &str = "fuzz.models";

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Protocol {
    RestJson1,
    AwsJson1_0,
    AwsJson1_1,
    RestXml,
    AwsQuery,
    Ec2Query,
}

impl Protocol {
    fn trait_id(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "aws.protocols#restJson1",
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
            Protocol::RestXml => "aws.protocols#restXml",
            Protocol::AwsQuery => "aws.protocols#awsQuery",
            Protocol::Ec2Query => "aws.protocols#ec2Query",
        }
    }

    /// Whether operations bind to HTTP through `@http` and the member binding traits.
    fn rest(self) -> bool {
        matches!(self, Protocol::RestJson1 | Protocol::RestXml)
    }
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Kind {
    Structure,
    Union,
    Enum,
    IntEnum,
    List,
    Map,
    String,
    Integer,
    Long,
    Boolean,
    Blob,
    Timestamp,
    Double,
    Float,
    Short,
    Byte,
    BigInteger,
    BigDecimal,
    Document,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Structure => "structure",
            Kind::Union => "union",
            Kind::Enum => "enum",
            Kind::IntEnum => "intEnum",
            Kind::List => "list",
            Kind::Map => "map",
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Long => "long",
            Kind::Boolean => "boolean",
            Kind::Blob => "blob",
            Kind::Timestamp => "timestamp",
            Kind::Double => "double",
            Kind::Float => "float",
            Kind::Short => "short",
            Kind::Byte => "byte",
            Kind::BigInteger => "bigInteger",
            Kind::BigDecimal => "bigDecimal",
            Kind::Document => "document",
        }
    }
}

/// A member trait; the numbers pick from the tables below (modulo their length) or are bounds.
#[derive(Arbitrary, Debug)]
enum MemberTrait {
    Required,
    Default(u8),
    Length(u8, u8),
    Range(i8, i8),
    Pattern(u8),
    HttpHeader(u8),
    HttpLabel,
    HttpQuery(u8),
    HttpQueryParams,
    HttpPrefixHeaders(u8),
    HttpPayload,
    HttpResponseCode,
    JsonName(u8),
    XmlName(u8),
    XmlAttribute,
    XmlFlattened,
    XmlNamespace(bool),
    Ec2QueryName(u8),
    TimestampFormat(u8),
    Sensitive,
    IdempotencyToken,
    ClientOptional,
    Documentation(u8),
    Deprecated,
    Custom,
}

#[derive(Arbitrary, Debug)]
enum ShapeTrait {
    Documentation(u8),
    Sensitive,
    Deprecated,
    Length(u8, u8),
    Range(i8, i8),
    Pattern(u8),
    MediaType,
    XmlName(u8),
    TimestampFormat(u8),
    Sparse,
    UniqueItems,
    Streaming,
    Error(bool),
    HttpError(u16),
    Retryable(bool),
    Mixin,
}

/// A member: its name, its target (a shape of the model or of the prelude) and its traits.
#[derive(Arbitrary, Debug)]
struct Member {
    name: u8,
    target: u8,
    traits: Vec<MemberTrait>,
}

#[derive(Arbitrary, Debug)]
struct Shape {
    name: u8,
    kind: Kind,
    /// Members of a structure or union; of an enum (names and values); a list's member and a
    /// map's value are the first one's target.
    members: Vec<Member>,
    traits: Vec<ShapeTrait>,
}

#[derive(Arbitrary, Debug)]
struct Operation {
    name: u8,
    method: u8,
    path: u8,
    code: u8,
    input: Option<Vec<Member>>,
    output: Option<Vec<Member>>,
    errors: Vec<u8>,
    idempotent: bool,
    readonly: bool,
}

#[derive(Arbitrary, Debug)]
struct Input {
    protocol: Protocol,
    sdk_id: Option<u8>,
    sigv4: bool,
    xml_namespace: bool,
    shapes: Vec<Shape>,
    operations: Vec<Operation>,
    selection: u8,
    protocol_tests: bool,
}

const SHAPE_NAMES: &[&str] = &[
    "Widget", "Thing", "THING", "Option", "Result", "Self", "Box", "Vec", "String", "Error", "Builder", "Type",
    "Value", "Stage", "Item", "Unknown",
];
const MEMBER_NAMES: &[&str] = &[
    "name", "Name", "type", "self", "crate", "async", "message", "Message", "code", "__type", "requestId", "items",
    "value", "key", "body", "default", "union", "unknown", "a", "A", "a_b", "aB",
];
const OPERATION_NAMES: &[&str] = &["GetWidget", "PutThing", "ListItems", "Delete", "Match", "DescribeStage"];
const PRELUDE: &[&str] = &[
    "smithy.api#String", "smithy.api#Integer", "smithy.api#Long", "smithy.api#Boolean", "smithy.api#Blob",
    "smithy.api#Timestamp", "smithy.api#Double", "smithy.api#Float", "smithy.api#Short", "smithy.api#Byte",
    "smithy.api#BigInteger", "smithy.api#BigDecimal", "smithy.api#Document", "smithy.api#PrimitiveInteger",
    "smithy.api#PrimitiveBoolean", "smithy.api#Unit",
];
const PATTERNS: &[&str] = &["^[a-z]+$", "^\\d{3}$", "^.*$", "(", "a{2,1}", "\\p{L}+", ""];
const HEADERS: &[&str] = &["X-Foo", "x-amz-meta-a", "X-Amzn-ErrorType", "Content-Type", "", "bad header"];
const QUERIES: &[&str] = &["q", "page-token", "", "a b"];
const PREFIXES: &[&str] = &["X-Meta-", "x-amz-meta-", ""];
const RENAMES: &[&str] = &["renamed", "Name", "__type", "a\"b", "é", "", "a:b"];
const FORMATS: &[&str] = &["date-time", "epoch-seconds", "http-date", "iso8601"];
const DOCS: &[&str] = &["<p>Plain.</p>", "<p>Unclosed <b>bold", "</p></p>", "<code>*/</code>", "&bogus;", "\u{202e}", ""];
const ENUM_VALUES: &[&str] = &["alpha", "beta", "γ", "d e", "Self", "", "alpha"];
const SDK_IDS: &[&str] = &["Fuzz", "Fuzz Service", "Widgets", "fuzz-é"];
const METHODS: &[&str] = &["GET", "PUT", "POST", "DELETE", "PATCH", "get"];
const PATHS: &[&str] = &["/", "/widgets", "/v1/a", "/a?k=v", "/%2F", "/{nope}"];
const CODES: &[u16] = &[200, 201, 204, 206, 0];

fn pick<T: Copy>(table: &[T], i: impl Into<usize>) -> T {
    table[i.into() % table.len()]
}

/// The default value a member of `kind` may have (a wrong one for the kinds without).
fn default_for(kind: Option<Kind>, i: u8) -> Value {
    match kind {
        Some(Kind::String) => json!(pick(&["", "x"], i)),
        Some(Kind::Boolean) => json!(i % 2 == 0),
        Some(Kind::Integer | Kind::Long | Kind::Short | Kind::Byte) => json!(i),
        Some(Kind::Double | Kind::Float) => json!(1.5),
        Some(Kind::List) => json!([]),
        Some(Kind::Map) => json!({}),
        _ => [json!(""), json!(0), json!(false)][usize::from(i) % 3].clone(),
    }
}

fn member_traits(traits: &[MemberTrait], kind: Option<Kind>) -> Map<String, Value> {
    let mut out = Map::new();
    for t in traits.iter().take(4) {
        let (name, value) = match *t {
            MemberTrait::Required => ("smithy.api#required", json!({})),
            MemberTrait::Default(i) => ("smithy.api#default", default_for(kind, i)),
            MemberTrait::Length(a, b) => ("smithy.api#length", json!({"min": a.min(b), "max": a.max(b)})),
            MemberTrait::Range(a, b) => ("smithy.api#range", json!({"min": a, "max": b})),
            MemberTrait::Pattern(i) => ("smithy.api#pattern", json!(pick(PATTERNS, i))),
            MemberTrait::HttpHeader(i) => ("smithy.api#httpHeader", json!(pick(HEADERS, i))),
            MemberTrait::HttpLabel => ("smithy.api#httpLabel", json!({})),
            MemberTrait::HttpQuery(i) => ("smithy.api#httpQuery", json!(pick(QUERIES, i))),
            MemberTrait::HttpQueryParams => ("smithy.api#httpQueryParams", json!({})),
            MemberTrait::HttpPrefixHeaders(i) => ("smithy.api#httpPrefixHeaders", json!(pick(PREFIXES, i))),
            MemberTrait::HttpPayload => ("smithy.api#httpPayload", json!({})),
            MemberTrait::HttpResponseCode => ("smithy.api#httpResponseCode", json!({})),
            MemberTrait::JsonName(i) => ("smithy.api#jsonName", json!(pick(RENAMES, i))),
            MemberTrait::XmlName(i) => ("smithy.api#xmlName", json!(pick(RENAMES, i))),
            MemberTrait::XmlAttribute => ("smithy.api#xmlAttribute", json!({})),
            MemberTrait::XmlFlattened => ("smithy.api#xmlFlattened", json!({})),
            MemberTrait::XmlNamespace(prefixed) => {
                let value = if prefixed { json!({"uri": "https://example.com/m", "prefix": "p"}) } else { json!({"uri": "https://example.com/m"}) };
                ("smithy.api#xmlNamespace", value)
            }
            MemberTrait::Ec2QueryName(i) => ("aws.protocols#ec2QueryName", json!(pick(RENAMES, i))),
            MemberTrait::TimestampFormat(i) => ("smithy.api#timestampFormat", json!(pick(FORMATS, i))),
            MemberTrait::Sensitive => ("smithy.api#sensitive", json!({})),
            MemberTrait::IdempotencyToken => ("smithy.api#idempotencyToken", json!({})),
            MemberTrait::ClientOptional => ("smithy.api#clientOptional", json!({})),
            MemberTrait::Documentation(i) => ("smithy.api#documentation", json!(pick(DOCS, i))),
            MemberTrait::Deprecated => ("smithy.api#deprecated", json!({"message": "old"})),
            MemberTrait::Custom => ("fuzz.models#custom", json!({"any": [1, 2]})),
        };
        out.insert(name.to_string(), value);
    }
    out
}

fn shape_traits(traits: &[ShapeTrait]) -> Map<String, Value> {
    let mut out = Map::new();
    for t in traits.iter().take(4) {
        let (name, value) = match *t {
            ShapeTrait::Documentation(i) => ("smithy.api#documentation", json!(pick(DOCS, i))),
            ShapeTrait::Sensitive => ("smithy.api#sensitive", json!({})),
            ShapeTrait::Deprecated => ("smithy.api#deprecated", json!({})),
            ShapeTrait::Length(a, b) => ("smithy.api#length", json!({"min": a.min(b), "max": a.max(b)})),
            ShapeTrait::Range(a, b) => ("smithy.api#range", json!({"min": a, "max": b})),
            ShapeTrait::Pattern(i) => ("smithy.api#pattern", json!(pick(PATTERNS, i))),
            ShapeTrait::MediaType => ("smithy.api#mediaType", json!("application/json")),
            ShapeTrait::XmlName(i) => ("smithy.api#xmlName", json!(pick(RENAMES, i))),
            ShapeTrait::TimestampFormat(i) => ("smithy.api#timestampFormat", json!(pick(FORMATS, i))),
            ShapeTrait::Sparse => ("smithy.api#sparse", json!({})),
            ShapeTrait::UniqueItems => ("smithy.api#uniqueItems", json!({})),
            ShapeTrait::Streaming => ("smithy.api#streaming", json!({})),
            ShapeTrait::Error(client) => ("smithy.api#error", json!(if client { "client" } else { "server" })),
            ShapeTrait::HttpError(code) => ("smithy.api#httpError", json!(code % 700)),
            ShapeTrait::Retryable(throttling) => ("smithy.api#retryable", json!({"throttling": throttling})),
            ShapeTrait::Mixin => ("smithy.api#mixin", json!({})),
        };
        out.insert(name.to_string(), value);
    }
    out
}

/// The shapes of the model by ID, with their kinds, to resolve member targets.
struct Targets {
    ids: Vec<(String, Kind)>,
}

impl Targets {
    /// Target `i`: one of the model's shapes, else a prelude shape.
    fn get(&self, i: u8) -> (String, Option<Kind>) {
        let i = usize::from(i);
        if i < self.ids.len() * 2 {
            let (id, kind) = &self.ids[i % self.ids.len()];
            (id.clone(), Some(*kind))
        } else {
            let id = pick(PRELUDE, i);
            let kind = match id {
                "smithy.api#String" => Some(Kind::String),
                "smithy.api#Integer" | "smithy.api#PrimitiveInteger" => Some(Kind::Integer),
                "smithy.api#Boolean" | "smithy.api#PrimitiveBoolean" => Some(Kind::Boolean),
                "smithy.api#Long" => Some(Kind::Long),
                "smithy.api#Double" => Some(Kind::Double),
                "smithy.api#Float" => Some(Kind::Float),
                "smithy.api#Short" => Some(Kind::Short),
                "smithy.api#Byte" => Some(Kind::Byte),
                _ => None,
            };
            (id.to_string(), kind)
        }
    }

    fn member(&self, member: &Member) -> Value {
        let (target, kind) = self.get(member.target);
        let traits = member_traits(&member.traits, kind);
        let mut value = json!({"target": target});
        if !traits.is_empty() {
            value["traits"] = Value::Object(traits);
        }
        value
    }

    fn members(&self, members: &[Member]) -> Map<String, Value> {
        members.iter().take(6).map(|m| (pick(MEMBER_NAMES, m.name).to_string(), self.member(m))).collect()
    }
}

fn shape(shape: &Shape, targets: &Targets) -> Value {
    let mut out = json!({"type": shape.kind.name()});
    match shape.kind {
        Kind::Structure | Kind::Union => out["members"] = Value::Object(targets.members(&shape.members)),
        Kind::Enum | Kind::IntEnum => {
            let mut members = Map::new();
            for m in shape.members.iter().take(6) {
                let value = if shape.kind == Kind::Enum { json!(pick(ENUM_VALUES, m.target)) } else { json!(i64::from(m.target) - 3) };
                let mut traits = member_traits(&m.traits, None);
                traits.insert("smithy.api#enumValue".into(), value);
                members.insert(pick(SHAPE_NAMES, m.name).to_string(), json!({"target": "smithy.api#Unit", "traits": traits}));
            }
            out["members"] = Value::Object(members);
        }
        Kind::List => {
            let target = shape.members.first().map_or_else(|| json!({"target": "smithy.api#String"}), |m| targets.member(m));
            out["member"] = target;
        }
        Kind::Map => {
            out["key"] = json!({"target": "smithy.api#String"});
            out["value"] = shape.members.first().map_or_else(|| json!({"target": "smithy.api#String"}), |m| targets.member(m));
        }
        _ => {}
    }
    let traits = shape_traits(&shape.traits);
    if !traits.is_empty() {
        out["traits"] = Value::Object(traits);
    }
    out
}

fn model(input: &Input) -> (String, Vec<String>) {
    let shapes_in = &input.shapes[..input.shapes.len().min(8)];
    let targets = Targets {
        ids: shapes_in.iter().map(|s| (format!("{NS}#{}", pick(SHAPE_NAMES, s.name)), s.kind)).collect(),
    };
    let mut shapes = Map::new();
    for (s, (id, _)) in shapes_in.iter().zip(&targets.ids) {
        shapes.insert(id.clone(), shape(s, &targets));
    }
    let errors: Vec<&String> = shapes_in
        .iter()
        .zip(&targets.ids)
        .filter(|(s, _)| s.traits.iter().any(|t| matches!(t, ShapeTrait::Error(_))))
        .map(|(_, (id, _))| id)
        .collect();
    let mut operations = Vec::new();
    let mut names = Vec::new();
    let default_op = Operation { name: 0, method: 0, path: 0, code: 0, input: None, output: None, errors: Vec::new(), idempotent: false, readonly: false };
    let ops: Vec<&Operation> = if input.operations.is_empty() { vec![&default_op] } else { input.operations.iter().take(3).collect() };
    for op in ops {
        let name = pick(OPERATION_NAMES, op.name);
        let id = format!("{NS}#{name}");
        names.push(name.to_string());
        let mut value = json!({"type": "operation"});
        let mut labels = Vec::new();
        for (io, members, suffix) in [("input", &op.input, "Input"), ("output", &op.output, "Output")] {
            let Some(members) = members else { continue };
            let members = targets.members(members);
            if io == "input" {
                for (member, v) in &members {
                    if v.pointer("/traits/smithy.api#httpLabel").is_some() {
                        labels.push(member.clone());
                    }
                }
            }
            let io_id = format!("{id}{suffix}");
            shapes.insert(io_id.clone(), json!({"type": "structure", "members": members, "traits": {format!("smithy.api#{io}"): {}}}));
            value[io] = json!({"target": io_id});
        }
        let op_errors: Vec<Value> = op
            .errors
            .iter()
            .take(3)
            .filter_map(|&i| if errors.is_empty() { targets.ids.get(usize::from(i) % 8).map(|(id, _)| id) } else { Some(errors[usize::from(i) % errors.len()]) })
            .map(|id| json!({"target": id}))
            .collect();
        if !op_errors.is_empty() {
            value["errors"] = Value::Array(op_errors);
        }
        let mut traits = Map::new();
        if input.protocol.rest() {
            let mut uri = pick(PATHS, op.path).to_string();
            for label in &labels {
                uri = format!("{}/{{{label}}}", uri.trim_end_matches('/'));
            }
            traits.insert("smithy.api#http".into(), json!({"method": pick(METHODS, op.method), "uri": uri, "code": pick(CODES, op.code)}));
        }
        if op.idempotent {
            traits.insert("smithy.api#idempotent".into(), json!({}));
        }
        if op.readonly {
            traits.insert("smithy.api#readonly".into(), json!({}));
        }
        value["traits"] = Value::Object(traits);
        shapes.insert(id.clone(), value);
        operations.push(json!({"target": id}));
    }
    let mut traits = Map::new();
    traits.insert(input.protocol.trait_id().into(), json!({}));
    if let Some(i) = input.sdk_id {
        traits.insert("aws.api#service".into(), json!({"sdkId": pick(SDK_IDS, i)}));
    }
    if input.sigv4 {
        traits.insert("aws.auth#sigv4".into(), json!({"name": "fuzz"}));
    }
    if input.xml_namespace {
        traits.insert("smithy.api#xmlNamespace".into(), json!({"uri": "https://example.com/fuzz/"}));
    }
    shapes.insert(format!("{NS}#Service"), json!({"type": "service", "version": "2024-01-01", "operations": operations, "traits": traits}));
    (json!({"smithy": "2.0", "shapes": shapes}).to_string(), names)
}

libfuzzer_sys::fuzz_target!(|input: Input| {
    let (text, operations) = model(&input);
    let selection = match input.selection % 8 {
        0 => codegen::Selection { operations: Some(vec![operations[0].clone()]), ..Default::default() },
        1 => codegen::Selection { crate_name: Some("fuzz_crate".into()), ..Default::default() },
        _ => codegen::Selection::default(),
    };
    // Protocol tests only when the crate is named after the service's sdkId (or shape name).
    let protocol_tests = input.protocol_tests && selection.crate_name.is_none();
    // To turn a crash input into a model for tests/fuzz-seeds/generator/: run the target on it
    // with SMELT_FUZZ_DUMP set.
    let dump = std::env::var_os("SMELT_FUZZ_DUMP").is_some();
    if dump {
        eprintln!("selection: {selection:?}, protocol_tests: {protocol_tests}\n{text}");
    }
    let generated = smelt_fuzz::generate(&text, selection, protocol_tests);
    if dump {
        eprintln!("generated: {generated}");
    }
});
