//! Who takes part how: members recorded absent (whose paper votes the secretary enters) and the
//! roll's counts the close checks. Nothing here reads the box.

use crate::domain::person::PersonId;
use crate::storage::{Connection, StorageResult};

/// Records `member` as absent from the year's ballot; false when they are not on its
/// electorate or were recorded absent already.
pub async fn record_absent(
    conn: &mut Connection,
    year: i32,
    member: PersonId,
) -> StorageResult<bool> {
    let result = sqlx::query(
        "UPDATE ballot_electorate SET absent = 1
          WHERE campaign_year = ?1 AND person_id = ?2 AND absent = 0",
    )
    .bind(year)
    .bind(member.0)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The members of the year's electorate recorded absent.
pub async fn absent(conn: &mut Connection, year: i32) -> StorageResult<Vec<PersonId>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM ballot_electorate
          WHERE campaign_year = ?1 AND absent = 1 ORDER BY person_id",
    )
    .bind(year)
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(PersonId).collect())
}

/// How many votes `member` cast themself, by pressing a ballot button.
pub async fn chat_votes_by(
    conn: &mut Connection,
    year: i32,
    member: PersonId,
) -> StorageResult<u32> {
    let count: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM ballot_roll r
           JOIN ballot_items i ON i.nomination_id = r.nomination_id AND i.campaign_year = ?1
          WHERE r.person_id = ?2 AND r.mode = 'chat'",
    )
    .bind(year)
    .bind(member.0)
    .fetch_one(conn)
    .await?;
    Ok(count as u32)
}

/// Per nomination on the year's paper, how many members are on the roll for it (0 included).
pub async fn roll_per_item(conn: &mut Connection, year: i32) -> StorageResult<Vec<(i64, u32)>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT i.nomination_id,
                (SELECT count(*) FROM ballot_roll r WHERE r.nomination_id = i.nomination_id)
           FROM ballot_items i WHERE i.campaign_year = ?1 ORDER BY i.nomination_id",
    )
    .bind(year)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(nomination, count)| (nomination, count as u32))
        .collect())
}
