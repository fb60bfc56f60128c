//! `metadata.protocol(s)` → the protocol trait, and what each protocol means for member names.

use super::model::Metadata;
use crate::error::{Error, Result};

/// The wire protocols botocore names, as the generator knows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireProtocol {
    RestJson,
    AwsJson1_0,
    AwsJson1_1,
    RestXml,
    Query,
    Ec2,
    /// Named when it is the only protocol a model lists: the generator has no wire layer for it.
    RpcV2Cbor,
}

impl WireProtocol {
    /// The service trait that selects this protocol in Smithy.
    pub fn trait_id(self) -> &'static str {
        match self {
            WireProtocol::RestJson => "aws.protocols#restJson1",
            WireProtocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            WireProtocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
            WireProtocol::RestXml => "aws.protocols#restXml",
            WireProtocol::Query => "aws.protocols#awsQuery",
            WireProtocol::Ec2 => "aws.protocols#ec2Query",
            WireProtocol::RpcV2Cbor => "smithy.protocols#rpcv2Cbor",
        }
    }

    /// Whether the protocol uses the HTTP binding traits (and so `@http` on operations).
    pub fn is_rest(self) -> bool {
        matches!(self, WireProtocol::RestJson | WireProtocol::RestXml)
    }

    /// Whether botocore's `locationName` on a body member is an XML (and query) name rather than
    /// a JSON key.
    pub fn names_are_xml(self) -> bool {
        matches!(self, WireProtocol::RestXml | WireProtocol::Query | WireProtocol::Ec2)
    }

    /// Whether the service shape's name is the `X-Amz-Target` prefix.
    pub fn uses_target_prefix(self) -> bool {
        matches!(self, WireProtocol::AwsJson1_0 | WireProtocol::AwsJson1_1)
    }

    fn has_wire_layer(self) -> bool {
        self != WireProtocol::RpcV2Cbor
    }
}

/// The protocol a client of this model speaks: the first entry of `protocols` (else `protocol`)
/// that the generator has a wire layer for, as botocore and the SDKs pick the first they support;
/// a model that only lists protocols without a wire layer gets the first of those.
pub fn choose(metadata: &Metadata) -> Result<WireProtocol> {
    let listed: Vec<&str> = if metadata.protocols.is_empty() {
        metadata.protocol.iter().map(String::as_str).collect()
    } else {
        metadata.protocols.iter().map(String::as_str).collect()
    };
    let mut known = Vec::new();
    for name in &listed {
        if let Some(protocol) = from_name(name, metadata.json_version.as_deref())? {
            known.push(protocol);
        }
    }
    known
        .iter()
        .copied()
        .find(|p| p.has_wire_layer())
        .or_else(|| known.first().copied())
        .ok_or_else(|| Error::BotocoreProtocol { listed: listed.join(", ") })
}

fn from_name(name: &str, json_version: Option<&str>) -> Result<Option<WireProtocol>> {
    Ok(Some(match name {
        "rest-json" => WireProtocol::RestJson,
        "json" => match json_version {
            Some("1.0") => WireProtocol::AwsJson1_0,
            Some("1.1") => WireProtocol::AwsJson1_1,
            other => return Err(Error::BotocoreJsonVersion { version: other.unwrap_or("(missing)").to_string() }),
        },
        "rest-xml" => WireProtocol::RestXml,
        "query" => WireProtocol::Query,
        "ec2" => WireProtocol::Ec2,
        "smithy-rpc-v2-cbor" => WireProtocol::RpcV2Cbor,
        _ => return Ok(None),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(protocol: &str, protocols: &[&str], json_version: Option<&str>) -> Metadata {
        Metadata {
            protocol: Some(protocol.to_string()),
            protocols: protocols.iter().map(|p| p.to_string()).collect(),
            json_version: json_version.map(str::to_string),
            ..Metadata::default()
        }
    }

    #[test]
    fn each_botocore_protocol_has_its_trait() {
        let cases = [
            ("rest-json", None, "aws.protocols#restJson1"),
            ("json", Some("1.0"), "aws.protocols#awsJson1_0"),
            ("json", Some("1.1"), "aws.protocols#awsJson1_1"),
            ("rest-xml", None, "aws.protocols#restXml"),
            ("query", None, "aws.protocols#awsQuery"),
            ("ec2", None, "aws.protocols#ec2Query"),
            ("smithy-rpc-v2-cbor", None, "smithy.protocols#rpcv2Cbor"),
        ];
        for (name, version, trait_id) in cases {
            let chosen = choose(&metadata(name, &[], version)).map(WireProtocol::trait_id).ok();
            assert_eq!(chosen, Some(trait_id), "{name}");
        }
    }

    #[test]
    fn the_first_protocol_with_a_wire_layer_wins() {
        let m = metadata("smithy-rpc-v2-cbor", &["smithy-rpc-v2-cbor", "json"], Some("1.0"));
        assert_eq!(choose(&m).ok(), Some(WireProtocol::AwsJson1_0));
        let m = metadata("json", &["json", "query"], Some("1.1"));
        assert_eq!(choose(&m).ok(), Some(WireProtocol::AwsJson1_1));
        let m = metadata("x", &["smithy-rpc-v2-cbor"], None);
        assert_eq!(choose(&m).ok(), Some(WireProtocol::RpcV2Cbor));
    }

    #[test]
    fn unknown_protocols_and_json_without_version_are_refused() {
        let unknown = choose(&metadata("smoke-signals", &[], None)).map_err(|e| e.to_string());
        assert!(unknown.is_err_and(|e| e.contains("smoke-signals")));
        let versionless = choose(&metadata("json", &[], None)).map_err(|e| e.to_string());
        assert!(versionless.is_err_and(|e| e.contains("jsonVersion")));
    }
}
