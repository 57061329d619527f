//! The HTTP side: route `POST /bot<token>/<Method>`, record the request, and answer it.
//!
//! Everything a request changes (the record, the bot's messages, the consumed fault) happens in
//! one critical section before anyone is notified, so a test woken by `wait_for_requests` always
//! sees the effects of the request it waited for.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, State as Extract};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use super::faults::{self, FaultKind, RateLimiter};
use super::updates::{bot_message, me, next_message_id, now};
use super::{Inner, Outcome, Recorded, SentKind, SentMessage, State, TOKEN, multipart};

const MAX_TEXT_LEN: usize = 4096;
const MAX_CALLBACK_DATA_BYTES: usize = 64;
const NOT_MODIFIED: &str = "Bad Request: message is not modified: specified new message content and \
    reply markup are exactly the same as a current content and reply markup of the message";

pub(super) async fn spawn(state: Arc<State>) -> (SocketAddr, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("fake Telegram binds 127.0.0.1:0");
    let addr = listener.local_addr().expect("bound listener has an address");
    let mut stop = state.stop.clone();
    let app = Router::new().fallback(handle).layer(DefaultBodyLimit::disable()).with_state(state);
    let task = tokio::spawn(async move {
        // Graceful: no new connections, idle keep-alive ones closed; hanging requests and long
        // polls watch the same signal, so this finishes promptly.
        let stopped = async move {
            let _ = stop.wait_for(|stopped| *stopped).await;
        };
        if let Err(err) = axum::serve(listener, app).with_graceful_shutdown(stopped).await {
            eprintln!("fake Telegram server failed: {err}");
        }
    });
    (addr, task)
}

/// How a request is answered once its effects are recorded.
enum Answer {
    Now(StatusCode, Value),
    Poll { offset: i64, limit: usize, timeout: Duration },
    Disconnect,
    Hang,
}

type Rejection = (StatusCode, String);

async fn handle(Extract(state): Extract<Arc<State>>, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let path = uri.path().trim_start_matches('/');
    let Some((token, method)) = path.strip_prefix("bot").and_then(|p| p.split_once('/')) else {
        return reply(faults::error(StatusCode::NOT_FOUND, "Not Found", None));
    };
    if token != TOKEN {
        return reply(faults::error(StatusCode::UNAUTHORIZED, "Unauthorized", None));
    }
    let answer = record_and_decide(&state, method, parse_body(&headers, &body));
    state.recorded.notify_waiters();
    match answer {
        Answer::Now(status, body) => reply((status, body)),
        Answer::Poll { offset, limit, timeout } => long_poll(&state, offset, limit, timeout).await,
        Answer::Disconnect => dropped_connection(),
        Answer::Hang => {
            let _ = state.stop.clone().wait_for(|stopped| *stopped).await;
            dropped_connection()
        }
    }
}

fn record_and_decide(state: &State, method: &str, body: Value) -> Answer {
    let received_at = Instant::now();
    let chat_id = chat_id_of(&body);
    let mut inner = state.lock();
    let fault = inner.faults.iter().position(|f| f.matches(method, chat_id));
    let limited = |inner: &mut Inner| match (inner.limiter.as_mut(), chat_id) {
        (Some(limiter), Some(chat)) if RateLimiter::counts(method) => !limiter.admit(chat, received_at),
        _ => false,
    };
    let (outcome, answer) = if let Some(at) = fault {
        let kind = inner.faults.remove(at).kind;
        let answer = match (kind.answer(), kind) {
            (Some((status, body)), _) => Answer::Now(status, body),
            (None, FaultKind::Hang) => Answer::Hang,
            (None, _) => Answer::Disconnect,
        };
        (Outcome::Fault(kind), answer)
    } else if limited(&mut inner) {
        inner.violations += 1;
        let (status, body) = faults::too_many_requests(1);
        (Outcome::RateLimited, Answer::Now(status, body))
    } else {
        match perform(&mut inner, method, &body) {
            Ok(answer) => (Outcome::Answered, answer),
            Err((status, description)) => {
                let (status, error) = faults::error(status, &description, None);
                (Outcome::Rejected(description), Answer::Now(status, error))
            }
        }
    };
    inner.requests.push(Recorded { method: method.to_owned(), body, received_at, outcome });
    answer
}

/// The effect and result of a successful call, or Telegram's rejection of it.
fn perform(inner: &mut Inner, method: &str, body: &Value) -> Result<Answer, Rejection> {
    let result = match method.to_ascii_lowercase().as_str() {
        "getupdates" => {
            let offset = body["offset"].as_i64().unwrap_or(0);
            let limit = body["limit"].as_u64().map_or(100, |l| l.clamp(1, 100)) as usize;
            let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0));
            return Ok(Answer::Poll { offset, limit, timeout });
        }
        "getme" => me(),
        "sendmessage" => send_message(inner, body)?,
        "editmessagetext" | "editmessagereplymarkup" => edit_message(inner, method, body)?,
        "copymessage" => json!({ "message_id": next_message_id(inner) }),
        "sendchataction" => json!(true),
        "senddocument" => {
            let (chat_id, message_id) = (require_chat(body)?, next_message_id(inner));
            let mut message = bot_message(inner, chat_id, message_id, "", None);
            let file_name = body["document"]["file_name"].as_str().unwrap_or("document");
            message.as_object_mut().map(|m| m.remove("text"));
            message["document"] = json!({ "file_id": "BQACAgFake", "file_unique_id": "AgADFake",
                "file_size": body["document"]["size"], "file_name": file_name });
            message
        }
        // Other media sends: teloxide wants a `Message`; a text one is close enough.
        m if m.starts_with("send") => {
            let (chat_id, message_id) = (require_chat(body)?, next_message_id(inner));
            bot_message(inner, chat_id, message_id, body["caption"].as_str().unwrap_or(""), None)
        }
        _ => json!(true),
    };
    Ok(Answer::Now(StatusCode::OK, json!({ "ok": true, "result": result })))
}

fn send_message(inner: &mut Inner, body: &Value) -> Result<Value, Rejection> {
    let chat_id = require_chat(body)?;
    let text = validated_text(body)?;
    let markup = validated_markup(body)?;
    let message_id = next_message_id(inner);
    inner.bot_messages.insert((chat_id, message_id), (text.clone(), markup.clone()));
    let message = bot_message(inner, chat_id, message_id, &text, markup.as_ref());
    inner.sent.push(SentMessage { kind: SentKind::New, chat_id, message_id, text, reply_markup: markup });
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
    let new_text = if is_text_edit { Some(validated_text(body)?) } else { None };
    let markup = validated_markup(body)?;
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
        let sent = SentMessage { kind: SentKind::Edit, chat_id, message_id, text: text.clone(), reply_markup: markup.clone() };
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
    chat_id_of(body).ok_or((StatusCode::BAD_REQUEST, "Bad Request: chat not found".to_owned()))
}

/// Telegram's 1–4096 limit applies after entity parsing, so HTML tags do not count.
fn validated_text(body: &Value) -> Result<String, Rejection> {
    let text = body["text"].as_str().unwrap_or_default();
    let visible = if body["parse_mode"].as_str().is_some_and(|m| m.eq_ignore_ascii_case("html")) {
        strip_tags(text)
    } else {
        text.to_owned()
    };
    match visible.trim().encode_utf16().count() {
        0 => Err((StatusCode::BAD_REQUEST, "Bad Request: message text is empty".to_owned())),
        n if n > MAX_TEXT_LEN => Err((StatusCode::BAD_REQUEST, "Bad Request: message is too long".to_owned())),
        _ => Ok(text.to_owned()),
    }
}

fn validated_markup(body: &Value) -> Result<Option<Value>, Rejection> {
    let markup = body.get("reply_markup").filter(|m| !m.is_null()).cloned();
    let buttons = markup.as_ref().and_then(|m| m["inline_keyboard"].as_array()).into_iter().flatten();
    let too_long = buttons
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|button| button["callback_data"].as_str())
        .any(|data| data.is_empty() || data.len() > MAX_CALLBACK_DATA_BYTES);
    if too_long {
        return Err((StatusCode::BAD_REQUEST, "Bad Request: BUTTON_DATA_INVALID".to_owned()));
    }
    Ok(markup)
}

fn strip_tags(html: &str) -> String {
    let mut in_tag = false;
    let text: String = html
        .chars()
        .filter(|&c| match c {
            '<' => { in_tag = true; false }
            '>' if in_tag => { in_tag = false; false }
            _ => !in_tag,
        })
        .collect();
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

fn parse_body(headers: &HeaderMap, body: &[u8]) -> Value {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if content_type.starts_with("multipart/form-data") {
        return multipart::parse(content_type, body);
    }
    serde_json::from_slice(body).unwrap_or(Value::Null)
}

/// `GetUpdates`: answer at once if updates at or above `offset` exist, else wait for a push,
/// the client's `timeout`, or shutdown. Updates below `offset` are confirmed and dropped.
async fn long_poll(state: &State, offset: i64, limit: usize, timeout: Duration) -> Response {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut stop = state.stop.clone();
    loop {
        // Register before looking, or an update pushed in between would not wake us.
        let pushed = state.pushed.notified();
        tokio::pin!(pushed);
        pushed.as_mut().enable();
        let batch: Vec<_> = {
            let mut inner = state.lock();
            inner.queue.retain(|update| i64::from(update.id.0) >= offset);
            inner.queue.iter().take(limit).cloned().collect()
        };
        if !batch.is_empty() {
            return reply((StatusCode::OK, json!({ "ok": true, "result": batch })));
        }
        tokio::select! {
            () = &mut pushed => {}
            () = tokio::time::sleep_until(deadline) => break,
            _ = stop.wait_for(|stopped| *stopped) => break,
        }
    }
    reply((StatusCode::OK, json!({ "ok": true, "result": [] })))
}

fn reply((status, body): (StatusCode, Value)) -> Response {
    (status, axum::Json(body)).into_response()
}

/// A 200 whose body fails mid-stream: hyper aborts the connection and the client sees a network
/// error, the way a reply lost on the wire looks.
fn dropped_connection() -> Response {
    let failing = futures::stream::once(async {
        Err::<Bytes, _>(std::io::Error::other("fake Telegram dropped the connection"))
    });
    Response::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(failing))
        .expect("static response parts are valid")
}
