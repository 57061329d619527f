//! `staff invite`: codes stored only as hashes, ≥128 bits, re-inviting revokes, expiry from the
//! settings, selectors, and the invite e-mail queued in the same transaction.

use crate::harness::{TestApp, test_app, test_app_with};
use crate::staff_import::{import_example, scalar};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use thidua::domain::invite_code::InviteStatus;
use thidua::services::invite::{self, InviteError, IssuedInvite, Selector};
use thidua::storage;

/// The subject and body of outbox row `id`, rendered as the notifier will send them.
async fn rendered_email(app: &TestApp, id: i64) -> (String, String) {
    let mut conn = app.ctx.db.read().await.unwrap();
    let row = thidua::storage::outbox::find(&mut conn, id)
        .await
        .unwrap()
        .unwrap();
    let rendered = thidua::notify::render::row(&mut conn, &row).await.unwrap();
    (rendered.subject, rendered.body)
}

pub async fn invite_one(app: &TestApp, employee_code: &str) -> IssuedInvite {
    let mut issued = invite::issue(&app.ctx, &Selector::Employee(employee_code.into()), false)
        .await
        .expect("invite issued");
    assert_eq!(issued.len(), 1);
    issued.remove(0)
}

/// A new invite for someone already linked, as `staff invite --relink` issues it.
pub async fn relink_one(app: &TestApp, employee_code: &str) -> IssuedInvite {
    let options = invite::IssueOptions {
        send_email: false,
        relink: true,
    };
    let (mut issued, skipped) = invite::issue_and_show(
        &app.ctx,
        &Selector::Employee(employee_code.into()),
        options,
        |_| Ok(()),
    )
    .await
    .expect("invite issued");
    assert_eq!((issued.len(), skipped), (1, 0));
    issued.remove(0)
}

#[tokio::test]
async fn only_the_hash_of_a_long_random_code_is_stored() {
    let app = test_app().await;
    import_example(&app).await;
    let issued = invite_one(&app, "NV004").await;

    let bytes = URL_SAFE_NO_PAD
        .decode(issued.code.as_str())
        .expect("URL-safe base64");
    assert!(bytes.len() * 8 >= 128, "{} bits", bytes.len() * 8);
    assert_eq!(
        issued.link,
        format!("https://t.me/thidua_bot?start={}", issued.code.as_str())
    );
    assert!(issued.link.len() - "https://t.me/thidua_bot?start=".len() <= 64);

    let mut conn = app.ctx.db.read().await.unwrap();
    let stored = storage::invites::list_for_person(&mut conn, issued.person_id)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].code_hash, issued.code.hash());
    assert_eq!(stored[0].status, InviteStatus::Pending);
    // The code appears nowhere in the database: not in the invite, not in the audit trail.
    let code = issued.code.as_str();
    let hits = sqlx::query_scalar::<_, i64>(
        "SELECT (SELECT count(*) FROM invites WHERE instr(code_hash, ?1) > 0)
              + (SELECT count(*) FROM audit_log WHERE instr(coalesce(detail, ''), ?1) > 0)",
    )
    .bind(code)
    .fetch_one(app.ctx.db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(hits, 0);
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'invite.issued' AND subject = 'NV004'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn codes_differ_between_people_and_invites() {
    let app = test_app().await;
    import_example(&app).await;
    let issued = invite::issue(&app.ctx, &Selector::All, false)
        .await
        .unwrap();
    assert_eq!(issued.len(), 24);
    let distinct: std::collections::HashSet<&str> =
        issued.iter().map(|invite| invite.code.as_str()).collect();
    assert_eq!(distinct.len(), 24);
}

#[tokio::test]
async fn reinviting_revokes_the_previous_code() {
    let app = test_app().await;
    import_example(&app).await;
    let first = invite_one(&app, "NV004").await;
    assert!(!first.replaced);
    let second = invite_one(&app, "NV004").await;
    assert!(second.replaced);
    assert_ne!(first.code, second.code);

    let mut conn = app.ctx.db.read().await.unwrap();
    let stored = storage::invites::list_for_person(&mut conn, first.person_id)
        .await
        .unwrap();
    let statuses: Vec<_> = stored
        .iter()
        .map(|invite| (invite.code_hash.clone(), invite.status))
        .collect();
    assert_eq!(
        statuses,
        [
            (first.code.hash(), InviteStatus::Revoked),
            (second.code.hash(), InviteStatus::Pending)
        ]
    );
}

#[tokio::test]
async fn invites_expire_after_the_configured_days() {
    let app = test_app_with(&[("THIDUA__INVITES__TTL_DAYS", "3".into())]).await;
    import_example(&app).await;
    let issued = invite_one(&app, "NV010").await;
    assert_eq!(issued.expires_at, app.ctx.now() + Duration::days(3));
    let mut conn = app.ctx.db.read().await.unwrap();
    let stored = storage::invites::find_by_hash(&mut conn, &issued.code.hash())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.expires_at, app.ctx.now() + Duration::days(3));
    assert_eq!(stored.created_at, app.ctx.now());
}

#[tokio::test]
async fn selectors_pick_a_unit_or_one_active_person() {
    let app = test_app().await;
    import_example(&app).await;
    let unit = invite::issue(&app.ctx, &Selector::Unit("tt".into()), false)
        .await
        .unwrap();
    let codes: Vec<&str> = unit
        .iter()
        .map(|invite| invite.employee_code.as_str())
        .collect();
    assert_eq!(codes.len(), 3);
    assert!(
        codes
            .iter()
            .all(|code| ["NV006", "NV007", "NV008"].contains(code)),
        "{codes:?}"
    );

    let unknown = invite::issue(&app.ctx, &Selector::Unit("KTHT".into()), false).await;
    assert!(
        matches!(unknown, Err(InviteError::UnknownUnit(code)) if code == "KTHT"),
        "a block is not a unit"
    );
    let nobody = invite::issue(&app.ctx, &Selector::Employee("NV999".into()), false).await;
    assert!(matches!(nobody, Err(InviteError::UnknownEmployee(_))));

    sqlx::query("UPDATE people SET active = 0 WHERE employee_code = 'NV005'")
        .execute(app.ctx.db.sqlite_pool())
        .await
        .unwrap();
    let inactive = invite::issue(&app.ctx, &Selector::Employee("NV005".into()), false).await;
    assert!(matches!(inactive, Err(InviteError::Inactive(_))));
    let all = invite::issue(&app.ctx, &Selector::All, false)
        .await
        .unwrap();
    assert_eq!(all.len(), 23, "inactive people are not invited");
    assert_eq!(
        scalar(&app, "SELECT count(*) FROM outbox").await,
        0,
        "no e-mail without --send-email"
    );
}

#[tokio::test]
async fn send_email_queues_one_vietnamese_email_per_person_in_the_same_transaction() {
    let app = test_app().await;
    import_example(&app).await;
    let issued = invite::issue(&app.ctx, &Selector::Unit("QLXD".into()), true)
        .await
        .unwrap();
    assert_eq!(issued.len(), 4);
    for invite in &issued {
        let (to, id, key, kind): (String, i64, String, String) = sqlx::query_as(
            "SELECT email_to, id, logical_key, kind FROM outbox WHERE person_id = ?1",
        )
        .bind(invite.person_id.0)
        .fetch_one(app.ctx.db.sqlite_pool())
        .await
        .unwrap();
        // The e-mail as the notifier will send it.
        let (subject, body) = rendered_email(&app, id).await;
        assert_eq!(to, invite.email);
        assert_eq!(key, format!("invite:{}", invite.invite_id));
        assert_eq!(kind, "direct");
        assert!(subject.starts_with("Thư mời"), "{subject}");
        assert!(
            body.starts_with("Kính gửi ") && body.contains(&invite.full_name),
            "{body}"
        );
        assert!(body.contains(&invite.link));
        // The secretary imported with the example is named as the contact.
        assert!(
            body.contains("Lê Minh Khoa (lmkhoa@example.gov.vn)"),
            "{body}"
        );
    }
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM outbox WHERE email_to = 'ttyen@example.gov.vn'")
            .fetch_one(app.ctx.db.sqlite_pool())
            .await
            .unwrap();
    let (_, body) = rendered_email(&app, id).await;
    assert!(body.starts_with("Kính gửi Bà Tô Thị Yến,"), "{body}");
    // 14 days after 10:00 on 1 March 2026, Vietnam time.
    assert!(body.contains("10:00 ngày 15/03/2026"), "{body}");
}
