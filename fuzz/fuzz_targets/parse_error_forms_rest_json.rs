//! `error_forms_rest_json` (generated from `tests/fixtures/error_forms_rest_json.json`): GetWidget's
//! `parse_response`, whose errors come in every form restJson1 allows (the `X-Amzn-ErrorType`
//! header, `__type` or `code` in the body, with or without a namespace or a URI suffix).
//! Seeds: `tests/fuzz-seeds/parse_error_forms_rest_json/`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    smelt_fuzz::parse_and_show!(error_forms_rest_json::get_widget, data);
});
