//! The department works in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). Instants are stored in
//! UTC and shown to people in local time.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

pub const LOCAL_TZ: Tz = chrono_tz::Asia::Ho_Chi_Minh;

/// `25/03/2026 17:00`, the way Vietnamese documents write a moment.
pub fn format_local(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&LOCAL_TZ)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// (`17:00`, `25/03/2026`): for sentences that say "lúc 17:00 ngày 25/03/2026".
pub fn local_time_and_date(instant: DateTime<Utc>) -> (String, String) {
    let local = instant.with_timezone(&LOCAL_TZ);
    (
        local.format("%H:%M").to_string(),
        local.format("%d/%m/%Y").to_string(),
    )
}

/// `25/03/2026`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// The local calendar date of an instant.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&LOCAL_TZ).date_naive()
}
