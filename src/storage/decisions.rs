//! The director's decisions: an approval with the decision's number and date (at most one per
//! campaign, `decisions_one_approval`), or a send-back with a comment.

use crate::domain::person::PersonId;
use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Decision {
    pub id: i64,
    pub campaign_year: i32,
    pub outcome: String,
    pub number: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub comment: Option<String>,
    pub decided_by: i64,
    pub decided_at: DateTime<Utc>,
}

/// Records the approval; `None` when the campaign already has one (the partial unique index).
pub async fn approve(
    conn: &mut Connection,
    year: i32,
    number: &str,
    decided_on: NaiveDate,
    by: PersonId,
    now: DateTime<Utc>,
) -> StorageResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "INSERT INTO decisions (campaign_year, outcome, number, decided_on, decided_by, decided_at)
         VALUES (?1, 'approved', ?2, ?3, ?4, ?5)
         ON CONFLICT (campaign_year) WHERE outcome = 'approved' DO NOTHING RETURNING id",
    )
    .bind(year)
    .bind(number)
    .bind(decided_on)
    .bind(by.0)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

pub async fn send_back(
    conn: &mut Connection,
    year: i32,
    comment: &str,
    by: PersonId,
    now: DateTime<Utc>,
) -> StorageResult<i64> {
    let result = sqlx::query(
        "INSERT INTO decisions (campaign_year, outcome, comment, decided_by, decided_at)
         VALUES (?1, 'sent_back', ?2, ?3, ?4)",
    )
    .bind(year)
    .bind(comment)
    .bind(by.0)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.last_insert_rowid())
}

pub async fn approval(conn: &mut Connection, year: i32) -> StorageResult<Option<Decision>> {
    Ok(sqlx::query_as(
        "SELECT id, campaign_year, outcome, number, decided_on, comment, decided_by, decided_at
           FROM decisions WHERE campaign_year = ?1 AND outcome = 'approved'",
    )
    .bind(year)
    .fetch_optional(conn)
    .await?)
}

/// Every decision of a campaign, oldest first (for the export and the minutes).
pub async fn list(conn: &mut Connection, year: i32) -> StorageResult<Vec<Decision>> {
    Ok(sqlx::query_as(
        "SELECT id, campaign_year, outcome, number, decided_on, comment, decided_by, decided_at
           FROM decisions WHERE campaign_year = ?1 ORDER BY id",
    )
    .bind(year)
    .fetch_all(conn)
    .await?)
}

/// Marks the nominations the decision recognises: those that passed the ballot, and valid ones
/// whose title needs none (`no_ballot_titles`). Returns how many were approved.
pub async fn approve_nominations(
    conn: &mut Connection,
    year: i32,
    no_ballot_titles: &[&str],
    now: DateTime<Utc>,
) -> StorageResult<u64> {
    let titles = super::bound_list(no_ballot_titles.iter().copied())?;
    let result = sqlx::query(
        "UPDATE nominations SET status = 'approved', updated_at = ?3
          WHERE campaign_year = ?1
            AND (status = 'passed' OR (status = 'valid' AND title IN (SELECT value FROM json_each(?2))))",
    )
    .bind(year)
    .bind(titles)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}
