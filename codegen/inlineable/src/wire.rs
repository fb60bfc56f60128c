//! HTTP helpers every protocol shares: percent-encoding of labels and query parameters, header
//! list syntax, text forms of numbers and booleans, request IDs, error codes and messages as text.
//!
//! Nothing here panics, whatever the input.

use std::fmt::Write as _;
use std::str::FromStr;

use http::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::{DeserializeError, ResponseMetadata, SerializeError};

// ---------------------------------------------------------------------------------------------
// Percent-encoding
// ---------------------------------------------------------------------------------------------

/// Whether `byte` is an RFC 3986 unreserved character (`A-Z a-z 0-9 - . _ ~`).
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Appends `value` to `out`, keeping the bytes `keep` accepts and writing every other UTF-8
/// byte as `%XX` with uppercase hex digits.
fn percent_encode_into(out: &mut String, value: &str, keep: impl Fn(u8) -> bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in value.as_bytes() {
        if keep(byte) {
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
}

/// Percent-encodes a URI path label value: RFC 3986 unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) are kept, every other UTF-8 byte becomes `%XX` (uppercase hex).
/// With `greedy` (a `{label+}` in the URI pattern), `/` is kept too so the value can span
/// several path segments.
pub fn encode_label(value: &str, greedy: bool) -> String {
    let mut out = String::with_capacity(value.len());
    percent_encode_into(&mut out, value, |b| is_unreserved(b) || (greedy && b == b'/'));
    out
}

/// Percent-encodes a query string key or value: unreserved characters are kept, everything else
/// becomes `%XX`. A space is `%20`, never `+`; `/`, `&`, `=`, `+`, `?` and `#` are all encoded.
pub fn encode_query(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    percent_encode_into(&mut out, value, is_unreserved);
    out
}

// ---------------------------------------------------------------------------------------------
// Request URI
// ---------------------------------------------------------------------------------------------

/// Builds a request URI (path and query, no scheme or authority): the expanded path from the
/// operation's URI pattern, then any literal query from that pattern, then the query parameters
/// bound to input members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriBuilder {
    path: String,
    /// The pattern's literal query (without `?`), kept exactly as the model wrote it.
    literal_query: String,
    /// Encoded `key=value` pairs added with [`query`][Self::query].
    pairs: Vec<(String, String)>,
}

impl UriBuilder {
    /// Starts a URI from the already-expanded `path`, which may carry a literal query part from
    /// the model's URI pattern (such as `/foo?bar=baz&flag`); that part is kept as it is.
    pub fn new(path: String) -> Self {
        match path.split_once('?') {
            Some((path_part, query)) => UriBuilder {
                path: path_part.to_owned(),
                literal_query: query.to_owned(),
                pairs: Vec::new(),
            },
            None => UriBuilder { path, literal_query: String::new(), pairs: Vec::new() },
        }
    }

    /// Appends the query parameter `key=value`, percent-encoding both.
    pub fn query(&mut self, key: &str, value: &str) {
        self.pairs.push((encode_query(key), encode_query(value)));
    }

    /// Whether `key` is already in the query, either added with [`query`][Self::query] or
    /// present in the pattern's literal query. `httpQueryParams` uses this so a map entry never
    /// overrides an explicit `httpQuery` member.
    pub fn has_query(&self, key: &str) -> bool {
        let encoded = encode_query(key);
        self.pairs.iter().any(|(k, _)| *k == encoded)
            || self
                .literal_query
                .split('&')
                .filter(|part| !part.is_empty())
                .map(|part| part.split_once('=').map_or(part, |(k, _)| k))
                .any(|k| k == key || k == encoded)
    }

    /// The finished URI: `path`, then `?` and the query when there is one.
    pub fn build(self) -> String {
        let mut out = self.path;
        let mut separator = '?';
        for part in self.literal_query.split('&').filter(|part| !part.is_empty()) {
            out.push(separator);
            out.push_str(part);
            separator = '&';
        }
        for (key, value) in &self.pairs {
            out.push(separator);
            out.push_str(key);
            out.push('=');
            out.push_str(value);
            separator = '&';
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Header lists
// ---------------------------------------------------------------------------------------------

/// Joins the items of a list bound to one header, separated by `", "`. Items containing `,` or
/// `"` are wrapped in double quotes with `"` and `\` backslash-escaped; so are empty items and
/// items with leading or trailing whitespace, which [`split_header_list`] could not otherwise
/// give back. Other items are written as they are.
///
/// Lists of timestamps in the http-date format are not quoted: use [`join_http_date_list`].
pub fn join_header_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let needs_quotes = item.is_empty()
            || item.contains([',', '"'])
            || item.starts_with(is_header_whitespace)
            || item.ends_with(is_header_whitespace);
        if needs_quotes {
            out.push('"');
            for c in item.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}

/// Joins http-date timestamps (`Mon, 16 Dec 2019 23:48:18 GMT`) bound to one header with `", "`,
/// unquoted as the protocol requires even though each contains a comma.
pub fn join_http_date_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    out
}

fn is_header_whitespace(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Splits a header list value on commas outside double quotes. Whitespace around each item is
/// trimmed, and quoted items are unquoted (undoing backslash escapes). A blank value is an
/// empty list.
pub fn split_header_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    if value.trim_matches(is_header_whitespace).is_empty() {
        return items;
    }
    let mut start = 0;
    let mut in_quotes = false;
    let mut escaped = false;
    for (i, c) in value.char_indices() {
        if escaped {
            escaped = false;
        } else if in_quotes && c == '\\' {
            escaped = true;
        } else if c == '"' {
            in_quotes = !in_quotes;
        } else if c == ',' && !in_quotes {
            // `start` and `i` are at ASCII bytes (or the end), hence character boundaries.
            items.push(unquote(value.get(start..i).unwrap_or_default()));
            // `i` indexes `value`, whose length is below `isize::MAX`.
            start = i.saturating_add(1);
        }
    }
    items.push(unquote(value.get(start..).unwrap_or_default()));
    items
}

/// Trims an item of a header list and, when it is a quoted string, removes the quotes and the
/// backslash escapes. An unterminated quoted string is kept as it is.
fn unquote(item: &str) -> String {
    let item = item.trim_matches(is_header_whitespace);
    let inner = match item.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')) {
        Some(inner) if !inner.is_empty() || item.len() == 2 => inner,
        _ => return item.to_owned(),
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a header holding a list of http-date timestamps
/// (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT`): each date has a comma of
/// its own, so every second comma separates items. A blank value is an empty list; an odd
/// number of comma-separated parts is an error.
pub fn split_http_date_list(value: &str) -> Result<Vec<String>, DeserializeError> {
    if value.trim_matches(is_header_whitespace).is_empty() {
        return Ok(Vec::new());
    }
    let parts: Vec<&str> = value.split(',').collect();
    let pairs = parts.chunks_exact(2);
    if !pairs.remainder().is_empty() {
        return Err(DeserializeError::new(format!(
            "expected a comma-separated list of HTTP dates, found `{}`",
            excerpt(value)
        )));
    }
    Ok(pairs
        .map(|pair| {
            let (weekday, rest) = match pair {
                [weekday, rest] => (weekday.trim_matches(is_header_whitespace), rest.trim_matches(is_header_whitespace)),
                _ => ("", ""),
            };
            format!("{weekday}, {rest}")
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Scalars as text
// ---------------------------------------------------------------------------------------------

/// Formats a double for a header, query parameter or label: `NaN`, `Infinity` and `-Infinity`
/// for the non-finite values, the shortest text that reads back as the same value otherwise
/// (`1.5`, `1`, `-0`).
pub fn format_float(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value == f64::INFINITY {
        "Infinity".to_owned()
    } else if value == f64::NEG_INFINITY {
        "-Infinity".to_owned()
    } else {
        value.to_string()
    }
}

/// Formats a float like [`format_float`], with the shortest text that reads back as the same
/// `f32` (so `1.1f32` is `1.1`, not `1.100000023841858`).
pub fn format_float32(value: f32) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value == f32::INFINITY {
        "Infinity".to_owned()
    } else if value == f32::NEG_INFINITY {
        "-Infinity".to_owned()
    } else {
        value.to_string()
    }
}

/// At most 64 characters of `text`, for error messages that quote what they received.
fn excerpt(text: &str) -> String {
    const LIMIT: usize = 64;
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Reads `true` or `false` (surrounding whitespace ignored).
pub fn parse_bool(text: &str) -> Result<bool, DeserializeError> {
    match text.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(DeserializeError::new(format!("expected `true` or `false`, found `{}`", excerpt(text)))),
    }
}

/// Reads an integer of type `T` (surrounding whitespace ignored); out-of-range values are errors.
pub fn parse_int<T: FromStr>(text: &str) -> Result<T, DeserializeError> {
    text.trim()
        .parse()
        .map_err(|_| DeserializeError::new(format!("expected an integer, found `{}`", excerpt(text))))
}

/// The protocol's words for the non-finite values, which `str::parse` spells differently.
fn special_float(trimmed: &str) -> Option<f64> {
    match trimmed {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// Whether `trimmed` looks like a decimal number; keeps out the spellings `str::parse` accepts
/// but the protocol does not (`inf`, `nan`, `infinity` in any case).
fn is_decimal_text(trimmed: &str) -> bool {
    trimmed.bytes().any(|b| b.is_ascii_digit())
        && trimmed.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
}

fn float_error(text: &str) -> DeserializeError {
    DeserializeError::new(format!("expected a number, found `{}`", excerpt(text)))
}

/// Reads a double (surrounding whitespace ignored), accepting `NaN`, `Infinity` and `-Infinity`.
pub fn parse_float(text: &str) -> Result<f64, DeserializeError> {
    let trimmed = text.trim();
    if let Some(special) = special_float(trimmed) {
        return Ok(special);
    }
    if !is_decimal_text(trimmed) {
        return Err(float_error(text));
    }
    trimmed.parse().map_err(|_| float_error(text))
}

/// Reads a float (surrounding whitespace ignored), accepting `NaN`, `Infinity` and `-Infinity`.
pub fn parse_float32(text: &str) -> Result<f32, DeserializeError> {
    let trimmed = text.trim();
    if let Some(special) = special_float(trimmed) {
        // Non-finite values convert exactly.
        return Ok(special as f32);
    }
    if !is_decimal_text(trimmed) {
        return Err(float_error(text));
    }
    trimmed.parse().map_err(|_| float_error(text))
}

// ---------------------------------------------------------------------------------------------
// Response headers
// ---------------------------------------------------------------------------------------------

/// `value` as UTF-8 text, or an error naming the header.
fn header_text<'a>(name: &str, value: &'a HeaderValue) -> Result<&'a str, DeserializeError> {
    std::str::from_utf8(value.as_bytes())
        .map_err(|_| DeserializeError::new(format!("header `{name}` is not valid UTF-8 text")))
}

/// The value of header `name` as UTF-8 text (the first value if it occurs more than once):
/// `Ok(None)` when absent, an error when it is not valid UTF-8.
pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<Option<&'a str>, DeserializeError> {
    headers.get(name).map(|value| header_text(name, value)).transpose()
}

/// The value of header `name` for a string member, all values joined as by [`header_joined`];
/// an error's path names `member`.
pub fn header_string(headers: &HeaderMap, name: &str, member: &str) -> Result<Option<String>, DeserializeError> {
    header_joined(headers, name).map_err(|e| e.at(member))
}

/// All values of header `name`, joined by `", "` when it occurs more than once so that a list
/// split from it is the same as from one combined header. `Ok(None)` when absent.
pub fn header_joined(headers: &HeaderMap, name: &str) -> Result<Option<String>, DeserializeError> {
    let mut joined: Option<String> = None;
    for value in headers.get_all(name) {
        let text = header_text(name, value)?;
        match &mut joined {
            Some(out) => {
                out.push_str(", ");
                out.push_str(text);
            }
            None => joined = Some(text.to_owned()),
        }
    }
    Ok(joined)
}

/// The headers whose names start with `prefix` (compared case-insensitively), as pairs of the
/// name without the prefix (lowercase, as `http::HeaderMap` stores names) and the value, for an
/// `httpPrefixHeaders` map. A header that occurs more than once gives one pair with its values
/// joined by `", "`. An empty prefix matches every header.
pub fn prefixed_headers(headers: &HeaderMap, prefix: &str) -> Result<Vec<(String, String)>, DeserializeError> {
    let prefix = prefix.as_bytes();
    let mut out = Vec::new();
    for name in headers.keys() {
        let name = name.as_str();
        let matches = name.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix));
        if !matches {
            continue;
        }
        // Header names are ASCII, so the prefix length is a character boundary.
        let suffix = name.get(prefix.len()..).unwrap_or_default();
        if let Some(value) = header_joined(headers, name)? {
            out.push((suffix.to_owned(), value));
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Error responses
// ---------------------------------------------------------------------------------------------

/// Sanitizes an error code as restJson1 sends it: drops everything from the first `:` (a URL
/// some services append), then everything up to and including the first `#` (the shape's
/// namespace). `aws.protocoltests.restjson#FooError:http://internal.amazon.com/...` becomes
/// `FooError`. Surrounding whitespace is trimmed.
pub fn sanitize_error_code(raw: &str) -> &str {
    let code = raw.split_once(':').map_or(raw, |(before, _)| before);
    let code = code.split_once('#').map_or(code, |(_, after)| after);
    code.trim()
}

/// The longest body [`plain_text_message`] takes as a message.
const PLAIN_MESSAGE_LIMIT: usize = 512;

/// A body that is not what the protocol expects (a proxy's text or HTML page, say) as a message:
/// its trimmed text when it is valid UTF-8, at most 512 characters, and printable. Broken JSON
/// (text starting with `{` or `[`) is no message.
pub fn plain_text_message(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?.trim();
    let printable = text.chars().all(|c| !c.is_control() || c.is_whitespace());
    let short = text.chars().nth(PLAIN_MESSAGE_LIMIT).is_none();
    let json_like = text.starts_with(['{', '[']);
    (!text.is_empty() && printable && short && !json_like).then(|| text.to_owned())
}

/// Runs `read` and adds `member` to the path of any error it returns.
pub fn in_member<T>(member: &str, read: impl FnOnce() -> Result<T, DeserializeError>) -> Result<T, DeserializeError> {
    read().map_err(|e| e.at(member))
}

/// The request ID the service assigned: `x-amzn-RequestId`, else S3's `x-amz-request-id`.
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"].into_iter().find_map(|name| {
        let text = std::str::from_utf8(headers.get(name)?.as_bytes()).ok()?.trim();
        (!text.is_empty()).then(|| text.to_owned())
    })
}

/// The request IDs of a response: [`request_id`] and S3's extended `x-amz-id-2`.
pub fn response_metadata(headers: &HeaderMap) -> ResponseMetadata {
    let extended = headers
        .get("x-amz-id-2")
        .and_then(|value| std::str::from_utf8(value.as_bytes()).ok())
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned);
    ResponseMetadata::new(request_id(headers), extended)
}

// ---------------------------------------------------------------------------------------------
// Request headers
// ---------------------------------------------------------------------------------------------

/// Sets header `name` to `value`, replacing any earlier value. Fails with a [`SerializeError`]
/// for `member` when `name` is not a valid header name or `value` is not a valid header value
/// (for example, it contains a line break or another control character). An empty value sets
/// nothing, as restJson1 leaves such headers out.
pub fn insert_header(
    headers: &mut HeaderMap,
    name: &str,
    value: &str,
    member: &'static str,
) -> Result<(), SerializeError> {
    // restJson1 leaves out a header whose value is an empty string or an empty list.
    if value.is_empty() {
        return Ok(());
    }
    let header_name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| SerializeError::new(member, format!("`{}` is not a valid header name", excerpt(name))))?;
    let header_value = HeaderValue::from_bytes(value.as_bytes()).map_err(|_| {
        let mut message = format!("the value for header `{name}` contains a character headers cannot carry");
        if let Some(c) = value.chars().find(|c| c.is_control() && *c != '\t') {
            let _ = write!(message, " ({c:?})");
        }
        SerializeError::new(member, message)
    })?;
    headers.insert(header_name, header_value);
    Ok(())
}

// ---- endpoints ----

/// Points a serialized request at `endpoint` (such as `https://example.com/custom`): its scheme,
/// its authority with `host_prefix` (an operation's `@endpoint` prefix, or `""`) put before the
/// host, and its path before the request's own path and query. A request whose URI already has
/// an authority (a service customization chose the host) keeps it.
///
/// # Errors
///
/// `endpoint` is not an absolute URI, or the joined URI is not valid.
pub fn apply_endpoint<B>(request: &mut http::Request<B>, endpoint: &str, host_prefix: &str) -> Result<(), SerializeError> {
    if request.uri().authority().is_some() {
        return Ok(());
    }
    let invalid = |why: &str| SerializeError::new("endpoint", format!("`{}` {why}", excerpt(endpoint)));
    let base: http::Uri = endpoint.parse().map_err(|_| invalid("is not a valid URI"))?;
    let (Some(scheme), Some(authority)) = (base.scheme_str(), base.authority()) else {
        return Err(invalid("needs a scheme and a host, such as `https://example.com`"));
    };
    let base_path = base.path().trim_end_matches('/');
    let tail = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let joined = format!("{scheme}://{host_prefix}{authority}{base_path}{tail}");
    *request.uri_mut() = joined.parse().map_err(|_| invalid("gives an invalid URI with this request"))?;
    Ok(())
}

// ---- idempotency tokens and checksums ----

/// A fresh idempotency token: a random (version 4) UUID such as
/// `1f3e6c1a-58d2-4b9e-9c07-2d4e8f0a6b13`. The randomness comes from the standard library's
/// hasher keys and the clock: unique enough for retries, not for secrets.
pub fn idempotency_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let state = std::collections::hash_map::RandomState::new();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let mut bytes = [0u8; 16];
    for (i, chunk) in bytes.chunks_mut(8).enumerate() {
        let mut hasher = state.build_hasher();
        hasher.write_usize(i);
        hasher.write_u128(now);
        chunk.copy_from_slice(&hasher.finish().to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        let _ = write!(out, "{byte:02x}");
    }
    out
}

// @section checksum
/// The `Content-MD5` header value of a body: its MD5 digest, base64-encoded.
pub fn content_md5(body: &[u8]) -> String {
    crate::primitives::Blob::new(md5(body).to_vec()).to_base64()
}

/// MD5 (RFC 1321). Only `@httpChecksumRequired` needs it, so it is written out here rather
/// than pulled in as a dependency.
///
/// Every index below is a loop counter below 64 or a word number below 16 into fixed-size
/// tables, and the length arithmetic is on the body's length (below `isize::MAX`).
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
fn md5(input: &[u8]) -> [u8; 16] {
    const SHIFTS: [u32; 16] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    // K[i] = floor(|sin(i + 1)| * 2^32), as the RFC defines the table.
    let k: Vec<u32> = (0..64).map(|i| ((i as f64 + 1.0).sin().abs() * 4_294_967_296.0) as u32).collect();
    let mut state: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
    let mut message = input.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&((input.len() as u64).wrapping_mul(8)).to_le_bytes());
    for block in message.chunks_exact(64) {
        let mut words = [0u32; 16];
        for (word, bytes) in words.iter_mut().zip(block.chunks_exact(4)) {
            *word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        let [mut a, mut b, mut c, mut d] = state;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let shift = SHIFTS[(i / 16) * 4 + i % 4];
            let rotated = a.wrapping_add(f).wrapping_add(k[i]).wrapping_add(words[g]).rotate_left(shift);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(rotated);
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d]) {
            *s = s.wrapping_add(v);
        }
    }
    let mut out = [0u8; 16];
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    out
}
// @end

// @section route53
/// A Route 53 ID without the resource-type prefix its responses put before it
/// (`/hostedzone/Z1D633PJN98FT9` → `Z1D633PJN98FT9`; also `/change/`, `/delegationset/`, each
/// with or without the leading `/`). Any other value is kept as it is.
pub fn trim_resource_id(value: &str) -> &str {
    const PREFIXES: [&str; 3] = ["hostedzone/", "change/", "delegationset/"];
    let unslashed = value.strip_prefix('/').unwrap_or(value);
    PREFIXES.iter().find_map(|prefix| unslashed.strip_prefix(prefix)).unwrap_or(value)
}
// @end

// @section gzip
/// Request bodies smaller than this are sent as they are: Smithy's default minimum size for
/// `@requestCompression`.
pub const MIN_COMPRESSION_BYTES: usize = 10_240;

/// The body of an operation with `@requestCompression`: gzipped, with `gzip` appended to any
/// `Content-Encoding` already set, when it is at least [`MIN_COMPRESSION_BYTES`] long; as it is
/// otherwise.
pub fn gzip_body(headers: &mut HeaderMap, body: Vec<u8>) -> Result<Vec<u8>, SerializeError> {
    use std::io::Write as _;
    if body.len() < MIN_COMPRESSION_BYTES {
        return Ok(body);
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 2), flate2::Compression::default());
    let compressed = encoder
        .write_all(&body)
        .and_then(|()| encoder.finish())
        .map_err(|e| SerializeError::new("body", format!("cannot gzip the body: {e}")))?;
    let encoding = match headers.get(http::header::CONTENT_ENCODING).map(|v| v.to_str()) {
        Some(Ok(existing)) if !existing.trim().is_empty() => format!("{existing}, gzip"),
        _ => "gzip".to_owned(),
    };
    insert_header(headers, "Content-Encoding", &encoding, "body")?;
    Ok(compressed)
}
// @end

// @section glacier
/// Glacier's checksum headers for an upload whose caller did not set them:
/// `X-Amz-Content-Sha256`, the SHA-256 of the body, and `X-Amz-Sha256-Tree-Hash`, the root of
/// the SHA-256 tree over its 1 MiB chunks, both in lowercase hex.
pub fn glacier_checksums(headers: &mut HeaderMap, body: &[u8]) -> Result<(), SerializeError> {
    if !headers.contains_key("x-amz-content-sha256") {
        insert_header(headers, "X-Amz-Content-Sha256", &hex(&sha256(body)), "body")?;
    }
    if !headers.contains_key("x-amz-sha256-tree-hash") {
        insert_header(headers, "X-Amz-Sha256-Tree-Hash", &hex(&tree_hash(body)), "body")?;
    }
    Ok(())
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).into()
}

/// The root of Glacier's tree hash: SHA-256 of each 1 MiB chunk, then of each pair of hashes,
/// level by level, an odd one out carried up as it is.
fn tree_hash(body: &[u8]) -> [u8; 32] {
    let mut level: Vec<[u8; 32]> = body.chunks(1 << 20).map(sha256).collect();
    if level.is_empty() {
        return sha256(&[]);
    }
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [a, b] => sha256(&[a.as_slice(), b.as_slice()].concat()),
                [a] => *a,
                _ => sha256(&[]),
            })
            .collect();
    }
    level.first().copied().unwrap_or_else(|| sha256(&[]))
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}
// @end
