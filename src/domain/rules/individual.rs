//! Individual titles: LĐTT, CSTĐCS (LĐTT plus an achievement) and CSTĐ cấp tỉnh (CSTĐCS years
//! running plus a province-wide initiative). A higher title's verdict repeats the findings of
//! the titles it includes, so a reader sees every reason at once.

use super::facts::{AssessmentFacts, Discipline, Initiative, MemberFacts, year_end, year_start};
use super::schema::{AfterPenalty, Means, Rules, TaskRating, rating_at_least};
use super::tenure::worked_time;
use super::verdict::{Criterion, DisciplineOutcome, Finding, FindingDetail, Verdict};
use crate::domain::title::Title;

pub fn individual_verdict(rules: &Rules, facts: &AssessmentFacts, title: Title) -> Verdict {
    match title {
        Title::Ldtt => Verdict::new(title, ldtt_findings(rules, facts)),
        Title::Cstdcs => Verdict::new(title, cstdcs_findings(rules, facts).0),
        Title::CstdTinh => Verdict::new(title, cstd_tinh_findings(rules, facts)),
        Title::Tldtt | Title::Tldxs => Verdict::new(
            title,
            vec![Finding {
                criterion: Criterion::Holder,
                met: false,
                detail: FindingDetail::WrongHolder { title },
                legal_ref: super::collective::rule(rules, title).legal_ref.clone(),
            }],
        ),
    }
}

/// A member as the collective rules count them, from their own assessment.
pub fn member_facts(rules: &Rules, facts: &AssessmentFacts, woman: bool) -> MemberFacts {
    MemberFacts {
        rating: facts.rating,
        ldtt: individual_verdict(rules, facts, Title::Ldtt).eligible,
        cstdcs: individual_verdict(rules, facts, Title::Cstdcs).eligible,
        woman,
        discipline: facts.discipline,
    }
}

fn ldtt_findings(rules: &Rules, facts: &AssessmentFacts) -> Vec<Finding> {
    let required = rules.individual.ldtt.min_rating;
    let rating = Finding {
        criterion: Criterion::TaskRating,
        met: rating_at_least(facts.rating, required),
        detail: FindingDetail::Rating {
            actual: facts.rating,
            required,
        },
        legal_ref: rules.individual.ldtt.legal_ref.clone(),
    };
    let outcome = discipline_outcome(rules, facts);
    let counts_from = match outcome {
        DisciplineOutcome::CountsFrom { from } => Some(from),
        _ => None,
    };
    let tenure = worked_time(rules, facts, counts_from);
    let tenure = Finding {
        criterion: Criterion::Tenure,
        met: tenure.months >= tenure.required_months,
        detail: FindingDetail::Tenure(tenure),
        legal_ref: rules.tenure.legal_ref.clone(),
    };
    let discipline = Finding {
        criterion: Criterion::Discipline,
        met: match outcome {
            DisciplineOutcome::InForce => false,
            DisciplineOutcome::UnderReview => !rules.discipline.under_review_blocks,
            _ => true,
        },
        detail: FindingDetail::Discipline {
            status: facts.discipline,
            outcome,
            lowest_blocking: rules.discipline.lowest_blocking,
        },
        legal_ref: rules.discipline.legal_ref.clone(),
    };
    vec![rating, tenure, discipline]
}

fn discipline_outcome(rules: &Rules, facts: &AssessmentFacts) -> DisciplineOutcome {
    let rule = &rules.discipline;
    match facts.discipline {
        Discipline::None => DisciplineOutcome::Clear,
        Discipline::UnderReview => DisciplineOutcome::UnderReview,
        Discipline::Penalty { level, .. } if level < rule.lowest_blocking => {
            DisciplineOutcome::BelowThreshold
        }
        Discipline::Penalty { ends, .. } => match (ends, rule.after_penalty) {
            (Some(ends), _) if ends < year_start(facts.year) => DisciplineOutcome::EndedBeforeYear,
            (Some(ends), AfterPenalty::CountFromEnd) if ends < year_end(facts.year) => {
                DisciplineOutcome::CountsFrom {
                    from: ends.succ_opt().unwrap_or(ends),
                }
            }
            _ => DisciplineOutcome::InForce,
        },
    }
}

/// The initiatives that may still back a title: duplicates merged, and under a single-use rule
/// those already backing another title or award set aside (returned as labels).
fn usable_initiatives<'a>(
    rules: &Rules,
    facts: &'a AssessmentFacts,
) -> (Vec<&'a Initiative>, Vec<String>) {
    let mut seen = Vec::new();
    let mut usable = Vec::new();
    let mut not_reusable = Vec::new();
    for initiative in &facts.initiatives {
        let key = initiative.key();
        if seen.contains(&key) {
            if rules.initiatives.single_use {
                not_reusable.push(initiative.label());
            }
            continue;
        }
        seen.push(key);
        if rules.initiatives.single_use && initiative.used_for.is_some() {
            not_reusable.push(initiative.label());
        } else {
            usable.push(initiative);
        }
    }
    // Grassroots first: a province-wide initiative is kept for the provincial title if possible.
    usable.sort_by_key(|initiative| initiative.scope);
    (usable, not_reusable)
}

/// CSTĐCS findings and the initiative they consumed, if one was needed.
fn cstdcs_findings(rules: &Rules, facts: &AssessmentFacts) -> (Vec<Finding>, Option<Initiative>) {
    let mut findings = ldtt_findings(rules, facts);
    let rule = &rules.individual.cstdcs;
    let (usable, not_reusable) = usable_initiatives(rules, facts);
    // Try the means that consume nothing first, whatever order the file lists them in.
    let satisfied_by = [Means::ExcellentRating, Means::Research, Means::Initiative]
        .into_iter()
        .filter(|means| rule.any_of.contains(means))
        .find(|means| match means {
            Means::ExcellentRating => facts.rating == TaskRating::Excellent,
            Means::Research => facts.accepted_research > 0,
            Means::Initiative => !usable.is_empty(),
        });
    let consumed = match satisfied_by {
        Some(Means::Initiative) => usable.first().map(|initiative| (*initiative).clone()),
        _ => None,
    };
    findings.push(Finding {
        criterion: Criterion::Achievement,
        met: satisfied_by.is_some(),
        detail: FindingDetail::Achievement {
            accepted: rule.any_of.clone(),
            satisfied_by,
            initiative: consumed.as_ref().map(Initiative::label),
            not_reusable,
        },
        legal_ref: rule.legal_ref.clone(),
    });
    (findings, consumed)
}

fn cstd_tinh_findings(rules: &Rules, facts: &AssessmentFacts) -> Vec<Finding> {
    let rule = &rules.individual.cstd_tinh;
    let (mut findings, consumed) = cstdcs_findings(rules, facts);
    let this_year = rule.counts_campaign_year && findings.iter().all(|finding| finding.met);
    let years = facts.prior_consecutive_cstdcs_years + u32::from(this_year);
    let through = if rule.counts_campaign_year {
        facts.year
    } else {
        facts.year - 1
    };
    findings.push(Finding {
        criterion: Criterion::ConsecutiveYears,
        met: years >= rule.consecutive_cstdcs_years,
        detail: FindingDetail::ConsecutiveYears {
            years,
            required: rule.consecutive_cstdcs_years,
            through,
            cut_by_penalty: facts.prior_streak_cut_by_penalty,
        },
        legal_ref: rule.legal_ref.clone(),
    });
    let (usable, not_reusable) = usable_initiatives(rules, facts);
    let wide_enough = |initiative: &&&Initiative| initiative.scope >= rule.initiative_scope;
    let taken = |initiative: &&&Initiative| {
        rules.initiatives.single_use
            && consumed
                .as_ref()
                .is_some_and(|consumed| consumed.key() == initiative.key())
    };
    let found = usable
        .iter()
        .filter(wide_enough)
        .find(|initiative| !taken(initiative));
    let taken_by_cstdcs = match found {
        None => usable
            .iter()
            .filter(wide_enough)
            .find(taken)
            .map(|initiative| initiative.label()),
        Some(_) => None,
    };
    findings.push(Finding {
        criterion: Criterion::ProvinceInitiative,
        met: found.is_some(),
        detail: FindingDetail::ProvinceInitiative {
            found: found.map(|initiative| initiative.label()),
            not_reusable,
            taken_by_cstdcs,
        },
        legal_ref: rule.legal_ref.clone(),
    });
    findings
}
