//! `cargo xtask diff`'s report: one fixture pair per kind of model change in
//! `tests/fixtures/diff/<kind>/{old,new}.json`, each report snapshotted as Markdown (and one as
//! JSON), each verdict checked; and the botocore release history of a few services in
//! `../shared/models/botocore/history/`, when this checkout has it beside it.

use std::path::{Path, PathBuf};

use codegen::diff::{compare, render, Bump, Report};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests lives in the workspace root").to_path_buf()
}

fn load(path: &Path) -> Result<codegen::smithy::Model, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let model = codegen::smithy::load(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    codegen::smithy::validate(&model).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(model)
}

fn report(old: &Path, new: &Path) -> Result<Report, String> {
    let (old, new) = (load(old)?, load(new)?);
    compare(&old, &new, &codegen::Selection::default()).map_err(|e| e.to_string())
}

fn fixture_report(kind: &str) -> Report {
    let dir = repo_root().join("tests/fixtures/diff").join(kind);
    report(&dir.join("old.json"), &dir.join("new.json")).unwrap_or_else(|e| panic!("{kind}: {e}"))
}

/// Every fixture kind and the bump its change calls for.
const KINDS: &[(&str, Bump)] = &[
    ("added_operation", Bump::Minor),
    ("removed_operation", Bump::Major),
    ("added_member", Bump::Minor),
    ("removed_member", Bump::Major),
    ("optional_to_required", Bump::Major),
    ("required_to_optional", Bump::Major),
    ("default_added", Bump::Major),
    ("default_changed", Bump::Major),
    ("enum_value_added", Bump::Minor),
    ("enum_value_removed", Bump::Major),
    ("member_target_changed", Bump::Major),
    ("json_name_changed", Bump::Major),
    ("header_name_changed", Bump::Major),
    ("constraint_tightened", Bump::Major),
    ("constraint_loosened", Bump::Minor),
    ("timestamp_format_changed", Bump::Major),
    ("streaming_changed", Bump::Major),
    ("error_added", Bump::Minor),
    ("protocol_changed", Bump::Major),
    ("documentation_only", Bump::Patch),
    ("no_change", Bump::None),
];

#[test]
fn every_fixture_kind_has_a_test() {
    let dir = repo_root().join("tests/fixtures/diff");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = KINDS.iter().map(|(k, _)| k.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn fixture_reports() {
    let mut wrong = Vec::new();
    for (kind, bump) in KINDS {
        let report = fixture_report(kind);
        if report.verdict.bump != *bump {
            wrong.push(format!("{kind}: expected {bump}, got {}", report.verdict.bump));
        }
        insta::assert_snapshot!(*kind, render::markdown(&report));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn json_report() {
    insta::assert_snapshot!("optional_to_required_json", render::json(&fixture_report("optional_to_required")));
}

#[test]
fn reports_are_deterministic() {
    for (kind, _) in KINDS {
        assert_eq!(render::markdown(&fixture_report(kind)), render::markdown(&fixture_report(kind)), "{kind}");
    }
}

/// The history files of one service in release order: `INDEX.tsv`'s rows when it is there (its
/// `file` column), else the files sorted by the release version in their names.
fn history_files(dir: &Path) -> Vec<PathBuf> {
    if let Ok(index) = std::fs::read_to_string(dir.join("INDEX.tsv")) {
        let mut lines = index.lines();
        let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
        if let Some(column) = header.iter().position(|h| *h == "file") {
            return lines.filter_map(|l| l.split('\t').nth(column)).map(|f| dir.join(f)).filter(|p| p.exists()).collect();
        }
    }
    let version = |p: &PathBuf| -> Vec<u64> {
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        stem.split('.').map(|part| part.parse().unwrap_or(0)).collect()
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect())
        .unwrap_or_default();
    files.sort_by_key(version);
    files
}

#[test]
fn botocore_history() {
    let history = repo_root().join("../shared/models/botocore/history");
    if !history.is_dir() {
        eprintln!("note: {} is absent; the botocore history diff test is skipped", history.display());
        return;
    }
    let (mut compared, mut failures) = (0, Vec::new());
    for service in ["ivs", "ivs-realtime", "bedrock-runtime"] {
        let files = history_files(&history.join(service));
        for pair in files.windows(2) {
            let name = |p: &Path| p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().replace('.', "_");
            match report(&pair[0], &pair[1]) {
                Ok(report) => {
                    compared += 1;
                    let snapshot = format!("history__{}__{}__{}", service.replace('-', "_"), name(&pair[0]), name(&pair[1]));
                    insta::assert_snapshot!(snapshot, render::markdown(&report));
                }
                Err(e) => failures.push(e),
            }
        }
    }
    eprintln!("botocore history: {compared} adjacent pairs compared, {} failed to load or lower", failures.len());
    if compared == 0 {
        // No history file loads: this checkout's `smithy::load` has no botocore front end yet.
        eprintln!("note: no botocore model loads here; first error: {}", failures.first().map_or("none", String::as_str));
        return;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
