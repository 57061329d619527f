//! /thamdinh: the secretary appraises proposed nominations — valid, or returned with a reason
//! that reaches the unit head.
//!
//! ```text
//! secretary: /thamdinh
//! bot:  Thẩm định đề nghị khen thưởng năm 2026 — 2 đề nghị chờ thẩm định:
//!       ▪️ Văn phòng
//!       1. Nguyễn Thị Mai — Chiến sĩ thi đua cơ sở: ⚠️ 1 điểm cần xem …   [1] [2] [✖️]
//! secretary: (presses 1)
//! bot:  Nguyễn Thị Mai — Chiến sĩ thi đua cơ sở … ⚠️ Sáng kiến "…" thiếu số quyết định công nhận.
//!       [✅ Hợp lệ] [↩️ Trả lại] [⬅️ Danh sách]
//! secretary: (presses Trả lại)        bot: Vui lòng gõ lý do trả lại …
//! secretary: Bổ sung số quyết định.   bot: Đã trả lại đề nghị của Nguyễn Thị Mai …
//! ```

use super::Turn;
use super::screen::{Pressed, Screen, button, refuse, show};
use crate::bot::state::{AppraiseStep, State, new_nonce};
use crate::bot::{BotError, ChatDialogue, HandlerResult, reply};
use crate::services::ServiceError;
use crate::services::appraisal;
use crate::texts;
use crate::ui::callback_data::Action;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// Buttons per list: the rest appear once these are appraised.
const LIST_LIMIT: usize = 90;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    list(turn, dialogue, Screen::New, new_nonce()).await
}

async fn list(turn: &Turn, dialogue: &ChatDialogue, screen: Screen, nonce: u32) -> HandlerResult {
    let overview = match appraisal::overview(&turn.ctx, turn.user_id).await {
        Ok(overview) => overview,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    let shown: Vec<i64> = overview
        .lines
        .iter()
        .take(LIST_LIMIT)
        .map(|line| line.nomination.id)
        .collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = shown
        .chunks(6)
        .enumerate()
        .map(|(chunk, ids)| {
            (0..ids.len())
                .map(|offset| {
                    let index = chunk * 6 + offset;
                    button((index + 1).to_string(), nonce, Action::Pick(index as u8))
                })
                .collect()
        })
        .collect();
    rows.push(vec![button(
        texts::review::buttons(turn.lang).close,
        nonce,
        Action::Cancel,
    )]);
    dialogue
        .update(State::Appraising {
            nonce,
            step: AppraiseStep::Choose { nominations: shown },
        })
        .await?;
    let text = texts::appraisal::list(turn.lang, &overview);
    // A message can only be edited into one message: a long list is sent anew, in parts.
    let screen = if text.chars().count() > reply::MAX_MESSAGE_CHARS {
        Screen::New
    } else {
        screen
    };
    show(turn, screen, &text, Some(InlineKeyboardMarkup::new(rows))).await
}

async fn open(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    nonce: u32,
    nomination: i64,
) -> HandlerResult {
    let line = match appraisal::open(&turn.ctx, turn.user_id, nomination).await {
        Ok(line) => line,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    let keyboard = InlineKeyboardMarkup::new(vec![
        vec![
            button(
                texts::appraisal::valid_button(turn.lang),
                nonce,
                Action::Confirm,
            ),
            button(
                texts::appraisal::return_button(turn.lang),
                nonce,
                Action::Return,
            ),
        ],
        vec![button(
            texts::appraisal::back_button(turn.lang),
            nonce,
            Action::ChooseAgain,
        )],
    ]);
    dialogue
        .update(State::Appraising {
            nonce,
            step: AppraiseStep::Decide { nomination },
        })
        .await?;
    show(
        turn,
        screen,
        &texts::appraisal::detail(turn.lang, &line),
        Some(keyboard),
    )
    .await
}

async fn nominee(turn: &Turn, nomination: i64) -> String {
    appraisal::open(&turn.ctx, turn.user_id, nomination)
        .await
        .map(|line| line.nominee)
        .unwrap_or_default()
}

pub async fn press(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    action: Action,
    screen: Screen,
) -> Result<Pressed, BotError> {
    let State::Appraising { nonce, step } = state else {
        return Ok(Pressed::DoesNotFit);
    };
    let done = match (step, action) {
        (_, Action::Cancel) => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &texts::common::cancelled(turn.lang), None).await
        }
        (AppraiseStep::Choose { nominations }, Action::Pick(index)) => {
            match nominations.get(usize::from(index)) {
                Some(id) => open(turn, dialogue, screen, nonce, *id).await,
                None => return Ok(Pressed::DoesNotFit),
            }
        }
        (AppraiseStep::Decide { nomination }, Action::Confirm) => {
            let name = nominee(turn, nomination).await;
            match appraisal::mark_valid(&turn.ctx, turn.actor(), turn.user_id, nomination).await {
                Ok(_) => {
                    show(
                        turn,
                        screen,
                        &texts::appraisal::marked_valid(turn.lang, &name),
                        None,
                    )
                    .await?;
                    list(turn, dialogue, Screen::New, nonce).await
                }
                Err(error) => refuse(turn, dialogue, screen, error).await,
            }
        }
        (AppraiseStep::Decide { nomination }, Action::Return) => {
            let name = nominee(turn, nomination).await;
            dialogue
                .update(State::Appraising {
                    nonce,
                    step: AppraiseStep::ReturnReason { nomination },
                })
                .await?;
            let keyboard = InlineKeyboardMarkup::new(vec![vec![button(
                texts::appraisal::back_button(turn.lang),
                nonce,
                Action::ChooseAgain,
            )]]);
            show(
                turn,
                screen,
                &texts::appraisal::ask_reason(turn.lang, &name),
                Some(keyboard),
            )
            .await
        }
        (AppraiseStep::Decide { .. } | AppraiseStep::ReturnReason { .. }, Action::ChooseAgain) => {
            list(turn, dialogue, screen, nonce).await
        }
        _ => return Ok(Pressed::DoesNotFit),
    };
    done.map(|()| Pressed::Handled)
}

/// The reason of a return, typed by the secretary.
pub async fn message(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    text: Option<&str>,
) -> HandlerResult {
    let State::Appraising {
        step: AppraiseStep::ReturnReason { nomination },
        ..
    } = state
    else {
        return turn.say(&texts::common::use_the_buttons(turn.lang)).await;
    };
    let Some(reason) = text else {
        return turn.say(&texts::assessment::needs_text(turn.lang)).await;
    };
    let name = nominee(turn, nomination).await;
    match appraisal::return_with(&turn.ctx, turn.actor(), turn.user_id, nomination, reason).await {
        Ok(_) => {
            dialogue.update(State::Idle).await?;
            turn.say(&texts::appraisal::returned(turn.lang, &name))
                .await
        }
        // A too-short reason: say so and keep waiting for a better one.
        Err(ServiceError::Refused(crate::services::Refusal::InputInvalid)) => {
            turn.say(&texts::appraisal::ask_reason(turn.lang, &name))
                .await
        }
        Err(error) => refuse(turn, dialogue, Screen::New, error).await,
    }
}
