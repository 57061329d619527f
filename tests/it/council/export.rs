//! Exports: the XLSX workbook read back with calamine, CSV files with Vietnamese headers, and
//! the council meeting's minutes.

use super::*;
use calamine::{Data, Reader, Xlsx, open_workbook};

async fn approved_campaign() -> Council {
    let (council, _, _, _) = super::decision::ready_for_decision().await;
    let member = council.person("VP02").await;
    sqlx::query(
        "INSERT INTO registrations (campaign_year, person_id, title, status, updated_at)
         VALUES (2026, ?1, 'CSTDCS', 'registered', '2026-03-01T03:00:00Z')",
    )
    .bind(member.0)
    .execute(council.ctx().db.sqlite_pool())
    .await
    .unwrap();
    thidua::services::decision::approve(
        council.ctx(),
        &crate::harness::caller(council.ctx(), DIRECTOR as i64).await,
        "125/QĐ-SXD",
        chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
    )
    .await
    .expect("approved");
    council
}

/// A cell as the reader sees it; a date cell (a real date, not text) as dd/mm/yyyy.
fn text(cell: &Data) -> String {
    match cell {
        Data::DateTime(serial) => {
            // Excel's day 0 is 30 December 1899.
            let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            (epoch + chrono::Days::new(serial.as_f64() as u64))
                .format("%d/%m/%Y")
                .to_string()
        }
        Data::String(text) => text.clone(),
        Data::Float(number) => format!("{number}"),
        Data::Int(number) => format!("{number}"),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[tokio::test]
async fn the_workbook_reads_back_with_one_sheet_per_table_and_the_expected_rows() {
    let council = approved_campaign().await;
    let mut conn = council.ctx().db.read().await.unwrap();
    let sheets = thidua::export::campaign_sheets(&mut conn, &council.ctx().org, 2026)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let written =
        thidua::cli::export::write(&sheets, "xlsx", Some(dir.path().join("tk.xlsx")), 2026)
            .unwrap();
    let mut workbook: Xlsx<_> = open_workbook(&written[0]).expect("the workbook opens");
    assert_eq!(
        workbook.sheet_names(),
        [
            "Đăng ký",
            "Tự đánh giá",
            "Họp bình xét",
            "Đề nghị",
            "Kết quả bỏ phiếu",
            "Quyết định",
            "Lịch sử khen thưởng",
            "Khối thi đua – xếp hạng",
            "Khối thi đua – bảng điểm"
        ]
    );
    // Every table opens with its STT column numbering the rows; the rest is read without it.
    let rows = |workbook: &mut Xlsx<_>, name: &str| -> Vec<Vec<String>> {
        let range = workbook.worksheet_range(name).unwrap();
        for (index, row) in range.rows().enumerate() {
            let expected = if index == 0 {
                "STT".to_owned()
            } else {
                index.to_string()
            };
            assert_eq!(text(&row[0]), expected, "{name}, row {index}");
        }
        range
            .rows()
            .map(|row| row.iter().skip(1).map(text).collect())
            .collect()
    };
    let registrations = rows(&mut workbook, "Đăng ký");
    // Dates are date cells, not text.
    let range = workbook.worksheet_range("Quyết định").unwrap();
    assert!(matches!(range.rows().nth(1).unwrap()[3], Data::DateTime(_)));
    assert_eq!(
        registrations[0][..3],
        ["Mã cán bộ", "Cá nhân / Tập thể", "Tên"]
    );
    assert_eq!(registrations.len(), 2);
    assert_eq!(
        registrations[1],
        [
            "VP02",
            "Cá nhân",
            "Nguyễn Thị Mai",
            "Văn phòng",
            "Chiến sĩ thi đua cơ sở",
            "Đã đăng ký",
            "01/03/2026"
        ]
    );

    let ballot = rows(&mut workbook, "Kết quả bỏ phiếu");
    assert_eq!(ballot.len(), 3, "two nominees on the ballot: {ballot:?}");
    assert_eq!(ballot[0][3], "Tổng số thành viên Hội đồng");
    let mai = ballot
        .iter()
        .find(|row| row[1] == "Nguyễn Thị Mai")
        .expect("Mai's row");
    assert_eq!(
        mai[2..],
        [
            "Chiến sĩ thi đua cơ sở",
            "4",
            "4",
            "0",
            "100",
            "Được công nhận"
        ]
    );
    let lan = ballot
        .iter()
        .find(|row| row[1] == "Phạm Thị Lan")
        .expect("Lan's row");
    assert_eq!(lan[3..], ["4", "3", "1", "75", "Không đạt"]);

    let nominations = rows(&mut workbook, "Đề nghị");
    assert_eq!(nominations.len(), 1 + 153);
    let decisions = rows(&mut workbook, "Quyết định");
    assert_eq!(decisions[1][..3], ["Phê duyệt", "125/QĐ-SXD", "15/12/2026"]);
    assert_eq!(decisions[1][4], "Võ Minh Đức");
    // The decision made the year history: Mai's CSTĐCS is on the history sheet.
    let history = rows(&mut workbook, "Lịch sử khen thưởng");
    assert_eq!(
        history[0][..3],
        ["Mã cán bộ / đơn vị", "Họ và tên / Tên đơn vị", "Năm"]
    );
    assert!(
        history.iter().any(|row| row[..6]
            == [
                "VP02",
                "Nguyễn Thị Mai",
                "2026",
                "Chiến sĩ thi đua cơ sở",
                "125/QĐ-SXD",
                "15/12/2026"
            ]
            && row[9] == "Đợt thi đua trên hệ thống"),
        "{history:?}"
    );
    // Counts only: no sheet names a voter next to a choice.
    assert!(
        !workbook
            .sheet_names()
            .iter()
            .any(|name| name.contains("phiếu bầu"))
    );
}

#[tokio::test]
async fn csv_files_have_vietnamese_headers_and_the_minutes_show_the_count() {
    let council = approved_campaign().await;
    let mut conn = council.ctx().db.read().await.unwrap();
    let sheets = thidua::export::campaign_sheets(&mut conn, &council.ctx().org, 2026)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let written =
        thidua::cli::export::write(&sheets, "csv", Some(dir.path().to_path_buf()), 2026).unwrap();
    assert_eq!(written.len(), 9);
    let ballot = std::fs::read_to_string(dir.path().join("ket-qua-bo-phieu.csv")).unwrap();
    let mut lines = ballot.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{feff}STT,Đơn vị,Cá nhân / Tập thể,Danh hiệu,Tổng số thành viên Hội đồng,Đồng ý,Không đồng ý,Tỷ lệ đồng ý (%),Kết quả"
    );
    assert!(
        ballot.contains("Văn phòng,Nguyễn Thị Mai,Chiến sĩ thi đua cơ sở,4,4,0,100,Được công nhận"),
        "{ballot}"
    );
    let decisions = std::fs::read_to_string(dir.path().join("quyet-dinh.csv")).unwrap();
    assert!(decisions.starts_with("\u{feff}STT,Kết quả,Số quyết định,Ngày quyết định"));
    assert!(
        decisions.contains("Phê duyệt,125/QĐ-SXD,15/12/2026"),
        "{decisions}"
    );

    let campaign = thidua::storage::campaigns::find(&mut conn, 2026)
        .await
        .unwrap()
        .unwrap();
    let rules = council.ctx().rules.rules(&campaign).await.unwrap();
    let page = thidua::export::minutes_html(&mut conn, &council.ctx().org, &campaign, &rules)
        .await
        .unwrap();
    assert!(page.contains("<h2 class=\"center\">BIÊN BẢN</h2>"));
    assert!(
        page.contains(
            "Tổng số thành viên Hội đồng: <b>4</b>. Số thành viên tham gia bỏ phiếu: <b>4</b>"
        ),
        "{page}"
    );
    assert!(
        page.contains("Chiến sĩ thi đua cơ sở: từ 80% tổng số thành viên")
            && page.contains("Chiến sĩ thi đua cấp tỉnh: từ 90%")
    );
    assert!(page.contains("<td>Nguyễn Thị Mai</td><td>Văn phòng</td><td>Chiến sĩ thi đua cơ sở</td><td>4</td><td>0</td><td>100%</td><td>Đạt, đề nghị công nhận</td>"), "{page}");
    assert!(page.contains("Quyết định số 125/QĐ-SXD ngày 15/12/2026"));
    // The chair (the director) and the secretary by name, the place and date line.
    assert!(
        page.contains("Chủ trì: Võ Minh Đức, Chủ tịch Hội đồng.")
            && page.contains("Tây Ninh, ngày "),
        "{page}"
    );
}

#[tokio::test]
async fn the_workbook_prints_on_a4_landscape_with_its_header_row_on_every_page_and_columns_fit() {
    use std::io::Read;
    let council = approved_campaign().await;
    let mut conn = council.ctx().db.read().await.unwrap();
    let sheets = thidua::export::campaign_sheets(&mut conn, &council.ctx().org, 2026)
        .await
        .unwrap();
    let bytes = thidua::export::to_xlsx(&sheets).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut xml = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    };
    // The nominations sheet (the fourth): A4 (paper 9), landscape, fitted to the width, the
    // table's name in the page header and the page number in the footer.
    let sheet = read("xl/worksheets/sheet4.xml");
    assert!(sheet.contains(r#"paperSize="9""#), "{sheet:.2000}");
    assert!(sheet.contains(r#"orientation="landscape""#));
    assert!(sheet.contains(r#"fitToHeight="0""#));
    assert!(sheet.contains("Đề nghị") && sheet.contains("Trang &amp;P/&amp;N"));
    // The unit column is as wide as the longest unit name, not its header ("Đơn vị", 6), up to
    // 50 characters; beyond that the text wraps.
    let longest = sheets[3]
        .rows
        .iter()
        .map(|row| match &row[0] {
            thidua::export::Cell::Text(name) => name.chars().count(),
            _ => 0,
        })
        .max()
        .unwrap();
    assert!(longest > 12, "{longest}");
    let width: f64 = sheet
        .split(r#"<col min="2" max="2" width=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|width| width.parse().ok())
        .unwrap_or_else(|| panic!("no width for the unit column: {sheet:.2000}"));
    // Excel's widths carry its padding (20 characters are written as 20.71).
    let expected = (longest + 2).min(50) as f64;
    assert!(
        (width - expected).abs() < 1.0,
        "{width} for unit names of {longest} characters"
    );
    // The header row repeats on every printed page.
    let workbook = read("xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("'Đề nghị'!$1:$1"),
        "{workbook}"
    );
}
