//! /dangky: registering, changing, withdrawing, the unit's collective title, and refusals.

use crate::chat::*;
use chrono::TimeZone;

#[tokio::test]
async fn a_member_registers_cstdcs_which_includes_ldtt() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/dangky").await;
    let offer = test.last_text(MEMBER);
    assert!(offer.contains("Chiến sĩ thi đua cơ sở:"), "{offer}");
    assert!(offer.contains("chưa đăng ký"), "{offer}");
    test.press(MEMBER, "Chiến sĩ thi đua cơ sở").await;
    let summary = test.last_text(MEMBER);
    assert!(summary.contains("bao gồm Lao động tiên tiến"), "{summary}");
    assert_eq!(
        test.registration_of("VP02").await,
        None,
        "nothing saved before confirming"
    );
    test.press(MEMBER, "Xác nhận").await;
    assert!(
        test.last_text(MEMBER).starts_with("Đã lưu"),
        "{}",
        test.last_text(MEMBER)
    );
    assert_eq!(
        test.registration_of("VP02").await,
        Some(("CSTDCS".into(), "registered".into()))
    );
    assert_eq!(test.audit_actions("registration.saved").await.len(), 1);
}

#[tokio::test]
async fn a_member_changes_then_withdraws_the_registration() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/register").await;
    test.press(MEMBER, "Lao động tiên tiến").await;
    test.press(MEMBER, "Xác nhận").await;
    test.send(MEMBER, "/dangky").await;
    assert!(
        test.last_text(MEMBER)
            .contains("Đăng ký hiện tại của chị: Lao động tiên tiến")
    );
    test.press(MEMBER, "Chiến sĩ thi đua cơ sở").await;
    test.press(MEMBER, "Xác nhận").await;
    assert_eq!(
        test.registration_of("VP02").await,
        Some(("CSTDCS".into(), "registered".into()))
    );
    test.send(MEMBER, "/dangky").await;
    // Withdraw sits on its own row, apart from Cancel.
    let titles = test.shown_to(MEMBER).last().cloned().unwrap();
    let rows = titles.reply_markup.unwrap()["inline_keyboard"]
        .as_array()
        .cloned()
        .unwrap();
    let withdraw_row = rows
        .iter()
        .find(|row| row.to_string().contains("Rút đăng ký"))
        .unwrap();
    assert_eq!(withdraw_row.as_array().unwrap().len(), 1, "{rows:?}");

    // The first press only says what withdrawing does; "keep" leaves it registered.
    test.press(MEMBER, "Rút đăng ký").await;
    let preview = test.last_text(MEMBER);
    assert!(
        preview.contains("Chị có chắc muốn rút đăng ký?")
            && preview
                .contains("Đăng ký danh hiệu Chiến sĩ thi đua cơ sở của chị không còn hiệu lực")
            && preview.contains("trước 25/03/2026 17:00"),
        "{preview}"
    );
    assert_eq!(
        test.registration_of("VP02").await,
        Some(("CSTDCS".into(), "registered".into()))
    );
    test.press(MEMBER, "Giữ đăng ký").await;
    assert!(
        test.last_text(MEMBER)
            .contains("Đăng ký hiện tại của chị: Chiến sĩ thi đua cơ sở")
    );
    assert_eq!(
        test.registration_of("VP02").await,
        Some(("CSTDCS".into(), "registered".into()))
    );

    // Asked again and confirmed: withdrawn. The old confirmation button does nothing more.
    test.press(MEMBER, "Rút đăng ký").await;
    let (message, confirm) = test.button(MEMBER, "Xác nhận rút đăng ký");
    test.press_raw(MEMBER, message, &confirm).await;
    assert!(test.last_text(MEMBER).contains("Đã rút đăng ký"));
    assert_eq!(
        test.registration_of("VP02").await,
        Some(("CSTDCS".into(), "withdrawn".into()))
    );
    test.press_raw(MEMBER, message, &confirm).await;
    assert_eq!(test.audit_actions("registration.withdrawn").await.len(), 1);
}

#[tokio::test]
async fn after_the_window_registration_is_closed_with_who_to_contact() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/dangky").await;
    test.press(MEMBER, "Lao động tiên tiến").await;
    // The window closes (25/03/2026 17:00) while the person is on the confirmation step.
    test.app
        .clock
        .set(chrono::Utc.with_ymd_and_hms(2026, 3, 25, 10, 0, 0).unwrap());
    test.press(MEMBER, "Xác nhận").await;
    let closed = test.last_text(MEMBER);
    assert!(
        closed.contains("đã kết thúc lúc 25/03/2026 17:00"),
        "{closed}"
    );
    assert!(
        closed.contains("Lê Quốc Bảo"),
        "the secretary is named as the contact: {closed}"
    );
    assert_eq!(test.registration_of("VP02").await, None);
    test.send(MEMBER, "/dangky").await;
    assert!(test.last_text(MEMBER).contains("đã kết thúc"));
}

#[tokio::test]
async fn a_unit_head_registers_the_units_collective_title() {
    let test = ChatTest::linked().await;
    test.send(HEAD, "/dangky").await;
    test.press(HEAD, "Lao động tiên tiến").await;
    assert!(
        test.last_text(HEAD)
            .contains("danh hiệu tập thể cho Văn phòng"),
        "{}",
        test.last_text(HEAD)
    );
    test.press(HEAD, "Tập thể lao động xuất sắc").await;
    let summary = test.last_text(HEAD);
    assert!(
        summary.contains("Danh hiệu tập thể của Văn phòng: Tập thể lao động xuất sắc"),
        "{summary}"
    );
    test.press(HEAD, "Xác nhận").await;
    assert_eq!(
        test.collective_of("VP").await,
        Some(("TLDXS".into(), "registered".into()))
    );
    assert_eq!(
        test.registration_of("VP01").await,
        Some(("LDTT".into(), "registered".into()))
    );
    test.send(HEAD, "/trangthai").await;
    let status = test.last_text(HEAD);
    assert!(
        status.contains("danh hiệu tập thể: Tập thể lao động xuất sắc"),
        "{status}"
    );
    assert!(status.contains("Nguyễn Thị Mai: chưa đăng ký"), "{status}");
}

#[tokio::test]
async fn a_member_pressing_a_head_only_button_is_refused_and_audited() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/dangky").await;
    let (message_id, data) = test.button(MEMBER, "Lao động tiên tiến");
    let nonce = data.split(':').next().unwrap();
    test.press_raw(MEMBER, message_id, &format!("{nonce}:c:TLDXS"))
        .await;
    let answer = test.callback_answers().first().cloned().unwrap_or_default();
    assert!(answer.contains("chỉ dành cho trưởng đơn vị"), "{answer}");
    assert_eq!(test.collective_of("VP").await, None);
    assert_eq!(test.audit_actions("callback.role_refused").await.len(), 1);
    // The dialogue is intact: the member can still choose.
    test.press(MEMBER, "Lao động tiên tiến").await;
    test.press(MEMBER, "Xác nhận").await;
    assert_eq!(
        test.registration_of("VP02").await,
        Some(("LDTT".into(), "registered".into()))
    );
}

#[tokio::test]
async fn forged_and_stale_buttons_change_nothing_and_are_audited() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/dangky").await;
    let (message_id, old) = test.button(MEMBER, "Lao động tiên tiến");
    test.press_raw(MEMBER, message_id, "00000000:i:DROP TABLE")
        .await;
    assert!(test.callback_answers()[0].contains("không còn hiệu lực"));
    assert_eq!(test.audit_actions("callback.forged").await.len(), 1);
    // A second /dangky makes the first message's buttons stale, and takes them off it.
    test.send(MEMBER, "/dangky").await;
    assert_eq!(
        test.fake.markup_of(MEMBER as i64, message_id),
        None,
        "the first message keeps no buttons"
    );
    test.press_raw(MEMBER, message_id, &old).await;
    assert!(
        test.callback_answers()[0].contains("không được ghi nhận"),
        "{:?}",
        test.callback_answers()
    );
    assert_eq!(test.audit_actions("callback.stale").await.len(), 1);
    assert!(
        test.last_text(MEMBER).contains("Lao động tiên tiến"),
        "the open question is shown again: {}",
        test.last_text(MEMBER)
    );
    // A live nonce with an action that does not fit the step (confirm before choosing).
    let (message_id, live) = test.button(MEMBER, "Lao động tiên tiến");
    let nonce = live.split(':').next().unwrap();
    test.press_raw(MEMBER, message_id, &format!("{nonce}:ok"))
        .await;
    assert_eq!(test.audit_actions("callback.stale").await.len(), 2);
    assert_eq!(test.registration_of("VP02").await, None);
    // A stranger pressing someone's button is not linked and gets nothing saved.
    test.press_raw(STRANGER, message_id, &live).await;
    assert_eq!(test.registration_of("VP02").await, None);
}

#[tokio::test]
async fn a_sticker_and_a_huge_text_mid_dialogue_get_an_answer_and_keep_the_dialogue() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/dangky").await;
    test.press(MEMBER, "Lao động tiên tiến").await;
    test.run(test.fake.private_sticker(MEMBER)).await;
    assert!(
        test.last_text(MEMBER).contains("chỉ nhận tin nhắn văn bản"),
        "{}",
        test.last_text(MEMBER)
    );
    test.send(MEMBER, &"ơ".repeat(5000)).await;
    assert!(
        test.last_text(MEMBER)
            .contains("Vui lòng chọn bằng các nút"),
        "{}",
        test.last_text(MEMBER)
    );
    test.press(MEMBER, "Xác nhận").await;
    assert_eq!(
        test.registration_of("VP02").await,
        Some(("LDTT".into(), "registered".into()))
    );
}

#[tokio::test]
async fn a_restart_mid_dialogue_continues_where_it_was() {
    let mut test = ChatTest::linked().await;
    test.send(HEAD, "/dangky").await;
    test.press(HEAD, "Chiến sĩ thi đua cơ sở").await;
    test.restart().await;
    test.press(HEAD, "Tập thể lao động tiên tiến").await;
    test.press(HEAD, "Xác nhận").await;
    assert_eq!(
        test.registration_of("VP01").await,
        Some(("CSTDCS".into(), "registered".into()))
    );
    assert_eq!(
        test.collective_of("VP").await,
        Some(("TLDTT".into(), "registered".into()))
    );
}

#[tokio::test]
async fn cancelling_leaves_everything_as_it_was() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/dangky").await;
    test.press(MEMBER, "Lao động tiên tiến").await;
    test.send(MEMBER, "/huy").await;
    assert!(test.last_text(MEMBER).contains("Đã thoát"));
    test.press(MEMBER, "Xác nhận").await;
    assert!(test.callback_answers()[0].contains("không còn hiệu lực"));
    assert_eq!(test.registration_of("VP02").await, None);
}

#[tokio::test]
async fn someone_not_linked_cannot_register() {
    let test = ChatTest::new().await;
    test.send(STRANGER, "/dangky").await;
    assert!(test.last_text(STRANGER).contains("chưa được liên kết"));
}
