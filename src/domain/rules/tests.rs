//! Table-driven tests of both shipped rule sets, taken from the texts' own cases. Shared
//! fixtures live here; each file covers one family of rules.

mod collective;
mod council;
mod individual;
mod loading;

use super::*;
use crate::domain::campaign::RuleSet;
use chrono::NaiveDate;

pub(super) fn nd91() -> Rules {
    builtin(RuleSet::Nd91_2017).expect("the shipped nd91-2017 file loads")
}

pub(super) fn luat() -> Rules {
    builtin(RuleSet::Luat2022).expect("the shipped luat-2022 file loads")
}

pub(super) fn rules_of(rule_set: RuleSet) -> Rules {
    match rule_set {
        RuleSet::Nd91_2017 => nd91(),
        RuleSet::Luat2022 => luat(),
    }
}

pub(super) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
}

/// Someone who clearly earns LĐTT in 2026 under both rule sets and nothing more.
pub(super) fn facts() -> AssessmentFacts {
    AssessmentFacts {
        year: 2026,
        rating: TaskRating::Good,
        hire_date: date(2015, 9, 1),
        leave: Vec::new(),
        discipline: Discipline::None,
        initiatives: Vec::new(),
        accepted_research: 0,
        prior_consecutive_cstdcs_years: 0,
        prior_streak_cut_by_penalty: false,
    }
}

pub(super) fn initiative(number: &str, scope: InitiativeScope) -> Initiative {
    Initiative {
        title: format!("Sáng kiến {number}"),
        decision_number: number.to_owned(),
        decision_date: date(2026, 10, 15),
        scope,
        used_for: None,
    }
}

#[test]
fn both_shipped_rule_sets_load_and_name_themselves() {
    assert_eq!(nd91().rule_set.name, "nd91-2017");
    assert_eq!(luat().rule_set.name, "luat-2022");
    assert_eq!(nd91().tenure.min_months, 10);
    assert_eq!(luat().tenure.min_months, 6);
    assert_eq!(luat().files, ["config/rules/luat-2022.toml"]);
}

#[test]
fn the_shipped_files_on_disk_are_the_compiled_ones() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/rules");
    for rule_set in [RuleSet::Nd91_2017, RuleSet::Luat2022] {
        let loaded = load_from_dir(&dir, rule_set, &[]).expect("loads from disk");
        assert_eq!(loaded.rule_set.name, rule_set.as_str());
        assert_eq!(
            std::fs::read_to_string(dir.join(super::load::file_name(rule_set))).unwrap(),
            super::load::builtin_text(rule_set)
        );
    }
}

#[test]
fn answers_become_facts_once_complete() {
    use crate::domain::assessment as answer;
    let mut answers = answer::Answers {
        rating: Some(TaskRating::Excellent),
        leave: Some(vec![answer::Leave {
            kind: LeaveKind::Maternity,
            days: 120,
        }]),
        discipline: Some(answer::Discipline::Warning),
        initiatives: Some(Vec::new()),
        research_projects: Some(1),
        ..Default::default()
    };
    let built =
        AssessmentFacts::from_answers(&answers, 2026, date(2020, 1, 1), 2).expect("complete");
    assert_eq!(
        built.discipline,
        Discipline::Penalty {
            level: PenaltyLevel::Warning,
            ends: None
        }
    );
    assert_eq!(built.leave[0].span, LeaveSpan::Days(120));
    answers.rating = None;
    assert!(AssessmentFacts::from_answers(&answers, 2026, date(2020, 1, 1), 2).is_none());
}
