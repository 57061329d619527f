//! The durable update inbox (`update_inbox`, see its migration): updates are stored before
//! Telegram is told they arrived, and an update is marked done in the same transaction as the
//! first change it causes. That second half needs no handler to know about the inbox: the
//! processor runs each update inside [`processing`], and [`crate::storage::Tx::commit`] asks
//! [`mark_in_commit`] to add the mark to whatever transaction commits first.

use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// One fetched update as it is written: its body already sealed when `sealed`.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub update_id: i64,
    pub chat_key: i64,
    pub body: Vec<u8>,
    pub sealed: bool,
}

/// Writes a batch; an update already in the inbox (Telegram sent it again, or a second webhook
/// delivery) is ignored. Returns how many were new. Run it in one transaction per batch.
pub async fn store(
    conn: &mut Connection,
    batch: &[Incoming],
    now: DateTime<Utc>,
) -> StorageResult<u64> {
    let mut new = 0;
    for update in batch {
        let result = sqlx::query(
            "INSERT INTO update_inbox (update_id, chat_key, body, sealed, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (update_id) DO NOTHING",
        )
        .bind(update.update_id)
        .bind(update.chat_key)
        .bind(&update.body)
        .bind(update.sealed)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        new += result.rows_affected();
    }
    Ok(new)
}

/// The highest update_id ever stored: the next poll confirms everything up to it.
pub async fn last_update_id(conn: &mut Connection) -> StorageResult<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT MAX(update_id) FROM update_inbox")
            .fetch_one(conn)
            .await?,
    )
}

/// Updates not done yet with an id above `after`, in id order.
pub async fn pending(
    conn: &mut Connection,
    after: i64,
    limit: u32,
) -> StorageResult<Vec<Incoming>> {
    let rows: Vec<(i64, i64, Vec<u8>, bool)> = sqlx::query_as(
        "SELECT update_id, chat_key, body, sealed FROM update_inbox
          WHERE done_at IS NULL AND update_id > ?1
          ORDER BY update_id LIMIT ?2",
    )
    .bind(after)
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(update_id, chat_key, body, sealed)| Incoming {
            update_id,
            chat_key,
            body,
            sealed,
        })
        .collect())
}

/// Marks an update done (erasing its body); false when it already was.
pub async fn mark_done(
    conn: &mut Connection,
    update_id: i64,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let result = sqlx::query(
        "UPDATE update_inbox SET done_at = ?2, body = NULL
          WHERE update_id = ?1 AND done_at IS NULL",
    )
    .bind(update_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Marks an update's handling complete (its replies sent), done first if it was not yet.
pub async fn mark_finished(
    conn: &mut Connection,
    update_id: i64,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "UPDATE update_inbox SET done_at = COALESCE(done_at, ?2), body = NULL, finished_at = ?2
          WHERE update_id = ?1",
    )
    .bind(update_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Updates whose change was saved but whose handler never finished (the process died between):
/// (update_id, chat_key, done_at). Each is then marked finished by the caller.
pub async fn interrupted(conn: &mut Connection) -> StorageResult<Vec<(i64, i64, DateTime<Utc>)>> {
    Ok(sqlx::query_as(
        "SELECT update_id, chat_key, done_at FROM update_inbox
          WHERE done_at IS NOT NULL AND finished_at IS NULL ORDER BY update_id",
    )
    .fetch_all(conn)
    .await?)
}

/// Forgets finished updates older than `before`, keeping the newest row so the next poll's
/// offset survives a restart. Returns how many were removed.
pub async fn prune(conn: &mut Connection, before: DateTime<Utc>) -> StorageResult<u64> {
    let result = sqlx::query(
        "DELETE FROM update_inbox
          WHERE finished_at IS NOT NULL AND finished_at < ?1
            AND update_id < (SELECT MAX(update_id) FROM update_inbox)",
    )
    .bind(before)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// (stored, done, finished) counts, for the operator and the fault suite.
pub async fn counts(conn: &mut Connection) -> StorageResult<(i64, i64, i64)> {
    Ok(
        sqlx::query_as("SELECT COUNT(*), COUNT(done_at), COUNT(finished_at) FROM update_inbox")
            .fetch_one(conn)
            .await?,
    )
}

/// The update being processed by the current task, and whether a commit has marked it done.
#[derive(Debug)]
pub struct Processing {
    update_id: i64,
    at: DateTime<Utc>,
    done: AtomicBool,
}

impl Processing {
    pub fn new(update_id: i64, at: DateTime<Utc>) -> Arc<Self> {
        Arc::new(Self {
            update_id,
            at,
            done: AtomicBool::new(false),
        })
    }

    pub fn update_id(&self) -> i64 {
        self.update_id
    }

    /// Whether a committed transaction has carried the done mark.
    pub fn is_done(&self) -> bool {
        self.done.load(Ordering::Acquire)
    }

    pub(crate) fn committed(&self) {
        self.done.store(true, Ordering::Release);
    }
}

tokio::task_local! {
    static PROCESSING: Arc<Processing>;
}

/// Runs `work` (one update's handling) so that the first transaction it commits also marks the
/// update done.
pub async fn processing<F: std::future::Future>(update: Arc<Processing>, work: F) -> F::Output {
    PROCESSING.scope(update, work).await
}

/// Called by every commit before it commits: adds the done mark of the update being processed
/// to this transaction, once. Returns the update to flag after the commit succeeds.
pub(crate) async fn mark_in_commit(
    conn: &mut Connection,
) -> StorageResult<Option<Arc<Processing>>> {
    let Ok(current) = PROCESSING.try_with(Arc::clone) else {
        return Ok(None);
    };
    if current.is_done() {
        return Ok(None);
    }
    mark_done(conn, current.update_id, current.at).await?;
    Ok(Some(current))
}
