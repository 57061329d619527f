//! The secret ballot's tables (see `migrations/0009_ballots.sql`): the ballot itself, its items
//! and electorate, the voter roll and the ballot box. A vote is written to the roll and the box
//! by [`cast`] inside the caller's transaction; nothing here can read who chose what, because
//! no table holds both.

use crate::domain::ballot::{BallotStatus, Turnout, new_box_token};
use crate::domain::nomination::NominationStatus;
use crate::domain::person::PersonId;
use crate::domain::title::Title;
use crate::storage::{Connection, StorageError, StorageResult};
use chrono::{DateTime, Utc};
use sqlx::Row;

mod attendance;
pub use attendance::{absent, chat_votes_by, record_absent, roll_per_item};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    pub campaign_year: i32,
    pub nonce: u32,
    pub status: BallotStatus,
    pub membership: u32,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// How a vote reached the roll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Chat,
    /// A paper vote of an absent member, entered by the secretary.
    Written {
        entered_by: PersonId,
    },
}

/// Why a vote was not written.
#[derive(Debug)]
pub enum CastError {
    /// `ballot_roll_one_vote`: this member already voted on this nominee.
    AlreadyVoted,
    Database(StorageError),
}

impl From<sqlx::Error> for CastError {
    fn from(error: sqlx::Error) -> Self {
        CastError::Database(error.into())
    }
}

pub async fn find(conn: &mut Connection, year: i32) -> StorageResult<Option<Ballot>> {
    let row = sqlx::query(
        "SELECT campaign_year, nonce, status, membership, opened_at, closed_at FROM ballots WHERE campaign_year = ?1",
    )
    .bind(year)
    .fetch_optional(conn)
    .await?;
    row.map(|row| {
        let status: String = row.try_get("status")?;
        let nonce: i64 = row.try_get("nonce")?;
        let membership: i64 = row.try_get("membership")?;
        Ok(Ballot {
            campaign_year: row.try_get("campaign_year")?,
            nonce: nonce as u32,
            status: BallotStatus::parse(&status)?,
            membership: membership as u32,
            opened_at: row.try_get("opened_at")?,
            closed_at: row.try_get("closed_at")?,
        })
    })
    .transpose()
}

/// Opens the year's ballot with its items and electorate; false when one already exists.
pub async fn open(
    conn: &mut Connection,
    year: i32,
    nonce: u32,
    opened_by: Option<PersonId>,
    items: &[i64],
    electorate: &[PersonId],
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let inserted = sqlx::query(
        "INSERT INTO ballots (campaign_year, nonce, status, membership, opened_by, opened_at)
         VALUES (?1, ?2, 'open', ?3, ?4, ?5) ON CONFLICT (campaign_year) DO NOTHING",
    )
    .bind(year)
    .bind(i64::from(nonce))
    .bind(electorate.len() as i64)
    .bind(opened_by.map(|person| person.0))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(false);
    }
    for item in items {
        sqlx::query("INSERT INTO ballot_items (campaign_year, nomination_id) VALUES (?1, ?2)")
            .bind(year)
            .bind(item)
            .execute(&mut *conn)
            .await?;
    }
    for person in electorate {
        sqlx::query("INSERT INTO ballot_electorate (campaign_year, person_id) VALUES (?1, ?2)")
            .bind(year)
            .bind(person.0)
            .execute(&mut *conn)
            .await?;
    }
    Ok(true)
}

/// Closes an open ballot; false when it was not open (closed already, or never opened).
pub async fn close(
    conn: &mut Connection,
    year: i32,
    closed_by: Option<PersonId>,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let result = sqlx::query(
        "UPDATE ballots SET status = 'closed', closed_by = ?2, closed_at = ?3
         WHERE campaign_year = ?1 AND status = 'open'",
    )
    .bind(year)
    .bind(closed_by.map(|person| person.0))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The nominations on the ballot paper, in paper order (title, unit, id).
pub async fn items(conn: &mut Connection, year: i32) -> StorageResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT i.nomination_id FROM ballot_items i JOIN nominations n ON n.id = i.nomination_id
         WHERE i.campaign_year = ?1 ORDER BY n.title, n.unit_code, n.id",
    )
    .bind(year)
    .fetch_all(conn)
    .await?)
}

pub async fn electorate(conn: &mut Connection, year: i32) -> StorageResult<Vec<PersonId>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM ballot_electorate WHERE campaign_year = ?1 ORDER BY person_id",
    )
    .bind(year)
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(PersonId).collect())
}

/// Writes one vote: the voter to the roll, the sealed paper (`domain::ballot::seal`) to the box.
/// Call inside a transaction so both rows commit together or not at all.
pub async fn cast(
    conn: &mut Connection,
    nomination: i64,
    voter: PersonId,
    paper: &[u8],
    mode: Mode,
) -> Result<(), CastError> {
    let (mode_text, entered_by) = match mode {
        Mode::Chat => ("chat", None),
        Mode::Written { entered_by } => ("written", Some(entered_by.0)),
    };
    let roll = sqlx::query(
        "INSERT INTO ballot_roll (nomination_id, person_id, mode, entered_by) VALUES (?1, ?2, ?3, ?4)",
    )
    .bind(nomination)
    .bind(voter.0)
    .bind(mode_text)
    .bind(entered_by)
    .execute(&mut *conn)
    .await;
    if let Err(error) = roll {
        return Err(if is_one_vote_violation(&error) {
            CastError::AlreadyVoted
        } else {
            CastError::Database(error.into())
        });
    }
    sqlx::query("INSERT INTO ballot_box (token, nomination_id, sealed) VALUES (?1, ?2, ?3)")
        .bind(new_box_token())
        .bind(nomination)
        .bind(paper)
        .execute(conn)
        .await?;
    Ok(())
}

/// SQLite names the columns, not the constraint, in its message; these columns are exactly
/// `ballot_roll_one_vote`.
fn is_one_vote_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|error| {
        error.is_unique_violation()
            && error
                .message()
                .contains("ballot_roll.nomination_id, ballot_roll.person_id")
    })
}

/// The nominations of the year's ballot this member has already voted on.
pub async fn voted_by(
    conn: &mut Connection,
    year: i32,
    voter: PersonId,
) -> StorageResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT r.nomination_id FROM ballot_roll r
           JOIN ballot_items i ON i.nomination_id = r.nomination_id AND i.campaign_year = ?1
          WHERE r.person_id = ?2 ORDER BY r.nomination_id",
    )
    .bind(year)
    .bind(voter.0)
    .fetch_all(conn)
    .await?)
}

pub async fn turnout(conn: &mut Connection, year: i32) -> StorageResult<Turnout> {
    let row = sqlx::query(
        "WITH per_member AS (
             SELECT r.person_id, count(*) AS votes FROM ballot_roll r
               JOIN ballot_items i ON i.nomination_id = r.nomination_id AND i.campaign_year = ?1
              GROUP BY r.person_id)
         SELECT
           (SELECT count(*) FROM per_member WHERE votes = (SELECT count(*) FROM ballot_items WHERE campaign_year = ?1)) AS finished,
           (SELECT count(*) FROM per_member) AS started,
           (SELECT coalesce(sum(votes), 0) FROM per_member) AS roll_entries,
           (SELECT count(*) FROM ballot_roll r JOIN ballot_items i ON i.nomination_id = r.nomination_id
              AND i.campaign_year = ?1 WHERE r.mode = 'written') AS written_entries",
    )
    .bind(year)
    .fetch_one(conn)
    .await?;
    let get = |name: &str| -> StorageResult<u32> { Ok(row.try_get::<i64, _>(name)? as u32) };
    Ok(Turnout {
        finished: get("finished")?,
        started: get("started")?,
        roll_entries: get("roll_entries")?,
        written_entries: get("written_entries")?,
    })
}

/// Per nomination of the year's ballot: the readable choices cast before papers were sealed
/// (yes, no), and the members on the roll. Only for the tally after closing, with
/// [`papers`], and for the invariant "ballots counted = members marked as voted".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoxCount {
    pub nomination: i64,
    pub yes: u32,
    pub no: u32,
    pub on_roll: u32,
}

/// The sealed papers of the year's ballot, (nomination, paper), for the tally to open.
pub async fn papers(conn: &mut Connection, year: i32) -> StorageResult<Vec<(i64, Vec<u8>)>> {
    Ok(sqlx::query_as(
        "SELECT b.nomination_id, b.sealed FROM ballot_box b
           JOIN ballot_items i ON i.nomination_id = b.nomination_id AND i.campaign_year = ?1
          WHERE b.sealed IS NOT NULL",
    )
    .bind(year)
    .fetch_all(conn)
    .await?)
}

/// Empties the year's box once its figures are recorded: the papers have served, and a paper
/// kept is a paper someone may one day open. The roll (who voted) stays.
pub async fn discard_box(conn: &mut Connection, year: i32) -> StorageResult<u64> {
    Ok(sqlx::query(
        "DELETE FROM ballot_box
          WHERE nomination_id IN (SELECT nomination_id FROM ballot_items WHERE campaign_year = ?1)",
    )
    .bind(year)
    .execute(conn)
    .await?
    .rows_affected())
}

pub async fn counts(conn: &mut Connection, year: i32) -> StorageResult<Vec<BoxCount>> {
    let rows = sqlx::query(
        "SELECT i.nomination_id AS nomination,
                (SELECT count(*) FROM ballot_box b WHERE b.nomination_id = i.nomination_id AND b.choice = 'yes') AS yes,
                (SELECT count(*) FROM ballot_box b WHERE b.nomination_id = i.nomination_id AND b.choice = 'no') AS no,
                (SELECT count(*) FROM ballot_roll r WHERE r.nomination_id = i.nomination_id) AS on_roll
           FROM ballot_items i JOIN nominations n ON n.id = i.nomination_id
          WHERE i.campaign_year = ?1 ORDER BY n.title, n.unit_code, n.id",
    )
    .bind(year)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(BoxCount {
                nomination: row.try_get("nomination")?,
                yes: row.try_get::<i64, _>("yes")? as u32,
                no: row.try_get::<i64, _>("no")? as u32,
                on_roll: row.try_get::<i64, _>("on_roll")? as u32,
            })
        })
        .collect()
}

/// Open ballots whose phase window has ended by `now` (the scheduler's and tests' sweep).
pub async fn open_years(conn: &mut Connection) -> StorageResult<Vec<i32>> {
    Ok(sqlx::query_scalar(
        "SELECT campaign_year FROM ballots WHERE status = 'open' ORDER BY campaign_year",
    )
    .fetch_all(conn)
    .await?)
}

/// People achieving LĐTT department-wide for a quota: distinct nominees of an individual title
/// whose nomination is still standing (valid, passed or approved).
pub async fn ldtt_achievers(conn: &mut Connection, year: i32) -> StorageResult<u32> {
    let count: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT person_id) FROM nominations
          WHERE campaign_year = ?1 AND person_id IS NOT NULL
            AND title IN (SELECT value FROM json_each(?2))
            AND status IN (SELECT value FROM json_each(?3))",
    )
    .bind(year)
    .bind(super::bound_list(Title::INDIVIDUAL.map(Title::code))?)
    .bind(super::bound_list(
        NominationStatus::STANDING_AFTER_APPRAISAL.map(NominationStatus::as_str),
    )?)
    .fetch_one(conn)
    .await?;
    Ok(count as u32)
}
