//! Error responses as services really send them, on one small model generated for each JSON
//! protocol (`tests/fixtures/error_forms_*.json` → `tests/crates/error_forms_*`):
//!
//! - the message under `message`, `Message` or `errorMessage` fills the modeled message member
//!   when it is absent (an optional `message`, a required `Message`, an `errorMessage`), and is
//!   kept for errors with no message member and for unmodeled ones; `Display` shows it;
//! - request IDs on the output and on every kind of error;
//! - an error named by the header whose body is empty, plain text or HTML is still that error;
//! - a property test: whatever the headers and body, `code()` is the code a reference reading of
//!   the protocol finds.

use proptest::prelude::*;
use serde_json::{json, Value};

/// A response with `status`, the given headers and `body`.
fn response(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.into()).expect("a valid test response")
}

/// The three spellings of the message key the crates must read, whatever the model names.
const MESSAGE_KEYS: [&str; 3] = ["message", "Message", "errorMessage"];

/// The reference reading of an error code: the `X-Amzn-ErrorType` header when it is UTF-8 and
/// not blank, else the top-level string `code`, else the top-level string `__type` of a body that
/// is a JSON object; then everything from the first `:` dropped and everything up to the first
/// `#` dropped, surrounding whitespace trimmed; nothing left means no code.
fn reference_code(header: Option<&[u8]>, body: &[u8]) -> Option<String> {
    let from_header = header.and_then(|h| std::str::from_utf8(h).ok()).filter(|t| !t.trim().is_empty());
    let raw = match from_header {
        Some(text) => text.to_owned(),
        None => {
            let value: Value = serde_json::from_slice(body).ok()?;
            let object = value.as_object()?;
            let pick = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
            pick("code").or_else(|| pick("__type"))?
        }
    };
    let before_colon = raw.split(':').next().unwrap_or_default();
    let after_hash = match before_colon.find('#') {
        Some(at) => &before_colon[at + 1..],
        None => before_colon,
    };
    let code = after_hash.trim();
    (!code.is_empty()).then(|| code.to_owned())
}

/// The tests, instantiated once per protocol crate. `$rest` says whether the crate speaks
/// restJson1, where `resource` of `NotFound` and `version` of the output are header members.
macro_rules! error_form_tests {
    ($module:ident, $krate:ident, rest = $rest:expr) => {
        mod $module {
            use super::*;
            use ::$krate::operation::get_widget::{parse_response, GetWidgetError, GetWidgetOutput};
            use ::$krate::types::error::{Denied, InternalFailure, NotFound, Throttled};
            use ::$krate::{ProvideErrorMetadata, RequestId};

            fn parse_error(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> GetWidgetError {
                match parse_response(&response(status, headers, body)) {
                    Ok(output) => panic!("expected an error, got {output:?}"),
                    Err(error) => error,
                }
            }

            /// The two forms an error response names its code in: the header, or the body.
            fn both_forms(code: &str, mut body: Value) -> [(Vec<(&'static str, String)>, Value); 2] {
                let header = (vec![("X-Amzn-ErrorType", code.to_owned())], body.clone());
                body["__type"] = json!(format!("example.errorforms#{code}"));
                [header, (Vec::new(), body)]
            }

            fn parse_form(status: u16, form: &(Vec<(&'static str, String)>, Value)) -> GetWidgetError {
                let headers: Vec<(&str, &str)> = form.0.iter().map(|(n, v)| (*n, v.as_str())).collect();
                parse_error(status, &headers, form.1.to_string())
            }

            #[test]
            fn a_query_error_header_is_ignored_by_a_service_that_is_not_query_compatible() {
                // Sent by mistake (these services are not `awsQueryCompatible`), it must not turn
                // the modeled error into an unmodeled `InvalidParameterValue`.
                let query = ("x-amzn-query-error", "InvalidParameterValue;Sender".to_owned());
                for mut form in both_forms("NotFound", json!({ "message": "gone" })) {
                    form.0.push(query.clone());
                    let error = parse_form(404, &form);
                    assert!(matches!(error, GetWidgetError::NotFound(_)), "got {error:?}");
                    assert_eq!(error.code(), Some("NotFound"));
                }
            }

            #[test]
            fn an_optional_message_member_is_filled_from_every_spelling() {
                for key in MESSAGE_KEYS {
                    for form in both_forms("NotFound", json!({ key: format!("gone ({key})") })) {
                        let error = parse_form(404, &form);
                        let GetWidgetError::NotFound(e) = &error else { panic!("{key}: got {error:?}") };
                        let text = format!("gone ({key})");
                        assert_eq!(e.message(), Some(text.as_str()), "{key}");
                        assert_eq!(error.message(), Some(text.as_str()), "{key}");
                        assert_eq!(error.to_string(), format!("NotFound: {text}"));
                    }
                }
            }

            #[test]
            fn a_required_message_member_is_filled_from_every_spelling() {
                for key in MESSAGE_KEYS {
                    let text = format!("slow down ({key})");
                    for form in both_forms("Throttled", json!({ key: text })) {
                        let error = parse_form(429, &form);
                        let GetWidgetError::Throttled(e) = &error else { panic!("{key}: got {error:?}") };
                        assert_eq!(e.message(), text, "{key}");
                        assert_eq!(ProvideErrorMetadata::message(e), Some(text.as_str()));
                        assert!(error.to_string().ends_with(&text), "{error}");
                    }
                }
                // With no message under any key, the required member stays empty and no message
                // is made up.
                let error = parse_error(429, &[("X-Amzn-ErrorType", "Throttled")], "{}");
                let GetWidgetError::Throttled(e) = &error else { panic!("got {error:?}") };
                assert_eq!(e.message(), "");
                assert_eq!(error.message(), None);
                assert_eq!(error.to_string(), "Throttled");
            }

            #[test]
            fn the_modeled_member_wins_over_other_spellings() {
                let body = json!({ "errorMessage": "modeled", "message": "other" });
                let error = parse_error(500, &[("X-Amzn-ErrorType", "InternalFailure")], body.to_string());
                let GetWidgetError::InternalFailure(e) = &error else { panic!("got {error:?}") };
                assert_eq!(e.error_message(), Some("modeled"));
                assert_eq!(error.message(), Some("modeled"));
                // And an absent `errorMessage` is filled from `message`.
                let error = parse_error(500, &[("X-Amzn-ErrorType", "InternalFailure")], r#"{"message":"from message"}"#);
                let GetWidgetError::InternalFailure(e) = &error else { panic!("got {error:?}") };
                assert_eq!(e.error_message(), Some("from message"));
            }

            #[test]
            fn an_error_without_a_message_member_still_has_its_message() {
                for key in MESSAGE_KEYS {
                    for form in both_forms("Denied", json!({ key: "no entry", "reason": "policy" })) {
                        let error = parse_form(403, &form);
                        let GetWidgetError::Denied(e) = &error else { panic!("{key}: got {error:?}") };
                        assert_eq!(e.reason(), Some("policy"));
                        assert_eq!(e.message(), Some("no entry"), "{key}");
                        assert_eq!(error.message(), Some("no entry"), "{key}");
                        assert_eq!(error.to_string(), "Denied: no entry");
                    }
                }
            }

            #[test]
            fn an_unmodeled_error_keeps_its_message_under_every_spelling() {
                for key in MESSAGE_KEYS {
                    for form in both_forms("Mystery", json!({ key: "what happened" })) {
                        let error = parse_form(400, &form);
                        let GetWidgetError::Unhandled(e) = &error else { panic!("{key}: got {error:?}") };
                        assert_eq!(e.code(), Some("Mystery"));
                        assert_eq!(error.message(), Some("what happened"), "{key}");
                        assert!(error.to_string().contains("what happened"), "{error}");
                    }
                }
            }

            #[test]
            fn the_output_carries_its_request_ids() {
                let headers = [("x-amzn-RequestId", "req-1"), ("x-amz-id-2", "ext-1")];
                let output: GetWidgetOutput = parse_response(&response(200, &headers, r#"{"name":"w"}"#)).expect("a 200 parses");
                assert_eq!(output.name(), Some("w"));
                assert_eq!(RequestId::request_id(&output), Some("req-1"));
                assert_eq!(output.extended_request_id(), Some("ext-1"));
                // The request ID is no member: an output built by hand equals the parsed one.
                assert_eq!(output, GetWidgetOutput::builder().name("w").build());
                // S3's spelling of the header is read too.
                let output = parse_response(&response(200, &[("x-amz-request-id", "s3-req")], "{}")).expect("parses");
                assert_eq!(output.request_id(), Some("s3-req"));
                let output = parse_response(&response(200, &[], "{}")).expect("parses");
                assert_eq!(output.request_id(), None);
            }

            #[test]
            fn every_kind_of_error_carries_its_request_id() {
                let ids = [("x-amzn-RequestId", "req-2")];
                let cases: [(u16, &str, &str); 5] = [
                    (404, "NotFound", r#"{"message":"m"}"#),
                    (429, "Throttled", r#"{"Message":"m"}"#),
                    (403, "Denied", "{}"),
                    (400, "Mystery", "{}"),
                    (500, "InternalFailure", "not json at all"),
                ];
                for (status, code, body) in cases {
                    let mut headers = ids.to_vec();
                    headers.push(("X-Amzn-ErrorType", code));
                    let error = parse_error(status, &headers, body);
                    assert_eq!(error.request_id(), Some("req-2"), "{code}");
                    assert_eq!(error.meta().request_id(), Some("req-2"), "{code}");
                    assert_eq!(error.code(), Some(code));
                    match &error {
                        GetWidgetError::NotFound(e) => assert_eq!(e.request_id(), Some("req-2")),
                        GetWidgetError::Throttled(e) => assert_eq!(e.request_id(), Some("req-2")),
                        GetWidgetError::Denied(e) => assert_eq!(e.request_id(), Some("req-2")),
                        GetWidgetError::InternalFailure(e) => assert_eq!(e.request_id(), Some("req-2")),
                        GetWidgetError::Unhandled(e) => assert_eq!(e.request_id(), Some("req-2")),
                        other => panic!("{code}: got {other:?}"),
                    }
                }
                // An unreadable success is an InvalidResponse, with the request ID.
                let error = parse_response(&response(200, &ids, "{bad")).expect_err("unreadable");
                let GetWidgetError::InvalidResponse(e) = &error else { panic!("got {error:?}") };
                assert_eq!(e.request_id(), Some("req-2"));
                assert_eq!(e.status(), 200);
                assert_eq!(error.message(), None);
                assert!(!e.diagnostic().message().is_empty());
            }

            #[test]
            fn a_header_named_error_with_an_empty_text_or_html_body_is_still_that_error() {
                let html = "<html><head><title>503</title></head><body>Service Unavailable</body></html>";
                let cases: [(&str, Option<&str>); 5] = [
                    ("", None),
                    ("   \n", None),
                    ("Widget not found", Some("Widget not found")),
                    (html, Some(html)),
                    ("{ broken json", None),
                ];
                for (body, message) in cases {
                    let headers = [("X-Amzn-ErrorType", "NotFound"), ("x-resource", "w-1"), ("x-amzn-RequestId", "r")];
                    let error = parse_error(404, &headers, body);
                    let GetWidgetError::NotFound(e) = &error else { panic!("{body:?}: got {error:?}") };
                    assert_eq!(e.message(), message, "{body:?}");
                    assert_eq!(error.message(), message, "{body:?}");
                    assert_eq!(error.code(), Some("NotFound"));
                    assert_eq!(error.request_id(), Some("r"));
                    // Header members are read whatever the body; awsJson binds nothing to headers.
                    let resource = if $rest { Some("w-1") } else { None };
                    assert_eq!(e.resource(), resource, "{body:?}");
                }
                // Long or binary bodies are no message.
                let long = "x".repeat(600);
                for body in [long.into_bytes(), vec![0xff, 0xfe, 0x00], b"a\x07b".to_vec()] {
                    let error = parse_error(404, &[("X-Amzn-ErrorType", "NotFound")], body);
                    assert!(error.is_not_found());
                    assert_eq!(error.message(), None);
                }
            }

            /// Header values the property test draws from: codes in every spelling, blanks and junk.
            fn header_value() -> impl Strategy<Value = Option<Vec<u8>>> {
                prop::option::of(prop_oneof![
                    "(ns\\.x#)?(NotFound|Throttled|Denied|InternalFailure|Mystery)(:http://x/y)?".prop_map(String::into_bytes),
                    "[ #:a-zA-Z.]{0,12}".prop_map(String::into_bytes),
                    prop::collection::vec(0x80u8..=0xff, 1..4),
                ])
            }

            /// Bodies: JSON objects with `code`/`__type` of any type and spelling, nested ones,
            /// arrays, text, and raw bytes.
            fn body() -> impl Strategy<Value = Vec<u8>> {
                let code = prop_oneof![
                    "(ns#)?(NotFound|Throttled|Denied|InternalFailure|Mystery)(:u)?".prop_map(Value::String),
                    "[ #:a-z]{0,6}".prop_map(Value::String),
                    any::<i64>().prop_map(Value::from),
                    Just(Value::Null),
                    Just(json!({ "__type": "NotFound" })),
                ];
                let object = (prop::option::of(code.clone()), prop::option::of(code), prop::option::of("[a-z ]{0,8}"))
                    .prop_map(|(code, ty, message)| {
                        let mut map = serde_json::Map::new();
                        if let Some(c) = code {
                            map.insert("code".into(), c);
                        }
                        if let Some(t) = ty {
                            map.insert("__type".into(), t);
                        }
                        if let Some(m) = message {
                            map.insert("message".into(), Value::String(m));
                        }
                        map.insert("nested".into(), json!({ "__type": "Throttled", "code": "Denied" }));
                        Value::Object(map).to_string().into_bytes()
                    });
                prop_oneof![
                    4 => object,
                    1 => Just(b"[\"__type\", \"NotFound\"]".to_vec()),
                    1 => "[ -~]{0,40}".prop_map(String::into_bytes),
                    1 => prop::collection::vec(any::<u8>(), 0..40),
                ]
            }

            proptest! {
                #![proptest_config(ProptestConfig::with_cases(512))]

                #[test]
                fn code_is_always_the_reference_code(header in header_value(), body in body(), status in 400u16..600) {
                    let mut builder = http::Response::builder().status(status);
                    if let Some(value) = &header {
                        builder = builder.header("X-Amzn-ErrorType", http::HeaderValue::from_bytes(value).expect("valid header bytes"));
                    }
                    let response = builder.body(body.clone()).expect("a valid response");
                    let error = parse_response(&response).expect_err("an error status");
                    let expected = reference_code(header.as_deref(), &body);
                    prop_assert_eq!(error.code().map(str::to_owned), expected);
                    // Modeled codes give their variant, whatever the body held.
                    let modeled = [NotFound::CODE, Throttled::CODE, Denied::CODE, InternalFailure::CODE];
                    if let Some(code) = error.code().filter(|c| modeled.contains(c)) {
                        prop_assert!(!matches!(error, GetWidgetError::Unhandled(_)), "{} became Unhandled", code);
                    }
                }
            }
        }
    };
}

error_form_tests!(rest_json, error_forms_rest_json, rest = true);
error_form_tests!(json10, error_forms_json10, rest = false);
error_form_tests!(json11, error_forms_json11, rest = false);

/// An `awsQueryCompatible` service names each error twice: its awsQuery code in
/// `x-amzn-query-error: Code;Fault` and its JSON type in `__type`
/// (`tests/fixtures/query_compatible.json` → `tests/crates/query_compatible`). The error is the
/// one the awsQuery code names, else the one the type names; the metadata's code stays the
/// awsQuery code.
mod aws_query_compatible {
    use super::*;
    use ::query_compatible::operation::get_queue_url::{parse_response, GetQueueUrlError};

    fn parse_error(headers: &[(&str, &str)], body: &str) -> GetQueueUrlError {
        parse_response(&response(400, headers, body)).expect_err("an error status")
    }

    #[test]
    fn an_error_the_model_knows_by_its_type_alone_is_found_by_its_type() {
        // SQS's answer to GetQueueUrl for a missing queue; the model has no awsQuery code for it.
        let body = r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#;
        let error = parse_error(&[("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")], body);
        let GetQueueUrlError::QueueDoesNotExist(typed) = &error else { panic!("expected QueueDoesNotExist, got {error:?}") };
        assert_eq!(typed.message.as_deref(), Some("The specified queue does not exist."));
        // The metadata keeps the code the service sent; `code()` of a modeled error is its model's.
        assert_eq!(error.meta().code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
        assert_eq!(error.code(), Some("QueueDoesNotExist"));
    }

    #[test]
    fn the_type_may_come_from_the_error_type_header() {
        let headers = [("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"), ("X-Amzn-ErrorType", "QueueDoesNotExist")];
        let error = parse_error(&headers, "");
        assert!(error.is_queue_does_not_exist(), "{error:?}");
        assert_eq!(error.meta().code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    }

    #[test]
    fn the_awsquery_code_names_the_error_before_the_type() {
        // `QueueNameExists` has the awsQuery code `QueueAlreadyExists`; the body's type is ignored.
        let body = r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}"#;
        let error = parse_error(&[("x-amzn-query-error", "QueueAlreadyExists;Sender")], body);
        assert!(error.is_queue_name_exists(), "{error:?}");
        assert_eq!(error.code(), Some("QueueAlreadyExists"));
    }

    #[test]
    fn without_the_query_header_the_type_names_the_error() {
        let error = parse_error(&[], r#"{"__type":"com.amazonaws.sqs#QueueNameExists"}"#);
        assert!(error.is_queue_name_exists(), "{error:?}");
        assert_eq!(error.meta().code(), Some("QueueNameExists"));
        assert_eq!(error.code(), Some("QueueAlreadyExists"));
    }

    #[test]
    fn codes_the_model_does_not_know_stay_unhandled_with_the_awsquery_code() {
        let body = r#"{"__type":"com.amazonaws.sqs#InvalidAddress","message":"nope"}"#;
        let error = parse_error(&[("x-amzn-query-error", "InvalidAddress;Sender")], body);
        let GetQueueUrlError::Unhandled(unmodeled) = &error else { panic!("expected Unhandled, got {error:?}") };
        assert_eq!(unmodeled.code(), Some("InvalidAddress"));
        assert_eq!(unmodeled.message(), Some("nope"));
    }
}
