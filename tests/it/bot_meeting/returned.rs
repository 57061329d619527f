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
    test.press(SECRETARY, "2").await;
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

async fn status_of_mai(test: &ChatTest) -> String {
    sqlx::query_scalar(
        "SELECT n.status FROM nominations n JOIN people p ON p.id = n.person_id
          WHERE p.employee_code = 'VP02' AND n.title = 'LDTT'",
    )
    .fetch_one(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn the_head_completes_and_resends_a_returned_nomination_after_a_preview() {
    let test = submitted_with_collective().await;
    // Nothing returned yet: nothing to resend.
    test.send(HEAD, "/guilai").await;
    assert!(
        test.last_text(HEAD)
            .contains("không có đề nghị nào bị trả lại"),
        "{}",
        test.last_text(HEAD)
    );
    return_mai(&test).await;
    // Only a unit head resends.
    test.send(MEMBER, "/guilai").await;
    assert!(
        test.last_text(MEMBER).contains("chỉ dành cho"),
        "{}",
        test.last_text(MEMBER)
    );
    test.send(HEAD, "/guilai").await;
    let list = test.last_text(HEAD);
    assert!(
        list.contains("1. Nguyễn Thị Mai — Lao động tiên tiến"),
        "{list}"
    );
    test.press(HEAD, "1").await;
    let detail = test.last_text(HEAD);
    assert!(
        detail.contains("Lý do Thường trực Hội đồng trả lại: Đề nghị bổ sung minh chứng"),
        "{detail}"
    );
    let (detail_message, resend_data) = test.button(HEAD, "Gửi lại");
    test.press(HEAD, "Gửi lại").await;
    assert!(test.last_text(HEAD).contains("nội dung đã bổ sung"));
    // Too short: asked again, nothing changes.
    test.send(HEAD, "ok").await;
    assert!(test.last_text(HEAD).contains("nội dung đã bổ sung"));
    test.send(
        HEAD,
        "Đã bổ sung báo cáo kết quả công tác năm có xác nhận của lãnh đạo.",
    )
    .await;
    let preview = test.last_text(HEAD);
    assert!(
        preview.contains("Gửi lại đề nghị Nguyễn Thị Mai — Lao động tiên tiến để Thường trực Hội đồng thẩm định lại?")
            && preview.contains("Nội dung bổ sung: Đã bổ sung báo cáo kết quả công tác năm"),
        "{preview}"
    );
    assert_eq!(
        status_of_mai(&test).await,
        "returned",
        "not before confirming"
    );
    // The Resend button left on the detail is stale now, though from the same dialogue.
    test.press_raw(HEAD, detail_message, &resend_data).await;
    assert_eq!(test.audit_actions("callback.stale").await.len(), 1);
    assert_eq!(status_of_mai(&test).await, "returned");
    test.press(HEAD, "Xác nhận gửi lại").await;
    assert!(
        test.last_text(HEAD)
            .contains("Đã gửi lại đề nghị Nguyễn Thị Mai — Lao động tiên tiến"),
        "{}",
        test.last_text(HEAD)
    );
    assert_eq!(status_of_mai(&test).await, "proposed");
    assert_eq!(test.audit_actions("nomination.resent").await.len(), 1);
    let told = outbox_to(&test, SECRETARY, "nomination-resent").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].contains("Trần Văn Hùng (Văn phòng) đã bổ sung và gửi lại đề nghị danh hiệu Lao động tiên tiến của Nguyễn Thị Mai"),
        "{}",
        told[0]
    );
    // The appraiser sees what was completed beside the checks, and the collective's share is
    // 3/3 again.
    test.send(SECRETARY, "/thamdinh").await;
    test.press(SECRETARY, "2").await;
    let detail = test.last_text(SECRETARY);
    assert!(
        detail.contains("📎 Đơn vị đã bổ sung khi gửi lại: Đã bổ sung báo cáo"),
        "{detail}"
    );
    test.press(SECRETARY, "Danh sách").await;
    test.press(SECRETARY, "3").await;
    assert!(test.last_text(SECRETARY).contains("3/3"));
    // Resent once: nothing left to resend; after appraisal closes, refused as out of phase.
    test.send(HEAD, "/guilai").await;
    assert!(
        test.last_text(HEAD)
            .contains("không có đề nghị nào bị trả lại")
    );
    test.app
        .clock
        .set(chrono::Utc.with_ymd_and_hms(2026, 12, 20, 3, 0, 0).unwrap());
    test.send(HEAD, "/guilai").await;
    assert!(
        test.last_text(HEAD).contains("thẩm định đã kết thúc"),
        "{}",
        test.last_text(HEAD)
    );
}

#[tokio::test]
async fn the_approval_recognises_no_collective_whose_members_were_not_all_appraised() {
    let test = submitted_with_collective().await;
    // Hùng and the collective marked valid by the secretary, Bảo's (the secretary's own) by
    // the director; Mai's is never appraised, so she will not be recognised: 2 of 3 LĐTT.
    test.send(SECRETARY, "/thamdinh").await;
    test.press(SECRETARY, "1").await;
    assert!(test.last_text(SECRETARY).contains("Trần Văn Hùng"));
    test.press(SECRETARY, "Hợp lệ").await;
    test.press(SECRETARY, "2").await;
    assert!(
        test.last_text(SECRETARY)
            .contains("Tập thể lao động tiên tiến")
    );
    test.press(SECRETARY, "Hợp lệ").await;
    test.send(DIRECTOR, "/thamdinh").await;
    test.press(DIRECTOR, "1").await;
    assert!(test.last_text(DIRECTOR).contains("Lê Quốc Bảo"));
    test.press(DIRECTOR, "Hợp lệ").await;
    assert_eq!(status_of(&test, "TLDTT").await, "valid");
    test.app
        .clock
        .set(chrono::Utc.with_ymd_and_hms(2026, 12, 14, 3, 0, 0).unwrap());
    test.send(DIRECTOR, "/pheduyet").await;
    test.press(DIRECTOR, "Phê duyệt").await;
    test.send(DIRECTOR, "125/QĐ-SXD 15/12/2026").await;
    let preview = test.last_text(DIRECTOR);
    assert!(preview.contains("2 danh hiệu được công nhận"), "{preview}");
    test.press(DIRECTOR, "Xác nhận phê duyệt").await;
    assert!(
        test.last_text(DIRECTOR)
            .contains("2 danh hiệu được công nhận"),
        "{}",
        test.last_text(DIRECTOR)
    );
    assert_eq!(status_of(&test, "TLDTT").await, "failed");
    assert_eq!(
        test.audit_actions("nomination.collective_failed")
            .await
            .len(),
        1
    );
    assert_eq!(status_of_mai(&test).await, "proposed");
}
