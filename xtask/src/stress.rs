//! `cargo xtask stress [--sizes 10,25,50]`: the generator on synthetic models of the given sizes
//! (MB of JSON), each in its own process so its peak resident memory (`VmHWM`) is its own. Prints
//! one row per size and fails when a model is refused, the generator panics, or memory grows
//! faster than the model: peak memory per model byte at the largest size may be at most
//! [`MAX_GROWTH`] times that at the smallest.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::flags;

const DEFAULT_SIZES: &[usize] = &[10, 25, 50];
/// How much more memory per model byte the largest model may take than the smallest.
const MAX_GROWTH: f64 = 1.25;
const NS: &str = "example.stress";
const MB: usize = 1 << 20;

/// What one child process reports.
#[derive(Debug, Serialize, Deserialize)]
struct Measure {
    model_bytes: usize,
    shapes: usize,
    operations: usize,
    files: usize,
    output_bytes: usize,
    seconds: f64,
    peak_rss_bytes: u64,
}

pub fn run(flags: &flags::Stress, root: &Path) -> ExitCode {
    if let Some(path) = &flags.one {
        return one_process(path);
    }
    let sizes = flags.sizes.as_ref().map_or(DEFAULT_SIZES.to_vec(), |sizes| sizes.0.clone());
    let dir = root.join("target/stress");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut rows = Vec::new();
    for size in sizes {
        let path = dir.join(format!("model-{size}mb.json"));
        let text = synthetic_model(size * MB);
        if let Err(e) = std::fs::write(&path, &text) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        drop(text);
        match measure_in_child(&path) {
            Ok(measure) => rows.push(measure),
            Err(message) => {
                eprintln!("error: the {size} MB model: {message}");
                return ExitCode::FAILURE;
            }
        }
        let _ = std::fs::remove_file(&path);
    }
    print!("{}", table(&rows));
    verdict(&rows)
}

fn measure_in_child(path: &Path) -> Result<Measure, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let output = Command::new(exe).arg("stress").arg("--one").arg(path).output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!("{}\n{}", output.status, String::from_utf8_lossy(&output.stderr)));
    }
    let line = stdout.lines().find_map(|l| l.strip_prefix("MEASURE ")).ok_or("the child printed no measurement")?;
    serde_json::from_str(line).map_err(|e| e.to_string())
}

/// The child: generate the crate for one model file and report what it took.
fn one_process(path: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let options = codegen::Options {
        selection: codegen::Selection::default(),
        emit: codegen::EmitOptions { generated_by: "cargo xtask stress".to_string(), protocol_tests: false },
    };
    let started = Instant::now();
    let timed = match codegen::generate_timed(&text, &options) {
        Ok(timed) => timed,
        Err(e) => {
            eprintln!("error: the model was refused: {e}");
            return ExitCode::FAILURE;
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let measure = Measure {
        model_bytes: text.len(),
        shapes: timed.model.shapes.len(),
        operations: timed.krate.operations.len(),
        files: timed.files.len(),
        output_bytes: timed.files.values().map(String::len).sum(),
        seconds,
        peak_rss_bytes: peak_rss().unwrap_or(0),
    };
    match serde_json::to_string(&measure) {
        Ok(line) => {
            println!("MEASURE {line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The process's peak resident set (`VmHWM` of `/proc/self/status`), in bytes.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kb.checked_mul(1024)
}

fn per_byte(m: &Measure) -> f64 {
    m.peak_rss_bytes as f64 / m.model_bytes.max(1) as f64
}

fn table(rows: &[Measure]) -> String {
    let mut out = String::from(
        "| model | shapes | operations | files | generated | time | peak memory | memory / model |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for m in rows {
        let _ = writeln!(
            out,
            "| {:.1} MB | {} | {} | {} | {:.1} MB | {:.1} s | {:.0} MB | {:.1} |",
            m.model_bytes as f64 / MB as f64,
            m.shapes,
            m.operations,
            m.files,
            m.output_bytes as f64 / MB as f64,
            m.seconds,
            m.peak_rss_bytes as f64 / MB as f64,
            per_byte(m),
        );
    }
    if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
        let extra_memory = last.peak_rss_bytes.saturating_sub(first.peak_rss_bytes) as f64;
        let extra_model = last.model_bytes.saturating_sub(first.model_bytes) as f64;
        if extra_model > 0.0 {
            let _ = writeln!(out, "\nmarginal memory: {:.1} bytes per extra model byte", extra_memory / extra_model);
        }
    }
    out
}

fn verdict(rows: &[Measure]) -> ExitCode {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else { return ExitCode::SUCCESS };
    if first.peak_rss_bytes == 0 {
        println!("peak memory is not readable here (no /proc/self/status); proportionality not checked");
        return ExitCode::SUCCESS;
    }
    let growth = per_byte(last) / per_byte(first);
    if growth > MAX_GROWTH {
        println!("FAIL: memory per model byte grew {growth:.2}x from the smallest to the largest model (limit {MAX_GROWTH})");
        return ExitCode::FAILURE;
    }
    println!("ok: memory per model byte changed {growth:.2}x from the smallest to the largest model (limit {MAX_GROWTH})");
    ExitCode::SUCCESS
}

/// A restJson1 service of `target` bytes or a little more: operations with constrained strings,
/// an enum, a union, a list of structures with a map, a shared error, and documentation on
/// everything, about the mix of a real AWS model.
pub fn synthetic_model(target: usize) -> String {
    let unit_bytes = serde_json::to_string(&Value::Object(unit(0))).map_or(1, |s| s.len().max(1));
    let units = target.div_ceil(unit_bytes).max(1);
    let mut shapes = Map::new();
    for i in 0..units {
        shapes.extend(unit(i));
    }
    let operations: Vec<Value> = (0..units).map(|i| json!({ "target": format!("{NS}#Op{i}") })).collect();
    shapes.insert(
        format!("{NS}#StressService"),
        json!({
            "type": "service",
            "version": "2026-11-29",
            "operations": operations,
            "errors": [{ "target": format!("{NS}#Failed") }],
            "traits": {
                "aws.protocols#restJson1": {},
                "aws.api#service": { "sdkId": "Stress" },
                "smithy.api#documentation": "A synthetic service for the generator's stress test."
            }
        }),
    );
    shapes.insert(
        format!("{NS}#Failed"),
        json!({
            "type": "structure",
            "members": { "message": { "target": "smithy.api#String" } },
            "traits": { "smithy.api#error": "client", "smithy.api#httpError": 400 }
        }),
    );
    let model = json!({ "smithy": "2.0", "shapes": Value::Object(shapes) });
    serde_json::to_string(&model).unwrap_or_default()
}

fn doc(what: &str, i: usize) -> Value {
    Value::String(format!(
        "<p>The {what} of unit {i}. This paragraph is as long as a typical member's documentation in an AWS model, \
         with <code>code</code>, a <a href=\"https://example.com/{i}\">link</a> and a second sentence that says \
         what happens when the value is absent: the service picks its default.</p>"
    ))
}

/// The shapes of operation `Op{i}`.
fn unit(i: usize) -> Map<String, Value> {
    let id = |name: &str| format!("{NS}#{name}{i}");
    let string_member = |name: &str| {
        json!({ "target": "smithy.api#String", "traits": {
            "smithy.api#documentation": doc(name, i),
            "smithy.api#length": { "min": 1, "max": 128 },
            "smithy.api#pattern": "^[a-zA-Z0-9-]+$"
        }})
    };
    let mut input_members = Map::new();
    input_members.insert("id".into(), json!({ "target": "smithy.api#String", "traits": { "smithy.api#required": {}, "smithy.api#httpLabel": {} } }));
    for n in 0..6 {
        input_members.insert(format!("name{n}"), string_member(&format!("name {n}")));
    }
    input_members.insert("state".into(), json!({ "target": id("State"), "traits": { "smithy.api#documentation": doc("state", i) } }));
    input_members.insert("choice".into(), json!({ "target": id("Choice") }));
    input_members.insert("items".into(), json!({ "target": id("ItemList"), "traits": { "smithy.api#documentation": doc("items", i) } }));
    input_members.insert("limit".into(), json!({ "target": "smithy.api#Integer", "traits": { "smithy.api#range": { "min": 1, "max": 100 }, "smithy.api#httpQuery": "limit" } }));

    let mut shapes = Map::new();
    shapes.insert(
        id("Op"),
        json!({
            "type": "operation",
            "input": { "target": id("OpInput") },
            "output": { "target": id("OpOutput") },
            "errors": [{ "target": format!("{NS}#Failed") }],
            "traits": {
                "smithy.api#http": { "method": "POST", "uri": format!("/op{i}/{{id}}"), "code": 200 },
                "smithy.api#documentation": doc("operation", i)
            }
        }),
    );
    shapes.insert(id("OpInput"), json!({ "type": "structure", "members": Value::Object(input_members), "traits": { "smithy.api#input": {} } }));
    shapes.insert(
        id("OpOutput"),
        json!({
            "type": "structure",
            "members": {
                "item": { "target": id("Item"), "traits": { "smithy.api#documentation": doc("item", i) } },
                "requestToken": { "target": "smithy.api#String", "traits": { "smithy.api#httpHeader": "x-request-token" } }
            },
            "traits": { "smithy.api#output": {} }
        }),
    );
    let states: Map<String, Value> = ["ACTIVE", "INACTIVE", "PENDING", "FAILED", "DELETED"]
        .iter()
        .map(|s| ((*s).to_string(), json!({ "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": s.to_lowercase() } })))
        .collect();
    shapes.insert(id("State"), json!({ "type": "enum", "members": Value::Object(states), "traits": { "smithy.api#documentation": doc("state enum", i) } }));
    shapes.insert(
        id("Choice"),
        json!({ "type": "union", "members": {
            "text": { "target": "smithy.api#String" },
            "number": { "target": "smithy.api#Long" },
            "item": { "target": id("Item") }
        }}),
    );
    shapes.insert(id("ItemList"), json!({ "type": "list", "member": { "target": id("Item") }, "traits": { "smithy.api#length": { "max": 50 } } }));
    shapes.insert(id("Tags"), json!({ "type": "map", "key": { "target": "smithy.api#String" }, "value": { "target": "smithy.api#String" } }));
    shapes.insert(
        id("Item"),
        json!({ "type": "structure", "members": {
            "arn": string_member("ARN"),
            "count": { "target": "smithy.api#Integer", "traits": { "smithy.api#range": { "min": 0 } } },
            "createdAt": { "target": "smithy.api#Timestamp", "traits": { "smithy.api#documentation": doc("creation time", i) } },
            "enabled": { "target": "smithy.api#Boolean", "traits": { "smithy.api#default": false } },
            "tags": { "target": id("Tags") }
        }, "traits": { "smithy.api#documentation": doc("item structure", i) } }),
    );
    shapes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_synthetic_model_has_about_the_asked_size_and_generates() {
        let text = synthetic_model(64 * 1024);
        assert!(text.len() >= 64 * 1024 && text.len() < 96 * 1024, "{} bytes", text.len());
        let options = codegen::Options {
            selection: codegen::Selection::default(),
            emit: codegen::EmitOptions { generated_by: "test".to_string(), protocol_tests: false },
        };
        let files = codegen::generate(&text, &options).expect("the synthetic model is valid");
        assert!(files.keys().any(|f| f.contains("op0")), "{:?}", files.keys().collect::<Vec<_>>());
    }
}
