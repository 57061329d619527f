//! Collective titles (TLĐTT, TLĐXS) decided from the members' own verdicts, never typed in.

use super::facts::UnitFacts;
use super::ratio::Quantity;
use super::schema::{CollectiveRule, Rules, TaskRating, rating_at_least};
use super::verdict::{Criterion, Finding, FindingDetail, Verdict};
use crate::domain::title::{Holder, Title};

pub fn collective_verdict(rules: &Rules, unit: &UnitFacts, title: Title) -> Verdict {
    if title.holder() == Holder::Individual {
        return Verdict::new(
            title,
            vec![Finding {
                criterion: Criterion::Holder,
                met: false,
                detail: FindingDetail::WrongHolder { title },
                legal_ref: rules.individual.ldtt.legal_ref.clone(),
            }],
        );
    }
    let rule = rule(rules, title);
    let mut findings = vec![Finding {
        criterion: Criterion::UnitRating,
        met: rating_at_least(unit.unit_rating, rule.min_unit_rating),
        detail: FindingDetail::UnitRating {
            actual: unit.unit_rating,
            required: rule.min_unit_rating,
        },
        legal_ref: rule.legal_ref.clone(),
    }];
    for ratio in &rule.ratios {
        let count = count_of(unit, ratio.numerator);
        let members = count_of(unit, ratio.denominator);
        findings.push(Finding {
            criterion: Criterion::MemberShare,
            met: ratio.holds(count, members),
            detail: FindingDetail::MemberShare {
                count,
                members,
                ratio: *ratio,
            },
            legal_ref: rule.legal_ref.clone(),
        });
    }
    for wanted in &rule.counts {
        let count = count_of(unit, wanted.of);
        findings.push(Finding {
            criterion: Criterion::MemberCount,
            met: wanted.comparator.holds(count, wanted.value),
            detail: FindingDetail::MemberCount {
                of: wanted.of,
                count,
                comparator: wanted.comparator,
                required: wanted.value,
            },
            legal_ref: rule.legal_ref.clone(),
        });
    }
    if let Some(from) = rule.no_member_penalty_from {
        let disciplined = unit
            .members
            .iter()
            .filter(|member| {
                member
                    .discipline
                    .penalty_in(unit.year)
                    .is_some_and(|level| level >= from)
            })
            .count() as u32;
        findings.push(Finding {
            criterion: Criterion::MemberDiscipline,
            met: disciplined == 0,
            detail: FindingDetail::MemberDiscipline { disciplined, from },
            legal_ref: rule.legal_ref.clone(),
        });
    }
    Verdict::new(title, findings)
}

/// The rule for a collective title (TLĐTT for anything else; callers check the holder first).
pub(crate) fn rule(rules: &Rules, title: Title) -> &CollectiveRule {
    match title {
        Title::Tldxs => &rules.collective.tldxs,
        _ => &rules.collective.tldtt,
    }
}

/// How many members a quantity counts. Quantities that are not about members (votes, council
/// seats) are refused at load, so they count nobody here.
fn count_of(unit: &UnitFacts, quantity: Quantity) -> u32 {
    let members = unit.members.iter();
    let counted = match quantity {
        Quantity::UnitMembers => members.count(),
        Quantity::LdttAchievers => members.filter(|member| member.ldtt).count(),
        Quantity::TaskCompleters => members
            .filter(|member| rating_at_least(member.rating, TaskRating::Completed))
            .count(),
        Quantity::CstdcsAchievers => members.filter(|member| member.cstdcs).count(),
        Quantity::WomenMembers => members.filter(|member| member.woman).count(),
        Quantity::Present | Quantity::YesVotes | Quantity::CouncilMembers => 0,
    };
    u32::try_from(counted).unwrap_or(u32::MAX)
}
