//! The XML codec of the `restXml`, `awsQuery` and `ec2Query` protocols: an [`XmlWriter`] that
//! builds request bodies, and a pull reader ([`Document`], [`ElementReader`]) that generated
//! deserializers walk element by element. Tokenizing is done by `quick-xml`; everything XML
//! says about entities, line ends and attribute values is applied here.
//!
//! # Reading
//!
//! ```ignore
//! let mut doc = Document::new(body)?;
//! let mut root = doc.root()?;
//! if root.start().local_name() != "ListObjectsV2Result" { /* wrong document */ }
//! while let Some(mut child) = root.next_tag()? {
//!     match child.start().local_name() {
//!         "Name" => out.name = Some(child.text()?),
//!         "Contents" => {
//!             while let Some(mut item) = child.next_tag()? {
//!                 match item.start().local_name() {
//!                     "Key" => key = Some(item.text()?),
//!                     _ => {} // skipped, with everything inside it
//!                 }
//!             }
//!         }
//!         _ => {}
//!     }
//! }
//! ```
//!
//! An [`ElementReader`] is a view of one element: [`next_tag`][ElementReader::next_tag] gives
//! its child elements one at a time, each as an [`ElementReader`] that borrows its parent, and
//! [`text`][ElementReader::text] its text. Whatever a caller leaves unread in a child (its
//! text, its own children) is skipped when the parent moves on, so unknown elements need no
//! code at all.
//!
//! What the reader accepts and gives back:
//!
//! - The body must be UTF-8 (an encoding named by the XML declaration is not looked at) and hold
//!   exactly one root element, with only whitespace, comments and processing instructions
//!   around it (what follows the root is checked when its end tag is read). A byte order mark
//!   is allowed.
//! - A `<!DOCTYPE ...>` is an error wherever it appears: no DTD is read, so no entity can be
//!   declared. The only references expanded are the five predefined entities (`&amp;`, `&lt;`,
//!   `&gt;`, `&quot;`, `&apos;`) and character references (`&#65;`, `&#x41;`); any other
//!   `&name;` is an error. A character reference may name any Unicode scalar value, including
//!   the control characters XML 1.0 does not allow (`&#x1;`), which is what [`XmlWriter`]
//!   writes for them.
//! - Start and end tags must match, element names must be XML names, comments must not hold
//!   `--`, and elements nest at most [`MAX_DEPTH`] levels, in skipped content too. Attributes
//!   (quoted, not repeated, references valid) are checked on every element handed out; those of
//!   elements skipped unseen inside an unread child are not parsed at all.
//! - Text is returned exactly as sent, after XML's line-end rule (`\r\n` and a lone `\r` read as
//!   `\n`; a `\r` the writer escaped as `&#xD;` stays `\r`): no trimming. CDATA sections are
//!   taken verbatim (no references expanded inside) and joined to the text around them.
//!   Comments and processing instructions are skipped.
//! - Text between child elements (such as indentation) is ignored by
//!   [`next_tag`][ElementReader::next_tag]; an element inside one whose
//!   [`text`][ElementReader::text] is asked for is an error.
//! - Attribute values are read the XML way: references expanded, and a literal tab, newline or
//!   carriage return (or `\r\n`) read as one space; `<` in a value is an error.
//!
//! Nothing panics, whatever the input, and nothing recurses: skipping a subtree is a loop.
//! Errors are [`DeserializeError`]s whose message says what was wrong, at which byte offset,
//! and quotes a little of the offending input.
//!
//! # Writing
//!
//! ```ignore
//! let mut w = XmlWriter::new();
//! let mut root = w.start("PutBucketTaggingRequest")
//!     .ns("http://s3.amazonaws.com/doc/2006-03-01/", None)
//!     .finish();
//! let mut tag_set = root.start("TagSet").finish();
//! let mut tag = tag_set.start("Tag").finish();
//! tag.text_element("Key", "a&b");
//! tag.end();
//! tag_set.end();
//! root.end();
//! assert_eq!(
//!     w.as_str(),
//!     r#"<PutBucketTaggingRequest xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>a&amp;b</Key></Tag></TagSet></PutBucketTaggingRequest>"#
//! );
//! ```
//!
//! Element and attribute names are written as given (they come from the model). Text and
//! attribute values are escaped so that the reader above gives back exactly the same string:
//!
//! - `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;` (so `]]>`
//!   can never appear), and a carriage return becomes `&#xD;` (a raw one would be read back as a
//!   newline).
//! - In attribute values, newline and tab also become `&#xA;` and `&#x9;` (raw ones would be read
//!   back as spaces).
//! - Characters XML 1.0 does not allow at all, the control characters U+0000 to U+001F other
//!   than tab, newline and carriage return, and U+FFFE and U+FFFF, are written as character
//!   references (`&#x1;`) rather than dropped or replaced: XML 1.0 forbids even those
//!   references, so a strict XML 1.0 parser (as a service may run) rejects the request, but the
//!   value is never silently changed. This reader accepts them.

use std::borrow::Cow;
use std::fmt::Write as _;

use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use http::header::HeaderMap;

use crate::error::{DeserializeError, ErrorMetadata, ResponseMetadata};

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// Builds an XML document into a `String`.
///
/// [`start`][Self::start] opens the root element's start tag; see the
/// [module documentation](self) for an example. The writer writes no XML declaration and no
/// whitespace between elements.
#[derive(Debug, Clone, Default)]
pub struct XmlWriter {
    out: String,
}

impl XmlWriter {
    /// An empty writer.
    pub fn new() -> Self {
        XmlWriter { out: String::with_capacity(256) }
    }

    /// Starts the start tag of an element, written `<name`; add attributes and namespaces, then
    /// [`finish`][OpenTag::finish] it (or [`end`][OpenTag::end] it as an empty element).
    pub fn start<'w, 'n>(&'w mut self, name: &'n str) -> OpenTag<'w, 'n> {
        OpenTag::new(&mut self.out, name)
    }

    /// The document written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The document, as UTF-8 bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    /// The document.
    pub fn into_string(self) -> String {
        self.out
    }
}

/// A start tag being written (`<name attr="value"`), waiting for more attributes.
///
/// [`finish`][Self::finish] closes it with `>` and gives the element, for its content;
/// [`end`][Self::end] closes it with `/>`, an element with no content. One of the two must be
/// called, or the document is left with an unclosed tag.
#[derive(Debug)]
#[must_use = "call `finish()` or `end()` to close the start tag"]
pub struct OpenTag<'w, 'n> {
    out: &'w mut String,
    name: &'n str,
}

impl<'w, 'n> OpenTag<'w, 'n> {
    fn new(out: &'w mut String, name: &'n str) -> Self {
        out.push('<');
        out.push_str(name);
        OpenTag { out, name }
    }

    /// Adds the attribute `name="value"`, escaping the value.
    pub fn attr(self, name: &str, value: &str) -> Self {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(self.out, value, true);
        self.out.push('"');
        self
    }

    /// Declares a namespace: `xmlns="uri"` without a prefix, `xmlns:prefix="uri"` with one.
    pub fn ns(self, uri: &str, prefix: Option<&str>) -> Self {
        self.out.push_str(" xmlns");
        if let Some(prefix) = prefix {
            self.out.push(':');
            self.out.push_str(prefix);
        }
        self.out.push_str("=\"");
        escape_into(self.out, uri, true);
        self.out.push('"');
        self
    }

    /// Closes the start tag with `>`; the element's content follows, and the returned
    /// [`ElementWriter`] writes the end tag when it is [ended][ElementWriter::end] or dropped.
    pub fn finish(self) -> ElementWriter<'w, 'n> {
        self.out.push('>');
        ElementWriter { out: self.out, name: self.name }
    }

    /// Closes the start tag with `/>`: an element with no content.
    pub fn end(self) {
        self.out.push_str("/>");
    }
}

/// An element whose start tag is written, taking its content: child elements and text.
///
/// Its end tag (`</name>`) is written by [`end`][Self::end], or when it is dropped, so every
/// element a writer starts is closed.
#[derive(Debug)]
pub struct ElementWriter<'w, 'n> {
    out: &'w mut String,
    name: &'n str,
}

impl ElementWriter<'_, '_> {
    /// Starts the start tag of a child element; see [`XmlWriter::start`].
    pub fn start<'c, 'm>(&'c mut self, name: &'m str) -> OpenTag<'c, 'm> {
        OpenTag::new(self.out, name)
    }

    /// Writes text content, escaped.
    pub fn text(&mut self, text: &str) {
        escape_into(self.out, text, false);
    }

    /// Writes a child element holding only `text`: `<name>text</name>`.
    pub fn text_element(&mut self, name: &str, text: &str) {
        self.out.push('<');
        self.out.push_str(name);
        self.out.push('>');
        escape_into(self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// Writes the end tag (`</name>`); dropping the writer does the same.
    pub fn end(self) {}
}

impl Drop for ElementWriter<'_, '_> {
    fn drop(&mut self) {
        self.out.push_str("</");
        self.out.push_str(self.name);
        self.out.push('>');
    }
}

/// Appends `value` escaped for text content or, with `attribute`, for a quoted attribute value;
/// see the [module documentation](self) for what is escaped and why.
// `i` only moves forward within `bytes` (by at most 3, and only while a byte is at `i`), and a
// slice is never longer than `isize::MAX`, so it cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
fn escape_into(out: &mut String, value: &str, attribute: bool) {
    let bytes = value.as_bytes();
    let mut kept = 0;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let (escaped, len): (Cow<'static, str>, usize) = match byte {
            b'&' => (Cow::Borrowed("&amp;"), 1),
            b'<' => (Cow::Borrowed("&lt;"), 1),
            b'>' => (Cow::Borrowed("&gt;"), 1),
            b'"' => (Cow::Borrowed("&quot;"), 1),
            b'\'' => (Cow::Borrowed("&apos;"), 1),
            b'\r' => (Cow::Borrowed("&#xD;"), 1),
            b'\n' if attribute => (Cow::Borrowed("&#xA;"), 1),
            b'\t' if attribute => (Cow::Borrowed("&#x9;"), 1),
            b'\n' | b'\t' => {
                i += 1;
                continue;
            }
            0x00..=0x1F => (Cow::Owned(format!("&#x{byte:X};")), 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            0xEF => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0xBF), Some(0xBE)) => (Cow::Borrowed("&#xFFFE;"), 3),
                (Some(0xBF), Some(0xBF)) => (Cow::Borrowed("&#xFFFF;"), 3),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        // `kept` and `i` are always at the start of a character: escaping starts only at ASCII
        // bytes or at the lead byte of U+FFFE/U+FFFF, and skips whole characters.
        out.push_str(value.get(kept..i).unwrap_or_default());
        out.push_str(&escaped);
        i += len;
        kept = i;
    }
    out.push_str(value.get(kept..).unwrap_or_default());
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// How deeply elements may nest (the root element is level 1) before reading fails. Generated
/// deserializers recurse into nested structures, so this bounds their stack use as well.
pub const MAX_DEPTH: usize = 128;

/// A response body being read as XML: create it with [`new`][Self::new], then read the root
/// element with [`root`][Self::root]. See the [module documentation](self).
pub struct Document<'a> {
    text: &'a str,
    reader: Reader<&'a [u8]>,
    /// Elements open where the reader stands: 1 inside the root element.
    depth: usize,
    /// The root element, read by [`new`][Self::new] and handed out by [`root`][Self::root];
    /// the flag says it was empty (`<Root/>`).
    root: Option<(StartTag<'a>, bool)>,
    /// The first error from the tokenizer; the document gives it again ever after.
    failed: Option<DeserializeError>,
}

impl std::fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("len", &self.text.len())
            .field("offset", &self.reader.buffer_position())
            .field("depth", &self.depth)
            .finish_non_exhaustive()
    }
}

/// What a step of the reader found, with the element depth already updated.
enum Item<'a> {
    /// A start tag; the depth went one up.
    Open(BytesStart<'a>),
    /// An empty-element tag (`<a/>`); the depth did not change.
    Empty(BytesStart<'a>),
    /// An end tag; the depth went one down.
    Close,
    /// Character data, as written (line ends not yet normalized; no references, which come
    /// as [`Item::Char`] and [`Item::Entity`]).
    Text(Cow<'a, str>),
    /// A CDATA section's content.
    CData(Cow<'a, str>),
    /// A character reference, resolved.
    Char(char),
    /// One of the five predefined entities, resolved.
    Entity(&'static str),
    /// A comment or processing instruction.
    Skip,
}

impl<'a> Document<'a> {
    /// Starts reading `body`, up to and including the root element's start tag.
    ///
    /// # Errors
    ///
    /// Fails if `body` is not UTF-8, if it holds no root element, and if anything before the
    /// root element is not well-formed or is not allowed (text, a DOCTYPE).
    pub fn new(body: &'a [u8]) -> Result<Self, DeserializeError> {
        let text = std::str::from_utf8(body).map_err(|e| {
            let at = e.valid_up_to();
            DeserializeError::new(format!(
                "the body is not UTF-8: invalid byte at byte offset {at} (after {})",
                excerpt_before(body, at)
            ))
        })?;
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.check_comments = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        let mut doc = Document { text, reader, depth: 0, root: None, failed: None };
        doc.read_prolog()?;
        Ok(doc)
    }

    /// Like [`new`][Self::new], but an empty body (or one of only whitespace) gives `None`: the
    /// operation's output then has no members from the body.
    ///
    /// # Errors
    ///
    /// As [`new`][Self::new], for a body that is not empty.
    pub fn for_body(body: &'a [u8]) -> Result<Option<Self>, DeserializeError> {
        if body.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
            return Ok(None);
        }
        Document::new(body).map(Some)
    }

    /// The root element.
    ///
    /// # Errors
    ///
    /// Fails if the root element was already taken.
    pub fn root(&mut self) -> Result<ElementReader<'_, 'a>, DeserializeError> {
        match self.root.take() {
            Some((start, empty)) => Ok(ElementReader { doc: self, start, level: 1, closed: empty }),
            None => Err(DeserializeError::new("the root element was already read")),
        }
    }

    /// Reads up to the root element's start tag, which is kept for [`root`][Self::root].
    fn read_prolog(&mut self) -> Result<(), DeserializeError> {
        let mut first = true;
        loop {
            let at = self.offset();
            let event = self.read_event()?;
            match event {
                Event::Decl(_) if first => {}
                Event::Decl(_) => return Err(self.error_at(at, "an XML declaration must come first")),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(text) if is_whitespace(&text) => {}
                Event::Start(start) => {
                    let start = self.start_tag(&start, at)?;
                    self.depth = 1;
                    self.root = Some((start, false));
                    return Ok(());
                }
                Event::Empty(start) => {
                    let start = self.start_tag(&start, at)?;
                    self.root = Some((start, true));
                    return self.read_epilog();
                }
                Event::Eof => return Err(DeserializeError::new("the body holds no XML element")),
                Event::DocType(_) => return Err(self.doctype_error(at)),
                _ => return Err(self.error_at(at, "expected the root element")),
            }
            first = false;
        }
    }

    /// Reads what follows the root element: only whitespace, comments and processing
    /// instructions may.
    fn read_epilog(&mut self) -> Result<(), DeserializeError> {
        loop {
            let at = self.offset();
            match self.read_event()? {
                Event::Eof => return Ok(()),
                Event::Comment(_) | Event::PI(_) => {}
                Event::Text(text) if is_whitespace(&text) => {}
                Event::DocType(_) => return Err(self.doctype_error(at)),
                _ => return Err(self.error_at(at, "unexpected content after the root element")),
            }
        }
    }

    /// The next event from the tokenizer, its errors turned into ours. Once it has failed, the
    /// document gives the same error ever after.
    fn read_event(&mut self) -> Result<Event<'a>, DeserializeError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        match self.reader.read_event() {
            Ok(event) => Ok(event),
            Err(error) => {
                let at = usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
                let error = self.error_at(at, &error.to_string());
                self.failed = Some(error.clone());
                Err(error)
            }
        }
    }

    /// One step inside the root element: the next item, with the depth updated and names,
    /// references and the depth limit checked. `inside` names the element being read, for
    /// messages.
    fn step(&mut self, inside: &str) -> Result<Item<'a>, DeserializeError> {
        let at = self.offset();
        let item = match self.read_event()? {
            Event::Start(start) => {
                if self.depth >= MAX_DEPTH {
                    return Err(self.depth_error(at));
                }
                self.check_name(&start, at)?;
                // Below `MAX_DEPTH`, checked above.
                self.depth = self.depth.saturating_add(1);
                Item::Open(start)
            }
            Event::Empty(start) => {
                if self.depth >= MAX_DEPTH {
                    return Err(self.depth_error(at));
                }
                self.check_name(&start, at)?;
                Item::Empty(start)
            }
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    self.read_epilog()?;
                }
                Item::Close
            }
            Event::Text(text) => Item::Text(self.str_of(text.into_inner())),
            Event::CData(data) => Item::CData(self.str_of(data.into_inner())),
            Event::GeneralRef(reference) => {
                let name = self.str_of(reference.into_inner());
                resolve_reference(&name).map_err(|message| self.error_at(at, &message))?
            }
            Event::Comment(_) | Event::PI(_) => Item::Skip,
            Event::DocType(_) => return Err(self.doctype_error(at)),
            Event::Decl(_) => {
                return Err(self.error_at(at, "an XML declaration must come first"));
            }
            Event::Eof => {
                return Err(self.error_at(at, &format!("the body ends inside `<{inside}>`, before its end tag")));
            }
        };
        Ok(item)
    }

    /// Reads on until the depth is back to `level`, skipping everything on the way.
    fn skip_to(&mut self, level: usize, inside: &str) -> Result<(), DeserializeError> {
        while self.depth > level {
            self.step(inside)?;
        }
        Ok(())
    }

    /// The start tag's name and attributes, checked and decoded.
    fn start_tag(&self, start: &BytesStart<'a>, at: usize) -> Result<StartTag<'a>, DeserializeError> {
        let name = self.check_name(start, at)?;
        let raw_attributes = start.attributes_raw();
        let mut attributes = Vec::new();
        if raw_attributes.iter().any(|b| !b.is_ascii_whitespace()) {
            let mut iter: Attributes<'_> = start.attributes();
            iter.with_checks(true);
            for attribute in iter {
                let attribute = attribute.map_err(|e| {
                    self.error_at(at, &format!("bad attribute in `<{name}>`: {e}"))
                })?;
                let key = self.str_of(Cow::Borrowed(attribute.key.into_inner()));
                if !is_name(&key) {
                    return Err(self.error_at(at, &format!("`{}` is not an XML name", excerpt(&key))));
                }
                let raw = self.str_of(attribute.value);
                let value = attribute_value(raw).map_err(|message| {
                    self.error_at(at, &format!("in attribute `{key}` of `<{name}>`: {message}"))
                })?;
                attributes.push((key, value));
            }
        }
        Ok(StartTag { name, attributes })
    }

    /// The tag's name, which must be an XML name.
    fn check_name(&self, start: &BytesStart<'_>, at: usize) -> Result<Cow<'a, str>, DeserializeError> {
        let name = self.str_of(Cow::Borrowed(start.name().into_inner()));
        if is_name(&name) {
            Ok(name)
        } else {
            Err(self.error_at(at, &format!("`{}` is not an XML element name", excerpt(&name))))
        }
    }

    /// `bytes` as text of the body. The tokenizer hands out slices of the body, which was checked
    /// to be UTF-8, so this finds the same bytes in the body and borrows them; anything else is
    /// decoded (lossily, though it never happens) into a new string.
    fn str_of(&self, bytes: Cow<'_, [u8]>) -> Cow<'a, str> {
        let body_start = self.text.as_ptr() as usize;
        let start = (bytes.as_ptr() as usize).checked_sub(body_start);
        let borrowed = start.and_then(|start| self.text.get(start..start.checked_add(bytes.len())?));
        match borrowed {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
        }
    }

    /// Where the tokenizer stands, in bytes from the start of the body.
    fn offset(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// `message`, placed at byte `at` and quoting the body from there.
    fn error_at(&self, at: usize, message: &str) -> DeserializeError {
        let near = match self.text.get(at..) {
            Some(rest) if !rest.is_empty() => format!(", at `{}`", excerpt(rest)),
            _ => String::new(),
        };
        DeserializeError::new(format!("invalid XML: {message} (byte offset {at}{near})"))
    }

    fn doctype_error(&self, at: usize) -> DeserializeError {
        self.error_at(at, "a DOCTYPE is not allowed (no DTD is read and no entity can be declared)")
    }

    fn depth_error(&self, at: usize) -> DeserializeError {
        self.error_at(at, &format!("elements nest more than {MAX_DEPTH} levels deep"))
    }
}

/// One element of a [`Document`]: its start tag, then its children or its text.
///
/// A child returned by [`next_tag`][Self::next_tag] borrows its parent, so the parent cannot
/// move on while the child is in use; whatever the child leaves unread is skipped when the
/// parent reads on.
pub struct ElementReader<'d, 'a> {
    doc: &'d mut Document<'a>,
    start: StartTag<'a>,
    /// The document's depth while inside this element's content.
    level: usize,
    /// Whether the end tag has been read (or the element was empty, `<a/>`).
    closed: bool,
}

impl std::fmt::Debug for ElementReader<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ElementReader")
            .field("start", &self.start)
            .field("level", &self.level)
            .field("closed", &self.closed)
            .finish_non_exhaustive()
    }
}

impl<'a> ElementReader<'_, 'a> {
    /// The element's start tag: name and attributes.
    pub fn start(&self) -> &StartTag<'a> {
        &self.start
    }

    /// Checks that this element (a response's root, or the result inside it) is the one the
    /// protocol defines: a document with another root is not this operation's response (a
    /// proxy's page, a mis-routed request), and reading it as one would make up an empty success.
    ///
    /// # Errors
    ///
    /// Names the element expected and the one found.
    pub fn expect_name(&self, expected: &str) -> Result<(), DeserializeError> {
        let found = self.start.local_name();
        if found == expected {
            Ok(())
        } else {
            Err(DeserializeError::new(format!("expected the element <{expected}>, found <{}>", excerpt(found))))
        }
    }

    /// The next child element, or `None` after the last one (the end tag is then read).
    /// Text, comments and processing instructions between children are skipped, and so is
    /// whatever the previous child left unread.
    ///
    /// # Errors
    ///
    /// Fails on malformed XML (including in skipped content), on nesting deeper than
    /// [`MAX_DEPTH`], and at the end of the body.
    pub fn next_tag(&mut self) -> Result<Option<ElementReader<'_, 'a>>, DeserializeError> {
        if self.closed {
            return Ok(None);
        }
        let inside = self.start.name.as_ref();
        self.doc.skip_to(self.level, inside)?;
        loop {
            let at = self.doc.offset();
            match self.doc.step(inside)? {
                Item::Open(start) => {
                    let start = self.doc.start_tag(&start, at)?;
                    let level = self.level.saturating_add(1);
                    return Ok(Some(ElementReader { doc: &mut *self.doc, start, level, closed: false }));
                }
                Item::Empty(start) => {
                    let start = self.doc.start_tag(&start, at)?;
                    let level = self.level.saturating_add(1);
                    return Ok(Some(ElementReader { doc: &mut *self.doc, start, level, closed: true }));
                }
                Item::Close => {
                    self.closed = true;
                    return Ok(None);
                }
                Item::Text(_) | Item::CData(_) | Item::Char(_) | Item::Entity(_) | Item::Skip => {}
            }
        }
    }

    /// All the element's remaining text, up to its end tag: character data with references
    /// expanded, and CDATA sections verbatim, joined; comments and processing instructions are
    /// left out. Nothing is trimmed; see the [module documentation](self). An empty element
    /// (`<a/>` or `<a></a>`) gives `""`, as does one whose end tag was already read.
    ///
    /// # Errors
    ///
    /// Fails if the element holds a child element, and on malformed XML.
    pub fn text(&mut self) -> Result<String, DeserializeError> {
        self.text_cow().map(Cow::into_owned)
    }

    /// [`text`][Self::text], borrowing from the body when the text has no references, CDATA or
    /// carriage returns, as most values (numbers, names, dates) have not.
    ///
    /// # Errors
    ///
    /// As [`text`][Self::text].
    pub fn text_cow(&mut self) -> Result<Cow<'a, str>, DeserializeError> {
        if self.closed {
            return Ok(Cow::Borrowed(""));
        }
        let inside = self.start.name.as_ref();
        self.doc.skip_to(self.level, inside)?;
        let mut text = Cow::Borrowed("");
        loop {
            let at = self.doc.offset();
            match self.doc.step(inside)? {
                Item::Text(chunk) | Item::CData(chunk) => append(&mut text, normalize_line_ends(chunk)),
                Item::Char(c) => text.to_mut().push(c),
                Item::Entity(s) => text.to_mut().push_str(s),
                Item::Skip => {}
                Item::Close => {
                    self.closed = true;
                    return Ok(text);
                }
                Item::Open(start) | Item::Empty(start) => {
                    let child = self.doc.str_of(Cow::Borrowed(start.name().into_inner()));
                    return Err(self.doc.error_at(
                        at,
                        &format!("expected text in `<{inside}>`, found element `<{}>`", excerpt(&child)),
                    ));
                }
            }
        }
    }

    /// Reads to this element's end tag, skipping all that is left, so errors there are found
    /// now rather than when the parent reads on. Dropping the reader without this is fine.
    ///
    /// # Errors
    ///
    /// Fails on malformed XML.
    pub fn finish(mut self) -> Result<(), DeserializeError> {
        while self.next_tag()?.is_some() {}
        Ok(())
    }
}

/// A start tag as read: the element's name and its attributes, values decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag<'a> {
    name: Cow<'a, str>,
    attributes: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl StartTag<'_> {
    /// The name as written, with its prefix (`s3:Key`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name without its namespace prefix (`Key` for `s3:Key`).
    pub fn local_name(&self) -> &str {
        local_part(&self.name)
    }

    /// The namespace prefix, if the name has one (`s3` for `s3:Key`).
    pub fn prefix(&self) -> Option<&str> {
        self.name.split_once(':').map(|(prefix, _)| prefix)
    }

    /// The value of the attribute named exactly `name`, prefix included (`xsi:type`,
    /// `xmlns:xsi`, `id`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_ref())
    }

    /// The value of the first attribute whose name without prefix is `local_name`, whatever
    /// the prefix (`type` finds `xsi:type`). Namespace declarations (`xmlns`, `xmlns:x`) are
    /// never matched.
    pub fn attr_local(&self, local_name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .filter(|(key, _)| !is_namespace_declaration(key))
            .find(|(key, _)| local_part(key) == local_name)
            .map(|(_, value)| value.as_ref())
    }

    /// All attributes, namespace declarations included, in document order: (name as written,
    /// decoded value).
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.attributes.iter().map(|(key, value)| (key.as_ref(), value.as_ref()))
    }
}

fn local_part(name: &str) -> &str {
    name.split_once(':').map_or(name, |(_, local)| local)
}

fn is_namespace_declaration(name: &str) -> bool {
    name == "xmlns" || name.starts_with("xmlns:")
}

/// Whether `name` is an XML name: ASCII letters, `_` and `:` may start it, and digits, `-`
/// and `.` follow; every non-ASCII character is accepted (the full XML 1.0 table is not
/// checked), no ASCII punctuation, space or control character is.
fn is_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    let Some(first) = bytes.next() else { return false };
    let starts = first.is_ascii_alphabetic() || first == b'_' || first == b':' || first >= 0x80;
    starts
        && bytes.all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'-' | b'.') || b >= 0x80
        })
}

/// Whether text between elements is only whitespace, and so ignored.
fn is_whitespace(text: &[u8]) -> bool {
    text.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// The expansion of the reference `&name;`: a predefined entity or a character reference.
fn resolve_reference(name: &str) -> Result<Item<'static>, String> {
    let entity = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return resolve_char_reference(name).map(Item::Char),
    };
    Ok(Item::Entity(entity))
}

/// The character named by a character reference (`#65`, `#x41`, without `&` and `;`).
fn resolve_char_reference(name: &str) -> Result<char, String> {
    let (digits, radix) = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with('x') => (hex.get(1..).unwrap_or_default(), 16),
        Some(decimal) => (decimal, 10),
        None => {
            return Err(format!(
                "unknown entity `&{};`: only `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and \
                 character references are expanded",
                excerpt(name)
            ));
        }
    };
    let mut value: u32 = 0;
    let mut valid = !digits.is_empty();
    for c in digits.chars() {
        match c.to_digit(radix).and_then(|d| value.checked_mul(radix)?.checked_add(d)) {
            Some(next) => value = next,
            None => {
                valid = false;
                break;
            }
        }
    }
    match char::from_u32(value) {
        Some(c) if valid => Ok(c),
        _ => Err(format!("`&{};` is not a valid character reference", excerpt(name))),
    }
}

/// An attribute value as XML reads it: references expanded, and a literal tab, newline,
/// carriage return or `\r\n` read as one space.
fn attribute_value(raw: Cow<'_, str>) -> Result<Cow<'_, str>, String> {
    if !raw.bytes().any(|b| matches!(b, b'&' | b'<' | b'\t' | b'\n' | b'\r')) {
        return Ok(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw.as_ref();
    while let Some(c) = rest.chars().next() {
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
        match c {
            '\r' => {
                rest = rest.strip_prefix('\n').unwrap_or(rest);
                out.push(' ');
            }
            '\t' | '\n' => out.push(' '),
            '<' => return Err("`<` is not allowed in an attribute value".to_owned()),
            '&' => {
                let Some((name, after)) = rest.split_once(';') else {
                    return Err(format!("`&{}` is not closed by `;`", excerpt(rest)));
                };
                match resolve_reference(name)? {
                    Item::Char(c) => out.push(c),
                    Item::Entity(s) => out.push_str(s),
                    _ => {}
                }
                rest = after;
            }
            c => out.push(c),
        }
    }
    Ok(Cow::Owned(out))
}

/// `text` after XML's line-end rule: `\r\n` and a lone `\r` become `\n`.
fn normalize_line_ends(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Appends `chunk` to `text`, borrowing while there is only one chunk.
fn append<'a>(text: &mut Cow<'a, str>, chunk: Cow<'a, str>) {
    if chunk.is_empty() {
        return;
    }
    if text.is_empty() {
        *text = chunk;
    } else {
        text.to_mut().push_str(&chunk);
    }
}

/// At most 32 characters of `text`, for error messages that quote the input.
fn excerpt(text: &str) -> String {
    const LIMIT: usize = 32;
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == LIMIT {
            out.push('…');
            break;
        }
        // Control characters and newlines would garble a one-line message.
        if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Up to 16 bytes of `body` before `at`, as text, for the error on invalid UTF-8.
fn excerpt_before(body: &[u8], at: usize) -> String {
    let start = at.saturating_sub(16);
    let before = body.get(start..at).unwrap_or_default();
    format!("`{}`", excerpt(&String::from_utf8_lossy(before)))
}

// ---- error responses of the XML protocols ----

/// Calls `read` on the `<Error>` element of an XML error response, wherever the protocol puts
/// it: the root itself (`<Error>`, restXml without wrapping, S3), under `<ErrorResponse>`
/// (restXml, awsQuery) or under `<Response><Errors>` (ec2Query). An empty body calls nothing.
///
/// # Errors
///
/// Malformed XML, and whatever `read` returns.
pub fn read_error_element(
    body: &[u8],
    mut read: impl FnMut(&mut ElementReader<'_, '_>) -> Result<(), DeserializeError>,
) -> Result<(), DeserializeError> {
    let Some(mut doc) = Document::for_body(body)? else { return Ok(()) };
    let mut root = doc.root()?;
    if root.start().local_name() == "Error" {
        return read(&mut root);
    }
    while let Some(mut child) = root.next_tag()? {
        match child.start().local_name() {
            "Error" => return read(&mut child),
            "Errors" => {
                while let Some(mut error) = child.next_tag()? {
                    if error.start().local_name() == "Error" {
                        return read(&mut error);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// What an XML protocol's error response says about itself: `Code` and `Message` of its
/// `<Error>` (see [`read_error_element`]), and the request IDs from the headers, else from the
/// body (`RequestId`, ec2Query's `RequestID`, S3's `HostId` as the extended ID). A body that is
/// not XML keeps its short plain text as the message. Also whether the body could be read.
pub fn error_metadata(headers: &HeaderMap, body: &[u8]) -> (ErrorMetadata, bool) {
    let mut fields = ErrorFields::default();
    let readable = fields.read(body).is_ok();
    let ids = crate::wire::response_metadata(headers);
    let request_id = ids.request_id().map(str::to_owned).or(fields.request_id);
    let extended = ids.extended_request_id().map(str::to_owned).or(fields.host_id);
    let message = if readable { fields.message } else { crate::wire::plain_text_message(body) };
    let code = fields.code.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
    (ErrorMetadata::new(code, message, ResponseMetadata::new(request_id, extended)), readable)
}

/// The parts of an XML error response [`error_metadata`] looks at.
#[derive(Default)]
struct ErrorFields {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    host_id: Option<String>,
}

impl ErrorFields {
    fn read(&mut self, body: &[u8]) -> Result<(), DeserializeError> {
        let Some(mut doc) = Document::for_body(body)? else { return Ok(()) };
        let mut root = doc.root()?;
        if root.start().local_name() == "Error" {
            return self.error(&mut root);
        }
        while let Some(mut child) = root.next_tag()? {
            match child.start().local_name() {
                "Error" => self.error(&mut child)?,
                "Errors" => {
                    while let Some(mut error) = child.next_tag()? {
                        if error.start().local_name() == "Error" && self.code.is_none() {
                            self.error(&mut error)?;
                        }
                    }
                }
                "RequestId" | "RequestID" => self.request_id = Some(child.text()?),
                _ => {}
            }
        }
        Ok(())
    }

    fn error(&mut self, error: &mut ElementReader<'_, '_>) -> Result<(), DeserializeError> {
        while let Some(mut child) = error.next_tag()? {
            match child.start().local_name() {
                "Code" => self.code = Some(child.text()?),
                "Message" | "message" => self.message = Some(child.text()?),
                "RequestId" | "RequestID" => self.request_id = Some(child.text()?),
                "HostId" => self.host_id = Some(child.text()?),
                _ => {}
            }
        }
        Ok(())
    }
}
