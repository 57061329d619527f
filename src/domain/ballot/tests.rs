//! The tally from the law's cases: 80% and 90% of the council's total membership, exactly and
//! one vote either side, and the ranking when a quota binds.

use super::*;
use crate::domain::campaign::RuleSet;
use crate::domain::rules::builtin;

fn luat() -> Rules {
    builtin(RuleSet::Luat2022).expect("luat-2022 loads")
}

fn nd91() -> Rules {
    builtin(RuleSet::Nd91_2017).expect("nd91-2017 loads")
}

fn count(nomination: i64, title: Title, yes: u32, membership: u32, woman: bool) -> Count {
    Count {
        nomination,
        title,
        yes,
        no: membership - yes,
        contender: Contender::Person { woman },
    }
}

#[test]
fn thresholds_of_the_total_membership_exactly_and_either_side() {
    let rules = luat();
    // (title, membership, yes, passes): 80% of 10 = 8, 90% of 10 = 9; 80% of 5 = 4.
    let table = [
        (Title::Cstdcs, 10, 7, false),
        (Title::Cstdcs, 10, 8, true),
        (Title::Cstdcs, 10, 9, true),
        (Title::Cstdcs, 5, 3, false),
        (Title::Cstdcs, 5, 4, true),
        (Title::CstdTinh, 10, 8, false),
        (Title::CstdTinh, 10, 9, true),
        (Title::CstdTinh, 10, 10, true),
        (Title::CstdTinh, 20, 17, false),
        (Title::CstdTinh, 20, 18, true),
        (Title::CstdTinh, 20, 19, true),
    ];
    for (title, membership, yes, passes) in table {
        let outcome = tally(
            &rules,
            membership,
            &[count(1, title, yes, membership, false)],
            &BTreeMap::new(),
        );
        assert_eq!(
            outcome[0].passed(),
            passes,
            "{title:?}: {yes} of {membership}"
        );
    }
}

#[test]
fn absent_members_count_against_a_nominee() {
    // 8 yes of 10 members passes; 8 yes when the membership is 11 (one never voted) does not.
    let rules = luat();
    let present_only = Count {
        nomination: 1,
        title: Title::Cstdcs,
        yes: 8,
        no: 0,
        contender: Contender::Person { woman: false },
    };
    assert!(tally(&rules, 10, &[present_only], &BTreeMap::new())[0].passed());
    assert!(!tally(&rules, 11, &[present_only], &BTreeMap::new())[0].passed());
}

#[test]
fn a_binding_quota_keeps_the_most_votes_then_the_woman() {
    let rules = nd91();
    let counts = [
        count(1, Title::Cstdcs, 8, 9, false),
        count(2, Title::Cstdcs, 9, 9, false),
        count(3, Title::Cstdcs, 8, 9, true),
        count(4, Title::Cstdcs, 3, 9, true),
    ];
    let quotas = BTreeMap::from([(Title::Cstdcs, 2)]);
    let outcomes = tally(&rules, 9, &counts, &quotas);
    let verdicts: Vec<Verdict> = outcomes.iter().map(|outcome| outcome.verdict).collect();
    assert_eq!(
        verdicts,
        [
            Verdict::OverQuota,
            Verdict::Passed,
            Verdict::Passed,
            Verdict::BelowThreshold
        ]
    );
    assert!(outcomes.iter().all(|outcome| !outcome.tied_at_cut));
}

#[test]
fn a_tie_the_rules_cannot_break_is_flagged() {
    let rules = nd91();
    let counts = [
        count(1, Title::Cstdcs, 8, 9, true),
        count(2, Title::Cstdcs, 8, 9, true),
    ];
    let outcomes = tally(&rules, 9, &counts, &BTreeMap::from([(Title::Cstdcs, 1)]));
    assert!(outcomes.iter().all(|outcome| outcome.tied_at_cut));
    assert_eq!(
        outcomes.iter().filter(|outcome| outcome.passed()).count(),
        1
    );
}

#[test]
fn a_choice_never_shows_in_debug_output() {
    assert_eq!(format!("{:?}", Choice::Yes), format!("{:?}", Choice::No));
}

#[test]
fn box_tokens_are_32_hex_digits_and_differ() {
    let first = new_box_token();
    assert_eq!(first.len(), 32);
    assert!(first.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_ne!(first, new_box_token());
}
