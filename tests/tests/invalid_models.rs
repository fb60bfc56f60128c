//! Model validation: every model in `tests/fixtures/invalid/` is broken in exactly one way and is
//! refused with a typed error whose text is snapshotted; every model in `tests/fixtures/warnings/`
//! goes against a SHOULD (or a DANGER of Smithy's validators) in one way, generates, and has its
//! warnings snapshotted; every valid model we have (fixtures, trimmed models, and the shared AWS
//! and protocol-test models when present) passes; and no input makes load + validate panic.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests lives in the workspace root").to_path_buf()
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut models: Vec<_> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
    models.sort();
    models
}

fn load_and_validate(json: &str) -> Result<codegen::smithy::Model, codegen::Error> {
    let model = codegen::smithy::load(json)?;
    codegen::smithy::validate(&model)?;
    Ok(model)
}

fn options() -> codegen::Options {
    codegen::Options {
        selection: codegen::Selection::default(),
        emit: codegen::EmitOptions { generated_by: "test".to_string(), protocol_tests: false },
    }
}

fn generate(json: &str) -> Result<codegen::Files, codegen::Error> {
    codegen::generate(json, &options())
}

#[test]
fn invalid_fixtures_are_refused_with_their_errors() {
    let dir = repo_root().join("tests/fixtures/invalid");
    let models = json_files(&dir);
    assert!(models.len() >= 45, "expected at least 45 invalid fixtures in {}, found {}", dir.display(), models.len());
    for model in models {
        let text = std::fs::read_to_string(&model).expect("readable fixture");
        let error = match generate(&text) {
            Ok(_) => panic!("{} was accepted", model.display()),
            Err(e) => e,
        };
        // Refused by `load` (a typed error of its own) or by `validate`, with ERRORs only.
        if let codegen::Error::Invalid { errors, .. } = &error {
            assert!(errors.iter().all(|e| e.severity == codegen::Severity::Error), "{}: {errors:?}", model.display());
        }
        let stem = model.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name");
        insta::assert_snapshot!(stem, error.to_string());
    }
}

#[test]
fn warning_fixtures_generate_with_their_warnings() {
    let dir = repo_root().join("tests/fixtures/warnings");
    let models = json_files(&dir);
    assert!(models.len() >= 5, "expected at least 5 warning fixtures in {}, found {}", dir.display(), models.len());
    for model in models {
        let text = std::fs::read_to_string(&model).expect("readable fixture");
        let generated = codegen::generate_with_warnings(&text, &options()).unwrap_or_else(|e| panic!("{} was refused: {e}", model.display()));
        assert!(!generated.files.is_empty());
        // Each fixture names the severity of what it does in `metadata.severity`.
        let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let expected = json.pointer("/metadata/severity").and_then(|s| s.as_str()).expect("metadata.severity");
        assert!(!generated.warnings.is_empty(), "{}: no warning", model.display());
        assert!(generated.warnings.iter().all(|w| w.severity.as_str() == expected), "{}: {:?}", model.display(), generated.warnings);
        let lines: Vec<String> = generated.warnings.iter().map(|w| format!("{} {w}", w.severity)).collect();
        let stem = model.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name");
        insta::assert_snapshot!(format!("warnings__{stem}"), lines.join("\n"));
    }
}

#[test]
fn valid_models_pass_validation() {
    let root = repo_root();
    let mut models = json_files(&root.join("tests/fixtures"));
    models.extend(json_files(&root.join("tests/fixtures/warnings")));
    models.extend(json_files(&root.join("tests/models")));
    models.push(root.join("model/ivsrealtime.json"));
    // The shared corpus and Smithy's protocol-test models, when this checkout has them beside it.
    for dir in ["../shared/models/aws", "../shared/models/protocol-tests"] {
        let dir = root.join(dir);
        if dir.is_dir() {
            models.extend(json_files(&dir));
        } else {
            println!("note: {} does not exist; its models are skipped", dir.display());
        }
    }
    let mut failures = Vec::new();
    eprintln!("validating {} models", models.len());
    for model in &models {
        let text = std::fs::read_to_string(model).expect("readable model");
        if let Err(e) = load_and_validate(&text) {
            failures.push(format!("{}:\n{e}", model.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn errors_are_capped() {
    let mut shapes = vec![r#""a#S":{"type":"service"}"#.to_string()];
    for i in 0..80 {
        shapes.push(format!(r#""a#E{i}":{{"type":"enum","members":{{}}}}"#));
    }
    let json = format!(r#"{{"smithy":"2.0","shapes":{{{}}}}}"#, shapes.join(","));
    let message = load_and_validate(&json).expect_err("80 empty enums").to_string();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), codegen::smithy::validate::MAX_ERRORS + 1, "{message}");
    assert_eq!(lines.last(), Some(&"... and 30 more errors"));
}

#[test]
fn deeply_nested_json_is_refused_cleanly() {
    let depth = 100_000;
    let json = format!(r#"{{"smithy":"2.0","metadata":{{"x":{}{}}},"shapes":{{}}}}"#, "[".repeat(depth), "]".repeat(depth));
    let message = load_and_validate(&json).expect_err("too deep").to_string();
    assert!(message.contains("recursion limit"), "{message}");
    let objects = format!(r#"{{"smithy":"2.0","shapes":{{"a#S":{{"type":"service","traits":{{"a#t":{}1{}}}}}}}}}"#, r#"{"a":"#.repeat(depth), "}".repeat(depth));
    assert!(load_and_validate(&objects).is_err());
}

#[test]
fn invalid_utf8_is_refused_cleanly() {
    let bytes: &[u8] = &[br#"{"smithy":"2.0","shapes":{"a#S"#.as_slice(), &[0xff, 0xfe], br#"":{"type":"service"}}}"#].concat();
    // The model reaches the generator as text: the caller's UTF-8 check refuses these bytes, and
    // what a lossy decoding makes of them is still handled without a panic.
    assert!(std::str::from_utf8(bytes).is_err());
    let lossy = String::from_utf8_lossy(bytes);
    let _ = load_and_validate(&lossy);
    let _ = generate(&lossy);
    let truncated = String::from_utf8_lossy(&bytes[..20]);
    assert!(load_and_validate(&truncated).is_err());
}

#[test]
fn a_huge_enum_validates_fast() {
    let members: Vec<String> =
        (0..100_000).map(|i| format!(r#""V{i}":{{"target":"smithy.api#Unit","traits":{{"smithy.api#enumValue":"v{i}"}}}}"#)).collect();
    let json = format!(
        r#"{{"smithy":"2.0","shapes":{{"a#S":{{"type":"service"}},"a#E":{{"type":"enum","members":{{{}}}}}}}}}"#,
        members.join(",")
    );
    let started = Instant::now();
    load_and_validate(&json).expect("a large but valid enum");
    let duplicate = json.replace(r#""smithy.api#enumValue":"v99999""#, r#""smithy.api#enumValue":"v0""#);
    let message = load_and_validate(&duplicate).expect_err("a duplicate value").to_string();
    assert!(message.contains("also the value of member `V0`"), "{message}");
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
}
