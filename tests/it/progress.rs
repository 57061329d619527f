//! /trangthai's progress for a head and for the secretary, and the reminders of the
//! self-assessment and unit-review phases with the buttons that open /tudanhgia, /duyet, /binhxet.

use crate::bot_meeting::{approve, assess, hold_meeting, november, register};
use crate::chat::*;
use chrono::TimeZone;

#[tokio::test]
async fn a_head_sees_the_units_members_by_state_and_the_secretary_every_units_counts() {
    let test = ChatTest::linked().await;
    register(&test, HEAD, "Lao động tiên tiến", None).await;
    register(&test, MEMBER, "Lao động tiên tiến", None).await;
    register(&test, SECRETARY, "Lao động tiên tiến", None).await;
    test.app.clock.set(november(5));
    assess(&test, HEAD, 0).await;
    assess(&test, MEMBER, 0).await;
    approve(&test, HEAD, "Nguyễn Thị Mai").await;
    test.send(HEAD, "/trangthai").await;
    let head = test.last_text(HEAD);
    assert!(
        head.contains("Tiến độ của Văn phòng (3 thành viên):"),
        "{head}"
    );
    assert!(
        head.contains("• Đã đăng ký, chưa tự đánh giá (1): Lê Quốc Bảo"),
        "{head}"
    );
    assert!(
        head.contains("• Đã nộp, chờ duyệt (1): Trần Văn Hùng"),
        "{head}"
    );
    assert!(head.contains("• Đã duyệt (1): Nguyễn Thị Mai"), "{head}");
    assert!(head.contains("Họp bình xét: chưa gửi."), "{head}");
    test.send(SECRETARY, "/trangthai").await;
    let secretary = test.last_text(SECRETARY);
    assert!(secretary.contains("Tiến độ các đơn vị"), "{secretary}");
    assert!(
        secretary
            .contains("• VP — Văn phòng (3 người): 0 / 1 / 0 / 1 / 1 / 0; họp bình xét: chưa gửi."),
        "{secretary}"
    );
    assert!(
        secretary.contains("• TT — Thanh tra (1 người): 1 / 0 / 0 / 0 / 0 / 0"),
        "{secretary}"
    );
    // A member sees only their own registration.
    test.send(MEMBER, "/trangthai").await;
    assert!(!test.last_text(MEMBER).contains("Tiến độ"));
    // After the meeting, both see it submitted.
    approve(&test, SECRETARY, "Trần Văn Hùng").await;
    test.app.clock.set(november(25));
    hold_meeting(&test, &["Nguyễn Thị Mai", "Trần Văn Hùng"], None, &[2, 2]).await;
    test.press(HEAD, "Gửi đề nghị").await;
    test.press(HEAD, "Xác nhận gửi").await;
    test.send(SECRETARY, "/trangthai").await;
    assert!(
        test.last_text(SECRETARY)
            .contains("họp bình xét: đã gửi (họp ngày 25/11/2026)"),
        "{}",
        test.last_text(SECRETARY)
    );
    // The director follows the department: every unit, and the nominations under way; he
    // registers no title, so no registration line of his own.
    test.send(DIRECTOR, "/trangthai").await;
    let director = test.last_text(DIRECTOR);
    assert!(director.contains("Tiến độ các đơn vị"), "{director}");
    assert!(
        director.contains(
            "• VP — Văn phòng (3 người): 0 / 1 / 0 / 0 / 2 / 0; họp bình xét: đã gửi (họp ngày 25/11/2026); đề nghị: 2 chờ thẩm định, 0 chờ bỏ phiếu, 0 chờ quyết định."
        ),
        "{director}"
    );
    assert!(
        director
            .contains("• TT — Thanh tra (1 người): 1 / 0 / 0 / 0 / 0 / 0; họp bình xét: chưa gửi."),
        "{director}"
    );
    assert!(!director.contains("Đăng ký của"), "{director}");
}

#[tokio::test]
async fn reminders_name_the_assessment_review_and_meeting_tasks_with_their_buttons() {
    let test = ChatTest::linked().await;
    register(&test, HEAD, "Lao động tiên tiến", None).await;
    register(&test, MEMBER, "Lao động tiên tiến", None).await;
    test.app.clock.set(november(5));
    assess(&test, MEMBER, 0).await;
    // The last day of the self-assessment window: the head has not submitted, the member has.
    let at = chrono::Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap();
    let preview = thidua::services::reminders::preview(test.ctx(), at)
        .await
        .unwrap();
    // Only what would be sent now for the phase (missed earlier ones are listed as skipped).
    let sent = |preview: &thidua::services::reminders::Preview, phase: &str, code: &str| {
        preview
            .reminders
            .iter()
            .filter(|line| {
                line.employee_code == code
                    && line.logical_key.contains(phase)
                    && line.skipped.is_none()
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    // What a preview line says, rendered as the notifier will send it.
    let said = |line: &thidua::services::reminders::PreviewLine| {
        thidua::notify::render::render(&line.notice, line.lang).body
    };
    assert!(sent(&preview, "self_assessment", "VP02").is_empty());
    let head = sent(&preview, "self_assessment", "VP01");
    assert_eq!(head.len(), 1, "{:#?}", preview.reminders);
    assert!(
        said(&head[0]).contains("nộp bản tự đánh giá"),
        "{}",
        said(&head[0])
    );
    // The unit-review window's last day: the head owes the member's review and the meeting.
    let at = chrono::Utc.with_ymd_and_hms(2026, 12, 2, 1, 0, 0).unwrap();
    let preview = thidua::services::reminders::preview(test.ctx(), at)
        .await
        .unwrap();
    let head = sent(&preview, "unit_review", "VP01");
    assert_eq!(head.len(), 1, "{:#?}", preview.reminders);
    assert!(
        said(&head[0]).contains("duyệt các bản tự đánh giá đã nộp của Văn phòng"),
        "{}",
        said(&head[0])
    );
    assert!(
        said(&head[0]).contains("ghi và gửi kết quả họp bình xét của Văn phòng"),
        "{}",
        said(&head[0])
    );
    // The reminder's buttons open the dialogues.
    let buttons = thidua::ui::reminder_buttons::ReminderButton::for_task(
        thidua::domain::reminders::Task::RecordMeeting,
    );
    test.app.clock.set(november(25));
    let (message_id, _) = {
        test.send(HEAD, "/nhacnho").await;
        test.button(HEAD, "Nhận tất cả")
    };
    test.press_raw(HEAD, message_id, &buttons.encode()).await;
    assert!(
        test.last_text(HEAD)
            .contains("Họp bình xét thi đua năm 2026 — Văn phòng"),
        "{}",
        test.last_text(HEAD)
    );
    let assess_button = thidua::ui::reminder_buttons::ReminderButton::for_task(
        thidua::domain::reminders::Task::SubmitAssessment,
    );
    test.app.clock.set(november(6));
    test.press_raw(HEAD, message_id, &assess_button.encode())
        .await;
    test.button(HEAD, "Hoàn thành tốt nhiệm vụ");
}
