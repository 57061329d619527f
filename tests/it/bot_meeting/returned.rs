//! After appraisal: a member's nomination returned re-judges the unit's collective title
//! everywhere it is shown, the nominee is told why, and the head resends what was returned.

use super::*;

/// The VP unit of three submitted with TLĐTT (3/3 LĐTT), the clock in appraisal.
async fn submitted_with_collective() -> ChatTest {
    let test = reviewed_unit(Some("Tập thể lao động tiên tiến"), true).await;
    hold_meeting(
        &test,
        &["Lê Quốc Bảo", "Nguyễn Thị Mai", "Trần Văn Hùng"],
        Some("Hoàn thành tốt nhiệm vụ"),
        &[3, 3, 3],
    )
    .await;
    submit_meeting(&test).await;
    test.app
        .clock
        .set(chrono::Utc.with_ymd_and_hms(2026, 12, 4, 3, 0, 0).unwrap());
    test.fake.clear();
    test
}

async fn status_of(test: &ChatTest, title: &str) -> String {
    sqlx::query_scalar("SELECT status FROM nominations WHERE title = ?1 AND person_id IS NULL")
        .bind(title)
        .fetch_one(test.app.ctx.db.sqlite_pool())
        .await
        .unwrap()
}

/// The secretary returns Mai's LĐTT from /thamdinh with a reason.
async fn return_mai(test: &ChatTest) {
    test.send(SECRETARY, "/thamdinh").await;
    test.press(SECRETARY, "1").await;
    assert!(test.last_text(SECRETARY).contains("Nguyễn Thị Mai"));
    test.press(SECRETARY, "Trả lại").await;
    test.send(
        SECRETARY,
        "Đề nghị bổ sung minh chứng về kết quả thực hiện nhiệm vụ.",
    )
    .await;
    assert!(
        test.last_text(SECRETARY)
            .contains("Đã trả lại đề nghị của Nguyễn Thị Mai"),
        "{}",
        test.last_text(SECRETARY)
    );
}

#[tokio::test]
async fn returning_a_member_returns_the_collective_that_counted_on_them_and_tells_everyone() {
    let test = submitted_with_collective().await;
    test.send(SECRETARY, "/thamdinh").await;
    test.press(SECRETARY, "3").await;
    let detail = test.last_text(SECRETARY);
    assert!(detail.contains("3/3"), "{detail}");
    test.press(SECRETARY, "Hợp lệ").await;
    assert_eq!(status_of(&test, "TLDTT").await, "valid");

    return_mai(&test).await;
    // 2 of 3 members LĐTT is below TLĐTT's 70 %: the appraised collective goes back with Mai.
    assert_eq!(status_of(&test, "TLDTT").await, "returned");
    let note: String = sqlx::query_scalar(
        "SELECT appraisal_note FROM nominations WHERE title = 'TLDTT' AND person_id IS NULL",
    )
    .fetch_one(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap();
    assert!(
        note.contains(
            "Sau khi đề nghị danh hiệu Lao động tiên tiến của Nguyễn Thị Mai được trả lại"
        ),
        "{note}"
    );
    assert_eq!(
        test.audit_actions("nomination.collective_returned")
            .await
            .len(),
        1
    );
    // The head hears of both returns; Mai hears of her own, addressed as "chị", with the reason.
    let head = outbox_to(&test, HEAD, "nomination-returned").await;
    assert_eq!(head.len(), 2, "{head:?}");
    assert!(
        head.iter().any(
            |text| text.contains("danh hiệu Lao động tiên tiến của Nguyễn Thị Mai")
                && text.contains("bổ sung minh chứng")
        ),
        "{head:?}"
    );
    assert!(
        head.iter().any(
            |text| text.contains("danh hiệu Tập thể lao động tiên tiến của Văn phòng")
                && text.contains("không còn đủ tỷ lệ")
        ),
        "{head:?}"
    );
    let mai = outbox_to(&test, MEMBER, "own-nomination-returned").await;
    assert_eq!(mai.len(), 1, "{mai:?}");
    assert!(
        mai[0].contains("đề nghị danh hiệu Lao động tiên tiến của chị")
            && mai[0].contains("Lý do: Đề nghị bổ sung minh chứng"),
        "{}",
        mai[0]
    );
}

#[tokio::test]
async fn a_collective_still_in_appraisal_shows_the_share_as_it_now_stands() {
    let test = submitted_with_collective().await;
    return_mai(&test).await;
    // Not yet appraised, it stays for the secretary to judge, with the figure that holds now.
    assert_eq!(status_of(&test, "TLDTT").await, "proposed");
    test.send(SECRETARY, "/thamdinh").await;
    let list = test.last_text(SECRETARY);
    assert!(
        list.contains("2. Văn phòng — Tập thể lao động tiên tiến: ⚠️"),
        "{list}"
    );
    test.press(SECRETARY, "2").await;
    let detail = test.last_text(SECRETARY);
    assert!(detail.contains("2/3"), "{detail}");
    assert!(!detail.contains("3/3"), "{detail}");
}
