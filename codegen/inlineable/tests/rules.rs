use std::collections::BTreeMap;

use inlineable::primitives::Document;
use inlineable::rules::*;
use proptest::prelude::*;

fn url(scheme: &str, authority: &str, path: &str, normalized_path: &str, is_ip: bool) -> Url {
    Url {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path: normalized_path.to_owned(),
        is_ip,
    }
}

fn object(entries: &[(&str, Document)]) -> Document {
    Document::Object(entries.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect())
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

// --- Endpoint and ResolveError ----------------------------------------------------------------

#[test]
fn endpoint_keeps_url_headers_and_properties() {
    let endpoint = Endpoint::new("https://example.com")
        .header("x-a", "1")
        .header("x-b", "2")
        .header("x-a", "3")
        .property("flag", Document::Bool(true));
    assert_eq!(endpoint.url(), "https://example.com");
    let mut headers = BTreeMap::new();
    headers.insert("x-a".to_owned(), strings(&["1", "3"]));
    headers.insert("x-b".to_owned(), strings(&["2"]));
    assert_eq!(endpoint.headers(), &headers);
    assert_eq!(endpoint.properties().get("flag"), Some(&Document::Bool(true)));
    assert_eq!(endpoint.properties().len(), 1);
}

#[test]
fn endpoint_property_replaces_an_earlier_value() {
    let endpoint = Endpoint::new("u").property("k", Document::from("old")).property("k", Document::from("new"));
    assert_eq!(endpoint.properties().get("k"), Some(&Document::from("new")));
}

#[test]
fn endpoints_compare_by_value() {
    let a = Endpoint::new("https://a").header("h", "v");
    assert_eq!(a, a.clone());
    assert_ne!(a, Endpoint::new("https://a"));
    assert_ne!(a, Endpoint::new("https://b").header("h", "v"));
}

#[test]
fn signing_name_and_region_come_from_the_first_auth_scheme() {
    let schemes = Document::Array(vec![
        object(&[
            ("name", Document::from("sigv4")),
            ("signingName", Document::from("s3")),
            ("signingRegion", Document::from("us-west-2")),
        ]),
        object(&[("signingName", Document::from("other")), ("signingRegion", Document::from("eu-west-1"))]),
    ]);
    let endpoint = Endpoint::new("https://x").property("authSchemes", schemes);
    assert_eq!(endpoint.signing_name(), Some("s3"));
    assert_eq!(endpoint.signing_region(), Some("us-west-2"));
}

#[test]
fn signing_region_falls_back_to_the_region_set() {
    let schemes = Document::Array(vec![object(&[
        ("name", Document::from("sigv4a")),
        ("signingName", Document::from("s3")),
        ("signingRegionSet", Document::Array(vec![Document::from("*"), Document::from("us-east-1")])),
    ])]);
    let endpoint = Endpoint::new("https://x").property("authSchemes", schemes);
    assert_eq!(endpoint.signing_region(), Some("*"));
}

#[test]
fn signing_fields_are_none_without_usable_auth_schemes() {
    assert_eq!(Endpoint::new("u").signing_name(), None);
    assert_eq!(Endpoint::new("u").signing_region(), None);
    let empty = Endpoint::new("u").property("authSchemes", Document::Array(vec![]));
    assert_eq!(empty.signing_name(), None);
    assert_eq!(empty.signing_region(), None);
    let not_a_list = Endpoint::new("u").property("authSchemes", Document::from("sigv4"));
    assert_eq!(not_a_list.signing_name(), None);
    let not_objects = Endpoint::new("u").property("authSchemes", Document::Array(vec![Document::from("x")]));
    assert_eq!(not_objects.signing_name(), None);
    let wrong_types = Endpoint::new("u").property(
        "authSchemes",
        Document::Array(vec![object(&[
            ("signingName", Document::Bool(true)),
            ("signingRegion", Document::Null),
            ("signingRegionSet", Document::Array(vec![])),
        ])]),
    );
    assert_eq!(wrong_types.signing_name(), None);
    assert_eq!(wrong_types.signing_region(), None);
}

#[test]
fn resolve_error_displays_the_message_exactly() {
    let error = ResolveError::new("Invalid region: region was not a valid DNS name.");
    assert_eq!(error.message(), "Invalid region: region was not a valid DNS name.");
    assert_eq!(error.to_string(), "Invalid region: region was not a valid DNS name.");
    let boxed: Box<dyn std::error::Error> = Box::new(error.clone());
    assert_eq!(boxed.to_string(), error.message());
    assert_eq!(error, ResolveError::new(String::from("Invalid region: region was not a valid DNS name.")));
}

// --- isValidHostLabel -------------------------------------------------------------------------

#[test]
fn host_label_accepts_rfc_1123_labels() {
    for label in ["a", "A", "0", "us-east-1", "Us-East-1", "a-", "1abc", "a--b", &"a".repeat(63)] {
        assert!(is_valid_host_label(label, false), "{label}");
        assert!(is_valid_host_label(label, true), "{label}");
    }
}

#[test]
fn host_label_rejects_bad_labels() {
    let too_long = "a".repeat(64);
    for label in ["", "-a", "a_b", "a b", "a!", "us-east-2!", "é", "a.b", ".", too_long.as_str()] {
        assert!(!is_valid_host_label(label, false), "{label:?}");
    }
}

#[test]
fn host_label_with_subdomains_checks_every_label() {
    assert!(is_valid_host_label("a.b.c", true));
    assert!(is_valid_host_label("bucket.with-dash.s3", true));
    let long_labels = format!("{0}.{0}.{0}", "a".repeat(63));
    assert!(is_valid_host_label(&long_labels, true));
    for value in ["", ".", "a.", ".a", "a..b", "a.-b", "a.b_c", "a.é", &format!("a.{}", "b".repeat(64))] {
        assert!(!is_valid_host_label(value, true), "{value:?}");
    }
}

// --- substring --------------------------------------------------------------------------------

#[test]
fn substring_forward_and_reverse() {
    assert_eq!(substring("abcdefg", 0, 4, false).as_deref(), Some("abcd"));
    assert_eq!(substring("abcdefg", 2, 5, false).as_deref(), Some("cde"));
    assert_eq!(substring("abcdefg", 0, 4, true).as_deref(), Some("defg"));
    assert_eq!(substring("abcdefg", 1, 3, true).as_deref(), Some("ef"));
    assert_eq!(substring("abcdefg", 0, 7, false).as_deref(), Some("abcdefg"));
    assert_eq!(substring("abcdefg", 0, 7, true).as_deref(), Some("abcdefg"));
    assert_eq!(substring("arn:aws:s3", 0, 4, false).as_deref(), Some("arn:"));
    assert_eq!(substring("mybucket--usw2-az1--x-s3", 0, 6, true).as_deref(), Some("--x-s3"));
}

#[test]
fn substring_out_of_range_is_none() {
    assert_eq!(substring("abc", 0, 4, false), None);
    assert_eq!(substring("abc", 0, 4, true), None);
    assert_eq!(substring("abc", 2, 2, false), None);
    assert_eq!(substring("abc", 3, 1, false), None);
    assert_eq!(substring("", 0, 1, false), None);
    assert_eq!(substring("", 0, 0, false), None);
    assert_eq!(substring("abc", usize::MAX, usize::MAX, true), None);
    assert_eq!(substring("abc", 0, usize::MAX, true), None);
}

#[test]
fn substring_of_non_ascii_input_is_none() {
    assert_eq!(substring("abcdé", 0, 2, false), None);
    assert_eq!(substring("éabcd", 2, 4, true), None);
    assert_eq!(substring("\u{7f}abc", 1, 3, false).as_deref(), Some("ab"));
}

// --- uriEncode --------------------------------------------------------------------------------

#[test]
fn uri_encode_keeps_unreserved_characters() {
    let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    assert_eq!(uri_encode(unreserved), unreserved);
    assert_eq!(uri_encode(""), "");
}

#[test]
fn uri_encode_encodes_everything_else_in_uppercase_hex() {
    assert_eq!(uri_encode("bucket!"), "bucket%21");
    assert_eq!(uri_encode("example.com#"), "example.com%23");
    assert_eq!(uri_encode("a b"), "a%20b");
    assert_eq!(
        uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\"),
        "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"
    );
    assert_eq!(uri_encode("é😀"), "%C3%A9%F0%9F%98%80");
    assert_eq!(uri_encode("\n\u{0}"), "%0A%00");
}

// --- parseURL ---------------------------------------------------------------------------------

#[test]
fn parse_url_specification_examples() {
    assert_eq!(parse_url("https://example.com"), Some(url("https", "example.com", "", "/", false)));
    assert_eq!(parse_url("https://example.com:8443?foo=bar&faz=baz"), None);
    assert_eq!(
        parse_url("http://example.com:80/foo/bar"),
        Some(url("http", "example.com:80", "/foo/bar", "/foo/bar/", false))
    );
    assert_eq!(parse_url("https://127.0.0.1"), Some(url("https", "127.0.0.1", "", "/", true)));
    assert_eq!(parse_url("https://[fe80::1]"), Some(url("https", "[fe80::1]", "", "/", true)));
}

#[test]
fn parse_url_paths() {
    assert_eq!(parse_url("https://example.com/"), Some(url("https", "example.com", "/", "/", false)));
    assert_eq!(parse_url("https://example.com/foo/"), Some(url("https", "example.com", "/foo/", "/foo/", false)));
    assert_eq!(
        parse_url("http://beta.example.com:1234/path"),
        Some(url("http", "beta.example.com:1234", "/path", "/path/", false))
    );
    assert_eq!(parse_url("https://a.com//x"), Some(url("https", "a.com", "//x", "//x/", false)));
    assert_eq!(
        parse_url("https://a.com/p%20q/@:!$&'()*+,;=-._~"),
        Some(url("https", "a.com", "/p%20q/@:!$&'()*+,;=-._~", "/p%20q/@:!$&'()*+,;=-._~/", false))
    );
}

#[test]
fn parse_url_endpoints_from_the_aws_endpoint_tests() {
    assert_eq!(parse_url("http://10.0.1.12:433"), Some(url("http", "10.0.1.12:433", "", "/", true)));
    assert_eq!(parse_url("https://123.123.0.1"), Some(url("https", "123.123.0.1", "", "/", true)));
    assert_eq!(
        parse_url("http://control.vpce-1a2b3c4d-5e6f.s3.us-west-2.vpce.amazonaws.com/foo"),
        Some(url("http", "control.vpce-1a2b3c4d-5e6f.s3.us-west-2.vpce.amazonaws.com", "/foo", "/foo/", false))
    );
    assert_eq!(parse_url("abcde://nota#url"), None);
}

#[test]
fn parse_url_scheme_must_be_http_or_https() {
    for value in ["ftp://example.com", "file:///etc/passwd", "ws://a.com", "://a.com", "httpss://a.com", "example.com"]
    {
        assert_eq!(parse_url(value), None, "{value}");
    }
    assert_eq!(parse_url("HTTPS://Example.com").map(|u| u.scheme), Some("https".to_owned()));
    assert_eq!(parse_url("Http://a.com").map(|u| u.scheme), Some("http".to_owned()));
    assert_eq!(parse_url("HTTPS://Example.com").map(|u| u.authority), Some("Example.com".to_owned()));
}

#[test]
fn parse_url_rejects_any_query() {
    for value in ["https://a.com?", "https://a.com/?", "https://a.com/p?x=1", "https://a.com:443?x"] {
        assert_eq!(parse_url(value), None, "{value}");
    }
}

#[test]
fn parse_url_ignores_a_fragment() {
    assert_eq!(parse_url("https://a.com/p#frag"), Some(url("https", "a.com", "/p", "/p/", false)));
    assert_eq!(parse_url("https://a.com#"), Some(url("https", "a.com", "", "/", false)));
    // The query check comes after the fragment is cut: `?` inside a fragment is not a query.
    assert_eq!(parse_url("https://a.com#x?y"), Some(url("https", "a.com", "", "/", false)));
}

#[test]
fn parse_url_drops_userinfo_and_empty_ports() {
    assert_eq!(parse_url("https://user:pw@a.com:8443/x"), Some(url("https", "a.com:8443", "/x", "/x/", false)));
    assert_eq!(parse_url("https://a.com:/x"), Some(url("https", "a.com", "/x", "/x/", false)));
    assert_eq!(parse_url("https://user@[::1]:1"), Some(url("https", "[::1]:1", "", "/", true)));
}

#[test]
fn parse_url_rejects_malformed_authorities() {
    for value in [
        "https://",
        "https:///path",
        "https://:443",
        "https://user@",
        "https://a.com:port",
        "https://a.com:65536",
        "https://a.com:123456",
        "https://a.com:-1",
        "https://a.com:+1",
        "https://a b.com",
        "https://a.com:80:80",
        "https://[fe80::1",
        "https://[fe80::1]x",
        "https://[fe80::1]:x",
        "https://[not-ipv6]",
        "https://[]",
        "https://[127.0.0.1]",
        "https://[v1.future]",
        "https://[::1%]",
        "https://fe80::1",
        "https://exämple.com",
        "https://a.com\n",
        " https://a.com",
        "https://a.com /x",
        "https://a<b>.com",
        "https://a\\b.com",
    ] {
        assert_eq!(parse_url(value), None, "{value:?}");
    }
}

#[test]
fn parse_url_rejects_characters_not_allowed_in_a_path() {
    for value in [
        "https://a.com/a b",
        "https://a.com/é",
        "https://a.com/{x}",
        "https://a.com/a|b",
        "https://a.com/\"",
        "https://a.com/[x]",
        "https://a.com/\t",
    ] {
        assert_eq!(parse_url(value), None, "{value:?}");
    }
}

#[test]
fn parse_url_ports_and_ip_detection() {
    assert_eq!(parse_url("https://a.com:0").map(|u| u.authority), Some("a.com:0".to_owned()));
    assert_eq!(parse_url("https://a.com:65535").map(|u| u.authority), Some("a.com:65535".to_owned()));
    assert_eq!(parse_url("https://a.com:443").map(|u| u.authority), Some("a.com:443".to_owned()));
    assert_eq!(parse_url("https://[::1]:8080/x"), Some(url("https", "[::1]:8080", "/x", "/x/", true)));
    assert_eq!(parse_url("https://[fe80::1%25en0]").map(|u| u.is_ip), Some(true));
    assert_eq!(parse_url("https://[2001:db8::192.0.2.1]").map(|u| u.is_ip), Some(true));
    assert_eq!(parse_url("https://255.255.255.255").map(|u| u.is_ip), Some(true));
    assert_eq!(parse_url("https://010.0.0.1").map(|u| u.is_ip), Some(true));
    // Hosts that only resemble IPv4 addresses are names.
    for host in ["256.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.a", "1..3.4", "0001.2.3.4", "1.2.3.4."] {
        assert_eq!(parse_url(&format!("https://{host}")).map(|u| u.is_ip), Some(false), "{host}");
    }
}

// --- aws.partition ----------------------------------------------------------------------------

/// The real table, read from the project's own `codegen/data/partitions.json` (the one the
/// generator embeds) and leaked into `'static` data as a generated crate would embed it.
fn partitions() -> &'static [PartitionData] {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<PartitionData>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/partitions.json");
        let text = std::fs::read_to_string(path).expect("partitions.json");
        let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let leak =
            |s: &serde_json::Value| -> &'static str { Box::leak(s.as_str().unwrap().to_owned().into_boxed_str()) };
        json["partitions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let outputs = &p["outputs"];
                let regions: Vec<&'static str> = p["regions"].as_array().unwrap().iter().map(leak).collect();
                PartitionData {
                    id: leak(&p["id"]),
                    region_regex: leak(&p["regionRegex"]),
                    regions: Box::leak(regions.into_boxed_slice()),
                    outputs: PartitionOutputs {
                        name: leak(&outputs["name"]),
                        dns_suffix: leak(&outputs["dnsSuffix"]),
                        dual_stack_dns_suffix: leak(&outputs["dualStackDnsSuffix"]),
                        supports_fips: outputs["supportsFIPS"].as_bool().unwrap(),
                        supports_dual_stack: outputs["supportsDualStack"].as_bool().unwrap(),
                        implicit_global_region: leak(&outputs["implicitGlobalRegion"]),
                    },
                }
            })
            .collect()
    })
}

fn partition_name(region: &str) -> Option<&'static str> {
    partition(region, partitions()).map(|p| p.name)
}

#[test]
fn partition_of_listed_regions() {
    assert_eq!(partition_name("us-east-1"), Some("aws"));
    assert_eq!(partition_name("aws-global"), Some("aws"));
    assert_eq!(partition_name("cn-north-1"), Some("aws-cn"));
    assert_eq!(partition_name("aws-cn-global"), Some("aws-cn"));
    assert_eq!(partition_name("us-gov-west-1"), Some("aws-us-gov"));
    assert_eq!(partition_name("us-iso-east-1"), Some("aws-iso"));
    assert_eq!(partition_name("us-isob-east-1"), Some("aws-iso-b"));
}

#[test]
fn partition_of_unlisted_regions_by_regex() {
    assert_eq!(partition_name("us-west-9"), Some("aws"));
    assert_eq!(partition_name("eu-south-7"), Some("aws"));
    assert_eq!(partition_name("cn-south-9"), Some("aws-cn"));
    // `us-gov-west-9` also fits no other partition's regex: `aws`'s requires `us-<word>-<digits>`.
    assert_eq!(partition_name("us-gov-east-9"), Some("aws-us-gov"));
    assert_eq!(partition_name("us-iso-west-9"), Some("aws-iso"));
    assert_eq!(partition_name("us-isob-west-9"), Some("aws-iso-b"));
    assert_eq!(partition_name("us-isof-east-9"), Some("aws-iso-f"));
    assert_eq!(partition_name("eu-isoe-east-9"), Some("aws-iso-e"));
    assert_eq!(partition_name("eusc-de-west-9"), Some("aws-eusc"));
}

#[test]
fn partition_of_unknown_regions_is_aws() {
    for region in ["", "invalid-region", "us-east-2!", "mars-east-1", "US-EAST-1", "é"] {
        assert_eq!(partition_name(region), Some("aws"), "{region:?}");
    }
}

#[test]
fn partition_outputs_are_the_tables() {
    let aws = partition("us-east-1", partitions()).unwrap();
    assert_eq!(
        aws,
        PartitionOutputs {
            name: "aws",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
            supports_fips: true,
            supports_dual_stack: true,
            implicit_global_region: "us-east-1",
        }
    );
    let cn = partition("cn-northwest-1", partitions()).unwrap();
    assert_eq!(cn.dns_suffix, "amazonaws.com.cn");
    assert_eq!(cn.dual_stack_dns_suffix, "api.amazonwebservices.com.cn");
    assert_eq!(cn.implicit_global_region, "cn-northwest-1");
}

const fn outputs(name: &'static str) -> PartitionOutputs {
    PartitionOutputs {
        name,
        dns_suffix: "example",
        dual_stack_dns_suffix: "dual.example",
        supports_fips: false,
        supports_dual_stack: false,
        implicit_global_region: "x-1",
    }
}

#[test]
fn partition_prefers_a_listed_region_over_an_earlier_regex() {
    const TABLE: &[PartitionData] = &[
        PartitionData { id: "aws", region_regex: "^.*$", regions: &[], outputs: outputs("aws") },
        PartitionData { id: "other", region_regex: "^$", regions: &["special-1"], outputs: outputs("other") },
    ];
    assert_eq!(partition("special-1", TABLE).map(|p| p.name), Some("other"));
    assert_eq!(partition("anything", TABLE).map(|p| p.name), Some("aws"));
}

#[test]
fn partition_takes_the_first_matching_regex() {
    const TABLE: &[PartitionData] = &[
        PartitionData { id: "aws", region_regex: "^zz-", regions: &[], outputs: outputs("aws") },
        PartitionData { id: "first", region_regex: "^ab-", regions: &[], outputs: outputs("first") },
        PartitionData { id: "second", region_regex: "^ab-c", regions: &[], outputs: outputs("second") },
    ];
    assert_eq!(partition("ab-c-1", TABLE).map(|p| p.name), Some("first"));
    assert_eq!(partition("qq", TABLE).map(|p| p.name), Some("aws"));
}

#[test]
fn partition_without_an_aws_fallback_is_none() {
    const TABLE: &[PartitionData] =
        &[PartitionData { id: "other", region_regex: "^o-", regions: &["listed"], outputs: outputs("other") }];
    assert_eq!(partition("o-1", TABLE).map(|p| p.name), Some("other"));
    assert_eq!(partition("listed", TABLE).map(|p| p.name), Some("other"));
    assert_eq!(partition("us-east-1", TABLE), None);
    assert_eq!(partition("us-east-1", &[]), None);
}

#[test]
fn partition_with_a_broken_regex_matches_nothing_there() {
    const TABLE: &[PartitionData] = &[
        PartitionData { id: "broken", region_regex: "^(unclosed", regions: &[], outputs: outputs("broken") },
        PartitionData { id: "aws", region_regex: "^$", regions: &[], outputs: outputs("aws") },
    ];
    // Twice: the second lookup reads the cached failure.
    for _ in 0..2 {
        assert_eq!(partition("(unclosed", TABLE).map(|p| p.name), Some("aws"));
    }
}

#[test]
fn partition_is_usable_from_many_threads() {
    let handles: Vec<_> = (0..8)
        .map(|i| std::thread::spawn(move || partition(&format!("us-west-{}", 10 + i), partitions()).map(|p| p.name)))
        .collect();
    for handle in handles {
        assert_eq!(handle.join().unwrap(), Some("aws"));
    }
}

// --- aws.parseArn -----------------------------------------------------------------------------

fn arn(partition: &str, service: &str, region: &str, account_id: &str, resource_id: &[&str]) -> Arn {
    Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: strings(resource_id),
    }
}

#[test]
fn parse_arn_specification_examples() {
    assert_eq!(
        parse_arn("arn:aws:sns:us-west-2:012345678910:example-sns-topic-name"),
        Some(arn("aws", "sns", "us-west-2", "012345678910", &["example-sns-topic-name"]))
    );
    assert_eq!(parse_arn("11111111-2222-3333-4444-555555555555"), None);
    assert_eq!(
        parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE"),
        Some(arn("aws", "ec2", "us-east-1", "012345678910", &["vpc", "vpc-0e9801d129EXAMPLE"]))
    );
    assert_eq!(
        parse_arn("arn:aws:iam::012345678910:user/johndoe"),
        Some(arn("aws", "iam", "", "012345678910", &["user", "johndoe"]))
    );
    assert_eq!(parse_arn("arn:aws:s3:::bucket_name"), Some(arn("aws", "s3", "", "", &["bucket_name"])));
}

#[test]
fn parse_arn_splits_the_resource_on_colons_and_slashes() {
    assert_eq!(
        parse_arn("arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01234567890123456/accesspoint/reports"),
        Some(arn(
            "aws",
            "s3-outposts",
            "us-west-2",
            "123456789012",
            &["outpost", "op-01234567890123456", "accesspoint", "reports"]
        ))
    );
    assert_eq!(
        parse_arn("arn:aws:s3:us-west-2:123456789012:accesspoint:myendpoint"),
        Some(arn("aws", "s3", "us-west-2", "123456789012", &["accesspoint", "myendpoint"]))
    );
    assert_eq!(parse_arn("arn:p:s:r:a:x:/y/"), Some(arn("p", "s", "r", "a", &["x", "", "y", ""])));
    assert_eq!(parse_arn("arn:p:s:r:a:/"), Some(arn("p", "s", "r", "a", &["", ""])));
    assert_eq!(parse_arn("arn:p:s:r:a::"), Some(arn("p", "s", "r", "a", &["", ""])));
}

#[test]
fn parse_arn_rejects_invalid_arns() {
    for value in [
        "",
        "arn",
        "arn:",
        "arn:aws:s3:us-west-2:123456789012",
        "arn:aws:s3:us-west-2:123456789012:",
        "arn::s3:us-west-2:123456789012:r",
        "arn:aws::us-west-2:123456789012:r",
        "ARN:aws:s3:::r",
        " arn:aws:s3:::r",
        "urn:aws:s3:::r",
        "arnx:aws:s3:::r",
        "arn:aws:s3::",
    ] {
        assert_eq!(parse_arn(value), None, "{value:?}");
    }
}

#[test]
fn parse_arn_keeps_other_text_as_it_is() {
    assert_eq!(parse_arn("arn:aws-cn:s3:cn-north-1:é:r é"), Some(arn("aws-cn", "s3", "cn-north-1", "é", &["r é"])));
}

// --- aws.isVirtualHostableS3Bucket ------------------------------------------------------------

#[test]
fn virtual_hostable_bucket_names() {
    for bucket in ["abc", "bucket", "bucket-name", "99bucket", "a-b", "mybucket--usw2-az1--x-s3", &"a".repeat(63)] {
        assert!(is_virtual_hostable_s3_bucket(bucket, false), "{bucket}");
    }
}

#[test]
fn non_virtual_hostable_bucket_names() {
    let too_long = "a".repeat(64);
    for bucket in [
        "",
        "ab",
        "aa",
        too_long.as_str(),
        "BucketName",
        "bucketName",
        "99_ab",
        "99a_b",
        "-bucket",
        "bucket-",
        "bucket.name",
        "example.com#",
        "bucket!",
        "bücket",
        "arn:aws:s3:::b",
    ] {
        assert!(!is_virtual_hostable_s3_bucket(bucket, false), "{bucket:?}");
    }
}

#[test]
fn virtual_hostable_bucket_names_with_subdomains() {
    for bucket in
        ["bucket.name", "bucket.with.dots", "a.b", "a.b.c", "abc", "bucket-name", "1.2.3", "1.2.3.4.5", "1.2.3.a"]
    {
        assert!(is_virtual_hostable_s3_bucket(bucket, true), "{bucket}");
    }
    for bucket in [
        "bucket..name",
        "bucket.-name",
        "bucket-.name",
        "bucket--name",
        ".bucket",
        "bucket.",
        "192.168.0.1",
        "1.2.3.4",
        "999.999.999.999",
        "Bucket.name",
        "my.bucket--usw2-az1--x-s3",
        "ab",
        "b_c.d",
    ] {
        assert!(!is_virtual_hostable_s3_bucket(bucket, true), "{bucket:?}");
    }
    let long = format!("{}.{}", "a".repeat(31), "b".repeat(31));
    assert!(is_virtual_hostable_s3_bucket(&long, true));
    let too_long = format!("{}.{}", "a".repeat(32), "b".repeat(31));
    assert!(!is_virtual_hostable_s3_bucket(&too_long, true));
}

// --- nothing panics ---------------------------------------------------------------------------

proptest! {
    #[test]
    fn nothing_panics_on_arbitrary_strings(
        value in any::<String>(),
        start in 0usize..40,
        stop in 0usize..40,
        flag in any::<bool>(),
    ) {
        let _ = is_valid_host_label(&value, flag);
        let _ = substring(&value, start, stop, flag);
        let _ = uri_encode(&value);
        let _ = parse_url(&value);
        let _ = partition(&value, partitions());
        let _ = parse_arn(&value);
        let _ = is_virtual_hostable_s3_bucket(&value, flag);
    }

    #[test]
    fn nothing_panics_on_url_like_strings(value in "(https?|HTTP|ftp)://[a-z0-9.:@\\[\\]%/?#_ -]{0,30}") {
        if let Some(url) = parse_url(&value) {
            prop_assert!(url.normalized_path.starts_with('/') && url.normalized_path.ends_with('/'));
            prop_assert!(url.scheme == "http" || url.scheme == "https");
            prop_assert!(!url.authority.is_empty() && !url.authority.contains('@'));
        }
    }

    #[test]
    fn nothing_panics_on_arn_like_strings(value in "arn(:[a-z0-9/é-]{0,4}){0,8}") {
        if let Some(arn) = parse_arn(&value) {
            prop_assert!(!arn.partition.is_empty() && !arn.service.is_empty() && !arn.resource_id.is_empty());
        }
    }

    #[test]
    fn substring_has_the_requested_length(value in "[ -~]{0,20}", start in 0usize..25, len in 1usize..25, reverse in any::<bool>()) {
        let stop = start + len;
        match substring(&value, start, stop, reverse) {
            Some(part) => {
                prop_assert_eq!(part.len(), len);
                prop_assert!(value.contains(&part));
            }
            None => prop_assert!(stop > value.len()),
        }
    }

    #[test]
    fn uri_encode_output_is_unreserved_or_escapes(value in any::<String>()) {
        let encoded = uri_encode(&value);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%ABCDEF".contains(&b)));
        let decoded: Vec<u8> = {
            let bytes = encoded.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'%' {
                    out.push(u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap(), 16).unwrap());
                    i += 3;
                } else {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
            out
        };
        prop_assert_eq!(decoded, value.into_bytes());
    }

    #[test]
    fn virtual_hostable_buckets_are_valid_host_labels(value in "[a-z0-9.-]{0,70}", allow in any::<bool>()) {
        if is_virtual_hostable_s3_bucket(&value, allow) {
            prop_assert!(is_valid_host_label(&value, allow));
        }
    }
}

#[test]
fn an_endpoint_applies_its_url_host_prefix_and_headers() {
    let endpoint = inlineable::rules::Endpoint::new("https://example.com/base")
        .header("x-amz-a", "1")
        .header("x-amz-a", "2");
    let mut request = http::Request::new(Vec::<u8>::new());
    *request.uri_mut() = "/op?x=1".parse().unwrap();
    endpoint.apply_to(&mut request, "data.").unwrap();
    assert_eq!(request.uri().to_string(), "https://data.example.com/base/op?x=1");
    let values: Vec<_> = request.headers().get_all("x-amz-a").iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(values, ["1", "2"]);
    let bad = inlineable::rules::Endpoint::new("https://example.com").header("bad header", "x");
    assert!(bad.apply_to(&mut http::Request::new(()), "").is_err());
}
