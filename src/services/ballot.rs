//! The council's secret ballot (bỏ phiếu kín): the secretary opens it for the valid nominations
//! whose title needs one; each council member votes once per nominee in a private chat (or on
//! paper, entered by the secretary); the ballot closes by the secretary or at the phase's end,
//! and only then is it tallied against the council's total membership.
//!
//! A choice travels from the button to `storage::ballots::cast` and nowhere else: it is never
//! logged, audited, echoed or returned.

mod collectives;
mod papers;
mod tally;

pub use papers::{Paper, papers_for_written};
pub use tally::{Tallied, close, close_due};

use super::error::{Refusal, ServiceError, ServiceResult};
use super::identity::{current_campaign, linked_person, require_open};
use super::{Ctx, assessment};
use crate::domain::ballot::Choice;
use crate::domain::campaign::Campaign;
use crate::domain::person::{Person, PersonId};
use crate::domain::phase::Phase;
use crate::domain::role::Role;
use crate::domain::rules;
use crate::storage::audit::{self, Actor};
use crate::storage::ballots::{self, Ballot, BallotStatus, CastError, Mode, Turnout};
use crate::storage::nominations::{self, NominationStatus};
use crate::storage::{self, begin_immediate};
use serde_json::json;
use sqlx::SqliteConnection;

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
    /// Members who have not finished, for entering paper votes (names only, no choices exist
    /// here to show).
    pub unfinished: Vec<Person>,
}

pub(crate) async fn secretary(
    conn: &mut SqliteConnection,
    telegram_user_id: i64,
) -> ServiceResult<Person> {
    let person = linked_person(conn, telegram_user_id).await?;
    if person.has(Role::Secretary) {
        Ok(person)
    } else {
        Err(Refusal::RoleRequired(Role::Secretary).into())
    }
}

/// Opens the year's ballot and queues one ballot paper per nominee to every linked member.
pub async fn open(ctx: &Ctx, actor: Actor, telegram_user_id: i64) -> ServiceResult<Opened> {
    let now = ctx.now();
    let mut tx = begin_immediate(&ctx.db).await?;
    let secretary = secretary(&mut tx, telegram_user_id).await?;
    let campaign = current_campaign(&mut tx, now).await?;
    require_open(&campaign, Phase::Ballot, now)?;
    if ballots::find(&mut tx, campaign.year).await?.is_some() {
        return Err(Refusal::BallotAlreadyOpened.into());
    }
    let rules = rules_of(&campaign)?;
    let items: Vec<_> = nominations::list(&mut tx, campaign.year)
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
    let members = storage::people::list_active_with_role(&mut tx, Role::CouncilMember).await?;
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
        &mut tx,
        campaign.year,
        nonce,
        Some(secretary.id),
        &ids,
        &electorate,
        now,
    )
    .await?;
    let papers = papers::for_items(&mut tx, ctx, &campaign, &ids).await?;
    for member in &members {
        papers::queue(&mut tx, campaign.year, nonce, member, &papers, now).await?;
    }
    audit::record(
        &mut tx,
        now,
        Actor {
            person_id: Some(secretary.id.0),
            ..actor
        },
        "ballot.opened",
        Some(&campaign.year.to_string()),
        Some(&json!({ "items": ids, "membership": members.len() })),
    )
    .await?;
    tx.commit().await?;
    ctx.wake_outbox();
    Ok(Opened {
        items: ids.len(),
        membership: members.len(),
        on_paper: members
            .into_iter()
            .filter(|member| member.telegram_user_id.is_none())
            .collect(),
    })
}

/// Checks everything a vote needs and returns the open ballot.
async fn open_ballot(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
    nonce: u32,
    nomination: i64,
    voter: PersonId,
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
    if !ballots::electorate(conn, campaign.year)
        .await?
        .contains(&voter)
    {
        return Err(Refusal::RoleRequired(Role::CouncilMember).into());
    }
    if !ballots::items(conn, campaign.year)
        .await?
        .contains(&nomination)
    {
        return Err(Refusal::StaleButton.into());
    }
    Ok((campaign, ballot))
}

async fn record_vote(
    conn: &mut SqliteConnection,
    year: i32,
    nomination: i64,
    voter: PersonId,
    choice: Choice,
    mode: Mode,
) -> ServiceResult<Cast> {
    match ballots::cast(conn, nomination, voter, choice, mode).await {
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
    actor: Actor,
    telegram_user_id: i64,
    nonce: u32,
    nomination: i64,
    choice: Choice,
) -> ServiceResult<Cast> {
    let now = ctx.now();
    let mut tx = begin_immediate(&ctx.db).await?;
    let member = linked_person(&mut tx, telegram_user_id).await?;
    let (campaign, _) = open_ballot(&mut tx, ctx, nonce, nomination, member.id).await?;
    let cast = record_vote(
        &mut tx,
        campaign.year,
        nomination,
        member.id,
        choice,
        Mode::Chat,
    )
    .await?;
    // The nomination and the voter only: the choice is in the ballot box and nowhere else.
    audit::record(
        &mut tx,
        now,
        Actor {
            person_id: Some(member.id.0),
            ..actor
        },
        "ballot.cast",
        Some(&nomination.to_string()),
        Some(&json!({ "year": campaign.year, "nomination": nomination })),
    )
    .await?;
    tx.commit().await?;
    Ok(cast)
}

/// The secretary enters an absent member's paper vote; the roll records it as written.
pub async fn cast_written(
    ctx: &Ctx,
    actor: Actor,
    telegram_user_id: i64,
    nonce: u32,
    member: PersonId,
    nomination: i64,
    choice: Choice,
) -> ServiceResult<Cast> {
    let now = ctx.now();
    let mut tx = begin_immediate(&ctx.db).await?;
    let secretary = secretary(&mut tx, telegram_user_id).await?;
    let (campaign, _) = open_ballot(&mut tx, ctx, nonce, nomination, member).await?;
    let cast = record_vote(
        &mut tx,
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
        &mut tx,
        now,
        Actor {
            person_id: Some(secretary.id.0),
            ..actor
        },
        "ballot.cast_written",
        Some(&nomination.to_string()),
        Some(&json!({ "year": campaign.year, "nomination": nomination, "member": member.0 })),
    )
    .await?;
    tx.commit().await?;
    Ok(cast)
}

/// The name of a member whose paper votes the secretary enters, for the confirmation; read for
/// the secretary only, like everything about written votes. A member no longer on file reads as
/// no name: the cast itself is what checks the member.
pub async fn written_member_name(
    ctx: &Ctx,
    telegram_user_id: i64,
    member: PersonId,
) -> ServiceResult<String> {
    let mut conn = ctx.db.acquire().await?;
    secretary(&mut conn, telegram_user_id).await?;
    let person = storage::people::find_by_id(&mut conn, member).await?;
    Ok(person.map(|person| person.full_name).unwrap_or_default())
}

/// The secretary's view: whether the ballot is open, and how many members have voted.
pub async fn overview(ctx: &Ctx, telegram_user_id: i64) -> ServiceResult<Overview> {
    let mut conn = ctx.db.acquire().await?;
    secretary(&mut conn, telegram_user_id).await?;
    let campaign = current_campaign(&mut conn, ctx.now()).await?;
    let ballot = ballots::find(&mut conn, campaign.year).await?;
    let (items, turnout, unfinished) = match &ballot {
        Some(_) => {
            let items = ballots::items(&mut conn, campaign.year).await?.len();
            let turnout = ballots::turnout(&mut conn, campaign.year).await?;
            let mut unfinished = Vec::new();
            for id in ballots::electorate(&mut conn, campaign.year).await? {
                if ballots::voted_by(&mut conn, campaign.year, id).await?.len() < items
                    && let Some(person) = storage::people::find_by_id(&mut conn, id).await?
                {
                    unfinished.push(person);
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

/// The campaign's rules; a rule file that stopped loading is our failure, not the user's.
pub(crate) fn rules_of(campaign: &Campaign) -> ServiceResult<std::sync::Arc<rules::Rules>> {
    assessment::campaign_rules(campaign)
        .map_err(|error| ServiceError::Database(sqlx::Error::Protocol(error.to_string())))
}
