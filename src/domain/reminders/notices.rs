//! The notices that go to those who follow others' progress: the unit head's daily digest, the
//! secretary's escalation after a missed deadline, and the periodic progress report.

use super::{Policy, Progress, Task, last_day, local_instant};
use crate::domain::campaign::Campaign;
use crate::domain::person::{Person, PersonId};
use crate::domain::phase::{Phase, WindowState};
use crate::domain::role::Role;
use crate::domain::time::{LOCAL_TZ, local_date};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::BTreeMap;

/// An escalation is still sent this long after it fell due (the process was down on the first
/// working day after the deadline): the facts it reports stay true until the phase reopens.
pub const ESCALATION_CATCH_UP_DAYS: i64 = 7;

/// Who owes what in one phase, by person (in the order of `people`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseOwing {
    pub phase: Phase,
    pub deadline: DateTime<Utc>,
    pub owing: Vec<(PersonId, Vec<Task>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    /// The outbox logical key, `digest:2026-03-02:VP:<head id>`.
    pub key: String,
    pub head: PersonId,
    pub unit_code: String,
    pub date: NaiveDate,
    pub phases: Vec<PhaseOwing>,
}

/// Digests due at `now`: on a working day, from `digest_time` until `grace` later, one per unit
/// head whose unit still owes something in an open phase, unless the head paused reminders.
/// Whether `person` receives the daily digest of what their unit still owes: its heads. Only
/// they are offered "digest only" in /nhacnho.
pub fn receives_digest(person: &Person) -> bool {
    person.has(Role::UnitHead)
}

pub fn plan_digests(
    campaign: &Campaign,
    progress: &Progress,
    people: &[Person],
    mutes: &BTreeMap<PersonId, super::Mute>,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Vec<Digest> {
    let today = local_date(now);
    let at = local_instant(today, policy.digest_time);
    if !policy.calendar.is_working_day(today) || now < at || now - at > policy.grace {
        return Vec::new();
    }
    let mut digests = Vec::new();
    for head in people.iter().filter(|person| receives_digest(person)) {
        if mutes
            .get(&head.id)
            .is_some_and(|mute| mute.silences_digest(now))
        {
            continue;
        }
        let phases: Vec<PhaseOwing> = Phase::ALL
            .into_iter()
            .filter(|phase| campaign.phase_state(*phase, now) == WindowState::Open)
            .filter_map(|phase| {
                let window = campaign.window(phase)?;
                let owing = owing_in(progress, phase, people, |person| {
                    person.unit_code == head.unit_code
                });
                (!owing.is_empty()).then_some(PhaseOwing {
                    phase,
                    deadline: window.closes,
                    owing,
                })
            })
            .collect();
        if phases.is_empty() {
            continue;
        }
        digests.push(Digest {
            key: format!("digest:{today}:{}:{}", head.unit_code, head.id.0),
            head: head.id,
            unit_code: head.unit_code.clone(),
            date: today,
            phases,
        });
    }
    digests
}

fn owing_in(
    progress: &Progress,
    phase: Phase,
    people: &[Person],
    in_scope: impl Fn(&Person) -> bool,
) -> Vec<(PersonId, Vec<Task>)> {
    people
        .iter()
        .filter(|person| in_scope(person))
        .filter_map(|person| {
            let owed = progress.owed(phase, person.id);
            (!owed.is_empty()).then(|| (person.id, owed.to_vec()))
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalation {
    /// The outbox logical key, `escalation:2026:registration:20260325T1700:<secretary id>`.
    pub key: String,
    pub secretary: PersonId,
    /// The missed deadline; `owing` lists, unit by unit, who had not done their part.
    pub missed: PhaseOwing,
    pub units: Vec<String>,
}

/// Escalations due at `now`: from `send_time` on the first working day after a phase's last
/// day, while the phase stays closed, to every secretary, when someone still owes something.
pub fn plan_escalations(
    campaign: &Campaign,
    progress: &Progress,
    people: &[Person],
    policy: &Policy,
    now: DateTime<Utc>,
) -> Vec<Escalation> {
    let secretaries: Vec<&Person> = people
        .iter()
        .filter(|person| person.has(Role::Secretary))
        .collect();
    let mut escalations = Vec::new();
    for phase in Phase::ALL {
        let Some(window) = campaign.window(phase) else {
            continue;
        };
        if now < window.closes {
            continue;
        }
        let due = local_instant(
            policy.calendar.next_after(last_day(&window)),
            policy.send_time,
        );
        if now < due || now - due > Duration::days(ESCALATION_CATCH_UP_DAYS) {
            continue;
        }
        let mut owing = owing_in(progress, phase, people, |_| true);
        if owing.is_empty() {
            continue;
        }
        let unit_of: BTreeMap<PersonId, &str> = people
            .iter()
            .map(|person| (person.id, person.unit_code.as_str()))
            .collect();
        owing.sort_by_key(|(person, _)| unit_of.get(person).copied().unwrap_or_default());
        let mut units: Vec<String> = owing
            .iter()
            .filter_map(|(person, _)| unit_of.get(person).map(|unit| (*unit).to_owned()))
            .collect();
        units.dedup();
        let deadline = window.closes.with_timezone(&LOCAL_TZ).format("%Y%m%dT%H%M");
        for secretary in &secretaries {
            escalations.push(Escalation {
                key: format!(
                    "escalation:{}:{}:{deadline}:{}",
                    campaign.year,
                    phase.as_str(),
                    secretary.id.0
                ),
                secretary: secretary.id,
                missed: PhaseOwing {
                    phase,
                    deadline: window.closes,
                    owing: owing.clone(),
                },
                units: units.clone(),
            });
        }
    }
    escalations
}

/// Whether a campaign is running: from registration opening to the decision's deadline.
pub fn campaign_running(campaign: &Campaign, now: DateTime<Utc>) -> bool {
    let first = campaign.window(Phase::Registration);
    let last = campaign.window(Phase::Decision);
    matches!((first, last), (Some(first), Some(last)) if first.opens <= now && now < last.closes)
}

/// One line of the periodic report: a unit's progress in one phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub phase: Phase,
    pub state: WindowState,
    pub unit_code: String,
    /// People the phase asks something of.
    pub concerned: usize,
    pub done: usize,
}

/// Progress by phase (those that have opened and whose progress is known) and unit.
pub fn report_rows(
    campaign: &Campaign,
    progress: &Progress,
    people: &[Person],
    units: &[String],
    now: DateTime<Utc>,
) -> Vec<ReportRow> {
    let unit_of: BTreeMap<PersonId, &str> = people
        .iter()
        .map(|person| (person.id, person.unit_code.as_str()))
        .collect();
    let mut rows = Vec::new();
    for phase in Phase::ALL {
        let state = campaign.phase_state(phase, now);
        if state == WindowState::NotYetOpen || !progress.tracks(phase) {
            continue;
        }
        for unit in units {
            let (concerned, done) = progress.tally(phase, |person| {
                unit_of.get(&person).is_some_and(|code| code == unit)
            });
            if concerned > 0 {
                rows.push(ReportRow {
                    phase,
                    state,
                    unit_code: unit.clone(),
                    concerned,
                    done,
                });
            }
        }
    }
    rows
}
