//! The staff file's writes: creating, updating and deactivating people and replacing their
//! roles. Only the fields the file controls are written; a person's Telegram binding and language
//! are theirs and survive every re-import.

use crate::domain::UnknownValue;
use crate::domain::person::{Gender, PersonId};
use crate::domain::role::{Role, Roles};
use crate::domain::staff_file::StaffRow;
use crate::domain::staff_sync::ExistingStaff;
use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct StaffRecord {
    id: i64,
    employee_code: String,
    full_name: String,
    unit_code: String,
    position: String,
    email: String,
    gender: String,
    hire_date: NaiveDate,
    active: bool,
}

/// Everyone the staff file ever imported, active or not, with their roles (two queries, not one
/// per person). Block members' contacts belong to the block file: a staff import never sees them,
/// so it cannot deactivate them.
pub async fn list_all(conn: &mut Connection) -> StorageResult<Vec<ExistingStaff>> {
    let records: Vec<StaffRecord> = sqlx::query_as(
        "SELECT id, employee_code, full_name, unit_code, position, email, gender, hire_date, active
         FROM people WHERE unit_code NOT IN (SELECT code FROM units WHERE kind = 'block')
         ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let role_rows: Vec<(i64, String)> = sqlx::query_as("SELECT person_id, role FROM person_roles")
        .fetch_all(&mut *conn)
        .await?;
    let mut roles: HashMap<i64, Vec<Role>> = HashMap::new();
    for (person_id, raw) in role_rows {
        roles.entry(person_id).or_default().push(Role::parse(&raw)?);
    }
    records
        .into_iter()
        .map(|record| {
            let gender = Gender::parse(&record.gender).ok_or_else(|| {
                super::StorageError::Corrupt(UnknownValue::new("gender", &record.gender))
            })?;
            Ok(ExistingStaff {
                id: PersonId(record.id),
                roles: Roles::new(roles.remove(&record.id).unwrap_or_default()),
                employee_code: record.employee_code,
                full_name: record.full_name,
                unit_code: record.unit_code,
                position: record.position,
                email: record.email,
                gender,
                hire_date: record.hire_date,
                active: record.active,
            })
        })
        .collect()
}

pub async fn insert(
    conn: &mut Connection,
    row: &StaffRow,
    now: DateTime<Utc>,
) -> StorageResult<PersonId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO people (employee_code, full_name, unit_code, position, email, gender, hire_date,
                             active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)
         RETURNING id",
    )
    .bind(&row.employee_code)
    .bind(&row.full_name)
    .bind(&row.unit_code)
    .bind(&row.position)
    .bind(row.email.as_str())
    .bind(row.gender.as_str())
    .bind(row.hire_date)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    replace_roles(conn, PersonId(id), &row.roles).await?;
    Ok(PersonId(id))
}

/// Overwrites the file's fields and reactivates the person; Telegram binding and language stay.
pub async fn update(
    conn: &mut Connection,
    id: PersonId,
    row: &StaffRow,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "UPDATE people SET full_name = ?2, unit_code = ?3, position = ?4, email = ?5, gender = ?6,
                           hire_date = ?7, active = 1, updated_at = ?8
         WHERE id = ?1",
    )
    .bind(id.0)
    .bind(&row.full_name)
    .bind(&row.unit_code)
    .bind(&row.position)
    .bind(row.email.as_str())
    .bind(row.gender.as_str())
    .bind(row.hire_date)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    replace_roles(conn, id, &row.roles).await
}

pub async fn deactivate(
    conn: &mut Connection,
    id: PersonId,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query("UPDATE people SET active = 0, updated_at = ?2 WHERE id = ?1")
        .bind(id.0)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

async fn replace_roles(conn: &mut Connection, id: PersonId, roles: &Roles) -> StorageResult<()> {
    sqlx::query("DELETE FROM person_roles WHERE person_id = ?1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    for role in roles.iter() {
        sqlx::query("INSERT INTO person_roles (person_id, role) VALUES (?1, ?2)")
            .bind(id.0)
            .bind(role.as_str())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The person (active or not) a Telegram account is bound to, as (id, active).
pub async fn holder_of_telegram_user(
    conn: &mut Connection,
    telegram_user_id: i64,
) -> StorageResult<Option<(PersonId, bool)>> {
    let row: Option<(i64, bool)> =
        sqlx::query_as("SELECT id, active FROM people WHERE telegram_user_id = ?1")
            .bind(telegram_user_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(id, active)| (PersonId(id), active)))
}

/// Frees a Telegram account from a (deactivated) person so it can be bound to someone else; the
/// UNIQUE constraint on `telegram_user_id` would refuse the new binding otherwise.
pub async fn release_telegram_user(
    conn: &mut Connection,
    id: PersonId,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query("UPDATE people SET telegram_user_id = NULL, updated_at = ?2 WHERE id = ?1")
        .bind(id.0)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}
