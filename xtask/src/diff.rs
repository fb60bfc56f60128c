//! `cargo xtask diff OLD NEW`: what a model update changes in the generated crate's Rust API and
//! on the wire, and the version bump it calls for (see `codegen::diff`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::diff::{compare, render};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Markdown,
    Json,
}

#[derive(Debug)]
struct DiffArgs {
    old: PathBuf,
    new: PathBuf,
    selection: codegen::Selection,
    format: Format,
    fail_on_breaking: bool,
    out: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<DiffArgs, String> {
    let mut paths = Vec::new();
    let mut selection = codegen::Selection::default();
    let (mut format, mut fail_on_breaking, mut out) = (Format::Markdown, false, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--service" => selection.service = Some(value("--service")?),
            "--format" => {
                format = match value("--format")?.as_str() {
                    "markdown" | "md" => Format::Markdown,
                    "json" => Format::Json,
                    other => return Err(format!("unknown format `{other}` (markdown or json)")),
                }
            }
            "--fail-on" => match value("--fail-on")?.as_str() {
                "breaking" => fail_on_breaking = true,
                other => return Err(format!("unknown --fail-on value `{other}` (breaking)")),
            },
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            flag if flag.starts_with("--") => return Err(format!("unknown argument `{flag}`")),
            path => paths.push(PathBuf::from(path)),
        }
    }
    let [old, new]: [PathBuf; 2] = paths.try_into().map_err(|p: Vec<PathBuf>| format!("expected OLD and NEW model paths, got {}", p.len()))?;
    Ok(DiffArgs { old, new, selection, format, fail_on_breaking, out })
}

/// Reads, loads and validates one model; every problem on its own line, naming the file.
fn load(path: &Path) -> Result<codegen::smithy::Model, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let checked = codegen::smithy::load(&text).and_then(|model| codegen::smithy::validate(&model).map(|_warnings| model));
    checked.map_err(|e| e.to_string().lines().map(|line| format!("{}: {line}", path.display())).collect::<Vec<_>>().join("\nerror: "))
}

pub fn run(args: &[String], usage: &str) -> ExitCode {
    let parsed = match parse(args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n{usage}");
            return ExitCode::from(2);
        }
    };
    let models = load(&parsed.old).and_then(|old| load(&parsed.new).map(|new| (old, new)));
    let (old, new) = match models {
        Ok(models) => models,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let report = match compare(&old, &new, &parsed.selection) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let text = match parsed.format {
        Format::Markdown => render::markdown(&report),
        Format::Json => render::json(&report) + "\n",
    };
    match &parsed.out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &text) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
            eprintln!("{}: verdict {} ({} API changes, {} model events)", path.display(), report.verdict.bump, report.api_changes.len(), report.model_events.len());
        }
        None => print!("{text}"),
    }
    if parsed.fail_on_breaking && report.is_breaking() {
        eprintln!("breaking changes found (--fail-on breaking)");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_paths_and_options() {
        let parsed = parse(&args(&["a.json", "--format", "json", "b.json", "--fail-on", "breaking", "--service", "x#S"])).expect("valid");
        assert_eq!((parsed.old, parsed.new), (PathBuf::from("a.json"), PathBuf::from("b.json")));
        assert_eq!(parsed.format, Format::Json);
        assert!(parsed.fail_on_breaking);
        assert_eq!(parsed.selection.service.as_deref(), Some("x#S"));
        assert!(parse(&args(&["only-one.json"])).is_err());
        assert!(parse(&args(&["a", "b", "--format", "yaml"])).is_err());
    }

    #[test]
    fn exit_codes_follow_the_verdict() {
        let root = crate::workspace_root().join("tests/fixtures/diff");
        let pair = |kind: &str| [root.join(kind).join("old.json"), root.join(kind).join("new.json")].map(|p| p.display().to_string());
        let [old, new] = pair("removed_operation");
        let out = std::env::temp_dir().join(format!("smelt-diff-{}.md", std::process::id()));
        let out_arg = out.display().to_string();
        assert_eq!(run(&args(&[&old, &new, "--fail-on", "breaking", "--out", &out_arg]), ""), ExitCode::from(1));
        assert_eq!(run(&args(&[&old, &new, "--out", &out_arg]), ""), ExitCode::SUCCESS);
        let [old, new] = pair("added_operation");
        assert_eq!(run(&args(&[&old, &new, "--fail-on", "breaking", "--out", &out_arg]), ""), ExitCode::SUCCESS);
        assert_eq!(run(&args(&[&old, "missing.json"]), ""), ExitCode::from(2));
        let _ = std::fs::remove_file(out);
    }
}
