//! `kill -9` of the running bot while the council's year goes on in chat: the six unit heads
//! record their unit meetings through /binhxet (date, attendance ticks, a typed vote per
//! nominee, the result and its confirmation), the secretary appraises every nomination through
//! /thamdinh and opens and closes the secret ballot through /bophieu, and the eight council
//! members vote on every paper. The path before it (linking, registering, self-assessing,
//! review) is acted out the same way as in `kill.rs`, without kills: that file kills there.
//!
//! Every phase of the campaign is open at once (the binary runs on the real clock; phases may
//! overlap), so the kills land at seeded points of each phase: two in the meetings, one in the
//! appraisal, two in the ballot. After the last restart:
//! - every update the fake delivered is in the durable inbox and finished;
//! - every meeting is submitted with everyone present and each nominee's typed votes, every
//!   nomination valid, every council member's vote on every paper recorded exactly once, the
//!   ballot closed with every nominee passing (everyone voted yes): nothing lost, nothing
//!   counted twice;
//! - `PRAGMA integrity_check` is ok.
//!
//! People act only on what the bot shows them, once per screen; after a restart's note they send
//! /trangthai as it asks, then the command of what they were doing (/binhxet carries on a meeting
//! being recorded; /thamdinh and /bophieu show where things stand). Voters press each paper once.

use crate::kill::{
    Head, INTERRUPTED, Linking, Person, Prepared, STATUS, Stage, StallWatch, UNITS,
    assert_every_update_finished, button, drive, drive_heads, notes_in, open_statuses,
    prepare_with, says_linked, signal, spawn, stuck,
};
use crate::support::fake_telegram::{FakeTelegram, SentMessage};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

/// Staff per unit; every other one registers CSTĐCS (rated "excellent", so eligible: on the
/// ballot), the others LĐTT (no ballot).
const PER_UNIT: usize = 3;

/// `PER_UNIT` staff in each unit, each unit's head (a council member), and in the office the
/// secretary and the director (both council members): eight voters.
fn staff_csv() -> String {
    let mut csv =
        String::from("employee_code,full_name,unit_code,position,email,gender,hire_date,roles\n");
    for i in 1..=PER_UNIT * UNITS.len() {
        csv.push_str(&format!(
            "K{i:04},Người Thử {i},{},Chuyên viên,k{i}@example.gov.vn,nam,2015-03-01,staff\n",
            UNITS[(i - 1) % UNITS.len()]
        ));
    }
    for unit in UNITS {
        csv.push_str(&format!(
            "H{unit},Trưởng Đơn Vị {unit},{unit},Trưởng phòng,h{unit}@example.gov.vn,nữ,2010-03-01,staff;unit_head;council_member\n"
        ));
    }
    csv.push_str("TK01,Thư Ký Hội Đồng,VP,Chuyên viên,tk@example.gov.vn,nam,2012-03-01,staff;secretary;council_member\n");
    csv.push_str("GD01,Giám Đốc Sở,VP,Giám đốc Sở,gd@example.gov.vn,nam,2008-03-01,staff;director;council_member\n");
    csv
}

/// Every phase open from New Year until 20:00 on 31 December, so the real clock is inside all.
fn campaign(year: i32) -> String {
    let mut text = format!(
        "year = {year}\nname = \"Thử lỗi Hội đồng {year}\"\nrule_set = \"luat-2022\"\n\
         titles = [\"LDTT\", \"CSTDCS\", \"TLDTT\", \"TLDXS\"]\n"
    );
    for phase in [
        "registration",
        "self_assessment",
        "unit_review",
        "appraisal",
        "ballot",
        "decision",
    ] {
        text.push_str(&format!(
            "[phases.{phase}]\nopens = \"{year}-01-01T00:00\"\ncloses = \"{year}-12-31T20:00\"\n"
        ));
    }
    text
}

/// What a council actor is doing in the dialogue part (voting on papers goes alongside).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Task {
    /// Sent /start; waiting to be greeted.
    Linking,
    /// Linked; nothing to do until the meetings (heads) or the appraisal (secretary) begin.
    Waiting,
    /// A head recording the unit meeting.
    Meeting,
    /// The secretary waiting for the six meetings: /trangthai every second.
    AwaitingMeetings,
    Appraising,
    OpeningBallot,
    /// The secretary waiting for everyone's votes: /bophieu every second.
    AwaitingVotes,
    ClosingBallot,
    Done,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Phase {
    Meeting,
    Appraisal,
    Ballot,
}

struct Actor {
    user: u64,
    code: String,
    secretary: bool,
    task: Task,
    /// The chat's length when they last acted: a dialogue screen is acted on once.
    seen: usize,
    notes_read: usize,
    /// Waiting for the /trangthai a note asked for: the chat's length when sent.
    status_asked: Option<usize>,
    /// Ballot papers pressed (by callback data: a paper delivered twice is pressed once).
    pressed: HashSet<String>,
    voted_all: bool,
    last_typed: Instant,
    /// The secretary's last words from the ballot's close.
    closing: Option<String>,
}

const MEETING_SENT: &str = "Đã gửi kết quả họp bình xét";
const MEETING_ALREADY_SENT: &str = "đã được gửi Thường trực";
const NOTHING_TO_APPRAISE: &str = "Hiện không có đề nghị nào chờ thẩm định";
const BALLOT_OPENED: &str = "Đã mở bỏ phiếu kín";
const BALLOT_CLOSED: &str = "Đã kết thúc bỏ phiếu và kiểm phiếu";
const PAPER: &str = "PHIẾU BẦU KÍN";
/// "… anh đã bỏ phiếu đủ" or "… chị đã bỏ phiếu đủ", by the voter's gender.
const VOTED_ALL: &str = "đã bỏ phiếu đủ";

fn exact_button(message: &SentMessage, label: &str) -> Option<String> {
    let rows = message.reply_markup.as_ref()?["inline_keyboard"].as_array()?;
    rows.iter()
        .filter_map(|row| row.as_array())
        .flatten()
        .find(|b| b["text"].as_str() == Some(label))
        .and_then(|b| b["callback_data"].as_str().map(str::to_owned))
}

fn first_unticked(message: &SentMessage) -> Option<String> {
    let rows = message.reply_markup.as_ref()?["inline_keyboard"].as_array()?;
    rows.iter()
        .filter_map(|row| row.as_array())
        .flatten()
        .find(|b| b["text"].as_str().is_some_and(|t| t.starts_with('⬜')))
        .and_then(|b| b["callback_data"].as_str().map(str::to_owned))
}

/// "… gõ một số từ 0 đến 6 (số người dự họp)": everyone present votes yes.
fn everyone_present(question: &str) -> String {
    question
        .split("từ 0 đến ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the vote question says how many are present")
        .to_owned()
}

fn today() -> String {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
        .format("%d/%m/%Y")
        .to_string()
}

/// What an actor does next in their dialogue, read from one message: `Some(step)` acts.
enum Step {
    Type(String),
    Press(i32, String),
    Become(Task),
}

fn meeting_step(message: &SentMessage) -> Option<Step> {
    let text = &message.text;
    if text.contains(MEETING_SENT) || text.contains(MEETING_ALREADY_SENT) {
        return Some(Step::Become(Task::Waiting));
    }
    let press = |data: String| Some(Step::Press(message.message_id, data));
    if text.contains("Bước 1") && message.reply_markup.is_some() {
        return Some(Step::Type(today()));
    }
    if text.starts_with("Biểu quyết") {
        return Some(Step::Type(everyone_present(text)));
    }
    if text.contains("Bước 2") {
        return first_unticked(message)
            .or_else(|| button(message, "Xong"))
            .and_then(press);
    }
    if text.contains("Bước 3") {
        return button(message, "Hoàn thành tốt nhiệm vụ").and_then(press);
    }
    button(message, "Xác nhận gửi")
        .or_else(|| button(message, "Gửi đề nghị"))
        .and_then(press)
}

fn secretary_step(task: Task, message: &SentMessage) -> Option<Step> {
    let text = &message.text;
    let press = |data: String| Some(Step::Press(message.message_id, data));
    match task {
        Task::Appraising => {
            if text.contains(NOTHING_TO_APPRAISE) {
                return Some(Step::Become(Task::OpeningBallot));
            }
            button(message, "Hợp lệ")
                .or_else(|| exact_button(message, "1"))
                .and_then(press)
        }
        Task::OpeningBallot => {
            if text.contains(BALLOT_OPENED) || text.contains(": đang mở.") {
                return Some(Step::Become(Task::AwaitingVotes));
            }
            button(message, "Mở bỏ phiếu").and_then(press)
        }
        Task::AwaitingVotes => {
            if text.contains(": đang mở.") && text.contains("Đã bỏ phiếu đủ: 8/8 thành viên")
            {
                return button(message, "Kết thúc bỏ phiếu").and_then(press);
            }
            if text.contains("Kết thúc bỏ phiếu kín năm") {
                return Some(Step::Become(Task::ClosingBallot));
            }
            None
        }
        Task::ClosingBallot => {
            if text.contains(BALLOT_CLOSED) {
                return Some(Step::Become(Task::Done));
            }
            button(message, "Xác nhận kết thúc").and_then(press)
        }
        _ => None,
    }
}

/// The command that shows where the actor's dialogue stands, after a note or to re-check.
fn command_for(task: Task) -> Option<&'static str> {
    match task {
        Task::Meeting => Some("/binhxet"),
        Task::Appraising => Some("/thamdinh"),
        Task::OpeningBallot | Task::AwaitingVotes | Task::ClosingBallot => Some("/bophieu"),
        _ => None,
    }
}

/// The actor types `text`; the chat held `len` messages then.
fn type_to(fake: &FakeTelegram, pushed: &mut usize, actor: &mut Actor, len: usize, text: &str) {
    fake.push(fake.private_text(actor.user, "Hội đồng", text));
    *pushed += 1;
    actor.seen = len;
    actor.last_typed = Instant::now();
}

/// One look at every actor's chat; acts for each. Returns the steps taken per phase.
fn drive_council(
    fake: &FakeTelegram,
    actors: &mut [Actor],
    pushed: &mut usize,
) -> HashMap<Phase, usize> {
    let mut steps: HashMap<Phase, usize> = HashMap::new();
    let sent = fake.sent_messages();
    for actor in actors.iter_mut() {
        let messages: Vec<&SentMessage> = sent
            .iter()
            .filter(|m| m.chat_id == actor.user as i64)
            .collect();
        let len = messages.len();
        if actor.task == Task::Linking {
            if messages.iter().any(|m| says_linked(&m.text)) {
                actor.notes_read =
                    notes_in(&messages.iter().map(|m| (*m).clone()).collect::<Vec<_>>());
                actor.task = Task::Waiting;
                actor.seen = len;
            }
            continue;
        }
        // Votes: each paper still showing its buttons, pressed once.
        let mut newest: HashMap<i32, &SentMessage> = HashMap::new();
        for message in &messages {
            newest.insert(message.message_id, message);
        }
        if messages
            .iter()
            .any(|m| m.text.to_lowercase().contains(VOTED_ALL))
        {
            actor.voted_all = true;
        }
        let mut papers: Vec<(&i32, &&SentMessage)> = newest
            .iter()
            .filter(|(_, m)| m.text.contains(PAPER) && m.reply_markup.is_some())
            .collect();
        papers.sort_by_key(|(id, _)| **id);
        if let Some((id, yes)) = papers.iter().find_map(|(id, m)| {
            button(m, "Đồng ý")
                .filter(|data| !actor.pressed.contains(data))
                .map(|data| (**id, data))
        }) {
            actor.pressed.insert(yes.clone());
            fake.push(fake.callback(actor.user, id, &yes));
            *pushed += 1;
            *steps.entry(Phase::Ballot).or_default() += 1;
        }
        // A restart's note: /trangthai as it asks, then back to what they were doing.
        let notes = messages
            .iter()
            .filter(|m| m.text.contains(INTERRUPTED))
            .count();
        if notes > actor.notes_read && actor.status_asked.is_none() {
            actor.notes_read = notes;
            type_to(fake, pushed, actor, len, "/trangthai");
            actor.status_asked = Some(len);
            continue;
        }
        if let Some(asked) = actor.status_asked {
            let Some(status) = messages[asked..].iter().find(|m| m.text.contains(STATUS)) else {
                continue;
            };
            actor.status_asked = None;
            if status.text.to_lowercase().contains(VOTED_ALL) {
                actor.voted_all = true;
            }
            if actor.task == Task::Meeting && status.text.contains("Họp bình xét: đã gửi") {
                actor.task = Task::Waiting;
                continue;
            }
            if let Some(command) = command_for(actor.task) {
                type_to(fake, pushed, actor, len, command);
            }
            continue;
        }
        // Waiting for others: look again every second.
        let poll = actor.last_typed.elapsed() >= Duration::from_secs(1);
        if actor.task == Task::AwaitingMeetings {
            if poll {
                type_to(fake, pushed, actor, len, "/trangthai");
            }
            let submitted = messages[actor.seen.min(len)..]
                .iter()
                .rev()
                .find(|m| m.text.contains(STATUS))
                .map(|m| m.text.matches("họp bình xét: đã gửi").count());
            if submitted == Some(UNITS.len()) {
                actor.task = Task::Appraising;
                type_to(fake, pushed, actor, len, "/thamdinh");
            }
            continue;
        }
        // The dialogue: the newest new message that tells them what to do.
        let phase = match actor.task {
            Task::Meeting => Phase::Meeting,
            Task::Appraising => Phase::Appraisal,
            _ => Phase::Ballot,
        };
        let step = messages[actor.seen.min(len)..].iter().rev().find_map(|m| {
            if m.text.contains(PAPER) {
                return None;
            }
            match actor.task {
                Task::Meeting => meeting_step(m),
                Task::Appraising
                | Task::OpeningBallot
                | Task::AwaitingVotes
                | Task::ClosingBallot => secretary_step(actor.task, m),
                _ => None,
            }
            .map(|step| (step, m.text.clone()))
        });
        match step {
            Some((Step::Type(text), _)) => {
                type_to(fake, pushed, actor, len, &text);
                *steps.entry(phase).or_default() += 1;
            }
            Some((Step::Press(message_id, data), _)) => {
                fake.push(fake.callback(actor.user, message_id, &data));
                *pushed += 1;
                actor.seen = len;
                actor.last_typed = Instant::now();
                *steps.entry(phase).or_default() += 1;
            }
            // The same messages are read again next time, for the new task.
            Some((Step::Become(task), text)) => {
                if task == Task::Done {
                    actor.closing = Some(text);
                }
                actor.task = task;
                if task == Task::OpeningBallot {
                    type_to(fake, pushed, actor, len, "/bophieu");
                }
            }
            // Everyone's votes not in yet: look at the overview again.
            None if actor.task == Task::AwaitingVotes && poll => {
                type_to(fake, pushed, actor, len, "/bophieu");
            }
            None => {}
        }
    }
    steps
}

fn council_stuck(fake: &FakeTelegram, actors: &[Actor]) -> String {
    let sent = fake.sent_messages();
    let mut report = String::new();
    for actor in actors
        .iter()
        .filter(|a| !a.voted_all || !matches!(a.task, Task::Waiting | Task::Done))
    {
        report.push_str(&format!(
            "{} {:?} voted all {} pressed {} status asked {:?}:\n",
            actor.code,
            actor.task,
            actor.voted_all,
            actor.pressed.len(),
            actor.status_asked
        ));
        let chat: Vec<_> = sent
            .iter()
            .filter(|m| m.chat_id == actor.user as i64)
            .collect();
        for m in chat.iter().rev().take(5).rev() {
            let text: String = m.text.chars().take(100).collect();
            report.push_str(&format!("  #{} {text:?}\n", m.message_id));
        }
    }
    report
}

/// Nominee's code, title, yes-votes at the meeting, status, ballot yes and no.
type NominationRow = (
    String,
    String,
    Option<i64>,
    String,
    Option<i64>,
    Option<i64>,
);

async fn pool(dir: &Path) -> sqlx::SqlitePool {
    let url = format!("sqlite://{}", dir.join("thidua.sqlite").display());
    sqlx::SqlitePool::connect(&url).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_the_meetings_the_appraisal_and_the_ballot_loses_and_doubles_nothing() {
    let _alone = crate::one_binary_at_a_time().await;
    let seed = crate::seed("kill -9 council");
    let mut rng = StdRng::seed_from_u64(seed);
    let dir = tempfile::tempdir().unwrap();
    let prepared: Vec<Prepared> =
        prepare_with(dir.path(), &staff_csv(), campaign, Linking::ByInvite, 0, 0).await;
    let people = PER_UNIT * UNITS.len();
    let staff: Vec<&Prepared> = prepared
        .iter()
        .filter(|p| p.employee_code.starts_with('K'))
        .collect();
    let mut persons: Vec<Person> = staff
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // CSTĐCS rated excellent (eligible), or LĐTT rated good: TITLES and RATINGS order.
            let cstdcs = i % 2 == 1;
            Person::invited(p, usize::from(cstdcs), usize::from(!cstdcs))
        })
        .collect();
    let cstdcs = persons.iter().filter(|p| p.title == 1).count();
    let mut heads: Vec<Head> = prepared
        .iter()
        .filter(|p| p.employee_code.starts_with('H'))
        .map(Head::invited)
        .collect();
    let mut actors: Vec<Actor> = prepared
        .iter()
        .filter(|p| !p.employee_code.starts_with('K'))
        .map(|p| Actor {
            user: p.user,
            code: p.employee_code.clone(),
            secretary: p.employee_code == "TK01",
            task: Task::Linking,
            seen: 0,
            notes_read: 0,
            status_asked: None,
            pressed: HashSet::new(),
            voted_all: false,
            last_typed: Instant::now(),
            closing: None,
        })
        .collect();
    let fake = FakeTelegram::start().await;
    let mut pushed = 0;
    for p in &prepared {
        let code = p.code.as_ref().expect("invited");
        fake.push(fake.private_text(p.user, "Người thử", &format!("/start {code}")));
        pushed += 1;
    }
    let mut child = spawn(dir.path(), &fake);

    // Before the council: everyone links, registers, self-assesses and is approved (no kills).
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        // Nobody typed anything this round (a /duyet typed now would land after /binhxet).
        let before = pushed;
        let done = drive(&fake, &mut persons, &mut pushed);
        drive_heads(&fake, &mut heads, &mut pushed);
        drive_council(&fake, &mut actors, &mut pushed);
        if pushed == before
            && done == people
            && crate::kill::approved(dir.path()).await == people as i64
            && actors.iter().all(|a| a.task == Task::Waiting)
            && fake.unconfirmed() == 0
            && open_statuses(dir.path()).await == 0
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the year before the council did not finish; see {}; stuck:\n{}",
            dir.path().join("bot.log").display(),
            stuck(&fake, &persons)
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(persons.iter().all(|p| p.stage == Stage::Done));

    // The council's part, with kills at seeded points of each phase.
    for actor in actors.iter_mut() {
        actor.seen = fake
            .sent_messages()
            .iter()
            .filter(|m| m.chat_id == actor.user as i64)
            .count();
        if actor.code.starts_with('H') {
            actor.task = Task::Meeting;
            fake.push(fake.private_text(actor.user, "Hội đồng", "/binhxet"));
            pushed += 1;
        } else if actor.secretary {
            actor.task = Task::AwaitingMeetings;
        }
    }
    // Each kill: its phase, the step of that phase after which it lands, and how long after
    // that step was sent (0–60 ms: before the bot fetched it, while it runs, or once answered).
    let mut plan: Vec<(Phase, usize, u64)> = [
        (Phase::Meeting, rng.random_range(1..=30)),
        (Phase::Meeting, rng.random_range(31..=60)),
        (Phase::Appraisal, rng.random_range(1..=2 * people)),
        (Phase::Ballot, rng.random_range(1..=30)),
        (Phase::Ballot, rng.random_range(31..=8 * cstdcs - 4)),
    ]
    .into_iter()
    .map(|(phase, at)| (phase, at, rng.random_range(0..=60)))
    .collect();
    plan.reverse();
    let mut steps: HashMap<Phase, usize> = HashMap::new();
    let mut kill_log = Vec::new();
    let mut started = Instant::now();
    let mut watch = StallWatch::new();
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        for (phase, taken) in drive_council(&fake, &mut actors, &mut pushed) {
            *steps.entry(phase).or_default() += taken;
        }
        if let Some(&(phase, at, after_ms)) = plan.last()
            && steps.get(&phase).copied().unwrap_or(0) >= at
            && started.elapsed() >= Duration::from_millis(100)
        {
            tokio::time::sleep(Duration::from_millis(after_ms)).await;
            signal(&child, "-KILL");
            let _ = child.wait();
            plan.pop();
            kill_log.push(format!(
                "kill in the {phase:?} phase, {after_ms} ms after its step {at}"
            ));
            child = spawn(dir.path(), &fake);
            started = Instant::now();
        }
        let secretary_done = actors.iter().any(|a| a.secretary && a.task == Task::Done);
        if secretary_done
            && actors.iter().all(|a| a.voted_all)
            && fake.unconfirmed() == 0
            && open_statuses(dir.path()).await == 0
        {
            break;
        }
        let stalled = watch.stalled(pushed, &fake);
        assert!(
            Instant::now() < deadline && !stalled,
            "the council's year did not finish: kills left {plan:?}, steps {steps:?}, {} \
             updates unconfirmed; seed {seed}; see {}; stuck:\n{}",
            fake.unconfirmed(),
            dir.path().join("bot.log").display(),
            council_stuck(&fake, &actors)
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    signal(&child, "-TERM");
    let _ = child.wait();
    println!("{}", kill_log.join("\n"));
    assert!(
        plan.is_empty(),
        "every planned kill landed in its phase: left {plan:?} (steps {steps:?})"
    );

    let pool = pool(dir.path()).await;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let stored = assert_every_update_finished(&pool, pushed).await;

    // Six meetings submitted, everyone present, each nominee's votes as typed (all present).
    let meetings: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT m.unit_code, m.status,
                (SELECT COUNT(*) FROM meeting_attendance a WHERE a.unit_code = m.unit_code
                   AND a.campaign_year = m.campaign_year),
                (SELECT COUNT(*) FROM people p WHERE p.unit_code = m.unit_code AND p.active = 1)
           FROM unit_meetings m ORDER BY m.unit_code",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(meetings.len(), UNITS.len(), "{meetings:?}");
    for (unit, status, present, members) in &meetings {
        assert_eq!(status, "submitted", "{unit}");
        assert_eq!(present, members, "{unit}: everyone ticked present once");
    }
    let nominations: Vec<NominationRow> = sqlx::query_as(
        "SELECT p.employee_code, n.title, n.meeting_yes_votes, n.status, n.ballot_yes, n.ballot_no
           FROM nominations n JOIN people p ON p.id = n.person_id ORDER BY p.employee_code, n.title",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(nominations.len(), people + cstdcs, "{nominations:?}");
    let members_of: HashMap<String, i64> = meetings
        .iter()
        .map(|(unit, _, _, members)| (unit.clone(), *members))
        .collect();
    let unit_of: HashMap<String, String> =
        sqlx::query_as::<_, (String, String)>("SELECT employee_code, unit_code FROM people")
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
    // LĐTT needs no ballot: valid after the appraisal. CSTĐCS passed the ballot with all eight
    // votes for it: none lost, none counted twice.
    for (code, title, yes, status, ballot_yes, ballot_no) in &nominations {
        assert_eq!(
            *yes,
            Some(members_of[&unit_of[code]]),
            "{code} {title}: the votes typed"
        );
        let expected = if title == "CSTDCS" {
            ("passed", Some(8), Some(0))
        } else {
            ("valid", None, None)
        };
        assert_eq!(
            (status.as_str(), *ballot_yes, *ballot_no),
            expected,
            "{code} {title}"
        );
    }
    let valid = nominations.len();

    // The ballot: eight voters, every paper voted on exactly once, closed, everyone passing.
    let (status, items, roll, left_in_box): (String, i64, i64, i64) = sqlx::query_as(
        "SELECT b.status,
                (SELECT COUNT(*) FROM ballot_items i WHERE i.campaign_year = b.campaign_year),
                (SELECT COUNT(*) FROM ballot_roll),
                (SELECT COUNT(*) FROM ballot_box)
           FROM ballots b",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(status, "closed");
    assert_eq!(items as usize, cstdcs, "one paper per CSTĐCS nominee");
    assert_eq!(roll, 8 * items, "every member's vote on every paper, once");
    assert_eq!(
        left_in_box, 0,
        "the papers are opened and deleted at the close"
    );
    let closing = actors
        .iter()
        .find_map(|a| a.closing.clone())
        .expect("the secretary saw the close");
    assert!(
        closing.contains(&format!("{cstdcs}/{cstdcs} đề nghị đạt tỷ lệ")),
        "everyone voted yes, so all pass: {closing}"
    );
    // Papers delivered more than once to a member (in flight at a kill): pressed once anyway.
    let mut delivered: HashMap<(i64, String), usize> = HashMap::new();
    for message in fake.sent_messages() {
        if message.text.contains(PAPER) {
            let nominee = message
                .text
                .lines()
                .find(|l| l.starts_with("Người được đề nghị"))
                .unwrap_or_default()
                .to_owned();
            *delivered.entry((message.chat_id, nominee)).or_default() += 1;
        }
    }
    let papers_twice: usize = delivered.values().map(|n| n.saturating_sub(1)).sum();
    let interrupted = fake
        .sent_messages()
        .iter()
        .filter(|m| m.text.contains(INTERRUPTED))
        .count();
    println!(
        "kill -9 council: seed {seed}, {} kills (meetings, appraisal, ballot), {pushed} updates \
         delivered, {stored} stored and finished, 0 lost, {interrupted} answered after a restart; \
         6 meetings submitted with {} nominations and their typed votes; {} appraised valid; \
         ballot: {items} papers × 8 members = {roll} votes recorded once each and tallied \
         {items} × 8 yes, {papers_twice} papers delivered twice (in flight at a kill); integrity ok",
        kill_log.len(),
        nominations.len(),
        valid,
    );
    pool.close().await;
}
