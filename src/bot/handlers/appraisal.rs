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
use super::decide::{self, Answer, Answered, Buttons, DecideDialogue, Listing, Step};
use crate::bot::state::State;
use crate::bot::{ChatDialogue, HandlerResult, reply};
use crate::domain::language::Lang;
use crate::services::ServiceError;
use crate::services::appraisal;
use crate::texts;
use crate::ui::callback_data::Action;

/// Buttons per list: the rest appear once these are appraised.
const LIST_LIMIT: usize = 90;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    decide::start::<Appraisal>(turn, dialogue).await
}

async fn nominee(turn: &Turn, nomination: i64) -> String {
    appraisal::open(&turn.ctx, &turn.caller, nomination)
        .await
        .map(|line| line.nominee)
        .unwrap_or_default()
}

/// /thamdinh as a decide-or-return dialogue over nomination ids.
pub struct Appraisal;

impl DecideDialogue for Appraisal {
    type Item = i64;
    const RETURN: Action = Action::Return;
    const DECIDE_TYPED: bool = false;
    const TEXT_BEFORE_STEP: bool = false;

    fn step(state: State) -> Option<(u32, Step<i64>)> {
        let State::Appraising { nonce, step } = state else {
            return None;
        };
        Some((nonce, step.into()))
    }

    fn state(nonce: u32, step: Step<i64>) -> State {
        State::Appraising {
            nonce,
            step: step.into(),
        }
    }

    fn buttons(lang: Lang) -> Buttons {
        Buttons {
            decide: texts::appraisal::valid_button(lang).to_owned(),
            return_it: Some(texts::appraisal::return_button(lang).to_owned()),
            back: (
                texts::appraisal::back_button(lang).to_owned(),
                Action::ChooseAgain,
            ),
        }
    }

    fn list(
        turn: &Turn,
    ) -> Option<impl Future<Output = Result<Listing<i64>, ServiceError>> + Send> {
        Some(async move {
            let overview = appraisal::overview(&turn.ctx, &turn.caller).await?;
            let picks = (overview.lines.iter().take(LIST_LIMIT).enumerate())
                .map(|(index, line)| ((index + 1).to_string(), line.nomination.id))
                .collect();
            let text = texts::appraisal::list(turn.lang, &overview);
            Ok(Listing {
                anew: text.chars().count() > reply::MAX_MESSAGE_CHARS,
                text,
                picks,
                picks_per_row: 6,
            })
        })
    }

    async fn open(turn: &Turn, nomination: i64) -> Result<(String, Option<i64>), ServiceError> {
        let line = appraisal::open(&turn.ctx, &turn.caller, nomination).await?;
        Ok((texts::appraisal::detail(turn.lang, &line), None))
    }

    async fn prompt(turn: &Turn, nomination: i64, _answer: Answer) -> String {
        let name = nominee(turn, nomination).await;
        texts::appraisal::ask_reason(turn.lang, &name)
    }

    /// Valid by button (then the list again); returned with the secretary's reason.
    async fn answer(
        turn: &Turn,
        nomination: i64,
        _seen: Option<i64>,
        answer: Answer,
        reason: Option<&str>,
    ) -> Answered {
        let name = nominee(turn, nomination).await;
        let Answer::Return = answer else {
            return match appraisal::mark_valid(&turn.ctx, &turn.caller, nomination).await {
                Ok(_) => Answered::ThenList(texts::appraisal::marked_valid(turn.lang, &name)),
                Err(error) => Answered::Refused(error),
            };
        };
        let reason = reason.unwrap_or_default();
        match appraisal::return_with(&turn.ctx, &turn.caller, nomination, reason).await {
            Ok(_) => Answered::Done(texts::appraisal::returned(turn.lang, &name)),
            // A too-short reason: say so and keep waiting for a better one.
            Err(ServiceError::Refused(crate::services::Refusal::InputInvalid)) => {
                Answered::AskAgain(texts::appraisal::ask_reason(turn.lang, &name))
            }
            Err(error) => Answered::Refused(error),
        }
    }
}
