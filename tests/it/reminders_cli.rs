//! `thidua reminders preview --at …` as an operator runs it: who would be reminded of what,
//! without sending or writing anything.

use crate::chat::STAFF_CSV;
use crate::harness::repo_file;
use std::process::{Command, Output, Stdio};

fn thidua(dir: &std::path::Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("TELOXIDE_API_URL")
        .env("THIDUA__DATABASE__PATH", dir.join("thidua.sqlite"))
        .env("THIDUA__MAIL__FILE_DIR", dir.join("mail"))
        .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "thidua {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[tokio::test]
async fn preview_prints_who_would_be_reminded_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let staff = dir.path().join("staff.csv");
    std::fs::write(&staff, STAFF_CSV).unwrap();
    thidua(dir.path(), &["staff", "import", staff.to_str().unwrap()]);
    let example = repo_file("config/campaign.example.toml");
    thidua(dir.path(), &["campaign", "open", example.to_str().unwrap()]);
    let at = ["reminders", "preview", "--at", "2026-03-18T08:00:00+07:00"];
    let first = String::from_utf8(thidua(dir.path(), &at).stdout).unwrap();
    assert!(first.contains("18/03/2026 08:00"), "{first}");
    assert!(first.contains("reminders to send: 4"), "{first}");
    for code in [
        "VP01 Trần Văn Hùng (VP) qua e-mail / by e-mail",
        "VP02",
        "VP03",
        "TT01",
    ] {
        assert!(first.contains(code), "{code}: {first}");
    }
    assert!(
        !first.contains("GD01"),
        "the director registers nothing: {first}"
    );
    // In the words people use — what, which deadline, how far off — not the internal key.
    assert!(
        first.contains(
            "nhắc hạn đăng ký danh hiệu thi đua, còn 7 ngày (hạn 25/03/2026 17:00) / title registration reminder, 7 days left (due 25/03/2026 17:00) — lúc / at 18/03/2026 08:00"
        ),
        "{first}"
    );
    assert!(!first.contains("reminder:2026"), "{first}");
    // Nothing was written: the same preview again, and no row anywhere.
    let second = String::from_utf8(thidua(dir.path(), &at).stdout).unwrap();
    assert_eq!(first, second);
    let db = thidua::storage::open(&dir.path().join("thidua.sqlite"), 1)
        .await
        .unwrap();
    let rows: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM reminders) + (SELECT COUNT(*) FROM outbox)",
    )
    .fetch_one(db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(rows, 0);
    // After the deadline, the same people would only be recorded as skipped.
    let late = String::from_utf8(
        thidua(
            dir.path(),
            &["reminders", "preview", "--at", "2026-03-25T18:00"],
        )
        .stdout,
    )
    .unwrap();
    assert!(
        late.contains("reminders to send: 0")
            && late.contains("bỏ qua / skipped: đã quá hạn / deadline passed"),
        "{late}"
    );
    assert!(!late.contains("deadline_passed"), "{late}");
    // With --full, the key is there to find the row in the logs and the database.
    let full = String::from_utf8(
        thidua(
            dir.path(),
            &["reminders", "preview", "--at", "2026-03-18T08:00", "--full"],
        )
        .stdout,
    )
    .unwrap();
    assert!(
        full.contains("khóa / key: reminder:2026:registration:"),
        "{full}"
    );
}
