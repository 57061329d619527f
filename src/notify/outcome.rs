//! Recording what happened to one claimed row, with its consequences (an e-mail instead of a
//! Telegram message, a notice to the secretaries, a moved group) in the same transaction, so a
//! crash between them cannot leave a dead row whose fallback was never queued.

use super::notices::{self, Notice};
use super::policy::Decision;
use crate::domain::person::PersonId;
use crate::services::Ctx;
use crate::storage::StorageResult;
use crate::storage::outbox::{self, Destination, Kind, OutboxRow};
use crate::storage::{chats, people};

/// Rows by what happened to them in one drain.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    /// Failed and rescheduled (including 429s).
    pub retrying: usize,
    /// Given up (permanent failure, attempts exhausted, or replaced by an e-mail).
    pub dead: usize,
    /// Outcome unknown; a publication flagged for the secretaries.
    pub unknown: usize,
}

impl DeliveryReport {
    pub fn is_empty(&self) -> bool {
        *self == DeliveryReport::default()
    }
}

pub(super) async fn record_sent(
    ctx: &Ctx,
    row: &OutboxRow,
    report: &mut DeliveryReport,
) -> StorageResult<()> {
    let mut conn = ctx.db.read().await?;
    let delivered_form =
        (row.notice.as_ref()).and_then(crate::domain::notice::Notice::delivered_form);
    if outbox::mark_sent(&mut conn, row.id, ctx.now(), delivered_form.as_ref()).await? {
        report.sent += 1;
    } else {
        stale(row);
    }
    drop(conn);
    if delivered_form.is_some() {
        // The row's earlier images in the write-ahead log still hold the secret: folded and
        // truncated now (secure_delete overwrote it in the database file).
        ctx.db.checkpoint().await?;
    }
    Ok(())
}

/// Applies a failure's decision. `chat_id` is where a Telegram row was actually sent (after
/// following recorded migrations).
pub(super) async fn record_failure(
    ctx: &Ctx,
    row: &OutboxRow,
    chat_id: Option<i64>,
    decision: Decision,
    report: &mut DeliveryReport,
) -> StorageResult<()> {
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let applied = match decision {
        Decision::Retry {
            at,
            attempts,
            reason,
        } => {
            tracing::info!(id = row.id, attempts, %at, %reason, "outbox: will retry");
            let applied = outbox::schedule_retry(&mut tx, row.id, attempts, at, &reason).await?;
            report.retrying += usize::from(applied);
            applied
        }
        Decision::Dead { attempts, reason } => {
            tracing::warn!(id = row.id, attempts, %reason, "outbox: giving up");
            let applied = outbox::mark_dead(&mut tx, row.id, attempts, &reason).await?;
            if applied && !notices::is_notice(row) {
                let recipient = recipient_label(&mut tx, row, chat_id).await?;
                let notice = Notice::DeliveryFailed {
                    row,
                    recipient,
                    reason: &reason,
                };
                notices::tell_secretaries(&mut tx, &notice, now).await?;
            }
            report.dead += usize::from(applied);
            applied
        }
        Decision::Unknown { attempts, reason } => {
            tracing::warn!(id = row.id, %reason, "outbox: outcome unknown");
            let applied = outbox::mark_unknown(&mut tx, row.id, attempts, &reason).await?;
            if applied && row.kind == Kind::Publication {
                notices::tell_secretaries(
                    &mut tx,
                    &Notice::PublicationUncertain { row_id: row.id },
                    now,
                )
                .await?;
            }
            report.unknown += usize::from(applied);
            applied
        }
        Decision::Unreachable { attempts, reason } => {
            let applied = fall_back_to_email(ctx, &mut tx, row, chat_id, attempts, &reason).await?;
            report.dead += usize::from(applied);
            applied
        }
        Decision::Redirect { to_chat_id } if Some(to_chat_id) == chat_id || chat_id.is_none() => {
            // "Moved to where it already is" would loop forever; Telegram never says it, but a
            // bad answer must not spin the worker.
            let reason =
                format!("Telegram: chat migrated to {to_chat_id}, which is where it was sent");
            let applied = outbox::mark_dead(&mut tx, row.id, row.attempts + 1, &reason).await?;
            report.dead += usize::from(applied);
            applied
        }
        Decision::Redirect { to_chat_id } => {
            let from = chat_id.unwrap_or_default();
            tracing::info!(
                id = row.id,
                from,
                to = to_chat_id,
                "outbox: chat migrated, sending again"
            );
            chats::record_migration(&mut tx, from, to_chat_id, now).await?;
            outbox::redirect_chat(&mut tx, row.id, from, to_chat_id, now).await?
        }
    };
    tx.commit().await?;
    if !applied {
        stale(row);
    }
    Ok(())
}

/// Telegram refused the chat. A person's message goes to their e-mail instead and they are marked
/// unreachable; a group or an unknown chat has nobody to fall back to, so the row is dead and
/// the secretaries are told.
pub(super) async fn fall_back_to_email(
    ctx: &Ctx,
    conn: &mut crate::storage::Connection,
    row: &OutboxRow,
    chat_id: Option<i64>,
    attempts: u32,
    reason: &str,
) -> StorageResult<bool> {
    let now = ctx.now();
    let person_id = match (row.person_id, chat_id) {
        (Some(id), _) => Some(id),
        (None, Some(chat)) if chat > 0 => chats::person_for_private_chat(conn, chat).await?,
        _ => None,
    };
    let person = match person_id {
        Some(id) => people::find_by_id(conn, PersonId(id)).await?,
        None => None,
    };
    let Some(person) = person.filter(|person| !person.email.trim().is_empty()) else {
        let applied = outbox::mark_dead(conn, row.id, attempts, reason).await?;
        if applied && !notices::is_notice(row) {
            let recipient = recipient_label(conn, row, chat_id).await?;
            notices::tell_secretaries(
                conn,
                &Notice::DeliveryFailed {
                    row,
                    recipient,
                    reason,
                },
                now,
            )
            .await?;
        }
        return Ok(applied);
    };
    tracing::info!(id = row.id, person = person.id.0, %reason, "outbox: unreachable on Telegram, e-mailing instead");
    let fallback = notices::email_instead(row, &person, &ctx.settings.telegram.bot_username);
    let dead_reason = format!(
        "{reason}; sent by e-mail instead ({})",
        fallback.logical_key
    );
    let applied = outbox::mark_dead(conn, row.id, attempts, &dead_reason).await?;
    if applied {
        chats::mark_unreachable(conn, person.id.0, reason, now).await?;
        outbox::enqueue(conn, &fallback, now).await?;
    }
    Ok(applied)
}

/// Who a row was for, in words a secretary recognises.
async fn recipient_label(
    conn: &mut crate::storage::Connection,
    row: &OutboxRow,
    chat_id: Option<i64>,
) -> StorageResult<String> {
    let person = match row.person_id {
        Some(id) => people::find_by_id(conn, PersonId(id)).await?,
        None => None,
    };
    Ok(match (&row.destination, person) {
        (Destination::Email { to, .. }, Some(person)) => format!("{} <{to}>", person.full_name),
        (Destination::Email { to, .. }, None) => to.clone(),
        (Destination::Telegram { .. }, Some(person)) => format!("{} (Telegram)", person.full_name),
        (Destination::Telegram { chat_id: queued }, None) => {
            format!("Telegram chat {}", chat_id.unwrap_or(*queued))
        }
    })
}

fn stale(row: &OutboxRow) {
    // Someone moved the row while we were sending (an operator's requeue, recovery by another
    // process). Their word stands; ours is dropped.
    tracing::warn!(
        id = row.id,
        "outbox: row was no longer 'sending' when its outcome arrived"
    );
}
