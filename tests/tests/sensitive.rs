//! `@sensitive` data never shows in `Debug` or `Display` (crate `sensitive`, from
//! `tests/fixtures/sensitive.json`): a sensitive member, a member targeting a sensitive shape,
//! lists and maps of sensitive strings, unions with a sensitive member or sensitive as a whole,
//! a sensitive structure nested in another, sensitive enums, builders, and errors whose message
//! is sensitive. The non-sensitive values beside them do show.

use sensitive::operation::get_secret::{parse_response, GetSecretError, GetSecretInput, GetSecretOutput};
use sensitive::types::{Choice, Credentials, HiddenChoice, Outer, SecretLevel};
use sensitive::ProvideErrorMetadata;

const REDACTED: &str = "*** Sensitive Data Redacted ***";
const SECRETS: &[&str] = &["hunter2", "tok-1", "tok-2", "map-secret", "nested-secret", "union-secret", "hidden-text", "alice", "s3cr3t-key", "list-key"];

fn assert_hides_secrets(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "`{secret}` shows in:\n{text}");
    }
    // A sensitive enum's value ("high") never shows either.
    assert!(!text.contains("High") && !text.contains("\"high\""), "the sensitive enum shows in:\n{text}");
}

fn input_builder() -> sensitive::operation::get_secret::GetSecretInputBuilder {
    let credentials = Credentials::builder().user("alice").key("s3cr3t-key").build();
    GetSecretInput::builder()
        .name("visible-name")
        .password("hunter2")
        .token("tok-1")
        .tokens("tok-2")
        .names("visible-list-item")
        .secrets_by_name("visible-key", "map-secret")
        .nested_secrets("visible-nested-key", vec!["nested-secret".to_string()])
        .choice(Choice::Secret("union-secret".into()))
        .hidden(HiddenChoice::Text("hidden-text".into()))
        .outer(
            Outer::builder()
                .label("visible-label")
                .credentials(credentials)
                .credential_list(Credentials::builder().user("alice").key("list-key").build())
                .build(),
        )
        .level(SecretLevel::High)
        .levels(SecretLevel::High)
}

#[test]
fn input_debug_redacts_every_sensitive_position() {
    let input = input_builder().build();
    let text = format!("{input:?}");
    assert_hides_secrets(&text);
    let pretty = format!("{input:#?}");
    assert_hides_secrets(&pretty);
    for visible in ["visible-name", "visible-list-item", "visible-label"] {
        assert!(text.contains(visible), "`{visible}` is missing from:\n{text}");
    }
    assert!(text.contains(REDACTED));
    // The values are all there, only hidden from `Debug`.
    assert_eq!(input.password(), Some("hunter2"));
    assert_eq!(input.tokens(), ["tok-2"]);
}

#[test]
fn builder_debug_redacts_like_the_structure() {
    let builder = input_builder();
    let text = format!("{builder:?}");
    assert_hides_secrets(&text);
    assert!(text.contains("visible-name") && text.contains("visible-label"), "{text}");
    let credentials = Credentials::builder().user("alice").key("s3cr3t-key");
    assert_hides_secrets(&format!("{credentials:?}"));
}

#[test]
fn unions_name_the_variant_but_hide_sensitive_values() {
    let secret = format!("{:?}", Choice::Secret("union-secret".into()));
    assert_eq!(secret, format!("Secret({REDACTED:?})"));
    let secrets = format!("{:?}", Choice::Secrets(vec!["tok-1".into(), "tok-2".into()]));
    assert_hides_secrets(&secrets);
    assert_eq!(format!("{:?}", Choice::Plain("visible-plain".into())), "Plain(\"visible-plain\")");
    // `@sensitive` on the union itself hides every member's value.
    assert_hides_secrets(&format!("{:?}", HiddenChoice::Text("hidden-text".into())));
    assert!(!format!("{:?}", HiddenChoice::Number(4242)).contains("4242"));
}

#[test]
fn nested_sensitive_structures_are_redacted_in_and_out_of_their_parent() {
    let credentials = Credentials::builder().user("alice").key("s3cr3t-key").build();
    assert_hides_secrets(&format!("{credentials:?}"));
    let outer = Outer::builder().label("visible-label").credentials(credentials).build();
    let text = format!("{outer:?}");
    assert_hides_secrets(&text);
    assert!(text.contains("visible-label"), "{text}");
}

#[test]
fn outputs_parsed_from_the_wire_are_redacted() {
    let response = http::Response::builder()
        .status(200)
        .body(r#"{"note":"visible-note","secret":"hunter2"}"#)
        .expect("a response");
    let output: GetSecretOutput = parse_response(&response).expect("parses");
    assert_eq!(output.secret(), Some("hunter2"));
    let text = format!("{output:?}");
    assert_hides_secrets(&text);
    assert!(text.contains("visible-note"), "{text}");
}

fn error_response(status: u16, code: &str, body: &str) -> http::Response<String> {
    http::Response::builder()
        .status(status)
        .header("x-amzn-errortype", code)
        .header("x-amzn-requestid", "visible-request-id")
        .body(body.to_string())
        .expect("a response")
}

#[test]
fn an_error_with_a_sensitive_message_never_prints_it() {
    let response = error_response(400, "SecretMessageError", r#"{"message":"hunter2","reason":"visible-reason"}"#);
    let error = parse_response(&response).expect_err("an error");
    let GetSecretError::SecretMessageError(inner) = &error else { panic!("unexpected error {error:?}") };
    // The message is there for whoever asks for it explicitly...
    assert_eq!(inner.message(), Some("hunter2"));
    assert_eq!(ProvideErrorMetadata::message(&error), Some("hunter2"));
    // ...but neither `Display` nor `Debug` shows it, of the error or of the operation's enum.
    for text in [inner.to_string(), error.to_string(), format!("{inner:?}"), format!("{error:?}"), format!("{error:#?}")] {
        assert_hides_secrets(&text);
        assert!(text.contains("SecretMessageError"), "{text}");
    }
    assert_eq!(inner.to_string(), format!("SecretMessageError: {REDACTED}"));
    let debug = format!("{error:?}");
    assert!(debug.contains("visible-reason") && debug.contains("visible-request-id"), "{debug}");
}

#[test]
fn a_sensitive_error_never_prints_its_message() {
    let response = error_response(403, "SensitiveError", r#"{"message":"hunter2"}"#);
    let error = parse_response(&response).expect_err("an error");
    assert!(matches!(error, GetSecretError::SensitiveError(_)), "{error:?}");
    assert_eq!(error.to_string(), format!("SensitiveError: {REDACTED}"));
    assert_hides_secrets(&format!("{error:?}"));
}

#[test]
fn a_plain_error_still_shows_its_message() {
    let response = error_response(500, "PlainError", r#"{"message":"visible-message"}"#);
    let error = parse_response(&response).expect_err("an error");
    assert_eq!(error.to_string(), "PlainError: visible-message");
    assert!(format!("{error:?}").contains("visible-message"));
}
