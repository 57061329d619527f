//! A secretary gives a submitted meeting back to its unit, and the lock it lifts: while a
//! unit's meeting is submitted, its reviews are refused.

use crate::domain::notice::Notice;
use crate::domain::role::Role;
use crate::services::error::{Refusal, ServiceError, ServiceResult};
use crate::services::identity::{current_campaign, linked_person};
use crate::services::{Ctx, notifications};
use crate::storage::audit::{self, Actor};
use crate::storage::meetings;
use crate::storage::{self, begin_immediate};
use serde_json::json;
use sqlx::SqliteConnection;

/// A secretary gives a submitted meeting back to the unit: its reviews unlock and the head may
/// record and submit it again (the nominations stay until the resubmission replaces them).
pub async fn reopen(
    ctx: &Ctx,
    actor: Actor,
    telegram_user_id: i64,
    unit_code: &str,
) -> ServiceResult<String> {
    let now = ctx.now();
    let mut tx = begin_immediate(&ctx.db).await?;
    let secretary = linked_person(&mut tx, telegram_user_id).await?;
    if !secretary.has(Role::Secretary) {
        return Err(Refusal::RoleRequired(Role::Secretary).into());
    }
    let unit_code = unit_code.trim().to_uppercase();
    let Some(unit) = ctx.org.unit(&unit_code) else {
        return Err(Refusal::UnknownUnit(unit_code).into());
    };
    let unit_name = unit.name.clone();
    let campaign = current_campaign(&mut tx, now).await?;
    if !meetings::reopen(&mut tx, campaign.year, &unit_code, now).await? {
        return Err(Refusal::NothingToReopen(unit_name).into());
    }
    let actor = Actor {
        person_id: Some(secretary.id.0),
        ..actor
    };
    audit::record(
        &mut tx,
        now,
        actor,
        "meeting.reopened",
        Some(&unit_code),
        Some(&json!({ "year": campaign.year })),
    )
    .await?;
    let heads = storage::people::list_active_in_unit(&mut tx, &unit_code).await?;
    for head in heads.iter().filter(|person| person.has(Role::UnitHead)) {
        let notice = Notice::MeetingReopened {
            unit_name: unit_name.clone(),
            secretary: secretary.full_name.clone(),
        };
        let key = format!(
            "meeting-reopened:{}:{unit_code}:{}:to{}",
            campaign.year,
            now.timestamp_millis(),
            head.id.0
        );
        notifications::to_person(&mut tx, head, key, notice, now).await?;
    }
    tx.commit().await?;
    ctx.wake_outbox();
    Ok(unit_name)
}

/// Refuses a review decision once the member's unit submitted its meeting.
pub async fn ensure_reviews_open(
    conn: &mut SqliteConnection,
    year: i32,
    unit_code: &str,
) -> Result<(), ServiceError> {
    if meetings::is_submitted(conn, year, unit_code).await? {
        return Err(Refusal::UnitReviewLocked.into());
    }
    Ok(())
}
