//! The JSON codec of the `restJson1` protocol: a [`JsonWriter`] that builds request bodies, a
//! [`parse`] function that turns a response body into a borrowed [`Json`] tree, and typed
//! readers (`read_*`) that convert [`Json`] values into Smithy types with precise errors.
//!
//! Smithy's conventions for JSON apply throughout: timestamps default to epoch seconds, blobs
//! are base64 strings, and floats that JSON cannot express are the strings `"NaN"`,
//! `"Infinity"` and `"-Infinity"`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::str::FromStr;

use http::header::HeaderMap;

use crate::error::{DeserializeError, ErrorMetadata};
// @section big-numbers
use crate::primitives::{BigDecimal, BigInteger};
// @end
// @section blob
use crate::primitives::Blob;
// @end
// @section date-time
use crate::primitives::DateTime;
// @end
// @section document
use crate::primitives::{Document, Number};
// @end

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// Builds a JSON text value by value, inserting the commas between them.
///
/// Objects are written as [`begin_object`][Self::begin_object], then [`key`][Self::key] and a
/// value for each member, then [`end_object`][Self::end_object]; arrays as
/// [`begin_array`][Self::begin_array], the values, then [`end_array`][Self::end_array].
/// The writer does not check that calls are balanced.
///
/// ```ignore
/// let mut w = JsonWriter::new();
/// w.begin_object();
/// w.key("name");
/// w.string("stage");
/// w.key("ids");
/// w.begin_array();
/// w.integer(1);
/// w.integer(2);
/// w.end_array();
/// w.end_object();
/// assert_eq!(w.as_str(), r#"{"name":"stage","ids":[1,2]}"#);
/// ```
#[derive(Debug, Clone, Default)]
pub struct JsonWriter {
    out: String,
    /// Whether the next key or value follows a sibling and so needs a `,` first.
    needs_comma: bool,
}

impl JsonWriter {
    /// An empty writer.
    pub fn new() -> Self {
        // Most request bodies fit; a larger one grows as usual.
        JsonWriter { out: String::with_capacity(256), needs_comma: false }
    }

    /// The JSON text written so far, as UTF-8 bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    /// The JSON text written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// Starts an object (`{`).
    pub fn begin_object(&mut self) {
        self.separate();
        self.out.push('{');
    }

    /// Ends the current object (`}`).
    pub fn end_object(&mut self) {
        self.out.push('}');
        self.needs_comma = true;
    }

    /// Starts an array (`[`).
    pub fn begin_array(&mut self) {
        self.separate();
        self.out.push('[');
    }

    /// Ends the current array (`]`).
    pub fn end_array(&mut self) {
        self.out.push(']');
        self.needs_comma = true;
    }

    /// Writes an object member's key (`"key":`); the member's value must follow.
    pub fn key(&mut self, key: &str) {
        self.separate();
        write_escaped(&mut self.out, key);
        self.out.push(':');
    }

    /// Writes a string, escaping `"`, `\` and control characters.
    pub fn string(&mut self, value: &str) {
        self.separate();
        write_escaped(&mut self.out, value);
        self.needs_comma = true;
    }

    /// Writes `true` or `false`.
    pub fn boolean(&mut self, value: bool) {
        self.raw(if value { "true" } else { "false" });
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.raw("null");
    }

    /// Writes a signed integer.
    pub fn integer(&mut self, value: i64) {
        self.separate();
        if value < 0 {
            self.out.push('-');
        }
        push_digits(&mut self.out, value.unsigned_abs());
        self.needs_comma = true;
    }

    /// Writes an unsigned integer.
    pub fn unsigned(&mut self, value: u64) {
        self.separate();
        push_digits(&mut self.out, value);
        self.needs_comma = true;
    }

    /// Writes a double: the shortest text that reads back as the same value, with `.0` when
    /// whole (`1.0`) and in exponent notation when very large or small (`1e300`). NaN and the
    /// infinities, which JSON cannot express, are written as the strings `"NaN"`,
    /// `"Infinity"` and `"-Infinity"`.
    pub fn float(&mut self, value: f64) {
        self.write_float(value, value);
    }

    /// Writes a float like [`float`][Self::float], with the shortest text for an `f32`
    /// (`1.1f32` is written `1.1`, not `1.100000023841858`).
    pub fn float32(&mut self, value: f32) {
        self.write_float(value, f64::from(value));
    }

    /// Writes a number given as text, as it is; the text must be a valid JSON number. Used
    /// for big integers and big decimals, whose digits must all be kept.
    pub fn number_text(&mut self, text: &str) {
        self.raw(text);
    }

    // @section date-time
    /// Writes a timestamp as epoch seconds: an integer when there is no sub-second part
    /// (`1576540098`), otherwise a decimal (`1576540098.52`).
    pub fn timestamp_epoch(&mut self, value: &DateTime) {
        self.raw(&value.to_epoch_seconds());
    }
    // @end

    // @section blob
    /// Writes a blob as a base64 string.
    pub fn blob(&mut self, value: &Blob) {
        self.separate();
        // Base64 text needs no escaping.
        self.out.push('"');
        self.out.push_str(&value.to_base64());
        self.out.push('"');
        self.needs_comma = true;
    }
    // @end

    // @section document
    /// Writes a document as the JSON value it describes; non-finite floats are written as
    /// [`float`][Self::float] writes them.
    pub fn document(&mut self, value: &Document) {
        match value {
            Document::Null => self.null(),
            Document::Bool(value) => self.boolean(*value),
            Document::Number(Number::PosInt(value)) => self.unsigned(*value),
            Document::Number(Number::NegInt(value)) => self.integer(*value),
            Document::Number(Number::Float(value)) => self.float(*value),
            Document::String(value) => self.string(value),
            Document::Array(values) => {
                self.begin_array();
                for value in values {
                    self.document(value);
                }
                self.end_array();
            }
            Document::Object(entries) => {
                self.begin_object();
                for (key, value) in entries {
                    self.key(key);
                    self.document(value);
                }
                self.end_object();
            }
        }
    }
    // @end

    /// Writes a comma if a sibling came before; afterwards the next value is the first of
    /// its container, or follows a key.
    fn separate(&mut self) {
        if self.needs_comma {
            self.out.push(',');
        }
        self.needs_comma = false;
    }

    /// Writes a complete value that needs no escaping.
    fn raw(&mut self, text: &str) {
        self.separate();
        self.out.push_str(text);
        self.needs_comma = true;
    }

    /// Writes `value`, which is exactly `wide` (the same value as an `f64`).
    fn write_float<F: fmt::Display + fmt::LowerExp>(&mut self, value: F, wide: f64) {
        if wide.is_nan() {
            return self.raw("\"NaN\"");
        }
        if wide.is_infinite() {
            return self.raw(if wide > 0.0 {
                "\"Infinity\""
            } else {
                "\"-Infinity\""
            });
        }
        let magnitude = wide.abs();
        self.separate();
        // `Display` never uses an exponent, which would spell 1e300 with 301 digits; switch
        // to exponent notation outside the range where JavaScript does.
        if magnitude == 0.0 || (1e-7..1e21).contains(&magnitude) {
            let start = self.out.len();
            let _ = write!(self.out, "{value}");
            // Keep whole floats recognisable as floats (`1.0`, not `1`) so that they read
            // back as floats, e.g. in a `Document`.
            if !self.out[start..].contains('.') {
                self.out.push_str(".0");
            }
        } else {
            let _ = write!(self.out, "{value:e}");
        }
        self.needs_comma = true;
    }
}

/// Appends the decimal digits of `value`, without going through `fmt`.
///
/// `start` counts down from 20 (a `u64` has at most 20 decimal digits) and `value % 10` is a
/// digit, so neither the index nor the arithmetic can go out of range.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
fn push_digits(out: &mut String, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

/// Writes `value` as a quoted JSON string.
fn write_escaped(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut run_start = 0;
    for (index, &byte) in value.as_bytes().iter().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        // `index` is at an ASCII byte, hence a character boundary.
        out.push_str(value.get(run_start..index).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            // A nibble (0..=15) indexes the 16-entry table.
            #[allow(clippy::indexing_slicing)]
            {
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
        } else {
            out.push_str(escape);
        }
        // `index` indexes `value`, whose length is below `isize::MAX`.
        run_start = index.saturating_add(1);
    }
    out.push_str(value.get(run_start..).unwrap_or_default());
    out.push('"');
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// How deeply arrays and objects may nest before [`parse`] gives up.
pub const MAX_DEPTH: usize = 128;

/// A parsed JSON value, borrowing from the input where it can.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its exact text in the input (for example `-1.5e3`), so that no precision
    /// is lost before the typed readers convert it.
    Number(&'a str),
    /// A string, borrowed from the input unless it contained escapes.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object's members, in input order; a repeated key appears more than once.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// What kind of value this is, for error messages: `"null"`, `"a boolean"`,
    /// `"a number"`, `"a string"`, `"an array"` or `"an object"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The members of an object, in input order.
    ///
    /// # Errors
    ///
    /// Fails if this is not an object.
    pub fn as_object(&self) -> Result<&[(Cow<'a, str>, Json<'a>)], DeserializeError> {
        match self {
            Json::Object(members) => Ok(members),
            other => Err(mismatch("an object", other)),
        }
    }

    /// The elements of an array.
    ///
    /// # Errors
    ///
    /// Fails if this is not an array.
    pub fn as_array(&self) -> Result<&[Json<'a>], DeserializeError> {
        match self {
            Json::Array(values) => Ok(values),
            other => Err(mismatch("an array", other)),
        }
    }

    /// The string, borrowed.
    ///
    /// # Errors
    ///
    /// Fails if this is not a string.
    pub fn as_str(&self) -> Result<&str, DeserializeError> {
        match self {
            Json::String(value) => Ok(value),
            other => Err(mismatch("a string", other)),
        }
    }

    /// The value of the object member named `key` (the last one if the key is repeated), or
    /// `None` if there is no such member or this is not an object.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members
                .iter()
                .rev()
                .find(|(name, _)| name.as_ref() == key)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    // @section document
    /// Converts the value into an owned [`Document`].
    ///
    /// A number is a [`Number::PosInt`] or [`Number::NegInt`] when its text is an integer (no
    /// fraction or exponent) within 64 bits, and a [`Number::Float`] otherwise. A repeated
    /// object key keeps its last value.
    pub fn to_document(&self) -> Document {
        match self {
            Json::Null => Document::Null,
            Json::Bool(value) => Document::Bool(*value),
            Json::Number(text) => Document::Number(number_value(text)),
            Json::String(value) => Document::String(value.as_ref().to_owned()),
            Json::Array(values) => Document::Array(values.iter().map(Json::to_document).collect()),
            Json::Object(members) => Document::Object(
                members
                    .iter()
                    .map(|(key, value)| (key.as_ref().to_owned(), value.to_document()))
                    .collect(),
            ),
        }
    }
    // @end
}

/// Parses a complete JSON text (RFC 8259): exactly one value, optionally surrounded by
/// whitespace.
///
/// Strings without escapes are borrowed from `input`. Arrays and objects may nest at most
/// [`MAX_DEPTH`] levels deep.
///
/// # Errors
///
/// Fails on invalid UTF-8, on anything outside the JSON grammar (including lone surrogate
/// escapes, leading zeros and trailing characters) and on nesting beyond [`MAX_DEPTH`]. The
/// message says what was expected and at which byte offset.
pub fn parse(input: &[u8]) -> Result<Json<'_>, DeserializeError> {
    let text = std::str::from_utf8(input).map_err(|error| {
        DeserializeError::new(format!(
            "invalid UTF-8 at byte offset {}",
            error.valid_up_to()
        ))
    })?;
    let mut parser = Parser {
        text,
        bytes: input,
        pos: 0,
        depth: 0,
    };
    parser.skip_whitespace();
    let value = parser.value()?;
    parser.skip_whitespace();
    if parser.pos < input.len() {
        return Err(parser.expected("the end of the input"));
    }
    Ok(value)
}

/// A recursive-descent parser over text already known to be valid UTF-8.
///
/// `pos` only ever stops on ASCII bytes or just past a complete string, so it is always a
/// character boundary; slicing goes through `str::get` regardless, so nothing can panic.
struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Moves `n` bytes on. Positions stay within a few bytes of the input's length (below
    /// `isize::MAX`), so saturating never actually clamps; it only keeps this panic-free.
    fn advance(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n);
    }

    /// Closes one level of nesting that [`enter`][Self::enter] counted.
    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.advance(1);
        }
    }

    fn value(&mut self) -> Result<Json<'a>, DeserializeError> {
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.expected("a value")),
        }
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, DeserializeError> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.advance(word.len());
            Ok(value)
        } else {
            Err(self.error(self.pos, format_args!("expected `{word}`")))
        }
    }

    /// Counts one more level of nesting, failing beyond [`MAX_DEPTH`].
    fn enter(&mut self) -> Result<(), DeserializeError> {
        self.depth = self.depth.saturating_add(1);
        if self.depth > MAX_DEPTH {
            return Err(self.error(
                self.pos,
                format_args!("arrays and objects nest more than {MAX_DEPTH} levels deep"),
            ));
        }
        Ok(())
    }

    fn array(&mut self) -> Result<Json<'a>, DeserializeError> {
        self.enter()?;
        self.advance(1); // '['
        let mut values = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.advance(1);
        } else {
            loop {
                self.skip_whitespace();
                values.push(self.value()?);
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => self.advance(1),
                    Some(b']') => {
                        self.advance(1);
                        break;
                    }
                    _ => return Err(self.expected("',' or ']'")),
                }
            }
        }
        self.leave();
        Ok(Json::Array(values))
    }

    fn object(&mut self) -> Result<Json<'a>, DeserializeError> {
        self.enter()?;
        self.advance(1); // '{'
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.advance(1);
        } else {
            loop {
                self.skip_whitespace();
                if self.peek() != Some(b'"') {
                    return Err(self.expected("a string key"));
                }
                let key = self.string()?;
                self.skip_whitespace();
                if self.peek() != Some(b':') {
                    return Err(self.expected("':'"));
                }
                self.advance(1);
                self.skip_whitespace();
                let value = self.value()?;
                members.push((key, value));
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => self.advance(1),
                    Some(b'}') => {
                        self.advance(1);
                        break;
                    }
                    _ => return Err(self.expected("',' or '}'")),
                }
            }
        }
        self.leave();
        Ok(Json::Object(members))
    }

    /// Parses a string starting at its opening quote.
    // Indices here are positions in `bytes` plus at most 12 (the length of a surrogate pair
    // escape), and a slice is never longer than `isize::MAX`, so they cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    fn string(&mut self) -> Result<Cow<'a, str>, DeserializeError> {
        let opening = self.pos;
        let start = opening + 1;
        // Unescaped text runs from `run` to `index`; `owned` exists once an escape was seen.
        let mut run = start;
        let mut index = start;
        let mut owned: Option<String> = None;
        loop {
            match self.bytes.get(index) {
                Some(b'"') => {
                    let tail = self.slice(run, index)?;
                    self.pos = index + 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut owned) => {
                            owned.push_str(tail);
                            Cow::Owned(owned)
                        }
                    });
                }
                Some(b'\\') => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(self.slice(run, index)?);
                    index = self.escape(index, text)?;
                    run = index;
                }
                Some(&byte) if byte < 0x20 => {
                    return Err(self.error(
                        index,
                        format_args!(
                            "control character {:?} must be escaped in a string",
                            char::from(byte)
                        ),
                    ));
                }
                Some(_) => index += 1,
                None => {
                    return Err(self.error(opening, format_args!("unterminated string")));
                }
            }
        }
    }

    /// Decodes the escape sequence at `at` (a backslash) onto `out`; returns the index after it.
    // Indices here are positions in `bytes` plus at most 12 (the length of a surrogate pair
    // escape), and a slice is never longer than `isize::MAX`, so they cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    fn escape(&self, at: usize, out: &mut String) -> Result<usize, DeserializeError> {
        let simple = match self.bytes.get(at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(at, out),
            Some(_) => {
                let found = self.text.get(at + 1..).and_then(|rest| rest.chars().next());
                let found = found.map_or(String::new(), String::from);
                return Err(self.error(at, format_args!("invalid escape `\\{found}`")));
            }
            None => return Err(self.error(at, format_args!("unterminated string"))),
        };
        out.push(simple);
        Ok(at + 2)
    }

    /// Decodes `\uXXXX` at `at`, or a surrogate pair `\uXXXX\uXXXX`.
    // Indices here are positions in `bytes` plus at most 12 (the length of a surrogate pair
    // escape), and a slice is never longer than `isize::MAX`, so they cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    fn unicode_escape(&self, at: usize, out: &mut String) -> Result<usize, DeserializeError> {
        let high = self.hex4(at + 2).ok_or_else(|| {
            self.error(
                at,
                format_args!("expected four hexadecimal digits after `\\u`"),
            )
        })?;
        let (code, end) = if (0xD800..0xDC00).contains(&high) {
            let low = match self.bytes.get(at + 6..at + 8) {
                Some(b"\\u") => self.hex4(at + 8),
                _ => None,
            };
            match low {
                Some(low @ 0xDC00..=0xDFFF) => {
                    (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), at + 12)
                }
                _ => return Err(self.error(at, format_args!("unpaired surrogate `\\u{high:04X}`"))),
            }
        } else {
            (high, at + 6)
        };
        // Fails only for a low surrogate without a high one.
        let decoded = char::from_u32(code)
            .ok_or_else(|| self.error(at, format_args!("unpaired surrogate `\\u{code:04X}`")))?;
        out.push(decoded);
        Ok(end)
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.bytes.get(at..at.checked_add(4)?)?;
        digits.iter().try_fold(0, |acc, &digit| {
            Some(acc << 4 | char::from(digit).to_digit(16)?)
        })
    }

    /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<Json<'a>, DeserializeError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.advance(1);
        }
        match self.peek() {
            Some(b'0') => {
                self.advance(1);
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error(start, format_args!("leading zeros are not allowed")));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.expected("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.advance(1);
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.advance(1);
            if let Some(b'+' | b'-') = self.peek() {
                self.advance(1);
            }
            self.required_digits()?;
        }
        Ok(Json::Number(self.slice(start, self.pos)?))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.advance(1);
        }
    }

    fn required_digits(&mut self) -> Result<(), DeserializeError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.expected("a digit"));
        }
        self.digits();
        Ok(())
    }

    fn slice(&self, start: usize, end: usize) -> Result<&'a str, DeserializeError> {
        self.text
            .get(start..end)
            .ok_or_else(|| self.error(start, format_args!("invalid character boundary")))
    }

    /// "expected X at byte offset N, found Y", for the current position.
    fn expected(&self, what: &str) -> DeserializeError {
        let found = match self.text.get(self.pos..).map(|rest| rest.chars().next()) {
            Some(Some(c)) => format!("{c:?}"),
            _ => "the end of the input".to_owned(),
        };
        DeserializeError::new(format!(
            "expected {what} at byte offset {}, found {found}",
            self.pos
        ))
    }

    fn error(&self, at: usize, message: fmt::Arguments<'_>) -> DeserializeError {
        DeserializeError::new(format!("{message} at byte offset {at}"))
    }
}

// ---------------------------------------------------------------------------------------------
// Streaming reader
// ---------------------------------------------------------------------------------------------

/// Reads a JSON text front to back, as generated deserializers walk their types: objects key by
/// key, arrays item by item, scalars as small [`Json`] values that borrow from the input. Nothing
/// is built that the typed value does not keep.
///
/// The same grammar, depth limit and errors as [`parse`]; nothing panics on any input.
pub struct Reader<'a> {
    parser: Parser<'a>,
    /// Per open array or object: whether an element was read, so the next needs a `,`.
    open: Vec<bool>,
}

impl<'a> Reader<'a> {
    /// A reader over a complete JSON text.
    ///
    /// # Errors
    ///
    /// Fails when the input is not UTF-8.
    pub fn new(input: &'a [u8]) -> Result<Self, DeserializeError> {
        let text = std::str::from_utf8(input).map_err(|error| {
            DeserializeError::new(format!(
                "invalid UTF-8 at byte offset {}",
                error.valid_up_to()
            ))
        })?;
        let parser = Parser { text, bytes: input, pos: 0, depth: 0 };
        Ok(Reader { parser, open: Vec::new() })
    }

    /// A reader over a response body; `None` when the body is empty or only whitespace.
    ///
    /// # Errors
    ///
    /// Fails when the body is not UTF-8.
    pub fn for_body(body: &'a [u8]) -> Result<Option<Self>, DeserializeError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        Reader::new(body).map(Some)
    }

    /// Consumes a `null` if one comes next, and says whether it did.
    pub fn take_null(&mut self) -> bool {
        self.parser.skip_whitespace();
        let rest = self.parser.bytes.get(self.parser.pos..).unwrap_or_default();
        if rest.starts_with(b"null") {
            self.parser.advance(4);
            true
        } else {
            false
        }
    }

    /// Reads the next value whole: a scalar borrows from the input; an array or object is
    /// built as a tree (documents need that; typed values use [`begin_object`][Self::begin_object]).
    ///
    /// # Errors
    ///
    /// Fails on malformed JSON.
    pub fn value(&mut self) -> Result<Json<'a>, DeserializeError> {
        self.parser.skip_whitespace();
        self.parser.value()
    }

    /// Skips the next value.
    ///
    /// # Errors
    ///
    /// Fails on malformed JSON.
    pub fn skip(&mut self) -> Result<(), DeserializeError> {
        self.value().map(drop)
    }

    /// Enters an object: the next value must start with `{`.
    ///
    /// # Errors
    ///
    /// Fails when the next value is not an object, or nests too deep.
    pub fn begin_object(&mut self) -> Result<(), DeserializeError> {
        self.begin(b'{', "an object")
    }

    /// Enters an array: the next value must start with `[`.
    ///
    /// # Errors
    ///
    /// Fails when the next value is not an array, or nests too deep.
    pub fn begin_array(&mut self) -> Result<(), DeserializeError> {
        self.begin(b'[', "an array")
    }

    fn begin(&mut self, open: u8, what: &str) -> Result<(), DeserializeError> {
        self.parser.skip_whitespace();
        if self.parser.peek() != Some(open) {
            return Err(match self.parser.value() {
                Ok(found) => mismatch(what, &found),
                Err(error) => error,
            });
        }
        self.parser.enter()?;
        self.parser.advance(1);
        self.open.push(false);
        Ok(())
    }

    /// The next key of the object entered last, with its `:` consumed, so its value comes next;
    /// `None` (and the object left) at its `}`.
    ///
    /// # Errors
    ///
    /// Fails on malformed JSON.
    pub fn next_key(&mut self) -> Result<Option<Cow<'a, str>>, DeserializeError> {
        if !self.next_element(b'}', "',' or '}'")? {
            return Ok(None);
        }
        if self.parser.peek() != Some(b'"') {
            return Err(self.parser.expected("a string key"));
        }
        let key = self.parser.string()?;
        self.parser.skip_whitespace();
        if self.parser.peek() != Some(b':') {
            return Err(self.parser.expected("':'"));
        }
        self.parser.advance(1);
        Ok(Some(key))
    }

    /// Whether the array entered last has another item, which then comes next; at its `]` the
    /// array is left.
    ///
    /// # Errors
    ///
    /// Fails on malformed JSON.
    pub fn next_item(&mut self) -> Result<bool, DeserializeError> {
        self.next_element(b']', "',' or ']'")
    }

    fn next_element(&mut self, close: u8, separator: &str) -> Result<bool, DeserializeError> {
        self.parser.skip_whitespace();
        let Some(seen) = self.open.last_mut() else {
            return Err(self.parser.expected("an open array or object"));
        };
        if self.parser.peek() == Some(close) {
            self.parser.advance(1);
            self.parser.leave();
            self.open.pop();
            return Ok(false);
        }
        if *seen {
            if self.parser.peek() != Some(b',') {
                return Err(self.parser.expected(separator));
            }
            self.parser.advance(1);
            self.parser.skip_whitespace();
        }
        *seen = true;
        Ok(true)
    }

    /// Checks that only whitespace follows.
    ///
    /// # Errors
    ///
    /// Fails when anything else does.
    pub fn end(&mut self) -> Result<(), DeserializeError> {
        self.parser.skip_whitespace();
        if self.parser.pos < self.parser.bytes.len() {
            return Err(self.parser.expected("the end of the input"));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Typed readers
// ---------------------------------------------------------------------------------------------

/// "expected X, found Y" for a value of the wrong kind.
fn mismatch(expected: &str, found: &Json) -> DeserializeError {
    DeserializeError::new(format!("expected {expected}, found {}", found.kind()))
}

fn number_text<'j>(value: &'j Json, expected: &str) -> Result<&'j str, DeserializeError> {
    match value {
        Json::Number(text) => Ok(text),
        other => Err(mismatch(expected, other)),
    }
}

/// `-?[0-9]+`: a number lexeme without fraction or exponent.
fn is_integer_text(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

// @section document
/// The value of a number lexeme; see [`Json::to_document`].
fn number_value(text: &str) -> Number {
    if is_integer_text(text) {
        if let Ok(value) = text.parse::<u64>() {
            return Number::PosInt(value);
        }
        if let Ok(value) = text.parse::<i64>() {
            return Number::from(value);
        }
    }
    // Every JSON number parses as a float; NaN marks a hand-built `Json::Number` that is not one.
    Number::Float(text.parse().unwrap_or(f64::NAN))
}
// @end

/// Reads a string.
///
/// # Errors
///
/// Fails if the value is not a string.
pub fn read_string(v: &Json) -> Result<String, DeserializeError> {
    v.as_str().map(str::to_owned)
}

/// Reads a boolean.
///
/// # Errors
///
/// Fails if the value is not `true` or `false`.
pub fn read_bool(v: &Json) -> Result<bool, DeserializeError> {
    match v {
        Json::Bool(value) => Ok(*value),
        other => Err(mismatch("a boolean", other)),
    }
}

fn read_integer<T: FromStr + fmt::Display>(
    v: &Json,
    type_name: &str,
    min: T,
    max: T,
) -> Result<T, DeserializeError> {
    let text = number_text(v, "an integer")?;
    if !is_integer_text(text) {
        return Err(DeserializeError::new(format!(
            "expected an integer, found {text}"
        )));
    }
    text.parse().map_err(|_| {
        DeserializeError::new(format!(
            "{text} is out of range for {type_name} ({min} to {max})"
        ))
    })
}

/// Reads a Smithy `byte`: an integer (no fraction or exponent) from -128 to 127.
///
/// # Errors
///
/// Fails if the value is not an integer number or is out of range.
pub fn read_i8(v: &Json) -> Result<i8, DeserializeError> {
    read_integer(v, "i8", i8::MIN, i8::MAX)
}

/// Reads a Smithy `short`: an integer (no fraction or exponent) that fits an `i16`.
///
/// # Errors
///
/// Fails if the value is not an integer number or is out of range.
pub fn read_i16(v: &Json) -> Result<i16, DeserializeError> {
    read_integer(v, "i16", i16::MIN, i16::MAX)
}

/// Reads a Smithy `integer`: an integer (no fraction or exponent) that fits an `i32`.
///
/// # Errors
///
/// Fails if the value is not an integer number or is out of range.
pub fn read_i32(v: &Json) -> Result<i32, DeserializeError> {
    read_integer(v, "i32", i32::MIN, i32::MAX)
}

/// Reads a Smithy `long`: an integer (no fraction or exponent) that fits an `i64`.
///
/// # Errors
///
/// Fails if the value is not an integer number or is out of range.
pub fn read_i64(v: &Json) -> Result<i64, DeserializeError> {
    read_integer(v, "i64", i64::MIN, i64::MAX)
}

/// Reads a float from any number, or from one of the strings `"NaN"`, `"Infinity"` and
/// `"-Infinity"`.
fn read_floating<T: FromStr>(
    v: &Json,
    type_name: &str,
    is_finite: fn(&T) -> bool,
    nan: T,
    infinity: T,
    negative_infinity: T,
) -> Result<T, DeserializeError> {
    match v {
        Json::Number(text) => match text.parse::<T>() {
            Ok(value) if is_finite(&value) => Ok(value),
            _ => Err(DeserializeError::new(format!(
                "{text} is out of range for {type_name}"
            ))),
        },
        Json::String(text) => match text.as_ref() {
            "NaN" => Ok(nan),
            "Infinity" => Ok(infinity),
            "-Infinity" => Ok(negative_infinity),
            _ => Err(DeserializeError::new(format!(
                "expected a number, found the string {text:?} (only \"NaN\", \"Infinity\" and \"-Infinity\" are allowed)"
            ))),
        },
        other => Err(mismatch("a number", other)),
    }
}

/// Reads a Smithy `float` from any number (rounded to the nearest `f32`), or from one of the
/// strings `"NaN"`, `"Infinity"` and `"-Infinity"`.
///
/// # Errors
///
/// Fails for other values, and for numbers too large for an `f32`.
pub fn read_f32(v: &Json) -> Result<f32, DeserializeError> {
    read_floating(
        v,
        "f32",
        |x: &f32| x.is_finite(),
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
    )
}

/// Reads a Smithy `double` from any number (rounded to the nearest `f64`), or from one of the
/// strings `"NaN"`, `"Infinity"` and `"-Infinity"`.
///
/// # Errors
///
/// Fails for other values, and for numbers too large for an `f64`.
pub fn read_f64(v: &Json) -> Result<f64, DeserializeError> {
    read_floating(
        v,
        "f64",
        |x: &f64| x.is_finite(),
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    )
}

// @section big-numbers
/// Reads a Smithy `bigInteger` from an integer number (no fraction or exponent), keeping every
/// digit, or from a string holding one.
///
/// # Errors
///
/// Fails for other values.
pub fn read_big_integer(v: &Json) -> Result<BigInteger, DeserializeError> {
    match v {
        Json::Number(text) if is_integer_text(text) => text
            .parse()
            .map_err(|e| DeserializeError::new(format!("{e}"))),
        Json::Number(text) => Err(DeserializeError::new(format!(
            "expected an integer, found {text}"
        ))),
        Json::String(text) => text
            .parse()
            .map_err(|e| DeserializeError::new(format!("{e}"))),
        other => Err(mismatch("an integer", other)),
    }
}

/// Reads a Smithy `bigDecimal` from any number, keeping its exact text, or from a string
/// holding one.
///
/// # Errors
///
/// Fails for other values.
pub fn read_big_decimal(v: &Json) -> Result<BigDecimal, DeserializeError> {
    match v {
        Json::Number(text) => text.parse(),
        Json::String(text) => text.parse(),
        other => return Err(mismatch("a number", other)),
    }
    .map_err(|e| DeserializeError::new(format!("{e}")))
}

// @end
// @section date-time
/// Reads a timestamp in the `epoch-seconds` format: a number of seconds since the Unix epoch,
/// possibly with a fraction (`1576540098.52`) or an exponent.
///
/// # Errors
///
/// Fails for other values and for numbers outside the range of [`DateTime`].
pub fn read_timestamp_epoch(v: &Json) -> Result<DateTime, DeserializeError> {
    let text = number_text(v, "epoch seconds as a number")?;
    // The exact decimal parser keeps every digit; exponents need the float route.
    DateTime::parse_epoch_seconds(text)
        .or_else(|error| match text.parse::<f64>() {
            Ok(secs) if text.contains(['e', 'E']) => DateTime::from_secs_f64(secs),
            _ => Err(error),
        })
        .map_err(|e| DeserializeError::new(format!("{e}")))
}

/// Reads a timestamp in the `date-time` format: a string holding an RFC 3339 date and time
/// (`2019-12-16T23:48:18Z`).
///
/// # Errors
///
/// Fails for other values and for strings that are not such a date.
pub fn read_timestamp_date_time(v: &Json) -> Result<DateTime, DeserializeError> {
    let text = v.as_str()?;
    DateTime::parse_date_time(text).map_err(|e| DeserializeError::new(format!("{e}")))
}

/// Reads a timestamp in the `http-date` format: a string holding an HTTP date
/// (`Mon, 16 Dec 2019 23:48:18 GMT`).
///
/// # Errors
///
/// Fails for other values and for strings that are not such a date.
pub fn read_timestamp_http_date(v: &Json) -> Result<DateTime, DeserializeError> {
    let text = v.as_str()?;
    DateTime::parse_http_date(text).map_err(|e| DeserializeError::new(format!("{e}")))
}

// @end
// @section blob
/// Reads a blob from a base64 string.
///
/// # Errors
///
/// Fails for other values and for strings that are not valid base64.
pub fn read_blob(v: &Json) -> Result<Blob, DeserializeError> {
    let text = v.as_str()?;
    Blob::from_base64(text).map_err(|e| DeserializeError::new(format!("{e}")))
}

// @end
// @section document
/// Reads any value as a [`Document`]; see [`Json::to_document`].
///
/// # Errors
///
/// Never fails; the `Result` matches the other readers.
pub fn read_document(v: &Json) -> Result<Document, DeserializeError> {
    Ok(v.to_document())
}
// @end

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

/// Whether two JSON texts hold the same value, for protocol tests: object member order and
/// whitespace are ignored, and numbers compare by value (`1` equals `1.0`; integers exactly,
/// anything else as `f64`). If either text is not valid JSON, the bytes are compared instead.
pub fn semantically_equal(a: &[u8], b: &[u8]) -> bool {
    match (parse(a), parse(b)) {
        (Ok(a), Ok(b)) => same_value(&a, &b),
        _ => a == b,
    }
}

/// The value of an integer lexeme that fits 128 bits.
fn integer_value(text: &str) -> Option<i128> {
    if is_integer_text(text) {
        text.parse().ok()
    } else {
        None
    }
}

fn same_value(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(a), Json::Number(b)) => match (integer_value(a), integer_value(b)) {
            (Some(a), Some(b)) => a == b,
            _ => a.parse::<f64>().ok() == b.parse::<f64>().ok(),
        },
        (Json::Array(a), Json::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_value(a, b))
        }
        (Json::Object(a), Json::Object(b)) => {
            // Later duplicates win, as in `Json::get`.
            let a: BTreeMap<&str, &Json> = a.iter().map(|(k, v)| (k.as_ref(), v)).collect();
            let b: BTreeMap<&str, &Json> = b.iter().map(|(k, v)| (k.as_ref(), v)).collect();
            a.len() == b.len()
                && a.iter()
                    .all(|(key, a)| b.get(key).is_some_and(|b| same_value(a, b)))
        }
        (a, b) => a == b,
    }
}

// ---- reading collections and bodies (called by generated deserializers) ----

/// Parses a response body: `None` when it is empty or only whitespace.
pub fn parse_body(body: &[u8]) -> Result<Option<Json<'_>>, DeserializeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    parse(body).map(Some)
}


/// Reads an array with `item`; `null` entries are skipped, as a list that is not sparse holds none.
pub fn read_list<'a, T>(
    r: &mut Reader<'a>,
    mut item: impl FnMut(&mut Reader<'a>) -> Result<T, DeserializeError>,
) -> Result<Vec<T>, DeserializeError> {
    r.begin_array()?;
    let mut out = Vec::new();
    let mut index = 0usize;
    while r.next_item()? {
        if !r.take_null() {
            out.push(item(r).map_err(|e| e.at(&format!("[{index}]")))?);
        }
        index = index.saturating_add(1);
    }
    Ok(out)
}

/// Reads an array with `item`, keeping `null` entries as `None`.
pub fn read_sparse_list<'a, T>(
    r: &mut Reader<'a>,
    mut item: impl FnMut(&mut Reader<'a>) -> Result<T, DeserializeError>,
) -> Result<Vec<Option<T>>, DeserializeError> {
    r.begin_array()?;
    let mut out = Vec::new();
    let mut index = 0usize;
    while r.next_item()? {
        out.push(if r.take_null() { None } else { Some(item(r).map_err(|e| e.at(&format!("[{index}]")))?) });
        index = index.saturating_add(1);
    }
    Ok(out)
}

/// Reads an object as a map; `null` values are skipped, as a map that is not sparse holds none.
pub fn read_map<'a, K: Ord, T>(
    r: &mut Reader<'a>,
    mut key: impl FnMut(&str) -> K,
    mut item: impl FnMut(&mut Reader<'a>) -> Result<T, DeserializeError>,
) -> Result<std::collections::BTreeMap<K, T>, DeserializeError> {
    r.begin_object()?;
    let mut out = std::collections::BTreeMap::new();
    while let Some(name) = r.next_key()? {
        if !r.take_null() {
            let value = item(r).map_err(|e| e.at(&name))?;
            out.insert(key(&name), value);
        }
    }
    Ok(out)
}

/// Reads an object as a map, keeping `null` values as `None`.
pub fn read_sparse_map<'a, K: Ord, T>(
    r: &mut Reader<'a>,
    mut key: impl FnMut(&str) -> K,
    mut item: impl FnMut(&mut Reader<'a>) -> Result<T, DeserializeError>,
) -> Result<std::collections::BTreeMap<K, Option<T>>, DeserializeError> {
    r.begin_object()?;
    let mut out = std::collections::BTreeMap::new();
    while let Some(name) = r.next_key()? {
        let value = if r.take_null() { None } else { Some(item(r).map_err(|e| e.at(&name))?) };
        out.insert(key(&name), value);
    }
    Ok(out)
}

// ---- error responses of the JSON protocols ----

/// The code of a restJson1 error response, sanitized with [`sanitize_error_code`](crate::wire::sanitize_error_code): from the
/// `X-Amzn-ErrorType` header if present, else the JSON body's top-level `code` member, else its
/// top-level `__type` member (members of nested objects are not looked at). `None` when no
/// source names a code.
pub fn error_code(headers: &HeaderMap, body: Option<&Json<'_>>) -> Option<String> {
    let from_header = headers
        .get("x-amzn-errortype")
        .and_then(|value| std::str::from_utf8(value.as_bytes()).ok())
        .filter(|text| !text.trim().is_empty());
    let raw = match from_header {
        Some(text) => text,
        None => {
            let body = body?;
            top_level_string(body, "code").or_else(|| top_level_string(body, "__type"))?
        }
    };
    let code = crate::wire::sanitize_error_code(raw);
    (!code.is_empty()).then(|| code.to_owned())
}

/// The string value of `key` in a top-level JSON object; `None` for any other value.
fn top_level_string<'j>(body: &'j Json<'_>, key: &str) -> Option<&'j str> {
    match body {
        Json::Object(_) => match body.get(key) {
            Some(Json::String(text)) => Some(text.as_ref()),
            _ => None,
        },
        _ => None,
    }
}

/// The message of an error body: the string value of its top-level `message` member, else
/// `Message`, else `errorMessage`, else any other string member whose name ends in "message"
/// (IVS says `exceptionMessage`), whatever the model names it.
pub fn error_message(body: Option<&Json<'_>>) -> Option<String> {
    let body = body?;
    let named = ["message", "Message", "errorMessage"].into_iter().find_map(|key| top_level_string(body, key));
    let other = || match body {
        Json::Object(members) => members.iter().find_map(|(key, value)| match value {
            Json::String(text) if key.to_ascii_lowercase().ends_with("message") => Some(text.as_ref()),
            _ => None,
        }),
        _ => None,
    };
    named.or_else(other).map(str::to_owned)
}

/// What a JSON protocol's error response says about itself: the code ([`error_code`], or, with
/// `query_compatible`, the awsQuery code an `awsQueryCompatible` service sends in
/// `x-amzn-query-error: Code;Fault`), the message ([`error_message`], or the body itself when it
/// is short plain text) and the request IDs. Also whether the body is a JSON object, the only
/// body whose members can be read. Other services never read `x-amzn-query-error`: one sent by
/// mistake must not turn a modeled error into an unmodeled one.
pub fn error_metadata(headers: &HeaderMap, body: &[u8], query_compatible: bool) -> (ErrorMetadata, bool) {
    let json = parse_body(body).ok().flatten();
    let is_object = matches!(json, Some(Json::Object(_)));
    let message = if is_object { error_message(json.as_ref()) } else { crate::wire::plain_text_message(body) };
    let query_code = headers
        .get("x-amzn-query-error")
        .filter(|_| query_compatible)
        .and_then(|value| std::str::from_utf8(value.as_bytes()).ok())
        .and_then(|text| text.split(';').next())
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(str::to_owned);
    let code = query_code.or_else(|| error_code(headers, json.as_ref().filter(|_| is_object)));
    (ErrorMetadata::new(code, message, crate::wire::response_metadata(headers)), is_object)
}

// @section query-compatible
/// The code that names one of `known` (the codes of an operation's modeled errors) in an
/// `awsQueryCompatible` service's error response: the awsQuery code [`error_metadata`] took from
/// `x-amzn-query-error`, else the JSON error type ([`error_code`]), by which alone a model
/// without awsQuery codes (botocore's) knows its errors. `None` when neither is known.
pub fn query_compatible_code(meta: &ErrorMetadata, headers: &HeaderMap, body: &[u8], known: &[&str]) -> Option<String> {
    if let Some(code) = meta.code().filter(|code| known.contains(code)) {
        return Some(code.to_owned());
    }
    let json = parse_body(body).ok().flatten();
    error_code(headers, json.as_ref()).filter(|code| known.contains(&code.as_str()))
}
// @end
