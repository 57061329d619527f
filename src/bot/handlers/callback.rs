//! Button presses. A payload is a request, not a permission: it is decoded strictly, head-only
//! actions are authorised against the person's roles, and the nonce must match the live dialogue.
//! Anything else is answered clearly, changes nothing and is audited.

use super::Turn;
use super::registration;
use super::screen::{Pressed, Screen};
use super::{assessment, meeting, review};
use crate::bot::state::State;
use crate::bot::{ChatDialogue, HandlerResult};
use crate::domain::role::Role;
use crate::services::{self, Ctx, Refusal};
use crate::texts;
use crate::ui::callback_data::{Action, Payload};
use serde_json::json;
use teloxide::prelude::*;

pub async fn press(
    bot: Bot,
    ctx: Ctx,
    dialogue: ChatDialogue,
    // Loaded by `dialogue::enter` for this update; reading it again would cost a query.
    state: State,
    query: CallbackQuery,
) -> HandlerResult {
    let user_id = super::telegram_user_id(&query.from);
    let turn = Turn::new(bot, ctx, dialogue.chat_id(), user_id).await;
    let raw = query.data.as_deref().unwrap_or_default();
    let message = query.message.as_ref().map(|message| message.id());
    // Reminder and /nhacnho buttons carry no dialogue nonce: they stay valid for days.
    if let Some(button) = crate::ui::reminder_buttons::ReminderButton::decode(raw) {
        return super::reminders::press(&turn, &dialogue, &query, button).await;
    }
    let (Some(payload), Some(message)) = (Payload::decode(raw), message) else {
        audit(&turn, "callback.forged", json!({ "data": clip(raw) })).await;
        return answer(&turn, &query, &Refusal::StaleButton).await;
    };
    if matches!(payload.action, Action::Collective(_)) && !holds(&turn, Role::UnitHead).await? {
        audit(
            &turn,
            "callback.role_refused",
            json!({ "data": clip(raw), "required": "unit_head" }),
        )
        .await;
        return answer(&turn, &query, &Refusal::RoleRequired(Role::UnitHead)).await;
    }
    // Ballot buttons carry the ballot's nonce; the ballot service re-authorises every press.
    if super::ballot::is_ballot(payload.action) {
        return super::ballot::press(&turn, &query, payload, message).await;
    }
    if state.nonce() != Some(payload.nonce) {
        audit(&turn, "callback.stale", json!({ "data": clip(raw) })).await;
        return answer(&turn, &query, &Refusal::StaleButton).await;
    }
    // Stop the button's spinner first; the answer itself edits the message.
    turn.bot.answer_callback_query(query.id.clone()).await?;
    let pressed = match state {
        State::Assessing { .. } => {
            assessment::press(
                &turn,
                &dialogue,
                state,
                payload.action,
                Screen::Edit(message),
            )
            .await?
        }
        State::Reviewing { .. } => {
            review::press(
                &turn,
                &dialogue,
                state,
                payload.action,
                Screen::Edit(message),
            )
            .await?
        }
        State::Meeting { .. } => {
            meeting::press(&turn, &dialogue, state, payload.action, message).await?
        }
        State::Appraising { .. } => {
            super::appraisal::press(
                &turn,
                &dialogue,
                state,
                payload.action,
                Screen::Edit(message),
            )
            .await?
        }
        State::Deciding { .. } => {
            super::decision::press(
                &turn,
                &dialogue,
                state,
                payload.action,
                Screen::Edit(message),
            )
            .await?
        }
        _ => registration::press(&turn, &dialogue, state, payload, message).await?,
    };
    match pressed {
        Pressed::Handled => Ok(()),
        Pressed::DoesNotFit => {
            audit(&turn, "callback.stale", json!({ "data": clip(raw) })).await;
            turn.say(&texts::refusal::explain(
                turn.lang,
                &Refusal::StaleButton,
                "",
            ))
            .await
        }
    }
}

/// A press with no private chat to belong to.
pub async fn orphan(bot: Bot, query: CallbackQuery) -> HandlerResult {
    let text = texts::refusal::explain(Default::default(), &Refusal::StaleButton, "");
    bot.answer_callback_query(query.id)
        .text(text)
        .show_alert(true)
        .await?;
    Ok(())
}

async fn answer(turn: &Turn, query: &CallbackQuery, refusal: &Refusal) -> HandlerResult {
    let text = texts::refusal::explain(turn.lang, refusal, "");
    turn.bot
        .answer_callback_query(query.id.clone())
        .text(clip_to(&text, 200))
        .show_alert(true)
        .await?;
    Ok(())
}

async fn holds(turn: &Turn, role: Role) -> Result<bool, crate::services::ServiceError> {
    let person = services::identity::person_of(&turn.ctx, turn.user_id).await?;
    Ok(person.is_some_and(|person| person.has(role)))
}

/// Auditing must not turn a refusal into an error for the person; a failure is logged.
async fn audit(turn: &Turn, what: &str, detail: serde_json::Value) {
    if let Err(error) = services::refusals::record(&turn.ctx, turn.actor(), what, detail).await {
        tracing::error!(%error, what, "could not audit a refused button press");
    }
}

fn clip(raw: &str) -> String {
    clip_to(raw, 64)
}

/// Telegram shows at most 200 characters in a callback answer.
fn clip_to(text: &str, limit: usize) -> String {
    text.chars().take(limit).collect()
}
