//! IVS data shared by the tests that use the generated crate.
#![allow(dead_code)]

use serde_json::{json, Value};

pub const STAGE_ARN: &str = "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh";
pub const STORAGE_ARN: &str = "arn:aws:ivs:us-west-2:123456789012:storage-configuration/ABcdef34ghIJ";

/// A full `Stage` response body with every member set.
pub fn full_stage_body() -> Value {
    json!({
        "stage": {
            "arn": STAGE_ARN,
            "name": "weekly-standup",
            "activeSessionId": "st-a1b2c3d4e5f6g",
            "tags": { "team": "video", "env": "prod" },
            "autoParticipantRecordingConfiguration": {
                "storageConfigurationArn": STORAGE_ARN,
                "mediaTypes": ["AUDIO_ONLY"],
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
    })
}
