//! The integration tests: one binary (one link step) whose modules each cover one capability,
//! each test on its own fresh database.

mod bot_link;
mod bot_misc;
mod bot_registration;
mod chat;
mod harness;
mod invites;
mod linking;
mod staff_import;
mod support;
mod support_selftest;
mod process;
