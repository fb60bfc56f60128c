//! How an operation is authenticated: the schemes its model declares, in priority order.

/// An authentication scheme of the service, as its model declares it. An SDK signs a request
/// with the first scheme of [`crate::operation::Operation::AUTH_SCHEMES`] it supports; an empty
/// list means the operation is called anonymously (no signature at all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthScheme {
    /// AWS Signature Version 4 (`aws.auth#sigv4`), signing for `signing_name`.
    SigV4 { signing_name: &'static str },
    /// AWS Signature Version 4a (`aws.auth#sigv4a`), the multi-region variant.
    SigV4a { signing_name: &'static str },
    /// `Authorization: Bearer <token>` (`smithy.api#httpBearerAuth`).
    HttpBearer,
    /// An API key (`smithy.api#httpApiKeyAuth`) in the header or query parameter `name`; in a
    /// header, after `scheme` and a space when the model names a scheme.
    HttpApiKey { name: &'static str, location: ApiKeyLocation, scheme: Option<&'static str> },
    /// HTTP Basic authentication (`smithy.api#httpBasicAuth`).
    HttpBasic,
    /// HTTP Digest authentication (`smithy.api#httpDigestAuth`).
    HttpDigest,
}

/// Where an API key travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiKeyLocation {
    Header,
    Query,
}
