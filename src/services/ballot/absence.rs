//! Members recorded absent from the ballot, and who may have a paper vote entered for them.
//!
//! A written vote (phiếu bằng văn bản) is for a member who is not in the session: recorded
//! absent by the secretary before the close, or without a linked Telegram account. A member
//! present in chat votes only themself: once they have pressed a ballot button nobody can record
//! them absent, and while they are not recorded absent nobody can vote for them. Being recorded
//! absent, and having the written votes entered, are told to the member on every channel they
//! have, so a member recorded by mistake learns it while the ballot is still open.

use super::{Ctx, in_session, on_electorate, secretary};
use crate::domain::notice::Notice;
use crate::domain::person::{Person, PersonId};
use crate::domain::role::Role;
use crate::services::caller::Caller;
use crate::services::error::{Refusal, ServiceResult};
use crate::services::intent::Intent;
use crate::services::notifications::{self, Channel};
use crate::storage::{self, Connection, audit, ballots};
use serde_json::json;

/// A member recorded absent (or about to be), and the channels they are told on.
#[derive(Debug, Clone)]
pub struct Absence {
    pub member: Person,
    pub told_on: Vec<Channel>,
}

/// Whether the secretary may enter `member`'s paper votes in the year's ballot.
pub(super) async fn may_write_for(
    conn: &mut Connection,
    year: i32,
    member: &Person,
) -> ServiceResult<()> {
    if member.telegram_user_id.is_none() || is_absent(conn, year, member.id).await? {
        Ok(())
    } else {
        Err(Refusal::WrittenVoteNeedsAbsence.into())
    }
}

pub(super) async fn is_absent(
    conn: &mut Connection,
    year: i32,
    member: PersonId,
) -> ServiceResult<bool> {
    Ok(ballots::absent(conn, year).await?.contains(&member))
}

/// Everything recording `member` absent needs, for the preview and the record alike.
async fn check(
    conn: &mut Connection,
    ctx: &Ctx,
    nonce: u32,
    member: PersonId,
) -> ServiceResult<(i32, Person)> {
    let (campaign, _) = in_session(conn, ctx, nonce).await?;
    on_electorate(conn, campaign.year, member).await?;
    let person = storage::people::find_by_id(conn, member)
        .await?
        .ok_or(Refusal::StaleButton)?;
    if is_absent(conn, campaign.year, member).await? {
        return Err(Refusal::AlreadyRecordedAbsent.into());
    }
    if ballots::chat_votes_by(conn, campaign.year, member).await? > 0 {
        return Err(Refusal::MemberVotingInChat.into());
    }
    Ok((campaign.year, person))
}

/// What the secretary confirms before recording `member` absent (who would be told, and where).
/// Changes nothing.
pub async fn absence_preview(
    ctx: &Ctx,
    caller: &Caller,
    nonce: u32,
    member: PersonId,
) -> ServiceResult<Absence> {
    let mut conn = ctx.db.read().await?;
    secretary(&mut conn, caller).await?;
    let (_, member) = check(&mut conn, ctx, nonce, member).await?;
    Ok(Absence {
        told_on: notifications::channels_of(&member),
        member,
    })
}

/// The secretary records `member` absent; the member is told on every channel they have.
pub async fn record_absence(
    ctx: &Ctx,
    caller: &Caller,
    nonce: u32,
    member: PersonId,
) -> ServiceResult<Absence> {
    let mut intent = Intent::begin(ctx, caller).await?;
    intent.require(Role::Secretary)?;
    let (now, actor, secretary_name) =
        (intent.now, intent.actor(), intent.person.full_name.clone());
    let (year, person) = check(&mut intent.tx, ctx, nonce, member).await?;
    if !ballots::record_absent(&mut intent.tx, year, member).await? {
        return Err(Refusal::AlreadyRecordedAbsent.into());
    }
    let notice = Notice::BallotAbsence {
        year,
        secretary: secretary_name,
    };
    let key = format!("ballot:{year}:absent:{}", member.0);
    let told_on =
        notifications::on_every_channel(&mut intent.tx, &person, &key, notice, now).await?;
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "ballot.absent_recorded",
        Some(&year.to_string()),
        Some(&json!({ "member": member.0 })),
    )
    .await?;
    intent.queued();
    intent.commit(ctx).await?;
    Ok(Absence {
        member: person,
        told_on,
    })
}

/// After the last of an absent member's written votes: tell them, never what was chosen.
pub(super) async fn written_votes_complete(
    conn: &mut Connection,
    year: i32,
    member: &Person,
    secretary: &str,
    items: usize,
    now: chrono::DateTime<chrono::Utc>,
) -> ServiceResult<()> {
    let notice = Notice::WrittenVotesEntered {
        year,
        secretary: secretary.to_owned(),
        items,
    };
    let key = format!("ballot:{year}:written:{}", member.id.0);
    notifications::on_every_channel(conn, member, &key, notice, now).await?;
    Ok(())
}
