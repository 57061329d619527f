//! The council's part of the cycle: appraisal, the secret ballot, the director's decision,
//! publication and the exports. Nominations are created directly with
//! `storage::nominations::propose` (the unit meeting's dialogue is tested elsewhere).

mod appraisal;
mod attendance;
mod ballot;
mod closing;
mod decision;
mod export;
mod forensic;
mod schema;
mod sealing;

use crate::chat::*;
use crate::harness::{repo_file, test_app_with};
use crate::support::fake_telegram::FakeTelegram;
use crate::support::smtp_sink::SmtpSink;
use chrono::{TimeZone, Utc};
use teloxide::prelude::*;
use thidua::domain::nomination::NominationStatus;
use thidua::domain::person::PersonId;
use thidua::domain::title::Title;
use thidua::notify::{Mailer, Notifier, TelegramSender};
use thidua::services;
use thidua::storage::nominations::{self, NewNomination};

/// The publication group.
pub const GROUP: i64 = -4001;
/// Extra council members' Telegram ids: 7001, 7002, …
pub const EXTRA_MEMBER_BASE: u64 = 7000;

/// A linked [`ChatTest`] department plus a real SMTP sink, the group configured, and
/// `extra_members` more council members (linked), so the council has `2 + extra_members`
/// members (VP03 the secretary and GD01 the director are members too).
pub struct Council {
    pub chat: ChatTest,
    pub smtp: SmtpSink,
    pub notifier: Notifier,
}

impl std::ops::Deref for Council {
    type Target = ChatTest;
    fn deref(&self) -> &ChatTest {
        &self.chat
    }
}

impl Council {
    pub async fn new(extra_members: u64) -> Council {
        let smtp = SmtpSink::start().await;
        let overrides = vec![
            ("THIDUA__MAIL__SMTP_HOST", smtp.host().to_owned()),
            ("THIDUA__MAIL__SMTP_PORT", smtp.port().to_string()),
            ("THIDUA__MAIL__SMTP_SECURITY", "none".to_owned()),
            ("THIDUA__MAIL__TIMEOUT_SECONDS", "5".to_owned()),
            ("THIDUA__TELEGRAM__GROUP_CHAT_ID", GROUP.to_string()),
            (
                "THIDUA__REMINDERS__PROVINCIAL_COUNCIL_EMAIL",
                "hdtdkt@tayninh.example.gov.vn".to_owned(),
            ),
        ];
        let app = test_app_with(&overrides).await;
        services::staff_import::import(&app.ctx, STAFF_CSV.as_bytes())
            .await
            .expect("test staff imports");
        let campaign = std::fs::read_to_string(repo_file("config/campaign.example.toml")).unwrap();
        services::campaign::open(&app.ctx, &campaign)
            .await
            .expect("example campaign opens");
        let fake = FakeTelegram::start().await;
        let bot = fake.bot();
        let me = bot.get_me().await.expect("getMe");
        let chat = ChatTest { app, fake, bot, me };
        for (user, code) in [
            (HEAD, "VP01"),
            (MEMBER, "VP02"),
            (SECRETARY, "VP03"),
            (OTHER_UNIT, "TT01"),
            (DIRECTOR, "GD01"),
        ] {
            chat.link(user, code).await;
        }
        for n in 1..=extra_members {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO people (employee_code, full_name, unit_code, position, email, gender, hire_date,
                                     telegram_user_id, created_at, updated_at)
                 VALUES (?1, ?2, 'TT', 'Thành viên Hội đồng', ?3, 'male', '2015-01-01', ?4, ?5, ?5) RETURNING id",
            )
            .bind(format!("HD{n:02}"))
            .bind(format!("Thành viên Hội đồng {n:02}"))
            .bind(format!("hd{n:02}@example.gov.vn"))
            .bind((EXTRA_MEMBER_BASE + n) as i64)
            .bind(Utc::now())
            .fetch_one(chat.app.ctx.db.sqlite_pool())
            .await
            .unwrap();
            sqlx::query("INSERT INTO person_roles (person_id, role) VALUES (?1, 'council_member')")
                .bind(id)
                .execute(chat.app.ctx.db.sqlite_pool())
                .await
                .unwrap();
        }
        chat.fake.clear();
        let mailer = Mailer::from_settings(&chat.app.ctx.settings.mail).expect("mailer");
        let notifier = Notifier::new(
            chat.app.ctx.clone(),
            Some(TelegramSender::unthrottled(chat.fake.bot())),
            mailer,
        );
        Council {
            chat,
            smtp,
            notifier,
        }
    }

    pub fn ctx(&self) -> &services::Ctx {
        &self.chat.app.ctx
    }

    pub async fn drain(&self) {
        self.notifier.drain_due().await.expect("outbox drains");
    }

    pub async fn person(&self, employee_code: &str) -> PersonId {
        let id: i64 = sqlx::query_scalar("SELECT id FROM people WHERE employee_code = ?1")
            .bind(employee_code)
            .fetch_one(self.ctx().db.sqlite_pool())
            .await
            .unwrap();
        PersonId(id)
    }

    /// A nomination as the unit meeting would propose it.
    pub async fn propose(&self, employee_code: Option<&str>, unit: &str, title: Title) -> i64 {
        let person = match employee_code {
            Some(code) => Some(self.person(code).await),
            None => None,
        };
        let mut conn = self.ctx().db.read().await.unwrap();
        nominations::propose(
            &mut conn,
            &NewNomination {
                campaign_year: 2026,
                unit_code: unit,
                person_id: person,
                title,
                meeting_yes_votes: person.map(|_| 3),
            },
            self.ctx().now(),
        )
        .await
        .unwrap()
    }

    /// Marks a proposed nomination valid directly (appraisal has its own tests).
    pub async fn make_valid(&self, nomination: i64) {
        let mut conn = self.ctx().db.read().await.unwrap();
        assert!(
            nominations::transition(
                &mut conn,
                nomination,
                NominationStatus::Proposed,
                NominationStatus::Valid,
                None,
                self.ctx().now(),
            )
            .await
            .unwrap()
        );
    }

    pub async fn status(&self, nomination: i64) -> String {
        sqlx::query_scalar("SELECT status FROM nominations WHERE id = ?1")
            .bind(nomination)
            .fetch_one(self.ctx().db.sqlite_pool())
            .await
            .unwrap()
    }

    pub fn at(&self, year: i32, month: u32, day: u32, hour_utc: u32) {
        self.chat.app.clock.set(
            Utc.with_ymd_and_hms(year, month, day, hour_utc, 0, 0)
                .unwrap(),
        );
    }

    pub fn in_appraisal(&self) {
        self.at(2026, 12, 4, 3);
    }

    pub fn in_ballot(&self) {
        self.at(2026, 12, 9, 3);
    }

    pub fn after_ballot(&self) {
        self.at(2026, 12, 12, 3);
    }

    /// Opens the ballot through the chat and delivers the papers.
    pub async fn open_ballot(&self) {
        self.send(SECRETARY, "/bophieu").await;
        self.press(SECRETARY, "Mở bỏ phiếu").await;
        self.drain().await;
    }

    /// Closes the ballot through the chat: /bophieu, "Kết thúc bỏ phiếu…", then the preview's
    /// confirmation.
    pub async fn close_ballot(&self) {
        self.send(SECRETARY, "/bophieu").await;
        self.press(SECRETARY, "Kết thúc bỏ phiếu").await;
        self.press(SECRETARY, "Xác nhận kết thúc").await;
    }

    pub async fn table_count(&self, table: &str) -> i64 {
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
            .fetch_one(self.ctx().db.sqlite_pool())
            .await
            .unwrap()
    }

    pub async fn ballot_nonce(&self) -> u32 {
        let nonce: i64 = sqlx::query_scalar("SELECT nonce FROM ballots WHERE campaign_year = 2026")
            .fetch_one(self.ctx().db.sqlite_pool())
            .await
            .unwrap();
        nonce as u32
    }

    /// The ballot paper `user` received for the nominee named `nominee`: (message id, yes data,
    /// no data).
    pub fn paper(&self, user: u64, nominee: &str) -> (i32, String, String) {
        for message in self.shown_to(user).iter().rev() {
            if !message.text.contains("PHIẾU BẦU KÍN") || !message.text.contains(nominee) {
                continue;
            }
            let Some(markup) = &message.reply_markup else {
                continue;
            };
            let row = &markup["inline_keyboard"][0];
            return (
                message.message_id,
                row[0]["callback_data"].as_str().unwrap().to_owned(),
                row[1]["callback_data"].as_str().unwrap().to_owned(),
            );
        }
        panic!("no ballot paper for {nominee} shown to {user}");
    }

    pub async fn vote(&self, user: u64, nominee: &str, yes: bool) {
        let (message, agree, disagree) = self.paper(user, nominee);
        let data = if yes { agree } else { disagree };
        self.press_raw(user, message, &data).await;
    }
}
