use std::borrow::Cow;

use http::header::{HeaderMap, HeaderName, HeaderValue};
use inlineable::json::Json;
use inlineable::json::{error_code, error_message, error_metadata, query_compatible_code};
use inlineable::wire::*;

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
    }
    map
}

fn string(text: &str) -> Json<'_> {
    Json::String(Cow::Borrowed(text))
}

fn object<'a>(members: Vec<(&'a str, Json<'a>)>) -> Json<'a> {
    Json::Object(members.into_iter().map(|(k, v)| (Cow::Borrowed(k), v)).collect())
}

// --- percent-encoding -------------------------------------------------------------------------

#[test]
fn label_keeps_unreserved_characters() {
    assert_eq!(encode_label("AZaz09-._~", false), "AZaz09-._~");
}

#[test]
fn label_encodes_spaces_reserved_and_unicode() {
    assert_eq!(encode_label("a b", false), "a%20b");
    assert_eq!(encode_label("%:/?#[]@!$&'()*+,;=", false), "%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D");
    assert_eq!(encode_label("é", false), "%C3%A9");
    assert_eq!(encode_label("😹", false), "%F0%9F%98%B9");
    assert_eq!(encode_label("", false), "");
}

#[test]
fn greedy_label_keeps_slashes() {
    assert_eq!(encode_label("foo/bar baz/", true), "foo/bar%20baz/");
    assert_eq!(encode_label("foo/bar baz/", false), "foo%2Fbar%20baz%2F");
    assert_eq!(encode_label("a?b#c", true), "a%3Fb%23c");
}

#[test]
fn query_encoding_never_uses_plus() {
    assert_eq!(encode_query("Hello there"), "Hello%20there");
    assert_eq!(encode_query("a+b=c&d/e"), "a%2Bb%3Dc%26d%2Fe");
    assert_eq!(encode_query("~-._AZaz09"), "~-._AZaz09");
    assert_eq!(encode_query("%?#ü"), "%25%3F%23%C3%BC");
}

// --- URI building -----------------------------------------------------------------------------

#[test]
fn uri_without_query() {
    assert_eq!(UriBuilder::new("/foo/bar".into()).build(), "/foo/bar");
}

#[test]
fn uri_with_query_pairs() {
    let mut uri = UriBuilder::new("/things".into());
    uri.query("name", "a b");
    uri.query("list", "1");
    uri.query("list", "2");
    uri.query("empty", "");
    assert_eq!(uri.build(), "/things?name=a%20b&list=1&list=2&empty=");
}

#[test]
fn uri_keeps_literal_query_then_appends() {
    let mut uri = UriBuilder::new("/foo?bar=baz&flag".into());
    assert!(uri.has_query("bar"));
    assert!(uri.has_query("flag"));
    assert!(!uri.has_query("baz"));
    uri.query("k", "v/w");
    assert_eq!(uri.build(), "/foo?bar=baz&flag&k=v%2Fw");
}

#[test]
fn uri_with_empty_literal_query() {
    assert_eq!(UriBuilder::new("/foo?".into()).build(), "/foo");
    let mut uri = UriBuilder::new("/foo?".into());
    uri.query("a", "b");
    assert_eq!(uri.build(), "/foo?a=b");
}

#[test]
fn has_query_sees_added_keys() {
    let mut uri = UriBuilder::new("/".into());
    assert!(!uri.has_query("a b"));
    uri.query("a b", "1");
    assert!(uri.has_query("a b"));
    assert!(!uri.has_query("a"));
}

// --- header lists -----------------------------------------------------------------------------

#[test]
fn join_plain_items() {
    assert_eq!(join_header_list(["a", "b", "c"]), "a, b, c");
    assert_eq!(join_header_list(std::iter::empty::<&str>()), "");
}

#[test]
fn join_quotes_items_with_commas_and_quotes() {
    assert_eq!(join_header_list(["a", "b,c", "\"def\""]), r#"a, "b,c", "\"def\"""#);
    assert_eq!(join_header_list(["x\\y,z"]), r#""x\\y,z""#);
}

#[test]
fn split_plain_and_quoted_items() {
    assert_eq!(split_header_list("a, b,c"), ["a", "b", "c"]);
    assert_eq!(split_header_list(r#"a, "b,c", "\"def\"""#), ["a", "b,c", "\"def\""]);
    assert_eq!(split_header_list("  spaced  ,\tx "), ["spaced", "x"]);
    assert_eq!(split_header_list(""), Vec::<String>::new());
    assert_eq!(split_header_list("   "), Vec::<String>::new());
    assert_eq!(split_header_list("a,,b"), ["a", "", "b"]);
}

#[test]
fn header_list_round_trips() {
    let cases: &[&[&str]] = &[
        &["a", "b", "c"],
        &["b,c", "\"def\"", "a"],
        &["back\\slash", "quote\"in,middle", "trailing\\"],
        &["", " padded ", "x"],
        &["ü, é", "plain"],
        &["\""],
    ];
    for items in cases {
        let joined = join_header_list(items.iter().copied());
        assert_eq!(split_header_list(&joined), *items, "joined as {joined:?}");
    }
}

#[test]
fn split_never_panics_on_odd_input() {
    for input in ["\"", "\"unterminated, x", "a\\", "\"a\\", "\"\\\"", ",", "\"\"", "é\"ü,ß"] {
        let _ = split_header_list(input);
    }
    assert_eq!(split_header_list("\"unterminated, x"), ["\"unterminated, x"]);
    assert_eq!(split_header_list("\"\""), [""]);
}

#[test]
fn split_http_dates() {
    let value = "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT";
    assert_eq!(
        split_http_date_list(value).unwrap(),
        ["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"]
    );
    assert_eq!(split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT").unwrap(), ["Mon, 16 Dec 2019 23:48:18 GMT"]);
    assert_eq!(split_http_date_list("").unwrap(), Vec::<String>::new());
    assert!(split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue").is_err());
    assert!(split_http_date_list("not a date").is_err());
}

#[test]
fn http_date_list_round_trips() {
    let dates = ["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"];
    let joined = join_http_date_list(dates);
    assert_eq!(joined, "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT");
    assert_eq!(split_http_date_list(&joined).unwrap(), dates);
}

// --- scalars ----------------------------------------------------------------------------------

#[test]
fn float_formatting() {
    assert_eq!(format_float(f64::NAN), "NaN");
    assert_eq!(format_float(f64::INFINITY), "Infinity");
    assert_eq!(format_float(f64::NEG_INFINITY), "-Infinity");
    assert_eq!(format_float(1.1), "1.1");
    assert_eq!(format_float(1.0), "1");
    assert_eq!(format_float(-0.5), "-0.5");
    assert_eq!(format_float32(f32::NAN), "NaN");
    assert_eq!(format_float32(f32::INFINITY), "Infinity");
    assert_eq!(format_float32(f32::NEG_INFINITY), "-Infinity");
    assert_eq!(format_float32(1.1), "1.1");
}

#[test]
fn float_parsing() {
    assert!(parse_float("NaN").unwrap().is_nan());
    assert_eq!(parse_float("Infinity").unwrap(), f64::INFINITY);
    assert_eq!(parse_float("-Infinity").unwrap(), f64::NEG_INFINITY);
    assert_eq!(parse_float(" 1.5 ").unwrap(), 1.5);
    assert_eq!(parse_float("-2e3").unwrap(), -2000.0);
    assert!(parse_float32("NaN").unwrap().is_nan());
    assert_eq!(parse_float32("Infinity").unwrap(), f32::INFINITY);
    assert_eq!(parse_float32("-Infinity").unwrap(), f32::NEG_INFINITY);
    assert_eq!(parse_float32("1.1").unwrap(), 1.1f32);
    for bad in ["", "abc", "inf", "nan", "infinity", "1.2.3", "-", "1e", "0x10"] {
        assert!(parse_float(bad).is_err(), "{bad:?}");
        assert!(parse_float32(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn float_text_round_trips() {
    for value in [0.0, -0.0, 1.1, 1e300, -1e-300, f64::MAX, f64::MIN_POSITIVE, f64::INFINITY, f64::NEG_INFINITY] {
        let back = parse_float(&format_float(value)).unwrap();
        assert_eq!(back.to_bits(), value.to_bits(), "{value}");
    }
    for value in [0.1f32, 3.4e38, -1.5e-45] {
        assert_eq!(parse_float32(&format_float32(value)).unwrap(), value);
    }
}

#[test]
fn bool_parsing() {
    assert!(parse_bool("true").unwrap());
    assert!(!parse_bool(" false ").unwrap());
    for bad in ["True", "1", "", "yes"] {
        let err = parse_bool(bad).unwrap_err();
        assert!(err.message().contains("true"), "{err}");
    }
}

#[test]
fn int_parsing() {
    assert_eq!(parse_int::<i32>(" 42 ").unwrap(), 42);
    assert_eq!(parse_int::<i64>("-9223372036854775808").unwrap(), i64::MIN);
    assert_eq!(parse_int::<i8>("-128").unwrap(), -128);
    assert!(parse_int::<i8>("128").is_err());
    assert!(parse_int::<i32>("1.5").is_err());
    let err = parse_int::<i32>("abc").unwrap_err();
    assert!(err.message().contains("integer") && err.message().contains("abc"), "{err}");
    let long = "x".repeat(10_000);
    assert!(parse_int::<i32>(&long).unwrap_err().message().len() < 200);
}

// --- response headers -------------------------------------------------------------------------

#[test]
fn header_lookup() {
    let map = headers(&[("x-foo", "bar"), ("x-list", "a"), ("x-list", "b, c")]);
    assert_eq!(header(&map, "X-Foo").unwrap(), Some("bar"));
    assert_eq!(header(&map, "x-missing").unwrap(), None);
    assert_eq!(header(&map, "not a header name").unwrap(), None);
    assert_eq!(header_joined(&map, "x-list").unwrap().as_deref(), Some("a, b, c"));
    assert_eq!(header_joined(&map, "x-foo").unwrap().as_deref(), Some("bar"));
    assert_eq!(header_joined(&map, "x-missing").unwrap(), None);
    assert_eq!(split_header_list(&header_joined(&map, "x-list").unwrap().unwrap()), ["a", "b", "c"]);
}

#[test]
fn header_utf8_and_invalid_bytes() {
    let mut map = HeaderMap::new();
    map.insert("x-utf8", HeaderValue::from_bytes("héllo".as_bytes()).unwrap());
    map.insert("x-bad", HeaderValue::from_bytes(b"\xff\xfe").unwrap());
    assert_eq!(header(&map, "x-utf8").unwrap(), Some("héllo"));
    assert!(header(&map, "x-bad").is_err());
    assert!(header_joined(&map, "x-bad").is_err());
    assert!(prefixed_headers(&map, "x-b").is_err());
}

#[test]
fn prefixed_header_lookup() {
    let map = headers(&[("x-foo-abc", "1"), ("X-Foo-Def", "2"), ("x-foo-def", "3"), ("x-other", "4")]);
    let mut found = prefixed_headers(&map, "X-Foo-").unwrap();
    found.sort();
    assert_eq!(found, [("abc".to_owned(), "1".to_owned()), ("def".to_owned(), "2, 3".to_owned())]);
    assert_eq!(prefixed_headers(&map, "x-none-").unwrap(), Vec::<(String, String)>::new());
    assert_eq!(prefixed_headers(&map, "").unwrap().len(), 3);
    assert_eq!(prefixed_headers(&map, "é").unwrap(), Vec::<(String, String)>::new());
    assert_eq!(prefixed_headers(&map, "x-foo-abc-and-more").unwrap(), Vec::<(String, String)>::new());
}

#[test]
fn request_id_header() {
    assert_eq!(request_id(&headers(&[("X-Amzn-RequestId", "abc-123")])).as_deref(), Some("abc-123"));
    assert_eq!(request_id(&HeaderMap::new()), None);
}

// --- error responses --------------------------------------------------------------------------

#[test]
fn sanitize_examples() {
    assert_eq!(sanitize_error_code("FooError"), "FooError");
    assert_eq!(
        sanitize_error_code("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
        "FooError"
    );
    assert_eq!(sanitize_error_code("aws.protocoltests.restjson#FooError"), "FooError");
    assert_eq!(
        sanitize_error_code(
            "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"
        ),
        "FooError"
    );
    assert_eq!(sanitize_error_code(""), "");
    assert_eq!(sanitize_error_code("#"), "");
    assert_eq!(sanitize_error_code(":#x"), "");
}

#[test]
fn error_code_from_header_first() {
    let map = headers(&[("X-Amzn-Errortype", "aws.protocoltests.restjson#FooError:http://x/")]);
    let body = object(vec![("code", string("BarError")), ("__type", string("BazError"))]);
    assert_eq!(error_code(&map, Some(&body)).as_deref(), Some("FooError"));
    assert_eq!(error_code(&map, None).as_deref(), Some("FooError"));
}

#[test]
fn error_code_from_body() {
    let none = HeaderMap::new();
    let both = object(vec![("__type", string("ns#BazError")), ("code", string("BarError"))]);
    assert_eq!(error_code(&none, Some(&both)).as_deref(), Some("BarError"));
    let only_type = object(vec![("__type", string("aws.protocoltests.restjson#FooError:http://x/"))]);
    assert_eq!(error_code(&none, Some(&only_type)).as_deref(), Some("FooError"));
    assert_eq!(error_code(&none, None), None);
}

#[test]
fn error_code_ignores_nested_and_non_string_members() {
    let none = HeaderMap::new();
    let nested = object(vec![("member", object(vec![("__type", string("Nested"))])), ("message", string("hi"))]);
    assert_eq!(error_code(&none, Some(&nested)), None);
    let number = object(vec![("code", Json::Number("5")), ("__type", string("FooError"))]);
    assert_eq!(error_code(&none, Some(&number)).as_deref(), Some("FooError"));
    let array = Json::Array(vec![object(vec![("code", string("FooError"))])]);
    assert_eq!(error_code(&none, Some(&array)), None);
    assert_eq!(error_code(&none, Some(&Json::Null)), None);
}

#[test]
fn error_metadata_takes_the_awsquery_code_first() {
    let both = headers(&[("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")]);
    let body = br#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}"#;
    let (meta, is_object) = error_metadata(&both, body, true);
    assert!(is_object);
    assert_eq!(meta.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    assert_eq!(meta.message(), Some("gone"));
    let (meta, _) = error_metadata(&HeaderMap::new(), body, true);
    assert_eq!(meta.code(), Some("QueueDoesNotExist"));
    // A service that is not awsQueryCompatible never reads the header, even when it sends one.
    let (meta, _) = error_metadata(&both, body, false);
    assert_eq!(meta.code(), Some("QueueDoesNotExist"));
}

#[test]
fn query_compatible_code_falls_back_to_the_json_type() {
    let query = headers(&[("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")]);
    let body = br#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}"#;
    let (meta, _) = error_metadata(&query, body, true);
    // The awsQuery code when the model knows it, else the type, else nothing.
    let known = ["AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"];
    assert_eq!(query_compatible_code(&meta, &query, body, &known).as_deref(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    assert_eq!(query_compatible_code(&meta, &query, body, &["QueueDoesNotExist"]).as_deref(), Some("QueueDoesNotExist"));
    assert_eq!(query_compatible_code(&meta, &query, body, &["Other"]), None);
    // The type from `X-Amzn-ErrorType` when the body is not read (no JSON object).
    let typed = headers(&[("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"), ("X-Amzn-ErrorType", "QueueDoesNotExist")]);
    let (meta, _) = error_metadata(&typed, b"", true);
    assert_eq!(query_compatible_code(&meta, &typed, b"", &["QueueDoesNotExist"]).as_deref(), Some("QueueDoesNotExist"));
    assert_eq!(query_compatible_code(&meta, &query, b"", &["QueueDoesNotExist"]), None);
}

#[test]
fn error_message_lookup() {
    let lower = object(vec![("Message", string("upper")), ("message", string("lower"))]);
    assert_eq!(error_message(Some(&lower)).as_deref(), Some("lower"));
    let upper = object(vec![("Message", string("upper")), ("errorMessage", string("err"))]);
    assert_eq!(error_message(Some(&upper)).as_deref(), Some("upper"));
    let error_only = object(vec![("errorMessage", string("err"))]);
    assert_eq!(error_message(Some(&error_only)).as_deref(), Some("err"));
    let non_string = object(vec![("message", Json::Bool(true)), ("Message", string("text"))]);
    assert_eq!(error_message(Some(&non_string)).as_deref(), Some("text"));
    assert_eq!(error_message(Some(&object(vec![]))), None);
    assert_eq!(error_message(None), None);
    let ivs = object(vec![("code", string("X")), ("exceptionMessage", string("from ivs"))]);
    assert_eq!(error_message(Some(&ivs)).as_deref(), Some("from ivs"));
    let preferred = object(vec![("exceptionMessage", string("other")), ("message", string("first"))]);
    assert_eq!(error_message(Some(&preferred)).as_deref(), Some("first"));
}

// --- request headers --------------------------------------------------------------------------

#[test]
fn insert_header_accepts_and_replaces() {
    let mut map = HeaderMap::new();
    insert_header(&mut map, "X-Foo", "one", "foo").unwrap();
    insert_header(&mut map, "x-foo", "two", "foo").unwrap();
    assert_eq!(map.get_all("x-foo").iter().count(), 1);
    assert_eq!(map["x-foo"], "two");
    insert_header(&mut map, "x-utf8", "héllo", "u").unwrap();
    assert_eq!(header(&map, "x-utf8").unwrap(), Some("héllo"));
}

#[test]
fn insert_header_rejects_bad_values_and_names() {
    let mut map = HeaderMap::new();
    let err = insert_header(&mut map, "x-foo", "line\nbreak", "fooMember").unwrap_err();
    assert_eq!(err.member(), "fooMember");
    assert!(err.message().contains("x-foo"), "{err}");
    let err = insert_header(&mut map, "bad name", "v", "barMember").unwrap_err();
    assert_eq!(err.member(), "barMember");
    assert!(insert_header(&mut map, "", "v", "m").is_err());
    assert!(map.is_empty());
}

#[test]
fn error_code_and_message_from_parsed_body() {
    let none = HeaderMap::new();
    let body = inlineable::json::parse(br#"{"nested": {"__type": "Inner"}, "__type": "ns#Outer:http://x/", "message": "m"}"#)
        .unwrap();
    assert_eq!(error_code(&none, Some(&body)).as_deref(), Some("Outer"));
    assert_eq!(error_message(Some(&body)).as_deref(), Some("m"));
    let nested_only = inlineable::json::parse(br#"{"nested": {"__type": "Inner", "code": "Inner"}}"#).unwrap();
    assert_eq!(error_code(&none, Some(&nested_only)), None);
}

#[test]
fn content_md5_matches_known_digests() {
    // RFC 1321's test suite, base64-encoded: "" and "abc".
    assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
    assert_eq!(content_md5(b"abc"), "kAFQmDzST7DWlj99KOF/cg==");
    assert_eq!(content_md5(&[b'a'; 1000]), content_md5(&vec![b'a'; 1000]));
}

#[test]
fn idempotency_tokens_are_fresh_v4_uuids() {
    let (a, b) = (idempotency_token(), idempotency_token());
    assert_ne!(a, b);
    assert_eq!(a.len(), 36);
    assert_eq!(&a[14..15], "4");
    assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
    assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
}

#[test]
fn empty_header_values_are_left_out() {
    let mut headers = http::HeaderMap::new();
    insert_header(&mut headers, "X-Empty", "", "member").unwrap();
    assert!(headers.is_empty());
}

#[test]
fn header_string_joins_values_and_names_the_member_on_error() {
    let mut headers = http::HeaderMap::new();
    headers.append("x-a", http::HeaderValue::from_static("one"));
    headers.append("x-a", http::HeaderValue::from_static("two"));
    assert_eq!(header_string(&headers, "X-A", "a").unwrap().as_deref(), Some("one, two"));
    assert_eq!(header_string(&headers, "X-B", "b").unwrap(), None);
    headers.insert("x-c", http::HeaderValue::from_bytes(b"\xff").unwrap());
    assert_eq!(header_string(&headers, "X-C", "c").unwrap_err().path(), "c");
}

// --- endpoints ----------------------------------------------------------------------------------

fn request_to(uri: &str) -> http::Request<Vec<u8>> {
    let mut request = http::Request::new(Vec::new());
    *request.uri_mut() = uri.parse().unwrap();
    request
}

#[test]
fn endpoint_gives_scheme_authority_and_base_path() {
    let mut request = request_to("/things/a%20b?x=1");
    apply_endpoint(&mut request, "https://example.com", "").unwrap();
    assert_eq!(request.uri().to_string(), "https://example.com/things/a%20b?x=1");

    let mut request = request_to("/");
    apply_endpoint(&mut request, "https://example.com/custom/", "").unwrap();
    assert_eq!(request.uri().to_string(), "https://example.com/custom/");

    let mut request = request_to("/op");
    apply_endpoint(&mut request, "http://localhost:4566/base", "data-").unwrap();
    assert_eq!(request.uri().to_string(), "http://data-localhost:4566/base/op");
}

#[test]
fn a_chosen_authority_is_kept_and_bad_endpoints_are_errors() {
    let mut request = request_to("https://custom.example.com/");
    apply_endpoint(&mut request, "https://example.com", "").unwrap();
    assert_eq!(request.uri().host(), Some("custom.example.com"));

    for bad in ["example.com", "/path", "", "https://exa mple.com"] {
        let error = apply_endpoint(&mut request_to("/"), bad, "").unwrap_err();
        assert_eq!(error.member(), "endpoint", "{bad}");
    }
}
