//! The restXml response reader of S3 `ListObjectsV2` (crate `s3_objects`, generated from S3's own
//! model) against a baseline of `#[derive(Deserialize)]` mirror structs read by quick-xml's serde
//! support (`quick_xml::de::from_str`), on the same bytes: a page of 1,000 `<Contents>` entries as
//! S3 sends it (one line, `&quot;` in every ETag, owners, checksum algorithms, common prefixes).
//!
//! The baseline does the same work on the values: the same status check, UTF-8 check, timestamps
//! parsed with the generated crate's `DateTime::parse_date_time`, enums converted with its
//! `From<&str>`, numbers and booleans parsed; it then keeps them in structs shaped like the
//! output. Both are checked to read the same values before timing.
//!
//! Run: `cargo bench -p integration-tests --bench xml`.

use std::fmt::Write as _;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use s3_objects::operation::list_objects_v2::parse_response;
use s3_objects::primitives::DateTime;
use s3_objects::types::{ChecksumAlgorithm, ObjectStorageClass};
use serde::{Deserialize, Deserializer};

const ENTRIES: usize = 1_000;

/// A ListObjectsV2 page of `ENTRIES` objects and a few common prefixes, as S3 writes it.
fn page() -> String {
    let mut out = String::with_capacity(ENTRIES * 520);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    out.push('\n');
    out.push_str(r#"<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#);
    out.push_str("<Name>example-bucket</Name><Prefix>photos/2024/</Prefix>");
    out.push_str("<NextContinuationToken>1w41l63U0xa8q7smH50vCxyTQqdxo69O3EmK28Bi5PcROI4wI/EyIJg==</NextContinuationToken>");
    let _ = write!(out, "<KeyCount>{ENTRIES}</KeyCount><MaxKeys>{ENTRIES}</MaxKeys><IsTruncated>true</IsTruncated>");
    let classes = ["STANDARD", "STANDARD_IA", "GLACIER_IR", "INTELLIGENT_TIERING"];
    for i in 0..ENTRIES {
        let _ = write!(
            out,
            "<Contents><Key>photos/2024/{:02}/IMG_{i:05}.jpg</Key><LastModified>2024-{:02}-{:02}T{:02}:{:02}:{:02}.000Z</LastModified>\
             <ETag>&quot;{:032x}&quot;</ETag><ChecksumAlgorithm>CRC32</ChecksumAlgorithm><Size>{}</Size>\
             <Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID><DisplayName>photos-team</DisplayName></Owner>\
             <StorageClass>{}</StorageClass></Contents>",
            i % 12 + 1,
            i % 12 + 1,
            i % 28 + 1,
            i % 24,
            i % 60,
            (i * 7) % 60,
            (i as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c834),
            1_000 + i * 4_099,
            classes[i % classes.len()],
        );
    }
    for month in 1..=12 {
        let _ = write!(out, "<CommonPrefixes><Prefix>photos/2024/{month:02}/raw/</Prefix></CommonPrefixes>");
    }
    out.push_str("</ListBucketResult>");
    out
}

// ---------------------------------------------------------------------------------------------
// The serde + quick-xml baseline
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct ListBucketResultMirror {
    is_truncated: Option<bool>,
    #[serde(default)]
    contents: Vec<ObjectMirror>,
    name: Option<String>,
    prefix: Option<String>,
    delimiter: Option<String>,
    max_keys: Option<i32>,
    #[serde(default)]
    common_prefixes: Vec<CommonPrefixMirror>,
    encoding_type: Option<String>,
    key_count: Option<i32>,
    continuation_token: Option<String>,
    next_continuation_token: Option<String>,
    start_after: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct ObjectMirror {
    key: Option<String>,
    #[serde(default, deserialize_with = "date_time")]
    last_modified: Option<DateTime>,
    #[serde(rename = "ETag")]
    e_tag: Option<String>,
    #[serde(default, deserialize_with = "checksum_algorithms")]
    checksum_algorithm: Vec<ChecksumAlgorithm>,
    checksum_type: Option<String>,
    size: Option<i64>,
    #[serde(default, deserialize_with = "storage_class")]
    storage_class: Option<ObjectStorageClass>,
    owner: Option<OwnerMirror>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct OwnerMirror {
    #[serde(rename = "DisplayName")]
    display_name: Option<String>,
    #[serde(rename = "ID")]
    id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct CommonPrefixMirror {
    prefix: Option<String>,
}

fn date_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime>, D::Error> {
    let text = String::deserialize(d)?;
    DateTime::parse_date_time(&text).map(Some).map_err(serde::de::Error::custom)
}

fn storage_class<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ObjectStorageClass>, D::Error> {
    Ok(Some(ObjectStorageClass::from(String::deserialize(d)?.as_str())))
}

fn checksum_algorithms<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ChecksumAlgorithm>, D::Error> {
    Ok(Vec::<String>::deserialize(d)?.iter().map(|s| ChecksumAlgorithm::from(s.as_str())).collect())
}

/// The baseline of `parse_response`: the same status check, then the body.
fn serde_parse(response: &http::Response<Vec<u8>>) -> Result<ListBucketResultMirror, quick_xml::DeError> {
    assert!(response.status().is_success());
    let text = std::str::from_utf8(response.body()).map_err(|e| quick_xml::DeError::Custom(e.to_string()))?;
    quick_xml::de::from_str(text)
}

// ---------------------------------------------------------------------------------------------
// Benchmark
// ---------------------------------------------------------------------------------------------

// The timed closure returns what `parse_response` returns, `Err` variant and all.
#[allow(clippy::result_large_err)]
fn bench_list_objects(c: &mut Criterion) {
    let body = page();
    let response = http::Response::builder()
        .status(200)
        .header("Content-Type", "application/xml")
        .header("x-amz-request-id", "318BC8BC148832E5")
        .body(body.into_bytes())
        .expect("a valid response");

    // Both read the same values.
    let ours = parse_response(&response).expect("parses");
    let theirs = serde_parse(&response).expect("parses");
    assert_eq!(ours.contents().len(), ENTRIES);
    assert_eq!(theirs.contents.len(), ENTRIES);
    assert_eq!(ours.common_prefixes().len(), theirs.common_prefixes.len());
    assert_eq!(ours.next_continuation_token(), theirs.next_continuation_token.as_deref());
    assert_eq!(ours.key_count(), theirs.key_count);
    for (a, b) in ours.contents().iter().zip(&theirs.contents) {
        assert_eq!(a.key(), b.key.as_deref());
        assert_eq!(a.e_tag(), b.e_tag.as_deref());
        assert!(a.e_tag().is_some_and(|t| t.starts_with('"')));
        assert_eq!(a.last_modified(), b.last_modified);
        assert_eq!(a.size(), b.size);
        assert_eq!(a.storage_class(), b.storage_class.as_ref());
        assert_eq!(a.checksum_algorithm(), b.checksum_algorithm.as_slice());
        assert_eq!(a.owner().and_then(|o| o.id()), b.owner.as_ref().and_then(|o| o.id.as_deref()));
    }

    let mut group = c.benchmark_group(format!("parse ListObjectsV2 response ({ENTRIES} Contents, {} KiB)", response.body().len() / 1024));
    group.bench_function("s3_objects parse_response", |b| b.iter(|| parse_response(black_box(&response))));
    group.bench_function("serde + quick-xml baseline", |b| b.iter(|| serde_parse(black_box(&response))));
    group.finish();
}

criterion_group!(benches, bench_list_objects);
criterion_main!(benches);
