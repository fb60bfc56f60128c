//! `cargo xtask trim --model PATH --operations A,B [--service ID] [--drop-traits T,U] --out PATH`:
//! cut a Smithy JSON AST model down to one service, the chosen operations and every shape they
//! reach, so a real service's model can be checked in small.
//!
//! What is kept:
//!
//! - the service shape, its `operations` filtered to the chosen ones (in model order), its
//!   `resources` dropped, its `errors` kept (with everything they reach);
//! - the chosen operations, and the closure of what they reach: `input`, `output` and `errors`
//!   targets, member targets of structures, unions, lists and maps, `mixins`, and trait shapes the
//!   model itself defines (a trait whose ID is a shape in the model);
//! - every `apply` shape whose target (the shape part of its ID) is kept, and what its traits reach;
//! - the document's `smithy` version and `metadata` as they are.
//!
//! Shapes are written sorted by ID; everything inside a shape (member order above all, which
//! decides the order of fields and of the wire) stays in the order of the input, so the output
//! is deterministic and a generated crate reads the same as one made from the whole model.
//! `--drop-traits` removes the named traits from every kept shape (for instance the service's
//! large `smithy.rules#endpointRuleSet` and `smithy.rules#endpointTests`, which the generator
//! does not read).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use crate::flags;

#[derive(Debug, PartialEq)]
struct Args {
    model: PathBuf,
    out: PathBuf,
    operations: Vec<String>,
    service: Option<String>,
    drop_traits: Vec<String>,
}

/// The flags as the trim takes them: `--operations` and `--drop-traits` lists joined.
fn parse_args(flags: &flags::Trim) -> Result<Args, String> {
    let operations = flags::flatten(&flags.operations);
    if operations.is_empty() {
        return Err("--operations needs at least one operation".to_string());
    }
    Ok(Args { model: flags.model.clone(), out: flags.out.clone(), operations, service: flags.service.clone(), drop_traits: flags::flatten(&flags.drop_traits) })
}

pub fn run(flags: &flags::Trim) -> ExitCode {
    let args = match parse_args(flags) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&args.model) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.model.display());
            return ExitCode::from(2);
        }
    };
    let trimmed = match trim(&text, &args.operations, args.service.as_deref(), &args.drop_traits) {
        Ok(trimmed) => trimmed,
        Err(message) => {
            eprintln!("error: {}: {message}", args.model.display());
            return ExitCode::from(2);
        }
    };
    if let Err(e) = write(&args.out, &trimmed.json) {
        eprintln!("error: cannot write {}: {e}", args.out.display());
        return ExitCode::from(1);
    }
    println!("{}: {} of {} shapes ({} operations of {})", args.out.display(), trimmed.kept, trimmed.total, args.operations.len(), args.service.as_deref().unwrap_or(&trimmed.service));
    ExitCode::SUCCESS
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// A trimmed model: the JSON text and a few counts for the summary line.
#[derive(Debug)]
pub struct Trimmed {
    pub json: String,
    pub service: String,
    pub kept: usize,
    pub total: usize,
}

/// Trims the JSON AST `text` to `operations` (names or absolute shape IDs) of `service` (needed
/// only when the model has several services).
pub fn trim(text: &str, operations: &[String], service: Option<&str>, drop_traits: &[String]) -> Result<Trimmed, String> {
    let doc: Json = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let Json::Object(top) = doc else { return Err("the document is not a JSON object".to_string()) };
    let shapes: BTreeMap<&str, &Json> = match get(&top, "shapes") {
        Some(Json::Object(shapes)) => shapes.iter().map(|(k, v)| (k.as_str(), v)).collect(),
        _ => return Err("no `shapes` object".to_string()),
    };

    let services: Vec<&str> = shapes.iter().filter(|(_, s)| kind(s) == Some("service")).map(|(id, _)| *id).collect();
    let service_id = match service {
        Some(id) if services.contains(&id) => id.to_string(),
        Some(id) => return Err(format!("no service `{id}` (services: {})", services.join(", "))),
        None => match services.as_slice() {
            [one] => one.to_string(),
            [] => return Err("the model has no service".to_string()),
            _ => return Err(format!("the model has several services; pick one with --service ({})", services.join(", "))),
        },
    };
    let service_shape = shapes[service_id.as_str()];
    let bound: Vec<String> = targets(field(service_shape, "operations"));
    let mut chosen = BTreeSet::new();
    for wanted in operations {
        let found = bound.iter().find(|id| *id == wanted || id.rsplit_once('#').is_some_and(|(_, name)| name == wanted));
        match found {
            Some(id) => {
                chosen.insert(id.clone());
            }
            None => {
                let names: Vec<&str> = bound.iter().map(|id| id.rsplit_once('#').map_or(id.as_str(), |(_, n)| n)).collect();
                return Err(format!("`{service_id}` binds no operation `{wanted}` directly (it binds: {})", names.join(", ")));
            }
        }
    }

    // The closure: the service (its errors, traits), the chosen operations, then what they reach.
    let mut kept: BTreeSet<String> = BTreeSet::new();
    let mut work: Vec<String> = vec![service_id.clone()];
    work.extend(chosen.iter().cloned());
    loop {
        while let Some(id) = work.pop() {
            if !shapes.contains_key(id.as_str()) || !kept.insert(id.clone()) {
                continue;
            }
            let shape = shapes[id.as_str()];
            let is_service = id == service_id;
            work.extend(references(shape, is_service).into_iter().filter(|r| shapes.contains_key(r.as_str())));
        }
        // `apply` shapes of kept shapes (and of their members), and the trait shapes they use.
        let mut grew = false;
        for (id, shape) in &shapes {
            if kind(shape) == Some("apply") && !kept.contains(*id) && kept.contains(id.split('$').next().unwrap_or(id)) {
                kept.insert(id.to_string());
                work.extend(trait_refs(shape).into_iter().filter(|r| shapes.contains_key(r.as_str())));
                grew = true;
            }
        }
        if !grew && work.is_empty() {
            break;
        }
    }

    let mut out_shapes = Vec::with_capacity(kept.len());
    for id in &kept {
        let mut shape = shapes[id.as_str()].clone();
        if let Json::Object(fields) = &mut shape {
            if *id == service_id {
                fields.retain(|(k, _)| k != "resources");
                for (k, v) in fields.iter_mut() {
                    if k == "operations" {
                        if let Json::Array(items) = v {
                            items.retain(|item| target_of(item).is_some_and(|t| chosen.contains(t)));
                        }
                    }
                }
            }
            if !drop_traits.is_empty() {
                for (k, v) in fields.iter_mut() {
                    if k == "traits" {
                        if let Json::Object(traits) = v {
                            traits.retain(|(name, _)| !drop_traits.contains(name));
                        }
                    }
                }
            }
        }
        out_shapes.push((id.clone(), shape));
    }
    let total = shapes.len();
    let kept_count = out_shapes.len();
    let out_top: Vec<(String, Json)> = top
        .into_iter()
        .map(|(k, v)| if k == "shapes" { (k, Json::Object(std::mem::take(&mut out_shapes))) } else { (k, v) })
        .collect();
    let mut json = serde_json::to_string_pretty(&Json::Object(out_top)).map_err(|e| e.to_string())?;
    json.push('\n');
    Ok(Trimmed { json, service: service_id, kept: kept_count, total })
}

/// Shape IDs a shape refers to: targets of its members and relations, its mixins, and its traits
/// (and its members' traits), which may be shapes of the model. A service's operations and
/// resources are not followed (only the chosen operations are kept).
fn references(shape: &Json, is_service: bool) -> Vec<String> {
    let mut out = trait_refs(shape);
    let mut relations = vec!["input", "output", "errors", "mixins"];
    if !is_service {
        relations.extend(["operations", "resources", "collectionOperations", "create", "put", "read", "update", "delete", "list"]);
    }
    for name in relations {
        out.extend(targets(field(shape, name)));
    }
    let mut members: Vec<&Json> = Vec::new();
    if let Some(Json::Object(named)) = field(shape, "members") {
        members.extend(named.iter().map(|(_, m)| m));
    }
    members.extend(["member", "key", "value"].into_iter().filter_map(|name| field(shape, name)));
    for member in members {
        out.extend(target_of(member).map(str::to_string));
        out.extend(trait_refs(member));
    }
    out
}

/// The IDs of the traits applied to `shape` (some may be trait shapes the model defines).
fn trait_refs(shape: &Json) -> Vec<String> {
    match field(shape, "traits") {
        Some(Json::Object(traits)) => traits.iter().map(|(k, _)| k.clone()).collect(),
        _ => Vec::new(),
    }
}

/// `{"target": ID}` or a list of them.
fn targets(value: Option<&Json>) -> Vec<String> {
    match value {
        Some(Json::Array(items)) => items.iter().filter_map(target_of).map(str::to_string).collect(),
        Some(one) => target_of(one).map(str::to_string).into_iter().collect(),
        None => Vec::new(),
    }
}

fn target_of(value: &Json) -> Option<&str> {
    match field(value, "target") {
        Some(Json::String(t)) => Some(t),
        _ => None,
    }
}

fn kind(shape: &Json) -> Option<&str> {
    match field(shape, "type") {
        Some(Json::String(t)) => Some(t),
        _ => None,
    }
}

fn field<'a>(value: &'a Json, name: &str) -> Option<&'a Json> {
    match value {
        Json::Object(fields) => get(fields, name),
        _ => None,
    }
}

fn get<'a>(fields: &'a [(String, Json)], name: &str) -> Option<&'a Json> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// A JSON value that keeps the order of object keys, as the model wrote them (member order is
/// meaningful in Smithy). `serde_json::Value` sorts them unless serde_json's `preserve_order`
/// feature is on, and turning that on here would change the generator's build too.
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsonVisitor;
        impl<'de> Visitor<'de> for JsonVisitor {
            type Value = Json;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
                Ok(Json::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
                Ok(Json::Number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
                Ok(Json::Number(v.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Json, E> {
                serde_json::Number::from_f64(v).map(Json::Number).ok_or_else(|| E::custom("a number JSON cannot hold"))
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::String(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Json, E> {
                Ok(Json::String(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut fields: Vec<(String, Json)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Json>()? {
                    // A repeated key: the last one wins, as with serde_json::Value.
                    match fields.iter_mut().find(|(k, _)| *k == key) {
                        Some(slot) => slot.1 = value,
                        None => fields.push((key, value)),
                    }
                }
                Ok(Json::Object(fields))
            }
        }
        deserializer.deserialize_any(JsonVisitor)
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => n.serialize(serializer),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = r##"{
        "smithy": "2.0",
        "metadata": {"m": 1},
        "shapes": {
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#B"}, {"target": "ex#A"}, {"target": "ex#C"}],
                       "resources": [{"target": "ex#R"}], "errors": [{"target": "ex#SvcError"}],
                       "traits": {"aws.protocols#restXml": {}, "big#rules": {"x": 1}}},
            "ex#A": {"type": "operation", "input": {"target": "ex#AIn"}, "output": {"target": "ex#AOut"}, "errors": [{"target": "ex#AErr"}]},
            "ex#B": {"type": "operation", "input": {"target": "ex#BIn"}},
            "ex#C": {"type": "operation"},
            "ex#R": {"type": "resource", "read": {"target": "ex#C"}},
            "ex#AIn": {"type": "structure", "mixins": [{"target": "ex#Mix"}], "members": {"z": {"target": "ex#List"}, "a": {"target": "smithy.api#String", "traits": {"ex#tagged": {}}}}},
            "ex#AOut": {"type": "structure", "members": {}},
            "ex#AErr": {"type": "structure", "members": {"m": {"target": "ex#Map"}}, "traits": {"smithy.api#error": "client"}},
            "ex#Mix": {"type": "structure", "members": {}, "traits": {"smithy.api#mixin": {}}},
            "ex#List": {"type": "list", "member": {"target": "ex#Item"}},
            "ex#Item": {"type": "union", "members": {"u": {"target": "ex#Str"}}},
            "ex#Str": {"type": "string"},
            "ex#Map": {"type": "map", "key": {"target": "ex#Key"}, "value": {"target": "ex#Value"}},
            "ex#Key": {"type": "string"},
            "ex#Value": {"type": "integer"},
            "ex#tagged": {"type": "structure", "members": {}, "traits": {"smithy.api#trait": {}}},
            "ex#SvcError": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "server"}},
            "ex#BIn": {"type": "structure", "members": {"b": {"target": "ex#Unused"}}},
            "ex#Unused": {"type": "string"},
            "ex#Str$x": {"type": "apply", "traits": {"smithy.api#documentation": "kept"}},
            "ex#Unused$x": {"type": "apply", "traits": {"smithy.api#documentation": "dropped"}},
            "ex#AOut$y": {"type": "apply", "traits": {"ex#applied": {}}},
            "ex#applied": {"type": "structure", "members": {}, "traits": {"smithy.api#trait": {}}}
        }
    }"##;

    fn ids(json: &str) -> Vec<String> {
        let doc: serde_json::Value = serde_json::from_str(json).unwrap();
        doc["shapes"].as_object().unwrap().keys().cloned().collect()
    }

    #[test]
    fn keeps_the_closure_of_the_chosen_operations_and_nothing_else() {
        let trimmed = trim(MODEL, &["A".to_string()], None, &["big#rules".to_string()]).unwrap();
        let kept = ids(&trimmed.json);
        let expected = [
            "ex#A", "ex#AErr", "ex#AIn", "ex#AOut", "ex#AOut$y", "ex#Item", "ex#Key", "ex#List", "ex#Map", "ex#Mix", "ex#Str",
            "ex#Str$x", "ex#Svc", "ex#SvcError", "ex#Value", "ex#applied", "ex#tagged",
        ];
        assert_eq!(kept, expected);
        let doc: serde_json::Value = serde_json::from_str(&trimmed.json).unwrap();
        let service = &doc["shapes"]["ex#Svc"];
        assert_eq!(service["operations"], serde_json::json!([{"target": "ex#A"}]));
        assert!(service.get("resources").is_none());
        assert_eq!(service["errors"], serde_json::json!([{"target": "ex#SvcError"}]));
        assert_eq!(service["traits"], serde_json::json!({"aws.protocols#restXml": {}}));
        assert_eq!(doc["metadata"], serde_json::json!({"m": 1}));
    }

    #[test]
    fn keeps_member_order_sorts_shapes_and_is_deterministic() {
        let one = trim(MODEL, &["A".to_string(), "ex#B".to_string()], None, &[]).unwrap().json;
        let two = trim(MODEL, &["ex#B".to_string(), "A".to_string()], None, &[]).unwrap().json;
        assert_eq!(one, two);
        assert!(one.find("\"z\"").unwrap() < one.find("\"a\": {").unwrap(), "member order kept:\n{one}");
        let kept = ids(&one);
        let mut sorted = kept.clone();
        sorted.sort();
        assert_eq!(kept, sorted);
        assert!(kept.contains(&"ex#Unused".to_string()) && kept.contains(&"ex#Unused$x".to_string()));
        // Service operations stay in model order.
        let doc: serde_json::Value = serde_json::from_str(&one).unwrap();
        assert_eq!(doc["shapes"]["ex#Svc"]["operations"], serde_json::json!([{"target": "ex#B"}, {"target": "ex#A"}]));
        // Trimming a trimmed model changes nothing.
        assert_eq!(trim(&one, &["A".to_string(), "B".to_string()], None, &[]).unwrap().json, one);
    }

    #[test]
    fn unknown_operations_and_services_are_errors() {
        assert!(trim(MODEL, &["Nope".to_string()], None, &[]).unwrap_err().contains("binds no operation `Nope`"));
        assert!(trim(MODEL, &["A".to_string()], Some("ex#Other"), &[]).unwrap_err().contains("no service"));
        let flags = flags::Trim { model: "m".into(), operations: vec![flags::List(Vec::new())], service: None, drop_traits: Vec::new(), out: "o".into() };
        assert!(parse_args(&flags).is_err());
    }
}
