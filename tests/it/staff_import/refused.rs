//! Refused staff files: every kind of bad row, a wrong header, an e-mail held by another
//! employee — each listed with its line and reason, and nothing written.

use super::{example_csv, import_example, scalar, snapshot};
use crate::harness::test_app;
use thidua::domain::staff_file::Problem;
use thidua::services::staff_import::{self, ImportError, ImportSummary};

fn rejected(result: Result<ImportSummary, ImportError>) -> Vec<(usize, Problem)> {
    match result {
        Err(ImportError::Rejected(errors)) => errors
            .into_iter()
            .map(|error| (error.line, error.problem))
            .collect(),
        other => panic!("expected the file to be refused, got {other:?}"),
    }
}

#[tokio::test]
async fn each_kind_of_bad_row_is_listed_and_nothing_is_written() {
    let example = example_csv();
    // Appended after the 25 lines of the example, so the bad row is line 26.
    let cases: Vec<(&str, Problem)> = vec![
        (
            "NV100,Lê Chí,PHONGX,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,staff",
            Problem::UnknownUnit("PHONGX".into()),
        ),
        (
            "NV100,Lê Chí,VP,Chuyên viên,chi@example,nam,2020-01-01,staff",
            Problem::BadEmail("chi@example".into()),
        ),
        (
            "NV100,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020/01/15,staff",
            Problem::BadDate("2020/01/15".into()),
        ),
        (
            "NV100,Lê Chí,VP,Phó Giám đốc,chi@example.gov.vn,nam,2020-01-01,staff;director",
            Problem::SecondDirector { first_line: 2 },
        ),
        (
            "NV100,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,staff;boss",
            Problem::UnknownRole("boss".into()),
        ),
        (
            "NV100,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020-01-01, ; ",
            Problem::EmptyRoles,
        ),
        (
            "NV100,Lê Chí,VP,,chi@example.gov.vn,nam,2020-01-01,staff",
            Problem::Missing("position"),
        ),
        (
            "NV005,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,staff",
            Problem::DuplicateCode {
                code: "NV005".into(),
                first_line: 6,
            },
        ),
        (
            "NV100,Lê Chí,VP,Chuyên viên,PQHUNG@example.gov.vn,nam,2020-01-01,staff",
            Problem::DuplicateEmail {
                email: "pqhung@example.gov.vn".into(),
                first_line: 2,
            },
        ),
        (
            "NV100,Lê Chí,TT,Phó Chánh Thanh tra,chi@example.gov.vn,nam,2020-01-01,staff;unit_head",
            Problem::SecondUnitHead {
                unit: "TT".into(),
                first_line: 7,
            },
        ),
        (
            "NV100,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020-01-01",
            Problem::ColumnCount { found: 7 },
        ),
        (
            "NV100,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,không rõ,2020-01-01,staff",
            Problem::BadGender("không rõ".into()),
        ),
    ];
    for (row, expected) in cases {
        let app = test_app().await;
        let before = snapshot(&app).await;
        let file = format!("{example}{row}\n");
        let found = rejected(staff_import::import(&app.ctx, file.as_bytes()).await);
        assert_eq!(found, vec![(26, expected)], "{row}");
        assert_eq!(snapshot(&app).await, before, "nothing written for {row}");
        assert_eq!(scalar(&app, "SELECT count(*) FROM people").await, 0);
    }
}

#[tokio::test]
async fn a_wrong_header_is_refused_at_line_one() {
    let app = test_app().await;
    let file = example_csv().replacen("hire_date", "ngay_tuyen_dung", 1);
    let found = rejected(staff_import::import(&app.ctx, file.as_bytes()).await);
    assert_eq!(found.len(), 1);
    assert!(
        matches!(&found[0], (1, Problem::Header { found }) if found.contains("ngay_tuyen_dung"))
    );
}

#[tokio::test]
async fn a_refused_reimport_leaves_the_existing_people_untouched() {
    let app = test_app().await;
    import_example(&app).await;
    let before = snapshot(&app).await;
    // NV004 renamed (would be an update) but NV024's row is broken: all or nothing.
    let file = example_csv()
        .replace("Trần Ngọc Ánh", "Trần Ngọc Ánh Dương")
        .replace("ltdiemmy@example.gov.vn", "ltdiemmy(at)example.gov.vn");
    let found = rejected(staff_import::import(&app.ctx, file.as_bytes()).await);
    assert_eq!(
        found,
        vec![(25, Problem::BadEmail("ltdiemmy(at)example.gov.vn".into()))]
    );
    assert_eq!(snapshot(&app).await, before);
}

#[tokio::test]
async fn an_email_of_another_existing_employee_is_refused() {
    let app = test_app().await;
    import_example(&app).await;
    let before = snapshot(&app).await;
    // NV005's address given to a new person while NV005 is dropped from the file.
    let file = example_csv().replace("NV005,", "NV099,");
    let found = rejected(staff_import::import(&app.ctx, file.as_bytes()).await);
    assert_eq!(
        found,
        vec![(
            6,
            Problem::EmailTaken {
                email: "vdthinh@example.gov.vn".into(),
                employee_code: "NV005".into()
            }
        )]
    );
    assert_eq!(snapshot(&app).await, before);
}
