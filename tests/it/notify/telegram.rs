//! Telegram delivery: once per logical key, Telegram's limits and waits, and the fallbacks when a
//! chat is refused or has moved.

use super::*;
use crate::support::fake_telegram::{FaultKind, FaultSpec, Outcome};
use serde_json::json;
use std::time::Duration;
use thidua::notify::DeliveryReport;
use thidua::storage::chats;

fn report(sent: usize, retrying: usize, dead: usize, unknown: usize) -> DeliveryReport {
    DeliveryReport { sent, retrying, dead, unknown }
}

#[tokio::test]
async fn a_direct_message_is_sent_once_with_its_keyboard() {
    // The production sender, Throttle included: one message per chat goes out without delay.
    let w = world_with(|tg| TelegramSender::new(tg.bot())).await;
    let lan = person(&w.app, "NV01", "Nguyễn Thị Lan", "lan@example.gov.vn", Some(501), &["staff"]).await;
    let keyboard = json!({ "inline_keyboard": [[{ "text": "Đăng ký ngay", "callback_data": "reg:start" }]] });
    let mut message = telegram("reg:2026:lan", Kind::Direct, Some(lan), 501, "Chị đã đăng ký danh hiệu Lao động tiên tiến.");
    message.reply_markup = Some(keyboard.clone());

    assert!(queue(&w.app, message.clone()).await);
    assert!(!queue(&w.app, message).await, "the same logical key is queued once");

    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 0));
    assert_eq!(w.notifier.drain_due().await.unwrap(), DeliveryReport::default(), "nothing left");
    let sent = w.tg.sent_messages();
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0].chat_id, sent[0].text.as_str()), (501, "Chị đã đăng ký danh hiệu Lao động tiên tiến."));
    assert_eq!(sent[0].reply_markup, Some(keyboard));
    let row = row(&w.app, "reg:2026:lan").await;
    assert_eq!((row.status, row.attempts), (Status::Sent, 0));
    assert_eq!(row.sent_at, Some(w.app.ctx.now()));
}

#[tokio::test]
async fn retry_after_is_honoured_to_the_second() {
    let w = world().await;
    w.tg.fail_next(FaultSpec::new("SendMessage", FaultKind::TooManyRequests { retry_after: 30 }).in_chat(502));
    queue(&w.app, telegram("r:1", Kind::Reminder, None, 502, "Còn 3 ngày để đăng ký thi đua.")).await;
    let start = w.app.ctx.now();

    assert_eq!(w.notifier.drain_due().await.unwrap(), report(0, 1, 0, 0));
    let waiting = row(&w.app, "r:1").await;
    assert_eq!(waiting.status, Status::Pending);
    assert_eq!(waiting.next_attempt_at, start + seconds(30), "exactly Telegram's retry_after");
    assert_eq!(waiting.attempts, 0, "a flood does not spend the attempt budget");

    w.app.clock.advance(seconds(29) + chrono::Duration::milliseconds(999));
    assert_eq!(w.notifier.drain_due().await.unwrap(), DeliveryReport::default());
    assert_eq!(w.tg.requests_for("SendMessage").len(), 1, "no request before retry_after elapsed");

    w.app.clock.advance(chrono::Duration::milliseconds(1));
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 0));
    assert_eq!(w.tg.texts_to(502), ["Còn 3 ngày để đăng ký thi đua."]);
    assert_eq!(w.tg.requests_for("SendMessage").len(), 2);
    assert_eq!(statuses(&w.app).await, [("r:1".to_owned(), Status::Sent)]);
}

#[tokio::test]
async fn a_blocked_user_is_marked_unreachable_and_emailed_instead() {
    let w = world().await;
    let lan = person(&w.app, "NV01", "Nguyễn Thị Lan", "lan@example.gov.vn", Some(503), &["staff"]).await;
    w.tg.fail_next(FaultSpec::new("SendMessage", FaultKind::Forbidden).in_chat(503));
    let keyboard = json!({ "inline_keyboard": [[{ "text": "Tự đánh giá", "callback_data": "sa:start" }]] });
    let mut message = telegram("sa:lan", Kind::Reminder, Some(lan), 503, "Kính gửi chị Lan, hạn tự đánh giá là 25/11.");
    message.reply_markup = Some(keyboard);
    queue(&w.app, message).await;

    // The refused message is dead, and its e-mail replacement goes out in the same drain.
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 1, 0));
    let mut conn = w.app.ctx.db.acquire().await.unwrap();
    assert!(chats::is_unreachable(&mut conn, lan).await.unwrap());
    drop(conn);
    let dead = row(&w.app, "sa:lan").await;
    assert_eq!(dead.status, Status::Dead);
    assert!(dead.last_error.as_deref().unwrap().contains("Forbidden: bot was blocked by the user"), "{dead:?}");
    assert_eq!(row(&w.app, "sa:lan:email").await.status, Status::Sent);

    let mails = w.smtp.wait_for_mails(1, Duration::from_secs(5)).await;
    assert_eq!(mails[0].to, ["lan@example.gov.vn"]);
    assert_eq!(mails[0].subject(), "Thông báo từ Hội đồng Thi đua – Khen thưởng");
    let body = mails[0].text_body();
    assert!(body.contains("Kính gửi chị Lan, hạn tự đánh giá là 25/11."), "{body}");
    assert!(body.contains("chỉ dùng được trên Telegram"), "{body}");

    // Later messages to her go straight to e-mail: Telegram is not asked again.
    queue(&w.app, telegram("sa:lan:2", Kind::Reminder, Some(lan), 503, "Nhắc lại: hạn tự đánh giá là 25/11.")).await;
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 1, 0));
    assert_eq!(w.tg.requests_for("SendMessage").len(), 1);
    assert_eq!(w.smtp.wait_for_mails(2, Duration::from_secs(5)).await.len(), 2);
    assert!(w.tg.sent_messages().is_empty(), "nothing reached Telegram");
}

#[tokio::test]
async fn a_migrated_group_is_remembered_and_the_post_resent_there() {
    let w = world().await;
    let supergroup = -100_4001;
    w.tg.fail_next(FaultSpec::new("SendMessage", FaultKind::MigrateToChat { new_chat_id: supergroup }).in_chat(GROUP));
    queue(&w.app, telegram("pub:1", Kind::Publication, None, GROUP, "Công bố kết quả bình xét năm 2026.")).await;

    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 0));
    assert_eq!(w.tg.texts_to(supergroup), ["Công bố kết quả bình xét năm 2026."]);
    assert!(w.tg.texts_to(GROUP).is_empty());
    assert_eq!(thidua::notify::group_chat_id(&w.app.ctx).await.unwrap(), Some(supergroup));

    // A post queued for the configured (old) id goes to the new group directly.
    queue(&w.app, telegram("pub:2", Kind::Publication, None, GROUP, "Danh sách khen thưởng bổ sung.")).await;
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 0));
    assert_eq!(w.tg.texts_to(supergroup).len(), 2);
    assert_eq!(w.tg.requests_for("SendMessage").len(), 3, "one refused, two delivered, no more");
}

#[tokio::test]
async fn a_burst_of_server_errors_is_retried_with_backoff_then_sent() {
    // teloxide waits 10 s before reading a 5xx body, so two of them cost this test ~20 s.
    let w = world().await;
    for _ in 0..2 {
        w.tg.fail_next(FaultSpec::new("SendMessage", FaultKind::ServerError).in_chat(504));
    }
    queue(&w.app, telegram("d:1", Kind::Direct, None, 504, "Đơn vị đã duyệt đăng ký của anh.")).await;
    let start = w.app.ctx.now();

    assert_eq!(w.notifier.drain_due().await.unwrap(), report(0, 1, 0, 0));
    let first = row(&w.app, "d:1").await;
    assert_eq!((first.attempts, first.next_attempt_at), (1, start + seconds(30)));
    assert!(first.last_error.as_deref().unwrap().contains("Bad Gateway"), "{first:?}");

    w.app.clock.advance(seconds(29));
    assert_eq!(w.notifier.drain_due().await.unwrap(), DeliveryReport::default(), "not before the backoff");
    w.app.clock.advance(seconds(1));
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(0, 1, 0, 0));
    let second = row(&w.app, "d:1").await;
    assert_eq!((second.attempts, second.next_attempt_at), (2, start + seconds(30 + 60)), "the wait doubled");
    assert_eq!(second.status, Status::Pending, "not sent without success");

    w.app.clock.advance(seconds(60));
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 0));
    assert_eq!(w.tg.texts_to(504), ["Đơn vị đã duyệt đăng ký của anh."]);
    let outcomes: Vec<Outcome> = w.tg.requests_for("SendMessage").into_iter().map(|r| r.outcome).collect();
    assert_eq!(outcomes, [Outcome::Fault(FaultKind::ServerError), Outcome::Fault(FaultKind::ServerError), Outcome::Answered]);
}

#[tokio::test]
async fn a_publication_without_an_answer_is_flagged_not_reposted() {
    // The request reaches the fake, which never answers; the client gives up after 500 ms.
    let w = world_with(|tg| TelegramSender::unthrottled(tg.bot_with_timeout(Duration::from_millis(500)))).await;
    person(&w.app, "VP01", "Trần Văn Bình", "binh@example.gov.vn", Some(505), &["secretary"]).await;
    w.tg.fail_next(FaultSpec::new("SendMessage", FaultKind::Hang).in_chat(GROUP));
    queue(&w.app, telegram("pub:hang", Kind::Publication, None, GROUP, "Công bố kết quả thi đua năm 2026.")).await;

    // The publication is unknown; the secretary's notice is sent in the same drain.
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 1));
    let flagged = row(&w.app, "pub:hang").await;
    assert_eq!(flagged.status, Status::Unknown);
    let notice = w.tg.texts_to(505);
    assert_eq!(notice.len(), 1);
    assert!(notice[0].contains(&format!("#{}", flagged.id)) && notice[0].contains("kiểm tra nhóm"), "{notice:?}");

    w.app.clock.advance(seconds(3600));
    assert_eq!(w.notifier.drain_due().await.unwrap(), DeliveryReport::default());
    assert_eq!(w.tg.requests_for("SendMessage").iter().filter(|r| r.chat_id() == Some(GROUP)).count(), 1, "never re-posted");
}

#[tokio::test]
async fn the_throttle_keeps_one_chat_within_telegram_limits() {
    // Three messages to one private chat: Throttle spaces them a second apart (~2 s of real time).
    let w = world_with(|tg| TelegramSender::new(tg.bot())).await;
    w.tg.enforce_limits(true);
    for n in 1..=3 {
        queue(&w.app, telegram(&format!("t:{n}"), Kind::Direct, None, 506, &format!("Tin số {n}"))).await;
    }
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(3, 0, 0, 0));
    assert_eq!(w.tg.violations(), 0);
    assert_eq!(w.tg.texts_to(506), ["Tin số 1", "Tin số 2", "Tin số 3"]);
}

#[tokio::test]
async fn the_running_worker_sends_when_poked_and_stops_on_shutdown() {
    let w = world().await;
    let waker = w.notifier.waker();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(w.notifier.run(stopped));

    queue(&w.app, telegram("poke:1", Kind::Direct, None, 507, "Chào anh.")).await;
    waker.notify_one();
    w.tg.wait_for_requests("SendMessage", 1, Duration::from_secs(5)).await;

    stop.send_replace(true);
    tokio::time::timeout(Duration::from_secs(5), worker).await.expect("worker stops").expect("no panic");
    assert_eq!(w.tg.texts_to(507), ["Chào anh."]);
    assert_eq!(row(&w.app, "poke:1").await.status, Status::Sent);
}
