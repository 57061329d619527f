//! Who is speaking: a Telegram account resolves to an active person or to a refusal, and a
//! phase-bound action checks its window. Every service re-checks both on every call, so an old
//! message or a forged button cannot act for someone or out of phase.

use super::caller::{Account, Caller};
use super::error::{Refusal, ServiceError};
use crate::domain::campaign::Campaign;
use crate::domain::person::Person;
use crate::domain::phase::{Phase, WindowState};
use crate::storage;
use crate::storage::Connection;
use chrono::{DateTime, Utc};

/// The caller's person, read again on `conn` (inside the service's transaction): still active
/// and still bound to the caller's account, or [`Refusal::NotLinked`].
pub async fn linked_person(conn: &mut Connection, caller: &Caller) -> Result<Person, ServiceError> {
    let Account::Telegram { user_id, .. } = caller.account else {
        return Err(ServiceError::Refused(Refusal::NotLinked));
    };
    let person = match &caller.person {
        Some(known) => storage::people::find_by_id(conn, known.id)
            .await?
            .filter(|person| person.active && person.telegram_user_id == Some(user_id)),
        // A stranger (or a lookup that failed at resolution): look the account up now.
        None => storage::people::find_active_by_telegram_user(conn, user_id).await?,
    };
    person.ok_or(ServiceError::Refused(Refusal::NotLinked))
}

/// The caller's person for a read that decides nothing: the one resolved for this update (a
/// moment ago, checked active and bound to the account then), looked up only when resolution
/// found nobody or failed. A pooled read is not a snapshot of anything, so reading the person a
/// second time there would only cost a statement; every write re-reads with [`linked_person`]
/// under the write lock, which is where a deactivation in between must count.
pub async fn person_for_reading(
    conn: &mut Connection,
    caller: &Caller,
) -> Result<Person, ServiceError> {
    match &caller.person {
        Some(known) if matches!(caller.account, Account::Telegram { .. }) => Ok(known.clone()),
        _ => linked_person(conn, caller).await,
    }
}

/// Resolves a Telegram account to its caller, once per update. A failed lookup is logged and
/// leaves the person unknown: the service called next looks again and reports its own failure.
pub async fn resolve_telegram(ctx: &super::Ctx, user_id: i64, chat_id: i64) -> Caller {
    let person = match person_of(ctx, user_id).await {
        Ok(person) => person,
        Err(error) => {
            let cause = super::error::cause_chain(&error);
            tracing::warn!(error = %cause, "could not resolve the caller");
            None
        }
    };
    Caller::telegram(user_id, chat_id, person)
}

pub async fn current_campaign(
    conn: &mut Connection,
    now: DateTime<Utc>,
) -> Result<Campaign, ServiceError> {
    storage::campaigns::current(conn, now)
        .await?
        .ok_or(ServiceError::Refused(Refusal::NoCampaign))
}

/// The current campaign as `person` sees it: phases reopened for them or their unit are open
/// until the reopening ends (see `campaign reopen`).
pub async fn campaign_for(
    conn: &mut Connection,
    now: DateTime<Utc>,
    person: &Person,
) -> Result<Campaign, ServiceError> {
    let campaign = current_campaign(conn, now).await?;
    let reopened =
        storage::reopenings::for_person(conn, campaign.year, person.id, &person.unit_code).await?;
    Ok(campaign.widened(&reopened))
}

pub fn require_open(campaign: &Campaign, phase: Phase, now: DateTime<Utc>) -> Result<(), Refusal> {
    let Some(window) = campaign.window(phase) else {
        return Err(Refusal::NoCampaign);
    };
    match window.state_at(now) {
        WindowState::Open => Ok(()),
        state => Err(Refusal::PhaseNotOpen {
            phase,
            state,
            window,
        }),
    }
}

/// The active person behind a Telegram account, if any (for menus and role checks of buttons).
pub async fn person_of(
    ctx: &super::Ctx,
    telegram_user_id: i64,
) -> Result<Option<Person>, ServiceError> {
    let mut conn = ctx.db.read().await?;
    Ok(storage::people::find_active_by_telegram_user(&mut conn, telegram_user_id).await?)
}
