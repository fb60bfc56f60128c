//! Helpers shared by the snapshot and freshness tests (each uses a part of them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The command `cargo xtask codegen` writes into generated files by default.
pub const GENERATED_BY: &str = "cargo xtask codegen";

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lives in the repository root").to_path_buf()
}

/// Runs the generator on a model file the way `cargo xtask codegen` does.
pub fn generate(model: &Path) -> codegen::Files {
    generate_with(model, codegen::Selection::default())
}

/// [`generate`], with the crate named `crate_name`.
pub fn generate_named(model: &Path, crate_name: &str) -> codegen::Files {
    generate_with(model, codegen::Selection { crate_name: Some(crate_name.to_string()), ..Default::default() })
}

fn generate_with(model: &Path, selection: codegen::Selection) -> codegen::Files {
    let text = std::fs::read_to_string(model).unwrap_or_else(|e| panic!("cannot read {}: {e}", model.display()));
    let options = codegen::Options {
        selection,
        emit: codegen::EmitOptions { generated_by: GENERATED_BY.to_string(), protocol_tests: false },
    };
    codegen::generate(&text, &options).unwrap_or_else(|e| panic!("{}: {e}", model.display()))
}

/// Files copied verbatim from `codegen/inlineable`, identical in every crate and tested there.
pub fn is_inlineable(path: &str) -> bool {
    matches!(path, "src/auth.rs" | "src/checksums.rs" | "src/error.rs" | "src/primitives.rs" | "src/validation.rs" | "src/rules.rs")
}
