//! `generated/` must be exactly what the generator writes from `model/`: a stale copy fails
//! here with a diff, the same check `cargo xtask codegen --check` makes in CI.

mod common;

use std::fmt::Write as _;

use common::{generate, repo_root};

#[test]
fn generated_crate_matches_the_model() {
    let root = repo_root();
    let files = generate(&root.join("model/ivsrealtime.json"));
    let mut report = String::new();
    for (path, expected) in &files {
        let on_disk = std::fs::read_to_string(root.join("generated").join(path)).unwrap_or_default();
        if &on_disk != expected {
            let diff = similar::TextDiff::from_lines(on_disk.as_str(), expected.as_str());
            let _ = write!(report, "{}", diff.unified_diff().context_radius(3).header(&format!("a/generated/{path}"), &format!("b/generated/{path}")));
        }
    }
    for path in generated_files_on_disk(&root.join("generated")) {
        if !files.contains_key(&path) {
            let _ = writeln!(report, "generated/{path} is no longer generated");
        }
    }
    assert!(report.is_empty(), "generated/ is stale; run `cargo xtask codegen` and commit:\n{report}");
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
