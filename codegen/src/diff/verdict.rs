//! The version bump a model update calls for, decided by the Rust API changes.

use serde::Serialize;

use super::event::ModelEvent;
use super::rust_api::{ChangeClass, ClassifiedChange};

/// A semver bump, smallest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl std::fmt::Display for Bump {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// The bump for a crate at 1.0 or later, and the same for a `0.y.z` crate, where Cargo treats
/// `0.y` → `0.(y+1)` as the breaking step: breaking → minor, anything else → patch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub bump: Bump,
    pub bump_before_1_0: Bump,
    /// The worst class of Rust API change, if any.
    pub worst: Option<ChangeClass>,
    pub reason: String,
}

/// The rule: any breaking change (also one that only shows at run time) → major; else any
/// additive change → minor; else documentation changes, or model changes the Rust API does not
/// show → patch; nothing at all → none. Model events inform the report but never raise the bump.
pub fn verdict(changes: &[ClassifiedChange], events: &[ModelEvent]) -> Verdict {
    let worst = changes.iter().map(|c| c.class).max();
    let (bump, reason) = match worst {
        Some(ChangeClass::Breaking) => (Bump::Major, "the Rust API has breaking changes".to_string()),
        Some(ChangeClass::Additive) => (Bump::Minor, "the Rust API only gained items or relaxed behaviour".to_string()),
        Some(ChangeClass::Documentation) => (Bump::Patch, "only documentation changed".to_string()),
        None if !events.is_empty() => (Bump::Patch, "the model changed, the Rust API did not".to_string()),
        None => (Bump::None, "nothing changed".to_string()),
    };
    let bump_before_1_0 = match bump {
        Bump::Major => Bump::Minor,
        Bump::Minor => Bump::Patch,
        other => other,
    };
    Verdict { bump, bump_before_1_0, worst, reason }
}
