//! `validate()` on a fully populated `UpdateStageInput`: every constrained member set, so every
//! length, range, pattern, enum and uniqueness check runs.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ivsrealtime::operation::update_stage::UpdateStageInput;
use ivsrealtime::types::{
    AutoParticipantRecordingConfiguration, ParticipantRecordingHlsConfiguration, ParticipantRecordingMediaType,
    ParticipantThumbnailConfiguration, ThumbnailRecordingMode, ThumbnailStorageType,
};

fn full_input() -> UpdateStageInput {
    let thumbnails = ParticipantThumbnailConfiguration::builder()
        .target_interval_seconds(30)
        .storage(ThumbnailStorageType::Sequential)
        .storage(ThumbnailStorageType::Latest)
        .recording_mode(ThumbnailRecordingMode::Interval)
        .build();
    let recording = AutoParticipantRecordingConfiguration::builder()
        .storage_configuration_arn("arn:aws:ivs:us-west-2:123456789012:storage-configuration/AbCdEf123456")
        .media_types(ParticipantRecordingMediaType::AudioVideo)
        .thumbnail_configuration(thumbnails)
        .recording_reconnect_window_seconds(60)
        .hls_configuration(ParticipantRecordingHlsConfiguration::builder().target_segment_duration_seconds(4).build())
        .record_participant_replicas(false)
        .build()
        .expect("storage configuration ARN is set");
    UpdateStageInput::builder()
        .arn("arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh")
        .name("weekly-standup_2")
        .auto_participant_recording_configuration(recording)
        .build()
        .expect("arn is set")
}

fn bench_validate(c: &mut Criterion) {
    let input = full_input();
    assert!(input.validate().is_ok(), "the benchmark input must be valid");
    c.bench_function("validate UpdateStageInput (valid, fully populated)", |b| b.iter(|| black_box(&input).validate()));
}

criterion_group!(benches, bench_validate);
criterion_main!(benches);
