//! The council's secret ballot (bỏ phiếu kín): the secretary opens it for the valid nominations
//! whose title needs one; each council member votes once per nominee in a private chat (or on
//! paper, entered by the secretary); the ballot closes by the secretary or at the phase's end,
//! and only then is it tallied against the council's total membership.
//!
//! A choice travels from the button to `record_vote`, is sealed there (`domain::ballot::seal`)
//! and reaches `storage::ballots::cast` only as an opaque paper; it is never logged, audited,
//! echoed or returned. The tally opens the papers at the close and deletes them.

mod absence;
mod collectives;
mod papers;
mod tally;

pub use absence::{Absence, absence_preview, record_absence};
pub use papers::{Paper, papers_for_written};
pub use tally::{ClosePreview, Tallied, close, close_due, close_preview};

use super::Ctx;
use super::error::{Refusal, ServiceResult};
use super::identity::{current_campaign, linked_person, require_open};
use super::intent::Intent;
use crate::domain::ballot::Choice;
use crate::domain::ballot::seal::{self, BallotKey};
use crate::domain::ballot::{BallotStatus, Turnout};
use crate::domain::campaign::Campaign;
use crate::domain::nomination::NominationStatus;
use crate::domain::person::{Person, PersonId};
use crate::domain::phase::Phase;
use crate::domain::role::Role;
use crate::domain::rules;
use crate::services::caller::Caller;
use crate::storage;
use crate::storage::Connection;
use crate::storage::audit;
use crate::storage::ballots::{self, Ballot, CastError, Mode};
use crate::storage::nominations;
use serde_json::json;

/// What the secretary learns on opening.
#[derive(Debug, Clone)]
pub struct Opened {
    pub items: usize,
    pub membership: usize,
    /// Council members without a linked Telegram account: they vote on paper.
    pub on_paper: Vec<Person>,
}

/// A vote recorded: how many of the member's ballots are left, never what was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cast {
    pub left: usize,
    pub total: usize,
}

/// The secretary's view while the ballot is open: counts only.
#[derive(Debug, Clone)]
pub struct Overview {
    pub campaign: Campaign,
    pub ballot: Option<Ballot>,
    pub items: usize,
    pub turnout: Option<Turnout>,
    /// Members who have not finished (names only, no choices exist here to show).
    pub unfinished: Vec<Unfinished>,
}

/// A member who has not voted on every nominee yet.
#[derive(Debug, Clone)]
pub struct Unfinished {
    pub person: Person,
    /// Recorded absent or without Telegram: the secretary enters their paper votes.
    pub on_paper: bool,
}

pub(crate) async fn secretary(conn: &mut Connection, caller: &Caller) -> ServiceResult<Person> {
    let person = linked_person(conn, caller).await?;
    if person.has(Role::Secretary) {
        Ok(person)
    } else {
        Err(Refusal::RoleRequired(Role::Secretary).into())
    }
}

/// Opens the year's ballot and queues one ballot paper per nominee to every linked member.
pub async fn open(ctx: &Ctx, caller: &Caller) -> ServiceResult<Opened> {
    let mut intent = Intent::begin(ctx, caller).await?;
    intent.require(Role::Secretary)?;
    let (now, actor, secretary) = (intent.now, intent.actor(), intent.person.clone());
    let campaign = intent.campaign_open(Phase::Ballot).await?;
    if ballots::find(&mut intent.tx, campaign.year)
        .await?
        .is_some()
    {
        return Err(Refusal::BallotAlreadyOpened.into());
    }
    // Without the key no paper could be sealed: refuse now, not at the first vote.
    ballot_key(ctx)?;
    let rules = crate::services::rule_book::rules_for(ctx, &campaign).await?;
    let items: Vec<_> = nominations::list(&mut intent.tx, campaign.year)
        .await?
        .into_iter()
        .filter(|nomination| {
            nomination.status == NominationStatus::Valid
                && rules::ballot_required(&rules, nomination.title)
        })
        .collect();
    if items.is_empty() {
        return Err(Refusal::NothingToBallot.into());
    }
    let members =
        storage::people::list_active_with_role(&mut intent.tx, Role::CouncilMember).await?;
    let ids: Vec<i64> = items.iter().map(|item| item.id).collect();
    let electorate: Vec<PersonId> = members.iter().map(|member| member.id).collect();
    let nonce = loop {
        // 0 is the "no ballot yet" nonce of the open button.
        let nonce: u32 = rand::random();
        if nonce != 0 {
            break nonce;
        }
    };
    ballots::open(
        &mut intent.tx,
        campaign.year,
        nonce,
        Some(secretary.id),
        &ids,
        &electorate,
        now,
    )
    .await?;
    let papers = papers::for_items(&mut intent.tx, ctx, &campaign, &ids).await?;
    for member in &members {
        papers::queue(&mut intent.tx, campaign.year, nonce, member, &papers, now).await?;
    }
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "ballot.opened",
        Some(&campaign.year.to_string()),
        Some(&json!({ "items": ids, "membership": members.len() })),
    )
    .await?;
    intent.queued();
    intent.commit(ctx).await?;
    Ok(Opened {
        items: ids.len(),
        membership: members.len(),
        on_paper: members
            .into_iter()
            .filter(|member| member.telegram_user_id.is_none())
            .collect(),
    })
}

/// The ballot a button with `nonce` belongs to, open and within its phase.
async fn in_session(
    conn: &mut Connection,
    ctx: &Ctx,
    nonce: u32,
) -> ServiceResult<(Campaign, Ballot)> {
    let now = ctx.now();
    let campaign = current_campaign(conn, now).await?;
    let ballot = ballots::find(conn, campaign.year)
        .await?
        .ok_or(Refusal::NoBallot)?;
    if ballot.nonce != nonce {
        return Err(Refusal::StaleButton.into());
    }
    if ballot.status == BallotStatus::Closed {
        return Err(Refusal::BallotClosed.into());
    }
    require_open(&campaign, Phase::Ballot, now)?;
    Ok((campaign, ballot))
}

/// `member` is on the year's electorate.
async fn on_electorate(conn: &mut Connection, year: i32, member: PersonId) -> ServiceResult<()> {
    if ballots::electorate(conn, year).await?.contains(&member) {
        Ok(())
    } else {
        Err(Refusal::RoleRequired(Role::CouncilMember).into())
    }
}

/// Checks everything a vote needs and returns the open ballot.
async fn open_ballot(
    conn: &mut Connection,
    ctx: &Ctx,
    nonce: u32,
    nomination: i64,
    voter: PersonId,
) -> ServiceResult<(Campaign, Ballot)> {
    let (campaign, ballot) = in_session(conn, ctx, nonce).await?;
    on_electorate(conn, campaign.year, voter).await?;
    if !ballots::items(conn, campaign.year)
        .await?
        .contains(&nomination)
    {
        return Err(Refusal::StaleButton.into());
    }
    Ok((campaign, ballot))
}

/// The operator's key papers are sealed with; without one no ballot opens or takes a vote.
pub(crate) fn ballot_key(ctx: &Ctx) -> ServiceResult<BallotKey> {
    ctx.settings
        .ballot
        .key()
        .ok_or_else(|| Refusal::BallotKeyMissing.into())
}

async fn record_vote(
    conn: &mut Connection,
    key: &BallotKey,
    year: i32,
    nomination: i64,
    voter: PersonId,
    choice: Choice,
    mode: Mode,
) -> ServiceResult<Cast> {
    // The choice is sealed here and leaves in no other form: the box gets 41 opaque bytes.
    let paper = seal::seal(key, year, nomination, choice);
    match ballots::cast(conn, nomination, voter, &paper, mode).await {
        Ok(()) => {}
        Err(CastError::AlreadyVoted) => return Err(Refusal::AlreadyVoted.into()),
        Err(CastError::Database(error)) => return Err(error.into()),
    }
    let total = ballots::items(conn, year).await?.len();
    let voted = ballots::voted_by(conn, year, voter).await?.len();
    Ok(Cast {
        left: total.saturating_sub(voted),
        total,
    })
}

/// A council member's vote from a ballot button. Final: a second press is refused.
pub async fn cast(
    ctx: &Ctx,
    caller: &Caller,
    nonce: u32,
    nomination: i64,
    choice: Choice,
) -> ServiceResult<Cast> {
    let mut intent = Intent::begin(ctx, caller).await?;
    let (now, actor, member) = (intent.now, intent.actor(), intent.person.clone());
    // Not `campaign_open`: `open_ballot` checks the window after the ballot's own refusals
    // (stale button, closed ballot), in the order members have always been told.
    let (campaign, _) = open_ballot(&mut intent.tx, ctx, nonce, nomination, member.id).await?;
    if absence::is_absent(&mut intent.tx, campaign.year, member.id).await? {
        return Err(Refusal::RecordedAbsent.into());
    }
    let cast = record_vote(
        &mut intent.tx,
        &ballot_key(ctx)?,
        campaign.year,
        nomination,
        member.id,
        choice,
        Mode::Chat,
    )
    .await?;
    // The nomination and the voter only: the choice is in the ballot box and nowhere else.
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "ballot.cast",
        Some(&nomination.to_string()),
        Some(&json!({ "year": campaign.year, "nomination": nomination })),
    )
    .await?;
    intent.commit(ctx).await?;
    Ok(cast)
}

/// The secretary enters an absent member's paper vote; the roll records it as written. Only
/// for a member recorded absent or without Telegram (see `absence`).
pub async fn cast_written(
    ctx: &Ctx,
    caller: &Caller,
    nonce: u32,
    member: PersonId,
    nomination: i64,
    choice: Choice,
) -> ServiceResult<Cast> {
    let mut intent = Intent::begin(ctx, caller).await?;
    intent.require(Role::Secretary)?;
    let (now, actor, secretary) = (intent.now, intent.actor(), intent.person.clone());
    // Not `campaign_open`: as for `cast`, `open_ballot` checks the window in its own order.
    let (campaign, _) = open_ballot(&mut intent.tx, ctx, nonce, nomination, member).await?;
    let person = storage::people::find_by_id(&mut intent.tx, member)
        .await?
        .ok_or(Refusal::StaleButton)?;
    absence::may_write_for(&mut intent.tx, campaign.year, &person).await?;
    let cast = record_vote(
        &mut intent.tx,
        &ballot_key(ctx)?,
        campaign.year,
        nomination,
        member,
        choice,
        Mode::Written {
            entered_by: secretary.id,
        },
    )
    .await?;
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "ballot.cast_written",
        Some(&nomination.to_string()),
        Some(&json!({ "year": campaign.year, "nomination": nomination, "member": member.0 })),
    )
    .await?;
    if cast.left == 0 {
        absence::written_votes_complete(
            &mut intent.tx,
            campaign.year,
            &person,
            &secretary.full_name,
            cast.total,
            now,
        )
        .await?;
        intent.queued();
    }
    intent.commit(ctx).await?;
    Ok(cast)
}

/// The name of a member whose paper votes the secretary enters, for the confirmation; read for
/// the secretary only, like everything about written votes. A member no longer on file reads as
/// no name: the cast itself is what checks the member.
pub async fn written_member_name(
    ctx: &Ctx,
    caller: &Caller,
    member: PersonId,
) -> ServiceResult<String> {
    let mut conn = ctx.db.read().await?;
    secretary(&mut conn, caller).await?;
    let person = storage::people::find_by_id(&mut conn, member).await?;
    Ok(person.map(|person| person.full_name).unwrap_or_default())
}

/// The secretary's view: whether the ballot is open, and how many members have voted.
pub async fn overview(ctx: &Ctx, caller: &Caller) -> ServiceResult<Overview> {
    let mut conn = ctx.db.read().await?;
    secretary(&mut conn, caller).await?;
    let campaign = current_campaign(&mut conn, ctx.now()).await?;
    let ballot = ballots::find(&mut conn, campaign.year).await?;
    let (items, turnout, unfinished) = match &ballot {
        Some(_) => {
            let items = ballots::items(&mut conn, campaign.year).await?.len();
            let turnout = ballots::turnout(&mut conn, campaign.year).await?;
            let absent = ballots::absent(&mut conn, campaign.year).await?;
            let mut unfinished = Vec::new();
            for id in ballots::electorate(&mut conn, campaign.year).await? {
                if ballots::voted_by(&mut conn, campaign.year, id).await?.len() < items
                    && let Some(person) = storage::people::find_by_id(&mut conn, id).await?
                {
                    let on_paper = person.telegram_user_id.is_none() || absent.contains(&id);
                    unfinished.push(Unfinished { person, on_paper });
                }
            }
            (items, Some(turnout), unfinished)
        }
        None => (0, None, Vec::new()),
    };
    Ok(Overview {
        campaign,
        ballot,
        items,
        turnout,
        unfinished,
    })
}
