//! Status transitions of outbox rows. Each returns whether the row was in the state the caller
//! believed (`sending` for the worker's outcomes): `false` means someone else moved it first
//! (an operator's requeue, crash recovery) and the caller's news is stale.

use super::rows::{COLUMNS, Channel, OutboxRow, RawRow, Status};
use super::{Kind, find};
use crate::domain::notice::Notice;
use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// Claims up to `limit` rows due at `now` (optionally of one channel) by moving them to
/// `sending`, and returns them oldest-due first. Run it inside an IMMEDIATE transaction
/// ([`crate::storage::Db::write`]) so two workers never claim the same row.
pub async fn claim_due(
    conn: &mut Connection,
    now: DateTime<Utc>,
    channel: Option<Channel>,
    limit: u32,
) -> StorageResult<Vec<OutboxRow>> {
    let sql = format!(
        "UPDATE outbox SET status = 'sending', claimed_at = ?1
          WHERE id IN (SELECT id FROM outbox
                        WHERE status = 'pending' AND next_attempt_at <= ?1 AND (?2 IS NULL OR channel = ?2)
                        ORDER BY next_attempt_at, id LIMIT ?3)
         RETURNING {COLUMNS}"
    );
    let raw: Vec<RawRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(now)
        .bind(channel.map(Channel::as_str))
        .bind(i64::from(limit))
        .fetch_all(conn)
        .await?;
    let mut rows = raw
        .into_iter()
        .map(OutboxRow::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    // RETURNING does not promise the subquery's order.
    rows.sort_by_key(|row| (row.next_attempt_at, row.id));
    Ok(rows)
}

/// Marks a row sent; `delivered_form` (a notice without the secrets it carried) replaces its
/// notice in the same statement, so the secret is gone the moment it is delivered.
pub async fn mark_sent(
    conn: &mut Connection,
    id: i64,
    now: DateTime<Utc>,
    delivered_form: Option<&Notice>,
) -> StorageResult<bool> {
    let kept = delivered_form.map(serde_json::to_string).transpose()?;
    let result = sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = ?2, claimed_at = NULL,
                notice = COALESCE(?3, notice)
          WHERE id = ?1 AND status = 'sending'",
    )
    .bind(id)
    .bind(now)
    .bind(kept)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Back to `pending`, due at `next_attempt_at`, with the number of failed attempts so far.
pub async fn schedule_retry(
    conn: &mut Connection,
    id: i64,
    attempts: u32,
    next_attempt_at: DateTime<Utc>,
    error: &str,
) -> StorageResult<bool> {
    let result = sqlx::query(
        "UPDATE outbox SET status = 'pending', attempts = ?2, next_attempt_at = ?3, last_error = ?4, claimed_at = NULL
          WHERE id = ?1 AND status = 'sending'",
    )
    .bind(id)
    .bind(i64::from(attempts))
    .bind(next_attempt_at)
    .bind(error)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn mark_dead(
    conn: &mut Connection,
    id: i64,
    attempts: u32,
    reason: &str,
) -> StorageResult<bool> {
    finish_failed(conn, id, Status::Dead, attempts, reason).await
}

/// The request may have reached Telegram, but no answer came back.
pub async fn mark_unknown(
    conn: &mut Connection,
    id: i64,
    attempts: u32,
    reason: &str,
) -> StorageResult<bool> {
    finish_failed(conn, id, Status::Unknown, attempts, reason).await
}

async fn finish_failed(
    conn: &mut Connection,
    id: i64,
    status: Status,
    attempts: u32,
    reason: &str,
) -> StorageResult<bool> {
    let result = sqlx::query(
        "UPDATE outbox SET status = ?2, attempts = ?3, last_error = ?4, claimed_at = NULL
          WHERE id = ?1 AND status = 'sending'",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(i64::from(attempts))
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// A claimed row the worker did not get to (it is stopping): back to `pending` as it was.
pub async fn release(conn: &mut Connection, id: i64) -> StorageResult<bool> {
    let result = sqlx::query("UPDATE outbox SET status = 'pending', claimed_at = NULL WHERE id = ?1 AND status = 'sending'")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// A chat moved (group upgraded to a supergroup): the claimed row goes back to `pending` for the
/// new id, due at once, and every other undelivered row for the old id follows it.
pub async fn redirect_chat(
    conn: &mut Connection,
    id: i64,
    from_chat_id: i64,
    to_chat_id: i64,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let note = format!("chat {from_chat_id} migrated to {to_chat_id}");
    let result = sqlx::query(
        "UPDATE outbox SET chat_id = ?2, status = 'pending', next_attempt_at = ?3, last_error = ?4, claimed_at = NULL
          WHERE id = ?1 AND status = 'sending'",
    )
    .bind(id)
    .bind(to_chat_id)
    .bind(now)
    .bind(&note)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE outbox SET chat_id = ?2 WHERE chat_id = ?1 AND status = 'pending' AND channel = 'telegram'")
        .bind(from_chat_id)
        .bind(to_chat_id)
        .execute(&mut *conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// A row found `sending` by recovery, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub id: i64,
    pub kind: Kind,
    pub logical_key: String,
    /// `Pending` (it will be sent again: at-least-once) or `Unknown` (a publication).
    pub status: Status,
}

/// Rows of `channel` left `sending` by a worker that died (claimed before `claimed_before`, or
/// all of them with `None`):
/// direct messages and reminders go back to `pending` and will be sent again (at-least-once);
/// publications become `unknown`, because re-posting to the group could post twice.
/// Re-sends are due at `resend_at`.
pub async fn recover_interrupted(
    conn: &mut Connection,
    channel: Channel,
    claimed_before: Option<DateTime<Utc>>,
    resend_at: DateTime<Utc>,
) -> StorageResult<Vec<Recovered>> {
    let rows = sqlx::query(
        "UPDATE outbox
            SET status = CASE kind WHEN 'publication' THEN 'unknown' ELSE 'pending' END,
                last_error = CASE kind WHEN 'publication'
                    THEN 'interrupted while sending: it may or may not have been delivered'
                    ELSE 'interrupted while sending: will be sent again' END,
                next_attempt_at = CASE kind WHEN 'publication' THEN next_attempt_at ELSE ?3 END,
                claimed_at = NULL
          WHERE status = 'sending' AND channel = ?1 AND (?2 IS NULL OR claimed_at IS NULL OR claimed_at < ?2)
         RETURNING id, kind, logical_key, status",
    )
    .bind(channel.as_str())
    .bind(claimed_before)
    .bind(resend_at)
    .fetch_all(conn)
    .await?;
    let mut recovered = Vec::with_capacity(rows.len());
    for row in rows {
        let kind: String = row.try_get("kind")?;
        let status: String = row.try_get("status")?;
        recovered.push(Recovered {
            id: row.try_get("id")?,
            kind: Kind::parse(&kind)?,
            logical_key: row.try_get("logical_key")?,
            // The CASE above sets 'unknown' or 'pending'; anything else is refused, not guessed.
            status: Status::parse(&status)?,
        });
    }
    recovered.sort_by_key(|row| row.id);
    Ok(recovered)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequeueOutcome {
    Requeued,
    NotFound,
    /// Only dead and unknown rows are re-queued by hand; the others are still on their way.
    NotRequeueable(Status),
}

/// An operator's `thidua outbox retry ID`: a dead or unknown row goes back to `pending`, due at
/// once, with a fresh attempt budget. The last error is kept until the next attempt replaces it.
pub async fn requeue(
    conn: &mut Connection,
    id: i64,
    now: DateTime<Utc>,
) -> StorageResult<RequeueOutcome> {
    requeue_to(conn, id, now, None, None).await
}

/// As [`requeue`], sent this time to `chat_id` (a Telegram row) or `email_to` (an e-mail row)
/// when given: where the person can be reached now, not where they could not be then.
pub async fn requeue_to(
    conn: &mut Connection,
    id: i64,
    now: DateTime<Utc>,
    chat_id: Option<i64>,
    email_to: Option<&str>,
) -> StorageResult<RequeueOutcome> {
    let result = sqlx::query(
        "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?2, claimed_at = NULL,
                chat_id = CASE WHEN channel = 'telegram' AND ?3 IS NOT NULL THEN ?3 ELSE chat_id END,
                email_to = CASE WHEN channel = 'email' AND ?4 IS NOT NULL THEN ?4 ELSE email_to END
          WHERE id = ?1 AND status IN ('dead', 'unknown')",
    )
    .bind(id)
    .bind(now)
    .bind(chat_id)
    .bind(email_to)
    .execute(&mut *conn)
    .await?;
    if result.rows_affected() == 1 {
        return Ok(RequeueOutcome::Requeued);
    }
    Ok(match find(conn, id).await? {
        None => RequeueOutcome::NotFound,
        Some(row) => RequeueOutcome::NotRequeueable(row.status),
    })
}
