//! /giahan (/extend): the secretary moves a phase's close from chat, after seeing what it does.
//!
//! ```text
//! secretary: /giahan dangky 31/03/2026 17:00
//! bot:  Gia hạn đăng ký danh hiệu thi đua năm 2026: hạn hiện tại 25/03/2026 17:00 → hạn mới
//!       31/03/2026 17:00. 24 người sẽ nhận thông báo…   [✅ Xác nhận gia hạn] [✖️ Hủy]
//! secretary: (presses Xác nhận gia hạn)
//! bot:  Đã gia hạn … Đã gửi thông báo tới 24 người.
//! ```

use super::Turn;
use super::screen::{Pressed, Screen, button, refuse, show};
use crate::bot::state::State;
use crate::bot::{BotError, ChatDialogue, HandlerResult};
use crate::domain::campaign::{parse_deadline, phase_named};
use crate::domain::phase::Phase;
use crate::services::campaign::schedule::{self, MoveError};
use crate::texts;
use crate::ui::callback_data::Action;
use chrono::{DateTime, Utc};
use teloxide::types::InlineKeyboardMarkup;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue, argument: &str) -> HandlerResult {
    let argument = argument.trim();
    let (phase, when) = argument
        .split_once(char::is_whitespace)
        .unwrap_or((argument, ""));
    let Some(phase) = phase_named(phase) else {
        return turn.say(&texts::schedule::usage(turn.lang)).await;
    };
    let Ok(closes) = parse_deadline(when) else {
        return turn.say(&texts::schedule::usage(turn.lang)).await;
    };
    ask(turn, dialogue, phase, closes).await
}

/// Shows what the move does and asks; also what a restart shows again.
pub async fn ask(
    turn: &Turn,
    dialogue: &ChatDialogue,
    phase: Phase,
    closes: DateTime<Utc>,
) -> HandlerResult {
    match schedule::preview_as(&turn.ctx, &turn.caller, phase, closes).await {
        Ok(preview) => {
            let nonce = turn.screen_nonce();
            dialogue
                .update(State::ConfirmingExtension {
                    nonce,
                    year: preview.year,
                    phase,
                    closes,
                })
                .await?;
            let labels = texts::schedule::buttons(turn.lang);
            let keyboard = InlineKeyboardMarkup::new(vec![
                vec![button(&labels.confirm, nonce, Action::Confirm)],
                vec![button(&labels.cancel, nonce, Action::Cancel)],
            ]);
            let text = texts::schedule::preview(turn.lang, &preview);
            show(turn, Screen::New, &text, Some(keyboard)).await
        }
        Err(error) => refused(turn, dialogue, Screen::New, error).await,
    }
}

pub async fn press(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    action: Action,
    screen: Screen,
) -> Result<Pressed, BotError> {
    let State::ConfirmingExtension {
        year,
        phase,
        closes,
        ..
    } = state
    else {
        return Ok(Pressed::DoesNotFit);
    };
    let done = match action {
        Action::Confirm => {
            match schedule::move_as(&turn.ctx, &turn.caller, year, phase, closes).await {
                Ok(moved) => {
                    dialogue.update(State::Idle).await?;
                    show(
                        turn,
                        screen,
                        &texts::schedule::moved(turn.lang, &moved),
                        None,
                    )
                    .await
                }
                Err(error) => refused(turn, dialogue, screen, error).await,
            }
        }
        Action::Cancel => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &texts::common::cancelled(turn.lang), None).await
        }
        _ => return Ok(Pressed::DoesNotFit),
    };
    done.map(|()| Pressed::Handled)
}

/// A refusal ends the dialogue; nothing was moved.
async fn refused(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    error: MoveError,
) -> HandlerResult {
    match error {
        MoveError::Service(error) => refuse(turn, dialogue, screen, error).await,
        MoveError::Database(error) => {
            refuse(
                turn,
                dialogue,
                screen,
                crate::services::ServiceError::from(error),
            )
            .await
        }
        error => {
            dialogue.update(State::Idle).await?;
            let text = texts::schedule::refused(turn.lang, &error);
            show(turn, screen, &text, None).await
        }
    }
}
