//! `cargo xtask corpus [--gen-only] [--jobs N] [DIR...]`: generate a crate per model (the whole
//! service) into one scratch workspace outside the repository, then
//! `cargo check --workspace` and `cargo clippy --workspace -- -D warnings` them all, and print a table and the generation figures.
//!
//! Models are generated in parallel, one per thread (largest first); the figures report the wall
//! time of the whole generation and each stage's time summed over the models. `--gen-only` stops
//! after writing the files, which makes it the generator's benchmark.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;

const USAGE: &str = "\
usage: cargo xtask corpus [--gen-only] [--jobs N] [DIR...]
                     generate a crate per model in DIR (default ../shared/models/aws) into a scratch
                     workspace, run `cargo check` and `cargo clippy -- -D warnings` on them, print a table
  --gen-only         only generate and write the crates, and print the generation figures
  --jobs N, -j N     models generated at once (default: the available cores)";

/// The generator allocates and frees millions of small token and syntax-tree nodes; mimalloc
/// makes `cargo xtask corpus --gen-only` about a fifth faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DEFAULT_DIR: &str = "../shared/models/aws";
/// syn and prettyplease recurse on nesting; worker threads get the main thread's stack size.
const WORKER_STACK: usize = 8 << 20;

#[derive(Debug, PartialEq)]
struct Args {
    dirs: Vec<PathBuf>,
    gen_only: bool,
    jobs: usize,
}

fn parse_args(args: &[String], root: &Path) -> Result<Args, String> {
    let mut parsed = Args {
        dirs: Vec::new(),
        gen_only: false,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--gen-only" => parsed.gen_only = true,
            "--jobs" | "-j" => parsed.jobs = jobs(arg, it.next().ok_or_else(|| format!("{arg} needs a value"))?)?,
            _ if arg.starts_with("--jobs=") => parsed.jobs = jobs("--jobs", &arg["--jobs=".len()..])?,
            _ if arg.starts_with("-j") => parsed.jobs = jobs("-j", &arg[2..])?,
            flag if flag.starts_with('-') => return Err(format!("unknown argument `{flag}`")),
            dir => parsed.dirs.push(PathBuf::from(dir)),
        }
    }
    if parsed.dirs.is_empty() {
        parsed.dirs.push(root.join(DEFAULT_DIR));
    }
    Ok(parsed)
}

fn jobs(flag: &str, value: &str) -> Result<usize, String> {
    value.parse().ok().filter(|n| *n > 0).ok_or_else(|| format!("{flag} needs a positive number, got `{value}`"))
}

/// How long one model took, stage by stage (`read` the model file and `write` the crate included).
#[derive(Debug, Clone, Copy, Default)]
struct Stages {
    read: Duration,
    generate: codegen::Timings,
    write: Duration,
}

impl Stages {
    fn total(&self) -> Duration {
        self.read + self.generate.total() + self.write
    }

    fn add(&mut self, other: &Stages) {
        self.read += other.read;
        self.generate += other.generate;
        self.write += other.write;
    }

    /// `(name, time)` of every stage, in pipeline order.
    fn named(&self) -> [(&'static str, Duration); 6] {
        let g = &self.generate;
        [("read", self.read), ("load", g.load), ("lower", g.lower), ("render", g.render), ("format", g.format), ("write", self.write)]
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    /// Generated and written; not checked (yet, or at all with `--gen-only`).
    Generated,
    GenerateFailed(String),
    WriteFailed(String),
    Passed,
    /// What failed (`compile error`, `clippy`, `rustc lint`, `not checked`) and the first error.
    CheckFailed { what: &'static str, first: String },
}

struct Row {
    model: String,
    krate: String,
    /// `None` until the model is lowered; `Some(None)` when the service has no protocol trait.
    protocol: Option<Option<String>>,
    shapes: usize,
    operations: usize,
    lines: usize,
    stages: Stages,
    status: Status,
}

impl Row {
    fn failed(&self) -> bool {
        !matches!(self.status, Status::Generated | Status::Passed)
    }
}

pub fn run(args: &[String], root: &Path) -> ExitCode {
    let args = match parse_args(args, root) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut models = Vec::new();
    for dir in &args.dirs {
        match std::fs::read_dir(dir) {
            Ok(entries) => models.extend(entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json"))),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", dir.display());
                return ExitCode::from(2);
            }
        }
    }
    models.sort();
    if models.is_empty() {
        eprintln!("error: no *.json models in {}", args.dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", "));
        return ExitCode::from(2);
    }
    let mut crates = BTreeMap::new();
    for model in &models {
        if let Some(other) = crates.insert(crate_name(model), model) {
            eprintln!("error: {} and {} would both be generated as crate `{}`", other.display(), model.display(), crate_name(model));
            return ExitCode::from(2);
        }
    }
    let scratch = scratch_dir(root, &args.dirs);
    let jobs = args.jobs.min(models.len()).max(1);
    println!("generating {} models on {jobs} thread(s) into {}", models.len(), scratch.display());

    let started = Instant::now();
    let mut rows = generate_all(&models, &scratch, jobs);
    let generation = started.elapsed();

    let mut check_wall = None;
    let mut ok = true;
    if !args.gen_only {
        let started = Instant::now();
        ok = check_all(&mut rows, &scratch, &root.join("target/corpus"));
        check_wall = Some(started.elapsed());
    }
    print_table(&rows, args.gen_only);
    print_figures(&rows, generation, jobs, check_wall);
    if ok && !rows.iter().any(Row::failed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `$TMPDIR/smelt-corpus/<folder names>-<hash>`: one scratch workspace per checkout and set of
/// model folders, so that runs on different folders (or from different checkouts) never rewrite
/// each other's crates or workspace manifest.
fn scratch_dir(root: &Path, dirs: &[PathBuf]) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    root.hash(&mut hasher);
    let mut names = Vec::new();
    for dir in dirs {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.clone());
        dir.hash(&mut hasher);
        let name = dir.file_name().map_or_else(|| "models".into(), |n| n.to_string_lossy().into_owned());
        names.push(name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect::<String>());
    }
    std::env::temp_dir().join("smelt-corpus").join(format!("{}-{:08x}", names.join("+"), hasher.finish() as u32))
}

/// A progress bar on a terminal, plain lines otherwise (CI, a pipe).
enum Progress {
    Bar(ProgressBar),
    Lines { total: usize, done: usize },
}

impl Progress {
    fn new(total: usize, prefix: &'static str) -> Progress {
        if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(total as u64);
            let style = ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {elapsed} {wide_msg}")
                .expect("a valid template")
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_prefix(prefix);
            bar.enable_steady_tick(Duration::from_millis(200));
            Progress::Bar(bar)
        } else {
            Progress::Lines { total, done: 0 }
        }
    }

    /// One item finished: `line` describes it.
    fn step(&mut self, line: &str) {
        match self {
            Progress::Bar(bar) => {
                bar.inc(1);
                bar.set_message(line.to_string());
            }
            Progress::Lines { total, done } => {
                *done += 1;
                println!("[{done}/{total}] {line}");
            }
        }
    }

    /// Something happened that is not one of the counted items.
    fn note(&self, line: &str) {
        if let Progress::Bar(bar) = self {
            bar.set_message(line.to_string());
        }
    }

    fn finish(self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

fn crate_name(model: &Path) -> String {
    let stem = model.file_stem().and_then(|s| s.to_str()).unwrap_or("model");
    format!("corpus_{}", stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect::<String>())
}

/// Generates every model on `jobs` threads, the largest models first so none starts last.
fn generate_all(models: &[PathBuf], scratch: &Path, jobs: usize) -> Vec<Row> {
    let mut order: Vec<usize> = (0..models.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(std::fs::metadata(&models[i]).map_or(0, |m| m.len())));
    let next = AtomicUsize::new(0);
    let mut rows: Vec<Option<Row>> = models.iter().map(|_| None).collect();
    let mut progress = Progress::new(models.len(), "generate");
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel();
        for _ in 0..jobs {
            let sender = sender.clone();
            let (next, order) = (&next, &order);
            let worker = move || {
                while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let krate = crate_name(&models[i]);
                    let row = generate_one(&models[i], &krate, &scratch.join(&krate));
                    if sender.send((i, row)).is_err() {
                        break;
                    }
                }
            };
            std::thread::Builder::new().stack_size(WORKER_STACK).spawn_scoped(scope, worker).expect("a worker thread");
        }
        drop(sender);
        for (i, row) in receiver {
            let line = match &row.status {
                Status::GenerateFailed(e) | Status::WriteFailed(e) => format!("{}: FAILED: {e}", row.model),
                _ => format!("{}: {} lines in {} ms", row.model, row.lines, row.stages.total().as_millis()),
            };
            progress.step(&line);
            rows[i] = Some(row);
        }
    });
    progress.finish();
    rows.into_iter().map(|r| r.expect("every model was generated")).collect()
}

fn generate_one(model: &Path, krate: &str, out: &Path) -> Row {
    let name = model.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut row = Row {
        model: name.clone(),
        krate: krate.to_string(),
        protocol: None,
        shapes: 0,
        operations: 0,
        lines: 0,
        stages: Stages::default(),
        status: Status::Generated,
    };
    let started = Instant::now();
    let text = std::fs::read_to_string(model);
    row.stages.read = started.elapsed();
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            row.status = Status::GenerateFailed(format!("cannot read {}: {e}", model.display()));
            return row;
        }
    };
    let options = codegen::Options {
        selection: codegen::Selection { crate_name: Some(krate.to_string()), ..Default::default() },
        emit: codegen::EmitOptions { generated_by: format!("cargo xtask corpus ({name})"), protocol_tests: false },
    };
    let timed = match codegen::generate_timed(&text, &options) {
        Ok(timed) => timed,
        Err(e) => {
            row.status = Status::GenerateFailed(e.to_string());
            return row;
        }
    };
    row.stages.generate = timed.timings;
    row.protocol = Some(timed.krate.service.protocol.clone());
    row.shapes = closure_size(&timed.model, &timed.krate.service.shape_id);
    row.operations = timed.krate.operations.len();
    row.lines = timed.files.values().map(|t| line_count(t)).sum();
    let started = Instant::now();
    let written = crate::write::plan(out, &timed.files).and_then(|plan| plan.apply());
    row.stages.write = started.elapsed();
    if let Err(e) = written {
        row.status = Status::WriteFailed(e.to_string());
    }
    row
}

/// `text.lines().count()`, ten times faster: newlines counted in `u8`s over 255-byte chunks,
/// which the compiler vectorises.
fn line_count(text: &str) -> usize {
    let newlines: usize = text.as_bytes().chunks(255).map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n')))).sum();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// The number of shapes in the service's closure: the service, its resources and operations, and
/// every shape their inputs, outputs, errors and members reach, prelude shapes not counted.
fn closure_size(model: &codegen::smithy::Model, service: &str) -> usize {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([service]);
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id) {
            continue;
        }
        let Some(shape) = model.shape(id) else { continue };
        let targets = shape
            .bound_operations()
            .chain(&shape.resources)
            .chain(&shape.input)
            .chain(&shape.output)
            .chain(&shape.errors)
            .map(|t| t.target.as_str());
        queue.extend(targets.chain(shape.all_members().map(|(_, m)| m.target.as_str())));
    }
    seen.iter().filter(|id| codegen::smithy::namespace(id) != "smithy.api").count()
}

/// Writes the scratch workspace manifest and runs clippy on every generated crate, filling in
/// each row's result. Returns false when cargo failed in a way no row explains.
fn check_all(rows: &mut [Row], scratch: &Path, target_dir: &Path) -> bool {
    let members: Vec<&str> = rows.iter().filter(|r| !r.failed()).map(|r| r.krate.as_str()).collect();
    if members.is_empty() {
        return true;
    }
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.iter().map(|m| format!("{m:?}")).collect::<Vec<_>>().join(", "));
    if let Err(e) = std::fs::write(scratch.join("Cargo.toml"), manifest) {
        eprintln!("error: cannot write the scratch workspace: {e}");
        return false;
    }
    // `cargo check` first, as asked of the corpus, then clippy, which repeats check's work and
    // adds the lints; a crate passes when both do.
    let check = ["check", "--workspace", "--message-format", "json"];
    let clippy = ["clippy", "--workspace", "--message-format", "json", "--", "-D", "warnings"];
    let mut report = CheckReport::default();
    let mut success = true;
    let mut stderr = String::new();
    let mut status_text = String::new();
    for args in [&check[..], &clippy[..]] {
        let Some((pass, ok, err)) = run_cargo(args, &members, scratch, target_dir) else { return false };
        for (krate, first) in pass.errors {
            report.errors.entry(krate).or_insert(first);
        }
        report.checked = if args[0] == "check" { pass.checked } else { report.checked.intersection(&pass.checked).cloned().collect() };
        if !ok {
            success = false;
            status_text = format!("`cargo {}` failed", args[0]);
            stderr.push_str(&err);
        }
    }
    let mut explained = false;
    for row in rows.iter_mut().filter(|r| !r.failed()) {
        row.status = match report.errors.remove(&row.krate) {
            Some(first) => {
                explained = true;
                Status::CheckFailed { what: first.what, first: first.text }
            }
            None if report.checked.contains(&row.krate) => Status::Passed,
            None => Status::CheckFailed { what: "not checked", first: String::new() },
        };
    }
    if !success && !explained {
        eprintln!("{status_text}:\n{stderr}");
    }
    success || explained
}

/// Runs `cargo ARGS` in the scratch workspace, reading its JSON messages into a report; `None`
/// when cargo could not be started. Also returns whether cargo succeeded, and its stderr.
fn run_cargo(cargo_args: &[&'static str], members: &[&str], scratch: &Path, target_dir: &Path) -> Option<(CheckReport, bool, String)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    println!(
        "running `cargo {}` on {} crates in {} (CARGO_TARGET_DIR={})",
        cargo_args.join(" "),
        members.len(),
        scratch.display(),
        target_dir.display()
    );
    let child = Command::new(cargo)
        .args(cargo_args)
        .current_dir(scratch)
        .env("CARGO_TARGET_DIR", target_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            eprintln!("error: cannot run cargo {}: {e}", cargo_args[0]);
            return None;
        }
    };
    let mut stderr_pipe = child.stderr.take().expect("piped");
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr_pipe.read_to_string(&mut text);
        text
    });
    let wanted: BTreeSet<&str> = members.iter().copied().collect();
    let mut report = CheckReport::default();
    let mut progress = Progress::new(members.len(), cargo_args[0]);
    let stdout = BufReader::new(child.stdout.take().expect("piped"));
    for line in stdout.lines().map_while(Result::ok) {
        let Ok(message) = serde_json::from_str::<Value>(&line) else { continue };
        match report.take(&message, &wanted) {
            Some(Event::Finished(krate)) => progress.step(&format!("{krate}: pass")),
            Some(Event::Failed(krate)) => progress.step(&format!("{krate}: FAILED")),
            Some(Event::Dependency(name)) => progress.note(&format!("dependency {name}")),
            None => {}
        }
    }
    progress.finish();
    let ok = child.wait().is_ok_and(|s| s.success());
    let stderr = stderr_reader.join().unwrap_or_default();
    Some((report, ok, stderr))
}

/// The first error of a crate and what kind of error it is.
#[derive(Debug, PartialEq)]
struct FirstError {
    what: &'static str,
    text: String,
}

/// What cargo's JSON messages said so far.
#[derive(Debug, Default)]
struct CheckReport {
    /// Crates whose library was checked without error.
    checked: BTreeSet<String>,
    errors: BTreeMap<String, FirstError>,
}

#[derive(Debug, PartialEq)]
enum Event {
    Finished(String),
    Failed(String),
    Dependency(String),
}

impl CheckReport {
    /// Takes one line of `--message-format json` output.
    fn take(&mut self, message: &Value, wanted: &BTreeSet<&str>) -> Option<Event> {
        let target = message.pointer("/target/name").and_then(Value::as_str)?.replace('-', "_");
        match message.get("reason").and_then(Value::as_str)? {
            "compiler-artifact" if wanted.contains(target.as_str()) => {
                self.checked.insert(target.clone());
                Some(Event::Finished(target))
            }
            "compiler-artifact" => Some(Event::Dependency(target)),
            "compiler-message" if wanted.contains(target.as_str()) => {
                let first = first_error(message.get("message")?)?;
                let is_new = !self.errors.contains_key(&target);
                self.errors.entry(target.clone()).or_insert(first);
                is_new.then_some(Event::Failed(target))
            }
            _ => None,
        }
    }
}

/// A rustc diagnostic of level `error` with a location, as `file:line: [code] message`.
fn first_error(diagnostic: &Value) -> Option<FirstError> {
    if diagnostic.get("level").and_then(Value::as_str) != Some("error") {
        return None;
    }
    let spans = diagnostic.get("spans").and_then(Value::as_array)?;
    let span = spans.iter().find(|s| s.get("is_primary").and_then(Value::as_bool) == Some(true)).or(spans.first())?;
    let code = diagnostic.pointer("/code/code").and_then(Value::as_str);
    let what = match code {
        None => "compile error",
        Some(c) if c.starts_with('E') && c[1..].bytes().all(|b| b.is_ascii_digit()) => "compile error",
        Some(c) if c.starts_with("clippy::") => "clippy",
        Some(_) => "rustc lint",
    };
    let mut text = format!(
        "{}:{}: ",
        span.get("file_name").and_then(Value::as_str).unwrap_or("?"),
        span.get("line_start").and_then(Value::as_u64).unwrap_or(0)
    );
    if let Some(code) = code {
        let _ = write!(text, "[{code}] ");
    }
    text.push_str(diagnostic.get("message").and_then(Value::as_str).unwrap_or_default());
    Some(FirstError { what, text })
}

/// A table cell: one line, no `|`, at most 160 characters.
fn cell(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|");
    if one_line.chars().count() > 160 {
        format!("{}…", one_line.chars().take(159).collect::<String>())
    } else {
        one_line
    }
}

fn print_table(rows: &[Row], gen_only: bool) {
    println!(
        "\nshapes: shapes in the service closure (the service, its resources and operations, and every shape they reach; prelude shapes not counted)"
    );
    println!("gen ms: read + load + lower + render + format + write of one model, on one thread");
    if gen_only {
        println!("check: not run (--gen-only)");
    } else {
        println!("check: `cargo check --workspace`, then `cargo clippy --workspace -- -D warnings` (compile error, rustc lint or clippy lint)");
    }
    println!("\n| model | protocol | shapes | operations | lines | gen ms | check | first error |");
    println!("|---|---|---:|---:|---:|---:|---|---|");
    for r in rows {
        let (protocol, shapes, operations, lines) = match &r.protocol {
            None => ("-", "-".to_string(), "-".to_string(), "-".to_string()),
            Some(p) => (p.as_deref().unwrap_or("none"), r.shapes.to_string(), r.operations.to_string(), r.lines.to_string()),
        };
        let (check, error) = match &r.status {
            Status::Generated => ("not run".to_string(), String::new()),
            Status::Passed => ("pass".to_string(), String::new()),
            Status::GenerateFailed(e) => ("FAIL (generate)".to_string(), cell(e)),
            Status::WriteFailed(e) => ("FAIL (write)".to_string(), cell(e)),
            Status::CheckFailed { what, first } => (format!("FAIL ({what})"), cell(first)),
        };
        let millis = r.stages.total().as_millis();
        println!("| {} | {protocol} | {shapes} | {operations} | {lines} | {millis} | {check} | {error} |", r.model);
    }
    let failed = rows.iter().filter(|r| r.failed()).count();
    let sum = |f: fn(&Row) -> usize| rows.iter().map(f).sum::<usize>();
    let millis: u128 = rows.iter().map(|r| r.stages.total().as_millis()).sum();
    let result = if gen_only { format!("{} generated", rows.len() - failed) } else { format!("{} pass", rows.len() - failed) };
    println!(
        "| **total: {} models** | | {} | {} | {} | {millis} | {result}, {failed} fail | |",
        rows.len(),
        sum(|r| r.shapes),
        sum(|r| r.operations),
        sum(|r| r.lines)
    );
}

fn print_figures(rows: &[Row], generation: Duration, jobs: usize, check: Option<Duration>) {
    let mut stages = Stages::default();
    for r in rows {
        stages.add(&r.stages);
    }
    let lines: usize = rows.iter().map(|r| r.lines).sum();
    let per_second = lines as f64 / generation.as_secs_f64().max(1e-9);
    println!(
        "\ngeneration: {} models in {:.2} s wall on {jobs} thread(s); {lines} lines, {:.0} lines/s",
        rows.len(),
        generation.as_secs_f64(),
        per_second
    );
    let total = stages.total().as_secs_f64().max(1e-9);
    let breakdown: Vec<String> = stages
        .named()
        .iter()
        .map(|(name, d)| format!("{name} {:.0} ms ({:.0}%)", d.as_secs_f64() * 1e3, d.as_secs_f64() / total * 100.0))
        .collect();
    println!("stages, summed over models ({:.0} ms): {}", total * 1e3, breakdown.join(", "));
    if let Some(slowest) = rows.iter().max_by_key(|r| r.stages.total()) {
        let parts: Vec<String> = slowest.stages.named().iter().map(|(name, d)| format!("{name} {}", d.as_millis())).collect();
        println!(
            "slowest model: {} {} ms, {} lines ({} ms)",
            slowest.model,
            slowest.stages.total().as_millis(),
            slowest.lines,
            parts.join(", ")
        );
    }
    if let Some(check) = check {
        println!("check: cargo check and cargo clippy -- -D warnings took {:.1} s wall", check.as_secs_f64());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn arguments() {
        let root = Path::new("/repo");
        let parsed = parse_args(&[], root).unwrap();
        assert_eq!(parsed.dirs, vec![root.join(DEFAULT_DIR)]);
        assert!(!parsed.gen_only);
        assert!(parsed.jobs >= 1);
        let parsed = parse_args(&strings(&["--gen-only", "-j", "3", "a", "b"]), root).unwrap();
        assert_eq!(parsed, Args { dirs: vec![PathBuf::from("a"), PathBuf::from("b")], gen_only: true, jobs: 3 });
        assert_eq!(parse_args(&strings(&["-j2"]), root).unwrap().jobs, 2);
        assert_eq!(parse_args(&strings(&["--jobs=4"]), root).unwrap().jobs, 4);
        assert!(parse_args(&strings(&["--jobs", "0"]), root).is_err());
        assert!(parse_args(&strings(&["-jx"]), root).is_err());
        assert!(parse_args(&strings(&["--jobs"]), root).is_err());
        assert!(parse_args(&strings(&["--fast"]), root).is_err());
    }

    #[test]
    fn lines_are_counted_like_str_lines() {
        let long = "line\n".repeat(300) + &"\n".repeat(1000) + "end";
        for text in ["", "a", "a\n", "a\nb", "a\n\nb\n", "\n", long.as_str()] {
            assert_eq!(line_count(text), text.lines().count(), "{text:?}");
        }
    }

    #[test]
    fn scratch_dirs() {
        let aws = scratch_dir(Path::new("/repo"), &[PathBuf::from("/shared/models/aws")]);
        assert!(aws.starts_with(std::env::temp_dir().join("smelt-corpus")));
        assert!(aws.file_name().unwrap().to_str().unwrap().starts_with("aws-"), "{}", aws.display());
        assert_eq!(aws, scratch_dir(Path::new("/repo"), &[PathBuf::from("/shared/models/aws")]));
        assert_ne!(aws, scratch_dir(Path::new("/other"), &[PathBuf::from("/shared/models/aws")]));
        let both = scratch_dir(Path::new("/repo"), &[PathBuf::from("/a/fixtures"), PathBuf::from("/b/aws")]);
        assert!(both.file_name().unwrap().to_str().unwrap().starts_with("fixtures+aws-"), "{}", both.display());
    }

    #[test]
    fn crate_names() {
        assert_eq!(crate_name(Path::new("m/ivs-realtime-2020-07-14.json")), "corpus_ivs_realtime_2020_07_14");
    }

    #[test]
    fn closure_counts_reachable_shapes_only() {
        let model = codegen::smithy::load(
            r#"{"smithy": "2.0", "shapes": {
                "ns#S": {"type": "service", "operations": [{"target": "ns#Op"}], "resources": [{"target": "ns#R"}]},
                "ns#R": {"type": "resource", "read": {"target": "ns#Get"}},
                "ns#Get": {"type": "operation", "input": {"target": "smithy.api#Unit"}},
                "ns#Op": {"type": "operation", "input": {"target": "ns#In"}, "errors": [{"target": "ns#Oops"}]},
                "ns#In": {"type": "structure", "members": {"a": {"target": "ns#List"}, "b": {"target": "smithy.api#String"}}},
                "ns#List": {"type": "list", "member": {"target": "ns#In"}},
                "ns#Oops": {"type": "structure", "traits": {"smithy.api#error": "client"}, "members": {}},
                "ns#Unused": {"type": "string"}
            }}"#,
        )
        .unwrap();
        assert_eq!(closure_size(&model, "ns#S"), 7);
    }

    fn message(reason: &str, target: &str, diagnostic: Value) -> Value {
        serde_json::json!({"reason": reason, "target": {"name": target}, "message": diagnostic})
    }

    fn diagnostic(level: &str, code: Option<&str>, text: &str) -> Value {
        serde_json::json!({
            "level": level,
            "message": text,
            "code": code.map(|c| serde_json::json!({"code": c})),
            "spans": [{"file_name": "src/lib.rs", "line_start": 7, "is_primary": true}]
        })
    }

    #[test]
    fn cargo_messages() {
        let wanted = BTreeSet::from(["corpus_a", "corpus_b"]);
        let mut report = CheckReport::default();
        assert_eq!(report.take(&message("compiler-artifact", "serde", Value::Null), &wanted), Some(Event::Dependency("serde".into())));
        assert_eq!(report.take(&message("compiler-artifact", "corpus_a", Value::Null), &wanted), Some(Event::Finished("corpus_a".into())));
        let warning = diagnostic("warning", Some("dead_code"), "unused");
        assert_eq!(report.take(&message("compiler-message", "corpus_b", warning), &wanted), None);
        let lint = diagnostic("error", Some("clippy::needless_return"), "unneeded `return` statement");
        assert_eq!(report.take(&message("compiler-message", "corpus_b", lint), &wanted), Some(Event::Failed("corpus_b".into())));
        let later = diagnostic("error", Some("E0308"), "mismatched types");
        assert_eq!(report.take(&message("compiler-message", "corpus_b", later), &wanted), None);
        let aborting = serde_json::json!({"level": "error", "message": "aborting due to 1 previous error", "code": null, "spans": []});
        assert_eq!(report.take(&message("compiler-message", "corpus_b", aborting), &wanted), None);
        assert!(report.checked.contains("corpus_a"));
        assert_eq!(
            report.errors["corpus_b"],
            FirstError { what: "clippy", text: "src/lib.rs:7: [clippy::needless_return] unneeded `return` statement".into() }
        );
    }

    #[test]
    fn error_kinds() {
        let kind = |code| first_error(&diagnostic("error", code, "x")).unwrap().what;
        assert_eq!(kind(None), "compile error");
        assert_eq!(kind(Some("E0425")), "compile error");
        assert_eq!(kind(Some("unused_imports")), "rustc lint");
        assert_eq!(kind(Some("clippy::all")), "clippy");
    }

    #[test]
    fn cells_are_one_short_line() {
        assert_eq!(cell("a |\n  b"), "a \\| b");
        assert_eq!(cell(&"x".repeat(200)).chars().count(), 160);
    }
}
