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

pub async fn find(conn: &mut Connection, year: i32) -> StorageResult<Option<Campaign>> {
    let row = sqlx::query(
        "SELECT year, name, rule_set, titles, local_rules FROM campaigns WHERE year = ?1",
    )
    .bind(year)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
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
    let phase_rows = sqlx::query(
        "SELECT phase, opens_at, closes_at FROM campaign_phases WHERE campaign_year = ?1",
    )
    .bind(year)
    .fetch_all(&mut *conn)
    .await?;
    let mut windows = BTreeMap::new();
    for phase_row in phase_rows {
        let phase: String = phase_row.try_get("phase")?;
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
    let year: Option<i32> = sqlx::query_scalar(
        "SELECT year FROM campaigns c
         ORDER BY (SELECT opens_at FROM campaign_phases p
                    WHERE p.campaign_year = c.year AND p.phase = 'registration') <= ?1 DESC,
                  year DESC
         LIMIT 1",
    )
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    match year {
        Some(year) => find(conn, year).await,
        None => Ok(None),
    }
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
