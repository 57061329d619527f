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
