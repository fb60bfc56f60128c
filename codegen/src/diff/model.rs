//! Model-level changes between the closures of two services, named after smithy-diff's events.

use std::collections::BTreeSet;

use super::closure::service_closure;
use super::event::{Events, ModelEvent, Severity};
use super::traits::{self as trait_diff, compact};
use crate::smithy::traits::{self as t, TraitsExt};
use crate::smithy::{Member, Model, Shape, ShapeType, Target};

/// Member traits judged here rather than by [`trait_diff::compare`]: they decide nullability or
/// an enum value.
const MEMBER_RULES: &[&str] = &[t::REQUIRED, t::CLIENT_OPTIONAL, t::ENUM_VALUE];

/// Every model-level change from `old_service` in `old` to `new_service` in `new`, worst first.
pub fn model_events(old: &Model, old_service: &str, new: &Model, new_service: &str) -> Vec<ModelEvent> {
    let mut events = Events::default();
    let (before, after) = (service_closure(old, old_service), service_closure(new, new_service));
    if old_service != new_service {
        events.push("ServiceRename", Severity::Error, new_service, format!("the service was `{old_service}`"));
        compare_shape(&mut events, new, new_service, &old.shapes[old_service], &new.shapes[new_service]);
    }
    for id in after.difference(&before) {
        let shape = &new.shapes[id];
        match shape.kind {
            ShapeType::Operation => events.push("AddedEntityBinding", Severity::Note, id, "added operation"),
            ShapeType::Service => {}
            kind => events.push("AddedShape", Severity::Note, id, format!("added {}", kind_name(kind))),
        }
    }
    for id in before.difference(&after) {
        let shape = &old.shapes[id];
        match shape.kind {
            ShapeType::Operation => events.push("RemovedEntityBinding", Severity::Error, id, "removed operation"),
            ShapeType::Service => {}
            kind => events.push("RemovedShape", Severity::Error, id, format!("removed {}", kind_name(kind))),
        }
    }
    for id in before.intersection(&after) {
        compare_shape(&mut events, new, id, &old.shapes[id], &new.shapes[id]);
    }
    events.sorted()
}

fn kind_name(kind: ShapeType) -> String {
    let debug = format!("{kind:?}");
    let mut chars = debug.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

fn compare_shape(events: &mut Events, new_model: &Model, id: &str, old: &Shape, new: &Shape) {
    if old.kind != new.kind {
        let message = format!("shape type changed from {} to {}", kind_name(old.kind), kind_name(new.kind));
        events.push("ChangedShapeType", Severity::Error, id, message);
        return;
    }
    trait_diff::compare(events, id, &old.traits, &new.traits, &[]);
    match old.kind {
        ShapeType::Service => {
            targets(events, id, &old.errors, &new.errors, ("AddedServiceError", "RemovedServiceError"), "error");
        }
        ShapeType::Operation => {
            let unit = |t: &Option<Target>| t.as_ref().map_or("smithy.api#Unit", |t| t.target.as_str()).to_string();
            for (event, label, a, b) in [("ChangedOperationInput", "input", &old.input, &new.input), ("ChangedOperationOutput", "output", &old.output, &new.output)] {
                if unit(a) != unit(b) {
                    events.push(event, Severity::Error, id, format!("{label} changed from `{}` to `{}`", unit(a), unit(b)));
                }
            }
            targets(events, id, &old.errors, &new.errors, ("AddedOperationError", "RemovedOperationError"), "error");
        }
        ShapeType::Enum | ShapeType::IntEnum => enum_members(events, id, old, new),
        ShapeType::Structure | ShapeType::Union => members(events, new_model, id, old, new),
        _ => {
            for (name, before) in old.all_members() {
                if let Some((_, after)) = new.all_members().find(|(n, _)| *n == name) {
                    member_target(events, &format!("{id}${name}"), before, after);
                    trait_diff::compare(events, &format!("{id}${name}"), &before.traits, &after.traits, &[]);
                }
            }
        }
    }
}

/// Errors added to or removed from an operation or service.
fn targets(events: &mut Events, id: &str, old: &[Target], new: &[Target], (added, removed): (&str, &str), what: &str) {
    let set = |list: &[Target]| list.iter().map(|t| t.target.clone()).collect::<BTreeSet<_>>();
    let (before, after) = (set(old), set(new));
    for target in after.difference(&before) {
        events.push(added, Severity::Warning, id, format!("added {what} `{target}`"));
    }
    for target in before.difference(&after) {
        events.push(removed, Severity::Warning, id, format!("removed {what} `{target}`"));
    }
}

fn member_target(events: &mut Events, member_id: &str, old: &Member, new: &Member) {
    if old.target != new.target {
        let message = format!("target changed from `{}` to `{}`", old.target, new.target);
        events.push("ChangedMemberTarget", Severity::Error, member_id, message);
    }
}

fn members(events: &mut Events, new_model: &Model, id: &str, old: &Shape, new: &Shape) {
    let structure = old.kind == ShapeType::Structure;
    for (name, before) in &old.members {
        let member_id = format!("{id}${name}");
        let Some((_, after)) = new.members.iter().find(|(n, _)| n == name) else {
            events.push("RemovedShape", Severity::Error, &member_id, "removed member");
            continue;
        };
        member_target(events, &member_id, before, after);
        if structure {
            nullability(events, &member_id, (old, before), (new, after));
        }
        trait_diff::compare(events, &member_id, &before.traits, &after.traits, MEMBER_RULES);
    }
    for (name, member) in new.members.iter().filter(|(n, _)| !old.members.iter().any(|(o, _)| o == n)) {
        let member_id = format!("{id}${name}");
        let has_default = member.traits.default_value().is_some_and(|v| !v.is_null())
            || new_model.shape(&member.target).and_then(|s| s.traits.default_value()).is_some_and(|v| !v.is_null());
        if structure && member.traits.has(t::REQUIRED) && !has_default {
            events.push("AddedRequiredMember", Severity::Error, &member_id, format!("added required member targeting `{}`", member.target));
        } else {
            events.push("AddedShape", Severity::Note, &member_id, format!("added member targeting `{}`", member.target));
        }
    }
}

/// Whether a client must be ready for the member to be absent (Smithy's client nullability:
/// `@input` structures and `@clientOptional` members are always nullable).
fn nullable(container: &Shape, member: &Member) -> bool {
    container.traits.has(t::INPUT)
        || member.traits.has(t::CLIENT_OPTIONAL)
        || (!member.traits.has(t::REQUIRED) && member.traits.default_value().is_none_or(|v| v.is_null()))
}

fn nullability(events: &mut Events, member_id: &str, (old_parent, old): (&Shape, &Member), (new_parent, new): (&Shape, &Member)) {
    let (was, is) = (nullable(old_parent, old), nullable(new_parent, new));
    let required = |m: &Member| m.traits.has(t::REQUIRED);
    match (was, is) {
        (true, false) => events.push("ChangedNullability", Severity::Error, member_id, "became non-nullable (was nullable)"),
        (false, true) => events.push("ChangedNullability", Severity::Warning, member_id, "became nullable: clients must handle its absence"),
        _ if required(old) != required(new) => {
            let (action, severity, why) = if required(new) {
                ("Add", Severity::Danger, "added: requests without it are refused")
            } else {
                ("Remove", Severity::Note, "removed")
            };
            events.push(format!("ModifiedTrait.{action}.{}", t::REQUIRED), severity, member_id, format!("`@required` {why}"));
        }
        _ => {}
    }
}

/// Enum values by member name: appended, removed, or given another value.
fn enum_members(events: &mut Events, id: &str, old: &Shape, new: &Shape) {
    let value = |name: &str, m: &Member| m.traits.get(t::ENUM_VALUE).map_or_else(|| name.to_string(), compact);
    for (name, before) in &old.members {
        let member_id = format!("{id}${name}");
        match new.members.iter().find(|(n, _)| n == name) {
            None => events.push("ChangedEnumTrait.Removed", Severity::Error, &member_id, format!("removed enum value {}", value(name, before))),
            Some((_, after)) => {
                let (a, b) = (value(name, before), value(name, after));
                if a != b {
                    events.push("ChangedEnumTrait.ValueChanged", Severity::Error, &member_id, format!("enum value changed from {a} to {b}"));
                }
                trait_diff::compare(events, &member_id, &before.traits, &after.traits, MEMBER_RULES);
            }
        }
    }
    for (name, member) in new.members.iter().filter(|(n, _)| !old.members.iter().any(|(o, _)| o == n)) {
        events.push("ChangedEnumTrait.Appended", Severity::Note, &format!("{id}${name}"), format!("added enum value {}", value(name, member)));
    }
}
