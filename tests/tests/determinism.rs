//! The generated crate depends on the model, not on how its JSON happens to be written: the same
//! model with its shapes, traits and every other JSON object's keys in another order (and other
//! whitespace) generates byte-identical files.
//!
//! What is permuted: the order of `shapes`, of the traits of every shape and member, of the keys of
//! every shape and member object (`type`, `traits`, `members`, `rename`, ...), of `rename`,
//! `metadata` and of every object inside a trait value (a JSON object is unordered). What is kept:
//! the order of a shape's `members` (Smithy makes it significant: it is the order of a structure's
//! fields, of an enum's values, of a union's variants) and of every array (lists are ordered:
//! `operations`, `errors`, `mixins`, trait values).
//!
//! Note: serde_json (built without `preserve_order`) reads objects into sorted maps, and the loader
//! keeps only `members` in document order, so most of these permutations cannot even reach the
//! generator; the test pins that down, and would catch a loader change that starts to see them.
//!
//! Cases: our model, and three models of `../shared/models/aws` (one per JSON protocol family
//! and awsQuery) when that folder exists; without it those cases are skipped with a note, so the
//! test passes on a clean clone.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Seeds of the permutations each model is generated under (besides its original text).
const SEEDS: [u64; 3] = [0x5eed_0001, 0xdead_beef_cafe, 0x0123_4567_89ab_cdef];

/// The shared AWS models the test also runs on: restJson1, awsJson1_1 and awsQuery.
const SHARED_MODELS: [&str; 3] =
    ["apigatewaymanagementapi-2018-11-29.json", "cost-and-usage-report-service-2017-01-06.json", "sts-2011-06-15.json"];

/// xorshift64*: a tiny deterministic generator, enough to shuffle; `shuffle_members` also
/// reorders `members` (only to show the comparison would see a real change).
struct Rng {
    state: u64,
    shuffle_members: bool,
}

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng { state: seed.max(1), shuffle_members: false }
    }

    fn next(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// A JSON value that keeps every object's keys in document order (serde_json's `Value` sorts them).
#[derive(Debug, Clone)]
enum Json {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Json, E> {
                serde_json::Number::from_f64(n).map(Json::Number).ok_or_else(|| E::custom("a non-finite number"))
            }
            fn visit_str<E>(self, s: &str) -> Result<Json, E> {
                Ok(Json::String(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Json, E> {
                Ok(Json::String(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Json::Object(entries))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Where an object sits in the model, which decides whether its keys may be reordered.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// The document: `smithy`, `metadata`, `shapes`.
    Document,
    /// The `shapes` object: shape ID → shape.
    Shapes,
    /// One shape.
    Shape,
    /// A shape's `members`: their order is part of the model and is kept.
    Members,
    /// Anything else (members, traits, trait values, metadata): every object is unordered.
    Other,
}

/// Writes `value` as JSON text, each reorderable object's keys shuffled and whitespace varied.
fn write(value: &Json, place: Place, rng: &mut Rng, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => write!(out, "{b}").expect("writing to a String"),
        Json::Number(n) => write!(out, "{n}").expect("writing to a String"),
        Json::String(s) => out.push_str(&serde_json::to_string(s).expect("a string serializes")),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                space(rng, out);
                write(item, Place::Other, rng, out);
            }
            out.push(']');
        }
        Json::Object(entries) => {
            let mut order: Vec<&(String, Json)> = entries.iter().collect();
            if place != Place::Members || rng.shuffle_members {
                rng.shuffle(&mut order);
            }
            out.push('{');
            for (i, (key, item)) in order.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                space(rng, out);
                out.push_str(&serde_json::to_string(key).expect("a string serializes"));
                space(rng, out);
                out.push(':');
                space(rng, out);
                let inner = match (place, key.as_str()) {
                    (Place::Document, "shapes") => Place::Shapes,
                    (Place::Shapes, _) => Place::Shape,
                    (Place::Shape, "members") => Place::Members,
                    _ => Place::Other,
                };
                write(item, inner, rng, out);
            }
            space(rng, out);
            out.push('}');
        }
    }
}

/// Nothing, a space, a newline with indentation or a tab: JSON does not care which.
fn space(rng: &mut Rng, out: &mut String) {
    match rng.below(6) {
        0 => out.push(' '),
        1 => out.push_str("\n    "),
        2 => out.push('\t'),
        _ => {}
    }
}

fn generate(text: &str, what: &str) -> codegen::Files {
    let options = codegen::Options {
        selection: codegen::Selection::default(),
        emit: codegen::EmitOptions { generated_by: common::GENERATED_BY.to_string(), protocol_tests: false },
    };
    codegen::generate(text, &options).unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// The first file where `a` and `b` differ, for the failure message.
fn first_difference(a: &codegen::Files, b: &codegen::Files) -> String {
    for path in a.keys().chain(b.keys()) {
        match (a.get(path), b.get(path)) {
            (Some(x), Some(y)) if x == y => continue,
            (Some(x), Some(y)) => {
                let line = x.lines().zip(y.lines()).position(|(l, r)| l != r).unwrap_or(0);
                return format!(
                    "{path} differs from line {}:\n  original: {:?}\n  permuted: {:?}",
                    line + 1,
                    x.lines().nth(line),
                    y.lines().nth(line)
                );
            }
            (Some(_), None) => return format!("{path} is missing from the permuted model's output"),
            (None, _) => return format!("{path} is only in the permuted model's output"),
        }
    }
    "no difference".to_string()
}

/// Generates `model` as written and under every seed's permutation, and asserts the files agree.
fn assert_deterministic(model: &Path) {
    let text = std::fs::read_to_string(model).unwrap_or_else(|e| panic!("cannot read {}: {e}", model.display()));
    let tree: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", model.display()));
    let expected = generate(&text, &model.display().to_string());
    for seed in SEEDS {
        let mut permuted = String::with_capacity(text.len());
        write(&tree, Place::Document, &mut Rng::new(seed), &mut permuted);
        assert_ne!(permuted, text, "seed {seed:#x} left {} as it was", model.display());
        let what = format!("{} permuted with seed {seed:#x}", model.display());
        let actual = generate(&permuted, &what);
        assert!(actual == expected, "{what}: {}", first_difference(&expected, &actual));
    }
}

/// The permutation really reorders: shapes and traits move, members stay.
#[test]
fn permutation_reorders_shapes_and_traits_but_not_members() {
    let text = r#"{"smithy":"2.0","shapes":{"a#A":{"type":"structure","traits":{"smithy.api#documentation":"d","smithy.api#sensitive":{},"smithy.api#error":"client"},"members":{"z":{"target":"smithy.api#String"},"y":{"target":"smithy.api#String"},"x":{"target":"smithy.api#String"}}},"a#B":{"type":"string"},"a#C":{"type":"string"},"a#D":{"type":"string"}}}"#;
    let tree: Json = serde_json::from_str(text).expect("valid JSON");
    let mut shape_orders = std::collections::BTreeSet::new();
    let mut trait_orders = std::collections::BTreeSet::new();
    for seed in 1..40 {
        let mut out = String::new();
        write(&tree, Place::Document, &mut Rng::new(seed), &mut out);
        let at = |needle: &str| out.find(needle).unwrap_or_else(|| panic!("{needle} in {out}"));
        shape_orders.insert(["\"a#A\"", "\"a#B\"", "\"a#C\"", "\"a#D\""].map(at));
        trait_orders.insert(
            [at("smithy.api#documentation") < at("smithy.api#sensitive"), at("smithy.api#sensitive") < at("smithy.api#error")],
        );
        assert!(at("\"z\"") < at("\"y\"") && at("\"y\"") < at("\"x\""), "member order changed: {out}");
        let again: serde_json::Value = serde_json::from_str(&out).expect("the permuted text is JSON");
        assert_eq!(again, serde_json::from_str::<serde_json::Value>(text).expect("valid JSON"));
    }
    assert!(shape_orders.len() > 5, "shapes were hardly reordered: {shape_orders:?}");
    assert_eq!(trait_orders.len(), 4, "traits were not reordered every way");
}

/// The comparison is not blind: reordering `members`, which Smithy makes significant, does change
/// the files.
#[test]
fn reordering_members_changes_the_output() {
    let model = common::repo_root().join("model/ivsrealtime.json");
    let text = std::fs::read_to_string(&model).expect("our model");
    let tree: Json = serde_json::from_str(&text).expect("valid JSON");
    let mut permuted = String::new();
    let mut rng = Rng::new(SEEDS[0]);
    rng.shuffle_members = true;
    write(&tree, Place::Document, &mut rng, &mut permuted);
    assert!(generate(&permuted, "members reordered") != generate(&text, "our model"));
}

#[test]
fn our_model_generates_the_same_files_in_any_key_order() {
    assert_deterministic(&common::repo_root().join("model/ivsrealtime.json"));
}

fn shared_models() -> Option<PathBuf> {
    let dir = common::repo_root().join("../shared/models/aws");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("note: {} does not exist; the shared AWS models are skipped", dir.display());
        None
    }
}

#[test]
fn shared_aws_models_generate_the_same_files_in_any_key_order() {
    let Some(dir) = shared_models() else { return };
    for name in SHARED_MODELS {
        let model = dir.join(name);
        if !model.is_file() {
            println!("note: {} does not exist; skipped", model.display());
            continue;
        }
        assert_deterministic(&model);
    }
}
