//! JSON writer and parser (being written).
