//! `thidua export` and `thidua minutes` as an operator runs them, on a fresh campaign.

use crate::chat::STAFF_CSV;
use crate::harness::repo_file;
use std::process::{Command, Output, Stdio};

fn thidua(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("TELOXIDE_API_URL")
        .env("THIDUA__DATABASE__PATH", dir.join("thidua.sqlite"))
        .env("THIDUA__MAIL__FILE_DIR", dir.join("mail"))
        .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[tokio::test]
async fn export_writes_a_workbook_or_csv_files_and_minutes_a_printable_page() {
    let dir = tempfile::tempdir().unwrap();
    let staff = dir.path().join("staff.csv");
    std::fs::write(&staff, STAFF_CSV).unwrap();
    assert!(
        thidua(dir.path(), &["staff", "import", staff.to_str().unwrap()])
            .status
            .success()
    );
    let example = repo_file("config/campaign.example.toml");
    assert!(
        thidua(dir.path(), &["campaign", "open", example.to_str().unwrap()])
            .status
            .success()
    );

    let xlsx = thidua(
        dir.path(),
        &["export", "--campaign", "2026", "--format", "xlsx"],
    );
    assert!(
        xlsx.status.success(),
        "{}",
        String::from_utf8_lossy(&xlsx.stderr)
    );
    let bytes = std::fs::read(dir.path().join("thidua-2026.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip file");

    let csv = thidua(
        dir.path(),
        &[
            "export",
            "--campaign",
            "2026",
            "--format",
            "csv",
            "--out",
            "csv",
        ],
    );
    assert!(csv.status.success());
    let header = std::fs::read_to_string(dir.path().join("csv/dang-ky.csv")).unwrap();
    assert!(
        header.starts_with("\u{feff}STT,Mã cán bộ,Cá nhân / Tập thể,Tên,Đơn vị,Danh hiệu đăng ký"),
        "{header}"
    );

    let minutes = thidua(dir.path(), &["minutes", "--campaign", "2026"]);
    assert!(
        minutes.status.success(),
        "{}",
        String::from_utf8_lossy(&minutes.stderr)
    );
    let page = std::fs::read_to_string(dir.path().join("bien-ban-hdtdkt-2026.html")).unwrap();
    assert!(page.contains("BIÊN BẢN") && page.contains("không có danh hiệu nào phải bỏ phiếu kín"));

    let missing = thidua(
        dir.path(),
        &["export", "--campaign", "2019", "--format", "csv"],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("Không có đợt thi đua năm 2019"));
}
