//! /help, /trangthai, /huy and /lang.

use super::Turn;
use crate::bot::commands::{allowed, menu};
use crate::bot::state::State;
use crate::bot::{ChatDialogue, HandlerResult};
use crate::services::{self, Refusal, ServiceError};
use crate::texts;
use teloxide::prelude::*;
use teloxide::types::BotCommandScope;

pub async fn help(turn: &Turn) -> HandlerResult {
    let person = services::identity::person_of(&turn.ctx, turn.user_id).await?;
    let commands = allowed(person.as_ref().map(|person| &person.roles));
    turn.say(&texts::commands::help(
        turn.lang,
        &commands,
        person.is_some(),
    ))
    .await
}

pub async fn status(turn: &Turn) -> HandlerResult {
    // A block member's contact registers no title: their status is the member's sheet.
    let contact = turn
        .caller
        .person
        .as_ref()
        .is_some_and(|person| person.has(crate::domain::role::Role::BlockContact));
    if contact {
        return super::block::status(turn).await;
    }
    match services::status::my_status(&turn.ctx, &turn.caller).await {
        Ok(view) => {
            turn.say(&texts::registration::status(turn.lang, &view))
                .await
        }
        Err(error) => turn.explain(error).await,
    }
}

pub async fn cancel(turn: &Turn, dialogue: &ChatDialogue) -> HandlerResult {
    let state = dialogue.get().await?.unwrap_or_default();
    if state == State::Idle {
        return turn.say(&texts::common::nothing_to_cancel(turn.lang)).await;
    }
    super::screen::end(turn, dialogue).await?;
    turn.say(&texts::common::cancelled(turn.lang)).await
}

pub async fn switch_language(turn: &Turn) -> HandlerResult {
    match services::language::toggle(&turn.ctx, &turn.caller).await {
        Ok(lang) => {
            turn.say(&texts::common::language_switched(lang)).await?;
            refresh_menu(turn, lang).await;
            Ok(())
        }
        Err(ServiceError::Refused(Refusal::NotLinked)) => {
            turn.explain(Refusal::NotLinked.into()).await
        }
        Err(error) => turn.explain(error).await,
    }
}

/// Sets this chat's command menu to exactly what the person may use, in their language.
/// A failure only costs the menu, not the action, so it is logged rather than reported.
pub async fn refresh_menu(turn: &Turn, lang: crate::domain::language::Lang) {
    let person = services::identity::person_of(&turn.ctx, turn.user_id)
        .await
        .ok()
        .flatten();
    let commands = allowed(person.as_ref().map(|person| &person.roles));
    let result = turn
        .bot
        .set_my_commands(menu(lang, &commands))
        .scope(BotCommandScope::Chat {
            chat_id: turn.chat.into(),
        })
        .await;
    if let Err(error) = result {
        tracing::warn!(%error, chat = turn.chat.0, "could not set the chat's command menu");
    }
}
