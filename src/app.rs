//! `thidua run`: wires settings, database, bot and background tasks, and shuts down cleanly on
//! SIGINT or SIGTERM — the dispatcher stops taking updates, lets in-flight handlers finish (each
//! write is one transaction, so nothing is half-written), then the notifier stops.

use crate::clock::SystemClock;
use crate::config::{Secret, Settings};
use crate::org::Org;
use crate::services::Ctx;
use crate::storage;
use crate::{bot, texts};
use anyhow::Context as _;
use std::sync::Arc;
use teloxide::dispatching::{Dispatcher, UpdateHandler};
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use teloxide::types::BotCommandScope;

/// A command that ran and failed on the user's input, already explained on stderr.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputRejected(pub String);

/// Loads the organisation, opens and migrates the database, and mirrors the units into it.
pub async fn context(settings: Settings) -> anyhow::Result<Ctx> {
    let org = Org::load(&settings.org.file)?;
    let db = storage::open(&settings.database.path, settings.database.max_connections)
        .await
        .with_context(|| {
            format!(
                "cannot open the database {}",
                settings.database.path.display()
            )
        })?;
    let mut conn = db.read().await?;
    storage::units::sync_from_org(&mut conn, &org).await?;
    drop(conn);
    Ok(Ctx::start(
        db,
        Arc::new(SystemClock),
        Arc::new(settings),
        Arc::new(org),
        Arc::new(crate::export::presenter::Presenter),
    )
    .await?)
}

pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// The token from settings (THIDUA__TELEGRAM__TOKEN / a config file) or teloxide's TELOXIDE_TOKEN.
fn token(settings: &Settings) -> Option<Secret> {
    settings
        .telegram
        .token
        .clone()
        .filter(|token| !token.is_empty())
        .or_else(|| {
            std::env::var("TELOXIDE_TOKEN")
                .ok()
                .filter(|token| !token.is_empty())
                .map(Secret::new)
        })
}

/// TELOXIDE_API_URL wins over the setting, as teloxide users expect.
fn api_url(settings: &Settings) -> anyhow::Result<url::Url> {
    let raw =
        std::env::var("TELOXIDE_API_URL").unwrap_or_else(|_| settings.telegram.api_url.clone());
    url::Url::parse(&raw).map_err(|error| {
        InputRejected(format!(
            "TELOXIDE_API_URL / telegram.api_url `{raw}`: {error}"
        ))
        .into()
    })
}

pub fn build_bot(settings: &Settings) -> anyhow::Result<Bot> {
    let token = token(settings).ok_or_else(|| InputRejected(texts::cli::missing_token()))?;
    Ok(Bot::new(token.expose()).set_api_url(api_url(settings)?))
}

pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let bot = build_bot(&settings)?;
    let ctx = context(settings).await?;
    let me = bot
        .get_me()
        .await
        .map_err(|error| InputRejected(texts::cli::token_rejected(&error.to_string())))?;
    tracing::info!(username = ?me.username, "connected to the Telegram Bot API");
    set_default_menu(&bot).await;
    serve(bot, ctx).await
}

/// The menu a stranger sees; linked people get their own per-chat menu when they link.
async fn set_default_menu(bot: &Bot) {
    let commands = bot::commands::allowed(None);
    for (lang, code) in [
        (crate::domain::language::Lang::Vi, None),
        (crate::domain::language::Lang::En, Some("en")),
    ] {
        let mut request = bot
            .set_my_commands(bot::commands::menu(lang, &commands))
            .scope(BotCommandScope::Default);
        if let Some(code) = code {
            request = request.language_code(code);
        }
        if let Err(error) = request.await {
            tracing::warn!(%error, "could not set the default command menu");
        }
    }
}

/// Long-polls Telegram and runs the background tasks until SIGINT or SIGTERM.
pub async fn serve(bot: Bot, ctx: Ctx) -> anyhow::Result<()> {
    let mailer = crate::notify::Mailer::from_settings(&ctx.settings.mail)?;
    let notifier = crate::notify::Notifier::new(
        ctx.clone(),
        Some(crate::notify::TelegramSender::new(bot.clone())),
        mailer,
    );
    let (stop_notifier, notifier_stopped) = tokio::sync::watch::channel(false);
    let notifier = tokio::spawn(notifier.run(notifier_stopped));
    let scheduler = crate::scheduler::start(ctx.clone()).await?;
    let mut dispatcher = Dispatcher::builder(bot, gated(bot::schema()))
        .dependencies(bot::dependencies(ctx))
        .distribution_function(worker_of)
        .error_handler(LoggingErrorHandler::with_custom_text(
            "an update handler failed",
        ))
        .build();
    let shutdown = dispatcher.shutdown_token();
    let signals = tokio::spawn(async move {
        wait_for_signal().await;
        tracing::info!("shutting down: finishing the updates in flight");
        // Retries until the dispatcher has started, then stops it gracefully.
        while let Err(error) = shutdown.shutdown() {
            tracing::debug!(?error, "dispatcher not running yet");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    });
    dispatcher.dispatch().await;
    signals.abort();
    // The scheduler stops waking us first, then the notifier finishes the send in hand.
    scheduler.shutdown().await;
    stop_notifier.send_replace(true);
    if let Err(error) = notifier.await {
        tracing::error!(%error, "the notifier task ended abnormally");
    }
    tracing::info!("stopped");
    Ok(())
}

/// Updates handled at once. In a rush (thousands of chats with an update each) an unbounded
/// number of handlers queued on the pool's few connections, and the ones waiting longest gave up
/// ("pool timed out") and told the person to retry; past this many, updates wait in their chat's
/// queue instead, where nothing times out. See BENCHMARKS.md.
const IN_FLIGHT: usize = 64;

fn gated(schema: UpdateHandler<bot::BotError>) -> UpdateHandler<bot::BotError> {
    let gate = std::sync::Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
    // The permit sits in the update's dependencies, so it is held until its handler is done.
    dptree::entry()
        .map_async(move || {
            let gate = gate.clone();
            async move { gate.acquire_owned().await.ok() }
        })
        .chain(schema)
}

/// Dispatcher workers. teloxide runs one worker (a task and its queue) per chat and only frees
/// them once they outnumber the busiest moment; each chat's queue costs tens of kilobytes, so a
/// rush of thousands of chats held hundreds of megabytes. Chats share this many workers instead:
/// one chat's updates still go to one worker, in order.
const WORKERS: i64 = 1024;

fn worker_of(update: &Update) -> Option<i64> {
    update.chat().map(|chat| chat.id.0.rem_euclid(WORKERS))
}

async fn wait_for_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut stream) => {
                    stream.recv().await;
                }
                Err(error) => {
                    tracing::error!(%error, "cannot listen for SIGTERM");
                    std::future::pending::<()>().await
                }
            }
        };
        tokio::select! {
            _ = interrupt => {}
            () = terminate => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
