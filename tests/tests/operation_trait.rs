//! One generic function serves every operation of every generated crate, through the
//! `Operation` trait and the `ServiceError` trait of each crate, whatever its protocol.

mod common;

use std::error::Error as _;

use ivsrealtime::operation::update_stage::{UpdateStage, UpdateStageInput};
use ivsrealtime::operation::Operation;
use ivsrealtime::{ProvideErrorMetadata, RequestId};

/// What an SDK writes once: serialize, point at an endpoint, send (here: `transport`), parse.
/// Errors of any operation give their code, message, request ID and retryability generically.
fn send<O, T>(input: &O::Input, transport: T) -> Result<O::Output, String>
where
    O: Operation,
    T: FnOnce(http::Request<Vec<u8>>) -> http::Response<Vec<u8>>,
{
    let mut request = O::serialize_request(input).map_err(|e| e.to_string())?;
    let prefix = O::host_prefix(input).map_err(|e| e.to_string())?.unwrap_or_default();
    ivsrealtime::apply_endpoint(&mut request, "https://service.example.com", &prefix).map_err(|e| e.to_string())?;
    let response = transport(request);
    O::parse_response(&response).map_err(|e| {
        format!(
            "{}: {} (code {:?}, request id {:?}, retryable {})",
            O::NAME,
            e,
            ProvideErrorMetadata::code(&e),
            RequestId::request_id(&e),
            ProvideErrorMetadata::is_retryable(&e)
        )
    })
}

fn respond(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).expect("a valid response")
}

#[test]
fn one_generic_send_for_rest_json() {
    let input = UpdateStageInput::builder().arn("arn:aws:ivs:us-west-2:123:stage/abc").build().expect("arn is set");
    let output = send::<UpdateStage, _>(&input, |request| {
        assert_eq!(request.uri().to_string(), "https://service.example.com/UpdateStage");
        respond(200, &[("x-amzn-RequestId", "r-1")], r#"{"stage":{"arn":"a"}}"#)
    })
    .expect("a 200");
    assert_eq!(output.request_id(), Some("r-1"));

    let error = send::<UpdateStage, _>(&input, |_| {
        respond(429, &[("X-Amzn-ErrorType", "ThrottlingException"), ("x-amzn-RequestId", "r-2")], r#"{"message":"slow down"}"#)
    })
    .expect_err("a 429");
    assert_eq!(
        error,
        r#"UpdateStage: ThrottlingException: slow down (request id r-2) (code Some("ThrottlingException"), request id Some("r-2"), retryable true)"#
    );
}

#[test]
fn one_generic_send_for_the_xml_protocols() {
    use s3_objects::operation::list_objects_v2::{ListObjectsV2, ListObjectsV2Input};
    use sts_assume_role::operation::assume_role::{AssumeRole, AssumeRoleInput};

    fn s3_send<O: s3_objects::operation::Operation>(input: &O::Input, body: &str) -> Result<O::Output, O::Error> {
        let mut request = O::serialize_request(input).expect("serializes");
        s3_objects::apply_endpoint(&mut request, "https://s3.us-west-2.amazonaws.com", "").expect("endpoint");
        assert!(request.uri().to_string().starts_with("https://s3.us-west-2.amazonaws.com/bucket"), "{}", request.uri());
        O::parse_response(&respond(200, &[("x-amz-request-id", "s3-req")], body))
    }
    let input = ListObjectsV2Input::builder().bucket("bucket").build().expect("bucket is set");
    let output = s3_send::<ListObjectsV2>(&input, "<ListBucketResult><Name>bucket</Name><KeyCount>0</KeyCount></ListBucketResult>")
        .expect("parses");
    assert_eq!(s3_objects::RequestId::request_id(&output), Some("s3-req"));
    assert_eq!(output.name(), Some("bucket"));

    let input = AssumeRoleInput::builder().role_arn("arn:aws:iam::123:role/r").role_session_name("s").build().expect("set");
    let mut request = <AssumeRole as sts_assume_role::operation::Operation>::serialize_request(&input).expect("serializes");
    sts_assume_role::apply_endpoint(&mut request, "https://sts.amazonaws.com", "").expect("endpoint");
    assert_eq!(request.uri().to_string(), "https://sts.amazonaws.com/");
    let error = <AssumeRole as sts_assume_role::operation::Operation>::parse_response(&respond(
        400,
        &[],
        "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>q-1</RequestId></ErrorResponse>",
    ))
    .expect_err("an error");
    assert_eq!(sts_assume_role::ProvideErrorMetadata::code(&error), Some("Throttling"));
    assert_eq!(sts_assume_role::ProvideErrorMetadata::message(&error), Some("Rate exceeded"));
    assert_eq!(sts_assume_role::RequestId::request_id(&error), Some("q-1"));
    assert!(sts_assume_role::ProvideErrorMetadata::is_retryable(&error));
    assert!(error.source().is_some());
}

#[test]
fn modeled_retryable_and_throttling_errors_say_so() {
    use error_forms_json10::operation::get_widget::GetWidget;
    let parse = |code: &str| {
        let response = respond(400, &[("X-Amzn-ErrorType", code)], "{}");
        <GetWidget as error_forms_json10::operation::Operation>::parse_response(&response).expect_err("an error")
    };
    let throttled = parse("Throttled");
    assert!(error_forms_json10::ProvideErrorMetadata::is_throttling(&throttled));
    assert!(error_forms_json10::ProvideErrorMetadata::is_retryable(&throttled));
    let not_found = parse("NotFound");
    assert!(!error_forms_json10::ProvideErrorMetadata::is_retryable(&not_found));
    let unmodeled = parse("RequestTimeout");
    assert!(error_forms_json10::ProvideErrorMetadata::is_retryable(&unmodeled));
    assert!(!error_forms_json10::ProvideErrorMetadata::is_throttling(&unmodeled));
}

#[test]
fn service_constants() {
    assert_eq!(ivsrealtime::SIGNING_NAME, "ivs");
    assert_eq!(ivsrealtime::API_VERSION, "2020-07-14");
    assert_eq!(ivsrealtime::PROTOCOL, "restJson1");
    assert_eq!(ivsrealtime::ENDPOINT_PREFIX, "ivsrealtime");
    assert_eq!(s3_objects::SIGNING_NAME, "s3");
    assert_eq!(s3_objects::PROTOCOL, "restXml");
    assert_eq!(sts_assume_role::PROTOCOL, "awsQuery");
    assert_eq!(sts_assume_role::SERVICE_ID, "com.amazonaws.sts#AWSSecurityTokenServiceV20110615");
}

/// A `@required` idempotency token of a structure without `@input` is a `String`, not an
/// `Option`: the builder fills it with a fresh token, so `build()` does not demand it.
#[test]
fn a_required_idempotency_token_is_filled_by_the_builder() {
    let files = common::generate(&common::repo_root().join("tests/fixtures/aws_json.json"));
    let module = &files["src/operation/send_message.rs"];
    assert!(module.contains("dedup_token: self.dedup_token.unwrap_or_else(crate::wire::idempotency_token)"), "{module}");
    assert!(!module.contains("BuildError::missing(\"SendMessageInput\", \"dedupToken\")"));
}
