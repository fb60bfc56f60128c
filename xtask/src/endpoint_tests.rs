//! `cargo xtask endpoint-tests [DIR...]`: for every model in the folders (default
//! `../shared/models/aws`), generate the service's crate (its types, its `endpoint` module and the
//! operations its test cases name in `operationInputs`) with `tests/endpoint_tests.rs`, one test
//! per `smithy.rules#endpointTests` case: build `endpoint::Params` from the case's `params`, call
//! `endpoint::resolve`, and compare the URL, headers and properties (as `Document`s), or the error
//! message. Each `operationInputs` entry of a case gets a test of its own that goes the way a
//! user's call does: the operation's input built with the generated builders from
//! `operationParams`, base `Params` from `builtInParams` and `clientParams`, then
//! `Operation::endpoint_params` and `resolve`, checked against the same `expect`. All crates go
//! into one scratch workspace built by one `cargo build --tests --keep-going`; each test binary is
//! then run, and a table printed, one row per model.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use serde_json::Value;

use crate::protocol_tests::{parse_libtest, Outcome};
use crate::{flags, test_workspace};

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
    cases: Vec<Case>,
    executable: Option<PathBuf>,
    build_error: Option<String>,
    /// Per case, once run.
    outcomes: Vec<Outcome>,
}

/// One test of the generated test file.
struct Case {
    name: String,
    /// Why the case cannot run, when it cannot.
    skip: Option<String>,
    /// Whether its region is in a partition whose facts changed since the tests.
    drifted: bool,
    /// An `operationInputs` entry (through `Operation::endpoint_params`), not the case's `params`.
    input: bool,
}

pub fn run(flags: &flags::EndpointTests, root: &Path) -> ExitCode {
    let dirs: Vec<PathBuf> = if flags.dirs.is_empty() { vec![root.join(DEFAULT_DIR)] } else { flags.dirs.clone() };
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
    let inputs: usize = models.iter().map(|m| m.cases.iter().filter(|c| c.input).count()).sum();
    let total = models.iter().map(|m| m.cases.len()).sum::<usize>() - inputs;
    println!(
        "{} models, {total} endpoint test cases and {inputs} operationInputs, generated in {:.1?}; building them in {}",
        models.len(),
        started.elapsed(),
        scratch.display()
    );
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
    let Some((service_id, service)) = model.services().next() else {
        return Ok(None);
    };
    let Some(tests) = service
        .traits
        .get("smithy.rules#endpointTests")
        .and_then(|t| t.get("testCases"))
        .and_then(Value::as_array)
    else {
        return Ok(None);
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("model");
    let krate = format!(
        "endpoints_{}",
        stem.chars()
            .map(|c| if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            })
            .collect::<String>()
    );
    // Only the operations `operationInputs` name: resolution itself needs none.
    let mut operations: Vec<String> = tests
        .iter()
        .flat_map(operation_inputs)
        .filter_map(|input| input.get("operationName").and_then(Value::as_str))
        .map(str::to_string)
        .collect();
    operations.sort();
    operations.dedup();
    let selection = |operations: Vec<String>| codegen::Selection {
        service: Some(service_id.clone()),
        operations: Some(operations),
        crate_name: Some(krate.clone()),
        ..Default::default()
    };
    // An operation the service does not have makes lowering fail; its cases are then skipped
    // (naming the operation) and the rest still run.
    let (ir, lower_error) = match codegen::ir::lower(&model, &selection(operations)) {
        Ok(ir) => (ir, None),
        Err(e) => (
            codegen::ir::lower(&model, &selection(Vec::new())).map_err(|e| e.to_string())?,
            Some(e.to_string()),
        ),
    };
    if ir.service.endpoint_rules.is_none() {
        return Ok(None);
    }
    let options = codegen::EmitOptions {
        generated_by: "cargo xtask endpoint-tests".to_string(),
        protocol_tests: false,
    };
    let mut files = codegen::emit::render(&ir, &options)
        .and_then(|rendered| codegen::emit::format(rendered, &options))
        .map_err(|e| e.to_string())?;
    let (source, mut cases) = test_file(&krate, &ir, tests);
    if let Some(error) = lower_error {
        for case in cases.iter_mut().filter(|c| c.input) {
            case.skip = Some(format!(
                "the crate does not generate with these operations: {}",
                error.lines().next().unwrap_or_default()
            ));
        }
    }
    files.insert(format!("tests/{TESTS}.rs"), source);
    Ok(Some(Model {
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        krate,
        files,
        cases,
        executable: None,
        build_error: None,
        outcomes: Vec::new(),
    }))
}

/// A case's `operationInputs` entries.
fn operation_inputs(case: &Value) -> &[Value] {
    case.get("operationInputs")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

fn is_drifted(region: Option<&Value>) -> bool {
    let region = region.and_then(Value::as_str).unwrap_or_default();
    DRIFTED_REGION_PREFIXES
        .iter()
        .any(|prefix| region.starts_with(prefix))
}

/// `tests/endpoint_tests.rs`: one `#[test]` per case, and one per `operationInputs` entry.
fn test_file(krate: &str, ir: &codegen::ir::Crate, tests: &[Value]) -> (String, Vec<Case>) {
    let rules = ir
        .service
        .endpoint_rules
        .as_ref()
        .expect("the caller checked for a rule set");
    let mut out = format!(
        "// @generated by `cargo xtask endpoint-tests`. Do not edit by hand.\n\
         #![allow(clippy::all)]\n\n\
         use {krate}::endpoint::{{resolve, Params}};\n\
         #[allow(unused_imports)]\n\
         use {krate}::primitives::{{Document, Number}};\n\
         use std::collections::BTreeMap;\n"
    );
    let mut cases = Vec::new();
    let empty = serde_json::Map::new();
    for (i, case) in tests.iter().enumerate() {
        let name = format!("case_{:04}", i + 1);
        let docs = case
            .get("documentation")
            .and_then(Value::as_str)
            .unwrap_or("");
        let doc = docs
            .lines()
            .map(|l| format!("/// {l}\n"))
            .collect::<String>();
        let (check, check_skip) = check(case.get("expect").unwrap_or(&Value::Null));
        let mut skip = check_skip.clone();
        let mut builder = String::from("Params::builder()");
        for (param, value) in case
            .get("params")
            .and_then(Value::as_object)
            .unwrap_or(&empty)
        {
            if let Err(reason) = set_param(&mut builder, rules, param, value) {
                skip = Some(reason);
            }
        }
        write_test(
            &mut out,
            &doc,
            &name,
            skip.as_deref(),
            &format!("    let result = {builder}.build().and_then(|params| resolve(&params));\n{check}"),
        );
        cases.push(Case {
            name,
            skip,
            drifted: is_drifted(case.pointer("/params/Region")),
            input: false,
        });
        for (j, entry) in operation_inputs(case).iter().enumerate() {
            let name = format!("case_{:04}_input_{}", i + 1, j + 1);
            let (body, input_skip) = match input_test(krate, ir, entry) {
                Ok(body) => (format!("{body}{check}"), None),
                Err(reason) => (String::new(), Some(reason)),
            };
            let skip = check_skip.clone().or(input_skip);
            write_test(&mut out, &doc, &name, skip.as_deref(), &body);
            cases.push(Case {
                name,
                skip,
                drifted: is_drifted(entry.pointer("/builtInParams/AWS::Region")),
                input: true,
            });
        }
    }
    (out, cases)
}

fn write_test(out: &mut String, doc: &str, name: &str, skip: Option<&str>, body: &str) {
    let ignore = skip
        .map(|reason| format!("#[ignore = {reason:?}]\n"))
        .unwrap_or_default();
    write!(out, "\n{doc}#[test]\n{ignore}fn {name}() {{\n{body}}}\n").expect("writing to a String");
}

/// `.field(value)` on a `ParamsBuilder` for the rule-set parameter `param`.
fn set_param(
    builder: &mut String,
    rules: &codegen::ir::endpoint::EndpointRules,
    param: &str,
    value: &Value,
) -> Result<(), String> {
    let Some(p) = rules.param(param) else {
        return Err(format!("the rule set has no parameter `{param}`"));
    };
    set_field(builder, &p.field, param, value)
}

fn set_field(builder: &mut String, field: &str, param: &str, value: &Value) -> Result<(), String> {
    let field = field.trim_start_matches("r#");
    match value {
        Value::String(s) => write!(builder, ".{field}({s:?})"),
        Value::Bool(b) => write!(builder, ".{field}({b})"),
        Value::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|i| format!("{:?}", i.as_str().unwrap_or_default()))
                .collect();
            write!(builder, ".{field}([{}])", items.join(", "))
        }
        other => {
            return Err(format!(
                "parameter `{param}` has the value {other}, which no parameter type takes"
            ))
        }
    }
    .expect("writing to a String");
    Ok(())
}

/// The checks of a case's `expect` on `result`, and the reason when it expects nothing.
fn check(expect: &Value) -> (String, Option<String>) {
    let empty = serde_json::Map::new();
    if let Some(error) = expect.get("error").and_then(Value::as_str) {
        (
            format!(
                "    let error = result.expect_err(\"expected an error\");\n    assert_eq!(error.message(), {error:?});\n"
            ),
            None,
        )
    } else if let Some(endpoint) = expect.get("endpoint") {
        let url = endpoint
            .get("url")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let headers: Vec<String> = endpoint
            .get("headers")
            .and_then(Value::as_object)
            .unwrap_or(&empty)
            .iter()
            .map(|(k, v)| {
                let values: Vec<String> = v
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|v| format!("{:?}.to_string()", v.as_str().unwrap_or_default()))
                    .collect();
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
        (
            format!(
                "    let endpoint = result.expect(\"expected an endpoint\");\n    \
                 assert_eq!(endpoint.url(), {url:?});\n    \
                 let headers: BTreeMap<String, Vec<String>> = BTreeMap::from([{}]);\n    \
                 assert_eq!(endpoint.headers(), &headers, \"headers\");\n    \
                 let properties: BTreeMap<String, Document> = BTreeMap::from([{}]);\n    \
                 assert_eq!(endpoint.properties(), &properties, \"properties\");\n",
                headers.join(", "),
                properties.join(", ")
            ),
            None,
        )
    } else {
        (
            String::new(),
            Some("the case expects neither an endpoint nor an error".to_string()),
        )
    }
}

/// The body of an `operationInputs` test up to `result`: the input from `operationParams`, the
/// base `Params` from `builtInParams` and `clientParams`, then the operation's `endpoint_params`
/// and `resolve`. `Err` is why the entry cannot run.
fn input_test(krate: &str, ir: &codegen::ir::Crate, entry: &Value) -> Result<String, String> {
    let rules = ir
        .service
        .endpoint_rules
        .as_ref()
        .expect("the caller checked for a rule set");
    let op_name = entry
        .get("operationName")
        .and_then(Value::as_str)
        .ok_or("the entry names no operation")?;
    let op = ir
        .operations
        .iter()
        .find(|op| op.shape_id.rsplit('#').next() == Some(op_name))
        .ok_or_else(|| format!("the service has no operation `{op_name}`"))?;
    let empty = serde_json::Map::new();
    let params = match entry.get("operationParams") {
        None => &empty,
        Some(Value::Object(params)) => params,
        Some(other) => return Err(format!("`operationParams` is {other}, not an object")),
    };
    let input = match ir.structure(&op.input) {
        Some(s) => structure(krate, ir, s, params)?,
        None if params.is_empty() => format!("{}::default()", path(krate, &op.input)),
        None => return Err(format!("the input of `{op_name}` is not a structure")),
    };
    let mut base = String::from("Params::builder()");
    for (name, value) in entry
        .get("builtInParams")
        .and_then(Value::as_object)
        .unwrap_or(&empty)
    {
        let p = rules
            .params
            .iter()
            .find(|p| p.built_in.as_deref() == Some(name.as_str()))
            .ok_or_else(|| format!("no rule-set parameter is the built-in `{name}`"))?;
        set_field(&mut base, &p.field, name, value)?;
    }
    for (name, value) in entry
        .get("clientParams")
        .and_then(Value::as_object)
        .unwrap_or(&empty)
    {
        set_param(&mut base, rules, name, value)?;
    }
    let module = format!("{krate}::operation::{}", op.module);
    Ok(format!(
        "    let input = {input};\n    \
         let result = {base}.build().and_then(|base| {{\n        \
         resolve(&<{module}::{} as {krate}::operation::Operation>::endpoint_params(&input, base))\n    \
         }});\n",
        op.name
    ))
}

/// The Rust path of a generated type, from outside the crate.
fn path(krate: &str, name: &codegen::ir::TypeName) -> String {
    match &name.module {
        codegen::ir::Module::Types => format!("{krate}::types::{}", name.name),
        codegen::ir::Module::Errors => format!("{krate}::types::error::{}", name.name),
        codegen::ir::Module::Operation(module) => {
            format!("{krate}::operation::{module}::{}", name.name)
        }
    }
}

/// A structure built with its builder from a JSON object of its members (by model name).
fn structure(
    krate: &str,
    ir: &codegen::ir::Crate,
    s: &codegen::ir::Struct,
    members: &serde_json::Map<String, Value>,
) -> Result<String, String> {
    let mut out = format!("{}::builder()", path(krate, &s.name));
    for (member, json) in members {
        let field = s
            .fields
            .iter()
            .find(|f| &f.member_name == member)
            .ok_or_else(|| format!("`{}` has no member `{member}`", s.name.name))?;
        let mut v = value(krate, ir, &field.ty, json)?;
        if field.boxed {
            v = format!("::std::boxed::Box::new({v})");
        }
        let setter = codegen::ir::naming::bare(&field.name);
        write!(out, ".set_{setter}(Some({v}))").expect("writing to a String");
    }
    out.push_str(".build()");
    if s.fields.iter().any(|f| f.can_be_missing()) {
        write!(out, ".expect(\"a complete {}\")", s.name.name).expect("writing to a String");
    }
    Ok(out)
}

/// A Rust expression of type `ty` equal to `json`; `Err` names what does not fit.
fn value(
    krate: &str,
    ir: &codegen::ir::Crate,
    ty: &codegen::ir::Ty,
    json: &Value,
) -> Result<String, String> {
    use codegen::ir::TyKind;
    let mismatch = || format!("the value {json} does not fit `{}`", ty.shape_id);
    Ok(match (&ty.kind, json) {
        (TyKind::String, Value::String(s)) => format!("::std::string::String::from({s:?})"),
        (TyKind::Enum(name), Value::String(s)) => format!("{}::from({s:?})", path(krate, name)),
        (TyKind::Boolean, Value::Bool(b)) => b.to_string(),
        (
            TyKind::Byte | TyKind::Short | TyKind::Integer | TyKind::Long,
            Value::Number(n),
        ) if n.is_i64() || n.is_u64() => n.to_string(),
        (TyKind::IntEnum(name), Value::Number(n)) if n.is_i64() => {
            format!("{}::from({n})", path(krate, name))
        }
        (TyKind::Float | TyKind::Double, Value::Number(n)) => {
            format!("{:?}", n.as_f64().unwrap_or_default())
        }
        (TyKind::List { item, sparse }, Value::Array(items)) => {
            let items = items
                .iter()
                .map(|item_json| match (sparse, item_json) {
                    (true, Value::Null) => Ok("None".to_string()),
                    (true, _) => value(krate, ir, item, item_json).map(|v| format!("Some({v})")),
                    (false, _) => value(krate, ir, item, item_json),
                })
                .collect::<Result<Vec<_>, _>>()?;
            format!("vec![{}]", items.join(", "))
        }
        (TyKind::Map { key, value: v, sparse }, Value::Object(entries)) => {
            let entries = entries
                .iter()
                .map(|(k, entry)| {
                    let k = value(krate, ir, key, &Value::String(k.clone()))?;
                    let entry = match (sparse, entry) {
                        (true, Value::Null) => "None".to_string(),
                        (true, _) => format!("Some({})", value(krate, ir, v, entry)?),
                        (false, _) => value(krate, ir, v, entry)?,
                    };
                    Ok(format!("({k}, {entry})"))
                })
                .collect::<Result<Vec<_>, String>>()?;
            format!(
                "::std::collections::BTreeMap::from([{}])",
                entries.join(", ")
            )
        }
        (TyKind::Struct(name), Value::Object(members)) => {
            let s = ir
                .structure(name)
                .ok_or_else(|| format!("`{}` is not in the crate", name.name))?;
            structure(krate, ir, s, members)?
        }
        (TyKind::Union(name), Value::Object(members)) if members.len() == 1 => {
            let u = ir
                .unions
                .iter()
                .find(|u| &u.name == name)
                .ok_or_else(|| format!("`{}` is not in the crate", name.name))?;
            let (member, json) = members.iter().next().expect("one member");
            let variant = u
                .variants
                .iter()
                .find(|v| &v.member_name == member)
                .ok_or_else(|| format!("`{}` has no member `{member}`", name.name))?;
            let union = path(krate, name);
            match &variant.ty {
                None => format!("{union}::{}", variant.name),
                Some(ty) => {
                    let mut v = value(krate, ir, ty, json)?;
                    if variant.boxed {
                        v = format!("::std::boxed::Box::new({v})");
                    }
                    format!("{union}::{}({v})", variant.name)
                }
            }
        }
        _ => return Err(mismatch()),
    })
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
        .map(|case| match (results.get(&case.name), &case.skip) {
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
    let is_drift = |m: &Model, i: usize| {
        m.cases[i].drifted && matches!(m.outcomes[i], Outcome::Failed(_)) && m.build_error.is_none()
    };
    for model in models {
        if let Some(error) = &model.build_error {
            println!("\n{}: the test crate did not compile:\n{error}", model.file);
            any_failed = true;
        }
        for title in ["failed", "failed, partition drift", "skipped"] {
            let list: Vec<(&str, &str)> = (0..model.cases.len())
                .filter_map(|i| {
                    let name = model.cases[i].name.as_str();
                    match (&model.outcomes[i], title) {
                        (Outcome::Failed(m), "failed") if !is_drift(model, i) => {
                            Some((name, m.as_str()))
                        }
                        (Outcome::Failed(m), "failed, partition drift") if is_drift(model, i) => {
                            Some((name, m.as_str()))
                        }
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
    println!(
        "\n| model | cases | passed | failed | drift | skipped | operationInputs | passed | failed | drift | skipped |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    // Per kind (the case's `params`, then its `operationInputs` entries): cases, passed, failed,
    // drift, skipped.
    let mut totals = [[0; 5]; 2];
    for model in models {
        let mut row = [[0; 5]; 2];
        for (i, (case, outcome)) in model.cases.iter().zip(&model.outcomes).enumerate() {
            let counts = &mut row[usize::from(case.input)];
            counts[0] += 1;
            match outcome {
                Outcome::Passed => counts[1] += 1,
                Outcome::Failed(_) if is_drift(model, i) => counts[3] += 1,
                Outcome::Failed(_) => counts[2] += 1,
                Outcome::Skipped(_) => counts[4] += 1,
            }
        }
        any_failed |= row[0][2] > 0 || row[1][2] > 0;
        for (total, counts) in totals.iter_mut().zip(row) {
            for (t, n) in total.iter_mut().zip(counts) {
                *t += n;
            }
        }
        let cells: Vec<String> = row.iter().flatten().map(usize::to_string).collect();
        println!(
            "| `{}` | {} |",
            model.file.trim_end_matches(".json"),
            cells.join(" | ")
        );
    }
    let cells: Vec<String> = totals
        .iter()
        .flatten()
        .map(|n| format!("**{n}**"))
        .collect();
    println!("| **all** | {} |", cells.join(" | "));
    let [[cases, passed, failed, drift, skipped], [inputs, i_passed, i_failed, i_drift, i_skipped]] =
        totals;
    println!(
        "\nendpoint tests: {cases} cases of {} models: {passed} passed, {failed} failed, {drift} differ only by partition drift \
         (aws-iso* now support dual-stack), {skipped} skipped",
        models.len()
    );
    println!(
        "operationInputs: {inputs} inputs through `Operation::endpoint_params`: {i_passed} passed, {i_failed} failed, \
         {i_drift} differ only by partition drift, {i_skipped} skipped"
    );
    any_failed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(fixture: &str, operations: &[&str]) -> codegen::ir::Crate {
        let model = codegen::smithy::load(fixture).unwrap();
        let selection = codegen::Selection {
            operations: Some(operations.iter().map(|o| o.to_string()).collect()),
            crate_name: Some("k".to_string()),
            ..Default::default()
        };
        codegen::ir::lower(&model, &selection).unwrap()
    }

    #[test]
    fn an_operation_input_goes_through_the_builders_and_endpoint_params() {
        let ir = lower(include_str!("../../tests/fixtures/endpoint_rules.json"), &["GetWidget"]);
        let entry = serde_json::json!({
            "operationName": "GetWidget",
            "operationParams": {"id": "w-1"},
            "builtInParams": {"AWS::Region": "us-west-2", "AWS::UseFIPS": true},
            "clientParams": {"Endpoint": "https://example.com"},
        });
        let body = input_test("k", &ir, &entry).unwrap();
        assert!(
            body.contains(
                "let input = k::operation::get_widget::GetWidgetInput::builder()\
                 .set_id(Some(::std::string::String::from(\"w-1\"))).build().expect(\"a complete GetWidgetInput\");"
            ),
            "{body}"
        );
        assert!(
            body.contains("Params::builder().region(\"us-west-2\").use_fips(true).endpoint(\"https://example.com\").build()"),
            "{body}"
        );
        assert!(
            body.contains("<k::operation::get_widget::GetWidget as k::operation::Operation>::endpoint_params(&input, base)"),
            "{body}"
        );
    }

    #[test]
    fn an_operation_input_that_cannot_be_built_says_why() {
        let ir = lower(include_str!("../../tests/fixtures/endpoint_rules.json"), &["GetWidget"]);
        let reason = |entry: Value| input_test("k", &ir, &entry).unwrap_err();
        assert_eq!(
            reason(serde_json::json!({"operationName": "Nope", "builtInParams": {}})),
            "the service has no operation `Nope`"
        );
        assert_eq!(
            reason(serde_json::json!({"operationName": "GetWidget", "operationParams": {"colour": "red"}})),
            "`GetWidgetInput` has no member `colour`"
        );
        assert_eq!(
            reason(serde_json::json!({"operationName": "GetWidget", "operationParams": {"id": 7}})),
            "the value 7 does not fit `smithy.api#String`"
        );
        assert_eq!(
            reason(serde_json::json!({"operationName": "GetWidget", "builtInParams": {"AWS::S3::Accelerate": true}})),
            "no rule-set parameter is the built-in `AWS::S3::Accelerate`"
        );
    }

    #[test]
    fn values_of_unions_lists_maps_and_structures() {
        let ir = lower(include_str!("../../tests/fixtures/unions.json"), &["SetValue"]);
        let input = ir.structure(&ir.operations[0].input).unwrap();
        let members = serde_json::json!({
            "value": {"mapValue": {"a": "b"}},
            "shape": {"circle": {"radius": 1.5}},
        });
        let built = structure("k", &ir, input, members.as_object().unwrap()).unwrap();
        assert!(
            built.contains(
                ".set_value(Some(k::types::Value::MapValue(\
                 ::std::collections::BTreeMap::from([(::std::string::String::from(\"a\"), ::std::string::String::from(\"b\"))]))))"
            ),
            "{built}"
        );
        assert!(
            built.contains(".set_shape(Some(k::types::Shape::Circle(k::types::Circle::builder().set_radius(Some(1.5)).build()"),
            "{built}"
        );
        let list = serde_json::json!({"value": {"listValue": ["x", "y"]}});
        let built = structure("k", &ir, input, list.as_object().unwrap()).unwrap();
        assert!(
            built.contains(
                "k::types::Value::ListValue(vec![::std::string::String::from(\"x\"), ::std::string::String::from(\"y\")])"
            ),
            "{built}"
        );
    }
}
