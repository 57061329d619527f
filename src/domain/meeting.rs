//! The unit review meeting (họp bình xét) decided on whole numbers: quorum, each nominee's vote
//! share, then the quotas. Pure: the service gathers the counts, this decides which nominations
//! stand and why, so the same answer is shown before submitting and enforced when submitting.
//!
//! Decisions the law leaves open, made here:
//! - A nominee is voted on per title: someone registered for CSTĐCS whose verdicts support both
//!   CSTĐCS and LĐTT is voted on twice. A higher title stands only if the title it includes
//!   stands too (CSTĐCS needs the person's LĐTT to stand; CSTĐ cấp tỉnh needs CSTĐCS).
//! - Quotas count "people achieving LĐTT" as LĐTT nominations standing: for a `unit` scope this
//!   unit's, for a `department` scope this unit's plus those other units already submitted. A
//!   department-wide quota is first come, first served: what other units already hold is
//!   subtracted from the department's total.

use crate::domain::person::PersonId;
use crate::domain::rules::{self, Candidate, Contender, Rules, Scope};
use crate::domain::title::Title;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One nominee for one title, with the yes-votes the meeting gave.
/// Where the unit's meeting stands: submitted meetings lock the unit's reviews until the
/// secretary reopens them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingStatus {
    Recorded,
    Submitted,
    Reopened,
}

impl MeetingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Recorded => "recorded",
            MeetingStatus::Submitted => "submitted",
            MeetingStatus::Reopened => "reopened",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, super::UnknownValue> {
        match raw {
            "recorded" => Ok(MeetingStatus::Recorded),
            "submitted" => Ok(MeetingStatus::Submitted),
            "reopened" => Ok(MeetingStatus::Reopened),
            other => Err(super::UnknownValue::new("meeting status", other)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub person: PersonId,
    pub title: Title,
    pub woman: bool,
    pub yes: u32,
}

/// What the rest of the department already holds, for department-wide quotas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Elsewhere {
    /// Standing nominations per individual title in other units.
    pub standing: BTreeMap<Title, u32>,
}

impl Elsewhere {
    fn of(&self, title: Title) -> u32 {
        self.standing.get(&title).copied().unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Stands,
    /// The meeting had no quorum: nothing stands.
    NoQuorum,
    /// Too few yes-votes under the rule's vote share.
    BelowVoteShare,
    /// The title it includes (LĐTT for CSTĐCS) does not stand for this person.
    IncludedTitleFails(Title),
    /// Passed the vote but the quota was full; ranked below those admitted.
    OverQuota,
    /// Equal with the last one admitted on votes and every tie-break: the rules cannot choose.
    TiedAtQuota,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaNote {
    pub title: Title,
    pub scope: Scope,
    /// People achieving LĐTT the quota is counted on.
    pub achievers: u32,
    /// The quota for those achievers.
    pub quota: u32,
    /// Already held by other units (department scope only).
    pub held_elsewhere: u32,
    /// What this unit could still propose.
    pub available: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub members: u32,
    pub present: u32,
    pub quorum_met: bool,
    /// One per entry, in the entries' order.
    pub standings: Vec<Standing>,
    pub quotas: Vec<QuotaNote>,
}

impl Outcome {
    pub fn standing_entries<'a>(&'a self, entries: &'a [Entry]) -> impl Iterator<Item = &'a Entry> {
        entries
            .iter()
            .zip(&self.standings)
            .filter(|(_, standing)| **standing == Standing::Stands)
            .map(|(entry, _)| entry)
    }
}

/// Lower titles first: a higher title depends on the one it includes.
const ORDER: [Title; 3] = [Title::Ldtt, Title::Cstdcs, Title::CstdTinh];

/// The title a higher individual title directly includes.
fn included(title: Title) -> Option<Title> {
    match title {
        Title::Cstdcs => Some(Title::Ldtt),
        Title::CstdTinh => Some(Title::Cstdcs),
        _ => None,
    }
}

pub fn decide(
    rules: &Rules,
    members: u32,
    present: u32,
    entries: &[Entry],
    elsewhere: &Elsewhere,
) -> Outcome {
    let quorum_met = rules::meeting_outcome(rules, members, present, 0).quorum_met;
    let mut standings: Vec<Standing> = entries
        .iter()
        .map(|entry| {
            if !quorum_met {
                Standing::NoQuorum
            } else if rules::meeting_outcome(rules, members, present, entry.yes).passes {
                Standing::Stands
            } else {
                Standing::BelowVoteShare
            }
        })
        .collect();
    let mut quotas = Vec::new();
    if quorum_met {
        for title in ORDER {
            let indices: Vec<usize> = (0..entries.len())
                .filter(|&index| entries[index].title == title)
                .collect();
            if let Some(lower) = included(title) {
                for &index in &indices {
                    let person = entries[index].person;
                    let lower_stands = entries.iter().zip(&standings).any(|(other, standing)| {
                        other.person == person
                            && other.title == lower
                            && *standing == Standing::Stands
                    });
                    if standings[index] == Standing::Stands && !lower_stands {
                        standings[index] = Standing::IncludedTitleFails(lower);
                    }
                }
            }
            let Some(rule) = rules.quota.get(title) else {
                continue;
            };
            let here_ldtt = entries
                .iter()
                .zip(&standings)
                .filter(|(entry, standing)| {
                    entry.title == Title::Ldtt && **standing == Standing::Stands
                })
                .count() as u32;
            let (achievers, held_elsewhere) = match rule.scope {
                Scope::Unit => (here_ldtt, 0),
                Scope::Department => (here_ldtt + elsewhere.of(Title::Ldtt), elsewhere.of(title)),
            };
            let quota = rules::quota(rules, title, achievers).unwrap_or(u32::MAX);
            let available = quota.saturating_sub(held_elsewhere);
            quotas.push(QuotaNote {
                title,
                scope: rule.scope,
                achievers,
                quota,
                held_elsewhere,
                available,
            });
            let running: Vec<usize> = indices
                .iter()
                .copied()
                .filter(|&index| standings[index] == Standing::Stands)
                .collect();
            let candidates: Vec<Candidate> = running
                .iter()
                .map(|&index| Candidate {
                    votes: entries[index].yes,
                    contender: Contender::Person {
                        woman: entries[index].woman,
                    },
                })
                .collect();
            let cut = rules::apply_quota(rules, &candidates, available);
            for left_out in cut.left_out {
                standings[running[left_out]] = if cut.tied_at_cut.contains(&left_out) {
                    Standing::TiedAtQuota
                } else {
                    Standing::OverQuota
                };
            }
        }
    }
    Outcome {
        members,
        present,
        quorum_met,
        standings,
        quotas,
    }
}

/// Why a typed meeting date is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    NotADate,
    InFuture,
    BeforeCampaignYear,
}

/// `dd/mm/yyyy` (also `d/m/yyyy` or with `-` or `.`), not after today, within the campaign year
/// or later.
pub fn parse_date(raw: &str, today: NaiveDate, year: i32) -> Result<NaiveDate, DateProblem> {
    let cleaned = raw.trim().replace(['-', '.'], "/");
    let date =
        NaiveDate::parse_from_str(&cleaned, "%d/%m/%Y").map_err(|_| DateProblem::NotADate)?;
    if date > today {
        return Err(DateProblem::InFuture);
    }
    if date < NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN) {
        return Err(DateProblem::BeforeCampaignYear);
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaign::RuleSet;

    fn entry(person: i64, title: Title, yes: u32, woman: bool) -> Entry {
        Entry {
            person: PersonId(person),
            title,
            woman,
            yes,
        }
    }

    fn luat() -> Rules {
        rules::builtin(RuleSet::Luat2022).unwrap()
    }

    #[test]
    fn a_meeting_date_is_day_month_year_not_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(
            parse_date("24/11/2026", today, 2026),
            NaiveDate::from_ymd_opt(2026, 11, 24).ok_or(DateProblem::NotADate)
        );
        assert_eq!(
            parse_date(" 5-1-2026 ", today, 2026),
            NaiveDate::from_ymd_opt(2026, 1, 5).ok_or(DateProblem::NotADate)
        );
        assert_eq!(
            parse_date("26/11/2026", today, 2026),
            Err(DateProblem::InFuture)
        );
        assert_eq!(
            parse_date("31/12/2025", today, 2026),
            Err(DateProblem::BeforeCampaignYear)
        );
        assert_eq!(
            parse_date("31/02/2026", today, 2026),
            Err(DateProblem::NotADate)
        );
        assert_eq!(
            parse_date("hôm qua", today, 2026),
            Err(DateProblem::NotADate)
        );
    }

    #[test]
    fn without_quorum_nothing_stands() {
        let entries = [entry(1, Title::Ldtt, 1, false)];
        let outcome = decide(&luat(), 3, 1, &entries, &Elsewhere::default());
        assert!(!outcome.quorum_met);
        assert_eq!(outcome.standings, [Standing::NoQuorum]);
    }

    #[test]
    fn more_than_half_of_those_present_is_needed_and_cstdcs_needs_its_ldtt() {
        let entries = [
            entry(1, Title::Ldtt, 2, false),
            entry(1, Title::Cstdcs, 2, false),
            entry(2, Title::Ldtt, 1, false),
            entry(2, Title::Cstdcs, 2, false),
        ];
        let outcome = decide(&luat(), 3, 2, &entries, &Elsewhere::default());
        assert!(outcome.quorum_met);
        assert_eq!(
            outcome.standings,
            [
                Standing::Stands,
                Standing::Stands,
                Standing::BelowVoteShare,
                Standing::IncludedTitleFails(Title::Ldtt),
            ]
        );
    }

    #[test]
    fn a_department_quota_subtracts_what_other_units_hold() {
        // nd91-2017: CSTĐCS at most 15% of LĐTT achievers, department-wide, floor.
        let rules = rules::builtin(RuleSet::Nd91_2017).unwrap();
        let entries = [
            entry(1, Title::Ldtt, 3, false),
            entry(1, Title::Cstdcs, 3, false),
            entry(2, Title::Ldtt, 3, true),
            entry(2, Title::Cstdcs, 3, true),
        ];
        // 11 elsewhere + 2 here = 13 achievers → 1 CSTĐCS; nobody elsewhere holds one yet.
        let mut elsewhere = Elsewhere::default();
        elsewhere.standing.insert(Title::Ldtt, 11);
        let outcome = decide(&rules, 3, 3, &entries, &elsewhere);
        let note = outcome.quotas[0];
        assert_eq!((note.achievers, note.quota, note.available), (13, 1, 1));
        // Equal votes: the woman is preferred.
        assert_eq!(outcome.standings[1], Standing::OverQuota);
        assert_eq!(outcome.standings[3], Standing::Stands);
        // One already held elsewhere: nothing left for this unit.
        elsewhere.standing.insert(Title::Cstdcs, 1);
        let outcome = decide(&rules, 3, 3, &entries, &elsewhere);
        assert_eq!(outcome.quotas[0].available, 0);
        assert_eq!(outcome.standings[1], Standing::OverQuota);
        assert_eq!(outcome.standings[3], Standing::OverQuota);
    }

    #[test]
    fn the_example_local_file_asks_two_thirds_of_those_present() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/config/rules/local/tay-ninh.toml"
        ))
        .unwrap();
        let local = rules::parse_named(
            RuleSet::Luat2022,
            rules::RuleSource {
                label: "luat-2022.toml",
                text: rules::load::builtin_text(RuleSet::Luat2022),
            },
            &[rules::RuleSource {
                label: "tay-ninh.toml",
                text: &text,
            }],
        )
        .unwrap();
        let entries = [entry(1, Title::Ldtt, 3, false)];
        let default = decide(&luat(), 5, 5, &entries, &Elsewhere::default());
        let stricter = decide(&local, 5, 5, &entries, &Elsewhere::default());
        assert_eq!(default.standings, [Standing::Stands]);
        assert_eq!(stricter.standings, [Standing::BelowVoteShare]);
    }
}
