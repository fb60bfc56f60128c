//! `cargo xtask`: the project's own commands. All file I/O of code generation happens here.

mod corpus;
mod diff;
mod endpoint_tests;
mod flags;
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

use clap::{CommandFactory, Parser};

use crate::flags::Command;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flags = match flags::Xtask::try_parse_from(std::iter::once("cargo xtask".to_string()).chain(args.iter().cloned())) {
        Ok(flags) => flags,
        // Help and version to stdout with 0; a usage error to stderr with 2.
        Err(e) => e.exit(),
    };
    let root = workspace_root();
    match flags.command {
        Some(Command::Codegen(flags)) => codegen(&flags, &args[1..]),
        Some(Command::Corpus(flags)) => corpus::run(&flags, &root),
        Some(Command::ProtocolTests(flags)) => protocol_tests::run(&flags, &root),
        Some(Command::EndpointTests(flags)) => endpoint_tests::run(&flags, &root),
        Some(Command::LiveTest(flags)) => live_test::run(&flags, &root),
        Some(Command::SemverCheck(flags)) => semver_check::run(&flags, &root),
        Some(Command::Stress(flags)) => stress::run(&flags, &root),
        Some(Command::Sections(_)) => sections::run(&root),
        Some(Command::Diff(flags)) => diff::run(&flags),
        Some(Command::RegenerateTest(flags)) => regenerate_test::run(&flags, &root),
        Some(Command::Trim(flags)) => trim::run(&flags),
        Some(Command::Twins(flags)) => twins::run(&flags, &root),
        None => {
            print!("{}", flags::Xtask::command().render_help());
            ExitCode::SUCCESS
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

fn codegen_args(flags: &flags::Codegen) -> CodegenArgs {
    let root = workspace_root();
    CodegenArgs {
        model: flags.model.clone().unwrap_or_else(|| root.join("model/ivsrealtime.json")),
        out: flags.out.clone().unwrap_or_else(|| root.join("generated")),
        check: flags.check,
        selection: codegen::Selection {
            operations: flags.operations.as_ref().map(|list| list.0.clone()),
            service: flags.service.clone(),
            crate_name: flags.crate_name.clone(),
            crate_version: flags.crate_version.clone(),
        },
        explicit: flags.model.is_some() || flags.out.is_some(),
    }
}

/// The command line that reproduces this run, as every generated file names it: the arguments as
/// given, less `--check`.
fn command_line(args: &[String]) -> String {
    let shown: Vec<&str> = args.iter().map(String::as_str).filter(|a| *a != "--check").collect();
    if shown.is_empty() {
        "cargo xtask codegen".to_string()
    } else {
        format!("cargo xtask codegen {}", shown.join(" "))
    }
}

/// `cargo xtask codegen`: `args` are the arguments as given (for the `@generated` line).
fn codegen(flags: &flags::Codegen, args: &[String]) -> ExitCode {
    let parsed = codegen_args(flags);
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
