//! /guilai: a unit head resends a nomination the standing body returned, while appraisal is
//! open. The standing body returns a nomination asking the unit to "bổ sung và gửi lại"; by
//! then the unit's review has closed, so this is the one way back: the head says what was
//! completed, the nomination waits for appraisal again with that note beside its checks, and
//! the standing body is told. Nothing else about the nomination changes (its meeting votes
//! stand); the checks are run afresh when it is opened.

use super::error::{Refusal, ServiceResult};
use super::identity::{current_campaign, linked_person, require_open};
use super::intent::Intent;
use super::{Ctx, notifications};
use crate::domain::limits::Limits;
use crate::domain::nomination::NominationStatus;
use crate::domain::notice::Notice;
use crate::domain::person::Person;
use crate::domain::phase::Phase;
use crate::domain::role::Role;
use crate::services::caller::Caller;
use crate::storage::nominations::{self, Nomination};
use crate::storage::{self, Connection, StorageResult, audit};
use serde_json::json;

/// One returned nomination as the head sees it.
#[derive(Debug, Clone)]
pub struct ReturnedLine {
    pub nomination: Nomination,
    /// The nominee's name, or the unit's for the collective title.
    pub nominee: String,
    /// Why the standing body returned it.
    pub reason: String,
}

fn head_of_unit(person: &Person) -> Result<(), Refusal> {
    if person.has(Role::UnitHead) {
        Ok(())
    } else {
        Err(Refusal::RoleRequired(Role::UnitHead))
    }
}

async fn line(
    conn: &mut Connection,
    ctx: &Ctx,
    nomination: Nomination,
) -> StorageResult<ReturnedLine> {
    let nominee = super::nominee::name(conn, &ctx.org, &nomination).await?;
    let reason = nomination.appraisal_note.clone().unwrap_or_default();
    Ok(ReturnedLine {
        nomination,
        nominee,
        reason,
    })
}

/// The head's unit's returned nominations, in the appraisal window.
pub async fn returned(ctx: &Ctx, caller: &Caller) -> ServiceResult<Vec<ReturnedLine>> {
    let now = ctx.now();
    let mut conn = ctx.db.read().await?;
    let head = linked_person(&mut conn, caller).await?;
    head_of_unit(&head)?;
    let campaign = current_campaign(&mut conn, now).await?;
    require_open(&campaign, Phase::Appraisal, now)?;
    let mut lines = Vec::new();
    for nomination in nominations::list_for_unit(&mut conn, campaign.year, &head.unit_code).await? {
        if nomination.status == NominationStatus::Returned {
            lines.push(line(&mut conn, ctx, nomination).await?);
        }
    }
    if lines.is_empty() {
        return Err(Refusal::NothingToResend.into());
    }
    Ok(lines)
}

/// One of them, re-authorised.
pub async fn open(ctx: &Ctx, caller: &Caller, nomination: i64) -> ServiceResult<ReturnedLine> {
    returned(ctx, caller)
        .await?
        .into_iter()
        .find(|line| line.nomination.id == nomination)
        .ok_or_else(|| Refusal::NothingToResend.into())
}

/// The head's note, trimmed, if its length is within bounds.
pub fn checked_note(note: &str) -> Result<&str, Refusal> {
    let note = note.trim();
    let chars = note.chars().count();
    if (Limits::RESEND_NOTE_MIN_CHARS..=Limits::RESEND_NOTE_MAX_CHARS).contains(&chars)
        && !note.chars().any(|c| c.is_control() && c != '\n')
    {
        Ok(note)
    } else {
        Err(Refusal::InputInvalid)
    }
}

/// Sends the returned nomination back to appraisal with the head's note; the standing body is
/// told. Audited as `nomination.resent` with the reason it had been returned for.
pub async fn resend(
    ctx: &Ctx,
    caller: &Caller,
    id: i64,
    note: &str,
) -> ServiceResult<ReturnedLine> {
    let note = checked_note(note)?;
    let mut intent = Intent::begin(ctx, caller).await?;
    head_of_unit(&intent.person)?;
    let (now, actor, head) = (intent.now, intent.actor(), intent.person.clone());
    let campaign = intent.campaign_open(Phase::Appraisal).await?;
    let nomination = nominations::find(&mut intent.tx, id)
        .await?
        .filter(|n| n.campaign_year == campaign.year && n.unit_code == head.unit_code)
        .filter(|n| n.status == NominationStatus::Returned)
        .ok_or(Refusal::NothingToResend)?;
    let returned = line(&mut intent.tx, ctx, nomination).await?;
    // The head's note replaces the return reason beside the checks; the audit keeps both.
    if !nominations::transition(
        &mut intent.tx,
        id,
        NominationStatus::Returned,
        NominationStatus::Proposed,
        Some(note),
        now,
    )
    .await?
    {
        return Err(Refusal::NothingToResend.into());
    }
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "nomination.resent",
        Some(&id.to_string()),
        Some(&json!({
            "year": campaign.year,
            "unit": returned.nomination.unit_code,
            "title": returned.nomination.title.code(),
            "returned_for": returned.reason,
            "note": note,
        })),
    )
    .await?;
    let unit_name = ctx.org.unit_name(&head.unit_code);
    for secretary in storage::people::list_active_with_role(&mut intent.tx, Role::Secretary).await?
    {
        let notice = Notice::NominationResent {
            unit_name: unit_name.clone(),
            nominee: returned.nominee.clone(),
            title: returned.nomination.title,
            head: head.full_name.clone(),
            note: note.to_owned(),
        };
        let key = format!(
            "nomination-resent:{}:{id}:{}:to{}",
            campaign.year,
            now.timestamp_millis(),
            secretary.id.0
        );
        notifications::to_person(&mut intent.tx, &secretary, key, notice, now).await?;
    }
    intent.queued();
    intent.commit(ctx).await?;
    Ok(returned)
}
