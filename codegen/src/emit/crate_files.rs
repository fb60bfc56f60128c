//! The crate's skeleton: `Cargo.toml`, `lib.rs`, module index files and the inlined runtime files.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::runtime::{Dependency, RuntimeFile, Section};
use super::types::ident;
use std::collections::BTreeSet;

use crate::error::{Error, Result};
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
    let wire_modules = runtime_modules(krate).into_iter().map(|file| {
        let module = format_ident!("{}", file.module());
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

/// The runtime files a crate carries: the base three, `body.rs` for streaming blobs, `rules.rs`
/// for an endpoint rule set, and with a wire layer `auth.rs`, `checksums.rs` for flexible
/// checksums and the protocol's modules.
fn runtime_files(krate: &Crate) -> Vec<RuntimeFile> {
    let mut files = vec![RuntimeFile::Validation, RuntimeFile::Error, RuntimeFile::Primitives];
    if uses_byte_stream(krate) {
        files.push(RuntimeFile::Body);
    }
    if krate.service.endpoint_rules.is_some() {
        files.push(RuntimeFile::Rules);
    }
    if super::protocol::supported(krate) {
        files.push(RuntimeFile::Auth);
        if uses_checksums(krate) {
            files.push(RuntimeFile::Checksums);
        }
    }
    files.extend(runtime_modules(krate));
    files
}

/// The wire layer's runtime modules a crate needs, by its protocol's body formats.
fn runtime_modules(krate: &Crate) -> Vec<RuntimeFile> {
    let protocol = &krate.service.protocol;
    if !protocol.has_wire_layer() {
        return Vec::new();
    }
    let mut modules = Vec::new();
    if protocol.uses_json() {
        modules.push(RuntimeFile::Json);
    }
    if protocol.request_format() == Some(BodyFormat::Query) {
        modules.push(RuntimeFile::Query);
    }
    modules.push(RuntimeFile::Wire);
    if protocol.uses_xml() {
        modules.push(RuntimeFile::Xml);
    }
    modules
}

/// The runtime a crate carries: its files, cut to the sections it uses, and the dependencies of
/// its `Cargo.toml`.
pub struct Runtime {
    pub files: Vec<(RuntimeFile, String)>,
    pub dependencies: BTreeSet<Dependency>,
}

/// The crate's runtime files, without their unit tests and without the sections (`// @section
/// NAME` … `// @end`) it does not use. A section the crate needs that none of its files has, or a
/// marker that names no [`Section`], is an error.
pub fn runtime(krate: &Crate) -> Result<Runtime> {
    let files = runtime_files(krate);
    let wanted = wanted_sections(krate, &files);
    let mut kept = BTreeSet::new();
    let mut texts = Vec::with_capacity(files.len());
    for file in &files {
        let (text, sections) = file.keep(&wanted)?;
        kept.extend(sections);
        texts.push((*file, text));
    }
    if let Some(missing) = wanted.difference(&kept).next() {
        let files = files.iter().map(|f| f.path()).collect::<Vec<_>>().join(", ");
        return Err(Error::MissingSection { section: missing.name(), files });
    }
    let mut dependencies: BTreeSet<Dependency> =
        files.iter().flat_map(|f| f.dependencies()).chain(kept.iter().flat_map(|s| s.dependencies())).copied().collect();
    // What the generated code itself uses: `http` in the operations, `regex-lite` in `validate()`.
    if super::protocol::supported(krate) {
        dependencies.insert(Dependency::Http);
    }
    if super::validation::uses_regex(krate) {
        dependencies.insert(Dependency::RegexLite);
    }
    Ok(Runtime { files: texts, dependencies })
}

/// The sections the crate's types and operations use and the files it carries need, with the
/// sections those require.
fn wanted_sections(krate: &Crate, files: &[RuntimeFile]) -> BTreeSet<Section> {
    let by_files = files.iter().flat_map(|f| f.sections()).copied();
    Section::closure(runtime_sections(krate).into_iter().chain(by_files))
}

/// The public types of the runtime files a crate carries only when its members use them (the
/// `primitives` sections and `body.rs`), by path: what a model update can add or take away.
pub fn optional_runtime_types(krate: &Crate) -> Vec<&'static str> {
    let features = wanted_sections(krate, &runtime_files(krate));
    let by_section: [(Section, &[&'static str]); 4] = [
        (Section::DateTime, &["primitives::DateTime", "primitives::DateTimeError"]),
        (Section::Blob, &["primitives::Base64Error", "primitives::Blob"]),
        (Section::Document, &["primitives::Document", "primitives::Number"]),
        (Section::BigNumbers, &["primitives::BigDecimal", "primitives::BigInteger", "primitives::BigNumberError"]),
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

/// The runtime sections a crate's types and operations use (before [`Section::requires`]).
fn runtime_sections(krate: &Crate) -> BTreeSet<Section> {
    let mut sections = BTreeSet::new();
    let field_tys = krate.structs.iter().flat_map(|s| &s.fields).map(|f| &f.ty);
    let variant_tys = krate.unions.iter().flat_map(|u| &u.variants).filter_map(|v| v.ty.as_ref());
    for ty in field_tys.chain(variant_tys) {
        collect_sections(ty, &mut sections);
    }
    let wire = super::protocol::supported(krate);
    // `Content-MD5` is base64; without a wire layer there is no `wire.rs` to compute it in.
    if krate.operations.iter().any(|op| op.content_md5()) {
        sections.insert(Section::Blob);
        if wire {
            sections.insert(Section::Checksum);
        }
    }
    if uses_checksums(krate) {
        sections.insert(Section::Blob);
    }
    if wire {
        if krate.operations.iter().any(|op| op.gzip_request) {
            sections.insert(Section::Gzip);
        }
        if super::protocol::query_compatible(krate) {
            sections.insert(Section::QueryCompatible);
        }
        // Service customizations (see `smithy::transform`).
        if krate.operations.iter().any(|op| op.tree_hash_checksums) {
            sections.insert(Section::Glacier);
        }
        if krate.structs.iter().flat_map(|s| &s.fields).any(|f| f.trims_resource_id) {
            sections.insert(Section::Route53);
        }
    }
    if let Some(rules) = &krate.service.endpoint_rules {
        sections.extend(super::endpoint::runtime_sections(rules));
    }
    sections
}

fn collect_sections(ty: &Ty, sections: &mut BTreeSet<Section>) {
    match &ty.kind {
        TyKind::Timestamp => {
            sections.insert(Section::DateTime);
        }
        TyKind::Blob { streaming: false } => {
            sections.insert(Section::Blob);
        }
        // Header strings with a media type travel as base64.
        TyKind::String if ty.media_type.is_some() => {
            sections.insert(Section::Blob);
        }
        TyKind::Document => {
            sections.insert(Section::Document);
        }
        TyKind::BigInteger | TyKind::BigDecimal => {
            sections.insert(Section::BigNumbers);
        }
        TyKind::List { item, .. } => collect_sections(item, sections),
        TyKind::Map { key, value, .. } => {
            collect_sections(key, sections);
            collect_sections(value, sections);
        }
        _ => {}
    }
}

/// The crate's `Cargo.toml`, with one `[dependencies]` line per crate its runtime and code use,
/// sorted by name, as `codegen/inlineable/Cargo.toml` writes it.
pub fn cargo_toml(krate: &Crate, runtime: &Runtime, generated_by: &str) -> String {
    let service = &krate.service;
    let description = format!(
        "Types for {}, generated from its Smithy model",
        service.title.as_deref().or(service.sdk_id.as_deref()).unwrap_or(&service.name)
    );
    let mut lines: Vec<&str> = runtime.dependencies.iter().map(|d| d.line()).collect();
    lines.sort_unstable();
    let dependencies: String = lines.iter().map(|line| format!("{line}\n")).collect();
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

/// Whether an operation has flexible checksums (`aws.protocols#httpChecksum`), whose runtime is
/// `checksums.rs`.
pub fn uses_checksums(krate: &Crate) -> bool {
    krate.operations.iter().any(|op| op.checksum.is_some())
}
