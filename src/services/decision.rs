//! The director's decision (/pheduyet): the result list with ballot figures; approve with the
//! decision's number and date — which publishes the results through the outbox in the same
//! transaction — or send the list back to the standing body with a comment.

use super::collective_standing::{self, Moment, Recheck};
use super::error::{Refusal, ServiceResult};
use super::identity::{current_campaign, linked_person, require_open};
use super::intent::Intent;
use super::{Ctx, notifications, publication};
use crate::domain::ballot::BallotStatus;
use crate::domain::campaign::Campaign;
use crate::domain::limits::Limits;
use crate::domain::nomination::NominationStatus;
use crate::domain::notice::Notice;
use crate::domain::person::Person;
use crate::domain::phase::Phase;
use crate::domain::role::Role;
use crate::domain::rules;
use crate::domain::title::Title;
use crate::services::caller::Caller;
use crate::storage::Connection;
use crate::storage::audit;
use crate::storage::ballots;
use crate::storage::exports::{self, NominationRow};
use crate::storage::{self, decisions};
use chrono::NaiveDate;
use serde_json::json;

mod preview;

pub use preview::{Addressee, ApprovalPreview, Content, Outgoing, preview};

/// What the director sees.
#[derive(Debug, Clone)]
pub struct Results {
    pub campaign: Campaign,
    /// The council's total membership on the ballot, if one was held.
    pub membership: Option<i64>,
    /// Nominations that came through appraisal: passed, failed, or valid without a ballot.
    pub lines: Vec<NominationRow>,
    pub approval: Option<decisions::Decision>,
}

impl Results {
    /// The nominations an approval takes up: passed, valid without a ballot, or approved.
    fn taken_up(&self) -> impl Iterator<Item = &NominationRow> {
        self.lines
            .iter()
            .filter(|line| matches!(line.status.as_str(), "passed" | "valid" | "approved"))
    }

    /// The titles an approval recognises (the director's to decide).
    pub fn recognised(&self) -> usize {
        self.taken_up()
            .filter(|line| !Title::code_decided_upward(&line.title))
            .count()
    }

    /// The titles an approval proposes to the provincial chairman (TLĐXS, CSTĐ cấp tỉnh).
    pub fn proposed_upward(&self) -> usize {
        self.taken_up()
            .filter(|line| Title::code_decided_upward(&line.title))
            .count()
    }
}

async fn director(conn: &mut Connection, caller: &Caller) -> ServiceResult<Person> {
    let person = linked_person(conn, caller).await?;
    if person.has(Role::Director) {
        Ok(person)
    } else {
        Err(Refusal::RoleRequired(Role::Director).into())
    }
}

async fn gather(conn: &mut Connection, campaign: Campaign) -> ServiceResult<Results> {
    let lines: Vec<NominationRow> = exports::nominations(conn, campaign.year)
        .await?
        .into_iter()
        .filter(|line| {
            matches!(
                line.status.as_str(),
                "valid" | "passed" | "failed" | "approved" | "rejected"
            )
        })
        .collect();
    let membership = ballots::find(conn, campaign.year)
        .await?
        .map(|ballot| i64::from(ballot.membership));
    let approval = decisions::approval(conn, campaign.year).await?;
    Ok(Results {
        campaign,
        membership,
        lines,
        approval,
    })
}

/// The result list, for the director during the decision window.
pub async fn results(ctx: &Ctx, caller: &Caller) -> ServiceResult<Results> {
    let now = ctx.now();
    let mut conn = ctx.db.read().await?;
    director(&mut conn, caller).await?;
    let campaign = current_campaign(&mut conn, now).await?;
    require_open(&campaign, Phase::Decision, now)?;
    gather(&mut conn, campaign).await
}

/// "125/QĐ-SXD 15/12/2026": the decision's number, then its date (dd/mm/yyyy) as the last word.
pub fn parse_number_and_date(raw: &str) -> Option<(String, NaiveDate)> {
    let raw = raw.trim();
    let (number, date) = raw.rsplit_once(char::is_whitespace)?;
    let number = number.trim().trim_end_matches([',', ';']).trim();
    let date = NaiveDate::parse_from_str(date.trim(), "%d/%m/%Y").ok()?;
    let valid = (Limits::APPROVAL_NUMBER_MIN_CHARS..=Limits::APPROVAL_NUMBER_MAX_CHARS)
        .contains(&number.chars().count())
        && number.chars().any(|c| c.is_ascii_digit())
        && !number.chars().any(char::is_control);
    valid.then(|| (number.to_owned(), date))
}

/// What approving did.
#[derive(Debug, Clone)]
pub struct Approved {
    pub year: i32,
    pub number: String,
    pub decided_on: NaiveDate,
    /// Titles the decision recognises.
    pub recognised: u64,
    /// Titles it proposes to the provincial chairman.
    pub proposed_upward: u64,
    pub queued: publication::Queued,
}

/// Approves the results with the decision's number and date, recognises the nominations and
/// queues the publication, all in one transaction.
pub async fn approve(
    ctx: &Ctx,
    caller: &Caller,
    number: &str,
    decided_on: NaiveDate,
) -> ServiceResult<Approved> {
    let (mut intent, approved) = approve_in(ctx, caller, number, decided_on).await?;
    intent.queued();
    intent.commit(ctx).await?;
    Ok(approved)
}

/// The approval inside its transaction, not yet committed: [`approve`] commits it, [`preview`]
/// reads what it queued and rolls it back.
async fn approve_in(
    ctx: &Ctx,
    caller: &Caller,
    number: &str,
    decided_on: NaiveDate,
) -> ServiceResult<(Intent, Approved)> {
    let now = ctx.now();
    let group = super::group_chat::group_chat_id(ctx).await?;
    let mut intent = Intent::begin_at(ctx, now, caller).await?;
    intent.require(Role::Director)?;
    let (director, actor) = (intent.person.clone(), intent.actor());
    let campaign = intent.campaign_open(Phase::Decision).await?;
    if decisions::approval(&mut intent.tx, campaign.year)
        .await?
        .is_some()
    {
        return Err(Refusal::AlreadyDecided.into());
    }
    match ballots::find(&mut intent.tx, campaign.year).await? {
        Some(ballot) if ballot.status == BallotStatus::Open => {
            return Err(Refusal::BallotStillOpen.into());
        }
        _ => {}
    }
    let rules = super::rule_book::rules_for(ctx, &campaign).await?;
    // The last re-judgement of the collective titles, on the members' nominations as appraisal
    // and the ballot left them: none is recognised on a member who is not.
    let note = |title| ctx.present.collective_unsupported_at_approval_note(title);
    collective_standing::recheck(
        &mut intent.tx,
        &campaign,
        &rules,
        Recheck {
            unit: None,
            from: &[NominationStatus::Valid, NominationStatus::Passed],
            to: NominationStatus::Failed,
            moment: Moment::AfterAppraisal,
            note: &note,
            actor,
            now,
        },
    )
    .await?;
    let no_ballot: Vec<&str> = Title::ALL
        .into_iter()
        .filter(|title| !rules::ballot_required(&rules, *title))
        .map(Title::code)
        .collect();
    // A valid nomination that needed a ballot but never had one cannot be approved yet.
    let results = gather(&mut intent.tx, campaign.clone()).await?;
    let unballoted = results.lines.iter().any(|line| {
        line.status == "valid"
            && Title::parse(&line.title).is_ok_and(|title| rules::ballot_required(&rules, title))
    });
    if unballoted && results.membership.is_none() {
        return Err(Refusal::NoBallot.into());
    }
    if results.recognised() + results.proposed_upward() == 0 {
        return Err(Refusal::NothingToDecide.into());
    }
    decisions::approve(
        &mut intent.tx,
        campaign.year,
        number,
        decided_on,
        director.id,
        now,
    )
    .await?
    .ok_or(Refusal::AlreadyDecided)?;
    let approved =
        decisions::approve_nominations(&mut intent.tx, campaign.year, &no_ballot, now).await?;
    // The year becomes history with the decision: next year's multi-year criteria count it.
    let taken_up: Vec<&NominationRow> = results
        .lines
        .iter()
        .filter(|line| {
            line.status == "passed"
                || (line.status == "valid" && no_ballot.contains(&line.title.as_str()))
        })
        .collect();
    let recognised_rows =
        super::history::recognised_by(&mut intent.tx, &campaign, &rules, &taken_up).await?;
    super::history::record_decision(
        &mut intent.tx,
        campaign.year,
        number,
        decided_on,
        &recognised_rows,
        now,
    )
    .await?;
    super::proposal::prepare(&mut intent.tx, campaign.year, now).await?;
    let proposed_upward = results.proposed_upward() as u64;
    let recognised = approved.saturating_sub(proposed_upward);
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "decision.approved",
        Some(&campaign.year.to_string()),
        Some(
            &json!({ "number": number, "date": decided_on.to_string(), "recognised": recognised, "proposed_upward": proposed_upward }),
        ),
    )
    .await?;
    let queued = publication::queue(&mut intent.tx, ctx, &campaign, group, now).await?;
    let approved = Approved {
        year: campaign.year,
        number: number.to_owned(),
        decided_on,
        recognised,
        proposed_upward,
        queued,
    };
    Ok((intent, approved))
}

/// Sends the results back to the standing body with a comment.
pub async fn send_back(ctx: &Ctx, caller: &Caller, comment: &str) -> ServiceResult<()> {
    let now = ctx.now();
    let comment = comment.trim();
    if !(Limits::SEND_BACK_COMMENT_MIN_CHARS..=Limits::SEND_BACK_COMMENT_MAX_CHARS)
        .contains(&comment.chars().count())
    {
        return Err(Refusal::InputInvalid.into());
    }
    let mut intent = Intent::begin_at(ctx, now, caller).await?;
    intent.require(Role::Director)?;
    let (director, actor) = (intent.person.clone(), intent.actor());
    let campaign = intent.campaign_open(Phase::Decision).await?;
    if decisions::approval(&mut intent.tx, campaign.year)
        .await?
        .is_some()
    {
        return Err(Refusal::AlreadyDecided.into());
    }
    let id = decisions::send_back(&mut intent.tx, campaign.year, comment, director.id, now).await?;
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "decision.sent_back",
        Some(&campaign.year.to_string()),
        Some(&json!({ "comment": comment })),
    )
    .await?;
    for secretary in storage::people::list_active_with_role(&mut intent.tx, Role::Secretary).await?
    {
        let notice = Notice::DecisionSentBack {
            director: director.full_name.clone(),
            comment: comment.to_owned(),
        };
        let key = format!(
            "decision-sent-back:{}:{id}:to{}",
            campaign.year, secretary.id.0
        );
        notifications::to_person(&mut intent.tx, &secretary, key, notice, now).await?;
    }
    intent.queued();
    intent.commit(ctx).await?;
    Ok(())
}
