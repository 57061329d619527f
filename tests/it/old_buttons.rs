//! Every button a dialogue ever showed, pressed again at every later step: nothing it stands for
//! is recorded (answers, registrations, reviews, the dialogue's step), the question on screen is
//! shown again, and no superseded keyboard stays on screen. This is the property the issue asks
//! for: "a property test presses every old button of a dialogue at every later step and finds
//! nothing changed", walked over the self-assessment, registration and review dialogues.

use crate::chat::*;
use chrono::TimeZone;
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug)]
enum Act {
    Press(&'static str),
    Send(&'static str),
}
use Act::{Press, Send};

/// The tables a press could change and the dialogue's step, its nonce aside (showing a screen
/// again gives it a new nonce, which is not a change of what was recorded).
async fn snapshot(test: &ChatTest, user: u64) -> String {
    let pool = test.app.ctx.db.sqlite_pool();
    let mut out = String::new();
    for table in [
        "assessments",
        "assessment_versions",
        "registrations",
        "unit_registrations",
        "unit_meetings",
        "meeting_attendance",
        "nominations",
    ] {
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?1)")
            .bind(table)
            .fetch_all(pool)
            .await
            .unwrap();
        let row = columns
            .iter()
            .map(|c| format!("quote({c})"))
            .collect::<Vec<_>>()
            .join("||','||");
        // The table and column names are this test's constants and the schema's own.
        let rows: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT group_concat({row}, ';') FROM (SELECT * FROM {table} ORDER BY rowid)"
        )))
        .fetch_one(pool)
        .await
        .unwrap();
        out.push_str(&format!("{table}: {}\n", rows.unwrap_or_default()));
    }
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
        .fetch_one(pool)
        .await
        .unwrap();
    out.push_str(&format!("outbox rows: {queued}\n"));
    let state: Option<String> =
        sqlx::query_scalar("SELECT state FROM dialogues WHERE chat_id = ?1")
            .bind(user as i64)
            .fetch_optional(pool)
            .await
            .unwrap();
    let state = state.unwrap_or_default();
    let without_nonce = strip_nonce(&state);
    out.push_str(&format!("dialogue: {without_nonce}\n"));
    out
}

/// `"nonce":123` → `"nonce":_`.
fn strip_nonce(state: &str) -> String {
    let mut out = String::new();
    let mut rest = state;
    while let Some(at) = rest.find("\"nonce\":") {
        let (head, tail) = rest.split_at(at + "\"nonce\":".len());
        out.push_str(head);
        out.push('_');
        rest = tail.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// The message holding the live keyboard (the newest that still carries one) and its buttons.
fn live_keyboard(test: &ChatTest, user: u64) -> Option<(i32, Vec<String>)> {
    let shown = test.shown_to(user);
    let newest = shown
        .iter()
        .rev()
        .map(|message| message.message_id)
        .find(|id| test.fake.markup_of(user as i64, *id).is_some())?;
    let markup = test.fake.markup_of(user as i64, newest)?;
    let data = markup["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| row.as_array())
        .flatten()
        .filter_map(|button| button["callback_data"].as_str().map(str::to_owned))
        .collect();
    Some((newest, data))
}

/// Runs `script`. Before each act, every button shown after an earlier act (not the live ones)
/// is pressed once: the snapshot must not move, and only one message may carry buttons.
/// Returns how many old buttons were pressed.
async fn walk(test: &ChatTest, user: u64, script: &[Act]) -> usize {
    let mut shown_before: Vec<(i32, String)> = Vec::new();
    let mut pressed = 0;
    for (step, act) in script.iter().enumerate() {
        let live = live_keyboard(test, user);
        let live_data: BTreeSet<String> = live
            .as_ref()
            .map(|(_, data)| data.iter().cloned().collect())
            .unwrap_or_default();
        // Superseded keyboards are off the screen: only the live message has buttons.
        let with_buttons: BTreeSet<i32> = test
            .shown_to(user)
            .iter()
            .map(|m| m.message_id)
            .filter(|id| test.fake.markup_of(user as i64, *id).is_some())
            .collect();
        assert!(
            with_buttons.len() <= 1,
            "before {act:?} (step {step}), several messages carry buttons: {with_buttons:?}"
        );
        let before = snapshot(test, user).await;
        for (message_id, data) in &shown_before {
            if live_data.contains(data) {
                continue;
            }
            test.press_raw(user, *message_id, data).await;
            pressed += 1;
            let after = snapshot(test, user).await;
            assert_eq!(
                before, after,
                "the old button {data:?} pressed before {act:?} (step {step}) changed something"
            );
        }
        match act {
            Press(label) => test.press(user, label).await,
            Send(text) => test.send(user, text).await,
        }
        if let Some((message_id, data)) = live_keyboard(test, user) {
            for data in data {
                if !shown_before.iter().any(|(_, seen)| *seen == data) {
                    shown_before.push((message_id, data));
                }
            }
        }
    }
    pressed
}

fn november_fifth() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc.with_ymd_and_hms(2026, 11, 5, 2, 0, 0).unwrap()
}

async fn register(test: &ChatTest, user: u64, title: &str) {
    test.send(user, "/dangky").await;
    test.press(user, title).await;
    if user == HEAD {
        test.press(user, "Không đăng ký tập thể").await;
    }
    test.press(user, "Xác nhận").await;
}

const ASSESSMENT: &[Act] = &[
    Send("/tudanhgia"),
    Press("Hoàn thành xuất sắc nhiệm vụ"),
    Press("Nghỉ thai sản"),
    Send("180"),
    Press("Thêm"),
    Press("Nghỉ khác"),
    Send("12"),
    Press("Xong"),
    Press("Không bị kỷ luật"),
    Press("Có"),
    Send("Số hóa quy trình cấp giấy phép xây dựng"),
    Send("125/QĐ-SXD"),
    Send("12/09/2026"),
    Press("Cấp tỉnh (ảnh hưởng toàn tỉnh)"),
    Press("Xong"),
    Press("Không có"),
    Send("Hoàn thành xuất sắc 100% nhiệm vụ được giao, rút ngắn thời gian thẩm định hồ sơ 30%."),
    Press("Sửa một câu trả lời"),
    Press("Đề tài"),
    Press("1"),
    Press("Nộp"),
];

#[tokio::test]
async fn no_old_button_of_the_self_assessment_answers_a_later_question() {
    let test = ChatTest::linked().await;
    register(&test, MEMBER, "Chiến sĩ thi đua cơ sở").await;
    test.app.clock.set(november_fifth());
    test.fake.clear();
    let pressed = walk(&test, MEMBER, ASSESSMENT).await;
    assert!(pressed > 100, "only {pressed} old presses");
    // The walk ended where the script leads, every old press aside.
    let (status, answers): (String, String) =
        sqlx::query_as("SELECT status, answers FROM assessments")
            .fetch_one(test.app.ctx.db.sqlite_pool())
            .await
            .unwrap();
    assert_eq!(status, "submitted");
    for expected in [
        "\"rating\":\"excellent\"",
        "\"discipline\":\"none\"",
        "\"research_projects\":1",
        "125/QĐ-SXD",
        "\"scope\":\"province\"",
    ] {
        assert!(answers.contains(expected), "{expected} in {answers}");
    }
    assert!(
        test.callback_answers()
            .iter()
            .any(|answer| answer.contains("không được ghi nhận")),
        "an old press is told it was not recorded"
    );
}

#[tokio::test]
async fn no_old_button_of_the_registration_answers_a_later_question() {
    let test = ChatTest::linked().await;
    let pressed = walk(
        &test,
        HEAD,
        &[
            Send("/dangky"),
            Press("Chiến sĩ thi đua cơ sở"),
            Press("Chọn lại"),
            Press("Lao động tiên tiến"),
            Press("Tập thể lao động tiên tiến"),
            Press("Chọn lại"),
            Press("Lao động tiên tiến"),
            Press("Không đăng ký tập thể"),
            Press("Xác nhận"),
            Send("/dangky"),
            Press("Rút đăng ký"),
            Press("Giữ"),
        ],
    )
    .await;
    assert!(pressed > 20, "only {pressed} old presses");
    assert_eq!(
        test.registration_of("VP01").await,
        Some(("LDTT".into(), "registered".into()))
    );
    assert_eq!(test.collective_of("VP").await, None);
}

#[tokio::test]
async fn no_old_button_of_a_review_approves_someone_else() {
    let test = ChatTest::linked().await;
    for user in [MEMBER, SECRETARY] {
        register(&test, user, "Lao động tiên tiến").await;
    }
    test.app.clock.set(november_fifth());
    for user in [MEMBER, SECRETARY] {
        crate::bot_review::assess_and_submit(&test, user).await;
    }
    test.fake.clear();
    walk(
        &test,
        HEAD,
        &[
            Send("/duyet"),
            Press("Nguyễn Thị Mai"),
            Press("Danh sách"),
            Press("Lê Quốc Bảo"),
            Press("Trả lại"),
            Press("Danh sách"),
            Press("Nguyễn Thị Mai"),
            Press("Duyệt"),
        ],
    )
    .await;
    let statuses: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.employee_code, a.status FROM assessments a JOIN people p ON p.id = a.person_id
         ORDER BY p.employee_code",
    )
    .fetch_all(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap();
    assert_eq!(
        statuses,
        vec![
            ("VP02".into(), "approved".into()),
            ("VP03".into(), "submitted".into()),
        ],
        "only the member whose screen was open is approved"
    );
}

/// A press replayed after a restart (its screen lost with the process) shows the live screen
/// again; the copy keeps the live nonce, so a press on the screen already displayed, racing the
/// copy, still counts instead of chasing copies for ever.
#[tokio::test]
async fn a_copy_of_the_live_screen_leaves_its_buttons_valid() {
    let test = ChatTest::linked().await;
    test.send(MEMBER, "/dangky").await;
    let (message, title) = test.button(MEMBER, "Chiến sĩ thi đua cơ sở");
    test.press(MEMBER, "Chiến sĩ thi đua cơ sở").await;
    let (live_message, confirm) = test.button(MEMBER, "Xác nhận");
    assert_eq!(live_message, message, "the choice edits its own message");
    test.press_raw(MEMBER, message, &title).await;
    let (copy, copied) = test.button(MEMBER, "Xác nhận");
    assert_ne!(
        copy, message,
        "the live screen is shown again as a new message"
    );
    assert_eq!(copied, confirm, "with the same buttons");
    test.press_raw(MEMBER, live_message, &confirm).await;
    assert_eq!(
        test.registration_of("VP02").await,
        Some(("CSTDCS".into(), "registered".into()))
    );
}
