//! Button presses. A payload is a request, not a permission: it is decoded strictly, head-only
//! actions are authorised against the person's roles, and the nonce must match the live dialogue.
//! Anything else is answered clearly, changes nothing and is audited.

use super::Turn;
use super::screen::Pressed;
use crate::bot::state::State;
use crate::bot::{BotError, ChatDialogue, HandlerResult};
use crate::domain::role::Role;
use crate::services::{self, Ctx, Refusal, ServiceError};
use crate::texts;
use crate::ui::callback_data::{Action, Payload};
use serde_json::json;
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::MessageId;

/// A decoded dialogue or ballot button, and the message it was pressed on.
#[derive(Clone, Copy)]
pub struct Button {
    pub payload: Payload,
    pub message: MessageId,
}

/// The turn of a press, made once for every step the press goes through.
pub async fn turn(bot: Bot, ctx: Ctx, dialogue: ChatDialogue, query: CallbackQuery) -> Arc<Turn> {
    let user_id = super::telegram_user_id(&query.from);
    let turn = Turn::new(bot, ctx, dialogue.chat_id(), user_id).await;
    Arc::new(turn)
}

fn raw(query: &CallbackQuery) -> &str {
    query.data.as_deref().unwrap_or_default()
}

/// Reminder and /nhacnho buttons carry no dialogue nonce: they stay valid for days.
pub fn reminder_button(
    query: CallbackQuery,
) -> Option<crate::ui::reminder_buttons::ReminderButton> {
    crate::ui::reminder_buttons::ReminderButton::decode(raw(&query))
}

pub async fn reminder(
    turn: Arc<Turn>,
    dialogue: ChatDialogue,
    query: CallbackQuery,
    button: crate::ui::reminder_buttons::ReminderButton,
) -> HandlerResult {
    super::reminders::press(&turn, &dialogue, &query, button).await
}

/// A strictly decoded payload on a message the bot can see; anything else is [`forged`].
pub fn decode(query: CallbackQuery) -> Option<Button> {
    let payload = Payload::decode(raw(&query))?;
    let message = query.message.as_ref()?.id();
    Some(Button { payload, message })
}

pub async fn forged(turn: Arc<Turn>, query: CallbackQuery) -> HandlerResult {
    audit(
        &turn,
        "callback.forged",
        json!({ "data": clip(raw(&query)) }),
    )
    .await;
    answer(&turn, &query, &Refusal::StaleButton).await
}

pub fn is_collective(button: Button) -> bool {
    matches!(button.payload.action, Action::Collective(_))
}

/// Why a head-only press stops here: the presser is no unit head, or their roles could not be
/// read (an error, reported like any handler's).
#[derive(Clone)]
pub enum RoleRefusal {
    NotHeld,
    Failed(Arc<ServiceError>),
}

/// `None` lets the press of a unit head go on.
pub async fn role_refusal(turn: Arc<Turn>) -> Option<RoleRefusal> {
    match holds(&turn, Role::UnitHead).await {
        Ok(true) => None,
        Ok(false) => Some(RoleRefusal::NotHeld),
        Err(error) => Some(RoleRefusal::Failed(Arc::new(error))),
    }
}

pub async fn role_refused(
    turn: Arc<Turn>,
    query: CallbackQuery,
    refusal: RoleRefusal,
) -> HandlerResult {
    if let RoleRefusal::Failed(error) = refusal {
        return Err(Box::new(error));
    }
    audit(
        &turn,
        "callback.role_refused",
        json!({ "data": clip(raw(&query)), "required": "unit_head" }),
    )
    .await;
    answer(&turn, &query, &Refusal::RoleRequired(Role::UnitHead)).await
}

/// Ballot buttons carry the ballot's nonce; the ballot service re-authorises every press.
pub fn is_ballot(button: Button) -> bool {
    super::ballot::is_ballot(button.payload.action)
}

pub async fn ballot(turn: Arc<Turn>, query: CallbackQuery, button: Button) -> HandlerResult {
    super::ballot::press(&turn, &query, button.payload, button.message).await
}

/// A press on an older message than the live dialogue's (or with no dialogue at all).
pub fn is_stale(state: State, button: Button) -> bool {
    state.nonce() != Some(button.payload.nonce)
}

/// Nothing is taken from the press. While a dialogue is open, the screen it waits on is shown
/// again as a new message, so the person sees where they are (and a press replayed after a
/// restart, whose screen died with the process, still leads somewhere).
pub async fn stale(
    turn: Arc<Turn>,
    dialogue: ChatDialogue,
    state: State,
    query: CallbackQuery,
) -> HandlerResult {
    audit(
        &turn,
        "callback.stale",
        json!({ "data": clip(raw(&query)) }),
    )
    .await;
    if state == State::Idle {
        return answer(&turn, &query, &Refusal::StaleButton).await;
    }
    // A press replayed after a restart may be too old for Telegram to take an answer; the
    // screen shown again matters more than the alert.
    if let Err(error) = alert(&turn, &query, &texts::common::stale_in_dialogue(turn.lang)).await {
        tracing::debug!(%error, "a stale press could not be answered");
    }
    super::resume(&turn, &dialogue, state).await
}

/// Stops the button's spinner before the dialogue answers; the answer itself edits the message.
pub async fn acknowledge(turn: &Turn, query: &CallbackQuery) -> HandlerResult {
    turn.bot.answer_callback_query(query.id.clone()).await?;
    Ok(())
}

/// What the dialogue of the current state made of the press.
pub async fn settle(
    turn: &Turn,
    query: &CallbackQuery,
    pressed: Result<Pressed, BotError>,
) -> HandlerResult {
    match pressed? {
        Pressed::Handled => Ok(()),
        Pressed::DoesNotFit => {
            audit(turn, "callback.stale", json!({ "data": clip(raw(query)) })).await;
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
/// Whether the pressed message is in a private chat (a message the bot can no longer see
/// counts as private: `orphan` answers it as stale).
pub fn in_private_chat(query: &CallbackQuery) -> bool {
    query
        .message
        .as_ref()
        .is_none_or(|message| message.chat().is_private())
}

/// A press in a group: audited, answered with the way to the private chat, nothing else.
pub async fn outside_private_chat(
    bot: Bot,
    ctx: Ctx,
    me: teloxide::types::Me,
    query: CallbackQuery,
) -> HandlerResult {
    let username = me
        .username
        .clone()
        .unwrap_or_else(|| ctx.settings.telegram.bot_username.clone());
    let user = super::telegram_user_id(&query.from);
    let chat = query
        .message
        .as_ref()
        .map(|message| message.chat().id)
        .unwrap_or(ChatId(user));
    let turn = Turn::new(bot.clone(), ctx, chat, user).await;
    audit(
        &turn,
        "callback.outside_private_chat",
        json!({ "chat": chat.0, "data": clip(raw(&query)) }),
    )
    .await;
    let text = texts::common::group_pointer(turn.lang, &username);
    bot.answer_callback_query(query.id)
        .text(clip_to(&text, 200))
        .show_alert(true)
        .await?;
    Ok(())
}

pub async fn orphan(bot: Bot, query: CallbackQuery) -> HandlerResult {
    let text = texts::refusal::explain(Default::default(), &Refusal::StaleButton, "");
    bot.answer_callback_query(query.id)
        .text(text)
        .show_alert(true)
        .await?;
    Ok(())
}

async fn answer(turn: &Turn, query: &CallbackQuery, refusal: &Refusal) -> HandlerResult {
    alert(
        turn,
        query,
        &texts::refusal::explain(turn.lang, refusal, ""),
    )
    .await
}

async fn alert(turn: &Turn, query: &CallbackQuery, text: &str) -> HandlerResult {
    turn.bot
        .answer_callback_query(query.id.clone())
        .text(clip_to(&turn.addressed(text), 200))
        .show_alert(true)
        .await?;
    Ok(())
}

async fn holds(turn: &Turn, role: Role) -> Result<bool, ServiceError> {
    let person = services::identity::person_of(&turn.ctx, turn.user_id).await?;
    Ok(person.is_some_and(|person| person.has(role)))
}

/// Auditing must not turn a refusal into an error for the person; a failure is logged.
async fn audit(turn: &Turn, what: &str, detail: serde_json::Value) {
    if let Err(error) = services::refusals::record(&turn.ctx, &turn.caller, what, detail).await {
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
