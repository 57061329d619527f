//! The outbox worker against the fake Telegram Bot API and the SMTP sink, with a manual clock:
//! every test drains the outbox explicitly and moves the clock itself, so nothing waits on a
//! background task or sleeps.

mod cli;
mod fallbacks;
mod mail;
mod restart;
mod telegram;

use crate::harness::{TestApp, test_app_with};
use crate::support::fake_telegram::FakeTelegram;
use crate::support::smtp_sink::SmtpSink;
use chrono::Utc;
use thidua::notify::{Mailer, Notifier, TelegramSender};
use thidua::storage::outbox::{self, Destination, Kind, NewMessage, OutboxRow, Status};

/// The publication group as configured (a basic group; Telegram moves it when upgraded).
pub const GROUP: i64 = -4001;

/// A test's world: the app (database, clock, settings), both fakes and a worker wired to them.
pub struct World {
    pub app: TestApp,
    pub tg: FakeTelegram,
    pub smtp: SmtpSink,
    pub notifier: Notifier,
}

/// Settings pointing the mailer at `smtp` (plain SMTP, no TLS) and the group at [`GROUP`].
pub fn overrides(smtp: &SmtpSink) -> Vec<(&'static str, String)> {
    vec![
        ("THIDUA__MAIL__SMTP_HOST", smtp.host().to_owned()),
        ("THIDUA__MAIL__SMTP_PORT", smtp.port().to_string()),
        ("THIDUA__MAIL__SMTP_SECURITY", "none".to_owned()),
        ("THIDUA__MAIL__TIMEOUT_SECONDS", "5".to_owned()),
        ("THIDUA__TELEGRAM__GROUP_CHAT_ID", GROUP.to_string()),
        ("THIDUA__NOTIFY__BACKOFF_BASE_SECONDS", "30".to_owned()),
        ("THIDUA__NOTIFY__MAX_ATTEMPTS", "5".to_owned()),
    ]
}

/// A world whose Telegram sender has no throttle: retries to one chat go out as soon as the
/// test drains, instead of waiting out the send gate's real-time 1 s per chat.
pub async fn world() -> World {
    world_with(|tg| TelegramSender::unthrottled(tg.bot())).await
}

pub async fn world_with(sender: impl FnOnce(&FakeTelegram) -> TelegramSender) -> World {
    let tg = FakeTelegram::start().await;
    let smtp = SmtpSink::start().await;
    let app = test_app_with(&overrides(&smtp)).await;
    let mailer = Mailer::from_settings(&app.ctx.settings.mail).expect("mailer");
    let notifier = Notifier::new(app.ctx.clone(), Some(sender(&tg)), mailer);
    World {
        app,
        tg,
        smtp,
        notifier,
    }
}

/// Inserts an active person in unit VP with the given roles; returns their id.
pub async fn person(
    app: &TestApp,
    code: &str,
    name: &str,
    email: &str,
    telegram: Option<i64>,
    roles: &[&str],
) -> i64 {
    let now = Utc::now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO people (employee_code, full_name, unit_code, position, email, gender, hire_date,
                             telegram_user_id, created_at, updated_at)
         VALUES (?1, ?2, 'VP', 'Chuyên viên', ?3, ?6, '2020-01-01', ?4, ?5, ?5) RETURNING id",
    )
    .bind(code)
    .bind(name)
    .bind(email)
    .bind(telegram)
    .bind(now)
    // The messages address people by gender; the fixtures' names say which.
    .bind(if name.contains(" Thị ") { "female" } else { "male" })
    .fetch_one(app.ctx.db.sqlite_pool())
    .await
    .expect("person inserted");
    for role in roles {
        sqlx::query("INSERT INTO person_roles (person_id, role) VALUES (?1, ?2)")
            .bind(id)
            .bind(role)
            .execute(app.ctx.db.sqlite_pool())
            .await
            .expect("role inserted");
    }
    id
}

/// Queues a message the way a service does (in its own transaction); false if the key existed.
pub async fn queue(app: &TestApp, message: NewMessage) -> bool {
    let mut tx = app.ctx.db.write().await.expect("tx");
    let queued = outbox::enqueue(&mut tx, &message, app.ctx.now())
        .await
        .expect("enqueue");
    tx.commit().await.expect("commit");
    queued
}

pub fn telegram(
    key: &str,
    kind: Kind,
    person_id: Option<i64>,
    chat_id: i64,
    body: &str,
) -> NewMessage {
    NewMessage {
        logical_key: key.to_owned(),
        kind,
        person_id,
        destination: Destination::Telegram { chat_id },
        body: body.to_owned(),
        reply_markup: None,
        notice: None,
    }
}

pub fn email(key: &str, person_id: Option<i64>, to: &str, subject: &str, body: &str) -> NewMessage {
    NewMessage {
        logical_key: key.to_owned(),
        kind: Kind::Direct,
        person_id,
        destination: Destination::Email {
            to: to.to_owned(),
            subject: subject.to_owned(),
        },
        body: body.to_owned(),
        reply_markup: None,
        notice: None,
    }
}

pub async fn row(app: &TestApp, key: &str) -> OutboxRow {
    let mut conn = app.ctx.db.read().await.expect("connection");
    outbox::find_by_key(&mut conn, key)
        .await
        .expect("query")
        .unwrap_or_else(|| panic!("no outbox row `{key}`"))
}

/// Every outbox row's key and status, by id: the "nothing marked sent without success" check.
pub async fn statuses(app: &TestApp) -> Vec<(String, Status)> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT logical_key, status FROM outbox ORDER BY id")
            .fetch_all(app.ctx.db.sqlite_pool())
            .await
            .expect("outbox rows");
    rows.into_iter()
        .map(|(key, status)| {
            let status = match status.as_str() {
                "pending" => Status::Pending,
                "sending" => Status::Sending,
                "sent" => Status::Sent,
                "dead" => Status::Dead,
                "unknown" => Status::Unknown,
                other => panic!("unexpected status {other}"),
            };
            (key, status)
        })
        .collect()
}

pub fn seconds(n: i64) -> chrono::Duration {
    chrono::Duration::seconds(n)
}
