//! A Smithy 2.0 → Rust code generator.
//!
//! The pipeline is pure: [`smithy::load`] turns JSON AST text into a checked [`smithy::Model`],
//! [`smithy::validate`] refuses what Smithy's validators would (every error at once; warnings do
//! not refuse a model, and [`generate_with_warnings`] and [`generate_timed`] return them),
//! [`ir::lower`] picks the operations' closure and decides every Rust name and type, and
//! [`emit::emit`] renders the IR into formatted files. Nothing here touches the file system.
//! [`generate_timed`] is [`generate`] with the time of each stage.

pub mod api;
pub mod diff;
pub mod emit;
pub mod error;
pub mod ir;
pub mod smithy;

use std::time::{Duration, Instant};

pub use emit::{EmitOptions, Files};
pub use error::{Error, Result, Severity, ValidationEvent};
pub use ir::Selection;

/// Everything [`generate`] needs besides the model text.
#[derive(Debug, Clone)]
pub struct Options {
    pub selection: Selection,
    pub emit: EmitOptions,
}

/// Model JSON text → the generated crate's files (relative path → contents). A model with
/// warnings but no errors generates; [`generate_with_warnings`] also returns the warnings.
pub fn generate(model_json: &str, options: &Options) -> Result<Files> {
    generate_with_warnings(model_json, options).map(|generated| generated.files)
}

/// What [`generate_with_warnings`] returns.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: Files,
    /// What model validation found that does not refuse the model (WARNING, DANGER, NOTE), in
    /// the order found.
    pub warnings: Vec<ValidationEvent>,
}

/// [`generate`], with the validation events that did not refuse the model.
pub fn generate_with_warnings(model_json: &str, options: &Options) -> Result<Generated> {
    let model = smithy::load(model_json)?;
    let warnings = smithy::validate(&model)?;
    let krate = ir::lower(&model, &options.selection)?;
    let (files, _) = emit::render_and_format(&model, &krate, &options.emit)?;
    Ok(Generated { files, warnings })
}

/// How long each stage of one [`generate_timed`] run took.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timings {
    /// JSON text → checked [`smithy::Model`] ([`smithy::load`] and [`smithy::validate`]).
    pub load: Duration,
    /// Model → IR ([`ir::lower`]).
    pub lower: Duration,
    /// IR → token streams ([`emit::render`]).
    pub render: Duration,
    /// Token streams → text: syn parse, prettyplease, layout ([`emit::format`]).
    pub format: Duration,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.load + self.lower + self.render + self.format
    }
}

impl std::ops::AddAssign for Timings {
    fn add_assign(&mut self, other: Timings) {
        self.load += other.load;
        self.lower += other.lower;
        self.render += other.render;
        self.format += other.format;
    }
}

/// What [`generate_timed`] returns: the files, the validation warnings, the time of each stage,
/// and the model and IR they came from, for callers that report on them (protocol, shape and
/// operation counts).
#[derive(Debug)]
pub struct Timed {
    pub files: Files,
    /// As [`Generated::warnings`].
    pub warnings: Vec<ValidationEvent>,
    pub timings: Timings,
    pub model: smithy::Model,
    pub krate: ir::Crate,
}

/// [`generate`], timing each stage.
pub fn generate_timed(model_json: &str, options: &Options) -> Result<Timed> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let model = smithy::load(model_json)?;
    let warnings = smithy::validate(&model)?;
    let lowered = Instant::now();
    timings.load = lowered - started;
    let krate = ir::lower(&model, &options.selection)?;
    timings.lower = lowered.elapsed();
    let (files, stages) = emit::render_and_format(&model, &krate, &options.emit)?;
    timings.render = stages.render;
    timings.format = stages.format;
    Ok(Timed { files, warnings, timings, model, krate })
}
