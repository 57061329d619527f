//! thidua — a department's yearly emulation and commendation campaign (thi đua – khen thưởng)
//! run through a Telegram bot and a scheduler.
//!
//! Module map (dependencies point downwards only):
//!
//! - [`bot`]: Telegram transport. One `schema()` routes updates to handlers that parse input,
//!   call one service and render its answer. No business rules, no SQL.
//! - [`cli`]: the command-line entry points (`run`, `staff …`, `campaign …`), equally thin.
//! - [`services`]: one async function per user intent. Each opens one transaction, applies a
//!   domain rule, persists through `storage`, audits, and queues outbox rows.
//! - [`notify`]: the outbox worker that delivers queued Telegram messages and e-mails.
//! - [`storage`]: every SQL statement, in functions named after intent, over one SQLite pool.
//! - [`domain`]: pure types and rules (roles, titles, phases, campaign windows, invite codes);
//!   synchronous, no I/O, time passed in as a value.
//! - [`export`]: a campaign's records as XLSX / CSV tables and the council's minutes.
//! - [`texts`]: every user-visible sentence, Vietnamese first, English alongside.
//! - [`config`]: layered, typed settings validated at start; [`org`]: the organisation file.
//! - [`clock`]: the injected source of "now"; [`private_files`]: files and folders only the
//!   operator's account can read.
//! - [`scheduler`]: cron wake-ups that run the reminder pass and the periodic report.
//! - [`app`]: wires the pieces together for `thidua run` and owns clean shutdown.

pub mod app;
pub mod bot;
pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod export;
pub mod notify;
pub mod org;
pub mod private_files;
pub mod sandbox;
pub mod scheduler;
pub mod services;
pub mod storage;
pub mod texts;
pub mod ui;
