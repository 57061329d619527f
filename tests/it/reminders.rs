//! Deadline reminders, digests, escalations and reports through `services::reminders`, with the
//! manual clock: each test calls `run_pass` at chosen instants (no cron, no sleeping) and reads
//! what reached the outbox and the `reminders` table.
//!
//! The example campaign's registration closes Wednesday 25/03/2026 17:00, so the reminders fall
//! on 18/03 (7d), Friday 20/03 (3d, Sunday 22/03 moved back), 24/03 (1d) and 25/03 (last day),
//! at 08:00 local.
#![allow(dead_code)]

use crate::chat::{ChatTest, HEAD, MEMBER, OTHER_UNIT, SECRETARY};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use thidua::domain::reminders::local_instant;
use thidua::domain::title::Title;
use thidua::notify::{Mailer, Notifier, TelegramSender};
use thidua::services::registration::Choice;
use thidua::services::reminders::{self, PassReport};
use thidua::storage::outbox::{self, Destination, Kind, OutboxRow, Status};

/// A local (Asia/Ho_Chi_Minh) instant.
pub fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    local_instant(
        NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        NaiveTime::from_hms_opt(h, min, 0).unwrap(),
    )
}

pub async fn pass(test: &ChatTest, now: DateTime<Utc>) -> PassReport {
    test.app.clock.set(now);
    reminders::run_pass(test.ctx(), now)
        .await
        .expect("pass runs")
}

/// Every outbox row whose key starts with `prefix`, oldest first, with its text and keyboard as
/// the notifier would send them now (typed rows hold a notice, rendered at send time).
pub async fn outbox_rows(test: &ChatTest, prefix: &str) -> Vec<OutboxRow> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE substr(logical_key, 1, length(?1)) = ?1 ORDER BY id",
    )
    .bind(prefix)
    .fetch_all(test.ctx().db.sqlite_pool())
    .await
    .unwrap();
    let mut conn = test.ctx().db.read().await.unwrap();
    let mut rows = Vec::new();
    for id in ids {
        let row = outbox::find(&mut conn, id).await.unwrap().unwrap();
        rows.push(crate::support::outbox_text::as_sent(&mut conn, row).await);
    }
    rows
}

/// (employee code, offset, status, reason) of every recorded reminder, in due order.
pub async fn recorded(test: &ChatTest) -> Vec<(String, String, String, Option<String>)> {
    sqlx::query_as(
        "SELECT p.employee_code, r.offset_code, r.status, r.reason FROM reminders r
           JOIN people p ON p.id = r.person_id ORDER BY r.due_at, p.employee_code",
    )
    .fetch_all(test.ctx().db.sqlite_pool())
    .await
    .unwrap()
}

fn chat_of(row: &OutboxRow) -> i64 {
    match row.destination {
        Destination::Telegram { chat_id } => chat_id,
        Destination::Email { .. } => panic!("expected a Telegram row: {row:?}"),
    }
}

/// Mai (VP02) registers: she no longer owes anything.
async fn mai_registers(test: &ChatTest) {
    thidua::services::registration::save(
        test.ctx(),
        &crate::harness::caller(test.ctx(), MEMBER as i64).await,
        Choice {
            individual: Title::Ldtt,
            collective: None,
        },
    )
    .await
    .expect("Mai registers");
}

#[tokio::test]
async fn reminders_at_the_due_instant_reach_only_people_who_still_owe_and_never_twice() {
    let test = ChatTest::linked().await;
    mai_registers(&test).await;
    assert!(pass(&test, local(2026, 3, 18, 7, 59)).await.is_empty());
    let report = pass(&test, local(2026, 3, 18, 8, 0)).await;
    assert_eq!(report.queued.len(), 3, "{report:?}");
    let rows = outbox_rows(&test, "reminder:").await;
    let mut chats: Vec<i64> = rows.iter().map(chat_of).collect();
    chats.sort();
    // Hùng (head), Bảo (secretary, also staff) and Lan; not Mai (registered), not the director.
    assert_eq!(chats, [HEAD as i64, SECRETARY as i64, OTHER_UNIT as i64]);
    for row in &rows {
        assert_eq!(row.kind, Kind::Reminder);
        assert_eq!(row.status, Status::Pending);
        assert!(row.body.contains("25/03/2026 17:00"), "{}", row.body);
        // Each addressed by gender: Lan is "chị", Hùng and Bảo "anh".
        let greeting = if chat_of(row) == OTHER_UNIT as i64 {
            "Kính gửi chị Phạm Thị Lan,"
        } else {
            "Kính gửi anh "
        };
        assert!(row.body.contains(greeting), "{}", row.body);
        let markup = row.reply_markup.as_deref().expect("a button");
        assert!(
            markup.contains("r1:reg") && markup.contains("Đăng ký ngay"),
            "{markup}"
        );
    }
    let head = rows.iter().find(|row| chat_of(row) == HEAD as i64).unwrap();
    assert!(
        head.body
            .contains("đăng ký danh hiệu tập thể cho Văn phòng"),
        "the head also owes the unit's title: {}",
        head.body
    );
    // The same instant, a minute later, and after the next day's wake-ups: nothing doubled.
    assert!(pass(&test, local(2026, 3, 18, 8, 0)).await.is_empty());
    assert!(pass(&test, local(2026, 3, 18, 8, 1)).await.is_empty());
    assert_eq!(outbox_rows(&test, "reminder:").await.len(), 3);
    assert_eq!(recorded(&test).await.len(), 3);
}

/// Each reminder of a round says how close the deadline is, counted from the day it is read:
/// the 3-day one, moved from Sunday back to Friday, reads five days.
#[tokio::test]
async fn each_reminder_says_how_many_days_remain() {
    let test = ChatTest::linked().await;
    let mut seen = Vec::new();
    for day in [18, 20, 24, 25] {
        pass(&test, local(2026, 3, day, 8, 0)).await;
        let rows = outbox_rows(&test, "reminder:").await;
        let lan = rows
            .iter()
            .rfind(|row| chat_of(row) == OTHER_UNIT as i64)
            .expect("Lan is reminded");
        seen.push(lan.body.lines().nth(1).unwrap_or_default().to_owned());
    }
    assert_eq!(
        seen,
        [
            "Thời hạn đăng ký danh hiệu thi đua còn 7 ngày, kết thúc lúc 25/03/2026 17:00.",
            "Thời hạn đăng ký danh hiệu thi đua còn 5 ngày, kết thúc lúc 25/03/2026 17:00.",
            "Thời hạn đăng ký danh hiệu thi đua còn 1 ngày — hạn chót là ngày mai, 25/03/2026 17:00.",
            "Hôm nay là ngày cuối của thời hạn đăng ký danh hiệu thi đua: hạn chót là 25/03/2026 17:00.",
        ]
    );
}

#[tokio::test]
async fn a_restart_between_the_due_time_and_the_send_sends_each_reminder_once() {
    let mut test = ChatTest::linked().await;
    // The process was down at 08:00 and comes back at 10:00: the pass after start catches up.
    test.restart().await;
    let report = pass(&test, local(2026, 3, 18, 10, 0)).await;
    assert_eq!(report.queued.len(), 4, "{report:?}");
    // It stops again before the outbox worker delivered anything, and starts once more.
    test.restart().await;
    assert!(pass(&test, local(2026, 3, 18, 10, 1)).await.is_empty());
    let mailer = Mailer::from_settings(&test.ctx().settings.mail).unwrap();
    let notifier = Notifier::new(
        test.ctx().clone(),
        Some(TelegramSender::unthrottled(test.bot.clone())),
        mailer,
    );
    notifier.drain_due().await.expect("delivered");
    test.restart().await;
    assert!(pass(&test, local(2026, 3, 18, 11, 0)).await.is_empty());
    let notifier = Notifier::new(
        test.ctx().clone(),
        Some(TelegramSender::unthrottled(test.bot.clone())),
        Mailer::from_settings(&test.ctx().settings.mail).unwrap(),
    );
    notifier.drain_due().await.expect("nothing left");
    for user in [HEAD, MEMBER, SECRETARY, OTHER_UNIT] {
        let reminders: Vec<_> = test
            .shown_to(user)
            .into_iter()
            .filter(|message| {
                message.text.starts_with("Kính gửi anh ")
                    || message.text.starts_with("Kính gửi chị ")
            })
            .collect();
        assert_eq!(reminders.len(), 1, "user {user}: {reminders:#?}");
    }
}

#[tokio::test]
async fn downtime_beyond_the_grace_window_is_recorded_as_skipped_with_the_reason() {
    let test = ChatTest::linked().await;
    // Down from before 08:00 until 20:30 on 18/03: 12 h 30 after the due time.
    let late = pass(&test, local(2026, 3, 18, 20, 30)).await;
    assert!(late.queued.is_empty());
    assert_eq!(late.skipped.len(), 4);
    assert!(
        late.skipped
            .iter()
            .all(|(_, reason)| reason == "grace_expired")
    );
    assert!(outbox_rows(&test, "reminder:").await.is_empty());
    assert_eq!(
        test.audit_actions("reminder.skipped").await.len(),
        4,
        "each skip is audited"
    );
    // Down again from 19/03 until Tuesday 24/03 08:15: the 3d reminder (Friday) is skipped, the
    // 1d reminder is sent.
    let back = pass(&test, local(2026, 3, 24, 8, 15)).await;
    assert_eq!(back.queued.len(), 4);
    assert_eq!(back.skipped.len(), 4);
    let mai: Vec<_> = recorded(&test)
        .await
        .into_iter()
        .filter(|(code, ..)| code == "VP02")
        .map(|(_, offset, status, reason)| (offset, status, reason))
        .collect();
    assert_eq!(
        mai,
        [
            ("7d".into(), "skipped".into(), Some("grace_expired".into())),
            ("3d".into(), "skipped".into(), Some("grace_expired".into())),
            ("1d".into(), "queued".into(), None),
        ]
    );
}

#[tokio::test]
async fn a_later_reminder_supersedes_an_earlier_one_still_waiting_in_the_outbox() {
    let test = ChatTest::linked().await;
    pass(&test, local(2026, 3, 18, 8, 0)).await;
    // Telegram was unreachable since: the 7d rows are still pending when the 3d ones fall due.
    let report = pass(&test, local(2026, 3, 20, 8, 0)).await;
    assert_eq!(report.queued.len(), 4);
    assert_eq!(report.superseded.len(), 4, "{report:?}");
    let rows = outbox_rows(&test, "reminder:").await;
    let (old, new): (Vec<_>, Vec<_>) = rows
        .iter()
        .partition(|row| row.logical_key.ends_with(":7d"));
    assert!(old.iter().all(|row| row.status == Status::Dead
        && row.last_error.as_deref() == Some("reminder superseded_by:3d")));
    assert!(new.iter().all(|row| row.status == Status::Pending));
    let statuses: Vec<_> = recorded(&test)
        .await
        .into_iter()
        .filter(|(code, ..)| code == "TT01")
        .map(|(_, offset, status, _)| (offset, status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("7d".into(), "superseded".into()),
            ("3d".into(), "queued".into())
        ]
    );
}

#[tokio::test]
async fn unit_heads_get_a_daily_digest_and_the_secretary_an_escalation_after_the_deadline() {
    let test = ChatTest::linked().await;
    mai_registers(&test).await;
    // Monday 02/03 at 08:30.
    let monday = pass(&test, local(2026, 3, 2, 8, 30)).await;
    assert_eq!(monday.digests.len(), 1, "{monday:?}");
    assert!(monday.digests[0].starts_with("digest:2026-03-02:VP:"));
    let digest = &outbox_rows(&test, "digest:").await[0];
    assert_eq!(chat_of(digest), HEAD as i64);
    assert!(digest.body.contains("Lê Quốc Bảo") && digest.body.contains("Trần Văn Hùng"));
    assert!(!digest.body.contains("Nguyễn Thị Mai"), "Mai registered");
    assert!(!digest.body.contains("Phạm Thị Lan"), "another unit");
    assert!(
        pass(&test, local(2026, 3, 2, 9, 0))
            .await
            .digests
            .is_empty(),
        "once a day"
    );
    assert!(
        pass(&test, local(2026, 3, 7, 8, 30))
            .await
            .digests
            .is_empty(),
        "Saturday"
    );
    // Registration closed Wednesday 25/03 17:00; the secretary hears on Thursday 26/03 at 08:00.
    assert!(
        pass(&test, local(2026, 3, 25, 18, 0))
            .await
            .escalations
            .is_empty()
    );
    let thursday = pass(&test, local(2026, 3, 26, 8, 0)).await;
    assert_eq!(thursday.escalations.len(), 1);
    let escalation = &outbox_rows(&test, "escalation:").await[0];
    assert_eq!(chat_of(escalation), SECRETARY as i64);
    assert!(escalation.body.contains("Thanh tra") && escalation.body.contains("Văn phòng"));
    assert!(
        escalation.body.contains("Phạm Thị Lan"),
        "{}",
        escalation.body
    );
    assert!(
        pass(&test, local(2026, 3, 27, 8, 0))
            .await
            .escalations
            .is_empty()
    );
}

#[tokio::test]
async fn the_periodic_report_goes_by_email_to_council_members_and_the_province() {
    let test = ChatTest::linked().await;
    mai_registers(&test).await;
    // The shipped setting has no provincial address; this run's does.
    let mut settings = (*test.ctx().settings).clone();
    settings.reminders.provincial_council_email = "hdtdkt@tayninh.gov.vn".into();
    let ctx = thidua::services::Ctx {
        settings: std::sync::Arc::new(settings),
        ..test.ctx().clone()
    };
    let queued = reminders::queue_report(&ctx, local(2026, 4, 1, 8, 0))
        .await
        .unwrap();
    assert_eq!(
        queued.len(),
        3,
        "two council members and the province: {queued:?}"
    );
    assert!(
        reminders::queue_report(&ctx, local(2026, 4, 1, 8, 0))
            .await
            .unwrap()
            .is_empty()
    );
    let rows = outbox_rows(&test, "report:").await;
    let to: Vec<String> = rows
        .iter()
        .map(|row| match &row.destination {
            Destination::Email { to, .. } => to.clone(),
            Destination::Telegram { .. } => panic!("reports are e-mails"),
        })
        .collect();
    assert!(to.contains(&"hdtdkt@tayninh.gov.vn".to_owned()), "{to:?}");
    assert!(to.contains(&"duc.vm@example.gov.vn".to_owned()), "{to:?}");
    let body = &rows[0].body;
    assert!(body.contains("Văn phòng: 1/3"), "{body}");
    assert!(body.contains("Thanh tra: 0/1"), "{body}");
    // Before the campaign starts, nothing.
    assert!(
        reminders::queue_report(&ctx, local(2026, 1, 1, 8, 0))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_reopened_phase_reminds_again_for_its_new_deadline() {
    let test = ChatTest::linked().await;
    for instant in [
        local(2026, 3, 18, 8, 0),
        local(2026, 3, 20, 8, 0),
        local(2026, 3, 24, 8, 0),
        local(2026, 3, 25, 8, 0),
    ] {
        pass(&test, instant).await;
    }
    assert!(
        pass(&test, local(2026, 3, 26, 9, 0))
            .await
            .queued
            .is_empty()
    );
    // The secretary reopens registration until Tuesday 31/03 17:00 (no service exists yet for
    // editing windows, so the test edits the row).
    sqlx::query(
        "UPDATE campaign_phases SET closes_at = ?1 WHERE campaign_year = 2026 AND phase = 'registration'",
    )
    .bind(local(2026, 3, 31, 17, 0))
    .execute(test.ctx().db.sqlite_pool())
    .await
    .unwrap();
    assert!(
        pass(&test, local(2026, 3, 27, 10, 0)).await.queued.len() == 4,
        "3d of the new round"
    );
    let monday = pass(&test, local(2026, 3, 30, 8, 0)).await;
    assert_eq!(monday.queued.len(), 4);
    assert!(
        monday
            .queued
            .iter()
            .all(|key| key.contains(":20260331T1700:") && key.ends_with(":1d"))
    );
}

#[tokio::test]
async fn starting_the_scheduler_catches_up_at_once_and_it_stops_cleanly() {
    let test = ChatTest::linked().await;
    // The process starts at 09:00 on 18/03, an hour after the 7d reminders fell due.
    test.app.clock.set(local(2026, 3, 18, 9, 0));
    let scheduler = thidua::scheduler::start(test.ctx().clone())
        .await
        .expect("the shipped cron settings are valid");
    assert_eq!(outbox_rows(&test, "reminder:").await.len(), 4);
    scheduler.shutdown().await;
}
