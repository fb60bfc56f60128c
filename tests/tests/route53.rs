//! Route 53's customization (`tests/fixtures/route53.json` → `tests/crates/route53`): IDs that
//! the service returns with their resource type before them go into the URI bare, one test per
//! family of IDs (hosted zone, change, delegation set; label and query).

use route53::operation::get_change::{self, GetChangeInput};
use route53::operation::get_hosted_zone::{self, GetHostedZoneInput};
use route53::operation::get_reusable_delegation_set::{self, GetReusableDelegationSetInput};
use route53::operation::list_hosted_zones::{self, ListHostedZonesInput};

#[test]
fn a_hosted_zone_id_loses_its_prefix() {
    for id in ["/hostedzone/Z1D633PJN98FT9", "hostedzone/Z1D633PJN98FT9", "Z1D633PJN98FT9"] {
        let input = GetHostedZoneInput::builder().id(id).build().unwrap();
        let request = get_hosted_zone::serialize_request(&input).unwrap();
        assert_eq!(request.uri().path(), "/2013-04-01/hostedzone/Z1D633PJN98FT9", "{id}");
    }
}

#[test]
fn a_change_id_loses_its_prefix() {
    let input = GetChangeInput::builder().id("/change/C2682N5HXP0BZ4").build().unwrap();
    let request = get_change::serialize_request(&input).unwrap();
    assert_eq!(request.uri().path(), "/2013-04-01/change/C2682N5HXP0BZ4");
}

#[test]
fn a_delegation_set_id_loses_its_prefix_in_a_label_and_in_the_query() {
    let input = GetReusableDelegationSetInput::builder().id("/delegationset/N1PA6795SAMPLE").build().unwrap();
    let request = get_reusable_delegation_set::serialize_request(&input).unwrap();
    assert_eq!(request.uri().path(), "/2013-04-01/delegationset/N1PA6795SAMPLE");
    let input = ListHostedZonesInput::builder().delegation_set_id("/delegationset/N1PA6795SAMPLE").marker("/hostedzone/Z1").build();
    let request = list_hosted_zones::serialize_request(&input).unwrap();
    // Only the ID members are trimmed: the marker is sent as it is.
    assert_eq!(request.uri().query(), Some("marker=%2Fhostedzone%2FZ1&delegationsetid=N1PA6795SAMPLE"));
}

#[test]
fn other_slashes_are_kept_and_encoded() {
    let input = GetHostedZoneInput::builder().id("/other/Z1").build().unwrap();
    let request = get_hosted_zone::serialize_request(&input).unwrap();
    assert_eq!(request.uri().path(), "/2013-04-01/hostedzone/%2Fother%2FZ1");
}
