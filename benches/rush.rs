//! Benchmark 1, the deadline rush: N people (5,000 in the full run) each link their account,
//! register a title and self-assess, all at once — 12 updates a person — through the real bot
//! (`thidua run`, a child process: teloxide's Dispatcher long-polling, SQLite WAL with
//! synchronous=FULL, the notifier and scheduler running) against a fast fake Bot API on
//! loopback; then the same conversation with a bare teloxide dialogue bot (InMemStorage, no
//! database: the floor), in the same run.
//!
//! ```text
//! cargo bench --bench rush                              # full: 5,000 people, 3 runs each
//! THIDUA_BENCH_QUICK=1 cargo bench --bench rush         # CI smoke: 200 people, 1 run
//! THIDUA_BENCH_PEOPLE=1000 THIDUA_BENCH_RUNS=5 cargo bench --bench rush
//! THIDUA_BENCH_RUNS=0 cargo bench --bench rush           # only the statement census
//! ```
//!
//! Why child processes: CPU seconds and peak RSS are then the bot's alone (read from
//! /proc/<pid>/stat and VmHWM, what getrusage reports), not the fake's or the driver's, and the
//! binary measured is the one operators run.

#[path = "rush/census.rs"]
mod census;
#[path = "support/fake.rs"]
mod fake;
#[path = "support/proc.rs"]
mod proc;
#[path = "support/seed.rs"]
mod seed;

use fake::{Fake, Options, Reply, TOKEN};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Telegram user ids of the simulated people: `BASE + i`.
const BASE: i64 = 100_000_000;

#[derive(Clone, Copy)]
enum Act {
    /// `/start <the person's invite code>`.
    Start,
    Text(&'static str),
    /// Press the button with this label (exact match first, else the first containing it) on
    /// the message that answered the previous step.
    Press(&'static str),
}

#[derive(Clone, Copy)]
enum Expect {
    /// The reply's text contains this.
    Text(&'static str),
    /// The reply has a button labelled exactly this, or containing it.
    Button(&'static str),
}

const SUMMARY: &str =
    "Hoàn thành tốt nhiệm vụ được giao, tham gia đầy đủ các lớp bồi dưỡng chuyên môn trong năm.";

/// One person's conversation: what they do and the answer that ends the step.
const SCRIPT: [(Act, Expect); 12] = [
    (Act::Start, Expect::Text("đã được liên kết")),
    (Act::Text("/dangky"), Expect::Button("Lao động tiên tiến")),
    (Act::Press("Lao động tiên tiến"), Expect::Button("Xác nhận")),
    (Act::Press("Xác nhận"), Expect::Text("Đã lưu")),
    (
        Act::Text("/tudanhgia"),
        Expect::Button("Hoàn thành tốt nhiệm vụ"),
    ),
    (
        Act::Press("Hoàn thành tốt nhiệm vụ"),
        Expect::Button("Không nghỉ dài ngày"),
    ),
    (
        Act::Press("Không nghỉ dài ngày"),
        Expect::Button("Không bị kỷ luật"),
    ),
    (Act::Press("Không bị kỷ luật"), Expect::Button("Có")),
    (Act::Press("Không có"), Expect::Button("1")),
    (Act::Press("Không có"), Expect::Text("Câu 6/6")),
    (Act::Text(SUMMARY), Expect::Button("Nộp")),
    (Act::Press("Nộp"), Expect::Text("Đã nộp bản tự đánh giá")),
];

fn find_button<'a>(reply: &'a Reply, label: &str) -> Option<&'a (String, String)> {
    reply
        .buttons
        .iter()
        .find(|(l, _)| l == label)
        .or_else(|| reply.buttons.iter().find(|(l, _)| l.contains(label)))
}

fn matches(expect: Expect, reply: &Reply) -> bool {
    match expect {
        Expect::Text(part) => reply.text.contains(part),
        Expect::Button(label) => find_button(reply, label).is_some(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum BotKind {
    Thidua,
    Bare,
}

/// How the people come: all at once (a closed loop) or one after another at a fixed pace (an
/// open loop), with or without an injected API latency and Telegram's flood limits.
#[derive(Clone, Copy)]
struct Load {
    latency: Duration,
    /// `Some(gap)`: person i starts at i × gap, whatever the bot is doing (open loop).
    arrival_gap: Option<Duration>,
    /// The fake answers 429 beyond Telegram's limits (30/s overall, 1/s per private chat).
    enforce_limits: bool,
}

impl Load {
    fn closed(latency: Duration) -> Self {
        Self {
            latency,
            arrival_gap: None,
            enforce_limits: false,
        }
    }
}

struct Outcome {
    kind: BotKind,
    people: usize,
    latency: Duration,
    updates: usize,
    elapsed: Duration,
    p50: Duration,
    p99: Duration,
    cpu: Duration,
    peak_rss_mib: f64,
    completed: usize,
    /// 429 answers the fake gave (only when it enforces the limits).
    too_many_requests: u64,
    /// Lines of the bot's log naming "database is locked" / a pool time-out.
    locked: usize,
    pool_timeouts: usize,
}

impl Outcome {
    fn rate(&self) -> f64 {
        self.updates as f64 / self.elapsed.as_secs_f64()
    }
}

fn spawn_bot(kind: BotKind, dir: &std::path::Path, api_url: &str) -> Child {
    let log_filter = std::env::var("THIDUA_BENCH_BOT_LOG").unwrap_or_else(|_| "warn".into());
    spawn_bot_logging(kind, dir, api_url, &log_filter)
}

fn spawn_bot_logging(
    kind: BotKind,
    dir: &std::path::Path,
    api_url: &str,
    log_filter: &str,
) -> Child {
    let mut command = match kind {
        BotKind::Thidua => {
            let mut c = Command::new(env!("CARGO_BIN_EXE_thidua"));
            c.arg("run").envs(seed::env_for(dir));
            c
        }
        BotKind::Bare => {
            let mut c = Command::new(std::env::current_exe().unwrap());
            c.env("THIDUA_BENCH_ROLE", "bare-bot");
            c
        }
    };
    let log = std::fs::File::create(dir.join("bot.log")).unwrap();
    command
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api_url)
        // THIDUA_BENCH_BOT_LOG=warn,sqlx::query=debug counts statements. The log of the last
        // run is kept as thidua-bench-bot.log in the temporary directory.
        .env("RUST_LOG", log_filter)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("the bot starts")
}

struct Person {
    step: usize,
    pushed_at: Instant,
    last: Option<String>,
}

async fn scenario(kind: BotKind, people: usize, load: Load) -> Outcome {
    let latency = load.latency;
    let dir = tempfile::tempdir().unwrap();
    let codes = match kind {
        BotKind::Thidua => seed::seed(dir.path(), people, false).await,
        BotKind::Bare => (0..people).map(|i| format!("code{i}")).collect(),
    };
    let (tx, mut rx) = mpsc::unbounded_channel();
    let fake = Fake::start(
        Options {
            latency,
            enforce_limits: load.enforce_limits,
        },
        Some(tx),
    )
    .await;
    let mut child = spawn_bot(kind, dir.path(), &fake.api_url());
    let pid = child.id();
    fake.wait_first_poll(Duration::from_secs(60))
        .await
        .expect("the bot polls within 60 s");
    let cpu_before = proc::cpu_time(pid).unwrap_or_default();
    let start = Instant::now();
    // Closed loop: everyone starts now. Open loop: person i starts at i × gap (below).
    let mut started = if load.arrival_gap.is_some() {
        0
    } else {
        people
    };
    let mut persons: Vec<Person> = (0..people)
        .map(|i| Person {
            step: 0,
            pushed_at: if i < started {
                fake.push_text(BASE + i as i64, &format!("/start {}", codes[i]))
            } else {
                start
            },
            last: None,
        })
        .collect();
    let mut latencies = Vec::with_capacity(people * SCRIPT.len());
    let mut completed = 0;
    let mut last_progress = Instant::now();
    let mut finished_at = start;
    while completed < people {
        let starting = load.arrival_gap.filter(|_| started < people);
        let reply = if let Some(gap) = starting {
            // Open loop: the next arrival is due whatever the bot is doing.
            let due = start + gap * started as u32;
            tokio::select! {
                biased;
                () = tokio::time::sleep_until(due.into()) => {
                    persons[started].pushed_at = fake
                        .push_text(BASE + started as i64, &format!("/start {}", codes[started]));
                    started += 1;
                    continue;
                }
                reply = rx.recv() => match reply {
                    Some(reply) => reply,
                    None => break,
                },
            }
        } else {
            match tokio::time::timeout(Duration::from_secs(1), rx.recv()).await {
                Ok(Some(reply)) => reply,
                Ok(None) => break,
                Err(_) if last_progress.elapsed() > Duration::from_secs(60) => {
                    let stuck: Vec<_> = persons
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| p.step < SCRIPT.len())
                        .take(3)
                        .map(|(i, p)| (i, p.step, p.last.clone()))
                        .collect();
                    eprintln!("no progress for 60 s; stuck (person, step, last reply): {stuck:#?}");
                    break;
                }
                Err(_) => continue,
            }
        };
        if on_reply(
            reply,
            &fake,
            &mut persons,
            &mut latencies,
            &mut completed,
            &mut finished_at,
        ) {
            last_progress = Instant::now();
        }
    }
    let elapsed = finished_at.saturating_duration_since(start);
    let cpu = proc::cpu_time(pid)
        .unwrap_or_default()
        .saturating_sub(cpu_before);
    let peak_rss_mib = proc::status_mib(pid, "VmHWM:").unwrap_or(f64::NAN);
    proc::signal(pid, "-TERM");
    let waited = tokio::task::spawn_blocking(move || {
        let _ = child.wait();
    });
    if tokio::time::timeout(Duration::from_secs(20), waited)
        .await
        .is_err()
    {
        proc::signal(pid, "-KILL");
    }
    let too_many_requests = fake.stats().too_many_requests;
    fake.shutdown();
    let log = std::fs::read_to_string(dir.path().join("bot.log")).unwrap_or_default();
    let locked = log.matches("database is locked").count();
    let pool_timeouts = log.matches("pool timed out").count();
    if kind == BotKind::Thidua {
        let kept = std::env::temp_dir().join("thidua-bench-bot.log");
        let _ = std::fs::copy(dir.path().join("bot.log"), kept);
    }
    latencies.sort();
    Outcome {
        kind,
        people,
        latency,
        updates: latencies.len(),
        elapsed,
        p50: proc::percentile(&latencies, 50.0),
        p99: proc::percentile(&latencies, 99.0),
        cpu,
        peak_rss_mib,
        completed,
        too_many_requests,
        locked,
        pool_timeouts,
    }
}

/// Takes one answer of the bot: when it ends the person's step, records the latency and pushes
/// their next update. Returns whether it ended a step.
fn on_reply(
    reply: Reply,
    fake: &Fake,
    persons: &mut [Person],
    latencies: &mut Vec<Duration>,
    completed: &mut usize,
    finished_at: &mut Instant,
) -> bool {
    let Some(index) = reply.chat_id.checked_sub(BASE).map(|i| i as usize) else {
        return false;
    };
    let Some(person) = persons.get_mut(index) else {
        return false;
    };
    person.last = Some(reply.text.chars().take(120).collect());
    if person.step >= SCRIPT.len() || !matches(SCRIPT[person.step].1, &reply) {
        return false;
    }
    latencies.push(reply.at.saturating_duration_since(person.pushed_at));
    person.step += 1;
    if person.step == SCRIPT.len() {
        *completed += 1;
        *finished_at = reply.at;
        return true;
    }
    let user = BASE + index as i64;
    person.pushed_at = match SCRIPT[person.step].0 {
        Act::Start => unreachable!("only the first step links"),
        Act::Text(text) => fake.push_text(user, text),
        Act::Press(label) => {
            let Some((_, data)) = find_button(&reply, label) else {
                eprintln!("person {index}: no button {label:?} in {:?}", reply.buttons);
                return true;
            };
            fake.push_callback(user, reply.message_id, data)
        }
    };
    true
}

fn print(outcome: &Outcome) {
    if outcome.completed < outcome.people {
        // A conversation that never finished: the bot answered with an error or not at all (its
        // log is kept as thidua-bench-bot.log in the temporary directory). The quick mode fails,
        // so the CI smoke catches it; the full run reports it and goes on.
        println!(
            "  !! {:?}: only {} of {} conversations finished",
            outcome.kind, outcome.completed, outcome.people
        );
        if proc::quick() {
            std::process::exit(1);
        }
    }
    println!(
        "{:<7} people={:<5} latency={:>3}ms updates={:<6} completed={:<5} time={:>7.2}s \
         rate={:>7.0}/s p50={:>7.1}ms p99={:>7.1}ms cpu={:>6.2}s ({:.2} ms/update) \
         peak_rss={:>6.1}MiB 429s={} locked={} pool_timeouts={}",
        format!("{:?}", outcome.kind),
        outcome.people,
        outcome.latency.as_millis(),
        outcome.updates,
        outcome.completed,
        outcome.elapsed.as_secs_f64(),
        outcome.rate(),
        outcome.p50.as_secs_f64() * 1e3,
        outcome.p99.as_secs_f64() * 1e3,
        outcome.cpu.as_secs_f64(),
        outcome.cpu.as_secs_f64() * 1e3 / outcome.updates.max(1) as f64,
        outcome.peak_rss_mib,
        outcome.too_many_requests,
        outcome.locked,
        outcome.pool_timeouts,
    );
}

fn summarise(label: &str, outcomes: &[&Outcome], f: impl Fn(&Outcome) -> f64) -> f64 {
    let mut values: Vec<f64> = outcomes.iter().map(|o| f(o)).collect();
    let median = proc::median(&mut values);
    println!("  median {label}: {median:.2}  (runs: {values:.2?})");
    median
}

async fn bench() {
    let quick = proc::quick();
    let people = proc::env_usize("THIDUA_BENCH_PEOPLE", if quick { 200 } else { 5_000 });
    let runs = proc::env_usize("THIDUA_BENCH_RUNS", if quick { 1 } else { 3 });
    let latency_people =
        proc::env_usize("THIDUA_BENCH_LATENCY_PEOPLE", if quick { 100 } else { 500 });
    println!(
        "deadline rush: {people} people x {} updates, {runs} run(s); cores: {}",
        SCRIPT.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let census_people = proc::env_usize("THIDUA_BENCH_CENSUS", if quick { 5 } else { 20 });
    if census_people > 0 {
        let found = census::print(&census::run(census_people).await);
        let worst = ["registration", "self-assessment"]
            .iter()
            .filter_map(|path| found.get(path))
            .fold(0.0_f64, |a, &b| a.max(b));
        println!(
            "TARGET: <= 5 statements per update on registration and self-assessment: {}",
            verdict(worst <= 5.0)
        );
    }
    if runs == 0 {
        return;
    }
    let mut ratios = Vec::new();
    let mut ours = Vec::new();
    let mut bare = Vec::new();
    for run in 1..=runs {
        println!("run {run}:");
        let a = scenario(BotKind::Thidua, people, Load::closed(Duration::ZERO)).await;
        print(&a);
        let b = scenario(BotKind::Bare, people, Load::closed(Duration::ZERO)).await;
        print(&b);
        let ratio = a.rate() / b.rate();
        println!("  ratio thidua/bare = {ratio:.2}");
        ratios.push(ratio);
        ours.push(a);
        bare.push(b);
    }
    println!("no injected latency, {people} people:");
    let ours_refs: Vec<&Outcome> = ours.iter().collect();
    let rate = summarise("thidua updates/s", &ours_refs, Outcome::rate);
    summarise("thidua p50 ms", &ours_refs, |o| o.p50.as_secs_f64() * 1e3);
    summarise("thidua p99 ms", &ours_refs, |o| o.p99.as_secs_f64() * 1e3);
    let cpu_ms = summarise("thidua cpu ms per update", &ours_refs, |o| {
        o.cpu.as_secs_f64() * 1e3 / o.updates.max(1) as f64
    });
    let rss = summarise("thidua peak RSS MiB", &ours_refs, |o| o.peak_rss_mib);
    let bare_refs: Vec<&Outcome> = bare.iter().collect();
    summarise("bare updates/s", &bare_refs, Outcome::rate);
    summarise("bare cpu s", &bare_refs, |o| o.cpu.as_secs_f64());
    summarise("bare peak RSS MiB", &bare_refs, |o| o.peak_rss_mib);
    let ratio = proc::median(&mut ratios);
    println!("  median ratio thidua/bare (same run): {ratio:.2}");
    let locked: usize = ours.iter().map(|o| o.locked + o.pool_timeouts).sum();
    println!(
        "TARGETS: ratio >= 0.25: {}; cpu <= 0.3 ms per update: {}; peak RSS <= 80 MiB: {}; \
         zero locked / pool time-outs: {} ({locked}); ({rate:.0} updates/s)",
        verdict(ratio >= 0.25),
        verdict(cpu_ms <= 0.3),
        verdict(rss <= 80.0),
        verdict(locked == 0),
    );
    open_loop(quick).await;
    limits_enforced().await;

    let latency = Duration::from_millis(50);
    let ideal = latency * SCRIPT.len() as u32;
    // THIDUA_BENCH_LATENCY_PEOPLE=0 skips the latency runs (they take minutes at 5,000 people).
    let populations = if latency_people == 0 {
        Vec::new()
    } else {
        vec![latency_people, people]
    };
    for population in populations {
        println!("injected latency 50 ms per API call, {population} people:");
        let a = scenario(BotKind::Thidua, population, Load::closed(latency)).await;
        print(&a);
        let b = scenario(BotKind::Bare, population, Load::closed(latency)).await;
        print(&b);
        let factor = a.elapsed.as_secs_f64() / ideal.as_secs_f64();
        println!(
            "  ideal (longest conversation {} steps x 50 ms) = {:.2}s; thidua total = {:.2}s = \
             {factor:.1}x ideal; bare = {:.1}x ideal; ratio thidua/bare = {:.2}; target <= 1.5x: {}",
            SCRIPT.len(),
            ideal.as_secs_f64(),
            a.elapsed.as_secs_f64(),
            b.elapsed.as_secs_f64() / ideal.as_secs_f64(),
            a.rate() / b.rate(),
            verdict(factor <= 1.5),
        );
        if quick {
            break;
        }
    }
}

/// Conversations arrive at a fixed pace whatever the bot does: THIDUA_BENCH_OPEN_RATE updates a
/// second on average (200; 0 skips) for THIDUA_BENCH_OPEN_SECONDS (60), 50 ms per API call.
async fn open_loop(quick: bool) {
    let rate = proc::env_usize("THIDUA_BENCH_OPEN_RATE", 200);
    let seconds = proc::env_usize("THIDUA_BENCH_OPEN_SECONDS", if quick { 10 } else { 60 });
    if rate == 0 || seconds == 0 {
        return;
    }
    let people = rate * seconds / SCRIPT.len();
    let gap = Duration::from_secs_f64(SCRIPT.len() as f64 / rate as f64);
    println!(
        "open loop: a conversation every {:.0} ms ({rate} updates/s) for {seconds} s, \
         {people} people, 50 ms per API call:",
        gap.as_secs_f64() * 1e3
    );
    let load = Load {
        latency: Duration::from_millis(50),
        arrival_gap: Some(gap),
        enforce_limits: false,
    };
    let a = scenario(BotKind::Thidua, people, load).await;
    print(&a);
    let b = scenario(BotKind::Bare, people, load).await;
    print(&b);
    println!(
        "TARGET: p99 reply <= 150 ms at {rate} updates/s: {} (p99 {:.1} ms; bare {:.1} ms)",
        verdict(a.p99 <= Duration::from_millis(150) && a.completed == people),
        a.p99.as_secs_f64() * 1e3,
        b.p99.as_secs_f64() * 1e3,
    );
}

/// The rush with Telegram's flood limits enforced by the fake: THIDUA_BENCH_LIMITS_PEOPLE
/// people at once (0, the default, skips: 5,000 take over half an hour at 30 messages a
/// second). Reports the 429s and how long the rush takes end to end.
async fn limits_enforced() {
    let people = proc::env_usize("THIDUA_BENCH_LIMITS_PEOPLE", 0);
    if people == 0 {
        return;
    }
    println!("Telegram's limits enforced, {people} people at once:");
    let load = Load {
        latency: Duration::ZERO,
        arrival_gap: None,
        enforce_limits: true,
    };
    let a = scenario(BotKind::Thidua, people, load).await;
    print(&a);
    println!(
        "TARGET: zero 429: {} ({}); the rush took {:.1} s end to end",
        verdict(a.too_many_requests == 0),
        a.too_many_requests,
        a.elapsed.as_secs_f64()
    );
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    if std::env::var("THIDUA_BENCH_ROLE").as_deref() == Ok("bare-bot") {
        runtime.block_on(bare::run());
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` would pass nothing useful either.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    runtime.block_on(bench());
}

/// The floor: the same conversation from a teloxide dialogue bot with InMemStorage and no
/// database, one reply per update, the same labels.
mod bare {
    use teloxide::dispatching::dialogue::{Dialogue, InMemStorage};
    use teloxide::prelude::*;
    use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

    type Step = u8;
    type Chat = Dialogue<Step, InMemStorage<Step>>;
    type Result = std::result::Result<(), Box<dyn std::error::Error + Send + Sync>>;

    fn screen(step: Step) -> (&'static str, &'static [&'static str]) {
        match step {
            0 => (
                "Xin chào! Tài khoản Telegram của anh/chị đã được liên kết.",
                &[],
            ),
            1 => (
                "Chọn danh hiệu",
                &["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "✖️ Hủy"],
            ),
            2 => (
                "Xác nhận đăng ký",
                &["✅ Xác nhận", "↩️ Chọn lại", "✖️ Hủy"],
            ),
            3 => ("Đã lưu đăng ký danh hiệu Lao động tiên tiến.", &[]),
            4 => (
                "Câu 1/6",
                &["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ"],
            ),
            5 => ("Câu 2/6", &["Không nghỉ dài ngày", "Nghỉ thai sản"]),
            6 => ("Câu 3/6", &["Không bị kỷ luật", "Khiển trách"]),
            7 => ("Câu 4/6", &["Có", "Không có"]),
            8 => ("Câu 5/6", &["Không có", "1", "2", "3"]),
            9 => ("Câu 6/6. Vui lòng tóm tắt thành tích.", &[]),
            10 => ("Bản tự đánh giá", &["📨 Nộp", "✏️ Sửa một câu trả lời"]),
            _ => ("Đã nộp bản tự đánh giá (lần 1).", &[]),
        }
    }

    fn keyboard(step: Step, labels: &[&str]) -> InlineKeyboardMarkup {
        InlineKeyboardMarkup::new(labels.iter().enumerate().map(|(i, label)| {
            vec![InlineKeyboardButton::callback(
                label.to_string(),
                format!("b:{step}:{i}"),
            )]
        }))
    }

    async fn on_message(bot: Bot, dialogue: Chat, msg: Message) -> Result {
        let step = dialogue.get().await?.unwrap_or_default();
        let (text, labels) = screen(step);
        let request = bot.send_message(msg.chat.id, text);
        if labels.is_empty() {
            request.await?;
        } else {
            request.reply_markup(keyboard(step, labels)).await?;
        }
        dialogue.update(step + 1).await?;
        Ok(())
    }

    async fn on_press(bot: Bot, dialogue: Chat, query: CallbackQuery) -> Result {
        let step = dialogue.get().await?.unwrap_or_default();
        bot.answer_callback_query(query.id.clone()).await?;
        let Some(message) = query.message else {
            return Ok(());
        };
        let (text, labels) = screen(step);
        let request = bot.edit_message_text(message.chat().id, message.id(), text);
        if labels.is_empty() {
            request.await?;
        } else {
            request.reply_markup(keyboard(step, labels)).await?;
        }
        dialogue.update(step + 1).await?;
        Ok(())
    }

    pub async fn run() {
        let bot = Bot::from_env();
        let schema = dptree::entry()
            .branch(
                Update::filter_message()
                    .enter_dialogue::<Message, InMemStorage<Step>, Step>()
                    .endpoint(on_message),
            )
            .branch(
                Update::filter_callback_query()
                    .enter_dialogue::<CallbackQuery, InMemStorage<Step>, Step>()
                    .endpoint(on_press),
            );
        Dispatcher::builder(bot, schema)
            .dependencies(dptree::deps![InMemStorage::<Step>::new()])
            .enable_ctrlc_handler()
            .build()
            .dispatch()
            .await;
    }
}
