//! The unit review meeting (họp bình xét): its minutes (date, counts, the unit's rating), who
//! attended, and its status — submitted meetings lock the unit's reviews until the secretary
//! reopens them.

use crate::domain::assessment::TaskRating;
use crate::domain::meeting::MeetingStatus;
use crate::domain::person::PersonId;
use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

fn rating_str(rating: TaskRating) -> &'static str {
    match rating {
        TaskRating::Excellent => "excellent",
        TaskRating::Good => "good",
        TaskRating::Completed => "completed",
        TaskRating::NotCompleted => "not_completed",
    }
}

fn parse_rating(raw: &str) -> StorageResult<TaskRating> {
    TaskRating::ALL
        .into_iter()
        .find(|rating| rating_str(*rating) == raw)
        .ok_or_else(|| {
            super::StorageError::Corrupt(crate::domain::UnknownValue::new("unit rating", raw))
        })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub unit_code: String,
    pub held_on: NaiveDate,
    pub member_count: i64,
    pub present_count: i64,
    pub status: MeetingStatus,
    pub unit_rating: Option<TaskRating>,
    pub submitted_at: Option<DateTime<Utc>>,
}

fn to_meeting(row: super::backend::DbRow) -> StorageResult<Meeting> {
    let status: String = row.try_get("status")?;
    let rating: Option<String> = row.try_get("unit_rating")?;
    Ok(Meeting {
        unit_code: row.try_get("unit_code")?,
        held_on: row.try_get("held_on")?,
        member_count: row.try_get("member_count")?,
        present_count: row.try_get("present_count")?,
        status: MeetingStatus::parse(&status)?,
        unit_rating: rating.as_deref().map(parse_rating).transpose()?,
        submitted_at: row.try_get("submitted_at")?,
    })
}

const COLUMNS: &str =
    "unit_code, held_on, member_count, present_count, status, unit_rating, submitted_at";

pub async fn find(
    conn: &mut Connection,
    year: i32,
    unit_code: &str,
) -> StorageResult<Option<Meeting>> {
    let sql =
        format!("SELECT {COLUMNS} FROM unit_meetings WHERE campaign_year = ?1 AND unit_code = ?2");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(year)
        .bind(unit_code)
        .fetch_optional(conn)
        .await?
        .map(to_meeting)
        .transpose()
}

/// Every unit's meeting of the year, by unit code.
pub async fn list(conn: &mut Connection, year: i32) -> StorageResult<Vec<Meeting>> {
    let sql =
        format!("SELECT {COLUMNS} FROM unit_meetings WHERE campaign_year = ?1 ORDER BY unit_code");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(year)
        .fetch_all(conn)
        .await?;
    rows.into_iter().map(to_meeting).collect()
}

/// Whether the unit's meeting is submitted: its reviews are locked.
pub async fn is_submitted(
    conn: &mut Connection,
    year: i32,
    unit_code: &str,
) -> StorageResult<bool> {
    Ok(find(conn, year, unit_code)
        .await?
        .is_some_and(|meeting| meeting.status == MeetingStatus::Submitted))
}

pub struct NewMeeting<'a> {
    pub year: i32,
    pub unit_code: &'a str,
    pub held_on: NaiveDate,
    pub member_count: u32,
    pub present: &'a [PersonId],
    pub unit_rating: Option<TaskRating>,
    pub recorded_by: PersonId,
}

/// Writes the minutes as submitted (replacing a reopened meeting's) and its attendance list.
pub async fn submit(
    conn: &mut Connection,
    meeting: &NewMeeting<'_>,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO unit_meetings (campaign_year, unit_code, held_on, member_count, present_count,
                                    status, recorded_by, submitted_at, updated_at, unit_rating)
         VALUES (?1, ?2, ?3, ?4, ?5, 'submitted', ?6, ?7, ?7, ?8)
         ON CONFLICT (campaign_year, unit_code) DO UPDATE SET
            held_on = excluded.held_on, member_count = excluded.member_count,
            present_count = excluded.present_count, status = 'submitted',
            recorded_by = excluded.recorded_by, submitted_at = excluded.submitted_at,
            updated_at = excluded.updated_at, unit_rating = excluded.unit_rating",
    )
    .bind(meeting.year)
    .bind(meeting.unit_code)
    .bind(meeting.held_on)
    .bind(i64::from(meeting.member_count))
    .bind(meeting.present.len() as i64)
    .bind(meeting.recorded_by.0)
    .bind(now)
    .bind(meeting.unit_rating.map(rating_str))
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM meeting_attendance WHERE campaign_year = ?1 AND unit_code = ?2")
        .bind(meeting.year)
        .bind(meeting.unit_code)
        .execute(&mut *conn)
        .await?;
    for person in meeting.present {
        sqlx::query(
            "INSERT INTO meeting_attendance (campaign_year, unit_code, person_id) VALUES (?1, ?2, ?3)",
        )
        .bind(meeting.year)
        .bind(meeting.unit_code)
        .bind(person.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn attendance(
    conn: &mut Connection,
    year: i32,
    unit_code: &str,
) -> StorageResult<Vec<PersonId>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM meeting_attendance WHERE campaign_year = ?1 AND unit_code = ?2 ORDER BY person_id",
    )
    .bind(year)
    .bind(unit_code)
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(PersonId).collect())
}

/// Gives a submitted meeting back to the head; false when it was not submitted.
pub async fn reopen(
    conn: &mut Connection,
    year: i32,
    unit_code: &str,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let result = sqlx::query(
        "UPDATE unit_meetings SET status = 'reopened', updated_at = ?3
         WHERE campaign_year = ?1 AND unit_code = ?2 AND status = 'submitted'",
    )
    .bind(year)
    .bind(unit_code)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Individual nominations for `title` other units have standing (proposed or further along,
/// not returned, failed or rejected): what a department-wide quota has already used.
pub async fn standing_elsewhere(
    conn: &mut Connection,
    year: i32,
    title: crate::domain::title::Title,
    except_unit: &str,
) -> StorageResult<u32> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM nominations
         WHERE campaign_year = ?1 AND title = ?2 AND unit_code <> ?3 AND person_id IS NOT NULL
           AND status IN (SELECT value FROM json_each(?4))",
    )
    .bind(year)
    .bind(title.code())
    .bind(except_unit)
    .bind(super::bound_list(
        crate::domain::nomination::NominationStatus::STANDING.map(|status| status.as_str()),
    )?)
    .fetch_one(conn)
    .await?;
    Ok(u32::try_from(count).unwrap_or(0))
}
