//! Telegram transport. [`schema`] routes every update: commands and messages in private chats
//! to their handlers (through the per-chat dialogue), button presses to the callback handler,
//! anything in a group to a pointer towards the private chat. Handlers parse, call one service
//! and render its answer with `texts`; they hold no business rules and no SQL.

pub mod commands;
pub mod dialogue_storage;
mod handlers;
pub mod reply;
pub mod state;

use crate::services::Ctx;
use dialogue_storage::SqliteDialogueStorage;
use state::State;
use std::ops::ControlFlow;
use std::sync::Arc;
use teloxide::dispatching::dialogue::Dialogue;
use teloxide::dispatching::{HandlerExt, UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;
use teloxide::types::Me;

pub type ChatDialogue = Dialogue<State, SqliteDialogueStorage>;
pub type BotError = Box<dyn std::error::Error + Send + Sync>;
pub type HandlerResult = Result<(), BotError>;

pub fn schema() -> UpdateHandler<BotError> {
    let messages = Update::filter_message()
        .branch(
            dptree::filter(|msg: Message| !msg.chat.is_private())
                .endpoint(handlers::group::message),
        )
        .branch(
            teloxide::dispatching::dialogue::enter::<Message, SqliteDialogueStorage, State, _>()
                .branch(
                    dptree::entry()
                        .filter_command::<commands::Command>()
                        .endpoint(handlers::command),
                )
                .branch(dptree::endpoint(handlers::other_message)),
        );
    let callbacks =
        Update::filter_callback_query()
            .branch(
                teloxide::dispatching::dialogue::enter::<
                    CallbackQuery,
                    SqliteDialogueStorage,
                    State,
                    _,
                >()
                .endpoint(handlers::callback::press),
            )
            // A press that belongs to no private chat (for example on a message the bot can no
            // longer see) still gets an answer, so the button stops spinning.
            .branch(dptree::endpoint(handlers::callback::orphan));
    dptree::entry().branch(messages).branch(callbacks)
}

/// The values every handler can ask for.
pub fn dependencies(ctx: Ctx) -> teloxide::dptree::di::DependencyMap {
    let storage = SqliteDialogueStorage::new(ctx.db.clone(), ctx.clock.clone());
    dptree::deps![ctx, storage]
}

/// Runs one update through the schema to completion: every reply has been sent when it returns.
/// The dispatcher does the same for polled updates; tests call this directly so they never wait
/// on background work.
pub async fn handle_update(bot: Bot, ctx: Ctx, me: Me, update: Update) -> HandlerResult {
    let mut deps = dependencies(ctx);
    deps.insert(bot);
    deps.insert(me);
    deps.insert(update);
    match schema().dispatch(deps).await {
        ControlFlow::Break(result) => result,
        ControlFlow::Continue(_) => Ok(()),
    }
}

/// Shared dialogue storage handle type, for wiring.
pub type DialogueStore = Arc<SqliteDialogueStorage>;
