//! Fuzzing the generator (load → validate → lower → emit): whatever the input, `codegen::generate`
//! returns `Ok` or `Err`, never panics, and returns quickly.
//!
//! Bounded targets (cases: `SMELT_FUZZ_CASES`, else the default of each; see the README's
//! "Fuzzing" section):
//! - `generator_bytes`: arbitrary bytes, bare and after a model prefix;
//! - `generator_mutated_bytes`: byte-level mutations (flips, cuts, splices, JSON tokens) of the
//!   fixture models;
//! - `generator_mutated_tree`: JSON-tree mutations of the fixture models (a value replaced by
//!   another of any type, a key dropped, a trait added);
//! - `generator_models`: structure-aware random models: a service under a random protocol, 1-3
//!   operations, structures, lists, maps, enums, intEnums and unions with random traits (the ones
//!   we read, with right and wrong values).
//!
//! Plus the seed corpus `tests/fuzz-seeds/generator/` (every crash found is kept there) and the
//! hostile inputs of the issue: JSON nested 100,000 deep, invalid UTF-8, a 100,000-member enum.

mod fuzz_support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fuzz_support::{fuzz, Choices};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Generates `text` with default options; the result is only checked not to be a panic.
fn generate(text: &str) -> codegen::Result<codegen::Files> {
    generate_selected(text, codegen::Selection::default(), false)
}

fn generate_selected(text: &str, selection: codegen::Selection, protocol_tests: bool) -> codegen::Result<codegen::Files> {
    let options = codegen::Options {
        selection,
        emit: codegen::EmitOptions { generated_by: "fuzz".to_string(), protocol_tests },
    };
    codegen::generate(text, &options)
}

/// What the generator gets from a file of arbitrary bytes: the text when it is UTF-8 (the only
/// thing `generate` accepts), else the lossy text, as a caller that does not refuse it would.
fn generate_bytes(bytes: &[u8]) -> codegen::Result<codegen::Files> {
    generate(&String::from_utf8_lossy(bytes))
}

/// The models the mutation targets start from: every fixture and trimmed model, and ours.
fn corpus() -> &'static [(String, String)] {
    static CORPUS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = fuzz_support::repo_root();
        let mut files = vec![root.join("model/ivsrealtime.json")];
        for dir in ["tests/fixtures", "tests/models"] {
            for entry in std::fs::read_dir(root.join(dir)).expect("the fixture folders") {
                let path = entry.expect("a directory entry").path();
                if path.extension().is_some_and(|e| e == "json") {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
            .into_iter()
            .map(|path| {
                let text = std::fs::read_to_string(&path).expect("a fixture model");
                (path.file_name().expect("a file name").to_string_lossy().into_owned(), text)
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------------------------
// Seeds and hostile inputs
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_corpus_never_panics() {
    for (name, bytes) in fuzz_support::seeds("generator") {
        let started = Instant::now();
        let result = std::panic::catch_unwind(|| generate_bytes(&bytes).map(|_| ()));
        let elapsed = started.elapsed();
        assert!(result.is_ok(), "seed {name} panicked");
        assert!(elapsed < Duration::from_secs(20), "seed {name} took {elapsed:?}");
    }
}

/// `[[[...]]]`, `{"a":{"a":...}}` and a model whose `metadata` and trait values nest 100,000 deep:
/// an error (serde_json's recursion limit), not a stack overflow.
#[test]
fn json_nested_100000_deep_is_refused() {
    const DEPTH: usize = 100_000;
    let arrays = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let objects = format!("{}1{}", "{\"a\":".repeat(DEPTH), "}".repeat(DEPTH));
    let in_metadata = format!(r#"{{"smithy":"2.0","metadata":{{"m":{arrays}}},"shapes":{{}}}}"#);
    let in_trait = format!(
        r#"{{"smithy":"2.0","shapes":{{"a.b#S":{{"type":"string","traits":{{"a.b#t":{objects}}}}}}}}}"#
    );
    let unclosed = "[".repeat(DEPTH);
    for (what, text) in [("arrays", &arrays), ("objects", &objects), ("metadata", &in_metadata), ("trait", &in_trait), ("unclosed", &unclosed)] {
        let started = Instant::now();
        let result = generate(text);
        assert!(result.is_err(), "{what}: nested {DEPTH} deep was accepted");
        assert!(started.elapsed() < Duration::from_secs(5), "{what}: took {:?}", started.elapsed());
    }
}

#[test]
fn invalid_utf8_is_refused() {
    let model = std::fs::read(fuzz_support::repo_root().join("model/ivsrealtime.json")).expect("our model");
    // Invalid UTF-8 inside a string, in a key and in place of the structure.
    let mut cases = vec![b"\xff\xfe\xfd".to_vec(), b"{\"smithy\":\"2.0\xc3\x28\"}".to_vec()];
    let mut inside = model.clone();
    let at = model.windows(6).position(|w| w == b"Stage\"").expect("a Stage shape");
    inside.splice(at..at, *b"\xed\xa0\x80");
    cases.push(inside);
    for bytes in cases {
        assert!(std::str::from_utf8(&bytes).is_err());
        // What `cargo xtask codegen` does: it reads the model as UTF-8 text, so this cannot get in.
        assert!(String::from_utf8(bytes.clone()).is_err());
        // A caller that decodes lossily gets an error, not a panic (or, when the bad bytes sat
        // in a documentation string, a crate).
        let _ = generate_bytes(&bytes);
    }
}

/// A service whose one operation returns an enum of 100,000 members: generated (or refused by a
/// limit), in bounded time, without overflowing the stack.
#[test]
fn enum_of_100000_members_is_bounded() {
    let members: Map<String, Value> = (0..100_000)
        .map(|i| (format!("V{i}"), json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": format!("v{i}")}})))
        .collect();
    let model = json!({
        "smithy": "2.0",
        "shapes": {
            "big.enums#Service": {"type": "service", "version": "1", "operations": [{"target": "big.enums#Get"}],
                "traits": {"aws.protocols#restJson1": {}}},
            "big.enums#Get": {"type": "operation", "output": {"target": "big.enums#GetOutput"},
                "traits": {"smithy.api#http": {"method": "GET", "uri": "/", "code": 200}}},
            "big.enums#GetOutput": {"type": "structure", "members": {"value": {"target": "big.enums#Big"}}},
            "big.enums#Big": {"type": "enum", "members": members},
        }
    });
    let text = model.to_string();
    let started = Instant::now();
    let result = std::thread::Builder::new()
        // The default test thread's stack: what `cargo test` gives every test.
        .stack_size(2 << 20)
        .spawn(move || generate(&text).map(|files| files.values().map(String::len).sum::<usize>()))
        .expect("a thread")
        .join();
    let elapsed = started.elapsed();
    let result = result.unwrap_or_else(|_| panic!("the 100,000-member enum panicked"));
    println!("100,000-member enum: {} in {elapsed:.2?}", match &result {
        Ok(bytes) => format!("generated {bytes} bytes"),
        Err(e) => format!("refused: {e}"),
    });
    assert!(elapsed < Duration::from_secs(60), "the 100,000-member enum took {elapsed:?}");
}

// ---------------------------------------------------------------------------------------------
// Arbitrary and mutated bytes
// ---------------------------------------------------------------------------------------------

#[test]
fn generator_bytes() {
    let prefixes: [&[u8]; 4] = [b"", br#"{"smithy":"2.0","shapes":"#, br#"{"smithy":"2.0","shapes":{"a.b#S":"#, br#"{"smithy":"#];
    let strategy = (0..prefixes.len(), prop::collection::vec(any::<u8>(), 0..512));
    fuzz("generator_bytes", 5000, strategy, |(prefix, tail)| {
        let mut bytes = prefixes[prefix].to_vec();
        bytes.extend(tail);
        let _ = generate_bytes(&bytes);
    });
}

/// JSON tokens and Smithy words a byte mutation splices in.
const TOKENS: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "null", "true", "0", "-1", "1e999", "18446744073709551616", "\"\"",
    "{}", "[]", "\"smithy.api#String\"", "\"smithy.api#Unit\"", "\"#\"", "\"a#\"", "\"$\"", "\"\\u0000\"", "\"\\ud800\"",
    "\"structure\"", "\"union\"", "\"enum\"", "\"list\"", "\"map\"", "\"operation\"", "\"service\"", "\"apply\"",
    "\"target\"", "\"members\"", "\"traits\"", "\"mixins\"", "\"smithy.api#required\"", "\"smithy.api#httpLabel\"",
    "\"{label+}\"", "\"/{a}/{a}\"", "\"Self\"", "\"r#type\"", "\"é\"",
];

#[test]
fn generator_mutated_bytes() {
    let corpus = corpus();
    let mutation = (0..6usize, any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<u8>());
    let strategy = (0..corpus.len(), prop::collection::vec(mutation, 1..8));
    fuzz("generator_mutated_bytes", 1000, strategy, |(model, mutations)| {
        let mut bytes = corpus[model].1.clone().into_bytes();
        for (kind, at, to, byte) in mutations {
            if bytes.is_empty() {
                break;
            }
            let at = at.index(bytes.len());
            let end = (at + to.index(64)).min(bytes.len());
            match kind {
                0 => bytes[at] ^= 1 << (byte % 8),
                1 => bytes[at] = byte,
                2 => drop(bytes.drain(at..end)),
                3 => {
                    let copy = bytes[at..end].to_vec();
                    let into = to.index(bytes.len());
                    bytes.splice(into..into, copy);
                }
                _ => {
                    let token = TOKENS[usize::from(byte) % TOKENS.len()].as_bytes().to_vec();
                    bytes.splice(at..if kind == 4 { at } else { end }, token);
                }
            }
        }
        let _ = generate_bytes(&bytes);
    });
}

/// Every value's JSON pointer, for picking one to mutate.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                pointers(item, format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// A random JSON value, mostly the kinds Smithy models hold.
fn random_value(c: &mut Choices, depth: usize) -> Value {
    match c.below(if depth > 2 { 8 } else { 11 }) {
        0 => Value::Null,
        1 => Value::Bool(c.chance(50)),
        2 => json!(*c.pick(&[0i64, -1, 1, 255, 256, 599, 600, i64::from(i32::MAX) + 1, i64::MIN, i64::MAX])),
        3 => json!(*c.pick(&[0.5f64, -0.0, 1e300, -1e-300, 3.25])),
        4 => json!(u64::MAX),
        5 | 6 => json!(*c.pick(&[
            "", "x", "smithy.api#String", "smithy.api#Unit", "smithy.api#Integer", "smithy.api#Document", "GET", "/",
            "/{a}", "client", "server", "date-time", "epoch-seconds", "nonsense", "^[a-z]+$", "(", "Self", "type",
            "\u{0}", "é", "a#B", "a#B$c",
        ])),
        7 => json!(format!("example.fuzz#S{}", c.below(4))),
        8 => Value::Array((0..c.below(3)).map(|_| random_value(c, depth + 1)).collect()),
        _ => {
            let mut map = Map::new();
            for _ in 0..c.below(3) {
                let key = c.pick(&["min", "max", "target", "type", "value", "code", "method", "uri", "name", "smithy.api#required"]);
                map.insert((*key).to_string(), random_value(c, depth + 1));
            }
            Value::Object(map)
        }
    }
}

#[test]
fn generator_mutated_tree() {
    let corpus = corpus();
    let strategy = (0..corpus.len(), prop::collection::vec(any::<u8>(), 0..96));
    fuzz("generator_mutated_tree", 1000, strategy, |(model, bytes)| {
        let mut tree: Value = serde_json::from_str(&corpus[model].1).expect("a fixture is JSON");
        let mut c = Choices::new(&bytes);
        for _ in 0..1 + c.below(4) {
            let mut all = Vec::new();
            pointers(&tree, String::new(), &mut all);
            let at = all[c.below(all.len())].clone();
            match c.below(4) {
                // Replace the value.
                0 | 1 => {
                    let value = random_value(&mut c, 0);
                    if let Some(slot) = tree.pointer_mut(&at) {
                        *slot = value;
                    }
                }
                // Drop a key of the enclosing object (or an item of the array).
                2 => {
                    let (parent, key) = at.rsplit_once('/').unwrap_or(("", ""));
                    match tree.pointer_mut(parent) {
                        Some(Value::Object(map)) => drop(map.remove(&key.replace("~1", "/").replace("~0", "~"))),
                        Some(Value::Array(items)) => {
                            if let Ok(i) = key.parse::<usize>() {
                                if i < items.len() {
                                    items.remove(i);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                // Add a trait (right or wrong value) to whatever object is there.
                _ => {
                    let name = *c.pick(TRAIT_NAMES);
                    let value = random_value(&mut c, 1);
                    if let Some(Value::Object(map)) = tree.pointer_mut(&at) {
                        let traits = map.entry("traits").or_insert_with(|| json!({}));
                        if let Value::Object(traits) = traits {
                            traits.insert(format!("smithy.api#{name}"), value);
                        }
                    }
                }
            }
        }
        let _ = generate(&tree.to_string());
    });
}

/// The `smithy.api#` traits the generator reads.
const TRAIT_NAMES: &[&str] = &[
    "required", "default", "length", "range", "pattern", "httpLabel", "httpQuery", "httpQueryParams", "httpHeader",
    "httpPrefixHeaders", "httpPayload", "httpResponseCode", "jsonName", "xmlName", "xmlAttribute", "xmlFlattened",
    "xmlNamespace", "timestampFormat", "sensitive", "error", "httpError", "http", "documentation", "deprecated",
    "enumValue", "idempotencyToken", "streaming", "mediaType", "hostLabel", "endpoint", "retryable", "clientOptional",
    "addedDefault", "sparse", "uniqueItems", "input", "output", "mixin", "enum", "title", "paginated",
];

// ---------------------------------------------------------------------------------------------
// Structure-aware models
// ---------------------------------------------------------------------------------------------

const NS: &str = "example.fuzz";

const PROTOCOLS: &[&str] = &[
    "aws.protocols#restJson1", "aws.protocols#awsJson1_0", "aws.protocols#awsJson1_1", "aws.protocols#restXml",
    "aws.protocols#awsQuery", "aws.protocols#ec2Query", "smithy.protocols#rpcv2Cbor", "none",
];

/// Shape names, with the ones that collide with Rust's (`Option`, `Self`) and with each other
/// after case conversion (`Thing`, `THING`, `thing`).
const SHAPE_NAMES: &[&str] = &[
    "Widget", "Thing", "THING", "thing", "Option", "Result", "Self", "Box", "Vec", "String", "Unknown", "Error",
    "Builder", "Input", "Output", "A", "AB", "Ab", "Type", "Crate", "Value", "Stage", "Item", "Tag",
];

/// Member names: keywords, a leading underscore, collisions after case conversion, names the
/// wire layer reads (`message`, `__type`, `code`).
const MEMBER_NAMES: &[&str] = &[
    "name", "Name", "NAME", "type", "self", "Self", "super", "crate", "async", "await", "dyn", "r#type", "_meta",
    "message", "Message", "errorMessage", "code", "Code", "__type", "requestId", "arn", "items", "value", "values",
    "build", "builder", "a", "A", "a_b", "aB", "key", "body", "size", "default", "union", "match", "unknown",
];

const PRELUDE: &[&str] = &[
    "smithy.api#String", "smithy.api#Integer", "smithy.api#Long", "smithy.api#Boolean", "smithy.api#Blob",
    "smithy.api#Timestamp", "smithy.api#Double", "smithy.api#Float", "smithy.api#Short", "smithy.api#Byte",
    "smithy.api#BigInteger", "smithy.api#BigDecimal", "smithy.api#Document", "smithy.api#PrimitiveInteger",
    "smithy.api#PrimitiveBoolean", "smithy.api#Unit",
];

const SIMPLE_KINDS: &[&str] = &[
    "string", "integer", "long", "boolean", "blob", "timestamp", "double", "float", "short", "byte", "bigInteger",
    "bigDecimal", "document",
];

const PATTERNS: &[&str] = &["^[a-z]+$", "^\\d{3}-\\d{4}$", "^.*$", "(", "[a-", "a{2,1}", "(?<n>x)\\k<n>", "\\p{L}+", "(?=x)x", "^\\u00e9$", ""];

const DOCS: &[&str] = &[
    "<p>Plain.</p>", "<p>Unclosed <b>bold", "<ul><li>a</li><li>b</li></ul>", "</p></p>", "<code>*/</code>",
    "```rust\npanic!()\n```", "<a href=\"javascript:x\">x</a>", "&amp;&lt;&#x0;&bogus;", "\u{202e}rtl", "",
];

/// Builds one random model. In a valid model (most cases) every trait value has the right type
/// and range and the names do not collide, so the model reaches lowering and emission; otherwise
/// a few values are wrong (a bad bound, a missing target, a duplicate enum value, ...), for
/// validation to refuse.
struct ModelBuilder<'c, 'b> {
    c: &'c mut Choices<'b>,
    valid: bool,
    protocol: &'static str,
    /// Shape ID → type, of the shapes made so far (and the prelude's).
    kinds: std::collections::BTreeMap<String, &'static str>,
}

impl ModelBuilder<'_, '_> {
    /// True with probability `percent`, never in a valid model: where a case goes wrong.
    fn wrong(&mut self, percent: u8) -> bool {
        !self.valid && self.c.chance(percent)
    }

    fn pick<T: Copy>(&mut self, right: &[T], wrong: &[T]) -> T {
        if !wrong.is_empty() && self.wrong(30) {
            *self.c.pick(wrong)
        } else {
            *self.c.pick(right)
        }
    }

    /// A member target: a shape made so far or a prelude shape (or, wrongly, nothing).
    fn target(&mut self, ids: &[String]) -> String {
        if self.wrong(5) {
            return format!("{NS}#Missing");
        }
        if !ids.is_empty() && self.c.chance(45) {
            return ids[self.c.below(ids.len())].clone();
        }
        (*self.c.pick(PRELUDE)).to_string()
    }

    fn kind_of(&self, id: &str) -> &'static str {
        self.kinds.get(id).copied().unwrap_or("missing")
    }

    /// `count` distinct names from `pool`, distinct case-insensitively too in a valid model.
    fn names(&mut self, pool: &[&'static str], count: usize) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for _ in 0..count {
            let name = *self.c.pick(pool);
            let clash = out.iter().any(|n| n.eq_ignore_ascii_case(name) || n.replace('_', "").eq_ignore_ascii_case(&name.replace('_', "")));
            if !clash || self.wrong(20) {
                out.push(name);
            }
        }
        out
    }

    fn model(&mut self) -> Value {
        for id in PRELUDE {
            let kind = id.strip_prefix("smithy.api#").unwrap_or(id);
            let kind = match kind {
                "PrimitiveInteger" => "integer",
                "PrimitiveBoolean" => "boolean",
                "Unit" => "structure",
                _ => SIMPLE_KINDS.iter().find(|k| k.eq_ignore_ascii_case(kind)).copied().unwrap_or("string"),
            };
            self.kinds.insert((*id).to_string(), kind);
        }
        let mut shapes = Map::new();
        let count = 1 + self.c.below(8);
        let names = self.names(SHAPE_NAMES, count);
        let mut ids: Vec<String> = Vec::new();
        for name in names {
            let id = format!("{NS}#{name}");
            // Shapes only target shapes made before them, so a valid model has no cycle; a
            // wrong one may target itself.
            let mut targets = ids.clone();
            if self.wrong(10) {
                targets.push(id.clone());
            }
            let shape = self.shape(&id, &targets);
            shapes.insert(id.clone(), shape);
            ids.push(id);
        }
        let error_ids = self.errors(&mut shapes, &ids);
        let mut operations = Vec::new();
        let count = 1 + self.c.below(3);
        let op_names = self.names(&["GetWidget", "PutThing", "ListItems", "Delete", "Match", "Async", "DescribeStage"], count);
        for name in op_names {
            let id = format!("{NS}#{name}");
            let op = self.operation(&id, &mut shapes, &ids, &error_ids);
            shapes.insert(id.clone(), op);
            operations.push(json!({"target": id}));
        }
        if !ids.is_empty() && self.wrong(10) {
            operations.push(json!({"target": ids[0].clone()}));
        }
        shapes.insert(format!("{NS}#Service"), self.service(operations, &ids));
        json!({"smithy": "2.0", "shapes": shapes})
    }

    fn shape(&mut self, id: &str, targets: &[String]) -> Value {
        let kind = match self.c.below(12) {
            0 | 1 => "structure",
            2 => "union",
            3 => "enum",
            4 => "intEnum",
            5 => "list",
            6 => "map",
            _ => *self.c.pick(SIMPLE_KINDS),
        };
        self.kinds.insert(id.to_string(), kind);
        let mut shape = Map::new();
        shape.insert("type".into(), json!(kind));
        match kind {
            "structure" | "union" => {
                let mut members = Map::new();
                let count = usize::from(kind == "union") + self.c.below(5);
                for name in self.names(MEMBER_NAMES, count) {
                    let target = self.target(targets);
                    let member = self.member(&target, kind == "structure", false);
                    members.insert(name.into(), member);
                }
                shape.insert("members".into(), Value::Object(members));
            }
            "enum" | "intEnum" => {
                let mut members = Map::new();
                let count = usize::from(!self.wrong(10)) + self.c.below(4);
                for (i, name) in self.names(&["A", "B", "C", "Self", "type", "value_1", "Unknown", "a"], count).into_iter().enumerate() {
                    let value = if kind == "enum" {
                        let text = if self.wrong(15) { *self.c.pick(&["", "a", "a"]) } else { ["alpha", "beta", "γ", "d e", "Self"][i % 5] };
                        json!(text)
                    } else if self.wrong(15) {
                        json!(*self.c.pick(&[json!("1"), json!(1.5), json!(i64::MAX), json!(0)]))
                    } else {
                        json!(i as i64 * *self.c.pick(&[1i64, -7, 1000]))
                    };
                    let mut traits = Map::new();
                    if !self.wrong(10) {
                        traits.insert("smithy.api#enumValue".into(), value);
                    }
                    if self.c.chance(10) {
                        traits.insert("smithy.api#documentation".into(), json!(*self.c.pick(DOCS)));
                    }
                    members.insert(name.to_string(), json!({"target": "smithy.api#Unit", "traits": traits}));
                }
                shape.insert("members".into(), Value::Object(members));
            }
            "list" => {
                let target = self.target(targets);
                shape.insert("member".into(), json!({"target": target}));
            }
            "map" => {
                let key = if self.wrong(20) { self.target(targets) } else { "smithy.api#String".to_string() };
                let value = self.target(targets);
                shape.insert("key".into(), json!({"target": key}));
                shape.insert("value".into(), json!({"target": value}));
            }
            _ => {}
        }
        let traits = self.shape_traits(kind);
        if !traits.is_empty() {
            shape.insert("traits".into(), Value::Object(traits));
        }
        Value::Object(shape)
    }

    /// A member targeting `target`, with random member traits; the HTTP binding traits only on
    /// the top level of an operation's input or output.
    fn member(&mut self, target: &str, in_structure: bool, top_level: bool) -> Value {
        let kind = self.kind_of(target);
        let mut traits = Map::new();
        let valid = self.valid;
        let c = &mut *self.c;
        let any = !valid;
        let scalar = !matches!(kind, "structure" | "union" | "list" | "map" | "document" | "missing");
        let numeric = matches!(kind, "integer" | "long" | "short" | "byte" | "float" | "double" | "bigInteger" | "bigDecimal" | "intEnum");
        if in_structure || any {
            maybe(&mut traits, c, 30, "smithy.api#required", |_| json!({}));
            let default = match kind {
                "string" => Some(json!(*c.pick(&["", "x"]))),
                "boolean" => Some(json!(false)),
                "integer" | "long" | "short" | "byte" => Some(json!(0)),
                "double" | "float" => Some(json!(1.5)),
                "list" => Some(json!([])),
                "map" => Some(json!({})),
                _ if any => Some(json!(*c.pick(&[json!(""), json!(0), json!(false), json!("a"), json!(1.5)]))),
                _ => None,
            };
            if let Some(default) = default {
                maybe(&mut traits, c, 12, "smithy.api#default", |_| default);
            }
        }
        let bound = |c: &mut Choices| *c.pick(&[0i64, 1, 3, 10, 1 << 40]);
        if matches!(kind, "string" | "list" | "map" | "blob") || any {
            let (a, b) = (bound(c), bound(c));
            let (min, max) = if valid { (a.min(b), a.max(b)) } else { (a, b - 1) };
            maybe(&mut traits, c, 8, "smithy.api#length", |_| json!({"min": min, "max": max}));
        }
        if numeric || any {
            let (a, b) = (bound(c), bound(c));
            let (min, max) = if valid { (a.min(b), a.max(b)) } else { (a, b - 2) };
            maybe(&mut traits, c, 8, "smithy.api#range", |_| json!({"min": min, "max": max}));
        }
        if kind == "string" || any {
            let patterns: &[&str] = if valid { &PATTERNS[..6] } else { PATTERNS };
            maybe(&mut traits, c, 8, "smithy.api#pattern", |c| json!(*c.pick(patterns)));
        }
        if top_level {
            let rest = self.protocol.contains("rest");
            if (rest && scalar) || any {
                maybe(&mut traits, c, 12, "smithy.api#httpHeader", |c| json!(*c.pick(&["X-Foo", "X-Bar", "X-Amzn-ErrorType", "Expires", "x-amz-meta-a"])));
            }
            if (rest && kind == "map") || any {
                maybe(&mut traits, c, 8, "smithy.api#httpPrefixHeaders", |c| json!(*c.pick(&["X-Meta-", "x-amz-meta-"])));
            }
            if (rest && matches!(kind, "structure" | "union" | "blob" | "string" | "document")) || any {
                maybe(&mut traits, c, 8, "smithy.api#httpPayload", |_| json!({}));
            }
        }
        if !valid {
            maybe(&mut traits, c, 6, "smithy.api#httpHeader", |c| json!(*c.pick(&["", "bad header", "Content-Type"])));
            maybe(&mut traits, c, 6, "smithy.api#jsonName", |c| json!(*c.pick(&[json!(""), json!(1)])));
            maybe(&mut traits, c, 6, "smithy.api#timestampFormat", |c| json!(*c.pick(&["iso8601", ""])));
            maybe(&mut traits, c, 6, "smithy.api#httpLabel", |_| json!({}));
            maybe(&mut traits, c, 6, "smithy.api#httpQuery", |_| json!(""));
        }
        maybe(&mut traits, c, 8, "smithy.api#jsonName", |c| json!(*c.pick(&["renamed", "Name", "__type", "a\"b", "é"])));
        maybe(&mut traits, c, 8, "smithy.api#xmlName", |c| json!(*c.pick(&["renamed", "Item", "a:b"])));
        if scalar {
            maybe(&mut traits, c, 6, "smithy.api#xmlAttribute", |_| json!({}));
        }
        if matches!(kind, "list" | "map") {
            maybe(&mut traits, c, 15, "smithy.api#xmlFlattened", |_| json!({}));
        }
        maybe(&mut traits, c, 4, "smithy.api#xmlNamespace", |c| json!({"uri": "https://example.com/m", "prefix": *c.pick(&["p", "q"])}));
        maybe(&mut traits, c, 4, "aws.protocols#ec2QueryName", |c| json!(*c.pick(&["Q", "Renamed"])));
        if kind == "timestamp" {
            maybe(&mut traits, c, 30, "smithy.api#timestampFormat", |c| json!(*c.pick(&["date-time", "epoch-seconds", "http-date"])));
        }
        maybe(&mut traits, c, 8, "smithy.api#sensitive", |_| json!({}));
        if kind == "string" {
            maybe(&mut traits, c, 4, "smithy.api#idempotencyToken", |_| json!({}));
        }
        maybe(&mut traits, c, 4, "smithy.api#clientOptional", |_| json!({}));
        maybe(&mut traits, c, 6, "smithy.api#documentation", |c| json!(*c.pick(DOCS)));
        maybe(&mut traits, c, 4, "smithy.api#deprecated", |_| json!({"message": "old"}));
        maybe(&mut traits, c, 3, "example.fuzz#custom", |_| json!({"any": [1, 2]}));
        let mut member = json!({"target": target});
        if !traits.is_empty() {
            member["traits"] = Value::Object(traits);
        }
        member
    }

    /// Random shape-level traits for a shape of `kind`.
    fn shape_traits(&mut self, kind: &str) -> Map<String, Value> {
        let mut traits = Map::new();
        let any = !self.valid;
        let c = &mut *self.c;
        maybe(&mut traits, c, 10, "smithy.api#documentation", |c| json!(*c.pick(DOCS)));
        maybe(&mut traits, c, 6, "smithy.api#sensitive", |_| json!({}));
        maybe(&mut traits, c, 4, "smithy.api#deprecated", |_| json!({}));
        if any {
            maybe(&mut traits, c, 4, "smithy.api#error", |c| json!(*c.pick(&["client", "bogus"])));
            maybe(&mut traits, c, 3, "smithy.api#httpError", |c| json!(*c.pick(&[200, 42, 999])));
            maybe(&mut traits, c, 4, "smithy.api#timestampFormat", |_| json!("bogus"));
            maybe(&mut traits, c, 4, "smithy.api#length", |_| json!({"min": -3, "max": "x"}));
            maybe(&mut traits, c, 4, "smithy.api#pattern", |c| json!(*c.pick(&PATTERNS[6..])));
            maybe(&mut traits, c, 2, "smithy.api#mixin", |_| json!({}));
        }
        if matches!(kind, "string" | "list" | "map" | "blob") {
            maybe(&mut traits, c, 6, "smithy.api#length", |c| json!({"min": *c.pick(&[0, 1, 2]), "max": *c.pick(&[2, 100])}));
        }
        if matches!(kind, "integer" | "long" | "short" | "byte" | "float" | "double" | "bigInteger" | "bigDecimal") {
            maybe(&mut traits, c, 6, "smithy.api#range", |c| json!({"min": *c.pick(&[json!(-1.5), json!(0), json!(-100)]), "max": *c.pick(&[2, 100])}));
        }
        if kind == "string" {
            maybe(&mut traits, c, 5, "smithy.api#pattern", |c| json!(*c.pick(&PATTERNS[..6])));
            maybe(&mut traits, c, 3, "smithy.api#mediaType", |_| json!("application/json"));
        }
        if matches!(kind, "structure" | "union" | "list" | "map" | "string" | "enum") {
            maybe(&mut traits, c, 4, "smithy.api#xmlName", |c| json!(*c.pick(&["Renamed", "Item"])));
        }
        if kind == "timestamp" {
            maybe(&mut traits, c, 20, "smithy.api#timestampFormat", |c| json!(*c.pick(&["date-time", "epoch-seconds", "http-date"])));
        }
        if matches!(kind, "list" | "map") {
            maybe(&mut traits, c, 5, "smithy.api#sparse", |_| json!({}));
        }
        if kind == "list" {
            maybe(&mut traits, c, 3, "smithy.api#uniqueItems", |_| json!({}));
        }
        if kind == "blob" || kind == "union" {
            maybe(&mut traits, c, 4, "smithy.api#streaming", |_| json!({}));
        }
        traits
    }

    /// Error structures the operations may name.
    fn errors(&mut self, shapes: &mut Map<String, Value>, ids: &[String]) -> Vec<String> {
        let mut error_ids = Vec::new();
        for i in 0..self.c.below(3) {
            let id = format!("{NS}#Error{i}");
            let mut traits = Map::new();
            let fault = self.pick(&["client", "server"], &["bogus"]);
            traits.insert("smithy.api#error".into(), json!(fault));
            if self.c.chance(50) {
                let status = self.pick(&[400, 403, 404, 409, 429, 500, 503], &[200, 999, 0]);
                traits.insert("smithy.api#httpError".into(), json!(status));
            }
            if self.c.chance(20) {
                traits.insert("smithy.api#retryable".into(), json!({"throttling": self.c.chance(50)}));
            }
            if self.c.chance(20) {
                traits.insert("aws.protocols#awsQueryError".into(), json!({"code": format!("Code{i}"), "httpResponseCode": 400}));
            }
            let mut members = Map::new();
            if self.c.chance(80) {
                let name = *self.c.pick(&["message", "Message", "errorMessage", "reason"]);
                let member = self.member("smithy.api#String", true, false);
                members.insert(name.into(), member);
            }
            let count = self.c.below(2);
            for name in self.names(&["code", "resource", "id", "items"], count) {
                let target = self.target(ids);
                let member = self.member(&target, true, false);
                members.insert(name.into(), member);
            }
            shapes.insert(id.clone(), json!({"type": "structure", "members": members, "traits": traits}));
            self.kinds.insert(id.clone(), "structure");
            error_ids.push(id);
        }
        error_ids
    }

    fn operation(&mut self, id: &str, shapes: &mut Map<String, Value>, ids: &[String], error_ids: &[String]) -> Value {
        let mut op = Map::new();
        op.insert("type".into(), json!("operation"));
        let rest = self.protocol.contains("rest");
        let mut labels = Vec::new();
        for (io, suffix) in [("input", "Input"), ("output", "Output")] {
            match self.c.below(10) {
                0 => {}
                1 if !self.valid => {
                    let target = self.target(ids);
                    op.insert(io.into(), json!({"target": target}));
                }
                1 | 2 => drop(op.insert(io.into(), json!({"target": "smithy.api#Unit"}))),
                _ => {
                    let io_id = format!("{id}{suffix}");
                    let mut members = Map::new();
                    let count = self.c.below(6);
                    for name in self.names(MEMBER_NAMES, count) {
                        let target = self.target(ids);
                        let mut member = self.member(&target, true, true);
                        let kind = self.kind_of(&target);
                        let scalar = !matches!(kind, "structure" | "union" | "list" | "map" | "document" | "missing");
                        if rest && io == "input" && scalar && member.pointer("/traits").is_none() && self.c.chance(40) {
                            if self.c.chance(50) {
                                member["traits"] = json!({"smithy.api#httpLabel": {}, "smithy.api#required": {}});
                                labels.push(name.to_string());
                            } else {
                                member["traits"] = json!({"smithy.api#httpQuery": name.to_lowercase()});
                            }
                        }
                        members.insert(name.into(), member);
                    }
                    let mut traits = Map::new();
                    if self.c.chance(60) {
                        traits.insert(format!("smithy.api#{io}"), json!({}));
                    }
                    shapes.insert(io_id.clone(), json!({"type": "structure", "members": members, "traits": traits}));
                    op.insert(io.into(), json!({"target": io_id}));
                }
            }
        }
        let mut errors: Vec<Value> = Vec::new();
        for error in error_ids {
            if self.c.chance(60) {
                errors.push(json!({"target": error}));
            }
        }
        if self.wrong(10) {
            let target = self.target(ids);
            errors.push(json!({"target": target}));
        }
        if !errors.is_empty() {
            op.insert("errors".into(), Value::Array(errors));
        }
        let mut traits = Map::new();
        if rest || self.c.chance(20) {
            let mut uri = String::new();
            for _ in 0..self.c.below(3) {
                let segment = self.pick(&["widgets", "a", "v1", "%2F"], &["{nope}", "x y", "{a}{b}"]);
                uri.push('/');
                uri.push_str(segment);
            }
            for label in &labels {
                if !self.wrong(20) {
                    uri.push_str(&format!("/{{{label}}}"));
                }
            }
            if uri.is_empty() {
                uri.push('/');
            }
            if self.c.chance(15) {
                uri.push_str(self.pick(&["?literal", "?k=v", "?k=v&j=w"], &["?"]));
            }
            let method = self.pick(&["GET", "PUT", "POST", "DELETE", "PATCH"], &["get", "BREW"]);
            let code = self.pick(&[200, 200, 201, 204, 206], &[0, 700]);
            traits.insert("smithy.api#http".into(), json!({"method": method, "uri": uri, "code": code}));
        }
        let c = &mut *self.c;
        maybe(&mut traits, c, 10, "smithy.api#idempotent", |_| json!({}));
        maybe(&mut traits, c, 10, "smithy.api#readonly", |_| json!({}));
        maybe(&mut traits, c, 10, "smithy.api#httpChecksumRequired", |_| json!({}));
        maybe(&mut traits, c, 10, "smithy.api#requestCompression", |_| json!({"encodings": ["gzip"]}));
        maybe(&mut traits, c, 10, "smithy.api#endpoint", |c| json!({"hostPrefix": *c.pick(&["data.", "fuzz-"])}));
        maybe(&mut traits, c, 10, "smithy.api#documentation", |c| json!(*c.pick(DOCS)));
        maybe(&mut traits, c, 5, "smithy.api#deprecated", |_| json!({"message": "old", "since": "1"}));
        op.insert("traits".into(), Value::Object(traits));
        Value::Object(op)
    }

    fn service(&mut self, operations: Vec<Value>, ids: &[String]) -> Value {
        let mut traits = Map::new();
        if self.protocol != "none" {
            traits.insert(self.protocol.into(), json!({}));
        }
        if self.c.chance(85) {
            let sdk_id = self.pick(&["Fuzz", "Fuzz Service", "Self", "fuzz-é"], &["", "123"]);
            traits.insert("aws.api#service".into(), json!({"sdkId": sdk_id}));
        }
        let c = &mut *self.c;
        maybe(&mut traits, c, 70, "aws.auth#sigv4", |_| json!({"name": "fuzz"}));
        maybe(&mut traits, c, 40, "smithy.api#xmlNamespace", |_| json!({"uri": "https://example.com/fuzz/"}));
        maybe(&mut traits, c, 10, "aws.protocols#awsQueryCompatible", |_| json!({}));
        maybe(&mut traits, c, 15, "smithy.api#documentation", |c| json!(*c.pick(DOCS)));
        let mut service = json!({"type": "service", "version": "2024-01-01", "operations": operations, "traits": traits});
        if !ids.is_empty() && self.c.chance(8) {
            let to = self.pick(&["Renamed", "Option", "Other"], &["", "0bad"]);
            service["rename"] = json!({ids[0].clone(): to});
        }
        service
    }
}

/// A random model from the choice stream (see [`ModelBuilder`]).
fn build_model(c: &mut Choices) -> Value {
    let protocol = *c.pick(PROTOCOLS);
    let valid = c.below(4) != 0;
    ModelBuilder { c, valid, protocol, kinds: Default::default() }.model()
}

/// Adds trait `name` with probability `percent`, its value drawn only then.
fn maybe(traits: &mut Map<String, Value>, c: &mut Choices, percent: u8, name: &str, value: impl FnOnce(&mut Choices) -> Value) {
    if c.chance(percent) {
        let value = value(c);
        traits.insert(name.to_string(), value);
    }
}

/// How the structure-aware cases ended, to check the strategy mostly reaches emission.
static GENERATED: AtomicUsize = AtomicUsize::new(0);
static REFUSED: AtomicUsize = AtomicUsize::new(0);
static NOT_RUST: AtomicUsize = AtomicUsize::new(0);

/// One structure-aware case: the model and how it is generated, drawn from the fuzzer's bytes
/// (so shrinking the bytes shrinks the model); shown as the model's JSON when a case fails.
struct ModelCase {
    model: String,
    selection: codegen::Selection,
    protocol_tests: bool,
}

impl std::fmt::Debug for ModelCase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "selection: {:?}, protocol_tests: {}", self.selection, self.protocol_tests)?;
        write!(f, "{}", self.model)
    }
}

fn model_case(bytes: &[u8]) -> ModelCase {
    let mut c = Choices::new(bytes);
    let model = build_model(&mut c);
    let selection = match c.below(20) {
        0 => codegen::Selection { operations: Some(vec!["GetWidget".into()]), ..Default::default() },
        1 => codegen::Selection { service: Some(format!("{NS}#Nope")), ..Default::default() },
        2 => codegen::Selection { crate_name: Some((*c.pick(&["self", "a-b", "crate", "fuzz_crate", "", "1x"])).into()), ..Default::default() },
        _ => codegen::Selection::default(),
    };
    // Protocol tests only where the crate name is a Rust identifier: see
    // `crate_names_that_are_no_identifiers_with_protocol_tests`, a known crash.
    let sdk_id = model.pointer(&format!("/shapes/{NS}#Service/traits/aws.api#service/sdkId")).and_then(Value::as_str);
    let named_well = selection.crate_name.is_none() && sdk_id.is_some_and(|id| id.starts_with(|ch: char| ch.is_ascii_alphabetic()));
    let protocol_tests = named_well && c.chance(10);
    ModelCase { model: model.to_string(), selection, protocol_tests }
}

#[test]
fn generator_models() {
    let strategy = prop::collection::vec(any::<u8>(), 0..1024).prop_map(|bytes| model_case(&bytes));
    fuzz("generator_models", 1000, strategy, |case| {
        match generate_selected(&case.model, case.selection, case.protocol_tests) {
            Ok(_) => GENERATED.fetch_add(1, Ordering::Relaxed),
            Err(codegen::Error::Emit { file, message }) => {
                println!("generated code that does not parse: {file}: {message}\nmodel: {}", case.model);
                NOT_RUST.fetch_add(1, Ordering::Relaxed)
            }
            Err(e) => {
                if std::env::var_os("SMELT_FUZZ_VERBOSE").is_some() {
                    println!("refused: {e}");
                }
                REFUSED.fetch_add(1, Ordering::Relaxed)
            }
        };
    });
    let (generated, refused, not_rust) =
        (GENERATED.load(Ordering::Relaxed), REFUSED.load(Ordering::Relaxed), NOT_RUST.load(Ordering::Relaxed));
    println!("generator_models: {generated} generated, {refused} refused, {not_rust} emitted code that does not parse");
}

/// Found by `generator_models`: with protocol tests on, a crate name that is no Rust identifier
/// (`--crate-name ""`, `"123"`, `"a b"`, or an `sdkId` of `""` or `"123"`) panicked in
/// `emit::protocol_tests::render`. Now an invalid `--crate-name` is an error and a derived name
/// that does not start with a letter is prefixed.
#[test]
fn crate_names_that_are_no_identifiers_with_protocol_tests() {
    let seed = std::fs::read_to_string(fuzz_support::repo_root().join("tests/fuzz-seeds/generator/crate_name_not_an_identifier.json"))
        .expect("the seed");
    let mut panics = Vec::new();
    for name in ["", "123", "a b", "1x"] {
        let selection = codegen::Selection { crate_name: Some(name.to_string()), ..Default::default() };
        if std::panic::catch_unwind(|| drop(generate_selected(&seed, selection, true))).is_err() {
            panics.push(format!("--crate-name {name:?}"));
        }
    }
    for sdk_id in ["", "123"] {
        let model = seed.replace("\"sdkId\": \"Fuzz\"", &format!("\"sdkId\": {sdk_id:?}"));
        assert_ne!(model, seed);
        if std::panic::catch_unwind(|| drop(generate_selected(&model, codegen::Selection::default(), true))).is_err() {
            panics.push(format!("sdkId {sdk_id:?}"));
        }
    }
    assert!(panics.is_empty(), "panicked with protocol tests on: {panics:?}");
}

/// The runner is not blind: a panic in a case fails the target, with the input shrunk.
#[test]
#[should_panic(expected = "minimal input")]
fn a_panicking_case_fails_the_target() {
    fuzz_support::fuzz_exactly("self_test", 2000, prop::collection::vec(any::<u8>(), 0..64), |bytes| {
        assert!(!bytes.contains(&0xab), "found the byte");
    });
}
