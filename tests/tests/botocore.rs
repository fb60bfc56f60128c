//! The botocore front end: each small botocore model in `tests/fixtures/botocore/` (one feature
//! area each) generates a crate, whose operation and type files are snapshotted; and the trimmed
//! botocore IVS RealTime model of `UpdateStage` generates the member our Smithy snapshot of the
//! service lacks. Review changes with `cargo insta review`.

mod common;

use std::path::PathBuf;

use common::{generate, repo_root};

fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures/botocore").join(name)
}

/// The files that show what the model became: the manifest, the crate root, operations and
/// types; not the runtime and codec files, which are the same for every model of a protocol.
fn model_files(files: &codegen::Files) -> String {
    let mut combined = String::new();
    for (path, text) in files {
        let shown = path == "Cargo.toml" || path == "src/lib.rs" || path.starts_with("src/operation") || path.starts_with("src/types");
        if shown {
            combined.push_str(&format!("=== {path}\n{text}\n"));
        }
    }
    combined
}

fn snapshot(stem: &str) {
    let files = generate(&fixture(&format!("{stem}.json")));
    insta::assert_snapshot!(stem, model_files(&files));
}

#[test]
fn rest_json_bindings() {
    snapshot("rest_json_bindings");
}

#[test]
fn json_1_0_after_an_unsupported_protocol() {
    snapshot("json_1_0");
}

#[test]
fn json_1_1() {
    snapshot("json_1_1");
}

#[test]
fn rest_xml() {
    snapshot("rest_xml");
}

#[test]
fn query() {
    snapshot("query");
}

#[test]
fn ec2() {
    snapshot("ec2");
}

#[test]
fn enums_unions_documents() {
    snapshot("shapes");
}

#[test]
fn errors() {
    snapshot("errors");
}

/// Everything in a file of the generated crate, or a failure naming the file.
fn file<'a>(files: &'a codegen::Files, path: &str) -> &'a str {
    match files.get(path) {
        Some(text) => text,
        None => panic!("no {path}; the crate has {:?}", files.keys().collect::<Vec<_>>()),
    }
}

#[test]
fn json_protocols_send_the_target_prefix_of_the_model() {
    let files = generate(&fixture("json_1_0.json"));
    let operation = file(&files, "src/operation/add_entry.rs");
    assert!(operation.contains("Ledger_20240101.AddEntry"), "X-Amz-Target prefix:\n{operation}");
    assert!(operation.contains("application/x-amz-json-1.0"));
    let files = generate(&fixture("json_1_1.json"));
    let operation = file(&files, "src/operation/list_dogs.rs");
    assert!(operation.contains("KennelService.ListDogs"));
    assert!(operation.contains("application/x-amz-json-1.1"));
}

#[test]
fn the_crate_is_named_after_the_service_id() {
    let files = generate(&fixture("ivsrealtime_update_stage.json"));
    assert!(file(&files, "Cargo.toml").contains("name = \"ivsrealtime\""));
}

/// `recordParticipantReplicas` is in botocore's IVS RealTime model (and in our hand-written
/// `model/ivsrealtime.json`) but not in the April 2025 Smithy model of the service: converted
/// from botocore, the crate has it, on the recording configuration `UpdateStageInput` takes.
#[test]
fn update_stage_from_botocore_has_record_participant_replicas() {
    let files = generate(&fixture("ivsrealtime_update_stage.json"));
    let operation = file(&files, "src/operation/update_stage.rs");
    assert!(operation.contains("pub struct UpdateStageInput"));
    assert!(operation.contains("auto_participant_recording_configuration"));
    let configuration = file(&files, "src/types/auto_participant_recording_configuration.rs");
    assert!(configuration.contains("pub fn record_participant_replicas(&self)"), "{configuration}");
    assert!(configuration.contains("\"recordParticipantReplicas\""));
    // The Smithy twin's names: the same operation module, input and output types.
    assert!(operation.contains("pub struct UpdateStageOutput"));
    assert!(files.contains_key("src/types/stage.rs"));
}
