//! Individual titles: a passing and a failing case for every criterion of both rule sets.
//! The tables keep one case per line, so rustfmt is told to leave them alone.

use super::*;
use crate::domain::title::Title;
use Criterion as C;
use InitiativeScope::{Grassroots, Province};
use RuleSet::{Luat2022 as Luat, Nd91_2017 as Nd91};

struct Case {
    name: &'static str,
    rule_set: RuleSet,
    title: Title,
    facts: AssessmentFacts,
    /// `None`: eligible. `Some(criterion)`: refused, and that criterion is among the reasons.
    fails_on: Option<Criterion>,
}

fn case(
    name: &'static str,
    rule_set: RuleSet,
    title: Title,
    change: impl FnOnce(&mut AssessmentFacts),
    fails_on: Option<Criterion>,
) -> Case {
    let mut facts = facts();
    change(&mut facts);
    Case {
        name,
        rule_set,
        title,
        facts,
        fails_on,
    }
}

fn leave(kind: LeaveKind, from: NaiveDate, to: NaiveDate) -> Leave {
    Leave {
        kind,
        span: LeaveSpan::Dates { from, to },
    }
}

fn days(kind: LeaveKind, days: u32) -> Leave {
    Leave {
        kind,
        span: LeaveSpan::Days(days),
    }
}

fn penalty(level: PenaltyLevel, ends: Option<NaiveDate>) -> Discipline {
    Discipline::Penalty { level, ends }
}

fn run(cases: Vec<Case>) {
    for case in cases {
        let rules = rules_of(case.rule_set);
        let verdict = individual_verdict(&rules, &case.facts, case.title);
        let unmet: Vec<_> = verdict.unmet().collect();
        match case.fails_on {
            None => assert!(verdict.eligible, "{}: {unmet:#?}", case.name),
            Some(criterion) => {
                assert!(!verdict.eligible, "{}: expected a refusal", case.name);
                assert!(
                    unmet.iter().any(|finding| finding.criterion == criterion),
                    "{}: expected {criterion:?} among {unmet:#?}",
                    case.name
                );
            }
        }
        for finding in &verdict.findings {
            assert!(
                !finding.legal_ref.trim().is_empty(),
                "{}: every finding cites the law",
                case.name
            );
        }
    }
}

#[rustfmt::skip]
#[test]
fn lao_dong_tien_tien() {
    use LeaveKind::{ApprovedTraining, InjuryOnDutyTreatment, Maternity, Other};
    use PenaltyLevel::{Reprimand, Warning};
    use Title::Ldtt;
    let mut cases = Vec::new();
    for rs in [Nd91, Luat] {
        cases.extend([
            case("rated good", rs, Ldtt, |_| {}, None),
            case("rated excellent", rs, Ldtt, |f| f.rating = TaskRating::Excellent, None),
            case("rated completed", rs, Ldtt, |f| f.rating = TaskRating::Completed, Some(C::TaskRating)),
            case("not completed", rs, Ldtt, |f| f.rating = TaskRating::NotCompleted, Some(C::TaskRating)),
            case("hired in December", rs, Ldtt, |f| f.hire_date = date(2026, 12, 1), Some(C::Tenure)),
            case("hired next year", rs, Ldtt, |f| f.hire_date = date(2027, 2, 1), Some(C::Tenure)),
            case("reprimand in force", rs, Ldtt, |f| f.discipline = penalty(Reprimand, None), Some(C::Discipline)),
            case("warning until next year", rs, Ldtt, |f| f.discipline = penalty(Warning, Some(date(2027, 3, 1))), Some(C::Discipline)),
            case("penalty ended last year", rs, Ldtt, |f| f.discipline = penalty(Warning, Some(date(2025, 12, 31))), None),
            case("maternity leave counts", rs, Ldtt, |f| {
                f.hire_date = date(2026, 1, 1);
                f.leave = vec![leave(Maternity, date(2026, 2, 1), date(2026, 7, 31))];
            }, None),
        ]);
    }
    cases.extend([
        // Tenure exactly at the minimum, and one day less.
        case("nd91: exactly 10 months", Nd91, Ldtt, |f| f.hire_date = date(2026, 3, 1), None),
        case("nd91: one day short of 10 months", Nd91, Ldtt, |f| f.hire_date = date(2026, 3, 2), Some(C::Tenure)),
        case("luat: exactly 6 months", Luat, Ldtt, |f| f.hire_date = date(2026, 7, 1), None),
        case("luat: one day short of 6 months", Luat, Ldtt, |f| f.hire_date = date(2026, 7, 2), Some(C::Tenure)),
        case("nd91: 8 months is not enough", Nd91, Ldtt, |f| f.hire_date = date(2026, 5, 1), Some(C::Tenure)),
        // Maternity leave counted inside exactly 10 months; other leave is taken off.
        case("nd91: 10 months with maternity leave", Nd91, Ldtt, |f| {
            f.hire_date = date(2026, 3, 1);
            f.leave = vec![leave(Maternity, date(2026, 4, 1), date(2026, 9, 30))];
        }, None),
        case("nd91: 10 months less one day of other leave", Nd91, Ldtt, |f| {
            f.hire_date = date(2026, 3, 1);
            f.leave = vec![leave(Other, date(2026, 6, 1), date(2026, 6, 1))];
        }, Some(C::Tenure)),
        // Approved training and injury treatment count under the 2022 law only.
        case("luat: 3 months of training counts", Luat, Ldtt, |f| {
            f.hire_date = date(2026, 3, 1);
            f.leave = vec![days(ApprovedTraining, 92)];
        }, None),
        case("nd91: 3 months of training does not count", Nd91, Ldtt, |f| {
            f.hire_date = date(2026, 3, 1);
            f.leave = vec![days(ApprovedTraining, 92)];
        }, Some(C::Tenure)),
        case("luat: injury treatment counts", Luat, Ldtt, |f| {
            f.hire_date = date(2026, 6, 1);
            f.leave = vec![leave(InjuryOnDutyTreatment, date(2026, 7, 1), date(2026, 10, 31))];
        }, None),
        case("luat: unpaid leave does not count", Luat, Ldtt, |f| {
            f.hire_date = date(2026, 6, 1);
            f.leave = vec![leave(Other, date(2026, 7, 1), date(2026, 7, 31))];
        }, Some(C::Tenure)),
        // A discipline review blocks under the 2022 law; Decree 91 names no such bar.
        case("luat: under review blocks", Luat, Ldtt, |f| f.discipline = Discipline::UnderReview, Some(C::Discipline)),
        case("nd91: under review is not a bar", Nd91, Ldtt, |f| f.discipline = Discipline::UnderReview, None),
        // A penalty that ended within the year.
        case("nd91: reprimand ended in May still blocks", Nd91, Ldtt, |f| f.discipline = penalty(Reprimand, Some(date(2026, 5, 31))), Some(C::Discipline)),
        case("luat: reprimand ended in May, 7 months after", Luat, Ldtt, |f| f.discipline = penalty(Reprimand, Some(date(2026, 5, 31))), None),
        case("luat: reprimand ended in July, 5 months after", Luat, Ldtt, |f| f.discipline = penalty(Reprimand, Some(date(2026, 7, 31))), Some(C::Tenure)),
        case("luat: penalty ending on 31 December", Luat, Ldtt, |f| f.discipline = penalty(Reprimand, Some(date(2026, 12, 31))), Some(C::Discipline)),
    ]);
    run(cases);
}

#[rustfmt::skip]
#[test]
fn chien_si_thi_dua_co_so() {
    use Title::Cstdcs;
    let grassroots = |f: &mut AssessmentFacts| f.initiatives = vec![initiative("15/QĐ-SXD", Grassroots)];
    let used = |f: &mut AssessmentFacts| {
        let mut used = initiative("15/QĐ-SXD", Grassroots);
        used.used_for = Some("Giấy khen năm 2025".into());
        f.initiatives = vec![used];
    };
    let mut cases = Vec::new();
    for rs in [Nd91, Luat] {
        cases.extend([
            case("LĐTT with an initiative", rs, Cstdcs, grassroots, None),
            case("LĐTT with research", rs, Cstdcs, |f| f.accepted_research = 1, None),
            case("LĐTT alone", rs, Cstdcs, |_| {}, Some(C::Achievement)),
            case("initiative without LĐTT", rs, Cstdcs, |f| { grassroots(f); f.rating = TaskRating::Completed; }, Some(C::TaskRating)),
            case("initiative, hired too recently", rs, Cstdcs, |f| { grassroots(f); f.hire_date = date(2026, 9, 1); }, Some(C::Tenure)),
        ]);
    }
    cases.extend([
        case("nd91: excellence alone is not enough", Nd91, Cstdcs, |f| f.rating = TaskRating::Excellent, Some(C::Achievement)),
        case("luat: excellence alone is enough", Luat, Cstdcs, |f| f.rating = TaskRating::Excellent, None),
        case("luat: initiative already used for another award", Luat, Cstdcs, used, Some(C::Achievement)),
        case("nd91: an initiative may back another title too", Nd91, Cstdcs, used, None),
        case("luat: under review blocks CSTĐCS too", Luat, Cstdcs, |f| { grassroots(f); f.discipline = Discipline::UnderReview; }, Some(C::Discipline)),
    ]);
    run(cases);
}

#[rustfmt::skip]
#[test]
fn chien_si_thi_dua_cap_tinh() {
    use Title::CstdTinh;
    // nd91-2017 counts this year's CSTĐCS in the run; luat-2022 needs three recognised years
    // before the campaign year (counts_campaign_year = false).
    let prior = |rs: RuleSet| if matches!(rs, Nd91) { 2 } else { 3 };
    let mut cases = Vec::new();
    for rs in [Nd91, Luat] {
        let qualifying = move |f: &mut AssessmentFacts| {
            f.prior_consecutive_cstdcs_years = prior(rs);
            f.accepted_research = 1;
            f.initiatives = vec![initiative("40/QĐ-UBND", Province)];
        };
        cases.extend([
            case("three CSTĐCS years with a province-wide initiative", rs, CstdTinh, qualifying, None),
            case("one year short", rs, CstdTinh, move |f| { qualifying(f); f.prior_consecutive_cstdcs_years = prior(rs) - 1; }, Some(C::ConsecutiveYears)),
            case("a grassroots initiative only", rs, CstdTinh, move |f| { qualifying(f); f.initiatives = vec![initiative("15/QĐ-SXD", Grassroots)]; }, Some(C::ProvinceInitiative)),
        ]);
    }
    cases.extend([
        case("nd91: this year not CSTĐCS breaks the run", Nd91, CstdTinh, |f| { f.prior_consecutive_cstdcs_years = 2; f.accepted_research = 1; f.initiatives = vec![initiative("40/QĐ-UBND", Province)]; f.rating = TaskRating::Completed; }, Some(C::ConsecutiveYears)),
        case("luat: this year's CSTĐCS does not make up a missing recognised year", Luat, CstdTinh, |f| { f.prior_consecutive_cstdcs_years = 2; f.accepted_research = 1; f.rating = TaskRating::Excellent; f.initiatives = vec![initiative("40/QĐ-UBND", Province)]; }, Some(C::ConsecutiveYears)),
    ]);
    // One province-wide initiative and nothing else: it must back this year's CSTĐCS, so under
    // the single-use rule it cannot also back the provincial title.
    let one = |f: &mut AssessmentFacts| {
        f.prior_consecutive_cstdcs_years = 3;
        f.initiatives = vec![initiative("40/QĐ-UBND", Province)];
    };
    cases.extend([
        case("luat: one initiative cannot back two titles", Luat, CstdTinh, one, Some(C::ProvinceInitiative)),
        case("nd91: one initiative may back both", Nd91, CstdTinh, one, None),
        case("luat: the same initiative listed twice counts once", Luat, CstdTinh, |f| { one(f); f.initiatives.push(initiative("40/QĐ-UBND", Province)); }, Some(C::ProvinceInitiative)),
        case("luat: a grassroots one for CSTĐCS, the province-wide one for the province", Luat, CstdTinh, |f| { one(f); f.initiatives.push(initiative("15/QĐ-SXD", Grassroots)); }, None),
    ]);
    run(cases);
}

#[test]
fn a_reused_initiative_is_named_in_the_finding() {
    let mut facts = facts();
    let mut used = initiative("15/QĐ-SXD", Grassroots);
    used.used_for = Some("Bằng khen 2025".into());
    facts.initiatives = vec![used];
    let verdict = individual_verdict(&luat(), &facts, Title::Cstdcs);
    match &verdict.finding(Criterion::Achievement).unwrap().detail {
        FindingDetail::Achievement {
            not_reusable,
            satisfied_by,
            ..
        } => {
            assert_eq!(
                not_reusable,
                &["Sáng kiến 15/QĐ-SXD (15/QĐ-SXD)".to_owned()]
            );
            assert_eq!(*satisfied_by, None);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn tenure_is_reported_in_months_and_days() {
    let mut facts = facts();
    facts.hire_date = date(2026, 7, 12);
    let verdict = individual_verdict(&luat(), &facts, Title::Ldtt);
    let finding = verdict.finding(Criterion::Tenure).unwrap();
    assert!(!finding.met);
    assert_eq!(finding.legal_ref, "Điều 24 Luật Thi đua, khen thưởng 2022");
    match finding.detail {
        FindingDetail::Tenure(count) => {
            assert_eq!(
                (count.months, count.days, count.required_months),
                (5, 20, 6)
            );
            assert_eq!(count.counted_from, date(2026, 7, 12));
        }
        ref other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_collective_title_is_not_judged_as_an_individual_one() {
    let verdict = individual_verdict(&luat(), &facts(), Title::Tldtt);
    assert!(!verdict.eligible);
    assert_eq!(verdict.findings[0].criterion, Criterion::Holder);
}
