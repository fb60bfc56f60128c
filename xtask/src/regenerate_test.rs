//! `cargo xtask regenerate-test [DIR]`: runs what the CI job in `examples/ci/regenerate.yml` runs
//! (everything but fetching the model and opening the pull request) on real model updates.
//!
//! For each case it makes a scratch project under `target/regenerate-test/CASE/` holding only a
//! model (`model/service.json`, the older version from DIR, default
//! `../shared/models/botocore/history/ivs-realtime`) and the crate generated from it at 0.1.0
//! (`crate/`). Then it runs `examples/ci/regenerate.sh` from the repository root with the newer
//! version, `SKIP_TESTS=1` and `GITHUB_OUTPUT` pointing at a scratch file, and checks the report,
//! the bumped version, the step outputs and that the regenerated crate compiles on its own. One
//! line per step; exit 1 on any failure.

use std::path::Path;
use std::process::{Command, ExitCode, Output};
use std::time::Instant;

use crate::flags;

/// One model update and what the script must make of it.
struct Case {
    name: &'static str,
    old: &'static str,
    new: &'static str,
    /// The first line of report.md.
    heading: &'static str,
    /// The crate's version afterwards (it starts at 0.1.0); `None`: nothing changes.
    next: Option<(&'static str, &'static str)>,
}

const CASES: &[Case] = &[
    // UpdateStage gained errors, ARN patterns changed: breaking, so a 0.x crate takes a minor step.
    Case { name: "breaking", old: "1.34.92", new: "1.34.131", heading: "# Model update: major version bump", next: Some(("0.2.0", "minor")) },
    // Only documentation changed: a patch.
    Case { name: "documentation", old: "1.31.21", new: "1.31.47", heading: "# Model update: patch version bump", next: Some(("0.1.1", "patch")) },
    // The same model again: no pull request, nothing touched.
    Case { name: "unchanged", old: "1.31.47", new: "1.31.47", heading: "# Model update: no changes", next: None },
];

/// `(version, bump, bump_before_1_0, expected)` for `regenerate.sh next-version`; `None`: an error.
const NEXT_VERSIONS: &[(&str, &str, &str, Option<&str>)] = &[
    ("0.1.0", "major", "minor", Some("0.2.0")),
    ("0.4.7", "minor", "patch", Some("0.4.8")),
    ("0.4.7", "patch", "patch", Some("0.4.8")),
    ("1.2.3", "major", "minor", Some("2.0.0")),
    ("1.2.3", "minor", "patch", Some("1.3.0")),
    ("1.2.3", "patch", "patch", Some("1.2.4")),
    ("1.2", "patch", "patch", None),
    ("1.2.3", "huge", "huge", None),
];

pub fn run(flags: &flags::RegenerateTest, root: &Path) -> ExitCode {
    let history = flags.dir.clone().unwrap_or_else(|| root.join("../shared/models/botocore/history/ivs-realtime"));
    let started = Instant::now();
    let mut failures = 0;
    let mut report = |step: &str, result: Result<String, String>| match result {
        Ok(detail) => {
            println!("ok    {step}: {detail}");
            true
        }
        Err(why) => {
            println!("FAIL  {step}: {why}");
            failures += 1;
            false
        }
    };
    report("next-version", check_next_versions(root));
    for case in CASES {
        // Each step needs the ones before it: a case stops at its first failure.
        for (step, result) in case_steps(case, root, &history) {
            if !report(&format!("{} {}", case.name, step), result()) {
                break;
            }
        }
    }
    if failures == 0 {
        println!("all steps passed in {:.1?}", started.elapsed());
        ExitCode::SUCCESS
    } else {
        println!("{failures} step(s) failed in {:.1?}", started.elapsed());
        ExitCode::from(1)
    }
}

type Step<'a> = (&'static str, Box<dyn FnOnce() -> Result<String, String> + 'a>);

/// The steps of one case, to run in order.
fn case_steps<'a>(case: &'a Case, root: &'a Path, history: &'a Path) -> Vec<Step<'a>> {
    let scratch = root.join("target/regenerate-test").join(case.name);
    let current = scratch.join("model/service.json");
    let out = scratch.join("crate");
    let outputs = scratch.join("github_output");
    let work = scratch.join("work");
    let old = history.join(format!("{}.json", case.old));
    let new = history.join(format!("{}.json", case.new));
    let mut steps: Vec<Step<'a>> = Vec::new();
    {
        let (scratch, current, out) = (scratch.clone(), current.clone(), out.clone());
        steps.push((
            "setup",
            Box::new(move || {
                let _ = std::fs::remove_dir_all(&scratch);
                std::fs::create_dir_all(current.parent().expect("model/")).map_err(|e| e.to_string())?;
                std::fs::copy(&old, &current).map_err(|e| format!("cannot copy {}: {e}", old.display()))?;
                let exe = std::env::current_exe().map_err(|e| e.to_string())?;
                let mut codegen = Command::new(exe);
                codegen.args(["codegen", "--crate-version", "0.1.0", "--model"]).arg(&current).arg("--out").arg(&out);
                succeed(&mut codegen, "cargo xtask codegen")?;
                Ok(format!("{} generated at 0.1.0 in {}", case.old, rel(root, &scratch)))
            }),
        ));
    }
    {
        let (current, out, outputs, work, new) = (current.clone(), out.clone(), outputs.clone(), work.clone(), new.clone());
        steps.push((
            "regenerate.sh",
            Box::new(move || {
                let started = Instant::now();
                let exe = std::env::current_exe().map_err(|e| e.to_string())?;
                let mut script = Command::new("bash");
                script
                    .arg(root.join("examples/ci/regenerate.sh"))
                    .args([&current, &new, &out])
                    .current_dir(root)
                    .env("SKIP_TESTS", "1")
                    .env("GITHUB_OUTPUT", &outputs)
                    .env("WORK", &work)
                    .env("XTASK", exe);
                succeed(&mut script, "regenerate.sh")?;
                Ok(format!("{} -> {} in {:.1?}", case.old, case.new, started.elapsed()))
            }),
        ));
    }
    {
        let work = work.clone();
        steps.push((
            "report.md",
            Box::new(move || {
                let text = read(&work.join("report.md"))?;
                let first = text.lines().next().unwrap_or_default();
                if first == case.heading {
                    Ok(format!("starts with `{first}`"))
                } else {
                    Err(format!("starts with `{first}`, expected `{}`", case.heading))
                }
            }),
        ));
    }
    {
        let (current, out, new) = (current.clone(), out.clone(), new.clone());
        steps.push((
            "version",
            Box::new(move || {
                let manifest = read(&out.join("Cargo.toml"))?;
                let version = manifest.lines().find_map(|l| l.strip_prefix("version = \"")?.strip_suffix('"')).unwrap_or_default();
                let expected = case.next.map_or("0.1.0", |(next, _)| next);
                if version != expected {
                    return Err(format!("Cargo.toml has version {version}, expected {expected}"));
                }
                if read(&current)? != read(&new)? {
                    return Err("model/service.json is not the new model".into());
                }
                Ok(format!("Cargo.toml 0.1.0 -> {version}, model/service.json is {}", case.new))
            }),
        ));
    }
    {
        let outputs = outputs.clone();
        steps.push((
            "GITHUB_OUTPUT",
            Box::new(move || {
                let text = read(&outputs)?;
                let expected = match case.next {
                    Some((next, bump)) => format!("changed=true\nbump={bump}\nversion={next}\ntitle=Model update: ivsrealtime 0.1.0 → {next} ({bump})\n"),
                    None => "changed=false\n".to_string(),
                };
                if !text.starts_with(&expected) {
                    return Err(format!("got\n{text}expected it to start with\n{expected}"));
                }
                let line = text.lines().find(|l| l.starts_with("title=")).unwrap_or("changed=false");
                Ok(line.to_string())
            }),
        ));
    }
    if case.next.is_some() {
        steps.push((
            "cargo check",
            Box::new(move || {
                let started = Instant::now();
                // A [workspace] table so the crate builds on its own inside the repository's
                // target/, and the repository's lock file so no new versions are fetched.
                let manifest = out.join("Cargo.toml");
                crate::test_workspace::standalone(&out)?;
                std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).map_err(|e| e.to_string())?;
                let mut check = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
                check.args(["check", "--quiet", "--manifest-path"]).arg(&manifest).env("CARGO_TARGET_DIR", root.join("target/regenerate-test/target"));
                succeed(&mut check, "cargo check")?;
                Ok(format!("{} compiles ({:.1?})", rel(root, &out), started.elapsed()))
            }),
        ));
    }
    steps
}

/// Runs `regenerate.sh next-version` on every [`NEXT_VERSIONS`] case.
fn check_next_versions(root: &Path) -> Result<String, String> {
    let script = root.join("examples/ci/regenerate.sh");
    for &(version, bump, before, expected) in NEXT_VERSIONS {
        let output = Command::new("bash").arg(&script).args(["next-version", version, bump, before]).output().map_err(|e| format!("cannot run bash: {e}"))?;
        let got = output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_string());
        if got.as_deref() != expected {
            return Err(format!("{version} with {bump}/{before}: got {got:?}, expected {expected:?}"));
        }
    }
    Ok(format!("{} cases", NEXT_VERSIONS.len()))
}

/// Runs a command to completion; its output only when it fails.
fn succeed(command: &mut Command, what: &str) -> Result<Output, String> {
    let output = command.output().map_err(|e| format!("cannot run {what}: {e}"))?;
    if output.status.success() {
        return Ok(output);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(format!("{what} exited with {}\n{}{}", output.status, indent(&stdout), indent(&stderr)))
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("      | {l}\n")).collect()
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_version_follows_the_verdict() {
        let root = crate::workspace_root();
        assert_eq!(check_next_versions(&root), Ok(format!("{} cases", NEXT_VERSIONS.len())));
    }
}
