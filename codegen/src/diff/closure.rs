//! The shapes a service reaches: what a model update can change for the service's users.

use std::collections::BTreeSet;

use crate::smithy::{Model, ShapeType};

/// Every shape ID reachable from `service`: its operations and resources (recursively), their
/// inputs, outputs and errors, the service's errors, and every member target of those shapes.
/// Prelude shapes (`smithy.api#...`) are left out: a model update cannot change them.
pub fn service_closure(model: &Model, service: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending = vec![service.to_string()];
    while let Some(id) = pending.pop() {
        let Some(shape) = model.shape(&id) else { continue };
        if id.starts_with("smithy.api#") || !seen.insert(id.clone()) {
            continue;
        }
        let mut next: Vec<&str> = Vec::new();
        match shape.kind {
            ShapeType::Service | ShapeType::Resource => {
                next.extend(shape.bound_operations().map(|t| t.target.as_str()));
                next.extend(shape.resources.iter().map(|t| t.target.as_str()));
                next.extend(shape.errors.iter().map(|t| t.target.as_str()));
            }
            ShapeType::Operation => {
                next.extend(shape.input.iter().chain(&shape.output).chain(&shape.errors).map(|t| t.target.as_str()));
            }
            _ => next.extend(shape.all_members().map(|(_, m)| m.target.as_str())),
        }
        pending.extend(next.into_iter().map(str::to_string));
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_operations_members_and_errors_but_not_the_prelude() {
        let model = crate::smithy::load(
            r#"{"smithy":"2.0","shapes":{
            "a#S":{"type":"service","operations":[{"target":"a#Op"}],"errors":[{"target":"a#Oops"}]},
            "a#Op":{"type":"operation","input":{"target":"a#In"}},
            "a#In":{"type":"structure","members":{"l":{"target":"a#L"}}},
            "a#L":{"type":"list","member":{"target":"smithy.api#String"}},
            "a#Oops":{"type":"structure","members":{},"traits":{"smithy.api#error":"client"}},
            "a#Unused":{"type":"string"}}}"#,
        )
        .expect("loads");
        let closure: Vec<String> = service_closure(&model, "a#S").into_iter().collect();
        assert_eq!(closure, ["a#In", "a#L", "a#Oops", "a#Op", "a#S"]);
    }
}
