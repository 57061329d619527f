//! Wake-ups only. tokio-cron-scheduler runs two jobs in Asia/Ho_Chi_Minh time: `wake_cron`
//! (every minute by default) runs [`services::reminders::run_pass`], and `report_cron` (monthly)
//! queues the progress report. Neither decides anything by itself: the pass reads the database,
//! so a run missed while the process was down (the scheduler never replays one) is caught up by
//! the next wake-up, and one more pass runs at start for the same reason. Runs may overlap
//! (tokio-cron-scheduler does not prevent it); a lock makes an overlapping pass wait its turn,
//! and the database's unique keys make a repeated one harmless anyway.

use crate::domain::time::LOCAL_TZ;
use crate::services::error::cause_chain;
use crate::services::{self, Ctx};
use std::sync::Arc;
use tokio::sync::Mutex;
use tokio_cron_scheduler::{Job, JobScheduler, JobSchedulerError};

/// The running scheduler; [`Scheduler::shutdown`] stops it.
pub struct Scheduler {
    inner: JobScheduler,
}

/// One pass now, through the lock. Errors are logged: the next wake-up tries again.
async fn pass(ctx: &Ctx, lock: &Mutex<()>) {
    let _turn = lock.lock().await;
    if let Err(error) = services::reminders::run_pass(ctx, ctx.now()).await {
        let error = cause_chain(&error);
        tracing::error!(%error, "reminder pass failed; the next wake-up will try again");
    }
    // A ballot still open when its phase ends is closed and tallied here (the secretary may
    // close it earlier); the database says whether it is due, so a missed wake-up only delays it.
    match services::ballot::close_due(ctx).await {
        Ok(closed) if !closed.is_empty() => {
            tracing::info!(ballots = closed.len(), "ballot closed at the phase's end")
        }
        Ok(_) => {}
        Err(error) => {
            let error = cause_chain(&error);
            tracing::error!(%error, "closing due ballots failed; the next wake-up will try again")
        }
    }
}

async fn report(ctx: &Ctx, lock: &Mutex<()>) {
    let _turn = lock.lock().await;
    match services::reminders::queue_report(ctx, ctx.now()).await {
        Ok(queued) => tracing::info!(reports = queued.len(), "progress report queued"),
        Err(error) => {
            let error = cause_chain(&error);
            tracing::error!(%error, "progress report failed")
        }
    }
}

/// Runs one catch-up pass (whatever fell due while the process was down), then starts the jobs.
pub async fn start(ctx: Ctx) -> Result<Scheduler, JobSchedulerError> {
    let lock = Arc::new(Mutex::new(()));
    pass(&ctx, &lock).await;
    let inner = JobScheduler::new().await?;
    let settings = ctx.settings.reminders.clone();
    let (wake_ctx, wake_lock) = (ctx.clone(), lock.clone());
    inner
        .add(Job::new_async_tz(
            settings.wake_cron.as_str(),
            LOCAL_TZ,
            move |_, _| {
                let (ctx, lock) = (wake_ctx.clone(), wake_lock.clone());
                Box::pin(async move { pass(&ctx, &lock).await })
            },
        )?)
        .await?;
    let (report_ctx, report_lock) = (ctx.clone(), lock.clone());
    inner
        .add(Job::new_async_tz(
            settings.report_cron.as_str(),
            LOCAL_TZ,
            move |_, _| {
                let (ctx, lock) = (report_ctx.clone(), report_lock.clone());
                Box::pin(async move { report(&ctx, &lock).await })
            },
        )?)
        .await?;
    inner.start().await?;
    Ok(Scheduler { inner })
}

impl Scheduler {
    pub async fn shutdown(mut self) {
        if let Err(error) = self.inner.shutdown().await {
            tracing::warn!(%error, "the scheduler did not stop cleanly");
        }
    }
}
