//! `src/endpoint.rs`: the service's endpoint rule set as Rust. `Params` (a field per rule-set
//! parameter) with its builder, and `resolve(&Params)`, the rule tree written out as straight-line
//! code: each rule is a labeled block whose conditions `break` out of it when they fail, and whose
//! end returns the endpoint or the error. Per operation, `endpoint_params` fills in what the
//! operation itself says (`staticContextParams`, `contextParam` members, `operationContextParams`).
//!
//! Expressions are typed here, from the rules engine's function signatures: every value is a
//! string (`&str`), a boolean, a string list (`&[String]`), a partition, a URL or an ARN, and may be
//! unset (`Option`). A value that may be unset where a set one is needed ends the rule (the
//! condition fails), which is what `isSet` guards in every well-typed rule set.

use proc_macro2::{Literal as Lit, Span, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::docs::doc_lines;
use super::runtime::Section;
use super::types::{ident, type_path};
use crate::ir::endpoint::*;
use crate::ir::naming::{self, Scope};
use crate::ir::{Crate, Operation, Struct, TyKind};

/// The sections of `rules.rs` for the AWS rules functions the rule set calls (`rules.rs` itself
/// needs `document`: [`RuntimeFile::sections`](super::runtime::RuntimeFile::sections)).
pub fn runtime_sections(rules: &EndpointRules) -> Vec<Section> {
    let functions =
        [(Function::AwsPartition, Section::AwsPartition), (Function::AwsParseArn, Section::AwsArn), (Function::AwsIsVirtualHostableS3Bucket, Section::AwsS3)];
    functions.into_iter().filter(|(function, _)| rules.calls(*function)).map(|(_, section)| section).collect()
}

/// The `src/endpoint.rs` module.
pub fn emit(rules: &EndpointRules) -> TokenStream {
    let params = params_struct(rules);
    let builder = params_builder(rules);
    let resolve = Resolver::new(rules).resolve_fn();
    let partitions = rules.calls(Function::AwsPartition).then(partition_table);
    quote! {
        //! Endpoint resolution: the service's endpoint rule set (`smithy.rules#endpointRuleSet`) as
        //! code. Fill in [`Params`] (each operation's `endpoint_params` adds what the operation says)
        //! and call [`resolve`].

        #params
        #builder
        #resolve
        #partitions
    }
}

fn param_type(p: &EndpointParam) -> TokenStream {
    match p.ty {
        ParamType::String => quote!(::std::string::String),
        ParamType::Boolean => quote!(bool),
        ParamType::StringArray => quote!(::std::vec::Vec<::std::string::String>),
    }
}

fn param_docs(p: &EndpointParam) -> TokenStream {
    let mut lines: Vec<String> = p.docs.as_deref().unwrap_or("").lines().map(str::to_string).collect();
    let mut facts = Vec::new();
    facts.push(format!("Rule-set parameter `{}`", p.name));
    if let Some(b) = &p.built_in {
        facts.push(format!("built-in `{b}`"));
    }
    if let Some(d) = &p.default {
        facts.push(format!("default `{d}`"));
    } else if p.required {
        facts.push("required".to_string());
    }
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("{}.", facts.join(", ")));
    doc_lines(lines.iter().map(String::as_str))
}

fn params_struct(rules: &EndpointRules) -> TokenStream {
    let fields = rules.params.iter().map(|p| {
        let name = ident(&p.field);
        let ty = param_type(p);
        let ty = if p.optional() { quote!(::std::option::Option<#ty>) } else { ty };
        let docs = param_docs(p);
        quote!(#docs pub #name: #ty,)
    });
    quote! {
        /// The parameters of the endpoint rule set. Build them with [`Params::builder`].
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct Params {
            #(#fields)*
        }

        impl Params {
            /// A builder, which applies the rule set's defaults.
            pub fn builder() -> ParamsBuilder {
                ParamsBuilder::default()
            }
        }
    }
}

fn default_value(p: &EndpointParam, value: &Value) -> TokenStream {
    match (p.ty, value) {
        (_, Value::Bool(b)) => quote!(#b),
        (_, Value::String(s)) => quote!(::std::string::String::from(#s)),
        (_, Value::Array(items)) => {
            let items = items.iter().map(|i| i.as_str().unwrap_or_default());
            quote!(::std::vec![#(::std::string::String::from(#items)),*])
        }
        _ => {
            let message = format!("unsupported default {value} of endpoint parameter {}", p.name);
            quote!(::std::compile_error!(#message))
        }
    }
}

fn params_builder(rules: &EndpointRules) -> TokenStream {
    let fields = rules.params.iter().map(|p| {
        let name = ident(&p.field);
        let ty = param_type(p);
        quote!(#name: ::std::option::Option<#ty>,)
    });
    let setters = rules.params.iter().map(|p| {
        let name = ident(&p.field);
        let set = format_ident!("{}", naming::setter(&p.field));
        let ty = param_type(p);
        let doc = format!(" Sets `{}`.", p.name);
        let set_doc = format!(" Sets or clears `{}`.", p.name);
        let setter = match p.ty {
            ParamType::String => quote! {
                pub fn #name(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.#name = ::std::option::Option::Some(value.into());
                    self
                }
            },
            ParamType::Boolean => quote! {
                pub fn #name(mut self, value: bool) -> Self {
                    self.#name = ::std::option::Option::Some(value);
                    self
                }
            },
            ParamType::StringArray => quote! {
                pub fn #name(mut self, value: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>) -> Self {
                    self.#name = ::std::option::Option::Some(value.into_iter().map(::std::convert::Into::into).collect());
                    self
                }
            },
        };
        quote! {
            #[doc = #doc]
            #setter

            #[doc = #set_doc]
            pub fn #set(mut self, value: ::std::option::Option<#ty>) -> Self {
                self.#name = value;
                self
            }
        }
    });
    let inits = rules.params.iter().map(|p| {
        let name = ident(&p.field);
        match (&p.default, p.required) {
            (Some(Value::Bool(b)), _) => quote!(#name: self.#name.unwrap_or(#b),),
            (Some(d), _) => {
                let d = default_value(p, d);
                quote!(#name: self.#name.unwrap_or_else(|| #d),)
            }
            (None, true) => {
                let message = format!("missing required endpoint parameter `{}`", p.name);
                quote!(#name: self.#name.ok_or_else(|| crate::rules::ResolveError::new(#message))?,)
            }
            (None, false) => quote!(#name: self.#name,),
        }
    });
    quote! {
        /// A builder for [`Params`].
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct ParamsBuilder {
            #(#fields)*
        }

        impl ParamsBuilder {
            #(#setters)*

            /// The parameters, with defaults applied; an error names a required parameter that is
            /// missing.
            pub fn build(self) -> ::std::result::Result<Params, crate::rules::ResolveError> {
                ::std::result::Result::Ok(Params { #(#inits)* })
            }
        }
    }
}

/// The embedded partition table, from `codegen/data/partitions.json`.
fn partition_table() -> TokenStream {
    let data: Value = serde_json::from_str(include_str!("../../data/partitions.json")).expect("the partition table is valid JSON");
    let partitions = data["partitions"].as_array().map(Vec::as_slice).unwrap_or_default().iter().map(|p| {
        let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
        let (id, regex) = (s(&p["id"]), s(&p["regionRegex"]));
        let regions = p["regions"].as_array().map(Vec::as_slice).unwrap_or_default().iter().map(s);
        let o = &p["outputs"];
        let (name, dns, dual, global) = (s(&o["name"]), s(&o["dnsSuffix"]), s(&o["dualStackDnsSuffix"]), s(&o["implicitGlobalRegion"]));
        let fips = o["supportsFIPS"].as_bool().unwrap_or(false);
        let dual_stack = o["supportsDualStack"].as_bool().unwrap_or(false);
        quote! {
            crate::rules::PartitionData {
                id: #id,
                region_regex: #regex,
                regions: &[#(#regions),*],
                outputs: crate::rules::PartitionOutputs {
                    name: #name,
                    dns_suffix: #dns,
                    dual_stack_dns_suffix: #dual,
                    supports_fips: #fips,
                    supports_dual_stack: #dual_stack,
                    implicit_global_region: #global,
                },
            },
        }
    });
    quote! {
        /// The AWS partitions `aws.partition` chooses from: each one's region regex, its listed
        /// regions and what rules can read of it.
        const PARTITIONS: &[crate::rules::PartitionData] = &[#(#partitions)*];
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Str,
    Bool,
    Int,
    StrArray,
    Partition,
    Url,
    Arn,
}

/// A compiled expression.
#[derive(Clone)]
struct Val {
    tokens: TokenStream,
    ty: Ty,
    /// Whether the value is an `Option`.
    optional: bool,
    /// Whether `tokens` is an owned value (a `String`, or an `Option` of an owned value) that must
    /// be bound to a local before it can be borrowed.
    owned: bool,
    /// Whether `tokens` needs no parentheses under a unary `!` or a method call.
    atomic: bool,
    /// The boolean's negation, when there is a nicer form than `!(tokens)`.
    neg: Option<TokenStream>,
}

impl Val {
    fn new(tokens: TokenStream, ty: Ty) -> Self {
        Val { tokens, ty, optional: false, owned: false, atomic: true, neg: None }
    }

    fn error(message: String) -> Self {
        Val::new(quote!(::std::compile_error!(#message)), Ty::Bool)
    }

    fn negated(&self) -> TokenStream {
        let t = &self.tokens;
        match (&self.neg, self.atomic) {
            (Some(neg), _) => neg.clone(),
            (None, true) => quote!(!#t),
            (None, false) => quote!(!(#t)),
        }
    }
}

/// What a name of the rule set (a parameter, or a condition's `assign`) stands for in the code.
#[derive(Clone)]
struct Binding {
    name: String,
    access: TokenStream,
    ty: Ty,
    optional: bool,
}

/// The statements of one rule's block, and whether any of them leaves it early.
struct Block {
    stmts: Vec<TokenStream>,
    label: syn::Lifetime,
    breaks: bool,
}

struct Resolver<'a> {
    rules: &'a EndpointRules,
    locals: Scope,
    labels: usize,
}

impl<'a> Resolver<'a> {
    fn new(rules: &'a EndpointRules) -> Self {
        let mut locals = Scope::new("_");
        locals.reserve("params");
        Resolver { rules, locals, labels: 0 }
    }

    fn resolve_fn(mut self) -> TokenStream {
        let env: Vec<Binding> = self
            .rules
            .params
            .iter()
            .map(|p| {
                let field = ident(&p.field);
                let optional = p.optional();
                let (ty, access) = match (p.ty, optional) {
                    (ParamType::String, true) => (Ty::Str, quote!(params.#field.as_deref())),
                    (ParamType::String, false) => (Ty::Str, quote!(params.#field.as_str())),
                    (ParamType::Boolean, _) => (Ty::Bool, quote!(params.#field)),
                    (ParamType::StringArray, true) => (Ty::StrArray, quote!(params.#field.as_deref())),
                    (ParamType::StringArray, false) => (Ty::StrArray, quote!(params.#field.as_slice())),
                };
                Binding { name: p.name.clone(), access, ty, optional }
            })
            .collect();
        let rules = self.rules;
        let body = self.rule_list(&rules.rules, &env);
        quote! {
            /// The endpoint for these parameters, or the rule set's error for them.
            #[allow(unused_variables, clippy::needless_return)]
            pub fn resolve(params: &Params) -> ::std::result::Result<crate::rules::Endpoint, crate::rules::ResolveError> {
                #(#body)*
            }
        }
    }

    /// The rules in order; when none applies (and the last one can fall through), an error.
    fn rule_list(&mut self, rules: &[Rule], env: &[Binding]) -> Vec<TokenStream> {
        let mut out = Vec::new();
        for rule in rules {
            let (tokens, always_returns) = self.rule(rule, env);
            out.extend(tokens);
            if always_returns {
                return out;
            }
        }
        out.push(quote!(return ::std::result::Result::Err(crate::rules::ResolveError::new("no endpoint rule matched the parameters"));));
        out
    }

    /// A rule's statements, and whether they always return (no condition can fail): then they
    /// are not wrapped in a labeled block, and later rules are unreachable.
    fn rule(&mut self, rule: &Rule, env: &[Binding]) -> (Vec<TokenStream>, bool) {
        self.labels += 1;
        let label = syn::Lifetime::new(&format!("'rule_{}", self.labels), Span::call_site());
        let mut block = Block { stmts: Vec::new(), label, breaks: false };
        let mut env = env.to_vec();
        for c in &rule.conditions {
            self.condition(c, &mut env, &mut block);
        }
        match &rule.body {
            RuleBody::Endpoint(e) => {
                let url = self.string_arg(&e.url, &env, &mut block);
                let headers: Vec<TokenStream> = e
                    .headers
                    .iter()
                    .flat_map(|(name, values)| values.iter().map(move |v| (name, v)))
                    .map(|(name, v)| {
                        let v = self.string_arg(v, &env, &mut block);
                        quote!(.header(#name, #v))
                    })
                    .collect();
                let properties: Vec<TokenStream> = e
                    .properties
                    .iter()
                    .map(|(k, v)| {
                        let v = self.document(v, &env, &mut block);
                        quote!(.property(#k, #v))
                    })
                    .collect();
                block.stmts.push(quote! {
                    return ::std::result::Result::Ok(crate::rules::Endpoint::new(#url) #(#headers)* #(#properties)*);
                });
            }
            RuleBody::Error(message) => {
                let message = self.string_arg(message, &env, &mut block);
                block.stmts.push(quote!(return ::std::result::Result::Err(crate::rules::ResolveError::new(#message));));
            }
            RuleBody::Tree(rules) => {
                let inner = self.rule_list(rules, &env);
                block.stmts.extend(inner);
            }
        }
        if block.breaks {
            let (label, stmts) = (&block.label, &block.stmts);
            (vec![quote!(#label: { #(#stmts)* })], false)
        } else {
            (block.stmts, true)
        }
    }

    fn lookup(&self, env: &[Binding], name: &str) -> Option<Val> {
        env.iter().rev().find(|b| b.name == name).map(|b| Val { optional: b.optional, ..Val::new(b.access.clone(), b.ty) })
    }

    fn local(&mut self, hint: &str) -> syn::Ident {
        ident(&self.locals.claim(naming::field_name(hint)))
    }

    fn condition(&mut self, c: &Condition, env: &mut Vec<Binding>, block: &mut Block) {
        let label = block.label.clone();
        // `isSet(Param)`: the parameter is set for the rest of the rule.
        if let (None, Expr::Call(f, args)) = (&c.assign, &c.expr) {
            if let (Function::IsSet, [Expr::Ref(name)]) = (f, args.as_slice()) {
                if let Some(b) = env.iter().rev().find(|b| &b.name == name).filter(|b| b.optional).cloned() {
                    let local = self.local(name);
                    let access = &b.access;
                    block.stmts.push(quote!(let ::std::option::Option::Some(#local) = #access else { break #label; };));
                    block.breaks = true;
                    env.push(Binding { access: quote!(#local), optional: false, ..b });
                    return;
                }
            }
        }
        let v = self.expr(&c.expr, env, block);
        if let Some(name) = &c.assign {
            let local = self.local(name);
            let t = &v.tokens;
            let access = if v.owned && v.ty == Ty::Str { quote!(#local.as_str()) } else { quote!(#local) };
            if v.optional {
                block.stmts.push(quote!(let ::std::option::Option::Some(#local) = #t else { break #label; };));
                block.breaks = true;
            } else if v.ty == Ty::Bool {
                block.stmts.push(quote!(let #local = #t;));
                block.stmts.push(quote!(if !#local { break #label; }));
                block.breaks = true;
            } else {
                block.stmts.push(quote!(let #local = #t;));
            }
            env.push(Binding { name: name.clone(), access, ty: v.ty, optional: false });
            return;
        }
        let t = &v.tokens;
        match (v.ty, v.optional) {
            (Ty::Bool, false) => {
                if v.tokens.to_string() == "true" {
                    return;
                }
                let neg = v.negated();
                block.stmts.push(quote!(if #neg { break #label; }));
            }
            (Ty::Bool, true) => block.stmts.push(quote!(if #t != ::std::option::Option::Some(true) { break #label; })),
            (_, true) => block.stmts.push(quote!(if #t.is_none() { break #label; })),
            (_, false) => return,
        }
        block.breaks = true;
    }

    /// A value that can be borrowed: owned values are bound to a local first.
    fn place(&mut self, v: Val, hint: &str, block: &mut Block) -> Val {
        if !v.owned {
            return v;
        }
        let local = self.local(hint);
        let t = &v.tokens;
        block.stmts.push(quote!(let #local = #t;));
        let access = match (v.ty, v.optional) {
            (Ty::Str, true) => quote!(#local.as_deref()),
            (Ty::Str, false) => quote!(#local.as_str()),
            (Ty::Url | Ty::Arn, true) => quote!(#local.as_ref()),
            _ => quote!(#local),
        };
        Val { tokens: access, owned: false, atomic: true, neg: None, ..v }
    }

    /// A set value that can be borrowed: an unset one ends the rule.
    fn required(&mut self, v: Val, hint: &str, block: &mut Block) -> Val {
        if !v.optional {
            return self.place(v, hint, block);
        }
        let local = self.local(hint);
        let (t, label) = (&v.tokens, &block.label);
        block.stmts.push(quote!(let ::std::option::Option::Some(#local) = #t else { break #label; };));
        block.breaks = true;
        let access = if v.owned && v.ty == Ty::Str { quote!(#local.as_str()) } else { quote!(#local) };
        Val { tokens: access, optional: false, owned: false, atomic: true, neg: None, ty: v.ty }
    }

    fn expr(&mut self, e: &Expr, env: &[Binding], block: &mut Block) -> Val {
        match e {
            Expr::Template(parts) => match parts.as_slice() {
                [TemplatePart::Text(text)] => Val::new(quote!(#text), Ty::Str),
                [TemplatePart::Expr(inner)] => self.expr(inner, env, block),
                _ => {
                    let formatted = self.format(parts, env, block);
                    let v = Val { owned: true, ..Val::new(formatted, Ty::Str) };
                    self.place(v, "text", block)
                }
            },
            Expr::Bool(b) => Val::new(quote!(#b), Ty::Bool),
            Expr::Int(i) => {
                let lit = Lit::usize_unsuffixed(usize::try_from(*i).unwrap_or_default());
                Val::new(quote!(#lit), Ty::Int)
            }
            Expr::Ref(name) => self.lookup(env, name).unwrap_or_else(|| Val::error(format!("the endpoint rules use `{name}`, which is not defined"))),
            Expr::GetAttr(inner, path) => {
                let mut v = self.expr(inner, env, block);
                for step in path {
                    v = self.required(v, "value", block);
                    v = attr(v, step);
                }
                v
            }
            Expr::Call(f, args) => self.call(*f, args, env, block),
        }
    }

    fn arg(&mut self, e: &Expr, env: &[Binding], block: &mut Block) -> Val {
        let v = self.expr(e, env, block);
        self.required(v, "value", block)
    }

    fn call(&mut self, f: Function, args: &[Expr], env: &[Binding], block: &mut Block) -> Val {
        let bool_val = |tokens: TokenStream, neg: Option<TokenStream>, atomic: bool| Val { neg, atomic, ..Val::new(tokens, Ty::Bool) };
        match (f, args) {
            (Function::IsSet, [x]) => {
                let v = self.expr(x, env, block);
                if !v.optional {
                    return Val::new(quote!(true), Ty::Bool);
                }
                let t = &v.tokens;
                bool_val(quote!(#t.is_some()), Some(quote!(#t.is_none())), true)
            }
            (Function::Not, [x]) => {
                let v = self.arg(x, env, block);
                let (tokens, atomic) = (v.negated(), v.neg.is_none());
                bool_val(tokens, Some(v.tokens), atomic)
            }
            (Function::BooleanEquals, [a, b]) => {
                let literal = |e: &Expr| if let Expr::Bool(b) = e { Some(*b) } else { None };
                let (value, lit) = match (literal(a), literal(b)) {
                    (_, Some(lit)) => (a, Some(lit)),
                    (Some(lit), None) => (b, Some(lit)),
                    _ => (a, None),
                };
                let v = self.arg(value, env, block);
                match lit {
                    Some(true) => v,
                    Some(false) => {
                        let (tokens, atomic) = (v.negated(), v.neg.is_none());
                        bool_val(tokens, Some(v.tokens), atomic)
                    }
                    None => {
                        let w = self.arg(b, env, block);
                        let (a, b) = (&v.tokens, &w.tokens);
                        bool_val(quote!(#a == #b), Some(quote!(#a != #b)), false)
                    }
                }
            }
            (Function::StringEquals, [a, b]) => {
                let empty = |e: &Expr| matches!(e, Expr::Template(parts) if parts == &[TemplatePart::Text(String::new())]);
                if let Some(other) = if empty(b) { Some(a) } else if empty(a) { Some(b) } else { None } {
                    let v = without_as_str(self.arg(other, env, block).tokens);
                    return bool_val(quote!(#v.is_empty()), Some(quote!(!#v.is_empty())), true);
                }
                let (a, b) = (self.arg(a, env, block), self.arg(b, env, block));
                let (a, b) = (&a.tokens, &b.tokens);
                bool_val(quote!(#a == #b), Some(quote!(#a != #b)), false)
            }
            (Function::Substring, [s, start, stop, reverse]) => {
                let (s, start, stop, reverse) =
                    (self.arg(s, env, block), self.arg(start, env, block), self.arg(stop, env, block), self.arg(reverse, env, block));
                let (s, start, stop, reverse) = (&s.tokens, &start.tokens, &stop.tokens, &reverse.tokens);
                Val { optional: true, owned: true, ..Val::new(quote!(crate::rules::substring(#s, #start, #stop, #reverse)), Ty::Str) }
            }
            (Function::UriEncode, [s]) => {
                let s = self.arg(s, env, block).tokens;
                Val { owned: true, ..Val::new(quote!(crate::rules::uri_encode(#s)), Ty::Str) }
            }
            (Function::ParseUrl, [s]) => {
                let s = self.arg(s, env, block).tokens;
                Val { optional: true, owned: true, ..Val::new(quote!(crate::rules::parse_url(#s)), Ty::Url) }
            }
            (Function::IsValidHostLabel, [s, sub]) => {
                let (s, sub) = (self.arg(s, env, block).tokens, self.arg(sub, env, block).tokens);
                bool_val(quote!(crate::rules::is_valid_host_label(#s, #sub)), None, true)
            }
            (Function::AwsPartition, [s]) => {
                let s = self.arg(s, env, block).tokens;
                Val { optional: true, owned: true, ..Val::new(quote!(crate::rules::partition(#s, PARTITIONS)), Ty::Partition) }
            }
            (Function::AwsParseArn, [s]) => {
                let s = self.arg(s, env, block).tokens;
                Val { optional: true, owned: true, ..Val::new(quote!(crate::rules::parse_arn(#s)), Ty::Arn) }
            }
            (Function::AwsIsVirtualHostableS3Bucket, [s, sub]) => {
                let (s, sub) = (self.arg(s, env, block).tokens, self.arg(sub, env, block).tokens);
                bool_val(quote!(crate::rules::is_virtual_hostable_s3_bucket(#s, #sub)), None, true)
            }
            // Lowering checked every call's arity.
            (f, _) => Val::error(format!("the endpoint rules call `{}` with {} arguments", f.name(), args.len())),
        }
    }

    /// `format!(...)` of a template with references.
    fn format(&mut self, parts: &[TemplatePart], env: &[Binding], block: &mut Block) -> TokenStream {
        let mut fmt = String::new();
        let mut args = Vec::new();
        for part in parts {
            match part {
                TemplatePart::Text(text) => fmt.push_str(&text.replace('{', "{{").replace('}', "}}")),
                TemplatePart::Expr(e) => {
                    let v = self.arg(e, env, block);
                    match syn::parse2::<syn::Ident>(v.tokens.clone()).ok().filter(|name| !name.to_string().starts_with("r#")) {
                        Some(name) => fmt.push_str(&format!("{{{name}}}")),
                        None => {
                            fmt.push_str("{}");
                            args.push(v.tokens);
                        }
                    }
                }
            }
        }
        quote!(::std::format!(#fmt #(, #args)*))
    }

    /// A string expression where `impl Into<String>` is taken: the URL, a header, an error.
    fn string_arg(&mut self, e: &Expr, env: &[Binding], block: &mut Block) -> TokenStream {
        match e {
            Expr::Template(parts) if parts.len() > 1 => self.format(parts, env, block),
            _ => self.arg(e, env, block).tokens,
        }
    }

    /// A `Document` expression of a property value.
    fn document(&mut self, lit: &Literal, env: &[Binding], block: &mut Block) -> TokenStream {
        let doc = quote!(crate::primitives::Document);
        match lit {
            Literal::Template(parts) => match parts.as_slice() {
                [TemplatePart::Text(text)] => quote!(#doc::String(::std::string::String::from(#text))),
                [TemplatePart::Expr(e)] => {
                    let v = self.arg(e, env, block).tokens;
                    quote!(#doc::String(::std::string::ToString::to_string(#v)))
                }
                _ => {
                    let f = self.format(parts, env, block);
                    quote!(#doc::String(#f))
                }
            },
            Literal::Bool(b) => quote!(#doc::Bool(#b)),
            Literal::Int(i) => match u64::try_from(*i) {
                Ok(u) => quote!(#doc::Number(crate::primitives::Number::PosInt(#u))),
                Err(_) => quote!(#doc::Number(crate::primitives::Number::NegInt(#i))),
            },
            Literal::Array(items) => {
                let items: Vec<_> = items.iter().map(|i| self.document(i, env, block)).collect();
                quote!(#doc::Array(::std::vec::Vec::from([#(#items),*])))
            }
            Literal::Object(members) => {
                let keys = members.iter().map(|(k, _)| k);
                let values: Vec<_> = members.iter().map(|(_, v)| self.document(v, env, block)).collect();
                quote!(#doc::Object(::std::collections::BTreeMap::from([#((::std::string::String::from(#keys), #values)),*])))
            }
        }
    }
}

/// `x.as_str()` → `x`, where a `str` method follows (`String` has it too).
fn without_as_str(tokens: TokenStream) -> TokenStream {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    match trees.as_slice() {
        [head @ .., TokenTree::Punct(dot), TokenTree::Ident(method), TokenTree::Group(args)]
            if dot.as_char() == '.' && method == "as_str" && args.stream().is_empty() =>
        {
            head.iter().cloned().collect()
        }
        _ => tokens,
    }
}

/// One `getAttr` step on a set value.
fn attr(v: Val, step: &PathStep) -> Val {
    let t = &v.tokens;
    let field = |name: &str| format_ident!("{}", name);
    match (v.ty, step) {
        (Ty::Partition, PathStep::Key(k)) => {
            let (name, ty) = match k.as_str() {
                "name" => ("name", Ty::Str),
                "dnsSuffix" => ("dns_suffix", Ty::Str),
                "dualStackDnsSuffix" => ("dual_stack_dns_suffix", Ty::Str),
                "implicitGlobalRegion" => ("implicit_global_region", Ty::Str),
                "supportsFIPS" => ("supports_fips", Ty::Bool),
                "supportsDualStack" => ("supports_dual_stack", Ty::Bool),
                other => return Val::error(format!("a partition has no attribute `{other}`")),
            };
            let name = field(name);
            Val::new(quote!(#t.#name), ty)
        }
        (Ty::Url, PathStep::Key(k)) => match k.as_str() {
            "isIp" => Val::new(quote!(#t.is_ip), Ty::Bool),
            "scheme" | "authority" | "path" | "normalizedPath" => {
                let name = field(&naming::field_name(k));
                Val::new(quote!(#t.#name.as_str()), Ty::Str)
            }
            other => Val::error(format!("a URL has no attribute `{other}`")),
        },
        (Ty::Arn, PathStep::Key(k)) => match k.as_str() {
            "resourceId" => Val::new(quote!(#t.resource_id.as_slice()), Ty::StrArray),
            "partition" | "service" | "region" | "accountId" => {
                let name = field(&naming::field_name(k));
                Val::new(quote!(#t.#name.as_str()), Ty::Str)
            }
            other => Val::error(format!("an ARN has no attribute `{other}`")),
        },
        (Ty::StrArray, PathStep::Index(0)) => Val { optional: true, ..Val::new(quote!(#t.first().map(::std::string::String::as_str)), Ty::Str) },
        (Ty::StrArray, PathStep::Index(i)) => {
            let i = Lit::usize_unsuffixed(*i);
            Val { optional: true, ..Val::new(quote!(#t.get(#i).map(::std::string::String::as_str)), Ty::Str) }
        }
        (ty, step) => Val::error(format!("getAttr {step:?} on a {ty:?}")),
    }
}

/// `endpoint_params(input, base)` in an operation's module, when the crate has a rule set.
pub fn operation_params(krate: &Crate, op: &Operation) -> Option<TokenStream> {
    let rules = krate.service.endpoint_rules.as_ref()?;
    let input_ty = type_path(&op.input);
    let input_struct = krate.structure(&op.input);
    let sets: Vec<(TokenStream, bool)> = op
        .endpoint_params
        .iter()
        .filter_map(|p| {
            let param = rules.param(&p.param)?;
            let field = ident(&p.field);
            let wrap = |v: TokenStream| if param.optional() { quote!(::std::option::Option::Some(#v)) } else { v };
            match &p.source {
                ParamSource::Static(value) => {
                    let v = match value {
                        Value::Bool(b) => quote!(#b),
                        Value::String(s) => quote!(::std::string::String::from(#s)),
                        Value::Array(items) => {
                            let items = items.iter().filter_map(Value::as_str);
                            quote!(::std::vec![#(::std::string::String::from(#items)),*])
                        }
                        _ => return None,
                    };
                    let v = wrap(v);
                    Some((quote!(params.#field = #v;), false))
                }
                ParamSource::Input(steps) => {
                    let collect = steps.iter().any(|s| matches!(s, ContextStep::Each | ContextStep::Keys));
                    let input = input_struct?;
                    if collect {
                        let walk = walk(krate, input, quote!(input), steps, &|leaf| quote!(values.push(#leaf);))?;
                        let v = wrap(quote!(values));
                        Some((
                            quote! {
                                let mut values = ::std::vec::Vec::new();
                                #walk
                                params.#field = #v;
                            },
                            true,
                        ))
                    } else {
                        let assign = |leaf: TokenStream| {
                            let v = wrap(leaf);
                            quote!(params.#field = #v;)
                        };
                        walk(krate, input, quote!(input), steps, &assign).map(|walk| (walk, true))
                    }
                }
            }
        })
        .collect();
    let uses_input = sets.iter().any(|(_, uses_input)| *uses_input);
    let sets: Vec<TokenStream> = sets.into_iter().map(|(set, _)| set).collect();
    let input_arg = if uses_input { quote!(input) } else { quote!(_input) };
    let body = if sets.is_empty() { quote!(base) } else { quote!(let mut params = base; #(#sets)* params) };
    Some(quote! {
        /// The endpoint parameters for a call with `input`: `base` (the client's settings) with what
        /// this operation sets (its static context parameters and input members bound to parameters).
        pub fn endpoint_params(#input_arg: &#input_ty, base: crate::endpoint::Params) -> crate::endpoint::Params {
            #body
        }
    })
}

/// Code reaching the value at `steps` from `var` (a structure), calling `leaf` with each string
/// or boolean found; `None` when the path does not fit the input's shape.
fn walk(krate: &Crate, s: &Struct, var: TokenStream, steps: &[ContextStep], leaf: &dyn Fn(TokenStream) -> TokenStream) -> Option<TokenStream> {
    let [ContextStep::Member(member), rest @ ..] = steps else { return None };
    let f = s.fields.iter().find(|f| &f.member_name == member)?;
    let name = ident(&f.name);
    let inner = value_walk(krate, &f.ty.kind, quote!(v), rest, leaf)?;
    Some(if f.optional {
        quote!(if let ::std::option::Option::Some(v) = &#var.#name { #inner })
    } else {
        quote!({ let v = &#var.#name; #inner })
    })
}

fn value_walk(krate: &Crate, kind: &TyKind, var: TokenStream, steps: &[ContextStep], leaf: &dyn Fn(TokenStream) -> TokenStream) -> Option<TokenStream> {
    match (kind, steps) {
        (TyKind::String, []) => Some(leaf(quote!(::std::string::String::clone(#var)))),
        (TyKind::Enum(_), []) => Some(leaf(quote!(#var.as_str().to_string()))),
        (TyKind::Boolean, []) => Some(leaf(quote!(*#var))),
        (TyKind::Struct(name), [ContextStep::Member(_), ..]) => walk(krate, krate.structure(name)?, var, steps, leaf),
        (TyKind::List { item, sparse: false }, [ContextStep::Each, rest @ ..]) => {
            let inner = value_walk(krate, &item.kind, quote!(v), rest, leaf)?;
            Some(quote!(for v in #var.iter() { #inner }))
        }
        (TyKind::Map { key, sparse: false, .. }, [ContextStep::Keys]) => {
            let inner = value_walk(krate, &key.kind, quote!(v), &[], leaf)?;
            Some(quote!(for v in #var.keys() { #inner }))
        }
        _ => None,
    }
}
