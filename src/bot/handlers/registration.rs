//! /dangky: choosing, changing or withdrawing the year's emulation titles with buttons.
//!
//! ```text
//! user: /dangky
//! bot:  Phong trào thi đua … Đăng ký hiện tại của anh/chị: chưa đăng ký. Hạn đăng ký: 25/03/2026 17:00.
//!       [Lao động tiên tiến] [Chiến sĩ thi đua cơ sở] [✖️ Hủy]
//! user: (presses Chiến sĩ thi đua cơ sở)
//! bot:  (unit heads only) Là trưởng đơn vị, anh/chị đăng ký danh hiệu tập thể cho Văn phòng …
//!       [Tập thể lao động tiên tiến] [Tập thể lao động xuất sắc] [Không đăng ký tập thể]
//! bot:  Anh/chị xác nhận đăng ký: • Danh hiệu cá nhân: Chiến sĩ thi đua cơ sở (bao gồm Lao động tiên tiến)
//!       [✅ Xác nhận] [↩️ Chọn lại] [✖️ Hủy]
//! user: (presses Xác nhận)
//! bot:  Đã lưu đăng ký danh hiệu Chiến sĩ thi đua cơ sở. …
//! ```

use super::Turn;
use super::screen::{Pressed, Screen, button, refuse, show};
use crate::bot::state::{State, TitleCode};
use crate::bot::{ChatDialogue, HandlerResult};
use crate::domain::registration::RegistrationStatus;
use crate::domain::title::Title;
use crate::services::Refusal;
use crate::services::registration::{self, Choice, RegistrationView};

use crate::texts;
use crate::ui::callback_data::Action;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

fn individual_keyboard(turn: &Turn, view: &RegistrationView, nonce: u32) -> InlineKeyboardMarkup {
    let labels = texts::registration::buttons(turn.lang);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = view
        .individual_choices
        .iter()
        .map(|title| {
            vec![button(
                texts::titles::name(turn.lang, *title),
                nonce,
                Action::Individual(*title),
            )]
        })
        .collect();
    let registered = view
        .individual
        .is_some_and(|registration| registration.status == RegistrationStatus::Registered);
    // Withdrawing is destructive: on a row of its own, never beside Cancel, and asked again.
    if registered {
        rows.push(vec![button(&labels.withdraw, nonce, Action::Withdraw)]);
    }
    rows.push(vec![button(&labels.cancel, nonce, Action::Cancel)]);
    InlineKeyboardMarkup::new(rows)
}

/// /dangky: opens (or restarts) the dialogue.
pub async fn start(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    choose_individual(turn, dialogue, Screen::New).await
}

async fn choose_individual(turn: &Turn, dialogue: &ChatDialogue, screen: Screen) -> HandlerResult {
    let view = match registration::begin(&turn.ctx, &turn.caller).await {
        Ok(view) => view,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    let nonce = turn.screen_nonce();
    dialogue
        .update(State::ChoosingIndividualTitle { nonce })
        .await?;
    let keyboard = individual_keyboard(turn, &view, nonce);
    show(
        turn,
        screen,
        &texts::registration::choose_individual(turn.lang, &view),
        Some(keyboard),
    )
    .await
}

/// Shows the screen `state` waits on again, as a new message (after a press on an older one).
pub async fn resume(turn: &Turn, dialogue: &ChatDialogue, state: State) -> HandlerResult {
    let screen = Screen::New;
    match state {
        State::ChoosingCollectiveTitle { individual, .. } => {
            chose_individual(turn, dialogue, screen, individual.0).await
        }
        State::ConfirmingRegistration {
            individual,
            collective,
            ..
        } => {
            chose_collective(
                turn,
                dialogue,
                screen,
                individual.0,
                collective.map(|c| c.0),
            )
            .await
        }
        State::ConfirmingWithdrawal { .. } => ask_withdrawal(turn, dialogue, screen).await,
        _ => choose_individual(turn, dialogue, screen).await,
    }
}

/// A button press that matched the dialogue's nonce.
pub async fn press(
    turn: &Turn,
    dialogue: &ChatDialogue,
    state: State,
    action: Action,
    screen: Screen,
) -> Result<Pressed, crate::bot::BotError> {
    let handled = match (state, action) {
        (State::ChoosingIndividualTitle { .. }, Action::Individual(title)) => {
            chose_individual(turn, dialogue, screen, title).await
        }
        (State::ChoosingIndividualTitle { .. }, Action::Withdraw) => {
            ask_withdrawal(turn, dialogue, screen).await
        }
        (State::ConfirmingWithdrawal { .. }, Action::Confirm) => {
            match registration::withdraw(&turn.ctx, &turn.caller).await {
                Ok(()) => {
                    dialogue.update(State::Idle).await?;
                    show(
                        turn,
                        screen,
                        &texts::registration::withdrawn(turn.lang),
                        None,
                    )
                    .await
                }
                Err(error) => refuse(turn, dialogue, screen, error).await,
            }
        }
        (State::ChoosingCollectiveTitle { individual, .. }, Action::Collective(collective)) => {
            chose_collective(turn, dialogue, screen, individual.0, collective).await
        }
        (
            State::ConfirmingRegistration {
                individual,
                collective,
                ..
            },
            Action::Confirm,
        ) => {
            let choice = Choice {
                individual: individual.0,
                collective: collective.map(|code| code.0),
            };
            match registration::save(&turn.ctx, &turn.caller, choice).await {
                Ok(()) => {
                    dialogue.update(State::Idle).await?;
                    let text =
                        texts::registration::saved(turn.lang, choice.individual, choice.collective);
                    show(turn, screen, &text, None).await
                }
                Err(error) => refuse(turn, dialogue, screen, error).await,
            }
        }
        (_, Action::ChooseAgain) => choose_individual(turn, dialogue, screen).await,
        (_, Action::Cancel) => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &texts::common::cancelled(turn.lang), None).await
        }
        _ => return Ok(Pressed::DoesNotFit),
    };
    handled.map(|()| Pressed::Handled)
}

async fn chose_collective(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    individual: Title,
    collective: Option<Title>,
) -> HandlerResult {
    let view = match registration::begin(&turn.ctx, &turn.caller).await {
        Ok(view) => view,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    if let Some(title) = collective
        && !view.collective_choices.contains(&title)
    {
        return refuse(turn, dialogue, screen, Refusal::TitleNotOffered.into()).await;
    }
    confirm(turn, dialogue, screen, individual, collective, &view).await
}

async fn chose_individual(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    title: Title,
) -> HandlerResult {
    let view = match registration::begin(&turn.ctx, &turn.caller).await {
        Ok(view) => view,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    if !view.individual_choices.contains(&title) {
        return refuse(turn, dialogue, screen, Refusal::TitleNotOffered.into()).await;
    }
    if view.collective_choices.is_empty() {
        return confirm(turn, dialogue, screen, title, None, &view).await;
    }
    let nonce = turn.screen_nonce();
    dialogue
        .update(State::ChoosingCollectiveTitle {
            nonce,
            individual: TitleCode(title),
        })
        .await?;
    let labels = texts::registration::buttons(turn.lang);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = view
        .collective_choices
        .iter()
        .map(|title| {
            vec![button(
                texts::titles::name(turn.lang, *title),
                nonce,
                Action::Collective(Some(*title)),
            )]
        })
        .collect();
    rows.push(vec![button(
        &labels.no_collective,
        nonce,
        Action::Collective(None),
    )]);
    rows.push(vec![
        button(&labels.choose_again, nonce, Action::ChooseAgain),
        button(&labels.cancel, nonce, Action::Cancel),
    ]);
    let unit = turn.ctx.org.unit_name(&view.person.unit_code);
    let text = texts::registration::choose_collective(turn.lang, &unit, &view);
    show(turn, screen, &text, Some(InlineKeyboardMarkup::new(rows))).await
}

async fn confirm(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    individual: Title,
    collective: Option<Title>,
    view: &RegistrationView,
) -> HandlerResult {
    let nonce = turn.screen_nonce();
    dialogue
        .update(State::ConfirmingRegistration {
            nonce,
            individual: TitleCode(individual),
            collective: collective.map(TitleCode),
        })
        .await?;
    let labels = texts::registration::buttons(turn.lang);
    let keyboard = InlineKeyboardMarkup::new(vec![
        vec![button(&labels.confirm, nonce, Action::Confirm)],
        vec![
            button(&labels.choose_again, nonce, Action::ChooseAgain),
            button(&labels.cancel, nonce, Action::Cancel),
        ],
    ]);
    let unit = turn.ctx.org.unit_name(&view.person.unit_code);
    let text = texts::registration::confirm(turn.lang, individual, collective, &unit);
    show(turn, screen, &text, Some(keyboard)).await
}

/// What withdrawing takes away, asked before it is done.
async fn ask_withdrawal(turn: &Turn, dialogue: &ChatDialogue, screen: Screen) -> HandlerResult {
    let view = match registration::begin(&turn.ctx, &turn.caller).await {
        Ok(view) => view,
        Err(error) => return refuse(turn, dialogue, screen, error).await,
    };
    let Some(individual) = view
        .individual
        .filter(|registration| registration.status == RegistrationStatus::Registered)
    else {
        return refuse(turn, dialogue, screen, Refusal::NothingToWithdraw.into()).await;
    };
    let collective = view
        .collective
        .filter(|registration| registration.status == RegistrationStatus::Registered)
        .map(|registration| registration.title);
    let nonce = turn.screen_nonce();
    dialogue
        .update(State::ConfirmingWithdrawal { nonce })
        .await?;
    let labels = texts::registration::buttons(turn.lang);
    let keyboard = InlineKeyboardMarkup::new(vec![
        vec![button(&labels.confirm_withdraw, nonce, Action::Confirm)],
        vec![button(&labels.keep, nonce, Action::ChooseAgain)],
    ]);
    let unit = turn.ctx.org.unit_name(&view.person.unit_code);
    let text = texts::registration::withdraw_preview(
        turn.lang,
        &view,
        individual.title,
        collective,
        &unit,
    );
    show(turn, screen, &text, Some(keyboard)).await
}
