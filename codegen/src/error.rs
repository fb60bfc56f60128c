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

    #[error("generated code for `{file}` does not parse as Rust: {message}")]
    Emit { file: String, message: String },
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
