//! A scratch workspace of generated crates whose tests are built by one `cargo build` and run one
//! binary at a time: what `protocol-tests` and `endpoint-tests` share.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cargo_metadata::diagnostic::DiagnosticLevel;
use cargo_metadata::Message;

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
    let (executables, errors) = read_messages(output.stdout.as_slice(), test, crates);
    Ok(Build { executables, errors, ok: output.status.success(), stderr: String::from_utf8_lossy(&output.stderr).into_owned() })
}

/// From `cargo build --message-format json`: each crate's `test` binary and its first compile
/// error (a crate is named by its directory, which is its name).
fn read_messages(stdout: &[u8], test: &str, crates: &[&str]) -> (BTreeMap<String, PathBuf>, BTreeMap<String, String>) {
    let (mut executables, mut errors) = (BTreeMap::new(), BTreeMap::new());
    for message in Message::parse_stream(stdout).map_while(Result::ok) {
        match message {
            Message::CompilerArtifact(artifact) if artifact.target.name == test => {
                let krate = artifact.manifest_path.parent().and_then(|dir| dir.file_name()).map(str::to_string);
                if let (Some(krate), Some(exe)) = (krate, artifact.executable) {
                    executables.insert(krate, exe.into_std_path_buf());
                }
            }
            Message::CompilerMessage(message) if message.message.level == DiagnosticLevel::Error => {
                let Some(krate) = crate_of(message.target.src_path.as_std_path(), crates) else { continue };
                let rendered = message.message.rendered.unwrap_or_default();
                errors.entry(krate).or_insert_with(|| rendered.lines().take(40).collect::<Vec<_>>().join("\n"));
            }
            _ => {}
        }
    }
    (executables, errors)
}

/// The crate a target's source file belongs to: the nearest folder named like one of `crates`
/// (cargo's compiler messages carry no manifest path for cargo_metadata to read), else the
/// folder above `src/` or `tests/`, as a dependency's `NAME-VERSION/src/lib.rs`.
fn crate_of(src_path: &Path, crates: &[&str]) -> Option<String> {
    let named = src_path.ancestors().filter_map(|dir| dir.file_name()?.to_str()).find(|name| crates.contains(name));
    named.map(str::to_string).or_else(|| Some(src_path.parent()?.parent()?.file_name()?.to_str()?.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of `cargo build --message-format json` output: an artifact of `target` in `krate`,
    /// with an executable when it is a test.
    fn artifact(krate: &str, target: &str, kind: &str, executable: Option<&str>) -> String {
        let src = if kind == "test" { format!("/s/{krate}/tests/{target}.rs") } else { format!("/s/{krate}/src/lib.rs") };
        serde_json::json!({
            "reason": "compiler-artifact",
            "package_id": format!("path+file:///s/{krate}#0.1.0"),
            "manifest_path": format!("/s/{krate}/Cargo.toml"),
            "target": {"name": target, "kind": [kind], "crate_types": [kind], "src_path": src, "edition": "2021"},
            "profile": {"opt_level": "0", "debuginfo": 0, "debug_assertions": true, "overflow_checks": true, "test": kind == "test"},
            "features": [],
            "filenames": [],
            "executable": executable,
            "fresh": false
        })
        .to_string()
    }

    /// A compiler message of `level` on the test target `target` of `krate`.
    fn compiler_message(krate: &str, target: &str, level: &str, rendered: &str) -> String {
        serde_json::json!({
            "reason": "compiler-message",
            "package_id": format!("path+file:///s/{krate}#0.1.0"),
            "manifest_path": format!("/s/{krate}/Cargo.toml"),
            "target": {"name": target, "kind": ["test"], "crate_types": ["bin"], "src_path": format!("/s/{krate}/tests/{target}.rs"), "edition": "2021"},
            "message": {"message": rendered, "code": null, "level": level, "spans": [], "children": [], "rendered": rendered}
        })
        .to_string()
    }

    #[test]
    fn reads_test_binaries_and_first_errors_from_cargo_messages() {
        let stdout = [
            artifact("a_protocol_tests", "a_protocol_tests", "lib", None),
            artifact("a_protocol_tests", "protocol_tests", "test", Some("/t/debug/deps/protocol_tests-1")),
            compiler_message("b_protocol_tests", "protocol_tests", "warning", "warning: x"),
            compiler_message("b_protocol_tests", "protocol_tests", "error", "error[E0425]: first"),
            compiler_message("b_protocol_tests", "protocol_tests", "error", "error: second"),
            "Compiling something (not JSON)".to_string(),
            r#"{"reason":"build-finished","success":false}"#.to_string(),
        ]
        .join("\n");
        let (executables, errors) = read_messages(stdout.as_bytes(), "protocol_tests", &["a_protocol_tests", "b_protocol_tests"]);
        assert_eq!(executables.len(), 1);
        assert_eq!(executables["a_protocol_tests"], PathBuf::from("/t/debug/deps/protocol_tests-1"));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors["b_protocol_tests"], "error[E0425]: first");
    }

    #[test]
    fn messages_name_the_crate_of_their_source_file() {
        let crates = ["a_tests"];
        assert_eq!(crate_of(Path::new("/private/tmp/s/a_tests/tests/t.rs"), &crates).as_deref(), Some("a_tests"));
        assert_eq!(crate_of(Path::new("/home/u/.cargo/registry/src/x/http-1.3.1/src/lib.rs"), &crates).as_deref(), Some("http-1.3.1"));
    }
}
