//! What every dialogue does with the screen: show a text (as a new message for a command, or by
//! editing the pressed message for a button), build a button, and end the dialogue with a
//! refusal's explanation.

use super::Turn;
use crate::bot::state::State;
use crate::bot::{ChatDialogue, HandlerResult, reply};
use crate::services::{self, ServiceError};
use crate::ui::callback_data::{Action, Payload};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId};

/// Where the answer goes: a new message for a command, the pressed message for a button.
#[derive(Clone, Copy)]
pub enum Screen {
    New,
    Edit(MessageId),
}

pub async fn show(
    turn: &Turn,
    screen: Screen,
    text: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> HandlerResult {
    let addressed = turn.addressed(text);
    let text = addressed.as_str();
    let holds_keyboard = match (screen, keyboard) {
        (Screen::New, Some(keyboard)) => {
            Some(reply::say_with_keyboard(&turn.bot, turn.chat, text, keyboard).await?)
        }
        (Screen::New, None) => {
            // A hint or an error beside the question: its keyboard stays where it is.
            reply::say(&turn.bot, turn.chat, text).await?;
            return Ok(());
        }
        (Screen::Edit(message), keyboard) => {
            let request = turn.bot.edit_message_text(turn.chat, message, text);
            let holds = keyboard.is_some().then_some(message);
            match keyboard {
                Some(keyboard) => reply::patiently(request.reply_markup(keyboard)).await?,
                None => reply::patiently(request).await?,
            };
            // The edit itself replaced (or removed) this message's buttons.
            move_keyboard(turn, holds, Some(message)).await;
            return Ok(());
        }
    };
    keyboard_moved(turn, holds_keyboard).await;
    Ok(())
}

/// Takes the buttons of the dialogue's previous screen off it, once `now` holds the dialogue's
/// keyboard (or, with `None`, once the dialogue has ended). Best effort: the buttons left behind
/// by a failure are refused anyway, since every screen carries a nonce of its own.
pub async fn keyboard_moved(turn: &Turn, now: Option<MessageId>) {
    move_keyboard(turn, now, now).await;
}

/// [`keyboard_moved`], with `settled`: a message whose buttons are already as they should be.
async fn move_keyboard(turn: &Turn, now: Option<MessageId>, settled: Option<MessageId>) {
    let previous = match services::dialogues::keyboard_moved(
        &turn.ctx,
        turn.chat.0,
        now.map(|m| m.0),
    )
    .await
    {
        Ok(previous) => previous.map(MessageId),
        Err(error) => {
            tracing::warn!(%error, "could not record which message holds the dialogue's buttons");
            return;
        }
    };
    let Some(previous) = previous.filter(|previous| Some(*previous) != settled) else {
        return;
    };
    // Telegram refuses to edit a message older than 48 hours or one already without buttons;
    // either way nothing is left to take off.
    if let Err(error) = turn
        .bot
        .edit_message_reply_markup(turn.chat, previous)
        .await
    {
        tracing::debug!(%error, message = previous.0, "old dialogue buttons not removed");
    }
}

/// Ends the dialogue in this chat: idle, and its last buttons taken off the screen.
pub async fn end(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    dialogue.update(State::Idle).await?;
    keyboard_moved(turn, None).await;
    Ok(())
}

/// An inline button carrying this dialogue's nonce.
pub fn button(label: impl Into<String>, nonce: u32, action: Action) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label.into(), Payload::new(nonce, action).encode())
}

/// Any refusal ends the dialogue: what was saved before stays as it was.
pub async fn refuse(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    error: ServiceError,
) -> HandlerResult {
    dialogue.update(State::Idle).await?;
    let text = reply::error_text(&turn.ctx, turn.lang, error).await;
    show(turn, screen, &text, None).await?;
    if let Screen::New = screen {
        keyboard_moved(turn, None).await;
    }
    Ok(())
}

/// What became of a press whose nonce matched the dialogue.
pub enum Pressed {
    Handled,
    /// The action does not fit the current step (e.g. a forged payload with a live nonce).
    DoesNotFit,
}
