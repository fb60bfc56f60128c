//! Files in this crate are embedded into generated crates (`include_str!`), so every generated
//! crate is self-contained. Each file may only use `std`, `core` and `http`; `xml.rs` may also use
//! `quick-xml`.
//!
//! Code for one kind of value sits between `// @section NAME` and `// @end` lines (`date-time`,
//! `blob`, `document`, `big-numbers`, `checksum`, and the helpers they share); the generator drops
//! the sections a crate's types do not need. Here everything is compiled and tested.

pub mod body;
pub mod error;
pub mod json;
pub mod primitives;
pub mod query;
pub mod validation;
pub mod wire;
pub mod xml;
