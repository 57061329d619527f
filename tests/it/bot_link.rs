//! /start: linking accounts through the bot, greetings, and the per-person command menu.

use crate::chat::*;

#[tokio::test]
async fn a_good_code_links_the_account_and_greets_by_name_with_the_roles_menu() {
    let test = ChatTest::new().await;
    let code = test.invite("VP01").await;
    test.send(HEAD, &format!("/start {code}")).await;
    let greeting = test.last_text(HEAD);
    assert!(greeting.contains("Xin chào Trần Văn Hùng"), "{greeting}");
    assert!(greeting.contains("Văn phòng"), "{greeting}");
    assert!(greeting.contains("trưởng đơn vị"), "{greeting}");
    // Addressed as the person just recognised, though the update came from a stranger.
    assert!(
        greeting.contains("Tài khoản Telegram của anh đã được liên kết"),
        "{greeting}"
    );
    assert!(!greeting.contains("anh/chị"), "{greeting}");
    assert_eq!(test.telegram_id_of("VP01").await, Some(HEAD as i64));
    let menus = test.fake.requests_for("SetMyCommands");
    let menu = menus.last().expect("the chat's menu is set");
    assert_eq!(menu.body["scope"]["type"], "chat");
    assert_eq!(menu.body["scope"]["chat_id"], HEAD as i64);
    let names: Vec<&str> = menu.body["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "help",
            "dangky",
            "tudanhgia",
            "duyet",
            "minhchung",
            "binhxet",
            "guilai",
            "giaykhen",
            "trangthai",
            "nhacnho",
            "huy",
            "lang"
        ]
    );
}

#[tokio::test]
async fn a_used_code_is_refused_for_another_account() {
    let test = ChatTest::new().await;
    let code = test.invite("VP02").await;
    test.send(MEMBER, &format!("/start {code}")).await;
    test.send(STRANGER, &format!("/start {code}")).await;
    assert!(
        test.last_text(STRANGER).contains("đã được sử dụng"),
        "{}",
        test.last_text(STRANGER)
    );
    assert_eq!(test.telegram_id_of("VP02").await, Some(MEMBER as i64));
}

#[tokio::test]
async fn an_expired_code_is_refused_and_links_nobody() {
    let test = ChatTest::new().await;
    let code = test.invite("VP02").await;
    test.app.clock.advance(chrono::Duration::days(15));
    test.send(MEMBER, &format!("/start {code}")).await;
    assert!(
        test.last_text(MEMBER).contains("đã hết hạn"),
        "{}",
        test.last_text(MEMBER)
    );
    assert_eq!(test.telegram_id_of("VP02").await, None);
}

#[tokio::test]
async fn a_revoked_code_is_refused_after_a_new_invite() {
    let test = ChatTest::new().await;
    let old = test.invite("VP02").await;
    let new = test.invite("VP02").await;
    test.send(MEMBER, &format!("/start {old}")).await;
    assert!(
        test.last_text(MEMBER).contains("đã bị thu hồi"),
        "{}",
        test.last_text(MEMBER)
    );
    assert_eq!(test.telegram_id_of("VP02").await, None);
    test.send(MEMBER, &format!("/start {new}")).await;
    assert!(test.last_text(MEMBER).contains("Nguyễn Thị Mai"));
}

#[tokio::test]
async fn unknown_codes_are_refused_and_then_rate_limited() {
    let test = ChatTest::new().await;
    for _ in 0..test.ctx().settings.linking.max_failures {
        test.send(STRANGER, "/start AAAAAAAAAAAAAAAAAAAAAAAA").await;
        assert!(
            test.last_text(STRANGER).contains("Mã mời không đúng"),
            "{}",
            test.last_text(STRANGER)
        );
    }
    // Even a valid code waits until the window has passed.
    let code = test.invite("VP02").await;
    test.send(STRANGER, &format!("/start {code}")).await;
    assert!(
        test.last_text(STRANGER).contains("quá nhiều lần"),
        "{}",
        test.last_text(STRANGER)
    );
    assert_eq!(test.telegram_id_of("VP02").await, None);
    test.app.clock.advance(chrono::Duration::minutes(16));
    test.send(STRANGER, &format!("/start {code}")).await;
    assert_eq!(test.telegram_id_of("VP02").await, Some(STRANGER as i64));
}

#[tokio::test]
async fn an_account_bound_to_someone_else_cannot_take_a_second_person() {
    let test = ChatTest::new().await;
    test.link(MEMBER, "VP02").await;
    let code = test.invite("TT01").await;
    test.send(MEMBER, &format!("/start {code}")).await;
    assert!(
        test.last_text(MEMBER)
            .contains("đã được liên kết với một cán bộ khác"),
        "{}",
        test.last_text(MEMBER)
    );
    assert_eq!(test.telegram_id_of("TT01").await, None);
}

#[tokio::test]
async fn a_bare_start_explains_how_to_begin_to_strangers_and_greets_linked_people() {
    let test = ChatTest::new().await;
    test.send(STRANGER, "/start").await;
    assert!(
        test.last_text(STRANGER).contains("đường liên kết mời"),
        "{}",
        test.last_text(STRANGER)
    );
    test.link(MEMBER, "VP02").await;
    test.send(MEMBER, "/start").await;
    assert!(test.last_text(MEMBER).contains("Xin chào Nguyễn Thị Mai"));
}

/// The attacker holds a new invite for the linked director (a forwarded e-mail, a copy of the
/// mail folder) and a Telegram account of their own. The record does not move without the new
/// account's explicit confirmation, and once it moves the director hears of it on Telegram and
/// by e-mail: a takeover cannot pass unnoticed.
#[tokio::test]
async fn a_linked_record_moves_only_when_confirmed_and_its_old_account_is_told() {
    let test = ChatTest::linked().await;
    let options = thidua::services::invite::IssueOptions {
        send_email: false,
        relink: true,
    };
    let selector = thidua::services::invite::Selector::Employee("GD01".to_owned());
    let (issued, _) =
        thidua::services::invite::issue_and_show(test.ctx(), &selector, options, |_| Ok(()))
            .await
            .expect("a relink invite");
    let code = issued[0].code.as_str().to_owned();

    test.send(STRANGER, &format!("/start {code}")).await;
    let asked = test.last_text(STRANGER);
    assert!(
        asked.contains("Hồ sơ Võ Minh Đức") && asked.contains("đang liên kết với một tài khoản"),
        "{asked}"
    );
    assert!(asked.contains("địa chỉ e-mail của hồ sơ"), "{asked}");
    assert_eq!(test.telegram_id_of("GD01").await, Some(DIRECTOR as i64));

    // Declining changes nothing; the declined screen's other button is stale afterwards.
    let (screen, confirm) = test.button(STRANGER, "Xác nhận chuyển");
    test.press(STRANGER, "Không chuyển").await;
    assert!(test.last_text(STRANGER).starts_with("Đã hủy"));
    test.press_raw(STRANGER, screen, &confirm).await;
    assert_eq!(test.telegram_id_of("GD01").await, Some(DIRECTOR as i64));
    assert!(
        test.callback_answers()[0].contains("không còn hiệu lực"),
        "{:?}",
        test.callback_answers()
    );

    // Asked again and confirmed: the record moves.
    test.send(STRANGER, &format!("/start {code}")).await;
    test.press(STRANGER, "Xác nhận chuyển").await;
    assert!(
        test.last_text(STRANGER).contains("Xin chào Võ Minh Đức"),
        "{}",
        test.last_text(STRANGER)
    );
    assert_eq!(test.telegram_id_of("GD01").await, Some(STRANGER as i64));
    assert_eq!(
        test.audit_actions("link.move_asked").await.len(),
        2,
        "each question is audited"
    );
    assert_eq!(test.audit_actions("person.relinked").await.len(), 1);

    // The old account and the e-mail on file are told.
    let mailer = thidua::notify::Mailer::from_settings(&test.ctx().settings.mail).unwrap();
    let notifier = thidua::notify::Notifier::new(
        test.ctx().clone(),
        Some(thidua::notify::TelegramSender::unthrottled(test.fake.bot())),
        mailer,
    );
    notifier.drain_due().await.unwrap();
    let told = test.fake.texts_to(DIRECTOR as i64);
    assert!(
        told.last()
            .is_some_and(|text| text.starts_with("Kính gửi Võ Minh Đức")
                && text.contains("đã được liên kết với một tài khoản Telegram khác")),
        "{told:?}"
    );
    let emailed: Vec<(String, String)> = sqlx::query_as(
        "SELECT email_to, status FROM outbox WHERE logical_key LIKE 'link:moved:%:email'",
    )
    .fetch_all(test.ctx().db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(
        emailed,
        [("duc.vm@example.gov.vn".to_owned(), "sent".to_owned())]
    );
    // The old account speaks for nobody now.
    test.send(DIRECTOR, "/start").await;
    assert!(
        test.last_text(DIRECTOR).contains("đường liên kết mời"),
        "{}",
        test.last_text(DIRECTOR)
    );
}
