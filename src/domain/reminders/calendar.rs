//! Working days: Monday to Friday, except the public holidays the department lists in
//! `reminders.holidays`. Reminders never land on a day nobody is at work.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    holidays: BTreeSet<NaiveDate>,
}

impl WorkCalendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            holidays: holidays.into_iter().collect(),
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&date)
    }

    /// `date` itself when it is a working day, else the closest working day before it.
    /// A year has far fewer than 366 days off, so the walk always ends; the bound keeps a
    /// misconfigured calendar (every day a holiday) from looping forever.
    pub fn on_or_before(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        for _ in 0..366 {
            if self.is_working_day(day) {
                return day;
            }
            day -= Duration::days(1);
        }
        date
    }

    /// The first working day strictly after `date`.
    pub fn next_after(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date + Duration::days(1);
        for _ in 0..366 {
            if self.is_working_day(day) {
                return day;
            }
            day += Duration::days(1);
        }
        date + Duration::days(1)
    }
}
