//! What a model update changes and whether it breaks users: model-level events between the two
//! service closures (named after smithy-diff's), Rust API changes between the two generated
//! crates' [`ApiSurface`]s, each classified, and the semver bump they call for.
//!
//! [`compare`] lowers both models with the same [`Selection`]; [`render::markdown`] writes a pull
//! request description, [`render::json`] the same report as JSON. Nothing here touches files.

mod closure;
mod event;
mod model;
pub mod render;
mod rust_api;
mod traits;
mod verdict;

use serde::Serialize;

pub use closure::service_closure;
pub use event::{ModelEvent, Severity};
pub use model::model_events;
pub use rust_api::{classify_all, ChangeClass, ClassifiedChange};
pub use verdict::{verdict, Bump, Verdict};

use crate::api::{surface, ApiSurface};
use crate::ir::{lower, Selection};
use crate::smithy::Model;

/// Which side of the comparison could not be lowered.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("old model: {0}")]
    Old(#[source] crate::Error),
    #[error("new model: {0}")]
    New(#[source] crate::Error),
}

/// Everything `cargo xtask diff` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub old_service: String,
    pub new_service: String,
    pub protocol: String,
    pub verdict: Verdict,
    /// Rust API changes, in path order.
    pub api_changes: Vec<ClassifiedChange>,
    /// Model-level events, worst first.
    pub model_events: Vec<ModelEvent>,
}

/// The two surfaces and the models' events, from two loaded (and validated) models.
pub fn compare(old: &Model, new: &Model, selection: &Selection) -> Result<Report, DiffError> {
    let old_crate = lower(old, selection).map_err(DiffError::Old)?;
    let new_crate = lower(new, selection).map_err(DiffError::New)?;
    Ok(report(old, &surface(&old_crate), &old_crate.service.shape_id, new, &surface(&new_crate), &new_crate.service.shape_id, new_crate.service.protocol.name()))
}

fn report(old: &Model, old_api: &ApiSurface, old_service: &str, new: &Model, new_api: &ApiSurface, new_service: &str, protocol: &str) -> Report {
    let api_changes = classify_all(old_api, new_api);
    let model_events = model_events(old, old_service, new, new_service);
    Report {
        old_service: old_service.to_string(),
        new_service: new_service.to_string(),
        protocol: protocol.to_string(),
        verdict: verdict(&api_changes, &model_events),
        api_changes,
        model_events,
    }
}

impl Report {
    /// Whether any Rust API change is breaking (the `--fail-on breaking` test).
    pub fn is_breaking(&self) -> bool {
        self.verdict.worst == Some(ChangeClass::Breaking)
    }
}
