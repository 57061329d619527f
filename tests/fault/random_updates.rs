//! Randomised updates (a seeded generator) through `thidua::bot::handle_update` against the
//! test fake Bot API, from the linked staff of `chat::STAFF_CSV` and two strangers: commands,
//! typed answers of every shape and length, stickers, group messages, real buttons pressed out
//! of order and forged ones, while the clock jumps between the campaign's phases.
//!
//! Nothing may panic; every reply must be within Telegram's limits (the fake rejects text
//! outside 1..=4096 characters and callback_data over 64 bytes, and such a rejection fails the
//! test); and nobody may act beyond their role, as the database tells afterwards.

use crate::chat::*;
use chrono::{TimeZone, Utc};
use futures::FutureExt;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use std::panic::AssertUnwindSafe;

const SECOND_STRANGER: u64 = 9010;
const USERS: [u64; 7] = [
    HEAD,
    MEMBER,
    SECRETARY,
    OTHER_UNIT,
    DIRECTOR,
    STRANGER,
    SECOND_STRANGER,
];

const COMMANDS: [&str; 34] = [
    "/guilai",
    "/giaykhen",
    "/chamdiem",
    "/kiemtra",
    "/ketquakhoi",
    "/binhxet",
    "/mohop",
    "/thamdinh",
    "/bophieu",
    "/pheduyet",
    "/start",
    "/start abc",
    "/start VP01",
    "/start ____________________________________________________________________",
    "/dangky",
    "/register",
    "/tudanhgia",
    "/assess",
    "/duyet",
    "/review",
    "/trangthai",
    "/status",
    "/huy",
    "/cancel",
    "/help",
    "/lang",
    "/nhacnho",
    "/reminders",
    "/foo",
    "/dangky@thidua_test_bot",
    "/DANGKY",
    "/help extra words",
    "/duyet 1",
    "/",
];

const ACTIONS: [&str; 22] = [
    "ok",
    "back",
    "w",
    "x",
    "send",
    "edit",
    "p:0",
    "p:1",
    "p:2",
    "p:3",
    "p:4",
    "p:7",
    "p:255",
    "p:01",
    "i:LDTT",
    "i:CSTDCS",
    "i:CSTD_TINH",
    "i:TLDTT",
    "c:TLDTT",
    "c:TLDXS",
    "c:-",
    "i:??",
];

fn random_text(rng: &mut StdRng) -> String {
    match rng.random_range(0..10) {
        0 => rng.random_range(-5..400).to_string(),
        1 => format!(
            "{:02}/{:02}/{}",
            rng.random_range(0..35),
            rng.random_range(0..14),
            rng.random_range(2018..2030)
        ),
        2 => "ư".repeat(rng.random_range(1..5_000)),
        3 => " ".repeat(rng.random_range(1..4)),
        4 => "Hoàn thành xuất sắc nhiệm vụ, rút ngắn thời gian thẩm định hồ sơ 30%.".to_owned(),
        5 => "125/QĐ-SXD".to_owned(),
        6 => "😀🏗️".repeat(rng.random_range(1..1_500)),
        7 => "<b>&amp;</b> \"'\u{0}\u{202e}".to_owned(),
        _ => (0..rng.random_range(1..300))
            .map(|_| char::from_u32(rng.random_range(0x20..0x2FFF)).unwrap_or('?'))
            .collect(),
    }
}

fn forged_data(rng: &mut StdRng) -> String {
    match rng.random_range(0..4) {
        0 => format!(
            "{:08x}:{}",
            rng.random::<u32>(),
            ACTIONS.choose(rng).unwrap()
        ),
        1 => (0..rng.random_range(1..=64))
            .map(|_| char::from(rng.random_range(0x21u8..0x7f)))
            .collect(),
        2 => format!("rm:{}", rng.random_range(0..10)),
        _ => ACTIONS.choose(rng).unwrap().to_string(),
    }
}

/// The phases the clock jumps between (UTC instants of the example campaign).
fn instants() -> [chrono::DateTime<Utc>; 6] {
    [
        Utc.with_ymd_and_hms(2026, 1, 10, 3, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 3, 1, 3, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 5, 2, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 12, 9, 2, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2027, 1, 5, 2, 0, 0).unwrap(),
    ]
}

/// Telegram-limit rejections among the requests recorded so far.
fn limit_rejections(test: &ChatTest) -> Vec<String> {
    use crate::support::fake_telegram::Outcome;
    test.fake
        .requests()
        .into_iter()
        .filter_map(|r| match r.outcome {
            Outcome::Rejected(why)
                if why.contains("too long")
                    || why.contains("text is empty")
                    || why.contains("BUTTON_DATA_INVALID") =>
            {
                Some(format!("{} {why}: {}", r.method, r.body))
            }
            _ => None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_updates_never_panic_stay_within_limits_and_respect_roles() {
    let count = if crate::long_form() { 50_000 } else { 10_000 };
    let seed = crate::seed("random updates");
    let mut rng = StdRng::seed_from_u64(seed);
    let test = ChatTest::linked().await;
    let mut errors = 0usize;
    let mut recent: Vec<(u64, Vec<(i32, String)>)> = Vec::new();
    for index in 0..count {
        // Mostly the registration window, then mostly the self-assessment window, with jumps
        // anywhere in the year now and then.
        if index == count * 2 / 5 {
            test.app.clock.set(instants()[2]);
        } else if rng.random_bool(0.01) {
            test.app.clock.set(*instants().choose(&mut rng).unwrap());
        } else if rng.random_bool(0.05) {
            test.app
                .clock
                .set(instants()[if index < count * 2 / 5 { 1 } else { 2 }]);
        }
        let user = *USERS.choose(&mut rng).unwrap();
        let update = match rng.random_range(0..20) {
            0..=3 => test
                .fake
                .private_text(user, "Người dùng", COMMANDS.choose(&mut rng).unwrap()),
            4..=5 => test
                .fake
                .private_text(user, "Người dùng", &random_text(&mut rng)),
            6 => test.fake.private_sticker(user),
            7 => test
                .fake
                .group_text(-4001, user, COMMANDS.choose(&mut rng).unwrap()),
            8..=9 => {
                let message_id = rng.random_range(1..100_000);
                test.fake.callback(user, message_id, &forged_data(&mut rng))
            }
            _ => {
                // A real button from what this user was shown recently, pressed in any order.
                let buttons = recent
                    .iter()
                    .find(|(u, _)| *u == user)
                    .map(|(_, b)| b.clone())
                    .unwrap_or_default();
                match buttons.choose(&mut rng) {
                    Some((message_id, data)) => test.fake.callback(user, *message_id, data),
                    None => test.fake.private_text(user, "Người dùng", "/dangky"),
                }
            }
        };
        let described = format!("update {index} from {user}: {update:?}");
        let run = thidua::bot::handle_update(
            test.bot.clone(),
            test.ctx().clone(),
            test.me.clone(),
            update,
        );
        match AssertUnwindSafe(run).catch_unwind().await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => errors += 1,
            Err(_) => panic!("the handler panicked on {described}; seed {seed}"),
        }
        // Remember the buttons of the user's latest messages, then keep the fake's records
        // short (limit checks run on each chunk before it is cleared).
        let shown = test.shown_to(user);
        let buttons: Vec<(i32, String)> = shown
            .iter()
            .rev()
            .take(3)
            .filter_map(|m| Some((m.message_id, m.reply_markup.clone()?)))
            .flat_map(|(id, markup)| {
                markup["inline_keyboard"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .flat_map(|row| row.as_array().cloned().unwrap_or_default())
                    .filter_map(move |b| Some((id, b["callback_data"].as_str()?.to_owned())))
            })
            .collect();
        if !buttons.is_empty() {
            recent.retain(|(u, _)| *u != user);
            recent.push((user, buttons));
        }
        if index % 200 == 199 {
            let rejected = limit_rejections(&test);
            assert!(
                rejected.is_empty(),
                "replies beyond Telegram's limits (seed {seed}): {rejected:#?}"
            );
            test.fake.clear();
        }
    }
    let rejected = limit_rejections(&test);
    assert!(
        rejected.is_empty(),
        "replies beyond Telegram's limits (seed {seed}): {rejected:#?}"
    );

    // Nobody acted beyond their role.
    let db = &test.ctx().db;
    let scalar = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(db.sqlite_pool())
            .await
            .unwrap()
    };
    let registrations = scalar("SELECT COUNT(*) FROM registrations").await;
    let collective = scalar("SELECT COUNT(*) FROM unit_registrations").await;
    let assessments = scalar("SELECT COUNT(*) FROM assessments").await;
    let submitted =
        scalar("SELECT COUNT(*) FROM assessments WHERE submitted_version IS NOT NULL").await;
    println!(
        "random updates: seed {seed}, {count} updates, {errors} handler errors (logged, not panics); \
         {registrations} individual and {collective} collective registrations, {assessments} \
         assessments ({submitted} submitted)"
    );
    assert_eq!(
        scalar(
            "SELECT COUNT(*) FROM registrations r JOIN people p ON p.id = r.person_id
             WHERE p.telegram_user_id IS NULL
                OR NOT EXISTS (SELECT 1 FROM person_roles x WHERE x.person_id = p.id AND x.role = 'staff')"
        )
        .await,
        0,
        "an individual registration by someone unlinked or not staff"
    );
    assert_eq!(
        scalar(
            "SELECT COUNT(*) FROM unit_registrations u JOIN people p ON p.id = u.registered_by
             WHERE p.unit_code <> u.unit_code
                OR NOT EXISTS (SELECT 1 FROM person_roles x WHERE x.person_id = p.id AND x.role = 'unit_head')"
        )
        .await,
        0,
        "a collective registration by someone who is not that unit's head"
    );
    assert_eq!(
        scalar(
            "SELECT COUNT(*) FROM assessments a JOIN people p ON p.id = a.person_id
             WHERE p.telegram_user_id IS NULL
                OR NOT EXISTS (SELECT 1 FROM registrations r
                               WHERE r.person_id = a.person_id AND r.campaign_year = a.campaign_year)"
        )
        .await,
        0,
        "a self-assessment by someone unlinked or who never registered"
    );
    // Successful role-bound actions in the audit log were taken by someone with the role.
    for (action, role) in [
        ("registration.saved", "staff"),
        ("registration.withdrawn", "staff"),
        ("assessment.submitted", "staff"),
        ("registration.collective_saved", "unit_head"),
        ("registration.collective_withdrawn", "unit_head"),
        ("assessment.approved", "unit_head"),
        ("assessment.returned", "unit_head"),
    ] {
        let offenders: Vec<(i64, Option<i64>)> = sqlx::query_as(
            "SELECT a.id, a.actor_telegram_id FROM audit_log a
             WHERE a.action = ?1 AND a.source = 'bot' AND NOT EXISTS (
                 SELECT 1 FROM people p JOIN person_roles x ON x.person_id = p.id
                 WHERE p.telegram_user_id = a.actor_telegram_id AND x.role = ?2)",
        )
        .bind(action)
        .bind(role)
        .fetch_all(db.sqlite_pool())
        .await
        .unwrap();
        assert!(
            offenders.is_empty(),
            "`{action}` audited for someone without the {role} role: {offenders:?}"
        );
    }
    let strangers: Vec<(String, i64)> = sqlx::query_as(
        "SELECT action, COUNT(*) FROM audit_log WHERE source = 'bot' AND actor_telegram_id IN (?1, ?2)
         AND action IN ('person.linked', 'person.language', 'registration.saved',
                        'registration.withdrawn', 'registration.collective_saved',
                        'registration.collective_withdrawn', 'assessment.submitted',
                        'assessment.approved', 'assessment.returned')
         GROUP BY action",
    )
    .bind(STRANGER as i64)
    .bind(SECOND_STRANGER as i64)
    .fetch_all(db.sqlite_pool())
    .await
    .unwrap();
    assert!(
        strangers.is_empty(),
        "a stranger's action was audited as done: {strangers:?}"
    );
}
