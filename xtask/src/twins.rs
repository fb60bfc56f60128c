//! `cargo xtask twins [SMITHY_DIR BOTOCORE_DIR]`: generate each service from its Smithy model and
//! from its botocore twin (same file name; defaults `../shared/models/aws` and
//! `../shared/models/botocore/2025-04-01`) and compare the two public Rust APIs
//! ([`codegen::api::surface`]). Every difference is sorted into a named, explained kind; the
//! command prints a table with totals per kind and the first unexplained differences of each
//! service; it exits 1 when a model does not generate, and with `--strict` also when any
//! difference is unexplained.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::api::{ApiChange, ApiItem, ApiSurface};

use crate::flags;

const SMITHY_DIR: &str = "../shared/models/aws";
const BOTOCORE_DIR: &str = "../shared/models/botocore/2025-04-01";

/// A kind of difference between the two front ends, and why it is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Documentation text: the formats carry different copies of the docs.
    Documentation,
    /// Shape IDs: botocore names shapes without a namespace.
    ShapeId,
    /// Enum variant names: botocore carries only values, so names are derived from them.
    EnumVariantName,
    /// `@default`: botocore has no defaults, so such members stay `Option<T>`.
    Default,
    /// A union in Smithy that botocore writes as a plain structure (no `union: true`), with the
    /// variants/fields and builder that follow from it.
    UnionAsStructure,
    /// An operation, type, member or error that one copy of the model has and the other does not
    /// (S3's deprecated `GetBucketLifecycle` and its types, still in botocore; fields of EMR and
    /// OSIS shapes; S3's `HeadObject` error `NotFound` in Smithy, `NoSuchKey` in botocore), or an
    /// input structure one copy shares between two operations (then a type alias).
    OnlyInOneCopy,
    /// A member whose target has another type in each copy (S3's part-number markers: a string
    /// in Smithy, an integer in botocore).
    TargetDiffers,
    /// Service-level facts the formats state differently (title, version).
    Service,
    /// The same constraint written differently: a pattern with or without `^`/`$` anchors or a
    /// trailing `.*`, a length or range with or without an explicit minimum of 0.
    ConstraintSpelling,
    /// An input member `T` on one side and `Option<T>` on the other: Smithy marks some inputs
    /// `@input` (every member optional) and not others; botocore cannot say, and the converter
    /// marks the inputs used by exactly one operation.
    InputMarking,
    /// The same request URI written differently: a trailing `/`, or S3's `x-id` query literals,
    /// which only the Smithy model carries.
    UriSpelling,
    /// The awsQuery heritage of an `awsQueryCompatible` JSON service: Smithy keeps its legacy error
    /// codes (`AWS.SimpleQueueService.NonExistentQueue`) and XML names, this botocore copy does
    /// not. XML names are not used on a JSON wire; errors are also matched by their `__type`.
    QueryCompatibleNames,
    /// `Option<T>` in Smithy, `T` from botocore: Smithy's `@clientOptional` (or `@sparse`
    /// collections with optional values), which botocore does not carry.
    ClientOptional,
    /// Types only the endpoint rule set uses (`primitives::Document`), or errors of endpoint
    /// discovery (`InvalidEndpointException`): botocore keeps those in other files.
    EndpointFiles,
    /// Anything else: a bug in one of the front ends.
    Unexplained,
}

impl Kind {
    pub fn explanation(self) -> &'static str {
        match self {
            Kind::Documentation => "documentation text differs (each format carries its own copy)",
            Kind::ShapeId => "shape IDs differ: botocore has no namespaces",
            Kind::EnumVariantName => "enum variant named differently for the same value: botocore carries no enum member names",
            Kind::Default => "`@default` only in Smithy: botocore has no defaults, so the member stays optional",
            Kind::UnionAsStructure => "a union in Smithy, a plain structure in botocore (no `union: true`)",
            Kind::OnlyInOneCopy => "an operation, type, member or error only one copy of the model has, or an input one copy shares",
            Kind::TargetDiffers => "a member's target has another type in each copy",
            Kind::Service => "service facts stated differently",
            Kind::ConstraintSpelling => "the same constraint written differently (pattern anchors, an explicit minimum of 0)",
            Kind::InputMarking => "input member optional on one side only: Smithy marks some inputs `@input`, botocore cannot say",
            Kind::UriSpelling => "the same request URI written differently (trailing `/`, S3's `x-id` literals only in Smithy)",
            Kind::QueryCompatibleNames => "awsQuery error codes and XML names of an awsQueryCompatible JSON service, only in Smithy",
            Kind::ClientOptional => "optional only in Smithy: `@clientOptional` or `@sparse`, which botocore does not carry",
            Kind::EndpointFiles => "endpoint rule set and endpoint discovery live in other botocore files (and without the rule set S3's bucket stays in the path)",
            Kind::Unexplained => "unexplained",
        }
    }
}

/// One service's differences, by kind.
pub struct ServiceResult {
    pub file: String,
    pub items: usize,
    pub counts: BTreeMap<Kind, usize>,
    pub unexplained: Vec<String>,
    pub error: Option<String>,
}

pub fn run(flags: &flags::Twins, root: &Path) -> ExitCode {
    let strict = flags.strict;
    // clap makes SMITHY_DIR require BOTOCORE_DIR; BOTOCORE_DIR alone is not a valid call either.
    let (smithy_dir, botocore_dir) = match (&flags.smithy_dir, &flags.botocore_dir) {
        (Some(a), Some(b)) => (a.clone(), b.clone()),
        _ => (root.join(SMITHY_DIR), root.join(BOTOCORE_DIR)),
    };
    let Ok(entries) = std::fs::read_dir(&botocore_dir) else {
        eprintln!("error: cannot read {}", botocore_dir.display());
        return ExitCode::from(2);
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
    files.sort();
    let mut results = Vec::new();
    for botocore in files {
        let Some(name) = botocore.file_name() else { continue };
        let smithy = smithy_dir.join(name);
        if smithy.exists() {
            results.push(compare_twins(&smithy, &botocore));
        }
    }
    print!("{}", render(&results));
    if results.iter().any(|r| r.error.is_some() || (strict && !r.unexplained.is_empty())) {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn surface_of(path: &Path, crate_name: &str) -> Result<ApiSurface, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let model = codegen::smithy::load(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    codegen::smithy::validate(&model).map_err(|e| format!("{}: {e}", path.display()))?;
    let selection = codegen::Selection { crate_name: Some(crate_name.to_string()), ..Default::default() };
    let krate = codegen::ir::lower(&model, &selection).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(codegen::api::surface(&krate))
}

pub fn compare_twins(smithy: &Path, botocore: &Path) -> ServiceResult {
    let file = smithy.file_stem().and_then(|s| s.to_str()).unwrap_or("?").to_string();
    let mut result = ServiceResult { file, items: 0, counts: BTreeMap::new(), unexplained: Vec::new(), error: None };
    let surfaces = surface_of(smithy, "twin").and_then(|s| surface_of(botocore, "twin").map(|b| (s, b)));
    let (smithy_api, botocore_api) = match surfaces {
        Ok(pair) => pair,
        Err(e) => {
            result.error = Some(e);
            return result;
        }
    };
    result.items = smithy_api.items.len();
    for change in smithy_api.diff(&botocore_api) {
        let kind = classify(&change, &smithy_api, &botocore_api);
        *result.counts.entry(kind).or_default() += 1;
        if kind == Kind::Unexplained {
            result.unexplained.push(describe(&change));
        }
    }
    result
}

fn describe(change: &ApiChange) -> String {
    match change {
        ApiChange::Added { path, item } => format!("only botocore: {path} ({})", item.kind()),
        ApiChange::Removed { path, item } => format!("only Smithy: {path} ({})", item.kind()),
        ApiChange::Changed { path, attribute, old, new } => format!("{path} {attribute}: Smithy `{old}`, botocore `{new}`"),
    }
}

/// Sorts one difference (old = Smithy, new = botocore) into its kind.
pub fn classify(change: &ApiChange, smithy: &ApiSurface, botocore: &ApiSurface) -> Kind {
    match change {
        ApiChange::Changed { attribute, .. } if attribute == "docs" => Kind::Documentation,
        ApiChange::Changed { attribute, .. } if attribute == "shape_id" => Kind::ShapeId,
        ApiChange::Changed { path, attribute, .. } if path == codegen::api::CRATE_PATH && attribute == "version" => Kind::Service,
        ApiChange::Changed { path, attribute, old, new } if attribute == "type" || attribute == "default" || attribute == "builder_requires" => {
            let had_default = matches!(smithy.items.get(path), Some(ApiItem::Field(f)) if f.default.is_some());
            let unwrapped = attribute != "type" || new.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) == Some(old.as_str());
            let optional_on_one_side = |a: &str, b: &str| a.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) == Some(b);
            let is_input = path.starts_with("operation::") && path.rsplit("::").nth(1).is_some_and(|s| s.ends_with("Input"));
            if had_default && unwrapped {
                Kind::Default
            } else if is_input && (optional_on_one_side(old, new) || optional_on_one_side(new, old) || attribute != "type") {
                Kind::InputMarking
            } else if (attribute == "type" && (optional_on_one_side(old, new) || without_options(old) == without_options(new)))
                || (attribute == "builder_requires" && old == "false")
            {
                Kind::ClientOptional
            } else if attribute == "type" {
                Kind::TargetDiffers
            } else {
                Kind::Unexplained
            }
        }
        ApiChange::Added { path, item: ApiItem::EnumVariant { value, .. } } => variant_renamed(path, value, smithy),
        ApiChange::Removed { path, item: ApiItem::EnumVariant { value, .. } } => variant_renamed(path, value, botocore),
        ApiChange::Changed { attribute, old, new, .. } if attribute == "pattern" && bare_pattern(old) == bare_pattern(new) => Kind::ConstraintSpelling,
        ApiChange::Changed { attribute, old, new, .. }
            if (attribute == "length" || attribute == "range") && without_zero_min(old) == without_zero_min(new) =>
        {
            Kind::ConstraintSpelling
        }
        ApiChange::Changed { attribute, old, new, .. } if attribute == "http" && bare_uri(old) == bare_uri(new) => Kind::UriSpelling,
        // S3's bucket leaves the path only where the endpoint rule set places it, and botocore
        // keeps that rule set in another file.
        ApiChange::Changed { attribute, old, new, .. } if attribute == "http" && without_bucket(new).is_some_and(|n| bare_uri(old) == bare_uri(&n)) => {
            Kind::EndpointFiles
        }
        ApiChange::Changed { attribute, .. }
            if ["code", "error_code", "xml_name", "query_name"].contains(&attribute.as_str()) && is_json_protocol(smithy) =>
        {
            Kind::QueryCompatibleNames
        }
        ApiChange::Changed { path, attribute, .. } if attribute == "build" => {
            let fields = children(smithy, path.strip_suffix("Builder").unwrap_or(path));
            if fields.iter().any(|f| matches!(f, ApiItem::Field(f) if f.default.is_some())) {
                Kind::Default
            } else {
                Kind::ClientOptional
            }
        }
        ApiChange::Removed { path, item: ApiItem::RuntimeType } if path == "primitives::Document" || path == "primitives::Number" => Kind::EndpointFiles,
        ApiChange::Removed { path, .. } if path.contains("InvalidEndpointException") => Kind::EndpointFiles,
        ApiChange::Changed { attribute, old, new, .. } if attribute == "kind" && old == "union" && new == "struct" => Kind::UnionAsStructure,
        ApiChange::Removed { path, item: ApiItem::UnionVariant { .. } } if is_struct_in(botocore, parent(path)) => Kind::UnionAsStructure,
        ApiChange::Added { path, item: ApiItem::Field(_) | ApiItem::Builder { .. } } if is_union_in(smithy, parent(path)) => Kind::UnionAsStructure,
        ApiChange::Added { path, .. } | ApiChange::Removed { path, .. } if is_operation_module_only_in_one(path, smithy, botocore) => Kind::OnlyInOneCopy,
        ApiChange::Added { path, item: ApiItem::Field(_) } if smithy.items.contains_key(parent(path)) => Kind::OnlyInOneCopy,
        ApiChange::Removed { path, item: ApiItem::Field(_) } if botocore.items.contains_key(parent(path)) => Kind::OnlyInOneCopy,
        ApiChange::Added { item: ApiItem::Struct { .. } | ApiItem::ErrorVariant { .. }, .. }
        | ApiChange::Removed { item: ApiItem::Struct { .. } | ApiItem::ErrorVariant { .. }, .. } => Kind::OnlyInOneCopy,
        ApiChange::Changed { attribute, old, new, .. } if attribute == "kind" && old == "struct" && new == "type_alias" => Kind::OnlyInOneCopy,
        ApiChange::Removed { path, item: ApiItem::Builder { .. } } if matches!(botocore.items.get(parent(path)), Some(ApiItem::TypeAlias { .. })) => {
            Kind::OnlyInOneCopy
        }
        _ => Kind::Unexplained,
    }
}

fn is_json_protocol(surface: &ApiSurface) -> bool {
    matches!(surface.items.get(codegen::api::CRATE_PATH), Some(ApiItem::Service { protocol, .. }) if protocol.starts_with("awsJson"))
}

/// The item a field, variant or builder belongs to.
fn parent(path: &str) -> &str {
    path.strip_suffix("Builder").unwrap_or_else(|| path.rsplit_once("::").map_or(path, |(p, _)| p))
}

fn children<'a>(surface: &'a ApiSurface, path: &str) -> Vec<&'a ApiItem> {
    let prefix = format!("{path}::");
    surface.items.range(prefix.clone()..).take_while(|(p, _)| p.starts_with(&prefix)).map(|(_, item)| item).collect()
}

fn is_struct_in(surface: &ApiSurface, path: &str) -> bool {
    matches!(surface.items.get(path), Some(ApiItem::Struct { .. }))
}

fn is_union_in(surface: &ApiSurface, path: &str) -> bool {
    matches!(surface.items.get(path), Some(ApiItem::Union { .. }))
}

/// An item in `operation::<module>` where only one of the surfaces has that operation module.
fn is_operation_module_only_in_one(path: &str, a: &ApiSurface, b: &ApiSurface) -> bool {
    let mut segments = path.split("::");
    let (Some("operation"), Some(module)) = (segments.next(), segments.next()) else { return false };
    let prefix = format!("operation::{module}::");
    let has = |s: &ApiSurface| s.items.range(prefix.clone()..).next().is_some_and(|(p, _)| p.starts_with(&prefix));
    has(a) != has(b)
}

/// A type with every `Option<..>` taken off: `Option<BTreeMap<String, Option<String>>>` →
/// `BTreeMap<String, String>`.
fn without_options(ty: &str) -> String {
    ty.replace("Option<", "").replace('>', "")
}

/// Limits (`0..=50`) without an explicit minimum of 0: `..=50`.
fn without_zero_min(limits: &str) -> &str {
    limits.strip_prefix('0').filter(|rest| rest.starts_with("..")).unwrap_or(limits)
}

/// A pattern without the anchors and catch-alls that do not change what it accepts.
fn bare_pattern(pattern: &str) -> &str {
    let p = pattern.trim_start_matches('^');
    let p = p.trim_end_matches('$');
    let p = p.strip_prefix(".*").unwrap_or(p);
    p.strip_suffix(".*").unwrap_or(p)
}

/// An `@http` summary (`PUT /{Bucket}/{Key+} 200`) with the URI's leading `{Bucket}` label taken
/// off, as S3's model transform takes it off when the rule set is there.
fn without_bucket(http: &str) -> Option<String> {
    let mut parts = http.split(' ');
    let (method, uri, code) = (parts.next()?, parts.next()?, parts.next()?);
    let stripped = codegen::ir::http::UriPattern::parse(uri).ok()?.without_leading_label("Bucket")?;
    Some(format!("{method} {stripped} {code}"))
}

/// An `@http` summary (`GET /a/b?x-id=Op 200`) without a trailing `/` or `x-id` literal.
fn bare_uri(http: &str) -> String {
    http.split(' ')
        .map(|part| {
            let (path, query) = part.split_once('?').map_or((part, None), |(p, q)| (p, Some(q)));
            let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
            let query: Vec<&str> = query.into_iter().flat_map(|q| q.split('&')).filter(|q| !q.starts_with("x-id=")).collect();
            if query.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", query.join("&"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An enum variant only one side has is a renaming when the other side has a variant of the same
/// enum with the same value.
fn variant_renamed(path: &str, value: &str, other: &ApiSurface) -> Kind {
    let Some((enum_path, _)) = path.rsplit_once("::") else { return Kind::Unexplained };
    let prefix = format!("{enum_path}::");
    let same_value = other
        .items
        .range(prefix.clone()..)
        .take_while(|(p, _)| p.starts_with(&prefix))
        .any(|(_, item)| matches!(item, ApiItem::EnumVariant { value: v, .. } if v == value));
    if same_value {
        Kind::EnumVariantName
    } else {
        Kind::Unexplained
    }
}

fn render(results: &[ServiceResult]) -> String {
    let kinds = [
        Kind::Documentation,
        Kind::ShapeId,
        Kind::EnumVariantName,
        Kind::Default,
        Kind::InputMarking,
        Kind::ConstraintSpelling,
        Kind::UriSpelling,
        Kind::QueryCompatibleNames,
        Kind::EndpointFiles,
        Kind::ClientOptional,
        Kind::UnionAsStructure,
        Kind::OnlyInOneCopy,
        Kind::TargetDiffers,
        Kind::Service,
        Kind::Unexplained,
    ];
    let mut out = String::from(
        "| service | items | docs | shape IDs | enum names | defaults | input marking | constraint spelling | URI spelling | query codes | endpoint files | client optional | union as structure | only in one copy | target differs | service | unexplained |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut totals: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut items = 0;
    for r in results {
        if let Some(e) = &r.error {
            let _ = writeln!(out, "| {} | error: {e} |", r.file);
            continue;
        }
        items += r.items;
        let cells: Vec<String> = kinds.iter().map(|k| r.counts.get(k).copied().unwrap_or(0).to_string()).collect();
        let _ = writeln!(out, "| {} | {} | {} |", r.file, r.items, cells.join(" | "));
        for (k, n) in &r.counts {
            *totals.entry(*k).or_default() += n;
        }
    }
    let cells: Vec<String> = kinds.iter().map(|k| totals.get(k).copied().unwrap_or(0).to_string()).collect();
    let _ = writeln!(out, "| **total ({} services)** | {items} | {} |", results.len(), cells.join(" | "));
    let _ = writeln!(out);
    for k in kinds {
        let _ = writeln!(out, "- {k:?}: {}", k.explanation());
    }
    for r in results.iter().filter(|r| !r.unexplained.is_empty()) {
        let _ = writeln!(out, "\n{} unexplained in {}:", r.unexplained.len(), r.file);
        for line in r.unexplained.iter().take(usize::MAX) {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}
