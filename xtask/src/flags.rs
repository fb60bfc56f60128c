//! The command line of `cargo xtask`: every command, its flags and their help, in one typed
//! definition (clap's derive). `main` parses once and hands each command its own struct; the
//! modules do no argument parsing. A usage error exits 2 with clap's message, `--help` on any
//! command prints that command's help, and `flags::tests` pins every help text, so a flag cannot
//! be added, renamed or dropped without the snapshots showing it.
//!
//! Defaults that are paths are relative to the workspace root and applied by the commands
//! (`Option<PathBuf>` here), so the help text is the same on every machine.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// smelt's own commands: code generation (all its file I/O happens here), its checks and benchmarks
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", disable_help_subcommand = true)]
#[command(after_help = "`cargo xtask COMMAND --help` shows what a command does and its options.")]
pub struct Xtask {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Codegen(Codegen),
    Corpus(Corpus),
    ProtocolTests(ProtocolTests),
    EndpointTests(EndpointTests),
    LiveTest(LiveTest),
    Trim(Trim),
    Diff(Diff),
    Twins(Twins),
    SemverCheck(SemverCheck),
    RegenerateTest(RegenerateTest),
    Stress(Stress),
    Sections(Sections),
}

/// Write generated/ (and the test crates in tests/crates/) from the model, or check them
///
/// Without --model and --out it writes generated/ from model/ivsrealtime.json and every test crate
/// in tests/crates/ from its model; with either, the one crate. Only files whose content changed
/// are rewritten, generated files that no longer belong are removed, and files without the
/// `@generated` first line are never touched. A model the generator cannot use exits 2, one line
/// per problem.
#[derive(Debug, Args)]
#[command(args_override_self = true)]
pub struct Codegen {
    /// Smithy 2.0 JSON AST model, or a botocore service-2.json [default: model/ivsrealtime.json]
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// Where the crate is written [default: generated]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Generate only the closure of these operations [default: every operation]
    #[arg(long, value_name = "A,B", value_parser = list)]
    pub operations: Option<List>,
    /// The service shape ID, when the model has several
    #[arg(long, value_name = "ID")]
    pub service: Option<String>,
    /// The generated crate's name [default: from the service's sdkId]
    #[arg(long, value_name = "NAME")]
    pub crate_name: Option<String>,
    /// The generated crate's version in Cargo.toml, a semantic version [default: 0.1.0];
    /// `cargo xtask diff` prints the next one a model update calls for
    #[arg(long, value_name = "V")]
    pub crate_version: Option<String>,
    /// Write nothing; print a diff and exit 1 if DIR is not what the generator writes
    #[arg(long)]
    pub check: bool,
}

/// Generate every model of a folder, then check and clippy them all
///
/// Generates a crate per model in DIR into a scratch workspace, runs `cargo check` and
/// `cargo clippy -- -D warnings` on them (denying unwrap_used, expect_used, indexing_slicing,
/// panic, unreachable and arithmetic_side_effects too; with cargo's `--keep-going`: one model's
/// failure hides no other), prints a table; exits 1 on any failure.
#[derive(Debug, Args)]
#[command(args_override_self = true)]
pub struct Corpus {
    /// Only generate and write the crates, and print the generation figures (the generator
    /// benchmark)
    #[arg(long)]
    pub gen_only: bool,
    /// Models generated at once [default: the available cores]
    #[arg(long, short = 'j', value_name = "N", value_parser = positive)]
    pub jobs: Option<usize>,
    /// Folders of *.json models [default: ../shared/models/aws]
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
}

/// Run Smithy's client protocol compliance cases against a crate generated per service
///
/// One table row per service; exits 1 on any failure.
#[derive(Debug, Args)]
#[command(args_override_self = true)]
pub struct ProtocolTests {
    /// The protocol test models [default: ../shared/models/protocol-tests/aws-protocol-tests.json]
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// A service to test; repeatable [default: aws.protocoltests.restjson#RestJson]
    #[arg(long = "service", value_name = "ID")]
    pub services: Vec<String>,
    /// Every service of the suite the generator supports: the restJson1, awsJson, restXml,
    /// awsQuery and ec2Query suites and the customized services (eleven)
    #[arg(long)]
    pub all: bool,
}

/// Run every smithy.rules#endpointTests case of a folder of models
///
/// Runs the cases against the generated endpoint resolver, one table row per model; exits 1 on
/// any failure.
#[derive(Debug, Args)]
pub struct EndpointTests {
    /// Folders of *.json models [default: ../shared/models/aws]
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
}

/// Generated crates against moto: S3, DynamoDB, SQS, STS and Lambda
///
/// Generates the crates, starts moto (python3 -m moto.server; `pip install 'moto[server]'`) on
/// 127.0.0.1, sends each scenario's calls through one generic signed `send`, one line per call;
/// exits 1 on any mismatch.
#[derive(Debug, Args)]
#[command(args_override_self = true)]
pub struct LiveTest {
    /// Where the services' Smithy models are [default: ../shared/models/aws]
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
}

/// Cut a model down to some operations and the shapes they reach
#[derive(Debug, Args)]
#[command(args_override_self = true)]
pub struct Trim {
    /// The Smithy JSON AST model to cut down
    #[arg(long, value_name = "PATH")]
    pub model: PathBuf,
    /// The operations to keep; repeatable
    #[arg(long, value_name = "A,B", value_parser = list, required = true, action = clap::ArgAction::Append)]
    pub operations: Vec<List>,
    /// The service shape ID, when the model has several
    #[arg(long, value_name = "ID")]
    pub service: Option<String>,
    /// Traits removed from every kept shape (e.g. smithy.rules#endpointTests); repeatable
    #[arg(long, value_name = "T,U", value_parser = list, action = clap::ArgAction::Append)]
    pub drop_traits: Vec<List>,
    /// Where the trimmed model is written
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
}

/// What a model update changes, and the version bump it calls for
///
/// Prints the model events, the Rust API changes (breaking, additive, documentation) and the
/// verdict. Exits 1 with --fail-on breaking when something breaks, 2 when a model does not load.
#[derive(Debug, Args)]
#[command(args_override_self = true)]
pub struct Diff {
    /// The model before the update
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The model after the update
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// The service shape ID, when the models have several
    #[arg(long, value_name = "ID")]
    pub service: Option<String>,
    /// The report's format
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Exit 1 when the update breaks something
    #[arg(long, value_enum, value_name = "breaking")]
    pub fail_on: Option<FailOn>,
    /// Write the report to FILE (and a one-line summary to stderr) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[value(alias = "md")]
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Breaking,
}

/// Compare the Smithy and botocore front ends on twin models
///
/// Generates each service from its Smithy model and its botocore twin, compares the public Rust
/// APIs and prints the differences by kind; exits 1 if a model fails (--strict: or any difference
/// is unexplained).
#[derive(Debug, Args)]
#[command(args_override_self = true)]
pub struct Twins {
    /// Also fail on any difference no known kind explains
    #[arg(long)]
    pub strict: bool,
    /// The Smithy models [default: ../shared/models/aws]
    #[arg(value_name = "SMITHY_DIR", requires = "botocore_dir")]
    pub smithy_dir: Option<PathBuf>,
    /// Their botocore twins [default: ../shared/models/botocore/2025-04-01]
    #[arg(value_name = "BOTOCORE_DIR")]
    pub botocore_dir: Option<PathBuf>,
}

/// `cargo xtask diff` against cargo-semver-checks on real model histories
///
/// For each adjacent pair of model versions in DIR's service folders, compares what
/// cargo-semver-checks (installed if missing) finds with the `cargo xtask diff` verdict; exits 1
/// if semver-checks finds a break that diff misses.
#[derive(Debug, Args)]
pub struct SemverCheck {
    /// Folders of service folders of model versions [default: tests/fixtures/diff and
    /// ../shared/models/botocore/history]
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
}

/// Run examples/ci/regenerate.sh (the CI regeneration job) on real model updates
///
/// Works in target/regenerate-test; checks the report, the version bump, the step outputs and
/// that the regenerated crate compiles.
#[derive(Debug, Args)]
pub struct RegenerateTest {
    /// The model versions [default: ../shared/models/botocore/history/ivs-realtime]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The generator on 10-50 MB synthetic models: time and peak memory
///
/// Generates synthetic models of these sizes, each in its own process; prints time and peak
/// memory; exits 1 if memory grows faster than the model.
#[derive(Debug, Args)]
#[command(args_override_self = true)]
pub struct Stress {
    /// Model sizes in MB [default: 10,25,50]
    #[arg(long, value_name = "MB,MB,...", value_parser = sizes)]
    pub sizes: Option<Sizes>,
    /// Internal: measure one model in this process (what each child runs)
    #[arg(long, value_name = "PATH", hide = true, conflicts_with = "sizes")]
    pub one: Option<PathBuf>,
}

/// Compile every runtime section and file with exactly what it declares
///
/// Each section and runtime file of codegen/src/emit/runtime.rs is checked on its own, with the
/// sections, files and dependencies it declares, in one scratch workspace under target/sections;
/// exits 1 if one does not build.
#[derive(Debug, Args)]
pub struct Sections {}

/// A comma-separated list: items trimmed, empty ones dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List(pub Vec<String>);

fn list(value: &str) -> Result<List, String> {
    Ok(List(value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()))
}

/// Every item of repeated list flags, in order.
pub fn flatten(lists: &[List]) -> Vec<String> {
    lists.iter().flat_map(|l| l.0.iter().cloned()).collect()
}

/// A non-empty list of positive sizes in MB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sizes(pub Vec<usize>);

fn sizes(value: &str) -> Result<Sizes, String> {
    let sizes: Result<Vec<usize>, _> = value.split(',').map(|s| s.trim().parse::<usize>()).collect();
    match sizes {
        Ok(sizes) if !sizes.is_empty() && sizes.iter().all(|s| *s > 0) => Ok(Sizes(sizes)),
        _ => Err(format!("`{value}` is not a list of positive sizes in MB")),
    }
}

fn positive(value: &str) -> Result<usize, String> {
    value.parse().ok().filter(|n| *n > 0).ok_or_else(|| format!("needs a positive number, got `{value}`"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &str) -> Result<Command, clap::Error> {
        let argv = std::iter::once("cargo xtask").chain(args.split_whitespace());
        Xtask::try_parse_from(argv).map(|x| x.command.expect("a command"))
    }

    /// What `cargo xtask ARGS` prints for `--help` (clap returns help as an error of its own kind).
    fn help(args: &[&str]) -> String {
        let argv = std::iter::once("cargo xtask").chain(args.iter().copied()).chain(["--help"]);
        let err = Xtask::try_parse_from(argv).expect_err("--help stops parsing");
        assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelp);
        assert_eq!(err.exit_code(), 0);
        err.render().to_string()
    }

    #[test]
    fn the_definition_is_consistent() {
        Xtask::command().debug_assert();
    }

    #[test]
    fn help_texts_are_pinned() {
        insta::assert_snapshot!("help", help(&[]));
        let command = Xtask::command();
        let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
        assert_eq!(
            names,
            ["codegen", "corpus", "protocol-tests", "endpoint-tests", "live-test", "trim", "diff", "twins", "semver-check", "regenerate-test", "stress", "sections"]
        );
        for name in names {
            insta::assert_snapshot!(format!("help-{name}"), help(&[name]));
        }
    }

    #[test]
    fn usage_errors_exit_2() {
        for args in ["nope", "codegen --nope", "codegen --model", "corpus --jobs 0", "corpus -jx", "corpus --jobs", "corpus --fast", "diff only-one.json", "diff a b --format yaml", "diff a b --fail-on additive", "trim --model m --out o", "twins one", "regenerate-test a b", "stress --sizes 0", "stress --sizes 1 2", "endpoint-tests --x", "semver-check --x", "live-test --models", "protocol-tests --service"] {
            let err = parse(args).expect_err(args);
            assert_eq!(err.exit_code(), 2, "{args}: {err}");
        }
    }

    #[test]
    fn codegen_flags() {
        let Command::Codegen(c) = parse("codegen --model m.json --out o --operations A,,B --service s#S --crate-name n --crate-version 1.2.3 --check").unwrap() else { panic!() };
        assert_eq!((c.model, c.out), (Some(PathBuf::from("m.json")), Some(PathBuf::from("o"))));
        assert_eq!(c.operations, Some(List(vec!["A".into(), "B".into()])));
        assert_eq!((c.service.as_deref(), c.crate_name.as_deref(), c.crate_version.as_deref(), c.check), (Some("s#S"), Some("n"), Some("1.2.3"), true));
        // The last of a repeated flag wins, as before.
        let Command::Codegen(c) = parse("codegen --out a --out b").unwrap() else { panic!() };
        assert_eq!(c.out, Some(PathBuf::from("b")));
    }

    #[test]
    fn corpus_flags() {
        let Command::Corpus(c) = parse("corpus").unwrap() else { panic!() };
        assert_eq!((c.gen_only, c.jobs, c.dirs.len()), (false, None, 0));
        let Command::Corpus(c) = parse("corpus --gen-only -j 3 a b").unwrap() else { panic!() };
        assert_eq!((c.gen_only, c.jobs, c.dirs), (true, Some(3), vec![PathBuf::from("a"), PathBuf::from("b")]));
        for (args, jobs) in [("corpus -j2", 2), ("corpus --jobs=4", 4), ("corpus --jobs 5", 5)] {
            let Command::Corpus(c) = parse(args).unwrap() else { panic!() };
            assert_eq!(c.jobs, Some(jobs), "{args}");
        }
    }

    #[test]
    fn protocol_tests_services_repeat() {
        let Command::ProtocolTests(p) = parse("protocol-tests --service a#B --service c#D --all").unwrap() else { panic!() };
        assert_eq!((p.services, p.all, p.model), (vec!["a#B".to_string(), "c#D".to_string()], true, None));
    }

    #[test]
    fn diff_flags() {
        let Command::Diff(d) = parse("diff a.json --format json b.json --fail-on breaking --service x#S").unwrap() else { panic!() };
        assert_eq!((d.old, d.new), (PathBuf::from("a.json"), PathBuf::from("b.json")));
        assert_eq!((d.format, d.fail_on, d.service.as_deref()), (Format::Json, Some(FailOn::Breaking), Some("x#S")));
        let Command::Diff(d) = parse("diff a b --format md").unwrap() else { panic!() };
        assert_eq!((d.format, d.fail_on), (Format::Markdown, None));
    }

    #[test]
    fn trim_lists_accumulate() {
        let Command::Trim(t) = parse("trim --model m --operations A,B --operations C --drop-traits x#T --out o").unwrap() else { panic!() };
        assert_eq!(flatten(&t.operations), ["A", "B", "C"]);
        assert_eq!(flatten(&t.drop_traits), ["x#T"]);
    }

    #[test]
    fn twins_and_stress() {
        let Command::Twins(t) = parse("twins a --strict b").unwrap() else { panic!() };
        assert_eq!((t.strict, t.smithy_dir, t.botocore_dir), (true, Some(PathBuf::from("a")), Some(PathBuf::from("b"))));
        let Command::Stress(s) = parse("stress --sizes 1,2").unwrap() else { panic!() };
        assert_eq!(s.sizes, Some(Sizes(vec![1, 2])));
        assert_eq!(sizes("1, 2"), Ok(Sizes(vec![1, 2])));
        assert!(sizes("0").is_err() && sizes("").is_err() && sizes("1,x").is_err());
        let Command::Stress(s) = parse("stress --one m.json").unwrap() else { panic!() };
        assert_eq!((s.sizes, s.one), (None, Some(PathBuf::from("m.json"))));
    }

    /// The words after `cargo xtask` on a line of a script, up to a redirection or the next
    /// command; quotes dropped (a quoted variable stands for one word).
    fn words_after(line: &str, prefix: &str) -> Option<Vec<String>> {
        let at = line.find(prefix)?;
        if line[..at].contains("echo ") {
            return None;
        }
        let rest = &line[at + prefix.len()..];
        let words = rest.split_whitespace().take_while(|w| !matches!(*w, ")" | "&&" | "||" | ";" | "|") && !w.starts_with('>') && !w.starts_with("2>"));
        Some(words.map(|w| w.trim_end_matches(')').replace('"', "")).collect())
    }

    /// Every `cargo xtask` call in the CI script, the scripts and the regeneration job parses.
    #[test]
    fn the_repositorys_invocations_parse() {
        let root = crate::workspace_root();
        let mut scripts = vec![root.join(".ci/run"), root.join("fuzz/run.sh"), root.join("examples/ci/regenerate.sh")];
        for entry in std::fs::read_dir(root.join("scripts")).expect("scripts/").flatten() {
            scripts.push(entry.path());
        }
        let mut calls = Vec::new();
        for script in &scripts {
            let Ok(text) = std::fs::read_to_string(script) else { continue };
            // regenerate.sh builds the codegen call in an array, then runs `"${xtask[@]}" "${codegen_args[@]}"`.
            let mut codegen_args = Vec::new();
            for line in text.lines().map(str::trim) {
                if line.starts_with('#') || line.starts_with("echo") {
                    continue;
                }
                if let Some(words) = words_after(line, "codegen_args=(").or_else(|| words_after(line, "codegen_args+=(")) {
                    codegen_args.extend(words);
                } else if line.contains("\"${xtask[@]}\" \"${codegen_args[@]}\"") {
                    calls.push((script.clone(), codegen_args.clone()));
                } else if let Some(words) = words_after(line, "cargo xtask ").or_else(|| words_after(line, "\"${xtask[@]}\" ")) {
                    calls.push((script.clone(), words));
                }
            }
        }
        let commands: Vec<&str> = calls.iter().map(|(_, words)| words[0].as_str()).collect();
        for expected in ["codegen", "corpus", "twins", "regenerate-test", "semver-check", "stress", "protocol-tests", "endpoint-tests", "live-test", "diff"] {
            assert!(commands.contains(&expected), "no `cargo xtask {expected}` found in {commands:?}");
        }
        for (script, words) in &calls {
            let argv = std::iter::once("cargo xtask".to_string()).chain(words.iter().cloned());
            if let Err(e) = Xtask::try_parse_from(argv) {
                panic!("{}: `cargo xtask {}` does not parse:\n{e}", script.display(), words.join(" "));
            }
        }
    }

    /// The README's `cargo xtask ...` spans name real commands, and those without `[...]`
    /// placeholders parse.
    #[test]
    fn the_readmes_invocations_parse() {
        let text = std::fs::read_to_string(crate::workspace_root().join("README.md")).expect("README.md");
        let mut seen = 0;
        for (at, _) in text.match_indices("cargo xtask ") {
            let rest = &text[at + "cargo xtask ".len()..];
            let rest = &rest[..rest.find(['`', '\n']).unwrap_or(rest.len())];
            let words: Vec<&str> = rest.split_whitespace().take_while(|w| !w.starts_with('#')).collect();
            // `cargo xtask COMMAND --help` stands for any command.
            let Some(first) = words.first().filter(|w| **w != "COMMAND") else { continue };
            seen += 1;
            let full = !rest.contains(['[', '|']) && !rest.contains("...") && words.len() > 1;
            let argv: Vec<&str> = if full { words.clone() } else { vec![first, "--help"] };
            match Xtask::try_parse_from(std::iter::once("cargo xtask").chain(argv)) {
                Ok(_) => {}
                Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {}
                Err(e) => panic!("README: `cargo xtask {rest}`:\n{e}"),
            }
        }
        assert!(seen > 10, "{seen} spans");
    }
}
