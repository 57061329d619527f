//! /pheduyet: the director reads the results with ballot figures and approves them with the
//! decision's number and date, or sends them back to the standing body with a comment.
//!
//! ```text
//! director: /pheduyet
//! bot:  Kết quả xét thi đua – khen thưởng năm 2026: … • Nguyễn Thị Mai — Chiến sĩ thi đua cơ sở
//!       — đồng ý 4, không đồng ý 0: ✅ đạt …        [✅ Phê duyệt] [↩️ Trả lại Thường trực] [✖️]
//! director: (presses Phê duyệt)    bot: Vui lòng gõ số quyết định và ngày ký …
//! director: 125/QĐ-SXD 15/12/2026
//! bot:  Xem trước khi phê duyệt … — 1. Nhóm công bố kết quả — 📣 KẾT QUẢ … — 2. Tin nhắn riêng …
//!       [✅ Xác nhận phê duyệt và công bố] / [✏️ Nhập lại số quyết định] / [✖️ Hủy, chưa phê duyệt]
//! director: (presses Xác nhận)      bot: Đã phê duyệt Quyết định số 125/QĐ-SXD ngày 15/12/2026 …
//! ```

use super::Turn;
use super::decide::{self, Answer, Answered, Buttons, DecideDialogue, Listing, Step};
use crate::bot::state::{DecideStep, State};
use crate::bot::{ChatDialogue, HandlerResult};
use crate::domain::language::Lang;
use crate::services::decision;
use crate::services::{Refusal, ServiceError};
use crate::texts;
use crate::ui::callback_data::Action;
use crate::ui::notices;

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
    let nonce = turn.screen_nonce();
    let keyboard = decide::keyboard::<Decision>(turn.lang, nonce);
    dialogue
        .update(Decision::state(
            nonce,
            Step::Decide {
                item: (),
                seen: None,
            },
        ))
        .await?;
    super::screen::show(turn, super::screen::Screen::New, &text, Some(keyboard)).await
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
            DecideStep::Review => Step::Decide {
                item: (),
                seen: None,
            },
            DecideStep::DecisionNumber => Step::Typed {
                item: (),
                answer: Answer::Decide,
                seen: None,
            },
            DecideStep::SendBackComment => Step::Typed {
                item: (),
                answer: Answer::Return,
                seen: None,
            },
            DecideStep::ConfirmApproval { typed } => Step::Confirm { item: (), typed },
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
            Step::Confirm { typed, .. } => DecideStep::ConfirmApproval { typed },
        };
        State::Deciding { nonce, step }
    }

    fn buttons(lang: Lang) -> Buttons {
        Buttons {
            decide: texts::decision::approve_button(lang).to_owned(),
            return_it: Some(texts::decision::send_back_button(lang).to_owned()),
            back: (texts::review::buttons(lang).close, Action::Cancel),
        }
    }

    fn list(
        _turn: &Turn,
    ) -> Option<impl Future<Output = Result<Listing<()>, ServiceError>> + Send> {
        None::<std::future::Ready<_>>
    }

    async fn open(_turn: &Turn, _results: ()) -> Result<(String, Option<i64>), ServiceError> {
        // Opened only by `start`, which shows the results itself.
        Ok((String::new(), None))
    }

    async fn prompt(turn: &Turn, _results: (), answer: Answer) -> String {
        match answer {
            Answer::Decide => texts::decision::ask_number(turn.lang),
            Answer::Return => texts::decision::ask_comment(turn.lang),
        }
    }

    /// The decision's number and date, or the send-back comment, typed by the director.
    async fn answer(
        turn: &Turn,
        _results: (),
        _seen: Option<i64>,
        answer: Answer,
        text: Option<&str>,
    ) -> Answered<()> {
        let text = text.unwrap_or_default();
        match answer {
            // Publishing cannot be undone: the typed number first shows what will be sent.
            Answer::Decide => {
                let Some((number, date)) = decision::parse_number_and_date(text) else {
                    return Answered::AskAgain(texts::decision::ask_number(turn.lang));
                };
                match decision::preview(&turn.ctx, &turn.caller, &number, date).await {
                    Ok(preview) => Answered::ConfirmFirst {
                        preview: preview_text(turn.lang, &preview),
                        typed: text.to_owned(),
                    },
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

    /// The number typed before the preview, approved now (every check runs again).
    async fn confirmed(turn: &Turn, _results: (), typed: &str) -> Answered<()> {
        let Some((number, date)) = decision::parse_number_and_date(typed) else {
            return Answered::AskAgain(texts::decision::ask_number(turn.lang));
        };
        match decision::approve(&turn.ctx, &turn.caller, &number, date).await {
            Ok(approved) => Answered::Done(texts::decision::approved(turn.lang, &approved)),
            Err(error) => Answered::Refused(error),
        }
    }
}

/// Every message of the preview rendered as its reader will read it; identical messages of one
/// kind (the same words to many people) are shown once with all their recipients.
fn preview_text(lang: Lang, preview: &decision::ApprovalPreview) -> String {
    let rendered: Vec<(String, String)> = preview
        .messages
        .iter()
        .map(|message| {
            let (subject, body) = match &message.content {
                decision::Content::Text(body) => (String::new(), body.clone()),
                decision::Content::Notice(notice) => {
                    let words = notices::render(notice, message.lang);
                    // A chat message has no subject line; an e-mail's is part of what is read.
                    match message.to {
                        decision::Addressee::Email { .. } => (words.subject, words.body),
                        _ => (String::new(), words.body),
                    }
                }
            };
            // Addressed to its reader as the notifier will address it.
            match (&message.recipient, message.lang, &message.to) {
                (Some(person), Lang::Vi, decision::Addressee::Email { .. }) => (
                    texts::address::formal(&subject, person),
                    texts::address::formal(&body, person),
                ),
                (Some(person), Lang::Vi, _) => {
                    (subject, texts::address::chat(&body, person.gender))
                }
                _ => (subject, body),
            }
        })
        .collect();
    let mut shown: Vec<texts::decision::Shown<'_>> = Vec::new();
    for (message, (subject, body)) in preview.messages.iter().zip(&rendered) {
        let kind = std::mem::discriminant(&message.to);
        let same = shown.iter_mut().find(|seen| {
            std::mem::discriminant(seen.to[0]) == kind
                && !matches!(message.to, decision::Addressee::Group)
                && seen.subject == subject
                && seen.body == body
                && seen.attachments == message.attachments.as_slice()
        });
        match same {
            Some(seen) => seen.to.push(&message.to),
            None => shown.push(texts::decision::Shown {
                to: vec![&message.to],
                subject,
                body,
                attachments: &message.attachments,
            }),
        }
    }
    texts::decision::approval_preview(lang, preview, &shown)
}
