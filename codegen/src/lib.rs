//! A Smithy 2.0 → Rust code generator.
//!
//! The pipeline is pure: [`smithy::load`] turns JSON AST text into a checked [`smithy::Model`],
//! [`ir::lower`] picks the operations' closure and decides every Rust name and type, and
//! [`emit::emit`] renders the IR into formatted files. Nothing here touches the file system.

pub mod emit;
pub mod error;
pub mod ir;
pub mod smithy;

pub use emit::{EmitOptions, Files};
pub use error::{Error, Result};
pub use ir::Selection;

/// Everything [`generate`] needs besides the model text.
#[derive(Debug, Clone)]
pub struct Options {
    pub selection: Selection,
    pub emit: EmitOptions,
}

/// Model JSON text → the generated crate's files (relative path → contents).
pub fn generate(model_json: &str, options: &Options) -> Result<Files> {
    let model = smithy::load(model_json)?;
    let krate = ir::lower(&model, &options.selection)?;
    emit::emit(&krate, &options.emit)
}
