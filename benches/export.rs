//! Benchmark 4, export: a 20,000-person campaign (everyone registered, a submitted
//! self-assessment each, a year of audit, messages and reminders, seeded as `startup` does) to one
//! XLSX workbook, as `thidua export` builds it: `export::campaign_sheets` (the queries and the
//! Vietnamese wording) then `export::to_xlsx`.
//!
//! ```text
//! cargo bench --bench export                        # 20,000 people, 3 runs
//! THIDUA_BENCH_QUICK=1 cargo bench --bench export   # CI smoke: 2,000 people, 1 run
//! ```

#[path = "support/proc.rs"]
mod proc;
#[path = "support/seed.rs"]
mod seed;

use chrono::Datelike;
use std::time::Instant;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let quick = proc::quick();
    let people = proc::env_usize("THIDUA_BENCH_PEOPLE", if quick { 2_000 } else { 20_000 });
    let runs = proc::env_usize("THIDUA_BENCH_RUNS", if quick { 1 } else { 3 });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        seed::seed(dir.path(), people, true).await;
        seed::year_of_data(dir.path()).await;
        let ctx = seed::context(dir.path(), std::sync::Arc::new(thidua::clock::SystemClock)).await;
        let year = chrono::Utc::now()
            .with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
            .year();
        println!("export: {people} people, a year of data, {runs} run(s)");
        let mut totals = Vec::new();
        for run in 1..=runs {
            let started = Instant::now();
            let mut conn = ctx.db.read().await.unwrap();
            let sheets = thidua::export::campaign_sheets(&mut conn, &ctx.org, year)
                .await
                .unwrap();
            drop(conn);
            let queried = started.elapsed();
            let bytes = thidua::export::to_xlsx(&sheets).unwrap();
            let total = started.elapsed();
            let rows: usize = sheets.iter().map(|s| s.rows.len()).sum();
            println!(
                "  run {run}: {rows} rows in {} sheets; tables {:.0} ms, XLSX {:.0} ms, total {:.0} ms, {:.1} MiB",
                sheets.len(),
                queried.as_secs_f64() * 1e3,
                (total - queried).as_secs_f64() * 1e3,
                total.as_secs_f64() * 1e3,
                bytes.len() as f64 / 1048576.0
            );
            totals.push(total.as_secs_f64());
        }
        let median = proc::median(&mut totals);
        println!(
            "  median total {median:.2} s; TARGET <= 3 s: {}",
            if median <= 3.0 { "met" } else { "MISSED" }
        );
    });
}
