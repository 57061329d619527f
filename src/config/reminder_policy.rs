//! `[reminders]` settings parsed into the domain's [`Policy`], each problem naming its key.

use super::{ConfigError, ReminderSettings};
use crate::domain::reminders::{Offset, Policy, WorkCalendar};
use chrono::{Duration, NaiveDate, NaiveTime};

fn time_of_day(key: &str, raw: &str) -> Result<NaiveTime, ConfigError> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .map_err(|_| ConfigError::new(key, format!("`{raw}` is not a time of day like \"08:00\"")))
}

/// Parses and checks the settings; `Settings::load` calls it so a bad value stops the start.
pub fn policy(settings: &ReminderSettings) -> Result<Policy, ConfigError> {
    let mut offsets = Vec::with_capacity(settings.offsets.len());
    for (index, raw) in settings.offsets.iter().enumerate() {
        let offset = Offset::parse(raw)
            .map_err(|reason| ConfigError::new(format!("reminders.offsets[{index}]"), reason))?;
        if offsets.contains(&offset) {
            return Err(ConfigError::new(
                format!("reminders.offsets[{index}]"),
                format!("`{raw}` is listed twice"),
            ));
        }
        offsets.push(offset);
    }
    let mut holidays = Vec::with_capacity(settings.holidays.len());
    for (index, raw) in settings.holidays.iter().enumerate() {
        let day = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
            ConfigError::new(
                format!("reminders.holidays[{index}]"),
                format!("`{raw}` is not a date like \"2026-04-30\""),
            )
        })?;
        holidays.push(day);
    }
    if settings.grace_hours == 0 || settings.grace_hours > 72 {
        return Err(ConfigError::new(
            "reminders.grace_hours",
            "must be between 1 and 72",
        ));
    }
    let email = settings.provincial_council_email.trim();
    if !email.is_empty() && email.parse::<lettre::Address>().is_err() {
        return Err(ConfigError::new(
            "reminders.provincial_council_email",
            format!("`{email}` is not an e-mail address"),
        ));
    }
    Ok(Policy {
        offsets,
        send_time: time_of_day("reminders.send_time", &settings.send_time)?,
        digest_time: time_of_day("reminders.digest_time", &settings.digest_time)?,
        grace: Duration::hours(i64::from(settings.grace_hours)),
        calendar: WorkCalendar::new(holidays),
    })
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;
    use crate::domain::reminders::Offset;

    fn settings(env: &[(&str, &str)]) -> Result<Settings, crate::config::ConfigError> {
        Settings::from_layers(
            None,
            env.iter()
                .map(|(key, value)| (key.to_string(), value.to_string())),
        )
    }

    #[test]
    fn the_shipped_defaults_give_7_3_1_days_and_the_last_day_at_eight() {
        let settings = settings(&[]).expect("defaults are valid");
        let policy = super::policy(&settings.reminders).unwrap();
        assert_eq!(
            policy.offsets,
            [
                Offset::DaysBefore(7),
                Offset::DaysBefore(3),
                Offset::DaysBefore(1),
                Offset::LastDay
            ]
        );
        assert_eq!(policy.send_time.to_string(), "08:00:00");
        assert_eq!(policy.grace, chrono::Duration::hours(12));
        let labour_day = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        assert!(!policy.calendar.is_working_day(labour_day));
    }

    #[test]
    fn a_bad_value_is_refused_naming_its_key() {
        for (key, value, named) in [
            ("THIDUA__REMINDERS__SEND_TIME", "8h", "reminders.send_time"),
            (
                "THIDUA__REMINDERS__GRACE_HOURS",
                "0",
                "reminders.grace_hours",
            ),
            (
                "THIDUA__REMINDERS__REPORT_CRON",
                "monthly",
                "reminders.report_cron",
            ),
            (
                "THIDUA__REMINDERS__WAKE_CRON",
                "* * * * *",
                "reminders.wake_cron",
            ),
            (
                "THIDUA__REMINDERS__PROVINCIAL_COUNCIL_EMAIL",
                "not an address",
                "reminders.provincial_council_email",
            ),
        ] {
            let error = settings(&[(key, value)]).unwrap_err();
            assert_eq!(error.key, named, "{error}");
        }
    }
}
