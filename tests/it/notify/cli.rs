//! `thidua outbox status` and `thidua outbox retry ID` as an operator runs them, on a database
//! the test prepared through the library.

use super::*;
use crate::harness::repo_file;
use std::process::{Command, Output, Stdio};

fn thidua(app: &TestApp, args: &[&str]) -> Output {
    let dir = app.dir.path();
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("TELOXIDE_API_URL")
        .env("THIDUA__DATABASE__PATH", dir.join("thidua.sqlite"))
        .env("THIDUA__MAIL__FILE_DIR", dir.join("mail"))
        .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
        .stdin(Stdio::null())
        .output()
        .expect("thidua runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn status_lists_dead_rows_with_their_reason_and_retry_requeues_them() {
    let app = test_app_with(&[]).await;
    queue(
        &app,
        telegram("d:cli", Kind::Direct, None, 901, "Chào anh."),
    )
    .await;
    queue(
        &app,
        email(
            "e:cli",
            None,
            "lan@example.gov.vn",
            "Thư mời",
            "Kính gửi chị Lan,",
        ),
    )
    .await;
    let mut tx = app.ctx.db.write().await.unwrap();
    let claimed = outbox::claim_due(&mut tx, app.ctx.now(), None, 1)
        .await
        .unwrap();
    assert!(
        outbox::mark_dead(
            &mut tx,
            claimed[0].id,
            1,
            "Telegram: Bad Request: chat not found"
        )
        .await
        .unwrap()
    );
    tx.commit().await.unwrap();
    let dead_id = claimed[0].id.to_string();

    let status = thidua(&app, &["outbox", "status"]);
    assert!(status.status.success(), "{status:?}");
    let text = stdout(&status);
    assert!(text.contains("Đang chờ gửi / pending: 1"), "{text}");
    assert!(text.contains("Không gửi được / dead: 1"), "{text}");
    assert!(
        text.contains(&format!("#{dead_id} direct")) && text.contains("chat not found"),
        "{text}"
    );

    let retried = thidua(&app, &["outbox", "retry", &dead_id]);
    assert!(retried.status.success(), "{retried:?}");
    assert_eq!(row(&app, "d:cli").await.status, Status::Pending);

    let again = thidua(&app, &["outbox", "retry", &dead_id]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "a pending row is not retried: {again:?}"
    );
    let missing = thidua(&app, &["outbox", "retry", "999"]);
    assert_eq!(missing.status.code(), Some(1), "{missing:?}");
}

#[tokio::test]
async fn a_bounced_email_retried_after_the_address_was_corrected_goes_to_the_new_address() {
    let app = test_app_with(&[]).await;
    thidua::services::staff_import::import(&app.ctx, crate::chat::STAFF_CSV.as_bytes())
        .await
        .unwrap();
    let mai: i64 = sqlx::query_scalar("SELECT id FROM people WHERE employee_code = 'VP02'")
        .fetch_one(app.ctx.db.sqlite_pool())
        .await
        .unwrap();
    queue(
        &app,
        email(
            "e:bounced",
            Some(mai),
            "mai.nt@exmaple.gov.vn",
            "Thư mời",
            "Kính gửi chị Mai,",
        ),
    )
    .await;
    let mut tx = app.ctx.db.write().await.unwrap();
    let claimed = outbox::claim_due(&mut tx, app.ctx.now(), None, 1)
        .await
        .unwrap();
    outbox::mark_dead(&mut tx, claimed[0].id, 1, "550 no such domain")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // The staff file still has the right address; the e-mail went to a mistyped one.
    let retried = thidua(&app, &["outbox", "retry", &claimed[0].id.to_string()]);
    let said = stdout(&retried);
    assert!(retried.status.success(), "{retried:?}");
    assert!(said.contains("mai.nt@example.gov.vn"), "{said}");
    assert!(said.contains("`thidua run`"), "no bot running: {said}");
    let row = row(&app, "e:bounced").await;
    assert_eq!(row.status, Status::Pending);
    assert!(
        matches!(&row.destination, Destination::Email { to, .. } if to == "mai.nt@example.gov.vn"),
        "{:?}",
        row.destination
    );
}
