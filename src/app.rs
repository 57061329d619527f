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
use teloxide::prelude::*;
use teloxide::types::{BotCommandScope, Me};

pub mod inbox;
pub mod instance;
pub mod webhook;

/// A command that ran and failed on the user's input, already explained on stderr.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputRejected(pub String);

/// Loads the organisation, opens and migrates the database, and mirrors the units into it.
pub async fn context(settings: Settings) -> anyhow::Result<Ctx> {
    context_with_clock(settings, Arc::new(SystemClock)).await
}

/// [`context`] on a given clock (the sandbox's, which it moves to the next phase on request).
pub async fn context_with_clock(
    settings: Settings,
    clock: crate::clock::SharedClock,
) -> anyhow::Result<Ctx> {
    let org = Org::load(&settings.org.file).map_err(|error| {
        if settings.org.file.exists() {
            anyhow::Error::from(error)
        } else {
            InputRejected(texts::cli::org_file_missing(&settings.org.file)).into()
        }
    })?;
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
        clock,
        Arc::new(settings),
        Arc::new(org),
        Arc::new(crate::export::presenter::Presenter),
    )
    .await?)
}

pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("info,sqlx=warn,tokio_cron_scheduler=warn")
    });
    // Colours only for a person watching a terminal: a log file or a pipe gets plain lines.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
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
    let _running = instance::acquire(&settings.database.path, "run")?;
    let ctx = context(settings).await?;
    let me = bot
        .get_me()
        .await
        .map_err(|error| InputRejected(texts::cli::token_rejected(&error.to_string())))?;
    tracing::info!(username = ?me.username, "connected to the Telegram Bot API");
    check_username(&ctx.settings, &me)?;
    set_default_menu(&bot).await;
    serve(bot, ctx, me).await
}

/// Invites are links to `t.me/<bot_username>`: a setting that is not the token's bot sends
/// everyone to a stranger's bot, so the start stops and says which name to set.
fn check_username(settings: &Settings, me: &Me) -> anyhow::Result<()> {
    let configured = settings.telegram.bot_username.trim_start_matches('@');
    match me.username.as_deref() {
        Some(actual) if !actual.eq_ignore_ascii_case(configured) => {
            Err(InputRejected(texts::cli::username_mismatch(configured, actual)).into())
        }
        _ => Ok(()),
    }
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

/// Long-polls Telegram through the durable inbox and runs the background tasks until SIGINT or
/// SIGTERM: polling stops first, the updates in hand finish (each write is one transaction, so
/// nothing is half-written; what was not started stays in the inbox for the next start), then
/// the scheduler and the notifier stop.
pub async fn serve(bot: Bot, ctx: Ctx, me: Me) -> anyhow::Result<()> {
    serve_until(bot, ctx, me, wait_for_signal()).await
}

/// [`serve`] until `stop` completes instead of a signal.
pub async fn serve_until(
    bot: Bot,
    ctx: Ctx,
    me: Me,
    stop_when: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let mailer = crate::notify::Mailer::from_settings(&ctx.settings.mail)?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let processor = inbox::Processor::new(bot.clone(), ctx.clone(), me);
    // Updates arrive by the webhook when one is configured, by long polling otherwise; either
    // way they go through the durable inbox to the same processor. The webhook is registered
    // and bound before anything else starts, so a failure stops the start cleanly.
    let webhook = if ctx.settings.telegram.webhook_url.is_empty() {
        None
    } else {
        webhook::register(&bot, &ctx).await?;
        Some(webhook::listen(ctx.clone(), processor.wake.clone(), stopped.clone()).await?)
    };
    let notifier = crate::notify::Notifier::new(
        ctx.clone(),
        Some(crate::notify::TelegramSender::new(bot.clone())),
        mailer,
    );
    let (stop_notifier, notifier_stopped) = tokio::sync::watch::channel(false);
    let notifier = tokio::spawn(notifier.run(notifier_stopped));
    let scheduler = crate::scheduler::start(ctx.clone()).await?;
    let polling = match webhook {
        Some(server) => tokio::spawn(server),
        None => tokio::spawn(inbox::poll(
            bot,
            ctx.clone(),
            processor.wake.clone(),
            stopped.clone(),
        )),
    };
    let processing = tokio::spawn(processor.run(stopped));
    let retries = tokio::spawn(instance::wake_outbox_on_signal(ctx.clone()));
    stop_when.await;
    retries.abort();
    tracing::info!("shutting down: finishing the updates in flight");
    stop.send_replace(true);
    for (task, what) in [(polling, "polling"), (processing, "update processing")] {
        if let Err(error) = task.await {
            tracing::error!(%error, "the {what} task ended abnormally");
        }
    }
    // The scheduler stops waking us first, then the notifier finishes the send in hand.
    scheduler.shutdown().await;
    stop_notifier.send_replace(true);
    if let Err(error) = notifier.await {
        tracing::error!(%error, "the notifier task ended abnormally");
    }
    tracing::info!("stopped");
    Ok(())
}

/// SIGINT (Ctrl-C) or SIGTERM.
pub async fn wait_for_signal() {
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
