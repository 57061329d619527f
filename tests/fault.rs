//! The fault suite (issue 6): what survives a `kill -9`, an API storm with an SMTP outage, and
//! randomised updates. Its own test binary, so `cargo test --locked` runs the short form; the
//! long form is the same tests with bigger numbers:
//!
//! ```text
//! cargo test --test fault                                  # short (CI): a couple of minutes
//! THIDUA_FAULT_LONG=1 cargo test --release --test fault -- --nocapture   # long form
//! THIDUA_FAULT_SEED=1234 cargo test --test fault -- --nocapture          # replay one seed
//! THIDUA_FAULT_SEED=random cargo test --test fault -- --nocapture        # explore new seeds
//! ```
//!
//! Every randomised test prints its seed; by default all use [`DEFAULT_SEED`].
//!
//! The fakes are the integration tests' own (`tests/it/support`), shared by path.

#[path = "it/chat.rs"]
mod chat;
#[path = "it/harness.rs"]
mod harness;
/// `tests/it/support.rs`, restated inline: a `#[path]` file would look for its modules beside
/// itself rather than in `support/`.
#[path = "it/support"]
#[allow(dead_code)]
mod support {
    pub mod fake_telegram;
    pub mod smtp_sink;
}

#[path = "fault/fan_out.rs"]
mod fan_out;
#[path = "fault/kill.rs"]
mod kill;
#[path = "fault/kill_council.rs"]
mod kill_council;
#[path = "fault/random_updates.rs"]
mod random_updates;
#[path = "fault/storm.rs"]
mod storm;

/// Tests that run the real binary against a timing-sensitive fake take this first: two of them
/// at once on two cores measure each other's load (a slower commit widens the send window).
pub async fn one_binary_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    LOCK.lock().await
}

/// Whether the long form was asked for.
pub fn long_form() -> bool {
    std::env::var("THIDUA_FAULT_LONG").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The seed every randomised test uses unless told otherwise, so that two runs of the suite
/// generate the same people, choices and kill moments (the moments are still wall-clock offsets,
/// so each assertion is a bound the design guarantees, never a count that happened to hold).
pub const DEFAULT_SEED: u64 = 20_261_204;

/// The seed from `THIDUA_FAULT_SEED` (a number, or `random` for a fresh one), or
/// [`DEFAULT_SEED`]; printed either way.
pub fn seed(test: &str) -> u64 {
    let seed = match std::env::var("THIDUA_FAULT_SEED").ok().as_deref() {
        Some("random") => rand::random(),
        Some(raw) => raw.parse().unwrap_or(DEFAULT_SEED),
        None => DEFAULT_SEED,
    };
    println!("{test}: seed {seed} (replay with THIDUA_FAULT_SEED={seed})");
    seed
}
