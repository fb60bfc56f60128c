//! What the bounded fuzz targets (`fuzz_generator.rs`, `fuzz_parse.rs`) share: the case count,
//! the runner that reports executions and time, and the checked-in seed corpus.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Instant;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

/// The environment variable that overrides every target's case count (`SMELT_FUZZ_CASES=100000`).
pub const CASES_VAR: &str = "SMELT_FUZZ_CASES";

/// `default`, unless `SMELT_FUZZ_CASES` says otherwise.
pub fn cases(default: u32) -> u32 {
    match std::env::var(CASES_VAR) {
        Ok(text) => text.trim().parse().unwrap_or_else(|_| panic!("{CASES_VAR}={text:?} is not a number of cases")),
        Err(_) => default,
    }
}

/// Runs `test` on `cases(default_cases)` inputs drawn from `strategy` (a panic in `test` is a
/// failure, shrunk to a minimal input), and prints how many ran and how long they took. The seed
/// is random unless `PROPTEST_RNG_SEED` fixes it.
pub fn fuzz<S>(target: &str, default_cases: u32, strategy: S, test: impl Fn(S::Value))
where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    fuzz_exactly(target, cases(default_cases), strategy, test);
}

/// [`fuzz`] with exactly `cases` cases, whatever `SMELT_FUZZ_CASES` says.
pub fn fuzz_exactly<S>(target: &str, cases: u32, strategy: S, test: impl Fn(S::Value))
where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let config = Config { cases, failure_persistence: None, max_shrink_iters: 4096, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let started = Instant::now();
    let result = runner.run(&strategy, |input| {
        test(input);
        Ok::<(), TestCaseError>(())
    });
    let elapsed = started.elapsed();
    match result {
        Ok(()) => println!("fuzz {target}: {cases} executions in {:.2?} ({:.0}/s)", elapsed, f64::from(cases) / elapsed.as_secs_f64()),
        Err(TestError::Fail(why, input)) => panic!(
            "fuzz {target} failed after {elapsed:.2?}: {why}\nminimal input: {input:#?}\n\
             (add it to tests/fuzz-seeds/{target}/ so it stays a regression test)"
        ),
        Err(e) => panic!("fuzz {target}: {e}"),
    }
}

pub fn repo_root() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lives in the repository root").to_path_buf()
}

/// The seed corpus of `target`: every file of `tests/fuzz-seeds/<target>/`, by name.
pub fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = repo_root().join("tests/fuzz-seeds").join(target);
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (path.file_name().expect("a file name").to_string_lossy().into_owned(), bytes)
        })
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "{} holds no seeds", dir.display());
    seeds
}

/// A stream of choices read from fuzzer bytes (zeros once they run out), from which a
/// structure-aware strategy builds its input: shrinking the bytes shrinks the input.
pub struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Choices<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Choices { bytes, at: 0 }
    }

    pub fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 256 {
            usize::from(self.byte()) % n
        } else {
            self.u32() as usize % n
        }
    }

    /// True with probability `percent`/100 (about); false once the bytes run out.
    pub fn chance(&mut self, percent: u8) -> bool {
        usize::from(self.byte()) * 100 / 256 >= 100 - usize::from(percent.min(100))
    }

    pub fn pick<'b, T>(&mut self, items: &'b [T]) -> &'b T {
        &items[self.below(items.len())]
    }

    pub fn exhausted(&self) -> bool {
        self.at >= self.bytes.len()
    }
}
