//! `thidua rules check --campaign YEAR` as an operator runs it: every registrant's verdict with
//! its reasons, or "chưa nộp".

use crate::bot_meeting::{assess, november, register};
use crate::chat::*;
use crate::harness::repo_file;
use std::process::{Command, Stdio};

#[tokio::test]
async fn rules_check_prints_every_registrants_verdict_or_not_submitted() {
    let test = ChatTest::linked().await;
    register(&test, HEAD, "Lao động tiên tiến", None).await;
    register(&test, MEMBER, "Chiến sĩ thi đua cơ sở", None).await;
    test.app.clock.set(november(5));
    assess(&test, MEMBER, 0).await;
    let dir = test.app.dir.path();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_thidua"))
            .env("THIDUA__DATABASE__PATH", dir.join("thidua.sqlite"))
            .env("THIDUA__MAIL__FILE_DIR", dir.join("mail"))
            .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let output = run(&["rules", "check", "--campaign", "2026"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for expected in [
        "Đợt thi đua 2026",
        "Bộ tiêu chí: luat-2022",
        "Số người đăng ký: 2",
        "VP01 Trần Văn Hùng (Văn phòng) — đăng ký: Lao động tiên tiến — chưa nộp",
        "VP02 Nguyễn Thị Mai (Văn phòng) — đăng ký: Chiến sĩ thi đua cơ sở — bản nộp lần 1 (đã nộp, chờ duyệt):",
        "Chưa đủ điều kiện đề nghị danh hiệu Chiến sĩ thi đua cơ sở:",
        "Đủ điều kiện đề nghị danh hiệu Lao động tiên tiến:",
        "Điều 23 Luật Thi đua, khen thưởng 2022",
    ] {
        assert!(
            stdout.contains(expected),
            "missing `{expected}` in:\n{stdout}"
        );
    }
    let missing = run(&["rules", "check", "--campaign", "2031"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("Không có đợt thi đua năm 2031"));
}
