//! The secretary's ballot screens: the overview with its buttons, and the two steps that cannot
//! be undone (closing, recording a member absent), each shown as a preview that states what it
//! does and asks for a confirmation placed on its own row, away from "back".
//!
//! ```text
//! secretary: /bophieu
//! bot:  🗳 Bỏ phiếu kín năm 2026: đang mở. … Đã bỏ phiếu đủ: 3/7 thành viên
//!       [Kết thúc bỏ phiếu…] [Ghi vắng mặt: Võ Minh Đức] [Nhập phiếu giấy: Lê Văn Tâm]
//! secretary: (presses Kết thúc bỏ phiếu…)
//! bot:  (the same message) Kết thúc bỏ phiếu kín năm 2026 và kiểm phiếu? … ⚠️ Kết thúc sớm …
//!       [✅ Xác nhận kết thúc và kiểm phiếu]
//!       [⬅️ Quay lại, chưa thực hiện]
//! ```

use super::super::Turn;
use super::super::screen::{Screen, button, show};
use super::refuse;
use crate::bot::HandlerResult;
use crate::domain::ballot::BallotStatus;
use crate::domain::person::PersonId;
use crate::services::ballot::{self as service, Overview};
use crate::texts;
use crate::ui::callback_data::{Action, Payload};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId};

pub async fn start(turn: &Turn) -> HandlerResult {
    match service::overview(&turn.ctx, &turn.caller).await {
        Ok(overview) => show_overview(turn, Screen::New, &overview).await,
        Err(error) => turn.explain(error).await,
    }
}

async fn show_overview(turn: &Turn, screen: Screen, overview: &Overview) -> HandlerResult {
    let text = texts::ballot::overview(turn.lang, overview);
    let rows: Vec<Vec<InlineKeyboardButton>> = match &overview.ballot {
        None => vec![vec![button(
            texts::ballot::open_button(turn.lang),
            0,
            Action::OpenBallot,
        )]],
        Some(ballot) if ballot.status == BallotStatus::Open => {
            let mut rows = vec![vec![button(
                texts::ballot::close_button(turn.lang),
                ballot.nonce,
                Action::CloseBallot,
            )]];
            rows.extend(overview.unfinished.iter().map(|member| {
                let id = member.person.id.0;
                let name = &member.person.full_name;
                // A member present in chat votes themself: the secretary can only record them
                // absent (a preview first); paper votes are for the absent.
                let (label, action) = if member.on_paper {
                    (
                        texts::ballot::written_button(turn.lang, name),
                        Action::WrittenFor { member: id },
                    )
                } else {
                    (
                        texts::ballot::absent_button(turn.lang, name),
                        Action::MarkAbsent { member: id },
                    )
                };
                vec![button(label, ballot.nonce, action)]
            }));
            rows
        }
        Some(_) => Vec::new(),
    };
    let keyboard = (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows));
    show(turn, screen, &text, keyboard).await
}

/// A confirmation on its own row, "back" on another.
fn confirm_or_back(
    lang: texts::Lang,
    nonce: u32,
    confirm: Option<(&str, Action)>,
) -> InlineKeyboardMarkup {
    let mut rows = Vec::new();
    if let Some((label, action)) = confirm {
        rows.push(vec![button(label, nonce, action)]);
    }
    rows.push(vec![button(
        texts::ballot::back_button(lang),
        nonce,
        Action::BallotOverview,
    )]);
    InlineKeyboardMarkup::new(rows)
}

async fn acknowledge(turn: &Turn, query: &CallbackQuery) -> HandlerResult {
    turn.bot.answer_callback_query(query.id.clone()).await?;
    Ok(())
}

/// One of the secretary's buttons; `message` is the overview or preview it was pressed on.
pub async fn press(
    turn: &Turn,
    query: &CallbackQuery,
    payload: Payload,
    message: MessageId,
) -> HandlerResult {
    let ctx = &turn.ctx;
    let screen = Screen::Edit(message);
    match payload.action {
        Action::OpenBallot => match service::open(ctx, &turn.caller).await {
            Ok(opened) => {
                acknowledge(turn, query).await?;
                let on_paper: Vec<String> = opened
                    .on_paper
                    .iter()
                    .map(|person| person.full_name.clone())
                    .collect();
                turn.say(&texts::ballot::opened(
                    turn.lang,
                    opened.items,
                    opened.membership,
                    &on_paper,
                ))
                .await
            }
            Err(error) => refuse(turn, query, 0, error).await,
        },
        Action::BallotOverview => match service::overview(ctx, &turn.caller).await {
            Ok(overview) => {
                acknowledge(turn, query).await?;
                show_overview(turn, screen, &overview).await
            }
            Err(error) => refuse(turn, query, 0, error).await,
        },
        Action::CloseBallot => match service::close_preview(ctx, &turn.caller).await {
            Ok(preview) if preview.nonce == payload.nonce => {
                acknowledge(turn, query).await?;
                let confirm = (!preview.would_reveal).then(|| {
                    (
                        texts::ballot::confirm_close_button(turn.lang),
                        Action::ConfirmClose { seen: preview.seen },
                    )
                });
                let keyboard = confirm_or_back(turn.lang, preview.nonce, confirm);
                let text = texts::ballot::close_preview(turn.lang, &preview);
                show(turn, screen, &text, Some(keyboard)).await
            }
            Ok(_) => refuse(turn, query, 0, crate::services::Refusal::StaleButton.into()).await,
            Err(error) => refuse(turn, query, 0, error).await,
        },
        Action::ConfirmClose { seen } => {
            let current = service::close_preview(ctx, &turn.caller)
                .await
                .ok()
                .map(|preview| preview.nonce);
            if current != Some(payload.nonce) {
                return refuse(turn, query, 0, crate::services::Refusal::StaleButton.into()).await;
            }
            match service::close(ctx, &turn.caller, seen).await {
                Ok(tallied) => {
                    acknowledge(turn, query).await?;
                    let text = texts::ballot::closed_with_tally(turn.lang, &tallied);
                    show(turn, screen, &text, None).await
                }
                Err(error) => refuse(turn, query, 0, error).await,
            }
        }
        Action::MarkAbsent { member } => {
            let previewed =
                service::absence_preview(ctx, &turn.caller, payload.nonce, PersonId(member)).await;
            match previewed {
                Ok(absence) => {
                    acknowledge(turn, query).await?;
                    let text = texts::ballot::absence_preview(
                        turn.lang,
                        &absence.member.full_name,
                        &absence.told_on,
                    );
                    let confirm = Some((
                        texts::ballot::confirm_absent_button(turn.lang),
                        Action::ConfirmAbsent { member },
                    ));
                    let keyboard = confirm_or_back(turn.lang, payload.nonce, confirm);
                    show(turn, screen, &text, Some(keyboard)).await
                }
                Err(error) => refuse(turn, query, 0, error).await,
            }
        }
        Action::ConfirmAbsent { member } => {
            let recorded =
                service::record_absence(ctx, &turn.caller, payload.nonce, PersonId(member)).await;
            match recorded {
                Ok(absence) => {
                    acknowledge(turn, query).await?;
                    let text = texts::ballot::absence_recorded(
                        turn.lang,
                        &absence.member.full_name,
                        &absence.told_on,
                    );
                    let keyboard = InlineKeyboardMarkup::new([[button(
                        texts::ballot::written_button(turn.lang, &absence.member.full_name),
                        payload.nonce,
                        Action::WrittenFor { member },
                    )]]);
                    show(turn, screen, &text, Some(keyboard)).await
                }
                Err(error) => refuse(turn, query, 0, error).await,
            }
        }
        _ => Ok(()),
    }
}
