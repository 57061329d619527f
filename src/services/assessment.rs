//! Self-assessment (tự đánh giá): a registrant answers questions about their year, sees the
//! verdict for each registered title, and submits. The working copy is saved after every answer,
//! so a half-finished assessment resumes later; every submission is kept as a version.

pub mod evidence;
mod verdicts;

pub use verdicts::evaluate;

use crate::domain::registration::RegistrationStatus;
use crate::domain::rules::{Rules, Verdict};
use crate::services::caller::Caller;
use std::sync::Arc;

use super::error::{Refusal, ServiceError, ServiceResult};
use super::identity::{campaign_for, linked_person, person_for_reading};
use super::{Ctx, notifications};
use crate::domain::assessment::{self, Answers, Locked, Status};
use crate::domain::campaign::Campaign;
use crate::domain::person::Person;
use crate::domain::phase::{Phase, WindowState};
use crate::domain::title::Title;
use crate::storage::Connection;
use crate::storage::assessments;
use crate::storage::audit::{self, Actor};
use crate::storage::registrations;
use serde_json::json;

/// Everything the dialogue needs to show the next question or the summary.
#[derive(Debug, Clone)]
pub struct Session {
    pub person: Person,
    pub campaign: Campaign,
    /// The registered title and the ones it includes (CSTĐCS → CSTĐCS, LĐTT).
    pub titles: Vec<Title>,
    pub answers: Answers,
    pub status: Option<Status>,
    pub review_comment: Option<String>,
    /// The campaign's rules, for the verdicts.
    pub rules: Arc<Rules>,
    /// The person's award history, which multi-year criteria are judged on.
    pub history: crate::domain::history::History,
}

impl Session {
    pub fn verdicts(&self) -> Vec<Verdict> {
        verdicts::evaluate(
            &self.rules,
            &self.campaign,
            &self.person,
            &self.history,
            &self.answers,
            &self.titles,
        )
    }
}

/// Loads `person`'s assessment if they may work on it now.
async fn load(conn: &mut Connection, ctx: &Ctx, person: Person) -> ServiceResult<Session> {
    let now = ctx.now();
    let campaign = campaign_for(conn, now, &person).await?;
    let registration = registrations::find_individual(conn, campaign.year, person.id).await?;
    let Some(registration) =
        registration.filter(|registration| registration.status == RegistrationStatus::Registered)
    else {
        return Err(Refusal::NotRegistered.into());
    };
    let stored = assessments::find(conn, campaign.year, person.id).await?;
    let status = stored.as_ref().map(|row| row.status);
    let open = |phase| campaign.phase_state(phase, now) == WindowState::Open;
    match assessment::editable(status, open(Phase::SelfAssessment), open(Phase::UnitReview)) {
        Ok(()) => {}
        Err(Locked::AlreadyApproved) => return Err(Refusal::AssessmentApproved.into()),
        Err(Locked::WindowClosed) => {
            let window = campaign
                .window(Phase::SelfAssessment)
                .ok_or(Refusal::NoCampaign)?;
            return Err(Refusal::PhaseNotOpen {
                phase: Phase::SelfAssessment,
                state: window.state_at(now),
                window,
            }
            .into());
        }
    }
    let rules = super::rule_book::rules_for(ctx, &campaign).await?;
    let history = super::history::of_person(conn, person.id).await?;
    Ok(Session {
        history,
        rules,
        titles: registration.title.includes().to_vec(),
        answers: stored
            .as_ref()
            .map(|row| row.answers.clone())
            .unwrap_or_default(),
        review_comment: stored.and_then(|row| row.review_comment),
        person,
        campaign,
        status,
    })
}

/// Opens (or resumes) the person's assessment.
pub async fn open(ctx: &Ctx, caller: &Caller) -> ServiceResult<Session> {
    let mut conn = ctx.db.read().await?;
    let person = person_for_reading(&mut conn, caller).await?;
    load(&mut conn, ctx, person).await
}

/// Applies `change` to the working copy and saves it, in one write transaction: the draft is
/// read, changed and written under the write lock, so two answers racing from two screens cannot
/// overwrite each other's, and the answer costs one read of the session, not two.
pub async fn change_answers(
    ctx: &Ctx,
    caller: &Caller,
    change: impl FnOnce(&mut Answers),
) -> ServiceResult<Session> {
    // Not an `Intent`: `load` (shared with the read-only `open`) re-reads the person and every
    // condition the assessment may change under, so opening and saving check the same things.
    let mut tx = ctx.db.write().await?;
    let person = linked_person(&mut tx, caller).await?;
    let mut session = load(&mut tx, ctx, person).await?;
    change(&mut session.answers);
    assessments::save_answers(
        &mut tx,
        session.campaign.year,
        session.person.id,
        &session.answers,
        ctx.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(session)
}

/// The outcome of a submission, for the acknowledgement.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub version: i64,
    pub verdicts: Vec<Verdict>,
}

/// Submits the working copy: a new frozen version with its verdicts, and the reviewer told.
pub async fn submit(ctx: &Ctx, caller: &Caller) -> ServiceResult<Submitted> {
    let now = ctx.now();
    // Not an `Intent`: the same shared `load` as `change_answers`.
    let mut tx = ctx.db.write().await?;
    let person = linked_person(&mut tx, caller).await?;
    let session = load(&mut tx, ctx, person).await?;
    if !session.answers.is_complete() {
        return Err(ServiceError::Refused(Refusal::AssessmentIncomplete));
    }
    let verdicts = session.verdicts();
    let snapshot = verdicts::snapshot(ctx.present.as_ref(), &verdicts);
    let year = session.campaign.year;
    let version = assessments::submit(
        &mut tx,
        year,
        session.person.id,
        &session.answers,
        &snapshot,
        now,
    )
    .await?;
    let actor = Actor {
        person_id: Some(session.person.id.0),
        ..caller.actor()
    };
    audit::record(
        &mut tx,
        now,
        actor,
        "assessment.submitted",
        Some(&session.person.employee_code),
        Some(&json!({ "year": year, "version": version })),
    )
    .await?;
    notifications::assessment_submitted(&mut tx, ctx, &session.person, year, version, now).await?;
    tx.commit().await?;
    ctx.wake_outbox();
    Ok(Submitted { version, verdicts })
}
