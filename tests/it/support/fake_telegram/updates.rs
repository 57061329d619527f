//! Builders for the updates users cause, and the JSON shapes of users, chats and messages.
//!
//! Updates are built as Bot API JSON and parsed with teloxide's own `Deserialize`, so a shape
//! teloxide would reject fails here, loudly, rather than being silently skipped by a dispatcher
//! (teloxide turns unparsable updates into `UpdateKind::Error`). Ids come from one counter per
//! kind, shared with the server, so message ids never collide with the bot's own messages.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use teloxide::types::{CallbackQuery, Message, Update, UpdateKind};

use super::{BOT_ID, BOT_USERNAME, FakeTelegram, Inner};

impl FakeTelegram {
    /// A user's text message in their private chat with the bot. A leading `/command` gets the
    /// `bot_command` entity Telegram would attach.
    pub fn private_text(&self, user_id: u64, first_name: &str, text: &str) -> Update {
        let mut inner = self.state.lock();
        inner.names.insert(user_id, first_name.to_owned());
        let message = user_message(&mut inner, user_id as i64, user_id, text_fields(text));
        update(&mut inner, "message", message)
    }

    /// A sticker in a private chat: the typical "message the bot does not understand".
    pub fn private_sticker(&self, user_id: u64) -> Update {
        let mut inner = self.state.lock();
        let sticker = json!({ "sticker": {
            "file_id": "CAACAgIAAxkBAAEFakeSticker", "file_unique_id": "AgADFakeSticker",
            "file_size": 4558, "width": 512, "height": 512, "type": "regular",
            "is_animated": false, "is_video": false, "emoji": "👍", "set_name": "fake_set",
        }});
        let message = user_message(&mut inner, user_id as i64, user_id, sticker);
        update(&mut inner, "message", message)
    }

    /// A file sent as a document in a private chat. Telegram's own description of it (name,
    /// type, size) is what the message carries; `declared_size` lets a test claim a size the
    /// bytes do not have (a file too large to fetch).
    pub fn private_document(
        &self,
        user_id: u64,
        file_name: &str,
        mime_type: &str,
        bytes: &[u8],
        declared_size: Option<u64>,
    ) -> Update {
        let mut inner = self.state.lock();
        let id = format!("BQACAgFile{}", inner.files.len() + 1);
        inner.files.insert(id.clone(), bytes.to_vec());
        let document = json!({ "document": {
            "file_id": id, "file_unique_id": format!("U{id}"), "file_name": file_name,
            "mime_type": mime_type, "file_size": declared_size.unwrap_or(bytes.len() as u64),
        }});
        let message = user_message(&mut inner, user_id as i64, user_id, document);
        update(&mut inner, "message", message)
    }

    /// A photo in a private chat, in the two sizes Telegram sends (a thumbnail and the photo).
    pub fn private_photo(&self, user_id: u64, bytes: &[u8]) -> Update {
        let mut inner = self.state.lock();
        let id = format!("AgACAgPhoto{}", inner.files.len() + 1);
        inner.files.insert(id.clone(), bytes.to_vec());
        inner
            .files
            .insert(format!("{id}t"), bytes[..bytes.len().min(16)].to_vec());
        let photo = json!({ "photo": [
            { "file_id": format!("{id}t"), "file_unique_id": format!("U{id}t"),
              "width": 90, "height": 60, "file_size": bytes.len().min(16) },
            { "file_id": id, "file_unique_id": format!("U{id}"),
              "width": 1280, "height": 853, "file_size": bytes.len() },
        ]});
        let message = user_message(&mut inner, user_id as i64, user_id, photo);
        update(&mut inner, "message", message)
    }

    /// A text message in a group: a negative `chat_id` below -10^12 (`-100…`) is a supergroup,
    /// any other negative id a basic group.
    pub fn group_text(&self, chat_id: i64, user_id: u64, text: &str) -> Update {
        assert!(chat_id < 0, "group chat ids are negative, got {chat_id}");
        let mut inner = self.state.lock();
        let message = user_message(&mut inner, chat_id, user_id, text_fields(text));
        update(&mut inner, "message", message)
    }

    /// The user pressing an inline button under bot message `message_id` in their private chat.
    /// The attached message carries the text and keyboard the fake saw the bot send; for an id it
    /// never saw, a placeholder message is registered so later edits of it succeed.
    pub fn callback(&self, user_id: u64, message_id: i32, data: &str) -> Update {
        self.callback_in(user_id as i64, user_id, message_id, data)
    }

    /// The user pressing an inline button under bot message `message_id` in chat `chat_id` (a
    /// group when negative).
    pub fn callback_in(&self, chat_id: i64, user_id: u64, message_id: i32, data: &str) -> Update {
        let mut inner = self.state.lock();
        let (text, markup) = inner
            .bot_messages
            .entry((chat_id, message_id))
            .or_insert_with(|| ("(tin nhắn của bot)".to_owned(), None))
            .clone();
        let message = bot_message(&inner, chat_id, message_id, &text, markup.as_ref());
        inner.next_callback_id += 1;
        let query = json!({
            "id": format!("cbq-{}", inner.next_callback_id),
            "from": user(&inner, user_id),
            "message": message,
            "chat_instance": format!("ci-{user_id}"),
            "data": data,
        });
        update(&mut inner, "callback_query", query)
    }
}

/// The bot's `GetMe` answer; `Me` requires the three capability flags and `has_main_web_app`.
pub(super) fn me() -> Value {
    json!({
        "id": BOT_ID, "is_bot": true, "first_name": "Thi đua (test)", "username": BOT_USERNAME,
        "can_join_groups": true, "can_read_all_group_messages": false,
        "supports_inline_queries": false, "can_connect_to_business": false,
        "has_main_web_app": false,
    })
}

fn bot_user() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": "Thi đua (test)", "username": BOT_USERNAME })
}

fn user(inner: &Inner, user_id: u64) -> Value {
    let name = inner
        .names
        .get(&user_id)
        .cloned()
        .unwrap_or_else(|| format!("User {user_id}"));
    json!({ "id": user_id, "is_bot": false, "first_name": name, "language_code": "vi" })
}

fn private_chat(inner: &Inner, chat_id: i64) -> Value {
    let name = inner
        .names
        .get(&(chat_id as u64))
        .cloned()
        .unwrap_or_else(|| format!("User {chat_id}"));
    json!({ "id": chat_id, "type": "private", "first_name": name })
}

/// The `Chat` object for any numeric id, as Telegram would describe it.
pub(super) fn chat(inner: &Inner, chat_id: i64) -> Value {
    match chat_id {
        id if id > 0 => private_chat(inner, id),
        id if id < -1_000_000_000_000 => {
            json!({ "id": id, "type": "supergroup", "title": "Nhóm thi đua" })
        }
        id => json!({ "id": id, "type": "group", "title": "Nhóm thi đua" }),
    }
}

/// A message from the bot. Only inline keyboards are echoed: `Message.reply_markup` cannot hold
/// reply keyboards, and Telegram does not return them either.
pub(super) fn bot_message(
    inner: &Inner,
    chat_id: i64,
    message_id: i32,
    text: &str,
    markup: Option<&Value>,
) -> Value {
    let mut message = json!({
        "message_id": message_id, "date": now(), "chat": chat(inner, chat_id),
        "from": bot_user(), "text": text,
    });
    if let Some(markup) = markup.filter(|m| m.get("inline_keyboard").is_some()) {
        message["reply_markup"] = markup.clone();
    }
    message
}

fn user_message(inner: &mut Inner, chat_id: i64, user_id: u64, content: Value) -> Value {
    let message_id = next_message_id(inner);
    let mut message = json!({
        "message_id": message_id, "date": now(), "chat": chat(inner, chat_id),
        "from": user(inner, user_id),
    });
    if let (Some(message), Value::Object(content)) = (message.as_object_mut(), content) {
        message.extend(content);
    }
    message
}

fn text_fields(text: &str) -> Value {
    let mut fields = json!({ "text": text });
    if text.starts_with('/') {
        let command = text.split_whitespace().next().unwrap_or(text);
        let length = command.encode_utf16().count();
        fields["entities"] = json!([{ "type": "bot_command", "offset": 0, "length": length }]);
    }
    fields
}

fn update(inner: &mut Inner, kind: &str, payload: Value) -> Update {
    inner.next_update_id += 1;
    let json = json!({ "update_id": inner.next_update_id, kind: payload });
    // From text, as over HTTP: teloxide's `UpdateKind` visitor wants borrowed keys, which a
    // `serde_json::Value` cannot lend, so `from_value` would always yield `UpdateKind::Error`.
    match serde_json::from_str::<Update>(&json.to_string()) {
        Ok(update) if !matches!(update.kind, UpdateKind::Error(_)) => update,
        parsed => {
            // teloxide swallows a bad payload into `UpdateKind::Error`; parse it alone to learn why.
            let why = match parsed {
                Err(err) => Some(err),
                Ok(_) if kind == "callback_query" => {
                    serde_json::from_str::<CallbackQuery>(&payload.to_string()).err()
                }
                Ok(_) => serde_json::from_str::<Message>(&payload.to_string()).err(),
            };
            panic!("fake Telegram built an update teloxide rejects ({why:?}):\n{json:#}")
        }
    }
}

/// Allocates a message id for a message the bot sends.
pub(super) fn next_message_id(inner: &mut Inner) -> i32 {
    inner.next_message_id += 1;
    inner.next_message_id
}

pub(super) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
