//! Nominations: what a unit proposes after its review meeting, and their way through appraisal,
//! ballot and decision.

use crate::domain::nomination::NominationStatus;
use crate::domain::person::PersonId;
use crate::domain::title::Title;
use crate::storage::{Connection, StorageError, StorageResult};
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nomination {
    pub id: i64,
    pub campaign_year: i32,
    pub unit_code: String,
    /// `None` for the unit's collective title.
    pub person_id: Option<PersonId>,
    pub title: Title,
    pub meeting_yes_votes: Option<i64>,
    pub status: NominationStatus,
    pub appraisal_note: Option<String>,
    pub ballot_yes: Option<i64>,
    pub ballot_no: Option<i64>,
}

const COLUMNS: &str = "id, campaign_year, unit_code, person_id, title, meeting_yes_votes, status, appraisal_note, ballot_yes, ballot_no";

fn to_nomination(row: super::backend::DbRow) -> StorageResult<Nomination> {
    let title: String = row.try_get("title")?;
    let status: String = row.try_get("status")?;
    let person: Option<i64> = row.try_get("person_id")?;
    Ok(Nomination {
        id: row.try_get("id")?,
        campaign_year: row.try_get("campaign_year")?,
        unit_code: row.try_get("unit_code")?,
        person_id: person.map(PersonId),
        title: Title::parse(&title)?,
        meeting_yes_votes: row.try_get("meeting_yes_votes")?,
        status: NominationStatus::parse(&status)?,
        appraisal_note: row.try_get("appraisal_note")?,
        ballot_yes: row.try_get("ballot_yes")?,
        ballot_no: row.try_get("ballot_no")?,
    })
}

/// A unit's proposal. Re-proposing after the secretary reopened the unit replaces the earlier
/// row for the same nominee and title (the audit log keeps the history).
pub struct NewNomination<'a> {
    pub campaign_year: i32,
    pub unit_code: &'a str,
    pub person_id: Option<PersonId>,
    pub title: Title,
    pub meeting_yes_votes: Option<i64>,
}

pub async fn propose(
    conn: &mut Connection,
    nomination: &NewNomination<'_>,
    now: DateTime<Utc>,
) -> StorageResult<i64> {
    let existing: Option<i64> = match nomination.person_id {
        Some(person) => sqlx::query_scalar("SELECT id FROM nominations WHERE campaign_year = ?1 AND person_id = ?2 AND title = ?3")
            .bind(nomination.campaign_year)
            .bind(person.0)
            .bind(nomination.title.code())
            .fetch_optional(&mut *conn)
            .await?,
        None => sqlx::query_scalar("SELECT id FROM nominations WHERE campaign_year = ?1 AND unit_code = ?2 AND title = ?3 AND person_id IS NULL")
            .bind(nomination.campaign_year)
            .bind(nomination.unit_code)
            .bind(nomination.title.code())
            .fetch_optional(&mut *conn)
            .await?,
    };
    if let Some(id) = existing {
        sqlx::query(
            "UPDATE nominations SET meeting_yes_votes = ?2, status = 'proposed', appraisal_note = NULL,
                    ballot_yes = NULL, ballot_no = NULL, updated_at = ?3 WHERE id = ?1",
        )
        .bind(id)
        .bind(nomination.meeting_yes_votes)
        .bind(now)
        .execute(conn)
        .await?;
        return Ok(id);
    }
    let result = sqlx::query(
        "INSERT INTO nominations (campaign_year, unit_code, person_id, title, meeting_yes_votes, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'proposed', ?6, ?6)",
    )
    .bind(nomination.campaign_year)
    .bind(nomination.unit_code)
    .bind(nomination.person_id.map(|person| person.0))
    .bind(nomination.title.code())
    .bind(nomination.meeting_yes_votes)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.last_insert_rowid())
}

/// Withdraws a unit's proposals that the unit no longer makes (after a reopened meeting).
pub async fn remove_unit_proposals_except(
    conn: &mut Connection,
    year: i32,
    unit_code: &str,
    keep: &[i64],
) -> StorageResult<u64> {
    let keep = serde_json::to_string(keep).map_err(StorageError::Json)?;
    let result = sqlx::query(
        "DELETE FROM nominations WHERE campaign_year = ?1 AND unit_code = ?2 AND status IN (SELECT value FROM json_each(?4))
           AND id NOT IN (SELECT value FROM json_each(?3))",
    )
    .bind(year)
    .bind(unit_code)
    .bind(keep)
    .bind(super::bound_list(
        NominationStatus::REPLACEABLE.map(NominationStatus::as_str),
    )?)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

pub async fn find(conn: &mut Connection, id: i64) -> StorageResult<Option<Nomination>> {
    let sql = format!("SELECT {COLUMNS} FROM nominations WHERE id = ?1");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .map(to_nomination)
        .transpose()
}

/// A campaign's nominations by unit, then title, then id.
pub async fn list(conn: &mut Connection, year: i32) -> StorageResult<Vec<Nomination>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM nominations WHERE campaign_year = ?1 ORDER BY unit_code, title, id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(year)
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(to_nomination).collect()
}

pub async fn list_for_unit(
    conn: &mut Connection,
    year: i32,
    unit_code: &str,
) -> StorageResult<Vec<Nomination>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM nominations WHERE campaign_year = ?1 AND unit_code = ?2 ORDER BY title, id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(year)
        .bind(unit_code)
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(to_nomination).collect()
}

/// Moves a nomination from one status to the next; false when it was not in `from` (a stale or
/// repeated action), so callers can refuse instead of overwriting.
pub async fn transition(
    conn: &mut Connection,
    id: i64,
    from: NominationStatus,
    to: NominationStatus,
    note: Option<&str>,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let result = sqlx::query(
        "UPDATE nominations SET status = ?3, appraisal_note = COALESCE(?4, appraisal_note), updated_at = ?5
         WHERE id = ?1 AND status = ?2",
    )
    .bind(id)
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(note)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Writes the tallied ballot counts once; false if they were already written.
pub async fn record_ballot(
    conn: &mut Connection,
    id: i64,
    yes: i64,
    no: i64,
    passed: bool,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let result = sqlx::query(
        "UPDATE nominations SET ballot_yes = ?2, ballot_no = ?3, status = ?4, updated_at = ?5
         WHERE id = ?1 AND status = 'valid' AND ballot_yes IS NULL",
    )
    .bind(id)
    .bind(yes)
    .bind(no)
    .bind(if passed { "passed" } else { "failed" })
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}
