//! A fast fake Telegram Bot API for the benchmarks, over real HTTP on loopback.
//!
//! Not the test fake (`tests/it/support/fake_telegram`): that one records every request and
//! parses every update through teloxide to catch shape mistakes; this one keeps the hot path to
//! one JSON parse and one small JSON answer per request, so the bot, not the fake, is measured.
//! It keeps what the benchmarks need: long polling over a queue of pre-serialised updates,
//! an optional injected latency per API call, Telegram's flood limits (answering 429 like the
//! real one), Telegram's length limits, and a stream of the bot's replies for the driver.

#![allow(dead_code)] // Each bench uses a part of the shared support.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State as Extract;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::{Notify, mpsc, watch};

pub const TOKEN: &str = "7000000001:AAFakeTokenForThiduaBench";
pub const BOT_ID: u64 = 7_000_000_001;

/// A message the bot showed in a chat (a new message or an edit), as the driver sees it.
#[derive(Debug, Clone)]
pub struct Reply {
    pub chat_id: i64,
    pub message_id: i64,
    pub text: String,
    /// Inline buttons as (label, callback_data).
    pub buttons: Vec<(String, String)>,
    /// When the request reached the fake (before any injected latency).
    pub at: Instant,
}

#[derive(Debug, Default, Clone)]
pub struct Stats {
    /// Requests by method (lower-case).
    pub requests: HashMap<String, u64>,
    /// 429 answers given by the flood-limit enforcement.
    pub too_many_requests: u64,
    /// Of those, how many broke a per-chat limit (1/s private, 20/min group).
    pub per_chat_violations: u64,
    /// Replies refused for breaking Telegram's length limits (text, callback_data).
    pub invalid: u64,
    /// Arrival times of accepted `send*` messages, for the sustained-rate figure.
    pub accepted_sends: Vec<Instant>,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Slept before answering every call (GetUpdates included, before it looks at the queue).
    pub latency: Duration,
    /// Answer 429 `retry_after: 1` to messages beyond Telegram's flood limits.
    pub enforce_limits: bool,
}

struct Shared {
    inner: Mutex<Inner>,
    pushed: Notify,
    options: Options,
    replies: Option<mpsc::UnboundedSender<Reply>>,
    stop: watch::Receiver<bool>,
}

#[derive(Default)]
struct Inner {
    next_update_id: i64,
    next_message_id: i64,
    next_callback_id: u64,
    queue: VecDeque<(i64, String)>,
    first_poll: Option<Instant>,
    limiter: Limiter,
    stats: Stats,
}

pub struct Fake {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: watch::Sender<bool>,
}

impl Fake {
    /// Starts the server; replies go to `replies` when given.
    pub async fn start(options: Options, replies: Option<mpsc::UnboundedSender<Reply>>) -> Fake {
        let (stop, stop_rx) = watch::channel(false);
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner::default()),
            pushed: Notify::new(),
            options,
            replies,
            stop: stop_rx.clone(),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let mut stopped = stop_rx;
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.wait_for(|s| *s).await;
                })
                .await;
        });
        Fake { shared, addr, stop }
    }

    pub fn api_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    pub fn bot(&self) -> teloxide::Bot {
        teloxide::Bot::new(TOKEN).set_api_url(self.api_url().parse().unwrap())
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.shared.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// When the first `GetUpdates` arrived: the bot is ready to serve.
    pub fn first_poll(&self) -> Option<Instant> {
        self.lock().first_poll
    }

    pub async fn wait_first_poll(&self, timeout: Duration) -> Option<Instant> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(at) = self.first_poll() {
                return Some(at);
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        None
    }

    pub fn stats(&self) -> Stats {
        self.lock().stats.clone()
    }

    /// A user's text in their private chat; returns when it became available.
    pub fn push_text(&self, user: i64, text: &str) -> Instant {
        let mut entities = Value::Null;
        if text.starts_with('/') {
            let command = text.split_whitespace().next().unwrap_or(text);
            entities = json!([{ "type": "bot_command", "offset": 0,
                "length": command.encode_utf16().count() }]);
        }
        self.push_with(|inner, id| {
            inner.next_message_id += 1;
            let mut message = json!({
                "message_id": inner.next_message_id, "date": now(), "chat": chat(user),
                "from": user_json(user), "text": text,
            });
            if !entities.is_null() {
                message["entities"] = entities;
            }
            json!({ "update_id": id, "message": message }).to_string()
        })
    }

    /// The user pressing a button under the bot's message `message_id`.
    pub fn push_callback(&self, user: i64, message_id: i64, data: &str) -> Instant {
        self.push_with(|inner, id| {
            inner.next_callback_id += 1;
            json!({ "update_id": id, "callback_query": {
                "id": format!("cbq-{}", inner.next_callback_id), "from": user_json(user),
                "chat_instance": format!("ci-{user}"), "data": data,
                "message": { "message_id": message_id, "date": now(), "chat": chat(user),
                    "from": bot_user(), "text": "…" },
            }})
            .to_string()
        })
    }

    /// Queues an update (raw JSON built by `build` from its id); returns when it was queued.
    fn push_with(&self, build: impl FnOnce(&mut Inner, i64) -> String) -> Instant {
        let at = {
            let mut inner = self.lock();
            inner.next_update_id += 1;
            let id = inner.next_update_id;
            let json = build(&mut inner, id);
            inner.queue.push_back((id, json));
            Instant::now()
        };
        self.shared.pushed.notify_waiters();
        at
    }

    pub fn shutdown(&self) {
        self.stop.send_replace(true);
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.stop.send_replace(true);
    }
}

async fn handle(Extract(shared): Extract<Arc<Shared>>, uri: Uri, body: Bytes) -> Response {
    let at = Instant::now();
    let path = uri.path().trim_start_matches('/');
    let Some((token, method)) = path.strip_prefix("bot").and_then(|p| p.split_once('/')) else {
        return answer(StatusCode::NOT_FOUND, error("Not Found", None));
    };
    if token != TOKEN {
        return answer(StatusCode::UNAUTHORIZED, error("Unauthorized", None));
    }
    let method = method.to_ascii_lowercase();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if !shared.options.latency.is_zero() {
        tokio::time::sleep(shared.options.latency).await;
    }
    if method == "getupdates" {
        return long_poll(&shared, &body).await;
    }
    let (status, result) = perform(&shared, &method, &body, at);
    answer(status, result)
}

fn perform(shared: &Shared, method: &str, body: &Value, at: Instant) -> (StatusCode, Value) {
    let chat_id = body.get("chat_id").and_then(|c| {
        c.as_i64()
            .or_else(|| c.as_str().and_then(|s| s.parse().ok()))
    });
    let mut inner = shared.inner.lock().unwrap_or_else(|p| p.into_inner());
    *inner.stats.requests.entry(method.to_owned()).or_default() += 1;
    let is_send = method.starts_with("send") && method != "sendchataction";
    if is_send
        && shared.options.enforce_limits
        && let Some(chat) = chat_id
    {
        let admitted = inner.limiter.admit(chat, at);
        if admitted != Admit::Yes {
            inner.stats.too_many_requests += 1;
            if admitted == Admit::ChatLimit {
                inner.stats.per_chat_violations += 1;
            }
            return (
                StatusCode::TOO_MANY_REQUESTS,
                error(
                    "Too Many Requests: retry after 1",
                    Some(json!({ "retry_after": 1 })),
                ),
            );
        }
    }
    match method {
        "getme" => (StatusCode::OK, ok(me())),
        "getwebhookinfo" => (
            StatusCode::OK,
            ok(json!({ "url": "", "has_custom_certificate": false, "pending_update_count": 0 })),
        ),
        "sendmessage" | "editmessagetext" => {
            let Some(chat_id) = chat_id else {
                return (
                    StatusCode::BAD_REQUEST,
                    error("Bad Request: chat not found", None),
                );
            };
            let text = body["text"].as_str().unwrap_or_default();
            let length = text.trim().encode_utf16().count();
            let buttons = buttons_of(body);
            let data_ok = buttons
                .iter()
                .all(|(_, data)| !data.is_empty() && data.len() <= 64);
            if length == 0 || length > 4096 || !data_ok {
                inner.stats.invalid += 1;
                return (
                    StatusCode::BAD_REQUEST,
                    error("Bad Request: message is too long", None),
                );
            }
            let message_id = if method == "sendmessage" {
                inner.next_message_id += 1;
                inner.stats.accepted_sends.push(at);
                inner.next_message_id
            } else {
                body["message_id"].as_i64().unwrap_or(0)
            };
            drop(inner);
            let mut message = json!({
                "message_id": message_id, "date": now(), "chat": chat(chat_id),
                "from": bot_user(), "text": text,
            });
            if let Some(markup) = body
                .get("reply_markup")
                .filter(|m| m.get("inline_keyboard").is_some())
            {
                message["reply_markup"] = markup.clone();
            }
            if method == "editmessagetext" {
                message["edit_date"] = json!(now());
            }
            if let Some(replies) = &shared.replies {
                let _ = replies.send(Reply {
                    chat_id,
                    message_id,
                    text: text.to_owned(),
                    buttons,
                    at,
                });
            }
            (StatusCode::OK, ok(message))
        }
        m if m.starts_with("send") => {
            inner.next_message_id += 1;
            let id = inner.next_message_id;
            inner.stats.accepted_sends.push(at);
            let message = json!({ "message_id": id, "date": now(),
                "chat": chat(chat_id.unwrap_or(1)), "from": bot_user(), "text": "…" });
            (StatusCode::OK, ok(message))
        }
        _ => (StatusCode::OK, ok(json!(true))),
    }
}

async fn long_poll(shared: &Shared, body: &Value) -> Response {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = body["limit"].as_u64().map_or(100, |l| l.clamp(1, 100)) as usize;
    let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0));
    let deadline = tokio::time::Instant::now() + timeout;
    let mut stop = shared.stop.clone();
    loop {
        let pushed = shared.pushed.notified();
        tokio::pin!(pushed);
        pushed.as_mut().enable();
        let batch: Vec<String> = {
            let mut inner = shared.inner.lock().unwrap_or_else(|p| p.into_inner());
            inner.first_poll.get_or_insert_with(Instant::now);
            *inner.stats.requests.entry("getupdates".into()).or_default() += 1;
            while inner.queue.front().is_some_and(|(id, _)| *id < offset) {
                inner.queue.pop_front();
            }
            inner
                .queue
                .iter()
                .take(limit)
                .map(|(_, json)| json.clone())
                .collect()
        };
        if !batch.is_empty() {
            let mut text = String::with_capacity(batch.iter().map(String::len).sum::<usize>() + 32);
            text.push_str("{\"ok\":true,\"result\":[");
            text.push_str(&batch.join(","));
            text.push_str("]}");
            return ([(header::CONTENT_TYPE, "application/json")], text).into_response();
        }
        tokio::select! {
            () = &mut pushed => {}
            () = tokio::time::sleep_until(deadline) => break,
            _ = stop.wait_for(|s| *s) => break,
        }
    }
    answer(StatusCode::OK, json!({ "ok": true, "result": [] }))
}

fn buttons_of(body: &Value) -> Vec<(String, String)> {
    body["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|b| {
            Some((
                b["text"].as_str()?.to_owned(),
                b["callback_data"].as_str().unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}

fn answer(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

fn ok(result: Value) -> Value {
    json!({ "ok": true, "result": result })
}

fn error(description: &str, parameters: Option<Value>) -> Value {
    let mut body = json!({ "ok": false, "error_code": 400, "description": description });
    if description.starts_with("Too Many") {
        body["error_code"] = json!(429);
    }
    if let Some(parameters) = parameters {
        body["parameters"] = parameters;
    }
    body
}

fn me() -> Value {
    json!({
        "id": BOT_ID, "is_bot": true, "first_name": "Thi đua (bench)", "username": "thidua_bench_bot",
        "can_join_groups": true, "can_read_all_group_messages": false,
        "supports_inline_queries": false, "can_connect_to_business": false,
        "has_main_web_app": false,
    })
}

fn bot_user() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": "Thi đua (bench)", "username": "thidua_bench_bot" })
}

fn user_json(user: i64) -> Value {
    json!({ "id": user, "is_bot": false, "first_name": format!("Người {user}"), "language_code": "vi" })
}

fn chat(id: i64) -> Value {
    if id > 0 {
        json!({ "id": id, "type": "private", "first_name": format!("Người {id}") })
    } else {
        json!({ "id": id, "type": "group", "title": "Nhóm thi đua" })
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Admit {
    Yes,
    ChatLimit,
    GlobalLimit,
}

/// Telegram's flood limits over accepted messages, measured at arrival with 100 ms of slack
/// (a client limiter measures when it sends; arrival jitters a little on a busy machine).
#[derive(Default)]
struct Limiter {
    history: VecDeque<(i64, Instant)>,
    /// Per chat: arrivals in the last minute (private chats need only the last second).
    per_chat: HashMap<i64, VecDeque<Instant>>,
}

const SLACK: Duration = Duration::from_millis(100);

impl Limiter {
    fn admit(&mut self, chat: i64, now: Instant) -> Admit {
        let since = |window: Duration| now.checked_sub(window - SLACK).unwrap_or(now);
        let second_ago = since(Duration::from_secs(1));
        let minute_ago = since(Duration::from_secs(60));
        while self
            .history
            .front()
            .is_some_and(|&(_, at)| at <= second_ago)
        {
            self.history.pop_front();
        }
        let chat_history = self.per_chat.entry(chat).or_default();
        while chat_history.front().is_some_and(|&at| at <= minute_ago) {
            chat_history.pop_front();
        }
        let over_chat = if chat > 0 {
            chat_history.iter().any(|&at| at > second_ago)
        } else {
            chat_history.len() >= 20
        };
        if over_chat {
            return Admit::ChatLimit;
        }
        if self.history.len() >= 30 {
            return Admit::GlobalLimit;
        }
        self.history.push_back((chat, now));
        chat_history.push_back(now);
        if chat_history.is_empty() {
            self.per_chat.remove(&chat);
        }
        Admit::Yes
    }
}
