//! Endpoint rules: the service's `smithy.rules#endpointRuleSet` in typed form, and per operation
//! the values it puts into the rule set's parameters (`staticContextParams`, `contextParam`
//! members, `operationContextParams`).
//!
//! The rule set stays JSON in the model; here it becomes a tree of [`Rule`]s whose conditions and
//! values are [`Expr`]s, with every string template split into text and references and every
//! `getAttr` path split into steps, so the emitter only reads. Expression *types* (which function
//! returns what, where a value may be unset) are decided by the emitter as it writes each
//! expression, from the function signatures of the rules engine.

use serde_json::Value;

use super::naming::{self, Scope};
use crate::smithy::{Model, Shape};

pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";
pub const STATIC_CONTEXT_PARAMS: &str = "smithy.rules#staticContextParams";
pub const CONTEXT_PARAM: &str = "smithy.rules#contextParam";
pub const OPERATION_CONTEXT_PARAMS: &str = "smithy.rules#operationContextParams";

/// A service's rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointRules {
    pub params: Vec<EndpointParam>,
    pub rules: Vec<Rule>,
}

impl EndpointRules {
    /// The parameter named `name` in the rule set.
    pub fn param(&self, name: &str) -> Option<&EndpointParam> {
        self.params.iter().find(|p| p.name == name)
    }

    /// Whether any expression of the rule set calls `function`.
    pub fn calls(&self, function: Function) -> bool {
        fn in_expr(e: &Expr, function: Function) -> bool {
            match e {
                Expr::Call(f, args) => *f == function || args.iter().any(|a| in_expr(a, function)),
                Expr::GetAttr(inner, _) => in_expr(inner, function),
                _ => false,
            }
        }
        fn in_rules(rules: &[Rule], function: Function) -> bool {
            rules.iter().any(|r| {
                r.conditions.iter().any(|c| in_expr(&c.expr, function)) || matches!(&r.body, RuleBody::Tree(inner) if in_rules(inner, function))
            })
        }
        in_rules(&self.rules, function)
    }

    /// Whether any endpoint of the rule set has properties.
    pub fn has_properties(&self) -> bool {
        fn any(rules: &[Rule]) -> bool {
            rules.iter().any(|r| match &r.body {
                RuleBody::Endpoint(e) => !e.properties.is_empty(),
                RuleBody::Tree(inner) => any(inner),
                RuleBody::Error(_) => false,
            })
        }
        any(&self.rules)
    }
}

/// One parameter of the rule set, a field of the generated `endpoint::Params`.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointParam {
    /// The name in the rule set (`Region`, `UseFIPS`), as tests and context params use it.
    pub name: String,
    /// The Rust field name (`region`, `use_fips`).
    pub field: String,
    pub ty: ParamType,
    pub required: bool,
    pub default: Option<Value>,
    /// `AWS::Region`, `SDK::Endpoint`, ...: where an SDK takes the value from.
    pub built_in: Option<String>,
    pub docs: Option<String>,
}

impl EndpointParam {
    /// Whether the field is an `Option`: neither a default nor `required` makes it always set.
    pub fn optional(&self) -> bool {
        self.default.is_none() && !self.required
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    Boolean,
    StringArray,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub docs: Option<String>,
    /// Evaluated in order; the first that fails (false, or unset) skips the rule.
    pub conditions: Vec<Condition>,
    pub body: RuleBody,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RuleBody {
    Endpoint(EndpointSpec),
    /// The error message, a string expression.
    Error(Expr),
    /// Nested rules; when none of them applies, resolution fails.
    Tree(Vec<Rule>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndpointSpec {
    pub url: Expr,
    pub headers: Vec<(String, Vec<Expr>)>,
    pub properties: Vec<(String, Literal)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// A function call.
    pub expr: Expr,
    /// The name its (set, true) result is bound to for the rest of the rule.
    pub assign: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A string literal: text with `{Name}` and `{Name#path}` references (no reference: plain text).
    Template(Vec<TemplatePart>),
    Bool(bool),
    Int(i64),
    /// A parameter or a name bound by an earlier condition's `assign`.
    Ref(String),
    /// `getAttr(value, "path")`.
    GetAttr(Box<Expr>, Vec<PathStep>),
    /// Any other function, with as many arguments as it takes.
    Call(Function, Vec<Expr>),
}

/// The functions of the rules language this generator compiles (besides `getAttr`, which is
/// [`Expr::GetAttr`]). A rule set calling another is refused at generation, naming the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Function {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    AwsPartition,
    AwsParseArn,
    AwsIsVirtualHostableS3Bucket,
}

impl Function {
    pub const ALL: [Function; 11] = [
        Function::IsSet,
        Function::Not,
        Function::BooleanEquals,
        Function::StringEquals,
        Function::Substring,
        Function::UriEncode,
        Function::ParseUrl,
        Function::IsValidHostLabel,
        Function::AwsPartition,
        Function::AwsParseArn,
        Function::AwsIsVirtualHostableS3Bucket,
    ];

    /// The function's name in a rule set.
    pub fn name(self) -> &'static str {
        match self {
            Function::IsSet => "isSet",
            Function::Not => "not",
            Function::BooleanEquals => "booleanEquals",
            Function::StringEquals => "stringEquals",
            Function::Substring => "substring",
            Function::UriEncode => "uriEncode",
            Function::ParseUrl => "parseURL",
            Function::IsValidHostLabel => "isValidHostLabel",
            Function::AwsPartition => "aws.partition",
            Function::AwsParseArn => "aws.parseArn",
            Function::AwsIsVirtualHostableS3Bucket => "aws.isVirtualHostableS3Bucket",
        }
    }

    /// How many arguments it takes.
    pub fn arity(self) -> usize {
        match self {
            Function::IsSet | Function::Not | Function::UriEncode | Function::ParseUrl | Function::AwsPartition | Function::AwsParseArn => 1,
            Function::BooleanEquals | Function::StringEquals | Function::IsValidHostLabel | Function::AwsIsVirtualHostableS3Bucket => 2,
            Function::Substring => 4,
        }
    }

    pub fn parse(name: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.name() == name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Text(String),
    /// `{Name}` (an [`Expr::Ref`]) or `{Name#path}` (an [`Expr::GetAttr`] of one).
    Expr(Expr),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStep {
    Key(String),
    Index(usize),
}

/// A property value of an endpoint: JSON whose strings are templates.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Template(Vec<TemplatePart>),
    Bool(bool),
    Int(i64),
    Array(Vec<Literal>),
    Object(Vec<(String, Literal)>),
}

/// Where an operation takes the value of one rule-set parameter from.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationEndpointParam {
    /// The rule set's parameter name.
    pub param: String,
    /// Its field in `endpoint::Params`.
    pub field: String,
    pub source: ParamSource,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ParamSource {
    /// `staticContextParams`: a fixed value (a boolean, a string or a list of strings).
    Static(Value),
    /// `contextParam` on an input member, or an `operationContextParams` path, from the input.
    Input(Vec<ContextStep>),
}

/// One step of a path into the operation's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextStep {
    /// A member, by its name in the model.
    Member(String),
    /// `[*]`: every item of a list.
    Each,
    /// `keys(...)`: the keys of a map.
    Keys,
}

/// The rule set on the service shape, if it has one.
pub fn lower_rules(service: &Shape) -> Result<Option<EndpointRules>, String> {
    let Some(set) = service.traits.get(ENDPOINT_RULE_SET) else { return Ok(None) };
    let mut params = Vec::new();
    let mut scope = Scope::new("_");
    let Some(Value::Object(declared)) = set.get("parameters") else { return Err("the rule set has no `parameters` object".to_string()) };
    for (name, p) in declared {
        let ty = match p.get("type").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
            Some("string") => ParamType::String,
            Some("boolean") => ParamType::Boolean,
            Some("stringarray") => ParamType::StringArray,
            other => return Err(format!("parameter `{name}` has type {other:?}, which the rules engine does not define")),
        };
        params.push(EndpointParam {
            name: name.clone(),
            field: scope.claim(naming::field_name(name)),
            ty,
            required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
            default: p.get("default").filter(|v| !v.is_null()).cloned(),
            built_in: p.get("builtIn").and_then(Value::as_str).map(str::to_string),
            docs: p.get("documentation").and_then(Value::as_str).map(str::to_string),
        });
    }
    let rules = rules(set.get("rules")).map_err(|e| format!("endpoint rule set: {e}"))?;
    Ok(Some(EndpointRules { params, rules }))
}

fn rules(value: Option<&Value>) -> Result<Vec<Rule>, String> {
    rules_at(value, "rules")
}

/// The rules of a list at `path` (`rules[2].rules[0]`); an error names the rule it is in, with
/// its documentation when it has some.
fn rules_at(value: Option<&Value>, path: &str) -> Result<Vec<Rule>, String> {
    let Some(Value::Array(items)) = value else { return Err(format!("`{path}` must be a list")) };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("{path}[{i}]");
            rule(item, &at).map_err(|e| match item.get("documentation").and_then(Value::as_str) {
                // A nested rule's error already names the innermost rule.
                _ if e.starts_with("rule `") => e,
                Some(doc) => format!("rule `{at}` (\"{doc}\"): {e}"),
                None => format!("rule `{at}`: {e}"),
            })
        })
        .collect()
}

fn rule(value: &Value, path: &str) -> Result<Rule, String> {
    let conditions = match value.get("conditions") {
        Some(Value::Array(items)) => items.iter().map(condition).collect::<Result<_, _>>()?,
        None => Vec::new(),
        Some(_) => return Err("`conditions` must be a list".to_string()),
    };
    let body = match value.get("type").and_then(Value::as_str) {
        Some("endpoint") => {
            let e = value.get("endpoint").ok_or("an endpoint rule needs `endpoint`")?;
            let url = expr(e.get("url").ok_or("an endpoint needs `url`")?)?;
            let mut headers = Vec::new();
            if let Some(Value::Object(map)) = e.get("headers") {
                for (name, values) in map {
                    let Value::Array(values) = values else { return Err(format!("header `{name}` must be a list")) };
                    headers.push((name.clone(), values.iter().map(expr).collect::<Result<_, _>>()?));
                }
            }
            let mut properties = Vec::new();
            if let Some(Value::Object(map)) = e.get("properties") {
                for (name, v) in map {
                    properties.push((name.clone(), literal(v)?));
                }
            }
            RuleBody::Endpoint(EndpointSpec { url, headers, properties })
        }
        Some("error") => RuleBody::Error(expr(value.get("error").ok_or("an error rule needs `error`")?)?),
        Some("tree") => RuleBody::Tree(rules_at(value.get("rules"), &format!("{path}.rules"))?),
        other => return Err(format!("unknown rule type {other:?}")),
    };
    Ok(Rule { docs: value.get("documentation").and_then(Value::as_str).map(str::to_string), conditions, body })
}

fn condition(value: &Value) -> Result<Condition, String> {
    if value.get("fn").is_none() {
        return Err(format!("a condition must be a function call, got {value}"));
    }
    Ok(Condition { expr: expr(value)?, assign: value.get("assign").and_then(Value::as_str).map(str::to_string) })
}

fn expr(value: &Value) -> Result<Expr, String> {
    match value {
        Value::String(s) => Ok(Expr::Template(template(s)?)),
        Value::Bool(b) => Ok(Expr::Bool(*b)),
        Value::Number(n) => n.as_i64().map(Expr::Int).ok_or_else(|| format!("unsupported number {n}")),
        Value::Object(o) => {
            if let Some(name) = o.get("ref").and_then(Value::as_str) {
                return Ok(Expr::Ref(name.to_string()));
            }
            let Some(name) = o.get("fn").and_then(Value::as_str) else { return Err(format!("not an expression: {value}")) };
            let args = match o.get("argv") {
                Some(Value::Array(args)) => args.iter().map(expr).collect::<Result<Vec<_>, _>>()?,
                _ => return Err(format!("`{name}` needs an `argv` list")),
            };
            if name == "getAttr" {
                let [target, Expr::Template(path)] = <[Expr; 2]>::try_from(args).map_err(|_| "getAttr takes two arguments")? else {
                    return Err("getAttr's path must be a string".to_string());
                };
                let [TemplatePart::Text(path)] = path.as_slice() else { return Err("getAttr's path must be plain text".to_string()) };
                return Ok(Expr::GetAttr(Box::new(target), attr_path(path)?));
            }
            let function = Function::parse(name).ok_or_else(|| {
                let known: Vec<&str> = Function::ALL.iter().map(|f| f.name()).collect();
                format!("calls `{name}`, a function this generator does not compile (it knows getAttr, {})", known.join(", "))
            })?;
            if args.len() != function.arity() {
                return Err(format!("calls `{name}` with {} arguments; it takes {}", args.len(), function.arity()));
            }
            Ok(Expr::Call(function, args))
        }
        _ => Err(format!("not an expression: {value}")),
    }
}

fn literal(value: &Value) -> Result<Literal, String> {
    match value {
        Value::String(s) => Ok(Literal::Template(template(s)?)),
        Value::Bool(b) => Ok(Literal::Bool(*b)),
        Value::Number(n) => n.as_i64().map(Literal::Int).ok_or_else(|| format!("unsupported number {n}")),
        Value::Array(items) => Ok(Literal::Array(items.iter().map(literal).collect::<Result<_, _>>()?)),
        Value::Object(o) => Ok(Literal::Object(o.iter().map(|(k, v)| Ok((k.clone(), literal(v)?))).collect::<Result<_, String>>()?)),
        Value::Null => Err("a property cannot be null".to_string()),
    }
}

/// `https://{Region}.{PartitionResult#dnsSuffix}` → text and references; `{{` and `}}` are braces.
pub fn template(text: &str) -> Result<Vec<TemplatePart>, String> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => inner.push(c),
                        None => return Err(format!("unclosed `{{` in template `{text}`")),
                    }
                }
                if !literal.is_empty() {
                    parts.push(TemplatePart::Text(std::mem::take(&mut literal)));
                }
                let expr = match inner.split_once('#') {
                    Some((name, path)) => Expr::GetAttr(Box::new(Expr::Ref(name.to_string())), attr_path(path)?),
                    None => Expr::Ref(inner),
                };
                parts.push(TemplatePart::Expr(expr));
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() || parts.is_empty() {
        parts.push(TemplatePart::Text(literal));
    }
    Ok(parts)
}

/// `resourceId[1]` → `[Key(resourceId), Index(1)]`; `a.b` → two keys; `[0]` → one index.
fn attr_path(path: &str) -> Result<Vec<PathStep>, String> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            steps.push(PathStep::Key(key.to_string()));
        }
        while !rest.is_empty() {
            let (index, after) = rest.split_once(']').ok_or_else(|| format!("bad getAttr path `{path}`"))?;
            steps.push(PathStep::Index(index.parse().map_err(|_| format!("bad index in getAttr path `{path}`"))?));
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    Ok(steps)
}

/// The operation's values for rule-set parameters: its `staticContextParams`, its input members'
/// `contextParam`, and its `operationContextParams` in the forms `A`, `A.B`, `A[*].B` and
/// `keys(A)` (other JMESPath expressions are skipped: none of the AWS models we test needs them).
pub fn operation_params(model: &Model, op: &Shape, rules: &EndpointRules) -> Vec<OperationEndpointParam> {
    let mut out: Vec<OperationEndpointParam> = Vec::new();
    let mut push = |name: &str, source: ParamSource| {
        if let Some(p) = rules.param(name) {
            out.retain(|o| o.param != name);
            out.push(OperationEndpointParam { param: name.to_string(), field: p.field.clone(), source });
        }
    };
    if let Some(Value::Object(statics)) = op.traits.get(STATIC_CONTEXT_PARAMS) {
        for (name, v) in statics {
            if let Some(value) = v.get("value") {
                push(name, ParamSource::Static(value.clone()));
            }
        }
    }
    if let Some(input) = op.input.as_ref().and_then(|t| model.shape(&t.target)) {
        for (member, m) in &input.members {
            if let Some(name) = m.traits.get(CONTEXT_PARAM).and_then(|v| v.get("name")).and_then(Value::as_str) {
                push(name, ParamSource::Input(vec![ContextStep::Member(member.clone())]));
            }
        }
    }
    if let Some(Value::Object(paths)) = op.traits.get(OPERATION_CONTEXT_PARAMS) {
        for (name, v) in paths {
            if let Some(steps) = v.get("path").and_then(Value::as_str).and_then(context_path) {
                push(name, ParamSource::Input(steps));
            }
        }
    }
    out.sort_by(|a, b| a.param.cmp(&b.param));
    out
}

/// `A.B`, `A[*].B` or `keys(A)` → steps; `None` for any other JMESPath.
fn context_path(path: &str) -> Option<Vec<ContextStep>> {
    if let Some(inner) = path.strip_prefix("keys(").and_then(|p| p.strip_suffix(')')) {
        let mut steps = context_path(inner)?;
        steps.push(ContextStep::Keys);
        return Some(steps);
    }
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (name, each) = match part.strip_suffix("[*]") {
            Some(name) => (name, true),
            None => (part, false),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        steps.push(ContextStep::Member(name.to_string()));
        if each {
            steps.push(ContextStep::Each);
        }
    }
    Some(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rule_set(rules: Value) -> Shape {
        let service = json!({"type": "service", "traits": {ENDPOINT_RULE_SET: {"version": "1.0", "parameters": {"Region": {"type": "string"}}, "rules": rules}}});
        serde_json::from_value(service).unwrap()
    }

    #[test]
    fn an_unknown_function_is_refused_naming_its_rule() {
        let coalesce = json!([{"type": "tree", "conditions": [], "rules": [
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://a"}},
            {"documentation": "fallback", "type": "error", "conditions": [{"fn": "coalesce", "argv": [{"ref": "Region"}, "x"]}], "error": "no"}
        ]}]);
        let error = lower_rules(&rule_set(coalesce)).unwrap_err();
        assert!(error.starts_with("endpoint rule set: rule `rules[0].rules[1]` (\"fallback\"): calls `coalesce`, a function this generator does not compile"), "{error}");
        let arity = json!([{"type": "error", "conditions": [{"fn": "isSet", "argv": []}], "error": "no"}]);
        let error = lower_rules(&rule_set(arity)).unwrap_err();
        assert_eq!(error, "endpoint rule set: rule `rules[0]`: calls `isSet` with 0 arguments; it takes 1");
        let known = json!([{"type": "error", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}], "error": "no"}]);
        assert!(lower_rules(&rule_set(known)).unwrap().unwrap().calls(Function::AwsPartition));
    }

    #[test]
    fn templates_split_into_text_and_references() {
        let parts = template("https://{Region}.{PartitionResult#dnsSuffix}{{x}}").unwrap();
        assert_eq!(
            parts,
            vec![
                TemplatePart::Text("https://".into()),
                TemplatePart::Expr(Expr::Ref("Region".into())),
                TemplatePart::Text(".".into()),
                TemplatePart::Expr(Expr::GetAttr(Box::new(Expr::Ref("PartitionResult".into())), vec![PathStep::Key("dnsSuffix".into())])),
                TemplatePart::Text("{x}".into()),
            ]
        );
        assert_eq!(template("").unwrap(), vec![TemplatePart::Text(String::new())]);
    }

    #[test]
    fn attribute_paths() {
        assert_eq!(attr_path("resourceId[1]").unwrap(), vec![PathStep::Key("resourceId".into()), PathStep::Index(1)]);
        assert_eq!(attr_path("[0]").unwrap(), vec![PathStep::Index(0)]);
        assert_eq!(attr_path("a.b").unwrap(), vec![PathStep::Key("a".into()), PathStep::Key("b".into())]);
    }

    #[test]
    fn context_paths() {
        use ContextStep::*;
        assert_eq!(context_path("A.B"), Some(vec![Member("A".into()), Member("B".into())]));
        assert_eq!(context_path("T[*].Get.N"), Some(vec![Member("T".into()), Each, Member("Get".into()), Member("N".into())]));
        assert_eq!(context_path("keys(R)"), Some(vec![Member("R".into()), Keys]));
        assert_eq!(context_path("A[0]"), None);
    }
}
