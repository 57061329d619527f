//! The durable update inbox, as the transport uses it: store a fetched batch before Telegram is
//! told it arrived, hand out what is pending, note when an update's handling finished, and after
//! a restart tell the people whose saved action lost its answer. Bodies are opaque bytes here
//! (the update's JSON); sealing them under the ballot key is decided here, once, for everyone.
//!
//! Threat model (the ballot's, see `domain::ballot::seal`): the attacker holds a copy of every
//! file. A press on a ballot paper carries the choice beside the voter's id, so while it waits
//! in the inbox its body is sealed when a ballot key is configured (without one no ballot can
//! open, so no update can carry a vote); once done, the body is erased.

use super::Ctx;
use super::error::ServiceResult;
use crate::domain::ballot::seal::{self, BallotKey, Unsealable};
use crate::domain::notice::Notice;
use crate::storage::inbox::{self, Incoming};
use crate::storage::outbox::{self, Destination, Kind, NewMessage};
use chrono::Duration;

/// How long a finished update's id is kept so a repeat is recognised: Telegram keeps an
/// unconfirmed update for 24 hours.
const REMEMBERED: Duration = Duration::hours(25);

/// An update fetched from Telegram, before it is stored.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub update_id: i64,
    /// Whose updates must run in order: the chat, or the sender when there is no chat.
    pub chat_key: i64,
    pub json: Vec<u8>,
}

/// A stored update handed out for processing. `json` is `Err` when the body no longer opens
/// (the ballot key was changed while it waited): it cannot be run and is finished unread.
#[derive(Debug)]
pub struct Waiting {
    pub update_id: i64,
    pub chat_key: i64,
    pub json: Result<Vec<u8>, Unsealable>,
}

fn context(update_id: i64) -> Vec<u8> {
    format!("update_inbox:{update_id}").into_bytes()
}

fn key(ctx: &Ctx) -> Option<BallotKey> {
    ctx.settings.ballot.key()
}

/// Stores a batch in one transaction; an update_id already stored is ignored. Returns how many
/// were new. Only after this returns may the poll confirm the batch to Telegram.
pub async fn store(ctx: &Ctx, batch: &[Fetched]) -> ServiceResult<u64> {
    let key = key(ctx);
    let incoming: Vec<Incoming> = batch
        .iter()
        .map(|update| {
            let (body, sealed) = match &key {
                Some(key) => (
                    seal::seal_bytes(key, &context(update.update_id), &update.json),
                    true,
                ),
                None => (update.json.clone(), false),
            };
            Incoming {
                update_id: update.update_id,
                chat_key: update.chat_key,
                body,
                sealed,
            }
        })
        .collect();
    let mut tx = ctx.db.write().await?;
    let new = inbox::store(&mut tx, &incoming, ctx.now()).await?;
    tx.commit().await?;
    Ok(new)
}

/// The highest update_id stored, so polling resumes after it.
pub async fn last_update_id(ctx: &Ctx) -> ServiceResult<Option<i64>> {
    let mut conn = ctx.db.read().await?;
    Ok(inbox::last_update_id(&mut conn).await?)
}

/// Up to `limit` updates not done yet, with an id above `after`, in id order.
pub async fn waiting(ctx: &Ctx, after: i64, limit: u32) -> ServiceResult<Vec<Waiting>> {
    let mut conn = ctx.db.read().await?;
    let rows = inbox::pending(&mut conn, after, limit).await?;
    drop(conn);
    let key = key(ctx);
    Ok(rows
        .into_iter()
        .map(|row| {
            let json = match (row.sealed, &key) {
                (false, _) => Ok(row.body),
                (true, Some(key)) => seal::open_bytes(key, &context(row.update_id), &row.body),
                (true, None) => Err(Unsealable),
            };
            Waiting {
                update_id: row.update_id,
                chat_key: row.chat_key,
                json,
            }
        })
        .collect())
}

/// The handling of `update_id` returned: done (if no commit marked it) and finished.
pub async fn finished(ctx: &Ctx, update_id: i64) -> ServiceResult<()> {
    let mut tx = ctx.db.write().await?;
    inbox::mark_finished(&mut tx, update_id, ctx.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// At start: every update whose change was saved but whose handler never finished gets a note
/// to its chat (what was done is saved; where to see it) and is finished. Returns how many.
pub async fn recover_interrupted(ctx: &Ctx) -> ServiceResult<usize> {
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let interrupted = inbox::interrupted(&mut tx).await?;
    for &(update_id, chat_key, at) in &interrupted {
        // Only a private chat gets the note: its id is the person's own.
        if chat_key > 0 {
            let person = crate::storage::people::find_active_by_telegram_user(&mut tx, chat_key)
                .await?
                .map(|person| person.id.0);
            let message = NewMessage::notice(
                format!("inbox:interrupted:{update_id}"),
                Kind::Direct,
                person,
                Destination::Telegram { chat_id: chat_key },
                Notice::UpdateInterrupted { at },
            );
            outbox::enqueue(&mut tx, &message, now).await?;
        }
        inbox::mark_finished(&mut tx, update_id, now).await?;
    }
    tx.commit().await?;
    if !interrupted.is_empty() {
        ctx.wake_outbox();
    }
    Ok(interrupted.len())
}

/// Forgets updates finished long enough ago that Telegram can no longer repeat them.
pub async fn prune(ctx: &Ctx) -> ServiceResult<u64> {
    let mut tx = ctx.db.write().await?;
    let removed = inbox::prune(&mut tx, ctx.now() - REMEMBERED).await?;
    tx.commit().await?;
    Ok(removed)
}

/// (stored, done, finished): what the inbox holds, for the operator and the fault suite.
pub async fn counts(ctx: &Ctx) -> ServiceResult<(i64, i64, i64)> {
    let mut conn = ctx.db.read().await?;
    Ok(inbox::counts(&mut conn).await?)
}
