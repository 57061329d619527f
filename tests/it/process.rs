//! The `thidua` binary as an operator runs it: missing token, campaign commands, and a clean
//! stop on SIGTERM while long polling the fake Bot API.

use crate::harness::repo_file;
use crate::support::fake_telegram::{FakeTelegram, TOKEN};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The binary with its database, mail folder and organisation file pointed into `dir`, and no
/// token or API URL inherited from the developer's shell.
fn thidua(dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_thidua"));
    command
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("TELOXIDE_API_URL")
        .env("THIDUA__DATABASE__PATH", dir.join("thidua.sqlite"))
        .env("THIDUA__MAIL__FILE_DIR", dir.join("mail"))
        .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
        .stdin(Stdio::null());
    command
}

#[test]
fn run_without_a_token_explains_botfather_and_exits_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let output = thidua(dir.path()).arg("run").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("@BotFather") && stderr.contains("TELOXIDE_TOKEN"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn an_invalid_setting_stops_startup_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let output = thidua(dir.path())
        .args(["campaign", "list"])
        .env("THIDUA__INVITES__TTL_DAYS", "mười bốn")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_ne!(output.status.code(), Some(0));
    assert!(stderr.contains("invites.ttl_days"), "{stderr}");
}

#[test]
fn campaign_open_list_and_show_print_the_windows_in_local_time() {
    let dir = tempfile::tempdir().unwrap();
    let example = repo_file("config/campaign.example.toml");
    let opened = thidua(dir.path())
        .args(["campaign", "open"])
        .arg(&example)
        .output()
        .unwrap();
    assert!(
        opened.status.success(),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );
    let again = thidua(dir.path())
        .args(["campaign", "open"])
        .arg(&example)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1), "a year has one campaign");
    let list = thidua(dir.path())
        .args(["campaign", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains("2026\tluat-2022"));
    let show = thidua(dir.path())
        .args(["campaign", "show", "2026"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&show.stdout);
    assert!(
        shown.contains("registration     05/02/2026 08:00 → 25/03/2026 17:00"),
        "{shown}"
    );
    let missing = thidua(dir.path())
        .args(["campaign", "show", "2030"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn an_inconsistent_campaign_file_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo_file("config/campaign.example.toml"))
        .unwrap()
        .replace(
            "closes = \"2026-12-10T17:00\"",
            "closes = \"2026-12-01T17:00\"",
        );
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, text).unwrap();
    let output = thidua(dir.path())
        .args(["campaign", "open"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("phases.ballot.closes"), "{stderr}");
    let list = thidua(dir.path())
        .args(["campaign", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains("Chưa có đợt thi đua nào"));
}

/// `thidua run` on the database in `dir`, talking to `fake`.
fn run_against(dir: &std::path::Path, fake: &FakeTelegram) -> tokio::process::Command {
    let mut command = tokio::process::Command::from(thidua(dir));
    command
        .arg("run")
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", fake.api_url())
        .env(
            "THIDUA__TELEGRAM__BOT_USERNAME",
            crate::support::fake_telegram::BOT_USERNAME,
        );
    command
}

#[tokio::test]
async fn sigterm_stops_the_running_bot_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    let child = run_against(dir.path(), &fake)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Ready means polling: the first GetUpdates reached the fake.
    fake.wait_for_requests("GetUpdates", 1, Duration::from_secs(30))
        .await;
    let pid = child.id().expect("running").to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let output = tokio::time::timeout(Duration::from_secs(30), child.wait_with_output())
        .await
        .expect("the bot stops within 30 s")
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
    assert!(
        dir.path().join("thidua.sqlite").exists(),
        "migrations created the database"
    );
}

#[tokio::test]
async fn a_second_run_on_the_same_database_is_refused_naming_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    let first = run_against(dir.path(), &fake)
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    fake.wait_for_requests("GetUpdates", 1, Duration::from_secs(30))
        .await;
    let pid = first.id().expect("running");
    let second = run_against(dir.path(), &fake).output().await.unwrap();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("đang được một tiến trình khác sử dụng"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("pid {pid}")), "{stderr}");
    assert!(stderr.contains("thidua run"), "{stderr}");
    let polls = fake.requests_for("GetUpdates").len();
    assert!(polls >= 1);

    // Once the first is gone (even by kill -9) the lock is free again.
    Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    let mut first = first;
    first.wait().await.unwrap();
    let _third = run_against(dir.path(), &fake)
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    fake.wait_for_requests("GetUpdates", polls + 1, Duration::from_secs(30))
        .await;
}

#[tokio::test]
async fn outbox_retry_wakes_the_running_bot_to_send_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    // The bot's idle pass is an hour away: only the wake can send the row in time.
    let _bot = run_against(dir.path(), &fake)
        .env("THIDUA__NOTIFY__IDLE_WAKE_SECONDS", "3600")
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    fake.wait_for_requests("GetUpdates", 1, Duration::from_secs(30))
        .await;
    let url = format!("sqlite://{}", dir.path().join("thidua.sqlite").display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO outbox (logical_key, kind, channel, chat_id, body, status, attempts,
                             next_attempt_at, created_at, last_error)
         VALUES ('retry:wake', 'direct', 'telegram', 777, 'Thử gửi lại #W#', 'dead', 1,
                 '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'chat not found')
         RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    let retried = thidua(dir.path())
        .args(["outbox", "retry", &id.to_string()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&retried.stdout);
    assert!(retried.status.success(), "{retried:?}");
    assert!(said.contains("gửi ngay"), "{said}");
    fake.wait_for_requests("SendMessage", 1, Duration::from_secs(20))
        .await;
    assert!(fake.texts_to(777).iter().any(|text| text.contains("#W#")));
}

#[tokio::test]
async fn a_bot_username_that_is_not_the_tokens_bot_stops_the_start_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    let output = run_against(dir.path(), &fake)
        .env("THIDUA__TELEGRAM__BOT_USERNAME", "thidua_bot")
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("là “thidua_bot” nhưng mã (token) này thuộc về bot @thidua_test_bot"),
        "{stderr}"
    );
    assert!(
        stderr.contains("THIDUA__TELEGRAM__BOT_USERNAME=thidua_test_bot"),
        "{stderr}"
    );
}

/// From any folder: relative paths resolve against THIDUA_HOME; without it, a folder with no
/// `config/` gets told what to do instead of "No such file".
#[test]
fn the_product_runs_from_any_folder_with_thidua_home() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("config")).unwrap();
    std::fs::copy(
        repo_file("config/org.toml"),
        home.path().join("config/org.toml"),
    )
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let staff = repo_file("config/staff.example.csv");
    let bare = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_thidua"));
        command
            .current_dir(elsewhere.path())
            .env_remove("THIDUA__DATABASE__PATH")
            .env_remove("THIDUA__MAIL__FILE_DIR")
            .env_remove("THIDUA__ORG__FILE")
            .env_remove("THIDUA_HOME")
            .stdin(Stdio::null());
        command
    };
    let lost = bare()
        .args(["staff", "import", staff.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&lost.stderr);
    assert_eq!(lost.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("Không tìm thấy tệp tổ chức config/org.toml"),
        "{stderr}"
    );
    assert!(stderr.contains("THIDUA_HOME"), "{stderr}");

    let found = bare()
        .env("THIDUA_HOME", home.path())
        .args(["staff", "import", staff.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        found.status.success(),
        "{}",
        String::from_utf8_lossy(&found.stderr)
    );
    assert!(home.path().join("data/thidua.sqlite").exists());
    assert!(!elsewhere.path().join("data").exists());
}

#[test]
fn help_speaks_vietnamese_with_english_alongside() {
    let dir = tempfile::tempdir().unwrap();
    let output = thidua(dir.path()).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    for line in [
        "Hộp cát",
        "Chạy bot",
        "Nhập danh sách nhân sự",
        "start the bot",
    ] {
        assert!(help.contains(line), "{line} missing from:\n{help}");
    }
    let staff = thidua(dir.path())
        .args(["staff", "import", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&staff.stdout);
    assert!(
        help.contains("Chỉ xem trước") && help.contains("--confirm-deactivations"),
        "{help}"
    );
}
