//! /bophieu and the ballot buttons. Council members vote on the papers the outbox delivered; the
//! secretary enters the paper votes of members recorded absent. The secretary's overview,
//! opening, closing and recording absence are in [`secretary`].
//!
//! ```text
//! member: (presses "Đồng ý" on paper 1/2)
//! bot:  (the paper loses its buttons) 🗳 Phiếu này đã được bỏ. …
//!       ✅ Đã ghi nhận phiếu. Anh/chị còn 1/2 phiếu chưa bỏ.
//! ```
//!
//! Ballot buttons carry the ballot's nonce, not the dialogue's, and the service re-checks the
//! voter, the ballot and the phase on every press. The choice is never logged or audited here:
//! refusals are audited with the nomination only.

use super::Turn;
use super::screen::button;
use crate::bot::{HandlerResult, reply};
use crate::domain::ballot::Choice;
use crate::domain::person::PersonId;
use crate::services::ballot as service;
use crate::services::{self, ServiceError};

use crate::texts;
use crate::ui::callback_data::{Action, Payload};
use serde_json::json;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MessageId};

/// Whether a payload belongs here rather than to a dialogue.
pub fn is_ballot(action: Action) -> bool {
    matches!(
        action,
        Action::Vote { .. }
            | Action::Written { .. }
            | Action::WrittenFor { .. }
            | Action::OpenBallot
            | Action::CloseBallot
            | Action::ConfirmClose { .. }
            | Action::MarkAbsent { .. }
            | Action::ConfirmAbsent { .. }
            | Action::BallotOverview
    )
}

mod secretary;

pub use secretary::start;

/// A ballot button. `message` is the paper (or list) it was pressed on.
pub async fn press(
    turn: &Turn,
    query: &CallbackQuery,
    payload: Payload,
    message: MessageId,
) -> HandlerResult {
    let ctx = &turn.ctx;
    match payload.action {
        Action::Vote { nomination, yes } => {
            let choice = if yes { Choice::Yes } else { Choice::No };
            match service::cast(ctx, &turn.caller, payload.nonce, nomination, choice).await {
                Ok(cast) => {
                    acknowledge(turn, query).await?;
                    // The paper loses its buttons; its new text does not say what was chosen.
                    reply::patiently(turn.bot.edit_message_text(
                        turn.chat,
                        message,
                        turn.addressed(&texts::ballot::paper_done(turn.lang)),
                    ))
                    .await?;
                    turn.say(&texts::ballot::recorded(turn.lang, cast)).await
                }
                Err(error) => refuse(turn, query, nomination, error).await,
            }
        }
        Action::Written {
            member,
            nomination,
            yes,
        } => {
            let choice = if yes { Choice::Yes } else { Choice::No };
            // Read before the cast, so a failure is refused like the cast's and never follows a
            // recorded vote.
            let name = match service::written_member_name(ctx, &turn.caller, PersonId(member)).await
            {
                Ok(name) => name,
                Err(error) => return refuse(turn, query, nomination, error).await,
            };
            let result = service::cast_written(
                ctx,
                &turn.caller,
                payload.nonce,
                PersonId(member),
                nomination,
                choice,
            )
            .await;
            match result {
                Ok(cast) => {
                    acknowledge(turn, query).await?;
                    reply::patiently(turn.bot.edit_message_text(
                        turn.chat,
                        message,
                        turn.addressed(&texts::ballot::paper_done(turn.lang)),
                    ))
                    .await?;
                    turn.say(&texts::ballot::written_recorded(turn.lang, &name, cast))
                        .await
                }
                Err(error) => refuse(turn, query, nomination, error).await,
            }
        }
        Action::WrittenFor { member } => {
            match service::papers_for_written(ctx, &turn.caller, PersonId(member)).await {
                Ok((person, nonce, papers)) if payload.nonce == nonce => {
                    acknowledge(turn, query).await?;
                    turn.say(&texts::ballot::written_intro(
                        turn.lang,
                        &person.full_name,
                        papers.len(),
                    ))
                    .await?;
                    for (index, paper) in papers.iter().enumerate() {
                        let nomination = paper.nomination;
                        let text = texts::ballot::paper(turn.lang, paper, index + 1, papers.len());
                        let (agree, disagree) = texts::ballot::choice_labels(turn.lang);
                        let written = |yes| Action::Written {
                            member,
                            nomination,
                            yes,
                        };
                        let keyboard = InlineKeyboardMarkup::new([[
                            button(agree, nonce, written(true)),
                            button(disagree, nonce, written(false)),
                        ]]);
                        reply::patiently(
                            turn.bot
                                .send_message(turn.chat, turn.addressed(&text))
                                .reply_markup(keyboard),
                        )
                        .await?;
                    }
                    Ok(())
                }
                Ok(_) => refuse(turn, query, 0, services::Refusal::StaleButton.into()).await,
                Err(error) => refuse(turn, query, 0, error).await,
            }
        }
        Action::OpenBallot
        | Action::CloseBallot
        | Action::ConfirmClose { .. }
        | Action::MarkAbsent { .. }
        | Action::ConfirmAbsent { .. }
        | Action::BallotOverview => secretary::press(turn, query, payload, message).await,
        _ => Ok(()),
    }
}

async fn acknowledge(turn: &Turn, query: &CallbackQuery) -> HandlerResult {
    turn.bot.answer_callback_query(query.id.clone()).await?;
    Ok(())
}

/// Refused: an alert on the button, an audit row with the nomination (never the choice), and
/// nothing changed.
async fn refuse(
    turn: &Turn,
    query: &CallbackQuery,
    nomination: i64,
    error: ServiceError,
) -> HandlerResult {
    if let ServiceError::Refused(refusal) = &error {
        let detail = json!({ "nomination": nomination, "refusal": format!("{refusal:?}") });
        if let Err(error) =
            services::refusals::record(&turn.ctx, &turn.caller, "ballot.refused", detail).await
        {
            tracing::error!(%error, "could not audit a refused ballot press");
        }
    }
    let text = crate::bot::reply::error_text(&turn.ctx, turn.lang, error).await;
    let short: String = turn.addressed(&text).chars().take(200).collect();
    turn.bot
        .answer_callback_query(query.id.clone())
        .text(short)
        .show_alert(true)
        .await?;
    Ok(())
}
