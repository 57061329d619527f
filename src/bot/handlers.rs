//! Update handlers. Each one builds a [`Turn`] (who is speaking, where, in which language) and
//! hands it to the handler of the command, message or button.

mod appraisal;
mod assessment;
pub mod ballot;
pub mod callback;
mod decision;
pub mod group;
mod link;
mod meeting;
mod misc;
mod registration;
pub mod reminders;
mod review;
mod screen;

use super::commands::Command;
use super::state::State;
use super::{ChatDialogue, HandlerResult, reply};
use crate::domain::language::Lang;
use crate::services::{self, Caller, Ctx, ServiceError};
use crate::storage::audit::Actor;
use crate::texts;
use teloxide::prelude::*;

/// One exchange with one person in one private chat.
pub struct Turn {
    pub bot: Bot,
    pub ctx: Ctx,
    pub chat: ChatId,
    pub user_id: i64,
    /// Who is speaking, resolved once for the whole update.
    pub caller: Caller,
    pub lang: Lang,
}

impl Turn {
    async fn new(bot: Bot, ctx: Ctx, chat: ChatId, user_id: i64) -> Self {
        // An unknown account, or a failed lookup, reads Vietnamese: the default for everyone.
        let caller = services::identity::resolve_telegram(&ctx, user_id, chat.0).await;
        let lang = caller.lang();
        Self {
            bot,
            ctx,
            chat,
            user_id,
            caller,
            lang,
        }
    }

    pub fn actor(&self) -> Actor {
        Actor::chat(self.user_id, self.chat.0, None)
    }

    pub async fn say(&self, text: &str) -> HandlerResult {
        reply::say(&self.bot, self.chat, text).await?;
        Ok(())
    }

    pub async fn explain(&self, error: ServiceError) -> HandlerResult {
        reply::explain(&self.bot, &self.ctx, self.chat, self.lang, error).await?;
        Ok(())
    }
}

fn telegram_user_id(user: &teloxide::types::User) -> i64 {
    // Telegram user ids fit in 52 bits; the cast cannot truncate.
    user.id.0 as i64
}

pub async fn command(
    bot: Bot,
    ctx: Ctx,
    dialogue: ChatDialogue,
    msg: Message,
    command: Command,
) -> HandlerResult {
    let Some(user) = msg.from.as_ref() else {
        return Ok(());
    };
    let turn = Turn::new(bot, ctx, msg.chat.id, telegram_user_id(user)).await;
    match command {
        Command::Start(payload) => link::start(&turn, &dialogue, &payload).await,
        Command::Help => misc::help(&turn).await,
        Command::Register => registration::start(&turn, &dialogue).await,
        Command::Assess => assessment::start(&turn, &dialogue).await,
        Command::Review => review::start(&turn, &dialogue).await,
        Command::Meeting => meeting::start(&turn, &dialogue).await,
        Command::Reopen(unit) => meeting::reopen(&turn, &unit).await,
        Command::Status => misc::status(&turn).await,
        Command::Cancel => misc::cancel(&turn, &dialogue).await,
        Command::Lang => misc::switch_language(&turn).await,
        Command::Reminders => reminders::menu(&turn).await,
        Command::Appraise => appraisal::start(&turn, &dialogue).await,
        Command::Ballot => ballot::start(&turn).await,
        Command::Approve => decision::start(&turn, &dialogue).await,
    }
}

/// Anything in a private chat that is not a known command: text typed while the bot waits for a
/// button, stickers, photos, an unknown /command. The dialogue is never changed by it.
pub async fn other_message(
    bot: Bot,
    ctx: Ctx,
    dialogue: ChatDialogue,
    // Loaded by `dialogue::enter` for this update; reading it again would cost a query.
    state: State,
    msg: Message,
) -> HandlerResult {
    let Some(user) = msg.from.as_ref() else {
        return Ok(());
    };
    let turn = Turn::new(bot, ctx, msg.chat.id, telegram_user_id(user)).await;
    let is_command = msg.text().is_some_and(|text| text.starts_with('/'));
    if !is_command {
        match state {
            State::Assessing { .. } => {
                return assessment::message(&turn, &dialogue, state, msg.text()).await;
            }
            State::Reviewing { .. } => {
                return review::message(&turn, state, &dialogue, msg.text()).await;
            }
            State::Appraising { .. } => {
                return appraisal::message(&turn, state, &dialogue, msg.text()).await;
            }
            State::Deciding { .. } => {
                return decision::message(&turn, state, &dialogue, msg.text()).await;
            }
            State::Meeting { .. } => {
                return meeting::message(&turn, &dialogue, state, msg.text()).await;
            }
            _ => {}
        }
    }
    let text = match msg.text() {
        Some(text) if text.starts_with('/') => texts::common::unknown_command(turn.lang),
        Some(_) if state != State::Idle => texts::common::use_the_buttons(turn.lang),
        Some(_) => texts::common::idle_hint(turn.lang),
        None if state != State::Idle => format!(
            "{}\n{}",
            texts::common::not_understood(turn.lang),
            texts::common::use_the_buttons(turn.lang)
        ),
        None => texts::common::not_understood(turn.lang),
    };
    turn.say(&text).await
}
