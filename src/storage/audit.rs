//! The audit trail: every state change and every refused action, with who, what, when and from
//! which chat. Written in the same transaction as the change it describes.

use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Cli,
    Bot,
    System,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Cli => "cli",
            Source::Bot => "bot",
            Source::System => "system",
        }
    }
}

/// Who did something, as far as we know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub source: Source,
    pub person_id: Option<i64>,
    pub telegram_user_id: Option<i64>,
    pub chat_id: Option<i64>,
}

impl Actor {
    pub fn cli() -> Self {
        Self {
            source: Source::Cli,
            person_id: None,
            telegram_user_id: None,
            chat_id: None,
        }
    }

    pub fn system() -> Self {
        Self {
            source: Source::System,
            ..Self::cli()
        }
    }

    pub fn chat(telegram_user_id: i64, chat_id: i64, person_id: Option<i64>) -> Self {
        Self {
            source: Source::Bot,
            person_id,
            telegram_user_id: Some(telegram_user_id),
            chat_id: Some(chat_id),
        }
    }
}

pub async fn record(
    conn: &mut Connection,
    at: DateTime<Utc>,
    actor: Actor,
    action: &str,
    subject: Option<&str>,
    detail: Option<&serde_json::Value>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_person_id, actor_telegram_id, chat_id, source, action, subject, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(at)
    .bind(actor.person_id)
    .bind(actor.telegram_user_id)
    .bind(actor.chat_id)
    .bind(actor.source.as_str())
    .bind(action)
    .bind(subject)
    .bind(detail.map(|value| value.to_string()))
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether `action` was recorded for `telegram_user_id` with `reason` in its detail at or after
/// `since`: lets a refusal repeated many times be audited once per window.
pub async fn recorded_since(
    conn: &mut Connection,
    action: &str,
    telegram_user_id: i64,
    reason: &str,
    since: DateTime<Utc>,
) -> StorageResult<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = ?1 AND actor_telegram_id = ?2
             AND at >= ?3 AND json_extract(detail, '$.reason') = ?4)",
    )
    .bind(action)
    .bind(telegram_user_id)
    .bind(since)
    .bind(reason)
    .fetch_one(conn)
    .await?)
}

/// One audit row, for the operators' and the tests' eyes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub action: String,
    pub actor_person_id: Option<i64>,
    pub actor_telegram_id: Option<i64>,
    pub chat_id: Option<i64>,
    pub subject: Option<String>,
    pub detail: Option<String>,
}

pub async fn list_by_action_prefix(
    conn: &mut Connection,
    prefix: &str,
) -> StorageResult<Vec<AuditRow>> {
    Ok(sqlx::query_as(
        "SELECT action, actor_person_id, actor_telegram_id, chat_id, subject, detail
         FROM audit_log WHERE substr(action, 1, length(?1)) = ?1 ORDER BY id",
    )
    .bind(prefix)
    .fetch_all(conn)
    .await?)
}
