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
use super::decide::{self, Answer, Answered, Buttons, DecideDialogue, Listing, Step};
use crate::bot::state::{DecideStep, State, new_nonce};
use crate::bot::{ChatDialogue, HandlerResult, reply};
use crate::domain::language::Lang;
use crate::services::decision;
use crate::services::{Refusal, ServiceError};
use crate::texts;
use crate::ui::callback_data::Action;

/// The results, with Approve / Send back unless they are approved already. Unlike the lists of
/// the other decide-or-return dialogues, a refusal here leaves the chat's dialogue as it was.
pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    let results = match decision::results(&turn.ctx, &turn.caller).await {
        Ok(results) => results,
        Err(error) => return turn.explain(error).await,
    };
    let text = texts::decision::results(turn.lang, &turn.ctx.org, &results);
    if results.approval.is_some() {
        return turn.say(&text).await;
    }
    let nonce = new_nonce();
    let keyboard = decide::keyboard::<Decision>(turn.lang, nonce);
    dialogue
        .update(Decision::state(nonce, Step::Decide { item: () }))
        .await?;
    reply::say_with_keyboard(&turn.bot, turn.chat, &text, keyboard).await?;
    Ok(())
}

/// /pheduyet as a decide-or-return dialogue over the one set of results: both the approval and
/// the send-back are typed.
pub struct Decision;

impl DecideDialogue for Decision {
    type Item = ();
    const RETURN: Action = Action::Return;
    const DECIDE_TYPED: bool = true;
    const TEXT_BEFORE_STEP: bool = true;

    fn step(state: State) -> Option<(u32, Step<()>)> {
        let State::Deciding { nonce, step } = state else {
            return None;
        };
        let step = match step {
            DecideStep::Review => Step::Decide { item: () },
            DecideStep::DecisionNumber => Step::Typed {
                item: (),
                answer: Answer::Decide,
            },
            DecideStep::SendBackComment => Step::Typed {
                item: (),
                answer: Answer::Return,
            },
        };
        Some((nonce, step))
    }

    fn state(nonce: u32, step: Step<()>) -> State {
        let step = match step {
            // There is no list: the results are the one item.
            Step::Choose { .. } | Step::Decide { .. } => DecideStep::Review,
            Step::Typed {
                answer: Answer::Decide,
                ..
            } => DecideStep::DecisionNumber,
            Step::Typed {
                answer: Answer::Return,
                ..
            } => DecideStep::SendBackComment,
        };
        State::Deciding { nonce, step }
    }

    fn buttons(lang: Lang) -> Buttons {
        Buttons {
            decide: texts::decision::approve_button(lang).to_owned(),
            return_it: texts::decision::send_back_button(lang).to_owned(),
            back: (texts::review::buttons(lang).close, Action::Cancel),
        }
    }

    fn list(
        _turn: &Turn,
    ) -> Option<impl Future<Output = Result<Listing<()>, ServiceError>> + Send> {
        None::<std::future::Ready<_>>
    }

    async fn open(_turn: &Turn, _results: ()) -> Result<String, ServiceError> {
        // Opened only by `start`, which shows the results itself.
        Ok(String::new())
    }

    async fn prompt(turn: &Turn, _results: (), answer: Answer) -> String {
        match answer {
            Answer::Decide => texts::decision::ask_number(turn.lang),
            Answer::Return => texts::decision::ask_comment(turn.lang),
        }
    }

    /// The decision's number and date, or the send-back comment, typed by the director.
    async fn answer(turn: &Turn, _results: (), answer: Answer, text: Option<&str>) -> Answered {
        let text = text.unwrap_or_default();
        match answer {
            Answer::Decide => {
                let Some((number, date)) = decision::parse_number_and_date(text) else {
                    return Answered::AskAgain(texts::decision::ask_number(turn.lang));
                };
                match decision::approve(&turn.ctx, &turn.caller, &number, date).await {
                    Ok(approved) => Answered::Done(texts::decision::approved(turn.lang, &approved)),
                    Err(error) => Answered::Refused(error),
                }
            }
            Answer::Return => match decision::send_back(&turn.ctx, &turn.caller, text).await {
                Ok(()) => Answered::Done(texts::decision::sent_back(turn.lang)),
                Err(ServiceError::Refused(Refusal::InputInvalid)) => {
                    Answered::AskAgain(texts::decision::ask_comment(turn.lang))
                }
                Err(error) => Answered::Refused(error),
            },
        }
    }
}
