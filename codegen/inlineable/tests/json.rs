//! The JSON writer, parser, typed readers and semantic comparison.

use std::borrow::Cow;
use std::collections::BTreeMap;

use inlineable::wire::in_member;
use inlineable::json::*;
use inlineable::primitives::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};
use proptest::prelude::*;

fn written(write: impl FnOnce(&mut JsonWriter)) -> String {
    let mut w = JsonWriter::new();
    write(&mut w);
    w.as_str().to_owned()
}

fn parsed(text: &str) -> Json<'_> {
    parse(text.as_bytes()).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
}

fn parse_error(input: &[u8]) -> String {
    match parse(input) {
        Ok(value) => panic!(
            "{:?} should not parse, got {value:?}",
            String::from_utf8_lossy(input)
        ),
        Err(e) => e.message().to_owned(),
    }
}

// ---- writing --------------------------------------------------------------------------------

#[test]
fn writes_scalars() {
    assert_eq!(written(|w| w.boolean(true)), "true");
    assert_eq!(written(|w| w.boolean(false)), "false");
    assert_eq!(written(|w| w.null()), "null");
    assert_eq!(written(|w| w.integer(i64::MIN)), "-9223372036854775808");
    assert_eq!(written(|w| w.integer(0)), "0");
    assert_eq!(written(|w| w.unsigned(u64::MAX)), "18446744073709551615");
    assert_eq!(written(|w| w.number_text("-12.5e300")), "-12.5e300");
    assert_eq!(written(|w| w.blob(&Blob::from("foobar"))), r#""Zm9vYmFy""#);
    assert_eq!(written(|w| w.blob(&Blob::default())), r#""""#);
}

#[test]
fn escapes_strings() {
    assert_eq!(written(|w| w.string("")), r#""""#);
    assert_eq!(written(|w| w.string("plain")), r#""plain""#);
    assert_eq!(
        written(|w| w.string("q\" b\\ n\n r\r t\t b\u{8} f\u{c} /")),
        r#""q\" b\\ n\n r\r t\t b\b f\f /""#
    );
    assert_eq!(
        written(|w| w.string("\u{0}\u{1}\u{1f}\u{7f}")),
        "\"\\u0000\\u0001\\u001f\u{7f}\""
    );
    assert_eq!(
        written(|w| w.string("ünï 😀 \u{2028}")),
        "\"ünï 😀 \u{2028}\""
    );
    assert_eq!(written(|w| w.key("a\"b")), r#""a\"b":"#);
}

#[test]
fn writes_floats() {
    let f = |v: f64| written(|w| w.float(v));
    assert_eq!(f(0.0), "0.0");
    assert_eq!(f(-0.0), "-0.0");
    assert_eq!(f(1.0), "1.0");
    assert_eq!(f(1.5), "1.5");
    assert_eq!(f(0.1), "0.1");
    assert_eq!(f(-2.25), "-2.25");
    assert_eq!(f(1576540098.52), "1576540098.52");
    assert_eq!(f(1e20), "100000000000000000000.0");
    assert_eq!(f(1e21), "1e21");
    assert_eq!(f(1e300), "1e300");
    assert_eq!(f(-1.5e300), "-1.5e300");
    assert_eq!(f(1e-7), "0.0000001");
    assert_eq!(f(1.5e-8), "1.5e-8");
    assert_eq!(f(f64::MAX), "1.7976931348623157e308");
    assert_eq!(f(5e-324), "5e-324");
    assert_eq!(f(f64::NAN), r#""NaN""#);
    assert_eq!(f(f64::INFINITY), r#""Infinity""#);
    assert_eq!(f(f64::NEG_INFINITY), r#""-Infinity""#);

    let f32 = |v: f32| written(|w| w.float32(v));
    assert_eq!(f32(1.1), "1.1");
    assert_eq!(f32(0.1), "0.1");
    assert_eq!(f32(16777216.0), "16777216.0");
    assert_eq!(f32(f32::MAX), "3.4028235e38");
    assert_eq!(f32(1e-10), "1e-10");
    assert_eq!(f32(f32::NAN), r#""NaN""#);
    assert_eq!(f32(f32::INFINITY), r#""Infinity""#);
    assert_eq!(f32(f32::NEG_INFINITY), r#""-Infinity""#);
}

#[test]
fn written_floats_read_back_exactly() {
    let values = [
        0.1,
        1.0 / 3.0,
        1e-300,
        123_456_789.123_456_79,
        f64::MIN_POSITIVE,
        -f64::MAX,
        2e-7,
    ];
    for value in values {
        let text = written(|w| w.float(value));
        assert_eq!(read_f64(&parsed(&text)), Ok(value), "{text}");
    }
    for value in [0.1f32, 1.0 / 3.0, f32::MIN_POSITIVE, f32::MAX, 7e-45] {
        let text = written(|w| w.float32(value));
        assert_eq!(read_f32(&parsed(&text)), Ok(value), "{text}");
    }
}

#[test]
fn writes_timestamps() {
    let t = |secs, nanos| written(|w| w.timestamp_epoch(&DateTime::from_parts(secs, nanos)));
    assert_eq!(t(1_576_540_098, 0), "1576540098");
    assert_eq!(t(1_576_540_098, 520_000_000), "1576540098.52");
    assert_eq!(t(-2, 500_000_000), "-1.5");
    assert_eq!(t(0, 1), "0.000000001");
}

#[test]
fn separates_values_with_commas() {
    let text = written(|w| {
        w.begin_object();
        w.key("a");
        w.integer(1);
        w.key("list");
        w.begin_array();
        w.string("x");
        w.null();
        w.begin_array();
        w.end_array();
        w.begin_object();
        w.end_object();
        w.begin_array();
        w.boolean(true);
        w.float(0.5);
        w.end_array();
        w.begin_object();
        w.key("k");
        w.unsigned(2);
        w.key("m");
        w.begin_object();
        w.key("n");
        w.blob(&Blob::from("a"));
        w.end_object();
        w.end_object();
        w.end_array();
        w.key("t");
        w.timestamp_epoch(&DateTime::from_secs(3));
        w.key("z");
        w.number_text("1e3");
        w.end_object();
    });
    assert_eq!(
        text,
        r#"{"a":1,"list":["x",null,[],{},[true,0.5],{"k":2,"m":{"n":"YQ=="}}],"t":3,"z":1e3}"#
    );
}

#[test]
fn writer_basics() {
    assert_eq!(JsonWriter::default().as_str(), "");
    let mut w = JsonWriter::new();
    w.begin_array();
    w.integer(-1);
    w.float32(2.5);
    w.end_array();
    assert_eq!(w.into_bytes(), b"[-1,2.5]".to_vec());
}

#[test]
fn writes_documents() {
    let document = Document::Object(BTreeMap::from([
        ("z".to_owned(), Document::from(1i64)),
        ("a".to_owned(), Document::from(-1i64)),
        ("big".to_owned(), Document::from(u64::MAX)),
        (
            "floats".to_owned(),
            Document::Array(vec![
                Document::from(f64::NAN),
                Document::from(f64::INFINITY),
                Document::from(f64::NEG_INFINITY),
                Document::from(0.25),
            ]),
        ),
        ("s".to_owned(), Document::from("\"q\"")),
        ("n".to_owned(), Document::Null),
        ("b".to_owned(), Document::from(false)),
        ("o".to_owned(), Document::Object(BTreeMap::new())),
    ]));
    let text = written(|w| {
        w.begin_array();
        w.document(&document);
        w.document(&Document::Null);
        w.end_array();
    });
    assert_eq!(
        text,
        r#"[{"a":-1,"b":false,"big":18446744073709551615,"floats":["NaN","Infinity","-Infinity",0.25],"n":null,"o":{},"s":"\"q\"","z":1},null]"#
    );
}

// ---- parsing --------------------------------------------------------------------------------

#[test]
fn parses_values() {
    assert_eq!(parsed("null"), Json::Null);
    assert_eq!(parsed(" \t\r\n true \n"), Json::Bool(true));
    assert_eq!(parsed("false"), Json::Bool(false));
    assert_eq!(parsed("-12.5e+3"), Json::Number("-12.5e+3"));
    assert_eq!(parsed("\"hi\""), Json::String(Cow::Borrowed("hi")));
    assert_eq!(parsed("[]"), Json::Array(vec![]));
    assert_eq!(parsed("{ }"), Json::Object(vec![]));
    assert_eq!(
        parsed(r#" { "a" : [ 1 , { "b" : null } ] , "c" : "d" , "a" : 2 } "#),
        Json::Object(vec![
            (
                Cow::Borrowed("a"),
                Json::Array(vec![
                    Json::Number("1"),
                    Json::Object(vec![(Cow::Borrowed("b"), Json::Null)]),
                ]),
            ),
            (Cow::Borrowed("c"), Json::String(Cow::Borrowed("d"))),
            (Cow::Borrowed("a"), Json::Number("2")),
        ])
    );
}

#[test]
fn parses_numbers() {
    for text in [
        "0",
        "-0",
        "1",
        "-1",
        "10",
        "0.5",
        "-0.0",
        "1e5",
        "1E5",
        "1e+5",
        "1e-5",
        "1.25E-10",
        "123456789012345678901234567890",
        "1e400",
    ] {
        assert_eq!(parsed(text), Json::Number(text));
    }
    for (text, message) in [
        ("01", "leading zeros are not allowed at byte offset 0"),
        ("-01", "leading zeros are not allowed at byte offset 0"),
        ("00", "leading zeros are not allowed at byte offset 0"),
        (
            "-",
            "expected a digit at byte offset 1, found the end of the input",
        ),
        ("-a", "expected a digit at byte offset 1, found 'a'"),
        (
            "1.",
            "expected a digit at byte offset 2, found the end of the input",
        ),
        ("1.e5", "expected a digit at byte offset 2, found 'e'"),
        (
            "1e",
            "expected a digit at byte offset 2, found the end of the input",
        ),
        (
            "1e+",
            "expected a digit at byte offset 3, found the end of the input",
        ),
        (".5", "expected a value at byte offset 0, found '.'"),
        ("+1", "expected a value at byte offset 0, found '+'"),
        (
            "1.5.5",
            "expected the end of the input at byte offset 3, found '.'",
        ),
        ("NaN", "expected a value at byte offset 0, found 'N'"),
        ("Infinity", "expected a value at byte offset 0, found 'I'"),
        (
            "0x10",
            "expected the end of the input at byte offset 1, found 'x'",
        ),
    ] {
        assert_eq!(parse_error(text.as_bytes()), message, "{text}");
    }
}

#[test]
fn parses_strings() {
    fn string(text: &str) -> Cow<'_, str> {
        match parsed(text) {
            Json::String(s) => s,
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(string(r#""plain ü""#), Cow::Borrowed("plain ü")));
    let escaped = string(r#""\"\\\/\b\f\n\r\t""#);
    assert!(matches!(escaped, Cow::Owned(_)));
    assert_eq!(escaped, "\"\\/\u{8}\u{c}\n\r\t");
    assert_eq!(string(r#""a\u0041b\u00e9\u20AC""#), "aAbé€");
    assert_eq!(string(r#""\u0000""#), "\u{0}");
    assert_eq!(string(r#""\ud83d\ude00!""#), "😀!");
    assert_eq!(string(r#""\uD834\uDD1E""#), "𝄞");
    assert_eq!(string(r#""x\ny""#), "x\ny");
    assert_eq!(
        string("\"\u{7f} raw DEL is fine\""),
        "\u{7f} raw DEL is fine"
    );
}

#[test]
fn rejects_bad_strings() {
    for (text, message) in [
        (r#""abc"#, "unterminated string at byte offset 0"),
        (r#""abc\"#, "unterminated string at byte offset 4"),
        (r#"["ok", "abc\""#, "unterminated string at byte offset 7"),
        (r#""\x""#, "invalid escape `\\x` at byte offset 1"),
        (r#""\é""#, "invalid escape `\\é` at byte offset 1"),
        (
            r#""\u12""#,
            "expected four hexadecimal digits after `\\u` at byte offset 1",
        ),
        (
            r#""\u12g4""#,
            "expected four hexadecimal digits after `\\u` at byte offset 1",
        ),
        (
            r#""\ud800""#,
            "unpaired surrogate `\\uD800` at byte offset 1",
        ),
        (
            r#""\ud800x""#,
            "unpaired surrogate `\\uD800` at byte offset 1",
        ),
        (
            r#""\ud800\u0041""#,
            "unpaired surrogate `\\uD800` at byte offset 1",
        ),
        (
            r#""\ud800\ud800""#,
            "unpaired surrogate `\\uD800` at byte offset 1",
        ),
        (
            r#""\udc00""#,
            "unpaired surrogate `\\uDC00` at byte offset 1",
        ),
        (
            r#""\uDFFF\uD800""#,
            "unpaired surrogate `\\uDFFF` at byte offset 1",
        ),
        (
            "\"a\nb\"",
            "control character '\\n' must be escaped in a string at byte offset 2",
        ),
        (
            "\"\u{0}\"",
            "control character '\\0' must be escaped in a string at byte offset 1",
        ),
        (
            "\"\t\"",
            "control character '\\t' must be escaped in a string at byte offset 1",
        ),
    ] {
        assert_eq!(parse_error(text.as_bytes()), message, "{text}");
    }
}

#[test]
fn rejects_bad_structure() {
    for (text, message) in [
        (
            "",
            "expected a value at byte offset 0, found the end of the input",
        ),
        (
            "   ",
            "expected a value at byte offset 3, found the end of the input",
        ),
        (
            "[",
            "expected a value at byte offset 1, found the end of the input",
        ),
        (
            "[1",
            "expected ',' or ']' at byte offset 2, found the end of the input",
        ),
        (
            "[1,",
            "expected a value at byte offset 3, found the end of the input",
        ),
        ("[1,]", "expected a value at byte offset 3, found ']'"),
        ("[1 2]", "expected ',' or ']' at byte offset 3, found '2'"),
        ("[,1]", "expected a value at byte offset 1, found ','"),
        (
            "{",
            "expected a string key at byte offset 1, found the end of the input",
        ),
        (
            "{\"a\"",
            "expected ':' at byte offset 4, found the end of the input",
        ),
        (
            "{\"a\":",
            "expected a value at byte offset 5, found the end of the input",
        ),
        (
            "{\"a\":1",
            "expected ',' or '}' at byte offset 6, found the end of the input",
        ),
        (
            "{\"a\":1,}",
            "expected a string key at byte offset 7, found '}'",
        ),
        ("{a:1}", "expected a string key at byte offset 1, found 'a'"),
        (
            "{'a':1}",
            "expected a string key at byte offset 1, found '\\''",
        ),
        ("{\"a\" 1}", "expected ':' at byte offset 5, found '1'"),
        (
            "{\"a\":1]",
            "expected ',' or '}' at byte offset 6, found ']'",
        ),
        ("[1}", "expected ',' or ']' at byte offset 2, found '}'"),
        ("tru", "expected `true` at byte offset 0"),
        ("nul", "expected `null` at byte offset 0"),
        ("fals", "expected `false` at byte offset 0"),
        ("True", "expected a value at byte offset 0, found 'T'"),
        (
            "truex",
            "expected the end of the input at byte offset 4, found 'x'",
        ),
        (
            "{} {}",
            "expected the end of the input at byte offset 3, found '{'",
        ),
        (
            "1 2",
            "expected the end of the input at byte offset 2, found '2'",
        ),
        (
            "null\u{0}",
            "expected the end of the input at byte offset 4, found '\\0'",
        ),
        (
            "[1]é",
            "expected the end of the input at byte offset 3, found 'é'",
        ),
        (
            "\u{feff}1",
            "expected a value at byte offset 0, found '\\u{feff}'",
        ),
        (
            "\u{a0}1",
            "expected a value at byte offset 0, found '\\u{a0}'",
        ),
        ("// c\n1", "expected a value at byte offset 0, found '/'"),
    ] {
        assert_eq!(parse_error(text.as_bytes()), message, "{text:?}");
    }
}

#[test]
fn rejects_invalid_utf8() {
    assert_eq!(parse_error(b"\"ab\xff\""), "invalid UTF-8 at byte offset 3");
    assert_eq!(parse_error(b"[\"\xc3\"]"), "invalid UTF-8 at byte offset 2");
    assert_eq!(
        parse_error(b"\xed\xa0\x80"),
        "invalid UTF-8 at byte offset 0"
    );
    assert_eq!(parse_error(b"1 \x80"), "invalid UTF-8 at byte offset 2");
}

#[test]
fn limits_nesting_depth() {
    let nested = |depth: usize, open: &str, close: &str| {
        format!("{}{}", open.repeat(depth), close.repeat(depth))
    };
    assert!(parse(nested(MAX_DEPTH, "[", "]").as_bytes()).is_ok());
    assert!(parse(
        nested(MAX_DEPTH, "{\"a\":", "}")
            .replace(":}", ":1}")
            .as_bytes()
    )
    .is_ok());
    assert_eq!(
        parse_error(nested(MAX_DEPTH + 1, "[", "]").as_bytes()),
        "arrays and objects nest more than 128 levels deep at byte offset 128"
    );
    // Far beyond the limit, unterminated, and mixed: an error, never a stack overflow.
    for input in [
        "[".repeat(1_000_000),
        "{\"a\":[".repeat(100_000),
        "[{\"\":".repeat(100_000),
    ] {
        assert!(parse_error(input.as_bytes()).contains("nest more than 128 levels"));
    }
    // Depth is counted per level, not per container: many siblings are fine.
    let wide = format!("[{}[]]", "[[]],".repeat(10_000));
    assert!(parse(wide.as_bytes()).is_ok());
}

#[test]
fn parses_every_truncation_without_panicking() {
    let text =
        r#" {"a": [1, -2.5e-3, true, false, null, "x\"\u00e9\ud83d\ude00y"], "b": {"c": {}}} "#;
    assert!(parse(text.as_bytes()).is_ok());
    let bytes = text.as_bytes();
    for end in 0..bytes.len() - 1 {
        // Every prefix but the one missing just the trailing space is incomplete.
        assert!(parse(&bytes[..end]).is_err(), "{:?}", &text[..end]);
    }
    // Every single-byte substitution, for bytes that matter to the grammar.
    for at in 0..bytes.len() {
        for replacement in b"\"\\{}[],:0-.eEu \x00\x1f\x80\xff".iter() {
            let mut mutated = bytes.to_vec();
            mutated[at] = *replacement;
            let _ = parse(&mutated);
        }
    }
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = parse(&bytes);
    }

    #[test]
    fn never_panics_on_json_like_text(text in r#"[\[\]{}",:\\ 0-9.eE+\-tfrunlsa\x00-\x1f\u{80}-\u{10ffff}]{0,64}"#) {
        let _ = parse(text.as_bytes());
    }

    #[test]
    fn strings_round_trip(value in any::<String>()) {
        let text = written(|w| w.string(&value));
        prop_assert_eq!(read_string(&parsed(&text)), Ok(value));
    }

    #[test]
    fn doubles_round_trip(value in any::<f64>()) {
        let text = written(|w| w.float(value));
        let back = read_f64(&parsed(&text)).unwrap();
        prop_assert!(back == value || (back.is_nan() && value.is_nan()), "{} -> {}", value, text);
    }

    #[test]
    fn integers_round_trip(value in any::<i64>()) {
        let text = written(|w| w.integer(value));
        prop_assert_eq!(read_i64(&parsed(&text)), Ok(value));
    }
}

// ---- the Json tree and typed readers --------------------------------------------------------

#[test]
fn inspects_values() {
    let value = parsed(r#"{"a": 1, "b": [true], "a": 2}"#);
    assert_eq!(value.kind(), "an object");
    assert_eq!(value.get("a"), Some(&Json::Number("2")));
    assert_eq!(value.get("missing"), None);
    assert_eq!(value.as_object().map(<[_]>::len), Ok(3));
    let list = value.get("b").unwrap();
    assert_eq!(list.as_array(), Ok(&[Json::Bool(true)][..]));
    assert_eq!(list.get("a"), None);
    assert_eq!(
        list.as_object().unwrap_err().message(),
        "expected an object, found an array"
    );
    assert_eq!(
        value.as_array().unwrap_err().message(),
        "expected an array, found an object"
    );
    assert_eq!(parsed("\"s\"").as_str(), Ok("s"));
    assert!(Json::Null.is_null());
    assert!(!Json::Bool(false).is_null());
    let kinds: Vec<_> = ["null", "true", "1", "\"\"", "[]", "{}"]
        .iter()
        .map(|text| parsed(text).kind())
        .collect();
    assert_eq!(
        kinds,
        [
            "null",
            "a boolean",
            "a number",
            "a string",
            "an array",
            "an object"
        ]
    );
}

#[test]
fn reads_strings_and_booleans() {
    assert_eq!(read_string(&parsed(r#""a\u00e9""#)), Ok("aé".to_owned()));
    assert_eq!(
        read_string(&parsed("1")).unwrap_err().message(),
        "expected a string, found a number"
    );
    assert_eq!(
        read_string(&Json::Null).unwrap_err().message(),
        "expected a string, found null"
    );
    assert_eq!(read_bool(&parsed("true")), Ok(true));
    assert_eq!(read_bool(&parsed("false")), Ok(false));
    assert_eq!(
        read_bool(&parsed("\"true\"")).unwrap_err().message(),
        "expected a boolean, found a string"
    );
}

#[test]
fn reads_integers_in_range() {
    assert_eq!(read_i8(&parsed("-128")), Ok(-128));
    assert_eq!(read_i8(&parsed("127")), Ok(127));
    assert_eq!(read_i8(&parsed("-0")), Ok(0));
    assert_eq!(read_i16(&parsed("-32768")), Ok(i16::MIN));
    assert_eq!(read_i32(&parsed("2147483647")), Ok(i32::MAX));
    assert_eq!(read_i64(&parsed("-9223372036854775808")), Ok(i64::MIN));
    assert_eq!(read_i64(&parsed("9223372036854775807")), Ok(i64::MAX));

    let error = |result: Result<i64, _>| {
        result.map_err(|e: inlineable::error::DeserializeError| e.message().to_owned())
    };
    assert_eq!(
        read_i8(&parsed("300")).unwrap_err().message(),
        "300 is out of range for i8 (-128 to 127)"
    );
    assert_eq!(
        read_i8(&parsed("-129")).unwrap_err().message(),
        "-129 is out of range for i8 (-128 to 127)"
    );
    assert!(read_i16(&parsed("32768")).is_err());
    assert!(read_i32(&parsed("-2147483649")).is_err());
    assert_eq!(
        error(read_i64(&parsed("9223372036854775808"))),
        Err("9223372036854775808 is out of range for i64 (-9223372036854775808 to 9223372036854775807)".to_owned())
    );
    assert_eq!(
        error(read_i64(&parsed("1.5"))),
        Err("expected an integer, found 1.5".to_owned())
    );
    assert_eq!(
        error(read_i64(&parsed("1.0"))),
        Err("expected an integer, found 1.0".to_owned())
    );
    assert_eq!(
        error(read_i64(&parsed("1e2"))),
        Err("expected an integer, found 1e2".to_owned())
    );
    assert_eq!(
        error(read_i64(&parsed("\"1\""))),
        Err("expected an integer, found a string".to_owned())
    );
    assert!(read_i32(&Json::Null).is_err());
    // A hand-built value that is not a JSON number is rejected, not trusted.
    assert!(read_i32(&Json::Number("+1")).is_err());
    assert!(read_i32(&Json::Number("")).is_err());
    assert!(read_i32(&Json::Number("-")).is_err());
}

#[test]
fn reads_floats() {
    assert_eq!(read_f64(&parsed("1.5")), Ok(1.5));
    assert_eq!(read_f64(&parsed("-2")), Ok(-2.0));
    assert_eq!(read_f64(&parsed("1e-400")), Ok(0.0));
    assert_eq!(read_f64(&parsed("\"Infinity\"")), Ok(f64::INFINITY));
    assert_eq!(read_f64(&parsed("\"-Infinity\"")), Ok(f64::NEG_INFINITY));
    assert!(read_f64(&parsed("\"NaN\"")).unwrap().is_nan());
    assert_eq!(read_f32(&parsed("1.1")), Ok(1.1f32));
    assert_eq!(read_f32(&parsed("16777217")), Ok(16777216.0));
    assert_eq!(read_f32(&parsed("\"-Infinity\"")), Ok(f32::NEG_INFINITY));
    assert!(read_f32(&parsed("\"NaN\"")).unwrap().is_nan());
    assert_eq!(
        read_f64(&parsed("1e400")).unwrap_err().message(),
        "1e400 is out of range for f64"
    );
    assert_eq!(
        read_f32(&parsed("1e39")).unwrap_err().message(),
        "1e39 is out of range for f32"
    );
    assert!(read_f32(&parsed("3.4028235e38")).is_ok());
    assert_eq!(
        read_f64(&parsed("\"nan\"")).unwrap_err().message(),
        "expected a number, found the string \"nan\" (only \"NaN\", \"Infinity\" and \"-Infinity\" are allowed)"
    );
    assert_eq!(
        read_f64(&parsed("true")).unwrap_err().message(),
        "expected a number, found a boolean"
    );
    assert!(read_f64(&Json::Number("inf")).is_err());
}

#[test]
fn reads_big_numbers() {
    let big = "123456789012345678901234567890123456789";
    assert_eq!(
        read_big_integer(&parsed(big)),
        Ok(big.parse::<BigInteger>().unwrap())
    );
    assert_eq!(
        read_big_integer(&parsed("-5")).map(|b| b.as_str().to_owned()),
        Ok("-5".to_owned())
    );
    assert_eq!(
        read_big_integer(&parsed(&format!("\"{big}\""))).map(|b| b.as_str().to_owned()),
        Ok(big.to_owned())
    );
    assert_eq!(
        read_big_integer(&parsed("1.5")).unwrap_err().message(),
        "expected an integer, found 1.5"
    );
    assert!(read_big_integer(&parsed("\"1.5\"")).is_err());
    assert!(read_big_integer(&parsed("\"abc\"")).is_err());
    assert_eq!(
        read_big_integer(&parsed("null")).unwrap_err().message(),
        "expected an integer, found null"
    );

    let decimal = "3.14159265358979323846264338327950288e-5";
    assert_eq!(
        read_big_decimal(&parsed(decimal)),
        Ok(decimal.parse::<BigDecimal>().unwrap())
    );
    assert_eq!(
        read_big_decimal(&parsed("7")).map(|b| b.as_str().to_owned()),
        Ok("7".to_owned())
    );
    assert_eq!(
        read_big_decimal(&parsed("\"-1.50\"")).map(|b| b.as_str().to_owned()),
        Ok("-1.50".to_owned())
    );
    assert!(read_big_decimal(&parsed("\"1.5.5\""))
        .unwrap_err()
        .message()
        .contains("invalid big decimal"));
    assert_eq!(
        read_big_decimal(&parsed("{}")).unwrap_err().message(),
        "expected a number, found an object"
    );
}

#[test]
fn reads_timestamps() {
    let expected = DateTime::from_secs(1_576_540_098);
    let fractional = DateTime::from_parts(1_576_540_098, 520_000_000);
    assert_eq!(read_timestamp_epoch(&parsed("1576540098")), Ok(expected));
    assert_eq!(
        read_timestamp_epoch(&parsed("1576540098.52")),
        Ok(fractional)
    );
    assert_eq!(read_timestamp_epoch(&parsed("1576540098.0")), Ok(expected));
    assert_eq!(
        read_timestamp_epoch(&parsed("1.57654009852e9")),
        Ok(fractional)
    );
    assert_eq!(
        read_timestamp_epoch(&parsed("-1.5")),
        Ok(DateTime::from_parts(-2, 500_000_000))
    );
    assert_eq!(
        read_timestamp_epoch(&parsed("-9223372036854775808")),
        Ok(DateTime::from_secs(i64::MIN))
    );
    assert!(read_timestamp_epoch(&parsed("1e300")).is_err());
    assert!(read_timestamp_epoch(&parsed("9223372036854775808")).is_err());
    assert_eq!(
        read_timestamp_epoch(&parsed("\"1576540098\""))
            .unwrap_err()
            .message(),
        "expected epoch seconds as a number, found a string"
    );

    assert_eq!(
        read_timestamp_date_time(&parsed("\"2019-12-16T23:48:18Z\"")),
        Ok(expected)
    );
    assert_eq!(
        read_timestamp_date_time(&parsed("\"2019-12-16T23:48:18.52Z\"")),
        Ok(fractional)
    );
    assert!(read_timestamp_date_time(&parsed("\"tomorrow\""))
        .unwrap_err()
        .message()
        .contains("invalid date-time"));
    assert_eq!(
        read_timestamp_date_time(&parsed("1576540098"))
            .unwrap_err()
            .message(),
        "expected a string, found a number"
    );

    assert_eq!(
        read_timestamp_http_date(&parsed("\"Mon, 16 Dec 2019 23:48:18 GMT\"")),
        Ok(expected)
    );
    assert_eq!(
        read_timestamp_http_date(&parsed("\"Mon, 16 Dec 2019 23:48:18.520 GMT\"")),
        Ok(fractional)
    );
    assert!(read_timestamp_http_date(&parsed("\"2019-12-16T23:48:18Z\"")).is_err());
    assert!(read_timestamp_http_date(&parsed("null")).is_err());
}

#[test]
fn reads_blobs() {
    assert_eq!(read_blob(&parsed("\"Zm9vYmFy\"")), Ok(Blob::from("foobar")));
    assert_eq!(read_blob(&parsed("\"Zm9vYg\"")), Ok(Blob::from("foob")));
    assert_eq!(read_blob(&parsed("\"\"")), Ok(Blob::default()));
    assert_eq!(
        read_blob(&parsed("\"Zm9v!\"")).unwrap_err().message(),
        "invalid base64 character '!' at byte offset 4"
    );
    assert_eq!(
        read_blob(&parsed("[1]")).unwrap_err().message(),
        "expected a string, found an array"
    );
}

#[test]
fn reads_documents() {
    let value = parsed(
        r#"{"null": null, "bool": true, "positive": 18446744073709551615,
            "negative": -9223372036854775808, "zero": -0, "float": 1.5, "whole": 1.0,
            "huge": 18446744073709551616, "string": "q\"ü", "array": [1, [2, {"x": []}], {}],
            "dup": 1, "dup": 2}"#,
    );
    let document = read_document(&value).unwrap();
    let Document::Object(entries) = &document else {
        panic!("{document:?}")
    };
    assert_eq!(entries["null"], Document::Null);
    assert_eq!(entries["bool"], Document::Bool(true));
    assert_eq!(
        entries["positive"],
        Document::Number(Number::PosInt(u64::MAX))
    );
    assert_eq!(
        entries["negative"],
        Document::Number(Number::NegInt(i64::MIN))
    );
    assert_eq!(entries["zero"], Document::Number(Number::PosInt(0)));
    assert_eq!(entries["float"], Document::Number(Number::Float(1.5)));
    assert_eq!(entries["whole"], Document::Number(Number::Float(1.0)));
    assert_eq!(
        entries["huge"],
        Document::Number(Number::Float(18446744073709551616.0))
    );
    assert_eq!(entries["string"], Document::from("q\"ü"));
    assert_eq!(entries["dup"], Document::from(2i64));
    assert_eq!(
        entries["array"],
        Document::Array(vec![
            Document::from(1i64),
            Document::Array(vec![
                Document::from(2i64),
                Document::Object(BTreeMap::from([("x".to_owned(), Document::Array(vec![]))])),
            ]),
            Document::Object(BTreeMap::new()),
        ])
    );
    // Writing the document and reading it back gives the same document.
    let text = written(|w| w.document(&document));
    assert_eq!(parsed(&text).to_document(), document);
}

// ---- round trips and comparison -------------------------------------------------------------

#[test]
fn writer_output_parses_back() {
    let timestamp = DateTime::from_parts(1_576_540_098, 520_000_000);
    let blob = Blob::new((0..=255).collect::<Vec<u8>>());
    let text: String = (0..=0x7fu8).map(char::from).chain("é😀".chars()).collect();
    let mut w = JsonWriter::new();
    w.begin_object();
    w.key(&text);
    w.string(&text);
    w.key("i8");
    w.integer(-128);
    w.key("u");
    w.unsigned(u64::MAX);
    w.key("f32");
    w.float32(0.1);
    w.key("nan");
    w.float(f64::NAN);
    w.key("t");
    w.timestamp_epoch(&timestamp);
    w.key("blob");
    w.blob(&blob);
    w.key("big");
    w.number_text("123456789012345678901234567890");
    w.key("list");
    w.begin_array();
    w.boolean(true);
    w.null();
    w.end_array();
    w.end_object();
    let bytes = w.into_bytes();

    let value = parse(&bytes).unwrap();
    assert_eq!(value.as_object().unwrap()[0].0, text);
    assert_eq!(read_string(value.get(&text).unwrap()), Ok(text.clone()));
    assert_eq!(read_i8(value.get("i8").unwrap()), Ok(-128));
    assert_eq!(read_f32(value.get("f32").unwrap()), Ok(0.1));
    assert!(read_f64(value.get("nan").unwrap()).unwrap().is_nan());
    assert_eq!(read_timestamp_epoch(value.get("t").unwrap()), Ok(timestamp));
    assert_eq!(read_blob(value.get("blob").unwrap()), Ok(blob));
    assert_eq!(
        read_big_integer(value.get("big").unwrap())
            .unwrap()
            .as_str(),
        "123456789012345678901234567890"
    );
    assert_eq!(
        value.get("u").unwrap().to_document(),
        Document::from(u64::MAX)
    );
    assert_eq!(
        value.get("list"),
        Some(&Json::Array(vec![Json::Bool(true), Json::Null]))
    );
}

#[test]
fn compares_semantically() {
    let same = |a: &str, b: &str| semantically_equal(a.as_bytes(), b.as_bytes());
    assert!(same(
        r#"{"a":1,"b":[1,2]}"#,
        r#" { "b" : [1, 2], "a" : 1 } "#
    ));
    assert!(same("1", "1.0"));
    assert!(same("1e2", "100"));
    assert!(same("-0", "0"));
    assert!(same("0.1", "1e-1"));
    assert!(same(r#""\u0041""#, r#""A""#));
    assert!(same("18446744073709551615", "18446744073709551615"));
    assert!(same(r#"{"a":1,"a":2}"#, r#"{"a":2}"#));
    assert!(!same("9007199254740993", "9007199254740992"));
    assert!(!same(r#"{"a":1}"#, r#"{"a":1,"b":2}"#));
    assert!(!same(r#"{"a":1}"#, r#"{"b":1}"#));
    assert!(!same("[1,2]", "[2,1]"));
    assert!(!same("[1]", "[1,1]"));
    assert!(!same("1", "\"1\""));
    assert!(!same("null", "false"));
    assert!(!same("1", "2"));
    // Unparseable input falls back to byte equality.
    assert!(same("not json", "not json"));
    assert!(!same("not json", "not  json"));
    assert!(!same("{}", "{"));
    assert!(semantically_equal(b"", b""));
}

// ---- collections and bodies -----------------------------------------------------------------

#[test]
fn reads_bodies() {
    assert_eq!(parse_body(b""), Ok(None));
    assert_eq!(parse_body(b" \r\n\t"), Ok(None));
    assert_eq!(parse_body(b" {} "), Ok(Some(Json::Object(vec![]))));
    assert!(parse_body(b"{").is_err());
}

/// `item`, reading one scalar with `read`, for the collection readers.
fn scalar<T>(
    read: fn(&Json) -> Result<T, inlineable::error::DeserializeError>,
) -> impl FnMut(&mut Reader) -> Result<T, inlineable::error::DeserializeError> {
    move |r| read(&r.value()?)
}

#[test]
fn reads_lists_with_element_paths() {
    let list = |text: &str| read_list(&mut Reader::new(text.as_bytes()).unwrap(), scalar(read_i32));
    let sparse = |text: &str| read_sparse_list(&mut Reader::new(text.as_bytes()).unwrap(), scalar(read_i32));
    assert_eq!(list("[1, null, 3]"), Ok(vec![1, 3]));
    assert_eq!(sparse("[1, null, 3]"), Ok(vec![Some(1), None, Some(3)]));
    assert_eq!(list(" [ ] "), Ok(vec![]));
    let error = list(r#"[1, "x"]"#).unwrap_err();
    assert_eq!(
        (error.path(), error.message()),
        ("[1]", "expected an integer, found a string")
    );
    assert_eq!(sparse("[true]").unwrap_err().path(), "[0]");
    assert_eq!(list("{}").unwrap_err().message(), "expected an array, found an object");
    for bad in ["[1 2]", "[1,]", "[,1]", "[1", "["] {
        assert!(list(bad).is_err(), "{bad}");
    }
}

#[test]
fn reads_maps_with_key_paths() {
    let text = br#"{"b": 2, "a": null, "c": 3}"#;
    assert_eq!(
        read_map(&mut Reader::new(text).unwrap(), |key| key.to_owned(), scalar(read_i64)),
        Ok(BTreeMap::from([("b".to_owned(), 2), ("c".to_owned(), 3)]))
    );
    assert_eq!(
        read_sparse_map(&mut Reader::new(text).unwrap(), |key| key.to_owned(), scalar(read_i64)),
        Ok(BTreeMap::from([
            ("a".to_owned(), None),
            ("b".to_owned(), Some(2)),
            ("c".to_owned(), Some(3))
        ]))
    );
    let error = read_map(
        &mut Reader::new(br#"{"k": [1.5]}"#).unwrap(),
        |key| key.to_owned(),
        |r| read_list(r, scalar(read_i64)),
    )
    .unwrap_err();
    assert_eq!(
        (error.path(), error.message()),
        ("k[0]", "expected an integer, found 1.5")
    );
    assert!(read_sparse_map(&mut Reader::new(b"[]").unwrap(), |key| key.to_owned(), scalar(read_i64)).is_err());
    for bad in [r#"{"a" 1}"#, r#"{"a": 1,}"#, r#"{,"a": 1}"#, r#"{"a": 1 "b": 2}"#, r#"{1: 2}"#, "{"] {
        let result = read_map(&mut Reader::new(bad.as_bytes()).unwrap(), |key| key.to_owned(), scalar(read_i64));
        assert!(result.is_err(), "{bad}");
    }
}

#[test]
fn reader_walks_objects_skips_values_and_checks_the_end() {
    let text = br#" {"skip": {"deep": [1, {"x": null}]}, "keep": "yes", "nothing": null} "#;
    let mut r = Reader::new(text).unwrap();
    r.begin_object().unwrap();
    let mut kept = Vec::new();
    while let Some(key) = r.next_key().unwrap() {
        if r.take_null() {
            kept.push(format!("{key}=null"));
            continue;
        }
        match key.as_ref() {
            "keep" => kept.push(read_string(&r.value().unwrap()).unwrap()),
            _ => r.skip().unwrap(),
        }
    }
    r.end().unwrap();
    assert_eq!(kept, ["yes", "nothing=null"]);
    let mut trailing = Reader::new(b"{} x").unwrap();
    trailing.begin_object().unwrap();
    assert_eq!(trailing.next_key(), Ok(None));
    assert!(trailing.end().is_err());
    assert!(Reader::new(b"\xff").is_err());
    assert!(Reader::for_body(b"  ").unwrap().is_none());
}

#[test]
fn reader_limits_depth_and_never_panics() {
    let deep = "[".repeat(MAX_DEPTH + 1);
    let result = read_list(&mut Reader::new(deep.as_bytes()).unwrap(), |r| read_list(r, |r| r.skip()));
    assert!(result.is_err());
    for cut in 0..=20 {
        let text = &br#"{"a": [1, {"b": "c"}], "d": null}"#[..cut];
        let mut r = Reader::new(text).unwrap();
        let _ = read_map(&mut r, |k| k.to_owned(), |r| r.skip());
    }
}

#[test]
fn adds_member_names_to_error_paths() {
    let mut r = Reader::new(br#"[1, 2, "three"]"#).unwrap();
    let error = in_member("stage", || in_member("items", || read_list(&mut r, scalar(read_i32)))).unwrap_err();
    assert_eq!(error.path(), "stage.items[2]");
    assert_eq!(in_member("x", || read_i32(&parsed("7"))), Ok(7));
}

// ---- cross-checks against serde_json --------------------------------------------------------

fn arbitrary_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::btree_map(any::<String>(), inner, 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// Whether our parse of some text matches serde_json's.
fn same_as_serde(json: &Json, value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (json, value) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::String(a), Value::String(b)) => a == b,
        (Json::Number(_), Value::Number(b)) => match json.to_document() {
            Document::Number(Number::PosInt(a)) => b.as_u64() == Some(a),
            Document::Number(Number::NegInt(a)) => b.as_i64() == Some(a),
            Document::Number(Number::Float(a)) => b.as_f64() == Some(a),
            _ => false,
        },
        (Json::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_as_serde(a, b))
        }
        (Json::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, a)| b.get(key.as_ref()).is_some_and(|b| same_as_serde(a, b)))
        }
        _ => false,
    }
}

proptest! {
    #[test]
    fn parses_what_serde_json_writes(value in arbitrary_value()) {
        for text in [serde_json::to_string(&value).unwrap(), serde_json::to_string_pretty(&value).unwrap()] {
            let parsed = parse(text.as_bytes()).unwrap();
            prop_assert!(same_as_serde(&parsed, &value), "{}", text);
        }
    }

    #[test]
    fn serde_json_reads_what_we_write(value in arbitrary_value()) {
        let original = serde_json::to_string(&value).unwrap();
        let text = written(|w| w.document(&parsed(&original).to_document()));
        prop_assert!(semantically_equal(text.as_bytes(), original.as_bytes()));
        // serde_json accepts the text; its values are not compared, because without its
        // `float_roundtrip` feature it may read a float one unit in the last place off.
        prop_assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "{}", text);
    }

    #[test]
    fn accepts_what_serde_json_accepts(text in r#"[\[\]{}",:\\ 0-9.eE+\-tfrunlsa]{0,24}"#) {
        let serde = serde_json::from_str::<serde_json::Value>(&text);
        // serde_json rejects numbers beyond the range of f64; this parser keeps their text.
        if !matches!(&serde, Err(e) if e.to_string().contains("out of range")) {
            prop_assert_eq!(parse(text.as_bytes()).is_ok(), serde.is_ok(), "{}", text);
        }
    }
}

#[test]
fn writes_integer_extremes() {
    let mut w = JsonWriter::new();
    w.begin_array();
    for value in [0, 7, -7, 1234567890, i64::MIN, i64::MAX] {
        w.integer(value);
    }
    w.unsigned(u64::MAX);
    w.end_array();
    assert_eq!(
        w.as_str(),
        "[0,7,-7,1234567890,-9223372036854775808,9223372036854775807,18446744073709551615]"
    );
}
