//! Errors shared by every operation: a builder missing a required member, and a service error
//! the model does not name.

use std::fmt;

/// A builder could not build because a required member was never set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    member: &'static str,
}

impl BuildError {
    /// `member` of `shape` is required but was not set.
    pub fn missing(shape: &'static str, member: &'static str) -> Self {
        BuildError { shape, member }
    }

    /// The structure that failed to build.
    pub fn shape(&self) -> &str {
        self.shape
    }

    /// The member (as named in the model) that was missing.
    pub fn member(&self) -> &str {
        self.member
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build `{}`: required member `{}` is not set", self.shape, self.member)
    }
}

impl std::error::Error for BuildError {}

/// An error response whose code matches none of the errors the operation declares.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnmodeledError {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
}

impl UnmodeledError {
    /// An unmodeled error with what the response told about it.
    pub fn new(code: Option<String>, message: Option<String>, request_id: Option<String>) -> Self {
        UnmodeledError { code, message, request_id }
    }

    /// The error code the service sent, after sanitizing (`ns#Name:extra` becomes `Name`).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The human-readable message, if the response had one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The request ID the service assigned (`x-amzn-RequestId`).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for UnmodeledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_deref().unwrap_or("unmodeled service error"))?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnmodeledError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_error_names_shape_and_member() {
        let e = BuildError::missing("UpdateStageInput", "arn");
        assert_eq!(e.to_string(), "cannot build `UpdateStageInput`: required member `arn` is not set");
    }

    #[test]
    fn unmodeled_error_display() {
        let e = UnmodeledError::new(Some("Throttling".into()), Some("slow down".into()), Some("abc".into()));
        assert_eq!(e.to_string(), "Throttling: slow down (request id abc)");
        assert_eq!(UnmodeledError::default().to_string(), "unmodeled service error");
    }
}
