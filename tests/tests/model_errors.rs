//! A model the generator cannot use gives a typed error that names the shape, member or JSON
//! path at fault; nothing panics.

fn generate(json: &str, operations: Option<&[&str]>) -> Result<codegen::Files, codegen::Error> {
    let options = codegen::Options {
        selection: codegen::Selection {
            operations: operations.map(|ops| ops.iter().map(|s| s.to_string()).collect()),
            ..Default::default()
        },
        emit: codegen::EmitOptions { generated_by: "test".to_string(), protocol_tests: false },
    };
    codegen::generate(json, &options)
}

fn error(json: &str) -> String {
    generate(json, None).expect_err("the model is broken").to_string()
}

#[test]
fn malformed_json_names_the_json_path() {
    let message = error(r#"{"smithy":"2.0","shapes":{"a#S":{"type":"structure","members":{"x":{"targt":"a#T"}}}}}"#);
    assert!(message.contains("shapes.a#S.members.x") && message.contains("missing field `target`"), "{message}");
}

#[test]
fn unknown_shape_type_is_reported() {
    let message = error(r#"{"smithy":"2.0","shapes":{"a#S":{"type":"struct"}}}"#);
    assert!(message.contains("shapes.a#S.type"), "{message}");
}

#[test]
fn missing_target_names_both_shapes() {
    let message = error(r#"{"smithy":"2.0","shapes":{"a#S":{"type":"service","operations":[{"target":"a#Missing"}]}}}"#);
    assert_eq!(message, "shape `a#S` targets `a#Missing`, which is not defined in the model");
}

#[test]
fn unsupported_version_is_reported() {
    assert!(error(r#"{"smithy":"3.0","shapes":{}}"#).contains("unsupported Smithy version `3.0`"));
}

#[test]
fn mixin_cycle_is_reported() {
    let message = error(
        r#"{"smithy":"2.0","shapes":{
            "a#A":{"type":"structure","mixins":[{"target":"a#B"}],"members":{},"traits":{"smithy.api#mixin":{}}},
            "a#B":{"type":"structure","mixins":[{"target":"a#A"}],"members":{},"traits":{"smithy.api#mixin":{}}}}}"#,
    );
    assert!(message.contains("mixins form a cycle"), "{message}");
}

#[test]
fn no_service_and_several_services() {
    assert!(error(r#"{"smithy":"2.0","shapes":{}}"#).contains("no service shape"));
    let two = r#"{"smithy":"2.0","shapes":{"a#S":{"type":"service"},"a#T":{"type":"service"}}}"#;
    assert!(error(two).contains("several services (a#S, a#T)"));
}

#[test]
fn unknown_operation_lists_the_available_ones() {
    let model = r#"{"smithy":"2.0","shapes":{"a#S":{"type":"service","operations":[{"target":"a#Op"}]},"a#Op":{"type":"operation"}}}"#;
    let message = generate(model, Some(&["Nope"])).expect_err("no such operation").to_string();
    assert_eq!(message, "service `a#S` has no operation named `Nope` (it has: Op)");
}

#[test]
fn int_enum_without_integer_value_names_the_member() {
    let model = r#"{"smithy":"2.0","shapes":{
        "a#S":{"type":"service","operations":[{"target":"a#Op"}]},
        "a#Op":{"type":"operation","input":{"target":"a#In"}},
        "a#In":{"type":"structure","members":{"e":{"target":"a#E"}}},
        "a#E":{"type":"intEnum","members":{"ONE":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"one"}}}}}}"#;
    let message = generate(model, None).expect_err("bad intEnum").to_string();
    assert_eq!(message, "shape `a#E` member `ONE`: `@enumValue` \"one\" is not a 32-bit integer (give every intEnum member an integer `smithy.api#enumValue`)");
}

#[test]
fn operations_select_their_closure_only() {
    let model = r#"{"smithy":"2.0","shapes":{
        "a#S":{"type":"service","operations":[{"target":"a#One"},{"target":"a#Two"}]},
        "a#One":{"type":"operation","input":{"target":"a#OneIn"}},
        "a#Two":{"type":"operation","input":{"target":"a#TwoIn"}},
        "a#OneIn":{"type":"structure","members":{"x":{"target":"a#OnlyOne"}}},
        "a#TwoIn":{"type":"structure","members":{"y":{"target":"a#OnlyTwo"}}},
        "a#OnlyOne":{"type":"structure","members":{}},
        "a#OnlyTwo":{"type":"structure","members":{}}}}"#;
    let files = generate(model, Some(&["One"])).expect("valid model");
    assert!(files.contains_key("src/types/only_one.rs") && files.contains_key("src/operation/one.rs"));
    assert!(!files.keys().any(|p| p.contains("two")), "{:?}", files.keys().collect::<Vec<_>>());
}

#[test]
fn generation_is_deterministic() {
    let model = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../model/ivsrealtime.json")).expect("model");
    assert_eq!(generate(&model, None).expect("valid"), generate(&model, None).expect("valid"));
}

#[test]
fn the_crate_version_is_asked_for_or_refused() {
    let model = r#"{"smithy":"2.0","shapes":{
        "a#S":{"type":"service","operations":[{"target":"a#Op"}]},
        "a#Op":{"type":"operation"}}}"#;
    let with_version = |version: &str| {
        let options = codegen::Options {
            selection: codegen::Selection { crate_version: Some(version.to_string()), ..Default::default() },
            emit: codegen::EmitOptions { generated_by: "test".to_string(), protocol_tests: false },
        };
        codegen::generate(model, &options)
    };
    for good in ["1.4.0", "0.12.3", "2.0.0-rc.1"] {
        let files = with_version(good).expect("a semantic version");
        assert!(files["Cargo.toml"].contains(&format!("version = \"{good}\"")), "{}", files["Cargo.toml"]);
    }
    for bad in ["1.4", "v1.0.0", "01.0.0", "1.0.0-", ""] {
        let message = with_version(bad).expect_err("not a semantic version").to_string();
        assert!(message.contains("is not a crate version"), "{bad}: {message}");
    }
    let files = generate(model, None).expect("valid");
    assert!(files["Cargo.toml"].contains(&format!("version = \"{}\"", codegen::ir::DEFAULT_CRATE_VERSION)));
}
