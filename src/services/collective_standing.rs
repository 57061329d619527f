//! A unit's collective title rests on its members' own titles (Law 06/2022 Art. 28: TLĐTT needs
//! 70 % of the members LĐTT; TLĐXS needs every member LĐTT and CSTĐCS members among them). The
//! unit meeting judges it on each member's own verdict. From then on every change to a member's
//! nomination re-judges it here: a member whose nominations were all returned, failed the
//! ballot or were rejected no longer holds the title the collective counted on. The appraisal
//! screen, the ballot's close and the director's approval all read this one judgement, so the
//! figure the secretary sees, the title the decision recognises and the total it announces
//! agree.
//!
//! Decided where the law is silent: a member who was never nominated (did not register, say)
//! counts as the meeting counted them; only a change to a nomination takes a member out.

use crate::domain::campaign::Campaign;
use crate::domain::nomination::NominationStatus;
use crate::domain::rules::{self, Rules, UnitFacts, Verdict};
use crate::domain::title::{Holder, Title};
use crate::services::meeting::{member_facts, unit_members};
use crate::storage::audit::{self, Actor};
use crate::storage::nominations::{self, Nomination};
use crate::storage::{Connection, StorageResult, meetings};
use chrono::{DateTime, Utc};
use serde_json::json;

/// Which nominations still count for the collective: during appraisal every one not returned
/// (a proposal may yet be marked valid); from the ballot on, only those that came through
/// appraisal (one never appraised will not be recognised, so nothing may rest on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    Appraisal,
    AfterAppraisal,
}

impl Moment {
    fn standing(self) -> &'static [NominationStatus] {
        match self {
            Moment::Appraisal => &NominationStatus::STANDING,
            Moment::AfterAppraisal => &NominationStatus::STANDING_AFTER_APPRAISAL,
        }
    }
}

/// Whether the member's nominations, if they have any, still carry a title in `wanted`.
fn still_holds(
    all: &[Nomination],
    member: crate::domain::person::PersonId,
    wanted: &[Title],
    moment: Moment,
) -> bool {
    let theirs: Vec<&Nomination> = all
        .iter()
        .filter(|n| n.person_id == Some(member) && wanted.contains(&n.title))
        .collect();
    theirs.is_empty() || theirs.iter().any(|n| moment.standing().contains(&n.status))
}

/// The unit's facts as its members' nominations stand in `all` (the campaign's nominations);
/// `None` when the unit meeting recorded no unit rating.
pub async fn unit_facts(
    conn: &mut Connection,
    campaign: &Campaign,
    rules: &Rules,
    unit_code: &str,
    all: &[Nomination],
    moment: Moment,
) -> StorageResult<Option<UnitFacts>> {
    let Some(unit_rating) = meetings::find(conn, campaign.year, unit_code)
        .await?
        .and_then(|meeting| meeting.unit_rating)
    else {
        return Ok(None);
    };
    let members = unit_members(conn, unit_code).await?;
    let (mut facts, _) = member_facts(conn, campaign, rules, &members).await?;
    for (member, fact) in members.iter().zip(facts.iter_mut()) {
        fact.ldtt = fact.ldtt && still_holds(all, member.id, &Title::INDIVIDUAL, moment);
        fact.cstdcs = fact.cstdcs && still_holds(all, member.id, &[Title::Cstdcs], moment);
    }
    Ok(Some(UnitFacts {
        year: campaign.year,
        unit_rating,
        members: facts,
    }))
}

/// The collective nomination's verdict as things stand; `None` without a unit rating.
pub async fn verdict(
    conn: &mut Connection,
    campaign: &Campaign,
    rules: &Rules,
    collective: &Nomination,
    all: &[Nomination],
    moment: Moment,
) -> StorageResult<Option<Verdict>> {
    Ok(
        unit_facts(conn, campaign, rules, &collective.unit_code, all, moment)
            .await?
            .map(|unit| rules::collective_verdict(rules, &unit, collective.title)),
    )
}

/// One re-judgement: which collectives to look at, what they become, and why.
pub struct Recheck<'a> {
    /// Only this unit's collective, or every unit's.
    pub unit: Option<&'a str>,
    /// The statuses a collective is re-judged in (a returned or failed one is already out).
    pub from: &'a [NominationStatus],
    pub to: NominationStatus,
    pub moment: Moment,
    /// The note kept on a collective the members no longer support (in the record's language).
    pub note: &'a (dyn Fn(Title) -> String + Sync),
    pub actor: Actor,
    pub now: DateTime<Utc>,
}

/// Moves each collective nomination the members' nominations no longer support; audited as
/// `nomination.collective_<new status>`. Returns the nominations as they were before the move.
pub async fn recheck(
    conn: &mut Connection,
    campaign: &Campaign,
    rules: &Rules,
    recheck: Recheck<'_>,
) -> StorageResult<Vec<Nomination>> {
    let all = nominations::list(conn, campaign.year).await?;
    let mut moved = Vec::new();
    for collective in all.iter().filter(|n| {
        n.title.holder() == Holder::Collective
            && n.person_id.is_none()
            && recheck.from.contains(&n.status)
            && recheck.unit.is_none_or(|unit| unit == n.unit_code)
    }) {
        let Some(verdict) =
            verdict(conn, campaign, rules, collective, &all, recheck.moment).await?
        else {
            continue;
        };
        if verdict.eligible {
            continue;
        }
        let note = (recheck.note)(collective.title);
        if nominations::transition(
            conn,
            collective.id,
            collective.status,
            recheck.to,
            Some(&note),
            recheck.now,
        )
        .await?
        {
            audit::record(
                conn,
                recheck.now,
                recheck.actor,
                &format!("nomination.collective_{}", recheck.to.as_str()),
                Some(&collective.id.to_string()),
                Some(&json!({
                    "unit": collective.unit_code,
                    "title": collective.title.code(),
                    "from": collective.status.as_str(),
                    "to": recheck.to.as_str(),
                })),
            )
            .await?;
            moved.push(collective.clone());
        }
    }
    Ok(moved)
}
