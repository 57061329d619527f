//! Telegram delivery: once per logical key, within Telegram's limits, honouring its waits and
//! retrying its failures with backoff; and the worker's loop.

use super::*;
use crate::support::fake_telegram::{FaultKind, FaultSpec, Outcome};
use serde_json::json;
use std::time::Duration;
use thidua::notify::DeliveryReport;

fn report(sent: usize, retrying: usize, dead: usize, unknown: usize) -> DeliveryReport {
    DeliveryReport {
        sent,
        retrying,
        dead,
        unknown,
    }
}

#[tokio::test]
async fn a_direct_message_is_sent_once_with_its_keyboard() {
    // The production sender, flood limits included: one message per chat goes out without delay.
    let w = world_with(|tg| TelegramSender::new(tg.bot())).await;
    let lan = person(
        &w.app,
        "NV01",
        "Nguyễn Thị Lan",
        "lan@example.gov.vn",
        Some(501),
        &["staff"],
    )
    .await;
    let keyboard =
        json!({ "inline_keyboard": [[{ "text": "Đăng ký ngay", "callback_data": "reg:start" }]] });
    let mut message = telegram(
        "reg:2026:lan",
        Kind::Direct,
        Some(lan),
        501,
        "Chị đã đăng ký danh hiệu Lao động tiên tiến.",
    );
    message.reply_markup = Some(keyboard.clone());

    assert!(queue(&w.app, message.clone()).await);
    assert!(
        !queue(&w.app, message).await,
        "the same logical key is queued once"
    );

    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 0));
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport::default(),
        "nothing left"
    );
    let sent = w.tg.sent_messages();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].chat_id, sent[0].text.as_str()),
        (501, "Chị đã đăng ký danh hiệu Lao động tiên tiến.")
    );
    assert_eq!(sent[0].reply_markup, Some(keyboard));
    let row = row(&w.app, "reg:2026:lan").await;
    assert_eq!((row.status, row.attempts), (Status::Sent, 0));
    assert_eq!(row.sent_at, Some(w.app.ctx.now()));
}

#[tokio::test]
async fn retry_after_is_honoured_to_the_second() {
    let w = world().await;
    w.tg.fail_next(
        FaultSpec::new(
            "SendMessage",
            FaultKind::TooManyRequests { retry_after: 30 },
        )
        .in_chat(502),
    );
    queue(
        &w.app,
        telegram(
            "r:1",
            Kind::Reminder,
            None,
            502,
            "Còn 3 ngày để đăng ký thi đua.",
        ),
    )
    .await;
    let start = w.app.ctx.now();

    assert_eq!(w.notifier.drain_due().await.unwrap(), report(0, 1, 0, 0));
    let waiting = row(&w.app, "r:1").await;
    assert_eq!(waiting.status, Status::Pending);
    assert_eq!(
        waiting.next_attempt_at,
        start + seconds(30),
        "exactly Telegram's retry_after"
    );
    assert_eq!(
        waiting.attempts, 0,
        "a flood does not spend the attempt budget"
    );

    w.app
        .clock
        .advance(seconds(29) + chrono::Duration::milliseconds(999));
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport::default()
    );
    assert_eq!(
        w.tg.requests_for("SendMessage").len(),
        1,
        "no request before retry_after elapsed"
    );

    w.app.clock.advance(chrono::Duration::milliseconds(1));
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 0));
    assert_eq!(w.tg.texts_to(502), ["Còn 3 ngày để đăng ký thi đua."]);
    assert_eq!(w.tg.requests_for("SendMessage").len(), 2);
    assert_eq!(statuses(&w.app).await, [("r:1".to_owned(), Status::Sent)]);
}

#[tokio::test]
async fn a_burst_of_server_errors_is_retried_with_backoff_then_sent() {
    // teloxide waits 10 s before reading a 5xx body, so two of them cost this test ~20 s.
    let w = world().await;
    for _ in 0..2 {
        w.tg.fail_next(FaultSpec::new("SendMessage", FaultKind::ServerError).in_chat(504));
    }
    queue(
        &w.app,
        telegram(
            "d:1",
            Kind::Direct,
            None,
            504,
            "Đơn vị đã duyệt đăng ký của anh.",
        ),
    )
    .await;
    let start = w.app.ctx.now();

    assert_eq!(w.notifier.drain_due().await.unwrap(), report(0, 1, 0, 0));
    let first = row(&w.app, "d:1").await;
    assert_eq!(
        (first.attempts, first.next_attempt_at),
        (1, start + seconds(30))
    );
    assert!(
        first.last_error.as_deref().unwrap().contains("Bad Gateway"),
        "{first:?}"
    );

    w.app.clock.advance(seconds(29));
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport::default(),
        "not before the backoff"
    );
    w.app.clock.advance(seconds(1));
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(0, 1, 0, 0));
    let second = row(&w.app, "d:1").await;
    assert_eq!(
        (second.attempts, second.next_attempt_at),
        (2, start + seconds(30 + 60)),
        "the wait doubled"
    );
    assert_eq!(second.status, Status::Pending, "not sent without success");

    w.app.clock.advance(seconds(60));
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 0));
    assert_eq!(w.tg.texts_to(504), ["Đơn vị đã duyệt đăng ký của anh."]);
    let outcomes: Vec<Outcome> =
        w.tg.requests_for("SendMessage")
            .into_iter()
            .map(|r| r.outcome)
            .collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Fault(FaultKind::ServerError),
            Outcome::Fault(FaultKind::ServerError),
            Outcome::Answered
        ]
    );
}

#[tokio::test]
async fn the_send_gate_keeps_one_chat_within_telegram_limits() {
    // Three messages to one private chat: the gate spaces them a second apart (~2 s real time).
    let w = world_with(|tg| TelegramSender::new(tg.bot())).await;
    w.tg.enforce_limits(true);
    for n in 1..=3 {
        queue(
            &w.app,
            telegram(
                &format!("t:{n}"),
                Kind::Direct,
                None,
                506,
                &format!("Tin số {n}"),
            ),
        )
        .await;
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

    queue(
        &w.app,
        telegram("poke:1", Kind::Direct, None, 507, "Chào anh."),
    )
    .await;
    waker.notify_one();
    w.tg.wait_for_requests("SendMessage", 1, Duration::from_secs(5))
        .await;

    stop.send_replace(true);
    tokio::time::timeout(Duration::from_secs(5), worker)
        .await
        .expect("worker stops")
        .expect("no panic");
    assert_eq!(w.tg.texts_to(507), ["Chào anh."]);
    assert_eq!(row(&w.app, "poke:1").await.status, Status::Sent);
}
