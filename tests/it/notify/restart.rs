//! A process that died mid-send: the rows it left `sending` are recovered by the next one.

use super::*;
use thidua::notify::{DeliveryReport, RecoveryReport};
use thidua::storage::outbox::Channel;

/// Claims every due row the way a worker does, then "crashes" (never records an outcome).
async fn claim_and_crash(app: &TestApp, channel: Option<Channel>) -> usize {
    let mut tx = app.ctx.db.write().await.unwrap();
    let claimed = outbox::claim_due(&mut tx, app.ctx.now(), channel, 100)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    claimed.len()
}

#[tokio::test]
async fn after_a_crash_a_direct_message_is_resent_and_a_publication_flagged() {
    let w = world().await;
    person(
        &w.app,
        "VP01",
        "Trần Văn Bình",
        "binh@example.gov.vn",
        Some(801),
        &["secretary"],
    )
    .await;
    queue(
        &w.app,
        telegram(
            "d:crash",
            Kind::Direct,
            None,
            802,
            "Đăng ký của chị đã được ghi nhận.",
        ),
    )
    .await;
    queue(
        &w.app,
        telegram(
            "pub:crash",
            Kind::Publication,
            None,
            GROUP,
            "Công bố kết quả năm 2026.",
        ),
    )
    .await;
    assert_eq!(claim_and_crash(&w.app, None).await, 2);
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport::default(),
        "claimed rows are not due"
    );

    // The restarted bot.
    assert_eq!(
        w.notifier.recover_at_start().await.unwrap(),
        RecoveryReport {
            requeued: 1,
            unknown: 1
        }
    );
    // The re-send waits out Telegram's per-chat second, which the dead process may have used;
    // the secretary's notice of the uncertain publication is new and goes at once.
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport {
            sent: 1,
            ..Default::default()
        }
    );
    w.app.clock.advance(seconds(1));
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport {
            sent: 1,
            ..Default::default()
        }
    );

    assert_eq!(
        w.tg.texts_to(802),
        ["Đăng ký của chị đã được ghi nhận."],
        "re-sent once"
    );
    assert!(
        w.tg.texts_to(GROUP).is_empty(),
        "the publication is not re-posted"
    );
    let flagged = row(&w.app, "pub:crash").await;
    assert_eq!(flagged.status, Status::Unknown);
    let notice = w.tg.texts_to(801);
    assert_eq!(notice.len(), 1);
    assert!(
        notice[0].starts_with("Kính gửi anh Trần Văn Bình")
            && notice[0].contains(&format!("#{}", flagged.id))
    );

    // Nothing else is pending; a second recovery finds nothing.
    assert_eq!(
        w.notifier.recover_at_start().await.unwrap(),
        RecoveryReport::default()
    );
    let all = statuses(&w.app).await;
    assert!(
        all.iter()
            .all(|(_, status)| matches!(status, Status::Sent | Status::Unknown)),
        "{all:?}"
    );
}

#[tokio::test]
async fn an_email_claimed_by_another_process_is_left_alone_until_its_lease_runs_out() {
    let w = world().await;
    queue(
        &w.app,
        email(
            "inv:lease",
            None,
            "lan@example.gov.vn",
            "Thư mời",
            "Kính gửi chị Lan,",
        ),
    )
    .await;
    // e.g. `thidua staff invite --send-email` is sending it right now.
    assert_eq!(claim_and_crash(&w.app, Some(Channel::Email)).await, 1);

    assert_eq!(
        w.notifier.recover_at_start().await.unwrap(),
        RecoveryReport::default()
    );
    w.app.clock.advance(seconds(299));
    assert_eq!(
        w.notifier.recover_stale().await.unwrap(),
        RecoveryReport::default()
    );
    w.app.clock.advance(seconds(2));
    assert_eq!(
        w.notifier.recover_stale().await.unwrap(),
        RecoveryReport {
            requeued: 1,
            unknown: 0
        }
    );
    assert_eq!(
        w.notifier.drain_due().await.unwrap(),
        DeliveryReport {
            sent: 1,
            ..Default::default()
        }
    );
    assert_eq!(
        w.smtp
            .wait_for_mails(1, std::time::Duration::from_secs(5))
            .await
            .len(),
        1
    );
}
