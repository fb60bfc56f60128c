//! Rust API changes between two surfaces, each classified by what it does to a crate's users.

use serde::Serialize;

use crate::api::{ApiChange, ApiItem, ApiSurface, Limits};

/// What a change means for code using the crate, least harmful first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeClass {
    /// Documentation only: no code or behaviour changes.
    Documentation,
    /// New items or relaxed behaviour: existing code keeps compiling and working.
    Additive,
    /// Existing code stops compiling, or compiles but behaves differently (see `runtime`).
    Breaking,
}

/// One API change with its class and a sentence describing it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassifiedChange {
    pub path: String,
    pub class: ChangeClass,
    /// For breaking changes: code still compiles, but what goes on the wire, or what
    /// `build()`/`validate()` accept, differs.
    pub runtime: bool,
    pub description: String,
    pub change: ApiChange,
}

/// Every change from `old` to `new`, classified, in path order.
pub fn classify_all(old: &ApiSurface, new: &ApiSurface) -> Vec<ClassifiedChange> {
    old.diff(new).into_iter().map(|change| classify(old, new, change)).collect()
}

fn classify(old: &ApiSurface, new: &ApiSurface, change: ApiChange) -> ClassifiedChange {
    let path = change.path().to_string();
    let (class, runtime, description) = match &change {
        ApiChange::Removed { item, .. } => (ChangeClass::Breaking, false, format!("removed {}", summary(item))),
        ApiChange::Added { item: ApiItem::Field(f), .. } if f.builder_requires => (
            ChangeClass::Breaking,
            true,
            format!("added required field `{}` (`build()` fails until it is set)", f.ty),
        ),
        ApiChange::Added { item, .. } => (ChangeClass::Additive, false, format!("added {}", summary(item))),
        ApiChange::Changed { attribute, old: before, new: after, .. } => {
            let (class, runtime) = changed_class(old, new, &path, attribute, after);
            (class, runtime, changed_description(attribute, before, after))
        }
    };
    ClassifiedChange { path, class, runtime, description, change }
}

/// The class of one changed attribute (see [`ApiItem::attributes`]) and whether it is breaking
/// only at run time.
fn changed_class(old: &ApiSurface, new: &ApiSurface, path: &str, attribute: &str, after: &str) -> (ChangeClass, bool) {
    use ChangeClass::*;
    match attribute {
        "docs" | "shape_id" | "member" | "operation" => (Documentation, false),
        "deprecated" => (Additive, false),
        "builder_requires" if after == "true" => (Breaking, true),
        "builder_requires" => (Additive, false),
        "length" | "range" => {
            let limits = |surface: &ApiSurface| match surface.items.get(path) {
                Some(ApiItem::Field(f)) => if attribute == "length" { f.constraints.length.clone() } else { f.constraints.range.clone() },
                _ => None,
            };
            if tightened(limits(old).as_ref(), limits(new).as_ref()) {
                (Breaking, true)
            } else {
                (Additive, false)
            }
        }
        "pattern" if after.is_empty() => (Additive, false),
        "version" => {
            // awsQuery and ec2Query send the API version with every request.
            let query = matches!(new.items.get(path), Some(ApiItem::Service { protocol, .. }) if protocol.ends_with("Query"));
            if query {
                (Breaking, true)
            } else {
                (Documentation, false)
            }
        }
        "type" | "build" | "input" | "output" | "error" | "kind" => (Breaking, false),
        // Wire names, HTTP bindings, timestamp formats, defaults, enum values, error codes,
        // patterns and the protocol: the code compiles, the requests and responses differ.
        _ => (Breaking, true),
    }
}

/// Whether new bounds refuse a value the old ones accepted.
fn tightened(old: Option<&Limits>, new: Option<&Limits>) -> bool {
    let number = |n: &Option<serde_json::Number>| n.as_ref().and_then(serde_json::Number::as_f64);
    let Some(new) = new else { return false };
    let Some(old) = old else { return new.min.is_some() || new.max.is_some() };
    let min = match (number(&old.min), number(&new.min)) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b > a,
        _ => false,
    };
    let max = match (number(&old.max), number(&new.max)) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b < a,
        _ => false,
    };
    min || max
}

fn changed_description(attribute: &str, before: &str, after: &str) -> String {
    let name = attribute.replace('_', " ");
    let (before, after) = (&short(before), &short(after));
    match (attribute, before.is_empty(), after.is_empty()) {
        ("docs", _, _) => "documentation changed".to_string(),
        ("deprecated", _, _) if after == "true" => "deprecated".to_string(),
        ("deprecated", _, _) => "no longer deprecated".to_string(),
        ("builder_requires", _, _) if after == "true" => "now required by `build()`".to_string(),
        ("builder_requires", _, _) => "no longer required by `build()`".to_string(),
        (_, true, false) => format!("{name} added: `{after}`"),
        (_, false, true) => format!("{name} removed (was `{before}`)"),
        _ => format!("{name} changed: `{before}` → `{after}`"),
    }
}

/// An attribute value cut to 80 characters for the report (the JSON keeps it whole).
fn short(text: &str) -> String {
    if text.chars().count() <= 80 {
        return text.to_string();
    }
    let cut: String = text.chars().take(77).collect();
    format!("{cut}...")
}

/// A short description of an item: its kind and type.
fn summary(item: &ApiItem) -> String {
    match item {
        ApiItem::Field(f) => format!("field `{}`", f.ty),
        ApiItem::Builder { build } => format!("builder (`{build}`)"),
        ApiItem::TypeAlias { target } => format!("type alias of `{target}`"),
        ApiItem::EnumVariant { value, .. } => format!("enum variant (`{value}`)"),
        ApiItem::IntEnumVariant { value, .. } => format!("int enum variant (`{value}`)"),
        ApiItem::UnionVariant { ty: Some(ty), .. } => format!("union variant (`{ty}`)"),
        ApiItem::UnionVariant { ty: None, .. } => "union variant (no value)".to_string(),
        ApiItem::ErrorVariant { code, .. } => format!("error variant (`{code}`)"),
        ApiItem::Operation { http: Some(http), .. } => format!("operation (`{http}`)"),
        other => other.kind().replace('_', " "),
    }
}
