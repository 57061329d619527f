//! /giaykhen for the standing body: the proposals waiting for appraisal; one is agreed to (it
//! goes to the director) or refused with a typed reason (the proposer is told).
//!
//! ```text
//! secretary: /giaykhen   (presses 🔎 Thẩm định (1), then 1)
//! bot:  Đề nghị số 1: Giấy khen của Giám đốc Sở, khen thưởng đột xuất …
//!       [✅ Đồng ý] [↩️ Không đồng ý] [⬅️ Danh sách]
//! secretary: (presses Đồng ý)   bot: Đã thẩm định đồng ý đề nghị Giấy khen cho …
//! ```

use crate::bot::handlers::Turn;
use crate::bot::handlers::decide::{Answer, Answered, Buttons, DecideDialogue, Listing, Step};
use crate::bot::reply;
use crate::bot::state::State;
use crate::domain::commendation::parse_refusal_reason;
use crate::domain::language::Lang;
use crate::services::ServiceError;
use crate::services::commendation as service;
use crate::texts::commendation as text;
use crate::ui::callback_data::Action;

/// Buttons per list: the rest appear once these are appraised.
const LIST_LIMIT: usize = 90;

async fn recipient(turn: &Turn, id: i64) -> String {
    service::open_for_appraisal(&turn.ctx, &turn.caller, id)
        .await
        .map(|line| line.recipient)
        .unwrap_or_default()
}

/// The appraisal as a decide-or-return dialogue over proposal ids.
pub struct CommendationAppraisal;

impl DecideDialogue for CommendationAppraisal {
    type Item = i64;
    const RETURN: Action = Action::Return;
    const DECIDE_TYPED: bool = false;
    const TEXT_BEFORE_STEP: bool = false;

    fn step(state: State) -> Option<(u32, Step<i64>)> {
        let State::AppraisingCommendation { nonce, step } = state else {
            return None;
        };
        Some((nonce, step.into()))
    }

    fn state(nonce: u32, step: Step<i64>) -> State {
        State::AppraisingCommendation {
            nonce,
            step: step.into(),
        }
    }

    fn buttons(lang: Lang) -> Buttons {
        Buttons {
            decide: text::agree_button(lang),
            return_it: Some(text::refuse_button(lang)),
            back: (text::list_button(lang), Action::ChooseAgain),
        }
    }

    fn list(
        turn: &Turn,
    ) -> Option<impl Future<Output = Result<Listing<i64>, ServiceError>> + Send> {
        Some(async move {
            let lines = service::to_appraise(&turn.ctx, &turn.caller).await?;
            let lines = &lines[..lines.len().min(LIST_LIMIT)];
            let picks = (lines.iter().enumerate())
                .map(|(index, line)| ((index + 1).to_string(), line.commendation.id))
                .collect();
            let text = text::appraisal_list(turn.lang, lines);
            Ok(Listing {
                anew: text.chars().count() > reply::MAX_MESSAGE_CHARS,
                text,
                picks,
                picks_per_row: 6,
            })
        })
    }

    async fn open(turn: &Turn, id: i64) -> Result<(String, Option<i64>), ServiceError> {
        let line = service::open_for_appraisal(&turn.ctx, &turn.caller, id).await?;
        Ok((text::detail(turn.lang, &line), None))
    }

    async fn prompt(turn: &Turn, id: i64, _answer: Answer) -> String {
        text::ask_refusal_reason(turn.lang, &recipient(turn, id).await)
    }

    /// Agreed by button (then the list again); refused with the typed reason.
    async fn answer(
        turn: &Turn,
        id: i64,
        _seen: Option<i64>,
        answer: Answer,
        reason: Option<&str>,
    ) -> Answered {
        let Answer::Return = answer else {
            return match service::appraise(&turn.ctx, &turn.caller, id, None).await {
                Ok(line) => Answered::ThenList(text::agreed(turn.lang, &line)),
                Err(error) => Answered::Refused(error),
            };
        };
        let reason = reason.unwrap_or_default();
        if let Err(error) = parse_refusal_reason(reason) {
            // Nothing is saved; the reason is asked for again.
            let again = text::ask_refusal_reason(turn.lang, &recipient(turn, id).await);
            return Answered::AskAgain(format!(
                "{}\n{again}",
                text::typed_refused(turn.lang, error)
            ));
        }
        match service::appraise(&turn.ctx, &turn.caller, id, Some(reason)).await {
            Ok(line) => Answered::Done(text::refused(turn.lang, &line)),
            Err(error) => Answered::Refused(error),
        }
    }
}
