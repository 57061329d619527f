//! Telegram transport. [`schema`] routes every update: commands in private chats to their
//! handlers, typed answers and button presses to the dialogue of the chat's state (loaded once
//! per update by `dialogue::enter`), anything in a group to a pointer towards the private chat.
//! Handlers parse, call one service and render its answer with `texts`; they hold no business
//! rules and no SQL.

pub mod commands;
pub mod dialogue_storage;
mod handlers;
pub mod reply;
pub mod state;

use crate::services::Ctx;
use dialogue_storage::SqliteDialogueStorage;
use handlers::appraisal::Appraisal;
use handlers::block::check::CrossCheck;
use handlers::block::results::BlockConfirmation;
use handlers::callback::{self, Button};
use handlers::commendation::appraisal::CommendationAppraisal;
use handlers::commendation::decision::CommendationDecision;
use handlers::decision::Decision;
use handlers::resubmission::Resubmission;
use handlers::review::Review;
use handlers::screen::Screen;
use handlers::{
    Turn, assessment, block, commendation, decide, extension, link, meeting, registration,
};
use state::State;
use std::ops::ControlFlow;
use std::sync::Arc;
use teloxide::dispatching::dialogue::{self, Dialogue};
use teloxide::dispatching::{HandlerExt, UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;
use teloxide::types::Me;

pub type ChatDialogue = Dialogue<State, SqliteDialogueStorage>;
pub type BotError = Box<dyn std::error::Error + Send + Sync>;
pub type HandlerResult = Result<(), BotError>;

/// A message typed in a dialogue state goes to that dialogue's `message`, with the state
/// `dialogue::enter` loaded for this update.
macro_rules! typed {
    ($message:path) => {
        dptree::endpoint(
            |turn: Arc<Turn>, dialogue: ChatDialogue, state: State, msg: Message| async move {
                $message(&turn, &dialogue, state, msg.text()).await
            },
        )
    };
}

/// A live press in a dialogue state goes to that dialogue's `press`; what does not fit its step
/// is answered as a stale button.
macro_rules! pressed {
    ($press:path) => {
        dptree::endpoint(
            |turn: Arc<Turn>,
             dialogue: ChatDialogue,
             state: State,
             query: CallbackQuery,
             button: Button| async move {
                callback::acknowledge(&turn, &query).await?;
                let screen = Screen::Edit(button.message);
                let pressed = $press(&turn, &dialogue, state, button.payload.action, screen).await;
                callback::settle(&turn, &query, pressed).await
            },
        )
    };
}

pub fn schema() -> UpdateHandler<BotError> {
    // Typed text (or a sticker, a photo) goes to the dialogue waiting for it; what no dialogue
    // takes gets the catch-all hint.
    let typed_answers = dptree::filter(handlers::is_typed_answer)
        .branch(
            dptree::case![State::Assessing {
                nonce,
                step,
                back_to_review
            }]
            .chain(typed!(assessment::message)),
        )
        .branch(
            dptree::case![State::Reviewing { nonce, step }]
                .chain(typed!(decide::message::<Review>)),
        )
        .branch(
            dptree::case![State::Appraising { nonce, step }]
                .chain(typed!(decide::message::<Appraisal>)),
        )
        .branch(
            dptree::case![State::Deciding { nonce, step }]
                .chain(typed!(decide::message::<Decision>)),
        )
        .branch(
            dptree::case![State::Resending { nonce, step }]
                .chain(typed!(decide::message::<Resubmission>)),
        )
        .branch(
            dptree::case![State::Meeting { nonce, step, draft }].chain(typed!(meeting::message)),
        )
        .branch(
            dptree::case![State::Commending { nonce, step }].chain(typed!(commendation::message)),
        )
        .branch(dptree::case![State::Scoring { nonce, step }].chain(typed!(block::message)))
        .branch(
            dptree::case![State::CrossChecking { nonce, step }]
                .chain(typed!(decide::message::<CrossCheck>)),
        )
        .branch(
            dptree::case![State::ConfirmingBlock { nonce, step }]
                .chain(typed!(decide::message::<BlockConfirmation>)),
        )
        .branch(
            dptree::case![State::AppraisingCommendation { nonce, step }]
                .chain(typed!(decide::message::<CommendationAppraisal>)),
        )
        .branch(
            dptree::case![State::DecidingCommendation { nonce, step }]
                .chain(typed!(decide::message::<CommendationDecision>)),
        );
    let messages = Update::filter_message()
        .branch(
            dptree::filter(|msg: Message| !msg.chat.is_private())
                .endpoint(handlers::group::message),
        )
        .branch(
            dialogue::enter::<Message, SqliteDialogueStorage, State, _>()
                .branch(
                    dptree::filter_map_async(handlers::message_turn)
                        .branch(
                            dptree::entry()
                                .filter_command::<commands::Command>()
                                .endpoint(handlers::command),
                        )
                        .branch(
                            dptree::filter(handlers::evidence::carries_file)
                                .branch(
                                    dptree::filter(|state: State| {
                                        matches!(state, State::Assessing { .. })
                                    })
                                    .endpoint(handlers::evidence::attach),
                                )
                                .branch(dptree::endpoint(handlers::evidence::outside)),
                        )
                        .branch(typed_answers)
                        .branch(dptree::endpoint(handlers::other_message)),
                )
                .branch(dptree::endpoint(handlers::ignore)),
        );
    // Idle has no nonce, so no press reaches here without a live dialogue.
    let dialogue_presses = dptree::entry()
        .branch(
            dptree::case![State::ChoosingIndividualTitle { nonce }]
                .chain(pressed!(registration::press)),
        )
        .branch(
            dptree::case![State::ChoosingCollectiveTitle { nonce, individual }]
                .chain(pressed!(registration::press)),
        )
        .branch(
            dptree::case![State::ConfirmingRegistration {
                nonce,
                individual,
                collective
            }]
            .chain(pressed!(registration::press)),
        )
        .branch(
            dptree::case![State::ConfirmingWithdrawal { nonce }]
                .chain(pressed!(registration::press)),
        )
        .branch(
            dptree::case![State::Assessing {
                nonce,
                step,
                back_to_review
            }]
            .chain(pressed!(assessment::press)),
        )
        .branch(
            dptree::case![State::Reviewing { nonce, step }]
                .chain(pressed!(decide::press::<Review>)),
        )
        .branch(
            dptree::case![State::Meeting { nonce, step, draft }].chain(pressed!(meeting::press)),
        )
        .branch(
            dptree::case![State::Appraising { nonce, step }]
                .chain(pressed!(decide::press::<Appraisal>)),
        )
        .branch(
            dptree::case![State::Deciding { nonce, step }]
                .chain(pressed!(decide::press::<Decision>)),
        )
        .branch(
            dptree::case![State::Resending { nonce, step }]
                .chain(pressed!(decide::press::<Resubmission>)),
        )
        .branch(
            dptree::case![State::Commending { nonce, step }].chain(pressed!(commendation::press)),
        )
        .branch(dptree::case![State::Scoring { nonce, step }].chain(pressed!(block::press)))
        .branch(
            dptree::case![State::CrossChecking { nonce, step }]
                .chain(pressed!(decide::press::<CrossCheck>)),
        )
        .branch(
            dptree::case![State::ConfirmingBlock { nonce, step }]
                .chain(pressed!(decide::press::<BlockConfirmation>)),
        )
        .branch(
            dptree::case![State::AppraisingCommendation { nonce, step }]
                .chain(pressed!(decide::press::<CommendationAppraisal>)),
        )
        .branch(
            dptree::case![State::DecidingCommendation { nonce, step }]
                .chain(pressed!(decide::press::<CommendationDecision>)),
        )
        .branch(
            dptree::case![State::ConfirmingMove { nonce, invite_id }].chain(pressed!(link::press)),
        )
        .branch(
            dptree::case![State::ConfirmingExtension {
                nonce,
                year,
                phase,
                closes
            }]
            .chain(pressed!(extension::press)),
        );
    // A press passes, in this order: reminder buttons (no nonce, valid for days), the strict
    // decoding, the role a collective title needs, ballot buttons (the ballot's nonce), the
    // dialogue's nonce; only then does the dialogue of the current state see it.
    let presses = dialogue::enter::<CallbackQuery, SqliteDialogueStorage, State, _>()
        .map_async(callback::turn)
        .branch(dptree::filter_map(callback::reminder_button).endpoint(callback::reminder))
        .branch(
            dptree::filter_map(callback::decode)
                .branch(
                    dptree::filter(callback::is_collective)
                        .filter_map_async(callback::role_refusal)
                        .endpoint(callback::role_refused),
                )
                .branch(dptree::filter(callback::is_ballot).endpoint(callback::ballot))
                .branch(dptree::filter(callback::is_stale).endpoint(callback::stale))
                .branch(dialogue_presses),
        )
        .branch(dptree::endpoint(callback::forged));
    let callbacks = Update::filter_callback_query()
        // Only private chats act: a press on a message in a group (or one whose chat is
        // unknown) changes nothing, whatever its data, and is told where to go.
        .branch(
            dptree::filter(|query: CallbackQuery| !callback::in_private_chat(&query))
                .endpoint(callback::outside_private_chat),
        )
        .branch(presses)
        // A press that belongs to no private chat (for example on a message the bot can no
        // longer see) still gets an answer, so the button stops spinning.
        .branch(dptree::endpoint(callback::orphan));
    dptree::entry().branch(messages).branch(callbacks)
}

/// The values every handler can ask for.
pub fn dependencies(ctx: Ctx) -> teloxide::dptree::di::DependencyMap {
    let storage = SqliteDialogueStorage::new(ctx.clone());
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
    match shared_schema().dispatch(deps).await {
        ControlFlow::Break(result) => result,
        ControlFlow::Continue(_) => Ok(()),
    }
}

/// The schema, built once per process. Building it for every update was 12 % of the bot's CPU
/// samples in the rush benchmark (`perf record` of `thidua run`, 1,000 people): dozens of
/// handler nodes allocated and dropped per update for a tree that never changes.
fn shared_schema() -> &'static UpdateHandler<BotError> {
    static SCHEMA: std::sync::OnceLock<UpdateHandler<BotError>> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(schema)
}

/// Shared dialogue storage handle type, for wiring.
pub type DialogueStore = Arc<SqliteDialogueStorage>;
