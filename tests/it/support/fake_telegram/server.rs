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
use super::methods::{Answer, chat_id_of, perform};
use super::{Inner, Outcome, Recorded, State, TOKEN, multipart};

pub(super) async fn spawn(state: Arc<State>) -> (SocketAddr, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("fake Telegram binds 127.0.0.1:0");
    let addr = listener
        .local_addr()
        .expect("bound listener has an address");
    let mut stop = state.stop.clone();
    let app = Router::new()
        .fallback(handle)
        .layer(DefaultBodyLimit::disable())
        .with_state(state);
    let task = tokio::spawn(async move {
        // Graceful: no new connections, idle keep-alive ones closed; hanging requests and long
        // polls watch the same signal, so this finishes promptly.
        let stopped = async move {
            let _ = stop.wait_for(|stopped| *stopped).await;
        };
        if let Err(err) = axum::serve(listener, app)
            .with_graceful_shutdown(stopped)
            .await
        {
            eprintln!("fake Telegram server failed: {err}");
        }
    });
    (addr, task)
}

async fn handle(
    Extract(state): Extract<Arc<State>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().trim_start_matches('/');
    if let Some(file) = path.strip_prefix(&format!("file/bot{TOKEN}/")) {
        // A file download (`Bot::download_file`), outside the method calls. teloxide pushes the
        // file path as one URL segment, so its slash arrives as %2F.
        let file = file.replace("%2F", "/");
        let file = file.strip_prefix("documents/").unwrap_or(&file);
        let bytes = state.lock().files.get(file).cloned();
        return match bytes {
            Some(bytes) => (StatusCode::OK, bytes).into_response(),
            None => (StatusCode::NOT_FOUND, "Not Found").into_response(),
        };
    }
    let Some((token, method)) = path.strip_prefix("bot").and_then(|p| p.split_once('/')) else {
        return reply(faults::error(StatusCode::NOT_FOUND, "Not Found", None));
    };
    if token != TOKEN {
        return reply(faults::error(
            StatusCode::UNAUTHORIZED,
            "Unauthorized",
            None,
        ));
    }
    let latency = state.lock().latency;
    let delayed = !method.eq_ignore_ascii_case("getupdates") && !latency.is_zero();
    if delayed {
        tokio::time::sleep(latency / 2).await;
    }
    let answer = record_and_decide(&state, method, parse_body(&headers, &body));
    state.recorded.notify_waiters();
    match answer {
        Answer::Now(status, body) => {
            if delayed {
                tokio::time::sleep(latency - latency / 2).await;
            }
            reply((status, body))
        }
        Answer::Poll {
            offset,
            limit,
            timeout,
        } => long_poll(&state, offset, limit, timeout).await,
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
        (Some(limiter), Some(chat)) if RateLimiter::counts(method) => {
            !limiter.admit(chat, received_at)
        }
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
    inner.requests.push(Recorded {
        method: method.to_owned(),
        body,
        received_at,
        outcome,
    });
    answer
}

fn parse_body(headers: &HeaderMap, body: &[u8]) -> Value {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
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
            inner
                .queue
                .retain(|update| i64::from(update.id.0) >= offset);
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
        Err::<Bytes, _>(std::io::Error::other(
            "fake Telegram dropped the connection",
        ))
    });
    Response::builder()
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(failing))
        .expect("static response parts are valid")
}
