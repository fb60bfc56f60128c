//! `cargo xtask protocol-tests [--model PATH] [--service ID]... [--all]`: generate a crate for
//! services of Smithy's AWS protocol test suite, each with its compliance tests
//! (`tests/protocol_tests.rs`), build them all in one scratch workspace with one `cargo build`,
//! run each test binary, and print what passed, failed and was skipped, one row per service.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use codegen::emit::protocol_tests::{self, CaseInfo, Kind};

use crate::{flags, test_workspace};

const DEFAULT_MODEL: &str = "../shared/models/protocol-tests/aws-protocol-tests.json";
const DEFAULT_SERVICE: &str = "aws.protocoltests.restjson#RestJson";

/// What `--all` runs: every service of the suite whose protocol the generator knows, the
/// protocol suites first, then the services with customizations.
const ALL_SERVICES: &[&str] = &[
    "aws.protocoltests.restjson#RestJson",
    "aws.protocoltests.json10#JsonRpc10",
    "aws.protocoltests.json#JsonProtocol",
    "aws.protocoltests.restxml#RestXml",
    "aws.protocoltests.restxml.xmlns#RestXmlWithNamespace",
    "aws.protocoltests.query#AwsQuery",
    "aws.protocoltests.ec2#AwsEc2",
    "com.amazonaws.s3#AmazonS3",
    "com.amazonaws.glacier#Glacier",
    "com.amazonaws.apigateway#BackplaneControlService",
    "com.amazonaws.machinelearning#AmazonML_20141212",
];

#[derive(Debug, PartialEq)]
struct Args {
    model: PathBuf,
    services: Vec<String>,
}

/// The flags with their defaults applied: the default service when none is named, `--all`'s after
/// those named, each service once.
fn args(flags: &flags::ProtocolTests, root: &Path) -> Args {
    let mut services = flags.services.clone();
    if flags.all {
        services.extend(ALL_SERVICES.iter().map(|s| s.to_string()));
    }
    if services.is_empty() {
        services.push(DEFAULT_SERVICE.to_string());
    }
    let mut seen = std::collections::BTreeSet::new();
    services.retain(|s| seen.insert(s.clone()));
    Args { model: flags.model.clone().unwrap_or_else(|| root.join(DEFAULT_MODEL)), services }
}

/// What libtest said about one test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

/// One service: its generated crate and, once run, what became of each case.
struct Service {
    id: String,
    protocol: String,
    krate: String,
    files: BTreeMap<String, String>,
    cases: Vec<CaseInfo>,
    /// The test binary cargo built, if it did.
    executable: Option<PathBuf>,
    /// The first compile error of the crate, if it had one.
    build_error: Option<String>,
    /// Whether the test binary ran and exited successfully.
    ran_ok: bool,
    outcomes: Vec<Outcome>,
}

impl Service {
    fn count(&self, kind: Option<Kind>, pick: fn(&Outcome) -> bool) -> usize {
        self.cases.iter().zip(&self.outcomes).filter(|(c, o)| (kind.is_none() || kind == Some(c.kind)) && pick(o)).count()
    }
}

fn passed(o: &Outcome) -> bool {
    matches!(o, Outcome::Passed)
}
fn failed(o: &Outcome) -> bool {
    matches!(o, Outcome::Failed(_))
}
fn skipped(o: &Outcome) -> bool {
    matches!(o, Outcome::Skipped(_))
}

pub fn run(flags: &flags::ProtocolTests, root: &Path) -> ExitCode {
    let args = args(flags, root);
    let started = Instant::now();
    let model_path = args.model.display().to_string();
    let model = match std::fs::read_to_string(&args.model)
        .map_err(|e| format!("cannot read {model_path}: {e}"))
        .and_then(|text| {
            let model = codegen::smithy::load(&text).map_err(|e| format!("{model_path}: {e}"))?;
            codegen::smithy::validate(&model).map_err(|e| format!("{model_path}: {e}"))?;
            Ok(model)
        })
    {
        Ok(model) => model,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let mut services = Vec::new();
    for id in &args.services {
        match generate(&model, id) {
            Ok(service) => services.push(service),
            Err(message) => {
                eprintln!("error: {id}: {message}");
                return ExitCode::from(2);
            }
        }
    }
    let scratch = std::env::temp_dir().join("smelt-protocol-tests");
    if let Err(e) = test_workspace::write(&scratch, services.iter().map(|s| (s.krate.as_str(), &s.files))) {
        eprintln!("error: cannot write the crates into {}: {e}", scratch.display());
        return ExitCode::from(1);
    }
    let total: usize = services.iter().map(|s| s.cases.len()).sum();
    println!(
        "{} services, {total} client cases, generated in {:.1?}; building their tests in {}",
        services.len(),
        started.elapsed(),
        scratch.display()
    );
    let target_dir = root.join("target/protocol-tests");
    let build_ok = match build(&scratch, &target_dir, &mut services) {
        Ok(ok) => ok,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(1);
        }
    };
    for service in &mut services {
        run_tests(&scratch, service);
    }
    print_report(&services);
    println!("\n(done in {:.0?})", started.elapsed());
    let any_failed = services.iter().any(|s| s.count(None, failed) > 0 || s.build_error.is_some() || !s.ran_ok);
    if any_failed || !build_ok {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn generate(model: &codegen::smithy::Model, service: &str) -> Result<Service, String> {
    let service_name = codegen::smithy::shape_name(service);
    let krate_name = format!("{}_protocol_tests", service_name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase());
    let selection = codegen::Selection { service: Some(service.to_string()), crate_name: Some(krate_name.clone()), ..Default::default() };
    let krate = codegen::ir::lower(model, &selection).map_err(|e| e.to_string())?;
    let options = codegen::EmitOptions {
        generated_by: format!("cargo xtask protocol-tests --service {service}"),
        protocol_tests: true,
    };
    let rendered = codegen::emit::render_with_tests(model, &krate, &options).map_err(|e| e.to_string())?;
    let files = codegen::emit::format(rendered, &options).map_err(|e| e.to_string())?;
    Ok(Service {
        id: service.to_string(),
        protocol: krate.service.protocol.name().to_string(),
        krate: krate_name,
        files,
        cases: protocol_tests::cases(model, &krate),
        executable: None,
        build_error: None,
        ran_ok: false,
        outcomes: Vec::new(),
    })
}

/// One workspace holding a crate per service, so their common dependencies build once.
/// Builds every crate's `protocol_tests` target at once (see [`test_workspace::build`]) and fills
/// in each service's test binary or first compile error; false when cargo failed.
fn build(scratch: &Path, target_dir: &Path, services: &mut [Service]) -> Result<bool, String> {
    let names: Vec<&str> = services.iter().map(|s| s.krate.as_str()).collect();
    let build = test_workspace::build(scratch, target_dir, "protocol_tests", &names)?;
    for service in services.iter_mut() {
        service.executable = build.executables.get(&service.krate).cloned();
        service.build_error = build.errors.get(&service.krate).cloned();
        if service.executable.is_none() && service.build_error.is_none() {
            service.build_error = Some("no test binary was built".to_string());
        }
    }
    if !build.ok && build.errors.is_empty() {
        // Cargo failed before compiling anything of ours (a manifest or a dependency): say why.
        let lines: Vec<&str> = build.stderr.lines().skip_while(|l| !l.starts_with("error")).take(60).collect();
        eprintln!("cargo build failed:\n{}", if lines.is_empty() { build.stderr.trim_end().to_string() } else { lines.join("\n") });
    }
    Ok(build.ok)
}

/// Runs the service's test binary (if it was built) and decides each case's outcome.
fn run_tests(scratch: &Path, service: &mut Service) {
    let mut results = BTreeMap::new();
    if let Some(exe) = &service.executable {
        match Command::new(exe).current_dir(scratch.join(&service.krate)).stdin(Stdio::null()).output() {
            Ok(output) => {
                results = parse_libtest(&String::from_utf8_lossy(&output.stdout));
                service.ran_ok = output.status.success();
            }
            Err(e) => service.build_error = Some(format!("cannot run {}: {e}", exe.display())),
        }
    }
    let not_run = if service.build_error.is_some() { "did not compile" } else { "did not run" };
    service.outcomes = service
        .cases
        .iter()
        .map(|case| match (results.get(&case.test), &case.skip) {
            (Some(outcome), _) => outcome.clone(),
            // The binary did not report it: it did not compile or did not run.
            (None, Some(reason)) => Outcome::Skipped(reason.clone()),
            (None, None) => Outcome::Failed(not_run.to_string()),
        })
        .collect();
}

/// Test name → outcome, from libtest's output: the `test NAME ... RESULT` lines and, for
/// failures, the first line of the panic message in the `---- NAME stdout ----` sections.
pub(crate) fn parse_libtest(stdout: &str) -> BTreeMap<String, Outcome> {
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

/// Per service, its compile error and its failed and skipped cases; then one table row per
/// service and a totals row.
fn print_report(services: &[Service]) {
    for service in services {
        if let Some(error) = &service.build_error {
            println!("\n{} ({}): the test crate did not compile:\n{error}", service.id, service.protocol);
        }
        for kind in [Kind::Request, Kind::Response] {
            let of_kind = || service.cases.iter().zip(&service.outcomes).filter(move |(c, _)| c.kind == kind);
            let failures: Vec<(&str, &str)> = of_kind()
                .filter_map(|(c, o)| match o {
                    Outcome::Failed(message) => Some((c.id.as_str(), message.as_str())),
                    _ => None,
                })
                .collect();
            let skips: Vec<(&str, &str)> = of_kind()
                .filter_map(|(c, o)| match o {
                    Outcome::Skipped(reason) => Some((c.id.as_str(), reason.as_str())),
                    _ => None,
                })
                .collect();
            for (title, list) in [("failed", failures), ("skipped", skips)] {
                let Some((_, first)) = list.first() else { continue };
                let (id, count, what) = (&service.id, list.len(), kind.as_str());
                if service.build_error.is_some() && title == "failed" {
                    println!("\n{id} {what} cases failed ({count}): the test crate did not compile");
                } else if count > 3 && list.iter().all(|(_, reason)| reason == first) {
                    // A crate without a wire layer skips every case for the same reason.
                    println!("\n{id} {what} cases {title} ({count}), all: {}", shorten(first));
                } else {
                    println!("\n{id} {what} cases {title} ({count}):");
                    for (case, reason) in list {
                        println!("- `{case}`: {}", shorten(reason));
                    }
                }
            }
        }
    }
    println!("\n| service | protocol | cases | passed | failed | skipped |");
    println!("|---|---|---:|---:|---:|---:|");
    let mut totals = [0; 4];
    for service in services {
        let row = [service.cases.len(), service.count(None, passed), service.count(None, failed), service.count(None, skipped)];
        for (total, n) in totals.iter_mut().zip(row) {
            *total += n;
        }
        let name = codegen::smithy::shape_name(&service.id);
        let note = if service.build_error.is_some() { " (did not compile)" } else { "" };
        println!("| `{name}`{note} | {} | {} | {} | {} | {} |", service.protocol, row[0], row[1], row[2], row[3]);
    }
    let [cases, passed, failed, skipped] = totals;
    println!("| **all** | | **{cases}** | **{passed}** | **{failed}** | **{skipped}** |");
    let services = match services.len() {
        1 => "1 service".to_string(),
        n => format!("{n} services"),
    };
    println!("\nprotocol tests: {cases} client cases of {services}: {passed} passed, {failed} failed, {skipped} skipped");
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

    #[test]
    fn services_default_repeat_and_all() {
        let root = Path::new("/r");
        let services = |list: &[&str], all: bool| {
            args(&flags::ProtocolTests { model: None, services: list.iter().map(|s| s.to_string()).collect(), all }, root).services
        };
        assert_eq!(services(&[], false), [DEFAULT_SERVICE]);
        assert_eq!(services(&["a#B", "c#D", "a#B"], false), ["a#B", "c#D"]);
        assert_eq!(services(&[], true).len(), ALL_SERVICES.len());
        assert_eq!(services(&["a#B", DEFAULT_SERVICE], true).len(), ALL_SERVICES.len() + 1);
    }

}
