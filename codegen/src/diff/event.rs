//! One model-level change, with a severity in smithy-diff's scale.

use serde::Serialize;

/// How much a model change can hurt a client, lowest first (smithy-diff's scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Severity {
    /// Nothing a client notices: an addition, a documentation change.
    Note,
    /// Might surprise a client: an operation can return a new error.
    Warning,
    /// Likely breaks some clients: a member may now be absent, a pattern changed.
    Danger,
    /// Breaks clients: something they use is gone, or travels differently.
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Note => "NOTE",
            Severity::Warning => "WARNING",
            Severity::Danger => "DANGER",
            Severity::Error => "ERROR",
        })
    }
}

/// A model-level change: smithy-diff's event ID where one applies, the shape (or `shape$member`)
/// it concerns, and a sentence saying what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModelEvent {
    pub id: String,
    pub severity: Severity,
    pub shape: String,
    pub message: String,
}

/// Events as they are found; [`Events::sorted`] orders them worst first, then by shape and ID.
#[derive(Debug, Default)]
pub struct Events(Vec<ModelEvent>);

impl Events {
    pub fn push(&mut self, id: impl Into<String>, severity: Severity, shape: &str, message: impl Into<String>) {
        self.0.push(ModelEvent { id: id.into(), severity, shape: shape.to_string(), message: message.into() });
    }

    pub fn sorted(mut self) -> Vec<ModelEvent> {
        self.0.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.shape.cmp(&b.shape)).then_with(|| a.id.cmp(&b.id)).then_with(|| a.message.cmp(&b.message)));
        self.0.dedup();
        self.0
    }
}
