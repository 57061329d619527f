//! The law's criteria as versioned data (`config/rules/nd91-2017.toml`, `luat-2022.toml`, plus
//! a department's local files) and the pure functions that apply them.
//!
//! - [`schema`]: the rule file's shape, which is also the loaded [`Rules`].
//! - [`load`]: merge a base file with local files; refuse a bad one naming file, rule, reason.
//! - [`facts`]: what a person or a unit reports for the year.
//! - [`individual_verdict`] / [`collective_verdict`]: a [`Verdict`] of structured findings,
//!   each with its legal reference; `texts::verdict` words them.
//! - [`council`]: quotas, the unit meeting's quorum and vote share, ballot thresholds, ranking.
//!
//! No I/O except [`load::load_from_dir`]; no clock: the campaign year is part of the facts.

pub mod collective;
pub mod council;
pub mod facts;
pub mod individual;
mod key_path;
pub mod load;
pub mod ratio;
pub mod schema;
pub mod tenure;
mod validate;
pub mod verdict;

pub use collective::collective_verdict;
pub use council::{
    Candidate, Contender, MeetingOutcome, QuotaCut, apply_quota, ballot_passes, ballot_required,
    flag_ballot_passes, meeting_outcome, quota, rank,
};
pub use facts::{
    AssessmentFacts, Discipline, Initiative, Leave, LeaveSpan, MemberFacts, UnitFacts,
};
pub use individual::{individual_verdict, member_facts};
pub use load::{RuleFileError, RuleSource, builtin, load_from_dir, parse, parse_named};
pub use ratio::{Comparator, Count, Quantity, Ratio, Rounding, Scope, Share};
pub use schema::{
    AfterPenalty, InitiativeScope, LeaveKind, Means, PenaltyLevel, Rules, TaskRating, TieBreak,
};
pub use verdict::{Criterion, DisciplineOutcome, Finding, FindingDetail, TenureCount, Verdict};

#[cfg(test)]
mod tests;
