//! `thidua backup` while the bot takes a rush of registrations, and `thidua restore`: the copy
//! holds every registration confirmed before it began, is the operator's alone, and is put back
//! only when no bot runs and the operator said yes.

use crate::chat::{ChatTest, STAFF_CSV};
use crate::harness::repo_file;
use std::collections::HashSet;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Mutex;
use thidua::services;

const RUSH: usize = 30;

fn thidua(database: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .env_remove("TELOXIDE_TOKEN")
        .env("THIDUA__DATABASE__PATH", database)
        .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
        .env("THIDUA__MAIL__FILE_DIR", database.with_file_name("mail"))
        .output()
        .unwrap()
}

fn registered(database: &Path) -> HashSet<String> {
    let codes = query_texts(
        database,
        "SELECT p.employee_code FROM registrations r JOIN people p ON p.id = r.person_id
          WHERE r.status = 'registered'",
    );
    codes.into_iter().collect()
}

/// Reads one text column with the engine the product uses, on its own runtime.
fn query_texts(database: &Path, sql: &'static str) -> Vec<String> {
    let url = format!("sqlite://{}?mode=ro", database.display());
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap()
                    .block_on(async {
                        let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
                        let rows: Vec<String> =
                            sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
                        pool.close().await;
                        rows
                    })
            })
            .join()
            .unwrap()
    })
}

async fn rush_test() -> ChatTest {
    let test = ChatTest::new().await;
    let mut csv = STAFF_CSV.to_owned();
    for i in 1..=RUSH {
        csv.push_str(&format!(
            "R{i:03},Người Thử {i},TT,Chuyên viên,r{i}@example.gov.vn,nữ,2016-04-01,staff\n"
        ));
    }
    services::staff_import::import(test.ctx(), csv.as_bytes())
        .await
        .unwrap();
    for i in 1..=RUSH {
        test.link(7000 + i as u64, &format!("R{i:03}")).await;
    }
    test
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_mid_rush_holds_every_registration_confirmed_before_it() {
    let test = rush_test().await;
    let backup = test.app.dir.path().join("copy.sqlite");
    let confirmed: Mutex<Vec<String>> = Mutex::default();
    let halfway = tokio::sync::Notify::new();
    let before_backup: Mutex<Option<HashSet<String>>> = Mutex::default();
    let people = (1..=RUSH).map(|i| {
        let (test, confirmed, halfway) = (&test, &confirmed, &halfway);
        async move {
            let user = 7000 + i as u64;
            test.send(user, "/dangky").await;
            test.press(user, "Lao động tiên tiến").await;
            test.press(user, "Xác nhận").await;
            assert!(test.last_text(user).contains("Đã lưu đăng ký danh hiệu"));
            let mut confirmed = confirmed.lock().unwrap();
            confirmed.push(format!("R{i:03}"));
            if confirmed.len() == RUSH / 3 {
                halfway.notify_one();
            }
        }
    });
    let taking_backup = async {
        halfway.notified().await;
        *before_backup.lock().unwrap() = Some(confirmed.lock().unwrap().iter().cloned().collect());
        test.ctx().db.backup_into(&backup).await.unwrap();
    };
    tokio::join!(futures::future::join_all(people), taking_backup);
    let before = before_backup.into_inner().unwrap().unwrap();
    assert!(before.len() >= RUSH / 3);
    let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    // Restored into a fresh place, with the CLI an operator uses.
    let restored = test.app.dir.path().join("restored/thidua.sqlite");
    std::fs::create_dir_all(restored.parent().unwrap()).unwrap();
    let output = thidua(&restored, &["restore", backup.to_str().unwrap(), "--yes"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let in_copy = registered(&restored);
    let missing: Vec<_> = before.difference(&in_copy).collect();
    assert!(
        missing.is_empty(),
        "confirmed before the backup, missing: {missing:?}"
    );
    let integrity = query_texts(&restored, "PRAGMA integrity_check");
    assert_eq!(integrity, ["ok"]);
}

#[tokio::test]
async fn restore_asks_first_refuses_while_the_bot_runs_and_keeps_what_it_replaces() {
    let test = ChatTest::linked().await;
    let database = test.ctx().settings.database.path.clone();
    let backup = test.app.dir.path().join("copy.sqlite");
    let ok = thidua(&database, &["backup", backup.to_str().unwrap()]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("Đã sao lưu"));
    // A backup never overwrites.
    let again = thidua(&database, &["backup", backup.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("đã có"));

    // Something recorded after the copy.
    test.send(crate::chat::MEMBER, "/dangky").await;
    test.press(crate::chat::MEMBER, "Lao động tiên tiến").await;
    test.press(crate::chat::MEMBER, "Xác nhận").await;
    assert!(registered(&database).contains("VP02"));

    // Without --yes: what would happen, and nothing changes.
    let asked = thidua(&database, &["restore", backup.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&asked.stderr);
    assert_eq!(asked.status.code(), Some(1), "{said}");
    assert!(
        said.contains("--yes") && said.contains("sẽ không còn"),
        "{said}"
    );
    assert!(registered(&database).contains("VP02"));

    // While a bot runs on it: refused, naming it.
    let running = thidua::app::instance::acquire(&database, "run").unwrap();
    let refused = thidua(&database, &["restore", backup.to_str().unwrap(), "--yes"]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{said}");
    assert!(
        said.contains("thidua run") && said.contains(&format!("pid {}", std::process::id())),
        "{said}"
    );
    drop(running);

    // A file that is not a database is refused before anything is touched.
    let junk = test.app.dir.path().join("junk.sqlite");
    std::fs::write(&junk, b"not a database at all, just words").unwrap();
    let junk_out = thidua(&database, &["restore", junk.to_str().unwrap(), "--yes"]);
    assert_eq!(junk_out.status.code(), Some(1));
    assert!(registered(&database).contains("VP02"));

    test.ctx().db.close().await;
    let done = thidua(&database, &["restore", backup.to_str().unwrap(), "--yes"]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(!registered(&database).contains("VP02"), "back to the copy");
    let kept: Vec<_> = std::fs::read_dir(database.parent().unwrap())
        .unwrap()
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.starts_with("thidua.sqlite.before-restore-")
                && !name.contains("-wal")
                && !name.contains("-shm")
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        registered(&database.with_file_name(&kept[0])).contains("VP02"),
        "the replaced one is kept"
    );
}
