//! The outbox: every outgoing Telegram message and e-mail, queued in the same transaction as the
//! change that causes it and delivered by `notify`. The logical key makes queueing idempotent.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A personal message caused by someone's action.
    Direct,
    Reminder,
    /// A post to the group or channel: never re-sent when the outcome of a send is unknown.
    Publication,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Reminder => "reminder",
            Kind::Publication => "publication",
        }
    }
}

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Telegram { chat_id: i64 },
    Email { to: String, subject: String },
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
}

/// Queues a message; returns false when a message with the same logical key already exists.
pub async fn enqueue(conn: &mut SqliteConnection, message: &NewMessage, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let (channel, chat_id, email_to, subject) = match &message.destination {
        Destination::Telegram { chat_id } => ("telegram", Some(*chat_id), None, None),
        Destination::Email { to, subject } => ("email", None, Some(to.as_str()), Some(subject.as_str())),
    };
    let result = sqlx::query(
        "INSERT INTO outbox (logical_key, channel, kind, person_id, chat_id, email_to, subject, body,
                             reply_markup, status, next_attempt_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'pending', ?10, ?10)
         ON CONFLICT (logical_key) DO NOTHING",
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
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}
