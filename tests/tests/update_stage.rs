//! `UpdateStage` checked against its API reference page
//! (`/work/shared/spec/ivsrealtime-update_stage.txt`).
//!
//! These tests go through the crate's restJson1 wire layer (`serialize_request` and
//! `parse_response`; nested structures through their doc-hidden `write_json`/`read_json`) and
//! show that the generated `ivsrealtime` crate:
//! - serializes the page's full "Request Syntax" under the page's camelCase wire names,
//! - parses the page's "Response Syntax" and reads every member back through accessors,
//! - keeps enum values it does not know, in both directions,
//! - exposes each of the page's eight documented defaults without sending them for you,
//! - keeps explicit `false` and `0` on the wire,
//! - has builders that check required members, append to lists and can be cleared,
//! - builds, displays and converts the operation's errors,
//! - ignores unknown response fields and reads `null` members as absent.

use std::error::Error as _;

use ivsrealtime::error::{BuildError, ErrorMetadata, ResponseMetadata, UnmodeledError};
use ivsrealtime::json::JsonWriter;
use ivsrealtime::operation::update_stage::{
    parse_response, serialize_request, UpdateStage, UpdateStageError, UpdateStageInput,
    UpdateStageOutput,
};
use ivsrealtime::types::error::{ConflictException, ValidationException};
use ivsrealtime::types::{
    AutoParticipantRecordingConfiguration, ParticipantRecordingHlsConfiguration,
    ParticipantRecordingMediaType, ParticipantThumbnailConfiguration, Stage, StageEndpoints,
    ThumbnailRecordingMode, ThumbnailStorageType,
};
use serde_json::{json, Value};

mod ivs_data;

use ivs_data::{full_stage_body, STAGE_ARN, STORAGE_ARN};

/// The JSON body `serialize_request` sends for `input`, parsed with serde_json.
fn request_body(input: &UpdateStageInput) -> Value {
    let request = serialize_request(input).expect("serializes");
    serde_json::from_slice(request.body()).expect("the request body is JSON")
}

/// The JSON a nested structure writes with its (doc-hidden) `write_json`, parsed with
/// serde_json (a macro, since `write_json` is an inherent method, not a trait).
macro_rules! write_json {
    ($value:expr) => {{
        let mut writer = JsonWriter::new();
        $value.write_json(&mut writer);
        serde_json::from_str::<Value>(writer.as_str()).expect("write_json writes JSON")
    }};
}

/// Reads a nested structure from JSON with its (doc-hidden) `read_json`.
macro_rules! read_json {
    ($ty:ty, $json:expr) => {{
        let bytes = serde_json::to_vec(&$json).expect("serde_json writes the test JSON");
        let mut reader = ivsrealtime::json::Reader::new(&bytes).expect("the test JSON is UTF-8");
        <$ty>::read_json(&mut reader).expect("read_json accepts the test JSON")
    }};
}

/// Reads a successful (200) `UpdateStage` response carrying `body`.
fn parse_ok(body: &Value) -> UpdateStageOutput {
    let response = http::Response::builder()
        .status(200)
        .header("Content-Type", "application/json")
        .body(serde_json::to_vec(body).unwrap())
        .unwrap();
    parse_response(&response).expect("a 200 response with a valid body parses")
}

/// The `autoParticipantRecordingConfiguration` object of the request that sends `config`.
fn recording_json(
    config: &AutoParticipantRecordingConfiguration,
) -> serde_json::Map<String, Value> {
    let input = UpdateStageInput::builder()
        .arn(STAGE_ARN)
        .auto_participant_recording_configuration(config.clone())
        .build()
        .unwrap();
    match request_body(&input)
        .as_object_mut()
        .and_then(|body| body.remove("autoParticipantRecordingConfiguration"))
    {
        Some(Value::Object(map)) => map,
        other => panic!("expected a JSON object, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Request
// ---------------------------------------------------------------------------------------------

#[test]
fn full_request_serializes_to_the_wire_names_of_the_reference_page() {
    let input = UpdateStageInput::builder()
        .arn(STAGE_ARN)
        .name("weekly-standup")
        .auto_participant_recording_configuration(
            AutoParticipantRecordingConfiguration::builder()
                .storage_configuration_arn(STORAGE_ARN)
                .media_types(ParticipantRecordingMediaType::AudioVideo)
                .thumbnail_configuration(
                    ParticipantThumbnailConfiguration::builder()
                        .target_interval_seconds(30)
                        .storage(ThumbnailStorageType::Sequential)
                        .storage(ThumbnailStorageType::Latest)
                        .recording_mode(ThumbnailRecordingMode::Interval)
                        .build(),
                )
                .recording_reconnect_window_seconds(60)
                .hls_configuration(
                    ParticipantRecordingHlsConfiguration::builder()
                        .target_segment_duration_seconds(4)
                        .build(),
                )
                .record_participant_replicas(true)
                .build()
                .expect("storageConfigurationArn is set"),
        )
        .build()
        .expect("arn is set");

    assert_eq!(
        request_body(&input),
        json!({
            "arn": STAGE_ARN,
            "name": "weekly-standup",
            "autoParticipantRecordingConfiguration": {
                "storageConfigurationArn": STORAGE_ARN,
                "mediaTypes": ["AUDIO_VIDEO"],
                "thumbnailConfiguration": {
                    "targetIntervalSeconds": 30,
                    "storage": ["SEQUENTIAL", "LATEST"],
                    "recordingMode": "INTERVAL"
                },
                "recordingReconnectWindowSeconds": 60,
                "hlsConfiguration": {
                    "targetSegmentDurationSeconds": 4
                },
                "recordParticipantReplicas": true
            }
        })
    );

    // The same JSON reads back into equal values. (There is no reader for the input itself, a
    // client never receives one: its members are compared one by one.)
    let body = request_body(&input);
    assert_eq!(body["arn"].as_str(), input.arn());
    assert_eq!(body["name"].as_str(), input.name());
    let reparsed = read_json!(
        AutoParticipantRecordingConfiguration,
        body["autoParticipantRecordingConfiguration"]
    );
    assert_eq!(
        Some(&reparsed),
        input.auto_participant_recording_configuration()
    );
}

#[test]
fn request_with_only_the_required_arn_serializes_only_arn() {
    let input = UpdateStageInput::builder().arn(STAGE_ARN).build().unwrap();
    assert_eq!(request_body(&input), json!({ "arn": STAGE_ARN }));
}

#[test]
fn operation_constants_describe_the_http_binding() {
    assert_eq!(UpdateStage::NAME, "UpdateStage");
    assert_eq!(UpdateStage::METHOD, "POST");
    assert_eq!(UpdateStage::URI, "/UpdateStage");
    assert_eq!(UpdateStage::SUCCESS_CODE, 200);
}

// ---------------------------------------------------------------------------------------------
// 2. Response
// ---------------------------------------------------------------------------------------------


/// The stage of `full_stage_body()`, built in Rust.
fn full_response_stage() -> Stage {
    Stage::builder()
        .arn(STAGE_ARN)
        .name("weekly-standup")
        .active_session_id("st-a1b2c3d4e5f6g")
        .tags("team", "video")
        .tags("env", "prod")
        .auto_participant_recording_configuration(
            AutoParticipantRecordingConfiguration::builder()
                .storage_configuration_arn(STORAGE_ARN)
                .media_types(ParticipantRecordingMediaType::AudioOnly)
                .thumbnail_configuration(
                    ParticipantThumbnailConfiguration::builder()
                        .target_interval_seconds(20)
                        .storage(ThumbnailStorageType::Latest)
                        .storage(ThumbnailStorageType::Sequential)
                        .recording_mode(ThumbnailRecordingMode::Interval)
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
        .unwrap()
}

#[test]
fn full_response_deserializes_and_reads_back_through_accessors() {
    let output = parse_ok(&full_stage_body());
    let stage = output.stage().expect("stage");

    assert_eq!(stage.arn(), STAGE_ARN);
    assert_eq!(stage.name(), Some("weekly-standup"));
    assert_eq!(stage.active_session_id(), Some("st-a1b2c3d4e5f6g"));

    let tags = stage.tags().expect("tags");
    assert_eq!(tags.len(), 2);
    assert_eq!(tags.get("team").map(String::as_str), Some("video"));
    assert_eq!(tags.get("env").map(String::as_str), Some("prod"));

    let recording = stage
        .auto_participant_recording_configuration()
        .expect("recording");
    assert_eq!(recording.storage_configuration_arn(), STORAGE_ARN);
    assert_eq!(
        recording.media_types(),
        &[ParticipantRecordingMediaType::AudioOnly]
    );
    assert_eq!(recording.recording_reconnect_window_seconds(), 120);
    assert_eq!(recording.record_participant_replicas(), Some(false));
    assert!(!recording.record_participant_replicas_or_default());

    let thumbnails = recording
        .thumbnail_configuration()
        .expect("thumbnailConfiguration");
    assert_eq!(thumbnails.target_interval_seconds(), Some(20));
    assert_eq!(
        thumbnails.storage(),
        &[
            ThumbnailStorageType::Latest,
            ThumbnailStorageType::Sequential
        ]
    );
    assert_eq!(
        thumbnails.recording_mode(),
        Some(&ThumbnailRecordingMode::Interval)
    );

    let hls = recording.hls_configuration().expect("hlsConfiguration");
    assert_eq!(hls.target_segment_duration_seconds(), Some(2));

    let endpoints = stage.endpoints().expect("endpoints");
    assert_eq!(
        endpoints.events(),
        Some("wss://global.events.live-video.net")
    );
    assert_eq!(
        endpoints.whip(),
        Some("https://1a2b3c4d5e6f.global-bm.whip.live-video.net")
    );
    assert_eq!(
        endpoints.rtmp(),
        Some("rtmp://1a2b3c4d5e6f.global-contribute-staging.live-video.net/app/")
    );
    assert_eq!(
        endpoints.rtmps(),
        Some("rtmps://1a2b3c4d5e6f.global-contribute-staging.live-video.net:443/app/")
    );

    // Nothing is lost, and nothing is added: the output equals the one built in Rust from the
    // same values.
    assert_eq!(
        output,
        UpdateStageOutput::builder()
            .stage(full_response_stage())
            .build()
    );
}

#[test]
fn empty_response_body_has_no_stage() {
    let output = parse_ok(&json!({}));
    assert!(output.stage().is_none());
    assert_eq!(output, UpdateStageOutput::builder().build());

    // A 200 with no body at all reads the same.
    let empty = http::Response::builder()
        .status(200)
        .body(Vec::new())
        .unwrap();
    assert_eq!(
        parse_response(&empty),
        Ok(UpdateStageOutput::builder().build())
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Enums
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_enum_value_round_trips() {
    let thumbnails = read_json!(
        ParticipantThumbnailConfiguration,
        json!({ "recordingMode": "SOMETHING_NEW" })
    );
    let mode = thumbnails.recording_mode().expect("recordingMode");
    assert!(
        matches!(mode, ThumbnailRecordingMode::Unknown(_)),
        "{mode:?}"
    );
    assert_eq!(mode.as_str(), "SOMETHING_NEW");
    assert_eq!(mode.to_string(), "SOMETHING_NEW");
    assert_eq!(
        write_json!(thumbnails),
        json!({ "recordingMode": "SOMETHING_NEW" })
    );

    // Same for list items and the other enums.
    let recording = read_json!(
        AutoParticipantRecordingConfiguration,
        json!({
            "storageConfigurationArn": STORAGE_ARN,
            "mediaTypes": ["AUDIO_VIDEO", "VIDEO_ONLY"],
            "thumbnailConfiguration": { "storage": ["SEQUENTIAL", "EVERY_OTHER"] }
        })
    );
    assert_eq!(
        recording.media_types()[0],
        ParticipantRecordingMediaType::AudioVideo
    );
    assert_eq!(recording.media_types()[1].as_str(), "VIDEO_ONLY");
    assert!(matches!(
        recording.media_types()[1],
        ParticipantRecordingMediaType::Unknown(_)
    ));
    let storage = recording.thumbnail_configuration().unwrap().storage();
    assert_eq!(storage[0], ThumbnailStorageType::Sequential);
    assert!(matches!(storage[1], ThumbnailStorageType::Unknown(_)));
    // Sent back in a request, the unknown values are as received.
    let wire = recording_json(&recording);
    assert_eq!(
        wire["thumbnailConfiguration"]["storage"],
        json!(["SEQUENTIAL", "EVERY_OTHER"])
    );
    assert_eq!(wire["mediaTypes"], json!(["AUDIO_VIDEO", "VIDEO_ONLY"]));

    // An unknown value built in Rust serializes as given, and equals the parsed one.
    assert_eq!(ThumbnailRecordingMode::from("SOMETHING_NEW"), *mode);
    assert_eq!(
        write_json!(ParticipantThumbnailConfiguration::builder()
            .recording_mode(ThumbnailRecordingMode::from("SOMETHING_NEW"))
            .build()),
        json!({ "recordingMode": "SOMETHING_NEW" })
    );
}

#[test]
fn enum_conversions_display_and_values() {
    assert_eq!(
        ThumbnailRecordingMode::from("INTERVAL"),
        ThumbnailRecordingMode::Interval
    );
    assert_eq!(
        ThumbnailRecordingMode::from(String::from("DISABLED")),
        ThumbnailRecordingMode::Disabled
    );
    assert_eq!(
        "LATEST".parse::<ThumbnailStorageType>(),
        Ok(ThumbnailStorageType::Latest)
    );
    assert_eq!(
        "SEQUENTIAL".parse::<ThumbnailStorageType>(),
        Ok(ThumbnailStorageType::Sequential)
    );
    assert_eq!(
        "AUDIO_ONLY".parse::<ParticipantRecordingMediaType>(),
        Ok(ParticipantRecordingMediaType::AudioOnly)
    );
    // Values are case-sensitive: a different spelling is an unknown value, kept verbatim.
    let lower = ThumbnailStorageType::from("latest");
    assert!(matches!(lower, ThumbnailStorageType::Unknown(_)));
    assert_eq!(lower.as_str(), "latest");

    assert_eq!(ThumbnailRecordingMode::Interval.to_string(), "INTERVAL");
    assert_eq!(ThumbnailRecordingMode::Disabled.to_string(), "DISABLED");
    assert_eq!(ThumbnailStorageType::Sequential.to_string(), "SEQUENTIAL");
    assert_eq!(ParticipantRecordingMediaType::None.to_string(), "NONE");
    assert_eq!(ThumbnailStorageType::Latest.as_ref(), "LATEST");

    // `values()` lists exactly the values of the reference page, in its order.
    assert_eq!(ThumbnailRecordingMode::values(), &["INTERVAL", "DISABLED"]);
    assert_eq!(ThumbnailStorageType::values(), &["SEQUENTIAL", "LATEST"]);
    assert_eq!(
        ParticipantRecordingMediaType::values(),
        &["AUDIO_VIDEO", "AUDIO_ONLY", "NONE"]
    );

    // Every listed value converts to a known variant and back to the same string.
    for value in ThumbnailRecordingMode::values() {
        let parsed = ThumbnailRecordingMode::from(*value);
        assert!(
            !matches!(parsed, ThumbnailRecordingMode::Unknown(_)),
            "{value}"
        );
        assert_eq!(parsed.as_str(), *value);
        assert_eq!(
            write_json!(ParticipantThumbnailConfiguration::builder()
                .recording_mode(parsed)
                .build()),
            json!({ "recordingMode": value })
        );
    }
    for value in ThumbnailStorageType::values() {
        let parsed = ThumbnailStorageType::from(*value);
        assert!(
            !matches!(parsed, ThumbnailStorageType::Unknown(_)),
            "{value}"
        );
        assert_eq!(parsed.as_str(), *value);
    }
    for value in ParticipantRecordingMediaType::values() {
        let parsed = ParticipantRecordingMediaType::from(*value);
        assert!(
            !matches!(parsed, ParticipantRecordingMediaType::Unknown(_)),
            "{value}"
        );
        assert_eq!(parsed.as_str(), *value);
    }
}

// ---------------------------------------------------------------------------------------------
// 4. The eight documented defaults
// ---------------------------------------------------------------------------------------------

#[test]
fn documented_defaults_match_the_reference_page() {
    // storageConfigurationArn — Default: "" (empty string).
    assert_eq!(
        AutoParticipantRecordingConfiguration::STORAGE_CONFIGURATION_ARN_DEFAULT,
        ""
    );

    // mediaTypes — Default: AUDIO_VIDEO.
    assert_eq!(
        AutoParticipantRecordingConfiguration::MEDIA_TYPES_DEFAULT,
        &[ParticipantRecordingMediaType::AudioVideo]
    );

    // thumbnailConfiguration.targetIntervalSeconds — Default: 60.
    assert_eq!(
        ParticipantThumbnailConfiguration::TARGET_INTERVAL_SECONDS_DEFAULT,
        60
    );

    // thumbnailConfiguration.storage — Default: SEQUENTIAL.
    assert_eq!(
        ParticipantThumbnailConfiguration::STORAGE_DEFAULT,
        &[ThumbnailStorageType::Sequential]
    );

    // thumbnailConfiguration.recordingMode — Default: DISABLED.
    assert_eq!(
        ParticipantThumbnailConfiguration::RECORDING_MODE_DEFAULT,
        ThumbnailRecordingMode::Disabled
    );

    // recordingReconnectWindowSeconds — "The default value is 0".
    assert_eq!(
        AutoParticipantRecordingConfiguration::RECORDING_RECONNECT_WINDOW_SECONDS_DEFAULT,
        0
    );

    // hlsConfiguration.targetSegmentDurationSeconds — Default: 6.
    assert_eq!(
        ParticipantRecordingHlsConfiguration::TARGET_SEGMENT_DURATION_SECONDS_DEFAULT,
        6
    );

    // recordParticipantReplicas — Default: true.
    let replicas_default: bool =
        AutoParticipantRecordingConfiguration::RECORD_PARTICIPANT_REPLICAS_DEFAULT;
    assert!(
        replicas_default,
        "recordParticipantReplicas defaults to true"
    );
}

#[test]
fn or_default_accessors_fall_back_to_the_documented_defaults_when_unset() {
    let thumbnails = ParticipantThumbnailConfiguration::builder().build();
    assert_eq!(thumbnails.target_interval_seconds(), None);
    assert_eq!(thumbnails.target_interval_seconds_or_default(), 60);
    assert!(thumbnails.storage().is_empty());
    assert_eq!(
        thumbnails.storage_or_default(),
        &[ThumbnailStorageType::Sequential]
    );
    assert_eq!(thumbnails.recording_mode(), None);
    assert_eq!(
        thumbnails.recording_mode_or_default(),
        &ThumbnailRecordingMode::Disabled
    );
    assert_eq!(thumbnails, ParticipantThumbnailConfiguration::default());

    let hls = ParticipantRecordingHlsConfiguration::builder().build();
    assert_eq!(hls.target_segment_duration_seconds(), None);
    assert_eq!(hls.target_segment_duration_seconds_or_default(), 6);

    let recording = AutoParticipantRecordingConfiguration::builder()
        .storage_configuration_arn(STORAGE_ARN)
        .build()
        .unwrap();
    assert!(recording.media_types().is_empty());
    assert_eq!(
        recording.media_types_or_default(),
        &[ParticipantRecordingMediaType::AudioVideo]
    );
    assert_eq!(recording.record_participant_replicas(), None);
    assert!(recording.record_participant_replicas_or_default());
    assert_eq!(recording.recording_reconnect_window_seconds(), 0);

    // The same holds for values read from a body that omits the members.
    let parsed = read_json!(
        AutoParticipantRecordingConfiguration,
        json!({
            "storageConfigurationArn": STORAGE_ARN,
            "thumbnailConfiguration": {},
            "hlsConfiguration": {}
        })
    );
    assert_eq!(
        parsed.media_types_or_default(),
        &[ParticipantRecordingMediaType::AudioVideo]
    );
    assert!(parsed.record_participant_replicas_or_default());
    assert_eq!(parsed.recording_reconnect_window_seconds(), 0);
    let parsed_thumbnails = parsed.thumbnail_configuration().unwrap();
    assert_eq!(parsed_thumbnails.target_interval_seconds_or_default(), 60);
    assert_eq!(
        parsed_thumbnails.storage_or_default(),
        &[ThumbnailStorageType::Sequential]
    );
    assert_eq!(
        parsed_thumbnails.recording_mode_or_default(),
        &ThumbnailRecordingMode::Disabled
    );
    assert_eq!(
        parsed
            .hls_configuration()
            .unwrap()
            .target_segment_duration_seconds_or_default(),
        6
    );

    // An explicit value wins over the default.
    let explicit = ParticipantThumbnailConfiguration::builder()
        .target_interval_seconds(5)
        .storage(ThumbnailStorageType::Latest)
        .recording_mode(ThumbnailRecordingMode::Interval)
        .build();
    assert_eq!(explicit.target_interval_seconds_or_default(), 5);
    assert_eq!(
        explicit.storage_or_default(),
        &[ThumbnailStorageType::Latest]
    );
    assert_eq!(
        explicit.recording_mode_or_default(),
        &ThumbnailRecordingMode::Interval
    );
}

#[test]
fn documented_defaults_are_not_put_on_the_wire() {
    let recording = AutoParticipantRecordingConfiguration::builder()
        .storage_configuration_arn(STORAGE_ARN)
        .build()
        .unwrap();
    let wire = recording_json(&recording);

    assert_eq!(
        wire.get("storageConfigurationArn"),
        Some(&json!(STORAGE_ARN))
    );
    for documented_only in [
        "mediaTypes",
        "thumbnailConfiguration",
        "hlsConfiguration",
        "recordParticipantReplicas",
    ] {
        assert!(
            !wire.contains_key(documented_only),
            "`{documented_only}` was not set but is on the wire: {wire:?}"
        );
    }
    // `recordingReconnectWindowSeconds` is the one member with a model `@default(0)` (not only a
    // documented one): it is a plain `i32`, and Smithy says default values SHOULD be serialized.
    // Only that member may appear besides the ARN, and only with the value 0.
    assert!(
        wire.keys()
            .all(|key| key == "storageConfigurationArn" || key == "recordingReconnectWindowSeconds"),
        "{wire:?}"
    );
    if let Some(window) = wire.get("recordingReconnectWindowSeconds") {
        assert_eq!(window, &json!(0));
    }

    // Nested structures built empty put nothing on the wire either.
    assert_eq!(
        write_json!(ParticipantThumbnailConfiguration::builder().build()),
        json!({})
    );
    assert_eq!(
        write_json!(ParticipantRecordingHlsConfiguration::builder().build()),
        json!({})
    );
    assert_eq!(
        write_json!(ParticipantThumbnailConfiguration::default()),
        json!({})
    );
    assert_eq!(
        write_json!(ParticipantRecordingHlsConfiguration::default()),
        json!({})
    );

    // A default-constructed configuration carries the documented default ARN (""), nothing else
    // documented-only.
    let default_wire = recording_json(&AutoParticipantRecordingConfiguration::default());
    assert_eq!(
        default_wire.get("storageConfigurationArn"),
        Some(&json!(""))
    );
    assert!(!default_wire.contains_key("mediaTypes"));
    assert!(!default_wire.contains_key("thumbnailConfiguration"));
    assert!(!default_wire.contains_key("hlsConfiguration"));
    assert!(!default_wire.contains_key("recordParticipantReplicas"));
}

// ---------------------------------------------------------------------------------------------
// 5. Explicit false / 0
// ---------------------------------------------------------------------------------------------

#[test]
fn explicit_false_and_zero_survive_serialization() {
    let recording = AutoParticipantRecordingConfiguration::builder()
        .storage_configuration_arn("")
        .record_participant_replicas(false)
        .recording_reconnect_window_seconds(0)
        .thumbnail_configuration(
            // 0 is outside the documented range, but serialization does not validate.
            ParticipantThumbnailConfiguration::builder()
                .target_interval_seconds(0)
                .build(),
        )
        .hls_configuration(
            ParticipantRecordingHlsConfiguration::builder()
                .target_segment_duration_seconds(0)
                .build(),
        )
        .build()
        .unwrap();

    let wire = recording_json(&recording);
    assert_eq!(wire.get("storageConfigurationArn"), Some(&json!("")));
    assert_eq!(wire.get("recordParticipantReplicas"), Some(&json!(false)));
    assert_eq!(wire.get("recordingReconnectWindowSeconds"), Some(&json!(0)));
    assert_eq!(
        wire.get("thumbnailConfiguration"),
        Some(&json!({ "targetIntervalSeconds": 0 }))
    );
    assert_eq!(
        wire.get("hlsConfiguration"),
        Some(&json!({ "targetSegmentDurationSeconds": 0 }))
    );

    // And they read back as explicit values, not as "unset".
    let back = read_json!(AutoParticipantRecordingConfiguration, Value::Object(wire));
    assert_eq!(back.record_participant_replicas(), Some(false));
    assert!(!back.record_participant_replicas_or_default());
    assert_eq!(
        back.thumbnail_configuration()
            .unwrap()
            .target_interval_seconds(),
        Some(0)
    );
    assert_eq!(
        back.thumbnail_configuration()
            .unwrap()
            .target_interval_seconds_or_default(),
        0
    );
    assert_eq!(back, recording);
}

#[test]
fn explicit_empty_lists_survive_serialization() {
    let recording = AutoParticipantRecordingConfiguration::builder()
        .storage_configuration_arn(STORAGE_ARN)
        .set_media_types(Some(Vec::new()))
        .thumbnail_configuration(
            ParticipantThumbnailConfiguration::builder()
                .set_storage(Some(Vec::new()))
                .build(),
        )
        .build()
        .unwrap();
    let wire = recording_json(&recording);
    assert_eq!(wire.get("mediaTypes"), Some(&json!([])));
    assert_eq!(
        wire.get("thumbnailConfiguration"),
        Some(&json!({ "storage": [] }))
    );
    // An explicitly empty list is not replaced by the documented default.
    assert!(recording.media_types_or_default().is_empty());
}

// ---------------------------------------------------------------------------------------------
// 6. Builders
// ---------------------------------------------------------------------------------------------

#[test]
fn update_stage_input_without_arn_fails_to_build() {
    let error: BuildError = UpdateStageInput::builder()
        .name("weekly-standup")
        .build()
        .expect_err("arn is required");
    assert_eq!(error.shape(), "UpdateStageInput");
    assert_eq!(error.member(), "arn");
    let message = error.to_string();
    assert!(message.contains("arn"), "{message}");
    assert!(message.contains("UpdateStageInput"), "{message}");
    assert_eq!(error, BuildError::missing("UpdateStageInput", "arn"));
}

#[test]
fn auto_participant_recording_configuration_without_storage_arn_fails_to_build() {
    let error = AutoParticipantRecordingConfiguration::builder()
        .media_types(ParticipantRecordingMediaType::AudioOnly)
        .record_participant_replicas(true)
        .build()
        .expect_err("storageConfigurationArn is required");
    assert_eq!(error.shape(), "AutoParticipantRecordingConfiguration");
    assert_eq!(error.member(), "storageConfigurationArn");
    let message = error.to_string();
    assert!(message.contains("storageConfigurationArn"), "{message}");
    assert!(
        message.contains("AutoParticipantRecordingConfiguration"),
        "{message}"
    );

    // The empty string is a valid (documented) value: it builds.
    assert!(AutoParticipantRecordingConfiguration::builder()
        .storage_configuration_arn("")
        .build()
        .is_ok());
}

#[test]
fn list_setters_append_and_set_none_clears() {
    let builder = ParticipantThumbnailConfiguration::builder()
        .storage(ThumbnailStorageType::Sequential)
        .storage(ThumbnailStorageType::Latest);
    assert_eq!(
        builder.get_storage(),
        &Some(vec![
            ThumbnailStorageType::Sequential,
            ThumbnailStorageType::Latest
        ])
    );
    assert_eq!(
        builder.clone().build().storage(),
        &[
            ThumbnailStorageType::Sequential,
            ThumbnailStorageType::Latest
        ]
    );

    let cleared = builder.set_storage(None);
    assert_eq!(cleared.get_storage(), &None);
    assert_eq!(cleared.build().storage, None);

    // `set_x(Some(..))` replaces, and appending continues from there.
    let replaced = ParticipantThumbnailConfiguration::builder()
        .storage(ThumbnailStorageType::Sequential)
        .set_storage(Some(vec![ThumbnailStorageType::Latest]))
        .storage("SEQUENTIAL");
    assert_eq!(
        replaced.get_storage(),
        &Some(vec![
            ThumbnailStorageType::Latest,
            ThumbnailStorageType::Sequential
        ])
    );

    let media = AutoParticipantRecordingConfiguration::builder()
        .media_types(ParticipantRecordingMediaType::AudioOnly)
        .media_types(ParticipantRecordingMediaType::None);
    assert_eq!(
        media.get_media_types(),
        &Some(vec![
            ParticipantRecordingMediaType::AudioOnly,
            ParticipantRecordingMediaType::None
        ])
    );
    assert_eq!(media.set_media_types(None).get_media_types(), &None);
}

#[test]
fn builder_getters_read_back_and_set_none_clears_scalars() {
    let builder = UpdateStageInput::builder().arn(STAGE_ARN).name("n");
    assert_eq!(builder.get_arn().as_deref(), Some(STAGE_ARN));
    assert_eq!(builder.get_name().as_deref(), Some("n"));
    assert_eq!(
        builder.get_auto_participant_recording_configuration(),
        &None
    );

    let builder = builder.set_name(None);
    assert_eq!(builder.get_name(), &None);
    assert_eq!(
        request_body(&builder.clone().build().unwrap()),
        json!({ "arn": STAGE_ARN })
    );

    let builder = builder.set_arn(None);
    assert_eq!(builder.get_arn(), &None);
    assert_eq!(builder.build().unwrap_err().member(), "arn");

    let recording = AutoParticipantRecordingConfiguration::builder()
        .storage_configuration_arn(STORAGE_ARN)
        .record_participant_replicas(false)
        .recording_reconnect_window_seconds(30);
    assert_eq!(
        recording.get_storage_configuration_arn().as_deref(),
        Some(STORAGE_ARN)
    );
    assert_eq!(recording.get_record_participant_replicas(), &Some(false));
    assert_eq!(
        recording.get_recording_reconnect_window_seconds(),
        &Some(30)
    );
    let recording = recording
        .set_record_participant_replicas(None)
        .set_recording_reconnect_window_seconds(None);
    assert_eq!(recording.get_record_participant_replicas(), &None);
    assert_eq!(recording.get_recording_reconnect_window_seconds(), &None);
    let built = recording.build().unwrap();
    assert_eq!(built.record_participant_replicas(), None);
    // A cleared `@default` member takes its default when built.
    assert_eq!(built.recording_reconnect_window_seconds(), 0);

    let thumbnails = ParticipantThumbnailConfiguration::builder()
        .target_interval_seconds(10)
        .recording_mode("INTERVAL");
    assert_eq!(thumbnails.get_target_interval_seconds(), &Some(10));
    assert_eq!(
        thumbnails.get_recording_mode(),
        &Some(ThumbnailRecordingMode::Interval)
    );

    let hls = ParticipantRecordingHlsConfiguration::builder().target_segment_duration_seconds(8);
    assert_eq!(hls.get_target_segment_duration_seconds(), &Some(8));
    assert_eq!(
        hls.set_target_segment_duration_seconds(None)
            .build()
            .target_segment_duration_seconds(),
        None
    );
}

// ---------------------------------------------------------------------------------------------
// 7. Errors
// ---------------------------------------------------------------------------------------------

#[test]
fn validation_exception_displays_code_and_message() {
    let error = ValidationException::builder()
        .exception_message("bad")
        .build();
    assert_eq!(error.exception_message(), Some("bad"));
    assert_eq!(error.message(), Some("bad"));
    let shown = error.to_string();
    assert!(shown.contains("ValidationException"), "{shown}");
    assert!(shown.contains("bad"), "{shown}");
    assert_eq!(ValidationException::CODE, "ValidationException");
    assert_eq!(ValidationException::HTTP_STATUS, 400);

    // Without a message, Display still names the code.
    let bare = ValidationException::builder().build();
    assert_eq!(bare.message(), None);
    assert!(bare.to_string().contains("ValidationException"));
}

#[test]
fn update_stage_error_from_modeled_error() {
    let error = UpdateStageError::from(
        ValidationException::builder()
            .exception_message("name is too long")
            .build(),
    );
    assert!(error.is_validation_exception());
    assert!(!error.is_conflict_exception());
    assert!(!error.is_access_denied_exception());
    assert!(!error.is_resource_not_found_exception());
    assert!(!error.is_service_quota_exceeded_exception());
    assert!(!error.is_pending_verification());
    assert_eq!(error.code(), Some("ValidationException"));
    assert_eq!(error.message(), Some("name is too long"));

    let shown = error.to_string();
    assert!(shown.contains("ValidationException"), "{shown}");
    assert!(shown.contains("name is too long"), "{shown}");

    let source = error.source().expect("a modeled error has a source");
    let inner = source
        .downcast_ref::<ValidationException>()
        .expect("the source is the ValidationException");
    assert_eq!(inner.exception_message(), Some("name is too long"));

    let conflict = UpdateStageError::from(ConflictException::builder().build());
    assert!(conflict.is_conflict_exception());
    assert!(!conflict.is_validation_exception());
    assert_eq!(conflict.code(), Some("ConflictException"));
    assert_eq!(conflict.message(), None);
    assert!(conflict.source().is_some());
}

#[test]
fn unhandled_error_displays_code_message_and_request_id() {
    let error = UpdateStageError::Unhandled(UnmodeledError::new(ErrorMetadata::new(
        Some("X".into()),
        Some("m".into()),
        ResponseMetadata::new(Some("req".into()), None),
    )));
    assert_eq!(error.code(), Some("X"));
    assert_eq!(error.message(), Some("m"));
    assert!(!error.is_validation_exception());

    let shown = error.to_string();
    assert!(shown.contains('X'), "{shown}");
    assert!(shown.contains('m'), "{shown}");
    assert!(shown.contains("req"), "{shown}");

    let source = error.source().expect("unhandled error has a source");
    let unmodeled = source
        .downcast_ref::<UnmodeledError>()
        .expect("source is UnmodeledError");
    assert_eq!(unmodeled.request_id(), Some("req"));

    // With nothing known, Display still says something.
    let empty = UpdateStageError::Unhandled(UnmodeledError::default());
    assert_eq!(empty.code(), None);
    assert_eq!(empty.message(), None);
    assert!(!empty.to_string().is_empty());
}

#[test]
fn validation_exception_deserializes_from_its_json_body() {
    /// Reads a 400 response carrying `body` as an `UpdateStage` error.
    fn parse_400(body: Value) -> UpdateStageError {
        let response = http::Response::builder()
            .status(400)
            .body(serde_json::to_vec(&body).unwrap())
            .unwrap();
        parse_response(&response).expect_err("a 400 is an error")
    }

    let parsed = parse_400(json!({
        "code": "ValidationException",
        "exceptionMessage": "Stage name must match [a-zA-Z0-9-_]*",
        "xAmznErrorType": "not a header"
    }));
    let UpdateStageError::ValidationException(error) = parsed else {
        panic!("expected a ValidationException, got {parsed:?}");
    };
    assert_eq!(
        error.exception_message(),
        Some("Stage name must match [a-zA-Z0-9-_]*")
    );
    // HTTP header members are not read from the body.
    assert_eq!(error.x_amzn_error_type(), None);

    let wrapped = UpdateStageError::from(error);
    assert_eq!(wrapped.code(), Some("ValidationException"));
    assert_eq!(
        wrapped.message(),
        Some("Stage name must match [a-zA-Z0-9-_]*")
    );

    // Body fields that are not members (such as `__type`, which names the error) are ignored:
    // the error equals one built with only its message.
    let with_type = parse_400(json!({
        "__type": "ValidationException",
        "exceptionMessage": "bad",
        "reason": "FIELD_VALIDATION_FAILED"
    }));
    assert_eq!(
        with_type,
        UpdateStageError::ValidationException(
            ValidationException::builder()
                .exception_message("bad")
                .build()
        )
    );
}

// ---------------------------------------------------------------------------------------------
// 8. Unknown fields and nulls
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_response_fields_are_ignored() {
    let mut body = full_stage_body();
    body["requestId"] = json!("abc");
    body["stage"]["createdAt"] = json!("2024-01-01T00:00:00Z");
    body["stage"]["endpoints"]["srt"] = json!("srt://example");
    body["stage"]["autoParticipantRecordingConfiguration"]["futureOption"] = json!({ "a": [1, 2] });
    body["stage"]["autoParticipantRecordingConfiguration"]["thumbnailConfiguration"]["quality"] =
        json!("HIGH");

    let with_extras = parse_ok(&body);
    let plain = parse_ok(&full_stage_body());
    assert_eq!(with_extras, plain);
    assert_eq!(with_extras.stage(), Some(&full_response_stage()));
}

#[test]
fn null_members_read_as_absent() {
    let output = parse_ok(&json!({
        "stage": {
            "arn": STAGE_ARN,
            "name": null,
            "activeSessionId": null,
            "tags": null,
            "autoParticipantRecordingConfiguration": {
                "storageConfigurationArn": STORAGE_ARN,
                "mediaTypes": null,
                "thumbnailConfiguration": {
                    "targetIntervalSeconds": null,
                    "storage": null,
                    "recordingMode": null
                },
                "hlsConfiguration": { "targetSegmentDurationSeconds": null },
                "recordParticipantReplicas": null
            },
            "endpoints": { "events": null, "whip": null, "rtmp": null, "rtmps": null }
        }
    }));

    let stage = output.stage().unwrap();
    assert_eq!(stage.arn(), STAGE_ARN);
    assert_eq!(stage.name(), None);
    assert_eq!(stage.active_session_id(), None);
    assert_eq!(stage.tags(), None);

    let recording = stage.auto_participant_recording_configuration().unwrap();
    assert_eq!(recording.media_types, None);
    assert_eq!(recording.record_participant_replicas(), None);
    assert!(recording.record_participant_replicas_or_default());
    let thumbnails = recording.thumbnail_configuration().unwrap();
    assert_eq!(thumbnails, &ParticipantThumbnailConfiguration::default());
    assert_eq!(thumbnails.target_interval_seconds_or_default(), 60);
    assert_eq!(
        recording
            .hls_configuration()
            .unwrap()
            .target_segment_duration_seconds(),
        None
    );

    let endpoints = stage.endpoints().unwrap();
    assert_eq!(
        (
            endpoints.events(),
            endpoints.whip(),
            endpoints.rtmp(),
            endpoints.rtmps()
        ),
        (None, None, None, None)
    );

    // A null stage, and null structures, are absent too.
    let null_stage = parse_ok(&json!({ "stage": null }));
    assert!(null_stage.stage().is_none());
    let null_structs = parse_ok(&json!({
        "stage": {
            "arn": STAGE_ARN,
            "autoParticipantRecordingConfiguration": null,
            "endpoints": null
        }
    }));
    let stage = null_structs.stage().unwrap();
    assert!(stage.auto_participant_recording_configuration().is_none());
    assert!(stage.endpoints().is_none());
}

#[test]
fn null_non_optional_members_read_as_absent() {
    // `arn`, `storageConfigurationArn` (required) and `recordingReconnectWindowSeconds`
    // (`@default(0)`) are plain values in Rust; a `null` for them must still read as "absent",
    // i.e. as the value an omitted member gets.
    let output = parse_ok(&json!({
        "stage": {
            "arn": null,
            "autoParticipantRecordingConfiguration": {
                "storageConfigurationArn": null,
                "recordingReconnectWindowSeconds": null
            }
        }
    }));
    let stage = output.stage().unwrap();
    assert_eq!(stage.arn(), "");
    let recording = stage.auto_participant_recording_configuration().unwrap();
    assert_eq!(recording.storage_configuration_arn(), "");
    assert_eq!(recording.recording_reconnect_window_seconds(), 0);
}
