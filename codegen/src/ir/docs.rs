//! Conversion of Smithy `documentation` strings (HTML, as found in AWS models)
//! into CommonMark suitable for rustdoc `///` comments.
//!
//! The converter is a small hand-rolled tokenizer (tags, text, entities)
//! followed by a renderer that keeps a stack of block containers (lists, list
//! items, notes) and a stack of inline "captures" (bold, italic, code, links).
//! It never panics: malformed markup degrades to plain (escaped) text.
//!
//! Notable behaviour:
//! - `<p>` separates paragraphs with one blank line; inside list items
//!   paragraphs only start a new (continuation) line.
//! - Plain text is escaped so rustdoc does not see intra-doc links, raw HTML,
//!   emphasis, strikethrough or accidental block syntax; bare `http(s)://` URLs
//!   are wrapped in `<...>` (rustdoc `bare_urls` lint).
//! - `<pre>` becomes a ```` ```text ```` fenced block so it is never doctested.
//! - Unknown tags are dropped and their text kept. A bare `<word>` that is not
//!   an HTML element, has no attributes and is never closed (a placeholder such
//!   as `<bucket-name>` written without escaping) is kept as literal text.
//! - Input without any tags is treated as plain text: whitespace is collapsed,
//!   blank lines separate paragraphs, everything is escaped.

use std::collections::HashMap;

/// Converts an HTML documentation string into CommonMark for rustdoc.
///
/// The result is trimmed, has no trailing spaces on any line and never
/// contains more than one consecutive blank line.
pub fn html_to_markdown(html: &str) -> String {
    let tokens = tokenize(html);
    let mut renderer = Renderer::default();
    renderer.run(&tokens);
    renderer.finish()
}

/// Returns the first sentence of a Markdown string produced by
/// [`html_to_markdown`]: everything up to and including the first `. ` of the
/// first paragraph (outside code spans, links and emphasis), or the whole first
/// paragraph joined into one line. Fenced code blocks are skipped.
pub fn first_sentence(markdown: &str) -> String {
    let mut para = String::new();
    let mut fence: Option<(char, usize)> = None;
    for line in markdown.lines() {
        let t = line.trim();
        if let Some((fc, flen)) = fence {
            let run = t.chars().take_while(|&c| c == fc).count();
            if run >= flen && t.chars().skip(run).all(char::is_whitespace) {
                fence = None;
            }
            continue;
        }
        if t.is_empty() {
            if para.is_empty() {
                continue;
            }
            break;
        }
        if let Some(fc) = t.chars().next().filter(|&c| c == '`' || c == '~') {
            let run = t.chars().take_while(|&c| c == fc).count();
            if run >= 3 {
                if !para.is_empty() {
                    break;
                }
                fence = Some((fc, run));
                continue;
            }
        }
        let t = strip_hard_break(t).trim_end();
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(t);
    }
    cut_first_sentence(&para).to_string()
}

fn strip_hard_break(line: &str) -> &str {
    let trailing = line.chars().rev().take_while(|&c| c == '\\').count();
    if trailing % 2 == 1 {
        &line[..line.len() - 1]
    } else {
        line
    }
}

fn cut_first_sentence(para: &str) -> &str {
    const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "vs", "cf", "approx", "incl", "etc.al"];
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let mut escaped = false;
    let mut code: Option<usize> = None;
    let mut brackets = 0usize;
    let mut parens = 0usize;
    let mut emphasis_open = false;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if escaped {
            escaped = false;
            i += 1;
            continue;
        }
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&(_, ch)| ch == '`').count();
            code = match code {
                Some(n) if n == run => None,
                None => Some(run),
                other => other,
            };
            i += run;
            continue;
        }
        if code.is_some() {
            i += 1;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' => brackets += 1,
            ']' => brackets = brackets.saturating_sub(1),
            '(' => parens += 1,
            ')' => parens = parens.saturating_sub(1),
            '*' => {
                // Count delimiter runs, not single stars.
                emphasis_open = !emphasis_open;
                i += chars[i..].iter().take_while(|&&(_, ch)| ch == '*').count();
                continue;
            }
            '.' if brackets == 0
                && parens == 0
                && !emphasis_open
                && chars.get(i + 1).is_some_and(|&(_, n)| n == ' ') =>
            {
                let word = para[..pos].rsplit(' ').next().unwrap_or("");
                let word = word.trim_start_matches(|ch: char| !ch.is_alphanumeric());
                let lower = word.to_lowercase();
                if !ABBREVIATIONS.contains(&lower.as_str()) {
                    return &para[..pos + 1];
                }
            }
            _ => {}
        }
        i += 1;
    }
    para
}

// ---------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    /// Raw text; entities not yet decoded.
    Text(&'a str),
    /// `<![CDATA[...]]>` content; no entity decoding.
    Cdata(&'a str),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
        raw: &'a str,
    },
    End {
        name: String,
    },
    /// Paragraph break synthesized from blank lines in tag-less input.
    ParaBreak,
}

fn tokenize(s: &str) -> Vec<Token<'_>> {
    let b = s.as_bytes();
    let mut toks = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'<' {
            if let Some((tok, end)) = parse_markup(s, i) {
                if text_start < i {
                    toks.push(Token::Text(&s[text_start..i]));
                }
                if let Some(t) = tok {
                    toks.push(t);
                }
                i = end;
                text_start = end;
                continue;
            }
        }
        i += 1;
    }
    if text_start < b.len() {
        toks.push(Token::Text(&s[text_start..]));
    }
    let has_tags = toks
        .iter()
        .any(|t| matches!(t, Token::Start { .. } | Token::End { .. }));
    if has_tags {
        return toks;
    }
    // Plain-text docs: blank lines separate paragraphs.
    let mut out = Vec::with_capacity(toks.len());
    for t in toks {
        match t {
            Token::Text(text) => split_blank_lines(text, &mut out),
            other => out.push(other),
        }
    }
    out
}

fn split_blank_lines<'a>(text: &'a str, out: &mut Vec<Token<'a>>) {
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r' | b'\x0C') {
                j += 1;
            }
            if j < b.len() && b[j] == b'\n' {
                out.push(Token::Text(&text[start..i]));
                out.push(Token::ParaBreak);
                // Skip the whole run of blank lines.
                while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r' | b'\n' | b'\x0C') {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < b.len() {
        out.push(Token::Text(&text[start..]));
    }
}

fn name_len(b: &[u8]) -> usize {
    b.iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.'))
        .count()
}

/// Parses markup starting at `s[i] == '<'`. Returns the token (if any) and the
/// index just after the markup, or `None` if the `<` is literal text.
fn parse_markup(s: &str, i: usize) -> Option<(Option<Token<'_>>, usize)> {
    let rest = &s[i..];
    let b = rest.as_bytes();
    if let Some(comment) = rest.strip_prefix("<!--") {
        return Some(match comment.find("-->") {
            Some(p) => (None, i + 4 + p + 3),
            None => (None, s.len()),
        });
    }
    if let Some(body) = rest.strip_prefix("<![CDATA[") {
        return Some(match body.find("]]>") {
            Some(p) => (Some(Token::Cdata(&body[..p])), i + 9 + p + 3),
            None => (Some(Token::Cdata(body)), s.len()),
        });
    }
    if b.len() >= 2 && (b[1] == b'!' || b[1] == b'?') {
        return rest.find('>').map(|p| (None, i + p + 1));
    }
    if b.len() >= 3 && b[1] == b'/' && b[2].is_ascii_alphabetic() {
        let name_end = 2 + name_len(&b[2..]);
        let name = rest[2..name_end].to_ascii_lowercase();
        let close = rest[name_end..].find('>')?;
        return Some((Some(Token::End { name }), i + name_end + close + 1));
    }
    if b.len() >= 2 && b[1].is_ascii_alphabetic() {
        let name_end = 1 + name_len(&b[1..]);
        let name = rest[1..name_end].to_ascii_lowercase();
        let (attrs, self_closing, end) = parse_attrs(rest, name_end)?;
        let tok = Token::Start {
            name,
            attrs,
            self_closing,
            raw: &rest[..end],
        };
        return Some((Some(tok), i + end));
    }
    None
}

/// Parses attributes from `rest[p..]` up to the closing `>`. Returns the
/// attributes, whether the tag was self-closing and the end index (exclusive).
#[allow(clippy::type_complexity)]
fn parse_attrs(rest: &str, mut p: usize) -> Option<(Vec<(String, String)>, bool, usize)> {
    let b = rest.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while p < b.len() && b[p].is_ascii_whitespace() {
            p += 1;
        }
        if p >= b.len() {
            return None;
        }
        match b[p] {
            b'>' => return Some((attrs, false, p + 1)),
            b'/' => {
                if b.get(p + 1) == Some(&b'>') {
                    return Some((attrs, true, p + 2));
                }
                p += 1;
                continue;
            }
            _ => {}
        }
        let name_start = p;
        while p < b.len() && !b[p].is_ascii_whitespace() && !matches!(b[p], b'=' | b'>' | b'/') {
            p += 1;
        }
        let name = rest[name_start..p].to_ascii_lowercase();
        while p < b.len() && b[p].is_ascii_whitespace() {
            p += 1;
        }
        let mut value = String::new();
        if p < b.len() && b[p] == b'=' {
            p += 1;
            while p < b.len() && b[p].is_ascii_whitespace() {
                p += 1;
            }
            if p < b.len() && (b[p] == b'"' || b[p] == b'\'') {
                let quote = b[p] as char;
                match rest[p + 1..].find(quote) {
                    Some(off) => {
                        value = rest[p + 1..p + 1 + off].to_string();
                        p = p + 1 + off + 1;
                    }
                    None => {
                        // Unterminated quote: the tag ends at the next `>`.
                        let close = rest[p..].find('>')?;
                        return Some((attrs, false, p + close + 1));
                    }
                }
            } else {
                let value_start = p;
                while p < b.len() && !b[p].is_ascii_whitespace() && b[p] != b'>' {
                    p += 1;
                }
                value = rest[value_start..p].to_string();
            }
        }
        if !name.is_empty() {
            attrs.push((name, value));
        }
    }
}

#[rustfmt::skip]
const KNOWN_TAGS: &[&str] = &[
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo",
    "big", "blockquote", "body", "br", "button", "caption", "center", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "embed", "fieldset",
    "figcaption", "figure", "font", "footer", "form", "fullname", "h1", "h2", "h3", "h4", "h5",
    "h6", "head", "header", "hr", "html", "i", "iframe", "img", "important", "input", "ins",
    "kbd", "label", "legend", "li", "link", "main", "mark", "meta", "nav", "note", "noscript",
    "object", "ol", "optgroup", "option", "p", "param", "pre", "q", "s", "samp", "script",
    "section", "select", "small", "source", "span", "strike", "strong", "style", "sub",
    "summary", "sup", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead",
    "time", "title", "tr", "tt", "u", "ul", "var", "video", "wbr",
];

fn is_known_tag(name: &str) -> bool {
    KNOWN_TAGS.contains(&name)
}

// ---------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------

enum Entity {
    Known(char),
    Unknown,
}

/// Parses an entity at the start of `s` (which starts with `&`). Returns the
/// entity and its byte length, or `None` if this is not entity syntax.
fn parse_entity(s: &str) -> Option<(Entity, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, start) = if matches!(b.get(2), Some(b'x' | b'X')) {
            (true, 3)
        } else {
            (false, 2)
        };
        let mut j = start;
        while j < b.len()
            && j - start < 32
            && (if hex {
                b[j].is_ascii_hexdigit()
            } else {
                b[j].is_ascii_digit()
            })
        {
            j += 1;
        }
        if j == start || b.get(j) != Some(&b';') {
            return None;
        }
        let value = u32::from_str_radix(&s[start..j], if hex { 16 } else { 10 }).unwrap_or(0);
        let entity = match char::from_u32(value) {
            Some(c) if value != 0 && (!c.is_control() || matches!(c, '\t' | '\n' | '\r')) => {
                Entity::Known(c)
            }
            _ => Entity::Unknown,
        };
        return Some((entity, j + 1));
    }
    let mut j = 1;
    while j < b.len() && j <= 32 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == 1 || !b[1].is_ascii_alphabetic() || b.get(j) != Some(&b';') {
        return None;
    }
    let c = match &s[1..j] {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "copy" => '\u{a9}',
        "reg" => '\u{ae}',
        "trade" => '\u{2122}',
        "times" => '\u{d7}',
        "bull" => '\u{2022}',
        "middot" => '\u{b7}',
        "deg" => '\u{b0}',
        _ => return Some((Entity::Unknown, j + 1)),
    };
    Some((Entity::Known(c), j + 1))
}

/// Decodes entities. Each char is paired with a "verbatim" flag: `true` for
/// characters of unknown entities, which are emitted exactly as written.
/// Decoded non-breaking spaces become ordinary (collapsible) spaces.
fn decode_entities(s: &str) -> Vec<(char, bool)> {
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.extend(rest[..pos].chars().map(|c| (c, false)));
        let after = &rest[pos..];
        match parse_entity(after) {
            Some((Entity::Known(c), len)) => {
                out.push((if c == '\u{a0}' { ' ' } else { c }, false));
                rest = &after[len..];
            }
            Some((Entity::Unknown, len)) => {
                out.extend(after[..len].chars().map(|c| (c, true)));
                rest = &after[len..];
            }
            None => {
                out.push(('&', false));
                rest = &after[1..];
            }
        }
    }
    out.extend(rest.chars().map(|c| (c, false)));
    out
}

fn decode_to_string(s: &str) -> String {
    decode_entities(s).into_iter().map(|(c, _)| c).collect()
}

fn is_html_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

/// Escapes Markdown-significant characters of a string used as plain text.
fn escape_plain_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']' | '<' | '>' | '*' | '`' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn code_span(s: &str) -> String {
    let s = s.replace('\n', " ");
    let mut max_run = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            max_run = max_run.max(run);
        } else {
            run = 0;
        }
    }
    if max_run == 0 {
        format!("`{s}`")
    } else {
        let fence = "`".repeat(max_run + 1);
        format!("{fence} {s} {fence}")
    }
}

fn has_scheme(href: &str) -> bool {
    match href.find(':') {
        Some(p) if p >= 2 => {
            let scheme = &href[..p];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        _ => false,
    }
}

fn encode_dest(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0u8; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Markdown for a link with (already rendered) text and raw href. `None` means
/// "leave the text as it is".
fn link_markdown(text: &str, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let autolinkable = has_scheme(href)
        && !href
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    if text.is_empty() {
        return Some(if autolinkable {
            format!("<{href}>")
        } else {
            format!("[{}]({})", escape_plain_str(href), encode_dest(href))
        });
    }
    if autolinkable && text == escape_plain_str(href) {
        return Some(format!("<{href}>"));
    }
    Some(format!("[{text}]({})", encode_dest(href)))
}

/// If a bare `http(s)://` URL starts at `chars[i]`, returns its end index.
fn url_at(chars: &[(char, bool)], i: usize) -> Option<usize> {
    let starts = |p: &str| {
        chars.len() - i >= p.len()
            && chars[i..i + p.len()]
                .iter()
                .zip(p.chars())
                .all(|(&(c, _), pc)| c.to_ascii_lowercase() == pc)
    };
    let plen = if starts("https://") {
        8
    } else if starts("http://") {
        7
    } else {
        return None;
    };
    let mut end = i + plen;
    let (mut open_p, mut close_p, mut open_b, mut close_b) = (0usize, 0usize, 0usize, 0usize);
    while end < chars.len() {
        let c = chars[end].0;
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`') {
            break;
        }
        match c {
            '(' => open_p += 1,
            ')' => close_p += 1,
            '[' => open_b += 1,
            ']' => close_b += 1,
            _ => {}
        }
        end += 1;
    }
    loop {
        if end <= i + plen {
            return None;
        }
        match chars[end - 1].0 {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' => end -= 1,
            ')' if close_p > open_p => {
                close_p -= 1;
                end -= 1;
            }
            ']' if close_b > open_b => {
                close_b -= 1;
                end -= 1;
            }
            _ => return Some(end),
        }
    }
}

/// `&` followed by something that CommonMark could read as an entity.
fn entity_like(chars: &[(char, bool)], mut j: usize) -> bool {
    if chars.get(j).is_some_and(|&(c, _)| c == '#') {
        j += 1;
    }
    let start = j;
    while chars
        .get(j)
        .is_some_and(|&(c, _)| c.is_ascii_alphanumeric())
    {
        j += 1;
    }
    j > start && chars.get(j).is_some_and(|&(c, _)| c == ';')
}

// ---------------------------------------------------------------------------
// Renderer
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fmt {
    Bold,
    Italic,
    Code,
    Link,
}

#[derive(Debug, Clone)]
struct Capture {
    fmt: Fmt,
    /// Tag group used to match end tags (`b`, `i`, `code`, `a`, `h`, `dt`).
    tag: &'static str,
    /// Byte offset in `Renderer::cur` where the captured region starts.
    start: usize,
    href: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Unordered,
    Ordered,
    Definition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Li,
    Dt,
    DtDone,
    Dd,
}

#[derive(Debug)]
enum BlockKind {
    List {
        kind: ListKind,
        next: u64,
        implicit: bool,
        emitted: bool,
    },
    Item {
        kind: ItemKind,
        started: bool,
        content_col: usize,
        after_list: bool,
    },
    Note {
        tag: &'static str,
    },
}

#[derive(Debug)]
struct Block {
    kind: BlockKind,
    /// Number of open captures when the block was opened.
    inline_base: usize,
}

#[derive(Debug)]
struct Pre {
    depth: usize,
    buf: String,
}

#[derive(Debug, Default)]
struct Renderer {
    /// Finished output lines ("" is a blank line).
    out: Vec<String>,
    /// Inline content of the current paragraph; `\n` separates lines.
    cur: String,
    pending_space: bool,
    pending_soft: bool,
    pending_breaks: u32,
    /// Text to put before the next content; `true` = glue to the current line.
    pending_prefix: Option<(&'static str, bool)>,
    captures: Vec<Capture>,
    blocks: Vec<Block>,
    pre: Option<Pre>,
}

#[rustfmt::skip]
const BOUNDARY_TAGS: &[&str] = &[
    "p", "div", "section", "article", "header", "footer", "blockquote", "table", "thead",
    "tbody", "tfoot", "tr", "caption", "figure", "figcaption", "hr", "details", "summary",
    "center", "main", "nav", "aside", "address", "body", "html",
];

const HEADING_TAGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "fullname"];

impl Renderer {
    fn run(&mut self, tokens: &[Token<'_>]) {
        let mut last_end: HashMap<&str, usize> = HashMap::new();
        for (i, t) in tokens.iter().enumerate() {
            if let Token::End { name } = t {
                last_end.insert(name.as_str(), i);
            }
        }
        for (i, t) in tokens.iter().enumerate() {
            match t {
                Token::Text(s) => self.text(s),
                Token::Cdata(s) => self.cdata(s),
                Token::ParaBreak => self.boundary(),
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                    raw,
                } => {
                    let placeholder = !is_known_tag(name)
                        && attrs.is_empty()
                        && !self_closing
                        && !matches!(last_end.get(name.as_str()), Some(&e) if e > i);
                    if placeholder {
                        self.text(raw);
                    } else if self.pre.is_some() {
                        self.pre_tag(name, true);
                    } else {
                        self.start_tag(name, attrs, *self_closing);
                    }
                }
                Token::End { name } => {
                    if self.pre.is_some() {
                        self.pre_tag(name, false);
                    } else {
                        self.end_tag(name);
                    }
                }
            }
        }
    }

    fn finish(mut self) -> String {
        if let Some(pre) = self.pre.take() {
            self.emit_code(&pre.buf);
        }
        self.flush();
        if !self.blocks.is_empty() {
            self.close_blocks_from(0);
        }
        self.close_captures_to(0);
        self.flush();

        let mut result = String::new();
        let mut prev_blank = true;
        for line in self.out.iter().flat_map(|l| l.split('\n')) {
            let line = line.trim_end();
            if line.is_empty() {
                if prev_blank {
                    continue;
                }
                prev_blank = true;
            } else {
                prev_blank = false;
            }
            result.push_str(line);
            result.push('\n');
        }
        result.trim_end().to_string()
    }

    // --- tags -------------------------------------------------------------

    fn start_tag(&mut self, name: &str, attrs: &[(String, String)], self_closing: bool) {
        if BOUNDARY_TAGS.contains(&name) {
            self.boundary();
            return;
        }
        match name {
            "br" => self.line_break(),
            "td" | "th" => self.pending_space = true,
            _ if self_closing => {}
            "b" | "strong" => self.open_capture(Fmt::Bold, "b", String::new()),
            "i" | "em" | "cite" | "dfn" | "var" => {
                self.open_capture(Fmt::Italic, "i", String::new())
            }
            "code" | "tt" | "kbd" | "samp" => self.open_capture(Fmt::Code, "code", String::new()),
            "a" => {
                let href = attrs
                    .iter()
                    .find(|(k, _)| k == "href")
                    .map(|(_, v)| decode_to_string(v))
                    .unwrap_or_default();
                self.open_capture(Fmt::Link, "a", href);
            }
            "ul" => self.open_list(ListKind::Unordered, 1),
            "ol" => {
                let start = attrs
                    .iter()
                    .find(|(k, _)| k == "start")
                    .and_then(|(_, v)| v.trim().parse::<u64>().ok())
                    .unwrap_or(1)
                    .min(999_999_999);
                self.open_list(ListKind::Ordered, start);
            }
            "dl" => self.open_list(ListKind::Definition, 1),
            "li" => self.open_item(ItemKind::Li),
            "dt" => {
                self.open_item(ItemKind::Dt);
                self.open_capture(Fmt::Bold, "dt", String::new());
            }
            "dd" => self.open_dd(),
            "pre" => self.open_pre(),
            "note" => self.open_note("note", "**Note:** "),
            "important" => self.open_note("important", "**Important:** "),
            _ if HEADING_TAGS.contains(&name) => {
                self.boundary();
                self.open_capture(Fmt::Bold, "h", String::new());
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &str) {
        if BOUNDARY_TAGS.contains(&name) {
            self.boundary();
            return;
        }
        match name {
            "br" => self.line_break(),
            "td" | "th" => self.pending_space = true,
            "b" | "strong" => self.close_capture("b"),
            "i" | "em" | "cite" | "dfn" | "var" => self.close_capture("i"),
            "code" | "tt" | "kbd" | "samp" => self.close_capture("code"),
            "a" => self.close_capture("a"),
            "ul" => self.close_list(ListKind::Unordered),
            "ol" => self.close_list(ListKind::Ordered),
            "dl" => self.close_list(ListKind::Definition),
            "li" => self.close_item(ItemKind::Li),
            "dd" => self.close_item(ItemKind::Dd),
            "dt" => self.end_dt(),
            "note" | "important" => {
                let pos = self
                    .blocks
                    .iter()
                    .rposition(|b| matches!(b.kind, BlockKind::Note { tag } if tag == name));
                if let Some(p) = pos {
                    self.close_blocks_from(p);
                }
            }
            _ if HEADING_TAGS.contains(&name) => {
                self.close_capture("h");
                self.boundary();
            }
            _ => {}
        }
    }

    fn pre_tag(&mut self, name: &str, start: bool) {
        let Some(pre) = self.pre.as_mut() else {
            return;
        };
        match (name, start) {
            ("pre", true) => pre.depth += 1,
            ("br", _) => pre.buf.push('\n'),
            ("pre", false) => {
                pre.depth = pre.depth.saturating_sub(1);
                if pre.depth == 0 {
                    if let Some(pre) = self.pre.take() {
                        self.emit_code(&pre.buf);
                    }
                }
            }
            _ => {}
        }
    }

    // --- text -------------------------------------------------------------

    fn text(&mut self, raw: &str) {
        if let Some(pre) = self.pre.as_mut() {
            pre.buf.push_str(&decode_to_string(raw));
            return;
        }
        let chars = decode_entities(raw);
        self.push_chars(&chars);
    }

    fn cdata(&mut self, raw: &str) {
        if let Some(pre) = self.pre.as_mut() {
            pre.buf.push_str(raw);
            return;
        }
        let chars: Vec<(char, bool)> = raw.chars().map(|c| (c, false)).collect();
        self.push_chars(&chars);
    }

    fn in_fmt(&self, fmt: Fmt) -> bool {
        self.captures.iter().any(|c| c.fmt == fmt)
    }

    fn line_empty(&self) -> bool {
        self.cur.is_empty() || self.cur.ends_with('\n')
    }

    fn push_chars(&mut self, chars: &[(char, bool)]) {
        let code = self.in_fmt(Fmt::Code);
        let link = self.in_fmt(Fmt::Link);
        let mut i = 0;
        while i < chars.len() {
            let (c, verbatim) = chars[i];
            if !verbatim && is_html_ws(c) {
                self.pending_space = true;
                i += 1;
                continue;
            }
            self.before_content();
            if verbatim || code {
                self.cur.push(c);
                i += 1;
                continue;
            }
            if !link {
                let prev = if i > 0 {
                    Some(chars[i - 1].0)
                } else {
                    self.cur.chars().next_back()
                };
                if !prev.is_some_and(char::is_alphanumeric) {
                    if let Some(end) = url_at(chars, i) {
                        self.cur.push('<');
                        self.cur.extend(chars[i..end].iter().map(|&(c, _)| c));
                        self.cur.push('>');
                        i = end;
                        continue;
                    }
                }
            }
            i += self.push_plain(chars, i);
        }
    }

    /// Pushes the plain-text char at `chars[i]` with escaping; returns how
    /// many chars were consumed.
    fn push_plain(&mut self, chars: &[(char, bool)], i: usize) -> usize {
        let c = chars[i].0;
        if self.line_empty() {
            let next = chars.get(i + 1).map(|&(n, _)| n);
            match c {
                '#' | '-' | '+' | '=' | '_' if !matches!(next, Some(n) if !is_html_ws(n) && n != c) =>
                {
                    self.cur.push('\\');
                    self.cur.push(c);
                    return 1;
                }
                '0'..='9' => {
                    let mut j = i;
                    while j < chars.len() && j - i < 10 && chars[j].0.is_ascii_digit() {
                        j += 1;
                    }
                    let ordered_marker = j - i <= 9
                        && chars.get(j).is_some_and(|&(p, _)| p == '.' || p == ')')
                        && !matches!(chars.get(j + 1), Some(&(n, _)) if !is_html_ws(n));
                    if ordered_marker {
                        self.cur.extend(chars[i..j].iter().map(|&(d, _)| d));
                        self.cur.push('\\');
                        self.cur.push(chars[j].0);
                        return j + 1 - i;
                    }
                }
                _ => {}
            }
        }
        match c {
            '\\' | '[' | ']' | '<' | '>' | '*' | '`' | '~' => {
                self.cur.push('\\');
                self.cur.push(c);
            }
            '&' if entity_like(chars, i + 1) => self.cur.push_str("\\&"),
            _ => self.cur.push(c),
        }
        1
    }

    /// Resolves pending line breaks and prefixes (not spaces).
    fn resolve_structure(&mut self) {
        if let Some((prefix, true)) = self.pending_prefix {
            self.pending_prefix = None;
            self.pending_soft = false;
            self.pending_breaks = 0;
            self.pending_space = false;
            self.cur.push_str(prefix);
            return;
        }
        if self.pending_breaks > 0 {
            if !self.line_empty() {
                self.cur.push_str("\\\n");
            }
            self.pending_breaks = 0;
            self.pending_soft = false;
            self.pending_space = false;
        } else if self.pending_soft {
            if !self.line_empty() {
                self.cur.push('\n');
            }
            self.pending_soft = false;
            self.pending_space = false;
        }
        if let Some((prefix, _)) = self.pending_prefix.take() {
            if self.pending_space && !self.line_empty() && !self.cur.ends_with(' ') {
                self.cur.push(' ');
            }
            self.cur.push_str(prefix);
            self.pending_space = false;
        }
    }

    fn before_content(&mut self) {
        if self.pending_prefix.is_some() || self.pending_soft || self.pending_breaks > 0 {
            self.resolve_structure();
        }
        if self.pending_space {
            if !self.line_empty() && !self.cur.ends_with(' ') {
                self.cur.push(' ');
            }
            self.pending_space = false;
        }
    }

    fn line_break(&mut self) {
        if self.in_fmt(Fmt::Code) {
            self.pending_space = true;
            return;
        }
        self.pending_breaks += 1;
        if self.pending_breaks >= 2 {
            self.boundary();
        }
    }

    /// A paragraph boundary: a new paragraph at block level, a new
    /// continuation line inside list items.
    fn boundary(&mut self) {
        self.pending_breaks = 0;
        if self.innermost_item().is_some() {
            if !self.cur.is_empty() {
                self.pending_soft = true;
            }
        } else {
            self.flush();
        }
    }

    // --- inline captures --------------------------------------------------

    fn open_capture(&mut self, fmt: Fmt, tag: &'static str, href: String) {
        if self.in_fmt(Fmt::Code) || (fmt == Fmt::Link && self.in_fmt(Fmt::Link)) {
            return;
        }
        self.resolve_structure();
        self.captures.push(Capture {
            fmt,
            tag,
            start: self.cur.len(),
            href,
        });
    }

    fn close_capture(&mut self, tag: &str) {
        if let Some(idx) = self.captures.iter().rposition(|c| c.tag == tag) {
            self.close_captures_to(idx);
        }
    }

    fn close_captures_to(&mut self, base: usize) {
        while self.captures.len() > base {
            let k = self.captures.len() - 1;
            self.wrap(k);
            self.captures.pop();
        }
    }

    /// Applies the Markdown syntax of capture `k` to its region of `cur`.
    fn wrap(&mut self, k: usize) {
        let Some(c) = self.captures.get(k).cloned() else {
            return;
        };
        let mut start = c.start.min(self.cur.len());
        while !self.cur.is_char_boundary(start) {
            start -= 1;
        }
        if c.fmt == Fmt::Link && self.cur[start..].trim().is_empty() && !c.href.trim().is_empty() {
            // Empty link text: the URL itself becomes content.
            self.before_content();
        }
        let region = &self.cur[start..];
        let trimmed = region.trim();
        let lead_len = region.len() - region.trim_start().len();
        let lead = &region[..lead_len];
        let trail = &region[lead_len + trimmed.len()..];
        let outer_same = self.captures[..k].iter().any(|o| o.fmt == c.fmt);
        let inner = match c.fmt {
            _ if trimmed.is_empty() && c.fmt != Fmt::Link => None,
            Fmt::Bold if !outer_same => Some(format!("**{trimmed}**")),
            Fmt::Italic if !outer_same => Some(format!("*{trimmed}*")),
            Fmt::Bold | Fmt::Italic => None,
            Fmt::Code => Some(code_span(trimmed)),
            Fmt::Link => link_markdown(trimmed, &c.href),
        };
        if let Some(inner) = inner {
            let new = format!("{lead}{inner}{trail}");
            self.cur.truncate(start);
            self.cur.push_str(&new);
        }
    }

    // --- blocks -----------------------------------------------------------

    fn innermost_item(&self) -> Option<usize> {
        self.blocks
            .iter()
            .rposition(|b| matches!(b.kind, BlockKind::Item { .. }))
    }

    fn nearest_structural(&self) -> Option<usize> {
        self.blocks
            .iter()
            .rposition(|b| !matches!(b.kind, BlockKind::Note { .. }))
    }

    /// Emits a pending (non-glue) prefix as its own paragraph; drops a glue one.
    fn emit_prefix_paragraph(&mut self) {
        if let Some((prefix, glue)) = self.pending_prefix.take() {
            if !glue {
                self.emit(vec![prefix.trim_end().to_string()]);
            }
        }
    }

    fn open_list(&mut self, kind: ListKind, start: u64) {
        self.flush();
        self.emit_prefix_paragraph();
        self.blocks.push(Block {
            kind: BlockKind::List {
                kind,
                next: start,
                implicit: false,
                emitted: false,
            },
            inline_base: self.captures.len(),
        });
    }

    fn close_list(&mut self, kind: ListKind) {
        let pos = self
            .blocks
            .iter()
            .rposition(|b| matches!(b.kind, BlockKind::List { kind: k, .. } if k == kind));
        if let Some(p) = pos {
            self.close_blocks_from(p);
        }
    }

    fn open_item(&mut self, kind: ItemKind) {
        self.flush();
        if let Some(p) = self.nearest_structural() {
            if matches!(self.blocks[p].kind, BlockKind::Item { .. }) {
                self.close_blocks_from(p);
            }
        }
        let has_list = self
            .nearest_structural()
            .is_some_and(|p| matches!(self.blocks[p].kind, BlockKind::List { .. }));
        if !has_list {
            let list_kind = if kind == ItemKind::Li {
                ListKind::Unordered
            } else {
                ListKind::Definition
            };
            self.blocks.push(Block {
                kind: BlockKind::List {
                    kind: list_kind,
                    next: 1,
                    implicit: true,
                    emitted: false,
                },
                inline_base: self.captures.len(),
            });
        }
        self.blocks.push(Block {
            kind: BlockKind::Item {
                kind,
                started: false,
                content_col: 0,
                after_list: false,
            },
            inline_base: self.captures.len(),
        });
    }

    fn close_item(&mut self, kind: ItemKind) {
        let pos = self
            .blocks
            .iter()
            .rposition(|b| matches!(b.kind, BlockKind::Item { kind: k, .. } if k == kind));
        if let Some(p) = pos {
            self.close_blocks_from(p);
        }
    }

    fn end_dt(&mut self) {
        let pos = self.blocks.iter().rposition(|b| {
            matches!(
                b.kind,
                BlockKind::Item {
                    kind: ItemKind::Dt,
                    ..
                }
            )
        });
        if let Some(p) = pos {
            let base = self.blocks[p].inline_base;
            self.close_captures_to(base);
            if let BlockKind::Item { kind, .. } = &mut self.blocks[p].kind {
                *kind = ItemKind::DtDone;
            }
        }
    }

    fn open_dd(&mut self) {
        if let Some(p) = self.nearest_structural() {
            let is_term = matches!(
                self.blocks[p].kind,
                BlockKind::Item {
                    kind: ItemKind::Dt | ItemKind::DtDone,
                    ..
                }
            );
            if is_term {
                let base = self.blocks[p].inline_base;
                self.close_captures_to(base);
                if !self.cur.trim().is_empty() {
                    if let BlockKind::Item { kind, .. } = &mut self.blocks[p].kind {
                        *kind = ItemKind::Dd;
                    }
                    self.blocks[p].inline_base = self.captures.len();
                    self.pending_prefix = Some((": ", true));
                    return;
                }
            }
        }
        self.open_item(ItemKind::Dd);
    }

    fn open_note(&mut self, tag: &'static str, prefix: &'static str) {
        self.boundary();
        self.blocks.push(Block {
            kind: BlockKind::Note { tag },
            inline_base: self.captures.len(),
        });
        self.pending_prefix = Some((prefix, false));
    }

    fn open_pre(&mut self) {
        self.flush();
        self.emit_prefix_paragraph();
        self.pre = Some(Pre {
            depth: 1,
            buf: String::new(),
        });
    }

    /// Closes `blocks[idx..]`.
    fn close_blocks_from(&mut self, idx: usize) {
        if idx >= self.blocks.len() {
            return;
        }
        let structural = self.blocks[idx..]
            .iter()
            .any(|b| !matches!(b.kind, BlockKind::Note { .. }));
        if structural {
            self.flush();
        } else {
            self.boundary();
        }
        // Emitting may have ended an implicit list below `idx`.
        if idx >= self.blocks.len() {
            return;
        }
        let base = self.blocks[idx].inline_base;
        self.close_captures_to(base);
        let mut emitted_list = false;
        let mut had_note = false;
        let mut had_item = false;
        for b in &self.blocks[idx..] {
            match b.kind {
                BlockKind::List { emitted, .. } => emitted_list |= emitted,
                BlockKind::Note { .. } => had_note = true,
                BlockKind::Item { .. } => had_item = true,
            }
        }
        self.blocks.truncate(idx);
        if had_note && matches!(self.pending_prefix, Some((_, false))) {
            self.pending_prefix = None;
        }
        if had_item && matches!(self.pending_prefix, Some((_, true))) {
            self.pending_prefix = None;
        }
        if emitted_list {
            self.mark_after_list();
        }
    }

    fn mark_after_list(&mut self) {
        if let Some(ii) = self.innermost_item() {
            if let BlockKind::Item { after_list, .. } = &mut self.blocks[ii].kind {
                *after_list = true;
            }
        }
    }

    /// Content directly inside a list (outside any item) gets an implicit
    /// item; an implicit list (from a stray `<li>`) ends at such content.
    fn fix_list_context(&mut self) {
        loop {
            let Some(p) = self.nearest_structural() else {
                return;
            };
            match self.blocks[p].kind {
                BlockKind::List {
                    implicit: true,
                    emitted,
                    ..
                } => {
                    self.blocks.truncate(p);
                    if emitted {
                        self.mark_after_list();
                    }
                }
                BlockKind::List { .. } => {
                    self.blocks.push(Block {
                        kind: BlockKind::Item {
                            kind: ItemKind::Li,
                            started: false,
                            content_col: 0,
                            after_list: false,
                        },
                        inline_base: self.captures.len(),
                    });
                    return;
                }
                _ => return,
            }
        }
    }

    /// Emits the current paragraph (if any).
    fn flush(&mut self) {
        for k in (0..self.captures.len()).rev() {
            self.wrap(k);
        }
        for c in &mut self.captures {
            c.start = 0;
        }
        let text = std::mem::take(&mut self.cur);
        self.pending_space = false;
        self.pending_soft = false;
        self.pending_breaks = 0;
        let mut lines: Vec<String> = text
            .split('\n')
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if let Some(last) = lines.last_mut() {
            let stripped = strip_hard_break(last).trim_end().to_string();
            *last = stripped;
        }
        if lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        if !lines.is_empty() {
            self.emit(lines);
        }
    }

    fn emit_code(&mut self, buf: &str) {
        let text = buf.replace("\r\n", "\n").replace('\r', "\n");
        let text = text.strip_prefix('\n').unwrap_or(&text);
        let mut lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
        while lines.first().is_some_and(|l| l.is_empty()) {
            lines.remove(0);
        }
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        if lines.is_empty() {
            return;
        }
        let mut max_run = 0;
        for line in &lines {
            let mut run = 0;
            for c in line.chars() {
                if c == '`' {
                    run += 1;
                    max_run = max_run.max(run);
                } else {
                    run = 0;
                }
            }
        }
        let fence = "`".repeat((max_run + 1).max(3));
        let mut block = Vec::with_capacity(lines.len() + 2);
        block.push(format!("{fence}text"));
        block.extend(lines.iter().map(|l| l.to_string()));
        block.push(fence);
        self.emit(block);
    }

    /// Starts item `k`: assigns its marker and content column. Returns the
    /// indentation plus marker for its first line.
    fn start_item(&mut self, k: usize) -> String {
        let list_idx = self.blocks[..k]
            .iter()
            .rposition(|b| matches!(b.kind, BlockKind::List { .. }));
        let search_end = list_idx.unwrap_or(k);
        let outer_col = self.blocks[..search_end]
            .iter()
            .rev()
            .find_map(|b| match b.kind {
                BlockKind::Item { content_col, .. } => Some(content_col),
                _ => None,
            });
        let indent = outer_col.unwrap_or(0);
        let mut marker = "-".to_string();
        let mut first_of_list = false;
        if let Some(li) = list_idx {
            if let BlockKind::List {
                kind,
                next,
                emitted,
                ..
            } = &mut self.blocks[li].kind
            {
                first_of_list = !*emitted;
                *emitted = true;
                if *kind == ListKind::Ordered {
                    marker = format!("{next}.");
                    *next = next.saturating_add(1);
                }
            }
        }
        if outer_col.is_none() && first_of_list && self.out.last().is_some_and(|l| !l.is_empty()) {
            self.out.push(String::new());
        }
        if let BlockKind::Item {
            started,
            content_col,
            ..
        } = &mut self.blocks[k].kind
        {
            *started = true;
            *content_col = indent + marker.len() + 1;
        }
        format!("{}{}", " ".repeat(indent), marker)
    }

    /// Emits block lines in the current container context.
    fn emit(&mut self, lines: Vec<String>) {
        if lines.is_empty() {
            return;
        }
        self.fix_list_context();
        let Some(ii) = self.innermost_item() else {
            if self.out.last().is_some_and(|l| !l.is_empty()) {
                self.out.push(String::new());
            }
            self.out.extend(lines);
            return;
        };
        let unstarted: Vec<usize> = (0..ii)
            .filter(|&k| matches!(self.blocks[k].kind, BlockKind::Item { started: false, .. }))
            .collect();
        for k in unstarted {
            let marker = self.start_item(k);
            self.out.push(marker);
        }
        let mut it = lines.into_iter();
        let started = matches!(self.blocks[ii].kind, BlockKind::Item { started: true, .. });
        if !started {
            let marker = self.start_item(ii);
            let first = it.next().unwrap_or_default();
            self.out
                .push(format!("{marker} {first}").trim_end().to_string());
        } else if let BlockKind::Item { after_list, .. } = &mut self.blocks[ii].kind {
            if *after_list {
                *after_list = false;
                self.out.push(String::new());
            }
        }
        let col = match self.blocks[ii].kind {
            BlockKind::Item { content_col, .. } => content_col,
            _ => 0,
        };
        let pad = " ".repeat(col);
        for line in it {
            if line.is_empty() {
                self.out.push(line);
            } else {
                self.out.push(format!("{pad}{line}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        html_to_markdown(s)
    }

    /// Output invariants that must hold for every input.
    fn check_invariants(input: &str, out: &str) {
        assert_eq!(out, out.trim(), "not trimmed for {input:?}: {out:?}");
        assert!(
            !out.contains("\n\n\n"),
            "double blank line for {input:?}: {out:?}"
        );
        for line in out.lines() {
            assert_eq!(
                line,
                line.trim_end(),
                "trailing space for {input:?}: {out:?}"
            );
        }
    }

    #[test]
    fn empty_and_whitespace() {
        assert_eq!(md(""), "");
        assert_eq!(md("   \n\t  "), "");
        assert_eq!(md("<p></p>"), "");
        assert_eq!(md("<p/>"), "");
        assert_eq!(md("<p> </p><p/>  <p>\n</p>"), "");
    }

    #[test]
    fn paragraphs_and_whitespace() {
        assert_eq!(
            md("<p>First   paragraph\n    continues.</p>\n    <p>Second.</p>"),
            "First paragraph continues.\n\nSecond."
        );
        assert_eq!(
            md("Intro text<p>Para</p>tail"),
            "Intro text\n\nPara\n\ntail"
        );
        assert_eq!(md("<p>a</p><p></p><p></p><p>b</p>"), "a\n\nb");
    }

    #[test]
    fn plain_text_input() {
        assert_eq!(md("  Plain   text\n  docs.  "), "Plain text docs.");
        assert_eq!(md("One.\n\n  Two [x] *y*."), "One.\n\nTwo \\[x\\] \\*y\\*.");
    }

    #[test]
    fn line_breaks() {
        assert_eq!(md("<p>a<br/>b<br>c</p>"), "a\\\nb\\\nc");
        assert_eq!(md("<p>a<br/></p>"), "a");
        assert_eq!(md("<p><br/>a</p>"), "a");
        assert_eq!(md("a<br><br>b"), "a\n\nb");
    }

    #[test]
    fn bold_italic() {
        assert_eq!(md("<b>x</b> and <strong>y</strong>"), "**x** and **y**");
        assert_eq!(md("<i>x</i> and <em>y</em>"), "*x* and *y*");
        assert_eq!(md("a<b> spaced </b>b"), "a **spaced** b");
        assert_eq!(md("<b></b>x<i> </i>y"), "x y");
        assert_eq!(md("<b>outer <b>inner</b> more</b>"), "**outer inner more**");
        assert_eq!(md("<i>a <b>b</b> c</i>"), "*a **b** c*");
    }

    #[test]
    fn code_spans() {
        assert_eq!(md("Use <code>GetObject</code>."), "Use `GetObject`.");
        assert_eq!(md("<code>a`b</code>"), "`` a`b ``");
        assert_eq!(md("<code>[x] *y* &lt;T&gt;</code>"), "`[x] *y* <T>`");
        assert_eq!(md("<code> a \n  b </code>"), "`a b`");
        assert_eq!(md("<code><b>x</b></code>"), "`x`");
        assert_eq!(md("<b><code>Key</code></b>"), "**`Key`**");
    }

    #[test]
    fn links() {
        assert_eq!(
            md(r#"See <a href="https://example.com/a?b=1&amp;c=2">the docs</a>."#),
            "See [the docs](https://example.com/a?b=1&c=2)."
        );
        assert_eq!(md("<a>no href</a>"), "no href");
        assert_eq!(md(r#"<a href="https://x.io"></a>"#), "<https://x.io>");
        assert_eq!(
            md(r#"x <a href="https://x.io"> </a> y"#),
            "x <https://x.io> y"
        );
        assert_eq!(
            md(r#"<a href="https://x.io">https://x.io</a>"#),
            "<https://x.io>"
        );
        assert_eq!(md(r#"<a href="u">t</a>"#), "[t](u)");
        assert_eq!(
            md(r#"<a href="https://x.io/a b(c)"><code>Foo</code></a>"#),
            "[`Foo`](https://x.io/a%20b%28c%29)"
        );
        assert_eq!(
            md("<a href='https://x.io'>[t]</a>"),
            "[\\[t\\]](https://x.io)"
        );
    }

    #[test]
    fn bare_urls() {
        assert_eq!(
            md("See https://example.com/path. Or (http://a.b/c)."),
            "See <https://example.com/path>. Or (<http://a.b/c>)."
        );
        assert_eq!(md("xhttps://nope"), "xhttps://nope");
        assert_eq!(md("https://"), "https://");
        assert_eq!(md("<code>https://x.io</code>"), "`https://x.io`");
    }

    #[test]
    fn unordered_lists() {
        let html = "<p>Options:</p> <ul> <li> <p>One</p> </li> <li> <p>Two <b>bold</b></p> </li> </ul> <p>After.</p>";
        assert_eq!(md(html), "Options:\n\n- One\n- Two **bold**\n\nAfter.");
    }

    #[test]
    fn ordered_and_nested_lists() {
        assert_eq!(md("<ol><li>a</li><li>b</li></ol>"), "1. a\n2. b");
        assert_eq!(
            md("<ol start=\"3\"><li>a</li><li>b</li></ol>"),
            "3. a\n4. b"
        );
        assert_eq!(
            md("<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>"),
            "- a\n  - b\n    - c\n- d"
        );
        assert_eq!(md("<ol><li>a<ul><li>b</li></ul></li></ol>"), "1. a\n   - b");
        assert_eq!(md("<ul><li><ul><li>x</li></ul></li></ul>"), "-\n  - x");
    }

    #[test]
    fn paragraphs_inside_items() {
        assert_eq!(
            md("<ul><li><p>First.</p><p>Second.</p></li><li>Next</li></ul>"),
            "- First.\n  Second.\n- Next"
        );
        // Text after a nested list needs a blank line (no lazy continuation).
        assert_eq!(
            md("<ul><li>a<ul><li>b</li></ul>more</li></ul>"),
            "- a\n  - b\n\n  more"
        );
    }

    #[test]
    fn malformed_lists() {
        assert_eq!(md("<ul><li>a<li>b</ul>after"), "- a\n- b\n\nafter");
        assert_eq!(md("<li>stray</li><p>Next</p>"), "- stray\n\nNext");
        assert_eq!(md("<ul>loose text<li>x</li></ul>"), "- loose text\n- x");
        assert_eq!(md("</li></ul></ol>text"), "text");
        assert_eq!(md("<ul><li></li><li>x</li></ul>"), "- x");
    }

    #[test]
    fn pre_blocks() {
        assert_eq!(
            md("<p>Example:</p><pre><code>{\n  \"a\": 1 &lt; 2\n}</code></pre><p>Done.</p>"),
            "Example:\n\n```text\n{\n  \"a\": 1 < 2\n}\n```\n\nDone."
        );
        assert_eq!(
            md("<pre>\n  indented\n    more  \n</pre>"),
            "```text\n  indented\n    more\n```"
        );
        assert_eq!(md("<pre>a ``` b</pre>"), "````text\na ``` b\n````");
        assert_eq!(md("<pre></pre>"), "");
        assert_eq!(md("<pre>unclosed <b>x</b>"), "```text\nunclosed x\n```");
        assert_eq!(
            md("<ul><li>Run:<pre>cmd\n\narg</pre>then</li></ul>"),
            "- Run:\n  ```text\n  cmd\n\n  arg\n  ```\n  then"
        );
    }

    #[test]
    fn notes() {
        assert_eq!(
            md("<note><p>Be careful.</p></note>"),
            "**Note:** Be careful."
        );
        assert_eq!(
            md("<p>Intro</p><important> <p>Really.</p> <p>Second.</p></important>"),
            "Intro\n\n**Important:** Really.\n\nSecond."
        );
        assert_eq!(md("<note></note>after"), "after");
        assert_eq!(
            md("<ul><li>x<note>careful</note></li></ul>"),
            "- x\n  **Note:** careful"
        );
        assert_eq!(md("<note><code>x</code> y</note>"), "**Note:** `x` y");
        assert_eq!(md("<note><ul><li>a</li></ul></note>"), "**Note:**\n\n- a");
    }

    #[test]
    fn definition_lists() {
        assert_eq!(
            md("<dl><dt>Term</dt><dd>Definition</dd><dt>Other</dt><dd><p>More.</p></dd></dl>"),
            "- **Term**: Definition\n- **Other**: More."
        );
        assert_eq!(md("<dl><dd>orphan</dd></dl>"), "- orphan");
        assert_eq!(md("<dl><dt>a<dd>b</dl>"), "- **a**: b");
    }

    #[test]
    fn headings() {
        assert_eq!(md("<h2>Overview</h2><p>Text</p>"), "**Overview**\n\nText");
        assert_eq!(
            md("<fullname>Amazon S3</fullname><p>Doc</p>"),
            "**Amazon S3**\n\nDoc"
        );
        assert_eq!(md("<h1><b>Bold</b> title</h1>"), "**Bold title**");
    }

    #[test]
    fn entities() {
        assert_eq!(
            md("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&#39; &#65;&#x42;&nbsp;z"),
            "a \\<b\\> & \"c\" 'd' AB z"
        );
        assert_eq!(md("&unknown; &bogus"), "&unknown; &bogus");
        assert_eq!(md("&amp;lt;"), "\\&lt;");
        assert_eq!(
            md("&#0; &#xFFFFFFFF; &#99999999999;"),
            "&#0; &#xFFFFFFFF; &#99999999999;"
        );
        assert_eq!(md("caf&eacute; &mdash; ok"), "caf&eacute; \u{2014} ok");
    }

    #[test]
    fn escaping() {
        assert_eq!(
            md("Use [brackets] and *stars*"),
            "Use \\[brackets\\] and \\*stars\\*"
        );
        assert_eq!(md("a < b > c \\ d"), "a \\< b \\> c \\\\ d");
        assert_eq!(
            md("snake_case_name ~x~ `tick`"),
            "snake_case_name \\~x\\~ \\`tick\\`"
        );
        assert_eq!(md("<p># not heading</p>"), "\\# not heading");
        assert_eq!(
            md("<p>- not list</p><p>+ nor</p>"),
            "\\- not list\n\n\\+ nor"
        );
        assert_eq!(
            md("<p>1. not list</p><p>2019) x</p>"),
            "1\\. not list\n\n2019\\) x"
        );
        assert_eq!(md("<p>--flag and #tag</p>"), "\\--flag and #tag");
        assert_eq!(md("<p>===</p>"), "\\===");
        assert_eq!(md("<ul><li>- dash</li></ul>"), "- \\- dash");
        assert_eq!(md("a<br>- b"), "a\\\n\\- b");
    }

    #[test]
    fn unknown_tags_and_placeholders() {
        assert_eq!(
            md("<span class=\"x\">keep</span> <foo>text</foo>"),
            "keep text"
        );
        assert_eq!(
            md("Replace <bucket-name> here"),
            "Replace \\<bucket-name\\> here"
        );
        assert_eq!(md("<custom-tag/>x<sup>2</sup>"), "x2");
        assert_eq!(md("a<!-- comment -->b<![CDATA[<c>]]>"), "ab\\<c\\>");
        assert_eq!(md("<table><tr><td>a</td><td>b</td></tr></table>"), "a b");
    }

    #[test]
    fn malformed_markup() {
        assert_eq!(md("a < b"), "a \\< b");
        assert_eq!(md("<<>>"), "\\<\\<\\>\\>");
        assert_eq!(md("<p>unclosed <b>bold"), "unclosed **bold**");
        assert_eq!(md("<a href=\"x"), "\\<a href=\"x");
        assert_eq!(md("<a href=\"https://x.io>t</a>"), "t");
        assert_eq!(md("</ b> <3 <"), "\\</ b\\> \\<3 \\<");
        assert_eq!(md("<b>a<p>b</b>c"), "**a**\n\n**b**c");
        assert_eq!(md("<i><b>x</i></b>"), "***x***");
        assert_eq!(md("<!-- never closed"), "");
    }

    #[test]
    fn non_ascii() {
        assert_eq!(md("<p>Grüße — 日本語 <b>✓</b></p>"), "Grüße — 日本語 **✓**");
        assert_eq!(md("é<é>"), "é\\<é\\>");
    }

    #[test]
    fn aws_like_snippets() {
        let html = "<p>Creates a new S3 bucket. To create a bucket, you must register with Amazon S3 and have a valid Amazon Web Services Access Key ID to authenticate requests.</p> <note> <p>This action creates a bucket in a general purpose bucket. For more information, see <a href=\"https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html\">Bucket naming rules</a>.</p> </note> <p>The following operations are related to <code>CreateBucket</code>:</p> <ul> <li> <p> <a href=\"https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html\">PutObject</a> </p> </li> <li> <p> <a href=\"https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html\">DeleteBucket</a> </p> </li> </ul>";
        let expected = "Creates a new S3 bucket. To create a bucket, you must register with Amazon S3 and have a valid Amazon Web Services Access Key ID to authenticate requests.\n\n\
**Note:** This action creates a bucket in a general purpose bucket. For more information, see [Bucket naming rules](https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).\n\n\
The following operations are related to `CreateBucket`:\n\n\
- [PutObject](https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html)\n\
- [DeleteBucket](https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html)";
        assert_eq!(md(html), expected);

        let html = "<p>The type of instance. Valid values:</p>\n        <ul>\n          <li>\n            <p>\n              <code>ON_DEMAND</code> - On-Demand instances.</p>\n          </li>\n          <li>\n            <p>\n              <code>SPOT</code> - Spot [preview] instances.</p>\n          </li>\n        </ul>\n        <p>Default: <code>ON_DEMAND</code>\n        </p>";
        assert_eq!(
            md(html),
            "The type of instance. Valid values:\n\n- `ON_DEMAND` - On-Demand instances.\n- `SPOT` - Spot \\[preview\\] instances.\n\nDefault: `ON_DEMAND`"
        );

        let html = "<p>Specifies the ARN, for example <code>arn:aws:iam::123456789012:role/*</code>. Length constraints: 1&#x2013;64 characters &lt;= limit.</p>";
        assert_eq!(
            md(html),
            "Specifies the ARN, for example `arn:aws:iam::123456789012:role/*`. Length constraints: 1\u{2013}64 characters \\<= limit."
        );
    }

    #[test]
    fn first_sentence_cases() {
        assert_eq!(
            first_sentence("Creates a bucket. More text here."),
            "Creates a bucket."
        );
        assert_eq!(
            first_sentence("No period here\nstill same para\n\nNext."),
            "No period here still same para"
        );
        assert_eq!(
            first_sentence("Use `a. b` first. Then."),
            "Use `a. b` first."
        );
        assert_eq!(
            first_sentence("See [x. y](u) now. Then."),
            "See [x. y](u) now."
        );
        assert_eq!(
            first_sentence("Tools, e.g. hammers. Rest."),
            "Tools, e.g. hammers."
        );
        assert_eq!(
            first_sentence("**Bold. text** end. x"),
            "**Bold. text** end."
        );
        assert_eq!(
            first_sentence("```text\ncode. x\n```\n\nReal one. x"),
            "Real one."
        );
        assert_eq!(
            first_sentence("Line one\\\nline two. rest"),
            "Line one line two."
        );
        assert_eq!(first_sentence(""), "");
        assert_eq!(first_sentence("Ends with dot."), "Ends with dot.");
        let m = md("<p>Returns the <code>Foo.bar</code> value. Second sentence.</p><p>Other.</p>");
        assert_eq!(first_sentence(&m), "Returns the `Foo.bar` value.");
    }

    #[test]
    fn tokenizer_basics() {
        let toks = tokenize(r#"<A HREF='x' data-y=z>t</A><br/>"#);
        assert_eq!(
            toks,
            vec![
                Token::Start {
                    name: "a".into(),
                    attrs: vec![("href".into(), "x".into()), ("data-y".into(), "z".into())],
                    self_closing: false,
                    raw: "<A HREF='x' data-y=z>",
                },
                Token::Text("t"),
                Token::End { name: "a".into() },
                Token::Start {
                    name: "br".into(),
                    attrs: vec![],
                    self_closing: true,
                    raw: "<br/>",
                },
            ]
        );
    }

    const TRICKY: &[&str] = &[
        "<p>Hello <b>wor<i>ld</i></b> &amp; <a href=\"https://x.io/?a=1&amp;b=2\">link</a></p>",
        "<ul><li><p>A</p><ul><li>B<pre>x\n y</pre></li></ul></li><li>C</li></ul><ol><li>1</li></ol>",
        "<dl><dt>T</dt><dd><p>D</p></dd></dl><note><p>N</p></note><important>I</important>",
        "&#x1F600; &#128512; &lt;&gt;&quot;&apos;&#39;&nbsp;&unknown; &#xZZ; &",
        "<a href='x\"y'>q</a><!-- c --><![CDATA[ z ]]><?pi?><!DOCTYPE html>",
        "Grüße <code>`日本`</code> https://例え.jp/パス. <h3>Ü</h3>",
        "<<<>>> </ > <a <b <p <li </li </ul 1. - # + > [x]",
        "<pre><code>a\r\n\tb ``` c</code></pre><br><br/><br><b>",
    ];

    #[test]
    fn robustness_prefixes_and_suffixes() {
        for input in TRICKY {
            let mut cuts: Vec<usize> = input.char_indices().map(|(i, _)| i).collect();
            cuts.push(input.len());
            for &cut in &cuts {
                for s in [&input[..cut], &input[cut..]] {
                    let out = md(s);
                    check_invariants(s, &out);
                    let _ = first_sentence(&out);
                }
            }
        }
    }

    #[test]
    fn robustness_pseudo_random() {
        #[rustfmt::skip]
        const PIECES: &[&str] = &[
            "<p>", "</p>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>", "<b>", "</b>",
            "<i>", "</i>", "<code>", "</code>", "<pre>", "</pre>", "<a href=\"https://x.io\">",
            "</a>", "<note>", "</note>", "<dl>", "<dt>", "</dt>", "<dd>", "</dd>", "</dl>",
            "<h2>", "</h2>", "<br/>", "<p/>", "&amp;", "&lt;", "&#x", "&#12", ";", "&", "<", ">",
            "\"", "'", " ", "\n", "\t", "text", "é", "日本", "[", "]", "*", "`", "-", "#", "1.",
            "https://a.b/c", "_", "\\", "<!--", "-->", "<foo>", "</foo>",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let mut s = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            }
            let out = md(&s);
            check_invariants(&s, &out);
            let _ = first_sentence(&out);
        }
    }

    #[test]
    fn large_input_is_fast_enough() {
        let big = "<p>word [x] https://a.b/c <b>bold</b> &amp; </p>".repeat(5000);
        let out = md(&big);
        assert!(out.len() > 100_000);
        let parens = ")".repeat(50_000);
        let _ = md(&format!("https://x.io/{parens}"));
    }
}
