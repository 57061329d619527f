//! E-mail delivery over a real SMTP conversation: outages retried, rejections dead-lettered and
//! reported, the `.eml` files written when no server is configured.

use super::*;
use crate::support::smtp_sink::SmtpMode;
use std::time::Duration;
use thidua::notify::DeliveryReport;
use thidua::storage::outbox::{Attachment, RequeueOutcome};

const WAIT: Duration = Duration::from_secs(5);

#[tokio::test]
async fn an_smtp_outage_is_retried_until_the_server_is_back() {
    let w = world().await;
    w.smtp.set_mode(SmtpMode::RefuseConnections).await;
    queue(
        &w.app,
        email(
            "inv:1",
            None,
            "hung@example.gov.vn",
            "Thư mời tham gia hệ thống thi đua",
            "Kính gửi anh Hùng,",
        ),
    )
    .await;

    let report = w.notifier.drain_due().await.unwrap();
    assert_eq!(
        report,
        DeliveryReport {
            retrying: 1,
            ..Default::default()
        }
    );
    let waiting = row(&w.app, "inv:1").await;
    assert_eq!(
        (waiting.status, waiting.attempts),
        (Status::Pending, 1),
        "not sent without success"
    );
    assert!(
        waiting.last_error.as_deref().unwrap().starts_with("SMTP:"),
        "{waiting:?}"
    );

    w.smtp.set_mode(SmtpMode::Accept).await;
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport::default(),
        "waits for its backoff"
    );
    w.app.clock.advance(seconds(30));
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport {
            sent: 1,
            ..Default::default()
        }
    );
    let mails = w.smtp.wait_for_mails(1, WAIT).await;
    assert_eq!(mails[0].to, ["hung@example.gov.vn"]);
    assert_eq!(mails[0].subject(), "Thư mời tham gia hệ thống thi đua");
    assert_eq!(mails[0].text_body(), "Kính gửi anh Hùng,");
    assert_eq!(row(&w.app, "inv:1").await.status, Status::Sent);
}

#[tokio::test]
async fn a_temporary_rejection_is_retried_too() {
    let w = world().await;
    w.smtp.set_mode(SmtpMode::TempFail).await;
    queue(
        &w.app,
        email(
            "inv:2",
            None,
            "mai@example.gov.vn",
            "Thư mời",
            "Kính gửi chị Mai,",
        ),
    )
    .await;
    assert_eq!(w.notifier.drain_due().await.unwrap().retrying, 1);
    w.smtp.set_mode(SmtpMode::Accept).await;
    w.app.clock.advance(seconds(30));
    assert_eq!(w.notifier.drain_due().await.unwrap().sent, 1);
    assert_eq!(w.smtp.wait_for_mails(1, WAIT).await.len(), 1);
}

#[tokio::test]
async fn a_permanent_rejection_is_dead_and_reported_to_the_secretary_once() {
    let w = world().await;
    person(
        &w.app,
        "VP01",
        "Trần Văn Bình",
        "binh@example.gov.vn",
        Some(601),
        &["secretary", "staff"],
    )
    .await;
    let nam = person(
        &w.app,
        "NV02",
        "Lê Văn Nam",
        "nam@khong-ton-tai.example",
        None,
        &["staff"],
    )
    .await;
    w.smtp.set_mode(SmtpMode::PermFail).await;
    queue(
        &w.app,
        email(
            "inv:nam",
            Some(nam),
            "nam@khong-ton-tai.example",
            "Thư mời",
            "Kính gửi anh Nam,",
        ),
    )
    .await;

    // Dead at once (no retry of a 5xx); the secretary's Telegram notice goes in the same drain.
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport {
            sent: 1,
            dead: 1,
            ..Default::default()
        }
    );
    let dead = row(&w.app, "inv:nam").await;
    assert_eq!((dead.status, dead.attempts), (Status::Dead, 1));
    assert!(
        dead.last_error.as_deref().unwrap().contains("550"),
        "{dead:?}"
    );
    let notices = w.tg.texts_to(601);
    assert_eq!(notices.len(), 1);
    assert!(
        notices[0].contains("nam@khong-ton-tai.example") && notices[0].contains("Lê Văn Nam"),
        "{notices:?}"
    );
    assert!(
        notices[0].contains(&format!("thidua outbox retry {}", dead.id)),
        "{notices:?}"
    );
    assert!(w.smtp.mails().is_empty());

    // An operator fixes things and re-queues it: delivered, and no second notice.
    w.smtp.set_mode(SmtpMode::Accept).await;
    let mut conn = w.app.ctx.db.read().await.unwrap();
    assert_eq!(
        outbox::requeue(&mut conn, dead.id, w.app.ctx.now())
            .await
            .unwrap(),
        RequeueOutcome::Requeued
    );
    assert_eq!(
        outbox::requeue(&mut conn, dead.id, w.app.ctx.now())
            .await
            .unwrap(),
        RequeueOutcome::NotRequeueable(Status::Pending)
    );
    drop(conn);
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport {
            sent: 1,
            ..Default::default()
        }
    );
    assert_eq!(
        w.smtp.wait_for_mails(1, WAIT).await[0].to,
        ["nam@khong-ton-tai.example"]
    );
    assert_eq!(w.tg.texts_to(601).len(), 1);
}

#[tokio::test]
async fn attachments_travel_with_the_mail() {
    let w = world().await;
    let message = email(
        "pub:mail",
        None,
        "hdtdkt@example.gov.vn",
        "Kết quả thi đua năm 2026",
        "Kính gửi Hội đồng,",
    );
    let csv = Attachment {
        file_name: "ket-qua-2026.csv".into(),
        mime_type: "text/csv".into(),
        content: b"ma,ten\nNV01,Lan\n".to_vec(),
    };
    let mut tx = w.app.ctx.db.write().await.unwrap();
    assert!(
        outbox::enqueue_with_attachments(&mut tx, &message, &[csv], w.app.ctx.now())
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();

    assert_eq!(w.notifier.drain_due().await.unwrap().sent, 1);
    let mail = &w.smtp.wait_for_mails(1, WAIT).await[0];
    assert_eq!(mail.text_body(), "Kính gửi Hội đồng,");
    assert!(mail.data.contains("ket-qua-2026.csv"), "{}", mail.data);
}

#[tokio::test]
async fn without_an_smtp_host_mail_becomes_eml_files_and_telegram_rows_wait_for_the_bot() {
    let app = test_app_with(&[]).await;
    queue(
        &app,
        email(
            "inv:file",
            None,
            "lan@example.gov.vn",
            "Thư mời tham gia hệ thống thi đua",
            "Kính gửi chị Lan,",
        ),
    )
    .await;
    queue(
        &app,
        telegram("tg:wait", Kind::Direct, None, 701, "Chào chị."),
    )
    .await;

    // What `thidua staff invite --send-email` calls after queueing.
    let report = thidua::notify::deliver_pending_email(&app.ctx)
        .await
        .unwrap();
    assert_eq!(
        report,
        DeliveryReport {
            sent: 1,
            ..Default::default()
        }
    );

    let dir = app.dir.path().join("mail");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert!(eml.contains("To: lan@example.gov.vn"), "{eml}");
    assert_eq!(row(&app, "inv:file").await.status, Status::Sent);
    assert_eq!(
        row(&app, "tg:wait").await.status,
        Status::Pending,
        "no bot here: left for the bot"
    );
}

/// Texts say the neutral "anh/chị"; each message is addressed when it leaves: by e-mail a
/// leader is "đồng chí" with the position in the greeting, anyone else "ông" or "bà"; in chat
/// "anh" or "chị".
#[tokio::test]
async fn each_message_is_addressed_to_its_reader_by_gender_and_position() {
    let w = world().await;
    let director = person(
        &w.app,
        "GD01",
        "Phạm Quốc Hùng",
        "hung@example.gov.vn",
        Some(901),
        &["director"],
    )
    .await;
    let staff = person(
        &w.app,
        "NV04",
        "Trần Thị Ngọc Ánh",
        "anh@example.gov.vn",
        Some(902),
        &["staff"],
    )
    .await;
    sqlx::query("UPDATE people SET position = 'Giám đốc Sở' WHERE id = ?1")
        .bind(director)
        .execute(w.app.ctx.db.sqlite_pool())
        .await
        .unwrap();
    let body = |name: &str| {
        format!(
            "Kính gửi anh/chị {name},\nĐề nghị anh/chị xem kết quả. Anh/chị có thể trả lời thư này."
        )
    };
    queue(
        &w.app,
        email(
            "m:gd",
            Some(director),
            "hung@example.gov.vn",
            "Thông báo",
            &body("Phạm Quốc Hùng"),
        ),
    )
    .await;
    queue(
        &w.app,
        email(
            "m:nv",
            Some(staff),
            "anh@example.gov.vn",
            "Thông báo",
            &body("Trần Thị Ngọc Ánh"),
        ),
    )
    .await;
    queue(
        &w.app,
        telegram(
            "t:nv",
            Kind::Direct,
            Some(staff),
            902,
            &body("Trần Thị Ngọc Ánh"),
        ),
    )
    .await;
    w.notifier.drain_due().await.unwrap();
    let mails = w.smtp.wait_for_mails(2, Duration::from_secs(5)).await;
    let to = |address: &str| {
        mails
            .iter()
            .find(|mail| mail.to == [address.to_owned()])
            .unwrap()
            .text_body()
    };
    assert!(
        to("hung@example.gov.vn").starts_with(
            "Kính gửi đồng chí Phạm Quốc Hùng – Giám đốc Sở,\nĐề nghị đồng chí xem kết quả. Đồng chí có thể trả lời thư này."
        ),
        "{}",
        to("hung@example.gov.vn")
    );
    assert!(
        to("anh@example.gov.vn").starts_with(
            "Kính gửi bà Trần Thị Ngọc Ánh,\nĐề nghị bà xem kết quả. Bà có thể trả lời thư này."
        ),
        "{}",
        to("anh@example.gov.vn")
    );
    assert_eq!(
        w.tg.texts_to(902),
        ["Kính gửi chị Trần Thị Ngọc Ánh,\nĐề nghị chị xem kết quả. Chị có thể trả lời thư này."]
    );
}
