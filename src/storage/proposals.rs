//! Proposals to the provincial council (`proposals`, `proposal_items`).

use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Proposal {
    pub campaign_year: i32,
    pub status: String,
    pub sent_number: Option<String>,
    pub sent_on: Option<NaiveDate>,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
}

/// One proposed title with its holder.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Item {
    pub nomination_id: i64,
    pub title: String,
    pub unit_code: String,
    pub person_id: Option<i64>,
    pub employee_code: Option<String>,
    pub full_name: Option<String>,
    pub result: String,
}

/// Creates the year's proposal with every approved nomination whose title is in `titles`;
/// nothing when there is none. Returns how many items it holds.
pub async fn create(
    conn: &mut Connection,
    year: i32,
    titles: &[&str],
    now: DateTime<Utc>,
) -> StorageResult<u64> {
    let titles = super::bound_list(titles.iter().copied())?;
    let count: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM nominations WHERE campaign_year = ?1 AND status = 'approved'
            AND title IN (SELECT value FROM json_each(?2))",
    )
    .bind(year)
    .bind(&titles)
    .fetch_one(&mut *conn)
    .await?;
    if count == 0 {
        return Ok(0);
    }
    sqlx::query(
        "INSERT INTO proposals (campaign_year, status, created_at, updated_at)
         VALUES (?1, 'prepared', ?2, ?2)",
    )
    .bind(year)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let inserted = sqlx::query(
        "INSERT INTO proposal_items (campaign_year, nomination_id, result)
         SELECT ?1, id, 'pending' FROM nominations
          WHERE campaign_year = ?1 AND status = 'approved'
            AND title IN (SELECT value FROM json_each(?2))",
    )
    .bind(year)
    .bind(&titles)
    .execute(conn)
    .await?;
    Ok(inserted.rows_affected())
}

pub async fn find(conn: &mut Connection, year: i32) -> StorageResult<Option<Proposal>> {
    Ok(sqlx::query_as(
        "SELECT campaign_year, status, sent_number, sent_on, decision_number, decision_date
           FROM proposals WHERE campaign_year = ?1",
    )
    .bind(year)
    .fetch_optional(conn)
    .await?)
}

pub async fn items(conn: &mut Connection, year: i32) -> StorageResult<Vec<Item>> {
    Ok(sqlx::query_as(
        "SELECT i.nomination_id, n.title, n.unit_code, n.person_id, p.employee_code, p.full_name, i.result
           FROM proposal_items i
           JOIN nominations n ON n.id = i.nomination_id
           LEFT JOIN people p ON p.id = n.person_id
          WHERE i.campaign_year = ?1
          ORDER BY n.title, n.unit_code, p.employee_code",
    )
    .bind(year)
    .fetch_all(conn)
    .await?)
}

/// prepared → sent; `false` when it was not prepared.
pub async fn mark_sent(
    conn: &mut Connection,
    year: i32,
    number: &str,
    sent_on: NaiveDate,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let done = sqlx::query(
        "UPDATE proposals SET status = 'sent', sent_number = ?2, sent_on = ?3, updated_at = ?4
          WHERE campaign_year = ?1 AND status = 'prepared'",
    )
    .bind(year)
    .bind(number)
    .bind(sent_on)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// sent → decided; `false` when it was not sent.
pub async fn mark_decided(
    conn: &mut Connection,
    year: i32,
    number: &str,
    decided_on: NaiveDate,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let done = sqlx::query(
        "UPDATE proposals SET status = 'decided', decision_number = ?2, decision_date = ?3, updated_at = ?4
          WHERE campaign_year = ?1 AND status = 'sent'",
    )
    .bind(year)
    .bind(number)
    .bind(decided_on)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_result(
    conn: &mut Connection,
    nomination_id: i64,
    awarded: bool,
) -> StorageResult<()> {
    sqlx::query("UPDATE proposal_items SET result = ?2 WHERE nomination_id = ?1")
        .bind(nomination_id)
        .bind(if awarded { "awarded" } else { "not_awarded" })
        .execute(conn)
        .await?;
    Ok(())
}
