//! Files in this crate are embedded into generated crates (`include_str!`), so every generated
//! crate is self-contained. Each file may only use `std`, `core` and `http`; `xml.rs` may also use
//! `quick-xml`, `checksums.rs` the CRC and SHA crates, and the `aws-partition` section of `rules.rs` (the endpoint rules engine) `regex-lite`.
//!
//! Code for one kind of value sits between `// @section NAME` and `// @end` lines; the generator
//! drops the sections a crate does not need. Every section and file is declared, with the
//! sections, files and crates it uses, in `codegen/src/emit/runtime.rs` (a marker naming no
//! declared section fails generation), and `cargo xtask sections` compiles each with exactly that.
//! Here everything is compiled and tested.

pub mod auth;
pub mod body;
pub mod checksums;
pub mod error;
pub mod json;
pub mod primitives;
pub mod query;
pub mod rules;
pub mod validation;
pub mod wire;
pub mod xml;
