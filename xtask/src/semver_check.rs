//! `cargo xtask semver-check [DIR...]`: the cross-check of `cargo xtask diff` against
//! cargo-semver-checks. For every folder in each DIR (default: the diff fixtures of
//! `tests/fixtures/diff`, an `old.json` and a `new.json` each, and
//! `../shared/models/botocore/history`, one model file per version, in the order of its
//! `INDEX.tsv`), every version is generated into its own crate and documented as rustdoc JSON once;
//! then each adjacent pair goes through `cargo semver-checks` (on those JSON files) and through
//! [`codegen::diff::compare`]. Every break semver-checks finds must be a breaking change in the
//! diff report: matched by item where its "Failed in" line names one, else by pair. The command
//! installs cargo-semver-checks (`cargo install --locked`) when it is missing, prints a table with
//! totals, writes the details to `target/semver-check/report.md`, and exits 1 on any miss.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use crate::flags;

const HISTORY_DIR: &str = "../shared/models/botocore/history";
/// The diff fixtures: one folder per kind of change, each an `old.json` and a `new.json`.
const FIXTURE_DIR: &str = "tests/fixtures/diff";

/// One break cargo-semver-checks reported.
#[derive(Debug, Clone, PartialEq)]
struct SemverBreak {
    lint: String,
    /// The "Failed in" line, e.g. `field name of struct Stage, previously in file src/types/stage.rs:10`.
    item: String,
}

/// One adjacent pair's results.
struct PairResult {
    service: String,
    old: String,
    new: String,
    semver: Vec<SemverBreak>,
    /// The diff's breaking Rust API changes: path and description.
    diff_breaking: Vec<(String, String)>,
    diff_verdict: String,
    /// semver-checks breaks the diff report does not show.
    missed: Vec<SemverBreak>,
}

pub fn run(flags: &flags::SemverCheck, root: &Path) -> ExitCode {
    let dirs: Vec<PathBuf> = if flags.dirs.is_empty() {
        [root.join(FIXTURE_DIR), root.join(HISTORY_DIR)].into_iter().filter(|d| d.is_dir()).collect()
    } else {
        flags.dirs.clone()
    };
    if let Err(message) = ensure_semver_checks() {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    let scratch = root.join("target/semver-check");
    let mut results = Vec::new();
    for service_dir in dirs.iter().flat_map(|d| service_dirs(d)) {
        match check_service(&service_dir, &scratch) {
            Ok(mut pairs) => results.append(&mut pairs),
            Err(message) => {
                eprintln!("error: {}: {message}", service_dir.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let (table, details) = render(&results);
    print!("{table}");
    let report = scratch.join("report.md");
    if std::fs::write(&report, format!("{table}\n{details}")).is_ok() {
        println!("details: {}", report.display());
    }
    if results.iter().any(|r| !r.missed.is_empty()) {
        println!("FAIL: cargo-semver-checks found breaks that `cargo xtask diff` does not report as breaking");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn ensure_semver_checks() -> Result<(), String> {
    let present = Command::new("cargo").args(["semver-checks", "--version"]).stdout(Stdio::null()).stderr(Stdio::null()).status();
    if present.is_ok_and(|s| s.success()) {
        return Ok(());
    }
    println!("installing cargo-semver-checks (cargo install --locked cargo-semver-checks)");
    let status = Command::new("cargo").args(["install", "--locked", "cargo-semver-checks"]).status().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err("`cargo install --locked cargo-semver-checks` failed".to_string())
    }
}

fn service_dirs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut dirs: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    dirs
}

/// The version files of one service folder in release order: `old.json` then `new.json` for a
/// diff fixture, `INDEX.tsv`'s `file` column when there is one, else the file names sorted as
/// dotted version numbers.
pub fn versions(service_dir: &Path) -> Vec<PathBuf> {
    let (old, new) = (service_dir.join("old.json"), service_dir.join("new.json"));
    if old.exists() && new.exists() {
        return vec![old, new];
    }
    if let Ok(index) = std::fs::read_to_string(service_dir.join("INDEX.tsv")) {
        let mut lines = index.lines();
        let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
        if let Some(column) = header.iter().position(|h| *h == "file") {
            return lines.filter_map(|l| l.split('\t').nth(column)).map(|f| service_dir.join(f)).filter(|p| p.exists()).collect();
        }
    }
    let Ok(entries) = std::fs::read_dir(service_dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
    files.sort_by_key(|p| version_key(p));
    files
}

fn version_key(path: &Path) -> Vec<u64> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    stem.split('.').map(|part| part.parse().unwrap_or(u64::MAX)).collect()
}

fn label(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("?").to_string()
}

fn check_service(service_dir: &Path, scratch: &Path) -> Result<Vec<PairResult>, String> {
    let service = label(service_dir);
    let files = versions(service_dir);
    // One crate name for every version, so the two rustdoc files describe the same crate.
    let crate_name = service.replace('-', "_");
    let options = codegen::Options {
        selection: codegen::Selection { crate_name: Some(crate_name.clone()), ..codegen::Selection::default() },
        emit: codegen::EmitOptions { generated_by: "cargo xtask semver-check".to_string(), protocol_tests: false },
    };
    let target_dir = scratch.join("target");
    let mut rustdocs = Vec::new();
    let mut models = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let model = codegen::smithy::load(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let files_out = codegen::generate(&text, &options).map_err(|e| format!("{}: {e}", file.display()))?;
        let crate_dir = scratch.join("crates").join(&service).join(label(file));
        crate::write::plan(&crate_dir, &files_out).and_then(|plan| plan.apply()).map_err(|e| e.to_string())?;
        crate::test_workspace::standalone(&crate_dir)?;
        let json = scratch.join("rustdoc").join(&service).join(format!("{}.json", label(file)));
        rustdoc_json(&crate_dir, &target_dir, &crate_name, &json)?;
        println!("{service} {}: generated and documented", label(file));
        rustdocs.push(json);
        models.push(model);
    }
    let mut pairs = Vec::new();
    for i in 1..files.len() {
        let semver = semver_checks(&rustdocs[i - 1], &rustdocs[i])?;
        let report = codegen::diff::compare(&models[i - 1], &models[i], &options.selection).map_err(|e| e.to_string())?;
        let diff_breaking: Vec<(String, String)> = report
            .api_changes
            .iter()
            .filter(|c| c.class == codegen::diff::ChangeClass::Breaking)
            .map(|c| (c.path.clone(), c.description.clone()))
            .collect();
        let missed = missed_breaks(&semver, &diff_breaking, &crate_name);
        pairs.push(PairResult {
            service: service.clone(),
            old: label(&files[i - 1]),
            new: label(&files[i]),
            semver,
            diff_breaking,
            diff_verdict: report.verdict.bump.to_string(),
            missed,
        });
    }
    Ok(pairs)
}

/// `cargo rustdoc` with JSON output (unstable, hence `RUSTC_BOOTSTRAP`, as cargo-semver-checks
/// itself does on a stable toolchain), copied to `out`.
fn rustdoc_json(crate_dir: &Path, target_dir: &Path, crate_name: &str, out: &Path) -> Result<(), String> {
    let output = Command::new("cargo")
        .args(["rustdoc", "--lib", "--quiet", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .args(["--", "-Z", "unstable-options", "--output-format", "json", "--document-hidden-items", "--cap-lints", "allow"])
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_TARGET_DIR", target_dir)
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("rustdoc of {} failed:\n{}", crate_dir.display(), String::from_utf8_lossy(&output.stderr)));
    }
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::copy(target_dir.join("doc").join(format!("{crate_name}.json")), out).map_err(|e| e.to_string())?;
    Ok(())
}

fn semver_checks(old: &Path, new: &Path) -> Result<Vec<SemverBreak>, String> {
    let output = Command::new("cargo")
        .args(["semver-checks", "check-release", "--release-type", "minor", "--color", "never", "--baseline-rustdoc"])
        .arg(old)
        .arg("--current-rustdoc")
        .arg(new)
        .output()
        .map_err(|e| e.to_string())?;
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    let breaks = parse_semver_output(&text);
    if !output.status.success() && breaks.is_empty() {
        return Err(format!("cargo semver-checks failed:\n{text}"));
    }
    Ok(breaks)
}

/// The `--- failure LINT: ... ---` blocks and their `Failed in:` lines.
fn parse_semver_output(text: &str) -> Vec<SemverBreak> {
    let mut breaks = Vec::new();
    let mut lint: Option<String> = None;
    let mut in_items = false;
    for line in text.lines() {
        let is_item = line.starts_with("  ") && !line.starts_with("   ") && !line.trim().is_empty();
        if let Some(rest) = line.strip_prefix("--- failure ") {
            lint = rest.split(':').next().map(str::to_string);
            in_items = false;
        } else if line.starts_with("--- ") {
            // A warning (or any other block): not a break.
            lint = None;
            in_items = false;
        } else if line.trim() == "Failed in:" {
            in_items = true;
        } else if in_items && is_item {
            if let Some(lint) = &lint {
                breaks.push(SemverBreak { lint: lint.clone(), item: line.trim().to_string() });
            }
        } else {
            in_items = false;
        }
    }
    breaks
}

/// semver-checks breaks with no breaking diff change that covers the same item. A "Failed in"
/// line names its item by path (`function krate::operation::get_logo::parse_response`) or by words
/// (`field name of struct Stage`, `StageBuilder::set_name`). A diff change covers it when the
/// names, normalised (builder types and accessors stand for their structure's field), are all
/// segments of the change's path, or when the change removed an operation whose module holds the
/// item. A line with no name to match needs any breaking change in the pair.
fn missed_breaks(semver: &[SemverBreak], diff_breaking: &[(String, String)], crate_name: &str) -> Vec<SemverBreak> {
    semver
        .iter()
        .filter(|b| {
            let names = item_names(&b.item, crate_name);
            if names.is_empty() {
                return diff_breaking.is_empty();
            }
            !diff_breaking.iter().any(|(path, _)| covers(path, &names))
        })
        .cloned()
        .collect()
}

fn covers(diff_path: &str, names: &[String]) -> bool {
    let segments: Vec<&str> = diff_path.split("::").map(|s| s.trim_start_matches("r#")).collect();
    if names.iter().all(|n| segments.contains(&n.as_str())) {
        return true;
    }
    // `operation::get_logo::GetLogo` removed: everything in `operation::get_logo` went with it.
    match segments.as_slice() {
        ["operation", module, _] => names.first().map(String::as_str) == Some("operation") && names.get(1).map(String::as_str) == Some(*module),
        _ => false,
    }
}

/// The Rust names a "Failed in" line mentions, before its location, without the crate name, with
/// builder and accessor names turned into the type and field they stand for.
fn item_names(item: &str, crate_name: &str) -> Vec<String> {
    const WORDS: &[&str] = &["field", "of", "struct", "enum", "variant", "method", "function", "fn", "trait", "type", "module", "mod", "const", "static", "in", "impl", "for", "the"];
    let head = item.split(", previously in").next().unwrap_or(item);
    let head = head.split(" in file ").next().unwrap_or(head);
    let words = head.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).flat_map(|w| w.split("::"));
    let mut names: Vec<String> = words
        .filter(|w| !w.is_empty() && !WORDS.contains(w) && w.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_'))
        .map(|w| w.strip_suffix("Builder").filter(|t| !t.is_empty()).unwrap_or(w).to_string())
        .collect();
    if names.first().is_some_and(|first| first == crate_name) {
        names.remove(0);
    }
    // `Type::method`: a builder's setter or getter, or a `_or_default` accessor, is its field.
    if let [ty, method] = names.as_slice() {
        if ty.starts_with(|c: char| c.is_ascii_uppercase()) {
            let field = method.strip_prefix("set_").or_else(|| method.strip_prefix("get_")).unwrap_or(method);
            let field = field.strip_suffix("_or_default").unwrap_or(field).to_string();
            names = vec![ty.clone(), field];
        }
    }
    names
}

fn render(results: &[PairResult]) -> (String, String) {
    let mut table = String::from(
        "| service | pair | semver-checks breaks | diff breaking changes | diff verdict | missed by diff |\n|---|---|---:|---:|---|---:|\n",
    );
    let mut totals: BTreeMap<&str, [usize; 5]> = BTreeMap::new();
    let mut details = String::new();
    for r in results {
        let _ = writeln!(
            table,
            "| {} | {} → {} | {} | {} | {} | {} |",
            r.service,
            r.old,
            r.new,
            r.semver.len(),
            r.diff_breaking.len(),
            r.diff_verdict,
            r.missed.len()
        );
        let t = totals.entry(&r.service).or_default();
        t[0] += 1;
        t[1] += usize::from(!r.semver.is_empty());
        t[2] += usize::from(!r.diff_breaking.is_empty());
        t[3] += r.missed.len();
        t[4] += usize::from(r.semver.is_empty() && !r.diff_breaking.is_empty());
        if !r.semver.is_empty() || !r.diff_breaking.is_empty() {
            let _ = writeln!(details, "### {} {} → {}\n", r.service, r.old, r.new);
            for b in &r.semver {
                let _ = writeln!(details, "- semver-checks `{}`: {}", b.lint, b.item);
            }
            for (path, description) in &r.diff_breaking {
                let _ = writeln!(details, "- diff breaking: `{path}`: {description}");
            }
            for b in &r.missed {
                let _ = writeln!(details, "- **missed by diff**: `{}` {}", b.lint, b.item);
            }
            details.push('\n');
        }
    }
    let _ = writeln!(
        table,
        "\n| service | pairs | pairs semver-checks calls breaking | pairs diff calls breaking | breaks missed by diff | pairs only diff calls breaking |\n|---|---:|---:|---:|---:|---:|"
    );
    for (service, t) in &totals {
        let _ = writeln!(table, "| {service} | {} | {} | {} | {} | {} |", t[0], t[1], t[2], t[3], t[4]);
    }
    (table, details)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "\
--- failure struct_pub_field_missing: pub struct's pub field removed or renamed ---

Description:
A publicly-visible struct has at least one public field that is no longer available.

Failed in:
  field name of struct Stage, previously in file src/types/stage.rs:10
  field arn of struct Stage, previously in file src/types/stage.rs:8

--- failure enum_variant_missing: pub enum variant removed or renamed ---

Failed in:
  variant Kind::Old, previously in file src/types/kind.rs:4
    Checking <unknown> v0.1.0 -> v0.1.0 (assume minor change)

--- warning enum_no_repr_variant_discriminant_changed: variant moved ---

Failed in:
  Kind::Unknown moved from position 3 to 2, in src/types/kind.rs:9

     Summary semver requires new major version: 2 major and 0 minor checks failed
";

    #[test]
    fn failures_and_their_items_are_read() {
        let breaks = parse_semver_output(OUTPUT);
        assert_eq!(breaks.len(), 3);
        assert_eq!(breaks[0].lint, "struct_pub_field_missing");
        assert_eq!(breaks[2].item, "variant Kind::Old, previously in file src/types/kind.rs:4");
    }

    #[test]
    fn breaks_match_diff_paths_by_their_names() {
        let breaks = parse_semver_output(OUTPUT);
        assert_eq!(item_names(&breaks[0].item, "krate"), ["name", "Stage"]);
        assert_eq!(item_names(&breaks[2].item, "krate"), ["Kind", "Old"]);
        assert_eq!(item_names("StageBuilder::set_name, previously in file src/types/stage.rs:215", "krate"), ["Stage", "name"]);
        let function = "function krate::operation::get_logo::parse_response, previously in file src/operation/get_logo.rs:275";
        assert_eq!(item_names(function, "krate"), ["operation", "get_logo", "parse_response"]);
        assert!(covers("operation::get_logo::GetLogo", &item_names(function, "krate")));
        assert!(!covers("operation::get_other::GetOther", &item_names(function, "krate")));
        let diff = vec![("types::Stage::name".to_string(), String::new()), ("types::Kind::Old".to_string(), String::new())];
        let missed = missed_breaks(&breaks, &diff, "krate");
        assert_eq!(missed.len(), 1, "{missed:?}");
        assert_eq!(missed[0].item, breaks[1].item);
    }

    #[test]
    fn versions_sort_numerically_without_an_index() {
        let key = |s: &str| version_key(Path::new(s));
        assert!(key("1.29.98.json") < key("1.29.107.json"));
        assert!(key("1.34.62.json") < key("1.34.131.json"));
    }
}
