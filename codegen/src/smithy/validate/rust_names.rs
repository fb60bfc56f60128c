//! Names that collide once they are Rust names. Smithy keeps member and shape names
//! case-insensitively unique, but `fooBar` and `foo_bar` are both `foo_bar` in Rust, and escaping
//! (`self` → `self_value`, `Unknown` → `UnknownValue`) can land on a name the model already uses.
//! Numbering one of them would make a field's name depend on member order and change when a model
//! update adds a member, so the model is refused, naming both.
//!
//! These checks are ours, not Smithy's (its models are valid with such names), and every one is
//! an ERROR: the generator cannot generate the crate without inventing a name.
//!
//! Enum variants made from legacy `smithy.api#enum` values without a `name` are the generator's
//! own invention, not the model's, and stay numbered (`V1_0`, `V1_0_2`); so do the accessor
//! renames of `ir::naming::rename_accessor_clashes`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Validator;
use crate::ir::naming;
use crate::smithy::ast::{Shape, ShapeType};
use crate::smithy::traits::*;

/// One scope of Rust names: which model name claimed each Rust name first.
struct Claims<'a> {
    first: BTreeMap<String, &'a str>,
}

impl<'a> Claims<'a> {
    fn new() -> Self {
        Claims { first: BTreeMap::new() }
    }

    /// The model name that already holds `rust`, if another one does.
    fn claim(&mut self, rust: String, model_name: &'a str) -> Option<&'a str> {
        match self.first.get(&rust) {
            Some(first) if *first != model_name => Some(first),
            Some(_) => None,
            None => {
                self.first.insert(rust, model_name);
                None
            }
        }
    }
}

impl<'m> Validator<'m> {
    /// Members of one structure, union, enum or intEnum that share a Rust name.
    pub(super) fn member_rust_names(&mut self, id: &str, shape: &'m Shape) {
        let (what, rust_name): (&str, fn(&str) -> String) = match shape.kind {
            ShapeType::Structure => ("field", naming::field_name),
            ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => ("variant", naming::variant_name),
            ShapeType::String => return self.legacy_enum_rust_names(id, shape),
            _ => return,
        };
        let mut claims = Claims::new();
        for (name, _) in &shape.members {
            let rust = rust_name(name);
            if let Some(first) = claims.claim(rust.clone(), name) {
                // Equal names ignoring case are already reported by `shape`.
                if first.eq_ignore_ascii_case(name) {
                    continue;
                }
                self.report(
                    id,
                    Some(name),
                    format!("members `{first}` and `{name}` would both be the Rust {what} `{}`", naming::bare(&rust)),
                    format!("rename one of the two members so their Rust {what}s differ"),
                );
            }
        }
    }

    /// Legacy `smithy.api#enum` entries with a `name`: the names become the variants.
    fn legacy_enum_rust_names(&mut self, id: &str, shape: &'m Shape) {
        let Some(Value::Array(definitions)) = shape.traits.get(ENUM) else { return };
        let mut claims = Claims::new();
        for name in definitions.iter().filter_map(|d| d.get("name").and_then(Value::as_str)) {
            let rust = naming::variant_name(name);
            if let Some(first) = claims.claim(rust.clone(), name) {
                self.report(
                    id,
                    None,
                    format!("enum names `{first}` and `{name}` would both be the Rust variant `{rust}`"),
                    "rename one of the two enum entries",
                );
            }
        }
    }

    /// Shapes and operations of one service whose Rust type names are equal.
    pub(super) fn service_rust_names(&mut self, service_id: &str, service: &'m Shape) {
        let local = |id: &'m str| service.rename.get(id).map_or_else(|| super::shape_name(id), String::as_str);
        let groups: [(&str, Vec<&'m str>); 2] = [
            ("type", self.closure_named(service).into_iter().collect()),
            ("operation", self.closure_operations(service).into_iter().collect()),
        ];
        for (what, ids) in groups {
            let mut claims = Claims::new();
            for id in ids {
                let rust = naming::type_name(local(id));
                if let Some(first) = claims.claim(rust.clone(), id) {
                    // Equal names ignoring case are already reported by `service_names`.
                    if local(first).eq_ignore_ascii_case(local(id)) {
                        continue;
                    }
                    self.report(
                        id,
                        None,
                        format!("`{first}` and `{id}` would both be the Rust {what} `{rust}` in service `{service_id}`"),
                        "rename one of them in the service's `rename` map",
                    );
                }
            }
        }
    }
}
