//! Building the product's pieces for a test: a fresh SQLite file per test (real WAL, real
//! migrations), a manual clock, the shipped organisation and settings layered like production.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use std::sync::Arc;
use thidua::clock::ManualClock;
use thidua::config::Settings;
use thidua::org::Org;
use thidua::services::Ctx;

pub struct TestApp {
    pub ctx: Ctx,
    pub clock: ManualClock,
    /// Keeps the database folder alive for the test's duration.
    pub dir: tempfile::TempDir,
}

/// 10:00 on 1 March 2026 in Hồ Chí Minh City: inside the example campaign's registration window.
pub fn march_first_2026() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 3, 0, 0).unwrap()
}

/// The repository root, so tests read the shipped files in `config/`.
pub fn repo_file(relative: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// 64 hex digits, fresh for every call.
pub fn random_ballot_key() -> String {
    rand::random::<[u8; 32]>()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Settings as production builds them, with the database and mail folder inside `dir` and any
/// extra `THIDUA__…` overrides.
pub fn settings_in(dir: &std::path::Path, overrides: &[(&str, String)]) -> Settings {
    let mut env = vec![
        (
            "THIDUA__DATABASE__PATH".to_owned(),
            dir.join("thidua.sqlite").display().to_string(),
        ),
        (
            "THIDUA__MAIL__FILE_DIR".to_owned(),
            dir.join("mail").display().to_string(),
        ),
        (
            "THIDUA__ORG__FILE".to_owned(),
            repo_file("config/org.toml").display().to_string(),
        ),
        // A key of this test's own, as an operator would set one; a test about a missing key
        // overrides it with "".
        (
            "THIDUA__BALLOT__SECRECY_KEY".to_owned(),
            random_ballot_key(),
        ),
    ];
    // An override replaces the default of the same key: a real environment holds each key
    // once, and with both the merge would pick one at random.
    env.retain(|(key, _)| !overrides.iter().any(|(name, _)| name == key));
    env.extend(
        overrides
            .iter()
            .map(|(key, value)| (key.to_string(), value.clone())),
    );
    Settings::from_layers(None, env).expect("test settings are valid")
}

pub async fn test_app_with(overrides: &[(&str, String)]) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = settings_in(dir.path(), overrides);
    let org = Org::load(&settings.org.file).expect("org file");
    let db = thidua::storage::open(&settings.database.path, settings.database.max_connections)
        .await
        .expect("database opens");
    let mut conn = db.read().await.expect("connection");
    thidua::storage::units::sync_from_org(&mut conn, &org)
        .await
        .expect("units");
    drop(conn);
    let clock = ManualClock::new(march_first_2026());
    let ctx = Ctx::start(
        db,
        Arc::new(clock.clone()),
        Arc::new(settings),
        Arc::new(org),
        Arc::new(thidua::export::presenter::Presenter),
    )
    .await
    .expect("context starts");
    TestApp { ctx, clock, dir }
}

pub async fn test_app() -> TestApp {
    test_app_with(&[]).await
}

/// The caller a private chat with `user_id` resolves to, as the bot resolves it for an update.
pub async fn caller(ctx: &Ctx, user_id: i64) -> thidua::services::Caller {
    thidua::services::identity::resolve_telegram(ctx, user_id, user_id).await
}
