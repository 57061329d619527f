//! Outbox rows as the worker and the CLI read them, decoded from the CHECK-constrained columns
//! into enums so that no code matches on status strings.

use super::{Destination, Kind};
use crate::domain::UnknownValue;
use crate::domain::notice::Notice;
use crate::storage::{StorageError, StorageResult};
use chrono::{DateTime, Utc};

pub(super) const COLUMNS: &str = "id, logical_key, channel, kind, person_id, chat_id, email_to, subject, body, \
     reply_markup, notice, status, attempts, next_attempt_at, last_error, created_at, sent_at, claimed_at";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Telegram,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Telegram => "telegram",
            Channel::Email => "email",
        }
    }

    fn parse(raw: &str) -> Result<Self, UnknownValue> {
        match raw {
            "telegram" => Ok(Channel::Telegram),
            "email" => Ok(Channel::Email),
            other => Err(UnknownValue::new("outbox channel", other)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Pending,
    Sending,
    Sent,
    Dead,
    /// The request may have reached Telegram but no answer came back.
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Sending => "sending",
            Status::Sent => "sent",
            Status::Dead => "dead",
            Status::Unknown => "unknown",
        }
    }

    pub(crate) fn parse(raw: &str) -> Result<Self, UnknownValue> {
        [
            Status::Pending,
            Status::Sending,
            Status::Sent,
            Status::Dead,
            Status::Unknown,
        ]
        .into_iter()
        .find(|status| status.as_str() == raw)
        .ok_or_else(|| UnknownValue::new("outbox status", raw))
    }
}

/// A file attached to an e-mail row.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Attachment {
    pub file_name: String,
    /// e.g. `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`, `text/csv`.
    pub mime_type: String,
    pub content: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutboxRow {
    pub id: i64,
    pub logical_key: String,
    pub kind: Kind,
    pub person_id: Option<i64>,
    pub destination: Destination,
    pub body: String,
    /// Inline keyboard as Bot API JSON, as queued.
    pub reply_markup: Option<String>,
    /// A typed message (rendered at send time); `None` for text queued as text, including every
    /// row queued before typed notices existed.
    pub notice: Option<Notice>,
    pub status: Status,
    /// Failed attempts so far.
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub claimed_at: Option<DateTime<Utc>>,
}

impl OutboxRow {
    pub fn channel(&self) -> Channel {
        match self.destination {
            Destination::Telegram { .. } => Channel::Telegram,
            Destination::Email { .. } => Channel::Email,
        }
    }

    /// A pending row that already failed at least once (a 429 leaves the attempt count alone
    /// but records its error).
    pub fn is_retrying(&self) -> bool {
        self.status == Status::Pending && (self.attempts > 0 || self.last_error.is_some())
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct RawRow {
    id: i64,
    logical_key: String,
    channel: String,
    kind: String,
    person_id: Option<i64>,
    chat_id: Option<i64>,
    email_to: Option<String>,
    subject: Option<String>,
    body: String,
    reply_markup: Option<String>,
    notice: Option<String>,
    status: String,
    attempts: i64,
    next_attempt_at: DateTime<Utc>,
    last_error: Option<String>,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
    claimed_at: Option<DateTime<Utc>>,
}

impl TryFrom<RawRow> for OutboxRow {
    type Error = StorageError;

    fn try_from(raw: RawRow) -> StorageResult<Self> {
        let missing = |column: &'static str| {
            crate::storage::StorageError::Corrupt(UnknownValue::new(column, "NULL"))
        };
        let destination = match Channel::parse(&raw.channel)? {
            Channel::Telegram => Destination::Telegram {
                chat_id: raw.chat_id.ok_or_else(|| missing("chat_id"))?,
            },
            Channel::Email => Destination::Email {
                to: raw.email_to.ok_or_else(|| missing("email_to"))?,
                subject: raw.subject.unwrap_or_default(),
            },
        };
        Ok(OutboxRow {
            id: raw.id,
            logical_key: raw.logical_key,
            kind: Kind::parse(&raw.kind)?,
            person_id: raw.person_id,
            destination,
            body: raw.body,
            reply_markup: raw.reply_markup,
            notice: raw
                .notice
                .map(|json| serde_json::from_str(&json))
                .transpose()?,
            status: Status::parse(&raw.status)?,
            attempts: u32::try_from(raw.attempts).unwrap_or(0),
            next_attempt_at: raw.next_attempt_at,
            last_error: raw.last_error,
            created_at: raw.created_at,
            sent_at: raw.sent_at,
            claimed_at: raw.claimed_at,
        })
    }
}
