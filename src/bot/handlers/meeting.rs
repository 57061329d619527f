//! /binhxet (/meeting): the unit head records the review meeting; /mohop (/reopen): a secretary
//! gives a submitted meeting back to the unit.
//!
//! ```text
//! head: /binhxet
//! bot:  Họp bình xét thi đua năm 2026 — Văn phòng. Thành viên: 3 người. … Bước 1: gõ ngày họp
//! head: 25/11/2026
//! bot:  Bước 2: bấm tên để đánh dấu những người có mặt  [⬜ Lê Quốc Bảo] [⬜ Nguyễn Thị Mai] … [➡️ Xong]
//! head: (ticks two names, presses Xong)
//! bot:  Bước 3: cuộc họp xếp loại Văn phòng ở mức nào?  [Hoàn thành xuất sắc nhiệm vụ] …
//! bot:  Biểu quyết 1/1: số phiếu đồng ý đề nghị Nguyễn Thị Mai đạt danh hiệu Lao động tiên tiến?
//! head: 2
//! bot:  Kết quả họp bình xét — … ✅ Nguyễn Thị Mai — Lao động tiên tiến: 2/2 phiếu đồng ý — được đề nghị.
//!       [📤 Gửi đề nghị] [☑️ Đề nghị Tập thể lao động tiên tiến] [✖️ Hủy]
//! head: (presses Gửi đề nghị)            bot: Đã gửi kết quả họp bình xét của Văn phòng …
//! secretary: /mohop VP                   bot: Đã mở lại cuộc họp bình xét của Văn phòng …
//! ```

mod screens;

use super::Turn;
use super::screen::{Pressed, Screen, button, refuse, show};
use crate::bot::state::{MeetingDraft, MeetingStep, State, TitleCode};
use crate::bot::{BotError, ChatDialogue, HandlerResult};
use crate::domain::assessment::TaskRating;
use crate::domain::time::local_date;
use crate::services::meeting;
use crate::texts;
use crate::ui::callback_data::Action;
use screens::{step, to_draft, view};
use teloxide::types::InlineKeyboardMarkup;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    let view = match view(turn, None).await {
        Ok(view) => view,
        Err(error) => return refuse(turn, dialogue, Screen::New, error).await,
    };
    let nonce = turn.screen_nonce();
    let draft = MeetingDraft {
        members: view.members.iter().map(|m| m.id.0).collect(),
        nominees: view
            .nominees
            .iter()
            .map(|n| (n.person.id.0, TitleCode(n.title)))
            .collect(),
        collective: view.collective.map(TitleCode),
        ..MeetingDraft::default()
    };
    let cancel = InlineKeyboardMarkup::new(vec![vec![button(
        texts::meeting::buttons(turn.lang, None).cancel,
        nonce,
        Action::Cancel,
    )]]);
    dialogue
        .update(State::Meeting {
            nonce,
            step: MeetingStep::Date,
            draft,
        })
        .await?;
    show(
        turn,
        Screen::New,
        &texts::meeting::intro(turn.lang, &view, local_date(turn.ctx.now())),
        Some(cancel),
    )
    .await
}

/// /binhxet: a meeting already being recorded carries on where it stands (its date,
/// attendance and votes live only in the dialogue, so starting over would drop what the head
/// entered, say after a restart's note); "Hủy" on any step starts afresh.
pub async fn start_or_resume(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    match dialogue.get().await? {
        Some(state @ State::Meeting { .. }) => {
            turn.say(&texts::meeting::carrying_on(turn.lang)).await?;
            resume(turn, dialogue, state).await
        }
        _ => start(turn, dialogue).await,
    }
}

/// Shows the step `state` waits on again, as a new message (after a press on an older one).
pub async fn resume(turn: &Turn, dialogue: &ChatDialogue, state: State) -> HandlerResult {
    match state {
        State::Meeting {
            step: at, draft, ..
        } => step(turn, dialogue, Screen::New, at, draft).await,
        _ => start(turn, dialogue).await,
    }
}

/// After attendance or the rating: the votes, or the result when nobody is to be voted on.
fn after_rating(draft: &MeetingDraft) -> MeetingStep {
    if draft.votes.len() < draft.nominees.len() {
        MeetingStep::Votes
    } else {
        MeetingStep::Confirm
    }
}

pub async fn press(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    action: Action,
    screen: Screen,
) -> Result<Pressed, BotError> {
    let State::Meeting {
        step: current,
        mut draft,
        ..
    } = state
    else {
        return Ok(Pressed::DoesNotFit);
    };
    let done = match (current, action) {
        (_, Action::Cancel) => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &texts::common::cancelled(turn.lang), None).await
        }
        (MeetingStep::Attendance, Action::Pick(index)) => {
            let Some(member) = draft.members.get(usize::from(index)).copied() else {
                return Ok(Pressed::DoesNotFit);
            };
            if let Some(at) = draft.present.iter().position(|id| *id == member) {
                draft.present.remove(at);
            } else {
                draft.present.push(member);
            }
            step(turn, dialogue, screen, MeetingStep::Attendance, draft).await
        }
        (MeetingStep::Attendance, Action::Confirm) => {
            let next = if draft.collective.is_some() {
                MeetingStep::Rating
            } else {
                after_rating(&draft)
            };
            step(turn, dialogue, screen, next, draft).await
        }
        (MeetingStep::Rating, Action::Pick(index)) => {
            let Some(rating) = TaskRating::ALL.get(usize::from(index)).copied() else {
                return Ok(Pressed::DoesNotFit);
            };
            draft.rating = Some(rating);
            let next = after_rating(&draft);
            step(turn, dialogue, screen, next, draft).await
        }
        // Pressing the choice already made changes nothing (and an identical edit is refused).
        (MeetingStep::Confirm, Action::Collective(choice))
            if draft.propose_collective == choice.is_some() =>
        {
            return Ok(Pressed::Handled);
        }
        (MeetingStep::Confirm, Action::Collective(choice)) => {
            draft.propose_collective = choice.is_some();
            draft.collective_decided = true;
            step(turn, dialogue, screen, MeetingStep::Confirm, draft).await
        }
        // Submitting locks the meeting: first say what it sends, then do it on confirmation.
        (MeetingStep::Confirm, Action::Submit) => {
            step(turn, dialogue, screen, MeetingStep::ConfirmSubmit, draft).await
        }
        (MeetingStep::ConfirmSubmit, Action::Confirm) => {
            submit(turn, dialogue, screen, &draft).await
        }
        (MeetingStep::ConfirmSubmit, Action::ChooseAgain) => {
            step(turn, dialogue, screen, MeetingStep::Confirm, draft).await
        }
        _ => return Ok(Pressed::DoesNotFit),
    };
    done.map(|()| Pressed::Handled)
}

async fn submit(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    draft: &MeetingDraft,
) -> HandlerResult {
    let Some(entered) = to_draft(draft) else {
        return refuse(
            turn,
            dialogue,
            screen,
            crate::services::Refusal::MeetingChanged.into(),
        )
        .await;
    };
    match meeting::submit(&turn.ctx, &turn.caller, &entered).await {
        Ok(preview) => {
            dialogue.update(State::Idle).await?;
            let collective = if entered.propose_collective {
                preview.view.collective
            } else {
                None
            };
            show(
                turn,
                screen,
                &texts::meeting::submitted(turn.lang, &preview, collective),
                None,
            )
            .await
        }
        Err(error) => refuse(turn, dialogue, screen, error).await,
    }
}

/// Typed answers: the date and the yes-votes.
pub async fn message(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    text: Option<&str>,
) -> HandlerResult {
    let State::Meeting {
        step: current,
        mut draft,
        ..
    } = state
    else {
        return turn.say(&texts::common::use_the_buttons(turn.lang)).await;
    };
    let Some(text) = text else {
        return turn.say(&texts::assessment::needs_text(turn.lang)).await;
    };
    match current {
        MeetingStep::Date => {
            let now = turn.ctx.now();
            let year = match meeting::open(&turn.ctx, &turn.caller).await {
                Ok(view) => view.campaign.year,
                Err(error) => return refuse(turn, dialogue, Screen::New, error).await,
            };
            match meeting::parse_date(text, local_date(now), year) {
                Ok(date) => {
                    draft.held_on = Some(date);
                    step(turn, dialogue, Screen::New, MeetingStep::Attendance, draft).await
                }
                Err(problem) => {
                    turn.say(&texts::meeting::date_problem(
                        turn.lang,
                        problem,
                        local_date(turn.ctx.now()),
                    ))
                    .await
                }
            }
        }
        MeetingStep::Votes => {
            let present = draft.present.len();
            match text.trim().parse::<u32>() {
                Ok(yes) if yes as usize <= present => {
                    draft.votes.push(yes);
                    let next = after_rating(&draft);
                    step(turn, dialogue, Screen::New, next, draft).await
                }
                _ => {
                    turn.say(&texts::meeting::votes_out_of_range(turn.lang, present))
                        .await
                }
            }
        }
        _ => turn.say(&texts::common::use_the_buttons(turn.lang)).await,
    }
}

/// /mohop VP: a secretary reopens a unit's submitted meeting.
pub async fn reopen(turn: &Turn, unit: &str) -> HandlerResult {
    if unit.trim().is_empty() {
        return turn.say(&texts::meeting::reopen_usage(turn.lang)).await;
    }
    match meeting::reopen(&turn.ctx, &turn.caller, unit).await {
        Ok(name) => turn.say(&texts::meeting::reopened(turn.lang, &name)).await,
        Err(error) => turn.explain(error).await,
    }
}
