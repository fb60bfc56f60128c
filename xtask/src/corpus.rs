//! `cargo xtask corpus [DIR...]`: generate a crate per model into one scratch workspace, then
//! `cargo clippy -- -D warnings` them all, and print a table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

struct Row {
    model: String,
    krate: String,
    files: usize,
    lines: usize,
    millis: u128,
    error: Option<String>,
}

pub fn run(args: &[String], root: &Path) -> ExitCode {
    let dirs: Vec<PathBuf> = if args.is_empty() { vec![root.join("../shared/models/aws")] } else { args.iter().map(PathBuf::from).collect() };
    let mut models = Vec::new();
    for dir in &dirs {
        match std::fs::read_dir(dir) {
            Ok(entries) => models.extend(entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json"))),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", dir.display());
                return ExitCode::from(2);
            }
        }
    }
    models.sort();
    let scratch = std::env::temp_dir().join("smelt-corpus");
    let mut rows = Vec::new();
    let started = Instant::now();
    for (i, model) in models.iter().enumerate() {
        let stem = model.file_stem().and_then(|s| s.to_str()).unwrap_or("model");
        let krate = format!("corpus_{}", stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect::<String>());
        println!("[{}/{}] generating {stem}", i + 1, models.len());
        rows.push(generate_one(model, &krate, &scratch.join(&krate)));
    }
    let generation = started.elapsed();
    let members: Vec<String> = rows.iter().filter(|r| r.error.is_none()).map(|r| format!("{:?}", r.krate)).collect();
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    if let Err(e) = std::fs::write(scratch.join("Cargo.toml"), manifest) {
        eprintln!("error: cannot write the scratch workspace: {e}");
        return ExitCode::from(1);
    }
    println!("checking {} crates with cargo clippy -- -D warnings (in {})", members.len(), scratch.display());
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["clippy", "--workspace", "--quiet", "--message-format", "short", "--", "-D", "warnings"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", root.join("target/corpus"))
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: cannot run cargo clippy: {e}");
            return ExitCode::from(1);
        }
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first_errors = first_error_per_crate(&stderr);
    for row in &mut rows {
        if row.error.is_none() {
            row.error = first_errors.get(&row.krate).cloned();
        }
    }
    if !output.status.success() && first_errors.is_empty() {
        eprintln!("{stderr}");
    }
    print_table(&rows, generation.as_millis());
    let failed = rows.iter().filter(|r| r.error.is_some()).count();
    if failed == 0 && output.status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn generate_one(model: &Path, krate: &str, out: &Path) -> Row {
    let name = model.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let started = Instant::now();
    let result = std::fs::read_to_string(model).map_err(|e| e.to_string()).and_then(|text| {
        let options = codegen::Options {
            selection: codegen::Selection { crate_name: Some(krate.to_string()), ..Default::default() },
            emit: codegen::EmitOptions { generated_by: format!("cargo xtask corpus ({name})") },
        };
        codegen::generate(&text, &options).map_err(|e| e.to_string())
    });
    let millis = started.elapsed().as_millis();
    let files = match result {
        Ok(files) => files,
        Err(error) => return Row { model: name, krate: krate.to_string(), files: 0, lines: 0, millis, error: Some(error) },
    };
    let lines = files.values().map(|t| t.lines().count()).sum();
    let error = crate::write::plan(out, &files).and_then(|plan| plan.apply()).err().map(|e| e.to_string());
    Row { model: name, krate: krate.to_string(), files: files.len(), lines, millis, error }
}

/// The first error line of each crate in cargo's short-format output.
fn first_error_per_crate(stderr: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in stderr.lines().filter(|l| l.contains("error")) {
        if let Some((krate, _)) = line.split_once('/').filter(|(k, _)| k.starts_with("corpus_")) {
            out.entry(krate.to_string()).or_insert_with(|| line.to_string());
        } else if let Some(rest) = line.strip_prefix("error: could not compile `") {
            let krate = rest.split('`').next().unwrap_or_default().to_string();
            out.entry(krate).or_insert_with(|| line.to_string());
        }
    }
    out
}

fn print_table(rows: &[Row], total_millis: u128) {
    println!("\n| model | files | lines | generation ms | clippy -D warnings | first error |");
    println!("|---|---:|---:|---:|---|---|");
    for r in rows {
        let (result, error) = match &r.error {
            None => ("pass", String::new()),
            Some(e) => ("FAIL", e.chars().take(160).collect()),
        };
        println!("| {} | {} | {} | {} | {result} | {error} |", r.model, r.files, r.lines, r.millis);
    }
    let passed = rows.iter().filter(|r| r.error.is_none()).count();
    let lines: usize = rows.iter().map(|r| r.lines).sum();
    println!("\n{passed}/{} models pass; {lines} generated lines in {total_millis} ms of generation", rows.len());
}
