//! serde behaviour of the primitives, checked through `serde_json`.

use std::collections::BTreeMap;

use inlineable::primitives::{BigDecimal, BigInteger, Blob, DateTime, Document, Number, Unit};
use serde_json::json;

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(text)
}

#[test]
fn date_time_serializes_as_epoch_seconds() {
    assert_eq!(to_json(&DateTime::from_secs(1_576_540_098)), "1576540098");
    assert_eq!(to_json(&DateTime::from_secs(-1)), "-1");
    assert_eq!(
        to_json(&DateTime::from_parts(1_576_540_098, 520_000_000)),
        "1576540098.52"
    );
    assert_eq!(to_json(&DateTime::from_parts(-2, 500_000_000)), "-1.5");
}

#[test]
fn date_time_deserializes_from_numbers_and_strings() {
    let expected = DateTime::from_secs(1_576_540_098);
    let fractional = DateTime::from_parts(1_576_540_098, 520_000_000);
    let cases = [
        ("1576540098", expected),
        ("1576540098.0", expected),
        ("1576540098.52", fractional),
        ("-1.5", DateTime::from_parts(-2, 500_000_000)),
        ("\"2019-12-16T23:48:18Z\"", expected),
        ("\"2019-12-16T23:48:18.52Z\"", fractional),
        ("\"Mon, 16 Dec 2019 23:48:18 GMT\"", expected),
        ("\"Mon, 16 Dec 2019 23:48:18.520 GMT\"", fractional),
        ("\"1576540098.52\"", fractional),
        ("\"1576540098\"", expected),
    ];
    for (text, expected) in cases {
        assert_eq!(from_json::<DateTime>(text).unwrap(), expected, "{text}");
    }
    for text in [
        "\"tomorrow\"",
        "\"\"",
        "true",
        "null",
        "[]",
        "1e300",
        "18446744073709551615",
    ] {
        assert!(from_json::<DateTime>(text).is_err(), "{text}");
    }
}

#[test]
fn date_time_round_trips() {
    for value in [
        DateTime::from_secs(0),
        DateTime::from_parts(1_576_540_098, 520_000_000),
        DateTime::from_secs(-62_135_596_800),
        DateTime::from_parts(1_000, 1_000),
        DateTime::from_secs(i64::MIN),
        DateTime::from_secs(i64::MAX),
    ] {
        assert_eq!(from_json::<DateTime>(&to_json(&value)).unwrap(), value);
    }
}

#[test]
fn blob_is_a_base64_string() {
    let blob = Blob::from("foobar");
    assert_eq!(to_json(&blob), "\"Zm9vYmFy\"");
    assert_eq!(from_json::<Blob>("\"Zm9vYmFy\"").unwrap(), blob);
    assert_eq!(from_json::<Blob>("\"Zm9vYg\"").unwrap(), Blob::from("foob"));
    assert_eq!(from_json::<Blob>("\"\"").unwrap(), Blob::default());
    for text in ["\"Zm9v!\"", "\"Z\"", "42", "null", "[1,2]"] {
        assert!(from_json::<Blob>(text).is_err(), "{text}");
    }
    let error = from_json::<Blob>("\"Zm9v!\"").unwrap_err().to_string();
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
        "string": "text with \"quotes\" and ünicode",
        "array": [1, [2, {"nested": []}], {}],
        "object": {"b": 1, "a": 2},
    });
    let document: Document = serde_json::from_value(value.clone()).unwrap();
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
    assert_eq!(serde_json::to_value(&document).unwrap(), value);

    let text = to_json(&document);
    assert_eq!(from_json::<Document>(&text).unwrap(), document);
}

#[test]
fn document_writes_non_finite_floats_as_strings() {
    let document = Document::Array(vec![
        Document::from(f64::NAN),
        Document::from(f64::INFINITY),
        Document::from(f64::NEG_INFINITY),
        Document::from(0.25),
    ]);
    assert_eq!(to_json(&document), r#"["NaN","Infinity","-Infinity",0.25]"#);
    assert_eq!(
        from_json::<Vec<Number>>(r#"["NaN","Infinity","-Infinity",0.25,-3,3]"#)
            .unwrap()
            .iter()
            .map(|n| format!("{n:?}"))
            .collect::<Vec<_>>(),
        [
            "Float(NaN)",
            "Float(inf)",
            "Float(-inf)",
            "Float(0.25)",
            "NegInt(-3)",
            "PosInt(3)"
        ]
    );
    assert!(from_json::<Number>("\"nan\"").is_err());
}

#[test]
fn document_object_keys_are_sorted() {
    let mut entries = BTreeMap::new();
    entries.insert("z".to_owned(), Document::from(1i64));
    entries.insert("a".to_owned(), Document::from(-1i64));
    assert_eq!(to_json(&Document::from(entries)), r#"{"a":-1,"z":1}"#);
}

#[test]
fn big_integer_serializes_as_number_when_it_fits() {
    let json = |text: &str| to_json(&text.parse::<BigInteger>().unwrap());
    assert_eq!(json("42"), "42");
    assert_eq!(json("-42"), "-42");
    assert_eq!(json("18446744073709551615"), "18446744073709551615");
    assert_eq!(
        json("-170141183460469231731687303715884105728"),
        "-170141183460469231731687303715884105728"
    );
    assert_eq!(
        json("340282366920938463463374607431768211455"),
        "340282366920938463463374607431768211455"
    );
    assert_eq!(
        json("340282366920938463463374607431768211456"),
        "\"340282366920938463463374607431768211456\""
    );
}

#[test]
fn big_integer_deserializes_from_numbers_and_strings() {
    let parse = |text: &str| from_json::<BigInteger>(text).map(|b| b.to_string());
    assert_eq!(parse("42").unwrap(), "42");
    assert_eq!(parse("-42").unwrap(), "-42");
    assert_eq!(
        parse("18446744073709551615").unwrap(),
        "18446744073709551615"
    );
    assert_eq!(parse("1e20").unwrap(), "100000000000000000000");
    assert_eq!(
        parse("\"123456789012345678901234567890123456789012\"").unwrap(),
        "123456789012345678901234567890123456789012"
    );
    for text in ["1.5", "\"1.5\"", "\"abc\"", "null", "true"] {
        assert!(parse(text).is_err(), "{text}");
    }
}

#[test]
fn big_decimal_serializes_as_number_only_when_lossless() {
    let json = |text: &str| to_json(&text.parse::<BigDecimal>().unwrap());
    assert_eq!(json("1.5"), "1.5");
    assert_eq!(json("-0.1"), "-0.1");
    assert_eq!(json("1.0"), "1.0");
    assert_eq!(json("12"), "12");
    assert_eq!(json("1e-7"), "1e-7");
    assert_eq!(
        json("0.1000000000000000055511151231257827"),
        "\"0.1000000000000000055511151231257827\""
    );
    assert_eq!(json("1.50"), "\"1.50\"");
    assert_eq!(json("1e400"), "\"1e400\"");
}

#[test]
fn big_decimal_deserializes_from_numbers_and_strings() {
    let parse = |text: &str| from_json::<BigDecimal>(text).map(|b| b.to_string());
    assert_eq!(parse("1.5").unwrap(), "1.5");
    assert_eq!(parse("-7").unwrap(), "-7");
    assert_eq!(parse("1e-7").unwrap(), "1e-7");
    assert_eq!(
        parse("\"3.14159265358979323846264338327950288\"").unwrap(),
        "3.14159265358979323846264338327950288"
    );
    for text in ["\"1.5.5\"", "\"\"", "null", "{}"] {
        assert!(parse(text).is_err(), "{text}");
    }
}

#[test]
fn unit_is_an_empty_object() {
    assert_eq!(to_json(&Unit), "{}");
    assert_eq!(from_json::<Unit>("{}").unwrap(), Unit);
    assert_eq!(
        from_json::<Unit>(r#"{"ignored": [1, {"x": null}]}"#).unwrap(),
        Unit
    );
    assert_eq!(from_json::<Unit>("null").unwrap(), Unit);
    for text in ["[]", "0", "\"\"", "true"] {
        assert!(from_json::<Unit>(text).is_err(), "{text}");
    }
}
