//! The primitives on the JSON wire: written with `JsonWriter`, read back with `parse` and the
//! typed readers, and cross-checked against `serde_json`.

use std::collections::BTreeMap;

use inlineable::json::{
    parse, read_big_decimal, read_big_integer, read_blob, read_document, read_f64,
    read_timestamp_date_time, read_timestamp_epoch, read_timestamp_http_date, Json, JsonWriter,
};
use inlineable::primitives::{BigDecimal, BigInteger, Blob, DateTime, Document, Number};
use serde_json::json;

fn written(write: impl FnOnce(&mut JsonWriter)) -> String {
    let mut w = JsonWriter::new();
    write(&mut w);
    w.as_str().to_owned()
}

/// Parses `text` and applies a typed reader to it.
fn read<T>(
    text: &str,
    reader: fn(&Json) -> Result<T, inlineable::error::DeserializeError>,
) -> Result<T, String> {
    let value = parse(text.as_bytes()).map_err(|e| e.to_string())?;
    reader(&value).map_err(|e| e.to_string())
}

#[test]
fn date_time_is_written_as_epoch_seconds() {
    let json = |t: DateTime| written(|w| w.timestamp_epoch(&t));
    assert_eq!(json(DateTime::from_secs(1_576_540_098)), "1576540098");
    assert_eq!(json(DateTime::from_secs(-1)), "-1");
    assert_eq!(
        json(DateTime::from_parts(1_576_540_098, 520_000_000)),
        "1576540098.52"
    );
    assert_eq!(json(DateTime::from_parts(-2, 500_000_000)), "-1.5");
}

#[test]
fn date_time_is_read_from_numbers_and_strings() {
    let expected = DateTime::from_secs(1_576_540_098);
    let fractional = DateTime::from_parts(1_576_540_098, 520_000_000);
    for (text, expected) in [
        ("1576540098", expected),
        ("1576540098.0", expected),
        ("1576540098.52", fractional),
        ("-1.5", DateTime::from_parts(-2, 500_000_000)),
    ] {
        assert_eq!(read(text, read_timestamp_epoch), Ok(expected), "{text}");
    }
    for text in [
        "\"1576540098\"",
        "true",
        "null",
        "[]",
        "1e300",
        "18446744073709551615",
    ] {
        assert!(read(text, read_timestamp_epoch).is_err(), "{text}");
    }
    for (text, expected) in [
        ("\"2019-12-16T23:48:18Z\"", expected),
        ("\"2019-12-16T23:48:18.52Z\"", fractional),
    ] {
        assert_eq!(read(text, read_timestamp_date_time), Ok(expected), "{text}");
    }
    for (text, expected) in [
        ("\"Mon, 16 Dec 2019 23:48:18 GMT\"", expected),
        ("\"Mon, 16 Dec 2019 23:48:18.520 GMT\"", fractional),
    ] {
        assert_eq!(read(text, read_timestamp_http_date), Ok(expected), "{text}");
    }
    for text in ["\"tomorrow\"", "\"\"", "1576540098"] {
        assert!(read(text, read_timestamp_date_time).is_err(), "{text}");
        assert!(read(text, read_timestamp_http_date).is_err(), "{text}");
    }
}

#[test]
fn date_time_round_trips() {
    for value in [
        DateTime::from_secs(0),
        DateTime::from_parts(1_576_540_098, 520_000_000),
        DateTime::from_secs(-62_135_596_800),
        DateTime::from_parts(1_000, 1_000),
        DateTime::from_parts(-1, 1),
        DateTime::from_secs(i64::MIN),
        DateTime::from_secs(i64::MAX),
        DateTime::from_parts(i64::MAX, 999_999_999),
    ] {
        let text = written(|w| w.timestamp_epoch(&value));
        assert_eq!(read(&text, read_timestamp_epoch), Ok(value), "{text}");
        // Every epoch-seconds text is also a number to other JSON readers.
        assert!(
            serde_json::from_str::<serde_json::Number>(&text).is_ok(),
            "{text}"
        );
    }
}

#[test]
fn blob_is_a_base64_string() {
    let blob = Blob::from("foobar");
    assert_eq!(written(|w| w.blob(&blob)), "\"Zm9vYmFy\"");
    assert_eq!(read("\"Zm9vYmFy\"", read_blob), Ok(blob));
    assert_eq!(read("\"Zm9vYg\"", read_blob), Ok(Blob::from("foob")));
    assert_eq!(read("\"\"", read_blob), Ok(Blob::default()));
    for text in ["\"Zm9v!\"", "\"Z\"", "42", "null", "[1,2]"] {
        assert!(read(text, read_blob).is_err(), "{text}");
    }
    let error = read("\"Zm9v!\"", read_blob).unwrap_err();
    assert!(error.contains("invalid base64 character '!'"), "{error}");
}

#[test]
fn document_round_trips_through_json() {
    let value = json!({
        "null": null,
        "bool": true,
        "positive": 18_446_744_073_709_551_615u64,
        "negative": -9_223_372_036_854_775_808i64,
        "float": 1.5,
        "whole float": 2.0,
        "string": "text with \"quotes\", \u{1} and ünicode",
        "array": [1, [2, {"nested": []}], {}],
        "object": {"b": 1, "a": 2},
    });
    let text = serde_json::to_string(&value).unwrap();
    let document = read(&text, read_document).unwrap();
    let Document::Object(entries) = &document else {
        panic!("expected an object, got {document:?}");
    };
    assert_eq!(entries["null"], Document::Null);
    assert_eq!(
        entries["positive"],
        Document::Number(Number::PosInt(u64::MAX))
    );
    assert_eq!(
        entries["negative"],
        Document::Number(Number::NegInt(i64::MIN))
    );
    assert_eq!(entries["float"], Document::Number(Number::Float(1.5)));
    assert_eq!(entries["whole float"], Document::Number(Number::Float(2.0)));

    // What the writer makes of the document is the same JSON to serde_json ...
    let rewritten = written(|w| w.document(&document));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&rewritten).unwrap(),
        value
    );
    // ... and reads back as the same document.
    assert_eq!(read(&rewritten, read_document), Ok(document));
}

#[test]
fn document_writes_non_finite_floats_as_strings() {
    let document = Document::Array(vec![
        Document::from(f64::NAN),
        Document::from(f64::INFINITY),
        Document::from(f64::NEG_INFINITY),
        Document::from(0.25),
    ]);
    let text = written(|w| w.document(&document));
    assert_eq!(text, r#"["NaN","Infinity","-Infinity",0.25]"#);
    let floats: Vec<String> = parse(br#"["NaN","Infinity","-Infinity",0.25,-3,3]"#)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|value| format!("{:?}", read_f64(value).unwrap()))
        .collect();
    assert_eq!(floats, ["NaN", "inf", "-inf", "0.25", "-3.0", "3.0"]);
    assert!(read("\"nan\"", read_f64).is_err());
}

#[test]
fn document_object_keys_are_sorted() {
    let mut entries = BTreeMap::new();
    entries.insert("z".to_owned(), Document::from(1i64));
    entries.insert("a".to_owned(), Document::from(-1i64));
    assert_eq!(
        written(|w| w.document(&Document::from(entries))),
        r#"{"a":-1,"z":1}"#
    );
}

#[test]
fn big_integer_keeps_every_digit() {
    for text in [
        "42",
        "-42",
        "18446744073709551615",
        "-170141183460469231731687303715884105728",
        "340282366920938463463374607431768211456",
    ] {
        let value: BigInteger = text.parse().unwrap();
        let json = written(|w| w.number_text(value.as_str()));
        assert_eq!(json, text);
        assert_eq!(read(&json, read_big_integer), Ok(value));
    }
    let parse = |text: &str| read(text, read_big_integer).map(|b| b.to_string());
    assert_eq!(
        parse("\"123456789012345678901234567890123456789012\"").unwrap(),
        "123456789012345678901234567890123456789012"
    );
    for text in ["1.5", "1e20", "\"1.5\"", "\"abc\"", "null", "true"] {
        assert!(parse(text).is_err(), "{text}");
    }
}

#[test]
fn big_decimal_keeps_its_text() {
    for text in [
        "1.5",
        "-0.1",
        "1.0",
        "12",
        "1e-7",
        "0.1000000000000000055511151231257827",
        "1.50",
        "1e400",
    ] {
        let value: BigDecimal = text.parse().unwrap();
        let json = written(|w| w.number_text(value.as_str()));
        assert_eq!(json, text);
        assert_eq!(read(&json, read_big_decimal), Ok(value));
    }
    let parse = |text: &str| read(text, read_big_decimal).map(|b| b.to_string());
    assert_eq!(
        parse("\"3.14159265358979323846264338327950288\"").unwrap(),
        "3.14159265358979323846264338327950288"
    );
    for text in ["\"1.5.5\"", "\"\"", "null", "{}"] {
        assert!(parse(text).is_err(), "{text}");
    }
}
