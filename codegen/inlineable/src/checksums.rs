//! Flexible checksums (`aws.protocols#httpChecksum`): a request's `x-amz-checksum-*` header, and
//! the check of a response body against the checksum header the service sent.
//!
//! The digests come from `crc32fast`, `crc32c`, `crc64fast-nvme`, `sha1` and `sha2`; each header
//! value is the base64 of the big-endian digest.

use std::fmt;

use http::header::HeaderMap;

use crate::error::{ErrorMetadata, ProvideErrorMetadata, RequestId, SerializeError};

/// A checksum algorithm a service accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChecksumAlgorithm {
    Crc32,
    Crc32c,
    Crc64Nvme,
    Sha1,
    Sha256,
}

impl ChecksumAlgorithm {
    /// The algorithm a request carries when the operation requires a checksum and the caller
    /// chose none, as the current AWS SDKs do.
    pub const DEFAULT: ChecksumAlgorithm = ChecksumAlgorithm::Crc32;

    const ALL: [ChecksumAlgorithm; 5] = [Self::Crc32, Self::Crc32c, Self::Crc64Nvme, Self::Sha1, Self::Sha256];

    /// The algorithm's name as the model and `x-amz-sdk-checksum-algorithm` spell it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Crc32 => "CRC32",
            Self::Crc32c => "CRC32C",
            Self::Crc64Nvme => "CRC64NVME",
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
        }
    }

    /// The algorithm named `name` (any case), if it is one of these.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name().eq_ignore_ascii_case(name))
    }

    /// The header that carries this algorithm's checksum: `x-amz-checksum-crc32` and so on.
    pub fn header_name(self) -> &'static str {
        match self {
            Self::Crc32 => "x-amz-checksum-crc32",
            Self::Crc32c => "x-amz-checksum-crc32c",
            Self::Crc64Nvme => "x-amz-checksum-crc64nvme",
            Self::Sha1 => "x-amz-checksum-sha1",
            Self::Sha256 => "x-amz-checksum-sha256",
        }
    }

    /// The big-endian digest of `bytes`.
    pub fn digest(self, bytes: &[u8]) -> Vec<u8> {
        use sha1::Digest as _;
        match self {
            Self::Crc32 => crc32fast::hash(bytes).to_be_bytes().to_vec(),
            Self::Crc32c => crc32c::crc32c(bytes).to_be_bytes().to_vec(),
            Self::Crc64Nvme => {
                let mut digest = crc64fast_nvme::Digest::new();
                digest.write(bytes);
                digest.sum64().to_be_bytes().to_vec()
            }
            Self::Sha1 => sha1::Sha1::digest(bytes).to_vec(),
            Self::Sha256 => sha2::Sha256::digest(bytes).to_vec(),
        }
    }

    /// The checksum header's value for `bytes`: the digest in base64.
    pub fn checksum(self, bytes: &[u8]) -> String {
        crate::primitives::Blob::new(self.digest(bytes)).to_base64()
    }
}

impl fmt::Display for ChecksumAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Adds the request checksum of `body` to `headers`, unless the caller already supplied one (a
/// modeled `ChecksumCRC32`-style member bound to its header is sent as it is).
///
/// `chosen` is the value of the operation's algorithm member; when it is unset and `required`,
/// the checksum is [`ChecksumAlgorithm::DEFAULT`], and the algorithm is also written to
/// `algorithm_header` (the member's header) so the service knows which one was used.
pub fn add_request_checksum(
    headers: &mut HeaderMap,
    body: &[u8],
    chosen: Option<&str>,
    required: bool,
    algorithm_header: Option<&'static str>,
) -> Result<(), SerializeError> {
    if ChecksumAlgorithm::ALL.iter().any(|a| headers.contains_key(a.header_name())) {
        return Ok(());
    }
    let algorithm = match chosen {
        Some(name) => ChecksumAlgorithm::from_name(name).ok_or_else(|| {
            SerializeError::new("checksum algorithm", format!("`{name}` is not a checksum algorithm (CRC32, CRC32C, CRC64NVME, SHA1 or SHA256)"))
        })?,
        None if required => {
            let algorithm = ChecksumAlgorithm::DEFAULT;
            if let Some(header) = algorithm_header {
                crate::wire::insert_header(headers, header, algorithm.name(), "checksum algorithm")?;
            }
            algorithm
        }
        None => return Ok(()),
    };
    crate::wire::insert_header(headers, algorithm.header_name(), &algorithm.checksum(body), "checksum")
}

/// Checks `body` against the first checksum header of `algorithms` (the operation's
/// `responseAlgorithms`, in order) that the response carries. No header, or a multipart
/// object's composite checksum (`…-3`: a checksum of the parts' checksums, not of the body),
/// means there is nothing to check.
// The mismatch becomes a variant of the operation's error enum, which is as large anyway.
#[allow(clippy::result_large_err)]
pub fn validate_response_checksum(headers: &HeaderMap, body: &[u8], algorithms: &[ChecksumAlgorithm]) -> Result<(), ChecksumMismatch> {
    let Some((algorithm, expected)) =
        algorithms.iter().find_map(|a| headers.get(a.header_name()).and_then(|v| v.to_str().ok()).map(|v| (*a, v.trim())))
    else {
        return Ok(());
    };
    if is_composite(expected) {
        return Ok(());
    }
    let actual = algorithm.checksum(body);
    if actual == expected {
        return Ok(());
    }
    let meta = ErrorMetadata::new(None, None, crate::wire::response_metadata(headers));
    Err(ChecksumMismatch { algorithm, expected: expected.to_owned(), actual, meta })
}

/// Whether a checksum header names a composite checksum: base64, then `-` and a part count.
fn is_composite(value: &str) -> bool {
    value.rsplit_once('-').is_some_and(|(_, parts)| !parts.is_empty() && parts.bytes().all(|b| b.is_ascii_digit()))
}

/// A response body whose checksum is not the one its header names: the body was changed or cut
/// on the way, and must not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecksumMismatch {
    algorithm: ChecksumAlgorithm,
    expected: String,
    actual: String,
    meta: ErrorMetadata,
}

impl ChecksumMismatch {
    /// The algorithm of the header that was checked.
    pub fn algorithm(&self) -> ChecksumAlgorithm {
        self.algorithm
    }

    /// The checksum the service sent (base64).
    pub fn expected(&self) -> &str {
        &self.expected
    }

    /// The checksum of the body as received (base64).
    pub fn actual(&self) -> &str {
        &self.actual
    }

    /// No code: the service reported success.
    pub fn code(&self) -> Option<&str> {
        None
    }

    /// No message: the service reported success.
    pub fn message(&self) -> Option<&str> {
        None
    }

    /// The request IDs of the response.
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl RequestId for ChecksumMismatch {
    fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    fn extended_request_id(&self) -> Option<&str> {
        self.meta.extended_request_id()
    }
}

impl ProvideErrorMetadata for ChecksumMismatch {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }

    /// A body damaged on the way may arrive whole next time.
    fn is_retryable(&self) -> bool {
        true
    }
}

impl fmt::Display for ChecksumMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the response body's {} checksum is {}, but the service sent {}", self.algorithm, self.actual, self.expected)
    }
}

impl std::error::Error for ChecksumMismatch {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composite_checksums_are_recognised() {
        assert!(is_composite("abc=-3"));
        assert!(!is_composite("abc="));
        assert!(!is_composite("a-b="));
    }
}
