//! After the tally, the units' collective titles are judged again with the council's results.
//!
//! At the unit meeting a member counts as CSTĐCS on their own verdict; but CSTĐCS is only held
//! once the council passes it. TLĐXS needs at least one CSTĐCS member: when a unit's only CSTĐCS
//! nominee fails the ballot, its TLĐXS no longer meets the rule set, so the nomination fails
//! here instead of being recognised by the same decision that refuses its basis.

use crate::domain::campaign::Campaign;
use crate::domain::nomination::NominationStatus;
use crate::domain::rules::{self, Rules, UnitFacts};
use crate::domain::title::Title;
use crate::services::meeting::{member_facts, unit_members};
use crate::services::present::Present;
use crate::storage::Connection;
use crate::storage::StorageResult;
use crate::storage::audit::{self, Actor};
use crate::storage::meetings;
use crate::storage::nominations::{self, Nomination};
use chrono::{DateTime, Utc};
use serde_json::json;

/// Whether the nomination stands as CSTĐCS after the ballot.
fn holds_cstdcs(rules: &Rules, nomination: &Nomination) -> bool {
    nomination.title == Title::Cstdcs
        && match nomination.status {
            NominationStatus::Passed | NominationStatus::Approved => true,
            NominationStatus::Valid => !rules::ballot_required(rules, Title::Cstdcs),
            _ => false,
        }
}

/// Fails each valid collective nomination the members' results no longer support; returns
/// their ids.
pub(super) async fn recheck(
    conn: &mut Connection,
    campaign: &Campaign,
    rules: &Rules,
    present: &dyn Present,
    actor: Actor,
    now: DateTime<Utc>,
) -> StorageResult<Vec<i64>> {
    let all = nominations::list(conn, campaign.year).await?;
    let mut failed = Vec::new();
    for collective in all
        .iter()
        .filter(|n| n.person_id.is_none() && n.status == NominationStatus::Valid)
    {
        let Some(rating) = meetings::find(conn, campaign.year, &collective.unit_code)
            .await?
            .and_then(|meeting| meeting.unit_rating)
        else {
            continue;
        };
        let members = unit_members(conn, &collective.unit_code).await?;
        let (mut facts, _) = member_facts(conn, campaign, rules, &members).await?;
        for (member, fact) in members.iter().zip(facts.iter_mut()) {
            fact.cstdcs = all
                .iter()
                .any(|n| n.person_id == Some(member.id) && holds_cstdcs(rules, n));
        }
        let unit = UnitFacts {
            year: campaign.year,
            unit_rating: rating,
            members: facts,
        };
        if rules::collective_verdict(rules, &unit, collective.title).eligible {
            continue;
        }
        let note = present.collective_failed_note(collective.title);
        if nominations::transition(
            conn,
            collective.id,
            NominationStatus::Valid,
            NominationStatus::Failed,
            Some(&note),
            now,
        )
        .await?
        {
            audit::record(
                conn,
                now,
                actor,
                "nomination.collective_failed",
                Some(&collective.id.to_string()),
                Some(&json!({ "unit": collective.unit_code, "title": collective.title.code() })),
            )
            .await?;
            failed.push(collective.id);
        }
    }
    Ok(failed)
}
