//! Sending one Telegram text, and turning teloxide's error into what the outbox should do.
//!
//! The sender sits *under* the outbox: every send first takes a slot of the [`SendGate`], which
//! keeps us within Telegram's flood limits (1 msg/s per chat, 20/min per group, 30/s overall)
//! and keeps no more sends open than the rate needs. The outbox row stays `sending` while its
//! slot is held, so a crash loses nothing and re-sends at most a window's worth. A 429 pauses
//! the gate and is handed back to the outbox, which reschedules the row in the database
//! (`next_attempt_at = now + retry_after`) instead of retrying invisibly inside a sleeping future.

use super::send_gate::{FloodLimits, SendGate, Slot};
use std::sync::Arc;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;
use teloxide::{ApiError, RequestError};

/// Sends texts to Telegram chats. Cheap to clone (the gate is shared).
#[derive(Clone)]
pub struct TelegramSender {
    bot: Bot,
    gate: Arc<SendGate>,
}

/// What a failed send means for the outbox row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TelegramFailure {
    /// 429: try again no earlier than this.
    RetryAfter(Duration),
    /// "Forbidden: …" (blocked, never started, deactivated, kicked): this chat will not receive
    /// anything until the person writes to the bot again.
    Unreachable(String),
    /// The group became a supergroup with this id; the message was not posted.
    Migrated(i64),
    /// Worth retrying. `maybe_delivered` is true when the request may have reached Telegram
    /// (a timeout or a connection lost after sending), so a re-send could duplicate it.
    Transient {
        reason: String,
        maybe_delivered: bool,
    },
    /// Retrying cannot help (a malformed request, chat not found, text too long).
    Permanent(String),
}

impl TelegramSender {
    /// The production sender: Telegram's flood limits and a window sized to the rate.
    pub fn new(bot: Bot) -> TelegramSender {
        TelegramSender {
            bot,
            gate: SendGate::new(Some(FloodLimits::TELEGRAM)),
        }
    }

    /// Without limits or window: every call goes out at once. For tests that retry to one chat
    /// many times within a second and must not wait real seconds; never in production.
    pub fn unthrottled(bot: Bot) -> TelegramSender {
        TelegramSender {
            bot,
            gate: SendGate::new(None),
        }
    }

    /// Waits for the turn of a send to `chat_id`. Hold the slot until the outcome is recorded:
    /// while it is held the message may be delivered and the row still `sending`.
    pub async fn slot(&self, chat_id: i64) -> Slot {
        self.gate.enter(chat_id).await
    }

    /// How many sends may be open at once now.
    pub fn window(&self) -> usize {
        self.gate.window()
    }

    /// Sends `text` (plain, no parse mode) with an optional inline keyboard, in `slot`.
    pub async fn send_text(
        &self,
        slot: &mut Slot,
        chat_id: i64,
        text: &str,
        keyboard: Option<InlineKeyboardMarkup>,
    ) -> Result<(), TelegramFailure> {
        let request = self.bot.send_message(ChatId(chat_id), text);
        let result = match keyboard {
            Some(keyboard) => request.reply_markup(keyboard).await,
            None => request.await,
        };
        match &result {
            Ok(_) => slot.answered(),
            Err(RequestError::RetryAfter(seconds)) => {
                slot.answered();
                self.gate.pause_for(seconds.duration());
            }
            Err(RequestError::Api(_) | RequestError::MigrateToChatId(_)) => slot.answered(),
            Err(_) => {}
        }
        result.map(drop).map_err(|error| classify(&error))
    }
}

/// The outbox's reading of a teloxide error.
pub fn classify(error: &RequestError) -> TelegramFailure {
    match error {
        RequestError::RetryAfter(seconds) => TelegramFailure::RetryAfter(seconds.duration()),
        RequestError::MigrateToChatId(chat) => TelegramFailure::Migrated(chat.0),
        RequestError::Api(api) => classify_api(api),
        RequestError::Network(network) => TelegramFailure::Transient {
            reason: format!("network: {}", error_chain(network.as_ref())),
            // Only a failed connect proves Telegram never saw the request.
            maybe_delivered: !network.is_connect(),
        },
        // An answer we cannot parse still means Telegram got the request.
        RequestError::InvalidJson { .. } => TelegramFailure::Transient {
            reason: error.to_string(),
            maybe_delivered: true,
        },
        RequestError::Io(_) => TelegramFailure::Transient {
            reason: error.to_string(),
            maybe_delivered: false,
        },
    }
}

fn classify_api(api: &ApiError) -> TelegramFailure {
    // teloxide maps known descriptions to variants and keeps the rest verbatim in `Unknown`
    // (e.g. "Forbidden: bot can't initiate conversation with a user", "Bad Gateway").
    let description = match api {
        ApiError::Unknown(text) => text.clone(),
        other => other.to_string(),
    };
    let unreachable = description.starts_with("Forbidden:")
        || matches!(
            api,
            ApiError::BotKicked | ApiError::CantInitiateConversation | ApiError::CantTalkWithBots
        );
    if unreachable {
        return TelegramFailure::Unreachable(description);
    }
    match api {
        // A description teloxide does not know and that is not a "Bad Request": a 5xx from
        // Telegram's front ("Bad Gateway", "Internal Server Error"), or a hiccup. Retry.
        ApiError::Unknown(_) if !description.starts_with("Bad Request:") => {
            TelegramFailure::Transient {
                reason: description,
                maybe_delivered: false,
            }
        }
        // A revoked token or a second bot instance is an operator's problem, not the message's:
        // keep retrying with backoff while it is fixed.
        ApiError::InvalidToken | ApiError::TerminatedByOtherGetUpdates => {
            TelegramFailure::Transient {
                reason: description,
                maybe_delivered: false,
            }
        }
        _ => TelegramFailure::Permanent(description),
    }
}

fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_forbidden_answer_means_unreachable() {
        for api in [
            ApiError::BotBlocked,
            ApiError::UserDeactivated,
            ApiError::Unknown("Forbidden: bot can't initiate conversation with a user".into()),
            ApiError::CantInitiateConversation,
        ] {
            assert!(matches!(
                classify(&RequestError::Api(api)),
                TelegramFailure::Unreachable(_)
            ));
        }
    }

    #[test]
    fn server_errors_are_transient_and_bad_requests_permanent() {
        let bad_gateway = classify(&RequestError::Api(ApiError::Unknown("Bad Gateway".into())));
        assert!(matches!(
            bad_gateway,
            TelegramFailure::Transient {
                maybe_delivered: false,
                ..
            }
        ));
        assert!(matches!(
            classify(&RequestError::Api(ApiError::MessageIsTooLong)),
            TelegramFailure::Permanent(_)
        ));
        let odd = ApiError::Unknown("Bad Request: something new".into());
        assert!(matches!(
            classify(&RequestError::Api(odd)),
            TelegramFailure::Permanent(_)
        ));
    }

    #[test]
    fn retry_after_and_migration_carry_their_parameter() {
        let retry = RequestError::RetryAfter(teloxide::types::Seconds::from_seconds(7));
        assert_eq!(
            classify(&retry),
            TelegramFailure::RetryAfter(Duration::from_secs(7))
        );
        assert_eq!(
            classify(&RequestError::MigrateToChatId(ChatId(-1_004_242))),
            TelegramFailure::Migrated(-1_004_242)
        );
    }
}
