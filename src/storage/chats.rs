//! What delivery has learned about Telegram chats: people Telegram refuses to deliver to, and
//! groups that moved to a new id. Written by `notify`; read by `notify` and by whoever queues a
//! publication (through [`current_chat_id`]).

use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, Utc};

/// Marks a person unreachable on Telegram (blocked the bot, never pressed Start, deactivated).
/// Their messages go by e-mail until [`clear_unreachable`].
pub async fn mark_unreachable(
    conn: &mut Connection,
    person_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "UPDATE people SET telegram_unreachable = 1, telegram_unreachable_at = ?2, telegram_unreachable_reason = ?3,
                           updated_at = ?2
          WHERE id = ?1",
    )
    .bind(person_id)
    .bind(now)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(())
}

/// The person wrote to the bot again (or re-linked): Telegram works for them once more.
pub async fn clear_unreachable(
    conn: &mut Connection,
    person_id: i64,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "UPDATE people SET telegram_unreachable = 0, telegram_unreachable_at = NULL, telegram_unreachable_reason = NULL,
                           updated_at = ?2
          WHERE id = ?1 AND telegram_unreachable = 1",
    )
    .bind(person_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn is_unreachable(conn: &mut Connection, person_id: i64) -> StorageResult<bool> {
    let flag: Option<bool> =
        sqlx::query_scalar("SELECT telegram_unreachable FROM people WHERE id = ?1")
            .bind(person_id)
            .fetch_optional(conn)
            .await?;
    Ok(flag.unwrap_or(false))
}

/// The active person whose private chat this is (a private chat's id is the user's id).
pub async fn person_for_private_chat(
    conn: &mut Connection,
    chat_id: i64,
) -> StorageResult<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM people WHERE telegram_user_id = ?1 AND active = 1")
            .bind(chat_id)
            .fetch_optional(conn)
            .await?,
    )
}

/// Remembers that Telegram moved `from_chat_id` to `to_chat_id`.
pub async fn record_migration(
    conn: &mut Connection,
    from_chat_id: i64,
    to_chat_id: i64,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO chat_migrations (from_chat_id, to_chat_id, migrated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (from_chat_id) DO UPDATE SET to_chat_id = excluded.to_chat_id, migrated_at = excluded.migrated_at",
    )
    .bind(from_chat_id)
    .bind(to_chat_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Where a chat lives now, following recorded migrations (a group can be upgraded only once, but
/// a chain is followed for safety, a few hops at most, so a bad row cannot loop forever).
pub async fn current_chat_id(conn: &mut Connection, chat_id: i64) -> StorageResult<i64> {
    let mut current = chat_id;
    for _ in 0..4 {
        let next: Option<i64> =
            sqlx::query_scalar("SELECT to_chat_id FROM chat_migrations WHERE from_chat_id = ?1")
                .bind(current)
                .fetch_optional(&mut *conn)
                .await?;
        match next {
            Some(next) if next != current => current = next,
            _ => break,
        }
    }
    Ok(current)
}
