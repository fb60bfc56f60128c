//! Typed HTTP facts of an operation, parsed once from its traits and read by every consumer: the
//! validator, lowering, the request emitter, the `URI` constant and the API surface.

use std::fmt;

/// An HTTP method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Patch,
    Head,
    Options,
    /// Any other method token, kept as the model spells it.
    Other(String),
}

impl HttpMethod {
    pub fn parse(method: &str) -> HttpMethod {
        match method {
            "GET" => HttpMethod::Get,
            "PUT" => HttpMethod::Put,
            "POST" => HttpMethod::Post,
            "DELETE" => HttpMethod::Delete,
            "PATCH" => HttpMethod::Patch,
            "HEAD" => HttpMethod::Head,
            "OPTIONS" => HttpMethod::Options,
            other => HttpMethod::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Other(other) => other,
        }
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One segment of a URI pattern's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriSegment {
    Literal(String),
    /// `{name}`, or `{name+}` (greedy: the value may span segments).
    Label { name: String, greedy: bool },
}

/// An `@http` URI pattern: its path segments and its literal query, as the model wrote them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriPattern {
    /// The segments after the leading `/` (`/` alone is one empty literal segment).
    pub segments: Vec<UriSegment>,
    /// The literal query after `?` (`x-id=PutObject`, `delete`), kept exactly.
    pub query: Option<String>,
}

impl UriPattern {
    /// `/`: the URI of every RPC protocol's requests.
    pub fn root() -> UriPattern {
        UriPattern { segments: vec![UriSegment::Literal(String::new())], query: None }
    }

    /// Parses a pattern, or says why it is malformed (what the spec says it MUST NOT be: no
    /// leading `/`, a label in the query, a label that is not a whole segment, a label name that
    /// is no identifier, the same label twice).
    pub fn parse(uri: &str) -> Result<UriPattern, String> {
        let Some(rest) = uri.strip_prefix('/') else {
            return Err("does not start with `/`".to_string());
        };
        let (path, query) = match rest.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (rest, None),
        };
        if query.is_some_and(|q| q.contains(['{', '}'])) {
            return Err("has a label in the query string".to_string());
        }
        let mut segments = Vec::new();
        for segment in path.split('/') {
            if !segment.contains(['{', '}']) {
                segments.push(UriSegment::Literal(segment.to_string()));
                continue;
            }
            let Some(inner) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                return Err(format!("has segment `{segment}`, but a label must be a whole path segment `{{name}}`"));
            };
            let (name, greedy) = match inner.strip_suffix('+') {
                Some(name) => (name, true),
                None => (inner, false),
            };
            let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(format!("has label `{segment}`, which is not a valid member name"));
            }
            if segments.iter().any(|s| matches!(s, UriSegment::Label { name: n, .. } if n == name)) {
                return Err(format!("has label `{{{name}}}` twice"));
            }
            segments.push(UriSegment::Label { name: name.to_string(), greedy });
        }
        Ok(UriPattern { segments, query: query.map(str::to_string) })
    }

    /// The labels, in order, with whether each is greedy.
    pub fn labels(&self) -> impl Iterator<Item = (&str, bool)> {
        self.segments.iter().filter_map(|s| match s {
            UriSegment::Label { name, greedy } => Some((name.as_str(), *greedy)),
            UriSegment::Literal(_) => None,
        })
    }

    /// What Smithy's HttpUriGreedyLabel validator reports as a DANGER: more than one greedy label,
    /// or a greedy label before another label.
    pub fn greedy_problem(&self) -> Option<&'static str> {
        let greedy: Vec<bool> = self.labels().map(|(_, g)| g).collect();
        let first = greedy.iter().position(|g| *g)?;
        if greedy.iter().filter(|g| **g).count() > 1 {
            Some("has more than one greedy label")
        } else if first + 1 < greedy.len() {
            Some("has a greedy label that is not its last label")
        } else {
            None
        }
    }

    /// The pattern without its first segment when that segment is the label `name` (`/{Bucket}/{Key+}`
    /// → `/{Key+}`, `/{Bucket}?delete` → `/?delete`); `None` otherwise.
    pub fn without_leading_label(&self, name: &str) -> Option<UriPattern> {
        match self.segments.first() {
            Some(UriSegment::Label { name: first, .. }) if first == name => {
                let mut segments = self.segments[1..].to_vec();
                if segments.is_empty() {
                    segments.push(UriSegment::Literal(String::new()));
                }
                Some(UriPattern { segments, query: self.query.clone() })
            }
            _ => None,
        }
    }
}

impl fmt::Display for UriPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for segment in &self.segments {
            match segment {
                UriSegment::Literal(text) => write!(f, "/{text}")?,
                UriSegment::Label { name, greedy: false } => write!(f, "/{{{name}}}")?,
                UriSegment::Label { name, greedy: true } => write!(f, "/{{{name}+}}")?,
            }
        }
        if let Some(query) = &self.query {
            write!(f, "?{query}")?;
        }
        Ok(())
    }
}

/// One part of an `@endpoint` host prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPart {
    Literal(String),
    /// `{name}`: an input member bound with `@hostLabel`.
    Label(String),
}

/// An `@endpoint` host prefix (`{AccountId}.`, `data-`), split into literal text and labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPrefix {
    pub parts: Vec<HostPart>,
}

impl HostPrefix {
    /// Splits the prefix at its `{label}`s; an unclosed `{` is literal text.
    pub fn parse(prefix: &str) -> HostPrefix {
        let mut parts = Vec::new();
        let mut rest = prefix;
        while let Some((before, after)) = rest.split_once('{') {
            let Some((label, tail)) = after.split_once('}') else { break };
            if !before.is_empty() {
                parts.push(HostPart::Literal(before.to_string()));
            }
            parts.push(HostPart::Label(label.to_string()));
            rest = tail;
        }
        if !rest.is_empty() {
            parts.push(HostPart::Literal(rest.to_string()));
        }
        HostPrefix { parts }
    }
}

impl fmt::Display for HostPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.parts {
            match part {
                HostPart::Literal(text) => f.write_str(text)?,
                HostPart::Label(name) => write!(f, "{{{name}}}")?,
            }
        }
        Ok(())
    }
}

/// Where a timestamp is written, and so which format it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimestampFormat {
    /// RFC 3339 (`2024-01-02T03:04:05Z`).
    DateTime,
    /// RFC 7231 (`Tue, 02 Jan 2024 03:04:05 GMT`).
    HttpDate,
    /// Seconds since the epoch, fractions allowed.
    EpochSeconds,
}

impl TimestampFormat {
    /// The format `@timestampFormat` names, if it is one of the three.
    pub fn parse(name: &str) -> Option<TimestampFormat> {
        match name {
            "date-time" => Some(TimestampFormat::DateTime),
            "http-date" => Some(TimestampFormat::HttpDate),
            "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TimestampFormat::DateTime => "date-time",
            TimestampFormat::HttpDate => "http-date",
            TimestampFormat::EpochSeconds => "epoch-seconds",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_patterns_parse_and_print_back() {
        for uri in ["/", "/a/{b}/{c+}?x=y", "/{Bucket}?delete", "/2013-04-01/hostedzone/{Id}", "/a/", "/a?x-id=PutObject&flag"] {
            assert_eq!(UriPattern::parse(uri).unwrap().to_string(), uri);
        }
        let pattern = UriPattern::parse("/a/{b}/{c+}?x=y").unwrap();
        assert_eq!(pattern.labels().collect::<Vec<_>>(), [("b", false), ("c", true)]);
        assert!(UriPattern::parse("a").is_err());
        assert!(UriPattern::parse("/a{b}").is_err());
        assert!(UriPattern::parse("/{b}/{b}").is_err());
        assert!(UriPattern::parse("/{}").is_err());
        assert!(UriPattern::parse("/a?x={y}").is_err());
        assert_eq!(UriPattern::parse("/{a+}/{b+}").unwrap().greedy_problem(), Some("has more than one greedy label"));
        assert_eq!(UriPattern::parse("/{a+}/x/{b}").unwrap().greedy_problem(), Some("has a greedy label that is not its last label"));
        assert_eq!(UriPattern::root().to_string(), "/");
    }

    #[test]
    fn a_leading_label_is_taken_off() {
        let strip = |uri: &str| UriPattern::parse(uri).unwrap().without_leading_label("Bucket").map(|p| p.to_string());
        assert_eq!(strip("/{Bucket}/{Key+}").as_deref(), Some("/{Key+}"));
        assert_eq!(strip("/{Bucket}?delete").as_deref(), Some("/?delete"));
        assert_eq!(strip("/{Bucket}").as_deref(), Some("/"));
        assert_eq!(strip("/x/{Bucket}"), None);
    }

    #[test]
    fn host_prefixes_split_at_labels() {
        let prefix = HostPrefix::parse("{AccountId}.data-{Region}");
        assert_eq!(
            prefix.parts,
            [HostPart::Label("AccountId".into()), HostPart::Literal(".data-".into()), HostPart::Label("Region".into())]
        );
        assert_eq!(prefix.to_string(), "{AccountId}.data-{Region}");
        assert_eq!(HostPrefix::parse("data-").parts, [HostPart::Literal("data-".into())]);
    }
}
