//! Campaigns and their phase windows.

use crate::domain::campaign::{Campaign, RuleSet};
use crate::domain::phase::{Phase, Window};
use crate::domain::title::Title;
use crate::storage::{Connection, StorageError, StorageResult};
use chrono::{DateTime, Utc};
use sqlx::Row;
use std::collections::BTreeMap;

/// Whether a campaign for that year already exists (a year has one campaign).
pub async fn exists(conn: &mut Connection, year: i32) -> StorageResult<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM campaigns WHERE year = ?1")
        .bind(year)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

pub async fn insert(
    conn: &mut Connection,
    campaign: &Campaign,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let titles: Vec<&str> = campaign.titles.iter().map(|title| title.code()).collect();
    let encode = StorageError::Json;
    sqlx::query("INSERT INTO campaigns (year, name, rule_set, titles, local_rules, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(campaign.year)
        .bind(&campaign.name)
        .bind(campaign.rule_set.as_str())
        .bind(serde_json::to_string(&titles).map_err(encode)?)
        .bind(serde_json::to_string(&campaign.local_rules).map_err(encode)?)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    for (phase, window) in &campaign.windows {
        sqlx::query("INSERT INTO campaign_phases (campaign_year, phase, opens_at, closes_at) VALUES (?1, ?2, ?3, ?4)")
            .bind(campaign.year)
            .bind(phase.as_str())
            .bind(window.opens)
            .bind(window.closes)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The campaign's row with each of its phases, as one statement: one row per phase (the
/// campaign's columns repeated), or one row with NULL phase columns for a campaign without
/// phases. The campaign is read on nearly every update, so it costs one statement, not three.
const WITH_PHASES: &str = "SELECT c.year, c.name, c.rule_set, c.titles, c.local_rules,
        p.phase, p.opens_at, p.closes_at
   FROM campaigns c LEFT JOIN campaign_phases p ON p.campaign_year = c.year";

fn from_rows(rows: Vec<super::backend::DbRow>) -> StorageResult<Option<Campaign>> {
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let titles_json: String = row.try_get("titles")?;
    let codes: Vec<String> = serde_json::from_str(&titles_json).map_err(StorageError::Json)?;
    let mut titles = Vec::with_capacity(codes.len());
    for code in codes {
        titles.push(Title::parse(&code)?);
    }
    let rule_set: String = row.try_get("rule_set")?;
    let local_rules: String = row.try_get("local_rules")?;
    let local_rules: Vec<String> =
        serde_json::from_str(&local_rules).map_err(StorageError::Json)?;
    let mut windows = BTreeMap::new();
    for phase_row in &rows {
        let Some(phase) = phase_row.try_get::<Option<String>, _>("phase")? else {
            continue;
        };
        windows.insert(
            Phase::parse(&phase)?,
            Window {
                opens: phase_row.try_get("opens_at")?,
                closes: phase_row.try_get("closes_at")?,
            },
        );
    }
    Ok(Some(Campaign {
        year: row.try_get("year")?,
        name: row.try_get("name")?,
        rule_set: RuleSet::parse(&rule_set)?,
        titles,
        windows,
        local_rules,
    }))
}

pub async fn find(conn: &mut Connection, year: i32) -> StorageResult<Option<Campaign>> {
    let sql = format!("{WITH_PHASES} WHERE c.year = ?1");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(year)
        .fetch_all(&mut *conn)
        .await?;
    from_rows(rows)
}

/// Campaign years, newest first.
pub async fn list_years(conn: &mut Connection) -> StorageResult<Vec<i32>> {
    Ok(
        sqlx::query_scalar("SELECT year FROM campaigns ORDER BY year DESC")
            .fetch_all(conn)
            .await?,
    )
}

/// The campaign people are working on now: the newest one whose registration has opened, or
/// failing that the newest one.
pub async fn current(conn: &mut Connection, now: DateTime<Utc>) -> StorageResult<Option<Campaign>> {
    let sql = format!(
        "{WITH_PHASES}
          WHERE c.year = (SELECT year FROM campaigns newest
                           ORDER BY (SELECT opens_at FROM campaign_phases r
                                      WHERE r.campaign_year = newest.year
                                        AND r.phase = 'registration') <= ?1 DESC,
                                    year DESC
                           LIMIT 1)"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(now)
        .fetch_all(&mut *conn)
        .await?;
    from_rows(rows)
}

/// Moves one phase's window (the caller checked the new calendar).
pub async fn update_window(
    conn: &mut Connection,
    year: i32,
    phase: crate::domain::phase::Phase,
    window: crate::domain::phase::Window,
) -> StorageResult<()> {
    sqlx::query(
        "UPDATE campaign_phases SET opens_at = ?3, closes_at = ?4 WHERE campaign_year = ?1 AND phase = ?2",
    )
    .bind(year)
    .bind(phase.as_str())
    .bind(window.opens)
    .bind(window.closes)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
