//! `thidua demo`: the whole product on one machine with nothing to set up — the real bot, its
//! scheduler and notifier, against a Bot API emulator on loopback, with the sample department
//! seeded, a campaign around today, and a web page where one chats as any of its people, sees
//! the group's posts and the e-mails written, and moves the clock to the next phase.
//!
//! Everything lives in a fresh private folder under the system's temporary directory, removed
//! when the sandbox stops: nothing of a real deployment (database, token, mail) is touched.

mod emulator;
mod mail;
mod seed;
mod web;

pub use emulator::{BOT_USERNAME, ChatMessage, Emulator};

use crate::clock::{Clock, OffsetClock};
use crate::domain::language::Lang;
use crate::domain::phase::Phase;
use crate::services::{self, Ctx};
use crate::texts;
use anyhow::Context as _;
use serde::Serialize;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use teloxide::prelude::*;

/// The group channel of the sandbox's council.
const GROUP_CHAT: i64 = -1_001_000_000_001;
const GROUP_TITLE: &str = "Nhóm Hội đồng Thi đua – Khen thưởng";
/// A person's sandbox Telegram id: this plus their id in the database.
const USER_BASE: i64 = 100_000;

/// Someone of the department the page can chat as.
#[derive(Debug, Clone, Serialize)]
pub struct Persona {
    pub user: i64,
    pub employee_code: String,
    pub name: String,
    pub unit: String,
    pub roles: String,
}

/// A running sandbox.
pub struct Sandbox {
    pub emulator: Emulator,
    pub ctx: Ctx,
    pub people: Vec<Persona>,
    pub group_chat: i64,
    clock: OffsetClock,
    dir: PathBuf,
}

/// What the page's header shows.
#[derive(Debug, Serialize)]
pub struct SandboxState {
    pub now: String,
    pub phase: String,
    pub next_phase: Option<String>,
    pub people: Vec<Persona>,
    pub group: serde_json::Value,
}

/// A started sandbox: its address, and how to stop it.
pub struct Running {
    pub address: SocketAddr,
    pub sandbox: Arc<Sandbox>,
    stop: tokio::sync::watch::Sender<bool>,
    bot: tokio::task::JoinHandle<anyhow::Result<()>>,
    server: tokio::task::JoinHandle<()>,
}

/// Starts the sandbox on 127.0.0.1:`port` (0: any free port) and returns once every person of
/// the department is linked to their sandbox account.
pub async fn start(port: u16) -> anyhow::Result<Running> {
    let dir = private_dir()?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .with_context(|| format!("cổng {port} đang bận / port {port} is in use; try --port 0"))?;
    let address = listener.local_addr()?;
    let token = "7000000001:sandbox";
    let settings = seed::settings(&dir, address, token)?;
    let clock = OffsetClock::default();
    let ctx = crate::app::context_with_clock(settings, Arc::new(clock.clone())).await?;
    seed::department(&ctx, clock.now()).await?;
    let emulator = Emulator::new(token, GROUP_TITLE);
    let people = seed::personas(&ctx, USER_BASE).await?;
    for person in &people {
        emulator.name_user(person.user, given_name(&person.name));
    }
    let sandbox = Arc::new(Sandbox {
        emulator: emulator.clone(),
        ctx: ctx.clone(),
        people,
        group_chat: GROUP_CHAT,
        clock,
        dir,
    });
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let app = web::router(sandbox.clone());
    let mut server_stop = stopped.clone();
    let server = tokio::spawn(async move {
        let until = async move {
            let _ = server_stop.wait_for(|stopped| *stopped).await;
        };
        if let Err(error) = axum::serve(listener, app)
            .with_graceful_shutdown(until)
            .await
        {
            tracing::error!(%error, "the sandbox's web server stopped");
        }
    });
    let api = url::Url::parse(&format!("http://{address}/"))?;
    let bot = Bot::new(token).set_api_url(api);
    let me = bot.get_me().await.context("the emulator answers getMe")?;
    let mut bot_stop = stopped;
    let bot = tokio::spawn(crate::app::serve_until(bot, ctx.clone(), me, async move {
        let _ = bot_stop.wait_for(|stopped| *stopped).await;
    }));
    seed::link_everyone(&ctx, &emulator, &sandbox.people).await?;
    let running = Running {
        address,
        sandbox,
        stop,
        bot,
        server,
    };
    running.settle(Duration::from_secs(30)).await;
    Ok(running)
}

impl Running {
    /// Waits until the bot has fetched and finished every update the page sent and the
    /// notifier has nothing due, or `limit` passes. The page and the browser test call it to
    /// look at a quiet chat; it polls because the bot runs in the background, as in production.
    pub async fn settle(&self, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        while tokio::time::Instant::now() < deadline {
            let fetched = self.sandbox.emulator.pending() == 0;
            let done = services::inbox::counts(&self.sandbox.ctx)
                .await
                .is_ok_and(|(stored, _, finished)| stored == finished);
            if fetched && done {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Stops the bot and the server, then removes the sandbox's folder.
    pub async fn stop(self) {
        self.stop.send_replace(true);
        match self.bot.await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::error!(%error, "the sandbox's bot stopped with an error"),
            Err(error) => tracing::error!(%error, "the sandbox's bot task failed"),
        }
        let _ = self.server.await;
        self.sandbox.ctx.db.close().await;
        if let Err(error) = std::fs::remove_dir_all(&self.sandbox.dir) {
            tracing::warn!(%error, dir = %self.sandbox.dir.display(), "sandbox folder left behind");
        }
    }
}

/// `thidua demo`: starts, prints where to open the page, runs until Ctrl-C.
pub async fn run(port: u16) -> anyhow::Result<()> {
    let running = start(port).await?;
    println!(
        "{}",
        texts::cli::sandbox_ready(&format!("http://{}/", running.address))
    );
    crate::app::wait_for_signal().await;
    running.stop().await;
    Ok(())
}

impl Sandbox {
    /// The clock, the current phase and the next, and the people.
    pub async fn state(&self) -> SandboxState {
        let now = self.clock.now();
        let (phase, next) = match self.campaign().await {
            Some(campaign) => {
                // The latest phase open now (phases may overlap).
                let current = Phase::ALL.into_iter().rfind(|phase| {
                    campaign.phase_state(*phase, now) == crate::domain::phase::WindowState::Open
                });
                let next = next_opening(&campaign, now).map(|(phase, _)| phase);
                (current, next)
            }
            None => (None, None),
        };
        let name = |phase: Phase| capitalised(texts::refusal::phase_name(Lang::Vi, phase));
        SandboxState {
            now: crate::domain::time::format_local(now),
            phase: phase.map_or_else(|| "Ngoài các giai đoạn".to_owned(), name),
            next_phase: next.map(name),
            people: self.people.clone(),
            group: serde_json::json!({ "chat": self.group_chat, "title": GROUP_TITLE }),
        }
    }

    /// Moves the clock to a minute after the next phase opens.
    pub async fn next_phase(&self) {
        let now = self.clock.now();
        if let Some(campaign) = self.campaign().await
            && let Some((_, opens)) = next_opening(&campaign, now)
        {
            self.clock.jump_to(opens + chrono::Duration::minutes(1));
        }
    }

    async fn campaign(&self) -> Option<crate::domain::campaign::Campaign> {
        services::campaign::list(&self.ctx)
            .await
            .ok()?
            .into_iter()
            .max_by_key(|campaign| campaign.year)
    }
}

fn next_opening(
    campaign: &crate::domain::campaign::Campaign,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<(Phase, chrono::DateTime<chrono::Utc>)> {
    Phase::ALL
        .into_iter()
        .filter_map(|phase| campaign.window(phase).map(|window| (phase, window.opens)))
        .filter(|(_, opens)| *opens > now)
        .min_by_key(|(_, opens)| *opens)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "Nguyễn Thị Thu Hà" → "Hà": the name Telegram would show as a first name.
fn given_name(full_name: &str) -> &str {
    full_name.split_whitespace().last().unwrap_or(full_name)
}

/// A new folder only this user can read, under the system's temporary directory.
fn private_dir() -> anyhow::Result<PathBuf> {
    let stamp = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("thidua-sandbox-{}-{stamp}", std::process::id()));
    crate::private_files::create_dir(&dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}
