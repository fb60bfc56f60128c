//! The public Rust API of a generated crate, read from the IR (not from the generated text): every
//! item a user can name, keyed by its path in the crate (`types::Stage`, `types::Stage::name`,
//! `operation::update_stage::UpdateStageError::ConflictException`), with the Rust type text the
//! emitter writes for it, its builder's `build()` signature, and the wire names it travels under.
//!
//! Type text uses crate-relative paths without the `::std::...` prefixes the emitter writes, so it
//! reads like documentation: `Option<String>`, `Vec<types::Tag>`, `Option<Box<types::Node>>`.
//! Two surfaces compare item by item with [`ApiSurface::diff`]; both serialize to JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use proc_macro2::{TokenStream, TokenTree};

use crate::emit::types;
use crate::ir::{Crate, Field, HttpBinding, Module, Operation, Struct, Ty, TypeName};

/// Every public item of one crate, sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiSurface {
    pub crate_name: String,
    pub items: BTreeMap<String, ApiItem>,
}

/// The path of the item describing the crate as a whole (service, protocol).
pub const CRATE_PATH: &str = "crate";

/// One public item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ApiItem {
    /// The crate as a whole: what the service is and how it talks.
    Service { shape_id: String, protocol: String, version: Option<String>, docs: Option<String> },
    /// A structure (also errors, inputs and outputs).
    Struct { shape_id: String, error_code: Option<String>, docs: Option<String> },
    /// A public field of a structure; its accessor and builder setters follow from it.
    Field(FieldItem),
    /// A structure's builder (`types::StageBuilder`) and the signature of its `build()`.
    Builder { build: String },
    /// `pub type UpdateStageInput = types::Shared;` when operations share a structure.
    TypeAlias { target: String },
    Enum { shape_id: String, docs: Option<String> },
    /// A string enum variant and the value it stands for on the wire.
    EnumVariant { value: String, deprecated: bool, docs: Option<String> },
    IntEnum { shape_id: String, docs: Option<String> },
    IntEnumVariant { value: i32, docs: Option<String> },
    Union { shape_id: String, docs: Option<String> },
    /// A union variant: its payload type (`None` for a unit member) and its wire names.
    UnionVariant { ty: Option<String>, json_name: String, xml_name: String, docs: Option<String> },
    /// The operation's unit struct, with its input, output and error types and HTTP trait.
    Operation { shape_id: String, input: String, output: String, error: String, http: Option<String>, docs: Option<String> },
    /// An operation's error enum.
    ErrorEnum { operation: String },
    /// A runtime type the crate carries because its members use it (`primitives::Blob`).
    RuntimeType,
    /// A variant of an operation's error enum and the error code it stands for.
    ErrorVariant { ty: String, code: String },
}

/// A structure field: its Rust type, what its builder demands, and where it travels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldItem {
    pub ty: String,
    /// The member name in the model.
    pub member: String,
    /// Whether `build()` fails when it was not set (`@required` with no `@default`).
    pub builder_requires: bool,
    /// The `@default` (JSON text) the structure takes when the member is not set.
    pub default: Option<String>,
    pub wire: Wire,
    pub constraints: ItemConstraints,
    pub deprecated: bool,
    pub docs: Option<String>,
}

/// The names a field travels under, per body format and HTTP binding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wire {
    /// The key in a JSON body (`@jsonName` or the member name).
    pub json: String,
    /// The element (or attribute) name in an XML body.
    pub xml: String,
    /// The key prefix in an awsQuery or ec2Query request.
    pub query: String,
    /// The HTTP binding: `body`, `label`, `header X-Name`, `query name`, `payload`, ...
    pub http: String,
    /// `@timestampFormat` of the member or its target.
    pub timestamp_format: Option<String>,
}

/// The validation constraints of a field's target, as the generated `validate()` checks them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemConstraints {
    pub length: Option<Limits>,
    pub range: Option<Limits>,
    pub pattern: Option<String>,
}

/// Inclusive bounds of `@length` or `@range`, kept as JSON numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub min: Option<serde_json::Number>,
    pub max: Option<serde_json::Number>,
}

impl std::fmt::Display for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.min, &self.max) {
            (Some(min), Some(max)) => write!(f, "{min}..={max}"),
            (Some(min), None) => write!(f, "{min}.."),
            (None, Some(max)) => write!(f, "..={max}"),
            (None, None) => f.write_str(".."),
        }
    }
}

/// How one item differs between two surfaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ApiChange {
    Added { path: String, item: ApiItem },
    Removed { path: String, item: ApiItem },
    /// One attribute of an item present in both (see [`ApiItem::attributes`]).
    Changed { path: String, attribute: String, old: String, new: String },
}

impl ApiChange {
    pub fn path(&self) -> &str {
        match self {
            ApiChange::Added { path, .. } | ApiChange::Removed { path, .. } | ApiChange::Changed { path, .. } => path,
        }
    }
}

impl ApiSurface {
    /// What changed from `self` (the old surface) to `other` (the new one), sorted by path. A child
    /// item (field, variant) whose parent was itself added or removed is left out: the parent says it.
    pub fn diff(&self, other: &ApiSurface) -> Vec<ApiChange> {
        let mut changes = Vec::new();
        for (path, old) in &self.items {
            match other.items.get(path) {
                None => changes.push(ApiChange::Removed { path: path.clone(), item: old.clone() }),
                Some(new) => changes.extend(attribute_changes(path, old, new)),
            }
        }
        for (path, new) in &other.items {
            if !self.items.contains_key(path) {
                changes.push(ApiChange::Added { path: path.clone(), item: new.clone() });
            }
        }
        let whole: std::collections::BTreeSet<String> = changes
            .iter()
            .filter(|c| matches!(c, ApiChange::Added { .. } | ApiChange::Removed { .. }))
            .map(|c| c.path().to_string())
            .collect();
        changes.retain(|c| {
            matches!(c, ApiChange::Changed { .. }) || !owner(c.path()).is_some_and(|parent| whole.contains(parent))
        });
        changes.sort_by(|a, b| a.path().cmp(b.path()));
        changes
    }
}

/// The item a child item belongs to: a field's structure, a variant's enum, a builder's structure.
pub fn owner(path: &str) -> Option<&str> {
    if let Some(structure) = path.strip_suffix("Builder") {
        return Some(structure);
    }
    path.rsplit_once("::").map(|(parent, _)| parent)
}

fn attribute_changes(path: &str, old: &ApiItem, new: &ApiItem) -> Vec<ApiChange> {
    let changed = |attribute: &str, old: String, new: String| ApiChange::Changed { path: path.to_string(), attribute: attribute.to_string(), old, new };
    if old.kind() != new.kind() {
        return vec![changed("kind", old.kind().to_string(), new.kind().to_string())];
    }
    let new_attributes: BTreeMap<&str, String> = new.attributes().into_iter().collect();
    old.attributes()
        .into_iter()
        .filter_map(|(name, value)| {
            let after = new_attributes.get(name).cloned().unwrap_or_default();
            (after != value).then(|| changed(name, value, after))
        })
        .collect()
}

impl ApiItem {
    /// The item's kind, as it is serialized.
    pub fn kind(&self) -> &'static str {
        match self {
            ApiItem::Service { .. } => "service",
            ApiItem::Struct { .. } => "struct",
            ApiItem::Field(_) => "field",
            ApiItem::Builder { .. } => "builder",
            ApiItem::TypeAlias { .. } => "type_alias",
            ApiItem::Enum { .. } => "enum",
            ApiItem::EnumVariant { .. } => "enum_variant",
            ApiItem::IntEnum { .. } => "int_enum",
            ApiItem::IntEnumVariant { .. } => "int_enum_variant",
            ApiItem::Union { .. } => "union",
            ApiItem::UnionVariant { .. } => "union_variant",
            ApiItem::Operation { .. } => "operation",
            ApiItem::ErrorEnum { .. } => "error_enum",
            ApiItem::RuntimeType => "runtime_type",
            ApiItem::ErrorVariant { .. } => "error_variant",
        }
    }

    /// The item's attributes as (name, text) pairs, the unit [`ApiSurface::diff`] compares; an
    /// absent value is the empty string.
    pub fn attributes(&self) -> Vec<(&'static str, String)> {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        match self {
            ApiItem::Service { shape_id, protocol, version, docs } => {
                vec![("shape_id", shape_id.clone()), ("protocol", protocol.clone()), ("version", text(version)), ("docs", text(docs))]
            }
            ApiItem::Struct { shape_id, error_code, docs } => {
                vec![("shape_id", shape_id.clone()), ("error_code", text(error_code)), ("docs", text(docs))]
            }
            ApiItem::Field(f) => {
                let limits = |l: &Option<Limits>| l.as_ref().map(Limits::to_string).unwrap_or_default();
                vec![
                    ("type", f.ty.clone()),
                    ("member", f.member.clone()),
                    ("builder_requires", f.builder_requires.to_string()),
                    ("default", text(&f.default)),
                    ("json_name", f.wire.json.clone()),
                    ("xml_name", f.wire.xml.clone()),
                    ("query_name", f.wire.query.clone()),
                    ("http_binding", f.wire.http.clone()),
                    ("timestamp_format", text(&f.wire.timestamp_format)),
                    ("length", limits(&f.constraints.length)),
                    ("range", limits(&f.constraints.range)),
                    ("pattern", text(&f.constraints.pattern)),
                    ("deprecated", f.deprecated.to_string()),
                    ("docs", text(&f.docs)),
                ]
            }
            ApiItem::Builder { build } => vec![("build", build.clone())],
            ApiItem::TypeAlias { target } => vec![("type", target.clone())],
            ApiItem::Enum { shape_id, docs } | ApiItem::IntEnum { shape_id, docs } | ApiItem::Union { shape_id, docs } => {
                vec![("shape_id", shape_id.clone()), ("docs", text(docs))]
            }
            ApiItem::EnumVariant { value, deprecated, docs } => {
                vec![("value", value.clone()), ("deprecated", deprecated.to_string()), ("docs", text(docs))]
            }
            ApiItem::IntEnumVariant { value, docs } => vec![("value", value.to_string()), ("docs", text(docs))],
            ApiItem::UnionVariant { ty, json_name, xml_name, docs } => vec![
                ("type", text(ty)),
                ("json_name", json_name.clone()),
                ("xml_name", xml_name.clone()),
                ("docs", text(docs)),
            ],
            ApiItem::Operation { shape_id, input, output, error, http, docs } => vec![
                ("shape_id", shape_id.clone()),
                ("input", input.clone()),
                ("output", output.clone()),
                ("error", error.clone()),
                ("http", text(http)),
                ("docs", text(docs)),
            ],
            ApiItem::ErrorEnum { operation } => vec![("operation", operation.clone())],
            ApiItem::RuntimeType => Vec::new(),
            ApiItem::ErrorVariant { ty, code } => vec![("type", ty.clone()), ("code", code.clone())],
        }
    }
}

/// The public API of the crate `emit` writes for `krate`.
pub fn surface(krate: &Crate) -> ApiSurface {
    let mut items = BTreeMap::new();
    let service = &krate.service;
    items.insert(
        CRATE_PATH.to_string(),
        ApiItem::Service {
            shape_id: service.shape_id.clone(),
            protocol: service.protocol.name().to_string(),
            version: service.version.clone(),
            docs: service.docs.clone(),
        },
    );
    for path in crate::emit::optional_runtime_types(krate) {
        items.insert(path.to_string(), ApiItem::RuntimeType);
    }
    for s in &krate.structs {
        add_struct(&mut items, s);
    }
    for e in &krate.enums {
        let path = type_path(&e.name);
        for v in &e.variants {
            let item = ApiItem::EnumVariant { value: v.value.clone(), deprecated: v.deprecated, docs: v.docs.clone() };
            items.insert(format!("{path}::{}", v.name), item);
        }
        items.insert(path, ApiItem::Enum { shape_id: e.shape_id.clone(), docs: e.docs.clone() });
    }
    for e in &krate.int_enums {
        let path = type_path(&e.name);
        for v in &e.variants {
            items.insert(format!("{path}::{}", v.name), ApiItem::IntEnumVariant { value: v.value, docs: v.docs.clone() });
        }
        items.insert(path, ApiItem::IntEnum { shape_id: e.shape_id.clone(), docs: e.docs.clone() });
    }
    for u in &krate.unions {
        let path = type_path(&u.name);
        for v in &u.variants {
            let ty = v.ty.as_ref().map(|ty| if v.boxed { format!("Box<{}>", rust_type(ty)) } else { rust_type(ty) });
            let item = ApiItem::UnionVariant { ty, json_name: v.json_name.clone(), xml_name: v.xml_name.clone(), docs: v.docs.clone() };
            items.insert(format!("{path}::{}", v.name), item);
        }
        items.insert(path, ApiItem::Union { shape_id: u.shape_id.clone(), docs: u.docs.clone() });
    }
    for op in &krate.operations {
        add_operation(&mut items, op);
    }
    ApiSurface { crate_name: krate.name.clone(), items }
}

fn add_struct(items: &mut BTreeMap<String, ApiItem>, s: &Struct) {
    let path = type_path(&s.name);
    for f in &s.fields {
        items.insert(format!("{path}::{}", f.name), ApiItem::Field(field_item(f)));
    }
    let fallible = s.fields.iter().any(Field::can_be_missing);
    let build = if fallible {
        format!("fn build(self) -> Result<{path}, error::BuildError>")
    } else {
        format!("fn build(self) -> {path}")
    };
    items.insert(format!("{path}Builder"), ApiItem::Builder { build });
    let error_code = s.error.as_ref().map(|e| e.code.clone());
    items.insert(path, ApiItem::Struct { shape_id: s.shape_id.clone(), error_code, docs: s.docs.clone() });
}

fn field_item(f: &Field) -> FieldItem {
    let bounds = |b: &Option<crate::smithy::traits::Bounds>| b.as_ref().map(|b| Limits { min: b.min.clone(), max: b.max.clone() });
    let c = &f.ty.constraints;
    FieldItem {
        ty: field_type(f),
        member: f.member_name.clone(),
        builder_requires: f.can_be_missing(),
        default: f.default.as_ref().map(|v| v.to_string()),
        wire: Wire {
            json: f.json_name.clone(),
            xml: f.ty.xml.name.clone(),
            query: f.query_name.clone(),
            http: http_binding(&f.http),
            timestamp_format: f.ty.timestamp_format.map(|t| t.name().to_string()),
        },
        constraints: ItemConstraints { length: bounds(&c.length), range: bounds(&c.range), pattern: c.pattern.clone() },
        deprecated: f.deprecated,
        docs: f.docs.clone(),
    }
}

fn add_operation(items: &mut BTreeMap<String, ApiItem>, op: &Operation) {
    let module = format!("operation::{}", op.module);
    let owned = Module::Operation(op.module.clone());
    let [input, output] = [(&op.input, "Input"), (&op.output, "Output")].map(|(t, suffix)| {
        let local = format!("{module}::{}{suffix}", op.name);
        if t.module != owned {
            items.insert(local.clone(), ApiItem::TypeAlias { target: type_path(t) });
        }
        local
    });
    let error = format!("{module}::{}", op.error_name);
    for e in &op.errors {
        items.insert(format!("{error}::{}", e.variant), ApiItem::ErrorVariant { ty: type_path(&e.ty), code: e.code.clone() });
    }
    items.insert(error.clone(), ApiItem::ErrorEnum { operation: op.name.clone() });
    let http = op.http.as_ref().map(|h| format!("{} {} {}", h.method, h.uri, h.code));
    let item = ApiItem::Operation { shape_id: op.shape_id.clone(), input, output, error, http, docs: op.docs.clone() };
    items.insert(format!("{module}::{}", op.name), item);
}

fn http_binding(binding: &HttpBinding) -> String {
    match binding {
        HttpBinding::Body => "body".to_string(),
        HttpBinding::Label => "label".to_string(),
        HttpBinding::Query(name) => format!("query {name}"),
        HttpBinding::QueryParams => "query params".to_string(),
        HttpBinding::Header(name) => format!("header {name}"),
        HttpBinding::PrefixHeaders(prefix) => format!("headers prefixed {prefix}"),
        HttpBinding::Payload => "payload".to_string(),
        HttpBinding::ResponseCode => "response code".to_string(),
    }
}

/// The crate-relative path of a generated type.
pub fn type_path(name: &TypeName) -> String {
    type_text(&types::type_path(name))
}

/// The Rust type of a field as its structure holds it: boxed and optional as the IR says.
pub fn field_type(f: &Field) -> String {
    type_text(&types::field_type(f))
}

/// The Rust type text of an IR type: the emitter's own tokens, read back.
pub fn rust_type(ty: &Ty) -> String {
    type_text(&types::rust_type(ty))
}

/// Type tokens as text without the `::std::...` and `crate::` prefixes the emitter writes
/// (`::std::option::Option<crate::types::Tag>` → `Option<types::Tag>`), so the text is derived
/// from what the crate says and cannot drift from it.
fn type_text(tokens: &TokenStream) -> String {
    fn push(out: &mut String, tokens: TokenStream) {
        for tree in tokens {
            match tree {
                TokenTree::Ident(ident) => out.push_str(&ident.to_string()),
                TokenTree::Punct(punct) => {
                    out.push(punct.as_char());
                    if punct.as_char() == ',' {
                        out.push(' ');
                    }
                }
                TokenTree::Group(group) => push(out, group.stream()),
                TokenTree::Literal(literal) => out.push_str(&literal.to_string()),
            }
        }
    }
    let mut out = String::new();
    push(&mut out, tokens.clone());
    for prefix in ["::std::string::", "::std::option::", "::std::vec::", "::std::collections::", "::std::boxed::", "crate::"] {
        out = out.replace(prefix, "");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surface_of(json: &str) -> ApiSurface {
        let model = crate::smithy::load(json).expect("loads");
        surface(&crate::ir::lower(&model, &crate::Selection::default()).expect("lowers"))
    }

    const MODEL: &str = r#"{"smithy":"2.0","shapes":{
        "a#S":{"type":"service","version":"1","operations":[{"target":"a#Op"}],"traits":{"aws.protocols#restJson1":{}}},
        "a#Op":{"type":"operation","input":{"target":"a#In"},"output":{"target":"a#Out"},
            "traits":{"smithy.api#http":{"method":"POST","uri":"/op","code":200}}},
        "a#In":{"type":"structure","members":{"name":{"target":"smithy.api#String","traits":{"smithy.api#required":{}}}},
            "traits":{"smithy.api#input":{}}},
        "a#Out":{"type":"structure","members":{"tags":{"target":"a#Tags","traits":{"smithy.api#required":{}}},
            "count":{"target":"smithy.api#Integer","traits":{"smithy.api#default":0}}},"traits":{"smithy.api#output":{}}},
        "a#Tags":{"type":"list","member":{"target":"smithy.api#String"}}}}"#;

    #[test]
    fn fields_have_the_types_the_emitter_writes() {
        let api = surface_of(MODEL);
        let field = |path: &str| match &api.items[path] {
            ApiItem::Field(f) => f.clone(),
            other => panic!("{path} is {other:?}"),
        };
        assert_eq!(field("operation::op::OpInput::name").ty, "Option<String>");
        assert!(field("operation::op::OpInput::name").builder_requires);
        assert_eq!(field("operation::op::OpOutput::tags").ty, "Vec<String>");
        assert_eq!(field("operation::op::OpOutput::count").ty, "i32");
        assert_eq!(
            api.items["operation::op::OpInputBuilder"],
            ApiItem::Builder { build: "fn build(self) -> Result<operation::op::OpInput, error::BuildError>".to_string() }
        );
        assert!(matches!(&api.items["operation::op::Op"], ApiItem::Operation { http: Some(h), .. } if h == "POST /op 200"));
    }

    #[test]
    fn identical_surfaces_have_no_changes_and_round_trip_through_json() {
        let api = surface_of(MODEL);
        assert!(api.diff(&api).is_empty());
        let json = serde_json::to_string(&api).expect("serializes");
        assert_eq!(serde_json::from_str::<ApiSurface>(&json).expect("deserializes"), api);
    }
}
