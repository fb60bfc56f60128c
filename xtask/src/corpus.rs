//! `cargo xtask corpus [--gen-only] [--jobs N] [DIR...]`: generate a crate per model (the whole
//! service) into one scratch workspace outside the repository, then
//! `cargo check --workspace` and `cargo clippy --workspace -- -D warnings` them all (denying
//! [`PANIC_FREE_LINTS`] too), and print a table and the generation figures.
//! Both cargo runs use `--keep-going`, so every model gets its own result and first error however
//! many others fail; a warning in a generated crate fails its model too. A model that model
//! validation refuses fails; its warnings (WARNING, DANGER, NOTE) are counted and listed, and do
//! not.
//!
//! Models are generated in parallel, one per thread (largest first); the figures report the wall
//! time of the whole generation and each stage's time summed over the models. `--gen-only` stops
//! after writing the files, which makes it the generator's benchmark.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::io::{BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use cargo_metadata::diagnostic::{Diagnostic, DiagnosticLevel};
use cargo_metadata::Message;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;

use crate::flags;

/// The generator allocates and frees millions of small token and syntax-tree nodes; mimalloc
/// makes `cargo xtask corpus --gen-only` about a fifth faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DEFAULT_DIR: &str = "../shared/models/aws";
/// Lints the corpus's clippy run denies on top of `-D warnings`: generated code (the runtime files
/// and the per-shape code) must not panic or overflow on anything a response carries. Sites that
/// are provably in range (a nibble indexing a 16-entry table, the date arithmetic on four-digit
/// years) carry an `#[allow]` with the reason in `codegen/inlineable`. They are flags of this run
/// only, not attributes in the generated crates, so users' own lint settings are not affected.
pub const PANIC_FREE_LINTS: &[&str] = &[
    "clippy::unwrap_used",
    "clippy::expect_used",
    "clippy::indexing_slicing",
    "clippy::panic",
    "clippy::unreachable",
    "clippy::arithmetic_side_effects",
];
/// syn and prettyplease recurse on nesting; worker threads get the main thread's stack size.
const WORKER_STACK: usize = 8 << 20;

#[derive(Debug, PartialEq)]
struct Args {
    dirs: Vec<PathBuf>,
    gen_only: bool,
    jobs: usize,
}

/// The flags with their defaults applied.
fn args(flags: &flags::Corpus, root: &Path) -> Args {
    Args {
        dirs: if flags.dirs.is_empty() { vec![root.join(DEFAULT_DIR)] } else { flags.dirs.clone() },
        gen_only: flags.gen_only,
        jobs: flags.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
    }
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
    /// What model validation found that did not refuse the model.
    warnings: Vec<codegen::ValidationEvent>,
    stages: Stages,
    status: Status,
}

impl Row {
    fn failed(&self) -> bool {
        !matches!(self.status, Status::Generated | Status::Passed)
    }
}

pub fn run(flags: &flags::Corpus, root: &Path) -> ExitCode {
    let args = args(flags, root);
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
        warnings: Vec::new(),
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
    row.warnings = timed.warnings;
    row.protocol = Some(Some(timed.krate.service.protocol.name().to_string()).filter(|p| p != "none"));
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

/// Writes the scratch workspace manifest and runs `cargo check` and `cargo clippy` on every
/// generated crate, filling in each row's result. Returns false when cargo failed in a way no row
/// explains.
fn check_all(rows: &mut [Row], scratch: &Path, target_dir: &Path) -> bool {
    let members: Vec<&str> = rows.iter().filter(|r| !r.failed()).map(|r| r.krate.as_str()).collect();
    if members.is_empty() {
        return true;
    }
    if let Err(e) = write_manifest(scratch, &members) {
        eprintln!("error: cannot write the scratch workspace: {e}");
        return false;
    }
    // `cargo check` first, as asked of the corpus, then clippy, which repeats check's work and
    // adds the lints; a crate passes when both do. `--keep-going` (cargo 1.74) makes cargo build
    // every crate whose dependencies built instead of stopping at the first failure, so one broken
    // crate does not hide the others.
    let check = ["check", "--workspace", "--keep-going", "--message-format", "json"];
    let clippy: Vec<&'static str> = ["clippy", "--workspace", "--keep-going", "--message-format", "json", "--", "-D", "warnings"]
        .into_iter()
        .chain(PANIC_FREE_LINTS.iter().flat_map(|lint| ["-D", *lint]))
        .collect();
    let mut report: Option<CheckReport> = None;
    let mut failures = Vec::new();
    for args in [&check[..], &clippy[..]] {
        let Some(pass) = run_cargo(args, &members, scratch, target_dir) else { return false };
        report = Some(match report.take() {
            Some(before) => before.then(pass.report),
            None => pass.report,
        });
        if !pass.ok {
            failures.push(format!("`cargo {}` failed:\n{}", args[0], pass.stderr));
        }
    }
    let report = report.unwrap_or_default();
    let unchecked = members.iter().any(|m| !report.checked.contains(*m) && !report.errors.contains_key(*m));
    let metadata = if unchecked { cargo_metadata(scratch) } else { None };
    let mut explained = false;
    for row in rows.iter_mut().filter(|r| !r.failed()) {
        row.status = report.status_of(&row.krate, metadata.as_ref());
        explained |= matches!(&row.status, Status::CheckFailed { first, .. } if !first.is_empty());
    }
    let unexplained = rows.iter().any(|r| matches!(&r.status, Status::CheckFailed { first, .. } if first.is_empty()));
    if !failures.is_empty() && (!explained || unexplained) {
        eprintln!("{}", failures.join("\n"));
    }
    failures.is_empty() || explained
}

/// The scratch workspace's `Cargo.toml`: every generated crate a member.
fn write_manifest(scratch: &Path, members: &[&str]) -> std::io::Result<()> {
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    std::fs::write(scratch.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")))
}

/// The cargo that runs xtask (`$CARGO`), or the one on the path.
fn cargo_program() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// `cargo metadata` of the scratch workspace, for its dependency graph; `None` when cargo cannot
/// give it without the network.
fn cargo_metadata(scratch: &Path) -> Option<Value> {
    let output = Command::new(cargo_program())
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(scratch)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output.status.success().then(|| serde_json::from_slice(&output.stdout).ok()).flatten()
}

/// The library names of every crate `krate` depends on, directly or not, from the resolve graph
/// of `cargo metadata`; empty when `krate` is not in it.
fn dependencies_of(metadata: &Value, krate: &str) -> BTreeSet<String> {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let list = |pointer: &str| metadata.pointer(pointer).and_then(Value::as_array).cloned().unwrap_or_default();
    let nodes: BTreeMap<String, Value> = list("/resolve/nodes").into_iter().filter_map(|n| Some((text(&n, "id")?, n))).collect();
    let start = list("/packages").into_iter().find(|p| text(p, "name").is_some_and(|n| n.replace('-', "_") == krate));
    let mut queue: VecDeque<String> = start.and_then(|p| text(&p, "id")).into_iter().collect();
    let (mut seen, mut names) = (BTreeSet::new(), BTreeSet::new());
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id.clone()) {
            continue;
        }
        for dep in nodes.get(&id).and_then(|n| n.get("deps")).and_then(Value::as_array).into_iter().flatten() {
            if let (Some(name), Some(pkg)) = (text(dep, "name"), text(dep, "pkg")) {
                names.insert(name);
                queue.push_back(pkg);
            }
        }
    }
    names
}

/// What one cargo run said, whether it succeeded, and its stderr.
struct Pass {
    report: CheckReport,
    ok: bool,
    stderr: String,
}

/// Runs `cargo ARGS` in the scratch workspace, reading its JSON messages into a report; `None`
/// when cargo could not be started.
fn run_cargo(cargo_args: &[&'static str], members: &[&str], scratch: &Path, target_dir: &Path) -> Option<Pass> {
    println!(
        "running `cargo {}` on {} crates in {} (CARGO_TARGET_DIR={})",
        cargo_args.join(" "),
        members.len(),
        scratch.display(),
        target_dir.display()
    );
    let child = Command::new(cargo_program())
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
    for message in Message::parse_stream(stdout).map_while(Result::ok) {
        match report.take(&message, &wanted) {
            Some(Event::Finished(krate)) => progress.step(&format!("{krate}: pass")),
            Some(Event::Failed(krate)) => progress.step(&format!("{krate}: FAILED")),
            Some(Event::Dependency(name)) => progress.note(&format!("dependency {name}")),
            Some(Event::DependencyFailed(name)) => progress.note(&format!("dependency {name}: FAILED")),
            None => {}
        }
    }
    progress.finish();
    let ok = child.wait().is_ok_and(|s| s.success());
    let stderr = stderr_reader.join().unwrap_or_default();
    Some(Pass { report, ok, stderr })
}

/// The first error of a crate (or its first warning, when it has no error) and what kind it is.
#[derive(Debug, Clone, PartialEq)]
struct FirstError {
    what: &'static str,
    text: String,
    warning: bool,
}

/// What cargo's JSON messages said so far.
#[derive(Debug, Default)]
struct CheckReport {
    /// Crates whose library was built (possibly with warnings).
    checked: BTreeSet<String>,
    /// The first error of every crate that had one, the generated crates' and their dependencies';
    /// for the generated crates, their first warning when they had no error.
    errors: BTreeMap<String, FirstError>,
}

#[derive(Debug, PartialEq)]
enum Event {
    Finished(String),
    Failed(String),
    Dependency(String),
    DependencyFailed(String),
}

impl CheckReport {
    /// Takes one message of `--message-format json` output.
    fn take(&mut self, message: &Message, wanted: &BTreeSet<&str>) -> Option<Event> {
        let (target, diagnostic) = match message {
            Message::CompilerArtifact(artifact) => (&artifact.target, None),
            Message::CompilerMessage(message) => (&message.target, Some(&message.message)),
            _ => return None,
        };
        let target = target.name.replace('-', "_");
        let wanted = wanted.contains(target.as_str());
        match diagnostic {
            None if wanted => {
                self.checked.insert(target.clone());
                // A crate with warnings was already counted as failed.
                (!self.errors.contains_key(&target)).then_some(Event::Finished(target))
            }
            None => Some(Event::Dependency(target)),
            Some(diagnostic) => {
                let first = first_error(diagnostic)?;
                // A dependency's warnings are its own business; a generated crate must have none.
                if first.warning && !wanted {
                    return None;
                }
                let is_new = self.record(target.clone(), first);
                match (is_new, wanted) {
                    (false, _) => None,
                    (true, true) => Some(Event::Failed(target)),
                    (true, false) => Some(Event::DependencyFailed(target)),
                }
            }
        }
    }

    /// Keeps a crate's first error, which replaces a warning kept before it. True when the crate
    /// had nothing kept yet.
    fn record(&mut self, krate: String, first: FirstError) -> bool {
        match self.errors.entry(krate) {
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(first);
                true
            }
            std::collections::btree_map::Entry::Occupied(mut slot) => {
                if slot.get().warning && !first.warning {
                    slot.insert(first);
                }
                false
            }
        }
    }

    /// This report followed by `later`'s, a later cargo run on the same crates: the first errors
    /// of both, and the crates both built.
    fn then(mut self, later: CheckReport) -> CheckReport {
        for (krate, first) in later.errors {
            self.record(krate, first);
        }
        self.checked = self.checked.intersection(&later.checked).cloned().collect();
        self
    }

    /// A generated crate's result: its first error, else pass if it was built, else not checked,
    /// blaming the dependencies that failed when `metadata` (of `cargo metadata`) names them.
    fn status_of(&self, krate: &str, metadata: Option<&Value>) -> Status {
        if let Some(first) = self.errors.get(krate) {
            return Status::CheckFailed { what: first.what, first: first.text.clone() };
        }
        if self.checked.contains(krate) {
            return Status::Passed;
        }
        let dependencies = metadata.map(|m| dependencies_of(m, krate)).unwrap_or_default();
        let failed: Vec<(&String, &FirstError)> =
            dependencies.iter().filter_map(|d| self.errors.get(d).filter(|e| !e.warning).map(|e| (d, e))).collect();
        let first = match failed.as_slice() {
            [] => String::new(),
            [(name, error), ..] => {
                let names: Vec<&str> = failed.iter().map(|(n, _)| n.as_str()).collect();
                format!("not built: its dependency {} failed; {name}: {}", names.join(", "), error.text)
            }
        };
        Status::CheckFailed { what: "not checked", first }
    }
}

/// A rustc diagnostic of level `error` or `warning` with a location, as
/// `file:line: [code] message` (`file:line: warning: [code] message` for a warning).
fn first_error(diagnostic: &Diagnostic) -> Option<FirstError> {
    let warning = match diagnostic.level {
        DiagnosticLevel::Error => false,
        DiagnosticLevel::Warning => true,
        _ => return None,
    };
    let span = diagnostic.spans.iter().find(|s| s.is_primary).or(diagnostic.spans.first())?;
    let code = diagnostic.code.as_ref().map(|c| c.code.as_str());
    let what = match code {
        Some(c) if c.starts_with("clippy::") => "clippy",
        Some(c) if !is_error_code(c) => "rustc lint",
        _ if warning => "rustc warning",
        _ => "compile error",
    };
    let mut text = format!("{}:{}: ", span.file_name, span.line_start);
    if warning {
        text.push_str("warning: ");
    }
    if let Some(code) = code {
        let _ = write!(text, "[{code}] ");
    }
    text.push_str(&diagnostic.message);
    Some(FirstError { what, text, warning })
}

/// `E0308` and the like: rustc's own errors, not lints.
fn is_error_code(code: &str) -> bool {
    code.len() > 1 && code.starts_with('E') && code[1..].bytes().all(|b| b.is_ascii_digit())
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
        println!(
            "check: `cargo check --workspace --keep-going`, then `cargo clippy --workspace --keep-going -- -D warnings` \
             (compile error, rustc lint, rustc warning, clippy lint, or not checked: a dependency failed)"
        );
    }
    println!("warnings: validation events that do not refuse a model (WARNING, DANGER, NOTE), listed below the table");
    println!("\n| model | protocol | shapes | operations | lines | warnings | gen ms | check | first error |");
    println!("|---|---|---:|---:|---:|---:|---:|---|---|");
    for r in rows {
        let (protocol, shapes, operations, lines, warnings) = match &r.protocol {
            None => ("-", "-".to_string(), "-".to_string(), "-".to_string(), "-".to_string()),
            Some(p) => {
                (p.as_deref().unwrap_or("none"), r.shapes.to_string(), r.operations.to_string(), r.lines.to_string(), r.warnings.len().to_string())
            }
        };
        let (check, error) = match &r.status {
            Status::Generated => ("not run".to_string(), String::new()),
            Status::Passed => ("pass".to_string(), String::new()),
            Status::GenerateFailed(e) => ("FAIL (generate)".to_string(), cell(e)),
            Status::WriteFailed(e) => ("FAIL (write)".to_string(), cell(e)),
            Status::CheckFailed { what, first } => (format!("FAIL ({what})"), cell(first)),
        };
        let millis = r.stages.total().as_millis();
        println!("| {} | {protocol} | {shapes} | {operations} | {lines} | {warnings} | {millis} | {check} | {error} |", r.model);
    }
    let failed = rows.iter().filter(|r| r.failed()).count();
    let sum = |f: fn(&Row) -> usize| rows.iter().map(f).sum::<usize>();
    let millis: u128 = rows.iter().map(|r| r.stages.total().as_millis()).sum();
    let result = if gen_only { format!("{} generated", rows.len() - failed) } else { format!("{} pass", rows.len() - failed) };
    println!(
        "| **total: {} models** | | {} | {} | {} | {} | {millis} | {result}, {failed} fail | |",
        rows.len(),
        sum(|r| r.shapes),
        sum(|r| r.operations),
        sum(|r| r.lines),
        sum(|r| r.warnings.len())
    );
    println!("\n{}", warnings_summary(rows));
    for r in rows {
        for w in &r.warnings {
            println!("{}: {}: {w}", w.severity.as_str().to_lowercase(), r.model);
        }
    }
}

/// `warnings: 3 in 2 of 40 models (2 DANGER, 1 WARNING)`; models refused by validation are
/// failures in the table, not here.
fn warnings_summary(rows: &[Row]) -> String {
    let mut by_severity: BTreeMap<std::cmp::Reverse<codegen::Severity>, usize> = BTreeMap::new();
    for w in rows.iter().flat_map(|r| &r.warnings) {
        *by_severity.entry(std::cmp::Reverse(w.severity)).or_default() += 1;
    }
    let total: usize = by_severity.values().sum();
    let models = rows.iter().filter(|r| !r.warnings.is_empty()).count();
    let mut line = format!("warnings: {total} in {models} of {} models", rows.len());
    if total > 0 {
        let parts: Vec<String> = by_severity.iter().map(|(s, n)| format!("{n} {}", s.0)).collect();
        line.push_str(&format!(" ({})", parts.join(", ")));
    }
    line
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

    #[test]
    fn defaults() {
        let root = Path::new("/repo");
        let parsed = args(&flags::Corpus { gen_only: false, jobs: None, dirs: Vec::new() }, root);
        assert_eq!(parsed.dirs, vec![root.join(DEFAULT_DIR)]);
        assert!(!parsed.gen_only);
        assert!(parsed.jobs >= 1);
        let parsed = args(&flags::Corpus { gen_only: true, jobs: Some(3), dirs: vec![PathBuf::from("a"), PathBuf::from("b")] }, root);
        assert_eq!(parsed, Args { dirs: vec![PathBuf::from("a"), PathBuf::from("b")], gen_only: true, jobs: 3 });
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

    /// A `--message-format json` message as cargo writes it: an artifact of `target`'s library,
    /// or (`reason` compiler-message) `diagnostic` on it.
    fn message(reason: &str, target: &str, diagnostic: Value) -> Message {
        let mut json = serde_json::json!({
            "reason": reason,
            "package_id": format!("path+file:///s/{target}#0.1.0"),
            "target": {"name": target, "kind": ["lib"], "crate_types": ["lib"], "src_path": format!("/s/{target}/src/lib.rs"), "edition": "2021"},
        });
        let fields = if reason == "compiler-artifact" {
            serde_json::json!({
                "manifest_path": format!("/s/{target}/Cargo.toml"),
                "profile": {"opt_level": "0", "debuginfo": 0, "debug_assertions": true, "overflow_checks": true, "test": false},
                "features": [], "filenames": [], "executable": null, "fresh": false
            })
        } else {
            serde_json::json!({"message": diagnostic})
        };
        json.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
        serde_json::from_value(json).expect("a message cargo_metadata reads")
    }

    fn diagnostic_json(level: &str, code: Option<&str>, text: &str, spans: Value) -> Value {
        serde_json::json!({
            "level": level,
            "message": text,
            "code": code.map(|c| serde_json::json!({"code": c, "explanation": null})),
            "spans": spans,
            "children": [],
            "rendered": null
        })
    }

    fn diagnostic(level: &str, code: Option<&str>, text: &str) -> Value {
        let span = serde_json::json!({
            "file_name": "src/lib.rs", "byte_start": 0, "byte_end": 1, "line_start": 7, "line_end": 7,
            "column_start": 1, "column_end": 2, "is_primary": true, "text": [], "label": null,
            "suggested_replacement": null, "suggestion_applicability": null, "expansion": null
        });
        diagnostic_json(level, code, text, serde_json::json!([span]))
    }

    #[test]
    fn cargo_messages() {
        let wanted = BTreeSet::from(["corpus_a", "corpus_b"]);
        let mut report = CheckReport::default();
        assert_eq!(report.take(&message("compiler-artifact", "serde", Value::Null), &wanted), Some(Event::Dependency("serde".into())));
        assert_eq!(report.take(&message("compiler-artifact", "corpus_a", Value::Null), &wanted), Some(Event::Finished("corpus_a".into())));
        let lint = diagnostic("error", Some("clippy::needless_return"), "unneeded `return` statement");
        assert_eq!(report.take(&message("compiler-message", "corpus_b", lint), &wanted), Some(Event::Failed("corpus_b".into())));
        let later = diagnostic("error", Some("E0308"), "mismatched types");
        assert_eq!(report.take(&message("compiler-message", "corpus_b", later), &wanted), None);
        let aborting = diagnostic_json("error", None, "aborting due to 1 previous error", serde_json::json!([]));
        assert_eq!(report.take(&message("compiler-message", "corpus_b", aborting), &wanted), None);
        assert!(report.checked.contains("corpus_a"));
        assert_eq!(
            report.errors["corpus_b"],
            FirstError { what: "clippy", text: "src/lib.rs:7: [clippy::needless_return] unneeded `return` statement".into(), warning: false }
        );
    }

    #[test]
    fn a_warning_fails_a_generated_crate_but_not_a_dependency() {
        let wanted = BTreeSet::from(["corpus_a"]);
        let mut report = CheckReport::default();
        let unused = || diagnostic("warning", Some("dead_code"), "unused");
        assert_eq!(report.take(&message("compiler-message", "serde", unused()), &wanted), None);
        assert_eq!(report.take(&message("compiler-message", "corpus_a", unused()), &wanted), Some(Event::Failed("corpus_a".into())));
        assert_eq!(report.take(&message("compiler-artifact", "corpus_a", Value::Null), &wanted), None, "counted once");
        assert!(!report.errors.contains_key("serde"));
        assert_eq!(report.status_of("corpus_a", None), Status::CheckFailed { what: "rustc lint", first: "src/lib.rs:7: warning: [dead_code] unused".into() });
        let error = diagnostic("error", Some("E0308"), "mismatched types");
        assert_eq!(report.take(&message("compiler-message", "corpus_a", error), &wanted), None);
        assert_eq!(report.errors["corpus_a"].text, "src/lib.rs:7: [E0308] mismatched types", "an error replaces a warning");
    }

    #[test]
    fn two_runs_keep_the_first_errors_and_the_crates_both_built() {
        let wanted = BTreeSet::from(["corpus_a", "corpus_b", "corpus_c"]);
        let run = |messages: Vec<Message>| {
            let mut report = CheckReport::default();
            for m in &messages {
                report.take(m, &wanted);
            }
            report
        };
        let check = run(vec![
            message("compiler-artifact", "corpus_a", Value::Null),
            message("compiler-artifact", "corpus_b", Value::Null),
            message("compiler-message", "corpus_c", diagnostic("error", Some("E0425"), "cannot find value")),
        ]);
        let clippy = run(vec![
            message("compiler-artifact", "corpus_a", Value::Null),
            message("compiler-message", "corpus_b", diagnostic("error", Some("clippy::all"), "lint")),
            message("compiler-message", "corpus_c", diagnostic("error", Some("E0308"), "mismatched types")),
        ]);
        let both = check.then(clippy);
        assert_eq!(both.checked, BTreeSet::from(["corpus_a".to_string()]));
        assert_eq!(both.status_of("corpus_a", None), Status::Passed);
        assert_eq!(both.status_of("corpus_b", None), Status::CheckFailed { what: "clippy", first: "src/lib.rs:7: [clippy::all] lint".into() });
        assert_eq!(both.status_of("corpus_c", None), Status::CheckFailed { what: "compile error", first: "src/lib.rs:7: [E0425] cannot find value".into() });
    }

    /// `cargo metadata`'s shape: `corpus_b` depends on `corpus_a`, which depends on `http`.
    fn metadata() -> Value {
        serde_json::json!({
            "packages": [{"name": "corpus_a", "id": "a"}, {"name": "corpus-b", "id": "b"}, {"name": "http", "id": "h"}],
            "resolve": {"nodes": [
                {"id": "a", "deps": [{"name": "http", "pkg": "h"}]},
                {"id": "b", "deps": [{"name": "corpus_a", "pkg": "a"}]},
                {"id": "h", "deps": []}
            ]}
        })
    }

    #[test]
    fn dependencies_are_followed_through_the_resolve_graph() {
        let metadata = metadata();
        assert_eq!(dependencies_of(&metadata, "corpus_b"), BTreeSet::from(["corpus_a".to_string(), "http".to_string()]));
        assert_eq!(dependencies_of(&metadata, "http"), BTreeSet::new());
        assert_eq!(dependencies_of(&metadata, "corpus_z"), BTreeSet::new());
    }

    #[test]
    fn a_crate_not_built_blames_its_failed_dependency() {
        let wanted = BTreeSet::from(["corpus_a", "corpus_b"]);
        let mut report = CheckReport::default();
        report.take(&message("compiler-message", "http", diagnostic("error", Some("E0277"), "trait bound")), &wanted);
        assert_eq!(report.status_of("corpus_b", None), Status::CheckFailed { what: "not checked", first: String::new() });
        let status = report.status_of("corpus_b", Some(&metadata()));
        assert_eq!(status, Status::CheckFailed { what: "not checked", first: "not built: its dependency http failed; http: src/lib.rs:7: [E0277] trait bound".into() });
    }

    #[test]
    fn error_kinds() {
        let parse = |level, code| serde_json::from_value::<Diagnostic>(diagnostic(level, code, "x")).unwrap();
        let kind = |level, code| first_error(&parse(level, code)).unwrap().what;
        assert_eq!(kind("error", None), "compile error");
        assert_eq!(kind("error", Some("E0425")), "compile error");
        assert_eq!(kind("error", Some("unused_imports")), "rustc lint");
        assert_eq!(kind("error", Some("clippy::all")), "clippy");
        assert_eq!(kind("warning", None), "rustc warning");
        assert_eq!(kind("warning", Some("dead_code")), "rustc lint");
        assert!(first_error(&parse("note", None)).is_none());
    }

    #[test]
    fn cells_are_one_short_line() {
        assert_eq!(cell("a |\n  b"), "a \\| b");
        assert_eq!(cell(&"x".repeat(200)).chars().count(), 160);
    }
}
