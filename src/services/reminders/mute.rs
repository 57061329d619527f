//! /nhacnho: how much reminding a person wants. The last-day reminder ignores it (domain rule).

use crate::domain::reminders::{Mute, MuteMode};
use crate::services::Ctx;
use crate::services::caller::Caller;
use crate::services::error::ServiceResult;
use crate::services::identity::linked_person;
use crate::services::intent::Intent;
use crate::storage;
use crate::storage::audit;
use chrono::Duration;
use serde_json::json;

/// How long "pause" lasts.
pub const PAUSE: Duration = Duration::days(7);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MuteChoice {
    /// Everything, and any pause lifted.
    All,
    /// Digest (and the last-day reminder) only; any pause lifted.
    DigestOnly,
    /// Nothing but the last-day reminder for [`PAUSE`] from now; the mode is kept.
    PauseWeek,
}

pub async fn mute_status(ctx: &Ctx, caller: &Caller) -> ServiceResult<Mute> {
    let mut conn = ctx.db.read().await?;
    let person = linked_person(&mut conn, caller).await?;
    Ok(storage::reminders::mute_of(&mut conn, person.id).await?)
}

pub async fn set_mute(ctx: &Ctx, caller: &Caller, choice: MuteChoice) -> ServiceResult<Mute> {
    let mut intent = Intent::begin(ctx, caller).await?;
    let (now, actor, person) = (intent.now, intent.actor(), intent.person.clone());
    let current = storage::reminders::mute_of(&mut intent.tx, person.id).await?;
    let mute = match choice {
        MuteChoice::All => Mute {
            mode: MuteMode::All,
            paused_until: None,
        },
        MuteChoice::DigestOnly => Mute {
            mode: MuteMode::DigestOnly,
            paused_until: None,
        },
        MuteChoice::PauseWeek => Mute {
            paused_until: Some(now + PAUSE),
            ..current
        },
    };
    storage::reminders::set_mute(&mut intent.tx, person.id, mute, now).await?;
    audit::record(
        &mut intent.tx,
        now,
        actor,
        "reminders.preference_set",
        Some(&person.employee_code),
        Some(&json!({ "mode": mute.mode.as_str(), "paused_until": mute.paused_until })),
    )
    .await?;
    intent.commit(ctx).await?;
    Ok(mute)
}
