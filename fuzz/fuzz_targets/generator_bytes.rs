//! The generator (load → validate → lower → emit) on arbitrary bytes, decoded as UTF-8 with
//! invalid sequences replaced, as a caller that does not refuse them would. Seeds: the models of
//! `tests/fuzz-seeds/generator/` (and, read-only, `tests/fixtures/`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = smelt_fuzz::generate(&String::from_utf8_lossy(data), codegen::Selection::default(), false);
});
