//! `kill -9` of the running bot (the real `thidua` binary, long-polling the fake Bot API) at
//! seeded moments while people link their accounts with `/start <invite code>`, register a
//! title through /dangky's buttons and self-assess through /tudanhgia (buttons and a typed
//! summary), while their six unit heads link and approve them through /duyet, and while the
//! outbox delivers reminders and publications. After the last restart:
//! - every update the fake delivered is in the durable inbox and finished: processed once (a
//!   change and its done mark commit together) or, when the process died between a saved
//!   change and its answer, answered after the restart with a note that it was saved;
//! - everyone is linked to their own account, every invite used once;
//! - everyone got through: every registration is in the database with the title its person
//!   chose, every self-assessment submitted once (version 1) with the answers given and approved
//!   by the unit's head: zero lost.
//!   A step is through when the bot confirms it, or, after a restart's note that something was
//!   saved, when /trangthai shows it;
//! - no reminder was delivered twice, except those on the wire at each kill: the send gate keeps
//!   `30/s × round trip` sends open, at least one and three before the first answer (a restarted
//!   process starts there), so at most `3 × kills` reminders may repeat on loopback (counted,
//!   reported; `fan_out.rs` does the same at a 200 ms round trip); no publication was delivered
//!   twice at all;
//! - `PRAGMA integrity_check` is ok.
//!
//! People do not repeat themselves: nobody sends /start, /dangky or an answer again when the
//! bot goes quiet, so an update lost with the process would leave its person stuck and fail the
//! test. They only do what the bot tells them: after a restart's note, /trangthai; when that
//! says their self-assessment is in progress, /tudanhgia to carry on.

use crate::harness::{repo_file, settings_in};
use crate::support::fake_telegram::{FakeTelegram, Outcome, SentMessage, TOKEN};
use chrono::Datelike;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use thidua::services::{self, Ctx};
use thidua::storage::outbox::{self, Destination, Kind, NewMessage};

pub(crate) const GROUP: i64 = -4001;
/// The operator's ballot key for every run of the binary in these tests (restarts keep it).
const BALLOT_KEY: &str = "5e1f0c3a9b7d4e2f8a6c1b3d5e7f9a0c2b4d6e8f0a1c3e5b7d9f1a2c4e6b8d0f";
/// Telegram ids of the simulated people: `USER_BASE + person id`.
pub(crate) const USER_BASE: u64 = 300_000_000;

pub(crate) const TITLES: [(&str, &str); 2] = [
    ("LDTT", "Lao động tiên tiến"),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở"),
];

pub(crate) const UNITS: [&str; 6] = ["VP", "TT", "QHPTDT", "QLXD", "QLNVLXD", "TTQHGD"];

/// `n` staff spread over the six units, then each unit's head (employee code `H<unit>`).
pub(crate) fn staff_csv(n: usize) -> String {
    let mut csv =
        String::from("employee_code,full_name,unit_code,position,email,gender,hire_date,roles\n");
    for i in 1..=n {
        csv.push_str(&format!(
            "K{i:04},Người Thử {i},{},Chuyên viên,k{i}@example.gov.vn,nam,2015-03-01,staff\n",
            UNITS[(i - 1) % UNITS.len()]
        ));
    }
    for unit in UNITS {
        csv.push_str(&format!(
            "H{unit},Trưởng Đơn Vị {unit},{unit},Trưởng phòng,h{unit}@example.gov.vn,nữ,2010-03-01,staff;unit_head\n"
        ));
    }
    csv
}

/// This year's campaign with registration open all year, so the binary's real clock is inside.
pub(crate) fn campaign(year: i32) -> String {
    let mut text = format!(
        "year = {year}\nname = \"Thử lỗi {year}\"\nrule_set = \"luat-2022\"\n\
         titles = [\"LDTT\", \"CSTDCS\", \"TLDTT\", \"TLDXS\"]\n"
    );
    for (phase, opens, closes) in [
        ("registration", "01-01T00:00", "12-31T20:00"),
        ("self_assessment", "01-01T00:00", "12-31T20:00"),
        ("unit_review", "12-31T20:00", "12-31T21:00"),
        ("appraisal", "12-31T21:00", "12-31T22:00"),
        ("ballot", "12-31T22:00", "12-31T23:00"),
        ("decision", "12-31T23:00", "12-31T23:30"),
    ] {
        text.push_str(&format!(
            "[phases.{phase}]\nopens = \"{year}-{opens}\"\ncloses = \"{year}-{closes}\"\n"
        ));
    }
    text
}

fn overrides() -> Vec<(&'static str, String)> {
    vec![("THIDUA__TELEGRAM__GROUP_CHAT_ID", GROUP.to_string())]
}

/// How the prepared people get their Telegram accounts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Linking {
    /// In one statement: for tests about something else.
    InOneStatement,
    /// Not at all: each person is given an invite code to send as `/start <code>`.
    ByInvite,
}

/// A simulated person: their Telegram id (`USER_BASE + person id`) and, with
/// [`Linking::ByInvite`], their invite code.
pub(crate) struct Prepared {
    pub user: u64,
    pub employee_code: String,
    pub code: Option<String>,
    /// A unit's head rather than one of its staff.
    pub head: bool,
}

/// `people` staff and the six unit heads imported (and linked, or invited), the campaign open, and `reminders` reminders plus
/// `publications` publications queued to their chats and the group.
pub(crate) async fn prepare(
    dir: &Path,
    people: usize,
    linking: Linking,
    reminders: usize,
    publications: usize,
) -> Vec<Prepared> {
    prepare_with(
        dir,
        &staff_csv(people),
        campaign,
        linking,
        reminders,
        publications,
    )
    .await
}

/// [`prepare`] with a staff file and a campaign of the caller's (`campaign` gets this year).
pub(crate) async fn prepare_with(
    dir: &Path,
    staff: &str,
    campaign: fn(i32) -> String,
    linking: Linking,
    reminders: usize,
    publications: usize,
) -> Vec<Prepared> {
    let settings = settings_in(dir, &overrides());
    let org = thidua::org::Org::load(&settings.org.file).unwrap();
    let db = thidua::storage::open(&settings.database.path, settings.database.max_connections)
        .await
        .unwrap();
    let mut conn = db.read().await.unwrap();
    thidua::storage::units::sync_from_org(&mut conn, &org)
        .await
        .unwrap();
    drop(conn);
    let ctx = Ctx::start(
        db,
        Arc::new(thidua::clock::SystemClock),
        Arc::new(settings),
        Arc::new(org),
        Arc::new(thidua::export::presenter::Presenter),
    )
    .await
    .unwrap();
    services::staff_import::import(&ctx, staff.as_bytes())
        .await
        .unwrap();
    let year = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
        .year();
    services::campaign::open(&ctx, &campaign(year))
        .await
        .unwrap();
    let ids: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, employee_code FROM people ORDER BY id")
            .fetch_all(ctx.db.sqlite_pool())
            .await
            .unwrap();
    let mut codes: HashMap<i64, String> = HashMap::new();
    match linking {
        Linking::InOneStatement => {
            sqlx::query("UPDATE people SET telegram_user_id = ?1 + id")
                .bind(USER_BASE as i64)
                .execute(ctx.db.sqlite_pool())
                .await
                .unwrap();
        }
        Linking::ByInvite => {
            // As `thidua staff invite --all` does; the codes exist only in what it returns.
            let invites = services::invite::issue(&ctx, &services::invite::Selector::All, false)
                .await
                .unwrap();
            for invite in invites {
                codes.insert(invite.person_id.0, invite.code.as_str().to_owned());
            }
        }
    }
    let prepared: Vec<Prepared> = ids
        .iter()
        .map(|(id, employee_code)| Prepared {
            user: USER_BASE + *id as u64,
            employee_code: employee_code.clone(),
            code: codes.remove(id),
            head: employee_code.starts_with('H'),
        })
        .collect();
    let users: Vec<i64> = prepared.iter().map(|p| p.user as i64).collect();
    let mut tx = ctx.db.write().await.unwrap();
    for i in 0..reminders {
        let chat = users[i % users.len()];
        let message = NewMessage {
            logical_key: format!("fault:reminder:{i}"),
            kind: Kind::Reminder,
            person_id: None,
            destination: Destination::Telegram { chat_id: chat },
            body: format!("Nhắc hạn đăng ký #R{i}#"),
            reply_markup: None,
            notice: None,
        };
        outbox::enqueue(&mut tx, &message, ctx.now()).await.unwrap();
    }
    for i in 0..publications {
        let message = NewMessage {
            logical_key: format!("fault:publication:{i}"),
            kind: Kind::Publication,
            person_id: None,
            destination: Destination::Telegram { chat_id: GROUP },
            body: format!("Công bố kết quả #P{i}#"),
            reply_markup: None,
            notice: None,
        };
        outbox::enqueue(&mut tx, &message, ctx.now()).await.unwrap();
    }
    tx.commit().await.unwrap();
    ctx.db.close().await;
    prepared
}

/// A running `thidua run`, killed and reaped when dropped: a test that panics mid-run leaves
/// no bot behind polling a fake that is gone.
pub(crate) struct Bot(Child);

impl std::ops::Deref for Bot {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for Bot {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        // Already reaped when the test stopped it itself: then both calls merely fail.
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

pub(crate) fn spawn(dir: &Path, fake: &FakeTelegram) -> Bot {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("bot.log"))
        .unwrap();
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("run")
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("TELOXIDE_API_URL")
        .env("THIDUA__DATABASE__PATH", dir.join("thidua.sqlite"))
        .env("THIDUA__MAIL__FILE_DIR", dir.join("mail"))
        .env("THIDUA__ORG__FILE", repo_file("config/org.toml"))
        .env("THIDUA__TELEGRAM__GROUP_CHAT_ID", GROUP.to_string())
        .env("THIDUA__BALLOT__SECRECY_KEY", BALLOT_KEY)
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", fake.api_url())
        .env("THIDUA__TELEGRAM__BOT_USERNAME", "thidua_test_bot")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map(Bot)
        .expect("thidua starts")
}

pub(crate) fn signal(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

pub(crate) fn button(message: &SentMessage, label: &str) -> Option<String> {
    let rows = message.reply_markup.as_ref()?["inline_keyboard"].as_array()?;
    let buttons: Vec<_> = rows.iter().filter_map(|r| r.as_array()).flatten().collect();
    let data = |b: &&serde_json::Value| b["callback_data"].as_str().map(str::to_owned);
    buttons
        .iter()
        .find(|b| b["text"].as_str() == Some(label))
        .or_else(|| {
            buttons
                .iter()
                .find(|b| b["text"].as_str().is_some_and(|t| t.contains(label)))
        })
        .and_then(data)
}

/// Where a simulated person is on their path: each stage starts with what they type and is
/// answered by what the chat receives after it (`from`: the chat's length when they typed).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Stage {
    /// Sent /start with their code; waiting to be greeted.
    Linking,
    Registering {
        from: usize,
    },
    Assessing {
        from: usize,
    },
    Done,
}

impl Stage {
    /// Steps behind this person: linked 1, registered 2, submitted 3.
    fn steps(self) -> usize {
        match self {
            Stage::Linking => 0,
            Stage::Registering { .. } => 1,
            Stage::Assessing { .. } => 2,
            Stage::Done => 3,
        }
    }
}

pub(crate) struct Person {
    pub(crate) user: u64,
    pub(crate) code: String,
    pub(crate) title: usize,
    pub(crate) rating: usize,
    pub(crate) stage: Stage,
    /// Restart notes ("what you sent was saved") in their chat already acted on.
    pub(crate) notes_read: usize,
    /// Set while waiting for the /trangthai a note asked for: the chat's length when sent.
    pub(crate) status_asked: Option<usize>,
    /// When the bot confirmed their registration (`None`: seen in /trangthai after a note).
    pub(crate) registration_confirmed: bool,
    /// Buttons already pressed and questions already answered by typing (message id and
    /// callback data, or message id and text): a person answers each once.
    pub(crate) answered: std::collections::HashSet<String>,
}

impl Person {
    /// Someone who has their invite and has done nothing yet.
    pub(crate) fn invited(prepared: &Prepared, title: usize, rating: usize) -> Person {
        Person {
            user: prepared.user,
            code: prepared.code.clone().expect("invited"),
            title,
            rating,
            stage: Stage::Linking,
            notes_read: 0,
            status_asked: None,
            registration_confirmed: false,
            answered: Default::default(),
        }
    }
}

pub(crate) const GREETED: &str = "Xin chào";
pub(crate) const SAVED: &str = "Đã lưu đăng ký danh hiệu";
pub(crate) const SUBMITTED: &str = "Đã nộp bản tự đánh giá (lần 1)";
/// /trangthai's first line, "Đăng ký của anh: …" or "Đăng ký của chị: …" by the reader's gender.
pub(crate) const STATUS: &str = "Đăng ký của ";
pub(crate) const STATUS_SUBMITTED: &str = "Bản tự đánh giá: đã nộp (lần 1)";
pub(crate) const STATUS_APPROVED: &str = "Bản tự đánh giá: đã được trưởng đơn vị duyệt (lần 1)";
pub(crate) const INTERRUPTED: &str = "Thao tác đó đã được lưu đầy đủ";
pub(crate) const RATINGS: [(&str, &str); 2] = [
    ("excellent", "Hoàn thành xuất sắc nhiệm vụ"),
    ("good", "Hoàn thành tốt nhiệm vụ"),
];
/// The self-assessment's plain answers after the rating, in the order asked; "Nộp" last.
pub(crate) const PLAIN_ANSWERS: [&str; 4] = [
    "Không nghỉ dài ngày",
    "Không bị kỷ luật",
    "Không có",
    "📨 Nộp",
];

fn summary_of(user: u64) -> String {
    format!("Hoàn thành tốt các nhiệm vụ chuyên môn được giao trong năm (mã thử {user}).")
}

/// One look at what the bot said to everyone; moves each person on. Returns how many are done.
/// A person who sent /start waits for the greeting, then types /dangky once and acts on the
/// newest message that carries buttons, as people do: their title when it is offered, else
/// "Xác nhận"; once told it is saved, types /tudanhgia once and answers each question as it
/// comes (their rating, then the plain answers, their summary typed), then "Nộp". A restart's
/// note says something they sent was saved without saying what, and asks them to check
/// /trangthai: they do; they move on when it shows their step done, else carry on (typing
/// /tudanhgia again when it says their self-assessment is in progress, as it tells them to).
pub(crate) fn drive(fake: &FakeTelegram, persons: &mut [Person], pushed: &mut usize) -> usize {
    let mut by_chat: HashMap<i64, Vec<SentMessage>> = HashMap::new();
    for message in fake.sent_messages() {
        by_chat.entry(message.chat_id).or_default().push(message);
    }
    let mut done = 0;
    for person in persons.iter_mut() {
        let empty = Vec::new();
        let messages = by_chat.get(&(person.user as i64)).unwrap_or(&empty);
        let mut type_text = |person: &mut Person, text: &str| {
            fake.push(fake.private_text(person.user, "Người thử", text));
            *pushed += 1;
            messages.len()
        };
        let from = match person.stage {
            Stage::Linking => {
                if messages.iter().any(|m| says_linked(&m.text)) {
                    person.notes_read = notes_in(messages);
                    let from = type_text(person, "/dangky");
                    person.stage = Stage::Registering { from };
                }
                continue;
            }
            Stage::Registering { from } | Stage::Assessing { from } => from,
            Stage::Done => {
                done += 1;
                continue;
            }
        };
        let answers = &messages[from.min(messages.len())..];
        let status = person.status_asked.and_then(|asked| {
            messages[asked..]
                .iter()
                .find(|m| m.text.contains(STATUS))
                .map(|m| m.text.clone())
        });
        if status.is_some() {
            person.status_asked = None;
        }
        match person.stage {
            Stage::Registering { .. } => {
                let confirmed = answers.iter().any(|m| m.text.starts_with(SAVED));
                // The staff here are men: "anh".
                let registered = format!("{STATUS}anh: {}.", TITLES[person.title].1);
                if confirmed || status.as_ref().is_some_and(|s| s.contains(&registered)) {
                    person.registration_confirmed = confirmed;
                    let from = type_text(person, "/tudanhgia");
                    person.stage = Stage::Assessing { from };
                    person.status_asked = None;
                    continue;
                }
            }
            Stage::Assessing { .. } => {
                if answers.iter().any(|m| m.text.starts_with(SUBMITTED))
                    || status.as_ref().is_some_and(|s| {
                        s.contains(STATUS_SUBMITTED) || s.contains(STATUS_APPROVED)
                    })
                {
                    person.stage = Stage::Done;
                    done += 1;
                    continue;
                }
                if status
                    .as_ref()
                    .is_some_and(|s| !s.contains(STATUS_SUBMITTED) && !s.contains(STATUS_APPROVED))
                {
                    // "đang làm dở … gõ /tudanhgia để làm tiếp", or not started at all.
                    let from = type_text(person, "/tudanhgia");
                    person.stage = Stage::Assessing { from };
                    continue;
                }
            }
            Stage::Linking | Stage::Done => unreachable!(),
        }
        if person.status_asked.is_some() {
            continue;
        }
        let notes = notes_in(messages);
        if notes > person.notes_read {
            person.notes_read = notes;
            person.status_asked = Some(type_text(person, "/trangthai"));
            continue;
        }
        // What is on screen: each message as last edited.
        let mut on_screen: HashMap<i32, (usize, &SentMessage)> = HashMap::new();
        for (index, message) in answers.iter().enumerate() {
            on_screen.insert(message.message_id, (index, message));
        }
        let newest_question = on_screen
            .values()
            .filter(|(_, m)| m.reply_markup.is_some() || m.text.contains("Câu 6/6"))
            .max_by_key(|(index, _)| *index)
            .map(|(_, m)| *m);
        let Some(newest) = newest_question else {
            continue;
        };
        if newest.text.contains("Câu 6/6") {
            let key = format!("{}:typed", newest.message_id);
            if person.answered.insert(key) {
                type_text(person, &summary_of(person.user));
            }
            continue;
        }
        let wanted = match person.stage {
            Stage::Registering { .. } => {
                button(newest, TITLES[person.title].1).or_else(|| button(newest, "Xác nhận"))
            }
            _ => std::iter::once(RATINGS[person.rating].1)
                .chain(PLAIN_ANSWERS)
                .find_map(|label| button(newest, label)),
        };
        if let Some(data) = wanted
            && person
                .answered
                .insert(format!("{}:{data}", newest.message_id))
        {
            fake.push(fake.callback(person.user, newest.message_id, &data));
            *pushed += 1;
        }
    }
    done
}

/// A unit's head: links with their invite, then reviews: /duyet, presses the first member
/// waiting for review, "✅ Duyệt", and /duyet again once that is answered. They act only on an
/// answer to what they did last (never twice on one screen), and after a restart's note check
/// /trangthai as members do.
pub(crate) struct Head {
    pub(crate) user: u64,
    pub(crate) code: String,
    pub(crate) linked: bool,
    pub(crate) notes_read: usize,
    pub(crate) status_asked: Option<usize>,
    /// The chat's length when they last acted, and when: the next action waits for an answer.
    pub(crate) last_action: (usize, Instant),
    pub(crate) answered: std::collections::HashSet<String>,
    /// "Đã duyệt…" confirmations seen.
    pub(crate) approvals_seen: usize,
}

impl Head {
    pub(crate) fn invited(prepared: &Prepared) -> Head {
        Head {
            user: prepared.user,
            code: prepared.code.clone().expect("invited"),
            linked: false,
            notes_read: 0,
            status_asked: None,
            last_action: (0, Instant::now()),
            answered: Default::default(),
            approvals_seen: 0,
        }
    }
}

pub(crate) const APPROVED: &str = "Đã duyệt bản tự đánh giá của";
pub(crate) const WAITING_FOR_REVIEW: &str = "đã nộp, chờ duyệt";

pub(crate) fn drive_heads(fake: &FakeTelegram, heads: &mut [Head], pushed: &mut usize) {
    let sent = fake.sent_messages();
    for head in heads.iter_mut() {
        let messages: Vec<SentMessage> = sent
            .iter()
            .filter(|m| m.chat_id == head.user as i64)
            .cloned()
            .collect();
        let mut type_text = |head: &mut Head, text: &str| {
            fake.push(fake.private_text(head.user, "Trưởng đơn vị", text));
            *pushed += 1;
            head.last_action = (messages.len(), Instant::now());
        };
        head.approvals_seen = messages
            .iter()
            .filter(|m| m.text.starts_with(APPROVED))
            .count();
        if !head.linked {
            if messages.iter().any(|m| says_linked(&m.text)) {
                head.linked = true;
                head.notes_read = notes_in(&messages);
                type_text(head, "/duyet");
            }
            continue;
        }
        if let Some(asked) = head.status_asked {
            if !messages[asked..].iter().any(|m| m.text.contains(STATUS)) {
                continue;
            }
            head.status_asked = None;
        }
        let notes = notes_in(&messages);
        if notes > head.notes_read {
            head.notes_read = notes;
            type_text(head, "/trangthai");
            head.status_asked = Some(messages.len());
            continue;
        }
        let (at, when) = head.last_action;
        if messages.len() <= at {
            continue;
        }
        let mut on_screen: HashMap<i32, (usize, &SentMessage)> = HashMap::new();
        for (index, message) in messages[at..].iter().enumerate() {
            on_screen.insert(message.message_id, (index, message));
        }
        let newest = on_screen
            .values()
            .max_by_key(|(index, _)| *index)
            .map(|(_, m)| *m)
            .expect("something after the last action");
        let wanted = button(newest, "✅ Duyệt").or_else(|| button(newest, WAITING_FOR_REVIEW));
        if let Some(data) = wanted
            && head
                .answered
                .insert(format!("{}:{data}", newest.message_id))
        {
            fake.push(fake.callback(head.user, newest.message_id, &data));
            *pushed += 1;
            head.last_action = (messages.len(), Instant::now());
            continue;
        }
        // Nothing waiting on this screen: look again in a moment (members keep submitting).
        if when.elapsed() >= Duration::from_millis(500) {
            type_text(head, "/duyet");
        }
    }
}

/// Every update the fake delivered reached the inbox, is done and finished; returns how many.
pub(crate) async fn assert_every_update_finished(pool: &sqlx::SqlitePool, pushed: usize) -> i64 {
    let (stored, done, finished): (i64, i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(done_at), COUNT(finished_at) FROM update_inbox")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(stored as usize, pushed, "every delivered update stored");
    assert_eq!(
        (done, finished),
        (stored, stored),
        "every stored update finished"
    );
    stored
}

/// Nothing moving for 30 s (no update pushed, nothing sent) is as good as a deadline: a person
/// waiting on an update that was lost would wait for ever.
pub(crate) struct StallWatch {
    last: (usize, usize),
    since: Instant,
}

impl StallWatch {
    pub(crate) fn new() -> Self {
        Self {
            last: (0, 0),
            since: Instant::now(),
        }
    }

    pub(crate) fn stalled(&mut self, pushed: usize, fake: &FakeTelegram) -> bool {
        let activity = (pushed, fake.sent_messages().len());
        if activity != self.last {
            self.last = activity;
            self.since = Instant::now();
        }
        self.since.elapsed() > Duration::from_secs(30)
    }
}

/// How many restart notes a chat holds.
pub(crate) fn notes_in(messages: &[SentMessage]) -> usize {
    messages
        .iter()
        .filter(|m| m.text.contains(INTERRUPTED))
        .count()
}

/// The people not done, with what their chats last showed: what a failure needs.
pub(crate) fn stuck(fake: &FakeTelegram, persons: &[Person]) -> String {
    let sent = fake.sent_messages();
    let mut report = String::new();
    for person in persons.iter().filter(|p| p.stage != Stage::Done).take(5) {
        report.push_str(&format!(
            "{} {:?} notes {} status asked {:?}:\n",
            person.user, person.stage, person.notes_read, person.status_asked
        ));
        let chat: Vec<_> = sent
            .iter()
            .filter(|m| m.chat_id == person.user as i64)
            .collect();
        for m in chat.iter().rev().take(6).rev() {
            let text: String = m.text.chars().take(90).collect();
            let buttons = m
                .reply_markup
                .as_ref()
                .map(|k| k.to_string().chars().take(120).collect::<String>());
            report.push_str(&format!("  #{} {text:?} {buttons:?}\n", m.message_id));
        }
    }
    report
}

/// What tells a person their account is linked: the greeting, or the note a restart sends when
/// the process died between linking them and answering.
pub(crate) fn says_linked(text: &str) -> bool {
    text.starts_with(GREETED) || text.contains(INTERRUPTED)
}

/// How many self-assessments are approved.
pub(crate) async fn approved(dir: &Path) -> i64 {
    let url = format!("sqlite://{}", dir.join("thidua.sqlite").display());
    let Ok(pool) = sqlx::SqlitePool::connect(&url).await else {
        return 0;
    };
    let count = sqlx::query_scalar("SELECT COUNT(*) FROM assessments WHERE status = 'approved'")
        .fetch_one(&pool)
        .await
        .unwrap_or(0);
    pool.close().await;
    count
}

/// Outbox rows still to send plus inbox updates not yet finished: the work a stop now would
/// leave behind.
pub(crate) async fn open_statuses(dir: &Path) -> i64 {
    let url = format!("sqlite://{}", dir.join("thidua.sqlite").display());
    let Ok(pool) = sqlx::SqlitePool::connect(&url).await else {
        return i64::MAX;
    };
    let open = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending'))
              + (SELECT COUNT(*) FROM update_inbox WHERE finished_at IS NULL)",
    )
    .fetch_one(&pool)
    .await
    .unwrap_or(i64::MAX);
    pool.close().await;
    open
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_loses_no_confirmed_submission_and_repeats_only_what_was_in_flight() {
    let _alone = crate::one_binary_at_a_time().await;
    let long = crate::long_form();
    let seed = crate::seed("kill -9");
    let mut rng = StdRng::seed_from_u64(seed);
    let (people, kills, reminders, publications) = if long {
        (500, 25, 1_000, 10)
    } else {
        (240, 4, 150, 4)
    };
    let dir = tempfile::tempdir().unwrap();
    let prepared = prepare(
        dir.path(),
        people,
        Linking::ByInvite,
        reminders,
        publications,
    )
    .await;
    let fake = FakeTelegram::start().await;
    let (heads, staff): (Vec<Prepared>, Vec<Prepared>) = prepared.into_iter().partition(|p| p.head);
    let mut heads: Vec<Head> = heads.iter().map(Head::invited).collect();
    let mut persons: Vec<Person> = staff
        .iter()
        .map(|p| {
            let title = rng.random_range(0..TITLES.len());
            Person::invited(p, title, rng.random_range(0..RATINGS.len()))
        })
        .collect();
    let mut pushed = 0;
    // The invite e-mail's deep link, as Telegram delivers it.
    for (user, code) in persons
        .iter()
        .map(|p| (p.user, &p.code))
        .chain(heads.iter().map(|h| (h.user, &h.code)))
    {
        fake.push(fake.private_text(user, "Người thử", &format!("/start {code}")));
        pushed += 1;
    }
    let mut child = spawn(dir.path(), &fake);
    let mut killed = 0;
    // Kills land at seeded points of the whole path, linking, registering, self-assessing and
    // reviewing alike: the k-th once that many steps are behind everyone ([`Stage::steps`],
    // and one for each approval), and at least 0.1 s after the previous start.
    let mut kill_at: Vec<usize> = (0..kills)
        .map(|_| rng.random_range(1..4 * people))
        .collect();
    kill_at.sort_unstable();
    let mut started = Instant::now();
    let deadline = Instant::now() + Duration::from_secs(if long { 1_200 } else { 300 });
    let mut kill_log = Vec::new();
    let mut watch = StallWatch::new();
    loop {
        let done = drive(&fake, &mut persons, &mut pushed);
        drive_heads(&fake, &mut heads, &mut pushed);
        let linked = persons.iter().filter(|p| p.stage != Stage::Linking).count();
        let approvals: usize = heads.iter().map(|h| h.approvals_seen).sum();
        let steps: usize = persons.iter().map(|p| p.stage.steps()).sum::<usize>() + approvals;
        if killed < kills
            && steps >= kill_at[killed]
            && started.elapsed() >= Duration::from_millis(100)
        {
            signal(&child, "-KILL");
            let _ = child.wait();
            killed += 1;
            kill_log.push(format!(
                "kill {killed} with {linked}/{people} linked, {} registered, {done} submitted, \
                 {approvals} approved",
                persons.iter().filter(|p| p.stage.steps() >= 2).count()
            ));
            child = spawn(dir.path(), &fake);
            started = Instant::now();
        }
        // A press pushed just before its person's confirmation arrived is still owed: wait
        // until the bot has confirmed every update (so stored it) and finished it.
        if done == people
            && killed == kills
            && approved(dir.path()).await == people as i64
            && fake.unconfirmed() == 0
            && open_statuses(dir.path()).await == 0
        {
            break;
        }
        let stalled = watch.stalled(pushed, &fake);
        assert!(
            Instant::now() < deadline && !stalled,
            "not finished in time: {done}/{people} done, {killed} kills, {} updates \
             unconfirmed, {} outbox rows or inbox updates open; seed {seed}; see {}; \
             stuck:\n{}",
            fake.unconfirmed(),
            open_statuses(dir.path()).await,
            dir.path().join("bot.log").display(),
            stuck(&fake, &persons)
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    signal(&child, "-TERM");
    let _ = child.wait();
    println!("{}", kill_log.join("\n"));

    let url = format!("sqlite://{}", dir.path().join("thidua.sqlite").display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");

    // Everyone linked through /start, each to their own account, each invite used once.
    let (own_account, used): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM people WHERE telegram_user_id = ?1 + id),
                (SELECT COUNT(*) FROM invites WHERE status = 'used'
                   AND used_by_telegram_id = ?1 + person_id)",
    )
    .bind(USER_BASE as i64)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (own_account, used),
        ((people + UNITS.len()) as i64, (people + UNITS.len()) as i64),
        "everyone linked by their own invite"
    );

    // Zero lost: every confirmation the fake saw is in the database, with its title.
    let stored: HashMap<i64, (String, String)> = sqlx::query_as::<_, (i64, String, String)>(
        "SELECT p.telegram_user_id, r.title, r.status FROM registrations r
         JOIN people p ON p.id = r.person_id",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .into_iter()
    .map(|(user, title, status)| (user, (title, status)))
    .collect();
    let sent = fake.sent_messages();
    // Everyone got through (each step confirmed by the bot, or shown by /trangthai after a
    // note), and everyone's registration is stored with the title they chose and their
    // self-assessment submitted once with their answers: zero lost.
    assert!(
        persons.iter().all(|p| p.stage == Stage::Done),
        "everyone got through"
    );
    let confirmed = persons.iter().filter(|p| p.registration_confirmed).count();
    let mut lost = Vec::new();
    for person in &persons {
        let expected = (TITLES[person.title].0.to_owned(), "registered".to_owned());
        if stored.get(&(person.user as i64)) != Some(&expected) {
            lost.push((person.user, stored.get(&(person.user as i64)).cloned()));
        }
    }
    assert!(lost.is_empty(), "chosen but not stored: {lost:?}");
    let assessments: HashMap<i64, (String, Option<i64>, String, i64)> = sqlx::query_as::<
        _,
        (i64, String, Option<i64>, String, i64),
    >(
        "SELECT p.telegram_user_id, a.status, a.submitted_version, a.answers,
                    (SELECT COUNT(*) FROM assessment_versions v
                      WHERE v.person_id = a.person_id AND v.campaign_year = a.campaign_year)
             FROM assessments a JOIN people p ON p.id = a.person_id",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .into_iter()
    .map(|(user, status, version, answers, versions)| (user, (status, version, answers, versions)))
    .collect();
    let mut wrong = Vec::new();
    for person in &persons {
        let Some((status, version, answers, versions)) = assessments.get(&(person.user as i64))
        else {
            wrong.push((person.user, "no assessment".to_owned()));
            continue;
        };
        let answers: serde_json::Value = serde_json::from_str(answers).unwrap();
        let right = status == "approved"
            && *version == Some(1)
            && *versions == 1
            && answers["rating"] == RATINGS[person.rating].0
            && answers["discipline"] == "none"
            && answers["summary"] == summary_of(person.user).as_str();
        if !right {
            wrong.push((
                person.user,
                format!("{status} v{version:?} ×{versions} {answers}"),
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "self-assessments not as answered: {wrong:?}"
    );
    let by_status = people - confirmed;

    // Every update the fake delivered reached the inbox and was finished.
    let stored = assert_every_update_finished(&pool, pushed).await;
    let interrupted = sent.iter().filter(|m| m.text.contains(INTERRUPTED)).count();

    // Deliveries: count successful sends per marker.
    let mut delivered: HashMap<String, usize> = HashMap::new();
    for request in fake.requests_for("SendMessage") {
        if request.outcome != Outcome::Answered {
            continue;
        }
        let text = request.body["text"].as_str().unwrap_or_default();
        if let Some(marker) = text.split('#').nth(1).filter(|m| m.starts_with(['R', 'P'])) {
            *delivered.entry(marker.to_owned()).or_default() += 1;
        }
    }
    let statuses: Vec<(String, String)> =
        sqlx::query_as("SELECT logical_key, status FROM outbox WHERE logical_key LIKE 'fault:%'")
            .fetch_all(&pool)
            .await
            .unwrap();
    let mut repeated_reminders = 0;
    let mut repeated_publications = 0;
    let mut flagged_publications = 0;
    for (key, status) in &statuses {
        let (prefix, index) = key.rsplit_once(':').unwrap();
        let marker = if prefix.ends_with("reminder") {
            format!("R{index}")
        } else {
            format!("P{index}")
        };
        let count = delivered.get(&marker).copied().unwrap_or(0);
        if status == "sent" {
            assert!(count >= 1, "{key} marked sent but never delivered");
        }
        if marker.starts_with('R') {
            assert_eq!(status, "sent", "{key}");
            repeated_reminders += count.saturating_sub(1);
        } else {
            assert!(status == "sent" || status == "unknown", "{key} is {status}");
            flagged_publications += usize::from(status == "unknown");
            repeated_publications += count.saturating_sub(1);
        }
    }
    println!(
        "kill -9: seed {seed}, {killed} kills, {people} people, {pushed} updates delivered, \
         {stored} stored and finished, 0 lost, {interrupted} answered after a restart; \
         {people} linked through /start; {confirmed} registrations confirmed by the bot, \
         {by_status} seen in /trangthai after a note, 0 lost; \
         {people} self-assessments submitted once with their answers and approved by their heads; \
         {reminders} reminders: {repeated_reminders} delivered twice (in flight at a kill); \
         {publications} publications: {repeated_publications} twice, {flagged_publications} \
         flagged `unknown` for the secretary (in flight at a kill); integrity ok"
    );
    // What the design guarantees: on loopback the window is one send, three before the first
    // answer after a start; never the whole claimed batch.
    assert!(
        repeated_reminders <= 3 * killed,
        "at most the first window (3) per kill may repeat: \
         {repeated_reminders} repeats, {killed} kills"
    );
    assert_eq!(repeated_publications, 0, "a publication is never re-sent");
    pool.close().await;
}

#[tokio::test]
async fn a_bot_dropped_mid_run_is_killed_and_reaped() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    let bot = spawn(dir.path(), &fake);
    let pid = bot.id();
    let proc_entry = std::path::PathBuf::from(format!("/proc/{pid}"));
    assert!(proc_entry.exists(), "the bot runs");
    drop(bot);
    // Reaped, not a zombie: the pid's /proc entry is gone once wait() returned.
    assert!(!proc_entry.exists(), "a dropped bot is gone");
}
