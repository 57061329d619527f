//! The invite e-mail through a real SMTP conversation: queued by `staff invite --send-email` in
//! the invite's transaction, delivered by the notifier to the sink, read back decoded.

use crate::harness::{repo_file, test_app_with};
use crate::staff_import::{import_example, scalar};
use crate::support::smtp_sink::SmtpSink;
use std::time::Duration;
use thidua::services::invite::{self, Selector};

fn smtp_settings(sink: &SmtpSink) -> Vec<(&'static str, String)> {
    vec![
        ("THIDUA__MAIL__SMTP_HOST", sink.host().into()),
        ("THIDUA__MAIL__SMTP_PORT", sink.port().to_string()),
        ("THIDUA__MAIL__SMTP_SECURITY", "none".into()),
    ]
}

#[tokio::test]
async fn each_invited_person_receives_a_vietnamese_email_with_their_link() {
    let sink = SmtpSink::start().await;
    let app = test_app_with(&smtp_settings(&sink)).await;
    import_example(&app).await;
    let issued = invite::issue(&app.ctx, &Selector::Unit("TT".into()), true)
        .await
        .unwrap();
    assert_eq!(
        scalar(&app, "SELECT count(*) FROM outbox WHERE status = 'pending'").await,
        3
    );

    let report = thidua::notify::deliver_pending_email(&app.ctx)
        .await
        .expect("delivered");
    assert_eq!((report.sent, report.retrying, report.dead), (3, 0, 0));
    let mails = sink.wait_for_mails(3, Duration::from_secs(5)).await;
    assert_eq!(mails.len(), 3);
    for invite in &issued {
        let mail = mails
            .iter()
            .find(|mail| mail.to == [invite.email.clone()])
            .unwrap_or_else(|| panic!("no mail to {}", invite.email));
        assert!(
            mail.subject()
                .starts_with("Thư mời tham gia hệ thống thi đua"),
            "{}",
            mail.subject()
        );
        let body = mail.text_body();
        assert!(body.contains(&invite.full_name), "{body}");
        assert!(body.contains(&invite.link), "{body}");
        assert!(body.contains("chỉ dùng được một lần"), "{body}");
        assert!(body.contains("Dear "), "English follows: {body}");
    }
    let duyen = mails
        .iter()
        .find(|mail| mail.to == ["htmyduyen@example.gov.vn"])
        .unwrap();
    assert!(
        duyen
            .text_body()
            .starts_with("Kính gửi Bà Huỳnh Thị Mỹ Duyên,"),
        "{}",
        duyen.text_body()
    );
    assert_eq!(
        scalar(&app, "SELECT count(*) FROM outbox WHERE status = 'sent'").await,
        3
    );
    // Delivered, no usable code stays at rest: not in the outbox, not in any byte of the
    // database or its write-ahead log (attacker: a copy of the files taken now).
    let rows: Vec<(String, Option<String>)> = sqlx::query_as("SELECT body, notice FROM outbox")
        .fetch_all(app.ctx.db.sqlite_pool())
        .await
        .unwrap();
    let mut files = Vec::new();
    for suffix in ["", "-wal"] {
        let path = app.dir.path().join(format!("thidua.sqlite{suffix}"));
        files.push(std::fs::read(&path).unwrap_or_default());
    }
    for invite in &issued {
        let code = invite.link.rsplit('=').next().unwrap();
        assert!(code.len() >= 16, "{}", invite.link);
        for (body, notice) in &rows {
            assert!(!body.contains(code), "{body}");
            assert!(
                !notice.as_deref().unwrap_or("").contains(code),
                "{notice:?}"
            );
        }
        for bytes in &files {
            assert!(
                !bytes
                    .windows(code.len())
                    .any(|window| window == code.as_bytes()),
                "the code of {} is still in the files",
                invite.full_name
            );
        }
    }

    // Nothing left to send: a second drain sends nothing twice.
    let again = thidua::notify::deliver_pending_email(&app.ctx)
        .await
        .unwrap();
    assert_eq!(again.sent, 0);
    assert_eq!(sink.mails().len(), 3);
}

/// The binary, with its database in `dir` and its mail going to the sink.
fn thidua(dir: &std::path::Path, sink: &SmtpSink) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_thidua"));
    command
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("TELOXIDE_API_URL")
        .env("THIDUA__DATABASE__PATH", dir.join("thidua.sqlite"))
        .env("THIDUA__MAIL__FILE_DIR", dir.join("mail"))
        .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
        .envs(smtp_settings(sink));
    command
}

#[tokio::test]
async fn the_cli_sends_the_invite_and_reports_the_count() {
    let sink = SmtpSink::start().await;
    let dir = tempfile::tempdir().unwrap();
    let imported = thidua(dir.path(), &sink)
        .args(["staff", "import"])
        .arg(repo_file("config/staff.example.csv"))
        .output()
        .await
        .unwrap();
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );

    let output = thidua(dir.path(), &sink)
        .args(["staff", "invite", "--employee", "NV021", "--send-email"])
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("đã gửi / sent 1"), "{stdout}");
    let link = stdout
        .lines()
        .find_map(|line| line.strip_prefix("NV021  Vũ Thị Thanh Hương  "))
        .unwrap_or_else(|| panic!("no link printed: {stdout}"));

    let mails = sink.wait_for_mails(1, Duration::from_secs(5)).await;
    assert_eq!(mails[0].to, ["vtthuong@example.gov.vn"]);
    let body = mails[0].text_body();
    assert!(
        body.contains(link),
        "the e-mailed link is the printed one: {body}"
    );
    assert!(body.contains("Kính gửi Bà Vũ Thị Thanh Hương"), "{body}");
}
