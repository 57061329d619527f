//! Rows left `sending` by a process that stopped mid-send (a crash, a kill -9, a power cut).
//!
//! We cannot know whether such a send reached its recipient. Direct messages and reminders go
//! back to `pending` and are sent again: a duplicate reminder is better than a lost one
//! (at-least-once). A publication is different: posting results to the group twice is worse than
//! asking a person to look, so it becomes `unknown` and the secretaries are told.
//!
//! A Telegram re-send waits [`TELEGRAM_RESEND_PAUSE`]: the process that died may have sent to
//! the same chat a moment ago, and Telegram counts its one-message-a-second per chat across our
//! restarts, while the new process's send gate remembers nothing.

use super::notices::{self, Notice};
use crate::services::Ctx;
use crate::storage::StorageResult;
use crate::storage::outbox::{self, Channel, Kind, Status};
use chrono::{DateTime, Utc};

/// How long a recovered Telegram row waits before it is sent again.
pub const TELEGRAM_RESEND_PAUSE: chrono::Duration = chrono::Duration::seconds(1);

/// Which `sending` rows of a channel to recover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cutoff {
    /// Every one: nobody else can be sending them.
    All,
    /// Those claimed before this instant (their lease ran out).
    ClaimedBefore(DateTime<Utc>),
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RecoveryReport {
    /// Back to `pending`, to be sent again.
    pub requeued: usize,
    /// Publications flagged `unknown` (the secretaries were told).
    pub unknown: usize,
}

impl RecoveryReport {
    pub fn is_empty(&self) -> bool {
        *self == RecoveryReport::default()
    }
}

/// Recovers e-mail rows by `email`, and Telegram rows by `telegram` when given (a process
/// without a bot leaves Telegram rows to the bot).
pub async fn recover(
    ctx: &Ctx,
    telegram: Option<Cutoff>,
    email: Cutoff,
) -> StorageResult<RecoveryReport> {
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let mut report = RecoveryReport::default();
    let channels = telegram
        .map(|cutoff| (Channel::Telegram, cutoff))
        .into_iter()
        .chain([(Channel::Email, email)]);
    for (channel, cutoff) in channels {
        let claimed_before = match cutoff {
            Cutoff::All => None,
            Cutoff::ClaimedBefore(instant) => Some(instant),
        };
        let resend_at = match channel {
            Channel::Telegram => now + TELEGRAM_RESEND_PAUSE,
            Channel::Email => now,
        };
        for row in outbox::recover_interrupted(&mut tx, channel, claimed_before, resend_at).await? {
            match row.status {
                Status::Unknown => {
                    tracing::warn!(id = row.id, key = %row.logical_key, "outbox: publication interrupted mid-send; flagged");
                    if row.kind == Kind::Publication {
                        notices::tell_secretaries(
                            &mut tx,
                            &Notice::PublicationUncertain { row_id: row.id },
                            now,
                        )
                        .await?;
                    }
                    report.unknown += 1;
                }
                _ => {
                    tracing::info!(id = row.id, key = %row.logical_key, "outbox: interrupted send will be retried");
                    report.requeued += 1;
                }
            }
        }
    }
    tx.commit().await?;
    Ok(report)
}
