//! One async function per user intent. Each takes the [`Ctx`], opens one transaction, applies a
//! domain rule, persists through `storage`, writes the audit row and the outbox rows, and commits.
//! The bot, the CLI and the scheduler call these; none of them holds business logic.

pub mod appraisal;
pub mod assessment;
pub mod ballot;
pub mod block;
pub mod caller;
pub mod campaign;
pub mod collective_standing;
pub mod commendation;
pub mod context;
pub mod decision;
pub mod dialogues;
pub mod error;
pub mod group_chat;
pub mod history;
pub mod identity;
pub mod inbox;
pub mod intent;
pub mod invite;
pub mod language;
pub mod link;
pub mod meeting;
pub mod nominee;
pub mod notifications;
pub mod outbox_retry;
pub mod papers;
pub mod present;
pub mod proposal;
pub mod publication;
pub mod refusals;
pub mod registration;
pub mod reminders;
pub mod resubmission;
pub mod review;
pub mod rule_book;
pub mod staff_import;
pub mod status;

pub use caller::{Account, Caller};
pub use context::Ctx;
pub use error::{Refusal, ServiceError};
