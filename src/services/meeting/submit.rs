//! Submitting the meeting: minutes, attendance and the standing nominations in one IMMEDIATE
//! transaction, audited, with a notice to every secretary.

use super::{Draft, Preview, decide, load};
use crate::domain::notice::Notice;
use crate::domain::role::Role;
use crate::services::caller::Caller;
use crate::services::error::{Refusal, ServiceResult};
use crate::services::{Ctx, notifications};
use crate::storage;
use crate::storage::audit::{self, Actor};
use crate::storage::meetings::{self, NewMeeting};
use crate::storage::nominations::{self, NewNomination};
use serde_json::json;

/// Submits the meeting: minutes, attendance and the nominations that stand, in one transaction;
/// the unit's reviews are locked from then on and the secretaries are told.
pub async fn submit(ctx: &Ctx, caller: &Caller, draft: &Draft) -> ServiceResult<Preview> {
    let now = ctx.now();
    // Not an `Intent`: `load` (shared with the read-only `open` and `preview`) re-reads the head
    // and checks role, window and the meeting's state, so what was previewed is what is checked.
    let mut tx = ctx.db.write().await?;
    let view = load(&mut tx, ctx, caller).await?;
    let preview = decide(&mut tx, ctx, view, draft).await?;
    if !preview.outcome.quorum_met {
        return Err(Refusal::MeetingWithoutQuorum {
            present: preview.outcome.present,
            members: preview.outcome.members,
        }
        .into());
    }
    if draft.propose_collective && !preview.collective_supported() {
        return Err(Refusal::CollectiveNotSupported.into());
    }
    let view = &preview.view;
    let year = view.campaign.year;
    let unit = view.head.unit_code.as_str();
    let mut present = draft.present.clone();
    present.sort();
    meetings::submit(
        &mut tx,
        &NewMeeting {
            year,
            unit_code: unit,
            held_on: draft.held_on,
            member_count: preview.outcome.members,
            present: &present,
            unit_rating: draft.unit_rating,
            recorded_by: view.head.id,
        },
        now,
    )
    .await?;
    let mut kept = Vec::new();
    let mut proposed = Vec::new();
    for entry in preview.outcome.standing_entries(&preview.entries) {
        let nomination = NewNomination {
            campaign_year: year,
            unit_code: unit,
            person_id: Some(entry.person),
            title: entry.title,
            meeting_yes_votes: Some(i64::from(entry.yes)),
        };
        kept.push(nominations::propose(&mut tx, &nomination, now).await?);
        proposed.push(
            json!({ "person": entry.person.0, "title": entry.title.code(), "yes": entry.yes }),
        );
    }
    let collective = if draft.propose_collective {
        view.collective
    } else {
        None
    };
    if let Some(title) = collective {
        let nomination = NewNomination {
            campaign_year: year,
            unit_code: unit,
            person_id: None,
            title,
            meeting_yes_votes: None,
        };
        kept.push(nominations::propose(&mut tx, &nomination, now).await?);
        proposed.push(json!({ "title": title.code() }));
    }
    nominations::remove_unit_proposals_except(&mut tx, year, unit, &kept).await?;
    let actor = Actor {
        person_id: Some(view.head.id.0),
        ..caller.actor()
    };
    audit::record(
        &mut tx,
        now,
        actor,
        "meeting.submitted",
        Some(unit),
        Some(&json!({
            "year": year,
            "held_on": draft.held_on.to_string(),
            "members": preview.outcome.members,
            "present": present.iter().map(|id| id.0).collect::<Vec<_>>(),
            "proposed": proposed,
        })),
    )
    .await?;
    let individual = preview.outcome.standing_entries(&preview.entries).count();
    for secretary in storage::people::list_active_with_role(&mut tx, Role::Secretary).await? {
        let notice = Notice::MeetingSubmitted {
            unit_name: view.unit_name.clone(),
            head: view.head.full_name.clone(),
            held_on: draft.held_on,
            individual,
            collective,
        };
        let key = format!(
            "meeting-submitted:{year}:{unit}:{}:to{}",
            now.timestamp_millis(),
            secretary.id.0
        );
        notifications::to_person(&mut tx, &secretary, key, notice, now).await?;
    }
    tx.commit().await?;
    ctx.wake_outbox();
    Ok(preview)
}
