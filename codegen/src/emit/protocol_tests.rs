//! `tests/protocol_tests.rs`: Smithy's protocol compliance tests (`smithy.test#httpRequestTests`
//! and `smithy.test#httpResponseTests`) for the crate's operations and errors, one `#[test]` per
//! client case of the service's protocol (`restJson1`, `awsJson1_0`, `awsJson1_1`, `restXml`,
//! `awsQuery`, `ec2Query`).
//!
//! A request case builds the operation's input from the case's `params` with the generated
//! builders, calls `serialize_request` and checks the method, path, query, headers, body and
//! (for operations with `@endpoint`) the host prefix. Bodies are compared by media type: JSON and
//! XML semantically (XML as a tree of elements: names as written, attributes and namespace
//! declarations in any order, whitespace between elements ignored), form-encoded bodies
//! (`awsQuery`, `ec2Query`) as a multiset of decoded `key=value` pairs, anything else byte for
//! byte. A response case builds an `http::Response`, calls `parse_response` and compares the
//! result with the output, or the error, built from `params`. For a protocol the generator has
//! no wire layer for, every case is emitted `#[ignore]`d. The test traits are not in the IR, so
//! this module reads them from the model; everything else (names, types, builders) comes from
//! the IR.

use std::collections::BTreeMap;

use heck::ToSnakeCase;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::docs::doc_lines;
use super::types::ident;
use crate::ir::naming::Scope;
use crate::ir::{BodyFormat, Crate, Field, Module, Operation, Protocol, Struct, Ty, TyKind, TypeName};
use crate::smithy::Model;

const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
const ENDPOINT: &str = "smithy.api#endpoint";

/// Cases the generated code cannot run, each with the reason: emitted with `#[ignore = reason]`.
/// Cases whose `params` cannot be built are ignored too, with the reason found while building.
const SKIPPED: &[(Kind, &str, &str)] = &[
    (Kind::Response, "RestJsonHttpPrefixHeadersArePresent", PREFIX_HEADER_CASE),
    (Kind::Response, "HttpPrefixHeadersResponse", PREFIX_HEADER_CASE),
    (Kind::Response, "HttpPrefixHeadersArePresent", PREFIX_HEADER_CASE),
    // S3: the bucket goes into the host (virtual-hosted addressing, dualstack, accelerate), which
    // the endpoint resolver decides; the operation's URI alone still starts with `/{Bucket}`.
    (Kind::Request, "S3DefaultAddressing", S3_ENDPOINT_CASE),
    (Kind::Request, "S3VirtualHostAddressing", S3_ENDPOINT_CASE),
    (Kind::Request, "S3VirtualHostDualstackAddressing", S3_ENDPOINT_CASE),
    (Kind::Request, "S3VirtualHostAccelerateAddressing", S3_ENDPOINT_CASE),
    (Kind::Request, "S3VirtualHostDualstackAccelerateAddressing", S3_ENDPOINT_CASE),
    (Kind::Request, "S3OperationAddressingPreferred", S3_ENDPOINT_CASE),
    (Kind::Request, "S3EscapeObjectKeyInUriLabel", S3_ENDPOINT_CASE),
    (Kind::Request, "S3EscapePathObjectKeyInUriLabel", S3_ENDPOINT_CASE),
];

const S3_ENDPOINT_CASE: &str = "the case expects S3's virtual-hosted addressing (the bucket in the host, dualstack or accelerate \
     endpoints), which S3's endpoint rule set decides, and the suite's S3 model carries no rule set; without one, \
     `serialize_request` builds the path-style URI (with the real model, `endpoint::resolve` decides it: see endpoint-tests)";

const PREFIX_HEADER_CASE: &str = "expects prefix-header map keys in the case sent (`Abc`), but `http::HeaderMap` lowercases \
     header names; Smithy changed these cases to lowercase names (smithy-lang/smithy#2437)";

/// Whether a case tests serializing a request or parsing a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Request,
    Response,
}

impl Kind {
    /// The module of the test file holding this kind's tests, and the word for it in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Response => "response",
        }
    }
}

/// One client test case as the emitted file has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseInfo {
    pub kind: Kind,
    /// The case's `id` in the model.
    pub id: String,
    /// The test's path inside the test file, as libtest names it: `request::rest_json_lists`.
    pub test: String,
    /// Why the test is `#[ignore]`d, if it is.
    pub skip: Option<String>,
}

/// Every client case of the crate's operations and errors, in the order the file has them.
pub fn cases(model: &Model, krate: &Crate) -> Vec<CaseInfo> {
    plan(model, krate).into_iter().map(|c| c.info).collect()
}

/// The test file: its path in the crate and its tokens.
pub fn render(model: &Model, krate: &Crate) -> (String, TokenStream) {
    let crate_ident = format_ident!("{}", krate.name.replace('-', "_"));
    let planned = plan(model, krate);
    let module = |kind: Kind| {
        let name = format_ident!("{}", kind.as_str());
        let tests = planned.iter().filter(|c| c.info.kind == kind).map(|c| &c.tokens);
        let doc = match kind {
            Kind::Request => " `smithy.test#httpRequestTests`: inputs serialized into requests.",
            Kind::Response => " `smithy.test#httpResponseTests`: responses parsed into outputs and errors.",
        };
        quote! {
            #[doc = #doc]
            mod #name {
                #(#tests)*
            }
        }
    };
    let (requests, responses) = (module(Kind::Request), module(Kind::Response));
    let protocol = &krate.service.protocol;
    // Without a wire layer every test is ignored and empty, and the crate may not even depend on `http`.
    let support = protocol.has_wire_layer().then(|| support(&crate_ident, protocol));
    let service = &krate.service.shape_id;
    let file_doc = format!(" Smithy protocol compliance tests of `{service}`: its `{}` client cases.", protocol.name());
    let tokens = quote! {
        #![doc = #file_doc]
        //!
        //! Each test is one case of a `smithy.test#httpRequestTests` or `smithy.test#httpResponseTests`
        //! trait, named after the case's ID and documented with its documentation. Cases this crate
        //! cannot run are `#[ignore]`d with the reason. Values are written as the cases give them,
        //! so a float close to a constant such as PI is not a mistake (`clippy::approx_constant`).
        #![allow(clippy::approx_constant)]

        #requests
        #responses
        #support
    };
    ("tests/protocol_tests.rs".to_string(), tokens)
}

/// A case ready to emit.
struct Planned {
    info: CaseInfo,
    tokens: TokenStream,
}

/// The operation or error structure a case belongs to.
enum Owner<'k> {
    Operation(&'k Operation),
    Error(&'k Struct),
}

fn plan(model: &Model, krate: &Crate) -> Vec<Planned> {
    let crate_ident = format_ident!("{}", krate.name.replace('-', "_"));
    let mut owners: Vec<(Owner, &str)> = krate.operations.iter().map(|op| (Owner::Operation(op), op.shape_id.as_str())).collect();
    owners.extend(krate.structs.iter().filter(|s| s.error.is_some()).map(|s| (Owner::Error(s), s.shape_id.as_str())));
    let mut names: BTreeMap<Kind, Scope> = BTreeMap::new();
    let mut out = Vec::new();
    // Cases are written per protocol (`aws.protocols#restXml`, `smithy.protocols#rpcv2Cbor`):
    // only the service's own protocol applies.
    let protocol = krate.service.protocol.name();
    // Without `serialize_request` and `parse_response` no case can run; they are listed all the same.
    let no_wire_layer = (!krate.service.protocol.has_wire_layer()).then(|| format!("no wire layer for {}", krate.service.protocol.name()));
    for (owner, shape_id) in &owners {
        let Some(shape) = model.shape(shape_id) else { continue };
        let kinds: &[(Kind, &str)] = match owner {
            Owner::Operation(_) => &[(Kind::Request, REQUEST_TESTS), (Kind::Response, RESPONSE_TESTS)],
            Owner::Error(_) => &[(Kind::Response, RESPONSE_TESTS)],
        };
        for &(kind, trait_id) in kinds {
            let Some(Value::Array(raw_cases)) = shape.traits.get(trait_id) else { continue };
            for (index, raw) in raw_cases.iter().enumerate() {
                let case_protocol = raw.get("protocol").and_then(Value::as_str).and_then(|p| p.split_once('#')).map(|(_, name)| name);
                if case_protocol != Some(protocol)
                    || raw.get("appliesTo").and_then(Value::as_str) == Some("server")
                {
                    continue;
                }
                let id = raw.get("id").and_then(Value::as_str).map_or_else(|| format!("{shape_id}#{index}"), str::to_string);
                let test_name = names.entry(kind).or_insert_with(|| Scope::new("_")).claim(test_ident(&id));
                let ctx = Ctx { krate, crate_ident: &crate_ident, model };
                let body = match (kind, owner) {
                    _ if no_wire_layer.is_some() => Ok(quote!()),
                    (Kind::Request, Owner::Operation(op)) => parse::<RequestCase>(raw).and_then(|case| ctx.request_test(op, &case)),
                    (Kind::Response, Owner::Operation(op)) => parse::<ResponseCase>(raw).and_then(|case| ctx.output_test(op, &case)),
                    (Kind::Response, Owner::Error(s)) => parse::<ResponseCase>(raw).and_then(|case| ctx.error_test(s, &case)),
                    (Kind::Request, Owner::Error(_)) => unreachable!("errors only have response tests"),
                };
                let listed = no_wire_layer
                    .clone()
                    .or_else(|| SKIPPED.iter().find(|(k, i, _)| *k == kind && *i == id).map(|(_, _, reason)| reason.to_string()));
                let (body, skip) = match (body, listed) {
                    (Ok(body), listed) => (body, listed),
                    (Err(reason), listed) => (quote!(), Some(listed.unwrap_or(reason))),
                };
                let documentation = raw.get("documentation").and_then(Value::as_str).unwrap_or_default();
                let docs = doc_lines(documentation.lines());
                let ignore = skip.as_ref().map(|reason| quote!(#[ignore = #reason]));
                let name = format_ident!("{}", test_name);
                let tokens = quote! {
                    #docs
                    #[test]
                    #ignore
                    fn #name() {
                        #body
                    }
                };
                let info = CaseInfo { kind, id, test: format!("{}::{test_name}", kind.as_str()), skip };
                out.push(Planned { info, tokens });
            }
        }
    }
    out.sort_by_key(|c| c.info.kind);
    out
}

/// `RestJsonListsEmpty` → `rest_json_lists_empty`, never a keyword.
fn test_ident(id: &str) -> String {
    // `NaN` would become `na_n`.
    let snake: String = id.replace("NaN", "Nan").to_snake_case().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) || snake.is_empty() { format!("case_{snake}") } else { snake };
    if syn::parse_str::<Ident>(&snake).is_ok() {
        snake
    } else {
        format!("{snake}_case")
    }
}

fn parse<T: for<'de> Deserialize<'de>>(raw: &Value) -> Result<T, String> {
    T::deserialize(raw).map_err(|e| format!("the test case does not parse: {e}"))
}

/// The fields of `smithy.test#HttpRequestTestCase` this generator reads.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RequestCase {
    method: String,
    uri: String,
    host: Option<String>,
    resolved_host: Option<String>,
    #[serde(default)]
    query_params: Vec<String>,
    #[serde(default)]
    forbid_query_params: Vec<String>,
    #[serde(default)]
    require_query_params: Vec<String>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    forbid_headers: Vec<String>,
    #[serde(default)]
    require_headers: Vec<String>,
    body: Option<String>,
    body_media_type: Option<String>,
    #[serde(default)]
    params: Map<String, Value>,
}

/// The fields of `smithy.test#HttpResponseTestCase` this generator reads.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResponseCase {
    code: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    body: Option<String>,
    #[serde(default)]
    params: Map<String, Value>,
}

struct Ctx<'a> {
    krate: &'a Crate,
    crate_ident: &'a Ident,
    model: &'a Model,
}

impl Ctx<'_> {
    /// `<crate>::operation::<module>`.
    fn op_module(&self, op: &Operation) -> TokenStream {
        let (krate, module) = (self.crate_ident, ident(&op.module));
        quote!(#krate::operation::#module)
    }

    fn struct_of(&self, name: &TypeName) -> Result<&Struct, String> {
        self.krate.structure(name).ok_or_else(|| format!("`{}` is not in the crate", name.name))
    }

    fn request_test(&self, op: &Operation, case: &RequestCase) -> Result<TokenStream, String> {
        if op.http.is_none() && self.krate.service.protocol.honours_http_bindings() {
            return Err(format!("`{}` has no `@http` trait", op.name));
        }
        let module = self.op_module(op);
        let mut values = Values::new(self);
        let input = values.structure(self.struct_of(&op.input)?, &case.params)?;
        let mut checks = Vec::new();
        let (method, path) = (&case.method, case.uri.split_once('?').map_or(case.uri.as_str(), |(p, _)| p));
        checks.push(quote!(crate::support::method(&request, #method);));
        checks.push(quote!(crate::support::path(&request, #path);));
        if !(case.query_params.is_empty() && case.forbid_query_params.is_empty() && case.require_query_params.is_empty()) {
            let (expected, forbidden, required) = (&case.query_params, &case.forbid_query_params, &case.require_query_params);
            checks.push(quote!(crate::support::query(&request, &[#(#expected),*], &[#(#forbidden),*], &[#(#required),*]);));
        }
        if !(case.headers.is_empty() && case.forbid_headers.is_empty() && case.require_headers.is_empty()) {
            let expected = case.headers.iter().map(|(k, v)| quote!((#k, #v)));
            let (forbidden, required) = (&case.forbid_headers, &case.require_headers);
            checks.push(quote!(crate::support::headers(request.headers(), &[#(#expected),*], &[#(#forbidden),*], &[#(#required),*]);));
        }
        if let Some(body) = &case.body {
            checks.push(body_check(&self.krate.service.protocol, quote!(request.body()), body, case.body_media_type.as_deref())?);
        }
        let has_token = self
            .krate
            .structure(&op.input)
            .is_some_and(|s| s.fields.iter().any(Field::is_filled_token));
        // The suite expects this fixed token wherever the client fills one in.
        let serialize = if has_token {
            quote!(#module::serialize_request_with_token(&input, || "00000000-0000-4000-8000-000000000000".to_string()))
        } else {
            quote!(#module::serialize_request(&input))
        };
        // A case with a `host` sends the request to `https://{host}` (which may have a path), with
        // the `@endpoint` host prefix; `resolvedHost` is the host it must end up at.
        let endpoint = case.host.as_ref().map(|host| {
            let has_endpoint = self.model.shape(&op.shape_id).is_some_and(|s| s.traits.contains_key(ENDPOINT));
            let prefix = if has_endpoint {
                quote! {
                    match #module::host_prefix(&input) {
                        Ok(prefix) => prefix,
                        Err(error) => panic!("host_prefix failed: {error:?}"),
                    }
                }
            } else {
                quote!(String::new())
            };
            let resolved = case.resolved_host.as_ref().map(|resolved| quote!(crate::support::host(&request, #resolved);));
            quote! {
                let prefix = #prefix;
                crate::support::endpoint(&mut request, #host, &prefix);
                #resolved
            }
        });
        let binding = if endpoint.is_some() { quote!(mut request) } else { quote!(request) };
        Ok(quote! {
            let input = #input;
            let #binding = match #serialize {
                Ok(request) => request,
                Err(error) => panic!("serialize_request failed: {error:?}"),
            };
            #endpoint
            #(#checks)*
        })
    }

    fn output_test(&self, op: &Operation, case: &ResponseCase) -> Result<TokenStream, String> {
        let module = self.op_module(op);
        let mut values = Values::new(self);
        let expected = values.structure(self.struct_of(&op.output)?, &case.params)?;
        let response = response(case);
        let compare = compare(values.nan, quote!("output"), quote!(&output));
        Ok(quote! {
            let response = #response;
            let expected = #expected;
            match #module::parse_response(&response) {
                Ok(output) => #compare,
                Err(error) => panic!("parse_response failed: {error:?}"),
            }
        })
    }

    /// An error case runs against every operation that declares the error.
    fn error_test(&self, s: &Struct, case: &ResponseCase) -> Result<TokenStream, String> {
        let mut values = Values::new(self);
        let expected = values.structure(s, &case.params)?;
        let response = response(case);
        let mut checks = Vec::new();
        for op in &self.krate.operations {
            let Some(error) = op.errors.iter().find(|e| e.ty == s.name) else { continue };
            let module = self.op_module(op);
            let (enum_name, variant) = (format_ident!("{}", op.error_name), format_ident!("{}", error.variant));
            let what = format!("{}::{}", op.error_name, error.variant);
            let compare = compare(values.nan, quote!(#what), quote!(&error));
            let expected_variant = format!("expected Err({what}(_)) from {}, got {{other:?}}", op.name);
            checks.push(quote! {
                match #module::parse_response(&response) {
                    Err(#module::#enum_name::#variant(error)) => #compare,
                    other => panic!(#expected_variant),
                }
            });
        }
        if checks.is_empty() {
            return Err(format!("no operation of the crate declares `{}`", s.name.name));
        }
        Ok(quote! {
            let response = #response;
            let expected = #expected;
            #(#checks)*
        })
    }
}

/// `support::equal(...)`, or `support::equal_debug(...)` when the expected value holds a NaN,
/// which is never equal to itself.
fn compare(nan: bool, what: TokenStream, actual: TokenStream) -> TokenStream {
    if nan {
        quote!(crate::support::equal_debug(#what, #actual, &expected))
    } else {
        quote!(crate::support::equal(#what, #actual, &expected))
    }
}

fn response(case: &ResponseCase) -> TokenStream {
    let code = Literal::u16_unsuffixed(case.code);
    let headers = case.headers.iter().map(|(k, v)| quote!((#k, #v)));
    let body = case.body.as_deref().unwrap_or_default();
    quote!(crate::support::response(#code, &[#(#headers),*], #body))
}

/// The check of a request body, by the case's media type (a form body of a query protocol may
/// come without one). JSON and XML are compared with the crate's own readers, which only crates
/// of a JSON or an XML protocol have.
fn body_check(protocol: &Protocol, actual: TokenStream, expected: &str, media_type: Option<&str>) -> Result<TokenStream, String> {
    let json = media_type.is_some_and(|m| m == "application/json" || m.ends_with("+json"));
    let xml = media_type.is_some_and(|m| m == "application/xml" || m == "text/xml" || m.ends_with("+xml"));
    let form = media_type == Some("application/x-www-form-urlencoded")
        || (media_type.is_none() && protocol.request_format() == Some(BodyFormat::Query));
    Ok(if expected.is_empty() {
        quote!(crate::support::empty_body(#actual);)
    } else if json {
        if !protocol.uses_json() {
            return Err(format!("a JSON body, but a `{}` crate has no JSON reader to compare it with", protocol.name()));
        }
        quote!(crate::support::json_body(#actual, #expected);)
    } else if xml {
        if !protocol.uses_xml() {
            return Err(format!("an XML body, but a `{}` crate has no XML reader to compare it with", protocol.name()));
        }
        quote!(crate::support::xml_body(#actual, #expected);)
    } else if form {
        quote!(crate::support::form_body(#actual, #expected);)
    } else {
        quote!(crate::support::bytes_body(#actual, #expected);)
    })
}

/// Rust expressions for the values of a case's `params`, by IR type.
struct Values<'a> {
    ctx: &'a Ctx<'a>,
    /// Whether a float NaN was written, so comparisons must go through `Debug`.
    nan: bool,
}

impl<'a> Values<'a> {
    fn new(ctx: &'a Ctx<'a>) -> Self {
        Values { ctx, nan: false }
    }

    fn path(&self, name: &TypeName) -> TokenStream {
        let (krate, ty) = (self.ctx.crate_ident, format_ident!("{}", name.name));
        match &name.module {
            Module::Types => quote!(#krate::types::#ty),
            Module::Errors => quote!(#krate::types::error::#ty),
            Module::Operation(module) => {
                let module = ident(module);
                quote!(#krate::operation::#module::#ty)
            }
        }
    }

    fn primitive(&self, name: &str) -> TokenStream {
        let (krate, name) = (self.ctx.crate_ident, format_ident!("{}", name));
        quote!(#krate::primitives::#name)
    }

    /// `T::builder().set_a(Some(..))...build()`, unwrapped when `build()` can fail.
    fn structure(&mut self, s: &Struct, params: &Map<String, Value>) -> Result<TokenStream, String> {
        let path = self.path(&s.name);
        let mut setters = Vec::new();
        for (member, value) in params {
            let field = s
                .fields
                .iter()
                .find(|f| &f.member_name == member)
                .ok_or_else(|| format!("`{}` has no member `{member}`", s.name.name))?;
            if value.is_null() {
                continue;
            }
            let setter = format_ident!("{}", crate::ir::naming::setter(&field.name));
            let mut value = self.value(&field.ty, value)?;
            if field.boxed {
                value = quote!(Box::new(#value));
            }
            setters.push(quote!(.#setter(Some(#value))));
        }
        let fallible = s.fields.iter().any(Field::can_be_missing);
        let unwrap = fallible.then(|| {
            let message = format!("the case sets every required member of `{}`", s.name.name);
            quote!(.expect(#message))
        });
        Ok(quote!(#path::builder() #(#setters)* .build() #unwrap))
    }

    fn value(&mut self, ty: &Ty, value: &Value) -> Result<TokenStream, String> {
        let unsupported = || format!("cannot build a `{}` from the parameter `{value}`", ty.shape_id);
        Ok(match (&ty.kind, value) {
            (TyKind::String, Value::String(s)) => quote!(String::from(#s)),
            (TyKind::Boolean, Value::Bool(b)) => quote!(#b),
            (TyKind::Byte, Value::Number(n)) => int_literal::<i8>(n).ok_or_else(unsupported)?,
            (TyKind::Short, Value::Number(n)) => int_literal::<i16>(n).ok_or_else(unsupported)?,
            (TyKind::Integer, Value::Number(n)) => int_literal::<i32>(n).ok_or_else(unsupported)?,
            (TyKind::Long, Value::Number(n)) => int_literal::<i64>(n).ok_or_else(unsupported)?,
            (TyKind::Float, v) => self.float(v, true).ok_or_else(unsupported)?,
            (TyKind::Double, v) => self.float(v, false).ok_or_else(unsupported)?,
            (TyKind::BigInteger | TyKind::BigDecimal, Value::Number(_) | Value::String(_)) => {
                let text = value.as_str().map_or_else(|| value.to_string(), str::to_string);
                let name = if matches!(ty.kind, TyKind::BigInteger) { "BigInteger" } else { "BigDecimal" };
                let path = self.primitive(name);
                quote!(#text.parse::<#path>().unwrap())
            }
            (TyKind::Timestamp, Value::Number(n)) => {
                let path = self.primitive("DateTime");
                match n.as_i64() {
                    Some(secs) => quote!(#path::from_secs(#secs)),
                    None => {
                        let secs = Literal::f64_unsuffixed(n.as_f64().ok_or_else(unsupported)?);
                        quote!(#path::from_secs_f64(#secs).unwrap())
                    }
                }
            }
            (TyKind::Blob { streaming }, Value::String(s)) => {
                let krate = self.ctx.crate_ident;
                let path = if *streaming { quote!(#krate::body::ByteStream) } else { self.primitive("Blob") };
                let bytes = Literal::byte_string(s.as_bytes());
                quote!(#path::new(#bytes.to_vec()))
            }
            (TyKind::Document, v) => self.document(v),
            (TyKind::Unit, Value::Object(_)) => self.primitive("Unit"),
            (TyKind::Enum(name), Value::String(s)) => {
                let path = self.path(name);
                quote!(#path::from(#s))
            }
            (TyKind::IntEnum(name), Value::Number(n)) => {
                let (path, value) = (self.path(name), int_literal::<i32>(n).ok_or_else(unsupported)?);
                quote!(#path::from(#value))
            }
            (TyKind::Struct(name), Value::Object(params)) => {
                let s = self.ctx.struct_of(name)?;
                self.structure(s, params)?
            }
            (TyKind::Union(name), Value::Object(params)) => self.union(name, params)?,
            (TyKind::List { item, sparse }, Value::Array(items)) => {
                let items = items.iter().map(|v| self.element(item, *sparse, v)).collect::<Result<Vec<_>, _>>()?;
                quote!(vec![#(#items),*])
            }
            (TyKind::Map { key, value: value_ty, sparse }, Value::Object(entries)) if !entries.is_empty() => {
                let entries = entries
                    .iter()
                    .map(|(k, v)| {
                        let key = self.value(key, &Value::String(k.clone()))?;
                        let value = self.element(value_ty, *sparse, v)?;
                        Ok(quote!((#key, #value)))
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                quote!(std::collections::BTreeMap::from([#(#entries),*]))
            }
            (TyKind::Map { .. }, Value::Object(_)) => quote!(std::collections::BTreeMap::new()),
            _ => return Err(unsupported()),
        })
    }

    /// An item of a list or a value of a map: `Some`/`None` when the collection is sparse.
    fn element(&mut self, ty: &Ty, sparse: bool, value: &Value) -> Result<TokenStream, String> {
        match (sparse, value) {
            (true, Value::Null) => Ok(quote!(None)),
            (true, v) => {
                let v = self.value(ty, v)?;
                Ok(quote!(Some(#v)))
            }
            (false, Value::Null) => Err(format!("a null in a dense collection of `{}`", ty.shape_id)),
            (false, v) => self.value(ty, v),
        }
    }

    fn float(&mut self, value: &Value, single: bool) -> Option<TokenStream> {
        let ty = if single { quote!(f32) } else { quote!(f64) };
        match value {
            Value::Number(n) => {
                let n = n.as_f64()?;
                Some(if single {
                    let lit = Literal::f32_unsuffixed(n as f32);
                    quote!(#lit)
                } else {
                    let lit = Literal::f64_unsuffixed(n);
                    quote!(#lit)
                })
            }
            Value::String(s) => match s.as_str() {
                "NaN" => {
                    self.nan = true;
                    Some(quote!(#ty::NAN))
                }
                "Infinity" => Some(quote!(#ty::INFINITY)),
                "-Infinity" => Some(quote!(#ty::NEG_INFINITY)),
                _ => None,
            },
            _ => None,
        }
    }

    fn union(&mut self, name: &TypeName, params: &Map<String, Value>) -> Result<TokenStream, String> {
        let u = self
            .ctx
            .krate
            .unions
            .iter()
            .find(|u| &u.name == name)
            .ok_or_else(|| format!("`{}` is not in the crate", name.name))?;
        let set: Vec<_> = params.iter().filter(|(_, v)| !v.is_null()).collect();
        let [(member, value)] = set.as_slice() else {
            return Err(format!("a `{}` parameter must set exactly one member", name.name));
        };
        let variant = u
            .variants
            .iter()
            .find(|v| &v.member_name == *member)
            .ok_or_else(|| format!("`{}` has no member `{member}`", name.name))?;
        let path = self.path(name);
        let variant_ident = format_ident!("{}", variant.name);
        Ok(match &variant.ty {
            None => quote!(#path::#variant_ident),
            Some(ty) => {
                let mut inner = self.value(ty, value)?;
                if variant.boxed {
                    inner = quote!(Box::new(#inner));
                }
                quote!(#path::#variant_ident(#inner))
            }
        })
    }

    fn document(&mut self, value: &Value) -> TokenStream {
        let doc = self.primitive("Document");
        match value {
            Value::Null => quote!(#doc::Null),
            Value::Bool(b) => quote!(#doc::Bool(#b)),
            Value::Number(n) => {
                let number = self.primitive("Number");
                if let Some(u) = n.as_u64() {
                    quote!(#doc::Number(#number::PosInt(#u)))
                } else if let Some(i) = n.as_i64() {
                    quote!(#doc::Number(#number::NegInt(#i)))
                } else {
                    let f = Literal::f64_unsuffixed(n.as_f64().unwrap_or_default());
                    quote!(#doc::Number(#number::Float(#f)))
                }
            }
            Value::String(s) => quote!(#doc::String(String::from(#s))),
            Value::Array(items) => {
                let items = items.iter().map(|v| self.document(v)).collect::<Vec<_>>();
                quote!(#doc::Array(vec![#(#items),*]))
            }
            Value::Object(entries) if entries.is_empty() => quote!(#doc::Object(std::collections::BTreeMap::new())),
            Value::Object(entries) => {
                let entries = entries
                    .iter()
                    .map(|(k, v)| {
                        let v = self.document(v);
                        quote!((String::from(#k), #v))
                    })
                    .collect::<Vec<_>>();
                quote!(#doc::Object(std::collections::BTreeMap::from([#(#entries),*])))
            }
        }
    }
}

/// An unsuffixed integer literal when `n` fits `T`.
fn int_literal<T: TryFrom<i64> + Into<i64>>(n: &serde_json::Number) -> Option<TokenStream> {
    let value: i64 = T::try_from(n.as_i64()?).ok()?.into();
    let lit = Literal::i64_unsuffixed(value);
    Some(quote!(#lit))
}

/// Helpers every test calls; each panics with a message whose first line says what differs.
/// The JSON and XML body checks use the crate's own readers, so they are there only when the
/// crate has them.
fn support(crate_ident: &Ident, protocol: &Protocol) -> TokenStream {
    let json = protocol.uses_json().then(|| json_support(crate_ident));
    let xml = protocol.uses_xml().then(|| xml_support(crate_ident));
    quote! {
        /// Checks shared by the tests. Each failure panics with a one-line message naming what differs.
        /// The same helpers serve every model, so those its cases do not need are dead code.
        #[allow(dead_code)]
        mod support {
            use std::fmt::Debug;

            pub fn method(request: &http::Request<Vec<u8>>, expected: &str) {
                let actual = request.method().as_str();
                assert!(actual == expected, "method: expected {expected}, got {actual}");
            }

            pub fn path(request: &http::Request<Vec<u8>>, expected: &str) {
                let actual = request.uri().path();
                assert!(actual == expected, "path: expected `{expected}`, got `{actual}`");
            }

            /// `expected` are `key=value` pairs as sent on the wire: each must be in the query (as
            /// often as it is listed). `forbidden` keys must be absent and `required` keys present.
            pub fn query(request: &http::Request<Vec<u8>>, expected: &[&str], forbidden: &[&str], required: &[&str]) {
                let query = request.uri().query().unwrap_or_default();
                let pairs: Vec<&str> = query.split('&').filter(|pair| !pair.is_empty()).collect();
                let mut unmatched = pairs.clone();
                for pair in expected {
                    match unmatched.iter().position(|p| p == pair) {
                        Some(at) => {
                            unmatched.remove(at);
                        }
                        None => panic!("query: expected `{pair}` in `{query}`"),
                    }
                }
                let keys: Vec<&str> = pairs.iter().map(|pair| pair.split_once('=').map_or(*pair, |(key, _)| key)).collect();
                for key in forbidden {
                    assert!(!keys.contains(key), "query: `{key}` must not be in `{query}`");
                }
                for key in required {
                    assert!(keys.contains(key), "query: `{key}` must be in `{query}`");
                }
            }

            /// Every value of header `name`, joined with `", "`.
            fn header(headers: &http::HeaderMap, name: &str) -> Option<String> {
                let values: Vec<String> = headers.get_all(name).iter().map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()).collect();
                (!values.is_empty()).then(|| values.join(", "))
            }

            pub fn headers(headers: &http::HeaderMap, expected: &[(&str, &str)], forbidden: &[&str], required: &[&str]) {
                for (name, value) in expected {
                    match header(headers, name) {
                        Some(actual) => assert!(actual == *value, "header `{name}`: expected `{value}`, got `{actual}`"),
                        None => panic!("header `{name}`: expected `{value}`, but it is missing"),
                    }
                }
                for name in forbidden {
                    assert!(header(headers, name).is_none(), "header `{name}` must not be sent");
                }
                for name in required {
                    assert!(header(headers, name).is_some(), "header `{name}` must be sent");
                }
            }

            pub fn empty_body(actual: &[u8]) {
                assert!(actual.is_empty(), "body: expected none, got `{}`", String::from_utf8_lossy(actual));
            }

            /// A form-encoded body (`awsQuery`, `ec2Query`): the same `key=value` pairs, as a multiset
            /// in any order. Pairs are split on `&`, the whitespace around each is dropped (a case
            /// may be written over several lines, `\n&`), and keys and values are compared
            /// percent-decoded (`+` is a space).
            pub fn form_body(actual: &[u8], expected: &str) {
                let actual_text = String::from_utf8_lossy(actual);
                let mut missing = form_pairs(expected);
                let mut unexpected = Vec::new();
                for pair in form_pairs(&actual_text) {
                    match missing.iter().position(|(_, decoded)| *decoded == pair.1) {
                        Some(at) => {
                            missing.remove(at);
                        }
                        None => unexpected.push(pair),
                    }
                }
                let raw = |pairs: &[(String, String)]| pairs.iter().map(|(raw, _)| format!("`{raw}`")).collect::<Vec<_>>().join(", ");
                assert!(
                    missing.is_empty() && unexpected.is_empty(),
                    "body: form pairs differ: expected but not sent [{}], sent but not expected [{}]\nexpected: {}\ngot:      {actual_text}",
                    raw(&missing),
                    raw(&unexpected),
                    expected.replace('\n', "")
                );
            }

            /// (as written, percent-decoded) for each `key=value` pair of a form body.
            fn form_pairs(body: &str) -> Vec<(String, String)> {
                body.split('&')
                    .map(str::trim)
                    .filter(|pair| !pair.is_empty())
                    .map(|pair| {
                        let decoded = match pair.split_once('=') {
                            Some((key, value)) => format!("{}={}", percent_decode(key), percent_decode(value)),
                            None => percent_decode(pair),
                        };
                        (pair.to_string(), decoded)
                    })
                    .collect()
            }

            /// `%XX` escapes decoded and `+` read as a space; a `%` not followed by two hex
            /// digits is kept as it is.
            fn percent_decode(text: &str) -> String {
                let bytes = text.as_bytes();
                let mut out = Vec::with_capacity(bytes.len());
                let mut i = 0;
                while i < bytes.len() {
                    let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
                    match (bytes[i], hex) {
                        (b'%', Some(byte)) => {
                            out.push(byte);
                            i += 3;
                        }
                        (b'+', _) => {
                            out.push(b' ');
                            i += 1;
                        }
                        (byte, _) => {
                            out.push(byte);
                            i += 1;
                        }
                    }
                }
                String::from_utf8_lossy(&out).into_owned()
            }

            pub fn bytes_body(actual: &[u8], expected: &str) {
                assert!(actual == expected.as_bytes(), "body: expected `{expected}`, got `{}`", String::from_utf8_lossy(actual));
            }

            /// Sends the request to `https://{host}` (a host, perhaps with a path), `prefix` (the
            /// `@endpoint` host prefix, or `""`) put before the host, as a client would.
            pub fn endpoint(request: &mut http::Request<Vec<u8>>, host: &str, prefix: &str) {
                if let Err(error) = #crate_ident::wire::apply_endpoint(request, &format!("https://{host}"), prefix) {
                    panic!("apply_endpoint failed: {error:?}");
                }
            }

            /// The request's host, once its endpoint is applied.
            pub fn host(request: &http::Request<Vec<u8>>, expected: &str) {
                let actual = request.uri().host().unwrap_or_default();
                assert!(actual == expected, "host: expected `{expected}`, got `{actual}` (URI `{}`)", request.uri());
            }

            pub fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
                let mut response = http::Response::builder().status(status);
                for (name, value) in headers {
                    response = response.header(*name, *value);
                }
                response.body(body.as_bytes().to_vec()).expect("the case's status and headers are valid")
            }

            pub fn equal<T: PartialEq + Debug>(what: &str, actual: &T, expected: &T) {
                assert!(actual == expected, "{what}: expected {expected:?}, got {actual:?}");
            }

            /// For values holding a NaN, which `==` never matches: compares their `Debug` text.
            pub fn equal_debug<T: Debug>(what: &str, actual: &T, expected: &T) {
                let (actual, expected) = (format!("{actual:?}"), format!("{expected:?}"));
                assert!(actual == expected, "{what}: expected {expected}, got {actual}");
            }

            #json
            #xml
        }
    }
}

fn json_support(crate_ident: &Ident) -> TokenStream {
    quote! {
        pub fn json_body(actual: &[u8], expected: &str) {
            assert!(
                #crate_ident::json::semantically_equal(actual, expected.as_bytes()),
                "body: expected JSON `{}`, got `{}`",
                expected.replace('\n', " "),
                String::from_utf8_lossy(actual).replace('\n', " ")
            );
        }
    }
}

/// `xml_body`: both bodies read into a tree of [`Element`]s with the crate's XML reader, then
/// compared. The reader hands out an element's children or its text, not both, so each body is
/// read twice: once for the elements, then again for the text of those without children. Text
/// beside child elements (indentation) is not compared; text of an element without children is,
/// exactly. As in the other Smithy test harnesses, structure members may come in any order.
fn xml_support(crate_ident: &Ident) -> TokenStream {
    quote! {
        use #crate_ident::xml::{Document, ElementReader};

        /// An XML body: the same elements (names with the prefix as written), the same attributes
        /// and namespace declarations in any order, the same text in elements without children;
        /// whitespace between elements does not count, nor does the order of differently named
        /// siblings or of map entries (see `xml_difference`).
        pub fn xml_body(actual: &[u8], expected: &str) {
            let actual_text = String::from_utf8_lossy(actual);
            let expected_tree = match xml_tree(expected.as_bytes()) {
                Ok(tree) => tree,
                Err(error) => panic!("body: the case's XML does not read: {error}"),
            };
            let actual_tree = match xml_tree(actual) {
                Ok(tree) => tree,
                Err(error) => panic!("body: expected XML, got a body that does not read as XML ({error}): `{actual_text}`"),
            };
            if let Some(difference) = xml_difference(&expected_tree, &actual_tree, &format!("/{}", expected_tree.name)) {
                panic!(
                    "body: XML differs at {difference}\nexpected: {}\ngot:      {}",
                    expected_tree.to_xml(),
                    actual_tree.to_xml()
                );
            }
        }

        /// An element as compared.
        #[derive(Debug, PartialEq)]
        pub struct Element {
            name: String,
            attributes: std::collections::BTreeMap<String, String>,
            children: Vec<Element>,
            /// Only for an element without children.
            text: String,
        }

        impl Element {
            /// Compact XML, attributes sorted, for messages.
            fn to_xml(&self) -> String {
                let mut out = format!("<{}", self.name);
                for (name, value) in &self.attributes {
                    out.push_str(&format!(" {name}={value:?}"));
                }
                out.push('>');
                out.push_str(&self.text);
                for child in &self.children {
                    out.push_str(&child.to_xml());
                }
                out.push_str(&format!("</{}>", self.name));
                out
            }
        }

        fn xml_tree(body: &[u8]) -> Result<Element, String> {
            let mut document = Document::new(body).map_err(|e| e.to_string())?;
            let mut tree = xml_elements(&mut document.root().map_err(|e| e.to_string())?)?;
            let mut document = Document::new(body).map_err(|e| e.to_string())?;
            xml_text(&mut document.root().map_err(|e| e.to_string())?, &mut tree)?;
            Ok(tree)
        }

        /// The element and its descendants, without text.
        fn xml_elements(element: &mut ElementReader<'_, '_>) -> Result<Element, String> {
            let start = element.start();
            let name = start.name().to_string();
            let attributes = start.attributes().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            let mut children = Vec::new();
            while let Some(mut child) = element.next_tag().map_err(|e| e.to_string())? {
                children.push(xml_elements(&mut child)?);
            }
            Ok(Element { name, attributes, children, text: String::new() })
        }

        /// Fills in the text of the elements without children, reading the same body again.
        fn xml_text(element: &mut ElementReader<'_, '_>, into: &mut Element) -> Result<(), String> {
            if into.children.is_empty() {
                into.text = element.text().map_err(|e| e.to_string())?;
                return Ok(());
            }
            for child in &mut into.children {
                match element.next_tag().map_err(|e| e.to_string())? {
                    Some(mut reader) => xml_text(&mut reader, child)?,
                    None => return Err(format!("`<{}>` has fewer children on the second reading", into.name)),
                }
            }
            Ok(())
        }

        /// Where and how `actual` first differs from `expected`; `path` names `expected`.
        ///
        /// Children are compared by name: the order of differently named children (structure
        /// members) does not count, the order of same-named ones (list items) does, except for
        /// map entries, which match in any order. A map entry is recognized by its form: every
        /// same-named sibling, on both sides, has exactly two child elements, the first (the key)
        /// without children of its own. (A list of two-member structures whose first member is a
        /// scalar looks the same, and its order goes unchecked.)
        fn xml_difference(expected: &Element, actual: &Element, path: &str) -> Option<String> {
            if expected.name != actual.name {
                return Some(format!("`{path}`: expected element `<{}>`, got `<{}>`", expected.name, actual.name));
            }
            if expected.attributes != actual.attributes {
                return Some(format!("`{path}`: expected attributes {:?}, got {:?}", expected.attributes, actual.attributes));
            }
            if expected.children.is_empty() && actual.children.is_empty() {
                return (expected.text != actual.text)
                    .then(|| format!("`{path}`: expected text {:?}, got {:?}", expected.text, actual.text));
            }
            let (expected_groups, actual_groups) = (xml_groups(expected), xml_groups(actual));
            for name in actual_groups.keys() {
                if !expected_groups.contains_key(name) {
                    return Some(format!("`{path}`: unexpected child element `<{name}>`"));
                }
            }
            for (name, want) in &expected_groups {
                let got = actual_groups.get(name).map(Vec::as_slice).unwrap_or_default();
                if want.len() != got.len() {
                    return Some(format!("`{path}`: expected {} `<{name}>` child elements, got {}", want.len(), got.len()));
                }
                let is_entry = |e: &&Element| e.children.len() == 2 && e.children[0].children.is_empty();
                if want.iter().all(is_entry) && got.iter().all(is_entry) {
                    let mut unmatched: Vec<&Element> = got.to_vec();
                    for (at, entry) in want.iter().enumerate() {
                        match unmatched.iter().position(|a| xml_difference(entry, a, path).is_none()) {
                            Some(found) => {
                                unmatched.remove(found);
                            }
                            None => {
                                return Some(format!(
                                    "`{path}/{name}[{}]` (a map entry): no entry sent matches `{}`",
                                    at + 1,
                                    entry.to_xml()
                                ))
                            }
                        }
                    }
                    continue;
                }
                for (at, (e, a)) in want.iter().zip(got).enumerate() {
                    if let Some(difference) = xml_difference(e, a, &format!("{path}/{name}[{}]", at + 1)) {
                        return Some(difference);
                    }
                }
            }
            None
        }

        /// An element's children by name, each name's in document order.
        fn xml_groups(element: &Element) -> std::collections::BTreeMap<&str, Vec<&Element>> {
            let mut groups: std::collections::BTreeMap<&str, Vec<&Element>> = std::collections::BTreeMap::new();
            for child in &element.children {
                groups.entry(child.name.as_str()).or_default().push(child);
            }
            groups
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{lower, Selection};

    const MODEL: &str = r##"{
        "smithy": "2.0",
        "shapes": {
            "example#Svc": {
                "type": "service",
                "version": "1",
                "operations": [{"target": "example#Greet"}],
                "traits": {"aws.protocols#restJson1": {}}
            },
            "example#Greet": {
                "type": "operation",
                "input": {"target": "example#GreetInput"},
                "output": {"target": "example#GreetOutput"},
                "traits": {
                    "smithy.api#http": {"method": "POST", "uri": "/greet/{name}"},
                    "smithy.test#httpRequestTests": [
                        {"id": "GreetRequest", "documentation": "Sends a greeting.", "protocol": "aws.protocols#restJson1",
                         "method": "POST", "uri": "/greet/Ann", "body": "{\"times\": 2}", "bodyMediaType": "application/json",
                         "headers": {"Content-Type": "application/json"}, "params": {"name": "Ann", "times": 2}},
                        {"id": "GreetServerOnly", "protocol": "aws.protocols#restJson1", "method": "POST", "uri": "/greet/Ann",
                         "appliesTo": "server", "params": {"name": "Ann"}},
                        {"id": "GreetOtherProtocol", "protocol": "aws.protocols#awsJson1_1", "method": "POST", "uri": "/",
                         "params": {}}
                    ],
                    "smithy.test#httpResponseTests": [
                        {"id": "GreetResponse", "protocol": "aws.protocols#restJson1", "code": 200,
                         "body": "{\"greeting\": \"hi\"}", "bodyMediaType": "application/json", "params": {"greeting": "hi"}},
                        {"id": "GreetUnknownMember", "protocol": "aws.protocols#restJson1", "code": 200,
                         "params": {"nope": 1}}
                    ]
                }
            },
            "example#GreetInput": {
                "type": "structure",
                "members": {
                    "name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}},
                    "times": {"target": "smithy.api#Integer"}
                },
                "traits": {"smithy.api#input": {}}
            },
            "example#GreetOutput": {
                "type": "structure",
                "members": {"greeting": {"target": "smithy.api#String"}},
                "traits": {"smithy.api#output": {}}
            }
        }
    }"##;

    fn setup() -> (Model, Crate) {
        setup_with(MODEL)
    }

    fn setup_with(text: &str) -> (Model, Crate) {
        let model = crate::smithy::load(text).expect("the model loads");
        let krate = lower(&model, &Selection { crate_name: Some("greeter".into()), ..Default::default() }).expect("the model lowers");
        (model, krate)
    }

    #[test]
    fn one_test_per_client_case_of_the_protocol() {
        let (model, krate) = setup();
        let listed = cases(&model, &krate);
        let names: Vec<(&str, &str)> = listed.iter().map(|c| (c.id.as_str(), c.test.as_str())).collect();
        assert_eq!(
            names,
            [
                ("GreetRequest", "request::greet_request"),
                ("GreetResponse", "response::greet_response"),
                ("GreetUnknownMember", "response::greet_unknown_member"),
            ]
        );
        assert_eq!(listed[0].skip, None);
        assert_eq!(listed[2].skip.as_deref(), Some("`GreetOutput` has no member `nope`"));
    }

    #[test]
    fn emitted_file_builds_inputs_and_ignores_what_it_cannot_run() {
        let (model, krate) = setup();
        let (path, tokens) = render(&model, &krate);
        assert_eq!(path, "tests/protocol_tests.rs");
        let file: syn::File = syn::parse2(tokens).expect("the test file parses");
        let text = prettyplease::unparse(&file);
        for expected in [
            "/// Sends a greeting.\n    #[test]\n    fn greet_request() {",
            ".set_name(Some(String::from(\"Ann\")))",
            ".set_times(Some(2))",
            ".expect(\"the case sets every required member of `GreetInput`\")",
            "greeter::operation::greet::serialize_request(&input)",
            "support::path(&request, \"/greet/Ann\");",
            "support::json_body(request.body(), \"{\\\"times\\\": 2}\");",
            "fn greet_response() {",
            "greeter::operation::greet::parse_response(&response)",
            "#[ignore = \"`GreetOutput` has no member `nope`\"]\n    fn greet_unknown_member() {}",
        ] {
            assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
        }
        assert!(!text.contains("server_only") && !text.contains("other_protocol"), "{text}");
    }

    fn rendered(model: &Model, krate: &Crate) -> String {
        let file: syn::File = syn::parse2(render(model, krate).1).expect("the test file parses");
        prettyplease::unparse(&file)
    }

    #[test]
    fn rest_xml_bodies_are_compared_as_xml_with_the_crates_reader() {
        let text = MODEL.replace("aws.protocols#restJson1", "aws.protocols#restXml").replace(
            r#""body": "{\"times\": 2}", "bodyMediaType": "application/json""#,
            r#""body": "<GreetInput><times>2</times></GreetInput>", "bodyMediaType": "application/xml""#,
        );
        let (model, krate) = setup_with(&text);
        let names: Vec<String> = cases(&model, &krate).into_iter().map(|c| c.id).collect();
        assert_eq!(names, ["GreetRequest", "GreetResponse", "GreetUnknownMember"]);
        let text = rendered(&model, &krate);
        for expected in [
            "support::xml_body(",
            "\"<GreetInput><times>2</times></GreetInput>\"",
            "use greeter::xml::{Document, ElementReader};",
            "pub fn form_body(",
        ] {
            assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
        }
        assert!(!text.contains("json::semantically_equal"), "a restXml crate has no JSON reader:\n{text}");
    }

    #[test]
    fn form_bodies_are_compared_as_pairs() {
        let mut model = serde_json::from_str::<Value>(MODEL).expect("the model is JSON");
        let shapes = &mut model["shapes"];
        shapes["example#Svc"]["traits"] = serde_json::json!({"aws.protocols#awsQuery": {}, "aws.protocols#awsQueryCompatible": {}});
        shapes["example#Greet"]["traits"]["smithy.test#httpRequestTests"] = serde_json::json!([{
            "id": "GreetQuery", "protocol": "aws.protocols#awsQuery", "method": "POST", "uri": "/",
            "body": "Action=Greet\n&Version=1\n&name=Ann", "bodyMediaType": "application/x-www-form-urlencoded",
            "params": {"name": "Ann"}
        }]);
        shapes["example#Greet"]["traits"].as_object_mut().expect("traits").remove("smithy.api#http");
        shapes["example#Greet"]["traits"].as_object_mut().expect("traits").remove("smithy.test#httpResponseTests");
        let (model, krate) = setup_with(&model.to_string());
        let listed = cases(&model, &krate);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].skip, None);
        let text = rendered(&model, &krate);
        assert!(text.contains("support::form_body(request.body(), \"Action=Greet\\n&Version=1\\n&name=Ann\");"), "{text}");
    }

    #[test]
    fn without_a_wire_layer_every_case_is_ignored_and_no_support_is_written() {
        let text = MODEL.replace("aws.protocols#restJson1", "smithy.protocols#rpcv2Cbor");
        let (model, krate) = setup_with(&text);
        assert!(!krate.service.protocol.has_wire_layer());
        let listed = cases(&model, &krate);
        assert_eq!(listed.len(), 3);
        assert!(listed.iter().all(|c| c.skip.as_deref() == Some("no wire layer for rpcv2Cbor")), "{listed:?}");
        let text = rendered(&model, &krate);
        assert!(text.contains("#[ignore = \"no wire layer for rpcv2Cbor\"]\n    fn greet_request() {}"), "{text}");
        assert!(!text.contains("mod support") && !text.contains("http::"), "{text}");
    }
}
