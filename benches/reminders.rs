//! Benchmark 2, reminder fan-out.
//!
//! (a) One scheduler pass over 20,000 people, seven days before the registration deadline with
//!     nobody registered: the pure `domain::reminders::plan` alone, then the whole service
//!     `services::reminders::run_pass` — the first pass (decides and writes 20,000 reminders and
//!     outbox rows in one transaction) and a second, idle pass (decides nothing is due, read only:
//!     what every wake-up of the scheduler costs).
//! (b) Delivery: the production `notify::Notifier` with `TelegramSender::new` (Telegram's flood
//!     limits and the in-flight window of its send gate) drains queued reminders into a fake Bot API that enforces Telegram's flood
//!     limits (429 on a breach). 20,000 at 30/s is 11 minutes, so by default a bounded sample.
//!
//! ```text
//! cargo bench --bench reminders                                   # 20,000 people; 3,000 sends
//! THIDUA_BENCH_QUICK=1 cargo bench --bench reminders              # CI smoke: 2,000; 150 sends
//! THIDUA_BENCH_SENDS=20000 cargo bench --bench reminders          # the whole fan-out (~11 min)
//! ```

#[path = "support/fake.rs"]
mod fake;
#[path = "support/proc.rs"]
mod proc;
#[path = "support/seed.rs"]
mod seed;

use chrono::{DateTime, TimeZone, Utc};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::{Duration, Instant};
use thidua::clock::ManualClock;
use thidua::domain::person::PersonId;
use thidua::domain::phase::Phase;
use thidua::domain::reminders::{self, Progress, Task};
use thidua::services::{self, Ctx};

/// 08:00:30 local on 18 March 2026, a Wednesday: the `7d` reminder of the example campaign's
/// registration deadline (25 March, 17:00) is due.
fn reminder_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 18, 1, 0, 30).unwrap()
}

/// `n` staff, all linked to a Telegram account, and the example campaign open.
async fn seeded(dir: &std::path::Path, n: usize) -> (Ctx, ManualClock) {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 1, 3, 0, 0).unwrap());
    let ctx = seed::context(dir, Arc::new(clock.clone())).await;
    services::staff_import::import(&ctx, seed::staff_csv(n, true).as_bytes())
        .await
        .expect("staff imports");
    let campaign =
        std::fs::read_to_string(seed::repo_file("config/campaign.example.toml")).unwrap();
    services::campaign::open(&ctx, &campaign)
        .await
        .expect("campaign opens");
    // Linking 20,000 people one conversation at a time is benchmark 1's job; here they are
    // linked in one statement.
    sqlx::query("UPDATE people SET telegram_user_id = 100000000 + id")
        .execute(ctx.db.sqlite_pool())
        .await
        .unwrap();
    (ctx, clock)
}

async fn pass_bench(people: usize, runs: usize) {
    println!("(a) one scheduler pass, {people} people, nobody registered, 7d reminder due:");
    let mut plan_ms = Vec::new();
    let mut first_ms = Vec::new();
    let mut idle_ms = Vec::new();
    for run in 1..=runs {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, clock) = seeded(dir.path(), people).await;
        let now = reminder_morning();
        clock.set(now);
        // The pure decision, on inputs built here.
        let mut conn = ctx.db.read().await.unwrap();
        let campaign = thidua::storage::campaigns::current(&mut conn, now)
            .await
            .unwrap()
            .unwrap();
        let everyone = thidua::storage::people::list_active(&mut conn)
            .await
            .unwrap();
        drop(conn);
        let mut progress = Progress::new();
        for person in &everyone {
            progress.set(
                Phase::Registration,
                person.id,
                vec![Task::RegisterIndividual],
            );
        }
        let policy = services::reminders::policy(&ctx.settings.reminders).unwrap();
        let mutes = BTreeMap::<PersonId, reminders::Mute>::new();
        let recorded = BTreeSet::new();
        let started = Instant::now();
        let planned = reminders::plan(&campaign, &progress, &mutes, &policy, &recorded, now);
        let plan = started.elapsed();
        assert_eq!(planned.len(), everyone.len(), "everyone is due");

        let started = Instant::now();
        let report = services::reminders::run_pass(&ctx, now).await.unwrap();
        let first = started.elapsed();
        let started = Instant::now();
        let again = services::reminders::run_pass(&ctx, now).await.unwrap();
        let idle = started.elapsed();
        assert!(again.queued.is_empty(), "a second pass queues nothing");
        println!(
            "  run {run}: plan() {:.1} ms for {} due; run_pass first {:.0} ms (queued {}, digests {}); \
             run_pass idle {:.0} ms",
            plan.as_secs_f64() * 1e3,
            planned.len(),
            first.as_secs_f64() * 1e3,
            report.queued.len(),
            report.digests.len(),
            idle.as_secs_f64() * 1e3,
        );
        plan_ms.push(plan.as_secs_f64() * 1e3);
        first_ms.push(first.as_secs_f64() * 1e3);
        idle_ms.push(idle.as_secs_f64() * 1e3);
        ctx.db.close().await;
    }
    let (plan, first, idle) = (
        proc::median(&mut plan_ms),
        proc::median(&mut first_ms),
        proc::median(&mut idle_ms),
    );
    println!(
        "  median: plan() {plan:.1} ms; run_pass (queueing all) {first:.0} ms; run_pass (idle) {idle:.0} ms"
    );
    println!(
        "  TARGET pass <= 200 ms: plan() {}, run_pass idle {}, run_pass queueing {}",
        verdict(plan <= 200.0),
        verdict(idle <= 200.0),
        verdict(first <= 200.0)
    );
}

async fn fanout_bench(sends: usize, latency: Duration) {
    println!(
        "(b) fan-out: {sends} due reminders through Notifier + send gate, limits enforced, \
         {latency:?} per API call:"
    );
    let dir = tempfile::tempdir().unwrap();
    let (ctx, clock) = seeded(dir.path(), sends).await;
    clock.set(reminder_morning());
    let report = services::reminders::run_pass(&ctx, reminder_morning())
        .await
        .unwrap();
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
        .fetch_one(ctx.db.sqlite_pool())
        .await
        .unwrap();
    println!(
        "  queued {} reminders and {} digests: {queued} pending rows",
        report.queued.len(),
        report.digests.len()
    );
    let fake = fake::Fake::start(
        fake::Options {
            latency,
            enforce_limits: true,
        },
        None,
    )
    .await;
    let mailer = thidua::notify::Mailer::from_settings(&ctx.settings.mail).unwrap();
    let notifier = thidua::notify::Notifier::new(
        ctx.clone(),
        Some(thidua::notify::TelegramSender::new(fake.bot())),
        mailer,
    );
    let started = Instant::now();
    let delivered = notifier.drain_due().await.unwrap();
    let elapsed = started.elapsed();
    let stats = fake.stats();
    let mut times = stats.accepted_sends.clone();
    times.sort();
    let sustained = if times.len() > 1 {
        (times.len() - 1) as f64 / (times[times.len() - 1] - times[0]).as_secs_f64()
    } else {
        0.0
    };
    // The busiest and the slowest full second, over whole seconds from the first send.
    let mut per_second = BTreeMap::<u64, usize>::new();
    for at in &times {
        *per_second.entry((*at - times[0]).as_secs()).or_default() += 1;
    }
    let full: Vec<usize> = per_second
        .iter()
        .filter(|(s, _)| **s + 1 < per_second.len() as u64)
        .map(|(_, c)| *c)
        .collect();
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
        .fetch_one(ctx.db.sqlite_pool())
        .await
        .unwrap();
    println!(
        "  delivered {sent} rows in {:.1} s: sustained {sustained:.1} msg/s (min/max per full second {}/{}); \
         429 answers {}; per-chat violations {}; report {delivered:?}",
        elapsed.as_secs_f64(),
        full.iter().min().copied().unwrap_or(0),
        full.iter().max().copied().unwrap_or(0),
        stats.too_many_requests,
        stats.per_chat_violations,
    );
    println!(
        "  TARGETS: >= 28 msg/s {}; zero 429 {}; zero per-chat violations {}",
        verdict(sustained >= 28.0),
        verdict(stats.too_many_requests == 0),
        verdict(stats.per_chat_violations == 0),
    );
    fake.shutdown();
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let quick = proc::quick();
    let people = proc::env_usize("THIDUA_BENCH_PEOPLE", if quick { 2_000 } else { 20_000 });
    let runs = proc::env_usize("THIDUA_BENCH_RUNS", if quick { 1 } else { 3 });
    let sends = proc::env_usize("THIDUA_BENCH_SENDS", if quick { 150 } else { 3_000 });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        pass_bench(people, runs).await;
        // Loopback, and a round trip like a server far from Telegram's (the window grows to 6).
        fanout_bench(sends, Duration::ZERO).await;
        fanout_bench(sends, Duration::from_millis(200)).await;
    });
}
