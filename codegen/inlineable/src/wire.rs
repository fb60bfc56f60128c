//! HTTP binding helpers (being written).
