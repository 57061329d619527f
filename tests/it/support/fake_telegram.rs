//! A fake Telegram Bot API server over real HTTP on `127.0.0.1:0`.
//!
//! Why a server and not a mock `Requester`: the bot and the outbox worker's sender both talk
//! HTTP to `api.telegram.org`; pointing a real [`teloxide::Bot`] at this server exercises the
//! JSON teloxide writes and parses, its error mapping (`RetryAfter`, `MigrateToChatId`,
//! `Api(BotBlocked)`) and real timeouts, with nothing faked inside the process.
//!
//! ```ignore
//! let tg = FakeTelegram::start().await;
//! let bot = tg.bot();
//! tg.fail_next(FaultSpec::new("SendMessage", FaultKind::TooManyRequests { retry_after: 1 }));
//! // ... run the code under test with `bot`, or push updates for long polling:
//! tg.push(tg.private_text(42, "Lan", "/start"));
//! let sent = tg.wait_for_requests("SendMessage", 2, Duration::from_secs(5)).await;
//! assert_eq!(tg.texts_to(42), ["Xin chào Lan"]);
//! ```
//!
//! Behaviour worth knowing:
//! - Only [`TOKEN`] is accepted; any other token answers `401 Unauthorized` (as Telegram does),
//!   so a test cannot silently talk to the fake with a bot configured elsewhere.
//! - `SendMessage`/`EditMessageText` validate like Telegram: empty or > 4096-character text,
//!   `callback_data` > 64 bytes, editing an unknown message or "editing" to identical content
//!   are rejected with Telegram's exact descriptions (teloxide maps them to typed `ApiError`s).
//! - Methods it does not model answer `{"ok":true,"result":true}`; a method whose teloxide return
//!   type is not `True` (e.g. `GetChat`) will therefore fail to deserialize: extend `server.rs`.
//! - HTTP 5xx answers make teloxide sleep 10 s before reading the body (`DELAY_ON_SERVER_ERROR`),
//!   so prefer [`FaultKind::Disconnect`] for a fast transient failure.

mod faults;
mod methods;
mod multipart;
mod server;
mod updates;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;
use teloxide::Bot;
use teloxide::types::Update;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

pub use faults::{FaultKind, FaultSpec};

/// The only token the fake accepts. The bot id is its numeric prefix, as with real tokens.
pub const TOKEN: &str = "7000000001:AAFakeTokenForThiduaTests";
/// The fake bot's user id (the prefix of [`TOKEN`]).
pub const BOT_ID: u64 = 7_000_000_001;
/// The fake bot's username, returned by `GetMe` (used in deep links and `/cmd@bot` parsing).
pub const BOT_USERNAME: &str = "thidua_test_bot";

/// Handle on a running fake server. Cheap to clone; the server stops when the last clone is
/// dropped or on [`FakeTelegram::shutdown`].
#[derive(Clone)]
pub struct FakeTelegram {
    state: Arc<State>,
    stopper: Arc<Stopper>,
    addr: SocketAddr,
}

/// One HTTP request as the fake received it. Faulted and rejected requests are recorded too, so
/// a test can check *when* the client retried (`received_at`) and what the client saw.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// The method name exactly as it appeared in the URL (teloxide sends PascalCase).
    pub method: String,
    /// JSON body; multipart bodies become an object of their text fields, files become
    /// `{"file_name": .., "size": ..}`.
    pub body: Value,
    pub received_at: Instant,
    pub outcome: Outcome,
}

/// What the fake answered to a [`Recorded`] request.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Answered,
    /// A scripted fault from [`FakeTelegram::fail_next`].
    Fault(FaultKind),
    /// Refused with 429 by [`FakeTelegram::enforce_limits`].
    RateLimited,
    /// Refused by validation, with Telegram's error description (e.g. "message is too long").
    Rejected(String),
}

/// A message the bot made visible in a chat: a successful `SendMessage` or `EditMessageText`.
#[derive(Clone, Debug, PartialEq)]
pub struct SentMessage {
    pub kind: SentKind,
    pub chat_id: i64,
    pub message_id: i32,
    pub text: String,
    /// The `reply_markup` as sent (inline keyboards, reply keyboards, `remove_keyboard`...).
    pub reply_markup: Option<Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentKind {
    New,
    Edit,
}

impl Recorded {
    /// Method names are case-insensitive in the Bot API; compare them that way.
    pub fn is(&self, method: &str) -> bool {
        self.method.eq_ignore_ascii_case(method)
    }

    pub fn failed(&self) -> bool {
        self.outcome != Outcome::Answered
    }

    /// The target chat, when the body names one by numeric id.
    pub fn chat_id(&self) -> Option<i64> {
        methods::chat_id_of(&self.body)
    }
}

/// Shared between the handle and the HTTP handlers. Handlers hold only this (never the
/// [`Stopper`]), so dropping the last [`FakeTelegram`] really stops the server.
struct State {
    inner: Mutex<Inner>,
    /// Woken whenever a request is recorded.
    recorded: Notify,
    /// Woken whenever an update is pushed, for pending long polls.
    pushed: Notify,
    stop: watch::Receiver<bool>,
}

#[derive(Default)]
struct Inner {
    next_update_id: u32,
    next_message_id: i32,
    next_callback_id: u64,
    /// Updates not yet confirmed by a `GetUpdates` offset, ascending by id.
    queue: VecDeque<Update>,
    requests: Vec<Recorded>,
    sent: Vec<SentMessage>,
    /// Messages the bot has in each chat (chat id, message id) -> (text, reply_markup),
    /// so callbacks and edits can see what the user saw.
    bot_messages: HashMap<(i64, i32), (String, Option<Value>)>,
    /// First names the builders used, so replies carry a realistic private `Chat`.
    names: HashMap<u64, String>,
    faults: Vec<FaultSpec>,
    limiter: Option<faults::RateLimiter>,
    violations: usize,
    /// Round trip of every call but `GetUpdates`: half before the request takes effect, half
    /// before its answer leaves.
    latency: Duration,
    /// Files users sent, by file id: `GetFile` describes them, `/file/bot<token>/<path>` serves
    /// their bytes.
    files: HashMap<String, Vec<u8>>,
    /// Every inline button label the bot sent, kept across `clear`.
    button_labels: std::collections::BTreeSet<String>,
}

/// Signals shutdown when dropped (last handle gone) and owns the server task.
struct Stopper {
    tx: watch::Sender<bool>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl Drop for Stopper {
    fn drop(&mut self) {
        self.tx.send_replace(true);
    }
}

impl State {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panicking test thread must not hide the real failure behind a PoisonError.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl FakeTelegram {
    /// Binds `127.0.0.1:0` and serves until shutdown. Must run inside a tokio runtime.
    pub async fn start() -> FakeTelegram {
        let (tx, stop) = watch::channel(false);
        let state = Arc::new(State {
            inner: Mutex::new(Inner::default()),
            recorded: Notify::new(),
            pushed: Notify::new(),
            stop,
        });
        let (addr, task) = server::spawn(state.clone()).await;
        let stopper = Arc::new(Stopper {
            tx,
            task: Mutex::new(Some(task)),
        });
        FakeTelegram {
            state,
            stopper,
            addr,
        }
    }

    /// Base URL to give teloxide (`Bot::set_api_url(tg.api_url().parse()?)`) or the app's config.
    /// A `String` because teloxide's `Url` type is not re-exported and the crate has no `url` dep.
    pub fn api_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// A bot with [`TOKEN`] and teloxide's default HTTP client (17 s timeout).
    pub fn bot(&self) -> Bot {
        Bot::new(TOKEN).set_api_url(self.api_url().parse().expect("fake api url parses"))
    }

    /// A bot whose HTTP client gives up after `timeout`: what a [`FaultKind::Hang`] test needs.
    pub fn bot_with_timeout(&self, timeout: Duration) -> Bot {
        let client = teloxide::net::default_reqwest_settings()
            .timeout(timeout)
            .build()
            .expect("reqwest client builds");
        Bot::with_client(TOKEN, client)
            .set_api_url(self.api_url().parse().expect("fake api url parses"))
    }

    /// Queues an update for `GetUpdates`, waking a pending long poll.
    pub fn push(&self, update: Update) {
        {
            let mut inner = self.state.lock();
            let at = inner.queue.partition_point(|queued| queued.id <= update.id);
            inner.queue.insert(at, update);
        }
        self.state.pushed.notify_waiters();
    }

    /// Updates pushed but not yet confirmed by a later `GetUpdates` offset: what a bot that
    /// stopped now would be sent again.
    pub fn unconfirmed(&self) -> usize {
        self.state.lock().queue.len()
    }

    /// Every request received since start (or [`clear`](Self::clear)), oldest first.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().requests.clone()
    }

    /// The recorded requests for one method (case-insensitive).
    pub fn requests_for(&self, method: &str) -> Vec<Recorded> {
        self.state
            .lock()
            .requests
            .iter()
            .filter(|r| r.is(method))
            .cloned()
            .collect()
    }

    /// Successful `SendMessage` and `EditMessageText` calls, oldest first.
    pub fn sent_messages(&self) -> Vec<SentMessage> {
        self.state.lock().sent.clone()
    }

    /// The inline keyboard a bot message carries now (after every edit), `None` without one.
    /// Every inline button label the bot sent that would not fit one line of a phone (more than
    /// `limit` characters), once each.
    pub fn long_buttons(&self, limit: usize) -> Vec<String> {
        let inner = self.state.lock();
        inner
            .button_labels
            .iter()
            .filter(|label| label.chars().count() > limit)
            .cloned()
            .collect()
    }

    pub fn markup_of(&self, chat_id: i64, message_id: i32) -> Option<Value> {
        let inner = self.state.lock();
        inner
            .bot_messages
            .get(&(chat_id, message_id))
            .and_then(|(_, markup)| markup.clone())
    }

    /// Texts the bot sent to or edited in `chat_id`, oldest first.
    pub fn texts_to(&self, chat_id: i64) -> Vec<String> {
        let inner = self.state.lock();
        inner
            .sent
            .iter()
            .filter(|m| m.chat_id == chat_id)
            .map(|m| m.text.clone())
            .collect()
    }

    /// Forgets recorded requests, sent messages and the violation count. Queued updates,
    /// scripted faults and the bot's known messages are kept.
    pub fn clear(&self) {
        let mut inner = self.state.lock();
        inner.requests.clear();
        inner.sent.clear();
        inner.violations = 0;
    }

    /// Waits until at least `n` requests for `method` were recorded (failed ones included) and
    /// returns them. Panics after `timeout` with what was seen instead, so a test never hangs.
    pub async fn wait_for_requests(
        &self,
        method: &str,
        n: usize,
        timeout: Duration,
    ) -> Vec<Recorded> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Register interest before looking, or a request recorded in between is missed.
            let notified = self.state.recorded.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let seen = self.requests_for(method);
            if seen.len() >= n {
                return seen;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let methods: Vec<String> = self.requests().into_iter().map(|r| r.method).collect();
                panic!(
                    "fake Telegram: expected {n} {method} request(s) within {timeout:?}, saw {}; \
                     all requests: {methods:?}",
                    seen.len()
                );
            }
        }
    }

    /// Scripts a fault for the next matching request. Faults are consumed in the order given;
    /// each one applies to exactly one request.
    pub fn fail_next(&self, fault: FaultSpec) {
        self.state.lock().faults.push(fault);
    }

    /// When on, `send*` calls beyond Telegram's flood limits (1/s per private chat, 20/min per
    /// group, 30/s overall) are answered 429 `retry_after: 1` and counted in
    /// [`violations`](Self::violations). For checking that the outbox throttles.
    pub fn enforce_limits(&self, on: bool) {
        self.state.lock().limiter = on.then(faults::RateLimiter::default);
    }

    /// Makes every call but `GetUpdates` take `round_trip`: the request takes effect (a message
    /// is delivered and recorded) half-way, and the answer leaves after the other half, as over
    /// a network. A client killed in the second half leaves a delivered message it never heard
    /// of: what a crash re-sends.
    pub fn set_latency(&self, round_trip: Duration) {
        self.state.lock().latency = round_trip;
    }

    pub fn violations(&self) -> usize {
        self.state.lock().violations
    }

    /// Stops accepting, releases hanging requests and pending long polls, and waits (bounded)
    /// for the server task. Dropping the last handle does the same without waiting.
    pub async fn shutdown(&self) {
        self.stopper.tx.send_replace(true);
        let task = self
            .stopper
            .task
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(task) = task {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}
