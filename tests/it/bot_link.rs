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
            "binhxet",
            "guilai",
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
