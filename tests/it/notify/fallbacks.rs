//! When Telegram will not take a message as sent: a refused person (e-mail instead), a group
//! that moved (re-sent to its new id), a publication with no answer (flagged, never re-posted).

use super::*;
use crate::support::fake_telegram::{FaultKind, FaultSpec};
use serde_json::json;
use std::time::Duration;
use thidua::notify::DeliveryReport;
use thidua::storage::chats;

fn report(sent: usize, retrying: usize, dead: usize, unknown: usize) -> DeliveryReport {
    DeliveryReport {
        sent,
        retrying,
        dead,
        unknown,
    }
}

#[tokio::test]
async fn a_blocked_user_is_marked_unreachable_and_emailed_instead() {
    let w = world().await;
    let lan = person(
        &w.app,
        "NV01",
        "Nguyễn Thị Lan",
        "lan@example.gov.vn",
        Some(503),
        &["staff"],
    )
    .await;
    w.tg.fail_next(FaultSpec::new("SendMessage", FaultKind::Forbidden).in_chat(503));
    let keyboard =
        json!({ "inline_keyboard": [[{ "text": "Tự đánh giá", "callback_data": "sa:start" }]] });
    let mut message = telegram(
        "sa:lan",
        Kind::Reminder,
        Some(lan),
        503,
        "Kính gửi chị Lan, hạn tự đánh giá là 25/11.",
    );
    message.reply_markup = Some(keyboard);
    queue(&w.app, message).await;

    // The refused message is dead, and its e-mail replacement goes out in the same drain.
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 1, 0));
    let mut conn = w.app.ctx.db.read().await.unwrap();
    assert!(chats::is_unreachable(&mut conn, lan).await.unwrap());
    drop(conn);
    let dead = row(&w.app, "sa:lan").await;
    assert_eq!(dead.status, Status::Dead);
    assert!(
        dead.last_error
            .as_deref()
            .unwrap()
            .contains("Forbidden: bot was blocked by the user"),
        "{dead:?}"
    );
    assert_eq!(row(&w.app, "sa:lan:email").await.status, Status::Sent);

    let mails = w.smtp.wait_for_mails(1, Duration::from_secs(5)).await;
    assert_eq!(mails[0].to, ["lan@example.gov.vn"]);
    assert_eq!(
        mails[0].subject(),
        "Thông báo từ Hội đồng Thi đua – Khen thưởng"
    );
    let body = mails[0].text_body();
    assert!(
        body.contains("Kính gửi chị Lan, hạn tự đánh giá là 25/11."),
        "{body}"
    );
    assert!(body.contains("chỉ dùng được trên Telegram"), "{body}");

    // Later messages to her go straight to e-mail: Telegram is not asked again.
    queue(
        &w.app,
        telegram(
            "sa:lan:2",
            Kind::Reminder,
            Some(lan),
            503,
            "Nhắc lại: hạn tự đánh giá là 25/11.",
        ),
    )
    .await;
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 1, 0));
    assert_eq!(w.tg.requests_for("SendMessage").len(), 1);
    assert_eq!(
        w.smtp.wait_for_mails(2, Duration::from_secs(5)).await.len(),
        2
    );
    assert!(w.tg.sent_messages().is_empty(), "nothing reached Telegram");
}

/// A reminder that reaches her by e-mail instead of Telegram says which command to send the
/// bot: the e-mail has no button to press.
#[tokio::test]
async fn a_reminder_emailed_instead_names_the_command_not_a_button() {
    use chrono::TimeZone;
    use thidua::domain::notice::Notice;
    use thidua::domain::phase::Phase;
    use thidua::domain::reminders::{Offset, Task};
    let w = world().await;
    let lan = person(
        &w.app,
        "NV01",
        "Nguyễn Thị Lan",
        "lan@example.gov.vn",
        Some(503),
        &["staff"],
    )
    .await;
    w.tg.fail_next(FaultSpec::new("SendMessage", FaultKind::Forbidden).in_chat(503));
    let mut message = telegram("reminder:lan", Kind::Reminder, Some(lan), 503, "(nhắc hạn)");
    message.notice = Some(Notice::Reminder {
        full_name: "Nguyễn Thị Lan".to_owned(),
        unit_name: "Văn phòng".to_owned(),
        phase: Phase::SelfAssessment,
        offset: Offset::DaysBefore(3),
        deadline: chrono::Utc
            .with_ymd_and_hms(2026, 11, 20, 10, 0, 0)
            .unwrap(),
        due_at: chrono::Utc.with_ymd_and_hms(2026, 11, 17, 1, 0, 0).unwrap(),
        tasks: vec![Task::SubmitAssessment],
        by_email: false,
    });
    queue(&w.app, message).await;
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 1, 0));
    let mails = w.smtp.wait_for_mails(1, Duration::from_secs(5)).await;
    let body = mails[0].text_body();
    assert!(body.contains("gõ /tudanhgia"), "{body}");
    assert!(!body.contains("bấm nút"), "{body}");
    assert!(
        !body.contains("nút bấm"),
        "no button, so no word on buttons: {body}"
    );
}

#[tokio::test]
async fn a_migrated_group_is_remembered_and_the_post_resent_there() {
    let w = world().await;
    let supergroup = -100_4001;
    w.tg.fail_next(
        FaultSpec::new(
            "SendMessage",
            FaultKind::MigrateToChat {
                new_chat_id: supergroup,
            },
        )
        .in_chat(GROUP),
    );
    queue(
        &w.app,
        telegram(
            "pub:1",
            Kind::Publication,
            None,
            GROUP,
            "Công bố kết quả bình xét năm 2026.",
        ),
    )
    .await;

    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 0));
    assert_eq!(
        w.tg.texts_to(supergroup),
        ["Công bố kết quả bình xét năm 2026."]
    );
    assert!(w.tg.texts_to(GROUP).is_empty());
    assert_eq!(
        thidua::notify::group_chat_id(&w.app.ctx).await.unwrap(),
        Some(supergroup)
    );

    // A post queued for the configured (old) id goes to the new group directly.
    queue(
        &w.app,
        telegram(
            "pub:2",
            Kind::Publication,
            None,
            GROUP,
            "Danh sách khen thưởng bổ sung.",
        ),
    )
    .await;
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 0));
    assert_eq!(w.tg.texts_to(supergroup).len(), 2);
    assert_eq!(
        w.tg.requests_for("SendMessage").len(),
        3,
        "one refused, two delivered, no more"
    );
}

#[tokio::test]
async fn a_publication_without_an_answer_is_flagged_not_reposted() {
    // The request reaches the fake, which never answers; the client gives up after 500 ms.
    let w = world_with(|tg| {
        TelegramSender::unthrottled(tg.bot_with_timeout(Duration::from_millis(500)))
    })
    .await;
    person(
        &w.app,
        "VP01",
        "Trần Văn Bình",
        "binh@example.gov.vn",
        Some(505),
        &["secretary"],
    )
    .await;
    w.tg.fail_next(FaultSpec::new("SendMessage", FaultKind::Hang).in_chat(GROUP));
    queue(
        &w.app,
        telegram(
            "pub:hang",
            Kind::Publication,
            None,
            GROUP,
            "Công bố kết quả thi đua năm 2026.",
        ),
    )
    .await;

    // The publication is unknown; the secretary's notice is sent in the same drain.
    assert_eq!(w.notifier.drain_due().await.unwrap(), report(1, 0, 0, 1));
    let flagged = row(&w.app, "pub:hang").await;
    assert_eq!(flagged.status, Status::Unknown);
    let notice = w.tg.texts_to(505);
    assert_eq!(notice.len(), 1);
    assert!(
        notice[0].contains(&format!("#{}", flagged.id)) && notice[0].contains("kiểm tra nhóm"),
        "{notice:?}"
    );

    w.app.clock.advance(seconds(3600));
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport::default()
    );
    assert_eq!(
        w.tg.requests_for("SendMessage")
            .iter()
            .filter(|r| r.chat_id() == Some(GROUP))
            .count(),
        1,
        "never re-posted"
    );
}
