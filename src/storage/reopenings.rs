//! Phases reopened for one unit or one person (`phase_reopenings`).

use super::{Connection, StorageResult};
use crate::domain::person::PersonId;
use crate::domain::phase::Phase;
use chrono::{DateTime, Utc};

/// Who a reopening is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Unit(String),
    Person(PersonId),
}

pub async fn insert(
    conn: &mut Connection,
    year: i32,
    phase: Phase,
    scope: &Scope,
    until: DateTime<Utc>,
    reason: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let (unit, person) = match scope {
        Scope::Unit(code) => (Some(code.as_str()), None),
        Scope::Person(id) => (None, Some(id.0)),
    };
    sqlx::query(
        "INSERT INTO phase_reopenings (campaign_year, phase, unit_code, person_id, until, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(year)
    .bind(phase.as_str())
    .bind(unit)
    .bind(person)
    .bind(until)
    .bind(reason)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The latest `until` of each phase reopened for this person or their unit.
pub async fn for_person(
    conn: &mut Connection,
    year: i32,
    person: PersonId,
    unit_code: &str,
) -> StorageResult<Vec<(Phase, DateTime<Utc>)>> {
    let rows: Vec<(String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT phase, max(until) FROM phase_reopenings
          WHERE campaign_year = ?1 AND (person_id = ?2 OR unit_code = ?3)
          GROUP BY phase",
    )
    .bind(year)
    .bind(person.0)
    .bind(unit_code)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(phase, until)| Phase::parse(&phase).ok().map(|phase| (phase, until)))
        .collect())
}
