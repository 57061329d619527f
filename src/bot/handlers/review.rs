//! /duyet: a unit head (or, for heads, a secretary) reads members' submitted self-assessments
//! and approves or returns them with a comment.
//!
//! ```text
//! head: /duyet
//! bot:  Phong trào thi đua … — tình hình tự đánh giá:
//!       • Nguyễn Thị Mai: đã nộp, chờ duyệt   • Lê Quốc Bảo: đang tự đánh giá …
//!       [Nguyễn Thị Mai] [✖️ Đóng]
//! head: (presses Nguyễn Thị Mai)
//! bot:  Nguyễn Thị Mai — bản tự đánh giá lần 1. … ✅ Lao động tiên tiến: đủ điều kiện
//!       [✅ Duyệt] [↩️ Trả lại] [⬅️ Danh sách]
//! head: (presses Trả lại)                 bot: Vui lòng gõ ý kiến …
//! head: Bổ sung số quyết định sáng kiến.  bot: Đã trả lại bản tự đánh giá của Nguyễn Thị Mai …
//! ```

use super::Turn;
use super::screen::{Pressed, Screen, button, refuse, show};
use crate::bot::state::{ReviewStep, State, new_nonce};
use crate::bot::{BotError, ChatDialogue, HandlerResult};
use crate::domain::person::PersonId;
use crate::services::review::{self, MemberState};
use crate::texts;
use crate::ui::callback_data::Action;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    list(turn, dialogue, Screen::New, new_nonce()).await
}

async fn list(turn: &Turn, dialogue: &ChatDialogue, screen: Screen, nonce: u32) -> HandlerResult {
    let overview = match review::overview(&turn.ctx, turn.user_id).await {
        Ok(overview) => overview,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    // Only someone with a submission has anything to open; the list shows everyone's state.
    let readable: Vec<_> = overview
        .members
        .iter()
        .filter(|line| {
            matches!(
                line.state,
                MemberState::Submitted | MemberState::Approved | MemberState::Returned
            )
        })
        .collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = readable
        .iter()
        .enumerate()
        .map(|(index, line)| {
            let label = format!(
                "{} — {}",
                line.person.full_name,
                texts::review::state(turn.lang, line.state)
            );
            // Lists are one unit's members (or the heads), far below 256.
            vec![button(label, nonce, Action::Pick(index as u8))]
        })
        .collect();
    rows.push(vec![button(
        texts::review::buttons(turn.lang).close,
        nonce,
        Action::Cancel,
    )]);
    let members = readable.iter().map(|line| line.person.id.0).collect();
    dialogue
        .update(State::Reviewing {
            nonce,
            step: ReviewStep::ChooseMember { members },
        })
        .await?;
    show(
        turn,
        screen,
        &texts::review::overview(turn.lang, &overview),
        Some(InlineKeyboardMarkup::new(rows)),
    )
    .await
}

async fn open(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    nonce: u32,
    member: i64,
) -> HandlerResult {
    let opened = match review::open(&turn.ctx, turn.user_id, PersonId(member)).await {
        Ok(opened) => opened,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    let labels = texts::review::buttons(turn.lang);
    let keyboard = InlineKeyboardMarkup::new(vec![
        vec![
            button(labels.approve, nonce, Action::Confirm),
            button(labels.return_it, nonce, Action::ChangeAnswer),
        ],
        vec![button(labels.back, nonce, Action::ChooseAgain)],
    ]);
    let text = format!(
        "{}{}",
        texts::review::opened_header(turn.lang, &opened.member.full_name, opened.version),
        texts::assessment::summary(turn.lang, &opened.answers, &opened.verdicts)
    );
    dialogue
        .update(State::Reviewing {
            nonce,
            step: ReviewStep::Decide { member },
        })
        .await?;
    show(turn, screen, &text, Some(keyboard)).await
}

async fn decide(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    member: i64,
    comment: Option<&str>,
) -> HandlerResult {
    match review::decide(
        &turn.ctx,
        turn.actor(),
        turn.user_id,
        PersonId(member),
        comment,
    )
    .await
    {
        Ok(member) => {
            dialogue.update(State::Idle).await?;
            let text = match comment {
                None => texts::review::approved(turn.lang, &member.full_name),
                Some(_) => texts::review::returned(turn.lang, &member.full_name),
            };
            show(turn, screen, &text, None).await
        }
        Err(error) => refuse(turn, dialogue, screen, error).await,
    }
}

pub async fn press(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    action: Action,
    screen: Screen,
) -> Result<Pressed, BotError> {
    let State::Reviewing { nonce, step } = state else {
        return Ok(Pressed::DoesNotFit);
    };
    let done = match (step, action) {
        (_, Action::Cancel) => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &texts::common::cancelled(turn.lang), None).await
        }
        (ReviewStep::ChooseMember { members }, Action::Pick(index)) => {
            match members.get(usize::from(index)) {
                Some(member) => open(turn, dialogue, screen, nonce, *member).await,
                None => return Ok(Pressed::DoesNotFit),
            }
        }
        (ReviewStep::Decide { member }, Action::Confirm) => {
            decide(turn, dialogue, screen, member, None).await
        }
        (ReviewStep::Decide { member }, Action::ChangeAnswer) => {
            dialogue
                .update(State::Reviewing {
                    nonce,
                    step: ReviewStep::ReturnComment { member },
                })
                .await?;
            let keyboard = InlineKeyboardMarkup::new(vec![vec![button(
                texts::review::buttons(turn.lang).back,
                nonce,
                Action::ChooseAgain,
            )]]);
            show(
                turn,
                screen,
                &texts::review::ask_comment(turn.lang),
                Some(keyboard),
            )
            .await
        }
        (ReviewStep::Decide { .. } | ReviewStep::ReturnComment { .. }, Action::ChooseAgain) => {
            list(turn, dialogue, screen, nonce).await
        }
        _ => return Ok(Pressed::DoesNotFit),
    };
    done.map(|()| Pressed::Handled)
}

/// The comment of a return, typed by the reviewer.
pub async fn message(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    text: Option<&str>,
) -> HandlerResult {
    let State::Reviewing {
        step: ReviewStep::ReturnComment { member },
        ..
    } = state
    else {
        return turn.say(&texts::common::use_the_buttons(turn.lang)).await;
    };
    let Some(text) = text else {
        return turn.say(&texts::assessment::needs_text(turn.lang)).await;
    };
    let comment = match crate::domain::assessment::parse_review_comment(text) {
        Ok(comment) => comment,
        Err(error) => {
            return turn
                .say(&texts::assessment::input_error(turn.lang, error))
                .await;
        }
    };
    decide(turn, dialogue, Screen::New, member, Some(&comment)).await
}
