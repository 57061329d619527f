//! Evidence files (`evidence_files`): bytes stored once by the SHA-256 of their content.

use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// The lower-case hex SHA-256 of `bytes`: the file's key.
pub fn key_of(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Stores the file unless the same bytes are already there; returns its key.
pub async fn store(
    conn: &mut Connection,
    mime_type: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> StorageResult<String> {
    let key = key_of(bytes);
    sqlx::query(
        "INSERT INTO evidence_files (sha256, mime_type, size, content, stored_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&key)
    .bind(mime_type)
    .bind(bytes.len() as i64)
    .bind(bytes)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(key)
}

/// The file's bytes, if stored.
pub async fn load(conn: &mut Connection, sha256: &str) -> StorageResult<Option<Vec<u8>>> {
    Ok(
        sqlx::query_scalar("SELECT content FROM evidence_files WHERE sha256 = ?1")
            .bind(sha256)
            .fetch_optional(conn)
            .await?,
    )
}
