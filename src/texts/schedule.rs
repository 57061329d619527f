//! Telling people a phase of the campaign was moved.

use crate::domain::language::Lang;
use crate::domain::phase::Phase;
use crate::domain::time::format_local;
use crate::texts::refusal::phase_name;
use chrono::{DateTime, Utc};

/// (subject, body) of the notice a phase move sends to everyone it concerns.
pub fn phase_moved_notice(
    lang: Lang,
    year: i32,
    phase: Phase,
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
    later: bool,
) -> (String, String) {
    let (opens, closes) = (format_local(opens), format_local(closes));
    match lang {
        Lang::Vi => {
            let name = phase_name(lang, phase);
            let what = if later {
                "được gia hạn"
            } else {
                "được điều chỉnh"
            };
            (
                format!("Thời hạn {name} năm {year} {what}"),
                format!(
                    "Kính gửi anh/chị: Thường trực Hội đồng Thi đua – Khen thưởng thông báo giai đoạn {name} \
                     của đợt thi đua năm {year} {what}: từ {opens} đến {closes} (giờ Việt Nam). \
                     Anh/chị gõ /trangthai để xem việc của mình trong giai đoạn này."
                ),
            )
        }
        Lang::En => {
            let name = phase_name(lang, phase);
            let what = if later { "extended" } else { "moved" };
            (
                format!("The {year} {name} deadline was {what}"),
                format!(
                    "The council's standing body announces that the {name} phase of the {year} \
                     campaign was {what}: from {opens} to {closes} (Vietnam time). Send /status to \
                     see what is yours to do in it."
                ),
            )
        }
    }
}

/// (subject, body) of the notice to the people a closed phase was reopened for.
pub fn phase_reopened_notice(
    lang: Lang,
    year: i32,
    phase: Phase,
    until: DateTime<Utc>,
) -> (String, String) {
    let until = format_local(until);
    let name = phase_name(lang, phase);
    match lang {
        Lang::Vi => (
            format!("Giai đoạn {name} năm {year} được mở lại cho anh/chị"),
            format!(
                "Kính gửi anh/chị: Thường trực Hội đồng Thi đua – Khen thưởng đã mở lại giai đoạn {name} \
                 của đợt thi đua năm {year} cho anh/chị đến {until} (giờ Việt Nam). \
                 Anh/chị gõ /trangthai để xem việc cần làm."
            ),
        ),
        Lang::En => (
            format!("The {year} {name} phase is open again for you"),
            format!(
                "The council's standing body reopened the {name} phase of the {year} campaign for \
                 you until {until} (Vietnam time). Send /status to see what to do."
            ),
        ),
    }
}

pub fn usage(lang: Lang) -> String {
    match lang {
        Lang::Vi => "Cách dùng: /giahan <giai đoạn> <ngày [giờ]>, ví dụ /giahan dangky 31/03/2026 17:00 \
                     (chỉ ghi ngày thì hạn là 17:00). Giai đoạn: dangky, tudanhgia, binhxet, thamdinh, \
                     bophieu, quyetdinh."
            .into(),
        Lang::En => "Usage: /extend <phase> <date [time]>, e.g. /extend registration 31/03/2026 17:00 \
                     (a date alone means 17:00). Phases: registration, self_assessment, unit_review, \
                     appraisal, ballot, decision."
            .into(),
    }
}

pub struct Buttons {
    pub confirm: String,
    pub cancel: String,
}

pub fn buttons(lang: Lang) -> Buttons {
    match lang {
        Lang::Vi => Buttons {
            confirm: "✅ Xác nhận gia hạn".into(),
            cancel: "✖️ Hủy".into(),
        },
        Lang::En => Buttons {
            confirm: "✅ Confirm the new deadline".into(),
            cancel: "✖️ Cancel".into(),
        },
    }
}

/// What the move will do, before the secretary confirms it.
pub fn preview(lang: Lang, moved: &crate::services::campaign::schedule::Moved) -> String {
    let name = phase_name(lang, moved.phase);
    let (before, after) = (
        format_local(moved.before.closes),
        format_local(moved.after.closes),
    );
    match lang {
        Lang::Vi => format!(
            "Đổi hạn giai đoạn {name} năm {year}: hạn hiện tại {before} → hạn mới {after}.\n\
             {told} người liên quan sẽ nhận thông báo; nhắc hạn sẽ tính theo hạn mới. \
             Việc đổi hạn được ghi vào nhật ký. Anh/chị xác nhận?",
            year = moved.year,
            told = moved.told
        ),
        Lang::En => format!(
            "Move the {name} deadline of {year}: now {before} → new {after}.\n\
             {told} people will be told; reminders will follow the new deadline. The change is \
             audited. Confirm?",
            year = moved.year,
            told = moved.told
        ),
    }
}

pub fn moved(lang: Lang, moved: &crate::services::campaign::schedule::Moved) -> String {
    let name = phase_name(lang, moved.phase);
    let after = format_local(moved.after.closes);
    match lang {
        Lang::Vi => format!(
            "Đã đổi hạn giai đoạn {name} năm {} thành {after}. Đã gửi thông báo tới {} người.",
            moved.year, moved.told
        ),
        Lang::En => format!(
            "The {name} deadline of {} is now {after}. {} people were told.",
            moved.year, moved.told
        ),
    }
}

/// Why a move was refused, in chat (nothing was changed).
pub fn refused(lang: Lang, error: &crate::services::campaign::schedule::MoveError) -> String {
    use crate::services::campaign::schedule::MoveError;
    if lang == Lang::En {
        return format!("The deadline was not changed: {error}");
    }
    let why = match error {
        MoveError::Calendar(problem) => format!(
            "lịch mới không hợp lệ ({}: {}); mỗi giai đoạn phải kết thúc không sớm hơn giai đoạn trước nó",
            problem.field, problem.reason
        ),
        MoveError::ClosesInThePast => "hạn mới đã ở trong quá khứ".into(),
        MoveError::Unchanged => "giai đoạn đã có đúng hạn này".into(),
        MoveError::NoCampaign(year) => format!("không có đợt thi đua năm {year}"),
        other => other.to_string(),
    };
    format!("Chưa đổi hạn: {why}. Vui lòng kiểm tra lại rồi gõ /giahan.")
}
