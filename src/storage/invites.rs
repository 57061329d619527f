//! Invite codes, stored only as their SHA-256 hash, and the failed attempts to use one. At most one
//! invite per person is pending (a partial UNIQUE index), so issuing a new one revokes the old.

use crate::domain::invite_code::InviteStatus;
use crate::domain::person::PersonId;
use crate::storage::{Connection, StorageError, StorageResult};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub id: i64,
    pub person_id: PersonId,
    pub code_hash: String,
    pub status: InviteStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub used_by_telegram_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct InviteRow {
    id: i64,
    person_id: i64,
    code_hash: String,
    status: String,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
    used_by_telegram_id: Option<i64>,
}

impl TryFrom<InviteRow> for Invite {
    type Error = StorageError;

    fn try_from(row: InviteRow) -> Result<Self, Self::Error> {
        Ok(Invite {
            id: row.id,
            person_id: PersonId(row.person_id),
            code_hash: row.code_hash,
            status: InviteStatus::parse(&row.status)?,
            created_at: row.created_at,
            expires_at: row.expires_at,
            used_at: row.used_at,
            used_by_telegram_id: row.used_by_telegram_id,
        })
    }
}

const COLUMNS: &str =
    "id, person_id, code_hash, status, created_at, expires_at, used_at, used_by_telegram_id";

/// Revokes the person's pending invite, if any; returns how many were revoked (0 or 1).
pub async fn revoke_pending(conn: &mut Connection, person_id: PersonId) -> StorageResult<u64> {
    let result = sqlx::query(
        "UPDATE invites SET status = 'revoked' WHERE person_id = ?1 AND status = 'pending'",
    )
    .bind(person_id.0)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// Stores a new pending invite; returns its id. Revoke the previous one first.
pub async fn insert(
    conn: &mut Connection,
    person_id: PersonId,
    code_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StorageResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO invites (person_id, code_hash, status, created_at, expires_at)
         VALUES (?1, ?2, 'pending', ?3, ?4) RETURNING id",
    )
    .bind(person_id.0)
    .bind(code_hash)
    .bind(now)
    .bind(expires_at)
    .fetch_one(conn)
    .await?)
}

pub async fn find_by_hash(conn: &mut Connection, code_hash: &str) -> StorageResult<Option<Invite>> {
    let sql = format!("SELECT {COLUMNS} FROM invites WHERE code_hash = ?1");
    let row: Option<InviteRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(code_hash)
        .fetch_optional(conn)
        .await?;
    row.map(Invite::try_from).transpose()
}

pub async fn find_by_id(conn: &mut Connection, id: i64) -> StorageResult<Option<Invite>> {
    let sql = format!("SELECT {COLUMNS} FROM invites WHERE id = ?1");
    let row: Option<InviteRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.map(Invite::try_from).transpose()
}

/// Every invite a person was ever given, oldest first.
pub async fn list_for_person(
    conn: &mut Connection,
    person_id: PersonId,
) -> StorageResult<Vec<Invite>> {
    let sql = format!("SELECT {COLUMNS} FROM invites WHERE person_id = ?1 ORDER BY id");
    let rows: Vec<InviteRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(person_id.0)
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(Invite::try_from).collect()
}

/// Marks a pending invite used; returns false if it was no longer pending (a concurrent use).
pub async fn mark_used(
    conn: &mut Connection,
    id: i64,
    telegram_user_id: i64,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let result = sqlx::query(
        "UPDATE invites SET status = 'used', used_at = ?3, used_by_telegram_id = ?2
         WHERE id = ?1 AND status = 'pending'",
    )
    .bind(id)
    .bind(telegram_user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn record_failure(
    conn: &mut Connection,
    telegram_user_id: i64,
    at: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query("INSERT INTO link_failures (telegram_user_id, at) VALUES (?1, ?2)")
        .bind(telegram_user_id)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

/// Failed attempts of one account strictly after `since`: how many, and the oldest of them. With
/// `since = now - window`, an attempt stops counting exactly at `attempt + window`.
pub async fn failures_since(
    conn: &mut Connection,
    telegram_user_id: i64,
    since: DateTime<Utc>,
) -> StorageResult<(u32, Option<DateTime<Utc>>)> {
    let (count, oldest): (i64, Option<DateTime<Utc>>) = sqlx::query_as(
        "SELECT count(*), min(at) FROM link_failures WHERE telegram_user_id = ?1 AND at > ?2",
    )
    .bind(telegram_user_id)
    .bind(since)
    .fetch_one(conn)
    .await?;
    Ok((u32::try_from(count).unwrap_or(u32::MAX), oldest))
}
