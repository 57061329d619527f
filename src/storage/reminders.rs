//! Deadline reminders already decided (queued or skipped), people's /nhacnho preferences, and the
//! progress queries reminders are computed from.

use crate::domain::person::PersonId;
use crate::domain::phase::Phase;
use crate::domain::reminders::{Disposition, Mute, MuteMode, Offset, Planned, ReminderKey};
use crate::storage::{Connection, StorageResult};
use chrono::{DateTime, Utc};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};

fn offset_of(raw: &str) -> StorageResult<Offset> {
    Offset::parse(raw).map_err(|_| {
        super::StorageError::Corrupt(crate::domain::UnknownValue::new("reminder offset", raw))
    })
}

/// The keys of every reminder already decided for the campaign.
pub async fn recorded_keys(
    conn: &mut Connection,
    year: i32,
) -> StorageResult<BTreeSet<ReminderKey>> {
    let rows = sqlx::query(
        "SELECT phase, deadline, person_id, offset_code FROM reminders WHERE campaign_year = ?1",
    )
    .bind(year)
    .fetch_all(conn)
    .await?;
    let mut keys = BTreeSet::new();
    for row in rows {
        let phase: String = row.try_get("phase")?;
        let offset: String = row.try_get("offset_code")?;
        keys.insert(ReminderKey {
            year,
            phase: Phase::parse(&phase)?,
            deadline: row.try_get("deadline")?,
            person: PersonId(row.try_get("person_id")?),
            offset: offset_of(&offset)?,
        });
    }
    Ok(keys)
}

/// Records a due reminder as queued or skipped. Returns false when the same key was already
/// decided (by an earlier pass or a concurrent one): the caller then queues nothing.
pub async fn record(
    conn: &mut Connection,
    planned: &Planned,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let (status, reason) = match planned.disposition {
        Disposition::Send => ("queued", None),
        Disposition::Skip(reason) => ("skipped", Some(reason.code())),
    };
    let key = &planned.key;
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO reminders (campaign_year, phase, deadline, person_id, offset_code, due_at, status, reason,
                                logical_key, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT DO NOTHING
         RETURNING id",
    )
    .bind(key.year)
    .bind(key.phase.as_str())
    .bind(key.deadline)
    .bind(key.person.0)
    .bind(key.offset.code())
    .bind(planned.due_at)
    .bind(status)
    .bind(reason)
    .bind(key.logical_key())
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(inserted.is_some())
}

/// A newer reminder for (phase, person) replaces the older ones still waiting in the outbox:
/// their outbox rows are withdrawn (`dead`, with the reason) and the reminders marked
/// `superseded`. Rows already being sent or sent are left alone. Returns the withdrawn keys.
pub async fn supersede_unsent(
    conn: &mut Connection,
    newer: &ReminderKey,
) -> StorageResult<Vec<String>> {
    let reason = format!("superseded_by:{}", newer.offset.code());
    let withdrawn: Vec<String> = sqlx::query_scalar(
        // `+status`: keeps SQLite from walking every pending row through the status index
        // (quadratic over a pass queueing thousands) instead of the logical_key lookup.
        "UPDATE outbox SET status = 'dead', last_error = 'reminder ' || ?5
          WHERE +status = 'pending' AND logical_key IN (
                SELECT logical_key FROM reminders
                 WHERE campaign_year = ?1 AND phase = ?2 AND person_id = ?3 AND status = 'queued'
                   AND logical_key <> ?4)
         RETURNING logical_key",
    )
    .bind(newer.year)
    .bind(newer.phase.as_str())
    .bind(newer.person.0)
    .bind(newer.logical_key())
    .bind(&reason)
    .fetch_all(&mut *conn)
    .await?;
    for key in &withdrawn {
        sqlx::query(
            "UPDATE reminders SET status = 'superseded', reason = ?2 WHERE logical_key = ?1",
        )
        .bind(key)
        .bind(&reason)
        .execute(&mut *conn)
        .await?;
    }
    Ok(withdrawn)
}

/// Whether a digest, escalation or report with this logical key is already in the outbox.
pub async fn notice_queued(conn: &mut Connection, logical_key: &str) -> StorageResult<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM outbox WHERE logical_key = ?1")
        .bind(logical_key)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

fn to_mute(mode: &str, paused_until: Option<DateTime<Utc>>) -> StorageResult<Mute> {
    Ok(Mute {
        mode: MuteMode::parse(mode)?,
        paused_until,
    })
}

/// Everyone's /nhacnho choice; people without a row receive everything.
pub async fn mutes(conn: &mut Connection) -> StorageResult<BTreeMap<PersonId, Mute>> {
    let rows = sqlx::query("SELECT person_id, mode, paused_until FROM reminder_preferences")
        .fetch_all(conn)
        .await?;
    let mut mutes = BTreeMap::new();
    for row in rows {
        let mode: String = row.try_get("mode")?;
        mutes.insert(
            PersonId(row.try_get("person_id")?),
            to_mute(&mode, row.try_get("paused_until")?)?,
        );
    }
    Ok(mutes)
}

pub async fn mute_of(conn: &mut Connection, person: PersonId) -> StorageResult<Mute> {
    let row =
        sqlx::query("SELECT mode, paused_until FROM reminder_preferences WHERE person_id = ?1")
            .bind(person.0)
            .fetch_optional(conn)
            .await?;
    match row {
        Some(row) => {
            let mode: String = row.try_get("mode")?;
            to_mute(&mode, row.try_get("paused_until")?)
        }
        None => Ok(Mute::default()),
    }
}

pub async fn set_mute(
    conn: &mut Connection,
    person: PersonId,
    mute: Mute,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO reminder_preferences (person_id, mode, paused_until, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (person_id) DO UPDATE SET mode = excluded.mode, paused_until = excluded.paused_until,
                                               updated_at = excluded.updated_at",
    )
    .bind(person.0)
    .bind(mute.mode.as_str())
    .bind(mute.paused_until)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// People whose individual registration for the year stands (status `registered`).
pub async fn registered_people(
    conn: &mut Connection,
    year: i32,
) -> StorageResult<BTreeSet<PersonId>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM registrations WHERE campaign_year = ?1 AND status = 'registered'",
    )
    .bind(year)
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(PersonId).collect())
}

/// Units whose collective registration for the year stands.
pub async fn registered_units(conn: &mut Connection, year: i32) -> StorageResult<BTreeSet<String>> {
    let codes: Vec<String> = sqlx::query_scalar(
        "SELECT unit_code FROM unit_registrations WHERE campaign_year = ?1 AND status = 'registered'",
    )
    .bind(year)
    .fetch_all(conn)
    .await?;
    Ok(codes.into_iter().collect())
}
