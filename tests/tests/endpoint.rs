//! The generated endpoint resolver of the fixture service `endpoint_rules` (its rule set's own
//! `endpointTests` run with `cargo xtask endpoint-tests tests/fixtures`-style folders; here: the
//! builder, the operations' `endpoint_params`, and properties).

use endpoint_rules::endpoint::{resolve, Params};
use endpoint_rules::operation::{get_widget, list_widgets};
use endpoint_rules::primitives::Document;

#[test]
fn defaults_apply_and_a_regional_endpoint_resolves() {
    let params = Params::builder().region("eu-west-1").build().unwrap();
    assert!(!params.use_fips);
    assert_eq!(resolve(&params).unwrap().url(), "https://widgets.eu-west-1.amazonaws.com");
    let fips = Params::builder().region("us-gov-west-1").use_fips(true).build().unwrap();
    assert_eq!(resolve(&fips).unwrap().url(), "https://widgets-fips.us-gov-west-1.amazonaws.com");
}

#[test]
fn errors_carry_the_rule_sets_message() {
    let error = resolve(&Params::builder().build().unwrap()).unwrap_err();
    assert_eq!(error.message(), "Invalid Configuration: Missing Region");
    let error = resolve(&Params::builder().region("us-east-1").use_fips(true).endpoint("https://x.test").build().unwrap()).unwrap_err();
    assert_eq!(error.to_string(), "Invalid Configuration: FIPS and custom endpoint are not supported");
}

#[test]
fn operations_bind_input_members_and_static_params() {
    let base = Params::builder().region("us-east-1").use_fips(true).build().unwrap();
    let input = get_widget::GetWidgetInput::builder().id("w-7").build().unwrap();
    let params = get_widget::endpoint_params(&input, base.clone());
    assert_eq!(params.widget_id.as_deref(), Some("w-7"));
    let listed = list_widgets::endpoint_params(&list_widgets::ListWidgetsInput::builder().build(), base);
    assert!(!listed.use_fips, "ListWidgets sets UseFIPS to false statically");

    let params = Params::builder().region("us-east-1").widget_id("w-7").build().unwrap();
    let endpoint = resolve(&params).unwrap();
    assert_eq!(endpoint.url(), "https://w-7.widgets.us-east-1.amazonaws.com");
    assert_eq!(endpoint.headers()["x-widget-id"], ["w-7"]);
    let Some(Document::Array(schemes)) = endpoint.properties().get("authSchemes") else { panic!("authSchemes") };
    let Document::Object(sigv4) = &schemes[0] else { panic!("an object") };
    assert_eq!(sigv4["signingRegion"], Document::String("us-east-1".to_string()));
    assert_eq!(endpoint.signing_region(), Some("us-east-1"));
    assert_eq!(endpoint.signing_name(), Some("widgets"));
    // Not a host label: the rule is skipped.
    let params = Params::builder().region("us-east-1").widget_id("not a label").build().unwrap();
    assert_eq!(resolve(&params).unwrap().url(), "https://widgets.us-east-1.amazonaws.com");
}
