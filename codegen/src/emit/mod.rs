//! IR → files: one module per output concern, each formatted with prettyplease.

mod bindings;
mod body;
mod crate_files;

pub use crate_files::optional_runtime_types;
mod docs;
mod endpoint;
mod enums;
mod layout;
mod errors;
mod operations;
mod protocol;
pub mod runtime;
mod scalars;
pub mod protocol_tests;
mod structs;
pub(crate) mod types;
mod unions;
mod validation;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::error::{Error, Result};
use crate::ir::{Crate, Module};

/// What `emit` needs besides the IR.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// The command that regenerates the crate, named in every file's first line.
    pub generated_by: String,
    /// Also write `tests/protocol_tests.rs`, the model's `smithy.test` compliance cases
    /// (see [`render_with_tests`]).
    pub protocol_tests: bool,
}

/// Relative path → file text, sorted by path.
pub type Files = BTreeMap<String, String>;

/// Emitted but not yet formatted: Rust files as token streams, other files as text.
pub struct Rendered {
    pub rust: Vec<(String, TokenStream)>,
    pub text: Vec<(String, String)>,
}

/// IR → formatted files.
pub fn emit(krate: &Crate, options: &EmitOptions) -> Result<Files> {
    format(render(krate, options)?, options)
}

/// IR → token streams, one per Rust file (the cheap half of [`emit`]).
pub fn render(krate: &Crate, options: &EmitOptions) -> Result<Rendered> {
    let mut rust = Vec::new();
    render_each(krate, |path, tokens| rust.push((path, tokens)));
    Ok(Rendered { rust, text: text_files(krate, options)? })
}

/// Renders the Rust files one at a time, handing each to `sink` as soon as it exists, so a caller
/// that formats them right away keeps one token stream alive, not the whole crate's.
fn render_each(krate: &Crate, mut sink: impl FnMut(String, TokenStream)) {
    let d = body::Directions::of(krate);
    let d = &d;
    for s in &krate.structs {
        match &s.name.module {
            Module::Types => sink(format!("src/types/{}.rs", s.name.file), structs::emit_struct(krate, d, s)),
            Module::Errors => sink(format!("src/types/error/{}.rs", s.name.file), errors::emit_error_struct(krate, d, s)),
            Module::Operation(_) => {}
        }
    }
    for e in &krate.enums {
        sink(format!("src/types/{}.rs", e.name.file), enums::emit_enum(e));
    }
    for e in &krate.int_enums {
        sink(format!("src/types/{}.rs", e.name.file), enums::emit_int_enum(e));
    }
    for u in &krate.unions {
        sink(format!("src/types/{}.rs", u.name.file), unions::emit_union(krate, d, u));
    }
    for op in &krate.operations {
        sink(format!("src/operation/{}.rs", op.module), operations::emit_operation(krate, d, op));
    }
    for (path, tokens) in crate_files::module_files(krate) {
        sink(path, tokens);
    }
    if let Some(rules) = &krate.service.endpoint_rules {
        sink("src/endpoint.rs".to_string(), endpoint::emit(rules));
    }
}

/// The files that are text already: the runtime files and `Cargo.toml`.
fn text_files(krate: &Crate, options: &EmitOptions) -> Result<Vec<(String, String)>> {
    let runtime = crate_files::runtime(krate)?;
    let cargo_toml = crate_files::cargo_toml(krate, &runtime, &options.generated_by);
    let mut text: Vec<(String, String)> = runtime.files.into_iter().map(|(file, text)| (file.path().to_string(), text)).collect();
    text.push(("Cargo.toml".to_string(), cargo_toml));
    Ok(text)
}

/// How long [`render_and_format`] spent rendering and formatting.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    pub render: std::time::Duration,
    pub format: std::time::Duration,
}

/// [`render_with_tests`] and [`format`] in one pass: each Rust file is formatted as soon as it is
/// rendered, so memory holds the finished text plus one token stream, not every file's tokens.
pub fn render_and_format(model: &crate::smithy::Model, krate: &Crate, options: &EmitOptions) -> Result<(Files, StageTimes)> {
    let started = std::time::Instant::now();
    let header = header(options);
    let mut files = Files::new();
    let mut format_time = std::time::Duration::ZERO;
    let mut failure = None;
    let mut format_one = |path: String, tokens: TokenStream| {
        if failure.is_some() {
            return;
        }
        let formatting = std::time::Instant::now();
        match format_rust(&header, &path, tokens) {
            Ok(text) => {
                files.insert(path, text);
            }
            Err(e) => failure = Some(e),
        }
        format_time += formatting.elapsed();
    };
    render_each(krate, &mut format_one);
    if options.protocol_tests {
        let (path, tokens) = protocol_tests::render(model, krate);
        format_one(path, tokens);
    }
    if let Some(e) = failure {
        return Err(e);
    }
    for (path, text) in text_files(krate, options)? {
        files.insert(path.clone(), with_header(&header, &path, text));
    }
    let render = started.elapsed().saturating_sub(format_time);
    Ok((files, StageTimes { render, format: format_time }))
}

/// [`render`], plus `tests/protocol_tests.rs` when `options.protocol_tests` is set. The tests come
/// from the model's `smithy.test` traits, which the IR does not keep.
pub fn render_with_tests(model: &crate::smithy::Model, krate: &Crate, options: &EmitOptions) -> Result<Rendered> {
    let mut rendered = render(krate, options)?;
    if options.protocol_tests {
        rendered.rust.push(protocol_tests::render(model, krate));
    }
    Ok(rendered)
}

/// Token streams → pretty-printed files, each headed by the `@generated` line (the costly half).
pub fn format(rendered: Rendered, options: &EmitOptions) -> Result<Files> {
    let header = header(options);
    let mut out = Files::new();
    for (path, tokens) in rendered.rust {
        let text = format_rust(&header, &path, tokens)?;
        out.insert(path, text);
    }
    for (path, text) in rendered.text {
        out.insert(path.clone(), with_header(&header, &path, text));
    }
    Ok(out)
}

fn header(options: &EmitOptions) -> String {
    format!("// @generated by `{}`. Do not edit by hand.\n", options.generated_by)
}

/// One Rust file's tokens → its formatted text, headed by `header`.
fn format_rust(header: &str, path: &str, tokens: TokenStream) -> Result<String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| Error::Emit { file: path.to_string(), message: e.to_string() })?;
    Ok(format!("{header}\n{}", layout::space_items(&prettyplease::unparse(&file))))
}

/// A text file as written: Rust runtime files get the `@generated` header, others stay as they are.
fn with_header(header: &str, path: &str, text: String) -> String {
    if path.ends_with(".rs") {
        format!("{header}\n{text}")
    } else {
        text
    }
}
