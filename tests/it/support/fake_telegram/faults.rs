//! Scripted failures and flood-limit enforcement: the two ways the fake says "no".
//!
//! The error bodies are Telegram's own, because teloxide maps them by exact description and by
//! `parameters` (`retry_after` -> `RequestError::RetryAfter`, `migrate_to_chat_id` ->
//! `RequestError::MigrateToChatId`, "Forbidden: bot was blocked by the user" ->
//! `ApiError::BotBlocked`).

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use serde_json::{Value, json};

/// One scripted failure: which request it hits and how.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultSpec {
    /// Method name, matched case-insensitively.
    pub method: String,
    /// When set, only a request whose `chat_id` equals it is hit.
    pub chat_id: Option<i64>,
    pub kind: FaultKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// HTTP 429, `parameters.retry_after`: teloxide returns `RequestError::RetryAfter`.
    TooManyRequests { retry_after: u32 },
    /// HTTP 502 "Bad Gateway". Beware: teloxide sleeps 10 s on any 5xx before reading the body.
    ServerError,
    /// HTTP 403 "Forbidden: bot was blocked by the user": `ApiError::BotBlocked`.
    Forbidden,
    /// HTTP 403 "Forbidden: bot can't initiate conversation with a user" (the user never pressed
    /// Start): teloxide has no variant for this text, so it is `ApiError::Unknown(..)`.
    CannotInitiate,
    /// HTTP 400 with `parameters.migrate_to_chat_id`: `RequestError::MigrateToChatId`.
    MigrateToChat { new_chat_id: i64 },
    /// Headers are sent, then the connection drops: `RequestError::Network`, immediately.
    /// The request *did* reach Telegram, as when a reply is lost on the way back.
    Disconnect,
    /// Recorded, never answered (until shutdown, when the connection is dropped): the client
    /// times out after the request went out. Pair with `FakeTelegram::bot_with_timeout`.
    Hang,
}

impl FaultSpec {
    pub fn new(method: &str, kind: FaultKind) -> FaultSpec {
        FaultSpec {
            method: method.to_owned(),
            chat_id: None,
            kind,
        }
    }

    /// Restricts the fault to requests for one chat.
    pub fn in_chat(mut self, chat_id: i64) -> FaultSpec {
        self.chat_id = Some(chat_id);
        self
    }

    pub(super) fn matches(&self, method: &str, chat_id: Option<i64>) -> bool {
        self.method.eq_ignore_ascii_case(method) && self.chat_id.is_none_or(|c| Some(c) == chat_id)
    }
}

impl FaultKind {
    /// Status and body of the error answer. `None` for faults that never answer normally.
    pub(super) fn answer(self) -> Option<(StatusCode, Value)> {
        Some(match self {
            FaultKind::TooManyRequests { retry_after } => too_many_requests(retry_after),
            FaultKind::ServerError => error(StatusCode::BAD_GATEWAY, "Bad Gateway", None),
            FaultKind::Forbidden => error(
                StatusCode::FORBIDDEN,
                "Forbidden: bot was blocked by the user",
                None,
            ),
            FaultKind::CannotInitiate => error(
                StatusCode::FORBIDDEN,
                "Forbidden: bot can't initiate conversation with a user",
                None,
            ),
            FaultKind::MigrateToChat { new_chat_id } => error(
                StatusCode::BAD_REQUEST,
                "Bad Request: group chat was upgraded to a supergroup chat",
                Some(json!({ "migrate_to_chat_id": new_chat_id })),
            ),
            FaultKind::Disconnect | FaultKind::Hang => return None,
        })
    }
}

pub(super) fn too_many_requests(retry_after: u32) -> (StatusCode, Value) {
    error(
        StatusCode::TOO_MANY_REQUESTS,
        &format!("Too Many Requests: retry after {retry_after}"),
        Some(json!({ "retry_after": retry_after })),
    )
}

/// A Bot API error body; `error_code` mirrors the HTTP status as Telegram does.
pub(super) fn error(
    status: StatusCode,
    description: &str,
    parameters: Option<Value>,
) -> (StatusCode, Value) {
    let mut body =
        json!({ "ok": false, "error_code": status.as_u16(), "description": description });
    if let Some(parameters) = parameters {
        body["parameters"] = parameters;
    }
    (status, body)
}

/// Telegram's documented flood limits, checked over the messages it accepted.
///
/// The windows are shortened by [`SLACK`]: a client limiter measures time when it *sends*, we
/// measure when a request *arrives*, and two requests sent 1.000 s apart may arrive 0.998 s
/// apart on a busy machine. Anything faster than the slack is a real violation.
#[derive(Default)]
pub(super) struct RateLimiter {
    /// (chat id, arrival) of accepted messages within the last minute, oldest first.
    history: VecDeque<(i64, Instant)>,
}

const SLACK: Duration = Duration::from_millis(100);
const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);
const PER_PRIVATE_CHAT_PER_SECOND: usize = 1;
const PER_GROUP_PER_MINUTE: usize = 20;
const OVERALL_PER_SECOND: usize = 30;

impl RateLimiter {
    /// Whether the Bot API counts `method` as a message against the flood limits.
    pub(super) fn counts(method: &str) -> bool {
        let method = method.to_ascii_lowercase();
        method.starts_with("send") && method != "sendchataction"
    }

    /// Records the message and returns `true` if it is within limits; returns `false` (and
    /// records nothing: a refused message was not delivered) otherwise.
    pub(super) fn admit(&mut self, chat_id: i64, now: Instant) -> bool {
        let since = |window: Duration| now.checked_sub(window - SLACK).unwrap_or(now);
        let (minute_ago, second_ago) = (since(MINUTE), since(SECOND));
        while self
            .history
            .front()
            .is_some_and(|&(_, at)| at <= minute_ago)
        {
            self.history.pop_front();
        }
        let count = |chat: Option<i64>, after: Instant| {
            let in_chat = |c: &i64| chat.is_none_or(|chat| chat == *c);
            self.history
                .iter()
                .filter(|(c, at)| in_chat(c) && *at > after)
                .count()
        };
        let over = if chat_id > 0 {
            count(Some(chat_id), second_ago) >= PER_PRIVATE_CHAT_PER_SECOND
        } else {
            count(Some(chat_id), minute_ago) >= PER_GROUP_PER_MINUTE
        };
        if over || count(None, second_ago) >= OVERALL_PER_SECOND {
            return false;
        }
        self.history.push_back((chat_id, now));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_chat_gets_one_message_per_second() {
        let mut limiter = RateLimiter::default();
        let t0 = Instant::now();
        assert!(limiter.admit(1, t0));
        assert!(!limiter.admit(1, t0 + Duration::from_millis(500)));
        assert!(
            limiter.admit(2, t0 + Duration::from_millis(500)),
            "other chats are independent"
        );
        assert!(
            limiter.admit(1, t0 + Duration::from_millis(950)),
            "within the slack"
        );
    }

    #[test]
    fn group_gets_twenty_per_minute_and_everyone_thirty_per_second() {
        let mut limiter = RateLimiter::default();
        let t0 = Instant::now();
        for i in 0..20 {
            assert!(limiter.admit(-5, t0 + Duration::from_secs(i)));
        }
        assert!(!limiter.admit(-5, t0 + Duration::from_secs(30)));
        assert!(
            limiter.admit(-5, t0 + Duration::from_secs(60)),
            "the first one left the window"
        );

        let mut limiter = RateLimiter::default();
        let t1 = Instant::now();
        for chat in 1..=30 {
            assert!(limiter.admit(chat, t1));
        }
        assert!(!limiter.admit(31, t1));
    }
}
