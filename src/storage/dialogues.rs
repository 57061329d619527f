//! Rows behind the bot's dialogue storage: one serialized state per chat.

use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, Utc};

pub async fn load(conn: &mut Connection, chat_id: i64) -> StorageResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT state FROM dialogues WHERE chat_id = ?1")
            .bind(chat_id)
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn save(
    conn: &mut Connection,
    chat_id: i64,
    state: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO dialogues (chat_id, state, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
    )
    .bind(chat_id)
    .bind(state)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Returns whether a row existed.
pub async fn remove(conn: &mut Connection, chat_id: i64) -> StorageResult<bool> {
    let result = sqlx::query("DELETE FROM dialogues WHERE chat_id = ?1")
        .bind(chat_id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() > 0)
}
