//! `aws.protocols#httpChecksum`: which checksum a request carries and which response checksums
//! are checked, decided once from the trait and the input's members.

use serde_json::Value;

use super::{Field, HttpBinding, Struct};

pub const HTTP_CHECKSUM: &str = "aws.protocols#httpChecksum";

/// A checksum algorithm of the trait's `ChecksumAlgorithmSet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChecksumAlgorithm {
    Crc32,
    Crc32c,
    Crc64Nvme,
    Sha1,
    Sha256,
}

impl ChecksumAlgorithm {
    /// Every algorithm, in the order the runtime enum declares them.
    pub const ALL: [ChecksumAlgorithm; 5] = [Self::Crc32, Self::Crc32c, Self::Crc64Nvme, Self::Sha1, Self::Sha256];

    /// The algorithm's name in the model (`CRC32`, `SHA256`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Self::Crc32 => "CRC32",
            Self::Crc32c => "CRC32C",
            Self::Crc64Nvme => "CRC64NVME",
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
        }
    }

    /// The runtime enum's variant name (`crate::checksums::ChecksumAlgorithm::Crc32`).
    pub fn variant(self) -> &'static str {
        match self {
            Self::Crc32 => "Crc32",
            Self::Crc32c => "Crc32c",
            Self::Crc64Nvme => "Crc64Nvme",
            Self::Sha1 => "Sha1",
            Self::Sha256 => "Sha256",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name().eq_ignore_ascii_case(name))
    }
}

/// The input member that names the request's checksum algorithm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlgorithmMember {
    /// The Rust field.
    pub field: String,
    pub optional: bool,
    /// The member targets an enum (read with `as_str()`), not a plain string.
    pub is_enum: bool,
    /// The header the member is bound to (`x-amz-sdk-checksum-algorithm` for S3), which the
    /// default algorithm is written to when the caller chose none.
    pub header: Option<String>,
}

/// What `httpChecksum` asks of an operation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpChecksum {
    /// `requestAlgorithmMember`, when it names a string or enum member of the input.
    pub request_algorithm: Option<AlgorithmMember>,
    /// `requestChecksumRequired`: a request without a chosen algorithm carries CRC32.
    pub request_required: bool,
    /// `responseAlgorithms`: the response checksums `parse_response` checks, in the model's order.
    pub response_algorithms: Vec<ChecksumAlgorithm>,
}

impl HttpChecksum {
    /// Whether the request may carry a checksum.
    pub fn checksums_requests(&self) -> bool {
        self.request_algorithm.is_some() || self.request_required
    }
}

/// The operation's `httpChecksum` trait read against its lowered input.
pub fn http_checksum(value: &Value, input: &Struct) -> HttpChecksum {
    let text = |key: &str| value.get(key).and_then(Value::as_str);
    let request_algorithm = text("requestAlgorithmMember").and_then(|name| input.fields.iter().find(|f| f.member_name == name)).and_then(algorithm_member);
    let response_algorithms = value
        .get("responseAlgorithms")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).filter_map(ChecksumAlgorithm::from_name).collect())
        .unwrap_or_default();
    HttpChecksum {
        request_algorithm,
        request_required: value.get("requestChecksumRequired").and_then(Value::as_bool).unwrap_or(false),
        response_algorithms,
    }
}

fn algorithm_member(field: &Field) -> Option<AlgorithmMember> {
    let is_enum = match field.ty.kind {
        super::TyKind::Enum(_) => true,
        super::TyKind::String => false,
        _ => return None,
    };
    let header = match &field.http {
        HttpBinding::Header(name) => Some(name.clone()),
        _ => None,
    };
    Some(AlgorithmMember { field: field.name.clone(), optional: field.optional, is_enum, header })
}
