use super::file::{self, MIN_MEMBERS};
use super::ranking::{RankingError, Sheet, rank};
use super::scoring::{Points, PointsError, TieBreak, parse_table};
use super::{AdjustmentError, Proposed, SheetStatus, parse_adjustment};
use chrono::{TimeZone, Utc};
use std::collections::{HashMap, HashSet};

const TABLE: &str = include_str!("../../../config/blocks/scoring-2026.toml");
const YEAR: &str = include_str!("../../../config/blocks/2026.toml");

#[test]
fn points_are_read_the_vietnamese_way_and_bounded() {
    assert_eq!(Points::parse("8,5"), Ok(Points(85)));
    assert_eq!(Points::parse("8.5"), Ok(Points(85)));
    assert_eq!(Points::parse(" 30 "), Ok(Points(300)));
    for bad in ["", "-1", "8,55", "tám", "1e3", "8,", ",5", "99999"] {
        assert_eq!(Points::parse(bad), Err(PointsError::NotANumber), "{bad}");
    }
    assert_eq!(
        Points(95).at_most(Points(90)),
        Err(PointsError::AboveMax(Points(90)))
    );
    assert_eq!(Points(85).to_string(), "8,5");
    assert_eq!(Points(900).to_string(), "90");
}

#[test]
fn the_shipped_table_is_valid_and_adds_up() {
    let table = parse_table(TABLE).unwrap();
    assert_eq!(table.total, Points::whole(100));
    assert_eq!(table.criteria().count(), 7);
    assert_eq!(
        table.tie_breaks,
        vec![
            TieBreak::Group("I".into()),
            TieBreak::Group("II".into()),
            TieBreak::SubmittedFirst
        ]
    );
    assert_eq!(table.group_of("2.2").unwrap().code, "II");
}

#[test]
fn a_table_that_does_not_add_up_or_names_an_unknown_group_is_refused_with_every_place() {
    let broken = TABLE
        .replace("max = 30", "max = 31")
        .replace("\"group:II\"", "\"group:IX\"")
        .replace("code = \"1.2\"", "code = \"1.1\"");
    let problems = parse_table(&broken).unwrap_err();
    let places: Vec<&str> = problems.iter().map(|p| p.place.as_str()).collect();
    assert!(places.contains(&"total"), "{problems:?}");
    assert!(places.contains(&"tie_breaks[1]"), "{problems:?}");
    assert!(
        places.contains(&"groups[0].criteria[1].code"),
        "{problems:?}"
    );
    let unknown = parse_table(&format!("{TABLE}\nbonus = 5\n")).unwrap_err();
    assert_eq!(unknown[0].place, "(file)");
}

#[test]
fn the_shipped_block_file_is_valid_and_knows_each_members_duty() {
    let year = file::parse(YEAR, TABLE, &["KTHT", "BQLDA"], &HashSet::new()).unwrap();
    assert_eq!(year.year, 2026);
    let block = &year.blocks[0];
    assert!(block.members.len() >= 5);
    let duties: Vec<_> = block.members.iter().map(|m| m.duty).collect();
    assert_eq!(duties[0], super::Duty::Leader);
    assert_eq!(duties[1], super::Duty::Deputy);
    assert!(duties[2..].iter().all(|d| *d == super::Duty::Member));
}

#[test]
fn a_block_file_with_an_unknown_block_a_stray_leader_or_a_staff_code_is_refused() {
    let staff: HashSet<String> = ["K-GODAU".to_owned()].into();
    let broken = YEAR
        .replace("code = \"BQLDA\"", "code = \"KHOI9\"")
        .replace("leader = \"TANNINH\"", "leader = \"NOWHERE\"");
    let problems = file::parse(&broken, TABLE, &["KTHT", "BQLDA"], &staff).unwrap_err();
    let text = problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("blocks[1].code: `KHOI9`"), "{text}");
    assert!(text.contains("blocks[0].leader"), "{text}");
    assert!(text.contains("blocks[0].members[3].contact.code"), "{text}");
    // A broken scoring table is reported through the block file too.
    let problems = file::parse(YEAR, "name = 1", &["KTHT", "BQLDA"], &HashSet::new()).unwrap_err();
    assert!(problems[0].place.starts_with("scoring_table"));
    assert_eq!(MIN_MEMBERS, 3);
}

fn sheet(member: &str, points: &[(&str, u32)], minute: u32) -> Sheet {
    Sheet {
        member: member.into(),
        status: SheetStatus::Checked,
        submitted_at: Some(Utc.with_ymd_and_hms(2026, 11, 10, 8, minute, 0).unwrap()),
        points: points
            .iter()
            .map(|(code, tenths)| ((*code).to_owned(), (Points(*tenths), None)))
            .collect::<HashMap<_, _>>(),
    }
}

#[test]
fn the_ranking_orders_by_total_then_the_tables_tie_breaks_and_proposes_by_count() {
    let table = parse_table(TABLE).unwrap();
    let mut adjusted = sheet("A", &[("1.1", 300), ("2.1", 150)], 5);
    // The cross-check took 5 points off 1.1: A falls behind B's 44.
    adjusted
        .points
        .insert("1.1".into(), (Points(300), Some(Points(250))));
    let sheets = vec![
        adjusted,
        sheet("B", &[("1.1", 290), ("2.1", 150)], 9),
        // C and D tie on 44 and on group I; D has more in group II.
        sheet("C", &[("1.1", 300), ("3.1", 140)], 1),
        sheet("D", &[("1.1", 300), ("2.1", 140)], 2),
        sheet("E", &[("1.1", 100)], 0),
    ];
    let ranking = rank(&table, &sheets, 1, 2).unwrap();
    let order: Vec<(&str, usize, Option<Proposed>)> = ranking
        .members
        .iter()
        .map(|r| (r.member.as_str(), r.rank, r.proposed))
        .collect();
    assert_eq!(
        order,
        vec![
            ("D", 1, Some(Proposed::Flag)),
            ("C", 2, Some(Proposed::BangKhen)),
            ("B", 3, Some(Proposed::BangKhen)),
            ("A", 4, None),
            ("E", 5, None),
        ]
    );
    assert_eq!(ranking.members[0].total, Points(440));
}

#[test]
fn a_tie_no_tie_break_separates_across_an_award_line_is_refused_and_unchecked_sheets_too() {
    let mut table = parse_table(TABLE).unwrap();
    table.tie_breaks = vec![TieBreak::Group("I".into())];
    let sheets = vec![
        sheet("A", &[("1.1", 300)], 1),
        sheet("B", &[("1.1", 300)], 2),
        sheet("C", &[("1.1", 100)], 3),
    ];
    assert_eq!(
        rank(&table, &sheets, 1, 0),
        Err(RankingError::UnresolvedTie(vec!["A".into(), "B".into()]))
    );
    // Tied below every award line, they simply share a rank.
    let shared = rank(&table, &sheets, 0, 0).unwrap();
    let ranks: Vec<usize> = shared.members.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, vec![1, 1, 3]);
    let mut draft = sheets;
    draft[2].status = SheetStatus::Submitted;
    assert_eq!(
        rank(&table, &draft, 1, 0),
        Err(RankingError::NotChecked(vec!["C".into()]))
    );
}

#[test]
fn an_adjustment_is_criterion_points_and_a_reason() {
    let adjustment = parse_adjustment("2.1 8,5 Chưa có báo cáo sơ kết").unwrap();
    assert_eq!(adjustment.criterion, "2.1");
    assert_eq!(adjustment.points, Points(85));
    assert_eq!(adjustment.reason, "Chưa có báo cáo sơ kết");
    assert_eq!(parse_adjustment("2.1"), Err(AdjustmentError::Shape));
    assert_eq!(parse_adjustment("2.1 8,5 ừ"), Err(AdjustmentError::Reason));
    assert_eq!(
        parse_adjustment("2.1 tám lý do đủ dài"),
        Err(AdjustmentError::Points(PointsError::NotANumber))
    );
}
