//! Snapshots of everything the generator writes: each file of our own model, and for every
//! fixture model (one Smithy feature each) all its files in one snapshot (without the runtime
//! files copied from `codegen/inlineable`, which are the same in every crate).
//! Review changes with `cargo insta review`.

mod common;

use common::{generate, is_inlineable, repo_root};

#[test]
fn ivsrealtime_files() {
    let files = generate(&repo_root().join("model/ivsrealtime.json"));
    for (path, text) in &files {
        let name = format!("ivsrealtime__{}", path.replace('/', "__"));
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn fixtures() {
    let dir = repo_root().join("tests/fixtures");
    let mut models: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    models.sort();
    assert!(!models.is_empty(), "no fixture models in {}", dir.display());
    for model in models {
        let files = generate(&model);
        let mut combined = String::new();
        for (path, text) in files.iter().filter(|(p, _)| !is_inlineable(p)) {
            combined.push_str(&format!("=== {path}\n{text}\n"));
        }
        let stem = model.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name");
        insta::assert_snapshot!(format!("fixture__{stem}"), combined);
    }
}
