//! Files in this crate are embedded into generated crates as they are (`include_str!`), so every
//! generated crate is self-contained. Each file may only use `std`, `core` and `http`.

pub mod error;
pub mod json;
pub mod primitives;
pub mod validation;
pub mod body;
pub mod wire;
