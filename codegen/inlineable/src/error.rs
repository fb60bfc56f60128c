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

/// The request IDs a service put on a response: `x-amzn-RequestId` (or S3's `x-amz-request-id`),
/// and S3's extended ID `x-amz-id-2`. Quote them in a support ticket.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResponseMetadata {
    request_id: Option<String>,
    extended_request_id: Option<String>,
}

impl ResponseMetadata {
    /// Metadata with the given request IDs.
    pub fn new(request_id: Option<String>, extended_request_id: Option<String>) -> Self {
        ResponseMetadata { request_id, extended_request_id }
    }

    /// The request ID the service assigned.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// S3's extended request ID (`x-amz-id-2`), which AWS support asks for beside the request ID.
    pub fn extended_request_id(&self) -> Option<&str> {
        self.extended_request_id.as_deref()
    }
}

/// What an error response said about itself, whatever its modeled members: the code (sanitized:
/// `ns#Name:extra` becomes `Name`), the human-readable message under whichever key the service
/// used, and the request IDs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorMetadata {
    code: Option<String>,
    message: Option<String>,
    response: ResponseMetadata,
}

impl ErrorMetadata {
    /// Metadata with the given code, message and request IDs.
    pub fn new(code: Option<String>, message: Option<String>, response: ResponseMetadata) -> Self {
        ErrorMetadata { code, message, response }
    }

    /// The error code the service sent, after sanitizing.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message the service sent, from whichever member carried it (`message`, `Message`,
    /// `errorMessage`, ...), or the body itself when it was short plain text.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The request ID the service assigned.
    pub fn request_id(&self) -> Option<&str> {
        self.response.request_id()
    }

    /// S3's extended request ID (`x-amz-id-2`).
    pub fn extended_request_id(&self) -> Option<&str> {
        self.response.extended_request_id()
    }

    /// The request IDs.
    pub fn response(&self) -> &ResponseMetadata {
        &self.response
    }
}

/// [`ErrorMetadata`] printed with its message redacted: the `Debug` of errors whose message is
/// `@sensitive`, where the message the response carried is the sensitive member itself.
pub struct RedactedMessage<'a>(&'a ErrorMetadata);

impl fmt::Debug for RedactedMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorMetadata")
            .field("code", &self.0.code)
            .field("message", &self.0.message.as_ref().map(|_| "*** Sensitive Data Redacted ***"))
            .field("response", &self.0.response)
            .finish()
    }
}

impl ErrorMetadata {
    /// A `Debug` view of this metadata that leaves the message out (shown redacted when present).
    pub fn redacted(&self) -> RedactedMessage<'_> {
        RedactedMessage(self)
    }
}

/// Access to the request IDs of an operation output or error, whatever its type: implemented by
/// every output, every error structure and every operation error enum.
pub trait RequestId {
    /// The request ID the service assigned (`x-amzn-RequestId`, or S3's `x-amz-request-id`).
    fn request_id(&self) -> Option<&str>;

    /// S3's extended request ID (`x-amz-id-2`); `None` for services that send none.
    fn extended_request_id(&self) -> Option<&str> {
        None
    }
}

/// Access to what an error response said about itself: implemented by every error structure and
/// every operation error enum.
pub trait ProvideErrorMetadata {
    /// The code, message and request IDs as the response carried them.
    fn meta(&self) -> &ErrorMetadata;

    /// The error code: for a modeled error, its code on the wire (its shape name, or its
    /// `awsQueryError` code for awsQuery and awsQueryCompatible services).
    fn code(&self) -> Option<&str> {
        self.meta().code()
    }

    /// The human-readable message: the modeled message member, else what the response carried.
    fn message(&self) -> Option<&str> {
        self.meta().message()
    }

    /// Whether the service is shedding load: the model marks the error
    /// `@retryable(throttling: true)`, or its code is one AWS services throttle with.
    fn is_throttling(&self) -> bool {
        self.code().is_some_and(is_throttling_code)
    }

    /// Whether sending the same request again may succeed: the model marks the error
    /// `@retryable`, it is throttling, or its code is a transient one (a timeout).
    fn is_retryable(&self) -> bool {
        self.is_throttling() || self.code().is_some_and(is_transient_code)
    }
}

/// Everything an SDK asks of an operation's error, whatever the operation: its metadata, its
/// request IDs, and `std::error::Error`. Every operation error enum implements it.
pub trait ServiceError: ProvideErrorMetadata + RequestId + std::error::Error {}

impl<T: ProvideErrorMetadata + RequestId + std::error::Error> ServiceError for T {}

/// Error codes AWS services throttle with.
pub fn is_throttling_code(code: &str) -> bool {
    matches!(
        code,
        "Throttling"
            | "ThrottlingException"
            | "ThrottledException"
            | "RequestThrottledException"
            | "TooManyRequestsException"
            | "ProvisionedThroughputExceededException"
            | "TransactionInProgressException"
            | "RequestLimitExceeded"
            | "BandwidthLimitExceeded"
            | "LimitExceededException"
            | "RequestThrottled"
            | "SlowDown"
            | "PriorRequestNotComplete"
            | "EC2ThrottledException"
    )
}

/// Error codes for failures that say nothing about the request itself.
pub fn is_transient_code(code: &str) -> bool {
    matches!(code, "RequestTimeout" | "RequestTimeoutException" | "InternalError" | "ServiceUnavailable")
}

impl RequestId for ErrorMetadata {
    fn request_id(&self) -> Option<&str> {
        self.response.request_id()
    }

    fn extended_request_id(&self) -> Option<&str> {
        self.response.extended_request_id()
    }
}

/// Response metadata kept beside a value's modeled members. It never takes part in the value's
/// equality: two outputs with the same members are equal whatever request carried them.
#[derive(Clone, Default)]
pub struct Metadata<T>(pub T);

impl<T> PartialEq for Metadata<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T: fmt::Debug> fmt::Debug for Metadata<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T> std::ops::Deref for Metadata<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// An error response whose code matches none of the errors the operation declares.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnmodeledError {
    meta: ErrorMetadata,
}

impl UnmodeledError {
    /// An unmodeled error with what the response told about it.
    pub fn new(meta: ErrorMetadata) -> Self {
        UnmodeledError { meta }
    }

    /// The error code the service sent, after sanitizing (`ns#Name:extra` becomes `Name`).
    pub fn code(&self) -> Option<&str> {
        self.meta.code()
    }

    /// The human-readable message, if the response had one.
    pub fn message(&self) -> Option<&str> {
        self.meta.message()
    }

    /// The request ID the service assigned.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// The code, message and request IDs.
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl RequestId for UnmodeledError {
    fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    fn extended_request_id(&self) -> Option<&str> {
        self.meta.extended_request_id()
    }
}

impl ProvideErrorMetadata for UnmodeledError {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl fmt::Display for UnmodeledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code().unwrap_or("unmodeled service error"))?;
        if let Some(message) = self.message() {
            write!(f, ": {message}")?;
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnmodeledError {}

/// A response that could not be read: the diagnostic says what was wrong with it, and the
/// metadata keeps what the service did say (its error code, message and request ID), so a
/// malformed error response still tells which error it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidResponseError {
    status: u16,
    meta: ErrorMetadata,
    diagnostic: DeserializeError,
}

impl InvalidResponseError {
    /// A response with HTTP status `status` that could not be read, for the reason in `diagnostic`.
    pub fn new(status: u16, meta: ErrorMetadata, diagnostic: DeserializeError) -> Self {
        InvalidResponseError { status, meta, diagnostic }
    }

    /// The HTTP status code of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error code the response named, if any.
    pub fn code(&self) -> Option<&str> {
        self.meta.code()
    }

    /// The service's own message, if the response carried one; never the parse diagnostic.
    pub fn message(&self) -> Option<&str> {
        self.meta.message()
    }

    /// The request ID the service assigned.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// What could not be read, and where.
    pub fn diagnostic(&self) -> &DeserializeError {
        &self.diagnostic
    }

    /// The code, message and request IDs.
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl RequestId for InvalidResponseError {
    fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    fn extended_request_id(&self) -> Option<&str> {
        self.meta.extended_request_id()
    }
}

impl ProvideErrorMetadata for InvalidResponseError {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl fmt::Display for InvalidResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {}", self.diagnostic, self.status)?;
        if let Some(code) = self.code() {
            write!(f, ", code {code}")?;
        }
        if let Some(id) = self.request_id() {
            write!(f, ", request id {id}")?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for InvalidResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.diagnostic)
    }
}

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
        let ids = ResponseMetadata::new(Some("abc".into()), None);
        let e = UnmodeledError::new(ErrorMetadata::new(Some("Throttling".into()), Some("slow down".into()), ids));
        assert_eq!(e.to_string(), "Throttling: slow down (request id abc)");
        assert_eq!(UnmodeledError::default().to_string(), "unmodeled service error");
    }

    #[test]
    fn invalid_response_keeps_diagnostic_apart_from_the_message() {
        let ids = ResponseMetadata::new(Some("r-1".into()), Some("x2".into()));
        let meta = ErrorMetadata::new(Some("Boom".into()), Some("it broke".into()), ids);
        let e = InvalidResponseError::new(502, meta, DeserializeError::new("expected a string").at("a"));
        assert_eq!(e.message(), Some("it broke"));
        assert_eq!(e.diagnostic().message(), "expected a string");
        assert_eq!(e.code(), Some("Boom"));
        assert_eq!(RequestId::extended_request_id(&e), Some("x2"));
        assert_eq!(e.to_string(), "invalid response at `a`: expected a string (HTTP 502, code Boom, request id r-1)");
    }

    #[test]
    fn metadata_takes_no_part_in_equality() {
        let a = Metadata(ResponseMetadata::new(Some("a".into()), None));
        let b = Metadata(ResponseMetadata::default());
        assert_eq!(a, b);
        assert_eq!(a.request_id(), Some("a"));
    }

    #[test]
    fn deserialize_error_paths() {
        let e = DeserializeError::new("expected a string").at("[2]").at("items").at("stage");
        assert_eq!(e.path(), "stage.items[2]");
        assert_eq!(e.to_string(), "invalid response at `stage.items[2]`: expected a string");
    }
}
