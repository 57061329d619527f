//! Worked time in the campaign year.
//!
//! Counting: from the latest of 1 January, the hire date and (when a penalty ended in the year
//! under a count-from-end rule) the day after the penalty ended, up to and including
//! 31 December. Leave of a kind the rule set does not count is taken off by starting the count
//! that many calendar days later. The result is whole calendar months plus the days left over:
//! from 1 July, 31 December completes exactly 6 months; from 2 July it is 5 months 30 days. A
//! month added to the 31st lands on the month's last day (31 August + 1 month = 30 September).
//! Only whole months count towards the minimum, so "one day less" fails.

use super::facts::{AssessmentFacts, LeaveSpan, year_end, year_start};
use super::schema::Rules;
use super::verdict::TenureCount;
use chrono::{Days, Months, NaiveDate};
use std::collections::BTreeSet;

/// `counts_from` is the day after a penalty ended, when the discipline rule says so.
pub fn worked_time(
    rules: &Rules,
    facts: &AssessmentFacts,
    counts_from: Option<NaiveDate>,
) -> TenureCount {
    let until = year_end(facts.year);
    let start = [
        Some(year_start(facts.year)),
        Some(facts.hire_date),
        counts_from,
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(facts.hire_date);
    let window_days = if start > until {
        0
    } else {
        u32::try_from((until - start).num_days() + 1).unwrap_or(0)
    };

    let mut counted_dates = BTreeSet::new();
    let mut uncounted_dates = BTreeSet::new();
    let (mut counted_extra, mut uncounted_extra) = (0u32, 0u32);
    for leave in &facts.leave {
        let counts = rules.tenure.counted_leave.contains(&leave.kind);
        match leave.span {
            LeaveSpan::Dates { from, to } => {
                let (first, last) = (from.max(start), to.min(until));
                for day in first.iter_days().take_while(|day| *day <= last) {
                    if counts {
                        counted_dates.insert(day);
                    } else {
                        uncounted_dates.insert(day);
                    }
                }
            }
            LeaveSpan::Days(days) if counts => counted_extra = counted_extra.saturating_add(days),
            LeaveSpan::Days(days) => uncounted_extra = uncounted_extra.saturating_add(days),
        }
    }
    let overlap = counted_dates.intersection(&uncounted_dates).count();
    let counted_leave_days = (counted_dates.len() - overlap) as u32;
    let counted_leave_days = counted_leave_days
        .saturating_add(counted_extra)
        .min(window_days);
    let uncounted_leave_days = (uncounted_dates.len() as u32)
        .saturating_add(uncounted_extra)
        .min(window_days);

    let end_exclusive = until.succ_opt().unwrap_or(until);
    let effective = start
        .checked_add_days(Days::new(u64::from(uncounted_leave_days)))
        .unwrap_or(end_exclusive);
    let (months, days) = months_and_days(effective, end_exclusive);
    TenureCount {
        counted_from: start,
        until,
        months,
        days,
        required_months: rules.tenure.min_months,
        counted_leave_days,
        uncounted_leave_days,
    }
}

/// Whole calendar months from `start` to `end_exclusive`, then the remaining days.
fn months_and_days(start: NaiveDate, end_exclusive: NaiveDate) -> (u32, u32) {
    if start >= end_exclusive {
        return (0, 0);
    }
    let mut months = 0;
    while let Some(next) = start.checked_add_months(Months::new(months + 1)) {
        if next > end_exclusive {
            break;
        }
        months += 1;
    }
    let reached = start
        .checked_add_months(Months::new(months))
        .unwrap_or(start);
    let days = u32::try_from((end_exclusive - reached).num_days()).unwrap_or(0);
    (months, days)
}

#[cfg(test)]
mod tests {
    use super::months_and_days;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn months_are_calendar_months_with_days_left_over() {
        let end = date(2027, 1, 1);
        assert_eq!(months_and_days(date(2026, 7, 1), end), (6, 0));
        assert_eq!(months_and_days(date(2026, 7, 2), end), (5, 30));
        assert_eq!(months_and_days(date(2026, 7, 12), end), (5, 20));
        assert_eq!(months_and_days(date(2026, 1, 1), end), (12, 0));
        assert_eq!(months_and_days(date(2026, 8, 31), end), (4, 1));
        assert_eq!(months_and_days(end, end), (0, 0));
    }
}
