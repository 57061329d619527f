//! `thidua staff import` and `thidua staff invite` as an operator runs them: exit codes, the
//! listed bad rows on stderr, the summary and the printed deep links.

use crate::harness::repo_file;
use std::process::{Command, Output, Stdio};

fn thidua(dir: &std::path::Path, args: &[&str]) -> Output {
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
