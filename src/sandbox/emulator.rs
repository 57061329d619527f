//! The Bot API emulator the sandbox runs the real bot against: the methods the product calls,
//! answered over real HTTP on loopback the way Telegram answers them, so the bot's own client
//! code (teloxide, the durable inbox's long poll, the notifier) is the production one. The page
//! plays the people: what they type and press becomes an update the bot's `getUpdates` receives;
//! what the bot sends or edits is kept per chat for the page to show.

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, header};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Notify;

pub const BOT_ID: i64 = 7_000_000_001;
pub const BOT_USERNAME: &str = "thidua_sandbox_bot";
/// Telegram's limits the emulator holds the bot to, as Telegram would refuse them.
const MAX_TEXT: usize = 4096;
const MAX_CALLBACK_DATA: usize = 64;
/// Updates kept waiting for the bot at most (the page cannot outrun a live bot by this much).
const MAX_PENDING: usize = 10_000;

/// One message of a chat as the page shows it: edits applied.
#[derive(Debug, Clone, Serialize)]
pub struct ChatMessage {
    pub id: i32,
    pub from_bot: bool,
    /// A pop-up the bot showed for a press (`answerCallbackQuery` with text).
    pub alert: bool,
    pub text: String,
    /// The inline keyboard as `[[{text, data}]]`.
    pub buttons: Vec<Vec<Button>>,
    pub document: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Button {
    pub text: String,
    pub data: String,
}

#[derive(Default)]
struct Inner {
    next_update_id: i64,
    next_message_id: i32,
    next_callback_id: u64,
    pending: VecDeque<Value>,
    chats: BTreeMap<i64, Vec<ChatMessage>>,
    /// The raw keyboard of each bot message, to attach to a press as Telegram does.
    keyboards: HashMap<(i64, i32), Value>,
    /// Sent documents, by (chat, message): name and bytes, for the page to download.
    files: HashMap<(i64, i32), (String, Vec<u8>)>,
    /// A press waiting for its answer, by callback id: the chat it came from.
    callbacks: HashMap<String, i64>,
    names: HashMap<i64, String>,
    group_title: String,
}

/// The emulator's state, shared by its HTTP handler and the page's API.
#[derive(Clone)]
pub struct Emulator {
    inner: Arc<Mutex<Inner>>,
    news: Arc<Notify>,
    token: Arc<str>,
}

/// Why a person's input was not taken.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("tin nhắn trống / empty message")]
    Empty,
    #[error("tin nhắn quá dài (tối đa 4096 ký tự) / message too long")]
    TooLong,
    #[error("không có tin nhắn này hoặc nút này / no such message or button")]
    NoSuchButton,
    #[error("hộp cát đang quá tải, hãy thử lại / the sandbox is overloaded, try again")]
    Busy,
}

impl Emulator {
    pub fn new(token: &str, group_title: &str) -> Self {
        let inner = Inner {
            group_title: group_title.to_owned(),
            ..Inner::default()
        };
        Self {
            inner: Arc::new(Mutex::new(inner)),
            news: Arc::new(Notify::new()),
            token: token.into(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// Gives a person (a Telegram user of the sandbox) their display name.
    pub fn name_user(&self, user: i64, name: &str) {
        self.lock().names.insert(user, name.to_owned());
    }

    /// What `user` typed in their private chat with the bot.
    pub fn send_text(&self, user: i64, text: &str) -> Result<(), InputError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(InputError::Empty);
        }
        if text.encode_utf16().count() > MAX_TEXT {
            return Err(InputError::TooLong);
        }
        let mut inner = self.lock();
        if inner.pending.len() >= MAX_PENDING {
            return Err(InputError::Busy);
        }
        inner.next_message_id += 1;
        let id = inner.next_message_id;
        let mut message = json!({
            "message_id": id, "date": unix_now(), "chat": chat_json(&inner, user),
            "from": user_json(&inner, user), "text": text,
        });
        if text.starts_with('/') {
            let command = text.split_whitespace().next().unwrap_or(text);
            message["entities"] = json!([{ "type": "bot_command", "offset": 0,
                "length": command.encode_utf16().count() }]);
        }
        inner.chats.entry(user).or_default().push(ChatMessage {
            id,
            from_bot: false,
            alert: false,
            text: text.to_owned(),
            buttons: Vec::new(),
            document: None,
        });
        push_update(&mut inner, "message", message);
        drop(inner);
        self.news.notify_waiters();
        Ok(())
    }

    /// `user` pressed the button carrying `data` under bot message `message_id` of their chat.
    /// Only a button the message shows now can be pressed, as in a real client.
    pub fn press(&self, user: i64, message_id: i32, data: &str) -> Result<(), InputError> {
        let mut inner = self.lock();
        if inner.pending.len() >= MAX_PENDING {
            return Err(InputError::Busy);
        }
        let shown = inner
            .chats
            .get(&user)
            .and_then(|chat| chat.iter().find(|m| m.id == message_id && m.from_bot))
            .is_some_and(|m| m.buttons.iter().flatten().any(|b| b.data == data));
        if !shown {
            return Err(InputError::NoSuchButton);
        }
        let text = inner
            .chats
            .get(&user)
            .and_then(|chat| chat.iter().find(|m| m.id == message_id))
            .map(|m| m.text.clone())
            .unwrap_or_default();
        let mut message = json!({
            "message_id": message_id, "date": unix_now(), "chat": chat_json(&inner, user),
            "from": bot_json(), "text": text,
        });
        if let Some(keyboard) = inner.keyboards.get(&(user, message_id)) {
            message["reply_markup"] = keyboard.clone();
        }
        inner.next_callback_id += 1;
        let id = format!("sandbox-{}", inner.next_callback_id);
        inner.callbacks.insert(id.clone(), user);
        let query = json!({
            "id": id, "from": user_json(&inner, user), "message": message,
            "chat_instance": format!("sandbox-{user}"), "data": data,
        });
        push_update(&mut inner, "callback_query", query);
        drop(inner);
        self.news.notify_waiters();
        Ok(())
    }

    /// Every message of `chat`, oldest first, edits applied.
    pub fn chat(&self, chat: i64) -> Vec<ChatMessage> {
        self.lock().chats.get(&chat).cloned().unwrap_or_default()
    }

    /// A document the bot sent: its name and bytes.
    pub fn file(&self, chat: i64, message_id: i32) -> Option<(String, Vec<u8>)> {
        self.lock().files.get(&(chat, message_id)).cloned()
    }

    /// Updates the bot has not fetched yet (a test drains them before it looks).
    pub fn pending(&self) -> usize {
        self.lock().pending.len()
    }

    /// Answers one Bot API request, `POST /bot<token>/<method>`.
    pub async fn handle(
        &self,
        token: &str,
        method: &str,
        headers: &HeaderMap,
        body: Bytes,
    ) -> (StatusCode, Value) {
        if token != &*self.token {
            return refusal(StatusCode::UNAUTHORIZED, "Unauthorized");
        }
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let (params, upload) = match parse_body(&content_type, body).await {
            Ok(parsed) => parsed,
            Err(reason) => return refusal(StatusCode::BAD_REQUEST, &reason),
        };
        let method = method.to_ascii_lowercase();
        if method == "getupdates" {
            return self.get_updates(&params).await;
        }
        let mut inner = self.lock();
        match perform(&mut inner, &method, &params, upload) {
            Ok(result) => (StatusCode::OK, json!({ "ok": true, "result": result })),
            Err(reason) => refusal(StatusCode::BAD_REQUEST, &reason),
        }
    }

    /// A long poll: what is pending from `offset` on, waiting up to `timeout` seconds for news.
    async fn get_updates(&self, params: &Value) -> (StatusCode, Value) {
        let offset = params["offset"].as_i64().unwrap_or(0);
        let limit = params["limit"].as_u64().map_or(100, |l| l.clamp(1, 100)) as usize;
        let timeout = Duration::from_secs(params["timeout"].as_u64().unwrap_or(0).min(50));
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.news.notified();
            {
                let mut inner = self.lock();
                // Fetching from `offset` confirms everything before it, as in Telegram.
                while inner
                    .pending
                    .front()
                    .is_some_and(|u| u["update_id"].as_i64().unwrap_or(0) < offset)
                {
                    inner.pending.pop_front();
                }
                if !inner.pending.is_empty() || tokio::time::Instant::now() >= deadline {
                    let batch: Vec<Value> = inner.pending.iter().take(limit).cloned().collect();
                    return (StatusCode::OK, json!({ "ok": true, "result": batch }));
                }
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                continue;
            }
        }
    }
}

fn push_update(inner: &mut Inner, kind: &str, payload: Value) {
    inner.next_update_id += 1;
    let update = json!({ "update_id": inner.next_update_id, kind: payload });
    inner.pending.push_back(update);
}

/// The request's parameters (JSON, a form, or a multipart upload's text fields) and, for an
/// upload, the file part's name and bytes.
async fn parse_body(
    content_type: &str,
    body: Bytes,
) -> Result<(Value, Option<(String, Vec<u8>)>), String> {
    if body.is_empty() {
        return Ok((json!({}), None));
    }
    if content_type.starts_with("multipart/form-data") {
        let boundary = multer::parse_boundary(content_type).map_err(|e| e.to_string())?;
        let stream = futures::stream::once(async move { Ok::<_, std::io::Error>(body) });
        let mut multipart = multer::Multipart::new(stream, boundary);
        let mut params = serde_json::Map::new();
        let mut upload = None;
        while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
            let name = field.name().unwrap_or_default().to_owned();
            match field.file_name().map(str::to_owned) {
                Some(file_name) => {
                    let bytes = field.bytes().await.map_err(|e| e.to_string())?;
                    upload = Some((file_name, bytes.to_vec()));
                }
                None => {
                    let text = field.text().await.map_err(|e| e.to_string())?;
                    // teloxide sends structured fields (reply_markup) as JSON text.
                    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
                    params.insert(name, value);
                }
            }
        }
        return Ok((Value::Object(params), upload));
    }
    serde_json::from_slice(&body)
        .map(|params| (params, None))
        .map_err(|error| format!("Bad Request: {error}"))
}

fn perform(
    inner: &mut Inner,
    method: &str,
    params: &Value,
    upload: Option<(String, Vec<u8>)>,
) -> Result<Value, String> {
    match method {
        "getme" => Ok(me_json()),
        "sendmessage" => {
            let chat = chat_of(params)?;
            let text = checked_text(params)?;
            let keyboard = checked_keyboard(params)?;
            inner.next_message_id += 1;
            let id = inner.next_message_id;
            let message = bot_message(inner, chat, id, &text, keyboard.as_ref());
            record(inner, chat, id, text, keyboard, None);
            Ok(message)
        }
        "senddocument" => {
            let chat = chat_of(params)?;
            let (name, bytes) = upload.ok_or("Bad Request: there is no document in the request")?;
            let caption = params["caption"].as_str().unwrap_or_default().to_owned();
            inner.next_message_id += 1;
            let id = inner.next_message_id;
            let mut message = bot_message(inner, chat, id, "", None);
            if let Some(object) = message.as_object_mut() {
                object.remove("text");
                object.insert("caption".into(), json!(caption));
                object.insert(
                    "document".into(),
                    json!({ "file_id": format!("doc-{chat}-{id}"),
                        "file_unique_id": format!("u-{chat}-{id}"),
                        "file_name": name, "file_size": bytes.len() }),
                );
            }
            inner.files.insert((chat, id), (name.clone(), bytes));
            record(inner, chat, id, caption, None, Some(name));
            Ok(message)
        }
        "editmessagetext" | "editmessagereplymarkup" => edit(inner, method, params),
        "answercallbackquery" => {
            let id = params["callback_query_id"].as_str().unwrap_or_default();
            let chat = inner.callbacks.remove(id);
            if let (Some(chat), Some(text)) = (chat, params["text"].as_str())
                && !text.is_empty()
            {
                inner.next_message_id += 1;
                let id = inner.next_message_id;
                inner.chats.entry(chat).or_default().push(ChatMessage {
                    id,
                    from_bot: true,
                    alert: true,
                    text: text.to_owned(),
                    buttons: Vec::new(),
                    document: None,
                });
            }
            Ok(json!(true))
        }
        "deletemessage" => {
            let chat = chat_of(params)?;
            let id = params["message_id"].as_i64().unwrap_or(0) as i32;
            if let Some(messages) = inner.chats.get_mut(&chat) {
                messages.retain(|m| m.id != id);
            }
            Ok(json!(true))
        }
        // Menus, chat actions and the like change nothing the page shows.
        _ => Ok(json!(true)),
    }
}

fn record(
    inner: &mut Inner,
    chat: i64,
    id: i32,
    text: String,
    keyboard: Option<Value>,
    document: Option<String>,
) {
    let buttons = buttons_of(keyboard.as_ref());
    if let Some(keyboard) = keyboard {
        inner.keyboards.insert((chat, id), keyboard);
    }
    inner.chats.entry(chat).or_default().push(ChatMessage {
        id,
        from_bot: true,
        alert: false,
        text,
        buttons,
        document,
    });
}

/// `editMessageText` replaces the text and the keyboard (none given: none left), as Telegram
/// does; `editMessageReplyMarkup` only the keyboard. An edit that changes nothing is refused
/// with Telegram's words, which the bot branches on.
fn edit(inner: &mut Inner, method: &str, params: &Value) -> Result<Value, String> {
    let chat = chat_of(params)?;
    let id = params["message_id"].as_i64().unwrap_or(0) as i32;
    let text = if method == "editmessagetext" {
        Some(checked_text(params)?)
    } else {
        None
    };
    let keyboard = checked_keyboard(params)?;
    let current_keyboard = inner.keyboards.get(&(chat, id)).cloned();
    let Some(message) = inner
        .chats
        .get_mut(&chat)
        .and_then(|messages| messages.iter_mut().find(|m| m.id == id && m.from_bot))
    else {
        return Err("Bad Request: message to edit not found".into());
    };
    let same_text = text.as_ref().is_none_or(|text| *text == message.text);
    if same_text && keyboard == current_keyboard {
        return Err(
            "Bad Request: message is not modified: specified new message content and \
                    reply markup are exactly the same as a current content and reply markup of \
                    the message"
                .into(),
        );
    }
    if let Some(text) = text {
        message.text = text;
    }
    message.buttons = buttons_of(keyboard.as_ref());
    let text = message.text.clone();
    match &keyboard {
        Some(keyboard) => {
            inner.keyboards.insert((chat, id), keyboard.clone());
        }
        None => {
            inner.keyboards.remove(&(chat, id));
        }
    }
    let mut answer = bot_message(inner, chat, id, &text, keyboard.as_ref());
    answer["edit_date"] = json!(unix_now());
    Ok(answer)
}

fn chat_of(params: &Value) -> Result<i64, String> {
    let chat = &params["chat_id"];
    chat.as_i64()
        .or_else(|| chat.as_str().and_then(|raw| raw.parse().ok()))
        .ok_or_else(|| "Bad Request: chat not found".to_owned())
}

fn checked_text(params: &Value) -> Result<String, String> {
    let text = params["text"].as_str().unwrap_or_default();
    match text.trim().encode_utf16().count() {
        0 => Err("Bad Request: message text is empty".into()),
        n if n > MAX_TEXT => Err("Bad Request: message is too long".into()),
        _ => Ok(text.to_owned()),
    }
}

fn checked_keyboard(params: &Value) -> Result<Option<Value>, String> {
    let Some(keyboard) = params
        .get("reply_markup")
        .filter(|markup| markup.get("inline_keyboard").is_some())
        .cloned()
    else {
        return Ok(None);
    };
    let bad = buttons_of(Some(&keyboard))
        .iter()
        .flatten()
        .any(|button| button.data.is_empty() || button.data.len() > MAX_CALLBACK_DATA);
    if bad {
        return Err("Bad Request: BUTTON_DATA_INVALID".into());
    }
    Ok(Some(keyboard))
}

fn buttons_of(keyboard: Option<&Value>) -> Vec<Vec<Button>> {
    keyboard
        .and_then(|k| k["inline_keyboard"].as_array())
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .map(|row| {
            row.iter()
                .map(|button| Button {
                    text: button["text"].as_str().unwrap_or_default().to_owned(),
                    data: button["callback_data"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                })
                .collect()
        })
        .collect()
}

fn refusal(status: StatusCode, description: &str) -> (StatusCode, Value) {
    (
        status,
        json!({ "ok": false, "error_code": status.as_u16(), "description": description }),
    )
}

fn me_json() -> Value {
    json!({
        "id": BOT_ID, "is_bot": true, "first_name": "Thi đua (hộp cát)", "username": BOT_USERNAME,
        "can_join_groups": true, "can_read_all_group_messages": false,
        "supports_inline_queries": false, "can_connect_to_business": false,
        "has_main_web_app": false,
    })
}

fn bot_json() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": "Thi đua (hộp cát)", "username": BOT_USERNAME })
}

fn user_json(inner: &Inner, user: i64) -> Value {
    let name = inner
        .names
        .get(&user)
        .cloned()
        .unwrap_or_else(|| format!("Người dùng {user}"));
    json!({ "id": user, "is_bot": false, "first_name": name, "language_code": "vi" })
}

fn chat_json(inner: &Inner, chat: i64) -> Value {
    if chat > 0 {
        let name = inner
            .names
            .get(&chat)
            .cloned()
            .unwrap_or_else(|| format!("Người dùng {chat}"));
        json!({ "id": chat, "type": "private", "first_name": name })
    } else {
        json!({ "id": chat, "type": "supergroup", "title": inner.group_title })
    }
}

fn bot_message(inner: &Inner, chat: i64, id: i32, text: &str, keyboard: Option<&Value>) -> Value {
    let mut message = json!({
        "message_id": id, "date": unix_now(), "chat": chat_json(inner, chat),
        "from": bot_json(), "text": text,
    });
    if let Some(keyboard) = keyboard {
        message["reply_markup"] = keyboard.clone();
    }
    message
}

fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}
