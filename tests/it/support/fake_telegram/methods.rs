//! What each Bot API method does to the fake's state and what it answers.
//!
//! Validation mirrors Telegram's, with its exact error descriptions, because teloxide maps those
//! strings to typed `ApiError`s and production code branches on them (`MessageNotModified`
//! after a double press, `MessageIsTooLong` for long result lists).

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::updates::{bot_message, me, next_message_id, now};
use super::{Inner, SentKind, SentMessage};

const MAX_TEXT_LEN: usize = 4096;
const MAX_CALLBACK_DATA_BYTES: usize = 64;
const NOT_MODIFIED: &str = "Bad Request: message is not modified: specified new message content and \
    reply markup are exactly the same as a current content and reply markup of the message";

/// How a request is answered once its effects are recorded.
pub(super) enum Answer {
    Now(StatusCode, Value),
    Poll {
        offset: i64,
        limit: usize,
        timeout: Duration,
    },
    Disconnect,
    Hang,
}

pub(super) type Rejection = (StatusCode, String);

/// The effect and result of a successful call, or Telegram's rejection of it.
pub(super) fn perform(inner: &mut Inner, method: &str, body: &Value) -> Result<Answer, Rejection> {
    let result = match method.to_ascii_lowercase().as_str() {
        "getupdates" => {
            let offset = body["offset"].as_i64().unwrap_or(0);
            let limit = body["limit"].as_u64().map_or(100, |l| l.clamp(1, 100)) as usize;
            let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0));
            return Ok(Answer::Poll {
                offset,
                limit,
                timeout,
            });
        }
        "getme" => me(),
        "getfile" => {
            let id = body["file_id"].as_str().unwrap_or_default();
            let Some(bytes) = inner.files.get(id) else {
                return Err((
                    StatusCode::BAD_REQUEST,
                    "Bad Request: invalid file_id".to_owned(),
                ));
            };
            json!({ "file_id": id, "file_unique_id": format!("U{id}"),
                "file_size": bytes.len(), "file_path": format!("documents/{id}") })
        }
        "sendmessage" => send_message(inner, body)?,
        "editmessagetext" | "editmessagereplymarkup" => edit_message(inner, method, body)?,
        "copymessage" => json!({ "message_id": next_message_id(inner) }),
        "sendchataction" => json!(true),
        "senddocument" => {
            let (chat_id, message_id) = (require_chat(body)?, next_message_id(inner));
            let mut message = bot_message(inner, chat_id, message_id, "", None);
            // A document sent by `file_id` has no uploaded part, hence the defaults.
            let file_name = body["document"]["file_name"].as_str().unwrap_or("document");
            let file_size = body["document"]["size"].as_u64().unwrap_or(0);
            message.as_object_mut().map(|m| m.remove("text"));
            message["document"] = json!({ "file_id": "BQACAgFake", "file_unique_id": "AgADFake",
                "file_size": file_size, "file_name": file_name });
            message
        }
        // Other media sends: teloxide wants a `Message`; a text one is close enough.
        m if m.starts_with("send") => {
            let (chat_id, message_id) = (require_chat(body)?, next_message_id(inner));
            bot_message(
                inner,
                chat_id,
                message_id,
                body["caption"].as_str().unwrap_or(""),
                None,
            )
        }
        _ => json!(true),
    };
    Ok(Answer::Now(
        StatusCode::OK,
        json!({ "ok": true, "result": result }),
    ))
}

fn send_message(inner: &mut Inner, body: &Value) -> Result<Value, Rejection> {
    let chat_id = require_chat(body)?;
    let text = validated_text(body)?;
    let markup = validated_markup(body)?;
    note_labels(inner, markup.as_ref());
    let message_id = next_message_id(inner);
    inner
        .bot_messages
        .insert((chat_id, message_id), (text.clone(), markup.clone()));
    let message = bot_message(inner, chat_id, message_id, &text, markup.as_ref());
    inner.sent.push(SentMessage {
        kind: SentKind::New,
        chat_id,
        message_id,
        text,
        reply_markup: markup,
    });
    Ok(message)
}

/// `EditMessageText` replaces text and keyboard (no `reply_markup` removes it, as in Telegram);
/// `EditMessageReplyMarkup` replaces only the keyboard.
fn edit_message(inner: &mut Inner, method: &str, body: &Value) -> Result<Value, Rejection> {
    if body.get("inline_message_id").is_some() {
        return Ok(json!(true));
    }
    let chat_id = require_chat(body)?;
    let message_id = body["message_id"].as_i64().unwrap_or(0) as i32;
    let is_text_edit = method.eq_ignore_ascii_case("EditMessageText");
    let new_text = if is_text_edit {
        Some(validated_text(body)?)
    } else {
        None
    };
    let markup = validated_markup(body)?;
    note_labels(inner, markup.as_ref());
    let bad_request = |description: &str| (StatusCode::BAD_REQUEST, description.to_owned());
    let Some((text, current_markup)) = inner.bot_messages.get_mut(&(chat_id, message_id)) else {
        return Err(bad_request("Bad Request: message to edit not found"));
    };
    let text_unchanged = new_text.as_ref().is_none_or(|new| new == text);
    if text_unchanged && markup == *current_markup {
        return Err(bad_request(NOT_MODIFIED));
    }
    if let Some(new) = new_text {
        *text = new;
    }
    *current_markup = markup.clone();
    let text = text.clone();
    if is_text_edit {
        let sent = SentMessage {
            kind: SentKind::Edit,
            chat_id,
            message_id,
            text: text.clone(),
            reply_markup: markup.clone(),
        };
        inner.sent.push(sent);
    }
    let mut message = bot_message(inner, chat_id, message_id, &text, markup.as_ref());
    message["edit_date"] = json!(now());
    Ok(message)
}

/// The numeric `chat_id` of a request; multipart bodies carry it as a string.
pub(super) fn chat_id_of(body: &Value) -> Option<i64> {
    let chat_id = body.get("chat_id")?;
    chat_id.as_i64().or_else(|| chat_id.as_str()?.parse().ok())
}

fn require_chat(body: &Value) -> Result<i64, Rejection> {
    chat_id_of(body).ok_or((
        StatusCode::BAD_REQUEST,
        "Bad Request: chat not found".to_owned(),
    ))
}

/// Telegram's 1–4096 limit applies after entity parsing, so HTML tags do not count.
fn validated_text(body: &Value) -> Result<String, Rejection> {
    let text = body["text"].as_str().unwrap_or_default();
    let visible = if body["parse_mode"]
        .as_str()
        .is_some_and(|m| m.eq_ignore_ascii_case("html"))
    {
        strip_tags(text)
    } else {
        text.to_owned()
    };
    match visible.trim().encode_utf16().count() {
        0 => Err((
            StatusCode::BAD_REQUEST,
            "Bad Request: message text is empty".to_owned(),
        )),
        n if n > MAX_TEXT_LEN => Err((
            StatusCode::BAD_REQUEST,
            "Bad Request: message is too long".to_owned(),
        )),
        _ => Ok(text.to_owned()),
    }
}

fn validated_markup(body: &Value) -> Result<Option<Value>, Rejection> {
    let markup = body.get("reply_markup").filter(|m| !m.is_null()).cloned();
    let buttons = markup
        .as_ref()
        .and_then(|m| m["inline_keyboard"].as_array())
        .into_iter()
        .flatten();
    let too_long = buttons
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|button| button["callback_data"].as_str())
        .any(|data| data.is_empty() || data.len() > MAX_CALLBACK_DATA_BYTES);
    if too_long {
        return Err((
            StatusCode::BAD_REQUEST,
            "Bad Request: BUTTON_DATA_INVALID".to_owned(),
        ));
    }
    Ok(markup)
}

/// Keeps every button label the bot ever sent (not forgotten by `clear`), so a test can check
/// them all at the end.
fn note_labels(inner: &mut Inner, markup: Option<&Value>) {
    let labels = markup
        .and_then(|m| m["inline_keyboard"].as_array())
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|button| button["text"].as_str());
    for label in labels {
        inner.button_labels.insert(label.to_owned());
    }
}

fn strip_tags(html: &str) -> String {
    let mut in_tag = false;
    let text: String = html
        .chars()
        .filter(|&c| match c {
            '<' => {
                in_tag = true;
                false
            }
            '>' if in_tag => {
                in_tag = false;
                false
            }
            _ => !in_tag,
        })
        .collect();
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}
