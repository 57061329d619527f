//! The integration tests: one binary (one link step) whose modules each cover one capability,
//! each test on its own fresh database.

mod bot_assessment;
mod bot_link;
mod bot_misc;
mod bot_registration;
mod bot_review;
mod chat;
mod harness;
mod invite_email;
mod invites;
mod linking;
mod notify;
mod process;
mod reminders;
mod reminders_bot;
mod reminders_cli;
mod rules;
mod staff_cli;
mod staff_import;
mod support;
mod support_selftest;
