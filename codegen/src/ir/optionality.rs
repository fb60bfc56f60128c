//! Smithy 2.0 structure member optionality, in the careful client mode aws-sdk-rust uses.

use serde_json::Value;

use crate::smithy::traits::{TraitsExt, CLIENT_OPTIONAL, INPUT, REQUIRED};
use crate::smithy::{Member, Shape, ShapeType};

/// The member's effective `@default`: its own trait, else its target's. `None` also for `@default(null)`.
pub fn effective_default<'a>(member: &'a Member, target: &'a Shape) -> Option<&'a Value> {
    match member.traits.default_value() {
        Some(Value::Null) => None,
        Some(value) => Some(value),
        None => target.traits.default_value().filter(|v| !v.is_null()),
    }
}

/// Whether a structure member is `Option<T>` in Rust.
///
/// `@input` structures and `@clientOptional` members are always optional, so a service can relax a
/// required member without breaking clients. Required members targeting a structure or union stay
/// optional too: the builder and `validate()` enforce them, and a response that omits one still
/// deserializes. Otherwise `@required` or a non-null `@default` makes the member non-optional.
pub fn is_optional(container: &Shape, member: &Member, target: &Shape) -> bool {
    if container.traits.has(INPUT) || member.traits.has(CLIENT_OPTIONAL) {
        return true;
    }
    if member.traits.has(REQUIRED) {
        return matches!(target.kind, ShapeType::Structure | ShapeType::Union);
    }
    effective_default(member, target).is_none()
}
