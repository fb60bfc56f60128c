//! `cargo xtask sections`: every runtime section, and every runtime file, compiled with exactly
//! what `codegen/src/emit/runtime.rs` declares for it, so a combination of sections no test crate
//! happens to use still builds.
//!
//! One scratch workspace in `target/sections`, one member per section (the files that mark it,
//! with the files they require; the section with the sections it requires) and per file (with the
//! files it requires, no optional section), each with only the dependencies their declarations
//! give; one `cargo check` of them all.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use codegen::emit::runtime::{Dependency, RuntimeFile, Section};

/// One scratch crate: its name, the files it carries and the sections kept in them.
struct Member {
    name: String,
    files: BTreeSet<RuntimeFile>,
    sections: BTreeSet<Section>,
}

impl Member {
    fn new(name: String, files: impl IntoIterator<Item = RuntimeFile>, sections: impl IntoIterator<Item = Section>) -> Member {
        let files = RuntimeFile::closure(files);
        let by_files = files.iter().flat_map(|f| f.sections()).copied();
        let sections = Section::closure(sections.into_iter().chain(by_files));
        Member { name, files, sections }
    }

    /// `Cargo.toml` and `src/*.rs`.
    fn files(&self) -> Result<Vec<(String, String)>, String> {
        let mut out = Vec::new();
        let mut kept = BTreeSet::new();
        let mut modules = String::new();
        for file in &self.files {
            let (text, sections) = file.keep(&self.sections).map_err(|e| e.to_string())?;
            kept.extend(sections);
            modules.push_str(&format!("pub mod {};\n", file.module()));
            out.push((file.path().to_string(), text));
        }
        if let Some(missing) = self.sections.difference(&kept).next() {
            return Err(format!("{}: no file carries section `{}`", self.name, missing.name()));
        }
        // What a generated crate allows (its code uses items the runtime alone does not), and
        // nothing else: any other warning fails the check.
        let lib = format!("#![deny(warnings)]\n#![allow(dead_code)]\n\n{modules}");
        out.push(("src/lib.rs".to_string(), lib));
        let dependencies: BTreeSet<Dependency> =
            self.files.iter().flat_map(|f| f.dependencies()).chain(kept.iter().flat_map(|s| s.dependencies())).copied().collect();
        let lines: String = dependencies.iter().map(|d| format!("{}\n", d.line())).collect();
        let manifest = format!("[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{lines}", self.name);
        out.push(("Cargo.toml".to_string(), manifest));
        Ok(out)
    }
}

/// Every section's member and every file's.
fn members() -> Result<Vec<Member>, String> {
    let mut members = Vec::new();
    let mut marked = Vec::new();
    for file in RuntimeFile::ALL {
        marked.push((file, file.marked_sections().map_err(|e| e.to_string())?));
        members.push(Member::new(format!("file-{}", file.module()), [file], []));
    }
    for section in Section::ALL {
        let files = marked.iter().filter(|(_, sections)| sections.contains(&section)).map(|(file, _)| *file);
        members.push(Member::new(format!("section-{}", section.name()), files, [section]));
    }
    Ok(members)
}

/// Writes `path` unless it already holds `text`, so cargo's fingerprints stay fresh.
fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    let parent = path.parent().unwrap_or(path);
    std::fs::create_dir_all(parent).and_then(|()| std::fs::write(path, text)).map_err(|e| format!("{}: {e}", path.display()))
}

fn prepare(root: &Path, scratch: &Path) -> Result<Vec<Member>, String> {
    let members = members()?;
    let names: Vec<String> = members.iter().map(|m| format!("{:?}", m.name)).collect();
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", names.join(", "));
    write_if_changed(&scratch.join("Cargo.toml"), &manifest)?;
    // The workspace's lock file: the same versions as `codegen/inlineable` builds with, no network.
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    if !scratch.join("Cargo.lock").exists() {
        write_if_changed(&scratch.join("Cargo.lock"), &lock)?;
    }
    for member in &members {
        for (path, text) in member.files()? {
            write_if_changed(&scratch.join(&member.name).join(path), &text)?;
        }
    }
    Ok(members)
}

pub fn run(root: &Path) -> ExitCode {
    match check(root) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the scratch workspace and checks it; a line saying what compiled, or what did not.
fn check(root: &Path) -> Result<String, String> {
    let started = Instant::now();
    let scratch = root.join("target/sections");
    let members = prepare(root, &scratch)?;
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--workspace", "--keep-going", "--offline", "--quiet"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run cargo check: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "a runtime section or file does not compile with what codegen/src/emit/runtime.rs declares for it (the crates are in {}):\n{}",
            scratch.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let sections = members.iter().filter(|m| m.name.starts_with("section-")).count();
    Ok(format!(
        "{sections} sections and {} files compile with exactly what they declare ({:.1} s, {})",
        members.len() - sections,
        started.elapsed().as_secs_f64(),
        scratch.display()
    ))
}

#[cfg(test)]
mod tests {
    /// About 15 s from a clean `target/sections` on the 2-core machine, under a second after.
    #[test]
    fn every_section_and_file_compiles_with_what_it_declares() {
        if let Err(message) = super::check(&crate::workspace_root()) {
            panic!("{message}");
        }
    }
}
