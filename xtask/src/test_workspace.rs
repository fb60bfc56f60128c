//! A scratch workspace of generated crates whose tests are built by one `cargo build` and run one
//! binary at a time: what `protocol-tests` and `endpoint-tests` share.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// Writes `crates` (directory name, files) and a workspace manifest naming them into `scratch`.
pub fn write<'a>(scratch: &Path, crates: impl IntoIterator<Item = (&'a str, &'a codegen::Files)>) -> Result<(), String> {
    let crates: Vec<_> = crates.into_iter().collect();
    let members: Vec<String> = crates.iter().map(|(name, _)| format!("{name:?}")).collect();
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    std::fs::create_dir_all(scratch).and_then(|()| std::fs::write(scratch.join("Cargo.toml"), manifest)).map_err(|e| e.to_string())?;
    for (name, files) in crates {
        crate::write::plan(&scratch.join(name), files).and_then(|plan| plan.apply()).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

/// Makes a generated crate its own workspace (generated crates carry no `[workspace]` table), so
/// it builds alone even inside another workspace's directory.
pub fn standalone(crate_dir: &Path) -> Result<(), String> {
    let manifest = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    if !text.contains("\n[workspace]") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n")).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// What one build of the crates' test target gave.
pub struct Build {
    /// Crate directory name → its test binary.
    pub executables: BTreeMap<String, PathBuf>,
    /// Crate directory name → its first compile error, as cargo renders it.
    pub errors: BTreeMap<String, String>,
    /// Whether cargo succeeded.
    pub ok: bool,
    /// Cargo's stderr, for failures no crate explains.
    pub stderr: String,
}

/// `cargo build --test TEST --keep-going` of `crates` at once: `--keep-going` builds every crate
/// it can, so one that does not compile hides no other.
pub fn build(scratch: &Path, target_dir: &Path, test: &str, crates: &[&str]) -> Result<Build, String> {
    let mut args = vec!["build", "--test", test, "--keep-going", "--message-format", "json"];
    for name in crates {
        args.extend(["--package", name]);
    }
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(&args)
        .current_dir(scratch)
        .env("CARGO_TARGET_DIR", target_dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    let (executables, errors) = read_messages(&String::from_utf8_lossy(&output.stdout), test);
    Ok(Build { executables, errors, ok: output.status.success(), stderr: String::from_utf8_lossy(&output.stderr).into_owned() })
}

/// From `cargo build --message-format json`: each crate's `test` binary and its first compile
/// error (a crate is named by its directory, which is its name).
fn read_messages(stdout: &str, test: &str) -> (BTreeMap<String, PathBuf>, BTreeMap<String, String>) {
    let (mut executables, mut errors) = (BTreeMap::new(), BTreeMap::new());
    for line in stdout.lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else { continue };
        let krate = message
            .get("manifest_path")
            .and_then(Value::as_str)
            .and_then(|p| Path::new(p).parent()?.file_name()?.to_str().map(str::to_string));
        let Some(krate) = krate else { continue };
        match message.get("reason").and_then(Value::as_str) {
            Some("compiler-artifact") if message.pointer("/target/name").and_then(Value::as_str) == Some(test) => {
                if let Some(exe) = message.get("executable").and_then(Value::as_str) {
                    executables.insert(krate, PathBuf::from(exe));
                }
            }
            Some("compiler-message") if message.pointer("/message/level").and_then(Value::as_str) == Some("error") => {
                let rendered = message.pointer("/message/rendered").and_then(Value::as_str).unwrap_or_default();
                errors.entry(krate).or_insert_with(|| rendered.lines().take(40).collect::<Vec<_>>().join("\n"));
            }
            _ => {}
        }
    }
    (executables, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_test_binaries_and_first_errors_from_cargo_messages() {
        let stdout = r#"{"reason":"compiler-artifact","manifest_path":"/s/a_protocol_tests/Cargo.toml","target":{"name":"a_protocol_tests","kind":["lib"]},"executable":null}
{"reason":"compiler-artifact","manifest_path":"/s/a_protocol_tests/Cargo.toml","target":{"name":"protocol_tests","kind":["test"]},"executable":"/t/debug/deps/protocol_tests-1"}
{"reason":"compiler-message","manifest_path":"/s/b_protocol_tests/Cargo.toml","target":{"name":"protocol_tests"},"message":{"level":"warning","rendered":"warning: x"}}
{"reason":"compiler-message","manifest_path":"/s/b_protocol_tests/Cargo.toml","target":{"name":"protocol_tests"},"message":{"level":"error","rendered":"error[E0425]: first"}}
{"reason":"compiler-message","manifest_path":"/s/b_protocol_tests/Cargo.toml","target":{"name":"protocol_tests"},"message":{"level":"error","rendered":"error: second"}}
{"reason":"build-finished","success":false}
"#;
        let (executables, errors) = read_messages(stdout, "protocol_tests");
        assert_eq!(executables.len(), 1);
        assert_eq!(executables["a_protocol_tests"], PathBuf::from("/t/debug/deps/protocol_tests-1"));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors["b_protocol_tests"], "error[E0425]: first");
    }
}
