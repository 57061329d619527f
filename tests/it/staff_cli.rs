//! `thidua staff import`, `thidua staff invite` and `thidua history import` as an operator runs
//! them: exit codes, the listed bad rows on stderr, the summary and the printed deep links.

use crate::harness::repo_file;
use std::process::{Command, Output, Stdio};

/// The binary with its files in `dir` and nothing inherited from the shell; shared by the CLI
/// tests of other commands.
pub fn thidua(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("TELOXIDE_API_URL")
        .env("THIDUA__DATABASE__PATH", dir.join("thidua.sqlite"))
        .env("THIDUA__MAIL__FILE_DIR", dir.join("mail"))
        .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
        .stdin(Stdio::null())
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_bad_file_exits_1_listing_every_bad_row_then_the_good_file_imports() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(repo_file("config/staff.example.csv")).unwrap();
    let bad = dir.path().join("bad.csv");
    let broken = example.replace("ntthuha@example.gov.vn", "ntthuha@")
        + "NV100,Lê Chí,XX,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,staff\n";
    std::fs::write(&bad, broken).unwrap();

    let refused = thidua(dir.path(), &["staff", "import", bad.to_str().unwrap()]);
    let stderr = text(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("chưa ghi thay đổi nào"), "{stderr}");
    assert!(
        stderr.contains("Dòng 3 / line 3: địa chỉ e-mail `ntthuha@` không hợp lệ"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Dòng 26 / line 26: mã đơn vị `XX`"),
        "{stderr}"
    );

    let good = thidua(
        dir.path(),
        &[
            "staff",
            "import",
            repo_file("config/staff.example.csv").to_str().unwrap(),
        ],
    );
    let stdout = text(&good.stdout);
    assert!(good.status.success(), "{}", text(&good.stderr));
    assert!(stdout.contains("thêm mới / created: 24"), "{stdout}");
    assert!(
        stdout.contains("ngừng hoạt động / deactivated: 0"),
        "{stdout}"
    );

    let again = thidua(
        dir.path(),
        &[
            "staff",
            "import",
            repo_file("config/staff.example.csv").to_str().unwrap(),
        ],
    );
    assert!(
        text(&again.stdout).contains("không đổi / unchanged: 24"),
        "{}",
        text(&again.stdout)
    );
}

#[test]
fn invite_needs_exactly_one_selector_and_prints_deep_links() {
    let dir = tempfile::tempdir().unwrap();
    let example = repo_file("config/staff.example.csv");
    assert!(
        thidua(dir.path(), &["staff", "import", example.to_str().unwrap()])
            .status
            .success()
    );

    for args in [
        &["staff", "invite"][..],
        &["staff", "invite", "--all", "--unit", "VP"][..],
    ] {
        let output = thidua(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "clap refuses {args:?}: {}",
            text(&output.stderr)
        );
    }
    let unknown = thidua(dir.path(), &["staff", "invite", "--unit", "XX"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        text(&unknown.stderr).contains("`XX`"),
        "{}",
        text(&unknown.stderr)
    );

    let output = thidua(dir.path(), &["staff", "invite", "--employee", "NV004"]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let line = stdout.lines().next().unwrap_or_default();
    let code = line
        .strip_prefix("NV004  Trần Ngọc Ánh  https://t.me/thidua_bot?start=")
        .unwrap_or_else(|| panic!("unexpected line {line:?}"));
    assert_eq!(code.len(), 24);
    assert!(
        code.bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
    );

    let unit = thidua(dir.path(), &["staff", "invite", "--unit", "TT"]);
    assert_eq!(
        text(&unit.stdout)
            .matches("https://t.me/thidua_bot?start=")
            .count(),
        3
    );
}

fn pending_invites(dir: &std::path::Path) -> Vec<String> {
    let url = format!("sqlite://{}?mode=ro", dir.join("thidua.sqlite").display());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
            let rows: Vec<String> = sqlx::query_scalar(
                "SELECT code_hash FROM invites WHERE status = 'pending' ORDER BY code_hash",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            pool.close().await;
            rows
        })
}

#[test]
fn invites_written_into_a_closed_pipe_are_not_issued_and_nothing_panics() {
    let dir = tempfile::tempdir().unwrap();
    let example = repo_file("config/staff.example.csv");
    assert!(
        thidua(dir.path(), &["staff", "import", example.to_str().unwrap()])
            .status
            .success()
    );
    assert!(
        thidua(dir.path(), &["staff", "invite", "--all"])
            .status
            .success()
    );
    let before = pending_invites(dir.path());
    assert!(!before.is_empty());

    // `thidua staff invite --all | head` where the reader is already gone.
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .env_remove("TELOXIDE_TOKEN")
        .env("THIDUA__DATABASE__PATH", dir.path().join("thidua.sqlite"))
        .env("THIDUA__MAIL__FILE_DIR", dir.path().join("mail"))
        .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
        .args(["staff", "invite", "--all"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("none was issued"), "{stderr}");
    assert_eq!(
        pending_invites(dir.path()),
        before,
        "the links printed before are still the valid ones"
    );
}

#[test]
fn linked_people_are_re_invited_only_with_relink() {
    let dir = tempfile::tempdir().unwrap();
    let example = repo_file("config/staff.example.csv");
    assert!(
        thidua(dir.path(), &["staff", "import", example.to_str().unwrap()])
            .status
            .success()
    );
    let url = format!("sqlite://{}", dir.path().join("thidua.sqlite").display());
    let link = |sql: &'static str| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
                sqlx::query(sql).execute(&pool).await.unwrap();
                pool.close().await;
            })
    };
    // NV004 has linked their account.
    link("UPDATE people SET telegram_user_id = 424242 WHERE employee_code = 'NV004'");
    let all = thidua(dir.path(), &["staff", "invite", "--all"]);
    let stdout = text(&all.stdout);
    assert!(all.status.success(), "{}", text(&all.stderr));
    assert!(!stdout.contains("NV004"), "{stdout}");
    assert!(stdout.contains("Bỏ qua 1 người đã liên kết"), "{stdout}");

    let one = thidua(dir.path(), &["staff", "invite", "--employee", "NV004"]);
    assert_eq!(one.status.code(), Some(1));
    assert!(
        text(&one.stderr).contains("--relink"),
        "{}",
        text(&one.stderr)
    );

    let relink = thidua(
        dir.path(),
        &["staff", "invite", "--employee", "NV004", "--relink"],
    );
    assert!(relink.status.success(), "{}", text(&relink.stderr));
    assert!(text(&relink.stdout).starts_with("NV004  "));
}

#[test]
fn history_import_from_xlsx_refuses_a_bad_line_with_exit_1_then_imports_and_shows() {
    let dir = tempfile::tempdir().unwrap();
    let staff = repo_file("config/staff.example.csv");
    assert!(
        thidua(dir.path(), &["staff", "import", staff.to_str().unwrap()])
            .status
            .success()
    );
    let workbook = |rows: &[[&str; 9]]| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let header = thidua::domain::history::file::HEADER;
        for (column, name) in header.iter().enumerate() {
            sheet.write_string(0, column as u16, *name).unwrap();
        }
        for (row, cells) in rows.iter().enumerate() {
            for (column, cell) in cells.iter().enumerate() {
                sheet
                    .write_string(row as u32 + 1, column as u16, *cell)
                    .unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    };
    let good = [
        "NV010",
        "",
        "2025",
        "CSTDCS",
        "9/QĐ-SXD",
        "19/01/2026",
        "",
        "",
        "",
    ];
    let bad = [
        "NV010",
        "",
        "2024",
        "CANH_CAO",
        "3/QĐ-SXD",
        "19/01/2024",
        "",
        "",
        "",
    ];
    let file = dir.path().join("lich-su.xlsx");
    std::fs::write(&file, workbook(&[good, bad])).unwrap();
    let refused = thidua(dir.path(), &["history", "import", file.to_str().unwrap()]);
    let stderr = text(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("Dòng 3 / line 3: thiếu until / until is missing"),
        "{stderr}"
    );
    std::fs::write(&file, workbook(&[good])).unwrap();
    let imported = thidua(dir.path(), &["history", "import", file.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    assert!(text(&imported.stdout).contains("thêm mới / added: 1"));
    let shown = thidua(dir.path(), &["history", "show", "NV010"]);
    assert!(
        text(&shown.stdout)
            .contains("2025: Chiến sĩ thi đua cơ sở (QĐ số 9/QĐ-SXD ngày 19/01/2026)"),
        "{}",
        text(&shown.stdout)
    );
}

#[test]
fn a_partial_file_is_shown_by_a_dry_run_and_refused_until_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let example = repo_file("config/staff.example.csv");
    let imported = thidua(dir.path(), &["staff", "import", example.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    let partial = dir.path().join("partial.csv");
    let kept: String = std::fs::read_to_string(&example)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with("NV001,") && !line.starts_with("NV003,"))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(&partial, kept).unwrap();
    let partial = partial.to_str().unwrap();

    let dry = thidua(dir.path(), &["staff", "import", "--dry-run", partial]);
    let stdout = text(&dry.stdout);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert!(
        stdout.contains("Nhập thử, chưa ghi gì / dry run"),
        "{stdout}"
    );
    assert!(
        stdout.contains("NV001  Phạm Quốc Hùng  (VP) — Giám đốc Sở / director"),
        "{stdout}"
    );
    assert!(stdout.contains("--confirm-deactivations"), "{stdout}");
    assert!(
        !stdout.contains("INFO"),
        "no log lines in the output: {stdout}"
    );

    let refused = thidua(dir.path(), &["staff", "import", partial]);
    let stderr = text(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("chưa ghi thay đổi nào"), "{stderr}");
    assert!(stderr.contains("Lê Minh Khoa"), "{stderr}");

    let confirmed = thidua(
        dir.path(),
        &["staff", "import", "--confirm-deactivations", partial],
    );
    let stdout = text(&confirmed.stdout);
    assert!(confirmed.status.success(), "{}", text(&confirmed.stderr));
    assert!(
        stdout.contains("ngừng hoạt động / deactivated: 2"),
        "{stdout}"
    );
}
