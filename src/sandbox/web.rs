//! The sandbox's one HTTP server on loopback: the page (`GET /`) and its JSON API, and, on the
//! same port, the Bot API the bot talks to (`POST /bot<token>/<method>`).

use super::emulator::InputError;
use super::{Persona, Sandbox};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

const PAGE: &str = include_str!("page.html");

pub fn router(sandbox: Arc<Sandbox>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/state", get(state))
        .route("/api/chat/{chat}", get(chat))
        .route("/api/chat/{user}/send", post(send))
        .route("/api/chat/{user}/press", post(press))
        .route("/api/clock/next", post(next_phase))
        .route("/api/mail", get(mail))
        .route("/api/file/{chat}/{message}", get(file))
        .fallback(bot_api)
        .with_state(sandbox)
}

async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            // The page's script and style are inline; nothing may load from elsewhere.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
            ),
        ],
        PAGE,
    )
        .into_response()
}

async fn state(State(sandbox): State<Arc<Sandbox>>) -> Response {
    axum::Json(sandbox.state().await).into_response()
}

async fn chat(State(sandbox): State<Arc<Sandbox>>, Path(chat): Path<i64>) -> Response {
    let visible = chat == sandbox.group_chat || sandbox.persona(chat).is_some();
    if !visible {
        return not_found();
    }
    axum::Json(json!({ "messages": sandbox.emulator.chat(chat) })).into_response()
}

#[derive(Deserialize)]
struct Typed {
    text: String,
}

#[derive(Deserialize)]
struct Pressed {
    message_id: i32,
    data: String,
}

async fn send(
    State(sandbox): State<Arc<Sandbox>>,
    Path(user): Path<i64>,
    axum::Json(typed): axum::Json<Typed>,
) -> Response {
    let Some(person) = sandbox.persona(user) else {
        return not_found();
    };
    answer(sandbox.emulator.send_text(person.user, &typed.text))
}

async fn press(
    State(sandbox): State<Arc<Sandbox>>,
    Path(user): Path<i64>,
    axum::Json(pressed): axum::Json<Pressed>,
) -> Response {
    let Some(person) = sandbox.persona(user) else {
        return not_found();
    };
    answer(
        sandbox
            .emulator
            .press(person.user, pressed.message_id, &pressed.data),
    )
}

async fn next_phase(State(sandbox): State<Arc<Sandbox>>) -> Response {
    sandbox.next_phase().await;
    axum::Json(sandbox.state().await).into_response()
}

async fn mail(State(sandbox): State<Arc<Sandbox>>) -> Response {
    let mails = super::mail::read_all(&sandbox.ctx.settings.mail.file_dir);
    axum::Json(json!({ "mails": mails })).into_response()
}

async fn file(
    State(sandbox): State<Arc<Sandbox>>,
    Path((chat, message)): Path<(i64, i32)>,
) -> Response {
    let Some((name, bytes)) = sandbox.emulator.file(chat, message) else {
        return not_found();
    };
    // The name is the bot's own (ASCII, from the paper's kind); quotes are dropped anyway.
    let disposition = format!("attachment; filename=\"{}\"", name.replace('"', ""));
    (
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// Everything else is the bot's: `POST /bot<token>/<method>`.
async fn bot_api(
    State(sandbox): State<Arc<Sandbox>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().trim_start_matches('/');
    let Some((token, method)) = path.strip_prefix("bot").and_then(|p| p.split_once('/')) else {
        return not_found();
    };
    let (status, body) = sandbox.emulator.handle(token, method, &headers, body).await;
    (status, axum::Json(body)).into_response()
}

fn answer(result: Result<(), InputError>) -> Response {
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => {
            let status = match error {
                InputError::Busy => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            (status, axum::Json(json!({ "error": error.to_string() }))).into_response()
        }
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(json!({ "error": "không có / not found" })),
    )
        .into_response()
}

impl Sandbox {
    fn persona(&self, user: i64) -> Option<&Persona> {
        self.people.iter().find(|person| person.user == user)
    }
}
