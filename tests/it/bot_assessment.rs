//! /tudanhgia: the self-assessment dialogue through the fake Bot API.

use crate::chat::*;
use chrono::TimeZone;

/// 09:00 on 5 November 2026 in Hồ Chí Minh City: the example campaign's self-assessment window.
fn november_fifth() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc.with_ymd_and_hms(2026, 11, 5, 2, 0, 0).unwrap()
}

/// Everyone linked, `user` registered for `title_button`, the clock in the assessment window.
pub(crate) async fn registered(user: u64, title_button: &str) -> ChatTest {
    let test = ChatTest::linked().await;
    test.send(user, "/dangky").await;
    test.press(user, title_button).await;
    if user == HEAD {
        test.press(user, "Không đăng ký tập thể").await;
    }
    test.press(user, "Xác nhận").await;
    test.app.clock.set(november_fifth());
    test.fake.clear();
    test
}

async fn status_of(test: &ChatTest, employee_code: &str) -> Option<(String, Option<i64>)> {
    sqlx::query_as(
        "SELECT a.status, a.submitted_version FROM assessments a JOIN people p ON p.id = a.person_id
         WHERE p.employee_code = ?1",
    )
    .bind(employee_code)
    .fetch_optional(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap()
}

async fn versions_of(test: &ChatTest, employee_code: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM assessment_versions v JOIN people p ON p.id = v.person_id WHERE p.employee_code = ?1",
    )
    .bind(employee_code)
    .fetch_one(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap()
}

/// Answers every question the straightforward way, up to the summary.
pub(crate) async fn answer_all(test: &ChatTest, user: u64) {
    test.send(user, "/tudanhgia").await;
    test.press(user, "Hoàn thành xuất sắc nhiệm vụ").await;
    test.press(user, "Nghỉ thai sản").await;
    test.send(user, "180").await;
    test.press(user, "Xong").await;
    test.press(user, "Không bị kỷ luật").await;
    test.press(user, "Có").await;
    test.send(user, "Số hóa quy trình cấp giấy phép xây dựng")
        .await;
    test.send(user, "125/QĐ-SXD").await;
    test.send(user, "12/09/2026").await;
    test.press(user, "Cấp cơ sở").await;
    test.press(user, "Xong").await;
    test.press(user, "Không có").await;
    test.send(
        user,
        "Hoàn thành xuất sắc 100% nhiệm vụ được giao, rút ngắn thời gian thẩm định hồ sơ 30%.",
    )
    .await;
}

#[tokio::test]
async fn a_full_self_assessment_is_summarised_submitted_and_the_head_told() {
    let test = registered(MEMBER, "Chiến sĩ thi đua cơ sở").await;
    answer_all(&test, MEMBER).await;
    let summary = test.last_text(MEMBER);
    for expected in [
        "Hoàn thành xuất sắc nhiệm vụ",
        "Nghỉ thai sản 180 ngày",
        "QĐ số 125/QĐ-SXD ngày 12/09/2026",
        "✅ Đủ điều kiện đề nghị danh hiệu Chiến sĩ thi đua cơ sở",
        "✅ Đủ điều kiện đề nghị danh hiệu Lao động tiên tiến",
        "Luật Thi đua, khen thưởng 2022",
    ] {
        assert!(
            summary.contains(expected),
            "missing {expected:?} in {summary}"
        );
    }
    assert_eq!(
        status_of(&test, "VP02").await,
        Some(("draft".into(), None)),
        "nothing submitted before pressing Nộp"
    );
    test.press(MEMBER, "Nộp").await;
    assert!(
        test.last_text(MEMBER)
            .starts_with("Đã nộp bản tự đánh giá (lần 1)"),
        "{}",
        test.last_text(MEMBER)
    );
    assert_eq!(
        status_of(&test, "VP02").await,
        Some(("submitted".into(), Some(1)))
    );
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT chat_id, id FROM outbox WHERE logical_key LIKE 'assessment-submitted:%'",
    )
    .fetch_all(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap();
    let bodies =
        crate::support::outbox_text::bodies(&test.app.ctx.db, rows.iter().map(|r| r.1).collect())
            .await;
    let notices: Vec<(i64, String)> = rows.iter().map(|r| r.0).zip(bodies).collect();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].0, HEAD as i64, "the unit head is told");
    assert!(notices[0].1.contains("Nguyễn Thị Mai"));
}

#[tokio::test]
async fn a_heads_own_assessment_goes_to_the_secretary() {
    let test = registered(HEAD, "Lao động tiên tiến").await;
    answer_all(&test, HEAD).await;
    test.press(HEAD, "Nộp").await;
    let recipients: Vec<i64> = sqlx::query_scalar(
        "SELECT chat_id FROM outbox WHERE logical_key LIKE 'assessment-submitted:%'",
    )
    .fetch_all(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(recipients, vec![SECRETARY as i64]);
}

#[tokio::test]
async fn changing_one_answer_returns_to_the_summary_and_every_version_is_kept() {
    let test = registered(MEMBER, "Lao động tiên tiến").await;
    answer_all(&test, MEMBER).await;
    test.press(MEMBER, "Nộp").await;
    test.send(MEMBER, "/tudanhgia").await;
    assert!(
        test.last_text(MEMBER).contains("Bản tự đánh giá của chị"),
        "a complete one opens on its summary"
    );
    test.press(MEMBER, "Sửa một câu trả lời").await;
    test.press(MEMBER, "Kỷ luật").await;
    test.press(MEMBER, "Khiển trách").await;
    let summary = test.last_text(MEMBER);
    assert!(summary.contains("• Kỷ luật: Khiển trách"), "{summary}");
    assert!(
        summary.contains("❌ Chưa đủ điều kiện đề nghị danh hiệu Lao động tiên tiến"),
        "a reprimand in the year blocks: {summary}"
    );
    assert!(
        summary.contains("Nghỉ thai sản 180 ngày"),
        "other answers unchanged: {summary}"
    );
    test.press(MEMBER, "Nộp").await;
    assert!(test.last_text(MEMBER).contains("(lần 2)"));
    assert_eq!(versions_of(&test, "VP02").await, 2);
}

#[tokio::test]
async fn wrong_answers_at_each_step_are_explained_and_change_nothing() {
    let test = registered(MEMBER, "Lao động tiên tiến").await;
    test.send(MEMBER, "/tudanhgia").await;
    test.send(MEMBER, "tốt").await;
    assert!(
        test.last_text(MEMBER)
            .contains("Vui lòng chọn bằng các nút"),
        "a button step refuses typing"
    );
    test.press(MEMBER, "Hoàn thành tốt nhiệm vụ").await;
    test.press(MEMBER, "Nghỉ khác").await;
    for (typed, expected) in [
        ("mười ngày", "chỉ gõ một con số"),
        ("0", "từ 1 đến 366"),
        ("400", "từ 1 đến 366"),
        ("", "để trống"),
    ] {
        test.send(MEMBER, typed).await;
        assert!(
            test.last_text(MEMBER).contains(expected),
            "{typed:?}: {}",
            test.last_text(MEMBER)
        );
    }
    test.run(test.fake.private_sticker(MEMBER)).await;
    assert!(
        test.last_text(MEMBER)
            .contains("cần câu trả lời bằng văn bản"),
        "{}",
        test.last_text(MEMBER)
    );
    test.send(MEMBER, "20").await;
    test.press(MEMBER, "Xong").await;
    test.press(MEMBER, "Không bị kỷ luật").await;
    test.press(MEMBER, "Có").await;
    test.send(MEMBER, &"a".repeat(301)).await;
    assert!(
        test.last_text(MEMBER).contains("tối đa 300"),
        "{}",
        test.last_text(MEMBER)
    );
    test.send(MEMBER, "Ứng dụng bản đồ số quy hoạch").await;
    test.send(MEMBER, "77/QĐ-SXD").await;
    for (typed, expected) in [
        ("31/02/2026", "dd/mm/yyyy"),
        ("hôm qua", "dd/mm/yyyy"),
        ("01/01/2019", "năm 2025 hoặc 2026"),
    ] {
        test.send(MEMBER, typed).await;
        assert!(
            test.last_text(MEMBER).contains(expected),
            "{typed:?}: {}",
            test.last_text(MEMBER)
        );
    }
    test.send(MEMBER, "01/10/2026").await;
    test.press(MEMBER, "Cấp cơ sở").await;
    test.press(MEMBER, "Xong").await;
    for (typed, expected) in [("-1", "chỉ gõ một con số"), ("99", "từ 0 đến 20")] {
        test.send(MEMBER, typed).await;
        assert!(
            test.last_text(MEMBER).contains(expected),
            "{typed:?}: {}",
            test.last_text(MEMBER)
        );
    }
    test.send(MEMBER, "2").await;
    test.send(MEMBER, "ngắn").await;
    assert!(
        test.last_text(MEMBER).contains("quá ngắn"),
        "{}",
        test.last_text(MEMBER)
    );
    test.send(MEMBER, &"ư".repeat(2001)).await;
    assert!(
        test.last_text(MEMBER).contains("tối đa 2000"),
        "{}",
        test.last_text(MEMBER)
    );
    test.send(
        MEMBER,
        "Hoàn thành tốt nhiệm vụ, tham gia đầy đủ các lớp bồi dưỡng.",
    )
    .await;
    let summary = test.last_text(MEMBER);
    assert!(
        summary.contains("Nghỉ khác (không lương, ốm dài ngày…) 20 ngày"),
        "{summary}"
    );
    assert!(
        summary.contains(
            "“Ứng dụng bản đồ số quy hoạch” (QĐ số 77/QĐ-SXD ngày 01/10/2026, cấp cơ sở)"
        ),
        "{summary}"
    );
    assert!(summary.contains("• Đề tài khoa học: 2"), "{summary}");
}

#[tokio::test]
async fn the_window_closing_mid_dialogue_is_refused_and_the_draft_kept() {
    let test = registered(MEMBER, "Lao động tiên tiến").await;
    test.send(MEMBER, "/tudanhgia").await;
    test.press(MEMBER, "Hoàn thành tốt nhiệm vụ").await;
    test.app.clock.set(
        chrono::Utc
            .with_ymd_and_hms(2026, 11, 20, 10, 0, 0)
            .unwrap(),
    );
    test.press(MEMBER, "Không nghỉ dài ngày").await;
    let refused = test.last_text(MEMBER);
    assert!(
        refused.contains("Thời gian tự đánh giá đã kết thúc lúc 20/11/2026 17:00"),
        "{refused}"
    );
    let draft: String = sqlx::query_scalar("SELECT answers FROM assessments")
        .fetch_one(test.app.ctx.db.sqlite_pool())
        .await
        .unwrap();
    assert!(draft.contains("\"rating\":\"good\""), "{draft}");
    assert!(draft.contains("\"leave\":null"), "{draft}");
}

#[tokio::test]
async fn a_paused_assessment_resumes_at_the_first_unanswered_question() {
    let test = registered(MEMBER, "Lao động tiên tiến").await;
    test.send(MEMBER, "/tudanhgia").await;
    test.press(MEMBER, "Hoàn thành tốt nhiệm vụ").await;
    test.press(MEMBER, "Không nghỉ dài ngày").await;
    test.send(MEMBER, "/huy").await;
    assert!(test.last_text(MEMBER).contains("Đã thoát"));
    test.send(MEMBER, "/assess").await;
    let texts = test.fake.texts_to(MEMBER as i64);
    assert!(
        texts[texts.len() - 2].contains("Tiếp tục bản tự đánh giá đang dở"),
        "{texts:?}"
    );
    assert!(
        test.last_text(MEMBER).starts_with("Câu 3/6"),
        "{}",
        test.last_text(MEMBER)
    );
}

#[tokio::test]
async fn someone_who_registered_nothing_has_nothing_to_assess() {
    let test = ChatTest::linked().await;
    test.app.clock.set(november_fifth());
    test.send(MEMBER, "/tudanhgia").await;
    assert!(
        test.last_text(MEMBER)
            .contains("chưa đăng ký danh hiệu thi đua nào"),
        "{}",
        test.last_text(MEMBER)
    );
}

/// What the bot acknowledged stays: an initiative entered in full, then /huy, is in the draft,
/// shown in the summary, and resuming does not ask the initiatives question from scratch.
#[tokio::test]
async fn an_acknowledged_initiative_survives_cancel_and_shows_in_the_summary() {
    let test = registered(MEMBER, "Chiến sĩ thi đua cơ sở").await;
    test.send(MEMBER, "/tudanhgia").await;
    test.press(MEMBER, "Hoàn thành xuất sắc nhiệm vụ").await;
    test.press(MEMBER, "Nghỉ thai sản").await;
    test.send(MEMBER, "30").await;
    assert!(
        test.last_text(MEMBER)
            .contains("còn kỳ nghỉ dài ngày nào khác")
    );
    // Gone mid-question: the leave period typed is kept.
    test.send(MEMBER, "/huy").await;
    test.send(MEMBER, "/tudanhgia").await;
    assert!(
        test.last_text(MEMBER).starts_with("Câu 3/6"),
        "{}",
        test.last_text(MEMBER)
    );
    test.press(MEMBER, "Không bị kỷ luật").await;
    test.press(MEMBER, "Có").await;
    test.send(MEMBER, "Số hóa quy trình cấp giấy phép xây dựng")
        .await;
    test.send(MEMBER, "125/QĐ-SXD").await;
    test.send(MEMBER, "12/09/2026").await;
    test.press(MEMBER, "Cấp cơ sở").await;
    assert!(
        test.last_text(MEMBER).contains("Đã ghi nhận 1 sáng kiến"),
        "{}",
        test.last_text(MEMBER)
    );
    test.send(MEMBER, "/huy").await;
    assert!(test.last_text(MEMBER).contains("không thay đổi"));
    test.send(MEMBER, "/tudanhgia").await;
    assert!(
        test.last_text(MEMBER).starts_with("Câu 5/6"),
        "resumes after the initiatives: {}",
        test.last_text(MEMBER)
    );
    test.press(MEMBER, "Không có").await;
    test.send(
        MEMBER,
        "Hoàn thành xuất sắc 100% nhiệm vụ được giao, rút ngắn thời gian thẩm định hồ sơ 30%.",
    )
    .await;
    let summary = test.last_text(MEMBER);
    assert!(summary.contains("Nghỉ thai sản 30 ngày"), "{summary}");
    assert!(
        summary.contains(
            "“Số hóa quy trình cấp giấy phép xây dựng” (QĐ số 125/QĐ-SXD ngày 12/09/2026, cấp cơ sở)"
        ),
        "{summary}"
    );
    // Changing the initiatives starts from the saved one: adding keeps it, clearing empties it.
    test.press(MEMBER, "Sửa một câu trả lời").await;
    test.press(MEMBER, "Sáng kiến").await;
    assert!(
        test.last_text(MEMBER).contains("Đã ghi nhận 1 sáng kiến"),
        "{}",
        test.last_text(MEMBER)
    );
    test.press(MEMBER, "Xoá danh sách").await;
    test.press(MEMBER, "Không có").await;
    let summary = test.last_text(MEMBER);
    assert!(summary.contains("• Sáng kiến: không"), "{summary}");
}
