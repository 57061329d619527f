//! Individual and collective title registrations.

use crate::domain::person::PersonId;
use crate::domain::registration::RegistrationStatus;
use crate::domain::title::Title;
use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registration {
    pub title: Title,
    pub status: RegistrationStatus,
}

fn to_registration(row: super::backend::DbRow) -> StorageResult<Registration> {
    let title: String = row.try_get("title")?;
    let status: String = row.try_get("status")?;
    Ok(Registration {
        title: Title::parse(&title)?,
        status: RegistrationStatus::parse(&status)?,
    })
}

pub async fn find_individual(
    conn: &mut Connection,
    year: i32,
    person: PersonId,
) -> StorageResult<Option<Registration>> {
    sqlx::query(
        "SELECT title, status FROM registrations WHERE campaign_year = ?1 AND person_id = ?2",
    )
    .bind(year)
    .bind(person.0)
    .fetch_optional(conn)
    .await?
    .map(to_registration)
    .transpose()
}

pub async fn upsert_individual(
    conn: &mut Connection,
    year: i32,
    person: PersonId,
    title: Title,
    status: RegistrationStatus,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO registrations (campaign_year, person_id, title, status, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (campaign_year, person_id)
         DO UPDATE SET title = excluded.title, status = excluded.status, updated_at = excluded.updated_at",
    )
    .bind(year)
    .bind(person.0)
    .bind(title.code())
    .bind(status.as_str())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find_collective(
    conn: &mut Connection,
    year: i32,
    unit_code: &str,
) -> StorageResult<Option<Registration>> {
    sqlx::query(
        "SELECT title, status FROM unit_registrations WHERE campaign_year = ?1 AND unit_code = ?2",
    )
    .bind(year)
    .bind(unit_code)
    .fetch_optional(conn)
    .await?
    .map(to_registration)
    .transpose()
}

pub async fn upsert_collective(
    conn: &mut Connection,
    year: i32,
    unit_code: &str,
    title: Title,
    status: RegistrationStatus,
    by: PersonId,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO unit_registrations (campaign_year, unit_code, title, status, registered_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (campaign_year, unit_code)
         DO UPDATE SET title = excluded.title, status = excluded.status,
                       registered_by = excluded.registered_by, updated_at = excluded.updated_at",
    )
    .bind(year)
    .bind(unit_code)
    .bind(title.code())
    .bind(status.as_str())
    .bind(by.0)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
