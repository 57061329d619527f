//! /nhacnho: how much reminding a person wants. The last-day reminder ignores it (domain rule).

use crate::domain::reminders::notices::receives_digest;
use crate::domain::reminders::{Mute, MuteMode};
use crate::services::Ctx;
use crate::services::Refusal;
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

/// What /nhacnho shows: the person's choice, and whether they receive digests at all (only
/// then is "digest only" a choice worth offering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MuteStatus {
    pub mute: Mute,
    pub receives_digest: bool,
}

pub async fn mute_status(ctx: &Ctx, caller: &Caller) -> ServiceResult<MuteStatus> {
    let mut conn = ctx.db.read().await?;
    let person = linked_person(&mut conn, caller).await?;
    Ok(MuteStatus {
        mute: storage::reminders::mute_of(&mut conn, person.id).await?,
        receives_digest: receives_digest(&person),
    })
}

pub async fn set_mute(ctx: &Ctx, caller: &Caller, choice: MuteChoice) -> ServiceResult<Mute> {
    let mut intent = Intent::begin(ctx, caller).await?;
    let (now, actor, person) = (intent.now, intent.actor(), intent.person.clone());
    // "Digest only" for someone who gets no digest would silence everything but the last day
    // without their knowing: only a menu shown before they stopped heading a unit offers it.
    if choice == MuteChoice::DigestOnly && !receives_digest(&person) {
        return Err(Refusal::StaleButton.into());
    }
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
