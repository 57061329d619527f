//! /giaykhen: the director's Giấy khen, at any time of the year. A unit head or the standing body
//! proposes one (the recipient, periodic or ad hoc, the achievement, a summary to confirm); the
//! standing body appraises ([`appraisal`]); the director decides ([`decision`]). Someone with
//! more than one of these parts first sees a menu.
//!
//! ```text
//! head: /giaykhen
//! bot:  Đề nghị Giấy khen cho ai? …   [🏢 Tập thể Văn phòng] [Trần Ngọc Ánh] [Võ Đức Thịnh] [✖️ Hủy]
//! head: (presses Trần Ngọc Ánh)
//! bot:  Giấy khen cho Trần Ngọc Ánh là khen thưởng theo định kỳ hay đột xuất? …
//!       [📅 Theo định kỳ] [⚡ Đột xuất] [✖️ Hủy]
//! head: (presses Đột xuất)   bot: Vui lòng gõ thành tích của Trần Ngọc Ánh …
//! head: Phát hiện và xử lý kịp thời sự cố …
//! bot:  Xin anh/chị kiểm tra lại đề nghị trước khi gửi: … [✅ Gửi đề nghị] / [✏️ …] / [✖️ Hủy]
//! head: (presses Gửi đề nghị)   bot: Đã gửi đề nghị Giấy khen của Giám đốc Sở cho …
//! ```

pub mod appraisal;
pub mod decision;

use super::Turn;
use super::decide;
use super::screen::{Pressed, Screen, button, refuse, show};
use crate::bot::state::{CommendStep, State};
use crate::bot::{BotError, ChatDialogue, HandlerResult};
use crate::domain::commendation::{Occasion, Recipient, parse_achievement};
use crate::services::commendation::{self as service, Offer};
use crate::texts;
use crate::texts::commendation as text;
use crate::ui::callback_data::Action;
use appraisal::CommendationAppraisal;
use decision::CommendationDecision;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

const PROPOSE: u8 = 0;
const APPRAISE: u8 = 1;
const DECIDE: u8 = 2;
/// Buttons a recipient list may hold (units are far smaller).
const MAX_MEMBERS: usize = 200;

fn cancel_row(turn: &Turn, nonce: u32) -> Vec<InlineKeyboardButton> {
    vec![button(
        text::cancel_button(turn.lang),
        nonce,
        Action::Cancel,
    )]
}

fn picks_of(offer: &Offer) -> Vec<u8> {
    let mut picks = Vec::new();
    if offer.propose {
        picks.push(PROPOSE);
    }
    if offer.to_appraise.is_some() {
        picks.push(APPRAISE);
    }
    if offer.to_decide.is_some() {
        picks.push(DECIDE);
    }
    picks
}

/// /giaykhen: the menu, or straight to the one part the person has.
pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    let offer = match service::offer(&turn.ctx, &turn.caller).await {
        Ok(offer) => offer,
        Err(error) => return refuse(turn, dialogue, Screen::New, error).await,
    };
    let picks = picks_of(&offer);
    if let [only] = picks.as_slice() {
        return open_part(turn, dialogue, Screen::New, *only).await;
    }
    let nonce = turn.screen_nonce();
    let mut rows = Vec::new();
    for (index, pick) in picks.iter().enumerate() {
        let label = match *pick {
            PROPOSE => text::propose_button(turn.lang),
            APPRAISE => text::appraise_button(turn.lang, offer.to_appraise.unwrap_or_default()),
            _ => text::decide_button(turn.lang, offer.to_decide.unwrap_or_default()),
        };
        rows.push(vec![button(label, nonce, Action::Pick(index as u8))]);
    }
    rows.push(cancel_row(turn, nonce));
    let step = CommendStep::Menu { picks };
    dialogue.update(State::Commending { nonce, step }).await?;
    let keyboard = InlineKeyboardMarkup::new(rows);
    show(
        turn,
        Screen::New,
        &text::menu(turn.lang, &offer),
        Some(keyboard),
    )
    .await
}

async fn open_part(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    part: u8,
) -> HandlerResult {
    match part {
        PROPOSE => choose_unit(turn, dialogue, screen).await,
        APPRAISE => decide::start::<CommendationAppraisal>(turn, dialogue).await,
        _ => decide::start::<CommendationDecision>(turn, dialogue).await,
    }
}

/// The standing body chooses the unit; a head goes straight to their own.
async fn choose_unit(turn: &Turn, dialogue: &ChatDialogue, screen: Screen) -> HandlerResult {
    let units = match service::units(&turn.ctx, &turn.caller).await {
        Ok(units) => units,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    if let [(only, _)] = units.as_slice() {
        return choose_recipient(turn, dialogue, screen, only.clone()).await;
    }
    let nonce = turn.screen_nonce();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = (units.iter().enumerate())
        .map(|(index, (_, name))| vec![button(name.clone(), nonce, Action::Pick(index as u8))])
        .collect();
    rows.push(cancel_row(turn, nonce));
    let step = CommendStep::Unit {
        units: units.into_iter().map(|(code, _)| code).collect(),
    };
    dialogue.update(State::Commending { nonce, step }).await?;
    let keyboard = InlineKeyboardMarkup::new(rows);
    show(turn, screen, &text::choose_unit(turn.lang), Some(keyboard)).await
}

async fn choose_recipient(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    unit: String,
) -> HandlerResult {
    let choices = match service::choices(&turn.ctx, &turn.caller, &unit).await {
        Ok(choices) => choices,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    let nonce = turn.screen_nonce();
    let members: Vec<(i64, String)> = choices.members.into_iter().take(MAX_MEMBERS).collect();
    let mut rows = vec![vec![button(
        text::collective_button(turn.lang, &choices.unit_name),
        nonce,
        Action::Pick(0),
    )]];
    let names: Vec<InlineKeyboardButton> = (members.iter().enumerate())
        .map(|(index, (_, name))| button(name.clone(), nonce, Action::Pick(index as u8 + 1)))
        .collect();
    rows.extend(names.chunks(2).map(<[_]>::to_vec));
    rows.push(vec![
        button(text::back_button(turn.lang), nonce, Action::ChooseAgain),
        button(text::cancel_button(turn.lang), nonce, Action::Cancel),
    ]);
    let step = CommendStep::Recipient {
        unit: choices.unit_code,
        members: members.into_iter().map(|(id, _)| id).collect(),
    };
    dialogue.update(State::Commending { nonce, step }).await?;
    let prompt = text::choose_recipient(turn.lang, &choices.unit_name);
    show(turn, screen, &prompt, Some(InlineKeyboardMarkup::new(rows))).await
}

async fn ask_occasion(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    recipient: Recipient,
) -> HandlerResult {
    let (name, _, _) = match service::preview(&turn.ctx, &turn.caller, &recipient).await {
        Ok(shown) => shown,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    let nonce = turn.screen_nonce();
    let rows = vec![
        vec![
            button(
                text::occasion_button(turn.lang, Occasion::Periodic),
                nonce,
                Action::Pick(0),
            ),
            button(
                text::occasion_button(turn.lang, Occasion::AdHoc),
                nonce,
                Action::Pick(1),
            ),
        ],
        cancel_row(turn, nonce),
    ];
    let step = CommendStep::Occasion { recipient };
    dialogue.update(State::Commending { nonce, step }).await?;
    let prompt = text::ask_occasion(turn.lang, &name);
    show(turn, screen, &prompt, Some(InlineKeyboardMarkup::new(rows))).await
}

async fn ask_achievement(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    recipient: Recipient,
    occasion: Occasion,
) -> HandlerResult {
    let (name, _, _) = match service::preview(&turn.ctx, &turn.caller, &recipient).await {
        Ok(shown) => shown,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    let nonce = turn.screen_nonce();
    let step = CommendStep::Achievement {
        recipient,
        occasion,
    };
    dialogue.update(State::Commending { nonce, step }).await?;
    let keyboard = InlineKeyboardMarkup::new(vec![cancel_row(turn, nonce)]);
    show(
        turn,
        screen,
        &text::ask_achievement(turn.lang, &name),
        Some(keyboard),
    )
    .await
}

/// The summary of what will be sent, with Send / Retype / Cancel.
async fn confirm(
    turn: &Turn,
    dialogue: &ChatDialogue,
    recipient: Recipient,
    occasion: Occasion,
    achievement: String,
) -> HandlerResult {
    let screen = Screen::New;
    let (name, unit, collective) = match service::preview(&turn.ctx, &turn.caller, &recipient).await
    {
        Ok(shown) => shown,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    let summary = text::summary(
        turn.lang,
        &text::Summary {
            recipient: &name,
            unit: &unit,
            collective,
            occasion,
            achievement: &achievement,
        },
    );
    let nonce = turn.screen_nonce();
    let rows = vec![
        vec![button(text::send_button(turn.lang), nonce, Action::Submit)],
        vec![button(
            text::retype_button(turn.lang),
            nonce,
            Action::ChangeAnswer,
        )],
        cancel_row(turn, nonce),
    ];
    let step = CommendStep::Confirm {
        recipient,
        occasion,
        achievement,
    };
    dialogue.update(State::Commending { nonce, step }).await?;
    show(
        turn,
        screen,
        &summary,
        Some(InlineKeyboardMarkup::new(rows)),
    )
    .await
}

/// A press whose nonce matched the dialogue.
pub async fn press(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    action: Action,
    screen: Screen,
) -> Result<Pressed, BotError> {
    let State::Commending { step, .. } = state else {
        return Ok(Pressed::DoesNotFit);
    };
    let done = match (step, action) {
        (_, Action::Cancel) => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &texts::common::cancelled(turn.lang), None).await
        }
        (CommendStep::Menu { picks }, Action::Pick(index)) => match picks.get(usize::from(index)) {
            Some(part) => open_part(turn, dialogue, screen, *part).await,
            None => return Ok(Pressed::DoesNotFit),
        },
        (CommendStep::Unit { units }, Action::Pick(index)) => match units.get(usize::from(index)) {
            Some(unit) => choose_recipient(turn, dialogue, screen, unit.clone()).await,
            None => return Ok(Pressed::DoesNotFit),
        },
        (CommendStep::Recipient { .. }, Action::ChooseAgain) => {
            choose_unit(turn, dialogue, screen).await
        }
        (CommendStep::Recipient { unit, members }, Action::Pick(index)) => {
            let recipient = match index {
                0 => Recipient::Unit(unit),
                n => match members.get(usize::from(n) - 1) {
                    Some(id) => Recipient::Person(*id),
                    None => return Ok(Pressed::DoesNotFit),
                },
            };
            ask_occasion(turn, dialogue, screen, recipient).await
        }
        (CommendStep::Occasion { recipient }, Action::Pick(index @ (0 | 1))) => {
            let occasion = if index == 0 {
                Occasion::Periodic
            } else {
                Occasion::AdHoc
            };
            ask_achievement(turn, dialogue, screen, recipient, occasion).await
        }
        (
            CommendStep::Confirm {
                recipient,
                occasion,
                ..
            },
            Action::ChangeAnswer,
        ) => ask_achievement(turn, dialogue, Screen::New, recipient, occasion).await,
        (
            CommendStep::Confirm {
                recipient,
                occasion,
                achievement,
            },
            Action::Submit,
        ) => {
            match service::propose(&turn.ctx, &turn.caller, &recipient, occasion, &achievement)
                .await
            {
                Ok(line) => {
                    dialogue.update(State::Idle).await?;
                    show(turn, screen, &text::proposed(turn.lang, &line), None).await
                }
                Err(error) => refuse(turn, dialogue, screen, error).await,
            }
        }
        _ => return Ok(Pressed::DoesNotFit),
    };
    done.map(|()| Pressed::Handled)
}

/// Typed text: the achievement, checked before the summary; anything else waits for a button.
pub async fn message(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    typed: Option<&str>,
) -> HandlerResult {
    let State::Commending {
        step: CommendStep::Achievement {
            recipient,
            occasion,
        },
        ..
    } = state
    else {
        return turn.say(&texts::common::use_the_buttons(turn.lang)).await;
    };
    let Some(typed) = typed else {
        return turn.say(&texts::assessment::needs_text(turn.lang)).await;
    };
    match parse_achievement(typed) {
        // Nothing is saved; the dialogue keeps waiting for a better text.
        Err(error) => turn.say(&text::typed_refused(turn.lang, error)).await,
        Ok(achievement) => confirm(turn, dialogue, recipient, occasion, achievement).await,
    }
}

/// Shows the screen `state` waits on again, as a new message.
pub async fn resume(turn: &Turn, dialogue: &ChatDialogue, state: State) -> HandlerResult {
    let screen = Screen::New;
    match state {
        State::Commending { step, .. } => match step {
            CommendStep::Menu { .. } => start(turn, dialogue).await,
            CommendStep::Unit { .. } => choose_unit(turn, dialogue, screen).await,
            CommendStep::Recipient { unit, .. } => {
                choose_recipient(turn, dialogue, screen, unit).await
            }
            CommendStep::Occasion { recipient } => {
                ask_occasion(turn, dialogue, screen, recipient).await
            }
            CommendStep::Achievement {
                recipient,
                occasion,
            } => ask_achievement(turn, dialogue, screen, recipient, occasion).await,
            CommendStep::Confirm {
                recipient,
                occasion,
                achievement,
            } => confirm(turn, dialogue, recipient, occasion, achievement).await,
        },
        State::AppraisingCommendation { .. } => {
            decide::resume::<CommendationAppraisal>(turn, dialogue, state).await
        }
        State::DecidingCommendation { .. } => {
            decide::resume::<CommendationDecision>(turn, dialogue, state).await
        }
        _ => Ok(()),
    }
}
