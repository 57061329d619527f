//! Numbers the unit meeting and the council decide with: quotas, the meeting's quorum and vote
//! share, the secret ballot's approval threshold, and the ranking when a quota binds.

use super::ratio::Quantity;
use super::schema::{BallotRule, Rules, TieBreak};
use crate::domain::title::Title;
use std::cmp::Reverse;

/// The most `title` nominations allowed for `ldtt_achievers` people achieving LĐTT in the
/// quota's scope (`rules.quota`'s `scope`), rounded as the rule says; `None` when the title has
/// no cap. Under 15% with floor: 13 → 1, 20 → 3, 7 → 1.
pub fn quota(rules: &Rules, title: Title, ldtt_achievers: u32) -> Option<u32> {
    rules
        .quota
        .get(title)
        .map(|rule| rule.share.of(ldtt_achievers, rule.rounding))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingOutcome {
    pub quorum_met: bool,
    /// The nominee has enough yes-votes, in a meeting with a quorum.
    pub passes: bool,
}

/// A unit review meeting (bình xét): `members` of the unit, `present` at the meeting,
/// `yes_votes` for one nominee. Impossible counts (more present than members, more votes than
/// people present) neither make a quorum nor pass.
pub fn meeting_outcome(
    rules: &Rules,
    members: u32,
    present: u32,
    yes_votes: u32,
) -> MeetingOutcome {
    let rule = &rules.unit_meeting;
    let quorum_met = present <= members && rule.quorum.holds(present, members);
    let out_of = match rule.nominee.denominator {
        Quantity::UnitMembers => members,
        _ => present,
    };
    MeetingOutcome {
        quorum_met,
        passes: quorum_met && yes_votes <= present && rule.nominee.holds(yes_votes, out_of),
    }
}

/// Whether the council must vote by secret ballot on `title`.
pub fn ballot_required(rules: &Rules, title: Title) -> bool {
    rules.ballot.get(title).is_some()
}

/// Whether `yes` votes out of the council's whole membership approve `title`; `None` when the
/// rule set holds no ballot for that title (see [`ballot_required`]).
pub fn ballot_passes(rules: &Rules, title: Title, yes: u32, total_membership: u32) -> Option<bool> {
    rules
        .ballot
        .get(title)
        .map(|rule| approves(rule, yes, total_membership))
}

/// The same for the emulation flag (Cờ thi đua).
pub fn flag_ballot_passes(rules: &Rules, yes: u32, total_membership: u32) -> Option<bool> {
    rules
        .ballot
        .flag
        .as_ref()
        .map(|rule| approves(rule, yes, total_membership))
}

fn approves(rule: &BallotRule, yes: u32, total_membership: u32) -> bool {
    yes <= total_membership && rule.approval.holds(yes, total_membership)
}

/// Who is competing for a capped title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contender {
    Person { woman: bool },
    Collective { women: u32, members: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub votes: u32,
    pub contender: Contender,
}

/// Candidates' indices, best first: most votes, then each configured tie-break in order.
/// Candidates still equal keep their input order (see [`QuotaCut::tied_at_cut`]).
pub fn rank(rules: &Rules, candidates: &[Candidate]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&index| Reverse(sort_key(rules, &candidates[index])));
    order
}

fn sort_key(rules: &Rules, candidate: &Candidate) -> (u32, Vec<bool>) {
    let preferences = rules
        .tie_break
        .order
        .iter()
        .map(|tie_break| match (tie_break, candidate.contender) {
            (TieBreak::Woman, Contender::Person { woman }) => woman,
            (TieBreak::WomenCollective, Contender::Collective { women, members }) => {
                rules.tie_break.women_collective.holds(women, members)
            }
            _ => false,
        })
        .collect();
    (candidate.votes, preferences)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaCut {
    pub admitted: Vec<usize>,
    pub left_out: Vec<usize>,
    /// Candidates equal on votes and every tie-break across the cut: the rules cannot choose
    /// between them, so the council must (empty when the cut is clean).
    pub tied_at_cut: Vec<usize>,
}

pub fn apply_quota(rules: &Rules, candidates: &[Candidate], quota: u32) -> QuotaCut {
    let order = rank(rules, candidates);
    let cut = (quota as usize).min(order.len());
    let (admitted, left_out) = order.split_at(cut);
    let tied_at_cut = match (admitted.last(), left_out.first()) {
        (Some(&last), Some(&first))
            if sort_key(rules, &candidates[last]) == sort_key(rules, &candidates[first]) =>
        {
            let key = sort_key(rules, &candidates[last]);
            order
                .iter()
                .copied()
                .filter(|&index| sort_key(rules, &candidates[index]) == key)
                .collect()
        }
        _ => Vec::new(),
    };
    QuotaCut {
        admitted: admitted.to_vec(),
        left_out: left_out.to_vec(),
        tied_at_cut,
    }
}
