//! Trait changes on one shape or member: constraints, wire bindings, defaults, documentation, and
//! anything else as smithy-diff's `ModifiedTrait`.

use serde_json::Value;

use super::event::{Events, Severity};
use crate::smithy::traits::{self as t, Traits};

/// Traits whose every change changes what goes on the wire: smithy-diff reports these as
/// `TraitBreakingChange` (the prelude gives them `breakingChanges` rules).
const WIRE_TRAITS: &[&str] = &[
    t::JSON_NAME,
    t::HTTP,
    t::HTTP_HEADER,
    t::HTTP_LABEL,
    t::HTTP_QUERY,
    t::HTTP_QUERY_PARAMS,
    t::HTTP_PREFIX_HEADERS,
    t::HTTP_PAYLOAD,
    t::HTTP_RESPONSE_CODE,
    t::HTTP_ERROR,
    t::TIMESTAMP_FORMAT,
    t::STREAMING,
    t::XML_NAME,
    t::XML_ATTRIBUTE,
    t::XML_FLATTENED,
    t::XML_NAMESPACE,
    t::EC2_QUERY_NAME,
    t::AWS_QUERY_ERROR,
    t::ENDPOINT,
    t::ERROR,
    t::SPARSE,
    "smithy.api#hostLabel",
    "smithy.api#eventHeader",
    "smithy.api#eventPayload",
    "smithy.api#requiresLength",
];

/// Compares the traits of `shape` (a shape or `shape$member` ID), skipping the IDs in `skip`,
/// which the caller judges itself.
pub fn compare(events: &mut Events, shape: &str, old: &Traits, new: &Traits, skip: &[&str]) {
    let ids: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for id in ids {
        if skip.contains(&id.as_str()) {
            continue;
        }
        let (before, after) = (old.get(id), new.get(id));
        if before == after {
            continue;
        }
        one_trait(events, shape, id, before, after);
    }
}

fn one_trait(events: &mut Events, shape: &str, id: &str, before: Option<&Value>, after: Option<&Value>) {
    let action = match (before, after) {
        (None, _) => "Add",
        (_, None) => "Remove",
        _ => "Update",
    };
    let short = id.strip_prefix("smithy.api#").unwrap_or(id);
    let change = format!("`@{short}` {}", describe(before, after));
    match id {
        t::LENGTH => bounds(events, shape, "ChangedLengthTrait", "length", before, after),
        t::RANGE => bounds(events, shape, "ChangedRangeTrait", "range", before, after),
        t::PATTERN => {
            let severity = if after.is_none() { Severity::Note } else { Severity::Danger };
            events.push(format!("ModifiedTrait.{action}.{id}"), severity, shape, format!("{change}: values valid before may now be refused"));
        }
        t::DEFAULT => match before {
            None => events.push("AddedDefaultTrait", Severity::Danger, shape, change),
            Some(_) => events.push("ChangedDefault", Severity::Error, shape, change),
        },
        t::ENUM => legacy_enum(events, shape, before, after),
        t::DOCUMENTATION => events.push(format!("ModifiedTrait.{action}.{id}"), Severity::Note, shape, "documentation changed"),
        _ if WIRE_TRAITS.contains(&id) || t::PROTOCOLS.iter().any(|(p, _)| *p == id) => {
            events.push(format!("TraitBreakingChange.{action}.{id}"), Severity::Error, shape, format!("{change}: it travels differently on the wire"));
        }
        t::SENSITIVE | t::IDEMPOTENCY_TOKEN | t::REQUIRED => {
            events.push(format!("ModifiedTrait.{action}.{id}"), Severity::Warning, shape, change);
        }
        _ => events.push(format!("ModifiedTrait.{action}.{id}"), Severity::Note, shape, change),
    }
}

/// `added (v)`, `removed (was v)` or `changed from a to b`, with long values cut short.
pub fn describe(before: Option<&Value>, after: Option<&Value>) -> String {
    match (before, after) {
        (None, Some(v)) => format!("added ({})", compact(v)),
        (Some(v), None) => format!("removed (was {})", compact(v)),
        (Some(a), Some(b)) => format!("changed from {} to {}", compact(a), compact(b)),
        (None, None) => "unchanged".to_string(),
    }
}

/// A trait value as short JSON text: `{}` for annotation traits, at most 80 characters.
pub fn compact(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 80 {
        return text;
    }
    let cut: String = text.chars().take(77).collect();
    format!("{cut}...")
}

/// Which way a `@length` or `@range` moved: tighter bounds refuse values that were valid.
fn bounds(events: &mut Events, shape: &str, id: &str, name: &str, before: Option<&Value>, after: Option<&Value>) {
    let limit = |v: Option<&Value>, key: &str| v.and_then(|v| v.get(key)).and_then(Value::as_f64);
    let (old_min, new_min) = (limit(before, "min"), limit(after, "min"));
    let (old_max, new_max) = (limit(before, "max"), limit(after, "max"));
    let min_tighter = match (old_min, new_min) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b > a,
        _ => false,
    };
    let max_tighter = match (old_max, new_max) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b < a,
        _ => false,
    };
    let change = format!("`@{name}` {}", describe(before, after));
    if min_tighter || max_tighter {
        events.push(id, Severity::Error, shape, format!("{change}: tightened, values valid before may now be refused"));
    } else {
        events.push(id, Severity::Note, shape, format!("{change}: loosened"));
    }
}

/// The Smithy 1.0 `@enum` trait on a string: values added, removed or renamed.
fn legacy_enum(events: &mut Events, shape: &str, before: Option<&Value>, after: Option<&Value>) {
    let values = |v: Option<&Value>| -> Vec<(String, String)> {
        v.and_then(Value::as_array)
            .map(|defs| {
                defs.iter()
                    .filter_map(|d| {
                        let value = d.get("value")?.as_str()?.to_string();
                        let name = d.get("name").and_then(Value::as_str).unwrap_or(&value).to_string();
                        Some((value, name))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (old, new) = (values(before), values(after));
    for (value, name) in &old {
        match new.iter().find(|(v, _)| v == value) {
            None => events.push("ChangedEnumTrait.Removed", Severity::Error, shape, format!("removed enum value `{value}`")),
            Some((_, new_name)) if new_name != name => {
                events.push("ChangedEnumTrait.NameChanged", Severity::Error, shape, format!("enum value `{value}` renamed from `{name}` to `{new_name}`"))
            }
            Some(_) => {}
        }
    }
    for (value, _) in new.iter().filter(|(v, _)| !old.iter().any(|(o, _)| o == v)) {
        events.push("ChangedEnumTrait.Appended", Severity::Note, shape, format!("added enum value `{value}`"));
    }
}
