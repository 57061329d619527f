//! Driving the real bot handlers through teloxide's HTTP client against the fake Bot API: each
//! user action becomes an `Update` run to completion by `thidua::bot::handle_update`, so every
//! reply has reached the fake when the call returns — no waiting on background work.
#![allow(dead_code)]

use crate::harness::{TestApp, repo_file, test_app};
use crate::support::fake_telegram::{FakeTelegram, SentMessage};
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{Me, Update};
use thidua::services::{self, Ctx};

/// A small department: a head and two members in VP, a member in TT, a secretary who is also a
/// council member, and a director who holds no staff role.
pub const STAFF_CSV: &str =
    "\u{feff}employee_code,full_name,unit_code,position,email,gender,hire_date,roles
VP01,Trần Văn Hùng,VP,Chánh Văn phòng,hung.tv@example.gov.vn,nam,2012-05-02,staff;unit_head
VP02,Nguyễn Thị Mai,VP,Chuyên viên,mai.nt@example.gov.vn,nữ,2018-09-15,staff
VP03,Lê Quốc Bảo,VP,Chuyên viên,bao.lq@example.gov.vn,nam,2020-01-06,staff;secretary;council_member
TT01,Phạm Thị Lan,TT,Thanh tra viên,lan.pt@example.gov.vn,nữ,2015-03-01,staff
GD01,Võ Minh Đức,VP,Giám đốc Sở,duc.vm@example.gov.vn,nam,2010-07-01,director;council_member
";

pub const HEAD: u64 = 5001;
pub const MEMBER: u64 = 5002;
pub const SECRETARY: u64 = 5003;
pub const OTHER_UNIT: u64 = 5004;
pub const DIRECTOR: u64 = 5005;
pub const STRANGER: u64 = 9009;

pub struct ChatTest {
    pub app: TestApp,
    pub fake: FakeTelegram,
    pub bot: Bot,
    pub me: Me,
}

impl ChatTest {
    /// Staff imported and the example campaign opened; nobody linked yet.
    pub async fn new() -> Self {
        Self::new_with_campaign(|text| text.to_owned()).await
    }

    /// Like [`ChatTest::linked`], with the example campaign file changed by `edit` first.
    pub async fn linked_with_campaign(edit: impl Fn(&str) -> String) -> Self {
        let test = Self::new_with_campaign(edit).await;
        for (user, code) in [
            (HEAD, "VP01"),
            (MEMBER, "VP02"),
            (SECRETARY, "VP03"),
            (OTHER_UNIT, "TT01"),
            (DIRECTOR, "GD01"),
        ] {
            test.link(user, code).await;
        }
        test.fake.clear();
        test
    }

    /// Staff imported and the example campaign, changed by `edit`, opened.
    pub async fn new_with_campaign(edit: impl Fn(&str) -> String) -> Self {
        let app = test_app().await;
        services::staff_import::import(&app.ctx, STAFF_CSV.as_bytes())
            .await
            .expect("test staff imports");
        let campaign = std::fs::read_to_string(repo_file("config/campaign.example.toml")).unwrap();
        services::campaign::open(&app.ctx, &edit(&campaign))
            .await
            .expect("example campaign opens");
        let fake = FakeTelegram::start().await;
        let bot = fake.bot();
        let me = bot.get_me().await.expect("fake answers getMe");
        fake.clear();
        Self { app, fake, bot, me }
    }

    /// Everyone in [`STAFF_CSV`] linked to their test account.
    pub async fn linked() -> Self {
        let test = Self::new().await;
        for (user, code) in [
            (HEAD, "VP01"),
            (MEMBER, "VP02"),
            (SECRETARY, "VP03"),
            (OTHER_UNIT, "TT01"),
            (DIRECTOR, "GD01"),
        ] {
            test.link(user, code).await;
        }
        test.fake.clear();
        test
    }

    pub fn ctx(&self) -> &Ctx {
        &self.app.ctx
    }

    pub async fn run(&self, update: Update) {
        thidua::bot::handle_update(
            self.bot.clone(),
            self.app.ctx.clone(),
            self.me.clone(),
            update,
        )
        .await
        .expect("the handler completes");
    }

    pub async fn send(&self, user: u64, text: &str) {
        self.run(self.fake.private_text(user, "Người dùng", text))
            .await;
    }

    /// A fresh invite for `employee_code`, returned as the deep-link payload.
    pub async fn invite(&self, employee_code: &str) -> String {
        let issued = services::invite::issue(
            &self.app.ctx,
            &services::invite::Selector::Employee(employee_code.to_owned()),
            false,
        )
        .await
        .expect("invite issued");
        issued[0].code.as_str().to_owned()
    }

    pub async fn link(&self, user: u64, employee_code: &str) {
        let code = self.invite(employee_code).await;
        self.send(user, &format!("/start {code}")).await;
    }

    /// Everything the bot showed this user (new messages and edits), oldest first.
    pub fn shown_to(&self, user: u64) -> Vec<SentMessage> {
        self.fake
            .sent_messages()
            .into_iter()
            .filter(|message| message.chat_id == user as i64)
            .collect()
    }

    pub fn last_text(&self, user: u64) -> String {
        self.shown_to(user)
            .last()
            .map(|message| message.text.clone())
            .unwrap_or_default()
    }

    /// The callback data of the newest button whose label contains `label`.
    pub fn button(&self, user: u64, label: &str) -> (i32, String) {
        for message in self.shown_to(user).iter().rev() {
            let Some(markup) = &message.reply_markup else {
                continue;
            };
            let rows = markup["inline_keyboard"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for button in rows
                .iter()
                .flat_map(|row| row.as_array().cloned().unwrap_or_default())
            {
                if button["text"]
                    .as_str()
                    .is_some_and(|text| text.contains(label))
                {
                    let data = button["callback_data"]
                        .as_str()
                        .expect("callback button")
                        .to_owned();
                    return (message.message_id, data);
                }
            }
        }
        panic!(
            "no button labelled {label:?} shown to {user}; shown: {:#?}",
            self.shown_to(user)
        );
    }

    pub async fn press(&self, user: u64, label: &str) {
        let (message_id, data) = self.button(user, label);
        self.run(self.fake.callback(user, message_id, &data)).await;
    }

    pub async fn press_raw(&self, user: u64, message_id: i32, data: &str) {
        self.run(self.fake.callback(user, message_id, data)).await;
    }

    /// What a callback answer said (the alert text), newest first.
    pub fn callback_answers(&self) -> Vec<String> {
        self.fake
            .requests_for("AnswerCallbackQuery")
            .into_iter()
            .rev()
            .filter_map(|request| request.body["text"].as_str().map(str::to_owned))
            .collect()
    }

    /// Simulates a process restart: a new pool on the same database file, a new bot client.
    pub async fn restart(&mut self) {
        let settings = (*self.app.ctx.settings).clone();
        self.app.ctx.db.close().await;
        let db = thidua::storage::open(&settings.database.path, settings.database.max_connections)
            .await
            .expect("database reopens");
        self.app.ctx = Ctx {
            db,
            clock: Arc::new(self.app.clock.clone()),
            ..self.app.ctx.clone()
        };
        self.bot = self.fake.bot();
    }

    pub async fn audit_actions(&self, prefix: &str) -> Vec<String> {
        let mut conn = self.app.ctx.db.read().await.unwrap();
        thidua::storage::audit::list_by_action_prefix(&mut conn, prefix)
            .await
            .unwrap()
            .into_iter()
            .map(|row| row.action)
            .collect()
    }
}

impl ChatTest {
    /// The individual registration stored for an employee this year, as (title code, status).
    pub async fn registration_of(&self, employee_code: &str) -> Option<(String, String)> {
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT r.title, r.status FROM registrations r JOIN people p ON p.id = r.person_id
             WHERE p.employee_code = ?1 AND r.campaign_year = 2026",
        )
        .bind(employee_code)
        .fetch_optional(self.app.ctx.db.sqlite_pool())
        .await
        .unwrap();
        row
    }

    pub async fn collective_of(&self, unit_code: &str) -> Option<(String, String)> {
        sqlx::query_as("SELECT title, status FROM unit_registrations WHERE unit_code = ?1 AND campaign_year = 2026")
            .bind(unit_code)
            .fetch_optional(self.app.ctx.db.sqlite_pool())
            .await
            .unwrap()
    }

    pub async fn telegram_id_of(&self, employee_code: &str) -> Option<i64> {
        sqlx::query_scalar("SELECT telegram_user_id FROM people WHERE employee_code = ?1")
            .bind(employee_code)
            .fetch_one(self.app.ctx.db.sqlite_pool())
            .await
            .unwrap()
    }
}
