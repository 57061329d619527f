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

/// Records `message_id` (or nothing) as the message holding `chat_id`'s live dialogue keyboard
/// and returns the one recorded before, in one statement: the update's SET reads the row's old
/// `message_id` into `replaced_message_id`, which RETURNING hands back.
pub async fn swap_keyboard(
    conn: &mut Connection,
    chat_id: i64,
    message_id: Option<i32>,
    now: DateTime<Utc>,
) -> StorageResult<Option<i32>> {
    let previous: Option<Option<i32>> =
        match message_id {
            Some(message_id) => sqlx::query_scalar(
                "INSERT INTO dialogue_keyboards (chat_id, message_id, shown_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (chat_id) DO UPDATE SET
                     replaced_message_id = dialogue_keyboards.message_id,
                     message_id = excluded.message_id,
                     shown_at = excluded.shown_at
                 RETURNING replaced_message_id",
            )
            .bind(chat_id)
            .bind(message_id)
            .bind(now)
            .fetch_optional(&mut *conn)
            .await?,
            None => {
                sqlx::query_scalar(
                    "DELETE FROM dialogue_keyboards WHERE chat_id = ?1 RETURNING message_id",
                )
                .bind(chat_id)
                .fetch_optional(&mut *conn)
                .await?
            }
        };
    Ok(previous.flatten())
}
