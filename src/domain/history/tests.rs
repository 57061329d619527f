use super::file::{self, Holder, Known, Problem};
use super::*;
use crate::domain::rules::{AssessmentFacts, Discipline, Initiative};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn entry(year: i32, kind: Kind) -> Entry {
    Entry {
        year,
        kind,
        decision_number: format!("{year}/QĐ-SXD"),
        decision_date: date(year + 1, 1, 20),
        until: None,
        description: String::new(),
        backs: None,
        source: Source::Import,
        basis: true,
    }
}

fn cstdcs(year: i32) -> Entry {
    entry(year, Kind::Title(Title::Cstdcs))
}

fn penalty(from: NaiveDate, until: NaiveDate) -> Entry {
    Entry {
        decision_date: from,
        until: Some(until),
        ..entry(from.year(), Kind::Penalty(PenaltyLevel::Reprimand))
    }
}

use chrono::Datelike;

#[test]
fn the_streak_counts_consecutive_years_back_from_the_year_given() {
    let history = History::new(vec![cstdcs(2021), cstdcs(2023), cstdcs(2024), cstdcs(2025)]);
    assert_eq!(history.cstdcs_streak(2025).years, vec![2023, 2024, 2025]);
    assert_eq!(history.cstdcs_streak(2024).len(), 2);
    assert!(
        history.cstdcs_streak(2026).is_empty(),
        "2026 is not recorded"
    );
    // A provincial title's year is a CSTĐCS year too.
    let history = History::new(vec![
        cstdcs(2024),
        entry(2025, Kind::Title(Title::CstdTinh)),
    ]);
    assert_eq!(history.cstdcs_streak(2025).len(), 2);
}

#[test]
fn years_before_a_penalty_ends_do_not_count() {
    // Reprimanded from 1/3/2023 to 29/2/2024: 2023 does not count; 2024 (worked time counted
    // from 1/3) does.
    let history = History::new(vec![
        cstdcs(2022),
        cstdcs(2023),
        cstdcs(2024),
        cstdcs(2025),
        penalty(date(2023, 3, 1), date(2024, 2, 29)),
    ]);
    let streak = history.cstdcs_streak(2025);
    assert_eq!(streak.years, vec![2024, 2025]);
    assert!(streak.cut_by_penalty);
    // Ending on 31 December, the year it ends does not count either.
    let history = History::new(vec![
        cstdcs(2024),
        cstdcs(2025),
        penalty(date(2024, 1, 10), date(2024, 12, 31)),
    ]);
    assert_eq!(history.cstdcs_streak(2025).years, vec![2025]);
}

#[test]
fn the_penalty_touching_a_year_is_found_with_its_end() {
    let history = History::new(vec![penalty(date(2025, 6, 1), date(2026, 5, 31))]);
    assert_eq!(
        history.penalty_in(2026),
        Some((PenaltyLevel::Reprimand, date(2026, 5, 31)))
    );
    assert_eq!(history.penalty_in(2027), None);
    assert_eq!(history.penalty_in(2024), None);
}

fn facts(year: i32) -> AssessmentFacts {
    AssessmentFacts {
        year,
        rating: crate::domain::rules::TaskRating::Excellent,
        hire_date: date(2015, 1, 1),
        leave: vec![],
        discipline: Discipline::None,
        initiatives: vec![Initiative {
            title: "Số hóa hồ sơ".to_owned(),
            decision_number: "12/QĐ-UBND".to_owned(),
            decision_date: date(2025, 10, 10),
            scope: InitiativeScope::Grassroots,
            used_for: None,
        }],
        accepted_research: 0,
        prior_consecutive_cstdcs_years: 0,
        prior_streak_cut_by_penalty: false,
    }
}

fn recorded_initiative(backs: Option<&str>) -> Entry {
    Entry {
        decision_number: "12/qđ-ubnd ".to_owned(),
        description: "số hóa  hồ sơ".to_owned(),
        backs: backs.map(str::to_owned),
        ..entry(2025, Kind::Initiative(InitiativeScope::Province))
    }
}

#[test]
fn the_history_gives_the_facts_their_years_penalty_period_and_initiative_level() {
    let history = History::new(vec![
        cstdcs(2023),
        cstdcs(2024),
        cstdcs(2025),
        penalty(date(2025, 12, 1), date(2026, 3, 31)),
        recorded_initiative(None),
    ]);
    let facts = facts(2026).with_history(&history);
    assert_eq!(
        facts.prior_consecutive_cstdcs_years, 0,
        "the penalty cuts 2023–2025"
    );
    assert!(facts.prior_streak_cut_by_penalty);
    assert_eq!(
        facts.discipline,
        Discipline::Penalty {
            level: PenaltyLevel::Reprimand,
            ends: Some(date(2026, 3, 31))
        }
    );
    assert_eq!(facts.initiatives[0].scope, InitiativeScope::Province);
    assert_eq!(facts.initiatives[0].used_for, None);
}

#[test]
fn an_initiative_that_backed_an_earlier_title_is_marked_used_but_not_one_of_this_year() {
    let used = History::new(vec![recorded_initiative(Some("CSTDCS 2025"))]);
    assert_eq!(
        facts(2026).with_history(&used).initiatives[0]
            .used_for
            .as_deref(),
        Some("CSTDCS 2025")
    );
    let own = History::new(vec![recorded_initiative(Some("CSTDCS 2026"))]);
    assert_eq!(facts(2026).with_history(&own).initiatives[0].used_for, None);
}

fn known() -> Known<'static> {
    Known {
        employee_codes: &["VP02", "TT01"],
        unit_codes: &["VP", "TT"],
        this_year: 2026,
    }
}

const HEAD: &str =
    "employee_code,unit_code,year,kind,decision_number,decision_date,until,description,backs\n";

#[test]
fn a_valid_file_gives_typed_rows() {
    let csv = format!(
        "{HEAD}VP02,,2025,cstdcs,45/QĐ-SXD,20/01/2026,,,\n\
         VP02,,2025,SANG_KIEN_TINH,12/QĐ-UBND,2025-10-10,,Số hóa hồ sơ,CSTDCS 2025\n\
         TT01,,2024,KHIEN_TRACH,07/QĐ-SXD,01/03/2024,28/02/2025,,\n\
         ,TT,2025,TLDXS,88/QĐ-UBND,15/02/2026,,,\n"
    );
    let rows = file::parse(csv.as_bytes(), &known()).unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].holder, Holder::Person("VP02".to_owned()));
    assert_eq!(rows[0].entry.kind, Kind::Title(Title::Cstdcs));
    assert_eq!(rows[1].entry.backs.as_deref(), Some("CSTDCS 2025"));
    assert_eq!(rows[2].entry.until, Some(date(2025, 2, 28)));
    assert_eq!(rows[3].holder, Holder::Unit("TT".to_owned()));
    assert_eq!(rows[3].line, 5);
}

#[test]
fn every_bad_line_is_reported_with_its_number_and_nothing_is_returned() {
    let csv = format!(
        "{HEAD}VP02,,2025,CSTDCS,45/QĐ-SXD,20/01/2026,,,\n\
         XX99,,2025,CSTDCS,45/QĐ-SXD,20/01/2026,,,\n\
         VP02,,2026,CSTDCS,1/QĐ,20/01/2026,,,\n\
         VP02,,2025,BANG_KHEN,1/QĐ,20/01/2026,,,\n\
         TT01,,2024,CANH_CAO,07/QĐ-SXD,01/03/2024,,,\n\
         ,VP,2025,CSTDCS,1/QĐ,31/02/2026,,,\n\
         VP02,TT,2025,LDTT,1/QĐ,20/01/2026,,,\n\
         VP02,,2025,SANG_KIEN_CO_SO,3/QĐ,20/01/2025,,,CSTDCS\n\
         VP02,,2025,CSTDCS,45/QĐ-SXD,20/01/2026,,,\n"
    );
    let errors = file::parse(csv.as_bytes(), &known()).unwrap_err();
    let problems: Vec<(usize, &Problem)> = errors.iter().map(|e| (e.line, &e.problem)).collect();
    assert!(problems.contains(&(3, &Problem::UnknownPerson("XX99".to_owned()))));
    assert!(problems.contains(&(
        4,
        &Problem::FutureYear {
            year: 2026,
            this_year: 2026
        }
    )));
    assert!(problems.contains(&(5, &Problem::UnknownKind("BANG_KHEN".to_owned()))));
    assert!(problems.contains(&(6, &Problem::Missing("until"))));
    assert!(problems.contains(&(7, &Problem::NotForUnit("CSTDCS"))));
    assert!(
        problems
            .iter()
            .any(|(line, p)| *line == 7 && matches!(p, Problem::BadDate { .. }))
    );
    assert!(problems.contains(&(8, &Problem::BothHolders)));
    assert!(problems.contains(&(9, &Problem::Missing("description"))));
    assert!(problems.contains(&(9, &Problem::BadBacks("CSTDCS".to_owned()))));
    assert!(problems.contains(&(10, &Problem::Duplicate { first_line: 2 })));
    // Every message is bilingual and names the line.
    assert!(
        errors[0]
            .to_string()
            .starts_with("Dòng 3 / line 3: không có cán bộ mã")
    );
}

#[test]
fn a_wrong_header_or_an_empty_file_is_refused() {
    let errors = file::parse(b"ma,nam\n", &known()).unwrap_err();
    assert!(matches!(errors[0].problem, Problem::Header { .. }));
    let errors = file::parse(HEAD.as_bytes(), &known()).unwrap_err();
    assert_eq!(errors[0].problem, Problem::NoRows);
}

#[test]
fn an_xlsx_history_reads_like_the_csv() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, name) in file::HEADER.iter().enumerate() {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, "VP02").unwrap();
    sheet.write_number(1, 2, 2025.0).unwrap();
    sheet.write_string(1, 3, "CSTDCS").unwrap();
    sheet.write_string(1, 4, "45/QĐ-SXD").unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 20).unwrap();
    sheet
        .write_datetime_with_format(1, 5, &day, &format)
        .unwrap();
    // Empty trailing cells: the sheet's range is as wide as the header.
    let rows = file::parse(&book.save_to_buffer().unwrap(), &known()).unwrap();
    assert_eq!(rows[0].entry.decision_date, date(2026, 1, 20));
    assert_eq!(rows[0].entry.year, 2025);
}

fn bang_khen() -> crate::domain::rules::schema::BangKhenRule {
    let rules = crate::domain::rules::builtin(crate::domain::campaign::RuleSet::Luat2022).unwrap();
    rules
        .awards
        .bang_khen_tinh
        .expect("luat-2022 describes the Bằng khen")
}

fn rated_excellent(year: i32) -> Entry {
    entry(
        year,
        Kind::Rating(crate::domain::rules::TaskRating::Excellent),
    )
}

fn initiative_of(year: i32, name: &str, backs: Option<&str>) -> Entry {
    Entry {
        description: name.to_owned(),
        backs: backs.map(str::to_owned),
        ..entry(year, Kind::Initiative(InitiativeScope::Grassroots))
    }
}

#[test]
fn the_bang_khen_takes_two_cstdcs_years_or_two_excellent_years_with_two_unused_initiatives() {
    use super::awards::bang_khen_individual;
    let rule = bang_khen();
    let two = History::new(vec![cstdcs(2024), cstdcs(2025)]);
    assert!(bang_khen_individual(&rule, &two, 2026).eligible);
    assert!(
        !bang_khen_individual(&rule, &two, 2027).eligible,
        "2026 not on record"
    );
    let excellent = History::new(vec![
        rated_excellent(2024),
        rated_excellent(2025),
        initiative_of(2024, "A", None),
        initiative_of(2025, "B", None),
    ]);
    let verdict = bang_khen_individual(&rule, &excellent, 2026);
    assert!(verdict.eligible);
    assert!(verdict.paths[1].met && !verdict.paths[0].met);
    // One initiative already backs a CSTĐCS: it cannot back the Bằng khen too.
    let used = History::new(vec![
        rated_excellent(2024),
        rated_excellent(2025),
        initiative_of(2024, "A", Some("CSTDCS 2024")),
        initiative_of(2025, "B", None),
    ]);
    let verdict = bang_khen_individual(&rule, &used, 2026);
    assert!(!verdict.eligible);
    assert_eq!(verdict.paths[1].initiatives, 1);
    // A penalty ending in 2025 leaves only what comes after.
    let mut penalised = two;
    penalised
        .entries
        .push(penalty(date(2024, 6, 1), date(2025, 5, 31)));
    let verdict = bang_khen_individual(&rule, &penalised, 2026);
    assert!(!verdict.eligible);
    assert_eq!(verdict.paths[0].years, vec![2025]);
}

#[test]
fn a_collective_bang_khen_takes_two_tldxs_years() {
    use super::awards::bang_khen_collective;
    let rule = bang_khen();
    let tldxs = |year| entry(year, Kind::Title(Title::Tldxs));
    assert!(
        bang_khen_collective(&rule, &History::new(vec![tldxs(2024), tldxs(2025)]), 2026).eligible
    );
    assert!(
        !bang_khen_collective(&rule, &History::new(vec![tldxs(2023), tldxs(2025)]), 2026).eligible
    );
}

#[test]
fn an_ad_hoc_giay_khen_is_kept_but_never_counted_as_a_basis() {
    let giay_khen = Kind::Award(Award::GiayKhen);
    let ad_hoc = Entry {
        basis: false,
        ..entry(2025, giay_khen)
    };
    let history = History::new(vec![entry(2024, giay_khen), ad_hoc]);
    // Shown among the year's awards…
    let recent = history.recent_awards(2026, 2);
    assert_eq!(recent[0].0, 2025);
    assert_eq!(recent[0].1.len(), 1);
    // …but no run of years reaches through it.
    assert!(
        history
            .streak_through(2025, |kind| kind == giay_khen)
            .is_empty()
    );
    assert_eq!(
        history.streak_through(2024, |kind| kind == giay_khen).years,
        vec![2024]
    );
}
