//! Emulation blocks (khối thi đua): outside collectives the department leads, grouped for a year.
//! A block's members, their contact people, its leader and deputy and its scoring table are the
//! year's data (`thidua block import`), since blocks are renamed and re-formed: the district level
//! they were made of no longer exists since 2025.
//!
//! Each member's contact scores the member criterion by criterion; the block's leader (the deputy
//! for the leader's own sheet) or the secretary cross-checks and adjusts with a reason; the
//! council confirms the ranking, whose leading members are proposed to the province.

pub mod file;
pub mod ranking;
pub mod scoring;

#[cfg(test)]
mod tests;

pub use ranking::{Ranked, Ranking, RankingError, Sheet, rank};
pub use scoring::{Points, ScoringTable, TieBreak};

/// What a member's contact does for the block this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    Leader,
    Deputy,
    Member,
}

impl Duty {
    pub fn as_str(self) -> &'static str {
        match self {
            Duty::Leader => "leader",
            Duty::Deputy => "deputy",
            Duty::Member => "member",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, super::UnknownValue> {
        [Duty::Leader, Duty::Deputy, Duty::Member]
            .into_iter()
            .find(|duty| duty.as_str() == raw)
            .ok_or_else(|| super::UnknownValue::new("block duty", raw))
    }
}

/// Where a member's scoring sheet stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetStatus {
    /// Being scored by the member's contact; saved criterion by criterion.
    Draft,
    /// Sent to the block's leader; the contact can no longer change it.
    Submitted,
    /// Cross-checked (adjusted or not) by the leader, the deputy or the secretary.
    Checked,
}

impl SheetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SheetStatus::Draft => "draft",
            SheetStatus::Submitted => "submitted",
            SheetStatus::Checked => "checked",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, super::UnknownValue> {
        [
            SheetStatus::Draft,
            SheetStatus::Submitted,
            SheetStatus::Checked,
        ]
        .into_iter()
        .find(|status| status.as_str() == raw)
        .ok_or_else(|| super::UnknownValue::new("block sheet status", raw))
    }
}

/// What the ranking proposes a member for: the provincial People's Committee's Cờ thi đua for
/// the leading ones, its chairman's Bằng khen for the next (how many of each is the block file's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposed {
    Flag,
    BangKhen,
}

impl Proposed {
    /// The award history's code of the award.
    pub fn code(self) -> &'static str {
        match self {
            Proposed::Flag => "CO_TINH",
            Proposed::BangKhen => "BK_TINH",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, super::UnknownValue> {
        [Proposed::Flag, Proposed::BangKhen]
            .into_iter()
            .find(|proposed| proposed.code() == raw)
            .ok_or_else(|| super::UnknownValue::new("block award", raw))
    }
}

/// A cross-check adjustment as typed: "2.1 8,5 Chưa có minh chứng về …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    pub criterion: String,
    pub points: Points,
    pub reason: String,
}

/// Why a typed adjustment cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdjustmentError {
    /// Not "criterion points reason".
    Shape,
    Points(scoring::PointsError),
    /// The reason is shorter than [`MIN_REASON`] characters or longer than [`MAX_REASON`].
    Reason,
}

pub const MIN_REASON: usize = 5;
pub const MAX_REASON: usize = 500;

pub fn parse_adjustment(text: &str) -> Result<Adjustment, AdjustmentError> {
    let mut words = text.split_whitespace();
    let (Some(criterion), Some(points)) = (words.next(), words.next()) else {
        return Err(AdjustmentError::Shape);
    };
    let points = Points::parse(points).map_err(AdjustmentError::Points)?;
    let reason = words.collect::<Vec<_>>().join(" ");
    let length = reason.chars().count();
    if !(MIN_REASON..=MAX_REASON).contains(&length) {
        return Err(AdjustmentError::Reason);
    }
    Ok(Adjustment {
        criterion: criterion.to_owned(),
        points,
        reason,
    })
}
