//! Linking a Telegram account to a person with an invite code (`/start <code>`).
//!
//! Order of checks, and why:
//! 1. the rate limit, before anything touches a code, so guessing costs time;
//! 2. the payload's shape and the hash lookup (unknown → a counted failure);
//! 3. the same account repeating its own used code → the person again (teloxide may deliver an
//!    update twice, and a user may press the link twice);
//! 4. an account already bound to another active person → refused, not counted (no guessing);
//! 5. the invite's state and the person's (used, expired, revoked, inactive → counted failures).
//!
//! Refusals commit their failure row and audit row before returning the error.

use super::Ctx;
use super::error::{Refusal, ServiceError, ServiceResult};
use crate::domain::invite_code::{InviteCode, InviteState, invite_state};
use crate::domain::person::Person;
use crate::storage;
use crate::storage::Connection;
use crate::storage::StorageResult;
use crate::storage::audit::{self, Actor};
use crate::storage::invites::Invite;
use chrono::Duration;
use serde_json::json;

/// Binds `telegram_user_id` to the person the invite in `payload` was issued to, and returns that
/// person as now stored. A refusal is returned only after its failure and audit rows committed.
pub async fn link_account(
    ctx: &Ctx,
    telegram_user_id: i64,
    chat_id: i64,
    payload: &str,
) -> ServiceResult<Person> {
    let now = ctx.now();
    let actor = Actor::chat(telegram_user_id, chat_id, None);
    // Not an `Intent`: linking is about the account, which has no person yet.
    let mut tx = ctx.db.write().await?;
    let outcome = attempt(&mut tx, ctx, telegram_user_id, chat_id, payload).await?;
    match outcome {
        Outcome::Linked(person) => {
            // Pressing Start proves the bot can write to this chat again.
            storage::chats::clear_unreachable(&mut tx, person.id.0, now).await?;
            tx.commit().await?;
            Ok(person)
        }
        Outcome::Refused {
            refusal,
            hash_prefix,
            counted,
        } => {
            if counted {
                storage::invites::record_failure(&mut tx, telegram_user_id, now).await?;
            }
            // Refusals that are not counted (past the limit; a linked account trying another's
            // code) would, audited one by one, let anyone repeating /start grow the log without
            // bound. The first of a window is kept; the same refusal again within it adds nothing.
            let why = reason(&refusal);
            let window = Duration::minutes(i64::from(ctx.settings.linking.failure_window_minutes));
            let repeated = !counted
                && audit::recorded_since(
                    &mut tx,
                    "link.refused",
                    telegram_user_id,
                    why,
                    now - window,
                )
                .await?;
            if !repeated {
                let detail = json!({ "reason": why, "hash_prefix": hash_prefix });
                audit::record(&mut tx, now, actor, "link.refused", None, Some(&detail)).await?;
            }
            tx.commit().await?;
            Err(ServiceError::Refused(refusal))
        }
    }
}

enum Outcome {
    Linked(Person),
    Refused {
        refusal: Refusal,
        hash_prefix: Option<String>,
        counted: bool,
    },
}

fn refused(refusal: Refusal, hash_prefix: Option<&str>, counted: bool) -> Outcome {
    Outcome::Refused {
        refusal,
        hash_prefix: hash_prefix.map(str::to_owned),
        counted,
    }
}

async fn attempt(
    conn: &mut Connection,
    ctx: &Ctx,
    telegram_user_id: i64,
    chat_id: i64,
    payload: &str,
) -> StorageResult<Outcome> {
    let now = ctx.now();
    let window = Duration::minutes(i64::from(ctx.settings.linking.failure_window_minutes));
    let (failures, oldest) =
        storage::invites::failures_since(conn, telegram_user_id, now - window).await?;
    if failures >= ctx.settings.linking.max_failures {
        let retry_after = oldest.unwrap_or(now) + window;
        return Ok(refused(
            Refusal::TooManyAttempts { retry_after },
            None,
            false,
        ));
    }
    let Some(code) = InviteCode::parse(payload) else {
        return Ok(refused(Refusal::InviteUnknown, None, true));
    };
    let hash = code.hash();
    let prefix = Some(&hash[..12]);
    let Some(invite) = storage::invites::find_by_hash(conn, &hash).await? else {
        return Ok(refused(Refusal::InviteUnknown, prefix, true));
    };
    let holder = storage::staff::holder_of_telegram_user(conn, telegram_user_id).await?;
    if invite.used_by_telegram_id == Some(telegram_user_id)
        && holder == Some((invite.person_id, true))
        && let Some(person) = storage::people::find_by_id(conn, invite.person_id).await?
    {
        return Ok(Outcome::Linked(person));
    }
    if let Some((other, true)) = holder
        && other != invite.person_id
    {
        return Ok(refused(Refusal::AccountBoundToOther, prefix, false));
    }
    let refusal = match invite_state(invite.status, invite.expires_at, now) {
        InviteState::Usable => None,
        InviteState::Used => Some(Refusal::InviteUsed),
        InviteState::Expired => Some(Refusal::InviteExpired),
        InviteState::Revoked => Some(Refusal::InviteRevoked),
    };
    if let Some(refusal) = refusal {
        return Ok(refused(refusal, prefix, true));
    }
    let Some(person) = storage::people::find_by_id(conn, invite.person_id)
        .await?
        .filter(|person| person.active)
    else {
        // Deactivation revokes pending invites; this covers a person deactivated by hand.
        return Ok(refused(Refusal::InviteRevoked, prefix, true));
    };
    bind(
        conn,
        ctx,
        telegram_user_id,
        chat_id,
        holder,
        &invite,
        person,
    )
    .await
    .map(Outcome::Linked)
}

/// Binds the account, uses the invite and audits; returns the person as now stored.
async fn bind(
    conn: &mut Connection,
    ctx: &Ctx,
    telegram_user_id: i64,
    chat_id: i64,
    holder: Option<(crate::domain::person::PersonId, bool)>,
    invite: &Invite,
    person: Person,
) -> StorageResult<Person> {
    let now = ctx.now();
    let actor = Actor::chat(telegram_user_id, chat_id, Some(person.id.0));
    // A deactivated person still holding this account would make the UNIQUE binding fail; the
    // account now belongs to the invited person, so the stale binding is released.
    if let Some((stale, false)) = holder {
        storage::staff::release_telegram_user(conn, stale, now).await?;
        audit::record(
            conn,
            now,
            actor,
            "person.unlinked",
            None,
            Some(&json!({ "person_id": stale.0, "reason": "account re-linked to another person" })),
        )
        .await?;
    }
    // A lost phone: the person comes back with a new account; the old one stops speaking for them.
    let previous = person
        .telegram_user_id
        .filter(|previous| *previous != telegram_user_id);
    if let Some(previous) = previous {
        audit::record(conn, now, actor, "person.relinked", Some(&person.employee_code),
            Some(&json!({ "previous_telegram_user_id": previous, "telegram_user_id": telegram_user_id }))).await?;
    }
    storage::people::bind_telegram_user(conn, person.id, telegram_user_id, now).await?;
    storage::invites::mark_used(conn, invite.id, telegram_user_id, now).await?;
    let detail = json!({ "chat_id": chat_id, "invite_id": invite.id, "hash_prefix": &invite.code_hash[..12] });
    audit::record(
        conn,
        now,
        actor,
        "person.linked",
        Some(&person.employee_code),
        Some(&detail),
    )
    .await?;
    let linked = storage::people::find_by_id(conn, person.id).await?;
    linked.ok_or(storage::StorageError::Missing("linked person"))
}

fn reason(refusal: &Refusal) -> &'static str {
    match refusal {
        Refusal::InviteUnknown => "unknown",
        Refusal::InviteUsed => "used",
        Refusal::InviteExpired => "expired",
        Refusal::InviteRevoked => "revoked",
        Refusal::AccountBoundToOther => "account_bound_to_other",
        Refusal::TooManyAttempts { .. } => "too_many_attempts",
        _ => "other",
    }
}

/// A bare `/start`: the linked person coming back (their chat is reachable again), or `None` for
/// an account that is not linked.
pub async fn returning(ctx: &Ctx, telegram_user_id: i64) -> ServiceResult<Option<Person>> {
    let mut conn = ctx.db.read().await?;
    let Some(person) =
        storage::people::find_active_by_telegram_user(&mut conn, telegram_user_id).await?
    else {
        return Ok(None);
    };
    if storage::chats::is_unreachable(&mut conn, person.id.0).await? {
        storage::chats::clear_unreachable(&mut conn, person.id.0, ctx.now()).await?;
    }
    Ok(Some(person))
}
