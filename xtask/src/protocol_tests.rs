//! `cargo xtask protocol-tests [--model PATH] [--service ID]`: generate a crate for one service of
//! Smithy's AWS protocol test suite with its compliance tests (`tests/protocol_tests.rs`), run
//! them with `cargo test`, and print what passed, failed and was skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use codegen::emit::protocol_tests::{self, CaseInfo, Kind};

const DEFAULT_MODEL: &str = "../shared/models/protocol-tests/aws-protocol-tests.json";
const DEFAULT_SERVICE: &str = "aws.protocoltests.restjson#RestJson";

struct Args {
    model: PathBuf,
    service: String,
}

fn parse_args(args: &[String], root: &Path) -> Result<Args, String> {
    let mut parsed = Args { model: root.join(DEFAULT_MODEL), service: DEFAULT_SERVICE.to_string() };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--model" => parsed.model = PathBuf::from(value("--model")?),
            "--service" => parsed.service = value("--service")?,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

/// What libtest said about one test.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

pub fn run(args: &[String], root: &Path) -> ExitCode {
    let args = match parse_args(args, root) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\nusage: cargo xtask protocol-tests [--model PATH] [--service ID]");
            return ExitCode::from(2);
        }
    };
    let Generated { files, cases, krate } = match generate(&args) {
        Ok(generated) => generated,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let scratch = std::env::temp_dir().join("smelt-protocol-tests");
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{krate:?}]\n");
    let written = std::fs::create_dir_all(&scratch)
        .and_then(|()| std::fs::write(scratch.join("Cargo.toml"), manifest))
        .map_err(|e| e.to_string())
        .and_then(|()| crate::write::plan(&scratch.join(&krate), &files).and_then(|plan| plan.apply()).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!("error: cannot write the crate into {}: {e}", scratch.display());
        return ExitCode::from(1);
    }
    println!(
        "{}: {} client cases; running cargo test --test protocol_tests in {}",
        args.service,
        cases.len(),
        scratch.join(&krate).display()
    );
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--package", &krate, "--test", "protocol_tests"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", root.join("target/protocol-tests"))
        .output();
    let output = match output {
        Ok(output) => output,
        Err(e) => {
            eprintln!("error: cannot run cargo test: {e}");
            return ExitCode::from(1);
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let results = parse_libtest(&stdout);
    if results.is_empty() {
        // Nothing ran: the crate or its tests did not compile.
        let stderr = String::from_utf8_lossy(&output.stderr);
        // The first errors with their locations and snippets, not the whole (possibly huge) output.
        let errors: Vec<&str> = stderr.lines().skip_while(|l| !l.starts_with("error")).take(60).collect();
        eprintln!("cargo test ran no test:\n{}", if errors.is_empty() { stderr.trim_end().to_string() } else { errors.join("\n") });
    }
    let outcomes: Vec<(&CaseInfo, Outcome)> = cases
        .iter()
        .map(|case| {
            let outcome = match (results.get(&case.test), &case.skip) {
                (Some(outcome), _) => outcome.clone(),
                // `cargo test` did not report it: it did not compile or did not run.
                (None, Some(reason)) => Outcome::Skipped(reason.clone()),
                (None, None) => Outcome::Failed("did not run".to_string()),
            };
            (case, outcome)
        })
        .collect();
    print_report(&outcomes, !results.is_empty());
    let failed = outcomes.iter().filter(|(_, o)| matches!(o, Outcome::Failed(_))).count();
    if failed == 0 && output.status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The generated crate, the cases its test file holds and the crate's name.
struct Generated {
    files: BTreeMap<String, String>,
    cases: Vec<CaseInfo>,
    krate: String,
}

fn generate(args: &Args) -> Result<Generated, String> {
    let model_path = args.model.display();
    let text = std::fs::read_to_string(&args.model).map_err(|e| format!("cannot read {model_path}: {e}"))?;
    let model = codegen::smithy::load(&text).map_err(|e| format!("{model_path}: {e}"))?;
    let service_name = codegen::smithy::shape_name(&args.service);
    let krate_name = format!("{}_protocol_tests", service_name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase());
    let selection = codegen::Selection { service: Some(args.service.clone()), crate_name: Some(krate_name.clone()), ..Default::default() };
    let krate = codegen::ir::lower(&model, &selection).map_err(|e| format!("{model_path}: {e}"))?;
    let options = codegen::EmitOptions {
        generated_by: format!("cargo xtask protocol-tests --service {}", args.service),
        protocol_tests: true,
    };
    let rendered = codegen::emit::render_with_tests(&model, &krate, &options);
    let files = codegen::emit::format(rendered, &options).map_err(|e| format!("{model_path}: {e}"))?;
    Ok(Generated { files, cases: protocol_tests::cases(&model, &krate), krate: krate_name })
}

/// Test name → outcome, from libtest's output: the `test NAME ... RESULT` lines and, for
/// failures, the first line of the panic message in the `---- NAME stdout ----` sections.
fn parse_libtest(stdout: &str) -> BTreeMap<String, Outcome> {
    let mut results = BTreeMap::new();
    for line in stdout.lines() {
        let Some((name, result)) = line.strip_prefix("test ").and_then(|rest| rest.split_once(" ... ")) else { continue };
        let outcome = match result.trim() {
            "ok" => Outcome::Passed,
            "FAILED" => Outcome::Failed(String::new()),
            ignored if ignored.starts_with("ignored") => {
                Outcome::Skipped(ignored.strip_prefix("ignored").unwrap_or_default().trim_start_matches([',', ' ']).to_string())
            }
            _ => continue,
        };
        results.insert(name.to_string(), outcome);
    }
    let lines: Vec<&str> = stdout.lines().collect();
    for (at, line) in lines.iter().enumerate() {
        let Some(name) = line.strip_prefix("---- ").and_then(|rest| rest.strip_suffix(" stdout ----")) else { continue };
        let section = lines[at + 1..].iter().take_while(|l| !l.starts_with("---- ") && **l != "failures:");
        let mut message = String::new();
        let mut section = section.peekable();
        while let Some(line) = section.next() {
            if let Some((_, rest)) = line.split_once("panicked at ") {
                // Rust 1.73 and later: `panicked at file:line:col:` and the message on the next
                // line; earlier: `panicked at 'message', file:line:col`.
                message = match rest.strip_prefix('\'') {
                    Some(quoted) => quoted.rsplit_once("', ").map_or(quoted, |(m, _)| m).to_string(),
                    None => section.peek().map(|l| l.to_string()).unwrap_or_default(),
                };
                break;
            }
        }
        if let Some(Outcome::Failed(first_line)) = results.get_mut(name) {
            *first_line = message;
        }
    }
    results
}

/// `ran` is false when `cargo test` ran nothing (the crate did not compile): failures are then
/// summed up in one line rather than listed.
fn print_report(outcomes: &[(&CaseInfo, Outcome)], ran: bool) {
    let count = |kind: Option<Kind>, pick: fn(&Outcome) -> bool| {
        outcomes.iter().filter(|(c, o)| (kind.is_none() || kind == Some(c.kind)) && pick(o)).count()
    };
    let passed = |o: &Outcome| matches!(o, Outcome::Passed);
    let failed = |o: &Outcome| matches!(o, Outcome::Failed(_));
    let skipped = |o: &Outcome| matches!(o, Outcome::Skipped(_));
    println!("\n| cases | total | passed | failed | skipped |");
    println!("|---|---:|---:|---:|---:|");
    for (label, kind) in [("request", Some(Kind::Request)), ("response", Some(Kind::Response)), ("all", None)] {
        let total = count(kind, |_| true);
        println!("| {label} | {total} | {} | {} | {} |", count(kind, passed), count(kind, failed), count(kind, skipped));
    }
    for kind in [Kind::Request, Kind::Response] {
        let of_kind = || outcomes.iter().filter(move |(c, _)| c.kind == kind);
        let failures: Vec<String> = of_kind()
            .filter_map(|(c, o)| match o {
                Outcome::Failed(message) => Some(format!("- `{}`: {}", c.id, shorten(message))),
                _ => None,
            })
            .collect();
        let skips: Vec<String> = of_kind()
            .filter_map(|(c, o)| match o {
                Outcome::Skipped(reason) => Some(format!("- `{}`: {}", c.id, shorten(reason))),
                _ => None,
            })
            .collect();
        for (title, list) in [("failed", failures), ("skipped", skips)] {
            if !ran && title == "failed" && !list.is_empty() {
                println!("\n{} cases failed ({}): the test crate did not compile (cargo's errors above)", kind.as_str(), list.len());
            } else if !list.is_empty() {
                println!("\n{} cases {title} ({}):", kind.as_str(), list.len());
                println!("{}", list.join("\n"));
            }
        }
    }
    println!(
        "\nprotocol tests: {} client cases: {} passed, {} failed, {} skipped",
        outcomes.len(),
        count(None, passed),
        count(None, failed),
        count(None, skipped)
    );
}

/// At most 300 characters of a message, for one list line.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 300;
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_results_and_first_panic_lines() {
        let stdout = "\
running 3 tests
test request::a ... ok
test request::b ... ignored, no endpoint
test response::c ... FAILED

failures:

---- response::c stdout ----
thread 'response::c' panicked at tests/protocol_tests.rs:10:5:
output: expected X, got Y
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    response::c

test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out
";
        let results = parse_libtest(stdout);
        assert_eq!(results["request::a"], Outcome::Passed);
        assert_eq!(results["request::b"], Outcome::Skipped("no endpoint".to_string()));
        assert_eq!(results["response::c"], Outcome::Failed("output: expected X, got Y".to_string()));
    }
}
