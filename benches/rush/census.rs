//! The statement census: how many SQL statements the bot runs for each step of the rush's
//! conversation, counted from sqlx's own statement log (`sqlx::query=debug`, one event per
//! statement executed, BEGIN and COMMIT included).
//!
//! People go one after another and each step waits until the bot's log has been quiet for a
//! moment before the next is pushed, so every statement is charged to the update that caused
//! it (a dialogue saved after the reply left still counts for its own step). Background work
//! (the notifier's and scheduler's wake-ups) lands in whichever step it happens to fall in; the
//! median over people keeps it out of the figure.

use super::fake::{Fake, Options};
use super::{Act, BASE, BotKind, SCRIPT, find_button, matches, seed};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// How long the log must stay unchanged before a step counts as finished.
const QUIET: Duration = Duration::from_millis(150);

/// Which part of the conversation a step belongs to, for the per-path figures.
pub fn path_of(step: usize) -> &'static str {
    match step {
        0 => "linking",
        1..=3 => "registration",
        _ => "self-assessment",
    }
}

pub struct Census {
    /// Statements per step, one entry per person.
    pub per_step: Vec<Vec<usize>>,
    /// Every statement seen, by its first words, over the whole census.
    pub by_kind: BTreeMap<String, usize>,
}

fn statement_lines(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|line| line.contains("sqlx::query"))
        .map(str::to_owned)
        .collect()
}

/// The statement's first words (`summary="SELECT id, employee_code …"` in sqlx's event).
fn kind_of(line: &str) -> String {
    let summary = line
        .split_once("summary=\"")
        .map_or(line, |(_, rest)| rest)
        .split('"')
        .next()
        .unwrap_or_default();
    summary
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
}

async fn quiet(log: &Path) -> usize {
    let mut seen = statement_lines(log).len();
    let mut since = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(25)).await;
        let now = statement_lines(log).len();
        if now != seen {
            seen = now;
            since = Instant::now();
        } else if since.elapsed() >= QUIET {
            return seen;
        }
    }
}

pub async fn run(people: usize) -> Census {
    let dir = tempfile::tempdir().unwrap();
    let codes = seed::seed(dir.path(), people, false).await;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let fake = Fake::start(Options::default(), Some(tx)).await;
    let mut child = super::spawn_bot_logging(
        BotKind::Thidua,
        dir.path(),
        &fake.api_url(),
        "warn,sqlx::query=debug",
    );
    fake.wait_first_poll(Duration::from_secs(60))
        .await
        .expect("the bot polls within 60 s");
    let log = dir.path().join("bot.log");
    let mut counted = quiet(&log).await;
    let mut per_step = vec![Vec::with_capacity(people); SCRIPT.len()];
    for (index, code) in codes.iter().enumerate() {
        let user = BASE + index as i64;
        let mut previous = None;
        for (step, (act, expect)) in SCRIPT.iter().enumerate() {
            match *act {
                Act::Start => fake.push_text(user, &format!("/start {code}")),
                Act::Text(text) => fake.push_text(user, text),
                Act::Press(label) => {
                    let reply = previous.as_ref().expect("a press follows a reply");
                    let (_, data) = find_button(reply, label).expect("the button is shown");
                    fake.push_callback(user, reply.message_id, data)
                }
            };
            let reply = loop {
                let reply = tokio::time::timeout(Duration::from_secs(30), rx.recv())
                    .await
                    .expect("the bot answers within 30 s")
                    .expect("the fake is running");
                if reply.chat_id == user && matches(*expect, &reply) {
                    break reply;
                }
            };
            let now = quiet(&log).await;
            per_step[step].push(now - counted);
            counted = now;
            previous = Some(reply);
        }
    }
    super::proc::signal(child.id(), "-TERM");
    let _ = child.wait();
    fake.shutdown();
    let mut by_kind = BTreeMap::new();
    for line in statement_lines(&log) {
        *by_kind.entry(kind_of(&line)).or_insert(0) += 1;
    }
    let kept = std::env::temp_dir().join("thidua-bench-census.log");
    let _ = std::fs::copy(&log, kept);
    Census { per_step, by_kind }
}

fn median(values: &[usize]) -> f64 {
    let mut values: Vec<f64> = values.iter().map(|&v| v as f64).collect();
    super::proc::median(&mut values)
}

/// Prints the census and returns the median statements per update on the registration and
/// self-assessment paths (the target: ≤ 5 each).
pub fn print(census: &Census) -> BTreeMap<&'static str, f64> {
    println!("statement census (sqlx's statement log, median over people, per update):");
    let mut paths: BTreeMap<&'static str, (f64, usize)> = BTreeMap::new();
    for (step, counts) in census.per_step.iter().enumerate() {
        let median = median(counts);
        println!(
            "  step {step:>2} {:<16} {:<28} {median:>5.1} statements",
            path_of(step),
            match SCRIPT[step].0 {
                Act::Start => "/start CODE".to_string(),
                Act::Text(text) => text.chars().take(24).collect(),
                Act::Press(label) => format!("press {label}"),
            }
            .chars()
            .take(28)
            .collect::<String>(),
        );
        let entry = paths.entry(path_of(step)).or_default();
        entry.0 += median;
        entry.1 += 1;
    }
    let per_update: BTreeMap<&'static str, f64> = paths
        .into_iter()
        .map(|(path, (sum, steps))| (path, sum / steps as f64))
        .collect();
    for (path, value) in &per_update {
        println!("  {path:<16} {value:.1} statements per update");
    }
    let total: usize = census.by_kind.values().sum();
    println!("  most frequent statements ({total} in all):");
    let mut kinds: Vec<_> = census.by_kind.iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(a.1));
    for (kind, count) in kinds.into_iter().take(15) {
        println!("    {count:>6}  {kind}");
    }
    per_update
}
