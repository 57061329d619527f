//! Deadline reminders: when each one falls due and who receives it, as a pure function of the
//! campaign calendar, everyone's progress, the reminder settings, what was already recorded and
//! the instant. The service writes what [`plan`] decides; nothing here reads a clock or a table.
//!
//! The rules:
//! - a reminder is due at `send_time` (local) on the working day `n` days before the phase's last
//!   day (`Offset::DaysBefore(n)`) or on the last day itself (`Offset::LastDay`); a weekend or a
//!   holiday moves it to the previous working day; a due time before the phase opens or at/after
//!   its deadline is no reminder at all;
//! - only people who still owe something in the phase are reminded;
//! - each (campaign, phase, deadline, person, offset) is decided once: sent, or skipped with a
//!   reason. Past its `grace` window a due reminder is skipped (the process was down), and of
//!   several due at once for the same phase and person only the latest is sent;
//! - a person's /nhacnho choice mutes reminders, but never the last-day one.

mod calendar;
pub mod notices;
mod progress;

pub use calendar::WorkCalendar;
pub use progress::{Duty, Progress, Task};

use super::campaign::Campaign;
use super::person::PersonId;
use super::phase::{Phase, Window};
use super::time::LOCAL_TZ;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// When, relative to a phase's last day, a reminder goes out.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Offset {
    /// `n` days before the last day (the `7d`, `3d`, `1d` of the settings).
    DaysBefore(u32),
    /// The morning of the last day. Never muted.
    LastDay,
}

impl Offset {
    /// `7d`, `3d`, `1d`, `last_day`: the settings' spelling and the stored one.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw == "last_day" {
            return Ok(Offset::LastDay);
        }
        raw.strip_suffix('d')
            .and_then(|days| days.parse::<u32>().ok())
            .filter(|days| (1..=60).contains(days))
            .map(Offset::DaysBefore)
            .ok_or_else(|| {
                format!("`{raw}` is not an offset like \"7d\" (1 to 60 days) or \"last_day\"")
            })
    }

    pub fn code(self) -> String {
        match self {
            Offset::DaysBefore(days) => format!("{days}d"),
            Offset::LastDay => "last_day".to_owned(),
        }
    }

    fn days(self) -> u32 {
        match self {
            Offset::DaysBefore(days) => days,
            Offset::LastDay => 0,
        }
    }
}

/// The reminder settings, parsed (see `[reminders]` in config/default.toml).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub offsets: Vec<Offset>,
    /// Local time of day deadline reminders and escalations go out.
    pub send_time: NaiveTime,
    /// Local time of day unit heads receive their digest.
    pub digest_time: NaiveTime,
    /// How late a due reminder or digest may still be sent after downtime.
    pub grace: Duration,
    pub calendar: WorkCalendar,
}

/// What a person chose with /nhacnho.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MuteMode {
    #[default]
    All,
    /// No deadline reminders before the last day; digests still come.
    DigestOnly,
}

impl MuteMode {
    pub fn as_str(self) -> &'static str {
        match self {
            MuteMode::All => "all",
            MuteMode::DigestOnly => "digest_only",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, super::UnknownValue> {
        match raw {
            "all" => Ok(MuteMode::All),
            "digest_only" => Ok(MuteMode::DigestOnly),
            other => Err(super::UnknownValue::new("reminder mode", other)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mute {
    pub mode: MuteMode,
    /// Reminders (except the last-day one) and digests are paused until then.
    pub paused_until: Option<DateTime<Utc>>,
}

impl Mute {
    pub fn paused_at(&self, now: DateTime<Utc>) -> bool {
        self.paused_until.is_some_and(|until| now < until)
    }

    pub fn silences_reminder(&self, offset: Offset, now: DateTime<Utc>) -> bool {
        offset != Offset::LastDay && (self.mode == MuteMode::DigestOnly || self.paused_at(now))
    }

    pub fn silences_digest(&self, now: DateTime<Utc>) -> bool {
        self.paused_at(now)
    }
}

/// The identity of one reminder: decided once, whatever happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReminderKey {
    pub year: i32,
    pub phase: Phase,
    /// The deadline counted down to: a moved deadline or a reopened phase starts a new round.
    pub deadline: DateTime<Utc>,
    pub person: PersonId,
    pub offset: Offset,
}

impl ReminderKey {
    /// The outbox logical key, e.g. `reminder:2026:registration:20260325T1700:12:7d`.
    pub fn logical_key(&self) -> String {
        format!(
            "reminder:{}:{}:{}:{}:{}",
            self.year,
            self.phase.as_str(),
            self.deadline.with_timezone(&LOCAL_TZ).format("%Y%m%dT%H%M"),
            self.person.0,
            self.offset.code()
        )
    }
}

/// Why a due reminder is not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// It fell due more than `grace` ago (the process was not running).
    GraceExpired,
    /// A later reminder for the same phase and person is due at the same time.
    SupersededBy(Offset),
    /// The person's /nhacnho choice.
    Muted,
    /// The deadline itself has passed.
    DeadlinePassed,
}

impl SkipReason {
    /// The stored spelling (`reminders.reason`).
    pub fn code(self) -> String {
        match self {
            SkipReason::GraceExpired => "grace_expired".to_owned(),
            SkipReason::SupersededBy(offset) => format!("superseded_by:{}", offset.code()),
            SkipReason::Muted => "muted".to_owned(),
            SkipReason::DeadlinePassed => "deadline_passed".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    Send,
    Skip(SkipReason),
}

/// One due reminder and what to do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub key: ReminderKey,
    pub due_at: DateTime<Utc>,
    pub tasks: Vec<Task>,
    pub disposition: Disposition,
}

/// `date` at local `time`, as an instant. Asia/Ho_Chi_Minh has no DST, so this always exists.
pub fn local_instant(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    LOCAL_TZ
        .from_local_datetime(&date.and_time(time))
        .earliest()
        .map_or_else(
            || Utc.from_utc_datetime(&date.and_time(time)),
            |local| local.with_timezone(&Utc),
        )
}

/// The local date of the phase's last day: a deadline at 00:00 ends the day before.
pub fn last_day(window: &Window) -> NaiveDate {
    super::time::local_date(window.closes - Duration::seconds(1))
}

/// When the reminder at `offset` for this window is due, or `None` when it would fall before the
/// phase opens or at/after its deadline.
pub fn due_at(policy: &Policy, window: &Window, offset: Offset) -> Option<DateTime<Utc>> {
    let target = last_day(window) - Duration::days(i64::from(offset.days()));
    let day = policy.calendar.on_or_before(target);
    let due = local_instant(day, policy.send_time);
    (window.opens <= due && due < window.closes).then_some(due)
}

/// Every due reminder not yet in `recorded`, with its disposition at `now`.
pub fn plan(
    campaign: &Campaign,
    progress: &Progress,
    mutes: &BTreeMap<PersonId, Mute>,
    policy: &Policy,
    recorded: &BTreeSet<ReminderKey>,
    now: DateTime<Utc>,
) -> Vec<Planned> {
    let mut planned = Vec::new();
    for phase in Phase::ALL {
        let Some(window) = campaign.window(phase) else {
            continue;
        };
        if now < window.opens {
            continue;
        }
        let mut offsets: Vec<(Offset, DateTime<Utc>)> = policy
            .offsets
            .iter()
            .filter_map(|offset| due_at(policy, &window, *offset).map(|due| (*offset, due)))
            .filter(|(_, due)| *due <= now)
            .collect();
        // Oldest first; at equal due times the offset closer to the deadline counts as later.
        offsets.sort_by_key(|(offset, due)| (*due, std::cmp::Reverse(offset.days())));
        if offsets.is_empty() {
            continue;
        }
        for (person, tasks) in progress.owing(phase) {
            let due: Vec<(ReminderKey, DateTime<Utc>)> = offsets
                .iter()
                .map(|(offset, due)| {
                    let key = ReminderKey {
                        year: campaign.year,
                        phase,
                        deadline: window.closes,
                        person,
                        offset: *offset,
                    };
                    (key, *due)
                })
                .filter(|(key, _)| !recorded.contains(key))
                .collect();
            let Some(((latest, latest_due), earlier)) = due.split_last() else {
                continue;
            };
            let mute = mutes.get(&person).copied().unwrap_or_default();
            for (key, due_at) in earlier {
                let reason = if now - *due_at > policy.grace {
                    SkipReason::GraceExpired
                } else {
                    SkipReason::SupersededBy(latest.offset)
                };
                planned.push(Planned {
                    key: *key,
                    due_at: *due_at,
                    tasks: tasks.to_vec(),
                    disposition: Disposition::Skip(reason),
                });
            }
            let disposition = if now >= window.closes {
                Disposition::Skip(SkipReason::DeadlinePassed)
            } else if now - *latest_due > policy.grace {
                Disposition::Skip(SkipReason::GraceExpired)
            } else if mute.silences_reminder(latest.offset, now) {
                Disposition::Skip(SkipReason::Muted)
            } else {
                Disposition::Send
            };
            planned.push(Planned {
                key: *latest,
                due_at: *latest_due,
                tasks: tasks.to_vec(),
                disposition,
            });
        }
    }
    planned
}

#[cfg(test)]
mod tests;
