//! The restJson1 wire layer of `UpdateStage` against a serde_json baseline doing the same work:
//!
//! - request: `serialize_request` on a fully populated input, against `#[derive(Serialize)]`
//!   mirror structs written with `serde_json::to_vec` into the same `http::Request` (method,
//!   URI, `Content-Type`, `Content-Length`);
//! - response: `parse_response` on a 200 carrying a full `Stage`, against `#[derive(Deserialize)]`
//!   mirror structs read with `serde_json::from_slice` (after the same status check).
//!
//! Run: `cargo bench -p integration-tests --bench wire -- --warm-up-time 1 --measurement-time 3`.

use std::collections::BTreeMap;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ivsrealtime::operation::update_stage::{parse_response, serialize_request, UpdateStageInput};
use ivsrealtime::types::{
    AutoParticipantRecordingConfiguration, ParticipantRecordingHlsConfiguration, ParticipantRecordingMediaType,
    ParticipantThumbnailConfiguration, ThumbnailRecordingMode, ThumbnailStorageType,
};
use serde::{Deserialize, Serialize};

const STAGE_ARN: &str = "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh";
const STORAGE_ARN: &str = "arn:aws:ivs:us-west-2:123456789012:storage-configuration/AbCdEf123456";

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

fn full_input() -> UpdateStageInput {
    let thumbnails = ParticipantThumbnailConfiguration::builder()
        .target_interval_seconds(30)
        .storage(ThumbnailStorageType::Sequential)
        .storage(ThumbnailStorageType::Latest)
        .recording_mode(ThumbnailRecordingMode::Interval)
        .build();
    let recording = AutoParticipantRecordingConfiguration::builder()
        .storage_configuration_arn(STORAGE_ARN)
        .media_types(ParticipantRecordingMediaType::AudioVideo)
        .thumbnail_configuration(thumbnails)
        .recording_reconnect_window_seconds(60)
        .hls_configuration(
            ParticipantRecordingHlsConfiguration::builder()
                .target_segment_duration_seconds(4)
                .build(),
        )
        .record_participant_replicas(false)
        .build()
        .expect("storage configuration ARN is set");
    UpdateStageInput::builder()
        .arn(STAGE_ARN)
        .name("weekly-standup_2")
        .auto_participant_recording_configuration(recording)
        .build()
        .expect("arn is set")
}

/// The request body as plain serde structs (borrowing, as a hand-written serde client would).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InputMirror<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    arn: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_participant_recording_configuration: Option<RecordingMirror<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordingMirror<'a> {
    storage_configuration_arn: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    media_types: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail_configuration: Option<ThumbnailMirror<'a>>,
    recording_reconnect_window_seconds: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    hls_configuration: Option<HlsMirror>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record_participant_replicas: Option<bool>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ThumbnailMirror<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    target_interval_seconds: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    storage: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recording_mode: Option<&'a str>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HlsMirror {
    #[serde(skip_serializing_if = "Option::is_none")]
    target_segment_duration_seconds: Option<i32>,
}

/// The serde baseline of `serialize_request`: the same data into the same `http::Request`.
fn serde_request(input: &UpdateStageInput) -> http::Request<Vec<u8>> {
    let mirror = InputMirror {
        arn: input.arn(),
        name: input.name(),
        auto_participant_recording_configuration: input.auto_participant_recording_configuration().map(|r| {
            RecordingMirror {
                storage_configuration_arn: r.storage_configuration_arn(),
                media_types: r.media_types.as_ref().map(|m| m.iter().map(|t| t.as_str()).collect()),
                thumbnail_configuration: r.thumbnail_configuration().map(|t| ThumbnailMirror {
                    target_interval_seconds: t.target_interval_seconds(),
                    storage: t.storage.as_ref().map(|s| s.iter().map(|s| s.as_str()).collect()),
                    recording_mode: t.recording_mode().map(|m| m.as_str()),
                }),
                recording_reconnect_window_seconds: r.recording_reconnect_window_seconds(),
                hls_configuration: r.hls_configuration().map(|h| HlsMirror {
                    target_segment_duration_seconds: h.target_segment_duration_seconds(),
                }),
                record_participant_replicas: r.record_participant_replicas(),
            }
        }),
    };
    let body = serde_json::to_vec(&mirror).expect("serializes");
    http::Request::builder()
        .method(http::Method::POST)
        .uri("/UpdateStage")
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(http::header::CONTENT_LENGTH, body.len())
        .body(body)
        .expect("a valid request")
}

// ---------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------

/// A 200 response carrying a full `Stage`: every member set, tags included.
fn full_response_body() -> Vec<u8> {
    let body = serde_json::json!({
        "stage": {
            "arn": STAGE_ARN,
            "name": "weekly-standup",
            "activeSessionId": "st-a1b2c3d4e5f6g",
            "tags": { "team": "video", "env": "prod", "cost-center": "1234" },
            "autoParticipantRecordingConfiguration": {
                "storageConfigurationArn": STORAGE_ARN,
                "mediaTypes": ["AUDIO_VIDEO"],
                "thumbnailConfiguration": {
                    "targetIntervalSeconds": 20,
                    "storage": ["LATEST", "SEQUENTIAL"],
                    "recordingMode": "INTERVAL"
                },
                "recordingReconnectWindowSeconds": 120,
                "hlsConfiguration": { "targetSegmentDurationSeconds": 2 },
                "recordParticipantReplicas": false
            },
            "endpoints": {
                "events": "wss://global.events.live-video.net",
                "whip": "https://1a2b3c4d5e6f.global-bm.whip.live-video.net",
                "rtmp": "rtmp://1a2b3c4d5e6f.global-contribute-staging.live-video.net/app/",
                "rtmps": "rtmps://1a2b3c4d5e6f.global-contribute-staging.live-video.net:443/app/"
            }
        }
    });
    serde_json::to_vec(&body).expect("serializes")
}

/// The response body as plain serde structs, owning their data like the generated types do.
#[derive(Deserialize)]
#[allow(dead_code)]
struct OutputMirror {
    stage: Option<StageMirror>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct StageMirror {
    #[serde(default)]
    arn: String,
    name: Option<String>,
    active_session_id: Option<String>,
    tags: Option<BTreeMap<String, String>>,
    auto_participant_recording_configuration: Option<RecordingOutMirror>,
    endpoints: Option<EndpointsMirror>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct RecordingOutMirror {
    #[serde(default)]
    storage_configuration_arn: String,
    media_types: Option<Vec<String>>,
    thumbnail_configuration: Option<ThumbnailOutMirror>,
    #[serde(default)]
    recording_reconnect_window_seconds: i32,
    hls_configuration: Option<HlsMirror>,
    record_participant_replicas: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct ThumbnailOutMirror {
    target_interval_seconds: Option<i32>,
    storage: Option<Vec<String>>,
    recording_mode: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct EndpointsMirror {
    events: Option<String>,
    whip: Option<String>,
    rtmp: Option<String>,
    rtmps: Option<String>,
}

/// The serde baseline of `parse_response`: the same status check, then the body.
fn serde_parse(response: &http::Response<Vec<u8>>) -> Result<OutputMirror, serde_json::Error> {
    assert!(response.status().is_success());
    serde_json::from_slice(response.body())
}

// ---------------------------------------------------------------------------------------------
// Benchmarks
// ---------------------------------------------------------------------------------------------

fn bench_request(c: &mut Criterion) {
    let input = full_input();
    // Both produce the same request.
    let ours = serialize_request(&input).expect("serializes");
    let theirs = serde_request(&input);
    assert_eq!(ours.body(), theirs.body(), "the baseline must write the same bytes");
    assert_eq!(ours.headers(), theirs.headers());
    assert_eq!(ours.uri(), theirs.uri());

    let mut group = c.benchmark_group("serialize UpdateStage request (full input)");
    group.bench_function("ivsrealtime serialize_request", |b| {
        b.iter(|| serialize_request(black_box(&input)))
    });
    group.bench_function("serde_json baseline", |b| b.iter(|| serde_request(black_box(&input))));
    group.finish();
}

// The timed closure returns what `parse_response` returns, `Err` variant and all.
#[allow(clippy::result_large_err)]
fn bench_response(c: &mut Criterion) {
    let response = http::Response::builder()
        .status(200)
        .header("Content-Type", "application/json")
        .body(full_response_body())
        .expect("a valid response");
    let ours = parse_response(&response).expect("parses");
    let theirs = serde_parse(&response).expect("parses");
    let (ours, theirs) = (ours.stage().expect("stage"), theirs.stage.expect("stage"));
    assert_eq!(ours.arn(), theirs.arn);
    assert_eq!(ours.tags(), theirs.tags.as_ref());

    let mut group = c.benchmark_group("parse UpdateStage response (full Stage)");
    group.bench_function("ivsrealtime parse_response", |b| {
        b.iter(|| parse_response(black_box(&response)))
    });
    group.bench_function("serde_json baseline", |b| b.iter(|| serde_parse(black_box(&response))));
    group.finish();
}

criterion_group!(benches, bench_request, bench_response);
criterion_main!(benches);
