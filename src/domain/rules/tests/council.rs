//! Quotas under each rounding, the unit meeting, the council's ballot thresholds and the
//! ranking when a quota binds.

use super::*;
use crate::domain::title::Title;

/// nd91 with its CSTĐCS quota rounded another way, through a local file.
fn nd91_rounded(rounding: &str) -> Rules {
    let local =
        format!("[quota.CSTDCS]\nref = \"Quyết định thử nghiệm\"\nrounding = \"{rounding}\"\n");
    parse(
        RuleSource {
            label: "nd91-2017.toml",
            text: crate::domain::rules::load::builtin_text(RuleSet::Nd91_2017),
        },
        &[RuleSource {
            label: "local.toml",
            text: &local,
        }],
    )
    .expect("valid override")
}

#[test]
fn the_15_percent_cap_under_each_rounding() {
    // 15% of 13 = 1.95, of 20 = 3.00, of 7 = 1.05.
    // floor: 1, 3, 1 — round (half up): 2, 3, 1 — ceil: 2, 3, 2.
    let table = [
        ("floor", [(13, 1), (20, 3), (7, 1)]),
        ("round", [(13, 2), (20, 3), (7, 1)]),
        ("ceil", [(13, 2), (20, 3), (7, 2)]),
    ];
    for (rounding, rows) in table {
        let rules = nd91_rounded(rounding);
        for (achievers, cap) in rows {
            assert_eq!(
                quota(&rules, Title::Cstdcs, achievers),
                Some(cap),
                "{achievers} LĐTT achievers, {rounding}"
            );
        }
    }
    assert_eq!(
        quota(&nd91(), Title::Cstdcs, 13),
        Some(1),
        "the shipped file floors"
    );
    assert_eq!(
        nd91().quota.cstdcs.as_ref().unwrap().scope,
        Scope::Department
    );
    assert_eq!(
        quota(&luat(), Title::Cstdcs, 13),
        None,
        "no national cap since 2024"
    );
    assert_eq!(quota(&nd91(), Title::Ldtt, 13), None);
}

#[test]
fn ballots_exactly_at_80_and_90_percent_of_the_whole_council() {
    let rules = luat();
    for (yes, passes) in [(7, false), (8, true), (9, true)] {
        assert_eq!(
            ballot_passes(&rules, Title::Cstdcs, yes, 10),
            Some(passes),
            "CSTĐCS {yes}/10"
        );
        assert_eq!(
            flag_ballot_passes(&rules, yes, 10),
            Some(passes),
            "flag {yes}/10"
        );
    }
    for (yes, passes) in [(8, false), (9, true), (10, true)] {
        assert_eq!(
            ballot_passes(&rules, Title::CstdTinh, yes, 10),
            Some(passes),
            "CSTĐ tỉnh {yes}/10"
        );
    }
    // 80% of 11 is 8.8: 9 votes needed.
    assert_eq!(ballot_passes(&rules, Title::Cstdcs, 8, 11), Some(false));
    assert_eq!(ballot_passes(&rules, Title::Cstdcs, 9, 11), Some(true));
    assert_eq!(
        ballot_passes(&rules, Title::Cstdcs, 11, 10),
        Some(false),
        "more votes than seats"
    );
    assert_eq!(ballot_passes(&rules, Title::Cstdcs, 0, 0), Some(false));
    assert_eq!(
        ballot_passes(&rules, Title::Ldtt, 10, 10),
        None,
        "LĐTT has no council ballot"
    );
    assert!(ballot_required(&rules, Title::Cstdcs) && !ballot_required(&rules, Title::Ldtt));

    // nd91's documented default: two thirds of the membership.
    let nd91 = nd91();
    assert_eq!(ballot_passes(&nd91, Title::Cstdcs, 6, 9), Some(true));
    assert_eq!(ballot_passes(&nd91, Title::Cstdcs, 5, 9), Some(false));
}

#[test]
fn unit_meeting_quorum_and_majority() {
    for rules in [nd91(), luat()] {
        // 9 members: two thirds is exactly 6.
        assert!(meeting_outcome(&rules, 9, 6, 4).quorum_met);
        assert!(!meeting_outcome(&rules, 9, 5, 5).quorum_met);
        assert!(
            !meeting_outcome(&rules, 9, 5, 5).passes,
            "no quorum, no nomination"
        );
        // More than half of those present: 3 of 6 is not enough, 4 is.
        assert!(!meeting_outcome(&rules, 9, 6, 3).passes);
        assert!(meeting_outcome(&rules, 9, 6, 4).passes);
        assert!(
            !meeting_outcome(&rules, 9, 10, 10).quorum_met,
            "more present than members"
        );
        assert!(
            !meeting_outcome(&rules, 9, 6, 7).passes,
            "more votes than people present"
        );
    }
}

#[test]
fn a_local_file_sets_a_two_thirds_vote_share() {
    let local = "[unit_meeting]\nref = \"Quy chế thi đua của Sở\"\nnominee = { numerator = \"yes_votes\", denominator = \"present\", comparator = \"ge\", value = \"2/3\", rounding = \"none\", scope = \"unit\" }\n";
    let rules = parse(
        RuleSource {
            label: "luat-2022.toml",
            text: crate::domain::rules::load::builtin_text(RuleSet::Luat2022),
        },
        &[RuleSource {
            label: "so-xay-dung.toml",
            text: local,
        }],
    )
    .expect("valid override");
    assert!(meeting_outcome(&rules, 9, 6, 4).passes);
    assert!(!meeting_outcome(&rules, 9, 6, 3).passes);
    assert!(
        !meeting_outcome(&rules, 9, 9, 5).passes,
        "5 of 9 is under two thirds"
    );
    assert!(meeting_outcome(&rules, 9, 9, 6).passes);
    assert_eq!(rules.unit_meeting.legal_ref, "Quy chế thi đua của Sở");
}

#[test]
fn ranking_by_votes_then_a_woman_then_a_women_collective() {
    let rules = luat();
    let person = |votes, woman| Candidate {
        votes,
        contender: Contender::Person { woman },
    };
    let candidates = [
        person(7, false),
        person(9, false),
        person(7, true),
        person(5, true),
    ];
    assert_eq!(rank(&rules, &candidates), [1, 2, 0, 3]);
    let cut = apply_quota(&rules, &candidates, 2);
    assert_eq!(cut.admitted, [1, 2]);
    assert_eq!(cut.left_out, [0, 3]);
    assert!(cut.tied_at_cut.is_empty());

    let collective = |votes, women, members| Candidate {
        votes,
        contender: Contender::Collective { women, members },
    };
    // 7 of 10 women is 70%: preferred; 6 of 10 is not.
    let units = [
        collective(8, 6, 10),
        collective(8, 7, 10),
        collective(9, 0, 5),
    ];
    assert_eq!(rank(&rules, &units), [2, 1, 0]);

    // Equal on everything across the cut: the rules cannot choose.
    let tied = [person(8, true), person(8, true), person(9, false)];
    let cut = apply_quota(&rules, &tied, 2);
    assert_eq!(cut.admitted, [2, 0]);
    assert_eq!(cut.tied_at_cut, [0, 1]);
}
