//! The standing body's part: the proposals waiting for appraisal, one opened, agreed to (the
//! director is told) or refused with a reason (the proposer is told).

use super::{Line, line, open_waiting, waiting};
use crate::domain::commendation::{Recipient, Status, parse_refusal_reason};
use crate::domain::notice::Notice;
use crate::domain::person::PersonId;
use crate::domain::role::Role;
use crate::services::caller::Caller;
use crate::services::error::{Refusal, ServiceResult};
use crate::services::intent::Intent;
use crate::services::{Ctx, notifications};
use crate::storage::commendations;
use crate::storage::{self, audit};
use serde_json::json;

/// The standing body's list: proposals waiting for appraisal.
pub async fn to_appraise(ctx: &Ctx, caller: &Caller) -> ServiceResult<Vec<Line>> {
    waiting(ctx, caller, Role::Secretary, Status::Proposed).await
}

pub async fn open_for_appraisal(ctx: &Ctx, caller: &Caller, id: i64) -> ServiceResult<Line> {
    open_waiting(ctx, caller, Role::Secretary, Status::Proposed, id).await
}

/// The standing body agrees (`reason: None`) or refuses with a reason. Agreeing tells the
/// director; refusing tells the proposer.
pub async fn appraise(
    ctx: &Ctx,
    caller: &Caller,
    id: i64,
    reason: Option<&str>,
) -> ServiceResult<Line> {
    let reason = reason
        .map(|reason| parse_refusal_reason(reason).map_err(|_| Refusal::InputInvalid))
        .transpose()?;
    let mut intent = Intent::begin(ctx, caller).await?;
    intent.require(Role::Secretary)?;
    let (now, actor, secretary) = (intent.now, intent.actor(), intent.person.clone());
    let found = commendations::find(&mut intent.tx, id)
        .await?
        .filter(|found| found.status.may_appraise())
        .ok_or(Refusal::CommendationNotPending)?;
    if found.recipient == Recipient::Person(secretary.id.0) {
        return Err(Refusal::OwnNomination.into());
    }
    if !commendations::appraise(&mut intent.tx, id, secretary.id.0, reason.as_deref(), now).await? {
        return Err(Refusal::CommendationNotPending.into());
    }
    let stored =
        commendations::find(&mut intent.tx, id)
            .await?
            .ok_or(storage::StorageError::Missing(
                "the commendation just appraised",
            ))?;
    let line = line(&mut intent.tx, ctx, stored).await?;
    let action = if reason.is_some() {
        "commendation.refused"
    } else {
        "commendation.agreed"
    };
    audit::record(
        &mut intent.tx,
        now,
        actor,
        action,
        Some(&id.to_string()),
        Some(&json!({ "reason": reason })),
    )
    .await?;
    match &reason {
        Some(reason) => {
            if let Some(proposer) =
                storage::people::find_by_id(&mut intent.tx, PersonId(found.proposed_by))
                    .await?
                    .filter(|proposer| proposer.active && proposer.id != secretary.id)
            {
                let notice = Notice::CommendationRefused {
                    recipient: line.recipient.clone(),
                    reason: reason.clone(),
                    secretary: secretary.full_name.clone(),
                };
                let key = format!("commendation:{id}:refused");
                notifications::to_person(&mut intent.tx, &proposer, key, notice, now).await?;
                intent.queued();
            }
        }
        None => {
            for director in
                storage::people::list_active_with_role(&mut intent.tx, Role::Director).await?
            {
                let notice = Notice::CommendationAgreed {
                    recipient: line.recipient.clone(),
                    unit: line.unit.clone(),
                    occasion: line.commendation.occasion,
                    secretary: secretary.full_name.clone(),
                };
                let key = format!("commendation:{id}:agreed:to{}", director.id.0);
                notifications::to_person(&mut intent.tx, &director, key, notice, now).await?;
                intent.queued();
            }
        }
    }
    intent.commit(ctx).await?;
    Ok(line)
}
