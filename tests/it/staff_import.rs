//! `staff import`: the shipped example file, a BOM, re-import without duplicates, and
//! deactivation of people missing from a new file. Refused files are in `refused`.

mod guard;
mod refused;

use crate::harness::{TestApp, repo_file, test_app};
use thidua::domain::role::Role;
use thidua::services::invite::{self, Selector};
use thidua::services::staff_import::{self, ImportSummary};
use thidua::storage;

pub fn example_csv() -> String {
    std::fs::read_to_string(repo_file("config/staff.example.csv")).expect("example staff file")
}

/// Imports the shipped example: 24 people in the six units.
pub async fn import_example(app: &TestApp) -> ImportSummary {
    staff_import::import(&app.ctx, example_csv().as_bytes())
        .await
        .expect("the example file imports")
}

pub async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(app.ctx.db.sqlite_pool())
        .await
        .expect(sql)
}

/// Everything an import may write, as text, to prove a refused import changed nothing.
async fn snapshot(app: &TestApp) -> Vec<String> {
    let mut rows = Vec::new();
    for sql in [
        "SELECT employee_code || '|' || full_name || '|' || unit_code || '|' || email || '|' || active FROM people ORDER BY id",
        "SELECT person_id || '|' || role FROM person_roles ORDER BY person_id, role",
        "SELECT person_id || '|' || status FROM invites ORDER BY id",
        "SELECT action || '|' || coalesce(subject, '') FROM audit_log ORDER BY id",
    ] {
        let part: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_all(app.ctx.db.sqlite_pool())
            .await
            .expect(sql);
        rows.extend(part);
    }
    rows
}

#[tokio::test]
async fn the_example_file_imports_every_unit_and_role() {
    let app = test_app().await;
    let summary = import_example(&app).await;
    assert_eq!(
        summary,
        ImportSummary {
            created: 24,
            ..ImportSummary::default()
        }
    );

    let mut conn = app.ctx.db.read().await.unwrap();
    for (unit, expected) in [
        ("VP", 5),
        ("TT", 3),
        ("QHPTDT", 4),
        ("QLXD", 4),
        ("QLNVLXD", 4),
        ("TTQHGD", 4),
    ] {
        let members = storage::people::list_active_in_unit(&mut conn, unit)
            .await
            .unwrap();
        assert_eq!(members.len(), expected, "{unit}");
        let heads = members
            .iter()
            .filter(|person| person.has(Role::UnitHead))
            .count();
        assert_eq!(heads, 1, "exactly one head in {unit}");
    }
    let secretaries = storage::people::list_active_with_role(&mut conn, Role::Secretary)
        .await
        .unwrap();
    assert_eq!(secretaries.len(), 1);
    assert_eq!(secretaries[0].unit_code, "VP");
    assert_eq!(
        storage::people::list_active_with_role(&mut conn, Role::Director)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        storage::people::list_active_with_role(&mut conn, Role::CouncilMember)
            .await
            .unwrap()
            .len()
            >= 5
    );
    assert_eq!(
        storage::people::list_active_with_role(&mut conn, Role::Staff)
            .await
            .unwrap()
            .len(),
        24
    );

    let ha = storage::people::find_by_employee_code(&mut conn, "NV002")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ha.full_name, "Nguyễn Thị Thu Hà");
    assert_eq!(ha.gender, thidua::domain::person::Gender::Female);
    assert_eq!(ha.hire_date.to_string(), "2010-03-01");
    assert!(scalar(&app, "SELECT count(*) FROM people WHERE gender = 'female'").await >= 8);
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'person.created' AND source = 'cli'"
        )
        .await,
        24
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'staff.imported'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_file_saved_by_excel_with_a_bom_and_crlf_imports() {
    let app = test_app().await;
    let file = format!("\u{feff}{}", example_csv().replace('\n', "\r\n"));
    let summary = staff_import::import(&app.ctx, file.as_bytes())
        .await
        .expect("BOM accepted");
    assert_eq!(summary.created, 24);
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM people WHERE employee_code = 'NV001'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn reimport_updates_by_employee_code_and_keeps_telegram_and_language() {
    let app = test_app().await;
    import_example(&app).await;
    let mut conn = app.ctx.db.read().await.unwrap();
    let anh = storage::people::find_by_employee_code(&mut conn, "NV004")
        .await
        .unwrap()
        .unwrap();
    storage::people::bind_telegram_user(&mut conn, anh.id, 4004, app.ctx.now())
        .await
        .unwrap();
    storage::people::set_language(
        &mut conn,
        anh.id,
        thidua::domain::language::Lang::En,
        app.ctx.now(),
    )
    .await
    .unwrap();

    let file = example_csv().replace(
        "NV004,Trần Ngọc Ánh,VP,Chuyên viên,tngocanh@example.gov.vn,nữ,2019-02-18,staff",
        "NV004,Trần Ngọc Ánh,TT,Thanh tra viên,TNgocAnh@example.gov.vn,nữ,2019-02-18,staff;council_member",
    );
    let summary = staff_import::import(&app.ctx, file.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        summary,
        ImportSummary {
            updated: 1,
            unchanged: 23,
            ..ImportSummary::default()
        }
    );
    assert_eq!(scalar(&app, "SELECT count(*) FROM people").await, 24);

    let anh = storage::people::find_by_employee_code(&mut conn, "NV004")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (anh.unit_code.as_str(), anh.position.as_str()),
        ("TT", "Thanh tra viên")
    );
    assert!(anh.has(Role::CouncilMember) && anh.has(Role::Staff));
    assert_eq!(anh.telegram_user_id, Some(4004));
    assert_eq!(anh.lang, thidua::domain::language::Lang::En);
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'person.updated' AND subject = 'NV004'"
        )
        .await,
        1
    );

    // The same file again changes nothing.
    let again = staff_import::import(&app.ctx, file.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        again,
        ImportSummary {
            unchanged: 24,
            ..ImportSummary::default()
        }
    );
}

#[tokio::test]
async fn people_missing_from_a_new_file_are_deactivated_and_their_invites_revoked() {
    let app = test_app().await;
    import_example(&app).await;
    invite::issue(&app.ctx, &Selector::Employee("NV024".into()), false)
        .await
        .unwrap();

    let without: String = example_csv()
        .lines()
        .filter(|line| !line.starts_with("NV024,"))
        .map(|line| format!("{line}\n"))
        .collect();
    let summary = staff_import::import(&app.ctx, without.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        summary,
        ImportSummary {
            deactivated: 1,
            unchanged: 23,
            invites_revoked: 1,
            ..ImportSummary::default()
        }
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT active FROM people WHERE employee_code = 'NV024'"
        )
        .await,
        0
    );
    assert_eq!(
        scalar(&app, "SELECT count(*) FROM people").await,
        24,
        "deactivated, not deleted"
    );
    let statuses: Vec<String> = sqlx::query_scalar("SELECT status FROM invites")
        .fetch_all(app.ctx.db.sqlite_pool())
        .await
        .unwrap();
    assert_eq!(statuses, ["revoked"]);
    let mut conn = app.ctx.db.read().await.unwrap();
    assert_eq!(
        storage::people::list_active_in_unit(&mut conn, "TTQHGD")
            .await
            .unwrap()
            .len(),
        3
    );

    // Importing the same shorter file again deactivates nobody new.
    let again = staff_import::import(&app.ctx, without.as_bytes())
        .await
        .unwrap();
    assert_eq!(again.deactivated, 0);

    // Back in the file: reactivated, counted as an update.
    let back = import_example(&app).await;
    assert_eq!(
        back,
        ImportSummary {
            updated: 1,
            unchanged: 23,
            ..ImportSummary::default()
        }
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT active FROM people WHERE employee_code = 'NV024'"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM audit_log WHERE action = 'person.reactivated'"
        )
        .await,
        1
    );
}
