//! A [`Report`] as Markdown (a pull request description) or JSON; both deterministic.

use std::fmt::Write;

use super::event::Severity;
use super::rust_api::{ChangeClass, ClassifiedChange};
use super::verdict::Bump;
use super::Report;

/// The report as pretty JSON.
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The report as Markdown: a title with the verdict, the counts, then the Breaking, Additive and
/// Other (documentation) API changes and a table of the model-level events.
pub fn markdown(report: &Report) -> String {
    let v = &report.verdict;
    let count = |class: ChangeClass| report.api_changes.iter().filter(|c| c.class == class).count();
    let runtime = report.api_changes.iter().filter(|c| c.class == ChangeClass::Breaking && c.runtime).count();
    let severity = |s: Severity| report.model_events.iter().filter(|e| e.severity == s).count();
    let mut out = String::new();
    let title = match v.bump {
        Bump::None => "no changes".to_string(),
        bump => format!("{bump} version bump"),
    };
    let _ = writeln!(out, "# Model update: {title}\n");
    let _ = writeln!(
        out,
        "**Verdict: {}** ({}; a 0.x crate: {}). Service `{}` ({}).\n",
        v.bump, v.reason, v.bump_before_1_0, report.new_service, report.protocol
    );
    if report.old_service != report.new_service {
        let _ = writeln!(out, "The service was `{}`.\n", report.old_service);
    }
    let _ = writeln!(
        out,
        "- Rust API: {} breaking ({runtime} only at run time), {} additive, {} documentation-only",
        count(ChangeClass::Breaking),
        count(ChangeClass::Additive),
        count(ChangeClass::Documentation)
    );
    let _ = writeln!(
        out,
        "- Model events: {} ERROR, {} DANGER, {} WARNING, {} NOTE\n",
        severity(Severity::Error),
        severity(Severity::Danger),
        severity(Severity::Warning),
        severity(Severity::Note)
    );
    for (heading, class) in [("Breaking", ChangeClass::Breaking), ("Additive", ChangeClass::Additive), ("Other", ChangeClass::Documentation)] {
        let _ = writeln!(out, "## {heading}\n");
        let items: Vec<&ClassifiedChange> = report.api_changes.iter().filter(|c| c.class == class).collect();
        if items.is_empty() {
            let _ = writeln!(out, "None.\n");
            continue;
        }
        for c in items {
            let when = if c.runtime { " (at run time)" } else { "" };
            let _ = writeln!(out, "- `{}`{when}: {}", c.path, c.description);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Model events\n");
    if report.model_events.is_empty() {
        let _ = writeln!(out, "None.");
    } else {
        let _ = writeln!(out, "| Severity | Event | Shape | Change |\n|---|---|---|---|");
        for e in &report.model_events {
            let _ = writeln!(out, "| {} | {} | `{}` | {} |", e.severity, e.id, e.shape, cell(&e.message));
        }
    }
    out
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
