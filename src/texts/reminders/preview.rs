//! `thidua reminders preview`: each line in the words an operator uses — who, by which channel,
//! what about, which deadline and how far off, why skipped — Vietnamese first, English after a
//! slash, as the rest of the command line prints. The internal keys are printed only with
//! `--full`, for matching against logs and the database.

use super::super::Lang;
use super::super::refusal::phase_name;
use crate::domain::notice::Notice;
use crate::domain::reminders::{Offset, SkipReason};
use crate::domain::time::{format_date, format_local, local_date};

/// "qua Telegram / via Telegram" for the preview's `telegram` or `email`.
pub fn channel(channel: &str) -> &'static str {
    match channel {
        "email" => "qua e-mail / by e-mail",
        _ => "qua Telegram / via Telegram",
    }
}

/// What the message is about, with its deadline and how many days remain when it is read.
pub fn about(notice: &Notice) -> String {
    let (vi, en) = (Lang::Vi, Lang::En);
    match notice {
        Notice::Reminder {
            phase,
            offset,
            deadline,
            due_at,
            ..
        } => {
            let left = (local_date(*deadline) - local_date(*due_at)).num_days();
            let (when_vi, when_en) = match (offset, left) {
                (_, left) if left <= 0 => ("hạn chót hôm nay".to_owned(), "due today".to_owned()),
                (Offset::LastDay, _) => (
                    "lời nhắc cuối trước hạn".to_owned(),
                    "last reminder before the deadline".to_owned(),
                ),
                (_, 1) => (
                    "còn 1 ngày, hạn chót ngày mai".to_owned(),
                    "1 day left, due tomorrow".to_owned(),
                ),
                (_, left) => (format!("còn {left} ngày"), format!("{left} days left")),
            };
            let deadline = format_local(*deadline);
            format!(
                "nhắc hạn {}, {when_vi} (hạn {deadline}) / {} reminder, {when_en} (due {deadline})",
                phase_name(vi, *phase),
                phase_name(en, *phase)
            )
        }
        Notice::UnitDigest {
            unit_name, date, ..
        } => format!(
            "tin tổng hợp của {unit_name} ngày {date} / digest for {unit_name}, {date}",
            date = format_date(*date)
        ),
        Notice::Escalation { missed } => {
            let deadline = format_local(missed.deadline);
            format!(
                "báo quá hạn {} (hạn {deadline}) / overdue {} (deadline {deadline})",
                phase_name(vi, missed.phase),
                phase_name(en, missed.phase)
            )
        }
        _ => "thông báo / notice".to_owned(),
    }
}

/// Why a due reminder would be recorded as skipped instead of sent.
pub fn skipped(reason: SkipReason) -> String {
    match reason {
        SkipReason::GraceExpired => {
            "quá thời gian gửi bù (hệ thống không chạy lúc đến hạn) / grace period expired (not running when due)"
                .to_owned()
        }
        SkipReason::SupersededBy(offset) => {
            let (vi, en) = offset_words(offset);
            format!("đã có lời nhắc {vi} thay thế / replaced by the {en} reminder")
        }
        SkipReason::Muted => {
            "người nhận đã chọn không nhận (/nhacnho) / muted by the recipient (/nhacnho)".to_owned()
        }
        SkipReason::DeadlinePassed => "đã quá hạn / deadline passed".to_owned(),
    }
}

fn offset_words(offset: Offset) -> (String, String) {
    match offset {
        Offset::DaysBefore(days) => (format!("trước {days} ngày"), format!("{days}-day")),
        Offset::LastDay => ("ngày cuối".to_owned(), "last-day".to_owned()),
    }
}
