//! Integration and snapshot tests live in tests/tests/.
