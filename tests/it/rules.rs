//! `thidua rules show` as an operator runs it: the shipped rule set printed with its legal
//! references, a department's local file merged over it, and a malformed file refused naming
//! the file, the rule and the reason.

use crate::harness::repo_file;
use std::process::{Command, Output, Stdio};

fn rules_show(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .env("THIDUA__DATABASE__PATH", dir.join("thidua.sqlite"))
        .env("THIDUA__MAIL__FILE_DIR", dir.join("mail"))
        .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
        .env_remove("THIDUA_RULES_DIR")
        .args(["rules", "show"])
        .args(args)
        .arg("--dir")
        .arg(repo_file("config/rules"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn rules_show_prints_luat_2022_with_its_references() {
    let dir = tempfile::tempdir().unwrap();
    let output = rules_show(dir.path(), &["luat-2022"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for expected in [
        "Bộ tiêu chí luat-2022",
        "Lao động tiên tiến (LDTT)",
        "Thời gian công tác trong năm ít nhất 6 tháng",
        "— Điều 24 Luật Thi đua, khen thưởng 2022",
        "— Điều 23 Luật Thi đua, khen thưởng 2022",
        "Người đạt Lao động tiên tiến: ít nhất 70% số thành viên của đơn vị — Điều 28 Luật Thi đua, khen thưởng 2022",
        "cần số phiếu đồng ý ít nhất 90% số thành viên Hội đồng — Khoản 7 Điều 30 Nghị định 98/2023/NĐ-CP",
        "Không giới hạn số lượng trong bộ tiêu chí này",
        // Issue 12: the multi-year rules, each with its reference.
        "3 năm liên tục đạt Chiến sĩ thi đua cơ sở (đã được công nhận bằng quyết định, tính đến năm trước năm xét; chỉ tính từ khi chấp hành xong kỷ luật) và có sáng kiến có phạm vi ảnh hưởng trong toàn tỉnh — Điều 22 Luật Thi đua, khen thưởng 2022",
        "Bằng khen của Chủ tịch UBND tỉnh (BK_TINH)",
        "Cá nhân: 2 năm liên tục đạt Chiến sĩ thi đua cơ sở — Điều 74 Luật Thi đua, khen thưởng 2022",
        "Tập thể: 2 năm liên tục đạt Tập thể lao động xuất sắc — Điều 74 Luật Thi đua, khen thưởng 2022",
        // The emulation blocks' flag and the director's Giấy khen.
        "Cờ thi đua của UBND tỉnh (CO_TINH) — khối thi đua",
        "các thành viên kế tiếp đề nghị Bằng khen (số lượng theo tệp khối của năm) — Điều 26 Luật Thi đua, khen thưởng 2022",
        "Giấy khen của Giám đốc Sở (GK)",
        "khen thưởng đột xuất không làm căn cứ xét khen thưởng cấp cao hơn — Điều 75 Luật Thi đua, khen thưởng 2022; Điều 4 Nghị định 152/2025/NĐ-CP",
    ] {
        assert!(
            stdout.contains(expected),
            "missing `{expected}` in:\n{stdout}"
        );
    }
    let english = rules_show(dir.path(), &["luat-2022", "--lang", "en"]);
    assert!(
        String::from_utf8_lossy(&english.stdout).contains("At least 6 months worked in the year")
    );
}

#[test]
fn a_local_file_is_merged_and_a_bad_one_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("tay-ninh.toml");
    std::fs::write(
        &local,
        "[quota.CSTDCS]\nref = \"Quyết định số 12/2024/QĐ-UBND\"\nof = \"ldtt_achievers\"\nshare = 0.10\nrounding = \"floor\"\nscope = \"department\"\n",
    )
    .unwrap();
    let output = rules_show(
        dir.path(),
        &["luat-2022", "--local", local.to_str().unwrap()],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("Số lượng không quá 10% số người đạt Lao động tiên tiến (phạm vi: toàn Sở, làm tròn xuống) — Quyết định số 12/2024/QĐ-UBND"), "{stdout}");

    std::fs::write(
        &local,
        "[quota.CSTDCS]\nref = \"QĐ\"\nshare = 0.10\nrounding = \"sideways\"\n",
    )
    .unwrap();
    let output = rules_show(
        dir.path(),
        &["nd91-2017", "--local", local.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("tay-ninh.toml")
            && stderr.contains("[quota.CSTDCS]")
            && stderr.contains("sideways"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    let unknown = rules_show(dir.path(), &["luat-2030"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("nd91-2017, luat-2022"));
}
