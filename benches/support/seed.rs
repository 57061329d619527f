//! Building a benchmark's database through the product's own services: a staff file of `n`
//! people imported, a campaign whose registration and self-assessment windows are both open
//! today (so one conversation can link, register and self-assess without moving a clock), and
//! an invite code for everyone.

#![allow(dead_code)] // Each bench uses a part of the shared support.

use chrono::{Datelike, Utc};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use thidua::clock::SystemClock;
use thidua::config::Settings;
use thidua::org::Org;
use thidua::services::{self, Ctx};

pub fn repo_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The `THIDUA__…` environment a bot process or an in-process context uses for `dir`.
pub fn env_for(dir: &Path) -> Vec<(String, String)> {
    vec![
        (
            "THIDUA__DATABASE__PATH".into(),
            dir.join("thidua.sqlite").display().to_string(),
        ),
        (
            "THIDUA__MAIL__FILE_DIR".into(),
            dir.join("mail").display().to_string(),
        ),
        (
            "THIDUA__ORG__FILE".into(),
            repo_file("config/org.toml").display().to_string(),
        ),
        // `run` checks the configured name against getMe; the bench fake's bot is this one.
        (
            "THIDUA__TELEGRAM__BOT_USERNAME".into(),
            "thidua_bench_bot".into(),
        ),
    ]
}

pub async fn context(dir: &Path, clock: thidua::clock::SharedClock) -> Ctx {
    let settings = Settings::from_layers(None, env_for(dir)).expect("bench settings");
    let org = Org::load(&settings.org.file).expect("org file");
    let db = thidua::storage::open(&settings.database.path, settings.database.max_connections)
        .await
        .expect("database opens");
    let mut conn = db.read().await.unwrap();
    thidua::storage::units::sync_from_org(&mut conn, &org)
        .await
        .unwrap();
    drop(conn);
    Ctx::start(
        db,
        clock,
        Arc::new(settings),
        Arc::new(org),
        Arc::new(thidua::export::presenter::Presenter),
    )
    .await
    .expect("context starts")
}

const UNITS: [&str; 6] = ["VP", "TT", "QHPTDT", "QLXD", "QLNVLXD", "TTQHGD"];

/// `n` staff members (employee codes `B00001`…), spread over the six units; with `heads`, the
/// first person of each unit is also its head.
pub fn staff_csv(n: usize, heads: bool) -> String {
    let mut csv =
        String::from("employee_code,full_name,unit_code,position,email,gender,hire_date,roles\n");
    for i in 1..=n {
        let unit = UNITS[(i - 1) % UNITS.len()];
        let roles = if heads && i <= UNITS.len() {
            "staff;unit_head"
        } else {
            "staff"
        };
        csv.push_str(&format!(
            "B{i:05},Nguyễn Văn Thử {i},{unit},Chuyên viên,nv{i}@example.gov.vn,{},2015-03-01,{roles}\n",
            if i % 2 == 0 { "nữ" } else { "nam" },
        ));
    }
    csv
}

/// A campaign of this year whose registration and self-assessment are open all year.
pub fn campaign_toml(year: i32) -> String {
    format!(
        r#"year = {year}
name = "Đợt thi đua đo hiệu năng {year}"
rule_set = "luat-2022"
titles = ["LDTT", "CSTDCS", "CSTD_TINH", "TLDTT", "TLDXS"]
[phases.registration]
opens = "{year}-01-01T00:00"
closes = "{year}-12-31T20:00"
[phases.self_assessment]
opens = "{year}-01-01T00:00"
closes = "{year}-12-31T20:00"
[phases.unit_review]
opens = "{year}-12-31T20:00"
closes = "{year}-12-31T21:00"
[phases.appraisal]
opens = "{year}-12-31T21:00"
closes = "{year}-12-31T22:00"
[phases.ballot]
opens = "{year}-12-31T22:00"
closes = "{year}-12-31T23:00"
[phases.decision]
opens = "{year}-12-31T23:00"
closes = "{year}-12-31T23:30"
"#
    )
}

/// Seeds `dir` with `n` people and this year's campaign; returns the invite code of each
/// person, in employee-code order.
pub async fn seed(dir: &Path, n: usize, heads: bool) -> Vec<String> {
    let ctx = context(dir, Arc::new(SystemClock)).await;
    services::staff_import::import(&ctx, staff_csv(n, heads).as_bytes())
        .await
        .expect("bench staff imports");
    let year = Utc::now()
        .with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
        .year();
    services::campaign::open(&ctx, &campaign_toml(year))
        .await
        .expect("bench campaign opens");
    let mut issued = services::invite::issue(&ctx, &services::invite::Selector::All, false)
        .await
        .expect("invites");
    issued.sort_by(|a, b| a.employee_code.cmp(&b.employee_code));
    let codes = issued
        .into_iter()
        .map(|i| i.code.as_str().to_owned())
        .collect();
    ctx.db.close().await;
    codes
}

/// What a year leaves behind, per person: linked, registered, a submitted self-assessment with
/// its version, five audit entries, five delivered messages, three reminders.
pub async fn year_of_data(dir: &std::path::Path) {
    let ctx = context(dir, std::sync::Arc::new(thidua::clock::SystemClock)).await;
    let year = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
        .year();
    let answers = r#"{"rating":"good","leave":[],"discipline":"none","initiatives":[],"research_projects":0,"summary":"Hoàn thành tốt nhiệm vụ được giao, tham gia đầy đủ các lớp bồi dưỡng chuyên môn trong năm; chủ trì rà soát hồ sơ cấp phép, rút ngắn thời gian xử lý."}"#;
    let body = "Nhắc hạn: anh/chị còn việc cần hoàn thành trước hạn chót. ".repeat(6);
    let mut tx = ctx.db.sqlite_pool().begin().await.unwrap();
    for statement in [
        "UPDATE people SET telegram_user_id = 100000000 + id",
        "INSERT INTO registrations (campaign_year, person_id, title, status, updated_at)
         SELECT ?1, id, 'LDTT', 'registered', updated_at FROM people",
        "INSERT INTO assessments (campaign_year, person_id, status, answers, submitted_version, updated_at)
         SELECT ?1, id, 'submitted', ?2, 1, updated_at FROM people",
        "INSERT INTO assessment_versions (campaign_year, person_id, version, answers, verdicts, submitted_at)
         SELECT ?1, id, 1, ?2, '[]', updated_at FROM people",
        "INSERT INTO audit_log (at, actor_person_id, actor_telegram_id, chat_id, source, action, subject, detail)
         SELECT p.updated_at, p.id, p.telegram_user_id, p.telegram_user_id, 'bot', 'bench.action', p.employee_code, ?2
         FROM people p, (VALUES (1), (2), (3), (4), (5))",
        "INSERT INTO outbox (logical_key, channel, kind, person_id, chat_id, body, status, attempts,
                             next_attempt_at, created_at, sent_at)
         SELECT 'bench:' || p.id || ':' || n.column1, 'telegram', 'direct', p.id, p.telegram_user_id, ?3,
                'sent', 1, p.updated_at, p.updated_at, p.updated_at
         FROM people p, (VALUES (1), (2), (3), (4), (5)) n",
        "INSERT INTO reminders (campaign_year, phase, deadline, person_id, offset_code, due_at, status,
                                logical_key, recorded_at)
         SELECT ?1 - 1, 'registration', p.updated_at, p.id, n.column1 || 'd', p.updated_at, 'queued',
                'reminder:bench:' || p.id || ':' || n.column1, p.updated_at
         FROM people p, (VALUES (7), (3), (1)) n",
    ] {
        // Last year's reminders need last year's campaign.
        if statement.contains("INSERT INTO reminders") {
            sqlx::query(
                "INSERT INTO campaigns (year, name, rule_set, titles, created_at)
                 SELECT ?1 - 1, 'Năm trước', 'luat-2022', '[\"LDTT\"]', created_at FROM people LIMIT 1",
            )
            .bind(year)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        sqlx::query(statement)
            .bind(year)
            .bind(answers)
            .bind(&body)
            .execute(&mut *tx)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
    tx.commit().await.unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(ctx.db.sqlite_pool())
        .await
        .unwrap();
    ctx.db.close().await;
}
