//! Self-assessments: the working copy, the submitted versions, and the review state.

use crate::domain::assessment::{Answers, Status};
use crate::domain::person::PersonId;
use crate::storage::{Connection, StorageError, StorageResult};
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRow {
    pub status: Status,
    pub answers: Answers,
    pub submitted_version: Option<i64>,
    pub review_comment: Option<String>,
}

fn json_error(error: serde_json::Error) -> StorageError {
    StorageError::Json(error)
}

pub async fn find(
    conn: &mut Connection,
    year: i32,
    person: PersonId,
) -> StorageResult<Option<AssessmentRow>> {
    let row = sqlx::query(
        "SELECT status, answers, submitted_version, review_comment FROM assessments
         WHERE campaign_year = ?1 AND person_id = ?2",
    )
    .bind(year)
    .bind(person.0)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status: String = row.try_get("status")?;
    let answers: String = row.try_get("answers")?;
    Ok(Some(AssessmentRow {
        status: Status::parse(&status)?,
        answers: serde_json::from_str(&answers).map_err(json_error)?,
        submitted_version: row.try_get("submitted_version")?,
        review_comment: row.try_get("review_comment")?,
    }))
}

/// Saves the working copy; creates the row as a draft the first time.
pub async fn save_answers(
    conn: &mut Connection,
    year: i32,
    person: PersonId,
    answers: &Answers,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let json = serde_json::to_string(answers).map_err(StorageError::Json)?;
    sqlx::query(
        "INSERT INTO assessments (campaign_year, person_id, status, answers, updated_at)
         VALUES (?1, ?2, 'draft', ?3, ?4)
         ON CONFLICT (campaign_year, person_id) DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at",
    )
    .bind(year)
    .bind(person.0)
    .bind(json)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Freezes the working copy as the next version and marks the assessment submitted. Returns the
/// new version number.
pub async fn submit(
    conn: &mut Connection,
    year: i32,
    person: PersonId,
    answers: &Answers,
    verdicts: &serde_json::Value,
    now: DateTime<Utc>,
) -> StorageResult<i64> {
    save_answers(&mut *conn, year, person, answers, now).await?;
    let version: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM assessment_versions WHERE campaign_year = ?1 AND person_id = ?2",
    )
    .bind(year)
    .bind(person.0)
    .fetch_one(&mut *conn)
    .await?;
    let answers_json = serde_json::to_string(answers).map_err(StorageError::Json)?;
    sqlx::query(
        "INSERT INTO assessment_versions (campaign_year, person_id, version, answers, verdicts, submitted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(year)
    .bind(person.0)
    .bind(version)
    .bind(answers_json)
    .bind(verdicts.to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE assessments SET status = 'submitted', submitted_version = ?3, review_comment = NULL,
                reviewed_by = NULL, reviewed_at = NULL, updated_at = ?4
         WHERE campaign_year = ?1 AND person_id = ?2",
    )
    .bind(year)
    .bind(person.0)
    .bind(version)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(version)
}

/// How many versions were submitted (for tests and the audit trail's readers).
pub async fn count_versions(
    conn: &mut Connection,
    year: i32,
    person: PersonId,
) -> StorageResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM assessment_versions WHERE campaign_year = ?1 AND person_id = ?2",
    )
    .bind(year)
    .bind(person.0)
    .fetch_one(conn)
    .await?)
}

/// Records a review decision on a submitted assessment; false when it was not in 'submitted'.
pub async fn review(
    conn: &mut Connection,
    year: i32,
    person: PersonId,
    outcome: Status,
    comment: Option<&str>,
    reviewer: PersonId,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let result = sqlx::query(
        "UPDATE assessments SET status = ?3, review_comment = ?4, reviewed_by = ?5, reviewed_at = ?6, updated_at = ?6
         WHERE campaign_year = ?1 AND person_id = ?2 AND status = 'submitted'",
    )
    .bind(year)
    .bind(person.0)
    .bind(outcome.as_str())
    .bind(comment)
    .bind(reviewer.0)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// A frozen submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub version: i64,
    pub answers: Answers,
}

pub async fn latest_version(
    conn: &mut Connection,
    year: i32,
    person: PersonId,
) -> StorageResult<Option<Version>> {
    let row = sqlx::query(
        "SELECT version, answers FROM assessment_versions WHERE campaign_year = ?1 AND person_id = ?2
         ORDER BY version DESC LIMIT 1",
    )
    .bind(year)
    .bind(person.0)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let answers: String = row.try_get("answers")?;
    Ok(Some(Version {
        version: row.try_get("version")?,
        answers: serde_json::from_str(&answers).map_err(json_error)?,
    }))
}

/// Every assessment's status for a campaign, in one query (for passes over everyone).
pub async fn statuses(
    conn: &mut Connection,
    year: i32,
) -> StorageResult<std::collections::HashMap<PersonId, Status>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT person_id, status FROM assessments WHERE campaign_year = ?1")
            .bind(year)
            .fetch_all(conn)
            .await?;
    rows.into_iter()
        .map(|(person, status)| Ok((PersonId(person), Status::parse(&status)?)))
        .collect()
}
