//! Closing the ballot and tallying it: by the secretary, or by the sweep at the phase's end.
//! Counts are read only now, checked against the roll ("ballots counted = members marked as
//! voted"), judged against the council's total membership, cut by any quota, and written once
//! to the nominations.

use super::super::Ctx;
use crate::domain::ballot::Choice;
use crate::domain::ballot::seal;
use crate::domain::ballot::{self, Count, Outcome};
use crate::domain::ballot::{BallotStatus, Turnout};
use crate::domain::campaign::Campaign;
use crate::domain::notice::Notice;
use crate::domain::person::{Gender, PersonId};
use crate::domain::phase::{Phase, WindowState};
use crate::domain::role::Role;
use crate::domain::rules::{self, Contender};
use crate::domain::title::Title;
use crate::services::caller::Caller;
use crate::services::error::{Internal, Refusal, ServiceError, ServiceResult};
use crate::services::identity::current_campaign;
use crate::services::intent::Intent;
use crate::services::notifications;
use crate::storage::Connection;
use crate::storage::audit::{self, Actor};
use crate::storage::ballots;
use crate::storage::{self, nominations};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::collections::BTreeMap;

/// The box holds a different number of choices than voters on the roll: secrecy's invariant is
/// broken, so nothing is counted.
#[derive(Debug, thiserror::Error)]
#[error(
    "ballot {year}: nomination {nomination} has {choices} choices but {on_roll} voters on the roll"
)]
pub struct SecrecyBroken {
    pub year: i32,
    pub nomination: i64,
    pub choices: u32,
    pub on_roll: u32,
}

#[derive(Debug, Clone)]
pub struct Tallied {
    pub year: i32,
    pub membership: u32,
    pub outcomes: Vec<Outcome>,
    /// Each nominee's result, in the paper's order, for the council that closed it.
    pub lines: Vec<TallyLine>,
}

/// One nominee's result as the closing secretary sees it.
#[derive(Debug, Clone)]
pub struct TallyLine {
    pub nominee: String,
    pub title: Title,
    pub yes: u32,
    pub no: u32,
    pub passed: bool,
}

/// What the secretary confirms before closing. `seen` is the roll as shown: the close refuses
/// if a vote arrived since, so the count never holds a vote the secretary did not see coming.
#[derive(Debug, Clone)]
pub struct ClosePreview {
    pub year: i32,
    pub nonce: u32,
    pub membership: u32,
    pub items: usize,
    pub turnout: Turnout,
    pub seen: u32,
    /// The ballot's phase ends then; the sweep closes it by itself.
    pub ends_at: Option<DateTime<Utc>>,
    /// Closing before the phase's end while members still have papers to cast.
    pub early: bool,
    /// Closing now would show a nominee's count made of one member's vote, so it is refused.
    pub would_reveal: bool,
}

/// The secretary's view before closing. Changes nothing.
pub async fn close_preview(ctx: &Ctx, caller: &Caller) -> ServiceResult<ClosePreview> {
    let mut conn = ctx.db.read().await?;
    super::secretary(&mut conn, caller).await?;
    let campaign = current_campaign(&mut conn, ctx.now()).await?;
    preview_in(&mut conn, ctx, &campaign).await
}

async fn preview_in(
    conn: &mut Connection,
    ctx: &Ctx,
    campaign: &Campaign,
) -> ServiceResult<ClosePreview> {
    let year = campaign.year;
    let ballot = ballots::find(conn, year).await?.ok_or(Refusal::NoBallot)?;
    if ballot.status == BallotStatus::Closed {
        return Err(Refusal::BallotClosed.into());
    }
    let turnout = ballots::turnout(conn, year).await?;
    let per_item = ballots::roll_per_item(conn, year).await?;
    let early = campaign.phase_state(Phase::Ballot, ctx.now()) != WindowState::Closed
        && turnout.finished < ballot.membership;
    // One vote on a nominee would be read straight off its count. Two or more can only be
    // read when unanimous, which the published result shows anyway.
    let would_reveal = early && per_item.iter().any(|(_, on_roll)| *on_roll == 1);
    Ok(ClosePreview {
        year,
        nonce: ballot.nonce,
        membership: ballot.membership,
        items: per_item.len(),
        seen: turnout.roll_entries,
        turnout,
        ends_at: campaign.window(Phase::Ballot).map(|window| window.closes),
        early,
        would_reveal,
    })
}

/// The secretary closes the ballot after its preview: at any time once every member has voted,
/// earlier only if no nominee's count would show one member's vote, and only if the roll is
/// still what the preview showed (`seen`).
pub async fn close(ctx: &Ctx, caller: &Caller, seen: u32) -> ServiceResult<Tallied> {
    let mut intent = Intent::begin(ctx, caller).await?;
    intent.require(Role::Secretary)?;
    let (now, actor, secretary) = (intent.now, intent.actor(), intent.person.id);
    // Not `campaign_open`: an open ballot closes after its phase too (the sweep's job, or this).
    let campaign = current_campaign(&mut intent.tx, now).await?;
    let preview = preview_in(&mut intent.tx, ctx, &campaign).await?;
    if preview.seen != seen {
        return Err(Refusal::BallotChangedSinceShown.into());
    }
    if preview.would_reveal {
        return Err(Refusal::CloseWouldRevealAVote.into());
    }
    let tallied = close_in(&mut intent.tx, ctx, &campaign, Some(secretary), actor).await?;
    intent.queued();
    intent.commit(ctx).await?;
    fold_log(ctx).await;
    Ok(tallied)
}

/// After a close commits, the deleted papers may still sit in the write-ahead log's frames:
/// fold the log into the file (whose deleted cells `secure_delete` has zeroed) and truncate it.
async fn fold_log(ctx: &Ctx) {
    if let Err(error) = ctx.db.checkpoint().await {
        // Not the user's concern and not worth failing the close for: the next checkpoint (the
        // engine's own, at the latest) finishes it.
        tracing::warn!(error = %error, "checkpoint after the ballot close failed");
    }
}

/// Closes every open ballot whose phase has ended (the scheduler's and the tests' sweep).
pub async fn close_due(ctx: &Ctx) -> ServiceResult<Vec<Tallied>> {
    let now = ctx.now();
    let mut done = Vec::new();
    let years = {
        let mut conn = ctx.db.read().await?;
        ballots::open_years(&mut conn).await?
    };
    for year in years {
        // Not an `Intent`: the sweep closes due ballots on nobody's behalf.
        let mut tx = ctx.db.write().await?;
        let Some(campaign) = storage::campaigns::find(&mut tx, year).await? else {
            continue;
        };
        if campaign.phase_state(Phase::Ballot, now) != WindowState::Closed {
            continue;
        }
        match close_in(&mut tx, ctx, &campaign, None, Actor::system()).await {
            Ok(tallied) => {
                tx.commit().await?;
                done.push(tallied);
            }
            Err(ServiceError::Refused(_)) => continue,
            Err(error) => return Err(error),
        }
    }
    if !done.is_empty() {
        ctx.wake_outbox();
        fold_log(ctx).await;
    }
    Ok(done)
}

async fn close_in(
    conn: &mut Connection,
    ctx: &Ctx,
    campaign: &Campaign,
    by: Option<PersonId>,
    actor: Actor,
) -> ServiceResult<Tallied> {
    let now = ctx.now();
    let year = campaign.year;
    let ballot = ballots::find(conn, year).await?.ok_or(Refusal::NoBallot)?;
    if ballot.status == BallotStatus::Closed || !ballots::close(conn, year, by, now).await? {
        return Err(Refusal::BallotClosed.into());
    }
    let rules = crate::services::rule_book::rules_for(ctx, campaign).await?;
    let key = super::ballot_key(ctx)?;
    let mut opened: BTreeMap<i64, (u32, u32)> = BTreeMap::new();
    for (nomination, paper) in ballots::papers(conn, year).await? {
        // A paper that does not open (another key, moved, altered) stops the count: a tally
        // that skipped it would be wrong without anyone knowing.
        let choice = seal::open(&key, year, nomination, &paper)
            .map_err(|error| Internal::new("opening the ballot papers", error))?;
        let tally = opened.entry(nomination).or_default();
        match choice {
            Choice::Yes => tally.0 += 1,
            Choice::No => tally.1 += 1,
        }
    }
    let mut box_counts = ballots::counts(conn, year).await?;
    for row in &mut box_counts {
        let (yes, no) = opened.get(&row.nomination).copied().unwrap_or_default();
        row.yes += yes;
        row.no += no;
    }
    let mut counts = Vec::with_capacity(box_counts.len());
    let mut names: BTreeMap<i64, (String, Title)> = BTreeMap::new();
    for row in &box_counts {
        // The invariant secrecy rests on: every choice in the box has its voter on the roll.
        if row.yes + row.no != row.on_roll {
            return Err(Internal::new(
                "counting the ballot",
                SecrecyBroken {
                    year,
                    nomination: row.nomination,
                    choices: row.yes + row.no,
                    on_roll: row.on_roll,
                },
            )
            .into());
        }
        let nomination = nominations::find(conn, row.nomination)
            .await?
            .ok_or(storage::StorageError::Missing("tallied nomination"))?;
        let woman = match nomination.person_id {
            Some(person) => storage::people::find_by_id(conn, person)
                .await?
                .is_some_and(|person| person.gender == Gender::Female),
            None => false,
        };
        let nominee = crate::services::nominee::name(conn, &ctx.org, &nomination).await?;
        names.insert(row.nomination, (nominee, nomination.title));
        counts.push(Count {
            nomination: row.nomination,
            title: nomination.title,
            yes: row.yes,
            no: row.no,
            contender: Contender::Person { woman },
        });
    }
    let achievers = ballots::ldtt_achievers(conn, year).await?;
    let quotas: BTreeMap<Title, u32> = counts
        .iter()
        .filter_map(|count| {
            rules::quota(&rules, count.title, achievers).map(|quota| (count.title, quota))
        })
        .collect();
    let outcomes = ballot::tally(&rules, ballot.membership, &counts, &quotas);
    for outcome in &outcomes {
        nominations::record_ballot(
            conn,
            outcome.nomination,
            i64::from(outcome.yes),
            i64::from(outcome.no),
            outcome.passed(),
            now,
        )
        .await?;
    }
    // The figures are recorded: the papers go in this same transaction (see `Db::checkpoint`).
    ballots::discard_box(conn, year).await?;
    // A collective title that counted on a CSTĐCS the council just refused fails with it.
    super::collectives::recheck(conn, campaign, &rules, ctx.present.as_ref(), actor, now).await?;
    let figures: Vec<_> = outcomes
        .iter()
        .map(|outcome| json!({ "nomination": outcome.nomination, "yes": outcome.yes, "no": outcome.no, "passed": outcome.passed() }))
        .collect();
    audit::record(
        conn,
        now,
        actor,
        "ballot.closed",
        Some(&year.to_string()),
        Some(&json!({ "membership": ballot.membership, "results": figures })),
    )
    .await?;
    let passed = outcomes.iter().filter(|outcome| outcome.passed()).count();
    // The closing secretary reads the tally in the reply; the notice is for everyone else.
    let mut told: Vec<PersonId> = by.into_iter().collect();
    for role in [Role::Secretary, Role::Director] {
        for person in storage::people::list_active_with_role(conn, role).await? {
            if told.contains(&person.id) {
                continue;
            }
            told.push(person.id);
            let notice = Notice::BallotClosed {
                items: outcomes.len(),
                passed,
            };
            let key = format!("ballot-closed:{year}:to{}", person.id.0);
            notifications::to_person(conn, &person, key, notice, now).await?;
        }
    }
    // Every outcome is one of `counts`, each named above.
    let lines = outcomes
        .iter()
        .filter_map(|outcome| {
            let (nominee, title) = names.get(&outcome.nomination)?.clone();
            Some(TallyLine {
                nominee,
                title,
                yes: outcome.yes,
                no: outcome.no,
                passed: outcome.passed(),
            })
        })
        .collect();
    Ok(Tallied {
        year,
        membership: ballot.membership,
        outcomes,
        lines,
    })
}
