//! The request body of the `awsQuery` and `ec2Query` protocols: `key=value` pairs joined by `&`,
//! sent as `application/x-www-form-urlencoded`.
//!
//! A [`QueryWriter`] starts with the `Action` and `Version` pairs; generated serializers then
//! add one [`pair`][QueryWriter::pair] per scalar, with keys that spell out where the value sits
//! (`Tags.member.1.Key`). [`QueryKey`] builds those keys in one reusable buffer.
//!
//! Keys and values are percent-encoded as AWS signs them: the RFC 3986 unreserved characters
//! `A-Z a-z 0-9 - _ . ~` are kept, every other UTF-8 byte becomes `%XX` with uppercase hex
//! digits (a space is `%20`, never `+`).
//!
//! ```ignore
//! let mut w = QueryWriter::new("SendMessage", "2012-11-05");
//! w.pair("QueueUrl", "https://sqs/1/q");
//! let mut key = QueryKey::new("MessageAttribute");
//! let entry = key.push_index(1);
//! let name = key.push("Name");
//! w.pair(key.as_str(), "a b");
//! key.truncate(name);
//! // ...
//! key.truncate(entry);
//! assert_eq!(
//!     w.as_str(),
//!     "Action=SendMessage&Version=2012-11-05&QueueUrl=https%3A%2F%2Fsqs%2F1%2Fq&MessageAttribute.1.Name=a%20b"
//! );
//! ```

/// Builds an `awsQuery` / `ec2Query` request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWriter {
    out: String,
}

impl QueryWriter {
    /// A body that starts `Action={action}&Version={version}`, both percent-encoded.
    pub fn new(action: &str, version: &str) -> Self {
        let mut out = String::with_capacity(256);
        out.push_str("Action=");
        encode_into(&mut out, action);
        out.push_str("&Version=");
        encode_into(&mut out, version);
        QueryWriter { out }
    }

    /// Appends `&key=value`, both percent-encoded.
    pub fn pair(&mut self, key: &str, value: &str) {
        self.out.push('&');
        encode_into(&mut self.out, key);
        self.out.push('=');
        encode_into(&mut self.out, value);
    }

    /// Appends `&key=` with no value: how `awsQuery` sends an empty list or map, so the
    /// service can tell it from an absent one.
    pub fn empty(&mut self, key: &str) {
        self.out.push('&');
        encode_into(&mut self.out, key);
        self.out.push('=');
    }

    /// The body written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The finished body, as bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

/// A query key built one `.`-separated segment at a time in a single buffer, for nested members,
/// list items and map entries (`Filters.member.2.Values.member.1`).
///
/// [`push`][Self::push] and [`push_index`][Self::push_index] return a mark; passing it to
/// [`truncate`][Self::truncate] takes the key back to what it was before that push, so a
/// serializer can add a segment, write the pairs below it and remove it again without
/// allocating a key per value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryKey {
    buf: String,
}

impl QueryKey {
    /// A key holding `root` (a top-level member's name); empty is allowed.
    pub fn new(root: &str) -> Self {
        let mut buf = String::with_capacity(root.len().saturating_add(32));
        buf.push_str(root);
        QueryKey { buf }
    }

    /// The key as it stands.
    pub fn as_str(&self) -> &str {
        &self.buf
    }

    /// Appends `.segment` (just `segment` when the key is empty); returns the mark to
    /// [`truncate`][Self::truncate] back to.
    pub fn push(&mut self, segment: &str) -> usize {
        let mark = self.buf.len();
        if !self.buf.is_empty() {
            self.buf.push('.');
        }
        self.buf.push_str(segment);
        mark
    }

    /// Appends `.index` (1-based positions are the caller's choice); returns the mark to
    /// [`truncate`][Self::truncate] back to.
    pub fn push_index(&mut self, index: usize) -> usize {
        let mark = self.buf.len();
        if !self.buf.is_empty() {
            self.buf.push('.');
        }
        push_decimal(&mut self.buf, index);
        mark
    }

    /// Takes the key back to `mark`, as returned by an earlier push. A mark past the end, or
    /// not on a character boundary, leaves the key unchanged.
    pub fn truncate(&mut self, mark: usize) {
        if self.buf.is_char_boundary(mark) {
            self.buf.truncate(mark);
        }
    }
}

/// Appends the decimal digits of `value`, without going through `fmt`.
///
/// `start` counts down from 20 (a `usize` has at most 20 decimal digits) and stops at 0, and
/// `value % 10` is a digit, so neither the index nor the arithmetic can go out of range.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
fn push_decimal(out: &mut String, mut value: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        // `value % 10` is below 10, so the cast cannot truncate.
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 || start == 0 {
            break;
        }
    }
    for &digit in digits.get(start..).unwrap_or_default() {
        out.push(char::from(digit));
    }
}

/// Appends `value` percent-encoded: RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) are
/// kept, every other UTF-8 byte becomes `%XX` with uppercase hex digits.
fn encode_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut kept = 0;
    for (i, &byte) in value.as_bytes().iter().enumerate() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            continue;
        }
        // `kept` and `i` sit before or at an ASCII byte or a UTF-8 lead byte's start.
        out.push_str(value.get(kept..i).unwrap_or_default());
        out.push('%');
        // A nibble (0..=15) indexes the 16-entry table.
        #[allow(clippy::indexing_slicing)]
        {
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0F)]));
        }
        // `i` indexes `value`, whose length is below `isize::MAX`.
        kept = i.saturating_add(1);
    }
    // Runs of unreserved characters are ASCII, so `kept` is always a character boundary; the
    // bytes of a multi-byte character are all encoded one by one above.
    out.push_str(value.get(kept..).unwrap_or_default());
}
