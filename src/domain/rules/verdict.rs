//! The structured outcome of a rule: which criterion, met or not, the numbers behind it and the
//! legal reference. `texts::verdict` turns it into a sentence in either language.

use super::facts::Discipline;
use super::ratio::{Comparator, Quantity, Ratio};
use super::schema::{Means, PenaltyLevel, TaskRating};
use crate::domain::title::Title;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub title: Title,
    pub eligible: bool,
    pub findings: Vec<Finding>,
}

impl Verdict {
    pub(crate) fn new(title: Title, findings: Vec<Finding>) -> Self {
        Verdict {
            title,
            eligible: findings.iter().all(|finding| finding.met),
            findings,
        }
    }

    /// The findings that keep the title out of reach.
    pub fn unmet(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|finding| !finding.met)
    }

    pub fn finding(&self, criterion: Criterion) -> Option<&Finding> {
        self.findings
            .iter()
            .find(|finding| finding.criterion == criterion)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub criterion: Criterion,
    pub met: bool,
    pub detail: FindingDetail,
    pub legal_ref: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Criterion {
    /// An individual title asked of a collective or the reverse.
    Holder,
    TaskRating,
    Tenure,
    Discipline,
    /// CSTĐCS: one of the accepted achievements.
    Achievement,
    ConsecutiveYears,
    ProvinceInitiative,
    UnitRating,
    MemberShare,
    MemberCount,
    MemberDiscipline,
}

/// Worked time in the campaign year, in whole calendar months and the days left over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenureCount {
    /// The first day counted: 1 January, the hire date or the day after a penalty ended.
    pub counted_from: NaiveDate,
    /// The last day counted: 31 December.
    pub until: NaiveDate,
    pub months: u32,
    pub days: u32,
    pub required_months: u32,
    /// Leave of a kind that counts as worked time (maternity…), shown for transparency.
    pub counted_leave_days: u32,
    /// Leave that does not count, taken off the worked time.
    pub uncounted_leave_days: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisciplineOutcome {
    Clear,
    UnderReview,
    /// A penalty lighter than the lowest blocking level.
    BelowThreshold,
    /// The penalty ended before the campaign year began.
    EndedBeforeYear,
    /// The penalty blocks the year (in force during it, or not ended by its end).
    InForce,
    /// Worked time counts only from `from`, the day after the penalty ended.
    CountsFrom {
        from: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingDetail {
    WrongHolder {
        title: Title,
    },
    Rating {
        actual: TaskRating,
        required: TaskRating,
    },
    Tenure(TenureCount),
    Discipline {
        status: Discipline,
        outcome: DisciplineOutcome,
        lowest_blocking: PenaltyLevel,
    },
    Achievement {
        accepted: Vec<Means>,
        satisfied_by: Option<Means>,
        /// The initiative used, when that is what satisfied the criterion.
        initiative: Option<String>,
        /// Initiatives that did not count because they already back another title or award.
        not_reusable: Vec<String>,
    },
    ConsecutiveYears {
        /// Consecutive CSTĐCS years counted, ending with `through`.
        years: u32,
        required: u32,
        /// The last year counted: the campaign year when it counts, else the one before.
        through: i32,
        /// The run went further back but a discipline penalty's end cut it.
        cut_by_penalty: bool,
    },
    ProvinceInitiative {
        found: Option<String>,
        not_reusable: Vec<String>,
        /// Set when the only province-wide initiative is already backing this year's CSTĐCS.
        taken_by_cstdcs: Option<String>,
    },
    UnitRating {
        actual: TaskRating,
        required: TaskRating,
    },
    MemberShare {
        count: u32,
        members: u32,
        ratio: Ratio,
    },
    MemberCount {
        of: Quantity,
        count: u32,
        comparator: Comparator,
        required: u32,
    },
    MemberDiscipline {
        disciplined: u32,
        from: PenaltyLevel,
    },
}
