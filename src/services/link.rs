//! Linking a Telegram account to a person with an invite code (`/start <code>`).
//!
//! Order of checks, and why:
//! 1. the rate limit, before anything touches a code, so guessing costs time;
//! 2. the payload's shape and the hash lookup (unknown → a counted failure);
//! 3. the same account repeating its own used code → the person again (teloxide may deliver an
//!    update twice, and a user may press the link twice);
//! 4. an account already bound to another active person → refused, not counted (no guessing);
//! 5. the invite's state and the person's (used, expired, revoked, inactive → counted failures);
//! 6. a person already linked to another account → nothing moves yet: the new account is asked
//!    to confirm ([`Linked::MoveAsked`]); [`confirm_move`] runs checks 4–5 again, moves the
//!    record and tells the old account on every channel (its chat and the record's e-mail).
//!
//! Threat model for 6: the attacker holds someone's invite link (a forwarded e-mail, a copy of
//! the mail folder) and a Telegram account of their own. They can still redeem a usable code:
//! the code is the credential. What they cannot do is take a linked record silently: the owner
//! is told at once where they read, and the Office can revoke. `tests/it/bot_link.rs` tries it.
//!
//! Refusals commit their failure row and audit row before returning the error.

use super::Ctx;
use super::error::{Refusal, ServiceError, ServiceResult};
use crate::domain::invite_code::{InviteCode, InviteState, invite_state};
use crate::domain::notice::Notice;
use crate::domain::person::Person;
use crate::storage;
use crate::storage::Connection;
use crate::storage::StorageResult;
use crate::storage::audit::{self, Actor};
use crate::storage::invites::Invite;
use crate::storage::outbox::{self, Destination, Kind, NewMessage};
use chrono::Duration;
use serde_json::json;

/// What `/start <code>` came to.
#[derive(Debug, Clone)]
pub enum Linked {
    /// The account speaks for `person` now.
    Done(Person),
    /// `person` is linked to another account: moving needs the new account's confirmation.
    MoveAsked(MoveRequest),
}

/// A move waiting for the new account's confirmation. Holds the invite's id, never its code.
#[derive(Debug, Clone)]
pub struct MoveRequest {
    pub invite_id: i64,
    pub person: Person,
}

/// Binds `telegram_user_id` to the person the invite in `payload` was issued to, and returns that
/// person as now stored, or asks to confirm a move. A refusal is returned only after its failure
/// and audit rows committed.
pub async fn link_account(
    ctx: &Ctx,
    telegram_user_id: i64,
    chat_id: i64,
    payload: &str,
) -> ServiceResult<Linked> {
    // Not an `Intent`: linking is about the account, which has no person yet.
    let mut tx = ctx.db.write().await?;
    let outcome = attempt(&mut tx, ctx, telegram_user_id, chat_id, payload).await?;
    settle(ctx, tx, telegram_user_id, chat_id, outcome).await
}

/// The move asked by [`link_account`], checked again now (for a screen shown again).
pub async fn pending_move(
    ctx: &Ctx,
    telegram_user_id: i64,
    chat_id: i64,
    invite_id: i64,
) -> ServiceResult<MoveRequest> {
    let mut tx = ctx.db.write().await?;
    let outcome = match storage::invites::find_by_id(&mut tx, invite_id).await? {
        None => refused(Refusal::InviteUnknown, None, false),
        Some(invite) => match judge(&mut tx, ctx, telegram_user_id, &invite).await? {
            Judged::Usable(person, _) if is_move(&person, telegram_user_id) => {
                return Ok(MoveRequest { invite_id, person });
            }
            Judged::Usable(..) | Judged::AlreadyLinked(_) => {
                refused(Refusal::InviteUsed, Some(&invite.code_hash[..12]), false)
            }
            Judged::Refused(outcome) => outcome,
        },
    };
    match settle(ctx, tx, telegram_user_id, chat_id, outcome).await? {
        Linked::MoveAsked(request) => Ok(request),
        Linked::Done(_) => Err(ServiceError::Refused(Refusal::InviteUsed)),
    }
}

/// The new account confirmed: the checks run again, the record moves, and the old account is
/// told on every channel in the same transaction.
pub async fn confirm_move(
    ctx: &Ctx,
    telegram_user_id: i64,
    chat_id: i64,
    invite_id: i64,
) -> ServiceResult<Person> {
    let now = ctx.now();
    let mut tx = ctx.db.write().await?;
    let outcome = match storage::invites::find_by_id(&mut tx, invite_id).await? {
        None => refused(Refusal::InviteUnknown, None, false),
        Some(invite) => match judge(&mut tx, ctx, telegram_user_id, &invite).await? {
            Judged::AlreadyLinked(person) => Outcome::Linked(person),
            Judged::Refused(outcome) => outcome,
            Judged::Usable(person, holder) => {
                let previous = person
                    .telegram_user_id
                    .filter(|previous| *previous != telegram_user_id);
                let moved = bind(
                    &mut tx,
                    ctx,
                    telegram_user_id,
                    chat_id,
                    holder,
                    &invite,
                    person,
                )
                .await?;
                if let Some(previous) = previous {
                    tell_old_account(&mut tx, &moved, previous, invite.id, now).await?;
                }
                Outcome::Linked(moved)
            }
        },
    };
    let woke = matches!(outcome, Outcome::Linked(_));
    let linked = settle(ctx, tx, telegram_user_id, chat_id, outcome).await?;
    if woke {
        ctx.wake_outbox();
    }
    match linked {
        Linked::Done(person) => Ok(person),
        Linked::MoveAsked(_) => Err(ServiceError::Refused(Refusal::InviteUsed)),
    }
}

/// The old account's chat (no person: it speaks for nobody now) and the record's e-mail.
async fn tell_old_account(
    conn: &mut Connection,
    person: &Person,
    previous: i64,
    invite_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> StorageResult<()> {
    let notice = Notice::AccountMoved {
        full_name: person.full_name.clone(),
        at: now,
    };
    let key = format!("link:moved:{}:{invite_id}", person.id.0);
    let old_chat = NewMessage::notice(
        format!("{key}:telegram"),
        Kind::Direct,
        None,
        Destination::Telegram { chat_id: previous },
        notice.clone(),
    );
    outbox::enqueue(conn, &old_chat, now).await?;
    if !person.email.trim().is_empty() {
        let email = NewMessage::notice(
            format!("{key}:email"),
            Kind::Direct,
            Some(person.id.0),
            Destination::notice_email(person.email.clone()),
            notice,
        );
        outbox::enqueue(conn, &email, now).await?;
    }
    Ok(())
}

fn is_move(person: &Person, telegram_user_id: i64) -> bool {
    person
        .telegram_user_id
        .is_some_and(|previous| previous != telegram_user_id)
}

/// Commits what an attempt came to: the link, the question, or the refusal's rows.
async fn settle(
    ctx: &Ctx,
    mut tx: storage::Tx,
    telegram_user_id: i64,
    chat_id: i64,
    outcome: Outcome,
) -> ServiceResult<Linked> {
    let now = ctx.now();
    let actor = Actor::chat(telegram_user_id, chat_id, None);
    match outcome {
        Outcome::Linked(person) => {
            // Pressing Start proves the bot can write to this chat again.
            storage::chats::clear_unreachable(&mut tx, person.id.0, now).await?;
            tx.commit().await?;
            Ok(Linked::Done(person))
        }
        Outcome::MoveAsked(request) => {
            let detail = json!({ "invite_id": request.invite_id });
            audit::record(
                &mut tx,
                now,
                actor,
                "link.move_asked",
                Some(&request.person.employee_code),
                Some(&detail),
            )
            .await?;
            tx.commit().await?;
            Ok(Linked::MoveAsked(request))
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
    MoveAsked(MoveRequest),
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
    match judge(conn, ctx, telegram_user_id, &invite).await? {
        Judged::AlreadyLinked(person) => Ok(Outcome::Linked(person)),
        Judged::Refused(outcome) => Ok(outcome),
        Judged::Usable(person, _) if is_move(&person, telegram_user_id) => {
            Ok(Outcome::MoveAsked(MoveRequest {
                invite_id: invite.id,
                person,
            }))
        }
        Judged::Usable(person, holder) => bind(
            conn,
            ctx,
            telegram_user_id,
            chat_id,
            holder,
            &invite,
            person,
        )
        .await
        .map(Outcome::Linked),
    }
}

type Holder = Option<(crate::domain::person::PersonId, bool)>;

/// What an invite allows this account now (checks 3–5).
enum Judged {
    /// The same account repeating its own used code.
    AlreadyLinked(Person),
    Refused(Outcome),
    /// Usable for the (active) person; `Holder` is who the account is bound to today.
    Usable(Person, Holder),
}

async fn judge(
    conn: &mut Connection,
    ctx: &Ctx,
    telegram_user_id: i64,
    invite: &Invite,
) -> StorageResult<Judged> {
    let prefix = Some(&invite.code_hash[..12]);
    let holder = storage::staff::holder_of_telegram_user(conn, telegram_user_id).await?;
    if invite.used_by_telegram_id == Some(telegram_user_id)
        && holder == Some((invite.person_id, true))
        && let Some(person) = storage::people::find_by_id(conn, invite.person_id).await?
    {
        return Ok(Judged::AlreadyLinked(person));
    }
    if let Some((other, true)) = holder
        && other != invite.person_id
    {
        return Ok(Judged::Refused(refused(
            Refusal::AccountBoundToOther,
            prefix,
            false,
        )));
    }
    let refusal = match invite_state(invite.status, invite.expires_at, ctx.now()) {
        InviteState::Usable => None,
        InviteState::Used => Some(Refusal::InviteUsed),
        InviteState::Expired => Some(Refusal::InviteExpired),
        InviteState::Revoked => Some(Refusal::InviteRevoked),
    };
    if let Some(refusal) = refusal {
        return Ok(Judged::Refused(refused(refusal, prefix, true)));
    }
    let Some(person) = storage::people::find_by_id(conn, invite.person_id)
        .await?
        .filter(|person| person.active)
    else {
        // Deactivation revokes pending invites; this covers a person deactivated by hand.
        return Ok(Judged::Refused(refused(
            Refusal::InviteRevoked,
            prefix,
            true,
        )));
    };
    Ok(Judged::Usable(person, holder))
}

/// Binds the account, uses the invite and audits; returns the person as now stored.
async fn bind(
    conn: &mut Connection,
    ctx: &Ctx,
    telegram_user_id: i64,
    chat_id: i64,
    holder: Holder,
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
