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
//!       [Người tiếp theo: Lê Quốc Bảo] [✖️ Đóng]   (or: Không còn bản tự đánh giá nào chờ duyệt.)
//! ```

use super::Turn;
use super::decide::{self, Answer, Answered, Buttons, DecideDialogue, Listing, Step};
use crate::bot::state::State;
use crate::bot::{ChatDialogue, HandlerResult};
use crate::domain::language::Lang;
use crate::domain::person::PersonId;
use crate::services::ServiceError;
use crate::services::review::{self, MemberState};
use crate::texts;
use crate::ui::callback_data::Action;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    decide::start::<Review>(turn, dialogue).await
}

/// /duyet as a decide-or-return dialogue over member ids.
pub struct Review;

impl DecideDialogue for Review {
    type Item = i64;
    const RETURN: Action = Action::ChangeAnswer;
    const DECIDE_TYPED: bool = false;
    const TEXT_BEFORE_STEP: bool = false;

    fn step(state: State) -> Option<(u32, Step<i64>)> {
        let State::Reviewing { nonce, step } = state else {
            return None;
        };
        Some((nonce, step.into()))
    }

    fn state(nonce: u32, step: Step<i64>) -> State {
        State::Reviewing {
            nonce,
            step: step.into(),
        }
    }

    fn buttons(lang: Lang) -> Buttons {
        let labels = texts::review::buttons(lang);
        Buttons {
            decide: labels.approve,
            return_it: Some(labels.return_it),
            back: (labels.back, Action::ChooseAgain),
        }
    }

    fn list(
        turn: &Turn,
    ) -> Option<impl Future<Output = Result<Listing<i64>, ServiceError>> + Send> {
        Some(async move {
            let overview = review::overview(&turn.ctx, &turn.caller).await?;
            // Only someone with a submission has anything to open; the list shows everyone's state.
            let picks = overview
                .members
                .iter()
                .filter(|line| {
                    matches!(
                        line.state,
                        MemberState::Submitted | MemberState::Approved | MemberState::Returned
                    )
                })
                .map(|line| {
                    let label = format!(
                        "{} — {}",
                        line.person.full_name,
                        texts::review::state(turn.lang, line.state)
                    );
                    (label, line.person.id.0)
                })
                .collect();
            Ok(Listing {
                text: texts::review::overview(turn.lang, &overview),
                picks,
                picks_per_row: 1,
                anew: false,
            })
        })
    }

    async fn open(turn: &Turn, member: i64) -> Result<(String, Option<i64>), ServiceError> {
        let opened = review::open(&turn.ctx, &turn.caller, PersonId(member)).await?;
        let mut text = format!(
            "{}{}.\n{}",
            texts::review::opened_header(turn.lang, &opened.member.full_name, opened.version),
            texts::history::recent(turn.lang, &opened.history, opened.year),
            texts::assessment::summary(
                turn.lang,
                &opened.answers,
                &opened.verdicts,
                Some(&opened.member.full_name)
            )
        );
        if !opened.answers.evidence.is_empty() {
            text.push_str("\n\n");
            text.push_str(&texts::evidence::how_to_get(
                turn.lang,
                &opened.member.employee_code,
                opened.answers.evidence.len(),
            ));
        }
        Ok((text, Some(opened.version)))
    }

    async fn prompt(turn: &Turn, _member: i64, _answer: Answer) -> String {
        texts::review::ask_comment(turn.lang)
    }

    /// Approve by button; return with the reviewer's comment.
    /// Both are about the version the reviewer read (`seen`): a newer one is refused.
    async fn answer(
        turn: &Turn,
        member: i64,
        seen: Option<i64>,
        _answer: Answer,
        text: Option<&str>,
    ) -> Answered {
        let comment = match text.map(crate::domain::assessment::parse_review_comment) {
            None => None,
            Some(Ok(comment)) => Some(comment),
            Some(Err(error)) => {
                return Answered::AskAgain(texts::assessment::input_error(turn.lang, error));
            }
        };
        let comment = comment.as_deref();
        let decided =
            match review::decide(&turn.ctx, &turn.caller, PersonId(member), seen, comment).await {
                Ok(member) => member,
                Err(error) => return Answered::Refused(error),
            };
        let mut text = match comment {
            None => texts::review::approved(turn.lang, &decided.full_name),
            Some(_) => texts::review::returned(turn.lang, &decided.full_name),
        };
        // Reviewing is a queue: go on to the next one waiting without going back to the list.
        let next = match next_waiting(turn).await {
            Ok(next) => next,
            Err(error) => return Answered::Refused(error),
        };
        if next.is_none() {
            text.push_str(&texts::review::none_left(turn.lang));
        }
        Answered::ThenNext {
            text,
            next: next.map(|(id, name)| (texts::review::next_button(turn.lang, &name), id)),
        }
    }
}

/// The first member (in the list's order) whose submission still waits for this reviewer.
async fn next_waiting(turn: &Turn) -> Result<Option<(i64, String)>, ServiceError> {
    let overview = review::overview(&turn.ctx, &turn.caller).await?;
    Ok(overview
        .members
        .into_iter()
        .find(|line| line.state == MemberState::Submitted)
        .map(|line| (line.person.id.0, line.person.full_name)))
}
