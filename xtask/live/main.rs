//! The live test's runner: `cargo xtask live-test` copies this file into a scratch workspace beside
//! crates generated for S3, DynamoDB, SQS, STS and Lambda, builds it, and runs it against a moto
//! server: `live-test-runner http://127.0.0.1:PORT`.
//!
//! Every call goes through one generic `send` (below, in `glue!`): serialize, point at the
//! endpoint, sign with `aws-sigv4`, send with `ureq`, parse. Each scenario creates, reads, updates,
//! lists and deletes, and makes one call that must fail with a modeled error. One line per call;
//! the exit status is 1 when any call did not do what the scenario expects.

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, PayloadChecksumKind, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

/// Fake credentials for the setup requests, which moto serves before it checks signatures.
const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "secret";
const REGION: &str = "us-east-1";
/// moto's default account.
const ACCOUNT: &str = "123456789012";

// ---- the glue an SDK author writes ----

/// An HTTP client, an endpoint, and credentials to sign with.
struct Client {
    agent: ureq::Agent,
    endpoint: String,
    identity: Identity,
}

/// Why a call failed: the request could not be built, it never got a response, or the service
/// answered with an error (modeled or not: the operation's error type says which).
#[derive(Debug)]
enum SendError<E> {
    Request(String),
    Transport(String),
    Service(E),
}

impl Client {
    fn new(endpoint: &str, access_key: &str, secret_key: &str) -> Client {
        // A non-2xx status is an answer to parse, not a transport error.
        let config = ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(Duration::from_secs(30))).build();
        let credentials = Credentials::new(access_key, secret_key, None, None, "live-test");
        Client { agent: config.into(), endpoint: endpoint.to_string(), identity: credentials.into() }
    }

    /// Signs `request` for `service` in `region` (SigV4) and sends it; any status comes back as a
    /// response.
    fn call(&self, request: http::Request<Vec<u8>>, service: &str, region: &str) -> Result<http::Response<Vec<u8>>, String> {
        self.send(request, Signing::SigV4 { service, region, unsigned_payload: false })
    }

    /// Signs `request` as `signing` says (or not at all) and sends it.
    fn send(&self, mut request: http::Request<Vec<u8>>, signing: Signing<'_>) -> Result<http::Response<Vec<u8>>, String> {
        if let Signing::SigV4 { service, region, unsigned_payload } = signing {
            self.sign(&mut request, service, region, unsigned_payload)?;
        }
        let response = self.agent.run(request).map_err(|e| e.to_string())?;
        let (parts, mut body) = response.into_parts();
        let bytes = body.read_to_vec().map_err(|e| e.to_string())?;
        Ok(http::Response::from_parts(parts, bytes))
    }

    fn sign(&self, request: &mut http::Request<Vec<u8>>, service: &str, region: &str, unsigned_payload: bool) -> Result<(), String> {
        let mut settings = SigningSettings::default();
        if service == "s3" {
            settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256; // S3 wants the body's hash
        }
        let params = v4::SigningParams::builder()
            .identity(&self.identity)
            .region(region)
            .name(service)
            .time(SystemTime::now())
            .settings(settings)
            .build()
            .map_err(|e| e.to_string())?
            .into();
        let headers = request.headers().iter().map(|(k, v)| Ok((k.as_str(), v.to_str()?))).collect::<Result<Vec<_>, http::header::ToStrError>>();
        let uri = request.uri().to_string();
        let body = if unsigned_payload { SignableBody::UnsignedPayload } else { SignableBody::Bytes(request.body()) };
        let signable = SignableRequest::new(request.method().as_str(), uri, headers.map_err(|e| e.to_string())?.into_iter(), body)
            .map_err(|e| e.to_string())?;
        let (instructions, _signature) = sign(signable, &params).map_err(|e| e.to_string())?.into_parts();
        instructions.apply_to_request_http1x(request);
        Ok(())
    }
}

/// How a request is authenticated: from the operation's `AUTH_SCHEMES` and `UNSIGNED_PAYLOAD`.
#[derive(Debug, Clone, Copy)]
enum Signing<'a> {
    /// The operation is called anonymously (`AUTH_SCHEMES` is empty): no signature at all.
    Anonymous,
    SigV4 { service: &'a str, region: &'a str, unsigned_payload: bool },
}

/// Each generated crate has its own `Operation` trait, so the one generic `send` is stamped out
/// once per crate: `glue!(s3)` gives `s3_glue::send::<O>` for every `O: s3::operation::Operation`.
macro_rules! glue {
    ($sdk:ident, $module:ident) => {
        mod $module {
            use super::{Client, SendError};
            use $sdk::operation::Operation;

            pub fn send<O: Operation>(client: &Client, input: &O::Input) -> Result<O::Output, SendError<O::Error>> {
                let bad = |e: &dyn std::fmt::Display| SendError::Request(e.to_string());
                let mut request = O::serialize_request(input).map_err(|e| bad(&e))?;
                // The rule set, with SDK::Endpoint set to the server's URL (moto's here), and what
                // the operation adds (S3's bucket, for one).
                let base = $sdk::endpoint::Params::builder().region(super::REGION).endpoint(&client.endpoint);
                let params = O::endpoint_params(input, base.build().map_err(|e| bad(&e))?);
                let endpoint = $sdk::endpoint::resolve(&params).map_err(|e| bad(&e))?;
                let prefix = O::host_prefix(input).map_err(|e| bad(&e))?;
                endpoint.apply_to(&mut request, prefix.as_deref().unwrap_or("")).map_err(|e| bad(&e))?;
                // The first scheme this client supports; SigV4 is the only one here. An operation
                // with no scheme at all is called anonymously.
                let sigv4 = O::AUTH_SCHEMES.iter().find_map(|scheme| match scheme {
                    $sdk::auth::AuthScheme::SigV4 { signing_name } => Some(*signing_name),
                    _ => None,
                });
                let signing = match sigv4 {
                    _ if O::AUTH_SCHEMES.is_empty() => super::Signing::Anonymous,
                    Some(name) => super::Signing::SigV4 {
                        service: endpoint.signing_name().unwrap_or(name),
                        region: endpoint.signing_region().unwrap_or(super::REGION),
                        unsigned_payload: O::UNSIGNED_PAYLOAD,
                    },
                    None => return Err(SendError::Request(format!("{} needs an auth scheme this client lacks: {:?}", O::NAME, O::AUTH_SCHEMES))),
                };
                let response = client.send(request, signing).map_err(SendError::Transport)?;
                O::parse_response(&response).map_err(SendError::Service)
            }

            // ---- the test's reporting, on top of `send` ----

            use $sdk::{ProvideErrorMetadata, RequestId};

            /// `send`, printing `SERVICE Operation: ok (request id ...)` or why it failed.
            pub fn ok<O: Operation>(client: &Client, input: &O::Input) -> Result<O::Output, String> {
                match send::<O>(client, input) {
                    Ok(output) => {
                        println!("{} {}: ok (request id {})", $sdk::SDK_ID, O::NAME, output.request_id().unwrap_or("none"));
                        Ok(output)
                    }
                    Err(e) => Err(super::fail($sdk::SDK_ID, O::NAME, &describe(&e))),
                }
            }

            /// `send` where the service must answer with the error `expected` (`is_expected` checks
            /// its typed variant).
            pub fn err<O: Operation>(
                client: &Client,
                input: &O::Input,
                expected: &str,
                is_expected: impl FnOnce(&O::Error) -> bool,
            ) -> Result<(), String> {
                match send::<O>(client, input) {
                    Err(SendError::Service(e)) if is_expected(&e) => {
                        let code = e.code().unwrap_or("no code");
                        println!(
                            "{} {}: ok, expected error {expected}: got {code} (request id {})",
                            $sdk::SDK_ID,
                            O::NAME,
                            e.request_id().unwrap_or("none")
                        );
                        Ok(())
                    }
                    Err(e) => Err(super::fail($sdk::SDK_ID, O::NAME, &format!("expected error {expected}: got {}", describe(&e)))),
                    Ok(_) => Err(super::fail($sdk::SDK_ID, O::NAME, &format!("expected error {expected}: got a success"))),
                }
            }

            fn describe<E: $sdk::ServiceError>(e: &SendError<E>) -> String {
                match e {
                    SendError::Request(m) => format!("request not built: {m}"),
                    SendError::Transport(m) => format!("no response: {m}"),
                    SendError::Service(e) => format!(
                        "{e} (code {}, request id {})",
                        e.code().unwrap_or("none"),
                        e.request_id().unwrap_or("none")
                    ),
                }
            }
        }
    };
}

glue!(s3, s3_glue);
glue!(dynamodb, dynamodb_glue);
glue!(sqs, sqs_glue);
glue!(sts, sts_glue);
glue!(emr, emr_glue);
glue!(lambda, lambda_glue);

fn fail(service: &str, operation: &str, why: &str) -> String {
    let line = format!("{service} {operation}: FAILED: {why}");
    println!("{line}");
    line
}

/// A check on what a call returned; prints the failure line when it does not hold.
fn check(service: &str, what: &str, holds: bool, detail: impl std::fmt::Debug) -> Result<(), String> {
    if holds {
        println!("{service} {what}: ok");
        Ok(())
    } else {
        Err(fail(service, what, &format!("unexpected result: {detail:?}")))
    }
}

/// Whether a timestamp the service sent is within a day of now: the check that its wire format
/// (http-date header, XML date-time, JSON epoch seconds) was read.
fn near_now(secs: f64) -> bool {
    let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64());
    (secs - now).abs() < 86_400.0
}

fn build<T, E: std::fmt::Display>(built: Result<T, E>) -> Result<T, String> {
    built.map_err(|e| format!("input not built: {e}"))
}

fn main() {
    let Some(endpoint) = std::env::args().nth(1) else {
        eprintln!("usage: live-test-runner http://127.0.0.1:PORT");
        std::process::exit(2);
    };
    let client = match setup(&endpoint) {
        Ok(client) => client,
        Err(why) => {
            println!("setup failed: {why}");
            std::process::exit(1);
        }
    };
    let scenarios: [(&str, Scenario); 6] = [
        ("S3", s3_scenario),
        ("DynamoDB", dynamodb_scenario),
        ("SQS", sqs_scenario),
        ("STS", sts_scenario),
        ("EMR", emr_scenario),
        ("Lambda", lambda_scenario),
    ];
    let mut failed = Vec::new();
    for (name, scenario) in scenarios {
        if let Err(why) = scenario(&client) {
            failed.push(format!("{name}: {why}"));
        }
    }
    if failed.is_empty() {
        println!("all {} scenarios passed", scenarios.len());
    } else {
        println!("{} of {} scenarios failed:", failed.len(), scenarios.len());
        for f in &failed {
            println!("  {f}");
        }
        std::process::exit(1);
    }
}

/// A service's scenario: `Err` names the first call that did not do what it should.
type Scenario = fn(&Setup) -> Result<(), String>;

/// What the scenarios share: a client signing with a real access key of moto's IAM, the endpoint,
/// and an IAM role (for Lambda's functions and STS's AssumeRole).
struct Setup {
    client: Client,
    role_arn: String,
}

impl std::ops::Deref for Setup {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

/// Test setup, not part of the glue. moto checks signatures only when told to (its
/// `/moto-api/reset-auth`), and then only for keys its IAM issued: so the setup makes an IAM user
/// allowed everything and an access key for it, turns checking on, and every call after is
/// signed with that key and verified by moto (a call signed with a wrong secret is shown to be
/// refused). There is no IAM Smithy model to generate a crate from, so the IAM calls are awsQuery
/// requests built by hand, signed and sent like any other.
fn setup(endpoint: &str) -> Result<Setup, String> {
    let fake = Client::new(endpoint, ACCESS_KEY, SECRET_KEY);
    let user = "smelt-live-test";
    iam_query(&fake, "CreateUser", &[("UserName", user)])?;
    let allow_all = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    iam_query(&fake, "PutUserPolicy", &[("UserName", user), ("PolicyName", "everything"), ("PolicyDocument", allow_all)])?;
    let key = iam_query(&fake, "CreateAccessKey", &[("UserName", user)])?;
    let (Some(access_key), Some(secret)) = (xml_text(&key, "AccessKeyId"), xml_text(&key, "SecretAccessKey")) else {
        return Err(fail("IAM", "CreateAccessKey (setup)", &format!("no key in {key}")));
    };
    let client = Client::new(endpoint, &access_key, &secret);
    moto_checks_signatures(&client, true)?;

    // The proof that moto verifies signatures from here on: the same key with a wrong secret.
    let forged = Client::new(endpoint, &access_key, "not-the-secret");
    let refused = sts_glue::send::<sts::operation::get_caller_identity::GetCallerIdentity>(
        &forged,
        &sts::operation::get_caller_identity::GetCallerIdentityInput::builder().build(),
    );
    match refused {
        Err(SendError::Service(e)) if sts::ProvideErrorMetadata::code(&e) == Some("SignatureDoesNotMatch") => {
            println!("STS GetCallerIdentity (signed with a wrong secret): ok, expected error SignatureDoesNotMatch: got SignatureDoesNotMatch");
        }
        other => return Err(fail("STS", "GetCallerIdentity (signed with a wrong secret)", &format!("expected SignatureDoesNotMatch, got {other:?}"))),
    }

    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Service":"lambda.amazonaws.com","AWS":"arn:aws:iam::{ACCOUNT}:user/{user}"}},"Action":"sts:AssumeRole"}}]}}"#
    );
    let role = iam_query(&client, "CreateRole", &[("RoleName", "smelt-live-test"), ("AssumeRolePolicyDocument", &trust)])?;
    let role_arn = xml_text(&role, "Arn").ok_or_else(|| fail("IAM", "CreateRole (setup)", &format!("no Arn in {role}")))?;
    Ok(Setup { client, role_arn })
}

/// Turns moto's signature and permission checks on (from the next request) or off.
fn moto_checks_signatures(client: &Client, on: bool) -> Result<(), String> {
    let request = http::Request::post(format!("{}/moto-api/reset-auth", client.endpoint))
        .body(if on { b"0".to_vec() } else { b"inf".to_vec() })
        .map_err(|e| e.to_string())?;
    let response = client.agent.run(request).map_err(|e| e.to_string())?;
    if !response.status().is_success() {
        return Err(fail("moto", "reset-auth (setup)", &format!("status {}", response.status())));
    }
    println!("moto: signature checks {}", if on { "on" } else { "off" });
    Ok(())
}

/// An IAM awsQuery request built by hand (setup only); the response body when the status is 2xx.
fn iam_query(client: &Client, action: &str, params: &[(&str, &str)]) -> Result<String, String> {
    let mut form = format!("Action={action}&Version=2010-05-08");
    for (name, value) in params {
        form.push_str(&format!("&{name}={}", percent_encode(value)));
    }
    let request = http::Request::post(format!("{}/", client.endpoint))
        .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
        .body(form.into_bytes())
        .map_err(|e| e.to_string())?;
    let operation = format!("{action} (setup, hand-built query request)");
    let response = client.call(request, "iam", REGION).map_err(|e| fail("IAM", &operation, &e))?;
    let body = String::from_utf8_lossy(response.body()).into_owned();
    if !response.status().is_success() {
        return Err(fail("IAM", &operation, &format!("status {}: {body}", response.status())));
    }
    println!("IAM {operation}: ok (request id {})", xml_text(&body, "RequestId").unwrap_or_else(|| "none".into()));
    Ok(body)
}

/// The text of the first `<name>` element of `xml` (setup responses only).
fn xml_text(xml: &str, name: &str) -> Option<String> {
    let (_, rest) = xml.split_once(&format!("<{name}>"))?;
    Some(rest.split_once(&format!("</{name}>"))?.0.to_string())
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

// ---- S3 (restXml) ----

fn s3_scenario(client: &Setup) -> Result<(), String> {
    use s3::operation::{
        create_bucket::*, delete_bucket::*, delete_object::*, delete_objects::*, get_object::*, list_objects_v2::*, put_object::*,
    };
    use s3::types::{ChecksumAlgorithm, ChecksumMode, Delete, ObjectIdentifier};
    use s3_glue::{err, ok};
    let bucket = "smelt-live-test";
    ok::<CreateBucket>(client, &build(CreateBucketInput::builder().bucket(bucket).build())?)?;
    let put = |body: &str| PutObjectInput::builder().bucket(bucket).key("greeting.txt").content_type("text/plain").body(body).build();
    ok::<PutObject>(client, &build(put("hello"))?)?;
    let get = build(GetObjectInput::builder().bucket(bucket).key("greeting.txt").build())?;
    let output = ok::<GetObject>(client, &get)?;
    check("S3", "GetObject body", output.body().as_bytes() == Some(b"hello".as_slice()), output.body())?;
    let headers = (output.content_type(), output.content_length(), output.e_tag().is_some(), output.last_modified().map(|t| near_now(t.as_secs_f64())));
    check("S3", "GetObject headers", headers == (Some("text/plain"), Some(5), true, Some(true)), headers)?;
    ok::<PutObject>(client, &build(put("hello again"))?)?;
    let output = ok::<GetObject>(client, &get)?;
    check("S3", "GetObject body after the update", output.body().as_bytes() == Some(b"hello again".as_slice()), output.body())?;
    ok::<PutObject>(client, &build(PutObjectInput::builder().bucket(bucket).key("dir/second.txt").body("2").build())?)?;
    let listed = ok::<ListObjectsV2>(client, &build(ListObjectsV2Input::builder().bucket(bucket).build())?)?;
    let keys: Vec<&str> = listed.contents().iter().filter_map(|o| o.key()).collect();
    check("S3", "ListObjectsV2 keys", keys == ["dir/second.txt", "greeting.txt"], &keys)?;
    let dated = listed.contents().iter().all(|o| o.last_modified().is_some_and(|t| near_now(t.as_secs_f64())));
    check("S3", "ListObjectsV2 LastModified", dated && listed.key_count() == Some(2), (listed.contents(), listed.key_count()))?;
    // Flexible checksums: an upload with a chosen algorithm, read back with validation on, and
    // DeleteObjects, which S3 refuses without a checksum (it gets CRC32 by default).
    let sha256 = s3::checksums::ChecksumAlgorithm::Sha256.checksum(b"checked body");
    let upload = PutObjectInput::builder().bucket(bucket).key("checked.txt").checksum_algorithm(ChecksumAlgorithm::Sha256).body("checked body");
    let uploaded = ok::<PutObject>(client, &build(upload.build())?)?;
    check("S3", "PutObject with SHA256: the checksum the service computed", uploaded.checksum_sha256() == Some(sha256.as_str()), uploaded.checksum_sha256())?;
    let validated = GetObjectInput::builder().bucket(bucket).key("checked.txt").checksum_mode(ChecksumMode::Enabled);
    let output = ok::<GetObject>(client, &build(validated.build())?)?;
    let checked = (output.checksum_sha256(), output.body().as_bytes());
    check("S3", "GetObject with ChecksumMode ENABLED: body validated against x-amz-checksum-sha256", checked == (Some(sha256.as_str()), Some(b"checked body".as_slice())), checked)?;
    ok::<DeleteObject>(client, &build(DeleteObjectInput::builder().bucket(bucket).key("greeting.txt").build())?)?;
    let objects: Result<Vec<_>, _> = ["dir/second.txt", "checked.txt"].iter().map(|key| ObjectIdentifier::builder().key(*key).build()).collect();
    let delete = build(Delete::builder().set_objects(Some(build(objects)?)).build())?;
    let deleted = ok::<DeleteObjects>(client, &build(DeleteObjectsInput::builder().bucket(bucket).delete(delete).build())?)?;
    let mut keys: Vec<&str> = deleted.deleted().iter().filter_map(|d| d.key()).collect();
    keys.sort();
    check("S3", "DeleteObjects (checksum required: CRC32 sent) deleted keys", keys == ["checked.txt", "dir/second.txt"], (&keys, deleted.errors()))?;
    err::<GetObject>(client, &get, "NoSuchKey", |e| matches!(e, GetObjectError::NoSuchKey(_)))?;
    ok::<DeleteBucket>(client, &build(DeleteBucketInput::builder().bucket(bucket).build())?)?;
    Ok(())
}

// ---- DynamoDB (awsJson1_0) ----

fn dynamodb_scenario(client: &Setup) -> Result<(), String> {
    use dynamodb::operation::{
        create_table::*, delete_table::*, describe_table::*, get_item::*, list_tables::*, put_item::*, scan::*,
        update_item::*,
    };
    use dynamodb::types::{AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, ReturnValue, ScalarAttributeType};
    use dynamodb_glue::{err, ok};
    let table = "smelt-live-test";
    let create = CreateTableInput::builder()
        .table_name(table)
        .attribute_definitions(build(AttributeDefinition::builder().attribute_name("pk").attribute_type(ScalarAttributeType::S).build())?)
        .key_schema(build(KeySchemaElement::builder().attribute_name("pk").key_type(KeyType::Hash).build())?)
        .billing_mode(BillingMode::PayPerRequest);
    let created = ok::<CreateTable>(client, &build(create.build())?)?;
    let name = created.table_description().and_then(|t| t.table_name());
    check("DynamoDB", "CreateTable table name", name == Some(table), name)?;
    let when = created.table_description().and_then(|t| t.creation_date_time());
    check("DynamoDB", "CreateTable CreationDateTime", when.is_some_and(|t| near_now(t.as_secs_f64())), when)?;
    let described = ok::<DescribeTable>(client, &build(DescribeTableInput::builder().table_name(table).build())?)?;
    let key = described.table().map(|t| t.key_schema().iter().map(|k| k.attribute_name()).collect::<Vec<_>>());
    check("DynamoDB", "DescribeTable key schema", key == Some(vec!["pk"]), key)?;

    let put = PutItemInput::builder()
        .table_name(table)
        .item("pk", AttributeValue::S("item-1".into()))
        .item("colour", AttributeValue::S("red".into()))
        .item("count", AttributeValue::N("1".into()));
    ok::<PutItem>(client, &build(put.build())?)?;
    let get = build(GetItemInput::builder().table_name(table).key("pk", AttributeValue::S("item-1".into())).consistent_read(true).build())?;
    let item = ok::<GetItem>(client, &get)?;
    let colour = item.item().and_then(|i| i.get("colour"));
    check("DynamoDB", "GetItem colour", colour == Some(&AttributeValue::S("red".into())), colour)?;
    let update = UpdateItemInput::builder()
        .table_name(table)
        .key("pk", AttributeValue::S("item-1".into()))
        .update_expression("SET colour = :c ADD #n :one")
        .expression_attribute_names("#n", "count")
        .expression_attribute_values(":c", AttributeValue::S("blue".into()))
        .expression_attribute_values(":one", AttributeValue::N("1".into()))
        .return_values(ReturnValue::AllNew);
    let updated = ok::<UpdateItem>(client, &build(update.build())?)?;
    let attrs = updated.attributes();
    let want = (Some(&AttributeValue::S("blue".into())), Some(&AttributeValue::N("2".into())));
    let got = (attrs.and_then(|a| a.get("colour")), attrs.and_then(|a| a.get("count")));
    check("DynamoDB", "UpdateItem new values", got == want, got)?;
    let tables = ok::<ListTables>(client, &ListTablesInput::builder().build())?;
    check("DynamoDB", "ListTables names", tables.table_names().iter().any(|t| t == table), tables.table_names())?;
    let scanned = ok::<Scan>(client, &build(ScanInput::builder().table_name(table).build())?)?;
    check("DynamoDB", "Scan count", scanned.count() == 1 && scanned.items().len() == 1, (scanned.count(), scanned.items()))?;
    ok::<DeleteTable>(client, &build(DeleteTableInput::builder().table_name(table).build())?)?;
    err::<DescribeTable>(client, &build(DescribeTableInput::builder().table_name(table).build())?, "ResourceNotFoundException", |e| {
        matches!(e, DescribeTableError::ResourceNotFoundException(_))
    })?;
    Ok(())
}

// ---- SQS (awsJson1_0 with awsQueryCompatible) ----

fn sqs_scenario(client: &Setup) -> Result<(), String> {
    use sqs::operation::{
        change_message_visibility::*, create_queue::*, delete_queue::*, get_queue_attributes::*, get_queue_url::*,
        list_queues::*, receive_message::*, send_message::*, set_queue_attributes::*,
    };
    use sqs::types::QueueAttributeName;
    use sqs_glue::{err, ok};
    let name = "smelt-live-test";
    let created = ok::<CreateQueue>(client, &build(CreateQueueInput::builder().queue_name(name).attributes(QueueAttributeName::DelaySeconds, "0").build())?)?;
    let url = created.queue_url().unwrap_or_default().to_string();
    check("SQS", "CreateQueue URL", url.ends_with(&format!("/{name}")), &url)?;
    let found = ok::<GetQueueUrl>(client, &build(GetQueueUrlInput::builder().queue_name(name).build())?)?;
    check("SQS", "GetQueueUrl URL", found.queue_url() == Some(url.as_str()), found.queue_url())?;
    let sent = ok::<SendMessage>(client, &build(SendMessageInput::builder().queue_url(&url).message_body("hello queue").build())?)?;
    check("SQS", "SendMessage id", sent.message_id().is_some(), sent.message_id())?;
    let receive = ReceiveMessageInput::builder().queue_url(&url).max_number_of_messages(1).wait_time_seconds(0);
    let received = ok::<ReceiveMessage>(client, &build(receive.build())?)?;
    let bodies: Vec<&str> = received.messages().iter().filter_map(|m| m.body()).collect();
    check("SQS", "ReceiveMessage bodies", bodies == ["hello queue"], &bodies)?;
    let handle = received.messages().first().and_then(|m| m.receipt_handle()).unwrap_or_default();
    let change = ChangeMessageVisibilityInput::builder().queue_url(&url).receipt_handle(handle).visibility_timeout(0);
    ok::<ChangeMessageVisibility>(client, &build(change.build())?)?;
    let set = SetQueueAttributesInput::builder().queue_url(&url).attributes(QueueAttributeName::VisibilityTimeout, "45");
    ok::<SetQueueAttributes>(client, &build(set.build())?)?;
    let get = GetQueueAttributesInput::builder().queue_url(&url).attribute_names(QueueAttributeName::VisibilityTimeout);
    let attributes = ok::<GetQueueAttributes>(client, &build(get.build())?)?;
    let timeout = attributes.attributes().and_then(|a| a.get(&QueueAttributeName::VisibilityTimeout)).map(String::as_str);
    check("SQS", "GetQueueAttributes VisibilityTimeout", timeout == Some("45"), timeout)?;
    let listed = ok::<ListQueues>(client, &ListQueuesInput::builder().queue_name_prefix("smelt-").build())?;
    check("SQS", "ListQueues URLs", listed.queue_urls() == [url.clone()], listed.queue_urls())?;
    ok::<DeleteQueue>(client, &build(DeleteQueueInput::builder().queue_url(&url).build())?)?;
    err::<GetQueueUrl>(client, &build(GetQueueUrlInput::builder().queue_name(name).build())?, "QueueDoesNotExist", |e| {
        matches!(e, GetQueueUrlError::QueueDoesNotExist(_))
    })?;
    Ok(())
}

// ---- EMR (awsJson1_1) ----

fn emr_scenario(client: &Setup) -> Result<(), String> {
    use emr::operation::{describe_cluster::*, list_clusters::*, run_job_flow::*, set_termination_protection::*, terminate_job_flows::*};
    use emr::types::JobFlowInstancesConfig;
    use emr_glue::{err, ok};
    let instances = JobFlowInstancesConfig::builder()
        .master_instance_type("m5.xlarge")
        .slave_instance_type("m5.xlarge")
        .instance_count(1)
        .keep_job_flow_alive_when_no_steps(true)
        .build();
    let run = RunJobFlowInput::builder()
        .name("smelt-live-test")
        .release_label("emr-6.15.0")
        .instances(instances)
        .job_flow_role("EMR_EC2_DefaultRole")
        .service_role("EMR_DefaultRole");
    let started = ok::<RunJobFlow>(client, &build(run.build())?)?;
    let id = started.job_flow_id().unwrap_or_default().to_string();
    check("EMR", "RunJobFlow id", id.starts_with("j-"), &id)?;
    let described = ok::<DescribeCluster>(client, &build(DescribeClusterInput::builder().cluster_id(&id).build())?)?;
    let name = described.cluster().and_then(|c| c.name());
    check("EMR", "DescribeCluster name", name == Some("smelt-live-test"), name)?;
    let protect = SetTerminationProtectionInput::builder().job_flow_ids(&id).termination_protected(false);
    ok::<SetTerminationProtection>(client, &build(protect.build())?)?;
    let listed = ok::<ListClusters>(client, &ListClustersInput::builder().build())?;
    let ids: Vec<&str> = listed.clusters().iter().filter_map(|c| c.id()).collect();
    check("EMR", "ListClusters ids", ids.contains(&id.as_str()), &ids)?;
    ok::<TerminateJobFlows>(client, &build(TerminateJobFlowsInput::builder().job_flow_ids(&id).build())?)?;
    err::<DescribeCluster>(client, &build(DescribeClusterInput::builder().cluster_id("j-MISSING").build())?, "InvalidRequestException", |e| {
        matches!(e, DescribeClusterError::InvalidRequestException(_))
    })?;
    Ok(())
}

// ---- STS (awsQuery) ----

fn sts_scenario(client: &Setup) -> Result<(), String> {
    use sts::operation::{assume_role::*, assume_role_with_web_identity::*, get_caller_identity::*, Operation as _};
    use sts_glue::{err, ok};
    let identity = ok::<GetCallerIdentity>(client, &GetCallerIdentityInput::builder().build())?;
    check("STS", "GetCallerIdentity account", identity.account() == Some(ACCOUNT), identity.account())?;
    let role = &client.role_arn;
    let assume = AssumeRoleInput::builder().role_arn(role).role_session_name("smelt").duration_seconds(900);
    let assumed = ok::<AssumeRole>(client, &build(assume.build())?)?;
    let user = assumed.assumed_role_user().map(|u| u.arn());
    check("STS", "AssumeRole user", user.is_some_and(|arn| arn.ends_with(":assumed-role/smelt-live-test/smelt")), user)?;
    let credentials = assumed.credentials();
    let fresh = credentials.is_some_and(|c| !c.access_key_id().is_empty() && near_now(c.expiration().as_secs_f64()));
    check("STS", "AssumeRole credentials", fresh, credentials)?;
    // moto answers no STS call with an error the model declares (it raises only the common
    // `ValidationError`): a session name over 64 characters must come back as that, unmodeled.
    let too_long = AssumeRoleInput::builder().role_arn(role).role_session_name("s".repeat(65));
    err::<AssumeRole>(client, &build(too_long.build())?, "ValidationError (unmodeled)", |e| {
        matches!(e, AssumeRoleError::Unhandled(_)) && e.code() == Some("ValidationError")
    })?;
    // An anonymous call: the model says `@auth([])` (the caller trades a token from an identity
    // provider for credentials it does not have yet), so `send` signs nothing. moto's own check
    // wants a signature on every call, so it is off for this one.
    check("STS", "AssumeRoleWithWebIdentity AUTH_SCHEMES (anonymous)", AssumeRoleWithWebIdentity::AUTH_SCHEMES.is_empty(), AssumeRoleWithWebIdentity::AUTH_SCHEMES)?;
    moto_checks_signatures(client, false)?;
    let token = AssumeRoleWithWebIdentityInput::builder().role_arn(role).role_session_name("smelt-web").web_identity_token("a-token-from-an-identity-provider");
    let anonymous = ok::<AssumeRoleWithWebIdentity>(client, &build(token.build())?);
    moto_checks_signatures(client, true)?;
    let anonymous = anonymous?;
    let credentials = anonymous.credentials().map(|c| !c.access_key_id().is_empty());
    check("STS", "AssumeRoleWithWebIdentity (sent unsigned) credentials", credentials == Some(true), anonymous.credentials())?;
    Ok(())
}

// ---- Lambda (restJson1) ----

fn lambda_scenario(client: &Setup) -> Result<(), String> {
    use lambda::operation::{
        create_function::*, delete_function::*, get_function::*, list_functions::*, update_function_configuration::*,
    };
    use lambda::types::{FunctionCode, Runtime};
    use lambda_glue::{err, ok};
    // moto's own signature check fails every Lambda GET and DELETE (boto3's too: it recomputes the
    // signature over a body it makes up for them), so Lambda runs unchecked.
    moto_checks_signatures(client, false)?;
    let role = client.role_arn.clone();
    let name = "smelt-live-test";
    // moto keeps the code and runs it only on Invoke (in Docker, which this test never calls); an
    // empty zip archive (its end-of-central-directory record alone) will do.
    let mut empty_zip = b"PK\x05\x06".to_vec();
    empty_zip.resize(22, 0);
    let create = CreateFunctionInput::builder()
        .function_name(name)
        .runtime(Runtime::Python312)
        .role(&role)
        .handler("index.handler")
        .description("first")
        .code(FunctionCode::builder().zip_file(empty_zip).build());
    let created = ok::<CreateFunction>(client, &build(create.build())?)?;
    check("Lambda", "CreateFunction name", created.function_name() == Some(name), created.function_name())?;
    let get = build(GetFunctionInput::builder().function_name(name).build())?;
    let got = ok::<GetFunction>(client, &get)?;
    let role_read = got.configuration().and_then(|c| c.role());
    check("Lambda", "GetFunction role", role_read == Some(role.as_str()), role_read)?;
    let update = UpdateFunctionConfigurationInput::builder().function_name(name).description("second").timeout(30);
    let updated = ok::<UpdateFunctionConfiguration>(client, &build(update.build())?)?;
    check("Lambda", "UpdateFunctionConfiguration", (updated.description(), updated.timeout()) == (Some("second"), Some(30)), (updated.description(), updated.timeout()))?;
    let listed = ok::<ListFunctions>(client, &ListFunctionsInput::builder().build())?;
    let names: Vec<&str> = listed.functions().iter().filter_map(|f| f.function_name()).collect();
    check("Lambda", "ListFunctions names", names == [name], &names)?;
    ok::<DeleteFunction>(client, &build(DeleteFunctionInput::builder().function_name(name).build())?)?;
    err::<GetFunction>(client, &get, "ResourceNotFoundException", |e| matches!(e, GetFunctionError::ResourceNotFoundException(_)))?;
    Ok(())
}
