//! The fakes tested against the real clients: a `teloxide::Bot` for the fake Telegram server
//! and lettre's async SMTP transport for the sink. If these pass, a product test failing
//! against a fake is the product's fault, not the fake's.

use std::time::Duration;

use lettre::AsyncTransport;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, MultiPart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use teloxide::prelude::*;
use teloxide::types::{
    InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MediaKind, MessageKind, UpdateKind,
};
use teloxide::{ApiError, RequestError};

use crate::support::fake_telegram::{
    BOT_ID, BOT_USERNAME, FakeTelegram, FaultKind, FaultSpec, Outcome, SentKind,
};
use crate::support::smtp_sink::{HOST, SmtpMode, SmtpSink};

const WAIT: Duration = Duration::from_secs(5);

fn keyboard(data: &str) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Đồng ý", data)]])
}

#[tokio::test]
async fn bot_sends_edits_and_answers_callbacks() {
    let tg = FakeTelegram::start().await;
    let bot = tg.bot();

    let me = bot.get_me().await.expect("get_me");
    assert_eq!((me.id.0, me.username()), (BOT_ID, BOT_USERNAME));

    let sent = bot
        .send_message(ChatId(42), "Xin chào")
        .reply_markup(keyboard("ok:1"))
        .await
        .unwrap();
    assert_eq!((sent.chat.id, sent.text()), (ChatId(42), Some("Xin chào")));
    assert!(sent.chat.is_private() && sent.from.as_ref().is_some_and(|u| u.is_bot));
    assert!(sent.reply_markup().is_some(), "inline keyboard echoed");

    let update = tg.callback(42, sent.id.0, "ok:1");
    let UpdateKind::CallbackQuery(query) = update.kind else {
        panic!("not a callback: {update:?}")
    };
    assert_eq!(query.data.as_deref(), Some("ok:1"));
    let shown = query
        .regular_message()
        .expect("callback carries the bot's message");
    assert_eq!((shown.id, shown.text()), (sent.id, Some("Xin chào")));
    assert!(shown.reply_markup().is_some());
    bot.answer_callback_query(query.id)
        .await
        .expect("answer callback");

    bot.edit_message_text(ChatId(42), sent.id, "Đã ghi nhận")
        .await
        .expect("edit");
    let again = bot
        .edit_message_text(ChatId(42), sent.id, "Đã ghi nhận")
        .await;
    assert!(
        matches!(again, Err(RequestError::Api(ApiError::MessageNotModified))),
        "{again:?}"
    );

    let kinds: Vec<SentKind> = tg.sent_messages().iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [SentKind::New, SentKind::Edit]);
    assert_eq!(tg.texts_to(42), ["Xin chào", "Đã ghi nhận"]);
    assert_eq!(
        tg.sent_messages()[1].reply_markup,
        None,
        "editing text without markup drops it"
    );
    let methods: Vec<String> = tg.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(
        methods,
        [
            "GetMe",
            "SendMessage",
            "AnswerCallbackQuery",
            "EditMessageText",
            "EditMessageText"
        ]
    );
}

#[tokio::test]
async fn scripted_faults_reach_teloxide_as_typed_errors() {
    let tg = FakeTelegram::start().await;
    let bot = tg.bot();
    tg.fail_next(FaultSpec::new(
        "sendMessage",
        FaultKind::TooManyRequests { retry_after: 3 },
    ));
    tg.fail_next(FaultSpec::new("SendMessage", FaultKind::Forbidden).in_chat(7));
    tg.fail_next(FaultSpec::new(
        "SendMessage",
        FaultKind::MigrateToChat {
            new_chat_id: -1_001_234,
        },
    ));
    tg.fail_next(FaultSpec::new("SendMessage", FaultKind::Disconnect));
    tg.fail_next(FaultSpec::new("SendMessage", FaultKind::CannotInitiate));

    let retry = bot.send_message(ChatId(8), "a").await;
    assert!(
        matches!(retry, Err(RequestError::RetryAfter(s)) if s.seconds() == 3),
        "{retry:?}"
    );
    // The Forbidden fault targets chat 7: chat 8 meets the migrate fault queued after it.
    let migrate = bot.send_message(ChatId(8), "b").await;
    assert!(
        matches!(
            migrate,
            Err(RequestError::MigrateToChatId(ChatId(-1_001_234)))
        ),
        "{migrate:?}"
    );
    let blocked = bot.send_message(ChatId(7), "c").await;
    assert!(
        matches!(blocked, Err(RequestError::Api(ApiError::BotBlocked))),
        "{blocked:?}"
    );
    let dropped = bot.send_message(ChatId(8), "d").await;
    assert!(
        matches!(dropped, Err(RequestError::Network(_))),
        "{dropped:?}"
    );
    let never_started = bot.send_message(ChatId(9), "e").await;
    assert!(
        matches!(&never_started, Err(RequestError::Api(ApiError::Unknown(d))) if d.starts_with("Forbidden:")),
        "{never_started:?}"
    );
    bot.send_message(ChatId(8), "f")
        .await
        .expect("faults are used up");

    let recorded = tg.requests_for("SendMessage");
    assert_eq!(recorded.len(), 6);
    assert!(recorded[..5].iter().all(|r| r.failed()) && !recorded[5].failed());
    assert_eq!(
        recorded[0].outcome,
        Outcome::Fault(FaultKind::TooManyRequests { retry_after: 3 })
    );
    assert!(
        recorded
            .windows(2)
            .all(|w| w[0].received_at <= w[1].received_at)
    );
    assert_eq!(tg.texts_to(8), ["f"], "failed sends are not shown as sent");
}

#[tokio::test]
async fn telegram_validation_is_applied() {
    let tg = FakeTelegram::start().await;
    let bot = tg.bot();
    let long = bot.send_message(ChatId(1), "ê".repeat(4097)).await;
    assert!(
        matches!(long, Err(RequestError::Api(ApiError::MessageIsTooLong))),
        "{long:?}"
    );
    let html = format!("<b>{}</b>", "ê".repeat(4096));
    bot.send_message(ChatId(1), html)
        .parse_mode(teloxide::types::ParseMode::Html)
        .await
        .expect("tags do not count");
    let data = bot
        .send_message(ChatId(1), "x")
        .reply_markup(keyboard(&"d".repeat(65)))
        .await;
    assert!(
        matches!(data, Err(RequestError::Api(ApiError::ButtonDataInvalid))),
        "{data:?}"
    );
    let missing = bot
        .edit_message_text(ChatId(1), teloxide::types::MessageId(999), "x")
        .await;
    assert!(
        matches!(
            missing,
            Err(RequestError::Api(ApiError::MessageToEditNotFound))
        ),
        "{missing:?}"
    );

    let stranger = Bot::new("1:other")
        .set_api_url(tg.api_url().parse().unwrap())
        .get_me()
        .await;
    assert!(
        matches!(stranger, Err(RequestError::Api(ApiError::InvalidToken))),
        "{stranger:?}"
    );
}

#[tokio::test]
async fn hang_times_the_client_out_and_does_not_block_shutdown() {
    let tg = FakeTelegram::start().await;
    tg.fail_next(FaultSpec::new("SendMessage", FaultKind::Hang));
    tg.fail_next(FaultSpec::new("SendMessage", FaultKind::Hang));

    let timed_out = tg
        .bot_with_timeout(Duration::from_millis(200))
        .send_message(ChatId(5), "x")
        .await;
    assert!(
        matches!(timed_out, Err(RequestError::Network(ref e)) if e.is_timeout()),
        "{timed_out:?}"
    );

    // A client with teloxide's 17 s timeout is still waiting when the server shuts down.
    let bot = tg.bot();
    let waiting = tokio::spawn(async move { bot.send_message(ChatId(5), "y").await });
    tg.wait_for_requests("SendMessage", 2, WAIT).await;
    tokio::time::timeout(WAIT, tg.shutdown())
        .await
        .expect("shutdown is prompt despite a hang");
    let released = tokio::time::timeout(WAIT, waiting)
        .await
        .expect("client released")
        .unwrap();
    assert!(
        matches!(released, Err(RequestError::Network(_))),
        "{released:?}"
    );
    assert!(
        tg.requests_for("SendMessage")
            .iter()
            .all(|r| r.outcome == Outcome::Fault(FaultKind::Hang))
    );
    assert!(
        tg.bot().get_me().await.is_err(),
        "server is down after shutdown"
    );
}

#[tokio::test]
async fn long_polling_round_trips_updates() {
    let tg = FakeTelegram::start().await;
    let bot = tg.bot();
    let first = tg.private_text(42, "Lan", "/start dangky");
    tg.push(first.clone());
    let got = bot.get_updates().timeout(5).await.expect("poll");
    assert_eq!(
        got,
        std::slice::from_ref(&first),
        "an update survives the round trip unchanged"
    );

    // Nothing above the offset yet: the poll waits until an update is pushed.
    let poll_bot = bot.clone();
    let poll = tokio::spawn(async move {
        poll_bot
            .get_updates()
            .offset(first.id.0 as i32 + 1)
            .timeout(10)
            .await
    });
    tg.wait_for_requests("GetUpdates", 2, WAIT).await;
    let second = tg.group_text(-1_001_234_567_890, 42, "chào nhóm");
    tg.push(second.clone());
    let got = tokio::time::timeout(WAIT, poll)
        .await
        .expect("poll woken by push")
        .unwrap()
        .unwrap();
    assert_eq!(got, std::slice::from_ref(&second));

    let empty = bot
        .get_updates()
        .offset(second.id.0 as i32 + 1)
        .timeout(0)
        .await
        .unwrap();
    assert!(empty.is_empty(), "confirmed updates are dropped");
    let again = bot.get_updates().timeout(0).await.unwrap();
    assert!(again.is_empty(), "even without an offset: {again:?}");
}

#[tokio::test]
async fn dropping_the_last_handle_ends_pending_long_polls() {
    let tg = FakeTelegram::start().await;
    let bot = tg.bot();
    let poll = tokio::spawn(async move { bot.get_updates().timeout(30).await });
    tg.wait_for_requests("GetUpdates", 1, WAIT).await;
    drop(tg);
    let ended = tokio::time::timeout(WAIT, poll)
        .await
        .expect("long poll released by drop");
    assert!(ended.unwrap().is_ok_and(|updates| updates.is_empty()));
}

#[tokio::test]
async fn update_builders_produce_what_teloxide_expects() {
    let tg = FakeTelegram::start().await;
    let start = tg.private_text(42, "Lan", "/start abc");
    let UpdateKind::Message(message) = &start.kind else {
        panic!("{start:?}")
    };
    assert_eq!(message.chat.first_name(), Some("Lan"));
    assert_eq!(message.parse_entities().unwrap()[0].text(), "/start");

    let sticker = tg.private_sticker(42);
    let UpdateKind::Message(message) = &sticker.kind else {
        panic!("{sticker:?}")
    };
    assert!(
        matches!(&message.kind, MessageKind::Common(c) if matches!(c.media_kind, MediaKind::Sticker(_)))
    );

    let group = tg.group_text(-5, 42, "hi");
    let supergroup = tg.group_text(-1_001_234_567_890, 42, "hi");
    assert!(group.chat().unwrap().is_group() && supergroup.chat().unwrap().is_supergroup());
    assert!(start.id < sticker.id && sticker.id < group.id && group.id < supergroup.id);
}

#[tokio::test]
async fn enforced_limits_refuse_floods() {
    let tg = FakeTelegram::start().await;
    let bot = tg.bot();
    tg.enforce_limits(true);
    bot.send_message(ChatId(42), "1").await.unwrap();
    let flood = bot.send_message(ChatId(42), "2").await;
    assert!(
        matches!(flood, Err(RequestError::RetryAfter(s)) if s.seconds() == 1),
        "{flood:?}"
    );
    bot.send_message(ChatId(43), "other chat").await.unwrap();
    for i in 0..20 {
        bot.send_message(ChatId(-5), i.to_string()).await.unwrap();
    }
    assert!(bot.send_message(ChatId(-5), "21st").await.is_err());
    assert_eq!(tg.violations(), 2);
    assert_eq!(
        tg.requests_for("SendMessage")
            .iter()
            .filter(|r| r.outcome == Outcome::RateLimited)
            .count(),
        2
    );
}

#[tokio::test]
async fn send_document_multipart_is_recorded() {
    let tg = FakeTelegram::start().await;
    let file = InputFile::memory("đơn vị,điểm\nA,95\n").file_name("ket-qua.csv");
    let message = tg
        .bot()
        .send_document(ChatId(-5), file)
        .caption("Kết quả")
        .await
        .unwrap();
    let recorded = &tg.requests_for("SendDocument")[0];
    assert_eq!(
        message.document().and_then(|d| d.file_name.as_deref()),
        Some("ket-qua.csv")
    );
    assert_eq!(recorded.chat_id(), Some(-5));
    assert_eq!(recorded.body["caption"], "Kết quả");
    assert_eq!(
        recorded.body["document"]["size"],
        "đơn vị,điểm\nA,95\n".len()
    );
}

fn invitation(body: &str) -> lettre::Message {
    lettre::Message::builder()
        .from("Phòng Thi đua <thidua@example.vn>".parse().unwrap())
        .to("Nguyễn Văn An <an@example.vn>".parse().unwrap())
        .subject("Thư mời tham gia hệ thống thi đua")
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_owned())
        .unwrap()
}

#[tokio::test]
async fn vietnamese_mail_arrives_decoded() {
    let smtp = SmtpSink::start().await;
    // lettre picks base64 for this body; the 8-bit copy exercises 8BITMIME and dot-stuffing.
    let body = "Kính gửi anh An,\n.Dòng bắt đầu bằng dấu chấm.\nMời anh đăng ký danh hiệu thi đua năm 2026.";
    smtp.transport()
        .send(invitation(body))
        .await
        .expect("lettre sends base64");
    let eight_bit =
        Body::new_with_encoding(body.to_owned(), ContentTransferEncoding::EightBit).unwrap();
    let raw = lettre::Message::builder()
        .from("thidua@example.vn".parse().unwrap())
        .to("an@example.vn".parse().unwrap())
        .subject("Thư mời tham gia hệ thống thi đua")
        .header(ContentType::TEXT_PLAIN)
        .body(eight_bit)
        .unwrap();
    smtp.transport().send(raw).await.expect("lettre sends 8bit");
    let alternative = lettre::Message::builder()
        .from("thidua@example.vn".parse().unwrap())
        .to("an@example.vn".parse().unwrap())
        .subject("Kết quả bình xét")
        .multipart(MultiPart::alternative_plain_html(
            "Chúc mừng!".to_owned(),
            "<p>Chúc mừng!</p>".to_owned(),
        ))
        .unwrap();
    smtp.transport()
        .send(alternative)
        .await
        .expect("lettre sends multipart");

    let mails = smtp.wait_for_mails(3, WAIT).await;
    assert_eq!(mails[0].from, "thidua@example.vn");
    assert_eq!(mails[0].to, ["an@example.vn"]);
    assert_eq!(mails[0].authenticated_as, None);
    for mail in &mails[..2] {
        assert_eq!(mail.subject(), "Thư mời tham gia hệ thống thi đua");
        assert_eq!(
            mail.text_body(),
            body,
            "decoded and dot-unstuffed:\n{}",
            mail.data
        );
    }
    assert!(
        mails[1].data.contains("\r\n.Dòng"),
        "sent 8-bit, not re-encoded"
    );
    assert_eq!(mails[2].subject(), "Kết quả bình xét");
    assert_eq!(mails[2].text_body(), "Chúc mừng!");
    assert_eq!(mails[2].html_body().as_deref(), Some("<p>Chúc mừng!</p>"));
}

#[tokio::test]
async fn smtp_login_is_recorded() {
    let smtp = SmtpSink::start().await;
    for mechanism in [Mechanism::Plain, Mechanism::Login] {
        let transport =
            lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(HOST)
                .port(smtp.port())
                .credentials(Credentials::new("thidua".to_owned(), "mật khẩu".to_owned()))
                .authentication(vec![mechanism])
                .build();
        transport
            .send(invitation("x"))
            .await
            .unwrap_or_else(|e| panic!("{mechanism:?}: {e}"));
    }
    let mails = smtp.wait_for_mails(2, WAIT).await;
    assert!(
        mails
            .iter()
            .all(|m| m.authenticated_as.as_deref() == Some("thidua"))
    );
}

#[tokio::test]
async fn smtp_outage_and_failures() {
    let smtp = SmtpSink::start().await;
    let (port, transport) = (smtp.port(), smtp.transport());
    transport.send(invitation("trước")).await.expect("accepts");

    smtp.set_mode(SmtpMode::RefuseConnections).await;
    let connect = tokio::net::TcpStream::connect((HOST, port)).await;
    assert_eq!(
        connect.unwrap_err().kind(),
        std::io::ErrorKind::ConnectionRefused
    );
    assert!(
        transport.send(invitation("trong sự cố")).await.is_err(),
        "pooled connection is gone too"
    );

    smtp.set_mode(SmtpMode::Accept).await;
    assert_eq!(smtp.port(), port);
    transport
        .send(invitation("sau"))
        .await
        .expect("same port accepts again");

    smtp.set_mode(SmtpMode::TempFail).await;
    let temp = transport.send(invitation("x")).await.unwrap_err();
    assert!(temp.is_transient(), "{temp:?}");
    smtp.set_mode(SmtpMode::PermFail).await;
    let perm = transport.send(invitation("x")).await.unwrap_err();
    assert!(perm.is_permanent(), "{perm:?}");

    let bodies: Vec<String> = smtp.mails().iter().map(|m| m.text_body()).collect();
    assert_eq!(bodies, ["trước", "sau"]);
}
