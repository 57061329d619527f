//! /duyet: reviewing self-assessments — return with a comment, resubmit, approve — and who may.

use crate::chat::*;
use chrono::TimeZone;

/// Everyone linked; the member and the head registered LĐTT; the clock in the assessment window.
async fn campaign_in_november() -> ChatTest {
    let test = ChatTest::linked().await;
    for user in [MEMBER, HEAD] {
        test.send(user, "/dangky").await;
        test.press(user, "Lao động tiên tiến").await;
        if user == HEAD {
            test.press(user, "Không đăng ký tập thể").await;
        }
        test.press(user, "Xác nhận").await;
    }
    test.app
        .clock
        .set(chrono::Utc.with_ymd_and_hms(2026, 11, 5, 2, 0, 0).unwrap());
    test.fake.clear();
    test
}

/// Self-assesses the plain way and submits (used by other dialogue tests too).
pub(crate) async fn assess_and_submit(test: &ChatTest, user: u64) {
    test.send(user, "/tudanhgia").await;
    test.press(user, "Hoàn thành tốt nhiệm vụ").await;
    test.press(user, "Không nghỉ dài ngày").await;
    test.press(user, "Không bị kỷ luật").await;
    test.press(user, "Không có").await;
    test.press(user, "Không có").await;
    test.send(
        user,
        "Hoàn thành tốt các nhiệm vụ chuyên môn được giao trong năm.",
    )
    .await;
    test.press(user, "Nộp").await;
}

async fn status_of(test: &ChatTest, employee_code: &str) -> String {
    sqlx::query_scalar("SELECT a.status FROM assessments a JOIN people p ON p.id = a.person_id WHERE p.employee_code = ?1")
        .bind(employee_code)
        .fetch_one(test.app.ctx.db.sqlite_pool())
        .await
        .unwrap()
}

async fn messages_for(test: &ChatTest, user: u64, key_prefix: &str) -> Vec<String> {
    let ids = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE chat_id = ?1 AND logical_key LIKE ?2 ORDER BY id",
    )
    .bind(user as i64)
    .bind(format!("{key_prefix}%"))
    .fetch_all(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap();
    crate::support::outbox_text::bodies(&test.app.ctx.db, ids).await
}

#[tokio::test]
async fn a_head_returns_with_a_comment_the_member_fixes_and_the_head_approves() {
    let test = campaign_in_november().await;
    assess_and_submit(&test, MEMBER).await;
    test.send(HEAD, "/duyet").await;
    let list = test.last_text(HEAD);
    assert!(list.contains("Nguyễn Thị Mai: đã nộp, chờ duyệt"), "{list}");
    test.press(HEAD, "Nguyễn Thị Mai").await;
    let opened = test.last_text(HEAD);
    assert!(
        opened.contains("Nguyễn Thị Mai — bản tự đánh giá lần 1"),
        "{opened}"
    );
    // The head reads Mai's, not "his own": the heading names her.
    assert!(
        opened.contains("\nBản tự đánh giá của Nguyễn Thị Mai:\n"),
        "{opened}"
    );
    assert!(!opened.contains("Bản tự đánh giá của anh"), "{opened}");
    test.press(HEAD, "Trả lại").await;
    test.send(HEAD, "ok").await;
    assert!(
        test.last_text(HEAD).contains("quá ngắn"),
        "a too-short comment is refused"
    );
    test.send(HEAD, "Đề nghị bổ sung số quyết định sáng kiến.")
        .await;
    assert!(
        test.last_text(HEAD).contains("Đã trả lại"),
        "{}",
        test.last_text(HEAD)
    );
    assert_eq!(status_of(&test, "VP02").await, "returned");
    let notices = messages_for(&test, MEMBER, "assessment-returned").await;
    assert_eq!(notices.len(), 1);
    assert!(
        notices[0].contains("Đề nghị bổ sung số quyết định sáng kiến."),
        "{}",
        notices[0]
    );
    // The member fixes one answer and resubmits, even in the unit-review phase.
    test.app
        .clock
        .set(chrono::Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap());
    test.send(MEMBER, "/tudanhgia").await;
    let texts = test.fake.texts_to(MEMBER as i64);
    assert!(
        texts
            .iter()
            .any(|text| text.contains("Đề nghị bổ sung số quyết định sáng kiến.")),
        "{texts:?}"
    );
    test.press(MEMBER, "Sửa một câu trả lời").await;
    test.press(MEMBER, "Mức độ hoàn thành nhiệm vụ").await;
    test.press(MEMBER, "Hoàn thành xuất sắc nhiệm vụ").await;
    test.press(MEMBER, "Nộp").await;
    assert!(test.last_text(MEMBER).contains("(lần 2)"));
    assert_eq!(status_of(&test, "VP02").await, "submitted");
    test.send(HEAD, "/duyet").await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    assert!(test.last_text(HEAD).contains("lần 2"));
    test.press(HEAD, "Duyệt").await;
    assert_eq!(status_of(&test, "VP02").await, "approved");
    assert_eq!(
        messages_for(&test, MEMBER, "assessment-approved")
            .await
            .len(),
        1
    );
    // Once approved, the member can no longer change it.
    test.send(MEMBER, "/tudanhgia").await;
    assert!(
        test.last_text(MEMBER)
            .contains("đã được trưởng đơn vị duyệt"),
        "{}",
        test.last_text(MEMBER)
    );
}

#[tokio::test]
async fn nobody_reviews_themself_and_a_heads_assessment_goes_to_the_secretary() {
    let test = campaign_in_november().await;
    assess_and_submit(&test, HEAD).await;
    test.send(HEAD, "/duyet").await;
    assert!(
        !test.last_text(HEAD).contains("Trần Văn Hùng"),
        "the head is not in their own list"
    );
    // The standing body reviews the heads of every unit: each line says whose unit.
    test.send(SECRETARY, "/duyet").await;
    assert!(
        test.last_text(SECRETARY)
            .contains("Trần Văn Hùng (Văn phòng): đã nộp, chờ duyệt"),
        "{}",
        test.last_text(SECRETARY)
    );
    test.press(SECRETARY, "Trần Văn Hùng").await;
    test.press(SECRETARY, "Duyệt").await;
    assert_eq!(status_of(&test, "VP01").await, "approved");
}

#[tokio::test]
async fn staff_cannot_review_and_a_head_cannot_reach_another_units_member() {
    let test = campaign_in_november().await;
    assess_and_submit(&test, MEMBER).await;
    test.send(OTHER_UNIT, "/duyet").await;
    // Said plainly, with where to go instead; no warning that the attempt "was recorded".
    let refusal = test.last_text(OTHER_UNIT);
    assert_eq!(
        refusal,
        "Thao tác này chỉ dành cho trưởng đơn vị. Chị có thể gõ /help để xem các lệnh dành cho mình."
    );
    // A forged pick beyond the list is refused as stale, and audited.
    test.send(HEAD, "/duyet").await;
    let (message_id, data) = test.button(HEAD, "Nguyễn Thị Mai");
    let nonce = data.split(':').next().unwrap();
    test.press_raw(HEAD, message_id, &format!("{nonce}:p:9"))
        .await;
    assert_eq!(test.audit_actions("callback.stale").await.len(), 1);
    assert_eq!(status_of(&test, "VP02").await, "submitted");
}

/// A head's approval is about the version read: a resubmission between opening and pressing
/// "Duyệt" is refused (nothing recorded) until the head has read the new version.
#[tokio::test]
async fn an_approval_is_refused_when_the_member_resubmitted_after_the_head_opened() {
    let test = campaign_in_november().await;
    assess_and_submit(&test, MEMBER).await;
    test.send(HEAD, "/duyet").await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    assert!(test.last_text(HEAD).contains("bản tự đánh giá lần 1"));
    // The member changes an answer and submits again while the head's screen shows version 1.
    test.send(MEMBER, "/tudanhgia").await;
    test.press(MEMBER, "Sửa một câu trả lời").await;
    test.press(MEMBER, "Kỷ luật").await;
    test.press(MEMBER, "Khiển trách").await;
    test.press(MEMBER, "Nộp").await;
    assert!(test.last_text(MEMBER).contains("(lần 2)"));
    test.press(HEAD, "Duyệt").await;
    assert!(
        test.last_text(HEAD).contains("vừa được nộp lại (lần 2)"),
        "{}",
        test.last_text(HEAD)
    );
    assert_eq!(
        status_of(&test, "VP02").await,
        "submitted",
        "nothing approved unread"
    );
    test.send(HEAD, "/duyet").await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    assert!(test.last_text(HEAD).contains("bản tự đánh giá lần 2"));
    assert!(test.last_text(HEAD).contains("Khiển trách"));
    test.press(HEAD, "Duyệt").await;
    assert_eq!(status_of(&test, "VP02").await, "approved");
}

/// A "please review" notice not yet sent is dropped once it is obsolete: replaced by a newer
/// version's, or decided before it went out. One already sent is, of course, not unsent.
#[tokio::test]
async fn review_requests_made_obsolete_are_dropped_before_sending() {
    let test = campaign_in_november().await;
    assess_and_submit(&test, MEMBER).await;
    let waiting = || async {
        sqlx::query_scalar::<_, String>(
            "SELECT logical_key FROM outbox WHERE logical_key LIKE 'assessment-submitted:%' ORDER BY id",
        )
        .fetch_all(test.app.ctx.db.sqlite_pool())
        .await
        .unwrap()
    };
    let first = waiting().await;
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(first[0].contains(":v1:"), "{first:?}");
    // Resubmitted before the notice went out: the head is told about version 2 only.
    test.send(MEMBER, "/tudanhgia").await;
    test.press(MEMBER, "Sửa một câu trả lời").await;
    test.press(MEMBER, "Đề tài").await;
    test.press(MEMBER, "1").await;
    test.press(MEMBER, "Nộp").await;
    let second = waiting().await;
    assert_eq!(second.len(), 1, "{second:?}");
    assert!(second[0].contains(":v2:"), "{second:?}");
    // Approved before it went out: nothing left to tell the head.
    test.send(HEAD, "/duyet").await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    test.press(HEAD, "Duyệt").await;
    assert_eq!(status_of(&test, "VP02").await, "approved");
    assert!(waiting().await.is_empty());
    assert_eq!(test.audit_actions("outbox.dropped_obsolete").await.len(), 1);
    assert_eq!(
        messages_for(&test, MEMBER, "assessment-approved")
            .await
            .len(),
        1,
        "the member's own notice stays"
    );
}

/// /trangthai, where the note after an interrupted answer sends people, shows where their own
/// self-assessment stands at every step.
#[tokio::test]
async fn trangthai_shows_where_ones_own_self_assessment_stands() {
    let test = campaign_in_november().await;
    let status = |test: &ChatTest| {
        let text = test.last_text(MEMBER);
        text.lines()
            .find(|line| line.starts_with("Bản tự đánh giá:"))
            .unwrap_or_else(|| panic!("no self-assessment line in {text}"))
            .to_owned()
    };
    test.send(MEMBER, "/trangthai").await;
    assert_eq!(status(&test), "Bản tự đánh giá: chưa làm.");
    test.send(MEMBER, "/tudanhgia").await;
    test.press(MEMBER, "Hoàn thành tốt nhiệm vụ").await;
    test.send(MEMBER, "/trangthai").await;
    assert_eq!(
        status(&test),
        "Bản tự đánh giá: đang làm dở, chưa nộp; gõ /tudanhgia để làm tiếp."
    );
    test.send(MEMBER, "/huy").await;
    assess_and_submit(&test, MEMBER).await;
    test.send(MEMBER, "/trangthai").await;
    assert_eq!(
        status(&test),
        "Bản tự đánh giá: đã nộp (lần 1), đang chờ trưởng đơn vị xem xét."
    );
    test.send(HEAD, "/duyet").await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    test.press(HEAD, "Trả lại").await;
    test.send(HEAD, "Đề nghị bổ sung số quyết định sáng kiến.")
        .await;
    test.send(MEMBER, "/trangthai").await;
    assert_eq!(
        status(&test),
        "Bản tự đánh giá: được trưởng đơn vị trả lại để bổ sung; gõ /tudanhgia để sửa và nộp lại."
    );
    test.send(MEMBER, "/tudanhgia").await;
    test.press(MEMBER, "Nộp").await;
    test.send(HEAD, "/duyet").await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    test.press(HEAD, "Duyệt").await;
    test.send(MEMBER, "/trangthai").await;
    assert_eq!(
        status(&test),
        "Bản tự đánh giá: đã được trưởng đơn vị duyệt (lần 2)."
    );
    // Someone with no registration and no assessment is not told about one.
    test.send(DIRECTOR, "/trangthai").await;
    assert!(!test.last_text(DIRECTOR).contains("Bản tự đánh giá"));
}

/// After a decision the head goes straight on to the next submission waiting, and is told
/// when none is left.
#[tokio::test]
async fn after_a_decision_the_head_is_offered_the_next_one_waiting() {
    let test = ChatTest::linked().await;
    for user in [MEMBER, SECRETARY] {
        test.send(user, "/dangky").await;
        test.press(user, "Lao động tiên tiến").await;
        test.press(user, "Xác nhận").await;
    }
    test.app
        .clock
        .set(chrono::Utc.with_ymd_and_hms(2026, 11, 5, 2, 0, 0).unwrap());
    assess_and_submit(&test, MEMBER).await;
    assess_and_submit(&test, SECRETARY).await;
    test.send(HEAD, "/duyet").await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    test.press(HEAD, "Duyệt").await;
    let done = test.last_text(HEAD);
    assert!(
        done.starts_with("Đã duyệt bản tự đánh giá của Nguyễn Thị Mai."),
        "{done}"
    );
    test.press(HEAD, "Người tiếp theo: Lê Quốc Bảo").await;
    assert!(
        test.last_text(HEAD)
            .contains("Lê Quốc Bảo — bản tự đánh giá lần 1"),
        "{}",
        test.last_text(HEAD)
    );
    test.press(HEAD, "Duyệt").await;
    assert_eq!(status_of(&test, "VP03").await, "approved");
    let last = test.shown_to(HEAD).pop().unwrap();
    assert!(
        last.text
            .ends_with("Không còn bản tự đánh giá nào chờ anh duyệt."),
        "{}",
        last.text
    );
    assert!(
        last.reply_markup
            .is_none_or(|markup| !markup.to_string().contains("Người tiếp theo")),
        "nobody left to offer"
    );
}
