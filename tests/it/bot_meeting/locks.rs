//! After submission the unit's reviews are locked until a secretary reopens; who may record or
//! reopen, out-of-phase use, wrong dates and votes, forged and stale buttons.

use super::*;

#[tokio::test]
async fn submission_locks_reviews_until_the_secretary_reopens() {
    let test = reviewed_unit(None, false).await;
    hold_meeting(&test, &["Nguyễn Thị Mai", "Trần Văn Hùng"], None, &[2, 2]).await;
    submit_meeting(&test).await;
    test.send(HEAD, "/duyet").await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    test.press(HEAD, "Duyệt").await;
    assert!(
        test.last_text(HEAD)
            .contains("việc duyệt bản tự đánh giá đã khóa"),
        "{}",
        test.last_text(HEAD)
    );
    // Only a secretary reopens, and only with a unit code.
    test.send(MEMBER, "/mohop VP").await;
    assert!(
        test.last_text(MEMBER).contains("chỉ dành cho"),
        "{}",
        test.last_text(MEMBER)
    );
    test.send(SECRETARY, "/mohop").await;
    assert!(test.last_text(SECRETARY).contains("/mohop VP"));
    test.send(SECRETARY, "/mohop XX").await;
    assert!(
        test.last_text(SECRETARY)
            .contains("Không tìm thấy đơn vị có mã “XX”")
    );
    test.send(SECRETARY, "/mohop vp").await;
    assert!(
        test.last_text(SECRETARY)
            .contains("Đã mở lại cuộc họp bình xét của Văn phòng"),
        "{}",
        test.last_text(SECRETARY)
    );
    assert_eq!(meeting_status(&test).await.as_deref(), Some("reopened"));
    assert_eq!(outbox_to(&test, HEAD, "meeting-reopened").await.len(), 1);
    assert_eq!(test.audit_actions("meeting.reopened").await.len(), 1);
    test.send(SECRETARY, "/mohop VP").await;
    assert!(
        test.last_text(SECRETARY)
            .contains("chưa gửi kết quả họp bình xét")
    );
    // The head records it again; the second submission replaces the first.
    // Votes for Hùng, then Mai (given names in Vietnamese order).
    hold_meeting(&test, &["Nguyễn Thị Mai", "Trần Văn Hùng"], None, &[2, 1]).await;
    assert!(
        test.fake
            .texts_to(HEAD as i64)
            .iter()
            .any(|text| text.contains("đã được Thường trực mở lại"))
    );
    submit_meeting(&test).await;
    assert_eq!(meeting_status(&test).await.as_deref(), Some("submitted"));
    assert_eq!(
        nominations(&test).await,
        [(
            Some("VP01".into()),
            "LDTT".into(),
            Some(2),
            "proposed".into()
        )]
    );
}

#[tokio::test]
async fn staff_out_of_phase_forged_and_stale_buttons_are_refused() {
    let test = reviewed_unit(None, false).await;
    test.send(OTHER_UNIT, "/binhxet").await;
    assert!(
        test.last_text(OTHER_UNIT)
            .contains("chỉ dành cho trưởng đơn vị"),
        "{}",
        test.last_text(OTHER_UNIT)
    );
    test.send(SECRETARY, "/meeting").await;
    assert!(
        test.last_text(SECRETARY)
            .contains("chỉ dành cho trưởng đơn vị")
    );
    test.app.clock.set(november(5));
    test.send(HEAD, "/binhxet").await;
    assert!(
        test.last_text(HEAD).contains("chưa bắt đầu"),
        "{}",
        test.last_text(HEAD)
    );
    test.app.clock.set(november(25));
    // Wrong dates.
    test.send(HEAD, "/binhxet").await;
    test.send(HEAD, "hôm qua").await;
    assert!(test.last_text(HEAD).contains("ngày/tháng/năm"));
    test.send(HEAD, "30/11/2026").await;
    assert!(test.last_text(HEAD).contains("không được sau hôm nay"));
    test.send(HEAD, "24/11/2026").await;
    let (message_id, data) = test.button(HEAD, "Nguyễn Thị Mai");
    let nonce = data.split(':').next().unwrap().to_owned();
    test.press_raw(HEAD, message_id, &format!("{nonce}:p:9"))
        .await;
    test.press_raw(HEAD, message_id, "garbage").await;
    assert_eq!(test.audit_actions("callback.stale").await.len(), 1);
    assert_eq!(test.audit_actions("callback.forged").await.len(), 1);
    // A new /binhxet makes the old buttons stale.
    test.send(HEAD, "/binhxet").await;
    test.press_raw(HEAD, message_id, &format!("{nonce}:p:0"))
        .await;
    assert_eq!(test.audit_actions("callback.stale").await.len(), 2);
    // Votes out of range are asked again.
    test.send(HEAD, "24/11/2026").await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    test.press(HEAD, "Trần Văn Hùng").await;
    test.press(HEAD, "Xong").await;
    test.send(HEAD, "3").await;
    assert!(
        test.last_text(HEAD).contains("từ 0 đến 2"),
        "{}",
        test.last_text(HEAD)
    );
    test.send(HEAD, "hai").await;
    assert!(test.last_text(HEAD).contains("từ 0 đến 2"));
    assert!(nominations(&test).await.is_empty());
}

#[tokio::test]
async fn a_meeting_whose_nominations_are_appraised_is_not_reopened() {
    let test = reviewed_unit(None, false).await;
    hold_meeting(&test, &["Nguyễn Thị Mai", "Trần Văn Hùng"], None, &[2, 2]).await;
    submit_meeting(&test).await;
    // The standing body marks the unit's nomination valid (appraisal has its own tests).
    sqlx::query("UPDATE nominations SET status = 'valid' WHERE unit_code = 'VP'")
        .execute(test.app.ctx.db.sqlite_pool())
        .await
        .unwrap();
    test.send(SECRETARY, "/mohop VP").await;
    assert!(
        test.last_text(SECRETARY)
            .contains("Không thể mở lại cuộc họp bình xét của Văn phòng"),
        "{}",
        test.last_text(SECRETARY)
    );
    assert_eq!(meeting_status(&test).await.as_deref(), Some("submitted"));
    assert!(test.audit_actions("meeting.reopened").await.is_empty());
    assert_eq!(outbox_to(&test, HEAD, "meeting-reopened").await.len(), 0);
    assert_eq!(
        nominations(&test).await,
        [
            (Some("VP01".into()), "LDTT".into(), Some(2), "valid".into()),
            (Some("VP02".into()), "LDTT".into(), Some(2), "valid".into())
        ]
    );
}
