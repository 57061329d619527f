//! Long polling through the durable inbox. teloxide's own polling confirms a batch to Telegram
//! (the next `getUpdates` offset) while its updates still wait in memory, so a kill lost them;
//! here the [`poll`] loop stores each batch in the database first and only then asks for the
//! next, and the [`Processor`] runs what is stored, one chat's updates in order, many chats at
//! once. A webhook (another issue) stores into the same inbox and wakes the same processor.

use crate::bot;
use crate::services::{self, Ctx};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, Me};
use tokio::sync::{Notify, Semaphore, watch};

/// Seconds a `getUpdates` long poll waits for news.
const POLL_SECONDS: u32 = 10;

/// How often finished updates older than a day are forgotten.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// Rows read from the inbox at a time.
const READ_BATCH: u32 = 256;

/// Updates handled at once. In a rush (thousands of chats with an update each) an unbounded
/// number of handlers queued on the pool's few connections, and the ones waiting longest gave up
/// ("pool timed out") and told the person to retry; past this many, updates wait in their chat's
/// queue instead, where nothing times out. See BENCHMARKS.md.
const IN_FLIGHT: usize = 64;

/// What each stored update needs to be run.
#[derive(Clone)]
pub struct Processor {
    bot: Bot,
    ctx: Ctx,
    me: Me,
    /// Each chat with updates queued or running; its task drains it and removes it when empty.
    chats: Arc<Mutex<HashMap<i64, VecDeque<Job>>>>,
    gate: Arc<Semaphore>,
    /// Woken by the poll (or a webhook) after a batch is stored.
    pub wake: Arc<Notify>,
    /// Woken whenever a chat's queue empties, so a shutdown can wait for the last one.
    idle: Arc<Notify>,
}

struct Job {
    update_id: i64,
    update: Option<Update>,
}

impl Processor {
    pub fn new(bot: Bot, ctx: Ctx, me: Me) -> Self {
        Self {
            bot,
            ctx,
            me,
            chats: Arc::default(),
            gate: Arc::new(Semaphore::new(IN_FLIGHT)),
            wake: Arc::new(Notify::new()),
            idle: Arc::new(Notify::new()),
        }
    }

    /// Runs stored updates until `stop` turns true, then lets those in hand finish. Updates left
    /// in the inbox are run by the next start.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        self.recover().await;
        let mut after = 0;
        let mut pruned_at: Option<tokio::time::Instant> = None;
        while !*stop.borrow() {
            let notified = self.wake.notified();
            after = self.hand_out(after).await;
            if pruned_at.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
                pruned_at = Some(tokio::time::Instant::now());
                if let Err(error) = services::inbox::prune(&self.ctx).await {
                    tracing::warn!(%error, "cannot prune the update inbox");
                }
            }
            tokio::select! {
                () = notified => {}
                _ = stop.changed() => {}
                // A safety net: a wake lost to a bug still gets the update run.
                () = tokio::time::sleep(Duration::from_secs(5)) => {}
            }
        }
        self.drain().await;
    }

    /// Runs everything stored now to the end and returns: what a start does before it polls,
    /// and what a test calls instead of waiting on a background task.
    pub async fn catch_up(&self) {
        self.recover().await;
        self.hand_out(0).await;
        self.drain().await;
    }

    async fn recover(&self) {
        match services::inbox::recover_interrupted(&self.ctx).await {
            Ok(0) => {}
            Ok(told) => tracing::warn!(told, "updates saved before a crash got their note"),
            Err(error) => tracing::error!(%error, "cannot recover interrupted updates"),
        }
    }

    /// Queues every stored update not done with an id above `after` on its chat; returns the
    /// highest id handed out.
    async fn hand_out(&self, mut after: i64) -> i64 {
        loop {
            let read = match services::inbox::waiting(&self.ctx, after, READ_BATCH).await {
                Ok(read) => read,
                Err(error) => {
                    tracing::error!(%error, "cannot read the update inbox");
                    return after;
                }
            };
            let full = read.len() == READ_BATCH as usize;
            for waiting in read {
                after = after.max(waiting.update_id);
                let update = match waiting
                    .json
                    .map(|json| serde_json::from_slice::<Update>(&json))
                {
                    Ok(Ok(update)) => Some(update),
                    Ok(Err(error)) => {
                        tracing::error!(update_id = waiting.update_id, %error, "stored update unreadable");
                        None
                    }
                    Err(error) => {
                        tracing::error!(update_id = waiting.update_id, %error, "stored update does not open");
                        None
                    }
                };
                self.enqueue(
                    waiting.chat_key,
                    Job {
                        update_id: waiting.update_id,
                        update,
                    },
                );
            }
            if !full {
                return after;
            }
        }
    }

    /// Waits until no chat has anything queued or running.
    pub async fn drain(&self) {
        loop {
            let idle = self.idle.notified();
            if self.lock().is_empty() {
                return;
            }
            idle.await;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, VecDeque<Job>>> {
        self.chats
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn enqueue(&self, chat_key: i64, job: Job) {
        let mut chats = self.lock();
        if let Some(queue) = chats.get_mut(&chat_key) {
            queue.push_back(job);
            return;
        }
        chats.insert(chat_key, VecDeque::from([job]));
        drop(chats);
        tokio::spawn(self.clone().drain_chat(chat_key));
    }

    /// Runs one chat's queue to empty, one update at a time.
    async fn drain_chat(self, chat_key: i64) {
        loop {
            let job = {
                let mut chats = self.lock();
                let Some(queue) = chats.get_mut(&chat_key) else {
                    return;
                };
                match queue.front_mut() {
                    Some(job) => Job {
                        update_id: job.update_id,
                        update: job.update.take(),
                    },
                    None => {
                        chats.remove(&chat_key);
                        drop(chats);
                        self.idle.notify_waiters();
                        return;
                    }
                }
            };
            self.run_one(job).await;
            // Popped only now, so `drain` sees a chat busy until its update has finished.
            if let Some(queue) = self.lock().get_mut(&chat_key) {
                queue.pop_front();
            }
        }
    }

    async fn run_one(&self, job: Job) {
        if let Some(update) = job.update {
            let Ok(_permit) = self.gate.acquire().await else {
                return;
            };
            let processing = crate::storage::inbox::Processing::new(job.update_id, self.ctx.now());
            let work = crate::storage::inbox::processing(
                processing,
                bot::handle_update(self.bot.clone(), self.ctx.clone(), self.me.clone(), update),
            );
            // Its own task, so a handler that panics costs its update, not the chat's queue.
            match tokio::spawn(work).await {
                Ok(Ok(())) => {}
                Ok(Err(error)) => tracing::error!(%error, "an update handler failed"),
                Err(error) => tracing::error!(%error, "an update handler panicked"),
            }
        }
        if let Err(error) = services::inbox::finished(&self.ctx, job.update_id).await {
            tracing::error!(update_id = job.update_id, %error, "cannot mark an update finished");
        }
    }
}

/// Whose updates run in order: the chat, or the sender when the update has no chat.
pub fn chat_key(update: &Update) -> i64 {
    update
        .chat()
        .map(|chat| chat.id.0)
        .or_else(|| update.from().map(|user| user.id.0 as i64))
        .unwrap_or(0)
}

/// Fetches updates and stores each batch before the next `getUpdates` confirms it, until `stop`.
pub async fn poll(bot: Bot, ctx: Ctx, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    let mut offset = match services::inbox::last_update_id(&ctx).await {
        Ok(last) => last.map(|id| id + 1),
        Err(error) => {
            tracing::error!(%error, "cannot read the update inbox; polling from Telegram's offset");
            None
        }
    };
    let mut backoff = Duration::from_millis(500);
    while !*stop.borrow() {
        let mut request = bot
            .get_updates()
            .timeout(POLL_SECONDS)
            .allowed_updates([AllowedUpdate::Message, AllowedUpdate::CallbackQuery]);
        if let Some(offset) = offset {
            // Telegram's ids fit an i32 offset; one that does not is left to Telegram.
            request = request.offset(i32::try_from(offset).unwrap_or(i32::MAX));
        }
        let updates = tokio::select! {
            result = request.send() => result,
            _ = stop.changed() => break,
        };
        let updates = match updates {
            Ok(updates) => {
                backoff = Duration::from_millis(500);
                updates
            }
            Err(teloxide::RequestError::RetryAfter(after)) => {
                tokio::time::sleep(after.duration()).await;
                continue;
            }
            Err(error) => {
                tracing::warn!(%error, "getUpdates failed; retrying");
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    _ = stop.changed() => break,
                }
                backoff = (backoff * 2).min(Duration::from_secs(30));
                continue;
            }
        };
        if updates.is_empty() {
            continue;
        }
        let batch: Vec<services::inbox::Fetched> = updates
            .iter()
            .filter_map(|update| {
                let json = serde_json::to_vec(update)
                    .map_err(|error| tracing::error!(%error, "a fetched update does not serialise"))
                    .ok()?;
                Some(services::inbox::Fetched {
                    update_id: i64::from(update.id.0),
                    chat_key: chat_key(update),
                    json,
                })
            })
            .collect();
        let last = updates.iter().map(|update| i64::from(update.id.0)).max();
        // Not confirmed until stored: on failure the same batch is asked for again.
        match services::inbox::store(&ctx, &batch).await {
            Ok(_) => {
                offset = last.map(|id| id + 1);
                wake.notify_one();
            }
            Err(error) => {
                tracing::error!(%error, "cannot store fetched updates; asking again");
                tokio::time::sleep(backoff).await;
            }
        }
    }
}
