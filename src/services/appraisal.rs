//! Appraisal (thẩm định): the council's standing body checks every proposed nomination — each
//! criterion's verdict, department-wide quotas, collective thresholds, an initiative backing two
//! titles, missing evidence, discipline review — and marks it valid or returns it with a reason
//! that reaches the unit head.

use super::collective_standing::{self, Moment, Recheck};
use super::error::{Refusal, ServiceResult};
use super::identity::{current_campaign, linked_person, require_open};
use super::intent::Intent;
use super::{Ctx, notifications};
use crate::domain::appraisal::{self, Check, Claim};
use crate::domain::assessment::Discipline;
use crate::domain::campaign::Campaign;
use crate::domain::limits::Limits;
use crate::domain::nomination::NominationStatus;
use crate::domain::notice::Notice;
use crate::domain::person::Person;
use crate::domain::phase::Phase;
use crate::domain::role::Role;
use crate::domain::rules::Rules;
use crate::domain::title::{Holder, Title};
use crate::services::caller::Caller;
use crate::storage::audit;
use crate::storage::nominations::{self, Nomination};
use crate::storage::{self, assessments};
use crate::storage::{Connection, StorageResult};
use serde_json::json;
use std::collections::BTreeMap;

/// One nomination as the secretary sees it.
#[derive(Debug, Clone)]
pub struct Line {
    pub nomination: Nomination,
    /// The nominee's name, or the unit's for a collective title.
    pub nominee: String,
    pub unit: String,
    pub checks: Vec<Check>,
}

impl Line {
    pub fn problems(&self) -> usize {
        self.checks
            .iter()
            .filter(|check| check.is_problem())
            .count()
    }
}

#[derive(Debug, Clone)]
pub struct Overview {
    pub campaign: Campaign,
    /// Proposed nominations this appraiser may appraise, by unit, then title.
    pub lines: Vec<Line>,
    /// Proposed nominations of the appraiser themself, left to someone else.
    pub own_elsewhere: usize,
}

/// Who appraises a nomination: the standing body (secretaries), never the nominee; a
/// secretary's own nomination goes to another secretary or to the council's chair (the
/// director), who appraises only those.
pub(crate) fn may_appraise(appraiser: &Person, nominee: Option<&Person>) -> Result<(), Refusal> {
    if nominee.is_some_and(|nominee| nominee.id == appraiser.id) {
        return Err(Refusal::OwnNomination);
    }
    let nominee_in_standing_body = nominee.is_some_and(|nominee| nominee.has(Role::Secretary));
    if appraiser.has(Role::Secretary) || (appraiser.has(Role::Director) && nominee_in_standing_body)
    {
        Ok(())
    } else {
        Err(Refusal::RoleRequired(Role::Secretary))
    }
}

/// The proposed nominations with their checks that the caller may appraise, in the appraisal
/// window.
pub async fn overview(ctx: &Ctx, caller: &Caller) -> ServiceResult<Overview> {
    let now = ctx.now();
    let mut conn = ctx.db.read().await?;
    let appraiser = linked_person(&mut conn, caller).await?;
    if !appraiser.has(Role::Secretary) && !appraiser.has(Role::Director) {
        return Err(Refusal::RoleRequired(Role::Secretary).into());
    }
    let campaign = current_campaign(&mut conn, now).await?;
    require_open(&campaign, Phase::Appraisal, now)?;
    let mut mine = Vec::new();
    let mut own_elsewhere = 0;
    for line in lines(&mut conn, ctx, &campaign).await? {
        let nominee = super::nominee::person(&mut conn, &line.nomination).await?;
        match may_appraise(&appraiser, nominee.as_ref()) {
            Ok(()) => mine.push(line),
            Err(Refusal::OwnNomination) => own_elsewhere += 1,
            Err(_) => {}
        }
    }
    Ok(Overview {
        campaign,
        lines: mine,
        own_elsewhere,
    })
}

/// One proposed nomination with its checks.
pub async fn open(ctx: &Ctx, caller: &Caller, nomination: i64) -> ServiceResult<Line> {
    overview(ctx, caller)
        .await?
        .lines
        .into_iter()
        .find(|line| line.nomination.id == nomination)
        .ok_or_else(|| Refusal::NothingToAppraise.into())
}

async fn lines(conn: &mut Connection, ctx: &Ctx, campaign: &Campaign) -> ServiceResult<Vec<Line>> {
    let rules = super::rule_book::rules_for(ctx, campaign).await?;
    let all = nominations::list(conn, campaign.year).await?;
    let standing: Vec<&Nomination> = all
        .iter()
        .filter(|n| {
            !matches!(
                n.status,
                NominationStatus::Returned | NominationStatus::Rejected
            )
        })
        .collect();
    // Quotas: people achieving LĐTT department-wide, and how many are proposed per title.
    let achievers = standing
        .iter()
        .filter(|n| n.title.holder() == Holder::Individual)
        .filter_map(|n| n.person_id)
        .collect::<std::collections::BTreeSet<_>>()
        .len() as u32;
    let mut per_title: BTreeMap<Title, u32> = BTreeMap::new();
    for nomination in &standing {
        *per_title.entry(nomination.title).or_default() += 1;
    }
    let mut lines = Vec::new();
    let mut claims = Vec::new();
    for nomination in all
        .iter()
        .filter(|n| n.status == NominationStatus::Proposed)
    {
        let unit = ctx.org.unit_name(&nomination.unit_code);
        let mut checks = Vec::new();
        let nominee = match nomination.person_id {
            Some(person_id) => {
                let person = storage::people::find_by_id(conn, person_id)
                    .await?
                    .ok_or(storage::StorageError::Missing("nominee"))?;
                let version = assessments::latest_version(conn, campaign.year, person.id).await?;
                match version {
                    None => checks.push(Check::NoAssessment),
                    Some(version) => {
                        let answers = &version.answers;
                        let history = super::history::of_person(conn, person.id).await?;
                        let verdicts = super::assessment::evaluate(
                            &rules,
                            campaign,
                            &person,
                            &history,
                            answers,
                            &[nomination.title],
                        );
                        checks.extend(verdicts.into_iter().map(Check::Criteria));
                        if !answers.evidence.is_empty() {
                            checks.push(Check::Evidence {
                                employee_code: person.employee_code.clone(),
                                count: answers.evidence.len(),
                            });
                        }
                        if answers.discipline == Some(Discipline::UnderReview) {
                            checks.push(Check::UnderDisciplineReview);
                        }
                        for initiative in answers.initiatives.iter().flatten() {
                            let label = initiative_label(initiative);
                            if initiative.decision_number.trim().is_empty() {
                                checks.push(Check::MissingDecisionNumber {
                                    initiative: label.clone(),
                                });
                            }
                            if appraisal::rests_on_initiative(nomination.title) {
                                claims.push(Claim {
                                    nomination: nomination.id,
                                    title: nomination.title,
                                    nominee: person.full_name.clone(),
                                    key: key(initiative),
                                    label,
                                });
                            }
                        }
                    }
                }
                person.full_name
            }
            None => {
                checks.extend(collective_checks(conn, campaign, &rules, nomination, &all).await?);
                unit.clone()
            }
        };
        if let Some(check) = appraisal::quota_check(
            &rules,
            nomination.title,
            per_title.get(&nomination.title).copied().unwrap_or(0),
            achievers,
        ) {
            checks.push(check);
        }
        lines.push(Line {
            nomination: nomination.clone(),
            nominee,
            unit,
            checks,
        });
    }
    let conflicts = appraisal::initiative_conflicts(&claims);
    for line in &mut lines {
        if let Some(found) = conflicts.get(&line.nomination.id) {
            line.checks.extend(found.iter().cloned());
        }
    }
    Ok(lines)
}

fn initiative_label(initiative: &crate::domain::assessment::Initiative) -> String {
    let number = initiative.decision_number.trim();
    if number.is_empty() {
        initiative.title.trim().to_owned()
    } else {
        format!("{} ({number})", initiative.title.trim())
    }
}

fn key(initiative: &crate::domain::assessment::Initiative) -> (String, String) {
    let squash = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    (
        squash(&initiative.decision_number),
        squash(&initiative.title),
    )
}

/// The collective title's thresholds as the members' nominations stand now (see
/// `collective_standing`): a member whose nomination was returned no longer counts.
async fn collective_checks(
    conn: &mut Connection,
    campaign: &Campaign,
    rules: &Rules,
    nomination: &Nomination,
    all: &[Nomination],
) -> StorageResult<Vec<Check>> {
    Ok(
        match collective_standing::verdict(
            conn,
            campaign,
            rules,
            nomination,
            all,
            Moment::Appraisal,
        )
        .await?
        {
            Some(verdict) => vec![Check::Collective(verdict)],
            None => vec![Check::NoUnitRating],
        },
    )
}

/// Marks a proposed nomination valid.
pub async fn mark_valid(ctx: &Ctx, caller: &Caller, nomination: i64) -> ServiceResult<Nomination> {
    decide(ctx, caller, nomination, None).await
}

/// Returns a proposed nomination with a reason; the unit's head is told.
pub async fn return_with(
    ctx: &Ctx,
    caller: &Caller,
    nomination: i64,
    reason: &str,
) -> ServiceResult<Nomination> {
    let reason = reason.trim();
    if reason.chars().count() < Limits::RETURN_REASON_MIN_CHARS
        || reason.chars().count() > Limits::RETURN_REASON_MAX_CHARS
    {
        return Err(Refusal::InputInvalid.into());
    }
    decide(ctx, caller, nomination, Some(reason)).await
}

async fn decide(
    ctx: &Ctx,
    caller: &Caller,
    id: i64,
    reason: Option<&str>,
) -> ServiceResult<Nomination> {
    let mut intent = Intent::begin(ctx, caller).await?;
    if !intent.person.has(Role::Secretary) && !intent.person.has(Role::Director) {
        return Err(Refusal::RoleRequired(Role::Secretary).into());
    }
    let (now, actor, secretary) = (intent.now, intent.actor(), intent.person.clone());
    let campaign = intent.campaign_open(Phase::Appraisal).await?;
    let nomination = nominations::find(&mut intent.tx, id)
        .await?
        .filter(|nomination| nomination.campaign_year == campaign.year)
        .ok_or(Refusal::NothingToAppraise)?;
    let nominee = super::nominee::person(&mut intent.tx, &nomination).await?;
    may_appraise(&secretary, nominee.as_ref())?;
    let to = if reason.is_some() {
        NominationStatus::Returned
    } else {
        NominationStatus::Valid
    };
    if !nominations::transition(
        &mut intent.tx,
        id,
        NominationStatus::Proposed,
        to,
        reason,
        now,
    )
    .await?
    {
        return Err(Refusal::NothingToAppraise.into());
    }
    let action = if reason.is_some() {
        "nomination.returned"
    } else {
        "nomination.valid"
    };
    audit::record(
        &mut intent.tx,
        now,
        actor,
        action,
        Some(&id.to_string()),
        Some(&json!({ "year": campaign.year, "title": nomination.title.code(), "unit": nomination.unit_code, "reason": reason })),
    )
    .await?;
    if let Some(reason) = reason {
        let nominee_name = match &nominee {
            Some(person) => person.full_name.clone(),
            None => ctx.org.unit_name(&nomination.unit_code),
        };
        let returned = Returned {
            year: campaign.year,
            secretary: &secretary.full_name,
            now,
        };
        returned
            .tell_heads(&mut intent.tx, &nomination, &nominee_name, reason)
            .await?;
        if let Some(person) = &nominee {
            let notice = Notice::OwnNominationReturned {
                gender: person.gender,
                title: nomination.title,
                reason: reason.to_owned(),
                secretary: secretary.full_name.clone(),
            };
            let key = format!(
                "own-nomination-returned:{}:{id}:{}",
                campaign.year,
                now.timestamp_millis()
            );
            notifications::to_person(&mut intent.tx, person, key, notice, now).await?;
            // The unit's collective title may have counted on this member: judged again, and
            // an appraised one that no longer holds goes back to the unit with it.
            let rules = super::rule_book::rules_for(ctx, &campaign).await?;
            let note = |title| {
                ctx.present
                    .collective_unsupported_note(title, &nominee_name, nomination.title)
            };
            let moved = collective_standing::recheck(
                &mut intent.tx,
                &campaign,
                &rules,
                Recheck {
                    unit: Some(&nomination.unit_code),
                    from: &[NominationStatus::Valid],
                    to: NominationStatus::Returned,
                    moment: Moment::Appraisal,
                    note: &note,
                    actor,
                    now,
                },
            )
            .await?;
            let unit_name = ctx.org.unit_name(&nomination.unit_code);
            for collective in moved {
                returned
                    .tell_heads(
                        &mut intent.tx,
                        &collective,
                        &unit_name,
                        &note(collective.title),
                    )
                    .await?;
            }
        }
    }
    intent.queued();
    intent.commit(ctx).await?;
    let mut conn = ctx.db.read().await?;
    let updated = nominations::find(&mut conn, id)
        .await?
        .ok_or(storage::StorageError::Missing("appraised nomination"))?;
    Ok(updated)
}

/// Who returned nominations, when: tells the unit's heads, one notice per nomination.
struct Returned<'a> {
    year: i32,
    secretary: &'a str,
    now: chrono::DateTime<chrono::Utc>,
}

impl Returned<'_> {
    async fn tell_heads(
        &self,
        conn: &mut Connection,
        nomination: &Nomination,
        nominee: &str,
        reason: &str,
    ) -> StorageResult<()> {
        let heads = storage::people::list_active_in_unit(conn, &nomination.unit_code)
            .await?
            .into_iter()
            .filter(|person| person.has(Role::UnitHead))
            // A head whose own nomination was returned hears it once, as their own.
            .filter(|head| Some(head.id) != nomination.person_id);
        for head in heads {
            let notice = Notice::NominationReturned {
                nominee: nominee.to_owned(),
                title: nomination.title,
                reason: reason.to_owned(),
                secretary: self.secretary.to_owned(),
            };
            let key = format!(
                "nomination-returned:{}:{}:{}:to{}",
                self.year,
                nomination.id,
                self.now.timestamp_millis(),
                head.id.0
            );
            notifications::to_person(conn, &head, key, notice, self.now).await?;
        }
        Ok(())
    }
}
