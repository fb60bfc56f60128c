//! Checked model → IR: the operations' closure, names, types, optionality, boxing and docs.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde_json::Value;

use super::docs::html_to_markdown;
use super::naming::{self, Scope};
use super::optionality::{effective_default, is_optional};
use super::*;
use crate::error::{Error, Result};
use crate::smithy::traits::*;
use crate::smithy::transform;
use crate::smithy::{shape_name, Member, Model, Shape, ShapeType};

/// Which part of the model to generate.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The service's shape ID; may be omitted when the model has exactly one service.
    pub service: Option<String>,
    /// Operation names (shape names); `None` means every operation of the service.
    pub operations: Option<Vec<String>>,
    /// The generated crate's name; defaults to the service's `sdkId` (or shape name) in snake case.
    pub crate_name: Option<String>,
    /// The generated crate's version (`Cargo.toml`); defaults to [`DEFAULT_CRATE_VERSION`].
    pub crate_version: Option<String>,
}

/// The version of a generated crate when none is asked for.
pub const DEFAULT_CRATE_VERSION: &str = "0.1.0";

pub fn lower(model: &Model, selection: &Selection) -> Result<Crate> {
    let (service_id, _) = pick_service(model, selection)?;
    let customized = crate::smithy::transform::for_service(model, service_id);
    let model: &Model = &customized;
    let (service_id, service_shape) = pick_service(model, &Selection { service: Some(service_id.to_string()), ..selection.clone() })?;
    let operation_ids = select_operations(model, service_id, service_shape, selection)?;
    let mut lowering = Lowering::new(model, service_id, service_shape);
    lowering.collect_closure(&operation_ids);
    lowering.assign_names(&operation_ids);
    lowering.find_boxed_edges();
    lowering.finish(&operation_ids, selection)
}

fn pick_service<'m>(model: &'m Model, selection: &Selection) -> Result<(&'m str, &'m Shape)> {
    if let Some(id) = &selection.service {
        return match model.shape(id) {
            Some(shape) if shape.kind == ShapeType::Service => Ok((model.shapes.get_key_value(id).expect("present").0, shape)),
            _ => Err(Error::shape(id, "is not a service shape of this model")),
        };
    }
    let services: Vec<_> = model.services().collect();
    match services.as_slice() {
        [] => Err(Error::NoService),
        [(id, shape)] => Ok((id.as_str(), shape)),
        many => Err(Error::SeveralServices(many.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>().join(", "))),
    }
}

/// Every operation the service binds, directly or through its resources, sorted by shape ID.
fn select_operations(model: &Model, service_id: &str, service: &Shape, selection: &Selection) -> Result<Vec<String>> {
    let mut all = BTreeSet::new();
    let mut resources: VecDeque<&Shape> = VecDeque::from([service]);
    let mut seen_resources = BTreeSet::new();
    while let Some(container) = resources.pop_front() {
        all.extend(container.bound_operations().map(|t| t.target.clone()));
        for r in &container.resources {
            if seen_resources.insert(r.target.clone()) {
                resources.push_back(model.expect(&r.target));
            }
        }
    }
    let Some(wanted) = &selection.operations else {
        return Ok(all.into_iter().collect());
    };
    let mut chosen = BTreeSet::new();
    for name in wanted {
        match all.iter().find(|id| shape_name(id) == name) {
            Some(id) => {
                chosen.insert(id.clone());
            }
            None => {
                return Err(Error::UnknownOperation {
                    service: service_id.to_string(),
                    operation: name.clone(),
                    available: all.iter().map(|id| shape_name(id)).collect::<Vec<_>>().join(", "),
                })
            }
        }
    }
    Ok(chosen.into_iter().collect())
}

struct Lowering<'m> {
    model: &'m Model,
    protocol: Protocol,
    service_id: &'m str,
    service: &'m Shape,
    /// Named shapes (structures, unions, enums) of the closure.
    named: BTreeSet<String>,
    errors: BTreeSet<String>,
    /// How many members of the closure's shapes (lists and maps included) target each shape.
    member_uses: BTreeMap<String, usize>,
    names: BTreeMap<String, TypeName>,
    /// (structure or union, member) pairs that need a `Box` to break a cycle.
    boxed: BTreeSet<(String, String)>,
}

impl<'m> Lowering<'m> {
    fn new(model: &'m Model, service_id: &'m str, service: &'m Shape) -> Self {
        Lowering {
            model,
            protocol: Protocol::of_service(&service.traits),
            service_id,
            service,
            named: BTreeSet::new(),
            errors: BTreeSet::new(),
            member_uses: BTreeMap::new(),
            names: BTreeMap::new(),
            boxed: BTreeSet::new(),
        }
    }

    fn operation_errors(&self, op: &'m Shape) -> impl Iterator<Item = &'m str> {
        op.errors.iter().chain(&self.service.errors).map(|t| t.target.as_str())
    }

    fn collect_closure(&mut self, operation_ids: &[String]) {
        let mut queue = VecDeque::new();
        for id in operation_ids {
            let op = self.model.expect(id);
            queue.extend(op.input.iter().chain(&op.output).map(|t| t.target.as_str()));
            for error in self.operation_errors(op) {
                self.errors.insert(error.to_string());
                queue.push_back(error);
            }
        }
        let mut seen = BTreeSet::new();
        while let Some(id) = queue.pop_front() {
            if !seen.insert(id) || id == "smithy.api#Unit" {
                continue;
            }
            let shape = self.model.expect(id);
            if is_named(shape) {
                self.named.insert(id.to_string());
            }
            for (_, m) in shape.all_members() {
                *self.member_uses.entry(m.target.clone()).or_default() += 1;
                queue.push_back(m.target.as_str());
            }
        }
    }

    fn assign_names(&mut self, operation_ids: &[String]) {
        let io_owner = self.io_owners(operation_ids);
        let mut types = Scope::new("");
        let mut errors = Scope::new("");
        let mut files = BTreeMap::<bool, Scope>::new();
        for id in &self.named {
            if io_owner.contains_key(id.as_str()) {
                continue;
            }
            let is_error = self.errors.contains(id);
            let rust = naming::type_name(self.local_name(id));
            let name = if is_error { errors.claim(rust) } else { types.claim(rust) };
            let file = files.entry(is_error).or_insert_with(|| Scope::new("_")).claim(naming::module_name(&name));
            let module = if is_error { Module::Errors } else { Module::Types };
            self.names.insert(id.clone(), TypeName { module, name, file });
        }
        for (shape, (op_module, name)) in io_owner {
            let file = op_module.clone();
            self.names.insert(shape.to_string(), TypeName { module: Module::Operation(op_module), name, file });
        }
    }

    /// Input and output structures used by exactly one operation and nothing else (no member of
    /// any shape, lists and maps included, targets them) move into that operation's module as
    /// `<Op>Input` / `<Op>Output`, as aws-sdk-rust names them.
    fn io_owners(&self, operation_ids: &[String]) -> BTreeMap<&'m str, (String, String)> {
        let mut uses: BTreeMap<&str, usize> = self.member_uses.iter().map(|(id, n)| (id.as_str(), *n)).collect();
        for id in operation_ids {
            let op = self.model.expect(id);
            for t in op.input.iter().chain(&op.output) {
                *uses.entry(t.target.as_str()).or_default() += 1;
            }
        }
        let mut owners = BTreeMap::new();
        for (id, module) in self.operation_modules(operation_ids) {
            let op = self.model.expect(id);
            let op_name = naming::type_name(self.local_name(id));
            for (target, suffix) in [(&op.input, "Input"), (&op.output, "Output")] {
                if let Some(t) = target {
                    if t.target != "smithy.api#Unit" && uses.get(t.target.as_str()) == Some(&1) {
                        let shape_id = self.model.shapes.get_key_value(&t.target).expect("checked").0.as_str();
                        owners.insert(shape_id, (module.clone(), format!("{op_name}{suffix}")));
                    }
                }
            }
        }
        owners
    }

    fn operation_modules(&self, operation_ids: &'m [String]) -> Vec<(&'m str, String)> {
        let mut scope = Scope::new("_");
        operation_ids
            .iter()
            .map(|id| (id.as_str(), scope.claim(naming::module_name(&naming::type_name(self.local_name(id))))))
            .collect()
    }

    /// The shape's name in this service, honouring the service's `rename` map.
    fn local_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.service.rename.get(id).map_or_else(|| shape_name(id), String::as_str)
    }

    /// A member edge between structures/unions needs a `Box` when it lies on a cycle that no
    /// list or map breaks (`Vec` and `BTreeMap` already put the value on the heap).
    fn find_boxed_edges(&mut self) {
        let direct: BTreeMap<&str, Vec<(&str, &str)>> = self
            .named
            .iter()
            .map(|id| {
                let edges = self
                    .model
                    .expect(id)
                    .members
                    .iter()
                    .filter(|(_, m)| self.is_aggregate(&m.target))
                    .map(|(name, m)| (name.as_str(), m.target.as_str()))
                    .collect();
                (id.as_str(), edges)
            })
            .collect();
        for (from, edges) in &direct {
            for (member, to) in edges {
                if reaches(&direct, to, from) {
                    self.boxed.insert((from.to_string(), member.to_string()));
                }
            }
        }
    }

    fn is_aggregate(&self, id: &str) -> bool {
        matches!(self.model.expect(id).kind, ShapeType::Structure | ShapeType::Union) && id != "smithy.api#Unit"
    }

    fn finish(self, operation_ids: &[String], selection: &Selection) -> Result<Crate> {
        let mut krate = Crate {
            name: self.crate_name(selection)?,
            version: crate_version(selection)?,
            service: self.service_info(),
            operations: Vec::new(),
            structs: Vec::new(),
            enums: Vec::new(),
            int_enums: Vec::new(),
            unions: Vec::new(),
        };
        for id in &self.named {
            let shape = self.model.expect(id);
            match shape.kind {
                ShapeType::Structure => krate.structs.push(self.lower_struct(id, shape)?),
                ShapeType::Union => krate.unions.push(self.lower_union(id, shape)?),
                ShapeType::Enum | ShapeType::String => krate.enums.push(self.lower_enum(id, shape)?),
                ShapeType::IntEnum => krate.int_enums.push(self.lower_int_enum(id, shape)?),
                _ => {}
            }
        }
        krate.service.endpoint_rules = endpoint::lower_rules(self.service).map_err(|e| Error::shape(self.service_id, e))?;
        for (id, module) in self.operation_modules(operation_ids) {
            let (mut op, synthesized) = self.lower_operation(id, module)?;
            let op_traits = &self.model.expect(id).traits;
            if let Some(value) = op_traits.get(checksum::HTTP_CHECKSUM) {
                let input = synthesized.iter().chain(&krate.structs).find(|s| s.name == op.input).expect("inputs are lowered");
                op.checksum = Some(checksum::http_checksum(value, input));
            }
            if let Some(rules) = &krate.service.endpoint_rules {
                op.endpoint_params = endpoint::operation_params(self.model, self.model.expect(id), rules);
            }
            krate.structs.extend(synthesized);
            krate.operations.push(op);
        }
        let outputs: BTreeSet<TypeName> = krate.operations.iter().map(|op| op.output.clone()).collect();
        for s in krate.structs.iter_mut().filter(|s| outputs.contains(&s.name) && s.error.is_none()) {
            s.metadata = Some(Metadata { field: naming::METADATA_FIELD.to_string(), kind: MetadataKind::Response });
        }
        krate.structs.sort_by(|a, b| a.name.cmp(&b.name));
        krate.enums.sort_by(|a, b| a.name.cmp(&b.name));
        krate.int_enums.sort_by(|a, b| a.name.cmp(&b.name));
        krate.unions.sort_by(|a, b| a.name.cmp(&b.name));
        krate.operations.sort_by(|a, b| a.module.cmp(&b.module));
        Ok(krate)
    }

    /// The crate's name: the one asked for, which must be a valid crate name, else the service's
    /// `sdkId` (or shape name) in lowercase letters and digits, prefixed when it does not start
    /// with a letter.
    fn crate_name(&self, selection: &Selection) -> Result<String> {
        if let Some(name) = &selection.crate_name {
            let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            return if valid { Ok(name.clone()) } else { Err(Error::CrateName(name.clone())) };
        }
        let sdk_id = self.service.traits.get(AWS_SERVICE).and_then(|v| v.get("sdkId")).and_then(Value::as_str);
        let base = sdk_id.unwrap_or_else(|| shape_name(self.service_id));
        let name: String = base.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
        Ok(if name.starts_with(|c: char| c.is_ascii_alphabetic()) { name } else { format!("service{name}") })
    }

    /// Whether the service's protocol honours the HTTP binding traits (and `@jsonName`): the
    /// REST protocols do; the RPC ones (awsJson, awsQuery, ec2Query, rpcv2Cbor) ignore them.
    fn http_bindings(&self) -> bool {
        self.protocol.honours_http_bindings()
    }

    fn service_info(&self) -> Service {
        let traits = &self.service.traits;
        Service {
            shape_id: self.service_id.to_string(),
            name: naming::type_name(shape_name(self.service_id)),
            wire_name: shape_name(self.service_id).to_string(),
            title: traits.string(TITLE).map(str::to_string),
            sdk_id: traits.get(AWS_SERVICE).and_then(|v| v.get("sdkId")).and_then(Value::as_str).map(str::to_string),
            version: self.service.version.clone(),
            protocol: self.protocol.clone(),
            xml_namespace: xml_namespace(traits),
            query_compatible: traits.has(AWS_QUERY_COMPATIBLE),
            signing_name: traits.get("aws.auth#sigv4").and_then(|v| v.get("name")).and_then(Value::as_str).map(str::to_string),
            endpoint_prefix: traits.get(AWS_SERVICE).and_then(|v| v.get("endpointPrefix")).and_then(Value::as_str).map(str::to_string),
            docs: docs(traits.documentation()),
            endpoint_rules: None,
        }
    }

    fn lower_operation(&self, id: &str, module: String) -> Result<(Operation, Vec<Struct>)> {
        let op = self.model.expect(id);
        let name = naming::type_name(self.local_name(id));
        let mut synthesized = Vec::new();
        let mut io = |target: &Option<crate::smithy::Target>, suffix: &str| match target {
            Some(t) if t.target != "smithy.api#Unit" => self.names[&t.target].clone(),
            _ => {
                let type_name = TypeName { module: Module::Operation(module.clone()), name: format!("{name}{suffix}"), file: module.clone() };
                synthesized.push(Struct {
                    shape_id: format!("{id}${suffix}"),
                    name: type_name.clone(),
                    docs: None,
                    fields: Vec::new(),
                    error: None,
                    sensitive: false,
                    omitted: Vec::new(),
                    xml_name: format!("{}{suffix}", shape_name(id)),
                    xml_namespace: None,
                    metadata: None,
                });
                type_name
            }
        };
        let input = io(&op.input, "Input");
        let output = io(&op.output, "Output");
        let mut variants = Scope::new("");
        variants.reserve("Unhandled");
        variants.reserve("InvalidResponse");
        let mut seen = BTreeSet::new();
        let errors = self
            .operation_errors(op)
            .filter(|e| seen.insert(*e))
            .map(|e| {
                let code = self.error_code(e, self.model.expect(e));
                let shape_code = shape_name(e).to_string();
                OperationError {
                    variant: variants.claim(self.names[e].name.clone()),
                    ty: self.names[e].clone(),
                    other_codes: if code != shape_code && self.protocol.uses_json() { vec![shape_code] } else { Vec::new() },
                    code,
                }
            })
            .collect();
        let http = match op.traits.get(HTTP) {
            Some(h) => {
                let (method, uri) = (h.get("method").and_then(Value::as_str), h.get("uri").and_then(Value::as_str));
                let (Some(method), Some(uri)) = (method, uri) else {
                    return Err(Error::shape(id, "`@http` needs a string `method` and `uri`"));
                };
                let uri = http::UriPattern::parse(uri).map_err(|problem| Error::shape(id, format!("`@http` uri `{uri}` {problem}")))?;
                let code = h.get("code").and_then(Value::as_u64).and_then(|c| u16::try_from(c).ok()).unwrap_or(200);
                Some(Http { method: http::HttpMethod::parse(method), uri, code })
            }
            None => None,
        };
        let operation = Operation {
            shape_id: id.to_string(),
            error_name: format!("{name}Error"),
            name,
            module,
            docs: docs(op.traits.documentation()),
            http,
            host_prefix: op.traits.get(ENDPOINT).and_then(|e| e.get("hostPrefix")).and_then(Value::as_str).map(http::HostPrefix::parse),
            checksum_required: op.traits.has(HTTP_CHECKSUM_REQUIRED),
            checksum: None,
            auth: auth::operation_auth(&self.service.traits, &op.traits),
            constant_headers: op
                .traits
                .get(transform::CONSTANT_HEADER)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|h| Some((h.get("name")?.as_str()?.to_string(), h.get("value")?.as_str()?.to_string())))
                .collect(),
            tree_hash_checksums: op.traits.has(transform::TREE_HASH),
            unwrapped_xml_output: op.traits.has("aws.customizations#s3UnwrappedXmlOutput"),
            gzip_request: op
                .traits
                .get(REQUEST_COMPRESSION)
                .and_then(|c| c.get("encodings"))
                .and_then(Value::as_array)
                .is_some_and(|encodings| encodings.iter().any(|e| e.as_str().is_some_and(|e| e.eq_ignore_ascii_case("gzip")))),
            wire_name: shape_name(id).to_string(),
            input,
            output,
            errors,
            endpoint_params: Vec::new(),
        };
        Ok((operation, synthesized))
    }

    fn lower_struct(&self, id: &str, shape: &Shape) -> Result<Struct> {
        let mut scope = Scope::new("_");
        let mut fields = Vec::new();
        let mut omitted = Vec::new();
        for (member_name, member) in &shape.members {
            let target = self.model.expect(&member.target);
            let ty = self.ty(id, member_name, member)?;
            if ty.is_event_stream() {
                omitted.push((member_name.clone(), EVENT_STREAM_REFUSAL.to_string()));
                continue;
            }
            let name = scope.claim(naming::field_name(member_name));
            fields.push(Field {
                name,
                member_name: member_name.clone(),
                json_name: match self.http_bindings() {
                    true => member.traits.string(JSON_NAME).unwrap_or(member_name).to_string(),
                    false => member_name.clone(),
                },
                optional: is_optional(shape, member, target),
                boxed: self.boxed.contains(&(id.to_string(), member_name.clone())),
                required: member.traits.has(REQUIRED),
                docs: docs(member.traits.documentation().or(target.traits.documentation())),
                default: effective_default(member, target).cloned(),
                documented_default: member.traits.get(DOCUMENTED_DEFAULT).cloned(),
                query_name: self.query_name(member_name, member),
                http: if self.http_bindings() { http_binding(&member.traits) } else { HttpBinding::Body },
                deprecated: member.traits.has(DEPRECATED) || target.traits.has(DEPRECATED),
                idempotency_token: member.traits.has(IDEMPOTENCY_TOKEN),
                builder_fills_token: member.traits.has(IDEMPOTENCY_TOKEN)
                    && !is_optional(shape, member, target)
                    && matches!(ty.kind, TyKind::String)
                    && self.protocol.has_wire_layer(),
                label_default: member.traits.string(transform::LABEL_DEFAULT).map(str::to_string),
                trims_resource_id: member.traits.has(transform::TRIM_RESOURCE_ID),
                endpoint_override: member.traits.has(transform::ENDPOINT_OVERRIDE),
                ty,
            });
        }
        let mut names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
        naming::rename_accessor_clashes(&mut names, &mut scope);
        for (field, name) in fields.iter_mut().zip(names) {
            field.name = name;
        }
        let query_error = shape.traits.get(AWS_QUERY_ERROR).filter(|_| self.protocol == Protocol::AwsQuery);
        let query_status = query_error.and_then(|e| e.get("httpResponseCode")).and_then(Value::as_u64);
        let error = shape.traits.string(ERROR).map(|fault| ErrorInfo {
            code: self.error_code(id, shape),
            fault: fault.to_string(),
            http_status: shape.traits.get(HTTP_ERROR).and_then(Value::as_u64).or(query_status).and_then(|c| u16::try_from(c).ok()),
            message_field: message_field(&fields),
            retryable: shape.traits.has(RETRYABLE),
            throttling: shape.traits.get(RETRYABLE).and_then(|r| r.get("throttling")).and_then(Value::as_bool).unwrap_or(false),
        });
        Ok(Struct {
            shape_id: id.to_string(),
            name: self.names[id].clone(),
            docs: docs(shape.traits.documentation()),
            fields,
            sensitive: shape.traits.has(SENSITIVE),
            omitted,
            xml_name: shape.traits.string(XML_NAME).unwrap_or(shape_name(id)).to_string(),
            xml_namespace: xml_namespace(&shape.traits),
            metadata: error.is_some().then(|| Metadata { field: naming::METADATA_FIELD.to_string(), kind: MetadataKind::Error }),
            error,
        })
    }

    fn lower_union(&self, id: &str, shape: &Shape) -> Result<Union> {
        let mut scope = Scope::new("");
        let mut variants = Vec::new();
        for (member_name, member) in &shape.members {
            let target = self.model.expect(&member.target);
            let ty = if member.target == "smithy.api#Unit" { None } else { Some(self.ty(id, member_name, member)?) };
            variants.push(UnionVariant {
                name: scope.claim(naming::variant_name(member_name)),
                member_name: member_name.clone(),
                json_name: match self.http_bindings() {
                    true => member.traits.string(JSON_NAME).unwrap_or(member_name).to_string(),
                    false => member_name.clone(),
                },
                xml_name: member.traits.string(XML_NAME).unwrap_or(member_name).to_string(),
                ty,
                boxed: self.boxed.contains(&(id.to_string(), member_name.clone())),
                docs: docs(member.traits.documentation().or(target.traits.documentation())),
            });
        }
        Ok(Union {
            shape_id: id.to_string(),
            name: self.names[id].clone(),
            docs: docs(shape.traits.documentation()),
            variants,
            sensitive: shape.traits.has(SENSITIVE),
        })
    }

    fn lower_enum(&self, id: &str, shape: &Shape) -> Result<Enum> {
        let mut scope = Scope::new("");
        let mut variants = Vec::new();
        if shape.kind == ShapeType::Enum {
            for (member_name, member) in &shape.members {
                let value = member.traits.string(ENUM_VALUE).unwrap_or(member_name).to_string();
                variants.push(EnumVariant {
                    name: scope.claim(naming::variant_name(member_name)),
                    value,
                    docs: docs(member.traits.documentation()),
                    deprecated: member.traits.has(DEPRECATED),
                });
            }
        } else {
            let Some(Value::Array(definitions)) = shape.traits.get(ENUM) else {
                return Err(Error::shape(id, "a string shape in the closure must carry `smithy.api#enum` to be an enum"));
            };
            for definition in definitions {
                let Some(value) = definition.get("value").and_then(Value::as_str) else {
                    return Err(Error::shape(id, "every `smithy.api#enum` entry needs a string `value`"));
                };
                let raw = definition.get("name").and_then(Value::as_str).unwrap_or(value);
                variants.push(EnumVariant {
                    name: scope.claim(naming::variant_name(raw)),
                    value: value.to_string(),
                    docs: docs(definition.get("documentation").and_then(Value::as_str)),
                    deprecated: definition.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
                });
            }
        }
        Ok(Enum { shape_id: id.to_string(), name: self.names[id].clone(), docs: docs(shape.traits.documentation()), variants })
    }

    fn lower_int_enum(&self, id: &str, shape: &Shape) -> Result<IntEnum> {
        let mut scope = Scope::new("");
        let mut variants = Vec::new();
        for (member_name, member) in &shape.members {
            let value = member
                .traits
                .get(ENUM_VALUE)
                .and_then(Value::as_i64)
                .and_then(|v| i32::try_from(v).ok())
                .ok_or_else(|| Error::member(id, member_name, "an intEnum member needs an integer `smithy.api#enumValue`"))?;
            variants.push(IntEnumVariant { name: scope.claim(naming::variant_name(member_name)), value, docs: docs(member.traits.documentation()) });
        }
        Ok(IntEnum { shape_id: id.to_string(), name: self.names[id].clone(), docs: docs(shape.traits.documentation()), variants })
    }

    /// The type of a member, with the constraints of the member and its target merged.
    fn ty(&self, owner: &str, member_name: &str, member: &Member) -> Result<Ty> {
        let target = self.model.expect(&member.target);
        let mut ty = self.target_ty(owner, member_name, &member.target)?;
        let traits = &member.traits;
        let c = &mut ty.constraints;
        c.length = traits.bounds(LENGTH).or(c.length.take());
        c.range = traits.bounds(RANGE).or(c.range.take());
        if let Some(own) = traits.string(PATTERN) {
            c.pattern = Some(own.to_string());
            c.pattern_checkable = regex_lite::Regex::new(own).is_ok();
        }
        c.sensitive |= traits.has(SENSITIVE) || target.traits.has(SENSITIVE);
        if let Some(format) = traits.string(TIMESTAMP_FORMAT) {
            ty.timestamp_format = Some(http::TimestampFormat::parse(format).ok_or_else(|| Error::member(owner, member_name, format!("`@timestampFormat` \"{format}\" is not date-time, http-date or epoch-seconds")))?);
        }
        ty.xml = XmlMember {
            name: traits.string(XML_NAME).unwrap_or(member_name).to_string(),
            renamed: traits.has(XML_NAME),
            namespace: xml_namespace(traits),
            attribute: traits.has(XML_ATTRIBUTE),
            flattened: traits.has(XML_FLATTENED),
        };
        Ok(ty)
    }

    /// The error's code on the wire: its `awsQueryError` code under awsQuery (and for an
    /// `awsQueryCompatible` service, which sends it in `x-amzn-query-error`), else its shape name.
    fn error_code(&self, id: &str, shape: &Shape) -> String {
        let custom = shape.traits.get(AWS_QUERY_ERROR).and_then(|e| e.get("code")).and_then(Value::as_str);
        let query_codes = self.protocol == Protocol::AwsQuery || self.service.traits.has(AWS_QUERY_COMPATIBLE);
        match custom {
            Some(code) if query_codes => code.to_string(),
            _ => shape_name(id).to_string(),
        }
    }

    /// The member's key in a query-protocol request.
    fn query_name(&self, member_name: &str, member: &Member) -> String {
        let xml_name = member.traits.string(XML_NAME);
        if self.protocol != Protocol::Ec2Query {
            return xml_name.unwrap_or(member_name).to_string();
        }
        if let Some(name) = member.traits.string(EC2_QUERY_NAME) {
            return name.to_string();
        }
        let base = xml_name.unwrap_or(member_name);
        let mut chars = base.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }

    fn target_ty(&self, owner: &str, member_name: &str, id: &str) -> Result<Ty> {
        let shape = self.model.expect(id);
        let named = || self.names.get(id).cloned().ok_or_else(|| Error::member(owner, member_name, format!("target `{id}` was not named")));
        let kind = match shape.kind {
            ShapeType::Blob => TyKind::Blob { streaming: shape.traits.has(STREAMING) },
            ShapeType::Boolean => TyKind::Boolean,
            ShapeType::String if shape.traits.has(ENUM) => TyKind::Enum(named()?),
            ShapeType::String => TyKind::String,
            ShapeType::Byte => TyKind::Byte,
            ShapeType::Short => TyKind::Short,
            ShapeType::Integer => TyKind::Integer,
            ShapeType::Long => TyKind::Long,
            ShapeType::Float => TyKind::Float,
            ShapeType::Double => TyKind::Double,
            ShapeType::BigInteger => TyKind::BigInteger,
            ShapeType::BigDecimal => TyKind::BigDecimal,
            ShapeType::Timestamp => TyKind::Timestamp,
            ShapeType::Document => TyKind::Document,
            ShapeType::Enum => TyKind::Enum(named()?),
            ShapeType::IntEnum => TyKind::IntEnum(named()?),
            ShapeType::Structure if id == "smithy.api#Unit" => TyKind::Unit,
            ShapeType::Structure => TyKind::Struct(named()?),
            ShapeType::Union => TyKind::Union(named()?),
            ShapeType::List | ShapeType::Set => {
                let member = shape.member.as_ref().expect("checked by load");
                TyKind::List { item: Box::new(self.ty(id, "member", member)?), sparse: shape.traits.has(SPARSE) }
            }
            ShapeType::Map => {
                let key = shape.key.as_ref().expect("checked by load");
                let value = shape.value.as_ref().expect("checked by load");
                TyKind::Map {
                    key: Box::new(self.ty(id, "key", key)?),
                    value: Box::new(self.ty(id, "value", value)?),
                    sparse: shape.traits.has(SPARSE),
                }
            }
            ShapeType::Service | ShapeType::Operation | ShapeType::Resource | ShapeType::Apply => {
                return Err(Error::member(owner, member_name, format!("targets `{id}`, which is not a data shape")))
            }
        };
        let traits = &shape.traits;
        let pattern = traits.string(PATTERN);
        let constraints = Constraints {
            length: traits.bounds(LENGTH),
            range: traits.bounds(RANGE),
            pattern: pattern.map(str::to_string),
            pattern_checkable: pattern.is_some_and(|p| regex_lite::Regex::new(p).is_ok()),
            unique_items: traits.has(UNIQUE_ITEMS) || shape.kind == ShapeType::Set,
            sensitive: traits.has(SENSITIVE),
        };
        Ok(Ty {
            kind,
            shape_id: id.to_string(),
            constraints,
            timestamp_format: match traits.string(TIMESTAMP_FORMAT) {
                Some(format) => Some(http::TimestampFormat::parse(format).ok_or_else(|| Error::shape(id, format!("`@timestampFormat` \"{format}\" is not date-time, http-date or epoch-seconds")))?),
                None => None,
            },
            media_type: traits.string(MEDIA_TYPE).map(str::to_string),
            streaming: traits.has(STREAMING),
            xml: XmlMember::default(),
        })
    }
}

const EVENT_STREAM_REFUSAL: &str = "it is an event stream, which this generator does not support yet: the service sends or receives it as a stream of framed events, not as one value";

fn is_named(shape: &Shape) -> bool {
    match shape.kind {
        ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => !shape.traits.has(UNIT_TYPE),
        ShapeType::String => shape.traits.has(ENUM),
        _ => false,
    }
}

fn reaches(graph: &BTreeMap<&str, Vec<(&str, &str)>>, from: &str, goal: &str) -> bool {
    let mut stack = vec![from];
    let mut seen = BTreeSet::new();
    while let Some(node) = stack.pop() {
        if node == goal {
            return true;
        }
        if seen.insert(node) {
            stack.extend(graph.get(node).into_iter().flatten().map(|(_, to)| *to));
        }
    }
    false
}

fn http_binding(traits: &Traits) -> HttpBinding {
    if traits.has(HTTP_LABEL) {
        HttpBinding::Label
    } else if let Some(name) = traits.string(HTTP_QUERY) {
        HttpBinding::Query(name.to_string())
    } else if traits.has(HTTP_QUERY_PARAMS) {
        HttpBinding::QueryParams
    } else if let Some(name) = traits.string(HTTP_HEADER) {
        HttpBinding::Header(name.to_string())
    } else if let Some(prefix) = traits.string(HTTP_PREFIX_HEADERS) {
        HttpBinding::PrefixHeaders(prefix.to_string())
    } else if traits.has(HTTP_PAYLOAD) {
        HttpBinding::Payload
    } else if traits.has(HTTP_RESPONSE_CODE) {
        HttpBinding::ResponseCode
    } else {
        HttpBinding::Body
    }
}

/// The member an error's `Display` shows: `message`, else `errorMessage`/`exceptionMessage` and kin.
fn message_field(fields: &[Field]) -> Option<usize> {
    let is_string = |f: &Field| matches!(f.ty.kind, TyKind::String) && f.http == HttpBinding::Body;
    fields
        .iter()
        .position(|f| is_string(f) && f.member_name.eq_ignore_ascii_case("message"))
        .or_else(|| fields.iter().position(|f| is_string(f) && f.member_name.to_ascii_lowercase().ends_with("message")))
}

fn xml_namespace(traits: &crate::smithy::traits::Traits) -> Option<XmlNamespace> {
    let value = traits.get(XML_NAMESPACE)?;
    Some(XmlNamespace {
        uri: value.get("uri").and_then(Value::as_str).unwrap_or_default().to_string(),
        prefix: value.get("prefix").and_then(Value::as_str).map(str::to_string),
    })
}

fn docs(html: Option<&str>) -> Option<String> {
    html.map(html_to_markdown).filter(|md| !md.is_empty())
}

/// The crate version asked for, which must be a semantic version (`1.2.3`, `1.2.3-rc.1`).
fn crate_version(selection: &Selection) -> Result<String> {
    let Some(version) = &selection.crate_version else { return Ok(DEFAULT_CRATE_VERSION.to_string()) };
    semver::Version::parse(version).map(|_| version.clone()).map_err(|_| Error::CrateVersion(version.clone()))
}
