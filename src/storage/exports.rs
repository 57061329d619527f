//! Read-only queries behind `thidua export`, `thidua minutes` and the published results: one
//! flat row type per sheet, codes left as stored (the export words them in Vietnamese). The
//! ballot appears as counts only: nothing here reads the voter roll against the box.

use crate::domain::title::Title;
use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RegistrationRow {
    pub employee_code: Option<String>,
    pub holder: String,
    pub unit_code: String,
    pub title: String,
    pub status: String,
    pub updated_at: DateTime<Utc>,
}

/// Individual registrations, then the units' collective ones.
pub async fn registrations(
    conn: &mut Connection,
    year: i32,
) -> StorageResult<Vec<RegistrationRow>> {
    let mut rows: Vec<RegistrationRow> = sqlx::query_as(
        "SELECT * FROM (
             SELECT p.employee_code, p.full_name AS holder, p.unit_code, r.title, r.status, r.updated_at
               FROM registrations r JOIN people p ON p.id = r.person_id
              WHERE r.campaign_year = ?1
             UNION ALL
             SELECT NULL, u.name, u.code, ur.title, ur.status, ur.updated_at
               FROM unit_registrations ur JOIN units u ON u.code = ur.unit_code
              WHERE ur.campaign_year = ?1)
          ORDER BY (SELECT position FROM units WHERE units.code = unit_code), unit_code,
                   employee_code IS NULL, holder",
    )
    .bind(year)
    .fetch_all(conn)
    .await?;
    super::sort_names_within(
        &mut rows,
        |a: &RegistrationRow, b| {
            a.unit_code == b.unit_code && a.employee_code.is_none() == b.employee_code.is_none()
        },
        |row| &row.holder,
    );
    Ok(rows)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssessmentRow {
    pub employee_code: String,
    pub full_name: String,
    pub unit_code: String,
    pub status: String,
    pub submitted_version: Option<i64>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub rating: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The latest submitted version's answers (JSON), or the working copy's before any.
    pub answers: String,
}

pub async fn assessments(conn: &mut Connection, year: i32) -> StorageResult<Vec<AssessmentRow>> {
    let mut rows: Vec<AssessmentRow> = sqlx::query_as(
        "SELECT p.employee_code, p.full_name, p.unit_code, a.status, a.submitted_version,
                (SELECT v.submitted_at FROM assessment_versions v
                  WHERE v.campaign_year = a.campaign_year AND v.person_id = a.person_id
                  ORDER BY v.version DESC LIMIT 1) AS submitted_at,
                json_extract(a.answers, '$.rating') AS rating, a.reviewed_at,
                coalesce((SELECT v.answers FROM assessment_versions v
                           WHERE v.campaign_year = a.campaign_year AND v.person_id = a.person_id
                           ORDER BY v.version DESC LIMIT 1), a.answers) AS answers
           FROM assessments a JOIN people p ON p.id = a.person_id
          WHERE a.campaign_year = ?1
          ORDER BY (SELECT position FROM units WHERE units.code = p.unit_code), p.unit_code",
    )
    .bind(year)
    .fetch_all(conn)
    .await?;
    super::sort_names_within(
        &mut rows,
        |a: &AssessmentRow, b| a.unit_code == b.unit_code,
        |row| &row.full_name,
    );
    Ok(rows)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MeetingRow {
    pub unit_code: String,
    pub held_on: NaiveDate,
    pub member_count: i64,
    pub present_count: i64,
    pub status: String,
    pub unit_rating: Option<String>,
}

pub async fn meetings(conn: &mut Connection, year: i32) -> StorageResult<Vec<MeetingRow>> {
    Ok(sqlx::query_as(
        "SELECT unit_code, held_on, member_count, present_count, status, unit_rating
           FROM unit_meetings WHERE campaign_year = ?1
          ORDER BY (SELECT position FROM units WHERE units.code = unit_code), unit_code",
    )
    .bind(year)
    .fetch_all(conn)
    .await?)
}

/// One nomination with its nominee, ballot counts and (when on the ballot) the membership.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NominationRow {
    pub id: i64,
    pub unit_code: String,
    pub employee_code: Option<String>,
    /// The nominee's name; NULL for a collective title.
    pub full_name: Option<String>,
    pub person_id: Option<i64>,
    /// The nominee's position and gender (for the papers and the statistics); NULL for a
    /// collective title.
    pub position: Option<String>,
    pub gender: Option<String>,
    pub title: String,
    pub meeting_yes_votes: Option<i64>,
    pub status: String,
    pub appraisal_note: Option<String>,
    pub ballot_yes: Option<i64>,
    pub ballot_no: Option<i64>,
    /// The council's total membership when the nomination was on the ballot.
    pub membership: Option<i64>,
}

pub async fn nominations(conn: &mut Connection, year: i32) -> StorageResult<Vec<NominationRow>> {
    let mut rows: Vec<NominationRow> = sqlx::query_as(
        "SELECT n.id, n.unit_code, p.employee_code, p.full_name, n.person_id, p.position, p.gender, n.title, n.meeting_yes_votes,
                n.status, n.appraisal_note, n.ballot_yes, n.ballot_no,
                (SELECT b.membership FROM ballot_items i JOIN ballots b ON b.campaign_year = i.campaign_year
                  WHERE i.nomination_id = n.id) AS membership
           FROM nominations n LEFT JOIN people p ON p.id = n.person_id
          WHERE n.campaign_year = ?1
          ORDER BY (SELECT position FROM units WHERE units.code = n.unit_code), n.unit_code,
                   coalesce((SELECT key FROM json_each(?2) WHERE value = n.title), ?3),
                   p.full_name, n.id",
    )
    .bind(year)
    // Within a unit, titles in the domain's display order (`Title::ALL`).
    .bind(super::bound_list(Title::ALL.map(Title::code))?)
    .bind(Title::ALL.len() as i64)
    .fetch_all(conn)
    .await?;
    super::sort_names_within(
        &mut rows,
        |a: &NominationRow, b| a.unit_code == b.unit_code && a.title == b.title,
        |row| row.full_name.as_deref().unwrap_or_default(),
    );
    Ok(rows)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DecisionRow {
    pub outcome: String,
    pub number: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub comment: Option<String>,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
}

pub async fn decisions(conn: &mut Connection, year: i32) -> StorageResult<Vec<DecisionRow>> {
    Ok(sqlx::query_as(
        "SELECT d.outcome, d.number, d.decided_on, d.comment, p.full_name AS decided_by, d.decided_at
           FROM decisions d JOIN people p ON p.id = d.decided_by
          WHERE d.campaign_year = ?1 ORDER BY d.id",
    )
    .bind(year)
    .fetch_all(conn)
    .await?)
}

/// The ballot's frame for the minutes: when it opened and closed, its membership, and how many
/// members voted in chat and in writing (the roll, never the box).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BallotFrame {
    pub membership: i64,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub voters: i64,
    pub written_voters: i64,
}

pub async fn ballot_frame(conn: &mut Connection, year: i32) -> StorageResult<Option<BallotFrame>> {
    Ok(sqlx::query_as(
        "SELECT b.membership, b.opened_at, b.closed_at,
                (SELECT count(DISTINCT r.person_id) FROM ballot_roll r
                   JOIN ballot_items i ON i.nomination_id = r.nomination_id AND i.campaign_year = b.campaign_year) AS voters,
                (SELECT count(DISTINCT r.person_id) FROM ballot_roll r
                   JOIN ballot_items i ON i.nomination_id = r.nomination_id AND i.campaign_year = b.campaign_year
                  WHERE r.mode = 'written') AS written_voters
           FROM ballots b WHERE b.campaign_year = ?1",
    )
    .bind(year)
    .fetch_optional(conn)
    .await?)
}

/// The council's members on the year's ballot electorate, by name (for the minutes).
pub async fn electorate_names(conn: &mut Connection, year: i32) -> StorageResult<Vec<String>> {
    let mut names: Vec<String> = sqlx::query_scalar(
        "SELECT p.full_name FROM ballot_electorate e JOIN people p ON p.id = e.person_id
          WHERE e.campaign_year = ?1 ORDER BY p.employee_code",
    )
    .bind(year)
    .fetch_all(conn)
    .await?;
    names.sort_by(|a, b| crate::domain::collation::compare_names(a, b));
    Ok(names)
}
