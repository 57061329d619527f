//! The director's Giấy khen (`commendations`): proposals, their appraisal and the decision.
//! Every step is a conditional update from the status before it, so two presses racing (or an
//! old button) move a proposal once, and the loser learns it changed nothing.

use crate::domain::commendation::{Occasion, Recipient, Status};
use crate::storage::{Connection, StorageError, StorageResult};
use chrono::{DateTime, NaiveDate, Utc};

/// One proposal as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commendation {
    pub id: i64,
    pub recipient: Recipient,
    pub occasion: Occasion,
    pub achievement: String,
    pub proposed_by: i64,
    pub proposed_at: DateTime<Utc>,
    pub status: Status,
    pub appraised_by: Option<i64>,
    pub refusal_reason: Option<String>,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub decided_by: Option<i64>,
    pub published_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    person_id: Option<i64>,
    unit_code: Option<String>,
    occasion: String,
    achievement: String,
    proposed_by: i64,
    proposed_at: DateTime<Utc>,
    status: String,
    appraised_by: Option<i64>,
    refusal_reason: Option<String>,
    decision_number: Option<String>,
    decision_date: Option<NaiveDate>,
    decided_by: Option<i64>,
    published_at: Option<DateTime<Utc>>,
}

impl TryFrom<Row> for Commendation {
    type Error = StorageError;
    fn try_from(row: Row) -> Result<Self, Self::Error> {
        let recipient = match (row.person_id, row.unit_code) {
            (Some(person), None) => Recipient::Person(person),
            (None, Some(unit)) => Recipient::Unit(unit),
            _ => {
                return Err(StorageError::Invariant(format!(
                    "commendation {} has no single recipient",
                    row.id
                )));
            }
        };
        Ok(Commendation {
            id: row.id,
            recipient,
            occasion: Occasion::parse(&row.occasion)?,
            achievement: row.achievement,
            proposed_by: row.proposed_by,
            proposed_at: row.proposed_at,
            status: Status::parse(&row.status)?,
            appraised_by: row.appraised_by,
            refusal_reason: row.refusal_reason,
            decision_number: row.decision_number,
            decision_date: row.decision_date,
            decided_by: row.decided_by,
            published_at: row.published_at,
        })
    }
}

/// A literal `SELECT` of every column, followed by `$rest`.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT id, person_id, unit_code, occasion, achievement, proposed_by, proposed_at,
                    status, appraised_by, refusal_reason, decision_number, decision_date,
                    decided_by, published_at
               FROM commendations ",
            $rest
        )
    };
}

/// A new proposal; its id.
pub async fn insert(
    conn: &mut Connection,
    recipient: &Recipient,
    occasion: Occasion,
    achievement: &str,
    proposed_by: i64,
    now: DateTime<Utc>,
) -> StorageResult<i64> {
    let (person, unit) = match recipient {
        Recipient::Person(id) => (Some(*id), None),
        Recipient::Unit(code) => (None, Some(code.as_str())),
    };
    let id = sqlx::query_scalar(
        "INSERT INTO commendations (person_id, unit_code, occasion, achievement, proposed_by,
                proposed_at, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'proposed') RETURNING id",
    )
    .bind(person)
    .bind(unit)
    .bind(occasion.code())
    .bind(achievement)
    .bind(proposed_by)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn find(conn: &mut Connection, id: i64) -> StorageResult<Option<Commendation>> {
    let row: Option<Row> = sqlx::query_as(select!("WHERE id = ?1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.map(Commendation::try_from).transpose()
}

/// Those in `status`, oldest first.
pub async fn list_with_status(
    conn: &mut Connection,
    status: Status,
) -> StorageResult<Vec<Commendation>> {
    let rows: Vec<Row> = sqlx::query_as(select!("WHERE status = ?1 ORDER BY id"))
        .bind(status.code())
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(Commendation::try_from).collect()
}

/// Every proposal, newest first (for the operator).
pub async fn list_all(conn: &mut Connection) -> StorageResult<Vec<Commendation>> {
    let rows: Vec<Row> = sqlx::query_as(select!("ORDER BY id DESC"))
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(Commendation::try_from).collect()
}

/// The standing body's appraisal: agreed (`reason: None`) or refused with the reason. `false`
/// when it no longer waited for appraisal.
pub async fn appraise(
    conn: &mut Connection,
    id: i64,
    by: i64,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let status = if reason.is_some() {
        Status::Refused
    } else {
        Status::Agreed
    };
    let done = sqlx::query(
        "UPDATE commendations SET status = ?2, appraised_by = ?3, appraised_at = ?4,
                refusal_reason = ?5
          WHERE id = ?1 AND status = 'proposed'",
    )
    .bind(id)
    .bind(status.code())
    .bind(by)
    .bind(now)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The director's decision, which publishes it. `false` when it was not waiting for one.
pub async fn decide(
    conn: &mut Connection,
    id: i64,
    by: i64,
    number: &str,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let done = sqlx::query(
        "UPDATE commendations SET status = 'published', decision_number = ?3,
                decision_date = ?4, decided_by = ?2, published_at = ?5
          WHERE id = ?1 AND status = 'agreed'",
    )
    .bind(id)
    .bind(by)
    .bind(number)
    .bind(date)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
