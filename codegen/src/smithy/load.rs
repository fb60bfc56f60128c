//! JSON text → checked [`Model`]: parse, merge `apply`, add the prelude, flatten mixins, check targets.

use std::collections::{BTreeMap, BTreeSet};

use super::ast::{ModelFile, Shape, ShapeType};
use super::{botocore, prelude, Model};
use crate::error::{Error, Result};

/// Parses and checks a Smithy JSON AST document, or a botocore `service-2.json` model, which is
/// first converted into one.
pub fn load(json: &str) -> Result<Model> {
    let file = if botocore::is_botocore(json) { botocore::convert(json)? } else { parse(json)? };
    if !matches!(file.smithy.as_str(), "2.0" | "2" | "1.0" | "1") {
        return Err(Error::Version(file.smithy));
    }
    let mut shapes = file.shapes;
    merge_applied_traits(&mut shapes)?;
    for (id, shape) in prelude::shapes() {
        shapes.entry(id).or_insert(shape);
    }
    flatten_mixins(&mut shapes)?;
    check_shapes(&shapes)?;
    Ok(Model { metadata: file.metadata, shapes })
}

fn parse(json: &str) -> Result<ModelFile> {
    let deserializer = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(deserializer).map_err(|e| Error::Json {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })
}

fn merge_applied_traits(shapes: &mut BTreeMap<String, Shape>) -> Result<()> {
    let applied: Vec<(String, Shape)> = shapes
        .iter()
        .filter(|(_, s)| s.kind == ShapeType::Apply)
        .map(|(id, s)| (id.clone(), s.clone()))
        .collect();
    for (id, apply) in applied {
        shapes.remove(&id);
        let (shape_id, member) = match id.split_once('$') {
            Some((s, m)) => (s.to_string(), Some(m.to_string())),
            None => (id.clone(), None),
        };
        let shape = shapes
            .get_mut(&shape_id)
            .ok_or_else(|| Error::shape(&id, "`apply` names a shape that is not defined"))?;
        let traits = match member {
            None => &mut shape.traits,
            Some(m) => match shape.members.iter_mut().find(|(n, _)| *n == m) {
                Some((_, member)) => &mut member.traits,
                None => return Err(Error::member(&shape_id, m, "`apply` names a member that does not exist")),
            },
        };
        traits.extend(apply.traits);
    }
    Ok(())
}

/// Copies each mixin's members and traits into the shapes that use it, mixins of mixins first.
fn flatten_mixins(shapes: &mut BTreeMap<String, Shape>) -> Result<()> {
    let ids: Vec<String> = shapes.iter().filter(|(_, s)| !s.mixins.is_empty()).map(|(id, _)| id.clone()).collect();
    let mut done = BTreeSet::new();
    for id in ids {
        flatten_one(shapes, &id, &mut done, &mut Vec::new())?;
    }
    Ok(())
}

fn flatten_one(
    shapes: &mut BTreeMap<String, Shape>,
    id: &str,
    done: &mut BTreeSet<String>,
    stack: &mut Vec<String>,
) -> Result<()> {
    if done.contains(id) {
        return Ok(());
    }
    if stack.iter().any(|s| s == id) {
        return Err(Error::shape(id, "its mixins form a cycle"));
    }
    let Some(shape) = shapes.get(id) else {
        return Err(Error::shape(stack.last().map_or(id, |s| s.as_str()), format!("mixin `{id}` is not defined")));
    };
    let mixin_ids: Vec<String> = shape.mixins.iter().map(|t| t.target.clone()).collect();
    stack.push(id.to_string());
    for mixin in &mixin_ids {
        flatten_one(shapes, mixin, done, stack)?;
    }
    stack.pop();

    let mut members = Vec::new();
    let mut traits = BTreeMap::new();
    let mut errors = Vec::new();
    for mixin in &mixin_ids {
        let m = &shapes[mixin];
        members.extend(m.members.iter().cloned());
        errors.extend(m.errors.iter().cloned());
        traits.extend(m.traits.iter().filter(|(k, _)| k.as_str() != "smithy.api#mixin").map(|(k, v)| (k.clone(), v.clone())));
    }
    let shape = shapes.get_mut(id).expect("checked above");
    for (name, own) in std::mem::take(&mut shape.members) {
        match members.iter_mut().find(|(n, _)| *n == name) {
            Some((_, inherited)) => inherited.traits.extend(own.traits),
            None => members.push((name, own)),
        }
    }
    traits.extend(std::mem::take(&mut shape.traits));
    errors.append(&mut shape.errors);
    shape.members = members;
    shape.traits = traits;
    shape.errors = errors;
    shape.mixins.clear();
    done.insert(id.to_string());
    Ok(())
}

fn check_shapes(shapes: &BTreeMap<String, Shape>) -> Result<()> {
    for (id, shape) in shapes {
        if !id.contains('#') {
            return Err(Error::shape(id, "a shape ID must be absolute (`namespace#Name`)"));
        }
        let required: &[(&str, bool)] = match shape.kind {
            ShapeType::List | ShapeType::Set => &[("member", shape.member.is_some())],
            ShapeType::Map => &[("key", shape.key.is_some()), ("value", shape.value.is_some())],
            _ => &[],
        };
        for (field, present) in required {
            if !present {
                return Err(Error::shape(id, format!("a {:?} shape needs a `{field}`", shape.kind).to_lowercase()));
            }
        }
        let targets = shape
            .all_members()
            .map(|(_, m)| &m.target)
            .chain(shape.bound_operations().map(|t| &t.target))
            .chain(shape.resources.iter().map(|t| &t.target))
            .chain(shape.errors.iter().map(|t| &t.target))
            .chain(shape.input.iter().chain(&shape.output).map(|t| &t.target));
        for target in targets {
            if !shapes.contains_key(target) {
                return Err(Error::MissingTarget { shape: id.clone(), target: target.clone() });
            }
        }
        for (name, member) in shape.all_members() {
            for trait_id in member.traits.keys().chain(shape.traits.keys()) {
                if !trait_id.contains('#') {
                    return Err(Error::member(id, name, format!("trait `{trait_id}` must be an absolute shape ID")));
                }
            }
        }
    }
    Ok(())
}
