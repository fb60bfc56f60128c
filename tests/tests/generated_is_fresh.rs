//! `generated/` must be exactly what the generator writes from `model/`, and each test crate
//! `tests/crates/NAME` what it writes from `tests/models/NAME.json` (a trimmed real model) when
//! there is one, else from `tests/fixtures/NAME.json`: a stale copy fails here with a diff, the
//! same check `cargo xtask codegen --check` makes in CI.

mod common;

use std::fmt::Write as _;

use common::{generate, generate_named, repo_root};

#[test]
fn generated_crate_matches_the_model() {
    let root = repo_root();
    let report = staleness(&generate(&root.join("model/ivsrealtime.json")), "generated");
    assert!(report.is_empty(), "generated/ is stale; run `cargo xtask codegen` and commit:\n{report}");
}

#[test]
fn test_crates_match_their_fixtures() {
    let root = repo_root();
    let mut report = String::new();
    let mut names: Vec<String> = std::fs::read_dir(root.join("tests/crates"))
        .expect("tests/crates exists")
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no test crates in tests/crates");
    for name in names {
        let trimmed = root.join(format!("tests/models/{name}.json"));
        let model = if trimmed.exists() { trimmed } else { root.join(format!("tests/fixtures/{name}.json")) };
        let files = generate_named(&model, &name);
        report.push_str(&staleness(&files, &format!("tests/crates/{name}")));
    }
    assert!(report.is_empty(), "tests/crates is stale; run `cargo xtask codegen` and commit:\n{report}");
}

/// A diff of `dir` (relative to the repository) against `files`; empty when they match.
fn staleness(files: &codegen::Files, dir: &str) -> String {
    let root = repo_root().join(dir);
    let mut report = String::new();
    for (path, expected) in files {
        let on_disk = std::fs::read_to_string(root.join(path)).unwrap_or_default();
        if &on_disk != expected {
            let diff = similar::TextDiff::from_lines(on_disk.as_str(), expected.as_str());
            let _ = write!(report, "{}", diff.unified_diff().context_radius(3).header(&format!("a/{dir}/{path}"), &format!("b/{dir}/{path}")));
        }
    }
    for path in generated_files_on_disk(&root) {
        if !files.contains_key(&path) {
            let _ = writeln!(report, "{dir}/{path} is no longer generated");
        }
    }
    report
}

/// Files under `dir` whose first line marks them as generated.
fn generated_files_on_disk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read_to_string(&path).is_ok_and(|t| t.lines().next().is_some_and(|l| l.contains("@generated"))) {
                let relative = path.strip_prefix(dir).expect("below dir").to_string_lossy().replace('\\', "/");
                out.push(relative);
            }
        }
    }
    out
}
