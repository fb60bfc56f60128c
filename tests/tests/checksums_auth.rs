//! Flexible checksums and auth facts on crates generated from S3's and STS's own models
//! (`tests/crates/s3_objects`, `tests/crates/sts_assume_role`): the checksum a request carries
//! (chosen, required by default, supplied by the caller, over a streamed body), response
//! validation (match, mismatch, composite skipped), and which operations are signed.

use s3_objects::body::ByteStream;
use s3_objects::checksums::ChecksumAlgorithm as Algorithm;
use s3_objects::operation::delete_objects::{self, DeleteObjectsInput};
use s3_objects::operation::get_object::{self, GetObjectError};
use s3_objects::operation::put_object::{self, PutObjectInput};
use s3_objects::operation::Operation as _;
use s3_objects::types::{ChecksumAlgorithm, Delete, ObjectIdentifier};

fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> Option<&'a str> {
    request.headers().get(name).map(|v| v.to_str().expect("ASCII header"))
}

fn delete_request(algorithm: Option<ChecksumAlgorithm>) -> http::Request<Vec<u8>> {
    let objects = ["a.txt", "b.txt"].map(|key| ObjectIdentifier::builder().key(key).build().expect("key is set"));
    let delete = Delete::builder().set_objects(Some(objects.to_vec())).build().expect("objects are set");
    let input = DeleteObjectsInput::builder().bucket("example-bucket").delete(delete).set_checksum_algorithm(algorithm).build();
    delete_objects::serialize_request(&input.expect("bucket and delete are set")).expect("serializes")
}

#[test]
fn delete_objects_carries_crc32_when_the_caller_chose_nothing() {
    let request = delete_request(None);
    let body = request.body();
    println!("{} {}", request.method(), request.uri());
    for (name, value) in request.headers() {
        println!("{name}: {}", value.to_str().unwrap());
    }
    println!("\n{}", String::from_utf8_lossy(body));
    assert_eq!(header(&request, "x-amz-checksum-crc32"), Some(Algorithm::Crc32.checksum(body).as_str()));
    assert_eq!(header(&request, "x-amz-sdk-checksum-algorithm"), Some("CRC32"));
    // The flexible checksum replaces the legacy Content-MD5 of `@httpChecksumRequired`.
    assert_eq!(header(&request, "content-md5"), None);
}

#[test]
fn delete_objects_uses_the_algorithm_the_caller_chose() {
    let request = delete_request(Some(ChecksumAlgorithm::Crc64nvme));
    assert_eq!(header(&request, "x-amz-checksum-crc64nvme"), Some(Algorithm::Crc64Nvme.checksum(request.body()).as_str()));
    assert_eq!(header(&request, "x-amz-sdk-checksum-algorithm"), Some("CRC64NVME"));
    assert_eq!(header(&request, "x-amz-checksum-crc32"), None);
}

fn put(body: ByteStream) -> s3_objects::operation::put_object::PutObjectInputBuilder {
    PutObjectInput::builder().bucket("example-bucket").key("k").body(body)
}

#[test]
fn put_object_checksums_with_the_chosen_algorithm_every_one_of_them() {
    for (choice, algorithm) in [
        (ChecksumAlgorithm::Crc32, Algorithm::Crc32),
        (ChecksumAlgorithm::Crc32c, Algorithm::Crc32c),
        (ChecksumAlgorithm::Crc64nvme, Algorithm::Crc64Nvme),
        (ChecksumAlgorithm::Sha1, Algorithm::Sha1),
        (ChecksumAlgorithm::Sha256, Algorithm::Sha256),
    ] {
        let input = put(ByteStream::new("123456789")).checksum_algorithm(choice).build().unwrap();
        let request = put_object::serialize_request(&input).unwrap();
        assert_eq!(header(&request, algorithm.header_name()), Some(algorithm.checksum(b"123456789").as_str()), "{algorithm}");
        assert_eq!(header(&request, "x-amz-sdk-checksum-algorithm"), Some(algorithm.name()));
    }
}

#[test]
fn put_object_without_a_choice_carries_no_checksum() {
    let request = put_object::serialize_request(&put(ByteStream::new("x")).build().unwrap()).unwrap();
    assert!(request.headers().keys().all(|k| !k.as_str().starts_with("x-amz-checksum-")));
}

#[test]
fn a_checksum_the_caller_supplies_is_sent_as_is() {
    let input = put(ByteStream::new("123456789")).checksum_algorithm(ChecksumAlgorithm::Crc32).checksum_crc32("precomputed==").build().unwrap();
    let request = put_object::serialize_request(&input).unwrap();
    assert_eq!(header(&request, "x-amz-checksum-crc32"), Some("precomputed=="));
}

#[test]
fn a_streamed_body_is_checksummed_as_it_is_sent() {
    let reader = std::io::Cursor::new(b"123456789".to_vec());
    let input = put(ByteStream::from_reader(reader)).checksum_algorithm(ChecksumAlgorithm::Sha256).build().unwrap();
    let request = put_object::serialize_request(&input).unwrap();
    assert_eq!(request.body().as_slice(), b"123456789");
    assert_eq!(header(&request, "x-amz-checksum-sha256"), Some("FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="));
}

fn get_response(checksum_headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(200).header("x-amz-request-id", "REQ1");
    for (name, value) in checksum_headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn get_object_accepts_a_body_that_matches_its_checksum() {
    let response = get_response(&[("x-amz-checksum-crc32", "y/Q5Jg==")], "123456789");
    let output = get_object::parse_response(&response).expect("the checksum matches");
    assert_eq!(output.checksum_crc32(), Some("y/Q5Jg=="));
    assert_eq!(output.body().as_bytes(), Some(b"123456789".as_slice()));
}

#[test]
fn get_object_refuses_a_body_that_does_not_match() {
    let response = get_response(&[("x-amz-checksum-crc32", "y/Q5Jg==")], "123456780");
    let Err(GetObjectError::ChecksumMismatch(mismatch)) = get_object::parse_response(&response) else {
        panic!("a damaged body must be refused");
    };
    assert_eq!(mismatch.algorithm(), Algorithm::Crc32);
    assert_eq!(mismatch.expected(), "y/Q5Jg==");
    assert_eq!(mismatch.actual(), Algorithm::Crc32.checksum(b"123456780"));
    let error = GetObjectError::ChecksumMismatch(mismatch);
    assert_eq!(error.request_id(), Some("REQ1"));
    assert!(s3_objects::ProvideErrorMetadata::is_retryable(&error));
}

#[test]
fn get_object_skips_a_multipart_objects_composite_checksum() {
    let response = get_response(&[("x-amz-checksum-crc32", "ZAd1sQ==-12")], "not the checksum of this body");
    get_object::parse_response(&response).expect("a composite checksum is not a checksum of the body");
}

#[test]
fn get_object_checks_the_first_algorithm_of_the_models_list() {
    // S3 lists CRC64NVME first: a damaged body is caught by it even when the CRC32 header is right.
    let response = get_response(&[("x-amz-checksum-crc32", "y/Q5Jg=="), ("x-amz-checksum-crc64nvme", "AAAAAAAAAAA=")], "123456789");
    let Err(GetObjectError::ChecksumMismatch(mismatch)) = get_object::parse_response(&response) else { panic!("mismatch expected") };
    assert_eq!(mismatch.algorithm(), Algorithm::Crc64Nvme);
}

#[test]
fn operations_declare_how_they_are_signed() {
    use s3_objects::auth::AuthScheme;
    use sts_assume_role::operation::Operation as _;
    assert_eq!(put_object::PutObject::AUTH_SCHEMES, &[AuthScheme::SigV4 { signing_name: "s3" }]);
    assert_eq!((put_object::PutObject::UNSIGNED_PAYLOAD, put_object::PutObject::OPTIONAL_AUTH), (false, false));
    let sts_schemes = sts_assume_role::operation::assume_role::AssumeRole::AUTH_SCHEMES;
    assert_eq!(sts_schemes, &[sts_assume_role::auth::AuthScheme::SigV4 { signing_name: "sts" }]);
    // `@auth([])`: the caller exchanges a web identity token for credentials it does not have yet.
    assert!(sts_assume_role::operation::assume_role_with_web_identity::AssumeRoleWithWebIdentity::AUTH_SCHEMES.is_empty());
}

/// A 200 whose XML root is not the operation's response (a proxy's page, a mis-routed request)
/// is an `InvalidResponse` naming both elements, never an empty success.
#[test]
fn a_response_with_another_root_element_is_invalid() {
    use sts_assume_role::operation::assume_role::{self, AssumeRoleError};
    let listing = "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name></ListBucketResult>";
    let response = http::Response::builder().status(200).body(listing.as_bytes().to_vec()).unwrap();
    let Err(AssumeRoleError::InvalidResponse(e)) = assume_role::parse_response(&response) else { panic!("must not parse as a success") };
    assert_eq!(e.diagnostic().message(), "expected the element <AssumeRoleResponse>, found <ListBucketResult>");
    // The right root without its `<AssumeRoleResult>` is no answer either.
    let empty = "<AssumeRoleResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>";
    let response = http::Response::builder().status(200).body(empty.as_bytes().to_vec()).unwrap();
    let Err(AssumeRoleError::InvalidResponse(e)) = assume_role::parse_response(&response) else { panic!("must not parse as a success") };
    assert_eq!(e.diagnostic().message(), "the response has no <AssumeRoleResult> element");
    // restXml: the output's element (ListObjectsV2's is `ListBucketResult`).
    let other = "<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>";
    let response = http::Response::builder().status(200).body(other.as_bytes().to_vec()).unwrap();
    let Err(s3_objects::operation::list_objects_v2::ListObjectsV2Error::InvalidResponse(e)) = s3_objects::operation::list_objects_v2::parse_response(&response) else {
        panic!("must not parse as a success")
    };
    assert_eq!(e.diagnostic().message(), "expected the element <ListBucketResult>, found <ListAllMyBucketsResult>");
}
