//! /giaykhen for the director: the proposals the standing body agreed to; one is decided with
//! the decision's number and signing date, typed, then confirmed on a screen saying what
//! happens (published to the group, the recipient told, written into the history).
//!
//! ```text
//! director: /giaykhen   (presses 1)
//! bot:  Đề nghị số 1: Giấy khen của Giám đốc Sở … [✍️ Quyết định] [⬅️ Danh sách]
//! director: (presses Quyết định)   bot: Vui lòng gõ số quyết định … và ngày ký …
//! director: 15/QĐ-SXD 20/10/2026
//! bot:  Xác nhận quyết định tặng Giấy khen …  [✅ Xác nhận quyết định và công bố] / [✏️ …] / [✖️ …]
//! director: (presses Xác nhận)   bot: Đã quyết định tặng Giấy khen cho …
//! ```

use crate::bot::handlers::Turn;
use crate::bot::handlers::decide::{Answer, Answered, Buttons, DecideDialogue, Listing, Step};
use crate::bot::state::State;
use crate::domain::commendation::parse_decision;
use crate::domain::language::Lang;
use crate::domain::time::local_date;
use crate::services::commendation as service;
use crate::services::{Refusal, ServiceError};
use crate::texts::commendation as text;
use crate::ui::callback_data::Action;

async fn recipient(turn: &Turn, id: i64) -> String {
    service::open_for_decision(&turn.ctx, &turn.caller, id)
        .await
        .map(|line| line.recipient)
        .unwrap_or_default()
}

/// The decision as a decide-only dialogue over proposal ids. Its steps are those of /guilai
/// (list, one opened, the typed text, its confirmation), so it stores the same step type.
pub struct CommendationDecision;

impl DecideDialogue for CommendationDecision {
    type Item = i64;
    const RETURN: Action = Action::Return;
    const DECIDE_TYPED: bool = true;
    const TEXT_BEFORE_STEP: bool = false;

    fn step(state: State) -> Option<(u32, Step<i64>)> {
        let State::DecidingCommendation { nonce, step } = state else {
            return None;
        };
        Some((nonce, step.into()))
    }

    fn state(nonce: u32, step: Step<i64>) -> State {
        State::DecidingCommendation {
            nonce,
            step: step.into(),
        }
    }

    fn buttons(lang: Lang) -> Buttons {
        Buttons {
            decide: text::decide_one_button(lang),
            return_it: None,
            back: (text::list_button(lang), Action::ChooseAgain),
        }
    }

    fn list(
        turn: &Turn,
    ) -> Option<impl Future<Output = Result<Listing<i64>, ServiceError>> + Send> {
        Some(async move {
            let lines = service::to_decide(&turn.ctx, &turn.caller).await?;
            let lines = &lines[..lines.len().min(90)];
            let picks = (lines.iter().enumerate())
                .map(|(index, line)| ((index + 1).to_string(), line.commendation.id))
                .collect();
            Ok(Listing {
                text: text::decision_list(turn.lang, lines),
                picks,
                picks_per_row: 6,
                anew: false,
            })
        })
    }

    async fn open(turn: &Turn, id: i64) -> Result<(String, Option<i64>), ServiceError> {
        let line = service::open_for_decision(&turn.ctx, &turn.caller, id).await?;
        Ok((text::detail(turn.lang, &line), None))
    }

    async fn prompt(turn: &Turn, id: i64, _answer: Answer) -> String {
        text::ask_decision(turn.lang, &recipient(turn, id).await)
    }

    /// The typed number and date: checked, then previewed; deciding waits for the confirmation.
    async fn answer(
        turn: &Turn,
        id: i64,
        _seen: Option<i64>,
        answer: Answer,
        typed: Option<&str>,
    ) -> Answered {
        let (Answer::Decide, Some(typed)) = (answer, typed) else {
            return Answered::Refused(Refusal::StaleButton.into());
        };
        let (number, date) = match parse_decision(typed, local_date(turn.ctx.now())) {
            Ok(parsed) => parsed,
            Err(error) => return Answered::AskAgain(text::decision_refused(turn.lang, error)),
        };
        match service::open_for_decision(&turn.ctx, &turn.caller, id).await {
            Ok(line) => Answered::ConfirmFirst {
                preview: text::decision_preview(turn.lang, &line, &number, date),
                typed: typed.trim().to_owned(),
            },
            Err(error) => Answered::Refused(error),
        }
    }

    async fn confirmed(turn: &Turn, id: i64, typed: &str) -> Answered {
        let (number, date) = match parse_decision(typed, local_date(turn.ctx.now())) {
            Ok(parsed) => parsed,
            Err(error) => return Answered::AskAgain(text::decision_refused(turn.lang, error)),
        };
        match service::decide(&turn.ctx, &turn.caller, id, &number, date).await {
            Ok(decided) => Answered::Done(text::decided(turn.lang, &decided)),
            Err(error) => Answered::Refused(error),
        }
    }

    fn confirm_label(lang: Lang) -> String {
        text::confirm_decision_button(lang)
    }
}
