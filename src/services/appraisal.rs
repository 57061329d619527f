//! Appraisal (thẩm định): the council's standing body checks every proposed nomination — each
//! criterion's verdict, department-wide quotas, collective thresholds, an initiative backing two
//! titles, missing evidence, discipline review — and marks it valid or returns it with a reason
//! that reaches the unit head.

use super::error::{Refusal, ServiceResult};
use super::identity::{current_campaign, linked_person, require_open};
use super::{Ctx, notifications};
use crate::domain::appraisal::{self, Check, Claim};
use crate::domain::assessment::Discipline;
use crate::domain::campaign::Campaign;
use crate::domain::notice::Notice;
use crate::domain::person::{Gender, Person};
use crate::domain::phase::Phase;
use crate::domain::registration::may_register;
use crate::domain::role::Role;
use crate::domain::rules::{self, AssessmentFacts, MemberFacts, Rules, UnitFacts};
use crate::domain::title::{Holder, Title};
use crate::storage::audit::{self, Actor};
use crate::storage::nominations::{self, Nomination, NominationStatus};
use crate::storage::{self, assessments, begin_immediate};
use serde_json::json;
use sqlx::SqliteConnection;
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
    /// Proposed nominations by unit, then title.
    pub lines: Vec<Line>,
}

async fn secretary(conn: &mut SqliteConnection, telegram_user_id: i64) -> ServiceResult<Person> {
    let person = linked_person(conn, telegram_user_id).await?;
    if person.has(Role::Secretary) {
        Ok(person)
    } else {
        Err(Refusal::RoleRequired(Role::Secretary).into())
    }
}

/// The proposed nominations with their checks, for a secretary in the appraisal window.
pub async fn overview(ctx: &Ctx, telegram_user_id: i64) -> ServiceResult<Overview> {
    let now = ctx.now();
    let mut conn = ctx.db.acquire().await?;
    secretary(&mut conn, telegram_user_id).await?;
    let campaign = current_campaign(&mut conn, now).await?;
    require_open(&campaign, Phase::Appraisal, now)?;
    let lines = lines(&mut conn, ctx, &campaign).await?;
    Ok(Overview { campaign, lines })
}

/// One proposed nomination with its checks.
pub async fn open(ctx: &Ctx, telegram_user_id: i64, nomination: i64) -> ServiceResult<Line> {
    overview(ctx, telegram_user_id)
        .await?
        .lines
        .into_iter()
        .find(|line| line.nomination.id == nomination)
        .ok_or_else(|| Refusal::NothingToAppraise.into())
}

async fn lines(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    campaign: &Campaign,
) -> ServiceResult<Vec<Line>> {
    let rules = super::ballot::rules_of(campaign)?;
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
                    .ok_or(sqlx::Error::RowNotFound)?;
                let version = assessments::latest_version(conn, campaign.year, person.id).await?;
                match version {
                    None => checks.push(Check::NoAssessment),
                    Some(version) => {
                        let answers = &version.answers;
                        let verdicts = super::assessment::evaluate(
                            campaign,
                            &person,
                            answers,
                            &[nomination.title],
                        );
                        checks.extend(verdicts.into_iter().map(Check::Criteria));
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
                checks.extend(collective_checks(conn, campaign, &rules, nomination).await?);
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

/// The collective title's thresholds from the unit's members' latest submitted assessments
/// and the rating the unit meeting recorded.
async fn collective_checks(
    conn: &mut SqliteConnection,
    campaign: &Campaign,
    rules: &Rules,
    nomination: &Nomination,
) -> Result<Vec<Check>, sqlx::Error> {
    let meeting = storage::meetings::find(conn, campaign.year, &nomination.unit_code).await?;
    let Some(unit_rating) = meeting.and_then(|meeting| meeting.unit_rating) else {
        return Ok(vec![Check::NoUnitRating]);
    };
    let mut members = Vec::new();
    for person in storage::people::list_active_in_unit(conn, &nomination.unit_code).await? {
        if !may_register(&person.roles) {
            continue;
        }
        let woman = person.gender == Gender::Female;
        let facts = assessments::latest_version(conn, campaign.year, person.id)
            .await?
            .and_then(|version| {
                AssessmentFacts::from_answers(&version.answers, campaign.year, person.hire_date, 0)
            });
        members.push(match facts {
            Some(facts) => rules::member_facts(rules, &facts, woman),
            // No submitted assessment: counted as meeting nothing, so data never overstates.
            None => MemberFacts {
                rating: crate::domain::rules::TaskRating::NotCompleted,
                ldtt: false,
                cstdcs: false,
                woman,
                discipline: rules::Discipline::None,
            },
        });
    }
    let unit = UnitFacts {
        year: campaign.year,
        unit_rating,
        members,
    };
    Ok(vec![Check::Collective(rules::collective_verdict(
        rules,
        &unit,
        nomination.title,
    ))])
}

/// Marks a proposed nomination valid.
pub async fn mark_valid(
    ctx: &Ctx,
    actor: Actor,
    telegram_user_id: i64,
    nomination: i64,
) -> ServiceResult<Nomination> {
    decide(ctx, actor, telegram_user_id, nomination, None).await
}

/// Returns a proposed nomination with a reason; the unit's head is told.
pub async fn return_with(
    ctx: &Ctx,
    actor: Actor,
    telegram_user_id: i64,
    nomination: i64,
    reason: &str,
) -> ServiceResult<Nomination> {
    let reason = reason.trim();
    if reason.chars().count() < 5 || reason.chars().count() > 500 {
        return Err(Refusal::InputInvalid.into());
    }
    decide(ctx, actor, telegram_user_id, nomination, Some(reason)).await
}

async fn decide(
    ctx: &Ctx,
    actor: Actor,
    telegram_user_id: i64,
    id: i64,
    reason: Option<&str>,
) -> ServiceResult<Nomination> {
    let now = ctx.now();
    let mut tx = begin_immediate(&ctx.db).await?;
    let secretary = secretary(&mut tx, telegram_user_id).await?;
    let campaign = current_campaign(&mut tx, now).await?;
    require_open(&campaign, Phase::Appraisal, now)?;
    let nomination = nominations::find(&mut tx, id)
        .await?
        .filter(|nomination| nomination.campaign_year == campaign.year)
        .ok_or(Refusal::NothingToAppraise)?;
    let to = if reason.is_some() {
        NominationStatus::Returned
    } else {
        NominationStatus::Valid
    };
    if !nominations::transition(&mut tx, id, NominationStatus::Proposed, to, reason, now).await? {
        return Err(Refusal::NothingToAppraise.into());
    }
    let action = if reason.is_some() {
        "nomination.returned"
    } else {
        "nomination.valid"
    };
    audit::record(
        &mut tx,
        now,
        Actor {
            person_id: Some(secretary.id.0),
            ..actor
        },
        action,
        Some(&id.to_string()),
        Some(&json!({ "year": campaign.year, "title": nomination.title.code(), "unit": nomination.unit_code, "reason": reason })),
    )
    .await?;
    if let Some(reason) = reason {
        let nominee = match nomination.person_id {
            Some(person) => storage::people::find_by_id(&mut tx, person)
                .await?
                .map(|person| person.full_name)
                .unwrap_or_default(),
            None => ctx.org.unit_name(&nomination.unit_code),
        };
        let heads = storage::people::list_active_in_unit(&mut tx, &nomination.unit_code)
            .await?
            .into_iter()
            .filter(|person| person.has(Role::UnitHead));
        for head in heads {
            let notice = Notice::NominationReturned {
                nominee: nominee.clone(),
                title: nomination.title,
                reason: reason.to_owned(),
                secretary: secretary.full_name.clone(),
            };
            let key = format!(
                "nomination-returned:{}:{id}:{}:to{}",
                campaign.year,
                now.timestamp_millis(),
                head.id.0
            );
            notifications::to_person(&mut tx, &head, key, notice, now).await?;
        }
    }
    tx.commit().await?;
    ctx.wake_outbox();
    let mut conn = ctx.db.acquire().await?;
    let updated = nominations::find(&mut conn, id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    Ok(updated)
}
