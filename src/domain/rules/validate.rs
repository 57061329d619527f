//! Checks a merged rule set makes sense beyond its shape: every rule names its legal source,
//! numbers are in range, and each ratio counts what its rule can count.

use super::key_path::{Seg, key};
use super::ratio::{Quantity, Ratio, Rounding, Scope};
use super::schema::{CollectiveRule, Rules, TaskRating};

type Invalid = (Vec<Seg>, String);

fn at(path: &[&str], reason: impl Into<String>) -> Invalid {
    (path.iter().map(|part| key(part)).collect(), reason.into())
}

/// Quantities that count members of a unit.
const MEMBER_COUNTS: [Quantity; 4] = [
    Quantity::LdttAchievers,
    Quantity::TaskCompleters,
    Quantity::CstdcsAchievers,
    Quantity::WomenMembers,
];

pub(crate) fn validate(rules: &Rules) -> Result<(), Invalid> {
    if rules.rule_set.basis.is_empty() {
        return Err(at(&["rule_set", "basis"], "list at least one legal text"));
    }
    let mut refs = vec![
        (vec!["tenure"], &rules.tenure.legal_ref),
        (vec!["discipline"], &rules.discipline.legal_ref),
        (vec!["initiatives"], &rules.initiatives.legal_ref),
        (vec!["individual", "LDTT"], &rules.individual.ldtt.legal_ref),
        (
            vec!["individual", "CSTDCS"],
            &rules.individual.cstdcs.legal_ref,
        ),
        (
            vec!["individual", "CSTD_TINH"],
            &rules.individual.cstd_tinh.legal_ref,
        ),
        (
            vec!["collective", "TLDTT"],
            &rules.collective.tldtt.legal_ref,
        ),
        (
            vec!["collective", "TLDXS"],
            &rules.collective.tldxs.legal_ref,
        ),
        (vec!["unit_meeting"], &rules.unit_meeting.legal_ref),
        (vec!["tie_break"], &rules.tie_break.legal_ref),
    ];
    for (code, quota) in quotas(rules) {
        refs.push((vec!["quota", code], &quota.legal_ref));
    }
    for (code, ballot) in ballots(rules) {
        refs.push((vec!["ballot", code], &ballot.legal_ref));
    }
    for (mut path, legal_ref) in refs {
        if legal_ref.trim().is_empty() {
            path.push("ref");
            return Err(at(&path, "must name the legal text this rule encodes"));
        }
    }

    let tenure = &rules.tenure;
    if !(1..=12).contains(&tenure.min_months) {
        return Err(at(&["tenure", "min_months"], "must be between 1 and 12"));
    }
    if let Some(kind) = duplicate(&tenure.counted_leave) {
        return Err(at(
            &["tenure", "counted_leave"],
            format!("{kind:?} is listed twice"),
        ));
    }
    if rules.individual.ldtt.min_rating == TaskRating::NotCompleted {
        return Err(at(
            &["individual", "LDTT", "min_rating"],
            "must be `completed` or better",
        ));
    }
    let any_of = &rules.individual.cstdcs.any_of;
    if any_of.is_empty() {
        return Err(at(
            &["individual", "CSTDCS", "any_of"],
            "list at least one achievement",
        ));
    }
    if let Some(means) = duplicate(any_of) {
        return Err(at(
            &["individual", "CSTDCS", "any_of"],
            format!("{means:?} is listed twice"),
        ));
    }
    for (code, basis) in [
        ("CO_TINH", &rules.awards.block_flag),
        ("GK", &rules.awards.giay_khen),
    ] {
        if basis
            .as_ref()
            .is_some_and(|basis| basis.legal_ref.trim().is_empty())
        {
            return Err(at(
                &["awards", code, "ref"],
                "every rule names its legal basis",
            ));
        }
    }
    if let Some(rule) = &rules.awards.bang_khen_tinh {
        let years = rule.individual_any_of.iter().map(|path| match path {
            super::schema::BangKhenPath::CstdcsYears(years) => *years,
            super::schema::BangKhenPath::ExcellentYears { years, .. } => *years,
        });
        if rule.individual_any_of.is_empty()
            || !std::iter::once(rule.collective_tldxs_years)
                .chain(years)
                .all(|years| (1..=10).contains(&years))
        {
            return Err(at(
                &["awards", "BK_TINH"],
                "needs at least one individual path, and every number of years between 1 and 10",
            ));
        }
    }
    if !(1..=10).contains(&rules.individual.cstd_tinh.consecutive_cstdcs_years) {
        return Err(at(
            &["individual", "CSTD_TINH", "consecutive_cstdcs_years"],
            "must be between 1 and 10",
        ));
    }
    for (code, rule) in [
        ("TLDTT", &rules.collective.tldtt),
        ("TLDXS", &rules.collective.tldxs),
    ] {
        collective(rule).map_err(|(rest, reason)| prefixed(&["collective", code], rest, reason))?;
    }
    for (code, quota) in quotas(rules) {
        if !matches!(code, "CSTDCS" | "CSTD_TINH") {
            return Err(at(
                &["quota", code],
                "a quota is supported for CSTDCS and CSTD_TINH only",
            ));
        }
        if quota.of != Quantity::LdttAchievers {
            return Err(at(
                &["quota", code, "of"],
                "must be `ldtt_achievers` (the people achieving LĐTT in the scope)",
            ));
        }
        if quota.rounding == Rounding::Exact {
            return Err(at(
                &["quota", code, "rounding"],
                "a quota is a whole number of people: use floor, round or ceil",
            ));
        }
    }
    for (code, ballot) in ballots(rules) {
        ratio_fits(
            &ballot.approval,
            &[Quantity::YesVotes],
            &[Quantity::CouncilMembers],
            None,
        )
        .map_err(|(rest, reason)| prefixed(&["ballot", code, "approval"], rest, reason))?;
    }
    let meeting = &rules.unit_meeting;
    ratio_fits(
        &meeting.quorum,
        &[Quantity::Present],
        &[Quantity::UnitMembers],
        Some(Scope::Unit),
    )
    .map_err(|(rest, reason)| prefixed(&["unit_meeting", "quorum"], rest, reason))?;
    ratio_fits(
        &meeting.nominee,
        &[Quantity::YesVotes],
        &[Quantity::Present, Quantity::UnitMembers],
        Some(Scope::Unit),
    )
    .map_err(|(rest, reason)| prefixed(&["unit_meeting", "nominee"], rest, reason))?;
    if let Some(tie_break) = duplicate(&rules.tie_break.order) {
        return Err(at(
            &["tie_break", "order"],
            format!("{tie_break:?} is listed twice"),
        ));
    }
    ratio_fits(
        &rules.tie_break.women_collective,
        &[Quantity::WomenMembers],
        &[Quantity::UnitMembers],
        Some(Scope::Unit),
    )
    .map_err(|(rest, reason)| prefixed(&["tie_break", "women_collective"], rest, reason))?;
    Ok(())
}

fn collective(rule: &CollectiveRule) -> Result<(), Invalid> {
    for (index, ratio) in rule.ratios.iter().enumerate() {
        ratio_fits(
            ratio,
            &MEMBER_COUNTS,
            &[Quantity::UnitMembers],
            Some(Scope::Unit),
        )
        .map_err(|(rest, reason)| {
            let mut path = vec![key("ratios"), Seg::Index(index)];
            path.extend(rest);
            (path, reason)
        })?;
    }
    for (index, count) in rule.counts.iter().enumerate() {
        if !MEMBER_COUNTS.contains(&count.of) {
            return Err((
                vec![key("counts"), Seg::Index(index), key("of")],
                format!("`{}` does not count members of the unit", count.of.code()),
            ));
        }
    }
    Ok(())
}

fn ratio_fits(
    ratio: &Ratio,
    numerators: &[Quantity],
    denominators: &[Quantity],
    scope: Option<Scope>,
) -> Result<(), Invalid> {
    let names = |list: &[Quantity]| {
        list.iter()
            .map(|quantity| quantity.code())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !numerators.contains(&ratio.numerator) {
        return Err(at(
            &["numerator"],
            format!(
                "`{}` cannot be counted here (allowed: {})",
                ratio.numerator.code(),
                names(numerators)
            ),
        ));
    }
    if !denominators.contains(&ratio.denominator) {
        return Err(at(
            &["denominator"],
            format!(
                "`{}` cannot be the denominator here (allowed: {})",
                ratio.denominator.code(),
                names(denominators)
            ),
        ));
    }
    if let Some(scope) = scope
        && ratio.scope != scope
    {
        let code = match scope {
            Scope::Unit => "unit",
            Scope::Department => "department",
        };
        return Err(at(&["scope"], format!("must be `{code}` for this rule")));
    }
    Ok(())
}

fn prefixed(prefix: &[&str], rest: Vec<Seg>, reason: String) -> Invalid {
    let mut path: Vec<Seg> = prefix.iter().map(|part| key(part)).collect();
    path.extend(rest);
    (path, reason)
}

fn duplicate<T: PartialEq + Copy>(items: &[T]) -> Option<T> {
    items
        .iter()
        .enumerate()
        .find(|(index, item)| items[..*index].contains(item))
        .map(|(_, item)| *item)
}

fn quotas(rules: &Rules) -> Vec<(&'static str, &super::schema::QuotaRule)> {
    let quota = &rules.quota;
    [
        ("LDTT", &quota.ldtt),
        ("CSTDCS", &quota.cstdcs),
        ("CSTD_TINH", &quota.cstd_tinh),
        ("TLDTT", &quota.tldtt),
        ("TLDXS", &quota.tldxs),
    ]
    .into_iter()
    .filter_map(|(code, rule)| rule.as_ref().map(|rule| (code, rule)))
    .collect()
}

pub(crate) fn ballots(rules: &Rules) -> Vec<(&'static str, &super::schema::BallotRule)> {
    let ballot = &rules.ballot;
    [
        ("LDTT", &ballot.ldtt),
        ("CSTDCS", &ballot.cstdcs),
        ("CSTD_TINH", &ballot.cstd_tinh),
        ("TLDTT", &ballot.tldtt),
        ("TLDXS", &ballot.tldxs),
        ("FLAG", &ballot.flag),
    ]
    .into_iter()
    .filter_map(|(code, rule)| rule.as_ref().map(|rule| (code, rule)))
    .collect()
}
