//! The phases of a yearly campaign and the window each one is open.

use super::UnknownValue;
use chrono::{DateTime, Utc};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Phase {
    Registration,
    SelfAssessment,
    UnitReview,
    Appraisal,
    Ballot,
    Decision,
}

impl Phase {
    /// In the order the cycle runs.
    pub const ALL: [Phase; 6] = [
        Phase::Registration,
        Phase::SelfAssessment,
        Phase::UnitReview,
        Phase::Appraisal,
        Phase::Ballot,
        Phase::Decision,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Registration => "registration",
            Phase::SelfAssessment => "self_assessment",
            Phase::UnitReview => "unit_review",
            Phase::Appraisal => "appraisal",
            Phase::Ballot => "ballot",
            Phase::Decision => "decision",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownValue> {
        Phase::ALL
            .into_iter()
            .find(|phase| phase.as_str() == raw)
            .ok_or_else(|| UnknownValue::new("phase", raw))
    }
}

/// A phase is open from `opens` (inclusive) to `closes` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub opens: DateTime<Utc>,
    pub closes: DateTime<Utc>,
}

/// Where an instant falls relative to a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum WindowState {
    NotYetOpen,
    Open,
    Closed,
}

impl Window {
    pub fn state_at(&self, now: DateTime<Utc>) -> WindowState {
        if now < self.opens {
            WindowState::NotYetOpen
        } else if now < self.closes {
            WindowState::Open
        } else {
            WindowState::Closed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_window_includes_its_opening_and_excludes_its_closing_instant() {
        let opens = Utc.with_ymd_and_hms(2026, 2, 1, 1, 0, 0).unwrap();
        let closes = Utc.with_ymd_and_hms(2026, 3, 25, 10, 0, 0).unwrap();
        let window = Window { opens, closes };
        let second = chrono::Duration::seconds(1);
        assert_eq!(window.state_at(opens - second), WindowState::NotYetOpen);
        assert_eq!(window.state_at(opens), WindowState::Open);
        assert_eq!(window.state_at(closes - second), WindowState::Open);
        assert_eq!(window.state_at(closes), WindowState::Closed);
    }

    #[test]
    fn every_phase_round_trips_through_its_name() {
        for phase in Phase::ALL {
            assert_eq!(Phase::parse(phase.as_str()), Ok(phase));
        }
    }
}
