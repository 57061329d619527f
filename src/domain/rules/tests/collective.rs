//! Collective titles from members' verdicts: thresholds exactly at 50% and 70% and one person
//! either side, the unit's rating, CSTĐCS presence and members' discipline.

use super::*;
use crate::domain::title::Title;

fn member(ldtt: bool) -> MemberFacts {
    MemberFacts {
        rating: if ldtt {
            TaskRating::Good
        } else {
            TaskRating::Completed
        },
        ldtt,
        cstdcs: false,
        woman: false,
        discipline: Discipline::None,
    }
}

/// `members` people of whom `ldtt` achieve LĐTT and the first of them is also CSTĐCS.
fn unit(members: usize, ldtt: usize, rating: TaskRating) -> UnitFacts {
    let mut list: Vec<MemberFacts> = (0..members).map(|index| member(index < ldtt)).collect();
    if ldtt > 0 {
        list[0].cstdcs = true;
        list[0].rating = TaskRating::Excellent;
    }
    UnitFacts {
        year: 2026,
        unit_rating: rating,
        members: list,
    }
}

fn verdict(rules: &Rules, unit: &UnitFacts, title: Title) -> Verdict {
    collective_verdict(rules, unit, title)
}

#[test]
fn tldtt_thresholds_at_50_and_70_percent_and_one_person_either_side() {
    // (rule set, members, LĐTT achievers, eligible)
    let table = [
        // Decree 91: MORE than half.
        (RuleSet::Nd91_2017, 10, 4, false),
        (RuleSet::Nd91_2017, 10, 5, false),
        (RuleSet::Nd91_2017, 10, 6, true),
        (RuleSet::Nd91_2017, 7, 4, true),
        (RuleSet::Nd91_2017, 7, 3, false),
        // The 2022 law: at least 70%.
        (RuleSet::Luat2022, 10, 6, false),
        (RuleSet::Luat2022, 10, 7, true),
        (RuleSet::Luat2022, 10, 8, true),
        (RuleSet::Luat2022, 7, 5, true),
        (RuleSet::Luat2022, 7, 4, false),
    ];
    for (rule_set, members, ldtt, eligible) in table {
        let rules = rules_of(rule_set);
        let verdict = verdict(&rules, &unit(members, ldtt, TaskRating::Good), Title::Tldtt);
        assert_eq!(
            verdict.eligible, eligible,
            "{rule_set:?} {ldtt}/{members}: {verdict:#?}"
        );
        if !eligible {
            assert_eq!(
                verdict.unmet().next().unwrap().criterion,
                Criterion::MemberShare
            );
        }
    }
}

#[test]
fn tldxs_at_70_percent_and_one_person_either_side() {
    for rule_set in [RuleSet::Nd91_2017, RuleSet::Luat2022] {
        let rules = rules_of(rule_set);
        for (ldtt, eligible) in [(6, false), (7, true), (8, true)] {
            let unit = unit(10, ldtt, TaskRating::Excellent);
            assert_eq!(
                verdict(&rules, &unit, Title::Tldxs).eligible,
                eligible,
                "{rule_set:?} {ldtt}/10"
            );
        }
    }
}

#[test]
fn each_collective_criterion_fails_on_its_own() {
    for rule_set in [RuleSet::Nd91_2017, RuleSet::Luat2022] {
        let rules = rules_of(rule_set);
        let excellent = unit(10, 8, TaskRating::Excellent);
        assert!(verdict(&rules, &excellent, Title::Tldxs).eligible);
        assert!(verdict(&rules, &excellent, Title::Tldtt).eligible);

        let mut cases: Vec<(&str, UnitFacts, Title, Criterion)> = Vec::new();
        cases.push((
            "unit rated good",
            unit(10, 8, TaskRating::Good),
            Title::Tldxs,
            Criterion::UnitRating,
        ));
        cases.push((
            "unit rated completed",
            unit(10, 8, TaskRating::Completed),
            Title::Tldtt,
            Criterion::UnitRating,
        ));
        let mut one_failed = excellent.clone();
        one_failed.members[9].rating = TaskRating::NotCompleted;
        cases.push((
            "one member did not complete",
            one_failed,
            Title::Tldxs,
            Criterion::MemberShare,
        ));
        let mut no_fighter = excellent.clone();
        no_fighter.members[0].cstdcs = false;
        cases.push((
            "no CSTĐCS",
            no_fighter,
            Title::Tldxs,
            Criterion::MemberCount,
        ));
        let mut warned = excellent.clone();
        warned.members[9].discipline = Discipline::Penalty {
            level: PenaltyLevel::Warning,
            ends: None,
        };
        cases.push((
            "a member warned",
            warned.clone(),
            Title::Tldtt,
            Criterion::MemberDiscipline,
        ));
        cases.push((
            "a member warned",
            warned,
            Title::Tldxs,
            Criterion::MemberDiscipline,
        ));
        for (name, unit, title, criterion) in cases {
            let verdict = verdict(&rules, &unit, title);
            assert!(!verdict.eligible, "{rule_set:?}: {name}");
            assert_eq!(
                verdict
                    .unmet()
                    .map(|finding| finding.criterion)
                    .collect::<Vec<_>>(),
                [criterion],
                "{rule_set:?}: {name}"
            );
        }

        // A reprimand, or a warning that ended before the year, does not count against the unit.
        let mut reprimanded = excellent.clone();
        reprimanded.members[9].discipline = Discipline::Penalty {
            level: PenaltyLevel::Reprimand,
            ends: None,
        };
        reprimanded.members[8].discipline = Discipline::Penalty {
            level: PenaltyLevel::Heavier,
            ends: Some(date(2025, 6, 30)),
        };
        assert!(
            verdict(&rules, &reprimanded, Title::Tldtt).eligible,
            "{rule_set:?}"
        );
    }
}

#[test]
fn a_unit_title_is_computed_from_members_assessments() {
    let rules = luat();
    let mut assessments = vec![facts(); 10];
    for late in &mut assessments[7..] {
        late.hire_date = date(2026, 9, 1);
    }
    let members: Vec<MemberFacts> = assessments
        .iter()
        .map(|facts| member_facts(&rules, facts, false))
        .collect();
    assert_eq!(members.iter().filter(|member| member.ldtt).count(), 7);
    let unit = UnitFacts {
        year: 2026,
        unit_rating: TaskRating::Good,
        members,
    };
    assert!(collective_verdict(&rules, &unit, Title::Tldtt).eligible);
    let mut short = unit;
    short.members[0] = member_facts(&rules, &assessments[9], false);
    assert!(!collective_verdict(&rules, &short, Title::Tldtt).eligible);
}

#[test]
fn an_empty_unit_earns_nothing_and_an_individual_title_is_refused() {
    let rules = luat();
    let empty = unit(0, 0, TaskRating::Excellent);
    assert!(!collective_verdict(&rules, &empty, Title::Tldtt).eligible);
    let verdict = collective_verdict(&rules, &unit(10, 10, TaskRating::Good), Title::Ldtt);
    assert_eq!(verdict.findings[0].criterion, Criterion::Holder);
}
