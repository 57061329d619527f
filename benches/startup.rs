//! Benchmark 3, start and idle: the real binary (`thidua run`) over a database of 20,000 people
//! and a year of data, against the fake Bot API. "Ready to serve" is the first `GetUpdates`
//! reaching the fake, timed from the spawn (process start, configuration, migrations check,
//! GetMe, the command menus, the notifier's recovery, the scheduler's catch-up pass over
//! everyone, then the dispatcher). Idle RSS is VmRSS after it has sat polling for a while.
//!
//! ```text
//! cargo bench --bench startup                        # 20,000 people, 5 starts, 10 s idle
//! THIDUA_BENCH_QUICK=1 cargo bench --bench startup   # CI smoke: 2,000 people, 1 start, 2 s
//! ```

#[path = "support/fake.rs"]
mod fake;
#[path = "support/proc.rs"]
mod proc;
#[path = "support/seed.rs"]
mod seed;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let quick = proc::quick();
    let people = proc::env_usize("THIDUA_BENCH_PEOPLE", if quick { 2_000 } else { 20_000 });
    let runs = proc::env_usize("THIDUA_BENCH_RUNS", if quick { 1 } else { 5 });
    let settle = Duration::from_secs(proc::env_usize(
        "THIDUA_BENCH_SETTLE",
        if quick { 2 } else { 10 },
    ) as u64);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        seed::seed(dir.path(), people, true).await;
        seed::year_of_data(dir.path()).await;
        let size = std::fs::metadata(dir.path().join("thidua.sqlite"))
            .map(|m| m.len())
            .unwrap_or(0);
        println!(
            "start and idle: {people} people, a year of data ({:.1} MiB database), {runs} start(s)",
            size as f64 / 1048576.0
        );
        let mut ready_ms = Vec::new();
        let mut idle_mib = Vec::new();
        for run in 1..=runs {
            let fake = fake::Fake::start(fake::Options::default(), None).await;
            let log = std::fs::File::create(dir.path().join("bot.log")).unwrap();
            let spawned = Instant::now();
            let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
                .arg("run")
                .envs(seed::env_for(dir.path()))
                .env("TELOXIDE_TOKEN", fake::TOKEN)
                .env("TELOXIDE_API_URL", fake.api_url())
                .env("RUST_LOG", "warn")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .unwrap();
            let ready = fake
                .wait_first_poll(Duration::from_secs(60))
                .await
                .expect("the bot polls");
            let ready = ready.saturating_duration_since(spawned);
            let pid = child.id();
            let rss_at_ready = proc::status_mib(pid, "VmRSS:").unwrap_or(f64::NAN);
            tokio::time::sleep(settle).await;
            let rss = proc::status_mib(pid, "VmRSS:").unwrap_or(f64::NAN);
            let hwm = proc::status_mib(pid, "VmHWM:").unwrap_or(f64::NAN);
            println!(
                "  run {run}: ready in {:.0} ms; RSS at ready {rss_at_ready:.1} MiB, after {} s idle \
                 {rss:.1} MiB (peak {hwm:.1} MiB)",
                ready.as_secs_f64() * 1e3,
                settle.as_secs()
            );
            ready_ms.push(ready.as_secs_f64() * 1e3);
            idle_mib.push(rss);
            proc::signal(pid, "-TERM");
            let _ = tokio::task::spawn_blocking(move || child.wait()).await;
            fake.shutdown();
        }
        let ready = proc::median(&mut ready_ms);
        let idle = proc::median(&mut idle_mib);
        println!("  median: ready {ready:.0} ms, idle RSS {idle:.1} MiB ({:.1} MB)", idle * 1.048_576);
        println!(
            "  TARGETS: ready <= 500 ms {}; idle RSS <= 40 MB {}",
            if ready <= 500.0 { "met" } else { "MISSED" },
            if idle * 1.048_576 <= 40.0 { "met" } else { "MISSED" },
        );
    });
}
