//! Ballot papers: one per nominee (name, unit, title, a short achievement summary) with the two
//! buttons, queued to each linked member when the ballot opens, or listed for the secretary to
//! enter an absent member's paper vote.

use super::super::Ctx;
use super::{open_ballot, secretary};
use crate::domain::campaign::Campaign;
use crate::domain::notice::Notice;
use crate::domain::person::{Person, PersonId};
use crate::services::caller::Caller;
use crate::services::error::ServiceResult;
use crate::storage::Connection;
use crate::storage::StorageResult;
use crate::storage::outbox::{self, Destination, Kind, NewMessage};
use crate::storage::{self, ballots, nominations};
use chrono::{DateTime, Utc};

/// What a ballot paper shows about one nominee: part of the notice that carries it.
pub use crate::domain::notice::BallotPaper as Paper;

pub(super) async fn for_items(
    conn: &mut Connection,
    ctx: &Ctx,
    campaign: &Campaign,
    items: &[i64],
) -> StorageResult<Vec<Paper>> {
    let mut papers = Vec::with_capacity(items.len());
    for &id in items {
        let Some(nomination) = nominations::find(conn, id).await? else {
            continue;
        };
        let (nominee, summary) = match nomination.person_id {
            Some(person) => {
                let name = storage::people::find_by_id(conn, person)
                    .await?
                    .map(|person| person.full_name)
                    .unwrap_or_default();
                let summary = storage::assessments::latest_version(conn, campaign.year, person)
                    .await?
                    .and_then(|version| version.answers.summary)
                    .unwrap_or_default();
                (name, summary)
            }
            None => (ctx.org.unit_name(&nomination.unit_code), String::new()),
        };
        papers.push(Paper {
            nomination: id,
            title: nomination.title,
            nominee,
            unit: ctx.org.unit_name(&nomination.unit_code),
            summary: clip(&summary, 300),
        });
    }
    Ok(papers)
}

fn clip(text: &str, limit: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(limit).collect();
    clipped.push('…');
    clipped
}

/// Queues the papers to a member with a linked account (the others vote on paper).
pub(super) async fn queue(
    conn: &mut Connection,
    year: i32,
    nonce: u32,
    member: &Person,
    papers: &[Paper],
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let Some(chat_id) = member.telegram_user_id else {
        return Ok(());
    };
    for (index, paper) in papers.iter().enumerate() {
        let nomination = paper.nomination;
        let message = NewMessage::notice(
            format!("ballot:{year}:{nomination}:to{}", member.id.0),
            Kind::Direct,
            Some(member.id.0),
            Destination::Telegram { chat_id },
            Notice::BallotPaper {
                paper: paper.clone(),
                index: index + 1,
                total: papers.len(),
                nonce,
            },
        );
        outbox::enqueue(conn, &message, now).await?;
    }
    Ok(())
}

/// The papers still open for an absent member, for the secretary to enter from the written
/// ballot. Returns the member, the ballot's nonce and the papers.
pub async fn papers_for_written(
    ctx: &Ctx,
    caller: &Caller,
    member: PersonId,
) -> ServiceResult<(Person, u32, Vec<Paper>)> {
    let mut conn = ctx.db.read().await?;
    secretary(&mut conn, caller).await?;
    let campaign = crate::services::identity::current_campaign(&mut conn, ctx.now()).await?;
    let ballot = ballots::find(&mut conn, campaign.year)
        .await?
        .ok_or(crate::services::Refusal::NoBallot)?;
    let items = ballots::items(&mut conn, campaign.year).await?;
    let first = items.first().copied().unwrap_or_default();
    // The same checks as a vote: open ballot, in phase, member on the electorate.
    open_ballot(&mut conn, ctx, ballot.nonce, first, member).await?;
    let voted = ballots::voted_by(&mut conn, campaign.year, member).await?;
    let open: Vec<i64> = items.into_iter().filter(|id| !voted.contains(id)).collect();
    let papers = for_items(&mut conn, ctx, &campaign, &open).await?;
    let person = storage::people::find_by_id(&mut conn, member)
        .await?
        .ok_or(crate::services::Refusal::StaleButton)?;
    super::absence::may_write_for(&mut conn, campaign.year, &person).await?;
    Ok((person, ballot.nonce, papers))
}
