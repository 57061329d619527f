//! Where a nomination stands on its way from the unit's meeting through appraisal, ballot and
//! the director's decision.

use super::UnknownValue;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NominationStatus {
    Proposed,
    Valid,
    Returned,
    Passed,
    Failed,
    Approved,
    Rejected,
}

impl NominationStatus {
    pub const ALL: [NominationStatus; 7] = [
        NominationStatus::Proposed,
        NominationStatus::Valid,
        NominationStatus::Returned,
        NominationStatus::Passed,
        NominationStatus::Failed,
        NominationStatus::Approved,
        NominationStatus::Rejected,
    ];

    /// Nominations still standing anywhere on their way: not returned, failed or rejected.
    pub const STANDING: [NominationStatus; 4] = [
        NominationStatus::Proposed,
        NominationStatus::Valid,
        NominationStatus::Passed,
        NominationStatus::Approved,
    ];

    /// Nominations that came through appraisal and still stand.
    pub const STANDING_AFTER_APPRAISAL: [NominationStatus; 3] = [
        NominationStatus::Valid,
        NominationStatus::Passed,
        NominationStatus::Approved,
    ];

    /// What a resubmitted unit meeting may replace: nominations the council has not taken up
    /// (still proposed, or returned to the unit by appraisal).
    pub const REPLACEABLE: [NominationStatus; 2] =
        [NominationStatus::Proposed, NominationStatus::Returned];

    pub fn as_str(self) -> &'static str {
        match self {
            NominationStatus::Proposed => "proposed",
            NominationStatus::Valid => "valid",
            NominationStatus::Returned => "returned",
            NominationStatus::Passed => "passed",
            NominationStatus::Failed => "failed",
            NominationStatus::Approved => "approved",
            NominationStatus::Rejected => "rejected",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        NominationStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == raw)
            .ok_or_else(|| UnknownValue::new("nomination status", raw))
    }
}
