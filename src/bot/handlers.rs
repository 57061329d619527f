//! Update handlers. The schema builds one [`Turn`] per update (who is speaking, where, in which
//! language) and routes it, by the dialogue's state, to the handler of the command, message or
//! button.

pub mod appraisal;
pub mod assessment;
pub mod ballot;
pub mod block;
pub mod callback;
pub mod commendation;
pub mod decide;
pub mod decision;
pub mod evidence;
pub mod extension;
pub mod group;
pub mod link;
pub mod meeting;
mod misc;
pub mod papers;
pub mod registration;
pub mod reminders;
pub mod resubmission;
mod resume;
pub mod review;
pub mod screen;

use super::commands::Command;
use super::state::State;
use super::{ChatDialogue, HandlerResult, reply};
use crate::domain::language::Lang;
use crate::services::{self, Caller, Ctx, ServiceError};
use crate::texts;
pub use resume::resume;
use std::sync::Arc;
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
    /// Set while [`resume`] shows the live screen again: the copy keeps the live nonce, so the
    /// screen already on display stays valid. (Were it given a new one, a press on the live
    /// screen racing the copy would be stale too, and chase the copies for ever.)
    resumed_nonce: std::sync::Mutex<Option<u32>>,
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
            resumed_nonce: std::sync::Mutex::new(None),
        }
    }

    /// The nonce of a screen about to be shown: a new one, so the buttons of every earlier
    /// screen turn stale, except while [`resume`] shows the live screen again.
    pub fn screen_nonce(&self) -> u32 {
        let mut resumed = self
            .resumed_nonce
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        resumed.take().unwrap_or_else(super::state::new_nonce)
    }

    /// The next screen shown is the live one again, under its `nonce`.
    fn reshow_with(&self, nonce: Option<u32>) {
        *self
            .resumed_nonce
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = nonce;
    }

    pub async fn say(&self, text: &str) -> HandlerResult {
        reply::say(&self.bot, self.chat, &self.addressed(text)).await?;
        Ok(())
    }

    /// `text` addressed to the person speaking: "anh" or "chị" by their gender in Vietnamese;
    /// unchanged for someone not linked, or in English.
    pub fn addressed(&self, text: &str) -> String {
        match (&self.caller.person, self.lang) {
            (Some(person), Lang::Vi) => crate::texts::address::chat(text, person.gender),
            _ => text.to_owned(),
        }
    }

    pub async fn explain(&self, error: ServiceError) -> HandlerResult {
        let text = reply::error_text(&self.ctx, self.lang, error).await;
        self.say(&text).await
    }
}

fn telegram_user_id(user: &teloxide::types::User) -> i64 {
    // Telegram user ids fit in 52 bits; the cast cannot truncate.
    user.id.0 as i64
}

/// The turn of a message in a private chat; `None` for a message without a sender.
pub async fn message_turn(bot: Bot, ctx: Ctx, msg: Message) -> Option<Arc<Turn>> {
    let user = msg.from.as_ref()?;
    let turn = Turn::new(bot, ctx, msg.chat.id, telegram_user_id(user)).await;
    Some(Arc::new(turn))
}

/// A message with no sender: there is nobody to answer.
pub async fn ignore() -> HandlerResult {
    Ok(())
}

/// Text that is not a /command (or no text at all): an answer for the dialogue's current step.
pub fn is_typed_answer(msg: Message) -> bool {
    !msg.text().is_some_and(|text| text.starts_with('/'))
}

pub async fn command(turn: Arc<Turn>, dialogue: ChatDialogue, command: Command) -> HandlerResult {
    match command {
        Command::Start(payload) => link::start(&turn, &dialogue, &payload).await,
        Command::Help => misc::help(&turn).await,
        Command::Register => registration::start(&turn, &dialogue).await,
        Command::Assess => assessment::start(&turn, &dialogue).await,
        Command::Review => review::start(&turn, &dialogue).await,
        Command::Meeting => meeting::start_or_resume(&turn, &dialogue).await,
        Command::Reopen(unit) => meeting::reopen(&turn, &unit).await,
        Command::Extend(argument) => extension::start(&turn, &dialogue, &argument).await,
        Command::Status => misc::status(&turn).await,
        Command::Cancel => misc::cancel(&turn, &dialogue).await,
        Command::Lang => misc::switch_language(&turn).await,
        Command::Reminders => reminders::menu(&turn).await,
        Command::Appraise => appraisal::start(&turn, &dialogue).await,
        Command::Ballot => ballot::start(&turn).await,
        Command::Approve => decision::start(&turn, &dialogue).await,
        Command::Resend => resubmission::start(&turn, &dialogue).await,
        Command::Commendation => commendation::start(&turn, &dialogue).await,
        Command::Score => block::start(&turn, &dialogue).await,
        Command::CrossCheck => block::check::start(&turn, &dialogue).await,
        Command::BlockResults => block::results::start(&turn, &dialogue).await,
        Command::Papers(argument) => papers::papers(&turn, &argument).await,
        Command::Evidence(code) => evidence::send_files(&turn, &code).await,
    }
}

/// Anything in a private chat that no dialogue step took: text typed while the bot waits for a
/// button, stickers, photos, an unknown /command. The dialogue is never changed by it.
pub async fn other_message(
    turn: Arc<Turn>,
    // Loaded by `dialogue::enter` for this update; reading it again would cost a query.
    state: State,
    msg: Message,
) -> HandlerResult {
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
