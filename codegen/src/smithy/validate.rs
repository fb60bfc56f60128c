//! Model validation between `load` and `lower`: what Smithy's built-in validators check for the
//! features we generate. Every problem found is collected so one run shows them all; each names
//! the shape (and member), what is wrong and what to do about it, with a [`Severity`] as Smithy
//! gives it: what the specification says a model MUST (or MUST NOT) do is an ERROR, which refuses
//! the model; what it SHOULD do is a WARNING, or a DANGER where Smithy's validator reports one;
//! both are returned and generation goes on.
//!
//! A few checks are ERRORs although Smithy accepts the model or only warns, because the generator
//! cannot make a working crate then; each says so where it is made: Rust names that collide
//! (`rust_names`), an `@httpError` that is no HTTP status code, and two shapes of one service
//! with the same name whatever their type.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::Value;

use super::ast::{Member, Shape, ShapeType};
use super::traits::*;
use super::{shape_name, Model};
use crate::ir::http::UriPattern;
use crate::error::{Error, Result, Severity, ValidationEvent};

mod rust_names;

/// How many errors one report lists; the rest are only counted.
pub const MAX_ERRORS: usize = 50;

/// Checks a loaded model. `Ok` holds the events that do not refuse it (warnings, dangers, notes,
/// in the order found); `Err(Error::Invalid)` lists the errors when there is one (the first
/// [`MAX_ERRORS`], then how many more).
pub fn validate(model: &Model) -> Result<Vec<ValidationEvent>> {
    let mut v = Validator { model, events: Vec::new() };
    for (id, shape) in &model.shapes {
        v.shape(id, shape);
    }
    v.shape_id_conflicts();
    v.recursion();
    for (id, shape) in model.services() {
        v.service_names(id, shape);
        v.service_rust_names(id, shape);
    }
    let (mut errors, others): (Vec<_>, Vec<_>) = v.events.into_iter().partition(|e| e.severity == Severity::Error);
    if errors.is_empty() {
        return Ok(others);
    }
    let omitted = errors.len().saturating_sub(MAX_ERRORS);
    errors.truncate(MAX_ERRORS);
    Err(Error::Invalid { errors, omitted })
}

struct Validator<'m> {
    model: &'m Model,
    events: Vec<ValidationEvent>,
}

const SIMPLE_BINDINGS: &[&str] =
    &[HTTP_HEADER, HTTP_LABEL, HTTP_QUERY, HTTP_QUERY_PARAMS, HTTP_PREFIX_HEADERS, HTTP_RESPONSE_CODE];

impl<'m> Validator<'m> {
    /// An ERROR: the model breaks a MUST of the specification (or cannot be generated).
    fn report(&mut self, shape: &str, member: Option<&str>, problem: impl Into<String>, fix: impl Into<String>) {
        self.event(Severity::Error, shape, member, problem, fix);
    }

    fn event(&mut self, severity: Severity, shape: &str, member: Option<&str>, problem: impl Into<String>, fix: impl Into<String>) {
        self.events.push(ValidationEvent {
            severity,
            shape: shape.to_string(),
            member: member.map(str::to_string),
            problem: problem.into(),
            fix: fix.into(),
        });
    }

    fn kind(&self, id: &str) -> Option<ShapeType> {
        self.model.shape(id).map(|s| s.kind)
    }

    fn shape(&mut self, id: &str, shape: &'m Shape) {
        // The prelude is ours; it is valid by construction.
        if id.starts_with("smithy.api#") {
            return;
        }
        self.traits(id, None, &shape.traits, shape.kind, shape);
        let mut seen_members: HashMap<String, &str> = HashMap::new();
        for (name, _) in &shape.members {
            if let Some(first) = seen_members.insert(name.to_lowercase(), name) {
                self.report(
                    id,
                    Some(name),
                    format!("the member name conflicts with member `{first}` (member names are case-insensitively unique)"),
                    "rename one of the two members",
                );
            }
        }
        for (name, member) in shape.all_members() {
            self.member(id, shape, name, member);
        }
        self.member_rust_names(id, shape);
        match shape.kind {
            ShapeType::Map => self.map(id, shape),
            ShapeType::Enum => self.enum_shape(id, shape),
            ShapeType::IntEnum => self.int_enum(id, shape),
            ShapeType::String if shape.traits.has(ENUM) => self.legacy_enum(id, shape),
            ShapeType::Operation => self.operation(id, shape),
            // An error's headers and payload are read from responses like an output's.
            ShapeType::Structure if shape.traits.has(ERROR) => self.headers_and_payload(id, shape),
            ShapeType::Service | ShapeType::Resource => self.bindings(id, shape),
            _ => {}
        }
    }

    fn member(&mut self, id: &str, shape: &Shape, name: &str, member: &Member) {
        let Some(target) = self.model.shape(&member.target) else { return };
        match target.kind {
            ShapeType::Service | ShapeType::Operation | ShapeType::Resource | ShapeType::Apply => {
                self.report(
                    id,
                    Some(name),
                    format!("targets `{}`, which is {}, not a data shape", member.target, a_kind(target.kind)),
                    "target a simple, list, map, structure or union shape",
                );
                return;
            }
            _ => {}
        }
        if !matches!(shape.kind, ShapeType::Enum | ShapeType::IntEnum) {
            self.traits(id, Some(name), &member.traits, target.kind, target);
        }
    }

    /// The traits we read, on a shape or a member (`kind`/`target`: the shape the value is of).
    fn traits(&mut self, id: &str, member: Option<&str>, traits: &Traits, kind: ShapeType, target: &Shape) {
        if let Some(value) = traits.get(LENGTH) {
            self.bounds(id, member, "length", value, true);
        }
        if let Some(value) = traits.get(RANGE) {
            self.bounds(id, member, "range", value, false);
        }
        if let Some(value) = traits.get(PATTERN) {
            match value.as_str() {
                None => self.report(id, member, "`@pattern` is not a string", "give `smithy.api#pattern` a regular expression string"),
                Some(pattern) => {
                    // `regress` parses ECMA 262 syntax (lookaround and all), as typify checks
                    // patterns. What `regex-lite` compiles (the crate checks it at run time) is
                    // kept: AWS models carry Java's inline flags (`^(?s).+$`), which Smithy's
                    // own validator, on `java.util.regex`, accepts and ECMA 262 has not.
                    if let Err(problem) = regex_lite::Regex::new(pattern).map(drop).or_else(|_| regress::Regex::new(pattern).map(drop)) {
                        self.report(
                            id,
                            member,
                            format!("`@pattern` `{pattern}` is not a valid ECMA 262 regular expression: {problem}"),
                            "fix the regular expression",
                        );
                    }
                }
            }
        }
        if let Some(value) = traits.get(DEFAULT) {
            if let Some(problem) = self.default_problem(value, kind, target, member.is_some()) {
                self.report(id, member, format!("`@default` {}: {problem}", short(value)), "give a default of the target's type, or remove it");
            }
        }
        if let Some(value) = traits.get(HTTP_ERROR) {
            self.http_error(id, member, value, traits);
        }
        // `jsonName` is any string (an empty one is ours to warn about: the member's JSON key
        // would be ""); `xmlName` must match a pattern that needs at least one character.
        for (trait_id, name, empty) in [(JSON_NAME, "jsonName", Severity::Warning), (XML_NAME, "xmlName", Severity::Error)] {
            if let Some(value) = traits.get(trait_id) {
                let fix = format!("give `smithy.api#{name}` the name to use on the wire");
                match value.as_str() {
                    None => self.report(id, member, format!("`@{name}` {} is not a string", short(value)), fix),
                    Some("") => self.event(empty, id, member, format!("`@{name}` is the empty string"), fix),
                    Some(_) => {}
                }
            }
        }
        if let Some(value) = traits.get(TIMESTAMP_FORMAT) {
            if !matches!(value.as_str(), Some("date-time" | "epoch-seconds" | "http-date")) {
                self.report(
                    id,
                    member,
                    format!("`@timestampFormat` {} is not one of \"date-time\", \"epoch-seconds\", \"http-date\"", short(value)),
                    "use one of the three formats Smithy defines",
                );
            }
        }
        if let Some(value) = traits.get(HTTP) {
            self.http_trait(id, value);
        }
    }

    fn bounds(&mut self, id: &str, member: Option<&str>, name: &str, value: &Value, non_negative: bool) {
        let fix = format!("give `@{name}` numeric `min` and/or `max` with min <= max");
        let Some(object) = value.as_object() else {
            self.report(id, member, format!("`@{name}` {} is not an object", short(value)), fix);
            return;
        };
        let mut numbers = [None, None];
        for (slot, key) in numbers.iter_mut().zip(["min", "max"]) {
            match object.get(key) {
                None | Some(Value::Null) => {}
                Some(Value::Number(n)) => {
                    let n = n.as_f64().unwrap_or(0.0);
                    if non_negative && (n < 0.0 || n.fract() != 0.0) {
                        self.report(id, member, format!("`@{name}` `{key}` {} is not a non-negative integer", short(&object[key])), fix.clone());
                    }
                    *slot = Some(n);
                }
                Some(other) => {
                    self.report(id, member, format!("`@{name}` `{key}` {} is not a number", short(other)), fix.clone());
                }
            }
        }
        if let [Some(min), Some(max)] = numbers {
            if min > max {
                self.report(id, member, format!("`@{name}` min {} is greater than max {}", object["min"], object["max"]), fix);
            }
        }
    }

    /// Why `value` cannot be the `@default` of a `kind` value, if it cannot.
    fn default_problem(&self, value: &Value, kind: ShapeType, target: &Shape, on_member: bool) -> Option<String> {
        let integer = |min: i64, max: i64| match value.as_i64() {
            Some(n) if (min..=max).contains(&n) => None,
            _ => Some(format!("expected an integer from {min} to {max}")),
        };
        match (kind, value) {
            (_, Value::Null) if on_member => None,
            (ShapeType::Document, _) => None,
            (ShapeType::String, Value::String(_)) | (ShapeType::Blob, Value::String(_)) => None,
            (ShapeType::Boolean, Value::Bool(_)) => None,
            (ShapeType::Byte, _) => integer(i8::MIN.into(), i8::MAX.into()),
            (ShapeType::Short, _) => integer(i16::MIN.into(), i16::MAX.into()),
            (ShapeType::Integer, _) => integer(i32::MIN.into(), i32::MAX.into()),
            (ShapeType::Long, _) => integer(i64::MIN, i64::MAX),
            (ShapeType::BigInteger, Value::Number(n)) if n.is_i64() || n.is_u64() => None,
            (ShapeType::BigInteger, Value::String(_)) => None,
            (ShapeType::Float | ShapeType::Double | ShapeType::BigDecimal, Value::Number(_)) => None,
            (ShapeType::Float | ShapeType::Double, Value::String(s)) if matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity") => None,
            (ShapeType::BigDecimal, Value::String(_)) => None,
            (ShapeType::Timestamp, Value::Number(_) | Value::String(_)) => None,
            (ShapeType::List | ShapeType::Set, Value::Array(a)) if a.is_empty() => None,
            (ShapeType::Map, Value::Object(o)) if o.is_empty() => None,
            (ShapeType::Enum, Value::String(s)) => {
                let values: Vec<&str> =
                    target.members.iter().map(|(n, m)| m.traits.string(ENUM_VALUE).unwrap_or(n)).collect();
                (!values.contains(&s.as_str())).then(|| "not one of the enum's values".to_string())
            }
            (ShapeType::IntEnum, Value::Number(n)) => {
                let found = target.members.iter().any(|(_, m)| m.traits.get(ENUM_VALUE).and_then(Value::as_i64) == n.as_i64());
                (!found).then(|| "not one of the intEnum's values".to_string())
            }
            (ShapeType::List | ShapeType::Set, _) => Some("a list's default can only be `[]`".to_string()),
            (ShapeType::Map, _) => Some("a map's default can only be `{}`".to_string()),
            (ShapeType::Structure | ShapeType::Union, _) => Some("structures and unions cannot have a default".to_string()),
            (kind, _) => Some(format!("expected {} value", a_kind(kind))),
        }
    }

    fn http_trait(&mut self, id: &str, value: &Value) {
        let fix_method = "use an HTTP method token such as \"GET\" or \"POST\"";
        // `method` is a required non-empty string; that it SHOULD be an RFC 9110 method is all
        // the spec asks of its value (Smithy itself does not check it). One that is not even a
        // token cannot be sent: every call of the operation fails to build its request.
        match value.get("method").and_then(Value::as_str) {
            Some(m) if !m.is_empty() && m.bytes().all(is_tchar) => {}
            Some(m) if !m.is_empty() => self.event(
                Severity::Warning,
                id,
                None,
                format!("`@http` method \"{m}\" is not an HTTP method token, so no request of this operation can be sent"),
                fix_method,
            ),
            _ => self.report(id, None, format!("`@http` method {} is not a non-empty string", short(value.get("method").unwrap_or(&Value::Null))), fix_method),
        }
        match value.get("uri").and_then(Value::as_str) {
            Some(uri) => match UriPattern::parse(uri) {
                Err(problem) => self.report(id, None, format!("`@http` uri `{uri}` {problem}"), "write the URI as `/path/{label}/...`, each label a whole path segment"),
                // Smithy's HttpUriGreedyLabel: servers with specificity routing may allow these.
                Ok(pattern) => {
                    if let Some(problem) = pattern.greedy_problem() {
                        self.event(Severity::Danger, id, None, format!("`@http` uri `{uri}` {problem}"), "use at most one greedy label `{name+}`, the last label of the URI");
                    }
                }
            }
            None => self.report(id, None, "`@http` has no string `uri`", "give `@http` a `uri` starting with `/`"),
        }
        if let Some(code) = value.get("code") {
            let fix = "use the status code of a successful response, such as 200";
            match code.as_u64().filter(|c| (100..=999).contains(c)) {
                None => self.report(id, None, format!("`@http` code {} is not an integer from 100 to 999", short(code)), fix),
                // Smithy's HttpResponseCodeSemantics: the code SHOULD be 2xx.
                Some(c) if !(200..=299).contains(&c) => {
                    self.event(Severity::Danger, id, None, format!("`@http` code {c} is not in the 2xx range of a successful response"), fix)
                }
                Some(_) => {}
            }
        }
    }

    /// `@httpError` is an integer (the trait's type). Smithy accepts any integer, but one outside
    /// 100-599 is no HTTP status code a response can carry, so it is our ERROR; one outside 4xx
    /// for a "client" error or 5xx for a "server" error is Smithy's DANGER (the spec's SHOULD).
    fn http_error(&mut self, id: &str, member: Option<&str>, value: &Value, traits: &Traits) {
        let fix = "use the HTTP status code of the error, 4xx for a client error or 5xx for a server one";
        let Some(code) = value.as_i64().filter(|c| (100..=599).contains(c)) else {
            let what = if value.is_i64() || value.is_u64() { "an HTTP status code from 100 to 599" } else { "an integer" };
            self.report(id, member, format!("`@httpError` {} is not {what}", short(value)), fix);
            return;
        };
        let kind = traits.string(ERROR).unwrap_or_default();
        let expected = match kind {
            "client" => Some(("4xx", 400..=499)),
            "server" => Some(("5xx", 500..=599)),
            _ => None,
        };
        if let Some((range, _)) = expected.filter(|(_, codes)| !codes.contains(&code)) {
            self.event(Severity::Danger, id, member, format!("`@httpError` {code} of a \"{kind}\" error is not a {range} status code"), fix);
        }
    }

    fn map(&mut self, id: &str, shape: &Shape) {
        let Some(key) = &shape.key else { return };
        match self.model.shape(&key.target) {
            Some(target) if target.kind == ShapeType::String || target.kind == ShapeType::Enum => {}
            Some(target) => {
                let kind = a_kind(target.kind);
                self.report(id, Some("key"), format!("the key targets `{}`, {kind}; map keys must be strings", key.target), "target a string or enum shape");
            }
            None => {}
        }
    }

    fn enum_shape(&mut self, id: &str, shape: &Shape) {
        if shape.members.is_empty() {
            self.report(id, None, "the enum has no members", "add at least one member");
        }
        let mut values: HashMap<&str, &str> = HashMap::new();
        for (name, member) in &shape.members {
            let value = match member.traits.get(ENUM_VALUE) {
                None => name.as_str(),
                Some(Value::String(s)) if !s.is_empty() => s.as_str(),
                Some(other) => {
                    self.report(id, Some(name), format!("`@enumValue` {} is not a non-empty string", short(other)), "give the member a string `smithy.api#enumValue`");
                    continue;
                }
            };
            if let Some(first) = values.insert(value, name) {
                self.report(id, Some(name), format!("the value \"{value}\" is also the value of member `{first}`"), "give every member a distinct value");
            }
        }
    }

    fn int_enum(&mut self, id: &str, shape: &Shape) {
        if shape.members.is_empty() {
            self.report(id, None, "the intEnum has no members", "add at least one member");
        }
        let mut values: HashMap<i64, &str> = HashMap::new();
        for (name, member) in &shape.members {
            let value = member.traits.get(ENUM_VALUE);
            let Some(n) = value.and_then(Value::as_i64).filter(|n| i32::try_from(*n).is_ok()) else {
                let shown = value.map_or_else(|| "is missing".to_string(), |v| format!("{} is not a 32-bit integer", short(v)));
                self.report(id, Some(name), format!("`@enumValue` {shown}"), "give every intEnum member an integer `smithy.api#enumValue`");
                continue;
            };
            if let Some(first) = values.insert(n, name) {
                self.report(id, Some(name), format!("the value {n} is also the value of member `{first}`"), "give every member a distinct value");
            }
        }
    }

    fn legacy_enum(&mut self, id: &str, shape: &Shape) {
        let Some(definitions) = shape.traits.get(ENUM).and_then(Value::as_array) else {
            self.report(id, None, "`@enum` is not a list of definitions", "give `smithy.api#enum` a list of `{\"value\": ...}` objects");
            return;
        };
        if definitions.is_empty() {
            self.report(id, None, "the `@enum` trait has no values", "add at least one value");
        }
        let mut values = HashSet::new();
        let mut names = HashSet::new();
        for definition in definitions {
            let Some(value) = definition.get("value").and_then(Value::as_str) else {
                self.report(id, None, format!("the `@enum` entry {} has no string `value`", short(definition)), "give every entry a string `value`");
                continue;
            };
            if !values.insert(value) {
                self.report(id, None, format!("the `@enum` value \"{value}\" appears twice"), "give every entry a distinct value");
            }
            if let Some(name) = definition.get("name").and_then(Value::as_str) {
                if !names.insert(name) {
                    self.report(id, None, format!("the `@enum` name \"{name}\" appears twice"), "give every entry a distinct name");
                }
            }
        }
    }

    fn operation(&mut self, id: &str, op: &Shape) {
        for (target, role) in [(&op.input, "input"), (&op.output, "output")] {
            let Some(t) = target else { continue };
            match self.kind(&t.target) {
                Some(ShapeType::Structure) | None => {}
                Some(kind) => self.report(
                    id,
                    None,
                    format!("the {role} targets `{}`, {}, not a structure", t.target, a_kind(kind)),
                    format!("make the {role} a structure (or `smithy.api#Unit`)"),
                ),
            }
        }
        for error in &op.errors {
            self.error_target(id, &error.target);
        }
        if op.traits.has(HTTP) {
            self.http_bindings(id, op);
        }
    }

    fn error_target(&mut self, id: &str, target: &str) {
        match self.model.shape(target) {
            Some(s) if s.kind == ShapeType::Structure && s.traits.has(ERROR) => {}
            Some(s) if s.kind == ShapeType::Structure => {
                self.report(id, None, format!("the error `{target}` is not marked `@error`"), format!("add `smithy.api#error` (\"client\" or \"server\") to `{target}`"))
            }
            Some(s) => self.report(
                id,
                None,
                format!("the error `{target}` is {}, not a structure", a_kind(s.kind)),
                "list only `@error` structures as errors",
            ),
            None => {}
        }
    }

    /// A service's or resource's operations, resources and errors are shapes of the right kind.
    fn bindings(&mut self, id: &str, shape: &Shape) {
        for op in shape.bound_operations() {
            if let Some(kind) = self.kind(&op.target).filter(|k| *k != ShapeType::Operation) {
                self.report(id, None, format!("binds `{}` as an operation, but it is {}", op.target, a_kind(kind)), "bind only operation shapes as operations");
            }
        }
        for r in &shape.resources {
            if let Some(kind) = self.kind(&r.target).filter(|k| *k != ShapeType::Resource) {
                self.report(id, None, format!("binds `{}` as a resource, but it is {}", r.target, a_kind(kind)), "bind only resource shapes as resources");
            }
        }
        for error in &shape.errors {
            self.error_target(id, &error.target);
        }
    }

    fn http_bindings(&mut self, id: &str, op: &Shape) {
        let uri = op.traits.get(HTTP).and_then(|h| h.get("uri")).and_then(Value::as_str).unwrap_or("/");
        // A malformed URI is reported by `http_trait`; its labels are not checked against members.
        let Ok(pattern) = UriPattern::parse(uri) else {
            return self.output_bindings(op);
        };
        let labels: Vec<&str> = pattern.labels().map(|(name, _)| name).collect();
        let input = op.input.as_ref().and_then(|t| self.model.shape(&t.target).map(|s| (t.target.as_str(), s)));
        let mut bound_labels = BTreeSet::new();
        if let Some((input_id, input)) = input.filter(|(_, s)| s.kind == ShapeType::Structure) {
            let mut queries: HashMap<&str, &str> = HashMap::new();
            for (name, member) in &input.members {
                if member.traits.has(HTTP_LABEL) {
                    if !labels.iter().any(|l| l == name) {
                        self.report(input_id, Some(name), format!("is bound with `@httpLabel` but `{uri}` of `{id}` has no label `{{{name}}}`"), format!("add `{{{name}}}` to the URI or remove `@httpLabel`"));
                    } else if !member.traits.has(REQUIRED) {
                        self.report(input_id, Some(name), "an `@httpLabel` member must be `@required`", "add `smithy.api#required`");
                    }
                    bound_labels.insert(name.as_str());
                }
                if let Some(key) = member.traits.get(HTTP_QUERY).and_then(Value::as_str) {
                    if let Some(first) = queries.insert(key, name) {
                        self.report(input_id, Some(name), format!("is bound to query key `{key}`, like member `{first}`"), "bind every member to a distinct query key");
                    }
                }
            }
            self.headers_and_payload(input_id, input);
        }
        for label in &labels {
            if !bound_labels.contains(label) {
                let at = input.map_or(id, |(input_id, _)| input_id);
                self.report(at, None, format!("the URI `{uri}` of `{id}` has label `{{{label}}}`, but no input member is bound to it"), format!("add a required member `{label}` with `@httpLabel` to the input"));
            }
        }
        self.output_bindings(op);
    }

    fn output_bindings(&mut self, op: &Shape) {
        if let Some(output) = &op.output {
            if let Some(shape) = self.model.shape(&output.target).filter(|s| s.kind == ShapeType::Structure) {
                self.headers_and_payload(&output.target, shape);
            }
        }
    }

    fn headers_and_payload(&mut self, id: &str, shape: &Shape) {
        let mut headers: HashMap<String, &str> = HashMap::new();
        for (name, member) in &shape.members {
            if let Some(header) = member.traits.get(HTTP_HEADER).and_then(Value::as_str) {
                if let Some(first) = headers.insert(header.to_ascii_lowercase(), name) {
                    self.report(id, Some(name), format!("is bound to header `{header}`, like member `{first}` (header names are case-insensitive)"), "bind every member to a distinct header");
                }
            }
        }
        let Some((payload, _)) = shape.members.iter().find(|(_, m)| m.traits.has(HTTP_PAYLOAD)) else { return };
        let body: Vec<&str> = shape
            .members
            .iter()
            .filter(|(_, m)| !m.traits.has(HTTP_PAYLOAD) && !SIMPLE_BINDINGS.iter().any(|t| m.traits.has(t)))
            .map(|(n, _)| n.as_str())
            .collect();
        if !body.is_empty() {
            self.report(
                id,
                Some(payload),
                format!("is the `@httpPayload`, but other members are in the body too: {}", body.iter().map(|b| format!("`{b}`")).collect::<Vec<_>>().join(", ")),
                "bind the other members to headers, labels or query keys, or remove `@httpPayload`",
            );
        }
    }

    /// Shape IDs are case-insensitively unique.
    fn shape_id_conflicts(&mut self) {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for id in self.model.shapes.keys() {
            if let Some(first) = seen.insert(id.to_lowercase(), id) {
                self.report(id, None, format!("the shape ID conflicts with `{first}` (shape IDs are case-insensitively unique)"), "rename one of the two shapes");
            }
        }
    }

    /// Structures that require each other through required, non-defaulted structure members have
    /// no finite value.
    fn recursion(&mut self) {
        let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (id, shape) in &self.model.shapes {
            if shape.kind != ShapeType::Structure {
                continue;
            }
            let edges = shape
                .members
                .iter()
                .filter(|(_, m)| m.traits.has(REQUIRED) && m.traits.get(DEFAULT).is_none_or(Value::is_null))
                .filter(|(_, m)| self.kind(&m.target) == Some(ShapeType::Structure) && m.target != "smithy.api#Unit")
                .map(|(_, m)| m.target.as_str())
                .collect();
            graph.insert(id.as_str(), edges);
        }
        for component in strongly_connected(&graph) {
            let start = component[0];
            let members: BTreeSet<&str> = component.iter().copied().collect();
            let self_loop = graph[start].contains(&start);
            if component.len() == 1 && !self_loop {
                continue;
            }
            let cycle = shortest_cycle(&graph, start, &members);
            let shown = cycle.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" -> ");
            self.report(
                start,
                None,
                format!("structures require each other in a cycle, so no value can be built: {shown}"),
                "make one member on the cycle optional (remove `@required`), or break it with a list, map or union",
            );
        }
    }

    /// Two shapes of the service's closure with the same name (in different namespaces): the
    /// generated crate would silently number one of them. An ERROR for every kind of shape we
    /// name: Smithy only notes or warns when two simple shapes (enums among them) or lists are
    /// alike, but each enum is a Rust type of its own here. Names that only collide after Rust
    /// casing (`Foo_Bar`, `fooBar`) are refused by `service_rust_names`.
    fn service_names(&mut self, service_id: &str, service: &'m Shape) {
        let mut names: BTreeMap<String, &str> = BTreeMap::new();
        for id in service.rename.keys() {
            if !self.model.shapes.contains_key(id) {
                self.report(service_id, None, format!("`rename` names `{id}`, which is not defined"), "remove the entry");
            }
        }
        for id in self.closure_named(service) {
            let local = service.rename.get(id).map_or_else(|| shape_name(id), String::as_str);
            if let Some(first) = names.insert(local.to_lowercase(), id) {
                self.report(
                    id,
                    None,
                    format!("`{first}` and `{id}` have the same name `{local}` in service `{service_id}` (names in a service are case-insensitively unique)"),
                    "rename one of them in the service's `rename` map",
                );
            }
        }
    }

    fn closure_operations(&self, service: &'m Shape) -> BTreeSet<&'m str> {
        let mut ops = BTreeSet::new();
        let mut containers = vec![service];
        let mut seen = BTreeSet::new();
        while let Some(c) = containers.pop() {
            ops.extend(c.bound_operations().map(|t| t.target.as_str()));
            for r in &c.resources {
                if seen.insert(r.target.as_str()) {
                    containers.extend(self.model.shape(&r.target).filter(|s| s.kind == ShapeType::Resource));
                }
            }
        }
        ops
    }

    /// The structures, unions and enums the service's operations reach, sorted by shape ID.
    fn closure_named(&self, service: &'m Shape) -> BTreeSet<&'m str> {
        let mut queue: Vec<&str> = service.errors.iter().map(|t| t.target.as_str()).collect();
        for op in self.closure_operations(service) {
            if let Some(shape) = self.model.shape(op).filter(|s| s.kind == ShapeType::Operation) {
                queue.extend(shape.input.iter().chain(&shape.output).chain(&shape.errors).map(|t| t.target.as_str()));
            }
        }
        let mut seen = BTreeSet::new();
        let mut named = BTreeSet::new();
        while let Some(id) = queue.pop() {
            if !seen.insert(id) {
                continue;
            }
            let Some((key, shape)) = self.model.shapes.get_key_value(id) else { continue };
            let is_named = match shape.kind {
                ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => !shape.traits.has(UNIT_TYPE),
                ShapeType::String => shape.traits.has(ENUM),
                ShapeType::List | ShapeType::Set | ShapeType::Map => false,
                _ => continue,
            };
            if is_named {
                named.insert(key.as_str());
            }
            queue.extend(shape.all_members().map(|(_, m)| m.target.as_str()));
        }
        named
    }
}

/// "a structure", "an intEnum": the shape type with its article, as Smithy spells it.
fn a_kind(kind: ShapeType) -> String {
    let name = format!("{kind:?}");
    let mut chars = name.chars();
    let name = chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {name}")
}

/// A JSON value for a message, cut short.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}...", text.chars().take(57).collect::<String>())
    } else {
        text
    }
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Strongly connected components (Tarjan, iterative), each sorted, in order of their first node.
fn strongly_connected<'a>(graph: &BTreeMap<&'a str, Vec<&'a str>>) -> Vec<Vec<&'a str>> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut low: HashMap<&str, usize> = HashMap::new();
    let mut on_stack: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut components = Vec::new();
    let mut next = 0;
    for &root in graph.keys() {
        if index.contains_key(root) {
            continue;
        }
        let mut work: Vec<(&str, usize)> = vec![(root, 0)];
        index.insert(root, next);
        low.insert(root, next);
        next += 1;
        stack.push(root);
        on_stack.insert(root);
        while let Some((node, edge)) = work.pop() {
            let edges = graph.get(node).map_or(&[][..], Vec::as_slice);
            if let Some(&to) = edges.get(edge) {
                work.push((node, edge + 1));
                if !graph.contains_key(to) {
                    continue;
                }
                if !index.contains_key(to) {
                    index.insert(to, next);
                    low.insert(to, next);
                    next += 1;
                    stack.push(to);
                    on_stack.insert(to);
                    work.push((to, 0));
                } else if on_stack.contains(to) {
                    let l = low[node].min(index[to]);
                    low.insert(node, l);
                }
                continue;
            }
            if let Some(&(parent, _)) = work.last() {
                let l = low[parent].min(low[node]);
                low.insert(parent, l);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(top) = stack.pop() {
                    on_stack.remove(top);
                    component.push(top);
                    if top == node {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
        }
    }
    components.sort();
    components
}

/// The shortest path from `start` back to itself inside `within`, as shape IDs (start repeated last).
fn shortest_cycle<'a>(graph: &BTreeMap<&'a str, Vec<&'a str>>, start: &'a str, within: &BTreeSet<&'a str>) -> Vec<&'a str> {
    let mut parent: HashMap<&str, &str> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &to in graph.get(node).into_iter().flatten() {
            if !within.contains(to) {
                continue;
            }
            if to == start {
                let mut path = vec![node];
                let mut at = node;
                while at != start {
                    at = parent[at];
                    path.push(at);
                }
                path.reverse();
                path.push(start);
                return path;
            }
            if !parent.contains_key(to) {
                parent.insert(to, node);
                queue.push_back(to);
            }
        }
    }
    vec![start, start]
}

#[cfg(test)]
mod tests {
    #[test]
    fn ecma_syntax() {
        for ok in ["^[a-z]+$", "(?:a|b)*", "\\d{1,3}", "(?=x)y", "(?<!x)y", "[\\]]", "a{", "x{2}"] {
            assert!(regress::Regex::new(ok).is_ok(), "{ok}");
        }
        for bad in ["(a", "a)", "*a", "[a-z", "a\\", "a{3,1}", "(|+)"] {
            assert!(regress::Regex::new(bad).is_err(), "{bad}");
        }
    }
}

