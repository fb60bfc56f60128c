//! Real-shaped S3 (restXml) and STS (awsQuery) calls through crates generated from the services'
//! own models, trimmed to a few operations (`tests/models/*.json` → `tests/crates/s3_objects`,
//! `tests/crates/sts_assume_role`):
//!
//! - requests: PutObject (body, `Content-Type`, `x-amz-meta-*` headers, a key with `/`, spaces
//!   and non-ASCII in a greedy label), GetObject (`Range`), ListObjectsV2 (query parameters) and
//!   AssumeRole (a form body with nested lists), each compared exactly;
//! - responses written the way the services write them: ListObjectsV2's `ListBucketResult` with
//!   flattened `Contents` and `CommonPrefixes`, GetObject's headers and body, AssumeRole's
//!   `AssumeRoleResponse`/`AssumeRoleResult` with credentials and `ResponseMetadata`;
//! - errors: S3's bare `<Error>` with its request ID headers, STS's `<ErrorResponse>`;
//! - hostile bodies (random bytes, 100 000-deep nesting, billion laughs, a 1 MB attribute, invalid
//!   UTF-8, undeclared entities), fixed and property-tested: parsing never panics, fails where
//!   XML says it must, and never expands an entity beyond XML's five (no output string holds
//!   what a declared entity would expand to, and no output is longer than the body).

use proptest::prelude::*;
use s3_objects::operation::get_object::{self, GetObjectError, GetObjectInput};
use s3_objects::operation::list_objects_v2::{self, ListObjectsV2Error, ListObjectsV2Input, ListObjectsV2Output};
use s3_objects::operation::put_object::{self, PutObjectInput};
use s3_objects::primitives::DateTime;
use s3_objects::types::{ChecksumAlgorithm, ObjectStorageClass};
use sts_assume_role::operation::assume_role::{self, AssumeRoleError, AssumeRoleInput, AssumeRoleOutput};
use sts_assume_role::types::{PolicyDescriptorType, Tag};

const S3_NS: &str = "http://s3.amazonaws.com/doc/2006-03-01/";
const STS_NS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";

fn response(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.into()).expect("a valid test response")
}

/// Every header of a request as `(name, value)` pairs, sorted, for an exact comparison.
fn headers_of(request: &http::Request<Vec<u8>>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.to_str().expect("ASCII header").to_owned()))
        .collect();
    out.sort();
    out
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = expected.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------------
// S3 requests
// ---------------------------------------------------------------------------------------------

#[test]
fn put_object_sends_the_body_headers_metadata_and_an_encoded_greedy_key() {
    let input = PutObjectInput::builder()
        .bucket("example-bucket")
        .key("photos/2024 trip/plage été+1.jpg")
        .body(b"hello, world".to_vec())
        .content_type("image/jpeg")
        .metadata("author", "Jane Doe")
        .metadata("project", "smelt")
        .build()
        .expect("bucket and key are set");
    let request = put_object::serialize_request(&input).expect("serializes");
    assert_eq!(request.method(), http::Method::PUT);
    // The greedy label keeps `/`; space, `é` and `+` are percent-encoded. The model's URI pattern
    // carries the literal query `x-id=PutObject`.
    assert_eq!(request.uri().path(), "/example-bucket/photos/2024%20trip/plage%20%C3%A9t%C3%A9%2B1.jpg");
    assert_eq!(request.uri().query(), Some("x-id=PutObject"));
    assert_eq!(
        headers_of(&request),
        pairs(&[
            ("content-type", "image/jpeg"),
            ("content-length", "12"),
            ("x-amz-meta-author", "Jane Doe"),
            ("x-amz-meta-project", "smelt"),
        ])
    );
    assert_eq!(request.body().as_slice(), b"hello, world");
}

#[test]
fn put_object_without_a_content_type_sends_octet_stream() {
    let input = PutObjectInput::builder().bucket("b").key("k").body("x").build().expect("bucket and key are set");
    let request = put_object::serialize_request(&input).expect("serializes");
    assert_eq!(headers_of(&request), pairs(&[("content-type", "application/octet-stream"), ("content-length", "1")]));
}

#[test]
fn put_object_without_a_key_is_refused() {
    let input = PutObjectInput::builder().bucket("b").key("").build().expect("bucket and key are set");
    let error = put_object::serialize_request(&input).expect_err("an empty label");
    assert_eq!(error.member(), "Key");
}

#[test]
fn get_object_sends_the_range_header() {
    let input = GetObjectInput::builder()
        .bucket("example-bucket")
        .key("photos/2024 trip/beach.jpg")
        .range("bytes=0-9")
        .build()
        .expect("bucket and key are set");
    let request = get_object::serialize_request(&input).expect("serializes");
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(request.uri().to_string(), "/example-bucket/photos/2024%20trip/beach.jpg?x-id=GetObject");
    assert_eq!(headers_of(&request), pairs(&[("range", "bytes=0-9")]));
    assert!(request.body().is_empty());
}

#[test]
fn list_objects_v2_sends_its_query_parameters() {
    let input = ListObjectsV2Input::builder()
        .bucket("example-bucket")
        .prefix("photos/2024 trip/")
        .delimiter("/")
        .max_keys(2)
        .continuation_token("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
        .fetch_owner(true)
        .build()
        .expect("bucket is set");
    let request = list_objects_v2::serialize_request(&input).expect("serializes");
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(request.uri().path(), "/example-bucket");
    assert_eq!(
        request.uri().query(),
        Some(
            "list-type=2&delimiter=%2F&max-keys=2&prefix=photos%2F2024%20trip%2F\
             &continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%2Fwm36Hy4vbOwM%3D&fetch-owner=true"
        )
    );
    assert_eq!(headers_of(&request), Vec::<(String, String)>::new());
    assert!(request.body().is_empty());
}

// ---------------------------------------------------------------------------------------------
// S3 responses
// ---------------------------------------------------------------------------------------------

/// A ListObjectsV2 page as S3 writes it (indented here for reading; S3 sends it on one line).
fn list_objects_page() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="{S3_NS}">
  <Name>example-bucket</Name>
  <Prefix>photos/</Prefix>
  <ContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</ContinuationToken>
  <NextContinuationToken>1w41l63U0xa8q7smH50vCxyTQqdxo69O3EmK28Bi5PcROI4wI/EyIJg==</NextContinuationToken>
  <KeyCount>2</KeyCount>
  <MaxKeys>2</MaxKeys>
  <Delimiter>/</Delimiter>
  <IsTruncated>true</IsTruncated>
  <Contents>
    <Key>photos/2006/January/sample.jpg</Key>
    <LastModified>2009-10-12T17:50:30.000Z</LastModified>
    <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
    <ChecksumAlgorithm>CRC32</ChecksumAlgorithm>
    <ChecksumAlgorithm>SHA256</ChecksumAlgorithm>
    <Size>434234</Size>
    <Owner>
      <ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID>
      <DisplayName>mtd@amazon.com</DisplayName>
    </Owner>
    <StorageClass>STANDARD</StorageClass>
  </Contents>
  <Contents>
    <Key>photos/R&amp;D &lt;draft&gt;.png</Key>
    <LastModified>2024-05-01T08:15:00.000Z</LastModified>
    <ETag>"599bab3ed2c697f1d26842727561fd94-3"</ETag>
    <Size>0</Size>
    <StorageClass>GLACIER_IR</StorageClass>
    <NewElementS3MightAddLater><Nested a="1">x</Nested></NewElementS3MightAddLater>
  </Contents>
  <CommonPrefixes>
    <Prefix>photos/2006/February/</Prefix>
  </CommonPrefixes>
  <CommonPrefixes>
    <Prefix>photos/2006/March/</Prefix>
  </CommonPrefixes>
</ListBucketResult>"#
    )
}

#[test]
fn list_objects_v2_reads_a_page() {
    let page = list_objects_page();
    let out = list_objects_v2::parse_response(&response(
        200,
        &[("x-amz-request-id", "318BC8BC148832E5"), ("x-amz-id-2", "eftixk72aD6Ap51TnqcoF8eFidJG9Z/2"), ("Content-Type", "application/xml")],
        page,
    ))
    .expect("parses");
    assert_eq!(out.name(), Some("example-bucket"));
    assert_eq!(out.prefix(), Some("photos/"));
    assert_eq!(out.delimiter(), Some("/"));
    assert_eq!(out.continuation_token(), Some("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="));
    assert_eq!(out.next_continuation_token(), Some("1w41l63U0xa8q7smH50vCxyTQqdxo69O3EmK28Bi5PcROI4wI/EyIJg=="));
    assert_eq!(out.key_count(), Some(2));
    assert_eq!(out.max_keys(), Some(2));
    assert_eq!(out.is_truncated(), Some(true));

    let contents = out.contents();
    assert_eq!(contents.len(), 2);
    let first = &contents[0];
    assert_eq!(first.key(), Some("photos/2006/January/sample.jpg"));
    assert_eq!(first.last_modified(), Some(DateTime::from_secs(1_255_369_830)));
    assert_eq!(first.e_tag(), Some("\"fba9dede5f27731c9771645a39863328\""));
    assert_eq!(first.checksum_algorithm(), &[ChecksumAlgorithm::Crc32, ChecksumAlgorithm::Sha256]);
    assert_eq!(first.size(), Some(434_234));
    assert_eq!(first.storage_class(), Some(&ObjectStorageClass::Standard));
    let owner = first.owner().expect("owner");
    assert_eq!(owner.id(), Some("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a"));
    assert_eq!(owner.display_name(), Some("mtd@amazon.com"));
    let second = &contents[1];
    assert_eq!(second.key(), Some("photos/R&D <draft>.png"));
    assert_eq!(second.last_modified(), Some(DateTime::from_secs(1_714_551_300)));
    assert_eq!(second.e_tag(), Some("\"599bab3ed2c697f1d26842727561fd94-3\""));
    assert_eq!(second.size(), Some(0));
    assert_eq!(second.storage_class(), Some(&ObjectStorageClass::GlacierIr));
    assert!(second.checksum_algorithm().is_empty() && second.owner().is_none());

    let prefixes: Vec<_> = out.common_prefixes().iter().map(|p| p.prefix()).collect();
    assert_eq!(prefixes, [Some("photos/2006/February/"), Some("photos/2006/March/")]);

    use s3_objects::RequestId;
    assert_eq!(out.request_id(), Some("318BC8BC148832E5"));
    assert_eq!(out.extended_request_id(), Some("eftixk72aD6Ap51TnqcoF8eFidJG9Z/2"));
}

#[test]
fn list_objects_v2_reads_an_empty_bucket() {
    let body = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="{S3_NS}"><Name>empty</Name><Prefix></Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>"#
    );
    let out = list_objects_v2::parse_response(&response(200, &[], body)).expect("parses");
    assert_eq!(out.name(), Some("empty"));
    assert_eq!(out.prefix(), Some(""));
    assert_eq!(out.key_count(), Some(0));
    assert_eq!(out.is_truncated(), Some(false));
    assert!(out.contents().is_empty() && out.common_prefixes().is_empty());
}

#[test]
fn get_object_reads_headers_and_body() {
    let out = get_object::parse_response(&response(
        206,
        &[
            ("x-amz-id-2", "eftixk72aD6Ap51TnqcoF8eFidJG9Z/2"),
            ("x-amz-request-id", "318BC8BC148832E5"),
            ("Date", "Wed, 28 Oct 2009 22:32:00 GMT"),
            ("Last-Modified", "Wed, 12 Oct 2009 17:50:30 GMT"),
            ("ETag", "\"fba9dede5f27731c9771645a39863328\""),
            ("Content-Length", "10"),
            ("Content-Range", "bytes 0-9/434234"),
            ("Content-Type", "image/jpeg"),
            ("Accept-Ranges", "bytes"),
            ("x-amz-meta-author", "Jane Doe"),
            ("X-Amz-Meta-Project", "smelt"),
            ("x-amz-version-id", "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd"),
            ("x-amz-server-side-encryption", "AES256"),
            ("Server", "AmazonS3"),
        ],
        b"\xff\xd8\xff\xe0\x00\x10JFIF".to_vec(),
    ))
    .expect("a 206 is a success");
    assert_eq!(out.body().as_bytes(), Some(&b"\xff\xd8\xff\xe0\x00\x10JFIF"[..]));
    assert_eq!(out.e_tag(), Some("\"fba9dede5f27731c9771645a39863328\""));
    assert_eq!(out.content_length(), Some(10));
    assert_eq!(out.content_range(), Some("bytes 0-9/434234"));
    assert_eq!(out.content_type(), Some("image/jpeg"));
    assert_eq!(out.accept_ranges(), Some("bytes"));
    assert_eq!(out.last_modified(), Some(DateTime::from_secs(1_255_369_830)));
    assert_eq!(out.version_id(), Some("3HL4kqtJlcpXroDTDmjVBH40Nrjfkd"));
    assert_eq!(out.server_side_encryption().map(|s| s.as_str()), Some("AES256"));
    let metadata = out.metadata().expect("prefix headers");
    let metadata: Vec<(&str, &str)> = metadata.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    // Header names arrive lower-cased (HTTP/2 and the `http` crate), so the keys are too.
    assert_eq!(metadata, [("author", "Jane Doe"), ("project", "smelt")]);

    use s3_objects::RequestId;
    assert_eq!(out.request_id(), Some("318BC8BC148832E5"));
    assert_eq!(out.extended_request_id(), Some("eftixk72aD6Ap51TnqcoF8eFidJG9Z/2"));
}

#[test]
fn get_object_survives_an_expires_header_that_is_no_http_date() {
    for expires in ["0", "-1", "2024-01-01T00:00:00Z"] {
        let out = get_object::parse_response(&response(200, &[("Expires", expires), ("ETag", "\"e\"")], b"data".to_vec()))
            .unwrap_or_else(|e| panic!("Expires: {expires} failed the response: {e}"));
        assert_eq!(out.expires(), None);
        assert_eq!(out.body().as_bytes(), Some(&b"data"[..]));
    }
}

#[test]
fn put_object_reads_its_headers() {
    let out = put_object::parse_response(&response(
        200,
        &[
            ("x-amz-request-id", "0A49CE4060975EAC"),
            ("ETag", "\"1b2cf535f27731c974343645a3985328\""),
            ("x-amz-version-id", "43jfkodU8493jnFJD9fjj3HHNVfdsQUIFDNsidf038jfdsjGFDSIRp"),
            ("x-amz-server-side-encryption", "AES256"),
            ("Content-Length", "0"),
        ],
        Vec::new(),
    ))
    .expect("parses");
    assert_eq!(out.e_tag(), Some("\"1b2cf535f27731c974343645a3985328\""));
    assert_eq!(out.version_id(), Some("43jfkodU8493jnFJD9fjj3HHNVfdsQUIFDNsidf038jfdsjGFDSIRp"));
}

#[test]
fn s3_no_such_key_is_typed_with_message_and_both_request_ids() {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>photos/missing.jpg</Key><RequestId>4442587FB7D0A2F9</RequestId><HostId>uXZXdFrqsw6fMdRaOu3sQ+8ZwvFOKHTF4qZXOEsC0IqDL0kl9ErfUCF1Ce5mJ2BbJkYDC7TQl0A=</HostId></Error>";
    let error = get_object::parse_response(&response(
        404,
        &[
            ("x-amz-request-id", "4442587FB7D0A2F9"),
            ("x-amz-id-2", "uXZXdFrqsw6fMdRaOu3sQ+8ZwvFOKHTF4qZXOEsC0IqDL0kl9ErfUCF1Ce5mJ2BbJkYDC7TQl0A="),
            ("Content-Type", "application/xml"),
        ],
        body,
    ))
    .expect_err("a 404");
    let GetObjectError::NoSuchKey(typed) = &error else { panic!("expected NoSuchKey, got {error:?}") };
    use s3_objects::RequestId;
    assert_eq!(typed.message(), Some("The specified key does not exist."));
    assert_eq!(typed.request_id(), Some("4442587FB7D0A2F9"));
    assert_eq!(typed.extended_request_id(), Some("uXZXdFrqsw6fMdRaOu3sQ+8ZwvFOKHTF4qZXOEsC0IqDL0kl9ErfUCF1Ce5mJ2BbJkYDC7TQl0A="));
    assert_eq!(error.code(), Some("NoSuchKey"));
    assert_eq!(error.message(), Some("The specified key does not exist."));
    assert_eq!(RequestId::request_id(&error), Some("4442587FB7D0A2F9"));
    assert_eq!(error.extended_request_id(), Some("uXZXdFrqsw6fMdRaOu3sQ+8ZwvFOKHTF4qZXOEsC0IqDL0kl9ErfUCF1Ce5mJ2BbJkYDC7TQl0A="));
    assert_eq!(error.to_string(), "NoSuchKey: The specified key does not exist.");
}

#[test]
fn s3_request_ids_come_from_the_body_when_the_headers_are_missing() {
    let body = "<Error><Code>NoSuchKey</Code><Message>gone</Message><RequestId>BODYID</RequestId><HostId>BODYHOST</HostId></Error>";
    let error = get_object::parse_response(&response(404, &[], body)).expect_err("a 404");
    use s3_objects::RequestId;
    assert!(error.is_no_such_key());
    assert_eq!(error.request_id(), Some("BODYID"));
    assert_eq!(error.extended_request_id(), Some("BODYHOST"));
}

#[test]
fn s3_no_such_bucket_on_list_and_an_unmodeled_access_denied() {
    let body = "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>nope</BucketName><RequestId>R1</RequestId><HostId>H1</HostId></Error>";
    let error = list_objects_v2::parse_response(&response(404, &[("x-amz-request-id", "R1"), ("x-amz-id-2", "H1")], body)).expect_err("a 404");
    assert!(matches!(error, ListObjectsV2Error::NoSuchBucket(_)), "{error:?}");
    assert_eq!(error.message(), Some("The specified bucket does not exist"));

    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R2</RequestId><HostId>H2</HostId></Error>";
    let error = list_objects_v2::parse_response(&response(403, &[("x-amz-request-id", "R2"), ("x-amz-id-2", "H2")], body)).expect_err("a 403");
    let ListObjectsV2Error::Unhandled(unmodeled) = &error else { panic!("expected Unhandled, got {error:?}") };
    assert_eq!(unmodeled.code(), Some("AccessDenied"));
    assert_eq!(unmodeled.message(), Some("Access Denied"));
    assert_eq!(unmodeled.request_id(), Some("R2"));
    use s3_objects::RequestId;
    assert_eq!(error.extended_request_id(), Some("H2"));
}

#[test]
fn s3_error_without_a_body_keeps_the_request_ids() {
    // What S3 sends for a HEAD, or behind some proxies: a status and headers only.
    let error = get_object::parse_response(&response(403, &[("x-amz-request-id", "R3"), ("x-amz-id-2", "H3")], Vec::new())).expect_err("a 403");
    use s3_objects::RequestId;
    assert!(matches!(error, GetObjectError::Unhandled(_)), "{error:?}");
    assert_eq!(error.code(), None);
    assert_eq!(error.request_id(), Some("R3"));
    assert_eq!(error.extended_request_id(), Some("H3"));
}

// ---------------------------------------------------------------------------------------------
// STS
// ---------------------------------------------------------------------------------------------

#[test]
fn assume_role_sends_a_form_body() {
    let input = AssumeRoleInput::builder()
        .role_arn("arn:aws:iam::123456789012:role/demo")
        .role_session_name("john-session")
        .duration_seconds(3600)
        .tags(Tag::builder().key("Project").value("Unicorn").build().expect("key and value"))
        .tags(Tag::builder().key("Team").value("Data Eng+Ops").build().expect("key and value"))
        .policy_arns(PolicyDescriptorType::builder().arn("arn:aws:iam::123456789012:policy/ReadOnly").build())
        .policy_arns(PolicyDescriptorType::builder().arn("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess").build())
        .build()
        .expect("builds");
    let request = assume_role::serialize_request(&input).expect("serializes");
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri().to_string(), "/");
    let body = std::str::from_utf8(request.body()).expect("UTF-8");
    // Members in model order: RoleArn, RoleSessionName, PolicyArns, Policy, DurationSeconds, Tags.
    let expected = "Action=AssumeRole&Version=2011-06-15\
        &RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo\
        &RoleSessionName=john-session\
        &PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2FReadOnly\
        &PolicyArns.member.2.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2Fjob-function%2FViewOnlyAccess\
        &DurationSeconds=3600\
        &Tags.member.1.Key=Project&Tags.member.1.Value=Unicorn\
        &Tags.member.2.Key=Team&Tags.member.2.Value=Data%20Eng%2BOps";
    assert_eq!(body, expected);
    assert_eq!(
        headers_of(&request),
        pairs(&[("content-type", "application/x-www-form-urlencoded"), ("content-length", &expected.len().to_string())])
    );
}

fn assume_role_response() -> String {
    format!(
        r#"<AssumeRoleResponse xmlns="{STS_NS}">
  <AssumeRoleResult>
    <SourceIdentity>DevUser123</SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/john-session</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:john-session</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==</SessionToken>
      <Expiration>2019-11-09T13:34:41Z</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>
"#
    )
}

#[test]
fn assume_role_reads_credentials() {
    let out = assume_role::parse_response(&response(
        200,
        &[("x-amzn-RequestId", "c6104cbe-af31-11e0-8154-cbc7ccf896c7"), ("Content-Type", "text/xml")],
        assume_role_response(),
    ))
    .expect("parses");
    let credentials = out.credentials().expect("credentials");
    assert_eq!(credentials.access_key_id(), "ASIAIOSFODNN7EXAMPLE");
    assert_eq!(credentials.secret_access_key(), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
    assert!(credentials.session_token().starts_with("AQoDYXdzEPT//////////wEXAMPLE") && credentials.session_token().ends_with("BA=="));
    assert_eq!(credentials.expiration(), sts_assume_role::primitives::DateTime::from_secs(1_573_306_481));
    let user = out.assumed_role_user().expect("assumed role user");
    assert_eq!(user.arn(), "arn:aws:sts::123456789012:assumed-role/demo/john-session");
    assert_eq!(user.assumed_role_id(), "ARO123EXAMPLE123:john-session");
    assert_eq!(out.packed_policy_size(), Some(6));
    assert_eq!(out.source_identity(), Some("DevUser123"));
    use sts_assume_role::RequestId;
    assert_eq!(out.request_id(), Some("c6104cbe-af31-11e0-8154-cbc7ccf896c7"));
}

#[test]
fn assume_role_request_id_comes_from_the_body_without_the_header() {
    let out = assume_role::parse_response(&response(200, &[], assume_role_response())).expect("parses");
    use sts_assume_role::RequestId;
    assert_eq!(out.request_id(), Some("c6104cbe-af31-11e0-8154-cbc7ccf896c7"));
}

#[test]
fn sts_expired_token_is_typed() {
    let body = format!(
        r#"<ErrorResponse xmlns="{STS_NS}">
  <Error>
    <Type>Sender</Type>
    <Code>ExpiredTokenException</Code>
    <Message>The security token included in the request is expired</Message>
  </Error>
  <RequestId>4ce5f0f4-5e3a-4e0b-9d55-0a6c6a6a2b1e</RequestId>
</ErrorResponse>
"#
    );
    let error = assume_role::parse_response(&response(400, &[("Content-Type", "text/xml")], body)).expect_err("a 400");
    let AssumeRoleError::ExpiredTokenException(typed) = &error else { panic!("expected ExpiredTokenException, got {error:?}") };
    use sts_assume_role::RequestId;
    assert_eq!(typed.message(), Some("The security token included in the request is expired"));
    assert_eq!(typed.request_id(), Some("4ce5f0f4-5e3a-4e0b-9d55-0a6c6a6a2b1e"));
    assert_eq!(error.code(), Some("ExpiredTokenException"));
    assert_eq!(error.message(), Some("The security token included in the request is expired"));
    assert_eq!(RequestId::request_id(&error), Some("4ce5f0f4-5e3a-4e0b-9d55-0a6c6a6a2b1e"));
    assert_eq!(error.to_string(), "ExpiredTokenException: The security token included in the request is expired");
}

#[test]
fn sts_errors_are_matched_by_their_aws_query_error_code() {
    // `MalformedPolicyDocumentException` is sent as `MalformedPolicyDocument` (its
    // `@awsQueryError` code), not under the shape's name.
    let body = format!(
        r#"<ErrorResponse xmlns="{STS_NS}"><Error><Type>Sender</Type><Code>MalformedPolicyDocument</Code><Message>The policy is not in the valid JSON format.</Message></Error><RequestId>r-1</RequestId></ErrorResponse>"#
    );
    let error = assume_role::parse_response(&response(400, &[], body)).expect_err("a 400");
    assert!(error.is_malformed_policy_document_exception(), "{error:?}");
    assert_eq!(error.code(), Some("MalformedPolicyDocument"));
    assert_eq!(error.message(), Some("The policy is not in the valid JSON format."));
    assert_eq!(error.request_id(), Some("r-1"));
}

#[test]
fn sts_unmodeled_error_keeps_code_message_and_request_id() {
    let body = format!(
        r#"<ErrorResponse xmlns="{STS_NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/demo</Message></Error><RequestId>b2b6d9e2-0000-4000-8000-000000000000</RequestId></ErrorResponse>"#
    );
    let error = assume_role::parse_response(&response(403, &[("x-amzn-RequestId", "b2b6d9e2-0000-4000-8000-000000000000")], body))
        .expect_err("a 403");
    let AssumeRoleError::Unhandled(unmodeled) = &error else { panic!("expected Unhandled, got {error:?}") };
    assert_eq!(unmodeled.code(), Some("AccessDenied"));
    assert!(unmodeled.message().is_some_and(|m| m.starts_with("User: arn:aws:iam::123456789012:user/x is not authorized")));
    assert_eq!(unmodeled.request_id(), Some("b2b6d9e2-0000-4000-8000-000000000000"));
}

// ---------------------------------------------------------------------------------------------
// Hostile bodies
// ---------------------------------------------------------------------------------------------

/// What a declared entity expands to in the bodies below; no output may ever contain it.
const EXPANSION: &str = "EXPANDED";

fn billion_laughs() -> String {
    let mut doctype = format!("<!DOCTYPE lolz [<!ENTITY lol0 \"{EXPANSION}\">");
    for i in 1..10 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        doctype.push_str(&format!("<!ENTITY lol{i} \"{refs}\">"));
    }
    doctype.push_str("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
    doctype
}

fn deep(depth: usize) -> String {
    let mut out = String::with_capacity(depth * 7);
    out.push_str(&"<a>".repeat(depth));
    out.push_str(&"</a>".repeat(depth));
    out
}

/// Every string a ListObjectsV2 output holds (enum values as their text).
fn list_strings(out: &ListObjectsV2Output) -> Vec<String> {
    let mut all: Vec<String> = [out.name(), out.prefix(), out.delimiter(), out.continuation_token(), out.next_continuation_token(), out.start_after()]
        .into_iter()
        .flatten()
        .map(str::to_owned)
        .collect();
    all.extend(out.encoding_type().map(|e| e.as_str().to_owned()));
    for object in out.contents() {
        all.extend([object.key(), object.e_tag()].into_iter().flatten().map(str::to_owned));
        all.extend(object.storage_class().map(|s| s.as_str().to_owned()));
        all.extend(object.checksum_type().map(|s| s.as_str().to_owned()));
        all.extend(object.checksum_algorithm().iter().map(|s| s.as_str().to_owned()));
        if let Some(owner) = object.owner() {
            all.extend([owner.id(), owner.display_name()].into_iter().flatten().map(str::to_owned));
        }
    }
    all.extend(out.common_prefixes().iter().filter_map(|p| p.prefix()).map(str::to_owned));
    all
}

/// Every string an AssumeRole output holds.
fn assume_role_strings(out: &AssumeRoleOutput) -> Vec<String> {
    let mut all: Vec<String> = out.source_identity().map(str::to_owned).into_iter().collect();
    if let Some(c) = out.credentials() {
        all.extend([c.access_key_id(), c.secret_access_key(), c.session_token()].map(str::to_owned));
    }
    if let Some(u) = out.assumed_role_user() {
        all.extend([u.arn(), u.assumed_role_id()].map(str::to_owned));
    }
    all
}

/// No string is what an entity expanded to, and together they are no longer than the body
/// (every byte of output text comes from its own bytes of input).
fn check_strings(strings: &[String], debug: &str, body: &[u8]) -> Result<(), TestCaseError> {
    let total: usize = strings.iter().map(String::len).sum();
    prop_assert!(total <= body.len(), "{} bytes of text from a {}-byte body", total, body.len());
    for s in strings {
        prop_assert!(!s.contains(EXPANSION), "an entity was expanded into {:?}", s);
    }
    prop_assert!(!debug.contains(EXPANSION), "an entity was expanded: {}", debug);
    Ok(())
}

/// An error's code and message: never longer than the body, and never an expansion. A body that
/// is no readable XML may become the message as it is (short printable text, as a proxy's page
/// would be): that is the raw text, entity declarations and all, not an expansion of them.
fn check_error_meta(code: Option<&str>, message: Option<&str>, body: &[u8]) -> Result<(), TestCaseError> {
    let raw = std::str::from_utf8(body).ok().map(str::trim);
    for text in [code, message].into_iter().flatten() {
        prop_assert!(text.len() <= body.len(), "{} bytes of text from a {}-byte body", text.len(), body.len());
        prop_assert!(Some(text) == raw || !text.contains(EXPANSION), "an entity was expanded into {:?}", text);
    }
    Ok(())
}

/// Parses `body` as a ListObjectsV2 success and as an error; returns whether the success parsed.
fn list_objects_survives(body: &[u8]) -> Result<bool, TestCaseError> {
    let ok = match list_objects_v2::parse_response(&response(200, &[], body.to_vec())) {
        Ok(out) => {
            check_strings(&list_strings(&out), &format!("{out:?}"), body)?;
            true
        }
        Err(error) => {
            prop_assert!(matches!(error, ListObjectsV2Error::InvalidResponse(_)), "a 200 gave {:?}", error);
            false
        }
    };
    let error = list_objects_v2::parse_response(&response(404, &[], body.to_vec())).expect_err("a 404 is an error");
    check_error_meta(error.code(), error.message(), body)?;
    Ok(ok)
}

/// As [`list_objects_survives`], for AssumeRole.
fn assume_role_survives(body: &[u8]) -> Result<bool, TestCaseError> {
    let ok = match assume_role::parse_response(&response(200, &[], body.to_vec())) {
        Ok(out) => {
            check_strings(&assume_role_strings(&out), &format!("{out:?}"), body)?;
            true
        }
        Err(error) => {
            prop_assert!(matches!(error, AssumeRoleError::InvalidResponse(_)), "a 200 gave {:?}", error);
            false
        }
    };
    let error = assume_role::parse_response(&response(400, &[], body.to_vec())).expect_err("a 400 is an error");
    check_error_meta(error.code(), error.message(), body)?;
    Ok(ok)
}

/// Where a hostile fragment goes in an otherwise valid response.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    /// After the XML declaration, before the root element.
    Prolog,
    /// An attribute value on the root element.
    RootAttr,
    /// An attribute value on an element whose text is read.
    TextAttr,
    /// Between the root's children.
    InRoot,
    /// Inside the text of a member that is read.
    InText,
    /// Inside an unknown element, which is skipped.
    InSkipped,
}

/// A fragment of hostile (or merely unusual) input.
#[derive(Debug, Clone)]
enum Fragment {
    /// The billion-laughs DOCTYPE, with an external entity too.
    Doctype,
    /// A reference to an entity XML does not predefine.
    EntityRef(&'static str),
    /// Elements nested this deep.
    Nesting(usize),
    /// An attribute value of this many bytes (in an attribute slot), or as much text elsewhere.
    Huge(usize),
    /// Bytes that are not UTF-8.
    InvalidUtf8(Vec<u8>),
    /// Things XML allows that the reader must take in stride: comments, processing
    /// instructions, CDATA holding markup and references, character references.
    Benign(&'static str),
}

fn fragment() -> impl Strategy<Value = Fragment> {
    prop_oneof![
        Just(Fragment::Doctype),
        prop::sample::select(vec!["&lol9;", "&lol0;", "&xxe;", "&custom;", "&nbsp;", "&AMP;", "&#xD800;", "&#x110000;", "&#;", "&;", "&amp"])
            .prop_map(Fragment::EntityRef),
        prop_oneof![1usize..=100, 129usize..=2_000, Just(100_000usize)].prop_map(Fragment::Nesting),
        prop_oneof![Just(1usize << 20), 1usize..=4096].prop_map(Fragment::Huge),
        prop::sample::select(vec![
            vec![0xffu8],
            vec![0xc3],
            vec![0xe2, 0x82],
            vec![0xed, 0xa0, 0x80],
            vec![0xc0, 0x80],
            vec![0xf4, 0x90, 0x80, 0x80],
            vec![0x80, 0x80],
        ])
        .prop_map(Fragment::InvalidUtf8),
        prop::sample::select(vec![
            "<!-- a comment with &custom; and <tags> -->",
            "<?pi target data?>",
            "<![CDATA[&custom; <not-a-tag> ]]>",
            "<![CDATA[&lol9; <x/>]]>",
            "&#65;&#x42;&amp;&lt;&gt;&quot;&apos;",
        ])
        .prop_map(Fragment::Benign),
    ]
}

fn slot() -> impl Strategy<Value = Slot> {
    prop::sample::select(vec![Slot::Prolog, Slot::RootAttr, Slot::TextAttr, Slot::InRoot, Slot::InText, Slot::InSkipped])
}

/// The bytes a fragment puts in a slot.
fn fragment_bytes(fragment: &Fragment, slot: Slot) -> Vec<u8> {
    let attr = matches!(slot, Slot::RootAttr | Slot::TextAttr);
    let text = match fragment {
        Fragment::Doctype => billion_laughs(),
        Fragment::EntityRef(r) => r.to_string(),
        Fragment::Nesting(depth) => deep(*depth),
        Fragment::Huge(n) => "x".repeat(*n),
        Fragment::InvalidUtf8(bytes) => {
            let mut out = b"a".to_vec();
            out.extend_from_slice(bytes);
            out.push(b'b');
            return if attr { [b" bad=\"".as_slice(), &out, b"\""].concat() } else { out };
        }
        Fragment::Benign(s) => s.to_string(),
    };
    let text = if attr { format!(" hostile=\"{text}\"") } else { text };
    text.into_bytes()
}

/// A ListObjectsV2 page with `bytes` in `slot`; the slots are `{PROLOG}`, `{ROOT_ATTR}` and so on.
fn list_objects_with(slot: Slot, bytes: &[u8]) -> Vec<u8> {
    let template = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{{PROLOG}}<ListBucketResult xmlns=\"{S3_NS}\"{{ROOT_ATTR}}>{{IN_ROOT}}<Name{{TEXT_ATTR}}>example-bucket{{IN_TEXT}}</Name><KeyCount>1</KeyCount><IsTruncated>false</IsTruncated><Contents><Key>photos/a.jpg</Key><Unknown>{{IN_SKIPPED}}</Unknown><Size>12</Size></Contents></ListBucketResult>"
    );
    fill(&template, slot, bytes)
}

/// An AssumeRole response with `bytes` in `slot`.
fn assume_role_with(slot: Slot, bytes: &[u8]) -> Vec<u8> {
    let template = format!(
        "<?xml version=\"1.0\"?>{{PROLOG}}<AssumeRoleResponse xmlns=\"{STS_NS}\"{{ROOT_ATTR}}>{{IN_ROOT}}<AssumeRoleResult><Credentials><AccessKeyId{{TEXT_ATTR}}>ASIAEXAMPLE{{IN_TEXT}}</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2019-11-09T13:34:41Z</Expiration></Credentials><Unknown>{{IN_SKIPPED}}</Unknown><PackedPolicySize>6</PackedPolicySize></AssumeRoleResult><ResponseMetadata><RequestId>req</RequestId></ResponseMetadata></AssumeRoleResponse>"
    );
    fill(&template, slot, bytes)
}

fn fill(template: &str, slot: Slot, bytes: &[u8]) -> Vec<u8> {
    let marker = match slot {
        Slot::Prolog => "{PROLOG}",
        Slot::RootAttr => "{ROOT_ATTR}",
        Slot::TextAttr => "{TEXT_ATTR}",
        Slot::InRoot => "{IN_ROOT}",
        Slot::InText => "{IN_TEXT}",
        Slot::InSkipped => "{IN_SKIPPED}",
    };
    let mut out = Vec::with_capacity(template.len() + bytes.len());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        let end = rest[at..].find('}').expect("closed marker") + at + 1;
        out.extend_from_slice(&rest.as_bytes()[..at]);
        if &rest[at..end] == marker {
            out.extend_from_slice(bytes);
        }
        rest = &rest[end..];
    }
    out.extend_from_slice(rest.as_bytes());
    out
}

/// What the reader must do with `fragment` in `slot`: `Some(false)` fail, `Some(true)` succeed,
/// `None` either (where XML leaves it to the reader, such as a reference in text that is
/// skipped). `skipped_depth` is the level of the skipped element (the root is level 1), whose
/// content nests one level below it.
fn expected(fragment: &Fragment, slot: Slot, skipped_depth: usize) -> Option<bool> {
    use Fragment::*;
    use Slot::*;
    let markup = |text: &str| text.starts_with("<!--") || text.starts_with("<?");
    match (fragment, slot) {
        // No DTD is read, wherever it appears; `<` is never allowed in an attribute value.
        (Doctype, _) => Some(false),
        (InvalidUtf8(_), _) => Some(false),
        (EntityRef(_), Prolog | RootAttr | TextAttr | InText) => Some(false),
        (EntityRef(_), InRoot | InSkipped) => None,
        (Nesting(_), Prolog | RootAttr | TextAttr | InText) => Some(false),
        (Nesting(depth), InRoot) => Some(*depth < xml_max_depth()),
        (Nesting(depth), InSkipped) => Some(skipped_depth + depth <= xml_max_depth()),
        (Huge(_), Prolog) => Some(false),
        (Huge(_), RootAttr | TextAttr | InRoot | InText | InSkipped) => Some(true),
        (Benign(text), RootAttr | TextAttr) => Some(!text.contains('<')),
        (Benign(text), Prolog) => Some(markup(text)),
        (Benign(text), InRoot) => markup(text).then_some(true),
        (Benign(_), InText | InSkipped) => Some(true),
    }
}

/// How deep elements may nest in the generated crates' XML reader.
fn xml_max_depth() -> usize {
    assert_eq!(s3_objects::xml::MAX_DEPTH, sts_assume_role::xml::MAX_DEPTH);
    s3_objects::xml::MAX_DEPTH
}

#[test]
fn a_hundred_thousand_levels_of_nesting_are_an_error_not_a_stack_overflow() {
    for slot in [Slot::InRoot, Slot::InText, Slot::InSkipped] {
        let fragment = fragment_bytes(&Fragment::Nesting(100_000), slot);
        let list = list_objects_with(slot, &fragment);
        assert!(!list_objects_survives(&list).unwrap(), "{slot:?}");
        let sts = assume_role_with(slot, &fragment);
        assert!(!assume_role_survives(&sts).unwrap(), "{slot:?}");
    }
    // The whole body nested, root and all.
    let body = format!("<ListBucketResult>{}</ListBucketResult>", deep(100_000));
    assert!(!list_objects_survives(body.as_bytes()).unwrap());
}

#[test]
fn billion_laughs_is_refused_and_never_expanded() {
    let body = format!("<?xml version=\"1.0\"?>{}<ListBucketResult xmlns=\"{S3_NS}\"><Name>&lol9;</Name></ListBucketResult>", billion_laughs());
    let error = list_objects_v2::parse_response(&response(200, &[], body.clone())).expect_err("a DOCTYPE");
    assert!(matches!(error, ListObjectsV2Error::InvalidResponse(_)), "{error:?}");
    assert!(!list_objects_survives(body.as_bytes()).unwrap());
    let body = format!("<?xml version=\"1.0\"?>{}<AssumeRoleResponse><AssumeRoleResult><SourceIdentity>&lol9;</SourceIdentity></AssumeRoleResult></AssumeRoleResponse>", billion_laughs());
    assert!(!assume_role_survives(body.as_bytes()).unwrap());
    // In an error body: the error is still an error, and nothing is expanded in its message.
    let body = format!("{}<Error><Code>NoSuchKey</Code><Message>&lol9;</Message></Error>", billion_laughs());
    let error = get_object::parse_response(&response(404, &[], body)).expect_err("a 404");
    assert!(matches!(error, GetObjectError::Unhandled(_)), "{error:?}");
    assert!(!error.message().is_some_and(|m| m.contains(EXPANSION)), "{error:?}");
}

#[test]
fn a_one_megabyte_attribute_is_read_past() {
    let huge = "v".repeat(1 << 20);
    let body = format!("<ListBucketResult xmlns=\"{S3_NS}\" big=\"{huge}\"><Name data=\"{huge}\">b</Name><Contents big=\"{huge}\"><Key>k</Key></Contents></ListBucketResult>");
    let out = list_objects_v2::parse_response(&response(200, &[], body)).expect("attributes are fine");
    assert_eq!(out.name(), Some("b"));
    assert_eq!(out.contents().len(), 1);
    let body = format!("<AssumeRoleResponse big=\"{huge}\"><AssumeRoleResult><SourceIdentity x=\"{huge}\">me</SourceIdentity></AssumeRoleResult></AssumeRoleResponse>");
    let out = assume_role::parse_response(&response(200, &[], body)).expect("attributes are fine");
    assert_eq!(out.source_identity(), Some("me"));
}

#[test]
fn invalid_utf8_in_text_is_an_error() {
    let body = [b"<ListBucketResult><Name>ab".as_slice(), b"\xff\xfe", b"</Name></ListBucketResult>"].concat();
    assert!(matches!(list_objects_v2::parse_response(&response(200, &[], body)), Err(ListObjectsV2Error::InvalidResponse(_))));
    let body = [b"<AssumeRoleResponse><AssumeRoleResult><SourceIdentity>".as_slice(), b"\xc3\x28", b"</SourceIdentity></AssumeRoleResult></AssumeRoleResponse>"].concat();
    assert!(matches!(assume_role::parse_response(&response(200, &[], body)), Err(AssumeRoleError::InvalidResponse(_))));
}

#[test]
fn undeclared_entities_are_errors_and_the_five_are_expanded() {
    for entity in ["&custom;", "&nbsp;", "&xxe;", "&lol9;"] {
        let body = format!("<ListBucketResult><Name>a{entity}b</Name></ListBucketResult>");
        assert!(matches!(list_objects_v2::parse_response(&response(200, &[], body)), Err(ListObjectsV2Error::InvalidResponse(_))), "{entity}");
        let body = format!("<AssumeRoleResponse><AssumeRoleResult><SourceIdentity>{entity}</SourceIdentity></AssumeRoleResult></AssumeRoleResponse>");
        assert!(matches!(assume_role::parse_response(&response(200, &[], body)), Err(AssumeRoleError::InvalidResponse(_))), "{entity}");
    }
    let body = "<ListBucketResult><Name>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;<![CDATA[&custom;]]></Name></ListBucketResult>";
    let out = list_objects_v2::parse_response(&response(200, &[], body)).expect("parses");
    assert_eq!(out.name(), Some("&<>\"'AB&custom;"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..2048)) {
        list_objects_survives(&body)?;
        assume_role_survives(&body)?;
    }

    #[test]
    fn xml_token_soup_never_panics_nor_expands(tokens in prop::collection::vec(prop::sample::select(vec![
        "<ListBucketResult>", "</ListBucketResult>", "<AssumeRoleResponse>", "</AssumeRoleResponse>",
        "<AssumeRoleResult>", "</AssumeRoleResult>", "<Credentials>", "</Credentials>", "<AccessKeyId>",
        "</AccessKeyId>", "<Contents>", "</Contents>", "<Key>", "</Key>", "<Name>", "</Name>", "<Size>",
        "</Size>", "<Error>", "</Error>", "<Code>", "</Code>", "<Message>", "</Message>", "<x a='1'>",
        "<x a=\"&lol0;\">", "</x>", "<y/>", "text", " ", "\n", "&amp;", "&lol0;", "&#65;", "&#xFFFFFFFF;",
        "<!DOCTYPE d [<!ENTITY lol0 \"EXPANDED\">]>", "<![CDATA[", "]]>", "<!--", "-->", "<?pi x?>",
        "<?xml version=\"1.0\"?>", "<", ">", "&", "\"", "\u{feff}", "é", "\u{0}", "12", "true",
    ]), 0..64)) {
        let body = tokens.concat();
        list_objects_survives(body.as_bytes())?;
        assume_role_survives(body.as_bytes())?;
    }

    #[test]
    fn hostile_fragments_are_refused_or_read_without_expansion(fragment in fragment(), slot in slot()) {
        let bytes = fragment_bytes(&fragment, slot);
        let list = list_objects_with(slot, &bytes);
        let parsed = list_objects_survives(&list)?;
        if let Some(ok) = expected(&fragment, slot, 3) {
            prop_assert_eq!(parsed, ok, "ListObjectsV2 with {:?} in {:?}", fragment, slot);
        }
        if parsed {
            // The members around the fragment are read as they are.
            let out = list_objects_v2::parse_response(&response(200, &[], list)).expect("parsed above");
            prop_assert_eq!(out.contents().len(), 1);
            prop_assert_eq!(out.contents()[0].key(), Some("photos/a.jpg"));
            prop_assert_eq!(out.contents()[0].size(), Some(12));
            prop_assert!(out.name().is_some_and(|n| n.starts_with("example-bucket")));
        }
        let sts = assume_role_with(slot, &bytes);
        let parsed = assume_role_survives(&sts)?;
        if let Some(ok) = expected(&fragment, slot, 3) {
            prop_assert_eq!(parsed, ok, "AssumeRole with {:?} in {:?}", fragment, slot);
        }
        if parsed {
            let out = assume_role::parse_response(&response(200, &[], sts)).expect("parsed above");
            prop_assert_eq!(out.packed_policy_size(), Some(6));
            prop_assert!(out.credentials().is_some_and(|c| c.access_key_id().starts_with("ASIAEXAMPLE")));
        }
    }
}
