//! Who is speaking: a Telegram account resolves to an active person or to a refusal, and a
//! phase-bound action checks its window. Every service re-checks both on every call, so an old
//! message or a forged button cannot act for someone or out of phase.

use super::error::{Refusal, ServiceError};
use crate::domain::campaign::Campaign;
use crate::domain::person::Person;
use crate::domain::phase::{Phase, WindowState};
use crate::storage;
use crate::storage::Connection;
use chrono::{DateTime, Utc};

pub async fn linked_person(
    conn: &mut Connection,
    telegram_user_id: i64,
) -> Result<Person, ServiceError> {
    storage::people::find_active_by_telegram_user(conn, telegram_user_id)
        .await?
        .ok_or(ServiceError::Refused(Refusal::NotLinked))
}

pub async fn current_campaign(
    conn: &mut Connection,
    now: DateTime<Utc>,
) -> Result<Campaign, ServiceError> {
    storage::campaigns::current(conn, now)
        .await?
        .ok_or(ServiceError::Refused(Refusal::NoCampaign))
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
