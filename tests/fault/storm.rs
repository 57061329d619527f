//! A Telegram API storm (502s, 429s with `retry_after`, dropped connections, requests that hang
//! past the client's timeout, a few "blocked by the user") and an SMTP outage of several
//! minutes, against the production notifier (`TelegramSender::new`: Telegram's flood limits
//! through the send gate) and a manual clock. Minutes pass on the clock, not in real time; the
//! only real waits are the ones teloxide and the gate impose (a 502 costs 10 s inside teloxide,
//! a 429 pauses the gate for its `retry_after`).
//!
//! At the end: every message is sent or dead-lettered; nothing is marked sent that the fake or
//! the SMTP sink did not accept; and no request to a chat came before its `retry_after` elapsed.

use crate::harness::{TestApp, test_app_with};
use crate::support::fake_telegram::{FakeTelegram, FaultKind, FaultSpec, Outcome};
use crate::support::smtp_sink::{SmtpMode, SmtpSink};
use chrono::Utc;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;
use std::time::Duration;
use thidua::notify::{Mailer, Notifier, TelegramSender};
use thidua::storage::outbox::{self, Destination, Kind, NewMessage};

const GROUP: i64 = -4001;

/// An outbox row as checked here: key, status, body, chat, e-mail address, last error.
type OutboxLine = (
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
);

async fn person(app: &TestApp, i: usize, telegram: i64) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO people (employee_code, full_name, unit_code, position, email, gender, hire_date,
                             telegram_user_id, created_at, updated_at)
         VALUES (?1, ?2, 'VP', 'Chuyên viên', ?3, 'female', '2020-01-01', ?4, ?5, ?5) RETURNING id",
    )
    .bind(format!("S{i:03}"))
    .bind(format!("Người {i}"))
    .bind(format!("s{i}@example.gov.vn"))
    .bind(telegram)
    .bind(Utc::now())
    .fetch_one(app.ctx.db.sqlite_pool())
    .await
    .unwrap()
}

async fn queue(app: &TestApp, message: NewMessage) {
    let mut tx = app.ctx.db.write().await.unwrap();
    assert!(
        outbox::enqueue(&mut tx, &message, app.ctx.now())
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
}

fn telegram(
    key: String,
    kind: Kind,
    person: Option<i64>,
    chat_id: i64,
    body: String,
) -> NewMessage {
    NewMessage {
        logical_key: key,
        kind,
        person_id: person,
        destination: Destination::Telegram { chat_id },
        body,
        reply_markup: None,
        notice: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_message_ends_sent_or_dead_and_retry_after_is_honoured() {
    let long = crate::long_form();
    let seed = crate::seed("storm");
    let mut rng = StdRng::seed_from_u64(seed);
    let (people, emails, outage_minutes) = if long { (200, 100, 20) } else { (40, 20, 6) };
    let tg = FakeTelegram::start().await;
    let smtp = SmtpSink::start().await;
    let app = test_app_with(&[
        ("THIDUA__MAIL__SMTP_HOST", smtp.host().to_owned()),
        ("THIDUA__MAIL__SMTP_PORT", smtp.port().to_string()),
        ("THIDUA__MAIL__SMTP_SECURITY", "none".to_owned()),
        ("THIDUA__MAIL__TIMEOUT_SECONDS", "2".to_owned()),
        ("THIDUA__TELEGRAM__GROUP_CHAT_ID", GROUP.to_string()),
        ("THIDUA__NOTIFY__BACKOFF_BASE_SECONDS", "30".to_owned()),
        ("THIDUA__NOTIFY__MAX_ATTEMPTS", "8".to_owned()),
    ])
    .await;
    let mailer = Mailer::from_settings(&app.ctx.settings.mail).unwrap();
    let sender = TelegramSender::new(tg.bot_with_timeout(Duration::from_secs(2)));
    let notifier = Notifier::new(app.ctx.clone(), Some(sender), mailer);

    // The messages: one direct message and some reminders per person, a few publications,
    // e-mails. Bodies carry a marker so deliveries can be matched to rows.
    for i in 0..people {
        let chat = 700_000 + i as i64;
        let id = person(&app, i, chat).await;
        queue(
            &app,
            telegram(
                format!("storm:direct:{i}"),
                Kind::Direct,
                Some(id),
                chat,
                format!("Tin #D{i}#"),
            ),
        )
        .await;
        if i % 4 == 0 {
            queue(
                &app,
                telegram(
                    format!("storm:reminder:{i}"),
                    Kind::Reminder,
                    Some(id),
                    chat,
                    format!("Nhắc #N{i}#"),
                ),
            )
            .await;
        }
    }
    for i in 0..4 {
        queue(
            &app,
            telegram(
                format!("storm:publication:{i}"),
                Kind::Publication,
                None,
                GROUP,
                format!("Công bố #P{i}#"),
            ),
        )
        .await;
    }
    for i in 0..emails {
        queue(
            &app,
            NewMessage {
                logical_key: format!("storm:email:{i}"),
                kind: Kind::Direct,
                person_id: None,
                destination: Destination::Email {
                    to: format!("m{i}@example.gov.vn"),
                    subject: format!("Thư {i}"),
                },
                body: format!("Nội dung #E{i}#"),
                reply_markup: None,
                notice: None,
            },
        )
        .await;
    }

    // The storm. 502s and hangs cost real seconds (teloxide waits 10 s after a 5xx; a hang
    // lasts the client's 2 s timeout), so there are few of them; the rest are cheap.
    let mut faults = 0;
    let mut budget_5xx = if long { 3 } else { 1 };
    let mut budget_hang = if long { 6 } else { 2 };
    let mut budget_forbidden = 2;
    for i in 0..people {
        let chat = 700_000 + i as i64;
        for _ in 0..rng.random_range(0..4) {
            let kind = match rng.random_range(0..10) {
                0 if budget_5xx > 0 => {
                    budget_5xx -= 1;
                    FaultKind::ServerError
                }
                1 if budget_hang > 0 => {
                    budget_hang -= 1;
                    FaultKind::Hang
                }
                2 if budget_forbidden > 0 => {
                    budget_forbidden -= 1;
                    FaultKind::Forbidden
                }
                3..=5 => FaultKind::TooManyRequests {
                    retry_after: *[1, 2].choose(&mut rng).unwrap(),
                },
                _ => FaultKind::Disconnect,
            };
            tg.fail_next(FaultSpec::new("SendMessage", kind).in_chat(chat));
            faults += 1;
        }
    }
    // Publications are never re-sent when a send may have gone through, so only unambiguous
    // failures for them.
    for _ in 0..3 {
        tg.fail_next(
            FaultSpec::new("SendMessage", FaultKind::TooManyRequests { retry_after: 1 })
                .in_chat(GROUP),
        );
        faults += 1;
    }
    smtp.set_mode(SmtpMode::RefuseConnections).await;
    println!("storm: {faults} Telegram faults scripted; SMTP down for {outage_minutes} minutes");

    let open = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')",
        )
        .fetch_one(app.ctx.db.sqlite_pool())
        .await
        .unwrap()
    };
    let started = app.ctx.now();
    let real = std::time::Instant::now();
    let mut minute = 0;
    while open().await > 0 {
        notifier.drain_due().await.unwrap();
        minute += 1;
        if minute == outage_minutes {
            smtp.set_mode(SmtpMode::Accept).await;
        }
        app.clock.advance(chrono::Duration::minutes(1));
        assert!(minute < 24 * 60, "still open after a simulated day");
    }
    println!(
        "storm: settled after {} simulated minutes, {:.1} s real",
        (app.ctx.now() - started).num_minutes(),
        real.elapsed().as_secs_f64()
    );

    // Every row sent or dead.
    let rows: Vec<OutboxLine> = sqlx::query_as(
        "SELECT logical_key, status, body, chat_id, email_to, last_error FROM outbox ORDER BY id",
    )
    .fetch_all(app.ctx.db.sqlite_pool())
    .await
    .unwrap();
    let mut by_status: HashMap<String, usize> = HashMap::new();
    for (key, status, ..) in &rows {
        *by_status.entry(status.clone()).or_default() += 1;
        assert!(status == "sent" || status == "dead", "{key} ended {status}");
    }
    println!("storm: outcome {by_status:?}");

    // Nothing marked sent without success.
    let requests = tg.requests_for("SendMessage");
    let answered: Vec<(i64, String)> = requests
        .iter()
        .filter(|r| r.outcome == Outcome::Answered)
        .map(|r| {
            (
                r.chat_id().unwrap_or(0),
                r.body["text"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let mails = smtp.mails();
    for (key, status, body, chat, email_to, _) in &rows {
        if status != "sent" {
            continue;
        }
        match (chat, email_to) {
            (Some(chat), _) => assert!(
                answered.iter().any(|(c, text)| c == chat && text == body),
                "{key} marked sent, but Telegram never accepted it"
            ),
            (None, Some(to)) => assert!(
                mails.iter().any(|m| m.to.iter().any(|t| t == to)),
                "{key} marked sent, but the SMTP server never accepted it"
            ),
            _ => panic!("{key} has no destination"),
        }
    }
    for (key, status, _, _, _, error) in &rows {
        if status == "dead" {
            println!(
                "storm: dead-lettered {key}: {}",
                error.clone().unwrap_or_default()
            );
        }
    }

    // No request to a chat before its retry_after elapsed (real time, as Telegram measures it).
    let mut shortest: Option<Duration> = None;
    for (index, request) in requests.iter().enumerate() {
        let Outcome::Fault(FaultKind::TooManyRequests { retry_after }) = request.outcome else {
            continue;
        };
        let wait = Duration::from_secs(u64::from(retry_after));
        if let Some(next) = requests[index + 1..]
            .iter()
            .find(|later| later.chat_id() == request.chat_id())
        {
            let gap = next.received_at.duration_since(request.received_at);
            shortest = Some(shortest.map_or(gap, |s: Duration| s.min(gap)));
            assert!(
                gap + Duration::from_millis(20) >= wait,
                "chat {:?} asked again {gap:?} after a 429 with retry_after {retry_after} s",
                request.chat_id()
            );
        }
    }
    println!("storm: shortest gap after a 429 before the next request to that chat: {shortest:?}");
}
