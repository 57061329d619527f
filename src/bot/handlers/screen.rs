//! What every dialogue does with the screen: show a text (as a new message for a command, or by
//! editing the pressed message for a button), build a button, and end the dialogue with a
//! refusal's explanation.

use super::Turn;
use crate::bot::state::State;
use crate::bot::{ChatDialogue, HandlerResult, reply};
use crate::services::ServiceError;
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
    match (screen, keyboard) {
        (Screen::New, Some(keyboard)) => {
            reply::say_with_keyboard(&turn.bot, turn.chat, text, keyboard).await?
        }
        (Screen::New, None) => reply::say(&turn.bot, turn.chat, text).await?,
        (Screen::Edit(message), keyboard) => {
            let request = turn.bot.edit_message_text(turn.chat, message, text);
            match keyboard {
                Some(keyboard) => reply::patiently(request.reply_markup(keyboard)).await?,
                None => reply::patiently(request).await?,
            };
        }
    }
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
    show(turn, screen, &text, None).await
}

/// What became of a press whose nonce matched the dialogue.
pub enum Pressed {
    Handled,
    /// The action does not fit the current step (e.g. a forged payload with a live nonce).
    DoesNotFit,
}
