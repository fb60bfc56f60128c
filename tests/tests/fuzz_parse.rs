//! Fuzzing the generated `parse_response`: whatever the status, headers and body, it returns the
//! output or an error, never panics; and whatever it returns can be shown (`Debug`, `Display`) and
//! asked for its metadata (`code`, `message`, `request_id`, `is_retryable`, ...) without panicking.
//!
//! One bounded target per operation (cases: `SMELT_FUZZ_CASES`, else the default; see the README's
//! "Fuzzing" section): `parse_ivsrealtime_update_stage` (restJson1), `parse_error_forms_json10`,
//! `parse_error_forms_json11`, `parse_error_forms_rest_json`, `parse_s3_list_objects_v2`,
//! `parse_s3_get_object`, `parse_s3_put_object` (restXml), `parse_sts_assume_role` (awsQuery).
//! Each response is drawn as: any status from 100 to 599; 0-6 headers, named from the headers the
//! crates read (error type, request IDs, content type, S3's prefix and date headers, every
//! `httpHeader` of the model) or at random, with interesting or random values; and a body that is
//! random bytes, a JSON or XML document built from the model's member, `jsonName` and `xmlName`
//! names (and the protocols' envelope names), or a seed body with byte mutations.
//!
//! The seed corpus `tests/fuzz-seeds/<target>/` holds responses (`*.http`: the status on the first
//! line, `name: value` header lines, an empty line, then the body) that are replayed on their
//! target and that the mutating strategy starts from; every crash found is kept there.

mod fuzz_support;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use fuzz_support::{fuzz, Choices};
use proptest::prelude::*;
use serde_json::Value;

/// A response as the fuzzer draws it: headers as raw bytes, kept only when `http` accepts them.
#[derive(Debug, Clone)]
struct Input {
    status: u16,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

impl Input {
    fn response(&self) -> http::Response<Vec<u8>> {
        let status = http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::OK);
        let mut response = http::Response::new(self.body.clone());
        *response.status_mut() = status;
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) = (http::HeaderName::from_bytes(name.as_bytes()), http::HeaderValue::from_bytes(value)) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }

    /// Reads the seed format: `<status>\n`, `<name>: <value>\n` lines, an empty line, the body.
    fn from_seed(bytes: &[u8]) -> Input {
        let mut lines = bytes.split(|&b| b == b'\n');
        let status = lines.next().and_then(|l| std::str::from_utf8(l).ok()).and_then(|l| l.trim().parse().ok()).unwrap_or(200);
        let mut headers = Vec::new();
        let mut consumed = bytes.iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| p + 1);
        for line in lines {
            consumed = (consumed + line.len() + 1).min(bytes.len());
            if line.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(line);
            if let Some((name, value)) = text.split_once(':') {
                headers.push((name.trim().to_string(), value.trim_start().as_bytes().to_vec()));
            }
        }
        Input { status, headers, body: bytes[consumed..].to_vec() }
    }
}

/// One operation's `parse_response`, reduced to what it returned (`Ok`, or the error variant's
/// name): everything the result offers is exercised (shown, asked for its metadata), so a panic
/// anywhere in it counts.
type Parse = fn(&http::Response<Vec<u8>>) -> String;

macro_rules! parse_fn {
    ($krate:ident :: $op:ident) => {{
        fn parse(response: &http::Response<Vec<u8>>) -> String {
            use ::$krate::{ProvideErrorMetadata, RequestId};
            match ::$krate::operation::$op::parse_response(response) {
                Ok(output) => {
                    let _ = format!("{output:?}");
                    let _ = (output.request_id(), output.extended_request_id());
                    let _ = output.clone() == output;
                    "Ok".to_string()
                }
                Err(error) => {
                    let _ = format!("{error} {error:?}");
                    let _ = (error.code(), error.message(), error.request_id(), error.extended_request_id());
                    let _ = (error.is_retryable(), error.is_throttling(), error.meta().clone());
                    let _ = std::error::Error::source(&error).map(|s| s.to_string());
                    let debug = format!("{error:?}");
                    debug.split(['(', ' ', '{']).next().unwrap_or_default().to_string()
                }
            }
        }
        parse as Parse
    }};
}

/// A fuzz target: an operation, the model it was generated from, whether it speaks XML.
struct Target {
    name: &'static str,
    model: &'static str,
    xml: bool,
    parse: Parse,
}

fn targets() -> [Target; 8] {
    [
        Target { name: "parse_ivsrealtime_update_stage", model: "model/ivsrealtime.json", xml: false, parse: parse_fn!(ivsrealtime::update_stage) },
        Target { name: "parse_error_forms_json10", model: "tests/fixtures/error_forms_json10.json", xml: false, parse: parse_fn!(error_forms_json10::get_widget) },
        Target { name: "parse_error_forms_json11", model: "tests/fixtures/error_forms_json11.json", xml: false, parse: parse_fn!(error_forms_json11::get_widget) },
        Target { name: "parse_error_forms_rest_json", model: "tests/fixtures/error_forms_rest_json.json", xml: false, parse: parse_fn!(error_forms_rest_json::get_widget) },
        Target { name: "parse_s3_list_objects_v2", model: "tests/models/s3_objects.json", xml: true, parse: parse_fn!(s3_objects::list_objects_v2) },
        Target { name: "parse_s3_get_object", model: "tests/models/s3_objects.json", xml: true, parse: parse_fn!(s3_objects::get_object) },
        Target { name: "parse_s3_put_object", model: "tests/models/s3_objects.json", xml: true, parse: parse_fn!(s3_objects::put_object) },
        Target { name: "parse_sts_assume_role", model: "tests/models/sts_assume_role.json", xml: true, parse: parse_fn!(sts_assume_role::assume_role) },
    ]
}

/// What a model offers a structure-aware body and header set: the names its members go by on the
/// wire, and the headers its members are bound to.
struct Vocabulary {
    names: Vec<String>,
    headers: Vec<String>,
    /// The error codes of the model's errors (shape names, `awsQueryError` codes).
    codes: Vec<String>,
}

/// Envelope names of the protocols (error codes, request IDs, XML wrappers).
const ENVELOPE_NAMES: &[&str] = &[
    "__type", "code", "Code", "message", "Message", "errorMessage", "Error", "Errors", "ErrorResponse", "RequestId",
    "RequestID", "Type", "HostId", "ResponseMetadata", "AssumeRoleResponse", "AssumeRoleResult", "ListBucketResult",
    "Contents", "CommonPrefixes", "Owner", "member", "entry", "key", "value", "NoSuchKey", "NoSuchBucket",
    "ExpiredTokenException", "MalformedPolicyDocument", "ValidationException", "ConflictException",
];

/// Headers every crate reads, whatever its model.
const COMMON_HEADERS: &[&str] = &[
    "x-amzn-errortype", "X-Amzn-ErrorType", "x-amzn-requestid", "x-amz-request-id", "x-amz-id-2", "content-type",
    "Content-Length", "content-encoding", "Expires", "Last-Modified", "ETag", "x-amz-meta-a", "X-Amz-Meta-", "x-amz-meta-ü",
    "x-amz-version-id", "x-amz-delete-marker", "x-amz-mp-parts-count", "x-amz-tagging-count", "Content-Range",
    "x-amz-object-lock-retain-until-date", "x-amz-checksum-crc32", "x-amz-expiration", "x-amz-restore", "Date",
];

fn vocabulary(model: &str) -> &'static Vocabulary {
    static CACHE: OnceLock<std::sync::Mutex<Vec<(String, &'static Vocabulary)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, v)) = cache.iter().find(|(m, _)| m == model) {
        return v;
    }
    let path = fuzz_support::repo_root().join(model);
    let tree: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("a model")).expect("a JSON model");
    let mut names = BTreeSet::new();
    let mut headers = BTreeSet::new();
    let mut codes = BTreeSet::new();
    for (id, shape) in tree["shapes"].as_object().expect("shapes") {
        let name = id.rsplit('#').next().unwrap_or(id).to_string();
        if shape["traits"].get("smithy.api#error").is_some() {
            codes.insert(name.clone());
            codes.insert(id.clone());
            if let Some(code) = shape["traits"]["aws.protocols#awsQueryError"]["code"].as_str() {
                codes.insert(code.to_string());
            }
        }
        names.insert(name);
        for (name, member) in shape["members"].as_object().into_iter().flatten() {
            names.insert(name.clone());
            let traits = &member["traits"];
            for key in ["smithy.api#jsonName", "smithy.api#xmlName", "aws.protocols#ec2QueryName"] {
                if let Some(text) = traits[key].as_str() {
                    names.insert(text.to_string());
                }
            }
            for key in ["smithy.api#httpHeader", "smithy.api#httpPrefixHeaders"] {
                if let Some(text) = traits[key].as_str() {
                    headers.insert(text.to_string());
                    headers.insert(format!("{text}suffix"));
                }
            }
        }
        if let Some(text) = shape["traits"]["smithy.api#xmlName"].as_str() {
            names.insert(text.to_string());
        }
    }
    names.extend(ENVELOPE_NAMES.iter().map(|s| s.to_string()));
    headers.extend(COMMON_HEADERS.iter().map(|s| s.to_string()));
    let vocabulary: &'static Vocabulary =
        Box::leak(Box::new(Vocabulary {
        names: names.into_iter().collect(),
        headers: headers.into_iter().collect(),
        codes: codes.into_iter().chain(["Throttling", "InternalFailure", "AccessDenied", ""].map(String::from)).collect(),
    }));
    cache.push((model.to_string(), vocabulary));
    vocabulary
}

/// Header values the crates parse: dates of every format and broken ones, numbers, booleans,
/// lists, base64, JSON in a header, blanks.
const HEADER_VALUES: &[&str] = &[
    "", " ", "x", "ValidationException", "aws.example#ConflictException:http://internal", "#", ":", "a#b:c",
    "application/json", "application/x-amz-json-1.0", "text/xml", "text/html", "application/octet-stream",
    "Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 31 Feb 2015 25:61:61 GMT", "Thu, 01 Jan 1970 00:00:00 GMT",
    "2009-10-12T17:50:30.000Z", "1985-04-12T23:20:50.52Z", "9999-12-31T23:59:59Z", "0", "-1", "1.5", "NaN",
    "Infinity", "-Infinity", "1e400", "18446744073709551616", "9223372036854775808", "-9223372036854775809",
    "2147483648", "true", "false", "TRUE", "a,b", "\"a,b\",c", ",,", "\"", "\"unterminated", "eyJhIjoxfQ==",
    "not base64!", "{\"a\":1}", "bytes 0-1/2", "STANDARD", "GLACIER_IR", "\t", "r-1", "\u{fffd}",
];

fn header_value(c: &mut Choices, vocabulary: &Vocabulary) -> Vec<u8> {
    if c.chance(25) {
        let code = c.pick(&vocabulary.codes).clone();
        let suffix: &str = c.pick::<&str>(&["", "", ":http://internal.amazon.com/", ":", " "]);
        format!("{code}{suffix}").into_bytes()
    } else if c.chance(75) {
        c.pick(HEADER_VALUES).as_bytes().to_vec()
    } else {
        // Any bytes `HeaderValue` takes: visible ASCII, space, tab and obs-text (0x80-0xff).
        (0..c.below(24)).map(|_| c.byte()).filter(|&b| b == b'\t' || (b >= 0x20 && b != 0x7f)).collect()
    }
}

fn header_name(c: &mut Choices, vocabulary: &Vocabulary) -> String {
    if c.chance(85) {
        let name = c.pick(&vocabulary.headers).clone();
        if c.chance(20) {
            name.to_uppercase()
        } else {
            name
        }
    } else {
        // A random token name.
        const TCHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-!#$%&'*+.^_`|~";
        (0..1 + c.below(12)).map(|_| char::from(*c.pick(TCHARS))).collect()
    }
}

/// Text leaves of structure-aware bodies.
const TEXTS: &[&str] = &[
    "", "x", "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh", "2009-10-12T17:50:30.000Z", "1985-04-12T23:20:50Z",
    "2019-11-09T13:34:41", "Wed, 21 Oct 2015 07:28:00 GMT", "1573306481", "1.5e9", "NaN", "Infinity", "-Infinity",
    "true", "0", "-1", "2147483648", "9223372036854775808", "eyJhIjoxfQ==", "=", "STANDARD", "GLACIER_IR",
    "ExpiredTokenException", "example.errorforms#NotFound", "é\u{0}\u{1f}", "\u{feff}", "\u{10ffff}",
];

fn json_value(c: &mut Choices, names: &[String], depth: usize) -> Value {
    match c.below(if depth >= 4 { 6 } else { 9 }) {
        0 => Value::Null,
        1 => Value::Bool(c.chance(50)),
        2 => serde_json::json!(*c.pick(&[0i64, -1, 1, 255, 2_147_483_648, i64::MIN, i64::MAX])),
        3 => serde_json::json!(*c.pick(&[0.5f64, -0.0, 1e308, 1.5e9, -1e-300])),
        4 | 5 => Value::String((*c.pick(TEXTS)).to_string()),
        6 => Value::Array((0..c.below(4)).map(|_| json_value(c, names, depth + 1)).collect()),
        _ => Value::Object((0..c.below(6)).map(|_| (c.pick(names).clone(), json_value(c, names, depth + 1))).collect()),
    }
}

/// A JSON body from the model's names; at times with the numbers `serde_json` will not write
/// (`1e999`, `-0`), a duplicate key or a cut-off end.
fn json_body(c: &mut Choices, vocabulary: &Vocabulary) -> Vec<u8> {
    let names = &vocabulary.names;
    let mut value = Value::Object((0..c.below(8)).map(|_| (c.pick(names).clone(), json_value(c, names, 1))).collect());
    if c.chance(40) {
        let key: &str = c.pick::<&str>(&["__type", "code", "__type"]);
        value[key] = Value::String(c.pick(&vocabulary.codes).clone());
    }
    if c.chance(15) {
        value = json_value(c, names, 0);
    }
    let mut text = value.to_string();
    match c.below(12) {
        0 => text = text.replacen("0.5", "1e999", 1),
        1 => text = text.replacen('{', "{\"__type\":\"a\",\"__type\":7,", 1),
        2 => text = text.replacen("\"x\"", "\"\\ud800\"", 1),
        _ => {}
    }
    let mut bytes = text.into_bytes();
    if c.chance(8) {
        // Cut off anywhere, inside a character too.
        bytes.truncate(c.below(bytes.len() + 1));
    }
    bytes
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn xml_element(c: &mut Choices, names: &[String], depth: usize, out: &mut String) {
    let name = c.pick(names).clone();
    let name = if name.chars().all(|ch| ch.is_alphanumeric() || "_-.:".contains(ch)) && !name.is_empty() { name } else { "x".to_string() };
    out.push('<');
    out.push_str(&name);
    if c.chance(15) {
        out.push_str(c.pick::<&str>(&[" xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"", " a=\"1\"", " xsi:type=\"x\"", " xmlns:p=\"u\"", " a='&amp;'"]));
    }
    if c.chance(10) {
        out.push_str("/>");
        return;
    }
    out.push('>');
    let children = if depth >= 5 { 0 } else { c.below(5) };
    if children == 0 || c.chance(10) {
        match c.below(10) {
            0 => out.push_str(c.pick::<&str>(&["&amp;", "&lt;", "&#x41;", "&#0;", "&#xD800;", "&bogus;", "&", "&#99999999;"])),
            1 => out.push_str("<![CDATA[ <x> ]]>"),
            2 => out.push_str("<!-- c -->"),
            _ => out.push_str(&escape_xml(c.pick::<&str>(TEXTS))),
        }
    }
    for _ in 0..children {
        xml_element(c, names, depth + 1, out);
    }
    if !c.chance(3) {
        out.push_str("</");
        out.push_str(&name);
        out.push('>');
    }
}

/// An XML body from the model's names (and the envelopes'), at times with a declaration, a
/// DOCTYPE, a second root or a cut-off end.
fn xml_body(c: &mut Choices, vocabulary: &Vocabulary) -> Vec<u8> {
    let names = &vocabulary.names;
    let mut out = String::new();
    if c.chance(30) {
        out.push_str(c.pick::<&str>(&["<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "<?xml version=\"1.1\"?>", "<!DOCTYPE a [<!ENTITY e \"x\">]>", "\u{feff}"]));
    }
    if c.chance(35) {
        // An error envelope (awsQuery's, S3's or ec2Query's) around a modeled or other code.
        let (open, close): (&str, &str) = *c.pick(&[
            ("<ErrorResponse><Error>", "</Error></ErrorResponse>"),
            ("<Error>", "</Error>"),
            ("<Response><Errors><Error>", "</Error></Errors></Response>"),
        ]);
        out.push_str(open);
        out.push_str(&format!("<Code>{}</Code>", escape_xml(c.pick::<String>(&vocabulary.codes))));
        for _ in 0..c.below(3) {
            xml_element(c, names, 3, &mut out);
        }
        out.push_str(close);
        if c.chance(50) {
            out.push_str("<RequestId>r-1</RequestId>");
        }
    } else {
        xml_element(c, names, 0, &mut out);
    }
    if c.chance(8) {
        out.push_str("<second/>");
    }
    let mut bytes = out.into_bytes();
    if c.chance(8) {
        // Cut off anywhere, inside a character too.
        bytes.truncate(c.below(bytes.len() + 1));
    }
    bytes
}

/// A seed body of `target` with a few byte mutations.
fn mutated_seed(c: &mut Choices, seeds: &[Input]) -> Vec<u8> {
    if seeds.is_empty() {
        return Vec::new();
    }
    let mut body = seeds[c.below(seeds.len())].body.clone();
    for _ in 0..1 + c.below(4) {
        if body.is_empty() {
            break;
        }
        let at = c.below(body.len());
        match c.below(4) {
            0 => body[at] = c.byte(),
            1 => drop(body.drain(at..(at + c.below(16)).min(body.len()))),
            2 => {
                let end = (at + c.below(32)).min(body.len());
                let copy = body[at..end].to_vec();
                body.splice(at..at, copy);
            }
            _ => drop(body.splice(at..at, c.pick::<&str>(&["<", ">", "\"", "{", "&", "</a>", "\u{0}"]).bytes())),
        }
    }
    body
}

/// The seeds of `target`: the responses in `tests/fuzz-seeds/<target>/`, by file name.
fn seeds_of(target: &str) -> Vec<(String, Input)> {
    fuzz_support::seeds(target).into_iter().map(|(name, bytes)| (name, Input::from_seed(&bytes))).collect()
}

/// Draws a response for `target` from the choice bytes.
fn draw(c: &mut Choices, target: &Target, seeds: &[Input]) -> Input {
    let vocabulary = vocabulary(target.model);
    let status = match c.below(4) {
        0 => 200,
        1 => *c.pick(&[400, 403, 404, 409, 429, 500, 503, 204, 206, 301]),
        _ => 100 + c.below(500) as u16,
    };
    let headers = (0..c.below(7)).map(|_| (header_name(c, vocabulary), header_value(c, vocabulary))).collect();
    let body = match c.below(10) {
        0 => (0..c.below(256)).map(|_| c.byte()).collect(),
        1 => Vec::new(),
        2 | 3 => mutated_seed(c, seeds),
        4 => {
            if target.xml {
                json_body(c, vocabulary)
            } else {
                xml_body(c, vocabulary)
            }
        }
        _ => {
            if target.xml {
                xml_body(c, vocabulary)
            } else {
                json_body(c, vocabulary)
            }
        }
    };
    Input { status, headers, body }
}

fn run_target(index: usize) {
    let target = &targets()[index];
    let seeds: Vec<Input> = seeds_of(target.name).into_iter().map(|(_, input)| input).collect();
    let parse = target.parse;
    let outcomes = std::sync::Mutex::new(std::collections::BTreeMap::<String, usize>::new());
    fuzz(target.name, 5000, prop::collection::vec(any::<u8>(), 0..768), |bytes| {
        let input = draw(&mut Choices::new(&bytes), target, &seeds);
        let outcome = parse(&input.response());
        *outcomes.lock().unwrap_or_else(|e| e.into_inner()).entry(outcome).or_default() += 1;
    });
    println!("{}: {:?}", target.name, outcomes.into_inner().unwrap_or_else(|e| e.into_inner()));
}

#[test]
fn seed_corpus_never_panics() {
    for target in targets() {
        for (name, input) in seeds_of(target.name) {
            let result = std::panic::catch_unwind(|| drop((target.parse)(&input.response())));
            assert!(result.is_ok(), "seed {}/{name} panicked", target.name);
        }
    }
}

#[test]
fn parse_ivsrealtime_update_stage() {
    run_target(0);
}

#[test]
fn parse_error_forms_json10() {
    run_target(1);
}

#[test]
fn parse_error_forms_json11() {
    run_target(2);
}

#[test]
fn parse_error_forms_rest_json() {
    run_target(3);
}

#[test]
fn parse_s3_list_objects_v2() {
    run_target(4);
}

#[test]
fn parse_s3_get_object() {
    run_target(5);
}

#[test]
fn parse_s3_put_object() {
    run_target(6);
}

#[test]
fn parse_sts_assume_role() {
    run_target(7);
}
