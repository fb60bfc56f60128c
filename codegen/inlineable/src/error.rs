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

/// A request could not be serialized: a value the HTTP binding needs is missing or unusable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerializeError {
    member: &'static str,
    message: String,
}

impl SerializeError {
    /// `member` (as named in the model) could not be written, for the reason in `message`.
    pub fn new(member: &'static str, message: impl Into<String>) -> Self {
        SerializeError { member, message: message.into() }
    }

    /// The member (as named in the model) that could not be written.
    pub fn member(&self) -> &str {
        self.member
    }

    /// Why it could not be written.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SerializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot serialize member `{}`: {}", self.member, self.message)
    }
}

impl std::error::Error for SerializeError {}

/// A response could not be read: malformed JSON, a value of the wrong type, a bad header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeserializeError {
    path: String,
    message: String,
}

impl DeserializeError {
    /// An error at the top of the value being read; [`at`][Self::at] adds where it happened.
    pub fn new(message: impl Into<String>) -> Self {
        DeserializeError { path: String::new(), message: message.into() }
    }

    /// The same error, one level further in: `segment` is a member name, a map key or `[i]`.
    pub fn at(mut self, segment: &str) -> Self {
        if self.path.is_empty() || self.path.starts_with('[') {
            self.path.insert_str(0, segment);
        } else {
            self.path.insert(0, '.');
            self.path.insert_str(0, segment);
        }
        self
    }

    /// Where the error is, such as `stage.endpoints.whip` or `items[2]`; empty at the top.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong there.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "invalid response: {}", self.message)
        } else {
            write!(f, "invalid response at `{}`: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for DeserializeError {}

// @section date-time
impl From<crate::primitives::DateTimeError> for DeserializeError {
    fn from(error: crate::primitives::DateTimeError) -> Self {
        DeserializeError::new(error.to_string())
    }
}
// @end

// @section blob
impl From<crate::primitives::Base64Error> for DeserializeError {
    fn from(error: crate::primitives::Base64Error) -> Self {
        DeserializeError::new(error.to_string())
    }
}
// @end

// @section big-numbers
impl From<crate::primitives::BigNumberError> for DeserializeError {
    fn from(error: crate::primitives::BigNumberError) -> Self {
        DeserializeError::new(error.to_string())
    }
}
// @end

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

    #[test]
    fn deserialize_error_paths() {
        let e = DeserializeError::new("expected a string").at("[2]").at("items").at("stage");
        assert_eq!(e.path(), "stage.items[2]");
        assert_eq!(e.to_string(), "invalid response at `stage.items[2]`: expected a string");
    }
}
