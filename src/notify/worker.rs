//! The outbox worker: claim what is due, send it, record the outcome; repeat until nothing is
//! due; then sleep until the next row falls due, a service pokes us, or shutdown.
//!
//! `drain_due` never sleeps: a row rescheduled into the future stays there until the clock
//! reaches it, so tests move a `ManualClock` and drain again instead of waiting.

use super::mailer::{Email, Mailer};
use super::outcome::{self, DeliveryReport};
use super::policy::{self, Decision, RetryPolicy};
use super::recovery::{self, Cutoff, RecoveryReport};
use super::render;
use super::telegram::TelegramSender;
use crate::services::Ctx;
use crate::storage::chats;
use crate::storage::outbox::{self, Channel, Destination, OutboxRow};
use crate::storage::{StorageError, StorageResult};
use futures::StreamExt;
use futures::future::Either;
use futures::stream::FuturesUnordered;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;
use teloxide::types::InlineKeyboardMarkup;
use tokio::sync::{Notify, watch};

/// What delivering one destination's rows of a batch came to.
struct Delivered {
    report: DeliveryReport,
    untouched: Vec<OutboxRow>,
    error: Option<StorageError>,
}

/// What the drain's pipeline hears back: a claim made, or one destination's rows delivered.
enum Event {
    Claimed(StorageResult<Vec<OutboxRow>>),
    Delivered(String, Delivered),
}

/// Where a row goes (a chat, an address): one destination's rows go one after the other.
fn destination_key(row: &OutboxRow) -> String {
    match &row.destination {
        Destination::Telegram { chat_id } => format!("t:{chat_id}"),
        Destination::Email { to, .. } => format!("e:{}", to.to_lowercase()),
    }
}

/// The rows grouped by destination, each group in claim order, groups in order of first row.
fn by_destination(rows: Vec<OutboxRow>) -> Vec<(String, Vec<OutboxRow>)> {
    let mut groups: Vec<(String, Vec<OutboxRow>)> = Vec::new();
    for row in rows {
        let key = destination_key(&row);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(row),
            None => groups.push((key, vec![row])),
        }
    }
    groups
}

/// The pause after a database error before the loop tries again.
const ERROR_PAUSE: Duration = Duration::from_secs(5);

pub struct Notifier {
    ctx: Ctx,
    telegram: Option<TelegramSender>,
    mailer: Mailer,
    policy: RetryPolicy,
    wake: Arc<Notify>,
}

impl Notifier {
    /// Without a Telegram sender (the CLI) only e-mail rows are claimed; Telegram rows wait for
    /// the bot process.
    pub fn new(ctx: Ctx, telegram: Option<TelegramSender>, mailer: Mailer) -> Notifier {
        let policy = RetryPolicy::from_settings(&ctx.settings.notify);
        let wake = ctx.outbox_waker.clone();
        Notifier {
            ctx,
            telegram,
            mailer,
            policy,
            wake,
        }
    }

    /// Poke this after committing outbox rows (`waker.notify_one()`) to have them sent now rather
    /// than at the worker's next idle wake-up. A poke while the worker is busy is remembered.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    fn channels(&self) -> Option<Channel> {
        if self.telegram.is_some() {
            None
        } else {
            Some(Channel::Email)
        }
    }

    /// Sends everything due at the clock's now, until nothing is due; rows rescheduled into the
    /// future are left for a later call.
    pub async fn drain_due(&self) -> StorageResult<DeliveryReport> {
        self.drain(None).await
    }

    /// Claims, sends and records as one pipeline: a new claim is made as soon as no more than
    /// half a batch of destinations is still in progress, so sends keep waiting at the gate and
    /// its window stays full between claims (waiting for a whole batch to finish left the wire
    /// idle for a round trip per batch: 23 msg/s instead of 29 at 200 ms). Different
    /// destinations are delivered concurrently; one destination's rows never overlap, in claim
    /// order (rows claimed while their destination is busy wait for it).
    async fn drain(&self, stop: Option<&watch::Receiver<bool>>) -> StorageResult<DeliveryReport> {
        let batch = self.ctx.settings.notify.batch_size.max(1);
        let low_water = (batch / 2) as usize;
        let stopping = || stop.is_some_and(|stop| *stop.borrow());
        let mut report = DeliveryReport::default();
        // Claims and deliveries are polled together: a claim awaited on its own would leave
        // the deliveries unpolled, one of them holding the connection the claim waits for.
        let mut events = FuturesUnordered::new();
        let mut claiming = false;
        let mut delivering = 0usize;
        let mut busy: HashSet<String> = HashSet::new();
        let mut waiting: Vec<OutboxRow> = Vec::new();
        let mut untouched: Vec<OutboxRow> = Vec::new();
        let mut failure: Option<StorageError> = None;
        // The last claim found nothing and no delivery finished since it began (a finished one
        // may have made something due: a fallback e-mail, a notice).
        let mut nothing_due = false;
        let mut finished = 0u64;
        let mut claim_began_after = 0u64;
        loop {
            let going = failure.is_none() && !stopping();
            if going && !claiming && !nothing_due && delivering <= low_water {
                let room = batch.saturating_sub(delivering as u32).max(1);
                events.push(Either::Left(self.claim(room)));
                claiming = true;
                claim_began_after = finished;
            }
            let Some(event) = events.next().await else {
                break;
            };
            match event {
                Event::Claimed(Ok(rows)) => {
                    claiming = false;
                    nothing_due = rows.is_empty() && finished == claim_began_after;
                    waiting.extend(rows);
                }
                Event::Claimed(Err(error)) => {
                    claiming = false;
                    failure.get_or_insert(error);
                }
                Event::Delivered(key, outcome) => {
                    delivering -= 1;
                    finished += 1;
                    busy.remove(&key);
                    nothing_due = false;
                    report.sent += outcome.report.sent;
                    report.retrying += outcome.report.retrying;
                    report.dead += outcome.report.dead;
                    report.unknown += outcome.report.unknown;
                    untouched.extend(outcome.untouched);
                    if let Some(error) = outcome.error {
                        failure.get_or_insert(error);
                    }
                }
            }
            if failure.is_none() && !stopping() {
                let mut still_waiting = Vec::new();
                for (key, rows) in by_destination(std::mem::take(&mut waiting)) {
                    if busy.insert(key.clone()) {
                        events.push(Either::Right(self.deliver_group(key, rows, &stopping)));
                        delivering += 1;
                    } else {
                        still_waiting.extend(rows);
                    }
                }
                waiting = still_waiting;
            }
        }
        // Stopping, or a database error: hand back what we claimed but did not touch, as it
        // was. A row whose delivery failed on the database stays `sending` for recovery (it
        // may have been sent before the database failed).
        untouched.extend(waiting);
        if let Some(error) = failure {
            let _ = self.release(&untouched).await;
            return Err(error);
        }
        self.release(&untouched).await?;
        Ok(report)
    }

    async fn claim(&self, limit: u32) -> Event {
        let claimed = async {
            let mut tx = self.ctx.db.write().await?;
            let claimed =
                outbox::claim_due(&mut tx, self.ctx.now(), self.channels(), limit).await?;
            tx.commit().await?;
            Ok(claimed)
        };
        Event::Claimed(claimed.await)
    }

    async fn deliver_group(
        &self,
        key: String,
        rows: Vec<OutboxRow>,
        stopping: &impl Fn() -> bool,
    ) -> Event {
        Event::Delivered(key, self.deliver_in_order(rows, stopping).await)
    }

    /// Delivers one destination's rows in their order; stops at the first database error or
    /// when asked to, leaving the rest untouched.
    async fn deliver_in_order(
        &self,
        rows: Vec<OutboxRow>,
        stopping: &impl Fn() -> bool,
    ) -> Delivered {
        let mut outcome = Delivered {
            report: DeliveryReport::default(),
            untouched: Vec::new(),
            error: None,
        };
        for (index, row) in rows.iter().enumerate() {
            if stopping() {
                outcome.untouched.extend(rows[index..].iter().cloned());
                break;
            }
            if let Err(error) = self.deliver(row, &mut outcome.report).await {
                outcome.untouched.extend(rows[index + 1..].iter().cloned());
                outcome.error = Some(error);
                break;
            }
        }
        outcome
    }

    async fn release(&self, rows: &[OutboxRow]) -> StorageResult<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut conn = self.ctx.db.read().await?;
        for row in rows {
            outbox::release(&mut conn, row.id).await?;
        }
        Ok(())
    }

    async fn deliver(&self, row: &OutboxRow, report: &mut DeliveryReport) -> StorageResult<()> {
        match &row.destination {
            Destination::Telegram { chat_id } => self.deliver_telegram(row, *chat_id, report).await,
            Destination::Email { to, .. } => self.deliver_email(row, to, report).await,
        }
    }

    async fn deliver_telegram(
        &self,
        row: &OutboxRow,
        queued_chat: i64,
        report: &mut DeliveryReport,
    ) -> StorageResult<()> {
        let mut conn = self.ctx.db.read().await?;
        let chat_id = chats::current_chat_id(&mut conn, queued_chat).await?;
        let Some(sender) = &self.telegram else {
            // Not claimable without a sender (see `channels`); hand it back untouched if it happens.
            outbox::release(&mut conn, row.id).await?;
            return Ok(());
        };
        let person_id = match row.person_id {
            Some(id) => Some(id),
            None if chat_id > 0 => chats::person_for_private_chat(&mut conn, chat_id).await?,
            None => None,
        };
        if let Some(person_id) = person_id
            && chats::is_unreachable(&mut conn, person_id).await?
        {
            // Telegram already refused this person; do not knock again, e-mail them.
            drop(conn);
            let reason = "Telegram: the person was already marked unreachable".to_owned();
            let decision = Decision::Unreachable {
                attempts: row.attempts,
                reason,
            };
            return outcome::record_failure(&self.ctx, row, Some(chat_id), decision, report).await;
        }
        let message = render::row(&mut conn, row).await?;
        // Never hold a pooled connection across a network call.
        drop(conn);
        let keyboard = match message
            .keyboard
            .as_deref()
            .map(serde_json::from_str::<InlineKeyboardMarkup>)
        {
            None => None,
            Some(Ok(keyboard)) => Some(keyboard),
            Some(Err(error)) => {
                let decision = Decision::Dead {
                    attempts: row.attempts + 1,
                    reason: format!("reply_markup is not an inline keyboard: {error}"),
                };
                return outcome::record_failure(&self.ctx, row, Some(chat_id), decision, report)
                    .await;
            }
        };
        // The slot is held until the outcome is committed: until then the message may be on
        // the screen while the row says `sending`, which is what a kill would re-send.
        let mut slot = sender.slot(chat_id).await;
        let recorded = match sender
            .send_text(&mut slot, chat_id, &message.body, keyboard)
            .await
        {
            Ok(()) => outcome::record_sent(&self.ctx, row, report).await,
            Err(failure) => {
                let decision = policy::after_telegram_failure(
                    &self.policy,
                    row.kind,
                    row.attempts,
                    failure,
                    self.ctx.now(),
                );
                outcome::record_failure(&self.ctx, row, Some(chat_id), decision, report).await
            }
        };
        drop(slot);
        recorded
    }

    async fn deliver_email(
        &self,
        row: &OutboxRow,
        to: &str,
        report: &mut DeliveryReport,
    ) -> StorageResult<()> {
        let (attachments, message) = {
            let mut conn = self.ctx.db.read().await?;
            let attachments = outbox::attachments_of(&mut conn, row.id).await?;
            (attachments, render::row(&mut conn, row).await?)
        };
        let email = Email {
            to: to.to_owned(),
            subject: message.subject,
            body: message.body,
            attachments,
        };
        match self.mailer.send(&email).await {
            Ok(()) => outcome::record_sent(&self.ctx, row, report).await,
            Err(failure) => {
                let decision =
                    policy::after_mail_failure(&self.policy, row.attempts, failure, self.ctx.now());
                outcome::record_failure(&self.ctx, row, None, decision, report).await
            }
        }
    }

    /// At start: every Telegram row still `sending` was this bot's (only the bot sends to
    /// Telegram), so all are recovered; e-mail rows only once their lease ran out, because the
    /// CLI may be sending them right now.
    pub async fn recover_at_start(&self) -> StorageResult<RecoveryReport> {
        let lease = Cutoff::ClaimedBefore(self.lease_cutoff());
        let telegram = self.telegram.is_some().then_some(Cutoff::All);
        recovery::recover(&self.ctx, telegram, lease).await
    }

    /// Between drains: rows whose claim outlived the lease belong to a process that died.
    pub async fn recover_stale(&self) -> StorageResult<RecoveryReport> {
        let lease = Cutoff::ClaimedBefore(self.lease_cutoff());
        let telegram = self.telegram.is_some().then_some(lease);
        recovery::recover(&self.ctx, telegram, lease).await
    }

    fn lease_cutoff(&self) -> chrono::DateTime<chrono::Utc> {
        let lease = chrono::Duration::seconds(
            i64::try_from(self.ctx.settings.notify.claim_lease_seconds).unwrap_or(i64::MAX / 1000),
        );
        self.ctx.now() - lease
    }

    /// The supervised loop for `thidua run`: recover, then drain; sleep until the next row is
    /// due (at most `notify.idle_wake_seconds`), a poke, or shutdown. Database errors are logged
    /// and retried on the next turn; nothing in here panics.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        match self.recover_at_start().await {
            Ok(report) if !report.is_empty() => {
                tracing::info!(?report, "outbox: recovered interrupted sends")
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "outbox: recovery at start failed"),
        }
        let idle = Duration::from_secs(self.ctx.settings.notify.idle_wake_seconds);
        while !*shutdown.borrow() {
            // Registered before draining, so a poke that arrives mid-drain is not lost.
            let poked = self.wake.notified();
            tokio::pin!(poked);
            poked.as_mut().enable();
            let mut failed = false;
            match self.drain(Some(&shutdown)).await {
                Ok(report) if !report.is_empty() => tracing::info!(?report, "outbox: delivered"),
                Ok(_) => {}
                Err(error) => {
                    tracing::error!(%error, "outbox: drain failed; will try again");
                    failed = true;
                }
            }
            if let Err(error) = self.recover_stale().await {
                tracing::error!(%error, "outbox: recovery failed; will try again");
                failed = true;
            }
            let mut wait = self.until_next_due().await.unwrap_or(idle).min(idle);
            if failed {
                // A sick database must not turn "a row is due" into a busy loop.
                wait = wait.max(ERROR_PAUSE);
            }
            tokio::select! {
                () = &mut poked => {}
                () = tokio::time::sleep(wait) => {}
                changed = shutdown.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
        tracing::info!("outbox: worker stopped");
    }

    async fn until_next_due(&self) -> Option<Duration> {
        let mut conn = self.ctx.db.read().await.ok()?;
        let next = outbox::next_due_at(&mut conn, self.channels())
            .await
            .ok()??;
        Some((next - self.ctx.now()).to_std().unwrap_or(Duration::ZERO))
    }
}
