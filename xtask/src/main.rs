//! `cargo xtask`: the project's own commands. All file I/O of code generation happens here.

mod corpus;
mod diff;
mod endpoint_tests;
mod live_test;
mod protocol_tests;
mod regenerate_test;
mod sections;
mod semver_check;
mod stress;
mod test_workspace;
mod trim;
mod twins;
mod write;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage: cargo xtask codegen [--model PATH] [--out DIR] [--operations A,B] [--service ID] [--crate-name NAME] [--crate-version V] [--check]
       cargo xtask corpus [--gen-only] [--jobs N] [DIR...]
                     generate every model in DIR (default ../shared/models/aws), check and clippy them all
                     (--keep-going: every model gets its own result), print a table, exit 1 on any failure;
                     --gen-only: only generate (the generator benchmark); --jobs N: models at once (default: cores)
       cargo xtask protocol-tests [--model PATH] [--service ID]... [--all]
                     run Smithy's client compliance cases against a crate generated per service (default:
                     ../shared/models/protocol-tests/aws-protocol-tests.json, aws.protocoltests.restjson#RestJson;
                     --all: its eleven restJson1, awsJson, restXml, awsQuery and ec2Query services), one table
                     row per service; exit 1 on any failure
       cargo xtask endpoint-tests [DIR...]
                     run every smithy.rules#endpointTests case of the models in DIR (default
                     ../shared/models/aws) against the generated endpoint resolver, one table row per
                     model; exit 1 on any failure
       cargo xtask live-test [--models DIR]
                     generate S3, DynamoDB, SQS, STS and Lambda crates (from DIR, default ../shared/models/aws),
                     start moto (python3 -m moto.server; `pip install 'moto[server]'`) on 127.0.0.1, send each
                     scenario's calls through one generic signed `send`, one line per call; exit 1 on any mismatch
       cargo xtask semver-check [DIR]
                     for each adjacent pair of model versions in DIR's service folders (default
                     ../shared/models/botocore/history), compare cargo-semver-checks (installed if
                     missing) with `cargo xtask diff`; exit 1 if semver-checks finds a break diff misses
       cargo xtask twins [--strict] [SMITHY_DIR BOTOCORE_DIR]
                     generate each service from its Smithy model and its botocore twin (defaults
                     ../shared/models/aws, ../shared/models/botocore/2025-04-01), compare the public
                     Rust APIs, print the differences by kind; exit 1 if a model fails (--strict: or
                     any difference is unexplained)
       cargo xtask stress [--sizes MB,MB,...]
                     generate synthetic models of these sizes (default 10,25,50 MB), each in its own
                     process; print time and peak memory; exit 1 if memory grows faster than the model
       cargo xtask sections
                     compile every runtime section and file (codegen/src/emit/runtime.rs) with exactly
                     the sections, files and dependencies it declares, in target/sections; exit 1 if
                     one does not build
       cargo xtask diff OLD NEW [--service ID] [--format markdown|json] [--fail-on breaking] [--out FILE]
                     what a model update changes: model events, Rust API changes (breaking, additive,
                     documentation) and the version bump; exit 1 with --fail-on breaking when something
                     breaks, 2 when a model does not load
       cargo xtask regenerate-test [DIR]
                     run examples/ci/regenerate.sh (the CI regeneration job) on model updates from DIR
                     (default ../shared/models/botocore/history/ivs-realtime) in target/regenerate-test;
                     check the report, the version bump, the step outputs and that the crate compiles

  --model PATH       Smithy 2.0 JSON AST model (default: model/ivsrealtime.json)
  --out DIR          where the crate is written (default: generated)
  --operations A,B   generate only the closure of these operations (default: every operation)
  --service ID       the service shape ID, when the model has several
  --crate-name NAME  the generated crate's name (default: from the service's sdkId)
  --crate-version V  the generated crate's version in Cargo.toml (default: 0.1.0); `cargo xtask diff`
                     prints the next one a model update calls for
  --check            write nothing; print a diff and exit 1 if DIR is not what the generator writes";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => codegen(&args[1..]),
        Some("corpus") => corpus::run(&args[1..], &workspace_root()),
        Some("protocol-tests") => protocol_tests::run(&args[1..], &workspace_root()),
        Some("endpoint-tests") => endpoint_tests::run(&args[1..], &workspace_root()),
        Some("live-test") => live_test::run(&args[1..], &workspace_root()),
        Some("semver-check") => semver_check::run(&args[1..], &workspace_root()),
        Some("stress") => stress::run(&args[1..], &workspace_root()),
        Some("sections") => sections::run(&args[1..], &workspace_root()),
        Some("diff") => diff::run(&args[1..], USAGE),
        Some("regenerate-test") => regenerate_test::run(&args[1..], &workspace_root()),
        Some("trim") => trim::run(&args[1..]),
        Some("twins") => twins::run(&args[1..], &workspace_root()),
        Some("-h" | "--help") | None => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("unknown command `{other}`\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[derive(Debug)]
struct CodegenArgs {
    model: PathBuf,
    out: PathBuf,
    check: bool,
    selection: codegen::Selection,
    /// Whether `--model` or `--out` was given; without them, every checked-in crate is written.
    explicit: bool,
}

/// Crates the integration tests use beside `generated/`: `tests/crates/NAME`, generated from
/// [`test_crate_model`] with the crate name NAME. `cargo xtask codegen` writes them all.
const TEST_CRATES: &[&str] =
    &["endpoint_rules", "error_forms_json10", "error_forms_json11", "error_forms_rest_json", "query_compatible", "route53", "s3_objects", "sensitive", "sts_assume_role"];

/// The model of test crate NAME: `tests/models/NAME.json` (a real service's model, trimmed with
/// `cargo xtask trim`) when there is one, else `tests/fixtures/NAME.json`.
fn test_crate_model(root: &Path, name: &str) -> PathBuf {
    let trimmed = root.join(format!("tests/models/{name}.json"));
    if trimmed.exists() {
        trimmed
    } else {
        root.join(format!("tests/fixtures/{name}.json"))
    }
}

fn parse_codegen_args(args: &[String]) -> Result<CodegenArgs, String> {
    let root = workspace_root();
    let mut parsed = CodegenArgs {
        model: root.join("model/ivsrealtime.json"),
        out: root.join("generated"),
        check: false,
        selection: codegen::Selection::default(),
        explicit: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--model" => {
                parsed.model = PathBuf::from(value("--model")?);
                parsed.explicit = true;
            }
            "--out" => {
                parsed.out = PathBuf::from(value("--out")?);
                parsed.explicit = true;
            }
            "--operations" => {
                let list = value("--operations")?;
                parsed.selection.operations = Some(list.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect());
            }
            "--service" => parsed.selection.service = Some(value("--service")?),
            "--crate-name" => parsed.selection.crate_name = Some(value("--crate-name")?),
            "--crate-version" => parsed.selection.crate_version = Some(value("--crate-version")?),
            "--check" => parsed.check = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

/// The command line that reproduces this run, as every generated file names it.
fn command_line(args: &[String]) -> String {
    let shown: Vec<&str> = args.iter().map(String::as_str).filter(|a| *a != "--check").collect();
    if shown.is_empty() {
        "cargo xtask codegen".to_string()
    } else {
        format!("cargo xtask codegen {}", shown.join(" "))
    }
}

fn codegen(args: &[String]) -> ExitCode {
    let parsed = match parse_codegen_args(args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let generated_by = command_line(args);
    let mut targets = Vec::new();
    if !parsed.explicit {
        let root = workspace_root();
        for name in TEST_CRATES {
            let mut selection = parsed.selection.clone();
            selection.crate_name = Some(name.to_string());
            selection.crate_version = None;
            targets.push(CodegenArgs {
                model: test_crate_model(&root, name),
                out: root.join(format!("tests/crates/{name}")),
                check: parsed.check,
                selection,
                explicit: true,
            });
        }
    }
    targets.insert(0, parsed);
    let mut worst = ExitCode::SUCCESS;
    for target in &targets {
        let code = codegen_one(target, &generated_by, &command_line(args));
        if code != ExitCode::SUCCESS {
            worst = code;
        }
    }
    worst
}

/// Generates one crate and writes it, or with `--check` compares it with what is on disk.
fn codegen_one(parsed: &CodegenArgs, generated_by: &str, command: &str) -> ExitCode {
    let started = Instant::now();
    let files = match generate(parsed, generated_by) {
        Ok(generated) => {
            for line in warning_lines(&parsed.model, &generated.warnings) {
                eprintln!("{line}");
            }
            generated.files
        }
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let plan = match write::plan(&parsed.out, &files) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let out = parsed.out.display();
    if parsed.check {
        if plan.is_clean() {
            println!("{out} is up to date ({} files)", files.len());
            return ExitCode::SUCCESS;
        }
        print!("{}", plan.diff());
        eprintln!("{out} is stale: {}. Run `{command}` and commit the result.", plan.summary());
        return ExitCode::from(1);
    }
    if let Err(e) = plan.apply() {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    }
    println!("{out}: {} in {:.0?}", plan.summary(), started.elapsed());
    ExitCode::SUCCESS
}

fn generate(args: &CodegenArgs, generated_by: &str) -> Result<codegen::Generated, String> {
    let text = std::fs::read_to_string(&args.model).map_err(|e| format!("cannot read {}: {e}", args.model.display()))?;
    let options = codegen::Options {
        selection: args.selection.clone(),
        emit: codegen::EmitOptions { generated_by: generated_by.to_string(), protocol_tests: false },
    };
    // One line per error (model validation reports them all), each naming the model.
    codegen::generate_with_warnings(&text, &options).map_err(|e| {
        let model = args.model.display();
        e.to_string().lines().map(|line| format!("{model}: {line}")).collect::<Vec<_>>().join("\nerror: ")
    })
}

/// One line per validation event that did not refuse the model: `warning: MODEL: shape ...`
/// (`danger:`, `note:`), naming the shape and member.
fn warning_lines(model: &Path, warnings: &[codegen::ValidationEvent]) -> Vec<String> {
    warnings.iter().map(|w| format!("{}: {}: {w}", w.severity.as_str().to_lowercase(), model.display())).collect()
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace root").to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(at) = stack.pop() {
            for entry in std::fs::read_dir(&at).expect("readable dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.insert(path.clone(), std::fs::read(&path).expect("readable file"));
                }
            }
        }
        files
    }

    #[test]
    fn an_invalid_model_exits_2_and_leaves_the_output_untouched() {
        let root = workspace_root();
        let out = std::env::temp_dir().join(format!("smelt-invalid-model-{}", std::process::id()));
        std::fs::create_dir_all(out.join("src")).expect("temp dir");
        std::fs::write(out.join("Cargo.toml"), "// @generated by an earlier run\n[package]\n").expect("write");
        std::fs::write(out.join("src/lib.rs"), "// @generated by an earlier run\n").expect("write");
        std::fs::write(out.join("notes.txt"), "hand-written\n").expect("write");
        let before = snapshot(&out);
        for model in ["recursion_required_cycle", "http_uri_label_without_member", "list_without_member"] {
            let args = CodegenArgs {
                model: root.join(format!("tests/fixtures/invalid/{model}.json")),
                out: out.clone(),
                check: false,
                selection: codegen::Selection::default(),
                explicit: true,
            };
            assert_eq!(codegen_one(&args, "test", "test"), ExitCode::from(2), "{model}");
            let message = generate(&args, "test").expect_err("invalid");
            assert!(message.lines().all(|l| l.contains(&format!("{model}.json: shape `"))), "{message}");
        }
        assert_eq!(snapshot(&out), before);
        std::fs::remove_dir_all(&out).expect("cleanup");
    }

    #[test]
    fn a_model_with_only_warnings_generates_and_names_them() {
        let root = workspace_root();
        let model = root.join("tests/fixtures/warnings/http_error_redirect.json");
        let args = CodegenArgs {
            model: model.clone(),
            out: std::env::temp_dir().join(format!("smelt-warnings-model-{}", std::process::id())),
            check: false,
            selection: codegen::Selection::default(),
            explicit: true,
        };
        let generated = generate(&args, "test").expect("warnings do not refuse a model");
        assert!(!generated.files.is_empty());
        let lines = warning_lines(&model, &generated.warnings);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with(&format!("danger: {}: shape `", model.display())), "{lines:?}");
    }
}
