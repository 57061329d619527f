//! `link_account` (the service behind `/start <code>`): good, used, expired, revoked, unknown and
//! malformed codes, an account bound to someone else, a lost phone, the rate limit and the
//! idempotent repeat of an update Telegram delivers twice.

use crate::harness::{TestApp, test_app};
use crate::invites::{invite_one, relink_one};
use crate::staff_import::{import_example, scalar};
use chrono::Duration;
use thidua::domain::invite_code::{InviteCode, InviteStatus};
use thidua::domain::person::Person;
use thidua::services::link::{Linked, confirm_move, link_account, pending_move};
use thidua::services::{Refusal, ServiceError};
use thidua::storage;

const ANH: i64 = 4004;
const OTHER: i64 = 5005;

/// The person an attempt linked; panics on a move waiting for confirmation.
fn done(linked: Linked) -> Person {
    match linked {
        Linked::Done(person) => person,
        Linked::MoveAsked(request) => panic!("expected a link, got a move to confirm: {request:?}"),
    }
}

async fn ready() -> TestApp {
    let app = test_app().await;
    import_example(&app).await;
    app
}

fn refusal<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> Refusal {
    match result {
        Err(ServiceError::Refused(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn failures(app: &TestApp, telegram_user_id: i64) -> i64 {
    scalar(
        app,
        &format!("SELECT count(*) FROM link_failures WHERE telegram_user_id = {telegram_user_id}"),
    )
    .await
}

async fn bound_to(app: &TestApp, employee_code: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT telegram_user_id FROM people WHERE employee_code = ?1")
        .bind(employee_code)
        .fetch_one(app.ctx.db.sqlite_pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_good_code_binds_the_account_and_uses_the_invite() {
    let app = ready().await;
    let invite = invite_one(&app, "NV004").await;
    let person = done(
        link_account(&app.ctx, ANH, ANH, invite.code.as_str())
            .await
            .expect("linked"),
    );
    assert_eq!(person.employee_code, "NV004");
    assert_eq!(person.full_name, "Trần Ngọc Ánh");
    assert_eq!(person.telegram_user_id, Some(ANH));

    let mut conn = app.ctx.db.read().await.unwrap();
    let stored = storage::invites::find_by_hash(&mut conn, &invite.code.hash())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, InviteStatus::Used);
    assert_eq!(stored.used_by_telegram_id, Some(ANH));
    assert_eq!(stored.used_at, Some(app.ctx.now()));
    let linked = storage::people::find_active_by_telegram_user(&mut conn, ANH)
        .await
        .unwrap();
    assert_eq!(
        linked.map(|person| person.employee_code),
        Some("NV004".into())
    );
    let audit = storage::audit::list_by_action_prefix(&mut conn, "person.linked")
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(
        (audit[0].chat_id, audit[0].actor_telegram_id),
        (Some(ANH), Some(ANH))
    );
    assert_eq!(audit[0].subject.as_deref(), Some("NV004"));
}

#[tokio::test]
async fn repeating_the_same_update_is_harmless() {
    let app = ready().await;
    let invite = invite_one(&app, "NV004").await;
    link_account(&app.ctx, ANH, ANH, invite.code.as_str())
        .await
        .unwrap();
    let again = done(
        link_account(&app.ctx, ANH, ANH, invite.code.as_str())
            .await
            .expect("idempotent"),
    );
    assert_eq!(again.employee_code, "NV004");
    assert_eq!(failures(&app, ANH).await, 0);
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'person.linked'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_used_code_is_refused_for_another_account() {
    let app = ready().await;
    let invite = invite_one(&app, "NV004").await;
    link_account(&app.ctx, ANH, ANH, invite.code.as_str())
        .await
        .unwrap();
    assert_eq!(
        refusal(link_account(&app.ctx, OTHER, OTHER, invite.code.as_str()).await),
        Refusal::InviteUsed
    );
    assert_eq!(bound_to(&app, "NV004").await, Some(ANH));
    assert_eq!(failures(&app, OTHER).await, 1);
}

#[tokio::test]
async fn a_code_expires_at_its_deadline() {
    let app = ready().await;
    let invite = invite_one(&app, "NV004").await;
    app.clock.set(invite.expires_at);
    assert_eq!(
        refusal(link_account(&app.ctx, ANH, ANH, invite.code.as_str()).await),
        Refusal::InviteExpired
    );
    assert_eq!(bound_to(&app, "NV004").await, None);
    assert_eq!(failures(&app, ANH).await, 1);

    // One second earlier it would have worked: the deadline is exact.
    let fresh = invite_one(&app, "NV004").await;
    app.clock.set(fresh.expires_at - Duration::seconds(1));
    link_account(&app.ctx, ANH, ANH, fresh.code.as_str())
        .await
        .expect("still valid");
}

#[tokio::test]
async fn a_revoked_code_is_refused() {
    let app = ready().await;
    let old = invite_one(&app, "NV004").await;
    let new = invite_one(&app, "NV004").await;
    assert_eq!(
        refusal(link_account(&app.ctx, ANH, ANH, old.code.as_str()).await),
        Refusal::InviteRevoked
    );
    assert_eq!(bound_to(&app, "NV004").await, None);
    link_account(&app.ctx, ANH, ANH, new.code.as_str())
        .await
        .expect("the new code works");
}

#[tokio::test]
async fn a_deactivated_persons_code_is_refused() {
    let app = ready().await;
    let invite = invite_one(&app, "NV024").await;
    let without: String = crate::staff_import::example_csv()
        .lines()
        .filter(|line| !line.starts_with("NV024,"))
        .map(|line| format!("{line}\n"))
        .collect();
    thidua::services::staff_import::import(&app.ctx, without.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        refusal(link_account(&app.ctx, ANH, ANH, invite.code.as_str()).await),
        Refusal::InviteRevoked
    );
    assert_eq!(bound_to(&app, "NV024").await, None);
}

#[tokio::test]
async fn unknown_and_malformed_codes_are_refused_and_audited_without_the_code() {
    let app = ready().await;
    let unknown = InviteCode::generate();
    for payload in [
        unknown.as_str(),
        "hello",
        "",
        "../../etc/passwd",
        &"x".repeat(200),
    ] {
        assert_eq!(
            refusal(link_account(&app.ctx, ANH, ANH, payload).await),
            Refusal::InviteUnknown,
            "{payload:?}"
        );
    }
    assert_eq!(failures(&app, ANH).await, 5);
    let mut conn = app.ctx.db.read().await.unwrap();
    let audit = storage::audit::list_by_action_prefix(&mut conn, "link.refused")
        .await
        .unwrap();
    assert_eq!(audit.len(), 5);
    assert!(
        audit
            .iter()
            .all(|row| row.actor_telegram_id == Some(ANH) && row.chat_id == Some(ANH))
    );
    let detail = audit[0].detail.clone().unwrap();
    assert!(!detail.contains(unknown.as_str()), "{detail}");
    assert!(
        detail.contains(&unknown.hash()[..12]),
        "the hash prefix identifies the attempt: {detail}"
    );
}

#[tokio::test]
async fn an_account_bound_to_someone_else_cannot_take_another_invite() {
    let app = ready().await;
    let anh = invite_one(&app, "NV004").await;
    let thinh = invite_one(&app, "NV005").await;
    link_account(&app.ctx, ANH, ANH, anh.code.as_str())
        .await
        .unwrap();
    assert_eq!(
        refusal(link_account(&app.ctx, ANH, ANH, thinh.code.as_str()).await),
        Refusal::AccountBoundToOther
    );
    assert_eq!(bound_to(&app, "NV005").await, None);
    assert_eq!(bound_to(&app, "NV004").await, Some(ANH));
    assert_eq!(failures(&app, ANH).await, 0, "not a guessing attempt");
    // The invite is untouched and still works for its owner.
    link_account(&app.ctx, OTHER, OTHER, thinh.code.as_str())
        .await
        .expect("NV005 links");
}

#[tokio::test]
async fn a_person_who_lost_their_phone_relinks_with_a_new_invite() {
    let app = ready().await;
    let first = invite_one(&app, "NV004").await;
    link_account(&app.ctx, ANH, ANH, first.code.as_str())
        .await
        .unwrap();
    let second = relink_one(&app, "NV004").await;
    // The new account is asked first; nothing moves, the invite stays usable.
    let Linked::MoveAsked(request) = link_account(&app.ctx, OTHER, OTHER, second.code.as_str())
        .await
        .unwrap()
    else {
        panic!("a linked record moves only once confirmed");
    };
    assert_eq!(request.person.employee_code, "NV004");
    assert_eq!(bound_to(&app, "NV004").await, Some(ANH));
    let pending = scalar(
        &app,
        &format!(
            "SELECT COUNT(*) FROM invites WHERE id = {} AND status = 'pending'",
            request.invite_id
        ),
    )
    .await;
    assert_eq!(pending, 1, "the invite is still usable");
    assert_eq!(
        pending_move(&app.ctx, OTHER, OTHER, request.invite_id)
            .await
            .unwrap()
            .person
            .employee_code,
        "NV004",
        "the question can be shown again"
    );

    let person = confirm_move(&app.ctx, OTHER, OTHER, request.invite_id)
        .await
        .expect("moved");
    assert_eq!(person.telegram_user_id, Some(OTHER));
    // Confirming again, or showing the question again, finds nothing left to move.
    assert_eq!(
        refusal(pending_move(&app.ctx, OTHER, OTHER, request.invite_id).await),
        Refusal::InviteUsed
    );
    // The old account and the e-mail on file are told, in the same transaction.
    let told: Vec<(Option<i64>, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT chat_id, email_to, notice FROM outbox WHERE logical_key LIKE 'link:moved:%' ORDER BY id",
    )
    .fetch_all(app.ctx.db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(told.len(), 2, "{told:?}");
    assert_eq!(told[0].0, Some(ANH));
    assert_eq!(told[1].1.as_deref(), Some(person.email.as_str()));
    assert!(told.iter().all(|row| {
        row.2
            .as_deref()
            .unwrap_or_default()
            .contains("\"account_moved\"")
    }));
    let mut conn = app.ctx.db.read().await.unwrap();
    assert!(
        storage::people::find_active_by_telegram_user(&mut conn, ANH)
            .await
            .unwrap()
            .is_none()
    );
    let relinked = storage::audit::list_by_action_prefix(&mut conn, "person.relinked")
        .await
        .unwrap();
    assert_eq!(relinked.len(), 1);
    assert!(
        relinked[0]
            .detail
            .as_deref()
            .unwrap_or_default()
            .contains(&ANH.to_string())
    );
}

#[tokio::test]
async fn wrong_codes_are_rate_limited_until_the_window_passes() {
    let app = ready().await;
    let invite = invite_one(&app, "NV004").await;
    let max = app.ctx.settings.linking.max_failures;
    let window = Duration::minutes(i64::from(app.ctx.settings.linking.failure_window_minutes));
    let first_failure = app.ctx.now();
    for _ in 0..max {
        link_account(&app.ctx, ANH, ANH, InviteCode::generate().as_str())
            .await
            .unwrap_err();
        app.clock.advance(Duration::minutes(1));
    }
    // Now even the right code waits: guessing must cost time.
    let limited = refusal(link_account(&app.ctx, ANH, ANH, invite.code.as_str()).await);
    assert_eq!(
        limited,
        Refusal::TooManyAttempts {
            retry_after: first_failure + window
        }
    );
    assert_eq!(
        failures(&app, ANH).await,
        i64::from(max),
        "a limited attempt is not itself counted"
    );
    assert_eq!(bound_to(&app, "NV004").await, None);

    // Another account is not affected by this one's failures.
    let thinh = invite_one(&app, "NV005").await;
    link_account(&app.ctx, OTHER, OTHER, thinh.code.as_str())
        .await
        .expect("other account unaffected");

    // Just before the oldest failure leaves the window: still limited; at the instant: allowed.
    app.clock.set(first_failure + window - Duration::seconds(1));
    refusal(link_account(&app.ctx, ANH, ANH, invite.code.as_str()).await);
    app.clock.set(first_failure + window);
    let person = done(
        link_account(&app.ctx, ANH, ANH, invite.code.as_str())
            .await
            .expect("limit lifted"),
    );
    assert_eq!(person.employee_code, "NV004");
}

/// A stranger repeating wrong codes writes a bounded audit: each counted failure, then one row
/// for the rate limit per window however many attempts follow it.
#[tokio::test]
async fn a_stranger_hammering_start_leaves_a_bounded_audit() {
    let app = ready().await;
    let max = app.ctx.settings.linking.max_failures;
    for _ in 0..200 {
        link_account(&app.ctx, ANH, ANH, InviteCode::generate().as_str())
            .await
            .unwrap_err();
        app.clock.advance(Duration::seconds(1));
    }
    let refused = scalar(
        &app,
        &format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'link.refused' AND actor_telegram_id = {ANH}"
        ),
    )
    .await;
    assert_eq!(
        refused,
        i64::from(max) + 1,
        "200 attempts, {max} counted and one limited"
    );
    assert_eq!(failures(&app, ANH).await, i64::from(max));
    // A new window: the next limited attempt is recorded once more.
    let window = Duration::minutes(i64::from(app.ctx.settings.linking.failure_window_minutes));
    app.clock.advance(window);
    for _ in 0..(max + 10) {
        link_account(&app.ctx, ANH, ANH, InviteCode::generate().as_str())
            .await
            .unwrap_err();
    }
    let refused = scalar(
        &app,
        &format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'link.refused' AND actor_telegram_id = {ANH}"
        ),
    )
    .await;
    assert_eq!(refused, 2 * (i64::from(max) + 1));
}
