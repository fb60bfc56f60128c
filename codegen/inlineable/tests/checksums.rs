//! Flexible checksums: every algorithm on known vectors, the request header rules, and response
//! validation (match, mismatch, composite checksums skipped).

use http::header::{HeaderMap, HeaderName, HeaderValue};
use inlineable::checksums::*;

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
    }
    map
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The check values of each algorithm's catalogue entry ("123456789"), and the digests of "abc".
#[test]
fn digests_match_the_published_check_values() {
    let check = b"123456789";
    assert_eq!(hex(&ChecksumAlgorithm::Crc32.digest(check)), "cbf43926");
    assert_eq!(hex(&ChecksumAlgorithm::Crc32c.digest(check)), "e3069283");
    assert_eq!(hex(&ChecksumAlgorithm::Crc64Nvme.digest(check)), "ae8b14860a799888");
    assert_eq!(hex(&ChecksumAlgorithm::Sha1.digest(b"abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
    assert_eq!(hex(&ChecksumAlgorithm::Sha256.digest(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/// Header values are the base64 of the big-endian digest; the empty body's are well known.
#[test]
fn header_values_are_base64_of_the_big_endian_digest() {
    let cases = [
        (ChecksumAlgorithm::Crc32, "AAAAAA==", "y/Q5Jg=="),
        (ChecksumAlgorithm::Crc32c, "AAAAAA==", "4waSgw=="),
        (ChecksumAlgorithm::Crc64Nvme, "AAAAAAAAAAA=", "rosUhgp5mIg="),
        (ChecksumAlgorithm::Sha1, "2jmj7l5rSw0yVb/vlWAYkK/YBwk=", "98O8HYCOBHMq32eZZczDTKeuNEE="),
        (ChecksumAlgorithm::Sha256, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="),
    ];
    for (algorithm, empty, check) in cases {
        assert_eq!(algorithm.checksum(b""), empty, "{algorithm} of nothing");
        assert_eq!(algorithm.checksum(b"123456789"), check, "{algorithm} of 123456789");
    }
}

#[test]
fn names_and_headers() {
    for name in ["CRC32", "crc32c", "CRC64NVME", "sha1", "SHA256"] {
        let algorithm = ChecksumAlgorithm::from_name(name).unwrap();
        assert!(algorithm.name().eq_ignore_ascii_case(name));
        assert_eq!(algorithm.header_name(), format!("x-amz-checksum-{}", name.to_ascii_lowercase()));
    }
    assert_eq!(ChecksumAlgorithm::from_name("MD5"), None);
}

#[test]
fn a_chosen_algorithm_is_computed_over_the_body() {
    let mut h = HeaderMap::new();
    add_request_checksum(&mut h, b"123456789", Some("SHA256"), false, Some("x-amz-sdk-checksum-algorithm")).unwrap();
    assert_eq!(h["x-amz-checksum-sha256"], "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=");
    // The algorithm header is the member's own binding; it is not written again.
    assert!(!h.contains_key("x-amz-sdk-checksum-algorithm"));
    assert_eq!(h.len(), 1);
}

#[test]
fn a_required_checksum_defaults_to_crc32_and_names_it() {
    let mut h = HeaderMap::new();
    add_request_checksum(&mut h, b"123456789", None, true, Some("x-amz-sdk-checksum-algorithm")).unwrap();
    assert_eq!(h["x-amz-checksum-crc32"], "y/Q5Jg==");
    assert_eq!(h["x-amz-sdk-checksum-algorithm"], "CRC32");
}

#[test]
fn no_choice_and_no_requirement_adds_nothing() {
    let mut h = HeaderMap::new();
    add_request_checksum(&mut h, b"body", None, false, Some("x-amz-sdk-checksum-algorithm")).unwrap();
    assert!(h.is_empty());
}

#[test]
fn a_checksum_the_caller_supplied_is_sent_as_is() {
    let mut h = headers(&[("x-amz-checksum-crc32c", "supplied=")]);
    add_request_checksum(&mut h, b"body", Some("CRC32C"), true, None).unwrap();
    assert_eq!(h["x-amz-checksum-crc32c"], "supplied=");
    assert_eq!(h.len(), 1);
}

#[test]
fn an_unknown_algorithm_is_a_serialize_error() {
    let error = add_request_checksum(&mut HeaderMap::new(), b"", Some("MD5"), false, None).unwrap_err();
    assert!(error.message().contains("`MD5` is not a checksum algorithm"), "{error}");
}

const ALL: [ChecksumAlgorithm; 5] =
    [ChecksumAlgorithm::Crc64Nvme, ChecksumAlgorithm::Crc32, ChecksumAlgorithm::Crc32c, ChecksumAlgorithm::Sha256, ChecksumAlgorithm::Sha1];

#[test]
fn a_matching_response_checksum_passes() {
    let h = headers(&[("x-amz-checksum-crc32", "y/Q5Jg==")]);
    validate_response_checksum(&h, b"123456789", &ALL).unwrap();
    validate_response_checksum(&HeaderMap::new(), b"anything", &ALL).unwrap();
}

#[test]
fn a_mismatch_names_algorithm_expected_and_actual() {
    let h = headers(&[("x-amz-checksum-sha256", "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="), ("x-amz-request-id", "R1")]);
    let error = validate_response_checksum(&h, b"12345678", &ALL).unwrap_err();
    assert_eq!(error.algorithm(), ChecksumAlgorithm::Sha256);
    assert_eq!(error.expected(), "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=");
    assert_eq!(error.actual(), ChecksumAlgorithm::Sha256.checksum(b"12345678"));
    assert_eq!(inlineable::error::RequestId::request_id(&error), Some("R1"));
    assert!(error.to_string().contains("SHA256"), "{error}");
}

#[test]
fn the_first_algorithm_of_the_list_that_the_response_carries_is_checked() {
    // CRC64NVME comes first in the list: a wrong CRC32 beside a right CRC64NVME passes.
    let h = headers(&[("x-amz-checksum-crc32", "AAAAAA=="), ("x-amz-checksum-crc64nvme", "rosUhgp5mIg=")]);
    validate_response_checksum(&h, b"123456789", &ALL).unwrap();
    let error = validate_response_checksum(&h, b"123456789", &[ChecksumAlgorithm::Crc32]).unwrap_err();
    assert_eq!(error.algorithm(), ChecksumAlgorithm::Crc32);
}

#[test]
fn a_composite_checksum_of_a_multipart_object_is_skipped() {
    let h = headers(&[("x-amz-checksum-crc32", "ZAd1sQ==-3")]);
    validate_response_checksum(&h, b"the whole object", &ALL).unwrap();
}
