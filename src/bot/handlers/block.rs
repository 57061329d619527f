//! /chamdiem: a block member's contact scores the member's sheet, one criterion per message,
//! each answer saved at once (a draft survives a closed chat), then sees the sheet and sends it
//! to the checker after a confirmation. [`check`] is the leader's cross-check (/kiemtra),
//! [`results`] the council's confirmation of the ranking (/ketquakhoi).
//!
//! ```text
//! contact: /chamdiem
//! bot:  Tiêu chí 1/7 — nhóm I. Thực hiện nhiệm vụ chuyên môn được giao
//!       1.1 Hoàn thành các chỉ tiêu kế hoạch năm … (tối đa 30 điểm) …  [💾 Lưu nháp, làm tiếp sau]
//! contact: 28,5
//! bot:  Tiêu chí 2/7 …   [⬅️ Tiêu chí trước] [💾 …]
//! …
//! bot:  Bảng chấm điểm thi đua của … Tổng cộng: 91,5/100 điểm  [📤 Gửi trưởng khối] [✏️ …] [💾 …]
//! contact: (presses Gửi)   bot: Đơn vị sẽ gửi bảng tự chấm 91,5 điểm … [✅ Xác nhận gửi] [⬅️]
//! contact: (presses Xác nhận gửi)   bot: Đã gửi bảng tự chấm 91,5 điểm cho trưởng khối …
//! ```

pub mod check;
pub mod results;

use super::Turn;
use super::screen::{Pressed, Screen, button, refuse, show};
use crate::bot::state::{ScoreStep, State};
use crate::bot::{BotError, ChatDialogue, HandlerResult};
use crate::domain::block::{Duty, Points, SheetStatus};
use crate::services::block::{SheetView, sheet as service};
use crate::texts;
use crate::texts::block as text;
use crate::ui::callback_data::Action;
use teloxide::types::InlineKeyboardMarkup;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    let sheet = match service::mine(&turn.ctx, &turn.caller).await {
        Ok(sheet) => sheet,
        Err(error) => return refuse(turn, dialogue, Screen::New, error).await,
    };
    if sheet.member.status != SheetStatus::Draft {
        super::screen::end(turn, dialogue).await?;
        return turn.say(&sheet_text(turn, &sheet)).await;
    }
    let criteria: Vec<String> = sheet
        .block
        .table
        .criteria()
        .map(|c| c.code.clone())
        .collect();
    match criteria
        .iter()
        .position(|code| !sheet.scores.points.contains_key(code))
    {
        Some(index) => ask(turn, dialogue, Screen::New, &sheet, index).await,
        None => summary(turn, dialogue, Screen::New, &sheet).await,
    }
}

/// /trangthai for a contact: the member's sheet as it stands.
pub async fn status(turn: &Turn) -> HandlerResult {
    match service::mine(&turn.ctx, &turn.caller).await {
        Ok(sheet) => turn.say(&sheet_text(turn, &sheet)).await,
        Err(error) => turn.explain(error).await,
    }
}

fn sheet_text(turn: &Turn, sheet: &SheetView) -> String {
    format!(
        "{}\n{}",
        text::sheet_header(
            turn.lang,
            &sheet.member.name,
            &sheet.block.name,
            sheet.member.status
        ),
        text::sheet(
            turn.lang,
            &sheet.block.table,
            &sheet.scores.points,
            &sheet.scores.reasons
        )
    )
}

fn checker(turn: &Turn, sheet: &SheetView) -> String {
    match sheet.member.duty {
        Duty::Leader => text::checker_deputy(turn.lang),
        Duty::Deputy | Duty::Member => text::checker_leader(turn.lang),
    }
}

async fn ask(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    sheet: &SheetView,
    index: usize,
) -> HandlerResult {
    let Some(criterion) = sheet.block.table.criteria().nth(index) else {
        return summary(turn, dialogue, screen, sheet).await;
    };
    let saved = sheet
        .scores
        .points
        .get(&criterion.code)
        .map(|(own, _)| *own);
    let nonce = turn.screen_nonce();
    let labels = text::buttons(turn.lang);
    let mut row = Vec::new();
    if let Some(points) = saved {
        row.push(button(
            format!("{} ({points})", labels.keep),
            nonce,
            Action::Confirm,
        ));
    }
    if index > 0 {
        row.push(button(labels.previous, nonce, Action::ChooseAgain));
    }
    let rows = vec![row, vec![button(labels.later, nonce, Action::Cancel)]];
    dialogue
        .update(State::Scoring {
            nonce,
            step: ScoreStep::Criterion { index },
        })
        .await?;
    let prompt = text::ask_criterion(turn.lang, index, &sheet.block.table, criterion, saved);
    show(turn, screen, &prompt, Some(InlineKeyboardMarkup::new(rows))).await
}

async fn summary(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    sheet: &SheetView,
) -> HandlerResult {
    let nonce = turn.screen_nonce();
    let labels = text::buttons(turn.lang);
    let rows = vec![
        vec![button(labels.send, nonce, Action::Submit)],
        vec![button(labels.rescore, nonce, Action::ChangeAnswer)],
        vec![button(labels.later, nonce, Action::Cancel)],
    ];
    dialogue
        .update(State::Scoring {
            nonce,
            step: ScoreStep::Summary,
        })
        .await?;
    let body = format!(
        "{}\n\n{}",
        sheet_text(turn, sheet),
        text::summary_prompt(turn.lang)
    );
    show(turn, screen, &body, Some(InlineKeyboardMarkup::new(rows))).await
}

async fn confirm_send(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    sheet: &SheetView,
) -> HandlerResult {
    let missing = sheet.missing();
    if !missing.is_empty() {
        let error = crate::services::Refusal::BlockSheetIncomplete(missing).into();
        return refuse(turn, dialogue, screen, error).await;
    }
    let nonce = turn.screen_nonce();
    let labels = text::buttons(turn.lang);
    let rows = vec![
        vec![button(labels.confirm_send, nonce, Action::Confirm)],
        vec![button(labels.back, nonce, Action::ChooseAgain)],
    ];
    dialogue
        .update(State::Scoring {
            nonce,
            step: ScoreStep::ConfirmSend {
                revision: sheet.member.revision,
            },
        })
        .await?;
    let body = text::confirm_send(turn.lang, sheet.own_total(), &checker(turn, sheet));
    show(turn, screen, &body, Some(InlineKeyboardMarkup::new(rows))).await
}

/// The sheet as it is now, or the refusal that ends the dialogue.
async fn current(turn: &Turn) -> Result<SheetView, crate::services::ServiceError> {
    service::mine(&turn.ctx, &turn.caller).await
}

pub async fn press(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    action: Action,
    screen: Screen,
) -> Result<Pressed, BotError> {
    let State::Scoring { step, .. } = state else {
        return Ok(Pressed::DoesNotFit);
    };
    if action == Action::Cancel {
        super::screen::end(turn, dialogue).await?;
        show(turn, screen, &text::saved_for_later(turn.lang), None).await?;
        return Ok(Pressed::Handled);
    }
    let sheet = match current(turn).await {
        Ok(sheet) => sheet,
        Err(error) => {
            refuse(turn, dialogue, screen, error).await?;
            return Ok(Pressed::Handled);
        }
    };
    let done = match (step, action) {
        (ScoreStep::Criterion { index }, Action::Confirm) => {
            ask(turn, dialogue, screen, &sheet, index + 1).await
        }
        (ScoreStep::Criterion { index }, Action::ChooseAgain) if index > 0 => {
            ask(turn, dialogue, screen, &sheet, index - 1).await
        }
        (ScoreStep::Summary, Action::Submit) => confirm_send(turn, dialogue, screen, &sheet).await,
        (ScoreStep::Summary, Action::ChangeAnswer) => ask(turn, dialogue, screen, &sheet, 0).await,
        (ScoreStep::ConfirmSend { .. }, Action::ChooseAgain) => {
            summary(turn, dialogue, screen, &sheet).await
        }
        (ScoreStep::ConfirmSend { revision }, Action::Confirm) => {
            match service::submit(&turn.ctx, &turn.caller, revision).await {
                Ok(sent) => {
                    super::screen::end(turn, dialogue).await?;
                    let body = text::sent(turn.lang, sent.own_total(), &checker(turn, &sent));
                    show(turn, screen, &body, None).await
                }
                Err(error) => refuse(turn, dialogue, screen, error).await,
            }
        }
        _ => return Ok(Pressed::DoesNotFit),
    };
    done.map(|()| Pressed::Handled)
}

/// Typed points for the criterion being asked.
pub async fn message(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    typed: Option<&str>,
) -> HandlerResult {
    let State::Scoring {
        step: ScoreStep::Criterion { index },
        ..
    } = state
    else {
        return turn.say(&texts::common::use_the_buttons(turn.lang)).await;
    };
    let Some(typed) = typed else {
        return turn.say(&texts::assessment::needs_text(turn.lang)).await;
    };
    let sheet = match current(turn).await {
        Ok(sheet) => sheet,
        Err(error) => return refuse(turn, dialogue, Screen::New, error).await,
    };
    let Some(criterion) = sheet.block.table.criteria().nth(index) else {
        return summary(turn, dialogue, Screen::New, &sheet).await;
    };
    let points = match Points::parse(typed).and_then(|points| points.at_most(criterion.max)) {
        Ok(points) => points,
        Err(error) => return turn.say(&text::points_error(turn.lang, error)).await,
    };
    let code = criterion.code.clone();
    match service::save(&turn.ctx, &turn.caller, &code, points).await {
        Ok(saved) => ask(turn, dialogue, Screen::New, &saved, index + 1).await,
        Err(error) => refuse(turn, dialogue, Screen::New, error).await,
    }
}
