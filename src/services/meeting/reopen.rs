//! A secretary gives a submitted meeting back to its unit, and the lock it lifts: while a
//! unit's meeting is submitted, its reviews are refused.

use crate::domain::nomination::NominationStatus;
use crate::domain::notice::Notice;
use crate::domain::role::Role;
use crate::services::caller::Caller;
use crate::services::error::{Refusal, ServiceError, ServiceResult};
use crate::services::identity::current_campaign;
use crate::services::intent::Intent;
use crate::services::{Ctx, notifications};
use crate::storage;
use crate::storage::Connection;
use crate::storage::audit;
use crate::storage::meetings;
use serde_json::json;

/// A secretary gives a submitted meeting back to the unit: its reviews unlock and the head may
/// record and submit it again (the nominations stay until the resubmission replaces them).
pub async fn reopen(ctx: &Ctx, caller: &Caller, unit_code: &str) -> ServiceResult<String> {
    let mut intent = Intent::begin(ctx, caller).await?;
    intent.require(Role::Secretary)?;
    let (now, actor, secretary) = (intent.now, intent.actor(), intent.person.clone());
    let unit_code = unit_code.trim().to_uppercase();
    let Some(unit) = ctx.org.unit(&unit_code) else {
        return Err(Refusal::UnknownUnit(unit_code).into());
    };
    let unit_name = unit.name.clone();
    // Not `campaign_open`: reopening is not bound to a phase window.
    let campaign = current_campaign(&mut intent.tx, now).await?;
    // A resubmitted meeting replaces the unit's nominations. Once the standing body has marked
    // one valid (and after it, the ballot and the decision), that would silently undo their
    // work: refused, naming why.
    let appraised = crate::storage::nominations::list(&mut intent.tx, campaign.year)
        .await?
        .into_iter()
        .any(|nomination| {
            nomination.unit_code == unit_code
                && !matches!(
                    nomination.status,
                    NominationStatus::Proposed | NominationStatus::Returned
                )
        });
    if appraised {
        return Err(Refusal::NominationsAlreadyAppraised(unit_name).into());
    }
    if !meetings::reopen(&mut intent.tx, campaign.year, &unit_code, now).await? {
        return Err(Refusal::NothingToReopen(unit_name).into());
    }
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "meeting.reopened",
        Some(&unit_code),
        Some(&json!({ "year": campaign.year })),
    )
    .await?;
    let heads = storage::people::list_active_in_unit(&mut intent.tx, &unit_code).await?;
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
        notifications::to_person(&mut intent.tx, head, key, notice, now).await?;
    }
    intent.queued();
    intent.commit(ctx).await?;
    Ok(unit_name)
}

/// Refuses a review decision once the member's unit submitted its meeting.
pub async fn ensure_reviews_open(
    conn: &mut Connection,
    year: i32,
    unit_code: &str,
) -> Result<(), ServiceError> {
    if meetings::is_submitted(conn, year, unit_code).await? {
        return Err(Refusal::UnitReviewLocked.into());
    }
    Ok(())
}
