//! /start: linking a Telegram account with an invite code, or greeting someone who comes back.
//!
//! ```text
//! user: /start Zx3…(invite code from the e-mailed deep link)
//! bot:  Xin chào Nguyễn Thị Mai! Tài khoản Telegram của anh/chị đã được liên kết …
//! user: /start
//! bot:  Xin chào Nguyễn Thị Mai! …           (or, for an unknown account, how to get a link)
//! user: /start Qp7…(a new invite, for a record linked to another account)
//! bot:  Hồ sơ Nguyễn Thị Mai (Văn phòng) đang liên kết với một tài khoản Telegram khác. …
//!       [✅ Xác nhận chuyển] [✖️ Không chuyển]
//! user: (presses Xác nhận chuyển)
//! bot:  Xin chào Nguyễn Thị Mai! …      (the old account and the e-mail are told of the move)
//! ```

use super::Turn;
use super::misc::refresh_menu;
use super::screen::{Pressed, Screen, button, refuse, show};
use crate::bot::state::State;
use crate::bot::{ChatDialogue, HandlerResult};
use crate::services;
use crate::services::link::{Linked, MoveRequest};
use crate::texts;
use crate::ui::callback_data::Action;
use teloxide::types::InlineKeyboardMarkup;

pub async fn start(turn: &Turn, dialogue: &ChatDialogue, payload: &str) -> HandlerResult {
    let payload = payload.trim();
    if payload.is_empty() {
        return match services::link::returning(&turn.ctx, turn.user_id).await {
            Err(error) => turn.explain(error).await,
            Ok(Some(person)) => {
                let unit = turn.ctx.org.unit_name(&person.unit_code);
                turn.say(&greeting(&person, &unit)).await
            }
            Ok(None) => turn.say(&texts::link::bare_start_unknown(turn.lang)).await,
        };
    }
    match services::link::link_account(&turn.ctx, turn.user_id, turn.chat.0, payload).await {
        Ok(Linked::Done(person)) => {
            // A fresh link starts from a clean conversation.
            super::screen::end(turn, dialogue).await?;
            greet(turn, &person, Screen::New).await
        }
        Ok(Linked::MoveAsked(request)) => ask_move(turn, dialogue, Screen::New, &request).await,
        Err(error) => turn.explain(error).await,
    }
}

async fn greet(
    turn: &Turn,
    person: &crate::domain::person::Person,
    screen: Screen,
) -> HandlerResult {
    let unit = turn.ctx.org.unit_name(&person.unit_code);
    show(turn, screen, &greeting(person, &unit), None).await?;
    refresh_menu(turn, person.lang).await;
    Ok(())
}

/// The greeting, addressed to the person just recognised: the turn itself began with a
/// stranger, whom [`Turn::addressed`] leaves as "anh/chị".
fn greeting(person: &crate::domain::person::Person, unit: &str) -> String {
    let text = texts::link::greeting(person.lang, person, unit);
    match person.lang {
        crate::domain::language::Lang::Vi => texts::address::chat(&text, person.gender),
        crate::domain::language::Lang::En => text,
    }
}

/// What moving the record does, asked before it is done.
async fn ask_move(
    turn: &Turn,
    dialogue: &ChatDialogue,
    screen: Screen,
    request: &MoveRequest,
) -> HandlerResult {
    let nonce = turn.screen_nonce();
    dialogue
        .update(State::ConfirmingMove {
            nonce,
            invite_id: request.invite_id,
        })
        .await?;
    let labels = texts::link::move_buttons(turn.lang);
    let keyboard = InlineKeyboardMarkup::new(vec![
        vec![button(&labels.confirm, nonce, Action::Confirm)],
        vec![button(&labels.cancel, nonce, Action::Cancel)],
    ]);
    let person = &request.person;
    let unit = turn.ctx.org.unit_name(&person.unit_code);
    let by_email = !person.email.trim().is_empty();
    let text = texts::link::move_preview(turn.lang, person, &unit, by_email);
    show(turn, screen, &text, Some(keyboard)).await
}

/// The question shown again (a stale press, a restart): checked again first, since the invite
/// may have been used, revoked or expired meanwhile.
pub async fn ask_move_again(turn: &Turn, dialogue: &ChatDialogue, invite_id: i64) -> HandlerResult {
    match services::link::pending_move(&turn.ctx, turn.user_id, turn.chat.0, invite_id).await {
        Ok(request) => ask_move(turn, dialogue, Screen::New, &request).await,
        Err(error) => refuse(turn, dialogue, Screen::New, error).await,
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
    let State::ConfirmingMove { invite_id, .. } = state else {
        return Ok(Pressed::DoesNotFit);
    };
    let handled = match action {
        Action::Confirm => {
            match services::link::confirm_move(&turn.ctx, turn.user_id, turn.chat.0, invite_id)
                .await
            {
                Ok(person) => {
                    dialogue.update(State::Idle).await?;
                    greet(turn, &person, screen).await
                }
                Err(error) => refuse(turn, dialogue, screen, error).await,
            }
        }
        Action::Cancel => {
            dialogue.update(State::Idle).await?;
            show(turn, screen, &texts::link::move_cancelled(turn.lang), None).await
        }
        _ => return Ok(Pressed::DoesNotFit),
    };
    handled.map(|()| Pressed::Handled)
}
