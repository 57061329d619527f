//! /help, /lang, groups, unknown input, and the real long-polling dispatcher.

use crate::chat::*;
use std::time::Duration;

#[tokio::test]
async fn help_lists_exactly_what_the_roles_allow() {
    let test = ChatTest::linked().await;
    test.send(STRANGER, "/help").await;
    let stranger = test.last_text(STRANGER);
    assert!(
        stranger.contains("/start") && !stranger.contains("/dangky"),
        "{stranger}"
    );
    test.send(MEMBER, "/help").await;
    let member = test.last_text(MEMBER);
    assert!(
        member.contains("/dangky") && member.contains("/trangthai") && !member.contains("/start"),
        "{member}"
    );
    // The director holds no staff role: no registration command.
    test.send(DIRECTOR, "/help").await;
    let director = test.last_text(DIRECTOR);
    assert!(
        !director.contains("/dangky") && director.contains("/trangthai"),
        "{director}"
    );
}

#[tokio::test]
async fn lang_switches_to_english_and_back() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/lang").await;
    assert!(test.last_text(MEMBER).starts_with("Switched to English"));
    test.send(MEMBER, "/status").await;
    assert!(
        test.last_text(MEMBER)
            .contains("Your registration: not registered"),
        "{}",
        test.last_text(MEMBER)
    );
    test.send(MEMBER, "/lang").await;
    assert_eq!(test.last_text(MEMBER), "Đã chuyển sang tiếng Việt.");
}

#[tokio::test]
async fn commands_in_a_group_get_a_pointer_to_the_private_chat() {
    let test = ChatTest::linked().await;
    let group = -1_001_234_567_890;
    test.run(test.fake.group_text(group, MEMBER, "/dangky"))
        .await;
    let sent = test.fake.texts_to(group);
    assert_eq!(sent.len(), 1);
    assert!(sent[0].contains("nhắn tin riêng cho bot"), "{}", sent[0]);
    test.run(test.fake.group_text(group, MEMBER, "chào cả nhà"))
        .await;
    // Only the bot's own commands are answered: talk, a path, another bot's command and an
    // unknown one get nothing.
    for text in [
        "chào cả nhà",
        "/home/mai/baocao.docx đã gửi",
        "/dangky@some_other_bot",
        "/xoahet",
    ] {
        test.run(test.fake.group_text(group, MEMBER, text)).await;
        assert_eq!(test.fake.texts_to(group).len(), 1, "{text:?} is left alone");
    }
    let username = test.me.username.clone().unwrap();
    test.run(
        test.fake
            .group_text(group, MEMBER, &format!("/trangthai@{username}")),
    )
    .await;
    assert_eq!(test.fake.texts_to(group).len(), 2, "addressed to this bot");
}

#[tokio::test]
async fn unknown_commands_and_idle_text_get_guidance() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/xoahet").await;
    assert!(test.last_text(MEMBER).contains("Lệnh này không có"));
    test.send(MEMBER, "xin chào").await;
    assert!(
        test.last_text(MEMBER)
            .contains("không có thao tác nào đang dở")
    );
}

#[tokio::test]
async fn the_long_polling_dispatcher_answers_polled_updates() {
    let test = ChatTest::linked().await;
    let me = teloxide::prelude::Requester::get_me(&test.bot)
        .await
        .unwrap();
    let serving = tokio::spawn(thidua::app::serve(
        test.bot.clone(),
        test.app.ctx.clone(),
        me,
    ));
    test.fake
        .push(test.fake.private_text(MEMBER, "Mai", "/trangthai"));
    test.fake
        .wait_for_requests("SendMessage", 1, Duration::from_secs(10))
        .await;
    assert!(
        test.last_text(MEMBER)
            .contains("Đăng ký của chị: chưa đăng ký")
    );
    serving.abort();
}
