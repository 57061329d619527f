//! The council's secret ballot as pure rules: a choice, and the tally once the ballot has
//! closed — each nominee against the rule set's threshold of the council's TOTAL membership,
//! then, where a quota binds, the ranking by votes with the configured tie-break.

pub mod seal;

use super::UnknownValue;
use super::rules::{self, Candidate, Contender, Rules};
use super::title::Title;
use std::collections::BTreeMap;

/// Whether the year's ballot still takes votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotStatus {
    Open,
    Closed,
}

impl BallotStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BallotStatus::Open => "open",
            BallotStatus::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        match raw {
            "open" => Ok(BallotStatus::Open),
            "closed" => Ok(BallotStatus::Closed),
            other => Err(UnknownValue::new("ballot status", other)),
        }
    }
}

/// Turnout without choices: (members who voted on every item, members who voted on at least
/// one, total votes on the roll) — what the secretary may see while the ballot is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turnout {
    pub finished: u32,
    pub started: u32,
    pub roll_entries: u32,
    pub written_entries: u32,
}

/// What a member chose. Never logged, never audited, never echoed back.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Yes,
    No,
}

/// Deliberately opaque in `Debug`, so a stray `{:?}` in a log line cannot reveal a vote.
impl std::fmt::Debug for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Choice(…)")
    }
}

impl Choice {
    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Yes => "yes",
            Choice::No => "no",
        }
    }
}

/// One nominee's counts from the ballot box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub nomination: i64,
    pub title: Title,
    pub yes: u32,
    pub no: u32,
    /// Who competes, for the tie-break when a quota binds.
    pub contender: Contender,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Reached the threshold and fits the quota.
    Passed,
    /// Below the threshold of the council's total membership.
    BelowThreshold,
    /// Reached the threshold but ranked below the quota's cut.
    OverQuota,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub nomination: i64,
    pub yes: u32,
    pub no: u32,
    pub verdict: Verdict,
    /// Equal on votes and every tie-break with someone across the quota's cut: the council
    /// must choose between them (the order kept is the list's order).
    pub tied_at_cut: bool,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.verdict == Verdict::Passed
    }
}

/// Tallies `counts` after the ballot closed. `membership` is the council's total membership;
/// `quotas` the most nominees allowed per title (a title absent has no cap). A title the rule
/// set holds no ballot for cannot pass a ballot.
pub fn tally(
    rules: &Rules,
    membership: u32,
    counts: &[Count],
    quotas: &BTreeMap<Title, u32>,
) -> Vec<Outcome> {
    let mut outcomes: Vec<Outcome> = counts
        .iter()
        .map(|count| Outcome {
            nomination: count.nomination,
            yes: count.yes,
            no: count.no,
            verdict: match rules::ballot_passes(rules, count.title, count.yes, membership) {
                Some(true) => Verdict::Passed,
                _ => Verdict::BelowThreshold,
            },
            tied_at_cut: false,
        })
        .collect();
    for (title, quota) in quotas {
        let passing: Vec<usize> = (0..counts.len())
            .filter(|&index| counts[index].title == *title && outcomes[index].passed())
            .collect();
        if passing.len() as u32 <= *quota {
            continue;
        }
        let candidates: Vec<Candidate> = passing
            .iter()
            .map(|&index| Candidate {
                votes: counts[index].yes,
                contender: counts[index].contender,
            })
            .collect();
        let cut = rules::apply_quota(rules, &candidates, *quota);
        for local in cut.left_out {
            outcomes[passing[local]].verdict = Verdict::OverQuota;
        }
        for local in cut.tied_at_cut {
            outcomes[passing[local]].tied_at_cut = true;
        }
    }
    outcomes
}

/// A random ballot-box key: 128 bits from the thread's CSPRNG, as 32 hex digits. Random keys in
/// a WITHOUT ROWID table leave no trace of the order votes arrived in.
pub fn new_box_token() -> String {
    format!("{:032x}", rand::random::<u128>())
}

#[cfg(test)]
mod tests;
