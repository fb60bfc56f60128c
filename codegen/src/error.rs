//! Errors of every stage, each naming the shape (and member) at fault and what to do about it.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("the model is not valid Smithy JSON AST at `{path}`: {message}")]
    Json { path: String, message: String },

    #[error("unsupported Smithy version `{0}`: expected \"2.0\" (or \"1.0\")")]
    Version(String),

    #[error("shape `{shape}`: {problem}")]
    Shape { shape: String, problem: String },

    #[error("shape `{shape}` member `{member}`: {problem}")]
    Member { shape: String, member: String, problem: String },

    #[error("shape `{shape}` targets `{target}`, which is not defined in the model")]
    MissingTarget { shape: String, target: String },

    #[error("the model has no service shape; add one or pass the service's shape ID")]
    NoService,

    #[error("the model has several services ({0}); name the one to generate")]
    SeveralServices(String),

    #[error("service `{service}` has no operation named `{operation}` (it has: {available})")]
    UnknownOperation { service: String, operation: String, available: String },

    #[error("`{0}` cannot name a crate: use ASCII letters, digits, `_` and `-`, starting with a letter")]
    CrateName(String),

    #[error("`{0}` is not a crate version: use a semantic version such as `1.4.0` or `2.0.0-rc.1`")]
    CrateVersion(String),

    #[error("runtime file `{file}`, line {line}: {problem}")]
    RuntimeSection { file: String, line: usize, problem: String },

    #[error("the crate needs the runtime section `{section}`, which none of the runtime files it carries ({files}) has")]
    MissingSection { section: &'static str, files: String },

    #[error("generated code for `{file}` does not parse as Rust: {message}")]
    Emit { file: String, message: String },

    #[error("botocore model: `metadata.protocols` names no protocol this generator knows ({listed}); expected rest-json, json, rest-xml, query, ec2 or smithy-rpc-v2-cbor")]
    BotocoreProtocol { listed: String },

    #[error("botocore model: `metadata.jsonVersion` is {version}, but the json protocol needs \"1.0\" or \"1.1\"")]
    BotocoreJsonVersion { version: String },

    #[error("botocore shape `{shape}` has type `{kind}`, which is not a botocore shape type")]
    BotocoreShapeType { shape: String, kind: String },

    #[error("botocore shape `{shape}` member `{member}`: `{key}` is `{value}`, which botocore does not define (expected {expected})")]
    BotocoreMemberValue { shape: String, member: String, key: &'static str, value: String, expected: &'static str },

    #[error("botocore shape `{shape}`: `{key}` names `{member}`, which is not a member of the shape")]
    BotocoreUnknownMember { shape: String, key: &'static str, member: String },

    /// The ERRORs model validation found: one line each, at most
    /// [`MAX_ERRORS`](crate::smithy::validate::MAX_ERRORS), then how many more there were.
    /// Events of lower severity never refuse a model and are not listed here.
    #[error("{}", invalid_lines(errors, *omitted))]
    Invalid { errors: Vec<ValidationEvent>, omitted: usize },
}

/// How bad a [`ValidationEvent`] is, with Smithy's names and order: only [`Severity::Error`]
/// refuses a model; the others are reported and generation goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Note,
    /// The model goes against a SHOULD of the Smithy specification.
    Warning,
    /// Very likely a mistake in the model (Smithy's DANGER), but the crate can be generated.
    Danger,
    /// The model breaks a MUST of the specification, or cannot be generated: it is refused.
    Error,
}

impl Severity {
    /// `"NOTE"`, `"WARNING"`, `"DANGER"`, `"ERROR"`, as Smithy prints them.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "NOTE",
            Severity::Warning => "WARNING",
            Severity::Danger => "DANGER",
            Severity::Error => "ERROR",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing model validation found: how bad it is, the shape (and member) at fault, what is
/// wrong, and what to do about it. `Display` leaves the severity out (an [`Error::Invalid`] lists
/// only errors); callers that print warnings put it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationEvent {
    pub severity: Severity,
    pub shape: String,
    pub member: Option<String>,
    pub problem: String,
    pub fix: String,
}

impl std::fmt::Display for ValidationEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.member {
            Some(member) => write!(f, "shape `{}` member `{member}`: {} ({})", self.shape, self.problem, self.fix),
            None => write!(f, "shape `{}`: {} ({})", self.shape, self.problem, self.fix),
        }
    }
}

fn invalid_lines(errors: &[ValidationEvent], omitted: usize) -> String {
    let mut lines: Vec<String> = errors.iter().map(ValidationEvent::to_string).collect();
    if omitted > 0 {
        lines.push(format!("... and {omitted} more errors"));
    }
    lines.join("\n")
}

impl Error {
    pub(crate) fn shape(shape: impl Into<String>, problem: impl Into<String>) -> Self {
        Error::Shape { shape: shape.into(), problem: problem.into() }
    }

    pub(crate) fn member(shape: impl Into<String>, member: impl Into<String>, problem: impl Into<String>) -> Self {
        Error::Member { shape: shape.into(), member: member.into(), problem: problem.into() }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
