//! `UpdateStage` end to end through the generated restJson1 wire layer:
//! `serialize_request` builds the `http::Request`, `parse_response` reads the `http::Response`.
//!
//! - Errors: each of the six modeled errors is recognised from the `X-Amzn-ErrorType` header,
//!   the body's `code` member and the body's `__type` member, in every spelling restJson1 allows
//!   (bare, `namespace#` prefix, `:http://...` suffix, both); the header beats `code`, which
//!   beats `__type`; only top-level body members count; the message (`exceptionMessage`) and the
//!   header-bound members are read.
//! - Unmodeled errors keep their code, message and request ID; an error without a code is
//!   `Unhandled` with no code; a malformed body is `InvalidResponse` (keeping the code), never a
//!   panic; a header-named error with an empty, text or HTML body is still that error.
//! - The message is read under `message`, `Message` or `errorMessage` when `exceptionMessage` is
//!   absent; the output and every error carry the request ID.
//! - A successful response with unknown members and unknown enum values parses without loss.
//! - The request of the API reference page's "Request Syntax": method, path, headers and body.
//! - Explicit `false` is sent, unset members are not; an input without `arn`.

use ivsrealtime::error::DeserializeError;
use ivsrealtime::json::{parse, semantically_equal};
use ivsrealtime::operation::update_stage::{
    parse_response, serialize_request, UpdateStageError, UpdateStageInput, UpdateStageOutput,
};
use ivsrealtime::types::error::{
    AccessDeniedException, ConflictException, PendingVerification, ResourceNotFoundException,
    ServiceQuotaExceededException, ValidationException,
};
use ivsrealtime::types::{
    AutoParticipantRecordingConfiguration, ParticipantRecordingHlsConfiguration,
    ParticipantRecordingMediaType, ParticipantThumbnailConfiguration, Stage, StageEndpoints,
    ThumbnailRecordingMode, ThumbnailStorageType,
};
use proptest::prelude::*;
use serde_json::{json, Value};

mod ivs_data;

use ivs_data::{full_stage_body, STAGE_ARN, STORAGE_ARN};

/// The suffix some services append to an error code.
const URL_SUFFIX: &str = ":http://internal.amazon.com/coral/com.amazon.coral.validate/";
/// The namespace some services put before an error code.
const NAMESPACE: &str = "com.amazonaws.ivsrealtime#";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A response with `status`, the given headers and `body`.
fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: impl Into<Vec<u8>>,
) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.into()).expect("a valid test response")
}

/// `parse_response` on a response that must be an error.
fn parse_error(
    status: u16,
    headers: &[(&str, &str)],
    body: impl Into<Vec<u8>>,
) -> UpdateStageError {
    match parse_response(&response(status, headers, body)) {
        Ok(output) => panic!("expected an error, got {output:?}"),
        Err(error) => error,
    }
}

/// `parse_response` on a 200 response with a JSON body.
fn parse_ok(body: &Value) -> UpdateStageOutput {
    parse_response(&response(200, &[], serde_json::to_vec(body).unwrap()))
        .unwrap_or_else(|e| panic!("a 200 with a valid body parses, got {e:?}"))
}

/// What a modeled error holds, the same for all six (they share their members).
#[derive(Debug, Clone, PartialEq, Default)]
struct Modeled {
    /// The variant of `UpdateStageError`.
    variant: &'static str,
    /// `CODE` of the error's type.
    code: &'static str,
    /// `HTTP_STATUS` of the error's type.
    http_status: u16,
    /// `exceptionMessage`, read from the body.
    message: Option<String>,
    /// The members bound to response headers, in model order.
    headers: [Option<String>; 8],
    /// The error's `Display`.
    shown: String,
}

/// Takes a modeled error apart; `None` for `Unhandled` and `InvalidResponse`.
fn modeled(error: &UpdateStageError) -> Option<Modeled> {
    macro_rules! arms {
        ($($variant:ident),*) => {
            match error {
                $(UpdateStageError::$variant(e) => Some(Modeled {
                    variant: stringify!($variant),
                    code: $variant::CODE,
                    http_status: $variant::HTTP_STATUS,
                    message: e.exception_message().map(str::to_owned),
                    headers: [
                        e.access_control_allow_origin().map(str::to_owned),
                        e.access_control_expose_headers().map(str::to_owned),
                        e.cache_control().map(str::to_owned),
                        e.content_security_policy().map(str::to_owned),
                        e.strict_transport_security().map(str::to_owned),
                        e.x_content_type_options().map(str::to_owned),
                        e.x_frame_options().map(str::to_owned),
                        e.x_amzn_error_type().map(str::to_owned),
                    ],
                    shown: e.to_string(),
                }),)*
                _ => None,
            }
        };
    }
    arms!(
        AccessDeniedException,
        ConflictException,
        PendingVerification,
        ResourceNotFoundException,
        ServiceQuotaExceededException,
        ValidationException
    )
}

/// The six modeled errors: (code, HTTP status the model gives them).
const MODELED: [(&str, u16); 6] = [
    ("AccessDeniedException", 403),
    ("ConflictException", 409),
    ("PendingVerification", 403),
    ("ResourceNotFoundException", 404),
    ("ServiceQuotaExceededException", 402),
    ("ValidationException", 400),
];

/// Every spelling of `code` that restJson1 says must be recognised as `code`.
fn spellings(code: &str) -> [String; 4] {
    [
        code.to_owned(),
        format!("{code}{URL_SUFFIX}"),
        format!("{NAMESPACE}{code}"),
        format!("{NAMESPACE}{code}{URL_SUFFIX}"),
    ]
}

/// The `(code, message, request id)` of an `Unhandled` error; panics on anything else.
fn unhandled(error: &UpdateStageError) -> (Option<&str>, Option<&str>, Option<&str>) {
    match error {
        UpdateStageError::Unhandled(e) => (e.code(), e.message(), e.request_id()),
        other => panic!("expected Unhandled, got {other:?}"),
    }
}

/// The `DeserializeError` of an `InvalidResponse`; panics on anything else.
fn invalid(error: &UpdateStageError) -> &DeserializeError {
    match error {
        UpdateStageError::InvalidResponse(e) => e.diagnostic(),
        other => panic!("expected InvalidResponse, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Modeled errors
// ---------------------------------------------------------------------------------------------

#[test]
fn modeled_error_types_have_the_models_codes_and_statuses() {
    let table: Vec<(&str, u16)> = [
        (
            AccessDeniedException::CODE,
            AccessDeniedException::HTTP_STATUS,
        ),
        (ConflictException::CODE, ConflictException::HTTP_STATUS),
        (PendingVerification::CODE, PendingVerification::HTTP_STATUS),
        (
            ResourceNotFoundException::CODE,
            ResourceNotFoundException::HTTP_STATUS,
        ),
        (
            ServiceQuotaExceededException::CODE,
            ServiceQuotaExceededException::HTTP_STATUS,
        ),
        (ValidationException::CODE, ValidationException::HTTP_STATUS),
    ]
    .into();
    assert_eq!(table, MODELED);
}

#[test]
fn each_modeled_error_is_recognised_from_the_x_amzn_error_type_header() {
    for (code, status) in MODELED {
        for spelling in spellings(code) {
            let message = format!("{code} via the header");
            let body = json!({ "exceptionMessage": message }).to_string();
            let error = parse_error(status, &[("X-Amzn-ErrorType", &spelling)], body);
            let found = modeled(&error).unwrap_or_else(|| panic!("{spelling}: got {error:?}"));
            assert_eq!(found.variant, code, "{spelling}");
            assert_eq!(found.code, code);
            assert_eq!(found.http_status, status);
            assert_eq!(
                found.message.as_deref(),
                Some(message.as_str()),
                "{spelling}"
            );
            assert_eq!(found.shown, format!("{code}: {message}"));
            // The header is also bound to the error's `xAmznErrorType` member, as sent.
            assert_eq!(found.headers[7].as_deref(), Some(spelling.as_str()));
            assert_eq!(error.code(), Some(code));
            assert_eq!(error.message(), Some(message.as_str()));
            assert_eq!(error.to_string(), format!("{code}: {message}"));
        }
    }
}

/// Each modeled error, named by body member `member` in every spelling, is recognised.
fn assert_recognised_from_body_member(member: &str) {
    for (code, status) in MODELED {
        for spelling in spellings(code) {
            let message = format!("{code} via {member}");
            let body = json!({ member: spelling, "exceptionMessage": message }).to_string();
            let error = parse_error(status, &[], body);
            let found = modeled(&error).unwrap_or_else(|| panic!("{spelling}: got {error:?}"));
            assert_eq!(found.variant, code, "{spelling}");
            assert_eq!(
                found.message.as_deref(),
                Some(message.as_str()),
                "{spelling}"
            );
            assert_eq!(found.shown, format!("{code}: {message}"));
            // No header was sent, so no header member is set.
            assert_eq!(found.headers, <[Option<String>; 8]>::default());
            assert_eq!(error.code(), Some(code));
            assert_eq!(error.to_string(), format!("{code}: {message}"));
        }
    }
}

#[test]
fn each_modeled_error_is_recognised_from_the_body_code_member() {
    assert_recognised_from_body_member("code");
}

#[test]
fn each_modeled_error_is_recognised_from_the_body_type_member() {
    assert_recognised_from_body_member("__type");
}

#[test]
fn the_code_decides_the_error_not_the_status() {
    // A ConflictException is a 409 in the model; sent with another status it is still one.
    for status in [400, 409, 500, 503] {
        let error = parse_error(status, &[("X-Amzn-ErrorType", "ConflictException")], "{}");
        assert!(error.is_conflict_exception(), "{status}: {error:?}");
    }
}

#[test]
fn modeled_error_without_a_message_displays_its_code() {
    let error = parse_error(404, &[], r#"{"__type":"ResourceNotFoundException"}"#);
    assert!(error.is_resource_not_found_exception(), "{error:?}");
    assert_eq!(error.message(), None);
    assert_eq!(error.to_string(), "ResourceNotFoundException");
    // An empty body, with the code in the header, reads the same.
    let error = parse_error(
        404,
        &[("X-Amzn-ErrorType", "ResourceNotFoundException")],
        "",
    );
    assert!(error.is_resource_not_found_exception(), "{error:?}");
    assert_eq!(error.message(), None);
}

#[test]
fn header_beats_body_code_which_beats_type() {
    let body = json!({
        "__type": "AccessDeniedException",
        "code": "ValidationException",
        "exceptionMessage": "m"
    })
    .to_string();

    // All three: the header wins.
    let error = parse_error(
        400,
        &[("X-Amzn-ErrorType", "ConflictException")],
        body.clone(),
    );
    assert!(error.is_conflict_exception(), "{error:?}");
    assert_eq!(error.message(), Some("m"));

    // No header: `code` wins over `__type`, in either order in the body.
    let error = parse_error(400, &[], body);
    assert!(error.is_validation_exception(), "{error:?}");
    let reversed = r#"{"code":"ValidationException","__type":"AccessDeniedException"}"#;
    assert!(parse_error(400, &[], reversed).is_validation_exception());

    // Only `__type`.
    let error = parse_error(400, &[], r#"{"__type":"AccessDeniedException"}"#);
    assert!(error.is_access_denied_exception(), "{error:?}");

    // The header wins even when it names an error the operation does not declare.
    let error = parse_error(
        500,
        &[("X-Amzn-ErrorType", "InternalServerException")],
        r#"{"code":"ValidationException","__type":"ConflictException","message":"m"}"#,
    );
    assert_eq!(
        unhandled(&error),
        (Some("InternalServerException"), Some("m"), None)
    );

    // A blank header names nothing: the body decides.
    let error = parse_error(
        400,
        &[("X-Amzn-ErrorType", " ")],
        r#"{"code":"ConflictException"}"#,
    );
    assert!(error.is_conflict_exception(), "{error:?}");
}

#[test]
fn nested_code_and_type_members_are_ignored() {
    // Only top-level members name the error.
    let nested = json!({
        "error": { "__type": "ConflictException", "code": "ConflictException" },
        "details": [{ "__type": "ValidationException" }],
        "exceptionMessage": "nested"
    })
    .to_string();
    let error = parse_error(409, &[], nested);
    assert_eq!(unhandled(&error).0, None, "{error:?}");

    // A top-level `__type` next to a nested one is the one used.
    let both = json!({
        "__type": "PendingVerification",
        "inner": { "__type": "ConflictException", "code": "ValidationException" }
    })
    .to_string();
    assert!(parse_error(403, &[], both).is_pending_verification());

    // Nor does a body that is an array or a string name a code.
    let error = parse_error(400, &[], r#"[{"__type":"ConflictException"}]"#);
    assert_eq!(unhandled(&error).0, None, "{error:?}");
    let error = parse_error(400, &[], r#""ConflictException""#);
    assert_eq!(unhandled(&error).0, None, "{error:?}");
}

#[test]
fn header_bound_members_of_an_error_are_read() {
    // The modeled errors have one body member (`exceptionMessage`); every other member is
    // bound to a response header.
    let headers = [
        (
            "Access-Control-Allow-Origin",
            "https://console.aws.amazon.com",
        ),
        (
            "Access-Control-Expose-Headers",
            "x-amzn-RequestId, x-amzn-ErrorType",
        ),
        ("Cache-Control", "no-store"),
        ("Content-Security-Policy", "default-src 'none'"),
        (
            "Strict-Transport-Security",
            "max-age=47304000; includeSubDomains",
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        (
            "x-amzn-ErrorType",
            "ValidationException:http://internal.amazon.com/",
        ),
    ];
    let body = r#"{"exceptionMessage":"name is too long","cacheControl":"not from the body"}"#;
    let error = parse_error(400, &headers, body);
    let found = modeled(&error).expect("a modeled error");
    assert_eq!(found.variant, "ValidationException");
    assert_eq!(found.message.as_deref(), Some("name is too long"));
    let expected: Vec<Option<String>> = headers.iter().map(|(_, v)| Some(v.to_string())).collect();
    assert_eq!(found.headers.to_vec(), expected);

    // The same through the typed accessors of one error.
    let UpdateStageError::ValidationException(e) = &error else {
        unreachable!()
    };
    assert_eq!(e.cache_control(), Some("no-store"));
    assert_eq!(e.x_frame_options(), Some("DENY"));
    assert_eq!(e.message(), Some("name is too long"));

    // A header sent twice is read as one list.
    let error = parse_error(
        409,
        &[
            ("X-Amzn-ErrorType", "ConflictException"),
            ("Cache-Control", "no-cache"),
            ("Cache-Control", "no-store"),
        ],
        "",
    );
    let UpdateStageError::ConflictException(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.cache_control(), Some("no-cache, no-store"));
}

#[test]
fn every_modeled_error_reads_its_message_and_headers() {
    for (code, status) in MODELED {
        let error = parse_error(
            status,
            &[
                ("X-Amzn-ErrorType", code),
                ("X-Frame-Options", "SAMEORIGIN"),
            ],
            json!({ "exceptionMessage": format!("about {code}"), "unknownMember": [1, 2] })
                .to_string(),
        );
        let found = modeled(&error).expect("a modeled error");
        assert_eq!(found.variant, code);
        assert_eq!(found.message, Some(format!("about {code}")));
        assert_eq!(found.headers[6].as_deref(), Some("SAMEORIGIN"));
        assert_eq!(found.headers[7].as_deref(), Some(code));
        assert_eq!(found.headers[..6], <[Option<String>; 6]>::default());
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Unmodeled errors, missing codes, malformed responses
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_code_is_unhandled_with_code_message_and_request_id() {
    let request_id = "8c9e6a3f-1d2b-4c5e-9f0a-7b6c5d4e3f2a";
    // From `__type`, with namespace and suffix.
    let error = parse_error(
        500,
        &[("x-amzn-RequestId", request_id)],
        json!({
            "__type": format!("{NAMESPACE}InternalServerException{URL_SUFFIX}"),
            "message": "try again later"
        })
        .to_string(),
    );
    assert_eq!(
        unhandled(&error),
        (
            Some("InternalServerException"),
            Some("try again later"),
            Some(request_id)
        )
    );
    assert_eq!(error.code(), Some("InternalServerException"));
    assert_eq!(error.message(), Some("try again later"));
    let shown = error.to_string();
    for part in ["InternalServerException", "try again later", request_id] {
        assert!(shown.contains(part), "{shown}");
    }
    assert!(modeled(&error).is_none());
    assert!(!error.is_validation_exception());

    // From the header, the request ID header in another case.
    let error = parse_error(
        429,
        &[
            ("X-Amzn-ErrorType", "ThrottlingException"),
            ("X-AMZN-REQUESTID", "abc"),
        ],
        r#"{"Message":"slow down"}"#,
    );
    assert_eq!(
        unhandled(&error),
        (Some("ThrottlingException"), Some("slow down"), Some("abc"))
    );

    // From `code`, with the message in `errorMessage`.
    let error = parse_error(400, &[], r#"{"code":"SomethingNew","errorMessage":"new"}"#);
    assert_eq!(unhandled(&error), (Some("SomethingNew"), Some("new"), None));

    // A modeled error's name in another case is not that error.
    let error = parse_error(400, &[], r#"{"__type":"validationexception"}"#);
    assert_eq!(unhandled(&error).0, Some("validationexception"));
}

#[test]
fn error_status_without_a_code_is_unhandled_without_a_code() {
    let cases: [(u16, &str, Option<&str>); 7] = [
        (500, "", None),
        (400, "{}", None),
        (404, r#"{"message":"not found"}"#, Some("not found")),
        (502, "<html><body>Bad Gateway</body></html>", Some("<html><body>Bad Gateway</body></html>")),
        (502, "Bad Gateway", Some("Bad Gateway")),
        (503, "{\"message\": ", None),
        (400, r#"{"code":42,"__type":null,"message":7}"#, None),
    ];
    for (status, body, message) in cases {
        let error = parse_error(status, &[("x-amzn-RequestId", "rid")], body);
        assert_eq!(
            unhandled(&error),
            (None, message, Some("rid")),
            "{status} {body}"
        );
        assert_eq!(error.code(), None);
        assert!(!error.to_string().is_empty());
    }
    // Non-2xx statuses that are not errors in HTTP terms are not successes either.
    for status in [100, 301, 304] {
        assert_eq!(unhandled(&parse_error(status, &[], "")).0, None, "{status}");
    }
}

#[test]
fn modeled_error_whose_json_members_are_wrong_is_an_invalid_response_with_its_code() {
    // The code names a modeled error, and its JSON object holds a member of the wrong type.
    let error = parse_error(
        400,
        &[("x-amzn-RequestId", "rid")],
        r#"{"__type":"ValidationException","exceptionMessage":5}"#,
    );
    let e = invalid(&error);
    assert_eq!(e.path(), "exceptionMessage");
    assert_eq!(error.code(), Some("ValidationException"));
    assert_eq!(error.request_id(), Some("rid"));
    // The diagnostic is ours and stays on its own accessor; the service sent no usable message.
    assert_eq!(error.message(), None);
    assert!(error.to_string().contains("exceptionMessage"), "{error}");
}

/// Bodies a 200 must reject: (body, path of the error, if it is in a member).
fn malformed_success_bodies() -> Vec<(Vec<u8>, &'static str)> {
    let mut cases: Vec<(Vec<u8>, &'static str)> = [
        ("{", ""),
        ("{\"stage\":", ""),
        ("{\"stage\":{\"arn\":\"x\"}", ""),
        ("{\"stage\":{\"arn\":\"x\"}} trailing", ""),
        ("{\"stage\":{\"arn\":\"x\",}}", ""),
        ("{'stage':{}}", ""),
        ("nul", ""),
        ("[1,2]", ""),
        ("\"stage\"", ""),
        ("42", ""),
        ("null", ""),
        ("{\"stage\":\"x\"}", "stage"),
        ("{\"stage\":[]}", "stage"),
        ("{\"stage\":{\"arn\":1}}", "stage.arn"),
        ("{\"stage\":{\"arn\":\"\\ud800\"}}", ""),
        ("{\"stage\":{\"name\":\"a\u{1}b\"}}", ""),
        ("{\"stage\":{\"tags\":{\"team\":1}}}", "stage.tags.team"),
        ("{\"stage\":{\"tags\":[\"team\"]}}", "stage.tags"),
        ("{\"stage\":{\"endpoints\":{\"whip\":true}}}", "stage.endpoints.whip"),
        (
            "{\"stage\":{\"autoParticipantRecordingConfiguration\":{\"recordingReconnectWindowSeconds\":1.5}}}",
            "stage.autoParticipantRecordingConfiguration.recordingReconnectWindowSeconds",
        ),
        (
            "{\"stage\":{\"autoParticipantRecordingConfiguration\":{\"recordingReconnectWindowSeconds\":4294967296}}}",
            "stage.autoParticipantRecordingConfiguration.recordingReconnectWindowSeconds",
        ),
        (
            "{\"stage\":{\"autoParticipantRecordingConfiguration\":{\"recordParticipantReplicas\":\"true\"}}}",
            "stage.autoParticipantRecordingConfiguration.recordParticipantReplicas",
        ),
        (
            "{\"stage\":{\"autoParticipantRecordingConfiguration\":{\"mediaTypes\":\"AUDIO_ONLY\"}}}",
            "stage.autoParticipantRecordingConfiguration.mediaTypes",
        ),
        (
            "{\"stage\":{\"autoParticipantRecordingConfiguration\":{\"mediaTypes\":[\"AUDIO_ONLY\",3]}}}",
            "stage.autoParticipantRecordingConfiguration.mediaTypes[1]",
        ),
        (
            "{\"stage\":{\"autoParticipantRecordingConfiguration\":{\"thumbnailConfiguration\":{\"targetIntervalSeconds\":\"60\"}}}}",
            "stage.autoParticipantRecordingConfiguration.thumbnailConfiguration.targetIntervalSeconds",
        ),
    ]
    .into_iter()
    .map(|(body, path)| (body.as_bytes().to_vec(), path))
    .collect();
    // Invalid UTF-8 inside a string.
    cases.push((b"{\"stage\":{\"name\":\"\xff\"}}".to_vec(), ""));
    // Nesting far beyond any limit, at the top and inside an unknown member.
    cases.push(("[".repeat(100_000).into_bytes(), ""));
    cases.push((
        format!("{{\"future\":{}}}", "[".repeat(100_000)).into_bytes(),
        "",
    ));
    cases.push((
        format!(
            "{{\"future\":{}1{}}}",
            "{\"a\":".repeat(50_000),
            "}".repeat(50_000)
        )
        .into_bytes(),
        "",
    ));
    cases
}

#[test]
fn malformed_success_body_is_an_invalid_response() {
    for (body, path) in malformed_success_bodies() {
        let shown_body = String::from_utf8_lossy(&body[..body.len().min(80)]).into_owned();
        // A panic in `parse_response` fails this test.
        let error = match parse_response(&response(200, &[], body)) {
            Ok(output) => panic!("{shown_body:?} parsed as {output:?}"),
            Err(error) => error,
        };
        let e = invalid(&error);
        if !path.is_empty() {
            assert_eq!(e.path(), path, "{shown_body:?}");
        }
        assert!(error.to_string().starts_with("invalid response"), "{error}");
        assert_eq!(error.code(), None);
    }
}

#[test]
fn every_truncation_of_a_valid_body_is_rejected_without_panicking() {
    let body = serde_json::to_vec(&full_stage_body()).unwrap();
    for end in 0..body.len() {
        let prefix = body[..end].to_vec();
        let result = parse_response(&response(200, &[], prefix));
        if end == 0 {
            // An empty body is an output with no stage.
            assert_eq!(result, Ok(UpdateStageOutput::builder().build()));
        } else {
            invalid(&result.expect_err("a truncated body is an error"));
        }
    }
}

proptest! {
    #[test]
    fn arbitrary_bodies_and_statuses_never_panic(
        status in prop_oneof![Just(200u16), 100u16..600],
        body in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let _ = parse_response(&response(status, &[], body));
    }

    #[test]
    fn arbitrary_error_type_headers_never_panic(
        code in "[ -~]{0,80}",
        body in "[ -~]{0,80}",
    ) {
        let response = http::Response::builder()
            .status(400)
            .header("X-Amzn-ErrorType", code.as_str())
            .body(body.into_bytes());
        // Some generated strings are not valid header values; those cannot be sent at all.
        if let Ok(response) = response {
            prop_assert!(parse_response(&response).is_err());
        }
    }

    #[test]
    fn arbitrary_json_bodies_never_panic(body in arbitrary_json(), status in prop_oneof![Just(200u16), Just(400u16)]) {
        let bytes = serde_json::to_vec(&body).unwrap();
        let _ = parse_response(&response(status, &[], bytes));
        let wrapped = serde_json::to_vec(&json!({ "stage": body })).unwrap();
        let _ = parse_response(&response(status, &[], wrapped));
    }
}

/// Any JSON value, with the member names of `UpdateStage`'s response and errors mixed in so that
/// the typed readers are reached.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("stage".to_owned()),
        Just("arn".to_owned()),
        Just("tags".to_owned()),
        Just("mediaTypes".to_owned()),
        Just("endpoints".to_owned()),
        Just("autoParticipantRecordingConfiguration".to_owned()),
        Just("recordingReconnectWindowSeconds".to_owned()),
        Just("__type".to_owned()),
        Just("code".to_owned()),
        Just("exceptionMessage".to_owned()),
        "[a-z]{1,4}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[ -~]{0,12}".prop_map(Value::from),
        Just(Value::from("ConflictException")),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

#[test]
fn exception_message_is_filled_from_every_other_spelling() {
    for key in ["message", "Message", "errorMessage"] {
        for (code, status) in MODELED {
            let text = format!("{code} says {key}");
            // The header form and the body form of the code.
            let forms = [
                (vec![("X-Amzn-ErrorType", code.to_owned())], json!({ key: text })),
                (Vec::new(), json!({ "code": code, key: text })),
            ];
            for (headers, body) in forms {
                let headers: Vec<(&str, &str)> =
                    headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
                let error = parse_error(status, &headers, body.to_string());
                let found = modeled(&error).unwrap_or_else(|| panic!("{code}/{key}: {error:?}"));
                assert_eq!(found.message.as_deref(), Some(text.as_str()), "{code}/{key}");
                assert_eq!(error.message(), Some(text.as_str()));
                assert_eq!(found.shown, format!("{code}: {text}"));
            }
        }
    }
    // The modeled member wins when both are there.
    let body = json!({ "exceptionMessage": "modeled", "message": "other" }).to_string();
    let error = parse_error(400, &[("X-Amzn-ErrorType", "ValidationException")], body);
    assert_eq!(error.message(), Some("modeled"));
}

#[test]
fn unmodeled_errors_keep_every_spelling_of_the_message() {
    for key in ["message", "Message", "errorMessage", "exceptionMessage"] {
        let body = json!({ "__type": "ThrottlingException", key: "slow down" }).to_string();
        let error = parse_error(429, &[("x-amzn-RequestId", "r-9")], body);
        assert_eq!(unhandled(&error), (Some("ThrottlingException"), Some("slow down"), Some("r-9")), "{key}");
        assert_eq!(error.to_string(), "ThrottlingException: slow down (request id r-9)");
    }
}

#[test]
fn the_output_and_every_error_carry_the_request_id() {
    use ivsrealtime::RequestId;
    let response = response(200, &[("x-amzn-RequestId", "out-1")], "{}");
    let output = parse_response(&response).expect("a 200 parses");
    assert_eq!(output.request_id(), Some("out-1"));
    for (code, status) in MODELED {
        let headers = [("X-Amzn-ErrorType", code), ("x-amzn-RequestId", "err-1")];
        let error = parse_error(status, &headers, "{}");
        assert_eq!(error.request_id(), Some("err-1"), "{code}");
        assert_eq!(RequestId::request_id(&error), Some("err-1"), "{code}");
    }
    let unmodeled = parse_error(400, &[("x-amzn-RequestId", "err-2")], r#"{"code":"Nope"}"#);
    assert_eq!(unmodeled.request_id(), Some("err-2"));
    let invalid_output = parse_response(&self::response(200, &[("x-amzn-RequestId", "err-3")], "[")).expect_err("bad body");
    assert_eq!(invalid_output.request_id(), Some("err-3"));
}

#[test]
fn a_header_named_error_with_an_empty_text_or_html_body_is_that_error() {
    let html = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";
    for (body, message) in [("", None), ("Forbidden", Some("Forbidden")), (html, Some(html))] {
        let headers = [("X-Amzn-ErrorType", "AccessDeniedException"), ("Cache-Control", "no-store")];
        let error = parse_error(403, &headers, body);
        let UpdateStageError::AccessDeniedException(e) = &error else { panic!("{body:?}: {error:?}") };
        assert_eq!(e.exception_message(), message, "{body:?}");
        assert_eq!(e.cache_control(), Some("no-store"));
        assert_eq!(error.code(), Some("AccessDeniedException"));
        assert_eq!(error.message(), message);
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Successful responses
// ---------------------------------------------------------------------------------------------


#[test]
fn unknown_members_and_enum_values_parse_without_loss() {
    let mut body = full_stage_body();
    // Unknown members: top level, in the stage, in nested structures, of every JSON kind.
    body["nextToken"] = json!("abc");
    body["requestMetadata"] =
        json!({ "stage": { "arn": "not this one" }, "list": [1, 2.5e10, null] });
    body["stage"]["createdAt"] = json!(1_700_000_000);
    body["stage"]["endpoints"]["srt"] = json!("srt://example");
    body["stage"]["autoParticipantRecordingConfiguration"]["futureOption"] =
        json!({ "a": [true, { "b": null }], "__type": "ConflictException" });
    body["stage"]["autoParticipantRecordingConfiguration"]["thumbnailConfiguration"]["quality"] =
        json!("HIGH");
    body["stage"]["autoParticipantRecordingConfiguration"]["hlsConfiguration"]["variants"] =
        json!([]);
    // Unknown enum values, single and in lists.
    let recording = &mut body["stage"]["autoParticipantRecordingConfiguration"];
    recording["mediaTypes"] = json!(["AUDIO_ONLY", "VIDEO_ONLY"]);
    recording["thumbnailConfiguration"]["storage"] = json!(["ARCHIVE", "LATEST"]);
    recording["thumbnailConfiguration"]["recordingMode"] = json!("EVERY_KEYFRAME");

    let output = parse_ok(&body);
    let stage = output.stage().expect("stage");
    let recording = stage
        .auto_participant_recording_configuration()
        .expect("recording");
    let thumbnails = recording.thumbnail_configuration().expect("thumbnails");

    // The unknown values are kept, and their text is readable.
    let mode = thumbnails.recording_mode().expect("recordingMode");
    match mode {
        ThumbnailRecordingMode::Unknown(value) => assert_eq!(value.as_str(), "EVERY_KEYFRAME"),
        other => panic!("expected an unknown value, got {other:?}"),
    }
    assert_eq!(mode.as_str(), "EVERY_KEYFRAME");
    assert_eq!(mode.to_string(), "EVERY_KEYFRAME");
    match &recording.media_types()[1] {
        ParticipantRecordingMediaType::Unknown(value) => assert_eq!(value.as_str(), "VIDEO_ONLY"),
        other => panic!("expected an unknown value, got {other:?}"),
    }
    match &thumbnails.storage()[0] {
        ThumbnailStorageType::Unknown(value) => assert_eq!(value.as_ref(), "ARCHIVE"),
        other => panic!("expected an unknown value, got {other:?}"),
    }

    // Everything known is there: the stage equals one built in Rust.
    let expected = Stage::builder()
        .arn(STAGE_ARN)
        .name("weekly-standup")
        .active_session_id("st-a1b2c3d4e5f6g")
        .tags("team", "video")
        .tags("env", "prod")
        .auto_participant_recording_configuration(
            AutoParticipantRecordingConfiguration::builder()
                .storage_configuration_arn(STORAGE_ARN)
                .media_types(ParticipantRecordingMediaType::AudioOnly)
                .media_types("VIDEO_ONLY")
                .thumbnail_configuration(
                    ParticipantThumbnailConfiguration::builder()
                        .target_interval_seconds(20)
                        .storage("ARCHIVE")
                        .storage(ThumbnailStorageType::Latest)
                        .recording_mode("EVERY_KEYFRAME")
                        .build(),
                )
                .recording_reconnect_window_seconds(120)
                .hls_configuration(
                    ParticipantRecordingHlsConfiguration::builder()
                        .target_segment_duration_seconds(2)
                        .build(),
                )
                .record_participant_replicas(false)
                .build()
                .unwrap(),
        )
        .endpoints(
            StageEndpoints::builder()
                .events("wss://global.events.live-video.net")
                .whip("https://1a2b3c4d5e6f.global-bm.whip.live-video.net")
                .rtmp("rtmp://1a2b3c4d5e6f.global-contribute-staging.live-video.net/app/")
                .rtmps("rtmps://1a2b3c4d5e6f.global-contribute-staging.live-video.net:443/app/")
                .build(),
        )
        .build()
        .unwrap();
    assert_eq!(stage, &expected);

    // Sent back in a request, the configuration is what the service sent (minus the members
    // this crate does not know).
    let input = UpdateStageInput::builder()
        .arn(stage.arn())
        .auto_participant_recording_configuration(recording.clone())
        .build()
        .unwrap();
    let request = serialize_request(&input).unwrap();
    let sent: Value = serde_json::from_slice(request.body()).unwrap();
    let mut received = body["stage"]["autoParticipantRecordingConfiguration"].clone();
    let received = received.as_object_mut().unwrap();
    received.remove("futureOption");
    received["thumbnailConfiguration"]
        .as_object_mut()
        .unwrap()
        .remove("quality");
    received["hlsConfiguration"]
        .as_object_mut()
        .unwrap()
        .remove("variants");
    assert_eq!(
        sent["autoParticipantRecordingConfiguration"],
        Value::Object(received.clone())
    );
}

#[test]
fn success_is_any_2xx_and_ignores_error_looking_members() {
    // A 200 whose body happens to carry `__type`/`code` is still a success.
    let body = json!({ "__type": "ConflictException", "code": "ValidationException", "stage": { "arn": STAGE_ARN } });
    let output = parse_ok(&body);
    assert_eq!(output.stage().map(Stage::arn), Some(STAGE_ARN));
    // So is a 200 with an `X-Amzn-ErrorType` header.
    let with_header = response(200, &[("X-Amzn-ErrorType", "ConflictException")], "{}");
    assert_eq!(
        parse_response(&with_header),
        Ok(UpdateStageOutput::builder().build())
    );
    // Other 2xx statuses are successes too.
    for status in [201, 204] {
        assert_eq!(
            parse_response(&response(status, &[], "")),
            Ok(UpdateStageOutput::builder().build()),
            "{status}"
        );
    }
    // Whitespace-only bodies are empty bodies.
    assert_eq!(
        parse_response(&response(200, &[], " \r\n\t")),
        Ok(UpdateStageOutput::builder().build())
    );
    // The body may be any `AsRef<[u8]>`.
    let borrowed = http::Response::builder()
        .status(200)
        .body(&b"{\"stage\":null}"[..])
        .unwrap();
    assert_eq!(
        parse_response(&borrowed),
        Ok(UpdateStageOutput::builder().build())
    );
    let string = http::Response::builder()
        .status(200)
        .body(String::from("{}"))
        .unwrap();
    assert!(parse_response(&string).is_ok());
}

// ---------------------------------------------------------------------------------------------
// 4. Requests
// ---------------------------------------------------------------------------------------------

/// The input of the reference page's "Request Syntax", with its placeholders as values: every
/// `'string'` is the string `string`, every `123` is 123, each enum list takes the first value
/// the page lists, `recordingMode` its first value and `True|False` is `true`.
fn reference_page_input() -> UpdateStageInput {
    UpdateStageInput::builder()
        .arn("string")
        .name("string")
        .auto_participant_recording_configuration(
            AutoParticipantRecordingConfiguration::builder()
                .storage_configuration_arn("string")
                .media_types(ParticipantRecordingMediaType::AudioVideo)
                .thumbnail_configuration(
                    ParticipantThumbnailConfiguration::builder()
                        .target_interval_seconds(123)
                        .storage(ThumbnailStorageType::Sequential)
                        .recording_mode(ThumbnailRecordingMode::Interval)
                        .build(),
                )
                .recording_reconnect_window_seconds(123)
                .hls_configuration(
                    ParticipantRecordingHlsConfiguration::builder()
                        .target_segment_duration_seconds(123)
                        .build(),
                )
                .record_participant_replicas(true)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

/// The page's "Request Syntax" as the JSON body restJson1 sends (member order as on the page).
const REFERENCE_PAGE_BODY: &str = r#"{
    "arn": "string",
    "name": "string",
    "autoParticipantRecordingConfiguration": {
        "storageConfigurationArn": "string",
        "mediaTypes": ["AUDIO_VIDEO"],
        "thumbnailConfiguration": {
            "targetIntervalSeconds": 123,
            "storage": ["SEQUENTIAL"],
            "recordingMode": "INTERVAL"
        },
        "recordingReconnectWindowSeconds": 123,
        "hlsConfiguration": {
            "targetSegmentDurationSeconds": 123
        },
        "recordParticipantReplicas": true
    }
}"#;

#[test]
fn reference_page_request_is_sent_as_restjson1_says() {
    let request = serialize_request(&reference_page_input()).expect("serializes");

    // Fixed by the protocol and the operation's `@http` trait.
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri().to_string(), "/UpdateStage");
    assert_eq!(request.uri().path(), "/UpdateStage");
    assert_eq!(request.uri().query(), None);
    let headers = request.headers();
    assert_eq!(headers.get("Content-Type").unwrap(), "application/json");
    let length = headers
        .get("Content-Length")
        .expect("Content-Length")
        .to_str()
        .unwrap();
    assert_eq!(length, request.body().len().to_string());
    assert_eq!(headers.len(), 2, "{headers:?}");

    // The body holds the page's values; member order and whitespace are not fixed.
    let body = request.body();
    assert!(
        semantically_equal(body, REFERENCE_PAGE_BODY.as_bytes()),
        "{}",
        String::from_utf8_lossy(body)
    );
    let sent: Value = serde_json::from_slice(body).unwrap();
    let expected: Value = serde_json::from_str(REFERENCE_PAGE_BODY).unwrap();
    assert_eq!(sent, expected);

    // Our writer is deterministic (model member order, no whitespace): the exact bytes, as a
    // regression check.
    let exact = concat!(
        r#"{"arn":"string","name":"string","autoParticipantRecordingConfiguration":{"#,
        r#""storageConfigurationArn":"string","mediaTypes":["AUDIO_VIDEO"],"#,
        r#""thumbnailConfiguration":{"targetIntervalSeconds":123,"storage":["SEQUENTIAL"],"#,
        r#""recordingMode":"INTERVAL"},"recordingReconnectWindowSeconds":123,"#,
        r#""hlsConfiguration":{"targetSegmentDurationSeconds":123},"#,
        r#""recordParticipantReplicas":true}}"#
    );
    assert_eq!(String::from_utf8_lossy(body), exact);
    assert_eq!(length, exact.len().to_string());

    // Serializing twice gives the same bytes.
    let again = serialize_request(&reference_page_input()).unwrap();
    assert_eq!(again.body(), request.body());
}

#[test]
fn semantically_equal_ignores_member_order_but_not_values() {
    // The comparison the previous test relies on must be able to fail.
    let body = serialize_request(&reference_page_input())
        .unwrap()
        .into_body();
    let changed = REFERENCE_PAGE_BODY.replace("\"INTERVAL\"", "\"DISABLED\"");
    assert!(!semantically_equal(&body, changed.as_bytes()));
    let missing = REFERENCE_PAGE_BODY.replace("\"name\": \"string\",", "");
    assert!(!semantically_equal(&body, missing.as_bytes()));
    let reordered = r#"{"name":"string","autoParticipantRecordingConfiguration":{"recordParticipantReplicas":true,"hlsConfiguration":{"targetSegmentDurationSeconds":123.0},"recordingReconnectWindowSeconds":123,"thumbnailConfiguration":{"recordingMode":"INTERVAL","storage":["SEQUENTIAL"],"targetIntervalSeconds":123},"mediaTypes":["AUDIO_VIDEO"],"storageConfigurationArn":"string"},"arn":"string"}"#;
    assert!(semantically_equal(&body, reordered.as_bytes()));
    // And the parser the wire layer uses reads our own bytes.
    assert!(parse(&body).is_ok());
}

#[test]
fn strings_are_escaped_so_they_read_back_unchanged() {
    let name = "quote \" backslash \\ slash / newline \n tab \t nul \u{0} bell \u{7} del \u{7f} é 日本 🎥 \u{2028}";
    let input = UpdateStageInput::builder()
        .arn(STAGE_ARN)
        .name(name)
        .build()
        .unwrap();
    let request = serialize_request(&input).unwrap();
    let text = std::str::from_utf8(request.body()).expect("UTF-8 body");
    assert!(
        !text.chars().any(|c| c < ' '),
        "raw control character in {text:?}"
    );
    let sent: Value = serde_json::from_str(text).unwrap();
    assert_eq!(sent["name"], json!(name));
    assert_eq!(
        request.headers()["Content-Length"].to_str().unwrap(),
        request.body().len().to_string()
    );
}

#[test]
fn explicit_false_is_sent_and_unset_members_are_not() {
    let with_false = UpdateStageInput::builder()
        .arn(STAGE_ARN)
        .auto_participant_recording_configuration(
            AutoParticipantRecordingConfiguration::builder()
                .storage_configuration_arn("")
                .record_participant_replicas(false)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let body = serialize_request(&with_false).unwrap().into_body();
    // `recordingReconnectWindowSeconds` has a model `@default(0)`, so it is a plain `i32` that
    // is always sent; every other unset member is left out.
    assert_eq!(
        String::from_utf8(body).unwrap(),
        format!(
            r#"{{"arn":"{STAGE_ARN}","autoParticipantRecordingConfiguration":{{"storageConfigurationArn":"","recordingReconnectWindowSeconds":0,"recordParticipantReplicas":false}}}}"#
        )
    );

    // Unset, `recordParticipantReplicas` is not sent (its documented default, true, is the
    // service's to apply).
    let unset = UpdateStageInput::builder()
        .arn(STAGE_ARN)
        .auto_participant_recording_configuration(
            AutoParticipantRecordingConfiguration::builder()
                .storage_configuration_arn("")
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let sent: Value = serde_json::from_slice(serialize_request(&unset).unwrap().body()).unwrap();
    let recording = sent["autoParticipantRecordingConfiguration"]
        .as_object()
        .unwrap();
    for absent in [
        "mediaTypes",
        "thumbnailConfiguration",
        "hlsConfiguration",
        "recordParticipantReplicas",
    ] {
        assert!(!recording.contains_key(absent), "{absent} sent: {sent}");
    }
    assert!(sent.get("name").is_none(), "{sent}");

    // Only the ARN: the body is only the ARN.
    let minimal = UpdateStageInput::builder().arn(STAGE_ARN).build().unwrap();
    assert_eq!(
        serialize_request(&minimal).unwrap().into_body(),
        format!(r#"{{"arn":"{STAGE_ARN}"}}"#).into_bytes()
    );

    // Nested empty structures are sent as empty objects; explicitly empty lists as `[]`.
    let empties = UpdateStageInput::builder()
        .arn(STAGE_ARN)
        .auto_participant_recording_configuration(
            AutoParticipantRecordingConfiguration::builder()
                .storage_configuration_arn("")
                .set_media_types(Some(Vec::new()))
                .thumbnail_configuration(ParticipantThumbnailConfiguration::builder().build())
                .hls_configuration(ParticipantRecordingHlsConfiguration::builder().build())
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let sent: Value = serde_json::from_slice(serialize_request(&empties).unwrap().body()).unwrap();
    assert_eq!(
        sent["autoParticipantRecordingConfiguration"],
        json!({
            "storageConfigurationArn": "",
            "mediaTypes": [],
            "thumbnailConfiguration": {},
            "recordingReconnectWindowSeconds": 0,
            "hlsConfiguration": {}
        })
    );
}

#[test]
fn input_without_arn() {
    // The builder refuses it.
    let error = UpdateStageInput::builder()
        .name("n")
        .build()
        .expect_err("arn is required");
    assert_eq!((error.shape(), error.member()), ("UpdateStageInput", "arn"));

    // `Default` can make one. `arn` is a body member (not a URI label), and `serialize_request`
    // does not check required members: it sends the body without `arn`, and `validate()` is
    // what reports it.
    let input = UpdateStageInput::default();
    assert_eq!(input.arn(), None);
    let request = serialize_request(&input).expect("a missing body member is not a SerializeError");
    assert_eq!(request.body().as_slice(), b"{}");
    assert_eq!(request.uri().path(), "/UpdateStage");
    assert_eq!(request.headers()["Content-Length"], "2");
    assert!(input.validate().is_err());
}
