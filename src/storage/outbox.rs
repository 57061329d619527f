//! The outbox: every outgoing Telegram message and e-mail, queued in the same transaction as the
//! change that causes it and delivered by `notify`. The logical key makes queueing idempotent.
//!
//! A row's life: `pending` → (claimed) `sending` → `sent`, or back to `pending` with a later
//! `next_attempt_at` (a retry), or `dead` (permanent failure), or `unknown` (the request may have
//! reached Telegram but we never heard back: a publication is then not re-posted automatically).
//! Every transition out of `sending` is guarded by `WHERE status = 'sending'`, so a row requeued
//! by hand or recovered after a crash cannot be overwritten by a late answer.

mod rows;
mod transitions;

pub use rows::{Attachment, Channel, OutboxRow, Status};
pub use transitions::{
    Recovered, RequeueOutcome, claim_due, mark_dead, mark_sent, mark_unknown, recover_interrupted,
    redirect_chat, release, requeue, requeue_to, schedule_retry,
};

use crate::domain::notice::Notice;
use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A personal message caused by someone's action.
    Direct,
    Reminder,
    /// A post to the group or channel: never re-sent when the outcome of a send is unknown.
    Publication,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Direct, Kind::Reminder, Kind::Publication];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Reminder => "reminder",
            Kind::Publication => "publication",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, crate::domain::UnknownValue> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == raw)
            .ok_or_else(|| crate::domain::UnknownValue::new("outbox kind", raw))
    }
}

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Telegram { chat_id: i64 },
    Email { to: String, subject: String },
}

impl Destination {
    /// An e-mail carrying a notice: its subject is rendered from the notice at delivery, in the
    /// recipient's language, so none is stored.
    pub fn notice_email(to: impl Into<String>) -> Destination {
        Destination::Email {
            to: to.into(),
            subject: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub logical_key: String,
    pub kind: Kind,
    pub person_id: Option<i64>,
    pub destination: Destination,
    pub body: String,
    /// Inline keyboard as Bot API JSON, for Telegram messages.
    pub reply_markup: Option<serde_json::Value>,
    /// What the message says, rendered by the notifier at send time; `body`, the e-mail subject
    /// and `reply_markup` are then left empty.
    pub notice: Option<Notice>,
}

impl NewMessage {
    /// A typed message: the notifier renders `notice` when it sends.
    pub fn notice(
        logical_key: String,
        kind: Kind,
        person_id: Option<i64>,
        destination: Destination,
        notice: Notice,
    ) -> NewMessage {
        NewMessage {
            logical_key,
            kind,
            person_id,
            destination,
            body: String::new(),
            reply_markup: None,
            notice: Some(notice),
        }
    }
}

/// Queues a message; returns false when a message with the same logical key already exists.
pub async fn enqueue(
    conn: &mut Connection,
    message: &NewMessage,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    Ok(enqueue_returning_id(conn, message, now).await?.is_some())
}

/// Queues a message and returns its id; `None` when the logical key already exists (the earlier
/// row is left as it is, whatever its status).
pub async fn enqueue_returning_id(
    conn: &mut Connection,
    message: &NewMessage,
    now: DateTime<Utc>,
) -> StorageResult<Option<i64>> {
    let notice = match &message.notice {
        Some(notice) => Some(serde_json::to_string(notice)?),
        None => None,
    };
    let (channel, chat_id, email_to, subject) = match &message.destination {
        Destination::Telegram { chat_id } => ("telegram", Some(*chat_id), None, None),
        Destination::Email { to, subject } => {
            ("email", None, Some(to.as_str()), Some(subject.as_str()))
        }
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO outbox (logical_key, channel, kind, person_id, chat_id, email_to, subject, body,
                             reply_markup, notice, status, next_attempt_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11, 'pending', ?10, ?10)
         ON CONFLICT (logical_key) DO NOTHING
         RETURNING id",
    )
    .bind(&message.logical_key)
    .bind(channel)
    .bind(message.kind.as_str())
    .bind(message.person_id)
    .bind(chat_id)
    .bind(email_to)
    .bind(subject)
    .bind(&message.body)
    .bind(message.reply_markup.as_ref().map(|markup| markup.to_string()))
    .bind(now)
    .bind(notice)
    .fetch_optional(conn)
    .await?)
}

/// Queues an e-mail with files attached (a publication's spreadsheet). Same idempotence as
/// [`enqueue`]: a second call with the same key adds neither a row nor attachments.
pub async fn enqueue_with_attachments(
    conn: &mut Connection,
    message: &NewMessage,
    attachments: &[Attachment],
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let Some(id) = enqueue_returning_id(conn, message, now).await? else {
        return Ok(false);
    };
    for attachment in attachments {
        sqlx::query("INSERT INTO outbox_attachments (outbox_id, file_name, mime_type, content) VALUES (?1, ?2, ?3, ?4)")
            .bind(id)
            .bind(&attachment.file_name)
            .bind(&attachment.mime_type)
            .bind(&attachment.content)
            .execute(&mut *conn)
            .await?;
    }
    Ok(true)
}

pub async fn attachments_of(
    conn: &mut Connection,
    outbox_id: i64,
) -> StorageResult<Vec<Attachment>> {
    Ok(sqlx::query_as("SELECT file_name, mime_type, content FROM outbox_attachments WHERE outbox_id = ?1 ORDER BY id")
        .bind(outbox_id)
        .fetch_all(conn)
        .await?)
}

pub async fn find(conn: &mut Connection, id: i64) -> StorageResult<Option<OutboxRow>> {
    let sql = format!("SELECT {} FROM outbox WHERE id = ?1", rows::COLUMNS);
    let row: Option<rows::RawRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.map(OutboxRow::try_from).transpose()
}

pub async fn find_by_key(
    conn: &mut Connection,
    logical_key: &str,
) -> StorageResult<Option<OutboxRow>> {
    let sql = format!(
        "SELECT {} FROM outbox WHERE logical_key = ?1",
        rows::COLUMNS
    );
    let row: Option<rows::RawRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(logical_key)
        .fetch_optional(conn)
        .await?;
    row.map(OutboxRow::try_from).transpose()
}

/// The rows whose logical key starts with `prefix`, in queue order (a publication's rows).
pub async fn list_by_key_prefix(
    conn: &mut Connection,
    prefix: &str,
) -> StorageResult<Vec<OutboxRow>> {
    let sql = format!(
        "SELECT {} FROM outbox WHERE substr(logical_key, 1, length(?1)) = ?1 ORDER BY id",
        rows::COLUMNS
    );
    let rows: Vec<rows::RawRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(prefix)
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(OutboxRow::try_from).collect()
}

/// Deletes the rows with a logical key starting with `prefix` that nobody has started to send
/// (pending, attempts or not; a row being sent is left to finish); returns how many. For notices
/// the change in the same transaction made obsolete.
pub async fn drop_unsent_by_key_prefix(conn: &mut Connection, prefix: &str) -> StorageResult<u64> {
    let done = sqlx::query(
        "DELETE FROM outbox WHERE status = 'pending' AND substr(logical_key, 1, length(?1)) = ?1",
    )
    .bind(prefix)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Every row not yet delivered (pending, retrying, sending, dead, unknown), oldest first: what
/// `thidua outbox status` shows.
pub async fn list_undelivered(conn: &mut Connection) -> StorageResult<Vec<OutboxRow>> {
    let sql = format!(
        "SELECT {} FROM outbox WHERE status <> 'sent' ORDER BY id",
        rows::COLUMNS
    );
    let rows: Vec<rows::RawRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(OutboxRow::try_from).collect()
}

/// The earliest `next_attempt_at` among pending rows (of one channel, or all): when the worker
/// next has something to do.
pub async fn next_due_at(
    conn: &mut Connection,
    channel: Option<Channel>,
) -> StorageResult<Option<DateTime<Utc>>> {
    Ok(sqlx::query_scalar(
        "SELECT next_attempt_at FROM outbox
          WHERE status = 'pending' AND (?1 IS NULL OR channel = ?1)
          ORDER BY next_attempt_at LIMIT 1",
    )
    .bind(channel.map(Channel::as_str))
    .fetch_optional(conn)
    .await?)
}
