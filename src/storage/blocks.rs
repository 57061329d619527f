//! Emulation blocks (`block_years`, `block_members`, `block_scores`) and their contacts' rows in
//! `people`.

use crate::domain::UnknownValue;
use crate::domain::block::file::{Block, Contact};
use crate::domain::block::{Duty, Points, Proposed, Ranking, ScoringTable, SheetStatus};
use crate::domain::person::PersonId;
use crate::storage::{Connection, StorageError, StorageResult};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct BlockYear {
    pub id: i64,
    pub year: i32,
    pub block_code: String,
    pub name: String,
    pub group_chat_id: Option<i64>,
    pub table: ScoringTable,
    pub scoring_until: NaiveDate,
    pub flags: u32,
    pub bang_khen: u32,
    pub confirmed: bool,
    pub proposal_status: Option<String>,
    pub sent_number: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct BlockYearRow {
    id: i64,
    year: i32,
    block_code: String,
    name: String,
    group_chat_id: Option<i64>,
    scoring_table: String,
    scoring_until: NaiveDate,
    flags: i64,
    bang_khen: i64,
    status: String,
    proposal_status: Option<String>,
    sent_number: Option<String>,
    sent_on: Option<NaiveDate>,
    decision_number: Option<String>,
    decision_date: Option<NaiveDate>,
}

const YEAR_COLUMNS: &str = "id, year, block_code, name, group_chat_id, scoring_table, scoring_until,
     flags, bang_khen, status, proposal_status, sent_number, sent_on, decision_number, decision_date";

impl TryFrom<BlockYearRow> for BlockYear {
    type Error = StorageError;
    fn try_from(row: BlockYearRow) -> StorageResult<Self> {
        Ok(BlockYear {
            id: row.id,
            year: row.year,
            block_code: row.block_code,
            name: row.name,
            group_chat_id: row.group_chat_id,
            table: serde_json::from_str(&row.scoring_table)?,
            scoring_until: row.scoring_until,
            flags: u32::try_from(row.flags).unwrap_or_default(),
            bang_khen: u32::try_from(row.bang_khen).unwrap_or_default(),
            confirmed: row.status == "confirmed",
            proposal_status: row.proposal_status,
            sent_number: row.sent_number,
            sent_on: row.sent_on,
            decision_number: row.decision_number,
            decision_date: row.decision_date,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Member {
    pub id: i64,
    pub block_year_id: i64,
    pub code: String,
    pub name: String,
    pub email: String,
    pub contact_id: PersonId,
    pub duty: Duty,
    pub status: SheetStatus,
    pub revision: i64,
    pub submitted_at: Option<DateTime<Utc>>,
    pub rank: Option<i64>,
    pub total: Option<Points>,
    pub proposed: Option<Proposed>,
    pub result: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    id: i64,
    block_year_id: i64,
    code: String,
    name: String,
    email: String,
    contact_id: i64,
    duty: String,
    sheet_status: String,
    revision: i64,
    submitted_at: Option<DateTime<Utc>>,
    rank: Option<i64>,
    total_tenths: Option<i64>,
    proposed: Option<String>,
    result: Option<String>,
}

const MEMBER_COLUMNS: &str = "id, block_year_id, code, name, email, contact_id, duty, sheet_status,
     revision, submitted_at, rank, total_tenths, proposed, result";

impl TryFrom<MemberRow> for Member {
    type Error = UnknownValue;
    fn try_from(row: MemberRow) -> Result<Self, UnknownValue> {
        Ok(Member {
            id: row.id,
            block_year_id: row.block_year_id,
            code: row.code,
            name: row.name,
            email: row.email,
            contact_id: PersonId(row.contact_id),
            duty: Duty::parse(&row.duty)?,
            status: SheetStatus::parse(&row.sheet_status)?,
            revision: row.revision,
            submitted_at: row.submitted_at,
            rank: row.rank,
            total: row
                .total_tenths
                .map(|tenths| Points(u32::try_from(tenths).unwrap_or_default())),
            proposed: row.proposed.as_deref().map(Proposed::parse).transpose()?,
            result: row.result,
        })
    }
}

fn members_from(rows: Vec<MemberRow>) -> StorageResult<Vec<Member>> {
    Ok(rows
        .into_iter()
        .map(Member::try_from)
        .collect::<Result<_, _>>()?)
}

pub async fn year(conn: &mut Connection, id: i64) -> StorageResult<Option<BlockYear>> {
    let row: Option<BlockYearRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {YEAR_COLUMNS} FROM block_years WHERE id = ?1"
    )))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(BlockYear::try_from).transpose()
}

pub async fn find_year(
    conn: &mut Connection,
    year: i32,
    block_code: &str,
) -> StorageResult<Option<BlockYear>> {
    let row: Option<BlockYearRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {YEAR_COLUMNS} FROM block_years WHERE year = ?1 AND block_code = ?2"
    )))
    .bind(year)
    .bind(block_code)
    .fetch_optional(conn)
    .await?;
    row.map(BlockYear::try_from).transpose()
}

/// The year's blocks, in the organisation file's order of import.
pub async fn years(conn: &mut Connection, year: i32) -> StorageResult<Vec<BlockYear>> {
    let rows: Vec<BlockYearRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {YEAR_COLUMNS} FROM block_years WHERE year = ?1 ORDER BY id"
    )))
    .bind(year)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(BlockYear::try_from).collect()
}

/// The most recent year with blocks.
pub async fn latest_year(conn: &mut Connection) -> StorageResult<Option<i32>> {
    Ok(sqlx::query_scalar("SELECT max(year) FROM block_years")
        .fetch_one(conn)
        .await?)
}

/// Whether any member of the block has scored anything: the composition is then fixed.
pub async fn scoring_started(conn: &mut Connection, block_year_id: i64) -> StorageResult<bool> {
    let count: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM block_scores s JOIN block_members m ON m.id = s.member_id
          WHERE m.block_year_id = ?1",
    )
    .bind(block_year_id)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

/// Creates or refreshes a contact's person row: a person of the block's unit row holding only
/// the block_contact role. Their Telegram binding and language stay.
pub async fn upsert_contact(
    conn: &mut Connection,
    block_code: &str,
    contact: &Contact,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> StorageResult<PersonId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO people (employee_code, full_name, unit_code, position, email, gender, hire_date,
                             active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)
         ON CONFLICT (employee_code) DO UPDATE SET full_name = excluded.full_name,
             unit_code = excluded.unit_code, position = excluded.position, email = excluded.email,
             gender = excluded.gender, active = 1, updated_at = excluded.updated_at
         RETURNING id",
    )
    .bind(&contact.code)
    .bind(&contact.full_name)
    .bind(block_code)
    .bind(&contact.position)
    .bind(&contact.email)
    .bind(contact.gender.as_str())
    .bind(today)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM person_roles WHERE person_id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO person_roles (person_id, role) VALUES (?1, 'block_contact')")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(PersonId(id))
}

/// Writes a block's year as the file gives it: the block row (refreshed) and its members
/// (replaced; callers allow this only before scoring starts).
pub async fn replace_block(
    conn: &mut Connection,
    year: i32,
    block: &Block,
    table: &ScoringTable,
    scoring_until: NaiveDate,
    contacts: &HashMap<String, PersonId>,
) -> StorageResult<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO block_years (year, block_code, name, group_chat_id, scoring_table, scoring_until,
                                  flags, bang_khen, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'scoring')
         ON CONFLICT (year, block_code) DO UPDATE SET name = excluded.name,
             group_chat_id = excluded.group_chat_id, scoring_table = excluded.scoring_table,
             scoring_until = excluded.scoring_until, flags = excluded.flags,
             bang_khen = excluded.bang_khen
         RETURNING id",
    )
    .bind(year)
    .bind(&block.code)
    .bind(&block.name)
    .bind(block.group_chat_id)
    .bind(serde_json::to_string(table)?)
    .bind(scoring_until)
    .bind(i64::from(block.flags))
    .bind(i64::from(block.bang_khen))
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM block_members WHERE block_year_id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (position, member) in block.members.iter().enumerate() {
        let contact = contacts
            .get(&member.contact.code)
            .ok_or(StorageError::Missing("the contact just written"))?;
        sqlx::query(
            "INSERT INTO block_members (block_year_id, year, code, name, email, contact_id, duty, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(id)
        .bind(year)
        .bind(&member.code)
        .bind(&member.name)
        .bind(&member.email)
        .bind(contact.0)
        .bind(member.duty.as_str())
        .bind(position as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

pub async fn members(conn: &mut Connection, block_year_id: i64) -> StorageResult<Vec<Member>> {
    let rows = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {MEMBER_COLUMNS} FROM block_members WHERE block_year_id = ?1 ORDER BY position"
    )))
    .bind(block_year_id)
    .fetch_all(conn)
    .await?;
    members_from(rows)
}

pub async fn member(conn: &mut Connection, id: i64) -> StorageResult<Option<Member>> {
    let rows = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {MEMBER_COLUMNS} FROM block_members WHERE id = ?1"
    )))
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(members_from(rows)?.pop())
}

/// The member whose contact the person is, in the latest year that has blocks.
pub async fn member_of_contact(
    conn: &mut Connection,
    person: PersonId,
) -> StorageResult<Option<Member>> {
    let rows = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {MEMBER_COLUMNS} FROM block_members WHERE contact_id = ?1 ORDER BY year DESC LIMIT 1"
    )))
    .bind(person.0)
    .fetch_all(conn)
    .await?;
    Ok(members_from(rows)?.pop())
}

/// A sheet's points: criterion → (own, the cross-check's), with each adjustment's reason.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub points: HashMap<String, (Points, Option<Points>)>,
    pub reasons: HashMap<String, String>,
}

pub async fn scores(conn: &mut Connection, member_id: i64) -> StorageResult<Scores> {
    let rows: Vec<(String, i64, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT criterion, own_tenths, checked_tenths, check_reason FROM block_scores
          WHERE member_id = ?1",
    )
    .bind(member_id)
    .fetch_all(conn)
    .await?;
    let tenths = |value: i64| Points(u32::try_from(value).unwrap_or_default());
    let mut scores = Scores::default();
    for (criterion, own, checked, reason) in rows {
        scores
            .points
            .insert(criterion.clone(), (tenths(own), checked.map(tenths)));
        if let Some(reason) = reason {
            scores.reasons.insert(criterion, reason);
        }
    }
    Ok(scores)
}

/// The contact's own points for one criterion, while the sheet is a draft. False: not a draft.
pub async fn save_own(
    conn: &mut Connection,
    member_id: i64,
    criterion: &str,
    points: Points,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let bumped = sqlx::query(
        "UPDATE block_members SET revision = revision + 1 WHERE id = ?1 AND sheet_status = 'draft'",
    )
    .bind(member_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if bumped == 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO block_scores (member_id, criterion, own_tenths, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (member_id, criterion) DO UPDATE SET own_tenths = excluded.own_tenths,
             updated_at = excluded.updated_at",
    )
    .bind(member_id)
    .bind(criterion)
    .bind(i64::from(points.0))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(true)
}

/// Draft → submitted, if still a draft at `revision`.
pub async fn submit(
    conn: &mut Connection,
    member_id: i64,
    revision: i64,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    Ok(sqlx::query(
        "UPDATE block_members SET sheet_status = 'submitted', submitted_at = ?3, revision = revision + 1
          WHERE id = ?1 AND revision = ?2 AND sheet_status = 'draft'",
    )
    .bind(member_id)
    .bind(revision)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// The cross-check's points and reason for one criterion of a sent sheet read at `revision`; a
/// checked sheet goes back to waiting for its check. False: changed since read.
pub async fn adjust(
    conn: &mut Connection,
    member_id: i64,
    revision: i64,
    criterion: &str,
    points: Points,
    reason: &str,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let bumped = sqlx::query(
        "UPDATE block_members SET revision = revision + 1, sheet_status = 'submitted',
                checked_at = NULL, checked_by = NULL
          WHERE id = ?1 AND revision = ?2 AND sheet_status IN ('submitted', 'checked')",
    )
    .bind(member_id)
    .bind(revision)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if bumped == 0 {
        return Ok(false);
    }
    // A criterion the member left empty counts as 0 of their own.
    sqlx::query(
        "INSERT INTO block_scores (member_id, criterion, own_tenths, checked_tenths, check_reason, updated_at)
         VALUES (?1, ?2, 0, ?3, ?4, ?5)
         ON CONFLICT (member_id, criterion) DO UPDATE SET checked_tenths = excluded.checked_tenths,
             check_reason = excluded.check_reason, updated_at = excluded.updated_at",
    )
    .bind(member_id)
    .bind(criterion)
    .bind(i64::from(points.0))
    .bind(reason)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(true)
}

/// Submitted → checked, if unchanged since `revision` was read.
pub async fn mark_checked(
    conn: &mut Connection,
    member_id: i64,
    revision: i64,
    by: PersonId,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    Ok(sqlx::query(
        "UPDATE block_members SET sheet_status = 'checked', checked_at = ?4, checked_by = ?3
          WHERE id = ?1 AND revision = ?2 AND sheet_status = 'submitted'",
    )
    .bind(member_id)
    .bind(revision)
    .bind(by.0)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// The council's confirmation: the ranking written and the proposal prepared, once.
pub async fn confirm(
    conn: &mut Connection,
    block_year_id: i64,
    ranking: &Ranking,
    by: PersonId,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let confirmed = sqlx::query(
        "UPDATE block_years SET status = 'confirmed', confirmed_at = ?2, confirmed_by = ?3,
                proposal_status = 'prepared'
          WHERE id = ?1 AND status = 'scoring'",
    )
    .bind(block_year_id)
    .bind(now)
    .bind(by.0)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if confirmed == 0 {
        return Ok(false);
    }
    for ranked in &ranking.members {
        sqlx::query(
            "UPDATE block_members SET rank = ?3, total_tenths = ?4, proposed = ?5,
                    result = CASE WHEN ?5 IS NULL THEN NULL ELSE 'pending' END
              WHERE block_year_id = ?1 AND code = ?2",
        )
        .bind(block_year_id)
        .bind(&ranked.member)
        .bind(ranked.rank as i64)
        .bind(i64::from(ranked.total.0))
        .bind(ranked.proposed.map(Proposed::code))
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

pub async fn mark_sent(
    conn: &mut Connection,
    block_year_id: i64,
    number: &str,
    sent_on: NaiveDate,
) -> StorageResult<bool> {
    Ok(sqlx::query(
        "UPDATE block_years SET proposal_status = 'sent', sent_number = ?2, sent_on = ?3
          WHERE id = ?1 AND proposal_status = 'prepared'",
    )
    .bind(block_year_id)
    .bind(number)
    .bind(sent_on)
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// The province's decision: the block's proposal decided and each proposed member's result.
pub async fn mark_decided(
    conn: &mut Connection,
    block_year_id: i64,
    number: &str,
    decided_on: NaiveDate,
    awarded: &[String],
) -> StorageResult<bool> {
    let decided = sqlx::query(
        "UPDATE block_years SET proposal_status = 'decided', decision_number = ?2, decision_date = ?3
          WHERE id = ?1 AND proposal_status = 'sent'",
    )
    .bind(block_year_id)
    .bind(number)
    .bind(decided_on)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if decided == 0 {
        return Ok(false);
    }
    sqlx::query(
        "UPDATE block_members SET result = CASE WHEN code IN (SELECT value FROM json_each(?2))
                THEN 'awarded' ELSE 'not_awarded' END
          WHERE block_year_id = ?1 AND proposed IS NOT NULL",
    )
    .bind(block_year_id)
    .bind(serde_json::to_string(awarded)?)
    .execute(conn)
    .await?;
    Ok(true)
}
