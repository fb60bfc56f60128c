//! `cargo xtask endpoint-tests [DIR...]`: for every model in the folders (default
//! `../shared/models/aws`), generate the service's crate (its types and `endpoint` module; no
//! operations, which endpoint resolution does not need) with `tests/endpoint_tests.rs`, one test per
//! `smithy.rules#endpointTests` case: build `endpoint::Params` from the case's `params`, call
//! `endpoint::resolve`, and compare the URL, headers and properties (as `Document`s), or the error
//! message. All crates go into one scratch workspace built by one `cargo build --tests
//! --keep-going`; each test binary is then run, and a table printed, one row per model.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use serde_json::Value;

use crate::protocol_tests::{parse_libtest, Outcome};
use crate::test_workspace;

const DEFAULT_DIR: &str = "../shared/models/aws";
const TESTS: &str = "endpoint_tests";

/// Regions of the partitions whose facts changed after the tests were written: `aws-iso`,
/// `aws-iso-b`, `aws-iso-e` and `aws-iso-f` now support dual-stack, with a dual-stack DNS suffix of
/// their own (`api.aws.ic.gov`, ...), where the tests (April 2025) expect no dual-stack and the
/// plain DNS suffix. With those four partitions' 2025 outputs every case passes; see the README.
const DRIFTED_REGION_PREFIXES: &[&str] = &["us-iso-", "us-isob-", "eu-isoe-", "us-isof-"];

struct Model {
    file: String,
    krate: String,
    files: BTreeMap<String, String>,
    /// Test name, and the reason when the case cannot run.
    cases: Vec<(String, Option<String>)>,
    /// Per case, whether its region is in a partition whose facts changed since the tests.
    drifted: Vec<bool>,
    executable: Option<PathBuf>,
    build_error: Option<String>,
    outcomes: Vec<Outcome>,
}

pub fn run(args: &[String], root: &Path) -> ExitCode {
    let dirs: Vec<PathBuf> = if args.is_empty() { vec![root.join(DEFAULT_DIR)] } else { args.iter().map(PathBuf::from).collect() };
    if let Some(flag) = args.iter().find(|a| a.starts_with('-')) {
        eprintln!("error: unknown argument `{flag}`\nusage: cargo xtask endpoint-tests [DIR...]");
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let mut paths = Vec::new();
    for dir in &dirs {
        match std::fs::read_dir(dir) {
            Ok(entries) => paths.extend(entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "json"))),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", dir.display());
                return ExitCode::from(2);
            }
        }
    }
    paths.sort();
    let mut models = Vec::new();
    for path in &paths {
        match generate(path) {
            Ok(Some(model)) => models.push(model),
            Ok(None) => {}
            Err(message) => {
                eprintln!("error: {}: {message}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    let scratch = std::env::temp_dir().join("smelt-endpoint-tests");
    if let Err(e) = test_workspace::write(&scratch, models.iter().map(|m| (m.krate.as_str(), &m.files))) {
        eprintln!("error: cannot write the crates into {}: {e}", scratch.display());
        return ExitCode::from(1);
    }
    let total: usize = models.iter().map(|m| m.cases.len()).sum();
    println!("{} models, {total} endpoint test cases, generated in {:.1?}; building them in {}", models.len(), started.elapsed(), scratch.display());
    let build_ok = build(&scratch, &root.join("target/endpoint-tests"), &mut models);
    for model in &mut models {
        run_tests(&scratch, model);
    }
    let failed = report(&models);
    println!("\n(done in {:.0?})", started.elapsed());
    if failed || !build_ok {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The model's crate with its endpoint tests; `None` when it has no rule set or no tests.
fn generate(path: &Path) -> Result<Option<Model>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let model = codegen::smithy::load(&text).map_err(|e| e.to_string())?;
    codegen::smithy::validate(&model).map_err(|e| e.to_string())?;
    let Some((service_id, service)) = model.services().next() else { return Ok(None) };
    let Some(tests) = service.traits.get("smithy.rules#endpointTests").and_then(|t| t.get("testCases")).and_then(Value::as_array) else {
        return Ok(None);
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("model");
    let krate = format!("endpoints_{}", stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect::<String>());
    let selection = codegen::Selection {
        service: Some(service_id.clone()),
        operations: Some(Vec::new()),
        crate_name: Some(krate.clone()),
        ..Default::default()
    };
    let ir = codegen::ir::lower(&model, &selection).map_err(|e| e.to_string())?;
    let Some(rules) = &ir.service.endpoint_rules else { return Ok(None) };
    let options = codegen::EmitOptions { generated_by: "cargo xtask endpoint-tests".to_string(), protocol_tests: false };
    let mut files = codegen::emit::format(codegen::emit::render(&ir, &options), &options).map_err(|e| e.to_string())?;
    let (source, cases) = test_file(&krate, rules, tests);
    let drifted = tests
        .iter()
        .map(|case| {
            let region = case.pointer("/params/Region").and_then(Value::as_str).unwrap_or_default();
            DRIFTED_REGION_PREFIXES.iter().any(|prefix| region.starts_with(prefix))
        })
        .collect();
    files.insert(format!("tests/{TESTS}.rs"), source);
    Ok(Some(Model {
        file: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        krate,
        files,
        cases,
        drifted,
        executable: None,
        build_error: None,
        outcomes: Vec::new(),
    }))
}

/// `tests/endpoint_tests.rs`: one `#[test]` per case.
fn test_file(krate: &str, rules: &codegen::ir::endpoint::EndpointRules, tests: &[Value]) -> (String, Vec<(String, Option<String>)>) {
    let mut out = format!(
        "// @generated by `cargo xtask endpoint-tests`. Do not edit by hand.\n\
         #![allow(clippy::all)]\n\n\
         use {krate}::endpoint::{{resolve, Params}};\n\
         #[allow(unused_imports)]\n\
         use {krate}::primitives::{{Document, Number}};\n\
         use std::collections::BTreeMap;\n"
    );
    let mut cases = Vec::new();
    for (i, case) in tests.iter().enumerate() {
        let name = format!("case_{:04}", i + 1);
        let docs = case.get("documentation").and_then(Value::as_str).unwrap_or("");
        let mut skip = None;
        let mut builder = String::from("Params::builder()");
        let empty = serde_json::Map::new();
        for (param, value) in case.get("params").and_then(Value::as_object).unwrap_or(&empty) {
            let Some(p) = rules.param(param) else {
                skip = Some(format!("the rule set has no parameter `{param}`"));
                continue;
            };
            let field = p.field.trim_start_matches("r#");
            match value {
                Value::String(s) => write!(builder, ".{field}({s:?})"),
                Value::Bool(b) => write!(builder, ".{field}({b})"),
                Value::Array(items) => {
                    let items: Vec<String> = items.iter().map(|i| format!("{:?}", i.as_str().unwrap_or_default())).collect();
                    write!(builder, ".{field}([{}])", items.join(", "))
                }
                other => {
                    skip = Some(format!("parameter `{param}` has the value {other}, which no parameter type takes"));
                    Ok(())
                }
            }
            .expect("writing to a String");
        }
        let expect = case.get("expect").unwrap_or(&Value::Null);
        let check = if let Some(error) = expect.get("error").and_then(Value::as_str) {
            format!(
                "    let error = result.expect_err(\"expected an error\");\n    assert_eq!(error.message(), {error:?});\n"
            )
        } else if let Some(endpoint) = expect.get("endpoint") {
            let url = endpoint.get("url").and_then(Value::as_str).unwrap_or_default();
            let headers: Vec<String> = endpoint
                .get("headers")
                .and_then(Value::as_object)
                .unwrap_or(&empty)
                .iter()
                .map(|(k, v)| {
                    let values: Vec<String> =
                        v.as_array().map(Vec::as_slice).unwrap_or_default().iter().map(|v| format!("{:?}.to_string()", v.as_str().unwrap_or_default())).collect();
                    format!("({k:?}.to_string(), vec![{}])", values.join(", "))
                })
                .collect();
            let properties: Vec<String> = endpoint
                .get("properties")
                .and_then(Value::as_object)
                .unwrap_or(&empty)
                .iter()
                .map(|(k, v)| format!("({k:?}.to_string(), {})", document(v)))
                .collect();
            format!(
                "    let endpoint = result.expect(\"expected an endpoint\");\n    \
                 assert_eq!(endpoint.url(), {url:?});\n    \
                 let headers: BTreeMap<String, Vec<String>> = BTreeMap::from([{}]);\n    \
                 assert_eq!(endpoint.headers(), &headers, \"headers\");\n    \
                 let properties: BTreeMap<String, Document> = BTreeMap::from([{}]);\n    \
                 assert_eq!(endpoint.properties(), &properties, \"properties\");\n",
                headers.join(", "),
                properties.join(", ")
            )
        } else {
            skip = Some("the case expects neither an endpoint nor an error".to_string());
            String::new()
        };
        let ignore = skip.as_ref().map(|reason| format!("#[ignore = {reason:?}]\n")).unwrap_or_default();
        let doc = docs.lines().map(|l| format!("/// {l}\n")).collect::<String>();
        write!(
            out,
            "\n{doc}#[test]\n{ignore}fn {name}() {{\n    let result = {builder}.build().and_then(|params| resolve(&params));\n{check}}}\n"
        )
        .expect("writing to a String");
        cases.push((name, skip));
    }
    (out, cases)
}

/// A `Document` expression equal to a JSON value.
fn document(value: &Value) -> String {
    match value {
        Value::Null => "Document::Null".to_string(),
        Value::Bool(b) => format!("Document::Bool({b})"),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => format!("Document::Number(Number::PosInt({u}))"),
            (None, Some(i)) => format!("Document::Number(Number::NegInt({i}))"),
            _ => format!("Document::Number(Number::Float({}f64))", n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => format!("Document::String({s:?}.to_string())"),
        Value::Array(items) => format!("Document::Array(vec![{}])", items.iter().map(document).collect::<Vec<_>>().join(", ")),
        Value::Object(members) => format!(
            "Document::Object(BTreeMap::from([{}]))",
            members.iter().map(|(k, v)| format!("({k:?}.to_string(), {})", document(v))).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// One build of every crate's endpoint tests (see [`test_workspace::build`]).
fn build(scratch: &Path, target_dir: &Path, models: &mut [Model]) -> bool {
    let names: Vec<&str> = models.iter().map(|m| m.krate.as_str()).collect();
    let mut build = match test_workspace::build(scratch, target_dir, TESTS, &names) {
        Ok(build) => build,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    for model in models.iter_mut() {
        model.executable = build.executables.remove(&model.krate);
        model.build_error = build.errors.remove(&model.krate);
        if model.executable.is_none() && model.build_error.is_none() {
            model.build_error = Some("no test binary was built".to_string());
        }
    }
    if !build.ok && models.iter().all(|m| m.build_error.as_deref() == Some("no test binary was built")) {
        let tail: Vec<&str> = build.stderr.lines().rev().take(40).collect();
        eprintln!("cargo build failed:\n{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
    }
    build.ok
}

fn run_tests(scratch: &Path, model: &mut Model) {
    let mut results = BTreeMap::new();
    if let Some(exe) = &model.executable {
        match Command::new(exe).current_dir(scratch.join(&model.krate)).stdin(Stdio::null()).output() {
            Ok(output) => results = parse_libtest(&String::from_utf8_lossy(&output.stdout)),
            Err(e) => model.build_error = Some(format!("cannot run {}: {e}", exe.display())),
        }
    }
    let not_run = if model.build_error.is_some() { "did not compile" } else { "did not run" };
    model.outcomes = model
        .cases
        .iter()
        .map(|(name, skip)| match (results.get(name), skip) {
            (Some(outcome), _) => outcome.clone(),
            (None, Some(reason)) => Outcome::Skipped(reason.clone()),
            (None, None) => Outcome::Failed(not_run.to_string()),
        })
        .collect();
}

/// Failures, drifted cases and skips per model, then the table; true when anything failed.
/// A drifted case (its region's partition changed since the tests) that fails is counted apart.
fn report(models: &[Model]) -> bool {
    let mut any_failed = false;
    let is_drift = |m: &Model, i: usize| m.drifted[i] && matches!(m.outcomes[i], Outcome::Failed(_)) && m.build_error.is_none();
    for model in models {
        if let Some(error) = &model.build_error {
            println!("\n{}: the test crate did not compile:\n{error}", model.file);
            any_failed = true;
        }
        for title in ["failed", "failed, partition drift", "skipped"] {
            let list: Vec<(&str, &str)> = (0..model.cases.len())
                .filter_map(|i| {
                    let name = model.cases[i].0.as_str();
                    match (&model.outcomes[i], title) {
                        (Outcome::Failed(m), "failed") if !is_drift(model, i) => Some((name, m.as_str())),
                        (Outcome::Failed(m), "failed, partition drift") if is_drift(model, i) => Some((name, m.as_str())),
                        (Outcome::Skipped(m), "skipped") => Some((name, m.as_str())),
                        _ => None,
                    }
                })
                .collect();
            if list.is_empty() || (title == "failed" && model.build_error.is_some()) {
                continue;
            }
            println!("\n{} cases {title} ({}):", model.file, list.len());
            for (name, message) in list.iter().take(30) {
                println!("- `{name}`: {}", message.lines().next().unwrap_or_default());
            }
        }
    }
    println!("\n| model | cases | passed | failed | drift | skipped |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut totals = [0; 5];
    for model in models {
        let count = |f: &dyn Fn(usize, &Outcome) -> bool| model.outcomes.iter().enumerate().filter(|(i, o)| f(*i, o)).count();
        let row = [
            model.cases.len(),
            count(&|_, o| matches!(o, Outcome::Passed)),
            count(&|i, o| matches!(o, Outcome::Failed(_)) && !is_drift(model, i)),
            count(&|i, _| is_drift(model, i)),
            count(&|_, o| matches!(o, Outcome::Skipped(_))),
        ];
        any_failed |= row[2] > 0;
        for (t, n) in totals.iter_mut().zip(row) {
            *t += n;
        }
        println!("| `{}` | {} | {} | {} | {} | {} |", model.file.trim_end_matches(".json"), row[0], row[1], row[2], row[3], row[4]);
    }
    let [cases, passed, failed, drift, skipped] = totals;
    println!("| **all** | **{cases}** | **{passed}** | **{failed}** | **{drift}** | **{skipped}** |");
    println!(
        "\nendpoint tests: {cases} cases of {} models: {passed} passed, {failed} failed, {drift} differ only by partition drift \
         (aws-iso* now support dual-stack), {skipped} skipped",
        models.len()
    );
    any_failed
}
