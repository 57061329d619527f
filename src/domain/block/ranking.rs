//! The block's ranking: each member's final points (the cross-check's where it adjusted, the
//! member's own elsewhere), ordered by total and then by the table's tie-breaks. Members the
//! tie-breaks cannot separate share a rank; when such a tie straddles the line between an award
//! and the next, the ranking refuses to propose, since choosing would be arbitrary.

use super::scoring::{Points, ScoringTable, TieBreak};
use super::{Proposed, SheetStatus};
use chrono::{DateTime, Utc};
use std::cmp::Ordering;
use std::collections::HashMap;

/// One member's sheet as the ranking reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub member: String,
    pub status: SheetStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    /// criterion code → (own points, the cross-check's points if it adjusted them)
    pub points: HashMap<String, (Points, Option<Points>)>,
}

impl Sheet {
    /// The points that count for a criterion: the cross-check's, else the member's own.
    pub fn final_points(&self, criterion: &str) -> Option<Points> {
        self.points
            .get(criterion)
            .map(|(own, checked)| checked.unwrap_or(*own))
    }

    pub fn total(&self, table: &ScoringTable) -> Points {
        table
            .criteria()
            .filter_map(|criterion| self.final_points(&criterion.code))
            .sum()
    }

    fn group_total(&self, table: &ScoringTable, group: &str) -> Points {
        table
            .groups
            .iter()
            .filter(|candidate| candidate.code == group)
            .flat_map(|group| group.criteria.iter())
            .filter_map(|criterion| self.final_points(&criterion.code))
            .sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub member: String,
    /// 1 for the first; members tied after every tie-break share it.
    pub rank: usize,
    pub total: Points,
    pub proposed: Option<Proposed>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    pub members: Vec<Ranked>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RankingError {
    /// These members' sheets are not cross-checked yet.
    NotChecked(Vec<String>),
    /// These members tie after every tie-break across the line between two awards.
    UnresolvedTie(Vec<String>),
}

/// Orders two sheets: the better first.
fn compare(table: &ScoringTable, a: &Sheet, b: &Sheet) -> Ordering {
    let mut order = b.total(table).cmp(&a.total(table));
    for tie_break in &table.tie_breaks {
        if order != Ordering::Equal {
            break;
        }
        order = match tie_break {
            TieBreak::Group(group) => b
                .group_total(table, group)
                .cmp(&a.group_total(table, group)),
            TieBreak::SubmittedFirst => a.submitted_at.cmp(&b.submitted_at),
        };
    }
    order
}

/// Ranks a block whose sheets are all checked; the first `flags` are proposed for the flag and
/// the next `bang_khen` for the Bằng khen.
pub fn rank(
    table: &ScoringTable,
    sheets: &[Sheet],
    flags: usize,
    bang_khen: usize,
) -> Result<Ranking, RankingError> {
    let unchecked: Vec<String> = sheets
        .iter()
        .filter(|sheet| sheet.status != SheetStatus::Checked)
        .map(|sheet| sheet.member.clone())
        .collect();
    if !unchecked.is_empty() {
        return Err(RankingError::NotChecked(unchecked));
    }
    let mut ordered: Vec<&Sheet> = sheets.iter().collect();
    // Equal sheets keep the file's order for display only; their rank is shared.
    ordered.sort_by(|a, b| compare(table, a, b));
    let mut members: Vec<Ranked> = Vec::with_capacity(ordered.len());
    for (index, sheet) in ordered.iter().enumerate() {
        let rank = match index.checked_sub(1) {
            Some(previous) if compare(table, ordered[previous], sheet) == Ordering::Equal => {
                members[previous].rank
            }
            _ => index + 1,
        };
        let proposed = if index < flags {
            Some(Proposed::Flag)
        } else if index < flags + bang_khen {
            Some(Proposed::BangKhen)
        } else {
            None
        };
        members.push(Ranked {
            member: sheet.member.clone(),
            rank,
            total: sheet.total(table),
            proposed,
        });
    }
    // A shared rank must not hold two different proposals.
    let mut tied = Vec::new();
    for pair in members.windows(2) {
        if pair[0].rank == pair[1].rank && pair[0].proposed != pair[1].proposed {
            tied.extend([pair[0].member.clone(), pair[1].member.clone()]);
        }
    }
    if !tied.is_empty() {
        tied.dedup();
        return Err(RankingError::UnresolvedTie(tied));
    }
    Ok(Ranking { members })
}
