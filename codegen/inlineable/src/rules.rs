//! The runtime of Smithy's endpoint rules engine: what a generated endpoint resolver returns, and
//! the library functions its rules call.
//!
//! * Results: [`Endpoint`] (URL, headers, properties such as `authSchemes`) and [`ResolveError`]
//!   (the rule set's own error rule fired, or a required parameter is missing).
//! * Standard library (`smithy.rules`): [`is_valid_host_label`] (`isValidHostLabel`),
//!   [`substring`], [`uri_encode`] (`uriEncode`), [`parse_url`] (`parseURL`, giving a [`Url`]).
//!   `booleanEquals`, `stringEquals`, `isSet`, `not`, `getAttr` and `coalesce` need no runtime:
//!   the generator writes them as plain Rust.
// @section aws-partition
//! * `aws.partition`: [`partition`] looks a region up in a table of [`PartitionData`] that the
//!   generated crate embeds (from `partitions.json`), giving [`PartitionOutputs`]. Region regexes
//!   are compiled with `regex-lite` the first time a lookup needs them and cached for the life of
//!   the process.
// @end
// @section aws-arn
//! * `aws.parseArn`: [`parse_arn`], giving an [`Arn`].
// @end
// @section aws-s3
//! * `aws.isVirtualHostableS3Bucket`: [`is_virtual_hostable_s3_bucket`].
// @end
//!
//! Where the specification is silent, these functions follow Smithy's reference implementation
//! (the one the models' `endpointTests` were generated with). Nothing here panics, whatever the
//! input.

use std::collections::BTreeMap;
use std::fmt;

use crate::primitives::Document;

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/// A resolved endpoint: URL, headers, properties (such as `authSchemes`).
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    url: String,
    headers: BTreeMap<String, Vec<String>>,
    properties: BTreeMap<String, Document>,
}

impl Endpoint {
    /// An endpoint at `url`, with no headers and no properties.
    pub fn new(url: impl Into<String>) -> Self {
        Endpoint { url: url.into(), headers: BTreeMap::new(), properties: BTreeMap::new() }
    }

    /// Appends `value` to the values of header `name` (a header may carry several values).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.entry(name.into()).or_default().push(value.into());
        self
    }

    /// Sets property `key` to `value`, replacing any earlier value.
    pub fn property(mut self, key: impl Into<String>, value: Document) -> Self {
        self.properties.insert(key.into(), value);
        self
    }

    /// The endpoint's URL, such as `https://service.us-east-1.amazonaws.com`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The headers the request must carry, by name, each with its values in order.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// The endpoint's properties, by name (such as `authSchemes`).
    pub fn properties(&self) -> &BTreeMap<String, Document> {
        &self.properties
    }

    /// The `signingName` of the first entry of the `authSchemes` property, if there is one.
    pub fn signing_name(&self) -> Option<&str> {
        self.first_auth_scheme()?.get("signingName")?.as_str()
    }

    /// The `signingRegion` of the first entry of the `authSchemes` property, or else the first
    /// region of its `signingRegionSet` (SigV4a), if there is one.
    pub fn signing_region(&self) -> Option<&str> {
        let scheme = self.first_auth_scheme()?;
        match scheme.get("signingRegion").and_then(Document::as_str) {
            Some(region) => Some(region),
            None => scheme.get("signingRegionSet")?.as_array()?.first()?.as_str(),
        }
    }

    /// Makes a serialized request ready to sign: its URI joined to this endpoint's URL (scheme,
    /// authority with `host_prefix` before the host, base path before the request's path and
    /// query; see [`crate::wire::apply_endpoint`]) and this endpoint's headers added.
    ///
    /// # Errors
    ///
    /// The URL or a header is not valid.
    pub fn apply_to<B>(&self, request: &mut http::Request<B>, host_prefix: &str) -> Result<(), crate::error::SerializeError> {
        crate::wire::apply_endpoint(request, &self.url, host_prefix)?;
        for (name, values) in &self.headers {
            let name = http::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| crate::error::SerializeError::new("endpoint", format!("`{name}` is not a valid header name")))?;
            for value in values {
                let value = http::HeaderValue::from_str(value)
                    .map_err(|_| crate::error::SerializeError::new("endpoint", format!("the endpoint's `{name}` header is not valid")))?;
                request.headers_mut().append(name.clone(), value);
            }
        }
        Ok(())
    }

    /// The first entry of the `authSchemes` property, when it is a list of objects.
    fn first_auth_scheme(&self) -> Option<&BTreeMap<String, Document>> {
        self.properties.get("authSchemes")?.as_array()?.first()?.as_object()
    }
}

/// The rule set's own error rule fired, or a required parameter is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    message: String,
}

impl ResolveError {
    /// An error with `message`, shown as it is.
    pub fn new(message: impl Into<String>) -> Self {
        ResolveError { message: message.into() }
    }

    /// The message: the error rule's text, or which parameter is missing.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// The message exactly, with nothing added (endpoint tests compare the text).
impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ResolveError {}

// ---------------------------------------------------------------------------------------------
// Standard library
// ---------------------------------------------------------------------------------------------

/// `isValidHostLabel`: whether `value` is one RFC 1123 host label (1 to 63 ASCII letters, digits
/// and `-`, not starting with `-`). With `allow_subdomains`, `value` is split on `.` and every
/// part must be such a label, so an empty part (`a..b`, `.a`, `a.`) makes it invalid.
pub fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        value.split('.').all(is_single_host_label)
    } else {
        is_single_host_label(value)
    }
}

/// One host label: 1 to 63 of `[a-zA-Z0-9-]`, the first not `-`.
fn is_single_host_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    match bytes.first() {
        Some(first) if first.is_ascii_alphanumeric() => {
            bytes.len() <= 63 && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

/// `substring`: the characters of `input` from `start` (inclusive) to `stop` (exclusive), or with
/// `reverse` the same range counted from the end (`substring("abcdef", 0, 2, true)` is `"ef"`).
/// `None` when `input` has a non-ASCII character, when `start >= stop`, or when `input` is
/// shorter than `stop`; otherwise the result is exactly `stop - start` characters long.
pub fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> Option<String> {
    if !input.is_ascii() || start >= stop || stop > input.len() {
        return None;
    }
    // `start < stop <= input.len()`, checked above, so the subtractions cannot underflow.
    let (from, to) = if reverse {
        (input.len().saturating_sub(stop), input.len().saturating_sub(start))
    } else {
        (start, stop)
    };
    input.get(from..to).map(str::to_owned)
}

/// `uriEncode`: RFC 3986 percent-encoding. The unreserved characters (`A-Z a-z 0-9 - _ . ~`) are
/// kept; every other UTF-8 byte, the space included, becomes `%XX` with uppercase hex digits.
pub fn uri_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for &byte in value.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            // A nibble (0..=15) indexes the 16-entry table.
            #[allow(clippy::indexing_slicing)]
            {
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0x0F)]));
            }
        }
    }
    out
}

/// A URL that [`parse_url`] accepted: the `URL` structure of `parseURL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https` (always lowercase), without `://`.
    pub scheme: String,
    /// The host and, when the URL gives one, the port (`example.com:8443`, `[fe80::1]`); never
    /// the userinfo. An explicit port is kept even when it is the scheme's default.
    pub authority: String,
    /// The path exactly as written: empty when the URL has none (`https://example.com`), else
    /// starting with `/`.
    pub path: String,
    /// The path, starting and ending with `/` (`/` when the URL has no path).
    pub normalized_path: String,
    /// Whether the host is an IPv4 address (`127.0.0.1`) or a bracketed IPv6 address
    /// (`[fe80::1]`).
    pub is_ip: bool,
}

/// `parseURL`: the parts of an `http` or `https` URL, or `None` when `value` is not one.
///
/// Rejected (as the specification requires): a URL with a query, even an empty one (`?`);
/// any scheme but `http` and `https` (matched without regard to case). Rejected too, as not
/// being URLs: no `://`, an empty host, a port that is not a number up to 65535, a malformed
/// IPv6 literal, and characters RFC 3986 does not allow in a host or path (spaces, control and
/// non-ASCII characters, `<`, `>`, `"`, `{`, `}`, `|`, `\`, `^`, `` ` ``). A fragment (`#...`)
/// is ignored, as Smithy's reference implementation does; userinfo (`user@`) is dropped from the
/// authority; an empty port (`host:`) is dropped.
pub fn parse_url(value: &str) -> Option<Url> {
    let (scheme, rest) = value.split_once("://")?;
    let scheme = if scheme.eq_ignore_ascii_case("http") {
        "http"
    } else if scheme.eq_ignore_ascii_case("https") {
        "https"
    } else {
        return None;
    };
    let rest = rest.split_once('#').map_or(rest, |(before, _fragment)| before);
    if rest.contains('?') {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    if !path.bytes().all(|b| is_pchar(b) || b == b'/') {
        return None;
    }
    // Userinfo cannot contain `@` unencoded, so the last `@` ends it.
    let host_port = authority.rsplit_once('@').map_or(authority, |(_userinfo, host_port)| host_port);
    let (host, port, is_ip) = split_host_port(host_port)?;
    let authority = match port {
        Some(port) if !port.is_empty() => format!("{host}:{port}"),
        _ => host.to_owned(),
    };
    let mut normalized_path = String::with_capacity(path.len().saturating_add(2));
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(Url { scheme: scheme.to_owned(), authority, path: path.to_owned(), normalized_path, is_ip })
}

/// Splits `host[:port]` into the host (an IPv6 literal keeps its brackets), the port text when
/// there is a `:`, and whether the host is an IP address; `None` when either is malformed.
fn split_host_port(host_port: &str) -> Option<(&str, Option<&str>, bool)> {
    let (host, port, is_ip) = if let Some(after_bracket) = host_port.strip_prefix('[') {
        let (literal, after) = after_bracket.split_once(']')?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        if !is_ipv6_literal(literal) {
            return None;
        }
        (host_port.get(..literal.len().saturating_add(2))?, port, true)
    } else {
        let (host, port) = match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        };
        if host.is_empty() || !host.bytes().all(is_reg_name_char) {
            return None;
        }
        (host, port, is_ipv4(host))
    };
    if let Some(port) = port {
        let valid = port.is_empty()
            || (port.len() <= 5
                && port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u32>().is_ok_and(|p| p <= 65_535));
        if !valid {
            return None;
        }
    }
    Some((host, port, is_ip))
}

/// The inside of `[...]`: an IPv6 address, optionally with a zone ID (`fe80::1%25en0`).
fn is_ipv6_literal(literal: &str) -> bool {
    let (address, zone) = match literal.split_once('%') {
        Some((address, zone)) => (address, Some(zone)),
        None => (literal, None),
    };
    let zone_ok = match zone {
        Some(zone) => !zone.is_empty() && zone.bytes().all(|b| is_unreserved(b) || b == b'%'),
        None => true,
    };
    zone_ok && address.parse::<std::net::Ipv6Addr>().is_ok()
}

/// A dotted-quad IPv4 address: four parts of 1 to 3 digits, each at most 255.
fn is_ipv4(host: &str) -> bool {
    let mut parts = 0u32;
    for part in host.split('.') {
        parts = parts.saturating_add(1);
        let valid = !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit());
        if !valid || part.parse::<u8>().is_err() {
            return false;
        }
    }
    parts == 4
}

/// RFC 3986 unreserved: `A-Z a-z 0-9 - . _ ~`.
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// RFC 3986 sub-delims: `! $ & ' ( ) * + , ; =`.
fn is_sub_delim(byte: u8) -> bool {
    matches!(byte, b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=')
}

/// A character of an RFC 3986 `reg-name` (`%` stands for percent-encoding).
fn is_reg_name_char(byte: u8) -> bool {
    is_unreserved(byte) || is_sub_delim(byte) || byte == b'%'
}

/// A character of an RFC 3986 path segment (`pchar`; `%` stands for percent-encoding).
fn is_pchar(byte: u8) -> bool {
    is_reg_name_char(byte) || matches!(byte, b':' | b'@')
}

// ---------------------------------------------------------------------------------------------
// AWS library
// ---------------------------------------------------------------------------------------------

// @section aws-partition
/// One partition of the table [`partition`] reads: what `partitions.json` says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionData {
    /// The partition's ID, such as `aws` or `aws-cn`.
    pub id: &'static str,
    /// The regex that matches the partition's regions, such as `^cn\-\w+\-\d+$`, in `regex-lite`
    /// syntax. A regex that does not compile matches nothing.
    pub region_regex: &'static str,
    /// The regions the partition lists by name (including pseudo-regions such as `aws-global`).
    pub regions: &'static [&'static str],
    /// What `aws.partition` returns for a region of this partition.
    pub outputs: PartitionOutputs,
}

/// The `Partition` structure `aws.partition` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartitionOutputs {
    /// `name`: the partition's name, such as `aws`.
    pub name: &'static str,
    /// `dnsSuffix`: the default DNS suffix, such as `amazonaws.com`.
    pub dns_suffix: &'static str,
    /// `dualStackDnsSuffix`: the dual-stack DNS suffix, such as `api.aws`.
    pub dual_stack_dns_suffix: &'static str,
    /// `supportsFIPS`: whether the partition has FIPS endpoints.
    pub supports_fips: bool,
    /// `supportsDualStack`: whether the partition has dual-stack endpoints.
    pub supports_dual_stack: bool,
    /// `implicitGlobalRegion`: the region global endpoints of the partition sign for.
    pub implicit_global_region: &'static str,
}

/// `aws.partition`: the partition that lists `region`, else the first whose `region_regex` matches
/// it, else the `aws` partition (as Smithy's reference implementation does, so an unknown region
/// resolves as a commercial one). `None` only when none of these exists in `partitions`.
///
/// Each region regex is compiled the first time a lookup reaches it and kept in a process-wide
/// cache (a mutex-guarded list keyed by the pattern text), so later lookups do not recompile it.
pub fn partition(region: &str, partitions: &[PartitionData]) -> Option<PartitionOutputs> {
    partitions
        .iter()
        .find(|p| p.regions.contains(&region))
        .or_else(|| partitions.iter().find(|p| region_regex_matches(p.region_regex, region)))
        .or_else(|| partitions.iter().find(|p| p.id == "aws"))
        .map(|p| p.outputs)
}

/// Whether `region` matches `pattern`, compiling `pattern` once per process; a pattern that does
/// not compile matches nothing.
fn region_regex_matches(pattern: &'static str, region: &str) -> bool {
    use std::sync::{Mutex, OnceLock, PoisonError};

    type Cache = Mutex<Vec<(&'static str, Option<regex_lite::Regex>)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Cache::default).lock().unwrap_or_else(PoisonError::into_inner);
    let index = match cache.iter().position(|(known, _)| *known == pattern) {
        Some(index) => index,
        None => {
            cache.push((pattern, regex_lite::Regex::new(pattern).ok()));
            cache.len().saturating_sub(1)
        }
    };
    cache.get(index).and_then(|(_, regex)| regex.as_ref()).is_some_and(|regex| regex.is_match(region))
}
// @end

// @section aws-arn
/// The `ARN` structure `aws.parseArn` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    /// `partition`, such as `aws`; never empty.
    pub partition: String,
    /// `service`, such as `s3`; never empty.
    pub service: String,
    /// `region`; empty for a resource that is not regional.
    pub region: String,
    /// `accountId`; empty for a resource that belongs to no account.
    pub account_id: String,
    /// `resourceId`: the rest of the ARN split on every `:` and `/` (so never empty, though its
    /// parts may be: `bucket/` gives `["bucket", ""]`).
    pub resource_id: Vec<String>,
}

/// `aws.parseArn`: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, split on the first five `:`.
/// `None` unless the first part is exactly `arn`, there are six parts, and the partition, the
/// service and the resource are non-empty. The resource may contain more `:` and `/`; it is split
/// on both into [`Arn::resource_id`].
pub fn parse_arn(value: &str) -> Option<Arn> {
    let mut parts = value.splitn(6, ':');
    let (Some("arn"), Some(partition), Some(service), Some(region), Some(account_id), Some(resource)) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}
// @end

// @section aws-s3
/// `aws.isVirtualHostableS3Bucket`: whether `value` can be an S3 bucket's host label
/// (`BUCKET.s3.amazonaws.com`): 3 to 63 characters of lowercase ASCII letters, digits and `-`,
/// starting and ending with a letter or digit.
///
/// With `allow_subdomains`, `.` is allowed too, but no two of `.` and `-` may be adjacent (so every
/// dot-separated label is non-empty and neither starts nor ends with `-`, and `--` is rejected
/// as well, as in Smithy's reference implementation), and the value must not look like an IPv4
/// address (four dot-separated runs of digits).
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    let bytes = value.as_bytes();
    let edge_ok = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let inner_ok =
        |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-' || (allow_subdomains && *b == b'.');
    if !(3..=63).contains(&bytes.len())
        || !edge_ok(bytes.first())
        || !edge_ok(bytes.last())
        || !bytes.iter().all(inner_ok)
    {
        return false;
    }
    if !allow_subdomains {
        return true;
    }
    let separators_apart = bytes.windows(2).all(|pair| !pair.iter().all(|b| matches!(b, b'.' | b'-')));
    let looks_like_ipv4 = {
        let parts: Vec<&str> = value.split('.').collect();
        parts.len() == 4 && parts.iter().all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    };
    separators_apart && !looks_like_ipv4
}
// @end
