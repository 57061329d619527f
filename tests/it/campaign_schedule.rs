//! Campaigns that can change: a registration that closed is extended, `/dangky` works again, and
//! everyone it concerns is told the new deadline (by Telegram when linked); a calendar the file
//! would refuse is refused with nothing changed; reminders follow the new deadline; the next
//! year's file is written from this one; the operator's commands answer in Vietnamese.

use crate::chat::{ChatTest, MEMBER};
use crate::harness::repo_file;
use crate::reminders::local;
use crate::staff_cli::thidua;
use thidua::domain::phase::Phase;
use thidua::services::campaign::schedule::{self, MoveError};

/// The test department, linked, on 26/03/2026: the example's registration closed the day before.
async fn registration_closed_yesterday() -> ChatTest {
    let test = ChatTest::linked().await;
    test.app.clock.set(local(2026, 3, 26, 9, 0));
    test
}

#[tokio::test]
async fn an_extended_registration_takes_registrations_again_and_everyone_is_told() {
    let test = registration_closed_yesterday().await;
    test.send(MEMBER, "/dangky").await;
    assert!(
        test.last_text(MEMBER).contains("đã kết thúc"),
        "{}",
        test.last_text(MEMBER)
    );

    let moved = schedule::move_phase(
        test.ctx(),
        2026,
        Phase::Registration,
        None,
        local(2026, 4, 3, 17, 0),
    )
    .await
    .expect("moved");
    assert_eq!(moved.after.closes, local(2026, 4, 3, 17, 0));
    assert_eq!(moved.before.closes, local(2026, 3, 25, 17, 0));
    // Everyone with a staff, head or secretary role in the test department: five but the
    // director, who holds none of them.
    assert_eq!(moved.told, 4);
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE logical_key LIKE 'phase-moved:2026:registration:%' ORDER BY id",
    )
    .fetch_all(test.ctx().db.sqlite_pool())
    .await
    .unwrap();
    let bodies = crate::support::outbox_text::bodies(&test.ctx().db, ids).await;
    assert_eq!(bodies.len(), 4);
    assert!(
        bodies.iter().any(|body| body
            .contains("đăng ký danh hiệu thi đua của đợt thi đua năm 2026 được gia hạn")
            && body.contains("03/04/2026 17:00")
            && body.starts_with("Kính gửi chị")),
        "{bodies:#?}"
    );
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'campaign.phase_moved' AND subject = '2026'",
    )
    .fetch_one(test.ctx().db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(audited, 1);

    test.send(MEMBER, "/dangky").await;
    let asked = test.last_text(MEMBER);
    assert!(asked.contains("Hạn đăng ký: 03/04/2026 17:00"), "{asked}");

    // Reminders follow the new deadline: a week before it, those still unregistered are due
    // one, keyed by the new deadline (the old one's are no longer planned).
    let preview = thidua::services::reminders::preview(test.ctx(), local(2026, 3, 27, 8, 0))
        .await
        .unwrap();
    assert!(!preview.reminders.is_empty(), "{preview:?}");
    assert!(
        preview
            .reminders
            .iter()
            .all(|line| line.logical_key.contains(":registration:20260403T1700:")),
        "{:?}",
        preview
            .reminders
            .iter()
            .map(|l| &l.logical_key)
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn a_calendar_the_file_would_refuse_is_refused_and_nothing_changes() {
    let test = ChatTest::linked().await;
    let before = thidua::services::campaign::show(test.ctx(), 2026)
        .await
        .unwrap()
        .unwrap();
    // Past the self-assessment's own close.
    let refused = schedule::move_phase(
        test.ctx(),
        2026,
        Phase::Registration,
        None,
        local(2026, 11, 25, 17, 0),
    )
    .await;
    assert!(
        matches!(&refused, Err(MoveError::Calendar(error)) if error.field == "phases.self_assessment.closes"),
        "{refused:?}"
    );
    // In the past (the test clock is 01/03/2026).
    let refused = schedule::move_phase(
        test.ctx(),
        2026,
        Phase::Registration,
        None,
        local(2026, 2, 20, 17, 0),
    )
    .await;
    assert!(
        matches!(refused, Err(MoveError::ClosesInThePast)),
        "{refused:?}"
    );
    let after = thidua::services::campaign::show(test.ctx(), 2026)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(before, after);
    let queued: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox")
        .fetch_one(test.ctx().db.sqlite_pool())
        .await
        .unwrap();
    assert_eq!(queued, 0, "nobody told of a change that did not happen");
}

#[test]
fn the_operator_extends_a_phase_and_writes_next_years_file_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let example = repo_file("config/campaign.example.toml");
    let opened = thidua(dir.path(), &["campaign", "open", example.to_str().unwrap()]);
    assert!(
        opened.status.success(),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );

    let again = thidua(dir.path(), &["campaign", "open", example.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("đợt thi đua năm 2026 đã được mở"),
        "{stderr}"
    );
    assert!(stderr.contains("campaign extend"), "{stderr}");

    // The binary runs on the wall clock: a close far ahead is in the future whenever this runs.
    let extended = thidua(
        dir.path(),
        &[
            "campaign",
            "extend",
            "quyetdinh",
            "--until",
            "31/12/2099",
            "--year",
            "2026",
        ],
    );
    let stdout = String::from_utf8_lossy(&extended.stdout);
    assert!(
        extended.status.success(),
        "{}",
        String::from_utf8_lossy(&extended.stderr)
    );
    assert!(
        stdout.contains("Đã dời giai đoạn quyết định và công bố năm 2026"),
        "{stdout}"
    );
    assert!(stdout.contains("31/12/2099 17:00"), "{stdout}");

    let bad = thidua(
        dir.path(),
        &["campaign", "extend", "vote", "--until", "31/12/2099"],
    );
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Không có giai đoạn `vote`"), "{stderr}");

    let next = dir.path().join("2027.toml");
    let written = thidua(
        dir.path(),
        &[
            "campaign",
            "new",
            "--year",
            "2027",
            "--from",
            "2026",
            "--out",
            next.to_str().unwrap(),
        ],
    );
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    let opened = thidua(dir.path(), &["campaign", "open", next.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&opened.stdout);
    assert!(
        opened.status.success(),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );
    assert!(stdout.contains("Đã mở đợt thi đua năm 2027"), "{stdout}");
}

/// A member back from leave after registration closed: reopened for her alone, she registers;
/// her colleague, whose calendar did not change, is still refused.
#[tokio::test]
async fn a_registration_reopened_for_one_person_is_open_for_her_alone() {
    use crate::chat::{HEAD, OTHER_UNIT};
    use schedule::ReopenFor;
    let test = registration_closed_yesterday().await;
    let reopened = schedule::reopen_for(
        test.ctx(),
        2026,
        Phase::Registration,
        &ReopenFor::Employee("VP02".into()),
        local(2026, 3, 31, 17, 0),
        "nghỉ thai sản đến 25/3",
    )
    .await
    .expect("reopened");
    assert_eq!(
        (reopened.name.as_str(), reopened.told),
        ("Nguyễn Thị Mai", 1)
    );

    test.send(MEMBER, "/dangky").await;
    let mai = test.last_text(MEMBER);
    assert!(mai.contains("Vui lòng chọn danh hiệu"), "{mai}");
    test.send(OTHER_UNIT, "/dangky").await;
    assert!(test.last_text(OTHER_UNIT).contains("đã kết thúc"));
    test.send(HEAD, "/dangky").await;
    assert!(test.last_text(HEAD).contains("đã kết thúc"));

    let notice: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE logical_key LIKE 'phase-reopened:2026:registration:%'",
    )
    .fetch_all(test.ctx().db.sqlite_pool())
    .await
    .unwrap();
    let bodies = crate::support::outbox_text::bodies(&test.ctx().db, notice).await;
    assert_eq!(bodies.len(), 1);
    assert!(
        bodies[0].contains("mở lại giai đoạn đăng ký danh hiệu thi đua của đợt thi đua năm 2026 cho chị đến 31/03/2026 17:00"),
        "{bodies:?}"
    );
    let reason: String = sqlx::query_scalar(
        "SELECT json_extract(detail, '$.reason') FROM audit_log WHERE action = 'campaign.phase_reopened'",
    )
    .fetch_one(test.ctx().db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(reason, "nghỉ thai sản đến 25/3");

    // After her reopening ends she is refused like everyone.
    test.app.clock.set(local(2026, 4, 1, 9, 0));
    test.send(MEMBER, "/dangky").await;
    assert!(test.last_text(MEMBER).contains("đã kết thúc"));
}

#[tokio::test]
async fn a_reopening_the_council_cannot_use_or_that_says_nothing_is_refused() {
    use schedule::ReopenFor;
    let test = registration_closed_yesterday().await;
    let until = local(2026, 3, 31, 17, 0);
    let unit = ReopenFor::Unit("VP".into());
    let employee = |code: &str| ReopenFor::Employee(code.into());
    // (phase, for whom, until, reason, the refusal expected)
    let cases = [
        (Phase::Ballot, unit.clone(), until, "lý do", "NotReopenable"),
        (Phase::Registration, unit.clone(), until, "  ", "NoReason"),
        (
            Phase::Registration,
            ReopenFor::Unit("XX".into()),
            until,
            "lý do",
            "UnknownUnit",
        ),
        (
            Phase::Registration,
            employee("NV999"),
            until,
            "lý do",
            "UnknownEmployee",
        ),
        // Self-assessment closes on 20/11 for everyone: a reopening before then means nothing.
        (
            Phase::SelfAssessment,
            unit,
            local(2026, 11, 1, 17, 0),
            "lý do",
            "StillOpen",
        ),
    ];
    for (phase, scope, until, reason, expected) in cases {
        let refused = schedule::reopen_for(test.ctx(), 2026, phase, &scope, until, reason).await;
        let Err(error) = refused else {
            panic!("{phase:?} for {scope:?} was accepted");
        };
        assert!(
            format!("{error:?}").starts_with(expected),
            "{error:?}, expected {expected}"
        );
    }
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM phase_reopenings")
        .fetch_one(test.ctx().db.sqlite_pool())
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_registration_reopened_for_a_unit_is_open_to_its_people_only() {
    use crate::chat::OTHER_UNIT;
    let test = registration_closed_yesterday().await;
    let reopened = schedule::reopen_for(
        test.ctx(),
        2026,
        Phase::Registration,
        &schedule::ReopenFor::Unit("TT".into()),
        local(2026, 3, 31, 17, 0),
        "đơn vị mới thành lập",
    )
    .await
    .expect("reopened");
    assert_eq!((reopened.name.as_str(), reopened.told), ("Thanh tra", 1));
    test.send(OTHER_UNIT, "/dangky").await;
    assert!(
        test.last_text(OTHER_UNIT)
            .contains("Vui lòng chọn danh hiệu")
    );
    test.send(MEMBER, "/dangky").await;
    assert!(test.last_text(MEMBER).contains("đã kết thúc"));
}

/// From the secretary in chat: what the move does is shown first, nothing moves until she
/// confirms; anyone else is refused; a bad argument gets the usage.
#[tokio::test]
async fn the_secretary_extends_registration_in_chat_after_seeing_what_it_does() {
    use crate::chat::SECRETARY;
    let test = registration_closed_yesterday().await;

    test.send(SECRETARY, "/giahan dangky").await;
    assert!(test.last_text(SECRETARY).contains("Cách dùng: /giahan"));
    test.send(MEMBER, "/giahan dangky 03/04/2026").await;
    let refused = test.last_text(MEMBER);
    assert!(!refused.contains("Đổi hạn"), "{refused}");

    test.send(SECRETARY, "/giahan dangky 03/04/2026").await;
    let preview = test.last_text(SECRETARY);
    assert!(
        preview.contains("hạn hiện tại 25/03/2026 17:00 → hạn mới 03/04/2026 17:00"),
        "{preview}"
    );
    assert!(
        preview.contains("4 người liên quan sẽ nhận thông báo"),
        "{preview}"
    );
    let unchanged = thidua::services::campaign::show(test.ctx(), 2026)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        unchanged.window(Phase::Registration).unwrap().closes,
        local(2026, 3, 25, 17, 0),
        "nothing moves before the confirmation"
    );

    test.press(SECRETARY, "✅ Xác nhận gia hạn").await;
    let done = test.last_text(SECRETARY);
    assert!(
        done.contains(
            "Đã đổi hạn giai đoạn đăng ký danh hiệu thi đua năm 2026 thành 03/04/2026 17:00"
        ),
        "{done}"
    );
    let actor: (String, String) = sqlx::query_as(
        "SELECT a.source, p.employee_code FROM audit_log a JOIN people p ON p.id = a.actor_person_id
          WHERE a.action = 'campaign.phase_moved'",
    )
    .fetch_one(test.ctx().db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(
        actor,
        ("bot".into(), "VP03".into()),
        "audited as the secretary"
    );
    test.send(MEMBER, "/dangky").await;
    assert!(test.last_text(MEMBER).contains("Vui lòng chọn danh hiệu"));
}
