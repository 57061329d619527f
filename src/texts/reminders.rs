//! Deadline reminders and the /nhacnho screen; the notices for heads, the secretary and the council
//! are in `reminders/notices.rs`.

mod notices;
pub mod preview;

pub use notices::{
    OwingLines, ReportLine, UnitOwing, digest, digest_subject, escalation, escalation_subject,
    report, report_subject,
};

use super::refusal::phase_name;
use super::{Lang, pick};
use crate::domain::phase::Phase;
use crate::domain::reminders::{Mute, MuteMode, Offset, Task};
use crate::domain::time::{format_local, local_date};
use chrono::{DateTime, Utc};

/// What a task asks, as the object of a sentence.
pub fn task(lang: Lang, task: Task, unit_name: &str) -> String {
    match task {
        Task::RegisterIndividual => pick(
            lang,
            "đăng ký danh hiệu thi đua cá nhân".into(),
            "register your individual emulation title".into(),
        ),
        Task::RegisterCollective => pick(
            lang,
            format!("đăng ký danh hiệu tập thể cho {unit_name}"),
            format!("register the collective title of {unit_name}"),
        ),
        Task::SubmitAssessment => pick(
            lang,
            "hoàn thành và nộp bản tự đánh giá, báo cáo thành tích".into(),
            "complete and submit your self-assessment".into(),
        ),
        Task::ReviewMembers => pick(
            lang,
            format!("duyệt các bản tự đánh giá đã nộp của {unit_name}"),
            format!("review the submitted self-assessments of {unit_name}"),
        ),
        Task::RecordMeeting => pick(
            lang,
            format!("ghi và gửi kết quả họp bình xét của {unit_name}"),
            format!("record and submit the review meeting of {unit_name}"),
        ),
    }
}

pub(super) fn tasks(lang: Lang, owed: &[Task], unit_name: &str) -> String {
    let parts: Vec<String> = owed.iter().map(|t| task(lang, *t, unit_name)).collect();
    parts.join(match lang {
        Lang::Vi => " và ",
        Lang::En => " and ",
    })
}

/// The label of the button that starts the task.
pub fn action_label(lang: Lang, task: Task) -> String {
    match task {
        Task::RegisterIndividual | Task::RegisterCollective => {
            pick(lang, "📝 Đăng ký ngay".into(), "📝 Register now".into())
        }
        Task::SubmitAssessment => pick(
            lang,
            "🗒 Tự đánh giá ngay".into(),
            "🗒 Self-assess now".into(),
        ),
        Task::ReviewMembers => pick(lang, "✅ Duyệt ngay".into(), "✅ Review now".into()),
        Task::RecordMeeting => pick(
            lang,
            "🗳 Ghi kết quả họp bình xét".into(),
            "🗳 Record the meeting".into(),
        ),
    }
}

/// The command that starts the task, for e-mails (no buttons there).
fn command(lang: Lang, task: Task) -> &'static str {
    match (lang, task) {
        (Lang::Vi, Task::RegisterIndividual | Task::RegisterCollective) => "/dangky",
        (Lang::En, Task::RegisterIndividual | Task::RegisterCollective) => "/register",
        (Lang::Vi, Task::SubmitAssessment) => "/tudanhgia",
        (Lang::En, Task::SubmitAssessment) => "/assess",
        (Lang::Vi, Task::ReviewMembers) => "/duyet",
        (Lang::En, Task::ReviewMembers) => "/review",
        (Lang::Vi, Task::RecordMeeting) => "/binhxet",
        (Lang::En, Task::RecordMeeting) => "/meeting",
    }
}

/// How a reminder reaches the person: with a button in Telegram, or by e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Telegram,
    Email,
}

pub struct ReminderText<'a> {
    pub full_name: &'a str,
    pub unit_name: &'a str,
    pub phase: Phase,
    pub offset: Offset,
    pub deadline: DateTime<Utc>,
    /// When it fell due: the last-day reminder moved to the working day before a weekend
    /// deadline must not say "today is the last day".
    pub due_at: DateTime<Utc>,
    pub tasks: &'a [Task],
}

pub fn reminder_subject(lang: Lang, phase: Phase, deadline: DateTime<Utc>) -> String {
    pick(
        lang,
        format!(
            "Nhắc hạn {}: trước {}",
            phase_name(lang, phase),
            format_local(deadline)
        ),
        format!(
            "Reminder — {}: due {}",
            phase_name(lang, phase),
            format_local(deadline)
        ),
    )
}

/// Whole local days from the day the reminder fell due to the deadline's day.
fn days_left(reminder: &ReminderText<'_>) -> i64 {
    (local_date(reminder.deadline) - local_date(reminder.due_at)).num_days()
}

pub fn reminder(lang: Lang, reminder: &ReminderText<'_>, via: Via) -> String {
    let name = reminder.full_name;
    let deadline = format_local(reminder.deadline);
    let what = tasks(lang, reminder.tasks, reminder.unit_name);
    let phase = phase_name(lang, reminder.phase);
    let first = reminder
        .tasks
        .first()
        .copied()
        .unwrap_or(Task::RegisterIndividual);
    let how = match via {
        Via::Telegram => pick(
            lang,
            "Anh/chị vui lòng bấm nút bên dưới để thực hiện.".into(),
            "Please tap the button below to do it.".into(),
        ),
        Via::Email => pick(
            lang,
            format!(
                "Anh/chị vui lòng mở bot Telegram của Hội đồng và gõ {} để thực hiện.",
                command(lang, first)
            ),
            format!(
                "Please open the council's Telegram bot and send {} to do it.",
                command(lang, first)
            ),
        ),
    };
    let when = match reminder.offset {
        Offset::LastDay if local_date(reminder.due_at) != local_date(reminder.deadline) => pick(
            lang,
            format!("Đây là lời nhắc cuối cùng trước hạn {phase}: hạn chót là {deadline}."),
            format!("This is the last reminder before the {phase} deadline: {deadline}."),
        ),
        Offset::LastDay => pick(
            lang,
            format!("Hôm nay là ngày cuối của thời hạn {phase}: hạn chót là {deadline}."),
            format!("Today is the last day for {phase}: the deadline is {deadline}."),
        ),
        // Counted from the day it is read (moved off a weekend, 7 days before may read 6),
        // so the 7-, 3- and 1-day reminders each say how close the deadline is.
        Offset::DaysBefore(_) => match days_left(reminder) {
            left if left <= 0 => pick(
                lang,
                format!("Hôm nay là ngày cuối của thời hạn {phase}: hạn chót là {deadline}."),
                format!("Today is the last day for {phase}: the deadline is {deadline}."),
            ),
            1 => pick(
                lang,
                format!("Thời hạn {phase} còn 1 ngày — hạn chót là ngày mai, {deadline}."),
                format!("One day left for {phase} — the deadline is tomorrow, {deadline}."),
            ),
            left => pick(
                lang,
                format!("Thời hạn {phase} còn {left} ngày, kết thúc lúc {deadline}."),
                format!("{left} days left for {phase}: it ends at {deadline}."),
            ),
        },
    };
    pick(
        lang,
        format!(
            "Kính gửi anh/chị {name},\n{when}\nTheo ghi nhận của hệ thống, anh/chị chưa {what}. {how}\nXin cảm ơn anh/chị!"
        ),
        format!(
            "Dear {name},\n{when}\nOur records show you have not yet done this: {what}. {how}\nThank you!"
        ),
    )
}

/// The /nhacnho screen: the current choice and the options; digests are named only to those
/// who receive them.
pub fn mute_menu(lang: Lang, mute: Mute, receives_digest: bool, now: DateTime<Utc>) -> String {
    let current = describe(lang, mute, now);
    let (what_vi, what_en) = if receives_digest {
        ("Nhắc hạn và tin tổng hợp", "Deadline reminders and digests")
    } else {
        ("Nhắc hạn", "Deadline reminders")
    };
    pick(
        lang,
        format!(
            "{what_vi} — hiện tại: {current}.\nAnh/chị muốn nhận như thế nào? (Lời nhắc vào ngày cuối của mỗi thời hạn luôn được gửi.)"
        ),
        format!(
            "{what_en} — currently: {current}.\nHow would you like to receive them? (The reminder on the last day of a deadline is always sent.)"
        ),
    )
}

fn describe(lang: Lang, mute: Mute, now: DateTime<Utc>) -> String {
    let mode = match (lang, mute.mode) {
        (Lang::Vi, MuteMode::All) => "nhận tất cả".to_owned(),
        (Lang::Vi, MuteMode::DigestOnly) => "chỉ nhận tin tổng hợp".to_owned(),
        (Lang::En, MuteMode::All) => "everything".to_owned(),
        (Lang::En, MuteMode::DigestOnly) => "digest only".to_owned(),
    };
    match mute.paused_until.filter(|until| now < *until) {
        Some(until) => pick(
            lang,
            format!("{mode}, đang tạm dừng đến {}", format_local(until)),
            format!("{mode}, paused until {}", format_local(until)),
        ),
        None => mode,
    }
}

/// Labels of the three /nhacnho buttons: all, digest only, pause a week.
pub fn mute_labels(lang: Lang) -> [String; 3] {
    match lang {
        Lang::Vi => [
            "🔔 Nhận tất cả lời nhắc".into(),
            "📋 Chỉ nhận tin tổng hợp".into(),
            "⏸ Tạm dừng 1 tuần".into(),
        ],
        Lang::En => [
            "🔔 All reminders".into(),
            "📋 Digest only".into(),
            "⏸ Pause for a week".into(),
        ],
    }
}

pub fn mute_saved(lang: Lang, mute: Mute, now: DateTime<Utc>) -> String {
    pick(
        lang,
        format!(
            "Đã lưu: {}. Lời nhắc vào ngày cuối của mỗi thời hạn vẫn luôn được gửi.",
            describe(lang, mute, now)
        ),
        format!(
            "Saved: {}. The reminder on the last day of a deadline is still always sent.",
            describe(lang, mute, now)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reminders::local_instant;
    use chrono::{NaiveDate, NaiveTime};

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        local_instant(
            NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
        )
    }

    fn text(lang: Lang, due_day: u32, deadline_day: u32) -> String {
        reminder(
            lang,
            &ReminderText {
                full_name: "Nguyễn Thị Mai",
                unit_name: "Văn phòng",
                phase: Phase::Registration,
                offset: Offset::LastDay,
                deadline: at(deadline_day, 17),
                due_at: at(due_day, 8),
                tasks: &[Task::RegisterIndividual],
            },
            Via::Email,
        )
    }

    #[test]
    fn the_last_day_reminder_says_today_only_when_it_is_the_last_day() {
        let same_day = text(Lang::Vi, 25, 25);
        assert!(same_day.contains("Hôm nay là ngày cuối"), "{same_day}");
        assert!(same_day.contains("25/03/2026 17:00") && same_day.contains("/dangky"));
        // Deadline Saturday 28/03: the reminder went out on Friday.
        let friday = text(Lang::Vi, 27, 28);
        assert!(
            friday.contains("lời nhắc cuối cùng") && !friday.contains("Hôm nay"),
            "{friday}"
        );
        let english = text(Lang::En, 25, 25);
        assert!(english.starts_with("Dear Nguyễn Thị Mai") && english.contains("/register"));
    }
}
