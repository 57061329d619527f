//! The award history (`award_history`): past years' facts per person or unit.

use crate::domain::history::file::Holder;
use crate::domain::history::{Entry, History, Kind, Source};
use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct EntryRow {
    year: i32,
    kind: String,
    decision_number: String,
    decision_date: NaiveDate,
    until: Option<NaiveDate>,
    description: String,
    backs: Option<String>,
    source: String,
    basis: bool,
}

impl TryFrom<EntryRow> for Entry {
    type Error = crate::domain::UnknownValue;
    fn try_from(row: EntryRow) -> Result<Self, Self::Error> {
        Ok(Entry {
            year: row.year,
            kind: Kind::parse(&row.kind)?,
            decision_number: row.decision_number,
            decision_date: row.decision_date,
            until: row.until,
            description: row.description,
            backs: row.backs,
            source: Source::parse(&row.source)?,
            basis: row.basis,
        })
    }
}

fn history(rows: Vec<EntryRow>) -> StorageResult<History> {
    Ok(History::new(
        rows.into_iter()
            .map(Entry::try_from)
            .collect::<Result<_, _>>()?,
    ))
}

pub async fn for_person(conn: &mut Connection, person_id: i64) -> StorageResult<History> {
    let rows = sqlx::query_as(
        "SELECT year, kind, decision_number, decision_date, until, description, backs, source, basis
           FROM award_history WHERE person_id = ?1 ORDER BY year, id",
    )
    .bind(person_id)
    .fetch_all(conn)
    .await?;
    history(rows)
}

pub async fn for_unit(conn: &mut Connection, unit_code: &str) -> StorageResult<History> {
    let rows = sqlx::query_as(
        "SELECT year, kind, decision_number, decision_date, until, description, backs, source, basis
           FROM award_history WHERE unit_code = ?1 ORDER BY year, id",
    )
    .bind(unit_code)
    .fetch_all(conn)
    .await?;
    history(rows)
}

/// Whether the fact was new (`true`) or replaced the same fact recorded before.
pub async fn upsert(
    conn: &mut Connection,
    person_id: Option<i64>,
    unit_code: Option<&str>,
    entry: &Entry,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM award_history
          WHERE coalesce(person_id, 0) = coalesce(?1, 0) AND coalesce(unit_code, '') = coalesce(?2, '')
            AND year = ?3 AND kind = ?4 AND decision_number = ?5 AND lower(description) = lower(?6)",
    )
    .bind(person_id)
    .bind(unit_code)
    .bind(entry.year)
    .bind(entry.kind.code())
    .bind(&entry.decision_number)
    .bind(&entry.description)
    .fetch_optional(&mut *conn)
    .await?;
    match existing {
        Some(id) => {
            sqlx::query(
                "UPDATE award_history SET decision_date = ?2, until = ?3, backs = ?4, source = ?5,
                        recorded_at = ?6, basis = ?7 WHERE id = ?1",
            )
            .bind(id)
            .bind(entry.decision_date)
            .bind(entry.until)
            .bind(&entry.backs)
            .bind(entry.source.code())
            .bind(now)
            .bind(entry.basis)
            .execute(conn)
            .await?;
            Ok(false)
        }
        None => {
            sqlx::query(
                "INSERT INTO award_history (person_id, unit_code, year, kind, decision_number,
                        decision_date, until, description, backs, source, recorded_at, basis)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )
            .bind(person_id)
            .bind(unit_code)
            .bind(entry.year)
            .bind(entry.kind.code())
            .bind(&entry.decision_number)
            .bind(entry.decision_date)
            .bind(entry.until)
            .bind(&entry.description)
            .bind(&entry.backs)
            .bind(entry.source.code())
            .bind(now)
            .bind(entry.basis)
            .execute(conn)
            .await?;
            Ok(true)
        }
    }
}

/// One history row with its holder, for exports: (employee code or unit code, name, entry).
pub struct Listed {
    pub holder: Holder,
    pub name: String,
    pub entry: Entry,
}

#[derive(sqlx::FromRow)]
struct ListedRow {
    employee_code: Option<String>,
    unit_code: Option<String>,
    name: String,
    #[sqlx(flatten)]
    entry: EntryRow,
}

/// Every row, people first (by unit and code), then units.
pub async fn list_all(conn: &mut Connection) -> StorageResult<Vec<Listed>> {
    let rows: Vec<ListedRow> = sqlx::query_as(
        "SELECT p.employee_code, h.unit_code, coalesce(p.full_name, u.name) AS name,
                h.year, h.kind, h.decision_number, h.decision_date, h.until, h.description, h.backs, h.source, h.basis
           FROM award_history h
           LEFT JOIN people p ON p.id = h.person_id
           LEFT JOIN units u ON u.code = h.unit_code
          ORDER BY h.person_id IS NULL, coalesce(p.unit_code, h.unit_code), p.employee_code, h.year, h.id",
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|row| {
            let holder = match (row.employee_code, row.unit_code) {
                (Some(code), _) => Holder::Person(code),
                (None, Some(code)) => Holder::Unit(code),
                (None, None) => Holder::Unit(String::new()),
            };
            Ok(Listed {
                holder,
                name: row.name,
                entry: Entry::try_from(row.entry)?,
            })
        })
        .collect()
}
