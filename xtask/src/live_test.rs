//! `cargo xtask live-test`: the generated crates against a real AWS-compatible server.
//!
//! Generates a crate per service from `../shared/models/aws` (only the operations the scenarios
//! call, so they build fast) into a scratch workspace (`target/live-test/ws`) beside a runner
//! binary (`xtask/live/main.rs`, copied there) that sends every call through one generic `send`:
//! `serialize_request`, `apply_endpoint`, SigV4 signing with `aws-sigv4`, `ureq`, and
//! `parse_response`. It starts moto (`python3 -m moto.server`) on a free port of 127.0.0.1, runs the
//! runner against it, and stops moto by its process ID when done, also when anything fails.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::flags;

/// Where the AWS models are, relative to the workspace root.
const DEFAULT_MODELS: &str = "../shared/models/aws";

/// The runner's source, copied into the scratch workspace.
const RUNNER_MAIN: &str = include_str!("../live/main.rs");

/// The runner workspace's lock file: the versions of ureq, aws-sigv4 and their dependencies the
/// live test was last proven with. Copied in when the scratch workspace has none.
const RUNNER_LOCK: &str = include_str!("../live/Cargo.lock");

/// The runner's manifest: the generated crates, plus the HTTP client and the signer an SDK author
/// brings. No TLS: the server is `http://127.0.0.1`.
const RUNNER_MANIFEST: &str = r#"[package]
name = "live-test-runner"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
http = "1"
ureq = { version = "3", default-features = false }
aws-sigv4 = { version = "1", default-features = false, features = ["sign-http", "http1"] }
aws-credential-types = "1"
aws-smithy-runtime-api = { version = "1", features = ["client"] }
s3 = { path = "../s3" }
dynamodb = { path = "../dynamodb" }
sqs = { path = "../sqs" }
sts = { path = "../sts" }
emr = { path = "../emr" }
lambda = { path = "../lambda" }
"#;

/// A service the runner calls: the crate name, its model file, and the operations its scenario
/// uses (the crate holds only their closure).
struct Service {
    krate: &'static str,
    model: &'static str,
    operations: &'static [&'static str],
    /// Traits the service's current model has and this copy lacks, as `(shape ID, traits JSON)`:
    /// added to those shapes before generating.
    facts: &'static [(&'static str, &'static str)],
}

/// One service per protocol family. The issue also named CloudWatch Logs, SNS and IAM; there is no
/// Smithy model of them in the model set, so STS (awsQuery) and Lambda (restJson1) stand in, and
/// the IAM role Lambda needs is made with a hand-built query request in the runner.
const SERVICES: &[Service] = &[
    Service {
        krate: "s3",
        model: "s3-2006-03-01.json",
        operations: &["CreateBucket", "PutObject", "GetObject", "ListObjectsV2", "DeleteObject", "DeleteObjects", "DeleteBucket"],
        facts: &[],
    },
    Service {
        krate: "dynamodb",
        model: "dynamodb-2012-08-10.json",
        operations: &["CreateTable", "DescribeTable", "PutItem", "GetItem", "UpdateItem", "ListTables", "Scan", "DeleteTable"],
        facts: &[],
    },
    Service {
        krate: "sqs",
        model: "sqs-2012-11-05.json",
        operations: &[
            "CreateQueue",
            "GetQueueUrl",
            "GetQueueAttributes",
            "SendMessage",
            "ReceiveMessage",
            "SetQueueAttributes",
            "ChangeMessageVisibility",
            "ListQueues",
            "DeleteQueue",
        ],
        facts: &[],
    },
    Service {
        krate: "sts",
        model: "sts-2011-06-15.json",
        operations: &["GetCallerIdentity", "AssumeRole", "AssumeRoleWithWebIdentity"],
        // Today's STS model calls it anonymously (`@auth([])`; botocore: `noAuth`); this copy
        // predates the trait.
        facts: &[("com.amazonaws.sts#AssumeRoleWithWebIdentity", r#"{"smithy.api#auth": []}"#)],
    },
    Service {
        krate: "emr",
        model: "emr-2009-03-31.json",
        operations: &["RunJobFlow", "DescribeCluster", "SetTerminationProtection", "ListClusters", "TerminateJobFlows"],
        facts: &[],
    },
    Service {
        krate: "lambda",
        model: "lambda-2015-03-31.json",
        operations: &["CreateFunction", "GetFunction", "UpdateFunctionConfiguration", "ListFunctions", "DeleteFunction"],
        facts: &[],
    },
];

pub fn run(flags: &flags::LiveTest, root: &Path) -> ExitCode {
    let models = flags.models.clone().unwrap_or_else(|| root.join(DEFAULT_MODELS));
    match live_test(root, &models) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn live_test(root: &Path, models: &Path) -> Result<bool, String> {
    let started = Instant::now();
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    check_moto(&python)?;

    let base = root.join("target/live-test");
    let scratch = base.join("ws");
    for service in SERVICES {
        let files = generate(models, service)?;
        crate::write::plan(&scratch.join(service.krate), &files)
            .and_then(|plan| plan.apply())
            .map_err(|e| format!("{}: {e}", service.krate))?;
    }
    write_runner(&scratch)?;
    println!("generated {} crates in {:.1?}; building the runner in {}", SERVICES.len(), started.elapsed(), scratch.display());

    let build_started = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--quiet", "--package", "live-test-runner"])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", base.join("target"))
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !status.success() {
        return Err("the runner did not build (see above)".to_string());
    }
    println!("built in {:.1?}", build_started.elapsed());
    let runner = base.join("target/debug/live-test-runner");

    let moto = Moto::start(&python, &base.join("moto.log"))?;
    println!("moto is up at {} (pid {})", moto.url, moto.child.id());
    let status = Command::new(&runner)
        .arg(&moto.url)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {}: {e}", runner.display()))?;
    drop(moto);
    println!("live test {} in {:.1?}", if status.success() { "passed" } else { "FAILED" }, started.elapsed());
    Ok(status.success())
}

/// Whether moto's server can be imported, with the install line when it cannot.
fn check_moto(python: &str) -> Result<(), String> {
    let output = Command::new(python)
        .args(["-c", "import moto, moto.server; print(moto.__version__)"])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run `{python}`: {e}; the live test needs Python 3 with moto: pip install 'moto[server]'"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "moto is not importable by `{python}` ({}); install it with: {python} -m pip install 'moto[server]'",
            stderr.lines().last().unwrap_or("no error text").trim()
        ));
    }
    println!("moto {}", String::from_utf8_lossy(&output.stdout).trim());
    Ok(())
}

fn generate(models: &Path, service: &Service) -> Result<BTreeMap<String, String>, String> {
    let path = models.join(service.model);
    let mut text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !service.facts.is_empty() {
        text = with_facts(&text, service.facts).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let options = codegen::Options {
        selection: codegen::Selection {
            operations: Some(service.operations.iter().map(|s| s.to_string()).collect()),
            crate_name: Some(service.krate.to_string()),
            ..Default::default()
        },
        emit: codegen::EmitOptions { generated_by: "cargo xtask live-test".to_string(), protocol_tests: false },
    };
    codegen::generate(&text, &options).map_err(|e| format!("{}: {e}", path.display()))
}

/// The model with each fact's traits added to its shape.
fn with_facts(text: &str, facts: &[(&str, &str)]) -> Result<String, String> {
    let mut model: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    for (target, traits) in facts {
        let traits: serde_json::Map<String, serde_json::Value> = serde_json::from_str(traits).map_err(|e| e.to_string())?;
        let shape = model.pointer_mut(&format!("/shapes/{target}")).ok_or_else(|| format!("no shape `{target}`"))?;
        let own = shape.as_object_mut().ok_or_else(|| format!("`{target}` is not an object"))?.entry("traits").or_insert_with(|| serde_json::json!({}));
        own.as_object_mut().ok_or_else(|| format!("the traits of `{target}` are not an object"))?.extend(traits);
    }
    serde_json::to_string(&model).map_err(|e| e.to_string())
}

/// The workspace manifest, the runner crate, and (the first time) the pinned lock file.
fn write_runner(scratch: &Path) -> Result<(), String> {
    let members: Vec<String> = SERVICES.iter().map(|s| format!("{:?}", s.krate)).chain(["\"runner\"".to_string()]).collect();
    let workspace =
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n[profile.dev]\ndebug = 0\n", members.join(", "));
    write_if_changed(&scratch.join("Cargo.toml"), &workspace)?;
    write_if_changed(&scratch.join("runner/Cargo.toml"), RUNNER_MANIFEST)?;
    write_if_changed(&scratch.join("runner/src/main.rs"), RUNNER_MAIN)?;
    let lock = scratch.join("Cargo.lock");
    if !lock.exists() && !RUNNER_LOCK.is_empty() {
        write_if_changed(&lock, RUNNER_LOCK)?;
    }
    Ok(())
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    let parent = path.parent().expect("a file in a folder");
    std::fs::create_dir_all(parent)
        .and_then(|()| std::fs::write(path, text))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A moto server this process started; dropping it kills that process (by its ID) and reaps it,
/// so a failed build step, an error or a panic never leaves it running.
struct Moto {
    child: Child,
    url: String,
}

impl Moto {
    fn start(python: &str, log: &Path) -> Result<Moto, String> {
        let port = free_port()?;
        let log_file = std::fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let log_err = log_file.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new(python)
            .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(log_err)
            .spawn()
            .map_err(|e| format!("cannot start moto: {e}"))?;
        let mut moto = Moto { child, url: format!("http://127.0.0.1:{port}") };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if answers(port) {
                return Ok(moto);
            }
            if let Ok(Some(status)) = moto.child.try_wait() {
                let text = std::fs::read_to_string(log).unwrap_or_default();
                return Err(format!("moto exited ({status}) before answering:\n{}", text.trim_end()));
            }
            if Instant::now() > deadline {
                return Err(format!("moto did not answer on port {port} within 60 s (log: {})", log.display()));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// A port of 127.0.0.1 nothing listens on now.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| format!("no free port on 127.0.0.1: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// Whether an HTTP server answers on 127.0.0.1:`port` (any status line will do).
fn answers(port: u16) -> bool {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&address, Duration::from_millis(500)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream.write_all(b"GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runner_depends_on_every_generated_crate() {
        for service in SERVICES {
            let line = format!("{0} = {{ path = \"../{0}\" }}", service.krate);
            assert!(RUNNER_MANIFEST.contains(&line), "{line} missing from the runner's manifest");
            assert!(RUNNER_MAIN.contains(&format!("glue!({0}, {0}_glue);", service.krate)), "{} has no glue", service.krate);
        }
    }

    #[test]
    fn answers_only_when_an_http_server_does() {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("a port");
        let port = listener.local_addr().expect("bound").port();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("a connection");
            let mut request = [0u8; 64];
            let _ = stream.read(&mut request);
            stream.write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n").expect("written");
        });
        assert!(answers(port));
        server.join().expect("the server thread");
        assert!(!answers(free_port().expect("a free port")));
    }

    #[test]
    fn dropping_the_guard_stops_the_process() {
        let child = Command::new("sleep").arg("60").spawn().expect("sleep runs");
        let pid = child.id();
        drop(Moto { child, url: String::new() });
        // Killed and reaped: the process ID no longer names a process.
        assert!(!Path::new(&format!("/proc/{pid}")).exists(), "process {pid} is still there");
    }
}
