//! The crate's skeleton: `Cargo.toml`, `lib.rs`, module index files and the inlined runtime files.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::ident;
use std::collections::BTreeSet;

use crate::ir::{BodyFormat, Crate, Module, Ty, TyKind};

/// `lib.rs`, `types.rs`, `types/error.rs` and `operation.rs`.
pub fn module_files(krate: &Crate) -> Vec<(String, TokenStream)> {
    vec![
        ("src/lib.rs".to_string(), lib_rs(krate)),
        ("src/types.rs".to_string(), types_rs(krate, Module::Types)),
        ("src/types/error.rs".to_string(), types_rs(krate, Module::Errors)),
        ("src/operation.rs".to_string(), operation_rs(krate)),
    ]
}

fn lib_rs(krate: &Crate) -> TokenStream {
    let service = &krate.service;
    let title = service.title.clone().or_else(|| service.sdk_id.clone()).unwrap_or_else(|| service.name.clone());
    let mut lines = vec![format!("# {title}"), String::new()];
    if let Some(docs) = &service.docs {
        lines.extend(docs.lines().map(str::to_string));
        lines.push(String::new());
    }
    lines.push(format!(
        "Types for the `{}` service{}, generated from its Smithy model.",
        service.shape_id,
        service.version.as_ref().map(|v| format!(" (API version {v})")).unwrap_or_default()
    ));
    lines.push(String::new());
    lines.push("Operations:".to_string());
    lines.extend(krate.operations.iter().map(|op| format!("- [`{}`](operation::{}::{})", op.name, op.module, op.name)));
    let protocol = service.protocol.name();
    lines.push(String::new());
    lines.push(format!("Protocol: `{protocol}`."));
    if super::protocol::supported(krate) {
        lines.push("Each operation module has `serialize_request`, which turns the input into an `http::Request`, and `parse_response`, which turns an `http::Response` into the output or the operation's error.".to_string());
    } else {
        lines.push(format!(
            "This crate has no wire layer: the generator writes requests and reads responses for `restJson1`, `awsJson1_0`, `awsJson1_1`, `restXml`, `awsQuery` and `ec2Query`, and this service speaks `{protocol}`. The types, builders, validation and errors are complete; the SDK that vendors the crate serializes them itself."
        ));
    }
    let body_module = uses_byte_stream(krate).then(|| quote!(pub mod body;));
    let endpoint_modules = krate.service.endpoint_rules.is_some().then(|| quote!(pub mod endpoint; #[doc(hidden)] pub mod rules;));
    let wire_modules = runtime_modules(krate).into_iter().map(|(module, _)| {
        let module = format_ident!("{}", module);
        quote!(#[doc(hidden)] pub mod #module;)
    });
    let lines = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    let metadata = service_constants(krate);
    let apply_endpoint = super::protocol::supported(krate).then(|| quote!(pub use wire::apply_endpoint;));
    let auth_module = super::protocol::supported(krate).then(|| quote!(pub mod auth;));
    let checksums_module = (super::protocol::supported(krate) && uses_checksums(krate)).then(|| quote!(pub mod checksums;));
    quote! {
        #(#![doc = #lines])*
        #![forbid(unsafe_code)]
        #![allow(clippy::large_enum_variant, clippy::module_inception, clippy::doc_lazy_continuation, clippy::collapsible_if, clippy::collapsible_match, clippy::result_large_err, clippy::single_match, clippy::needless_question_mark, clippy::field_reassign_with_default, clippy::unnecessary_to_owned, clippy::should_implement_trait, clippy::new_ret_no_self, clippy::wrong_self_convention)]

        #auth_module
        #checksums_module
        pub mod error;
        pub mod operation;
        pub use error::{ProvideErrorMetadata, RequestId, ServiceError};
        #apply_endpoint
        #metadata
        pub mod primitives;
        pub mod types;
        pub mod validation;
        #body_module
        #endpoint_modules
        #(#wire_modules)*
    }
}

/// The service's facts an SDK needs to call it: IDs, version, signing name, endpoint prefix, protocol.
fn service_constants(krate: &Crate) -> TokenStream {
    let service = &krate.service;
    let constant = |name: &str, doc: &str, value: Option<&str>| {
        value.map(|value| {
            let name = format_ident!("{}", name);
            let doc = format!(" {doc}");
            quote!(#[doc = #doc] pub const #name: &str = #value;)
        })
    };
    let items = [
        constant("SERVICE_ID", "The service's shape ID in its Smithy model.", Some(&service.shape_id)),
        constant("SDK_ID", "The service's SDK ID (`aws.api#service` `sdkId`).", service.sdk_id.as_deref()),
        constant("API_VERSION", "The API version the model describes.", service.version.as_deref()),
        constant("SIGNING_NAME", "The service name requests are signed with (`aws.auth#sigv4` `name`).", service.signing_name.as_deref()),
        constant("ENDPOINT_PREFIX", "The service's part of its endpoints' host names (`aws.api#service` `endpointPrefix`).", service.endpoint_prefix.as_deref()),
        constant("PROTOCOL", "The protocol the service speaks, as its Smithy trait names it.", Some(service.protocol.name())),
    ];
    quote!(#(#items)*)
}

fn types_rs(krate: &Crate, module: Module) -> TokenStream {
    let mut entries: Vec<(&str, &str, bool)> = Vec::new();
    entries.extend(krate.structs.iter().filter(|s| s.name.module == module).map(|s| (s.name.file.as_str(), s.name.name.as_str(), true)));
    if module == Module::Types {
        entries.extend(krate.enums.iter().map(|e| (e.name.file.as_str(), e.name.name.as_str(), false)));
        entries.extend(krate.int_enums.iter().map(|e| (e.name.file.as_str(), e.name.name.as_str(), false)));
        entries.extend(krate.unions.iter().map(|u| (u.name.file.as_str(), u.name.name.as_str(), false)));
    }
    entries.sort();
    let mods = entries.iter().map(|(file, _, _)| ident(file));
    let uses = entries.iter().map(|(file, name, _)| {
        let (file, name) = (ident(file), format_ident!("{}", name));
        quote!(pub use self::#file::#name;)
    });
    let builders = entries.iter().filter(|(_, _, has_builder)| *has_builder).map(|(file, name, _)| {
        let (file, builder) = (ident(file), format_ident!("{}", crate::ir::naming::builder(name)));
        quote!(pub use super::#file::#builder;)
    });
    let (doc, error_mod) = match module {
        Module::Types => (" Structures, enums and unions of the service.", Some(quote!(pub mod error;))),
        _ => (" The errors the service's operations declare.", None),
    };
    quote! {
        #![doc = #doc]
        #error_mod
        #(mod #mods;)*
        #(#uses)*

        /// Builders of the structures in this module.
        pub mod builders {
            #(#builders)*
        }
    }
}

fn operation_rs(krate: &Crate) -> TokenStream {
    let mods = krate.operations.iter().map(|op| {
        let module = ident(&op.module);
        let doc = format!(" The `{}` operation: its input, output and errors.", op.name);
        quote!(#[doc = #doc] pub mod #module;)
    });
    let operation_trait = super::protocol::supported(krate).then(|| {
        let endpoint_params = krate.service.endpoint_rules.is_some().then(|| {
            quote! {
                /// The endpoint parameters for a call with `input`: `base` (the client's region,
                /// FIPS and dual-stack settings, custom endpoint) with what the operation sets.
                fn endpoint_params(input: &Self::Input, base: crate::endpoint::Params) -> crate::endpoint::Params;
            }
        });
        quote! {
            /// What every operation of the crate is, so an SDK can send any of them with one generic
            /// function: `fn send<O: Operation>(input: &O::Input) -> Result<O::Output, ...>`.
            ///
            /// Implemented by each operation's marker type (such as `update_stage::UpdateStage`).
            pub trait Operation {
                /// The operation's input.
                type Input;
                /// What a successful response gives.
                type Output: crate::error::RequestId;
                /// Every error the operation can return.
                type Error: crate::error::ServiceError;
                /// The operation's name in the model.
                const NAME: &'static str;
                /// The schemes that authenticate a call, in the model's priority order: sign with
                /// the first one the SDK supports. Empty: the operation is called anonymously, and
                /// a signature would need credentials the caller may not have yet.
                const AUTH_SCHEMES: &'static [crate::auth::AuthScheme];
                /// `@optionalAuth`: the call may also be sent unsigned.
                const OPTIONAL_AUTH: bool = false;
                /// `aws.auth#unsignedPayload`: SigV4 signs the body as `UNSIGNED-PAYLOAD` instead
                /// of its hash.
                const UNSIGNED_PAYLOAD: bool = false;
                /// Builds the HTTP request (path and query only; see [`crate::apply_endpoint`]).
                fn serialize_request(input: &Self::Input) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::SerializeError>;
                /// Reads the HTTP response.
                fn parse_response<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<Self::Output, Self::Error>;
                /// The `@endpoint` host prefix to put before the endpoint's host, if the operation has one.
                fn host_prefix(input: &Self::Input) -> ::std::result::Result<::std::option::Option<::std::string::String>, crate::error::SerializeError> {
                    let _ = input;
                    ::std::result::Result::Ok(::std::option::Option::None)
                }
                #endpoint_params
            }
        }
    });
    quote! {
        //! One module per operation, and the `Operation` trait they all implement.
        #(#mods)*
        #operation_trait
    }
}

/// Runtime files, without their unit tests (those run in `codegen/inlineable`) and without the
/// sections (`// @section NAME` … `// @end`) for types the crate does not use.
pub fn inlineables(krate: &Crate) -> Vec<(&'static str, String)> {
    let features = runtime_features(krate);
    let mut files = vec![
        ("src/validation.rs", include_str!("../../inlineable/src/validation.rs")),
        ("src/error.rs", include_str!("../../inlineable/src/error.rs")),
        ("src/primitives.rs", include_str!("../../inlineable/src/primitives.rs")),
    ];
    if uses_byte_stream(krate) {
        files.push(("src/body.rs", include_str!("../../inlineable/src/body.rs")));
    }
    if krate.service.endpoint_rules.is_some() {
        files.push(("src/rules.rs", include_str!("../../inlineable/src/rules.rs")));
    }
    if super::protocol::supported(krate) {
        files.push(("src/auth.rs", include_str!("../../inlineable/src/auth.rs")));
        if uses_checksums(krate) {
            files.push(("src/checksums.rs", include_str!("../../inlineable/src/checksums.rs")));
        }
    }
    files.extend(runtime_modules(krate).into_iter().map(|(module, text)| match module {
        "json" => ("src/json.rs", text),
        "query" => ("src/query.rs", text),
        "wire" => ("src/wire.rs", text),
        _ => ("src/xml.rs", text),
    }));
    files.into_iter().map(|(path, text)| (path, keep_sections(without_tests(text), &features))).collect()
}

/// The wire layer's runtime modules a crate needs, by its protocol's body formats, with their text.
fn runtime_modules(krate: &Crate) -> Vec<(&'static str, &'static str)> {
    let protocol = &krate.service.protocol;
    if !protocol.has_wire_layer() {
        return Vec::new();
    }
    let mut modules = Vec::new();
    if protocol.uses_json() {
        modules.push(("json", include_str!("../../inlineable/src/json.rs")));
    }
    if protocol.request_format() == Some(BodyFormat::Query) {
        modules.push(("query", include_str!("../../inlineable/src/query.rs")));
    }
    modules.push(("wire", include_str!("../../inlineable/src/wire.rs")));
    if protocol.uses_xml() {
        modules.push(("xml", include_str!("../../inlineable/src/xml.rs")));
    }
    modules
}

/// The public types of the runtime files a crate carries only when its members use them (the
/// `primitives` sections and `body.rs`), by path: what a model update can add or take away.
pub fn optional_runtime_types(krate: &Crate) -> Vec<&'static str> {
    let features = runtime_features(krate);
    let by_section: [(&str, &[&'static str]); 4] = [
        ("date-time", &["primitives::DateTime", "primitives::DateTimeError"]),
        ("blob", &["primitives::Base64Error", "primitives::Blob"]),
        ("document", &["primitives::Document", "primitives::Number"]),
        ("big-numbers", &["primitives::BigDecimal", "primitives::BigInteger", "primitives::BigNumberError"]),
    ];
    let mut types: Vec<&'static str> =
        by_section.iter().filter(|(section, _)| features.contains(section)).flat_map(|(_, types)| types.iter().copied()).collect();
    if uses_byte_stream(krate) {
        types.push("body::ByteStream");
    }
    types
}

/// Whether a member is a streaming blob, whose type lives in `body.rs`.
fn uses_byte_stream(krate: &Crate) -> bool {
    krate.structs.iter().flat_map(|s| &s.fields).any(|f| matches!(f.ty.kind, TyKind::Blob { streaming: true }))
}

/// The runtime sections a crate needs, by the types its members use.
fn runtime_features(krate: &Crate) -> BTreeSet<&'static str> {
    let mut features = BTreeSet::new();
    let field_tys = krate.structs.iter().flat_map(|s| &s.fields).map(|f| &f.ty);
    let variant_tys = krate.unions.iter().flat_map(|u| &u.variants).filter_map(|v| v.ty.as_ref());
    for ty in field_tys.chain(variant_tys) {
        collect_features(ty, &mut features);
    }
    if krate.operations.iter().any(|op| op.content_md5()) {
        features.extend(["checksum", "blob"]);
    }
    if uses_checksums(krate) {
        features.insert("blob");
    }
    if krate.operations.iter().any(|op| op.gzip_request) {
        features.insert("gzip");
    }
    if super::protocol::query_compatible(krate) {
        features.insert("query-compatible");
    }
    features.extend(super::customizations::runtime_features(krate));
    if let Some(rules) = &krate.service.endpoint_rules {
        features.extend(super::endpoint::runtime_features(rules));
    }
    if features.contains("date-time") || features.contains("big-numbers") {
        features.insert("excerpt");
    }
    if features.contains("date-time") || features.contains("document") {
        features.insert("two-pow-63");
    }
    features
}

fn collect_features(ty: &Ty, features: &mut BTreeSet<&'static str>) {
    match &ty.kind {
        TyKind::Timestamp => {
            features.insert("date-time");
        }
        TyKind::Blob { streaming: false } => {
            features.insert("blob");
        }
        // Header strings with a media type travel as base64.
        TyKind::String if ty.media_type.is_some() => {
            features.insert("blob");
        }
        TyKind::Document => {
            features.insert("document");
        }
        TyKind::BigInteger | TyKind::BigDecimal => {
            features.insert("big-numbers");
        }
        TyKind::List { item, .. } => collect_features(item, features),
        TyKind::Map { key, value, .. } => {
            collect_features(key, features);
            collect_features(value, features);
        }
        _ => {}
    }
}

/// The text without the marker lines, and without the sections whose name is not in `keep`;
/// the blank lines around a dropped section become one.
fn keep_sections(text: &str, keep: &BTreeSet<&str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        let marker = line.trim();
        if let Some(name) = marker.strip_prefix("// @section ") {
            skipping = !keep.contains(name);
        } else if marker == "// @end" {
            skipping = false;
        } else if !skipping && !(marker.is_empty() && (out.is_empty() || out.ends_with("\n\n"))) {
            out.push_str(line);
        }
    }
    out
}

fn without_tests(source: &'static str) -> &'static str {
    match source.find("\n#[cfg(test)]\nmod tests") {
        Some(at) => &source[..=at],
        None => source,
    }
}

pub fn cargo_toml(krate: &Crate, generated_by: &str) -> String {
    let service = &krate.service;
    let description = format!(
        "Types for {}, generated from its Smithy model",
        service.title.as_deref().or(service.sdk_id.as_deref()).unwrap_or(&service.name)
    );
    let dependencies: String = dependencies(krate).into_iter().collect();
    format!(
        "# @generated by `{generated_by}`. Do not edit by hand.\n\
         [package]\n\
         name = \"{name}\"\n\
         version = \"{version}\"\n\
         edition = \"2021\"\n\
         description = {description:?}\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         {dependencies}",
        name = krate.name,
        version = krate.version,
    )
}

/// The crate's `[dependencies]` lines, sorted by crate name, each once.
fn dependencies(krate: &Crate) -> BTreeSet<&'static str> {
    let mut lines = BTreeSet::new();
    let wire = super::protocol::supported(krate);
    if wire {
        lines.insert("http = \"1\"\n");
        lines.extend(super::customizations::dependencies(krate));
    }
    if super::validation::uses_regex(krate) || super::endpoint::uses_partitions(krate) {
        lines.insert("regex-lite = \"0.1\"\n");
    }
    if wire && krate.service.protocol.uses_xml() {
        lines.insert("quick-xml = { version = \"0.41\", default-features = false }\n");
    }
    if wire && krate.operations.iter().any(|op| op.gzip_request) {
        lines.insert("flate2 = { version = \"1\", default-features = false, features = [\"rust_backend\"] }\n");
    }
    if wire && uses_checksums(krate) {
        lines.extend([
            "crc32c = { version = \"0.6\", default-features = false }\n",
            "crc32fast = { version = \"1.4\", default-features = false }\n",
            "crc64fast-nvme = { version = \"1.2\", default-features = false }\n",
            "sha1 = { version = \"0.10\", default-features = false }\n",
            SHA2,
        ]);
    }
    lines
}

/// The `sha2` dependency line, shared by flexible checksums and Glacier's tree hash.
pub const SHA2: &str = "sha2 = { version = \"0.10\", default-features = false }\n";

/// Whether an operation has flexible checksums (`aws.protocols#httpChecksum`), whose runtime is
/// `checksums.rs`.
pub fn uses_checksums(krate: &Crate) -> bool {
    krate.operations.iter().any(|op| op.checksum.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_kept_or_dropped_by_name() {
        let text = "a\n\n// @section x\nx\n// @end\n\n// @section y\n    y\n    // @end\n\nb\n";
        assert_eq!(keep_sections(text, &BTreeSet::from(["x"])), "a\n\nx\n\nb\n");
        assert_eq!(keep_sections(text, &BTreeSet::from(["y"])), "a\n\n    y\n\nb\n");
        assert_eq!(keep_sections(text, &BTreeSet::new()), "a\n\nb\n");
    }
}
