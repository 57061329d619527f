//! Reading people and the few changes a person makes to their own row (linking Telegram,
//! choosing a language). Bulk changes from the staff file live in `storage::staff`.

use crate::domain::language::Lang;
use crate::domain::person::{Gender, Person, PersonId};
use crate::domain::role::{Role, Roles};
use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, NaiveDate, Utc};

// The roles come with the row (one statement per lookup, not two): a person is read on nearly
// every update, so statements here are the bot's hottest path (see BENCHMARKS.md).
const COLUMNS: &str = "id, employee_code, full_name, unit_code, position, email, gender, hire_date, active, telegram_user_id, language,
     (SELECT group_concat(role) FROM person_roles WHERE person_roles.person_id = people.id) AS roles";

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    employee_code: String,
    full_name: String,
    unit_code: String,
    position: String,
    email: String,
    gender: String,
    hire_date: NaiveDate,
    active: bool,
    telegram_user_id: Option<i64>,
    language: String,
    /// Comma-separated role names, NULL for someone holding none.
    roles: Option<String>,
}

fn build(row: PersonRow) -> StorageResult<Person> {
    let mut roles = Vec::new();
    for raw in row
        .roles
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter(|raw| !raw.is_empty())
    {
        roles.push(Role::parse(raw)?);
    }
    let roles = Roles::new(roles);
    let gender = Gender::parse(&row.gender).ok_or_else(|| {
        super::StorageError::Corrupt(crate::domain::UnknownValue::new("gender", &row.gender))
    })?;
    Ok(Person {
        id: PersonId(row.id),
        employee_code: row.employee_code,
        full_name: row.full_name,
        unit_code: row.unit_code,
        position: row.position,
        email: row.email,
        gender,
        hire_date: row.hire_date,
        active: row.active,
        telegram_user_id: row.telegram_user_id,
        lang: Lang::parse(&row.language)?,
        roles,
    })
}

fn build_all(rows: Vec<PersonRow>) -> StorageResult<Vec<Person>> {
    rows.into_iter().map(build).collect()
}

pub async fn find_by_id(conn: &mut Connection, id: PersonId) -> StorageResult<Option<Person>> {
    let sql = format!("SELECT {COLUMNS} FROM people WHERE id = ?1");
    let row: Option<PersonRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(build(row)?)),
        None => Ok(None),
    }
}

/// The active person bound to a Telegram account, if any.
pub async fn find_active_by_telegram_user(
    conn: &mut Connection,
    telegram_user_id: i64,
) -> StorageResult<Option<Person>> {
    let sql = format!("SELECT {COLUMNS} FROM people WHERE telegram_user_id = ?1 AND active = 1");
    let row: Option<PersonRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(telegram_user_id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(build(row)?)),
        None => Ok(None),
    }
}

pub async fn find_by_employee_code(
    conn: &mut Connection,
    employee_code: &str,
) -> StorageResult<Option<Person>> {
    let sql = format!("SELECT {COLUMNS} FROM people WHERE employee_code = ?1");
    let row: Option<PersonRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(employee_code)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(build(row)?)),
        None => Ok(None),
    }
}

/// People in Vietnamese name order within each run `same_group` keeps together (ties keep the
/// employee-code order SQL gave).
fn by_name(
    mut people: Vec<Person>,
    same_group: impl Fn(&Person, &Person) -> bool,
) -> StorageResult<Vec<Person>> {
    super::sort_names_within(&mut people, same_group, |person| &person.full_name);
    Ok(people)
}

/// Active members of a unit, by name (Vietnamese order: given name first).
pub async fn list_active_in_unit(
    conn: &mut Connection,
    unit_code: &str,
) -> StorageResult<Vec<Person>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM people WHERE unit_code = ?1 AND active = 1 ORDER BY employee_code"
    );
    let rows: Vec<PersonRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(unit_code)
        .fetch_all(&mut *conn)
        .await?;
    by_name(build_all(rows)?, |_, _| true)
}

/// Every active person, by unit (in the organisation file's order) then name.
pub async fn list_active(conn: &mut Connection) -> StorageResult<Vec<Person>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM people WHERE active = 1
          ORDER BY (SELECT position FROM units WHERE units.code = people.unit_code), unit_code,
                   employee_code"
    );
    let rows: Vec<PersonRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(&mut *conn)
        .await?;
    by_name(build_all(rows)?, |a, b| a.unit_code == b.unit_code)
}

/// Active people holding a role (e.g. the secretaries to contact).
pub async fn list_active_with_role(
    conn: &mut Connection,
    role: Role,
) -> StorageResult<Vec<Person>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM people WHERE active = 1
           AND id IN (SELECT person_id FROM person_roles WHERE role = ?1)
         ORDER BY employee_code"
    );
    let rows: Vec<PersonRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(role.as_str())
        .fetch_all(&mut *conn)
        .await?;
    by_name(build_all(rows)?, |_, _| true)
}

/// Binds a Telegram account to a person. The UNIQUE constraint on `telegram_user_id` is the last
/// line of defence against one account speaking for two people.
pub async fn bind_telegram_user(
    conn: &mut Connection,
    id: PersonId,
    telegram_user_id: i64,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query("UPDATE people SET telegram_user_id = ?2, updated_at = ?3 WHERE id = ?1")
        .bind(id.0)
        .bind(telegram_user_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_language(
    conn: &mut Connection,
    id: PersonId,
    lang: Lang,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query("UPDATE people SET language = ?2, updated_at = ?3 WHERE id = ?1")
        .bind(id.0)
        .bind(lang.as_str())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}
