//! /tudanhgia: the self-assessment, one question at a time, saved after every answer.
//!
//! ```text
//! user: /tudanhgia
//! bot:  Câu 1/6. Năm nay anh/chị được đánh giá, xếp loại ở mức nào?
//!       [Hoàn thành xuất sắc nhiệm vụ] [Hoàn thành tốt nhiệm vụ] [Hoàn thành nhiệm vụ] [Không hoàn thành nhiệm vụ]
//! user: (presses Hoàn thành tốt nhiệm vụ)
//! bot:  Câu 2/6. … Trong năm anh/chị có nghỉ dài ngày không?  [Không nghỉ dài ngày] [Nghỉ thai sản] …
//! user: (presses Nghỉ thai sản)            bot: Nghỉ thai sản: anh/chị đã nghỉ bao nhiêu ngày …?
//! user: 180                                bot: Đã ghi nhận. … còn kỳ nghỉ dài ngày nào khác không? [Thêm] [Xong]
//! …     (discipline, initiatives with decision number and date, research, summary)
//! bot:  Bản tự đánh giá của anh/chị: … Kết quả đối chiếu tiêu chuẩn: ✅ Lao động tiên tiến: đủ điều kiện …
//!       [📨 Nộp] [✏️ Sửa một câu trả lời] [✖️ Tạm dừng]
//! user: (presses Nộp)                      bot: Đã nộp bản tự đánh giá (lần 1). …
//! ```

mod keyboards;

use super::Turn;
use super::screen::{Pressed, Screen, refuse, show};
use crate::bot::state::{AssessStep, State};
use crate::bot::{BotError, ChatDialogue, HandlerResult};
use crate::domain::assessment::{
    self as answers_rules, Answers, Discipline, Initiative, Leave, LeaveKind, Limits, Question,
    TaskRating,
};
use crate::domain::rules::InitiativeScope;
use crate::services::assessment::{self, Session};
use crate::texts;
use crate::ui::callback_data::Action;

/// /tudanhgia: opens or resumes the assessment.
pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    let session = match assessment::open(&turn.ctx, &turn.caller).await {
        Ok(session) => session,
        Err(error) => return refuse(turn, dialogue, Screen::New, error).await,
    };
    if let Some(comment) = session.review_comment.as_deref()
        && session.status == Some(answers_rules::Status::Returned)
    {
        turn.say(&texts::assessment::returned_with(turn.lang, comment))
            .await?;
    } else if session.answers != Answers::default() && !session.answers.is_complete() {
        turn.say(&texts::assessment::resumed(turn.lang)).await?;
    }
    let step = match session.answers.next_question() {
        Some(question) => first_step(question),
        None => AssessStep::Review,
    };
    ask(turn, dialogue, Screen::New, step, false, &session).await
}

/// Shows the step `state` waits on again, as a new message (after a press on an older one).
pub async fn resume(turn: &Turn, dialogue: &ChatDialogue, state: State) -> HandlerResult {
    match state {
        State::Assessing {
            step,
            back_to_review,
            ..
        } => next_step(turn, dialogue, Screen::New, step, back_to_review).await,
        _ => start(turn, dialogue).await,
    }
}

/// Changing a list question starts from what it holds, so entering it loses nothing.
fn step_to_change(question: Question, answers: &Answers) -> AssessStep {
    match question {
        Question::Leave => AssessStep::LeaveKind {
            collected: answers.leave.clone().unwrap_or_default(),
        },
        Question::Initiatives => AssessStep::HasInitiative {
            collected: answers.initiatives.clone().unwrap_or_default(),
        },
        other => first_step(other),
    }
}

fn first_step(question: Question) -> AssessStep {
    match question {
        Question::Rating => AssessStep::Rating,
        Question::Leave => AssessStep::LeaveKind {
            collected: Vec::new(),
        },
        Question::Discipline => AssessStep::Discipline,
        Question::Initiatives => AssessStep::HasInitiative {
            collected: Vec::new(),
        },
        Question::Research => AssessStep::Research,
        Question::Summary => AssessStep::Summary,
    }
}

/// Shows the question of `step` and waits for its answer.
async fn ask(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    step: AssessStep,
    back_to_review: bool,
    session: &Session,
) -> HandlerResult {
    let lang = turn.lang;
    // Every question shown gets a nonce of its own: a button left from an earlier one (or from
    // an earlier showing of this one) is stale, never an answer to the question now asked.
    let nonce = turn.screen_nonce();
    let text = match &step {
        AssessStep::Rating => texts::assessment::ask_rating(lang),
        AssessStep::LeaveKind { collected } => {
            texts::assessment::ask_leave_kind(lang, session.person.hire_date, collected.len())
        }
        AssessStep::LeaveDays { kind, .. } => texts::assessment::ask_leave_days(lang, *kind),
        AssessStep::LeaveMore { .. } => texts::assessment::ask_leave_more(lang),
        AssessStep::Discipline => texts::assessment::ask_discipline(lang),
        AssessStep::HasInitiative { collected } => {
            texts::assessment::ask_has_initiative(lang, collected.len())
        }
        AssessStep::InitiativeTitle { .. } => texts::assessment::ask_initiative_title(lang),
        AssessStep::InitiativeNumber { .. } => texts::assessment::ask_decision_number(lang),
        AssessStep::InitiativeDate { .. } => texts::assessment::ask_decision_date(lang),
        AssessStep::InitiativeLevel { .. } => texts::assessment::ask_initiative_level(lang),
        AssessStep::Research => texts::assessment::ask_research(lang),
        AssessStep::Summary => texts::assessment::ask_summary(lang),
        AssessStep::Review => {
            texts::assessment::summary(lang, &session.answers, &session.verdicts(), None)
        }
        AssessStep::ChooseChange => texts::assessment::choose_change(lang),
    };
    let keyboard = keyboards::for_step(lang, nonce, &step);
    dialogue
        .update(State::Assessing {
            nonce,
            step,
            back_to_review,
        })
        .await?;
    show(turn, screen, &text, keyboard).await
}

/// Saves a finished answer and moves on: to the summary when changing one answer or when all is
/// answered, otherwise to the next unanswered question.
async fn answered(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    back_to_review: bool,
    update: impl FnOnce(&mut Answers),
) -> HandlerResult {
    let Some(session) = save(turn, dialogue, screen, update).await? else {
        return Ok(());
    };
    let step = match session.answers.next_question() {
        Some(question) if !back_to_review => first_step(question),
        _ => AssessStep::Review,
    };
    ask(turn, dialogue, screen, step, back_to_review, &session).await
}

/// Saves what a list question holds so far (a leave period or an initiative just entered) and
/// asks for more: whatever the bot acknowledges is saved, so /huy or a lost connection keeps it.
async fn kept(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    back_to_review: bool,
    update: impl FnOnce(&mut Answers),
    step: AssessStep,
) -> HandlerResult {
    let Some(session) = save(turn, dialogue, screen, update).await? else {
        return Ok(());
    };
    ask(turn, dialogue, screen, step, back_to_review, &session).await
}

/// The draft with `update` applied, saved; `None` once a refusal has been shown instead.
async fn save(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    update: impl FnOnce(&mut Answers),
) -> Result<Option<Session>, BotError> {
    match assessment::change_answers(&turn.ctx, &turn.caller, update).await {
        Ok(session) => Ok(Some(session)),
        Err(error) => refuse(turn, dialogue, screen, error).await.map(|()| None),
    }
}

/// Moves to a sub-step of the same question (nothing saved yet).
async fn next_step(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    step: AssessStep,
    back_to_review: bool,
) -> HandlerResult {
    match assessment::open(&turn.ctx, &turn.caller).await {
        Ok(session) => ask(turn, dialogue, screen, step, back_to_review, &session).await,
        Err(error) => refuse(turn, dialogue, screen, error).await,
    }
}

/// A button press while assessing (the nonce already matched).
pub async fn press(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    action: Action,
    screen: Screen,
) -> Result<Pressed, BotError> {
    let State::Assessing {
        step,
        back_to_review,
        ..
    } = state
    else {
        return Ok(Pressed::DoesNotFit);
    };
    let resume = |step| next_step(turn, dialogue, screen, step, back_to_review);
    let done = match (step, action) {
        (_, Action::Cancel) => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &texts::assessment::paused(turn.lang), None).await
        }
        (AssessStep::Rating, Action::Pick(index)) => {
            match TaskRating::ALL.get(usize::from(index)) {
                Some(rating) => {
                    answered(turn, dialogue, screen, back_to_review, |answers| {
                        answers.rating = Some(*rating)
                    })
                    .await
                }
                None => return Ok(Pressed::DoesNotFit),
            }
        }
        (AssessStep::LeaveKind { collected }, Action::Pick(0)) => {
            answered(turn, dialogue, screen, back_to_review, |answers| {
                answers.leave = Some(collected)
            })
            .await
        }
        (AssessStep::LeaveKind { collected }, Action::Pick(index)) => {
            match LeaveKind::ALL.get(usize::from(index) - 1) {
                Some(kind) => {
                    resume(AssessStep::LeaveDays {
                        collected,
                        kind: *kind,
                    })
                    .await
                }
                None => return Ok(Pressed::DoesNotFit),
            }
        }
        (AssessStep::LeaveKind { collected }, Action::ChooseAgain) if !collected.is_empty() => {
            let step = AssessStep::LeaveKind {
                collected: Vec::new(),
            };
            kept(
                turn,
                dialogue,
                screen,
                back_to_review,
                |answers| answers.leave = None,
                step,
            )
            .await
        }
        (AssessStep::HasInitiative { collected }, Action::ChooseAgain) if !collected.is_empty() => {
            let step = AssessStep::HasInitiative {
                collected: Vec::new(),
            };
            let clear = |answers: &mut Answers| answers.initiatives = None;
            kept(turn, dialogue, screen, back_to_review, clear, step).await
        }
        (AssessStep::LeaveMore { collected }, Action::Pick(0)) => {
            resume(AssessStep::LeaveKind { collected }).await
        }
        (AssessStep::LeaveMore { collected }, Action::Pick(1)) => {
            answered(turn, dialogue, screen, back_to_review, |answers| {
                answers.leave = Some(collected)
            })
            .await
        }
        (AssessStep::Discipline, Action::Pick(index)) => {
            match Discipline::ALL.get(usize::from(index)) {
                Some(discipline) => {
                    answered(turn, dialogue, screen, back_to_review, |answers| {
                        answers.discipline = Some(*discipline)
                    })
                    .await
                }
                None => return Ok(Pressed::DoesNotFit),
            }
        }
        (AssessStep::HasInitiative { collected }, Action::Pick(0)) => {
            resume(AssessStep::InitiativeTitle { collected }).await
        }
        (AssessStep::HasInitiative { collected }, Action::Pick(1)) => {
            answered(turn, dialogue, screen, back_to_review, |answers| {
                answers.initiatives = Some(collected)
            })
            .await
        }
        (
            AssessStep::InitiativeLevel {
                mut collected,
                title,
                number,
                date,
            },
            Action::Pick(index @ 0..=1),
        ) => {
            let scope = if index == 0 {
                InitiativeScope::Grassroots
            } else {
                InitiativeScope::Province
            };
            collected.push(Initiative {
                title,
                decision_number: number,
                decision_date: date,
                scope: Some(scope),
            });
            if collected.len() >= Limits::MAX_INITIATIVES {
                answered(turn, dialogue, screen, back_to_review, |answers| {
                    answers.initiatives = Some(collected)
                })
                .await
            } else {
                let step = AssessStep::HasInitiative {
                    collected: collected.clone(),
                };
                let update = |answers: &mut Answers| answers.initiatives = Some(collected);
                kept(turn, dialogue, screen, back_to_review, update, step).await
            }
        }
        (AssessStep::Research, Action::Pick(count)) if u32::from(count) <= 3 => {
            answered(turn, dialogue, screen, back_to_review, |answers| {
                answers.research_projects = Some(u32::from(count))
            })
            .await
        }
        (AssessStep::Review, Action::Submit) => submit(turn, dialogue, screen).await,
        (AssessStep::Review, Action::ChangeAnswer) => resume(AssessStep::ChooseChange).await,
        (AssessStep::ChooseChange, Action::Pick(index)) => {
            match Question::ALL.get(usize::from(index)) {
                Some(question) => {
                    let step = match assessment::open(&turn.ctx, &turn.caller).await {
                        Ok(session) => step_to_change(*question, &session.answers),
                        Err(error) => {
                            return refuse(turn, dialogue, screen, error)
                                .await
                                .map(|()| Pressed::Handled);
                        }
                    };
                    next_step(turn, dialogue, screen, step, true).await
                }
                None => return Ok(Pressed::DoesNotFit),
            }
        }
        _ => return Ok(Pressed::DoesNotFit),
    };
    done.map(|()| Pressed::Handled)
}

async fn submit(turn: &Turn, dialogue: &ChatDialogue, screen: Screen) -> HandlerResult {
    match assessment::submit(&turn.ctx, &turn.caller).await {
        Ok(receipt) => {
            dialogue.update(State::Idle).await?;
            show(
                turn,
                screen,
                &texts::assessment::submitted(turn.lang, receipt.version),
                None,
            )
            .await
        }
        Err(error) => refuse(turn, dialogue, screen, error).await,
    }
}

/// A message while assessing. Typed answers are parsed for the steps that take text; anything
/// else gets an explanation and leaves the state (and the draft) as it was.
pub async fn message(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    text: Option<&str>,
) -> HandlerResult {
    let State::Assessing {
        step,
        back_to_review,
        ..
    } = state
    else {
        return Ok(());
    };
    let Some(text) = text.filter(|_| step.expects_text()) else {
        let hint = if step.expects_text() {
            texts::assessment::needs_text(turn.lang)
        } else {
            texts::common::use_the_buttons(turn.lang)
        };
        return turn.say(&hint).await;
    };
    let year = match assessment::open(&turn.ctx, &turn.caller).await {
        Ok(session) => session.campaign.year,
        Err(error) => return refuse(turn, dialogue, Screen::New, error).await,
    };
    let screen = Screen::New;
    let outcome = match step {
        AssessStep::LeaveDays {
            mut collected,
            kind,
        } => answers_rules::parse_days(text).map(|days| {
            collected.push(Leave { kind, days });
            if collected.len() >= Limits::MAX_LEAVE_PERIODS {
                Next::Leave(collected)
            } else {
                Next::LeaveSoFar(collected)
            }
        }),
        AssessStep::InitiativeTitle { collected } => answers_rules::parse_initiative_title(text)
            .map(|title| Next::Step(AssessStep::InitiativeNumber { collected, title })),
        AssessStep::InitiativeNumber { collected, title } => {
            answers_rules::parse_decision_number(text).map(|number| {
                Next::Step(AssessStep::InitiativeDate {
                    collected,
                    title,
                    number,
                })
            })
        }
        AssessStep::InitiativeDate {
            collected,
            title,
            number,
        } => answers_rules::parse_decision_date(text, year).map(|date| {
            Next::Step(AssessStep::InitiativeLevel {
                collected,
                title,
                number,
                date,
            })
        }),
        AssessStep::Research => answers_rules::parse_research_count(text).map(Next::Research),
        AssessStep::Summary => answers_rules::parse_summary(text).map(Next::Summary),
        _ => return turn.say(&texts::common::use_the_buttons(turn.lang)).await,
    };
    match outcome {
        Err(error) => {
            turn.say(&texts::assessment::input_error(turn.lang, error))
                .await
        }
        Ok(Next::Step(step)) => next_step(turn, dialogue, screen, step, back_to_review).await,
        Ok(Next::LeaveSoFar(list)) => {
            let step = AssessStep::LeaveMore {
                collected: list.clone(),
            };
            kept(
                turn,
                dialogue,
                screen,
                back_to_review,
                |answers| answers.leave = Some(list),
                step,
            )
            .await
        }
        Ok(Next::Leave(list)) => {
            answered(turn, dialogue, screen, back_to_review, |answers| {
                answers.leave = Some(list)
            })
            .await
        }
        Ok(Next::Research(count)) => {
            answered(turn, dialogue, screen, back_to_review, |answers| {
                answers.research_projects = Some(count)
            })
            .await
        }
        Ok(Next::Summary(summary)) => {
            answered(turn, dialogue, screen, back_to_review, |answers| {
                answers.summary = Some(summary)
            })
            .await
        }
    }
}

/// What a parsed text answer leads to.
enum Next {
    Step(AssessStep),
    /// A leave period entered: saved at once, then more may follow.
    LeaveSoFar(Vec<Leave>),
    Leave(Vec<Leave>),
    Research(u32),
    Summary(String),
}
