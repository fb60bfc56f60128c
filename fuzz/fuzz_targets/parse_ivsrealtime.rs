//! `ivsrealtime` (the crate generated from `model/ivsrealtime.json`, restJson1): UpdateStage's
//! `parse_response` on any status, headers and body. Seeds: `tests/fuzz-seeds/parse_ivsrealtime_update_stage/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    smelt_fuzz::parse_and_show!(ivsrealtime::update_stage, data);
});
