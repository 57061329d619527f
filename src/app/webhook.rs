//! Webhook mode (`telegram.webhook_url`): Telegram posts each update to this instance instead of
//! being polled. An update is written to the durable inbox before Telegram gets its 200, so a
//! crash after the answer loses nothing, and the processor runs it from there exactly as a
//! polled one; an update_id already stored (Telegram repeats an update it got no 200 for, or
//! two instances behind one address) is ignored by the inbox.
//!
//! Threat model: anyone on the network can post to the address. Telegram sends the configured
//! secret in `X-Telegram-Bot-Api-Secret-Token` with every request; a request without it (or
//! with another) is refused with 401 and nothing is stored, so a forged update cannot reach a
//! handler.

use crate::services::{self, Ctx};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::AllowedUpdate;
use tokio::sync::{Notify, watch};

const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

struct Receiver {
    ctx: Ctx,
    wake: Arc<Notify>,
}

/// Registers the webhook with Telegram; an error stops the start (the bot would get nothing).
pub async fn register(bot: &Bot, ctx: &Ctx) -> anyhow::Result<()> {
    let telegram = &ctx.settings.telegram;
    let url = url::Url::parse(&telegram.webhook_url)?;
    bot.set_webhook(url)
        .secret_token(telegram.webhook_secret.expose().to_owned())
        .allowed_updates([AllowedUpdate::Message, AllowedUpdate::CallbackQuery])
        .await?;
    Ok(())
}

/// Binds `telegram.webhook_listen`, returning the server to run until `stop`.
pub async fn listen(
    ctx: Ctx,
    wake: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<impl std::future::Future<Output = ()>> {
    let telegram = &ctx.settings.telegram;
    let path = url::Url::parse(&telegram.webhook_url)?.path().to_owned();
    let listener = tokio::net::TcpListener::bind(&telegram.webhook_listen).await?;
    tracing::info!(address = %listener.local_addr()?, %path, "listening for Telegram's webhook");
    let app = Router::new()
        .route(&path, post(receive))
        .with_state(Arc::new(Receiver { ctx, wake }));
    Ok(async move {
        let until = async move {
            let _ = stop.wait_for(|stopped| *stopped).await;
        };
        if let Err(error) = axum::serve(listener, app)
            .with_graceful_shutdown(until)
            .await
        {
            tracing::error!(%error, "the webhook server stopped");
        }
    })
}

async fn receive(
    State(receiver): State<Arc<Receiver>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let expected = receiver.ctx.settings.telegram.webhook_secret.expose();
    let given = headers
        .get(SECRET_HEADER)
        .map(|value| value.as_bytes())
        .unwrap_or_default();
    if !same_secret(given, expected.as_bytes()) {
        return StatusCode::UNAUTHORIZED;
    }
    let update = match serde_json::from_slice::<Update>(&body) {
        Ok(update) => update,
        Err(error) => {
            // Telegram repeats anything that is not a 2xx: an update we cannot read would come
            // back forever, so it is logged and acknowledged.
            tracing::error!(%error, "a webhook update does not parse; dropped");
            return StatusCode::OK;
        }
    };
    let fetched = services::inbox::Fetched {
        update_id: i64::from(update.id.0),
        chat_key: super::inbox::chat_key(&update),
        json: body.to_vec(),
    };
    match services::inbox::store(&receiver.ctx, &[fetched]).await {
        Ok(_) => {
            receiver.wake.notify_one();
            StatusCode::OK
        }
        // Not stored: Telegram keeps the update and tries again.
        Err(error) => {
            tracing::error!(%error, "cannot store a webhook update; Telegram will retry");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// Compares in time independent of where the first difference is.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |difference, (a, b)| difference | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_compare_whole() {
        assert!(super::same_secret(b"abc", b"abc"));
        assert!(!super::same_secret(b"abd", b"abc"));
        assert!(!super::same_secret(b"ab", b"abc"));
        assert!(!super::same_secret(b"", b"abc"));
    }
}
