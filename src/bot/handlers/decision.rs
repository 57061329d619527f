//! /pheduyet: the director reads the results with ballot figures and approves them with the
//! decision's number and date, or sends them back to the standing body with a comment.
//!
//! ```text
//! director: /pheduyet
//! bot:  Kết quả xét thi đua – khen thưởng năm 2026: … • Nguyễn Thị Mai — Chiến sĩ thi đua cơ sở
//!       — đồng ý 4, không đồng ý 0: ✅ đạt …        [✅ Phê duyệt] [↩️ Trả lại Thường trực] [✖️]
//! director: (presses Phê duyệt)    bot: Vui lòng gõ số quyết định và ngày ký …
//! director: 125/QĐ-SXD 15/12/2026  bot: Đã phê duyệt Quyết định số 125/QĐ-SXD ngày 15/12/2026 …
//! ```

use super::Turn;
use super::screen::{Pressed, Screen, button, show};
use crate::bot::state::{DecideStep, State, new_nonce};
use crate::bot::{BotError, ChatDialogue, HandlerResult, reply};
use crate::services::decision;
use crate::services::{Refusal, ServiceError};
use crate::texts;
use crate::ui::callback_data::Action;
use teloxide::types::InlineKeyboardMarkup;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    let results = match decision::results(&turn.ctx, turn.user_id).await {
        Ok(results) => results,
        Err(error) => return turn.explain(error).await,
    };
    let text = texts::decision::results(turn.lang, &turn.ctx.org, &results);
    if results.approval.is_some() {
        return turn.say(&text).await;
    }
    let nonce = new_nonce();
    let keyboard = InlineKeyboardMarkup::new(vec![
        vec![
            button(
                texts::decision::approve_button(turn.lang),
                nonce,
                Action::Confirm,
            ),
            button(
                texts::decision::send_back_button(turn.lang),
                nonce,
                Action::Return,
            ),
        ],
        vec![button(
            texts::review::buttons(turn.lang).close,
            nonce,
            Action::Cancel,
        )],
    ]);
    dialogue
        .update(State::Deciding {
            nonce,
            step: DecideStep::Review,
        })
        .await?;
    reply::say_with_keyboard(&turn.bot, turn.chat, &text, keyboard).await?;
    Ok(())
}

pub async fn press(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    action: Action,
    screen: Screen,
) -> Result<Pressed, BotError> {
    let State::Deciding { nonce, step } = state else {
        return Ok(Pressed::DoesNotFit);
    };
    let next = match (step, action) {
        (_, Action::Cancel) => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &texts::common::cancelled(turn.lang), None).await?;
            return Ok(Pressed::Handled);
        }
        (DecideStep::Review, Action::Confirm) => (
            DecideStep::DecisionNumber,
            texts::decision::ask_number(turn.lang),
        ),
        (DecideStep::Review, Action::Return) => (
            DecideStep::SendBackComment,
            texts::decision::ask_comment(turn.lang),
        ),
        _ => return Ok(Pressed::DoesNotFit),
    };
    dialogue
        .update(State::Deciding {
            nonce,
            step: next.0,
        })
        .await?;
    let keyboard = InlineKeyboardMarkup::new(vec![vec![button(
        texts::review::buttons(turn.lang).close,
        nonce,
        Action::Cancel,
    )]]);
    show(turn, screen, &next.1, Some(keyboard)).await?;
    Ok(Pressed::Handled)
}

/// The decision's number and date, or the send-back comment, typed by the director.
pub async fn message(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    text: Option<&str>,
) -> HandlerResult {
    let State::Deciding { step, .. } = state else {
        return turn.say(&texts::common::use_the_buttons(turn.lang)).await;
    };
    let Some(text) = text else {
        return turn.say(&texts::assessment::needs_text(turn.lang)).await;
    };
    match step {
        DecideStep::Review => turn.say(&texts::common::use_the_buttons(turn.lang)).await,
        DecideStep::DecisionNumber => {
            let Some((number, date)) = decision::parse_number_and_date(text) else {
                return turn.say(&texts::decision::ask_number(turn.lang)).await;
            };
            match decision::approve(&turn.ctx, turn.actor(), turn.user_id, &number, date).await {
                Ok(approved) => {
                    dialogue.update(State::Idle).await?;
                    turn.say(&texts::decision::approved(turn.lang, &approved))
                        .await
                }
                Err(error) => {
                    dialogue.update(State::Idle).await?;
                    turn.explain(error).await
                }
            }
        }
        DecideStep::SendBackComment => {
            match decision::send_back(&turn.ctx, turn.actor(), turn.user_id, text).await {
                Ok(()) => {
                    dialogue.update(State::Idle).await?;
                    turn.say(&texts::decision::sent_back(turn.lang)).await
                }
                Err(ServiceError::Refused(Refusal::InputInvalid)) => {
                    turn.say(&texts::decision::ask_comment(turn.lang)).await
                }
                Err(error) => {
                    dialogue.update(State::Idle).await?;
                    turn.explain(error).await
                }
            }
        }
    }
}
