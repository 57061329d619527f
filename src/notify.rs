//! Delivering the outbox: every Telegram message and e-mail the program sends goes through here.
//!
//! - [`worker`]: the [`Notifier`] claims due rows, sends them and records the outcome; its loop
//!   (`run`) sleeps until the next row is due or a service pokes its waker.
//! - [`telegram`]: one text to one chat, and what each error means; [`send_gate`] decides when
//!   a send may start (flood limits) and how many may be open at once (rate × round trip).
//! - [`mailer`]: one e-mail through lettre (pooled SMTP, or `.eml` files when no host is set).
//! - [`policy`]: retry, backoff, give up, fall back, flag: the rules as a pure function.
//! - [`outcome`] / [`recovery`] / [`notices`]: recording results, recovering interrupted sends,
//!   and what the worker says to the secretaries and to people Telegram cannot reach.

pub mod mailer;
pub mod notices;
pub mod outcome;
pub mod policy;
pub mod recovery;
pub mod render;
pub mod send_gate;
pub mod telegram;
pub mod worker;

pub use mailer::{Email, MailError, Mailer};
pub use outcome::DeliveryReport;
pub use recovery::RecoveryReport;
pub use telegram::{TelegramFailure, TelegramSender};
pub use worker::Notifier;

use crate::services::Ctx;

/// For the CLI (`thidua staff invite --send-email`): sends the e-mails due now, right after they
/// were queued, with the mailer the settings describe. Telegram rows are left to the bot.
pub async fn deliver_pending_email(ctx: &Ctx) -> anyhow::Result<DeliveryReport> {
    let mailer = Mailer::from_settings(&ctx.settings.mail)?;
    let notifier = Notifier::new(ctx.clone(), None, mailer);
    Ok(notifier.drain_due().await?)
}

pub use crate::services::group_chat::group_chat_id;
