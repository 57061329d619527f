//! /nhacnho through the fake Bot API, and the button under a reminder.

use crate::chat::{ChatTest, HEAD, MEMBER, STRANGER};
use crate::reminders::{local, outbox_rows, pass, recorded};

/// The unit head receives the digest, so "digest only" is a choice for him.
#[tokio::test]
async fn nhacnho_digest_only_mutes_reminders_but_never_the_last_day_one() {
    let test = ChatTest::linked().await;
    test.send(HEAD, "/nhacnho").await;
    assert!(
        test.last_text(HEAD).contains("hiện tại: nhận tất cả"),
        "{}",
        test.last_text(HEAD)
    );
    test.press(HEAD, "Chỉ nhận tin tổng hợp").await;
    assert!(
        test.last_text(HEAD)
            .starts_with("Đã lưu: chỉ nhận tin tổng hợp"),
        "{}",
        test.last_text(HEAD)
    );
    assert_eq!(
        test.audit_actions("reminders.preference_set").await.len(),
        1
    );
    let week_before = pass(&test, local(2026, 3, 18, 8, 0)).await;
    assert!(
        week_before
            .skipped
            .iter()
            .any(|(key, reason)| reason == "muted" && key.ends_with(":7d")),
        "{week_before:?}"
    );
    assert_eq!(week_before.queued.len(), 3, "the others are still reminded");
    let last_day = pass(&test, local(2026, 3, 25, 8, 0)).await;
    assert_eq!(
        last_day.queued.len(),
        4,
        "the last-day reminder is never muted"
    );
    let hung: Vec<_> = recorded(&test)
        .await
        .into_iter()
        .filter(|(code, ..)| code == "VP01")
        .map(|(_, offset, status, _)| (offset, status))
        .collect();
    // 3d and 1d fell due while no pass ran (grace expired); the last-day one went out.
    assert_eq!(
        hung,
        [
            ("7d".into(), "skipped".into()),
            ("3d".into(), "skipped".into()),
            ("1d".into(), "skipped".into()),
            ("last_day".into(), "queued".into())
        ]
    );
}

/// Digests go to unit heads: a member is not offered "digest only" (it would silence everything
/// but the last day), and a forged press of it changes nothing.
#[tokio::test]
async fn nhacnho_offers_digest_only_to_those_who_receive_digests() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/nhacnho").await;
    let menu = test.shown_to(MEMBER).pop().unwrap();
    assert!(
        menu.text.starts_with("Nhắc hạn — hiện tại: nhận tất cả."),
        "{}",
        menu.text
    );
    let markup = menu.reply_markup.unwrap().to_string();
    assert!(!markup.contains("tổng hợp"), "{markup}");
    assert!(
        markup.contains("Nhận tất cả") && markup.contains("Tạm dừng 1 tuần"),
        "{markup}"
    );
    let forged = thidua::ui::reminder_buttons::ReminderButton::DigestOnly.encode();
    test.press_raw(MEMBER, menu.message_id, &forged).await;
    assert!(
        test.audit_actions("reminders.preference_set")
            .await
            .is_empty()
    );
    test.send(HEAD, "/nhacnho").await;
    let head_menu = test.shown_to(HEAD).pop().unwrap();
    assert!(
        head_menu
            .text
            .starts_with("Nhắc hạn và tin tổng hợp — hiện tại")
    );
    assert!(
        head_menu
            .reply_markup
            .unwrap()
            .to_string()
            .contains("Chỉ nhận tin tổng hợp")
    );
}

#[tokio::test]
async fn a_weeks_pause_silences_reminders_and_the_digest_until_it_ends() {
    let test = ChatTest::linked().await;
    // Monday 16/03 08:00: the head pauses for a week (until 23/03 08:00).
    test.app.clock.set(local(2026, 3, 16, 8, 0));
    test.send(HEAD, "/reminders").await;
    test.press(HEAD, "Tạm dừng 1 tuần").await;
    assert!(
        test.last_text(HEAD)
            .contains("đang tạm dừng đến 23/03/2026 08:00"),
        "{}",
        test.last_text(HEAD)
    );
    assert!(
        pass(&test, local(2026, 3, 16, 8, 30))
            .await
            .digests
            .is_empty()
    );
    let paused = pass(&test, local(2026, 3, 18, 8, 0)).await;
    assert_eq!(paused.queued.len(), 3, "everyone but the head: {paused:?}");
    let resumed = pass(&test, local(2026, 3, 24, 8, 0)).await;
    assert_eq!(resumed.queued.len(), 4);
    assert!(pass(&test, local(2026, 3, 24, 8, 30)).await.digests.len() == 1);
    // Back to everything.
    test.send(HEAD, "/nhacnho").await;
    test.press(HEAD, "Nhận tất cả").await;
    assert!(
        test.last_text(HEAD).starts_with("Đã lưu: nhận tất cả."),
        "{}",
        test.last_text(HEAD)
    );
}

#[tokio::test]
async fn the_reminder_button_opens_the_registration_dialogue() {
    let test = ChatTest::linked().await;
    pass(&test, local(2026, 3, 18, 8, 0)).await;
    let row = outbox_rows(&test, "reminder:")
        .await
        .into_iter()
        .find(|row| row.person_id.is_some() && row.body.contains("Nguyễn Thị Mai"))
        .unwrap();
    let markup: serde_json::Value =
        serde_json::from_str(row.reply_markup.as_deref().unwrap()).unwrap();
    let data = markup["inline_keyboard"][0][0]["callback_data"]
        .as_str()
        .unwrap()
        .to_owned();
    // Pressed days later, on the reminder message (id 777 in the chat).
    test.app.clock.set(local(2026, 3, 19, 14, 0));
    test.press_raw(MEMBER, 777, &data).await;
    assert!(
        test.last_text(MEMBER)
            .contains("Hạn đăng ký: 25/03/2026 17:00"),
        "{}",
        test.last_text(MEMBER)
    );
    test.press(MEMBER, "Lao động tiên tiến").await;
    test.press(MEMBER, "Xác nhận").await;
    assert_eq!(
        test.registration_of("VP02").await,
        Some(("LDTT".into(), "registered".into()))
    );
    // Mai has registered: the next reminders skip her.
    let next = pass(&test, local(2026, 3, 20, 8, 0)).await;
    assert_eq!(next.queued.len(), 3);
    // A stranger pressing the same payload is told to link first, nothing else happens.
    test.press_raw(STRANGER, 778, &data).await;
    assert!(
        test.last_text(STRANGER).contains("chưa được liên kết"),
        "{}",
        test.last_text(STRANGER)
    );
}
