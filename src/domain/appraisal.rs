//! Appraisal (thẩm định): the automatic checks the standing body sees beside each nomination.
//! Pure: the service gathers the facts, these functions decide what to flag.

use super::rules::{self, Rules, Verdict};
use super::title::Title;
use std::collections::BTreeMap;

/// One finding about one nomination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The rule set's verdict for the nominated title, criterion by criterion, from the
    /// nominee's latest submitted self-assessment.
    Criteria(Verdict),
    /// No submitted self-assessment to check against.
    NoAssessment,
    /// Under discipline review, investigation or an unresolved complaint: nobody may be awarded.
    UnderDisciplineReview,
    /// An initiative declared without the number of its recognition decision.
    MissingDecisionNumber { initiative: String },
    /// The same initiative backs another nomination too (one initiative, one title).
    InitiativeUsedTwice {
        initiative: String,
        other: Title,
        other_nominee: String,
    },
    /// More nominations for a capped title than the department-wide quota allows.
    QuotaExceeded {
        title: Title,
        quota: u32,
        proposed: u32,
        achievers: u32,
    },
    /// The collective title's thresholds from the members' verdicts.
    Collective(Verdict),
    /// The unit meeting recorded no collective rating to judge the collective title by.
    NoUnitRating,
    /// Files attached to the submitted self-assessment (for the appraiser to open): not a
    /// problem, a pointer.
    Evidence { employee_code: String, count: usize },
}

impl Check {
    /// Whether the secretary should look twice before marking it valid.
    pub fn is_problem(&self) -> bool {
        match self {
            Check::Criteria(verdict) | Check::Collective(verdict) => !verdict.eligible,
            Check::Evidence { .. } => false,
            _ => true,
        }
    }
}

/// An initiative claimed by a nomination: (nomination, title, nominee, initiative key, label).
#[derive(Debug, Clone)]
pub struct Claim {
    pub nomination: i64,
    pub title: Title,
    pub nominee: String,
    pub key: (String, String),
    pub label: String,
}

/// Titles that rest on an initiative: the same initiative may back only one of them.
pub fn rests_on_initiative(title: Title) -> bool {
    matches!(title, Title::Cstdcs | Title::CstdTinh)
}

/// For each nomination, the initiatives it shares with another nomination.
pub fn initiative_conflicts(claims: &[Claim]) -> BTreeMap<i64, Vec<Check>> {
    let mut found: BTreeMap<i64, Vec<Check>> = BTreeMap::new();
    for claim in claims {
        for other in claims {
            if other.nomination != claim.nomination && other.key == claim.key {
                found
                    .entry(claim.nomination)
                    .or_default()
                    .push(Check::InitiativeUsedTwice {
                        initiative: claim.label.clone(),
                        other: other.title,
                        other_nominee: other.nominee.clone(),
                    });
            }
        }
    }
    found
}

/// The quota finding for `title` when `proposed` nominations exceed its cap over `achievers`.
pub fn quota_check(rules: &Rules, title: Title, proposed: u32, achievers: u32) -> Option<Check> {
    let quota = rules::quota(rules, title, achievers)?;
    (proposed > quota).then_some(Check::QuotaExceeded {
        title,
        quota,
        proposed,
        achievers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaign::RuleSet;

    fn claim(nomination: i64, number: &str) -> Claim {
        Claim {
            nomination,
            title: Title::Cstdcs,
            nominee: format!("N{nomination}"),
            key: (number.to_lowercase(), "phần mềm".into()),
            label: number.into(),
        }
    }

    #[test]
    fn an_initiative_backing_two_nominations_is_flagged_on_both() {
        let conflicts =
            initiative_conflicts(&[claim(1, "12/QĐ"), claim(2, "12/qđ"), claim(3, "13/QĐ")]);
        assert_eq!(conflicts.len(), 2);
        assert!(conflicts.contains_key(&1) && conflicts.contains_key(&2));
    }

    #[test]
    fn the_15_percent_quota_flags_one_too_many() {
        let rules = rules::builtin(RuleSet::Nd91_2017).unwrap();
        // 15% of 20 achievers = 3.
        assert_eq!(quota_check(&rules, Title::Cstdcs, 3, 20), None);
        assert!(quota_check(&rules, Title::Cstdcs, 4, 20).is_some());
        let luat = rules::builtin(RuleSet::Luat2022).unwrap();
        assert_eq!(
            quota_check(&luat, Title::Cstdcs, 40, 20),
            None,
            "no cap since 2024"
        );
    }
}
