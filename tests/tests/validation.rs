//! Constraint validation of the generated `ivsrealtime` crate, checked against the model
//! (`model/ivsrealtime.json`).
//!
//! Every constrained member of `UpdateStage`'s input closure is tried just below, at, and just
//! above each bound it has, with its pattern matched and missed; each failure is asserted as the
//! exact violation (path in wire names, rule with its limits, value found). Further tests cover
//! lengths counted in characters (not bytes) on the output's `Stage.tags`, required members,
//! unknown enum values, `@uniqueItems`, several violations at once, and two property tests:
//! inputs generated within every constraint validate, and breaking exactly one constraint of such
//! an input yields exactly one violation at that member's path.

use ivsrealtime::operation::update_stage::UpdateStageInput;
use ivsrealtime::types::{
    AutoParticipantRecordingConfiguration, ParticipantRecordingHlsConfiguration,
    ParticipantRecordingMediaType, ParticipantThumbnailConfiguration, Stage,
    ThumbnailRecordingMode, ThumbnailStorageType,
};
use ivsrealtime::validation::{Rule, ValidationErrors, Violation};
use proptest::prelude::*;
use proptest::sample::Index;

const STAGE_ARN_PATTERN: &str = "^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$";
const NAME_PATTERN: &str = "^[a-zA-Z0-9-_]*$";
const STORAGE_ARN_PATTERN: &str =
    "^^$|^arn:aws:ivs:[a-z0-9-]+:[0-9]+:storage-configuration/[a-zA-Z0-9-]+$$";

const STAGE_ARN: &str = "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh";
const STORAGE_ARN: &str = "arn:aws:ivs:us-west-2:123456789012:storage-configuration/ABcdef34ghIJ";

const THUMBNAIL: &str = "autoParticipantRecordingConfiguration.thumbnailConfiguration";

/// A violation as `(path, rule, actual)`, so whole lists compare with one `assert_eq!`.
type Found = (String, Rule, Option<String>);

fn found(result: Result<(), ValidationErrors>) -> Vec<Found> {
    match result {
        Ok(()) => Vec::new(),
        Err(errors) => {
            assert!(
                !errors.is_empty(),
                "an Err must hold at least one violation"
            );
            assert_eq!(errors.len(), errors.violations().len());
            errors
                .violations()
                .iter()
                .map(|v| {
                    (
                        v.path().to_string(),
                        v.rule().clone(),
                        v.actual().map(str::to_string),
                    )
                })
                .collect()
        }
    }
}

fn violation(path: &str, rule: Rule, actual: Option<&str>) -> Found {
    (path.to_string(), rule, actual.map(str::to_string))
}

fn length(min: Option<u64>, max: Option<u64>) -> Rule {
    Rule::Length { min, max }
}

fn range(min: &'static str, max: &'static str) -> Rule {
    Rule::Range {
        min: Some(min),
        max: Some(max),
    }
}

/// A stage ARN matching its pattern, exactly `len` characters long (`len >= 42`).
fn stage_arn_of_len(len: usize) -> String {
    let prefix = "arn:aws:ivs:us-west-2:123456789012:stage/";
    let arn = format!("{prefix}{}", "a".repeat(len - prefix.len()));
    assert_eq!(arn.chars().count(), len);
    arn
}

/// A storage-configuration ARN matching its pattern, exactly `len` characters long.
fn storage_arn_of_len(len: usize) -> String {
    let prefix = "arn:aws:ivs:us-west-2:123456789012:storage-configuration/";
    let arn = format!("{prefix}{}", "Z".repeat(len - prefix.len()));
    assert_eq!(arn.chars().count(), len);
    arn
}

/// An input with every member set to a valid value.
fn valid_input() -> UpdateStageInput {
    UpdateStageInput::builder()
        .arn(STAGE_ARN)
        .name("my-stage_1")
        .auto_participant_recording_configuration(
            AutoParticipantRecordingConfiguration::builder()
                .storage_configuration_arn(STORAGE_ARN)
                .media_types(ParticipantRecordingMediaType::AudioOnly)
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
                        .target_segment_duration_seconds(6)
                        .build(),
                )
                .record_participant_replicas(false)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

/// `valid_input()` with its recording configuration changed by `edit`.
fn with_auto(edit: impl FnOnce(&mut AutoParticipantRecordingConfiguration)) -> UpdateStageInput {
    let mut input = valid_input();
    edit(
        input
            .auto_participant_recording_configuration
            .as_mut()
            .unwrap(),
    );
    input
}

/// `valid_input()` with its thumbnail configuration changed by `edit`.
fn with_thumbnail(edit: impl FnOnce(&mut ParticipantThumbnailConfiguration)) -> UpdateStageInput {
    with_auto(|auto| edit(auto.thumbnail_configuration.as_mut().unwrap()))
}

fn with_arn(arn: &str) -> UpdateStageInput {
    let mut input = valid_input();
    input.arn = Some(arn.to_string());
    input
}

fn with_name(name: &str) -> UpdateStageInput {
    let mut input = valid_input();
    input.name = Some(name.to_string());
    input
}

fn stage_with_tag(key: &str, value: &str) -> Stage {
    Stage::builder()
        .arn(STAGE_ARN)
        .tags(key, value)
        .build()
        .unwrap()
}

// 1. A fully valid input.

#[test]
fn fully_valid_input_validates() {
    let input = valid_input();
    let auto = input.auto_participant_recording_configuration().unwrap();
    assert!(auto.thumbnail_configuration().is_some() && auto.hls_configuration().is_some());
    assert_eq!(input.validate(), Ok(()));
    assert_eq!(auto.validate(), Ok(()));
}

#[test]
fn minimal_valid_input_validates() {
    let input = UpdateStageInput::builder().arn(STAGE_ARN).build().unwrap();
    assert_eq!(input.validate(), Ok(()));
    // Empty nested structures: every member optional or defaulted to a valid value.
    let mut input = input;
    let mut auto = AutoParticipantRecordingConfiguration::default();
    auto.thumbnail_configuration = Some(ParticipantThumbnailConfiguration::default());
    auto.hls_configuration = Some(ParticipantRecordingHlsConfiguration::default());
    input.auto_participant_recording_configuration = Some(auto);
    assert_eq!(input.validate(), Ok(()));
}

// 2. Boundaries of every constrained member.

#[test]
fn arn_length_and_pattern_boundaries() {
    let rule_len = || length(Some(1), Some(128));
    let rule_pat = || Rule::Pattern(STAGE_ARN_PATTERN);
    // Below the minimum: the empty string also misses the pattern.
    assert_eq!(
        found(with_arn("").validate()),
        vec![
            violation("arn", rule_len(), Some("0")),
            violation("arn", rule_pat(), Some("\"\""))
        ]
    );
    // The shortest ARN the pattern allows is longer than the minimum of 1.
    assert_eq!(
        found(with_arn("arn:aws:ivs:a:1:stage/b").validate()),
        vec![]
    );
    assert_eq!(found(with_arn(&stage_arn_of_len(128)).validate()), vec![]);
    let too_long = stage_arn_of_len(129);
    assert_eq!(
        found(with_arn(&too_long).validate()),
        vec![violation("arn", rule_len(), Some("129"))]
    );

    for bad in [
        "arn:aws:ivs:us-west-2:123456789012:stage/",
        "arn:aws:ivs:US-WEST-2:123456789012:stage/abc",
        "arn:aws:ivs:us-west-2:12345678901a:stage/abc",
        "arn:aws:ivs:us-west-2:123456789012:storage-configuration/abc",
        "arn:aws:ivs:us-west-2:123456789012:stage/abc_def",
        "xarn:aws:ivs:us-west-2:123456789012:stage/abc",
        "arn:aws:ivs:us-west-2:123456789012:stage/abc\n",
        "arn:aws:ivs:us-west-2:123456789012:stage/abc def",
    ] {
        assert_eq!(
            found(with_arn(bad).validate()),
            vec![violation("arn", rule_pat(), Some(&format!("{bad:?}")))],
            "{bad:?}"
        );
    }
}

#[test]
fn name_length_and_pattern_boundaries() {
    // The minimum is 0, so there is no "below": the empty name is valid.
    assert_eq!(found(with_name("").validate()), vec![]);
    assert_eq!(found(with_name("a-Z_0").validate()), vec![]);
    assert_eq!(found(with_name(&"n".repeat(128)).validate()), vec![]);
    assert_eq!(
        found(with_name(&"n".repeat(129)).validate()),
        vec![violation("name", length(Some(0), Some(128)), Some("129"))]
    );
    for bad in ["my stage", "stage!", "stage.1", "stage\n", "ståge"] {
        assert_eq!(
            found(with_name(bad).validate()),
            vec![violation(
                "name",
                Rule::Pattern(NAME_PATTERN),
                Some(&format!("{bad:?}"))
            )],
            "{bad:?}"
        );
    }
}

#[test]
fn storage_configuration_arn_length_and_pattern_boundaries() {
    let path = "autoParticipantRecordingConfiguration.storageConfigurationArn";
    let set = |arn: String| with_auto(|auto| auto.storage_configuration_arn = arn);
    // The minimum is 0 and the pattern's first alternative accepts the empty string.
    assert_eq!(found(set(String::new()).validate()), vec![]);
    assert_eq!(found(set(STORAGE_ARN.to_string()).validate()), vec![]);
    assert_eq!(found(set(storage_arn_of_len(128)).validate()), vec![]);
    assert_eq!(
        found(set(storage_arn_of_len(129)).validate()),
        vec![violation(path, length(Some(0), Some(128)), Some("129"))]
    );
    for bad in [
        " ",
        STAGE_ARN,
        "arn:aws:ivs:us-west-2:123456789012:storage-configuration/",
        "arn:aws:ivs:us-west-2:123456789012:storage-configuration/ab_c",
        "arn:aws:ivs:us-west-2:123456789012:storage-configuration/abc\n",
        "\narn:aws:ivs:us-west-2:123456789012:storage-configuration/abc",
    ] {
        assert_eq!(
            found(set(bad.to_string()).validate()),
            vec![violation(
                path,
                Rule::Pattern(STORAGE_ARN_PATTERN),
                Some(&format!("{bad:?}"))
            )],
            "{bad:?}"
        );
    }
}

#[test]
fn media_types_length_boundaries() {
    let path = "autoParticipantRecordingConfiguration.mediaTypes";
    let set = |items: Vec<ParticipantRecordingMediaType>| {
        with_auto(|auto| auto.media_types = Some(items))
    };
    assert_eq!(found(set(vec![]).validate()), vec![]);
    for value in ParticipantRecordingMediaType::values() {
        assert_eq!(
            found(set(vec![ParticipantRecordingMediaType::from(*value)]).validate()),
            vec![]
        );
    }
    assert_eq!(
        found(
            set(vec![
                ParticipantRecordingMediaType::AudioVideo,
                ParticipantRecordingMediaType::None
            ])
            .validate()
        ),
        vec![violation(path, length(Some(0), Some(1)), Some("2"))]
    );
}

#[test]
fn target_interval_seconds_range_boundaries() {
    let path = "autoParticipantRecordingConfiguration.thumbnailConfiguration.targetIntervalSeconds";
    let set = |n: i32| with_thumbnail(|t| t.target_interval_seconds = Some(n));
    assert_eq!(
        found(set(0).validate()),
        vec![violation(path, range("1", "86400"), Some("0"))]
    );
    assert_eq!(found(set(1).validate()), vec![]);
    assert_eq!(found(set(86400).validate()), vec![]);
    assert_eq!(
        found(set(86401).validate()),
        vec![violation(path, range("1", "86400"), Some("86401"))]
    );
    assert_eq!(
        found(set(i32::MIN).validate()),
        vec![violation(path, range("1", "86400"), Some("-2147483648"))]
    );
}

#[test]
fn storage_length_and_unique_boundaries() {
    use ThumbnailStorageType::{Latest, Sequential};
    let path = "autoParticipantRecordingConfiguration.thumbnailConfiguration.storage";
    let set = |items: Vec<ThumbnailStorageType>| with_thumbnail(|t| t.storage = Some(items));
    assert_eq!(found(set(vec![]).validate()), vec![]);
    assert_eq!(found(set(vec![Latest]).validate()), vec![]);
    assert_eq!(found(set(vec![Latest, Sequential]).validate()), vec![]);
    // With only two known values, three items always repeat one: both rules are broken.
    assert_eq!(
        found(set(vec![Sequential, Latest, Sequential]).validate()),
        vec![
            violation(path, length(Some(0), Some(2)), Some("3")),
            violation(path, Rule::UniqueItems, Some("3 items")),
        ]
    );
    // Three distinct items (one unknown): only the length and the unknown value.
    assert_eq!(
        found(
            set(vec![
                Sequential,
                Latest,
                ThumbnailStorageType::from("OLDEST")
            ])
            .validate()
        ),
        vec![
            violation(path, length(Some(0), Some(2)), Some("3")),
            violation(&format!("{path}[2]"), Rule::Enum, Some("\"OLDEST\"")),
        ]
    );
}

#[test]
fn recording_mode_enum_values() {
    for value in ThumbnailRecordingMode::values() {
        let input =
            with_thumbnail(|t| t.recording_mode = Some(ThumbnailRecordingMode::from(*value)));
        assert_eq!(found(input.validate()), vec![], "{value}");
    }
    // Enum values are case-sensitive.
    let input = with_thumbnail(|t| t.recording_mode = Some("interval".into()));
    assert_eq!(
        found(input.validate()),
        vec![violation(
            &format!("{THUMBNAIL}.recordingMode"),
            Rule::Enum,
            Some("\"interval\"")
        )]
    );
}

#[test]
fn recording_reconnect_window_seconds_range_boundaries() {
    let path = "autoParticipantRecordingConfiguration.recordingReconnectWindowSeconds";
    let set = |n: i32| with_auto(|auto| auto.recording_reconnect_window_seconds = n);
    assert_eq!(
        found(set(-1).validate()),
        vec![violation(path, range("0", "300"), Some("-1"))]
    );
    assert_eq!(found(set(0).validate()), vec![]);
    assert_eq!(found(set(300).validate()), vec![]);
    assert_eq!(
        found(set(301).validate()),
        vec![violation(path, range("0", "300"), Some("301"))]
    );
}

#[test]
fn target_segment_duration_seconds_range_boundaries() {
    let path =
        "autoParticipantRecordingConfiguration.hlsConfiguration.targetSegmentDurationSeconds";
    let set = |n: i32| {
        with_auto(|auto| {
            auto.hls_configuration
                .as_mut()
                .unwrap()
                .target_segment_duration_seconds = Some(n);
        })
    };
    assert_eq!(
        found(set(1).validate()),
        vec![violation(path, range("2", "10"), Some("1"))]
    );
    assert_eq!(found(set(2).validate()), vec![]);
    assert_eq!(found(set(10).validate()), vec![]);
    assert_eq!(
        found(set(11).validate()),
        vec![violation(path, range("2", "10"), Some("11"))]
    );
}

// 3. Lengths count characters (Unicode scalar values), not bytes.

#[test]
fn multi_byte_name_breaks_only_the_pattern_at_the_length_limit() {
    let name = "é".repeat(128);
    assert_eq!(name.len(), 256);
    assert_eq!(
        found(with_name(&name).validate()),
        vec![violation(
            "name",
            Rule::Pattern(NAME_PATTERN),
            Some(&format!("{name:?}"))
        )]
    );
    let name = "é".repeat(129);
    assert_eq!(
        found(with_name(&name).validate()),
        vec![
            violation("name", length(Some(0), Some(128)), Some("129")),
            violation(
                "name",
                Rule::Pattern(NAME_PATTERN),
                Some(&format!("{name:?}"))
            ),
        ]
    );
}

#[test]
fn tag_values_count_characters_not_bytes() {
    let rule = || length(None, Some(256));
    let at_max = "é".repeat(256);
    assert_eq!(at_max.len(), 512);
    assert_eq!(found(stage_with_tag("k", &at_max).validate()), vec![]);
    assert_eq!(
        found(stage_with_tag("k", &"é".repeat(257)).validate()),
        vec![violation("tags[\"k\"]", rule(), Some("257"))]
    );
    // A four-byte emoji is one character.
    assert_eq!(
        found(stage_with_tag("k", &"😀".repeat(256)).validate()),
        vec![]
    );
    assert_eq!(
        found(stage_with_tag("k", &"😀".repeat(257)).validate()),
        vec![violation("tags[\"k\"]", rule(), Some("257"))]
    );
    // A combining accent is a character of its own: 128 × "e\u{301}" is 256 characters.
    assert_eq!(
        found(stage_with_tag("k", &"e\u{301}".repeat(128)).validate()),
        vec![]
    );
    assert_eq!(
        found(stage_with_tag("k", &"e\u{301}".repeat(129)).validate()),
        vec![violation("tags[\"k\"]", rule(), Some("258"))]
    );
    // TagValue has no minimum.
    assert_eq!(found(stage_with_tag("k", "").validate()), vec![]);
}

#[test]
fn tag_keys_count_characters_not_bytes() {
    let rule = || length(Some(1), Some(128));
    assert_eq!(found(stage_with_tag("é", "v").validate()), vec![]);
    assert_eq!(
        found(stage_with_tag(&"é".repeat(128), "v").validate()),
        vec![]
    );
    assert_eq!(
        found(stage_with_tag(&"😀".repeat(128), "v").validate()),
        vec![]
    );
    let key = "😀".repeat(129);
    assert_eq!(
        found(stage_with_tag(&key, "v").validate()),
        vec![violation(&format!("tags[\"{key}\"]"), rule(), Some("129"))]
    );
    assert_eq!(
        found(stage_with_tag("", "v").validate()),
        vec![violation("tags[\"\"]", rule(), Some("0"))]
    );
}

#[test]
fn stage_in_output_is_validated_with_its_path() {
    let mut stage = stage_with_tag("k", &"é".repeat(257));
    stage.arn = "arn".to_string();
    let output = ivsrealtime::operation::update_stage::UpdateStageOutput::builder()
        .stage(stage)
        .build();
    assert_eq!(
        found(output.validate()),
        vec![
            violation(
                "stage.arn",
                Rule::Pattern(STAGE_ARN_PATTERN),
                Some("\"arn\"")
            ),
            violation("stage.tags[\"k\"]", length(None, Some(256)), Some("257")),
        ]
    );
}

// 4. Required members.

#[test]
fn missing_arn_is_reported_as_required() {
    let mut input = valid_input();
    input.arn = None;
    assert_eq!(
        found(input.validate()),
        vec![violation("arn", Rule::Required, None)]
    );
    // The same for an input made without its builder, which nothing checks before
    // `validate()` (`serialize_request` sends it without an `arn`).
    let input = UpdateStageInput::default();
    let errors = input.validate().unwrap_err();
    assert_eq!(
        errors.to_string(),
        "1 constraint violation\n  arn: required member is missing"
    );
}

// 5. Unknown enum values.

#[test]
fn unknown_recording_mode_is_an_enum_violation() {
    let input =
        with_thumbnail(|t| t.recording_mode = Some(ThumbnailRecordingMode::from("SOMETIMES")));
    assert_eq!(
        found(input.validate()),
        vec![violation(
            "autoParticipantRecordingConfiguration.thumbnailConfiguration.recordingMode",
            Rule::Enum,
            Some("\"SOMETIMES\""),
        )]
    );
}

#[test]
fn unknown_media_type_is_an_enum_violation_at_its_index() {
    let input = with_auto(|auto| auto.media_types = Some(vec!["VIDEO_ONLY".into()]));
    assert_eq!(
        found(input.validate()),
        vec![violation(
            "autoParticipantRecordingConfiguration.mediaTypes[0]",
            Rule::Enum,
            Some("\"VIDEO_ONLY\""),
        )]
    );
}

#[test]
fn unknown_enum_values_read_from_json_are_reported() {
    // Read with the wire layer's JSON reader, as a response would be.
    let json = br#"{
        "storageConfigurationArn": "",
        "mediaTypes": ["AUDIO_ONLY"],
        "thumbnailConfiguration": { "storage": ["LATEST", "NEWEST"], "recordingMode": "SOMETIMES" }
    }"#;
    let recording =
        AutoParticipantRecordingConfiguration::read_json(&mut ivsrealtime::json::Reader::new(json).unwrap())
            .unwrap();
    let input = UpdateStageInput::builder()
        .arn(STAGE_ARN)
        .auto_participant_recording_configuration(recording)
        .build()
        .unwrap();
    assert_eq!(
        found(input.validate()),
        vec![
            violation(
                &format!("{THUMBNAIL}.storage[1]"),
                Rule::Enum,
                Some("\"NEWEST\"")
            ),
            violation(
                &format!("{THUMBNAIL}.recordingMode"),
                Rule::Enum,
                Some("\"SOMETIMES\"")
            ),
        ]
    );
}

// 6. Unique items.

#[test]
fn repeated_storage_type_breaks_unique_items() {
    use ThumbnailStorageType::Sequential;
    let input = with_thumbnail(|t| t.storage = Some(vec![Sequential, Sequential]));
    // Two items are within the list's maximum of 2: only uniqueness is broken.
    assert_eq!(
        found(input.validate()),
        vec![violation(
            "autoParticipantRecordingConfiguration.thumbnailConfiguration.storage",
            Rule::UniqueItems,
            Some("2 items"),
        )]
    );
    // Unknown values are compared too.
    let input = with_thumbnail(|t| t.storage = Some(vec!["X".into(), "X".into()]));
    let storage = format!("{THUMBNAIL}.storage");
    assert_eq!(
        found(input.validate()),
        vec![
            violation(&storage, Rule::UniqueItems, Some("2 items")),
            violation(&format!("{storage}[0]"), Rule::Enum, Some("\"X\"")),
            violation(&format!("{storage}[1]"), Rule::Enum, Some("\"X\"")),
        ]
    );
}

// 7. Several violations at once.

#[test]
fn every_violation_is_reported_in_member_order() {
    let mut input = valid_input();
    input.arn = Some("arn:aws:ivs:us-west-2:123456789012:channel/abc".to_string());
    input.name = Some("no spaces allowed".to_string());
    let auto = input
        .auto_participant_recording_configuration
        .as_mut()
        .unwrap();
    auto.thumbnail_configuration
        .as_mut()
        .unwrap()
        .target_interval_seconds = Some(0);
    auto.recording_reconnect_window_seconds = 301;
    auto.hls_configuration
        .as_mut()
        .unwrap()
        .target_segment_duration_seconds = Some(11);

    let errors = input.validate().unwrap_err();
    let paths: Vec<&str> = errors.violations().iter().map(Violation::path).collect();
    let expected_paths = [
        "arn",
        "name",
        "autoParticipantRecordingConfiguration.thumbnailConfiguration.targetIntervalSeconds",
        "autoParticipantRecordingConfiguration.recordingReconnectWindowSeconds",
        "autoParticipantRecordingConfiguration.hlsConfiguration.targetSegmentDurationSeconds",
    ];
    assert_eq!(paths, expected_paths);
    assert_eq!(errors.len(), 5);

    let text = errors.to_string();
    assert!(text.starts_with("5 constraint violations\n"), "{text}");
    for path in expected_paths {
        assert!(
            text.contains(&format!("\n  {path}: ")),
            "{path} missing from:\n{text}"
        );
    }
    assert_eq!(
        text,
        "5 constraint violations\n  \
         arn: must match the pattern `^arn:aws:ivs:[a-z0-9-]+:[0-9]+:stage/[a-zA-Z0-9-]+$`, \
         got \"arn:aws:ivs:us-west-2:123456789012:channel/abc\"\n  \
         name: must match the pattern `^[a-zA-Z0-9-_]*$`, got \"no spaces allowed\"\n  \
         autoParticipantRecordingConfiguration.thumbnailConfiguration.targetIntervalSeconds: \
         value must be between 1 and 86400, got 0\n  \
         autoParticipantRecordingConfiguration.recordingReconnectWindowSeconds: \
         value must be between 0 and 300, got 301\n  \
         autoParticipantRecordingConfiguration.hlsConfiguration.targetSegmentDurationSeconds: \
         value must be between 2 and 10, got 11"
    );
}

#[test]
fn nested_structure_validated_alone_uses_relative_paths() {
    let mut auto = valid_input()
        .auto_participant_recording_configuration
        .unwrap();
    auto.media_types = Some(vec!["X".into(), "Y".into()]);
    assert_eq!(
        found(auto.validate()),
        vec![
            violation("mediaTypes", length(Some(0), Some(1)), Some("2")),
            violation("mediaTypes[0]", Rule::Enum, Some("\"X\"")),
            violation("mediaTypes[1]", Rule::Enum, Some("\"Y\"")),
        ]
    );
}

// 8. Property tests.

fn stage_arn() -> impl Strategy<Value = String> {
    // 12 + 40 + 1 + 20 + 7 + 48 = 128 characters at most.
    "arn:aws:ivs:[a-z0-9-]{1,40}:[0-9]{1,20}:stage/[a-zA-Z0-9-]{1,48}"
}

fn storage_configuration_arn() -> impl Strategy<Value = String> {
    // 12 + 40 + 1 + 20 + 23 + 32 = 128 characters at most.
    prop_oneof![
        Just(String::new()),
        "arn:aws:ivs:[a-z0-9-]{1,40}:[0-9]{1,20}:storage-configuration/[a-zA-Z0-9-]{1,32}",
    ]
}

fn thumbnail_configuration() -> impl Strategy<Value = ParticipantThumbnailConfiguration> {
    let storage = prop::sample::subsequence(
        vec![
            ThumbnailStorageType::Sequential,
            ThumbnailStorageType::Latest,
        ],
        0..=2,
    )
    .prop_shuffle();
    let mode = prop::sample::select(ThumbnailRecordingMode::values())
        .prop_map(ThumbnailRecordingMode::from);
    (
        prop::option::of(1..=86400i32),
        prop::option::of(storage),
        prop::option::of(mode),
    )
        .prop_map(|(interval, storage, mode)| {
            ParticipantThumbnailConfiguration::builder()
                .set_target_interval_seconds(interval)
                .set_storage(storage)
                .set_recording_mode(mode)
                .build()
        })
}

fn recording_configuration() -> impl Strategy<Value = AutoParticipantRecordingConfiguration> {
    let media = prop::collection::vec(
        prop::sample::select(ParticipantRecordingMediaType::values())
            .prop_map(ParticipantRecordingMediaType::from),
        0..=1,
    );
    let hls = prop::option::of(2..=10i32).prop_map(|seconds| {
        ParticipantRecordingHlsConfiguration::builder()
            .set_target_segment_duration_seconds(seconds)
            .build()
    });
    (
        storage_configuration_arn(),
        prop::option::of(media),
        prop::option::of(thumbnail_configuration()),
        prop::option::of(0..=300i32),
        prop::option::of(hls),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(arn, media, thumbnail, reconnect, hls, replicas)| {
            AutoParticipantRecordingConfiguration::builder()
                .storage_configuration_arn(arn)
                .set_media_types(media)
                .set_thumbnail_configuration(thumbnail)
                .set_recording_reconnect_window_seconds(reconnect)
                .set_hls_configuration(hls)
                .set_record_participant_replicas(replicas)
                .build()
                .unwrap()
        })
}

fn valid_update_stage_input() -> impl Strategy<Value = UpdateStageInput> {
    (
        stage_arn(),
        prop::option::of("[a-zA-Z0-9_-]{0,128}"),
        prop::option::of(recording_configuration()),
    )
        .prop_map(|(arn, name, auto)| {
            UpdateStageInput::builder()
                .arn(arn)
                .set_name(name)
                .set_auto_participant_recording_configuration(auto)
                .build()
                .unwrap()
        })
}

/// A character `[a-zA-Z0-9-_]` (the name pattern) does not allow.
fn char_outside_name() -> impl Strategy<Value = char> {
    any::<char>().prop_filter("allowed by the pattern", |c| {
        !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
    })
}

/// A character `[a-zA-Z0-9-]` (the ARN's resource id) does not allow.
fn char_outside_arn_id() -> impl Strategy<Value = char> {
    any::<char>().prop_filter("allowed by the pattern", |c| {
        !(c.is_ascii_alphanumeric() || *c == '-')
    })
}

/// Exactly one constraint broken; the other members keep their (valid) values.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    TargetIntervalSeconds(i32),
    ReconnectWindowSeconds(i32),
    TargetSegmentDurationSeconds(i32),
    NameChar(Index, char),
    ArnIdChar(Index, char),
    ArnCapitalResourceType,
    ArnEmptyAccount,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        prop_oneof![i32::MIN..=0, 86401..=i32::MAX].prop_map(Mutation::TargetIntervalSeconds),
        prop_oneof![i32::MIN..=-1, 301..=i32::MAX].prop_map(Mutation::ReconnectWindowSeconds),
        prop_oneof![i32::MIN..=1, 11..=i32::MAX].prop_map(Mutation::TargetSegmentDurationSeconds),
        (any::<Index>(), char_outside_name()).prop_map(|(at, c)| Mutation::NameChar(at, c)),
        (any::<Index>(), char_outside_arn_id()).prop_map(|(at, c)| Mutation::ArnIdChar(at, c)),
        Just(Mutation::ArnCapitalResourceType),
        Just(Mutation::ArnEmptyAccount),
    ]
}

/// Applies `mutation`, returning the path of the member it broke.
fn apply(input: &mut UpdateStageInput, mutation: Mutation) -> &'static str {
    let auto = || AutoParticipantRecordingConfiguration::default();
    match mutation {
        Mutation::TargetIntervalSeconds(n) => {
            let auto = input
                .auto_participant_recording_configuration
                .get_or_insert_with(auto);
            auto.thumbnail_configuration
                .get_or_insert_with(Default::default)
                .target_interval_seconds = Some(n);
            "autoParticipantRecordingConfiguration.thumbnailConfiguration.targetIntervalSeconds"
        }
        Mutation::ReconnectWindowSeconds(n) => {
            input
                .auto_participant_recording_configuration
                .get_or_insert_with(auto)
                .recording_reconnect_window_seconds = n;
            "autoParticipantRecordingConfiguration.recordingReconnectWindowSeconds"
        }
        Mutation::TargetSegmentDurationSeconds(n) => {
            let auto = input
                .auto_participant_recording_configuration
                .get_or_insert_with(auto);
            auto.hls_configuration
                .get_or_insert_with(Default::default)
                .target_segment_duration_seconds = Some(n);
            "autoParticipantRecordingConfiguration.hlsConfiguration.targetSegmentDurationSeconds"
        }
        Mutation::NameChar(at, c) => {
            // Generated names are ASCII; keep room for the inserted character.
            let mut name = input.name.take().unwrap_or_default();
            name.truncate(127);
            name.insert(at.index(name.len() + 1), c);
            input.name = Some(name);
            "name"
        }
        Mutation::ArnIdChar(at, c) => {
            let arn = input.arn.as_mut().unwrap();
            let (head, id) = arn.rsplit_once('/').unwrap();
            let mut id: Vec<char> = id.chars().collect();
            let i = at.index(id.len());
            id[i] = c;
            *arn = format!("{head}/{}", id.into_iter().collect::<String>());
            "arn"
        }
        Mutation::ArnCapitalResourceType => {
            let arn = input.arn.as_mut().unwrap();
            *arn = arn.replacen(":stage/", ":Stage/", 1);
            "arn"
        }
        Mutation::ArnEmptyAccount => {
            let arn = input.arn.as_mut().unwrap();
            let mut parts: Vec<&str> = arn.split(':').collect();
            parts[4] = "";
            *arn = parts.join(":");
            "arn"
        }
    }
}

proptest! {
    #[test]
    fn inputs_within_every_constraint_validate(input in valid_update_stage_input()) {
        prop_assert!(input.arn().unwrap().chars().count() <= 128);
        prop_assert_eq!(found(input.validate()), vec![]);
    }

    #[test]
    fn one_broken_constraint_is_one_violation_at_its_path(
        mut input in valid_update_stage_input(),
        mutation in mutation(),
    ) {
        let path = apply(&mut input, mutation);
        let violations = found(input.validate());
        prop_assert_eq!(violations.len(), 1, "{:?}: {:?}", mutation, violations);
        let (found_path, rule, actual) = &violations[0];
        prop_assert_eq!(found_path.as_str(), path);
        prop_assert!(actual.is_some());
        let pattern_expected = match path {
            "arn" => Some(STAGE_ARN_PATTERN),
            "name" => Some(NAME_PATTERN),
            _ => None,
        };
        match pattern_expected {
            Some(pattern) => prop_assert_eq!(rule, &Rule::Pattern(pattern)),
            None => prop_assert!(matches!(rule, Rule::Range { .. }), "{:?}", rule),
        }
    }
}
