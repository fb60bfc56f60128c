//! `cargo xtask diff OLD NEW`: what a model update changes in the generated crate's Rust API and
//! on the wire, and the version bump it calls for (see `codegen::diff`).

use std::path::Path;
use std::process::ExitCode;

use codegen::diff::{compare, render};

use crate::flags::{self, FailOn, Format};

/// Reads, loads and validates one model; every problem on its own line, naming the file.
fn load(path: &Path) -> Result<codegen::smithy::Model, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let checked = codegen::smithy::load(&text).and_then(|model| codegen::smithy::validate(&model).map(|_warnings| model));
    checked.map_err(|e| e.to_string().lines().map(|line| format!("{}: {line}", path.display())).collect::<Vec<_>>().join("\nerror: "))
}

pub fn run(parsed: &flags::Diff) -> ExitCode {
    let selection = codegen::Selection { service: parsed.service.clone(), ..codegen::Selection::default() };
    let models = load(&parsed.old).and_then(|old| load(&parsed.new).map(|new| (old, new)));
    let (old, new) = match models {
        Ok(models) => models,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let report = match compare(&old, &new, &selection) {
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
    if parsed.fail_on == Some(FailOn::Breaking) && report.is_breaking() {
        eprintln!("breaking changes found (--fail-on breaking)");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(old: &Path, new: &Path, fail_on: Option<FailOn>, out: &Path) -> flags::Diff {
        flags::Diff { old: old.into(), new: new.into(), service: None, format: Format::Markdown, fail_on, out: Some(out.into()) }
    }

    #[test]
    fn exit_codes_follow_the_verdict() {
        let root = crate::workspace_root().join("tests/fixtures/diff");
        let pair = |kind: &str| [root.join(kind).join("old.json"), root.join(kind).join("new.json")];
        let [old, new] = pair("removed_operation");
        let out = std::env::temp_dir().join(format!("smelt-diff-{}.md", std::process::id()));
        assert_eq!(run(&args(&old, &new, Some(FailOn::Breaking), &out)), ExitCode::from(1));
        assert_eq!(run(&args(&old, &new, None, &out)), ExitCode::SUCCESS);
        let [old, new] = pair("added_operation");
        assert_eq!(run(&args(&old, &new, Some(FailOn::Breaking), &out)), ExitCode::SUCCESS);
        assert_eq!(run(&args(&old, Path::new("missing.json"), None, &out)), ExitCode::from(2));
        let _ = std::fs::remove_file(out);
    }
}
