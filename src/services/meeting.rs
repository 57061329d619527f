//! The unit review meeting (họp bình xét), recorded by the unit's head: date, who attended, the
//! yes-votes for each nominee per title and the unit's rating. The service decides quorum, vote
//! shares, quotas and the collective title (never typed in), shows it, and on submission writes
//! the minutes, the attendance and the nominations in one transaction, which locks the unit's
//! reviews until a secretary reopens the meeting.

mod gather;
mod reopen;
mod submit;

pub use gather::{CollectiveCheck, Nominee, member_facts, members as unit_members};
pub use reopen::{ensure_reviews_open, reopen};
pub use submit::submit;

use super::Ctx;
use super::error::{Refusal, ServiceResult};
use super::identity::{campaign_for, linked_person, require_open};
use crate::domain::assessment::TaskRating;
use crate::domain::campaign::Campaign;
use crate::domain::meeting::MeetingStatus;
pub use crate::domain::meeting::{DateProblem, parse_date};
use crate::services::caller::Caller;

use crate::domain::meeting::{self, Elsewhere, Entry, Outcome};
use crate::domain::person::{Gender, Person, PersonId};
use crate::domain::phase::Phase;
use crate::domain::role::Role;
use crate::domain::rules::Rules;
use crate::domain::time::local_date;
use crate::domain::title::Title;
use crate::storage::Connection;
use crate::storage::meetings;
use chrono::NaiveDate;
use std::sync::Arc;

/// Everything the head needs to record the meeting.
#[derive(Debug, Clone)]
pub struct MeetingView {
    pub head: Person,
    pub campaign: Campaign,
    pub unit_name: String,
    pub members: Vec<Person>,
    pub nominees: Vec<Nominee>,
    /// The collective title the unit registered, if any: the meeting then records the unit's
    /// rating and the bot checks whether the members' verdicts support it.
    pub collective: Option<Title>,
    /// Set when a secretary gave a submitted meeting back.
    pub reopened: bool,
    rules: Arc<Rules>,
}

/// What the head entered. Nominee votes are in the order of [`MeetingView::nominees`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub held_on: NaiveDate,
    pub present: Vec<PersonId>,
    pub unit_rating: Option<TaskRating>,
    pub votes: Vec<(PersonId, Title, u32)>,
    pub propose_collective: bool,
}

/// The meeting's result as it would be submitted.
#[derive(Debug, Clone)]
pub struct Preview {
    pub view: MeetingView,
    pub entries: Vec<Entry>,
    pub outcome: Outcome,
    pub collective: Option<CollectiveCheck>,
}

impl Preview {
    pub fn collective_supported(&self) -> bool {
        self.collective
            .as_ref()
            .is_some_and(|check| check.verdict.eligible)
    }
}

async fn load(conn: &mut Connection, ctx: &Ctx, caller: &Caller) -> ServiceResult<MeetingView> {
    let now = ctx.now();
    let head = linked_person(conn, caller).await?;
    if !head.has(Role::UnitHead) {
        return Err(Refusal::RoleRequired(Role::UnitHead).into());
    }
    let campaign = campaign_for(conn, now, &head).await?;
    require_open(&campaign, Phase::UnitReview, now)?;
    let previous = meetings::find(conn, campaign.year, &head.unit_code).await?;
    if previous
        .as_ref()
        .is_some_and(|meeting| meeting.status == MeetingStatus::Submitted)
    {
        return Err(Refusal::MeetingAlreadySubmitted.into());
    }
    let rules = super::rule_book::rules_for(ctx, &campaign).await?;
    let members = gather::members(conn, &head.unit_code).await?;
    let nominees = gather::nominees(conn, &campaign, &rules, &members).await?;
    let collective = gather::registered_collective(conn, &campaign, &head.unit_code).await?;
    Ok(MeetingView {
        unit_name: ctx.org.unit_name(&head.unit_code),
        reopened: previous.is_some_and(|meeting| meeting.status == MeetingStatus::Reopened),
        head,
        campaign,
        members,
        nominees,
        collective,
        rules,
    })
}

/// Opens the meeting for the head of a unit, during the unit-review window.
pub async fn open(ctx: &Ctx, caller: &Caller) -> ServiceResult<MeetingView> {
    let mut conn = ctx.db.read().await?;
    load(&mut conn, ctx, caller).await
}

/// Checks the draft still fits the data (a member approved or a nominee changed since the head
/// began means starting again) and decides it.
async fn decide(
    conn: &mut Connection,
    ctx: &Ctx,
    view: MeetingView,
    draft: &Draft,
) -> ServiceResult<Preview> {
    let today = local_date(ctx.now());
    let year_start = NaiveDate::from_ymd_opt(view.campaign.year, 1, 1).unwrap_or(NaiveDate::MIN);
    if draft.held_on > today || draft.held_on < year_start {
        return Err(Refusal::MeetingChanged.into());
    }
    let same_nominees = draft.votes.len() == view.nominees.len()
        && draft
            .votes
            .iter()
            .zip(&view.nominees)
            .all(|((person, title, _), nominee)| {
                *person == nominee.person.id && *title == nominee.title
            });
    let members_only = draft
        .present
        .iter()
        .all(|present| view.members.iter().any(|member| member.id == *present));
    let mut present = draft.present.clone();
    present.sort();
    present.dedup();
    let present_count = present.len() as u32;
    let votes_fit = draft.votes.iter().all(|(_, _, yes)| *yes <= present_count);
    let rating_fits = view.collective.is_none() || draft.unit_rating.is_some();
    if !(same_nominees
        && members_only
        && votes_fit
        && rating_fits
        && present.len() == draft.present.len())
    {
        return Err(Refusal::MeetingChanged.into());
    }
    let entries: Vec<Entry> = draft
        .votes
        .iter()
        .zip(&view.nominees)
        .map(|((_, title, yes), nominee)| Entry {
            person: nominee.person.id,
            title: *title,
            woman: nominee.person.gender == Gender::Female,
            yes: *yes,
        })
        .collect();
    let mut elsewhere = Elsewhere::default();
    for title in [Title::Ldtt, Title::Cstdcs, Title::CstdTinh] {
        let held =
            meetings::standing_elsewhere(conn, view.campaign.year, title, &view.head.unit_code)
                .await?;
        elsewhere.standing.insert(title, held);
    }
    let outcome = meeting::decide(
        &view.rules,
        view.members.len() as u32,
        present_count,
        &entries,
        &elsewhere,
    );
    let collective = match (view.collective, draft.unit_rating) {
        (Some(title), Some(rating)) => Some(
            gather::collective(
                conn,
                &view.campaign,
                &view.rules,
                &view.members,
                title,
                rating,
            )
            .await?,
        ),
        _ => None,
    };
    Ok(Preview {
        view,
        entries,
        outcome,
        collective,
    })
}

/// The meeting's result for what the head entered, without saving anything.
pub async fn preview(ctx: &Ctx, caller: &Caller, draft: &Draft) -> ServiceResult<Preview> {
    let mut conn = ctx.db.read().await?;
    let view = load(&mut conn, ctx, caller).await?;
    decide(&mut conn, ctx, view, draft).await
}
