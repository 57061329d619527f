//! The review of submitted self-assessments (duyệt): a unit head approves or returns each
//! member's; a head's own goes to the council's secretaries, since nobody reviews themselves.

use super::error::{Refusal, ServiceError, ServiceResult};
use super::identity::{current_campaign, linked_person};
use super::{Ctx, notifications};
use crate::domain::assessment::{Answers, Status};
use crate::domain::campaign::Campaign;
use crate::domain::notice::Notice;
use crate::domain::person::{Person, PersonId};
use crate::domain::phase::{Phase, WindowState};
use crate::domain::registration::RegistrationStatus;
use crate::domain::role::Role;
use crate::services::caller::Caller;
use crate::storage::audit::{self, Actor};
use crate::storage::registrations;
use crate::storage::{self, assessments};
use crate::storage::{Connection, StorageResult};
use serde_json::json;

/// Where one person stands in the cycle, as the reviewer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberState {
    NotRegistered,
    Registered,
    Assessing,
    Submitted,
    Approved,
    Returned,
}

#[derive(Debug, Clone)]
pub struct MemberLine {
    pub person: Person,
    pub state: MemberState,
    /// The member's unit, where the reviewer reviews across units (a secretary, for heads);
    /// `None` in a head's list, which is all of one unit.
    pub unit_name: Option<String>,
}

/// The people a reviewer is responsible for.
#[derive(Debug, Clone)]
pub struct Overview {
    pub reviewer: Person,
    pub campaign: Campaign,
    pub members: Vec<MemberLine>,
}

/// Whether `reviewer` reviews `member`: the head of the member's unit (never themself), or a
/// secretary for a unit head.
pub fn reviews(reviewer: &Person, member: &Person) -> bool {
    if reviewer.id == member.id {
        return false;
    }
    let head_of_member = reviewer.has(Role::UnitHead)
        && reviewer.unit_code == member.unit_code
        && !member.has(Role::UnitHead);
    let secretary_for_head = reviewer.has(Role::Secretary) && member.has(Role::UnitHead);
    head_of_member || secretary_for_head
}

async fn reviewer(conn: &mut Connection, caller: &Caller) -> ServiceResult<Person> {
    let person = linked_person(conn, caller).await?;
    if person.has(Role::UnitHead) || person.has(Role::Secretary) {
        Ok(person)
    } else {
        Err(Refusal::RoleRequired(Role::UnitHead).into())
    }
}

pub async fn member_state(
    conn: &mut Connection,
    year: i32,
    person: PersonId,
) -> StorageResult<MemberState> {
    let status = assessments::find(conn, year, person)
        .await?
        .map(|row| row.status);
    let registered = match status {
        Some(_) => true,
        None => registrations::find_individual(conn, year, person)
            .await?
            .is_some_and(|registration| registration.status == RegistrationStatus::Registered),
    };
    Ok(state_of(status, registered))
}

fn state_of(status: Option<Status>, registered: bool) -> MemberState {
    match status {
        Some(Status::Draft) => MemberState::Assessing,
        Some(Status::Submitted) => MemberState::Submitted,
        Some(Status::Approved) => MemberState::Approved,
        Some(Status::Returned) => MemberState::Returned,
        None if registered => MemberState::Registered,
        None => MemberState::NotRegistered,
    }
}

/// Everyone's state for a campaign, read in two queries, for passes over the whole department
/// (one query per person made the reminder pass over 20,000 people take seconds).
pub struct MemberStates {
    assessments: std::collections::HashMap<PersonId, Status>,
    registered: std::collections::BTreeSet<PersonId>,
}

impl MemberStates {
    pub async fn load(conn: &mut Connection, year: i32) -> StorageResult<Self> {
        Ok(Self {
            assessments: assessments::statuses(conn, year).await?,
            registered: storage::reminders::registered_people(conn, year).await?,
        })
    }

    pub fn of(&self, person: PersonId) -> MemberState {
        state_of(
            self.assessments.get(&person).copied(),
            self.registered.contains(&person),
        )
    }
}

pub async fn overview(ctx: &Ctx, caller: &Caller) -> ServiceResult<Overview> {
    let mut conn = ctx.db.read().await?;
    let reviewer = reviewer(&mut conn, caller).await?;
    let campaign = current_campaign(&mut conn, ctx.now()).await?;
    let everyone = storage::people::list_active(&mut conn).await?;
    let mut members = Vec::new();
    for person in everyone
        .into_iter()
        .filter(|person| reviews(&reviewer, person))
    {
        let state = member_state(&mut conn, campaign.year, person.id).await?;
        let across_units = !(reviewer.has(Role::UnitHead)
            && reviewer.unit_code == person.unit_code)
            || person.has(Role::UnitHead);
        let unit_name = across_units.then(|| ctx.org.unit_name(&person.unit_code));
        members.push(MemberLine {
            person,
            state,
            unit_name,
        });
    }
    Ok(Overview {
        reviewer,
        campaign,
        members,
    })
}

/// A submitted assessment opened for review.
#[derive(Debug, Clone)]
pub struct Opened {
    pub member: Person,
    pub answers: Answers,
    pub verdicts: Vec<crate::domain::rules::Verdict>,
    pub version: i64,
    /// The member's award history, so the reviewer sees the years on record.
    pub history: crate::domain::history::History,
    pub year: i32,
}

/// Loads the member if this reviewer may act on their submitted assessment now.
async fn authorised(
    conn: &mut Connection,
    ctx: &Ctx,
    caller: &Caller,
    member: PersonId,
) -> ServiceResult<(Person, Person, Campaign)> {
    let now = ctx.now();
    let reviewer = reviewer(conn, caller).await?;
    let member = storage::people::find_by_id(conn, member)
        .await?
        .filter(|member| member.active)
        .ok_or(Refusal::StaleButton)?;
    if !reviews(&reviewer, &member) {
        return Err(Refusal::RoleRequired(Role::UnitHead).into());
    }
    // The member's calendar: a review reopened for them (or their unit) is open for their head.
    let campaign = super::identity::campaign_for(conn, now, &member).await?;
    let open = |phase| campaign.phase_state(phase, now) == WindowState::Open;
    if !open(Phase::SelfAssessment) && !open(Phase::UnitReview) {
        let window = campaign
            .window(Phase::UnitReview)
            .ok_or(Refusal::NoCampaign)?;
        return Err(Refusal::PhaseNotOpen {
            phase: Phase::UnitReview,
            state: window.state_at(now),
            window,
        }
        .into());
    }
    Ok((reviewer, member, campaign))
}

pub async fn open(ctx: &Ctx, caller: &Caller, member: PersonId) -> ServiceResult<Opened> {
    let mut conn = ctx.db.read().await?;
    let (_, member, campaign) = authorised(&mut conn, ctx, caller, member).await?;
    let version = storage::assessments::latest_version(&mut conn, campaign.year, member.id)
        .await?
        .ok_or(Refusal::NothingToReview)?;
    let titles = registrations::find_individual(&mut conn, campaign.year, member.id)
        .await?
        .map(|registration| registration.title.includes().to_vec())
        .unwrap_or_default();
    let rules = super::rule_book::rules_for(ctx, &campaign).await?;
    let history = super::history::of_person(&mut conn, member.id).await?;
    let verdicts = super::assessment::evaluate(
        &rules,
        &campaign,
        &member,
        &history,
        &version.answers,
        &titles,
    );
    Ok(Opened {
        member,
        answers: version.answers,
        verdicts,
        version: version.version,
        history,
        year: campaign.year,
    })
}

/// Approves, or returns with a comment, a submitted assessment; the member is told either way.
pub async fn decide(
    ctx: &Ctx,
    caller: &Caller,
    member: PersonId,
    seen_version: Option<i64>,
    returned_with: Option<&str>,
) -> ServiceResult<Person> {
    let now = ctx.now();
    // Not an `Intent`: `authorised` (shared with the read-only `open`) re-reads the reviewer and
    // the member together, so the two paths cannot drift apart.
    let mut tx = ctx.db.write().await?;
    let (reviewer, member, campaign) = authorised(&mut tx, ctx, caller, member).await?;
    super::meeting::ensure_reviews_open(&mut tx, campaign.year, &member.unit_code).await?;
    // Approving (or returning) is about the version the reviewer read: one submitted since is
    // not decided unread. Checked in the transaction that records the decision.
    if let Some(seen) = seen_version {
        let latest = storage::assessments::latest_version(&mut tx, campaign.year, member.id)
            .await?
            .map(|version| version.version);
        if let Some(latest) = latest.filter(|latest| *latest != seen) {
            return Err(Refusal::ResubmittedSinceRead { version: latest }.into());
        }
    }
    let outcome = if returned_with.is_some() {
        Status::Returned
    } else {
        Status::Approved
    };
    if !assessments::review(
        &mut tx,
        campaign.year,
        member.id,
        outcome,
        returned_with,
        reviewer.id,
        now,
    )
    .await?
    {
        return Err(ServiceError::Refused(Refusal::NothingToReview));
    }
    let actor = Actor {
        person_id: Some(reviewer.id.0),
        ..caller.actor()
    };
    let action = if returned_with.is_some() {
        "assessment.returned"
    } else {
        "assessment.approved"
    };
    audit::record(
        &mut tx,
        now,
        actor,
        action,
        Some(&member.employee_code),
        Some(&json!({ "year": campaign.year, "comment": returned_with })),
    )
    .await?;
    let notice = Notice::ReviewDecision {
        reviewer: reviewer.full_name.clone(),
        returned_with: returned_with.map(str::to_owned),
    };
    let key = format!(
        "assessment-{}:{}:{}:{}",
        outcome.as_str(),
        campaign.year,
        member.id.0,
        now.timestamp_millis()
    );
    notifications::to_person(&mut tx, &member, key, notice, now).await?;
    // Decided: a "please review" notice still waiting (to this reviewer or another) is obsolete.
    let dropped =
        notifications::drop_unsent_review_requests(&mut tx, &member, campaign.year).await?;
    if dropped > 0 {
        audit::record(
            &mut tx,
            now,
            Actor::system(),
            "outbox.dropped_obsolete",
            Some(&member.employee_code),
            Some(&json!({ "notices": dropped, "reason": action })),
        )
        .await?;
    }
    tx.commit().await?;
    ctx.wake_outbox();
    Ok(member)
}
