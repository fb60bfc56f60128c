//! Files in this crate are embedded into generated crates (`include_str!`), so every generated
//! crate is self-contained. Each file may only use `std`, `core` and `http`; `xml.rs` may also use
//! `quick-xml`, `checksums.rs` the CRC and SHA crates, and the `aws-partition` section of `rules.rs` (the endpoint rules engine) `regex-lite`.
//!
//! Code for one kind of value sits between `// @section NAME` and `// @end` lines (`date-time`,
//! `blob`, `document`, `big-numbers`, `checksum`, the helpers they share, and in `rules.rs` the AWS
//! rules functions `aws-partition`, `aws-arn`, `aws-s3`); the generator drops
//! the sections a crate's types do not need. Here everything is compiled and tested.

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
