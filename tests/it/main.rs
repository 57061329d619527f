//! The integration tests: one binary (one link step) whose modules each cover one capability,
//! each test on its own fresh database.

mod harness;
mod support;
