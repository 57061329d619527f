//! /guilai: a unit head resends a nomination the standing body returned, while appraisal is
//! open — the list, one with its return reason, the note of what was completed, a preview,
//! then the confirmation.
//!
//! ```text
//! head: /guilai
//! bot:  Đề nghị của đơn vị bị Thường trực Hội đồng trả lại — 1 đề nghị …
//!       1. Nguyễn Thị Mai — Lao động tiên tiến                              [1] [✖️]
//! head: (presses 1)   bot: … Lý do Thường trực Hội đồng trả lại: …  [📤 Gửi lại] [⬅️ Danh sách]
//! head: (presses Gửi lại)   bot: Vui lòng gõ nội dung đã bổ sung …
//! head: Đã bổ sung Quyết định số 45/QĐ-SXD.
//! bot:  Gửi lại đề nghị … để Thường trực Hội đồng thẩm định lại? …
//!       [✅ Xác nhận gửi lại] / [✏️ …] / [✖️ …]
//! head: (presses Xác nhận gửi lại)   bot: Đã gửi lại đề nghị …
//! ```

use super::Turn;
use super::decide::{self, Answer, Answered, Buttons, DecideDialogue, Listing, Step};
use crate::bot::state::State;
use crate::bot::{ChatDialogue, HandlerResult};
use crate::domain::language::Lang;
use crate::services::resubmission;
use crate::services::{Refusal, ServiceError};
use crate::texts;
use crate::ui::callback_data::Action;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    decide::start::<Resubmission>(turn, dialogue).await
}

async fn nominee(turn: &Turn, nomination: i64) -> String {
    resubmission::open(&turn.ctx, &turn.caller, nomination)
        .await
        .map(|line| line.nominee)
        .unwrap_or_default()
}

/// /guilai as a decide-only dialogue over nomination ids: resending is typed, then confirmed.
pub struct Resubmission;

impl DecideDialogue for Resubmission {
    type Item = i64;
    const RETURN: Action = Action::Return;
    const DECIDE_TYPED: bool = true;
    const TEXT_BEFORE_STEP: bool = false;

    fn step(state: State) -> Option<(u32, Step<i64>)> {
        let State::Resending { nonce, step } = state else {
            return None;
        };
        Some((nonce, step.into()))
    }

    fn state(nonce: u32, step: Step<i64>) -> State {
        State::Resending {
            nonce,
            step: step.into(),
        }
    }

    fn buttons(lang: Lang) -> Buttons {
        Buttons {
            decide: texts::resubmission::resend_button(lang),
            return_it: None,
            back: (texts::resubmission::back_button(lang), Action::ChooseAgain),
        }
    }

    fn list(
        turn: &Turn,
    ) -> Option<impl Future<Output = Result<Listing<i64>, ServiceError>> + Send> {
        Some(async move {
            let lines = resubmission::returned(&turn.ctx, &turn.caller).await?;
            let picks = (lines.iter().enumerate())
                .map(|(index, line)| ((index + 1).to_string(), line.nomination.id))
                .collect();
            Ok(Listing {
                text: texts::resubmission::list(turn.lang, &lines),
                picks,
                picks_per_row: 6,
                anew: false,
            })
        })
    }

    async fn open(turn: &Turn, nomination: i64) -> Result<(String, Option<i64>), ServiceError> {
        let line = resubmission::open(&turn.ctx, &turn.caller, nomination).await?;
        Ok((texts::resubmission::detail(turn.lang, &line), None))
    }

    async fn prompt(turn: &Turn, nomination: i64, _answer: Answer) -> String {
        texts::resubmission::ask_note(turn.lang, &nominee(turn, nomination).await)
    }

    /// The typed note: checked, then previewed; resending waits for the confirmation.
    async fn answer(
        turn: &Turn,
        nomination: i64,
        _seen: Option<i64>,
        answer: Answer,
        note: Option<&str>,
    ) -> Answered {
        let (Answer::Decide, Some(note)) = (answer, note) else {
            return Answered::Refused(Refusal::StaleButton.into());
        };
        let Ok(note) = resubmission::checked_note(note) else {
            let name = nominee(turn, nomination).await;
            return Answered::AskAgain(texts::resubmission::ask_note(turn.lang, &name));
        };
        match resubmission::open(&turn.ctx, &turn.caller, nomination).await {
            Ok(line) => Answered::ConfirmFirst {
                preview: texts::resubmission::preview(turn.lang, &line, note),
                typed: note.to_owned(),
            },
            Err(error) => Answered::Refused(error),
        }
    }

    async fn confirmed(turn: &Turn, nomination: i64, note: &str) -> Answered {
        match resubmission::resend(&turn.ctx, &turn.caller, nomination, note).await {
            Ok(line) => Answered::Done(texts::resubmission::resent(turn.lang, &line)),
            Err(error) => Answered::Refused(error),
        }
    }

    fn confirm_label(lang: Lang) -> String {
        texts::resubmission::confirm_button(lang)
    }
}
