//! /binhxet: the unit review meeting — quorum, vote share, quotas, the collective title computed
//! from the members' verdicts, submission locking the reviews, and the secretary reopening.

mod local_rules;
mod locks;
mod returned;

use crate::chat::*;
use chrono::TimeZone;

pub fn november(day: u32) -> chrono::DateTime<chrono::Utc> {
    chrono::Utc
        .with_ymd_and_hms(2026, 11, day, 2, 0, 0)
        .unwrap()
}

/// Registers `user` for `title`; the head also picks `collective` ("Không đăng ký tập thể" for none).
pub async fn register(test: &ChatTest, user: u64, title: &str, collective: Option<&str>) {
    test.send(user, "/dangky").await;
    test.press(user, title).await;
    if user == HEAD {
        test.press(user, collective.unwrap_or("Không đăng ký tập thể"))
            .await;
    }
    test.press(user, "Xác nhận").await;
}

/// A complete self-assessment rated "good", with `research` accepted research projects.
pub async fn assess(test: &ChatTest, user: u64, research: u32) {
    test.send(user, "/tudanhgia").await;
    test.press(user, "Hoàn thành tốt nhiệm vụ").await;
    test.press(user, "Không nghỉ dài ngày").await;
    test.press(user, "Không bị kỷ luật").await;
    test.press(user, "Không có").await;
    if research == 0 {
        test.press(user, "Không có").await;
    } else {
        test.send(user, &research.to_string()).await;
    }
    test.send(
        user,
        "Hoàn thành tốt các nhiệm vụ chuyên môn được giao trong năm.",
    )
    .await;
    test.press(user, "Nộp").await;
}

pub async fn approve(test: &ChatTest, reviewer: u64, name: &str) {
    test.send(reviewer, "/duyet").await;
    test.press(reviewer, name).await;
    test.press(reviewer, "Duyệt").await;
}

/// The campaign from `campaign_text`, everyone linked; head and member (and the secretary when
/// `with_secretary`) registered LĐTT, assessed and approved; the clock in the unit-review window.
pub async fn reviewed_unit(collective: Option<&str>, with_secretary: bool) -> ChatTest {
    let test = ChatTest::linked().await;
    register(&test, HEAD, "Lao động tiên tiến", collective).await;
    register(&test, MEMBER, "Lao động tiên tiến", None).await;
    if with_secretary {
        register(&test, SECRETARY, "Lao động tiên tiến", None).await;
    }
    test.app.clock.set(november(5));
    assess(&test, HEAD, 0).await;
    assess(&test, MEMBER, 0).await;
    if with_secretary {
        assess(&test, SECRETARY, 0).await;
        approve(&test, HEAD, "Lê Quốc Bảo").await;
    }
    approve(&test, HEAD, "Nguyễn Thị Mai").await;
    approve(&test, SECRETARY, "Trần Văn Hùng").await;
    test.app.clock.set(november(25));
    test.fake.clear();
    test
}

/// /binhxet up to the result: date, attendance, the unit's rating if asked, then the votes.
pub async fn hold_meeting(test: &ChatTest, present: &[&str], rating: Option<&str>, votes: &[u32]) {
    test.send(HEAD, "/binhxet").await;
    test.send(HEAD, "25/11/2026").await;
    for name in present {
        test.press(HEAD, name).await;
    }
    test.press(HEAD, "Xong").await;
    if let Some(rating) = rating {
        test.press(HEAD, rating).await;
    }
    for yes in votes {
        test.send(HEAD, &yes.to_string()).await;
    }
}

pub async fn nominations(test: &ChatTest) -> Vec<(Option<String>, String, Option<i64>, String)> {
    sqlx::query_as(
        "SELECT p.employee_code, n.title, n.meeting_yes_votes, n.status FROM nominations n
         LEFT JOIN people p ON p.id = n.person_id ORDER BY n.title, p.employee_code",
    )
    .fetch_all(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap()
}

async fn meeting_status(test: &ChatTest) -> Option<String> {
    sqlx::query_scalar("SELECT status FROM unit_meetings WHERE unit_code = 'VP'")
        .fetch_optional(test.app.ctx.db.sqlite_pool())
        .await
        .unwrap()
}

async fn outbox_to(test: &ChatTest, user: u64, key_prefix: &str) -> Vec<String> {
    let ids = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE chat_id = ?1 AND logical_key LIKE ?2 ORDER BY id",
    )
    .bind(user as i64)
    .bind(format!("{key_prefix}%"))
    .fetch_all(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap();
    crate::support::outbox_text::bodies(&test.app.ctx.db, ids).await
}

/// Submits the recorded meeting: "Gửi đề nghị…", then its preview's confirmation.
pub async fn submit_meeting(test: &ChatTest) {
    test.press(HEAD, "Gửi đề nghị").await;
    test.press(HEAD, "Xác nhận gửi").await;
}

#[tokio::test]
async fn a_full_meeting_with_quorum_submits_the_nominations_and_tells_the_secretary() {
    let test = reviewed_unit(Some("Tập thể lao động tiên tiến"), true).await;
    // Nominees in Vietnamese name order (given name first) within LĐTT: Lê Quốc Bảo, Trần Văn
    // Hùng, Nguyễn Thị Mai.
    hold_meeting(
        &test,
        &["Lê Quốc Bảo", "Nguyễn Thị Mai", "Trần Văn Hùng"],
        Some("Hoàn thành tốt nhiệm vụ"),
        &[3, 2, 3],
    )
    .await;
    let result = test.last_text(HEAD);
    assert!(
        result.contains("Có mặt 3/3 thành viên: đủ số người dự"),
        "{result}"
    );
    assert!(
        result.contains("✅ Trần Văn Hùng — Lao động tiên tiến: 2/3 phiếu đồng ý — được đề nghị"),
        "{result}"
    );
    assert!(result.contains("Danh hiệu tập thể Tập thể lao động tiên tiến: kết quả của các thành viên đáp ứng tiêu chuẩn"), "{result}");
    // The registered collective title is proposed by default; the head may drop it and take it
    // back.
    assert!(
        result.contains("Sẽ đề nghị danh hiệu tập thể này"),
        "{result}"
    );
    test.press(HEAD, "Bỏ đề nghị Tập thể lao động tiên tiến")
        .await;
    assert!(
        !test
            .last_text(HEAD)
            .contains("Sẽ đề nghị danh hiệu tập thể này")
    );
    // Dropped, the submission preview warns in so many words.
    test.press(HEAD, "Gửi đề nghị").await;
    let warned = test.last_text(HEAD);
    assert!(
        warned.contains(
            "⚠️ KHÔNG đề nghị Tập thể lao động tiên tiến (đơn vị đã đăng ký danh hiệu này)"
        ),
        "{warned}"
    );
    test.press(HEAD, "Quay lại kết quả").await;
    test.press(HEAD, "Đề nghị Tập thể lao động tiên tiến").await;
    assert!(
        test.last_text(HEAD)
            .contains("Sẽ đề nghị danh hiệu tập thể này")
    );
    // The preview says what is sent and that the minutes lock; nothing is sent before confirming.
    test.press(HEAD, "Gửi đề nghị").await;
    let preview = test.shown_to(HEAD).last().cloned().unwrap();
    for expected in [
        "Gửi kết quả họp bình xét của Văn phòng đến Thường trực Hội đồng Thi đua – Khen thưởng?",
        "• Trần Văn Hùng — Lao động tiên tiến",
        "• Danh hiệu tập thể: đề nghị Tập thể lao động tiên tiến",
        "bị khóa; chỉ Thường trực Hội đồng mở lại được (/mohop)",
    ] {
        assert!(
            preview.text.contains(expected),
            "{expected:?} in {}",
            preview.text
        );
    }
    let rows = preview.reply_markup.unwrap()["inline_keyboard"]
        .as_array()
        .cloned()
        .unwrap();
    assert!(
        rows.iter().all(|row| row.as_array().unwrap().len() == 1),
        "{rows:?}"
    );
    assert!(nominations(&test).await.is_empty(), "nothing sent yet");
    test.press(HEAD, "Xác nhận gửi").await;
    let done = test.last_text(HEAD);
    assert!(
        done.contains("Đã gửi kết quả họp bình xét của Văn phòng"),
        "{done}"
    );
    assert!(
        done.contains("3 đề nghị cá nhân và danh hiệu Tập thể lao động tiên tiến"),
        "{done}"
    );
    assert_eq!(
        nominations(&test).await,
        [
            (
                Some("VP01".into()),
                "LDTT".into(),
                Some(2),
                "proposed".into()
            ),
            (
                Some("VP02".into()),
                "LDTT".into(),
                Some(3),
                "proposed".into()
            ),
            (
                Some("VP03".into()),
                "LDTT".into(),
                Some(3),
                "proposed".into()
            ),
            (None, "TLDTT".into(), None, "proposed".into()),
        ]
    );
    assert_eq!(meeting_status(&test).await.as_deref(), Some("submitted"));
    let attended: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM meeting_attendance WHERE unit_code = 'VP'")
            .fetch_one(test.app.ctx.db.sqlite_pool())
            .await
            .unwrap();
    assert_eq!(attended, 3);
    let notices = outbox_to(&test, SECRETARY, "meeting-submitted").await;
    assert_eq!(notices.len(), 1);
    assert!(
        notices[0].contains("Văn phòng đã gửi kết quả họp bình xét ngày 25/11/2026"),
        "{}",
        notices[0]
    );
    assert_eq!(test.audit_actions("meeting.submitted").await.len(), 1);
    // Submitted: the head cannot record it again.
    test.send(HEAD, "/binhxet").await;
    assert!(
        test.last_text(HEAD).contains("đã được gửi Thường trực"),
        "{}",
        test.last_text(HEAD)
    );
}

#[tokio::test]
async fn a_meeting_without_quorum_cannot_submit_and_proposes_nothing() {
    let mut test = reviewed_unit(None, false).await;
    test.send(HEAD, "/binhxet").await;
    test.send(HEAD, "25/11/2026").await;
    // The draft lives in the dialogue table: a restart mid-meeting loses nothing.
    test.restart().await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    test.press(HEAD, "Xong").await;
    test.send(HEAD, "1").await;
    test.send(HEAD, "1").await;
    let result = test.last_text(HEAD);
    assert!(
        result.contains("Có mặt 1/3 thành viên: CHƯA đủ số người dự"),
        "{result}"
    );
    assert!(
        result.contains("không xét vì cuộc họp chưa đủ số người dự"),
        "{result}"
    );
    let shown = test.shown_to(HEAD);
    let markup = shown
        .last()
        .unwrap()
        .reply_markup
        .clone()
        .unwrap()
        .to_string();
    assert!(
        !markup.contains("Gửi đề nghị"),
        "no submit button without quorum: {markup}"
    );
    // A submit forged on the live dialogue is refused by the service, clearly.
    let (message_id, data) = test.button(HEAD, "Hủy");
    let nonce = data.split(':').next().unwrap();
    test.press_raw(HEAD, message_id, &format!("{nonce}:send"))
        .await;
    let refused = test.last_text(HEAD);
    assert!(
        refused.contains("chưa đủ số người dự theo quy định (1/3 thành viên có mặt)"),
        "{refused}"
    );
    assert!(nominations(&test).await.is_empty());
    assert_eq!(meeting_status(&test).await, None);
}

#[tokio::test]
async fn a_nominee_below_the_vote_share_and_an_unsupported_collective_title_are_not_proposed() {
    // The secretary (a VP member) never assessed: 2 of 3 members achieve LĐTT, under 70%.
    let test = reviewed_unit(Some("Tập thể lao động tiên tiến"), false).await;
    hold_meeting(
        &test,
        &["Nguyễn Thị Mai", "Trần Văn Hùng"],
        Some("Hoàn thành tốt nhiệm vụ"),
        // Hùng, then Mai.
        &[2, 1],
    )
    .await;
    let result = test.last_text(HEAD);
    assert!(
        result.contains("❌ Nguyễn Thị Mai — Lao động tiên tiến: 1/2 phiếu đồng ý — không được đề nghị: số phiếu đồng ý chưa đạt tỷ lệ"),
        "{result}"
    );
    assert!(
        result.contains("dữ liệu không đủ căn cứ nên KHÔNG thể đề nghị"),
        "{result}"
    );
    assert!(
        result.contains("70%"),
        "the unmet threshold is shown: {result}"
    );
    assert!(
        result.contains("1 thành viên chưa có bản tự đánh giá được duyệt"),
        "{result}"
    );
    let markup = test
        .shown_to(HEAD)
        .last()
        .unwrap()
        .reply_markup
        .clone()
        .unwrap()
        .to_string();
    assert!(!markup.contains("Đề nghị Tập thể"), "{markup}");
    // Forcing the collective title through a forged press is refused at submission.
    let (message_id, data) = test.button(HEAD, "Gửi đề nghị");
    let nonce = data.split(':').next().unwrap();
    test.press_raw(HEAD, message_id, &format!("{nonce}:c:TLDTT"))
        .await;
    // The forged press was taken as a choice: the result is shown again, with a nonce of its own.
    let (message_id, data) = test.button(HEAD, "Gửi đề nghị");
    let nonce = data.split(':').next().unwrap();
    test.press_raw(HEAD, message_id, &format!("{nonce}:send"))
        .await;
    assert!(
        test.last_text(HEAD)
            .contains("chưa đáp ứng tiêu chuẩn danh hiệu tập thể"),
        "{}",
        test.last_text(HEAD)
    );
    assert!(nominations(&test).await.is_empty());
    // Without it, only the head's LĐTT stands.
    hold_meeting(
        &test,
        &["Nguyễn Thị Mai", "Trần Văn Hùng"],
        Some("Hoàn thành tốt nhiệm vụ"),
        // Hùng, then Mai.
        &[2, 1],
    )
    .await;
    submit_meeting(&test).await;
    assert_eq!(
        nominations(&test).await,
        [(
            Some("VP01".into()),
            "LDTT".into(),
            Some(2),
            "proposed".into()
        )]
    );
}

#[tokio::test]
async fn a_department_quota_binds_and_counts_other_units_so_far() {
    // nd91-2017: CSTĐCS at most 15% of the people achieving LĐTT department-wide, rounded down.
    let test = ChatTest::linked_with_campaign(|text| {
        text.replace("rule_set = \"luat-2022\"", "rule_set = \"nd91-2017\"")
    })
    .await;
    register(&test, HEAD, "Lao động tiên tiến", None).await;
    register(&test, MEMBER, "Chiến sĩ thi đua cơ sở", None).await;
    test.app.clock.set(november(5));
    assess(&test, HEAD, 0).await;
    assess(&test, MEMBER, 1).await;
    approve(&test, HEAD, "Nguyễn Thị Mai").await;
    approve(&test, SECRETARY, "Trần Văn Hùng").await;
    // Another unit already proposed one LĐTT.
    sqlx::query(
        "INSERT INTO nominations (campaign_year, unit_code, person_id, title, meeting_yes_votes, status, created_at, updated_at)
         SELECT 2026, 'TT', id, 'LDTT', 1, 'proposed', '2026-11-24', '2026-11-24' FROM people WHERE employee_code = 'TT01'",
    )
    .execute(test.app.ctx.db.sqlite_pool())
    .await
    .unwrap();
    test.app.clock.set(november(25));
    // Votes: LĐTT Mai, LĐTT Hùng, then CSTĐCS Mai.
    hold_meeting(
        &test,
        &["Nguyễn Thị Mai", "Trần Văn Hùng"],
        None,
        &[2, 2, 2],
    )
    .await;
    let result = test.last_text(HEAD);
    assert!(
        result.contains("❌ Nguyễn Thị Mai — Chiến sĩ thi đua cơ sở: 2/2 phiếu đồng ý — không được đề nghị: vượt số lượng tối đa"),
        "{result}"
    );
    assert!(
        result.contains("Số lượng Chiến sĩ thi đua cơ sở (phạm vi toàn Sở): tối đa 0 trên 3 người đạt Lao động tiên tiến tính đến nay"),
        "{result}"
    );
    submit_meeting(&test).await;
    let vp: Vec<_> = nominations(&test)
        .await
        .into_iter()
        .filter(|row| row.0.as_deref() != Some("TT01"))
        .collect();
    assert_eq!(
        vp,
        [
            (
                Some("VP01".into()),
                "LDTT".into(),
                Some(2),
                "proposed".into()
            ),
            (
                Some("VP02".into()),
                "LDTT".into(),
                Some(2),
                "proposed".into()
            ),
        ]
    );
}

/// /binhxet typed again mid-meeting (after a restart's note, or having scrolled away) carries on
/// with the date, ticks and votes entered; before, it started over and dropped them.
#[tokio::test]
async fn binhxet_again_mid_meeting_carries_on_with_what_was_entered() {
    let test = reviewed_unit(None, false).await;
    test.send(HEAD, "/binhxet").await;
    test.send(HEAD, "25/11/2026").await;
    test.press(HEAD, "Nguyễn Thị Mai").await;
    test.press(HEAD, "Trần Văn Hùng").await;
    test.press(HEAD, "Xong").await;
    test.send(HEAD, "2").await;
    assert!(test.last_text(HEAD).starts_with("Biểu quyết 2/2"));

    test.send(HEAD, "/binhxet").await;
    let shown = test.shown_to(HEAD);
    let said = &shown[shown.len() - 2].text;
    assert!(
        said.contains("đang ghi dở cuộc họp bình xét: những gì đã nhập vẫn được giữ"),
        "{said}"
    );
    assert!(
        test.last_text(HEAD).starts_with("Biểu quyết 2/2"),
        "the vote it waited on, asked again: {}",
        test.last_text(HEAD)
    );
    test.send(HEAD, "2").await;
    let result = test.last_text(HEAD);
    assert!(
        result.contains("Có mặt 2/3 thành viên: đủ số người dự"),
        "the ticks were kept: {result}"
    );
    assert!(
        result.contains("Nguyễn Thị Mai — Lao động tiên tiến: 2/2 phiếu đồng ý"),
        "the first vote was kept: {result}"
    );

    // "Hủy" still starts afresh.
    test.press(HEAD, "Hủy").await;
    test.send(HEAD, "/binhxet").await;
    assert!(
        test.last_text(HEAD).contains("Bước 1"),
        "{}",
        test.last_text(HEAD)
    );
}

/// The prompt's example date is today's (by the clock), so the example never breaks the rule
/// printed next to it ("không được sau hôm nay").
#[tokio::test]
async fn the_meeting_date_example_is_today() {
    let test = reviewed_unit(None, false).await;
    test.app.clock.set(november(27));
    test.send(HEAD, "/binhxet").await;
    let intro = test.last_text(HEAD);
    assert!(
        intro.contains("ví dụ 27/11/2026 nếu họp hôm nay (ngày họp không được sau hôm nay)"),
        "{intro}"
    );
    assert!(!intro.contains("25/11/2026"), "{intro}");
    test.send(HEAD, "hôm qua").await;
    let problem = test.last_text(HEAD);
    assert!(problem.contains("ví dụ 27/11/2026."), "{problem}");
}
