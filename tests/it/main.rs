//! The integration tests: one binary (one link step) whose modules each cover one capability,
//! each test on its own fresh database.

mod backup;
mod blocks;
mod bot_assessment;
mod bot_link;
mod bot_meeting;
mod bot_misc;
mod bot_registration;
mod bot_review;
mod chat;
mod council;
mod council_cli;
mod evidence;
mod full_campaign;
mod giaykhen;
mod harness;
mod history;
mod inbox;
mod invite_email;
mod invites;
mod linking;
mod notify;
mod old_buttons;
mod ordering;
mod private_files;
mod process;
mod progress;
mod reminders;
mod reminders_bot;
mod reminders_cli;
mod rules;
mod rules_check;
mod staff_cli;
mod staff_import;
mod support;
mod support_selftest;
