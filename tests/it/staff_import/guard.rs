//! An import cannot wipe a department: a partial file that would deactivate the director, the
//! secretary and the unit heads stops and writes nothing until confirmed; a dry run lists who
//! is added, changed and deactivated and writes nothing; the files a Vietnamese-locale Excel
//! saves (`;` CSV with dd/mm/yyyy dates, XLSX) import like the plain one.

use super::{example_csv, import_example, scalar, snapshot};
use crate::harness::test_app;
use thidua::domain::role::Role;
use thidua::services::staff_import::{self, ChangeKind, ImportError, ImportOptions, ImportSummary};

/// The example's first unit only (VP, five people): what a filter left on in Excel exports.
fn office_only() -> String {
    example_csv()
        .lines()
        .enumerate()
        .filter(|(index, line)| *index == 0 || line.split(',').nth(2) == Some("VP"))
        .map(|(_, line)| format!("{line}\n"))
        .collect()
}

#[tokio::test]
async fn a_partial_file_that_would_deactivate_the_heads_stops_and_writes_nothing() {
    let app = test_app().await;
    import_example(&app).await;
    let before = snapshot(&app).await;

    let refused = staff_import::import(&app.ctx, office_only().as_bytes()).await;
    let Err(ImportError::NeedsConfirmation(risk)) = refused else {
        panic!("expected a request for confirmation, got {refused:?}");
    };
    assert_eq!(risk.active, 24);
    assert!(risk.too_many(), "{} of 24 leave", risk.deactivated);
    let heads: Vec<&str> = risk
        .key_holders
        .iter()
        .filter(|person| person.roles.has(Role::UnitHead))
        .map(|person| person.unit_code.as_str())
        .collect();
    assert_eq!(heads.len(), 5, "every other unit's head: {heads:?}");
    assert_eq!(snapshot(&app).await, before, "nothing written");

    // Confirmed, it is applied.
    let confirmed = staff_import::import_with(
        &app.ctx,
        office_only().as_bytes(),
        ImportOptions {
            confirm_deactivations: true,
            ..ImportOptions::default()
        },
    )
    .await
    .expect("confirmed");
    assert!(confirmed.written);
    assert_eq!(confirmed.summary.deactivated, risk.deactivated);
    assert_eq!(
        scalar(&app, "SELECT count(*) FROM people WHERE active = 1").await,
        24 - risk.deactivated as i64
    );
}

#[tokio::test]
async fn a_departing_director_alone_needs_confirming() {
    let app = test_app().await;
    import_example(&app).await;
    let without_director: String = example_csv()
        .lines()
        .filter(|line| !line.starts_with("NV001,"))
        .map(|line| format!("{line}\n"))
        .collect();
    let refused = staff_import::import(&app.ctx, without_director.as_bytes()).await;
    let Err(ImportError::NeedsConfirmation(risk)) = refused else {
        panic!("expected a request for confirmation, got {refused:?}");
    };
    assert!(!risk.too_many());
    assert_eq!(risk.key_holders.len(), 1);
    assert_eq!(risk.key_holders[0].employee_code, "NV001");
    assert_eq!(
        scalar(
            &app,
            "SELECT active FROM people WHERE employee_code = 'NV001'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_dry_run_lists_every_change_and_writes_nothing() {
    let app = test_app().await;
    import_example(&app).await;
    let before = snapshot(&app).await;
    let changed = office_only().replace("Chánh Văn phòng", "Phó Giám đốc Sở")
        + "NV100,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,01/02/2020,staff\n";

    let outcome = staff_import::import_with(
        &app.ctx,
        changed.as_bytes(),
        ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .await
    .expect("a dry run reports even a risky file");
    assert!(!outcome.written);
    assert_eq!(snapshot(&app).await, before, "a dry run writes nothing");
    assert!(outcome.needs_confirmation.is_some());
    let created: Vec<&str> = outcome
        .changes
        .iter()
        .filter(|change| change.what == ChangeKind::Created)
        .map(|change| change.full_name.as_str())
        .collect();
    assert_eq!(created, ["Lê Chí"]);
    assert!(
        outcome
            .changes
            .iter()
            .any(|change| change.what == ChangeKind::Updated(vec!["position"])),
        "{:?}",
        outcome.changes
    );
    let deactivated = outcome
        .changes
        .iter()
        .filter(|change| matches!(change.what, ChangeKind::Deactivated(_)))
        .count();
    assert_eq!(deactivated, outcome.summary.deactivated);
    assert!(deactivated >= 5);
}

#[tokio::test]
async fn excel_files_of_a_vietnamese_locale_import_like_the_plain_file() {
    let app = test_app().await;
    import_example(&app).await;
    // Excel in a Vietnamese locale: `;` between cells, day-first dates, CRLF and a BOM.
    let mut excel = String::from("\u{feff}");
    for (index, line) in example_csv().lines().enumerate() {
        let mut cells: Vec<String> = line.split(',').map(str::to_owned).collect();
        if index > 0 {
            let date = chrono::NaiveDate::parse_from_str(&cells[6], "%Y-%m-%d").unwrap();
            cells[6] = date.format("%d/%m/%Y").to_string();
            cells[7] = format!("\"{}\"", cells[7]);
        }
        excel.push_str(&cells.join(";"));
        excel.push_str("\r\n");
    }
    let summary = staff_import::import(&app.ctx, excel.as_bytes())
        .await
        .expect("a Vietnamese Excel CSV imports");
    assert_eq!(
        summary,
        ImportSummary {
            unchanged: 24,
            ..ImportSummary::default()
        }
    );

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (row, line) in example_csv().lines().enumerate() {
        for (column, cell) in line.split(',').enumerate() {
            sheet.write_string(row as u32, column as u16, cell).unwrap();
        }
    }
    let summary = staff_import::import(&app.ctx, &book.save_to_buffer().unwrap())
        .await
        .expect("an XLSX file imports");
    assert_eq!(summary.unchanged, 24);
}
