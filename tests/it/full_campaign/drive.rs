//! The fixture and each person's part, acted out in chat: the real handlers run every update to
//! completion against the fake Bot API; the outbox is drained by a real [`Notifier`] (Telegram
//! through the fake, e-mail through the SMTP sink) whenever the story needs its messages.

use super::cast::{self, Basis, Member};
use crate::chat::ChatTest;
use crate::harness::{repo_file, test_app_with};
use crate::support::fake_telegram::FakeTelegram;
use crate::support::smtp_sink::SmtpSink;
use chrono::{TimeZone, Utc};
use teloxide::prelude::*;
use thidua::domain::title::Title;
use thidua::notify::{DeliveryReport, Mailer, Notifier, TelegramSender};
use thidua::services;

/// The department's supergroup.
pub const GROUP: i64 = -1_001_234_567_890;
pub const PROVINCE: &str = "hdtdkt@tayninh.example.gov.vn";

pub struct Campaign {
    pub chat: ChatTest,
    pub smtp: SmtpSink,
    pub notifier: Notifier,
    pub staff: Vec<Member>,
}

impl std::ops::Deref for Campaign {
    type Target = ChatTest;
    fn deref(&self) -> &ChatTest {
        &self.chat
    }
}

impl Campaign {
    /// The example staff imported with mail going to the sink and the group configured, the
    /// example campaign opened; nobody linked yet. The clock: 1 March 2026, 10:00 local.
    pub async fn start() -> Campaign {
        let smtp = SmtpSink::start().await;
        let overrides = vec![
            ("THIDUA__MAIL__SMTP_HOST", smtp.host().to_owned()),
            ("THIDUA__MAIL__SMTP_PORT", smtp.port().to_string()),
            ("THIDUA__MAIL__SMTP_SECURITY", "none".to_owned()),
            ("THIDUA__MAIL__TIMEOUT_SECONDS", "5".to_owned()),
            ("THIDUA__TELEGRAM__GROUP_CHAT_ID", GROUP.to_string()),
            (
                "THIDUA__REMINDERS__PROVINCIAL_COUNCIL_EMAIL",
                PROVINCE.to_owned(),
            ),
        ];
        let app = test_app_with(&overrides).await;
        let csv = std::fs::read(repo_file("config/staff.example.csv")).unwrap();
        services::staff_import::import(&app.ctx, csv.as_slice())
            .await
            .expect("the example staff imports");
        let campaign = std::fs::read_to_string(repo_file("config/campaign.example.toml")).unwrap();
        services::campaign::open(&app.ctx, &campaign)
            .await
            .expect("the example campaign opens");
        let fake = FakeTelegram::start().await;
        let bot = fake.bot();
        let me = bot.get_me().await.expect("getMe");
        fake.clear();
        let chat = ChatTest { app, fake, bot, me };
        let mailer = Mailer::from_settings(&chat.app.ctx.settings.mail).expect("mailer");
        let notifier = Notifier::new(
            chat.app.ctx.clone(),
            Some(TelegramSender::unthrottled(chat.fake.bot())),
            mailer,
        );
        Campaign {
            chat,
            smtp,
            notifier,
            staff: cast::staff(),
        }
    }

    /// 10:00 in Hồ Chí Minh City on the given day of 2026.
    pub fn at(&self, month: u32, day: u32) {
        self.app
            .clock
            .set(Utc.with_ymd_and_hms(2026, month, day, 3, 0, 0).unwrap());
    }

    pub async fn drain(&self) -> DeliveryReport {
        self.notifier.drain_due().await.expect("the outbox drains")
    }

    pub fn with_role(&self, role: &str) -> Vec<&Member> {
        self.staff
            .iter()
            .filter(|member| member.has(role))
            .collect()
    }

    pub fn head_of(&self, unit: &str) -> &Member {
        self.staff
            .iter()
            .find(|member| member.unit == unit && member.is_head())
            .unwrap_or_else(|| panic!("no head of {unit}"))
    }

    pub fn units(&self) -> Vec<String> {
        let mut units: Vec<String> = Vec::new();
        for member in &self.staff {
            if !units.contains(&member.unit) {
                units.push(member.unit.clone());
            }
        }
        units
    }

    /// Presses the newest button whose label is exactly `label` (the appraisal list numbers
    /// its buttons, where "1" is also inside "10").
    pub async fn press_exact(&self, user: u64, label: &str) {
        for message in self.shown_to(user).iter().rev() {
            let Some(markup) = &message.reply_markup else {
                continue;
            };
            for row in markup["inline_keyboard"].as_array().into_iter().flatten() {
                for button in row.as_array().into_iter().flatten() {
                    if button["text"].as_str() == Some(label) {
                        let data = button["callback_data"].as_str().unwrap().to_owned();
                        self.press_raw(user, message.message_id, &data).await;
                        return;
                    }
                }
            }
        }
        panic!("no button {label:?} shown to {user}");
    }

    /// /dangky: the individual title, and for a head the unit's collective one.
    pub async fn register(&self, member: &Member) {
        self.send(member.tg, "/dangky").await;
        self.press(member.tg, cast::vi(member.title())).await;
        if member.is_head() {
            self.press(member.tg, cast::vi(cast::collective(&member.unit)))
                .await;
        }
        self.press(member.tg, "Xác nhận").await;
        let saved = self.last_text(member.tg);
        assert!(saved.starts_with("Đã lưu"), "{}: {saved}", member.code);
    }

    /// /tudanhgia answered in full and submitted; the summary must show the registered title
    /// as supported.
    pub async fn self_assess(&self, member: &Member) {
        let user = member.tg;
        self.send(user, "/tudanhgia").await;
        let rating = match member.basis() {
            Some(Basis::Excellent) => "Hoàn thành xuất sắc nhiệm vụ",
            _ => "Hoàn thành tốt nhiệm vụ",
        };
        self.press(user, rating).await;
        self.press(user, "Không nghỉ dài ngày").await;
        self.press(user, "Không bị kỷ luật").await;
        if let Some(Basis::Initiative(title, number)) = member.basis() {
            self.press(user, "Có").await;
            self.send(user, title).await;
            self.send(user, number).await;
            self.send(user, "15/09/2026").await;
            self.press(user, "Cấp cơ sở").await;
            self.press(user, "Xong").await;
        } else {
            self.press(user, "Không có").await;
        }
        self.press(user, "Không có").await;
        self.send(
            user,
            "Hoàn thành tốt các nhiệm vụ chuyên môn được giao trong năm 2026.",
        )
        .await;
        if let Some(Basis::Initiative(..)) = member.basis() {
            // The initiative's recognition decision goes with the assessment as a PDF.
            let name = format!("Quyet-dinh-sang-kien-{}.pdf", member.code);
            let pdf = format!("%PDF-1.7\n% {}\n%%EOF\n", member.code);
            self.run(self.fake.private_document(
                user,
                &name,
                "application/pdf",
                pdf.as_bytes(),
                None,
            ))
            .await;
        }
        let summary = self.last_text(user);
        if let Some(Basis::Initiative(..)) = member.basis() {
            let listed = format!("• Minh chứng: Quyet-dinh-sang-kien-{}.pdf", member.code);
            assert!(summary.contains(&listed), "{}: {summary}", member.code);
        }
        let expected = format!(
            "✅ Đủ điều kiện đề nghị danh hiệu {}",
            cast::vi(member.title())
        );
        assert!(summary.contains(&expected), "{}: {summary}", member.code);
        self.press(user, "Nộp").await;
        let done = self.last_text(user);
        assert!(
            done.starts_with("Đã nộp bản tự đánh giá (lần 1)"),
            "{}: {done}",
            member.code
        );
    }

    /// /duyet: the reviewer approves `member`'s self-assessment.
    pub async fn approve_assessment(&self, reviewer: &Member, member: &Member) {
        self.send(reviewer.tg, "/duyet").await;
        self.press(reviewer.tg, &member.name).await;
        assert!(
            self.last_text(reviewer.tg).contains(&member.name),
            "{}",
            self.last_text(reviewer.tg)
        );
        self.press(reviewer.tg, "Duyệt").await;
    }

    /// /binhxet: everyone present, the unit rated, every nominee voted for by all, the collective
    /// title proposed, submitted. Returns how many votes the head was asked for.
    pub async fn hold_meeting(&self, unit: &str) -> usize {
        let head = self.head_of(unit);
        let members: Vec<&Member> = self
            .staff
            .iter()
            .filter(|member| member.unit == unit)
            .collect();
        self.send(head.tg, "/binhxet").await;
        self.send(head.tg, "25/11/2026").await;
        for member in &members {
            self.press(head.tg, &member.name).await;
        }
        self.press(head.tg, "Xong").await;
        let collective = cast::collective(unit);
        let rating = if collective == Title::Tldxs {
            "Hoàn thành xuất sắc nhiệm vụ"
        } else {
            "Hoàn thành tốt nhiệm vụ"
        };
        self.press(head.tg, rating).await;
        let mut asked = 0;
        while self.last_text(head.tg).starts_with("Biểu quyết") {
            asked += 1;
            assert!(asked <= 20, "the votes never end");
            self.send(head.tg, &members.len().to_string()).await;
        }
        let result = self.last_text(head.tg);
        let quorum = format!("Có mặt {0}/{0} thành viên: đủ số người dự", members.len());
        assert!(result.contains(&quorum), "{unit}: {result}");
        // The title the unit registered is proposed unless the head drops it.
        assert!(
            result.contains("Sẽ đề nghị danh hiệu tập thể này"),
            "{unit}: {result}"
        );
        self.press(head.tg, "Gửi đề nghị").await;
        let preview = self.last_text(head.tg);
        assert!(
            preview.contains(&format!(
                "Danh hiệu tập thể: đề nghị {}",
                cast::vi(collective)
            )),
            "{unit}: {preview}"
        );
        self.press(head.tg, "Xác nhận gửi").await;
        let done = self.last_text(head.tg);
        assert!(
            done.contains("Đã gửi kết quả họp bình xét"),
            "{unit}: {done}"
        );
        asked
    }

    async fn proposed(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM nominations WHERE status = 'proposed'")
            .fetch_one(self.app.ctx.db.sqlite_pool())
            .await
            .unwrap()
    }

    /// /thamdinh: the secretary opens each nomination in turn and marks it valid; the
    /// secretary's own nominations are left to the council's chair, who marks them after.
    pub async fn appraise_all(&self, secretary: &Member) -> usize {
        let chair = self.with_role("director")[0].clone();
        let mut marked = 0;
        for appraiser in [secretary, &chair] {
            self.send(appraiser.tg, "/thamdinh").await;
            while !self
                .last_text(appraiser.tg)
                .contains("Hiện không có đề nghị nào chờ thẩm định")
            {
                assert!(marked < 100, "appraisal never ends");
                self.press_exact(appraiser.tg, "1").await;
                self.press(appraiser.tg, "Hợp lệ").await;
                marked += 1;
            }
        }
        assert_eq!(self.proposed().await, 0, "everything appraised");
        marked
    }

    /// The member's undone ballot papers: (message id, nominee's name, yes data, no data).
    pub fn papers(&self, user: u64) -> Vec<(i32, String, String, String)> {
        let shown = self.shown_to(user);
        let mut papers = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for message in &shown {
            if !message.text.contains("PHIẾU BẦU KÍN") || !seen.insert(message.message_id) {
                continue;
            }
            // Only the newest state of a message counts (a cast paper is edited).
            let newest = shown
                .iter()
                .rev()
                .find(|later| later.message_id == message.message_id)
                .unwrap();
            let Some(markup) = &newest.reply_markup else {
                continue;
            };
            let row = &markup["inline_keyboard"][0];
            let named = message
                .text
                .lines()
                .find_map(|line| line.strip_prefix("Người được đề nghị: "))
                .unwrap_or_else(|| panic!("a paper names nobody: {}", message.text));
            let nominee = self
                .staff
                .iter()
                .find(|member| member.name == named)
                .unwrap_or_else(|| panic!("{named} is not in the staff file"));
            papers.push((
                message.message_id,
                nominee.code.clone(),
                row[0]["callback_data"].as_str().unwrap().to_owned(),
                row[1]["callback_data"].as_str().unwrap().to_owned(),
            ));
        }
        papers
    }
}
